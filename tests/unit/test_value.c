/* test_value.c - answer spellings, worths, names and score formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>
#include "samm/nearest.h"
#include "samm/value.h"

static void expect_parse(const char *s, int want)
{
	int v = 12345;
	if (samm_value_parse(s, &v) != 0)
		fail_msg("\"%s\" was rejected, want %d", s, want);
	if (v != want)
		fail_msg("\"%s\" parsed as %d, want %d", s, v, want);
}

static void test_words(void **state)
{
	(void)state;
	expect_parse("no", SAMM_NO);
	expect_parse("No", SAMM_NO);
	expect_parse("NO", SAMM_NO);
	expect_parse("some", SAMM_SOME);
	expect_parse("SoMe", SAMM_SOME);
	expect_parse("half", SAMM_HALF);
	expect_parse("HALF", SAMM_HALF);
	expect_parse("most", SAMM_MOST);
	expect_parse("Most", SAMM_MOST);
	expect_parse("na", SAMM_NA);
	expect_parse("NA", SAMM_NA);
	expect_parse("n/a", SAMM_NA);
	expect_parse("N/A", SAMM_NA);
	expect_parse("clear", SAMM_UNSET);
	expect_parse("CLEAR", SAMM_UNSET);
}

static void test_numbers(void **state)
{
	(void)state;
	expect_parse("0", SAMM_NO);
	expect_parse("0.0", SAMM_NO);
	expect_parse(".0", SAMM_NO);
	expect_parse("0.000", SAMM_NO);
	expect_parse("0.25", SAMM_SOME);
	expect_parse(".25", SAMM_SOME);
	expect_parse("0.250", SAMM_SOME);
	expect_parse("0.5", SAMM_HALF);
	expect_parse(".5", SAMM_HALF);
	expect_parse("0.50", SAMM_HALF);
	expect_parse("1", SAMM_MOST);
	expect_parse("1.0", SAMM_MOST);
	expect_parse("1.00", SAMM_MOST);
}

static void test_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", " ", "0.3", "2", "3", "yes", " no", "no ", "1e0", "0x1",
		"0.25 ", " 0.25", "-0", "-1", "+1", "1.", ".", "0.2", "0.75",
		"1.5", "10", "01", "00.5", "0.255", "0,5", "nope", "n", "n/",
		"n/a/", "nan", "inf", "most or all", "unset", "0.25x", "1.01",
		"m\xc3\xb6st",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int v = 77;
		if (samm_value_parse(bad[i], &v) != -1)
			fail_msg("\"%s\" was accepted as %d", bad[i], v);
		/* a rejection leaves the output alone */
		assert_int_equal(v, 77);
	}
	int v = 77;
	assert_int_equal(samm_value_parse(NULL, &v), -1);
	assert_int_equal(v, 77);
}

static void test_worth_name_valid(void **state)
{
	(void)state;
	assert_true(samm_value_worth(SAMM_NO) == 0.0);
	assert_true(samm_value_worth(SAMM_SOME) == 0.25);
	assert_true(samm_value_worth(SAMM_HALF) == 0.5);
	assert_true(samm_value_worth(SAMM_MOST) == 1.0);
	assert_true(samm_value_worth(SAMM_NA) == 0.0);
	assert_true(samm_value_worth(SAMM_UNSET) == 0.0);

	assert_string_equal(samm_value_name(SAMM_NO), "no");
	assert_string_equal(samm_value_name(SAMM_SOME), "some");
	assert_string_equal(samm_value_name(SAMM_HALF), "half");
	assert_string_equal(samm_value_name(SAMM_MOST), "most");
	assert_string_equal(samm_value_name(SAMM_NA), "na");
	assert_string_equal(samm_value_name(SAMM_UNSET), "");

	/* every name parses back to its value */
	for (int v = SAMM_NO; v <= SAMM_NA; v++)
		expect_parse(samm_value_name(v), v);

	assert_false(samm_value_valid(-2));
	for (int v = SAMM_UNSET; v <= SAMM_NA; v++)
		assert_true(samm_value_valid(v));
	assert_false(samm_value_valid(5));
}

static void expect_fmt(double x, int decimals, const char *want)
{
	char buf[64];
	memset(buf, 'x', sizeof buf);
	samm_format_score(buf, sizeof buf, x, decimals);
	if (strcmp(buf, want) != 0)
		fail_msg("format(%.17g, %d) = \"%s\", want \"%s\"", x, decimals, buf, want);
}

static void test_format(void **state)
{
	(void)state;
	expect_fmt(0, 6, "0");
	expect_fmt(3, 6, "3");
	expect_fmt(2.5, 6, "2.5");
	expect_fmt(0.25, 6, "0.25");
	expect_fmt(1.0 / 3, 6, "0.333333");
	expect_fmt(2.0 / 3, 6, "0.666667");
	expect_fmt(2.0 / 3, 2, "0.67");
	expect_fmt(-0.0, 6, "0");
	expect_fmt(-0.0000001, 6, "0");
	expect_fmt(1.9999999999, 6, "2");
	expect_fmt(10, 6, "10");         /* zeros before the point stay */
	expect_fmt(100, 0, "100");
	expect_fmt(2.5, 0, "2");         /* printf rounds half to even */
	expect_fmt(1.75, 1, "1.8");
	expect_fmt(-0.5, 6, "-0.5");
	expect_fmt(0.125, 2, "0.12");

	/* a small buffer truncates, still NUL-terminated */
	char small[4];
	samm_format_score(small, sizeof small, 1.0 / 3, 6);
	assert_string_equal(small, "0.3");
}

/* The answer labels of a question are values too, in any case, in full. */
static void test_answers(void **state)
{
	static const char *const answers[4] = { "No", "Yes, for some of the applications",
		"Yes, for at least half of the applications",
		"Yes, for most or all of the applications" };
	char buf[1024];
	int v = -9;

	(void)state;
	assert_int_equal(samm_value_parse_answer("Yes, for most or all of the applications",
						 answers, &v), 0);
	assert_int_equal(v, SAMM_MOST);
	assert_int_equal(samm_value_parse_answer("YES, FOR SOME OF THE APPLICATIONS", answers, &v), 0);
	assert_int_equal(v, SAMM_SOME);
	assert_int_equal(samm_value_parse_answer("half", answers, &v), 0);
	assert_int_equal(v, SAMM_HALF);
	/* not a prefix, not without answers */
	assert_int_equal(samm_value_parse_answer("Yes, for some", answers, &v), -1);
	assert_int_equal(samm_value_parse_answer("No", NULL, &v), 0);
	assert_int_equal(samm_value_parse_answer("Yes, for some of the applications", NULL, &v), -1);
	assert_int_equal(samm_value_parse_answer("3", answers, &v), -1);
	/* the message lists the words and the answers, and explains 0-3 */
	samm_value_expected(buf, sizeof buf, answers);
	assert_non_null(strstr(buf, SAMM_VALUE_SPELLINGS));
	assert_non_null(strstr(buf, "\"Yes, for at least half of the applications\""));
	assert_non_null(strstr(buf, "keys 0-3 pick an answer"));
	samm_value_expected(buf, 20, answers);
	assert_int_equal(strlen(buf), 19);
}

static void test_shares_and_rounding(void **state)
{
	char b[16];

	(void)state;
	/* 29/294 = 9.86%: 10% everywhere */
	assert_int_equal(samm_share_percent(29, 294), 10);
	samm_format_share(b, sizeof b, 29, 294);
	assert_string_equal(b, "10%");
	assert_int_equal(samm_share_percent(1, 8), 13);     /* 12.5: halves up */
	assert_int_equal(samm_share_percent(0, 0), 0);
	assert_int_equal(samm_share_percent(3, 3), 100);
	assert_int_equal(samm_share_percent(2, 3), 67);
	/* as printf shows it */
	assert_true(samm_round(0.125, 2) == 0.12);
	assert_true(samm_round(0.135, 2) == 0.14);
	assert_true(samm_round(1.0 / 3, 6) == 0.333333);
}

static void test_edit_distance(void **state)
{
	static const char *const names[] = { "2026-Q4", "2027-Q1", "2027-Q2", "Baseline" };
	size_t order[4];

	(void)state;
	assert_int_equal(samm_edit_distance("2027Q2", "2027-Q2"), 1);
	assert_int_equal(samm_edit_distance("g-sm-1-a.1", "G-SM-1-A.1"), 0);
	assert_int_equal(samm_edit_distance("", "abc"), 3);
	assert_int_equal(samm_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(samm_nearest_order("2027Q2", names, 4, order), 0);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 0);
	assert_int_equal(order[3], 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_worth_name_valid),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_shares_and_rounding),
		cmocka_unit_test(test_edit_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
