/* cmd_target.c - `target`: where activities should be by a phase of the
 * roadmap (set, clear, show), moved out of cmd_project.c with the roadmap
 * (issue 14). */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/csvw.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/roadmap.h"
#include "samm/value.h"

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- target ------------------------------------------------------------------------------- */

/* "%.2f" that never prints "-0.00". */
static const char *num2(char *buf, size_t size, double x)
{
	snprintf(buf, size, "%.2f", x > -0.005 && x < 0.005 ? 0 : x);
	return buf;
}

struct target_walk {
	const struct samm_targetcard *tc;
	const struct samm_scorecard *sc;        /* partial: marks (cli_partial_mark) */
	const unsigned char *ex;                /* the practices the scope leaves out */
	int n_ex;
	struct samm_csvw w;
	int csv;
};

static int target_row(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct target_walk *tw = ud;
	const struct samm_target_fig *t = samm_targetcard_get(tw->tc, ref);
	int act = ref.level == SAMM_L_ACTIVITY;
	int has = t->n_targets > 0;
	/* activities only where a target is set; practices and the figures
	 * above them always (streams would only repeat their activities) */
	if ((act && !has) || ref.level == SAMM_L_STREAM)
		return 0;
	int pct = has && t->has_percent && !act;
	if (tw->csv) {
		samm_csv_cell(&tw->w, samm_level_name(ref.level));
		samm_csv_cell(&tw->w, samm_model_ref_id(m, ref));
		samm_csv_cell(&tw->w, samm_model_ref_name(m, ref));
		if (t->na)
			samm_csv_cell(&tw->w, "na");
		else
			samm_csv_num(&tw->w, t->score);
		if (has)
			samm_csv_num(&tw->w, t->target);
		else
			samm_csv_cell(&tw->w, "");
		if (has && !t->na)  /* what target - score of the cells gives */
			samm_csv_num(&tw->w, samm_shown_diff(t->target, t->score, 6));
		else
			samm_csv_cell(&tw->w, "");
		if (pct)
			samm_csv_num(&tw->w, t->percent);
		else
			samm_csv_cell(&tw->w, "");
		if (tw->sc->partial)
			samm_csv_cell(&tw->w, cli_partial_mark(m, tw->sc, ref));
		samm_csv_end(&tw->w);
		return 0;
	}
	char label[300], b[256], s1[16], s2[16], s3[16], s4[16];
	int indent = ref.level == SAMM_L_OVERALL ? 0 : ref.level == SAMM_L_FUNCTION ? 2
		: ref.level == SAMM_L_PRACTICE ? 4 : 6;
	snprintf(label, sizeof label, "%*s%s", indent, "",
		 cli_esc(b, sizeof b, samm_model_ref_id(m, ref)));
	if (pct)
		snprintf(s4, sizeof s4, "%.1f%%", t->percent);
	const char *mark = cli_partial_mark(m, tw->sc, ref);
	/* the gap of the figures as shown, so that the three always agree */
	double gap = samm_shown_diff(t->target, t->score, 2);
	printf("%-20s %6s %7s %6s %9s  %s%s%s%s\n", label,
	       t->na ? "n/a" : num2(s1, sizeof s1, t->score),
	       has ? num2(s2, sizeof s2, t->target) : "-",
	       has && !t->na ? num2(s3, sizeof s3, gap) : "-", pct ? s4 : "-",
	       cli_esc(b, sizeof b, samm_model_ref_name(m, ref)), *mark ? " (" : "", mark,
	       *mark ? ")" : "");
	return 0;
}

/* What `target show` compares: a period's scores and a set of targets. */
struct target_what {
	struct samm_scope scope;
	struct samm_period period;      /* whose scores */
	struct samm_phase phase;        /* whose targets; id 0: none */
	int by_phase;                   /* the phase was named (else the rule chose it) */
};

/* NAME: a phase (against the latest period), else a period (against the
 * phase that counts for it); --period P: that period and its phase. */
static int target_pick(struct app_ctx *ctx, const char *name, const char *period,
		       struct target_what *w)
{
	struct samm_error err;
	int rc;

	memset(w, 0, sizeof *w);
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &w->scope)))
		return rc;
	if (name && !samm_phase_find(ctx->st, w->scope.id, name, &w->phase, &err)) {
		w->by_phase = 1;
	} else if (name && !period) {
		period = name;
	} else if (name) {
		return app_fail(&err);
	}
	if (period) {
		if ((rc = app_period(ctx, &w->scope, period, &w->period)))
			return rc;
	} else {
		struct samm_period *ps;
		size_t n;
		if (samm_store_period_list(ctx->st, w->scope.id, &ps, &n, &err))
			return app_fail(&err);
		if (n)
			w->period = ps[n - 1];
		samm_period_list_free(ps, n);
		if (!n) {
			fprintf(stderr, "sammtui: no period in this scope yet: the targets are"
				" shown against a period's scores\n");
			return EXIT_DATA;
		}
	}
	if (!w->by_phase && samm_phase_for_period(ctx->st, w->period.id, &w->phase, &err))
		return app_fail(&err);
	return 0;
}

static int target_print(const struct target_what *tw, const struct samm_model *m,
			struct target_walk *walk, int csv)
{
	char b[512], d[64];
	if (csv) {
		static const char *const head[] = { "level", "id", "name", "score", "target", "gap",
						    "percent", "partial" };
		samm_csv_init(&walk->w, stdout);
		samm_csv_row(&walk->w, head, walk->sc->partial ? 8 : 7);
		samm_model_walk(m, SAMM_L_ACTIVITY, target_row, walk);
		if (samm_csv_finish(&walk->w)) {
			fprintf(stderr, "sammtui: writing the output failed\n");
			return EXIT_DATA;
		}
		return EXIT_OK;
	}
	printf("%s: targets ", cli_esc(b, sizeof b, tw->scope.name));
	if (tw->phase.id)
		printf("of phase %s (due %s) ", cli_esc(b, sizeof b, tw->phase.name),
		       cli_esc(d, sizeof d, tw->phase.due));
	printf("against %s (%s)\n", cli_esc(b, sizeof b, tw->period.name),
	       cli_esc(d, sizeof d, tw->period.date));
	if (walk->sc->partial)
		cli_print_partial(stdout, m, walk->ex, walk->n_ex);
	if (!walk->tc->overall.n_targets) {
		printf("No targets set; set them with 'sammtui target set %s ID VALUE'.\n",
		       tw->phase.id ? cli_esc(b, sizeof b, tw->phase.name) : "PHASE");
	} else {
		printf("%-20s %6s %7s %6s %9s  %s\n", "FIGURE", "SCORE", "TARGET", "GAP",
		       "PERCENT", "NAME");
		samm_model_walk(m, SAMM_L_ACTIVITY, target_row, walk);
	}
	return EXIT_OK;
}

static int target_show(struct app_ctx *ctx, const char *name, const char *period, int csv)
{
	struct target_what tw;
	struct samm_assessment *a;
	struct samm_scorecard sc;
	struct target_walk walk;
	struct samm_targetcard tc;
	struct samm_error err;
	unsigned char *ex = NULL;
	int *targets, rc;

	if ((rc = target_pick(ctx, name, period, &tw)))
		return rc;
	if (samm_store_assessment_load(ctx->st, tw.period.id, &a, &err))
		return app_fail(&err);
	const struct samm_model *m = a->model;
	targets = malloc(((size_t)m->n_activities + 1) * sizeof *targets);
	if (!targets) {
		samm_assessment_free(a);
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	memset(&walk, 0, sizeof walk);
	for (int i = 0; i < m->n_activities; i++)
		targets[i] = SAMM_UNSET;
	if (tw.phase.id && samm_phase_targets(ctx->st, tw.phase.id, m, targets, NULL, &err)) {
		rc = app_fail(&err);
		goto out;
	}
	if ((rc = cli_scope_excluded(ctx, tw.scope.id, m, &ex, &walk.n_ex)))
		goto out;
	if (samm_scorecard_compute_partial(m, a->value, walk.n_ex ? ex : NULL, &sc)) {
		fprintf(stderr, "sammtui: out of memory\n");
		rc = EXIT_DATA;
		goto out;
	}
	if (samm_targetcard_compute(m, &sc, targets, &tc)) {
		samm_scorecard_free(&sc);
		fprintf(stderr, "sammtui: out of memory\n");
		rc = EXIT_DATA;
		goto out;
	}
	walk.tc = &tc;
	walk.sc = &sc;
	walk.ex = ex;
	walk.csv = csv;
	rc = target_print(&tw, m, &walk, csv);
	samm_targetcard_free(&tc);
	samm_scorecard_free(&sc);
out:
	free(ex);
	free(targets);
	samm_assessment_free(a);
	return rc;
}

/* target set / clear: in phase NAME, else in the phase that counts for
 * period NAME; ID resolved in the scope's model for the message. */
static int target_change(struct app_ctx *ctx, const char *name, const char *id,
			 const char *value_arg)
{
	struct samm_scope scope;
	struct samm_phase ph;
	struct samm_period p;
	const struct samm_model *m;
	struct samm_ref ref;
	struct samm_error err, perr;
	int value = SAMM_UNSET, rc, changed, failed;
	char b1[512], b2[512];

	if (value_arg && (samm_value_parse(value_arg, &value) || value < SAMM_NO ||
			  value > SAMM_MOST))
		return cli_usage_error("target", "a target is no, some, half or most (0, 0.25,"
				       " 0.5 or 1), not '%s'", value_arg);
	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (!samm_phase_find(ctx->st, scope.id, name, &ph, &perr)) {
		failed = value_arg ? samm_phase_target_set(ctx->st, ph.id, id, value, app_user(ctx),
							   &changed, &err)
			: samm_phase_target_clear(ctx->st, ph.id, id, app_user(ctx), &changed, &err);
	} else if (!samm_store_period_find(ctx->st, scope.id, name, &p, &err)) {
		failed = value_arg ? samm_target_set(ctx->st, p.id, id, value, app_user(ctx),
						     &changed, &err)
			: samm_target_clear(ctx->st, p.id, id, app_user(ctx), &changed, &err);
		if (!failed && samm_phase_for_period(ctx->st, p.id, &ph, &err))
			failed = 1;
	} else {
		return app_fail(&perr);
	}
	if (failed)
		return app_fail(&err);
	if (samm_scope_model(ctx->st, scope.id, &m, &err))
		return app_fail(&err);
	int found = !samm_model_resolve(m, id, &ref, NULL);
	int one = found && ref.level == SAMM_L_ACTIVITY;
	cli_esc(b1, sizeof b1, ph.name);
	cli_esc(b2, sizeof b2, found ? samm_model_ref_id(m, ref) : id);  /* in canonical case */
	if (value_arg && one)
		printf(changed ? "%s: set the target of %s to %s\n"
		       : "%s: the target of %s is already %s\n", b1, b2, samm_value_name(value));
	else if (value_arg && changed)
		printf("%s: set the target of %d %s under %s to %s\n", b1, changed,
		       plural(changed, "activity", "activities"), b2, samm_value_name(value));
	else if (value_arg)
		printf("%s: the targets under %s are already %s\n", b1, b2, samm_value_name(value));
	else if (changed)
		printf("%s: cleared %d %s under %s\n", b1, changed, plural(changed, "target",
									  "targets"), b2);
	else
		printf("%s: no target to clear under %s\n", b1, b2);
	return EXIT_OK;
}

int cmd_target(struct app_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL;
	int csv = 0;

	const struct cli_option opts[] = {
		OPT_ARGUMENT("PHASE", "a phase ('sammtui phase list'); a period's name stands for the\n"
			     "phase that counts for it (made after the period if the scope\n"
			     "has no phase yet)"),
		OPT_ARGUMENT("ID", "an activity, or a stream, practice or function (all of its\n"
			     "activities), or overall (every activity)"),
		OPT_ARGUMENT("VALUE", "no, some, half, most (or 0, 0.25, 0.5, 1)"),
		OPT_STRING(0, "period", "P", "show: against period P's scores, with the targets that\n"
			   "count for it (default: the latest period, and PHASE's targets,\n"
			   "else those that count for it)", &period),
		OPT_FLAG(0, "csv", "CSV: level,id,name,score,target,gap,percent", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "target", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	if (!sub)
		return cli_usage_error("target", "target needs 'set', 'clear' or 'show'");
	if (csv && strcmp(sub, "show") != 0)
		return cli_usage_error("target", "--csv goes with 'target show'");
	if (period && strcmp(sub, "show") != 0)
		return cli_usage_error("target", "--period goes with 'target show'");
	if (!strcmp(sub, "set")) {
		if (n != 4)
			return cli_usage_error("target", "target set needs PHASE, ID and VALUE");
		return target_change(ctx, argv[optind + 1], argv[optind + 2], argv[optind + 3]);
	}
	if (!strcmp(sub, "clear")) {
		if (n != 3)
			return cli_usage_error("target", "target clear needs PHASE and ID");
		return target_change(ctx, argv[optind + 1], argv[optind + 2], NULL);
	}
	if (!strcmp(sub, "show")) {
		if (n > 2)
			return cli_usage_error("target", "target show takes at most one PHASE");
		return target_show(ctx, n == 2 ? argv[optind + 1] : NULL, period, csv);
	}
	return cli_usage_error("target", "unknown target command '%s'", sub);
}
