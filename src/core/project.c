/* project.c - projects, their links to activities and items, targets, and
 * what they say about the scores (outcome, percent to target, coverage).
 *
 * Data (schema version 2, store.c):
 *   project(id, scope_id, name, owner, description, status, start_period,
 *           end_period, created_at, updated_at)
 *   project_link(project_id, ref, level, activity): ref is the linked
 *           activity code or item id; activity its activity's code, so
 *           that "who covers activity X" is one lookup by activity
 *   target(period_id, activity, value, set_by, set_at)
 * Changes are rows of the store's `log` table (item "project:NAME" or
 * "target:ACTIVITY"), written in the same transaction as the change.
 *
 * Reading: values of a period are read once per call into a small cache
 * (struct pcache) with their scorecard, because a project list compares
 * the same few periods for every project. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "samm/project.h"
#include "samm/util.h"
#include "samm/value.h"
#include "store_int.h"

/* Scores are sums and means of quarters; closer than this is equal. */
#define EPS 1e-9

static enum samm_status nomem(struct samm_error *err)
{
	return samm_error_set(err, SAMM_NOMEM, "out of memory");
}

/* ---- Status -------------------------------------------------------------------- */

static const char *const status_names[SAMM_PROJECT_STATUS_COUNT] = {
	[SAMM_PROJECT_PLANNED] = "planned", [SAMM_PROJECT_ACTIVE] = "active",
	[SAMM_PROJECT_DONE] = "done", [SAMM_PROJECT_DROPPED] = "dropped",
};

const char *samm_project_status_name(enum samm_project_status s)
{
	return (unsigned)s < SAMM_PROJECT_STATUS_COUNT ? status_names[s] : "?";
}

int samm_project_status_parse(const char *s, enum samm_project_status *out)
{
	for (int i = 0; s && i < SAMM_PROJECT_STATUS_COUNT; i++)
		if (!strcmp(s, status_names[i])) {
			*out = (enum samm_project_status)i;
			return 0;
		}
	return -1;
}

/* ---- SQL helpers ------------------------------------------------------------------ */

static enum samm_status prep(struct samm_store *st, const char *sql, sqlite3_stmt **out,
			     struct samm_error *err)
{
	int rc = sqlite3_prepare_v2(samm_store_sqlite(st), sql, -1, out, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
		return samm_store_sqlerr(st, rc, "preparing a query", err);
	}
	return SAMM_OK;
}

/* NULL binds SQL NULL; the caller keeps t alive until the reset. */
static void bind_text(sqlite3_stmt *s, int idx, const char *t)
{
	if (t)
		sqlite3_bind_text(s, idx, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

static void bind_value(sqlite3_stmt *s, int idx, int v)
{
	if (v == SAMM_UNSET)
		sqlite3_bind_null(s, idx);
	else
		sqlite3_bind_int(s, idx, v);
}

static void col_copy(sqlite3_stmt *s, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Run a statement to its end (DONE); what names it in messages. */
static enum samm_status step_done(struct samm_store *st, sqlite3_stmt *s, const char *what,
				  struct samm_error *err)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return samm_store_sqlerr(st, rc, what, err);
	return SAMM_OK;
}

/* A read snapshot for a call that runs several queries, unless the caller
 * already has a transaction open (as analysis.c does). */
static int snap_begin(struct samm_store *st)
{
	sqlite3 *db = samm_store_sqlite(st);
	if (!sqlite3_get_autocommit(db))
		return 0;
	return sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void snap_end(struct samm_store *st, int began)
{
	if (began)
		sqlite3_exec(samm_store_sqlite(st), "COMMIT", NULL, NULL, NULL);
}

/* ---- Text checks ---------------------------------------------------------------------- */

/* A name or owner: valid UTF-8, no control characters (C0, DEL, C1, nor the
 * bidirectional controls: samm_cp_is_control), shorter than max; empty only
 * when allow_empty.  allow_ctl (descriptions, free text like notes) lets
 * them all through: every display escapes them anyway. */
static enum samm_status check_text(const char *what, const char *s, size_t max,
				   int allow_empty, int allow_ctl, struct samm_error *err)
{
	size_t bad, len;
	if (!s || !*s) {
		if (allow_empty)
			return SAMM_OK;
		return samm_error_set(err, SAMM_USAGE, "%s is empty", what);
	}
	len = strlen(s);
	if (len >= max)
		return samm_error_set(err, SAMM_USAGE, "%s '%.40s...' is too long (at most %zu"
				      " bytes)", what, s, max - 1);
	if (!samm_utf8_valid(s, len, &bad))
		return samm_error_set(err, SAMM_USAGE, "%s is not valid UTF-8 (byte %zu)", what,
				      bad + 1);
	for (size_t i = 0, n; !allow_ctl && i < len; i += n) {
		uint32_t cp;
		/* (checked valid above, so n > 0) */
		if (!(n = samm_utf8_decode(s + i, len - i, &cp)) || samm_cp_is_control(cp))
			return samm_error_set(err, SAMM_USAGE, "%s holds a control character"
					      " (byte %zu)", what, i + 1);
	}
	return SAMM_OK;
}

static enum samm_status check_fields(const char *name, const struct samm_project_fields *f,
				     struct samm_error *err)
{
	enum samm_status rc;
	if (name && (rc = check_text("project name", name, SAMM_PROJECT_NAME_MAX, 0, 0, err)))
		return rc;
	if (!f)
		return SAMM_OK;
	if (f->name && (rc = check_text("project name", f->name, SAMM_PROJECT_NAME_MAX, 0, 0,
					 err)))
		return rc;
	if (f->owner && (rc = check_text("owner", f->owner, SAMM_PROJECT_NAME_MAX, 1, 0, err)))
		return rc;
	if (f->description && (rc = check_text("description", f->description,
						SAMM_PROJECT_DESC_MAX, 1, 1, err)))
		return rc;
	if (f->set_status && (unsigned)f->status >= SAMM_PROJECT_STATUS_COUNT)
		return samm_error_set(err, SAMM_USAGE, "invalid project status %d", (int)f->status);
	return SAMM_OK;
}

/* ---- Scopes and periods ---------------------------------------------------------------- */

static enum samm_status scope_name(struct samm_store *st, int64_t scope_id, char *buf,
				   size_t size, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, "SELECT name FROM scope WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		col_copy(s, 0, buf, size);
	else if (src == SQLITE_DONE)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope #%lld", (long long)scope_id);
	else
		rc = samm_store_sqlerr(st, src, "reading a scope", err);
	sqlite3_finalize(s);
	return rc;
}

#define PERIOD_SQL "SELECT id, scope_id, model_id, name, date FROM period "

static void period_row(sqlite3_stmt *s, int col, struct samm_period *p)
{
	memset(p, 0, sizeof *p);
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return;
	p->id = sqlite3_column_int64(s, col);
	p->scope_id = sqlite3_column_int64(s, col + 1);
	p->model_id = sqlite3_column_int64(s, col + 2);
	col_copy(s, col + 3, p->name, sizeof p->name);
	col_copy(s, col + 4, p->date, sizeof p->date);
}

static enum samm_status period_by_id(struct samm_store *st, int64_t id, struct samm_period *out,
				     struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, PERIOD_SQL "WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		period_row(s, 0, out);
	else if (src == SQLITE_DONE)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no period #%lld", (long long)id);
	else
		rc = samm_store_sqlerr(st, src, "reading a period", err);
	sqlite3_finalize(s);
	return rc;
}

/* The scope's latest period (the store's order); out->id 0 when none. */
static enum samm_status latest_period(struct samm_store *st, int64_t scope_id,
				      struct samm_period *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, PERIOD_SQL "WHERE scope_id = ?1 ORDER BY date DESC, id DESC"
				   " LIMIT 1", &s, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		period_row(s, 0, out);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading periods", err);
	sqlite3_finalize(s);
	return rc;
}

/* Is period a older than b in the store's order (date, then creation)? */
static int period_before(const struct samm_period *a, const struct samm_period *b)
{
	int c = strcmp(a->date, b->date);
	return c < 0 || (c == 0 && a->id < b->id);
}

/* ---- The change log --------------------------------------------------------------------- */

struct logctx {
	const char *user;
	char now[32];
	char scope[128];
};

static enum samm_status log_put(struct samm_store *st, const struct logctx *lc,
				const char *period, const char *prefix, const char *name,
				int old_value, int new_value, const char *old_note,
				const char *new_note, struct samm_error *err)
{
	sqlite3_stmt *s;
	size_t n = strlen(prefix) + strlen(name) + 1;
	char *item = malloc(n);
	if (!item)
		return nomem(err);
	snprintf(item, n, "%s%s", prefix, name);
	enum samm_status rc = prep(st, "INSERT INTO log(at, user, scope, period, item, old_value,"
				   " new_value, old_note, new_note)"
				   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &s, err);
	if (!rc) {
		bind_text(s, 1, lc->now);
		bind_text(s, 2, lc->user);
		bind_text(s, 3, lc->scope);
		bind_text(s, 4, period);
		bind_text(s, 5, item);
		bind_value(s, 6, old_value);
		bind_value(s, 7, new_value);
		bind_text(s, 8, old_note);
		bind_text(s, 9, new_note);
		rc = step_done(st, s, "writing the change log", err);
		sqlite3_finalize(s);
	}
	free(item);
	return rc;
}

static enum samm_status log_project(struct samm_store *st, const struct logctx *lc,
				    const char *project, const char *old_note,
				    const char *new_note, struct samm_error *err)
{
	return log_put(st, lc, "", "project:", project, SAMM_UNSET, SAMM_UNSET, old_note, new_note,
		       err);
}

static void logctx_init(struct logctx *lc, const char *user)
{
	memset(lc, 0, sizeof *lc);
	lc->user = user && *user ? user : samm_user(NULL);
	samm_now_iso(lc->now, sizeof lc->now);
}

/* ---- Models: finding activities, values of a period ---------------------------------------- */

static int act_find(const struct samm_model *m, const char *code)
{
	for (int a = 0; m && a < m->n_activities; a++)
		if (!strcmp(m->activities[a].code, code))
			return a;
	return -1;
}

/* The value whose worth is an activity's score; N/A and unset as in
 * samm_project_point. */
static int fig_value(const struct samm_fig *f)
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

/* One period's values and scorecard. */
struct pvals {
	int64_t period_id;
	const struct samm_model *m;
	int *values;            /* [m->n_items] */
	struct samm_scorecard sc;
	int have_sc;
	int *targets;           /* [m->n_activities]; NULL until asked for */
};

/* The periods one call has read (a handful: a linear list is enough).
 * Each is allocated on its own so that pointers to it survive growing
 * the list. */
struct pcache {
	struct samm_store *st;
	struct pvals **v;
	size_t n, cap;
	sqlite3_stmt *vs;       /* SELECT item, value ... reused for every period */
};

static void pcache_free(struct pcache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i]->have_sc)
			samm_scorecard_free(&c->v[i]->sc);
		free(c->v[i]->values);
		free(c->v[i]->targets);
		free(c->v[i]);
	}
	free(c->v);
	sqlite3_finalize(c->vs);
	memset(c, 0, sizeof *c);
}

static enum samm_status pcache_get(struct pcache *c, const struct samm_period *p,
				   struct pvals **out, struct samm_error *err)
{
	enum samm_status rc;
	int src;

	for (size_t i = 0; i < c->n; i++)
		if (c->v[i]->period_id == p->id) {
			*out = c->v[i];
			return SAMM_OK;
		}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4;
		struct pvals **nv = realloc(c->v, cap * sizeof *nv);
		if (!nv)
			return nomem(err);
		c->v = nv;
		c->cap = cap;
	}
	struct pvals *pv = calloc(1, sizeof *pv);
	if (!pv)
		return nomem(err);
	c->v[c->n++] = pv;      /* from here on pcache_free releases it */
	pv->period_id = p->id;
	if ((rc = samm_store_model_get(c->st, p->model_id, &pv->m, err)))
		return rc;
	if (!(pv->values = malloc(((size_t)pv->m->n_items + 1) * sizeof *pv->values)))
		return nomem(err);
	for (int i = 0; i < pv->m->n_items; i++)
		pv->values[i] = SAMM_UNSET;
	if (!c->vs && (rc = prep(c->st, "SELECT item, value FROM score WHERE period_id = ?1",
				 &c->vs, err)))
		return rc;
	sqlite3_reset(c->vs);
	sqlite3_bind_int64(c->vs, 1, p->id);
	while ((src = sqlite3_step(c->vs)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(c->vs, 0);
		int i = item ? samm_model_find_item(pv->m, item) : -1;
		if (i < 0 || sqlite3_column_type(c->vs, 1) == SQLITE_NULL)
			continue;
		int v = sqlite3_column_int(c->vs, 1);
		pv->values[i] = samm_value_valid(v) ? v : SAMM_UNSET;
	}
	sqlite3_reset(c->vs);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(c->st, src, "reading scores", err);
	if (samm_scorecard_compute(pv->m, pv->values, &pv->sc))
		return nomem(err);
	pv->have_sc = 1;
	*out = pv;
	return SAMM_OK;
}

static enum samm_status pvals_targets(struct pcache *c, struct pvals *pv, struct samm_error *err)
{
	if (pv->targets)
		return SAMM_OK;
	if (!(pv->targets = malloc(((size_t)pv->m->n_activities + 1) * sizeof *pv->targets)))
		return nomem(err);
	return samm_target_load(c->st, pv->period_id, pv->m, pv->targets, err);
}

static struct samm_project_point act_point(const struct pvals *pv, const char *code, int *index)
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

static struct samm_project_point item_point(const struct pvals *pv, const char *id, int *index)
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

static enum samm_dir point_dir(const struct samm_project_point *a,
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

/* ---- Reading projects ------------------------------------------------------------------------ */

#define PROJECT_SQL \
	"SELECT p.id, p.scope_id, p.name, p.owner, p.description, p.status, p.created_at," \
	" p.updated_at," \
	" (SELECT count(*) FROM project_link l WHERE l.project_id = p.id)," \
	" (SELECT count(DISTINCT l.activity) FROM project_link l WHERE l.project_id = p.id)," \
	" s.id, s.scope_id, s.model_id, s.name, s.date," \
	" e.id, e.scope_id, e.model_id, e.name, e.date" \
	" FROM project p LEFT JOIN period s ON s.id = p.start_period" \
	" LEFT JOIN period e ON e.id = p.end_period "
#define PROJECT_ORDER \
	" ORDER BY CASE p.status WHEN 'planned' THEN 0 WHEN 'active' THEN 1" \
	" WHEN 'done' THEN 2 ELSE 3 END, p.name, p.id"

static void project_row(sqlite3_stmt *s, struct samm_project *p)
{
	char status[16];
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->scope_id = sqlite3_column_int64(s, 1);
	col_copy(s, 2, p->name, sizeof p->name);
	col_copy(s, 3, p->owner, sizeof p->owner);
	col_copy(s, 4, p->description, sizeof p->description);
	col_copy(s, 5, status, sizeof status);
	if (samm_project_status_parse(status, &p->status))
		p->status = SAMM_PROJECT_PLANNED; /* the CHECK constraint makes this unreachable */
	col_copy(s, 6, p->created_at, sizeof p->created_at);
	col_copy(s, 7, p->updated_at, sizeof p->updated_at);
	p->n_links = sqlite3_column_int(s, 8);
	p->n_activities = sqlite3_column_int(s, 9);
	period_row(s, 10, &p->start);
	period_row(s, 15, &p->end);
}

/* Fill the outcome of a done project with both periods. */
static enum samm_status project_outcome(struct samm_store *st, struct pcache *c,
					struct samm_project *p, struct samm_error *err)
{
	struct pvals *a, *b;
	sqlite3_stmt *s;
	enum samm_status rc;
	int src;

	p->has_outcome = 0;
	p->n_rose = p->n_compared = 0;
	if (p->status != SAMM_PROJECT_DONE || !p->start.id || !p->end.id)
		return SAMM_OK;
	if ((rc = pcache_get(c, &p->start, &a, err)) || (rc = pcache_get(c, &p->end, &b, err)))
		return rc;
	if ((rc = prep(st, "SELECT DISTINCT activity FROM project_link WHERE project_id = ?1", &s,
		       err)))
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		if (!code)
			continue;
		struct samm_project_point x = act_point(a, code, NULL), y = act_point(b, code, NULL);
		if (!x.present || !y.present)
			continue;
		p->n_compared++;
		p->n_rose += samm_value_dir(x.value, y.value) == SAMM_DIR_UP;
	}
	if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	sqlite3_finalize(s);
	p->has_outcome = !rc;
	return rc;
}

/* Step a bound PROJECT_SQL statement: the rows whose status is in mask,
 * with their outcomes.  Finalizes s. */
static enum samm_status project_collect(struct samm_store *st, sqlite3_stmt *s, unsigned mask,
					struct samm_project **out, size_t *n,
					struct samm_error *err)
{
	struct samm_project *v = NULL;
	size_t cnt = 0, cap = 0;
	enum samm_status rc = SAMM_OK;
	struct pcache c = { st, NULL, 0, 0, NULL };
	int src;

	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			struct samm_project *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				rc = nomem(err);
				break;
			}
			v = nv;
		}
		project_row(s, &v[cnt]);
		if (mask & SAMM_PROJECT_MASK(v[cnt].status))
			cnt++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading projects", err);
	sqlite3_finalize(s);
	for (size_t i = 0; !rc && i < cnt; i++)
		rc = project_outcome(st, &c, &v[i], err);
	pcache_free(&c);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

/* One project by a WHERE clause with up to two bound values. */
static enum samm_status project_one(struct samm_store *st, const char *where, int64_t a,
				    const char *b, struct samm_project *out, int *found,
				    struct samm_error *err)
{
	char sql[1024];
	sqlite3_stmt *s;
	struct samm_project *v = NULL;
	size_t n = 0;
	enum samm_status rc;

	snprintf(sql, sizeof sql, "%s%s", PROJECT_SQL, where);
	if ((rc = prep(st, sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, a);
	if (b)
		bind_text(s, 2, b);
	if ((rc = project_collect(st, s, SAMM_PROJECT_ANY, &v, &n, err)))
		return rc;
	*found = n > 0;
	if (n)
		*out = v[0];
	free(v);
	return SAMM_OK;
}

static enum samm_status an_project_get(struct samm_store *st, int64_t project_id,
				       struct samm_project *out, struct samm_error *err)
{
	int found;
	enum samm_status rc = project_one(st, "WHERE p.id = ?1", project_id, NULL, out, &found,
					  err);
	if (!rc && !found)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no project #%lld", (long long)project_id);
	return rc;
}

enum samm_status samm_project_get(struct samm_store *st, int64_t project_id,
				  struct samm_project *out, struct samm_error *err)
{
	int began = snap_begin(st);
	enum samm_status rc = an_project_get(st, project_id, out, err);
	snap_end(st, began);
	return rc;
}

enum samm_status samm_project_find(struct samm_store *st, int64_t scope_id, const char *name,
				   struct samm_project *out, struct samm_error *err)
{
	int found, began;
	enum samm_status rc;
	char sname[128];

	if (!name || !*name)
		return samm_error_set(err, SAMM_USAGE, "no project name given");
	began = snap_begin(st);
	rc = project_one(st, "WHERE p.scope_id = ?1 AND p.name = ?2", scope_id, name, out,
			 &found, err);
	if (!rc && !found && !(rc = scope_name(st, scope_id, sname, sizeof sname, err)))
		rc = samm_error_set(err, SAMM_NOTFOUND, "no project '%s' in scope '%s'", name,
				    sname);
	snap_end(st, began);
	return rc;
}

enum samm_status samm_project_list(struct samm_store *st, int64_t scope_id,
				   unsigned status_mask, struct samm_project **out, size_t *n,
				   struct samm_error *err)
{
	sqlite3_stmt *s;
	char sname[128];
	enum samm_status rc;
	int began;

	*out = NULL;
	*n = 0;
	began = snap_begin(st);
	if (!(rc = scope_name(st, scope_id, sname, sizeof sname, err)) &&
	    !(rc = prep(st, PROJECT_SQL "WHERE p.scope_id = ?1" PROJECT_ORDER, &s, err))) {
		sqlite3_bind_int64(s, 1, scope_id);
		rc = project_collect(st, s, status_mask, out, n, err);
	}
	snap_end(st, began);
	return rc;
}

/* The activity code of an item id: everything before its last '.' (the
 * model's rule).  Writes into buf; "" when there is no '.'. */
static void item_activity(const char *id, char *buf, size_t size)
{
	const char *dot = strrchr(id, '.');
	size_t n = dot ? (size_t)(dot - id) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, id, n);
	buf[n] = '\0';
}

enum samm_status samm_project_covering(struct samm_store *st, int64_t scope_id,
				       enum samm_level level, const char *id,
				       unsigned status_mask, struct samm_project **out,
				       size_t *n, struct samm_error *err)
{
	char act[256];
	sqlite3_stmt *s;
	enum samm_status rc;
	int began;

	*out = NULL;
	*n = 0;
	if (!id || !*id)
		return samm_error_set(err, SAMM_USAGE, "no activity or item given");
	if (level == SAMM_L_ACTIVITY)
		snprintf(act, sizeof act, "%s", id);
	else if (level == SAMM_L_ITEM)
		item_activity(id, act, sizeof act);
	else
		return samm_error_set(err, SAMM_USAGE, "projects cover activities and items,"
				      " not a %s", samm_level_name(level));
	began = snap_begin(st);
	/* an activity: any link under it; an item: its own link or its
	 * activity's (both rows carry the item's activity) */
	rc = prep(st, PROJECT_SQL "WHERE p.scope_id = ?1 AND p.id IN (SELECT project_id FROM"
		  " project_link WHERE activity = ?2 AND (?3 IS NULL OR level = 'activity'"
		  " OR ref = ?3))" PROJECT_ORDER, &s, err);
	if (!rc) {
		sqlite3_bind_int64(s, 1, scope_id);
		bind_text(s, 2, act);
		bind_text(s, 3, level == SAMM_L_ITEM ? id : NULL);
		rc = project_collect(st, s, status_mask, out, n, err);
		if (!rc && !*n) {
			free(*out);
			*out = NULL;
		}
	}
	snap_end(st, began);
	return rc;
}

/* ---- Writing projects ------------------------------------------------------------------------ */

/* The period `id` of the scope for a project's start or end; 0 gives an
 * empty period. */
static enum samm_status project_period(struct samm_store *st, int64_t scope_id, int64_t id,
				       const char *what, struct samm_period *out,
				       struct samm_error *err)
{
	enum samm_status rc;
	memset(out, 0, sizeof *out);
	if (!id)
		return SAMM_OK;
	if ((rc = period_by_id(st, id, out, err)))
		return rc;
	if (out->scope_id != scope_id)
		return samm_error_set(err, SAMM_USAGE, "the %s period '%s' belongs to another scope",
				      what, out->name);
	return SAMM_OK;
}

static enum samm_status check_span(const struct samm_period *start, const struct samm_period *end,
				   struct samm_error *err)
{
	if (start->id && end->id && period_before(end, start))
		return samm_error_set(err, SAMM_USAGE, "the end period '%s' (%s) is before the start"
				      " period '%s' (%s)", end->name, end->date, start->name,
				      start->date);
	return SAMM_OK;
}

static enum samm_status name_taken(struct samm_store *st, int64_t scope_id, const char *name,
				   const char *scope, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, "SELECT 1 FROM project WHERE scope_id = ?1 AND name = ?2",
				   &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	bind_text(s, 2, name);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		rc = samm_error_set(err, SAMM_EXISTS, "project '%s' already exists in scope '%s'",
				    name, scope);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading projects", err);
	sqlite3_finalize(s);
	return rc;
}

/* "a, b, c": append part to buf with a separator. */
static void append(char *buf, size_t size, const char *part)
{
	size_t n = strlen(buf);
	if (n < size)
		snprintf(buf + n, size - n, "%s%s", n ? ", " : "", part);
}

enum samm_status samm_project_new(struct samm_store *st, int64_t scope_id, const char *name,
				  const struct samm_project_fields *f, const char *user,
				  struct samm_project *out, struct samm_error *err)
{
	static const struct samm_project_fields none;
	struct samm_period start, end;
	struct logctx lc;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	char what[600] = "", part[200], note[640];

	if (!f)
		f = &none;
	if ((rc = check_fields(name, f, err)) || (rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	enum samm_project_status status = f->set_status ? f->status : SAMM_PROJECT_PLANNED;
	if ((rc = scope_name(st, scope_id, lc.scope, sizeof lc.scope, err)) ||
	    (rc = name_taken(st, scope_id, name, lc.scope, err)))
		goto fail;
	if (f->set_start) {
		if ((rc = project_period(st, scope_id, f->start_id, "start", &start, err)))
			goto fail;
	} else if ((rc = latest_period(st, scope_id, &start, err))) {
		goto fail;
	}
	if (f->set_end) {
		if ((rc = project_period(st, scope_id, f->end_id, "end", &end, err)))
			goto fail;
	} else if (status == SAMM_PROJECT_DONE) {
		if ((rc = latest_period(st, scope_id, &end, err)))
			goto fail;
	} else {
		memset(&end, 0, sizeof end);
	}
	if ((rc = check_span(&start, &end, err)))
		goto fail;

	if ((rc = prep(st, "INSERT INTO project(scope_id, name, owner, description, status,"
		       " start_period, end_period, created_at, updated_at)"
		       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, scope_id);
	bind_text(s, 2, name);
	bind_text(s, 3, f->owner ? f->owner : "");
	bind_text(s, 4, f->description ? f->description : "");
	bind_text(s, 5, samm_project_status_name(status));
	if (start.id)
		sqlite3_bind_int64(s, 6, start.id);
	if (end.id)
		sqlite3_bind_int64(s, 7, end.id);
	bind_text(s, 8, lc.now);
	rc = step_done(st, s, "creating a project", err);
	sqlite3_finalize(s);
	if (rc)
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(samm_store_sqlite(st));

	append(what, sizeof what, samm_project_status_name(status));
	if (f->owner && *f->owner) {
		snprintf(part, sizeof part, "owner %s", f->owner);
		append(what, sizeof what, part);
	}
	if (start.id) {
		snprintf(part, sizeof part, "start %s", start.name);
		append(what, sizeof what, part);
	}
	if (end.id) {
		snprintf(part, sizeof part, "end %s", end.name);
		append(what, sizeof what, part);
	}
	snprintf(note, sizeof note, "created (%s)", what);
	if ((rc = log_project(st, &lc, name, NULL, note, err)) ||
	    (rc = samm_store_commit(st, err)))
		goto fail;
	if (out)
		return samm_project_get(st, id, out, err);
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

/* "owner alice" / "no owner" and the like, for log rows. */
static void describe(char *buf, size_t size, const char *field, const char *value)
{
	if (value && *value)
		snprintf(buf, size, "%s %s", field, value);
	else
		snprintf(buf, size, "no %s", field);
}

enum samm_status samm_project_set(struct samm_store *st, int64_t project_id,
				  const struct samm_project_fields *f, const char *user,
				  int *n_changed, struct samm_error *err)
{
	struct samm_project p;
	struct samm_period start, end;
	struct logctx lc;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	char o[SAMM_PROJECT_DESC_MAX + 32], n[SAMM_PROJECT_DESC_MAX + 32];
	int changed = 0;

	if (n_changed)
		*n_changed = 0;
	if (!f)
		return SAMM_OK;
	if ((rc = check_fields(NULL, f, err)) || (rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = an_project_get(st, project_id, &p, err)) ||
	    (rc = scope_name(st, p.scope_id, lc.scope, sizeof lc.scope, err)))
		goto fail;

	const char *name = f->name ? f->name : p.name;
	const char *owner = f->owner ? f->owner : p.owner;
	const char *desc = f->description ? f->description : p.description;
	enum samm_project_status status = f->set_status ? f->status : p.status;
	start = p.start;
	end = p.end;
	if (f->set_start && (rc = project_period(st, p.scope_id, f->start_id, "start", &start,
						 err)))
		goto fail;
	if (f->set_end) {
		if ((rc = project_period(st, p.scope_id, f->end_id, "end", &end, err)))
			goto fail;
	} else if (status == SAMM_PROJECT_DONE && p.status != SAMM_PROJECT_DONE && !end.id) {
		/* the outcome compares start with end: done means "by now" */
		if ((rc = latest_period(st, p.scope_id, &end, err)))
			goto fail;
	}
	if ((rc = check_span(&start, &end, err)))
		goto fail;

	/* one log row per changed field, the rename first so that the rows
	 * after it carry the new name */
	if (strcmp(name, p.name) != 0) {
		if ((rc = name_taken(st, p.scope_id, name, lc.scope, err)))
			goto fail;
		describe(o, sizeof o, "name", p.name);
		describe(n, sizeof n, "name", name);
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (status != p.status) {
		describe(o, sizeof o, "status", samm_project_status_name(p.status));
		describe(n, sizeof n, "status", samm_project_status_name(status));
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (strcmp(owner, p.owner) != 0) {
		describe(o, sizeof o, "owner", p.owner);
		describe(n, sizeof n, "owner", owner);
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (strcmp(desc, p.description) != 0) {
		describe(o, sizeof o, "description", p.description);
		describe(n, sizeof n, "description", desc);
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (start.id != p.start.id) {
		describe(o, sizeof o, "start", p.start.name);
		describe(n, sizeof n, "start", start.name);
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (end.id != p.end.id) {
		describe(o, sizeof o, "end", p.end.name);
		describe(n, sizeof n, "end", end.name);
		if ((rc = log_project(st, &lc, name, o, n, err)))
			goto fail;
		changed++;
	}
	if (!changed) {
		samm_store_rollback(st);
		return SAMM_OK;
	}
	if ((rc = prep(st, "UPDATE project SET name = ?2, owner = ?3, description = ?4,"
		       " status = ?5, start_period = ?6, end_period = ?7, updated_at = ?8"
		       " WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, project_id);
	bind_text(s, 2, name);
	bind_text(s, 3, owner);
	bind_text(s, 4, desc);
	bind_text(s, 5, samm_project_status_name(status));
	if (start.id)
		sqlite3_bind_int64(s, 6, start.id);
	if (end.id)
		sqlite3_bind_int64(s, 7, end.id);
	bind_text(s, 8, lc.now);
	rc = step_done(st, s, "changing a project", err);
	sqlite3_finalize(s);
	if (rc || (rc = samm_store_commit(st, err)))
		goto fail;
	if (n_changed)
		*n_changed = changed;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_project_delete(struct samm_store *st, int64_t project_id,
				     const char *user, struct samm_error *err)
{
	struct samm_project p;
	struct logctx lc;
	sqlite3_stmt *s;
	enum samm_status rc;
	char what[300];

	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = an_project_get(st, project_id, &p, err)) ||
	    (rc = scope_name(st, p.scope_id, lc.scope, sizeof lc.scope, err)))
		goto fail;
	/* links go with it (ON DELETE CASCADE) */
	if ((rc = prep(st, "DELETE FROM project WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, project_id);
	rc = step_done(st, s, "deleting a project", err);
	sqlite3_finalize(s);
	if (rc)
		goto fail;
	snprintf(what, sizeof what, "deleted (%s, %d %s)", samm_project_status_name(p.status),
		 p.n_links, p.n_links == 1 ? "link" : "links");
	if ((rc = log_project(st, &lc, p.name, NULL, what, err)) ||
	    (rc = samm_store_commit(st, err)))
		goto fail;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

/* ---- Links ----------------------------------------------------------------------------------- */

/* The model new links are checked against: the scope's latest period's,
 * else the latest loaded. */
static enum samm_status scope_model(struct samm_store *st, int64_t scope_id,
				    const struct samm_model **out, struct samm_error *err)
{
	struct samm_period p;
	enum samm_status rc = latest_period(st, scope_id, &p, err);
	if (rc)
		return rc;
	if (!p.id) {
		struct samm_model_info mi;
		if ((rc = samm_store_model_find(st, NULL, &mi, err)))
			return rc;
		p.model_id = mi.id;
	}
	return samm_store_model_get(st, p.model_id, out, err);
}

static enum samm_status touch_project(struct samm_store *st, int64_t id, const char *now,
				      struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, "UPDATE project SET updated_at = ?2 WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, now);
	rc = step_done(st, s, "changing a project", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_project_link(struct samm_store *st, int64_t project_id,
				   const char *const *ids, size_t n, const char *user,
				   int *n_added, struct samm_error *err)
{
	struct samm_project p;
	const struct samm_model *m;
	struct samm_ref *refs = NULL;
	struct logctx lc;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	int added = 0;
	char note[300];

	if (n_added)
		*n_added = 0;
	if (!n)
		return samm_error_set(err, SAMM_USAGE, "no activity or item to link");
	for (size_t i = 0; i < n; i++)
		if (!ids[i] || !*ids[i])
			return samm_error_set(err, SAMM_USAGE, "an empty id cannot be linked");
	if (!(refs = malloc(n * sizeof *refs)))
		return nomem(err);
	if ((rc = samm_store_begin(st, err))) {
		free(refs);
		return rc;
	}
	logctx_init(&lc, user);
	if ((rc = an_project_get(st, project_id, &p, err)) ||
	    (rc = scope_name(st, p.scope_id, lc.scope, sizeof lc.scope, err)) ||
	    (rc = scope_model(st, p.scope_id, &m, err)))
		goto fail;
	/* every id first, so that a typo writes nothing */
	for (size_t i = 0; i < n; i++) {
		if ((rc = samm_model_resolve(m, ids[i], &refs[i], err)))
			goto fail;
		if (refs[i].level != SAMM_L_ACTIVITY && refs[i].level != SAMM_L_ITEM) {
			rc = samm_error_set(err, SAMM_USAGE, "'%s' is %s %s: projects link activities"
					    " (such as G-SM-1-A) or items (such as G-SM-1-A.1)",
					    ids[i], refs[i].level == SAMM_L_OVERALL ? "the" : "a",
					    samm_level_name(refs[i].level));
			goto fail;
		}
		/* struct samm_project_link holds ids in fixed arrays */
		if (strlen(samm_model_ref_id(m, refs[i])) >= sizeof ((struct samm_project_link *)0)->id) {
			rc = samm_error_set(err, SAMM_USAGE, "id '%.40s...' is too long to link",
					    ids[i]);
			goto fail;
		}
	}
	if ((rc = prep(st, "INSERT OR IGNORE INTO project_link(project_id, ref, level, activity)"
		       " VALUES(?1, ?2, ?3, ?4)", &s, err)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const char *id = samm_model_ref_id(m, refs[i]);
		int a = refs[i].level == SAMM_L_ITEM ? m->items[refs[i].index].activity
			: refs[i].index;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, project_id);
		bind_text(s, 2, id);
		bind_text(s, 3, samm_level_name(refs[i].level));
		bind_text(s, 4, m->activities[a].code);
		if ((rc = step_done(st, s, "linking", err)))
			goto fail;
		if (sqlite3_changes(samm_store_sqlite(st)) == 0)
			continue;       /* already linked */
		snprintf(note, sizeof note, "linked %s", id);
		if ((rc = log_project(st, &lc, p.name, NULL, note, err)))
			goto fail;
		added++;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (!added) {
		samm_store_rollback(st);
	} else if ((rc = touch_project(st, project_id, lc.now, err)) ||
		   (rc = samm_store_commit(st, err))) {
		goto fail;
	}
	free(refs);
	if (n_added)
		*n_added = added;
	return SAMM_OK;
fail:
	sqlite3_finalize(s);
	samm_store_rollback(st);
	free(refs);
	return rc;
}

enum samm_status samm_project_unlink(struct samm_store *st, int64_t project_id,
				     const char *const *ids, size_t n, const char *user,
				     int *n_removed, struct samm_error *err)
{
	struct samm_project p;
	struct logctx lc;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	int removed = 0;
	char note[300];

	if (n_removed)
		*n_removed = 0;
	if (!n)
		return samm_error_set(err, SAMM_USAGE, "no activity or item to unlink");
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = an_project_get(st, project_id, &p, err)) ||
	    (rc = scope_name(st, p.scope_id, lc.scope, sizeof lc.scope, err)) ||
	    (rc = prep(st, "DELETE FROM project_link WHERE project_id = ?1 AND ref = ?2", &s,
		       err)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, project_id);
		bind_text(s, 2, ids[i] ? ids[i] : "");
		if ((rc = step_done(st, s, "unlinking", err)))
			goto fail;
		if (sqlite3_changes(samm_store_sqlite(st)) == 0) {
			/* named twice in one call counts as linked once */
			int twice = 0;
			for (size_t k = 0; k < i && !twice; k++)
				twice = ids[k] && ids[i] && !strcmp(ids[k], ids[i]);
			if (twice)
				continue;
			rc = samm_error_set(err, SAMM_NOTFOUND, "project '%s' has no link to '%s'",
					    p.name, ids[i] ? ids[i] : "");
			goto fail;
		}
		snprintf(note, sizeof note, "unlinked %s", ids[i]);
		if ((rc = log_project(st, &lc, p.name, NULL, note, err)))
			goto fail;
		removed++;
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = touch_project(st, project_id, lc.now, err)) || (rc = samm_store_commit(st, err)))
		goto fail;
	if (n_removed)
		*n_removed = removed;
	return SAMM_OK;
fail:
	sqlite3_finalize(s);
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_project_links(struct samm_store *st, int64_t project_id,
				    struct samm_project_link **out, size_t *n,
				    struct samm_error *err)
{
	struct samm_project_link *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	enum samm_status rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = prep(st, "SELECT 1 FROM project WHERE id = ?1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src == SQLITE_DONE)
		return samm_error_set(err, SAMM_NOTFOUND, "no project #%lld", (long long)project_id);
	if (src != SQLITE_ROW)
		return samm_store_sqlerr(st, src, "reading a project", err);
	/* the activity's own link sorts first: level 'activity' < 'item' */
	if ((rc = prep(st, "SELECT ref, level, activity FROM project_link WHERE project_id = ?1"
		       " ORDER BY activity, level, ref", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			struct samm_project_link *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				rc = nomem(err);
				break;
			}
			v = nv;
		}
		struct samm_project_link *l = &v[cnt++];
		char level[16];
		memset(l, 0, sizeof *l);
		col_copy(s, 0, l->id, sizeof l->id);
		col_copy(s, 1, level, sizeof level);
		col_copy(s, 2, l->activity, sizeof l->activity);
		l->level = strcmp(level, "item") ? SAMM_L_ACTIVITY : SAMM_L_ITEM;
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	sqlite3_finalize(s);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

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

static enum samm_status an_project_detail(struct samm_store *st, int64_t project_id,
					  struct samm_project_detail *d, struct samm_error *err)
{
	struct pcache c = { st, NULL, 0, 0, NULL };
	struct pvals *sv = NULL, *nv = NULL;
	struct samm_project_link *links = NULL;
	struct rowkey *keys = NULL;
	size_t nl = 0;
	enum samm_status rc;

	if ((rc = an_project_get(st, project_id, &d->project, err)))
		return rc;
	if (d->project.start.id) {
		d->start = d->project.start;
		d->has_start = 1;
	}
	if (d->project.end.id) {
		d->now = d->project.end;
		d->has_now = d->now_is_end = 1;
	} else {
		if ((rc = latest_period(st, d->project.scope_id, &d->now, err)))
			return rc;
		d->has_now = d->now.id != 0;
	}
	if ((d->has_start && (rc = pcache_get(&c, &d->start, &sv, err))) ||
	    (d->has_now && ((rc = pcache_get(&c, &d->now, &nv, err)) ||
			    (rc = pvals_targets(&c, nv, err)))))
		goto done;
	d->start_model = sv ? sv->m : NULL;
	d->now_model = nv ? nv->m : NULL;
	if ((rc = samm_project_links(st, project_id, &links, &nl, err)))
		goto done;
	d->rows = calloc(nl + 1, sizeof *d->rows);
	keys = calloc(nl + 1, sizeof *keys);
	struct samm_project_row *tmp = calloc(nl + 1, sizeof *tmp);
	if (!d->rows || !keys || !tmp) {
		free(tmp);
		rc = nomem(err);
		goto done;
	}
	for (size_t i = 0; i < nl; i++) {
		struct samm_project_row *r = &tmp[i];
		int si, ni, a = -1;
		r->level = links[i].level;
		memcpy(r->id, links[i].id, sizeof r->id);
		memcpy(r->activity, links[i].activity, sizeof r->activity);
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
		keys[i].absent = ni < 0;
		keys[i].act = a;
		keys[i].item = r->level == SAMM_L_ITEM ? ni : -1;
		keys[i].row = r;
	}
	qsort(keys, nl, sizeof *keys, rowkey_cmp);
	for (size_t i = 0; i < nl; i++)
		d->rows[i] = *keys[i].row;
	d->n_rows = nl;
	free(tmp);

	/* the distinct activities covered: links come sorted by activity */
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
done:
	free(keys);
	free(links);
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
		return nomem(err);
	began = snap_begin(st);
	rc = an_project_detail(st, project_id, d, err);
	snap_end(st, began);
	if (rc) {
		samm_project_detail_free(d);
		return rc;
	}
	*out = d;
	return SAMM_OK;
}

/* ---- Targets -------------------------------------------------------------------------------------- */

/* The activities [*first, *first + *n) under ref (contiguous in model order). */
static void ref_activities(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	int fi, ni;
	samm_model_ref_items(m, ref, &fi, &ni);
	if (ni <= 0) {
		*first = 0;
		*n = 0;
		return;
	}
	*first = m->items[fi].activity;
	*n = m->items[fi + ni - 1].activity - *first + 1;
}

/* Resolve a target's id in the period's model: anything above an item. */
static enum samm_status target_ref(const struct samm_model *m, const char *id,
				   struct samm_ref *ref, struct samm_error *err)
{
	enum samm_status rc;
	if (!id || !*id)
		return samm_error_set(err, SAMM_USAGE, "no activity, practice or function given");
	if ((rc = samm_model_resolve(m, id, ref, err)))
		return rc;
	if (ref->level == SAMM_L_ITEM)
		return samm_error_set(err, SAMM_USAGE, "'%s' is an item: targets are set on"
				      " activities (such as G-SM-1-A), or on a practice or"
				      " function for all of its activities", id);
	return SAMM_OK;
}

struct target_tx {
	struct logctx lc;
	struct samm_period p;
	const struct samm_model *m;
	sqlite3_stmt *get, *put, *del;
};

static void target_tx_done(struct target_tx *t)
{
	sqlite3_finalize(t->get);
	sqlite3_finalize(t->put);
	sqlite3_finalize(t->del);
}

static enum samm_status target_tx_begin(struct samm_store *st, struct target_tx *t,
					int64_t period_id, const char *user,
					struct samm_error *err)
{
	enum samm_status rc;
	memset(t, 0, sizeof *t);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&t->lc, user);
	if ((rc = period_by_id(st, period_id, &t->p, err)) ||
	    (rc = scope_name(st, t->p.scope_id, t->lc.scope, sizeof t->lc.scope, err)) ||
	    (rc = samm_store_model_get(st, t->p.model_id, &t->m, err)) ||
	    (rc = prep(st, "SELECT value FROM target WHERE period_id = ?1 AND activity = ?2",
		       &t->get, err)) ||
	    (rc = prep(st, "INSERT INTO target(period_id, activity, value, set_by, set_at)"
		       " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(period_id, activity) DO UPDATE"
		       " SET value = excluded.value, set_by = excluded.set_by,"
		       " set_at = excluded.set_at", &t->put, err)) ||
	    (rc = prep(st, "DELETE FROM target WHERE period_id = ?1 AND activity = ?2", &t->del,
		       err))) {
		target_tx_done(t);
		samm_store_rollback(st);
		return rc;
	}
	return SAMM_OK;
}

/* The stored target of one activity (SAMM_UNSET when none). */
static enum samm_status target_get(struct samm_store *st, struct target_tx *t, const char *code,
				   int *out, struct samm_error *err)
{
	sqlite3_reset(t->get);
	sqlite3_bind_int64(t->get, 1, t->p.id);
	bind_text(t->get, 2, code);
	int src = sqlite3_step(t->get);
	*out = SAMM_UNSET;
	if (src == SQLITE_ROW && sqlite3_column_type(t->get, 0) != SQLITE_NULL)
		*out = sqlite3_column_int(t->get, 0);
	sqlite3_reset(t->get);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading a target", err);
	return SAMM_OK;
}

/* Set (value 0..3) or remove (SAMM_UNSET) one activity's target and log
 * it; *changed says whether it really changed. */
static enum samm_status target_put(struct samm_store *st, struct target_tx *t, const char *code,
				   int value, int *changed, struct samm_error *err)
{
	enum samm_status rc;
	int old;
	*changed = 0;
	if ((rc = target_get(st, t, code, &old, err)) || old == value)
		return rc;
	sqlite3_stmt *s = value == SAMM_UNSET ? t->del : t->put;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, t->p.id);
	bind_text(s, 2, code);
	if (value != SAMM_UNSET) {
		sqlite3_bind_int(s, 3, value);
		bind_text(s, 4, t->lc.user);
		bind_text(s, 5, t->lc.now);
	}
	rc = step_done(st, s, "saving a target", err);
	sqlite3_reset(s);
	if (rc || (rc = log_put(st, &t->lc, t->p.name, "target:", code, old, value, NULL, NULL,
				err)))
		return rc;
	*changed = 1;
	return SAMM_OK;
}

static enum samm_status target_end(struct samm_store *st, struct target_tx *t, int count,
				   enum samm_status rc, struct samm_error *err)
{
	target_tx_done(t);
	if (rc || count == 0) {
		samm_store_rollback(st);
		return rc;
	}
	return samm_store_commit(st, err);
}

enum samm_status samm_target_set(struct samm_store *st, int64_t period_id, const char *id,
				 int value, const char *user, int *n_changed,
				 struct samm_error *err)
{
	struct target_tx t;
	struct samm_ref ref;
	enum samm_status rc;
	int first, n, count = 0;

	if (n_changed)
		*n_changed = 0;
	if (value < SAMM_NO || value > SAMM_MOST)
		return samm_error_set(err, SAMM_USAGE, "a target is no, some, half or most"
				      " (0, 0.25, 0.5 or 1)");
	if ((rc = target_tx_begin(st, &t, period_id, user, err)))
		return rc;
	if (!(rc = target_ref(t.m, id, &ref, err))) {
		ref_activities(t.m, ref, &first, &n);
		for (int a = first; !rc && a < first + n; a++) {
			int changed;
			rc = target_put(st, &t, t.m->activities[a].code, value, &changed, err);
			count += changed;
		}
	}
	if ((rc = target_end(st, &t, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

enum samm_status samm_target_clear(struct samm_store *st, int64_t period_id, const char *id,
				   const char *user, int *n_changed, struct samm_error *err)
{
	struct target_tx t;
	struct samm_ref ref;
	struct samm_error rerr;
	enum samm_status rc;
	int first, n, count = 0, changed;

	if (n_changed)
		*n_changed = 0;
	if ((rc = target_tx_begin(st, &t, period_id, user, err)))
		return rc;
	rc = target_ref(t.m, id, &ref, &rerr);
	if (rc == SAMM_NOTFOUND) {
		/* an activity the period's model no longer has (a target can
		 * only have been set under an older model of this period,
		 * which the store does not allow today, but a hand-edited or
		 * future database may hold one) */
		int old;
		if (!(rc = target_get(st, &t, id, &old, err))) {
			if (old == SAMM_UNSET)
				rc = samm_error_set(err, rerr.code, "%s", rerr.msg);
			else
				rc = target_put(st, &t, id, SAMM_UNSET, &count, err);
		}
	} else if (rc) {
		samm_error_set(err, rerr.code, "%s", rerr.msg);
	} else {
		ref_activities(t.m, ref, &first, &n);
		for (int a = first; !rc && a < first + n; a++) {
			rc = target_put(st, &t, t.m->activities[a].code, SAMM_UNSET, &changed, err);
			count += changed;
		}
	}
	if ((rc = target_end(st, &t, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

enum samm_status samm_target_load(struct samm_store *st, int64_t period_id,
				  const struct samm_model *m, int *targets,
				  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	int src;

	for (int a = 0; a < m->n_activities; a++)
		targets[a] = SAMM_UNSET;
	if ((rc = prep(st, "SELECT activity, value FROM target WHERE period_id = ?1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		int a = code ? act_find(m, code) : -1;
		int v = sqlite3_column_int(s, 1);
		if (a >= 0 && v >= SAMM_NO && v <= SAMM_MOST)
			targets[a] = v;
	}
	if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading targets", err);
	sqlite3_finalize(s);
	return rc;
}

/* ---- Target roll-up -------------------------------------------------------------------------------- */

static struct samm_target_fig *tfig_alloc(int n)
{
	return calloc(n > 0 ? (size_t)n : 1, sizeof(struct samm_target_fig));
}

/* gap, percent and reached from target, score and na. */
static void tfig_finish(struct samm_target_fig *f)
{
	f->gap = 0;
	f->has_percent = 0;
	f->percent = 0;
	f->reached = 0;
	if (f->n_targets == 0) {
		f->target = 0;
		return;
	}
	if (f->na) {
		f->reached = 1;
		return;
	}
	f->gap = f->target - f->score;
	f->reached = f->score >= f->target - EPS;
	if (f->target > EPS) {
		f->has_percent = 1;
		f->percent = 100 * f->score / f->target;
	}
}

/* The mean of children's targets into f (the score's score_mean); the
 * children's rolled-up targets already count N/A ones as 0. */
static void tfig_mean(struct samm_target_fig *f, const struct samm_target_fig *children,
		      const double *roll, int first, int n, double *out_roll)
{
	double sum = 0;
	for (int i = first; i < first + n; i++) {
		sum += roll[i];
		f->n_targets += children[i].n_targets;
	}
	*out_roll = n > 0 ? sum / n : 0;
	f->target = *out_roll;
}

enum samm_status samm_targetcard_compute(const struct samm_model *m,
					 const struct samm_scorecard *sc, const int *targets,
					 struct samm_targetcard *tc)
{
	/* roll[level][i]: what a node adds to its parent's target.  It equals
	 * the node's target, except for an N/A activity, whose target shows
	 * on its own row but counts 0 above it, as its score does, and for an
	 * activity without a target, which counts where it stands (its score):
	 * as in the SAMM Toolbox, whose target answers start as the current
	 * ones.  So a practice's target moves only with the targets set in it,
	 * and it is below target only where one of them is not reached. */
	double *ra = NULL, *rs = NULL, *rp = NULL, *rf = NULL, ro;

	memset(tc, 0, sizeof *tc);
	tc->function = tfig_alloc(m->n_functions);
	tc->practice = tfig_alloc(m->n_practices);
	tc->stream = tfig_alloc(m->n_streams);
	tc->activity = tfig_alloc(m->n_activities);
	tc->value = malloc(((size_t)m->n_activities + 1) * sizeof *tc->value);
	ra = calloc((size_t)m->n_activities + 1, sizeof *ra);
	rs = calloc((size_t)m->n_streams + 1, sizeof *rs);
	rp = calloc((size_t)m->n_practices + 1, sizeof *rp);
	rf = calloc((size_t)m->n_functions + 1, sizeof *rf);
	if (!tc->function || !tc->practice || !tc->stream || !tc->activity || !tc->value ||
	    !ra || !rs || !rp || !rf) {
		free(ra);
		free(rs);
		free(rp);
		free(rf);
		samm_targetcard_free(tc);
		return SAMM_NOMEM;
	}
	for (int a = 0; a < m->n_activities; a++) {
		struct samm_target_fig *f = &tc->activity[a];
		int t = targets ? targets[a] : SAMM_UNSET;
		if (t < SAMM_NO || t > SAMM_MOST)
			t = SAMM_UNSET;
		tc->value[a] = t;
		f->score = sc->activity[a].score;
		f->na = sc->activity[a].na;
		if (t != SAMM_UNSET) {
			f->n_targets = 1;
			f->target = samm_value_worth(t);
			ra[a] = f->na ? 0 : f->target;
		} else {
			ra[a] = f->score;       /* 0 when N/A */
		}
		tfig_finish(f);
	}
	for (int s = 0; s < m->n_streams; s++) {
		const struct samm_stream *str = &m->streams[s];
		struct samm_target_fig *f = &tc->stream[s];
		for (int a = str->first_activity; a < str->first_activity + str->n_activities; a++) {
			rs[s] += ra[a];
			f->n_targets += tc->activity[a].n_targets;
		}
		f->target = rs[s];
		f->score = sc->stream[s].score;
		f->na = sc->stream[s].na;
		tfig_finish(f);
	}
	for (int p = 0; p < m->n_practices; p++) {
		const struct samm_practice *pr = &m->practices[p];
		struct samm_target_fig *f = &tc->practice[p];
		tfig_mean(f, tc->stream, rs, pr->first_stream, pr->n_streams, &rp[p]);
		f->score = sc->practice[p].score;
		f->na = sc->practice[p].na;
		tfig_finish(f);
	}
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		struct samm_target_fig *f = &tc->function[fn];
		tfig_mean(f, tc->practice, rp, fu->first_practice, fu->n_practices, &rf[fn]);
		f->score = sc->function[fn].score;
		f->na = sc->function[fn].na;
		tfig_finish(f);
	}
	tfig_mean(&tc->overall, tc->function, rf, 0, m->n_functions, &ro);
	tc->overall.score = sc->overall.score;
	tc->overall.na = sc->overall.na;
	tfig_finish(&tc->overall);
	free(ra);
	free(rs);
	free(rp);
	free(rf);
	return SAMM_OK;
}

void samm_targetcard_free(struct samm_targetcard *tc)
{
	if (!tc)
		return;
	free(tc->function);
	free(tc->practice);
	free(tc->stream);
	free(tc->activity);
	free(tc->value);
	memset(tc, 0, sizeof *tc);
}

const struct samm_target_fig *samm_targetcard_get(const struct samm_targetcard *tc,
						  struct samm_ref ref)
{
	if (!tc || ref.index < 0)
		return NULL;
	switch (ref.level) {
	case SAMM_L_OVERALL:  return &tc->overall;
	case SAMM_L_FUNCTION: return tc->function ? &tc->function[ref.index] : NULL;
	case SAMM_L_PRACTICE: return tc->practice ? &tc->practice[ref.index] : NULL;
	case SAMM_L_STREAM:   return tc->stream ? &tc->stream[ref.index] : NULL;
	case SAMM_L_ACTIVITY: return tc->activity ? &tc->activity[ref.index] : NULL;
	case SAMM_L_ITEM:     return NULL;
	}
	return NULL;
}

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

static enum samm_status count_projects(struct samm_store *st, int64_t scope_id, int *out,
				       struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prep(st, "SELECT count(*) FROM project WHERE scope_id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	else
		rc = samm_store_sqlerr(st, src, "counting projects", err);
	sqlite3_finalize(s);
	return rc;
}

/* The scope's open projects and the activities their links cover, read
 * once for a whole coverage report (a query per activity would cost a
 * statement preparation each, times every scope of --all-scopes). */
struct open_links {
	struct samm_project *proj;      /* samm_project_list order */
	size_t n_proj;
	int64_t *link_project;          /* [n_links] */
	char **link_activity;           /* [n_links] */
	size_t n_links;
};

static void open_links_free(struct open_links *o)
{
	free(o->proj);
	for (size_t i = 0; i < o->n_links; i++)
		free(o->link_activity[i]);
	free(o->link_activity);
	free(o->link_project);
	memset(o, 0, sizeof *o);
}

static enum samm_status open_links_load(struct samm_store *st, int64_t scope_id,
					struct open_links *o, struct samm_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	enum samm_status rc;
	int src;

	memset(o, 0, sizeof *o);
	if ((rc = samm_project_list(st, scope_id, SAMM_PROJECT_OPEN, &o->proj, &o->n_proj, err)))
		return rc;
	if (!o->n_proj)
		return SAMM_OK;
	if ((rc = prep(st, "SELECT l.project_id, l.activity FROM project_link l"
		       " JOIN project p ON p.id = l.project_id"
		       " WHERE p.scope_id = ?1 AND p.status IN ('planned', 'active')", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (o->n_links == cap) {
			size_t nc = cap ? cap * 2 : 64;
			int64_t *np = realloc(o->link_project, nc * sizeof *np);
			if (np)
				o->link_project = np;
			char **na = np ? realloc(o->link_activity, nc * sizeof *na) : NULL;
			if (!na) {
				rc = nomem(err);
				break;
			}
			o->link_activity = na;
			cap = nc;
		}
		const char *a = (const char *)sqlite3_column_text(s, 1);
		if (!(o->link_activity[o->n_links] = strdup(a ? a : ""))) {
			rc = nomem(err);
			break;
		}
		o->link_project[o->n_links++] = sqlite3_column_int64(s, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	sqlite3_finalize(s);
	return rc;
}

/* The open projects covering `activity`, in list order, as
 * samm_project_covering gives them. */
static enum samm_status open_links_covering(const struct open_links *o, const char *activity,
					    struct samm_project **out, size_t *n,
					    struct samm_error *err)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < o->n_proj; i++) {
		size_t k;
		for (k = 0; k < o->n_links; k++)
			if (o->link_project[k] == o->proj[i].id &&
			    !strcmp(o->link_activity[k], activity))
				break;
		if (k == o->n_links)
			continue;
		if (!*out && !(*out = malloc(o->n_proj * sizeof **out)))
			return nomem(err);
		(*out)[(*n)++] = o->proj[i];
	}
	return SAMM_OK;
}

static enum samm_status an_coverage(struct samm_store *st, const struct samm_stagnant *sg,
				    struct samm_coverage *c, struct samm_error *err)
{
	struct pcache pc = { st, NULL, 0, 0, NULL };
	struct pvals *pv;
	struct open_links ol = { 0 };
	unsigned char *stag = NULL;
	enum samm_status rc;

	if ((rc = count_projects(st, sg->scope.id, &c->n_projects, err)))
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
		rc = nomem(err);
		goto done;
	}
	for (size_t k = 0; k < sg->n_items; k++)
		stag[m->items[sg->items[k].item].activity] = 1;
	for (int a = 0; a < m->n_activities; a++) {
		const struct samm_fig *f = &pv->sc.activity[a];
		int t = pv->targets[a];
		c->n_targets += t != SAMM_UNSET;
		int below = t != SAMM_UNSET && !f->na && f->score < samm_value_worth(t) - EPS;
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
		return nomem(err);
	began = snap_begin(st);
	rc = an_coverage(st, sg, c, err);
	snap_end(st, began);
	if (rc) {
		samm_coverage_free(c);
		return rc;
	}
	*out = c;
	return SAMM_OK;
}
