/* test_partial.c - shards, partials and their merge: the documented shard
 * hash on known FNV-1a vectors, the input checksum for any chunking, every
 * row counted in exactly one shard, and a merge of 1, 2 and 7 shards equal
 * to the whole report figure for figure, whether the input arrives in one
 * piece or in small chunks (the fast path sees whole lines only then). */
#include "testutil.h"
#include "checksum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (even: shard 1 of 2), of "b"
 * 0xaf63df4c8601f1a5 (odd: shard 2 of 2), of "foobar" 0x85944171f73967e8
 * (mod 7 = 6: shard 7 of 7). */
static void test_partial_shard_hash(void **state)
{
    (void)state;
    assert_int_equal(ndr_shard_of("a", 1, 2), 1);
    assert_int_equal(ndr_shard_of("b", 1, 2), 2);
    assert_int_equal(ndr_shard_of("foobar", 6, 7), 7);
    assert_int_equal(ndr_shard_of("anything", 8, 1), 1);
    assert_int_equal(0x85944171f73967e8ULL % 7, 6);
}

static void test_partial_checksum_chunking(void **state)
{
    (void)state;
    char data[300], whole[17], part[17];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)(i * 7 + 3);
    ndr_checksum c;
    ndr_checksum_init(&c);
    ndr_checksum_update(&c, data, sizeof data);
    ndr_checksum_hex(&c, whole);
    assert_int_equal(strlen(whole), 16);
    for (size_t step = 1; step < 20; step++) {
        ndr_checksum_init(&c);
        for (size_t off = 0; off < sizeof data; off += step)
            ndr_checksum_update(&c, data + off, sizeof data - off < step ? sizeof data - off : step);
        ndr_checksum_hex(&c, part);
        assert_string_equal(part, whole);
    }
    /* one changed byte, one byte less: another checksum */
    data[150] ^= 1;
    ndr_checksum_init(&c);
    ndr_checksum_update(&c, data, sizeof data);
    ndr_checksum_hex(&c, part);
    assert_string_not_equal(part, whole);
    data[150] ^= 1;
    ndr_checksum_init(&c);
    ndr_checksum_update(&c, data, sizeof data - 1);
    ndr_checksum_hex(&c, part);
    assert_string_not_equal(part, whole);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* The partial of shard k of n over csv, fed in chunks of `chunk`. */
static char *partial_of(const char *csv, size_t len, unsigned k, unsigned n, size_t chunk,
                        ndr_read_stats *st)
{
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(ndr_dataset_set_shard(ds, k, n), NDR_OK);
    assert_int_equal(tu_read(ds, csv, len, chunk, NDR_READ_CHECKSUM, st), NDR_OK);
    ndr_report_options o;
    ndr_report_options_init(&o);
    ndr_report *r = NULL;
    ndr_date a, b;
    char msg[300];
    if (ndr_dataset_date_range(ds, &a, &b) == 0)
        assert_int_equal(ndr_report_compute(ds, &o, &r, msg, sizeof msg), NDR_OK);
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    ndr_source src = {"test.csv", *st, NULL};
    assert_int_equal(ndr_partial_write(&o, r, ds, NULL, &src, 1, out), NDR_OK);
    fclose(out);
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return buf;
}

static void assert_same_periods(const ndr_report *a, const ndr_report *b)
{
    assert_int_equal(ndr_report_count(a), ndr_report_count(b));
    for (size_t i = 0; i < ndr_report_count(a); i++) {
        const ndr_period *p = ndr_report_period(a, i), *q = ndr_report_period(b, i);
        assert_int_equal(p->period_end, q->period_end);
        assert_int_equal(p->prior_period_end, q->prior_period_end);
        assert_int_equal(p->customers, q->customers);
        assert_int_equal(p->retained_customers, q->retained_customers);
        assert_int_equal(p->prior_mrr, q->prior_mrr);
        assert_int_equal(p->current_mrr, q->current_mrr);
        assert_int_equal(p->expansion_mrr, q->expansion_mrr);
        assert_int_equal(p->contraction_mrr, q->contraction_mrr);
        assert_int_equal(p->churned_mrr, q->churned_mrr);
        assert_int_equal(p->retained_mrr, q->retained_mrr);
        assert_int_equal(p->complete, q->complete);
    }
}

/* Shards of fixtures/demo.csv and fixtures/scale/odd.csv merge to the
 * whole report; each row is counted in exactly one shard. */
static void merge_case(const char *path, size_t chunk)
{
    size_t len;
    char *csv = slurp(path, &len), msg[400];
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats whole;
    assert_int_equal(tu_read(ds, csv, len, chunk, 0, &whole), NDR_OK);
    ndr_report *want = tu_report(ds, 12, NULL);
    static const unsigned ns[] = {1, 2, 7};
    for (size_t t = 0; t < 3; t++) {
        unsigned n = ns[t];
        ndr_merge *m = ndr_merge_new();
        uint64_t read = 0, rejected = 0, blank = 0;
        for (unsigned k = n; k >= 1; k--) { /* any order */
            ndr_read_stats st;
            char *p = partial_of(csv, len, k, n, chunk, &st);
            read += st.rows_read;
            rejected += st.rows_rejected;
            blank += st.blank_lines;
            assert_int_equal(st.rows_read + st.rows_other_shards, whole.rows_read);
            FILE *in = fmemopen(p, strlen(p), "r");
            assert_int_equal(ndr_merge_add(m, in, "p", msg, sizeof msg), NDR_OK);
            fclose(in);
            free(p);
        }
        assert_int_equal(read, whole.rows_read);
        assert_int_equal(rejected, whole.rows_rejected);
        assert_int_equal(blank, whole.blank_lines);
        ndr_report *got = NULL;
        assert_int_equal(ndr_merge_compute(m, NULL, &got, msg, sizeof msg), NDR_OK);
        assert_same_periods(want, got);
        assert_int_equal(ndr_merge_sources(m)[0].stats.rows_used, whole.rows_used);
        ndr_report_free(got);
        ndr_merge_free(m);
    }
    ndr_report_free(want);
    ndr_dataset_free(ds);
    free(csv);
}

static void test_partial_merge_equals_whole(void **state)
{
    (void)state;
    merge_case("fixtures/demo.csv", 0);
    merge_case("fixtures/demo.csv", 7);
    merge_case("fixtures/scale/odd.csv", 0);
    merge_case("fixtures/scale/odd.csv", 5);
    /* movements with stated MRR levels: a customer whose first movement
     * is an expansion paid from the export's start, which every shard
     * must take from all rows, not its own (found by fuzz_reader) */
    merge_case("fixtures/scale/movement_levels.csv", 0);
    merge_case("fixtures/scale/movement_levels_malformed.csv", 0); /* rows of 11 fields */
    /* a CR inside a line: libcsv ends the row there, and so must a shard's
     * fast path that skips other shards' lines (found by fuzz_options) */
    merge_case("fixtures/scale/mid_line_cr.csv", 0);
    merge_case("fixtures/scale/mid_line_cr.csv", 3);
}

/* A shard twice, a missing shard, another shard count: refused. */
static void test_partial_merge_refusals(void **state)
{
    (void)state;
    size_t len;
    char *csv = slurp("fixtures/demo.csv", &len), msg[400];
    ndr_read_stats st;
    char *p1 = partial_of(csv, len, 1, 3, 0, &st), *p2 = partial_of(csv, len, 2, 3, 0, &st);
    char *q = partial_of(csv, len, 1, 2, 0, &st);
    ndr_merge *m = ndr_merge_new();
    FILE *in = fmemopen(p1, strlen(p1), "r");
    assert_int_equal(ndr_merge_add(m, in, "a", msg, sizeof msg), NDR_OK);
    fclose(in);
    in = fmemopen(p1, strlen(p1), "r");
    assert_int_equal(ndr_merge_add(m, in, "b", msg, sizeof msg), NDR_ERR_DATA);
    assert_non_null(strstr(msg, "shard 1/3 again (also in a)"));
    fclose(in);
    ndr_merge_free(m);

    m = ndr_merge_new();
    in = fmemopen(p2, strlen(p2), "r");
    assert_int_equal(ndr_merge_add(m, in, "b", msg, sizeof msg), NDR_OK);
    fclose(in);
    in = fmemopen(q, strlen(q), "r");
    assert_int_equal(ndr_merge_add(m, in, "q", msg, sizeof msg), NDR_ERR_DATA);
    assert_non_null(strstr(msg, "of 2, but the partials before are of 3 shards"));
    fclose(in);
    ndr_report *r = NULL;
    assert_int_equal(ndr_merge_compute(m, NULL, &r, msg, sizeof msg), NDR_ERR_DATA);
    assert_string_equal(msg, "missing shard(s) of 3: 1/3 3/3");
    assert_null(r);
    ndr_merge_free(m);
    free(p1);
    free(p2);
    free(q);
    free(csv);
}


/* p with its first line starting `prefix` replaced by `with` (NULL: the
 * line dropped; a string starting with that same line: kept and more
 * added). */
static char *edit_line(const char *p, const char *prefix, const char *with)
{
    const char *at = strstr(p, prefix);
    assert_non_null(at);
    const char *end = strchr(at, '\n') + 1;
    size_t size = strlen(p) + (with ? strlen(with) : 0) + 2;
    char *out = malloc(size);
    assert_non_null(out);
    snprintf(out, size, "%.*s%s%s%s", (int)(at - p), p, with ? with : "", with ? "\n" : "",
             end);
    return out;
}

/* The merge of partial p alone: its status, the message in msg. */
static ndr_status merge_one(const char *p, char *msg, size_t size)
{
    ndr_merge *m = ndr_merge_new();
    FILE *in = fmemopen((void *)p, strlen(p), "r");
    ndr_status st = ndr_merge_add(m, in, "p", msg, size);
    fclose(in);
    ndr_report *r = NULL;
    if (st == NDR_OK)
        st = ndr_merge_compute(m, NULL, &r, msg, size);
    ndr_report_free(r);
    ndr_merge_free(m);
    return st;
}

/* A period line of p's first period end with these figures. */
static char *period_line(const char *p, const char *figures)
{
    char e[11], b[11];
    const char *at = strstr(p, "\nperiod ");
    assert_non_null(at);
    assert_int_equal(sscanf(at, "\nperiod %10s %10s", e, b), 2);
    char *line = malloc(300);
    assert_non_null(line);
    snprintf(line, 300, "period %s %s %s", e, b, figures);
    return line;
}

/* issue #16: merge added whatever a partial said (-1 customers gave logo
 * retention 160%, a partial without its range line was dropped). Every
 * line that breaks what a partial of ndr's is, is refused by name. */
static void test_partial_merge_refuses_what_ndr_never_writes(void **state)
{
    (void)state;
    size_t len;
    char *csv = slurp("fixtures/demo.csv", &len), msg[400];
    ndr_read_stats st;
    char *p = partial_of(csv, len, 1, 1, 0, &st);
    assert_int_equal(merge_one(p, msg, sizeof msg), NDR_OK);
    static const struct {
        const char *figures, *why;
    } broken[] = {
        {"-1 0 0 0 0 0 0 0", "bad period line"},
        {"2 1 -100 0 0 0 100 0", "a negative amount"},
        {"2 3 100 100 0 0 0 100", "more retained customers than customers"},
        {"2 1 100 150 0 0 0 100", "prior + expansion - contraction - churn is not current"},
        {"2 1 100 150 50 0 0 120", "retained MRR above prior or current MRR"},
        {"0 0 100 100 0 0 0 100", "MRR without customers"},
        {"2 1 1000000000000000000000000000000000 1 0 0 0 0", "bad period line"},
        {"2 1 100 100 0 0 0 100 7", "bad period line"},
        {"2 1 100 100 0 0 0", "bad period line"},
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        char *line = period_line(p, broken[i].figures);
        char *q = edit_line(p, "period ", line);
        assert_int_equal(merge_one(q, msg, sizeof msg), NDR_ERR_DATA);
        if (strstr(msg, broken[i].why) == NULL)
            fail_msg("%s: got '%s', want '%s'", broken[i].figures, msg, broken[i].why);
        free(q);
        free(line);
    }
    /* one shard, parameters and range line each, exactly */
    static const char *const lines[] = {"shard ", "parameters ", "range "};
    for (size_t i = 0; i < 3; i++) {
        char *q = edit_line(p, lines[i], NULL);
        assert_int_equal(merge_one(q, msg, sizeof msg), NDR_ERR_DATA);
        free(q);
        const char *at = strstr(p, lines[i]);
        char twice[600];
        snprintf(twice, sizeof twice, "%.*s\n%.*s", (int)strcspn(at, "\n"), at,
                 (int)strcspn(at, "\n"), at);
        q = edit_line(p, lines[i], twice);
        assert_int_equal(merge_one(q, msg, sizeof msg), NDR_ERR_DATA);
        assert_non_null(strstr(msg, "a second"));
        free(q);
    }
    /* a shard count of "-1" was 4294967295 shards, and merge listed the
     * missing ones for minutes (found by fuzz_merge) */
    static const char *const shards[] = {"shard 1 -1 fnv1a-64", "shard 1 100001 fnv1a-64",
                                         "shard 0 1 fnv1a-64", "shard 1 1 fnv1a-64 x"};
    for (size_t i = 0; i < 4; i++) {
        char *q1 = edit_line(p, "shard ", shards[i]);
        assert_int_equal(merge_one(q1, msg, sizeof msg), NDR_ERR_DATA);
        assert_non_null(strstr(msg, "bad shard line"));
        free(q1);
    }
    /* an input name ending in a '%' and one hex digit (found by fuzz_merge:
     * the unescaping read past the end); kept as written */
    const char *nm = strstr(p, "input data "), *sp0 = strchr(nm, '\n');
    while (sp0[-1] != ' ') /* back to the space before the name */
        sp0--;
    char named[700];
    snprintf(named, sizeof named, "%.*s%%A", (int)(sp0 - nm), nm);
    char *q0 = edit_line(p, "input data ", named);
    ndr_merge *m0 = ndr_merge_new();
    FILE *in0 = fmemopen(q0, strlen(q0), "r");
    assert_int_equal(ndr_merge_add(m0, in0, "p", msg, sizeof msg), NDR_OK);
    fclose(in0);
    assert_string_equal(ndr_merge_sources(m0)[0].name, "%A");
    ndr_merge_free(m0);
    free(q0);
    /* a negative count in an input line */
    const char *in = strstr(p, "input data ");
    assert_non_null(in);
    char line[600];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(in, "\n"), in);
    char *sp = line;
    for (int k = 0; k < 5; k++) /* to READ: input data BYTES SHA CHECKSUM READ */
        sp = strchr(sp, ' ') + 1;
    char neg[700];
    snprintf(neg, sizeof neg, "%.*s-1%s", (int)(sp - line), line, strchr(sp, ' '));
    char *q = edit_line(p, "input data ", neg);
    assert_int_equal(merge_one(q, msg, sizeof msg), NDR_ERR_DATA);
    assert_non_null(strstr(msg, "negative count"));
    free(q);
    free(p);
    free(csv);
}

/* Money past 64 bits through partials: shards at the row limit merge to
 * the whole; two partials whose sum passes NDR_MONEY_MAX are refused. */
static void test_partial_merge_large_money(void **state)
{
    (void)state;
    size_t size = 1000 * 80 + 64, len = 0;
    char *csv = malloc(size), msg[400];
    assert_non_null(csv);
    len += (size_t)snprintf(csv, size, "customer_id,date,mrr\n");
    /* 1,000 customers starting over three years; some at 0 */
    for (int i = 0; i < 1000; i++)
        len += (size_t)snprintf(csv + len, size - len, "c%d,%d-0%d-01,%s\n", i, 2021 + i % 3,
                                1 + i % 9, i % 7 ? "99999999999999.99999999" : "0");
    FILE *f = fopen("build/large_money.csv", "w");
    assert_non_null(f);
    fputs(csv, f);
    fclose(f);
    merge_case("build/large_money.csv", 0);

    ndr_read_stats st;
    char *p = partial_of(csv, len, 1, 1, 0, &st);
    /* each half the ceiling: fine alone, past it together (as two shards) */
    char *line = period_line(p, "1 1 600000000000000000000000000000000 600000000000000000000000000000000 0 0 0 600000000000000000000000000000000");
    char *q = edit_line(p, "period ", line);
    assert_int_equal(merge_one(q, msg, sizeof msg), NDR_OK);
    char *a = edit_line(q, "shard ", "shard 1 2 fnv1a-64");
    char *b = edit_line(q, "shard ", "shard 2 2 fnv1a-64");
    ndr_merge *m = ndr_merge_new();
    FILE *in = fmemopen(a, strlen(a), "r");
    assert_int_equal(ndr_merge_add(m, in, "a", msg, sizeof msg), NDR_OK);
    fclose(in);
    in = fmemopen(b, strlen(b), "r");
    assert_int_equal(ndr_merge_add(m, in, "b", msg, sizeof msg), NDR_OK);
    fclose(in);
    ndr_report *r = NULL;
    assert_int_equal(ndr_merge_compute(m, NULL, &r, msg, sizeof msg), NDR_ERR_OVERFLOW);
    assert_non_null(strstr(msg, "MRR sum out of range"));
    assert_null(r);
    ndr_merge_free(m);
    free(a);
    free(b);
    free(q);
    free(line);
    free(p);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partial_shard_hash),
        cmocka_unit_test(test_partial_checksum_chunking),
        cmocka_unit_test(test_partial_merge_equals_whole),
        cmocka_unit_test(test_partial_merge_refusals),
        cmocka_unit_test(test_partial_merge_refuses_what_ndr_never_writes),
        cmocka_unit_test(test_partial_merge_large_money),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
