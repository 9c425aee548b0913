/* checksum.h - a fast 64-bit checksum of a byte stream, internal.
 *
 * --shard runs read every input N times, once per shard, and ndr merge must
 * refuse partials computed from different bytes. SHA-256 would cost each
 * shard as much as a third of a run (0.5 s on the 245 MB bench file); this
 * checksum costs one multiply per 8 bytes. It detects accidental
 * differences (another export, a truncated copy), not deliberate ones:
 * --provenance adds the SHA-256 for that. Not part of the public API. */
#ifndef NDR_CHECKSUM_H
#define NDR_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

typedef struct ndr_checksum {
    uint64_t h, len;
    unsigned char tail[8];
    size_t ntail;
} ndr_checksum;

void ndr_checksum_init(ndr_checksum *c);
/* Any chunking of the same bytes gives the same result. */
void ndr_checksum_update(ndr_checksum *c, const void *data, size_t len);
/* 16 lowercase hex digits + NUL. */
void ndr_checksum_hex(const ndr_checksum *c, char out[17]);

#endif
