/* value.h - the answer to one quality criterion, and number formatting.
 *
 * A value is the index of the answer (0..3, worth 0, 0.25, 0.5 and 1), or
 * N/A, or unset.  Stored in SQLite as that integer (NULL = unset). */
#ifndef SAMM_VALUE_H
#define SAMM_VALUE_H

#include <stddef.h>

enum samm_value {
	SAMM_UNSET = -1,        /* never scored, or cleared: counts 0 */
	SAMM_NO    = 0,         /* 0    */
	SAMM_SOME  = 1,         /* 0.25 */
	SAMM_HALF  = 2,         /* 0.5  */
	SAMM_MOST  = 3,         /* 1    (most or all) */
	SAMM_NA    = 4,         /* not applicable: left out of the activity's minimum */
};

/* The accepted spellings, for error messages. */
#define SAMM_VALUE_SPELLINGS "no, some, half, most, 0, 0.25, 0.5, 1, na, clear"

/* Parse a user's spelling (case-insensitive): no some half most, 0 0.25 0.5 1
 * (also .25 .5 1.0 0.0 0.50 ...), na n/a, clear.  "clear" gives SAMM_UNSET.
 * Returns 0 and sets *out, or -1 when s is none of them. */
int samm_value_parse(const char *s, int *out);

/* The same, also taking the answer labels of the item's question,
 * case-insensitive and in full ("Yes, for most or all of the
 * applications"); answers may be NULL (spellings only).  A spelling wins
 * over a label.  0 or -1. */
int samm_value_parse_answer(const char *s, const char *const answers[4], int *out);

/* What a user may give instead of a bad value, for an error message:
 * the spellings, the answers in quotes when answers is not NULL, and a
 * word on the screens' keys 0-3 (which pick an answer there, while the
 * command line and CSV take values).  Always NUL-terminated. */
void samm_value_expected(char *buf, size_t size, const char *const answers[4]);

/* Numeric worth: 0, 0.25, 0.5, 1; unset and N/A give 0. */
double samm_value_worth(int v);

/* Short machine name: "no" "some" "half" "most" "na", "" for unset. */
const char *samm_value_name(int v);

/* Valid stored value (SAMM_UNSET..SAMM_NA)? */
int samm_value_valid(int v);

/* Format a score with up to `decimals` decimals (CSV uses 6), trailing
 * zeros and a trailing point removed: 2.5 -> "2.5", 3 -> "3",
 * 1/3 with 6 -> "0.333333".  Never prints "-0". */
void samm_format_score(char *buf, size_t size, double x, int decimals);

/* x rounded to `decimals` decimals (half away from zero), as printf
 * would show it. */
double samm_round(double x, int decimals);

/* a - b as a reader of a and b shown with `decimals` decimals works it
 * out: samm_round(a) - samm_round(b).  A gap (target - score) printed
 * beside the two figures is this, so that the three always agree. */
double samm_shown_diff(double a, double b, int decimals);

/* The one rounding rule for shares (answered, N/A, ... out of a whole):
 * the nearest whole percent, halves up; 0 when whole is 0. */
int samm_share_percent(long part, long whole);
/* The same as text: "10%". */
void samm_format_share(char *buf, size_t size, long part, long whole);

#endif
