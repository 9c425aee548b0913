/* snapshot.h - every customer's MRR at a set of dates ("snapshot dates"),
 * the building block of every report: trailing-window retention, the
 * monthly movements bridge, cohorts and the audit trail.
 *
 * For one customer at a time, its subscriptions' events are spread over
 * the dates with a difference array, over the customer's active range
 * only, so the cost is proportional to the events and to the customer's
 * lifetime in dates, not to the whole history. Amounts in other currencies
 * are converted with the rates in force on each date (--fx). */
#ifndef NDR_SNAPSHOT_H
#define NDR_SNAPSHOT_H

#include "dataset.h"

typedef struct ndr_snap {
    ndr_date *dates; /* sorted, unique */
    size_t ndates;
    uint32_t *day_idx; /* day - dates[0] -> first date index >= day */
    /* rates by currency index and date: rate[k * ndates + j] (1e-8 units),
     * 0 = not converted; NULL when nothing needs converting */
    ndr_money *rate;
    /* constant currency over a whole view (movements, cohorts): every date
     * converted at the rates of date fixed_j */
    int fixed;
    size_t fixed_j;
    ndr_money *diff, *tmp; /* scratch, ndates + 1 each */
} ndr_snap;

/* Takes the dates (any order, duplicates allowed; n > 0) and prepares the
 * snapshot. The array is owned by s from then on, also on error. */
ndr_status ndr_snap_init(ndr_snap *s, ndr_date *dates, size_t n);
void ndr_snap_free(ndr_snap *s);

/* Index of date d (which must be one of the dates). */
size_t ndr_snap_find(const ndr_snap *s, ndr_date d);

/* Checks the data set's currencies against opt (reporting currency, fx)
 * and loads the rates for every date j with needed[j] (NULL: all).
 * NDR_ERR_CURRENCY / NDR_ERR_DATA / NDR_ERR_ARG with a message. */
ndr_status ndr_snap_currencies(ndr_snap *s, const ndr_dataset *ds, const ndr_report_options *opt,
                               const unsigned char *needed, char *msg, size_t msg_size);

/* The rates of a whole-view snapshot: under --fx-mode constant only the
 * last date's, used for every date (so a customer paying the same in its
 * own currency shows no change, and each month's closing is the next
 * one's opening); else those of every date from index `from` on (dates
 * before it have no MRR, as the month end before the data). */
ndr_status ndr_snap_view_currencies(ndr_snap *s, const ndr_dataset *ds,
                                    const ndr_report_options *opt, size_t from, char *msg,
                                    size_t msg_size);

/* amount in currency index k at the rate of date j (of fixed_j when
 * fixed; unchanged if none). */
int ndr_snap_convert(const ndr_snap *s, unsigned k, size_t j, ndr_money amount, ndr_money *out);

/* Native MRR of customer c's subscriptions in currency index only_cur (-1:
 * all, unconverted) at every date, into mrr[lo..hi): outside it the MRR is
 * 0 (*lo == *hi when it never pays). Returns -1 on overflow. */
int ndr_snap_customer_native(ndr_snap *s, const ndr_dataset *ds, uint32_t c, int only_cur,
                             ndr_money *mrr, size_t *lo, size_t *hi);

/* Customer c's MRR at every date in the reporting currency (each currency
 * converted at each date's rate), into mrr[lo..hi). */
int ndr_snap_customer(ndr_snap *s, const ndr_dataset *ds, uint32_t c, ndr_money *mrr, size_t *lo,
                      size_t *hi);

/* What every view does first: default options when *opt is NULL (using
 * defaults), refuse an empty data set, sort it (turning vendor records
 * into events). Returns NDR_OK or a status with msg set. */
ndr_status ndr_snap_prepare(ndr_dataset *ds, const ndr_report_options **opt,
                            ndr_report_options *defaults, char *msg, size_t msg_size);

/* The last day the data is complete for under opt: opt's data_through
 * when it has one, else the data's "as of" date (else its last event
 * date); never after opt's today when it has one. */
ndr_date ndr_snap_through(const ndr_dataset *ds, const ndr_report_options *opt);

#endif
