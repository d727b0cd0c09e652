/* options.c - the parsing and the help of the commands' option tables
 * (options.h), on top of getopt_long. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"

/* The global options every command accepts, after the command's own. */
enum { GLOBAL_DB = 0x1001, GLOBAL_SCOPE, GLOBAL_USER, OPT_BASE = 0x2000 };

/* "-n, --periods N", "--csv" or "ID": the option's names in the help. */
static int opt_names(char *buf, size_t size, const struct cli_option *o)
{
	int n = 0;

	buf[0] = '\0';
	if (o->short_name)
		n += snprintf(buf + n, size - (size_t)n, "-%c%s", o->short_name,
			      o->long_name ? ", " : "");
	if (o->long_name)
		n += snprintf(buf + n, size - (size_t)n, "--%s", o->long_name);
	if (o->argh)
		n += snprintf(buf + n, size - (size_t)n, "%s%s", n ? " " : "", o->argh);
	return n;
}

static int opt_is_end(const struct cli_option *o)
{
	return !o->short_name && !o->long_name && !o->argh;
}

void cli_options_help(FILE *fp, const struct cli_option *opts)
{
	char names[128];
	int width = 13;

	if (!opts || opt_is_end(opts))
		return;
	for (const struct cli_option *o = opts; !opt_is_end(o); o++) {
		int n = opt_names(names, sizeof names, o);
		if (n > width)
			width = n;
	}
	fprintf(fp, "\nOptions:\n");
	for (const struct cli_option *o = opts; !opt_is_end(o); o++) {
		const char *h = o->help;
		opt_names(names, sizeof names, o);
		fprintf(fp, "  %-*s  ", width, names);
		/* continuation lines start in the help column */
		for (size_t n; *h; h += n + (h[n] == '\n')) {
			n = strcspn(h, "\n");
			if (h != o->help)
				fprintf(fp, "  %-*s  ", width, "");
			fprintf(fp, "%.*s\n", (int)n, h);
		}
	}
}

/* The error of getopt_long's result c ('?' or ':') with the argument that
 * caused it: a short option inside a group ("-xy") is named with its group. */
static int opt_error(const char *cmd, int c, int argc, char **argv)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";

	if (optopt && optind < argc && argv[optind][0] == '-' &&
	    strchr(argv[optind] + 1, optopt))
		arg = argv[optind];     /* the group goes on: it is still current */
	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt && (arg[0] != '-' || arg[1] != optopt || arg[2]))
		return cli_usage_error(cmd, "unknown option '-%c' in '%s' (use -- before an"
				       " argument that starts with '-')", optopt, arg);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

/* getopt_long's tables for opts: the long options (with the global ones
 * and --help) in lo[64], the short ones in shorts[64] (a '+' first when
 * getopt must stop at each argument). */
static void opt_tables(const struct cli_option *opts, int stop, struct option *lo, char *shorts)
{
	size_t n = 0, ns = 0;

	if (stop)
		shorts[ns++] = '+';
	shorts[ns++] = ':';
	shorts[ns++] = 'h';
	for (int i = 0; opts && !opt_is_end(&opts[i]); i++) {
		const struct cli_option *o = &opts[i];
		if (o->long_name && n < 59)
			lo[n++] = (struct option){ o->long_name,
				o->argh ? required_argument : no_argument, NULL, OPT_BASE + i };
		if (o->short_name && ns < 60) {
			shorts[ns++] = (char)o->short_name;
			if (o->argh)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	lo[n++] = (struct option){ "db", required_argument, NULL, GLOBAL_DB };
	lo[n++] = (struct option){ "scope", required_argument, NULL, GLOBAL_SCOPE };
	lo[n++] = (struct option){ "user", required_argument, NULL, GLOBAL_USER };
	lo[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
}

/* One result c of getopt_long (optarg its value).  Returns -1 to go on, or
 * the exit status the command ends with. */
static int opt_apply(struct app_ctx *ctx, const char *cmd, const struct cli_option *opts,
		     int c, int argc, char **argv)
{
	const struct cli_option *o = NULL;

	if (c >= OPT_BASE)
		o = &opts[c - OPT_BASE];
	else
		for (int i = 0; c > 0 && c < 0x100 && opts && !opt_is_end(&opts[i]); i++)
			if (opts[i].short_name == c)
				o = &opts[i];
	if (o && o->flag)
		*o->flag = 1;
	else if (o && o->str)
		*o->str = optarg;
	else if (o && o->fn) {
		int rc = o->fn(cmd, o, optarg);
		return rc ? rc : -1;
	}
	else if (c == 'h') {
		cli_print_help(stdout, cmd, opts);
		return EXIT_OK;
	} else if (c == GLOBAL_DB)
		ctx->db_opt = optarg;
	else if (c == GLOBAL_SCOPE)
		ctx->scope_opt = optarg;
	else if (c == GLOBAL_USER)
		ctx->user_opt = optarg;
	else if (!o)
		return opt_error(cmd, c, argc, argv);
	return -1;
}

/* CLI_OPT_TEXT_ARG: getopt (in its stop-at-arguments mode) returned -1 at
 * argv[optind], having moved from `before`.  Collect the arguments there
 * into args: one, or after "--" all the rest; argument text_arg is taken
 * as it is.  Returns 1 when the options end. */
static int opt_collect(int argc, char **argv, int before, int text_arg, char **args, int *n)
{
	if (optind >= argc)
		return 1;
	if (optind > before && optind > 1 && !strcmp(argv[optind - 1], "--")) {
		while (optind < argc)
			args[(*n)++] = argv[optind++];
		return 1;
	}
	args[(*n)++] = argv[optind++];
	if (*n == text_arg && optind < argc)
		args[(*n)++] = argv[optind++];
	return 0;
}

int cli_options(struct app_ctx *ctx, const char *cmd, const struct cli_option *opts,
		int flags, int argc, char **argv)
{
	int text_arg = (flags >> 8) - 1;      /* CLI_OPT_TEXT_ARG, or -1 */
	struct option lo[64];
	char shorts[64], **args = NULL;
	int n_args = 0, rc = -1;

	opt_tables(opts, text_arg >= 0, lo, shorts);
	if (text_arg >= 0 && !(args = calloc((size_t)argc, sizeof *args))) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	optind = 0;
	opterr = 0;
	while (rc < 0) {
		int before = optind;
		int c = getopt_long(argc, argv, shorts, lo, NULL);
		if (c == -1 && (!args || opt_collect(argc, argv, before, text_arg, args, &n_args)))
			break;
		if (c != -1)
			rc = opt_apply(ctx, cmd, opts, c, argc, argv);
	}
	if (args && rc < 0) {
		/* the arguments at the end, in order, as getopt leaves them */
		optind = argc - n_args;
		memcpy(argv + optind, args, (size_t)n_args * sizeof *args);
	}
	free(args);
	return rc;
}

/* ---- Callbacks more than one command uses ------------------------------------ */

/* Parse a non-negative integer option; -1 when it is not one. */
static long parse_count(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > INT_MAX)
		return -1;
	return v;
}

int cli_opt_window(const char *cmd, const struct cli_option *o, const char *arg)
{
	long v = parse_count(arg);

	if (v < 2 || v > 64)
		return cli_usage_error(cmd, "--periods takes a number from 2 to 64, not '%s'", arg);
	*(int *)o->value = (int)v;
	return 0;
}

int cli_opt_count(const char *cmd, const struct cli_option *o, const char *arg)
{
	long v = parse_count(arg);

	if (v < 0)
		return cli_usage_error(cmd, "--%s takes a count, not '%s'", o->long_name, arg);
	*(int *)o->value = (int)v;
	return 0;
}
