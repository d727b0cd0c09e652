/* cli.h - shared context and helpers of the command-line subcommands.
 *
 * main() parses the global options (--db, --scope, --user, --help,
 * --version), which may also appear after the command word, then calls the
 * command's function with argv starting at the command word (argv[0] =
 * "score").  Each command parses its own options with getopt_long, prints
 * results on stdout and messages on stderr ("sammtui: ..."), and returns
 * the exit status. */
#ifndef SAMM_CLI_H
#define SAMM_CLI_H

#include <stdio.h>
#include "samm/error.h"
#include "samm/store.h"

#define SAMMTUI_VERSION "0.1.0"

enum cli_exit {
	EXIT_OK = 0,
	EXIT_DATA = 1,          /* bad data, refused operation, database error */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_POLICY = 3,        /* `check`: a stated policy is broken */
};

struct cli_ctx {
	const char *db_opt;     /* --db, or NULL */
	const char *scope_opt;  /* --scope, or NULL (SAMM_DEFAULT_SCOPE) */
	const char *user_opt;   /* --user, or NULL */
	char db_path[4096];     /* resolved by cli_open */
	struct samm_store *st;  /* opened by cli_open; closed by main */
};

typedef int (*cli_cmd_fn)(struct cli_ctx *ctx, int argc, char **argv);

struct cli_command {
	const char *name;
	cli_cmd_fn fn;
	const char *usage;      /* lines after "usage: sammtui ", '\n'-separated */
	const char *summary;    /* one line for `sammtui --help` */
	const char *options;    /* "  --opt  meaning" lines for `COMMAND --help`, or NULL */
};

/* The command table (cli.c), terminated by a NULL name. */
extern const struct cli_command cli_commands[];

/* Global long options every command accepts too (--db --scope --user);
 * commands append them to their own getopt_long table and pass unknown
 * results to cli_global_opt().  Returns 1 when it consumed the option. */
#define CLI_OPT_DB    0x1001
#define CLI_OPT_SCOPE 0x1002
#define CLI_OPT_USER  0x1003
#define CLI_OPT_HELP  'h'
#define CLI_GLOBAL_LONGOPTS \
	{"db", required_argument, NULL, CLI_OPT_DB}, \
	{"scope", required_argument, NULL, CLI_OPT_SCOPE}, \
	{"user", required_argument, NULL, CLI_OPT_USER}, \
	{"help", no_argument, NULL, CLI_OPT_HELP}
int cli_global_opt(struct cli_ctx *ctx, int opt, const char *arg);

/* Resolve ctx->db_path from --db or samm_store_default_path (a name SQLite
 * would read as special, ":memory:" or "file:...", gets a "./").  Prints +
 * returns the exit status on failure, 0 on success. */
int cli_db_path(struct cli_ctx *ctx);

/* Open ctx->st once (flags: SAMM_OPEN_*).  Prints the error and returns
 * its exit status on failure, 0 on success. */
int cli_open(struct cli_ctx *ctx, int flags);

/* The scope named by --scope (or the default). Prints + returns 1 on failure. */
int cli_scope(struct cli_ctx *ctx, struct samm_scope *out);

/* A period of that scope by name.  Prints + returns 1 on failure. */
int cli_period(struct cli_ctx *ctx, const struct samm_scope *scope, const char *name,
	       struct samm_period *out);

/* Open the database (flags as cli_open), find --scope and the period
 * `name` in it, and load its answers into *out (free with
 * samm_assessment_free).  scope may be NULL.  Prints + returns the exit
 * status on failure, 0 on success. */
struct samm_assessment;
int cli_assessment(struct cli_ctx *ctx, int flags, const char *name, struct samm_scope *scope,
		   struct samm_assessment **out);

/* A value for humans: "no" "some" "half" "most" "na", "unset". */
const char *cli_value_name(int v);

/* Print "sammtui: <err->msg>" on stderr and return the exit status for its
 * code (SAMM_USAGE -> 2, anything else -> 1). */
int cli_fail(const struct samm_error *err);

/* Print "sammtui: <fmt...>" on stderr, then "usage: sammtui <usage>" of the
 * command, and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print the usage block of a command on fp. */
void cli_print_usage(FILE *fp, const char *cmd);

/* The user making changes (--user, $SAMMTUI_USER, login name). */
const char *cli_user(struct cli_ctx *ctx);

/* Output for a CSV option: "-o FILE" writes to FILE.tmp then renames it
 * (mode 0600); NULL or "-" is stdout. */
FILE *cli_out_open(const char *path, char *tmp, size_t tmpsize);
int cli_out_close(FILE *fp, const char *path, const char *tmp);

/* Report a getopt_long failure of cmd (c is '?' or ':', argv[optind - 1]
 * the culprit) and return EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* ---- Human-readable text ------------------------------------------------------ */

/* Text from users, models or the database as it may safely reach a
 * terminal: C0 controls and DEL become \n \t \r or \xNN; C1 controls
 * (U+0080..U+009F), bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069) and, in a UTF-8 locale, characters
 * wcwidth() calls unprintable become \uXXXX (\UXXXXXXXX past U+FFFF); a
 * byte that is not part of well-formed UTF-8 becomes \xNN.  (In a locale
 * that is not UTF-8, a character whose UTF-8 holds a byte 0x80..0x9F, a C1
 * control there, is \uXXXX too.)  A backslash stays as it is.  Writes into
 * buf (truncated to fit, never inside a character or an escape) and
 * returns buf. */
const char *cli_esc(char *buf, size_t size, const char *s);
/* The same, written to fp without a length limit. */
void cli_put_esc(FILE *fp, const char *s);
/* The same for the first len bytes of s (or up to its NUL); a character
 * cut by len is escaped as its bytes. */
void cli_put_escn(FILE *fp, const char *s, size_t len);
/* Columns that escaped s takes on a terminal (UTF-8 aware). */
int cli_width(const char *s);
/* Escaped s cut to at most `width` columns (ending in "..." when cut),
 * padded with spaces to exactly `width` when pad is non-zero. */
const char *cli_fit(char *buf, size_t size, const char *s, int width, int pad);
/* Does the locale's codeset say UTF-8 (Unicode bars and ellipses)? */
int cli_utf8(void);

/* ---- Commands ------------------------------------------------------------ */
/* cmd_core.c and friends (foundation) */
int cmd_init(struct cli_ctx *, int, char **);
int cmd_model(struct cli_ctx *, int, char **);
int cmd_scope(struct cli_ctx *, int, char **);
int cmd_period(struct cli_ctx *, int, char **);
int cmd_score(struct cli_ctx *, int, char **);
int cmd_note(struct cli_ctx *, int, char **);
int cmd_import(struct cli_ctx *, int, char **);
int cmd_show(struct cli_ctx *, int, char **);
int cmd_export(struct cli_ctx *, int, char **);
int cmd_log(struct cli_ctx *, int, char **);
int cmd_backup(struct cli_ctx *, int, char **);
/* cmd_toolbox.c (the OWASP SAMM Toolbox workbook) */
int cmd_import_toolbox(struct cli_ctx *, int, char **);
/* `import PERIOD FILE` with a workbook (a ZIP) as FILE. */
int cli_toolbox_import(struct cli_ctx *ctx, struct samm_assessment *a, const char *path);
/* `export PERIOD --toolbox -o FILE` (org: --organization, or NULL). */
int cli_toolbox_export(struct cli_ctx *ctx, const char *period, const char *out, const char *org);
/* cmd_analysis.c (diff, stagnant, trend, check) */
int cmd_diff(struct cli_ctx *, int, char **);
int cmd_stagnant(struct cli_ctx *, int, char **);
int cmd_trend(struct cli_ctx *, int, char **);
int cmd_check(struct cli_ctx *, int, char **);
/* cmd_project.c (project, target) */
int cmd_project(struct cli_ctx *, int, char **);
int cmd_target(struct cli_ctx *, int, char **);

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
