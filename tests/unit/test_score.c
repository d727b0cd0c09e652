/* test_score.c - the official SAMM figures.
 *
 * Three complete assessments of the bundled SAMM 2.0 model (all 294
 * items) live in tests/fixtures/assessments/<name>.csv (header
 * id,score,note; the `sammtui import` format), with every figure in
 * <name>.expected.csv (level,id,score in model order, samm_format_score
 * with 6 decimals, "na" for an N/A activity).  The command-line tests
 * import the same files and compare `sammtui show --csv`.
 *
 * The expected figures were derived by hand from the SAMM Toolbox rules
 * (derivations below, one per assessment); the test reproduces them from
 * the answers.  Activity order inside a practice is 1A 2A 3A 1B 2B 3B.
 * Items per practice (from the model): SM 23 PC 14 EG 25 | TA 20 SR 20
 * SA 19 | SB 24 SD 21 DM 19 | AA 23 RT 15 ST 17 | IM 18 EM 18 OM 18;
 * per function G 62, D 59, I 64, V 55, O 54; 294 in all.
 *
 * Fixtures are read relative to the repository root (tests run there). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model.h"
#include "samm/score.h"
#include "samm/value.h"

#define FIX "tests/fixtures/assessments/"

/* ---- Reading a small CSV file into rows of strings ----------------------- */

struct table {
	char ***row;            /* row[r][c] */
	int *ncol;
	int nrows, cap;
	char **cur;             /* fields of the row being read */
	int ncur;
};

static void table_field(void *data, size_t len, void *ud)
{
	struct table *t = ud;
	char *f = malloc(len + 1);
	assert_non_null(f);
	if (len)
		memcpy(f, data, len);
	f[len] = '\0';
	t->cur = realloc(t->cur, (size_t)(t->ncur + 1) * sizeof *t->cur);
	assert_non_null(t->cur);
	t->cur[t->ncur++] = f;
}

static void table_row(int c, void *ud)
{
	(void)c;
	struct table *t = ud;
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->row = realloc(t->row, (size_t)t->cap * sizeof *t->row);
		t->ncol = realloc(t->ncol, (size_t)t->cap * sizeof *t->ncol);
		assert_true(t->row && t->ncol);
	}
	t->row[t->nrows] = t->cur;
	t->ncol[t->nrows++] = t->ncur;
	t->cur = NULL;
	t->ncur = 0;
}

static void table_read(struct table *t, const char *path)
{
	char buf[4096];
	size_t n;
	struct csv_parser p;
	FILE *fp = fopen(path, "rb");

	memset(t, 0, sizeof *t);
	if (!fp)
		fail_msg("cannot open %s (run from the repository root)", path);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (csv_parse(&p, buf, n, table_field, table_row, t) != n)
			fail_msg("%s: %s", path, csv_strerror(csv_error(&p)));
	}
	fclose(fp);
	assert_int_equal(csv_fini(&p, table_field, table_row, t), 0);
	csv_free(&p);
}

static void table_free(struct table *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncol[r]; c++)
			free(t->row[r][c]);
		free(t->row[r]);
	}
	free(t->row);
	free(t->ncol);
	free(t->cur);
}

/* ---- Fixtures -------------------------------------------------------------- */

static struct samm_model *model;

static int setup(void **state)
{
	struct samm_error err = { 0 };
	(void)state;
	if (samm_model_parse((const char *)samm_bundled_model, samm_bundled_model_len,
			     "samm-2.0.csv", &model, &err) != SAMM_OK) {
		fprintf(stderr, "bundled model: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	samm_model_free(model);
	return 0;
}

/* Read <name>.csv into values[] (every item exactly once) and compute. */
static void load_assessment(const char *name, int *values, struct samm_scorecard *sc)
{
	char path[256];
	struct table t;

	snprintf(path, sizeof path, FIX "%s.csv", name);
	table_read(&t, path);
	assert_int_equal(t.nrows, 1 + model->n_items);
	assert_int_equal(t.ncol[0], 3);
	assert_string_equal(t.row[0][0], "id");
	assert_string_equal(t.row[0][1], "score");
	assert_string_equal(t.row[0][2], "note");
	for (int i = 0; i < model->n_items; i++)
		values[i] = -99;
	for (int r = 1; r < t.nrows; r++) {
		assert_int_equal(t.ncol[r], 3);
		int i = samm_model_find_item(model, t.row[r][0]);
		if (i < 0)
			fail_msg("%s:%d: unknown id %s", path, r + 1, t.row[r][0]);
		assert_int_equal(values[i], -99);
		if (t.row[r][1][0] == '\0')
			values[i] = SAMM_UNSET;
		else if (samm_value_parse(t.row[r][1], &values[i]) != 0)
			fail_msg("%s:%d: bad score %s", path, r + 1, t.row[r][1]);
	}
	table_free(&t);
	assert_int_equal(samm_scorecard_compute(model, values, sc), SAMM_OK);
}

/* Walk state: compare each node against the next row of the expected file. */
struct cmp {
	const struct samm_scorecard *sc;
	struct table *t;
	const char *path;
	int row;
};

static int cmp_node(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct cmp *c = ud;
	const struct samm_fig *f = samm_scorecard_get(c->sc, ref);
	char got[64];

	assert_non_null(f);
	if (c->row >= c->t->nrows)
		fail_msg("%s: fewer rows than nodes", c->path);
	char **r = c->t->row[c->row];
	int line = c->row + 1;
	c->row++;
	assert_int_equal(c->t->ncol[line - 1], 3);
	if (strcmp(r[0], samm_level_name(ref.level)) || strcmp(r[1], samm_model_ref_id(m, ref)))
		fail_msg("%s:%d: expected %s %s, model order gives %s %s", c->path, line,
			 r[0], r[1], samm_level_name(ref.level), samm_model_ref_id(m, ref));
	if (!strcmp(r[2], "na")) {
		if (ref.level != SAMM_L_ACTIVITY || !f->na || f->score != 0)
			fail_msg("%s:%d: %s should be N/A (na=%d score=%g)", c->path, line,
				 r[1], f->na, f->score);
		return 0;
	}
	if (ref.level == SAMM_L_ACTIVITY && f->na)
		fail_msg("%s:%d: %s is N/A, expected %s", c->path, line, r[1], r[2]);
	samm_format_score(got, sizeof got, f->score, 6);
	if (strcmp(got, r[2]))
		fail_msg("%s:%d: %s %s = %s, expected %s", c->path, line, r[0], r[1], got, r[2]);
	/* activities, streams and practices are multiples of 1/8: the file
	 * holds them exactly, so the double must match bit for bit */
	if (ref.level >= SAMM_L_PRACTICE && f->score != strtod(r[2], NULL))
		fail_msg("%s:%d: %s = %.17g, not exactly %s", c->path, line, r[1], f->score, r[2]);
	return 0;
}

/* Every figure against <name>.expected.csv. */
static void compare_expected(const char *name, const struct samm_scorecard *sc)
{
	char path[256];
	struct table t;

	snprintf(path, sizeof path, FIX "%s.expected.csv", name);
	table_read(&t, path);
	assert_true(t.nrows > 0);
	assert_string_equal(t.row[0][0], "level");
	assert_string_equal(t.row[0][1], "id");
	assert_string_equal(t.row[0][2], "score");
	struct cmp c = { sc, &t, path, 1 };
	assert_int_equal(samm_model_walk(model, SAMM_L_ACTIVITY, cmp_node, &c), 0);
	/* 1 overall + 5 functions + 15 practices + 30 streams + 90 activities */
	assert_int_equal(c.row, 141 + 1);
	assert_int_equal(t.nrows, c.row);
	table_free(&t);
}

/* The figure of a node named by the user's id. */
static const struct samm_fig *fig(const struct samm_scorecard *sc, const char *id)
{
	struct samm_ref ref;
	struct samm_error err = { 0 };
	if (samm_model_resolve(model, id, &ref, &err) != SAMM_OK)
		fail_msg("resolve %s: %s", id, err.msg);
	const struct samm_fig *f = samm_scorecard_get(sc, ref);
	assert_non_null(f);
	return f;
}

#define assert_score(sc, id, want) do { \
		double got_ = fig((sc), (id))->score; \
		if (got_ != (want)) \
			fail_msg("%s = %.17g, want %.17g", (id), got_, (double)(want)); \
	} while (0)
/* thirds: the only figures that are not exact binary fractions */
#define assert_score_near(sc, id, want) do { \
		double got_ = fig((sc), (id))->score; \
		if (fabs(got_ - (want)) > 1e-12) \
			fail_msg("%s = %.17g, want %.17g", (id), got_, (double)(want)); \
	} while (0)

static void assert_counts(const struct samm_scorecard *sc, const char *id,
			  int n_items, int n_answered, int n_na, int na)
{
	const struct samm_fig *f = fig(sc, id);
	if (f->n_items != n_items || f->n_answered != n_answered || f->n_na != n_na || f->na != na)
		fail_msg("%s: items %d answered %d na %d N/A %d; want %d %d %d %d", id,
			 f->n_items, f->n_answered, f->n_na, f->na, n_items, n_answered, n_na, na);
}

/* ---- 1. mostly-most ---------------------------------------------------------
 *
 * Every item "most" (1; Operations spelled "1"), except:
 *   G-SM-1-A.2 na           -> G-SM-1-A = min(1, 1, 1) = 1 (N/A left out)
 *   D-TA-2-B.3 half         -> D-TA-2-B = 0.5
 *   I-SD-3-A.1 some         -> I-SD-3-A = 0.25
 *   V-ST-1-B.2 no           -> V-ST-1-B = 0
 *   O-IM-2-A.1..5 all na    -> O-IM-2-A = N/A, counts 0
 *   O-EM-3-B: na, 0.5, 1    -> O-EM-3-B = 0.5
 *
 *   practice  activities 1A 2A 3A 1B 2B 3B   sum    /2
 *   SM PC EG  1 1 1 1 1 1                    6      3
 *   TA        1 1 1 1 .5 1                   5.5    2.75
 *   SR SA     1 1 1 1 1 1                    6      3
 *   SB DM     1 1 1 1 1 1                    6      3
 *   SD        1 1 .25 1 1 1                  5.25   2.625
 *   AA RT     1 1 1 1 1 1                    6      3
 *   ST        1 1 1 0 1 1                    5      2.5
 *   IM        1 na 1 1 1 1                   5      2.5
 *   EM        1 1 1 1 1 .5                   5.5    2.75
 *   OM        1 1 1 1 1 1                    6      3
 *
 *   Governance     (3 + 3 + 3) / 3          = 3
 *   Design         (2.75 + 3 + 3) / 3       = 8.75 / 3  = 2.916667
 *   Implementation (3 + 2.625 + 3) / 3      = 8.625 / 3 = 2.875
 *   Verification   (3 + 3 + 2.5) / 3        = 8.5 / 3   = 2.833333
 *   Operations     (2.5 + 2.75 + 3) / 3     = 8.25 / 3  = 2.75
 *   overall = sum of the 90 activities / 30
 *           = (90 - 0.5 - 0.75 - 1 - 1 - 0.5) / 30 = 86.25 / 30 = 2.875
 *   Answered 294 of 294, N/A 1 + 5 + 1 = 7. */
static void test_mostly_most(void **state)
{
	(void)state;
	int values[294];
	struct samm_scorecard sc;

	assert_int_equal(model->n_items, 294);
	load_assessment("mostly-most", values, &sc);
	compare_expected("mostly-most", &sc);

	assert_score(&sc, "overall", 2.875);
	assert_score(&sc, "Governance", 3);
	assert_score_near(&sc, "Design", 8.75 / 3);
	assert_score(&sc, "Implementation", 2.875);
	assert_score_near(&sc, "Verification", 8.5 / 3);
	assert_score(&sc, "Operations", 2.75);
	assert_score(&sc, "TA", 2.75);
	assert_score(&sc, "SD", 2.625);
	assert_score(&sc, "ST", 2.5);
	assert_score(&sc, "IM", 2.5);
	assert_score(&sc, "EM", 2.75);
	assert_score(&sc, "G-SM-1-A", 1);
	assert_score(&sc, "O-EM-3-B", 0.5);
	assert_score(&sc, "IM-A", 2);
	assert_score(&sc, "ST-B", 2);

	assert_counts(&sc, "overall", 294, 294, 7, 0);
	assert_counts(&sc, "O-IM-2-A", 5, 5, 5, 1);
	assert_counts(&sc, "IM-A", 3 + 5 + 2, 10, 5, 0);
	assert_counts(&sc, "IM", 18, 18, 5, 0);
	assert_counts(&sc, "G-SM-1-A", 4, 4, 1, 0);
	assert_counts(&sc, "G-SM-1-A.2", 1, 1, 1, 1);
	assert_counts(&sc, "G-SM-1-A.1", 1, 1, 0, 0);
	samm_scorecard_free(&sc);
}

/* ---- 2. no-gating -----------------------------------------------------------
 *
 * Level 1 all "no" (spelled "no" in G and D, "0" elsewhere); levels 2 and 3
 * answered per function, so each practice is (0 + l2 + l3) per stream:
 *
 *   function        level 2   level 3   each stream   each practice
 *   Governance      1         1         2             2
 *   Design          half      some      0.75          0.75
 *   Implementation  most      no        1             1
 *   Verification    0.25      1         1.25          1.25
 *   Operations      0.5       half      1             1
 *
 * Exceptions:
 *   V-RT-3-B.2 half (others 1)   -> V-RT-3-B = 0.5, RT-B = 0 + .25 + .5
 *                                   = 0.75, RT = (1.25 + 0.75) / 2 = 1
 *   O-OM-2-A.1 most (others half) -> O-OM-2-A = 0.5 (a better criterion
 *                                   does not lift the minimum)
 *
 *   practice  activities 1A 2A 3A 1B 2B 3B   sum    /2
 *   SM PC EG  0 1 1 0 1 1                    4      2
 *   TA SR SA  0 .5 .25 0 .5 .25              1.5    0.75
 *   SB SD DM  0 1 0 0 1 0                    2      1
 *   AA ST     0 .25 1 0 .25 1                2.5    1.25
 *   RT        0 .25 1 0 .25 .5               2      1
 *   IM EM OM  0 .5 .5 0 .5 .5                2      1
 *
 *   Governance 2, Design 0.75, Implementation 1, Operations 1,
 *   Verification (1.25 + 1 + 1.25) / 3 = 3.5 / 3 = 1.166667
 *   overall = (3*4 + 3*1.5 + 3*2 + 2.5 + 2 + 2.5 + 3*2) / 30 = 35.5 / 30
 *           = 1.183333  (= (2 + .75 + 1 + 3.5/3 + 1) / 5)
 *   Without SAMM's "no gating", everything would be 0.
 *   Answered 294, N/A 0. */
static void test_no_gating(void **state)
{
	(void)state;
	int values[294];
	struct samm_scorecard sc;

	load_assessment("no-gating", values, &sc);
	compare_expected("no-gating", &sc);

	assert_score_near(&sc, "overall", 35.5 / 30);
	assert_score(&sc, "Governance", 2);
	assert_score(&sc, "Design", 0.75);
	assert_score(&sc, "Implementation", 1);
	assert_score_near(&sc, "Verification", 3.5 / 3);
	assert_score(&sc, "Operations", 1);
	assert_score(&sc, "RT", 1);
	assert_score(&sc, "RT-B", 0.75);
	assert_score(&sc, "V-RT-3-B", 0.5);
	assert_score(&sc, "O-OM-2-A", 0.5);
	assert_score(&sc, "G-SM-1-A", 0);
	assert_score(&sc, "G-SM-2-A", 1);
	assert_score(&sc, "SM-A", 2);

	assert_counts(&sc, "overall", 294, 294, 0, 0);
	assert_counts(&sc, "Operations", 54, 54, 0, 0);
	samm_scorecard_free(&sc);
}

/* ---- 3. mixed ----------------------------------------------------------------
 *
 * Governance: every item "half", except
 *   G-SM-2-A: most most some most most -> 0.25 (the lowest criterion wins)
 *   G-PC-3-B: na na na                 -> N/A, counts 0
 *   G-EG-1-B: na most most             -> 1 (N/A left out of the minimum)
 * Design: unset, except D-TA-1-A and D-SA-1-A all most (-> 1) and
 *   D-SR-1-A: most, unset, most        -> 0 (unset counts 0, unlike N/A)
 * Implementation: every item "0.25", except I-SB-1-A.3 unset -> I-SB-1-A 0
 * Verification: every item "no", except V-AA-1-A and V-AA-1-B all most,
 *   and all 17 items of V-ST na (the whole practice is N/A: 0)
 * Operations: every item unset (one with a note)
 *
 *   practice  activities 1A 2A 3A 1B 2B 3B   sum    /2
 *   SM        .5 .25 .5 .5 .5 .5             2.75   1.375
 *   PC        .5 .5 .5 .5 .5 na              2.5    1.25
 *   EG        .5 .5 .5 1 .5 .5               3.5    1.75
 *   TA SA     1 0 0 0 0 0                    1      0.5
 *   SR        0 0 0 0 0 0                    0      0
 *   SB        0 .25 .25 .25 .25 .25          1.25   0.625
 *   SD DM     .25 x 6                        1.5    0.75
 *   AA        1 0 0 1 0 0                    2      1
 *   RT        0 x 6                          0      0
 *   ST        na x 6                         0      0
 *   IM EM OM  0 x 6                          0      0
 *
 *   Governance     (1.375 + 1.25 + 1.75) / 3 = 4.375 / 3 = 1.458333
 *   Design         (0.5 + 0 + 0.5) / 3       = 1 / 3     = 0.333333
 *   Implementation (0.625 + .75 + .75) / 3   = 2.125 / 3 = 0.708333
 *   Verification   (1 + 0 + 0) / 3           = 1 / 3     = 0.333333
 *   Operations     0
 *   overall = (8.75 + 2 + 4.25 + 2 + 0) / 30 = 17 / 30 = 0.566667
 *
 * Answered: G 62 (N/A counts as answered), D 4 + 2 + 3 = 9, I 64 - 1 = 63,
 * V 55, O 0: 189.  N/A: G 3 + 1, V 17: 21. */
static void test_mixed(void **state)
{
	(void)state;
	int values[294];
	struct samm_scorecard sc;

	load_assessment("mixed", values, &sc);
	compare_expected("mixed", &sc);

	assert_score_near(&sc, "overall", 17.0 / 30);
	assert_score_near(&sc, "Governance", 4.375 / 3);
	assert_score_near(&sc, "Design", 1.0 / 3);
	assert_score_near(&sc, "Implementation", 2.125 / 3);
	assert_score_near(&sc, "Verification", 1.0 / 3);
	assert_score(&sc, "Operations", 0);
	assert_score(&sc, "G-SM-2-A", 0.25);
	assert_score(&sc, "G-EG-1-B", 1);
	assert_score(&sc, "D-SR-1-A", 0);
	assert_score(&sc, "I-SB-1-A", 0);
	assert_score(&sc, "SB", 0.625);
	assert_score(&sc, "ST", 0);

	assert_counts(&sc, "overall", 294, 189, 21, 0);
	assert_counts(&sc, "Governance", 62, 62, 4, 0);
	assert_counts(&sc, "G-PC-3-B", 3, 3, 3, 1);
	assert_counts(&sc, "PC-B", 2 + 2 + 3, 7, 3, 0);
	assert_counts(&sc, "G-EG-1-B", 3, 3, 1, 0);
	assert_counts(&sc, "D-SR-1-A", 3, 2, 0, 0);
	assert_counts(&sc, "Design", 59, 9, 0, 0);
	assert_counts(&sc, "Implementation", 64, 63, 0, 0);
	assert_counts(&sc, "I-SB-1-A.3", 1, 0, 0, 0);
	/* a practice, its streams and its function's share of N/A */
	assert_counts(&sc, "ST", 17, 17, 17, 1);
	assert_counts(&sc, "ST-A", 2 + 3 + 2, 7, 7, 1);
	assert_counts(&sc, "V-ST-1-A", 2, 2, 2, 1);
	assert_counts(&sc, "Verification", 55, 55, 17, 0);
	/* unset is neither answered nor N/A */
	assert_counts(&sc, "Operations", 54, 0, 0, 0);
	assert_counts(&sc, "O-IM-1-A", 3, 0, 0, 0);
	samm_scorecard_free(&sc);
}

/* Whole-model N/A and nothing answered: the extremes of the shares. */
static void test_all_na_and_empty(void **state)
{
	(void)state;
	int values[294];
	struct samm_scorecard sc;

	for (int i = 0; i < model->n_items; i++)
		values[i] = SAMM_NA;
	assert_int_equal(samm_scorecard_compute(model, values, &sc), SAMM_OK);
	assert_counts(&sc, "overall", 294, 294, 294, 1);
	assert_counts(&sc, "Governance", 62, 62, 62, 1);
	assert_score(&sc, "overall", 0);
	for (int a = 0; a < model->n_activities; a++)
		assert_true(sc.activity[a].na && sc.activity[a].score == 0);
	samm_scorecard_free(&sc);

	for (int i = 0; i < model->n_items; i++)
		values[i] = SAMM_UNSET;
	assert_int_equal(samm_scorecard_compute(model, values, &sc), SAMM_OK);
	assert_counts(&sc, "overall", 294, 0, 0, 0);
	assert_score(&sc, "overall", 0);
	samm_scorecard_free(&sc);

	/* everything "most": the maximum, 3 everywhere above the stream */
	for (int i = 0; i < model->n_items; i++)
		values[i] = SAMM_MOST;
	assert_int_equal(samm_scorecard_compute(model, values, &sc), SAMM_OK);
	assert_score(&sc, "overall", 3);
	assert_score(&sc, "Operations", 3);
	assert_score(&sc, "SM-B", 3);
	samm_scorecard_free(&sc);
}

/* samm_practice_score gives exactly the scorecard's practice figure, on
 * random answers with N/A, unset and stray stored values among them. */
static void test_practice_score(void **state)
{
	(void)state;
	int values[294];
	unsigned x = 12345;
	struct samm_scorecard sc;

	for (int trial = 0; trial < 300; trial++) {
		for (int i = 0; i < model->n_items; i++) {
			x = x * 1103515245u + 12345u;
			/* mostly answers; trial-dependent shares of N/A and unset */
			int r = (int)((x >> 16) % 8u);
			values[i] = r < 4 ? r : r == 4 ? SAMM_NA : r == 5 && trial % 3 ? SAMM_NA :
				    r == 6 ? SAMM_UNSET : 99;
		}
		assert_int_equal(samm_scorecard_compute(model, values, &sc), SAMM_OK);
		for (int p = 0; p < model->n_practices; p++) {
			int na = -1;
			double score = samm_practice_score(model, values, p, &na);
			assert_true(score == sc.practice[p].score);
			assert_int_equal(na, sc.practice[p].na);
		}
		samm_scorecard_free(&sc);
	}
	/* all N/A: 0 and N/A */
	for (int i = 0; i < model->n_items; i++)
		values[i] = SAMM_NA;
	int na = 0;
	assert_true(samm_practice_score(model, values, 0, &na) == 0);
	assert_int_equal(na, 1);
}

/* samm_scorecard_get hands out the array element of each level. */
static void test_get(void **state)
{
	(void)state;
	int values[294];
	struct samm_scorecard sc;

	for (int i = 0; i < model->n_items; i++)
		values[i] = SAMM_HALF;
	assert_int_equal(samm_scorecard_compute(model, values, &sc), SAMM_OK);
	struct samm_ref r;
	r.level = SAMM_L_OVERALL; r.index = 0;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.overall);
	r.level = SAMM_L_FUNCTION; r.index = 4;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.function[4]);
	r.level = SAMM_L_PRACTICE; r.index = 14;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.practice[14]);
	r.level = SAMM_L_STREAM; r.index = 29;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.stream[29]);
	r.level = SAMM_L_ACTIVITY; r.index = 89;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.activity[89]);
	r.level = SAMM_L_ITEM; r.index = 293;
	assert_ptr_equal(samm_scorecard_get(&sc, r), &sc.item[293]);
	r.index = -1;
	assert_null(samm_scorecard_get(&sc, r));
	/* half everywhere: activity 0.5, stream 1.5, all above 1.5 */
	assert_true(sc.item[293].score == 0.5);
	assert_true(sc.activity[89].score == 0.5);
	assert_true(sc.stream[29].score == 1.5);
	assert_true(sc.practice[14].score == 1.5);
	assert_true(sc.function[4].score == 1.5);
	assert_true(sc.overall.score == 1.5);
	samm_scorecard_free(&sc);
	/* free leaves nothing dangling and may be repeated */
	assert_null(sc.item);
	samm_scorecard_free(&sc);
}

/* ---- A tiny model built by hand ----------------------------------------------
 *
 * Shapes SAMM 2.0 does not have: two functions of different sizes, a
 * stream of two activities, practices of one stream.
 *
 *   F0: P0 (S0: A0 A1, S1: A2), P1 (S2: A3)       F1: P2 (S3: A4)
 *   A0 items 0-1: most, half        -> 0.5
 *   A1 items 2-4: na, some, most    -> 0.25
 *   A2 item  5:   unset             -> 0
 *   A3 items 6-7: na, na            -> N/A (0)
 *   A4 item  8:   most              -> 1
 *   S0 = 0.75, S1 = 0, S2 = 0 (all N/A), S3 = 1
 *   P0 = (0.75 + 0) / 2 = 0.375, P1 = 0 (all N/A), P2 = 1
 *   F0 = (0.375 + 0) / 2 = 0.1875, F1 = 1
 *   overall = (0.1875 + 1) / 2 = 0.59375
 *   answered 2 + 3 + 0 + 2 + 1 = 8 of 9, N/A 1 + 2 = 3 */
static void test_tiny_model(void **state)
{
	(void)state;
	struct samm_function fu[] = { { "F0", 0, 2 }, { "F1", 2, 1 } };
	struct samm_practice pr[] = {
		{ "P0", "P zero", 0, 0, 2 }, { "P1", "P one", 0, 2, 1 }, { "P2", "P two", 1, 3, 1 },
	};
	struct samm_stream st[] = {
		{ "P0-A", "A", "s", 0, 0, 2 }, { "P0-B", "B", "s", 0, 2, 1 },
		{ "P1-A", "A", "s", 1, 3, 1 }, { "P2-A", "A", "s", 2, 4, 1 },
	};
	struct samm_activity ac[5];
	struct samm_item it[9];
	static const int act_first[] = { 0, 2, 5, 6, 8 }, act_n[] = { 2, 3, 1, 2, 1 };
	static const int act_stream[] = { 0, 0, 1, 2, 3 }, act_level[] = { 1, 2, 1, 1, 1 };
	memset(ac, 0, sizeof ac);
	memset(it, 0, sizeof it);
	for (int a = 0; a < 5; a++) {
		ac[a].code = "act";
		ac[a].level = act_level[a];
		ac[a].stream = act_stream[a];
		ac[a].first_item = act_first[a];
		ac[a].n_items = act_n[a];
		for (int i = act_first[a]; i < act_first[a] + act_n[a]; i++) {
			it[i].id = "item";
			it[i].activity = a;
		}
	}
	struct samm_model m;
	memset(&m, 0, sizeof m);
	m.functions = fu; m.n_functions = 2;
	m.practices = pr; m.n_practices = 3;
	m.streams = st; m.n_streams = 4;
	m.activities = ac; m.n_activities = 5;
	m.items = it; m.n_items = 9;
	const int values[9] = {
		SAMM_MOST, SAMM_HALF, SAMM_NA, SAMM_SOME, SAMM_MOST,
		SAMM_UNSET, SAMM_NA, SAMM_NA, SAMM_MOST,
	};
	struct samm_scorecard sc;
	assert_int_equal(samm_scorecard_compute(&m, values, &sc), SAMM_OK);

	static const double act_want[] = { 0.5, 0.25, 0, 0, 1 };
	static const int act_na[] = { 0, 0, 0, 1, 0 };
	for (int a = 0; a < 5; a++) {
		assert_true(sc.activity[a].score == act_want[a]);
		assert_int_equal(sc.activity[a].na, act_na[a]);
	}
	static const double st_want[] = { 0.75, 0, 0, 1 };
	static const int st_na[] = { 0, 0, 1, 0 };
	for (int s = 0; s < 4; s++) {
		assert_true(sc.stream[s].score == st_want[s]);
		assert_int_equal(sc.stream[s].na, st_na[s]);
	}
	assert_true(sc.practice[0].score == 0.375);
	assert_true(sc.practice[1].score == 0);
	assert_int_equal(sc.practice[1].na, 1);
	assert_true(sc.practice[2].score == 1);
	assert_true(sc.function[0].score == 0.1875);
	assert_int_equal(sc.function[0].na, 0);
	assert_true(sc.function[1].score == 1);
	assert_true(sc.overall.score == 0.59375);

	assert_int_equal(sc.overall.n_items, 9);
	assert_int_equal(sc.overall.n_answered, 8);
	assert_int_equal(sc.overall.n_na, 3);
	assert_int_equal(sc.function[0].n_items, 8);
	assert_int_equal(sc.function[0].n_answered, 7);
	assert_int_equal(sc.function[0].n_na, 3);
	assert_int_equal(sc.stream[1].n_answered, 0);
	assert_int_equal(sc.item[2].na, 1);
	assert_true(sc.item[3].score == 0.25);
	assert_int_equal(sc.item[5].n_answered, 0);

	/* An answer changed by one step moves exactly the figures above it:
	 * A2 unset -> most lifts S1 to 1, P0 to 0.875, F0 to 0.4375, overall
	 * to 0.71875. */
	samm_scorecard_free(&sc);
	int v2[9];
	memcpy(v2, values, sizeof v2);
	v2[5] = SAMM_MOST;
	assert_int_equal(samm_scorecard_compute(&m, v2, &sc), SAMM_OK);
	assert_true(sc.stream[1].score == 1);
	assert_true(sc.practice[0].score == 0.875);
	assert_true(sc.function[0].score == 0.4375);
	assert_true(sc.overall.score == 0.71875);
	samm_scorecard_free(&sc);

	/* a stray stored value (a damaged database) counts as never scored,
	 * not as an answer: A4 drops to 0 and its item to unanswered */
	memcpy(v2, values, sizeof v2);
	v2[8] = 9;
	assert_int_equal(samm_scorecard_compute(&m, v2, &sc), SAMM_OK);
	assert_true(sc.activity[4].score == 0);
	assert_int_equal(sc.item[8].n_answered, 0);
	assert_int_equal(sc.overall.n_answered, 7);
	samm_scorecard_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mostly_most),
		cmocka_unit_test(test_no_gating),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_all_na_and_empty),
		cmocka_unit_test(test_practice_score),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_tiny_model),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
