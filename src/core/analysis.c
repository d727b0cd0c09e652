/* analysis.c - diff, stagnation, trend, item history and the policy check.
 *
 * Speed matters more here than elsewhere: stagnation and trends read many
 * periods.  So periods other than the ones whose notes we need are read
 * with one light statement (item and value only, straight into an int
 * array aligned with the period's model), models come from the store's
 * cache, and stagnation reads periods newest first and stops as soon as
 * every candidate item's run has ended. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "samm/analysis.h"
#include "samm/value.h"
#include "store_int.h"

/* Scores are sums and means of quarters; anything closer than this is
 * the same score written two ways. */
#define SCORE_EPS 1e-9

static enum samm_status nomem(struct samm_error *err)
{
	return samm_error_set(err, SAMM_NOMEM, "out of memory");
}

/* NULL for NULL or "" (the store treats both as "no note"); *oom set when
 * the copy fails. */
static char *note_dup(const char *s, int *oom)
{
	if (!s || !*s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = 1;
	return d;
}

static int note_eq(const char *a, const char *b)
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

static enum samm_dir fig_dir(double old_score, int old_na, double new_score, int new_na)
{
	double d = new_score - old_score;
	if (d > SCORE_EPS)
		return SAMM_DIR_UP;
	if (d < -SCORE_EPS)
		return SAMM_DIR_DOWN;
	return old_na != new_na ? SAMM_DIR_CHANGED : SAMM_DIR_SAME;
}

/* ---- One snapshot per analysis ------------------------------------------------------ */

/* Every analysis reads inside one read transaction of its own (unless the
 * caller already has one open): all its statements see the same snapshot
 * even while another process writes, and the file lock and WAL index are
 * taken once instead of once per statement, which is most of the cost of
 * a few hundred small queries. */
static int snap_begin(struct samm_store *st)
{
	sqlite3 *db = samm_store_sqlite(st);
	if (!sqlite3_get_autocommit(db))
		return 0;
	return sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void snap_end(struct samm_store *st, int began)
{
	/* A read transaction has nothing to lose: COMMIT only releases it. */
	if (began)
		sqlite3_exec(samm_store_sqlite(st), "COMMIT", NULL, NULL, NULL);
}

/* ---- Reading values quickly ------------------------------------------------------ */

/* One prepared statement reused for every period read by one analysis
 * call; finalized by vreader_done() before returning to the caller. */
struct vreader {
	struct samm_store *st;
	sqlite3_stmt *s;
	/* The rows come in item order (the primary key): match them against
	 * the model's items sorted the same way, by a merge rather than a
	 * hash lookup per row.  Kept for the last model seen. */
	const struct samm_model *om;
	struct vr_key { const char *id; int item; } *order;  /* [om->n_items], by id */
};

static void vreader_done(struct vreader *r)
{
	sqlite3_finalize(r->s);
	r->s = NULL;
	free(r->order);
	r->order = NULL;
	r->om = NULL;
}

static int order_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vr_key *)a)->id, ((const struct vr_key *)b)->id);
}

/* values[m->n_items] := the stored values of period_id (SAMM_UNSET where
 * no row), aligned with m, the period's model. */
static enum samm_status vreader_load(struct vreader *r, int64_t period_id,
				     const struct samm_model *m, int *values,
				     struct samm_error *err)
{
	int src;
	if (!r->s) {
		src = sqlite3_prepare_v2(samm_store_sqlite(r->st),
					 "SELECT item, value FROM score WHERE period_id = ?1"
					 " ORDER BY item",   /* the merge below needs it */
					 -1, &r->s, NULL);
		if (src != SQLITE_OK)
			return samm_store_sqlerr(r->st, src, "reading scores", err);
	}
	if (r->om != m) {
		free(r->order);
		r->om = NULL;
		if (!(r->order = malloc(((size_t)m->n_items + 1) * sizeof *r->order)))
			return samm_error_set(err, SAMM_NOMEM, "out of memory");
		for (int i = 0; i < m->n_items; i++)
			r->order[i] = (struct vr_key){ m->items[i].id, i };
		qsort(r->order, (size_t)m->n_items, sizeof *r->order, order_cmp);
		r->om = m;
	}
	for (int i = 0; i < m->n_items; i++)
		values[i] = SAMM_UNSET;
	sqlite3_reset(r->s);
	sqlite3_bind_int64(r->s, 1, period_id);
	int k = 0;
	while ((src = sqlite3_step(r->s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(r->s, 0);
		int i = -1, c = 1;
		if (!item)
			continue;
		/* items of no model (left by another model) are skipped */
		while (k < m->n_items && (c = strcmp(r->order[k].id, item)) < 0)
			k++;
		if (k < m->n_items && c == 0)
			i = r->order[k].item;
		if (i < 0 || sqlite3_column_type(r->s, 1) == SQLITE_NULL)
			continue;
		int v = sqlite3_column_int(r->s, 1);
		values[i] = samm_value_valid(v) ? v : SAMM_UNSET;
	}
	sqlite3_reset(r->s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(r->st, src, "reading scores", err);
	return SAMM_OK;
}

/* ---- Figures across models ---------------------------------------------------------- */

/* Index of the node (level, id) in m, or -1.  Items use the model's hash
 * index; the other levels are a few dozen nodes, so a scan is fine. */
static int fig_find(const struct samm_model *m, enum samm_level level, const char *id)
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

/* The refs of a model's walk down to `deepest`, collected into an array. */
struct refvec {
	struct samm_ref *v;
	size_t n, cap;
	int oom;
};

static int refvec_add(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct refvec *rv = ud;
	(void)m;
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 64;
		struct samm_ref *v = realloc(rv->v, cap * sizeof *v);
		if (!v) {
			rv->oom = 1;
			return 1;
		}
		rv->v = v;
		rv->cap = cap;
	}
	rv->v[rv->n++] = ref;
	return 0;
}

static enum samm_status walk_refs(const struct samm_model *m, enum samm_level deepest,
				  struct refvec *rv, struct samm_error *err)
{
	memset(rv, 0, sizeof *rv);
	samm_model_walk(m, deepest, refvec_add, rv);
	if (rv->oom) {
		free(rv->v);
		rv->v = NULL;
		return nomem(err);
	}
	return SAMM_OK;
}

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
		return nomem(err);
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

static enum samm_status an_diff_periods(struct samm_store *st, int64_t old_id, int64_t new_id,
				   enum samm_level deepest, struct samm_diff **out,
				   struct samm_error *err)
{
	struct samm_assessment *oa = NULL, *na = NULL;
	struct samm_scorecard osc, nsc;
	int have_osc = 0, have_nsc = 0, oom = 0;
	enum samm_status rc;
	struct samm_diff *d;

	*out = NULL;
	if (deepest < SAMM_L_OVERALL || deepest > SAMM_L_ITEM)
		return samm_error_set(err, SAMM_USAGE, "invalid figure level");
	if (!(d = calloc(1, sizeof *d)))
		return nomem(err);
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

	size_t nn = (size_t)nm->n_items, on = (size_t)om->n_items;
	d->items = calloc(nn + 1, sizeof *d->items);
	d->added = calloc(nn + 1, sizeof *d->added);
	d->removed = calloc(on + 1, sizeof *d->removed);
	d->notes = calloc(nn + 1, sizeof *d->notes);
	if (!d->items || !d->added || !d->removed || !d->notes) {
		rc = nomem(err);
		goto done;
	}
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
	if (oom) {
		rc = nomem(err);
		goto done;
	}
	if (!d->same_model) {
		for (int j = 0; j < om->n_items; j++) {
			if (samm_model_find_item(nm, om->items[j].id) >= 0)
				continue;
			d->removed[d->n_removed++] = (struct samm_diff_item){
				om->items[j].id, om->items[j].criterion, oa->value[j],
				SAMM_UNSET, SAMM_DIR_REMOVED,
			};
		}
	}

	if ((rc = samm_scorecard_compute(om, oa->value, &osc))) {
		rc = nomem(err);
		goto done;
	}
	have_osc = 1;
	if ((rc = samm_scorecard_compute(nm, na->value, &nsc))) {
		rc = nomem(err);
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
	int began = snap_begin(st);
	enum samm_status rc = an_diff_periods(st, old_id, new_id, deepest, out, err);
	snap_end(st, began);
	return rc;
}

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
	free(s->periods);
	free(s);
}

static enum samm_status scope_get(struct samm_store *st, int64_t scope_id,
				  struct samm_scope *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	int src = sqlite3_prepare_v2(samm_store_sqlite(st),
				     "SELECT name FROM scope WHERE id = ?1", -1, &s, NULL);
	if (src != SQLITE_OK)
		return samm_store_sqlerr(st, src, "reading a scope", err);
	sqlite3_bind_int64(s, 1, scope_id);
	enum samm_status rc = SAMM_OK;
	src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		memset(out, 0, sizeof *out);
		out->id = scope_id;
		snprintf(out->name, sizeof out->name, "%s", name ? name : "");
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope #%lld", (long long)scope_id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a scope", err);
	}
	sqlite3_finalize(s);
	return rc;
}

/* One window period, k periods back from the latest (k = 0 is the latest). */
struct wperiod {
	const struct samm_model *m;
	int *values;            /* [m->n_items] */
	int *idx;               /* [latest model's n_items]: index in m, or -1 */
	struct samm_scorecard sc;
	int have_sc;
};

/* Fill idx[] mapping the latest model's items to m's. */
static void map_items(const struct samm_model *latest, const struct samm_model *m, int *idx)
{
	for (int i = 0; i < latest->n_items; i++)
		idx[i] = m == latest ? i : samm_model_find_item(m, latest->items[i].id);
}

static int practice_find(const struct samm_model *m, const char *code)
{
	for (int i = 0; i < m->n_practices; i++)
		if (!strcmp(m->practices[i].code, code))
			return i;
	return -1;
}

/* The value of one item in one period (SAMM_UNSET when no row), with a
 * statement prepared on first use and kept in *ps. */
static enum samm_status point_value(struct samm_store *st, sqlite3_stmt **ps, int64_t period_id,
				    const char *item, int *out, struct samm_error *err)
{
	int src;
	if (!*ps) {
		src = sqlite3_prepare_v2(samm_store_sqlite(st),
					 "SELECT value FROM score WHERE period_id = ?1 AND item = ?2",
					 -1, ps, NULL);
		if (src != SQLITE_OK)
			return samm_store_sqlerr(st, src, "reading scores", err);
	}
	sqlite3_reset(*ps);
	sqlite3_bind_int64(*ps, 1, period_id);
	sqlite3_bind_text(*ps, 2, item, -1, SQLITE_STATIC);
	*out = SAMM_UNSET;
	src = sqlite3_step(*ps);
	if (src == SQLITE_ROW && sqlite3_column_type(*ps, 0) != SQLITE_NULL) {
		int v = sqlite3_column_int(*ps, 0);
		*out = samm_value_valid(v) ? v : SAMM_UNSET;
	}
	sqlite3_reset(*ps);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading scores", err);
	return SAMM_OK;
}

/* vals[] of practice j's items in period_id (model m), the others left
 * alone: one range scan of the primary key between the lowest and the
 * highest of its item ids (a practice's ids share a prefix in SAMM, so the
 * range holds about its own rows; rows of other items in it are skipped).
 * Far cheaper than reading the whole period when only a few practices'
 * runs go on. */
static enum samm_status practice_values(struct samm_store *st, sqlite3_stmt **ps,
					int64_t period_id, const struct samm_model *m, int j,
					int *vals, struct samm_error *err)
{
	struct samm_ref ref = { SAMM_L_PRACTICE, j };
	int first, n, src;
	samm_model_ref_items(m, ref, &first, &n);
	if (n <= 0)
		return SAMM_OK;
	const char *lo = m->items[first].id, *hi = lo;
	for (int i = first; i < first + n; i++) {
		if (strcmp(m->items[i].id, lo) < 0)
			lo = m->items[i].id;
		if (strcmp(m->items[i].id, hi) > 0)
			hi = m->items[i].id;
	}
	if (!*ps) {
		src = sqlite3_prepare_v2(samm_store_sqlite(st),
					 "SELECT item, value FROM score WHERE period_id = ?1"
					 " AND item BETWEEN ?2 AND ?3", -1, ps, NULL);
		if (src != SQLITE_OK)
			return samm_store_sqlerr(st, src, "reading scores", err);
	}
	sqlite3_reset(*ps);
	sqlite3_bind_int64(*ps, 1, period_id);
	sqlite3_bind_text(*ps, 2, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(*ps, 3, hi, -1, SQLITE_STATIC);
	while ((src = sqlite3_step(*ps)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(*ps, 0);
		int i = item ? samm_model_find_item(m, item) : -1;
		if (i < first || i >= first + n || sqlite3_column_type(*ps, 1) == SQLITE_NULL)
			continue;
		int v = sqlite3_column_int(*ps, 1);
		vals[i] = samm_value_valid(v) ? v : SAMM_UNSET;
	}
	sqlite3_reset(*ps);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading scores", err);
	return SAMM_OK;
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
				    struct vreader *vr, const int *latest_vals,
				    struct samm_error *err)
{
	const struct samm_model *lm = s->model;
	size_t alive_n = s->n_items;
	unsigned char *alive = malloc(s->n_items + 1);
	sqlite3_stmt *ps = NULL, *pps = NULL;
	int *vals = NULL;
	size_t vcap = 0;
	enum samm_status rc = SAMM_OK;

	size_t palive_n = (size_t)s->n_stagnant_practices;
	unsigned char *palive = calloc(s->n_practices + 1, 1);

	if (!alive || !palive) {
		free(alive);
		free(palive);
		return nomem(err);
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
					rc = nomem(err);
					break;
				}
			}
		}
		if (whole && (rc = vreader_load(vr, s->periods[p].id, m, vals, err)))
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
					rc = practice_values(st, &pps, s->periods[p].id, m, j, vals, err);
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
			int j = m == lm ? it->item : samm_model_find_item(m, it->id), v = SAMM_UNSET;
			if (j >= 0) {
				if (whole)
					v = vals[j];
				else if ((rc = point_value(st, &ps, s->periods[p].id, it->id, &v, err)))
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
	sqlite3_finalize(ps);
	sqlite3_finalize(pps);
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

static enum samm_status an_stagnant_compute(struct samm_store *st, int64_t scope_id, int window,
				       struct samm_stagnant **out, struct samm_error *err)
{
	struct samm_stagnant *s;
	struct samm_assessment *la = NULL;
	struct wperiod w[64];
	struct vreader vr = { st, NULL, NULL, NULL };
	enum samm_status rc;
	int nw = 0, oom = 0;

	*out = NULL;
	/* The window sits in a fixed array: 64 periods is sixteen years of
	 * quarterly assessments, far beyond any useful window. */
	if (window < 2 || window > 64)
		return samm_error_set(err, SAMM_USAGE,
				      "the number of periods must be between 2 and 64, not %d",
				      window);
	if (!(s = calloc(1, sizeof *s)))
		return nomem(err);
	memset(w, 0, sizeof w);
	s->window = window;
	if ((rc = scope_get(st, scope_id, &s->scope, err)) ||
	    (rc = samm_store_period_list(st, scope_id, &s->periods, &s->n_periods, err)))
		goto done;
	if (!s->n_periods)
		goto done;
	s->enough = s->n_periods >= (size_t)window;
	nw = s->n_periods < (size_t)window ? (int)s->n_periods : window;

	/* The latest period in full (its notes are reported), the rest of the
	 * window with the light reader. */
	size_t last = s->n_periods - 1;
	if ((rc = samm_store_assessment_load(st, s->periods[last].id, &la, err)))
		goto done;
	const struct samm_model *lm = s->model = la->model;
	size_t ni = (size_t)lm->n_items + 1;
	for (int k = 0; k < nw; k++) {
		struct wperiod *wp = &w[k];
		const struct samm_period *per = &s->periods[last - (size_t)k];
		if (k == 0) {
			wp->m = lm;
		} else if ((rc = samm_store_model_get(st, per->model_id, &wp->m, err))) {
			goto done;
		}
		wp->values = malloc(((size_t)wp->m->n_items + 1) * sizeof *wp->values);
		wp->idx = malloc(ni * sizeof *wp->idx);
		if (!wp->values || !wp->idx) {
			rc = nomem(err);
			goto done;
		}
		if (k == 0)
			memcpy(wp->values, la->value, (size_t)lm->n_items * sizeof *wp->values);
		else if ((rc = vreader_load(&vr, per->id, wp->m, wp->values, err)))
			goto done;
		map_items(lm, wp->m, wp->idx);
		if (samm_scorecard_compute(wp->m, wp->values, &wp->sc)) {
			rc = nomem(err);
			goto done;
		}
		wp->have_sc = 1;
	}

	s->items = calloc(ni, sizeof *s->items);
	s->regressed = calloc(ni, sizeof *s->regressed);
	s->practices = calloc((size_t)lm->n_practices + 1, sizeof *s->practices);
	if (!s->items || !s->regressed || !s->practices) {
		rc = nomem(err);
		goto done;
	}
	for (int i = 0; i < lm->n_items; i++) {
		struct samm_stag_item it;
		memset(&it, 0, sizeof it);
		it.item = i;
		it.id = lm->items[i].id;
		it.practice = lm->streams[lm->activities[lm->items[i].activity].stream].practice;

		/* The most recent fall between two consecutive window periods. */
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
			r.note = note_dup(la->note[i], &oom);
			s->regressed[s->n_regressed++] = r;
			break;
		}
		if (!s->enough)
			continue;
		int v = la->value[i], same = 1;
		for (int k = 1; k < nw && same; k++) {
			int a = w[k].idx[i];
			same = a >= 0 && w[k].values[a] == v;
		}
		if (!same)
			continue;
		if (v == SAMM_UNSET) {
			s->n_unassessed++;
		} else if (v != SAMM_NA && v != SAMM_MOST) {
			it.value = v;
			it.from_value = v;
			it.run = nw;
			it.since = (int)(last - (size_t)(nw - 1));
			it.note = note_dup(la->note[i], &oom);
			s->items[s->n_items++] = it;
		}
	}
	if (oom) {
		rc = nomem(err);
		goto done;
	}
	stag_practices(s, w, nw);
	if ((s->n_items || s->n_stagnant_practices) &&
	    (rc = extend_runs(st, s, &vr, la->value, err)))
		goto done;
done:
	vreader_done(&vr);
	for (int k = 0; k < nw; k++) {
		if (w[k].have_sc)
			samm_scorecard_free(&w[k].sc);
		free(w[k].values);
		free(w[k].idx);
	}
	samm_assessment_free(la);
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
	int began = snap_begin(st);
	enum samm_status rc = an_stagnant_compute(st, scope_id, window, out, err);
	snap_end(st, began);
	return rc;
}

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
		if (t->n_rows == *cap) {
			size_t nc = *cap ? *cap * 2 : 32;
			struct samm_trend_row *v = realloc(t->rows, nc * sizeof *v);
			if (!v) {
				free(rv.v);
				return nomem(err);
			}
			t->rows = v;
			*cap = nc;
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
			return nomem(err);
		}
	}
	free(rv.v);
	return SAMM_OK;
}

static enum samm_status an_trend_compute(struct samm_store *st, int64_t scope_id,
				    enum samm_level deepest, struct samm_trend **out,
				    struct samm_error *err)
{
	struct samm_trend *t;
	struct tmodel *tm = NULL;
	size_t n_tm = 0, cap = 0;
	int *vals = NULL;
	size_t vcap = 0;
	struct vreader vr = { st, NULL, NULL, NULL };
	enum samm_status rc;

	*out = NULL;
	if (deepest != SAMM_L_OVERALL && deepest != SAMM_L_FUNCTION &&
	    deepest != SAMM_L_PRACTICE)
		return samm_error_set(err, SAMM_USAGE,
				      "a trend goes down to overall, function or practice");
	if (!(t = calloc(1, sizeof *t)))
		return nomem(err);
	if ((rc = samm_store_period_list(st, scope_id, &t->periods, &t->n_periods, err)))
		goto done;
	if (!t->n_periods)
		goto done;
	/* Distinct models, newest period first, so that rows follow the
	 * latest model and older models only add what it lacks. */
	if (!(tm = calloc(t->n_periods, sizeof *tm))) {
		rc = nomem(err);
		goto done;
	}
	for (size_t p = t->n_periods; p-- > 0;) {
		const struct samm_model *m;
		size_t k;
		if ((rc = samm_store_model_get(st, t->periods[p].model_id, &m, err)))
			goto done;
		for (k = 0; k < n_tm && tm[k].m != m; k++)
			;
		if (k < n_tm)
			continue;
		tm[n_tm++].m = m;
		if ((rc = trend_add_rows(t, &cap, m, deepest, err)))
			goto done;
	}
	for (size_t k = 0; k < n_tm; k++) {
		if (!(tm[k].map = malloc((t->n_rows + 1) * sizeof *tm[k].map))) {
			rc = nomem(err);
			goto done;
		}
		for (size_t r = 0; r < t->n_rows; r++)
			tm[k].map[r] = fig_find(tm[k].m, t->rows[r].level, t->rows[r].id);
	}
	for (size_t p = 0; p < t->n_periods; p++) {
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
				rc = nomem(err);
				goto done;
			}
		}
		if ((rc = vreader_load(&vr, t->periods[p].id, m, vals, err)))
			goto done;
		if (samm_scorecard_compute(m, vals, &sc)) {
			rc = nomem(err);
			goto done;
		}
		for (size_t r = 0; r < t->n_rows; r++) {
			int j = tm[k].map[r];
			if (j < 0)
				continue;
			struct samm_ref ref = { t->rows[r].level, j };
			const struct samm_fig *f = samm_scorecard_get(&sc, ref);
			t->rows[r].score[p] = f->score;
			t->rows[r].present[p] = 1;
			t->rows[r].na[p] = (unsigned char)f->na;
		}
		samm_scorecard_free(&sc);
	}
done:
	vreader_done(&vr);
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
	int began = snap_begin(st);
	enum samm_status rc = an_trend_compute(st, scope_id, deepest, out, err);
	snap_end(st, began);
	return rc;
}

/* ---- One item's history ------------------------------------------------------------------------ */

void samm_item_history_free(struct samm_item_hist *h, size_t n)
{
	if (!h)
		return;
	for (size_t i = 0; i < n; i++) {
		free(h[i].note);
		free(h[i].updated_by);
		free(h[i].updated_at);
	}
	free(h);
}

static char *col_dup(sqlite3_stmt *s, int col, int *oom)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	if (!t)
		return NULL;
	char *d = strdup(t);
	if (!d)
		*oom = 1;
	return d;
}

static enum samm_status an_item_history(struct samm_store *st, int64_t scope_id,
				   const char *item_id, struct samm_item_hist **out,
				   size_t *n, struct samm_error *err)
{
	struct samm_period *per = NULL;
	struct samm_item_hist *h = NULL;
	size_t np = 0;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	int oom = 0;

	*out = NULL;
	*n = 0;
	if (!item_id || !*item_id)
		return samm_error_set(err, SAMM_USAGE, "no item given");
	if ((rc = samm_store_period_list(st, scope_id, &per, &np, err)))
		return rc;
	if (!(h = calloc(np + 1, sizeof *h))) {
		rc = nomem(err);
		goto done;
	}
	int src = sqlite3_prepare_v2(samm_store_sqlite(st),
				     "SELECT value, note, updated_by, updated_at FROM score"
				     " WHERE period_id = ?1 AND item = ?2", -1, &s, NULL);
	if (src != SQLITE_OK) {
		rc = samm_store_sqlerr(st, src, "reading scores", err);
		goto done;
	}
	for (size_t p = 0; p < np; p++) {
		const struct samm_model *m;
		h[p].period = per[p];
		h[p].value = SAMM_UNSET;
		if ((rc = samm_store_model_get(st, per[p].model_id, &m, err)))
			goto done;
		if (!(h[p].present = samm_model_find_item(m, item_id) >= 0))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, per[p].id);
		sqlite3_bind_text(s, 2, item_id, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
		if (src == SQLITE_ROW) {
			if (sqlite3_column_type(s, 0) != SQLITE_NULL) {
				int v = sqlite3_column_int(s, 0);
				h[p].value = samm_value_valid(v) ? v : SAMM_UNSET;
			}
			const char *note = (const char *)sqlite3_column_text(s, 1);
			h[p].note = note_dup(note, &oom);
			h[p].updated_by = col_dup(s, 2, &oom);
			h[p].updated_at = col_dup(s, 3, &oom);
		} else if (src != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, src, "reading scores", err);
			goto done;
		}
	}
	if (oom)
		rc = nomem(err);
done:
	sqlite3_finalize(s);
	free(per);
	if (rc) {
		samm_item_history_free(h, np);
		return rc;
	}
	*out = h;
	*n = np;
	return SAMM_OK;
}

enum samm_status samm_item_history(struct samm_store *st, int64_t scope_id,
				   const char *item_id, struct samm_item_hist **out,
				   size_t *n, struct samm_error *err)
{
	int began = snap_begin(st);
	enum samm_status rc = an_item_history(st, scope_id, item_id, out, n, err);
	snap_end(st, began);
	return rc;
}

/* ---- Policy check -------------------------------------------------------------------------------- */

static enum samm_status an_check_run(struct samm_store *st, int64_t scope_id,
				const struct samm_check_policy *pol,
				struct samm_check_result *out, struct samm_error *err)
{
	struct samm_stagnant *sg = NULL;
	enum samm_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = samm_stagnant_compute(st, scope_id, pol->window, &sg, err)))
		return rc;
	if (!sg->n_periods) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "scope '%s' has no periods",
				    sg->scope.name);
		samm_stagnant_free(sg);
		return rc;
	}
	out->n_periods = sg->n_periods;
	out->latest = sg->periods[sg->n_periods - 1];
	out->enough = sg->enough;
	out->n_stagnant_items = (int)sg->n_items;
	out->n_stagnant_practices = sg->n_stagnant_practices;
	out->n_regressed_items = (int)sg->n_regressed;
	out->n_regressed_practices = sg->n_regressed_practices;
	out->n_unassessed = sg->n_unassessed;

	/* A diff against itself when there is no previous period gives the
	 * latest overall score with nothing changed. */
	out->has_previous = sg->n_periods >= 2;
	if (out->has_previous)
		out->previous = sg->periods[sg->n_periods - 2];
	struct samm_diff *d = NULL;
	rc = samm_diff_periods(st, out->has_previous ? out->previous.id : out->latest.id,
			       out->latest.id, SAMM_L_OVERALL, &d, err);
	samm_stagnant_free(sg);
	if (rc)
		return rc;
	out->n_up = d->n_up;
	out->n_down = d->n_down;
	out->n_changed = d->n_changed;
	out->overall = d->overall.new_score;
	out->overall_delta = d->overall.delta;
	samm_diff_free(d);

	if (pol->max_stagnant >= 0 && out->n_stagnant_items > pol->max_stagnant)
		out->broken |= SAMM_CHECK_MAX_STAGNANT;
	if (pol->no_regressions && (out->n_regressed_items || out->n_regressed_practices))
		out->broken |= SAMM_CHECK_REGRESSIONS;
	if (pol->min_overall >= 0 && out->overall < pol->min_overall - SCORE_EPS)
		out->broken |= SAMM_CHECK_MIN_OVERALL;
	return SAMM_OK;
}

enum samm_status samm_check_run(struct samm_store *st, int64_t scope_id,
				const struct samm_check_policy *pol,
				struct samm_check_result *out, struct samm_error *err)
{
	int began = snap_begin(st);
	enum samm_status rc = an_check_run(st, scope_id, pol, out, err);
	snap_end(st, began);
	return rc;
}
