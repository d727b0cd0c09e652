/* analysis_int.h - what the analyses share (diff.c, stagnant.c, trend.c,
 * history.c, check.c; helpers in analysis.c).  Not part of the public API. */
#ifndef SAMM_ANALYSIS_INT_H
#define SAMM_ANALYSIS_INT_H

#include <stddef.h>
#include "samm/analysis.h"
#include "store_int.h"

/* Scores are sums and means of quarters; anything closer than this is
 * the same score written two ways. */
#define SCORE_EPS 1e-9

/* NULL for NULL or "" (the store treats both as "no note"); *oom set when
 * the copy fails. */
char *note_dup(const char *s, int *oom);
int note_eq(const char *a, const char *b);
/* The direction of a figure from its old to its new score. */
enum samm_dir fig_dir(double old_score, int old_na, double new_score, int new_na);

/* Index of the node (level, id) in m, or -1. */
int fig_find(const struct samm_model *m, enum samm_level level, const char *id);

/* The refs of a model's walk down to `deepest`, collected into an array. */
struct refvec {
	struct samm_ref *v;
	size_t n, cap;
	int oom;
};
/* rv->v is malloc'd: the caller frees it. */
enum samm_status walk_refs(const struct samm_model *m, enum samm_level deepest,
			   struct refvec *rv, struct samm_error *err);

#endif
