/* testing.c - reaching behind the store's API, for tests and the bench.
 *
 * The SQL here comes from the tests' and the bench's own literals.  The
 * program never links this file (nothing in src/ calls it: the linker
 * leaves its object out of sammtui). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "db.h"
#include "testing.h"

/* Run every statement of sql on db (as sqlite3_exec would). */
static int run_all(sqlite3 *db, const char *sql)
{
	while (sql && *sql) {
		sqlite3_stmt *s = NULL;
		const char *tail = NULL;
		if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) != SQLITE_OK)
			return -1;
		int rc = SQLITE_DONE;
		while (s && (rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return -1;
		sql = tail;
	}
	return 0;
}

int samm_store_test_exec(struct samm_store *st, const char *sql)
{
	return run_all(st->db, sql);
}

/* Step sql once: s on its row, or NULL (finalized) on no row or error. */
static sqlite3_stmt *first_row(struct samm_store *st, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

int samm_store_test_int(struct samm_store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = first_row(st, sql);
	if (!s)
		return -1;
	*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int samm_store_test_text(struct samm_store *st, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *s = first_row(st, sql);
	if (!s)
		return -1;
	db_col_copy(s, 0, buf, size);
	sqlite3_finalize(s);
	return 0;
}

const char *samm_store_sqlite_version(void)
{
	return sqlite3_libversion();
}

int samm_store_test_file_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int ok = sqlite3_open(path, &db) == SQLITE_OK && run_all(db, sql) == 0;
	return sqlite3_close(db) == SQLITE_OK && ok ? 0 : -1;
}

int samm_store_test_file_put(const char *path, const char *sql, const char *text,
			     const void *blob, size_t len)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int ok = sqlite3_open(path, &db) == SQLITE_OK &&
		 sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_blob(s, 2, blob, (int)len, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return sqlite3_close(db) == SQLITE_OK && ok ? 0 : -1;
}

struct samm_sqlite_floor {
	sqlite3 *db;
	sqlite3_stmt *begin, *upd, *commit;
};

void samm_store_test_floor_close(struct samm_sqlite_floor *f)
{
	if (!f)
		return;
	sqlite3_finalize(f->begin);
	sqlite3_finalize(f->upd);
	sqlite3_finalize(f->commit);
	sqlite3_close(f->db);
	free(f);
}

struct samm_sqlite_floor *samm_store_test_floor_open(const char *path)
{
	struct samm_sqlite_floor *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	if (sqlite3_open(path, &f->db) != SQLITE_OK ||
	    sqlite3_exec(f->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER, at TEXT);"
			 "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<294)"
			 " INSERT INTO t SELECT i, 0, '' FROM c;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(f->db, "BEGIN IMMEDIATE", -1, &f->begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(f->db, "UPDATE t SET v = ?, at = ? WHERE id = ?", -1, &f->upd,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(f->db, "COMMIT", -1, &f->commit, NULL) != SQLITE_OK) {
		samm_store_test_floor_close(f);
		return NULL;
	}
	return f;
}

int samm_store_test_floor_commit(struct samm_sqlite_floor *f, int id, int v, const char *at)
{
	sqlite3_step(f->begin);
	sqlite3_reset(f->begin);
	sqlite3_bind_int(f->upd, 1, v);
	sqlite3_bind_text(f->upd, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(f->upd, 3, id);
	sqlite3_step(f->upd);
	sqlite3_reset(f->upd);
	if (sqlite3_step(f->commit) != SQLITE_DONE)
		return -1;
	sqlite3_reset(f->commit);
	return 0;
}
