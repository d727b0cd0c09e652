/* test_samm22.c - SAMM 2.2 beside 2.0: the model diff (on the real files
 * of the data folder, $SAMM_MODEL's, and on small models), optional
 * models that never become the default, and the re-check marks a change
 * of model leaves in a period (set, carried, cleared, confirmed). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/analysis.h"
#include "samm/model.h"
#include "samm/model_diff.h"
#include "samm/store.h"
#include "samm/util.h"
#include "samm/value.h"
#include "fixture.h"
#include "core/store/testing.h"

#define HEAD "id,function,practice_code,practice,stream,stream_name,level,activity,question," \
	"criterion,answer_0,answer_1,answer_2,answer_3\n"

/* Old: two activities. */
static const char OLD[] = HEAD
	"G-SM-1-A.1,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 1,No,Some,Half,All\n"
	"G-SM-1-A.2,Governance,SM,Strategy,A,Create,1,Act one,Q1?,Crit 2,No,Some,Half,All\n"
	"G-SM-2-A.1,Governance,SM,Strategy,A,Create,2,Act two,Q2?,Crit 3,No,Some,Half,All\n"
	"G-SM-2-A.2,Governance,SM,Strategy,A,Create,2,Act two,Q2?,Crit 4,No,Some,Half,All\n"
	"G-PC-1-A.1,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 5,No,Some,Half,All\n"
	"G-PC-1-A.2,Governance,PC,Policy,A,Policies,1,Act pol,Q3?,Crit 6,No,Some,Half,All\n";

/* New: G-SM-1-A.2's criterion reworded, Act two's question reworded (two
 * criteria), Act pol's title and an answer label reworded, G-PC-1-A.2
 * removed, G-SM-1-A.3 added; the practice renamed (not a reword). */
static const char NEW[] = HEAD
	"G-SM-1-A.1,Governance,SM,Strategy & co,A,Create,1,Act one,Q1?,Crit 1,No,Some,Half,All\n"
	"G-SM-1-A.2,Governance,SM,Strategy & co,A,Create,1,Act one,Q1?,Crit 2 new,No,Some,Half,All\n"
	"G-SM-1-A.3,Governance,SM,Strategy & co,A,Create,1,Act one,Q1?,Crit 7,No,Some,Half,All\n"
	"G-SM-2-A.1,Governance,SM,Strategy & co,A,Create,2,Act two,Q2 new?,Crit 3,No,Some,Half,All\n"
	"G-SM-2-A.2,Governance,SM,Strategy & co,A,Create,2,Act two,Q2 new?,Crit 4,No,Some,Half,All\n"
	"G-PC-1-A.1,Governance,PC,Policy,A,Policies,1,Act pol 2,Q3?,Crit 5,No,Few,Half,All\n";

static struct samm_model *parse(const char *csv)
{
	struct samm_model *m = NULL;
	struct samm_error err;
	assert_int_equal(samm_model_parse(csv, strlen(csv), "t.csv", &m, &err), SAMM_OK);
	return m;
}

static const struct samm_mchange *find_change(const struct samm_model_diff *d, const char *id)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].id, id))
			return &d->v[i];
	return NULL;
}

/* ---- Model diff ------------------------------------------------------------ */

static void test_diff_small(void **state)
{
	(void)state;
	struct samm_model *a = parse(OLD), *b = parse(NEW);
	struct samm_model_diff *d;
	struct samm_error err;

	assert_int_equal(samm_model_diff(a, b, &d, &err), SAMM_OK);
	assert_int_equal(d->n_added, 1);
	assert_int_equal(d->n_removed, 1);
	assert_int_equal(d->n_reworded, 4);
	assert_int_equal(d->n_criteria, 1);
	assert_int_equal(d->n_questions, 2);
	assert_int_equal(d->n_question_acts, 1);
	assert_int_equal(d->n_titles, 1);
	assert_int_equal(d->n_answers, 1);
	assert_int_equal(d->n, 6);
	const struct samm_mchange *c = find_change(d, "G-SM-1-A.3");
	assert_non_null(c);
	assert_int_equal(c->kind, SAMM_MC_ADDED);
	c = find_change(d, "G-PC-1-A.2");
	assert_non_null(c);
	assert_int_equal(c->kind, SAMM_MC_REMOVED);
	c = find_change(d, "G-SM-1-A.2");
	assert_int_equal(c->kind, SAMM_MC_REWORDED);
	assert_int_equal(c->what, SAMM_RW_CRITERION);
	c = find_change(d, "G-PC-1-A.1");
	assert_int_equal(c->what, SAMM_RW_TITLE | SAMM_RW_ANSWERS);
	/* an item whose texts all stayed, practice name aside, is no change */
	assert_null(find_change(d, "G-SM-1-A.1"));
	samm_model_diff_free(d);

	/* the other way round: added and removed swap, rewordings stay */
	assert_int_equal(samm_model_diff(b, a, &d, &err), SAMM_OK);
	assert_int_equal(d->n_added, 1);
	assert_int_equal(d->n_removed, 1);
	assert_int_equal(d->n_reworded, 4);
	assert_int_equal(find_change(d, "G-SM-1-A.3")->kind, SAMM_MC_REMOVED);
	samm_model_diff_free(d);

	/* a model against itself */
	assert_int_equal(samm_model_diff(a, a, &d, &err), SAMM_OK);
	assert_int_equal(d->n, 0);
	samm_model_diff_free(d);
	samm_model_free(a);
	samm_model_free(b);
}

static void test_reword_names(void **state)
{
	(void)state;
	char buf[64];
	unsigned all = SAMM_RW_CRITERION | SAMM_RW_QUESTION | SAMM_RW_TITLE | SAMM_RW_ANSWERS;
	assert_string_equal(samm_reword_str(all, buf, sizeof buf),
			    "criterion+question+title+answers");
	assert_int_equal(samm_reword_parse(buf), all);
	assert_string_equal(samm_reword_str(SAMM_RW_QUESTION, buf, sizeof buf), "question");
	assert_string_equal(samm_reword_str(0, buf, sizeof buf), "");
	assert_int_equal(samm_reword_parse("title+bogus"), SAMM_RW_TITLE);
	assert_int_equal(samm_reword_parse(""), 0);
	assert_string_equal(samm_reword_str(all, buf, 12), "criterion");
}

/* The data folder's files: $SAMM_MODEL (samm-2.0.csv) and samm-2.2.csv
 * beside it. */
static struct samm_model *load_data_model(const char *name)
{
	const char *env = getenv("SAMM_MODEL");
	char dir[4096], path[4200];
	struct samm_model *m = NULL;
	struct samm_error err;
	snprintf(dir, sizeof dir, "%s", env && *env ? env : "../shared/model/samm-2.0.csv");
	snprintf(path, sizeof path, "%s/%s", dirname(dir), name);
	if (samm_model_load_file(path, &m, NULL, NULL, &err) != SAMM_OK)
		fail_msg("%s", err.msg);
	return m;
}

static void test_diff_samm_20_22(void **state)
{
	(void)state;
	struct samm_model *a = load_data_model("samm-2.0.csv");
	struct samm_model *b = load_data_model("samm-2.2.csv");
	struct samm_model_diff *d;
	struct samm_error err;

	assert_int_equal(a->n_items, 294);
	assert_int_equal(b->n_items, 295);
	assert_int_equal(samm_model_diff(a, b, &d, &err), SAMM_OK);
	/* what the model's release notes say: one criterion added, 33
	 * criteria, 31 questions and 12 activity titles reworded, no id
	 * removed */
	assert_int_equal(d->n_added, 1);
	assert_int_equal(d->n_removed, 0);
	assert_int_equal(d->n_criteria, 33);
	assert_int_equal(d->n_questions, 31);
	assert_int_equal(d->n_titles, 12);
	const struct samm_mchange *c = find_change(d, "G-EG-1-A.6");
	assert_non_null(c);
	assert_int_equal(c->kind, SAMM_MC_ADDED);
	samm_model_diff_free(d);
	samm_model_free(a);
	samm_model_free(b);
}

/* ---- The store ------------------------------------------------------------- */

struct fx {
	char dir[64], path[128];
	struct samm_store *st;
	int64_t old_id, new_id;
	struct samm_scope org;
	struct samm_error err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_samm22");
	snprintf(f->path, sizeof f->path, "%s/sammtui.db", f->dir);
	samm_clock_pin("2026-11-22T10:00:00Z");
	fx_store_with_models(f->path, OLD, NEW, &f->st, &f->old_id, &f->new_id, &f->org, &f->err);
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

static void test_optional_never_default(void **state)
{
	struct fx *f = *state;
	struct samm_model_info mi;
	int64_t id;
	int created;

	assert_int_equal(samm_store_model_add_optional(f->st, OLD, strlen(OLD) - 1, "o.csv",
						       "tiny", "3", &id, &created, &f->err),
			 SAMM_OK);
	assert_int_equal(created, 1);
	/* the latest loaded model, and the latest of that name: not the optional one */
	assert_int_equal(samm_store_model_find(f->st, NULL, &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->new_id);
	assert_int_equal(mi.optional, 0);
	assert_int_equal(samm_store_model_find(f->st, "tiny", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, f->new_id);
	/* but it is there by name and version */
	assert_int_equal(samm_store_model_find(f->st, "tiny:3", &mi, &f->err), SAMM_OK);
	assert_int_equal(mi.id, id);
	assert_int_equal(mi.optional, 1);
	/* a period with no model given and nothing to copy takes the default */
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "E", "2026-01-01",
					       SAMM_FROM_NOTHING, 0, 0, &p, &f->err), SAMM_OK);
	assert_int_equal(p.model_id, f->new_id);
}

static void set(struct fx *f, int64_t period, const char *item, int v)
{
	struct samm_change c = { .item = item, .set_value = 1, .value = v };
	assert_int_equal(samm_store_apply(f->st, period, &c, 1, "ann", NULL, &f->err), SAMM_OK);
}

/* marks[] of a period as "id:what" joined by spaces. */
static void marks(struct fx *f, int64_t period, char *buf, size_t size)
{
	struct samm_assessment *a;
	const struct samm_model *m;
	unsigned what[16];
	int n;
	char w[64];
	size_t len = 0;
	assert_int_equal(samm_store_assessment_load(f->st, period, &a, &f->err), SAMM_OK);
	m = a->model;
	samm_assessment_free(a);
	assert_true(m->n_items <= 16);
	assert_int_equal(samm_store_recheck(f->st, period, m, what, &n, &f->err), SAMM_OK);
	buf[0] = '\0';
	for (int i = 0; i < m->n_items; i++) {
		if (!what[i])
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s:%s", len ? " " : "",
					m->items[i].id, samm_reword_str(what[i], w, sizeof w));
		n--;
	}
	assert_int_equal(n, 0);
}

static void test_recheck_marks(void **state)
{
	struct fx *f = *state;
	struct samm_period p1, p2, p3;
	char buf[512];

	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P1", "2026-01-01",
					       SAMM_FROM_NOTHING, 0, f->old_id, &p1, &f->err), SAMM_OK);
	set(f, p1.id, "G-SM-1-A.1", SAMM_MOST);  /* not reworded */
	set(f, p1.id, "G-SM-1-A.2", SAMM_HALF);  /* criterion reworded */
	set(f, p1.id, "G-SM-2-A.1", SAMM_NA);    /* question reworded; N/A is a value */
	/* G-SM-2-A.2 (question reworded) stays unset: nothing to re-check */
	set(f, p1.id, "G-PC-1-A.1", SAMM_SOME);  /* title and answers reworded */
	set(f, p1.id, "G-PC-1-A.2", SAMM_SOME);  /* removed */

	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P2", "2026-04-01",
					       SAMM_FROM_LATEST, 0, f->new_id, &p2, &f->err), SAMM_OK);
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-1-A.2:criterion G-SM-2-A.1:question"
			    " G-PC-1-A.1:title+answers");
	/* the old period has none */
	marks(f, p1.id, buf, sizeof buf);
	assert_string_equal(buf, "");

	/* a value change clears a mark; a note change does not */
	struct samm_change note = { .item = "G-SM-2-A.1", .set_note = 1, .note = "checked?" };
	assert_int_equal(samm_store_apply(f->st, p2.id, &note, 1, "ann", NULL, &f->err), SAMM_OK);
	set(f, p2.id, "G-SM-1-A.2", SAMM_MOST);
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-2-A.1:question G-PC-1-A.1:title+answers");

	/* a copy of a marked period (same model) keeps the marks */
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P3", "2026-07-01",
					       SAMM_FROM_LATEST, 0, 0, &p3, &f->err), SAMM_OK);
	assert_int_equal(p3.model_id, f->new_id);
	marks(f, p3.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-2-A.1:question G-PC-1-A.1:title+answers");

	/* deleting a period takes its marks with it */
	int64_t n;
	assert_int_equal(samm_store_period_delete(f->st, p3.id, "ann", &f->err), SAMM_OK);
	assert_int_equal(samm_store_test_int(f->st, "SELECT count(*) FROM recheck", &n), 0);
	assert_int_equal(n, 2);
}

static void test_confirm(void **state)
{
	struct fx *f = *state;
	struct samm_period p1, p2;
	char buf[512];
	int n;

	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P1", "2026-01-01",
					       SAMM_FROM_NOTHING, 0, f->old_id, &p1, &f->err), SAMM_OK);
	set(f, p1.id, "G-SM-1-A.2", SAMM_HALF);
	set(f, p1.id, "G-SM-2-A.1", SAMM_SOME);
	set(f, p1.id, "G-SM-2-A.2", SAMM_SOME);
	set(f, p1.id, "G-PC-1-A.1", SAMM_SOME);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P2", "2026-04-01",
					       SAMM_FROM_LATEST, 0, f->new_id, &p2, &f->err), SAMM_OK);
	int64_t log0, log1;
	assert_int_equal(samm_store_test_int(f->st, "SELECT count(*) FROM log", &log0), 0);

	/* an unknown id: nothing confirmed, nothing logged */
	const char *bad[] = { "G-SM-2-A", "G-XX-1-A.1" };
	assert_int_equal(samm_store_confirm(f->st, p2.id, bad, 2, "bob", &n, &f->err),
			 SAMM_NOTFOUND);
	assert_non_null(strstr(f->err.msg, "G-XX-1-A.1"));
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-1-A.2:criterion G-SM-2-A.1:question G-SM-2-A.2:question"
			    " G-PC-1-A.1:title+answers");

	/* an activity confirms its marked criteria, an item itself; an item
	 * not marked counts nothing */
	const char *ids[] = { "G-SM-2-A", "G-PC-1-A.1", "G-SM-1-A.1", "G-SM-2-A.1" };
	assert_int_equal(samm_store_confirm(f->st, p2.id, ids, 4, "bob", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 3);
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-1-A.2:criterion");
	/* values untouched, one log row each */
	struct samm_assessment *a;
	assert_int_equal(samm_store_assessment_load(f->st, p2.id, &a, &f->err), SAMM_OK);
	assert_int_equal(a->value[samm_model_find_item(a->model, "G-SM-2-A.1")], SAMM_SOME);
	samm_assessment_free(a);
	assert_int_equal(samm_store_test_int(f->st, "SELECT count(*) FROM log", &log1), 0);
	assert_int_equal(log1 - log0, 3);
	struct samm_log_entry *rows;
	size_t nr;
	struct samm_log_filter lf = { f->org.id, "P2", NULL };
	assert_int_equal(samm_store_log(f->st, &lf, &rows, &nr, &f->err), SAMM_OK);
	assert_true(nr >= 3);
	assert_string_equal(rows[nr - 1].item, "recheck:G-PC-1-A.1");
	assert_string_equal(rows[nr - 1].user, "bob");
	assert_int_equal(rows[nr - 1].old_value, SAMM_SOME);
	assert_int_equal(rows[nr - 1].new_value, SAMM_SOME);
	assert_string_equal(rows[nr - 1].old_note, "to re-check (title+answers)");
	assert_string_equal(rows[nr - 1].new_note, "confirmed");
	samm_log_free(rows, nr);

	/* again: nothing left under them */
	assert_int_equal(samm_store_confirm(f->st, p2.id, ids, 4, "bob", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 0);
	/* overall takes the rest */
	const char *all[] = { "overall" };
	assert_int_equal(samm_store_confirm(f->st, p2.id, all, 1, "bob", &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "");
}

/* A read-only store refuses to confirm. */
static void test_confirm_readonly(void **state)
{
	struct fx *f = *state;
	struct samm_period p1, p2;
	int n = -1;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P1", "2026-01-01",
					       SAMM_FROM_NOTHING, 0, f->old_id, &p1, &f->err), SAMM_OK);
	set(f, p1.id, "G-SM-1-A.2", SAMM_HALF);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P2", "2026-04-01",
					       SAMM_FROM_LATEST, 0, f->new_id, &p2, &f->err), SAMM_OK);
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(f->path, SAMM_OPEN_READONLY, &f->st, &f->err), SAMM_OK);
	const char *ids[] = { "overall" };
	assert_int_equal(samm_store_confirm(f->st, p2.id, ids, 1, "bob", &n, &f->err),
			 SAMM_READONLY);
	assert_int_equal(n, 0);
}

/* A file of schema 2 (before optional models and re-check marks) opens
 * upgraded, its data kept, and works with them at once. */
static void test_migrate_v2(void **state)
{
	struct fx *f = *state;
	struct samm_period p1, p2;
	int64_t n;
	char buf[256];

	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P1", "2026-01-01",
					       SAMM_FROM_NOTHING, 0, f->old_id, &p1, &f->err), SAMM_OK);
	set(f, p1.id, "G-SM-1-A.2", SAMM_HALF);
	samm_store_close(f->st);
	f->st = NULL;
	/* back to schema 2: without the re-check marks and optional models
	 * (2 -> 3) and the roadmap (3 -> 4), with schema 2's targets */
	assert_int_equal(samm_store_test_file_exec(f->path, "DROP TABLE recheck;"
						   " DROP TABLE model_optional;"
						   " DROP TABLE phase_target; DROP TABLE scope_exclude;"
						   " DROP INDEX project_by_phase;"
						   " ALTER TABLE project DROP COLUMN phase_id;"
						   " DROP TABLE phase;"
						   " CREATE TABLE target(period_id INTEGER NOT NULL"
						   " REFERENCES period(id) ON DELETE CASCADE,"
						   " activity TEXT NOT NULL,"
						   " value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3),"
						   " set_by TEXT NOT NULL, set_at TEXT NOT NULL,"
						   " PRIMARY KEY(period_id, activity)) WITHOUT ROWID,"
						   " STRICT;"
						   " PRAGMA user_version = 2;"), 0);
	assert_int_equal(samm_store_open(f->path, 0, &f->st, &f->err), SAMM_OK);
	assert_int_equal(samm_store_test_int(f->st, "PRAGMA user_version", &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(samm_store_test_int(f->st, "SELECT count(*) FROM sqlite_schema WHERE"
					     " name IN ('recheck', 'model_optional')", &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(samm_store_period_new(f->st, f->org.id, "P2", "2026-04-01",
					       SAMM_FROM_LATEST, 0, f->new_id, &p2, &f->err), SAMM_OK);
	marks(f, p2.id, buf, sizeof buf);
	assert_string_equal(buf, "G-SM-1-A.2:criterion");
}

/* The stagnant item of that id, or NULL. */
static const struct samm_stag_item *stag_find(const struct samm_stagnant *s, const char *id)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (!strcmp(s->items[i].id, id))
			return &s->items[i];
	return NULL;
}

/* Two periods of the old model, two of the new: an item both word alike
 * runs through all four, a reworded one only from the change of model. */
static void test_stagnant_across_reword(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = { "P1", "P2", "P3", "P4" };
	struct samm_period p;
	struct samm_stagnant *s;

	for (int k = 0; k < 4; k++) {
		char date[16];
		snprintf(date, sizeof date, "2026-0%d-01", k + 1);
		assert_int_equal(samm_store_period_new(f->st, f->org.id, names[k], date,
						       k ? SAMM_FROM_LATEST : SAMM_FROM_NOTHING, 0,
						       k == 0 ? f->old_id : k == 2 ? f->new_id : 0,
						       &p, &f->err), SAMM_OK);
		if (k == 0) {
			set(f, p.id, "G-SM-1-A.1", SAMM_SOME);  /* worded alike */
			set(f, p.id, "G-SM-1-A.2", SAMM_SOME);  /* criterion reworded */
		}
	}
	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 2, &s, &f->err), SAMM_OK);
	const struct samm_stag_item *a1 = stag_find(s, "G-SM-1-A.1");
	const struct samm_stag_item *a2 = stag_find(s, "G-SM-1-A.2");
	assert_non_null(a1);
	assert_non_null(a2);
	assert_int_equal(a1->run, 4);
	assert_int_equal(a1->since, 0);
	assert_int_equal(a2->run, 2);
	assert_int_equal(a2->since, 2);
	samm_stagnant_free(s);

	assert_int_equal(samm_stagnant_compute(f->st, f->org.id, 3, &s, &f->err), SAMM_OK);
	assert_non_null(stag_find(s, "G-SM-1-A.1"));
	assert_null(stag_find(s, "G-SM-1-A.2"));
	samm_stagnant_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_small),
		cmocka_unit_test(test_reword_names),
		cmocka_unit_test(test_diff_samm_20_22),
		cmocka_unit_test_setup_teardown(test_optional_never_default, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recheck_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confirm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confirm_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stagnant_across_reword, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v2, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
