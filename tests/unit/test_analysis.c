/* test_analysis.c - diff, stagnation, trend, item history and the policy
 * check on scripted histories whose every figure is worked out by hand
 * below.
 *
 * Each test builds a temp-file database through the store API in its own
 * mkdtemp folder, removed afterwards. */
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
#include "samm/store.h"
#include "samm/util.h"
#include "fixture.h"
#include "samm/value.h"

/* Model A, in model order (function, practice, stream, level):
 *   [0] G-SM-1-A.1  [1] G-SM-1-A.2   activity G-SM-1-A  (SM stream A)
 *   [2] G-SM-1-B.1                   activity G-SM-1-B  (SM stream B)
 *   [3] D-TA-1-A.1  [4] D-TA-1-A.2   activity D-TA-1-A  (TA stream A, level 1)
 *   [5] D-TA-2-A.1                   activity D-TA-2-A  (TA stream A, level 2)
 *   [6] D-TA-1-B.1                   activity D-TA-1-B  (TA stream B, level 1)
 *   [7] D-TA-2-B.1                   activity D-TA-2-B  (TA stream B, level 2) */
static const char MODEL_A[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-A.2,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C2\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n"
	"D-TA-2-B.1,Design,TA,Threat Assessment,B,Model,2,Act TA2B,Q?,C8\n";
static const char *const A_IDS[] = {
	"G-SM-1-A.1", "G-SM-1-A.2", "G-SM-1-B.1", "D-TA-1-A.1", "D-TA-1-A.2",
	"D-TA-2-A.1", "D-TA-1-B.1", "D-TA-2-B.1",
};

/* Model B: A without G-SM-1-A.2, with G-SM-1-A.3 and a practice EG. */
static const char MODEL_B[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-A.3,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C9\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"G-EG-1-A.1,Governance,EG,Education & Guidance,A,Train,1,Act EG1A,Q?,C10\n"
	"G-EG-1-B.1,Governance,EG,Education & Guidance,B,Guide,1,Act EG1B,Q?,C11\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n"
	"D-TA-2-B.1,Design,TA,Threat Assessment,B,Model,2,Act TA2B,Q?,C8\n";

#define EPS 1e-9
#define assert_score(a, b) assert_true(fabs((double)(a) - (double)(b)) < EPS)

struct fx {
	char dir[64];
	char path[128];
	struct samm_store *st;
	int64_t model_a, model_b;
	struct samm_scope org;
	int64_t p[5];           /* the scripted history's periods P1..P5 */
	struct samm_error err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_analysis");
	snprintf(f->path, sizeof f->path, "%s/sammtui.db", f->dir);
	samm_clock_pin("2026-11-22T10:00:00Z");
	fx_store_with_models(f->path, MODEL_A, MODEL_B, &f->st, &f->model_a, &f->model_b, &f->org,
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

static int64_t period(struct fx *f, int64_t scope, const char *name, const char *date,
		      int64_t model)
{
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, scope, name, date, SAMM_FROM_NOTHING, 0,
					       model, &p, &f->err), SAMM_OK);
	return p.id;
}

/* Set values from a spec: one letter per id (n s h m a = no some half most
 * na, '.' = leave unset). */
static void setv(struct fx *f, int64_t pid, const char *const *ids, const char *spec)
{
	struct samm_change c[16];
	size_t n = 0;
	for (size_t i = 0; spec[i]; i++) {
		const char *at = strchr("nshma", spec[i]);
		if (!at)
			continue;
		memset(&c[n], 0, sizeof c[n]);
		c[n].item = ids[i];
		c[n].set_value = 1;
		c[n].value = at[0] == 'a' ? SAMM_NA : (int)(at - "nshma");
		n++;
	}
	assert_int_equal(samm_store_apply(f->st, pid, c, n, "tester", NULL, &f->err), SAMM_OK);
}

static void note(struct fx *f, int64_t pid, const char *item, const char *text)
{
	struct samm_change c = { .item = item, .set_note = 1, .note = text };
	assert_int_equal(samm_store_apply(f->st, pid, &c, 1, "tester", NULL, &f->err), SAMM_OK);
}

/* The scripted history of the default scope, model A (ids in A_IDS order):
 *
 *          SM-A.1 SM-A.2 SM-B.1 TA-A.1 TA-A.2 TA2A.1 TA-B.1 TA2B.1
 *   P1       no     no    some   half     .     na    half     .
 *   P2       no    some   some   half     .     na    half     .
 *   P3       no    some   half   most   half    na    half     .
 *   P4       no    some   half   most   half    na    some     .
 *   P5       no    some   half   some   half    na    most     .
 *
 * Scores (SM = (min(A.1,A.2) + B.1)/2; TA = (min(TA-A.1,TA-A.2) + 0 (N/A
 * activity) + TA-B.1 + 0 (unset)) / 2; overall = (SM + TA) / 2):
 *   SM       0.125  0.125  0.25   0.25   0.25
 *   TA       0.25   0.25   0.5    0.375  0.625
 *   overall  0.1875 0.1875 0.375  0.3125 0.4375
 * Periods are created out of date order (P4 before P3) on purpose. */
static void history(struct fx *f)
{
	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	f->p[1] = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	f->p[3] = period(f, f->org.id, "P4", "2025-10-15", f->model_a);
	f->p[2] = period(f, f->org.id, "P3", "2025-07-15", f->model_a);
	f->p[4] = period(f, f->org.id, "P5", "2026-01-15", f->model_a);
	setv(f, f->p[0], A_IDS, "nnsh.ah.");
	setv(f, f->p[1], A_IDS, "nssh.ah.");
	setv(f, f->p[2], A_IDS, "nshmhah.");
	setv(f, f->p[3], A_IDS, "nshmhas.");
	setv(f, f->p[4], A_IDS, "nshsham.");
	note(f, f->p[3], "G-SM-1-A.1", "waiting");
	note(f, f->p[4], "G-SM-1-A.1", "still no budget");
}

/* ---- Directions ------------------------------------------------------------ */

static void test_value_dir(void **state)
{
	(void)state;
	assert_int_equal(samm_value_dir(SAMM_NO, SAMM_HALF), SAMM_DIR_UP);
	assert_int_equal(samm_value_dir(SAMM_UNSET, SAMM_SOME), SAMM_DIR_UP);
	assert_int_equal(samm_value_dir(SAMM_NA, SAMM_HALF), SAMM_DIR_UP);
	assert_int_equal(samm_value_dir(SAMM_MOST, SAMM_HALF), SAMM_DIR_DOWN);
	assert_int_equal(samm_value_dir(SAMM_HALF, SAMM_NA), SAMM_DIR_DOWN);
	assert_int_equal(samm_value_dir(SAMM_UNSET, SAMM_NO), SAMM_DIR_CHANGED);
	assert_int_equal(samm_value_dir(SAMM_NO, SAMM_NA), SAMM_DIR_CHANGED);
	assert_int_equal(samm_value_dir(SAMM_NA, SAMM_UNSET), SAMM_DIR_CHANGED);
	assert_int_equal(samm_value_dir(SAMM_SOME, SAMM_SOME), SAMM_DIR_SAME);
	assert_string_equal(samm_dir_name(SAMM_DIR_CHANGED), "changed");
	assert_string_equal(samm_dir_name(SAMM_DIR_REMOVED), "removed");
}

/* ---- Diff ---------------------------------------------------------------------- */

static void assert_item(const struct samm_diff_item *it, const char *id, int ov, int nv,
			enum samm_dir dir)
{
	assert_string_equal(it->id, id);
	assert_int_equal(it->old_value, ov);
	assert_int_equal(it->new_value, nv);
	assert_int_equal(it->dir, dir);
}

static void assert_fig(const struct samm_diff_fig *fg, enum samm_level lv, const char *id,
		       double o, double n, enum samm_dir dir)
{
	assert_int_equal(fg->level, lv);
	assert_string_equal(fg->id, id);
	assert_score(fg->old_score, o);
	assert_score(fg->new_score, n);
	if (dir != SAMM_DIR_ADDED && dir != SAMM_DIR_REMOVED)
		assert_score(fg->delta, n - o);
	assert_int_equal(fg->dir, dir);
}

static void test_diff_p4_p5(void **state)
{
	struct fx *f = *state;
	struct samm_diff *d;
	history(f);
	assert_int_equal(samm_diff_periods(f->st, f->p[3], f->p[4], SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_OK);
	assert_true(d->same_model);
	assert_string_equal(d->old_period.name, "P4");
	assert_string_equal(d->new_period.name, "P5");
	assert_int_equal(d->n_items, 2);
	assert_item(&d->items[0], "D-TA-1-A.1", SAMM_MOST, SAMM_SOME, SAMM_DIR_DOWN);
	assert_item(&d->items[1], "D-TA-1-B.1", SAMM_SOME, SAMM_MOST, SAMM_DIR_UP);
	assert_int_equal(d->n_up, 1);
	assert_int_equal(d->n_down, 1);
	assert_int_equal(d->n_changed, 0);
	assert_int_equal(d->n_added, 0);
	assert_int_equal(d->n_removed, 0);
	assert_int_equal(d->n_notes, 1);
	assert_string_equal(d->notes[0].id, "G-SM-1-A.1");
	assert_string_equal(d->notes[0].old_note, "waiting");
	assert_string_equal(d->notes[0].new_note, "still no budget");
	assert_int_equal(d->n_figs, 5);
	assert_fig(&d->figs[0], SAMM_L_OVERALL, "overall", 0.3125, 0.4375, SAMM_DIR_UP);
	assert_fig(&d->figs[1], SAMM_L_FUNCTION, "Governance", 0.25, 0.25, SAMM_DIR_SAME);
	assert_fig(&d->figs[2], SAMM_L_PRACTICE, "SM", 0.25, 0.25, SAMM_DIR_SAME);
	assert_fig(&d->figs[3], SAMM_L_FUNCTION, "Design", 0.375, 0.625, SAMM_DIR_UP);
	assert_fig(&d->figs[4], SAMM_L_PRACTICE, "TA", 0.375, 0.625, SAMM_DIR_UP);
	assert_string_equal(d->figs[4].name, "Threat Assessment");
	assert_fig(&d->overall, SAMM_L_OVERALL, "overall", 0.3125, 0.4375, SAMM_DIR_UP);
	samm_diff_free(d);

	/* Either order: the first period given is the old one. */
	assert_int_equal(samm_diff_periods(f->st, f->p[4], f->p[3], SAMM_L_OVERALL, &d, &f->err),
			 SAMM_OK);
	assert_int_equal(d->n_items, 2);
	assert_item(&d->items[0], "D-TA-1-A.1", SAMM_SOME, SAMM_MOST, SAMM_DIR_UP);
	assert_item(&d->items[1], "D-TA-1-B.1", SAMM_MOST, SAMM_SOME, SAMM_DIR_DOWN);
	assert_int_equal(d->n_figs, 1);
	assert_fig(&d->figs[0], SAMM_L_OVERALL, "overall", 0.4375, 0.3125, SAMM_DIR_DOWN);
	assert_string_equal(d->notes[0].old_note, "still no budget");
	samm_diff_free(d);
}

static void test_diff_p2_p3_by_activity(void **state)
{
	struct fx *f = *state;
	struct samm_diff *d;
	history(f);
	assert_int_equal(samm_diff_periods(f->st, f->p[1], f->p[2], SAMM_L_ACTIVITY, &d, &f->err),
			 SAMM_OK);
	assert_int_equal(d->n_items, 3);
	assert_item(&d->items[0], "G-SM-1-B.1", SAMM_SOME, SAMM_HALF, SAMM_DIR_UP);
	assert_item(&d->items[1], "D-TA-1-A.1", SAMM_HALF, SAMM_MOST, SAMM_DIR_UP);
	assert_item(&d->items[2], "D-TA-1-A.2", SAMM_UNSET, SAMM_HALF, SAMM_DIR_UP);
	assert_int_equal(d->n_up, 3);
	assert_int_equal(d->n_notes, 0);
	/* overall, Governance, SM, SM-A, G-SM-1-A, SM-B, G-SM-1-B, Design, TA,
	 * TA-A, D-TA-1-A, D-TA-2-A, TA-B, D-TA-1-B, D-TA-2-B */
	assert_int_equal(d->n_figs, 15);
	assert_fig(&d->figs[0], SAMM_L_OVERALL, "overall", 0.1875, 0.375, SAMM_DIR_UP);
	assert_fig(&d->figs[3], SAMM_L_STREAM, "SM-A", 0, 0, SAMM_DIR_SAME);
	assert_fig(&d->figs[6], SAMM_L_ACTIVITY, "G-SM-1-B", 0.25, 0.5, SAMM_DIR_UP);
	assert_fig(&d->figs[10], SAMM_L_ACTIVITY, "D-TA-1-A", 0, 1 * 0.5, SAMM_DIR_UP);
	assert_fig(&d->figs[11], SAMM_L_ACTIVITY, "D-TA-2-A", 0, 0, SAMM_DIR_SAME);
	assert_true(d->figs[11].old_na && d->figs[11].new_na);
	samm_diff_free(d);
}

static void test_diff_errors(void **state)
{
	struct fx *f = *state;
	struct samm_scope other;
	struct samm_diff *d = (struct samm_diff *)1;
	history(f);
	assert_int_equal(samm_store_scope_new(f->st, "Other", &other, &f->err), SAMM_OK);
	int64_t o = period(f, other.id, "P1", "2025-01-15", f->model_a);
	assert_int_equal(samm_diff_periods(f->st, f->p[0], o, SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_USAGE);
	assert_null(d);
	assert_string_equal(f->err.msg, "periods 'P1' and 'P1' belong to different scopes");
	assert_int_equal(samm_diff_periods(f->st, f->p[0], 9999, SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_NOTFOUND);
	/* The same period twice: nothing differs. */
	assert_int_equal(samm_diff_periods(f->st, f->p[2], f->p[2], SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_OK);
	assert_int_equal(d->n_items + d->n_notes + d->n_added + d->n_removed, 0);
	assert_int_equal(d->figs[0].dir, SAMM_DIR_SAME);
	samm_diff_free(d);
}

/* ---- Stagnation --------------------------------------------------------------------- */

static void assert_stag(const struct samm_stagnant *s, const struct samm_stag_item *it,
			const char *id, int value, int run, const char *since)
{
	assert_string_equal(it->id, id);
	assert_int_equal(it->value, value);
	assert_int_equal(it->run, run);
	assert_string_equal(s->periods[it->since].name, since);
}

static void assert_regr(const struct samm_stagnant *s, const struct samm_stag_item *it,
			const char *id, int from, int to, const char *in)
{
	assert_string_equal(it->id, id);
	assert_int_equal(it->from_value, from);
	assert_int_equal(it->value, to);
	assert_string_equal(s->periods[it->since].name, in);
}

static void test_stagnant_window3(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	history(f);
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_string_equal(s->scope.name, "Organization");
	assert_int_equal(s->n_periods, 5);
	assert_string_equal(s->periods[2].name, "P3");     /* by date, not creation */
	assert_true(s->enough);
	assert_int_equal(s->n_items, 4);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 5, "P1");
	assert_string_equal(s->items[0].note, "still no budget");
	assert_stag(s, &s->items[1], "G-SM-1-A.2", SAMM_SOME, 4, "P2");
	assert_null(s->items[1].note);
	assert_stag(s, &s->items[2], "G-SM-1-B.1", SAMM_HALF, 3, "P3");
	assert_stag(s, &s->items[3], "D-TA-1-A.2", SAMM_HALF, 3, "P3");
	assert_string_equal(s->model->practices[s->items[3].practice].code, "TA");
	assert_int_equal(s->n_regressed, 2);
	assert_regr(s, &s->regressed[0], "D-TA-1-A.1", SAMM_MOST, SAMM_SOME, "P5");
	assert_regr(s, &s->regressed[1], "D-TA-1-B.1", SAMM_HALF, SAMM_SOME, "P4");
	assert_int_equal(s->n_unassessed, 1);           /* D-TA-2-B.1; N/A D-TA-2-A.1 is not */

	assert_int_equal(s->n_practices, 2);
	assert_int_equal(s->n_stagnant_practices, 1);
	assert_int_equal(s->n_regressed_practices, 1);
	const struct samm_stag_practice *sm = &s->practices[0], *ta = &s->practices[1];
	assert_string_equal(sm->code, "SM");
	assert_true(sm->stagnant);
	assert_false(sm->regressed);
	assert_score(sm->score, 0.25);
	assert_score(sm->window_score, 0.25);
	assert_string_equal(ta->code, "TA");
	assert_false(ta->stagnant);                     /* 0.5 -> 0.375 -> 0.625 rose */
	assert_true(ta->regressed);
	assert_score(ta->fell_from, 0.5);
	assert_score(ta->fell_to, 0.375);
	assert_string_equal(s->periods[ta->fell_in].name, "P4");
	samm_stagnant_free(s);
}

static void test_stagnant_other_windows(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	history(f);

	/* N = 2: P4, P5.  TA rose 0.375 -> 0.625, D-TA-1-B.1 rose. */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 2, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_items, 4);
	assert_stag(s, &s->items[2], "G-SM-1-B.1", SAMM_HALF, 3, "P3");
	assert_int_equal(s->n_regressed, 1);
	assert_regr(s, &s->regressed[0], "D-TA-1-A.1", SAMM_MOST, SAMM_SOME, "P5");
	assert_int_equal(s->n_stagnant_practices, 1);
	assert_true(s->practices[0].stagnant);
	assert_int_equal(s->n_regressed_practices, 0);
	samm_stagnant_free(s);

	/* N = 5: the whole history.  SM rose from 0.125. */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 5, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_items, 1);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 5, "P1");
	assert_int_equal(s->n_regressed, 2);
	assert_int_equal(s->n_stagnant_practices, 0);
	assert_int_equal(s->n_regressed_practices, 1);
	samm_stagnant_free(s);

	/* N = 6: too few periods; regressions still found over the five. */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 6, &s, &f->err), SAMM_OK);
	assert_false(s->enough);
	assert_int_equal(s->n_items, 0);
	assert_int_equal(s->n_unassessed, 0);
	assert_int_equal(s->n_stagnant_practices, 0);
	assert_int_equal(s->n_regressed, 2);
	samm_stagnant_free(s);

	s = (struct samm_stagnant *)1;
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 1, &s, &f->err), SAMM_USAGE);
	assert_null(s);
}

static void test_stagnant_deleted_middle(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	struct samm_trend *t;
	history(f);
	assert_int_equal(samm_store_period_delete(f->st, f->p[2], "tester", &f->err), SAMM_OK);

	/* Window P2, P4, P5. */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_periods, 4);
	assert_int_equal(s->n_items, 2);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 4, "P1");
	assert_stag(s, &s->items[1], "G-SM-1-A.2", SAMM_SOME, 3, "P2");
	assert_int_equal(s->n_regressed, 2);
	assert_regr(s, &s->regressed[0], "D-TA-1-A.1", SAMM_MOST, SAMM_SOME, "P5");
	assert_regr(s, &s->regressed[1], "D-TA-1-B.1", SAMM_HALF, SAMM_SOME, "P4");
	assert_int_equal(s->n_stagnant_practices, 0);   /* SM 0.125 -> 0.25, TA 0.25 -> 0.625 */
	assert_int_equal(s->n_regressed_practices, 0);
	assert_int_equal(s->n_unassessed, 1);
	samm_stagnant_free(s);

	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_OVERALL, &t, &f->err),
			 SAMM_OK);
	assert_int_equal(t->n_periods, 4);
	assert_int_equal(t->n_rows, 1);
	assert_score(t->rows[0].score[1], 0.1875);
	assert_score(t->rows[0].score[2], 0.3125);
	samm_trend_free(t);
}

static void test_stagnant_few_or_no_periods(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	struct samm_check_result r;
	struct samm_check_policy pol = { 3, 0, 1, -1, -1 };

	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_periods, 0);
	assert_false(s->enough);
	assert_null(s->model);
	samm_stagnant_free(s);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_NOTFOUND);
	assert_string_equal(f->err.msg, "scope 'Organization' has no periods");

	int64_t p1 = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	int64_t p2 = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	setv(f, p1, A_IDS, "nnnnnnnn");
	setv(f, p2, A_IDS, "nnnnnnnn");
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_periods, 2);
	assert_false(s->enough);
	assert_int_equal(s->n_items, 0);
	samm_stagnant_free(s);
	/* Nothing stagnant, so --max-stagnant 0 holds. */
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, 0);
	assert_false(r.enough);
	samm_check_result_free(&r);
}

/* ---- Two models ------------------------------------------------------------------------ */

/* Scope "Mixed": Q1 on model B, Q2..Q4 on model A.
 *   Q1 (B): G-SM-1-A.1 no, G-SM-1-A.3 some, G-SM-1-B.1 half, G-EG-1-A.1 most
 *           SM (0 + 0.5)/2 = 0.25, EG (1 + 0)/2 = 0.5, Governance 0.375,
 *           TA 0, Design 0, overall 0.1875
 *   Q2..Q4 (A): G-SM-1-A.1 no, G-SM-1-A.2 no, G-SM-1-B.1 half, D-TA-1-B.1 no
 *           SM 0.25, Governance 0.25, TA 0, overall 0.125 */
static void test_two_models(void **state)
{
	static const char *const b_ids[] = {
		"G-SM-1-A.1", "G-SM-1-A.3", "G-SM-1-B.1", "G-EG-1-A.1",
	};
	struct fx *f = *state;
	struct samm_scope mx;
	struct samm_diff *d;
	struct samm_stagnant *s;
	struct samm_trend *t;
	int64_t q[4];

	assert_int_equal(samm_store_scope_new(f->st, "Mixed", &mx, &f->err), SAMM_OK);
	q[0] = period(f, mx.id, "Q1", "2025-03-31", f->model_b);
	q[1] = period(f, mx.id, "Q2", "2025-06-30", f->model_a);
	q[2] = period(f, mx.id, "Q3", "2025-09-30", f->model_a);
	q[3] = period(f, mx.id, "Q4", "2025-12-31", f->model_a);
	setv(f, q[0], b_ids, "nshm");
	for (int i = 1; i < 4; i++)
		setv(f, q[i], A_IDS, "nnh...n.");

	assert_int_equal(samm_diff_periods(f->st, q[0], q[1], SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_OK);
	assert_false(d->same_model);
	assert_int_equal(d->n_items, 1);
	assert_item(&d->items[0], "D-TA-1-B.1", SAMM_UNSET, SAMM_NO, SAMM_DIR_CHANGED);
	assert_int_equal(d->n_changed, 1);
	assert_int_equal(d->n_added, 1);
	assert_item(&d->added[0], "G-SM-1-A.2", SAMM_UNSET, SAMM_NO, SAMM_DIR_ADDED);
	assert_int_equal(d->n_removed, 3);
	assert_item(&d->removed[0], "G-SM-1-A.3", SAMM_SOME, SAMM_UNSET, SAMM_DIR_REMOVED);
	assert_item(&d->removed[1], "G-EG-1-A.1", SAMM_MOST, SAMM_UNSET, SAMM_DIR_REMOVED);
	assert_item(&d->removed[2], "G-EG-1-B.1", SAMM_UNSET, SAMM_UNSET, SAMM_DIR_REMOVED);
	assert_int_equal(d->n_figs, 6);
	assert_fig(&d->figs[0], SAMM_L_OVERALL, "overall", 0.1875, 0.125, SAMM_DIR_DOWN);
	assert_fig(&d->figs[1], SAMM_L_FUNCTION, "Governance", 0.375, 0.25, SAMM_DIR_DOWN);
	assert_fig(&d->figs[2], SAMM_L_PRACTICE, "SM", 0.25, 0.25, SAMM_DIR_SAME);
	assert_fig(&d->figs[3], SAMM_L_FUNCTION, "Design", 0, 0, SAMM_DIR_SAME);
	assert_fig(&d->figs[4], SAMM_L_PRACTICE, "TA", 0, 0, SAMM_DIR_SAME);
	assert_fig(&d->figs[5], SAMM_L_PRACTICE, "EG", 0.5, 0, SAMM_DIR_REMOVED);
	samm_diff_free(d);

	/* The reverse adds what was removed. */
	assert_int_equal(samm_diff_periods(f->st, q[3], q[0], SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_OK);
	assert_int_equal(d->n_added, 3);
	assert_int_equal(d->n_removed, 1);
	assert_fig(&d->figs[3], SAMM_L_PRACTICE, "EG", 0, 0.5, SAMM_DIR_ADDED);
	samm_diff_free(d);

	/* G-SM-1-A.2 and D-TA-1-B.1 runs stop at Q2: absent / unset in Q1. */
	assert_int_equal(samm_stagnant_compute(f->st, mx.id, 3, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_items, 4);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 4, "Q1");
	assert_stag(s, &s->items[1], "G-SM-1-A.2", SAMM_NO, 3, "Q2");
	assert_stag(s, &s->items[2], "G-SM-1-B.1", SAMM_HALF, 4, "Q1");
	assert_stag(s, &s->items[3], "D-TA-1-B.1", SAMM_NO, 3, "Q2");
	assert_int_equal(s->n_unassessed, 4);
	assert_int_equal(s->n_regressed, 0);
	assert_int_equal(s->n_stagnant_practices, 2);
	samm_stagnant_free(s);

	/* Window Q1..Q3 would need G-SM-1-A.2 in Q1: with N = 4 it is not
	 * stagnant, being absent from Q1. */
	assert_int_equal(samm_stagnant_compute(f->st, mx.id, 4, &s, &f->err), SAMM_OK);
	assert_int_equal(s->n_items, 2);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 4, "Q1");
	assert_stag(s, &s->items[1], "G-SM-1-B.1", SAMM_HALF, 4, "Q1");
	assert_int_equal(s->n_stagnant_practices, 2);   /* SM 0.25 and TA 0 throughout */
	samm_stagnant_free(s);

	assert_int_equal(samm_trend_compute(f->st, mx.id, SAMM_L_PRACTICE, &t, &f->err), SAMM_OK);
	assert_int_equal(t->n_periods, 4);
	assert_int_equal(t->n_rows, 6);
	assert_string_equal(t->rows[0].id, "overall");
	assert_string_equal(t->rows[1].id, "Governance");
	assert_string_equal(t->rows[2].id, "SM");
	assert_string_equal(t->rows[3].id, "Design");
	assert_string_equal(t->rows[4].id, "TA");
	assert_string_equal(t->rows[5].id, "EG");
	assert_score(t->rows[0].score[0], 0.1875);
	assert_score(t->rows[0].score[3], 0.125);
	assert_score(t->rows[1].score[0], 0.375);
	assert_score(t->rows[1].score[1], 0.25);
	assert_true(t->rows[5].present[0]);
	assert_score(t->rows[5].score[0], 0.5);
	assert_false(t->rows[5].present[1]);
	assert_false(t->rows[5].present[3]);
	samm_trend_free(t);
}

/* ---- Trend, history, check ---------------------------------------------------------------- */

static void test_trend(void **state)
{
	static const double want[5][5] = {
		{ 0.1875, 0.1875, 0.375, 0.3125, 0.4375 },      /* overall */
		{ 0.125, 0.125, 0.25, 0.25, 0.25 },             /* Governance */
		{ 0.125, 0.125, 0.25, 0.25, 0.25 },             /* SM */
		{ 0.25, 0.25, 0.5, 0.375, 0.625 },              /* Design */
		{ 0.25, 0.25, 0.5, 0.375, 0.625 },              /* TA */
	};
	static const char *const ids[] = { "overall", "Governance", "SM", "Design", "TA" };
	struct fx *f = *state;
	struct samm_trend *t;
	history(f);
	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_PRACTICE, &t, &f->err),
			 SAMM_OK);
	assert_int_equal(t->n_periods, 5);
	assert_int_equal(t->n_rows, 5);
	for (int r = 0; r < 5; r++) {
		assert_string_equal(t->rows[r].id, ids[r]);
		for (int p = 0; p < 5; p++) {
			assert_true(t->rows[r].present[p]);
			assert_score(t->rows[r].score[p], want[r][p]);
		}
	}
	assert_string_equal(t->periods[3].name, "P4");
	samm_trend_free(t);

	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_FUNCTION, &t, &f->err),
			 SAMM_OK);
	assert_int_equal(t->n_rows, 3);
	assert_string_equal(t->rows[2].id, "Design");
	samm_trend_free(t);
	t = (struct samm_trend *)1;
	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_ITEM, &t, &f->err),
			 SAMM_USAGE);
	assert_null(t);
}

/* The screens score only the periods they show: a range gives the same
 * rows and, inside it, the same figures; outside it nothing is present. */
static void test_trend_range(void **state)
{
	struct fx *f = *state;
	struct samm_trend *all, *t;
	history(f);
	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_PRACTICE, &all, &f->err),
			 SAMM_OK);
	assert_int_equal(samm_trend_compute_range(f->st, f->org.id, SAMM_L_PRACTICE, 2, 4, &t,
						  &f->err), SAMM_OK);
	assert_int_equal(t->n_periods, 5);
	assert_string_equal(t->periods[4].name, "P5");
	assert_int_equal(t->n_rows, all->n_rows);
	for (size_t r = 0; r < t->n_rows; r++) {
		assert_string_equal(t->rows[r].id, all->rows[r].id);
		for (size_t p = 0; p < 5; p++) {
			assert_int_equal(t->rows[r].present[p], p == 2 || p == 3);
			if (p == 2 || p == 3)
				assert_score(t->rows[r].score[p], all->rows[r].score[p]);
		}
	}
	samm_trend_free(t);
	/* past the end: to the end */
	assert_int_equal(samm_trend_compute_range(f->st, f->org.id, SAMM_L_PRACTICE, 3, 99, &t,
						  &f->err), SAMM_OK);
	assert_true(t->rows[0].present[4]);
	assert_score(t->rows[0].score[4], 0.4375);
	assert_false(t->rows[0].present[2]);
	samm_trend_free(t);
	samm_trend_free(all);
}

/* SAMM_STAG_WINDOW_ONLY: the same verdicts, runs counted in the window. */
static void test_stagnant_window_only(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *full, *s;
	history(f);
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &full, &f->err), SAMM_OK);
	assert_int_equal(samm_stagnant_compute_ex(f->st, f->org.id, 3, SAMM_STAG_WINDOW_ONLY, &s,
						  &f->err), SAMM_OK);
	assert_int_equal(s->n_items, full->n_items);
	assert_int_equal(s->n_regressed, full->n_regressed);
	assert_int_equal(s->n_stagnant_practices, full->n_stagnant_practices);
	for (size_t i = 0; i < s->n_items; i++) {
		assert_string_equal(s->items[i].id, full->items[i].id);
		assert_int_equal(s->items[i].run, 3);
		assert_string_equal(s->periods[s->items[i].since].name, "P3");
	}
	/* the full walk goes further back: G-SM-1-A.1 since P1 */
	assert_int_equal(full->items[0].run, 5);
	samm_stagnant_free(s);
	samm_stagnant_free(full);
}

static void test_item_history(void **state)
{
	struct fx *f = *state;
	struct samm_item_hist *h;
	size_t n;
	history(f);
	assert_int_equal(samm_item_history(f->st, f->org.id, "D-TA-1-A.1", &h, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(n, 5);
	static const int want[] = { SAMM_HALF, SAMM_HALF, SAMM_MOST, SAMM_MOST, SAMM_SOME };
	for (size_t i = 0; i < n; i++) {
		assert_true(h[i].present);
		assert_int_equal(h[i].value, want[i]);
		assert_null(h[i].note);
		assert_string_equal(h[i].updated_by, "tester");
	}
	assert_string_equal(h[2].period.name, "P3");
	samm_item_history_free(h, n);

	assert_int_equal(samm_item_history(f->st, f->org.id, "G-SM-1-A.1", &h, &n, &f->err),
			 SAMM_OK);
	assert_null(h[2].note);
	assert_string_equal(h[3].note, "waiting");
	assert_string_equal(h[4].note, "still no budget");
	samm_item_history_free(h, n);

	/* Never set: present, unset, no author. */
	assert_int_equal(samm_item_history(f->st, f->org.id, "D-TA-2-B.1", &h, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(h[0].value, SAMM_UNSET);
	assert_true(h[0].present);
	assert_null(h[0].updated_by);
	samm_item_history_free(h, n);

	assert_int_equal(samm_item_history(f->st, f->org.id, "X-1", &h, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 5);
	assert_false(h[4].present);
	samm_item_history_free(h, n);
}

static void test_check(void **state)
{
	struct fx *f = *state;
	struct samm_check_result r;
	struct samm_check_policy pol = { 3, -1, 0, -1, -1 };
	history(f);

	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, 0);
	assert_true(r.has_previous);
	assert_string_equal(r.latest.name, "P5");
	assert_string_equal(r.previous.name, "P4");
	assert_int_equal(r.n_up, 1);
	assert_int_equal(r.n_down, 1);
	assert_score(r.overall, 0.4375);
	assert_score(r.overall_delta, 0.125);
	assert_int_equal(r.n_stagnant_items, 4);
	assert_int_equal(r.n_stagnant_practices, 1);
	assert_int_equal(r.n_regressed_items, 2);
	assert_int_equal(r.n_regressed_practices, 1);

	pol.max_stagnant = 4;
	pol.min_overall = 0.4375;
	samm_check_result_free(&r);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, 0);

	pol.max_stagnant = 3;
	pol.no_regressions = 1;
	pol.min_overall = 0.5;
	samm_check_result_free(&r);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, SAMM_CHECK_MAX_STAGNANT | SAMM_CHECK_REGRESSIONS |
			 SAMM_CHECK_MIN_OVERALL);

	/* N = 2: no regressed practice, one regressed item (D-TA-1-A.1). */
	pol.window = 2;
	pol.max_stagnant = -1;
	pol.min_overall = -1;
	samm_check_result_free(&r);
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.n_regressed_items, 1);
	assert_int_equal(r.broken, SAMM_CHECK_REGRESSIONS);
	samm_check_result_free(&r);
}

/* The check's coverage comes from its own stagnation pass: the three
 * activities holding stagnant items (G-SM-1-A, G-SM-1-B, D-TA-1-A), no
 * project covering them, so --max-uncovered 2 breaks and 3 holds. */
static void test_check_uncovered(void **state)
{
	struct fx *f = *state;
	struct samm_check_result r;
	struct samm_check_policy pol = { 3, -1, 0, -1, 3 };
	history(f);

	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.n_uncovered, 3);
	assert_non_null(r.coverage);
	assert_int_equal(r.coverage->n_stagnant, 3);
	assert_int_equal(r.broken, 0);
	samm_check_result_free(&r);
	assert_null(r.coverage);

	pol.max_uncovered = 2;
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, SAMM_CHECK_MAX_UNCOVERED);
	samm_check_result_free(&r);

	pol.max_uncovered = -1;
	assert_int_equal(samm_check_run(f->st, f->org.id, &pol, &r, &f->err), SAMM_OK);
	assert_int_equal(r.broken, 0);
	samm_check_result_free(&r);
}

/* ---- The bundled model ------------------------------------------------------------------------ */

static void test_bundled_model(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *s;
	struct samm_trend *t;
	struct samm_diff *d;
	int64_t id, p[3];
	int created;
	static const char *const one[] = { "G-SM-1-A.1" };

	assert_int_equal(samm_store_model_add(f->st, (const char *)samm_bundled_model,
					      samm_bundled_model_len, "samm-2.0.csv", "SAMM",
					      "2.0", &id, &created, &f->err), SAMM_OK);
	p[0] = period(f, f->org.id, "2025-Q2", "2025-06-30", id);
	p[1] = period(f, f->org.id, "2025-Q3", "2025-09-30", id);
	p[2] = period(f, f->org.id, "2025-Q4", "2025-12-31", id);
	for (int i = 0; i < 3; i++)
		setv(f, p[i], one, "n");
	static const char *const two[] = { "I-SB-1-A.1" };
	setv(f, p[2], two, "m");

	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_int_equal(s->model->n_items, 294);
	assert_int_equal(s->n_items, 1);
	assert_stag(s, &s->items[0], "G-SM-1-A.1", SAMM_NO, 3, "2025-Q2");
	assert_int_equal(s->n_unassessed, 292);
	assert_int_equal(s->n_practices, 15);
	samm_stagnant_free(s);

	assert_int_equal(samm_trend_compute(f->st, f->org.id, SAMM_L_PRACTICE, &t, &f->err),
			 SAMM_OK);
	assert_int_equal(t->n_rows, 21);
	samm_trend_free(t);

	assert_int_equal(samm_diff_periods(f->st, p[0], p[2], SAMM_L_PRACTICE, &d, &f->err),
			 SAMM_OK);
	assert_int_equal(d->n_items, 1);
	assert_item(&d->items[0], "I-SB-1-A.1", SAMM_UNSET, SAMM_MOST, SAMM_DIR_UP);
	assert_int_equal(d->n_figs, 21);
	samm_diff_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_dir),
		cmocka_unit_test_setup_teardown(test_diff_p4_p5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_p2_p3_by_activity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_window3, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_other_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_deleted_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_few_or_no_periods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_models, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trend_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_window_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_uncovered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundled_model, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
