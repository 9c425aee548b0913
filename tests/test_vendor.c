/* test_vendor.c - vendor files as their vendors document them: the worked
 * examples of Stripe's and ChartMogul's documentation (fixtures/vendor/,
 * README.md there has each hand computation and its source), several lines
 * of one subscription and period, prorations and credits, snapshot exports
 * with one row per item, MRR movements with the MRR after them, warehouse
 * tables joined by invoice, rows given twice, the data's "as of" date,
 * header recognition and minor units. Every case here failed on the reader
 * before it (issue 15). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

/* Customer cust's MRR at the end of day (see test_formats.c). */
static ndr_money mrr_at(ndr_dataset *ds, const char *cust, const char *day)
{
    return tu_customer_mrr(ds, cust, day);
}

/* Reads csv and finishes the reading (joins, repeats), its final
 * accounting in *st (may be NULL); rejections go to tu_last_rejects. */
static ndr_dataset *load_text(const char *csv, ndr_read_stats *st)
{
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, csv, strlen(csv), 0, 0, NULL), NDR_OK);
    tu_finish(ds);
    if (st)
        *st = *ndr_dataset_input_stats(ds, 0);
    return ds;
}

/* ---- Stripe ------------------------------------------------------------- */

/* Stripe's prorations page: a 10 USD monthly plan upgraded to 20 USD
 * halfway through the period (2024-04-16 of [04-01, 05-01)): "Unused time"
 * -5.00 and "Remaining time" +10.00 over [04-16, 05-01), each scaled by the
 * period over its half: -10.00 and +20.00 a month, so 10 - 10 + 20 = 20
 * from 04-16. Base 100 + add-on 25 on one subscription without item ids,
 * in a different order on each invoice: 125 throughout. Six seats with a
 * 10.00 discount: 50. */
static void test_vendor_stripe_prorations_and_lines_of_one_period(void **state)
{
    (void)state;
    ndr_read_stats st;
    ndr_dataset *ds = tu_load_fixture("fixtures/vendor/stripe_lines_prorations.csv", &st);
    assert_int_equal(st.format, NDR_IN_STRIPE_INVOICE_LINES);
    assert_int_equal(st.rows_used, 10);
    static const struct {
        const char *cust, *day, *mrr;
    } want[] = {
        {"cus_PmUpgrade10to20", "2024-03-31", "10"}, {"cus_PmUpgrade10to20", "2024-04-15", "10"},
        {"cus_PmUpgrade10to20", "2024-04-16", "20"}, {"cus_PmUpgrade10to20", "2024-04-30", "20"},
        {"cus_PmUpgrade10to20", "2024-05-31", "20"}, {"cus_PmUpgrade10to20", "2024-06-01", "0"},
        {"cus_PmBaseAddOn", "2024-03-10", "125"},    {"cus_PmBaseAddOn", "2024-04-09", "125"},
        {"cus_PmBaseAddOn", "2024-04-10", "125"},    {"cus_PmBaseAddOn", "2024-05-09", "125"},
        {"cus_PmSeatsCoupon", "2024-04-15", "50"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(mrr_at(ds, want[i].cust, want[i].day), tu_money(want[i].mrr));
    ndr_report *r = tu_report(ds, 1, "2024-04-30"); /* P = 2024-03-31 */
    tu_assert_period(ndr_report_period(r, 0), 2, 2, "135", "145", "10", "0", "0");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* A proration whose billing period's line is not in the input (the export
 * starts inside the period) is normalised over its own days; a credit with
 * nothing to credit takes the subscription below zero: an error naming the
 * row, never a negative MRR. */
static void test_vendor_stripe_proration_without_its_period(void **state)
{
    (void)state;
    static const char own[] =
        "id,customer_id,subscription,proration,period_start,period_end,amount,currency\n"
        "il_1,c,s,true,2024-04-21,2024-05-01,1000,usd\n"  /* 10.00 for 10 days */
        "il_2,c,s,false,2024-05-01,2024-06-01,3000,usd\n";
    ndr_dataset *ds = load_text(own, NULL);
    /* 10.00 x 365 / (12 x 10) = 30.41666667 a month from 04-21 */
    assert_int_equal(mrr_at(ds, "c", "2024-04-21"), tu_money("30.41666667"));
    assert_int_equal(mrr_at(ds, "c", "2024-05-01"), tu_money("30"));
    ndr_dataset_free(ds);

    static const char credit[] =
        "id,customer_id,subscription,proration,period_start,period_end,amount,currency\n"
        "il_1,c,s,true,2024-04-16,2024-05-01,-500,usd\n"
        "il_2,c,s,false,2024-05-01,2024-06-01,2000,usd\n";
    ds = load_text(credit, NULL);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    ndr_report *r;
    char msg[600];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_DATA);
    assert_string_equal(msg, "test.csv:2: with this line subscription 's' of customer 'c' has MRR "
                             "-10.14 on 2024-04-16 (below zero): a credit whose line is not in "
                             "the input (an export that starts inside a billing period?)");
    ndr_dataset_free(ds);

    /* a negative line that is not a proration is refused, not summed */
    static const char neg[] = "customer_id,subscription,period_start,period_end,amount\n"
                              "c,s,2024-04-01,2024-05-01,-500\n";
    ds = load_text(neg, NULL);
    assert_string_equal(tu_last_rejects.reason[0], "bad amount '-500' (negative)");
    ndr_dataset_free(ds);
}

/* The Dashboard export, one row per item of a subscription (same id, each
 * with its price): the items add up; the same item twice with other values
 * (two exports of different dates) is refused; the same rows twice count
 * once. Start Date (UTC) is the subscription's start, Start (UTC) only the
 * current configuration's. No Interval Count column: the current period
 * says a monthly plan bills every 3 months. */
static void test_vendor_stripe_subscriptions_items_and_starts(void **state)
{
    (void)state;
    static const char hdr[] =
        "id,Customer ID,Plan price ID,Quantity,Interval,Amount,Status,Created (UTC),"
        "Start (UTC),Start Date (UTC),Current Period Start (UTC),Current Period End (UTC)\n";
    static const char rows[] =
        "sub_1,cus_1,price_base,1,month,100.00,active,2023-01-05 10:00,2024-03-05 10:00,"
        "2023-01-05 10:00,2024-06-05 10:00,2024-07-05 10:00\n"
        "sub_1,cus_1,price_seat,5,month,5.00,active,2023-01-05 10:00,2024-03-05 10:00,"
        "2023-01-05 10:00,2024-06-05 10:00,2024-07-05 10:00\n"
        "sub_2,cus_2,price_team,1,month,300.00,active,2023-02-10 09:00,2023-02-10 09:00,"
        "2023-02-10 09:00,2024-05-10 09:00,2024-08-10 09:00\n";
    char csv[2048];
    snprintf(csv, sizeof csv, "%s%s%s", hdr, rows, rows); /* the file twice */
    ndr_read_stats st;
    ndr_dataset *ds = load_text(csv, &st);
    assert_int_equal(st.rows_used, 3);
    assert_int_equal(st.rows_duplicate, 3);
    assert_int_equal(st.first_duplicate, 5);
    assert_int_equal(mrr_at(ds, "cus_1", "2023-06-30"), tu_money("125")); /* from Start Date */
    assert_int_equal(mrr_at(ds, "cus_2", "2023-06-30"), tu_money("100")); /* 300 / 3 months */
    ndr_dataset_free(ds);

    snprintf(csv, sizeof csv, "%s%s%s", hdr, rows,
             "sub_1,cus_1,price_seat,7,month,5.00,active,2023-01-05 10:00,2024-03-05 10:00,"
             "2023-01-05 10:00,2024-06-05 10:00,2024-07-05 10:00\n");
    ds = load_text(csv, &st);
    assert_int_equal(st.rows_rejected, 1);
    assert_string_equal(tu_last_rejects.reason[0],
                        "test.csv:3 has the same identity with other values (exports of two "
                        "dates? give one, or the later one alone)");
    ndr_dataset_free(ds);

    /* only the legacy Start column: read, with a warning */
    static const char legacy[] = "id,Customer ID,Interval,Amount,Status,Start (UTC)\n"
                                 "sub_1,cus_1,month,100.00,active,2024-03-05 10:00\n";
    ds = load_text(legacy, &st);
    assert_non_null(strstr(st.note, "'Start (UTC)' but not 'Start Date (UTC)'"));
    assert_int_equal(mrr_at(ds, "cus_1", "2024-03-05"), tu_money("100"));
    ndr_dataset_free(ds);
}

/* Warehouse tables: Fivetran's invoice_line_item has no customer; its
 * invoice has. In either order the lines join their invoices; a line whose
 * invoice is in no input is rejected at the end, and its input's
 * accounting says so; a void invoice's lines carry no MRR. */
static void test_vendor_stripe_warehouse_join(void **state)
{
    (void)state;
    static const char lines[] =
        "id,invoice_id,amount,currency,period_start,period_end,proration,subscription_id,type\n"
        "il_1,in_1,10000,usd,2024-01-01 00:00:00,2024-02-01 00:00:00,FALSE,sub_1,subscription\n"
        "il_2,in_2,10000,usd,2024-02-01 00:00:00,2024-03-01 00:00:00,FALSE,sub_1,subscription\n"
        "il_3,in_3,5000,usd,2024-02-01 00:00:00,2024-03-01 00:00:00,FALSE,sub_2,subscription\n"
        "il_4,in_4,7000,usd,2024-02-01 00:00:00,2024-03-01 00:00:00,FALSE,sub_3,subscription\n";
    static const char invoices[] = "id,customer_id,currency,status,amount_due\n"
                                   "in_1,cus_a,usd,paid,10000\n"
                                   "in_2,cus_a,usd,paid,10000\n"
                                   "in_3,cus_b,usd,void,5000\n";
    for (int order = 0; order < 2; order++) {
        ndr_dataset *ds = ndr_dataset_new();
        ndr_read_stats a, b;
        const char *first = order ? invoices : lines, *second = order ? lines : invoices;
        assert_int_equal(tu_read(ds, first, strlen(first), 0, 0, order ? &b : &a), NDR_OK);
        assert_int_equal(tu_read(ds, second, strlen(second), 0, 0, order ? &a : &b), NDR_OK);
        assert_int_equal(a.format, NDR_IN_STRIPE_INVOICE_LINES);
        assert_int_equal(b.format, NDR_IN_STRIPE_INVOICES);
        char msg[600];
        memset(&tu_last_rejects, 0, sizeof tu_last_rejects);
        assert_int_equal(ndr_dataset_finish_reading(ds, 0, NULL, NULL, msg, sizeof msg), NDR_OK);
        const ndr_read_stats *t = ndr_dataset_input_stats(ds, order ? 1 : 0);
        assert_int_equal(t->rows_read, 4);
        assert_int_equal(t->rows_used, 2);
        assert_int_equal(t->rows_not_mrr, 1); /* the void invoice's line */
        assert_int_equal(t->rows_rejected, 1); /* in_4: no invoice */
        assert_int_equal(mrr_at(ds, "cus_a", "2024-02-15"), tu_money("100"));
        assert_int_equal(ndr_dataset_customer_count(ds), 1);
        ndr_dataset_free(ds);
    }
    /* a report refuses lines still waiting for their invoice */
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, lines, strlen(lines), 0, 0, NULL), NDR_OK);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    ndr_report *r;
    char msg[600];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_DATA);
    assert_string_equal(msg, "test.csv:2: 4 invoice lines wait for their invoice (this one for "
                             "'in_1'): read every input, then ndr_dataset_finish_reading");
    ndr_dataset_free(ds);
    /* strict: the first missing invoice stops it */
    ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, lines, strlen(lines), 0, 0, NULL), NDR_OK);
    assert_int_equal(ndr_dataset_finish_reading(ds, NDR_READ_STRICT, NULL, NULL, msg, sizeof msg),
                     NDR_ERR_BAD_ROW);
    assert_string_equal(msg, "test.csv:2: invoice 'in_1' is in no input: give the invoice table "
                             "too (stripe-invoices, which names each invoice's customer)");
    ndr_dataset_free(ds);
}

/* The 2025-03-31 API: subscription, item and proration under parent.*,
 * dotted in a flattened export, times as Unix seconds. */
static void test_vendor_stripe_basil_parent_fields(void **state)
{
    (void)state;
    static const char csv[] =
        "id,customer_id,amount,currency,period.start,period.end,parent.type,"
        "parent.subscription_item_details.subscription,"
        "parent.subscription_item_details.subscription_item,"
        "parent.subscription_item_details.proration,parent.invoice_item_details.proration\n"
        /* 2024-04-01 .. 2024-05-01 */
        "il_1,cus_1,1000,usd,1711929600,1714521600,subscription_item_details,sub_1,si_1,false,\n"
        /* 2024-04-16 .. 2024-05-01: an upgrade's charge, halfway */
        "il_2,cus_1,500,usd,1713225600,1714521600,invoice_item_details,,,,true\n"
        "il_3,cus_1,500,usd,1713225600,1714521600,subscription_item_details,sub_1,si_1,true,\n"
        "il_4,cus_1,2500,usd,1713225600,1713225600,invoice_item_details,,,,false\n";
    ndr_read_stats st;
    ndr_dataset *ds = load_text(csv, &st);
    assert_int_equal(st.rows_used, 2);
    assert_int_equal(st.rows_not_mrr, 1); /* il_4, a one-time invoice item */
    assert_int_equal(st.rows_rejected, 1); /* il_2: a proration without a subscription */
    assert_string_equal(tu_last_rejects.reason[0], "proration without a subscription");
    assert_int_equal(mrr_at(ds, "cus_1", "2024-04-15"), tu_money("10"));
    assert_int_equal(mrr_at(ds, "cus_1", "2024-04-16"), tu_money("20"));
    ndr_dataset_free(ds);
}

/* ---- ChartMogul --------------------------------------------------------- */

/* Help centre 360012519560 and the prorations guide: Wayne Enterprises'
 * Bronze 100 becomes Gold 250 on 2019-02-01 (total MRR 250, movement
 * +150); Daily Metropolis upgrades mid-month, a 12500 charge and a -5000
 * credit over [06-16, 07-01), half of June: 100 - 100 + 250 = 250; Adam
 * Smith's extra seat, 2500 for [2016-03-16, 04-01), 16 of March's 31
 * days: 25 x 31 / 16 = 48.4375, so 98.4375 until April's 2 seats, 100. */
static void test_vendor_chartmogul_prorations(void **state)
{
    (void)state;
    ndr_read_stats st;
    ndr_dataset *ds = tu_load_fixture("fixtures/vendor/chartmogul_prorations.csv", &st);
    assert_int_equal(st.format, NDR_IN_CHARTMOGUL_LINE_ITEMS);
    assert_int_equal(st.rows_used, 12);
    static const struct {
        const char *cust, *day, *mrr;
    } want[] = {
        {"wayne_enterprises", "2019-01-31", "100"},
        {"wayne_enterprises", "2019-02-01", "250"},
        {"daily_metropolis", "2019-06-15", "100"},
        {"daily_metropolis", "2019-06-16", "250"},
        {"daily_metropolis", "2019-07-01", "250"},
        {"cus_f466e33d-ff2b-4a11-8f85-417eb02157a7", "2016-03-15", "50"},
        {"cus_f466e33d-ff2b-4a11-8f85-417eb02157a7", "2016-03-16", "98.4375"},
        {"cus_f466e33d-ff2b-4a11-8f85-417eb02157a7", "2016-04-01", "100"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(mrr_at(ds, want[i].cust, want[i].day), tu_money(want[i].mrr));
    ndr_dataset_free(ds);
}

/* Destinations' Invoice Line Items (TYPE_DATA's JSON flags, no customer)
 * with its Invoices (customer, currency, STATUS 4 = voided). */
static void test_vendor_chartmogul_destinations(void **state)
{
    (void)state;
    static const char lines[] =
        "ID,EXTERNAL_ID,INVOICE_ID,TYPE,TYPE_DATA,AMOUNT_IN_CENTS,TAX_AMOUNT_IN_CENTS,"
        "SERVICE_PERIOD_START,SERVICE_PERIOD_END\n"
        "1,li_1,inv_1,subscription,\"{\"\"prorated\"\":false}\",12000,2000,"
        "2024-01-01 00:00:00,2024-02-01 00:00:00\n"
        "2,li_2,inv_2,subscription,\"{\"\"prorated\"\": true,\"\"proration_type\"\":\"\"full\"\"}\","
        "5000,0,2024-01-16 00:00:00,2024-01-31 00:00:00\n"
        "3,li_3,inv_3,subscription,\"{\"\"prorated\"\":false}\",9900,0,"
        "2024-01-01 00:00:00,2024-02-01 00:00:00\n"
        "4,li_4,inv_1,subscription,\"{\"\"balance_transfer\"\":true}\",-3000,0,"
        "2024-01-01 00:00:00,2024-02-01 00:00:00\n";
    static const char invoices[] =
        "ID,EXTERNAL_ID,INVOICED_AT,CURRENCY,DATA_SOURCE_CUSTOMER_EXTERNAL_ID,STATUS\n"
        "inv_1,INV-1,2024-01-01 00:00:00,EUR,cus_1,1\n"
        "inv_2,INV-2,2024-01-16 00:00:00,EUR,cus_1,1\n"
        "inv_3,INV-3,2024-01-01 00:00:00,EUR,cus_2,4\n";
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats a, b;
    assert_int_equal(tu_read(ds, lines, strlen(lines), 0, 0, &a), NDR_OK);
    assert_int_equal(tu_read(ds, invoices, strlen(invoices), 0, 0, &b), NDR_OK);
    assert_int_equal(a.format, NDR_IN_CHARTMOGUL_LINE_ITEMS);
    assert_int_equal(b.format, NDR_IN_CHARTMOGUL_INVOICES);
    char msg[600];
    assert_int_equal(ndr_dataset_finish_reading(ds, 0, NULL, NULL, msg, sizeof msg), NDR_OK);
    const ndr_read_stats *t = ndr_dataset_input_stats(ds, 0);
    assert_int_equal(t->rows_used, 2);
    assert_int_equal(t->rows_not_mrr, 2); /* a balance transfer, a voided invoice's line */
    /* 100 (120 less 20 tax); the prorated 50 for 15 of January's 31 days,
     * no line of its own period: by days, 50 x 365 / (12 x 15) = 101.38888889 */
    assert_int_equal(mrr_at(ds, "cus_1", "2024-01-15"), tu_money("100"));
    assert_int_equal(mrr_at(ds, "cus_1", "2024-01-16"), tu_money("201.38888889"));
    /* the invoice's currency */
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.window_months = 1;
    opt.has_as_of = 1;
    opt.as_of = tu_date("2024-01-20");
    strcpy(opt.currency, "USD");
    ndr_report *r;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_CURRENCY);
    assert_string_equal(msg, "the input has amounts in EUR, not USD: give exchange rates with --fx");
    ndr_dataset_free(ds);
}

/* Help centre 201244842: Syncalytics' new business 2,000 / 12 = 166.67,
 * a +60 expansion, a -60 contraction, churn at the end of the year,
 * reactivation on three Gold monthly plans, 150; the MRR after each as
 * the export states it. Wien Werke is billed in EUR (CURRENCY_CODE, the
 * invoice's currency) but its movements are in the account's USD: no
 * conversion, and no "amounts in USD and EUR". */
static void test_vendor_chartmogul_movements(void **state)
{
    (void)state;
    ndr_read_stats st;
    ndr_dataset *ds = tu_load_fixture("fixtures/vendor/chartmogul_syncalytics.csv", &st);
    assert_int_equal(st.format, NDR_IN_CHARTMOGUL_MOVEMENTS);
    static const struct {
        const char *cust, *day, *mrr;
    } want[] = {
        {"syncalytics", "2022-01-10", "166.67"}, {"syncalytics", "2022-01-14", "226.67"},
        {"syncalytics", "2022-01-28", "166.67"}, {"syncalytics", "2023-01-10", "0"},
        {"syncalytics", "2023-03-01", "150"},    {"wien_werke", "2022-06-30", "90"},
        {"wien_werke", "2023-02-05", "120"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(mrr_at(ds, want[i].cust, want[i].day), tu_money(want[i].mrr));
    ndr_report *r = tu_report(ds, 12, "2023-01-31");
    tu_assert_period(ndr_report_period(r, 0), 2, 1, "256.67", "90", "0", "0", "166.67");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* The MRR column places a customer exactly when the export starts after its
 * first payment (its first movement there is an expansion: 9,000 before it,
 * from the export's first day), and catches a movement given twice under
 * another id. The same export twice counts once (UUID). */
static void test_vendor_chartmogul_movements_levels(void **state)
{
    (void)state;
    static const char partial[] =
        "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT,MRR,MOVEMENT_TYPE,UUID\n"
        "2023-01-01 00:00:00,new,s1,5000,5000,new_biz,u1\n"
        "2023-02-05 12:00:00,old,s2,3000,12000,expansion,u2\n"
        "2023-03-05 12:00:00,old,s2,-2000,10000,contraction,u3\n";
    ndr_dataset *ds = load_text(partial, NULL);
    assert_int_equal(mrr_at(ds, "old", "2023-01-01"), tu_money("90"));
    assert_int_equal(mrr_at(ds, "old", "2023-02-05"), tu_money("120"));
    assert_int_equal(mrr_at(ds, "old", "2023-03-05"), tu_money("100"));
    assert_int_equal(mrr_at(ds, "new", "2023-03-05"), tu_money("50"));
    ndr_dataset_free(ds);

    static const char twice[] =
        "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT,MRR,MOVEMENT_TYPE,UUID\n"
        "2023-01-01 00:00:00,c,s1,5000,5000,new_biz,u1\n"
        "2023-02-01 00:00:00,c,s1,1000,6000,expansion,u2\n"
        "2023-02-01 00:00:00,c,s1,1000,6000,expansion,u9\n";
    ds = load_text(twice, NULL);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    ndr_report *r;
    char msg[600];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_DATA);
    assert_string_equal(msg, "test.csv:4: the export says the MRR after this movement is 60.00, "
                             "but the movements of subscription 's1' of customer 'c' up to it "
                             "add up to 70.00: a movement missing or given twice?");
    ndr_dataset_free(ds);

    /* the same export twice: the second copy's rows are duplicates */
    char both[1024];
    snprintf(both, sizeof both, "%s%s", partial, strchr(partial, '\n') + 1);
    ndr_read_stats st;
    ds = load_text(both, &st);
    assert_int_equal(st.rows_used, 3);
    assert_int_equal(st.rows_duplicate, 3);
    assert_int_equal(mrr_at(ds, "old", "2023-03-05"), tu_money("100"));
    ndr_dataset_free(ds);

    /* per-subscription MRR (each row's MRR is its subscription's): the
     * customer level does not fit, the subscription level does */
    static const char per_sub[] =
        "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT,MRR,UUID\n"
        "2023-01-01,c,s1,5000,5000,u1\n"
        "2023-02-01,c,s2,2000,2000,u2\n";
    ds = load_text(per_sub, NULL);
    assert_int_equal(mrr_at(ds, "c", "2023-02-01"), tu_money("70"));
    ndr_dataset_free(ds);
}

/* The Activities API as extractors write it (hyphenated keys, ISO times
 * with offsets): 22:16 at -04:00 is the next day in UTC. */
static void test_vendor_chartmogul_activities(void **state)
{
    (void)state;
    static const char csv[] =
        "description,activity-mrr-movement,activity-mrr,activity-arr,date,type,currency,"
        "subscription-external-id,customer-external-id,uuid\n"
        "purchased the Silver plan,6000,6000,72000,2023-06-09T22:16:00-04:00,new_biz,USD,sub_1,"
        "cus_1,a1\n";
    ndr_read_stats st;
    ndr_dataset *ds = load_text(csv, &st);
    assert_int_equal(st.format, NDR_IN_CHARTMOGUL_MOVEMENTS);
    assert_int_equal(st.also_fits, NDR_IN_AUTO);
    assert_int_equal(mrr_at(ds, "cus_1", "2023-06-09"), 0);
    assert_int_equal(mrr_at(ds, "cus_1", "2023-06-10"), tu_money("60"));
    ndr_dataset_free(ds);
}

/* ---- Baremetrics, detection, minor units, the data's date ---------------- */

/* The template's two example rows: customer_1 on two plans at once, 50 +
 * 50 from 2020-03-31 until the cancellation 2020-05-04; its "More Info"
 * row is prose, rejected with the line; its label column has no header. */
static void test_vendor_baremetrics_template(void **state)
{
    (void)state;
    ndr_read_stats st;
    ndr_dataset *ds = tu_load_fixture("fixtures/vendor/baremetrics_template.csv", &st);
    assert_int_equal(st.format, NDR_IN_BAREMETRICS);
    assert_int_equal(st.rows_used, 2);
    assert_int_equal(st.rows_rejected, 1);
    assert_int_equal(tu_last_rejects.line[0], 4);
    assert_int_equal(mrr_at(ds, "customer_1", "2020-03-31"), tu_money("100"));
    assert_int_equal(mrr_at(ds, "customer_1", "2020-05-03"), tu_money("100"));
    assert_int_equal(mrr_at(ds, "customer_1", "2020-05-04"), 0);
    ndr_dataset_free(ds);
}

/* An events file with billing columns too: read as events (its mrr
 * column), saying that it also fits the Stripe export. */
static void test_vendor_detection_prefers_events(void **state)
{
    (void)state;
    static const char csv[] = "id,customer_id,subscription_id,date,mrr,status,created,interval,"
                              "amount\n"
                              "1,a,s1,2023-01-01,100,active,2023-01-01,month,100\n"
                              "2,a,s1,2024-01-01,150,active,2023-01-01,month,150\n";
    ndr_read_stats st;
    ndr_dataset *ds = load_text(csv, &st);
    assert_int_equal(st.format, NDR_IN_EVENTS);
    assert_int_equal(st.also_fits, NDR_IN_STRIPE_SUBSCRIPTIONS);
    ndr_report *r = tu_report(ds, 12, "2024-01-31");
    tu_assert_pct(ndr_report_period(r, 0)->current_mrr, ndr_report_period(r, 0)->prior_mrr,
                  "150.00");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* A decimal in a column of minor units is refused, with the hint, in
 * every format that has one. */
static void test_vendor_minor_units_refuse_decimals(void **state)
{
    (void)state;
    static const char *const csv[] = {
        "customer_oid,subscription_oid,subscription_started_at,plan_amount,plan_interval\n"
        "c,s,2024-01-01,50.00,month\n",
        "customer_id,subscription_id,period_start,period_end,amount\n"
        "c,s,2024-01-01,2024-02-01,50.00\n",
        "customer_external_id,type,subscription_external_id,service_period_start,"
        "service_period_end,amount_in_cents\n"
        "c,subscription,s,2024-01-01,2024-02-01,50.00\n",
        "DATE,CUSTOMER_EXTERNAL_ID,MRR_MOVEMENT\n2024-01-01,c,50.00\n",
    };
    static const char *const col[] = {"plan_amount", "amount", "amount_in_cents", "mrr_movement"};
    for (size_t i = 0; i < 4; i++) {
        ndr_read_stats st;
        ndr_dataset *ds = load_text(csv[i], &st);
        assert_int_equal(st.rows_rejected, 1);
        char want[200];
        snprintf(want, sizeof want,
                 "bad %s '50.00' (a decimal in a column of minor units: the column is in "
                 "cents, e.g. 4900 for 49.00)",
                 col[i]);
        assert_string_equal(tu_last_rejects.reason[0], want);
        ndr_dataset_free(ds);
    }
}

/* The data's "as of" date: the latest date showing how recent a file is
 * (never a service period's end). Period ends after it - or after today,
 * or after --data-through - are not complete, and the default range stops
 * at the last month end on or before it. */
static void test_vendor_data_through(void **state)
{
    (void)state;
    static const char lines[] =
        "customer_id,subscription_id,period_start,period_end,amount\n"
        "c,s,2024-01-15,2024-02-15,1000\n"
        "c,s,2024-02-15,2024-03-15,1000\n"
        "c,s,2024-03-15,2025-03-15,12000\n"; /* an annual renewal: through 2024-03-15 */
    ndr_dataset *ds = load_text(lines, NULL);
    ndr_date t;
    assert_int_equal(ndr_dataset_data_through(ds, &t), 0);
    assert_int_equal(t, tu_date("2024-03-15"));
    ndr_report *r = tu_report(ds, 1, NULL);
    assert_int_equal(ndr_report_period(r, ndr_report_count(r) - 1)->period_end,
                     tu_date("2024-02-29"));
    ndr_report_free(r);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.window_months = 1;
    char msg[600];
    opt.has_data_through = 1; /* the user knows the export's date */
    opt.data_through = tu_date("2024-06-02");
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    const ndr_period *last = ndr_report_period(r, ndr_report_count(r) - 1);
    assert_int_equal(last->period_end, tu_date("2024-05-31"));
    assert_true(last->complete);
    ndr_report_free(r);
    opt.has_today = 1; /* ... but never after today */
    opt.today = tu_date("2024-04-10");
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    assert_int_equal(ndr_report_period(r, ndr_report_count(r) - 1)->period_end,
                     tu_date("2024-03-31"));
    ndr_report_free(r);
    opt.has_today = 0; /* an explicit --to past it is reported, not final */
    opt.has_data_through = 0;
    opt.to_month = 2024 * 12 + 5;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    last = ndr_report_period(r, ndr_report_count(r) - 1);
    assert_int_equal(last->period_end, tu_date("2024-06-30"));
    assert_false(last->complete);
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* An amount without a currency, in a subscription whose other rows name
 * one, is in that currency (docs/formats.md, "Currencies"). */
static void test_vendor_empty_currency_takes_the_subscription_s(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,subscription_id,date,mrr,currency\n"
                              "c,s,2023-01-01,100,EUR\n"
                              "c,s,2023-06-01,200,\n";
    ndr_dataset *ds = load_text(csv, NULL);
    ndr_fx *fx = ndr_fx_new();
    static const char rates[] = "date,currency,rate_to_reporting\n2022-01-01,EUR,1.10\n";
    FILE *f = fmemopen((void *)rates, sizeof rates - 1, "rb");
    char msg[600];
    assert_int_equal(ndr_fx_read(fx, f, "fx.csv", msg, sizeof msg), NDR_OK);
    fclose(f);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = tu_date("2024-01-31");
    strcpy(opt.currency, "USD");
    opt.fx = fx;
    ndr_report *r;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    /* 200 EUR x 1.10 = 220 USD, not 200 USD */
    tu_assert_period(ndr_report_period(r, 0), 1, 1, "110", "220", "110", "0", "0");
    ndr_report_free(r);
    ndr_fx_free(fx);
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vendor_stripe_prorations_and_lines_of_one_period),
        cmocka_unit_test(test_vendor_stripe_proration_without_its_period),
        cmocka_unit_test(test_vendor_stripe_subscriptions_items_and_starts),
        cmocka_unit_test(test_vendor_stripe_warehouse_join),
        cmocka_unit_test(test_vendor_stripe_basil_parent_fields),
        cmocka_unit_test(test_vendor_chartmogul_prorations),
        cmocka_unit_test(test_vendor_chartmogul_destinations),
        cmocka_unit_test(test_vendor_chartmogul_movements),
        cmocka_unit_test(test_vendor_chartmogul_movements_levels),
        cmocka_unit_test(test_vendor_chartmogul_activities),
        cmocka_unit_test(test_vendor_baremetrics_template),
        cmocka_unit_test(test_vendor_detection_prefers_events),
        cmocka_unit_test(test_vendor_minor_units_refuse_decimals),
        cmocka_unit_test(test_vendor_data_through),
        cmocka_unit_test(test_vendor_empty_currency_takes_the_subscription_s),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
