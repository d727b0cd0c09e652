/* nearest.c - edit distances for "did you mean" (nearest.h). */
#include <stdlib.h>
#include <string.h>
#include "samm/nearest.h"

static int nearest_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int samm_edit_distance(const char *a, const char *b)
{
	int row[SAMM_NEAREST_MAX + 1];
	size_t na = strlen(a), nb = strlen(b);

	na = na > SAMM_NEAREST_MAX ? SAMM_NEAREST_MAX : na;
	nb = nb > SAMM_NEAREST_MAX ? SAMM_NEAREST_MAX : nb;
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int cost = nearest_fold((unsigned char)a[i - 1]) !=
				   nearest_fold((unsigned char)b[j - 1]);
			int best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

int samm_nearest_order(const char *s, const char *const *names, size_t n, size_t *order)
{
	int *d = n ? malloc(n * sizeof *d) : NULL;

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (n && !d)
		return -1;
	for (size_t i = 0; i < n; i++)
		d[i] = samm_edit_distance(s, names[i]);
	/* insertion sort: stable, and the lists are short */
	for (size_t i = 1; i < n; i++) {
		size_t k = order[i], j = i;
		for (; j > 0 && d[order[j - 1]] > d[k]; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	free(d);
	return 0;
}
