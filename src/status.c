/* status.c - descriptions of ndr_status codes. */
#include "ndr.h"
#include "status.h"

#include <stdarg.h>
#include <stdio.h>

const char *ndr_strerror(ndr_status status)
{
    switch (status) {
    case NDR_OK: return "success";
    case NDR_ERR_NOMEM: return "out of memory";
    case NDR_ERR_IO: return "input/output error";
    case NDR_ERR_HEADER: return "bad or missing header";
    case NDR_ERR_ENCODING: return "unsupported text encoding";
    case NDR_ERR_BAD_ROW: return "bad input row";
    case NDR_ERR_OVERFLOW: return "money amount out of range";
    case NDR_ERR_ARG: return "invalid argument";
    case NDR_ERR_NO_DATA: return "no data rows";
    case NDR_ERR_NO_PERIOD: return "no period to report";
    case NDR_ERR_DATA: return "inconsistent input data";
    case NDR_ERR_CURRENCY: return "currency cannot be converted";
    }
    return "unknown status";
}

void ndr_say(char *msg, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
}
