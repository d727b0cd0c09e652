/* proc.c - running the real sammtui binary: commands with fork/exec, and
 * the screens under a pseudo-terminal (forkpty, 80x24, xterm-256color). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define CMD_TIMEOUT_S 120

double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

double bench_run(char *const argv[], int *status, char *errbuf, size_t errsize)
{
	int errpipe[2] = { -1, -1 }, st;
	double t0, t1;
	pid_t pid;

	if (errbuf && pipe(errpipe))
		return -1;
	t0 = bench_now_ms();
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		alarm(CMD_TIMEOUT_S);   /* survives exec: a hung command dies */
		dup2(null, 0);
		dup2(null, 1);
		if (errbuf) {
			dup2(errpipe[1], 2);
			close(errpipe[0]);
			close(errpipe[1]);
		} else {
			dup2(null, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	if (errbuf) {
		size_t got = 0;
		int line_done = 0;
		ssize_t r;
		char sink[4096];

		close(errpipe[1]);
		while ((r = read(errpipe[0], sink, sizeof sink)) > 0 ||
		       (r < 0 && errno == EINTR)) {
			for (ssize_t i = 0; i < r && !line_done; i++) {
				if (sink[i] == '\n' || got + 1 >= errsize)
					line_done = 1;
				else
					errbuf[got++] = sink[i];
			}
		}
		errbuf[got] = '\0';
		close(errpipe[0]);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	t1 = bench_now_ms();
	*status = exit_code(st);
	return t1 - t0;
}

/* ---- Screens ---------------------------------------------------------------- */

/* Printable text of the terminal output, escape sequences and blanks
 * removed, last few hundred bytes kept: enough to find a marker that ncurses
 * wrote with attributes or cursor moves between its words. */
struct scan {
	int state;              /* 0 text, 1 after ESC, 2 CSI, 3 OSC, 4 charset */
	char win[512];
	size_t len;
	const char *want;       /* '|'-separated parts, blanks removed; or NULL */
	int part;               /* parts seen so far, in order */
	int matched;            /* all of them */
};

/* The part of sc->want being looked for: its start, length in *n. */
static const char *scan_part(const struct scan *sc, size_t *n)
{
	const char *p = sc->want;

	for (int k = 0; k < sc->part && p; k++)
		p = (p = strchr(p, '|')) ? p + 1 : NULL;
	if (!p)
		return NULL;
	*n = strcspn(p, "|");
	return p;
}

static void scan_feed(struct scan *sc, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (sc->state) {
		case 1:
			sc->state = c == '[' ? 2 : c == ']' ? 3 :
				    (c == '(' || c == ')' || c == '#') ? 4 : 0;
			continue;
		case 2:
			if (c >= 0x40 && c <= 0x7e)
				sc->state = 0;
			continue;
		case 3:
			if (c == 7 || c == 0x1b)
				sc->state = 0;
			continue;
		case 4:
			sc->state = 0;
			continue;
		}
		if (c == 0x1b) {
			sc->state = 1;
			continue;
		}
		if (c <= ' ' || c == 0x7f)
			continue;
		if (sc->len == sizeof sc->win - 1) {
			memmove(sc->win, sc->win + sizeof sc->win / 2,
				sizeof sc->win / 2 - 1);
			sc->len = sizeof sc->win / 2 - 1;
		}
		sc->win[sc->len++] = (char)c;
		sc->win[sc->len] = '\0';
		if (sc->want && !sc->matched) {
			size_t wn;
			const char *w = scan_part(sc, &wn);

			/* Checked at every byte: a 16 kB read may carry the
			 * whole screen, more than the window holds. */
			if (w && sc->len >= wn && !memcmp(sc->win + sc->len - wn, w, wn)) {
				sc->part++;
				sc->len = 0;
				sc->win[0] = '\0';
				sc->matched = !scan_part(sc, &wn);
			}
		}
	}
}

/* Read what is there within timeout_ms; returns bytes read, 0 on timeout,
 * -1 at end (the child closed the terminal). */
static ssize_t pty_read(int fd, struct scan *sc, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[16384];
	ssize_t r;
	int pr = poll(&pfd, 1, timeout_ms);

	if (pr < 0)
		return errno == EINTR ? 0 : -1;
	if (pr == 0)
		return 0;
	r = read(fd, buf, sizeof buf);
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	if (r == 0)
		return -1;
	if (sc)
		scan_feed(sc, buf, (size_t)r);
	return r;
}

/* Read until nothing comes for quiet_ms (or max_ms in all); returns the
 * time of the last byte, or -1 when nothing came. */
static double read_burst(int fd, struct scan *sc, int quiet_ms, int max_ms)
{
	double start = bench_now_ms(), last = -1;

	while (bench_now_ms() - start < max_ms) {
		ssize_t r = pty_read(fd, sc, quiet_ms);

		if (r < 0)
			break;
		if (r == 0) {
			if (last >= 0)
				break;
			continue;       /* still waiting for the first byte */
		}
		last = bench_now_ms();
	}
	return last;
}

static void strip_blanks(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		if ((unsigned char)*s > ' ')
			out[n++] = *s;
	out[n] = '\0';
}

/* The screens on db under a pseudo-terminal: wait for marker, then send
 * each of steps[0..n) in one write and time it to the last byte of its
 * answer (key_ms[k] < 0: no answer), then 'q'. */
static int ui_session(const char *bin, const char *db, const char *marker,
		      const char *const *steps, int n_steps, struct bench_ui *out)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct scan sc = { 0 };
	struct rusage ru = { 0 };
	char want[256];
	double t0, t_mark = -1, last;
	int fd, st = 0, done = 0, sent_y = 0;
	pid_t pid;

	double *key_ms = out->key_ms;

	memset(out, 0, sizeof *out);
	out->key_ms = key_ms;
	out->start_ms = -1;
	strip_blanks(marker, want, sizeof want);
	sc.want = want;
	t0 = bench_now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		snprintf(out->err, sizeof out->err, "forkpty: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("COLUMNS");
		unsetenv("LINES");
		unsetenv("NO_COLOR");
		execl(bin, bin, "--db", db, (char *)NULL);
		_exit(127);
	}
	/* Start: read until the marker shows, then to the end of that burst. */
	while (bench_now_ms() - t0 < 20000) {
		ssize_t r = pty_read(fd, &sc, 100);

		if (r < 0)
			break;
		if (r > 0 && sc.matched) {
			t_mark = bench_now_ms();
			break;
		}
	}
	if (t_mark < 0) {
		snprintf(out->err, sizeof out->err, "no '%s' on the screen; saw ...%.60s",
			 marker, sc.len > 60 ? sc.win + sc.len - 60 : sc.win);
		goto quit;
	}
	last = read_burst(fd, NULL, 20, 2000);
	out->start_ms = (last > t_mark ? last : t_mark) - t0;
	/* Let any follow-up drawing finish. */
	read_burst(fd, NULL, 150, 3000);
	/* Keys: from the write to the last byte of the answer. */
	for (int k = 0; k < n_steps; k++) {
		size_t len = strlen(steps[k]);
		double tw, tl;

		tw = bench_now_ms();
		if (write(fd, steps[k], len) != (ssize_t)len)
			break;
		tl = read_burst(fd, NULL, 20, 2000);
		out->key_ms[out->n_keys++] = tl >= 0 ? tl - tw : -1;
	}
quit:
	if (write(fd, "q", 1) != 1)
		done = 0;
	for (double tq = bench_now_ms(); !done && bench_now_ms() - tq < 5000;) {
		pid_t w = wait4(pid, &st, WNOHANG, &ru);

		if (w == pid) {
			done = 1;
			break;
		}
		if (pty_read(fd, NULL, 20) < 0)
			continue;
		if (!sent_y && bench_now_ms() - tq > 1000)
			sent_y = write(fd, "y", 1) == 1;   /* a "quit?" prompt */
	}
	if (!done) {
		kill(pid, SIGTERM);
		usleep(200000);
		kill(pid, SIGKILL);
		wait4(pid, &st, 0, &ru);
		if (!out->err[0])
			snprintf(out->err, sizeof out->err, "did not quit on 'q'");
	}
	close(fd);
	out->status = exit_code(st);
	out->maxrss_kb = ru.ru_maxrss;
	return out->start_ms < 0 ? -1 : 0;
}

int bench_ui_run(const char *bin, const char *db, const char *marker,
		 const char *keys, int n_keys, struct bench_ui *out)
{
	static char one[256][2];
	const char *steps[1024];
	int n = n_keys < 1024 ? n_keys : 1024, k, rc;

	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)keys[k % strlen(keys)];

		one[c][0] = (char)c;
		steps[k] = one[c];
	}
	rc = ui_session(bin, db, marker, steps, n, out);
	/* Only the keys that drew something count here. */
	for (int i = k = 0; i < out->n_keys; i++)
		if (out->key_ms[i] >= 0)
			out->key_ms[k++] = out->key_ms[i];
	out->n_keys = k;
	return rc;
}

int bench_ui_script(const char *bin, const char *db, const char *marker,
		    const char *const *steps, int n_steps, struct bench_ui *out)
{
	return ui_session(bin, db, marker, steps, n_steps, out);
}
