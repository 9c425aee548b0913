/* test_formats.c - the vendor formats: one business history written as
 * canonical events and in every vendor format gives the same report
 * (hand-computed in fixtures/formats/README.md); each format's exclusions;
 * normalisation to a month; currencies and exchange rates; account
 * roll-up; and the errors of malformed vendor data. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "dataset.h"
#include "fx.h"
#include "input/fields.h"
#include "normalize.h"

/* One business history (fixtures/formats/README.md) in every format and
 * shape, each file written in the layout its vendor documents; warehouse
 * tables come with their invoice table, in either order. */
static const struct history {
    const char *files[2];
    ndr_input_format format;       /* of the first file */
    uint64_t read, used, not_mrr;  /* over the files */
    const char *through;           /* the data's "as of" date */
} history[] = {
    {{"fixtures/formats/history_events.csv"}, NDR_IN_EVENTS, 14, 14, 0, "2025-01-03"},
    {{"fixtures/stripe_subscriptions.csv"}, NDR_IN_STRIPE_SUBSCRIPTIONS, 12, 12, 0, "2025-01-05"},
    {{"fixtures/stripe_invoice_lines.csv"}, NDR_IN_STRIPE_INVOICE_LINES, 128, 127, 1,
     "2025-01-05"},
    {{"fixtures/stripe/fivetran_invoice_line_item.csv", "fixtures/stripe/fivetran_invoice.csv"},
     NDR_IN_STRIPE_INVOICE_LINES, 255, 254, 1, "2025-01-05"},
    {{"fixtures/stripe/api_invoices.csv", "fixtures/stripe/api_invoice_lines.csv"},
     NDR_IN_STRIPE_INVOICES, 255, 254, 1, "2025-01-05"},
    {{"fixtures/chartmogul_line_items.csv"}, NDR_IN_CHARTMOGUL_LINE_ITEMS, 128, 127, 1,
     "2025-01-05"},
    {{"fixtures/chartmogul/destinations_invoice_line_items.csv",
      "fixtures/chartmogul/destinations_invoices.csv"},
     NDR_IN_CHARTMOGUL_LINE_ITEMS, 255, 254, 1, "2025-01-05"},
    {{"fixtures/chartmogul_movements.csv"}, NDR_IN_CHARTMOGUL_MOVEMENTS, 14, 14, 0, "2025-01-03"},
    {{"fixtures/chartmogul/activities.csv"}, NDR_IN_CHARTMOGUL_MOVEMENTS, 14, 14, 0,
     "2025-01-03"},
    {{"fixtures/baremetrics.csv"}, NDR_IN_BAREMETRICS, 12, 12, 0, "2025-01-03"},
};
#define NHISTORY (sizeof history / sizeof history[0])

static ndr_dataset *load_history(size_t f, ndr_read_stats *st)
{
    return tu_load_fixtures(history[f].files, history[f].files[1] ? 2 : 1, st);
}

static ndr_period at(ndr_dataset *ds, const char *day)
{
    ndr_report *r = tu_report(ds, 12, day);
    ndr_period p = *ndr_report_period(r, 0);
    ndr_report_free(r);
    return p;
}

/* Every format, recognised by its header, gives the hand-computed figures,
 * counts its rows and knows how recent it is. */
static void test_formats_history_hand_computed(void **state)
{
    (void)state;
    for (size_t f = 0; f < NHISTORY; f++) {
        ndr_read_stats st;
        ndr_dataset *ds = load_history(f, &st);
        assert_int_equal(st.format, history[f].format);
        assert_int_equal(st.also_fits, NDR_IN_AUTO);
        assert_int_equal(st.rows_read, history[f].read);
        assert_int_equal(st.rows_used, history[f].used);
        assert_int_equal(st.rows_not_mrr, history[f].not_mrr);
        assert_int_equal(st.rows_rejected, 0);
        assert_int_equal(st.rows_duplicate, 0);
        assert_true(st.has_through);
        assert_int_equal(st.through, tu_date(history[f].through));
        ndr_period p = at(ds, "2024-06-30");
        tu_assert_period(&p, 6, 5, "1650", "1200", "50", "200", "300");
        p = at(ds, "2024-12-31");
        tu_assert_period(&p, 7, 6, "1850", "1450", "100", "200", "300");
        assert_true(p.complete);
        ndr_dataset_free(ds);
    }
}

/* With no options, every file's report runs from 2024-01-31 (12 months
 * after its first month) to 2024-12-31, the last month end before the
 * export (2025-01-06), every period complete: never to the end of the last
 * service period (which made live subscriptions look churned). */
static void test_formats_history_default_range(void **state)
{
    (void)state;
    for (size_t f = 0; f < NHISTORY; f++) {
        ndr_dataset *ds = load_history(f, NULL);
        ndr_report *r = tu_report(ds, 12, NULL);
        assert_int_equal(ndr_report_count(r), 12);
        assert_int_equal(ndr_report_period(r, 0)->period_end, tu_date("2024-01-31"));
        const ndr_period *last = ndr_report_period(r, 11);
        assert_int_equal(last->period_end, tu_date("2024-12-31"));
        for (size_t i = 0; i < 12; i++)
            assert_true(ndr_report_period(r, i)->complete);
        tu_assert_period(last, 7, 6, "1850", "1450", "100", "200", "300");
        ndr_report_free(r);
        ndr_dataset_free(ds);
    }
}

/* Every figure equal (not `complete`, which depends on each file's last
 * date). */
static void same_figures(const ndr_period *a, const ndr_period *b)
{
    assert_int_equal(a->period_end, b->period_end);
    assert_int_equal(a->prior_period_end, b->prior_period_end);
    assert_int_equal(a->customers, b->customers);
    assert_int_equal(a->retained_customers, b->retained_customers);
    assert_int_equal(a->prior_mrr, b->prior_mrr);
    assert_int_equal(a->current_mrr, b->current_mrr);
    assert_int_equal(a->expansion_mrr, b->expansion_mrr);
    assert_int_equal(a->contraction_mrr, b->contraction_mrr);
    assert_int_equal(a->churned_mrr, b->churned_mrr);
    assert_int_equal(a->retained_mrr, b->retained_mrr);
}

/* ... and the same figures, to the 1e-8 unit, at every month end of 2024,
 * with every window from 1 to 12 months. */
static void test_formats_history_identical_every_month(void **state)
{
    (void)state;
    ndr_dataset *ref = load_history(0, NULL);
    for (size_t f = 1; f < NHISTORY; f++) {
        ndr_dataset *ds = load_history(f, NULL);
        for (int m = 1; m <= 12; m++)
            for (int w = 1; w <= 12; w++) {
                char day[11];
                ndr_date_format(ndr_date_month_end(ndr_date_from_ymd(2024, m, 1)), day);
                ndr_report *a = tu_report(ref, w, day), *b = tu_report(ds, w, day);
                same_figures(ndr_report_period(a, 0), ndr_report_period(b, 0));
                ndr_report_free(a);
                ndr_report_free(b);
            }
        ndr_dataset_free(ds);
    }
    ndr_dataset_free(ref);
}

/* Rows that are valid but carry no MRR are counted apart, never dropped:
 * statuses, intervals (2 years, weekly: counted from the current period,
 * the export having no interval count), quantities (README, "statuses"). */
static void test_formats_not_mrr_rows_are_counted(void **state)
{
    (void)state;
    ndr_read_stats st;
    ndr_dataset *ds = tu_load_fixture("fixtures/formats/stripe_subscriptions_statuses.csv", &st);
    assert_int_equal(st.rows_read, 12);
    assert_int_equal(st.rows_used, 9);
    assert_int_equal(st.rows_not_mrr, 3);
    assert_int_equal(st.rows_rejected, 0);
    ndr_period p = at(ds, "2024-06-30");
    tu_assert_period(&p, 6, 5, "585.33333333", "536.33333333", "0", "0", "49");
    ndr_dataset_free(ds);
}

static void test_formats_normalisation(void **state)
{
    (void)state;
    ndr_money m;
    assert_int_equal(ndr_mrr_per_interval(tu_money("1200"), NDR_IV_YEAR, 1, &m), 0);
    assert_int_equal(m, tu_money("100"));
    assert_int_equal(ndr_mrr_per_interval(tu_money("2400"), NDR_IV_YEAR, 2, &m), 0);
    assert_int_equal(m, tu_money("100"));
    assert_int_equal(ndr_mrr_per_interval(tu_money("1000"), NDR_IV_YEAR, 1, &m), 0);
    assert_int_equal(m, tu_money("83.33333333")); /* rounded once, half away from zero */
    assert_int_equal(ndr_mrr_per_interval(tu_money("12"), NDR_IV_WEEK, 1, &m), 0);
    assert_int_equal(m, tu_money("52"));
    assert_int_equal(ndr_mrr_per_interval(tu_money("12"), NDR_IV_WEEK, 2, &m), 0);
    assert_int_equal(m, tu_money("26"));
    assert_int_equal(ndr_mrr_per_interval(tu_money("1"), NDR_IV_DAY, 1, &m), 0);
    assert_int_equal(m, tu_money("30.41666667"));
    assert_int_equal(ndr_mrr_per_interval(tu_money("300"), NDR_IV_MONTH, 3, &m), 0);
    assert_int_equal(m, tu_money("100"));
    /* service periods: calendar months (clamped month ends), weeks, days */
    assert_int_equal(ndr_mrr_per_period(tu_money("50"), tu_date("2024-01-31"),
                                        tu_date("2024-02-29"), &m), 0);
    assert_int_equal(m, tu_money("50"));
    assert_int_equal(ndr_mrr_per_period(tu_money("300"), tu_date("2024-01-15"),
                                        tu_date("2024-04-15"), &m), 0);
    assert_int_equal(m, tu_money("100"));
    assert_int_equal(ndr_mrr_per_period(tu_money("1200"), tu_date("2023-03-01"),
                                        tu_date("2024-03-01"), &m), 0);
    assert_int_equal(m, tu_money("100"));
    assert_int_equal(ndr_mrr_per_period(tu_money("24"), tu_date("2024-01-01"),
                                        tu_date("2024-01-15"), &m), 0);
    assert_int_equal(m, tu_money("52")); /* 2 weeks: 24 x 52 / 24 */
    assert_int_equal(ndr_mrr_per_period(tu_money("12"), tu_date("2024-01-01"),
                                        tu_date("2024-01-11"), &m), 0);
    assert_int_equal(m, tu_money("36.5")); /* 10 days: 12 x 365 / 120 */
    assert_int_equal(ndr_mrr_per_period(tu_money("12"), tu_date("2024-01-11"),
                                        tu_date("2024-01-11"), &m), -1);
    /* minor units follow the currency */
    static const struct {
        const char *text, *cur, *want;
    } minor[] = {
        {"4900", "USD", "49"}, {"4900", "usd", "49"}, {"10000", "JPY", "10000"},
        {"1500", "KWD", "1.5"}, {"4900", "", "49"}, {"-250", "EUR", "-2.5"},
    };
    for (size_t i = 0; i < sizeof minor / sizeof minor[0]; i++) {
        ndr_field f[2] = {{"", 0}, {minor[i].text, strlen(minor[i].text)}};
        ndr_row_ctx c;
        memset(&c, 0, sizeof c);
        c.f = f;
        uint32_t cur;
        assert_int_equal(ndr_currency_parse(minor[i].cur, strlen(minor[i].cur), &cur), 0);
        assert_int_equal(ndr_row_minor(&c, 1, "amount", 1, cur, 0, &m), 0);
        assert_int_equal(m, minor[i].want[0] == '-' ? -tu_money(minor[i].want + 1)
                                                    : tu_money(minor[i].want));
    }
}

/* Lines of one subscription add up over the days their periods cover:
 * adjacent periods keep the MRR, a gap drops it to 0, an overlapping line
 * (another item, a second line of the period) adds to it. */
static void test_formats_invoice_periods(void **state)
{
    (void)state;
    static const char csv[] =
        "customer_id,subscription_id,type,proration,period_start,period_end,amount,currency\n"
        "c,s,subscription,false,2023-01-10,2023-02-10,1000,usd\n"
        "c,s,subscription,false,2023-03-10,2023-04-10,2000,usd\n" /* gap before it */
        "c,s,subscription,false,2023-02-10,2023-03-10,1000,usd\n" /* adjacent, unsorted */
        "c,s,subscription,false,2023-03-20,2023-04-20,3000,usd\n" /* overlaps: adds */
        "d,s,subscription,false,2023-01-10,2024-01-10,12000,usd\n";
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, csv, strlen(csv), 7, 0, &st), NDR_OK);
    assert_int_equal(st.format, NDR_IN_STRIPE_INVOICE_LINES);
    assert_int_equal(st.rows_used, 5);
    static const struct {
        const char *day, *mrr;
    } want[] = {
        {"2023-01-09", "0"},  {"2023-01-10", "10"}, {"2023-02-10", "10"}, {"2023-03-09", "10"},
        {"2023-03-10", "20"}, {"2023-03-19", "20"}, {"2023-03-20", "50"}, {"2023-04-09", "50"},
        {"2023-04-10", "30"}, {"2023-04-19", "30"}, {"2023-04-20", "0"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(tu_customer_mrr(ds, "c", want[i].day), tu_money(want[i].mrr));
    assert_int_equal(tu_customer_mrr(ds, "d", "2023-06-30"), tu_money("10"));
    ndr_dataset_free(ds);
}

/* Movements are summed in date order whatever the input order; going below
 * zero is an error naming the row. */
static void test_formats_movements(void **state)
{
    (void)state;
    static const char csv[] = "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT,"
                              "MOVEMENT_TYPE,CURRENCY_CODE\n"
                              "2023-03-01,c,s,-2000,contraction,USD\n"
                              "2023-01-01,c,s,5000,new_biz,USD\n"
                              "2024-01-15,c,s,1000,expansion,USD\n";
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, csv, strlen(csv), 0, 0, NULL), NDR_OK);
    ndr_period p = at(ds, "2024-01-31");
    tu_assert_period(&p, 1, 1, "50", "40", "0", "10", "0");
    ndr_dataset_free(ds);

    static const char neg[] = "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT\n"
                              "2023-01-01,c,s,5000\n"
                              "2023-02-01,c,s,-6000\n";
    ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, neg, strlen(neg), 0, 0, NULL), NDR_OK);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    ndr_report *r;
    char msg[400];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_DATA);
    assert_string_equal(msg, "test.csv:3: this movement takes subscription 's' of customer 'c' "
                             "to MRR -10.00 (below zero): movements missing from the export?");
    ndr_dataset_free(ds);
}

static ndr_status fx_report(const char *mode, ndr_period *out, char *msg)
{
    ndr_dataset *ds = tu_load_fixture("fixtures/formats/fx_events.csv", NULL);
    ndr_fx *fx = ndr_fx_new();
    FILE *f = fopen("fixtures/formats/fx_rates.csv", "rb");
    assert_non_null(f);
    assert_int_equal(ndr_fx_read(fx, f, "fx_rates.csv", msg, 400), NDR_OK);
    fclose(f);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = tu_date(mode[0] == 'e' ? "2022-12-31" : "2024-01-31");
    if (mode[0] != 'n') {
        strcpy(opt.currency, "USD");
        opt.fx = fx;
    }
    opt.fx_constant = mode[0] == 'c';
    ndr_report *r;
    ndr_status st = ndr_report_compute(ds, &opt, &r, msg, 400);
    if (st == NDR_OK) {
        *out = *ndr_report_period(r, 0);
        ndr_report_free(r);
    }
    ndr_fx_free(fx);
    ndr_dataset_free(ds);
    return st;
}

/* USD 100, EUR 100 -> 120, JPY 10000 flat; EUR 1.10 -> 1.20, JPY 0.0070 ->
 * 0.0065 (fixtures/formats/fx_*.csv). Spot: prior 100 + 110 + 70 = 280,
 * current 100 + 144 + 65 = 309. Constant (T's rates): prior 100 + 120 +
 * 65 = 285, current 309. */
static void test_formats_fx(void **state)
{
    (void)state;
    ndr_period p;
    char msg[400];
    assert_int_equal(fx_report("spot", &p, msg), NDR_OK);
    tu_assert_period(&p, 3, 3, "280", "309", "34", "5", "0");
    tu_assert_pct(p.current_mrr, p.prior_mrr, "110.36");
    assert_int_equal(fx_report("constant", &p, msg), NDR_OK);
    tu_assert_period(&p, 3, 3, "285", "309", "24", "0", "0");
    tu_assert_pct(p.current_mrr, p.prior_mrr, "108.42");
    assert_int_equal(fx_report("none", &p, msg), NDR_ERR_CURRENCY);
    assert_string_equal(msg, "the input has amounts in USD, EUR and JPY: choose a reporting "
                             "currency with --currency and give exchange rates with --fx");
    assert_int_equal(fx_report("early", &p, msg), NDR_ERR_CURRENCY);
    assert_string_equal(msg, "no exchange rate for EUR on or before 2021-12-31 in the --fx file");
}

/* The accounts file as Excel's "CSV UTF-8" saves it: a UTF-8 byte order
 * mark, CRLF line ends. */
static const char accounts_bom_crlf[] = "\xef\xbb\xbf"
                                        "customer_id,account_id\r\na1,ACME\r\na2,ACME\r\n";

/* Reads the accounts text acc (len bytes) into ds. */
static ndr_status read_accounts_text(ndr_dataset *ds, const char *acc, size_t len, char *msg,
                                     size_t size)
{
    FILE *f = fmemopen((void *)acc, len, "rb");
    assert_non_null(f);
    ndr_status st = ndr_read_accounts(ds, f, "acc.csv", msg, size);
    fclose(f);
    return st;
}

/* a1 and a2 roll up into ACME: a2's churn becomes ACME's contraction; the
 * same from the file with a BOM and CRLF (roll 2). */
static void test_formats_accounts(void **state)
{
    (void)state;
    char msg[400];
    /* a child that churns while its parent stays: the account contracts */
    for (int roll = 0; roll < 3; roll++) {
        ndr_dataset *ds = ndr_dataset_new();
        if (roll == 1) {
            FILE *f = fopen("fixtures/formats/accounts.csv", "rb");
            assert_non_null(f);
            assert_int_equal(ndr_read_accounts(ds, f, "accounts.csv", msg, sizeof msg), NDR_OK);
            fclose(f);
        }
        if (roll == 2)
            assert_int_equal(read_accounts_text(ds, accounts_bom_crlf,
                                                sizeof accounts_bom_crlf - 1, msg, sizeof msg),
                             NDR_OK);
        FILE *f = fopen("fixtures/formats/accounts_events.csv", "rb");
        assert_int_equal(ndr_read_stream(ds, f, "ev.csv", NULL, 0, NULL, NULL, NULL, msg,
                                         sizeof msg),
                         NDR_OK);
        fclose(f);
        ndr_period p = at(ds, "2024-01-31");
        if (roll)
            tu_assert_period(&p, 2, 2, "250", "200", "0", "50", "0");
        else
            tu_assert_period(&p, 3, 2, "250", "200", "0", "0", "50");
        assert_int_equal(ndr_dataset_customer_count(ds), roll ? 2 : 3);
        /* a1's s1 and a2's s1 stay two subscriptions under ACME */
        assert_int_equal(ndr_dataset_subscription_count(ds), 3);
        ndr_dataset_free(ds);
    }
    /* a customer mapped to two accounts is an error naming the line */
    static const char two[] = "customer_id,account_id\na1,X\na1,Y\n";
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(read_accounts_text(ds, two, sizeof two - 1, msg, sizeof msg),
                     NDR_ERR_BAD_ROW);
    assert_string_equal(msg, "acc.csv:3: customer mapped to a second, different account");
    ndr_dataset_free(ds);
    /* the line named is the one the record starts on, past blank lines */
    static const char spans[] = "customer_id,account_id\na1,X\n  \n\"a1\",\"Y\nZ\"\n";
    ds = ndr_dataset_new();
    assert_int_equal(read_accounts_text(ds, spans, sizeof spans - 1, msg, sizeof msg),
                     NDR_ERR_BAD_ROW);
    assert_string_equal(msg, "acc.csv:4: customer mapped to a second, different account");
    ndr_dataset_free(ds);
}

/* An account that is itself a mapped customer (a -> b, b -> c) is refused
 * in either order, naming both lines: read as given, b would be a churned
 * logo holding a's revenue while customer b counts inside c. */
static void test_formats_accounts_chain_refused(void **state)
{
    (void)state;
    static const struct {
        const char *csv, *msg;
    } bad[] = {
        {"customer_id,account_id\na,b\nb,c\n",
         "acc.csv:3: customer 'b' maps to account 'c', but acc.csv:2 maps customer 'a' to "
         "account 'b': an account cannot itself be mapped (map each customer straight to its "
         "final account)"},
        {"customer_id,account_id\nb,c\na,b\n",
         "acc.csv:3: customer 'a' maps to account 'b', but acc.csv:2 maps customer 'b' to "
         "account 'c': an account cannot itself be mapped (map each customer straight to its "
         "final account)"},
        /* a cycle is a chain; lines are physical lines (a blank one, a
         * quoted field over two lines) */
        {"customer_id,account_id\n\"a\",\"b\nB\"\n\n\"b\nB\",a\n",
         "acc.csv:5: customer 'b\\x0aB' maps to account 'a', but acc.csv:2 maps customer 'a' to "
         "account 'b\\x0aB': an account cannot itself be mapped (map each customer straight "
         "to its final account)"},
    };
    char msg[600];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ndr_dataset *ds = ndr_dataset_new();
        assert_int_equal(read_accounts_text(ds, bad[i].csv, strlen(bad[i].csv), msg, sizeof msg),
                         NDR_ERR_BAD_ROW);
        assert_string_equal(msg, bad[i].msg);
        ndr_dataset_free(ds);
    }
    /* the library call refuses a chain too */
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(ndr_dataset_add_account(ds, "a", 1, "b", 1), NDR_OK);
    assert_int_equal(ndr_dataset_add_account(ds, "b", 1, "c", 1), NDR_ERR_ARG);
    assert_int_equal(ndr_dataset_add_account(ds, "c", 1, "a", 1), NDR_ERR_ARG);
    ndr_dataset_free(ds);
}

/* A parent listed as its own account is no chain: a1 and a2 still roll up
 * into ACME, a2's churn a contraction of it. */
static void test_formats_accounts_self_map_allowed(void **state)
{
    (void)state;
    static const char acc[] = "customer_id,account_id\nACME,ACME\na1,ACME\na2,ACME\na1,ACME\n";
    char msg[400];
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(read_accounts_text(ds, acc, sizeof acc - 1, msg, sizeof msg), NDR_OK);
    FILE *f = fopen("fixtures/formats/accounts_events.csv", "rb");
    assert_non_null(f);
    assert_int_equal(
        ndr_read_stream(ds, f, "ev.csv", NULL, 0, NULL, NULL, NULL, msg, sizeof msg), NDR_OK);
    fclose(f);
    ndr_period p = at(ds, "2024-01-31");
    tu_assert_period(&p, 2, 2, "250", "200", "0", "50", "0");
    assert_int_equal(ndr_dataset_customer_count(ds), 2);
    ndr_dataset_free(ds);
}

/* An --fx file with a UTF-8 byte order mark and CRLF line ends (Excel's
 * "CSV UTF-8") reads like the plain one. */
static void test_formats_fx_bom_crlf(void **state)
{
    (void)state;
    static const char rates[] = "\xef\xbb\xbf"
                                "date,currency,rate_to_reporting\r\n2023-01-01,EUR,1.10\r\n"
                                "2024-01-01,EUR,1.20\r\n";
    FILE *f = fmemopen((void *)rates, sizeof rates - 1, "rb");
    assert_non_null(f);
    ndr_fx *fx = ndr_fx_new();
    char msg[400];
    assert_int_equal(ndr_fx_read(fx, f, "fx.csv", msg, sizeof msg), NDR_OK);
    fclose(f);
    uint32_t eur;
    assert_int_equal(ndr_currency_parse("EUR", 3, &eur), 0);
    ndr_money rate;
    assert_int_equal(ndr_fx_lookup(fx, eur, tu_date("2023-12-31"), &rate), 0);
    assert_true(rate == tu_money("1.10"));
    assert_int_equal(ndr_fx_lookup(fx, eur, tu_date("2024-01-31"), &rate), 0);
    assert_true(rate == tu_money("1.20"));
    ndr_fx_free(fx);
}

/* Malformed vendor rows are rejected with a reason; headers that fit no
 * format name what the closest one lacks. */
static void test_formats_bad_vendor_input(void **state)
{
    (void)state;
    static const char bm[] =
        "plan_oid,plan_amount,plan_interval,customer_oid,subscription_oid,"
        "subscription_started_at,subscription_canceled_at\n"
        "p,1000,fortnight,c,s,2023-01-01,\n"
        "p,1000,month,c,s2,2023-13-01,\n"
        "p,ten,month,c,s3,2023-01-01,\n"
        "p,1000,month,,s4,2023-01-01,\n"
        "p,1000,month,c,s5,2023-01-01,2023-01-01\n";
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, bm, strlen(bm), 0, 0, &st), NDR_OK);
    assert_int_equal(st.rows_read, 5);
    assert_int_equal(st.rows_rejected, 4);
    assert_int_equal(st.rows_not_mrr, 1);
    assert_string_equal(tu_last_rejects.reason[0],
                        "bad interval 'fortnight' (expected day, week, month or year)");
    assert_string_equal(tu_last_rejects.reason[1],
                        "bad subscription_started_at '2023-13-01' (expected YYYY-MM-DD, maybe "
                        "with a time)");
    assert_string_equal(tu_last_rejects.reason[2],
                        "bad plan_amount 'ten' (expected minor units, e.g. 4900 for 49.00)");
    assert_string_equal(tu_last_rejects.reason[3], "empty customer_oid");
    ndr_dataset_free(ds);

    ds = ndr_dataset_new();
    ndr_reader *r = ndr_reader_new(ds, "s.csv", 0, NULL, NULL);
    static const char hdr[] = "id,Customer ID,Status,Start (UTC),Amount\nsub,cus,active,2023-01-01,5\n";
    assert_int_equal(ndr_reader_feed(r, hdr, strlen(hdr)), NDR_ERR_HEADER);
    assert_string_equal(ndr_reader_message(r),
                        "s.csv:1: missing required column 'interval' for stripe-subscriptions "
                        "(header has: id, Customer ID, Status, Start (UTC), Amount); no known "
                        "format fits: events, stripe-subscriptions, stripe-invoice-lines, "
                        "stripe-invoices, chartmogul-line-items, chartmogul-invoices, "
                        "chartmogul-movements, baremetrics (docs/formats.md)");
    ndr_reader_free(r);
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats_history_hand_computed),
        cmocka_unit_test(test_formats_history_default_range),
        cmocka_unit_test(test_formats_history_identical_every_month),
        cmocka_unit_test(test_formats_not_mrr_rows_are_counted),
        cmocka_unit_test(test_formats_normalisation),
        cmocka_unit_test(test_formats_invoice_periods),
        cmocka_unit_test(test_formats_movements),
        cmocka_unit_test(test_formats_fx),
        cmocka_unit_test(test_formats_accounts),
        cmocka_unit_test(test_formats_accounts_chain_refused),
        cmocka_unit_test(test_formats_accounts_self_map_allowed),
        cmocka_unit_test(test_formats_fx_bom_crlf),
        cmocka_unit_test(test_formats_bad_vendor_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
