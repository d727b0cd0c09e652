/* report_org.c - the organisation's page: a heat map of scopes x
 * practices, each scope's overall score with its change, the scopes ranked.
 *
 * Each scope is shown in its latest period, or in the period named in the
 * options where the scope has one of that name.  Practices are matched by
 * code; the columns are every practice code met, in the order met. */
#include <stdlib.h>
#include <string.h>
#include "core/report_int.h"
#include "samm/report.h"
#include "samm/score.h"
#include "samm/store.h"

struct org_row {
	struct samm_scope scope;
	struct samm_period period;
	int has_period, has_prev;
	double overall, delta;
	double *practice;               /* [n_slots] by column */
	unsigned char *has;             /* [n_slots]: the practice is in the model */
	size_t n_slots;                 /* the columns known when the row was read,
					   plus its model's practices */
};

struct org {
	struct samm_store *st;
	const struct samm_report_opts *o;
	struct samm_error *err;
	struct org_row *rows; size_t n_rows;
	const char **cols; size_t n_cols, cap_cols;     /* practice codes */
	const char **names;                             /* their names */
};

/* The column of a practice code, added when new; -1 when out of memory. */
static int org_col(struct org *g, const char *code, const char *name)
{
	for (size_t i = 0; i < g->n_cols; i++)
		if (!strcmp(g->cols[i], code))
			return (int)i;
	if (g->n_cols == g->cap_cols) {
		size_t cap = g->cap_cols ? 2 * g->cap_cols : 32;
		const char **v = realloc(g->cols, cap * sizeof *v);
		if (!v)
			return -1;
		g->cols = v;
		if (!(v = realloc(g->names, cap * sizeof *v)))
			return -1;
		g->names = v;
		g->cap_cols = cap;
	}
	/* model strings: the store keeps them */
	g->cols[g->n_cols] = code;
	g->names[g->n_cols] = name;
	return (int)g->n_cols++;
}

static enum samm_status org_score(struct org *g, int64_t period_id, struct samm_scorecard *sc,
				  const struct samm_model **m)
{
	struct samm_assessment *a = NULL;
	enum samm_status rc;

	if ((rc = samm_store_assessment_load(g->st, period_id, &a, g->err)))
		return rc;
	*m = a->model;
	rc = samm_scorecard_compute(a->model, a->value, sc);
	samm_assessment_free(a);
	return rc ? samm_error_set(g->err, SAMM_NOMEM, "out of memory") : SAMM_OK;
}

/* Fill row's figures: its period, overall, change, practices. */
static enum samm_status org_load_row(struct org *g, struct org_row *row,
				     const struct samm_model **m, struct samm_scorecard *sc)
{
	const char *want = g->o->period;
	struct samm_period *pv = NULL;
	size_t np = 0, k;
	enum samm_status rc;

	if ((rc = samm_store_period_list(g->st, row->scope.id, &pv, &np, g->err)))
		return rc;
	if (!np) {
		samm_period_list_free(pv, np);
		return SAMM_OK;
	}
	k = np - 1;
	for (size_t i = 0; want && *want && i < np; i++)
		if (!strcmp(pv[i].name, want))
			k = i;
	row->period = pv[k];
	if ((rc = org_score(g, pv[k].id, sc, m)))
		goto out;
	row->has_period = 1;
	row->overall = sc->overall.score;
	if (k > 0) {
		struct samm_scorecard psc;
		const struct samm_model *pm;
		if ((rc = org_score(g, pv[k - 1].id, &psc, &pm))) {
			samm_scorecard_free(sc);
			row->has_period = 0;
			goto out;
		}
		row->has_prev = 1;
		row->delta = sc->overall.score - psc.overall.score;
		samm_scorecard_free(&psc);
	}
out:
	samm_period_list_free(pv, np);
	return rc;
}

static enum samm_status org_load(struct org *g)
{
	struct samm_scope *sv = NULL;
	size_t ns = 0;
	enum samm_status rc;

	if ((rc = samm_store_scope_list(g->st, &sv, &ns, g->err)))
		return rc;
	g->rows = calloc(ns + 1, sizeof *g->rows);
	if (!g->rows) {
		samm_scope_list_free(sv, ns);
		return samm_error_set(g->err, SAMM_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < ns; i++) {
		struct org_row *row = &g->rows[g->n_rows++];
		const struct samm_model *m = NULL;
		struct samm_scorecard sc;

		row->scope = sv[i];
		if ((rc = org_load_row(g, row, &m, &sc)))
			break;
		if (!row->has_period)
			continue;
		row->n_slots = (size_t)m->n_practices + g->n_cols;
		row->practice = calloc(row->n_slots + 1, sizeof(double));
		row->has = calloc(row->n_slots + 1, 1);
		for (int p = 0; row->practice && row->has && p < m->n_practices; p++) {
			int c = org_col(g, m->practices[p].code, m->practices[p].name);
			if (c < 0)
				break;
			row->practice[c] = sc.practice[p].score;
			row->has[c] = 1;
		}
		samm_scorecard_free(&sc);
		if (!row->practice || !row->has) {
			rc = samm_error_set(g->err, SAMM_NOMEM, "out of memory");
			break;
		}
	}
	samm_scope_list_free(sv, ns);
	return rc;
}

/* ---- Writing ---------------------------------------------------------------------------------- */

/* The colour scale and the practices' names under the heat map. */
static void org_legend(FILE *fp, const struct org *g)
{
	fputs("<p class=\"note\">Scale:", fp);
	for (int i = 0; i <= 6; i++) {
		int white;
		const char *bg = rp_heat_colour(i * 0.5, &white);
		fprintf(fp, " <span style=\"background:%s;padding:0 6px;border:1px solid #bbb%s\">"
			"%.1f</span>", bg, white ? ";color:#fff" : "", i * 0.5);
	}
	fputs("</p>\n<p class=\"note\">", fp);
	for (size_t c = 0; c < g->n_cols; c++) {
		fputs(c ? "; " : "", fp);
		samm_html_text(fp, g->cols[c]);
		fputs(" ", fp);
		samm_html_text(fp, g->names[c]);
	}
	fputs(".</p>\n", fp);
}

static void org_heat(FILE *fp, const struct org *g)
{
	fputs("<section id=\"heat\">\n<h2>Practices by scope</h2>\n<p class=\"note\">Each "
	      "cell is the practice's score from 0 to 3, darker for higher.</p>\n"
	      "<table class=\"heat\">\n<thead><tr><th>Scope</th><th>Period</th>", fp);
	for (size_t c = 0; c < g->n_cols; c++) {
		fputs("<th class=\"n\" title=\"", fp);
		samm_html_text(fp, g->names[c]);
		fputs("\">", fp);
		samm_html_text(fp, g->cols[c]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < g->n_rows; i++) {
		const struct org_row *row = &g->rows[i];
		if (!row->has_period)
			continue;
		fputs("<tr><td>", fp);
		samm_html_text(fp, row->scope.name);
		fputs("</td><td>", fp);
		samm_html_text(fp, row->period.name);
		fputs("</td>", fp);
		for (size_t c = 0; c < g->n_cols; c++) {
			int white;
			/* a column met after this row was read is not in its arrays */
			if (c >= row->n_slots || !row->has[c]) {
				fputs("<td class=\"n\">&#8212;</td>", fp);
				continue;
			}
			/* the colour first: it sets white */
			const char *bg = rp_heat_colour(row->practice[c], &white);
			fprintf(fp, "<td class=\"n\" style=\"background:%s%s\">", bg,
				white ? ";color:#fff" : "");
			rp_num(fp, row->practice[c], 0);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	org_legend(fp, g);
	fputs("</section>\n", fp);
}

static int org_by_overall(const void *a, const void *b)
{
	const struct org_row *x = *(const struct org_row *const *)a;
	const struct org_row *y = *(const struct org_row *const *)b;

	if (x->overall != y->overall)
		return x->overall < y->overall ? 1 : -1;
	return strcmp(x->scope.name, y->scope.name);
}

static enum samm_status org_ranked(FILE *fp, struct org *g)
{
	const struct org_row **v = calloc(g->n_rows + 1, sizeof *v);
	size_t n = 0;

	if (!v)
		return samm_error_set(g->err, SAMM_NOMEM, "out of memory");
	for (size_t i = 0; i < g->n_rows; i++)
		if (g->rows[i].has_period)
			v[n++] = &g->rows[i];
	qsort(v, n, sizeof *v, org_by_overall);
	fputs("<section id=\"ranked\" class=\"page\">\n<h2>Scopes ranked by overall score</h2>\n"
	      "<table class=\"ranked\">\n<thead><tr><th class=\"n\">Rank</th><th>Scope</th>"
	      "<th>Period</th><th>Overall (0-3)</th><th class=\"n\">Change</th></tr></thead>\n"
	      "<tbody>\n", fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "<tr data-score=\"");
		rp_exact(fp, v[i]->overall);
		fprintf(fp, "\"><td class=\"n\">%zu</td><td>", i + 1);
		samm_html_text(fp, v[i]->scope.name);
		fputs("</td><td>", fp);
		samm_html_text(fp, v[i]->period.name);
		fputs("</td><td>", fp);
		rp_svg_bar(fp, v[i]->overall, 3.0, 0);
		fputs("</td><td class=\"n\">", fp);
		if (v[i]->has_prev)
			rp_delta(fp, v[i]->delta);
		else
			fputs("first period", fp);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	if (n < g->n_rows)
		fprintf(fp, "<p class=\"note\">%zu scope%s without a period left out.</p>\n",
			g->n_rows - n, g->n_rows - n == 1 ? "" : "s");
	fputs("</section>\n", fp);
	free(v);
	return SAMM_OK;
}

enum samm_status samm_report_org(struct samm_store *st, const struct samm_report_opts *o,
				 FILE *fp, struct samm_error *err)
{
	static const struct samm_report_opts none;
	struct samm_error local;
	struct org g;
	enum samm_status rc;
	size_t shown = 0;

	memset(&g, 0, sizeof g);
	g.st = st;
	g.o = o ? o : &none;
	g.err = err ? err : &local;
	if ((rc = org_load(&g)))
		goto out;
	for (size_t i = 0; i < g.n_rows; i++)
		shown += g.rows[i].has_period;
	if (!shown) {
		rc = samm_error_set(g.err, SAMM_NOTFOUND, "no scope has a period");
		goto out;
	}
	rp_head(fp, "SAMM report: the organisation");
	fprintf(fp, "<header>\n<h1>SAMM report: the organisation</h1>\n<p class=\"meta\">"
		"<b>Scopes</b> %zu &#183; <b>Period</b> ", shown);
	if (g.o->period && *g.o->period) {
		samm_html_text(fp, g.o->period);
		fputs(" where a scope has it, else its latest", fp);
	} else {
		fputs("each scope's latest", fp);
	}
	fputs("</p>\n</header>\n", fp);
	org_heat(fp, &g);
	if ((rc = org_ranked(fp, &g)))
		goto out;
	rp_foot(fp, g.o->source, g.o->period && *g.o->period ? g.o->period : NULL);
out:
	for (size_t i = 0; i < g.n_rows; i++) {
		free(g.rows[i].practice);
		free(g.rows[i].has);
	}
	free(g.rows);
	free(g.cols);
	free(g.names);
	return rc;
}
