/* options.h - each command's options, declared once (compare git's
 * parse-options): one table gives both the parsing and `COMMAND --help`.
 *
 * A command declares its table in its function, with pointers to its own
 * variables, and calls cli_options() first:
 *
 *	const char *note = NULL;
 *	const struct cli_option opts[] = {
 *		OPT_STRING(0, "note", "TEXT", "also set the item's note", &note),
 *		OPT_END(),
 *	};
 *	if ((rc = cli_options(ctx, "score", opts, 0, argc, argv)) >= 0)
 *		return rc;
 *
 * The global options (--db, --scope, --user) and --help (-h) are added to
 * every table.  After the call, argv[optind..argc) are the arguments (GNU
 * getopt_long rules: options may follow arguments, long names may be
 * abbreviated, "--" ends the options). */
#ifndef SAMM_CLI_OPTIONS_H
#define SAMM_CLI_OPTIONS_H

#include <stdio.h>
#include "app/app.h"

struct cli_option;
/* Checks and stores the value arg of option o (in o->value); returns 0, or
 * prints the error and returns the exit status (cli_usage_error). */
typedef int (*cli_opt_fn)(const char *cmd, const struct cli_option *o, const char *arg);

struct cli_option {
	int short_name;         /* 'n' for -n, or 0 */
	const char *long_name;  /* "periods" for --periods; NULL: a line of help only */
	const char *argh;       /* the value's name in the help ("N"), NULL: no value */
	const char *help;       /* '\n' goes on in the help column */
	int *flag;              /* set to 1 by an option without a value */
	const char **str;       /* or: set to the value */
	cli_opt_fn fn;          /* or: called with the value */
	void *value;            /* what fn stores into */
};

#define OPT_FLAG(s, l, h, p)             { (s), (l), NULL, (h), (p), NULL, NULL, NULL }
#define OPT_STRING(s, l, a, h, p)        { (s), (l), (a), (h), NULL, (p), NULL, NULL }
#define OPT_CALLBACK(s, l, a, h, fn, p)  { (s), (l), (a), (h), NULL, NULL, (fn), (p) }
/* A line of help for an argument ("ID", "VALUE") among the options. */
#define OPT_ARGUMENT(a, h)               { 0, NULL, (a), (h), NULL, NULL, NULL, NULL }
#define OPT_END()                        { 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/* Flag of cli_options: argument k (from 0) is free text, taken as it is
 * even when it starts with '-' (`note PERIOD ID TEXT`: k = 2).  Options may
 * still come before and after it, not between the arguments before it and
 * it. */
#define CLI_OPT_TEXT_ARG(k) (((k) + 1) << 8)

/* Parse the options of cmd in argv (argv[0] the command word) by opts.
 * Returns -1 to go on (optind: the first argument), or the exit status the
 * command ends with: EXIT_OK after printing the help for --help, EXIT_USAGE
 * (or the callback's status) after printing the error, which names the
 * offending argument. */
int cli_options(struct app_ctx *ctx, const char *cmd, const struct cli_option *opts,
		int flags, int argc, char **argv);

/* `COMMAND --help`: the usage lines, the summary, the options of opts (NULL:
 * none) and the command's closing text, from cli_commands. */
void cli_print_help(FILE *fp, const char *cmd, const struct cli_option *opts);

/* Callbacks for OPT_CALLBACK: cli_opt_count stores a count (int, >= 0),
 * cli_opt_window a stagnation window (int, 2 to 64). */
int cli_opt_count(const char *cmd, const struct cli_option *o, const char *arg);
int cli_opt_window(const char *cmd, const struct cli_option *o, const char *arg);

#endif
