/* hash.h - a keyed hash of byte strings (SipHash-1-3) and the keys for it.
 *
 * The id tables (idmap.h) and the identity hashes of vendor rows
 * (timeline.h) hash bytes that whoever wrote the input chose. With an
 * unkeyed hash anyone can compute ids that share one hash, and interning
 * n of them costs n^2 (issue #16), or rows that pass for each other's
 * repeats. Under a secret key drawn per table or data set nobody can, and
 * SipHash is a pseudorandom function, so not even differences between ids
 * carry through to their hashes whatever the key (as they do through
 * seeded multiply-xorshift hashes). Nothing a user sees may depend on
 * these hashes: they differ from run to run.
 *
 * The shards' hash (ndr_shard_of, FNV-1a) and the partials' checksum
 * (checksum.h) are contracts between processes and stay unkeyed. */
#ifndef NDR_HASH_H
#define NDR_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct ndr_hash_key {
    uint64_t k0, k1; /* SipHash's key: its 16 bytes read as two little-endian words */
} ndr_hash_key;

/* Draws a fresh key from getrandom(); where that fails (no such call, or
 * the kernel's pool not ready), takes ndr_hash_key_weak's. Never fails. */
void ndr_hash_key_new(ndr_hash_key *key);

/* A key from the clocks, the process id and the addresses of key and of
 * the stack (which ASLR varies): not secret from a local user, but not
 * computable from the input. */
void ndr_hash_key_weak(ndr_hash_key *key);

/* SipHash-1-3 of len bytes under key: the same bytes hash the same on
 * every platform. */
uint64_t ndr_hash(const ndr_hash_key *key, const void *p, size_t len);

#endif
