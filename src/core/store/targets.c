/* targets.c - phase_target: what each phase sets or clears on top of the
 * phases due before it (roadmap.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/value.h"
#include "db.h"

enum samm_status samm_store_target_get(struct samm_store *st, int64_t phase_id,
				       const char *activity, int *found, int *out,
				       struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_TARGET_GET, &rc, err);
	*out = SAMM_UNSET;
	*found = 0;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, phase_id);
	db_bind_text(s, 2, activity);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		*found = 1;
		*out = db_col_value(s, 0);
	}
	db_stmt_done(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading a target", err);
	return SAMM_OK;
}

enum samm_status samm_store_target_put(struct samm_store *st, int64_t phase_id,
				       const char *activity, int present, int value,
				       const char *user, const char *now, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, present ? STMT_TARGET_PUT : STMT_TARGET_DEL, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, phase_id);
	db_bind_text(s, 2, activity);
	if (present) {
		db_bind_value(s, 3, value);
		db_bind_text(s, 4, user);
		db_bind_text(s, 5, now);
	}
	rc = db_step_done(st, s, "saving a target", err);
	db_stmt_done(s);
	return rc;
}

static int act_index(const struct samm_model *m, const char *code)
{
	for (int a = 0; a < m->n_activities; a++)
		if (!strcmp(m->activities[a].code, code))
			return a;
	return -1;
}

enum samm_status samm_store_phase_fold(struct samm_store *st, const struct samm_phase *ph,
				       int inclusive, const struct samm_model *m, int *targets,
				       int *own, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	int src;

	for (int a = 0; a < m->n_activities; a++) {
		targets[a] = SAMM_UNSET;
		if (own)
			own[a] = 0;
	}
	/* the phases up to ph in roadmap order (due, id), each overriding */
	if ((rc = db_prepare(st, "SELECT t.phase_id, t.activity, t.value FROM phase_target t"
			     " JOIN phase p ON p.id = t.phase_id WHERE p.scope_id = ?1"
			     " AND (p.due < ?2 OR (p.due = ?2 AND p.id < ?3)"
			     "  OR (?4 AND p.id = ?3)) ORDER BY p.due, p.id", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, ph->scope_id);
	db_bind_text(s, 2, ph->due);
	sqlite3_bind_int64(s, 3, ph->id);
	sqlite3_bind_int(s, 4, inclusive);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 1);
		int a = code ? act_index(m, code) : -1;
		int v = db_col_value(s, 2);
		if (a < 0 || (v != SAMM_UNSET && (v < SAMM_NO || v > SAMM_MOST)))
			continue;
		targets[a] = v;
		if (own && sqlite3_column_int64(s, 0) == ph->id)
			own[a] = 1;
	}
	if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading targets", err);
	sqlite3_finalize(s);
	return rc;
}
