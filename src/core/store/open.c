/* open.c - opening and closing the assessment database on SQLite.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db.h"
#include "guard.h"

/* ---- Default path ----------------------------------------------------------- */

enum samm_status samm_store_default_path(const char *db, const char *xdg, const char *home,
					 char *buf, size_t size, struct samm_error *err)
{
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
	char *dir = db_xstrdup(path);
	if (!dir)
		return samm_nomem(err);
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
enum samm_status db_path_parts(const char *path, const char *suffix, char **withsuf,
				   char **dir, struct samm_error *err)
{
	size_t len = strlen(path), slen = strlen(suffix);
	*withsuf = malloc(len + slen + 1);
	*dir = db_xstrdup(path);
	if (!*withsuf || !*dir) {
		free(*withsuf);
		free(*dir);
		*withsuf = *dir = NULL;
		return samm_nomem(err);
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
	enum samm_status rc = db_path_parts(path, "-shm", &shm, &dir, err);
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
	enum samm_status rc = db_prepare(st, "PRAGMA journal_mode = WAL", &s, err);
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

/* Open st->db on path: read-only when we may not write the file, and then
 * immutable when the pre-check found no -wal to replay (quiet), so that
 * reading creates no -wal or -shm; then SQLite's defensive settings. */
static enum samm_status open_connection(struct samm_store *st, const char *path, int readonly,
					int quiet, struct samm_error *err)
{
	/* One connection per store, used by one thread: no SQLite mutexes
	 * (they were a quarter of the instructions of a long report). */
	int immutable = readonly && quiet;
	int oflags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		     SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0);
	char *uri = immutable ? guard_immutable_uri(path) : NULL;
	int src = immutable && !uri ? SQLITE_NOMEM
		  : sqlite3_open_v2(uri ? uri : path, &st->db, oflags, NULL);
	free(uri);
	if (src == SQLITE_OK)
		src = guard_harden(st->db);
	if (src == SQLITE_OK) {
		sqlite3_extended_result_codes(st->db, 1);
		return SAMM_OK;
	}
	if ((src & 0xff) == SQLITE_CANTOPEN)
		return samm_error_set(err, SAMM_IO, "%s: cannot open: %s", path,
				      st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src));
	return samm_store_sqlerr(st, src, "opening", err);
}

/* Bring the schema to date: a file we may write is upgraded (or set up
 * when may_init), one we may not is read through an upgraded copy in
 * memory.  flags: SAMM_OPEN_READONLY only keeps the store from writing. */
static enum samm_status open_schema(struct samm_store *st, int flags, int readonly,
				    int may_init, struct samm_error *err)
{
	struct schema_state ss;
	int fresh;
	enum samm_status rc;

	if ((rc = setup_connection(st, err)) || (rc = db_schema_read(st, &ss, err)) ||
	    (rc = db_schema_judge(st, &ss, may_init, &fresh, err)))
		return rc;
	if (readonly && fresh)
		return samm_error_set(err, SAMM_READONLY, "%s is read-only and needs initialising",
				      st->path);
	if (readonly && ss.version < SCHEMA_VERSION &&
	    (rc = guard_readonly_copy(&st->db, st->path, &db_guard_schema, ss.version, err)))
		return rc;
	int upgrade = !readonly && (fresh || ss.version < SCHEMA_VERSION);
	if (!readonly && (upgrade || !(flags & SAMM_OPEN_READONLY)) && (rc = set_wal(st, err)))
		return rc;
	if (upgrade && (rc = db_schema_migrate(st, may_init, err)))
		return rc;
	return SAMM_OK;
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
	    (rc = guard_precheck(path, &db_guard_schema, &quiet, err)))
		return rc;
	if (readonly && wal && !quiet && (rc = check_wal_readable(path, err)))
		return rc;

	struct samm_store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = db_xstrdup(path))) {
		free(st);
		return samm_nomem(err);
	}
	int may_init = created || ((flags & SAMM_OPEN_CREATE) && !readonly);
	if ((rc = open_connection(st, path, readonly, quiet, err)) ||
	    (rc = open_schema(st, flags, readonly, may_init, err)))
		goto fail;
	st->readonly = readonly || (flags & SAMM_OPEN_READONLY);

	int64_t n_models;
	if ((rc = db_query_int(st, "SELECT count(*) FROM model", &n_models, err)))
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
	for (size_t i = 0; i < st->n_models; i++) {
		samm_model_free(st->models[i].model);
		free(st->models[i].order);
	}
	free(st->models);
	free(st->path);
	free(st);
}

int samm_store_is_readonly(const struct samm_store *st)
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
	sqlite3_stmt *s = db_stmt_get(st, STMT_DATA_VERSION, &rc, NULL);
	if (s) {
		if (sqlite3_step(s) == SQLITE_ROW)
			dv = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	/* data_version counts other connections' commits, `writes` ours:
	 * both only grow, so their sum changes when either does */
	return dv + st->writes;
}

