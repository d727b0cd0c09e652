/* value.c - parsing, naming and weighing answers; formatting scores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"

static int value_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ASCII-only case-insensitive compare: strcasecmp would follow the locale
 * and is not in C11. */
static int value_ieq(const char *a, const char *b)
{
	while (*a && *b && value_lower((unsigned char)*a) == value_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

/* Only the four worths in plain decimal: an optional integer part of
 * digits, an optional point with digits, nothing else (no sign, exponent,
 * hex or spaces, which strtod would take).  Matching the digits rather than
 * the converted double keeps "0.2500000000000000001" from sneaking in. */
static int value_parse_number(const char *s, int *out)
{
	const char *p = s;
	const char *ip, *fp = NULL;
	size_t ni, nf = 0;

	ip = p;
	while (*p >= '0' && *p <= '9')
		p++;
	ni = (size_t)(p - ip);
	if (*p == '.') {
		p++;
		fp = p;
		while (*p >= '0' && *p <= '9')
			p++;
		nf = (size_t)(p - fp);
		if (nf == 0)
			return -1;      /* "1." is not a usual spelling */
	}
	if (*p != '\0' || (ni == 0 && nf == 0))
		return -1;
	/* the integer part: absent, "0" or "1" ("00" and "01" are not usual) */
	if (ni > 1 || (ni == 1 && ip[0] != '0' && ip[0] != '1'))
		return -1;
	int one = ni == 1 && ip[0] == '1';
	/* the fraction without trailing zeros */
	while (nf > 0 && fp[nf - 1] == '0')
		nf--;
	if (one) {
		if (nf != 0)
			return -1;
		*out = SAMM_MOST;
	} else if (nf == 0) {
		*out = SAMM_NO;
	} else if (nf == 1 && fp[0] == '5') {
		*out = SAMM_HALF;
	} else if (nf == 2 && fp[0] == '2' && fp[1] == '5') {
		*out = SAMM_SOME;
	} else {
		return -1;
	}
	return 0;
}

int samm_value_parse(const char *s, int *out)
{
	static const struct { const char *name; int v; } words[] = {
		{ "no", SAMM_NO }, { "some", SAMM_SOME }, { "half", SAMM_HALF },
		{ "most", SAMM_MOST }, { "na", SAMM_NA }, { "n/a", SAMM_NA },
		{ "clear", SAMM_UNSET },
	};
	int v;

	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (value_ieq(s, words[i].name)) {
			*out = words[i].v;
			return 0;
		}
	}
	if (value_parse_number(s, &v) != 0)
		return -1;
	*out = v;
	return 0;
}

int samm_value_parse_answer(const char *s, const char *const answers[4], int *out)
{
	if (samm_value_parse(s, out) == 0)
		return 0;
	for (int i = 0; s && answers && i < 4; i++) {
		if (answers[i] && *answers[i] && value_ieq(s, answers[i])) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

void samm_value_expected(char *buf, size_t size, const char *const answers[4])
{
	size_t o;

	if (!buf || size == 0)
		return;
	snprintf(buf, size, "expected one of: %s", SAMM_VALUE_SPELLINGS);
	for (int i = 0; answers && i < 4; i++) {
		o = strlen(buf);
		snprintf(buf + o, size - o, "%s\"%s\"", i == 0 ? "; or the answer in full: " : ", ",
			 answers[i] ? answers[i] : "");
	}
	o = strlen(buf);
	snprintf(buf + o, size - o, "; the screens' keys 0-3 pick an answer, the command line "
		 "and CSV take values: 0 = no, 1 = most");
}

double samm_round(double x, int decimals)
{
	char b[64];

	if (decimals < 0)
		decimals = 0;
	if (decimals > 17)
		decimals = 17;
	snprintf(b, sizeof b, "%.*f", decimals, x);
	return strtod(b, NULL);
}

double samm_shown_diff(double a, double b, int decimals)
{
	return samm_round(a, decimals) - samm_round(b, decimals);
}

int samm_share_percent(long part, long whole)
{
	if (whole <= 0 || part <= 0)
		return 0;
	if (part >= whole)
		return 100;
	return (int)((part * 200 + whole) / (2 * whole));
}

void samm_format_share(char *buf, size_t size, long part, long whole)
{
	if (buf && size)
		snprintf(buf, size, "%d%%", samm_share_percent(part, whole));
}

double samm_value_worth(int v)
{
	switch (v) {
	case SAMM_SOME: return 0.25;
	case SAMM_HALF: return 0.5;
	case SAMM_MOST: return 1.0;
	default:        return 0.0;
	}
}

const char *samm_value_name(int v)
{
	switch (v) {
	case SAMM_NO:   return "no";
	case SAMM_SOME: return "some";
	case SAMM_HALF: return "half";
	case SAMM_MOST: return "most";
	case SAMM_NA:   return "na";
	default:        return "";
	}
}

int samm_value_valid(int v)
{
	return v >= SAMM_UNSET && v <= SAMM_NA;
}

void samm_format_score(char *buf, size_t size, double x, int decimals)
{
	if (!buf || size == 0)
		return;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 17)
		decimals = 17;
	snprintf(buf, size, "%.*f", decimals, x);
	/* trim trailing zeros and point, only after a point */
	if (strchr(buf, '.')) {
		size_t n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	/* -0.0000001 rounds to "-0": a score is never negative zero */
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}
