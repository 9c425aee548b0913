/* options.c - the report options (see options.h): their defaults, the
 * method names, and the checks every view makes before it computes. A
 * leaf of the engine: it calls only the calendar and period.c. */
#include "options.h"
#include "date.h"
#include "period.h"
#include "status.h"

#include <string.h>

static const char *const names[] = {"point", "ttm-weighted", "ttm-mean", "revenue-quarter",
                                     "revenue-ttm", "compound", "survivor"};

const char *ndr_method_name(ndr_method m)
{
    return (unsigned)m < sizeof names / sizeof *names ? names[m] : "?";
}

int ndr_method_parse(const char *name, ndr_method *out)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (ndr_method)i;
            return 0;
        }
    return -1;
}

int ndr_method_is_revenue(ndr_method m)
{
    return m == NDR_METHOD_REVENUE_QUARTER || m == NDR_METHOD_REVENUE_TTM;
}

/* How many parts a period end has, and how many months apart they are. */
int ndr_method_parts(const ndr_report_options *opt, int *step)
{
    *step = 1;
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return 12;
    case NDR_METHOD_COMPOUND: return opt->window_months;
    case NDR_METHOD_REVENUE_QUARTER: *step = 3; return opt->period_months == 12 ? 4 : 1;
    default: return 1;
    }
}

int ndr_method_lead_months(const ndr_report_options *opt)
{
    int w = opt->window_months, step, k = ndr_method_parts(opt, &step);
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return w + 11;
    case NDR_METHOD_REVENUE_QUARTER: return w + 2 + (k - 1) * step;
    case NDR_METHOD_REVENUE_TTM: return 2 * w - 1;
    default: return w;
    }
}

ndr_status ndr_method_check(const ndr_report_options *opt, char *msg, size_t msg_size)
{
    if ((unsigned)opt->method > NDR_METHOD_SURVIVOR) {
        ndr_say(msg, msg_size, "unknown method %d", (int)opt->method);
        return NDR_ERR_ARG;
    }
    if (opt->period_months != 1 && opt->period_months != 3 && opt->period_months != 12) {
        ndr_say(msg, msg_size, "period must be 1, 3 or 12 months, not %d", opt->period_months);
        return NDR_ERR_ARG;
    }
    if (opt->basis_arr && ndr_method_is_revenue(opt->method)) {
        ndr_say(msg, msg_size, "basis arr applies to the MRR methods; %s reports revenue",
            ndr_method_name(opt->method));
        return NDR_ERR_ARG;
    }
    if (opt->by_segment && opt->method != NDR_METHOD_POINT && opt->method != NDR_METHOD_SURVIVOR) {
        ndr_say(msg, msg_size, "grouping by segment works with the point and survivor methods "
                           "only, not %s", ndr_method_name(opt->method));
        return NDR_ERR_ARG;
    }
    if (opt->min_prior_arr < 0 || opt->min_current_arr < 0) {
        ndr_say(msg, msg_size, "thresholds cannot be negative");
        return NDR_ERR_ARG;
    }
    return NDR_OK;
}

/* The earliest day whose data the period end `end` reads. */
static ndr_date earliest(const ndr_report_options *opt, ndr_date end)
{
    int w = opt->window_months, step, k = ndr_method_parts(opt, &step);
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return ndr_date_prior(ndr_date_prior(end, 11), w);
    case NDR_METHOD_REVENUE_QUARTER:
        return ndr_date_prior(ndr_date_prior(ndr_date_prior(end, (k - 1) * step), w), 3) + 1;
    case NDR_METHOD_REVENUE_TTM: return ndr_date_prior(end, 2 * w) + 1;
    default: return ndr_date_prior(end, w);
    }
}

int ndr_method_complete(const ndr_report_options *opt, ndr_date end, ndr_date first,
                        ndr_date last)
{
    int ok = ndr_period_complete(end, first, last);
    if (opt->method != NDR_METHOD_POINT && opt->method != NDR_METHOD_SURVIVOR)
        ok = ok && earliest(opt, end) >= first;
    return ok;
}

void ndr_report_options_init(ndr_report_options *opt)
{
    opt->window_months = 12;
    opt->from_month = -1;
    opt->to_month = -1;
    opt->has_as_of = 0;
    opt->as_of = 0;
    opt->currency[0] = '\0';
    opt->fx = NULL;
    opt->fx_constant = 0;
    opt->by_segment = 0;
    opt->method = NDR_METHOD_POINT;
    opt->period_months = 1;
    opt->basis_arr = 0;
    opt->min_prior_arr = 0;
    opt->min_current_arr = 0;
    opt->command = NULL;
    opt->has_data_through = 0;
    opt->data_through = 0;
    opt->has_today = 0;
    opt->today = 0;
}

ndr_status ndr_options_check(const ndr_report_options *opt, char *msg, size_t msg_size)
{
    if (opt->window_months < 1 || opt->window_months > 1200) {
        ndr_say(msg, msg_size, "window must be 1 to 1200 months, not %d", opt->window_months);
        return NDR_ERR_ARG;
    }
    if (opt->has_as_of && (opt->from_month >= 0 || opt->to_month >= 0)) {
        ndr_say(msg, msg_size, "as-of cannot be combined with from/to");
        return NDR_ERR_ARG;
    }
    if (opt->from_month >= 0 && opt->to_month >= 0 && opt->from_month > opt->to_month) {
        ndr_say(msg, msg_size, "from is after to");
        return NDR_ERR_ARG;
    }
    ndr_status st = ndr_options_check_years(opt, msg, msg_size);
    if (st != NDR_OK)
        return st;
    /* the earliest date read: the window (and a method's parts) back */
    int lo = ndr_month_of(NDR_DAY_MIN), lead = ndr_method_lead_months(opt);
    if ((opt->has_as_of && ndr_month_of(opt->as_of) - lead < lo) ||
        (opt->from_month >= 0 && opt->from_month - lead < lo)) {
        ndr_say(msg, msg_size, "%s minus the window falls before 1900",
                opt->has_as_of ? "as-of" : "from");
        return NDR_ERR_ARG;
    }
    return ndr_method_check(opt, msg, msg_size);
}

ndr_status ndr_options_check_years(const ndr_report_options *o, char *msg, size_t msg_size)
{
    const int lo = ndr_month_of(NDR_DAY_MIN), hi = ndr_month_of(NDR_DAY_MAX);
    const char *bad = (o->from_month >= 0 && (o->from_month < lo || o->from_month > hi)) ? "from"
                      : (o->to_month >= 0 && (o->to_month < lo || o->to_month > hi))   ? "to"
                      : (o->has_as_of && (o->as_of < NDR_DAY_MIN || o->as_of > NDR_DAY_MAX))
                          ? "as-of"
                      : (o->has_data_through &&
                         (o->data_through < NDR_DAY_MIN || o->data_through > NDR_DAY_MAX))
                          ? "data-through"
                          : NULL;
    if (bad == NULL)
        return NDR_OK;
    ndr_say(msg, msg_size, "%s lies outside the years 1900-2199", bad);
    return NDR_ERR_ARG;
}
