/* test_output.c - the CSV, JSON and table writers, byte for byte. */
#include "testutil.h"
#include "cells.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *events = "customer_id,date,mrr\n"
                            "a,2021-01-15,10\n"
                            "a,2021-02-10,0\n"
                            "b,2021-03-15,20.005\n"
                            "b,2021-04-30,30\n";

/* Writes the window-1 report of `events` in format f into a string. */
static char *render(ndr_format f)
{
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, events, strlen(events), 0, 0, &st), NDR_OK);
    ndr_report *r = tu_report(ds, 1, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ndr_source src = {"in \"x\".csv", st, NULL};
    assert_int_equal(ndr_report_write(r, f, &src, 1, out), NDR_OK);
    fclose(out);
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return buf;
}

static void test_output_csv(void **state)
{
    (void)state;
    char *s = render(NDR_FORMAT_CSV);
    assert_string_equal(
        s, "period_end,prior_period_end,customers,retained_customers,prior_mrr,current_mrr,"
           "expansion_mrr,contraction_mrr,churned_mrr,ndr_pct,grr_pct,logo_retention_pct,complete\n"
           "2021-02-28,2021-01-31,1,0,10.00,0.00,0.00,0.00,10.00,0.00,0.00,0.00,true\n"
           "2021-03-31,2021-02-28,0,0,0.00,0.00,0.00,0.00,0.00,,,,true\n"
           "2021-04-30,2021-03-31,1,1,20.01,30.00,10.00,0.00,0.00,149.96,100.00,100.00,true\n");
    free(s);
}

static char *csv_text(const char *in)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(ndr_csv_text(out, in), 0);
    fclose(out);
    return buf;
}

/* Text fields are quoted when needed and never run as spreadsheet formulas. */
static void test_output_csv_text_fields(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"acme", "acme"},
        {"", ""},
        {"Zo\xc3\xab GmbH", "Zo\xc3\xab GmbH"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {" padded", "\" padded\""},
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+1", "\"'+1\""},
        {"-5", "\"'-5\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"a=b", "a=b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = csv_text(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

static void test_output_json(void **state)
{
    (void)state;
    char *s = render(NDR_FORMAT_JSON);
    assert_string_equal(
        s, "{\n"
           "  \"ndr_version\": \"" NDR_VERSION "\",\n"
           "  \"parameters\": {\"window_months\": 1, \"from\": null, \"to\": null, "
           "\"as_of\": null, \"data_through\": null, \"currency\": null, \"fx_mode\": null, \"method\": \"point\", "
           "\"period_months\": 1, \"measure\": \"mrr\", \"min_prior_arr\": null, "
           "\"min_current_arr\": null},\n"
           "  \"periods\": [\n"
           "    {\"period_end\": \"2021-02-28\", \"prior_period_end\": \"2021-01-31\", "
           "\"customers\": 1, \"retained_customers\": 0, \"prior_mrr\": 10.00, "
           "\"current_mrr\": 0.00, \"expansion_mrr\": 0.00, \"contraction_mrr\": 0.00, "
           "\"churned_mrr\": 10.00, \"ndr_pct\": 0.00, \"grr_pct\": 0.00, "
           "\"logo_retention_pct\": 0.00, \"complete\": true},\n"
           "    {\"period_end\": \"2021-03-31\", \"prior_period_end\": \"2021-02-28\", "
           "\"customers\": 0, \"retained_customers\": 0, \"prior_mrr\": 0.00, "
           "\"current_mrr\": 0.00, \"expansion_mrr\": 0.00, \"contraction_mrr\": 0.00, "
           "\"churned_mrr\": 0.00, \"ndr_pct\": null, \"grr_pct\": null, "
           "\"logo_retention_pct\": null, \"complete\": true},\n"
           "    {\"period_end\": \"2021-04-30\", \"prior_period_end\": \"2021-03-31\", "
           "\"customers\": 1, \"retained_customers\": 1, \"prior_mrr\": 20.01, "
           "\"current_mrr\": 30.00, \"expansion_mrr\": 10.00, \"contraction_mrr\": 0.00, "
           "\"churned_mrr\": 0.00, \"ndr_pct\": 149.96, \"grr_pct\": 100.00, "
           "\"logo_retention_pct\": 100.00, \"complete\": true}\n"
           "  ],\n"
           "  \"accounting\": {\"rows_read\": 4, \"rows_used\": 4, \"rows_not_mrr\": 0, "
           "\"rows_duplicate\": 0, \"rows_rejected\": 0, \"blank_lines\": 0, "
           "\"data_through\": \"2021-04-30\", \"files\": [\n"
           "    {\"file\": \"in \\\"x\\\".csv\", \"format\": \"events\", \"rows_read\": 4, "
           "\"rows_used\": 4, \"rows_not_mrr\": 0, \"rows_duplicate\": 0, "
           "\"rows_rejected\": 0, \"blank_lines\": 0, \"data_through\": \"2021-04-30\"}\n"
           "  ]},\n"
           "  \"provenance\": {\"ndr_version\": \"" NDR_VERSION "\", \"command\": null, "
           "\"inputs\": [\n"
           "    {\"file\": \"in \\\"x\\\".csv\", \"role\": \"data\", \"bytes\": 88, "
           "\"sha256\": null}\n"
           "  ]}\n"
           "}\n");
    free(s);
}

static void test_output_table(void **state)
{
    (void)state;
    char *s = render(NDR_FORMAT_TABLE);
    const char *second = strchr(s, '\n') + 1;
    assert_memory_equal(second, "2021-02-28   2021-01-31", 23);
    /* band and change vs the previous row: 0.00% is critical; n/a has neither */
    assert_non_null(strstr(s, "   0.00%  critical                   0.00%     0.00%\n"));
    assert_non_null(strstr(s, "       n/a                               n/a       n/a\n"));
    assert_non_null(strstr(s, " 149.96%  world class              100.00%   100.00%\n"));
    assert_null(strstr(s, "not final"));
    free(s);
}

static void test_output_write_error_is_reported(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL)
        skip();
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, events, strlen(events), 0, 0, NULL), NDR_OK);
    ndr_report *r = tu_report(ds, 1, NULL);
    setvbuf(full, NULL, _IONBF, 0);
    assert_int_equal(ndr_report_write(r, NDR_FORMAT_CSV, NULL, 0, full), NDR_ERR_IO);
    fclose(full);
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* The accounting of the data inputs: summed over those without a role
 * (the --fx and --accounts files after them do not count), the latest
 * "as of" date kept. */
static void test_sources_total(void **state)
{
    (void)state;
    ndr_source src[3];
    memset(src, 0, sizeof src);
    src[0].stats.rows_read = 10, src[0].stats.rows_used = 8, src[0].stats.rows_rejected = 2;
    src[0].stats.has_through = 1, src[0].stats.through = ndr_date_from_ymd(2024, 5, 31);
    src[1].stats.rows_read = 5, src[1].stats.rows_used = 4, src[1].stats.rows_duplicate = 1;
    src[1].stats.rows_other_shards = 7;
    src[1].stats.has_through = 1, src[1].stats.through = ndr_date_from_ymd(2024, 6, 30);
    src[2].role = "fx";
    src[2].stats.rows_read = 100, src[2].stats.bytes = 999;
    ndr_read_stats t;
    assert_int_equal(ndr_sources_total(src, 3, &t), 2);
    assert_int_equal(t.rows_read, 15);
    assert_int_equal(t.rows_used, 12);
    assert_int_equal(t.rows_rejected, 2);
    assert_int_equal(t.rows_duplicate, 1);
    assert_int_equal(t.rows_other_shards, 7);
    assert_true(t.has_through);
    assert_int_equal(t.through, ndr_date_from_ymd(2024, 6, 30));
}

/* The NDR as printed, and in hundredths: 1048.5 / 1000 -> "104.85". */
static void test_period_ndr_pct(void **state)
{
    (void)state;
    ndr_period p;
    memset(&p, 0, sizeof p);
    char text[48];
    int64_t h = 0;
    assert_int_equal(ndr_period_ndr_pct(&p, text, &h), -1); /* no prior MRR */
    assert_string_equal(text, "");
    p.prior_mrr = (ndr_money)1000 * NDR_MONEY_SCALE;
    p.current_mrr = (ndr_money)10485 * NDR_MONEY_SCALE / 10;
    assert_int_equal(ndr_period_ndr_pct(&p, text, &h), 0);
    assert_string_equal(text, "104.85");
    assert_int_equal(h, 10485);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_csv),
        cmocka_unit_test(test_output_csv_text_fields),
        cmocka_unit_test(test_output_json),
        cmocka_unit_test(test_output_table),
        cmocka_unit_test(test_output_write_error_is_reported),
        cmocka_unit_test(test_sources_total),
        cmocka_unit_test(test_period_ndr_pct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
