/* targets.c - the target table: one wanted value per activity and period. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/project.h"
#include "samm/value.h"
#include "db.h"

enum samm_status samm_store_target_get(struct samm_store *st, int64_t period_id,
				       const char *activity, int *out, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_TARGET_GET, &rc, err);
	*out = SAMM_UNSET;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, activity);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*out = db_col_value(s, 0);
	db_stmt_done(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading a target", err);
	return SAMM_OK;
}

enum samm_status samm_store_target_put(struct samm_store *st, int64_t period_id,
				       const char *activity, int value, const char *user,
				       const char *now, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, value == SAMM_UNSET ? STMT_TARGET_DEL : STMT_TARGET_PUT,
				      &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, activity);
	if (value != SAMM_UNSET) {
		sqlite3_bind_int(s, 3, value);
		db_bind_text(s, 4, user);
		db_bind_text(s, 5, now);
	}
	rc = db_step_done(st, s, "saving a target", err);
	db_stmt_done(s);
	return rc;
}

static int act_find(const struct samm_model *m, const char *code)
{
	for (int a = 0; a < m->n_activities; a++)
		if (!strcmp(m->activities[a].code, code))
			return a;
	return -1;
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
	if ((rc = db_prepare(st, "SELECT activity, value FROM target WHERE period_id = ?1", &s,
			     err)))
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
