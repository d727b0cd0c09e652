/* store_int.h - the store's internal API for other core modules
 * (analysis, projects, targets).  Not part of the public API: nothing
 * outside src/core includes it.
 *
 * Everything here is plain C over the store: no SQLite type is visible.
 * The store's files (src/core/store/) hold every SQL statement.  Writes go
 * between samm_store_begin() and samm_store_commit() (or
 * samm_store_rollback() on any failure).  They nest: inside an open
 * transaction (a caller's batch, samm/store.h) begin takes a savepoint,
 * commit releases it and rollback undoes only that level. */
#ifndef SAMM_STORE_INT_H
#define SAMM_STORE_INT_H

#include <stddef.h>
#include <stdint.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/store.h"

/* SAMM_NOMEM with "out of memory" in err: the core's one out-of-memory
 * report. */
enum samm_status samm_nomem(struct samm_error *err);

/* ---- Transactions and snapshots (store/db.c) ------------------------------ */

/* SAMM_OK, or SAMM_READONLY ("PATH is read-only") on a read-only store. */
enum samm_status samm_store_check_writable(struct samm_store *st, struct samm_error *err);

/* BEGIN IMMEDIATE (takes the write lock now, waiting up to the busy
 * timeout), so that a transaction never fails half-way on a lock upgrade.
 * Includes the read-only check.  SAMM_BUSY when the lock stays taken. */
enum samm_status samm_store_begin(struct samm_store *st, struct samm_error *err);
/* COMMIT; on failure rolls back and returns the mapped error. */
enum samm_status samm_store_commit(struct samm_store *st, struct samm_error *err);
/* ROLLBACK if a transaction is open; never fails (errors are ignored
 * because the caller is already reporting the first one). */
void samm_store_rollback(struct samm_store *st);

/* A read snapshot for a call that runs several queries, unless a
 * transaction is already open.  Returns whether it began one; pass that to
 * samm_store_snap_end(). */
int samm_store_snap_begin(struct samm_store *st);
void samm_store_snap_end(struct samm_store *st, int began);

/* ---- Scopes and periods by id (store/scopes.c, store/periods.c) ----------- */

/* SAMM_NOTFOUND "no scope #ID" when there is none. */
enum samm_status samm_store_scope_get(struct samm_store *st, int64_t scope_id,
				      struct samm_scope *out, struct samm_error *err);
/* SAMM_NOTFOUND "no period #ID" when there is none. */
enum samm_status samm_store_period_get(struct samm_store *st, int64_t period_id,
				       struct samm_period *out, struct samm_error *err);
/* The scope's latest period (by date, then creation); out->id 0 when none. */
enum samm_status samm_store_period_latest(struct samm_store *st, int64_t scope_id,
					  struct samm_period *out, struct samm_error *err);

/* ---- Values of a period (store/values.c) ------------------------------------ */

/* values[m->n_items] := the stored values of period_id (SAMM_UNSET where
 * there is no row or no valid value), aligned with m, the period's model
 * (from samm_store_model_get).  Rows of items m lacks are skipped.  One
 * range read of the primary key, merged with the model's items in id
 * order. */
enum samm_status samm_store_values(struct samm_store *st, int64_t period_id,
				   const struct samm_model *m, int *values,
				   struct samm_error *err);
/* Only the items [first, first + n) of m (a practice's, say): one range
 * read between their lowest and highest id; other entries left alone. */
enum samm_status samm_store_values_range(struct samm_store *st, int64_t period_id,
					 const struct samm_model *m, int first, int n,
					 int *values, struct samm_error *err);
/* One item's value (SAMM_UNSET when no row): a primary-key lookup. */
enum samm_status samm_store_value_get(struct samm_store *st, int64_t period_id,
				      const char *item, int *out, struct samm_error *err);

/* One item's stored row.  note is NULL for no note or ""; updated_by and
 * updated_at NULL when never set.  The strings are malloc'd: the caller
 * frees them. */
struct samm_score_row {
	int found;
	int value;
	char *note, *updated_by, *updated_at;
};
enum samm_status samm_store_score_row(struct samm_store *st, int64_t period_id,
				      const char *item, struct samm_score_row *out,
				      struct samm_error *err);
/* The same for every period of scope_id in one statement: rows[k] for
 * periods[k] (the scope's n periods in samm_store_period_list order). */
enum samm_status samm_store_item_rows(struct samm_store *st, int64_t scope_id, const char *item,
				      const struct samm_period *periods, size_t n,
				      struct samm_score_row *rows, struct samm_error *err);

/* ---- The change log's writer (store/log.c) --------------------------------- */

/* One change-log row.  NULL strings are stored as NULL; old/new values
 * SAMM_UNSET as NULL. */
struct samm_log_put {
	const char *at;         /* ISO 8601 UTC */
	const char *user;
	const char *scope;
	const char *period;     /* "" for rows about a project */
	const char *item;       /* "G-SM-1-A.1", "project:NAME", "target:CODE" */
	int old_value, new_value;
	const char *old_note, *new_note;
};
enum samm_status samm_store_log_put(struct samm_store *st, const struct samm_log_put *e,
				    struct samm_error *err);

/* ---- Projects and links (store/projects.c) -------------------------------- */

/* Which projects samm_store_projects() reads. */
enum samm_project_query {
	SAMM_PQ_ID,             /* a: the project's id */
	SAMM_PQ_NAME,           /* a: scope id, b: name */
	SAMM_PQ_SCOPE,          /* a: scope id; in list order */
	SAMM_PQ_COVERING,       /* a: scope id, b: activity, c: item or NULL; list order */
};
/* The projects' rows (no outcome: has_outcome, n_rose and n_compared are
 * zero), every status.  Caller frees *out with free(). */
enum samm_status samm_store_projects(struct samm_store *st, enum samm_project_query q,
				     int64_t a, const char *b, const char *c,
				     struct samm_project **out, size_t *n,
				     struct samm_error *err);
/* The distinct activity codes a project's links cover, by code.  Caller
 * frees each and the array. */
enum samm_status samm_store_project_activities(struct samm_store *st, int64_t project_id,
					       char ***out, size_t *n, struct samm_error *err);
/* *exists := is there a project of that name in the scope? */
enum samm_status samm_store_project_name_exists(struct samm_store *st, int64_t scope_id,
						const char *name, int *exists,
						struct samm_error *err);
/* *exists := is there a project with that id? */
enum samm_status samm_store_project_exists(struct samm_store *st, int64_t project_id,
					   int *exists, struct samm_error *err);
/* The number of projects of a scope. */
enum samm_status samm_store_project_count(struct samm_store *st, int64_t scope_id, int *out,
					  struct samm_error *err);
/* Insert p (scope_id, name, owner, description, status, start.id and
 * end.id, 0 for none); created_at = updated_at = p->created_at.  *id
 * receives the new row's id. */
enum samm_status samm_store_project_insert(struct samm_store *st, const struct samm_project *p,
					   int64_t *id, struct samm_error *err);
/* Write p's name, owner, description, status, start, end and updated_at
 * into the row p->id. */
enum samm_status samm_store_project_update(struct samm_store *st, const struct samm_project *p,
					   struct samm_error *err);
/* Delete a project (its links go with it). */
enum samm_status samm_store_project_remove(struct samm_store *st, int64_t project_id,
					   struct samm_error *err);
/* updated_at := now. */
enum samm_status samm_store_project_touch(struct samm_store *st, int64_t project_id,
					  const char *now, struct samm_error *err);

/* Add one link; *added 0 when it was already there. */
enum samm_status samm_store_link_add(struct samm_store *st, int64_t project_id, const char *ref,
				     enum samm_level level, const char *activity, int *added,
				     struct samm_error *err);
/* Remove one link; *removed 0 when there was none. */
enum samm_status samm_store_link_remove(struct samm_store *st, int64_t project_id,
					const char *ref, int *removed, struct samm_error *err);
/* A project's links, by activity, the activity's own link first, then
 * ref.  Caller frees *out with free(). */
enum samm_status samm_store_links(struct samm_store *st, int64_t project_id,
				  struct samm_project_link **out, size_t *n,
				  struct samm_error *err);

/* Ids of the scope's projects (any status) that link ref itself (an
 * activity code or an item id), at once.  Caller frees *ids with free(). */
enum samm_status samm_store_ref_linkers(struct samm_store *st, int64_t scope_id,
					const char *ref, int64_t **ids, size_t *n,
					struct samm_error *err);

/* The links of a scope's open (planned or active) projects, read at once. */
struct samm_open_links {
	int64_t *project;       /* [n] */
	char **activity;        /* [n] */
	size_t n;
};
enum samm_status samm_store_open_links(struct samm_store *st, int64_t scope_id,
				       struct samm_open_links *out, struct samm_error *err);
void samm_open_links_free(struct samm_open_links *o);

/* ---- Targets of phases (store/targets.c) ------------------------------------ */

struct samm_phase;
/* One activity's own row in a phase: *found 0 when none; *out its value
 * (SAMM_UNSET for an explicit "no target"). */
enum samm_status samm_store_target_get(struct samm_store *st, int64_t phase_id,
				       const char *activity, int *found, int *out,
				       struct samm_error *err);
/* present 0: remove the phase's own row; else store value (0..3, or
 * SAMM_UNSET: "no target from this phase on"), by user at now. */
enum samm_status samm_store_target_put(struct samm_store *st, int64_t phase_id,
				       const char *activity, int present, int value,
				       const char *user, const char *now, struct samm_error *err);
/* targets[m->n_activities] := the fold of the scope's phases before ph
 * (and ph itself when inclusive); own (may be NULL) := 1 where ph's own
 * row decides.  Rows of activities m lacks are skipped. */
enum samm_status samm_store_phase_fold(struct samm_store *st, const struct samm_phase *ph,
				       int inclusive, const struct samm_model *m, int *targets,
				       int *own, struct samm_error *err);

/* Insert a phase (checked as samm_phase_new) and log it, inside the
 * caller's transaction. */
enum samm_status samm_store_phase_insert(struct samm_store *st, int64_t scope_id,
					 const char *name, const char *due,
					 const char *description, const char *user,
					 const char *now, struct samm_phase *out,
					 struct samm_error *err);

/* ---- Periods and scopes (store/periods.c, store/scopes.c) ------------------- */

/* The practice codes a scope excludes, by code.  Caller frees each and the
 * array. */
enum samm_status samm_store_scope_excluded_codes(struct samm_store *st, int64_t scope_id,
						 char ***out, size_t *n, struct samm_error *err);
/* Exclude (on 1) or include (on 0) one practice code; *changed 0 when it
 * already was so. */
enum samm_status samm_store_scope_exclude_put(struct samm_store *st, int64_t scope_id,
					      const char *code, int on, int *changed,
					      struct samm_error *err);

#endif
