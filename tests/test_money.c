/* test_money.c - exact decimal parsing, rounding and percentages. */
#include "testutil.h"
#include "money.h"

#include <string.h>

static ndr_money_error parse(const char *s, ndr_money *v)
{
    return ndr_money_parse(s, strlen(s), v);
}

static void assert_parses(const char *s, ndr_money units)
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
    /* past 64 bits: the old limit, and IDR 50,000,000 x 2,000 customers */
    assert_parses("92233720368.54775808", (ndr_money)INT64_MAX + 1);
    assert_parses("100000000000", (ndr_money)INT64_C(100000000000) * NDR_MONEY_SCALE);
    /* the limit of one value: 10^14 - 10^-8 */
    assert_parses("99999999999999.99999999", NDR_MONEY_ROW_MAX);
    assert_parses("0099999999999999.99999999000", NDR_MONEY_ROW_MAX);
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
    assert_fails("100000000000000", NDR_MONEY_OVERFLOW);
    assert_fails("100000000000000.00000000", NDR_MONEY_OVERFLOW);
    assert_fails("184467440737095516160", NDR_MONEY_OVERFLOW);
    /* digits without end saturate, never wrap */
    assert_fails("340282366920938463463374607431768211456", NDR_MONEY_OVERFLOW);
    assert_fails("1000000000000000000000000000000000000000000000000000000000000.5",
                 NDR_MONEY_OVERFLOW);
}

static void assert_format(const char *in, int decimals, const char *want)
{
    char buf[NDR_MONEY_TEXT];
    assert_string_equal(ndr_money_format(tu_money(in), decimals, buf), want);
}

static void test_money_format_rounds_half_away(void **state)
{
    (void)state;
    char buf[NDR_MONEY_TEXT];
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
    assert_string_equal(ndr_money_format(NDR_MONEY_ROW_MAX, 8, buf), "99999999999999.99999999");
    assert_string_equal(ndr_money_format(NDR_MONEY_ROW_MAX, 2, buf), "100000000000000.00");
    assert_string_equal(ndr_money_format(NDR_MONEY_MAX, 8, buf),
                        "9999999999999999999999999.99999999");
    assert_string_equal(ndr_money_format(-NDR_MONEY_MAX, 2, buf),
                        "-10000000000000000000000000.00");
    /* the whole 128-bit range formats, rounding without overflow */
    ndr_money min = (ndr_money)((ndr_umoney)1 << 127);
    assert_string_equal(ndr_money_format(min, 0, buf), "-1701411834604692317316873037159");
    assert_string_equal(ndr_money_format(-(min + 1), 8, buf),
                        "1701411834604692317316873037158.84105727");
}

static void test_money_units_text(void **state)
{
    (void)state;
    char buf[NDR_MONEY_TEXT];
    ndr_money v = 0;
    assert_string_equal(ndr_units_format(NDR_MONEY_MAX, buf), "999999999999999999999999999999999");
    assert_int_equal(ndr_units_parse(buf, strlen(buf), &v), 0);
    assert_true(v == NDR_MONEY_MAX);
    assert_string_equal(ndr_units_format(-NDR_MONEY_ROW_MAX, buf), "-9999999999999999999999");
    assert_int_equal(ndr_units_parse(buf, strlen(buf), &v), 0);
    assert_true(v == -NDR_MONEY_ROW_MAX);
    assert_string_equal(ndr_units_format(0, buf), "0");
    /* one past the limit, signs, blanks and other characters are refused */
    assert_int_equal(ndr_units_parse("1000000000000000000000000000000000", 34, &v), -1);
    assert_int_equal(ndr_units_parse("-", 1, &v), -1);
    assert_int_equal(ndr_units_parse("", 0, &v), -1);
    assert_int_equal(ndr_units_parse("+5", 2, &v), -1);
    assert_int_equal(ndr_units_parse("5 ", 2, &v), -1);
    assert_int_equal(ndr_units_parse("--5", 3, &v), -1);
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
    /* exact at the ceiling; beyond it the ratio is not formed */
    tu_assert_pct(NDR_MONEY_MAX, NDR_MONEY_MAX, "100.00");
    tu_assert_pct(NDR_MONEY_MAX, NDR_MONEY_MAX / 3, "300.00");
    tu_assert_pct(NDR_MONEY_MAX + 1, 1, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse_exact),
        cmocka_unit_test(test_money_parse_rejects),
        cmocka_unit_test(test_money_units_text),
        cmocka_unit_test(test_money_format_rounds_half_away),
        cmocka_unit_test(test_money_percentages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
