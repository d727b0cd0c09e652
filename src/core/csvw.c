/* csvw.c - the CSV writer: RFC 4180 quoting and formula neutralising. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "samm/csvw.h"
#include "samm/util.h"
#include "samm/value.h"

void samm_csv_init(struct samm_csvw *w, FILE *fp)
{
	w->fp = fp;
	w->col = 0;
	w->err = 0;
}

static void csvw_put(struct samm_csvw *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->fp) != n)
		w->err = 1;
}

static void csvw_sep(struct samm_csvw *w)
{
	if (w->col > 0)
		csvw_put(w, ",", 1);
	w->col++;
}

/* Write s[0..n) as one field, quoted when a reader would otherwise split
 * it or trim it (libcsv trims unquoted spaces by default).  prefix, when
 * non-zero, goes first inside the field. */
static void csvw_field(struct samm_csvw *w, char prefix, const char *s, size_t n)
{
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';

	csvw_sep(w);
	if (quote)
		csvw_put(w, "\"", 1);
	if (prefix)
		csvw_put(w, &prefix, 1);
	if (!quote) {
		csvw_put(w, s, n);
		return;
	}
	/* double each quote: write up to and including it, then one more */
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q) {
			csvw_put(w, p, (size_t)(end - p));
			break;
		}
		csvw_put(w, p, (size_t)(q - p) + 1);
		csvw_put(w, "\"", 1);
		p = q + 1;
	}
	csvw_put(w, "\"", 1);
}

/* The length of the formula character at s (= + - @, their full-width
 * forms U+FF1D U+FF0B U+FF0D U+FF20 and small forms U+FE66 U+FE62 U+FE63
 * U+FE6B), or 0.  TAB and CR count too: a spreadsheet may drop them and run
 * what follows. */
static size_t formula_char(const char *s)
{
	uint32_t cp;
	size_t n = samm_utf8_decode(s, strnlen(s, 4), &cp);

	switch (n ? cp : 0) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
	case 0xFF1D: case 0xFF0B: case 0xFF0D: case 0xFF20:
	case 0xFE66: case 0xFE62: case 0xFE63: case 0xFE6B:
		return n;
	}
	return 0;
}

/* The length of the white space at s (space, TAB, CR, LF, U+00A0, U+3000),
 * which a spreadsheet may skip before it looks for a formula, or 0. */
static size_t blank_char(const char *s)
{
	uint32_t cp;
	size_t n = samm_utf8_decode(s, strnlen(s, 4), &cp);

	return n && (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
		     cp == 0x3000) ? n : 0;
}

/* Does a line starting at s start a formula, after any white space? */
static int line_is_formula(const char *s)
{
	size_t n;

	if (formula_char(s))
		return 1;
	while ((n = blank_char(s)))
		s += n;
	return formula_char(s) != 0;
}

int samm_csv_needs_prefix(const char *s)
{
	/* A spreadsheet runs a cell as a formula (CSV injection) when it
	 * starts with one of the formula characters, also after white space
	 * and on any line of a cell of several (OWASP's CSV injection
	 * guidance); a leading ' makes the cell text and is not shown.
	 * Quotes the text itself starts with are looked past, so that a cell
	 * that starts with quotes and a formula gets one more: taking one
	 * quote off a cell c exactly when c[0] is a quote and this says yes
	 * for c + 1 (sammtui import of an export) is the exact reverse. */
	while (*s == '\'')
		s++;
	if (line_is_formula(s))
		return 1;
	for (const char *nl = s; (nl = strpbrk(nl, "\n\r")) != NULL; )
		if (line_is_formula(++nl))
			return 1;
	return 0;
}

void samm_csv_cell(struct samm_csvw *w, const char *s)
{
	if (!s)
		s = "";
	csvw_field(w, samm_csv_needs_prefix(s) ? '\'' : 0, s, strlen(s));
}

void samm_csv_num(struct samm_csvw *w, double x)
{
	char buf[64];
	samm_format_score(buf, sizeof buf, x, 6);
	/* a number is data, so -0.5 stays -0.5 */
	csvw_field(w, 0, buf, strlen(buf));
}

void samm_csv_end(struct samm_csvw *w)
{
	csvw_put(w, "\n", 1);
	w->col = 0;
}

void samm_csv_row(struct samm_csvw *w, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++)
		samm_csv_cell(w, cells ? cells[i] : NULL);
	samm_csv_end(w);
}

int samm_csv_finish(struct samm_csvw *w)
{
	if (fflush(w->fp) != 0 || ferror(w->fp))
		w->err = 1;
	return w->err ? -1 : 0;
}
