/* phases.c - the phases of a scope's roadmap: creating, changing, finding,
 * listing, deleting, and the rule that picks a period's phase (roadmap.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"

#define PHASE_COLS "SELECT id, scope_id, name, due, description FROM phase "
/* The phases in roadmap order. */
#define PHASE_ORDER " ORDER BY due, id"

static void phase_row(sqlite3_stmt *s, void *v)
{
	struct samm_phase *p = v;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->scope_id = sqlite3_column_int64(s, 1);
	db_col_copy(s, 2, p->name, sizeof p->name);
	db_col_copy(s, 3, p->due, sizeof p->due);
	db_col_copy(s, 4, p->description, sizeof p->description);
}

/* One phase by a query with ?1 (and ?2) bound; notfound names it. */
static enum samm_status phase_one(struct samm_store *st, sqlite3_stmt *s, struct samm_phase *out,
				  int *found, struct samm_error *err)
{
	int src = sqlite3_step(s);
	enum samm_status rc = SAMM_OK;
	*found = src == SQLITE_ROW;
	if (src == SQLITE_ROW)
		phase_row(s, out);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading phases", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_phase_get(struct samm_store *st, int64_t phase_id,
				struct samm_phase *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	int found;
	enum samm_status rc = db_prepare(st, PHASE_COLS "WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, phase_id);
	if ((rc = phase_one(st, s, out, &found, err)))
		return rc;
	if (!found)
		return samm_error_set(err, SAMM_NOTFOUND, "no phase #%lld", (long long)phase_id);
	return SAMM_OK;
}

enum samm_status samm_phase_find(struct samm_store *st, int64_t scope_id, const char *name,
				 struct samm_phase *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	int found;
	enum samm_status rc;
	if (!name)
		return samm_error_set(err, SAMM_USAGE, "no phase name given");
	if ((rc = db_prepare(st, PHASE_COLS "WHERE scope_id = ?1 AND name = ?2", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, name);
	if ((rc = phase_one(st, s, out, &found, err)))
		return rc;
	if (!found)
		return samm_error_set(err, SAMM_NOTFOUND, "no phase '%s' in this scope", name);
	return SAMM_OK;
}

enum samm_status samm_phase_list(struct samm_store *st, int64_t scope_id,
				 struct samm_phase **out, size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	void *v;
	enum samm_status rc = db_prepare(st, PHASE_COLS "WHERE scope_id = ?1" PHASE_ORDER, &s, err);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	if ((rc = db_collect_rows(st, s, sizeof **out, phase_row, "listing phases", &v, n, err)))
		return rc;
	*out = *n ? v : NULL;
	if (!*n)
		free(v);
	return SAMM_OK;
}

void samm_phase_list_free(struct samm_phase *v, size_t n)
{
	(void)n;
	free(v);
}

enum samm_status samm_phase_for_period(struct samm_store *st, int64_t period_id,
				       struct samm_phase *out, struct samm_error *err)
{
	struct samm_period p;
	sqlite3_stmt *s;
	int found;
	enum samm_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_period_get(st, period_id, &p, NULL, 0, err)))
		return rc;
	/* the first due on or after the date, else the last */
	if ((rc = db_prepare(st, PHASE_COLS "WHERE scope_id = ?1 ORDER BY due < ?2,"
			     " CASE WHEN due >= ?2 THEN due END, CASE WHEN due >= ?2 THEN id END,"
			     " due DESC, id DESC LIMIT 1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, p.scope_id);
	db_bind_text(s, 2, p.date);
	return phase_one(st, s, out, &found, err);
}

/* ---- Writes ------------------------------------------------------------------------ */

/* A description: valid UTF-8, no control characters, short enough. */
static enum samm_status check_desc(const char *d, struct samm_error *err)
{
	size_t len = d ? strlen(d) : 0, bad;
	if (len >= SAMM_PHASE_DESC_MAX)
		return samm_error_set(err, SAMM_USAGE, "the phase description is too long (at most"
				      " %d bytes)", SAMM_PHASE_DESC_MAX - 1);
	if (!samm_utf8_valid(d ? d : "", len, &bad))
		return samm_error_set(err, SAMM_USAGE, "the phase description is not valid UTF-8"
				      " (byte %zu)", bad + 1);
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp;
		if (!(n = samm_utf8_decode(d + i, len - i, &cp)) || samm_cp_is_control(cp))
			return samm_error_set(err, SAMM_USAGE, "the phase description holds a"
					      " control character (byte %zu)", i + 1);
	}
	return SAMM_OK;
}

static enum samm_status check_due(const char *due, struct samm_error *err)
{
	if (!due || !samm_date_valid(due))
		return samm_error_set(err, SAMM_USAGE, "due date '%s' is not a date in the form"
				      " YYYY-MM-DD", due ? due : "");
	return SAMM_OK;
}

static enum samm_status phase_log(struct samm_store *st, int64_t scope_id, const char *name,
				  const char *user, const char *now, const char *old_note,
				  const char *new_note, struct samm_error *err)
{
	struct samm_scope sc;
	char item[SAMM_PHASE_NAME_MAX + 8];
	enum samm_status rc = samm_store_scope_get(st, scope_id, &sc, err);
	if (rc)
		return rc;
	snprintf(item, sizeof item, "phase:%s", name);
	struct samm_log_put e = { now, user, sc.name, "", item, SAMM_UNSET, SAMM_UNSET,
				  old_note, new_note };
	return samm_store_log_put(st, &e, err);
}

/* SAMM_EXISTS when the scope already has a phase of that name. */
static enum samm_status phase_name_free(struct samm_store *st, int64_t scope_id,
					const char *name, struct samm_error *err)
{
	struct samm_phase other;
	struct samm_error e2;
	enum samm_status rc = samm_phase_find(st, scope_id, name, &other, &e2);
	if (rc == SAMM_OK)
		return samm_error_set(err, SAMM_EXISTS, "phase '%s' already exists", name);
	if (rc != SAMM_NOTFOUND)
		return samm_error_set(err, rc, "%s", e2.msg);
	return SAMM_OK;
}

enum samm_status samm_store_phase_insert(struct samm_store *st, int64_t scope_id,
					 const char *name, const char *due,
					 const char *description, const char *user,
					 const char *now, struct samm_phase *out,
					 struct samm_error *err)
{
	struct samm_phase p = { 0 };
	struct samm_scope sc;
	sqlite3_stmt *s;
	char note[64];
	enum samm_status rc;

	if ((rc = db_check_name("phase", name, sizeof p.name, err)) || (rc = check_due(due, err)) ||
	    (rc = check_desc(description, err)) ||
	    (rc = samm_store_scope_get(st, scope_id, &sc, err)) ||
	    (rc = phase_name_free(st, scope_id, name, err)) ||
	    (rc = db_prepare(st, "INSERT INTO phase(scope_id, name, due, description, created_at)"
			     " VALUES(?1, ?2, ?3, ?4, ?5)", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, due);
	db_bind_text(s, 4, description ? description : "");
	db_bind_text(s, 5, now);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "creating a phase", err);
	p.id = sqlite3_last_insert_rowid(st->db);
	p.scope_id = scope_id;
	snprintf(p.name, sizeof p.name, "%s", name);
	memcpy(p.due, due, sizeof p.due);
	snprintf(p.description, sizeof p.description, "%s", description ? description : "");
	snprintf(note, sizeof note, "created (due %s)", due);
	if ((rc = phase_log(st, scope_id, name, user, now, NULL, note, err)))
		return rc;
	if (out)
		*out = p;
	return SAMM_OK;
}

enum samm_status samm_phase_new(struct samm_store *st, int64_t scope_id, const char *name,
				const char *due, const char *description, const char *user,
				struct samm_phase *out, struct samm_error *err)
{
	struct samm_phase p;
	char now[32];
	enum samm_status rc;

	if ((rc = db_check_name("phase", name, sizeof p.name, err)) || (rc = check_due(due, err)) ||
	    (rc = check_desc(description, err)) || (rc = samm_store_begin(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	samm_now_iso(now, sizeof now);
	if ((rc = samm_store_phase_insert(st, scope_id, name, due, description, user, now, &p,
					  err)) ||
	    (rc = samm_store_commit(st, err))) {
		samm_store_rollback(st);
		return rc;
	}
	if (out)
		*out = p;
	return SAMM_OK;
}

/* "WHAT OLD" -> "WHAT NEW" when they differ; *count += 1. */
static enum samm_status phase_field(struct samm_store *st, const struct samm_phase *p,
				    const char *what, const char *old, const char *new,
				    const char *user, const char *now, int *count,
				    struct samm_error *err)
{
	if (!new || !strcmp(old, new))
		return SAMM_OK;
	size_t on = strlen(what) + strlen(old) + 2, nn = strlen(what) + strlen(new) + 2;
	char *a = malloc(on), *b = malloc(nn);
	enum samm_status rc;
	if (!a || !b) {
		rc = samm_nomem(err);
	} else {
		snprintf(a, on, "%s %s", what, old);
		snprintf(b, nn, "%s %s", what, new);
		rc = phase_log(st, p->scope_id, p->name, user, now, *old ? a : NULL, *new ? b : NULL,
			       err);
	}
	free(a);
	free(b);
	*count += !rc;
	return rc;
}

enum samm_status samm_phase_set(struct samm_store *st, int64_t phase_id,
				const struct samm_phase_fields *f, const char *user,
				int *n_changed, struct samm_error *err)
{
	struct samm_phase old, p;
	sqlite3_stmt *s;
	char now[32];
	int count = 0;
	enum samm_status rc;

	if (n_changed)
		*n_changed = 0;
	if ((f->name && (rc = db_check_name("phase", f->name, sizeof p.name, err))) ||
	    (f->due && (rc = check_due(f->due, err))) || (rc = check_desc(f->description, err)) ||
	    (rc = samm_store_begin(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	samm_now_iso(now, sizeof now);
	if ((rc = samm_phase_get(st, phase_id, &old, err)))
		goto fail;
	p = old;
	if (f->name && strcmp(f->name, old.name)) {
		if ((rc = phase_name_free(st, old.scope_id, f->name, err)))
			goto fail;
		snprintf(p.name, sizeof p.name, "%s", f->name);
	}
	if (f->due)
		memcpy(p.due, f->due, sizeof p.due);
	if (f->description)
		snprintf(p.description, sizeof p.description, "%s", f->description);
	/* logged under the new name, as a project's rename */
	if ((rc = phase_field(st, &p, "name", old.name, p.name, user, now, &count, err)) ||
	    (rc = phase_field(st, &p, "due", old.due, p.due, user, now, &count, err)) ||
	    (rc = phase_field(st, &p, "description", old.description, p.description, user, now,
			      &count, err)))
		goto fail;
	if (!count) {
		samm_store_rollback(st);
		return SAMM_OK;
	}
	if ((rc = db_prepare(st, "UPDATE phase SET name = ?2, due = ?3, description = ?4"
			     " WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, p.id);
	db_bind_text(s, 2, p.name);
	db_bind_text(s, 3, p.due);
	db_bind_text(s, 4, p.description);
	rc = db_step_done(st, s, "changing a phase", err);
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

enum samm_status samm_phase_delete(struct samm_store *st, int64_t phase_id, const char *user,
				   struct samm_error *err)
{
	struct samm_phase p;
	sqlite3_stmt *s;
	char now[32], note[96];
	int64_t n_targets;
	enum samm_status rc;

	if ((rc = samm_store_begin(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	samm_now_iso(now, sizeof now);
	if ((rc = samm_phase_get(st, phase_id, &p, err)) ||
	    (rc = db_prepare(st, "SELECT count(*) FROM phase_target WHERE phase_id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, phase_id);
	n_targets = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	snprintf(note, sizeof note, "deleted (due %s, %lld %s)", p.due, (long long)n_targets,
		 n_targets == 1 ? "target" : "targets");
	if ((rc = phase_log(st, p.scope_id, p.name, user, now, note, NULL, err)) ||
	    (rc = db_prepare(st, "DELETE FROM phase WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, phase_id);
	rc = db_step_done(st, s, "deleting a phase", err);
	sqlite3_finalize(s);
	if (rc || (rc = samm_store_commit(st, err)))
		goto fail;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}
