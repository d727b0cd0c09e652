/* db.c - the store's only SQLite helpers: errors, kept and one-off
 * statements, transactions, read snapshots, binding and reading columns. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include <stdint.h>
#include "db.h"
#include "guard.h"
#include "core/vec.h"

static const char *const stmt_sql[] = {
#define STORE_STMT_SQL(name, sql) sql,
	STORE_STMTS(STORE_STMT_SQL)
#undef STORE_STMT_SQL
};

/* ---- Errors ------------------------------------------------------------ */

enum samm_status samm_store_sqlerr(struct samm_store *st, int rc, const char *what,
				   struct samm_error *err)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	const char *path = st ? st->path : "database";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return samm_error_set(err, SAMM_BUSY, "%s: %s: the database is busy"
				      " (another sammtui is writing): %s", path, what, msg);
	case SQLITE_READONLY:
		return samm_error_set(err, SAMM_READONLY, "%s is read-only", path);
	case SQLITE_NOMEM:
		return samm_error_set(err, SAMM_NOMEM, "%s: %s: out of memory", path, what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged): %s",
				      path, msg);
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return samm_error_set(err, SAMM_EXISTS, "%s: %s: %s", path, what, msg);
		break;
	case SQLITE_INTERRUPT: /* guard.c's step limit */
		return samm_error_set(err, SAMM_DB, "%s: %s: stopped after %lld million steps"
				      " (is the database damaged or hostile?)", path, what,
				      GUARD_MAX_STEPS / 1000000);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return samm_error_set(err, SAMM_IO, "%s: %s: %s", path, what, msg);
	}
	return samm_error_set(err, SAMM_DB, "%s: %s: %s", path, what, msg);
}

enum samm_status samm_nomem(struct samm_error *err)
{
	return samm_error_set(err, SAMM_NOMEM, "out of memory");
}

/* ---- Statements and transactions ---------------------------------------- */

/* The kept statement `id`, prepared on first use; reset and ready to bind. */
sqlite3_stmt *db_stmt_get(struct samm_store *st, enum store_stmt id,
			      enum samm_status *rc, struct samm_error *err)
{
	if (!st->stmt[id]) {
		int src = sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					     &st->stmt[id], NULL);
		if (src != SQLITE_OK) {
			*rc = samm_store_sqlerr(st, src, "preparing a query", err);
			sqlite3_finalize(st->stmt[id]);
			st->stmt[id] = NULL;
			return NULL;
		}
	}
	return st->stmt[id];
}

void db_stmt_done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

/* A one-off statement (not kept): for rarely used queries. */
enum samm_status db_prepare(struct samm_store *st, const char *sql, sqlite3_stmt **out,
				struct samm_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
		return samm_store_sqlerr(st, rc, "preparing a query", err);
	}
	return SAMM_OK;
}

/* Run a kept statement that returns no rows. */
enum samm_status db_run_kept(struct samm_store *st, enum store_stmt id, const char *what,
				 struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, id, &rc, err);
	if (!s)
		return rc;
	int src = sqlite3_step(s);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = samm_store_sqlerr(st, src, what, err);
	sqlite3_reset(s);
	return rc;
}

enum samm_status samm_store_check_writable(struct samm_store *st, struct samm_error *err)
{
	if (st->readonly)
		return samm_error_set(err, SAMM_READONLY, "%s is read-only", st->path);
	return SAMM_OK;
}

/* Transactions nest: the first level is BEGIN IMMEDIATE ... COMMIT, each
 * level inside it a savepoint, so that a write function called inside a
 * batch (samm_store_batch_begin) joins it: its COMMIT only releases its
 * savepoint, its ROLLBACK undoes only its own writes, and nothing is
 * durable until the batch commits.  A rollback never closes the batch's own
 * level (a function whose begin failed still calls it); only
 * samm_store_batch_rollback does. */

/* SQLite rolls the whole transaction back by itself after some errors
 * (a full disk, an I/O error): then no level is open any more. */
static void tx_sync(struct samm_store *st)
{
	if (st->tx_depth && sqlite3_get_autocommit(st->db))
		st->tx_depth = 0;
}

enum samm_status samm_store_begin(struct samm_store *st, struct samm_error *err)
{
	enum samm_status rc = samm_store_check_writable(st, err);
	if (rc)
		return rc;
	tx_sync(st);
	if (st->batch && !st->tx_depth)
		return samm_error_set(err, SAMM_DB, "%s: the batch's transaction was rolled back"
				      " after an earlier error", st->path);
	if (st->tx_depth)
		rc = db_run_kept(st, STMT_SAVEPOINT, "starting a transaction", err);
	else
		rc = db_run_kept(st, STMT_BEGIN, "starting a transaction", err);
	if (!rc)
		st->tx_depth++;
	return rc;
}

void samm_store_rollback(struct samm_store *st)
{
	struct samm_error ignored;

	tx_sync(st);
	if (st->tx_depth > st->batch) {
		if (st->tx_depth > 1) {
			db_run_kept(st, STMT_ROLLBACK_TO, "rolling back", &ignored);
			db_run_kept(st, STMT_RELEASE, "rolling back", &ignored);
		} else {
			db_run_kept(st, STMT_ROLLBACK, "rolling back", &ignored);
		}
		st->tx_depth--;
	} else if (!st->tx_depth && !sqlite3_get_autocommit(st->db)) {
		db_run_kept(st, STMT_ROLLBACK, "rolling back", &ignored);
	}
}

enum samm_status samm_store_commit(struct samm_store *st, struct samm_error *err)
{
	enum samm_status rc;

	tx_sync(st);
	if (st->tx_depth <= st->batch)
		return samm_error_set(err, SAMM_DB, "%s: saving: no transaction is open",
				      st->path);
	if (st->tx_depth > 1) {
		if ((rc = db_run_kept(st, STMT_RELEASE, "saving", err)))
			samm_store_rollback(st);
		else
			st->tx_depth--;
		return rc;
	}
	if ((rc = db_run_kept(st, STMT_COMMIT, "saving", err))) {
		samm_store_rollback(st);
	} else {
		st->tx_depth = 0;
		st->writes++;
	}
	return rc;
}

/* ---- Batches (samm/store.h) --------------------------------------------------- */

enum samm_status samm_store_batch_begin(struct samm_store *st, struct samm_error *err)
{
	enum samm_status rc;

	tx_sync(st);
	if (st->batch || st->tx_depth)
		return samm_error_set(err, SAMM_USAGE, "%s: a batch is already open", st->path);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	st->batch = 1;
	return SAMM_OK;
}

enum samm_status samm_store_batch_commit(struct samm_store *st, struct samm_error *err)
{
	if (!st->batch)
		return samm_error_set(err, SAMM_USAGE, "%s: no batch is open", st->path);
	tx_sync(st);
	if (st->tx_depth != 1) {
		/* rolled back under us, or a level left open inside it */
		samm_store_batch_rollback(st);
		return samm_error_set(err, SAMM_DB, "%s: the batch was not saved: its"
				      " transaction was rolled back after an error", st->path);
	}
	st->batch = 0;
	return samm_store_commit(st, err);
}

void samm_store_batch_rollback(struct samm_store *st)
{
	struct samm_error ignored;

	if (!st->batch)
		return;
	st->batch = 0;
	tx_sync(st);
	if (st->tx_depth)
		db_run_kept(st, STMT_ROLLBACK, "rolling back", &ignored);
	st->tx_depth = 0;
}

/* ---- Small helpers --------------------------------------------------------- */

char *db_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

/* Copy a column's text into a fixed array (truncating: the limits are
 * checked when names are written). */
void db_col_copy(sqlite3_stmt *s, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	samm_utf8_copy(dst, size, (const char *)t);
}

/* NULL for an SQL NULL, else a malloc'd copy; *oom set when the copy fails. */
char *db_col_dup(sqlite3_stmt *s, int col, int *oom)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (!t)
		return NULL;
	char *d = db_xstrdup((const char *)t);
	if (!d)
		*oom = 1;
	return d;
}

int db_col_value(sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return SAMM_UNSET;
	return sqlite3_column_int(s, col);
}

void db_bind_value(sqlite3_stmt *s, int idx, int v)
{
	if (v == SAMM_UNSET)
		sqlite3_bind_null(s, idx);
	else
		sqlite3_bind_int(s, idx, v);
}

/* Bind text; NULL binds SQL NULL.  SQLITE_STATIC: callers keep the string
 * alive until the statement is reset. */
void db_bind_text(sqlite3_stmt *s, int idx, const char *t)
{
	if (t)
		sqlite3_bind_text(s, idx, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

/* A name the user gives (scope, period, model name or version): non-empty,
 * valid UTF-8, no control characters, fits its column's struct field, and
 * not starting with '-': the command line would take it for an option. */
enum samm_status db_check_name(const char *what, const char *s, size_t max,
				   struct samm_error *err)
{
	size_t bad;
	if (!s || !*s)
		return samm_error_set(err, SAMM_USAGE, "%s name is empty", what);
	if (*s == '-')
		return samm_error_set(err, SAMM_USAGE, "%s name '%.40s' may not start with '-'"
				      " (the command line would read it as an option)", what, s);
	size_t len = strlen(s);
	if (len >= max)
		return samm_error_set(err, SAMM_USAGE, "%s name '%.*s...' is too long"
				      " (at most %zu bytes)", what, (int)samm_utf8_cut(s, 40), s, max - 1);
	if (!samm_utf8_valid(s, len, &bad))
		return samm_error_set(err, SAMM_USAGE, "%s name is not valid UTF-8 (byte %zu)",
				      what, bad + 1);
	/* C0, DEL, C1 and the bidirectional controls, as for project names */
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp;
		if (!(n = samm_utf8_decode(s + i, len - i, &cp)) || samm_cp_is_control(cp))
			return samm_error_set(err, SAMM_USAGE,
					      "%s name holds a control character (byte %zu)",
					      what, i + 1);
	}
	return SAMM_OK;
}

/* Step the prepared, bound statement s to its end, filling an array of
 * elements of `size` bytes with row(s, element) per row; finalizes s.
 * *out (caller frees) and *n on success; what names the work in errors. */
enum samm_status db_collect_rows(struct samm_store *st, sqlite3_stmt *s, size_t size,
				     void (*row)(sqlite3_stmt *, void *), const char *what,
				     void **out, size_t *n, struct samm_error *err)
{
	char *v = NULL;
	size_t cnt = 0, cap = 0;
	enum samm_status rc = SAMM_OK;
	int src;

	*out = NULL;
	*n = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (samm_grow((void **)&v, &cap, cnt + 1, size)) {
			rc = samm_nomem(err);
			break;
		}
		memset(v + cnt * size, 0, size);
		row(s, v + cnt * size);
		cnt++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, what, err);
	sqlite3_finalize(s);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

enum samm_status db_query_int(struct samm_store *st, const char *sql, int64_t *out,
				  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (src == SQLITE_DONE)
		*out = 0;
	else
		rc = samm_store_sqlerr(st, src, "reading", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status db_step_done(struct samm_store *st, sqlite3_stmt *s, const char *what,
			      struct samm_error *err)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return samm_store_sqlerr(st, rc, what, err);
	return SAMM_OK;
}

void db_period_row(sqlite3_stmt *s, int col, struct samm_period *p)
{
	memset(p, 0, sizeof *p);
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return;
	p->id = sqlite3_column_int64(s, col);
	p->scope_id = sqlite3_column_int64(s, col + 1);
	p->model_id = sqlite3_column_int64(s, col + 2);
	db_col_copy(s, col + 3, p->name, sizeof p->name);
	db_col_copy(s, col + 4, p->date, sizeof p->date);
}

/* ---- Read snapshots ---------------------------------------------------------- */

/* Every analysis reads inside one read transaction of its own (unless the
 * caller already has one open): all its statements see the same snapshot
 * even while another process writes, and the file lock and WAL index are
 * taken once instead of once per statement, which is most of the cost of
 * a few hundred small queries. */
int samm_store_snap_begin(struct samm_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		return 0;
	return sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void samm_store_snap_end(struct samm_store *st, int began)
{
	/* A read transaction has nothing to lose: COMMIT only releases it. */
	if (began)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}
