/* notefile.c - notes outside the database: private files that keep text
 * the database did not take (a failed save, a quit signal while editing,
 * an $EDITOR session), the $VISUAL / $EDITOR run, and the notice at start
 * that such files are waiting.
 *
 * The files live in $XDG_STATE_HOME/sammtui (else ~/.local/state/sammtui;
 * else $TMPDIR or /tmp when neither can be made), folder 0700, files 0600,
 * named sammtui-note-ITEM-XXXXXX. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "samm/util.h"
#include "ui/ui_int.h"

#define NOTE_PREFIX "sammtui-note-"

/* mkdir -p with mode 0700 for the parts it creates; 0 when dir exists. */
static int make_dirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int r = mkdir(dir, 0700);
		if (r == 0)
			chmod(dir, 0700);       /* whatever the umask */
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return -1;
	}
	if (mkdir(dir, 0700) == 0)
		chmod(dir, 0700);
	else if (errno != EEXIST)
		return -1;
	struct stat sb;
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 : -1;
}

/* The folder of kept notes (created); 0, or -1 when it cannot be made. */
static int state_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;
	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/sammtui", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.local/state/sammtui", home);
	else
		return -1;
	if (n < 0 || (size_t)n >= size)
		return -1;
	return make_dirs(buf);
}

int ui_note_file(const char *item, char *path, size_t size)
{
	char dir[3072], safe[64];
	size_t k = 0;
	for (const char *s = item; s && *s && k + 1 < sizeof safe; s++)
		safe[k++] = (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			(*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ? *s : '_';
	safe[k] = 0;
	const char *tmp = getenv("TMPDIR");
	int fd = -1;
	/* the kept-notes folder, else the temporary one */
	for (int pass = state_dir(dir, sizeof dir) == 0 ? 0 : 1; fd < 0 && pass < 2; pass++) {
		if (pass == 1)
			snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
		int n = snprintf(path, size, "%s/" NOTE_PREFIX "%s%sXXXXXX", dir, safe,
				 k ? "-" : "");
		if (n < 0 || (size_t)n >= size) {
			errno = ENAMETOOLONG;
			continue;
		}
		fd = mkstemp(path);   /* 0600 */
	}
	return fd;
}

/* Write all of s; 0 or -1 (errno). */
static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int ui_note_keep(const char *item, const char *const *texts, size_t n, char *path, size_t size)
{
	int fd = ui_note_file(item, path, size);
	if (fd < 0)
		return -1;
	int bad = 0;
	for (size_t i = 0; i < n && !bad; i++)
		bad = texts[i] && write_all(fd, texts[i], strlen(texts[i])) != 0;
	bad |= fsync(fd) != 0;
	bad |= close(fd) != 0;
	if (bad) {
		int e = errno;
		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}

char *ui_note_read(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	/* Read no further than a little past the limit (the final newlines
	 * an editor adds are dropped below): a longer note is refused, and
	 * the file kept, whatever its size. */
	size_t cap = 0, len = 0, got;
	char *text = NULL;
	do {
		ui_grow((void **)&text, &cap, len + 4096, 1);
		got = fread(text + len, 1, cap - len - 1, fp);
		len += got;
	} while (got > 0 && len <= SAMM_NOTE_MAX + 64);
	fclose(fp);
	text[len] = 0;
	if (len > SAMM_NOTE_MAX + 64) {
		free(text);
		errno = EFBIG;
		return NULL;
	}
	/* Editors end the file with a newline the note did not have. */
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = 0;
	return text;
}

int ui_note_run_editor(struct ui *ui, const char *path)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	int status = -1;
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		setenv("SAMMTUI_EDITOR_CMD", ed, 1);
		execl("/bin/sh", "sh", "-c", "exec $SAMMTUI_EDITOR_CMD \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	/* Ctrl-C in the editor belongs to the editor, not to us. */
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_msg(ui, 1, "the editor failed (status %d): note not changed; kept in %s",
		       pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1, path);
		return -1;
	}
	return 0;
}

void ui_note_notice(struct ui *ui)
{
	char dir[3072], first[4096] = "";
	if (state_dir(dir, sizeof dir) != 0)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, NOTE_PREFIX, strlen(NOTE_PREFIX)) && n++ == 0)
			snprintf(first, sizeof first, "%s/%s", dir, de->d_name);
	closedir(d);
	if (n == 1)
		ui_msg(ui, 1, "an unsaved note was kept in %s", first);
	else if (n > 1)
		ui_msg(ui, 1, "%d unsaved notes were kept in %s (" NOTE_PREFIX "*)", n, dir);
}
