/* cmd_phase.c - the roadmap's phases (`phase`), fixing a period's name or
 * date (`period set`), and the practices a scope leaves out (`scope set`). */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/csvw.h"
#include "samm/roadmap.h"
#include "samm/util.h"
#include "cli/cli.h"
#include "cli/options.h"

int cli_phase(struct app_ctx *ctx, const struct samm_scope *scope, const char *name,
	      struct samm_phase *out)
{
	struct samm_error err;
	if (samm_phase_find(ctx->st, scope->id, name, out, &err)) {
		app_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

/* ---- phase ------------------------------------------------------------------------- */

static int phase_new(struct app_ctx *ctx, const char *name, const char *due, const char *desc)
{
	struct samm_scope scope;
	struct samm_phase p;
	struct samm_error err;
	char b[256];
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_phase_new(ctx->st, scope.id, name, due, desc, app_user(ctx), &p, &err))
		return app_fail(&err);
	char d[64];
	printf("created phase %s (due %s)\n", cli_esc(b, sizeof b, p.name),
	       cli_esc(d, sizeof d, p.due));
	return EXIT_OK;
}

static int phase_set(struct app_ctx *ctx, const char *name, const struct samm_phase_fields *f)
{
	struct samm_scope scope;
	struct samm_phase p;
	struct samm_error err;
	char b[256];
	int rc, changed;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = cli_phase(ctx, &scope, name, &p)))
		return rc;
	if (samm_phase_set(ctx->st, p.id, f, app_user(ctx), &changed, &err))
		return app_fail(&err);
	if (f->name && changed)
		name = f->name;
	printf(changed ? "phase %s: %d %s changed\n" : "phase %s: nothing to change\n",
	       cli_esc(b, sizeof b, name), changed, changed == 1 ? "field" : "fields");
	return EXIT_OK;
}

static int phase_delete(struct app_ctx *ctx, const char *name, int yes)
{
	struct samm_scope scope;
	struct samm_phase p;
	struct samm_error err;
	char b[256];
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = cli_phase(ctx, &scope, name, &p)))
		return rc;
	if (!yes) {
		fprintf(stderr, "sammtui: refusing to delete phase %s and its targets without"
			" --yes\n", cli_esc(b, sizeof b, p.name));
		return EXIT_USAGE;
	}
	if (samm_phase_delete(ctx->st, p.id, app_user(ctx), &err))
		return app_fail(&err);
	printf("deleted phase %s\n", cli_esc(b, sizeof b, p.name));
	return EXIT_OK;
}

/* The number of activities with a target of their own in each phase. */
static int phase_list(struct app_ctx *ctx, int csv)
{
	struct samm_scope scope;
	struct samm_roadmap *r;
	struct samm_error err;
	int rc;

	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_roadmap_compute(ctx->st, scope.id, &r, &err))
		return app_fail(&err);
	if (csv) {
		static const char *const head[] = { "scope", "phase", "due", "targets", "overall",
						    "description" };
		struct samm_csvw w;
		samm_csv_init(&w, stdout);
		samm_csv_row(&w, head, 6);
		for (size_t i = 0; i < r->n_phases; i++) {
			const struct samm_roadmap_phase *ph = &r->phases[i];
			char n[16];
			snprintf(n, sizeof n, "%d", ph->n_targets);
			samm_csv_cell(&w, scope.name);
			samm_csv_cell(&w, ph->phase.name);
			samm_csv_cell(&w, ph->phase.due);
			samm_csv_cell(&w, n);
			samm_csv_num(&w, ph->overall);
			samm_csv_cell(&w, ph->phase.description);
			samm_csv_end(&w);
		}
		rc = samm_csv_finish(&w) ? EXIT_DATA : EXIT_OK;
		if (rc)
			fprintf(stderr, "sammtui: writing the output failed\n");
	} else if (!r->n_phases) {
		printf("No phases; plan one with 'sammtui phase new NAME --due YYYY-MM-DD'.\n");
	} else {
		printf("%-16s %-10s %7s %7s  %s\n", "PHASE", "DUE", "TARGETS", "OVERALL",
		       "DESCRIPTION");
		for (size_t i = 0; i < r->n_phases; i++) {
			const struct samm_roadmap_phase *ph = &r->phases[i];
			char b[256], d[1100];
			char due[64];
			printf("%s %-10s %7d %7.2f  %s\n",
			       cli_fit(b, sizeof b, ph->phase.name, 16, 1),
			       cli_esc(due, sizeof due, ph->phase.due),
			       ph->n_targets, ph->overall,
			       cli_esc(d, sizeof d, ph->phase.description));
		}
	}
	samm_roadmap_free(r);
	return rc;
}

int cmd_phase(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_phase_fields f = { 0 };
	int csv = 0, yes = 0;

	const struct cli_option opts[] = {
		OPT_STRING(0, "due", "D", "the date the phase's targets are due, YYYY-MM-DD", &f.due),
		OPT_STRING(0, "description", "TEXT", "what the phase is about ('' removes it)",
			   &f.description),
		OPT_STRING(0, "rename", "NEW", "the phase's new name", &f.name),
		OPT_FLAG(0, "csv", "CSV: scope,phase,due,targets,overall,description", &csv),
		OPT_FLAG(0, "yes", "really delete the phase and its own targets", &yes),
		OPT_END(),
	};
	int orc = cli_options(ctx, "phase", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	if (!sub)
		return cli_usage_error("phase", "phase needs 'new', 'set', 'list' or 'delete'");
	int is_new = !strcmp(sub, "new"), is_set = !strcmp(sub, "set");
	if ((f.due || f.description) && !is_new && !is_set)
		return cli_usage_error("phase", "--due and --description go with 'phase new' and"
				       " 'phase set'");
	if (f.name && !is_set)
		return cli_usage_error("phase", "--rename goes with 'phase set'");
	if (csv && strcmp(sub, "list"))
		return cli_usage_error("phase", "--csv goes with 'phase list'");
	if (yes && strcmp(sub, "delete"))
		return cli_usage_error("phase", "--yes goes with 'phase delete'");
	if (f.due && !samm_date_valid(f.due))
		return cli_usage_error("phase", "invalid date '%s' (expected YYYY-MM-DD)", f.due);
	if (!strcmp(sub, "list")) {
		if (n != 1)
			return cli_usage_error("phase", "unexpected argument '%s'", argv[optind + 1]);
		return phase_list(ctx, csv);
	}
	if (!is_new && !is_set && strcmp(sub, "delete"))
		return cli_usage_error("phase", "unknown phase command '%s'", sub);
	if (n != 2)
		return cli_usage_error("phase", "phase %s needs one NAME", sub);
	const char *name = argv[optind + 1];
	if (is_new) {
		if (!f.due)
			return cli_usage_error("phase", "phase new needs --due YYYY-MM-DD");
		return phase_new(ctx, name, f.due, f.description);
	}
	if (is_set) {
		if (!f.due && !f.name && !f.description)
			return cli_usage_error("phase", "phase set needs --due, --rename or"
					       " --description");
		return phase_set(ctx, name, &f);
	}
	return phase_delete(ctx, name, yes);
}

/* ---- period set --------------------------------------------------------------------- */

int cli_period_set(struct app_ctx *ctx, const char *name, const char *date, const char *rename)
{
	struct samm_scope scope;
	struct samm_period p;
	struct samm_error err;
	char b[256], d[64];
	int rc, changed;

	if (!date && !rename)
		return cli_usage_error("period", "period set needs --date or --rename");
	if (date && !samm_date_valid(date))
		return cli_usage_error("period", "invalid date '%s' (expected YYYY-MM-DD)", date);
	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = app_period(ctx, &scope, name, &p)))
		return rc;
	if (samm_store_period_set(ctx->st, p.id, rename, date, app_user(ctx), &changed, &err))
		return app_fail(&err);
	if (rename)
		snprintf(p.name, sizeof p.name, "%s", rename);
	if (date)
		snprintf(p.date, sizeof p.date, "%s", date);
	if (!changed)
		printf("period %s: nothing to change\n", cli_esc(b, sizeof b, p.name));
	else
		printf("period %s (%s)\n", cli_esc(b, sizeof b, p.name),
		       cli_esc(d, sizeof d, p.date));
	return EXIT_OK;
}

/* ---- scope set ----------------------------------------------------------------------- */

int cli_opt_ids(const char *cmd, const struct cli_option *o, const char *arg)
{
	char **dst = o->value;
	/* repeated options add up: "a,b" */
	size_t len = (*dst ? strlen(*dst) + 1 : 0) + strlen(arg) + 1;
	char *nv = malloc(len);

	(void)cmd;
	if (!nv) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	snprintf(nv, len, "%s%s%s", *dst ? *dst : "", *dst ? "," : "", arg);
	free(*dst);
	*dst = nv;
	return 0;
}

/* Split a comma-separated list into ids (in place). */
static size_t split_ids(char *s, const char **ids, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < max; tok = strtok(NULL, ","))
		if (*tok)
			ids[n++] = tok;
	return n;
}

/* "partial: excludes SM, PC" (or "complete: every practice counts"). */
static int scope_report(struct app_ctx *ctx, const struct samm_scope *scope)
{
	struct samm_roadmap *r;
	struct samm_error err;
	char b[256];
	if (samm_roadmap_compute(ctx->st, scope->id, &r, &err))
		return app_fail(&err);
	printf("%s: ", cli_esc(b, sizeof b, scope->name));
	cli_print_partial(stdout, r->model, r->excluded, r->n_excluded);
	samm_roadmap_free(r);
	return EXIT_OK;
}

int cli_scope_set(struct app_ctx *ctx, const char *name, char *ex, char *in)
{
	struct samm_scope scope;
	struct samm_error err;
	const char *ids[256];
	int rc;

	ctx->scope_opt = name;
	if ((rc = app_open(ctx, ex || in ? 0 : SAMM_OPEN_READONLY)) ||
	    (rc = app_scope(ctx, &scope)))
		return rc;
	for (int pass = 0; pass < 2; pass++) {
		char *list = pass ? in : ex;
		size_t n = list ? split_ids(list, ids, sizeof ids / sizeof *ids) : 0;
		if (n && samm_scope_exclude(ctx->st, scope.id, ids, n, pass, app_user(ctx), NULL,
					    &err))
			return app_fail(&err);
	}
	return scope_report(ctx, &scope);
}

void cli_print_partial(FILE *fp, const struct samm_model *m, const unsigned char *excluded,
		       int n_excluded)
{
	char b[256];
	if (!n_excluded) {
		fprintf(fp, "complete: every practice counts\n");
		return;
	}
	fprintf(fp, "partial: excludes ");
	int first = 1;
	/* a whole function by its name, else its practices by code */
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		int all = fu->n_practices > 0;
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++)
			all &= excluded[p] != 0;
		if (all) {
			fprintf(fp, "%s%s", first ? "" : ", ", cli_esc(b, sizeof b, fu->name));
			first = 0;
			continue;
		}
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++)
			if (excluded[p]) {
				fprintf(fp, "%s%s", first ? "" : ", ",
					cli_esc(b, sizeof b, m->practices[p].code));
				first = 0;
			}
	}
	fprintf(fp, "\n");
}

/* ---- Partial scopes in other reports ------------------------------------------------- */

int cli_scope_excluded(struct app_ctx *ctx, int64_t scope_id, const struct samm_model *m,
		       unsigned char **out, int *n_excluded)
{
	struct samm_error err;
	*out = calloc((size_t)m->n_practices + 1, 1);
	*n_excluded = 0;
	if (!*out) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	if (samm_scope_excluded(ctx->st, scope_id, m, *out, n_excluded, &err)) {
		free(*out);
		*out = NULL;
		return app_fail(&err);
	}
	return 0;
}

int cli_scope_partial_line(FILE *fp, struct app_ctx *ctx, int64_t scope_id,
			   const struct samm_model *m)
{
	unsigned char *ex;
	int n_ex, rc;

	if (!m)
		return 0;
	if ((rc = cli_scope_excluded(ctx, scope_id, m, &ex, &n_ex)))
		return rc;
	if (n_ex)
		cli_print_partial(fp, m, ex, n_ex);
	free(ex);
	return 0;
}

const char *cli_partial_mark(const struct samm_model *m, const struct samm_scorecard *sc,
			     struct samm_ref ref)
{
	return samm_scorecard_mark(m, sc, ref);
}
