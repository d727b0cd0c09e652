/* trend.c - scores of every period of a scope, overall, by function or
 * by practice. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/value.h"
#include "analysis_int.h"
#include "vec.h"

/* ---- Trend ---------------------------------------------------------------------------------- */

void samm_trend_free(struct samm_trend *t)
{
	if (!t)
		return;
	for (size_t r = 0; r < t->n_rows; r++) {
		free(t->rows[r].score);
		free(t->rows[r].present);
		free(t->rows[r].na);
	}
	free(t->rows);
	free(t->periods);
	free(t);
}

/* A distinct model among the periods, and where each trend row sits in it. */
struct tmodel {
	const struct samm_model *m;
	int *map;               /* [n_rows at the end]: index in m, or -1 */
};

static enum samm_status trend_add_rows(struct samm_trend *t, size_t *cap,
				       const struct samm_model *m, enum samm_level deepest,
				       struct samm_error *err)
{
	struct refvec rv;
	enum samm_status rc = walk_refs(m, deepest, &rv, err);
	if (rc)
		return rc;
	for (size_t k = 0; k < rv.n; k++) {
		const char *id = samm_model_ref_id(m, rv.v[k]);
		size_t r;
		for (r = 0; r < t->n_rows; r++)
			if (t->rows[r].level == rv.v[k].level && !strcmp(t->rows[r].id, id))
				break;
		if (r < t->n_rows)
			continue;
		if (samm_grow((void **)&t->rows, cap, t->n_rows + 1, sizeof *t->rows)) {
			free(rv.v);
			return samm_nomem(err);
		}
		struct samm_trend_row *row = &t->rows[t->n_rows++];
		size_t np = t->n_periods + 1;
		memset(row, 0, sizeof *row);
		row->level = rv.v[k].level;
		row->id = id;
		row->name = samm_model_ref_name(m, rv.v[k]);
		row->score = calloc(np, sizeof *row->score);
		row->present = calloc(np, 1);
		row->na = calloc(np, 1);
		if (!row->score || !row->present || !row->na) {
			free(rv.v);
			return samm_nomem(err);
		}
	}
	free(rv.v);
	return SAMM_OK;
}

/* The distinct models among the periods (*tm, newest period first, so
 * that rows follow the latest model and older models only add what it
 * lacks), the trend's rows, and where each row sits in each model. */
static enum samm_status trend_models(struct samm_store *st, struct samm_trend *t,
				     enum samm_level deepest, struct tmodel **out, size_t *n_out,
				     struct samm_error *err)
{
	struct tmodel *tm;
	size_t n_tm = 0, cap = 0;
	enum samm_status rc;

	if (!(tm = calloc(t->n_periods, sizeof *tm)))
		return samm_nomem(err);
	*out = tm;
	for (size_t p = t->n_periods; p-- > 0;) {
		const struct samm_model *m;
		size_t k;
		if ((rc = samm_store_model_get(st, t->periods[p].model_id, &m, err)))
			return rc;
		for (k = 0; k < n_tm && tm[k].m != m; k++)
			;
		if (k < n_tm)
			continue;
		tm[n_tm].m = m;
		*n_out = ++n_tm;
		if ((rc = trend_add_rows(t, &cap, m, deepest, err)))
			return rc;
	}
	for (size_t k = 0; k < n_tm; k++) {
		if (!(tm[k].map = malloc((t->n_rows + 1) * sizeof *tm[k].map)))
			return samm_nomem(err);
		for (size_t r = 0; r < t->n_rows; r++)
			tm[k].map[r] = fig_find(tm[k].m, t->rows[r].level, t->rows[r].id);
	}
	return SAMM_OK;
}

static enum samm_status an_trend_compute(struct samm_store *st, int64_t scope_id,
				    enum samm_level deepest, size_t from, size_t to,
				    struct samm_trend **out, struct samm_error *err)
{
	struct samm_trend *t;
	struct tmodel *tm = NULL;
	size_t n_tm = 0;
	int *vals = NULL;
	size_t vcap = 0;
	enum samm_status rc;

	*out = NULL;
	if (deepest != SAMM_L_OVERALL && deepest != SAMM_L_FUNCTION &&
	    deepest != SAMM_L_PRACTICE)
		return samm_error_set(err, SAMM_USAGE,
				      "a trend goes down to overall, function or practice");
	if (!(t = calloc(1, sizeof *t)))
		return samm_nomem(err);
	if ((rc = samm_store_period_list(st, scope_id, &t->periods, &t->n_periods, err)))
		goto done;
	if (!t->n_periods)
		goto done;
	if ((rc = trend_models(st, t, deepest, &tm, &n_tm, err)))
		goto done;
	if (to > t->n_periods)
		to = t->n_periods;
	for (size_t p = from; p < to; p++) {
		const struct samm_model *m;
		struct samm_scorecard sc;
		size_t k;
		if ((rc = samm_store_model_get(st, t->periods[p].model_id, &m, err)))
			goto done;
		for (k = 0; k < n_tm && tm[k].m != m; k++)
			;
		if ((size_t)m->n_items + 1 > vcap) {
			free(vals);
			vcap = (size_t)m->n_items + 1;
			if (!(vals = malloc(vcap * sizeof *vals))) {
				rc = samm_nomem(err);
				goto done;
			}
		}
		if ((rc = samm_store_values(st, t->periods[p].id, m, vals, err)))
			goto done;
		if ((rc = samm_scope_scorecard(st, scope_id, m, vals, &sc, err))) {
			samm_scorecard_free(&sc);
			goto done;
		}
		t->partial |= sc.partial;
		for (size_t r = 0; r < t->n_rows; r++) {
			int j = tm[k].map[r];
			if (j < 0)
				continue;
			struct samm_ref ref = { t->rows[r].level, j };
			const struct samm_fig *f = samm_scorecard_get(&sc, ref);
			t->rows[r].score[p] = f->score;
			t->rows[r].present[p] = 1;
			t->rows[r].na[p] = (unsigned char)f->na;
			t->rows[r].mark = samm_scorecard_mark(m, &sc, ref);
		}
		samm_scorecard_free(&sc);
	}
done:
	for (size_t k = 0; k < n_tm; k++)
		free(tm[k].map);
	free(tm);
	free(vals);
	if (rc) {
		samm_trend_free(t);
		return rc;
	}
	*out = t;
	return SAMM_OK;
}

enum samm_status samm_trend_compute(struct samm_store *st, int64_t scope_id,
				    enum samm_level deepest, struct samm_trend **out,
				    struct samm_error *err)
{
	return samm_trend_compute_range(st, scope_id, deepest, 0, SIZE_MAX, out, err);
}

enum samm_status samm_trend_compute_range(struct samm_store *st, int64_t scope_id,
					  enum samm_level deepest, size_t from, size_t to,
					  struct samm_trend **out, struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = an_trend_compute(st, scope_id, deepest, from, to, out, err);
	samm_store_snap_end(st, began);
	return rc;
}

