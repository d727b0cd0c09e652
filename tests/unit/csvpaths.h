/* csvpaths.h - run a test on both paths of the core's CSV reader (the SSE2
 * fast path and the portable one: src/core/csvrec.c, "Blanks"), so that
 * both are tested on every machine that has the fast one.
 *
 *	const struct CMUnitTest tests[] = { CSV_BOTH(test_x), ... };
 */
#ifndef TEST_CSVPATHS_H
#define TEST_CSVPATHS_H

#include "core/csvrec.h"

static int csv_path_fast(void **state)
{
	(void)state;
	samm_csvrec_set_portable(0);
	return 0;
}

static int csv_path_portable(void **state)
{
	(void)state;
	samm_csvrec_set_portable(1);
	return 0;
}

#define CSV_BOTH(f) \
	{ #f, f, csv_path_fast, csv_path_fast, NULL }, \
	{ #f " (portable CSV reader)", f, csv_path_portable, csv_path_fast, NULL }

#endif
