/* cmd_core.c - the commands that manage the database itself: init, model,
 * scope, period and backup. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/project.h"
#include "samm/model.h"
#include "samm/util.h"
#include "samm/value.h"

/* Options of the commands in this file that take none of their own:
 * parse the global ones and --help.  Returns -1 to go on, else the exit
 * status (help printed, or a usage error). */
static int core_no_opts(struct app_ctx *ctx, const char *cmd, int argc, char **argv)
{
	return cli_options(ctx, cmd, NULL, 0, argc, argv);
}

/* "NAME VERSION" of a stored model, for messages. */
static int core_model_info(struct app_ctx *ctx, int64_t id, struct samm_model_info *out)
{
	struct samm_model_info *v = NULL;
	struct samm_error err;
	size_t n = 0;

	if (samm_store_model_list(ctx->st, &v, &n, &err))
		return app_fail(&err);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			*out = v[i];
			samm_model_list_free(v, n);
			return 0;
		}
	samm_model_list_free(v, n);
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "model %lld", (long long)id);
	return 0;
}

/* ---- init --------------------------------------------------------------------- */

int cmd_init(struct app_ctx *ctx, int argc, char **argv)
{
	const char *model_path = NULL;
	struct samm_model *m = NULL;
	struct samm_error err;
	struct stat sb;
	char *bytes = NULL;
	size_t nbytes = 0;
	int rc;

	const struct cli_option opts[] = {
		OPT_STRING(0, "model", "FILE",
			   "load this model CSV instead of the bundled SAMM 2.0", &model_path),
		OPT_END(),
	};
	int orc = cli_options(ctx, "init", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (optind < argc)
		return cli_usage_error("init", "unexpected argument '%s'", argv[optind]);

	/* check the model before creating anything, so a bad file leaves no
	 * half-made database behind */
	if (model_path && samm_model_load_file(model_path, &m, &bytes, &nbytes, &err))
		return app_fail(&err);

	if ((rc = app_db_path(ctx)))
		goto out;
	if (stat(ctx->db_path, &sb) == 0) {
		fputs("sammtui: ", stderr);
		cli_put_esc(stderr, ctx->db_path);
		fputs(": database already exists; use 'sammtui model load' to add a model\n",
		      stderr);
		rc = EXIT_DATA;
		goto out;
	}
	if ((rc = app_open(ctx, SAMM_OPEN_CREATE)))
		goto out;

	int64_t id;
	int created;
	const char *base = model_path ? strrchr(model_path, '/') : NULL;
	base = base ? base + 1 : model_path;
	if (model_path)
		rc = samm_store_model_add(ctx->st, bytes, nbytes, base, NULL, NULL, &id, &created,
					  &err);
	else
		rc = app_model_add_bundled(ctx, &id, &err);
	if (rc) {
		rc = app_fail(&err);
		goto out;
	}
	struct samm_model_info info;
	if ((rc = core_model_info(ctx, id, &info)))
		goto out;
	printf("created ");
	cli_put_esc(stdout, ctx->db_path);
	printf(" with model ");
	cli_put_esc(stdout, info.name);
	printf(" ");
	cli_put_esc(stdout, info.version);
	printf(" (%d items)\n", info.n_items);
out:
	samm_model_free(m);
	free(bytes);
	return rc;
}

/* ---- model ---------------------------------------------------------------------- */

static int model_load(struct app_ctx *ctx, const char *path, const char *name,
		      const char *version)
{
	struct samm_model *m = NULL;
	struct samm_error err;
	char *bytes = NULL;
	size_t nbytes = 0;
	int64_t id;
	int created, rc;

	if (samm_model_load_file(path, &m, &bytes, &nbytes, &err))
		return app_fail(&err);
	samm_model_free(m);
	if ((rc = app_open(ctx, 0)))
		goto out;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (samm_store_model_add(ctx->st, bytes, nbytes, base, name, version, &id, &created,
				 &err)) {
		rc = app_fail(&err);
		goto out;
	}
	struct samm_model_info info;
	if ((rc = core_model_info(ctx, id, &info)))
		goto out;
	printf(created ? "loaded model " : "model ");
	cli_put_esc(stdout, info.name);
	printf(" ");
	cli_put_esc(stdout, info.version);
	printf(created ? " (%d items)\n" : " is already loaded (%d items)\n", info.n_items);
out:
	free(bytes);
	return rc;
}

static int model_list(struct app_ctx *ctx)
{
	struct samm_model_info *v = NULL;
	struct samm_error err;
	size_t n = 0;
	int rc, wn = 4, wv = 7;
	char b1[256], b2[256], at[128], hash[16], hb[64];

	if ((rc = app_open(ctx, 0)))
		return rc;
	if (samm_store_model_list(ctx->st, &v, &n, &err))
		return app_fail(&err);
	for (size_t i = 0; i < n; i++) {
		int a = cli_width(v[i].name), b = cli_width(v[i].version);
		wn = a > wn ? a : wn;
		wv = b > wv ? b : wv;
	}
	wn = wn > 40 ? 40 : wn;
	wv = wv > 20 ? 20 : wv;
	printf("%s  %s  %5s  %-20s  %s\n", cli_fit(b1, sizeof b1, "NAME", wn, 1),
	       cli_fit(b2, sizeof b2, "VERSION", wv, 1), "ITEMS", "LOADED", "HASH");
	for (size_t i = 0; i < n; i++) {
		snprintf(hash, sizeof hash, "%.12s", v[i].hash);
		printf("%s  %s  %5d  %-20s  %s\n", cli_fit(b1, sizeof b1, v[i].name, wn, 1),
		       cli_fit(b2, sizeof b2, v[i].version, wv, 1), v[i].n_items,
		       cli_esc(at, sizeof at, v[i].loaded_at), cli_esc(hb, sizeof hb, hash));
	}
	samm_model_list_free(v, n);
	return EXIT_OK;
}

int cmd_model(struct app_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *version = NULL;
	const struct cli_option opts[] = {
		OPT_STRING(0, "name", "N",
			   "the model's name (default: FILE's base name without .csv)", &name),
		OPT_STRING(0, "version", "V", "the model's version (default: 1)", &version),
		OPT_END(),
	};
	int orc = cli_options(ctx, "model", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	if (sub && !strcmp(sub, "load")) {
		if (n != 2)
			return cli_usage_error("model", "model load needs one FILE");
		if ((name && !*name) || (version && !*version))
			return cli_usage_error("model", "--name and --version may not be empty");
		return model_load(ctx, argv[optind + 1], name, version);
	}
	if (sub && !strcmp(sub, "list")) {
		if (n != 1)
			return cli_usage_error("model", "unexpected argument '%s'", argv[optind + 1]);
		if (name || version)
			return cli_usage_error("model", "--name and --version go with 'model load'");
		return model_list(ctx);
	}
	if (!sub)
		return cli_usage_error("model", "model needs 'load' or 'list'");
	return cli_usage_error("model", "unknown model command '%s'", sub);
}

/* ---- scope ------------------------------------------------------------------------ */

int cmd_scope(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_error err;
	int rc = core_no_opts(ctx, "scope", argc, argv);

	if (rc >= 0)
		return rc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	if (!sub)
		return cli_usage_error("scope", "scope needs 'new' or 'list'");
	if (!strcmp(sub, "new")) {
		if (n != 2)
			return cli_usage_error("scope", "scope new needs one NAME");
		const char *name = argv[optind + 1];
		struct samm_scope s;
		if ((rc = app_open(ctx, 0)))
			return rc;
		if (samm_store_scope_new(ctx->st, name, &s, &err))
			return app_fail(&err);
		printf("created scope ");
		cli_put_esc(stdout, s.name);
		printf("\n");
		return EXIT_OK;
	}
	if (!strcmp(sub, "list")) {
		if (n != 1)
			return cli_usage_error("scope", "unexpected argument '%s'", argv[optind + 1]);
		struct samm_scope *v = NULL;
		size_t ns = 0;
		if ((rc = app_open(ctx, 0)))
			return rc;
		if (samm_store_scope_list(ctx->st, &v, &ns, &err))
			return app_fail(&err);
		for (size_t i = 0; i < ns; i++) {
			cli_put_esc(stdout, v[i].name);
			printf("\n");
		}
		samm_scope_list_free(v, ns);
		return EXIT_OK;
	}
	return cli_usage_error("scope", "unknown scope command '%s'", sub);
}

/* ---- period ------------------------------------------------------------------------ */

static int period_new(struct app_ctx *ctx, const char *name, const char *date, const char *from,
		      int empty, const char *model)
{
	struct samm_scope scope;
	struct samm_period src, out, *ps = NULL;
	struct samm_model_info mi;
	struct samm_error err;
	enum samm_period_source how = SAMM_FROM_LATEST;
	int64_t model_id = 0, from_id = 0;
	size_t n = 0;
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (model) {
		if (samm_store_model_find(ctx->st, model, &mi, &err))
			return app_fail(&err);
		model_id = mi.id;
	}
	memset(&src, 0, sizeof src);
	if (from) {
		if ((rc = app_period(ctx, &scope, from, &src)))
			return rc;
		how = SAMM_FROM_PERIOD;
		from_id = src.id;
	} else if (empty) {
		how = SAMM_FROM_NOTHING;
	} else {
		/* name the period copied, as the store will pick it: the latest */
		if (samm_store_period_list(ctx->st, scope.id, &ps, &n, &err))
			return app_fail(&err);
		if (n)
			src = ps[n - 1];
		samm_period_list_free(ps, n);
	}
	if (samm_store_period_new(ctx->st, scope.id, name, date, how, from_id, model_id, &out,
				  &err))
		return app_fail(&err);
	if ((rc = core_model_info(ctx, out.model_id, &mi)))
		return rc;
	printf("created period ");
	cli_put_esc(stdout, out.name);
	printf(" (");
	cli_put_esc(stdout, out.date);
	printf(", model ");
	cli_put_esc(stdout, mi.name);
	printf(" ");
	cli_put_esc(stdout, mi.version);
	printf(")");
	if (how != SAMM_FROM_NOTHING && src.id) {
		printf(", copied from ");
		cli_put_esc(stdout, src.name);
	}
	printf("\n");
	return EXIT_OK;
}

static int period_list(struct app_ctx *ctx)
{
	struct samm_scope scope;
	struct samm_period *ps = NULL;
	struct samm_error err;
	size_t n = 0;
	int rc, wn = 6, wm = 5;
	char b1[512], b2[512], mname[200], d[64];

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_store_period_list(ctx->st, scope.id, &ps, &n, &err))
		return app_fail(&err);
	struct samm_model_info *mv = NULL;
	size_t nm = 0;
	if (samm_store_model_list(ctx->st, &mv, &nm, &err)) {
		samm_period_list_free(ps, n);
		return app_fail(&err);
	}
	for (size_t i = 0; i < n; i++) {
		int w = cli_width(ps[i].name);
		wn = w > wn ? w : wn;
	}
	for (size_t j = 0; j < nm; j++) {
		snprintf(mname, sizeof mname, "%s %s", mv[j].name, mv[j].version);
		int w = cli_width(mname);
		wm = w > wm ? w : wm;
	}
	wn = wn > 40 ? 40 : wn;
	wm = wm > 40 ? 40 : wm;
	printf("%s  %-10s  %s  %s\n", cli_fit(b1, sizeof b1, "PERIOD", wn, 1), "DATE",
	       cli_fit(b2, sizeof b2, "MODEL", wm, 1), "ANSWERED");
	for (size_t i = 0; i < n; i++) {
		struct samm_assessment *a = NULL;
		if (samm_store_assessment_load(ctx->st, ps[i].id, &a, &err)) {
			rc = app_fail(&err);
			break;
		}
		int answered = 0, total = a->model->n_items;
		for (int k = 0; k < total; k++)
			answered += a->value[k] != SAMM_UNSET;
		samm_assessment_free(a);
		mname[0] = '\0';
		for (size_t j = 0; j < nm; j++)
			if (mv[j].id == ps[i].model_id)
				snprintf(mname, sizeof mname, "%s %s", mv[j].name, mv[j].version);
		printf("%s  %-10s  %s  %3d%% (%d/%d)\n", cli_fit(b1, sizeof b1, ps[i].name, wn, 1),
		       cli_esc(d, sizeof d, ps[i].date), cli_fit(b2, sizeof b2, mname, wm, 1),
		       total ? (int)((answered * 100L) / total) : 0, answered, total);
	}
	samm_model_list_free(mv, nm);
	samm_period_list_free(ps, n);
	return rc;
}

static int period_delete(struct app_ctx *ctx, const char *name, int yes)
{
	struct samm_scope scope;
	struct samm_period p;
	struct samm_error err;
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = app_period(ctx, &scope, name, &p)))
		return rc;
	if (!yes) {
		fputs("sammtui: refusing to delete period ", stderr);
		cli_put_esc(stderr, name);
		fputs(" without --yes\n", stderr);
		return EXIT_DATA;
	}
	/* the projects that start or end in it lose that (and say so) */
	struct samm_project *pv = NULL;
	size_t pn = 0;
	if (samm_project_list(ctx->st, scope.id, SAMM_PROJECT_ANY, &pv, &pn, &err))
		return app_fail(&err);
	if (samm_store_period_delete(ctx->st, p.id, app_user(ctx), &err)) {
		samm_project_list_free(pv, pn);
		return app_fail(&err);
	}
	printf("deleted period ");
	cli_put_esc(stdout, p.name);
	printf("\n");
	for (size_t i = 0; i < pn; i++) {
		const char *lost = pv[i].start.id == p.id && pv[i].end.id == p.id ? "start and end" :
				   pv[i].start.id == p.id ? "start" :
				   pv[i].end.id == p.id ? "end" : NULL;
		if (!lost)
			continue;
		printf("project ");
		cli_put_esc(stdout, pv[i].name);
		printf(" has no %s period now\n", lost);
	}
	samm_project_list_free(pv, pn);
	return EXIT_OK;
}

int cmd_period(struct app_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *from = NULL, *model = NULL;
	int empty = 0, yes = 0;

	const struct cli_option opts[] = {
		OPT_STRING(0, "date", "D", "the period's date, YYYY-MM-DD (default: today)", &date),
		OPT_STRING(0, "from", "P",
			   "copy the scores and notes of period P (default: the latest)", &from),
		OPT_FLAG(0, "empty", "start with no scores", &empty),
		OPT_STRING(0, "model", "M",
			   "score against model M (NAME, NAME:VERSION or a hash prefix;\n"
			   "default: the copied period's model, else the latest loaded)", &model),
		OPT_FLAG(0, "yes", "really delete the period and its scores", &yes),
		OPT_END(),
	};
	int orc = cli_options(ctx, "period", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	int creating = sub && !strcmp(sub, "new");
	if (!sub)
		return cli_usage_error("period", "period needs 'new', 'list' or 'delete'");
	if (!creating && (date || from || empty || model))
		return cli_usage_error("period", "--date, --from, --empty and --model go with "
				       "'period new'");
	if (strcmp(sub, "delete") != 0 && yes)
		return cli_usage_error("period", "--yes goes with 'period delete'");
	if (creating) {
		if (n != 2)
			return cli_usage_error("period", "period new needs one NAME");
		if (!*argv[optind + 1])
			return cli_usage_error("period", "the period name may not be empty");
		if (date && !samm_date_valid(date))
			return cli_usage_error("period", "invalid date '%s' (expected YYYY-MM-DD)",
					       date);
		if (from && empty)
			return cli_usage_error("period", "--from and --empty exclude each other");
		return period_new(ctx, argv[optind + 1], date, from, empty, model);
	}
	if (!strcmp(sub, "list")) {
		if (n != 1)
			return cli_usage_error("period", "unexpected argument '%s'", argv[optind + 1]);
		return period_list(ctx);
	}
	if (!strcmp(sub, "delete")) {
		if (n != 2)
			return cli_usage_error("period", "period delete needs one NAME");
		return period_delete(ctx, argv[optind + 1], yes);
	}
	return cli_usage_error("period", "unknown period command '%s'", sub);
}

/* ---- backup ------------------------------------------------------------------------ */

int cmd_backup(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_error err;
	int rc = core_no_opts(ctx, "backup", argc, argv);

	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("backup", "backup needs one FILE");
	const char *path = argv[optind];
	if (!*path)
		return cli_usage_error("backup", "backup needs one FILE");
	if (!strcmp(path, "-")) /* a database is a file: SQLite cannot stream one */
		return cli_usage_error("backup", "backup cannot write to standard output; give a FILE");
	if ((rc = app_open(ctx, 0)))
		return rc;
	if (samm_store_backup(ctx->st, path, &err))
		return app_fail(&err);
	printf("backed up to ");
	cli_put_esc(stdout, path);
	printf("\n");
	return EXIT_OK;
}
