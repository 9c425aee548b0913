/* cells.h - a period's figures as every output prints them, and the pieces
 * the writers share. */
#ifndef NDR_CELLS_H
#define NDR_CELLS_H

#include "ndr.h"

typedef struct ndr_cells {
    char period_end[11], prior_period_end[11];
    char customers[24], retained_customers[24];
    char prior_mrr[NDR_MONEY_TEXT], current_mrr[NDR_MONEY_TEXT], expansion_mrr[NDR_MONEY_TEXT],
        contraction_mrr[NDR_MONEY_TEXT], churned_mrr[NDR_MONEY_TEXT];
    char ndr_pct[48], grr_pct[48], logo_pct[48]; /* "" when undefined */
    const char *complete;                        /* "true" or "false" */
} ndr_cells;

/* 100 x num / den in hundredths of a percent, rounded as printed; -1 when
 * undefined (den <= 0). */
int ndr_pct_hundredths(ndr_money num, ndr_money den, int64_t *out);
/* A printed percentage ("104.85", "-3.20") in hundredths; -1 when it is
 * empty (undefined). */
int ndr_pct_text_hundredths(const char *pct, int64_t *out);

/* A printed percentage with its sign ("104.85%"), or "n/a" when empty. */
const char *ndr_pct_or_na(const char *pct, char buf[50]);
/* The NDR change from prev to now in percentage points ("+2.39pp"), the
 * difference of the printed values; "" without prev or a rate. */
void ndr_ndr_change(const ndr_period *prev, const ndr_cells *now, char *out, size_t size);
/* A cohort's name: "2024-03", "2024-Q1" or "2024" (month = year*12 + m-1). */
void ndr_cohort_label(ndr_cohort_period period, int month, char *out, size_t size);

/* Every figure of p as printed: money to 2 places, each rate exactly from
 * the sums, or from p's own rates when p->has_rate ("" when undefined). */
void ndr_cells_fill(ndr_cells *c, const ndr_period *p);

/* What the money columns measure under o: "mrr", "arr" or "revenue". */
const char *ndr_measure(const ndr_report_options *o);

/* How the revenue methods recognise revenue, as the output says it. */
#define NDR_REVENUE_RECOGNITION                                                                  \
    "ratable from the MRR timeline: each day earns the MRR in force that day / the days of its " \
    "month"

/* The writers' shared ends: options for JSON when the caller gave none,
 * and a writer's result (rc < 0, or a stream error) as a status. */
const ndr_report_options *ndr_options_or_default(const ndr_report_options *opt,
                                                 ndr_report_options *defaults);
ndr_status ndr_write_result(int rc, FILE *out);

#endif
