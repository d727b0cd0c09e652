/* analysis.c - what the analyses share: directions, notes, and figures
 * across models.  The analyses themselves: diff.c, stagnant.c, trend.c,
 * history.c and check.c.
 *
 * Speed matters more there than elsewhere: stagnation and trends read many
 * periods.  So periods other than the ones whose notes we need are read
 * with the store's light reader (samm_store_values: item and value only,
 * straight into an int array aligned with the period's model), models
 * come from the store's cache, and stagnation reads periods newest first
 * and stops as soon as every candidate item's run has ended. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "analysis_int.h"
#include "vec.h"

char *note_dup(const char *s, int *oom)
{
	if (!s || !*s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = 1;
	return d;
}

int note_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* ---- Directions -------------------------------------------------------------- */

const char *samm_dir_name(enum samm_dir d)
{
	static const char *const names[] = {
		[SAMM_DIR_SAME] = "same", [SAMM_DIR_UP] = "up", [SAMM_DIR_DOWN] = "down",
		[SAMM_DIR_CHANGED] = "changed", [SAMM_DIR_ADDED] = "added",
		[SAMM_DIR_REMOVED] = "removed",
	};
	return (unsigned)d < sizeof names / sizeof names[0] ? names[d] : "?";
}

enum samm_dir samm_value_dir(int old_value, int new_value)
{
	if (old_value == new_value)
		return SAMM_DIR_SAME;
	double a = samm_value_worth(old_value), b = samm_value_worth(new_value);
	if (b > a)
		return SAMM_DIR_UP;
	if (b < a)
		return SAMM_DIR_DOWN;
	return SAMM_DIR_CHANGED;
}

enum samm_dir fig_dir(double old_score, int old_na, double new_score, int new_na)
{
	double d = new_score - old_score;
	if (d > SCORE_EPS)
		return SAMM_DIR_UP;
	if (d < -SCORE_EPS)
		return SAMM_DIR_DOWN;
	return old_na != new_na ? SAMM_DIR_CHANGED : SAMM_DIR_SAME;
}

/* ---- Figures across models ---------------------------------------------------------- */

/* Index of the node (level, id) in m, or -1.  Items use the model's hash
 * index; the other levels are a few dozen nodes, so a scan is fine. */
int fig_find(const struct samm_model *m, enum samm_level level, const char *id)
{
	int n = 0;
	switch (level) {
	case SAMM_L_OVERALL: return 0;
	case SAMM_L_ITEM: return samm_model_find_item(m, id);
	case SAMM_L_FUNCTION: n = m->n_functions; break;
	case SAMM_L_PRACTICE: n = m->n_practices; break;
	case SAMM_L_STREAM: n = m->n_streams; break;
	case SAMM_L_ACTIVITY: n = m->n_activities; break;
	}
	for (int i = 0; i < n; i++) {
		struct samm_ref r = { level, i };
		if (!strcmp(samm_model_ref_id(m, r), id))
			return i;
	}
	return -1;
}

static int refvec_add(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct refvec *rv = ud;
	(void)m;
	if (samm_grow((void **)&rv->v, &rv->cap, rv->n + 1, sizeof *rv->v)) {
		rv->oom = 1;
		return 1;
	}
	rv->v[rv->n++] = ref;
	return 0;
}

enum samm_status walk_refs(const struct samm_model *m, enum samm_level deepest,
				  struct refvec *rv, struct samm_error *err)
{
	memset(rv, 0, sizeof *rv);
	samm_model_walk(m, deepest, refvec_add, rv);
	if (rv->oom) {
		free(rv->v);
		rv->v = NULL;
		return samm_nomem(err);
	}
	return SAMM_OK;
}

