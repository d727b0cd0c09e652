/* db.h - the store's internals: the connection, kept statements and the
 * only helpers that prepare, bind, read columns and run transactions.
 * Included by the files of src/core/store/ only: nothing else sees
 * sqlite3.h or a sqlite3 pointer (other core modules use store_int.h). */
#ifndef SAMM_STORE_DB_H
#define SAMM_STORE_DB_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "samm/error.h"
#include "samm/store.h"
#include "../store_int.h"

#define SCHEMA_VERSION 4
/* "SAMM" in ASCII, written in decimal because PRAGMA wants an integer. */
#define SAMM_APPLICATION_ID 1396788557
#define APPLICATION_ID_SQL "1396788557"

/* SELECT list of a period row (read with db_period_row). */
#define PERIOD_COLS "SELECT id, scope_id, model_id, name, date FROM period "

/* ---- Kept statements ---------------------------------------------------- */

#define STORE_STMTS(_) \
	_(BEGIN,        "BEGIN IMMEDIATE") \
	_(COMMIT,       "COMMIT") \
	_(ROLLBACK,     "ROLLBACK") \
	_(SAVEPOINT,    "SAVEPOINT samm_nest") \
	_(RELEASE,      "RELEASE samm_nest") \
	_(ROLLBACK_TO,  "ROLLBACK TO samm_nest") \
	_(DATA_VERSION, "PRAGMA data_version") \
	_(PERIOD_GET,   "SELECT p.id, p.scope_id, p.model_id, p.name, p.date, s.name" \
			" FROM period p JOIN scope s ON s.id = p.scope_id WHERE p.id = ?1") \
	_(SCORES,       "SELECT item, value, note, updated_by, updated_at" \
			" FROM score WHERE period_id = ?1") \
	_(SCORE_GET,    "SELECT value, note, updated_by, updated_at FROM score" \
			" WHERE period_id = ?1 AND item = ?2") \
	_(SCORE_PUT,    "INSERT INTO score(period_id, item, value, note, updated_by, updated_at)" \
			" VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(period_id, item) DO UPDATE" \
			" SET value = excluded.value, note = excluded.note," \
			" updated_by = excluded.updated_by, updated_at = excluded.updated_at") \
	_(LOG_PUT,      "INSERT INTO log(at, user, scope, period, item, old_value, new_value," \
			" old_note, new_note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") \
	_(MODEL_CSV,    "SELECT csv, hash FROM model WHERE id = ?1") \
	_(VALUES,       "SELECT item, value FROM score WHERE period_id = ?1" \
			" ORDER BY item")   /* the merge in values.c needs it */ \
	_(VALUES_RANGE, "SELECT item, value FROM score WHERE period_id = ?1" \
			" AND item BETWEEN ?2 AND ?3") \
	_(VALUE_GET,    "SELECT value FROM score WHERE period_id = ?1 AND item = ?2") \
	_(SCORE_ROW,    "SELECT value, note, updated_by, updated_at FROM score" \
			" WHERE period_id = ?1 AND item = ?2") \
	_(TARGET_GET,   "SELECT value FROM phase_target WHERE phase_id = ?1 AND activity = ?2") \
	_(TARGET_PUT,   "INSERT INTO phase_target(phase_id, activity, value, set_by, set_at)" \
			" VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(phase_id, activity) DO UPDATE" \
			" SET value = excluded.value, set_by = excluded.set_by," \
			" set_at = excluded.set_at") \
	_(TARGET_DEL,   "DELETE FROM phase_target WHERE phase_id = ?1 AND activity = ?2") \
	_(LINK_ADD,     "INSERT OR IGNORE INTO project_link(project_id, ref, level, activity)" \
			" VALUES(?1, ?2, ?3, ?4)") \
	_(LINK_DEL,     "DELETE FROM project_link WHERE project_id = ?1 AND ref = ?2") \
	_(PROJECT_ACTS, "SELECT DISTINCT activity FROM project_link WHERE project_id = ?1")

enum store_stmt {
#define STORE_STMT_ENUM(name, sql) STMT_##name,
	STORE_STMTS(STORE_STMT_ENUM)
#undef STORE_STMT_ENUM
	STMT_COUNT
};


/* A model's item ids sorted, with their index in model order: score rows
 * come in item order (the primary key), and are matched against the model
 * by a merge rather than a hash lookup per row. */
struct db_item_key {
	const char *id;
	int item;
};

struct model_slot {
	int64_t id;
	struct samm_model *model;
	struct db_item_key *order;      /* [n_items] by id; NULL until needed */
};

struct samm_store {
	sqlite3 *db;
	char *path;
	int readonly;
	int was_empty;
	int64_t writes;                 /* our own commits: data_version ignores them */
	int tx_depth;                   /* open levels: the transaction, then savepoints */
	int batch;                      /* 1 while samm_store_batch_begin's level is open */
	sqlite3_stmt *stmt[STMT_COUNT];
	struct model_slot *models;      /* parsed models, by id, in load order */
	size_t n_models, cap_models;
};


/* ---- Statements and transactions (db.c) ---------------------------------- */

/* Map a SQLite result code to a status (BUSY/LOCKED -> SAMM_BUSY,
 * READONLY -> SAMM_READONLY, NOMEM -> SAMM_NOMEM, CONSTRAINT -> SAMM_EXISTS
 * for UNIQUE/PRIMARY KEY, else SAMM_DB) and record
 * "PATH: WHAT: sqlite message" in err.  what says what was being done
 * ("saving scores").  Returns the status. */
enum samm_status samm_store_sqlerr(struct samm_store *st, int rc, const char *what,
				   struct samm_error *err);


/* The kept statement `id`, prepared on first use; reset and ready to bind. */
sqlite3_stmt *db_stmt_get(struct samm_store *st, enum store_stmt id, enum samm_status *rc,
			  struct samm_error *err);
/* Reset a kept statement and clear its bindings (NULL is fine). */
void db_stmt_done(sqlite3_stmt *s);
/* A one-off statement (not kept): for rarely used queries.  Caller finalizes. */
enum samm_status db_prepare(struct samm_store *st, const char *sql, sqlite3_stmt **out,
			    struct samm_error *err);
/* Run a kept statement that returns no rows. */
enum samm_status db_run_kept(struct samm_store *st, enum store_stmt id, const char *what,
			     struct samm_error *err);
/* Step s once; SAMM_OK on DONE or ROW, else the mapped error naming what. */
enum samm_status db_step_done(struct samm_store *st, sqlite3_stmt *s, const char *what,
			      struct samm_error *err);
/* The first column of the first row of sql (0 when no row). */
enum samm_status db_query_int(struct samm_store *st, const char *sql, int64_t *out,
			      struct samm_error *err);
/* Step the prepared, bound statement s to its end, filling an array of
 * size-byte rows with row(); finalizes s.  Caller frees *out. */
enum samm_status db_collect_rows(struct samm_store *st, sqlite3_stmt *s, size_t size,
				 void (*row)(sqlite3_stmt *, void *), const char *what,
				 void **out, size_t *n, struct samm_error *err);

/* ---- Binding and reading columns (db.c) ---------------------------------- */

char *db_xstrdup(const char *s);
/* Copy a column's text into a fixed array (truncating). */
void db_col_copy(sqlite3_stmt *s, int col, char *dst, size_t size);
/* NULL for an SQL NULL, else a malloc'd copy; *oom set when the copy fails. */
char *db_col_dup(sqlite3_stmt *s, int col, int *oom);
/* An enum samm_value column: SAMM_UNSET for NULL. */
int db_col_value(sqlite3_stmt *s, int col);
/* A period's five columns from col on (PERIOD_COLS order); all zero when
 * the first is NULL (a LEFT JOIN without a match). */
void db_period_row(sqlite3_stmt *s, int col, struct samm_period *p);
/* SAMM_UNSET binds NULL. */
void db_bind_value(sqlite3_stmt *s, int idx, int v);
/* NULL binds SQL NULL.  SQLITE_STATIC: keep t alive until the reset. */
void db_bind_text(sqlite3_stmt *s, int idx, const char *t);
/* A name the user gives: non-empty, valid UTF-8, no control characters,
 * shorter than max. */
enum samm_status db_check_name(const char *what, const char *s, size_t max,
			       struct samm_error *err);

/* ---- Paths (open.c) ---------------------------------------------------------- */

/* *withsuf := path + suffix, *dir := path's folder (both malloc'd). */
enum samm_status db_path_parts(const char *path, const char *suffix, char **withsuf,
			       char **dir, struct samm_error *err);

/* ---- Schema (schema.c) ----------------------------------------------------- */

struct schema_state {
	int64_t app, version, n_objects;
};

enum samm_status db_schema_read(struct samm_store *st, struct schema_state *ss,
				struct samm_error *err);
/* Refuse what is not ours or too new.  *fresh: an empty database that we
 * may initialise. */
enum samm_status db_schema_judge(struct samm_store *st, const struct schema_state *ss,
				 int may_init, int *fresh, struct samm_error *err);
/* Bring the schema to SCHEMA_VERSION in one transaction; a fresh database
 * also gets the default scope. */
/* The schema as guard.c checks files against it (schema.c). */
struct guard_schema;
extern const struct guard_schema db_guard_schema;

enum samm_status db_schema_migrate(struct samm_store *st, int may_init, struct samm_error *err);

/* ---- Re-check marks (recheck.c) -------------------------------------------- */

/* Period `to` was copied from `from`: carry over from's marks, and when
 * the models differ mark the reworded items that carry a value. */
enum samm_status db_recheck_mark(struct samm_store *st, int64_t from, int64_t from_model,
				 int64_t to, int64_t to_model, struct samm_error *err);
/* An item's value was set: it is re-checked. */
enum samm_status db_recheck_clear(struct samm_store *st, int64_t period_id, const char *item,
				  struct samm_error *err);

/* ---- Periods (periods.c) ---------------------------------------------------- */

/* A period by id, with its scope's name when scope is not NULL. */
enum samm_status db_period_get(struct samm_store *st, int64_t id, struct samm_period *p,
			       char *scope, size_t scope_size, struct samm_error *err);

#endif
