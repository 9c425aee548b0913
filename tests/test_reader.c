/* test_reader.c - the CSV reader: columns by name, BOM, CRLF, quotes,
 * blank lines, bad rows with their line numbers, strict mode, and the same
 * result whatever the chunk boundaries. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "dataset.h"

static ndr_status read_str(ndr_dataset *ds, const char *csv, unsigned flags, ndr_read_stats *st)
{
    return tu_read(ds, csv, strlen(csv), 0, flags, st);
}

/* Reads csv and returns the single as-of report period's figures. */
static ndr_period period_of(const char *csv, const char *as_of, int window)
{
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(read_str(ds, csv, 0, NULL), NDR_OK);
    ndr_report *r = tu_report(ds, window, as_of);
    ndr_period p = *ndr_report_period(r, 0);
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return p;
}

static void test_reader_basic_counts(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    const char *csv = "customer_id,date,mrr\n"
                      "a,2021-01-01,10\n"
                      "b,2021-01-05,20.5\n"
                      "a,2021-03-01,12\n";
    assert_int_equal(read_str(ds, csv, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 3);
    assert_int_equal(st.rows_used, 3);
    assert_int_equal(st.rows_rejected, 0);
    assert_int_equal(st.blank_lines, 0);
    assert_int_equal(ndr_dataset_customer_count(ds), 2);
    assert_int_equal(ndr_dataset_subscription_count(ds), 2);
    assert_int_equal(ndr_dataset_event_count(ds), 3);
    ndr_date first, last;
    assert_int_equal(ndr_dataset_date_range(ds, &first, &last), 0);
    assert_int_equal(first, tu_date("2021-01-01"));
    assert_int_equal(last, tu_date("2021-03-01"));
    ndr_dataset_free(ds);
}

static void test_reader_columns_by_name_any_order(void **state)
{
    (void)state;
    const char *csv = "Plan,MRR,Extra Thing,DATE, Customer_ID ,subscription_ID\n"
                      "pro,10,x,2021-01-31,a,s1\n"
                      "pro,5,x,2021-01-31,a,s2\n"
                      "pro,30,x,2022-01-31,a,s1\n";
    ndr_period p = period_of(csv, "2022-01-31", 12);
    tu_assert_period(&p, 1, 1, "15", "35", "20", "0", "0");
}

static void test_reader_bom_crlf_quotes_blank_lines(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    const char *csv = "\xef\xbb\xbf"
                      "customer_id,date,mrr\r\n"
                      "\r\n"
                      "\"Acme, Inc.\",2021-01-31,10\r\n"
                      "   \r\n"
                      "\"Multi\r\nline \"\"Co\"\"\",2021-01-31,\"7.5\"\r\n"
                      "\n"
                      "\"Acme, Inc.\",2022-01-31,25\r\n"
                      "\"Multi\r\nline \"\"Co\"\"\",2022-01-31,0"; /* no final newline */
    assert_int_equal(read_str(ds, csv, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 4);
    assert_int_equal(st.rows_used, 4);
    assert_int_equal(st.blank_lines, 3);
    assert_int_equal(ndr_dataset_customer_count(ds), 2);
    size_t len;
    assert_string_equal(ndr_dataset_customer_id(ds, 0, &len), "Acme, Inc.");
    assert_string_equal(ndr_dataset_customer_id(ds, 1, &len), "Multi\r\nline \"Co\"");
    assert_int_equal(len, 16);
    ndr_report *r = tu_report(ds, 12, "2022-01-31");
    tu_assert_period(ndr_report_period(r, 0), 2, 1, "17.5", "25", "15", "0", "7.5");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

static void test_reader_bad_rows_have_reasons_and_lines(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    const char *csv = "customer_id,date,mrr\n"        /* 1 */
                      "a,2021-02-30,10\n"             /* 2 bad date */
                      "\"b\nb\",2021-01-01,-5\n"      /* 3-4 negative */
                      "c,2021-01-01\n"                /* 5 too few fields */
                      "\n"                            /* 6 blank */
                      ",2021-01-01,3\n"               /* 7 empty id */
                      "d,2021-01-01,12,50\n"          /* 8 too many fields */
                      "e,2021-01-01,1e9\n"            /* 9 not decimal */
                      "f,,1\n"                        /* 10 empty date */
                      "g,2021-01-01,\n"               /* 11 empty mrr */
                      "h,2021-01-01,99999999999999999999\n" /* 12 too large */
                      "ok,2021-01-01,1\n"            /* 13 fine */
                      "i,0202-01-01,1\n"             /* 14 typo year */
                      "j,1899-12-31,1\n"             /* 15 too early */
                      "k,1900-01-01,1\n"             /* 16 fine */
                      "l,2199-12-31,1\n"             /* 17 fine */
                      "m,2200-01-01,1\n"             /* 18 too late */
                      "n,2021-01-01 noon,1\n";       /* 19 bad time */
    assert_int_equal(read_str(ds, csv, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 16);
    assert_int_equal(st.rows_used, 3);
    assert_int_equal(st.rows_rejected, 13);
    assert_int_equal(st.blank_lines, 1);
    assert_int_equal(st.rows_read, st.rows_used + st.rows_rejected);
    static const struct {
        uint64_t line;
        const char *reason;
    } want[] = {
        {2, "bad date '2021-02-30' (expected YYYY-MM-DD)"},
        {3, "bad mrr '-5' (negative)"},
        {5, "expected 3 fields, found 2"},
        {7, "empty customer_id"},
        {8, "expected 3 fields, found 4"},
        {9, "bad mrr '1e9' (not a plain decimal number: exponents are not accepted)"},
        {10, "empty date"},
        {11, "empty mrr"},
        {12, "bad mrr '99999999999999999999' (too large: the limit is 99999999999999.99999999)"},
        {14, "bad date '0202-01-01' (year outside 1900-2199)"},
        {15, "bad date '1899-12-31' (year outside 1900-2199)"},
        {18, "bad date '2200-01-01' (year outside 1900-2199)"},
        {19, "bad date '2021-01-01 noon' (a time after the date must start HH:MM)"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(tu_last_rejects.line[i], want[i].line);
        assert_string_equal(tu_last_rejects.reason[i], want[i].reason);
    }
    ndr_dataset_free(ds);
}

static void test_reader_strict_stops_at_first_bad_row(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    const char *csv = "customer_id,date,mrr\n"
                      "a,2021-01-01,10\n"
                      "b,2021-13-01,10\n"
                      "c,2021-01-01,10\n"
                      "d,bad,10\n";
    ndr_reader *r = ndr_reader_new(ds, "in.csv", NDR_READ_STRICT, NULL, NULL);
    assert_int_equal(ndr_reader_feed(r, csv, strlen(csv)), NDR_ERR_BAD_ROW);
    assert_string_equal(ndr_reader_message(r),
                        "in.csv:3: bad date '2021-13-01' (expected YYYY-MM-DD)");
    assert_int_equal(ndr_reader_finish(r), NDR_ERR_BAD_ROW);
    ndr_reader_stats(r, &st);
    assert_int_equal(st.rows_read, 2);
    assert_int_equal(st.rows_used, 1);
    assert_int_equal(st.rows_rejected, 1);
    ndr_reader_free(r);
    ndr_dataset_free(ds);
}

#define NO_FIT                                                                             \
    "; no known format fits: events, stripe-subscriptions, stripe-invoice-lines, "        \
    "stripe-invoices, chartmogul-line-items, chartmogul-invoices, chartmogul-movements, "  \
    "baremetrics (docs/formats.md)"

static void assert_header_error(const char *csv, ndr_status want, const char *msg)
{
    ndr_dataset *ds = ndr_dataset_new();
    ndr_reader *r = ndr_reader_new(ds, "in.csv", 0, NULL, NULL);
    ndr_status st = ndr_reader_feed(r, csv, strlen(csv));
    if (st == NDR_OK)
        st = ndr_reader_finish(r);
    assert_int_equal(st, want);
    assert_string_equal(ndr_reader_message(r), msg);
    ndr_reader_free(r);
    ndr_dataset_free(ds);
}

static void test_reader_header_errors(void **state)
{
    (void)state;
    assert_header_error("customer_id,date,amount\na,2021-01-01,1\n", NDR_ERR_HEADER,
                        "in.csv:1: missing required column 'mrr' "
                        "(header has: customer_id, date, amount)" NO_FIT);
    assert_header_error("id,when\n", NDR_ERR_HEADER,
                        "in.csv:1: missing required columns 'customer_id', 'date', 'mrr' "
                        "(header has: id, when)" NO_FIT);
    assert_header_error("\n\ncustomer_id,date,mrr,MRR\n", NDR_ERR_HEADER,
                        "in.csv:3: duplicate column 'mrr' (columns 3 and 4)");
    assert_header_error("", NDR_ERR_HEADER, "in.csv: empty input (no header row)");
    char *big = malloc(70010);
    memset(big, 'h', 70010);
    big[0] = '"';
    big[70009] = '\0';
    assert_header_error(big, NDR_ERR_HEADER,
                        "in.csv:1: header field longer than 65536 bytes (unbalanced quote?)");
    free(big);
    assert_header_error("\n \n\r\n", NDR_ERR_HEADER, "in.csv: empty input (no header row)");
    assert_header_error("\xff\xfe" "c\0u\0", NDR_ERR_ENCODING,
                        "in.csv: file is UTF-16 encoded; convert it to UTF-8");
    ndr_dataset *ds = ndr_dataset_new(); /* UTF-16 without a byte order mark */
    ndr_reader *r = ndr_reader_new(ds, "in.csv", 0, NULL, NULL);
    assert_int_equal(ndr_reader_feed(r, "c\0u\0,\0\n\0", 8), NDR_ERR_ENCODING);
    assert_string_equal(ndr_reader_message(r), "in.csv:1: header contains NUL bytes "
                                               "(UTF-16 without a byte order mark, or not text)");
    ndr_reader_free(r);
    ndr_dataset_free(ds);
}

static void test_reader_header_only_is_not_an_error(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(read_str(ds, "customer_id,date,mrr\n", 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 0);
    assert_int_equal(ndr_dataset_event_count(ds), 0);
    ndr_report *r = NULL;
    char msg[200];
    assert_int_equal(ndr_report_compute(ds, NULL, &r, msg, sizeof msg), NDR_ERR_NO_DATA);
    assert_null(r);
    ndr_dataset_free(ds);
}

static void test_reader_unterminated_quote_is_a_bad_row(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    const char *csv = "customer_id,date,mrr\n"
                      "a,2021-01-01,10\n"
                      "\"b,2021-01-01,10\n"
                      "c,2021-01-01,10\n";
    assert_int_equal(read_str(ds, csv, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 2);
    assert_int_equal(st.rows_used, 1);
    assert_int_equal(st.rows_rejected, 1);
    assert_int_equal(tu_last_rejects.line[0], 3);
    assert_string_equal(tu_last_rejects.reason[0],
                        "unterminated quoted field (record runs to end of input)");
    ndr_dataset_free(ds);
}

static void test_reader_oversized_field_is_a_bad_row(void **state)
{
    (void)state;
    size_t big = 100 * 1024;
    char *csv = malloc(big + 200);
    strcpy(csv, "customer_id,date,mrr\n\"");
    size_t n = strlen(csv);
    memset(csv + n, 'x', big);
    n += big;
    strcpy(csv + n, "\",2021-01-01,1\nok,2021-01-01,2\n");
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, csv, strlen(csv), 4096, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 2);
    assert_int_equal(st.rows_used, 1);
    assert_int_equal(st.rows_rejected, 1);
    assert_int_equal(tu_last_rejects.line[0], 2);
    ndr_dataset_free(ds);
    free(csv);
}

/* An unclosed quote that grows past the field limit costs its own record
 * only: reading resumes with the next line, whatever the chunking. */
static void test_reader_runaway_quote_resumes_next_line(void **state)
{
    (void)state;
    size_t big = 70000;
    char *csv = malloc(big + 200);
    strcpy(csv, "customer_id,date,mrr\nx1,2021-01-31,10\n\"");
    size_t n = strlen(csv);
    memset(csv + n, 'z', big);
    strcpy(csv + n + big, "\nx2,2021-01-31,3\n");
    size_t chunks[] = {0, 4096, 65536, 70001};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        ndr_dataset *ds = ndr_dataset_new();
        ndr_read_stats st;
        assert_int_equal(tu_read(ds, csv, strlen(csv), chunks[i], 0, &st), NDR_OK);
        assert_int_equal(st.rows_read, 3);
        assert_int_equal(st.rows_used, 2);
        assert_int_equal(st.rows_rejected, 1);
        assert_int_equal(tu_last_rejects.line[0], 3);
        assert_int_equal(ndr_dataset_customer_count(ds), 2);
        ndr_dataset_free(ds);
    }
    free(csv);
}

/* Same input in every chunk size from 1 to its length: same figures. */
static void test_reader_every_chunk_size_same_result(void **state)
{
    (void)state;
    const char *csv = "\xef\xbb\xbf"
                      "customer_id,subscription_id,date,mrr\r\n"
                      "\"x,1\",s1,2021-01-31,10\r\n"
                      "\r\n"
                      "y,\"s\n2\",2021-01-31T00:00:00Z,20\r\n"
                      "y,bad,2021-01-31,oops\r\n"
                      "\"x,1\",s1,2022-01-31,15\r\n"
                      "y,\"s\n2\",2021-06-01,0\r\n"
                      "z,,2022-01-31,99";
    size_t len = strlen(csv);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        ndr_dataset *ds = ndr_dataset_new();
        ndr_read_stats st;
        assert_int_equal(tu_read(ds, csv, len, chunk, 0, &st), NDR_OK);
        assert_int_equal(st.rows_read, 6);
        assert_int_equal(st.rows_used, 5);
        assert_int_equal(st.rows_rejected, 1);
        if (st.blank_lines != 1)
            fail_msg("chunk %zu: %d blank lines", chunk, (int)st.blank_lines);
        assert_int_equal(tu_last_rejects.line[0], 6);
        ndr_report *r = tu_report(ds, 12, "2022-01-31");
        tu_assert_period(ndr_report_period(r, 0), 2, 1, "30", "15", "5", "0", "20");
        ndr_report_free(r);
        ndr_dataset_free(ds);
    }
}

static void test_reader_later_duplicate_row_wins(void **state)
{
    (void)state;
    /* same subscription and date twice: the later row in the input wins */
    ndr_period p = period_of("customer_id,subscription_id,date,mrr\n"
                             "a,s,2021-01-31,10\n"
                             "a,s,2022-01-31,50\n"
                             "a,s,2021-01-31,20\n"
                             "a,s,2022-01-31,40\n",
                             "2022-01-31", 12);
    tu_assert_period(&p, 1, 1, "20", "40", "20", "0", "0");
}

/* Ids must be UTF-8 without NUL bytes; quotes and commas inside are fine. */
static void test_reader_ids_must_be_utf8(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,subscription_id,date,mrr\n"
                              "\"Zo\xc3\xab \"\"Big\"\", Inc\",s1,2021-01-31,10\n"
                              "Soci\xe9t\xe9,s1,2021-01-31,10\n"
                              "b,s\xff,2021-01-31,10\n"
                              "c\0d,s1,2021-01-31,10\n"
                              "\xe6\x97\xa5\xe6\x9c\xac,s1,2021-01-31,10\n";
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 0, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 5);
    assert_int_equal(st.rows_used, 2);
    assert_int_equal(st.rows_rejected, 3);
    assert_int_equal(tu_last_rejects.n, 3);
    assert_int_equal(tu_last_rejects.line[0], 3);
    assert_string_equal(tu_last_rejects.reason[0],
                        "customer_id 'Soci\\xe9t\\xe9' is not UTF-8 (byte 0xe9 at offset 4); "
                        "convert the file, e.g. iconv -f latin1 -t utf-8");
    assert_int_equal(tu_last_rejects.line[1], 4);
    assert_string_equal(tu_last_rejects.reason[1],
                        "subscription_id 's\\xff' is not UTF-8 (byte 0xff at offset 1); "
                        "convert the file, e.g. iconv -f latin1 -t utf-8");
    assert_int_equal(tu_last_rejects.line[2], 5);
    assert_string_equal(tu_last_rejects.reason[2],
                        "customer_id 'c\\x00d' contains a NUL byte (binary data?)");
    ndr_dataset_free(ds);
}

/* Old Mac line ends (CR alone): every row on its own line number, in
 * whatever chunks the input comes; a quoted CR in a CRLF file is data. */
static void test_reader_cr_only_lines(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,date,mrr\ra,2021-01-01,5\rb,bad,5\r\rc,2021-02-30,5\r"
                              "d,2021-03-01,7";
    for (size_t chunk = 0; chunk < sizeof csv; chunk++) {
        ndr_dataset *ds = ndr_dataset_new();
        ndr_read_stats st;
        tu_last_rejects.n = 0;
        assert_int_equal(tu_read(ds, csv, sizeof csv - 1, chunk, 0, &st), NDR_OK);
        assert_int_equal(st.rows_read, 4);
        assert_int_equal(st.rows_used, 2);
        assert_int_equal(st.blank_lines, 1);
        assert_int_equal(tu_last_rejects.n, 2);
        assert_int_equal(tu_last_rejects.line[0], 3);
        assert_int_equal(tu_last_rejects.line[1], 5);
        ndr_dataset_free(ds);
    }
}

/* Reads csv with the --map entries map[0..nmap) into ds; msg gets the
 * message of an error. */
static ndr_status read_mapped(ndr_dataset *ds, const char *csv, const char *const *map,
                              size_t nmap, char *msg, size_t size)
{
    ndr_read_options ro;
    ndr_read_options_init(&ro);
    ro.map = map;
    ro.nmap = nmap;
    FILE *f = fmemopen((void *)csv, strlen(csv), "rb");
    assert_non_null(f);
    msg[0] = '\0';
    ndr_status st = ndr_read_stream(ds, f, "m.csv", &ro, 0, NULL, NULL, NULL, msg, size);
    fclose(f);
    return st;
}

/* A map onto the name the column already has (headers match whatever
 * their case) changes nothing; a map onto a name another column bears
 * still reads the mapped column, not that one. */
static void test_reader_map_identity_is_a_no_op(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,Date,mrr,amount\n"
                              "a,2021-01-31,10,1\n"
                              "a,2022-01-31,15,3\n";
    static const char *const maps[][2] = {
        {"date=Date", NULL}, {"DATE=date", NULL}, {"date=Date", "customer_id=Customer_ID"},
    };
    char msg[600];
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        ndr_dataset *ds = ndr_dataset_new();
        size_t n = maps[i][1] ? 2 : 1;
        assert_int_equal(read_mapped(ds, csv, maps[i], n, msg, sizeof msg), NDR_OK);
        ndr_report *r = tu_report(ds, 12, "2022-01-31");
        tu_assert_period(ndr_report_period(r, 0), 1, 1, "10", "15", "5", "0", "0");
        ndr_report_free(r);
        ndr_dataset_free(ds);
    }
    static const char *const amount[] = {"mrr=Amount", "date=date"};
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(read_mapped(ds, csv, amount, 2, msg, sizeof msg), NDR_OK);
    ndr_report *r = tu_report(ds, 12, "2022-01-31");
    tu_assert_period(ndr_report_period(r, 0), 1, 1, "1", "3", "2", "0", "0");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* One name mapped twice, or one column mapped to two names, is an
 * argument error naming both maps, found before any byte is read. */
static void test_reader_map_conflicts_are_argument_errors(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,a,b,x,mrr\nc,2021-01-31,2021-01-31,2021-01-31,10\n";
    static const struct {
        const char *map[2], *msg;
    } bad[] = {
        {{"date=a", "Date=b"},
         "--map 'date=a' and --map 'Date=b' both name a column 'date' (map each name once)"},
        {{"date=x", "customer_id=X"},
         "--map 'date=x' and --map 'customer_id=X' both read the column 'x' (map each column "
         "once)"},
        {{"date=a", "date=a"},
         "--map 'date=a' and --map 'date=a' both name a column 'date' (map each name once)"},
    };
    char msg[600];
    ndr_read_options ro;
    ndr_read_options_init(&ro);
    ro.nmap = 2;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ndr_dataset *ds = ndr_dataset_new();
        assert_int_equal(read_mapped(ds, csv, bad[i].map, 2, msg, sizeof msg), NDR_ERR_ARG);
        assert_string_equal(msg, bad[i].msg);
        ndr_dataset_free(ds);
        /* the same without a reader: the CLI's check of its options */
        ro.map = bad[i].map;
        assert_int_equal(ndr_read_options_check(&ro, msg, sizeof msg), NDR_ERR_ARG);
        assert_string_equal(msg, bad[i].msg);
    }
    static const char *const fine[] = {"date=Date", "customer_id=x"};
    ro.map = fine;
    assert_int_equal(ndr_read_options_check(&ro, msg, sizeof msg), NDR_OK);
    static const char *const malformed[] = {"date=Date", "mrr"};
    ro.map = malformed;
    assert_int_equal(ndr_read_options_check(&ro, msg, sizeof msg), NDR_ERR_ARG);
    assert_string_equal(msg, "bad map 'mrr': expected canonical=Their Header");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_basic_counts),
        cmocka_unit_test(test_reader_columns_by_name_any_order),
        cmocka_unit_test(test_reader_bom_crlf_quotes_blank_lines),
        cmocka_unit_test(test_reader_bad_rows_have_reasons_and_lines),
        cmocka_unit_test(test_reader_strict_stops_at_first_bad_row),
        cmocka_unit_test(test_reader_header_errors),
        cmocka_unit_test(test_reader_cr_only_lines),
        cmocka_unit_test(test_reader_header_only_is_not_an_error),
        cmocka_unit_test(test_reader_unterminated_quote_is_a_bad_row),
        cmocka_unit_test(test_reader_oversized_field_is_a_bad_row),
        cmocka_unit_test(test_reader_runaway_quote_resumes_next_line),
        cmocka_unit_test(test_reader_every_chunk_size_same_result),
        cmocka_unit_test(test_reader_later_duplicate_row_wins),
        cmocka_unit_test(test_reader_ids_must_be_utf8),
        cmocka_unit_test(test_reader_map_identity_is_a_no_op),
        cmocka_unit_test(test_reader_map_conflicts_are_argument_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
