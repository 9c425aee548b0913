/* fuzz_common.c - what the fuzz targets share: reading an input as one
 * shard, and checking that the shards of an input merge to its report
 * (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>

int fuzz_partial_ok(const ndr_report_options *opt)
{
    return !opt->by_segment && ndr_partial_method_ok(opt);
}

ndr_status fuzz_read(ndr_dataset *ds, const unsigned char *data, size_t size, size_t chunk,
                     unsigned flags)
{
    ndr_reader *r = ndr_reader_new(ds, "fuzz.csv", flags, NULL, NULL);
    ndr_status st = NDR_OK;
    for (size_t off = 0; off < size && st == NDR_OK; off += chunk)
        st = ndr_reader_feed(r, data + off, size - off < chunk ? size - off : chunk);
    if (st == NDR_OK)
        st = ndr_reader_finish(r);
    ndr_reader_free(r);
    char msg[400];
    if (st == NDR_OK)
        st = ndr_dataset_finish_reading(ds, 0, NULL, NULL, msg, sizeof msg);
    return st;
}

/* Reads data as shard k of n (k = 0: no shard) in chunks; returns the
 * data set (NULL when reading failed) and the stats. */
static ndr_dataset *read_shard(const unsigned char *data, size_t size, size_t chunk, unsigned k,
                               unsigned n, ndr_read_stats *s)
{
    ndr_dataset *ds = ndr_dataset_new();
    if (k)
        ndr_dataset_set_shard(ds, k, n);
    ndr_status st = fuzz_read(ds, data, size, chunk, NDR_READ_CHECKSUM);
    *s = *ndr_dataset_input_stats(ds, 0);
    if (st != NDR_OK) {
        ndr_dataset_free(ds);
        return NULL;
    }
    return ds;
}

void fuzz_check_shards(const unsigned char *data, size_t size, size_t chunk,
                       const ndr_report_options *opt)
{
    ndr_read_stats whole, part[3];
    ndr_dataset *all = read_shard(data, size, chunk, 0, 0, &whole);
    ndr_report_options o = *opt;
    ndr_report *want = NULL;
    char msg[400];
    if (all == NULL || !fuzz_partial_ok(&o))
        goto out;
    ndr_status wst = ndr_report_compute(all, &o, &want, msg, sizeof msg);
    ndr_merge *m = ndr_merge_new();
    uint64_t read = 0, rejected = 0, blank = 0, used = 0, dup = 0, not_mrr = 0;
    int ok = 1;
    for (unsigned k = 1; k <= 3; k++) {
        ndr_dataset *ds = read_shard(data, size, chunk, k, 3, &part[k - 1]);
        if (ds == NULL)
            abort(); /* the whole input read fine */
        read += part[k - 1].rows_read;
        used += part[k - 1].rows_used;
        rejected += part[k - 1].rows_rejected;
        blank += part[k - 1].blank_lines;
        dup += part[k - 1].rows_duplicate;
        not_mrr += part[k - 1].rows_not_mrr;
        if (part[k - 1].rows_read + part[k - 1].rows_other_shards != whole.rows_read)
            abort();
        ndr_report *r = NULL;
        ndr_date a, b;
        if (ndr_dataset_date_range(ds, &a, &b) == 0 &&
            ndr_report_compute(ds, &o, &r, msg, sizeof msg) != NDR_OK)
            ok = 0; /* e.g. a currency conflict inside one shard */
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        ndr_source src = {"fuzz.csv", part[k - 1], NULL};
        if (ok)
            ndr_partial_write(&o, r, ds, NULL, &src, 1, out);
        fclose(out);
        FILE *in = fmemopen(buf, len ? len : 1, "r");
        if (ok && ndr_merge_add(m, in, "p", msg, sizeof msg) != NDR_OK)
            abort();
        fclose(in);
        free(buf);
        ndr_report_free(r);
        ndr_dataset_free(ds);
    }
    if (read != whole.rows_read || used != whole.rows_used ||
        rejected != whole.rows_rejected || blank != whole.blank_lines ||
        dup != whole.rows_duplicate || not_mrr != whole.rows_not_mrr)
        abort();
    ndr_report *got = NULL;
    ndr_status gst = ok ? ndr_merge_compute(m, NULL, &got, msg, sizeof msg) : wst;
    if (ok && wst == NDR_OK) {
        if (gst != NDR_OK || ndr_report_count(got) != ndr_report_count(want))
            abort();
        for (size_t i = 0; i < ndr_report_count(want); i++) {
            const ndr_period *p = ndr_report_period(want, i), *q = ndr_report_period(got, i);
            if (p->period_end != q->period_end || p->customers != q->customers ||
                p->retained_customers != q->retained_customers || p->prior_mrr != q->prior_mrr ||
                p->current_mrr != q->current_mrr || p->churned_mrr != q->churned_mrr ||
                p->expansion_mrr != q->expansion_mrr || p->complete != q->complete)
                abort();
        }
    }
    ndr_report_free(got);
    ndr_report_free(want);
    ndr_merge_free(m);
out:
    ndr_dataset_free(all);
}

