/* test_partial.c - the analyses of a scope that leaves practices out:
 * samm_scope_scorecard, diff, trend, stagnation and the policy check count
 * what the scope assesses and say so; a complete scope is as before.
 *
 * Model A (roadmap_fx.h), Governance = SM only, Design = TA.  History, one
 * letter per item (n s h m, '.' unset), worked out by hand:
 *   P1 "hhhssss.": SM (0.5 + 0.5) / 2 = 0.5; TA A 0.25 + 0.25, B 0.25 + 0
 *                  -> (0.5 + 0.25) / 2 = 0.375; overall 0.4375
 *   P2 "hhhmmsm.": SM 0.5; TA A 1 + 0.25, B 1 + 0 -> 1.125; overall 0.8125
 *   P3 as P2.
 * Over P1..P3 the SM criteria hold half (stagnant) and D-TA-2-A.1 holds
 * some (stagnant); SM has not risen (a stagnant practice). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "samm/analysis.h"
#include "samm/project.h"
#include "samm/roadmap.h"
#include "samm/score.h"
#include "samm/store.h"
#include "fixture.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/store/testing.h"

#include "roadmap_fx.h"

struct hist {
	int64_t p1, p3;
};

static struct hist history(struct fx *f)
{
	struct hist h;
	h.p1 = period(f, "P1", "2025-01-15", f->model_a);
	setv(f, h.p1, A_IDS, "hhhssss.");
	int64_t p2 = period(f, "P2", "2025-04-15", f->model_a);
	setv(f, p2, A_IDS, "hhhmmsm.");
	h.p3 = period(f, "P3", "2025-07-15", f->model_a);
	setv(f, h.p3, A_IDS, "hhhmmsm.");
	return h;
}

static void exclude(struct fx *f, const char *id, int include)
{
	const char *ids[] = { id };
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, ids, 1, include, "lead", NULL,
					    &f->err), SAMM_OK);
}

static void test_scope_scorecard(void **state)
{
	struct fx *f = *state;
	struct hist h = history(f);
	struct samm_assessment *a;
	struct samm_scorecard sc;

	assert_int_equal(samm_store_assessment_load(f->st, h.p3, &a, &f->err), SAMM_OK);
	assert_int_equal(samm_scope_scorecard(f->st, f->org.id, a->model, a->value, &sc, &f->err),
			 SAMM_OK);
	assert_false(sc.partial);
	assert_score(sc.overall.score, 0.8125);
	assert_string_equal(samm_scorecard_mark(a->model, &sc, (struct samm_ref){ SAMM_L_OVERALL, 0 }),
			    "");
	samm_scorecard_free(&sc);

	exclude(f, "SM", 0);
	assert_int_equal(samm_scope_scorecard(f->st, f->org.id, a->model, a->value, &sc, &f->err),
			 SAMM_OK);
	assert_true(sc.partial);
	assert_score(sc.overall.score, 1.125);          /* TA's alone */
	assert_score(sc.practice[0].score, 0.5);        /* SM keeps its own figure */
	assert_string_equal(samm_scorecard_mark(a->model, &sc, (struct samm_ref){ SAMM_L_OVERALL, 0 }),
			    "partial");
	assert_string_equal(samm_scorecard_mark(a->model, &sc, (struct samm_ref){ SAMM_L_FUNCTION, 0 }),
			    "excluded");
	assert_string_equal(samm_scorecard_mark(a->model, &sc, (struct samm_ref){ SAMM_L_ITEM, 1 }),
			    "excluded");
	assert_string_equal(samm_scorecard_mark(a->model, &sc, (struct samm_ref){ SAMM_L_PRACTICE, 1 }),
			    "");
	samm_scorecard_free(&sc);
	samm_assessment_free(a);
}

static void test_diff_trend(void **state)
{
	struct fx *f = *state;
	struct hist h = history(f);
	struct samm_diff *d;
	struct samm_trend *t;

	exclude(f, "Governance", 0);
	assert_int_equal(samm_diff_periods(f->st, h.p1, h.p3, SAMM_L_FUNCTION, &d, &f->err),
			 SAMM_OK);
	assert_true(d->partial);
	assert_score(d->overall.old_score, 0.375);
	assert_score(d->overall.new_score, 1.125);
	assert_score(d->overall.delta, 0.75);
	assert_string_equal(d->overall.mark, "partial");
	assert_int_equal(d->n_figs, 3);                 /* overall, Governance, Design */
	assert_string_equal(d->figs[1].id, "Governance");
	assert_string_equal(d->figs[1].mark, "excluded");
	assert_string_equal(d->figs[2].mark, "");
	samm_diff_free(d);

	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_FUNCTION, &t, &f->err),
			 SAMM_OK);
	assert_true(t->partial);
	assert_int_equal(t->n_periods, 3);
	assert_score(t->rows[0].score[0], 0.375);
	assert_score(t->rows[0].score[2], 1.125);
	assert_string_equal(t->rows[0].mark, "partial");
	samm_trend_free(t);

	/* counted again: the official figures, nothing marked */
	exclude(f, "Governance", 1);
	assert_int_equal(samm_diff_periods(f->st, h.p1, h.p3, SAMM_L_FUNCTION, &d, &f->err),
			 SAMM_OK);
	assert_false(d->partial);
	assert_score(d->overall.old_score, 0.4375);
	assert_score(d->overall.new_score, 0.8125);
	assert_string_equal(d->overall.mark, "");
	samm_diff_free(d);
}

static void test_stagnant_check(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	struct samm_check_result r;
	struct samm_check_policy pol = { 3, 1, 0, 1.0, -1 };

	history(f);
	/* complete: the three SM criteria and D-TA-2-A.1 held, SM has not risen */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_false(s->partial);
	assert_int_equal(s->n_items, 4);
	assert_int_equal(s->n_stagnant_practices, 1);
	samm_stagnant_free(s);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_false(r.partial);
	assert_score(r.overall, 0.8125);
	assert_int_equal(r.broken, SAMM_CHECK_MAX_STAGNANT | SAMM_CHECK_MIN_OVERALL);
	samm_check_result_free(&r);

	/* SM left out: neither it nor its criteria are judged */
	exclude(f, "SM", 0);
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_true(s->partial);
	assert_int_equal(s->n_excluded, 1);
	assert_int_equal(s->n_items, 1);
	assert_string_equal(s->items[0].id, "D-TA-2-A.1");
	assert_int_equal(s->n_stagnant_practices, 0);
	assert_true(s->practices[0].excluded);
	assert_false(s->practices[0].stagnant);
	samm_stagnant_free(s);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_true(r.partial);
	assert_score(r.overall, 1.125);
	assert_int_equal(r.n_stagnant_items, 1);
	assert_int_equal(r.broken, 0);                  /* 1 <= 1 stagnant, 1.125 >= 1 */
	samm_check_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope_scorecard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_check, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
