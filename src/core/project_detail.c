/* project_detail.c - one project in detail: each link's start, now,
 * target and direction. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"

/* ---- One project in detail ----------------------------------------------------------------------- */

void samm_project_detail_free(struct samm_project_detail *d)
{
	if (!d)
		return;
	free(d->rows);
	free(d);
}

/* Sort key of a row: present in the now model (by activity, the
 * activity's own row first, then items in model order), then the rest by id. */
struct rowkey {
	int absent;
	int act, item;
	const struct samm_project_row *row;
};

static int rowkey_cmp(const void *pa, const void *pb)
{
	const struct rowkey *a = pa, *b = pb;
	if (a->absent != b->absent)
		return a->absent - b->absent;
	if (!a->absent) {
		if (a->act != b->act)
			return a->act < b->act ? -1 : 1;
		if (a->item != b->item)
			return a->item < b->item ? -1 : 1;
		return 0;
	}
	return strcmp(a->row->id, b->row->id);
}

/* Target, reached and gap of a row or activity from the now period. */
static void judge_target(int target, const struct samm_project_point *now, int *reached,
			 double *gap)
{
	*reached = 0;
	*gap = 0;
	if (target == SAMM_UNSET)
		return;
	if (now->present && now->value == SAMM_NA) {
		*reached = 1;   /* does not apply: nothing left to do */
		return;
	}
	double t = samm_value_worth(target);
	*gap = t - now->score;
	*reached = now->present && now->score >= t - EPS;
}

/* The detail's start and now periods, their values, and now's targets. */
static enum samm_status detail_periods(struct samm_store *st, struct pcache *c,
				       struct samm_project_detail *d, struct pvals **sv,
				       struct pvals **nv, struct samm_error *err)
{
	enum samm_status rc;
	if (d->project.start.id) {
		d->start = d->project.start;
		d->has_start = 1;
	}
	if (d->project.end.id) {
		d->now = d->project.end;
		d->has_now = d->now_is_end = 1;
	} else {
		if ((rc = samm_store_period_latest(st, d->project.scope_id, &d->now, err)))
			return rc;
		d->has_now = d->now.id != 0;
	}
	if ((d->has_start && (rc = pcache_get(c, &d->start, sv, err))) ||
	    (d->has_now && ((rc = pcache_get(c, &d->now, nv, err)) ||
			    (rc = pvals_targets(c, *nv, err)))))
		return rc;
	d->start_model = *sv ? (*sv)->m : NULL;
	d->now_model = *nv ? (*nv)->m : NULL;
	return SAMM_OK;
}

/* Row r of link l, and its sort key. */
static void detail_row(const struct samm_project_detail *d, const struct pvals *sv,
		       const struct pvals *nv, const struct samm_project_link *l,
		       struct samm_project_row *r, struct rowkey *key)
{
	int si, ni, a = -1;
	r->level = l->level;
	memcpy(r->id, l->id, sizeof r->id);
	memcpy(r->activity, l->activity, sizeof r->activity);
	r->name = "";
	if (r->level == SAMM_L_ITEM) {
		r->start = item_point(sv, r->id, &si);
		r->now = item_point(nv, r->id, &ni);
		if (ni >= 0) {
			r->name = nv->m->items[ni].criterion;
			a = nv->m->items[ni].activity;
		} else if (si >= 0) {
			r->name = sv->m->items[si].criterion;
		}
	} else {
		r->start = act_point(sv, r->id, &si);
		r->now = act_point(nv, r->id, &ni);
		a = ni;
		if (ni >= 0)
			r->name = nv->m->activities[ni].title;
		else if (si >= 0)
			r->name = sv->m->activities[si].title;
	}
	r->dir = d->has_start ? point_dir(&r->start, &r->now) : SAMM_DIR_SAME;
	/* an item's target is its activity's: the criterion has to reach it */
	int ta = a >= 0 ? a : nv ? act_find(nv->m, r->activity) : -1;
	r->target = ta >= 0 ? nv->targets[ta] : SAMM_UNSET;
	judge_target(r->target, &r->now, &r->reached, &r->gap);
	key->absent = ni < 0;
	key->act = a;
	key->item = r->level == SAMM_L_ITEM ? ni : -1;
	key->row = r;
}

/* The distinct activities covered (links come sorted by activity): how
 * many rose, fell, have a target and reached it. */
static void detail_counts(struct samm_project_detail *d, const struct pvals *sv,
			  const struct pvals *nv, const struct samm_project_link *links,
			  size_t nl)
{
	for (size_t i = 0; i < nl; i++) {
		if (i > 0 && !strcmp(links[i].activity, links[i - 1].activity))
			continue;
		int ni;
		struct samm_project_point x = act_point(sv, links[i].activity, NULL);
		struct samm_project_point y = act_point(nv, links[i].activity, &ni);
		d->n_activities++;
		if (x.present && y.present) {
			enum samm_dir dir = samm_value_dir(x.value, y.value);
			d->n_compared++;
			d->n_rose += dir == SAMM_DIR_UP;
			d->n_fell += dir == SAMM_DIR_DOWN;
		}
		if (ni >= 0 && nv->targets[ni] != SAMM_UNSET) {
			int reached;
			double gap;
			judge_target(nv->targets[ni], &y, &reached, &gap);
			d->n_targets++;
			d->n_reached += reached;
		}
	}
}

static enum samm_status an_project_detail(struct samm_store *st, int64_t project_id,
					  struct samm_project_detail *d, struct samm_error *err)
{
	struct pcache c = { st, NULL, 0, 0 };
	struct pvals *sv = NULL, *nv = NULL;
	struct samm_project_link *links = NULL;
	struct samm_project_row *tmp = NULL;
	struct rowkey *keys = NULL;
	size_t nl = 0;
	enum samm_status rc;

	if ((rc = pj_project_get(st, project_id, &d->project, err)))
		return rc;
	if ((rc = detail_periods(st, &c, d, &sv, &nv, err)) ||
	    (rc = samm_project_links(st, project_id, &links, &nl, err)))
		goto done;
	d->rows = calloc(nl + 1, sizeof *d->rows);
	keys = calloc(nl + 1, sizeof *keys);
	tmp = calloc(nl + 1, sizeof *tmp);
	if (!d->rows || !keys || !tmp) {
		rc = samm_nomem(err);
		goto done;
	}
	for (size_t i = 0; i < nl; i++)
		detail_row(d, sv, nv, &links[i], &tmp[i], &keys[i]);
	qsort(keys, nl, sizeof *keys, rowkey_cmp);
	for (size_t i = 0; i < nl; i++)
		d->rows[i] = *keys[i].row;
	d->n_rows = nl;
	detail_counts(d, sv, nv, links, nl);
done:
	free(tmp);
	free(keys);
	samm_project_link_list_free(links, nl);
	pcache_free(&c);
	return rc;
}

enum samm_status samm_project_detail(struct samm_store *st, int64_t project_id,
				     struct samm_project_detail **out, struct samm_error *err)
{
	struct samm_project_detail *d = calloc(1, sizeof *d);
	enum samm_status rc;
	int began;

	*out = NULL;
	if (!d)
		return samm_nomem(err);
	began = samm_store_snap_begin(st);
	rc = an_project_detail(st, project_id, d, err);
	samm_store_snap_end(st, began);
	if (rc) {
		samm_project_detail_free(d);
		return rc;
	}
	*out = d;
	return SAMM_OK;
}

