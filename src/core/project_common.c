/* project_common.c - what the project modules share: the change-log rows
 * they write, and the values of the few periods one call reads (with their
 * scorecards and targets). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"
#include "vec.h"

/* ---- The change log --------------------------------------------------------------------- */

enum samm_status log_put(struct samm_store *st, const struct logctx *lc,
				const char *period, const char *prefix, const char *name,
				int old_value, int new_value, const char *old_note,
				const char *new_note, struct samm_error *err)
{
	size_t n = strlen(prefix) + strlen(name) + 1;
	char *item = malloc(n);
	if (!item)
		return samm_nomem(err);
	snprintf(item, n, "%s%s", prefix, name);
	struct samm_log_put e = { lc->now, lc->user, lc->scope, period, item, old_value,
				  new_value, old_note, new_note };
	enum samm_status rc = samm_store_log_put(st, &e, err);
	free(item);
	return rc;
}

enum samm_status log_project(struct samm_store *st, const struct logctx *lc,
				    const char *project, const char *old_note,
				    const char *new_note, struct samm_error *err)
{
	return log_put(st, lc, "", "project:", project, SAMM_UNSET, SAMM_UNSET, old_note, new_note,
		       err);
}

enum samm_status pj_scope_name(struct samm_store *st, int64_t scope_id, struct logctx *lc,
			       struct samm_error *err)
{
	struct samm_scope sc;
	enum samm_status rc = samm_store_scope_get(st, scope_id, &sc, err);
	if (!rc)
		samm_utf8_copy(lc->scope, sizeof lc->scope, sc.name);
	return rc;
}

void logctx_init(struct logctx *lc, const char *user)
{
	memset(lc, 0, sizeof *lc);
	lc->user = user && *user ? user : samm_user(NULL);
	samm_now_iso(lc->now, sizeof lc->now);
}

/* ---- Models: finding activities, values of a period ---------------------------------------- */

int act_find(const struct samm_model *m, const char *code)
{
	for (int a = 0; m && a < m->n_activities; a++)
		if (!strcmp(m->activities[a].code, code))
			return a;
	return -1;
}

/* The value whose worth is an activity's score; N/A and unset as in
 * samm_project_point. */
int fig_value(const struct samm_fig *f)
{
	if (f->na)
		return SAMM_NA;
	if (f->n_answered == 0)
		return SAMM_UNSET;
	if (f->score > 1 - EPS)
		return SAMM_MOST;
	if (f->score > 0.5 - EPS)
		return SAMM_HALF;
	if (f->score > 0.25 - EPS)
		return SAMM_SOME;
	return SAMM_NO;
}

void pcache_free(struct pcache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i]->have_sc)
			samm_scorecard_free(&c->v[i]->sc);
		free(c->v[i]->values);
		free(c->v[i]->targets);
		free(c->v[i]);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

enum samm_status pcache_get(struct pcache *c, const struct samm_period *p,
				   struct pvals **out, struct samm_error *err)
{
	enum samm_status rc;

	for (size_t i = 0; i < c->n; i++)
		if (c->v[i]->period_id == p->id) {
			*out = c->v[i];
			return SAMM_OK;
		}
	if (samm_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v))
		return samm_nomem(err);
	struct pvals *pv = calloc(1, sizeof *pv);
	if (!pv)
		return samm_nomem(err);
	c->v[c->n++] = pv;      /* from here on pcache_free releases it */
	pv->period_id = p->id;
	if ((rc = samm_store_model_get(c->st, p->model_id, &pv->m, err)))
		return rc;
	if (!(pv->values = malloc(((size_t)pv->m->n_items + 1) * sizeof *pv->values)))
		return samm_nomem(err);
	for (int i = 0; i < pv->m->n_items; i++)
		pv->values[i] = SAMM_UNSET;
	if ((rc = samm_store_values(c->st, p->id, pv->m, pv->values, err)))
		return rc;
	if (samm_scorecard_compute(pv->m, pv->values, &pv->sc))
		return samm_nomem(err);
	pv->have_sc = 1;
	*out = pv;
	return SAMM_OK;
}

enum samm_status pvals_targets(struct pcache *c, struct pvals *pv, struct samm_error *err)
{
	if (pv->targets)
		return SAMM_OK;
	if (!(pv->targets = malloc(((size_t)pv->m->n_activities + 1) * sizeof *pv->targets)))
		return samm_nomem(err);
	return samm_target_load(c->st, pv->period_id, pv->m, pv->targets, err);
}

struct samm_project_point act_point(const struct pvals *pv, const char *code, int *index)
{
	struct samm_project_point p = { 0, SAMM_UNSET, 0 };
	int a = pv ? act_find(pv->m, code) : -1;
	if (index)
		*index = a;
	if (a < 0)
		return p;
	p.present = 1;
	p.value = fig_value(&pv->sc.activity[a]);
	p.score = pv->sc.activity[a].score;
	return p;
}

struct samm_project_point item_point(const struct pvals *pv, const char *id, int *index)
{
	struct samm_project_point p = { 0, SAMM_UNSET, 0 };
	int i = pv ? samm_model_find_item(pv->m, id) : -1;
	if (index)
		*index = i;
	if (i < 0)
		return p;
	p.present = 1;
	p.value = pv->values[i];
	p.score = samm_value_worth(p.value);
	return p;
}

enum samm_dir point_dir(const struct samm_project_point *a,
			       const struct samm_project_point *b)
{
	if (a->present && b->present)
		return samm_value_dir(a->value, b->value);
	if (b->present)
		return SAMM_DIR_ADDED;
	if (a->present)
		return SAMM_DIR_REMOVED;
	return SAMM_DIR_SAME;
}

