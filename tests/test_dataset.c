/* test_dataset.c - id interning, implicit subscriptions, the one-time
 * sort that groups events by customer and subscription, and rows given
 * twice. */
#include "testutil.h"
#include "dataset_sort.h"

#include <string.h>

#include "dataset.h"
#include "timeline.h"

static void add(ndr_dataset *ds, const char *c, const char *s, const char *day, const char *mrr)
{
    assert_int_equal(ndr_dataset_add(ds, c, strlen(c), s, strlen(s), tu_date(day), tu_money(mrr)),
                     NDR_OK);
}

static void test_dataset_interns_ids(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    add(ds, "a", "s1", "2021-01-01", "1");
    add(ds, "a", "s1", "2021-02-01", "2");
    add(ds, "b", "s1", "2021-01-01", "3"); /* same sub id, other customer */
    add(ds, "a", "", "2021-01-01", "4");   /* implicit subscription */
    add(ds, "a", "s2", "2021-01-01", "5");
    add(ds, "b", "s1", "2021-03-01", "6");
    add(ds, "ab", "", "2021-03-01", "7"); /* a prefix is another id */
    assert_int_equal(ndr_dataset_customer_count(ds), 3);
    assert_int_equal(ndr_dataset_subscription_count(ds), 5);
    assert_int_equal(ndr_dataset_event_count(ds), 7);
    assert_string_equal(ndr_dataset_customer_id(ds, 0, NULL), "a");
    assert_string_equal(ndr_dataset_customer_id(ds, 1, NULL), "b");
    assert_string_equal(ndr_dataset_customer_id(ds, 2, NULL), "ab");
    ndr_dataset_free(ds);
}

static void test_dataset_sort_groups_and_orders(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    add(ds, "a", "s1", "2021-05-01", "1");
    add(ds, "b", "t", "2021-01-01", "2");
    add(ds, "a", "s2", "2021-03-01", "3");
    add(ds, "a", "s1", "2021-01-01", "4");
    add(ds, "a", "s1", "2021-05-01", "5"); /* same day as the first: later wins */
    add(ds, "b", "t", "2020-12-01", "6");
    assert_int_equal(ndr_dataset_sort(ds), NDR_OK);
    /* customer a (0) owns subs 0..1, b (1) owns sub 2 */
    assert_int_equal(ds->cust_sub[0], 0);
    assert_int_equal(ds->cust_sub[1], 2);
    assert_int_equal(ds->cust_sub[2], 3);
    /* a/s1: 2021-01-01 (4), 2021-05-01 (1), 2021-05-01 (5) */
    assert_int_equal(ds->sub_ev[0], 0);
    assert_int_equal(ds->sub_ev[1], 3);
    assert_true(ndr_ev_mrr(&ds->ev[0]) == tu_money("4"));
    assert_true(ndr_ev_mrr(&ds->ev[1]) == tu_money("1"));
    assert_true(ndr_ev_mrr(&ds->ev[2]) == tu_money("5"));
    assert_true(ndr_ev_mrr(&ds->ev[3]) == tu_money("3"));
    assert_true(ndr_ev_mrr(&ds->ev[4]) == tu_money("6"));
    assert_true(ndr_ev_mrr(&ds->ev[5]) == tu_money("2"));
    /* adding after a sort keeps working and re-sorts */
    add(ds, "a", "s1", "2020-01-01", "9");
    assert_int_equal(ndr_dataset_sort(ds), NDR_OK);
    assert_true(ndr_ev_mrr(&ds->ev[0]) == tu_money("9"));
    assert_int_equal(ds->sub_ev[1], 4);
    ndr_dataset_free(ds);
}

static void test_dataset_long_run_sorts_stably(void **state)
{
    (void)state;
    /* one subscription with many events in reverse order, ties included:
     * exercises the merge sort path */
    ndr_dataset *ds = ndr_dataset_new();
    for (int i = 0; i < 1000; i++) {
        ndr_date day = tu_date("2021-01-01") + (999 - i) / 2;
        assert_int_equal(ndr_dataset_add(ds, "c", 1, "s", 1, day, i), NDR_OK);
    }
    assert_int_equal(ndr_dataset_sort(ds), NDR_OK);
    for (size_t i = 1; i < 1000; i++) {
        assert_true(ndr_ev_day(&ds->ev[i - 1]) <= ndr_ev_day(&ds->ev[i]));
        if (ndr_ev_day(&ds->ev[i - 1]) == ndr_ev_day(&ds->ev[i]))
            assert_true(ndr_ev_mrr(&ds->ev[i - 1]) < ndr_ev_mrr(&ds->ev[i])); /* input order kept */
    }
    ndr_dataset_free(ds);
}

/* A lone date across a five-year gap is named; two real clusters are not. */
static void test_dataset_far_date(void **state)
{
    (void)state;
    ndr_far_date f;
    ndr_dataset *ds = ndr_dataset_new();
    char c[16];
    for (int i = 0; i < 200; i++) {
        snprintf(c, sizeof c, "c%d", i);
        add(ds, c, "", i % 2 ? "2021-03-01" : "2022-06-30", "10");
    }
    assert_int_equal(ndr_dataset_far_date(ds, &f), 0);
    add(ds, "c7", "", "2194-01-15", "30");
    assert_int_equal(ndr_dataset_far_date(ds, &f), 1);
    assert_int_equal(f.after, 1);
    assert_int_equal(f.day, tu_date("2194-01-15"));
    assert_int_equal(f.line_day, tu_date("2194-01-15"));
    assert_int_equal(f.rest, tu_date("2022-06-30"));
    assert_int_equal(f.rows, 1);
    ndr_dataset_free(ds);

    /* 3 of 200 rows early: named (the earliest); 100 of 200: a real history */
    ds = ndr_dataset_new();
    for (int i = 0; i < 200; i++) {
        snprintf(c, sizeof c, "c%d", i);
        add(ds, c, "", i < 2 ? "1990-05-01" : i < 3 ? "1991-01-01" : "2021-03-01", "10");
    }
    assert_int_equal(ndr_dataset_far_date(ds, &f), 0); /* 3 > 1% of 200 */
    ndr_dataset_free(ds);
    ds = ndr_dataset_new();
    for (int i = 0; i < 400; i++) {
        snprintf(c, sizeof c, "c%d", i);
        add(ds, c, "", i < 2 ? "1990-05-01" : i < 3 ? "1991-01-01" : "2021-03-01", "10");
    }
    assert_int_equal(ndr_dataset_far_date(ds, &f), 1);
    assert_int_equal(f.after, 0);
    assert_int_equal(f.day, tu_date("1990-05-01"));
    assert_int_equal(f.rest, tu_date("2021-03-01"));
    assert_int_equal(f.rows, 3);
    ndr_dataset_free(ds);
    ds = ndr_dataset_new();
    for (int i = 0; i < 200; i++) {
        snprintf(c, sizeof c, "c%d", i);
        add(ds, c, "", i % 2 ? "2001-03-01" : "2021-03-01", "10");
    }
    assert_int_equal(ndr_dataset_far_date(ds, &f), 0);
    ndr_dataset_free(ds);
}

static void record(ndr_dataset *ds, uint32_t src, uint64_t line, const char *start,
                   uint64_t ident, uint64_t content)
{
    ndr_tl_rec rec = {0};
    rec.kind = NDR_TL_STATE;
    rec.start = tu_date(start);
    rec.t0 = (int64_t)rec.start * 86400;
    rec.end = NDR_NO_END;
    rec.t1 = NDR_NO_TIME;
    rec.amount = tu_money("10");
    rec.line = line;
    rec.src = src;
    rec.ident = ident;
    rec.content = content;
    assert_int_equal(ndr_dataset_add_record(ds, "c", 1, "s", 1, &rec), NDR_OK);
}

typedef struct rejected {
    size_t n;
    uint64_t line[8];
} rejected;

static void on_reject(void *ctx, const char *source, uint64_t line, const char *reason)
{
    rejected *r = ctx;
    (void)source;
    (void)reason;
    if (r->n < 8)
        r->line[r->n++] = line;
}

/* Two rows claiming earlier rows' identities with other values are
 * rejected in input order, whatever the order of the identity hashes
 * (which are keyed per data set, so that order differs from run to run):
 * messages, and the one --strict stops at, must not. Here the later
 * identity hashes lower. */
static void test_dataset_repeats_rejected_in_input_order(void **state)
{
    (void)state;
    for (unsigned strict = 0; strict <= 1; strict++) {
        ndr_dataset *ds = ndr_dataset_new();
        uint32_t src;
        assert_int_equal(ndr_dataset_add_input(ds, "t.csv", &src), NDR_OK);
        record(ds, src, 2, "2021-01-01", 9, 1);
        record(ds, src, 3, "2021-02-01", 5, 1);
        record(ds, src, 4, "2021-01-01", 9, 2); /* line 2's identity, other values */
        record(ds, src, 5, "2021-02-01", 5, 2); /* line 3's */
        record(ds, src, 6, "2021-02-01", 5, 1); /* line 3 again: a duplicate */
        rejected r = {0};
        char msg[600] = "";
        ndr_status st = ndr_dataset_finish_reading(ds, strict ? NDR_READ_STRICT : 0, on_reject,
                                                   &r, msg, sizeof msg);
        if (strict) {
            assert_int_equal(st, NDR_ERR_BAD_ROW);
            assert_int_equal(r.n, 1);
            assert_int_equal(r.line[0], 4);
            assert_non_null(strstr(msg, "t.csv:4: t.csv:2 has the same identity"));
        } else {
            assert_int_equal(st, NDR_OK);
            assert_int_equal(r.n, 2);
            assert_int_equal(r.line[0], 4);
            assert_int_equal(r.line[1], 5);
            const ndr_read_stats *t = ndr_dataset_input_stats(ds, src);
            assert_int_equal(t->rows_rejected, 2);
            assert_int_equal(t->rows_duplicate, 1);
            assert_int_equal(t->first_duplicate, 6);
        }
        ndr_dataset_free(ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dataset_interns_ids),
        cmocka_unit_test(test_dataset_far_date),
        cmocka_unit_test(test_dataset_sort_groups_and_orders),
        cmocka_unit_test(test_dataset_long_run_sorts_stably),
        cmocka_unit_test(test_dataset_repeats_rejected_in_input_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
