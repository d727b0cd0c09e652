/* fuzz_value.c - libFuzzer target for the value parser (samm_value_parse)
 * and the score formatter (samm_format_score).
 *
 * A parsed value must be a valid one, and its machine name must parse back
 * to the same value; a formatted score must never be "-0" nor overflow. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_value: invariant broken: %s (%s)\n", what, detail ? detail : "");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int v = -99, back = -99;

	if (!s)
		return 0;
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	if (samm_value_parse(s, &v) == 0) {
		if (!samm_value_valid(v))
			fail("parsed an invalid value", s);
		if (v != SAMM_UNSET) {
			const char *name = samm_value_name(v);
			if (samm_value_parse(name, &back) != 0 || back != v)
				fail("value name does not parse back", name);
		}
		double w = samm_value_worth(v);
		if (!(w == 0 || w == 0.25 || w == 0.5 || w == 1))
			fail("worth outside {0, .25, .5, 1}", s);
	}
	free(s);

	/* The formatter on any double the input spells in 8 bytes. */
	if (size >= 9) {
		double x;
		char buf[64], small[8];
		int dec = data[8] % 10;
		memcpy(&x, data, sizeof x);
		if (isfinite(x) && fabs(x) < 1e15) {
			samm_format_score(buf, sizeof buf, x, dec);
			if (strcmp(buf, "-0") == 0)
				fail("formatted -0", buf);
			samm_format_score(small, sizeof small, x, dec);
			if (memchr(small, '\0', sizeof small) == NULL)
				fail("small buffer not terminated", NULL);
		}
	}
	return 0;
}
