/* stagnant.c - what has not moved over the last periods of a scope, what
 * fell, and how long each run goes back. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "samm/roadmap.h"
#include "samm/value.h"
#include "analysis_int.h"

/* ---- Stagnation ------------------------------------------------------------------------ */

void samm_stagnant_free(struct samm_stagnant *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_items; i++)
		free((char *)s->items[i].note);
	for (size_t i = 0; i < s->n_regressed; i++)
		free((char *)s->regressed[i].note);
	free(s->items);
	free(s->regressed);
	free(s->practices);
	free(s->excluded);
	free(s->periods);
	free(s);
}

/* One window period, k periods back from the latest (k = 0 is the latest). */
struct wperiod {
	const struct samm_model *m;
	int *values;            /* [m->n_items] */
	int *idx;               /* [latest model's n_items]: index in m, or -1 */
	struct samm_scorecard sc;
	int have_sc;
};

/* Item i of the latest model in an older period's model m: its index, or
 * -1 when m lacks it or words it otherwise (its criterion, question,
 * activity title or answers: model_diff.h).  A run does not go across a
 * reword: the value was an answer to another text. */
static int same_item(const struct samm_model *latest, const struct samm_model *m, int i)
{
	if (m == latest)
		return i;
	int j = samm_model_find_item(m, latest->items[i].id);
	return j >= 0 && samm_model_item_reworded(m, j, latest, i) ? -1 : j;
}

/* Fill idx[] mapping the latest model's items to m's. */
static void map_items(const struct samm_model *latest, const struct samm_model *m, int *idx)
{
	for (int i = 0; i < latest->n_items; i++)
		idx[i] = same_item(latest, m, i);
}

static int practice_find(const struct samm_model *m, const char *code)
{
	for (int i = 0; i < m->n_practices; i++)
		if (!strcmp(m->practices[i].code, code))
			return i;
	return -1;
}

/* vals[] of practice j's items in period_id (model m), the others left
 * alone: one range read of the primary key (samm_store_values_range).
 * Far cheaper than reading the whole period when only a few practices'
 * runs go on. */
static enum samm_status practice_values(struct samm_store *st, int64_t period_id,
					const struct samm_model *m, int j, int *vals,
					struct samm_error *err)
{
	struct samm_ref ref = { SAMM_L_PRACTICE, j };
	int first, n;
	samm_model_ref_items(m, ref, &first, &n);
	return samm_store_values_range(st, period_id, m, first, n, vals, err);
}

/* One older period p (values vals, model m) for the runs of the stagnant
 * practices still alive (see extend_runs). */
static enum samm_status practice_runs_step(struct samm_stagnant *s, const struct samm_model *m,
					   const int *vals, int p, unsigned char *palive,
					   size_t *palive_n, struct samm_error *err)
{
	(void)err;
	for (size_t k = 0; k < s->n_practices; k++) {
		if (!palive[k])
			continue;
		struct samm_stag_practice *pr = &s->practices[k];
		int j = m == s->model ? pr->practice : practice_find(m, pr->code), na = 1;
		double score = j >= 0 ? samm_practice_score(m, vals, j, &na) : 0;
		if (j >= 0 && !na && score >= pr->score - SCORE_EPS) {
			pr->run++;
			pr->since = p;
		} else {
			palive[k] = 0;
			(*palive_n)--;
		}
	}
	return SAMM_OK;
}

/* Runs longer than the window: walk older periods newest first while any
 * candidate is still holding its value.  run/since of items[] grow in
 * place; alive[] marks candidates whose run has not ended.  A period is
 * read whole while many runs go on, and item by item (primary-key
 * lookups) once few do: with about one item in ten changing per period
 * most runs end early, and the long tail costs a handful of lookups.
 *
 * Stagnant practices' runs extend in the same walk (a period read whole
 * serves both): a practice's run ends at a period where it is missing,
 * N/A, or scored below its latest score (it has risen since). */
static enum samm_status extend_runs(struct samm_store *st, struct samm_stagnant *s,
				    const int *latest_vals,
				    struct samm_error *err)
{
	const struct samm_model *lm = s->model;
	size_t alive_n = s->n_items;
	unsigned char *alive = malloc(s->n_items + 1);
	int *vals = NULL;
	size_t vcap = 0;
	enum samm_status rc = SAMM_OK;

	size_t palive_n = (size_t)s->n_stagnant_practices;
	unsigned char *palive = calloc(s->n_practices + 1, 1);

	if (!alive || !palive) {
		free(alive);
		free(palive);
		return samm_nomem(err);
	}
	memset(alive, 1, s->n_items + 1);
	for (size_t k = 0; k < s->n_practices; k++)
		palive[k] = (unsigned char)s->practices[k].stagnant;
	for (long p = (long)s->n_periods - s->window - 1; p >= 0 && (alive_n || palive_n); p--) {
		const struct samm_model *m;
		if ((rc = samm_store_model_get(st, s->periods[p].model_id, &m, err)))
			break;
		int whole = alive_n * 8 >= (size_t)m->n_items;
		if (whole || palive_n) {
			if ((size_t)m->n_items + 1 > vcap) {
				free(vals);
				vcap = (size_t)m->n_items + 1;
				if (!(vals = malloc(vcap * sizeof *vals))) {
					rc = samm_nomem(err);
					break;
				}
			}
		}
		if (whole && (rc = samm_store_values(st, s->periods[p].id, m, vals, err)))
			break;
		if (!whole && palive_n) {
			/* only the alive practices' items (the others stay
			 * unset; their figures are not read) */
			for (int i = 0; i < m->n_items; i++)
				vals[i] = SAMM_UNSET;
			for (size_t k = 0; !rc && k < s->n_practices; k++) {
				if (!palive[k])
					continue;
				const struct samm_stag_practice *pr = &s->practices[k];
				int j = m == lm ? pr->practice : practice_find(m, pr->code);
				if (j >= 0)
					rc = practice_values(st, s->periods[p].id, m, j, vals, err);
			}
			if (rc)
				break;
		}
		if (palive_n && (rc = practice_runs_step(s, m, vals, (int)p, palive, &palive_n, err)))
			break;
		for (size_t k = 0; k < s->n_items; k++) {
			if (!alive[k])
				continue;
			struct samm_stag_item *it = &s->items[k];
			int j = same_item(lm, m, it->item), v = SAMM_UNSET;
			if (j >= 0) {
				if (whole)
					v = vals[j];
				else if ((rc = samm_store_value_get(st, s->periods[p].id, it->id, &v, err)))
					break;
			}
			if (j >= 0 && v == latest_vals[it->item]) {
				it->run++;
				it->since = (int)p;
			} else {
				alive[k] = 0;
				alive_n--;
			}
		}
		if (rc)
			break;
	}
	free(vals);
	free(alive);
	free(palive);
	return rc;
}

static void stag_practices(struct samm_stagnant *s, struct wperiod *w, int nw)
{
	const struct samm_model *lm = s->model;
	for (int pi = 0; pi < lm->n_practices; pi++) {
		struct samm_stag_practice *p = &s->practices[s->n_practices++];
		double score[64];
		int present[64], na[64], answered = 0, all = 1;

		memset(p, 0, sizeof *p);
		p->practice = pi;
		p->code = lm->practices[pi].code;
		p->name = lm->practices[pi].name;
		for (int k = 0; k < nw; k++) {
			int j = w[k].m == lm ? pi : practice_find(w[k].m, p->code);
			present[k] = j >= 0;
			score[k] = 0;
			na[k] = 0;
			if (j < 0) {
				all = 0;
				continue;
			}
			const struct samm_fig *f = &w[k].sc.practice[j];
			score[k] = f->score;
			na[k] = f->na;
			answered |= f->n_answered > 0;
		}
		p->score = score[0];
		p->window_score = score[nw - 1];
		/* a practice the scope leaves out is not assessed there */
		if ((p->excluded = s->excluded[pi]))
			continue;
		for (int k = 0; k + 1 < nw; k++) {
			if (present[k] && present[k + 1] && !na[k] && !na[k + 1] &&
			    score[k] < score[k + 1] - SCORE_EPS) {
				p->regressed = 1;
				p->fell_from = score[k + 1];
				p->fell_to = score[k];
				p->fell_in = (int)s->n_periods - 1 - k;
				s->n_regressed_practices++;
				break;
			}
		}
		if (s->enough && all && !na[0] && answered && score[0] < 3 - SCORE_EPS &&
		    score[0] <= score[nw - 1] + SCORE_EPS) {
			p->stagnant = 1;
			p->run = nw;
			p->since = (int)s->n_periods - nw;
			s->n_stagnant_practices++;
		}
	}
}

/* Load the window's nw periods, newest first (w[0] is the latest, whose
 * values come from la): values, the map to the latest model's items, and
 * the scorecard. */
static enum samm_status load_window(struct samm_store *st, const struct samm_stagnant *s,
				    const struct samm_assessment *la, struct wperiod *w, int nw,
				    struct samm_error *err)
{
	const struct samm_model *lm = la->model;
	size_t last = s->n_periods - 1, ni = (size_t)lm->n_items + 1;
	enum samm_status rc;

	for (int k = 0; k < nw; k++) {
		struct wperiod *wp = &w[k];
		const struct samm_period *per = &s->periods[last - (size_t)k];
		if (k == 0)
			wp->m = lm;
		else if ((rc = samm_store_model_get(st, per->model_id, &wp->m, err)))
			return rc;
		wp->values = malloc(((size_t)wp->m->n_items + 1) * sizeof *wp->values);
		wp->idx = malloc(ni * sizeof *wp->idx);
		if (!wp->values || !wp->idx)
			return samm_nomem(err);
		if (k == 0)
			memcpy(wp->values, la->value, (size_t)lm->n_items * sizeof *wp->values);
		else if ((rc = samm_store_values(st, per->id, wp->m, wp->values, err)))
			return rc;
		map_items(lm, wp->m, wp->idx);
		if (samm_scorecard_compute(wp->m, wp->values, &wp->sc))
			return samm_nomem(err);
		wp->have_sc = 1;
	}
	return SAMM_OK;
}

/* Item i of the latest model: its most recent fall between two
 * consecutive window periods (into regressed[]), and whether it held one
 * value over the whole window (into items[], or counted unassessed). */
static void judge_item(struct samm_stagnant *s, const struct samm_assessment *la,
		       const struct wperiod *w, int nw, int i, int *oom)
{
	const struct samm_model *lm = la->model;
	size_t last = s->n_periods - 1;
	struct samm_stag_item it;

	memset(&it, 0, sizeof it);
	it.item = i;
	it.id = lm->items[i].id;
	it.practice = lm->streams[lm->activities[lm->items[i].activity].stream].practice;
	if (s->excluded[it.practice])
		return;
	for (int k = 0; k + 1 < nw; k++) {
		int a = w[k].idx[i], b = w[k + 1].idx[i];
		if (a < 0 || b < 0)
			continue;
		int nv = w[k].values[a], ov = w[k + 1].values[b];
		if (nv == SAMM_NA || ov == SAMM_NA ||
		    samm_value_worth(nv) >= samm_value_worth(ov))
			continue;
		struct samm_stag_item r = it;
		r.value = nv;
		r.from_value = ov;
		r.since = (int)(last - (size_t)k);
		r.note = note_dup(la->note[i], oom);
		s->regressed[s->n_regressed++] = r;
		break;
	}
	if (!s->enough)
		return;
	int v = la->value[i], same = 1;
	for (int k = 1; k < nw && same; k++) {
		int a = w[k].idx[i];
		same = a >= 0 && w[k].values[a] == v;
	}
	if (!same)
		return;
	if (v == SAMM_UNSET) {
		s->n_unassessed++;
	} else if (v != SAMM_NA && v != SAMM_MOST) {
		it.value = v;
		it.from_value = v;
		it.run = nw;
		it.since = (int)(last - (size_t)(nw - 1));
		it.note = note_dup(la->note[i], oom);
		s->items[s->n_items++] = it;
	}
}

/* Everything after the scope's periods are known (s->n_periods > 0). */
static enum samm_status stagnant_judge(struct samm_store *st, struct samm_stagnant *s,
				       struct wperiod *w, int nw, unsigned flags,
				       struct samm_error *err)
{
	struct samm_assessment *la = NULL;
	enum samm_status rc;
	int oom = 0;

	/* The latest period in full (its notes are reported), the rest of the
	 * window with the light reader. */
	if ((rc = samm_store_assessment_load(st, s->periods[s->n_periods - 1].id, &la, err)))
		return rc;
	const struct samm_model *lm = s->model = la->model;
	size_t ni = (size_t)lm->n_items + 1;
	if ((rc = load_window(st, s, la, w, nw, err)))
		goto done;
	s->items = calloc(ni, sizeof *s->items);
	s->regressed = calloc(ni, sizeof *s->regressed);
	s->practices = calloc((size_t)lm->n_practices + 1, sizeof *s->practices);
	s->excluded = calloc((size_t)lm->n_practices + 1, 1);
	if (!s->items || !s->regressed || !s->practices || !s->excluded) {
		rc = samm_nomem(err);
		goto done;
	}
	if ((rc = samm_scope_excluded(st, s->scope.id, lm, s->excluded, &s->n_excluded, err)))
		goto done;
	s->partial = s->n_excluded > 0;
	for (int i = 0; i < lm->n_items; i++)
		judge_item(s, la, w, nw, i, &oom);
	if (oom) {
		rc = samm_nomem(err);
		goto done;
	}
	stag_practices(s, w, nw);
	if ((s->n_items || s->n_stagnant_practices) && !(flags & SAMM_STAG_WINDOW_ONLY))
		rc = extend_runs(st, s, la->value, err);
done:
	samm_assessment_free(la);
	return rc;
}

static enum samm_status an_stagnant_compute(struct samm_store *st, int64_t scope_id, int window,
					    unsigned flags, struct samm_stagnant **out,
					    struct samm_error *err)
{
	struct samm_stagnant *s;
	struct wperiod w[64];
	enum samm_status rc;
	int nw = 0;

	*out = NULL;
	/* The window sits in a fixed array: 64 periods is sixteen years of
	 * quarterly assessments, far beyond any useful window. */
	if (window < 2 || window > 64)
		return samm_error_set(err, SAMM_USAGE,
				      "the number of periods must be between 2 and 64, not %d",
				      window);
	if (!(s = calloc(1, sizeof *s)))
		return samm_nomem(err);
	memset(w, 0, sizeof w);
	s->window = window;
	if ((rc = samm_store_scope_get(st, scope_id, &s->scope, err)) ||
	    (rc = samm_store_period_list(st, scope_id, &s->periods, &s->n_periods, err)))
		goto done;
	if (!s->n_periods)
		goto done;
	s->enough = s->n_periods >= (size_t)window;
	nw = s->n_periods < (size_t)window ? (int)s->n_periods : window;
	rc = stagnant_judge(st, s, w, nw, flags, err);
done:
	for (int k = 0; k < nw; k++) {
		if (w[k].have_sc)
			samm_scorecard_free(&w[k].sc);
		free(w[k].values);
		free(w[k].idx);
	}
	if (rc) {
		samm_stagnant_free(s);
		return rc;
	}
	*out = s;
	return SAMM_OK;
}

enum samm_status samm_stagnant_compute(struct samm_store *st, int64_t scope_id, int window,
				       struct samm_stagnant **out, struct samm_error *err)
{
	return samm_stagnant_compute_ex(st, scope_id, window, 0, out, err);
}

enum samm_status samm_stagnant_compute_ex(struct samm_store *st, int64_t scope_id, int window,
					  unsigned flags, struct samm_stagnant **out,
					  struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = an_stagnant_compute(st, scope_id, window, flags, out, err);
	samm_store_snap_end(st, began);
	return rc;
}
