/* bench.c - `make bench`: how fast sammtui answers, on small, medium and
 * large generated databases, against the targets of the issue and against
 * floors measured in the same run (a bare SQLite commit, a bare libcsv
 * parse).  Prints one table and writes it to build-bench/bench.txt.
 *
 * usage: sammbench [--bin PATH] [--dir DIR] [--out FILE] [--runs N]
 *                  [--marker TEXT] [--ui-built 0|1] [--sizes small,medium,large,wide]
 *
 * Commands are timed as a user sees them: fork/exec of the real binary to
 * its exit, output to /dev/null, one warm-up run, then N runs (median, min,
 * max).  In-process figures call the core library directly. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <csv.h>

#include "samm/error.h"
#include "samm/model.h"
#include "samm/store.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/store/testing.h"
#include "bench.h"

#define N_SIZES 3
#define N_CHANGES 2000
#define N_KEYS 20

static const struct bench_size sizes[N_SIZES] = {
	{ "small", 1, 4, 20 },
	{ "medium", 10, 20, 20 },
	{ "large", 50, 40, 20 },
};

static struct {
	const char *bin;
	const char *dir;
	const char *out;
	const char *marker;
	int runs;
	int ui_built;
	int want[N_SIZES];
	int want_wide;
} opt = {
	.bin = "build-bench/sammtui",
	.dir = "build-bench/data",
	.out = "build-bench/bench.txt",
	.marker = "Function / practice|q:quit",   /* scorecard header, then status bar */
	.runs = 7,
	.ui_built = 1,
	.want = { 1, 1, 1 },
	.want_wide = 1,
};

/* ---- Statistics ------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct bench_stat bench_stat_of(double *x, int n)
{
	struct bench_stat s = { 0 };
	int k;

	if (n <= 0)
		return s;
	qsort(x, (size_t)n, sizeof *x, cmp_double);
	s.n = n;
	s.min = x[0];
	s.max = x[n - 1];
	s.med = n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
	k = (int)(0.99 * (n - 1) + 0.5);
	s.p99 = x[k];
	return s;
}

/* ---- The rows of the table ------------------------------------------------- */

enum ratio_kind { R_NONE, R_GROWTH, R_FLOOR };

struct row {
	const char *label;
	const char *unit;       /* "ms" or "MB" */
	double target;          /* 0: none (a reference) */
	int use_p99;            /* the target applies to the 99th percentile */
	enum ratio_kind ratio;
	int floor_row;          /* R_FLOOR: index of the floor's row */
	struct bench_stat st[N_SIZES];
	char note[N_SIZES][96]; /* why there is no figure */
	double pair_ratio;      /* R_FLOOR measured in back-to-back pairs: the
				   median of the pairs' ratios (0: use the
				   ratio of the medians) */
};

enum {
	ROW_VERSION, ROW_EXPORT, ROW_SHOW, ROW_DIFF, ROW_STAG1, ROW_STAGALL, ROW_TREND,
	ROW_REPORT, ROW_REPORT_ALL, ROW_REPORT_KB,
	ROW_UI_START, ROW_UI_KEY, ROW_UI_MEM,
	ROW_CHANGE, ROW_CHANGE_P99, ROW_FLOOR_COMMIT,
	ROW_MODEL, ROW_FLOOR_CSV, ROW_FLOOR_HASH, ROW_MODEL_BIG, ROW_FLOOR_CSV_BIG,
	ROW_FLOOR_HASH_BIG,
	N_ROWS
};

static struct row rows[N_ROWS] = {
	[ROW_VERSION] = { "sammtui --version (process start, reference)", "ms", 0, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_EXPORT] = { "export of one period", "ms", 20, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_SHOW] = { "show --by practice", "ms", 15, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_DIFF] = { "diff of two periods", "ms", 20, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_STAG1] = { "stagnant, one scope, N=3", "ms", 30, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_STAGALL] = { "stagnant --all-scopes", "ms", 300, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_TREND] = { "trend of one scope (all periods)", "ms", 30, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_REPORT] = { "HTML report of one scope", "ms", 50, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_REPORT_ALL] = { "HTML report --all-scopes", "ms", 500, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_REPORT_KB] = { "  size of one scope's report", "KB", 300, 0, R_NONE, 0, {{0}}, {{0}} },
	[ROW_UI_START] = { "screens: start to full scorecard", "ms", 100, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_UI_KEY] = { "screens: redraw after a key", "ms", 5, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_UI_MEM] = { "screens: peak memory (ru_maxrss)", "MB", 20, 0, R_GROWTH, 0, {{0}}, {{0}} },
	[ROW_CHANGE] = { "durable score change x2000, median", "ms", 1, 0, R_FLOOR, ROW_FLOOR_COMMIT, {{0}}, {{0}} },
	[ROW_CHANGE_P99] = { "durable score change x2000, p99", "ms", 5, 1, R_NONE, 0, {{0}}, {{0}} },
	[ROW_FLOOR_COMMIT] = { "  floor: bare SQLite UPDATE+COMMIT", "ms", 0, 0, R_NONE, 0, {{0}}, {{0}} },
	[ROW_MODEL] = { "load the 294-item model", "ms", 5, 0, R_FLOOR, ROW_FLOOR_CSV, {{0}}, {{0}} },
	[ROW_FLOOR_CSV] = { "  floor: libcsv parse, 294 items", "ms", 0, 0, R_NONE, 0, {{0}}, {{0}} },
	[ROW_FLOOR_HASH] = { "  ref: libcsv + SHA-256 + UTF-8 check", "ms", 0, 0, R_NONE, 0, {{0}}, {{0}} },
	[ROW_MODEL_BIG] = { "load a 100,000-item model", "ms", 1000, 0, R_FLOOR, ROW_FLOOR_CSV_BIG, {{0}}, {{0}} },
	[ROW_FLOOR_CSV_BIG] = { "  floor: libcsv parse, 100,000 items", "ms", 0, 0, R_NONE, 0, {{0}}, {{0}} },
	[ROW_FLOOR_HASH_BIG] = { "  ref: libcsv + SHA-256 + UTF-8 check", "ms", 0, 0, R_NONE, 0, {{0}}, {{0}} },
};

#define LARGE (N_SIZES - 1)

static void set_note(int r, int s, const char *msg)
{
	snprintf(rows[r].note[s], sizeof rows[r].note[s], "%s", msg);
}

/* The size of the scope's report of its latest period (written once). */
static void measure_report_size(int s, const char *db)
{
	char path[4300], pl[24];
	struct stat sb;
	int status;

	snprintf(path, sizeof path, "%.4000s/report-%s.html", opt.dir, sizes[s].name);
	bench_period_name(sizes[s].periods - 1, sizes[s].periods, pl, sizeof pl);
	char *argv[] = { (char *)opt.bin, "--db", (char *)db, "--scope", BENCH_SCOPE, "report", pl,
			 "-o", path, NULL };
	if (bench_run(argv, &status, NULL, 0) < 0 || status || stat(path, &sb) != 0) {
		set_note(ROW_REPORT_KB, s, "n/a (report failed)");
		return;
	}
	double kb = (double)sb.st_size / 1024;
	rows[ROW_REPORT_KB].st[s] = bench_stat_of(&kb, 1);
	unlink(path);
}

/* ---- Commands ------------------------------------------------------------------ */

struct cmd {
	int row;
	int no_scope;           /* no --scope (it excludes --all-scopes) */
	const char *args[16];   /* after the global options; @P latest period,
				   @Q the one before, @S the scope */
};

static const struct cmd cmds[] = {
	{ ROW_VERSION, 1, { "--version" } },
	{ ROW_EXPORT, 0, { "export", "@P" } },
	{ ROW_SHOW, 0, { "show", "@P", "--by", "practice" } },
	{ ROW_DIFF, 0, { "diff", "@Q", "@P" } },
	{ ROW_STAG1, 0, { "stagnant", "--periods", "3" } },
	{ ROW_STAGALL, 1, { "stagnant", "--periods", "3", "--all-scopes" } },
	{ ROW_TREND, 0, { "trend" } },
	{ ROW_REPORT, 0, { "report", "@P", "-o", "-" } },
	{ ROW_REPORT_ALL, 1, { "report", "--all-scopes", "-o", "-" } },
};

#define N_CMDS ((int)(sizeof cmds / sizeof *cmds))

struct job {
	char *argv[32];
	char pl[24], pq[24];
	int ok;
	int n;
	double t[64];
};

/* Every command on every size, the runs interleaved (run r of each before
 * run r + 1 of any) so that a noisy neighbour hurts all figures alike and
 * the large/small ratios stay fair. */
static void measure_cmds(char db[N_SIZES][4200])
{
	static struct job job[N_SIZES][16];
	char err[256];

	for (int s = 0; s < N_SIZES; s++) {
		if (!opt.want[s])
			continue;
		for (int c = 0; c < N_CMDS; c++) {
			struct job *j = &job[s][c];
			int argc = 0, status;

			bench_period_name(sizes[s].periods - 1, sizes[s].periods, j->pl, sizeof j->pl);
			bench_period_name(sizes[s].periods - 2, sizes[s].periods, j->pq, sizeof j->pq);
			j->argv[argc++] = (char *)opt.bin;
			if (cmds[c].row != ROW_VERSION) {
				j->argv[argc++] = "--db";
				j->argv[argc++] = db[s];
			}
			if (!cmds[c].no_scope) {
				j->argv[argc++] = "--scope";
				j->argv[argc++] = BENCH_SCOPE;
			}
			for (int i = 0; cmds[c].args[i]; i++) {
				const char *a = cmds[c].args[i];

				j->argv[argc++] = (char *)(!strcmp(a, "@P") ? j->pl :
							   !strcmp(a, "@Q") ? j->pq : a);
			}
			j->argv[argc] = NULL;
			/* Warm-up (page cache), and the check that it works. */
			if (bench_run(j->argv, &status, err, sizeof err) < 0 || status) {
				char msg[96];

				snprintf(msg, sizeof msg, "n/a (exit %d: %.60s)", status, err);
				set_note(cmds[c].row, s, msg);
				continue;
			}
			j->ok = 1;
		}
	}
	for (int r = 0; r < opt.runs; r++)
		for (int s = 0; s < N_SIZES; s++)
			for (int c = 0; c < N_CMDS && opt.want[s]; c++) {
				struct job *j = &job[s][c];
				int status;

				if (!j->ok)
					continue;
				j->t[j->n] = bench_run(j->argv, &status, NULL, 0);
				if (j->t[j->n] >= 0 && !status)
					j->n++;
			}
	for (int s = 0; s < N_SIZES; s++)
		for (int c = 0; c < N_CMDS && opt.want[s]; c++)
			if (job[s][c].ok)
				rows[cmds[c].row].st[s] = bench_stat_of(job[s][c].t, job[s][c].n);
}

/* ---- Screens ------------------------------------------------------------------ */

static void measure_ui(int s, const char *db)
{
	double start[64], keys[64 * N_KEYS], mem[64], kbuf[N_KEYS];
	int ns = 0, nk = 0, nm = 0;
	char err[256] = "";

	if (!opt.ui_built) {
		for (int r = ROW_UI_START; r <= ROW_UI_MEM; r++)
			set_note(r, s, "n/a (screens not built)");
		return;
	}
	for (int r = 0; r < opt.runs; r++) {
		struct bench_ui u;

		u.key_ms = kbuf;
		if (bench_ui_run(opt.bin, db, opt.marker, "jk", N_KEYS, &u) < 0) {
			snprintf(err, sizeof err, "%s", u.err);
			break;
		}
		start[ns++] = u.start_ms;
		for (int k = 0; k < u.n_keys; k++)
			keys[nk++] = u.key_ms[k];
		mem[nm++] = (double)u.maxrss_kb / 1024.0;
	}
	if (!ns) {
		char msg[96];

		snprintf(msg, sizeof msg, "n/a (%.80s)", err);
		for (int r = ROW_UI_START; r <= ROW_UI_MEM; r++)
			set_note(r, s, msg);
		fprintf(stderr, "bench: screens on %s: %s\n", sizes[s].name, err);
		return;
	}
	rows[ROW_UI_START].st[s] = bench_stat_of(start, ns);
	rows[ROW_UI_KEY].st[s] = bench_stat_of(keys, nk);
	if (!nk)
		set_note(ROW_UI_KEY, s, "n/a (no redraw seen)");
	rows[ROW_UI_MEM].st[s] = bench_stat_of(mem, nm);
}

/* ---- Durable changes, in process ---------------------------------------------- */

int bench_copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	int in = open(from, O_RDONLY), out, rc = 0;
	ssize_t r;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((r = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)r) != r) {
			rc = -1;
			break;
		}
	if (r < 0)
		rc = -1;
	close(in);
	if (close(out))
		rc = -1;
	return rc;
}

/* The floor: one row updated and committed, WAL and synchronous=FULL, in
 * the same folder (the same disk) as the databases.  Its commits alternate
 * with the store's, so both see the same disk (fsync latency here moves
 * with what the neighbours do). */
struct floor {
	char path[4200];
	struct samm_sqlite_floor *db;
	int n;
	double t[N_CHANGES];
};

static void floor_close(struct floor *f)
{
	samm_store_test_floor_close(f->db);
	f->db = NULL;
	bench_remove_db(f->path);
}

static int floor_open(struct floor *f)
{
	snprintf(f->path, sizeof f->path, "%s/floor.db", opt.dir);
	bench_remove_db(f->path);
	if (!(f->db = samm_store_test_floor_open(f->path))) {
		set_note(ROW_FLOOR_COMMIT, LARGE, "n/a (sqlite error)");
		floor_close(f);
		return -1;
	}
	return 0;
}

static void floor_step(struct floor *f, int i)
{
	double t0 = bench_now_ms();

	if (samm_store_test_floor_commit(f->db, i % 294 + 1, i % 4, BENCH_NOW))
		return;
	f->t[f->n++] = bench_now_ms() - t0;
}

static char store_modes[128] = "?";

static void measure_changes(int s, const char *db)
{
	static double t[N_CHANGES];
	static struct floor fl;
	char scratch[4200], msg[96];
	struct samm_error err;
	struct samm_store *st = NULL;
	struct samm_scope scope;
	struct samm_period *periods = NULL;
	struct samm_assessment *a = NULL;
	size_t n_periods = 0;
	int n = 0;

	snprintf(scratch, sizeof scratch, "%s/scratch-%s.db", opt.dir, sizes[s].name);
	bench_remove_db(scratch);
	if (bench_copy_file(db, scratch)) {
		set_note(ROW_CHANGE, s, "n/a (cannot copy the database)");
		return;
	}
	if (samm_store_open(scratch, 0, &st, &err) ||
	    samm_store_scope_find(st, BENCH_SCOPE, &scope, &err) ||
	    samm_store_period_list(st, scope.id, &periods, &n_periods, &err) ||
	    !n_periods ||
	    samm_store_assessment_load(st, periods[n_periods - 1].id, &a, &err)) {
		snprintf(msg, sizeof msg, "n/a (%.80s)", err.msg);
		set_note(ROW_CHANGE, s, msg);
		goto out;
	}
	if (s == LARGE)
		floor_open(&fl);
	{
		char jm[32] = "?";
		int64_t sync = -1;

		samm_store_test_text(st, "PRAGMA journal_mode", jm, sizeof jm);
		samm_store_test_int(st, "PRAGMA synchronous", &sync);
		snprintf(store_modes, sizeof store_modes, "journal_mode=%s synchronous=%d%s",
			 jm, (int)sync, sync == 2 ? " (FULL)" : sync == 1 ? " (NORMAL)" : "");
	}
	for (int i = 0; i < N_CHANGES; i++) {
		int item = (i * 7) % a->model->n_items;
		int v = a->value[item];
		struct samm_change ch = { .item = a->model->items[item].id,
					  .set_value = 1 };
		double t0;
		int changed = 0;

		ch.value = v >= SAMM_NO && v < SAMM_MOST ? v + 1 : SAMM_NO;
		t0 = bench_now_ms();
		if (samm_store_apply(st, a->period.id, &ch, 1, BENCH_USER, &changed, &err)) {
			snprintf(msg, sizeof msg, "n/a (%.80s)", err.msg);
			set_note(ROW_CHANGE, s, msg);
			break;
		}
		t[n++] = bench_now_ms() - t0;
		a->value[item] = ch.value;
		if (s == LARGE && fl.db)
			floor_step(&fl, i);
	}
	if (s == LARGE && fl.n)
		rows[ROW_FLOOR_COMMIT].st[LARGE] = bench_stat_of(fl.t, fl.n);
	rows[ROW_CHANGE].st[s] = bench_stat_of(t, n);
	rows[ROW_CHANGE_P99].st[s] = rows[ROW_CHANGE].st[s];
out:
	if (fl.db)
		floor_close(&fl);
	samm_assessment_free(a);
	samm_period_list_free(periods, n_periods);
	samm_store_close(st);
	bench_remove_db(scratch);
}

/* ---- Model loading ---------------------------------------------------------------- */

struct csv_count {
	size_t fields, rows;
};

static void count_field(void *s, size_t len, void *ud)
{
	(void)s;
	(void)len;
	((struct csv_count *)ud)->fields++;
}

static void count_row(int c, void *ud)
{
	(void)c;
	((struct csv_count *)ud)->rows++;
}

static double csv_floor_once(const char *buf, size_t len)
{
	struct csv_parser p;
	struct csv_count cnt = { 0 };
	double t0 = bench_now_ms();

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_parse(&p, buf, len, count_field, count_row, &cnt) != len)
		fprintf(stderr, "bench: libcsv: %s\n", csv_strerror(csv_error(&p)));
	csv_fini(&p, count_field, count_row, &cnt);
	csv_free(&p);
	return bench_now_ms() - t0;
}

static void measure_model(int row, int floor_row, const char *buf, size_t len, int runs)
{
	double t[256], f[256], h[256], q[256];
	int n = 0, failed = 0;
	struct samm_error err;

	/* The three are interleaved, run by run, so that a machine whose
	 * speed drifts (a shared virtual machine does) slows them alike. */
	if (runs > 255)
		runs = 255;
	for (int r = 0; r <= runs; r++) {       /* run 0 warms up */
		double t0, dt = 0;
		if (!failed) {
			struct samm_model *m = NULL;
			t0 = bench_now_ms();
			if (samm_model_parse(buf, len, "bench.csv", &m, &err)) {
				char msg[96];

				snprintf(msg, sizeof msg, "n/a (%.80s)", err.msg);
				set_note(row, LARGE, msg);
				failed = 1;
			} else {
				dt = bench_now_ms() - t0;
				samm_model_free(m);
				if (r)
					t[n++] = dt;
				if (dt > 10000 && n)    /* hopelessly slow */
					failed = 1;
			}
		}
		double model_dt = dt;
		dt = csv_floor_once(buf, len);
		if (r)
			f[r - 1] = dt;
		/* the pair's ratio: both measured back to back */
		if (r && !failed && n == r && dt > 0)
			q[r - 1] = model_dt / dt;
		/* What the model's contract adds to the floor: the SHA-256 of
		 * the bytes and strict UTF-8 validation.  A reference, not a
		 * target. */
		char hex[65];
		size_t bad;
		t0 = bench_now_ms();
		csv_floor_once(buf, len);
		samm_sha256_hex(buf, len, hex);
		if (!samm_utf8_valid(buf, len, &bad))
			fprintf(stderr, "bench: model not UTF-8 at %zu\n", bad);
		dt = bench_now_ms() - t0;
		if (r)
			h[r - 1] = dt;
	}
	rows[row].st[LARGE] = bench_stat_of(t, n);
	if (!failed && n == runs)
		rows[row].pair_ratio = bench_stat_of(q, runs).med;
	rows[floor_row].st[LARGE] = bench_stat_of(f, runs);
	rows[floor_row + 1].st[LARGE] = bench_stat_of(h, runs);
}

/* ---- Machine ------------------------------------------------------------------------ */

static void cpu_model(char *buf, size_t size)
{
	FILE *fp = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(buf, size, "unknown");
	if (!fp)
		return;
	while (fgets(line, sizeof line, fp)) {
		char *c = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && c) {
			c += 1 + strspn(c + 1, " \t");
			c[strcspn(c, "\n")] = '\0';
			snprintf(buf, size, "%s", c);
			break;
		}
	}
	fclose(fp);
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "r");

	if (!fp)
		return -1;
	if (!fgets(buf, (int)size, fp)) {
		fclose(fp);
		return -1;
	}
	buf[strcspn(buf, "\n")] = '\0';
	fclose(fp);
	return 0;
}

/* Filesystem and, when the folder is on a real block device, its kind. */
static void disk_kind(const char *dir, char *buf, size_t size)
{
	struct stat sb;
	FILE *fp;
	char line[1024], fs[64] = "?", src[256] = "?", p[256], rot[16];
	unsigned maj, min;

	if (stat(dir, &sb)) {
		snprintf(buf, size, "unknown");
		return;
	}
	maj = major(sb.st_dev);
	min = minor(sb.st_dev);
	if ((fp = fopen("/proc/self/mountinfo", "r"))) {
		while (fgets(line, sizeof line, fp)) {
			unsigned a, b;
			char *dash = strstr(line, " - ");

			if (sscanf(line, "%*s %*s %u:%u", &a, &b) == 2 && a == maj && b == min &&
			    dash && sscanf(dash + 3, "%63s %255s", fs, src) == 2)
				break;
		}
		fclose(fp);
	}
	snprintf(p, sizeof p, "/sys/dev/block/%u:%u/queue/rotational", maj, min);
	if (read_line(p, rot, sizeof rot)) {
		snprintf(p, sizeof p, "/sys/dev/block/%u:%u/../queue/rotational", maj, min);
		if (read_line(p, rot, sizeof rot))
			rot[0] = '\0';
	}
	snprintf(buf, size, "%s on %s%s", fs, src,
		 !rot[0] ? " (device kind unknown)" :
		 rot[0] == '0' ? " (non-rotational: SSD/NVMe)" :
		 strncmp(src, "/dev/vd", 7) ? " (rotational: HDD)" :
		 " (virtio virtual disk; it reports rotational=1)");
}

static void print_machine(FILE *fp)
{
	struct utsname u;
	char cpu[256], disk[512];
	double load[3];

	cpu_model(cpu, sizeof cpu);
	disk_kind(opt.dir, disk, sizeof disk);
	uname(&u);
	fprintf(fp, "machine: %s, %ld cores\n", cpu, sysconf(_SC_NPROCESSORS_ONLN));
	fprintf(fp, "kernel: %s %s %s\n", u.sysname, u.release, u.machine);
#if defined(__clang__)
	fprintf(fp, "compiler: clang %s, -O2 -g\n", __clang_version__);
#elif defined(__GNUC__)
	fprintf(fp, "compiler: gcc %s, -O2 -g\n", __VERSION__);
#endif
	fprintf(fp, "sqlite: %s (store: %s); libcsv %d.%d.%d\n", samm_store_sqlite_version(),
		store_modes, CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
	fprintf(fp, "disk: %s\n", disk);
	if (getloadavg(load, 3) == 3)
		fprintf(fp, "load average at the end: %.2f %.2f %.2f (other work on the machine "
			"inflates the figures)\n", load[0], load[1], load[2]);
}

/* ---- The table ------------------------------------------------------------------------ */

static void fmt_fig(char *buf, size_t size, double x)
{
	if (x < 10)
		snprintf(buf, size, "%.2f", x);
	else if (x < 1000)
		snprintf(buf, size, "%.1f", x);
	else
		snprintf(buf, size, "%.0f", x);
}

/* The figure a target applies to. */
static double fig(const struct row *r, int s)
{
	return r->use_p99 ? r->st[s].p99 : r->st[s].med;
}

static void print_table(FILE *fp)
{
	int misses = 0;

	fprintf(fp, "%-46s %9s %9s %9s %9s %9s  %-9s %-12s %s\n", "operation", "small",
		"medium", "large", "min", "max", "target", "ratio", "verdict");
	for (int i = 0; i < N_ROWS; i++) {
		struct row *r = &rows[i];
		char c[N_SIZES][32], mn[32] = "", mx[32] = "", tg[32] = "", ra[32] = "";
		const char *verdict = "";
		const char *note = NULL;
		int miss = 0, have = r->st[LARGE].n > 0;
		double ratio = -1;

		for (int s = 0; s < N_SIZES; s++) {
			if (r->st[s].n)
				fmt_fig(c[s], sizeof c[s], fig(r, s));
			else
				snprintf(c[s], sizeof c[s], "%s", r->note[s][0] ? "n/a" : "-");
			if (!r->st[s].n && r->note[s][0] && !note)
				note = r->note[s];
		}
		if (have) {
			fmt_fig(mn, sizeof mn, r->st[LARGE].min);
			fmt_fig(mx, sizeof mx, r->st[LARGE].max);
		}
		if (r->target)
			snprintf(tg, sizeof tg, "<= %g %s", r->target, r->unit);
		if (r->ratio == R_GROWTH && have && r->st[0].n && r->st[0].med > 0) {
			ratio = r->st[LARGE].med / r->st[0].med;
			snprintf(ra, sizeof ra, "%.2f L/S", ratio);
		} else if (r->ratio == R_FLOOR && have && r->pair_ratio > 0) {
			ratio = r->pair_ratio;
			snprintf(ra, sizeof ra, "%.2f x floor", ratio);
		} else if (r->ratio == R_FLOOR && have && rows[r->floor_row].st[LARGE].n &&
			   rows[r->floor_row].st[LARGE].med > 0) {
			ratio = r->st[LARGE].med / rows[r->floor_row].st[LARGE].med;
			snprintf(ra, sizeof ra, "%.2f x floor", ratio);
		}
		if (r->target) {
			if (!have) {
				verdict = "n/a";
			} else {
				miss = fig(r, LARGE) > r->target;
				/* Per-period operations stay flat: L/S <= 1.5;
				 * against a floor: at most twice it. */
				if (i == ROW_EXPORT || i == ROW_SHOW || i == ROW_DIFF)
					miss |= ratio > 1.5;
				if (r->ratio == R_FLOOR)
					miss |= ratio > 2;
				verdict = miss ? "MISS" : "OK";
				misses += miss;
			}
		}
		fprintf(fp, "%-46s %9s %9s %9s %9s %9s  %-9s %-12s %s\n", r->label,
			c[0], c[1], c[2], mn, mx, tg, ra, verdict);
		if (note)
			fprintf(fp, "%-46s   %s\n", "", note);
	}
	fprintf(fp, "\nFigures: medians of %d runs after one warm-up run; min and max are the large "
		"database's.\n"
		"Commands: fork/exec of the real binary to its exit, output to /dev/null, process "
		"start included.\n"
		"Screens: sammtui --db FILE under an 80x24 pseudo-terminal; start = to the last "
		"byte of the burst\n"
		"  that completes the scorecard; redraw = from writing a key (j/k, %d per run) to "
		"the last byte\n  of its answer; memory = ru_maxrss of the child.\n"
		"Durable change: samm_store_apply of one value, %d in a row, in process; its "
		"floor is a bare\n  SQLite UPDATE + COMMIT in WAL, synchronous=FULL, same disk, "
		"alternating with it.\n"
		"Model loading: samm_model_parse; its floor is csv_parse with counting callbacks "
		"on the same\n  bytes, run by run alternating (x floor: the median of the pairs' "
		"ratios); ref adds the\n  SHA-256 and UTF-8 check the model's contract requires; "
		"the 100,000-item model: 11 runs.\n"
		"ratio: L/S = large/small (export, show and diff must stay flat: <= 1.5); "
		"x floor: <= 2.\n"
		"Data: small 1 scope x 4 periods, medium 10 x 20, large 50 x 40; 294 items, a "
		"third with\n  200-character notes, ~10%% changed per period; 20 projects\n  per "
		"scope linked to 3-6 activities each, 10 activity targets in the latest period.\n", opt.runs, N_KEYS, N_CHANGES);
	misses += bench_wide_print(fp);
	fprintf(fp, "%d target(s) missed.\n\n", misses);
	print_machine(fp);
}

/* ---- Main --------------------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr, "usage: sammbench [--bin PATH] [--dir DIR] [--out FILE] [--runs N]"
		" [--marker TEXT] [--ui-built 0|1] [--sizes small,medium,large,wide]\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--bin"))
			opt.bin = v;
		else if (!strcmp(a, "--dir"))
			opt.dir = v;
		else if (!strcmp(a, "--out"))
			opt.out = v;
		else if (!strcmp(a, "--marker"))
			opt.marker = v;
		else if (!strcmp(a, "--runs"))
			opt.runs = atoi(v);
		else if (!strcmp(a, "--ui-built"))
			opt.ui_built = atoi(v);
		else if (!strcmp(a, "--sizes"))
			for (int s = 0; s < N_SIZES + 1; s++)
				*(s < N_SIZES ? &opt.want[s] : &opt.want_wide) =
					strstr(v, s < N_SIZES ? sizes[s].name : bench_wide_size.name) != NULL;
		else
			usage();
	}
	if (opt.runs < 5)
		opt.runs = 5;
	if (opt.runs > 60)
		opt.runs = 60;
}

int main(int argc, char **argv)
{
	char db[N_SIZES][4200], home[4200];
	char *text = NULL, *big;
	size_t text_len = 0, big_len;
	FILE *mem, *fp;

	if (argc > 2 && !strcmp(argv[1], "--rss-of"))
		return bench_rss_of(argc - 2, argv + 2);
	parse_args(argc, argv);
	if (access(opt.bin, X_OK)) {
		fprintf(stderr, "bench: %s: %s\n", opt.bin, strerror(errno));
		return 1;
	}
	mkdir(opt.dir, 0700);
	/* A pinned clock and user, no user configuration, no stray database. */
	snprintf(home, sizeof home, "%s/home", opt.dir);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	setenv("XDG_DATA_HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("SAMMTUI_NOW", BENCH_NOW, 1);
	setenv("SAMMTUI_USER", BENCH_USER, 1);
	setenv("TZ", "UTC", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("SAMMTUI_DB");
	unsetenv("SAMMTUI_SCOPE");

	for (int s = 0; s < N_SIZES; s++)
		if (opt.want[s] && bench_db(opt.dir, &sizes[s], db[s], sizeof db[s]))
			return 1;
	fprintf(stderr, "bench: commands (%d runs each, interleaved)\n", opt.runs);
	measure_cmds(db);
	for (int s = 0; s < N_SIZES; s++)
		if (opt.want[s])
			measure_report_size(s, db[s]);
	for (int s = 0; s < N_SIZES; s++) {
		if (!opt.want[s])
			continue;
		fprintf(stderr, "bench: %s: screens", sizes[s].name);
		measure_ui(s, db[s]);
		fprintf(stderr, ", %d durable changes\n", N_CHANGES);
		measure_changes(s, db[s]);
	}
	if (opt.want_wide) {
		fprintf(stderr, "bench: wide: screens, every key\n");
		bench_wide_measure(opt.bin, opt.dir, opt.marker, opt.runs, opt.ui_built);
	}
	fprintf(stderr, "bench: floors and model loading\n");
	measure_model(ROW_MODEL, ROW_FLOOR_CSV, (const char *)samm_bundled_model,
		      (size_t)samm_bundled_model_len, 50);
	big = bench_model_csv(100000, &big_len);
	/* at least 11 pairs: a 100 ms figure on a shared machine is noisy */
	measure_model(ROW_MODEL_BIG, ROW_FLOOR_CSV_BIG, big, big_len,
		      opt.runs > 11 ? opt.runs : 11);
	free(big);
	bench_toolbox_measure(opt.bin, opt.dir, opt.runs);

	mem = open_memstream(&text, &text_len);
	if (!mem)
		return 1;
	print_table(mem);
	bench_toolbox_print(mem, opt.runs);
	fclose(mem);
	fputs(text, stdout);
	if ((fp = fopen(opt.out, "w"))) {
		fputs(text, fp);
		fclose(fp);
	} else {
		fprintf(stderr, "bench: %s: %s\n", opt.out, strerror(errno));
	}
	free(text);
	return 0;
}
