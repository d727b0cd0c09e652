/* cmd_show.c - the read-only reports of one period: show, export, and the
 * change log.
 *
 * CSV goes through the shared writer (csvw.h), which quotes and neutralises
 * formulas; human tables escape control characters (cli_fit, cli_put_esc). */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/csvw.h"
#include "samm/model.h"
#include "samm/score.h"
#include "samm/value.h"

/* ---- show ------------------------------------------------------------------ */

struct show_walk {
	const struct samm_assessment *a;
	const struct samm_scorecard *sc;
	struct samm_csvw w;
	const char *scope, *model;   /* CSV: the context columns */
	int name_w;             /* column width of the indented names (text) */
	int pass;               /* text: 0 measures the names, 1 prints */
};

/* The score cell of a figure: na for an N/A activity or item, empty for an
 * unset item, the number otherwise. */
static void show_csv_score(struct show_walk *sw, struct samm_ref ref, const struct samm_fig *f)
{
	if (ref.level == SAMM_L_ITEM && sw->a->value[ref.index] == SAMM_UNSET)
		samm_csv_cell(&sw->w, "");
	else if ((ref.level == SAMM_L_ITEM || ref.level == SAMM_L_ACTIVITY) && f->na)
		samm_csv_cell(&sw->w, "na");
	else
		samm_csv_num(&sw->w, f->score);
}

static int show_csv_row(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct show_walk *sw = ud;

	samm_csv_cell(&sw->w, sw->scope);
	samm_csv_cell(&sw->w, sw->a->period.name);
	samm_csv_cell(&sw->w, sw->a->period.date);
	samm_csv_cell(&sw->w, sw->model);
	samm_csv_cell(&sw->w, samm_level_name(ref.level));
	samm_csv_cell(&sw->w, samm_model_ref_id(m, ref));
	samm_csv_cell(&sw->w, samm_model_ref_name(m, ref));
	show_csv_score(sw, ref, samm_scorecard_get(sw->sc, ref));
	if (sw->sc->partial)
		samm_csv_cell(&sw->w, cli_partial_mark(m, sw->sc, ref));
	samm_csv_end(&sw->w);
	return 0;
}

/* The label of a row in the text table: the id and the name, once. */
static void show_label(char *buf, size_t size, const struct samm_model *m, struct samm_ref ref)
{
	const char *id = samm_model_ref_id(m, ref), *name = samm_model_ref_name(m, ref);

	if (ref.level == SAMM_L_OVERALL || ref.level == SAMM_L_FUNCTION || !strcmp(id, name))
		snprintf(buf, size, "%*s%s", (int)ref.level * 2, "", name);
	else
		snprintf(buf, size, "%*s%s %s", (int)ref.level * 2, "", id, name);
}

#define SHOW_BAR 12
#define SHOW_NAME_MAX 60

/* A bar of SHOW_BAR cells for x in [0, max]: eighth blocks in a UTF-8
 * locale, '#' and '.' otherwise. */
static void show_bar(char *buf, size_t size, double x, double max)
{
	static const char *const eighths[] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89" };
	double frac = max > 0 ? x / max : 0;
	size_t o = 0;

	frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	buf[0] = '\0';
	if (!cli_utf8()) {
		int full = (int)lround(frac * SHOW_BAR);
		for (int i = 0; i < SHOW_BAR && o + 1 < size; i++)
			buf[o++] = i < full ? '#' : '.';
		buf[o] = '\0';
		return;
	}
	int units = (int)lround(frac * SHOW_BAR * 8);
	int cells = 0;
	for (; units >= 8 && o + 4 < size; units -= 8, cells++)
		o += (size_t)snprintf(buf + o, size - o, "\xe2\x96\x88");
	if (units > 0 && o + 4 < size) {
		o += (size_t)snprintf(buf + o, size - o, "%s", eighths[units]);
		cells++;
	}
	for (; cells < SHOW_BAR && o + 4 < size; cells++)
		o += (size_t)snprintf(buf + o, size - o, "\xc2\xb7");
}

static int show_text_row(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct show_walk *sw = ud;
	const struct samm_fig *f = samm_scorecard_get(sw->sc, ref);
	char label[1024], fit[1024], bar[64], score[16];

	show_label(label, sizeof label, m, ref);
	if (sw->pass == 0) {
		int w = cli_width(label);
		if (w > sw->name_w)
			sw->name_w = w > SHOW_NAME_MAX ? SHOW_NAME_MAX : w;
		return 0;
	}
	int fine = ref.level >= SAMM_L_ACTIVITY;
	int unset = ref.level == SAMM_L_ITEM && sw->a->value[ref.index] == SAMM_UNSET;
	if (unset)
		snprintf(score, sizeof score, "-");
	else if (f->na && fine)
		snprintf(score, sizeof score, "n/a");
	else
		snprintf(score, sizeof score, "%.2f", f->score);
	show_bar(bar, sizeof bar, f->na ? 0 : f->score, fine ? 1.0 : 3.0);
	int ans = samm_share_percent(f->n_answered, f->n_items);
	int na = samm_share_percent(f->n_na, f->n_items);
	const char *mark = cli_partial_mark(m, sw->sc, ref);
	printf("%s  %5s  %s  %3d%%  %3d%%%s%s\n", cli_fit(fit, sizeof fit, label, sw->name_w, 1),
	       score, bar, ans, na, *mark ? "  " : "", mark);
	return 0;
}

/* "NAME VERSION" of a stored model, "" when it cannot be found. */
static void show_model_name(struct app_ctx *ctx, int64_t id, char *buf, size_t size)
{
	struct samm_model_info *mv = NULL;
	struct samm_error err;
	size_t nm = 0;

	buf[0] = '\0';
	if (samm_store_model_list(ctx->st, &mv, &nm, &err))
		return;
	for (size_t i = 0; i < nm; i++)
		if (mv[i].id == id)
			snprintf(buf, size, "%s %s", mv[i].name, mv[i].version);
	samm_model_list_free(mv, nm);
}

/* --by LEVEL of show */
static int show_by(const char *cmd, const struct cli_option *o, const char *arg)
{
	int l = samm_level_parse(arg);

	if (l < SAMM_L_FUNCTION)
		return cli_usage_error(cmd, "unknown level '%s' for --by (expected item, activity,"
				       " stream, practice or function)", arg);
	*(enum samm_level *)o->value = (enum samm_level)l;
	return 0;
}

/* show's table: the header lines, then the rows (the names measured
 * first). */
static void show_text(struct app_ctx *ctx, struct show_walk *sw, const struct samm_scope *scope,
		      const char *model, const unsigned char *ex, int n_ex, enum samm_level by)
{
	const struct samm_assessment *a = sw->a;
	printf("Scope: ");
	cli_put_esc(stdout, scope->name);
	printf("  Period: ");
	cli_put_esc(stdout, a->period.name);
	printf(" (");
	cli_put_esc(stdout, a->period.date);
	printf(")  Model: ");
	cli_put_esc(stdout, model);
	printf("\n");
	int nre = 0;
	struct samm_error err;
	if (!samm_store_recheck(ctx->st, a->period.id, a->model, NULL, &nre, &err) && nre)
		printf("To re-check: %d item%s reworded by the model"
		       " ('sammtui diff' lists them, 'sammtui confirm' keeps a value)\n",
		       nre, nre == 1 ? "" : "s");
	if (sw->sc->partial)
		cli_print_partial(stdout, a->model, ex, n_ex);
	printf("\n");
	sw->name_w = 4;
	samm_model_walk(a->model, by, show_text_row, sw);
	sw->pass = 1;
	char fit[256], bar[64];
	memset(bar, ' ', SHOW_BAR);
	bar[SHOW_BAR] = '\0';
	printf("%s  %5s  %s  %4s  %4s\n", cli_fit(fit, sizeof fit, "", sw->name_w, 1),
	       "SCORE", bar, "ANS", "N/A");
	samm_model_walk(a->model, by, show_text_row, sw);
}

int cmd_show(struct app_ctx *ctx, int argc, char **argv)
{
	enum samm_level by = SAMM_L_PRACTICE;
	struct samm_assessment *a = NULL;
	struct samm_scorecard sc;
	struct samm_scope scope;
	struct show_walk sw;
	int csv = 0, rc;

	const struct cli_option opts[] = {
		OPT_CALLBACK(0, "by", "LEVEL", "the deepest level listed (default: practice)",
			     show_by, &by),
		OPT_FLAG(0, "csv", "CSV: scope,period,date,model,level,id,name,score", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "show", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 1)
		return cli_usage_error("show", "show needs one PERIOD");
	if ((rc = cli_assessment(ctx, 0, argv[optind], &scope, &a)))
		return rc;
	unsigned char *ex;
	int n_ex;
	if ((rc = cli_scope_excluded(ctx, scope.id, a->model, &ex, &n_ex))) {
		samm_assessment_free(a);
		return rc;
	}
	if (samm_scorecard_compute_partial(a->model, a->value, n_ex ? ex : NULL, &sc)) {
		fprintf(stderr, "sammtui: out of memory\n");
		free(ex);
		samm_assessment_free(a);
		return EXIT_DATA;
	}
	memset(&sw, 0, sizeof sw);
	sw.a = a;
	sw.sc = &sc;
	char model[256];
	show_model_name(ctx, a->period.model_id, model, sizeof model);
	if (csv) {
		static const char *const head[] = { "scope", "period", "date", "model", "level", "id",
						    "name", "score", "partial" };
		sw.scope = scope.name;
		sw.model = model;
		samm_csv_init(&sw.w, stdout);
		samm_csv_row(&sw.w, head, sc.partial ? 9 : 8);
		samm_model_walk(a->model, by, show_csv_row, &sw);
		if (samm_csv_finish(&sw.w)) {
			fprintf(stderr, "sammtui: writing the output failed\n");
			rc = EXIT_DATA;
		}
	} else {
		show_text(ctx, &sw, &scope, model, ex, n_ex, by);
	}
	samm_scorecard_free(&sc);
	free(ex);
	samm_assessment_free(a);
	return rc;
}

/* ---- export ------------------------------------------------------------------ */

/* What each row of the export repeats or looks up. */
struct export_rows {
	const struct samm_assessment *a;
	const struct samm_scorecard *sc;
	const char *scope, *model;
	const unsigned char *ex;
	int n_ex;
};

/* One criterion's row. */
static void export_row(struct samm_csvw *w, const struct export_rows *e, int i)
{
	const struct samm_model *m = e->a->model;
	const struct samm_item *it = &m->items[i];
	const struct samm_activity *act = &m->activities[it->activity];
	const struct samm_stream *s = &m->streams[act->stream];
	const struct samm_practice *p = &m->practices[s->practice];
	int v = e->a->value[i];
	char level[8];
	snprintf(level, sizeof level, "%d", act->level);
	samm_csv_cell(w, e->scope);
	samm_csv_cell(w, e->a->period.name);
	samm_csv_cell(w, e->a->period.date);
	samm_csv_cell(w, e->model);
	samm_csv_cell(w, it->id);
	samm_csv_cell(w, m->functions[p->function].name);
	samm_csv_cell(w, p->code);
	samm_csv_cell(w, p->name);
	samm_csv_cell(w, s->letter);
	samm_csv_cell(w, level);
	samm_csv_cell(w, act->title);
	samm_csv_cell(w, it->criterion);
	if (v == SAMM_UNSET)
		samm_csv_cell(w, "");
	else if (v == SAMM_NA)
		samm_csv_cell(w, "na");
	else
		samm_csv_num(w, samm_value_worth(v));
	samm_csv_cell(w, v == SAMM_UNSET ? "" : v == SAMM_NA ? "N/A" : act->answers[v]);
	samm_csv_cell(w, e->a->note[i]);
	samm_csv_cell(w, e->a->updated_by[i]);
	samm_csv_cell(w, e->a->updated_at[i]);
	samm_csv_cell(w, act->question);
	samm_csv_cell(w, s->name);
	struct samm_ref pref = { SAMM_L_PRACTICE, s->practice };
	samm_csv_num(w, samm_scorecard_get(e->sc, pref)->score);
	if (e->n_ex)
		samm_csv_cell(w, e->ex[s->practice] ? "excluded" : "");
	samm_csv_end(w);
}

/* The header and every criterion's row to fp; non-zero when writing failed. */
static int export_write(FILE *fp, const struct export_rows *e)
{
	static const char *const head[] = { "scope", "period", "date", "model", "id", "function",
		"practice_code", "practice", "stream", "level", "activity", "criterion", "score",
		"answer", "note", "updated_by", "updated_at", "question", "stream_name",
		"practice_score", "partial" };
	struct samm_csvw w;
	samm_csv_init(&w, fp);
	samm_csv_row(&w, head, (int)(sizeof head / sizeof head[0]) - !e->n_ex);
	for (int i = 0; i < e->a->model->n_items; i++)
		export_row(&w, e, i);
	return samm_csv_finish(&w);
}

/* The CSV export of one period to out (standard output when NULL). */
static int export_csv(struct app_ctx *ctx, const char *period, const char *out)
{
	unsigned char *ex = NULL;
	int n_ex = 0;
	struct samm_assessment *a = NULL;
	struct samm_scorecard sc;
	struct samm_scope scope;
	char tmp[4200], model[256] = "";
	int rc;

	if ((rc = cli_assessment(ctx, 0, period, &scope, &a)))
		return rc;
	show_model_name(ctx, a->period.model_id, model, sizeof model);
	if (samm_scorecard_compute(a->model, a->value, &sc)) {
		fprintf(stderr, "sammtui: out of memory\n");
		samm_assessment_free(a);
		return EXIT_DATA;
	}
	int nre = 0;
	struct samm_error err;
	if (samm_store_recheck(ctx->st, a->period.id, a->model, NULL, &nre, &err)) {
		samm_scorecard_free(&sc);
		samm_assessment_free(a);
		return app_fail(&err);
	}
	if (nre)    /* the CSV keeps its columns: the count goes to stderr */
		fprintf(stderr, "sammtui: %d item%s to re-check (reworded by the model)\n", nre,
			nre == 1 ? "" : "s");

	/* a partial scope's export says which items it leaves out */
	if ((rc = cli_scope_excluded(ctx, scope.id, a->model, &ex, &n_ex))) {
		samm_scorecard_free(&sc);
		samm_assessment_free(a);
		return rc;
	}
	FILE *fp = cli_out_open(out, tmp, sizeof tmp);
	if (!fp) {
		samm_scorecard_free(&sc);
		free(ex);
		samm_assessment_free(a);
		return EXIT_DATA;
	}
	struct export_rows e = { a, &sc, scope.name, model, ex, n_ex };
	int bad = export_write(fp, &e);
	samm_scorecard_free(&sc);
	free(ex);
	samm_assessment_free(a);
	if (bad && fp == stdout) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return cli_out_close(fp, out, tmp) ? EXIT_DATA : EXIT_OK;
}

int cmd_export(struct app_ctx *ctx, int argc, char **argv)
{
	const char *out = NULL;
	const char *org = NULL;
	int toolbox = 0;

	const struct cli_option opts[] = {
		OPT_STRING('o', "output", "FILE",
			   "write FILE (mode 0600) instead of standard output", &out),
		OPT_FLAG(0, "toolbox", "write the official OWASP SAMM Toolbox workbook (.xlsx)",
			 &toolbox),
		OPT_STRING(0, "organization", "NAME",
			   "its Organization (default: the database's file name)", &org),
		OPT_END(),
	};
	int orc = cli_options(ctx, "export", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 1)
		return cli_usage_error("export", "export needs one PERIOD");
	if (out && !*out)
		return cli_usage_error("export", "-o needs a file name");
	if (toolbox)
		return cli_toolbox_export(ctx, argv[optind], out, org);
	return export_csv(ctx, argv[optind], out);
}

/* ---- log --------------------------------------------------------------------- */

/* "old" -> "new" of a note change, each escaped and cut to 40 columns. */
static void log_note(const char *old, const char *new_note)
{
	char b1[256], b2[256];

	printf("note: \"%s\" -> \"%s\"", cli_fit(b1, sizeof b1, old ? old : "", 40, 0),
	       cli_fit(b2, sizeof b2, new_note ? new_note : "", 40, 0));
}

/* The filter's item (canonical ids, target:ACTIVITY too), scope and
 * period; the store opened.  tfilter holds a rewritten target:ID. */
static int log_filter_of(struct app_ctx *ctx, const char *period, struct samm_log_filter *f,
			 char *tfilter, size_t size)
{
	struct samm_scope scope;
	int rc;

	if ((rc = app_open(ctx, 0)))
		return rc;
	/* ids in any case (target:ACTIVITY too) */
	if (f->item_prefix && !strncmp(f->item_prefix, "target:", 7)) {
		const char *c = cli_canonical_id(ctx, f->item_prefix + 7);
		if (c != f->item_prefix + 7) {
			snprintf(tfilter, size, "target:%s", c);
			f->item_prefix = tfilter;
		}
	} else if (f->item_prefix && !strchr(f->item_prefix, ':')) {
		f->item_prefix = cli_canonical_id(ctx, f->item_prefix);
	}
	/* all scopes unless one is named, or a period (named within a scope) */
	if (app_scope_name(ctx) || period) {
		if ((rc = app_scope(ctx, &scope)))
			return rc;
		f->scope_id = scope.id;
	}
	if (period) {
		struct samm_period p;
		if ((rc = app_period(ctx, &scope, period, &p)))
			return rc;
		f->period = period;
	}
	return 0;
}

static int log_csv(const struct samm_log_entry *rows, size_t n)
{
	static const char *const head[] = { "at", "user", "scope", "period", "item", "old",
		"new", "old_note", "new_note" };
	struct samm_csvw w;
	samm_csv_init(&w, stdout);
	samm_csv_row(&w, head, 9);
	for (size_t i = 0; i < n; i++) {
		const struct samm_log_entry *r = &rows[i];
		const char *cells[] = { r->at, r->user, r->scope, r->period, r->item,
			samm_value_name(r->old_value), samm_value_name(r->new_value),
			r->old_note, r->new_note };
		samm_csv_row(&w, cells, 9);
	}
	if (samm_csv_finish(&w)) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return 0;
}

/* A project's change (project.h): its notes say what it was and what it
 * became. */
static void log_project_row(const struct samm_log_entry *r)
{
	char b1[256], b3[256], at[128];
	const char *nn = r->new_note ? r->new_note : "";
	printf("%s  %s  project %s: ", cli_esc(at, sizeof at, r->at),
	       cli_fit(b1, sizeof b1, r->user, 30, 0),
	       cli_fit(b3, sizeof b3, r->item + 8, 40, 0));
	/* "status planned" -> "status done" reads
	 * "status: planned -> done" */
	size_t k = r->old_note ? strcspn(r->old_note, " ") : 0;
	if (k && r->old_note[k] && !strncmp(r->old_note, nn, k + 1)) {
		cli_put_escn(stdout, r->old_note, k);
		printf(": ");
		cli_put_esc(stdout, r->old_note + k + 1);
		printf(" -> ");
		cli_put_esc(stdout, nn + k + 1);
	} else {
		if (r->old_note) {
			cli_put_esc(stdout, r->old_note);
			printf(" -> ");
		}
		cli_put_esc(stdout, nn);
	}
	printf("\n");
}

static void log_text_row(const struct samm_log_entry *r)
{
	char b1[256], b2[256], b3[256], at[128];
	const char *on = r->old_note ? r->old_note : "";
	const char *nn = r->new_note ? r->new_note : "";
	if (r->item && !strncmp(r->item, "project:", 8)) {
		log_project_row(r);
		return;
	}
	printf("%s  %s  %s  %s", cli_esc(at, sizeof at, r->at),
	       cli_fit(b1, sizeof b1, r->user, 30, 0),
	       cli_fit(b2, sizeof b2, r->period, 30, 0),
	       cli_fit(b3, sizeof b3, r->item, 40, 0));
	if (r->old_value != r->new_value)
		printf("  %s -> %s", cli_value_name(r->old_value),
		       cli_value_name(r->new_value));
	if (strcmp(on, nn) != 0) {
		printf("  ");
		log_note(r->old_note, r->new_note);
	}
	printf("\n");
}

int cmd_log(struct app_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL;
	struct samm_log_filter f;
	struct samm_log_entry *rows = NULL;
	struct samm_error err;
	size_t n = 0;
	int csv = 0, rc;
	char tfilter[512];

	const struct cli_option opts[] = {
		OPT_STRING(0, "period", "P", "only changes in period P", &period),
		OPT_ARGUMENT("ID", "only that item, or the criteria of that activity\n"
			     "(project:NAME and target:ACTIVITY: a project's or a target's\n"
			     "changes)"),
		OPT_FLAG(0, "csv", "CSV: at,user,scope,period,item,old,new,old_note,new_note", &csv),
		OPT_END(),
	};
	int orc = cli_options(ctx, "log", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind > 1)
		return cli_usage_error("log", "unexpected argument '%s'", argv[optind + 1]);
	memset(&f, 0, sizeof f);
	f.item_prefix = argc - optind == 1 ? argv[optind] : NULL;
	if ((rc = log_filter_of(ctx, period, &f, tfilter, sizeof tfilter)))
		return rc;
	if (samm_store_log(ctx->st, &f, &rows, &n, &err))
		return app_fail(&err);
	if (csv) {
		rc = log_csv(rows, n);
	} else {
		for (size_t i = 0; i < n; i++)
			log_text_row(&rows[i]);
	}
	samm_log_free(rows, n);
	return rc;
}
