/* chartmogul_movements.c - ChartMogul's MRR movements: the Destinations
 * "MRR Movements" dataset and the Activities API (flattened by extractors:
 * activity-mrr-movement, ...). Amounts are cents of the ACCOUNT's
 * currency (CURRENCY_CODE is the invoice's, so it is not read); MRR is the
 * MRR after the movement, used to place each customer's MRR exactly and
 * checked against the movements (timeline.c). */
#include "chartmogul_movements.h"

enum { M_DATE = 1, M_CUST_EXT, M_CUST_UUID, M_SUB, M_MOVEMENT, M_LEVEL, M_TYPE, M_RANK, M_UUID };

static const ndr_column cols[] = {
    {"date", NDR_COL_REQUIRED | NDR_COL_ASOF, 0},
    {"customer_external_id", 0, 1},
    {"customer_uuid", 0, 1},
    {"subscription_external_id|subscription_uuid", 0, 0},
    {"mrr_movement|activity_mrr_movement", NDR_COL_REQUIRED, 0},
    {"mrr|activity_mrr", 0, 0},
    {"movement_type|type|activity_type", 0, 0},
    {"rank", 0, 0},
    {"uuid", NDR_COL_IDENT, 0},
};

static ndr_row_result row(ndr_row_ctx *c)
{
    ndr_tl_rec rec = {0};
    int cust = c->f[M_CUST_EXT].n ? M_CUST_EXT : M_CUST_UUID;
    uint64_t rank;
    if (ndr_row_id(c, cust, "customer_external_id or customer_uuid") ||
        (c->f[M_SUB].n && ndr_row_id(c, M_SUB, "subscription_external_id")) ||
        ndr_row_time(c, M_DATE, "date", 0, &rec.start, &rec.t0) ||
        ndr_row_cents(c, M_MOVEMENT, "mrr_movement", INT64_MIN, &rec.amount) ||
        ndr_row_cents(c, M_LEVEL, "mrr", NDR_NO_LEVEL, &rec.level) ||
        ndr_row_count(c, M_RANK, "rank", 0, &rank))
        return NDR_ROW_BAD;
    if (rec.amount == INT64_MIN)
        return ndr_row_bad(c, "empty mrr_movement");
    rec.rank = (uint32_t)rank;
    rec.end = NDR_NO_END;
    rec.kind = NDR_TL_MOVEMENT;
    ndr_row_key k = {cust, M_SUB, NULL, 0, 0, 0};
    return ndr_row_add(c, &k, &rec);
}

const ndr_input_def ndr_input_chartmogul_movements = {
    .id = NDR_IN_CHARTMOGUL_MOVEMENTS,
    .name = "chartmogul-movements",
    .what = "ChartMogul MRR movements (Destinations) or activities (API, extractors)",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = row,
    .cust_role = M_CUST_EXT,
    .lookup = 0,
    .joins = 0,
    .header_note = NULL,
};
