/* status.h - the library's messages: ndr_say writes one into a caller's
 * buffer (ndr_strerror, the status descriptions, is public: ndr.h). */
#ifndef NDR_STATUS_H
#define NDR_STATUS_H

#include <stddef.h>

/* snprintf into a caller's message buffer (size may be 0). */
void ndr_say(char *msg, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
