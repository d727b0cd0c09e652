/* testing.h - reaching behind the store's API, for tests and the bench
 * only (to set up states the API refuses to create, or to check the file's
 * settings).  The program never calls these.  No SQLite type is visible:
 * nothing outside src/core/store/ includes sqlite3.h. */
#ifndef SAMM_STORE_TESTING_H
#define SAMM_STORE_TESTING_H

#include <stddef.h>
#include <stdint.h>

struct samm_store;

/* Run one or more SQL statements.  0 on success, -1 on any error. */
int samm_store_test_exec(struct samm_store *st, const char *sql);
/* The first column of the first row of sql.  0 when there was a row,
 * -1 on an error or no row. */
int samm_store_test_int(struct samm_store *st, const char *sql, int64_t *out);
int samm_store_test_text(struct samm_store *st, const char *sql, char *buf, size_t size);
/* Open (creating) the SQLite file path without the store, run sql, close.
 * 0 when all of it succeeded, else -1. */
int samm_store_test_file_exec(const char *path, const char *sql);
/* The same for one statement with ?1 bound to text and ?2 to a blob. */
int samm_store_test_file_put(const char *path, const char *sql, const char *text,
			     const void *blob, size_t len);
/* The bench's floor: a bare SQLite file (WAL, synchronous=FULL) with one
 * 294-row table, and one row updated and committed at a time, to compare
 * the store's commits with.  NULL on any error. */
struct samm_sqlite_floor;
struct samm_sqlite_floor *samm_store_test_floor_open(const char *path);
/* BEGIN IMMEDIATE, UPDATE row id to v and at, COMMIT: 0 when committed. */
int samm_store_test_floor_commit(struct samm_sqlite_floor *f, int id, int v, const char *at);
void samm_store_test_floor_close(struct samm_sqlite_floor *f);

/* The SQLite library's version ("3.40.1"). */
const char *samm_store_sqlite_version(void);

#endif
