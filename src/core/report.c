/* report.c - one scope's page of the HTML report: loading what it shows,
 * the header, the headline figures, the radar and the practice table.
 * The trends, what moved, what is stuck and the projects are in
 * report_sections.c. */
#include <stdlib.h>
#include <string.h>
#include "core/report_scope.h"
#include "samm/value.h"

/* ---- Loading --------------------------------------------------------------------------- */

int rp_find_practice(const struct samm_model *m, const char *code)
{
	for (int p = 0; m && p < m->n_practices; p++)
		if (!strcmp(m->practices[p].code, code))
			return p;
	return -1;
}

int rp_find_function(const struct samm_model *m, const char *name)
{
	for (int f = 0; m && f < m->n_functions; f++)
		if (!strcmp(m->functions[f].name, name))
			return f;
	return -1;
}

static enum samm_status rp_pick_period(struct rp_scope *r)
{
	const char *want = r->o->period;

	if (samm_store_period_list(r->st, r->scope.id, &r->periods, &r->n_periods, r->err))
		return r->err->code;
	if (!r->n_periods)
		return samm_error_set(r->err, SAMM_NOTFOUND, "scope '%s' has no period",
				      r->scope.name);
	r->k = r->n_periods - 1;
	if (!want || !*want)
		return SAMM_OK;
	for (size_t i = 0; i < r->n_periods; i++)
		if (!strcmp(r->periods[i].name, want)) {
			r->k = i;
			return SAMM_OK;
		}
	return samm_error_set(r->err, SAMM_NOTFOUND, "no period '%s' in scope '%s'", want,
			      r->scope.name);
}

static enum samm_status rp_load(struct rp_scope *r)
{
	struct samm_model_info *mv = NULL;
	size_t nm = 0;
	enum samm_status rc;

	if ((rc = rp_pick_period(r)))
		return rc;
	if ((rc = samm_store_assessment_load(r->st, r->periods[r->k].id, &r->cur, r->err)))
		return rc;
	r->m = r->cur->model;
	if (samm_scorecard_compute(r->m, r->cur->value, &r->sc))
		return samm_error_set(r->err, SAMM_NOMEM, "out of memory");
	r->have_sc = 1;
	if (r->k > 0) {
		if ((rc = samm_store_assessment_load(r->st, r->periods[r->k - 1].id, &r->prev,
						     r->err)))
			return rc;
		if (samm_scorecard_compute(r->prev->model, r->prev->value, &r->psc))
			return samm_error_set(r->err, SAMM_NOMEM, "out of memory");
		r->have_psc = 1;
	}
	r->targets = malloc(sizeof *r->targets * (size_t)(r->m->n_activities + 1));
	if (!r->targets)
		return samm_error_set(r->err, SAMM_NOMEM, "out of memory");
	if ((rc = samm_target_load(r->st, r->periods[r->k].id, r->m, r->targets, r->err)))
		return rc;
	if (samm_targetcard_compute(r->m, &r->sc, r->targets, &r->tc))
		return samm_error_set(r->err, SAMM_NOMEM, "out of memory");
	r->have_tc = 1;
	if (!samm_store_model_list(r->st, &mv, &nm, r->err))
		for (size_t i = 0; i < nm; i++)
			if (mv[i].id == r->periods[r->k].model_id) {
				r->mi = mv[i];
				r->have_mi = 1;
			}
	samm_model_list_free(mv, nm);
	samm_error_clear(r->err);
	return SAMM_OK;
}

static void rp_unload(struct rp_scope *r)
{
	if (r->have_tc)
		samm_targetcard_free(&r->tc);
	if (r->have_psc)
		samm_scorecard_free(&r->psc);
	if (r->have_sc)
		samm_scorecard_free(&r->sc);
	free(r->targets);
	samm_assessment_free(r->prev);
	samm_assessment_free(r->cur);
	samm_period_list_free(r->periods, r->n_periods);
}

/* The previous period's figure matching ref of the current model, or NULL. */
const struct samm_fig *rp_prev_fig(const struct rp_scope *r, struct samm_ref ref)
{
	struct samm_ref pr = ref;

	if (!r->have_psc)
		return NULL;
	if (ref.level == SAMM_L_FUNCTION)
		pr.index = rp_find_function(r->prev->model, r->m->functions[ref.index].name);
	else if (ref.level == SAMM_L_PRACTICE)
		pr.index = rp_find_practice(r->prev->model, r->m->practices[ref.index].code);
	if (pr.index < 0)
		return NULL;
	return samm_scorecard_get(&r->psc, pr);
}

/* ---- Header ---------------------------------------------------------------------------------- */

struct rp_user {
	const char *user;
	int n;
};

/* Who changed this period's answers, from the change log: each user with
 * the number of changes, most first. */
static void rp_assessors(struct rp_scope *r)
{
	struct samm_log_filter f = { r->scope.id, r->periods[r->k].name, NULL };
	struct samm_log_entry *rows = NULL;
	size_t n = 0, nu = 0;
	struct rp_user u[16];
	int others = 0;

	if (samm_store_log(r->st, &f, &rows, &n, r->err)) {
		samm_error_clear(r->err);
		fputs("unknown (the change log could not be read)", r->fp);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j;
		if (!strncmp(rows[i].item, "project:", 8) || !strncmp(rows[i].item, "target:", 7))
			continue;
		for (j = 0; j < nu && strcmp(u[j].user, rows[i].user); j++)
			;
		if (j < nu)
			u[j].n++;
		else if (nu < sizeof u / sizeof *u)
			u[nu++] = (struct rp_user){ rows[i].user, 1 };
		else
			others++;
	}
	for (size_t i = 1; i < nu; i++)
		for (size_t j = i; j > 0 && u[j].n > u[j - 1].n; j--) {
			struct rp_user t = u[j];
			u[j] = u[j - 1];
			u[j - 1] = t;
		}
	if (!nu)
		fputs("nobody yet (no change logged in this period)", r->fp);
	for (size_t i = 0; i < nu; i++) {
		fputs(i ? ", " : "", r->fp);
		samm_html_text(r->fp, u[i].user);
		fprintf(r->fp, " (%d change%s)", u[i].n, u[i].n == 1 ? "" : "s");
	}
	if (others)
		fprintf(r->fp, " and %d more change%s by others", others, others == 1 ? "" : "s");
	samm_log_free(rows, n);
}

static void rp_header(struct rp_scope *r)
{
	const struct samm_fig *o = &r->sc.overall;
	FILE *fp = r->fp;

	fputs("<header>\n<h1>SAMM report: ", fp);
	samm_html_text(fp, r->scope.name);
	fputs("</h1>\n<p class=\"meta\"><b>Scope</b> <span id=\"scope\">", fp);
	samm_html_text(fp, r->scope.name);
	fputs("</span> &#183; <b>Period</b> <span id=\"period\">", fp);
	samm_html_text(fp, r->periods[r->k].name);
	fputs("</span> &#183; <b>Date</b> ", fp);
	samm_html_text(fp, r->periods[r->k].date);
	fputs(" &#183; <b>Model</b> ", fp);
	if (r->have_mi) {
		samm_html_text(fp, r->mi.name);
		fputc(' ', fp);
		samm_html_text(fp, r->mi.version);
	} else {
		fputs("unknown", fp);
	}
	fputs("</p>\n<p class=\"meta\"><b>Assessed by</b> ", fp);
	rp_assessors(r);
	fprintf(fp, "</p>\n<p class=\"meta\"><b>Answered</b> %d of %d criteria (%d%%), "
		"<b>N/A</b> %d (%d%%)</p>\n</header>\n", o->n_answered, o->n_items,
		o->n_items ? (int)(100.0 * o->n_answered / o->n_items + 0.5) : 0, o->n_na,
		o->n_items ? (int)(100.0 * o->n_na / o->n_items + 0.5) : 0);
}

/* ---- Headline figures ------------------------------------------------------------------------- */

static void rp_card(struct rp_scope *r, struct samm_ref ref)
{
	const struct samm_fig *f = samm_scorecard_get(&r->sc, ref), *pf = rp_prev_fig(r, ref);
	const struct samm_target_fig *t = samm_targetcard_get(&r->tc, ref);
	FILE *fp = r->fp;

	fputs("<div class=\"card\" data-id=\"", fp);
	samm_html_text(fp, samm_model_ref_id(r->m, ref));
	fputs("\" data-score=\"", fp);
	rp_exact(fp, f->score);
	fputs("\"><div class=\"l\">", fp);
	samm_html_text(fp, samm_model_ref_name(r->m, ref));
	fputs("</div><div class=\"v\">", fp);
	rp_num(fp, f->score, f->na);
	fputs("</div><div>", fp);
	if (pf)
		rp_delta(fp, f->score - pf->score);
	else
		fputs("<span class=\"same\">no earlier figure</span>", fp);
	fputs(" since previous</div><div>", fp);
	if (t && t->n_targets) {
		fputs("target ", fp);
		rp_num(fp, t->target, 0);
		fputs(t->reached ? " (reached)" : ", gap ", fp);
		if (!t->reached)
			rp_num(fp, t->gap, 0);
	} else {
		fputs("no target set", fp);
	}
	fputs("</div></div>\n", fp);
}

static void rp_headline(struct rp_scope *r)
{
	fputs("<section id=\"headline\">\n<h2>Headline figures</h2>\n", r->fp);
	if (r->k > 0) {
		fputs("<p class=\"note\">Change since the previous period, ", r->fp);
		samm_html_text(r->fp, r->periods[r->k - 1].name);
		fputs(" (", r->fp);
		samm_html_text(r->fp, r->periods[r->k - 1].date);
		fputs("). Scores run from 0 to 3.</p>\n", r->fp);
	} else {
		fputs("<p class=\"note\">This is the scope's first period: there is no change to "
		      "show yet. Scores run from 0 to 3.</p>\n", r->fp);
	}
	fputs("<div class=\"cards\">\n", r->fp);
	rp_card(r, (struct samm_ref){ SAMM_L_OVERALL, 0 });
	for (int f = 0; f < r->m->n_functions; f++)
		rp_card(r, (struct samm_ref){ SAMM_L_FUNCTION, f });
	fputs("</div>\n</section>\n", r->fp);
}

/* ---- Radar and practice table ------------------------------------------------------------------ */

static void rp_radar_section(struct rp_scope *r)
{
	int n = r->m->n_practices, has_target = r->tc.overall.n_targets > 0;
	const char **labels = calloc((size_t)n + 1, sizeof *labels);
	double *v = calloc((size_t)n * 3 + 1, sizeof *v);
	struct rp_radar rd = { n, labels, { NULL, NULL, NULL },
			       { "this period", "previous period", "target" } };

	fputs("<section id=\"radar\">\n<h2>Practices at a glance</h2>\n", r->fp);
	if (!labels || !v || n < 3) {
		fputs(n < 3 ? "<p class=\"muted\">The model has fewer than three practices: no "
		      "radar; the table below has the figures.</p>\n" :
		      "<p class=\"muted\">Out of memory: no radar.</p>\n", r->fp);
		goto out;
	}
	for (int p = 0; p < n; p++) {
		const struct samm_fig *pf = rp_prev_fig(r, (struct samm_ref){ SAMM_L_PRACTICE, p });
		labels[p] = r->m->practices[p].code;
		v[p] = r->sc.practice[p].score;
		v[n + p] = pf ? pf->score : 0;
		v[2 * n + p] = r->tc.practice[p].n_targets ? r->tc.practice[p].target
							    : r->sc.practice[p].score;
	}
	rd.series[0] = v;
	rd.series[1] = r->have_psc ? v + n : NULL;
	rd.series[2] = has_target ? v + 2 * n : NULL;
	fputs("<figure>\n", r->fp);
	rp_svg_radar(r->fp, &rd);
	fputs("<figcaption>Each practice's score from 0 (centre) to 3 (outer ring): this period "
	      "(solid blue)", r->fp);
	fputs(rd.series[1] ? ", the previous period (dashed orange)" : "", r->fp);
	fputs(rd.series[2] ? ", the target (dotted green)" : "", r->fp);
	fputs(". The figures are in the practice table below.</figcaption>\n</figure>\n", r->fp);
out:
	fputs("</section>\n", r->fp);
	free(labels);
	free(v);
}

static void rp_practice_row(struct rp_scope *r, int p)
{
	struct samm_ref ref = { SAMM_L_PRACTICE, p };
	const struct samm_fig *f = &r->sc.practice[p], *pf = rp_prev_fig(r, ref);
	const struct samm_target_fig *t = &r->tc.practice[p];
	FILE *fp = r->fp;

	fputs("<tr data-id=\"", fp);
	samm_html_text(fp, r->m->practices[p].code);
	fputs("\" data-score=\"", fp);
	rp_exact(fp, f->score);
	fputs("\"><td>", fp);
	samm_html_text(fp, r->m->functions[r->m->practices[p].function].name);
	fputs("</td><td>", fp);
	samm_html_text(fp, r->m->practices[p].code);
	fputs("</td><td>", fp);
	samm_html_text(fp, r->m->practices[p].name);
	fputs("</td><td>", fp);
	rp_svg_bar(fp, f->score, 3.0, f->na);
	fputs("</td><td class=\"n\">", fp);
	if (pf)
		rp_delta(fp, f->score - pf->score);
	else
		fputs("&#8212;", fp);
	fputs("</td><td class=\"n\">", fp);
	if (t->n_targets)
		rp_num(fp, t->target, 0);
	else
		fputs("&#8212;", fp);
	fputs("</td><td class=\"n\">", fp);
	if (t->n_targets)
		rp_num(fp, t->gap, 0);
	else
		fputs("&#8212;", fp);
	fputs("</td></tr>\n", fp);
}

static void rp_practices(struct rp_scope *r)
{
	fputs("<section id=\"practices\" class=\"page\">\n<h2>Practices</h2>\n<table class=\"practices\">\n"
	      "<thead><tr><th>Function</th><th>Code</th><th>Practice</th><th>Score (0-3)</th>"
	      "<th class=\"n\">Change</th><th class=\"n\">Target</th><th class=\"n\">Gap</th>"
	      "</tr></thead>\n<tbody>\n", r->fp);
	for (int p = 0; p < r->m->n_practices; p++)
		rp_practice_row(r, p);
	fputs("</tbody>\n</table>\n<p class=\"note\">Gap: target minus score, where a target "
	      "is set (&#8212;: none).</p>\n</section>\n", r->fp);
}

/* ---- The page ------------------------------------------------------------------------------------- */

enum samm_status samm_report_scope(struct samm_store *st, int64_t scope_id,
				   const struct samm_report_opts *o, FILE *fp,
				   struct samm_error *err)
{
	static const struct samm_report_opts none;
	struct samm_error local;
	struct rp_scope r;
	struct samm_scope *sv = NULL;
	size_t ns = 0;
	enum samm_status rc;
	char title[256];

	memset(&r, 0, sizeof r);
	r.st = st;
	r.o = o ? o : &none;
	r.fp = fp;
	r.err = err ? err : &local;
	if ((rc = samm_store_scope_list(st, &sv, &ns, r.err)))
		return rc;
	for (size_t i = 0; i < ns; i++)
		if (sv[i].id == scope_id)
			r.scope = sv[i];
	samm_scope_list_free(sv, ns);
	if (!r.scope.id)
		return samm_error_set(r.err, SAMM_NOTFOUND, "no such scope");
	if ((rc = rp_load(&r)))
		goto out;
	snprintf(title, sizeof title, "SAMM report: %s, %s", r.scope.name, r.periods[r.k].name);
	rp_head(fp, title);
	rp_header(&r);
	rp_headline(&r);
	rp_radar_section(&r);
	rp_practices(&r);
	if ((rc = rp_trends(&r)) || (rc = rp_moved(&r)) || (rc = rp_stuck(&r)) ||
	    (rc = rp_projects(&r)))
		goto out;
	rp_foot(fp, r.o->source, r.periods[r.k].name);
out:
	rp_unload(&r);
	return rc;
}
