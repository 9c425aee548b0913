/* accounts.c - reads an account roll-up file (customer_id,account_id) into
 * a data set, so that several billing customers count as one account. Any
 * bad line is an error, not a skipped row: a silently dropped mapping
 * would split an account. */
#include "dataset.h"
#include "input/header.h"
#include "small_csv.h"
#include "utf8.h"

#include <string.h>

typedef struct acc {
    ndr_dataset *ds;
    size_t ncols, cust_col, acct_col; /* 1-based */
} acc;

static ndr_status acc_row(void *ctx, size_t row, char **f, const size_t *len, size_t n,
                          char *why, size_t why_size)
{
    acc *a = ctx;
    if (row == 0) {
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
    ndr_status st = ndr_dataset_add_account(a->ds, f[c], len[c], f[k], len[k]);
    if (st == NDR_ERR_ARG) {
        snprintf(why, why_size, "customer mapped to a second, different account");
        return NDR_ERR_BAD_ROW;
    }
    if (st != NDR_OK)
        snprintf(why, why_size, "out of memory");
    return st;
}

ndr_status ndr_read_accounts(ndr_dataset *ds, FILE *in, const char *source, char *msg,
                             size_t msg_size)
{
    acc a;
    memset(&a, 0, sizeof a);
    a.ds = ds;
    return ndr_small_csv_read(in, source, acc_row, &a, msg, msg_size);
}
