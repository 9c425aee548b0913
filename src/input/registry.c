/* registry.c - the input formats, in the order they are documented and
 * tried: every list of formats a user sees comes from here. */
#include "input.h"

#include "baremetrics.h"
#include "chartmogul_invoices.h"
#include "chartmogul_lines.h"
#include "chartmogul_movements.h"
#include "events.h"
#include "stripe_invoices.h"
#include "stripe_lines.h"
#include "stripe_subscriptions.h"

#include <string.h>

static const ndr_input_def *const registry[] = {
    &ndr_input_events,           &ndr_input_stripe_subscriptions, &ndr_input_stripe_lines,
    &ndr_input_stripe_invoices,  &ndr_input_chartmogul_lines,     &ndr_input_chartmogul_invoices,
    &ndr_input_chartmogul_movements, &ndr_input_baremetrics,
};
#define NFORMATS (sizeof registry / sizeof registry[0])

const ndr_input_def *ndr_input_def_at(size_t i)
{
    return i < NFORMATS ? registry[i] : NULL;
}

const ndr_input_def *ndr_input_def_of(ndr_input_format id)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (registry[i]->id == id)
            return registry[i];
    return NULL;
}

const char *ndr_input_format_name(ndr_input_format f)
{
    const ndr_input_def *d = ndr_input_def_of(f);
    return f == NDR_IN_AUTO ? "auto" : d ? d->name : "?";
}

const char *ndr_input_format_summary(ndr_input_format f)
{
    const ndr_input_def *d = ndr_input_def_of(f);
    return f == NDR_IN_AUTO ? "recognise each file by its header" : d ? d->what : "";
}

ndr_input_format ndr_input_format_at(size_t i)
{
    return i < NFORMATS ? registry[i]->id : NDR_IN_AUTO;
}

int ndr_input_format_parse(const char *name, ndr_input_format *out)
{
    if (strcmp(name, "auto") == 0) {
        *out = NDR_IN_AUTO;
        return 0;
    }
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcmp(name, registry[i]->name) == 0) {
            *out = registry[i]->id;
            return 0;
        }
    return -1;
}
