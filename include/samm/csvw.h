/* csvw.h - the one CSV writer for every CSV sammtui produces.
 *
 * RFC 4180: fields are quoted when they hold a comma, a quote, CR or LF
 * (quotes doubled); rows end with "\n".  Every cell a spreadsheet would run
 * as a formula is prefixed with a single quote ('): a cell whose first
 * character, or first after white space (space, TAB, CR, LF, U+00A0,
 * U+3000), on its first line or on any other, is '=', '+', '-', '@', TAB,
 * CR, or a full-width or small form of = + - @ (U+FF1D U+FF0B U+FF0D
 * U+FF20, U+FE66 U+FE62 U+FE63 U+FE6B).  Cells that are plain numbers
 * written by samm_csv_num (such as -0.5) are data and not prefixed.  The
 * text's own leading quotes are looked past (''=1 becomes '''=1, 'abc
 * stays 'abc), so that removing one leading quote from a prefixed cell
 * always gives the text back. */
#ifndef SAMM_CSVW_H
#define SAMM_CSVW_H

#include <stdio.h>

struct samm_csvw {
	FILE *fp;
	int col;                /* cells written in the current row */
	int err;                /* sticky: a write failed */
};

void samm_csv_init(struct samm_csvw *w, FILE *fp);
/* Does samm_csv_cell prefix s with a quote?  (So a reader of our CSV
 * takes one quote off a cell c exactly when c[0] is a quote and this says
 * yes for c + 1.) */
int samm_csv_needs_prefix(const char *s);
/* A text cell (NULL writes an empty cell), neutralised and quoted as needed. */
void samm_csv_cell(struct samm_csvw *w, const char *s);
/* A number cell with up to 6 decimals (samm_format_score). */
void samm_csv_num(struct samm_csvw *w, double x);
/* End the row. */
void samm_csv_end(struct samm_csvw *w);
/* A whole row of n text cells. */
void samm_csv_row(struct samm_csvw *w, const char *const *cells, int n);
/* 0 when every write so far succeeded (also flushes). */
int samm_csv_finish(struct samm_csvw *w);

#endif
