/* toolbox.c - the OWASP SAMM Toolbox workbook figures of `make bench`, a
 * section of their own after the main table: importing one workbook,
 * exporting one, import-toolbox of 40 workbooks in one command, and the
 * peak memory of an import.
 *
 * Everything goes through the real binary, as a user runs it.  The
 * workbooks are the binary's own exports: a database of 40 periods, a
 * quarter apart, every activity answered (values cycled so that each
 * period differs) and one note per practice. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "samm/error.h"
#include "samm/model.h"
#include "bench.h"

#define TB_WORKBOOKS 40

enum { TB_IMPORT, TB_EXPORT, TB_IMPORT_40, TB_MEM, TB_MEM_40, TB_ROWS };

static struct {
	const char *label;
	const char *unit;
	double target;          /* 0: a reference */
	struct bench_stat st;
	char note[128];
} tb_rows[TB_ROWS] = {
	[TB_IMPORT] = { "import of one Toolbox workbook", "ms", 50, { 0 }, "" },
	[TB_EXPORT] = { "export --toolbox of one period", "ms", 50, { 0 }, "" },
	[TB_IMPORT_40] = { "import-toolbox of 40 workbooks", "ms", 1000, { 0 }, "" },
	[TB_MEM] = { "peak memory of an import (ru_maxrss)", "MB", 16, { 0 }, "" },
	[TB_MEM_40] = { "  ref: peak memory, import-toolbox of 40", "MB", 0, { 0 }, "" },
};

struct tb_ctx {
	const char *bin, *dir;
	char src[4200], dst[4200];      /* the databases: workbooks' source, import target */
	char book[TB_WORKBOOKS][4200];  /* the exported workbooks, oldest first */
	char err[256];
};

/* Run the binary with args (NULL-terminated, after "--db DB"); 0 when it
 * exits 0, else -1 with the reason in c->err.  *ms: its wall time, *rss_kb
 * (may be NULL): its ru_maxrss. */
static int tb_run(struct tb_ctx *c, const char *db, const char *const *args, double *ms,
		  long *rss_kb)
{
	char *argv[68], rss_file[4300];
	int argc = 0, status;
	struct rusage ru;
	double t0;
	pid_t pid;

	/* A child inherits the peak memory of the process that forked it (a
	 * fork copies its memory map; Linux keeps that peak across exec), and
	 * this one has held a 100,000-item model: the peak of the import is
	 * taken by a fresh copy of this program in between (bench_rss_of). */
	snprintf(rss_file, sizeof rss_file, "%.4000s/toolbox/rss", c->dir);
	if (rss_kb) {
		argv[argc++] = "/proc/self/exe";
		argv[argc++] = "--rss-of";
		argv[argc++] = rss_file;
		unlink(rss_file);
	}
	argv[argc++] = (char *)c->bin;
	argv[argc++] = "--db";
	argv[argc++] = (char *)db;
	for (int i = 0; args[i] && argc < 67; i++)
		argv[argc++] = (char *)args[i];
	argv[argc] = NULL;
	t0 = bench_now_ms();
	if ((pid = fork()) < 0)
		return snprintf(c->err, sizeof c->err, "fork: %s", strerror(errno)), -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		alarm(120);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return snprintf(c->err, sizeof c->err, "wait: %s", strerror(errno)), -1;
	if (ms)
		*ms = bench_now_ms() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		snprintf(c->err, sizeof c->err, "%s %s: exit %d", args[0], args[1] ? args[1] : "",
			 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return -1;
	}
	if (rss_kb) {
		FILE *fp = fopen(rss_file, "r");
		int got = fp && fscanf(fp, "%ld", rss_kb) == 1;

		if (fp)
			fclose(fp);
		if (!got)
			return snprintf(c->err, sizeof c->err, "no peak memory reported"), -1;
	}
	return 0;
}

int bench_rss_of(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *fp;

	if (argc < 2)
		return 2;
	if ((pid = fork()) < 0)
		return 1;
	if (pid == 0) {
		execv(argv[1], argv + 1);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return 1;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	if (!(fp = fopen(argv[0], "w")))
		return 1;
	fprintf(fp, "%ld\n", ru.ru_maxrss);
	return fclose(fp) ? 1 : 0;
}

static void tb_rm_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[4300];

	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* The answers of period k: every activity, its value cycled by k. */
static int tb_answers_csv(const char *path, int k)
{
	static const char *const value[] = { "no", "some", "half", "most" };
	struct samm_model *m = NULL;
	struct samm_error err;
	FILE *fp;

	if (samm_model_parse((const char *)samm_bundled_model, samm_bundled_model_len, "model",
			     &m, &err))
		return -1;
	if (!(fp = fopen(path, "w"))) {
		samm_model_free(m);
		return -1;
	}
	fprintf(fp, "id,score,note\n");
	for (int i = 0; i < m->n_items; i++) {
		const struct samm_item *it = &m->items[i];
		const struct samm_activity *act = &m->activities[it->activity];
		const struct samm_stream *s = &m->streams[act->stream];
		const struct samm_practice *p = &m->practices[s->practice];
		int first = i == act->first_item && act->level == 1 && s->letter[0] == 'A';

		fprintf(fp, "%s,%s,", it->id, value[(it->activity + k) % 4]);
		if (first)  /* one note per practice */
			fprintf(fp, "\"Reviewed in quarter %d with the team, see the minutes"
				" (%s)\"", k, p->name);
		fputc('\n', fp);
	}
	samm_model_free(m);
	return fclose(fp) ? -1 : 0;
}

/* The source database and its 40 workbooks. */
static int tb_prepare(struct tb_ctx *c)
{
	char csv[4300], name[16], date[16], dir[4000];

	snprintf(dir, sizeof dir, "%.3900s/toolbox", c->dir);
	mkdir(dir, 0700);
	snprintf(c->src, sizeof c->src, "%s/source.db", dir);
	snprintf(c->dst, sizeof c->dst, "%s/target.db", dir);
	snprintf(csv, sizeof csv, "%s/answers.csv", dir);
	tb_rm_db(c->src);
	if (tb_run(c, c->src, (const char *[]){ "init", NULL }, NULL, NULL))
		return -1;
	for (int k = 0; k < TB_WORKBOOKS; k++) {
		snprintf(name, sizeof name, "W%02d", k + 1);
		snprintf(date, sizeof date, "%04d-%02d-15", 2016 + k / 4, k % 4 * 3 + 2);
		snprintf(c->book[k], sizeof c->book[k], "%s/w%02d.xlsx", dir, k + 1);
		if (tb_answers_csv(csv, k)) {
			snprintf(c->err, sizeof c->err, "%.200s: cannot write", csv);
			return -1;
		}
		if (tb_run(c, c->src, (const char *[]){ "period", "new", name, "--date", date,
							"--empty", NULL }, NULL, NULL) ||
		    tb_run(c, c->src, (const char *[]){ "import", name, csv, NULL }, NULL, NULL) ||
		    tb_run(c, c->src, (const char *[]){ "export", name, "--toolbox", "-o",
							c->book[k], NULL }, NULL, NULL))
			return -1;
	}
	return 0;
}

static void tb_fail(int row, const char *why)
{
	snprintf(tb_rows[row].note, sizeof tb_rows[row].note, "n/a (%.100s)", why);
}

/* The import figures: one workbook into a new empty period per run; the
 * 40 into a fresh database per run (the copy is not timed). */
static void tb_measure_import(struct tb_ctx *c, int runs)
{
	double one[64], all[64], mem[64], mem40[64];
	const char *args[TB_WORKBOOKS + 8];
	int n1 = 0, n40 = 0, nm = 0, nm40 = 0;
	char name[16];
	long kb = 0;

	tb_rm_db(c->dst);
	if (tb_run(c, c->dst, (const char *[]){ "init", NULL }, NULL, NULL)) {
		tb_fail(TB_IMPORT, c->err);
		tb_fail(TB_MEM, c->err);
		return;
	}
	for (int r = 0; r <= runs + 3; r++) {   /* run 0: the warm-up; 3 for memory */
		double ms;
		long *rss = r > runs ? &kb : NULL;

		snprintf(name, sizeof name, "E%02d", r);
		if (tb_run(c, c->dst, (const char *[]){ "period", "new", name, "--empty", NULL },
			   NULL, NULL) ||
		    tb_run(c, c->dst, (const char *[]){ "import", name, c->book[r % TB_WORKBOOKS],
							NULL }, &ms, rss)) {
			tb_fail(TB_IMPORT, c->err);
			tb_fail(TB_MEM, c->err);
			break;
		}
		if (rss)
			mem[nm++] = (double)kb / 1024.0;
		else if (r)
			one[n1++] = ms;
	}
	args[0] = "import-toolbox";
	for (int k = 0; k < TB_WORKBOOKS; k++)
		args[k + 1] = c->book[k];
	args[TB_WORKBOOKS + 1] = NULL;
	for (int r = 0; r <= runs + 1; r++) {   /* the last one for memory */
		double ms;
		long *rss = r > runs ? &kb : NULL;

		tb_rm_db(c->dst);
		if (tb_run(c, c->dst, (const char *[]){ "init", NULL }, NULL, NULL) ||
		    tb_run(c, c->dst, args, &ms, rss)) {
			tb_fail(TB_IMPORT_40, c->err);
			tb_fail(TB_MEM_40, c->err);
			break;
		}
		if (rss)
			mem40[nm40++] = (double)kb / 1024.0;
		else if (r)
			all[n40++] = ms;
	}
	tb_rows[TB_IMPORT].st = bench_stat_of(one, n1);
	tb_rows[TB_MEM].st = bench_stat_of(mem, nm);
	tb_rows[TB_IMPORT_40].st = bench_stat_of(all, n40);
	tb_rows[TB_MEM_40].st = bench_stat_of(mem40, nm40);
}

static void tb_measure_export(struct tb_ctx *c, int runs)
{
	char out[4300];
	double t[64];
	int n = 0;

	snprintf(out, sizeof out, "%s/toolbox/export.xlsx", c->dir);
	for (int r = 0; r <= runs; r++) {
		double ms;

		if (tb_run(c, c->src, (const char *[]){ "export", "W40", "--toolbox", "-o", out,
							NULL }, &ms, NULL)) {
			tb_fail(TB_EXPORT, c->err);
			break;
		}
		if (r)
			t[n++] = ms;
	}
	tb_rows[TB_EXPORT].st = bench_stat_of(t, n);
}

void bench_toolbox_measure(const char *bin, const char *dir, int runs)
{
	static struct tb_ctx c;

	c.bin = bin;
	c.dir = dir;
	if (runs > 60)
		runs = 60;
	fprintf(stderr, "bench: Toolbox workbooks (%d made by export --toolbox)\n", TB_WORKBOOKS);
	if (tb_prepare(&c)) {
		fprintf(stderr, "bench: Toolbox workbooks: %s\n", c.err);
		for (int i = 0; i < TB_ROWS; i++)
			tb_fail(i, c.err);
		return;
	}
	tb_measure_export(&c, runs);
	tb_measure_import(&c, runs);
}

int bench_toolbox_print(FILE *fp, int runs)
{
	int misses = 0;

	fprintf(fp, "\nToolbox workbook (SAMM_spreadsheet 2.0.10, every activity answered)\n");
	fprintf(fp, "%-46s %9s %9s %9s  %-11s %s\n", "operation", "median", "min", "max",
		"target", "verdict");
	for (int i = 0; i < TB_ROWS; i++) {
		const struct bench_stat *s = &tb_rows[i].st;
		char med[32] = "n/a", mn[32] = "", mx[32] = "", tg[32] = "";
		const char *verdict = "";

		if (s->n) {
			snprintf(med, sizeof med, "%.2f", s->med);
			snprintf(mn, sizeof mn, "%.2f", s->min);
			snprintf(mx, sizeof mx, "%.2f", s->max);
		}
		if (tb_rows[i].target) {
			snprintf(tg, sizeof tg, "<= %g %s", tb_rows[i].target, tb_rows[i].unit);
			verdict = !s->n ? "n/a" : s->med > tb_rows[i].target ? "MISS" : "OK";
			misses += s->n && s->med > tb_rows[i].target;
		}
		fprintf(fp, "%-46s %9s %9s %9s  %-11s %s\n", tb_rows[i].label, med, mn, mx, tg,
			verdict);
		if (!s->n && tb_rows[i].note[0])
			fprintf(fp, "%-46s   %s\n", "", tb_rows[i].note);
	}
	fprintf(fp, "\nToolbox: medians of %d runs after one warm-up, fork/exec of the real "
		"binary, process start\n  included.  Workbooks: the binary's own export of 40 "
		"periods a quarter apart.\n  import: into a new empty period each run; "
		"import-toolbox: into a fresh database each run\n  (created before the "
		"clock starts); memory: ru_maxrss of the import (3 runs; import-toolbox:\n"
		"  1), started by a fresh process so that it inherits no peak from this one.\n"
		"%d Toolbox target(s) missed.\n", runs, misses);
	return misses;
}
