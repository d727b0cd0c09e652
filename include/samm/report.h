/* report.h - the HTML report: one self-contained page for leadership.
 *
 * One scope's page (samm_report_scope) shows, for one period: a header
 * (scope, period, date, model, who assessed it, how much is answered or
 * N/A), the headline figures (overall and each function, their change since
 * the previous period, their target), a radar of the practices (this
 * period, the previous one, the target), trends over every period up to it,
 * a practice table, what moved, what is stuck, the projects and a footer.
 * The organisation's page (samm_report_org) shows a heat map of scopes x
 * practices, each scope's overall score with its change, and the scopes
 * ranked.
 *
 * The page holds no script and loads nothing: inline CSS and SVG only,
 * under a Content-Security-Policy that forbids everything else.  Every text
 * from the data goes through samm_html_text(), which escapes markup and
 * control characters.
 *
 * Everything is computed from the store's public API and written to fp;
 * nothing else is printed.  Write errors are the caller's to see
 * (ferror(fp)).  Errors: SAMM_NOTFOUND (no such period; a scope without
 * periods), SAMM_DB, SAMM_NOMEM; err gets the message. */
#ifndef SAMM_REPORT_H
#define SAMM_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include "samm/error.h"
#include "samm/store.h"

struct samm_report_opts {
	const char *source;     /* the data's source named in the footer (the
				   database file's name); NULL: none */
	const char *period;     /* the period by name; NULL or "": the latest
				   (org page: each scope's latest, or this one
				   where the scope has a period of that name) */
	int window;             /* stagnation window (>= 2); 0: 3 */
};

/* The page of one scope. */
enum samm_status samm_report_scope(struct samm_store *st, int64_t scope_id,
				   const struct samm_report_opts *o, FILE *fp,
				   struct samm_error *err);

/* The organisation's page: every scope that has a period. */
enum samm_status samm_report_org(struct samm_store *st, const struct samm_report_opts *o,
				 FILE *fp, struct samm_error *err);

/* Write s as HTML text, fit for element content and quoted attribute
 * values alike: & < > " ' become entities; C0 controls (tab and newline
 * become a space), DEL, C1 controls and bidirectional controls
 * (samm_cp_is_control) become the visible text \xNN or \uXXXX, and so does
 * each byte that is not part of well-formed UTF-8.  s NULL writes nothing. */
void samm_html_text(FILE *fp, const char *s);

#endif
