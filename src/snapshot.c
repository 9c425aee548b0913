/* snapshot.c - customers' MRR at snapshot dates (see snapshot.h). */
#include "snapshot.h"
#include "dataset_sort.h"
#include "options.h"
#include "status.h"
#include "currency.h"
#include "date.h"
#include "fx.h"
#include "normalize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int cmp_date(const void *a, const void *b)
{
    ndr_date x = *(const ndr_date *)a, y = *(const ndr_date *)b;
    return (x > y) - (x < y);
}

ndr_status ndr_snap_init(ndr_snap *s, ndr_date *dates, size_t n)
{
    memset(s, 0, sizeof *s);
    s->dates = dates;
    qsort(dates, n, sizeof *dates, cmp_date);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || dates[i] != dates[k - 1])
            dates[k++] = dates[i];
    s->ndates = k;
    size_t span = (size_t)(dates[k - 1] - dates[0]) + 1;
    s->day_idx = malloc(span * sizeof *s->day_idx);
    s->diff = calloc(k + 1, sizeof *s->diff);
    s->tmp = malloc((k + 1) * sizeof *s->tmp);
    if (!s->day_idx || !s->diff || !s->tmp)
        return NDR_ERR_NOMEM;
    for (size_t d = 0, j = 0; d < span; d++) {
        while (dates[j] < dates[0] + (ndr_date)d)
            j++;
        s->day_idx[d] = (uint32_t)j;
    }
    return NDR_OK;
}

void ndr_snap_free(ndr_snap *s)
{
    free(s->dates);
    free(s->day_idx);
    free(s->rate);
    free(s->diff);
    free(s->tmp);
    memset(s, 0, sizeof *s);
}

size_t ndr_snap_find(const ndr_snap *s, ndr_date d)
{
    size_t lo = 0, hi = s->ndates;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->dates[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first date on or after day (ndates if none). */
static size_t date_index(const ndr_snap *s, ndr_date day)
{
    if (day <= s->dates[0])
        return 0;
    if (day > s->dates[s->ndates - 1])
        return s->ndates;
    return s->day_idx[day - s->dates[0]];
}

int ndr_snap_customer_native(ndr_snap *s, const ndr_dataset *ds, uint32_t c, int only_cur,
                             ndr_money *mrr, size_t *lo, size_t *hi)
{
    size_t k = s->ndates, first = k, last = 0;
    ndr_money *diff = s->diff; /* all zero on entry and on return */
    int of = 0;
    for (uint32_t sub = ds->cust_sub[c]; sub < ds->cust_sub[c + 1]; sub++) {
        if (only_cur >= 0 && ds->sub_cur[sub] != only_cur)
            continue;
        const ndr_event *e = ds->ev + ds->sub_ev[sub], *end = ds->ev + ds->sub_ev[sub + 1];
        for (; e < end; e++) {
            /* a later event on the same day replaces this one */
            ndr_money m = ndr_ev_mrr(e);
            ndr_date day = ndr_ev_day(e);
            if (m == 0 || (e + 1 < end && ndr_ev_day(e + 1) == day))
                continue;
            size_t a = date_index(s, day);
            size_t b = e + 1 < end ? date_index(s, ndr_ev_day(e + 1)) : k;
            if (a >= b)
                continue;
            of |= __builtin_add_overflow(diff[a], m, &diff[a]);
            of |= __builtin_sub_overflow(diff[b], m, &diff[b]);
            first = a < first ? a : first;
            last = b > last ? b : last;
        }
    }
    ndr_money cur = 0;
    for (size_t j = first; j < last; j++) {
        of |= __builtin_add_overflow(cur, diff[j], &cur);
        mrr[j] = cur;
        diff[j] = 0;
    }
    if (last < k + 1)
        diff[last] = 0;
    *lo = first < last ? first : 0;
    *hi = first < last ? last : 0;
    return of ? -1 : 0;
}

ndr_date ndr_snap_through(const ndr_dataset *ds, const ndr_report_options *opt)
{
    ndr_date t = opt && opt->has_data_through ? opt->data_through
                 : ds->has_through            ? ds->through
                                              : ds->last;
    if (opt && opt->has_today && opt->today < t)
        t = opt->today;
    return t;
}

ndr_status ndr_snap_view_currencies(ndr_snap *s, const ndr_dataset *ds,
                                    const ndr_report_options *opt, size_t from, char *msg,
                                    size_t msg_size)
{
    unsigned char *needed = calloc(s->ndates, 1);
    if (needed == NULL)
        return NDR_ERR_NOMEM;
    for (size_t j = opt->fx_constant ? s->ndates - 1 : from; j < s->ndates; j++)
        needed[j] = 1;
    if (!opt->fx_constant) {
        ndr_status st = ndr_snap_currencies(s, ds, opt, needed, msg, msg_size);
        free(needed);
        return st;
    }
    ndr_status st = ndr_snap_currencies(s, ds, opt, needed, msg, msg_size);
    free(needed);
    s->fixed = 1;
    s->fixed_j = s->ndates - 1;
    return st;
}

int ndr_snap_convert(const ndr_snap *s, unsigned k, size_t j, ndr_money amount, ndr_money *out)
{
    if (s->fixed)
        j = s->fixed_j;
    ndr_money r = s->rate ? s->rate[k * s->ndates + j] : 0;
    if (r == 0) {
        *out = amount;
        return 0;
    }
    return ndr_money_muldiv(amount, (uint64_t)r, (uint64_t)NDR_MONEY_SCALE, out);
}

int ndr_snap_customer(ndr_snap *s, const ndr_dataset *ds, uint32_t c, ndr_money *mrr, size_t *lo,
                      size_t *hi)
{
    if (s->rate == NULL)
        return ndr_snap_customer_native(s, ds, c, -1, mrr, lo, hi);
    size_t first = s->ndates, last = 0;
    int of = 0;
    for (unsigned k = 0; !of && k < ds->ncurs; k++) {
        int present = 0;
        for (uint32_t sub = ds->cust_sub[c]; sub < ds->cust_sub[c + 1]; sub++)
            present |= ds->sub_cur[sub] == k;
        size_t a, b;
        if (!present || (of = ndr_snap_customer_native(s, ds, c, (int)k, s->tmp, &a, &b)) != 0 ||
            a == b)
            continue;
        /* widen [first, last) to cover [a, b), zero-filling the new part */
        size_t nf = first < a ? first : a, nl = last > b ? last : b;
        for (size_t j = nf; j < nl; j++)
            if (j < first || j >= last)
                mrr[j] = 0;
        first = nf, last = nl;
        for (size_t j = a; !of && j < b; j++) {
            ndr_money v;
            of |= ndr_snap_convert(s, k, j, s->tmp[j], &v);
            of |= __builtin_add_overflow(mrr[j], v, &mrr[j]);
        }
    }
    *lo = first < last ? first : 0;
    *hi = first < last ? last : 0;
    return of ? -1 : 0;
}

/* The error when the data has several currencies and no reporting one. */
static ndr_status mixed(const ndr_dataset *ds, char *msg, size_t msg_size)
{
    char list[64] = "", a[4];
    for (unsigned k = 1; k < ds->ncurs && strlen(list) < 40; k++) {
        ndr_currency_format(ds->curs[k], a);
        size_t o = strlen(list);
        snprintf(list + o, sizeof list - o, "%s%s",
                 k == 1 ? "" : k + 1 == ds->ncurs ? " and " : ", ", a);
    }
    ndr_say(msg, msg_size,
        "the input has amounts in %s: choose a reporting currency with --currency "
        "and give exchange rates with --fx",
        list);
    return NDR_ERR_CURRENCY;
}

ndr_status ndr_snap_currencies(ndr_snap *s, const ndr_dataset *ds, const ndr_report_options *opt,
                               const unsigned char *needed, char *msg, size_t msg_size)
{
    uint32_t rep = 0;
    char a[4], b[4], d[11];
    if (opt->currency[0] && ndr_currency_parse(opt->currency, strlen(opt->currency), &rep)) {
        ndr_say(msg, msg_size, "bad reporting currency '%s'", opt->currency);
        return NDR_ERR_ARG;
    }
    if (ds->cur_conflict) {
        const char *cust = ndr_dataset_customer_id(ds, ds->sub_cust[ds->conflict_sub], NULL);
        ndr_currency_format(ds->conflict_cur[0], a);
        ndr_currency_format(ds->conflict_cur[1], b);
        ndr_say(msg, msg_size, "a subscription of customer '%s' has amounts in both %s and %s", cust,
            a, b);
        return NDR_ERR_DATA;
    }
    if (opt->fx && rep == 0) {
        ndr_say(msg, msg_size, "converting currencies needs a reporting currency (--currency)");
        return NDR_ERR_ARG;
    }
    if (rep == 0 && ds->ncurs > 2)
        return mixed(ds, msg, msg_size);
    int convert = 0;
    for (unsigned k = 1; k < ds->ncurs; k++)
        if (rep != 0 && ds->curs[k] != rep) {
            if (opt->fx == NULL) {
                ndr_currency_format(ds->curs[k], a);
                ndr_currency_format(rep, b);
                ndr_say(msg, msg_size,
                    "the input has amounts in %s, not %s: give exchange rates with --fx", a, b);
                return NDR_ERR_CURRENCY;
            }
            convert = 1;
        }
    if (!convert)
        return NDR_OK;
    s->rate = calloc((size_t)ds->ncurs * s->ndates + 1, sizeof *s->rate);
    if (s->rate == NULL)
        return NDR_ERR_NOMEM;
    for (unsigned k = 1; k < ds->ncurs; k++) {
        if (ds->curs[k] == rep)
            continue;
        for (size_t j = 0; j < s->ndates; j++) {
            ndr_money *r = &s->rate[k * s->ndates + j];
            if (ndr_fx_lookup(opt->fx, ds->curs[k], s->dates[j], r) == 0 ||
                (needed && !needed[j]))
                continue;
            ndr_currency_format(ds->curs[k], a);
            ndr_date_format(s->dates[j], d);
            ndr_say(msg, msg_size, "no exchange rate for %s on or before %s in the --fx file", a, d);
            return NDR_ERR_CURRENCY;
        }
    }
    return NDR_OK;
}

ndr_status ndr_snap_prepare(ndr_dataset *ds, const ndr_report_options **opt,
                            ndr_report_options *defaults, char *msg, size_t msg_size)
{
    if (*opt == NULL) {
        ndr_report_options_init(defaults);
        *opt = defaults;
    }
    ndr_status st = ndr_options_check_years(*opt, msg, msg_size);
    if (st != NDR_OK)
        return st;
    if (ds->nev == 0 && ds->timeline.n == 0 && ds->join.npend == 0) {
        ndr_say(msg, msg_size, "no data rows to compute from");
        return NDR_ERR_NO_DATA;
    }
    st = ndr_dataset_sort(ds);
    if (st != NDR_OK)
        ndr_say(msg, msg_size, "%s", st == NDR_ERR_DATA ? ds->flush_msg : ndr_strerror(st));
    return st;
}

