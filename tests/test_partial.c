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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partial_shard_hash),
        cmocka_unit_test(test_partial_checksum_chunking),
        cmocka_unit_test(test_partial_merge_equals_whole),
        cmocka_unit_test(test_partial_merge_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
