/* guard.c - checks and settings for database files we did not write.
 *
 * See store_guard.h.  SQLite's advice for untrusted files ("Defense
 * Against the Dark Arts", sqlite.org/security.html) is followed: defensive
 * mode, trusted_schema off, reduced limits, cell_size_check, no memory
 * mapping, a progress handler against statements that never end.  On top
 * of it sammtui knows exactly which schema objects it creates, so anything
 * else in sqlite_schema is refused before any query of ours can run it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "guard.h"

/* ---- Settings -------------------------------------------------------------- */

static const struct { int op, on; } guard_config[] = {
	{ SQLITE_DBCONFIG_DEFENSIVE, 1 },
	{ SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
	/* sammtui's schema has neither triggers nor views: a file's own
	 * never run, even if one got past the schema check */
	{ SQLITE_DBCONFIG_ENABLE_TRIGGER, 0 },
	{ SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
	{ SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
	{ SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0 },
	{ SQLITE_DBCONFIG_DQS_DDL, 0 },
	{ SQLITE_DBCONFIG_DQS_DML, 0 },
};

/* Limits well above anything sammtui's own SQL or data needs (a model's
 * CSV is the longest value: the bundled one is 100 KB). */
static const struct { int id, value; } guard_limits[] = {
	{ SQLITE_LIMIT_LENGTH, 256 << 20 },
	{ SQLITE_LIMIT_SQL_LENGTH, 1000000 },
	{ SQLITE_LIMIT_COLUMN, 100 },
	{ SQLITE_LIMIT_EXPR_DEPTH, 100 },
	{ SQLITE_LIMIT_COMPOUND_SELECT, 10 },
	{ SQLITE_LIMIT_VDBE_OP, 100000 },
	{ SQLITE_LIMIT_FUNCTION_ARG, 16 },
	{ SQLITE_LIMIT_ATTACHED, 0 },
	{ SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100 },
	{ SQLITE_LIMIT_VARIABLE_NUMBER, 100 },
	{ SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
	{ SQLITE_LIMIT_WORKER_THREADS, 0 },
};

int guard_harden(sqlite3 *db)
{
	for (size_t i = 0; i < sizeof guard_config / sizeof guard_config[0]; i++) {
		int rc = sqlite3_db_config(db, guard_config[i].op, guard_config[i].on, (int *)NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	for (size_t i = 0; i < sizeof guard_limits / sizeof guard_limits[0]; i++)
		sqlite3_limit(db, guard_limits[i].id, guard_limits[i].value);
	int rc = sqlite3_exec(db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;",
			      NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return guard_progress(db, GUARD_MAX_STEPS);
}

/* ---- Step limit ------------------------------------------------------------ */

/* The progress handler is called every GUARD_PERIOD VM steps; the trace
 * callback marks the start of each statement (SQLITE_TRACE_STMT). */
#define GUARD_PERIOD 100000

struct guard_clock {
	int64_t max_steps;
	int64_t steps;
};

static int guard_on_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)p;
	(void)x;
	if (type == SQLITE_TRACE_STMT)
		((struct guard_clock *)ctx)->steps = 0;
	return 0;
}

static int guard_on_progress(void *ctx)
{
	struct guard_clock *c = ctx;
	c->steps += GUARD_PERIOD;
	return c->steps > c->max_steps;
}

/* Never called from SQL that matters: the function exists so that the
 * connection frees the clock (its destructor) when it closes. */
static void guard_fn_none(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

int guard_progress(sqlite3 *db, int64_t max_steps)
{
	struct guard_clock *c = calloc(1, sizeof *c);
	if (!c)
		return SQLITE_NOMEM;
	c->max_steps = max_steps;
	/* on failure create_function_v2 calls the destructor itself */
	int rc = sqlite3_create_function_v2(db, "sammtui_guard", 0,
					    SQLITE_UTF8 | SQLITE_DIRECTONLY, c, guard_fn_none,
					    NULL, NULL, free);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_trace_v2(db, SQLITE_TRACE_STMT, guard_on_trace, c);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_progress_handler(db, GUARD_PERIOD, guard_on_progress, c);
	return SQLITE_OK;
}

/* ---- Schema check ------------------------------------------------------------ */

static const char *const guard_schema_sql =
	"SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY type, name";

static int same_text(const unsigned char *a, const unsigned char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp((const char *)a, (const char *)b);
}

static enum samm_status schema_error(const char *path, const char *why, const char *type,
				     const unsigned char *name, struct samm_error *err)
{
	return samm_error_set(err, SAMM_DB, "%s: %s %s \"%s\" in the database; inspect it with:"
			      " sqlite3 %s .schema", path, why, type,
			      name ? (const char *)name : "", path);
}

/* The reference: a memory database with migrations 0..version-1 applied. */
static int reference_db(const struct guard_schema *gs, int64_t version, sqlite3 **out)
{
	int rc = sqlite3_open_v2(":memory:", out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*out, "BEGIN", NULL, NULL, NULL);
	for (int64_t v = 0; rc == SQLITE_OK && v < version; v++)
		rc = sqlite3_exec(*out, gs->migrations[v], NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*out, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* Is the row (type, name, tbl_name, sql) of s one of ref's rows?  1 yes,
 * 0 unknown name, -1 the name is ours but the object differs. */
static int in_reference(sqlite3_stmt *ref, sqlite3_stmt *s)
{
	int found = 0;
	sqlite3_reset(ref);
	while (sqlite3_step(ref) == SQLITE_ROW) {
		if (!same_text(sqlite3_column_text(ref, 0), sqlite3_column_text(s, 0)) ||
		    !same_text(sqlite3_column_text(ref, 1), sqlite3_column_text(s, 1)))
			continue;
		found = same_text(sqlite3_column_text(ref, 2), sqlite3_column_text(s, 2)) &&
			same_text(sqlite3_column_text(ref, 3), sqlite3_column_text(s, 3)) ? 1 : -1;
		break;
	}
	return found;
}

static int is_stat_table(sqlite3_stmt *s)
{
	const char *type = (const char *)sqlite3_column_text(s, 0);
	const char *name = (const char *)sqlite3_column_text(s, 1);
	return type && name && !strcmp(type, "table") &&
	       (!strcmp(name, "sqlite_stat1") || !strcmp(name, "sqlite_stat4"));
}

/* Every row of `from` must be in `in`; rows that are not are reported with
 * `why` ("unexpected" when from is the file). */
static enum samm_status compare_rows(sqlite3_stmt *from, sqlite3_stmt *in, int from_file,
				     const char *path, struct samm_error *err)
{
	int src;
	while ((src = sqlite3_step(from)) == SQLITE_ROW) {
		if (from_file && is_stat_table(from))
			continue;
		int found = in_reference(in, from);
		const char *type = (const char *)sqlite3_column_text(from, 0);
		if (!type)
			type = "object";
		if (found == 0)
			return schema_error(path, from_file ? "unexpected" : "missing", type,
					    sqlite3_column_text(from, 1), err);
		if (found < 0 && from_file)
			return schema_error(path, "changed", type, sqlite3_column_text(from, 1),
					    err);
	}
	if (src != SQLITE_DONE)
		return samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged): %s",
				      path, sqlite3_errstr(src));
	return SAMM_OK;
}

enum samm_status guard_check_schema(sqlite3 *db, const char *path,
				    const struct guard_schema *gs, int64_t version,
				    struct samm_error *err)
{
	sqlite3 *ref = NULL;
	sqlite3_stmt *mine = NULL, *theirs = NULL;
	enum samm_status rc = SAMM_OK;

	if (version < 0 || version > gs->n)
		return samm_error_set(err, SAMM_DB, "%s: not a sammtui database", path);
	int src = reference_db(gs, version, &ref);
	if (src == SQLITE_OK)
		src = sqlite3_prepare_v2(ref, guard_schema_sql, -1, &mine, NULL);
	if (src != SQLITE_OK) {
		rc = samm_error_set(err, src == SQLITE_NOMEM ? SAMM_NOMEM : SAMM_DB,
				    "%s: checking the schema: %s", path, sqlite3_errstr(src));
		goto out;
	}
	src = sqlite3_prepare_v2(db, guard_schema_sql, -1, &theirs, NULL);
	if (src != SQLITE_OK) {
		rc = samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged): %s",
				    path, sqlite3_errmsg(db));
		goto out;
	}
	/* theirs within mine (nothing foreign, nothing changed), then mine
	 * within theirs (nothing of ours missing) */
	rc = compare_rows(theirs, mine, 1, path, err);
	if (!rc) {
		sqlite3_reset(mine);
		sqlite3_reset(theirs);
		rc = compare_rows(mine, theirs, 0, path, err);
	}
out:
	sqlite3_finalize(mine);
	sqlite3_finalize(theirs);
	sqlite3_close(ref);
	return rc;
}

/* ---- Looking before opening ---------------------------------------------------- */

static int file_has_content(const char *path, const char *suffix)
{
	size_t n = strlen(path), sn = strlen(suffix);
	char *p = malloc(n + sn + 1);
	struct stat sb;
	int has;
	if (!p)
		return 1; /* the careful answer: do not assume it is absent */
	memcpy(p, path, n);
	memcpy(p + n, suffix, sn + 1);
	has = stat(p, &sb) == 0 ? sb.st_size > 0 : errno != ENOENT;
	free(p);
	return has;
}

char *guard_immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char tail[] = "?mode=ro&immutable=1";
	size_t n = strlen(path);
	char *uri = malloc(sizeof "file:" - 1 + 3 * n + sizeof tail);
	if (!uri)
		return NULL;
	char *o = uri + sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	memcpy(o, tail, sizeof tail);
	return uri;
}

static enum samm_status read_int(sqlite3 *db, const char *sql, int64_t *out, const char *path,
				 struct samm_error *err)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		src = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (src == SQLITE_OK)
		return SAMM_OK;
	if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED)
		return samm_error_set(err, SAMM_BUSY, "%s: the database is busy: %s", path,
				      sqlite3_errmsg(db));
	if ((src & 0xff) == SQLITE_CANTOPEN)
		return samm_error_set(err, SAMM_IO, "%s: cannot open: %s", path,
				      sqlite3_errmsg(db));
	return samm_error_set(err, SAMM_DB, "%s: not a SQLite database (or damaged): %s", path,
			      sqlite3_errmsg(db));
}

/* Refuse what is not ours or too new, then check the objects. */
static enum samm_status judge(sqlite3 *db, const char *path, const struct guard_schema *gs,
			      struct samm_error *err)
{
	int64_t app, version, n;
	enum samm_status rc;
	if ((rc = read_int(db, "PRAGMA application_id", &app, path, err)) ||
	    (rc = read_int(db, "PRAGMA user_version", &version, path, err)) ||
	    (rc = read_int(db, "SELECT count(*) FROM sqlite_schema", &n, path, err)))
		return rc;
	if (app != gs->application_id) {
		if (app == 0 && version == 0 && n == 0)
			return SAMM_OK; /* empty: the store decides whether to initialise */
		return samm_error_set(err, SAMM_DB, "%s: not a sammtui database", path);
	}
	if (version > gs->n)
		return samm_error_set(err, SAMM_NEWER, "%s: written by a newer sammtui (schema %lld;"
				      " this one reads up to %d); nothing was changed", path,
				      (long long)version, gs->n);
	return guard_check_schema(db, path, gs, version, err);
}

static enum samm_status precheck_once(const char *path, const struct guard_schema *gs,
				      int immutable, struct samm_error *err)
{
	sqlite3 *db = NULL;
	enum samm_status rc;
	char *uri = guard_immutable_uri(path);
	if (!uri)
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	if (!immutable)
		strstr(uri, "&immutable=1")[0] = '\0';
	int src = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				  SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(db, 5000);
	if (src == SQLITE_OK)
		src = guard_harden(db);
	if (src != SQLITE_OK)
		rc = samm_error_set(err, (src & 0xff) == SQLITE_CANTOPEN ? SAMM_IO : SAMM_DB,
				    "%s: cannot open: %s", path,
				    db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
	else
		rc = judge(db, path, gs, err);
	sqlite3_close(db);
	return rc;
}

/* Has the file changed since *before (a writer at work)? */
static int file_moved(const char *path, const struct stat *before)
{
	struct stat now;
	if (stat(path, &now) != 0)
		return 1;
	return now.st_size != before->st_size || now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec || now.st_ino != before->st_ino;
}

enum samm_status guard_precheck(const char *path, const struct guard_schema *gs, int *quiet,
				struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	/* With no -wal and no hot journal there is nothing to replay: read the
	 * file as immutable, so that SQLite creates no -wal or -shm.  With a
	 * -wal, an ordinary read-only connection reads it but never
	 * checkpoints, truncates or deletes it.  An immutable read takes no
	 * lock: a writer that starts, or checkpoints into the file, meanwhile
	 * can make it fail; then look again (the ordinary way once a -wal is
	 * there).  A file nobody writes fails the same way every time. */
	for (int tries = 0; tries < 5; tries++) {
		struct stat before;
		int have = stat(path, &before) == 0;
		*quiet = !file_has_content(path, "-wal") && !file_has_content(path, "-journal");
		rc = precheck_once(path, gs, *quiet, err);
		if (!rc || !*quiet)
			return rc;
		int moved = !have || file_moved(path, &before) || file_has_content(path, "-wal") ||
			    file_has_content(path, "-journal");
		if (!moved)
			return rc;
		sqlite3_sleep(10 << tries);
	}
	return rc;
}

/* ---- An old schema nobody may upgrade ---------------------------------------- */

enum samm_status guard_readonly_copy(sqlite3 **db, const char *path,
				     const struct guard_schema *gs, int64_t version,
				     struct samm_error *err)
{
	sqlite3 *mem = NULL;
	int src = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				  NULL);
	if (src == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(mem, "main", *db, "main");
		if (!b) {
			src = sqlite3_errcode(mem);
		} else {
			src = sqlite3_backup_step(b, -1);
			int fin = sqlite3_backup_finish(b);
			src = src == SQLITE_DONE ? fin : src;
		}
	}
	if (src == SQLITE_OK)
		src = guard_harden(mem);
	if (src == SQLITE_OK)
		src = sqlite3_exec(mem, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL);
	for (int64_t v = version; src == SQLITE_OK && v < gs->n; v++)
		src = sqlite3_exec(mem, gs->migrations[v], NULL, NULL, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_exec(mem, "COMMIT", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		enum samm_status rc = samm_error_set(err, src == SQLITE_NOMEM ? SAMM_NOMEM : SAMM_DB,
			"%s: is read-only and of an older schema (%lld), and reading it through"
			" an upgraded copy failed: %s", path, (long long)version,
			mem ? sqlite3_errmsg(mem) : sqlite3_errstr(src));
		sqlite3_close(mem);
		return rc;
	}
	sqlite3_close(*db);
	*db = mem;
	return SAMM_OK;
}

/* ---- Backups ---------------------------------------------------------------------- */

int guard_backup_journal(sqlite3 *dst)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(dst, "PRAGMA journal_mode = DELETE", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
		rc = mode && !strcmp((const char *)mode, "delete") ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}
