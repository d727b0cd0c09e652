/* test_project.c - projects, links, outcome counts, targets and their
 * roll-ups, percent to target, coverage of stuck activities, and the
 * schema 1 -> 2 migration, on scripted histories worked out by hand below.
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
#include "samm/roadmap.h"
#include "samm/store.h"
#include "fixture.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/store/testing.h"

#include "models_ab.h"

struct fx {
	char dir[64];
	char path[128];
	struct samm_store *st;
	int64_t model_a, model_b;
	struct samm_scope org;
	int64_t p[4];
	struct samm_error err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_project");
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

static int64_t sql_int(struct samm_store *st, const char *sql)
{
	int64_t v = 0;
	assert_int_equal(samm_store_test_int(st, sql, &v), 0);
	return v;
}

static int64_t new_project(struct fx *f, const char *name, enum samm_project_status status,
			   int64_t start, int64_t end)
{
	struct samm_project_fields pf;
	struct samm_project p;
	memset(&pf, 0, sizeof pf);
	pf.set_status = 1;
	pf.status = status;
	pf.set_start = 1;
	pf.start_id = start;
	pf.set_end = 1;
	pf.end_id = end;
	assert_int_equal(samm_project_new(f->st, f->org.id, name, &pf, "lead", &p, &f->err),
			 SAMM_OK);
	return p.id;
}

/* The names of the projects that link id itself, by id: "A,B". */
static const char *linkers(struct fx *f, const char *id)
{
	static char out[256];
	int64_t *ids;
	size_t n, o = 0;
	assert_int_equal(samm_project_linkers(f->st, f->org.id, id, &ids, &n, &f->err), SAMM_OK);
	out[0] = 0;
	for (int64_t want = 1; want < 64; want++)
		for (size_t i = 0; i < n; i++)
			if (ids[i] == want) {
				struct samm_project p;
				assert_int_equal(samm_project_get(f->st, want, &p, &f->err), SAMM_OK);
				o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? "," : "",
						      p.name);
			}
	free(ids);
	return out;
}

static int link_ids(struct fx *f, int64_t pid, const char *ids)
{
	char buf[512], *v[32];
	size_t n = 0;
	int added = -1;
	snprintf(buf, sizeof buf, "%s", ids);
	for (char *t = strtok(buf, " "); t && n < 32; t = strtok(NULL, " "))
		v[n++] = t;
	assert_int_equal(samm_project_link(f->st, pid, (const char *const *)v, n, "lead", &added,
					   &f->err), SAMM_OK);
	return added;
}

static struct samm_project get(struct fx *f, int64_t id)
{
	struct samm_project p;
	assert_int_equal(samm_project_get(f->st, id, &p, &f->err), SAMM_OK);
	return p;
}

/* Names of the projects covering (level, id) with a status in mask, as
 * "A,B". */
static const char *covering(struct fx *f, enum samm_level level, const char *id, unsigned mask)
{
	static char buf[512];
	struct samm_project *v;
	size_t n;
	assert_int_equal(samm_project_covering(f->st, f->org.id, level, id, mask, &v, &n, &f->err),
			 SAMM_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, v[i].name);
	}
	samm_project_list_free(v, n);
	return buf;
}

/* The change-log rows under item `item` as "old|new" notes (or values),
 * joined by ';'. */
static const char *log_of(struct fx *f, const char *item)
{
	static char buf[2048];
	struct samm_log_filter lf = { 0, NULL, item };
	struct samm_log_entry *rows;
	size_t n;
	assert_int_equal(samm_store_log(f->st, &lf, &rows, &n, &f->err), SAMM_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);
		if (rows[i].old_note || rows[i].new_note)
			snprintf(buf + len, sizeof buf - len, "%s%s|%s", i ? ";" : "",
				 rows[i].old_note ? rows[i].old_note : "",
				 rows[i].new_note ? rows[i].new_note : "");
		else
			snprintf(buf + len, sizeof buf - len, "%s%s:%s>%s", i ? ";" : "",
				 rows[i].period, samm_value_name(rows[i].old_value),
				 samm_value_name(rows[i].new_value));
	}
	samm_log_free(rows, n);
	return buf;
}

/* ---- Status ------------------------------------------------------------------ */

static void test_status_names(void **state)
{
	enum samm_project_status s;
	(void)state;
	for (int i = 0; i < SAMM_PROJECT_STATUS_COUNT; i++) {
		assert_int_equal(samm_project_status_parse(
					 samm_project_status_name((enum samm_project_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(samm_project_status_name(SAMM_PROJECT_DONE), "done");
	assert_int_equal(samm_project_status_parse("Done", &s), -1);
	assert_int_equal(samm_project_status_parse("finished", &s), -1);
	assert_int_equal(samm_project_status_parse(NULL, &s), -1);
	assert_string_equal(samm_project_status_name(SAMM_PROJECT_STATUS_COUNT), "?");
	assert_int_equal(SAMM_PROJECT_OPEN, 3);
	assert_int_equal(SAMM_PROJECT_ANY, 15);
}

/* ---- Creating, finding, listing ------------------------------------------------ */

static void test_new_find_list(void **state)
{
	struct fx *f = *state;
	struct samm_project p, *v;
	struct samm_project_fields pf;
	struct samm_scope other;
	size_t n;

	/* no period yet: no start */
	memset(&pf, 0, sizeof pf);
	pf.owner = "alice";
	pf.description = "line one\nline two";
	assert_int_equal(samm_project_new(f->st, f->org.id, "Zeta", &pf, "lead", &p, &f->err),
			 SAMM_OK);
	assert_string_equal(p.name, "Zeta");
	assert_string_equal(p.owner, "alice");
	assert_string_equal(p.description, "line one\nline two");
	assert_int_equal(p.status, SAMM_PROJECT_PLANNED);
	assert_int_equal(p.start.id, 0);
	assert_int_equal(p.end.id, 0);
	assert_string_equal(p.created_at, "2026-11-22T10:00:00Z");
	assert_int_equal(p.n_links, 0);
	assert_int_equal(p.has_outcome, 0);

	/* the start defaults to the scope's latest period (by date) */
	f->p[1] = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	assert_int_equal(samm_project_new(f->st, f->org.id, "Alpha", NULL, NULL, &p, &f->err),
			 SAMM_OK);
	assert_int_equal(p.start.id, f->p[1]);
	assert_string_equal(p.start.name, "P2");
	assert_string_equal(p.start.date, "2025-04-15");
	assert_string_equal(p.owner, "");

	/* names are unique per scope, not across scopes */
	assert_int_equal(samm_project_new(f->st, f->org.id, "Alpha", NULL, NULL, NULL, &f->err),
			 SAMM_EXISTS);
	assert_string_equal(f->err.msg, "project 'Alpha' already exists in scope 'Organization'");
	assert_int_equal(samm_store_scope_new(f->st, "Other", &other, &f->err), SAMM_OK);
	assert_int_equal(samm_project_new(f->st, other.id, "Alpha", NULL, NULL, &p, &f->err),
			 SAMM_OK);
	assert_int_equal(p.scope_id, other.id);

	/* bad names and fields write nothing */
	assert_int_equal(samm_project_new(f->st, f->org.id, "", NULL, NULL, NULL, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_project_new(f->st, f->org.id, "a\tb", NULL, NULL, NULL, &f->err),
			 SAMM_USAGE);
	assert_string_equal(f->err.msg, "project name holds a control character (byte 2)");
	assert_int_equal(samm_project_new(f->st, f->org.id, "bad\xff", NULL, NULL, NULL, &f->err),
			 SAMM_USAGE);
	char longname[200];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(samm_project_new(f->st, f->org.id, longname, NULL, NULL, NULL, &f->err),
			 SAMM_USAGE);
	memset(&pf, 0, sizeof pf);
	pf.owner = "bo\nb";
	assert_int_equal(samm_project_new(f->st, f->org.id, "Beta", &pf, NULL, NULL, &f->err),
			 SAMM_USAGE);
	/* an end before the start, a period of another scope */
	memset(&pf, 0, sizeof pf);
	pf.set_start = 1;
	pf.start_id = f->p[1];
	pf.set_end = 1;
	pf.end_id = f->p[0];
	assert_int_equal(samm_project_new(f->st, f->org.id, "Beta", &pf, NULL, NULL, &f->err),
			 SAMM_USAGE);
	assert_string_equal(f->err.msg, "the end period 'P1' (2025-01-15) is before the start"
			    " period 'P2' (2025-04-15)");
	int64_t op = period(f, other.id, "O1", "2025-01-01", f->model_a);
	pf.start_id = op;
	pf.set_end = 0;
	assert_int_equal(samm_project_new(f->st, f->org.id, "Beta", &pf, NULL, NULL, &f->err),
			 SAMM_USAGE);
	assert_string_equal(f->err.msg, "the start period 'O1' belongs to another scope");
	assert_int_equal(samm_project_new(f->st, 999, "Beta", NULL, NULL, NULL, &f->err),
			 SAMM_NOTFOUND);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM project"), 3);

	new_project(f, "Gamma", SAMM_PROJECT_DONE, f->p[0], f->p[1]);
	new_project(f, "Beta", SAMM_PROJECT_ACTIVE, f->p[0], 0);
	new_project(f, "Delta", SAMM_PROJECT_DROPPED, 0, 0);
	new_project(f, "Eta", SAMM_PROJECT_ACTIVE, 0, 0);

	/* by status, then name; only this scope */
	assert_int_equal(samm_project_list(f->st, f->org.id, SAMM_PROJECT_ANY, &v, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(n, 6);
	const char *order[] = { "Alpha", "Zeta", "Beta", "Eta", "Gamma", "Delta" };
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].name, order[i]);
	assert_int_equal(v[4].status, SAMM_PROJECT_DONE);
	assert_string_equal(v[4].end.name, "P2");
	samm_project_list_free(v, n);
	assert_int_equal(samm_project_list(f->st, f->org.id, SAMM_PROJECT_OPEN, &v, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(n, 4);
	samm_project_list_free(v, n);
	assert_int_equal(samm_project_list(f->st, f->org.id,
					   SAMM_PROJECT_MASK(SAMM_PROJECT_DROPPED), &v, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "Delta");
	samm_project_list_free(v, n);
	assert_int_equal(samm_project_list(f->st, 999, SAMM_PROJECT_ANY, &v, &n, &f->err),
			 SAMM_NOTFOUND);
	assert_null(v);

	assert_int_equal(samm_project_find(f->st, f->org.id, "Beta", &p, &f->err), SAMM_OK);
	assert_int_equal(p.status, SAMM_PROJECT_ACTIVE);
	assert_int_equal(samm_project_find(f->st, f->org.id, "beta", &p, &f->err), SAMM_NOTFOUND);
	assert_string_equal(f->err.msg, "no project 'beta' in scope 'Organization'");
	assert_int_equal(samm_project_get(f->st, 12345, &p, &f->err), SAMM_NOTFOUND);

	/* the change log names each project */
	assert_string_equal(log_of(f, "project:Zeta"), "|created (planned, owner alice)");
	assert_string_equal(log_of(f, "project:Gamma"), "|created (done, start P1, end P2)");
	assert_string_equal(log_of(f, "project:Alpha"),
			    "|created (planned, start P2);|created (planned)");
}

/* ---- Linking ------------------------------------------------------------------- */

static void test_linking(void **state)
{
	struct fx *f = *state;
	struct samm_project_link *l;
	size_t n;
	int cnt;

	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	int64_t a = new_project(f, "A", SAMM_PROJECT_ACTIVE, 0, 0);
	int64_t b = new_project(f, "B", SAMM_PROJECT_PLANNED, 0, 0);
	int64_t c = new_project(f, "C", SAMM_PROJECT_DONE, 0, 0);

	/* many-to-many: A links two activities and an item; B and C share one */
	assert_int_equal(link_ids(f, a, "D-TA-1-A G-SM-1-A G-SM-1-B.1"), 3);
	assert_int_equal(link_ids(f, b, "G-SM-1-A"), 1);
	assert_int_equal(link_ids(f, c, "G-SM-1-A.2 G-SM-1-A"), 2);
	/* already linked: skipped, not an error; the same id twice counts once */
	assert_int_equal(link_ids(f, a, "G-SM-1-A D-TA-2-B D-TA-2-B"), 1);
	assert_int_equal(get(f, a).n_links, 4);
	assert_int_equal(get(f, a).n_activities, 4);
	assert_int_equal(get(f, c).n_links, 2);
	assert_int_equal(get(f, c).n_activities, 1);

	/* an unknown id and a practice: nothing at all written */
	const char *bad[] = { "D-TA-1-B", "NOPE-1" };
	assert_int_equal(samm_project_link(f->st, b, bad, 2, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_non_null(strstr(f->err.msg, "unknown id 'NOPE-1'"));
	assert_int_equal(cnt, 0);
	const char *prac[] = { "D-TA-1-B", "SM" };
	assert_int_equal(samm_project_link(f->st, b, prac, 2, "lead", &cnt, &f->err), SAMM_USAGE);
	assert_string_equal(f->err.msg, "'SM' is a practice: projects link activities (such as"
			    " G-SM-1-A) or items (such as G-SM-1-A.1)");
	const char *ov[] = { "overall" };
	assert_int_equal(samm_project_link(f->st, b, ov, 1, "lead", &cnt, &f->err), SAMM_USAGE);
	assert_int_equal(get(f, b).n_links, 1);
	assert_int_equal(samm_project_link(f->st, 999, prac, 1, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);

	/* the links, by activity, the activity's own link first */
	assert_int_equal(samm_project_links(f->st, c, &l, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].level, SAMM_L_ACTIVITY);
	assert_string_equal(l[0].id, "G-SM-1-A");
	assert_int_equal(l[1].level, SAMM_L_ITEM);
	assert_string_equal(l[1].id, "G-SM-1-A.2");
	assert_string_equal(l[1].activity, "G-SM-1-A");
	samm_project_link_list_free(l, n);

	/* who links an id itself (not merely covers it): one query */
	assert_string_equal(linkers(f, "G-SM-1-A"), "A,B,C");
	assert_string_equal(linkers(f, "G-SM-1-A.2"), "C");
	assert_string_equal(linkers(f, "G-SM-1-A.1"), "");
	assert_string_equal(linkers(f, "D-TA-1-A"), "A");

	/* covering: an activity is covered through its items, an item through
	 * its activity; the status mask filters */
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "G-SM-1-A", SAMM_PROJECT_ANY), "B,A,C");
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "G-SM-1-A", SAMM_PROJECT_OPEN), "B,A");
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "G-SM-1-B", SAMM_PROJECT_ANY), "A");
	assert_string_equal(covering(f, SAMM_L_ITEM, "G-SM-1-A.1", SAMM_PROJECT_ANY), "B,A,C");
	assert_string_equal(covering(f, SAMM_L_ITEM, "G-SM-1-B.1", SAMM_PROJECT_ANY), "A");
	assert_string_equal(covering(f, SAMM_L_ITEM, "D-TA-1-A.2", SAMM_PROJECT_ANY), "A");
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "D-TA-1-B", SAMM_PROJECT_ANY), "");
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "NOT-IN-MODEL", SAMM_PROJECT_ANY), "");
	struct samm_project *pv;
	assert_int_equal(samm_project_covering(f->st, f->org.id, SAMM_L_PRACTICE, "SM",
					       SAMM_PROJECT_ANY, &pv, &n, &f->err), SAMM_USAGE);

	/* unlink: all or nothing; an id no model has any more can go */
	const char *un[] = { "G-SM-1-A", "D-TA-1-B" };
	assert_int_equal(samm_project_unlink(f->st, a, un, 2, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_string_equal(f->err.msg, "project 'A' has no link to 'D-TA-1-B'");
	assert_int_equal(get(f, a).n_links, 4);
	assert_int_equal(samm_project_unlink(f->st, a, un, 1, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(get(f, a).n_links, 3);
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "G-SM-1-A", SAMM_PROJECT_ANY), "B,C");
	assert_int_equal(samm_store_test_exec(f->st,
				      "INSERT INTO project_link VALUES(2, 'X-OLD-1-A', 'activity',"
				      " 'X-OLD-1-A')"), 0);
	const char *old[] = { "X-OLD-1-A" };
	assert_int_equal(samm_project_unlink(f->st, b, old, 1, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);

	assert_string_equal(log_of(f, "project:C"),
			    "|created (done);|linked G-SM-1-A.2;|linked G-SM-1-A");
	assert_string_equal(log_of(f, "project:A"),
			    "|created (active);|linked D-TA-1-A;|linked G-SM-1-A;"
			    "|linked G-SM-1-B.1;|linked D-TA-2-B;|unlinked G-SM-1-A");

	/* links are checked against the scope's latest model: model B has EG,
	 * no D-TA-2-B */
	period(f, f->org.id, "P2", "2025-04-15", f->model_b);
	assert_int_equal(link_ids(f, b, "G-EG-1-A"), 1);
	const char *gone[] = { "D-TA-2-B.1" };
	assert_int_equal(samm_project_link(f->st, b, gone, 1, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);

	/* deleting a project removes its links (and logs it) */
	assert_int_equal(samm_project_delete(f->st, a, "lead", &f->err), SAMM_OK);
	assert_string_equal(covering(f, SAMM_L_ACTIVITY, "D-TA-1-A", SAMM_PROJECT_ANY), "");
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM project_link WHERE project_id = 1"),
			 0);
	assert_int_equal(samm_project_get(f->st, a, &(struct samm_project){ 0 }, &f->err),
			 SAMM_NOTFOUND);
	assert_non_null(strstr(log_of(f, "project:A"), ";|deleted (active, 3 links)"));
	assert_int_equal(samm_project_delete(f->st, a, "lead", &f->err), SAMM_NOTFOUND);
}

/* A name too long, of 3-byte characters: the message quotes its start
 * cut between characters (it used to cut one in two at 40 bytes). */
static void test_long_name_message(void **state)
{
	struct fx *f = *state;
	struct samm_project_fields pf;
	struct samm_project p;
	char name[301];
	size_t bad;
	for (int i = 0; i < 100; i++)
		memcpy(name + 3 * i, "\xe2\x82\xac", 3);        /* U+20AC, 3 bytes */
	name[300] = 0;
	memset(&pf, 0, sizeof pf);
	assert_int_equal(samm_project_new(f->st, f->org.id, name, &pf, "lead", &p, &f->err),
			 SAMM_USAGE);
	assert_non_null(strstr(f->err.msg, "is too long"));
	assert_true(samm_utf8_valid(f->err.msg, strlen(f->err.msg), &bad));
	/* 13 whole characters (39 bytes) of the 40 bytes quoted */
	const char *q = strchr(f->err.msg, '\'');
	assert_non_null(q);
	assert_int_equal(strncmp(q + 1, name, 39), 0);
	assert_int_equal(q[40], '.');
}

/* ---- Changing a project ---------------------------------------------------------- */

static void test_set(void **state)
{
	struct fx *f = *state;
	struct samm_project_fields pf;
	struct samm_project p;
	int changed;

	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	f->p[1] = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	f->p[2] = period(f, f->org.id, "P3", "2025-07-15", f->model_a);
	int64_t id = new_project(f, "Alpha", SAMM_PROJECT_PLANNED, f->p[0], 0);
	new_project(f, "Beta", SAMM_PROJECT_PLANNED, 0, 0);

	memset(&pf, 0, sizeof pf);
	pf.set_status = 1;
	pf.status = SAMM_PROJECT_ACTIVE;
	pf.owner = "bob";
	pf.description = "";  /* already empty: no change */
	samm_clock_pin("2026-11-23T09:00:00Z");
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	assert_int_equal(changed, 2);
	p = get(f, id);
	assert_int_equal(p.status, SAMM_PROJECT_ACTIVE);
	assert_string_equal(p.owner, "bob");
	assert_string_equal(p.updated_at, "2026-11-23T09:00:00Z");
	assert_string_equal(p.created_at, "2026-11-22T10:00:00Z");
	/* the same again changes nothing */
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	assert_int_equal(changed, 0);

	/* done without an end: the scope's latest period becomes the end */
	memset(&pf, 0, sizeof pf);
	pf.set_status = 1;
	pf.status = SAMM_PROJECT_DONE;
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	assert_int_equal(changed, 2);
	p = get(f, id);
	assert_int_equal(p.end.id, f->p[2]);
	assert_int_equal(p.has_outcome, 1);

	/* an explicit end; an end before the start; removing the end */
	memset(&pf, 0, sizeof pf);
	pf.set_end = 1;
	pf.end_id = f->p[1];
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	assert_int_equal(get(f, id).end.id, f->p[1]);
	pf.set_start = 1;
	pf.start_id = f->p[2];
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_USAGE);
	assert_int_equal(get(f, id).start.id, f->p[0]);
	memset(&pf, 0, sizeof pf);
	pf.set_end = 1;
	pf.end_id = 0;
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	p = get(f, id);
	assert_int_equal(p.end.id, 0);
	assert_int_equal(p.has_outcome, 0);

	/* rename: not onto another project's name */
	memset(&pf, 0, sizeof pf);
	pf.name = "Beta";
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_EXISTS);
	pf.name = "";
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_USAGE);
	pf.name = "Gamma";
	pf.description = "why";
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &changed, &f->err), SAMM_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(samm_project_find(f->st, f->org.id, "Alpha", &p, &f->err), SAMM_NOTFOUND);
	assert_int_equal(samm_project_find(f->st, f->org.id, "Gamma", &p, &f->err), SAMM_OK);
	assert_string_equal(p.description, "why");
	assert_int_equal(samm_project_set(f->st, 999, &pf, "lead", &changed, &f->err),
			 SAMM_NOTFOUND);

	assert_string_equal(log_of(f, "project:Alpha"),
			    "|created (planned, start P1);status planned|status active;"
			    "no owner|owner bob;status active|status done;no end|end P3;"
			    "end P3|end P2;end P2|no end");
	assert_string_equal(log_of(f, "project:Gamma"),
			    "name Alpha|name Gamma;no description|description why");

	/* deleting the start period leaves the project without a start */
	assert_int_equal(samm_store_period_delete(f->st, f->p[0], "tester", &f->err), SAMM_OK);
	assert_int_equal(get(f, id).start.id, 0);
}

/* ---- Outcome counts --------------------------------------------------------------- */

/*            SM-A.1 SM-A.2 SM-B.1 TA-A.1 TA-A.2 TA2A.1 TA-B.1 TA2B.1
 *   P1         no    some   some   half   most    na    some     .
 *   P2         no    half   some   half   most    na    half     .
 *   P3        half   most   some   some   most   half   most    no
 * Activity values (the lowest criterion that applies):
 *   G-SM-1-A  no   -> no   -> half   rose (P1 -> P3)
 *   G-SM-1-B  some -> some -> some   same
 *   D-TA-1-A  half -> half -> some   fell
 *   D-TA-2-A  na   -> na   -> half   rose
 *   D-TA-1-B  some -> half -> most   rose
 *   D-TA-2-B  unset -> unset -> no   changed (not a rise)
 * P4 uses model B (no G-SM-1-A.2, no D-TA-2-B; EG added):
 *   P4         no     -     most   most   most    na    most     -
 *   EG-A.1 half, EG-B.1 unset */
static void outcome_history(struct fx *f)
{
	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	f->p[1] = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	f->p[2] = period(f, f->org.id, "P3", "2025-07-15", f->model_a);
	setv(f, f->p[0], A_IDS, "nsshmas.");
	setv(f, f->p[1], A_IDS, "nhshmah.");
	setv(f, f->p[2], A_IDS, "hmssmhmn");
}

static void test_outcome(void **state)
{
	struct fx *f = *state;
	struct samm_project *v;
	size_t n;

	outcome_history(f);
	int64_t done = new_project(f, "Done", SAMM_PROJECT_DONE, f->p[0], f->p[2]);
	int64_t act = new_project(f, "Active", SAMM_PROJECT_ACTIVE, f->p[0], f->p[2]);
	int64_t half = new_project(f, "Half", SAMM_PROJECT_DONE, f->p[0], f->p[1]);
	int64_t nostart = new_project(f, "NoStart", SAMM_PROJECT_DONE, 0, f->p[2]);
	/* distinct activities: G-SM-1-A (twice: activity and item), G-SM-1-B,
	 * D-TA-1-A, D-TA-2-A, D-TA-1-B (through its item), D-TA-2-B */
	const char *links = "G-SM-1-A G-SM-1-A.2 G-SM-1-B D-TA-1-A D-TA-2-A D-TA-1-B.1 D-TA-2-B";
	assert_int_equal(link_ids(f, done, links), 7);
	assert_int_equal(link_ids(f, act, links), 7);
	assert_int_equal(link_ids(f, half, links), 7);
	assert_int_equal(link_ids(f, nostart, links), 7);

	struct samm_project p = get(f, done);
	assert_int_equal(p.n_links, 7);
	assert_int_equal(p.n_activities, 6);
	assert_int_equal(p.has_outcome, 1);
	assert_int_equal(p.n_compared, 6);
	assert_int_equal(p.n_rose, 3);          /* G-SM-1-A, D-TA-2-A, D-TA-1-B */

	/* P1 -> P2: only D-TA-1-B rose */
	p = get(f, half);
	assert_int_equal(p.has_outcome, 1);
	assert_int_equal(p.n_rose, 1);
	assert_int_equal(p.n_compared, 6);

	/* not done, or no start: no outcome */
	assert_int_equal(get(f, act).has_outcome, 0);
	assert_int_equal(get(f, act).n_rose, 0);
	assert_int_equal(get(f, nostart).has_outcome, 0);

	/* the list fills the same outcome */
	assert_int_equal(samm_project_list(f->st, f->org.id,
					   SAMM_PROJECT_MASK(SAMM_PROJECT_DONE), &v, &n, &f->err),
			 SAMM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].name, "Done");
	assert_int_equal(v[0].n_rose, 3);
	assert_string_equal(v[1].name, "Half");
	assert_int_equal(v[1].n_rose, 1);
	samm_project_list_free(v, n);

	/* across models: only activities present in both periods count */
	f->p[3] = period(f, f->org.id, "P4", "2025-10-15", f->model_b);
	static const char *const B_IDS[] = {
		"G-SM-1-A.1", "G-SM-1-B.1", "G-EG-1-A.1", "G-EG-1-B.1", "D-TA-1-A.1",
		"D-TA-1-A.2", "D-TA-2-A.1", "D-TA-1-B.1",
	};
	setv(f, f->p[3], B_IDS, "nmh.mmam");
	int64_t cross = new_project(f, "Cross", SAMM_PROJECT_DONE, f->p[0], f->p[3]);
	assert_int_equal(link_ids(f, cross, "G-EG-1-A G-SM-1-A G-SM-1-B D-TA-1-A D-TA-1-B"), 5);
	/* D-TA-2-B is not in the latest model, so link it behind the API's back */
	assert_int_equal(samm_store_test_exec(f->st,
				      "INSERT INTO project_link SELECT id, 'D-TA-2-B', 'activity',"
				      " 'D-TA-2-B' FROM project WHERE name = 'Cross'"), 0);
	p = get(f, cross);
	/* G-EG-1-A only in P4, D-TA-2-B only in P1; of the other four,
	 * G-SM-1-A no -> no, G-SM-1-B some -> most (rose), D-TA-1-A half ->
	 * most (rose), D-TA-1-B some -> most (rose) */
	assert_int_equal(p.n_activities, 6);
	assert_int_equal(p.n_compared, 4);
	assert_int_equal(p.n_rose, 3);
}

/* ---- One project in detail ------------------------------------------------------------ */

static void test_detail(void **state)
{
	struct fx *f = *state;
	struct samm_project_detail *d;
	int cnt;

	outcome_history(f);
	int64_t id = new_project(f, "Show", SAMM_PROJECT_ACTIVE, f->p[0], 0);
	assert_int_equal(link_ids(f, id, "D-TA-2-B D-TA-1-A.2 G-SM-1-B G-SM-1-A.1 G-SM-1-A"), 5);
	assert_int_equal(samm_store_test_exec(f->st,
				      "INSERT INTO project_link VALUES(1, 'X-OLD-1-A.1', 'item',"
				      " 'X-OLD-1-A')"), 0);
	assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-A", SAMM_HALF, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-B", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "D-TA-1-A", SAMM_HALF, "lead", &cnt,
					 &f->err), SAMM_OK);

	/* no end: "now" is the latest period, P3 */
	assert_int_equal(samm_project_detail(f->st, id, &d, &f->err), SAMM_OK);
	assert_true(d->has_start);
	assert_true(d->has_now);
	assert_false(d->now_is_end);
	assert_string_equal(d->start.name, "P1");
	assert_string_equal(d->now.name, "P3");
	assert_non_null(d->start_model);
	assert_int_equal(d->n_rows, 6);
	/* model order, the activity's own row first, unknown ids last */
	const struct samm_project_row *r = d->rows;
	assert_string_equal(r[0].id, "G-SM-1-A");
	assert_int_equal(r[0].level, SAMM_L_ACTIVITY);
	assert_string_equal(r[0].name, "Act SM1A");
	assert_int_equal(r[0].start.value, SAMM_NO);
	assert_int_equal(r[0].now.value, SAMM_HALF);
	assert_score(r[0].now.score, 0.5);
	assert_int_equal(r[0].dir, SAMM_DIR_UP);
	assert_int_equal(r[0].target, SAMM_HALF);
	assert_true(r[0].reached);
	assert_score(r[0].gap, 0);
	assert_string_equal(r[1].id, "G-SM-1-A.1");
	assert_int_equal(r[1].level, SAMM_L_ITEM);
	assert_string_equal(r[1].name, "C1");
	assert_int_equal(r[1].start.value, SAMM_NO);
	assert_int_equal(r[1].now.value, SAMM_HALF);
	assert_int_equal(r[1].target, SAMM_HALF);   /* its activity's */
	assert_true(r[1].reached);
	assert_string_equal(r[2].id, "G-SM-1-B");
	assert_int_equal(r[2].dir, SAMM_DIR_SAME);
	assert_int_equal(r[2].target, SAMM_MOST);
	assert_false(r[2].reached);
	assert_score(r[2].gap, 0.75);
	assert_string_equal(r[3].id, "D-TA-1-A.2");
	assert_int_equal(r[3].start.value, SAMM_MOST);
	assert_int_equal(r[3].now.value, SAMM_MOST);
	assert_true(r[3].reached);          /* most >= half */
	assert_string_equal(r[4].id, "D-TA-2-B");
	assert_int_equal(r[4].start.value, SAMM_UNSET);
	assert_int_equal(r[4].now.value, SAMM_NO);
	assert_int_equal(r[4].dir, SAMM_DIR_CHANGED);
	assert_int_equal(r[4].target, SAMM_UNSET);
	assert_false(r[4].reached);
	assert_string_equal(r[5].id, "X-OLD-1-A.1");
	assert_false(r[5].start.present);
	assert_false(r[5].now.present);
	assert_string_equal(r[5].name, "");
	assert_int_equal(r[5].dir, SAMM_DIR_SAME);
	/* distinct activities: G-SM-1-A, G-SM-1-B, D-TA-1-A, D-TA-2-B, X-OLD-1-A */
	assert_int_equal(d->n_activities, 5);
	assert_int_equal(d->n_compared, 4);
	assert_int_equal(d->n_rose, 1);
	assert_int_equal(d->n_fell, 1);     /* D-TA-1-A half -> some */
	assert_int_equal(d->n_targets, 3);
	assert_int_equal(d->n_reached, 1);  /* G-SM-1-A; D-TA-1-A is some < half */
	samm_project_detail_free(d);

	/* with an end: the end period is "now" */
	struct samm_project_fields pf;
	memset(&pf, 0, sizeof pf);
	pf.set_end = 1;
	pf.end_id = f->p[1];
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(samm_project_detail(f->st, id, &d, &f->err), SAMM_OK);
	assert_true(d->now_is_end);
	assert_string_equal(d->now.name, "P2");
	assert_int_equal(d->rows[0].now.value, SAMM_NO);
	/* the targets set "in P3" went to phase P3, due on P3's date: the
	 * first phase due on or after P2's date, so they count for P2 too */
	assert_int_equal(d->rows[0].target, SAMM_HALF);
	assert_int_equal(d->n_targets, 3);
	assert_int_equal(d->n_reached, 1);  /* D-TA-1-A: half in P2 */
	assert_int_equal(d->n_rose, 0);
	samm_project_detail_free(d);

	/* no start: nothing to compare */
	memset(&pf, 0, sizeof pf);
	pf.set_start = 1;
	assert_int_equal(samm_project_set(f->st, id, &pf, "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(samm_project_detail(f->st, id, &d, &f->err), SAMM_OK);
	assert_false(d->has_start);
	assert_null(d->start_model);
	assert_int_equal(d->rows[0].dir, SAMM_DIR_SAME);
	assert_false(d->rows[0].start.present);
	assert_int_equal(d->n_compared, 0);
	samm_project_detail_free(d);

	assert_int_equal(samm_project_detail(f->st, 999, &d, &f->err), SAMM_NOTFOUND);
	assert_null(d);
}

/* ---- Targets and their roll-up ------------------------------------------------------------ */

/* P3 of outcome_history, activity scores:
 *   G-SM-1-A 0.5  G-SM-1-B 0.25 | D-TA-1-A 0.25 D-TA-2-A 0.5 | D-TA-1-B 1 D-TA-2-B 0
 * Scores: SM = (0.5 + 0.25) / 2 = 0.375; TA = (0.75 + 1) / 2 = 0.875;
 *   Governance 0.375, Design 0.875, overall 0.625.
 * Targets: SM-1-A most, SM-1-B half; TA-1-A most, TA-2-A half, TA-1-B most,
 *   TA-2-B none (counts 0):
 *   SM = (1 + 0.5) / 2 = 0.75; TA = (1.5 + 1) / 2 = 1.25; overall 1.
 * Percent to target: SM 50, TA 70, Governance 50, Design 70, overall 62.5.
 * Gaps: SM-1-A 0.5, SM-1-B 0.25, TA-1-A 0.75, TA-2-A 0 and TA-1-B -0
 *   (both reached), SM 0.375, TA 0.375. */
static void set_p3_targets(struct fx *f)
{
	int cnt;
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 2);
	assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-A", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(samm_target_set(f->st, f->p[2], "Design", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(cnt, 4);
	assert_int_equal(samm_target_set(f->st, f->p[2], "D-TA-2-A", SAMM_HALF, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(samm_target_clear(f->st, f->p[2], "D-TA-2-B", "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 1);
}

static void assert_tfig(const struct samm_target_fig *t, int n_targets, double target,
			double score, double gap, double percent, int reached)
{
	assert_int_equal(t->n_targets, n_targets);
	assert_score(t->target, target);
	assert_score(t->score, score);
	assert_score(t->gap, gap);
	if (percent < 0) {
		assert_false(t->has_percent);
	} else {
		assert_true(t->has_percent);
		assert_score(t->percent, percent);
	}
	assert_int_equal(t->reached, reached);
}

/* The period's scorecard and targetcard, read through the store. */
static void cards(struct fx *f, int64_t pid, struct samm_assessment **a, struct samm_scorecard *sc,
		  struct samm_targetcard *tc)
{
	int targets[16];
	assert_int_equal(samm_store_assessment_load(f->st, pid, a, &f->err), SAMM_OK);
	assert_true((*a)->model->n_activities <= 16);
	assert_int_equal(samm_scorecard_compute((*a)->model, (*a)->value, sc), SAMM_OK);
	assert_int_equal(samm_target_load(f->st, pid, (*a)->model, targets, &f->err), SAMM_OK);
	assert_int_equal(samm_targetcard_compute((*a)->model, sc, targets, tc), SAMM_OK);
}

static void test_target_rollup(void **state)
{
	struct fx *f = *state;
	struct samm_assessment *a;
	struct samm_scorecard sc;
	struct samm_targetcard tc;

	outcome_history(f);
	set_p3_targets(f);
	cards(f, f->p[2], &a, &sc, &tc);
	int exp[] = { SAMM_MOST, SAMM_HALF, SAMM_MOST, SAMM_HALF, SAMM_MOST, SAMM_UNSET };
	for (int i = 0; i < 6; i++)
		assert_int_equal(tc.value[i], exp[i]);
	assert_tfig(&tc.activity[0], 1, 1, 0.5, 0.5, 50, 0);
	assert_tfig(&tc.activity[1], 1, 0.5, 0.25, 0.25, 50, 0);
	assert_tfig(&tc.activity[2], 1, 1, 0.25, 0.75, 25, 0);
	assert_tfig(&tc.activity[3], 1, 0.5, 0.5, 0, 100, 1);
	assert_tfig(&tc.activity[4], 1, 1, 1, 0, 100, 1);
	assert_tfig(&tc.activity[5], 0, 0, 0, 0, -1, 0);
	assert_tfig(&tc.stream[0], 1, 1, 0.5, 0.5, 50, 0);         /* SM-A */
	assert_tfig(&tc.stream[2], 2, 1.5, 0.75, 0.75, 50, 0);     /* TA-A */
	assert_tfig(&tc.stream[3], 1, 1, 1, 0, 100, 1);            /* TA-B */
	assert_tfig(&tc.practice[0], 2, 0.75, 0.375, 0.375, 50, 0);
	assert_tfig(&tc.practice[1], 3, 1.25, 0.875, 0.375, 70, 0);
	assert_tfig(&tc.function[0], 2, 0.75, 0.375, 0.375, 50, 0);
	assert_tfig(&tc.function[1], 3, 1.25, 0.875, 0.375, 70, 0);
	assert_tfig(&tc.overall, 5, 1, 0.625, 0.375, 62.5, 0);
	/* the same figures through samm_targetcard_get */
	assert_ptr_equal(samm_targetcard_get(&tc, (struct samm_ref){ SAMM_L_PRACTICE, 1 }),
			 &tc.practice[1]);
	assert_ptr_equal(samm_targetcard_get(&tc, (struct samm_ref){ SAMM_L_OVERALL, 0 }),
			 &tc.overall);
	assert_null(samm_targetcard_get(&tc, (struct samm_ref){ SAMM_L_ITEM, 0 }));
	/* the scores are the scorecard's, untouched */
	assert_score(tc.practice[0].score, sc.practice[0].score);
	/* an activity without a target counts where it stands (its score), as
	 * the Toolbox's targets start as the current answers: with G-SM-1-A's
	 * target cleared, SM-A's target is its score (0.5) and SM's target
	 * (0.5 + 0.5) / 2 = 0.5 against a score of 0.375: 75 %, not reached
	 * (counting it 0 would give 0.25 and a practice "above target"). */
	{
		int cnt;
		assert_int_equal(samm_target_clear(f->st, f->p[2], "G-SM-1-A", "lead", &cnt,
						   &f->err), SAMM_OK);
		assert_int_equal(cnt, 1);
		samm_targetcard_free(&tc);
		samm_scorecard_free(&sc);
		samm_assessment_free(a);
		cards(f, f->p[2], &a, &sc, &tc);
		assert_score(sc.stream[0].score, 0.5);
		assert_tfig(&tc.stream[0], 0, 0, 0.5, 0, -1, 0);
		assert_tfig(&tc.practice[0], 1, 0.5, 0.375, 0.125, 75, 0);
		assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-A", SAMM_MOST, "lead",
						 &cnt, &f->err), SAMM_OK);
	}
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	samm_assessment_free(a);

	/* N/A: D-TA-2-A goes N/A; its target shows on its row but counts 0
	 * above, as its score does: TA-A target 1, TA (1 + 1) / 2 = 1, score
	 * TA-A 0.25, TA (0.25 + 1) / 2 = 0.625 -> 62.5 %; overall target
	 * (0.75 + 1) / 2 = 0.875, score (0.375 + 0.625) / 2 = 0.5 */
	const char *na_id[] = { "D-TA-2-A.1" };
	setv(f, f->p[2], na_id, "a");
	cards(f, f->p[2], &a, &sc, &tc);
	assert_true(tc.activity[3].na);
	assert_tfig(&tc.activity[3], 1, 0.5, 0, 0, -1, 1);
	assert_tfig(&tc.stream[2], 2, 1, 0.25, 0.75, 25, 0);
	assert_tfig(&tc.practice[1], 3, 1, 0.625, 0.375, 62.5, 0);
	assert_tfig(&tc.overall, 5, 0.875, 0.5, 0.375, 100 * 0.5 / 0.875, 0);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	samm_assessment_free(a);

	/* no targets at all: nothing has a target, nothing reached (P2 counts
	 * phase P3's targets, the first due on or after its date: cleared) */
	{
		int cnt;
		assert_int_equal(samm_target_clear(f->st, f->p[2], "overall", "lead", &cnt,
						   &f->err), SAMM_OK);
		assert_int_equal(cnt, 5);
	}
	cards(f, f->p[1], &a, &sc, &tc);
	assert_tfig(&tc.overall, 0, 0, sc.overall.score, 0, -1, 0);
	assert_tfig(&tc.practice[0], 0, 0, sc.practice[0].score, 0, -1, 0);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	/* NULL targets are the same as none */
	assert_int_equal(samm_scorecard_compute(a->model, a->value, &sc), SAMM_OK);
	assert_int_equal(samm_targetcard_compute(a->model, &sc, NULL, &tc), SAMM_OK);
	assert_int_equal(tc.overall.n_targets, 0);
	assert_int_equal(tc.value[0], SAMM_UNSET);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	samm_assessment_free(a);

	/* above target: a negative gap, more than 100 % */
	int cnt;
	assert_int_equal(samm_target_set(f->st, f->p[2], "TA", SAMM_SOME, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 4);       /* all were cleared above: each gets one */
	cards(f, f->p[2], &a, &sc, &tc);
	/* TA targets: A 0.25 + 0 (N/A), B 0.25 + 0.25 -> (0.25 + 0.5) / 2 = 0.375 */
	assert_tfig(&tc.practice[1], 4, 0.375, 0.625, 0.375 - 0.625, 100 * 0.625 / 0.375, 1);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
	samm_assessment_free(a);
}

static void test_target_store(void **state)
{
	struct fx *f = *state;
	int cnt, t[8];

	outcome_history(f);
	set_p3_targets(f);
	/* the same again: nothing changes, nothing logged */
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 1);       /* G-SM-1-A was most */
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_OK);
	assert_int_equal(cnt, 0);
	/* bad values and ids write nothing */
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_NA, "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_UNSET, "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-A.1", SAMM_HALF, "lead", &cnt,
					 &f->err), SAMM_USAGE);
	assert_string_equal(f->err.msg, "'G-SM-1-A.1' is an item: targets are set on activities"
			    " (such as G-SM-1-A), or on a practice or function for all of its"
			    " activities");
	assert_int_equal(samm_target_set(f->st, f->p[2], "NOPE", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_int_equal(samm_target_clear(f->st, f->p[2], "NOPE", "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_int_equal(samm_target_clear(f->st, f->p[2], "G-SM-1-A.1", "lead", &cnt, &f->err),
			 SAMM_USAGE);
	assert_int_equal(samm_target_set(f->st, 999, "SM", SAMM_HALF, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	/* targets belong to phases: set_p3_targets made phase P3 (due on
	 * P3's date); phases P1 and P2 come before it.  A stream sets its
	 * activities; "overall" sets every activity. */
	struct samm_phase ph1, ph2, ph3;
	assert_int_equal(samm_phase_find(f->st, f->org.id, "P3", &ph3, &f->err), SAMM_OK);
	assert_string_equal(ph3.due, "2025-07-15");
	assert_int_equal(samm_phase_new(f->st, f->org.id, "P1", "2025-01-15", NULL, "lead", &ph1,
					&f->err), SAMM_OK);
	assert_int_equal(samm_phase_new(f->st, f->org.id, "P2", "2025-04-15", "", "lead", &ph2,
					&f->err), SAMM_OK);
	assert_int_equal(samm_phase_target_set(f->st, ph2.id, "TA-B", SAMM_SOME, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 2);
	assert_int_equal(samm_phase_target_set(f->st, ph1.id, "overall", SAMM_NO, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 6);

	/* the period P3 counts phase P3: its own targets, and D-TA-2-B, which
	 * it cleared when nothing came before, now carried from P2 (some),
	 * which overrides P1 (no) */
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, f->p[2], &a, &f->err), SAMM_OK);
	assert_int_equal(samm_target_load(f->st, f->p[2], a->model, t, &f->err), SAMM_OK);
	int exp[] = { SAMM_HALF, SAMM_HALF, SAMM_MOST, SAMM_HALF, SAMM_MOST, SAMM_SOME };
	for (int i = 0; i < 6; i++)
		assert_int_equal(t[i], exp[i]);
	assert_int_equal(samm_target_load(f->st, f->p[1], a->model, t, &f->err), SAMM_OK);
	assert_int_equal(t[4], SAMM_SOME);
	assert_int_equal(t[0], SAMM_NO);        /* carried from P1 */
	samm_assessment_free(a);

	/* clear a practice in P3: all four have a target there */
	assert_int_equal(samm_target_clear(f->st, f->p[2], "TA", "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 4);
	assert_int_equal(samm_target_clear(f->st, f->p[2], "TA", "lead", &cnt, &f->err), SAMM_OK);
	assert_int_equal(cnt, 0);

	/* the change log: phase, "target:CODE", old and new target */
	assert_string_equal(log_of(f, "target:G-SM-1-A"), "P3:>half;P3:half>most;P3:most>half;P1:>no");
	assert_string_equal(log_of(f, "target:D-TA-2-B"),
			    "P3:>most;P3:most>;P2:>some;P1:>no;P3:some>");
	assert_string_equal(log_of(f, "target:D-TA-1-B"), "P3:>most;P2:>some;P1:>no;P3:most>");

	/* a read-only store refuses; a deleted period leaves the phases, a
	 * deleted phase takes its own targets along */
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_READONLY, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "SM", SAMM_MOST, "lead", &cnt, &f->err),
			 SAMM_READONLY);
	assert_int_equal(samm_project_new(f->st, f->org.id, "RO", NULL, NULL, NULL, &f->err),
			 SAMM_READONLY);
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(f->path, 0, &f->st, &f->err), SAMM_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM phase_target WHERE phase_id = %lld",
		 (long long)ph2.id);
	assert_int_equal(sql_int(f->st, sql), 2);
	assert_int_equal(samm_store_period_delete(f->st, f->p[1], "tester", &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, sql), 2);
	assert_int_equal(samm_phase_delete(f->st, ph2.id, "lead", &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, sql), 0);
}

/* ---- Coverage of stuck activities ------------------------------------------------------------ */

/*            SM-A.1 SM-A.2 SM-B.1 TA-A.1 TA-A.2 TA2A.1 TA-B.1 TA2B.1
 *   P1         no    most   some   half   most    na    some     .
 *   P2         no    most   some   half   most    na    half     .
 *   P3         no    most   half   half   most    na    most     .
 * Stagnant items over 3 periods: G-SM-1-A.1 (no), D-TA-1-A.1 (half).
 * P3 activities: SM-1-A 0, SM-1-B 0.5, TA-1-A 0.5, TA-2-A N/A, TA-1-B 1,
 * TA-2-B 0 (unset).  Targets in P3: SM-1-B most (below), TA-1-B half (met),
 * TA-2-A most (N/A: never below), TA-2-B some (below).
 * Rows: G-SM-1-A stagnant, G-SM-1-B below, D-TA-1-A stagnant, D-TA-2-B below. */
static void test_coverage(void **state)
{
	struct fx *f = *state;
	struct samm_stagnant *sg;
	struct samm_coverage *c;
	int cnt;

	f->p[0] = period(f, f->org.id, "P1", "2025-01-15", f->model_a);
	f->p[1] = period(f, f->org.id, "P2", "2025-04-15", f->model_a);
	f->p[2] = period(f, f->org.id, "P3", "2025-07-15", f->model_a);
	setv(f, f->p[0], A_IDS, "nmshmas.");
	setv(f, f->p[1], A_IDS, "nmshmah.");
	setv(f, f->p[2], A_IDS, "nmhhmam.");

	/* no projects, no targets yet: stagnant rows, all uncovered */
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &sg, &f->err), SAMM_OK);
	assert_int_equal(sg->n_items, 2);
	assert_int_equal(samm_coverage_compute(f->st, sg, &c, &f->err), SAMM_OK);
	assert_int_equal(c->n_projects, 0);
	assert_int_equal(c->n_targets, 0);
	assert_int_equal(c->n_rows, 2);
	assert_int_equal(c->n_uncovered, 2);
	assert_string_equal(c->latest.name, "P3");
	samm_coverage_free(c);
	samm_stagnant_free(sg);

	assert_int_equal(samm_target_set(f->st, f->p[2], "G-SM-1-B", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "D-TA-1-B", SAMM_HALF, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "D-TA-2-A", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	assert_int_equal(samm_target_set(f->st, f->p[2], "D-TA-2-B", SAMM_SOME, "lead", &cnt,
					 &f->err), SAMM_OK);
	link_ids(f, new_project(f, "Open", SAMM_PROJECT_ACTIVE, 0, 0), "G-SM-1-A.1");
	link_ids(f, new_project(f, "Plan", SAMM_PROJECT_PLANNED, 0, 0), "D-TA-2-B");
	link_ids(f, new_project(f, "Also", SAMM_PROJECT_PLANNED, 0, 0), "G-SM-1-A D-TA-2-B");
	link_ids(f, new_project(f, "Done", SAMM_PROJECT_DONE, 0, 0), "G-SM-1-B");
	link_ids(f, new_project(f, "Drop", SAMM_PROJECT_DROPPED, 0, 0), "D-TA-1-A");

	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &sg, &f->err), SAMM_OK);
	assert_int_equal(samm_coverage_compute(f->st, sg, &c, &f->err), SAMM_OK);
	assert_int_equal(c->n_projects, 5);
	assert_int_equal(c->n_targets, 4);
	assert_int_equal(c->n_rows, 4);
	assert_int_equal(c->n_stagnant, 2);
	assert_int_equal(c->n_below_target, 2);
	assert_int_equal(c->n_uncovered, 2);    /* done and dropped projects do not count */
	const struct samm_cover_row *r = c->rows;
	assert_string_equal(r[0].code, "G-SM-1-A");
	assert_true(r[0].stagnant);
	assert_false(r[0].below_target);
	assert_int_equal(r[0].value, SAMM_NO);
	assert_int_equal(r[0].target, SAMM_UNSET);
	assert_int_equal(r[0].n_projects, 2);
	assert_string_equal(r[0].projects[0].name, "Also");
	assert_string_equal(r[0].projects[1].name, "Open");
	assert_string_equal(r[1].code, "G-SM-1-B");
	assert_false(r[1].stagnant);
	assert_true(r[1].below_target);
	assert_int_equal(r[1].value, SAMM_HALF);
	assert_int_equal(r[1].target, SAMM_MOST);
	assert_int_equal(r[1].n_projects, 0);
	assert_null(r[1].projects);
	assert_string_equal(r[2].code, "D-TA-1-A");
	assert_int_equal(r[2].practice, 1);
	assert_int_equal(r[2].n_projects, 0);
	assert_string_equal(r[3].code, "D-TA-2-B");
	assert_true(r[3].below_target);
	assert_int_equal(r[3].value, SAMM_UNSET);
	assert_score(r[3].score, 0);
	assert_int_equal(r[3].n_projects, 2);
	samm_coverage_free(c);
	samm_stagnant_free(sg);

	/* a scope without periods: empty */
	struct samm_scope other;
	assert_int_equal(samm_store_scope_new(f->st, "Other", &other, &f->err), SAMM_OK);
	assert_int_equal(samm_stagnant_compute(f->st, other.id, 3, &sg, &f->err), SAMM_OK);
	assert_int_equal(samm_coverage_compute(f->st, sg, &c, &f->err), SAMM_OK);
	assert_null(c->model);
	assert_int_equal(c->n_rows, 0);
	assert_int_equal(c->n_projects, 0);
	samm_coverage_free(c);
	samm_stagnant_free(sg);
}

/* ---- Schema 1 -> 2 ------------------------------------------------------------------------------ */

/* The version-1 schema exactly as sammtui 0.1.0 wrote it. */
static const char V1_SCHEMA[] =
	"PRAGMA application_id = 1396788557;"
	"CREATE TABLE model(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" version TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, csv BLOB NOT NULL,"
	" n_items INTEGER NOT NULL, loaded_at TEXT NOT NULL,"
	" UNIQUE(name, version)) STRICT;"
	"CREATE TABLE scope(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" created_at TEXT NOT NULL) STRICT;"
	"CREATE TABLE period(id INTEGER PRIMARY KEY,"
	" scope_id INTEGER NOT NULL REFERENCES scope(id), name TEXT NOT NULL,"
	" date TEXT NOT NULL, model_id INTEGER NOT NULL REFERENCES model(id),"
	" created_at TEXT NOT NULL, UNIQUE(scope_id, name)) STRICT;"
	"CREATE INDEX period_by_date ON period(scope_id, date, id);"
	"CREATE INDEX period_by_model ON period(model_id);"
	"CREATE TABLE score(period_id INTEGER NOT NULL"
	" REFERENCES period(id) ON DELETE CASCADE, item TEXT NOT NULL,"
	" value INTEGER CHECK (value BETWEEN 0 AND 4), note TEXT,"
	" updated_by TEXT, updated_at TEXT, PRIMARY KEY(period_id, item))"
	" WITHOUT ROWID, STRICT;"
	"CREATE TABLE log(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	" user TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL,"
	" item TEXT NOT NULL, old_value INTEGER, new_value INTEGER,"
	" old_note TEXT, new_note TEXT) STRICT;"
	"CREATE INDEX log_by_item ON log(scope, item, id);"
	"PRAGMA user_version = 1;"
	"INSERT INTO scope VALUES(1, 'Organization', '2025-01-01T00:00:00Z');"
	"INSERT INTO period VALUES(1, 1, 'Q1', '2025-01-15', 1, '2025-01-15T00:00:00Z');"
	"INSERT INTO score VALUES(1, 'G-SM-1-A.1', 2, 'kept', 'old', '2025-01-15T00:00:00Z');"
	"INSERT INTO log VALUES(1, '2025-01-15T00:00:00Z', 'old', 'Organization', 'Q1',"
	" 'G-SM-1-A.1', NULL, 2, NULL, 'kept');";

static void test_migrate_v1(void **state)
{
	struct fx *f = *state;
	char path[200], hash[65];

	snprintf(path, sizeof path, "%s/v1.db", f->dir);
	assert_int_equal(samm_store_test_file_exec(path, V1_SCHEMA), 0);
	samm_sha256_hex(MODEL_A, strlen(MODEL_A), hash);
	assert_int_equal(samm_store_test_file_put(path, "INSERT INTO model VALUES(1, 'tiny', '1',"
						  " ?1, ?2, 8, '2025-01-01T00:00:00Z')", hash,
						  MODEL_A, strlen(MODEL_A)), 0);

	samm_store_close(f->st);
	assert_int_equal(samm_store_open(path, 0, &f->st, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM sqlite_schema WHERE name IN"
				 " ('project', 'project_link', 'phase_target',"
				 " 'project_link_by_activity')"), 4);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	/* the old data is there and the new features work on it */
	struct samm_period q;
	struct samm_project p;
	int cnt;
	assert_int_equal(samm_store_period_find(f->st, 1, "Q1", &q, &f->err), SAMM_OK);
	assert_int_equal(samm_project_new(f->st, 1, "Migrated", NULL, "lead", &p, &f->err),
			 SAMM_OK);
	assert_int_equal(p.start.id, q.id);
	assert_int_equal(link_ids(f, p.id, "G-SM-1-A"), 1);
	assert_int_equal(samm_target_set(f->st, q.id, "G-SM-1-A", SAMM_MOST, "lead", &cnt,
					 &f->err), SAMM_OK);
	struct samm_project_detail *d;
	assert_int_equal(samm_project_detail(f->st, p.id, &d, &f->err), SAMM_OK);
	assert_int_equal(d->n_rows, 1);
	assert_int_equal(d->rows[0].now.value, SAMM_NO);  /* A.1 half, A.2 unset */
	assert_int_equal(d->rows[0].target, SAMM_MOST);
	samm_project_detail_free(d);

	/* opened again: nothing more to migrate */
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(path, 0, &f->st, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM project"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test_setup_teardown(test_new_find_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_name_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_rollup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
