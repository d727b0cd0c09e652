/* store.h - the assessment database (one SQLite file).
 *
 * Holds models (their CSV bytes, name, version, SHA-256), scopes (what is
 * assessed), periods (an assessment of a scope at a date against a model),
 * scores (a value and a note per item and period, with who and when), and
 * the append-only change log.  Every write is one transaction; a write that
 * fails leaves the database as it was.
 *
 * The file is created mode 0600 and its folder 0700; WAL journal, foreign
 * keys on, busy timeout, schema version with migrations (PRAGMA
 * user_version).  A database written by a newer schema is refused with
 * SAMM_NEWER and left untouched.
 *
 * Ownership, one way each: a single result is freed with samm_<type>_free(p);
 * a list result (an array *out of *n rows) with samm_<type>_list_free(v, n)
 * (or the *_free(v, n) its comment names).  Every free function accepts NULL.
 * Strings in rows are owned by the rows (fixed arrays or freed with them);
 * models returned by samm_store_model_get() are owned by the store and live
 * until samm_store_close().
 *
 * Returns: functions returning enum samm_status return SAMM_OK or an error
 * described in err; samm_store_is_*() return 1 (yes) or 0 (no). */
#ifndef SAMM_STORE_H
#define SAMM_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "samm/error.h"
#include "samm/model.h"

struct samm_store;

#define SAMM_DEFAULT_SCOPE "Organization"

/* ---- Opening ---------------------------------------------------------- */

enum samm_open_flags {
	SAMM_OPEN_CREATE   = 1 << 0,  /* create the file (and folders) if missing */
	SAMM_OPEN_READONLY = 1 << 1,  /* the store refuses writes (SAMM_READONLY);
					 a file of an older schema is still
					 upgraded when the user may write it */
};

/* Where the database lives when no --db is given: db ($SAMMTUI_DB) if
 * non-empty, else xdg/sammtui/sammtui.db when xdg ($XDG_DATA_HOME) is
 * absolute, else home/.local/share/sammtui/sammtui.db (home: $HOME); the
 * caller reads the environment.  SAMM_USAGE when none can be determined or
 * buf is too small. */
enum samm_status samm_store_default_path(const char *db, const char *xdg, const char *home,
					 char *buf, size_t size, struct samm_error *err);

/* Open (and with SAMM_OPEN_CREATE create: folder 0700, file 0600, schema,
 * scope "Organization") a database.  Without SAMM_OPEN_CREATE a missing
 * file is SAMM_NOTFOUND ("PATH: no database; run 'sammtui init'").  A file
 * the user may not write opens read-only (samm_store_is_readonly() says so)
 * unless the caller asked for CREATE on a missing file.  Migrates an older
 * schema; refuses a newer one (SAMM_NEWER) and anything not a sammtui
 * database (SAMM_DB).
 *
 * The file is data, not code (src/core/store_guard.h): before SQLite may
 * write anything it is checked through a read-only connection, and a file
 * holding any schema object sammtui did not create is refused (SAMM_DB,
 * naming it) and left byte-identical, -wal included.  Connections run with
 * SQLite's defensive settings and a step limit per statement.  A read-only
 * file of an older schema is read through an upgraded copy in memory; a
 * read-only file without a -wal is read as immutable, so reading creates
 * no -wal or -shm beside it. */
enum samm_status samm_store_open(const char *path, int flags, struct samm_store **out,
				 struct samm_error *err);
void samm_store_close(struct samm_store *st);

/* 1 when the store was opened read-only (or the file is not writable). */
int samm_store_is_readonly(const struct samm_store *st);
const char *samm_store_path(const struct samm_store *st);
/* Did the file hold no model before this open (a fresh database)? */
int samm_store_is_empty(struct samm_store *st);

/* A number that changes whenever another connection commits a change to
 * the database (PRAGMA data_version plus our own write counter): poll it to
 * notice concurrent edits. */
int64_t samm_store_data_version(struct samm_store *st);

/* Consistent copy of the whole database to path with SQLite's online
 * backup API, safe while others write; the copy is created 0600, in
 * rollback-journal mode (written to a temporary file beside it, then
 * renamed: see samm/outfile.h, which also refuses a path that exists and
 * is not a regular file). */
enum samm_status samm_store_backup(struct samm_store *st, const char *path,
				   struct samm_error *err);

/* ---- Batches ----------------------------------------------------------- */

/* Several writes as one transaction: all of them or none.  Between
 * samm_store_batch_begin (BEGIN IMMEDIATE: the write lock is held from
 * now on) and samm_store_batch_commit, every write function of this header
 * (samm_store_scope_new, samm_store_period_new, samm_store_apply, ...)
 * joins the batch instead of committing on its own: its log rows and
 * changes become durable only with the batch's commit.  A write that fails
 * inside the batch undoes only its own part; the caller then either goes on
 * or calls samm_store_batch_rollback, which undoes everything since
 * batch_begin.  Batches do not nest (SAMM_USAGE).  The in-memory
 * results the calls returned (ids, counts) describe rows that a rollback
 * removes.  batch_commit on failure has rolled back; batch_rollback never
 * fails and does nothing when no batch is open. */
enum samm_status samm_store_batch_begin(struct samm_store *st, struct samm_error *err);
enum samm_status samm_store_batch_commit(struct samm_store *st, struct samm_error *err);
void samm_store_batch_rollback(struct samm_store *st);

/* ---- Models ------------------------------------------------------------ */

struct samm_model_info {
	int64_t id;
	char name[128];
	char version[64];
	char hash[65];
	char loaded_at[32];     /* ISO 8601 UTC */
	int n_items;
	int optional;           /* offered beside the default (SAMM 2.2): never
				   picked as "the latest loaded" */
};

/* Store a model given its CSV bytes (parsed and checked with
 * samm_model_parse; fname for messages).  Same content (hash) already
 * stored: nothing changes, *created = 0, *id is the existing one.  A
 * different content under an existing name and version: SAMM_EXISTS.
 * name NULL -> fname's base name without ".csv"; version NULL -> "1". */
enum samm_status samm_store_model_add(struct samm_store *st, const char *csv, size_t len,
				      const char *fname, const char *name,
				      const char *version, int64_t *id, int *created,
				      struct samm_error *err);

/* The same for a model sammtui offers beside the default one (the
 * built-in SAMM 2.2): stored like any other, but never picked as "the
 * latest loaded model" (samm_store_model_find with no spec or a bare name,
 * a new period without a model), so SAMM 2.0 stays the default.  The same
 * content already stored: left as it is. */
enum samm_status samm_store_model_add_optional(struct samm_store *st, const char *csv,
					       size_t len, const char *fname, const char *name,
					       const char *version, int64_t *id, int *created,
					       struct samm_error *err);

/* All models, oldest first.  Free with samm_model_list_free(*out, *n). */
enum samm_status samm_store_model_list(struct samm_store *st, struct samm_model_info **out,
				       size_t *n, struct samm_error *err);
void samm_model_list_free(struct samm_model_info *v, size_t n);

/* Find a model by "NAME" (the latest loaded of that name), "NAME:VERSION",
 * or a hash prefix of at least 6 hex digits.  NULL or "" -> the latest
 * loaded model.  Optional models count as loaded before all others.
 * SAMM_NOTFOUND when none. */
enum samm_status samm_store_model_find(struct samm_store *st, const char *spec,
				       struct samm_model_info *out, struct samm_error *err);

/* The parsed model with that id; cached, owned by the store. */
enum samm_status samm_store_model_get(struct samm_store *st, int64_t model_id,
				      const struct samm_model **out, struct samm_error *err);

/* ---- Scopes ------------------------------------------------------------ */

struct samm_scope {
	int64_t id;
	char name[128];
};

enum samm_status samm_store_scope_new(struct samm_store *st, const char *name,
				      struct samm_scope *out, struct samm_error *err);
enum samm_status samm_store_scope_find(struct samm_store *st, const char *name,
				       struct samm_scope *out, struct samm_error *err);
/* All scopes by name.  Free with samm_scope_list_free(*out, *n). */
enum samm_status samm_store_scope_list(struct samm_store *st, struct samm_scope **out,
				       size_t *n, struct samm_error *err);
void samm_scope_list_free(struct samm_scope *v, size_t n);

/* ---- Periods ----------------------------------------------------------- */

struct samm_period {
	int64_t id;
	int64_t scope_id;
	int64_t model_id;
	char name[64];
	char date[11];          /* YYYY-MM-DD: orders the periods of a scope */
};

enum samm_period_source {
	SAMM_FROM_LATEST,       /* copy the scope's latest period (by date), if any */
	SAMM_FROM_PERIOD,       /* copy from_period */
	SAMM_FROM_NOTHING,      /* start empty */
};

/* Create a period.  date NULL -> today (samm_today()).  model_id 0 -> the
 * copied period's model, else the latest loaded model.  Copying carries
 * scores and notes forward (items matched by id when the models differ,
 * reworded ones marked to re-check: samm_store_recheck);
 * copies are not change-log entries.  SAMM_EXISTS when the name is taken in
 * that scope, SAMM_USAGE for a malformed date. */
enum samm_status samm_store_period_new(struct samm_store *st, int64_t scope_id,
				       const char *name, const char *date,
				       enum samm_period_source src, int64_t from_period,
				       int64_t model_id, struct samm_period *out,
				       struct samm_error *err);
enum samm_status samm_store_period_find(struct samm_store *st, int64_t scope_id,
					const char *name, struct samm_period *out,
					struct samm_error *err);
/* Periods of a scope, oldest first (by date, then creation).  Free with
 * samm_period_list_free(*out, *n). */
enum samm_status samm_store_period_list(struct samm_store *st, int64_t scope_id,
					struct samm_period **out, size_t *n,
					struct samm_error *err);
void samm_period_list_free(struct samm_period *v, size_t n);
/* Fix a period's name (name non-NULL: a new name, unique in the scope) or
 * date (date non-NULL: YYYY-MM-DD; the periods are ordered by it).  One
 * change-log row per field that really changes (period = the new name,
 * item "period:NAME", notes "name OLD" -> "name NEW", "date D1" -> "date
 * D2"); *n_changed (may be NULL) counts them.  SAMM_EXISTS for a name
 * taken, SAMM_USAGE for a bad name or date. */
enum samm_status samm_store_period_set(struct samm_store *st, int64_t period_id,
				       const char *name, const char *date, const char *user,
				       int *n_changed, struct samm_error *err);
/* Delete a period and its scores (the change log keeps their rows; targets
 * belong to phases, roadmap.h).  Projects that started or ended in it lose that start or end; each
 * gets a change-log row by user ("start P" -> "no start", as project.h). */
enum samm_status samm_store_period_delete(struct samm_store *st, int64_t period_id,
					  const char *user, struct samm_error *err);

/* ---- Scores ------------------------------------------------------------ */

/* One period's answers, aligned with its model's items. */
struct samm_assessment {
	const struct samm_model *model;  /* owned by the store */
	struct samm_period period;
	int *value;             /* [n_items] enum samm_value */
	char **note;            /* [n_items] NULL when no note */
	char **updated_by;      /* [n_items] NULL when never changed */
	char **updated_at;      /* [n_items] ISO 8601 UTC, NULL when never changed */
};

enum samm_status samm_store_assessment_load(struct samm_store *st, int64_t period_id,
					    struct samm_assessment **out,
					    struct samm_error *err);
void samm_assessment_free(struct samm_assessment *a);

/* What samm_change.check_old compares (bits). */
enum samm_check {
	SAMM_CHECK_VALUE = 1 << 0,      /* the stored value is still old_value */
	SAMM_CHECK_NOTE  = 1 << 1,      /* the stored note is still old_note */
};

/* One requested change to an item.  Fields not flagged are left alone.
 * check_old makes it a compare-and-set: the change applies only if what
 * is stored is still what the caller read (old_value, old_note); an item
 * never answered reads as SAMM_UNSET and no note.  Zero: no check. */
struct samm_change {
	const char *item;       /* item id; must exist in the period's model */
	int set_value;          /* change the value to `value` */
	int value;              /* enum samm_value; SAMM_UNSET clears */
	int set_note;           /* change the note to `note` */
	const char *note;       /* NULL or "" removes the note */
	int check_old;          /* enum samm_check bits */
	int old_value;          /* enum samm_value expected (SAMM_CHECK_VALUE) */
	const char *old_note;   /* note expected (SAMM_CHECK_NOTE); NULL or "": none */
};

/* Who and what stood in the way of a compare-and-set (SAMM_CONFLICT). */
struct samm_conflict {
	char item[128];         /* the first item whose stored state differed */
	int value;              /* its value now (enum samm_value) */
	int note_differs;       /* its note is not the expected one */
	char by[256];           /* who changed it last ("" when nobody yet) */
	char at[32];            /* when (ISO 8601 UTC; "" when never) */
};

/* Apply changes to one period in one durable transaction (BEGIN IMMEDIATE
 * ... COMMIT): either all or none.  Each item whose value or note really
 * changes gets updated_by = user, updated_at = now, and one change-log row
 * (old and new value and note).  Unknown item: SAMM_NOTFOUND naming it,
 * nothing written.  Inside a batch it joins the batch's transaction.  A note
 * longer than SAMM_NOTE_MAX bytes: SAMM_REFUSED "the note of ID is larger
 * than the 64 KB limit", nothing written.
 * *n_changed (may be NULL) counts the items that changed.
 * SAMM_READONLY on a read-only store.  A change with check_old whose item
 * no longer holds the expected value or note: SAMM_CONFLICT, nothing at all
 * written, err says "ITEM was changed by WHO at WHEN (now VALUE)". */
enum samm_status samm_store_apply(struct samm_store *st, int64_t period_id,
				  const struct samm_change *changes, size_t n,
				  const char *user, int *n_changed,
				  struct samm_error *err);
/* samm_store_apply that also describes a conflict in *conflict (may be
 * NULL; filled only on SAMM_CONFLICT). */
enum samm_status samm_store_apply_checked(struct samm_store *st, int64_t period_id,
					  const struct samm_change *changes, size_t n,
					  const char *user, int *n_changed,
					  struct samm_conflict *conflict,
					  struct samm_error *err);

/* ---- Re-check marks (a change of model) --------------------------------- */

/* A period copied from one of another model (`period new --model
 * SAMM:2.2`) marks the items whose text changed (model_diff.h) and that
 * carry a value: their answer was given to another wording.  A period
 * copied from a marked one keeps the marks.  A mark goes when the item's
 * value changes (samm_store_apply) or is confirmed as it is.
 *
 * what[m->n_items] (may be NULL) := each item's enum samm_reword bits, 0
 * when not marked; m is the period's model.  *n (may be NULL) := the
 * number of marked items. */
enum samm_status samm_store_recheck(struct samm_store *st, int64_t period_id,
				    const struct samm_model *m, unsigned *what, int *n,
				    struct samm_error *err);
/* Confirm the values as they are: the marked items under each id (an
 * item, an activity, a practice, ... as samm_model_resolve reads it) lose
 * their mark, each with a change-log row (item "recheck:ID", its value on
 * both sides, note "to re-check (WHAT)" -> "confirmed").  One
 * transaction; an unknown id: SAMM_NOTFOUND, nothing written.
 * *n_confirmed (may be NULL) counts the items confirmed. */
enum samm_status samm_store_confirm(struct samm_store *st, int64_t period_id,
				    const char *const *ids, size_t n, const char *user,
				    int *n_confirmed, struct samm_error *err);

/* ---- Change log --------------------------------------------------------- */

struct samm_log_entry {
	int64_t id;
	char *at;               /* ISO 8601 UTC */
	char *user;
	char *scope;
	char *period;
	char *item;
	int old_value, new_value;   /* enum samm_value */
	char *old_note, *new_note;  /* NULL when none */
};

struct samm_log_filter {
	int64_t scope_id;       /* 0: all scopes */
	const char *period;     /* NULL: all periods (by name, in scope_id) */
	const char *item_prefix;/* NULL: all items; else items equal to it or
				   starting with it followed by '.' (an activity) */
};

/* Log rows matching the filter, oldest first.  Free with
 * samm_log_free(*out, *n). */
enum samm_status samm_store_log(struct samm_store *st, const struct samm_log_filter *f,
				struct samm_log_entry **out, size_t *n,
				struct samm_error *err);
void samm_log_free(struct samm_log_entry *rows, size_t n);

#endif
