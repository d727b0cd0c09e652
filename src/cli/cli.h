/* cli.h - shared context and helpers of the command-line subcommands.
 *
 * main() parses the global options (--db, --scope, --user, --help,
 * --version), which may also appear after the command word, then calls the
 * command's function with argv starting at the command word (argv[0] =
 * "score").  Each command declares its options once (options.h), prints
 * results on stdout and messages on stderr ("sammtui: ..."), and returns
 * the exit status. */
#ifndef SAMM_CLI_H
#define SAMM_CLI_H

#include <stdio.h>
#include "app/app.h"

typedef int (*cli_cmd_fn)(struct app_ctx *ctx, int argc, char **argv);

struct cli_command {
	const char *name;
	cli_cmd_fn fn;
	const char *usage;      /* lines after "usage: sammtui ", '\n'-separated */
	const char *summary;    /* one line for `sammtui --help` */
	const char *more;       /* text after the options in `COMMAND --help`, or NULL */
};

/* The command table (cli.c), terminated by a NULL name. */
extern const struct cli_command cli_commands[];

/* Open the database (flags as app_open), find --scope and the period
 * `name` in it, and load its answers into *out (free with
 * samm_assessment_free).  scope may be NULL.  Prints + returns the exit
 * status on failure, 0 on success. */
struct samm_assessment;
int cli_assessment(struct app_ctx *ctx, int flags, const char *name, struct samm_scope *scope,
		   struct samm_assessment **out);

/* A value for humans: "no" "some" "half" "most" "na", "unset". */
const char *cli_value_name(int v);

/* Print "sammtui: <fmt...>" on stderr, then "usage: sammtui <usage>" of the
 * command, and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* `COMMAND --help` (options.h): usage lines, summary, the options of opts
 * (NULL: none), the closing text. */
struct cli_option;
void cli_print_help(FILE *fp, const char *cmd, const struct cli_option *opts);
/* The "Options:" block of opts (nothing when it has none). */
void cli_options_help(FILE *fp, const struct cli_option *opts);

/* Output for a CSV option: "-o FILE" writes to a temporary file beside it
 * then renames it (mode 0600; samm/outfile.h: FILE must not exist or be a
 * regular file); NULL or "-" is stdout.  tmpsize: strlen(path) +
 * sizeof OUTFILE_TMP_ROOM is enough. */
FILE *cli_out_open(const char *path, char *tmp, size_t tmpsize);
int cli_out_close(FILE *fp, const char *path, const char *tmp);

/* ---- Commands ------------------------------------------------------------ */
/* cmd_core.c and friends (foundation) */
int cmd_init(struct app_ctx *, int, char **);
int cmd_model(struct app_ctx *, int, char **);
int cmd_scope(struct app_ctx *, int, char **);
int cmd_period(struct app_ctx *, int, char **);
int cmd_score(struct app_ctx *, int, char **);
int cmd_note(struct app_ctx *, int, char **);
int cmd_import(struct app_ctx *, int, char **);
int cmd_show(struct app_ctx *, int, char **);
int cmd_export(struct app_ctx *, int, char **);
int cmd_log(struct app_ctx *, int, char **);
int cmd_backup(struct app_ctx *, int, char **);
/* cmd_toolbox.c (the OWASP SAMM Toolbox workbook) */
int cmd_import_toolbox(struct app_ctx *, int, char **);
/* `import PERIOD FILE` with a workbook (a ZIP) as FILE. */
int cli_toolbox_import(struct app_ctx *ctx, struct samm_assessment *a, const char *path);
/* `export PERIOD --toolbox -o FILE` (org: --organization, or NULL). */
int cli_toolbox_export(struct app_ctx *ctx, const char *period, const char *out, const char *org);
/* cmd_analysis.c (diff, stagnant, trend, check) */
int cmd_diff(struct app_ctx *, int, char **);
int cmd_stagnant(struct app_ctx *, int, char **);
int cmd_trend(struct app_ctx *, int, char **);
int cmd_check(struct app_ctx *, int, char **);
/* cmd_project.c (project, target) */
int cmd_project(struct app_ctx *, int, char **);
int cmd_target(struct app_ctx *, int, char **);
/* cmd_report.c */
int cmd_report(struct app_ctx *, int, char **);

/* ---- Coverage lines of stagnant and check (cmd_project.c) ------------------ */

struct samm_coverage;
struct samm_csvw;
/* Print the coverage section?  Yes when asked (--uncovered, a policy on it)
 * or when the scope has projects or the latest period has targets: without
 * either, every stuck activity is trivially uncovered. */
int cli_cover_wanted(const struct samm_coverage *c, int asked);
/* "Stagnant or below-target activities: N, M not covered ..." and one line
 * per activity with the projects covering it; only_uncovered lists only
 * those nobody works on. */
void cli_cover_text(const struct samm_coverage *c, int only_uncovered);
/* The same as rows of the stagnant CSV: kind covered|uncovered, id the
 * activity, value its value, from its target, period the latest, note the
 * covering projects ("; "-separated, all of them).  Returns 0, or prints
 * the error and returns EXIT_DATA when out of memory. */
int cli_cover_csv(struct samm_csvw *w, const char *scope, const struct samm_coverage *c,
		  int only_uncovered);

#endif
