/* cmd_toolbox.c - the OWASP SAMM Toolbox workbook: `import PERIOD FILE.xlsx`,
 * `import-toolbox FILE.xlsx...` (a period per workbook) and
 * `export PERIOD --toolbox -o FILE.xlsx`. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/outfile.h"
#include "samm/model.h"
#include "samm/toolbox.h"
#include "samm/util.h"
#include "samm/value.h"

/* Activities that apply_changes would change in a (values or notes). */
static int activities_changed(const struct samm_assessment *a, const struct samm_toolbox *tb)
{
	const struct samm_model *m = a->model;
	int n = 0;
	for (int act = 0; act < m->n_activities; act++) {
		const struct samm_activity *ac = &m->activities[act];
		int changed = 0;
		for (int k = 0; k < ac->n_items && !changed; k++) {
			int i = ac->first_item + k;
			if (tb->act_value[act] != SAMM_UNSET && a->value[i] != tb->act_value[act])
				changed = 1;
			if (k == 0 && tb->notes[act] && (!a->note[i] || strcmp(a->note[i], tb->notes[act])))
				changed = 1;
		}
		n += changed;
	}
	return n;
}

int cli_toolbox_import(struct app_ctx *ctx, struct samm_assessment *a, const char *path)
{
	struct samm_toolbox *tb = NULL;
	struct samm_error err;
	if (samm_toolbox_load_file(a->model, path, &tb, &err))
		return app_fail(&err);
	int acts = activities_changed(a, tb), items = 0, rc = EXIT_OK;
	if (tb->n_changes && samm_store_apply(ctx->st, a->period.id, tb->changes, tb->n_changes,
					      app_user(ctx), &items, &err))
		rc = app_fail(&err);
	else
		printf("imported %zu %s: %d %s changed\n", tb->n_answers,
		       tb->n_answers == 1 ? "answer" : "answers", acts,
		       acts == 1 ? "activity" : "activities");
	samm_toolbox_free(tb);
	return rc;
}

/* ---- import-toolbox ---------------------------------------------------------------- */

struct tb_file {
	const char *path;
	char *given;            /* FILE=PERIOD: the period named by the user */
	struct samm_toolbox *tb;
	char date[11];
	char period[64];
	const char *scope;
};

static int by_date(const void *x, const void *y)
{
	const struct tb_file *a = x, *b = y;
	int c = strcmp(a->date, b->date);
	return c ? c : (a < b ? -1 : a > b);
}

/* FILE or FILE=PERIOD (a file whose name holds '=' is taken whole when it exists). */
static int split_arg(const char *arg, struct tb_file *f)
{
	const char *eq = strrchr(arg, '=');
	struct stat sb;
	f->path = arg;
	if (!eq || !stat(arg, &sb))
		return 0;
	size_t n = (size_t)(eq - arg);
	char *p = malloc(n + 1);
	if (!p)
		return -1;
	memcpy(p, arg, n);
	p[n] = '\0';
	f->path = p;
	f->given = strdup(eq + 1);
	return f->given ? 0 : -1;
}

static int name_period(struct tb_file *f, const char *date_opt, int by_date_name)
{
	const struct samm_toolbox *tb = f->tb;
	if (tb->date[0])
		snprintf(f->date, sizeof f->date, "%s", tb->date);
	else if (date_opt)
		snprintf(f->date, sizeof f->date, "%s", date_opt);
	else {
		fputs("sammtui: ", stderr);
		cli_put_esc(stderr, f->path);
		if (tb->date_text) {
			fputs(": sheet Interview, cell D12: \"", stderr);
			cli_put_esc(stderr, tb->date_text);
			fputs("\" is not a date (YYYY-MM-DD or a date cell); give --date YYYY-MM-DD\n", stderr);
		} else {
			fputs(": sheet Interview, cell D12: no Interview Date; give --date YYYY-MM-DD\n",
			      stderr);
		}
		return EXIT_DATA;
	}
	if (f->given && *f->given)
		snprintf(f->period, sizeof f->period, "%s", f->given);
	else if (by_date_name)
		snprintf(f->period, sizeof f->period, "%s", f->date);
	else
		snprintf(f->period, sizeof f->period, "%.4s-Q%d", f->date,
			 (atoi(f->date + 5) - 1) / 3 + 1);
	return 0;
}

/* Refuse two workbooks for one period, or a period that exists. */
static int check_periods(struct app_ctx *ctx, struct tb_file *f, int n)
{
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			if (!strcmp(f[i].scope, f[j].scope) && !strcmp(f[i].period, f[j].period)) {
				fputs("sammtui: ", stderr);
				cli_put_esc(stderr, f[i].path);
				fputs(": period ", stderr);
				cli_put_esc(stderr, f[i].period);
				fputs(" of scope ", stderr);
				cli_put_esc(stderr, f[i].scope);
				fputs(" already comes from ", stderr);
				cli_put_esc(stderr, f[j].path);
				fputs("; name the periods with FILE=PERIOD or --name-by date\n", stderr);
				return EXIT_DATA;
			}
		struct samm_scope s;
		struct samm_period p;
		if (!samm_store_scope_find(ctx->st, f[i].scope, &s, NULL) &&
		    !samm_store_period_find(ctx->st, s.id, f[i].period, &p, NULL)) {
			fputs("sammtui: ", stderr);
			cli_put_esc(stderr, f[i].path);
			fputs(": period ", stderr);
			cli_put_esc(stderr, f[i].period);
			fputs(" of scope ", stderr);
			cli_put_esc(stderr, f[i].scope);
			fputs(" exists; name the period with FILE=PERIOD or --name-by date\n", stderr);
			return EXIT_DATA;
		}
	}
	return 0;
}

/* Report a write that failed for workbook f: "FILE: " (and where the name
 * came from in the workbook) before the store's message.  A scope or
 * period name that the user gave is a usage error, one from the workbook
 * bad data. */
static int write_fail(const struct tb_file *f, const char *cell, int usage,
		      const struct samm_error *err)
{
	fputs("sammtui: ", stderr);
	cli_put_esc(stderr, f->path);
	fputs(": ", stderr);
	if (cell) {
		fputs(cell, stderr);
		fputs(": ", stderr);
	}
	cli_put_esc(stderr, err->msg[0] ? err->msg : samm_status_str(err->code));
	fputc('\n', stderr);
	return usage && err->code == SAMM_USAGE ? EXIT_USAGE : EXIT_DATA;
}

/* Create the scopes and periods and apply the answers, all in one batch:
 * every workbook or nothing (no scope, period or log row is left behind by
 * a failure). */
static int write_all(struct app_ctx *ctx, struct tb_file *f, int n, int64_t model_id)
{
	struct samm_error err;
	int i, rc = 0;

	if (samm_store_batch_begin(ctx->st, &err))
		return app_fail(&err);
	for (i = 0; i < n && !rc; i++) {
		struct samm_scope s;
		struct samm_period p;
		int items = 0, given = app_scope_name(ctx) != NULL;
		if (samm_store_scope_find(ctx->st, f[i].scope, &s, NULL) &&
		    samm_store_scope_new(ctx->st, f[i].scope, &s, &err))
			rc = write_fail(&f[i], given ? NULL : "sheet Interview, cell D11 (Team/Application)",
					given, &err);
		else if (samm_store_period_new(ctx->st, s.id, f[i].period, f[i].date,
					       SAMM_FROM_NOTHING, 0, model_id, &p, &err))
			rc = write_fail(&f[i], NULL, f[i].given != NULL, &err);
		else if (f[i].tb->n_changes &&
			 samm_store_apply(ctx->st, p.id, f[i].tb->changes, f[i].tb->n_changes,
					  app_user(ctx), &items, &err))
			rc = write_fail(&f[i], NULL, 0, &err);
	}
	if (rc) {
		samm_store_batch_rollback(ctx->st);
		return rc;
	}
	if (samm_store_batch_commit(ctx->st, &err))
		return app_fail(&err);
	return 0;
}

static void report(const struct tb_file *f, int n)
{
	for (int i = 0; i < n; i++) {
		int acts = 0;
		for (int a = 0; a < f[i].tb->n_activities; a++)
			acts += f[i].tb->act_value[a] != SAMM_UNSET;
		cli_put_esc(stdout, f[i].path);
		fputs(": scope ", stdout);
		cli_put_esc(stdout, f[i].scope);
		fputs(", period ", stdout);
		cli_put_esc(stdout, f[i].period);
		printf(" (%s): %zu answers, %d activities set\n", f[i].date, f[i].tb->n_answers, acts);
	}
	printf("imported %d %s\n", n, n == 1 ? "workbook" : "workbooks");
}

/* --name-by quarter|date (*(int *)o->value: 1 for date). */
static int opt_name_by(const char *cmd, const struct cli_option *o, const char *arg)
{
	if (strcmp(arg, "date") && strcmp(arg, "quarter"))
		return cli_usage_error(cmd, "--name-by takes quarter or date");
	*(int *)o->value = !strcmp(arg, "date");
	return 0;
}

int cmd_import_toolbox(struct app_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *model = "SAMM:2.0";
	int by_date_name = 0, rc = 0;
	struct samm_error err;

	const struct cli_option opts[] = {
		OPT_ARGUMENT("FILE=PERIOD", "name the period of FILE (default: the quarter of its\n"
			     "Interview Date, e.g. 2024-Q1)"),
		OPT_STRING(0, "date", "D",
			   "the date of workbooks without an Interview Date (YYYY-MM-DD)", &date),
		OPT_CALLBACK(0, "name-by", "quarter|date",
			     "name periods by the date (2024-03-15) instead of the quarter",
			     opt_name_by, &by_date_name),
		OPT_STRING(0, "model", "M", "the model the workbooks answer (default: SAMM:2.0)",
			   &model),
		OPT_END(),
	};
	int orc = cli_options(ctx, "import-toolbox", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (optind >= argc)
		return cli_usage_error("import-toolbox", "import-toolbox needs at least one FILE");
	if (date && !samm_date_valid(date))
		return cli_usage_error("import-toolbox", "--date takes a date YYYY-MM-DD");
	if ((rc = app_open(ctx, 0)))
		return rc;
	struct samm_model_info mi;
	const struct samm_model *m;
	if (samm_store_model_find(ctx->st, model, &mi, &err) ||
	    samm_store_model_get(ctx->st, mi.id, &m, &err))
		return app_fail(&err);
	int n = argc - optind;
	struct tb_file *f = calloc((size_t)n, sizeof *f);
	if (!f) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	for (int i = 0; i < n && !rc; i++) {
		if (split_arg(argv[optind + i], &f[i])) {
			fprintf(stderr, "sammtui: out of memory\n");
			rc = EXIT_DATA;
		} else if (samm_toolbox_load_file(m, f[i].path, &f[i].tb, &err)) {
			rc = app_fail(&err);
		} else if (!(rc = name_period(&f[i], date, by_date_name))) {
			f[i].scope = app_scope_name(ctx) ? app_scope_name(ctx) :
				f[i].tb->team && *f[i].tb->team ? f[i].tb->team : SAMM_DEFAULT_SCOPE;
		}
	}
	if (!rc) {
		qsort(f, (size_t)n, sizeof *f, by_date);
		rc = check_periods(ctx, f, n);
	}
	if (!rc && !(rc = write_all(ctx, f, n, mi.id)))
		report(f, n);
	for (int i = 0; i < n; i++) {
		if (f[i].given)
			free((char *)f[i].path);
		free(f[i].given);
		samm_toolbox_free(f[i].tb);
	}
	free(f);
	return rc;
}

/* ---- export --toolbox ------------------------------------------------------------------ */

/* The database file's name without folder and extension. */
static void db_name(const char *path, char *buf, size_t size)
{
	const char *b = strrchr(path, '/');
	snprintf(buf, size, "%.200s", b ? b + 1 : path);
	char *dot = strrchr(buf, '.');
	if (dot && dot != buf)
		*dot = '\0';
}

int cli_toolbox_export(struct app_ctx *ctx, const char *period, const char *out, const char *org)
{
	struct samm_assessment *a = NULL;
	struct samm_scope scope;
	struct samm_error err;
	char tmp[4200], dbn[256];
	int rc;

	if (!out)
		return cli_usage_error("export", "--toolbox needs -o FILE.xlsx (or -o - for standard output)");
	/* refused before the work, not only when writing */
	if (strcmp(out, "-") && samm_outfile_check(out, &err))
		return app_fail(&err);
	if ((rc = cli_assessment(ctx, 0, period, &scope, &a)))
		return rc;
	db_name(ctx->db_path, dbn, sizeof dbn);
	struct samm_toolbox_meta meta = { org ? org : dbn, scope.name, a->period.date };
	char *buf = NULL;
	size_t len = 0;
	if (samm_toolbox_write(a, &meta, samm_bundled_toolbox, samm_bundled_toolbox_len, &buf,
			       &len, &err)) {
		samm_assessment_free(a);
		return app_fail(&err);
	}
	samm_assessment_free(a);
	FILE *fp = cli_out_open(out, tmp, sizeof tmp);
	if (!fp) {
		free(buf);
		return EXIT_DATA;
	}
	if (fwrite(buf, 1, len, fp) != len && fp != stdout) {
		fclose(fp);
		unlink(tmp);
		free(buf);
		fprintf(stderr, "sammtui: writing the workbook failed: %s\n", strerror(errno));
		return EXIT_DATA;
	}
	free(buf);
	return cli_out_close(fp, out, tmp) ? EXIT_DATA : EXIT_OK;
}
