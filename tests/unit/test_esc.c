/* test_esc.c - the one escaper of text on its way to a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include "samm/esc.h"

/* The escape of the unit at the start of s (its length in *n). */
static const char *unit(const char *s, size_t *n)
{
	static char out[SAMM_ESC_MAX];
	uint32_t cp;
	*n = samm_esc_unit(s, strlen(s) ? strlen(s) : 1, &cp, out);
	return out;
}

static void test_forms(void **state)
{
	(void)state;
	static const struct { const char *s; const char *esc; size_t n; } cases[] = {
		{ "\n", "\\n", 1 }, { "\t", "\\t", 1 }, { "\r", "\\r", 1 },
		{ "\x1b[", "\\x1b", 1 }, { "\x7f", "\\x7f", 1 }, { "\x07", "\\x07", 1 },
		{ "\xc2\x9b", "\\u009b", 2 },           /* C1 CSI */
		{ "\xe2\x80\xae", "\\u202e", 3 },       /* RLO */
		{ "\xd8\x9c", "\\u061c", 2 },           /* ALM */
		{ "\xe2\x81\xa6", "\\u2066", 3 },       /* LRI */
		{ "\xff", "\\xff", 1 },                 /* not UTF-8 */
		{ "\xe2\x82", "\\xe2", 1 },             /* cut short */
		{ "a", "", 1 }, { "\xc3\xa9", "", 2 }, { "\xf0\x9f\x98\x80", "", 4 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n;
		assert_string_equal(unit(cases[i].s, &n), cases[i].esc);
		assert_int_equal(n, cases[i].n);
	}
	char out[SAMM_ESC_MAX];
	assert_int_equal(samm_esc_cp(0x10ffff, out), 10);
	assert_string_equal(out, "\\U0010ffff");
	assert_int_equal(samm_esc_cp(0, out), 4);
	assert_string_equal(out, "\\x00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
