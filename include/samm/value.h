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

#endif
