/* test_utf8.c - UTF-8 validation of ids: valid text of every sequence
 * length, and each kind of invalid byte at the offset it is found. */
#include "testutil.h"

#include <string.h>

#include "utf8.h"

static size_t check(const char *s, size_t n)
{
    return ndr_utf8_check((const unsigned char *)s, n);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "",
        "acme",
        "a long ascii id of more than eight bytes",
        "Zo\xc3\xab GmbH",                 /* 2 bytes */
        "\xe6\x97\xa5\xe6\x9c\xac K.K.",   /* 3 bytes */
        "emoji \xf0\x9f\x98\x80 co",       /* 4 bytes */
        "\xef\xbf\xbf\xf4\x8f\xbf\xbf",    /* U+FFFF, U+10FFFF */
        "12345678\xc3\xa9",                /* after a full ASCII word */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_int_equal(check(ok[i], strlen(ok[i])), strlen(ok[i]));
}

static void test_utf8_invalid_at_offset(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n, at;
    } bad[] = {
        {"Soci\xe9t\xe9", 8, 4},              /* Latin-1 */
        {"abc\0def", 7, 3},                    /* NUL */
        {"abcdefghij\0k", 12, 10},             /* NUL after a full word */
        {"\xc0\xaf", 2, 0},                    /* overlong '/' */
        {"\xe0\x80\xaf", 3, 0},                /* overlong, 3 bytes */
        {"\xed\xa0\x80", 3, 0},                /* surrogate U+D800 */
        {"\xf4\x90\x80\x80", 4, 0},            /* above U+10FFFF */
        {"\xf5\x80\x80\x80", 4, 0},            /* never valid lead */
        {"ab\xc3", 3, 2},                      /* truncated sequence */
        {"ab\xe6\x97", 4, 2},                  /* truncated sequence */
        {"\x80", 1, 0},                        /* lone continuation */
        {"ok\xc3\xa9\xff", 5, 4},              /* after a valid one */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(check(bad[i].s, bad[i].n), bad[i].at);
}

/* Only EF BB BF at the very start is a byte order mark. */
static void test_utf8_bom(void **state)
{
    (void)state;
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"\xef\xbb\xbf" "date", 7), 3);
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"\xef\xbb\xbf", 3), 3);
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"\xef\xbb", 2), 0);
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"\xef\xbb\xbe", 3), 0);
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"date", 4), 0);
    assert_int_equal(ndr_utf8_bom((const unsigned char *)"\xff\xfe" "d", 3), 0);
}

/* Messages show text as one line of plain text, whole UTF-8 sequences
 * kept, at most 48 bytes. */
static void test_utf8_quote(void **state)
{
    (void)state;
    char out[200];
    ndr_utf8_quote(out, sizeof out, (const unsigned char *)"a'b\n\xc3\xa9\xe9", 7);
    assert_string_equal(out, "a\\x27b\\x0a\xc3\xa9\\xe9");
    static const char long_id[] = "0123456789012345678901234567890123456789012345678";
    ndr_utf8_quote(out, sizeof out, (const unsigned char *)long_id, sizeof long_id - 1);
    assert_string_equal(out, "012345678901234567890123456789012345678901234567...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_invalid_at_offset),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_utf8_quote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
