/* store_int.h - the store's internals shared with other core modules
 * (analysis, projects).  Not part of the public API: nothing outside
 * src/core includes it.
 *
 * Other modules run their own SQL on the store's connection.  Rules:
 *   - prepared statements with bound values only;
 *   - writes go between samm_store_begin() and samm_store_commit() (or
 *     samm_store_rollback() on any failure), and only after checking
 *     samm_store_check_writable();
 *   - statements they prepare are theirs to finalize before
 *     samm_store_close(). */
#ifndef SAMM_STORE_INT_H
#define SAMM_STORE_INT_H

#include <sqlite3.h>
#include "samm/error.h"
#include "samm/store.h"

/* The store's connection; owned by the store, valid until samm_store_close(). */
sqlite3 *samm_store_sqlite(struct samm_store *st);

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

/* Map a SQLite result code to a status (BUSY/LOCKED -> SAMM_BUSY,
 * READONLY -> SAMM_READONLY, NOMEM -> SAMM_NOMEM, CONSTRAINT -> SAMM_EXISTS
 * for UNIQUE/PRIMARY KEY, else SAMM_DB) and record
 * "PATH: WHAT: sqlite message" in err.  what says what was being done
 * ("saving scores").  Returns the status. */
enum samm_status samm_store_sqlerr(struct samm_store *st, int rc, const char *what,
				   struct samm_error *err);

#endif
