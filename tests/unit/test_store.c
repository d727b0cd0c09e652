/* test_store.c - the assessment database: files and modes, models, scopes,
 * periods, scores, the change log, refusals and backups.
 *
 * Each test works in its own mkdtemp folder under /tmp, removed afterwards.
 * The clock is pinned with SAMMTUI_NOW. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "samm/project.h"
#include "samm/store.h"
#include "samm/util.h"
#include "fixture.h"
#include "samm/value.h"
#include "core/store/testing.h"

#define NOW "2026-11-22T10:00:00Z"

/* A small model: two practices' worth of items.  G-SM-1-A1.2 exists so
 * that an activity filter "G-SM-1-A" can be shown not to match it. */
#define MODEL_A_CSV \
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n" \
	"G-SM-1-A.1,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 1\n" \
	"G-SM-1-A.2,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 2\n" \
	"G-SM-2-A.1,Governance,SM,Strategy,A,Create,2,Act two,Q2?,Crit 3\n" \
	"G-SM-1-A1.2,Governance,SM,Strategy,C,Other,1,Act odd,Q4?,Crit 5\n" \
	"G-PC-1-A.1,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 4\n"
static const char MODEL_A[] = MODEL_A_CSV;

/* The same model without G-SM-1-A.2 and with a new item. */
static const char MODEL_B[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 1\n"
	"G-SM-2-A.1,Governance,SM,Strategy,A,Create,2,Act two,Q2?,Crit 3\n"
	"G-SM-3-A.1,Governance,SM,Strategy,A,Create,3,Act three,Q5?,Crit 6\n"
	"G-PC-1-A.1,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 4\n";

struct fx {
	char dir[64];
	char path[128];         /* dir/data/sammtui.db */
	struct samm_store *st;
	int64_t model_a, model_b;
	struct samm_scope org;
	struct samm_error err;
};

static void fx_path(struct fx *f, char *buf, size_t size, const char *suffix)
{
	snprintf(buf, size, "%s%s", f->path, suffix);
}

static int setup_empty(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_store");
	snprintf(f->path, sizeof f->path, "%s/data/sammtui.db", f->dir);
	samm_clock_pin(NOW);
	*state = f;
	return 0;
}

/* An open store with MODEL_A and MODEL_B ("tiny" 1 and 2). */
static int setup(void **state)
{
	setup_empty(state);
	struct fx *f = *state;
	fx_store_with_models(f->path, MODEL_A, MODEL_B, &f->st, &f->model_a, &f->model_b, &f->org,
			     &f->err);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	samm_store_close(f->st);
	fx_rmtree(f->dir);
	free(f);
	return 0;
}

static void reopen(struct fx *f, int flags)
{
	samm_store_close(f->st);
	f->st = NULL;
	assert_int_equal(samm_store_open(f->path, flags, &f->st, &f->err), SAMM_OK);
}

static int mode_of(const char *p)
{
	struct stat sb;
	if (stat(p, &sb) != 0)
		return -1;
	return (int)(sb.st_mode & 07777);
}

static int exists(const char *p)
{
	return access(p, F_OK) == 0;
}

/* Whole file in memory, for byte-identical checks.  Caller frees. */
static char *slurp(const char *p, size_t *len)
{
	FILE *fp = fopen(p, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return b;
}

static int64_t sql_int(struct samm_store *st, const char *sql)
{
	int64_t v = 0;
	assert_int_equal(samm_store_test_int(st, sql, &v), 0);
	return v;
}

static struct samm_period new_period(struct fx *f, const char *name, const char *date,
				     enum samm_period_source src, int64_t from, int64_t model)
{
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, name, date, src, from, model, &p,
					       &f->err), SAMM_OK);
	return p;
}

static void set_value(struct fx *f, int64_t period, const char *item, int v)
{
	struct samm_change c = { .item = item, .set_value = 1, .value = v };
	assert_int_equal(samm_store_apply(f->st, period, &c, 1, "tester", NULL, &f->err), SAMM_OK);
}

/* Value of an item in a period, through the public loading path. */
static int value_of(struct fx *f, int64_t period, const char *item)
{
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, period, &a, &f->err), SAMM_OK);
	int i = samm_model_find_item(a->model, item);
	assert_true(i >= 0);
	int v = a->value[i];
	samm_assessment_free(a);
	return v;
}

/* ---- Opening and files ---------------------------------------------------- */

static void test_default_path(void **state)
{
	(void)state;
	char buf[256], small[8];
	struct samm_error err;

	assert_int_equal(samm_store_default_path("/srv/x.db", "/xdg", "/home/u", buf, sizeof buf,
						 &err), SAMM_OK);
	assert_string_equal(buf, "/srv/x.db");
	assert_int_equal(samm_store_default_path(NULL, "/xdg", "/home/u", buf, sizeof buf, &err),
			 SAMM_OK);
	assert_string_equal(buf, "/xdg/sammtui/sammtui.db");
	assert_int_equal(samm_store_default_path("", "relative/xdg", "/home/u", buf, sizeof buf,
						 &err), SAMM_OK);
	assert_string_equal(buf, "/home/u/.local/share/sammtui/sammtui.db");
	assert_int_equal(samm_store_default_path(NULL, "relative/xdg", "/home/u", small,
						 sizeof small, &err), SAMM_USAGE);
	assert_int_equal(samm_store_default_path(NULL, NULL, NULL, buf, sizeof buf, &err),
			 SAMM_USAGE);
}

static void check_create_modes(void **state, mode_t mask)
{
	struct fx *f = *state;
	char p[200];
	int created;
	int64_t id;
	mode_t old = umask(mask);
	snprintf(f->path, sizeof f->path, "%s/a/b/sammtui.db", f->dir);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_OK);
	umask(old);

	snprintf(p, sizeof p, "%s/a", f->dir);
	assert_int_equal(mode_of(p), 0700);
	snprintf(p, sizeof p, "%s/a/b", f->dir);
	assert_int_equal(mode_of(p), 0700);
	assert_int_equal(mode_of(f->path), 0600);
	/* a write makes sure the -wal and -shm exist */
	assert_int_equal(samm_store_model_add(f->st, MODEL_A, strlen(MODEL_A), "a.csv", NULL, NULL,
					      &id, &created, &f->err), SAMM_OK);
	fx_path(f, p, sizeof p, "-wal");
	assert_int_equal(mode_of(p), 0600);
	fx_path(f, p, sizeof p, "-shm");
	assert_int_equal(mode_of(p), 0600);

	char jm[16];
	assert_int_equal(samm_store_test_text(f->st, "PRAGMA journal_mode", jm, sizeof jm), 0);
	assert_string_equal(jm, "wal");
	assert_int_equal(sql_int(f->st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sql_int(f->st, "PRAGMA application_id"), 0x53414D4D);
	assert_int_equal(sql_int(f->st, "PRAGMA user_version"), 4);

	struct samm_scope sc;
	assert_int_equal(samm_store_scope_find(f->st, "Organization", &sc, &f->err), SAMM_OK);
	assert_false(samm_store_is_readonly(f->st));
	assert_string_equal(samm_store_path(f->st), f->path);
	assert_true(samm_store_is_empty(f->st));
	reopen(f, 0);
	assert_false(samm_store_is_empty(f->st));
}

static void test_create_modes_umask022(void **state)
{
	check_create_modes(state, 022);
}

static void test_create_modes_umask077(void **state)
{
	check_create_modes(state, 077);
}

/* a umask that takes the owner's own bits: only chmod/fchmod give 0700/0600 */
static void test_create_modes_umask277(void **state)
{
	check_create_modes(state, 0277);
}

static void test_open_missing(void **state)
{
	struct fx *f = *state;
	char msg[300];
	assert_int_equal(samm_store_open(f->path, 0, &f->st, &f->err), SAMM_NOTFOUND);
	assert_null(f->st);
	snprintf(msg, sizeof msg, "%s: no database; run 'sammtui init'", f->path);
	assert_string_equal(f->err.msg, msg);
	assert_false(exists(f->path));
}

/* ---- Models ---------------------------------------------------------------- */

static void test_model_add(void **state)
{
	struct fx *f = *state;
	int64_t id, id2;
	int created = -1;
	const char *csv = (const char *)samm_bundled_model;
	size_t len = samm_bundled_model_len;

	assert_int_equal(samm_store_model_add(f->st, csv, len, "samm-2.0.csv", SAMM_BUNDLED_NAME,
					      SAMM_BUNDLED_VERSION, &id, &created, &f->err), SAMM_OK);
	assert_int_equal(created, 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM model"), 3);
	/* the same bytes under another name: the stored one, nothing new */
	assert_int_equal(samm_store_model_add(f->st, csv, len, "x.csv", "other", "9", &id2,
					      &created, &f->err), SAMM_OK);
	assert_int_equal(created, 0);
	assert_int_equal(id2, id);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM model"), 3);
	/* a name and version already used by other content */
	static const char more[] = MODEL_A_CSV
		"G-PC-1-A.2,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 9\n";
	assert_int_equal(samm_store_model_add(f->st, more, strlen(more), "c.csv", "tiny", "1",
					      &id2, &created, &f->err), SAMM_EXISTS);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM model"), 3);

	struct samm_model_info *list;
	size_t n;
	assert_int_equal(samm_store_model_list(f->st, &list, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "tiny");
	assert_string_equal(list[0].version, "1");
	assert_int_equal(list[0].n_items, 5);
	assert_string_equal(list[0].loaded_at, NOW);
	assert_string_equal(list[1].version, "2");
	assert_string_equal(list[2].name, "SAMM");
	assert_string_equal(list[2].version, "2.0");
	assert_int_equal(list[2].n_items, 294);
	assert_int_equal(strlen(list[2].hash), 64);
	samm_model_list_free(list, n);
}

static void test_model_add_default_names(void **state)
{
	struct fx *f = *state;
	static const char csv[] =
		"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
		"X-AA-1-A.1,Fn,AA,Prac,A,Str,1,Act,Q?,C\n";
	int64_t id;
	int created;
	struct samm_model_info mi;
	assert_int_equal(samm_store_model_add(f->st, csv, strlen(csv), "models/my-model.csv",
					      NULL, NULL, &id, &created, &f->err), SAMM_OK);
	assert_int_equal(samm_store_model_find(f->st, "my-model:1", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, id);
	/* names with control characters are refused */
	assert_int_equal(samm_store_model_add(f->st, csv, strlen(csv), "m.csv", "bad\tname", "1",
					      &id, &created, &f->err), SAMM_USAGE);
}

static void test_model_find(void **state)
{
	struct fx *f = *state;
	struct samm_model_info mi, byhash;
	char prefix[16];

	assert_int_equal(samm_store_model_find(f->st, "tiny", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->model_b); /* the latest loaded of that name */
	assert_int_equal(samm_store_model_find(f->st, "tiny:1", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->model_a);
	assert_string_equal(mi.version, "1");
	snprintf(prefix, sizeof prefix, "%.8s", mi.hash);
	assert_int_equal(samm_store_model_find(f->st, prefix, &byhash, &f->err), SAMM_OK);
	assert_int_equal(byhash.id, f->model_a);
	assert_int_equal(samm_store_model_find(f->st, NULL, &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->model_b);
	assert_int_equal(samm_store_model_find(f->st, "", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->model_b);
	assert_int_equal(samm_store_model_find(f->st, "tiny:3", &mi, &f->err), SAMM_NOTFOUND);
	assert_int_equal(samm_store_model_find(f->st, "nope", &mi, &f->err), SAMM_NOTFOUND);
	snprintf(prefix, sizeof prefix, "%.5s", byhash.hash); /* too short for a hash */
	assert_int_equal(samm_store_model_find(f->st, prefix, &mi, &f->err), SAMM_NOTFOUND);
}

static void test_model_get_cached(void **state)
{
	struct fx *f = *state;
	const struct samm_model *m1, *m2;
	assert_int_equal(samm_store_model_get(f->st, f->model_a, &m1, &f->err), SAMM_OK);
	assert_int_equal(samm_store_model_get(f->st, f->model_a, &m2, &f->err), SAMM_OK);
	assert_ptr_equal(m1, m2);
	assert_int_equal(m1->n_items, 5);
	/* after reopening, parsed again from the stored bytes */
	reopen(f, 0);
	assert_int_equal(samm_store_model_get(f->st, f->model_b, &m1, &f->err), SAMM_OK);
	assert_int_equal(m1->n_items, 4);
	assert_true(samm_model_find_item(m1, "G-SM-3-A.1") >= 0);
	assert_int_equal(samm_store_model_get(f->st, f->model_b, &m2, &f->err), SAMM_OK);
	assert_ptr_equal(m1, m2);
	assert_int_equal(samm_store_model_get(f->st, 999, &m2, &f->err), SAMM_NOTFOUND);
}

/* ---- Scopes ---------------------------------------------------------------- */

static void test_scopes(void **state)
{
	struct fx *f = *state;
	struct samm_scope a, b, found, *list;
	size_t n;
	assert_int_equal(samm_store_scope_new(f->st, "Team B", &a, &f->err), SAMM_OK);
	assert_string_equal(a.name, "Team B");
	assert_int_equal(samm_store_scope_new(f->st, "Apps", &b, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_new(f->st, "Team B", &found, &f->err), SAMM_EXISTS);
	assert_string_equal(f->err.msg, "scope 'Team B' already exists");
	assert_int_equal(samm_store_scope_new(f->st, "", &found, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_scope_new(f->st, "a\nb", &found, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_scope_find(f->st, "Team B", &found, &f->err), SAMM_OK);
	assert_int_equal(found.id, a.id);
	assert_int_equal(samm_store_scope_find(f->st, "team b", &found, &f->err), SAMM_NOTFOUND);
	assert_int_equal(samm_store_scope_list(f->st, &list, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Apps");
	assert_string_equal(list[1].name, "Organization");
	assert_string_equal(list[2].name, "Team B");
	samm_scope_list_free(list, n);
}

/* ---- Periods ------------------------------------------------------------------- */

static void test_period_list_order(void **state)
{
	struct fx *f = *state;
	struct samm_period *list;
	size_t n;
	new_period(f, "late", "2025-06-01", SAMM_FROM_NOTHING, 0, 0);
	new_period(f, "early", "2024-01-01", SAMM_FROM_NOTHING, 0, 0);
	new_period(f, "late-too", "2025-06-01", SAMM_FROM_NOTHING, 0, 0);
	struct samm_period t = new_period(f, "today", NULL, SAMM_FROM_NOTHING, 0, 0);
	assert_string_equal(t.date, "2026-11-22");
	assert_int_equal(t.model_id, f->model_b); /* the latest loaded */
	assert_int_equal(samm_store_period_list(f->st, f->org.id, &list, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].name, "early");
	assert_string_equal(list[1].name, "late");
	assert_string_equal(list[2].name, "late-too");
	assert_string_equal(list[3].name, "today");
	samm_period_list_free(list, n);
}

static void test_period_new_empty(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "first", "2024-01-01", SAMM_FROM_LATEST, 0, f->model_a);
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p.id, &a, &f->err), SAMM_OK);
	assert_int_equal(a->model->n_items, 5);
	assert_string_equal(a->period.name, "first");
	for (int i = 0; i < 5; i++) {
		assert_int_equal(a->value[i], SAMM_UNSET);
		assert_null(a->note[i]);
		assert_null(a->updated_by[i]);
	}
	samm_assessment_free(a);
	struct samm_period found;
	assert_int_equal(samm_store_period_find(f->st, f->org.id, "first", &found, &f->err), SAMM_OK);
	assert_int_equal(found.id, p.id);
	assert_string_equal(found.date, "2024-01-01");
	assert_int_equal(found.model_id, f->model_a);
	assert_int_equal(samm_store_period_find(f->st, f->org.id, "nope", &found, &f->err),
			 SAMM_NOTFOUND);
}

static void test_period_copy_latest_by_date(void **state)
{
	struct fx *f = *state;
	struct samm_period p1 = new_period(f, "p1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_period p2 = new_period(f, "p2", "2025-06-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_period p3 = new_period(f, "p3", "2024-06-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, p1.id, "G-SM-1-A.1", SAMM_SOME);
	set_value(f, p2.id, "G-SM-1-A.1", SAMM_MOST);
	set_value(f, p3.id, "G-SM-1-A.1", SAMM_HALF);
	struct samm_change c = { .item = "G-SM-2-A.1", .set_note = 1, .note = "carry me" };
	assert_int_equal(samm_store_apply(f->st, p2.id, &c, 1, "tester", NULL, &f->err), SAMM_OK);
	int64_t logs = sql_int(f->st, "SELECT count(*) FROM log");

	/* p2 is the latest by date although p3 was created after it */
	struct samm_period p4 = new_period(f, "p4", "2026-01-01", SAMM_FROM_LATEST, 0, 0);
	assert_int_equal(p4.model_id, f->model_a);
	assert_int_equal(value_of(f, p4.id, "G-SM-1-A.1"), SAMM_MOST);
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p4.id, &a, &f->err), SAMM_OK);
	int i = samm_model_find_item(a->model, "G-SM-2-A.1");
	assert_string_equal(a->note[i], "carry me");
	assert_int_equal(a->value[i], SAMM_UNSET);
	samm_assessment_free(a);
	/* copies are not change-log entries */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), logs);
}

static void test_period_copy_named(void **state)
{
	struct fx *f = *state;
	struct samm_period p1 = new_period(f, "p1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_period p2 = new_period(f, "p2", "2025-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, p1.id, "G-PC-1-A.1", SAMM_NA);
	set_value(f, p2.id, "G-PC-1-A.1", SAMM_NO);
	struct samm_period p3 = new_period(f, "p3", "2026-01-01", SAMM_FROM_PERIOD, p1.id, 0);
	assert_int_equal(value_of(f, p3.id, "G-PC-1-A.1"), SAMM_NA);
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "p4", NULL, SAMM_FROM_PERIOD, 999,
					       0, &p, &f->err), SAMM_NOTFOUND);
}

static void test_period_copy_other_model(void **state)
{
	struct fx *f = *state;
	struct samm_period p1 = new_period(f, "p1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_change c[] = {
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_HALF },
		{ .item = "G-SM-1-A.2", .set_value = 1, .value = SAMM_MOST },
		{ .item = "G-PC-1-A.1", .set_note = 1, .note = "kept" },
	};
	assert_int_equal(samm_store_apply(f->st, p1.id, c, 3, "tester", NULL, &f->err), SAMM_OK);
	struct samm_period p2 = new_period(f, "p2", "2025-01-01", SAMM_FROM_LATEST, 0, f->model_b);
	assert_int_equal(p2.model_id, f->model_b);
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p2.id, &a, &f->err), SAMM_OK);
	assert_int_equal(a->model->n_items, 4);
	assert_int_equal(a->value[samm_model_find_item(a->model, "G-SM-1-A.1")], SAMM_HALF);
	assert_int_equal(a->value[samm_model_find_item(a->model, "G-SM-3-A.1")], SAMM_UNSET);
	assert_string_equal(a->note[samm_model_find_item(a->model, "G-PC-1-A.1")], "kept");
	samm_assessment_free(a);
	/* G-SM-1-A.2 is not in model B: not copied */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM score WHERE item = 'G-SM-1-A.2'"), 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM score"), 5);
}

static void test_period_refusals(void **state)
{
	struct fx *f = *state;
	struct samm_period p;
	new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, 0);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "Q1", "2024-02-01",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_EXISTS);
	assert_string_equal(f->err.msg, "period 'Q1' already exists in scope 'Organization'");
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "Q2", "2024-02-30",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_USAGE);
	assert_string_equal(f->err.msg, "date '2024-02-30' is not a date in the form YYYY-MM-DD");
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "Q2", "24-1-1",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "", "2024-02-01",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "Q2", "2024-02-01",
					       SAMM_FROM_NOTHING, 0, 77, &p, &f->err), SAMM_NOTFOUND);
	/* the same name in another scope is fine */
	struct samm_scope sc;
	assert_int_equal(samm_store_scope_new(f->st, "Other", &sc, &f->err), SAMM_OK);
	assert_int_equal(samm_store_period_new(f->st, sc.id, "Q1", "2024-01-01",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM period"), 2);
}

static void test_period_new_without_model(void **state)
{
	struct fx *f = *state;
	struct samm_period p;
	struct samm_scope org;
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(f->st, SAMM_DEFAULT_SCOPE, &org, &f->err), SAMM_OK);
	assert_int_equal(samm_store_period_new(f->st, org.id, "Q1", NULL, SAMM_FROM_LATEST, 0, 0,
					       &p, &f->err), SAMM_NOTFOUND);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM period"), 0);
}

/* ---- Scores -------------------------------------------------------------------- */

static void test_apply(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_change c[] = {
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_HALF, .set_note = 1,
		  .note = "half done" },
		{ .item = "G-SM-1-A.2", .set_value = 1, .value = SAMM_NO },
	};
	int n = -1;
	assert_int_equal(samm_store_apply(f->st, p.id, c, 2, "alice", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);

	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p.id, &a, &f->err), SAMM_OK);
	int i = samm_model_find_item(a->model, "G-SM-1-A.1");
	assert_int_equal(a->value[i], SAMM_HALF);
	assert_string_equal(a->note[i], "half done");
	assert_string_equal(a->updated_by[i], "alice");
	assert_string_equal(a->updated_at[i], NOW);
	i = samm_model_find_item(a->model, "G-SM-1-A.2");
	assert_int_equal(a->value[i], SAMM_NO);
	assert_null(a->note[i]);
	i = samm_model_find_item(a->model, "G-SM-2-A.1");
	assert_int_equal(a->value[i], SAMM_UNSET);
	assert_null(a->updated_by[i]);
	samm_assessment_free(a);

	/* the same again: nothing changes, no log row */
	assert_int_equal(samm_store_apply(f->st, p.id, c, 2, "bob", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 2);

	/* clear the value, drop the note ("" removes it) */
	samm_clock_pin("2026-11-23T08:30:00Z");
	struct samm_change clr = { .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_UNSET,
				   .set_note = 1, .note = "" };
	assert_int_equal(samm_store_apply(f->st, p.id, &clr, 1, "bob", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(samm_store_assessment_load(f->st, p.id, &a, &f->err), SAMM_OK);
	i = samm_model_find_item(a->model, "G-SM-1-A.1");
	assert_int_equal(a->value[i], SAMM_UNSET);
	assert_null(a->note[i]);
	assert_string_equal(a->updated_by[i], "bob");
	assert_string_equal(a->updated_at[i], "2026-11-23T08:30:00Z");
	samm_assessment_free(a);

	struct samm_log_entry *log;
	size_t nl;
	assert_int_equal(samm_store_log(f->st, NULL, &log, &nl, &f->err), SAMM_OK);
	assert_int_equal(nl, 3);
	assert_string_equal(log[0].item, "G-SM-1-A.1");
	assert_string_equal(log[0].user, "alice");
	assert_string_equal(log[0].at, NOW);
	assert_string_equal(log[0].scope, "Organization");
	assert_string_equal(log[0].period, "Q1");
	assert_int_equal(log[0].old_value, SAMM_UNSET);
	assert_int_equal(log[0].new_value, SAMM_HALF);
	assert_null(log[0].old_note);
	assert_string_equal(log[0].new_note, "half done");
	assert_string_equal(log[1].item, "G-SM-1-A.2");
	assert_int_equal(log[1].new_value, SAMM_NO);
	assert_null(log[1].new_note);
	assert_int_equal(log[2].old_value, SAMM_HALF);
	assert_int_equal(log[2].new_value, SAMM_UNSET);
	assert_string_equal(log[2].old_note, "half done");
	assert_null(log[2].new_note);
	assert_string_equal(log[2].user, "bob");
	assert_true(log[0].id < log[1].id && log[1].id < log[2].id);
	samm_log_free(log, nl);
}

static void test_apply_unknown_item_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, p.id, "G-SM-1-A.1", SAMM_SOME);
	struct samm_change c[] = {
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_MOST },
		{ .item = "G-XX-9-Z.9", .set_value = 1, .value = SAMM_MOST },
		{ .item = "G-SM-1-A.2", .set_value = 1, .value = SAMM_MOST },
	};
	int n = -1;
	assert_int_equal(samm_store_apply(f->st, p.id, c, 3, "alice", &n, &f->err), SAMM_NOTFOUND);
	assert_non_null(strstr(f->err.msg, "'G-XX-9-Z.9'"));
	assert_int_equal(n, 0);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.1"), SAMM_SOME);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.2"), SAMM_UNSET);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 1);
	/* an invalid value is refused too */
	struct samm_change bad = { .item = "G-SM-1-A.1", .set_value = 1, .value = 7 };
	assert_int_equal(samm_store_apply(f->st, p.id, &bad, 1, "alice", &n, &f->err), SAMM_USAGE);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.1"), SAMM_SOME);
	/* and a period that does not exist */
	assert_int_equal(samm_store_apply(f->st, 999, c, 1, "alice", &n, &f->err), SAMM_NOTFOUND);
}

/* Compare and set: a change that expects what the caller read is refused
 * with SAMM_CONFLICT when someone else changed the item since, naming who
 * and when, and writes nothing at all (the other changes of the call
 * included); when the item still holds what was expected it applies. */
static void test_apply_compare_and_set(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, p.id, "G-SM-1-A.1", SAMM_MOST);    /* by "tester" */
	samm_clock_pin("2026-11-23T09:00:00Z");
	struct samm_change c[] = {
		{ .item = "G-SM-1-A.2", .set_value = 1, .value = SAMM_HALF,
		  .check_old = SAMM_CHECK_VALUE, .old_value = SAMM_UNSET },
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_UNSET,
		  .check_old = SAMM_CHECK_VALUE, .old_value = SAMM_SOME },
	};
	struct samm_conflict cf;
	int n = -1;
	assert_int_equal(samm_store_apply_checked(f->st, p.id, c, 2, "alice", &n, &cf, &f->err),
			 SAMM_CONFLICT);
	assert_int_equal(n, 0);
	assert_string_equal(cf.item, "G-SM-1-A.1");
	assert_int_equal(cf.value, SAMM_MOST);
	assert_string_equal(cf.by, "tester");
	assert_string_equal(cf.at, NOW);
	assert_non_null(strstr(f->err.msg, "G-SM-1-A.1 was changed by tester at " NOW));
	assert_non_null(strstr(f->err.msg, "now most"));
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.1"), SAMM_MOST);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.2"), SAMM_UNSET);  /* all or nothing */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 1);

	/* the expected value holds: it applies */
	c[1].old_value = SAMM_MOST;
	assert_int_equal(samm_store_apply(f->st, p.id, c, 2, "alice", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.1"), SAMM_UNSET);

	/* notes: NULL and "" both mean none; a value check ignores the note */
	struct samm_change nt = { .item = "G-SM-1-A.1", .set_note = 1, .note = "mine",
				  .check_old = SAMM_CHECK_NOTE, .old_note = "" };
	assert_int_equal(samm_store_apply(f->st, p.id, &nt, 1, "alice", &n, &f->err), SAMM_OK);
	struct samm_change theirs = { .item = "G-SM-1-A.1", .set_note = 1, .note = "theirs" };
	assert_int_equal(samm_store_apply(f->st, p.id, &theirs, 1, "carol", &n, &f->err), SAMM_OK);
	nt.note = "mine again";
	nt.old_note = "mine";
	assert_int_equal(samm_store_apply_checked(f->st, p.id, &nt, 1, "alice", &n, &cf, &f->err),
			 SAMM_CONFLICT);
	assert_true(cf.note_differs);
	assert_string_equal(cf.by, "carol");
	struct samm_change val = { .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_NO,
				   .check_old = SAMM_CHECK_VALUE, .old_value = SAMM_UNSET };
	assert_int_equal(samm_store_apply(f->st, p.id, &val, 1, "alice", &n, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM score WHERE note = 'theirs'"), 1);
	/* a conflict status has its own text */
	assert_string_equal(samm_status_str(SAMM_CONFLICT), "changed by someone else since it was read");
}

/* Targets and a project's status as compare-and-set: refused with
 * SAMM_CONFLICT naming who changed them, nothing written. */
static void test_target_and_status_compare_and_set(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	int n = -1;
	assert_int_equal(samm_target_put_if(f->st, p.id, "G-SM-1-A", SAMM_HALF, SAMM_UNSET, "carol",
					    &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(samm_target_put_if(f->st, p.id, "G-SM-1-A", SAMM_MOST, SAMM_UNSET, "alice",
					    &n, &f->err), SAMM_CONFLICT);
	assert_int_equal(n, 0);
	assert_non_null(strstr(f->err.msg, "changed by carol at " NOW " (now half)"));
	assert_int_equal(samm_target_put_if(f->st, p.id, "G-SM-1-A", SAMM_UNSET, SAMM_SOME, "alice",
					    &n, &f->err), SAMM_CONFLICT);
	assert_int_equal(sql_int(f->st, "SELECT value FROM phase_target"), SAMM_HALF);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log WHERE user = 'alice'"), 0);
	assert_int_equal(samm_target_put_if(f->st, p.id, "G-SM-1-A", SAMM_UNSET, SAMM_HALF, "alice",
					    &n, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM phase_target WHERE value IS NOT NULL"),
			 0);
	assert_int_equal(samm_target_put_if(f->st, p.id, "G-SM-1-A.1", SAMM_NO, SAMM_UNSET, "alice",
					    &n, &f->err), SAMM_USAGE);

	struct samm_project pr;
	assert_int_equal(samm_project_new(f->st, f->org.id, "Pipeline", NULL, "carol", &pr,
					  &f->err), SAMM_OK);
	struct samm_project_fields done = { .set_status = 1, .status = SAMM_PROJECT_DONE };
	assert_int_equal(samm_project_set(f->st, pr.id, &done, "carol", &n, &f->err), SAMM_OK);
	struct samm_project_fields active = { .set_status = 1, .status = SAMM_PROJECT_ACTIVE };
	assert_int_equal(samm_project_set_if(f->st, pr.id, &active, SAMM_PROJECT_PLANNED, "alice",
					     &n, &f->err), SAMM_CONFLICT);
	assert_non_null(strstr(f->err.msg, "project Pipeline was changed by carol"));
	assert_non_null(strstr(f->err.msg, "status now done"));
	assert_int_equal(samm_project_get(f->st, pr.id, &pr, &f->err), SAMM_OK);
	assert_int_equal(pr.status, SAMM_PROJECT_DONE);
	assert_int_equal(samm_project_set_if(f->st, pr.id, &active, SAMM_PROJECT_DONE, "alice",
					     &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
}

/* Names that look like options could never be reached from the command
 * line: refused for scopes and periods alike. */
static void test_names_starting_with_dash(void **state)
{
	struct fx *f = *state;
	struct samm_period p;
	struct samm_scope sc;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "--help", "2024-01-01",
					       SAMM_FROM_NOTHING, 0, f->model_a, &p, &f->err),
			 SAMM_USAGE);
	assert_non_null(strstr(f->err.msg, "may not start with '-'"));
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "-x", "2024-01-01",
					       SAMM_FROM_NOTHING, 0, f->model_a, &p, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_store_scope_new(f->st, "-team", &sc, &f->err), SAMM_USAGE);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM period"), 0);
	/* a dash inside a name is fine */
	new_period(f, "Q-1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
}

/* A note takes at most SAMM_NOTE_MAX bytes, whoever writes it (the
 * screens' editors included): one byte more is refused, nothing written. */
static void test_apply_note_limit(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	char *big = malloc(SAMM_NOTE_MAX + 2);
	assert_non_null(big);
	memset(big, 'x', SAMM_NOTE_MAX + 1);
	big[SAMM_NOTE_MAX + 1] = 0;
	struct samm_change c[] = {
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_MOST },
		{ .item = "G-SM-1-A.2", .set_note = 1, .note = big },
	};
	int n = -1;
	assert_int_equal(samm_store_apply(f->st, p.id, c, 2, "alice", &n, &f->err), SAMM_REFUSED);
	assert_string_equal(f->err.msg, "the note of G-SM-1-A.2 is larger than the 64 KB limit");
	assert_int_equal(n, 0);
	assert_int_equal(value_of(f, p.id, "G-SM-1-A.1"), SAMM_UNSET);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 0);
	/* exactly the limit is a note like any other */
	big[SAMM_NOTE_MAX] = 0;
	assert_int_equal(samm_store_apply(f->st, p.id, c, 2, "alice", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(sql_int(f->st, "SELECT length(note) FROM score WHERE item = 'G-SM-1-A.2'"),
			 SAMM_NOTE_MAX);
	free(big);
}

static void test_period_delete_keeps_log(void **state)
{
	struct fx *f = *state;
	struct samm_period p = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, p.id, "G-SM-1-A.1", SAMM_SOME);
	set_value(f, p.id, "G-SM-1-A.2", SAMM_HALF);
	assert_int_equal(samm_store_period_delete(f->st, p.id, "tester", &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM score"), 0);
	struct samm_period q;
	assert_int_equal(samm_store_period_find(f->st, f->org.id, "Q1", &q, &f->err), SAMM_NOTFOUND);
	struct samm_log_entry *log;
	size_t nl;
	assert_int_equal(samm_store_log(f->st, NULL, &log, &nl, &f->err), SAMM_OK);
	assert_int_equal(nl, 2);
	assert_string_equal(log[1].period, "Q1");
	samm_log_free(log, nl);
	assert_int_equal(samm_store_period_delete(f->st, p.id, "tester", &f->err), SAMM_NOTFOUND);
	/* the name can be used again */
	new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
}

static void test_log_filters(void **state)
{
	struct fx *f = *state;
	struct samm_scope team;
	assert_int_equal(samm_store_scope_new(f->st, "Team", &team, &f->err), SAMM_OK);
	struct samm_period q1 = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_period q2 = new_period(f, "Q2", "2024-04-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_period t1;
	assert_int_equal(samm_store_period_new(f->st, team.id, "Q1", "2024-01-01",
					       SAMM_FROM_NOTHING, 0, f->model_a, &t1, &f->err), SAMM_OK);
	set_value(f, q1.id, "G-SM-1-A.1", SAMM_SOME);   /* 1 */
	set_value(f, q1.id, "G-SM-1-A1.2", SAMM_SOME);  /* 2 */
	set_value(f, q2.id, "G-SM-1-A.2", SAMM_HALF);   /* 3 */
	set_value(f, q2.id, "G-SM-2-A.1", SAMM_MOST);   /* 4 */
	set_value(f, t1.id, "G-SM-1-A.1", SAMM_NO);     /* 5 */

	struct samm_log_entry *log;
	size_t n;
	struct samm_log_filter fl = { .scope_id = f->org.id };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 4);
	samm_log_free(log, n);

	fl = (struct samm_log_filter){ .scope_id = f->org.id, .period = "Q2" };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(log[0].item, "G-SM-1-A.2");
	assert_string_equal(log[1].item, "G-SM-2-A.1");
	samm_log_free(log, n);

	/* an activity: its items, not G-SM-1-A1.2 */
	fl = (struct samm_log_filter){ .item_prefix = "G-SM-1-A" };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(log[0].item, "G-SM-1-A.1");
	assert_string_equal(log[1].item, "G-SM-1-A.2");
	assert_string_equal(log[2].item, "G-SM-1-A.1");
	assert_string_equal(log[2].scope, "Team");
	samm_log_free(log, n);

	/* one item, in one scope */
	fl = (struct samm_log_filter){ .scope_id = f->org.id, .item_prefix = "G-SM-1-A.1" };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(log[0].period, "Q1");
	assert_int_equal(log[0].new_value, SAMM_SOME);
	samm_log_free(log, n);

	fl = (struct samm_log_filter){ .item_prefix = "G-SM-1-A1.2" };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	samm_log_free(log, n);

	fl = (struct samm_log_filter){ .period = "Q9" };
	assert_int_equal(samm_store_log(f->st, &fl, &log, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 0);
	samm_log_free(log, n);
}

/* ---- Read-only, refusals ---------------------------------------------------------- */

static void test_readonly_mode_bits(void **state)
{
	struct fx *f = *state;
	char p[200];
	struct samm_period q = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, q.id, "G-SM-1-A.1", SAMM_HALF);
	samm_store_close(f->st);
	f->st = NULL;
	fx_path(f, p, sizeof p, "-wal");
	assert_false(exists(p)); /* the last close checkpoints and removes it */
	fx_path(f, p, sizeof p, "-shm");
	assert_false(exists(p));
	assert_int_equal(chmod(f->path, 0400), 0);

	assert_int_equal(samm_store_open(f->path, 0, &f->st, &f->err), SAMM_OK);
	assert_true(samm_store_is_readonly(f->st));
	assert_int_equal(value_of(f, q.id, "G-SM-1-A.1"), SAMM_HALF);
	struct samm_change c = { .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_MOST };
	assert_int_equal(samm_store_apply(f->st, q.id, &c, 1, "x", NULL, &f->err), SAMM_READONLY);
	char msg[300];
	snprintf(msg, sizeof msg, "%s is read-only", f->path);
	assert_string_equal(f->err.msg, msg);
	struct samm_scope sc;
	assert_int_equal(samm_store_scope_new(f->st, "New", &sc, &f->err), SAMM_READONLY);
	assert_int_equal(samm_store_period_delete(f->st, q.id, "tester", &f->err), SAMM_READONLY);
	assert_int_equal(value_of(f, q.id, "G-SM-1-A.1"), SAMM_HALF);
	assert_int_equal(mode_of(f->path), 0400);
}

static void test_readonly_flag(void **state)
{
	struct fx *f = *state;
	struct samm_period q = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	set_value(f, q.id, "G-SM-1-A.1", SAMM_SOME);
	reopen(f, SAMM_OPEN_READONLY);
	assert_true(samm_store_is_readonly(f->st));
	struct samm_change c = { .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_MOST };
	assert_int_equal(samm_store_apply(f->st, q.id, &c, 1, "x", NULL, &f->err), SAMM_READONLY);
	int64_t id;
	int created;
	assert_int_equal(samm_store_model_add(f->st, MODEL_A, strlen(MODEL_A), "a.csv", "tiny",
					      "1", &id, &created, &f->err), SAMM_READONLY);
	assert_int_equal(value_of(f, q.id, "G-SM-1-A.1"), SAMM_SOME);
}

static void test_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	char p[200], msg[400];
	samm_store_close(f->st);
	f->st = NULL;
	assert_int_equal(samm_store_test_file_exec(f->path, "PRAGMA user_version = 7"), 0);

	size_t len1, len2;
	char *before = slurp(f->path, &len1);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_NEWER);
	assert_null(f->st);
	snprintf(msg, sizeof msg, "%s: written by a newer sammtui (schema 7; this one reads up"
		 " to 4); nothing was changed", f->path);
	assert_string_equal(f->err.msg, msg);
	char *after = slurp(f->path, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(before, after, len1);
	fx_path(f, p, sizeof p, "-wal");
	assert_false(exists(p));
	free(before);
	free(after);
}

static void test_not_a_database(void **state)
{
	struct fx *f = *state;
	char path[200], msg[400];
	static const char text[] =
		"This is a plain text file that happens to be long enough to fill a SQLite header,"
		" which is one hundred bytes, so the check cannot rely on its size alone.\n";
	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(samm_store_open(path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_DB);
	snprintf(msg, sizeof msg, "%s: not a SQLite database (or damaged): ", path);
	assert_memory_equal(f->err.msg, msg, strlen(msg));
	size_t len;
	char *b = slurp(path, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(b, text, len);
	free(b);

	/* a SQLite file of someone else */
	snprintf(path, sizeof path, "%s/other.db", f->dir);
	assert_int_equal(samm_store_test_file_exec(path, "CREATE TABLE t(x)"), 0);
	assert_int_equal(samm_store_open(path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_DB);
	snprintf(msg, sizeof msg, "%s: not a sammtui database", path);
	assert_string_equal(f->err.msg, msg);
}

static void test_truncated_database(void **state)
{
	struct fx *f = *state;
	char msg[400];
	int64_t id;
	int created;
	assert_int_equal(samm_store_model_add(f->st, (const char *)samm_bundled_model,
					      samm_bundled_model_len, "samm.csv", "SAMM", "2.0",
					      &id, &created, &f->err), SAMM_OK);
	samm_store_close(f->st);
	f->st = NULL;
	snprintf(msg, sizeof msg, "%s: not a SQLite database (or damaged): ", f->path);
	static const off_t sizes[] = { 8192, 1024, 50 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		assert_int_equal(truncate(f->path, sizes[i]), 0);
		assert_int_equal(samm_store_open(f->path, 0, &f->st, &f->err), SAMM_DB);
		assert_null(f->st);
		assert_memory_equal(f->err.msg, msg, strlen(msg));
	}
}

/* ---- Backup and concurrency ------------------------------------------------------- */

static void test_backup(void **state)
{
	struct fx *f = *state;
	char bpath[200];
	struct samm_period q = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	struct samm_change c = { .item = "G-SM-2-A.1", .set_value = 1, .value = SAMM_MOST,
				 .set_note = 1, .note = "backed up" };
	assert_int_equal(samm_store_apply(f->st, q.id, &c, 1, "alice", NULL, &f->err), SAMM_OK);
	snprintf(bpath, sizeof bpath, "%s/backup.db", f->dir);
	mode_t old = umask(0);
	assert_int_equal(samm_store_backup(f->st, bpath, &f->err), SAMM_OK);
	umask(old);
	assert_int_equal(mode_of(bpath), 0600);

	struct samm_store *b;
	struct samm_assessment *a;
	assert_int_equal(samm_store_open(bpath, 0, &b, &f->err), SAMM_OK);
	assert_int_equal(samm_store_assessment_load(b, q.id, &a, &f->err), SAMM_OK);
	int i = samm_model_find_item(a->model, "G-SM-2-A.1");
	assert_int_equal(a->value[i], SAMM_MOST);
	assert_string_equal(a->note[i], "backed up");
	assert_string_equal(a->period.name, "Q1");
	samm_assessment_free(a);
	samm_store_close(b);
	/* nothing left beside it but the backup */
	char p[220];
	snprintf(p, sizeof p, "%s-journal", bpath);
	assert_false(exists(p));
}

static void test_data_version(void **state)
{
	struct fx *f = *state;
	struct samm_store *other;
	struct samm_period q = new_period(f, "Q1", "2024-01-01", SAMM_FROM_NOTHING, 0, f->model_a);
	assert_int_equal(samm_store_open(f->path, 0, &other, &f->err), SAMM_OK);
	int64_t v1 = samm_store_data_version(f->st);
	assert_int_equal(samm_store_data_version(f->st), v1); /* stable while nothing happens */
	struct samm_change c = { .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_SOME };
	assert_int_equal(samm_store_apply(other, q.id, &c, 1, "bob", NULL, &f->err), SAMM_OK);
	int64_t v2 = samm_store_data_version(f->st);
	assert_true(v2 != v1);
	assert_int_equal(value_of(f, q.id, "G-SM-1-A.1"), SAMM_SOME);
	/* our own writes count too */
	set_value(f, q.id, "G-SM-1-A.1", SAMM_HALF);
	assert_true(samm_store_data_version(f->st) != v2);
	samm_store_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_path),
		cmocka_unit_test_setup_teardown(test_create_modes_umask022, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_create_modes_umask077, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_create_modes_umask277, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_model_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_add_default_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_get_cached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_list_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_new_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_copy_latest_by_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_copy_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_copy_other_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_new_without_model, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_unknown_item_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_compare_and_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_starting_with_dash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_and_status_compare_and_set, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_apply_note_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_delete_keeps_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_mode_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_version, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
