/* report_sections.c - the sections of one scope's page that look across
 * periods: trends, what moved, what is stuck, and the projects. */
#include <stdlib.h>
#include <string.h>
#include "core/report_scope.h"
#include "samm/value.h"

#define RP_MOVED_MAX 10         /* rises and falls listed, each */
#define RP_STUCK_MAX 20         /* stagnant or regressed items listed, each */
#define RP_CODES_MAX 12         /* activity codes listed per project */

/* ---- Trends ------------------------------------------------------------------------------- */

static void rp_trend_table(struct rp_scope *r, const struct samm_trend *t, size_t n,
			   const size_t *rows, size_t nr)
{
	FILE *fp = r->fp;

	fputs("<table class=\"trend\">\n<thead><tr><th>Period</th><th>Date</th>", fp);
	for (size_t j = 0; j < nr; j++) {
		fputs("<th class=\"n\">", fp);
		samm_html_text(fp, t->rows[rows[j]].name);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < n; i++) {
		fputs("<tr><td>", fp);
		samm_html_text(fp, t->periods[i].name);
		fputs("</td><td>", fp);
		samm_html_text(fp, t->periods[i].date);
		fputs("</td>", fp);
		for (size_t j = 0; j < nr; j++) {
			const struct samm_trend_row *tr = &t->rows[rows[j]];
			fputs("<td class=\"n\">", fp);
			if (tr->present[i])
				rp_num(fp, tr->score[i], tr->na[i]);
			else
				fputs("&#8212;", fp);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

enum samm_status rp_trends(struct rp_scope *r)
{
	struct samm_trend *t = NULL;
	const char **labels = NULL;
	size_t *rows = NULL, nr = 0, n = r->k + 1;
	enum samm_status rc;

	fputs("<section id=\"trends\" class=\"page\">\n<h2>Trends</h2>\n", r->fp);
	if (n < 2) {
		fputs("<p class=\"muted\" id=\"no-trend\">Only one period so far: no trend yet. "
		      "The trend appears with the scope's second period.</p>\n</section>\n", r->fp);
		return SAMM_OK;
	}
	if ((rc = samm_trend_compute(r->st, r->scope.id, SAMM_L_FUNCTION, &t, r->err)))
		return rc;
	if (t->n_periods < n)
		n = t->n_periods;
	labels = calloc(n + 1, sizeof *labels);
	rows = calloc(t->n_rows + 1, sizeof *rows);
	if (!labels || !rows) {
		rc = samm_error_set(r->err, SAMM_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		labels[i] = t->periods[i].name;
	for (size_t j = 0; j < t->n_rows; j++)
		for (size_t i = 0; i < n; i++)
			if (t->rows[j].present[i]) {
				rows[nr++] = j;
				break;
			}
	fprintf(r->fp, "<p class=\"note\">Every period of the scope up to this one (%zu), "
		"oldest first; scores from 0 to 3.</p>\n<div class=\"charts\">\n", n);
	for (size_t j = 0; j < nr; j++) {
		const struct samm_trend_row *tr = &t->rows[rows[j]];
		fputs("<figure>\n", r->fp);
		rp_svg_line(r->fp, tr->name, (int)n, labels, tr->score, tr->present);
		fputs("</figure>\n", r->fp);
	}
	fputs("</div>\n<p class=\"note\">The figures of the charts:</p>\n", r->fp);
	rp_trend_table(r, t, n, rows, nr);
	fputs("</section>\n", r->fp);
out:
	free(labels);
	free(rows);
	samm_trend_free(t);
	return rc;
}

/* ---- What moved ------------------------------------------------------------------------------ */

static int rp_by_delta_desc(const void *a, const void *b)
{
	const struct samm_diff_fig *x = *(const struct samm_diff_fig *const *)a;
	const struct samm_diff_fig *y = *(const struct samm_diff_fig *const *)b;

	return (y->delta > x->delta) - (y->delta < x->delta);
}

static void rp_moved_table(struct rp_scope *r, const char *caption,
			   const struct samm_diff_fig **v, size_t n, int rising)
{
	FILE *fp = r->fp;

	fprintf(fp, "<h3>%s</h3>\n", caption);
	if (!n) {
		fprintf(fp, "<p class=\"muted\">No activity %s.</p>\n", rising ? "rose" : "fell");
		return;
	}
	fputs("<table class=\"moved\">\n<thead><tr><th>Activity</th><th>Title</th>"
	      "<th class=\"n\">Before</th><th class=\"n\">Now</th><th class=\"n\">Change</th>"
	      "</tr></thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < n && i < RP_MOVED_MAX; i++) {
		const struct samm_diff_fig *f = v[rising ? i : n - 1 - i];
		fputs("<tr><td>", fp);
		samm_html_text(fp, f->id);
		fputs("</td><td>", fp);
		samm_html_text(fp, f->name);
		fputs("</td><td class=\"n\">", fp);
		rp_num(fp, f->old_score, f->old_na);
		fputs("</td><td class=\"n\">", fp);
		rp_num(fp, f->new_score, f->new_na);
		fputs("</td><td class=\"n\">", fp);
		rp_delta(fp, f->delta);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	if (n > RP_MOVED_MAX)
		fprintf(fp, "<p class=\"note\">and %zu more.</p>\n", n - RP_MOVED_MAX);
}

enum samm_status rp_moved(struct rp_scope *r)
{
	struct samm_diff *d = NULL;
	const struct samm_diff_fig **up = NULL, **down = NULL;
	size_t nu = 0, nd = 0;
	enum samm_status rc;

	fputs("<section id=\"moved\" class=\"page\">\n<h2>What moved</h2>\n", r->fp);
	if (r->k == 0) {
		fputs("<p class=\"muted\">This is the scope's first period: nothing to compare "
		      "with.</p>\n</section>\n", r->fp);
		return SAMM_OK;
	}
	if ((rc = samm_diff_periods(r->st, r->periods[r->k - 1].id, r->periods[r->k].id,
				    SAMM_L_ACTIVITY, &d, r->err)))
		return rc;
	up = calloc(d->n_figs + 1, sizeof *up);
	down = calloc(d->n_figs + 1, sizeof *down);
	if (!up || !down) {
		rc = samm_error_set(r->err, SAMM_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d->n_figs; i++) {
		if (d->figs[i].level != SAMM_L_ACTIVITY)
			continue;
		if (d->figs[i].dir == SAMM_DIR_UP)
			up[nu++] = &d->figs[i];
		else if (d->figs[i].dir == SAMM_DIR_DOWN)
			down[nd++] = &d->figs[i];
	}
	qsort(up, nu, sizeof *up, rp_by_delta_desc);
	qsort(down, nd, sizeof *down, rp_by_delta_desc);
	fputs("<p class=\"note\">Since ", r->fp);
	samm_html_text(r->fp, r->periods[r->k - 1].name);
	fprintf(r->fp, ": %d criteria rose, %d fell, %d changed otherwise; %zu activities rose "
		"and %zu fell (activity scores from 0 to 1).</p>\n", d->n_up, d->n_down,
		d->n_changed, nu, nd);
	rp_moved_table(r, "Biggest rises", up, nu, 1);
	rp_moved_table(r, "Biggest falls", down, nd, 0);
	fputs("</section>\n", r->fp);
out:
	free(up);
	free(down);
	samm_diff_free(d);
	return rc;
}

/* ---- What is stuck ----------------------------------------------------------------------------- */

/* covered[a] := an active or planned project covers activity a of m. */
static enum samm_status rp_covered(struct rp_scope *r, const struct samm_model *m,
				   unsigned char *covered)
{
	struct samm_project *pv = NULL;
	size_t np = 0;
	enum samm_status rc;

	if ((rc = samm_project_list(r->st, r->scope.id, SAMM_PROJECT_OPEN, &pv, &np, r->err)))
		return rc;
	for (size_t i = 0; i < np && !rc; i++) {
		struct samm_project_link *lv = NULL;
		size_t nl = 0;
		if ((rc = samm_project_links(r->st, pv[i].id, &lv, &nl, r->err)))
			break;
		for (size_t j = 0; j < nl; j++) {
			struct samm_ref ref;
			if (!samm_model_resolve(m, lv[j].activity, &ref, NULL) &&
			    ref.level == SAMM_L_ACTIVITY)
				covered[ref.index] = 1;
		}
		samm_project_link_list_free(lv, nl);
	}
	samm_project_list_free(pv, np);
	return rc;
}

static void rp_cover_cell(FILE *fp, int yes)
{
	fputs(yes ? "<td>yes</td>" : "<td><b>no</b></td>", fp);
}

static void rp_stuck_practices(struct rp_scope *r, const struct samm_stagnant *sg,
			       const unsigned char *covered)
{
	const struct samm_model *m = sg->model;
	FILE *fp = r->fp;

	fputs("<h3>Practices</h3>\n", fp);
	if (!sg->n_stagnant_practices && !sg->n_regressed_practices) {
		fputs("<p class=\"muted\">No practice is stagnant or has fallen.</p>\n", fp);
		return;
	}
	fputs("<table class=\"stuck\">\n<thead><tr><th>Practice</th><th>Name</th>"
	      "<th class=\"n\">Score</th><th>What</th><th>Covered by a project</th></tr></thead>"
	      "\n<tbody>\n", fp);
	for (size_t i = 0; i < sg->n_practices; i++) {
		const struct samm_stag_practice *p = &sg->practices[i];
		const struct samm_practice *mp = &m->practices[p->practice];
		int cov = 0;
		if (!p->stagnant && !p->regressed)
			continue;
		for (int s = mp->first_stream; s < mp->first_stream + mp->n_streams; s++)
			for (int a = m->streams[s].first_activity;
			     a < m->streams[s].first_activity + m->streams[s].n_activities; a++)
				cov |= covered[a];
		fputs("<tr><td>", fp);
		samm_html_text(fp, p->code);
		fputs("</td><td>", fp);
		samm_html_text(fp, p->name);
		fputs("</td><td class=\"n\">", fp);
		rp_num(fp, p->score, 0);
		fputs("</td><td>", fp);
		if (p->stagnant) {
			fprintf(fp, "not risen for %d periods, since ", p->run);
			samm_html_text(fp, sg->periods[p->since].name);
		}
		if (p->regressed) {
			fputs(p->stagnant ? "; " : "", fp);
			fputs("fell from ", fp);
			rp_num(fp, p->fell_from, 0);
			fputs(" to ", fp);
			rp_num(fp, p->fell_to, 0);
			fputs(" in ", fp);
			samm_html_text(fp, sg->periods[p->fell_in].name);
		}
		fputs("</td>", fp);
		rp_cover_cell(fp, cov);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static void rp_stuck_items(struct rp_scope *r, const struct samm_stagnant *sg,
			   const unsigned char *covered, int regressed)
{
	const struct samm_stag_item *v = regressed ? sg->regressed : sg->items;
	size_t n = regressed ? sg->n_regressed : sg->n_items;
	const struct samm_model *m = sg->model;
	FILE *fp = r->fp;

	fprintf(fp, "<h3>%s</h3>\n", regressed ? "Criteria that fell" : "Stagnant criteria");
	if (!n) {
		fprintf(fp, "<p class=\"muted\">None.</p>\n");
		return;
	}
	fputs("<table class=\"stuck\">\n<thead><tr><th>Criterion</th><th>Text</th>"
	      "<th>Value</th><th>Run</th><th>Covered by a project</th></tr></thead>\n<tbody>\n",
	      fp);
	for (size_t i = 0; i < n && i < RP_STUCK_MAX; i++) {
		const struct samm_stag_item *it = &v[i];
		fputs("<tr><td>", fp);
		samm_html_text(fp, it->id);
		fputs("</td><td>", fp);
		samm_html_text(fp, m->items[it->item].criterion);
		if (it->note && *it->note) {
			fputs("<br><span class=\"note\">Note: ", fp);
			samm_html_text(fp, it->note);
			fputs("</span>", fp);
		}
		fputs("</td><td>", fp);
		if (regressed) {
			samm_html_text(fp, samm_value_name(it->from_value));
			fputs(" &#8594; ", fp);
		}
		fputs(it->value == SAMM_UNSET ? "unset" : samm_value_name(it->value), fp);
		fputs("</td><td>", fp);
		if (regressed) {
			fputs("fell in ", fp);
			samm_html_text(fp, sg->periods[it->since].name);
		} else {
			fprintf(fp, "%d periods, since ", it->run);
			samm_html_text(fp, sg->periods[it->since].name);
		}
		fputs("</td>", fp);
		rp_cover_cell(fp, covered[m->items[it->item].activity]);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	if (n > RP_STUCK_MAX)
		fprintf(fp, "<p class=\"note\">and %zu more ('sammtui stagnant' lists them "
			"all).</p>\n", n - RP_STUCK_MAX);
}

enum samm_status rp_stuck(struct rp_scope *r)
{
	struct samm_stagnant *sg = NULL;
	unsigned char *covered = NULL;
	int window = r->o->window >= 2 ? r->o->window : 3;
	enum samm_status rc;

	fputs("<section id=\"stuck\" class=\"page\">\n<h2>What is stuck</h2>\n", r->fp);
	if ((rc = samm_stagnant_compute(r->st, r->scope.id, window, &sg, r->err)))
		return rc;
	if (!sg->model) {
		fputs("<p class=\"muted\">No period.</p>\n</section>\n", r->fp);
		goto out;
	}
	covered = calloc((size_t)sg->model->n_activities + 1, 1);
	if (!covered) {
		rc = samm_error_set(r->err, SAMM_NOMEM, "out of memory");
		goto out;
	}
	if ((rc = rp_covered(r, sg->model, covered)))
		goto out;
	fprintf(r->fp, "<p class=\"note\">Over the last %d periods up to the latest, ", window);
	samm_html_text(r->fp, sg->periods[sg->n_periods - 1].name);
	fputs(r->k + 1 == r->n_periods ? "" : " (not the period of this report)", r->fp);
	fputs(". Stagnant: held the same value (no, some or half) through the window; "
	      "run: the periods it has held it. Covered: an active or planned project works "
	      "on its activity.</p>\n", r->fp);
	if (!sg->enough)
		fprintf(r->fp, "<p class=\"muted\">The scope has fewer than %d periods: nothing "
			"can be stagnant yet.</p>\n", window);
	rp_stuck_practices(r, sg, covered);
	rp_stuck_items(r, sg, covered, 0);
	rp_stuck_items(r, sg, covered, 1);
	fputs("</section>\n", r->fp);
out:
	free(covered);
	samm_stagnant_free(sg);
	return rc;
}

/* ---- Projects ------------------------------------------------------------------------------------ */

static void rp_project_codes(struct rp_scope *r, const struct samm_project *p)
{
	struct samm_project_link *lv = NULL;
	size_t nl = 0, shown = 0;
	const char *last = "";

	if (samm_project_links(r->st, p->id, &lv, &nl, r->err)) {
		samm_error_clear(r->err);
		fputs("?", r->fp);
		return;
	}
	/* links come ordered by activity code: one code per run */
	for (size_t j = 0; j < nl; j++) {
		if (!strcmp(lv[j].activity, last))
			continue;
		last = lv[j].activity;
		if (shown++ < RP_CODES_MAX) {
			fputs(shown > 1 ? ", " : "", r->fp);
			samm_html_text(r->fp, lv[j].activity);
		}
	}
	if (shown > RP_CODES_MAX)
		fprintf(r->fp, " and %zu more", shown - RP_CODES_MAX);
	if (!shown)
		fputs("none", r->fp);
	samm_project_link_list_free(lv, nl);
}

static void rp_project_row(struct rp_scope *r, const struct samm_project *p)
{
	FILE *fp = r->fp;

	fputs("<tr><td>", fp);
	samm_html_text(fp, p->name);
	if (*p->description) {
		fputs("<br><span class=\"note\">", fp);
		samm_html_text(fp, p->description);
		fputs("</span>", fp);
	}
	fprintf(fp, "</td><td>%s</td><td>", samm_project_status_name(p->status));
	samm_html_text(fp, *p->owner ? p->owner : "-");
	fputs("</td><td>", fp);
	samm_html_text(fp, p->start.id ? p->start.name : "?");
	fputs(" &#8211; ", fp);
	samm_html_text(fp, p->end.id ? p->end.name : "open");
	fprintf(fp, "</td><td class=\"n\">%d</td><td>", p->n_activities);
	rp_project_codes(r, p);
	fputs("</td><td>", fp);
	if (p->has_outcome)
		fprintf(fp, "%d of %d rose", p->n_rose, p->n_compared);
	else if (p->status == SAMM_PROJECT_DONE)
		fputs("unknown: needs a start and an end period", fp);
	else
		fputs("&#8212;", fp);
	fputs("</td></tr>\n", fp);
}

enum samm_status rp_projects(struct rp_scope *r)
{
	struct samm_project *pv = NULL;
	size_t np = 0;
	enum samm_status rc;

	fputs("<section id=\"projects\" class=\"page\">\n<h2>Projects</h2>\n", r->fp);
	if ((rc = samm_project_list(r->st, r->scope.id, SAMM_PROJECT_ANY, &pv, &np, r->err)))
		return rc;
	if (!np) {
		fputs("<p class=\"muted\">The scope has no project.</p>\n</section>\n", r->fp);
		samm_project_list_free(pv, np);
		return SAMM_OK;
	}
	fputs("<table class=\"projects\">\n<thead><tr><th>Project</th><th>Status</th>"
	      "<th>Owner</th><th>Span</th><th class=\"n\">Activities</th><th>Covers</th>"
	      "<th>Done: activities that rose</th></tr></thead>\n<tbody>\n", r->fp);
	for (size_t i = 0; i < np; i++)
		rp_project_row(r, &pv[i]);
	fputs("</tbody>\n</table>\n</section>\n", r->fp);
	samm_project_list_free(pv, np);
	return SAMM_OK;
}
