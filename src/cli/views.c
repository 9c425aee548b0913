/* views.c - each subcommand's view, computed and written (views.h). */
#include "views.h"
#include "say.h"

#include <string.h>

ndr_status cli_prologue(const cli *c, const ndr_source *src, size_t n, FILE *out)
{
    if (!c->provenance || c->format == NDR_FORMAT_JSON)
        return NDR_OK;
    return ndr_provenance_write(&c->opt, src, n, out);
}

void cli_keep_last(cli *c, const ndr_report *r)
{
    size_t n = ndr_report_count(r);
    c->has_last = n > 0;
    if (n)
        c->last = *ndr_report_period(r, n - 1);
}

/* explain's totals, on stderr, to compare with the report. */
static void print_totals(const ndr_period *t)
{
    char p[NDR_MONEY_TEXT], c[NDR_MONEY_TEXT], e[NDR_MONEY_TEXT], k[NDR_MONEY_TEXT],
        h[NDR_MONEY_TEXT], pct[48];
    ndr_money_format(t->prior_mrr, 2, p);
    ndr_money_format(t->current_mrr, 2, c);
    ndr_money_format(t->expansion_mrr, 2, e);
    ndr_money_format(t->contraction_mrr, 2, k);
    ndr_money_format(t->churned_mrr, 2, h);
    int defined = ndr_pct_format(t->current_mrr, t->prior_mrr, pct) != NULL;
    fprintf(stderr,
            "ndr: totals: %llu customers, %llu retained, prior %s, current %s, expansion %s, "
            "contraction %s, churned %s, NDR %s%s\n",
            (unsigned long long)t->customers, (unsigned long long)t->retained_customers, p, c, e,
            k, h, defined ? pct : "n/a", defined ? "%" : "");
}

/* One view: computes it and writes it to out. *computed = 0 when it could
 * not be computed (the reason in msg); else the status of the write. */
typedef ndr_status (*view_fn)(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                              FILE *out, char *msg, size_t msg_size, int *computed);

static ndr_status view_report(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                              FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_report *r = NULL;
    ndr_status st = ndr_report_compute(ds, &c->opt, &r, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_report_write(r, c->format, src, n, out);
    cli_keep_last(c, r);
    ndr_report_free(r);
    return st;
}

static ndr_status view_movements(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                                 FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_movements *m = NULL;
    ndr_status st = ndr_movements_compute(ds, &c->opt, &m, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_movements_write(m, &c->opt, c->format, src, n, out);
    ndr_movements_free(m);
    return st;
}

static ndr_status view_cohorts(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                               FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_cohorts *co = NULL;
    ndr_status st =
        ndr_cohorts_compute(ds, &c->opt, (ndr_cohort_period)c->cohort, &co, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_cohorts_write(co, &c->opt, c->logos, c->format, src, n, out);
    ndr_cohorts_free(co);
    return st;
}

static ndr_status view_explain(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                               FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_explain *e = NULL;
    ndr_status st = ndr_explain_compute(ds, &c->opt, c->top, &e, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_explain_write(e, &c->opt, c->format, src, n, out);
    if (st == NDR_OK && !c->quiet && c->format != NDR_FORMAT_JSON)
        print_totals(ndr_explain_totals(e));
    ndr_explain_free(e);
    return st;
}

static ndr_status view_methods(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                               FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_methods *m = NULL;
    ndr_status st = ndr_methods_compute(ds, &c->opt, &m, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_methods_write(m, &c->opt, c->format, src, n, out);
    ndr_methods_free(m);
    return st;
}

/* The reading options a merge must find equal in every partial. */
static void read_params(const cli *c, char *out, size_t size)
{
    size_t len = (size_t)snprintf(out, size, "format_in=%s",
                                  c->ropt.format == NDR_IN_AUTO
                                      ? "auto"
                                      : ndr_input_format_name(c->ropt.format));
    for (size_t i = 0; i < c->ropt.nmap && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, ";map=%s", c->ropt.map[i]);
}

/* --format partial: the shard's sums for ndr merge (a shard may hold no
 * customer: its partial says so). */
static ndr_status view_partial(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                               FILE *out, char *msg, size_t msg_size, int *computed)
{
    char params[2048];
    ndr_report *r = NULL;
    ndr_date first, last;
    ndr_status st = NDR_OK;
    if (ndr_dataset_date_range(ds, &first, &last) == 0)
        st = ndr_report_compute(ds, &c->opt, &r, msg, msg_size);
    if ((*computed = st == NDR_OK) == 0)
        return st;
    read_params(c, params, sizeof params);
    st = ndr_partial_write(&c->opt, r, ds, params, src, n, out);
    ndr_report_free(r);
    return st;
}

/* The chart's heatmap shows the latest 120 cohorts (ten years of monthly
 * ones) unless --from says where to start: older rows would make a page
 * nobody reads, and 300 years of them 1.5 GB. */
static ndr_report_options chart_cohort_options(const cli *c, const ndr_dataset *ds)
{
    ndr_report_options o = c->opt;
    ndr_date first, last;
    if (o.from_month >= 0 || ndr_dataset_date_range(ds, &first, &last) != 0)
        return o;
    ndr_dataset_data_through(ds, &last); /* else the last event date stays */
    if (o.has_data_through)
        last = o.data_through;
    if (o.has_today && o.today < last)
        last = o.today;
    int step = c->cohort == NDR_COHORT_YEAR ? 12 : c->cohort == NDR_COHORT_QUARTER ? 3 : 1;
    int from = ndr_month_of(last) - 120 * step + 1;
    if (from > ndr_month_of(first))
        o.from_month = from;
    return o;
}

/* ndr chart: the cohort heatmap or the trend as SVG, or the HTML page with
 * the report, the bridge and the cohorts. */
static ndr_status view_chart(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n,
                             FILE *out, char *msg, size_t msg_size, int *computed)
{
    ndr_report *r = NULL;
    ndr_movements *m = NULL;
    ndr_cohorts *co = NULL;
    int svg = c->format == NDR_FORMAT_SVG;
    ndr_status st = NDR_OK;
    if (!(svg && c->chart_cohorts) || c->has_fail_below)
        st = ndr_report_compute(ds, &c->opt, &r, msg, msg_size);
    if (st == NDR_OK && !svg)
        st = ndr_movements_compute(ds, &c->opt, &m, msg, msg_size);
    ndr_report_options co_opt = chart_cohort_options(c, ds);
    if (st == NDR_OK && (!svg || c->chart_cohorts))
        st = ndr_cohorts_compute(ds, &co_opt, (ndr_cohort_period)c->cohort, &co, msg, msg_size);
    if ((*computed = st == NDR_OK) != 0)
        st = svg && c->chart_cohorts ? ndr_cohorts_write(co, &c->opt, 0, c->format, src, n, out)
             : svg                  ? ndr_report_write(r, c->format, src, n, out)
                                    : ndr_html_write(r, m, co, src, n, out);
    if (r)
        cli_keep_last(c, r);
    ndr_report_free(r);
    ndr_movements_free(m);
    ndr_cohorts_free(co);
    return st;
}

static const struct {
    unsigned command;
    view_fn run;
} views[] = {
    {CLI_REPORT, view_report},   {CLI_MOVEMENTS, view_movements}, {CLI_COHORTS, view_cohorts},
    {CLI_EXPLAIN, view_explain}, {CLI_METHODS, view_methods},     {CLI_CHART, view_chart},
};

int cli_write_view(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n, FILE *out)
{
    char msg[600];
    view_fn run = c->partial ? view_partial : view_report;
    for (size_t i = 0; !c->partial && i < sizeof views / sizeof views[0]; i++)
        if (views[i].command == c->kind)
            run = views[i].run;
    int computed = 0;
    ndr_status st = run(c, ds, src, n, out, msg, sizeof msg, &computed);
    if (!computed)
        return cli_fail(msg);
    return st == NDR_OK ? EXIT_OK : cli_write_failed(c);
}

void cli_warn_stale(const cli *c, int has_through, ndr_date through)
{
    char a[11], b[11];
    int given = c->opt.has_data_through, is_today = 0;
    if (given)
        through = c->opt.data_through, has_through = 1;
    if (!has_through)
        return;
    if (c->opt.has_today && c->opt.today < through)
        through = c->opt.today, is_today = 1;
    ndr_date end;
    if (c->opt.has_as_of)
        end = c->opt.as_of;
    else if (c->opt.to_month >= 0)
        end = ndr_month_end(c->opt.to_month);
    else
        return;
    if (end <= through)
        return;
    ndr_date_format(through, a);
    ndr_date_format(end, b);
    if (is_today)
        fprintf(stderr, "ndr: warning: the period end %s is after today (%s): its figures are "
                        "not final\n",
                b, a);
    else
        fprintf(stderr,
                "ndr: warning: the data runs to %s%s, before the period end %s: its figures "
                "are not final%s\n",
                a, given ? " (--data-through)" : "", b,
                given ? "" : " (--data-through DATE if the export is more recent)");
}

int cli_check_fail_below(const cli *c)
{
    const char *pct = c->fail_below_text;
    char end[11], prior[11], text[48];
    int64_t h;
    if (!c->has_fail_below || !c->has_last)
        return EXIT_OK;
    ndr_date_format(c->last.period_end, end);
    ndr_date_format(c->last.prior_period_end, prior);
    if (ndr_period_ndr_pct(&c->last, text, &h) != 0) {
        fprintf(stderr, "ndr: NDR at %s is undefined (no customer paid at %s): --fail-below %s\n",
                end, prior, pct);
        return EXIT_BELOW;
    }
    /* hundredths of a percent against ndr_money units of a percent; a
     * product too large to hold is far above any threshold */
    int64_t units;
    if (__builtin_mul_overflow(h, NDR_MONEY_SCALE / 100, &units) || units >= c->fail_below)
        return EXIT_OK;
    fprintf(stderr, "ndr: NDR at %s is %s%%, below --fail-below %s%%\n", end, text, pct);
    return EXIT_BELOW;
}
