/* test_store_batch.c - several writes as one transaction
 * (samm_store_batch_begin/commit/rollback): scope, period and answers
 * joined in a batch are all saved or all gone, their log rows included; a
 * failing write inside a batch undoes only its own part; nothing is
 * visible to another connection before the commit.
 *
 * Each test works in its own mkdtemp folder under /tmp, removed afterwards. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "samm/store.h"
#include "samm/util.h"
#include "samm/value.h"
#include "fixture.h"

#define NOW "2026-11-22T10:00:00Z"

static const char MODEL_A[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 1\n"
	"G-SM-1-A.2,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 2\n"
	"G-PC-1-A.1,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 4\n";

struct fx {
	char dir[64];
	char path[128];
	struct samm_store *st;
	int64_t model_a, model_b;
	struct samm_scope org;
	struct samm_error err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_store_batch");
	snprintf(f->path, sizeof f->path, "%s/data/sammtui.db", f->dir);
	samm_clock_pin(NOW);
	fx_store_with_models(f->path, MODEL_A, MODEL_A, &f->st, &f->model_a, &f->model_b, &f->org,
			     &f->err);
	*state = f;
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

static size_t log_rows(struct samm_store *st)
{
	struct samm_log_entry *rows = NULL;
	struct samm_log_filter all = { 0 };
	struct samm_error err;
	size_t n = 0;
	assert_int_equal(samm_store_log(st, &all, &rows, &n, &err), SAMM_OK);
	samm_log_free(rows, n);
	return n;
}

static size_t scopes(struct samm_store *st)
{
	struct samm_scope *v = NULL;
	struct samm_error err;
	size_t n = 0;
	assert_int_equal(samm_store_scope_list(st, &v, &n, &err), SAMM_OK);
	samm_scope_list_free(v, n);
	return n;
}

/* A scope, a period in it and two answers: the import-toolbox writes. */
static void write_three(struct fx *f, const char *scope, const char *period,
			struct samm_period *p)
{
	static const struct samm_change ch[] = {
		{ .item = "G-SM-1-A.1", .set_value = 1, .value = SAMM_MOST, .set_note = 1, .note = "noted" },
		{ .item = "G-PC-1-A.1", .set_value = 1, .value = SAMM_SOME, .set_note = 0, .note = NULL },
	};
	struct samm_scope s;
	int changed = 0;
	assert_int_equal(samm_store_scope_new(f->st, scope, &s, &f->err), SAMM_OK);
	assert_int_equal(samm_store_period_new(f->st, s.id, period, "2024-03-15",
					       SAMM_FROM_NOTHING, 0, f->model_a, p, &f->err),
			 SAMM_OK);
	assert_int_equal(samm_store_apply(f->st, p->id, ch, 2, "tester", &changed, &f->err),
			 SAMM_OK);
	assert_int_equal(changed, 2);
}

static void test_batch_commit_saves_all(void **state)
{
	struct fx *f = *state;
	struct samm_period p;
	struct samm_scope s;
	size_t n0 = log_rows(f->st), s0 = scopes(f->st);

	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_OK);
	write_three(f, "Team A", "2024-Q1", &p);
	/* another connection sees nothing yet */
	struct samm_store *other = NULL;
	assert_int_equal(samm_store_open(f->path, 0, &other, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(other, "Team A", &s, &f->err), SAMM_NOTFOUND);
	assert_int_equal(samm_store_batch_commit(f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(other, "Team A", &s, &f->err), SAMM_OK);
	assert_int_equal(log_rows(other), n0 + 2);
	samm_store_close(other);
	assert_int_equal(scopes(f->st), s0 + 1);
	/* and the store writes on its own again afterwards */
	assert_int_equal(samm_store_scope_new(f->st, "Team B", &s, &f->err), SAMM_OK);
	assert_int_equal(scopes(f->st), s0 + 2);
}

static void test_batch_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct samm_period p, q;
	struct samm_scope s;
	size_t n0 = log_rows(f->st), s0 = scopes(f->st);

	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_OK);
	write_three(f, "Team A", "2024-Q1", &p);
	write_three(f, "Team B", "2024-Q2", &q);
	samm_store_batch_rollback(f->st);
	assert_int_equal(samm_store_scope_find(f->st, "Team A", &s, &f->err), SAMM_NOTFOUND);
	assert_int_equal(samm_store_scope_find(f->st, "Team B", &s, &f->err), SAMM_NOTFOUND);
	assert_int_equal(scopes(f->st), s0);
	assert_int_equal(log_rows(f->st), n0);
	/* a second rollback, or one without a batch, does nothing */
	samm_store_batch_rollback(f->st);
	assert_int_equal(samm_store_batch_commit(f->st, &f->err), SAMM_USAGE);
	/* the same writes work afterwards, and outside a batch */
	write_three(f, "Team A", "2024-Q1", &p);
	assert_int_equal(log_rows(f->st), n0 + 2);
}

/* A write that fails inside a batch undoes its own part only: the batch
 * goes on and may still commit what came before. */
static void test_failed_write_inside_batch(void **state)
{
	struct fx *f = *state;
	static const struct samm_change bad[] = {
		{ .item = "G-SM-1-A.2", .set_value = 1, .value = SAMM_HALF, .set_note = 0, .note = NULL },
		{ .item = "NO-SUCH-ITEM", .set_value = 1, .value = SAMM_HALF, .set_note = 0, .note = NULL },
	};
	struct samm_period p, again;
	struct samm_scope s;
	size_t n0 = log_rows(f->st);

	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_OK);
	write_three(f, "Team A", "2024-Q1", &p);
	assert_int_equal(samm_store_apply(f->st, p.id, bad, 2, "tester", NULL, &f->err),
			 SAMM_NOTFOUND);
	assert_int_equal(samm_store_scope_new(f->st, "Team A", &s, &f->err), SAMM_EXISTS);
	assert_int_equal(samm_store_scope_new(f->st, "bad\tname", &s, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_period_new(f->st, p.scope_id, "2024-Q1", "2024-03-15",
					       SAMM_FROM_NOTHING, 0, f->model_a, &again, &f->err),
			 SAMM_EXISTS);
	assert_int_equal(samm_store_batch_commit(f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(f->st, "Team A", &s, &f->err), SAMM_OK);
	assert_int_equal(log_rows(f->st), n0 + 2);
	struct samm_assessment *a = NULL;
	assert_int_equal(samm_store_assessment_load(f->st, p.id, &a, &f->err), SAMM_OK);
	assert_int_equal(a->value[1], SAMM_UNSET); /* G-SM-1-A.2: the failed apply's */
	assert_int_equal(a->value[0], SAMM_MOST);
	samm_assessment_free(a);
}

static void test_batches_do_not_nest(void **state)
{
	struct fx *f = *state;
	struct samm_scope s;

	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_scope_new(f->st, "Team A", &s, &f->err), SAMM_OK);
	assert_int_equal(samm_store_batch_commit(f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(f->st, "Team A", &s, &f->err), SAMM_OK);
}

static void test_batch_on_readonly_store(void **state)
{
	struct fx *f = *state;

	samm_store_close(f->st);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_READONLY, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_batch_begin(f->st, &f->err), SAMM_READONLY);
	samm_store_batch_rollback(f->st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_commit_saves_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_inside_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batches_do_not_nest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_on_readonly_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
