/* scopes.c - scopes (what is assessed). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"

/* ---- Scopes -------------------------------------------------------------------- */

enum samm_status samm_store_scope_new(struct samm_store *st, const char *name,
				      struct samm_scope *out, struct samm_error *err)
{
	enum samm_status rc;
	sqlite3_stmt *s = NULL;
	char now[32];

	if ((rc = db_check_name("scope", name, sizeof out->name, err)) ||
	    (rc = samm_store_begin(st, err)))
		return rc;
	samm_now_iso(now, sizeof now);
	if ((rc = db_prepare(st, "INSERT INTO scope(name, created_at) VALUES(?1, ?2)", &s, err)))
		goto fail;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, now);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src == SQLITE_CONSTRAINT_UNIQUE) {
		rc = samm_error_set(err, SAMM_EXISTS, "scope '%s' already exists", name);
		goto fail;
	} else if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "creating a scope", err);
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if ((rc = samm_store_commit(st, err)))
		return rc;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		samm_utf8_copy(out->name, sizeof out->name, name);
	}
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_store_scope_find(struct samm_store *st, const char *name,
				       struct samm_scope *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	if (!name)
		return samm_error_set(err, SAMM_USAGE, "no scope name given");
	if ((rc = db_prepare(st, "SELECT id, name FROM scope WHERE name = ?1", &s, err)))
		return rc;
	db_bind_text(s, 1, name);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		db_col_copy(s, 1, out->name, sizeof out->name);
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope '%s'", name);
	} else {
		rc = samm_store_sqlerr(st, src, "looking up a scope", err);
	}
	sqlite3_finalize(s);
	return rc;
}

static void scope_row(sqlite3_stmt *s, void *p)
{
	struct samm_scope *sc = p;
	sc->id = sqlite3_column_int64(s, 0);
	db_col_copy(s, 1, sc->name, sizeof sc->name);
}

enum samm_status samm_store_scope_list(struct samm_store *st, struct samm_scope **out,
				       size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT id, name FROM scope ORDER BY name, id", &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	void *v;
	if ((rc = db_collect_rows(st, s, sizeof **out, scope_row, "listing scopes", &v, n, err)))
		return rc;
	*out = v;
	return SAMM_OK;
}


/* The one query of a scope by id (projects, analyses, the log filter and
 * new periods all use it). */
enum samm_status samm_store_scope_get(struct samm_store *st, int64_t scope_id,
				      struct samm_scope *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT name FROM scope WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = scope_id;
		db_col_copy(s, 0, out->name, sizeof out->name);
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope #%lld", (long long)scope_id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a scope", err);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Rows hold no pointers: one allocation. */
void samm_scope_list_free(struct samm_scope *v, size_t n)
{
	(void)n;
	free(v);
}

/* ---- Practices a scope leaves out ------------------------------------------------ */

enum samm_status samm_store_scope_excluded_codes(struct samm_store *st, int64_t scope_id,
						 char ***out, size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	int src, oom = 0;
	enum samm_status rc = db_prepare(st, "SELECT practice FROM scope_exclude"
					 " WHERE scope_id = ?1 ORDER BY practice", &s, err);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			char **nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				oom = 1;
				break;
			}
			v = nv;
		}
		if (!(v[cnt] = db_col_dup(s, 0, &oom)) || oom) {
			oom = 1;
			break;
		}
		cnt++;
	}
	if (oom)
		rc = samm_nomem(err);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading the scope", err);
	sqlite3_finalize(s);
	if (rc) {
		for (size_t i = 0; i < cnt; i++)
			free(v[i]);
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

enum samm_status samm_store_scope_exclude_put(struct samm_store *st, int64_t scope_id,
					      const char *code, int on, int *changed,
					      struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, on ? "INSERT OR IGNORE INTO scope_exclude(scope_id,"
					 " practice) VALUES(?1, ?2)"
					 : "DELETE FROM scope_exclude WHERE scope_id = ?1"
					 " AND practice = ?2", &s, err);
	*changed = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, code);
	rc = db_step_done(st, s, "changing the scope", err);
	sqlite3_finalize(s);
	if (!rc)
		*changed = sqlite3_changes(st->db) > 0;
	return rc;
}
