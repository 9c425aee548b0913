/* sha256.h - SHA-256 (FIPS 180-4), internal to the library.
 *
 * Used for the provenance fingerprint of the input files, so that a figure
 * can be tied to the exact bytes it was computed from and reproduced later.
 * Written here because the project takes no crypto dependency. Not part of
 * the public API (include/ndr.h). */
#ifndef NDR_SHA256_H
#define NDR_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct ndr_sha256 {
    uint32_t h[8];          /* chaining state */
    uint64_t len;           /* bytes hashed so far */
    unsigned char buf[64];  /* partial block */
    size_t nbuf;            /* bytes in buf, 0..63 */
} ndr_sha256;

void ndr_sha256_init(ndr_sha256 *s);

/* Hashes len more bytes of data (data may be NULL when len is 0). */
void ndr_sha256_update(ndr_sha256 *s, const void *data, size_t len);

/* Writes the 32-byte digest. s must be re-initialised before reuse. */
void ndr_sha256_final(ndr_sha256 *s, unsigned char digest[32]);

/* final + lowercase hex, 64 chars + NUL */
void ndr_sha256_hex(ndr_sha256 *s, char out[65]);

#endif
