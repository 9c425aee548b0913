/* accounts.c - reads an account roll-up file (customer_id,account_id) into
 * a data set, so that several billing customers count as one account. Any
 * bad line is an error, not a skipped row: a silently dropped mapping
 * would split an account. */
#include "dataset.h"
#include "input/header.h"
#include "small_csv.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct acc {
    ndr_dataset *ds;
    const char *source;               /* the file's name, for messages */
    size_t ncols, cust_col, acct_col; /* 1-based */
    size_t base;                      /* customers mapped before this file */
    unsigned long long *line;         /* by customer index - base: its line */
    size_t nline, line_cap;
} acc;

static ndr_status acc_header(acc *a, char **f, const size_t *len, size_t n, char *why,
                             size_t why_size)
{
    a->ncols = n;
    for (size_t i = 0; i < n; i++) {
        ndr_header_normalise(f[i], len[i], f[i]);
        if (strcmp(f[i], "customer_id") == 0)
            a->cust_col = i + 1;
        else if (strcmp(f[i], "account_id") == 0)
            a->acct_col = i + 1;
    }
    if (a->cust_col && a->acct_col)
        return NDR_OK;
    snprintf(why, why_size, "an accounts file needs columns customer_id and account_id");
    return NDR_ERR_HEADER;
}

/* Notes that customer index c was mapped on `line`, so that a chain found
 * later can name it. Returns -1 when out of memory. */
static int note_line(acc *a, size_t c, unsigned long long line)
{
    size_t i = c - a->base;
    if (i >= a->line_cap) {
        size_t cap = a->line_cap ? a->line_cap * 2 : 64;
        while (cap <= i)
            cap *= 2;
        unsigned long long *p = realloc(a->line, cap * sizeof *p);
        if (p == NULL)
            return -1;
        a->line = p;
        a->line_cap = cap;
    }
    a->line[i] = line;
    a->nline = i + 1;
    return 0;
}

/* why for cust -> account chaining with the mapping of customer index
 * other: both mappings, each with its FILE:LINE. */
static void chain_message(const acc *a, int64_t other, const char *cust, size_t cust_len,
                          const char *account, size_t account_len, char *why, size_t why_size)
{
    const ndr_dataset *ds = a->ds;
    size_t ocust_len, oacct_len;
    const char *ocust = ndr_idmap_key(&ds->account_of_cust, (uint32_t)other, &ocust_len);
    const char *oacct = ndr_idmap_key(&ds->account_ids, ds->account_of[other], &oacct_len);
    char q[4][200], at[300];
    ndr_utf8_quote(q[0], sizeof q[0], (const unsigned char *)cust, cust_len);
    ndr_utf8_quote(q[1], sizeof q[1], (const unsigned char *)account, account_len);
    ndr_utf8_quote(q[2], sizeof q[2], (const unsigned char *)ocust, ocust_len);
    ndr_utf8_quote(q[3], sizeof q[3], (const unsigned char *)oacct, oacct_len);
    /* a mapping added before this file (ndr_dataset_add_account) has no line */
    if ((size_t)other >= a->base && (size_t)other - a->base < a->nline)
        snprintf(at, sizeof at, "%s:%llu", a->source, a->line[other - (int64_t)a->base]);
    else
        snprintf(at, sizeof at, "a mapping added before %s", a->source);
    snprintf(why, why_size,
             "customer '%s' maps to account '%s', but %s maps customer '%s' to account '%s': "
             "an account cannot itself be mapped (map each customer straight to its final "
             "account)",
             q[0], q[1], at, q[2], q[3]);
}

static ndr_status acc_map(acc *a, unsigned long long line, const char *cust, size_t cust_len,
                          const char *account, size_t account_len, char *why, size_t why_size)
{
    int64_t other;
    size_t before = a->ds->account_of_cust.count;
    ndr_status st = ndr_dataset_map_account(a->ds, cust, cust_len, account, account_len, &other);
    if (st == NDR_ERR_ARG && other >= 0) {
        chain_message(a, other, cust, cust_len, account, account_len, why, why_size);
        return NDR_ERR_BAD_ROW;
    }
    if (st == NDR_ERR_ARG) {
        snprintf(why, why_size, "customer mapped to a second, different account");
        return NDR_ERR_BAD_ROW;
    }
    if (st == NDR_OK && a->ds->account_of_cust.count > before && note_line(a, before, line))
        st = NDR_ERR_NOMEM;
    if (st != NDR_OK)
        snprintf(why, why_size, "out of memory");
    return st;
}

static ndr_status acc_row(void *ctx, size_t row, unsigned long long line, char **f,
                          const size_t *len, size_t n, char *why, size_t why_size)
{
    acc *a = ctx;
    if (row == 0)
        return acc_header(a, f, len, n, why, why_size);
    size_t c = a->cust_col - 1, k = a->acct_col - 1;
    if (n != a->ncols) {
        snprintf(why, why_size, "expected %zu fields, found %zu", a->ncols, n);
        return NDR_ERR_BAD_ROW;
    }
    if (len[c] == 0 || len[k] == 0) {
        snprintf(why, why_size, "empty customer_id or account_id");
        return NDR_ERR_BAD_ROW;
    }
    if (ndr_utf8_check((unsigned char *)f[c], len[c]) != len[c] ||
        ndr_utf8_check((unsigned char *)f[k], len[k]) != len[k]) {
        snprintf(why, why_size, "an id is not UTF-8 text");
        return NDR_ERR_ENCODING;
    }
    return acc_map(a, line, f[c], len[c], f[k], len[k], why, why_size);
}

ndr_status ndr_read_accounts(ndr_dataset *ds, FILE *in, const char *source, char *msg,
                             size_t msg_size)
{
    acc a;
    memset(&a, 0, sizeof a);
    a.ds = ds;
    a.source = source;
    a.base = ds->account_of_cust.count;
    ndr_status st = ndr_small_csv_read(in, source, acc_row, &a, msg, msg_size);
    free(a.line);
    return st;
}
