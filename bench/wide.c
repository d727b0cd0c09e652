/* wide.c - the screens at scale (issue 11): one scope with 1,500 periods
 * and 2,000 projects linked to activities, and every kind of key the
 * screens offer timed on its own: the views, scrolling in each, the
 * pickers (period, older period, project link, target, status, scope),
 * a score change and its undo, a reload.  Target: <= 50 ms per key.
 *
 * The screens run on a scratch copy of the database (the script scores an
 * item, then undoes it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define WIDE_TARGET_MS 50.0

const struct bench_size bench_wide_size = { "wide", 1, 1500, 2000 };
#define wide bench_wide_size
#define WIDE_RUNS_MAX 60

/* One key of the script: what is written and what it is called.  Steps
 * after a picker opens are keys in that picker. */
struct step {
	const char *label;
	const char *bytes;
};

static const struct step script[] = {
	{ "Scorecard: j (down)", "j" },
	{ "Scorecard: ^F (page down)", "\x06" },
	{ "Scorecard: k (up)", "k" },
	{ "Scorecard: g (first line)", "g" },
	{ "a: Assessment view", "a" },
	{ "Assessment: j (to a practice)", "j" },
	{ "Assessment: h (collapse)", "h" },
	{ "Assessment: l (expand)", "l" },
	{ "Assessment: j (to a stream)", "j" },
	{ "Assessment: j (to an activity)", "j" },
	{ "Assessment: j (to a criterion)", "j" },
	{ "Assessment: 2 (score a criterion)", "2" },
	{ "u (undo the score)", "u" },
	{ "Assessment: k (up)", "k" },
	{ "L: project link picker", "L" },
	{ "  picker: j", "j" },
	{ "  picker: G (last)", "G" },
	{ "  picker: q (close)", "q" },
	{ "t: target picker", "t" },
	{ "  picker: j", "j" },
	{ "  picker: q (close)", "q" },
	{ "Assessment: ^F (page down)", "\x06" },
	{ "Assessment: f (filter: unscored)", "f" },
	{ "Assessment: f (filter: changed)", "f" },
	{ "Assessment: f (filter: stagnant)", "f" },
	{ "Assessment: f (filter: all)", "f" },
	{ "Assessment: G (last line)", "G" },
	{ "Assessment: g (first line)", "g" },
	{ "Assessment: j (down)", "j" },
	{ "Assessment: j (down)", "j" },
	{ "Assessment: j (down)", "j" },
	{ "Assessment: j (to a criterion)", "j" },
	{ "H: History view", "H" },
	{ "History: j (down)", "j" },
	{ "History: ^F (page down)", "\x06" },
	{ "d: Diff view", "d" },
	{ "Diff: j (down)", "j" },
	{ "o: older-period picker", "o" },
	{ "  picker: k (up)", "k" },
	{ "  picker: Enter (compare with it)", "\r" },
	{ "s: Stagnant view", "s" },
	{ "Stagnant: j (down)", "j" },
	{ "Stagnant: ^F (page down)", "\x06" },
	{ "P: Projects view", "P" },
	{ "Projects: j (down)", "j" },
	{ "Projects: ^F (page down)", "\x06" },
	{ "Projects: G (last project)", "G" },
	{ "Projects: Enter (show a project)", "\r" },
	{ "Project: j (down)", "j" },
	{ "Project: h (back to the list)", "h" },
	{ "m: status picker", "m" },
	{ "  picker: q (close)", "q" },
	{ "Projects: g (first project)", "g" },
	{ "p: period picker", "p" },
	{ "  picker: j (down)", "j" },
	{ "  picker: ^B (page up)", "\x02" },
	{ "  picker: k (up)", "k" },
	{ "  picker: Enter (an older period)", "\r" },
	{ "c: Scorecard view (older period)", "c" },
	{ "p: period picker", "p" },
	{ "  picker: G (last line)", "G" },
	{ "  picker: k (the latest period)", "k" },
	{ "  picker: Enter (back to the latest)", "\r" },
	{ "Tab (next view)", "\t" },
	{ "S-Tab (previous view)", "\033[Z" },
	{ "S: scope picker", "S" },
	{ "  picker: q (close)", "q" },
	{ "^L (reread the database)", "\x0c" },
	{ "?: help", "?" },
	{ "  help: q (close)", "q" },
};

#define N_STEPS ((int)(sizeof script / sizeof *script))

static struct {
	int done;
	char err[256];
	double start[WIDE_RUNS_MAX];
	int n_start;
	double t[N_STEPS][WIDE_RUNS_MAX];
	int n[N_STEPS];
	int silent[N_STEPS];    /* runs where the key drew nothing */
	struct bench_stat st[N_STEPS];
	struct bench_stat st_start;
	double mem_mb;
} res;

void bench_wide_measure(const char *bin, const char *dir, const char *marker, int runs,
			int ui_built)
{
	static double kbuf[N_STEPS];
	const char *steps[N_STEPS];
	char db[4200], scratch[4300];

	res.done = 1;
	if (!ui_built) {
		snprintf(res.err, sizeof res.err, "screens not built");
		return;
	}
	if (bench_db(dir, &wide, db, sizeof db)) {
		snprintf(res.err, sizeof res.err, "no database");
		return;
	}
	snprintf(scratch, sizeof scratch, "%s/scratch-wide.db", dir);
	bench_remove_db(scratch);
	if (bench_copy_file(db, scratch)) {
		snprintf(res.err, sizeof res.err, "cannot copy the database");
		return;
	}
	for (int k = 0; k < N_STEPS; k++)
		steps[k] = script[k].bytes;
	if (runs > WIDE_RUNS_MAX)
		runs = WIDE_RUNS_MAX;
	for (int r = 0; r <= runs; r++) {       /* run 0 warms up */
		struct bench_ui u;

		u.key_ms = kbuf;
		if (bench_ui_script(bin, scratch, marker, steps, N_STEPS, &u) < 0 || u.status) {
			snprintf(res.err, sizeof res.err, "%s", u.err[0] ? u.err : "exit status");
			break;
		}
		if (!r)
			continue;
		res.start[res.n_start++] = u.start_ms;
		for (int k = 0; k < u.n_keys; k++) {
			if (u.key_ms[k] < 0)
				res.silent[k]++;
			else
				res.t[k][res.n[k]++] = u.key_ms[k];
		}
		if ((double)u.maxrss_kb / 1024.0 > res.mem_mb)
			res.mem_mb = (double)u.maxrss_kb / 1024.0;
	}
	bench_remove_db(scratch);
	res.st_start = bench_stat_of(res.start, res.n_start);
	for (int k = 0; k < N_STEPS; k++)
		res.st[k] = bench_stat_of(res.t[k], res.n[k]);
}

/* The table of the keys; returns the number of targets missed. */
int bench_wide_print(FILE *fp)
{
	int misses = 0, slowest = -1;

	if (!res.done)
		return 0;
	fprintf(fp, "\nScreens at scale: %s database, %d scope x %d periods, %d projects "
		"linked to 3-6 activities each\n", wide.name, wide.scopes, wide.periods,
		wide.projects);
	if (!res.n_start) {
		fprintf(fp, "  n/a (%s)\n", res.err);
		return 0;
	}
	fprintf(fp, "%-46s %9s %9s %9s  %-9s %s\n", "key", "median", "min", "max",
		"target", "verdict");
	fprintf(fp, "%-46s %9.1f %9.1f %9.1f  %-9s %s\n", "start to full scorecard",
		res.st_start.med, res.st_start.min, res.st_start.max, "", "");
	for (int k = 0; k < N_STEPS; k++) {
		const struct bench_stat *s = &res.st[k];
		int miss;

		if (!s->n) {
			fprintf(fp, "%-46s %9s %9s %9s  <= %g ms  MISS (nothing drawn)\n",
				script[k].label, "n/a", "", "", WIDE_TARGET_MS);
			misses++;
			continue;
		}
		miss = s->med > WIDE_TARGET_MS;
		misses += miss;
		if (slowest < 0 || s->med > res.st[slowest].med)
			slowest = k;
		fprintf(fp, "%-46s %9.2f %9.2f %9.2f  <= %g ms  %s%s\n", script[k].label,
			s->med, s->min, s->max, WIDE_TARGET_MS, miss ? "MISS" : "OK",
			res.silent[k] ? " (some runs drew nothing)" : "");
	}
	if (slowest >= 0)
		fprintf(fp, "slowest key (median): %s, %.1f ms; peak memory %.1f MB\n",
			script[slowest].label, res.st[slowest].med, res.mem_mb);
	fprintf(fp, "Keys: from writing the key to the last byte of its answer (20 ms quiet), "
		"one script per run,\n  %d runs after one warm-up; the target applies to each "
		"key's median.\n", res.n_start);
	return misses;
}
