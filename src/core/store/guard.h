/* guard.h - a database file from someone else is data, not code.
 *
 * The store opens files that anybody may have written (a colleague's
 * database, a backup sent by mail).  SQLite runs what such a file holds
 * (triggers, views, CHECK constraints, index expressions) as part of our
 * queries, so before the store uses a file it is checked here:
 *
 *   guard_precheck()      opens the file read-only (without SQLite writing
 *                         anything: no WAL replay into the file, no -wal
 *                         or -shm created when there is no -wal) and
 *                         refuses what is not ours, too new, or holds any
 *                         schema object sammtui did not create;
 *   guard_harden()        SQLite's defensive settings and lower limits on
 *                         every connection, and a step limit on every
 *                         statement (guard_progress);
 *   guard_readonly_copy() an old schema in a file we may not write, read
 *                         through an upgraded copy in memory.
 *
 * Internal to the core (src/core), like store_int.h. */
#ifndef SAMM_STORE_GUARD_H
#define SAMM_STORE_GUARD_H

#include <stdint.h>
#include <sqlite3.h>
#include "samm/error.h"

/* A statement that runs more virtual-machine steps than this is stopped
 * with SQLITE_INTERRUPT (the longest statement sammtui runs on a
 * 100,000-item model takes a few million). */
#define GUARD_MAX_STEPS 400000000LL

/* The schema sammtui writes: migrations[v] brings a file from version v to
 * v + 1, versions 1..n exist, and application_id marks our files. */
struct guard_schema {
	const char *const *migrations;
	int n;
	int64_t application_id;
};

/* Defensive settings (SQLITE_DBCONFIG_DEFENSIVE, trusted_schema off, no
 * triggers, views, extensions or double-quoted strings, cell_size_check,
 * no memory mapping), lowered limits (no ATTACH among them), and
 * guard_progress(db, GUARD_MAX_STEPS).  Returns a SQLite result code. */
int guard_harden(sqlite3 *db);

/* Stop any statement of db that runs more than max_steps VM steps (counted
 * from its first sqlite3_step) with SQLITE_INTERRUPT.  Returns a SQLite
 * result code; the state lives as long as the connection. */
int guard_progress(sqlite3 *db, int64_t max_steps);

/* Compare db's sqlite_schema with what migrations 0..version-1 create: any
 * table, index, view or trigger that is not ours, or that differs from
 * ours, or one of ours that is missing, is SAMM_DB naming it ("PATH:
 * unexpected trigger "x" in the database; inspect it with: sqlite3 PATH
 * .schema").  SQLite's own sqlite_stat1 and sqlite_stat4 are allowed. */
enum samm_status guard_check_schema(sqlite3 *db, const char *path,
				    const struct guard_schema *gs, int64_t version,
				    struct samm_error *err);

/* Look at the file at path through a read-only connection before the
 * store opens it for real: refuses (SAMM_DB) a file that is not a sammtui
 * database or holds objects we did not create, and (SAMM_NEWER) a newer
 * schema, while leaving the file, its -wal and its folder as they were.
 * *quiet is set when no -wal and no -journal exist, that is, when the file
 * can be read as immutable (no lock files needed) if nobody may write it. */
enum samm_status guard_precheck(const char *path, const struct guard_schema *gs,
				int *quiet, struct samm_error *err);

/* "file:PATH?mode=ro&immutable=1" (percent-encoded) for
 * sqlite3_open_v2(..., SQLITE_OPEN_URI); malloc'd, NULL when out of memory. */
char *guard_immutable_uri(const char *path);

/* Replace *db (a read-only connection to a file of schema `version`) with
 * a connection to an in-memory copy brought to the current schema, so that
 * an old file nobody may write can still be read.  On failure *db is left
 * as it was. */
enum samm_status guard_readonly_copy(sqlite3 **db, const char *path,
				     const struct guard_schema *gs, int64_t version,
				     struct samm_error *err);

/* After sqlite3_backup into dst: put dst in rollback-journal mode, so that
 * the copy can be read from a folder the reader may not write. */
int guard_backup_journal(sqlite3 *dst);

#endif
