/* cmd_stagnant.c - stagnant: the items and practices whose value has not
 * moved over the last periods (src/core/analysis.c computes them), and the
 * activities no project covers.
 *
 * Texts that come from users or models go through cli_esc() in human
 * output; CSV goes through the shared writer. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/analysis.h"
#include "samm/project.h"
#include "samm/csvw.h"
#include "samm/value.h"

/* ---- stagnant -------------------------------------------------------------------------------- */

static void stag_csv(struct samm_csvw *w, const struct samm_stagnant *s)
{
	const struct samm_model *m = s->model;
	for (size_t i = 0; i < s->n_practices; i++) {
		const struct samm_stag_practice *p = &s->practices[i];
		if (!p->stagnant)
			continue;
		samm_csv_cell(w, s->scope.name);
		samm_csv_cell(w, "practice");
		samm_csv_cell(w, p->code);
		samm_csv_cell(w, p->code);
		samm_csv_num(w, p->score);
		samm_csv_num(w, p->window_score);
		samm_csv_num(w, p->run);
		samm_csv_cell(w, s->periods[p->since].name);
		samm_csv_cell(w, "");
		samm_csv_end(w);
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const struct samm_stag_item *it = &s->items[i];
		char run[16];
		snprintf(run, sizeof run, "%d", it->run);
		samm_csv_cell(w, s->scope.name);
		samm_csv_cell(w, "item");
		samm_csv_cell(w, it->id);
		samm_csv_cell(w, m->practices[it->practice].code);
		samm_csv_cell(w, samm_value_name(it->value));
		samm_csv_cell(w, "");
		samm_csv_cell(w, run);
		samm_csv_cell(w, s->periods[it->since].name);
		samm_csv_cell(w, it->note);
		samm_csv_end(w);
	}
	for (size_t i = 0; i < s->n_regressed; i++) {
		const struct samm_stag_item *it = &s->regressed[i];
		samm_csv_cell(w, s->scope.name);
		samm_csv_cell(w, "regressed");
		samm_csv_cell(w, it->id);
		samm_csv_cell(w, m->practices[it->practice].code);
		samm_csv_cell(w, samm_value_name(it->value));
		samm_csv_cell(w, samm_value_name(it->from_value));
		samm_csv_cell(w, "");
		samm_csv_cell(w, s->periods[it->since].name);
		samm_csv_cell(w, it->note);
		samm_csv_end(w);
	}
	for (size_t i = 0; i < s->n_practices; i++) {
		const struct samm_stag_practice *p = &s->practices[i];
		if (!p->regressed)
			continue;
		samm_csv_cell(w, s->scope.name);
		samm_csv_cell(w, "regressed-practice");
		samm_csv_cell(w, p->code);
		samm_csv_cell(w, p->code);
		samm_csv_num(w, p->fell_to);
		samm_csv_num(w, p->fell_from);
		samm_csv_cell(w, "");
		samm_csv_cell(w, s->periods[p->fell_in].name);
		samm_csv_cell(w, "");
		samm_csv_end(w);
	}
}

static void stag_item_line(const struct samm_stagnant *s, const struct samm_stag_item *it,
			   const char *indent)
{
	char b1[256], b2[256], b3[1024];
	printf("%s%-16s %-5s %3d %s since %s", indent, cli_esc(b1, sizeof b1, it->id),
	       cli_value_name(it->value), it->run, it->run == 1 ? "period " : "periods",
	       cli_esc(b2, sizeof b2, s->periods[it->since].name));
	if (it->note)
		printf("  \"%s\"", cli_esc(b3, sizeof b3, it->note));
	printf("\n");
}

static void stag_head(const struct samm_stagnant *s);

static void stag_text(const struct samm_stagnant *s)
{
	char b1[512], b2[512];

	stag_head(s);
	if (s->enough) {
		printf("Stagnant practices: %d\n", s->n_stagnant_practices);
		for (size_t i = 0; i < s->n_practices; i++) {
			const struct samm_stag_practice *p = &s->practices[i];
			if (!p->stagnant)
				continue;
			printf("  %-6s %.2f %3d %s since %s  ", cli_esc(b1, sizeof b1, p->code),
			       p->score, p->run, p->run == 1 ? "period " : "periods",
			       cli_esc(b2, sizeof b2, s->periods[p->since].name));
			printf("%s\n", cli_esc(b1, sizeof b1, p->name));
			for (size_t k = 0; k < s->n_items; k++)
				if (s->items[k].practice == p->practice)
					stag_item_line(s, &s->items[k], "    ");
		}
		size_t other = 0;
		for (size_t k = 0; k < s->n_items; k++)
			other += !s->practices[s->items[k].practice].stagnant;
		printf("Stagnant items in other practices: %zu\n", other);
		for (size_t k = 0; k < s->n_items; k++)
			if (!s->practices[s->items[k].practice].stagnant)
				stag_item_line(s, &s->items[k], "  ");
	}
	if (!s->n_periods)
		return;
	printf("Regressed items: %zu\n", s->n_regressed);
	for (size_t i = 0; i < s->n_regressed; i++) {
		const struct samm_stag_item *it = &s->regressed[i];
		printf("  %-16s %-5s -> %-5s in %s\n", cli_esc(b1, sizeof b1, it->id),
		       cli_value_name(it->from_value), cli_value_name(it->value),
		       cli_esc(b2, sizeof b2, s->periods[it->since].name));
	}
	printf("Regressed practices: %d\n", s->n_regressed_practices);
	for (size_t i = 0; i < s->n_practices; i++) {
		const struct samm_stag_practice *p = &s->practices[i];
		if (p->regressed)
			printf("  %-6s %.2f -> %.2f in %s\n", cli_esc(b1, sizeof b1, p->code),
			       p->fell_from, p->fell_to,
			       cli_esc(b2, sizeof b2, s->periods[p->fell_in].name));
	}
	if (s->enough)
		printf("Unassessed items (unset in each of the last %d periods): %d\n",
		       s->window, s->n_unassessed);
}

/* The first line of stag_text alone (for --uncovered). */
static void stag_head(const struct samm_stagnant *s)
{
	char b1[512], b2[512];
	if (!s->enough) {
		printf("scope %s has %zu %s; stagnation needs %d\n",
		       cli_esc(b1, sizeof b1, s->scope.name), s->n_periods,
		       (long)s->n_periods == 1 ? "period" : "periods", s->window);
		return;
	}
	const struct samm_period *first = &s->periods[s->n_periods - (size_t)s->window];
	const struct samm_period *last = &s->periods[s->n_periods - 1];
	char d[64];
	printf("%s: last %d periods, %s (%s) to ", cli_esc(b1, sizeof b1, s->scope.name),
	       s->window, cli_esc(b2, sizeof b2, first->name), cli_esc(d, sizeof d, first->date));
	printf("%s (%s)\n", cli_esc(b2, sizeof b2, last->name), cli_esc(d, sizeof d, last->date));
	/* the practices left out are not judged */
	if (s->partial)
		cli_print_partial(stdout, s->model, s->excluded, s->n_excluded);
}

/* What stagnant was asked for, and whether a scope was listed before. */
struct stag_opts {
	int window, csv, uncovered, not_first;
};

/* One scope's stagnation and coverage, as text or CSV rows on w. */
static int stag_scope(struct app_ctx *ctx, struct samm_csvw *w, const struct samm_scope *scope,
		      const struct stag_opts *o)
{
	struct samm_stagnant *s;
	struct samm_coverage *cov;
	struct samm_error err;
	int rc = EXIT_OK;
	if (samm_stagnant_compute(ctx->st, scope->id, o->window, &s, &err))
		return app_fail(&err);
	if (samm_coverage_compute(ctx->st, s, &cov, &err)) {
		samm_stagnant_free(s);
		return app_fail(&err);
	}
	/* projects and targets add lines (or rows), never change the others */
	int cover = cli_cover_wanted(cov, o->uncovered);
	if (o->csv) {
		if (!s->enough) {
			char b[512];
			fprintf(stderr, "sammtui: scope %s has %zu %s; stagnation needs %d\n",
				cli_esc(b, sizeof b, s->scope.name), s->n_periods,
				(long)s->n_periods == 1 ? "period" : "periods", s->window);
		}
		if (!o->uncovered)
			stag_csv(w, s);
		if (cover)
			rc = cli_cover_csv(w, s->scope.name, cov, o->uncovered);
	} else {
		if (o->not_first)
			printf("\n");
		if (o->uncovered)
			stag_head(s);
		else
			stag_text(s);
		if (cover)
			cli_cover_text(cov, o->uncovered);
	}
	samm_coverage_free(cov);
	samm_stagnant_free(s);
	return rc;
}

int cmd_stagnant(struct app_ctx *ctx, int argc, char **argv)
{
	int all = 0, csv = 0, uncovered = 0, window = 3, rc;

	const struct cli_option opts[] = {
		OPT_FLAG(0, "all-scopes", "every scope, not only --scope", &all),
		OPT_CALLBACK('n', "periods", "N", "the window: the last N periods (default: 3)",
			     cli_opt_window, &window),
		OPT_FLAG(0, "uncovered", "list only the stagnant or below-target activities that no\n"
			 "active or planned project covers", &uncovered),
		OPT_FLAG(0, "csv", "CSV output", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "stagnant", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (optind < argc)
		return cli_usage_error("stagnant", "unexpected argument '%s'", argv[optind]);
	/* --all-scopes wins over --scope: scripts keep a global --scope in
	 * front of every command. */

	struct samm_scope *scopes = NULL, one;
	size_t n_scopes = 0;
	struct samm_error err;
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)))
		return rc;
	if (all) {
		if (samm_store_scope_list(ctx->st, &scopes, &n_scopes, &err))
			return app_fail(&err);
	} else {
		if ((rc = app_scope(ctx, &one)))
			return rc;
		scopes = &one;
		n_scopes = 1;
	}

	struct samm_csvw w;
	if (csv) {
		static const char *const head[] = { "scope", "kind", "id", "practice", "value",
						    "from", "run", "period", "note" };
		samm_csv_init(&w, stdout);
		samm_csv_row(&w, head, 9);
	}
	rc = EXIT_OK;
	for (size_t i = 0; i < n_scopes; i++) {
		struct stag_opts so = { window, csv, uncovered, i > 0 };
		if ((rc = stag_scope(ctx, &w, &scopes[i], &so)) != EXIT_OK)
			break;
	}
	if (csv && samm_csv_finish(&w) && rc == EXIT_OK) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		rc = EXIT_DATA;
	}
	if (scopes != &one)
		samm_scope_list_free(scopes, n_scopes);
	return rc;
}
