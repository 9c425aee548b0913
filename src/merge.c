/* merge.c - ndr merge: reads the partials of the shards of one run (format
 * in partial.c), refuses those that do not belong together (other
 * parameters or inputs, a shard twice, a shard missing), adds them exactly
 * and rebuilds the report the single run would have made. */
#include "date.h"
#include "options.h"
#include "period.h"
#include "report.h"
#include "money.h"
#include "cells.h"

/* gcc 12's -fanalyzer reports every string this file stores into the
 * merge (m->params, m->inputs[i], ...) as leaked at the store, on every
 * path, even through a plain pointer parameter: a false positive. The
 * leak checks that run (valgrind over test_partial, LeakSanitizer over
 * tests/scale.sh in make check) do cover these paths. */
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct part {
    char *file;             /* the partial's name, for messages */
    unsigned k;
    unsigned nshard, nparams, nrange; /* such lines seen: each must be 1 */
    int has_range;
    ndr_date first, last;   /* the shard's data */
    ndr_date through;       /* its "as of" date */
    ndr_period *p;
    size_t n, cap;
} part;

struct ndr_merge {
    unsigned n;    /* N of K/N; 0 before the first partial */
    char *params;  /* the parameters line */
    char **inputs; /* per input: "ROLE BYTES SHA FORMAT NAME", compared */
    ndr_source *src;
    size_t nsrc;
    part **parts;
    size_t nparts;
    ndr_fx *fx; /* an empty rate table: the options say fx was used */
    int has_today;
    ndr_date today;
};

void ndr_merge_set_today(ndr_merge *m, ndr_date today)
{
    m->has_today = 1;
    m->today = today;
}

/* The whole input's "as of" date under the merge's options: theirs, the
 * shards' latest, not after today. */
static ndr_date merged_through(const ndr_merge *m, const ndr_report_options *o,
                               ndr_date through)
{
    ndr_date t = o->has_data_through ? o->data_through : through;
    return m->has_today && m->today < t ? m->today : t;
}

ndr_merge *ndr_merge_new(void) { return calloc(1, sizeof(ndr_merge)); }

void ndr_merge_free(ndr_merge *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->nsrc; i++) {
        free(m->inputs[i]);
        free((char *)m->src[i].name);
        free((char *)m->src[i].role);
    }
    for (size_t i = 0; i < m->nparts; i++) {
        free(m->parts[i]->file);
        free(m->parts[i]->p);
        free(m->parts[i]);
    }
    free(m->inputs);
    free(m->src);
    free(m->parts);
    free(m->params);
    ndr_fx_free(m->fx);
    free(m);
}

size_t ndr_merge_source_count(const ndr_merge *m) { return m->nsrc; }

static int global_range(const ndr_merge *m, ndr_date *first, ndr_date *last);
static int global_range3(const ndr_merge *m, ndr_date *first, ndr_date *last,
                         ndr_date *through);

int ndr_merge_date_range(const ndr_merge *m, ndr_date *first, ndr_date *last)
{
    return global_range(m, first, last) ? 0 : -1;
}

int ndr_merge_data_through(const ndr_merge *m, ndr_date *through)
{
    ndr_date first, last;
    return global_range3(m, &first, &last, through) ? 0 : -1;
}
const ndr_source *ndr_merge_sources(const ndr_merge *m) { return m->src; }

/* ---- reading one partial ------------------------------------------------ */

typedef struct reading {
    ndr_merge *m;
    part *pt;
    const char *file;
    uint64_t line;
    size_t input; /* inputs seen in this partial */
    char *msg;
    size_t msg_size;
} reading;

static ndr_status bad(reading *rd, const char *what)
{
    snprintf(rd->msg, rd->msg_size, "%s:%llu: %s", rd->file, (unsigned long long)rd->line, what);
    return NDR_ERR_DATA;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                  : -1;
}

/* Undoes write_name's %XX escapes in place; a '%' without two hex digits
 * after it stays as it is. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        int hi = *s == '%' ? hex_digit(s[1]) : -1, lo = hi >= 0 ? hex_digit(s[2]) : -1;
        if (lo >= 0) {
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static int parse_date(const char *s, int *has, ndr_date *out)
{
    *has = strcmp(s, "-") != 0;
    return *has ? ndr_date_parse(s, strlen(s), out) : 0;
}

/* A count as a partial writes it: decimal digits only (sscanf's %u would
 * take "-1" as 2^64 - 1). 0, or -1. */
static int parse_count(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == '\0')
        return -1;
    for (; *s; s++)
        if (*s < '0' || *s > '9' || __builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, (uint64_t)(*s - '0'), &v))
            return -1;
    *out = v;
    return 0;
}

/* Splits line (copied into buf) at single spaces into at most max fields;
 * returns how many, or max + 1 when there are more. */
static size_t split(const char *line, char *buf, size_t size, char **f, size_t max)
{
    size_t n = 0;
    snprintf(buf, size, "%s", line);
    for (char *p = buf; *p && n <= max; n++) {
        if (n < max)
            f[n] = p;
        p += strcspn(p, " ");
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static ndr_status read_shard(reading *rd, const char *line)
{
    char buf[128], *f[4];
    uint64_t k64, n64;
    /* digits only (%u would take "-1" for 4294967295 shards), and no more
     * shards than a run can have: merge lists the missing ones */
    if (strlen(line) >= sizeof buf || split(line, buf, sizeof buf, f, 4) != 4 ||
        parse_count(f[1], &k64) || parse_count(f[2], &n64) || n64 < 1 ||
        n64 > NDR_MAX_SHARDS || k64 < 1 || k64 > n64 || strcmp(f[3], "fnv1a-64") != 0)
        return bad(rd, "bad shard line");
    unsigned k = (unsigned)k64, n = (unsigned)n64;
    if (rd->m->n && n != rd->m->n) {
        char w[200];
        snprintf(w, sizeof w, "shard %u of %u, but the partials before are of %u shards", k, n,
                 rd->m->n);
        return bad(rd, w);
    }
    for (size_t i = 0; i < rd->m->nparts; i++)
        if (rd->m->parts[i]->k == k) {
            char w[400];
            snprintf(w, sizeof w, "shard %u/%u again (also in %s): overlapping shards", k, n,
                     rd->m->parts[i]->file);
            return bad(rd, w);
        }
    rd->m->n = n;
    rd->pt->k = k;
    return NDR_OK;
}

static ndr_status read_params(reading *rd, ndr_merge *m, const char *line)
{
    if (m->params == NULL) {
        m->params = strdup(line);
        return m->params ? NDR_OK : NDR_ERR_NOMEM;
    }
    return strcmp(m->params, line) == 0
               ? NDR_OK
               : bad(rd, "computed with other parameters than the partials before");
}

/* "input ROLE BYTES SHA CHECKSUM READ USED NOT_MRR REJECTED BLANK OTHER
 * DUPLICATE FORMAT NAME" */
static ndr_status read_input(reading *rd, const char *line)
{
    char role[16], sha[65], sum[17], fmt[32], thr[16];
    uint64_t bytes, c[7];
    int at = 0, has_through;
    ndr_date through = 0;
    if (sscanf(line,
               "input %15s %" SCNu64 " %64s %16s %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
               " %" SCNu64 " %" SCNu64 " %" SCNu64 " %15s %31s %n",
               role, &bytes, sha, sum, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], thr,
               fmt, &at) != 13 ||
        at == 0 || parse_date(thr, &has_through, &through))
        return bad(rd, "bad input line");
    for (const char *p = strstr(line, " -"); p; p = strstr(p + 1, " -"))
        if (p[2] >= '0' && p[2] <= '9')
            return bad(rd, "bad input line (a negative count)");
    char key[1200];
    snprintf(key, sizeof key, "%s %" PRIu64 " %s %s %s %s", role, bytes, sha, sum, fmt,
             line + at);
    ndr_merge *m = rd->m;
    size_t i = rd->input++;
    if (m->nparts > 0) { /* not the first partial: compare */
        if (i >= m->nsrc || strcmp(m->inputs[i], key) != 0)
            return bad(rd, "computed from other inputs than the partials before");
    } else {
        char **in = realloc(m->inputs, (i + 1) * sizeof *in);
        ndr_source *s = in ? realloc(m->src, (i + 1) * sizeof *s) : NULL;
        if (in)
            m->inputs = in;
        if (s == NULL)
            return NDR_ERR_NOMEM;
        m->src = s;
        memset(&s[i], 0, sizeof s[i]);
        char *name = strdup(line + at);
        s[i].name = name;
        m->inputs[i] = strdup(key);
        s[i].role = strcmp(role, "data") == 0 ? NULL : strdup(role);
        m->nsrc = i + 1;
        if (name == NULL || m->inputs[i] == NULL)
            return NDR_ERR_NOMEM;
        unescape(name);
        s[i].stats.bytes = bytes;
        snprintf(s[i].stats.sha256, sizeof s[i].stats.sha256, "%s", strcmp(sha, "-") ? sha : "");
        ndr_input_format_parse(fmt, &s[i].stats.format);
    }
    ndr_read_stats *t = &m->src[i].stats;
    t->rows_read += c[0];
    t->rows_used += c[1];
    t->rows_not_mrr += c[2];
    t->rows_rejected += c[3];
    t->blank_lines += c[4];
    (void)c[5]; /* rows of other shards: each is counted in its own shard */
    t->rows_duplicate += c[6];
    if (has_through && (!t->has_through || through > t->through))
        t->has_through = 1, t->through = through;
    return NDR_OK;
}

static ndr_status read_range(reading *rd, const char *line)
{
    char a[16], b[16], c[16];
    int has_b, has_c;
    part *pt = rd->pt;
    if (sscanf(line, "range %15s %15s %15s", a, b, c) != 3 ||
        parse_date(a, &pt->has_range, &pt->first) || parse_date(b, &has_b, &pt->last) ||
        parse_date(c, &has_c, &pt->through) || has_b != pt->has_range || has_c != has_b)
        return bad(rd, "bad range line");
    return NDR_OK;
}

/* What a period line's figures must satisfy, whatever the partial says:
 * a shard's figures are sums over its customers (ndr_period_add), so they
 * obey the same identities as any one customer's. NULL when they do. */
static const char *period_broken(const ndr_period *q)
{
    if (q->retained_customers > q->customers)
        return "more retained customers than customers";
    const ndr_money m[6] = {q->prior_mrr,       q->current_mrr, q->expansion_mrr,
                            q->contraction_mrr, q->churned_mrr, q->retained_mrr};
    for (int i = 0; i < 6; i++)
        if (m[i] < 0)
            return "a negative amount";
    if (q->prior_mrr + q->expansion_mrr - q->contraction_mrr - q->churned_mrr != q->current_mrr)
        return "prior + expansion - contraction - churn is not current";
    if (q->retained_mrr > q->prior_mrr || q->retained_mrr > q->current_mrr)
        return "retained MRR above prior or current MRR";
    if (q->customers == 0 && q->prior_mrr != 0)
        return "MRR without customers";
    return NULL;
}

/* "period END PRIOR CUSTOMERS RETAINED PRIOR_MRR CURRENT_MRR EXPANSION
 * CONTRACTION CHURNED RETAINED_MRR", money in units (|v| <= NDR_MONEY_MAX,
 * so the identities below are computed without overflow). */
static ndr_status read_period(reading *rd, const char *line)
{
    char buf[512], *f[11];
    ndr_period q;
    memset(&q, 0, sizeof q);
    ndr_money *money[6] = {&q.prior_mrr,       &q.current_mrr, &q.expansion_mrr,
                           &q.contraction_mrr, &q.churned_mrr, &q.retained_mrr};
    int ok = strlen(line) < sizeof buf && split(line, buf, sizeof buf, f, 11) == 11 &&
             ndr_date_parse(f[1], strlen(f[1]), &q.period_end) == 0 &&
             ndr_date_parse(f[2], strlen(f[2]), &q.prior_period_end) == 0 &&
             parse_count(f[3], &q.customers) == 0 && parse_count(f[4], &q.retained_customers) == 0;
    for (int i = 0; ok && i < 6; i++)
        ok = ndr_units_parse(f[5 + i], strlen(f[5 + i]), money[i]) == 0;
    if (!ok)
        return bad(rd, "bad period line");
    const char *why = period_broken(&q);
    if (why) {
        char w[200];
        snprintf(w, sizeof w, "period %s: %s: not a partial ndr wrote", f[1], why);
        return bad(rd, w);
    }
    part *pt = rd->pt;
    if (pt->n && q.period_end <= pt->p[pt->n - 1].period_end)
        return bad(rd, "period ends out of order");
    if (pt->n == pt->cap) {
        size_t cap = pt->cap ? 2 * pt->cap : 64;
        ndr_period *p = realloc(pt->p, cap * sizeof *p);
        if (p == NULL)
            return NDR_ERR_NOMEM;
        pt->p = p;
        pt->cap = cap;
    }
    pt->p[pt->n++] = q;
    return NDR_OK;
}

static ndr_status read_line(reading *rd, const char *line, int *ended)
{
    if (rd->line == 1) {
        int v;
        if (sscanf(line, "ndr-partial %d", &v) == 1 && v == 1)
            return bad(rd, "a partial of version 1, from an older ndr: make the shards' "
                           "partials again with this one");
        return sscanf(line, "ndr-partial %d", &v) == 1 && v == 2
                   ? NDR_OK
                   : bad(rd, "not an ndr partial of version 2 (made by ndr report "
                             "--format partial)");
    }
    part *pt = rd->pt;
    if (strncmp(line, "shard ", 6) == 0)
        return pt->nshard++ ? bad(rd, "a second shard line") : read_shard(rd, line);
    if (strncmp(line, "parameters ", 11) == 0)
        return pt->nparams++ ? bad(rd, "a second parameters line") : read_params(rd, rd->m, line);
    if (strncmp(line, "input ", 6) == 0)
        return read_input(rd, line);
    if (strncmp(line, "range ", 6) == 0)
        return pt->nrange++ ? bad(rd, "a second range line") : read_range(rd, line);
    if (strncmp(line, "period ", 7) == 0 && (pt->nshard != 1 || pt->nparams != 1 || pt->nrange != 1))
        return bad(rd, "a period line before the shard, parameters and range lines");
    if (strncmp(line, "period ", 7) == 0)
        return read_period(rd, line);
    size_t n;
    if (sscanf(line, "end %zu", &n) == 1) {
        *ended = 1;
        return n == rd->pt->n ? NDR_OK : bad(rd, "period count does not match (truncated?)");
    }
    return bad(rd, "unknown line");
}

ndr_status ndr_merge_add(ndr_merge *m, FILE *in, const char *name, char *msg, size_t msg_size)
{
    part *pt = calloc(1, sizeof *pt);
    if (pt == NULL) {
        snprintf(msg, msg_size, "out of memory");
        return NDR_ERR_NOMEM;
    }
    pt->file = strdup(name);
    reading rd = {m, pt, name, 0, 0, msg, msg_size};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ended = 0;
    ndr_status st = pt->file ? NDR_OK : NDR_ERR_NOMEM;
    while (st == NDR_OK && !ended && (len = getline(&line, &cap, in)) > 0) {
        rd.line++;
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        st = read_line(&rd, line, &ended);
    }
    free(line);
    if (st == NDR_OK && ferror(in)) {
        snprintf(msg, msg_size, "%s: read error: %s", name, strerror(errno));
        st = NDR_ERR_IO;
    } else if (st == NDR_OK && (!ended || pt->nshard != 1 || pt->nparams != 1 ||
                                pt->nrange != 1 || rd.input != m->nsrc)) {
        rd.line++;
        st = bad(&rd, !ended ? "incomplete partial (no end line: truncated?)"
                             : "incomplete partial (it needs one shard, parameters and range "
                               "line, and every input)");
    }
    /* kept only when whole: the parts are the partials that belong */
    part **ps = st == NDR_OK ? realloc(m->parts, (m->nparts + 1) * sizeof *ps) : NULL;
    if (ps) {
        m->parts = ps;
        ps[m->nparts++] = pt;
    } else {
        st = st == NDR_OK ? NDR_ERR_NOMEM : st;
        free(pt->file);
        free(pt->p);
        free(pt);
    }
    if (st == NDR_ERR_NOMEM)
        snprintf(msg, msg_size, "out of memory");
    return st;
}

/* ---- the merged report -------------------------------------------------- */

static int param(const char *params, const char *key, char *out, size_t size)
{
    char k[40];
    snprintf(k, sizeof k, " %s=", key);
    const char *p = strstr(params, k);
    if (p == NULL)
        return -1;
    p += strlen(k);
    size_t n = strcspn(p, " ");
    if (n >= size)
        return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

static int param_month(const char *params, const char *key, int *out)
{
    char v[16];
    if (param(params, key, v, sizeof v))
        return -1;
    *out = -1;
    return strcmp(v, "-") == 0 ? 0 : ndr_month_parse(v, out);
}

/* The report options back from the parameters line. */
static int options_of(ndr_merge *m, ndr_report_options *o)
{
    char v[4][NDR_MONEY_TEXT];
    int has;
    ndr_report_options_init(o);
    const char *s = m->params;
    if (param(s, "window", v[0], sizeof v[0]) || param(s, "method", v[1], sizeof v[1]) ||
        param(s, "period", v[2], sizeof v[2]) || param(s, "basis", v[3], sizeof v[3]) ||
        ndr_method_parse(v[1], &o->method))
        return -1;
    o->window_months = atoi(v[0]);
    o->period_months = atoi(v[2]);
    o->basis_arr = strcmp(v[3], "arr") == 0;
    if (param_month(s, "from", &o->from_month) || param_month(s, "to", &o->to_month) ||
        param(s, "as_of", v[0], sizeof v[0]) || parse_date(v[0], &has, &o->as_of) ||
        param(s, "currency", v[1], sizeof v[1]) || param(s, "fx", v[2], sizeof v[2]) ||
        param(s, "min_prior_arr", v[3], sizeof v[3]))
        return -1;
    o->has_as_of = has;
    char dt[32];
    if (param(s, "data_through", dt, sizeof dt) || parse_date(dt, &has, &o->data_through))
        return -1;
    o->has_data_through = has;
    if (strlen(v[1]) == 3)
        memcpy(o->currency, v[1], 4);
    if (ndr_units_parse(v[3], strlen(v[3]), &o->min_prior_arr) ||
        param(s, "min_current_arr", v[3], sizeof v[3]) ||
        ndr_units_parse(v[3], strlen(v[3]), &o->min_current_arr))
        return -1;
    if (strcmp(v[2], "-") != 0) {
        if (m->fx == NULL && (m->fx = ndr_fx_new()) == NULL)
            return -1;
        o->fx = m->fx;
        o->fx_constant = strcmp(v[2], "constant") == 0;
    }
    int period_ok = o->period_months == 1 || o->period_months == 3 || o->period_months == 12;
    return o->window_months < 1 || o->window_months > 1200 || !period_ok ? -1 : 0;
}

static ndr_status missing_shards(const ndr_merge *m, char *msg, size_t msg_size)
{
    size_t len = 0, count = 0;
    msg[0] = '\0';
    for (unsigned k = 1; k <= m->n; k++) {
        size_t i = 0;
        while (i < m->nparts && m->parts[i]->k != k)
            i++;
        if (i < m->nparts)
            continue;
        if (count++ == 0)
            len = (size_t)snprintf(msg, msg_size, "missing shard%s of %u:", "(s)", m->n);
        if (len < msg_size)
            len += (size_t)snprintf(msg + len, msg_size - len, " %u/%u", k, m->n);
    }
    return count ? NDR_ERR_DATA : NDR_OK;
}

/* Adds shard pt's figures at end e into q. A shard computes every month
 * end from the first its customers could count in up to a horizon at or
 * after the whole input's last month end (report.c, shard_ends): an end
 * before its first, or a shard without periods, has none of its customers.
 * Returns 0, -1 when e lies after the shard's last period (its horizon
 * fell short), -2 on overflow. */
static int add_shard(const part *pt, ndr_date e, ndr_period *q)
{
    if (!pt->has_range || pt->n == 0 || e < pt->p[0].period_end)
        return 0;
    if (e > pt->p[pt->n - 1].period_end)
        return -1;
    size_t lo = 0, hi = pt->n; /* periods are in order (read_period checks) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pt->p[mid].period_end < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (pt->p[lo].period_end != e)
        return -1; /* not a period end ndr computes: refuse rather than guess */
    return ndr_period_sum(q, &pt->p[lo]) ? -2 : 0;
}

/* The whole input's date range and "as of" date: from the earliest shard
 * to the latest. */
static int global_range3(const ndr_merge *m, ndr_date *first, ndr_date *last,
                         ndr_date *through)
{
    int any = 0;
    for (size_t i = 0; i < m->nparts; i++) {
        const part *pt = m->parts[i];
        if (!pt->has_range)
            continue;
        *first = any && *first < pt->first ? *first : pt->first;
        *last = any && *last > pt->last ? *last : pt->last;
        *through = any && *through > pt->through ? *through : pt->through;
        any = 1;
    }
    return any;
}

static int global_range(const ndr_merge *m, ndr_date *first, ndr_date *last)
{
    ndr_date t;
    return global_range3(m, first, last, &t);
}

static ndr_status sum_periods(const ndr_merge *m, const ndr_report_options *o, ndr_date first,
                              ndr_date last, ndr_period *q, const ndr_date *ends, size_t n,
                              char *msg, size_t msg_size)
{
    for (size_t j = 0; j < n; j++) {
        memset(&q[j], 0, sizeof q[j]);
        q[j].period_end = ends[j];
        q[j].prior_period_end = ndr_date_prior(ends[j], o->window_months);
        for (size_t i = 0; i < m->nparts; i++) {
            int r = add_shard(m->parts[i], ends[j], &q[j]);
            char e[11];
            ndr_date_format(ends[j], e);
            if (r == -1) {
                snprintf(msg, msg_size,
                         "%s (shard %u/%u) has no period end %s: its data ends earlier than "
                         "the others'; run every shard with the same --to (or --as-of)",
                         m->parts[i]->file, m->parts[i]->k, m->n, e);
                return NDR_ERR_DATA;
            }
            if (r == -2) {
                snprintf(msg, msg_size, "MRR sum out of range (period end %s)", e);
                return NDR_ERR_OVERFLOW;
            }
        }
        q[j].complete = ndr_method_complete(o, ends[j], first, last);
    }
    return NDR_OK;
}

ndr_status ndr_merge_compute(ndr_merge *m, const char *command, ndr_report **out, char *msg,
                             size_t msg_size)
{
    ndr_report_options o;
    ndr_date first = 0, last = 0, through = 0, *ends = NULL;
    size_t n = 0;
    *out = NULL;
    if (m->nparts == 0 || m->params == NULL) {
        snprintf(msg, msg_size, "no partial to merge");
        return NDR_ERR_ARG;
    }
    ndr_status st = missing_shards(m, msg, msg_size);
    if (st != NDR_OK)
        return st;
    if (options_of(m, &o)) {
        snprintf(msg, msg_size, "%s: bad parameters line", m->parts[0]->file);
        return NDR_ERR_DATA;
    }
    o.command = command;
    if (!global_range3(m, &first, &last, &through)) {
        snprintf(msg, msg_size, "no data rows to compute from");
        return NDR_ERR_NO_DATA;
    }
    through = merged_through(m, &o, through);
    o.has_today = m->has_today;
    o.today = m->today;
    if (o.has_as_of) {
        ends = malloc(sizeof *ends);
        if (ends)
            ends[n++] = o.as_of;
    } else {
        st = ndr_report_ends(&o, first, through, &ends, &n, msg, msg_size);
    }
    ndr_period *q = st == NDR_OK && ends ? calloc(n ? n : 1, sizeof *q) : NULL;
    if (st == NDR_OK && q == NULL)
        st = NDR_ERR_NOMEM;
    if (st == NDR_OK)
        st = sum_periods(m, &o, first, through, q, ends, n, msg, msg_size);
    free(ends);
    if (st == NDR_OK)
        st = ndr_report_assemble(&o, q, n, out, msg, msg_size);
    else
        free(q);
    if (st == NDR_ERR_NOMEM)
        snprintf(msg, msg_size, "out of memory");
    return st;
}
