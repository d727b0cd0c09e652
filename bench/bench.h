/* bench.h - shared pieces of the sammtui benchmark (make bench).
 *
 * gen.c makes the data (databases through the core's store API, a large
 * generated model CSV); proc.c runs the real binary (plain fork/exec, and
 * the screens under a pseudo-terminal); bench.c measures and prints the
 * table.  Times are milliseconds from CLOCK_MONOTONIC. */
#ifndef SAMM_BENCH_H
#define SAMM_BENCH_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* ---- Clock and statistics ------------------------------------------------ */

double bench_now_ms(void);

struct bench_stat {
	int n;                  /* samples; 0: no figure */
	double med, min, max, p99;
};

/* Median, min, max and 99th percentile of x[0..n) (x is sorted in place). */
struct bench_stat bench_stat_of(double *x, int n);

/* ---- Data ----------------------------------------------------------------- */

struct bench_size {
	const char *name;       /* "small" "medium" "large" "wide" */
	int scopes, periods;
	int projects;           /* per scope, each linked to 3-6 activities */
};

/* The scope every command and the screens use (the default one). */
#define BENCH_SCOPE "Organization"
/* The pinned clock and user. */
#define BENCH_NOW  "2026-01-15T12:00:00Z"
#define BENCH_USER "bench"

/* Name of period p (0-based) of a history of n periods: quarters ending
 * with "2025-Q4", so every size shares its latest periods. */
void bench_period_name(int p, int n, char *buf, size_t size);

/* The cached database of a size in dir, generated when missing, stale (the
 * generator changed) or unreadable.  Writes its path to path.  Returns 0,
 * or -1 after printing why on stderr. */
int bench_db(const char *dir, const struct bench_size *sz, char *path, size_t size);

/* The database of the screens at scale (wide.c). */
extern const struct bench_size bench_wide_size;

/* Copy a file (0 or -1); remove a database and its -wal and -shm files. */
int bench_copy_file(const char *from, const char *to);
void bench_remove_db(const char *path);

/* A deterministic model CSV with n_items items (caller frees). */
char *bench_model_csv(int n_items, size_t *len);

/* ---- Running the binary --------------------------------------------------- */

/* Run argv (argv[0] is the binary's path) with output to /dev/null; returns
 * the wall time in ms, or -1.  *status gets the exit status (128+signal
 * when killed); when errbuf is non-NULL the first line of stderr goes there. */
double bench_run(char *const argv[], int *status, char *errbuf, size_t errsize);

struct bench_ui {
	double start_ms;        /* to the first full scorecard; < 0 when never seen */
	double *key_ms;         /* one per key that drew something */
	int n_keys;
	long maxrss_kb;         /* ru_maxrss of the child */
	int status;
	char err[256];          /* why it failed, if it did */
};

/* Open the screens on db under an 80x24 pseudo-terminal, wait for marker,
 * send n_keys keys from keys (cycled), then 'q'.  key_ms must hold n_keys. */
int bench_ui_run(const char *bin, const char *db, const char *marker,
		 const char *keys, int n_keys, struct bench_ui *out);

/* The same with a script: steps[k] (one key, or an escape sequence) is
 * written at once and timed; key_ms[k] < 0 when it drew nothing.  key_ms
 * must hold n_steps. */
int bench_ui_script(const char *bin, const char *db, const char *marker,
		    const char *const *steps, int n_steps, struct bench_ui *out);

/* ---- The screens at scale (wide.c) ------------------------------------------ */

/* Time every key of the script on the wide database, runs runs. */
void bench_wide_measure(const char *bin, const char *dir, const char *marker, int runs,
			int ui_built);
/* Its table, after the main one; returns the targets missed. */
int bench_wide_print(FILE *fp);

/* ---- The Toolbox workbook (toolbox.c) --------------------------------------- */

/* Measure the Toolbox figures with the binary bin, its files under dir. */
void bench_toolbox_measure(const char *bin, const char *dir, int runs);
/* Print their section; returns the number of targets missed. */
int bench_toolbox_print(FILE *fp, int runs);
/* `sammbench --rss-of FILE PROG ARGS...`: run PROG, write its ru_maxrss (KB)
 * to FILE; exit with its status. */
int bench_rss_of(int argc, char **argv);

#endif
