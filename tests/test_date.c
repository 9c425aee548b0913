/* test_date.c - calendar arithmetic: day numbers, parsing, prior dates. */
#include "testutil.h"

#include <string.h>

#include "date.h"

static ndr_date d(const char *s) { return tu_date(s); }

static void assert_date(ndr_date got, const char *want)
{
    char buf[11];
    ndr_date_format(got, buf);
    assert_string_equal(buf, want);
}

static int parses(const char *s)
{
    ndr_date out;
    return ndr_date_parse(s, strlen(s), &out) == 0;
}

static void test_date_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(ndr_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(ndr_date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(ndr_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(ndr_date_from_ymd(2021, 6, 30), 18808);
}

static void test_date_roundtrip_every_day(void **state)
{
    (void)state;
    ndr_date start = ndr_date_from_ymd(1899, 12, 31);
    int y = 1899, m = 12, dd = 31;
    for (ndr_date x = start; x < ndr_date_from_ymd(2101, 1, 1); x++) {
        int yy, mm, ddd;
        ndr_date_to_ymd(x, &yy, &mm, &ddd);
        assert_int_equal(yy, y);
        assert_int_equal(mm, m);
        assert_int_equal(ddd, dd);
        assert_int_equal(ndr_date_from_ymd(yy, mm, ddd), x);
        /* step the expected calendar by hand */
        if (++dd > ndr_days_in_month(y, m)) {
            dd = 1;
            if (++m > 12)
                m = 1, y++;
        }
    }
}

static void test_date_parse_accepts(void **state)
{
    (void)state;
    assert_date(d("2021-06-30"), "2021-06-30");
    assert_date(d("2021-06-30T12:00:00Z"), "2021-06-30");
    assert_date(d("2021-06-30 23:59:59"), "2021-06-30");
    assert_date(d("2021-06-30 23:59"), "2021-06-30");
    assert_date(d("2021-06-30T00:00:00.000+02:00"), "2021-06-30");
    assert_date(d("2021-06-30 12:00:00 UTC"), "2021-06-30");
    assert_date(d("2020-02-29"), "2020-02-29");
    assert_date(d("2000-02-29"), "2000-02-29");
    assert_date(d("0001-01-01"), "0001-01-01");
}

static void test_date_parse_rejects(void **state)
{
    (void)state;
    assert_false(parses("2021-02-30"));
    assert_false(parses("2021-02-29"));
    assert_false(parses("1900-02-29"));
    assert_false(parses("2021-13-01"));
    assert_false(parses("2021-00-10"));
    assert_false(parses("2021-01-00"));
    assert_false(parses("2021-04-31"));
    assert_false(parses("21-01-01"));
    assert_false(parses("2021/06/30"));
    assert_false(parses("2021-6-30"));
    assert_false(parses("2021-06-3"));
    assert_false(parses("2021-06-30X"));
    assert_false(parses("2021-06-30 whatever"));
    assert_false(parses("2021-06-30T"));
    assert_false(parses("2021-06-30 12"));
    assert_false(parses("2021-06-30 1:00"));
    assert_false(parses("0000-01-01"));
    assert_false(parses(""));
    assert_false(parses("yesterday!"));
}

static void test_date_prior_month_ends(void **state)
{
    (void)state;
    assert_date(ndr_date_prior(d("2022-06-30"), 12), "2021-06-30");
    assert_date(ndr_date_prior(d("2025-02-28"), 12), "2024-02-29");
    assert_date(ndr_date_prior(d("2024-02-29"), 12), "2023-02-28");
    assert_date(ndr_date_prior(d("2022-03-31"), 1), "2022-02-28");
    assert_date(ndr_date_prior(d("2022-04-30"), 1), "2022-03-31");
    assert_date(ndr_date_prior(d("2021-01-31"), 1), "2020-12-31");
    assert_date(ndr_date_prior(d("2022-12-31"), 24), "2020-12-31");
}

static void test_date_prior_other_days_clamp(void **state)
{
    (void)state;
    assert_date(ndr_date_prior(d("2022-03-15"), 1), "2022-02-15");
    assert_date(ndr_date_prior(d("2022-03-30"), 1), "2022-02-28");
    assert_date(ndr_date_prior(d("2024-03-30"), 1), "2024-02-29");
    assert_date(ndr_date_prior(d("2022-05-30"), 3), "2022-02-28");
    assert_date(ndr_date_prior(d("2022-06-15"), 12), "2021-06-15");
    assert_date(ndr_date_prior(d("2022-01-10"), 13), "2020-12-10");
}

static void test_date_month_helpers(void **state)
{
    (void)state;
    int mi;
    assert_date(ndr_date_month_end(d("2024-02-10")), "2024-02-29");
    assert_date(ndr_date_month_end(d("2023-12-01")), "2023-12-31");
    assert_int_equal(ndr_month_parse("2022-06", &mi), 0);
    assert_int_equal(mi, 2022 * 12 + 5);
    assert_date(ndr_month_end(mi), "2022-06-30");
    assert_int_equal(ndr_month_parse("2022-13", &mi), -1);
    assert_int_equal(ndr_month_parse("2022-6", &mi), -1);
    assert_int_equal(ndr_month_parse("2022-06-01", &mi), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_day_numbers),
        cmocka_unit_test(test_date_roundtrip_every_day),
        cmocka_unit_test(test_date_parse_accepts),
        cmocka_unit_test(test_date_parse_rejects),
        cmocka_unit_test(test_date_prior_month_ends),
        cmocka_unit_test(test_date_prior_other_days_clamp),
        cmocka_unit_test(test_date_month_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
