/* gen.c - the benchmark's data: assessment databases written through the
 * core's store API, and a generated model CSV of any size.
 *
 * Everything comes from a fixed-seed PRNG, so two runs make the same data.
 * A database is cached as DIR/SIZE-GENID.db, where GENID is a checksum of
 * this file (the Makefile passes it), so editing the generator regenerates
 * the data; other SIZE-*.db files are removed. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samm/error.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/store.h"
#include "samm/value.h"
#include "core/store/testing.h"
#include "bench.h"

#ifndef BENCH_GEN_ID
#define BENCH_GEN_ID "dev"
#endif

#define NOTE_LEN 200

/* splitmix64: small, fast, good enough for test data. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rng_below(uint64_t *s, int n)
{
	return (int)(rng_next(s) % (uint64_t)n);
}

void bench_period_name(int p, int n, char *buf, size_t size)
{
	int q = 2025 * 4 + 3 - (n - 1 - p);

	snprintf(buf, size, "%d-Q%d", q / 4, q % 4 + 1);
}

static void period_date(int p, int n, char *buf, size_t size)
{
	int q = 2025 * 4 + 3 - (n - 1 - p);

	snprintf(buf, size, "%04d-%02d-15", q / 4, (q % 4) * 3 + 2);
}

/* A value: mostly answers, now and then N/A. */
static int random_value(uint64_t *s)
{
	return rng_below(s, 20) == 0 ? SAMM_NA : rng_below(s, 4);
}

static void make_note(uint64_t *s, const char *scope, const char *period,
		      const char *item, char *buf)
{
	static const char *const words[] = {
		"threat", "model", "reviewed", "by", "the", "team", "pipeline",
		"coverage", "owner", "backlog", "policy", "signed", "off", "pending",
		"evidence", "in", "wiki", "tracked", "ticket", "quarterly", "SAST",
		"pentest", "training", "done", "partial", "metrics", "dashboard",
	};
	int len = snprintf(buf, NOTE_LEN + 1, "%s %s %s:", scope, period, item);

	while (len < NOTE_LEN) {
		const char *w = words[rng_below(s, (int)(sizeof words / sizeof *words))];
		int wl = (int)strlen(w);

		if (len + 1 + wl > NOTE_LEN)
			wl = NOTE_LEN - len - 1;
		buf[len++] = ' ';
		memcpy(buf + len, w, (size_t)wl);
		len += wl;
	}
	buf[NOTE_LEN] = '\0';
}

static int gen_fail(const char *what, const struct samm_error *err)
{
	fprintf(stderr, "bench: generating data: %s: %s\n", what, err->msg);
	return -1;
}

/* sz->projects projects of every status, each linked to three to
 * six random activities, and targets for ten activities in the latest
 * period: what `stagnant` and `check` report coverage against. */
static int add_projects(struct samm_store *st, const struct samm_model *m,
			const struct samm_scope *scope, const struct samm_period *first,
			const struct samm_period *last, int n_projects, uint64_t *seed)
{
	struct samm_error err;
	for (int j = 0; j < n_projects; j++) {
		struct samm_project pr;
		char name[64], owner[32];
		const char *ids[6];
		int nl = 3 + rng_below(seed, 4);

		snprintf(name, sizeof name, "Project %02d", j + 1);
		snprintf(owner, sizeof owner, "owner%02d", rng_below(seed, 8) + 1);
		struct samm_project_fields f = {
			.owner = owner,
			.set_status = 1, .status = (enum samm_project_status)(j % 4),
			.set_start = 1, .start_id = first->id,
			.set_end = j % 4 == SAMM_PROJECT_DONE, .end_id = last->id,
		};
		if (samm_project_new(st, scope->id, name, &f, BENCH_USER, &pr, &err))
			return gen_fail(name, &err);
		int n = 0;
		for (int k = 0; k < nl; k++) {
			const char *a = m->activities[rng_below(seed, m->n_activities)].code;
			int dup = 0;
			for (int q = 0; q < n; q++)
				dup |= !strcmp(ids[q], a);
			if (!dup)
				ids[n++] = a;
		}
		if (samm_project_link(st, pr.id, ids, (size_t)n, BENCH_USER, NULL, &err))
			return gen_fail(name, &err);
	}
	for (int k = 0; k < 10; k++) {
		const char *a = m->activities[rng_below(seed, m->n_activities)].code;
		if (samm_target_set(st, last->id, a, SAMM_HALF + rng_below(seed, 2), BENCH_USER,
				    NULL, &err))
			return gen_fail(a, &err);
	}
	return 0;
}

static int generate(const char *path, const struct bench_size *sz)
{
	struct samm_error err;
	struct samm_store *st = NULL;
	const struct samm_model *m;
	struct samm_change *ch = NULL;
	char (*notes)[NOTE_LEN + 1] = NULL;
	int *cur = NULL, rc = -1;
	int64_t model_id;
	int created;
	uint64_t seed = 0x5a4d4d2025ULL;

	if (samm_store_open(path, SAMM_OPEN_CREATE, &st, &err))
		return gen_fail(path, &err);
	/* Generation only: nothing here needs to survive a power cut. */
	samm_store_test_exec(st, "PRAGMA synchronous=OFF");
	if (samm_store_model_add(st, (const char *)samm_bundled_model,
				 (size_t)samm_bundled_model_len, "samm-2.0.csv",
				 SAMM_BUNDLED_NAME, SAMM_BUNDLED_VERSION, &model_id,
				 &created, &err) ||
	    samm_store_model_get(st, model_id, &m, &err)) {
		gen_fail("model", &err);
		goto out;
	}
	ch = calloc((size_t)m->n_items, sizeof *ch);
	notes = calloc((size_t)m->n_items, sizeof *notes);
	cur = calloc((size_t)m->n_items, sizeof *cur);
	if (!ch || !notes || !cur) {
		fprintf(stderr, "bench: out of memory\n");
		goto out;
	}
	for (int s = 0; s < sz->scopes; s++) {
		struct samm_scope scope;
		char sname[64];

		if (s == 0) {
			snprintf(sname, sizeof sname, "%s", BENCH_SCOPE);
			if (samm_store_scope_find(st, sname, &scope, &err) &&
			    samm_store_scope_new(st, sname, &scope, &err)) {
				gen_fail(sname, &err);
				goto out;
			}
		} else {
			snprintf(sname, sizeof sname, "Team %02d", s + 1);
			if (samm_store_scope_new(st, sname, &scope, &err)) {
				gen_fail(sname, &err);
				goto out;
			}
		}
		struct samm_period first_period = { 0 }, last_period = { 0 };
		for (int p = 0; p < sz->periods; p++) {
			struct samm_period per;
			char pname[24], date[24];
			size_t n = 0;

			bench_period_name(p, sz->periods, pname, sizeof pname);
			period_date(p, sz->periods, date, sizeof date);
			if (samm_store_period_new(st, scope.id, pname, date,
						  p ? SAMM_FROM_LATEST : SAMM_FROM_NOTHING,
						  0, model_id, &per, &err)) {
				gen_fail(pname, &err);
				goto out;
			}
			for (int i = 0; i < m->n_items; i++) {
				int has_note = i % 3 == 0;
				int v;

				/* The first period answers everything; later
				 * ones change about one item in ten. */
				if (p && rng_below(&seed, 10))
					continue;
				v = random_value(&seed);
				if (p && v == cur[i])
					v = (v + 1) % 4;
				cur[i] = v;
				ch[n] = (struct samm_change){ .item = m->items[i].id,
					.set_value = 1, .value = v };
				if (has_note) {
					make_note(&seed, sname, pname, m->items[i].id, notes[i]);
					ch[n].set_note = 1;
					ch[n].note = notes[i];
				}
				n++;
			}
			if (samm_store_apply(st, per.id, ch, n, BENCH_USER, NULL, &err)) {
				gen_fail(pname, &err);
				goto out;
			}
			last_period = per;
			if (p == 0)
				first_period = per;
		}
		if (add_projects(st, m, &scope, &first_period, &last_period, sz->projects,
				 &seed))
			goto out;
	}
	rc = 0;
out:
	free(ch);
	free(notes);
	free(cur);
	samm_store_close(st);
	return rc;
}

/* Does the cached file open and hold the whole history? */
static int db_usable(const char *path, const struct bench_size *sz)
{
	struct samm_error err;
	struct samm_store *st;
	struct samm_scope *scopes = NULL;
	struct samm_period *periods = NULL;
	size_t n_scopes = 0, n_periods = 0;
	int ok = 0;

	if (access(path, R_OK) || samm_store_open(path, SAMM_OPEN_READONLY, &st, &err))
		return 0;
	if (!samm_store_scope_list(st, &scopes, &n_scopes, &err) &&
	    n_scopes == (size_t)sz->scopes) {
		for (size_t i = 0; i < n_scopes; i++) {
			if (strcmp(scopes[i].name, BENCH_SCOPE))
				continue;
			ok = !samm_store_period_list(st, scopes[i].id, &periods,
						     &n_periods, &err) &&
			     n_periods == (size_t)sz->periods;
			samm_period_list_free(periods, n_periods);
		}
	}
	samm_scope_list_free(scopes, n_scopes);
	samm_store_close(st);
	return ok;
}

void bench_remove_db(const char *path)
{
	char side[4200];

	unlink(path);
	if (snprintf(side, sizeof side, "%s-wal", path) < (int)sizeof side)
		unlink(side);
	if (snprintf(side, sizeof side, "%s-shm", path) < (int)sizeof side)
		unlink(side);
}

/* Remove DIR/NAME-*.db files of other generator versions. */
static void remove_stale(const char *dir, const char *name, const char *keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t nl = strlen(name);

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char p[4200];

		if (strncmp(e->d_name, name, nl) || e->d_name[nl] != '-' ||
		    l < 4 || strcmp(e->d_name + l - 3, ".db") || !strcmp(e->d_name, keep))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		bench_remove_db(p);
	}
	closedir(d);
}

int bench_db(const char *dir, const struct bench_size *sz, char *path, size_t size)
{
	char base[128], tmp[4200];
	double t0;

	snprintf(base, sizeof base, "%s-%s.db", sz->name, BENCH_GEN_ID);
	snprintf(path, size, "%s/%s", dir, base);
	remove_stale(dir, sz->name, base);
	if (db_usable(path, sz))
		return 0;
	bench_remove_db(path);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	bench_remove_db(tmp);
	fprintf(stderr, "bench: generating %s (%d scopes x %d periods) ... ",
		sz->name, sz->scopes, sz->periods);
	t0 = bench_now_ms();
	if (generate(tmp, sz)) {
		bench_remove_db(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		perror("bench: rename");
		return -1;
	}
	fprintf(stderr, "%.1f s\n", (bench_now_ms() - t0) / 1000.0);
	return 0;
}

/* ---- A generated model ---------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (b->p && b->len + (size_t)n < b->cap)
			break;
		b->cap = b->cap ? b->cap * 2 : 1 << 16;
		while (b->cap < b->len + (size_t)n + 1)
			b->cap *= 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	b->len += (size_t)n;
}

/* 5 functions x 20 practices x 2 streams x 3 levels = 600 activities, the
 * items spread evenly over them. */
char *bench_model_csv(int n_items, size_t *len)
{
	enum { FUNCS = 5, PRACS = 20, STREAMS = 2, LEVELS = 3 };
	int n_act = FUNCS * PRACS * STREAMS * LEVELS, item = 0;
	struct buf b = { 0 };

	buf_printf(&b, "id,function,practice_code,practice,stream,stream_name,level,"
		   "activity,question,criterion,answer_0,answer_1,answer_2,answer_3\n");
	for (int a = 0; a < n_act; a++) {
		int f = a / (PRACS * STREAMS * LEVELS);
		int pr = a / (STREAMS * LEVELS);
		int s = a / LEVELS % STREAMS;
		int l = a % LEVELS + 1;
		int upto = (int)((long)n_items * (a + 1) / n_act);

		for (int k = 1; item < upto; item++, k++)
			buf_printf(&b, "F%d-P%03d-%d-%c.%d,Function %d,P%03d,Practice %03d,"
				   "%c,Stream %03d-%c,%d,Activity %d of practice %03d,"
				   "\"Do you do activity %d, at level %d?\","
				   "Criterion %d holds for the whole organization,"
				   "No,Some,Half,\"Most, or all\"\n",
				   f + 1, pr, l, 'A' + s, k, f + 1, pr, pr, 'A' + s, pr,
				   'A' + s, l, a, pr, a, l, item);
	}
	*len = b.len;
	return b.p;
}
