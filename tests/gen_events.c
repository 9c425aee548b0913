/* gen_events.c - a deterministic generator of synthetic subscription
 * histories as a canonical events CSV (customer_id,subscription_id,date,mrr).
 *
 * Why: the tests and the benchmark need large, realistic, reproducible
 * inputs (millions of rows) that no fixture can hold. This program depends
 * on libc only - it does not link libndr, so a bug in the library cannot
 * hide itself in its own test data - and the same arguments always give the
 * same bytes on every platform (own PRNG, integer arithmetic only).
 *
 *   gen_events [--customers N] [--seed S] [--years Y] [--start YYYY-MM]
 *   defaults:  N = 1000, S = 1, Y = 6, start 2019-01
 *
 * The model. The window is the Y*12 months from --start. Customer
 * cus_NNNNNNNNNN (1..N) draws from its own PRNG stream, seeded by (S,
 * customer number), so its history does not depend on the order in which
 * customers are generated. Probabilities are per customer, subscription or
 * month as stated:
 * - Signup: 15% in the 24 months before --start (an existing customer base;
 *   their rows carry those earlier dates), 60% uniform over the window, 25%
 *   with linearly growing density (a growing business).
 * - Subscriptions sub_NNNNNNNNNN_K: 70% of customers have one, 15% two, 9%
 *   three, 6% four. Subscription 1 starts at signup; each add-on starts the
 *   same month (30%) or 1-36 months later; add-ons that would start after
 *   the window or after subscription 1 ended for good are dropped.
 * - Plans: MRR = price x quantity; prices 9, 29 (per seat), 49.99, 83.3333
 *   (annual 1000/12, per seat), 99, 299 and 1250 with weights
 *   25/25/15/12/12/8/3%. Per-seat plans start with 1 seat (40%) or
 *   2 + geometric(mean 2.3) seats; the others with 1 unit (85%), 2 or 3.
 * - Coupons: 25% of new paid subscriptions start 10/20/25/50% off for 3, 6
 *   or 12 months, then a row restores the list price (a plan change ends
 *   the coupon early).
 * - Free start: 15% of customers start subscription 1 on a free plan (a row
 *   with mrr 0); 45% of them convert to a paid plan 1-9 months later, the
 *   others stay free and get no add-ons.
 * - Each later month a paid subscription has at most one event, on a
 *   uniformly drawn day: churn (mrr 0), monthly 3.2% (plan 9), 2.4% (29),
 *   2.0% (49.99), 0.9% (83.3333), 1.4% (99), 1.0% (299), 0.5% (1250); else,
 *   on per-seat plans, a seat change with 4% + 2% per seat (at most 30
 *   seats counted): 55% up by 1 + up to a fifth, 45% down; else an upgrade,
 *   monthly 3.0%, 2.5%, 2.5%, 2.0%, 1.5%, 1.0%, 0.8% by plan as above (the
 *   next plan, aiming at +20..100% MRR, or on flat plans one unit more);
 *   else a downgrade with 1.2% (the previous plan, aiming at 50..85% of the
 *   MRR, or one unit less).
 * - Reactivation: a churned subscription comes back on the same id 2-18
 *   months later with probability 25% (10% after a later churn), on the same
 *   plan with 50-120% of its former quantity.
 * - Customer churn: when subscription 1 churns for good, each add-on is
 *   cancelled too (75%), in the same month or up to 2 months later.
 * - Corrections: 2% of rows are preceded, with the same subscription and
 *   date, by a row with a wrong MRR (x10, one unit more or less, 0, or for a
 *   cancellation the previous MRR); 0.5% are preceded by an exact duplicate.
 *   The wrong row is always written first: the later row wins.
 * Measured (seed 1, other options default): 4.95 rows and 245 bytes per
 * customer (N = 1,000,000: 4,946,455 rows, 245 MB, under a second);
 * 1.34 subscriptions per customer, each with on average 0.49 churns, 0.13
 * reactivations or conversions, 1.32 increases and 0.67 decreases of MRR
 * within the data. The 12-month trailing NDR falls from about 115% in the
 * first periods (young cohorts: coupons expire, add-ons start) to about 98%
 * in the last; GRR stays at 80-83%, logo retention at 81-84%.
 *
 * Output order: customers are generated in a pseudo-random permutation
 * (a Feistel network over the customer numbers), each customer's rows are
 * shuffled, and all rows pass through a reservoir of RES_CAP rows from
 * which a random one is written whenever a new one arrives. Memory stays
 * about 2.5 MB (mostly I/O buffers) whatever N is. Within a subscription
 * dates strictly increase except for the correction pairs, whose order is
 * kept, so the shuffled file means exactly what was simulated. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_USAGE = 2 };

#define MAX_CUSTOMERS 999999999u
#define ID_DIGITS 10 /* cus_0000000123: ids of a fixed width */
#define MAX_YEARS 50
#define PRE_MONTHS 24                      /* signups up to this long before --start */
#define MIN_START_MI (1900 * 12 + PRE_MONTHS) /* dates from 1900-01-01 ... */
#define END_LIMIT_MI (2200 * 12)           /* ... to 2199-12-31 */
#define MAX_SUBS 4
/* Rows of one customer: per subscription one start row and at most one row
 * per later month (it may start PRE_MONTHS before the window); a correction
 * pair is one row here. */
#define MAX_ROWS (MAX_SUBS * (PRE_MONTHS + MAX_YEARS * 12 + 1))
#define RES_CAP 4096
#define OUT_CAP (1u << 18)

/* ---- Pseudo-random numbers ---------------------------------------------- */

/* splitmix64: a 64-bit state stepped by a constant and a strong mixer. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    r->s += UINT64_C(0x9e3779b97f4a7c15);
    return mix64(r->s);
}

/* Uniform in [0, n) by multiply-shift; the bias is at most n / 2^32. */
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Inclusive range lo..hi. */
static int rng_range(rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability ppm / 1,000,000. */
static int rng_ppm(rng *r, uint32_t ppm)
{
    return rng_below(r, 1000000u) < ppm;
}

/* ---- Customer order: a keyed permutation of [0, n) ---------------------- */

typedef struct perm {
    uint64_t n;
    unsigned half;  /* bits of each Feistel half */
    uint64_t mask;  /* (1 << half) - 1 */
    uint64_t key[4];
} perm;

static void perm_init(perm *p, uint64_t n, uint64_t seed)
{
    unsigned bits = 1;
    while ((UINT64_C(1) << bits) < n)
        bits++;
    p->n = n;
    p->half = (bits + 1) / 2;
    p->mask = (UINT64_C(1) << p->half) - 1;
    rng r = {mix64(seed ^ UINT64_C(0x5045524d55544531))};
    for (int i = 0; i < 4; i++)
        p->key[i] = rng_next(&r);
}

/* A 4-round Feistel network is a bijection on [0, 4^half); walking the
 * cycle until the value falls below n makes it one on [0, n). The domain is
 * less than 4n, so this takes fewer than 4 steps on average. */
static uint64_t perm_apply(const perm *p, uint64_t x)
{
    do {
        uint64_t left = x >> p->half, right = x & p->mask;
        for (int i = 0; i < 4; i++) {
            uint64_t t = left ^ (mix64(right ^ p->key[i]) & p->mask);
            left = right;
            right = t;
        }
        x = (left << p->half) | right;
    } while (x >= p->n);
    return x;
}

/* ---- Calendar (months as year * 12 + month - 1) ------------------------- */

static int days_in_month(int mi)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = mi / 12, m = mi % 12;
    if (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m];
}

/* A date packed as month * 32 + day: ordered like the dates themselves. */
static int32_t pack_date(int mi, int day)
{
    return (int32_t)(mi * 32 + day);
}

/* ---- Plans -------------------------------------------------------------- */

/* Money in units of 1e-4 (83.3333 is the finest price). */
typedef struct plan {
    int64_t price;
    int per_seat;
    uint32_t weight;     /* percent of new subscriptions */
    uint32_t churn_ppm;  /* monthly churn probability */
    uint32_t up_ppm;     /* monthly upgrade probability */
} plan;

static const plan plans[] = {
    {90000, 1, 25, 32000, 30000},   /* 9.00 per seat */
    {290000, 1, 25, 24000, 25000},  /* 29.00 per seat */
    {499900, 0, 15, 20000, 25000},  /* 49.99 */
    {833333, 1, 12, 9000, 20000},   /* 83.3333 per seat: 1000/12, billed yearly */
    {990000, 0, 12, 14000, 15000},  /* 99.00 */
    {2990000, 0, 8, 10000, 10000},  /* 299.00 */
    {12500000, 0, 3, 5000, 8000},   /* 1250.00 */
};
#define NPLANS ((int)(sizeof plans / sizeof plans[0]))

#define SEAT_BASE_PPM 40000u     /* + SEAT_PER_SEAT_PPM per seat, up to 30 */
#define SEAT_PER_SEAT_PPM 20000u
#define SEAT_UP_PPM 550000u
#define MAX_SEATS 1000
#define DOWNGRADE_PPM 12000u
#define COUPON_PPM 250000u
#define FREE_START_PPM 150000u
#define FREE_CONVERT_PPM 450000u
#define REACTIVATE_PPM 250000u
#define REACTIVATE_AGAIN_PPM 100000u
#define ADDON_CANCEL_PPM 750000u
#define WRONG_PPM 20000u
#define DUPLICATE_PPM 5000u

/* ---- One customer's rows ------------------------------------------------ */

typedef struct row {
    uint32_t customer; /* 1..N */
    uint16_t sub;      /* 1..MAX_SUBS */
    uint8_t has_wrong; /* write `wrong` first, then `mrr` */
    int32_t date;      /* pack_date */
    int64_t mrr;
    int64_t wrong;
} row;

typedef struct gen {
    int start_mi, end_mi; /* the window [start_mi, end_mi) */
    uint64_t seed;
    rng r;                /* the current customer's stream */
    uint32_t customer;
    size_t nrows;
    row rows[MAX_ROWS];
} gen;

/* A subscription's state while it is simulated. */
typedef struct sub_state {
    int tier;
    int64_t qty;
    int64_t mrr;  /* current MRR, 0 when free or churned */
    uint16_t id;
} sub_state;

static void add_row(gen *g, const sub_state *s, int mi, int day, int64_t prev_mrr)
{
    if (g->nrows == MAX_ROWS) /* cannot happen, see MAX_ROWS */
        return;
    row *w = &g->rows[g->nrows++];
    w->customer = g->customer;
    w->sub = s->id;
    w->date = pack_date(mi, day);
    w->mrr = s->mrr;
    w->has_wrong = 0;
    w->wrong = 0;
    uint32_t x = rng_below(&g->r, 1000000u);
    if (x < DUPLICATE_PPM) {
        w->has_wrong = 1;
        w->wrong = s->mrr;
    } else if (x < DUPLICATE_PPM + WRONG_PPM) {
        int64_t v;
        if (s->mrr == 0)
            v = prev_mrr > 0 ? prev_mrr : plans[s->tier].price;
        else {
            switch (rng_below(&g->r, 4)) {
            case 0: v = s->mrr * 10; break;
            case 1: v = s->mrr + plans[s->tier].price; break;
            case 2: v = s->mrr - plans[s->tier].price; break;
            default: v = 0; break;
            }
            if (v <= 0 && s->mrr > 0 && rng_below(&g->r, 2))
                v = s->mrr * 10;
        }
        w->has_wrong = 1;
        w->wrong = v < 0 ? 0 : v;
    }
}

static void new_plan(gen *g, sub_state *s)
{
    uint32_t x = rng_below(&g->r, 100);
    int t = 0;
    while (t < NPLANS - 1 && x >= plans[t].weight) {
        x -= plans[t].weight;
        t++;
    }
    s->tier = t;
    if (plans[t].per_seat) {
        if (rng_ppm(&g->r, 400000u))
            s->qty = 1;
        else {
            s->qty = 2;
            while (s->qty < 100 && rng_ppm(&g->r, 700000u))
                s->qty++;
        }
    } else {
        uint32_t y = rng_below(&g->r, 100);
        s->qty = y < 85 ? 1 : y < 97 ? 2 : 3;
    }
    s->mrr = plans[t].price * s->qty;
}

/* Sets plan `tier` with the quantity that comes closest to `target` from
 * the right side of the current MRR (above it when up, below when down);
 * returns 0 if no such quantity exists. */
static int move_to(sub_state *s, int tier, int64_t target, int up)
{
    int64_t price = plans[tier].price;
    int64_t qty = target / price;
    if (qty < 1)
        qty = 1;
    if (up) {
        while (qty * price <= s->mrr)
            qty++;
    } else {
        while (qty > 1 && qty * price >= s->mrr)
            qty--;
        if (qty * price >= s->mrr)
            return 0;
    }
    s->tier = tier;
    s->qty = qty;
    s->mrr = qty * price;
    return 1;
}

/* Expansion other than a seat change: the next plan for 20-100% more MRR,
 * or on the flat plans one unit more (40%, always on the top plan). */
static void upgrade(gen *g, sub_state *s)
{
    const plan *p = &plans[s->tier];
    if (s->tier == NPLANS - 1 || (!p->per_seat && rng_ppm(&g->r, 400000u))) {
        s->qty++;
        s->mrr = s->qty * p->price;
    } else {
        int64_t target = s->mrr * rng_range(&g->r, 1200, 2000) / 1000;
        move_to(s, s->tier + 1, target, 1);
    }
}

/* Contraction other than a seat change: the previous plan for 50-85% of the
 * MRR, or on the flat plans one unit less when there are several. Returns 0
 * when nothing can shrink (one unit of the cheapest plan). */
static int downgrade(gen *g, sub_state *s)
{
    const plan *p = &plans[s->tier];
    if (s->qty > 1 && (s->tier == 0 || (!p->per_seat && rng_ppm(&g->r, 500000u)))) {
        s->qty--;
        s->mrr = s->qty * p->price;
        return 1;
    }
    if (s->tier == 0)
        return 0;
    int64_t target = s->mrr * rng_range(&g->r, 500, 850) / 1000;
    return move_to(s, s->tier - 1, target, 0);
}

/* A seat change on a per-seat plan: up to a fifth of the seats more (55%)
 * or fewer (45%). Returns 0 when nothing changed (one seat, going down). */
static int seat_change(gen *g, sub_state *s)
{
    uint32_t step = (uint32_t)(s->qty / 5);
    if (rng_ppm(&g->r, SEAT_UP_PPM)) {
        if (s->qty >= MAX_SEATS)
            return 0;
        s->qty += 1 + rng_below(&g->r, step + 1);
    } else {
        if (s->qty == 1)
            return 0;
        s->qty -= 1 + rng_below(&g->r, step);
    }
    s->mrr = s->qty * plans[s->tier].price;
    return 1;
}

/* A comeback on the same plan with 50-120% of the former quantity. */
static void reactivate(gen *g, sub_state *s)
{
    s->qty = s->qty * rng_range(&g->r, 50, 120) / 100;
    if (s->qty < 1)
        s->qty = 1;
    s->mrr = s->qty * plans[s->tier].price;
}

/* Maybe gives a new paid subscription an introductory coupon (10-50% off
 * for 3-12 months) and lowers s->mrr to match; returns the month in which
 * it expires, or -1 without a coupon. */
static int coupon(gen *g, sub_state *s, int mi)
{
    static const int64_t pct[] = {10, 20, 25, 50};
    static const int months[] = {3, 6, 12};
    if (!rng_ppm(&g->r, COUPON_PPM))
        return -1;
    s->mrr = s->mrr * (100 - pct[rng_below(&g->r, 4)]) / 100;
    return mi + months[rng_below(&g->r, 3)];
}

/* Simulates one subscription from (mi, day) to the end of the window and
 * returns the packed date of its final cancellation, or INT32_MAX if it is
 * active (or free) at the end. forced: a packed date on which it is
 * cancelled if still paying (INT32_MAX for none). */
static int32_t simulate(gen *g, uint16_t id, int mi, int day, int free_start, int32_t forced)
{
    sub_state s = {0, 0, 0, id};
    int convert_mi = -1, react_mi = -1, coupon_mi = -1, churns = 0;
    int forced_mi = forced == INT32_MAX ? INT32_MAX : forced / 32;
    int forced_day = forced == INT32_MAX ? 0 : forced % 32;
    if (forced_mi <= mi) {
        forced_mi = mi + 1;
        forced_day = 1;
    }

    new_plan(g, &s);
    int64_t paid_mrr = s.mrr;
    if (free_start) {
        s.mrr = 0;
        if (rng_ppm(&g->r, FREE_CONVERT_PPM))
            convert_mi = mi + rng_range(&g->r, 1, 9);
    } else
        coupon_mi = coupon(g, &s, mi);
    add_row(g, &s, mi, day, 0);
    if (free_start && convert_mi < 0)
        return INT32_MAX;

    int32_t ended = INT32_MAX;
    for (int m = mi + 1; m < g->end_mi; m++) {
        int d = 1 + (int)rng_below(&g->r, (uint32_t)days_in_month(m));
        if (m == forced_mi) {
            if (s.mrr > 0) {
                int64_t prev = s.mrr;
                s.mrr = 0;
                add_row(g, &s, m, forced_day, prev);
                return pack_date(m, forced_day);
            }
            return ended;
        }
        if (free_start && s.mrr == 0 && convert_mi >= 0) {
            if (m == convert_mi) {
                s.mrr = paid_mrr;
                coupon_mi = coupon(g, &s, m);
                add_row(g, &s, m, d, 0);
                free_start = 0;
            }
            continue;
        }
        if (s.mrr == 0) { /* churned */
            if (m != react_mi)
                continue;
            reactivate(g, &s);
            ended = INT32_MAX;
            add_row(g, &s, m, d, 0);
            continue;
        }
        int64_t prev = s.mrr;
        if (m == coupon_mi) { /* back to the list price */
            coupon_mi = -1;
            s.mrr = s.qty * plans[s.tier].price;
            add_row(g, &s, m, d, prev);
            continue;
        }
        uint32_t x = rng_below(&g->r, 1000000u);
        uint32_t churn = plans[s.tier].churn_ppm;
        if (x < churn) {
            coupon_mi = -1;
            s.mrr = 0;
            add_row(g, &s, m, d, prev);
            churns++;
            ended = pack_date(m, d);
            if (rng_ppm(&g->r, churns == 1 ? REACTIVATE_PPM : REACTIVATE_AGAIN_PPM))
                react_mi = m + rng_range(&g->r, 2, 18);
            else
                react_mi = -1;
            if (react_mi < 0 || react_mi >= g->end_mi)
                return ended;
            continue;
        }
        x -= churn;
        uint32_t seat = 0;
        if (plans[s.tier].per_seat)
            seat = SEAT_BASE_PPM + SEAT_PER_SEAT_PPM * (uint32_t)(s.qty < 30 ? s.qty : 30);
        uint32_t up = plans[s.tier].up_ppm;
        if (x >= seat + up + DOWNGRADE_PPM)
            continue;
        /* A plan change ends a coupon: it starts from the list price. */
        int changed = coupon_mi >= 0;
        coupon_mi = -1;
        s.mrr = s.qty * plans[s.tier].price;
        if (x < seat)
            changed |= seat_change(g, &s);
        else if (x < seat + up) {
            upgrade(g, &s);
            changed = 1;
        } else
            changed |= downgrade(g, &s);
        if (changed)
            add_row(g, &s, m, d, prev);
    }
    return ended;
}

static void gen_customer(gen *g, uint32_t customer)
{
    g->customer = customer;
    g->nrows = 0;
    g->r.s = mix64(g->seed ^ mix64((uint64_t)customer * UINT64_C(0xd1b54a32d192ed03)));

    int span = g->end_mi - g->start_mi, mi;
    uint32_t x = rng_below(&g->r, 100);
    if (x < 15)
        mi = g->start_mi - 1 - (int)rng_below(&g->r, PRE_MONTHS);
    else if (x < 75)
        mi = g->start_mi + (int)rng_below(&g->r, (uint32_t)span);
    else {
        uint32_t a = rng_below(&g->r, (uint32_t)span), b = rng_below(&g->r, (uint32_t)span);
        mi = g->start_mi + (int)(a > b ? a : b);
    }
    int day = 1 + (int)rng_below(&g->r, (uint32_t)days_in_month(mi));

    x = rng_below(&g->r, 100);
    int nsubs = x < 70 ? 1 : x < 85 ? 2 : x < 94 ? 3 : 4;
    int free_start = rng_ppm(&g->r, FREE_START_PPM);

    int32_t primary_end = simulate(g, 1, mi, day, free_start, INT32_MAX);
    if (free_start && g->nrows == 1)
        return; /* never converted: a free user without add-ons */
    uint16_t next_id = 2;
    for (int k = 2; k <= nsubs; k++) {
        int smi = mi, sday;
        if (rng_ppm(&g->r, 300000u))
            sday = day + (int)rng_below(&g->r, (uint32_t)(days_in_month(mi) - day + 1));
        else {
            smi = mi + rng_range(&g->r, 1, 36);
            sday = 1 + (int)rng_below(&g->r, (uint32_t)days_in_month(smi));
        }
        int32_t start = pack_date(smi, sday);
        if (smi >= g->end_mi || start >= primary_end)
            continue;
        int32_t forced = INT32_MAX;
        if (primary_end != INT32_MAX && rng_ppm(&g->r, ADDON_CANCEL_PPM)) {
            int fmi = primary_end / 32 + (int)rng_below(&g->r, 3);
            int fday = primary_end % 32;
            if (fmi != primary_end / 32)
                fday = 1 + (int)rng_below(&g->r, (uint32_t)days_in_month(fmi));
            forced = pack_date(fmi, fday);
        }
        simulate(g, next_id++, smi, sday, 0, forced);
    }
}

/* ---- Output ------------------------------------------------------------- */

typedef struct sink {
    FILE *f;
    size_t len;
    int failed;
    char buf[OUT_CAP];
} sink;

static void out_flush(sink *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
        o->failed = 1;
    o->len = 0;
}

/* Writes v with at least `width` digits, zero-padded. */
static char *put_uint(char *p, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

static void out_row(sink *o, const row *w, int64_t mrr)
{
    if (o->len > OUT_CAP - 128)
        out_flush(o);
    char *p = o->buf + o->len;
    memcpy(p, "cus_", 4);
    p = put_uint(p + 4, w->customer, ID_DIGITS);
    memcpy(p, ",sub_", 5);
    p = put_uint(p + 5, w->customer, ID_DIGITS);
    *p++ = '_';
    *p++ = (char)('0' + w->sub);
    *p++ = ',';
    int mi = w->date / 32, day = w->date % 32, month = mi % 12 + 1;
    p = put_uint(p, (uint64_t)(mi / 12), 4);
    *p++ = '-';
    *p++ = (char)('0' + month / 10);
    *p++ = (char)('0' + month % 10);
    *p++ = '-';
    *p++ = (char)('0' + day / 10);
    *p++ = (char)('0' + day % 10);
    *p++ = ',';
    int64_t frac = mrr % 10000;
    p = put_uint(p, (uint64_t)(mrr / 10000), 1);
    *p++ = '.';
    p = frac % 100 == 0 ? put_uint(p, (uint64_t)frac / 100, 2) : put_uint(p, (uint64_t)frac, 4);
    *p++ = '\n';
    o->len = (size_t)(p - o->buf);
}

/* ---- Reservoir: interleaves customers ----------------------------------- */

typedef struct reservoir {
    rng r;
    size_t n;
    row slot[RES_CAP];
} reservoir;

/* Writes slot j. A row with a wrong first value stays in place to be
 * written again later with its right value; returns 1 if the slot is free. */
static int res_write(reservoir *res, size_t j, sink *o)
{
    row *w = &res->slot[j];
    if (w->has_wrong) {
        out_row(o, w, w->wrong);
        w->has_wrong = 0;
        return 0;
    }
    out_row(o, w, w->mrr);
    return 1;
}

static void res_push(reservoir *res, const row *w, sink *o)
{
    if (res->n < RES_CAP) {
        res->slot[res->n++] = *w;
        return;
    }
    for (;;) {
        size_t j = rng_below(&res->r, RES_CAP);
        if (res_write(res, j, o)) {
            res->slot[j] = *w;
            return;
        }
    }
}

static void res_drain(reservoir *res, sink *o)
{
    while (res->n) {
        size_t j = rng_below(&res->r, (uint32_t)res->n);
        if (res_write(res, j, o))
            res->slot[j] = res->slot[--res->n];
    }
}

/* ---- Command line ------------------------------------------------------- */

static void usage(FILE *f)
{
    fputs("Usage: gen_events [--customers N] [--seed S] [--years Y] [--start YYYY-MM]\n"
          "Writes a deterministic synthetic events CSV (customer_id,subscription_id,date,mrr)\n"
          "to stdout, rows in shuffled order.\n"
          "  --customers N   number of customers, 1-999999999 (default 1000)\n"
          "  --seed S        random seed, 0-18446744073709551615 (default 1)\n"
          "  --years Y       length of the simulated period, 1-50 (default 6)\n"
          "  --start YYYY-MM first month of the period (default 2019-01); rows start up to\n"
          "                  24 months earlier, and all dates must lie in 1900-2199\n",
          f);
}

static int bad_usage(const char *what, const char *arg)
{
    fprintf(stderr, "gen_events: %s '%s'\n", what, arg);
    usage(stderr);
    return EXIT_USAGE;
}

/* Parses a whole decimal number in [lo, hi]. */
static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* "YYYY-MM" -> year * 12 + month - 1. */
static int parse_month(const char *s, int *out)
{
    if (strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return -1;
    *out = y * 12 + m - 1;
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t customers = 1000, seed = 1, years = 6;
    int start_mi = 2019 * 12;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        const char *names[] = {"--customers", "--seed", "--years", "--start"};
        int which = -1;
        size_t nl = 0;
        for (int k = 0; k < 4; k++) {
            nl = strlen(names[k]);
            if (strncmp(a, names[k], nl) == 0 && (a[nl] == '\0' || a[nl] == '=')) {
                which = k;
                break;
            }
        }
        if (which < 0)
            return bad_usage("unknown argument", a);
        if (a[nl] == '=')
            v = a + nl + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        else
            return bad_usage("missing value for", a);
        int bad;
        switch (which) {
        case 0: bad = parse_u64(v, 1, MAX_CUSTOMERS, &customers); break;
        case 1: bad = parse_u64(v, 0, UINT64_MAX, &seed); break;
        case 2: bad = parse_u64(v, 1, MAX_YEARS, &years); break;
        default: bad = parse_month(v, &start_mi); break;
        }
        if (bad) {
            fprintf(stderr, "gen_events: bad value '%s' for %s\n", v, names[which]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    /* Every date, from 24 months before the start to the end, must lie in
     * 1900-2199, the years ndr accepts. */
    if (start_mi < MIN_START_MI || start_mi + 12 * (int)years > END_LIMIT_MI) {
        fputs("gen_events: the dates would leave the years 1900-2199\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }

    static gen g;
    static reservoir res;
    static sink o;
    static char stdio_buf[1u << 20];
    setvbuf(stdout, stdio_buf, _IOFBF, sizeof stdio_buf);

    g.start_mi = start_mi;
    g.end_mi = start_mi + 12 * (int)years;
    g.seed = mix64(seed ^ UINT64_C(0x6e64722d67656e31));
    res.r.s = mix64(seed ^ UINT64_C(0x7265736572766f69));
    o.f = stdout;

    static const char header[] = "customer_id,subscription_id,date,mrr\n";
    memcpy(o.buf, header, sizeof header - 1);
    o.len = sizeof header - 1;

    perm p;
    perm_init(&p, customers, seed);
    for (uint64_t i = 0; i < customers; i++) {
        gen_customer(&g, (uint32_t)(perm_apply(&p, i) + 1));
        /* Fisher-Yates on the customer's rows, then into the reservoir. */
        for (size_t k = g.nrows; k > 1; k--) {
            size_t j = rng_below(&g.r, (uint32_t)k);
            row t = g.rows[k - 1];
            g.rows[k - 1] = g.rows[j];
            g.rows[j] = t;
        }
        for (size_t k = 0; k < g.nrows; k++)
            res_push(&res, &g.rows[k], &o);
        if (o.failed)
            break;
    }
    res_drain(&res, &o);
    out_flush(&o);
    if (o.failed || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gen_events: write error: %s\n", errno ? strerror(errno) : "unknown");
        return 1;
    }
    return 0;
}
