/* report.c - ndr_report_compute: checks the options, picks the period
 * ends (the default range, --from/--to, --as-of, a shard's), has the
 * engine of the method fill them (point.c for point and survivor, with
 * --by groups; combine.c for the combined methods), then trims the leading
 * periods without a cohort and annualises for --basis arr. */
#include "date.h"
#include "dataset_sort.h"
#include "options.h"
#include "period.h"
#include "status.h"
#include "dataset.h"
#include "report.h"
#include "combine.h"
#include "point.h"
#include "snapshot.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct ndr_report {
    ndr_report_options opt;
    ndr_period *periods;
    size_t n;
    size_t ngroups;
    char **group_names; /* bytes in names */
    ndr_arena names;
    ndr_period *groups; /* ngroups x n */
};


/* ---- currencies ---------------------------------------------------------- */

/* The period ends to report: the --as-of date, or the month ends from the
 * first one with the history its method needs (`window` months after the
 * first event's month for the point rate) to the last month end on or
 * before the last event, within --from/--to, every period_months counted
 * back from the last. */
/* The last month end on or before day, as a month index. */
static int last_month_end(ndr_date day)
{
    return ndr_month_of(day) - (day != ndr_date_month_end(day));
}

/* A shard's period ends: every month end that the whole input's report
 * could have (see ndr_report_ends), so the merge finds each of them: from
 * the later of --from and the shard's own first, to --to, --data-through or the horizon
 * (the latest "as of" date of any shard's row), monthly; today is the
 * merge's to apply. */
static ndr_status shard_ends(const ndr_dataset *ds, const ndr_report_options *opt,
                             ndr_date **ends, size_t *n)
{
    /* from its own first: an end before it has none of its customers
     * (merge counts a shard's missing early ends as 0), so --from earlier
     * than the data writes no empty periods */
    int first = ndr_month_of(ds->first) + ndr_method_lead_months(opt);
    if (opt->from_month > first)
        first = opt->from_month;
    ndr_date t = ds->has_through ? ds->through : ds->last;
    if (ds->has_horizon && ds->horizon > t)
        t = ds->horizon;
    if (opt->has_data_through)
        t = opt->data_through;
    int last = last_month_end(t);
    if (opt->to_month >= 0)
        last = opt->to_month;
    if (first > last)
        return NDR_OK;
    ndr_date *p = realloc(*ends, (size_t)(last - first + 1) * sizeof *p);
    if (p == NULL)
        return NDR_ERR_NOMEM;
    *ends = p;
    for (int m = first; m <= last; m++)
        p[(*n)++] = ndr_month_end(m);
    return NDR_OK;
}

static ndr_status period_ends(const ndr_dataset *ds, const ndr_report_options *opt,
                              ndr_date **ends, size_t *n, char *msg, size_t msg_size)
{
    *n = 0;
    *ends = malloc(sizeof **ends);
    if (*ends == NULL)
        return NDR_ERR_NOMEM;
    if (opt->has_as_of) {
        (*ends)[(*n)++] = opt->as_of;
        return NDR_OK;
    }
    if (ds->shard_n)
        return shard_ends(ds, opt, ends, n);
    return ndr_report_ends(opt, ds->first, ndr_snap_through(ds, opt), ends, n, msg, msg_size);
}

ndr_status ndr_report_ends(const ndr_report_options *opt, ndr_date data_first,
                           ndr_date data_last, ndr_date **ends, size_t *n, char *msg,
                           size_t msg_size)
{
    int first = ndr_month_of(data_first) + ndr_method_lead_months(opt);
    int last = last_month_end(data_last);
    if (opt->from_month >= 0 && opt->from_month > first)
        first = opt->from_month;
    if (opt->to_month >= 0) /* past the data: reported as not final */
        last = opt->to_month;
    if (first > last) {
        char a[11], b[11];
        ndr_date_format(data_first, a);
        ndr_date_format(data_last, b);
        ndr_say(msg, msg_size,
            "no period end to report: the data runs from %s to %s, and a period end "
            "needs %d months of history before it%s",
            a, b, ndr_method_lead_months(opt),
            opt->from_month >= 0 || opt->to_month >= 0 ? " and must lie in --from/--to" : "");
        return NDR_ERR_NO_PERIOD;
    }
    int step = opt->period_months, count = (last - first) / step + 1;
    ndr_date *p = realloc(*ends, (size_t)count * sizeof *p);
    if (p == NULL)
        return NDR_ERR_NOMEM;
    *ends = p;
    for (int m = last - (count - 1) * step; m <= last; m += step)
        p[(*n)++] = ndr_month_end(m);
    return NDR_OK;
}

/* The group "" exists for customers without a value; drop it when none
 * of them is in any cohort. */
static void drop_empty_none(ndr_report *r, uint32_t none)
{
    if (r->ngroups == 0 || r->group_names[none][0] != '\0')
        return;
    for (size_t q = 0; q < r->n; q++)
        if (r->groups[none * r->n + q].customers)
            return;
    memmove(r->group_names + none, r->group_names + none + 1,
            (r->ngroups - none - 1) * sizeof *r->group_names);
    memmove(r->groups + none * r->n, r->groups + (none + 1) * r->n,
            (r->ngroups - none - 1) * r->n * sizeof *r->groups);
    r->ngroups--;
}

/* How many leading periods have no cohort (the default range only);
 * NDR_ERR_NO_PERIOD when none has one. */
static ndr_status leading_empty(const ndr_report *r, size_t n, size_t *skip, char *msg,
                                size_t msg_size)
{
    /* every figure within NDR_MONEY_MAX, what the formats and ratios are
     * exact for (only conversions or merged partials can get near it) */
    for (size_t q = 0; q < n * (1 + r->ngroups); q++) {
        const ndr_period *x = q < n ? &r->periods[q] : &r->groups[q - n];
        ndr_period t;
        memset(&t, 0, sizeof t);
        if (ndr_period_sum(&t, x)) {
            char e[11];
            ndr_date_format(x->period_end, e);
            ndr_say(msg, msg_size, "MRR sum out of range at %s (the limit is 10^25 currency units)", e);
            return NDR_ERR_OVERFLOW;
        }
    }
    *skip = 0;
    while (!r->opt.has_as_of && *skip < n && r->periods[*skip].customers == 0)
        (*skip)++;
    if (*skip == n && !r->opt.has_as_of) {
        ndr_say(msg, msg_size, "no period end has a paying cohort: no customer had MRR > 0 "
                           "at any prior date in range");
        return NDR_ERR_NO_PERIOD;
    }
    return NDR_OK;
}

ndr_status ndr_report_assemble(const ndr_report_options *opt, ndr_period *periods, size_t n,
                               ndr_report **out, char *msg, size_t msg_size)
{
    size_t skip;
    ndr_report *r = calloc(1, sizeof *r);
    *out = NULL;
    if (r == NULL) {
        free(periods);
        return NDR_ERR_NOMEM;
    }
    ndr_arena_init(&r->names);
    r->opt = *opt;
    r->periods = periods;
    r->n = n;
    ndr_status st = leading_empty(r, n, &skip, msg, msg_size);
    if (st != NDR_OK) {
        ndr_report_free(r);
        return st;
    }
    memmove(r->periods, r->periods + skip, (n - skip) * sizeof *r->periods);
    r->n = n - skip;
    *out = r;
    return NDR_OK;
}

/* Drops the leading periods without a cohort (the default range only) and
 * fills in the groups' dates. */
static ndr_status trim(ndr_report *r, size_t n, uint32_t none, char *msg, size_t msg_size)
{
    size_t skip;
    ndr_status st = leading_empty(r, n, &skip, msg, msg_size);
    if (st != NDR_OK)
        return st;
    memmove(r->periods, r->periods + skip, (n - skip) * sizeof *r->periods);
    for (size_t g = 0; g < r->ngroups; g++) {
        ndr_period *gp = r->groups + g * n;
        /* compact: group g's periods move to g * (n - skip) */
        memmove(r->groups + g * (n - skip), gp + skip, (n - skip) * sizeof *gp);
    }
    r->n = n - skip;
    drop_empty_none(r, none);
    for (size_t g = 0; g < r->ngroups; g++)
        for (size_t q = 0; q < r->n; q++) {
            ndr_period *x = &r->groups[g * r->n + q];
            x->period_end = r->periods[q].period_end;
            x->prior_period_end = r->periods[q].prior_period_end;
            x->complete = r->periods[q].complete;
        }
    return NDR_OK;
}

/* --basis arr: every money figure x 12. */
static ndr_status annualise(ndr_report *r, char *msg, size_t msg_size)
{
    int of = 0;
    for (size_t q = 0; q < r->n; q++)
        of |= ndr_period_scale(&r->periods[q], 12);
    for (size_t q = 0; q < r->n * r->ngroups; q++)
        of |= ndr_period_scale(&r->groups[q], 12);
    if (of) {
        ndr_say(msg, msg_size, "ARR (MRR x 12) out of range");
        return NDR_ERR_OVERFLOW;
    }
    return NDR_OK;
}

ndr_status ndr_report_compute(ndr_dataset *ds, const ndr_report_options *opt, ndr_report **out,
                              char *msg, size_t msg_size)
{
    ndr_report_options defaults;
    ndr_date *ends = NULL;
    size_t n = 0;
    ndr_point_groups g;
    ndr_status st;
    ndr_report *r = NULL;

    *out = NULL;
    if (opt == NULL) {
        ndr_report_options_init(&defaults);
        opt = &defaults;
    }
    if ((st = ndr_options_check(opt, msg, msg_size)) != NDR_OK)
        return st;
    if (ds->nev == 0 && ds->timeline.n == 0 && ds->join.npend == 0) {
        ndr_say(msg, msg_size, "no data rows to compute from");
        return NDR_ERR_NO_DATA;
    }
    memset(&g, 0, sizeof g);
    if ((st = ndr_dataset_sort(ds)) != NDR_OK ||
        (st = period_ends(ds, opt, &ends, &n, msg, msg_size)) != NDR_OK)
        goto done;
    r = calloc(1, sizeof *r);
    if (r)
        ndr_arena_init(&r->names);
    if (r == NULL || (r->periods = calloc(n ? n : 1, sizeof *r->periods)) == NULL) {
        st = NDR_ERR_NOMEM;
        goto done;
    }
    r->opt = *opt;
    if (n == 0) /* a shard whose data cannot reach a period end */
        goto done;
    if (opt->method == NDR_METHOD_POINT || opt->method == NDR_METHOD_SURVIVOR) {
        st = ndr_point_compute(ds, opt, ends, n, r->periods, &g, &r->names, msg, msg_size);
        r->ngroups = g.n;
        r->group_names = g.names;
        r->groups = g.periods;
    } else {
        st = ndr_combine_fill(ds, opt, ends, n, r->periods, msg, msg_size);
    }
    for (size_t q = 0; st == NDR_OK && q < n; q++)
        r->periods[q].complete =
            ndr_method_complete(opt, ends[q], ds->first, ndr_snap_through(ds, opt));
    if (st == NDR_OK && ds->shard_n)
        r->n = n; /* a shard keeps every period end for the merge */
    else if (st == NDR_OK)
        st = trim(r, n, g.none, msg, msg_size);
    if (st == NDR_OK && opt->basis_arr)
        st = annualise(r, msg, msg_size);
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    if (st == NDR_ERR_DATA && ds->flush_msg[0])
        ndr_say(msg, msg_size, "%s", ds->flush_msg);
    free(ends);
    if (st != NDR_OK) {
        ndr_report_free(r);
        r = NULL;
    }
    *out = r;
    return st;
}

size_t ndr_report_count(const ndr_report *r) { return r->n; }

const ndr_period *ndr_report_period(const ndr_report *r, size_t i)
{
    return i < r->n ? &r->periods[i] : NULL;
}

const ndr_report_options *ndr_report_get_options(const ndr_report *r) { return &r->opt; }

size_t ndr_report_group_count(const ndr_report *r) { return r->ngroups; }

const char *ndr_report_group_name(const ndr_report *r, size_t g)
{
    return g < r->ngroups ? r->group_names[g] : NULL;
}

const ndr_period *ndr_report_group_period(const ndr_report *r, size_t g, size_t i)
{
    return g < r->ngroups && i < r->n ? &r->groups[g * r->n + i] : NULL;
}

void ndr_report_free(ndr_report *r)
{
    if (r == NULL)
        return;
    ndr_arena_free(&r->names);
    free(r->group_names);
    free(r->groups);
    free(r->periods);
    free(r);
}
