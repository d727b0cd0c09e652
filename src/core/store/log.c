/* log.c - the change log: its writer and its reader. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"
#include "core/vec.h"

/* ---- Change log ---------------------------------------------------------------- */

void samm_log_free(struct samm_log_entry *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].user);
		free(rows[i].scope);
		free(rows[i].period);
		free(rows[i].item);
		free(rows[i].old_note);
		free(rows[i].new_note);
	}
	free(rows);
}

enum samm_status samm_store_log(struct samm_store *st, const struct samm_log_filter *f,
				struct samm_log_entry **out, size_t *n,
				struct samm_error *err)
{
	/* The query is assembled from these constant fragments only (values
	 * are bound), so that each filter combination can use log_by_item. */
	char sql[512] = "SELECT id, at, user, scope, period, item, old_value, new_value,"
			" old_note, new_note FROM log WHERE 1";
	struct samm_scope scope = { 0 };
	struct samm_log_entry *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	enum samm_status rc = SAMM_OK;
	int src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (f && f->scope_id) {
		if ((rc = samm_store_scope_get(st, f->scope_id, &scope, err)))
			return rc;
		strcat(sql, " AND scope = ?1");
	}
	if (f && f->period)
		strcat(sql, " AND period = ?2");
	/* "project:NAME" and "target:ACTIVITY" name one thing (a project's
	 * name may hold dots); an activity code also takes its items */
	if (f && f->item_prefix && strchr(f->item_prefix, ':'))
		strcat(sql, " AND item = ?3");
	else if (f && f->item_prefix)
		strcat(sql, " AND (item = ?3 OR (item > ?3 || '.' AND item < ?3 || '/'))");
	strcat(sql, " ORDER BY id");

	if ((rc = db_prepare(st, sql, &s, err)))
		return rc;
	if (f && f->scope_id)
		db_bind_text(s, 1, scope.name);
	if (f && f->period)
		db_bind_text(s, 2, f->period);
	if (f && f->item_prefix)
		db_bind_text(s, 3, f->item_prefix);
	int oom = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (samm_grow((void **)&v, &cap, cnt + 1, sizeof *v)) {
			oom = 1;
			break;
		}
		struct samm_log_entry *e = &v[cnt++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(s, 0);
		e->at = db_col_dup(s, 1, &oom);
		e->user = db_col_dup(s, 2, &oom);
		e->scope = db_col_dup(s, 3, &oom);
		e->period = db_col_dup(s, 4, &oom);
		e->item = db_col_dup(s, 5, &oom);
		e->old_value = db_col_value(s, 6);
		e->new_value = db_col_value(s, 7);
		e->old_note = db_col_dup(s, 8, &oom);
		e->new_note = db_col_dup(s, 9, &oom);
		if (oom)
			break;
	}
	if (oom)
		rc = samm_nomem(err);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading the change log", err);
	sqlite3_finalize(s);
	if (rc) {
		samm_log_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

/* ---- The writer ------------------------------------------------------------------ */

/* The only INSERT INTO log: score changes (scores.c), project and target
 * rows (project.c, target.c through store_int.h), and the projects that
 * lose a start or end with a deleted period (periods.c). */
enum samm_status samm_store_log_put(struct samm_store *st, const struct samm_log_put *e,
				    struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_LOG_PUT, &rc, err);
	if (!s)
		return rc;
	db_bind_text(s, 1, e->at);
	db_bind_text(s, 2, e->user);
	db_bind_text(s, 3, e->scope);
	db_bind_text(s, 4, e->period);
	db_bind_text(s, 5, e->item);
	db_bind_value(s, 6, e->old_value);
	db_bind_value(s, 7, e->new_value);
	db_bind_text(s, 8, e->old_note);
	db_bind_text(s, 9, e->new_note);
	int src = sqlite3_step(s);
	db_stmt_done(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "writing the change log", err);
	return SAMM_OK;
}
