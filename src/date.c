/* date.c - calendar dates as day numbers: parsing, formatting, month
 * arithmetic. Day numbers make "MRR in force at the end of a day" a plain
 * integer comparison and keep the hot path free of struct tm. */
#include "date.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ndr_days_in_month(int year, int month)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : len[month - 1];
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no library calls. */
ndr_date ndr_date_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned mp = (unsigned)(month > 2 ? month - 3 : month + 9);
    unsigned doy = (153 * mp + 2) / 5 + (unsigned)day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ndr_date)(era * 146097 + (int)doe - 719468);
}

void ndr_date_to_ymd(ndr_date date, int *year, int *month, int *day)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = m;
    *year = (int)yoe + era * 400 + (m <= 2);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int ndr_date_parse(const char *s, size_t len, ndr_date *out)
{
    if (len < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    /* a time may follow; it is ignored but must look like one (HH:MM...) */
    if (len > 10 && ((s[10] != 'T' && s[10] != ' ') || len < 16 || digits(s + 11, 2) < 0 ||
                     s[13] != ':' || digits(s + 14, 2) < 0))
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ndr_days_in_month(y, m))
        return -1;
    *out = ndr_date_from_ymd(y, m, d);
    return 0;
}

void ndr_date_format(ndr_date date, char out[11])
{
    int y, m, d;
    ndr_date_to_ymd(date, &y, &m, &d);
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int ndr_month_of(ndr_date date)
{
    int y, m, d;
    ndr_date_to_ymd(date, &y, &m, &d);
    return y * 12 + m - 1;
}

ndr_date ndr_month_end(int month_index)
{
    int y = month_index / 12, m = month_index % 12 + 1;
    return ndr_date_from_ymd(y, m, ndr_days_in_month(y, m));
}

ndr_date ndr_date_month_end(ndr_date date)
{
    return ndr_month_end(ndr_month_of(date));
}

ndr_date ndr_date_prior(ndr_date date, int months)
{
    int y, m, d;
    ndr_date_to_ymd(date, &y, &m, &d);
    int mi = y * 12 + m - 1 - months;
    if (d == ndr_days_in_month(y, m))
        return ndr_month_end(mi);
    int py = mi / 12, pm = mi % 12 + 1, dim = ndr_days_in_month(py, pm);
    return ndr_date_from_ymd(py, pm, d < dim ? d : dim);
}

int ndr_month_parse(const char *s, int *month_index)
{
    size_t n = 0;
    while (s[n])
        n++;
    if (n != 7 || s[4] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2);
    if (y < 1 || m < 1 || m > 12)
        return -1;
    *month_index = y * 12 + m - 1;
    return 0;
}

/* "+HH:MM", "+HHMM", "+HH" (or '-'), "Z" or " UTC" at s[0..n): the zone's
 * offset east of UTC in seconds; -1 when it is none of these. */
static int zone_offset(const char *s, size_t n, int64_t *off)
{
    if (n == 0 || (n == 1 && (s[0] == 'Z' || s[0] == 'z')) ||
        (n == 4 && s[0] == ' ' && (s[1] | 32) == 'u' && (s[2] | 32) == 't' &&
         (s[3] | 32) == 'c')) {
        *off = 0;
        return 0;
    }
    if ((s[0] != '+' && s[0] != '-') || (n != 3 && n != 5 && n != 6))
        return -1;
    int h = digits(s + 1, 2), m = 0;
    if (n == 6 && s[3] != ':')
        return -1;
    if (n > 3)
        m = digits(s + n - 2, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return -1;
    *off = (s[0] == '-' ? -1 : 1) * ((int64_t)h * 3600 + m * 60);
    return 0;
}

int ndr_timestamp_parse(const char *s, size_t len, int64_t *sec)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == len && len >= 9 && len <= 11) { /* Unix seconds */
        int64_t v = 0;
        for (i = 0; i < len; i++)
            v = v * 10 + (s[i] - '0');
        *sec = v;
        return 0;
    }
    ndr_date day;
    if (len < 10 || ndr_date_parse(s, 10, &day))
        return -1;
    int64_t t = (int64_t)day * 86400;
    i = 10;
    if (i < len && (s[i] == 'T' || s[i] == 't' || s[i] == ' ') && i + 6 <= len &&
        s[i + 3] == ':') {
        int h = digits(s + i + 1, 2), m = digits(s + i + 4, 2), sc = 0;
        i += 6;
        if (i + 3 <= len && s[i] == ':') {
            sc = digits(s + i + 1, 2);
            i += 3;
            if (i < len && (s[i] == '.' || s[i] == ',')) /* a fraction: ignored */
                for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
                    ;
        }
        if (h < 0 || h > 23 || m < 0 || m > 59 || sc < 0 || sc > 60)
            return -1;
        t += (int64_t)h * 3600 + m * 60 + sc;
    }
    int64_t off;
    if (zone_offset(s + i, len - i, &off))
        return -1;
    *sec = t - off;
    return 0;
}

ndr_date ndr_day_of_seconds(int64_t sec)
{
    return (ndr_date)(sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400));
}
