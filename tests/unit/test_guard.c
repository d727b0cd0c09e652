/* test_guard.c - the store's guard against hostile database files
 * (src/core/store_guard.c): the step limit stops a statement that never
 * ends and lets the next one run; the hardened connection refuses ATTACH,
 * runs no trigger and no view; the schema check names what is foreign.
 * (The limit guard_harden sets, GUARD_MAX_STEPS, takes seconds to reach:
 * test_step_limit uses a small one.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sqlite3.h>
#include "core/store/guard.h"

#define FOREVER "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)" \
		" SELECT count(*) FROM c"

static sqlite3 *memdb(void)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	return db;
}

static void test_step_limit(void **state)
{
	(void)state;
	sqlite3 *db = memdb();
	assert_int_equal(guard_progress(db, 2000000), SQLITE_OK);
	/* a statement that never ends is stopped */
	assert_int_equal(sqlite3_exec(db, FOREVER, NULL, NULL, NULL), SQLITE_INTERRUPT);
	/* the limit counts per statement: the next ones run, and one of a
	 * million steps fits under two million */
	for (int i = 0; i < 3; i++)
		assert_int_equal(sqlite3_exec(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL"
					      " SELECT x + 1 FROM c WHERE x < 50000)"
					      " SELECT count(*) FROM c", NULL, NULL, NULL),
				 SQLITE_OK);
	sqlite3_close(db);
}

static void test_harden(void **state)
{
	(void)state;
	sqlite3 *db = memdb();
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); CREATE TABLE n(c);"
				      " CREATE TRIGGER bump AFTER INSERT ON t BEGIN"
				      " INSERT INTO n VALUES (1); END;"
				      " CREATE VIEW v AS SELECT x FROM t;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(guard_harden(db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "ATTACH ':memory:' AS other", NULL, NULL, NULL),
			     SQLITE_OK);
	/* the file's trigger does not run; its view cannot be read */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM n", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	assert_int_not_equal(sqlite3_exec(db, "SELECT * FROM v", NULL, NULL, NULL), SQLITE_OK);
	/* defensive: the schema cannot be written */
	assert_int_not_equal(sqlite3_exec(db, "PRAGMA writable_schema = ON;"
					  " DELETE FROM sqlite_schema WHERE name = 'v'",
					  NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static const char *const mig[] = {
	"CREATE TABLE a(x INTEGER PRIMARY KEY, y TEXT UNIQUE); PRAGMA user_version = 1;",
	"CREATE INDEX a_y ON a(y, x); PRAGMA user_version = 2;",
};
static const struct guard_schema gs = { mig, 2, 42 };

static void test_schema_check(void **state)
{
	(void)state;
	struct samm_error err;
	sqlite3 *db = memdb();
	assert_int_equal(sqlite3_exec(db, mig[0], NULL, NULL, NULL), SQLITE_OK);
	/* version 1 is exactly migration 0; version 2 lacks the index */
	assert_int_equal(guard_check_schema(db, "f.db", &gs, 1, &err), SAMM_OK);
	assert_int_equal(guard_check_schema(db, "f.db", &gs, 2, &err), SAMM_DB);
	assert_non_null(strstr(err.msg, "missing index \"a_y\""));
	assert_int_equal(sqlite3_exec(db, mig[1], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(guard_check_schema(db, "f.db", &gs, 2, &err), SAMM_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(guard_check_schema(db, "f.db", &gs, 2, &err), SAMM_DB);
	assert_string_equal(err.msg, "f.db: unexpected trigger \"t\" in the database;"
			    " inspect it with: sqlite3 f.db .schema");
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_limit),
		cmocka_unit_test(test_harden),
		cmocka_unit_test(test_schema_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
