/* backup.c - a consistent copy of the database (SQLite online backup). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "samm/outfile.h"
#include "db.h"
#include "guard.h"

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

/* Copy the whole database into the (empty) file tmp in one step, so the
 * copy is one consistent snapshot; path names the backup in messages. */
static enum samm_status copy_into(struct samm_store *st, const char *tmp, const char *path,
				  struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3 *dst = NULL;
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
out:
	if (dst)
		sqlite3_close(dst);
	return rc;
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
	if (db_path_parts(path, OUTFILE_TMP_ROOM, &tmp, &dir, err))
		return SAMM_NOMEM;
	int fd; /* DIR/.BASE.sammtui-tmp.PID-XXXXXX, 0600; stale ones are removed */
	if ((rc = samm_outfile_tmp(path, tmp, strlen(path) + sizeof OUTFILE_TMP_ROOM, &fd, err))) {
		free(tmp);
		free(dir);
		return rc;
	}
	close(fd);

	if ((rc = copy_into(st, tmp, path, err)))
		goto out;
	if ((rc = fsync_path(tmp, 0, err)))
		goto out;
	if (rename(tmp, path) != 0) {
		rc = samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fsync_path(dir, 1, NULL); /* the rename's durability; not fatal */
out:
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

