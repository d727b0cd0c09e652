/* roadmap.c - the scope's model, the practices a scope leaves out, and the
 * projected figures of every phase (roadmap.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"

enum samm_status samm_scope_model(struct samm_store *st, int64_t scope_id,
				  const struct samm_model **out, struct samm_error *err)
{
	struct samm_period latest;
	struct samm_model_info mi;
	enum samm_status rc;

	*out = NULL;
	if ((rc = samm_store_period_latest(st, scope_id, &latest, err)))
		return rc;
	if (latest.id)
		return samm_store_model_get(st, latest.model_id, out, err);
	if ((rc = samm_store_model_find(st, NULL, &mi, err)))
		return rc;
	return samm_store_model_get(st, mi.id, out, err);
}

/* ---- Proposing the next period ------------------------------------------------------- */

enum samm_status samm_period_propose(struct samm_store *st, int64_t scope_id, char *name,
				     size_t name_size, char *date, size_t date_size,
				     struct samm_error *err)
{
	struct samm_period latest, other;
	struct samm_error e2;
	char today[16];
	int y, q;
	enum samm_status rc = samm_store_period_latest(st, scope_id, &latest, err);

	if (rc)
		return rc;
	samm_today(today, sizeof today);
	if (!latest.id || sscanf(latest.date, "%4d-%2d", &y, &q) != 2) {
		/* no period: the quarter of today, which it is started in */
		if (sscanf(today, "%4d-%2d", &y, &q) != 2)
			return samm_error_set(err, SAMM_USAGE, "no date today");
		q = (q - 1) / 3 + 1;
		snprintf(name, name_size, "%04d-Q%d", y, q);
		snprintf(date, date_size, "%s", today);
		return SAMM_OK;
	}
	q = (q - 1) / 3 + 1;            /* the latest period's quarter */
	for (int tries = 0; tries < 400; tries++) {
		if (++q > 4) {
			q = 1;
			y++;
		}
		snprintf(name, name_size, "%04d-Q%d", y, q);
		rc = samm_store_period_find(st, scope_id, name, &other, &e2);
		if (rc == SAMM_NOTFOUND)
			break;
		if (rc)
			return samm_error_set(err, rc, "%s", e2.msg);
	}
	snprintf(date, date_size, "%04d-%02d-01", y, (q - 1) * 3 + 1);
	if (strcmp(today, date) > 0)
		snprintf(date, date_size, "%s", today);
	return SAMM_OK;
}

/* ---- Practices a scope leaves out ------------------------------------------------------ */

enum samm_status samm_scope_excluded(struct samm_store *st, int64_t scope_id,
				     const struct samm_model *m, unsigned char *excluded,
				     int *n_excluded, struct samm_error *err)
{
	char **codes;
	size_t n;
	int k = 0;
	enum samm_status rc = samm_store_scope_excluded_codes(st, scope_id, &codes, &n, err);

	memset(excluded, 0, (size_t)m->n_practices);
	if (n_excluded)
		*n_excluded = 0;
	if (rc)
		return rc;
	for (int p = 0; p < m->n_practices; p++)
		for (size_t i = 0; i < n; i++)
			if (!strcmp(m->practices[p].code, codes[i])) {
				excluded[p] = 1;
				k++;
				break;
			}
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	if (n_excluded)
		*n_excluded = k;
	return SAMM_OK;
}

enum samm_status samm_scope_scorecard(struct samm_store *st, int64_t scope_id,
				      const struct samm_model *m, const int *values,
				      struct samm_scorecard *sc, struct samm_error *err)
{
	unsigned char *ex = malloc((size_t)m->n_practices + 1);
	int n_ex = 0;
	enum samm_status rc;

	memset(sc, 0, sizeof *sc);
	if (!ex)
		return samm_nomem(err);
	if (!(rc = samm_scope_excluded(st, scope_id, m, ex, &n_ex, err)) &&
	    samm_scorecard_compute_partial(m, values, n_ex ? ex : NULL, sc))
		rc = samm_nomem(err);
	free(ex);
	return rc;
}

/* mark[p] := 1 for the practices under one id (a practice or a function). */
static enum samm_status exclude_ref(const struct samm_model *m, const char *id,
				    unsigned char *mark, struct samm_error *err)
{
	struct samm_ref ref;
	enum samm_status rc = samm_model_resolve(m, id, &ref, err);
	if (rc)
		return rc;
	if (ref.level == SAMM_L_PRACTICE) {
		mark[ref.index] = 1;
	} else if (ref.level == SAMM_L_FUNCTION) {
		const struct samm_function *fu = &m->functions[ref.index];
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++)
			mark[p] = 1;
	} else {
		return samm_error_set(err, SAMM_USAGE, "'%s' is not a function or a practice: a"
				      " scope leaves out whole practices", id);
	}
	return SAMM_OK;
}

static enum samm_status exclude_log(struct samm_store *st, const struct logctx *lc,
				    const struct samm_model *m, int p, int include,
				    struct samm_error *err)
{
	char note[200];
	snprintf(note, sizeof note, "%s %s", include ? "included" : "excluded",
		 m->practices[p].code);
	return log_put(st, lc, "", "scope:", lc->scope, SAMM_UNSET, SAMM_UNSET, NULL, note, err);
}

enum samm_status samm_scope_exclude(struct samm_store *st, int64_t scope_id,
				    const char *const *ids, size_t n, int include,
				    const char *user, int *n_changed, struct samm_error *err)
{
	const struct samm_model *m;
	unsigned char *mark = NULL, *now = NULL;
	struct logctx lc;
	enum samm_status rc;
	int count = 0, left = 0, changed;

	if (n_changed)
		*n_changed = 0;
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = pj_scope_name(st, scope_id, &lc, err)) ||
	    (rc = samm_scope_model(st, scope_id, &m, err)))
		goto out;
	mark = calloc((size_t)m->n_practices + 1, 1);
	now = calloc((size_t)m->n_practices + 1, 1);
	if (!mark || !now) {
		rc = samm_nomem(err);
		goto out;
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = exclude_ref(m, ids[i], mark, err);
	if (rc || (rc = samm_scope_excluded(st, scope_id, m, now, NULL, err)))
		goto out;
	for (int p = 0; !rc && p < m->n_practices; p++) {
		if (!mark[p])
			continue;
		rc = samm_store_scope_exclude_put(st, scope_id, m->practices[p].code, !include,
						  &changed, err);
		if (!rc && changed && !(rc = exclude_log(st, &lc, m, p, include, err)))
			count++;
		now[p] = !include;
	}
	for (int p = 0; p < m->n_practices; p++)
		left += !now[p];
	if (!rc && !left && m->n_practices)
		rc = samm_error_set(err, SAMM_USAGE, "a scope cannot leave out every practice");
out:
	free(mark);
	free(now);
	if (rc || !count) {
		samm_store_rollback(st);
		return rc;
	}
	if ((rc = samm_store_commit(st, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

/* ---- The roadmap ---------------------------------------------------------------------- */

void samm_roadmap_free(struct samm_roadmap *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_phases; i++) {
		struct samm_roadmap_phase *ph = &r->phases[i];
		free(ph->targets);
		free(ph->stream);
		free(ph->practice);
		free(ph->function);
	}
	free(r->phases);
	free(r->excluded);
	free(r->fn_excluded);
	samm_scorecard_free(&r->now);
	free(r);
}

/* One phase's projected figures from its targets and the current scores:
 * a targeted activity counts its target's worth (0 when N/A now), any
 * other its score, as samm_targetcard_compute does. */
static void roadmap_project(const struct samm_roadmap *r, struct samm_roadmap_phase *ph)
{
	const struct samm_model *m = r->model;
	for (int s = 0; s < m->n_streams; s++) {
		const struct samm_stream *sm = &m->streams[s];
		double sum = 0;
		for (int a = sm->first_activity; a < sm->first_activity + sm->n_activities; a++) {
			const struct samm_fig *f = &r->now.activity[a];
			int t = ph->targets[a];
			sum += t == SAMM_UNSET ? f->score : f->na ? 0 : samm_value_worth(t);
		}
		ph->stream[s] = sum;
	}
	for (int p = 0; p < m->n_practices; p++) {
		const struct samm_practice *pr = &m->practices[p];
		double sum = 0;
		for (int s = pr->first_stream; s < pr->first_stream + pr->n_streams; s++)
			sum += ph->stream[s];
		ph->practice[p] = pr->n_streams > 0 ? sum / pr->n_streams : 0;
	}
	samm_rollup_partial(m, ph->practice, r->n_excluded ? r->excluded : NULL, ph->function,
			    NULL, &ph->overall);
	for (int a = 0; a < m->n_activities; a++)
		ph->n_targets += ph->targets[a] != SAMM_UNSET;
}

static enum samm_status roadmap_phases(struct samm_store *st, int64_t scope_id,
				       struct samm_roadmap *r, struct samm_error *err)
{
	const struct samm_model *m = r->model;
	struct samm_phase *v;
	size_t n;
	enum samm_status rc = samm_phase_list(st, scope_id, &v, &n, err);
	if (rc)
		return rc;
	if (n && !(r->phases = calloc(n, sizeof *r->phases))) {
		samm_phase_list_free(v, n);
		return samm_nomem(err);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		struct samm_roadmap_phase *ph = &r->phases[i];
		r->n_phases++;
		ph->phase = v[i];
		ph->targets = malloc(((size_t)m->n_activities + 1) * sizeof *ph->targets);
		ph->stream = calloc((size_t)m->n_streams + 1, sizeof *ph->stream);
		ph->practice = calloc((size_t)m->n_practices + 1, sizeof *ph->practice);
		ph->function = calloc((size_t)m->n_functions + 1, sizeof *ph->function);
		if (!ph->targets || !ph->stream || !ph->practice || !ph->function)
			rc = samm_nomem(err);
		else if (!(rc = samm_store_phase_fold(st, &v[i], 1, m, ph->targets, NULL, err)))
			roadmap_project(r, ph);
	}
	samm_phase_list_free(v, n);
	return rc;
}

static enum samm_status roadmap_fill(struct samm_store *st, int64_t scope_id,
				     struct samm_roadmap *r, struct samm_error *err)
{
	enum samm_status rc;
	int *values = NULL;

	if ((rc = samm_store_period_latest(st, scope_id, &r->latest, err)) ||
	    (rc = samm_scope_model(st, scope_id, &r->model, err)))
		return rc;
	const struct samm_model *m = r->model;
	r->excluded = calloc((size_t)m->n_practices + 1, 1);
	r->fn_excluded = calloc((size_t)m->n_functions + 1, 1);
	values = malloc(((size_t)m->n_items + 1) * sizeof *values);
	if (!r->excluded || !r->fn_excluded || !values) {
		free(values);
		return samm_nomem(err);
	}
	for (int i = 0; i < m->n_items; i++)
		values[i] = SAMM_UNSET;
	if ((r->latest.id && (rc = samm_store_values(st, r->latest.id, m, values, err))) ||
	    (rc = samm_scope_excluded(st, scope_id, m, r->excluded, &r->n_excluded, err))) {
		free(values);
		return rc;
	}
	rc = samm_scorecard_compute_partial(m, values, r->n_excluded ? r->excluded : NULL,
					    &r->now) ? samm_nomem(err) : SAMM_OK;
	free(values);
	for (int fn = 0; !rc && fn < m->n_functions; fn++)
		r->fn_excluded[fn] = r->now.function[fn].excluded;
	return rc ? rc : roadmap_phases(st, scope_id, r, err);
}

enum samm_status samm_roadmap_compute(struct samm_store *st, int64_t scope_id,
				      struct samm_roadmap **out, struct samm_error *err)
{
	struct samm_roadmap *r = calloc(1, sizeof *r);
	enum samm_status rc;
	*out = NULL;
	if (!r)
		return samm_nomem(err);
	int began = samm_store_snap_begin(st);
	rc = roadmap_fill(st, scope_id, r, err);
	samm_store_snap_end(st, began);
	if (rc) {
		samm_roadmap_free(r);
		return rc;
	}
	*out = r;
	return SAMM_OK;
}
