/* schema.c - the schema, its migrations and the checks on opening. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"
#include "guard.h"


/* ---- Schema and migrations ------------------------------------------------ */

/* migrations[v] brings a database from schema v to v + 1 (version 0 is an
 * empty file).  All steps run in one transaction; each ends by setting
 * user_version, so a half-done upgrade cannot be committed.  To add a
 * version: append a step, bump SCHEMA_VERSION, add a test opening a file of
 * the old version. */
static const char *const migrations[SCHEMA_VERSION] = {
	/* 0 -> 1 */
	"PRAGMA application_id = " APPLICATION_ID_SQL ";"
	"CREATE TABLE model(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" version TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, csv BLOB NOT NULL,"
	" n_items INTEGER NOT NULL, loaded_at TEXT NOT NULL,"
	" UNIQUE(name, version)) STRICT;"
	"CREATE TABLE scope(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" created_at TEXT NOT NULL) STRICT;"
	"CREATE TABLE period(id INTEGER PRIMARY KEY,"
	" scope_id INTEGER NOT NULL REFERENCES scope(id), name TEXT NOT NULL,"
	" date TEXT NOT NULL, model_id INTEGER NOT NULL REFERENCES model(id),"
	" created_at TEXT NOT NULL, UNIQUE(scope_id, name)) STRICT;"
	"CREATE INDEX period_by_date ON period(scope_id, date, id);"
	"CREATE INDEX period_by_model ON period(model_id);"
	"CREATE TABLE score(period_id INTEGER NOT NULL"
	" REFERENCES period(id) ON DELETE CASCADE, item TEXT NOT NULL,"
	" value INTEGER CHECK (value BETWEEN 0 AND 4), note TEXT,"
	" updated_by TEXT, updated_at TEXT, PRIMARY KEY(period_id, item))"
	" WITHOUT ROWID, STRICT;"
	"CREATE TABLE log(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	" user TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL,"
	" item TEXT NOT NULL, old_value INTEGER, new_value INTEGER,"
	" old_note TEXT, new_note TEXT) STRICT;"
	"CREATE INDEX log_by_item ON log(scope, item, id);"
	"PRAGMA user_version = 1;",
	/* 1 -> 2: projects, their links, and targets (src/core/project.c).
	 * A project's periods are only markers: deleting a period leaves the
	 * project without that start or end (SET NULL); targets belong to
	 * their period (CASCADE).  project_link.activity repeats the
	 * activity of an item link so that "projects covering activity X" is
	 * one indexed lookup.  Project and target changes are rows of `log`
	 * (item "project:NAME" / "target:ACTIVITY"; see project.h), so
	 * `sammtui log` and its filters need no second table. */
	"CREATE TABLE project(id INTEGER PRIMARY KEY,"
	" scope_id INTEGER NOT NULL REFERENCES scope(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',"
	" description TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT 'planned'"
	"  CHECK (status IN ('planned', 'active', 'done', 'dropped')),"
	" start_period INTEGER REFERENCES period(id) ON DELETE SET NULL,"
	" end_period INTEGER REFERENCES period(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE(scope_id, name)) STRICT;"
	"CREATE INDEX project_by_start ON project(start_period);"
	"CREATE INDEX project_by_end ON project(end_period);"
	"CREATE TABLE project_link(project_id INTEGER NOT NULL"
	" REFERENCES project(id) ON DELETE CASCADE, ref TEXT NOT NULL,"
	" level TEXT NOT NULL CHECK (level IN ('activity', 'item')),"
	" activity TEXT NOT NULL, PRIMARY KEY(project_id, ref)) WITHOUT ROWID, STRICT;"
	"CREATE INDEX project_link_by_activity ON project_link(activity, project_id);"
	"CREATE TABLE target(period_id INTEGER NOT NULL"
	" REFERENCES period(id) ON DELETE CASCADE, activity TEXT NOT NULL,"
	" value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3),"
	" set_by TEXT NOT NULL, set_at TEXT NOT NULL,"
	" PRIMARY KEY(period_id, activity)) WITHOUT ROWID, STRICT;"
	"PRAGMA user_version = 2;",
};


/* What guard.c compares a file's schema with. */
const struct guard_schema db_guard_schema = {
	migrations, SCHEMA_VERSION, SAMM_APPLICATION_ID
};

enum samm_status db_schema_read(struct samm_store *st, struct schema_state *ss,
					  struct samm_error *err)
{
	enum samm_status rc;
	if ((rc = db_query_int(st, "PRAGMA application_id", &ss->app, err)) ||
	    (rc = db_query_int(st, "PRAGMA user_version", &ss->version, err)) ||
	    (rc = db_query_int(st, "SELECT count(*) FROM sqlite_schema", &ss->n_objects, err)))
		return rc;
	return SAMM_OK;
}

/* Refuse what is not ours or too new.  *fresh: an empty database that we
 * may initialise. */
enum samm_status db_schema_judge(struct samm_store *st, const struct schema_state *ss,
				     int may_init, int *fresh, struct samm_error *err)
{
	*fresh = 0;
	if (ss->app == SAMM_APPLICATION_ID) {
		if (ss->version > SCHEMA_VERSION)
			return samm_error_set(err, SAMM_NEWER, "%s: written by a newer sammtui"
					      " (schema %lld; this one reads up to %d); nothing was"
					      " changed", st->path, (long long)ss->version,
					      SCHEMA_VERSION);
		return SAMM_OK;
	}
	if (ss->app == 0 && ss->version == 0 && ss->n_objects == 0 && may_init) {
		*fresh = 1;
		return SAMM_OK;
	}
	return samm_error_set(err, SAMM_DB, "%s: not a sammtui database", st->path);
}

/* Bring the schema to SCHEMA_VERSION in one transaction; a fresh database
 * also gets the default scope. */
enum samm_status db_schema_migrate(struct samm_store *st, int may_init, struct samm_error *err)
{
	struct schema_state ss;
	int fresh;
	enum samm_status rc = samm_store_begin(st, err);
	if (rc)
		return rc;
	/* again, under the write lock: another process may have been first */
	if ((rc = db_schema_read(st, &ss, err)) ||
	    (rc = db_schema_judge(st, &ss, may_init, &fresh, err)))
		goto fail;
	for (int64_t v = ss.version; v < SCHEMA_VERSION; v++) {
		int src = sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL);
		if (src != SQLITE_OK) {
			rc = samm_store_sqlerr(st, src, "upgrading the schema", err);
			goto fail;
		}
	}
	if (fresh) {
		char now[32];
		sqlite3_stmt *s;
		samm_now_iso(now, sizeof now);
		if ((rc = db_prepare(st, "INSERT INTO scope(name, created_at) VALUES(?1, ?2)", &s, err)))
			goto fail;
		db_bind_text(s, 1, SAMM_DEFAULT_SCOPE);
		db_bind_text(s, 2, now);
		int src = sqlite3_step(s);
		sqlite3_finalize(s);
		if (src != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, src, "creating the default scope", err);
			goto fail;
		}
	}
	return samm_store_commit(st, err);
fail:
	samm_store_rollback(st);
	return rc;
}
