/* outfile.c - checked targets and findable temporary files (outfile.h). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "samm/outfile.h"

#define TMP_TAG ".sammtui-tmp."

static const char *kind_of(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

enum samm_status samm_outfile_check(const char *path, struct samm_error *err)
{
	struct stat sb;
	if (!path || !*path)
		return samm_error_set(err, SAMM_USAGE, "no output file given");
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return SAMM_OK;
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	}
	if (S_ISREG(sb.st_mode))
		return SAMM_OK;
	return samm_error_set(err, SAMM_IO, "%s: is %s, not a regular file; nothing was written",
			      path, kind_of(sb.st_mode));
}

/* path's folder ("." for a bare name) and base name, as pointers into buf. */
static int split(const char *path, char *buf, size_t size, const char **dir, const char **base)
{
	if ((size_t)snprintf(buf, size, "%s", path) >= size)
		return -1;
	char *slash = strrchr(buf, '/');
	if (!slash) {
		*dir = ".";
		*base = buf;
	} else {
		*base = slash + 1;
		*slash = '\0';
		*dir = slash == buf ? "/" : buf;
	}
	return **base ? 0 : -1;
}

/* The PID in NAME = .BASE.sammtui-tmp.PID-..., or 0 if NAME is not one of
 * base's temporary files. */
static long tmp_owner(const char *name, const char *base)
{
	size_t bl = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 ||
	    strncmp(name + 1 + bl, TMP_TAG, sizeof TMP_TAG - 1) != 0)
		return 0;
	const char *p = name + 1 + bl + sizeof TMP_TAG - 1;
	char *end;
	errno = 0;
	long pid = strtol(p, &end, 10);
	if (errno || end == p || *end != '-' || pid <= 0)
		return 0;
	return pid;
}

void samm_outfile_sweep(const char *path)
{
	char buf[4096];
	const char *dir, *base;
	if (split(path, buf, sizeof buf, &dir, &base) != 0)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid = tmp_owner(e->d_name, base);
		if (pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* alive (or not ours to ask about): still writing */
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

enum samm_status samm_outfile_tmp(const char *path, char *tmp, size_t size, int *fd,
				  struct samm_error *err)
{
	char buf[4096];
	const char *dir, *base;
	*fd = -1;
	if (split(path, buf, sizeof buf, &dir, &base) != 0)
		return samm_error_set(err, SAMM_USAGE, "%s: not a usable output file name", path);
	samm_outfile_sweep(path);
	int n = snprintf(tmp, size, "%s/.%s" TMP_TAG "%ld-XXXXXX", dir, base, (long)getpid());
	if (n < 0 || (size_t)n >= size)
		return samm_error_set(err, SAMM_USAGE, "%s: output path too long", path);
	int f = mkstemp(tmp); /* 0600 by POSIX.1-2008 */
	if (f < 0)
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	if (fchmod(f, 0600) != 0) {
		int e = errno;
		close(f);
		unlink(tmp);
		return samm_error_set(err, SAMM_IO, "%s: %s", tmp, strerror(e));
	}
	*fd = f;
	return SAMM_OK;
}
