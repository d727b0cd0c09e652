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
#include "samm/model.h"

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

/* id as the stored models spell it (ids are case-insensitive: an item,
 * activity or other node of any of them, newest model first), or id
 * itself when none knows it.  The result lives as long as the store.
 * Needs an open database. */
const char *cli_canonical_id(struct app_ctx *ctx, const char *id);

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
int cmd_confirm(struct app_ctx *, int, char **);
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
/* cmd_project.c (project), cmd_target.c (target) */
int cmd_project(struct app_ctx *, int, char **);
int cmd_target(struct app_ctx *, int, char **);
/* cmd_report.c */
int cmd_report(struct app_ctx *, int, char **);

/* cmd_phase.c, cmd_roadmap.c (the roadmap, period set, scope set) */
int cmd_phase(struct app_ctx *, int, char **);
int cmd_roadmap(struct app_ctx *, int, char **);
/* `scope set NAME`: exclude the ids of ex, then include those of in
 * ("ID,ID,...", either NULL; changed in place), then say what the scope
 * leaves out.  Returns the exit status. */
int cli_scope_set(struct app_ctx *ctx, const char *name, char *ex, char *in);
/* OPT_CALLBACK for a repeatable option of ids: appends ",ID" to the
 * malloc'd string at o->value (a char **; the caller frees it). */
struct cli_option;
int cli_opt_ids(const char *cmd, const struct cli_option *o, const char *arg);
/* `period set NAME [--date D] [--rename NEW]`. */
int cli_period_set(struct app_ctx *ctx, const char *name, const char *date, const char *rename);
/* A phase of the scope by name.  Prints + returns 1 on failure. */
struct samm_phase;
int cli_phase(struct app_ctx *ctx, const struct samm_scope *scope, const char *name,
	      struct samm_phase *out);
/* "partial: excludes Governance, SM" (a whole function by name) or
 * "complete: every practice counts", with a newline. */
void cli_print_partial(FILE *fp, const struct samm_model *m, const unsigned char *excluded,
		       int n_excluded);

/* excluded[m->n_practices] (*out, malloc'd: the caller frees it) := the
 * practices the scope leaves out.  Prints + returns the exit status on
 * failure, 0 on success. */
struct samm_scorecard;
int cli_scope_excluded(struct app_ctx *ctx, int64_t scope_id, const struct samm_model *m,
		       unsigned char **out, int *n_excluded);
/* When scope_id leaves practices of m out, the cli_print_partial line on fp
 * (nothing for a complete scope or m NULL).  Prints + returns the exit
 * status on failure, 0 on success. */
int cli_scope_partial_line(FILE *fp, struct app_ctx *ctx, int64_t scope_id,
			   const struct samm_model *m);
/* "excluded" for a node of a practice the scorecard leaves out, "partial"
 * for a function or overall figure that leaves something out, else "" (also
 * for any node of a complete scorecard). */
const char *cli_partial_mark(const struct samm_model *m, const struct samm_scorecard *sc,
			     struct samm_ref ref);

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
