/* sha256_int.h - the choice between the two SHA-256 paths, for the tests.
 * Not part of the public API. */
#ifndef SAMM_SHA256_INT_H
#define SAMM_SHA256_INT_H

/* on: hash with the portable code only; off (the default): use the CPU's
 * SHA extensions where it has them.  Returns 1 when the extensions are in
 * use afterwards.  Not thread-safe: for tests. */
int samm_sha256_set_portable(int on);

#endif
