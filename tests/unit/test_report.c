/* test_report.c - the HTML report: escaping, the sections a reader relies
 * on, and the edges (one period, all N/A, hostile names, many scopes). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model.h"
#include "samm/project.h"
#include "samm/report.h"
#include "samm/store.h"
#include "samm/value.h"
#include "fixture.h"

/* ---- Escaping ------------------------------------------------------------------------- */

static char *esc(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	samm_html_text(fp, s);
	fclose(fp);
	return buf;
}

static void expect_esc(const char *in, const char *want)
{
	char *got = esc(in);
	assert_string_equal(got, want);
	free(got);
}

static void test_escape_markup(void **state)
{
	(void)state;
	expect_esc("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	expect_esc("\"><img src=x onerror=alert(1)>",
		   "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	expect_esc("a & b's", "a &amp; b&#39;s");
	expect_esc("plain text", "plain text");
	expect_esc("", "");
	expect_esc(NULL, "");
}

static void test_escape_controls(void **state)
{
	(void)state;
	expect_esc("red\x1b[31m!", "red\\x1b[31m!");
	expect_esc("tab\there\nline", "tab here line");
	expect_esc("del\x7f", "del\\x7f");
	expect_esc("csi\xc2\x9b", "csi\\u009b");          /* U+009B */
	expect_esc("rlo\xe2\x80\xae" "x", "rlo\\u202ex"); /* U+202E */
	expect_esc("bad\xff byte", "bad\\xff byte");
	expect_esc("cut\xe2\x80", "cut\\xe2\\x80");
	expect_esc("Zo\xc3\xab \xe2\x9c\x93", "Zo\xc3\xab \xe2\x9c\x93");
}

/* ---- Pages ------------------------------------------------------------------------------ */

struct fx {
	char dir[128], path[256];
	struct samm_store *st;
	struct samm_scope org;
	int64_t model;
	struct samm_error err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	int created;

	fx_tmpdir(f->dir, sizeof f->dir, "test_report");
	snprintf(f->path, sizeof f->path, "%s/r.db", f->dir);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_CREATE, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_model_add(f->st, (const char *)samm_bundled_model,
					      (size_t)samm_bundled_model_len, "samm.csv", "SAMM",
					      "2.0", &f->model, &created, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(f->st, SAMM_DEFAULT_SCOPE, &f->org, &f->err),
			 SAMM_OK);
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

static struct samm_period period(struct fx *f, int64_t scope, const char *name, const char *date)
{
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, scope, name, date, SAMM_FROM_LATEST, 0,
					       f->model, &p, &f->err), SAMM_OK);
	return p;
}

static void score(struct fx *f, const struct samm_period *p, const char *item, int v,
		  const char *note)
{
	struct samm_change c = { .item = item, .set_value = 1, .value = v,
				 .set_note = note != NULL, .note = note };
	assert_int_equal(samm_store_apply(f->st, p->id, &c, 1, "ann", NULL, &f->err), SAMM_OK);
}

/* Every criterion of activity act (its four in SAMM 2.0) set to v. */
static void score_act(struct fx *f, const struct samm_period *p, const char *act, int v)
{
	char id[64];
	for (int i = 1; i <= 4; i++) {
		snprintf(id, sizeof id, "%s.%d", act, i);
		score(f, p, id, v, NULL);
	}
}

/* Every item of p set to v. */
static void score_all(struct fx *f, const struct samm_period *p, int v)
{
	const struct samm_model *m;
	assert_int_equal(samm_store_model_get(f->st, f->model, &m, &f->err), SAMM_OK);
	struct samm_change *c = calloc((size_t)m->n_items, sizeof *c);
	for (int i = 0; i < m->n_items; i++)
		c[i] = (struct samm_change){ .item = m->items[i].id, .set_value = 1, .value = v };
	assert_int_equal(samm_store_apply(f->st, p->id, c, (size_t)m->n_items, "ann", NULL,
					  &f->err), SAMM_OK);
	free(c);
}

static char *page(struct fx *f, int64_t scope, const char *period_name, enum samm_status want)
{
	struct samm_report_opts o = { "r.db", period_name, 3 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	enum samm_status rc = scope ? samm_report_scope(f->st, scope, &o, fp, &f->err)
				    : samm_report_org(f->st, &o, fp, &f->err);
	fclose(fp);
	assert_int_equal(rc, want);
	return buf;
}

/* The document is whole and loads nothing. */
static void assert_self_contained(const char *html)
{
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "default-src 'none'"));
	assert_non_null(strstr(html, "OWASP SAMM, CC BY-SA 4.0"));
	assert_non_null(strstr(html, "</html>\n"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "http://"));
	assert_null(strstr(html, "https://"));
	assert_null(strstr(html, " src=\""));
	assert_null(strstr(html, "<img"));
}

static void test_one_period(void **state)
{
	struct fx *f = *state;
	struct samm_period q1 = period(f, f->org.id, "Q1", "2026-01-15");
	score_act(f, &q1, "G-SM-1-A", SAMM_MOST);
	char *html = page(f, f->org.id, NULL, SAMM_OK);

	assert_self_contained(html);
	assert_non_null(strstr(html, "no trend yet"));
	assert_non_null(strstr(html, "first period"));
	/* the radar has this period's outline only: no previous, no target */
	assert_non_null(strstr(html, "class=\"series0\""));
	assert_null(strstr(html, "class=\"series1\""));
	assert_null(strstr(html, "class=\"series2\""));
	assert_non_null(strstr(html, "ann (4 changes)"));
	/* SM: stream A 1 of 3 levels at most -> 1/2 = 0.5 */
	assert_non_null(strstr(html, "<tr data-id=\"SM\" data-score=\"0.5\">"));
	free(html);
}

static void test_history_target_and_moves(void **state)
{
	struct fx *f = *state;
	struct samm_period q1 = period(f, f->org.id, "Q1", "2026-01-15");
	score_act(f, &q1, "G-SM-1-A", SAMM_MOST);
	struct samm_period q2 = period(f, f->org.id, "Q2", "2026-04-15");
	score_act(f, &q2, "D-TA-1-A", SAMM_MOST);
	score(f, &q2, "G-SM-1-A.1", SAMM_NO, "<script>alert(1)</script>");
	assert_int_equal(samm_target_set(f->st, q2.id, "overall", SAMM_HALF, "ann", NULL,
					 &f->err), SAMM_OK);
	char *html = page(f, f->org.id, NULL, SAMM_OK);

	assert_self_contained(html);
	assert_non_null(strstr(html, "class=\"series1\""));
	assert_non_null(strstr(html, "class=\"series2\""));
	assert_null(strstr(html, "no trend yet"));
	assert_non_null(strstr(html, "Biggest rises"));
	/* D-TA-1-A rose 0 -> 1, G-SM-1-A fell 1 -> 0 */
	char *rise = strstr(html, "Biggest rises"), *fall = strstr(html, "Biggest falls");
	assert_true(rise && fall && rise < fall);
	char *ta = strstr(rise, "D-TA-1-A"), *sm = strstr(rise, "G-SM-1-A");
	assert_true(ta && ta < fall);
	assert_true(sm && sm > fall);
	/* the targets: every activity half -> every practice 1.5 */
	assert_non_null(strstr(html, "target 1.50"));
	free(html);

	/* the earlier period still reports, as itself */
	html = page(f, f->org.id, "Q1", SAMM_OK);
	assert_non_null(strstr(html, "<span id=\"period\">Q1</span>"));
	free(html);
	html = page(f, f->org.id, "Q9", SAMM_NOTFOUND);
	assert_null(html && *html ? strstr(html, "<html") : NULL);
	free(html);
}

static void test_all_na_and_zero(void **state)
{
	struct fx *f = *state;
	struct samm_period q1 = period(f, f->org.id, "Q1", "2026-01-15");
	score_all(f, &q1, SAMM_NA);
	char *html = page(f, f->org.id, NULL, SAMM_OK);
	assert_self_contained(html);
	assert_non_null(strstr(html, "<b>N/A</b> 294 (100%)"));
	assert_non_null(strstr(html, ">n/a<"));
	free(html);

	struct samm_period q2 = period(f, f->org.id, "Q2", "2026-04-15");
	score_all(f, &q2, SAMM_NO);
	html = page(f, f->org.id, NULL, SAMM_OK);
	assert_self_contained(html);
	assert_non_null(strstr(html, "data-id=\"overall\" data-score=\"0\""));
	free(html);
}

static void test_hostile_names(void **state)
{
	struct fx *f = *state;
	struct samm_scope s;
	const char *bad = "\"><img src=x onerror=alert(1)>";

	assert_int_equal(samm_store_scope_new(f->st, "<script>alert(1)</script>", &s, &f->err),
			 SAMM_OK);
	struct samm_period p1 = period(f, s.id, "<b>P1</b>", "2026-01-15");
	struct samm_period p2 = period(f, s.id, "P2", "2026-04-15");
	(void)p1;
	struct samm_project_fields pf = { NULL, bad, bad, 1, SAMM_PROJECT_ACTIVE, 0, 0, 0, 0, 0, 0 };
	assert_int_equal(samm_project_new(f->st, s.id, bad, &pf, "ann", NULL, &f->err), SAMM_OK);
	score(f, &p2, "G-SM-1-A.1", SAMM_SOME, bad);
	char *html = page(f, s.id, NULL, SAMM_OK);
	assert_self_contained(html);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b>P1"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
	free(html);
	html = page(f, 0, NULL, SAMM_OK);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<script"));
	free(html);
}

static void test_org_ranked(void **state)
{
	struct fx *f = *state;
	struct samm_scope a, b, c;

	assert_int_equal(samm_store_scope_new(f->st, "Alpha", &a, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_new(f->st, "Beta", &b, &f->err), SAMM_OK);
	assert_int_equal(samm_store_scope_new(f->st, "Empty", &c, &f->err), SAMM_OK);
	struct samm_period pa = period(f, a.id, "Q1", "2026-01-15");
	struct samm_period pb1 = period(f, b.id, "Q1", "2026-01-15");
	struct samm_period pb2 = period(f, b.id, "Q2", "2026-04-15");
	(void)pb1;
	score(f, &pa, "G-SM-1-A.1", SAMM_MOST, NULL);
	score_all(f, &pb2, SAMM_MOST);

	/* no scope has a period yet but these; Organization has none */
	char *html = page(f, 0, NULL, SAMM_OK);
	assert_self_contained(html);
	char *rank = strstr(html, "id=\"ranked\"");
	assert_non_null(rank);
	char *rb = strstr(rank, ">Beta<"), *ra = strstr(rank, ">Alpha<");
	assert_true(rb && ra && rb < ra);       /* Beta (3) above Alpha */
	assert_non_null(strstr(html, "first period"));      /* Alpha has one */
	assert_non_null(strstr(html, "2 scopes without a period left out"));
	/* the heat map: Beta's cells at 3, the darkest blue */
	assert_non_null(strstr(html, "background:#08519c;color:#fff\">3.00<"));
	free(html);

	/* a named period: Beta in Q1 (all unset), Alpha in its latest */
	html = page(f, 0, "Q1", SAMM_OK);
	assert_non_null(strstr(html, "Q1 where a scope has it"));
	free(html);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* 100 periods: every one in the trend table, few labels on each axis, a
 * page well under 300 KB. */
static void test_hundred_periods(void **state)
{
	struct fx *f = *state;
	char name[16], date[32];

	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "P%03d", i);
		snprintf(date, sizeof date, "%04d-%02d-15", 2000 + i / 12, i % 12 + 1);
		struct samm_period p = period(f, f->org.id, name, date);
		score(f, &p, "G-SM-1-A.1", i % 4, NULL);
	}
	char *html = page(f, f->org.id, NULL, SAMM_OK);
	assert_self_contained(html);
	assert_int_equal(count(html, "<tr><td>P0"), 100);
	assert_non_null(strstr(html, "up to this one (100)"));
	/* six charts (overall, five functions), at most seven labels each */
	assert_int_equal(count(html, "<svg class=\"line\""), 6);
	assert_in_range(count(html, "font-size=\"9\" text-anchor=\"middle\">P"), 6 * 2, 6 * 7);
	assert_true(strlen(html) < 300 * 1024);
	free(html);
}

/* 300 scopes: each in the heat map and the ranking. */
static void test_three_hundred_scopes(void **state)
{
	struct fx *f = *state;
	char name[32];

	for (int i = 0; i < 300; i++) {
		struct samm_scope s;
		snprintf(name, sizeof name, "Team %03d", i);
		assert_int_equal(samm_store_scope_new(f->st, name, &s, &f->err), SAMM_OK);
		struct samm_period p = period(f, s.id, "Q1", "2026-01-15");
		if (i % 3)
			score(f, &p, "G-SM-1-A.1", i % 4, NULL);
	}
	char *html = page(f, 0, NULL, SAMM_OK);
	assert_self_contained(html);
	assert_int_equal(count(html, "<tr data-score="), 300);
	assert_int_equal(count(html, ">Team "), 600);      /* heat map + ranking */
	assert_non_null(strstr(html, "<b>Scopes</b> 300"));
	free(html);
}

static void test_no_period(void **state)
{
	struct fx *f = *state;
	char *html = page(f, f->org.id, NULL, SAMM_NOTFOUND);
	assert_string_equal(html, "");
	free(html);
	html = page(f, 0, NULL, SAMM_NOTFOUND);
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_markup),
		cmocka_unit_test(test_escape_controls),
		cmocka_unit_test_setup_teardown(test_one_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_target_and_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_na_and_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_ranked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hundred_periods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_three_hundred_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_period, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
