/* test_roadmap_store.c - fixing a period's name or date, proposing the next
 * period, and the schema 2 -> 3 migration from a frozen version-2 file.
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

/* ---- Fixing a period's name or date --------------------------------------------------------- */

static void test_period_set(void **state)
{
	struct fx *f = *state;
	struct samm_period *v;
	size_t n;
	int cnt;
	int64_t q1 = period(f, "Q1", "2025-01-15", f->model_a);
	/* a quarter created late: today's date sorts it after Q3 */
	int64_t q2 = period(f, "Q2", "2025-11-22", f->model_a);
	period(f, "Q3", "2025-07-15", f->model_a);

	assert_int_equal(samm_store_period_set(f->st, q2, NULL, "2025-04-15", "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(samm_store_period_list(f->st, f->org.id, &v, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[1].name, "Q2");
	assert_string_equal(v[2].name, "Q3");
	samm_period_list_free(v, n);

	assert_int_equal(samm_store_period_set(f->st, q1, "Q3", NULL, "lead", &cnt, &f->err),
			 SAMM_EXISTS);
	assert_int_equal(samm_store_period_set(f->st, q1, NULL, "2025-13-01", "lead", &cnt,
					       &f->err), SAMM_USAGE);
	assert_int_equal(samm_store_period_set(f->st, q1, "2025-Q1", "2025-01-15", "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_int_equal(cnt, 1);                       /* the date was already that */
	assert_int_equal(samm_store_period_set(f->st, 999, "X", NULL, "lead", &cnt, &f->err),
			 SAMM_NOTFOUND);
	assert_string_equal(log_of(f, "period:Q2"), "date 2025-11-22|date 2025-04-15");
	assert_string_equal(log_of(f, "period:2025-Q1"), "name Q1|name 2025-Q1");
}

/* ---- Proposing the next period --------------------------------------------------------- */

static void test_propose(void **state)
{
	struct fx *f = *state;
	char name[64], date[16];

	/* no period: this quarter, today (the clock is pinned to 2026-11-22) */
	assert_int_equal(samm_period_propose(f->st, f->org.id, name, sizeof name, date,
					     sizeof date, &f->err), SAMM_OK);
	assert_string_equal(name, "2026-Q4");
	assert_string_equal(date, "2026-11-22");

	/* after a period of 2025-02-10: 2025-Q2, which began before today */
	period(f, "Kickoff", "2025-02-10", f->model_a);
	assert_int_equal(samm_period_propose(f->st, f->org.id, name, sizeof name, date,
					     sizeof date, &f->err), SAMM_OK);
	assert_string_equal(name, "2025-Q2");
	assert_string_equal(date, "2026-11-22");

	/* planned ahead: the first day of the quarter after the latest */
	period(f, "Late", "2026-12-15", f->model_a);
	assert_int_equal(samm_period_propose(f->st, f->org.id, name, sizeof name, date,
					     sizeof date, &f->err), SAMM_OK);
	assert_string_equal(name, "2027-Q1");
	assert_string_equal(date, "2027-01-01");

	/* a name already taken: the next free quarter */
	period(f, "2027-Q1", "2026-12-20", f->model_a);
	assert_int_equal(samm_period_propose(f->st, f->org.id, name, sizeof name, date,
					     sizeof date, &f->err), SAMM_OK);
	assert_string_equal(name, "2027-Q2");
	assert_string_equal(date, "2027-04-01");
}

/* ---- Schema 2 -> 3 ---------------------------------------------------------------------------- */

/* The version-2 schema exactly as sammtui wrote it before the roadmap
 * (schema 1, then the 1 -> 2 step), with data: periods Q1, Q2 with targets
 * and Q3 without; a project. */
static const char V2_SCHEMA[] =
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
	"CREATE TABLE project(id INTEGER PRIMARY KEY,"
	" scope_id INTEGER NOT NULL REFERENCES scope(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',"
	" description TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT 'planned'"
	"  CHECK (status IN ('planned', 'active', 'done', 'dropped')),"
	" start_period INTEGER REFERENCES period(id) ON DELETE SET NULL,"
	" end_period INTEGER REFERENCES period(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE(scope_id, name)) STRICT;"
	"CREATE INDEX project_by_start ON project(start_period);"
	"CREATE INDEX project_by_end ON project(end_period);"
	"CREATE TABLE project_link(project_id INTEGER NOT NULL"
	" REFERENCES project(id) ON DELETE CASCADE, ref TEXT NOT NULL,"
	" level TEXT NOT NULL CHECK (level IN ('activity', 'item')),"
	" activity TEXT NOT NULL, PRIMARY KEY(project_id, ref)) WITHOUT ROWID, STRICT;"
	"CREATE INDEX project_link_by_activity ON project_link(activity, project_id);"
	"CREATE TABLE target(period_id INTEGER NOT NULL"
	" REFERENCES period(id) ON DELETE CASCADE, activity TEXT NOT NULL,"
	" value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3),"
	" set_by TEXT NOT NULL, set_at TEXT NOT NULL,"
	" PRIMARY KEY(period_id, activity)) WITHOUT ROWID, STRICT;"
	"PRAGMA user_version = 2;"
	"INSERT INTO scope VALUES(1, 'Organization', '2025-01-01T00:00:00Z');"
	"INSERT INTO scope VALUES(2, 'Team', '2025-01-01T00:00:00Z');"
	/* Q2 created before Q1 (a late quarter): phases follow the dates */
	"INSERT INTO period VALUES(1, 1, 'Q2', '2025-04-15', 1, '2025-04-15T00:00:00Z');"
	"INSERT INTO period VALUES(2, 1, 'Q1', '2025-01-15', 1, '2025-04-16T00:00:00Z');"
	"INSERT INTO period VALUES(3, 1, 'Q3', '2025-07-15', 1, '2025-07-15T00:00:00Z');"
	"INSERT INTO period VALUES(4, 2, 'Q1', '2025-01-15', 1, '2025-01-15T00:00:00Z');"
	"INSERT INTO score VALUES(1, 'G-SM-1-A.1', 2, NULL, 'old', '2025-04-15T00:00:00Z');"
	"INSERT INTO target VALUES(2, 'G-SM-1-A', 2, 'lead', '2025-01-20T00:00:00Z');"
	"INSERT INTO target VALUES(2, 'D-TA-1-A', 1, 'lead', '2025-01-20T00:00:00Z');"
	"INSERT INTO target VALUES(1, 'G-SM-1-A', 3, 'lead', '2025-04-20T00:00:00Z');"
	"INSERT INTO target VALUES(4, 'D-TA-2-B', 3, 'lead', '2025-01-20T00:00:00Z');"
	"INSERT INTO project VALUES(1, 1, 'Old', '', '', 'active', 2, NULL,"
	" '2025-01-15T00:00:00Z', '2025-01-15T00:00:00Z');"
	"INSERT INTO log VALUES(1, '2025-01-20T00:00:00Z', 'lead', 'Organization', 'Q1',"
	" 'target:G-SM-1-A', NULL, 2, NULL, NULL);";

static void test_migrate_v2(void **state)
{
	struct fx *f = *state;
	char path[200], hash[65];
	struct samm_period q1, q2, q3;
	struct samm_phase *v;
	size_t n;

	snprintf(path, sizeof path, "%s/v2.db", f->dir);
	assert_int_equal(samm_store_test_file_exec(path, V2_SCHEMA), 0);
	samm_sha256_hex(MODEL_A, strlen(MODEL_A), hash);
	assert_int_equal(samm_store_test_file_put(path, "INSERT INTO model VALUES(1, 'tiny', '1',"
						  " ?1, ?2, 8, '2025-01-01T00:00:00Z')", hash,
						  MODEL_A, strlen(MODEL_A)), 0);

	samm_store_close(f->st);
	assert_int_equal(samm_store_open(path, 0, &f->st, &f->err), SAMM_OK);
	f->model_a = 1;
	assert_int_equal(sql_int(f->st, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM sqlite_schema WHERE name = 'target'"),
			 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM log"), 1);

	/* each period with targets became a phase of its name, due on its
	 * date, in date order; Q3 had none: no phase */
	assert_int_equal(samm_phase_list(f->st, 1, &v, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Q1");
	assert_string_equal(v[0].due, "2025-01-15");
	assert_string_equal(v[1].name, "Q2");
	assert_string_equal(v[1].due, "2025-04-15");
	assert_string_equal(v[1].description, "");
	samm_phase_list_free(v, n);
	assert_int_equal(samm_phase_list(f->st, 2, &v, &n, &f->err), SAMM_OK);
	assert_int_equal(n, 1);
	samm_phase_list_free(v, n);

	/* every period keeps the targets it had: Q2 had none for D-TA-1-A,
	 * and Q1's does not carry into it (an explicit "no target" row);
	 * Q3, after every phase, counts the last, Q2 */
	assert_int_equal(samm_store_period_find(f->st, 1, "Q1", &q1, &f->err), SAMM_OK);
	assert_int_equal(samm_store_period_find(f->st, 1, "Q2", &q2, &f->err), SAMM_OK);
	assert_int_equal(samm_store_period_find(f->st, 1, "Q3", &q3, &f->err), SAMM_OK);
	assert_string_equal(phase_of(f, q1.id), "Q1");  /* dated exactly on its due date */
	assert_string_equal(targets_of(f, q1.id), "h.s...");
	assert_string_equal(targets_of(f, q2.id), "m.....");
	assert_string_equal(targets_of(f, q3.id), "m.....");
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM phase_target WHERE value IS NULL"),
			 1);
	assert_int_equal(targets_of(f, 4)[5], 'm');      /* the other scope's own */

	/* the new features work on the old data */
	struct samm_project p;
	assert_int_equal(samm_project_find(f->st, 1, "Old", &p, &f->err), SAMM_OK);
	assert_int_equal(p.phase_id, 0);
	assert_string_equal(p.start.name, "Q1");
	int cnt;
	assert_int_equal(samm_phase_target_set(f->st, 1, "D-TA-1-A", SAMM_HALF, "lead", &cnt,
					       &f->err), SAMM_OK);
	assert_string_equal(targets_of(f, q1.id), "h.h...");
	assert_string_equal(targets_of(f, q2.id), "m.....");

	/* opened again: nothing more to migrate */
	samm_store_close(f->st);
	assert_int_equal(samm_store_open(path, 0, &f->st, &f->err), SAMM_OK);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM phase"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_period_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_propose, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v2, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
