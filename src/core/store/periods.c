/* periods.c - periods: creating, finding, listing, deleting. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"

/* ---- Periods ------------------------------------------------------------------- */

/* A period by id, with its scope's name (for log rows and messages). */
enum samm_status db_period_get(struct samm_store *st, int64_t id, struct samm_period *p,
				   char *scope, size_t scope_size, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_PERIOD_GET, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		db_period_row(s, 0, p);
		if (scope)
			db_col_copy(s, 5, scope, scope_size);
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no period #%lld", (long long)id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a period", err);
	}
	db_stmt_done(s);
	return rc;
}

/* Copy scores of period `from` into the new period `to`.  Same model: one
 * INSERT ... SELECT.  Other model: only items that model has. */
static enum samm_status copy_scores(struct samm_store *st, int64_t from, int64_t from_model,
				    int64_t to, int64_t to_model, struct samm_error *err)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	enum samm_status rc;
	int src = SQLITE_DONE;

	if (from_model == to_model) {
		if ((rc = db_prepare(st, "INSERT INTO score(period_id, item, value, note, updated_by,"
				  " updated_at) SELECT ?1, item, value, note, updated_by, updated_at"
				  " FROM score WHERE period_id = ?2", &ins, err)))
			return rc;
		sqlite3_bind_int64(ins, 1, to);
		sqlite3_bind_int64(ins, 2, from);
		src = sqlite3_step(ins);
		if (src != SQLITE_DONE)
			rc = samm_store_sqlerr(st, src, "copying scores", err);
		sqlite3_finalize(ins);
		return rc;
	}
	const struct samm_model *m;
	if ((rc = samm_store_model_get(st, to_model, &m, err)))
		return rc;
	if ((rc = db_prepare(st, "SELECT item, value, note, updated_by, updated_at FROM score"
			  " WHERE period_id = ?1", &sel, err)) ||
	    (rc = db_prepare(st, "INSERT INTO score(period_id, item, value, note, updated_by,"
			  " updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &ins, err)))
		goto out;
	sqlite3_bind_int64(sel, 1, from);
	while ((src = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(sel, 0);
		if (!item || samm_model_find_item(m, item) < 0)
			continue;
		sqlite3_bind_int64(ins, 1, to);
		for (int c = 0; c < 5; c++)
			sqlite3_bind_value(ins, c + 2, sqlite3_column_value(sel, c));
		int isrc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (isrc != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, isrc, "copying scores", err);
			goto out;
		}
	}
	if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "copying scores", err);
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

enum samm_status samm_store_period_get(struct samm_store *st, int64_t period_id,
				       struct samm_period *out, struct samm_error *err)
{
	return db_period_get(st, period_id, out, NULL, 0, err);
}

enum samm_status samm_store_period_latest(struct samm_store *st, int64_t scope_id,
					  struct samm_period *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, PERIOD_COLS "WHERE scope_id = ?1"
					 " ORDER BY date DESC, id DESC LIMIT 1", &s, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		db_period_row(s, 0, out);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading periods", err);
	sqlite3_finalize(s);
	return rc;
}

/* SAMM_EXISTS when the scope already has a period of that name. */
static enum samm_status period_name_free(struct samm_store *st, int64_t scope_id,
					 const char *name, const char *scope,
					 struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT 1 FROM period WHERE scope_id = ?1"
					 " AND name = ?2", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, name);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src == SQLITE_ROW)
		return samm_error_set(err, SAMM_EXISTS, "period '%s' already exists in scope '%s'",
				      name, scope);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading periods", err);
	return SAMM_OK;
}

/* The new period's model: the one asked for (which must exist), else the
 * copied period's, else the latest loaded. */
static enum samm_status period_model(struct samm_store *st, const struct samm_period *from,
				     int64_t *model_id, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	if (*model_id == 0 && from->id) {
		*model_id = from->model_id;
		return SAMM_OK;
	}
	if (*model_id == 0) {
		struct samm_model_info mi;
		if ((rc = samm_store_model_find(st, NULL, &mi, err)))
			return rc;
		*model_id = mi.id;
		return SAMM_OK;
	}
	/* a clear message rather than a foreign key failure */
	if ((rc = db_prepare(st, "SELECT count(*) FROM model WHERE id = ?1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, *model_id);
	int src = sqlite3_step(s);
	int64_t ok = src == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	if (!ok)
		return samm_error_set(err, SAMM_NOTFOUND, "no model #%lld", (long long)*model_id);
	return SAMM_OK;
}

static enum samm_status period_insert(struct samm_store *st, const struct samm_period *p,
				      int64_t *id, struct samm_error *err)
{
	char now[32];
	sqlite3_stmt *s;
	enum samm_status rc;
	samm_now_iso(now, sizeof now);
	if ((rc = db_prepare(st, "INSERT INTO period(scope_id, name, date, model_id, created_at)"
			     " VALUES(?1, ?2, ?3, ?4, ?5)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, p->scope_id);
	db_bind_text(s, 2, p->name);
	db_bind_text(s, 3, p->date);
	sqlite3_bind_int64(s, 4, p->model_id);
	db_bind_text(s, 5, now);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "creating a period", err);
	*id = sqlite3_last_insert_rowid(st->db);
	return SAMM_OK;
}

enum samm_status samm_store_period_new(struct samm_store *st, int64_t scope_id,
				       const char *name, const char *date,
				       enum samm_period_source src, int64_t from_period,
				       int64_t model_id, struct samm_period *out,
				       struct samm_error *err)
{
	char today[16];
	struct samm_period from = { 0 }, p = { 0 };
	struct samm_scope scope;
	enum samm_status rc;

	if (!date) {
		samm_today(today, sizeof today);
		date = today;
	}
	if (!samm_date_valid(date))
		return samm_error_set(err, SAMM_USAGE, "date '%s' is not a date in the form"
				      " YYYY-MM-DD", date);
	if ((rc = db_check_name("period", name, sizeof from.name, err)) ||
	    (rc = samm_store_begin(st, err)))
		return rc;
	if ((rc = samm_store_scope_get(st, scope_id, &scope, err)) ||
	    (rc = period_name_free(st, scope_id, name, scope.name, err)))
		goto fail;
	if (src == SAMM_FROM_PERIOD)
		rc = db_period_get(st, from_period, &from, NULL, 0, err);
	else if (src == SAMM_FROM_LATEST)
		rc = samm_store_period_latest(st, scope_id, &from, err);
	if (rc || (rc = period_model(st, &from, &model_id, err)))
		goto fail;
	p.scope_id = scope_id;
	p.model_id = model_id;
	samm_utf8_copy(p.name, sizeof p.name, name);
	memcpy(p.date, date, sizeof p.date); /* valid: exactly 10 chars */
	if ((rc = period_insert(st, &p, &p.id, err)) ||
	    (from.id && (rc = copy_scores(st, from.id, from.model_id, p.id, model_id, err))) ||
	    (from.id && (rc = db_recheck_mark(st, from.id, from.model_id, p.id, model_id, err))))
		goto fail;
	if ((rc = samm_store_commit(st, err)))
		return rc;
	if (out)
		*out = p;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_store_period_find(struct samm_store *st, int64_t scope_id,
					const char *name, struct samm_period *out,
					struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	if (!name)
		return samm_error_set(err, SAMM_USAGE, "no period name given");
	if ((rc = db_prepare(st, PERIOD_COLS "WHERE scope_id = ?1 AND name = ?2", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, name);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		db_period_row(s, 0, out);
	else if (src == SQLITE_DONE)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no period '%s' in this scope", name);
	else
		rc = samm_store_sqlerr(st, src, "looking up a period", err);
	sqlite3_finalize(s);
	return rc;
}

static void period_row_v(sqlite3_stmt *s, void *p) { db_period_row(s, 0, p); }

enum samm_status samm_store_period_list(struct samm_store *st, int64_t scope_id,
					struct samm_period **out, size_t *n,
					struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, PERIOD_COLS "WHERE scope_id = ?1 ORDER BY date, id",
				      &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	void *v;
	if ((rc = db_collect_rows(st, s, sizeof **out, period_row_v, "listing periods", &v, n,
			       err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

/* The projects that start (col "start_period") or end in a period lose
 * that start or end with it (ON DELETE SET NULL): log it first, in the
 * same transaction, as project.c logs a change of start or end. */
static enum samm_status log_lost_span(struct samm_store *st, int64_t period_id, int end,
				      const char *user, const char *now,
				      struct samm_error *err)
{
	static const char *const sql[2] = {
		"SELECT 'project:' || p.name, s.name, pe.name FROM project p"
		" JOIN scope s ON s.id = p.scope_id JOIN period pe ON pe.id = ?1"
		" WHERE p.start_period = ?1 ORDER BY p.name",
		"SELECT 'project:' || p.name, s.name, pe.name FROM project p"
		" JOIN scope s ON s.id = p.scope_id JOIN period pe ON pe.id = ?1"
		" WHERE p.end_period = ?1 ORDER BY p.name",
	};
	const char *what = end ? "end" : "start";
	char old_note[160], new_note[16];
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, sql[end], &s, err);
	int src;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	snprintf(new_note, sizeof new_note, "no %s", what);
	while (!rc && (src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *pe = (const char *)sqlite3_column_text(s, 2);
		snprintf(old_note, sizeof old_note, "%s %s", what, pe ? pe : "");
		struct samm_log_put e = { now, user, (const char *)sqlite3_column_text(s, 1), "",
					  (const char *)sqlite3_column_text(s, 0), SAMM_UNSET,
					  SAMM_UNSET, old_note, new_note };
		rc = samm_store_log_put(st, &e, err);
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "deleting a period", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_store_period_delete(struct samm_store *st, int64_t period_id,
					  const char *user, struct samm_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM score WHERE period_id = ?1",
		"DELETE FROM period WHERE id = ?1",
	};
	const size_t n_sql = sizeof sql / sizeof *sql;
	char now[32];
	samm_now_iso(now, sizeof now);
	if (!user || !*user)
		user = samm_user(NULL);
	enum samm_status rc = samm_store_begin(st, err);
	if (rc)
		return rc;
	if ((rc = log_lost_span(st, period_id, 0, user, now, err)) ||
	    (rc = log_lost_span(st, period_id, 1, user, now, err)))
		goto fail;
	for (size_t i = 0; i < n_sql; i++) {
		sqlite3_stmt *s;
		if ((rc = db_prepare(st, sql[i], &s, err)))
			goto fail;
		sqlite3_bind_int64(s, 1, period_id);
		int src = sqlite3_step(s);
		sqlite3_finalize(s);
		if (src != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, src, "deleting a period", err);
			goto fail;
		}
		if (i == n_sql - 1 && sqlite3_changes(st->db) == 0) {
			rc = samm_error_set(err, SAMM_NOTFOUND, "no period #%lld",
					    (long long)period_id);
			goto fail;
		}
	}
	return samm_store_commit(st, err);
fail:
	samm_store_rollback(st);
	return rc;
}


/* Rows hold no pointers: one allocation. */
void samm_period_list_free(struct samm_period *v, size_t n)
{
	(void)n;
	free(v);
}

/* ---- Fixing a name or a date ---------------------------------------------------- */

/* One log row "WHAT OLD" -> "WHAT NEW" about period p (under its new name). */
static enum samm_status period_log(struct samm_store *st, const struct samm_period *p,
				   const char *scope, const char *what, const char *old,
				   const char *new, const char *user, const char *now,
				   struct samm_error *err)
{
	char a[160], b[160], item[80];
	snprintf(a, sizeof a, "%s %s", what, old);
	snprintf(b, sizeof b, "%s %s", what, new);
	snprintf(item, sizeof item, "period:%s", p->name);
	struct samm_log_put e = { now, user, scope, p->name, item, SAMM_UNSET, SAMM_UNSET, a, b };
	return samm_store_log_put(st, &e, err);
}

enum samm_status samm_store_period_set(struct samm_store *st, int64_t period_id,
				       const char *name, const char *date, const char *user,
				       int *n_changed, struct samm_error *err)
{
	struct samm_period old, p;
	char scope[128], now[32];
	sqlite3_stmt *s;
	int count = 0;
	enum samm_status rc;

	if (n_changed)
		*n_changed = 0;
	if (date && !samm_date_valid(date))
		return samm_error_set(err, SAMM_USAGE, "date '%s' is not a date in the form"
				      " YYYY-MM-DD", date);
	if ((name && (rc = db_check_name("period", name, sizeof p.name, err))) ||
	    (rc = samm_store_begin(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	samm_now_iso(now, sizeof now);
	if ((rc = db_period_get(st, period_id, &old, scope, sizeof scope, err)))
		goto fail;
	p = old;
	if (name && strcmp(name, old.name)) {
		if ((rc = period_name_free(st, old.scope_id, name, scope, err)))
			goto fail;
		snprintf(p.name, sizeof p.name, "%s", name);
		if ((rc = period_log(st, &p, scope, "name", old.name, p.name, user, now, err)))
			goto fail;
		count++;
	}
	if (date && strcmp(date, old.date)) {
		memcpy(p.date, date, sizeof p.date);
		if ((rc = period_log(st, &p, scope, "date", old.date, p.date, user, now, err)))
			goto fail;
		count++;
	}
	if (!count) {
		samm_store_rollback(st);
		return SAMM_OK;
	}
	if ((rc = db_prepare(st, "UPDATE period SET name = ?2, date = ?3 WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, p.id);
	db_bind_text(s, 2, p.name);
	db_bind_text(s, 3, p.date);
	rc = db_step_done(st, s, "changing a period", err);
	sqlite3_finalize(s);
	if (rc || (rc = samm_store_commit(st, err)))
		goto fail;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}
