/* csvw.c - the CSV writer: RFC 4180 quoting and formula neutralising. */
#include <stdio.h>
#include <string.h>
#include "samm/csvw.h"
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

int samm_csv_needs_prefix(const char *s)
{
	/* A spreadsheet runs a cell starting with one of these as a formula
	 * (CSV injection); a leading ' makes it text and is not shown.  A
	 * cell that already starts with ' and one of them gets one too, so
	 * that taking one quote off (sammtui import of an export) is the
	 * exact reverse. */
	const char *f = s[0] == '\'' ? s + 1 : s;
	return f[0] && strchr("=+-@\t\r", f[0]);
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
