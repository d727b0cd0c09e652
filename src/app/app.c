/* app.c - the session both front ends share: locale, clock and user from
 * the environment, the database path, the open store, the scope, and the
 * set-up of a fresh database. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "app/app.h"
#include "samm/model.h"
#include "samm/util.h"

void app_init(void)
{
	setlocale(LC_ALL, "");
	/* numbers are data (CSV, scores): always a decimal point */
	setlocale(LC_NUMERIC, "C");
	/* test hook; an unreadable value leaves the real clock */
	samm_clock_pin(getenv("SAMMTUI_NOW"));
	const char *user = getenv("SAMMTUI_USER");
	if ((!user || !*user) && !getpwuid(getuid()))
		user = getenv("LOGNAME");
	samm_user_set(user);
}

const char *app_scope_name(const struct app_ctx *ctx)
{
	const char *name = ctx->scope_opt;

	if (!name || !*name)
		name = getenv("SAMMTUI_SCOPE");
	return name && *name ? name : NULL;
}

int app_db_path(struct app_ctx *ctx)
{
	struct samm_error err;
	char raw[sizeof ctx->db_path];

	if (ctx->db_opt) {
		if (!*ctx->db_opt) {
			fprintf(stderr, "sammtui: --db needs a file name\n");
			return EXIT_USAGE;
		}
		if (strlen(ctx->db_opt) >= sizeof raw) {
			fprintf(stderr, "sammtui: database path too long\n");
			return EXIT_USAGE;
		}
		strcpy(raw, ctx->db_opt);
	} else if (samm_store_default_path(getenv("SAMMTUI_DB"), getenv("XDG_DATA_HOME"),
					   getenv("HOME"), raw, sizeof raw, &err)) {
		return app_fail(&err);
	}
	/* SQLite gives ":memory:" and "file:" URIs a meaning of their own;
	 * "./" makes them the plain file names the user typed */
	const char *pre = raw[0] == ':' || !strncasecmp(raw, "file:", 5) ? "./" : "";
	if (strlen(pre) + strlen(raw) >= sizeof ctx->db_path) {
		fprintf(stderr, "sammtui: database path too long\n");
		return EXIT_USAGE;
	}
	strcpy(ctx->db_path, pre);
	strcat(ctx->db_path, raw);
	return 0;
}

int app_open(struct app_ctx *ctx, int flags)
{
	struct samm_error err;
	struct stat sb;
	int rc;

	if (ctx->st)
		return 0;
	if ((rc = app_db_path(ctx)))
		return rc;
	/* our own wording: the user needs the path and the next step */
	if (!(flags & SAMM_OPEN_CREATE) && stat(ctx->db_path, &sb) != 0 && errno == ENOENT) {
		fputs("sammtui: no database at ", stderr);
		cli_put_esc(stderr, ctx->db_path);
		fputs("; run 'sammtui init'\n", stderr);
		return EXIT_DATA;
	}
	if (samm_store_open(ctx->db_path, flags, &ctx->st, &err)) {
		ctx->st = NULL;
		return app_fail(&err);
	}
	return 0;
}

int app_scope(struct app_ctx *ctx, struct samm_scope *out)
{
	struct samm_error err;
	const char *name = app_scope_name(ctx);

	if (!name)
		name = SAMM_DEFAULT_SCOPE;
	if (samm_store_scope_find(ctx->st, name, out, &err)) {
		app_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

int app_period(struct app_ctx *ctx, const struct samm_scope *scope, const char *name,
	       struct samm_period *out)
{
	struct samm_error err;

	if (samm_store_period_find(ctx->st, scope->id, name, out, &err)) {
		app_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

int app_fail(const struct samm_error *err)
{
	fputs("sammtui: ", stderr);
	cli_put_esc(stderr, err->msg[0] ? err->msg : samm_status_str(err->code));
	fputc('\n', stderr);
	return err->code == SAMM_USAGE ? EXIT_USAGE : EXIT_DATA;
}

const char *app_user(struct app_ctx *ctx)
{
	return samm_user(ctx->user_opt);
}


enum samm_status app_model_add_bundled(struct app_ctx *ctx, int64_t *id,
				       struct samm_error *err)
{
	int created;

	return samm_store_model_add(ctx->st, (const char *)samm_bundled_model,
				    samm_bundled_model_len, "samm-2.0.csv", SAMM_BUNDLED_NAME,
				    SAMM_BUNDLED_VERSION, id, &created, err);
}

int app_prepare(struct app_ctx *ctx, struct samm_scope *scope)
{
	struct samm_error err;
	struct samm_period *ps = NULL;
	size_t n = 0;
	int64_t mid;
	int rc = app_open(ctx, SAMM_OPEN_CREATE);

	if (rc)
		return rc;
	int readonly = samm_store_is_readonly(ctx->st);
	if (samm_store_is_empty(ctx->st) && !readonly && app_model_add_bundled(ctx, &mid, &err))
		return app_fail(&err);
	if (app_scope(ctx, scope))
		return EXIT_DATA;
	if (samm_store_period_list(ctx->st, scope->id, &ps, &n, &err))
		return app_fail(&err);
	samm_period_list_free(ps, n);
	if (!n && !readonly) {
		char q[16];
		struct samm_period p;
		samm_quarter_name(q, sizeof q);
		if (samm_store_period_new(ctx->st, scope->id, q, NULL, SAMM_FROM_NOTHING, 0, 0,
					  &p, &err))
			return app_fail(&err);
	}
	return 0;
}
