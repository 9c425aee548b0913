/* provenance.h - the JSON form of the provenance (the text form is
 * public: ndr_provenance_write in ndr.h). */
#ifndef NDR_PROVENANCE_H
#define NDR_PROVENANCE_H

#include "ndr.h"

/* The "provenance" member (last, no comma): command and every input's
 * role, bytes and SHA-256. */
void ndr_json_provenance(FILE *out, const ndr_report_options *opt, const ndr_source *src,
                         size_t n);

#endif
