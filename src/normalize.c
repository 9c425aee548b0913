/* normalize.c - monthly MRR from billing intervals and service periods
 * (see normalize.h). */
#include "normalize.h"
#include "date.h"

#include <string.h>

typedef ndr_umoney u128;

static int word_is(const char *p, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32) : p[i];
        if (c != w[i])
            return 0;
    }
    return 1;
}

int ndr_interval_parse(const char *p, size_t n, ndr_interval *iv, unsigned *mult)
{
    static const struct {
        const char *w;
        ndr_interval iv;
        unsigned mult;
    } words[] = {
        {"day", NDR_IV_DAY, 1},       {"daily", NDR_IV_DAY, 1},
        {"week", NDR_IV_WEEK, 1},     {"weekly", NDR_IV_WEEK, 1},
        {"month", NDR_IV_MONTH, 1},   {"monthly", NDR_IV_MONTH, 1},
        {"quarter", NDR_IV_MONTH, 3}, {"quarterly", NDR_IV_MONTH, 3},
        {"year", NDR_IV_YEAR, 1},     {"yearly", NDR_IV_YEAR, 1},
        {"annual", NDR_IV_YEAR, 1},   {"annually", NDR_IV_YEAR, 1},
    };
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (word_is(p, n, words[i].w)) {
            *iv = words[i].iv;
            *mult = words[i].mult;
            return 0;
        }
    return -1;
}

int ndr_money_muldiv(ndr_money amount, uint64_t num, uint64_t den, ndr_money *out)
{
    if (den == 0)
        return -1;
    int neg = amount < 0;
    u128 mag = neg ? (u128)0 - (u128)amount : (u128)amount;
    if (num && mag > ~(u128)0 / num - den)
        return -1;
    u128 q = (mag * num + den / 2) / den; /* half away from zero */
    if (q > (u128)NDR_MONEY_MAX)
        return -1;
    *out = neg ? -(ndr_money)q : (ndr_money)q;
    return 0;
}

/* amount x num / den as one subscription's MRR: at most NDR_MONEY_ROW_MAX,
 * what an event holds. */
static int mrr_muldiv(ndr_money amount, uint64_t num, uint64_t den, ndr_money *out)
{
    ndr_money v;
    if (ndr_money_muldiv(amount, num, den, &v) || v > NDR_MONEY_ROW_MAX || v < -NDR_MONEY_ROW_MAX)
        return -1;
    *out = v;
    return 0;
}

int ndr_mrr_per_interval(ndr_money amount, ndr_interval iv, uint64_t count, ndr_money *out)
{
    if (count == 0 || count > NDR_MAX_INTERVAL_COUNT)
        return -1;
    switch (iv) {
    case NDR_IV_DAY: return mrr_muldiv(amount, 365, 12 * count, out);
    case NDR_IV_WEEK: return mrr_muldiv(amount, 52, 12 * count, out);
    case NDR_IV_MONTH: return mrr_muldiv(amount, 1, count, out);
    case NDR_IV_YEAR: return mrr_muldiv(amount, 1, 12 * count, out);
    }
    return -1;
}

/* start plus m months, the day clamped to the month's length (Jan 31 + 1
 * month = Feb 28 or 29), as billing systems count. */
static ndr_date add_months(ndr_date start, int m)
{
    int y, mo, d;
    ndr_date_to_ymd(start, &y, &mo, &d);
    int k = y * 12 + (mo - 1) + m;
    int len = ndr_days_in_month(k / 12, k % 12 + 1);
    return ndr_date_from_ymd(k / 12, k % 12 + 1, d < len ? d : len);
}

/* How a service period [start, end) normalises to a month: MRR = amount x
 * *mul / *div. Whole calendar months when end is start plus m months (or
 * the period runs from a month end to a month end), else whole weeks,
 * else days. */
static int period_ratio(ndr_date start, ndr_date end, uint64_t *mul, uint64_t *div)
{
    if (end <= start)
        return -1;
    int64_t days = (int64_t)end - start;
    int ys, ms, ds, ye, me, de;
    ndr_date_to_ymd(start, &ys, &ms, &ds);
    ndr_date_to_ymd(end, &ye, &me, &de);
    int month_ends = ds == ndr_days_in_month(ys, ms) && de == ndr_days_in_month(ye, me);
    /* a month is 28-31 days, so m months lie within days/31 .. days/28 */
    for (int64_t m = days / 31; m <= days / 28 + 1; m++) {
        if (m < 1)
            continue;
        if (add_months(start, (int)m) == end ||
            (month_ends && (ye * 12 + me) - (ys * 12 + ms) == m)) {
            *mul = 1;
            *div = (uint64_t)m;
            return 0;
        }
    }
    if (days % 7 == 0) {
        *mul = 52;
        *div = 12 * (uint64_t)(days / 7);
    } else {
        *mul = 365;
        *div = 12 * (uint64_t)days;
    }
    return 0;
}

int ndr_mrr_per_period(ndr_money amount, ndr_date start, ndr_date end, ndr_money *out)
{
    uint64_t mul, div;
    return period_ratio(start, end, &mul, &div) ? -1 : mrr_muldiv(amount, mul, div, out);
}

int ndr_mrr_per_period_scaled(ndr_money amount, uint64_t num, uint64_t den, ndr_date start,
                              ndr_date end, ndr_money *out)
{
    uint64_t mul, div;
    if (period_ratio(start, end, &mul, &div) || den == 0)
        return -1;
    int neg = amount < 0;
    u128 mag = neg ? (u128)0 - (u128)amount : (u128)amount;
    u128 d = (u128)den * div;
    if (num && mag > ~(u128)0 / num)
        return -1;
    u128 n = mag * num;
    if (mul && n > (~(u128)0 - d) / mul)
        return -1;
    u128 q = (n * mul + d / 2) / d; /* half away from zero */
    if (q > (u128)NDR_MONEY_ROW_MAX)
        return -1;
    *out = neg ? -(ndr_money)q : (ndr_money)q;
    return 0;
}
