/* fuzz_merge.c - libFuzzer target for ndr merge: the input is one to four
 * partials separated by lines "--" (seeds: the partials of real shards,
 * which the fuzzer mutates). Whatever they say, merge must refuse them
 * with a message or give a report whose every period keeps the
 * invariants (counts and money >= 0, retained <= customers, prior +
 * expansion - contraction - churn = current), and write it in every
 * format without a crash. */
#include "ndr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(const ndr_report *r, FILE *sink)
{
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        const ndr_period *p = ndr_report_period(r, i);
        if (p->prior_mrr + p->expansion_mrr - p->contraction_mrr - p->churned_mrr !=
                p->current_mrr ||
            p->retained_customers > p->customers || p->prior_mrr < 0 || p->current_mrr < 0 ||
            p->retained_mrr > p->prior_mrr || p->retained_mrr > p->current_mrr)
            abort();
    }
    ndr_report_write(r, NDR_FORMAT_CSV, NULL, 0, sink);
    ndr_report_write(r, NDR_FORMAT_JSON, NULL, 0, sink);
    ndr_report_write(r, NDR_FORMAT_TABLE, NULL, 0, sink);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL)
        sink = fopen("/dev/null", "w");
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ndr_merge *m = ndr_merge_new();
    char msg[600];
    ndr_status st = NDR_OK;
    char *part = text;
    for (int k = 0; k < 4 && part && st == NDR_OK; k++) {
        char *sep = strstr(part, "\n--\n");
        size_t len = sep ? (size_t)(sep - part) + 1 : strlen(part);
        FILE *in = fmemopen(part, len ? len : 1, "r");
        if (in == NULL)
            break;
        st = ndr_merge_add(m, in, "fuzz.ndr", msg, sizeof msg);
        fclose(in);
        part = sep ? sep + 4 : NULL;
    }
    ndr_report *r = NULL;
    if (st == NDR_OK && ndr_merge_compute(m, NULL, &r, msg, sizeof msg) == NDR_OK)
        check(r, sink);
    ndr_report_free(r);
    ndr_merge_free(m);
    free(text);
    return 0;
}
