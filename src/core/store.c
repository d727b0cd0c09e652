/* store.c - the assessment database on SQLite.
 *
 * One connection per store.  Hot statements are prepared once (lazily, with
 * SQLITE_PREPARE_PERSISTENT) and kept in the store; every write is one
 * BEGIN IMMEDIATE ... COMMIT so that a writer never fails half-way on a
 * lock upgrade, and anything that goes wrong rolls back.
 *
 * Read-only detection: SAMM_OPEN_READONLY, or access(W_OK) failing, or no
 * write bit at all in the file's mode.  The last rule exists because root
 * passes access(W_OK) whatever the mode: `chmod 0400 db` must mean
 * read-only for everyone, tests included. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "samm/outfile.h"
#include "samm/store.h"
#include "samm/util.h"
#include "samm/value.h"
#include "store_int.h"
#include "store_guard.h"

#define SCHEMA_VERSION 2
/* "SAMM" in ASCII, written in decimal because PRAGMA wants an integer. */
#define SAMM_APPLICATION_ID 1396788557
#define APPLICATION_ID_SQL "1396788557"

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

static const struct guard_schema guard_ours = {
	migrations, SCHEMA_VERSION, SAMM_APPLICATION_ID
};

/* ---- Kept statements ---------------------------------------------------- */

#define STORE_STMTS(_) \
	_(BEGIN,        "BEGIN IMMEDIATE") \
	_(COMMIT,       "COMMIT") \
	_(ROLLBACK,     "ROLLBACK") \
	_(DATA_VERSION, "PRAGMA data_version") \
	_(PERIOD_GET,   "SELECT p.id, p.scope_id, p.model_id, p.name, p.date, s.name" \
			" FROM period p JOIN scope s ON s.id = p.scope_id WHERE p.id = ?1") \
	_(SCORES,       "SELECT item, value, note, updated_by, updated_at" \
			" FROM score WHERE period_id = ?1") \
	_(SCORE_GET,    "SELECT value, note FROM score WHERE period_id = ?1 AND item = ?2") \
	_(SCORE_PUT,    "INSERT INTO score(period_id, item, value, note, updated_by, updated_at)" \
			" VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(period_id, item) DO UPDATE" \
			" SET value = excluded.value, note = excluded.note," \
			" updated_by = excluded.updated_by, updated_at = excluded.updated_at") \
	_(LOG_PUT,      "INSERT INTO log(at, user, scope, period, item, old_value, new_value," \
			" old_note, new_note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") \
	_(MODEL_CSV,    "SELECT csv, hash FROM model WHERE id = ?1")

enum store_stmt {
#define STORE_STMT_ENUM(name, sql) STMT_##name,
	STORE_STMTS(STORE_STMT_ENUM)
#undef STORE_STMT_ENUM
	STMT_COUNT
};

static const char *const stmt_sql[] = {
#define STORE_STMT_SQL(name, sql) sql,
	STORE_STMTS(STORE_STMT_SQL)
#undef STORE_STMT_SQL
};

struct model_slot {
	int64_t id;
	struct samm_model *model;
};

struct samm_store {
	sqlite3 *db;
	char *path;
	int readonly;
	int was_empty;
	int64_t writes;                 /* our own commits: data_version ignores them */
	sqlite3_stmt *stmt[STMT_COUNT];
	struct model_slot *models;      /* parsed models, by id, in load order */
	size_t n_models, cap_models;
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
	case SQLITE_INTERRUPT: /* store_guard.c's step limit */
		return samm_error_set(err, SAMM_DB, "%s: %s: stopped after %lld million steps"
				      " (is the database damaged or hostile?)", path, what,
				      GUARD_MAX_STEPS / 1000000);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return samm_error_set(err, SAMM_IO, "%s: %s: %s", path, what, msg);
	}
	return samm_error_set(err, SAMM_DB, "%s: %s: %s", path, what, msg);
}

static enum samm_status nomem(struct samm_error *err)
{
	return samm_error_set(err, SAMM_NOMEM, "out of memory");
}

/* ---- Statements and transactions ---------------------------------------- */

/* The kept statement `id`, prepared on first use; reset and ready to bind. */
static sqlite3_stmt *stmt_get(struct samm_store *st, enum store_stmt id,
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

static void stmt_done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

/* A one-off statement (not kept): for rarely used queries. */
static enum samm_status prepare(struct samm_store *st, const char *sql, sqlite3_stmt **out,
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
static enum samm_status run_kept(struct samm_store *st, enum store_stmt id, const char *what,
				 struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = stmt_get(st, id, &rc, err);
	if (!s)
		return rc;
	int src = sqlite3_step(s);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = samm_store_sqlerr(st, src, what, err);
	sqlite3_reset(s);
	return rc;
}

sqlite3 *samm_store_sqlite(struct samm_store *st)
{
	return st->db;
}

enum samm_status samm_store_check_writable(struct samm_store *st, struct samm_error *err)
{
	if (st->readonly)
		return samm_error_set(err, SAMM_READONLY, "%s is read-only", st->path);
	return SAMM_OK;
}

enum samm_status samm_store_begin(struct samm_store *st, struct samm_error *err)
{
	enum samm_status rc = samm_store_check_writable(st, err);
	if (rc)
		return rc;
	return run_kept(st, STMT_BEGIN, "starting a transaction", err);
}

void samm_store_rollback(struct samm_store *st)
{
	if (!sqlite3_get_autocommit(st->db)) {
		struct samm_error ignored;
		run_kept(st, STMT_ROLLBACK, "rolling back", &ignored);
	}
}

enum samm_status samm_store_commit(struct samm_store *st, struct samm_error *err)
{
	enum samm_status rc = run_kept(st, STMT_COMMIT, "saving", err);
	if (rc)
		samm_store_rollback(st);
	else
		st->writes++;
	return rc;
}

/* ---- Small helpers --------------------------------------------------------- */

static char *xstrdup(const char *s)
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
static void col_copy(sqlite3_stmt *s, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* NULL for an SQL NULL, else a malloc'd copy; *oom set when the copy fails. */
static char *col_dup(sqlite3_stmt *s, int col, int *oom)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (!t)
		return NULL;
	char *d = xstrdup((const char *)t);
	if (!d)
		*oom = 1;
	return d;
}

static int col_value(sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return SAMM_UNSET;
	return sqlite3_column_int(s, col);
}

static void bind_value(sqlite3_stmt *s, int idx, int v)
{
	if (v == SAMM_UNSET)
		sqlite3_bind_null(s, idx);
	else
		sqlite3_bind_int(s, idx, v);
}

/* Bind text; NULL binds SQL NULL.  SQLITE_STATIC: callers keep the string
 * alive until the statement is reset. */
static void bind_text(sqlite3_stmt *s, int idx, const char *t)
{
	if (t)
		sqlite3_bind_text(s, idx, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

/* A name the user gives (scope, period, model name or version): non-empty,
 * valid UTF-8, no control characters, fits its column's struct field. */
static enum samm_status check_name(const char *what, const char *s, size_t max,
				   struct samm_error *err)
{
	size_t bad;
	if (!s || !*s)
		return samm_error_set(err, SAMM_USAGE, "%s name is empty", what);
	size_t len = strlen(s);
	if (len >= max)
		return samm_error_set(err, SAMM_USAGE, "%s name '%.40s...' is too long"
				      " (at most %zu bytes)", what, s, max - 1);
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

/* ---- Default path ----------------------------------------------------------- */

enum samm_status samm_store_default_path(char *buf, size_t size, struct samm_error *err)
{
	const char *db = getenv("SAMMTUI_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;
	if (db && *db)
		n = snprintf(buf, size, "%s", db);
	else if (xdg && xdg[0] == '/') /* the XDG spec says relative values are ignored */
		n = snprintf(buf, size, "%s/sammtui/sammtui.db", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/share/sammtui/sammtui.db", home);
	else
		return samm_error_set(err, SAMM_USAGE, "cannot tell where the database lives:"
				      " set SAMMTUI_DB or HOME, or give --db");
	if (n < 0 || (size_t)n >= size)
		return samm_error_set(err, SAMM_USAGE, "database path is too long");
	return SAMM_OK;
}

/* ---- Opening ------------------------------------------------------------------ */

/* mkdir -p of path's folder.  Folders we create are chmod'ed to 0700
 * because mkdir's mode is filtered by the umask and the database is
 * private. */
static enum samm_status make_parents(const char *path, struct samm_error *err)
{
	char *dir = xstrdup(path);
	if (!dir)
		return nomem(err);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return SAMM_OK;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (chmod(dir, 0700) != 0) {
				int e = errno;
				free(dir);
				return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(e));
			}
		} else if (errno != EEXIST) {
			int e = errno;
			samm_error_set(err, SAMM_IO, "%s: cannot create folder %s: %s", path, dir,
				       strerror(e));
			free(dir);
			return SAMM_IO;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return SAMM_OK;
}

/* Create the file ourselves, 0600 whatever the umask, before SQLite sees
 * it: SQLite would create it 0644 and give -wal/-shm the same mode. */
static enum samm_status create_file(const char *path, int *created, struct samm_error *err)
{
	enum samm_status rc = make_parents(path, err);
	*created = 0;
	if (rc)
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) /* someone created it meanwhile: open it as theirs */
			return SAMM_OK;
		return samm_error_set(err, SAMM_IO, "%s: cannot create: %s", path, strerror(errno));
	}
	if (fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(e));
	}
	close(fd);
	*created = 1;
	return SAMM_OK;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Look at the file's header before SQLite opens it, so that a file we must
 * refuse (not SQLite, someone else's, newer) is not touched at all.  A file
 * shorter than a header is left to SQLite: a fresh WAL database can be
 * empty while its content sits in the -wal. */
static enum samm_status check_header(const char *path, off_t size, int *wal,
				     struct samm_error *err)
{
	unsigned char h[100];
	*wal = 0;
	if (size == 0)
		return SAMM_OK;
	if (size < (off_t)sizeof h)
		return samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged):"
				      " file is too short (%lld bytes)", path, (long long)size);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	ssize_t got = read(fd, h, sizeof h);
	int e = errno;
	close(fd);
	if (got < 0)
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(e));
	if (got != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged):"
				      " file is not a database", path);
	uint32_t version = be32(h + 60), app = be32(h + 68);
	*wal = h[18] == 2 && h[19] == 2; /* read and write versions 2: WAL */
	if (app != 0 && app != SAMM_APPLICATION_ID)
		return samm_error_set(err, SAMM_DB, "%s: not a sammtui database", path);
	if (app == SAMM_APPLICATION_ID && version > SCHEMA_VERSION)
		return samm_error_set(err, SAMM_NEWER, "%s: written by a newer sammtui (schema %u;"
				      " this one reads up to %d); nothing was changed", path,
				      (unsigned)version, SCHEMA_VERSION);
	return SAMM_OK;
}

/* path + suffix in *withsuf and path's folder ("." for a bare name, "/"
 * for the root) in *dir, both malloc'd; SAMM_NOMEM leaves neither. */
static enum samm_status path_parts(const char *path, const char *suffix, char **withsuf,
				   char **dir, struct samm_error *err)
{
	size_t len = strlen(path), slen = strlen(suffix);
	*withsuf = malloc(len + slen + 1);
	*dir = xstrdup(path);
	if (!*withsuf || !*dir) {
		free(*withsuf);
		free(*dir);
		*withsuf = *dir = NULL;
		return nomem(err);
	}
	memcpy(*withsuf, path, len);
	memcpy(*withsuf + len, suffix, slen + 1);
	char *slash = strrchr(*dir, '/');
	if (!slash)
		strcpy(*dir, ".");
	else if (slash == *dir)
		(*dir)[1] = '\0';
	else
		*slash = '\0';
	return SAMM_OK;
}

/* A reader of a WAL database needs the -shm file; SQLite creates it when
 * it is missing, which needs a writable folder.  Say so plainly instead
 * of SQLite's "attempt to write a readonly database".  (Opening with
 * ?immutable=1 would work but would read wrong data while others write.) */
static enum samm_status check_wal_readable(const char *path, struct samm_error *err)
{
	char *shm, *dir;
	enum samm_status rc = path_parts(path, "-shm", &shm, &dir, err);
	if (rc)
		return rc;
	if (access(shm, F_OK) != 0 && access(dir, W_OK) != 0)
		rc = samm_error_set(err, SAMM_IO, "%s: cannot be read here: SQLite needs to create"
				    " %s but the folder %s is not writable; make it writable or read"
				    " a copy (sammtui backup)", path, shm, dir);
	free(shm);
	free(dir);
	return rc;
}

static enum samm_status query_int(struct samm_store *st, const char *sql, int64_t *out,
				  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, sql, &s, err);
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

struct schema_state {
	int64_t app, version, n_objects;
};

static enum samm_status read_schema_state(struct samm_store *st, struct schema_state *ss,
					  struct samm_error *err)
{
	enum samm_status rc;
	if ((rc = query_int(st, "PRAGMA application_id", &ss->app, err)) ||
	    (rc = query_int(st, "PRAGMA user_version", &ss->version, err)) ||
	    (rc = query_int(st, "SELECT count(*) FROM sqlite_schema", &ss->n_objects, err)))
		return rc;
	return SAMM_OK;
}

/* Refuse what is not ours or too new.  *fresh: an empty database that we
 * may initialise. */
static enum samm_status judge_schema(struct samm_store *st, const struct schema_state *ss,
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
static enum samm_status migrate(struct samm_store *st, int may_init, struct samm_error *err)
{
	struct schema_state ss;
	int fresh;
	enum samm_status rc = samm_store_begin(st, err);
	if (rc)
		return rc;
	/* again, under the write lock: another process may have been first */
	if ((rc = read_schema_state(st, &ss, err)) ||
	    (rc = judge_schema(st, &ss, may_init, &fresh, err)))
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
		if ((rc = prepare(st, "INSERT INTO scope(name, created_at) VALUES(?1, ?2)", &s, err)))
			goto fail;
		bind_text(s, 1, SAMM_DEFAULT_SCOPE);
		bind_text(s, 2, now);
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

static enum samm_status setup_connection(struct samm_store *st, struct samm_error *err)
{
	int src = sqlite3_busy_timeout(st->db, 5000);
	if (src == SQLITE_OK)
		src = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;",
				   NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return samm_store_sqlerr(st, src, "opening", err);
	return SAMM_OK;
}

/* WAL lets the UI read while the CLI writes.  Changing the mode writes the
 * header, so it is done only once the file is known to be ours. */
static enum samm_status set_wal(struct samm_store *st, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, "PRAGMA journal_mode = WAL", &s, err);
	if (rc)
		return rc;
	int src = sqlite3_step(s);
	/* BUSY: another connection holds the file in another mode right now;
	 * it still works, only without WAL's concurrency. */
	if (src != SQLITE_ROW && src != SQLITE_DONE && (src & 0xff) != SQLITE_BUSY)
		rc = samm_store_sqlerr(st, src, "switching to WAL", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_store_open(const char *path, int flags, struct samm_store **out,
				 struct samm_error *err)
{
	struct stat sb;
	/* readonly: we may not write the file; SAMM_OPEN_READONLY only keeps
	 * the store from writing (a file we may write is still upgraded) */
	int created = 0, readonly = 0;
	enum samm_status rc;

	*out = NULL;
	if (!path || !*path)
		return samm_error_set(err, SAMM_USAGE, "no database path given");
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
		if (!(flags & SAMM_OPEN_CREATE) || (flags & SAMM_OPEN_READONLY))
			return samm_error_set(err, SAMM_NOTFOUND,
					      "%s: no database; run 'sammtui init'", path);
		if ((rc = create_file(path, &created, err)))
			return rc;
		if (stat(path, &sb) != 0)
			return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	} else {
		if (S_ISDIR(sb.st_mode))
			return samm_error_set(err, SAMM_IO, "%s: is a folder, not a database", path);
		if (access(path, W_OK) != 0 || (sb.st_mode & 0222) == 0)
			readonly = 1;
	}
	int wal, quiet;
	if ((rc = check_header(path, sb.st_size, &wal, err)) ||
	    (rc = guard_precheck(path, &guard_ours, &quiet, err)))
		return rc;
	if (readonly && wal && !quiet && (rc = check_wal_readable(path, err)))
		return rc;

	struct samm_store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = xstrdup(path))) {
		free(st);
		return nomem(err);
	}
	st->readonly = readonly;
	/* One connection per store, used by one thread: no SQLite mutexes
	 * (they were a quarter of the instructions of a long report). */
	int oflags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		     SQLITE_OPEN_NOMUTEX | (readonly && quiet ? SQLITE_OPEN_URI : 0);
	char *uri = readonly && quiet ? guard_immutable_uri(path) : NULL;
	int src = readonly && quiet && !uri ? SQLITE_NOMEM
		  : sqlite3_open_v2(uri ? uri : path, &st->db, oflags, NULL);
	free(uri);
	if (src == SQLITE_OK)
		src = guard_harden(st->db);
	if (src != SQLITE_OK) {
		if ((src & 0xff) == SQLITE_CANTOPEN)
			rc = samm_error_set(err, SAMM_IO, "%s: cannot open: %s", path,
					    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src));
		else
			rc = samm_store_sqlerr(st, src, "opening", err);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);

	struct schema_state ss;
	int fresh;
	int may_init = created || ((flags & SAMM_OPEN_CREATE) && !readonly);
	if ((rc = setup_connection(st, err)) || (rc = read_schema_state(st, &ss, err)) ||
	    (rc = judge_schema(st, &ss, may_init, &fresh, err)))
		goto fail;
	if (readonly && fresh) {
		rc = samm_error_set(err, SAMM_READONLY, "%s is read-only and needs initialising",
				    path);
		goto fail;
	}
	if (readonly && ss.version < SCHEMA_VERSION &&
	    (rc = guard_readonly_copy(&st->db, path, &guard_ours, ss.version, err)))
		goto fail;
	int upgrade = !readonly && (fresh || ss.version < SCHEMA_VERSION);
	if (!readonly && (upgrade || !(flags & SAMM_OPEN_READONLY)) && (rc = set_wal(st, err)))
		goto fail;
	if (upgrade && (rc = migrate(st, may_init, err)))
		goto fail;
	st->readonly = readonly || (flags & SAMM_OPEN_READONLY);

	int64_t n_models;
	if ((rc = query_int(st, "SELECT count(*) FROM model", &n_models, err)))
		goto fail;
	st->was_empty = n_models == 0;
	*out = st;
	return SAMM_OK;
fail:
	samm_store_close(st);
	/* a file we just created and could not set up is no database: remove it */
	if (created) {
		unlink(path);
	}
	return rc;
}

void samm_store_close(struct samm_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	/* close_v2: statements other modules forgot keep it alive, never crash */
	sqlite3_close_v2(st->db);
	for (size_t i = 0; i < st->n_models; i++)
		samm_model_free(st->models[i].model);
	free(st->models);
	free(st->path);
	free(st);
}

int samm_store_readonly(const struct samm_store *st)
{
	return st->readonly;
}

const char *samm_store_path(const struct samm_store *st)
{
	return st->path;
}

int samm_store_is_empty(struct samm_store *st)
{
	return st->was_empty;
}

int64_t samm_store_data_version(struct samm_store *st)
{
	enum samm_status rc = SAMM_OK;
	int64_t dv = 0;
	sqlite3_stmt *s = stmt_get(st, STMT_DATA_VERSION, &rc, NULL);
	if (s) {
		if (sqlite3_step(s) == SQLITE_ROW)
			dv = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	/* data_version counts other connections' commits, `writes` ours:
	 * both only grow, so their sum changes when either does */
	return dv + st->writes;
}

/* ---- Backup ---------------------------------------------------------------- */

static enum samm_status fsync_path(const char *path, int dir, struct samm_error *err)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	if (fsync(fd) != 0 && !dir) {
		int e = errno;
		close(fd);
		return samm_error_set(err, SAMM_IO, "%s: fsync: %s", path, strerror(e));
	}
	close(fd);
	return SAMM_OK;
}

enum samm_status samm_store_backup(struct samm_store *st, const char *path,
				   struct samm_error *err)
{
	if (!path || !*path)
		return samm_error_set(err, SAMM_USAGE, "no backup path given");
	char *tmp, *dir;
	enum samm_status rc = samm_outfile_check(path, err); /* no device, FIFO, folder */
	if (rc)
		return rc;
	if (path_parts(path, OUTFILE_TMP_ROOM, &tmp, &dir, err))
		return SAMM_NOMEM;
	sqlite3 *dst = NULL;
	int fd; /* DIR/.BASE.sammtui-tmp.PID-XXXXXX, 0600; stale ones are removed */
	if ((rc = samm_outfile_tmp(path, tmp, strlen(path) + sizeof OUTFILE_TMP_ROOM, &fd, err))) {
		free(tmp);
		free(dir);
		return rc;
	}
	close(fd);

	int src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK) {
		rc = samm_error_set(err, SAMM_IO, "%s: %s", tmp,
				    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
	if (!b) {
		rc = samm_error_set(err, SAMM_DB, "%s: backup: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	/* -1: everything in one step, so the copy is one consistent snapshot;
	 * retry while a writer holds the lock (for a bounded time) */
	for (int tries = 0; ; tries++) {
		src = sqlite3_backup_step(b, -1);
		if ((src != SQLITE_BUSY && src != SQLITE_LOCKED) || tries >= 200)
			break;
		sqlite3_sleep(25);
	}
	int fin = sqlite3_backup_finish(b);
	if (src != SQLITE_DONE) {
		rc = samm_error_set(err, (src == SQLITE_BUSY || src == SQLITE_LOCKED) ? SAMM_BUSY
				    : SAMM_DB, "%s: backup: %s", path, sqlite3_errstr(src));
		goto out;
	}
	if (fin == SQLITE_OK)
		fin = guard_backup_journal(dst); /* readable where -wal/-shm cannot be made */
	if (fin != SQLITE_OK) {
		rc = samm_error_set(err, SAMM_DB, "%s: backup: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	src = sqlite3_close(dst);
	dst = NULL;
	if (src != SQLITE_OK) {
		rc = samm_error_set(err, SAMM_IO, "%s: backup: %s", path, sqlite3_errstr(src));
		goto out;
	}
	if ((rc = fsync_path(tmp, 0, err)))
		goto out;
	if (rename(tmp, path) != 0) {
		rc = samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fsync_path(dir, 1, NULL); /* the rename's durability; not fatal */
out:
	if (dst)
		sqlite3_close(dst);
	if (rc) {
		unlink(tmp);
		/* the backup may have left its rollback journal */
		size_t tl = strlen(tmp);
		char *j = malloc(tl + sizeof "-journal");
		if (j) {
			memcpy(j, tmp, tl);
			memcpy(j + tl, "-journal", sizeof "-journal");
			unlink(j);
			free(j);
		}
	}
	free(tmp);
	free(dir);
	return rc;
}

/* ---- Models ------------------------------------------------------------------ */

static void model_info_row(sqlite3_stmt *s, struct samm_model_info *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(s, 0);
	col_copy(s, 1, m->name, sizeof m->name);
	col_copy(s, 2, m->version, sizeof m->version);
	col_copy(s, 3, m->hash, sizeof m->hash);
	col_copy(s, 4, m->loaded_at, sizeof m->loaded_at);
	m->n_items = sqlite3_column_int(s, 5);
}

#define MODEL_COLS "SELECT id, name, version, hash, loaded_at, n_items FROM model "

/* Keep a parsed model in the cache (takes ownership, also on failure). */
static enum samm_status cache_model(struct samm_store *st, int64_t id, struct samm_model *m,
				    struct samm_error *err)
{
	if (st->n_models == st->cap_models) {
		size_t cap = st->cap_models ? st->cap_models * 2 : 4;
		struct model_slot *n = realloc(st->models, cap * sizeof *n);
		if (!n) {
			samm_model_free(m);
			return nomem(err);
		}
		st->models = n;
		st->cap_models = cap;
	}
	st->models[st->n_models].id = id;
	st->models[st->n_models].model = m;
	st->n_models++;
	return SAMM_OK;
}

static struct samm_model *cached_model(struct samm_store *st, int64_t id)
{
	for (size_t i = 0; i < st->n_models; i++)
		if (st->models[i].id == id)
			return st->models[i].model;
	return NULL;
}

/* The default name of a model file: "dir/foo.csv" -> "foo". */
static void base_name(const char *fname, char *buf, size_t size)
{
	const char *b = fname ? strrchr(fname, '/') : NULL;
	b = b ? b + 1 : fname;
	if (!b || !*b)
		b = "model";
	size_t n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".csv") == 0)
		n -= 4;
	snprintf(buf, size, "%.*s", (int)n, b);
}

enum samm_status samm_store_model_add(struct samm_store *st, const char *csv, size_t len,
				      const char *fname, const char *name,
				      const char *version, int64_t *id, int *created,
				      struct samm_error *err)
{
	char defname[sizeof ((struct samm_model_info *)0)->name];
	struct samm_model *m = NULL;
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	int64_t dummy_id;
	int dummy_created;

	if (!id)
		id = &dummy_id;
	if (!created)
		created = &dummy_created;
	*created = 0;
	if ((rc = samm_store_check_writable(st, err)))
		return rc;
	if (!name) {
		base_name(fname, defname, sizeof defname);
		name = defname;
	}
	if (!version)
		version = "1";
	if ((rc = check_name("model", name, sizeof defname, err)) ||
	    (rc = check_name("model version", version,
			     sizeof ((struct samm_model_info *)0)->version, err)))
		return rc;
	if ((rc = samm_model_parse(csv, len, fname ? fname : name, &m, err)))
		return rc;
	if ((rc = samm_store_begin(st, err)))
		goto out;

	/* same bytes already stored: that model, whatever its name */
	if ((rc = prepare(st, "SELECT id FROM model WHERE hash = ?1", &s, err)))
		goto fail;
	bind_text(s, 1, m->hash);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		s = NULL;
		samm_store_rollback(st); /* nothing written */
		if (!cached_model(st, *id)) {
			rc = cache_model(st, *id, m, err);
			m = NULL;
		}
		goto out;
	} else if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "looking up the model", err);
		goto fail;
	}
	sqlite3_finalize(s);

	if ((rc = prepare(st, "SELECT hash FROM model WHERE name = ?1 AND version = ?2", &s, err)))
		goto fail;
	bind_text(s, 1, name);
	bind_text(s, 2, version);
	src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		rc = samm_error_set(err, SAMM_EXISTS, "model %s %s is already stored with other"
				    " content (%.12s); give it another version", name, version,
				    (const char *)sqlite3_column_text(s, 0));
		goto fail;
	} else if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "looking up the model", err);
		goto fail;
	}
	sqlite3_finalize(s);

	char now[32];
	samm_now_iso(now, sizeof now);
	if ((rc = prepare(st, "INSERT INTO model(name, version, hash, csv, n_items, loaded_at)"
			  " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &s, err)))
		goto fail;
	bind_text(s, 1, name);
	bind_text(s, 2, version);
	bind_text(s, 3, m->hash);
	sqlite3_bind_blob64(s, 4, len ? csv : "", len, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, m->n_items);
	bind_text(s, 6, now);
	src = sqlite3_step(s);
	if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "storing the model", err);
		goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	int64_t new_id = sqlite3_last_insert_rowid(st->db);
	if ((rc = samm_store_commit(st, err)))
		goto out;
	*id = new_id;
	*created = 1;
	rc = cache_model(st, new_id, m, err);
	m = NULL;
	goto out;
fail:
	sqlite3_finalize(s);
	s = NULL;
	samm_store_rollback(st);
out:
	sqlite3_finalize(s);
	samm_model_free(m);
	return rc;
}

/* Step the prepared, bound statement s to its end, filling an array of
 * elements of `size` bytes with row(s, element) per row; finalizes s.
 * *out (caller frees) and *n on success; what names the work in errors. */
static enum samm_status collect_rows(struct samm_store *st, sqlite3_stmt *s, size_t size,
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
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			char *nv = realloc(v, cap * size);
			if (!nv) {
				rc = nomem(err);
				break;
			}
			v = nv;
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

static void model_info_row_v(sqlite3_stmt *s, void *p) { model_info_row(s, p); }

enum samm_status samm_store_model_list(struct samm_store *st, struct samm_model_info **out,
				       size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, MODEL_COLS "ORDER BY id", &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	void *v;
	if ((rc = collect_rows(st, s, sizeof **out, model_info_row_v, "listing models", &v, n,
			       err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

/* Run a model query with up to two text parameters; *found = rows seen
 * (up to 2, to notice an ambiguous hash prefix). */
static enum samm_status model_query(struct samm_store *st, const char *sql, const char *a,
				    const char *b, struct samm_model_info *out, int *found,
				    struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, sql, &s, err);
	int src = SQLITE_DONE;
	*found = 0;
	if (rc)
		return rc;
	if (a)
		bind_text(s, 1, a);
	if (b)
		bind_text(s, 2, b);
	while (*found < 2 && (src = sqlite3_step(s)) == SQLITE_ROW) {
		if (*found == 0)
			model_info_row(s, out);
		(*found)++;
	}
	if (*found < 2 && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "looking up a model", err);
	sqlite3_finalize(s);
	return rc;
}

static int is_hex_prefix(const char *s)
{
	size_t n = strlen(s);
	if (n < 6 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

enum samm_status samm_store_model_find(struct samm_store *st, const char *spec,
				       struct samm_model_info *out, struct samm_error *err)
{
	int found;
	enum samm_status rc;

	if (!spec || !*spec) {
		rc = model_query(st, MODEL_COLS "ORDER BY id DESC LIMIT 1", NULL, NULL, out,
				 &found, err);
		if (!rc && !found)
			rc = samm_error_set(err, SAMM_NOTFOUND, "no model loaded;"
					    " run 'sammtui model add FILE'");
		return rc;
	}
	/* a name first: names may look like anything */
	rc = model_query(st, MODEL_COLS "WHERE name = ?1 ORDER BY id DESC LIMIT 1", spec, NULL,
			 out, &found, err);
	if (rc || found)
		return rc;
	const char *colon = strrchr(spec, ':');
	if (colon) {
		char nm[256];
		snprintf(nm, sizeof nm, "%.*s", (int)(colon - spec), spec);
		rc = model_query(st, MODEL_COLS "WHERE name = ?1 AND version = ?2", nm, colon + 1,
				 out, &found, err);
		if (rc || found)
			return rc;
	}
	if (is_hex_prefix(spec)) {
		char lower[65];
		size_t i;
		for (i = 0; spec[i]; i++)
			lower[i] = (char)(spec[i] >= 'A' && spec[i] <= 'F' ? spec[i] + 32 : spec[i]);
		lower[i] = '\0';
		rc = model_query(st, MODEL_COLS "WHERE substr(hash, 1, length(?1)) = ?1 ORDER BY id",
				 lower, NULL, out, &found, err);
		if (rc)
			return rc;
		if (found > 1)
			return samm_error_set(err, SAMM_USAGE, "model hash prefix '%s' is ambiguous;"
					      " give more digits", spec);
		if (found)
			return SAMM_OK;
	}
	return samm_error_set(err, SAMM_NOTFOUND, "no model '%s' (give NAME, NAME:VERSION"
			      " or a hash prefix; 'sammtui model list' shows them)", spec);
}

enum samm_status samm_store_model_get(struct samm_store *st, int64_t model_id,
				      const struct samm_model **out, struct samm_error *err)
{
	struct samm_model *m = cached_model(st, model_id);
	enum samm_status rc = SAMM_OK;
	if (m) {
		*out = m;
		return SAMM_OK;
	}
	sqlite3_stmt *s = stmt_get(st, STMT_MODEL_CSV, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, model_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		char fname[64];
		snprintf(fname, sizeof fname, "model #%lld", (long long)model_id);
		const char *blob = sqlite3_column_blob(s, 0);
		int len = sqlite3_column_bytes(s, 0);
		/* the hash stored with the bytes (computed when they were
		 * stored): no need to hash them again on every start */
		const char *hash = (const char *)sqlite3_column_text(s, 1);
		rc = samm_model_parse_hashed(blob ? blob : "", (size_t)len, fname, hash, &m, err);
		if (!rc && !(rc = cache_model(st, model_id, m, err)))
			*out = m;
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no model #%lld", (long long)model_id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a model", err);
	}
	stmt_done(s);
	return rc;
}

/* ---- Scopes -------------------------------------------------------------------- */

enum samm_status samm_store_scope_new(struct samm_store *st, const char *name,
				      struct samm_scope *out, struct samm_error *err)
{
	enum samm_status rc;
	sqlite3_stmt *s = NULL;
	char now[32];

	if ((rc = check_name("scope", name, sizeof out->name, err)) ||
	    (rc = samm_store_begin(st, err)))
		return rc;
	samm_now_iso(now, sizeof now);
	if ((rc = prepare(st, "INSERT INTO scope(name, created_at) VALUES(?1, ?2)", &s, err)))
		goto fail;
	bind_text(s, 1, name);
	bind_text(s, 2, now);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src == SQLITE_CONSTRAINT_UNIQUE) {
		rc = samm_error_set(err, SAMM_EXISTS, "scope '%s' already exists", name);
		goto fail;
	} else if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "creating a scope", err);
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if ((rc = samm_store_commit(st, err)))
		return rc;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		snprintf(out->name, sizeof out->name, "%s", name);
	}
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_store_scope_find(struct samm_store *st, const char *name,
				       struct samm_scope *out, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	if (!name)
		return samm_error_set(err, SAMM_USAGE, "no scope name given");
	if ((rc = prepare(st, "SELECT id, name FROM scope WHERE name = ?1", &s, err)))
		return rc;
	bind_text(s, 1, name);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		col_copy(s, 1, out->name, sizeof out->name);
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope '%s'", name);
	} else {
		rc = samm_store_sqlerr(st, src, "looking up a scope", err);
	}
	sqlite3_finalize(s);
	return rc;
}

static void scope_row(sqlite3_stmt *s, void *p)
{
	struct samm_scope *sc = p;
	sc->id = sqlite3_column_int64(s, 0);
	col_copy(s, 1, sc->name, sizeof sc->name);
}

enum samm_status samm_store_scope_list(struct samm_store *st, struct samm_scope **out,
				       size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, "SELECT id, name FROM scope ORDER BY name, id", &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	void *v;
	if ((rc = collect_rows(st, s, sizeof **out, scope_row, "listing scopes", &v, n, err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

/* ---- Periods ------------------------------------------------------------------- */

#define PERIOD_COLS "SELECT id, scope_id, model_id, name, date FROM period "

static void period_row(sqlite3_stmt *s, struct samm_period *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->scope_id = sqlite3_column_int64(s, 1);
	p->model_id = sqlite3_column_int64(s, 2);
	col_copy(s, 3, p->name, sizeof p->name);
	col_copy(s, 4, p->date, sizeof p->date);
}

/* A period by id, with its scope's name (for log rows and messages). */
static enum samm_status period_get(struct samm_store *st, int64_t id, struct samm_period *p,
				   char *scope, size_t scope_size, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = stmt_get(st, STMT_PERIOD_GET, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		period_row(s, p);
		if (scope)
			col_copy(s, 5, scope, scope_size);
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no period #%lld", (long long)id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a period", err);
	}
	stmt_done(s);
	return rc;
}

/* Copy scores of period `from` into the new period `to`.  Same model: one
 * INSERT ... SELECT.  Other model: only items that model has. */
static enum samm_status copy_scores(struct samm_store *st, int64_t from, int64_t from_model,
				    int64_t to, int64_t to_model, struct samm_error *err)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	enum samm_status rc;
	int src = SQLITE_DONE;

	if (from_model == to_model) {
		if ((rc = prepare(st, "INSERT INTO score(period_id, item, value, note, updated_by,"
				  " updated_at) SELECT ?1, item, value, note, updated_by, updated_at"
				  " FROM score WHERE period_id = ?2", &ins, err)))
			return rc;
		sqlite3_bind_int64(ins, 1, to);
		sqlite3_bind_int64(ins, 2, from);
		src = sqlite3_step(ins);
		if (src != SQLITE_DONE)
			rc = samm_store_sqlerr(st, src, "copying scores", err);
		sqlite3_finalize(ins);
		return rc;
	}
	const struct samm_model *m;
	if ((rc = samm_store_model_get(st, to_model, &m, err)))
		return rc;
	if ((rc = prepare(st, "SELECT item, value, note, updated_by, updated_at FROM score"
			  " WHERE period_id = ?1", &sel, err)) ||
	    (rc = prepare(st, "INSERT INTO score(period_id, item, value, note, updated_by,"
			  " updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &ins, err)))
		goto out;
	sqlite3_bind_int64(sel, 1, from);
	while ((src = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(sel, 0);
		if (!item || samm_model_find_item(m, item) < 0)
			continue;
		sqlite3_bind_int64(ins, 1, to);
		for (int c = 0; c < 5; c++)
			sqlite3_bind_value(ins, c + 2, sqlite3_column_value(sel, c));
		int isrc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (isrc != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, isrc, "copying scores", err);
			goto out;
		}
	}
	if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "copying scores", err);
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

enum samm_status samm_store_period_new(struct samm_store *st, int64_t scope_id,
				       const char *name, const char *date,
				       enum samm_period_source src, int64_t from_period,
				       int64_t model_id, struct samm_period *out,
				       struct samm_error *err)
{
	char today[16], now[32], scope_name[128];
	struct samm_period from = { 0 };
	sqlite3_stmt *s = NULL;
	enum samm_status rc;
	int have_from = 0, qrc;

	if (!date) {
		samm_today(today, sizeof today);
		date = today;
	}
	if (!samm_date_valid(date))
		return samm_error_set(err, SAMM_USAGE, "date '%s' is not a date in the form"
				      " YYYY-MM-DD", date);
	if ((rc = check_name("period", name, sizeof from.name, err)) ||
	    (rc = samm_store_begin(st, err)))
		return rc;

	if ((rc = prepare(st, "SELECT name FROM scope WHERE id = ?1", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, scope_id);
	qrc = sqlite3_step(s);
	if (qrc == SQLITE_ROW)
		col_copy(s, 0, scope_name, sizeof scope_name);
	sqlite3_finalize(s);
	if (qrc == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no scope #%lld", (long long)scope_id);
		goto fail;
	} else if (qrc != SQLITE_ROW) {
		rc = samm_store_sqlerr(st, qrc, "reading a scope", err);
		goto fail;
	}

	if ((rc = prepare(st, "SELECT 1 FROM period WHERE scope_id = ?1 AND name = ?2", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, scope_id);
	bind_text(s, 2, name);
	qrc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (qrc == SQLITE_ROW) {
		rc = samm_error_set(err, SAMM_EXISTS, "period '%s' already exists in scope '%s'",
				    name, scope_name);
		goto fail;
	} else if (qrc != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, qrc, "reading periods", err);
		goto fail;
	}

	if (src == SAMM_FROM_PERIOD) {
		if ((rc = period_get(st, from_period, &from, NULL, 0, err)))
			goto fail;
		have_from = 1;
	} else if (src == SAMM_FROM_LATEST) {
		if ((rc = prepare(st, PERIOD_COLS "WHERE scope_id = ?1 ORDER BY date DESC, id DESC"
				  " LIMIT 1", &s, err)))
			goto fail;
		sqlite3_bind_int64(s, 1, scope_id);
		qrc = sqlite3_step(s);
		if (qrc == SQLITE_ROW) {
			period_row(s, &from);
			have_from = 1;
		}
		sqlite3_finalize(s);
		if (qrc != SQLITE_ROW && qrc != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, qrc, "reading periods", err);
			goto fail;
		}
	}

	if (model_id == 0 && have_from) {
		model_id = from.model_id;
	} else if (model_id == 0) {
		struct samm_model_info mi;
		if ((rc = samm_store_model_find(st, NULL, &mi, err)))
			goto fail;
		model_id = mi.id;
	} else {
		int64_t ok;
		/* a clear message rather than a foreign key failure */
		if ((rc = prepare(st, "SELECT count(*) FROM model WHERE id = ?1", &s, err)))
			goto fail;
		sqlite3_bind_int64(s, 1, model_id);
		qrc = sqlite3_step(s);
		ok = qrc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (!ok) {
			rc = samm_error_set(err, SAMM_NOTFOUND, "no model #%lld", (long long)model_id);
			goto fail;
		}
	}

	samm_now_iso(now, sizeof now);
	if ((rc = prepare(st, "INSERT INTO period(scope_id, name, date, model_id, created_at)"
			  " VALUES(?1, ?2, ?3, ?4, ?5)", &s, err)))
		goto fail;
	sqlite3_bind_int64(s, 1, scope_id);
	bind_text(s, 2, name);
	bind_text(s, 3, date);
	sqlite3_bind_int64(s, 4, model_id);
	bind_text(s, 5, now);
	qrc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (qrc != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, qrc, "creating a period", err);
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if (have_from && (rc = copy_scores(st, from.id, from.model_id, id, model_id, err)))
		goto fail;
	if ((rc = samm_store_commit(st, err)))
		return rc;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		out->scope_id = scope_id;
		out->model_id = model_id;
		snprintf(out->name, sizeof out->name, "%s", name);
		memcpy(out->date, date, sizeof out->date); /* valid: exactly 10 chars */
	}
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_store_period_find(struct samm_store *st, int64_t scope_id,
					const char *name, struct samm_period *out,
					struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	if (!name)
		return samm_error_set(err, SAMM_USAGE, "no period name given");
	if ((rc = prepare(st, PERIOD_COLS "WHERE scope_id = ?1 AND name = ?2", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	bind_text(s, 2, name);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		period_row(s, out);
	else if (src == SQLITE_DONE)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no period '%s' in this scope", name);
	else
		rc = samm_store_sqlerr(st, src, "looking up a period", err);
	sqlite3_finalize(s);
	return rc;
}

static void period_row_v(sqlite3_stmt *s, void *p) { period_row(s, p); }

enum samm_status samm_store_period_list(struct samm_store *st, int64_t scope_id,
					struct samm_period **out, size_t *n,
					struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = prepare(st, PERIOD_COLS "WHERE scope_id = ?1 ORDER BY date, id",
				      &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	void *v;
	if ((rc = collect_rows(st, s, sizeof **out, period_row_v, "listing periods", &v, n,
			       err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

enum samm_status samm_store_period_delete(struct samm_store *st, int64_t period_id,
					  const char *user, struct samm_error *err)
{
	/* The projects' start and end go with the period (ON DELETE SET
	 * NULL): log that first, in the same transaction, as project.c logs
	 * a change of start or end. */
#define PERIOD_LOG(col, what) \
	"INSERT INTO log(at, user, scope, period, item, old_value, new_value, old_note," \
	" new_note) SELECT ?2, ?3, s.name, '', 'project:' || p.name, NULL, NULL," \
	" '" what " ' || pe.name, 'no " what "' FROM project p" \
	" JOIN scope s ON s.id = p.scope_id JOIN period pe ON pe.id = ?1" \
	" WHERE p." col " = ?1 ORDER BY p.name"
	static const char *const sql[] = {
		PERIOD_LOG("start_period", "start"),
		PERIOD_LOG("end_period", "end"),
		"DELETE FROM score WHERE period_id = ?1",
		"DELETE FROM period WHERE id = ?1",
	};
#undef PERIOD_LOG
	const size_t n_sql = sizeof sql / sizeof *sql;
	char now[32];
	samm_now_iso(now, sizeof now);
	if (!user || !*user)
		user = samm_user(NULL);
	enum samm_status rc = samm_store_begin(st, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n_sql; i++) {
		sqlite3_stmt *s;
		if ((rc = prepare(st, sql[i], &s, err)))
			goto fail;
		sqlite3_bind_int64(s, 1, period_id);
		if (i < 2) {
			sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, user, -1, SQLITE_STATIC);
		}
		int src = sqlite3_step(s);
		sqlite3_finalize(s);
		if (src != SQLITE_DONE) {
			rc = samm_store_sqlerr(st, src, "deleting a period", err);
			goto fail;
		}
		if (i == n_sql - 1 && sqlite3_changes(st->db) == 0) {
			rc = samm_error_set(err, SAMM_NOTFOUND, "no period #%lld",
					    (long long)period_id);
			goto fail;
		}
	}
	return samm_store_commit(st, err);
fail:
	samm_store_rollback(st);
	return rc;
}

/* ---- Scores -------------------------------------------------------------------- */

void samm_assessment_free(struct samm_assessment *a)
{
	if (!a)
		return;
	int n = a->model ? a->model->n_items : 0;
	for (int i = 0; i < n; i++) {
		if (a->note)
			free(a->note[i]);
		if (a->updated_by)
			free(a->updated_by[i]);
		if (a->updated_at)
			free(a->updated_at[i]);
	}
	free(a->value);
	free(a->note);
	free(a->updated_by);
	free(a->updated_at);
	free(a);
}

enum samm_status samm_store_assessment_load(struct samm_store *st, int64_t period_id,
					    struct samm_assessment **out,
					    struct samm_error *err)
{
	struct samm_assessment *a;
	const struct samm_model *m;
	enum samm_status rc;

	*out = NULL;
	if (!(a = calloc(1, sizeof *a)))
		return nomem(err);
	if ((rc = period_get(st, period_id, &a->period, NULL, 0, err)) ||
	    (rc = samm_store_model_get(st, a->period.model_id, &m, err))) {
		free(a);
		return rc;
	}
	a->model = m;
	size_t n = m->n_items > 0 ? (size_t)m->n_items : 1;
	a->value = malloc(n * sizeof *a->value);
	a->note = calloc(n, sizeof *a->note);
	a->updated_by = calloc(n, sizeof *a->updated_by);
	a->updated_at = calloc(n, sizeof *a->updated_at);
	if (!a->value || !a->note || !a->updated_by || !a->updated_at) {
		samm_assessment_free(a);
		return nomem(err);
	}
	for (int i = 0; i < m->n_items; i++)
		a->value[i] = SAMM_UNSET;

	sqlite3_stmt *s = stmt_get(st, STMT_SCORES, &rc, err);
	if (!s) {
		samm_assessment_free(a);
		return rc;
	}
	sqlite3_bind_int64(s, 1, period_id);
	int src, oom = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		int i = item ? samm_model_find_item(m, item) : -1;
		if (i < 0)
			continue; /* not in the model (cannot happen through this API) */
		int v = col_value(s, 1);
		a->value[i] = samm_value_valid(v) ? v : SAMM_UNSET;
		const unsigned char *note = sqlite3_column_text(s, 2);
		if (note && *note)
			a->note[i] = col_dup(s, 2, &oom);
		a->updated_by[i] = col_dup(s, 3, &oom);
		a->updated_at[i] = col_dup(s, 4, &oom);
	}
	stmt_done(s);
	if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "reading scores", err);
	} else if (oom) {
		rc = nomem(err);
	}
	if (rc) {
		samm_assessment_free(a);
		return rc;
	}
	*out = a;
	return SAMM_OK;
}

static int same_note(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Apply one change inside the open transaction. */
static enum samm_status apply_one(struct samm_store *st, const struct samm_period *p,
				  const char *scope, const struct samm_change *c,
				  const char *user, const char *now, int *changed,
				  struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *get = stmt_get(st, STMT_SCORE_GET, &rc, err);
	sqlite3_stmt *put = get ? stmt_get(st, STMT_SCORE_PUT, &rc, err) : NULL;
	sqlite3_stmt *log = put ? stmt_get(st, STMT_LOG_PUT, &rc, err) : NULL;
	if (!log)
		return rc;

	*changed = 0;
	sqlite3_bind_int64(get, 1, p->id);
	bind_text(get, 2, c->item);
	int src = sqlite3_step(get);
	int old_value = SAMM_UNSET;
	char *old_note = NULL;
	int oom = 0;
	if (src == SQLITE_ROW) {
		old_value = col_value(get, 0);
		old_note = col_dup(get, 1, &oom);
	}
	stmt_done(get);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading a score", err);
	if (oom)
		return nomem(err);
	if (old_note && !*old_note) {
		free(old_note);
		old_note = NULL;
	}

	int new_value = c->set_value ? c->value : old_value;
	const char *new_note = c->set_note ? c->note : old_note;
	if (new_note && !*new_note)
		new_note = NULL;
	if (new_value == old_value && same_note(new_note, old_note)) {
		free(old_note);
		return SAMM_OK;
	}

	sqlite3_bind_int64(put, 1, p->id);
	bind_text(put, 2, c->item);
	bind_value(put, 3, new_value);
	bind_text(put, 4, new_note);
	bind_text(put, 5, user);
	bind_text(put, 6, now);
	src = sqlite3_step(put);
	stmt_done(put);
	if (src != SQLITE_DONE) {
		free(old_note);
		return samm_store_sqlerr(st, src, "saving a score", err);
	}

	bind_text(log, 1, now);
	bind_text(log, 2, user);
	bind_text(log, 3, scope);
	bind_text(log, 4, p->name);
	bind_text(log, 5, c->item);
	bind_value(log, 6, old_value);
	bind_value(log, 7, new_value);
	bind_text(log, 8, old_note);
	bind_text(log, 9, new_note);
	src = sqlite3_step(log);
	stmt_done(log);
	free(old_note);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "writing the change log", err);
	*changed = 1;
	return SAMM_OK;
}

enum samm_status samm_store_apply(struct samm_store *st, int64_t period_id,
				  const struct samm_change *changes, size_t n,
				  const char *user, int *n_changed,
				  struct samm_error *err)
{
	struct samm_period p;
	const struct samm_model *m;
	char scope[128], now[32];
	enum samm_status rc;
	int count = 0;

	if (n_changed)
		*n_changed = 0;
	if ((rc = samm_store_check_writable(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	for (size_t i = 0; i < n; i++) {
		if (!changes[i].item || !*changes[i].item)
			return samm_error_set(err, SAMM_USAGE, "change %zu names no item", i + 1);
		if (changes[i].set_value && !samm_value_valid(changes[i].value))
			return samm_error_set(err, SAMM_USAGE, "%s: value %d is not valid",
					      changes[i].item, changes[i].value);
	}
	if ((rc = samm_store_begin(st, err)))
		return rc;
	if ((rc = period_get(st, period_id, &p, scope, sizeof scope, err)) ||
	    (rc = samm_store_model_get(st, p.model_id, &m, err)))
		goto fail;
	/* every item first, so that a typo writes nothing at all */
	for (size_t i = 0; i < n; i++)
		if (samm_model_find_item(m, changes[i].item) < 0) {
			rc = samm_error_set(err, SAMM_NOTFOUND, "item '%s' is not in the model of"
					    " period '%s'", changes[i].item, p.name);
			goto fail;
		}
	samm_now_iso(now, sizeof now);
	for (size_t i = 0; i < n; i++) {
		int changed;
		if ((rc = apply_one(st, &p, scope, &changes[i], user, now, &changed, err)))
			goto fail;
		count += changed;
	}
	if (count == 0) {
		samm_store_rollback(st); /* nothing to make durable */
	} else if ((rc = samm_store_commit(st, err))) {
		return rc;
	}
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

/* ---- Change log ---------------------------------------------------------------- */

void samm_log_free(struct samm_log_entry *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].user);
		free(rows[i].scope);
		free(rows[i].period);
		free(rows[i].item);
		free(rows[i].old_note);
		free(rows[i].new_note);
	}
	free(rows);
}

enum samm_status samm_store_log(struct samm_store *st, const struct samm_log_filter *f,
				struct samm_log_entry **out, size_t *n,
				struct samm_error *err)
{
	/* The query is assembled from these constant fragments only (values
	 * are bound), so that each filter combination can use log_by_item. */
	char sql[512] = "SELECT id, at, user, scope, period, item, old_value, new_value,"
			" old_note, new_note FROM log WHERE 1";
	struct samm_scope scope = { 0 };
	struct samm_log_entry *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	enum samm_status rc = SAMM_OK;
	int src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (f && f->scope_id) {
		if ((rc = prepare(st, "SELECT id, name FROM scope WHERE id = ?1", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, f->scope_id);
		src = sqlite3_step(s);
		if (src == SQLITE_ROW)
			col_copy(s, 1, scope.name, sizeof scope.name);
		sqlite3_finalize(s);
		s = NULL;
		if (src == SQLITE_DONE)
			return samm_error_set(err, SAMM_NOTFOUND, "no scope #%lld",
					      (long long)f->scope_id);
		if (src != SQLITE_ROW)
			return samm_store_sqlerr(st, src, "reading a scope", err);
		strcat(sql, " AND scope = ?1");
	}
	if (f && f->period)
		strcat(sql, " AND period = ?2");
	/* "project:NAME" and "target:ACTIVITY" name one thing (a project's
	 * name may hold dots); an activity code also takes its items */
	if (f && f->item_prefix && strchr(f->item_prefix, ':'))
		strcat(sql, " AND item = ?3");
	else if (f && f->item_prefix)
		strcat(sql, " AND (item = ?3 OR (item > ?3 || '.' AND item < ?3 || '/'))");
	strcat(sql, " ORDER BY id");

	if ((rc = prepare(st, sql, &s, err)))
		return rc;
	if (f && f->scope_id)
		bind_text(s, 1, scope.name);
	if (f && f->period)
		bind_text(s, 2, f->period);
	if (f && f->item_prefix)
		bind_text(s, 3, f->item_prefix);
	int oom = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			struct samm_log_entry *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				oom = 1;
				break;
			}
			v = nv;
		}
		struct samm_log_entry *e = &v[cnt++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(s, 0);
		e->at = col_dup(s, 1, &oom);
		e->user = col_dup(s, 2, &oom);
		e->scope = col_dup(s, 3, &oom);
		e->period = col_dup(s, 4, &oom);
		e->item = col_dup(s, 5, &oom);
		e->old_value = col_value(s, 6);
		e->new_value = col_value(s, 7);
		e->old_note = col_dup(s, 8, &oom);
		e->new_note = col_dup(s, 9, &oom);
		if (oom)
			break;
	}
	if (oom)
		rc = nomem(err);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading the change log", err);
	sqlite3_finalize(s);
	if (rc) {
		samm_log_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}
