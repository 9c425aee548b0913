/* test_money.c - exact decimal parsing, rounding and percentages. */
#include "testutil.h"

#include <string.h>

static ndr_money_error parse(const char *s, ndr_money *v)
{
    return ndr_money_parse(s, strlen(s), v);
}

static void assert_parses(const char *s, int64_t units)
{
    ndr_money v = -1;
    assert_int_equal(parse(s, &v), NDR_MONEY_OK);
    assert_true(v == units);
}

static void assert_fails(const char *s, ndr_money_error why)
{
    ndr_money v = 12345;
    assert_int_equal(parse(s, &v), why);
    assert_true(v == 12345); /* untouched on failure */
}

static void test_money_parse_exact(void **state)
{
    (void)state;
    assert_parses("1234.5", INT64_C(123450000000));
    assert_parses("83.3333", INT64_C(8333330000));
    assert_parses("0.00000001", 1);
    assert_parses("0", 0);
    assert_parses("-0", 0);
    assert_parses("+7", INT64_C(700000000));
    assert_parses(".5", INT64_C(50000000));
    assert_parses("5.", INT64_C(500000000));
    assert_parses("  12 ", INT64_C(1200000000));
    assert_parses("007.10", INT64_C(710000000));
    assert_parses("1.123456780000", INT64_C(112345678));
    assert_parses("92233720368.54775807", INT64_MAX);
}

static void test_money_parse_rejects(void **state)
{
    (void)state;
    assert_fails("", NDR_MONEY_EMPTY);
    assert_fails("   ", NDR_MONEY_EMPTY);
    assert_fails("-5", NDR_MONEY_NEGATIVE);
    assert_fails("-0.01", NDR_MONEY_NEGATIVE);
    assert_fails("1e9", NDR_MONEY_SYNTAX);
    assert_fails("12,50", NDR_MONEY_SYNTAX);
    assert_fails("1,234.50", NDR_MONEY_SYNTAX);
    assert_fails("NaN", NDR_MONEY_SYNTAX);
    assert_fails("inf", NDR_MONEY_SYNTAX);
    assert_fails(".", NDR_MONEY_SYNTAX);
    assert_fails("+", NDR_MONEY_SYNTAX);
    assert_fails("$10", NDR_MONEY_SYNTAX);
    assert_fails("1 000", NDR_MONEY_SYNTAX);
    assert_fails("1.2.3", NDR_MONEY_SYNTAX);
    assert_fails("0x10", NDR_MONEY_SYNTAX);
    assert_fails("1.000000001", NDR_MONEY_PRECISION);
    assert_fails("99999999999999999999", NDR_MONEY_OVERFLOW);
    assert_fails("92233720368.54775808", NDR_MONEY_OVERFLOW);
    assert_fails("92233720369", NDR_MONEY_OVERFLOW);
    assert_fails("184467440737095516160", NDR_MONEY_OVERFLOW);
}

static void assert_format(const char *in, int decimals, const char *want)
{
    char buf[32];
    assert_string_equal(ndr_money_format(tu_money(in), decimals, buf), want);
}

static void test_money_format_rounds_half_away(void **state)
{
    (void)state;
    char buf[32];
    assert_format("125.005", 2, "125.01");
    assert_format("125.00499999", 2, "125.00");
    assert_format("0", 2, "0.00");
    assert_format("0.004", 2, "0.00");
    assert_format("83.3333", 2, "83.33");
    assert_format("2.5", 0, "3");
    assert_format("1234.5", 8, "1234.50000000");
    assert_string_equal(ndr_money_format(-100500000, 2, buf), "-1.01");
    assert_string_equal(ndr_money_format(-100000, 2, buf), "0.00");
    assert_string_equal(ndr_money_format(INT64_MAX, 2, buf), "92233720368.55");
    assert_string_equal(ndr_money_format(INT64_MIN, 2, buf), "-92233720368.55");
}

static void test_money_percentages(void **state)
{
    (void)state;
    tu_assert_pct(tu_money("125"), tu_money("100"), "125.00");
    tu_assert_pct(2, 3, "66.67");
    tu_assert_pct(1, 3, "33.33");
    tu_assert_pct(1, 8, "12.50");
    tu_assert_pct(1, 16000, "0.01"); /* 0.00625% rounds half up */
    tu_assert_pct(1, 80001, "0.00");
    tu_assert_pct(0, 5, "0.00");
    tu_assert_pct(5, 0, "");
    tu_assert_pct(-1, 5, "");
    tu_assert_pct(tu_money("605000"), tu_money("560000"), "108.04");
    tu_assert_pct(INT64_MAX, 1, "922337203685477580700.00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse_exact),
        cmocka_unit_test(test_money_parse_rejects),
        cmocka_unit_test(test_money_format_rounds_half_away),
        cmocka_unit_test(test_money_percentages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
