/* cmd_analysis.c - diff, trend and check: presenting what
 * src/core/analysis.c computes (stagnant: cmd_stagnant.c).
 *
 * Human tables show scores with 2 decimals and values by name ("unset"
 * when none); CSV goes through the shared writer with scores to 6 decimals
 * and values as no/some/half/most/na or empty.  Texts that come from users
 * or models (scope, period, notes, names) go through cli_esc() in human
 * output so a stray control character cannot drive the terminal. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/analysis.h"
#include "samm/project.h"
#include "samm/csvw.h"
#include "samm/model_diff.h"
#include "samm/value.h"

/* ---- Small helpers ---------------------------------------------------------- */

/* Value name for humans: unset has a word here, it is empty in CSV. */
static const char *vname(int v)
{
	return v == SAMM_UNSET ? "unset" : samm_value_name(v);
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "+0.25", "-0.50", "0.00": never "-0.00" nor "+0.00". */
static const char *fmt_delta(char *buf, size_t size, double d)
{
	if (d > -0.005 && d < 0.005)
		snprintf(buf, size, "0.00");
	else
		snprintf(buf, size, "%+.2f", d);
	return buf;
}

static int parse_by(const char *cmd, const char *arg, enum samm_level *out)
{
	int l = samm_level_parse(arg);
	if (l < 0)
		return cli_usage_error(cmd, "unknown level '%s' for --by", arg);
	*out = (enum samm_level)l;
	return 0;
}

/* Option callbacks (options.h). */
static int opt_by(const char *cmd, const struct cli_option *o, const char *arg)
{
	return parse_by(cmd, arg, o->value);
}

/* --by of trend: overall, function or practice */
static int opt_trend_by(const char *cmd, const struct cli_option *o, const char *arg)
{
	int rc = parse_by(cmd, arg, o->value);

	if (!rc && *(enum samm_level *)o->value > SAMM_L_PRACTICE)
		return cli_usage_error(cmd, "--by takes overall, function or practice");
	return rc;
}

/* --periods N: the stagnation window, 2 to 64 (int) */
/* --only up|down of diff */
static int opt_only(const char *cmd, const struct cli_option *o, const char *arg)
{
	if (!strcmp(arg, "up"))
		*(int *)o->value = SAMM_DIR_UP;
	else if (!strcmp(arg, "down"))
		*(int *)o->value = SAMM_DIR_DOWN;
	else
		return cli_usage_error(cmd, "--only takes up or down, not '%s'", arg);
	return 0;
}

/* --min-overall X of check: a score from 0 to 3 (double), kept as typed
 * for messages in min_arg */
static const char *min_arg;
static int opt_min_overall(const char *cmd, const struct cli_option *o, const char *arg)
{
	double *x = o->value;
	char *end;

	errno = 0;
	*x = strtod(arg, &end);
	if (!*arg || *end || errno || !(*x >= 0 && *x <= 3))
		return cli_usage_error(cmd, "--min-overall takes a score from 0 to 3, not '%s'", arg);
	min_arg = arg;
	return 0;
}

/* ---- diff ------------------------------------------------------------------------ */

static int only_keep(int only, enum samm_dir d)
{
	return !only || (int)d == only;
}

/* An item's value in the old or new column: its worth, or empty (unset,
 * N/A, or no such item on that side: the label columns tell which). */
static void diff_csv_value(struct samm_csvw *w, int present, int v)
{
	if (!present || v == SAMM_UNSET || v == SAMM_NA)
		samm_csv_cell(w, "");
	else
		samm_csv_num(w, samm_value_worth(v));
}

/* The last cell of a row in a partial scope's CSV: "excluded", "partial"
 * or "" (no cell at all for a complete scope). */
static void csv_mark(struct samm_csvw *w, int partial, const char *mark)
{
	if (partial)
		samm_csv_cell(w, mark ? mark : "");
}

static void diff_csv_item(struct samm_csvw *w, const struct samm_diff_item *it, int partial)
{
	int was = it->dir != SAMM_DIR_ADDED, is = it->dir != SAMM_DIR_REMOVED;

	samm_csv_cell(w, "item");
	samm_csv_cell(w, it->id);
	samm_csv_cell(w, it->criterion);
	diff_csv_value(w, was, it->old_value);
	diff_csv_value(w, is, it->new_value);
	if (!was || !is)
		samm_csv_cell(w, "");
	else
		samm_csv_num(w, samm_value_worth(it->new_value) - samm_value_worth(it->old_value));
	samm_csv_cell(w, samm_dir_name(it->dir));
	samm_csv_cell(w, was ? cli_value_name(it->old_value) : "");
	samm_csv_cell(w, is ? cli_value_name(it->new_value) : "");
	csv_mark(w, partial, "");
	samm_csv_end(w);
}

static void csv_score(struct samm_csvw *w, int present, double score, int na)
{
	if (!present)
		samm_csv_cell(w, "");
	else if (na)
		samm_csv_cell(w, "na");
	else
		samm_csv_num(w, score);
}

static int diff_csv(const struct samm_diff *d, int only, int notes, int figs)
{
	static const char *const head[] = { "kind", "id", "name", "old", "new", "delta",
					    "direction", "old_label", "new_label", "partial" };
	struct samm_csvw w;

	samm_csv_init(&w, stdout);
	samm_csv_row(&w, head, d->partial ? 10 : 9);
	for (size_t i = 0; i < d->n_items; i++)
		if (only_keep(only, d->items[i].dir))
			diff_csv_item(&w, &d->items[i], d->partial);
	for (size_t i = 0; i < d->n_added; i++)
		diff_csv_item(&w, &d->added[i], d->partial);
	for (size_t i = 0; i < d->n_removed; i++)
		diff_csv_item(&w, &d->removed[i], d->partial);
	for (size_t i = 0; !only && i < d->n_recheck; i++) {
		const struct samm_diff_recheck *r = &d->recheck[i];
		char what[64];
		samm_csv_cell(&w, "recheck");
		samm_csv_cell(&w, r->id);
		samm_csv_cell(&w, r->criterion);
		samm_csv_cell(&w, "");
		diff_csv_value(&w, 1, r->value);
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, samm_reword_str(r->what, what, sizeof what));
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, cli_value_name(r->value));
		csv_mark(&w, d->partial, "");
		samm_csv_end(&w);
	}
	for (size_t i = 0; notes && i < d->n_notes; i++) {
		const struct samm_diff_note *n = &d->notes[i];
		/* the texts go in the label columns: old and new hold numbers */
		samm_csv_cell(&w, "note");
		samm_csv_cell(&w, n->id);
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, !n->old_note ? "added" : !n->new_note ? "removed" : "changed");
		samm_csv_cell(&w, n->old_note);
		samm_csv_cell(&w, n->new_note);
		csv_mark(&w, d->partial, "");
		samm_csv_end(&w);
	}
	for (size_t i = 0; figs && i < d->n_figs; i++) {
		const struct samm_diff_fig *f = &d->figs[i];
		if (!only_keep(only, f->dir))
			continue;
		int both = f->dir != SAMM_DIR_ADDED && f->dir != SAMM_DIR_REMOVED;
		samm_csv_cell(&w, samm_level_name(f->level));
		samm_csv_cell(&w, f->id);
		samm_csv_cell(&w, f->name);
		/* numbers only: an N/A figure's label column says na */
		csv_score(&w, f->dir != SAMM_DIR_ADDED && !f->old_na, f->old_score, 0);
		csv_score(&w, f->dir != SAMM_DIR_REMOVED && !f->new_na, f->new_score, 0);
		if (both)
			samm_csv_num(&w, f->delta);
		else
			samm_csv_cell(&w, "");
		samm_csv_cell(&w, samm_dir_name(f->dir));
		samm_csv_cell(&w, f->dir != SAMM_DIR_ADDED && f->old_na ? "na" : "");
		samm_csv_cell(&w, f->dir != SAMM_DIR_REMOVED && f->new_na ? "na" : "");
		csv_mark(&w, d->partial, f->mark);
		samm_csv_end(&w);
	}
	if (samm_csv_finish(&w)) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static const char *score_txt(char *buf, size_t size, int present, double score, int na)
{
	if (!present)
		snprintf(buf, size, "-");
	else if (na)
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, "%.2f", score);
	return buf;
}

static void diff_text(struct app_ctx *ctx, const struct samm_diff *d,
		      const struct samm_scope *scope, int only, int notes, enum samm_level by)
{
	char b1[512], b2[512], b3[512];

	printf("%s: ", cli_esc(b1, sizeof b1, scope->name));
	printf("%s (%s) -> ", cli_esc(b1, sizeof b1, d->old_period.name),
	       cli_esc(b2, sizeof b2, d->old_period.date));
	printf("%s (%s)\n", cli_esc(b1, sizeof b1, d->new_period.name),
	       cli_esc(b2, sizeof b2, d->new_period.date));
	if (!d->same_model)
		printf("The periods use different models: items are matched by id.\n");
	if (d->partial)
		cli_scope_partial_line(stdout, ctx, scope->id, d->new_model);
	printf("\n");
	if (only)
		printf("Items %s: %d\n", samm_dir_name((enum samm_dir)only),
		       only == SAMM_DIR_UP ? d->n_up : d->n_down);
	else
		printf("Items changed: %zu (%d up, %d down, %d changed)\n", d->n_items,
		       d->n_up, d->n_down, d->n_changed);
	for (size_t i = 0; i < d->n_items; i++) {
		const struct samm_diff_item *it = &d->items[i];
		if (only_keep(only, it->dir))
			printf("  %-16s %-5s -> %-5s  %s\n", cli_esc(b1, sizeof b1, it->id),
			       vname(it->old_value), vname(it->new_value),
			       samm_dir_name(it->dir));
	}
	if (d->n_added) {
		printf("Items added (only in %s's model): %zu\n",
		       cli_esc(b1, sizeof b1, d->new_period.name), d->n_added);
		for (size_t i = 0; i < d->n_added; i++)
			printf("  %-16s %s\n", cli_esc(b1, sizeof b1, d->added[i].id),
			       vname(d->added[i].new_value));
	}
	if (d->n_removed) {
		printf("Items removed (only in %s's model): %zu\n",
		       cli_esc(b1, sizeof b1, d->old_period.name), d->n_removed);
		for (size_t i = 0; i < d->n_removed; i++)
			printf("  %-16s %s\n", cli_esc(b1, sizeof b1, d->removed[i].id),
			       vname(d->removed[i].old_value));
	}
	if (d->n_recheck && !only) {
		char what[64];
		printf("To re-check (reworded since the previous model; 'sammtui confirm'): %zu\n",
		       d->n_recheck);
		for (size_t i = 0; i < d->n_recheck; i++)
			printf("  %-16s %-5s  %s\n", cli_esc(b1, sizeof b1, d->recheck[i].id),
			       vname(d->recheck[i].value),
			       samm_reword_str(d->recheck[i].what, what, sizeof what));
	}
	if (notes) {
		printf("Notes changed: %zu\n", d->n_notes);
		for (size_t i = 0; i < d->n_notes; i++) {
			const struct samm_diff_note *n = &d->notes[i];
			printf("  %-16s \"%s\" -> \"%s\"\n", cli_esc(b1, sizeof b1, n->id),
			       cli_esc(b2, sizeof b2, n->old_note), cli_esc(b3, sizeof b3, n->new_note));
		}
	}
	if (by == SAMM_L_ITEM)
		return;
	printf("\nFigures by %s:\n", samm_level_name(by));
	printf("  %-16s %6s %6s %6s  %-7s  %s\n", "FIGURE", "OLD", "NEW", "DELTA", "DIR",
	       "NAME");
	for (size_t i = 0; i < d->n_figs; i++) {
		const struct samm_diff_fig *f = &d->figs[i];
		char o[16], n[16], dl[16];
		int both = f->dir != SAMM_DIR_ADDED && f->dir != SAMM_DIR_REMOVED;
		if (!only_keep(only, f->dir))
			continue;
		printf("  %-16s %6s %6s %6s  %-7s  %s%s%s\n", cli_esc(b1, sizeof b1, f->id),
		       score_txt(o, sizeof o, f->dir != SAMM_DIR_ADDED, f->old_score, f->old_na),
		       score_txt(n, sizeof n, f->dir != SAMM_DIR_REMOVED, f->new_score, f->new_na),
		       both ? fmt_delta(dl, sizeof dl, f->delta) : "-",
		       samm_dir_name(f->dir), cli_esc(b2, sizeof b2, f->name),
		       f->mark && *f->mark ? "  " : "", f->mark ? f->mark : "");
	}
}

int cmd_diff(struct app_ctx *ctx, int argc, char **argv)
{
	enum samm_level by = SAMM_L_PRACTICE;
	int csv = 0, notes = 0, only = 0, rc;

	const struct cli_option opts[] = {
		OPT_CALLBACK(0, "by", "LEVEL",
			     "the deepest level of figures listed (default: practice)", opt_by, &by),
		OPT_CALLBACK(0, "only", "up|down", "only the changes in that direction",
			     opt_only, &only),
		OPT_FLAG(0, "notes", "also list changed notes", &notes),
		OPT_FLAG(0, "csv", "CSV: kind,id,name,old,new,delta,direction,old_label,\n"
			 "new_label (numbers in old and new, words in the labels)", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "diff", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 2)
		return cli_usage_error("diff", "diff needs two periods (old, then new)");

	struct samm_scope scope;
	struct samm_period p1, p2;
	struct samm_error err;
	struct samm_diff *d;
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = app_period(ctx, &scope, argv[optind], &p1)) ||
	    (rc = app_period(ctx, &scope, argv[optind + 1], &p2)))
		return rc;
	/* --by item lists items only: its figure table would repeat them. */
	if (samm_diff_periods(ctx->st, p1.id, p2.id, by == SAMM_L_ITEM ? SAMM_L_OVERALL : by,
			      &d, &err))
		return app_fail(&err);
	if (csv) {
		rc = diff_csv(d, only, notes, by != SAMM_L_ITEM);
	} else {
		diff_text(ctx, d, &scope, only, notes, by);
		rc = EXIT_OK;
	}
	samm_diff_free(d);
	return rc;
}

/* ---- trend -------------------------------------------------------------------------------------- */

static void trend_label(char *buf, size_t size, const struct samm_trend_row *r)
{
	char b[256];
	int indent = r->level == SAMM_L_PRACTICE ? 4 : r->level == SAMM_L_FUNCTION ? 2 : 0;
	snprintf(buf, size, "%*s%s", indent, "", cli_esc(b, sizeof b, r->id));
}

/* "partial: excludes ..." for the latest period's model. */
static int trend_partial(struct app_ctx *ctx, const struct samm_scope *scope,
			 const struct samm_trend *t)
{
	const struct samm_model *m;
	struct samm_error err;

	if (samm_store_model_get(ctx->st, t->periods[t->n_periods - 1].model_id, &m, &err))
		return app_fail(&err);
	return cli_scope_partial_line(stdout, ctx, scope->id, m);
}

static int trend_csv(const struct samm_trend *t)
{
	struct samm_csvw w;
	samm_csv_init(&w, stdout);
	samm_csv_cell(&w, "level");
	samm_csv_cell(&w, "id");
	samm_csv_cell(&w, "name");
	for (size_t p = 0; p < t->n_periods; p++)
		samm_csv_cell(&w, t->periods[p].name);
	csv_mark(&w, t->partial, "partial");
	samm_csv_end(&w);
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct samm_trend_row *row = &t->rows[r];
		samm_csv_cell(&w, samm_level_name(row->level));
		samm_csv_cell(&w, row->id);
		samm_csv_cell(&w, row->name);
		for (size_t p = 0; p < t->n_periods; p++)
			csv_score(&w, row->present[p], row->score[p], row->na[p]);
		csv_mark(&w, t->partial, row->mark);
		samm_csv_end(&w);
	}
	if (samm_csv_finish(&w)) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* The table: a row per figure, a column per period. */
static int trend_text(struct app_ctx *ctx, const struct samm_scope *scope,
		      const struct samm_trend *t)
{
	char lab[300], b[512];
	int lw = 6, rc;
	for (size_t r = 0; r < t->n_rows; r++) {
		trend_label(lab, sizeof lab, &t->rows[r]);
		if ((int)strlen(lab) > lw)
			lw = (int)strlen(lab);
	}
	if (t->partial && (rc = trend_partial(ctx, scope, t)))
		return rc;
	printf("%-*s", lw, "FIGURE");
	for (size_t p = 0; p < t->n_periods; p++) {
		int cw = (int)strlen(cli_esc(b, sizeof b, t->periods[p].name));
		printf("  %*s", cw < 6 ? 6 : cw, b);
	}
	printf("\n");
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct samm_trend_row *row = &t->rows[r];
		trend_label(lab, sizeof lab, row);
		printf("%-*s", lw, lab);
		for (size_t p = 0; p < t->n_periods; p++) {
			char sc[16];
			int cw = (int)strlen(cli_esc(b, sizeof b, t->periods[p].name));
			printf("  %*s", cw < 6 ? 6 : cw,
			       score_txt(sc, sizeof sc, row->present[p], row->score[p],
					 row->na[p]));
		}
		printf("%s%s\n", row->mark && *row->mark ? "  " : "",
		       row->mark ? row->mark : "");
	}
	return EXIT_OK;
}

int cmd_trend(struct app_ctx *ctx, int argc, char **argv)
{
	enum samm_level by = SAMM_L_PRACTICE;
	int csv = 0, rc;

	const struct cli_option opts[] = {
		OPT_CALLBACK(0, "by", "LEVEL", "the deepest level listed (default: practice)",
			     opt_trend_by, &by),
		OPT_FLAG(0, "csv", "CSV output", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "trend", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (optind < argc)
		return cli_usage_error("trend", "unexpected argument '%s'", argv[optind]);

	struct samm_scope scope;
	struct samm_error err;
	struct samm_trend *t;
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_trend_compute(ctx->st, scope.id, by, &t, &err))
		return app_fail(&err);

	if (csv)
		rc = trend_csv(t);
	else if (!t->n_periods) {
		char b[512];
		printf("scope %s has no periods\n", cli_esc(b, sizeof b, scope.name));
		rc = EXIT_OK;
	} else {
		rc = trend_text(ctx, &scope, t);
	}
	samm_trend_free(t);
	return rc;
}

/* ---- check ------------------------------------------------------------------------------------------ */

/* The latest period against the previous one, the stagnant and the
 * regressed counts. */
static void check_summary(struct app_ctx *ctx, const struct samm_scope *scope,
			  const struct samm_check_policy *pol, const struct samm_check_result *r)
{
	char b1[512], b2[512], dl[16], d[64];
	struct samm_error err;
	printf("%s: %s (%s)", cli_esc(b1, sizeof b1, scope->name),
	       cli_esc(b2, sizeof b2, r->latest.name), cli_esc(d, sizeof d, r->latest.date));
	if (r->has_previous) {
		printf(", previous %s (%s)\n", cli_esc(b2, sizeof b2, r->previous.name),
		       cli_esc(d, sizeof d, r->previous.date));
		printf("Changes since %s: %d up, %d down, %d changed\n", b2, r->n_up, r->n_down,
		       r->n_changed);
		printf("Overall: %.2f (%s)%s\n", r->overall,
		       fmt_delta(dl, sizeof dl, r->overall_delta), r->partial ? ", partial" : "");
	} else {
		printf(", no previous period\n");
		printf("Overall: %.2f%s\n", r->overall, r->partial ? ", partial" : "");
	}
	const struct samm_model *lm;
	if (r->partial && !samm_store_model_get(ctx->st, r->latest.model_id, &lm, &err))
		cli_scope_partial_line(stdout, ctx, scope->id, lm);
	if (r->enough)
		printf("Stagnant over the last %d periods: %d %s, %d %s\n", pol->window,
		       r->n_stagnant_items, plural(r->n_stagnant_items, "item", "items"),
		       r->n_stagnant_practices,
		       plural(r->n_stagnant_practices, "practice", "practices"));
	else
		printf("Stagnant: scope %s has %zu %s; stagnation needs %d\n", b1, r->n_periods,
		       plural((long)r->n_periods, "period", "periods"), pol->window);
	printf("Regressed: %d %s, %d %s\n", r->n_regressed_items,
	       plural(r->n_regressed_items, "item", "items"), r->n_regressed_practices,
	       plural(r->n_regressed_practices, "practice", "practices"));

}

/* A line for each rule of the policy that is broken. */
static void check_broken(const struct samm_check_result *r, const struct samm_check_policy *pol,
			 int n_uncovered, int uncovered_broken, int max_uncovered)
{
	if (r->broken & SAMM_CHECK_MAX_STAGNANT)
		printf("policy broken: %d stagnant %s > --max-stagnant %d\n", r->n_stagnant_items,
		       plural(r->n_stagnant_items, "item", "items"), pol->max_stagnant);
	if (r->broken & SAMM_CHECK_REGRESSIONS)
		printf("policy broken: %d regressed %s and %d regressed %s with --no-regressions\n",
		       r->n_regressed_items, plural(r->n_regressed_items, "item", "items"),
		       r->n_regressed_practices,
		       plural(r->n_regressed_practices, "practice", "practices"));
	if (r->broken & SAMM_CHECK_MIN_OVERALL)
		printf("policy broken: overall %.2f%s < --min-overall %s\n", r->overall,
		       r->partial ? " (partial)" : "", min_arg);
	if (uncovered_broken)
		printf("policy broken: %d uncovered %s > --max-uncovered %d\n", n_uncovered,
		       plural(n_uncovered, "activity", "activities"), max_uncovered);
}

int cmd_check(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_check_policy pol = { 3, -1, 0, -1, -1 };
	int rc, uncovered = 0, max_uncovered = -1;

	const struct cli_option opts[] = {
		OPT_CALLBACK(0, "max-stagnant", "N", "at most N stagnant items", cli_opt_count,
			     &pol.max_stagnant),
		OPT_FLAG(0, "no-regressions", "no item or practice may have fallen",
			 &pol.no_regressions),
		OPT_CALLBACK(0, "min-overall", "X", "the latest overall score is at least X",
			     opt_min_overall, &pol.min_overall),
		OPT_CALLBACK(0, "max-uncovered", "N",
			     "at most N stagnant or below-target activities that no\n"
			     "active or planned project covers", cli_opt_count, &max_uncovered),
		OPT_CALLBACK('n', "periods", "N", "the stagnation window (default: 3)", cli_opt_window,
			     &pol.window),
		OPT_FLAG(0, "uncovered", "list only the activities nobody works on", &uncovered),
		OPT_END(),
	};
	int orc = cli_options(ctx, "check", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (optind < argc)
		return cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
	pol.max_uncovered = (int)max_uncovered;

	struct samm_scope scope;
	struct samm_error err;
	struct samm_check_result r;
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_check_run(ctx->st, scope.id, &pol, &r, &err))
		return app_fail(&err);

	check_summary(ctx, &scope, &pol, &r);

	/* which stuck activities an active or planned project covers */
	struct samm_coverage *cov = r.coverage;
	if (cli_cover_wanted(cov, uncovered || max_uncovered >= 0))
		cli_cover_text(cov, uncovered);
	int n_uncovered = r.n_uncovered;
	int uncovered_broken = (r.broken & SAMM_CHECK_MAX_UNCOVERED) != 0;
	samm_check_result_free(&r);

	check_broken(&r, &pol, n_uncovered, uncovered_broken, max_uncovered);
	return r.broken ? EXIT_POLICY : EXIT_OK;
}
