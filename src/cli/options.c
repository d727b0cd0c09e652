/* options.c - the parsing and the help of the commands' option tables
 * (options.h), on top of getopt_long. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
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

int cli_options(struct app_ctx *ctx, const char *cmd, const struct cli_option *opts,
		int flags, int argc, char **argv)
{
	struct option lo[64];
	char shorts[64];
	size_t n = 0, ns = 0;
	int c;

	int text_arg = (flags >> 8) - 1;      /* CLI_OPT_TEXT_ARG, or -1 */
	if (text_arg >= 0)
		shorts[ns++] = '+';     /* stop at each argument: see below */
	shorts[ns++] = ':';
	shorts[ns++] = 'h';
	for (int i = 0; opts && !opt_is_end(&opts[i]); i++) {
		const struct cli_option *o = &opts[i];
		if (o->long_name && n < 59)
			lo[n++] = (struct option){ o->long_name,
				o->argh ? required_argument : no_argument, NULL, OPT_BASE + i };
		if (o->short_name && ns < sizeof shorts - 3) {
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

	optind = 0;
	opterr = 0;
	char **args = NULL;
	int n_args = 0;
	if (text_arg >= 0 && !(args = calloc((size_t)argc, sizeof *args))) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	for (;;) {
		int before = optind;
		c = getopt_long(argc, argv, shorts, lo, NULL);
		if (c == -1 && text_arg >= 0) {
			/* getopt stopped at an argument, or after "--" (then
			 * the rest are arguments): collect it, take the free
			 * text as it is, and go on with the options after it */
			if (optind >= argc)
				break;
			if (optind > before && optind > 1 && !strcmp(argv[optind - 1], "--")) {
				while (optind < argc)
					args[n_args++] = argv[optind++];
				break;
			}
			args[n_args++] = argv[optind++];
			if (n_args == text_arg && optind < argc)
				args[n_args++] = argv[optind++];
			continue;
		}
		if (c == -1)
			break;
		const struct cli_option *o = NULL;
		if (c >= OPT_BASE)
			o = &opts[c - OPT_BASE];
		else
			for (int i = 0; c > 0 && c < 0x100 && opts && !opt_is_end(&opts[i]); i++)
				if (opts[i].short_name == c)
					o = &opts[i];
		if (o) {
			if (o->flag)
				*o->flag = 1;
			else if (o->str)
				*o->str = optarg;
			else if (o->fn && (c = o->fn(cmd, o, optarg))) {
				free(args);
				return c;
			}
			continue;
		}
		switch (c) {
		case 'h':
			free(args);
			cli_print_help(stdout, cmd, opts);
			return EXIT_OK;
		case GLOBAL_DB: ctx->db_opt = optarg; break;
		case GLOBAL_SCOPE: ctx->scope_opt = optarg; break;
		case GLOBAL_USER: ctx->user_opt = optarg; break;
		default:
			free(args);
			return opt_error(cmd, c, argc, argv);
		}
	}
	if (args) {
		/* the arguments at the end, in order, as getopt leaves them */
		optind = argc - n_args;
		memcpy(argv + optind, args, (size_t)n_args * sizeof *args);
		free(args);
	}
	return -1;
}
