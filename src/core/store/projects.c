/* projects.c - the project and project_link tables.
 *
 * Rows only: the rules (names, spans, outcomes, what the log says) are
 * project.c's and link.c's, over the functions declared in store_int.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/project.h"
#include "db.h"
#include "core/vec.h"

#define PROJECT_SQL \
	"SELECT p.id, p.scope_id, p.name, p.owner, p.description, p.status, p.created_at," \
	" p.updated_at," \
	" (SELECT count(*) FROM project_link l WHERE l.project_id = p.id)," \
	" (SELECT count(DISTINCT l.activity) FROM project_link l WHERE l.project_id = p.id)," \
	" s.id, s.scope_id, s.model_id, s.name, s.date," \
	" e.id, e.scope_id, e.model_id, e.name, e.date, ph.id, ph.name" \
	" FROM project p LEFT JOIN period s ON s.id = p.start_period" \
	" LEFT JOIN period e ON e.id = p.end_period" \
	" LEFT JOIN phase ph ON ph.id = p.phase_id "
#define PROJECT_ORDER \
	" ORDER BY CASE p.status WHEN 'planned' THEN 0 WHEN 'active' THEN 1" \
	" WHEN 'done' THEN 2 ELSE 3 END, p.name, p.id"

static void project_row(sqlite3_stmt *s, void *out)
{
	struct samm_project *p = out;
	char status[16];
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->scope_id = sqlite3_column_int64(s, 1);
	db_col_copy(s, 2, p->name, sizeof p->name);
	db_col_copy(s, 3, p->owner, sizeof p->owner);
	db_col_copy(s, 4, p->description, sizeof p->description);
	db_col_copy(s, 5, status, sizeof status);
	if (samm_project_status_parse(status, &p->status))
		p->status = SAMM_PROJECT_PLANNED; /* the CHECK constraint makes this unreachable */
	db_col_copy(s, 6, p->created_at, sizeof p->created_at);
	db_col_copy(s, 7, p->updated_at, sizeof p->updated_at);
	p->n_links = sqlite3_column_int(s, 8);
	p->n_activities = sqlite3_column_int(s, 9);
	db_period_row(s, 10, &p->start);
	db_period_row(s, 15, &p->end);
	p->phase_id = sqlite3_column_int64(s, 20);
	db_col_copy(s, 21, p->phase_name, sizeof p->phase_name);
}

enum samm_status samm_store_projects(struct samm_store *st, enum samm_project_query q,
				     int64_t a, const char *b, const char *c,
				     struct samm_project **out, size_t *n,
				     struct samm_error *err)
{
	static const char *const sql[] = {
		[SAMM_PQ_ID] = PROJECT_SQL "WHERE p.id = ?1",
		[SAMM_PQ_NAME] = PROJECT_SQL "WHERE p.scope_id = ?1 AND p.name = ?2",
		[SAMM_PQ_SCOPE] = PROJECT_SQL "WHERE p.scope_id = ?1" PROJECT_ORDER,
		/* an activity: any link under it; an item: its own link or its
		 * activity's (both rows carry the item's activity) */
		[SAMM_PQ_COVERING] = PROJECT_SQL "WHERE p.scope_id = ?1 AND p.id IN"
			" (SELECT project_id FROM project_link WHERE activity = ?2"
			" AND (?3 IS NULL OR level = 'activity' OR ref = ?3))" PROJECT_ORDER,
	};
	sqlite3_stmt *s;
	enum samm_status rc;
	void *v;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare(st, sql[q], &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, a);
	if (b)
		db_bind_text(s, 2, b);
	if (c)
		db_bind_text(s, 3, c);
	if ((rc = db_collect_rows(st, s, sizeof **out, project_row, "reading projects", &v, n,
				  err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

enum samm_status samm_store_project_activities(struct samm_store *st, int64_t project_id,
					       char ***out, size_t *n, struct samm_error *err)
{
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	int src, oom = 0;
	enum samm_status rc = SAMM_OK;
	/* kept: the project list asks it of every done project */
	sqlite3_stmt *s = db_stmt_get(st, STMT_PROJECT_ACTS, &rc, err);
	*out = NULL;
	*n = 0;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			continue;
		if (samm_grow((void **)&v, &cap, cnt + 1, sizeof *v)) {
			oom = 1;
			break;
		}
		if (!(v[cnt] = db_col_dup(s, 0, &oom)))
			break;
		cnt++;
	}
	if (oom)
		rc = samm_nomem(err);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	db_stmt_done(s);
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

/* *out := does the query (one int64 and an optional text bound) give a row? */
static enum samm_status any_row(struct samm_store *st, const char *sql, int64_t a,
				const char *b, const char *what, int *out,
				struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, sql, &s, err);
	*out = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, a);
	if (b)
		db_bind_text(s, 2, b);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*out = 1;
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, what, err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_store_project_name_exists(struct samm_store *st, int64_t scope_id,
						const char *name, int *exists,
						struct samm_error *err)
{
	return any_row(st, "SELECT 1 FROM project WHERE scope_id = ?1 AND name = ?2", scope_id,
		       name, "reading projects", exists, err);
}

enum samm_status samm_store_project_exists(struct samm_store *st, int64_t project_id,
					   int *exists, struct samm_error *err)
{
	return any_row(st, "SELECT 1 FROM project WHERE id = ?1", project_id, NULL,
		       "reading a project", exists, err);
}

enum samm_status samm_store_project_count(struct samm_store *st, int64_t scope_id, int *out,
					  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT count(*) FROM project WHERE scope_id = ?1",
					 &s, err);
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

/* Bind ?2..?9 (name, owner, description, status, start, end, time, phase) of an
 * INSERT or UPDATE of p. */
static void bind_project(sqlite3_stmt *s, const struct samm_project *p, const char *at)
{
	db_bind_text(s, 2, p->name);
	db_bind_text(s, 3, p->owner);
	db_bind_text(s, 4, p->description);
	db_bind_text(s, 5, samm_project_status_name(p->status));
	if (p->start.id)
		sqlite3_bind_int64(s, 6, p->start.id);
	if (p->end.id)
		sqlite3_bind_int64(s, 7, p->end.id);
	db_bind_text(s, 8, at);
	if (p->phase_id)
		sqlite3_bind_int64(s, 9, p->phase_id);
}

enum samm_status samm_store_project_insert(struct samm_store *st, const struct samm_project *p,
					   int64_t *id, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "INSERT INTO project(scope_id, name, owner,"
					 " description, status, start_period, end_period,"
					 " created_at, updated_at, phase_id)"
					 " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->scope_id);
	bind_project(s, p, p->created_at);
	rc = db_step_done(st, s, "creating a project", err);
	sqlite3_finalize(s);
	if (!rc)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

enum samm_status samm_store_project_update(struct samm_store *st, const struct samm_project *p,
					   struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "UPDATE project SET name = ?2, owner = ?3,"
					 " description = ?4, status = ?5, start_period = ?6,"
					 " end_period = ?7, updated_at = ?8, phase_id = ?9 WHERE id = ?1", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	bind_project(s, p, p->updated_at);
	rc = db_step_done(st, s, "changing a project", err);
	sqlite3_finalize(s);
	return rc;
}

/* Run sql with ?1 = a and ?2 = b (when not NULL) to its end. */
static enum samm_status run_one(struct samm_store *st, const char *sql, int64_t a,
				const char *b, const char *what, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, a);
	if (b)
		db_bind_text(s, 2, b);
	rc = db_step_done(st, s, what, err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_store_project_remove(struct samm_store *st, int64_t project_id,
					   struct samm_error *err)
{
	/* links go with it (ON DELETE CASCADE) */
	return run_one(st, "DELETE FROM project WHERE id = ?1", project_id, NULL,
		       "deleting a project", err);
}

enum samm_status samm_store_project_touch(struct samm_store *st, int64_t project_id,
					  const char *now, struct samm_error *err)
{
	return run_one(st, "UPDATE project SET updated_at = ?2 WHERE id = ?1", project_id, now,
		       "changing a project", err);
}

/* ---- Links ------------------------------------------------------------------------- */

enum samm_status samm_store_link_add(struct samm_store *st, int64_t project_id, const char *ref,
				     enum samm_level level, const char *activity, int *added,
				     struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_LINK_ADD, &rc, err);
	*added = 0;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	db_bind_text(s, 2, ref);
	db_bind_text(s, 3, samm_level_name(level));
	db_bind_text(s, 4, activity);
	rc = db_step_done(st, s, "linking", err);
	db_stmt_done(s);
	*added = !rc && sqlite3_changes(st->db) > 0;
	return rc;
}

enum samm_status samm_store_link_remove(struct samm_store *st, int64_t project_id,
					const char *ref, int *removed, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_LINK_DEL, &rc, err);
	*removed = 0;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	db_bind_text(s, 2, ref);
	rc = db_step_done(st, s, "unlinking", err);
	db_stmt_done(s);
	*removed = !rc && sqlite3_changes(st->db) > 0;
	return rc;
}

static void link_row(sqlite3_stmt *s, void *out)
{
	struct samm_project_link *l = out;
	char level[16];
	memset(l, 0, sizeof *l);
	db_col_copy(s, 0, l->id, sizeof l->id);
	db_col_copy(s, 1, level, sizeof level);
	db_col_copy(s, 2, l->activity, sizeof l->activity);
	l->level = strcmp(level, "item") ? SAMM_L_ACTIVITY : SAMM_L_ITEM;
}

enum samm_status samm_store_links(struct samm_store *st, int64_t project_id,
				  struct samm_project_link **out, size_t *n,
				  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	void *v;

	*out = NULL;
	*n = 0;
	/* the activity's own link sorts first: level 'activity' < 'item' */
	if ((rc = db_prepare(st, "SELECT ref, level, activity FROM project_link"
			     " WHERE project_id = ?1 ORDER BY activity, level, ref", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, project_id);
	if ((rc = db_collect_rows(st, s, sizeof **out, link_row, "reading project links", &v, n,
				  err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

void samm_open_links_free(struct samm_open_links *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->activity[i]);
	free(o->activity);
	free(o->project);
	memset(o, 0, sizeof *o);
}

/* One more slot in both arrays of o. */
enum samm_status samm_store_ref_linkers(struct samm_store *st, int64_t scope_id,
					const char *ref, int64_t **ids, size_t *n,
					struct samm_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	enum samm_status rc;
	int src;

	*ids = NULL;
	*n = 0;
	if ((rc = db_prepare(st, "SELECT l.project_id FROM project_link l"
			     " JOIN project p ON p.id = l.project_id"
			     " WHERE p.scope_id = ?1 AND l.ref = ?2", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, ref);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (samm_grow((void **)ids, &cap, *n + 1, sizeof **ids)) {
			rc = samm_nomem(err);
			break;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	sqlite3_finalize(s);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

/* Two parallel arrays: cap[0] of project, cap[1] of activity. */
static int open_links_grow(struct samm_open_links *o, size_t cap[2])
{
	return samm_grow((void **)&o->project, &cap[0], o->n + 1, sizeof *o->project) ||
	       samm_grow((void **)&o->activity, &cap[1], o->n + 1, sizeof *o->activity);
}

enum samm_status samm_store_open_links(struct samm_store *st, int64_t scope_id,
				       struct samm_open_links *o, struct samm_error *err)
{
	sqlite3_stmt *s;
	size_t cap[2] = { 0, 0 };
	enum samm_status rc;
	int src, oom = 0;

	memset(o, 0, sizeof *o);
	if ((rc = db_prepare(st, "SELECT l.project_id, l.activity FROM project_link l"
			     " JOIN project p ON p.id = l.project_id"
			     " WHERE p.scope_id = ?1 AND p.status IN ('planned', 'active')", &s,
			     err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(s, 1);
		if (open_links_grow(o, cap) || !(o->activity[o->n] = db_xstrdup(a ? a : ""))) {
			oom = 1;
			break;
		}
		o->project[o->n++] = sqlite3_column_int64(s, 0);
	}
	if (oom)
		rc = samm_nomem(err);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading project links", err);
	sqlite3_finalize(s);
	if (rc)
		samm_open_links_free(o);
	return rc;
}
