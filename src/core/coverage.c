/* coverage.c - which stagnant or below-target activities open projects
 * cover. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"

/* ---- Coverage -------------------------------------------------------------------------------------- */

void samm_coverage_free(struct samm_coverage *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_rows; i++)
		free(c->rows[i].projects);
	free(c->rows);
	free(c);
}

/* The scope's open projects and the activities their links cover, read
 * once for a whole coverage report (a query per activity would cost a
 * statement preparation each, times every scope of --all-scopes). */
struct open_links {
	struct samm_project *proj;      /* samm_project_list order */
	size_t n_proj;
	struct samm_open_links l;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void open_links_free(struct open_links *o)
{
	samm_project_list_free(o->proj, o->n_proj);
	samm_open_links_free(&o->l);
	memset(o, 0, sizeof *o);
}

static enum samm_status open_links_load(struct samm_store *st, int64_t scope_id,
					struct open_links *o, struct samm_error *err)
{
	enum samm_status rc;
	memset(o, 0, sizeof *o);
	if ((rc = samm_project_list(st, scope_id, SAMM_PROJECT_OPEN, &o->proj, &o->n_proj, err)))
		return rc;
	if (!o->n_proj)
		return SAMM_OK;
	return samm_store_open_links(st, scope_id, &o->l, err);
}

/* The open projects covering `activity`, in list order, as
 * samm_project_covering gives them: one pass over the links, then one
 * over the projects (a project linking the activity twice, by the activity
 * and by one of its criteria, shows once). */
static enum samm_status open_links_covering(const struct open_links *o, const char *activity,
					    struct samm_project **out, size_t *n,
					    struct samm_error *err)
{
	int64_t *ids = NULL;
	size_t n_ids = 0;

	*out = NULL;
	*n = 0;
	for (size_t k = 0; k < o->l.n; k++)
		if (!strcmp(o->l.activity[k], activity)) {
			if (!ids && !(ids = malloc(o->l.n * sizeof *ids)))
				return samm_nomem(err);
			ids[n_ids++] = o->l.project[k];
		}
	if (!n_ids)
		return SAMM_OK;
	qsort(ids, n_ids, sizeof *ids, cmp_id);
	for (size_t i = 0; i < o->n_proj; i++) {
		if (!bsearch(&o->proj[i].id, ids, n_ids, sizeof *ids, cmp_id))
			continue;
		if (!*out && !(*out = malloc(o->n_proj * sizeof **out))) {
			free(ids);
			return samm_nomem(err);
		}
		(*out)[(*n)++] = o->proj[i];
	}
	free(ids);
	return SAMM_OK;
}

static enum samm_status an_coverage(struct samm_store *st, const struct samm_stagnant *sg,
				    struct samm_coverage *c, struct samm_error *err)
{
	struct pcache pc = { st, NULL, 0, 0 };
	struct pvals *pv;
	struct open_links ol = { 0 };
	unsigned char *stag = NULL;
	enum samm_status rc;

	if ((rc = samm_store_project_count(st, sg->scope.id, &c->n_projects, err)))
		return rc;
	if (!sg->n_periods || !sg->model)
		return SAMM_OK;
	c->latest = sg->periods[sg->n_periods - 1];
	if ((rc = pcache_get(&pc, &c->latest, &pv, err)) || (rc = pvals_targets(&pc, pv, err)) ||
	    (rc = open_links_load(st, sg->scope.id, &ol, err)))
		goto done;
	const struct samm_model *m = c->model = pv->m;
	if (m != sg->model) {
		rc = samm_error_set(err, SAMM_USAGE, "the stagnation result is not of this database");
		goto done;
	}
	stag = calloc((size_t)m->n_activities + 1, 1);
	c->rows = calloc((size_t)m->n_activities + 1, sizeof *c->rows);
	if (!stag || !c->rows) {
		rc = samm_nomem(err);
		goto done;
	}
	for (size_t k = 0; k < sg->n_items; k++)
		stag[m->items[sg->items[k].item].activity] = 1;
	for (int a = 0; a < m->n_activities; a++) {
		const struct samm_fig *f = &pv->sc.activity[a];
		int t = pv->targets[a];
		c->n_targets += t != SAMM_UNSET;
		int below = t != SAMM_UNSET && !f->na && f->score < samm_value_worth(t) - EPS;
		/* a practice the scope leaves out is not assessed there */
		if (sg->excluded && sg->excluded[m->streams[m->activities[a].stream].practice])
			continue;
		if (!stag[a] && !below)
			continue;
		struct samm_cover_row *r = &c->rows[c->n_rows++];
		r->activity = a;
		r->code = m->activities[a].code;
		r->practice = m->streams[m->activities[a].stream].practice;
		r->stagnant = stag[a];
		r->below_target = below;
		r->value = fig_value(f);
		r->score = f->score;
		r->target = t;
		c->n_stagnant += r->stagnant;
		c->n_below_target += below;
		if ((rc = open_links_covering(&ol, r->code, &r->projects, &r->n_projects, err)))
			goto done;
		c->n_uncovered += r->n_projects == 0;
	}
done:
	open_links_free(&ol);
	free(stag);
	pcache_free(&pc);
	return rc;
}

enum samm_status samm_coverage_compute(struct samm_store *st, const struct samm_stagnant *sg,
				       struct samm_coverage **out, struct samm_error *err)
{
	struct samm_coverage *c;
	enum samm_status rc;
	int began;

	*out = NULL;
	if (!sg)
		return samm_error_set(err, SAMM_USAGE, "no stagnation result given");
	if (!(c = calloc(1, sizeof *c)))
		return samm_nomem(err);
	began = samm_store_snap_begin(st);
	rc = an_coverage(st, sg, c, err);
	samm_store_snap_end(st, began);
	if (rc) {
		samm_coverage_free(c);
		return rc;
	}
	*out = c;
	return SAMM_OK;
}
