/* nearest.h - "did you mean": how far apart two names are, and names
 * ordered by how near they are to what a user typed. */
#ifndef SAMM_NEAREST_H
#define SAMM_NEAREST_H

#include <stddef.h>

/* Levenshtein distance between a and b, bytes compared with ASCII case
 * folded ("2027Q2" and "2027-q2" are 1 apart).  Strings longer than
 * SAMM_NEAREST_MAX bytes count as that long (the rest is ignored). */
#define SAMM_NEAREST_MAX 128
int samm_edit_distance(const char *a, const char *b);

/* order[0..n) = 0..n-1 sorted by the distance of names[i] to s, nearest
 * first, ties in the names' order.  0, or -1 when out of memory (order
 * then holds 0..n-1). */
int samm_nearest_order(const char *s, const char *const *names, size_t n, size_t *order);

#endif
