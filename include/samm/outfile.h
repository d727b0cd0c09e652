/* outfile.h - files sammtui writes at a path the user names (export -o,
 * backup, and every -o): written to a temporary file beside the target,
 * then renamed over it.
 *
 * A target that exists must be a regular file (or a symlink to one): a
 * device, a FIFO or a folder is refused and left alone, so that
 * `-o /dev/null` never replaces a device with a file.
 *
 * Temporary files are named DIR/.BASE.sammtui-tmp.PID-XXXXXX (mode 0600).
 * A process killed while writing leaves one behind; the next write to the
 * same target removes those whose process is gone. */
#ifndef SAMM_OUTFILE_H
#define SAMM_OUTFILE_H

#include <stddef.h>
#include "samm/error.h"

/* SAMM_OK when path does not exist or is a regular file (after symlinks);
 * else SAMM_IO ("PATH: is a FIFO, not a regular file; nothing was
 * written"). */
enum samm_status samm_outfile_check(const char *path, struct samm_error *err);

/* Room a temporary name needs beyond strlen(path) (its NUL included). */
#define OUTFILE_TMP_ROOM "/..sammtui-tmp.-XXXXXX123456789012345678901234"

/* Remove stale temporary files of path (see above), then create a new one:
 * its name in tmp (size bytes, strlen(path) + sizeof OUTFILE_TMP_ROOM
 * is enough), its descriptor (O_RDWR, mode 0600) in *fd.
 * SAMM_USAGE when the name does not fit, SAMM_IO when it cannot be made. */
enum samm_status samm_outfile_tmp(const char *path, char *tmp, size_t size, int *fd,
				  struct samm_error *err);

/* Remove the temporary files of path left by processes that are gone. */
void samm_outfile_sweep(const char *path);

#endif
