/* diff.c - what changed between two periods: items, notes and figures. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "analysis_int.h"

/* ---- Diff ------------------------------------------------------------------------------ */

void samm_diff_free(struct samm_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_notes; i++) {
		free(d->notes[i].old_note);
		free(d->notes[i].new_note);
	}
	free(d->notes);
	free(d->items);
	free(d->added);
	free(d->removed);
	free(d->figs);
	free(d);
}

static struct samm_diff_fig diff_fig(const struct samm_model *om, const struct samm_scorecard *osc,
				     const struct samm_model *nm, const struct samm_scorecard *nsc,
				     enum samm_level level, int oi, int ni)
{
	struct samm_diff_fig f;
	memset(&f, 0, sizeof f);
	f.level = level;
	if (ni >= 0) {
		struct samm_ref r = { level, ni };
		const struct samm_fig *x = samm_scorecard_get(nsc, r);
		f.id = samm_model_ref_id(nm, r);
		f.name = samm_model_ref_name(nm, r);
		f.new_score = x->score;
		f.new_na = x->na;
	}
	if (oi >= 0) {
		struct samm_ref r = { level, oi };
		const struct samm_fig *x = samm_scorecard_get(osc, r);
		if (ni < 0) {
			f.id = samm_model_ref_id(om, r);
			f.name = samm_model_ref_name(om, r);
		}
		f.old_score = x->score;
		f.old_na = x->na;
	}
	if (oi < 0) {
		f.dir = SAMM_DIR_ADDED;
	} else if (ni < 0) {
		f.dir = SAMM_DIR_REMOVED;
	} else {
		f.delta = f.new_score - f.old_score;
		f.dir = fig_dir(f.old_score, f.old_na, f.new_score, f.new_na);
	}
	return f;
}

static enum samm_status diff_figs(struct samm_diff *d, const struct samm_scorecard *osc,
				  const struct samm_scorecard *nsc, enum samm_level deepest,
				  struct samm_error *err)
{
	const struct samm_model *om = d->old_model, *nm = d->new_model;
	struct refvec nr, orv;
	enum samm_status rc;

	d->overall = diff_fig(om, osc, nm, nsc, SAMM_L_OVERALL, 0, 0);
	if ((rc = walk_refs(nm, deepest, &nr, err)))
		return rc;
	if ((rc = walk_refs(om, deepest, &orv, err))) {
		free(nr.v);
		return rc;
	}
	d->figs = calloc(nr.n + orv.n + 1, sizeof *d->figs);
	if (!d->figs) {
		free(nr.v);
		free(orv.v);
		return samm_nomem(err);
	}
	for (size_t k = 0; k < nr.n; k++) {
		struct samm_ref r = nr.v[k];
		int oi = d->same_model ? r.index
			: fig_find(om, r.level, samm_model_ref_id(nm, r));
		d->figs[d->n_figs++] = diff_fig(om, osc, nm, nsc, r.level, oi, r.index);
	}
	if (!d->same_model) {
		for (size_t k = 0; k < orv.n; k++) {
			struct samm_ref r = orv.v[k];
			if (fig_find(nm, r.level, samm_model_ref_id(om, r)) < 0)
				d->figs[d->n_figs++] = diff_fig(om, osc, nm, nsc, r.level,
								r.index, -1);
		}
	}
	free(nr.v);
	free(orv.v);
	return SAMM_OK;
}

/* The items of the two periods: changed, added, removed, and notes. */
static enum samm_status diff_items(struct samm_diff *d, const struct samm_assessment *oa,
				   const struct samm_assessment *na, struct samm_error *err)
{
	const struct samm_model *om = d->old_model, *nm = d->new_model;
	size_t nn = (size_t)nm->n_items, on = (size_t)om->n_items;
	int oom = 0;

	d->items = calloc(nn + 1, sizeof *d->items);
	d->added = calloc(nn + 1, sizeof *d->added);
	d->removed = calloc(on + 1, sizeof *d->removed);
	d->notes = calloc(nn + 1, sizeof *d->notes);
	if (!d->items || !d->added || !d->removed || !d->notes)
		return samm_nomem(err);
	for (int i = 0; i < nm->n_items; i++) {
		int j = d->same_model ? i : samm_model_find_item(om, nm->items[i].id);
		struct samm_diff_item it = {
			nm->items[i].id, nm->items[i].criterion,
			j >= 0 ? oa->value[j] : SAMM_UNSET, na->value[i], SAMM_DIR_SAME,
		};
		if (j < 0) {
			it.dir = SAMM_DIR_ADDED;
			d->added[d->n_added++] = it;
			continue;
		}
		if ((it.dir = samm_value_dir(it.old_value, it.new_value)) != SAMM_DIR_SAME) {
			d->items[d->n_items++] = it;
			d->n_up += it.dir == SAMM_DIR_UP;
			d->n_down += it.dir == SAMM_DIR_DOWN;
			d->n_changed += it.dir == SAMM_DIR_CHANGED;
		}
		if (!note_eq(oa->note[j], na->note[i])) {
			struct samm_diff_note *n = &d->notes[d->n_notes++];
			n->id = nm->items[i].id;
			n->old_note = note_dup(oa->note[j], &oom);
			n->new_note = note_dup(na->note[i], &oom);
		}
	}
	if (oom)
		return samm_nomem(err);
	if (d->same_model)
		return SAMM_OK;
	for (int j = 0; j < om->n_items; j++) {
		if (samm_model_find_item(nm, om->items[j].id) >= 0)
			continue;
		d->removed[d->n_removed++] = (struct samm_diff_item){
			om->items[j].id, om->items[j].criterion, oa->value[j],
			SAMM_UNSET, SAMM_DIR_REMOVED,
		};
	}
	return SAMM_OK;
}

static enum samm_status an_diff_periods(struct samm_store *st, int64_t old_id, int64_t new_id,
				   enum samm_level deepest, struct samm_diff **out,
				   struct samm_error *err)
{
	struct samm_assessment *oa = NULL, *na = NULL;
	struct samm_scorecard osc, nsc;
	int have_osc = 0, have_nsc = 0;
	enum samm_status rc;
	struct samm_diff *d;

	*out = NULL;
	if (deepest < SAMM_L_OVERALL || deepest > SAMM_L_ITEM)
		return samm_error_set(err, SAMM_USAGE, "invalid figure level");
	if (!(d = calloc(1, sizeof *d)))
		return samm_nomem(err);
	if ((rc = samm_store_assessment_load(st, old_id, &oa, err)) ||
	    (rc = samm_store_assessment_load(st, new_id, &na, err)))
		goto done;
	if (oa->period.scope_id != na->period.scope_id) {
		rc = samm_error_set(err, SAMM_USAGE,
				    "periods '%s' and '%s' belong to different scopes",
				    oa->period.name, na->period.name);
		goto done;
	}
	d->old_period = oa->period;
	d->new_period = na->period;
	const struct samm_model *om = d->old_model = oa->model;
	const struct samm_model *nm = d->new_model = na->model;
	d->same_model = om == nm || oa->period.model_id == na->period.model_id;

	if ((rc = diff_items(d, oa, na, err)))
		goto done;
	if ((rc = samm_scorecard_compute(om, oa->value, &osc))) {
		rc = samm_nomem(err);
		goto done;
	}
	have_osc = 1;
	if ((rc = samm_scorecard_compute(nm, na->value, &nsc))) {
		rc = samm_nomem(err);
		goto done;
	}
	have_nsc = 1;
	rc = diff_figs(d, &osc, &nsc, deepest, err);
done:
	if (have_osc)
		samm_scorecard_free(&osc);
	if (have_nsc)
		samm_scorecard_free(&nsc);
	samm_assessment_free(oa);
	samm_assessment_free(na);
	if (rc) {
		samm_diff_free(d);
		return rc;
	}
	*out = d;
	return SAMM_OK;
}

enum samm_status samm_diff_periods(struct samm_store *st, int64_t old_id, int64_t new_id,
				   enum samm_level deepest, struct samm_diff **out,
				   struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = an_diff_periods(st, old_id, new_id, deepest, out, err);
	samm_store_snap_end(st, began);
	return rc;
}

