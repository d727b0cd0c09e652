/* test_roadmap.c - phases, the rule that picks a period's phase, targets
 * carried from phase to phase, projected figures, scopes that assess part
 * of SAMM and projects serving a phase, on scripted histories worked out by
 * hand below (fixing periods and the migration: test_roadmap_store.c).
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
#include "samm/project.h"
#include "samm/roadmap.h"
#include "samm/score.h"
#include "samm/store.h"
#include "fixture.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/store/testing.h"

#include "roadmap_fx.h"

/* ---- The rule ----------------------------------------------------------------------------- */

/* Phases A (due 2025-03-31) and B (due 2025-06-30).  A period counts the
 * first phase due on or after its date, else the last one. */
static void test_phase_rule(void **state)
{
	struct fx *f = *state;
	int64_t jan = period(f, "Jan", "2025-01-15", f->model_a);
	int64_t mar = period(f, "Mar", "2025-03-31", f->model_a);
	int64_t apr = period(f, "Apr", "2025-04-01", f->model_a);
	int64_t jun = period(f, "Jun", "2025-06-30", f->model_a);
	int64_t aug = period(f, "Aug", "2025-08-01", f->model_a);

	/* no phase: nothing counts, no targets */
	assert_string_equal(phase_of(f, jan), "");
	assert_string_equal(targets_of(f, jan), "......");

	/* created out of order: the due dates decide */
	phase(f, "B", "2025-06-30");
	phase(f, "A", "2025-03-31");
	assert_string_equal(phase_of(f, jan), "A");
	assert_string_equal(phase_of(f, mar), "A");     /* exactly on A's due date */
	assert_string_equal(phase_of(f, apr), "B");
	assert_string_equal(phase_of(f, jun), "B");     /* exactly on B's */
	assert_string_equal(phase_of(f, aug), "B");     /* after every phase: the last */

	/* moving a due date moves the periods it counts for */
	struct samm_phase a;
	struct samm_phase_fields pf = { NULL, "2025-04-01", NULL };
	int cnt;
	assert_int_equal(samm_phase_find(f->st, f->org.id, "A", &a, &f->err), SAMM_OK);
	assert_int_equal(samm_phase_set(f->st, a.id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_string_equal(phase_of(f, apr), "A");
	assert_int_equal(samm_phase_for_period(f->st, 999, &a, &f->err), SAMM_NOTFOUND);
}

/* ---- Targets carried from phase to phase ---------------------------------------------------- */

static void test_carried(void **state)
{
	struct fx *f = *state;
	char own[16];
	int cnt;
	int64_t p = period(f, "Now", "2025-01-15", f->model_a);
	int64_t q1 = phase(f, "Q1", "2025-03-31");
	int64_t q2 = phase(f, "Q2", "2025-06-30");
	int64_t q3 = phase(f, "Q3", "2025-09-30");

	/* Q1: SM half; Q2 adds TA-1-B most on top; Q3 sets nothing */
	assert_int_equal(samm_phase_target_set(f->st, q1, "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 2);
	assert_int_equal(samm_phase_target_set(f->st, q2, "D-TA-1-B", SAMM_MOST, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_string_equal(phase_targets(f, q1, own), "hh....");
	assert_string_equal(own, "**----");
	assert_string_equal(phase_targets(f, q2, own), "hh..m.");
	assert_string_equal(own, "----*-");
	assert_string_equal(phase_targets(f, q3, own), "hh..m.");
	assert_string_equal(own, "------");

	/* what a phase already inherits is no change and stores nothing */
	assert_int_equal(samm_phase_target_set(f->st, q2, "G-SM-1-A", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM phase_target"), 3);

	/* an earlier phase changed later flows into the later ones, except
	 * where they set their own */
	assert_int_equal(samm_phase_target_set(f->st, q1, "overall", SAMM_SOME, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 6);
	assert_string_equal(phase_targets(f, q1, NULL), "ssssss");
	assert_string_equal(phase_targets(f, q2, NULL), "ssssms");
	assert_string_equal(phase_targets(f, q3, NULL), "ssssms");

	/* clearing in a phase: no target from that phase on */
	assert_int_equal(samm_phase_target_clear(f->st, q2, "D-TA-2-B", "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_string_equal(phase_targets(f, q2, own), "ssssm.");
	assert_string_equal(own, "----**");
	assert_string_equal(phase_targets(f, q3, NULL), "ssssm.");
	assert_int_equal(samm_phase_target_set(f->st, q3, "D-TA-2-B", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_string_equal(phase_targets(f, q3, NULL), "ssssmh");
	assert_int_equal(samm_phase_target_clear(f->st, q1, "SM", "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 2);
	assert_string_equal(phase_targets(f, q2, NULL), "..ssm.");
	/* the period (dated before Q1's due date) counts Q1 */
	assert_string_equal(targets_of(f, p), "..ssss");

	/* the log names the phase that changed */
	assert_string_equal(log_of(f, "target:G-SM-1-A"), "Q1:>half;Q1:half>some;Q1:some>");
	assert_string_equal(log_of(f, "target:D-TA-1-B"), "Q2:>most;Q1:>some");
	assert_string_equal(log_of(f, "target:D-TA-2-B"), "Q1:>some;Q2:some>;Q3:>half");

	/* deleting a phase: the ones after it inherit from the one before */
	assert_int_equal(samm_phase_delete(f->st, q2, "lead", &f->err), SAMM_OK);
	assert_string_equal(phase_targets(f, q3, NULL), "..sssh");
	assert_string_equal(log_of(f, "phase:Q2"),
			    "|created (due 2025-06-30);deleted (due 2025-06-30, 2 targets)|");
	assert_int_equal(samm_phase_target_set(f->st, q2, "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	/* bad values and ids write nothing */
	assert_int_equal(samm_phase_target_set(f->st, q3, "SM", SAMM_NA, "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_phase_target_set(f->st, q3, "G-SM-1-A.1", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_USAGE);
	assert_int_equal(samm_phase_target_set(f->st, q3, "NOPE", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_NOTFOUND);
	assert_string_equal(phase_targets(f, q3, NULL), "..sssh");
}

/* ---- Phases: names, dates, descriptions, the log -------------------------------------------- */

static void test_phase_crud(void **state)
{
	struct fx *f = *state;
	struct samm_phase p, *v;
	size_t n;
	int cnt;

	assert_int_equal(samm_phase_new(f->st, f->org.id, "2026-Q2", "2026-06-30", "first step",
					"lead", &p, &f->err), SAMM_OK);
	assert_string_equal(p.description, "first step");
	assert_int_equal(samm_phase_new(f->st, f->org.id, "2026-Q2", "2026-07-30", NULL, "lead",
					NULL, &f->err), SAMM_EXISTS);
	assert_int_equal(samm_phase_new(f->st, f->org.id, "Bad", "2026-02-30", NULL, "lead", NULL,
					&f->err), SAMM_USAGE);
	assert_int_equal(samm_phase_new(f->st, f->org.id, "Bad", "2026-06-30", "a\033[2Jb",
					"lead", NULL, &f->err), SAMM_USAGE);
	assert_int_equal(samm_phase_new(f->st, f->org.id, "", "2026-06-30", NULL, "lead", NULL,
					&f->err), SAMM_USAGE);
	phase(f, "2026-Q1", "2026-03-31");
	assert_int_equal(samm_phase_list(f->st, f->org.id, &v, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "2026-Q1");      /* by due date */
	assert_string_equal(v[1].name, "2026-Q2");
	samm_phase_list_free(v, n);

	/* rename to a taken name: refused, nothing written */
	struct samm_phase_fields pf = { "2026-Q1", NULL, NULL };
	assert_int_equal(samm_phase_set(f->st, p.id, &pf, "lead", &cnt, &f->err), SAMM_EXISTS);
	pf = (struct samm_phase_fields){ "Spring", "2026-05-31", "" };
	assert_int_equal(samm_phase_set(f->st, p.id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 3);
	assert_int_equal(samm_phase_set(f->st, p.id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(samm_phase_get(f->st, p.id, &p, &f->err), SAMM_OK);
	assert_string_equal(p.name, "Spring");
	assert_string_equal(p.due, "2026-05-31");
	assert_string_equal(p.description, "");
	assert_string_equal(log_of(f, "phase:Spring"), "name 2026-Q2|name Spring;"
			    "due 2026-06-30|due 2026-05-31;description first step|");
	assert_string_equal(log_of(f, "phase:2026-Q2"), "|created (due 2026-06-30)");

	/* a read-only store refuses */
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_READONLY, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_phase_new(f->st, f->org.id, "RO", "2026-06-30", NULL, "lead", NULL,
					&f->err), SAMM_READONLY);
}

/* ---- Projected figures ------------------------------------------------------------------------ */

/* Latest period P2 (model A) "hmssmhmn": activities SM-1-A 0.5, SM-1-B
 * 0.25 | TA-1-A 0.25, TA-2-A 0.5 | TA-1-B 1, TA-2-B 0.
 *   now: SM (0.5 + 0.25) / 2 = 0.375, TA (0.75 + 1) / 2 = 0.875, overall 0.625.
 * Q3 (due 2025-09-30): SM most -> SM-A 1, SM-B 1: SM 1; TA 0.875;
 *   overall (1 + 0.875) / 2 = 0.9375.
 * Q4 (due 2025-12-31): G-SM-1-B half (down from Q3's most), D-TA-2-B most;
 *   G-SM-1-A carried most: SM (1 + 0.5) / 2 = 0.75; TA-B 1 + 1 = 2,
 *   TA (0.75 + 2) / 2 = 1.375; overall (0.75 + 1.375) / 2 = 1.0625.
 * An activity N/A now counts 0 even with a target (as its score does). */
static void test_projected(void **state)
{
	struct fx *f = *state;
	struct samm_roadmap *r;
	int cnt;

	int64_t p1 = period(f, "P1", "2025-01-15", f->model_a);
	int64_t p2 = period(f, "P2", "2025-04-15", f->model_a);
	setv(f, p1, A_IDS, "nsshmas.");
	setv(f, p2, A_IDS, "hmssmhmn");
	int64_t q3 = phase(f, "Q3", "2025-09-30");
	int64_t q4 = phase(f, "Q4", "2025-12-31");
	assert_int_equal(samm_phase_target_set(f->st, q3, "SM", SAMM_MOST, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(samm_phase_target_set(f->st, q4, "G-SM-1-B", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(samm_phase_target_set(f->st, q4, "D-TA-2-B", SAMM_MOST, "lead", &cnt,
					       &f->err), SAMM_OK);

	assert_int_equal(samm_roadmap_compute(f->st, f->org.id, &r, &f->err), SAMM_OK);
	assert_string_equal(r->latest.name, "P2");
	assert_int_equal(r->n_excluded, 0);
	assert_score(r->now.practice[0].score, 0.375);
	assert_score(r->now.overall.score, 0.625);
	assert_int_equal(r->n_phases, 2);
	const struct samm_roadmap_phase *a = &r->phases[0], *b = &r->phases[1];
	assert_string_equal(a->phase.name, "Q3");
	assert_int_equal(a->n_targets, 2);
	assert_score(a->stream[0], 1);
	assert_score(a->practice[0], 1);
	assert_score(a->practice[1], 0.875);
	assert_score(a->function[0], 1);
	assert_score(a->overall, 0.9375);
	assert_int_equal(b->n_targets, 3);
	assert_score(b->stream[1], 0.5);
	assert_score(b->stream[3], 2);
	assert_score(b->practice[0], 0.75);
	assert_score(b->practice[1], 1.375);
	assert_score(b->function[1], 1.375);
	assert_score(b->overall, 1.0625);
	samm_roadmap_free(r);

	/* D-TA-2-B goes N/A: its target counts 0, TA-B 1, TA 0.875 */
	const char *na[] = { "D-TA-2-B.1" };
	setv(f, p2, na, "a");
	assert_int_equal(samm_roadmap_compute(f->st, f->org.id, &r, &f->err), SAMM_OK);
	assert_score(r->phases[1].practice[1], 0.875);
	samm_roadmap_free(r);

	/* the targetcard of the period counting Q3 agrees with Q3's projection */
	struct samm_assessment *as;
	struct samm_scorecard sc;
	struct samm_targetcard tc;
	int t[8];
	assert_int_equal(samm_store_assessment_load(f->st, p1, &as, &f->err), SAMM_OK);
	assert_int_equal(samm_target_load(f->st, p1, as->model, t, &f->err), SAMM_OK);
	assert_int_equal(samm_scorecard_compute(as->model, as->value, &sc), SAMM_OK);
	assert_int_equal(samm_targetcard_compute(as->model, &sc, t, &tc), SAMM_OK);
	/* P1 "nsshmas.": SM-1-A no, SM-1-B some; targets most: SM target 1 */
	assert_score(tc.practice[0].target, 1);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	samm_assessment_free(as);

	/* a scope without any period: the latest model, scores 0 */
	struct samm_scope other;
	assert_int_equal(samm_store_scope_new(f->st, "Other", &other, &f->err), SAMM_OK);
	assert_int_equal(samm_roadmap_compute(f->st, other.id, &r, &f->err), SAMM_OK);
	assert_int_equal(r->latest.id, 0);
	assert_int_equal(r->n_phases, 0);
	assert_score(r->now.overall.score, 0);
	samm_roadmap_free(r);
}

/* ---- Scopes that assess part of SAMM --------------------------------------------------------- */

/* Model B "mhsnhmhm": SM-A 1, SM-B 0.5 -> SM 0.75; EG-A 0.25, EG-B 0 ->
 * EG 0.125; TA-A 0.5 + 0.5 = 1, TA-B 1 -> TA 1.
 * Whole: Governance 0.4375, Design 1, overall 0.71875.
 * EG left out: Governance 0.75 (its included practice), overall 0.875.
 * Design left out: overall = Governance 0.4375; Design keeps its own 1. */
static void test_partial(void **state)
{
	struct fx *f = *state;
	const struct samm_model *m;
	struct samm_scorecard whole, part;
	unsigned char ex[3] = { 0, 0, 0 };
	int n_ex, cnt;

	int64_t p = period(f, "P", "2025-01-15", f->model_b);
	setv(f, p, B_IDS, "mhsnhmhm");
	assert_int_equal(samm_store_model_get(f->st, f->model_b, &m, &f->err), SAMM_OK);
	int vals[8];
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p, &a, &f->err), SAMM_OK);
	memcpy(vals, a->value, sizeof vals);
	samm_assessment_free(a);

	/* nothing excluded: exactly the official figures */
	assert_int_equal(samm_scorecard_compute(m, vals, &whole), SAMM_OK);
	assert_int_equal(samm_scorecard_compute_partial(m, vals, ex, &part), SAMM_OK);
	assert_false(part.partial);
	assert_score(whole.overall.score, 0.71875);
	assert_score(part.overall.score, whole.overall.score);
	assert_score(part.function[0].score, 0.4375);
	samm_scorecard_free(&part);

	/* targets leave EG out as the scores do: SM-1-B and EG-1-A most;
	 * whole: Governance (SM (1 + 1) / 2 = 1, EG (1 + 0) / 2 = 0.5) 0.75
	 * from 2 targets; EG left out: Governance 1 from 1 target; overall
	 * (1 + TA's score 1) / 2 = 1 */
	int t[7] = { SAMM_UNSET, SAMM_MOST, SAMM_MOST, SAMM_UNSET, SAMM_UNSET, SAMM_UNSET,
		     SAMM_UNSET };
	struct samm_targetcard tc;
	assert_int_equal(samm_targetcard_compute(m, &whole, t, &tc), SAMM_OK);
	assert_score(tc.function[0].target, 0.75);
	assert_int_equal(tc.function[0].n_targets, 2);
	samm_targetcard_free(&tc);
	ex[1] = 1;                                      /* EG */
	assert_int_equal(samm_scorecard_compute_partial(m, vals, ex, &part), SAMM_OK);
	assert_int_equal(samm_targetcard_compute(m, &part, t, &tc), SAMM_OK);
	assert_score(tc.function[0].target, 1);
	assert_int_equal(tc.function[0].n_targets, 1);
	assert_score(tc.practice[1].target, 0.5);       /* its own figure stays */
	assert_score(tc.overall.target, 1);
	assert_score(tc.overall.score, 0.875);
	samm_targetcard_free(&tc);
	assert_true(part.partial);
	assert_true(part.practice[1].excluded);
	assert_score(part.practice[1].score, 0.125);   /* its own figure stays */
	assert_score(part.function[0].score, 0.75);
	assert_false(part.function[0].excluded);
	assert_score(part.overall.score, 0.875);
	assert_int_equal(part.function[0].n_items, whole.function[0].n_items);
	samm_scorecard_free(&part);

	memset(ex, 0, sizeof ex);
	ex[2] = 1;                                      /* TA: all of Design */
	assert_int_equal(samm_scorecard_compute_partial(m, vals, ex, &part), SAMM_OK);
	assert_true(part.function[1].excluded);
	assert_score(part.function[1].score, 1);
	assert_score(part.overall.score, 0.4375);
	samm_scorecard_free(&part);
	samm_scorecard_free(&whole);

	/* through the scope: by function or practice, logged, reversible */
	const char *ids[] = { "EG" };
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, ids, 1, 0, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, ids, 1, 0, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(samm_scope_excluded(f->st, f->org.id, m, ex, &n_ex, &f->err), SAMM_OK);
	assert_int_equal(n_ex, 1);
	assert_true(ex[1] && !ex[0] && !ex[2]);
	/* projected the same way: phase Q sets TA most: TA-A 2, TA-B 1, TA
	 * 1.5; Governance is SM's 0.75 alone, overall (0.75 + 1.5) / 2 */
	int64_t q = phase(f, "Q", "2025-06-30");
	assert_int_equal(samm_phase_target_set(f->st, q, "TA", SAMM_MOST, "lead", &cnt, &f->err),
			 SAMM_OK);
	struct samm_roadmap *r;
	assert_int_equal(samm_roadmap_compute(f->st, f->org.id, &r, &f->err), SAMM_OK);
	assert_true(r->now.partial);
	assert_int_equal(r->n_excluded, 1);
	assert_score(r->now.overall.score, 0.875);
	assert_score(r->phases[0].practice[2], 1.5);
	assert_score(r->phases[0].practice[1], 0.125);
	assert_score(r->phases[0].function[0], 0.75);
	assert_score(r->phases[0].overall, 1.125);
	samm_roadmap_free(r);
	const char *all[] = { "Governance", "Design" }, *gov[] = { "Governance" };
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, all, 2, 0, "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, gov, 1, 0, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 1);                       /* SM; EG already was */
	const char *bad[] = { "G-SM-1-A" }, *none[] = { "NOPE" };
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, bad, 1, 0, "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, none, 1, 0, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_int_equal(samm_scope_exclude(f->st, f->org.id, gov, 1, 1, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 2);
	assert_int_equal(samm_scope_excluded(f->st, f->org.id, m, ex, &n_ex, &f->err), SAMM_OK);
	assert_int_equal(n_ex, 0);
	assert_string_equal(log_of(f, "scope:Organization"), "|excluded EG;|excluded SM;"
			    "|included SM;|included EG");
}

/* ---- A project serves a phase --------------------------------------------------------------- */

static void test_project_phase(void **state)
{
	struct fx *f = *state;
	struct samm_project_detail *d;
	struct samm_project pr;
	int cnt;

	int64_t p = period(f, "P", "2025-01-15", f->model_a);
	setv(f, p, A_IDS, "hmssmhmn");
	int64_t q1 = phase(f, "Q1", "2025-03-31");
	int64_t q2 = phase(f, "Q2", "2025-06-30");
	assert_int_equal(samm_phase_target_set(f->st, q1, "G-SM-1-A", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(samm_phase_target_set(f->st, q2, "G-SM-1-A", SAMM_MOST, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(samm_project_new(f->st, f->org.id, "Metrics", NULL, "lead", &pr, &f->err),
			 SAMM_OK);
	const char *ids[] = { "G-SM-1-A" };
	assert_int_equal(samm_project_link(f->st, pr.id, ids, 1, "lead", NULL, &f->err), SAMM_OK);

	/* no phase named: the rule (P counts Q1): half, reached */
	assert_int_equal(samm_project_detail(f->st, pr.id, &d, &f->err), SAMM_OK);
	assert_int_equal(d->rows[0].target, SAMM_HALF);
	assert_true(d->rows[0].reached);
	samm_project_detail_free(d);

	struct samm_project_fields pf;
	memset(&pf, 0, sizeof pf);
	pf.set_phase = 1;
	pf.phase_id = q2;
	assert_int_equal(samm_project_set(f->st, pr.id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(samm_project_detail(f->st, pr.id, &d, &f->err), SAMM_OK);
	assert_string_equal(d->project.phase_name, "Q2");
	assert_int_equal(d->rows[0].target, SAMM_MOST);
	assert_false(d->rows[0].reached);
	assert_score(d->rows[0].gap, 0.5);
	samm_project_detail_free(d);
	assert_string_equal(log_of(f, "project:Metrics"), "|created (planned, start P);"
			    "|linked G-SM-1-A;no phase|phase Q2");

	/* a deleted phase: the project serves none, the rule applies again */
	assert_int_equal(samm_phase_delete(f->st, q2, "lead", &f->err), SAMM_OK);
	assert_int_equal(samm_project_get(f->st, pr.id, &pr, &f->err), SAMM_OK);
	assert_int_equal(pr.phase_id, 0);
	assert_int_equal(samm_project_detail(f->st, pr.id, &d, &f->err), SAMM_OK);
	assert_int_equal(d->rows[0].target, SAMM_HALF);
	samm_project_detail_free(d);
	/* a phase of another scope is refused */
	struct samm_scope other;
	struct samm_phase op;
	assert_int_equal(samm_store_scope_new(f->st, "Other", &other, &f->err), SAMM_OK);
	assert_int_equal(samm_phase_new(f->st, other.id, "Q9", "2025-06-30", NULL, "lead", &op,
					&f->err), SAMM_OK);
	pf.phase_id = op.id;
	assert_int_equal(samm_project_set(f->st, pr.id, &pf, "lead", &cnt, &f->err), SAMM_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_phase_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phase_crud, setup, teardown),
		cmocka_unit_test_setup_teardown(test_projected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_project_phase, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
