/* cmd_roadmap.c - `roadmap`: the latest period's figures beside each
 * phase's projected figures, per practice (or stream), function and
 * overall, with the gap from one column to the next. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/csvw.h"
#include "samm/roadmap.h"
#include "cli/cli.h"
#include "cli/options.h"

/* One row of the table: a node and its figure in column c (0: now,
 * 1..n_phases: the phases). */
struct rm_row {
	enum samm_level level;
	int index;
};

static double rm_value(const struct samm_roadmap *r, struct rm_row row, size_t c)
{
	if (c == 0) {
		const struct samm_fig *f = samm_scorecard_get(&r->now,
							      (struct samm_ref){ row.level, row.index });
		return f ? f->score : 0;
	}
	const struct samm_roadmap_phase *ph = &r->phases[c - 1];
	switch (row.level) {
	case SAMM_L_OVERALL:  return ph->overall;
	case SAMM_L_FUNCTION: return ph->function[row.index];
	case SAMM_L_PRACTICE: return ph->practice[row.index];
	case SAMM_L_STREAM:   return ph->stream[row.index];
	default:              return 0;
	}
}

/* "excluded" for a node left out of the scope's figures, "partial" for a
 * function or overall figure that leaves something out, else "". */
static const char *rm_mark(const struct samm_roadmap *r, struct rm_row row)
{
	const struct samm_model *m = r->model;
	if (!r->n_excluded)
		return "";
	switch (row.level) {
	case SAMM_L_OVERALL:
		return "partial";
	case SAMM_L_FUNCTION: {
		const struct samm_function *fu = &m->functions[row.index];
		if (r->fn_excluded[row.index])
			return "excluded";
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++)
			if (r->excluded[p])
				return "partial";
		return "";
	}
	case SAMM_L_PRACTICE:
		return r->excluded[row.index] ? "excluded" : "";
	case SAMM_L_STREAM:
		return r->excluded[m->streams[row.index].practice] ? "excluded" : "";
	default:
		return "";
	}
}

struct rm_out {
	const struct samm_roadmap *r;
	const char *scope;
	int csv, by_stream;
	struct samm_csvw w;
};

static void rm_csv_row(struct rm_out *o, struct rm_row row)
{
	const struct samm_roadmap *r = o->r;
	struct samm_ref ref = { row.level, row.index };
	for (size_t c = 0; c <= r->n_phases; c++) {
		samm_csv_cell(&o->w, o->scope);
		samm_csv_cell(&o->w, samm_level_name(row.level));
		samm_csv_cell(&o->w, samm_model_ref_id(r->model, ref));
		samm_csv_cell(&o->w, samm_model_ref_name(r->model, ref));
		samm_csv_cell(&o->w, c ? "phase" : "now");
		samm_csv_cell(&o->w, c ? r->phases[c - 1].phase.name : r->latest.name);
		samm_csv_cell(&o->w, c ? r->phases[c - 1].phase.due : r->latest.date);
		samm_csv_num(&o->w, rm_value(r, row, c));
		if (c)
			samm_csv_num(&o->w, rm_value(r, row, c) - rm_value(r, row, c - 1));
		else
			samm_csv_cell(&o->w, "");
		samm_csv_cell(&o->w, rm_mark(r, row));
		samm_csv_end(&o->w);
	}
}

static void rm_text_row(struct rm_out *o, struct rm_row row)
{
	const struct samm_roadmap *r = o->r;
	struct samm_ref ref = { row.level, row.index };
	char label[128], b[256];
	int indent = row.level == SAMM_L_OVERALL ? 0 : row.level == SAMM_L_FUNCTION ? 0 : 2;
	const char *id = row.level == SAMM_L_OVERALL ? "Overall"
		: samm_model_ref_id(r->model, ref);
	snprintf(label, sizeof label, "%*s%s", indent, "", cli_esc(b, sizeof b, id));
	printf("%s", cli_fit(b, sizeof b, label, 22, 1));
	for (size_t c = 0; c <= r->n_phases; c++)
		printf(" %10.2f", rm_value(r, row, c));
	const char *mark = rm_mark(r, row);
	printf("%s%s\n", *mark ? "  " : "", mark);
}

static void rm_row(struct rm_out *o, struct rm_row row)
{
	if (o->csv)
		rm_csv_row(o, row);
	else
		rm_text_row(o, row);
}

/* Functions, each followed by its practices (or streams); then overall. */
static void rm_rows(struct rm_out *o)
{
	const struct samm_model *m = o->r->model;
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		rm_row(o, (struct rm_row){ SAMM_L_FUNCTION, fn });
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++) {
			const struct samm_practice *pr = &m->practices[p];
			if (!o->by_stream) {
				rm_row(o, (struct rm_row){ SAMM_L_PRACTICE, p });
				continue;
			}
			for (int s = pr->first_stream; s < pr->first_stream + pr->n_streams; s++)
				rm_row(o, (struct rm_row){ SAMM_L_STREAM, s });
		}
	}
	rm_row(o, (struct rm_row){ SAMM_L_OVERALL, 0 });
}

static void rm_text(struct rm_out *o)
{
	const struct samm_roadmap *r = o->r;
	char b[256], d[256];
	printf("%s: roadmap", cli_esc(b, sizeof b, o->scope));
	if (r->latest.id)
		printf(" from %s (%s)", cli_esc(d, sizeof d, r->latest.name),
		       cli_esc(b, sizeof b, r->latest.date));
	printf("\n");
	if (r->n_excluded)
		cli_print_partial(stdout, r->model, r->excluded, r->n_excluded);
	if (!r->n_phases)
		printf("No phases; plan one with 'sammtui phase new NAME --due YYYY-MM-DD'.\n");
	printf("%-22s %10s", o->by_stream ? "STREAM" : "PRACTICE", "NOW");
	for (size_t i = 0; i < r->n_phases; i++) {
		int w = cli_width(cli_fit(b, sizeof b, r->phases[i].phase.name, 10, 0));
		printf(" %*s%s", w < 10 ? 10 - w : 0, "", b);
	}
	printf("\n%-22s %10s", "", r->latest.id ? cli_esc(b, sizeof b, r->latest.date) : "-");
	for (size_t i = 0; i < r->n_phases; i++)
		printf(" %10s", cli_esc(b, sizeof b, r->phases[i].phase.due));
	printf("\n");
	rm_rows(o);
	if (!r->n_phases)
		return;
	/* the gap to each next phase, overall */
	printf("%-22s %10s", "Gap to next", "");
	for (size_t c = 1; c <= r->n_phases; c++)
		printf(" %+10.2f", rm_value(r, (struct rm_row){ SAMM_L_OVERALL, 0 }, c) -
		       rm_value(r, (struct rm_row){ SAMM_L_OVERALL, 0 }, c - 1));
	printf("\n");
}

int cmd_roadmap(struct app_ctx *ctx, int argc, char **argv)
{
	struct rm_out o = { 0 };
	struct samm_scope scope;
	struct samm_roadmap *r;
	struct samm_error err;
	const char *by = NULL;
	int rc;

	const struct cli_option opts[] = {
		OPT_STRING(0, "by", "stream", "rows per stream rather than per practice", &by),
		OPT_FLAG(0, "csv", "CSV: scope,level,id,name,kind,column,date,value,gap,partial",
			 &o.csv),
		OPT_END(),
	};
	if ((rc = cli_options(ctx, "roadmap", opts, 0, argc, argv)) >= 0)
		return rc;
	if (by && strcmp(by, "stream") && strcmp(by, "practice"))
		return cli_usage_error("roadmap", "--by takes practice or stream, not '%s'", by);
	o.by_stream = by && !strcmp(by, "stream");
	if (optind < argc)
		return cli_usage_error("roadmap", "unexpected argument '%s'", argv[optind]);
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_roadmap_compute(ctx->st, scope.id, &r, &err))
		return app_fail(&err);
	o.r = r;
	o.scope = scope.name;
	if (o.csv) {
		static const char *const head[] = { "scope", "level", "id", "name", "kind",
						    "column", "date", "value", "gap", "partial" };
		samm_csv_init(&o.w, stdout);
		samm_csv_row(&o.w, head, 10);
		rm_rows(&o);
		rc = EXIT_OK;
		if (samm_csv_finish(&o.w)) {
			fprintf(stderr, "sammtui: writing the output failed\n");
			rc = EXIT_DATA;
		}
	} else {
		rm_text(&o);
		rc = EXIT_OK;
	}
	samm_roadmap_free(r);
	return rc;
}
