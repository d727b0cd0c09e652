/* cmd_report.c - `sammtui report`: the HTML report of a scope's period, or
 * the organisation's page (--all-scopes), written by the core
 * (samm/report.h) to a private file through a temporary file and a rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/report.h"

/* Append s to buf as a file-name part: letters, digits, '.', '_' and '-'
 * stay, anything else becomes '_'. */
static void report_name_part(char *buf, size_t size, const char *s)
{
	size_t o = strlen(buf);

	for (; *s && o + 1 < size; s++) {
		char c = *s;
		int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		buf[o++] = keep ? c : '_';
	}
	buf[o] = '\0';
}

/* The default output: report-SCOPE-PERIOD.html (the latest period when none
 * is named), or report-all-scopes[-PERIOD].html. */
static int report_default_name(struct app_ctx *ctx, const struct samm_scope *scope,
			       const char *period, char *buf, size_t size)
{
	snprintf(buf, size, "report-");
	if (!scope) {
		report_name_part(buf, size, "all-scopes");
		if (period) {
			report_name_part(buf, size, "-");
			report_name_part(buf, size, period);
		}
	} else {
		struct samm_period *pv = NULL;
		size_t np = 0;
		struct samm_error err;
		if (!period) {
			if (samm_store_period_list(ctx->st, scope->id, &pv, &np, &err))
				return app_fail(&err);
			if (!np) {
				samm_period_list_free(pv, np);
				fputs("sammtui: scope '", stderr);
				cli_put_esc(stderr, scope->name);
				fputs("' has no period\n", stderr);
				return EXIT_DATA;
			}
		}
		report_name_part(buf, size, scope->name);
		report_name_part(buf, size, "-");
		report_name_part(buf, size, period ? period : pv[np - 1].name);
		samm_period_list_free(pv, np);
	}
	report_name_part(buf, size, ".html");
	return 0;
}

static int report_write(struct app_ctx *ctx, const struct samm_scope *scope,
			const struct samm_report_opts *o, const char *out)
{
	struct samm_error err;
	char tmp[4200];
	FILE *fp;
	int rc;

	if (!(fp = cli_out_open(out, tmp, sizeof tmp)))
		return EXIT_DATA;
	if (scope ? samm_report_scope(ctx->st, scope->id, o, fp, &err)
		  : samm_report_org(ctx->st, o, fp, &err)) {
		if (fp != stdout) {
			fclose(fp);
			remove(tmp);
		}
		return app_fail(&err);
	}
	if ((rc = cli_out_close(fp, out, tmp)))
		return rc;
	if (strcmp(out, "-")) {
		printf("wrote ");
		cli_put_esc(stdout, out);
		printf("\n");
	}
	return 0;
}

int cmd_report(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_report_opts o = { NULL, NULL, 3 };
	struct samm_scope scope;
	const char *out = NULL, *base;
	char def[512];
	int all = 0, rc;
	const struct cli_option opts[] = {
		OPT_STRING('o', "output", "FILE",
			   "write FILE (mode 0600; '-' is standard output; default:\n"
			   "report-SCOPE-PERIOD.html, report-all-scopes[-PERIOD].html)", &out),
		OPT_FLAG(0, "all-scopes", "the organisation's page: every scope in its latest period\n"
			 "(or PERIOD where it has one), a heat map of the practices,\n"
			 "the scopes ranked", &all),
		OPT_CALLBACK('n', "periods", "N", "the stagnation window of 'what is stuck' (default: 3)",
			     cli_opt_window, &o.window),
		OPT_END(),
	};

	if ((rc = cli_options(ctx, "report", opts, 0, argc, argv)) >= 0)
		return rc;
	if (argc - optind > 1)
		return cli_usage_error("report", "report takes at most one PERIOD");
	if (out && !*out)
		return cli_usage_error("report", "-o needs a file name");
	o.period = argc - optind == 1 ? argv[optind] : NULL;
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)))
		return rc;
	if (!all && (rc = app_scope(ctx, &scope)))
		return rc;
	base = strrchr(ctx->db_path, '/');
	o.source = base ? base + 1 : ctx->db_path;
	if (!out) {
		if ((rc = report_default_name(ctx, all ? NULL : &scope, o.period, def, sizeof def)))
			return rc;
		out = def;
	}
	return report_write(ctx, all ? NULL : &scope, &o, out);
}
