/* header.c - recognising a header as an input format (see header.h). */
#include "header.h"

#include <stdio.h>
#include <string.h>

void ndr_header_normalise(const char *name, size_t len, char *out)
{
    while (len && (*name == ' ' || *name == '\t'))
        name++, len--;
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r'))
        len--;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        else if (ch == ' ' || ch == '-' || ch == '.')
            ch = '_';
        out[o++] = ch;
    }
    out[o] = '\0';
    if (o >= 6 && strcmp(out + o - 6, "_(utc)") == 0)
        out[o - 6] = '\0';
}

/* 1 + the position of name among the "|"-separated names, or 0. */
static size_t name_rank(const char *names, const char *name)
{
    size_t n = strlen(name), rank = 1;
    for (const char *p = names;; rank++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0)
            return rank;
        if (bar == NULL)
            return 0;
        p = bar + 1;
    }
}

/* Column of col (1-based): the header column holding the earliest of its
 * names (so "start_date" beats "created"); 0 when none. */
static size_t find_col(const char *names, char *const *hdr, size_t n)
{
    size_t best = 0, best_rank = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t rank = name_rank(names, hdr[i]);
        if (rank && rank < best_rank)
            best = i + 1, best_rank = rank;
    }
    return best;
}

/* "customer_id|customer" -> "'customer_id'" for messages. */
static void first_name(const char *names, char *out, size_t size)
{
    const char *bar = strchr(names, '|');
    int len = bar ? (int)(bar - names) : (int)strlen(names);
    snprintf(out, size, "'%.*s'", len, names);
}

/* How well a header fits format d: the number of its columns present, or
 * -1 when a required column or any-of group is missing or a forbidden
 * column present; the missing ones are listed in why. */
static int fit(const ndr_input_def *d, char *const *hdr, size_t n, char *why, size_t size)
{
    int found = 0, ok = 1;
    size_t len = 0;
    why[0] = '\0';
    for (size_t r = 0; r < d->ncols; r++) {
        const ndr_column *c = &d->cols[r];
        int has = find_col(c->names, hdr, n) != 0;
        found += has;
        int need = (c->flags & NDR_COL_REQUIRED) != 0;
        if (c->any_of && !has) { /* missing only if no column of the group is there */
            int group = 0;
            for (size_t q = 0; q < d->ncols; q++)
                group |= d->cols[q].any_of == c->any_of && find_col(d->cols[q].names, hdr, n);
            int first = 1;
            for (size_t q = 0; q < r; q++)
                first &= d->cols[q].any_of != c->any_of;
            need = !group && first;
        }
        if (need && !has) {
            char one[80];
            first_name(c->names, one, sizeof one);
            if (c->any_of) /* name the group by its members */
                for (size_t q = r + 1; q < d->ncols && strlen(one) < 60; q++)
                    if (d->cols[q].any_of == c->any_of) {
                        size_t o = strlen(one);
                        first_name(d->cols[q].names, one + o + 4, sizeof one - o - 4);
                        memcpy(one + o, " or ", 4);
                    }
            len += (size_t)snprintf(why + len, len < size ? size - len : 0, "%s%s",
                                    ok ? "" : ", ", one);
            ok = 0;
        }
    }
    for (const char *p = d->forbid; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        for (size_t i = 0; i < n; i++)
            if (strlen(hdr[i]) == l && memcmp(hdr[i], p, l) == 0)
                return -1;
        p = bar ? bar + 1 : p + l;
    }
    return ok ? found : -1;
}

/* role[] for format d; -1 with a message when one name is there twice. */
static int assign(const ndr_input_def *d, char *const *hdr, size_t n, unsigned char *role,
                  char *msg, size_t msg_size)
{
    memset(role, 0, n);
    for (size_t r = 1; r <= d->ncols; r++) {
        size_t col = find_col(d->cols[r - 1].names, hdr, n);
        if (col)
            role[col - 1] = (unsigned char)r;
        for (size_t i = 0; col && i < n; i++)
            if (i != col - 1 && strcmp(hdr[i], hdr[col - 1]) == 0) {
                char one[64];
                first_name(d->cols[r - 1].names, one, sizeof one);
                snprintf(msg, msg_size, "duplicate column %s (columns %zu and %zu)", one,
                         i < col - 1 ? i + 1 : col, i < col - 1 ? col : i + 1);
                return -1;
            }
    }
    return 0;
}

int ndr_header_resolve(char *const *names, size_t n, ndr_input_format want, ndr_header_match *m,
                       unsigned char *role, char *msg, size_t msg_size)
{
    char why[300];
    m->def = NULL;
    m->also = NDR_IN_AUTO;
    if (want != NDR_IN_AUTO) {
        const ndr_input_def *d = ndr_input_def_of(want);
        if (d == NULL) {
            snprintf(msg, msg_size, "unknown input format");
            return -1;
        }
        if (fit(d, names, n, why, sizeof why) < 0) {
            snprintf(msg, msg_size, why[0] ? "missing required column%s %s"
                                           : "a column of another format (%s%s)",
                     why[0] && strchr(why, ',') ? "s" : "", why[0] ? why : d->forbid);
            return -1;
        }
        m->def = d;
        return assign(d, names, n, role, msg, msg_size);
    }
    /* a vendor format is "closest" only with two of its columns present */
    const ndr_input_def *best = NULL, *closest = ndr_input_def_at(0);
    int best_score = -1, closest_found = 1;
    for (size_t i = 0; ndr_input_def_at(i); i++) {
        const ndr_input_def *d = ndr_input_def_at(i);
        int s = fit(d, names, n, why, sizeof why), found = 0;
        for (size_t r = 0; r < d->ncols; r++)
            found += find_col(d->cols[r].names, names, n) != 0;
        if (found > closest_found)
            closest = d, closest_found = found;
        if (s < 0)
            continue;
        if (best == NULL || (best->id != NDR_IN_EVENTS &&
                             (d->id == NDR_IN_EVENTS || s > best_score))) {
            if (best)
                m->also = best->id;
            best = d, best_score = s;
        } else {
            m->also = d->id;
        }
    }
    if (best == NULL) {
        fit(closest, names, n, why, sizeof why);
        snprintf(msg, msg_size, "missing required column%s %s%s%s",
                 strchr(why, ',') ? "s" : "", why, closest->id == NDR_IN_EVENTS ? "" : " for ",
                 closest->id == NDR_IN_EVENTS ? "" : closest->name);
        return -2;
    }
    m->def = best;
    return assign(best, names, n, role, msg, msg_size);
}
