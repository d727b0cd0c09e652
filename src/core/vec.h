/* vec.h - the one way the core grows an array.  Not part of the public API.
 *
 *	if (samm_grow((void **)&v, &cap, n + 1, sizeof *v))
 *		return nomem();
 *	v[n++] = x;
 *
 * The capacity doubles (from 16 elements at least) until `need` fits, so
 * appending n elements one at a time costs O(n) copying in all. */
#ifndef SAMM_VEC_H
#define SAMM_VEC_H

#include <stdint.h>
#include <stdlib.h>

/* Make room for `need` elements of `size` bytes in *p, whose capacity is
 * *cap elements.  Returns 0 (with *p and *cap updated when it grew), or -1
 * when out of memory or the size would overflow; *p is then unchanged and
 * still the caller's to free. */
static inline int samm_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (size && ncap > SIZE_MAX / size)
		return -1;
	if (!(np = realloc(*p, ncap * size)))
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

#endif
