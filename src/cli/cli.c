/* cli.c - the command table and the helpers every command shares: global
 * options, opening the database, finding scopes and periods, reporting
 * errors, safe output files and terminal-safe text.
 *
 * Messages go to stderr as "sammtui: ..." with control characters escaped,
 * because they often quote file names and user text. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>
#include "cli/cli.h"
#include "samm/util.h"
#include "samm/value.h"

/* ---- The command table ----------------------------------------------------- */

#define LEVELS_SHOW "item|activity|stream|practice|function"

const struct cli_command cli_commands[] = {
	{ "init", cmd_init, "init [--model FILE]",
	  "create the database with the bundled SAMM 2.0 model (or FILE)",
	  "  --model FILE   load this model CSV instead of the bundled SAMM 2.0\n" },
	{ "model", cmd_model, "model load FILE [--name N] [--version V]\nmodel list",
	  "load a model CSV, or list the loaded models",
	  "  --name N       the model's name (default: FILE's base name without .csv)\n"
	  "  --version V    the model's version (default: 1)\n" },
	{ "scope", cmd_scope, "scope new NAME\nscope list",
	  "create a scope (what is assessed), or list them", NULL },
	{ "period", cmd_period,
	  "period new NAME [--date D] [--from P | --empty] [--model M]\n"
	  "period list\nperiod delete NAME --yes",
	  "create, list or delete assessment periods",
	  "  --date D       the period's date, YYYY-MM-DD (default: today)\n"
	  "  --from P       copy the scores and notes of period P (default: the latest)\n"
	  "  --empty        start with no scores\n"
	  "  --model M      score against model M (NAME, NAME:VERSION or a hash prefix;\n"
	  "                 default: the copied period's model, else the latest loaded)\n"
	  "  --yes          really delete the period and its scores\n" },
	{ "score", cmd_score, "score PERIOD ID VALUE [--note TEXT]",
	  "set an item's value, or all the criteria of an activity",
	  "  VALUE          no, some, half, most, 0, 0.25, 0.5, 1, na, or clear\n"
	  "  --note TEXT    also set the item's note (an item id only)\n" },
	{ "note", cmd_note, "note PERIOD ID TEXT",
	  "set an item's note (TEXT - reads standard input; empty removes it)", NULL },
	{ "import", cmd_import, "import PERIOD FILE",
	  "apply scores and notes from a CSV (id,score[,note]) or a SAMM Toolbox workbook\n"
	  "                 (.xlsx, told by its content): all rows or none", NULL },
	{ "import-toolbox", cmd_import_toolbox,
	  "import-toolbox [--date D] [--name-by quarter|date] [--model M] FILE[=PERIOD]...",
	  "bring in SAMM Toolbox workbooks, each as a new period",
	  "  FILE=PERIOD    name the period of FILE (default: the quarter of its\n"
	  "                 Interview Date, e.g. 2024-Q1)\n"
	  "  --date D       the date of workbooks without an Interview Date (YYYY-MM-DD)\n"
	  "  --name-by date name periods by the date (2024-03-15) instead of the quarter\n"
	  "  --model M      the model the workbooks answer (default: SAMM:2.0)\n"
	  "  --scope S      the scope of every workbook (default: its Team/Application,\n"
	  "                 else Organization; created when missing)\n" },
	{ "show", cmd_show, "show PERIOD [--by " LEVELS_SHOW "] [--csv]",
	  "show a period's scores",
	  "  --by LEVEL     the deepest level listed (default: practice)\n"
	  "  --csv          CSV: level,id,name,score\n" },
	{ "export", cmd_export, "export PERIOD [-o FILE]\nexport PERIOD --toolbox [--organization NAME] -o FILE.xlsx",
	  "write a period's items, values and notes as CSV, or as the SAMM Toolbox workbook",
	  "  -o, --output FILE  write FILE (mode 0600) instead of standard output\n"
	  "  --toolbox      write the official OWASP SAMM Toolbox workbook (.xlsx)\n"
	  "  --organization NAME  its Organization (default: the database's file name)\n" },
	{ "log", cmd_log, "log [--period P] [ID] [--csv]",
	  "show the change log, oldest first (of every scope, without --scope or --period)",
	  "  --period P     only changes in period P\n"
	  "  ID             only that item, or the criteria of that activity\n"
	  "                 (project:NAME and target:ACTIVITY: a project's or a target's\n"
	  "                 changes)\n"
	  "  --csv          CSV: at,user,scope,period,item,old,new,old_note,new_note\n" },
	{ "diff", cmd_diff, "diff P1 P2 [--by " LEVELS_SHOW "|overall] [--only up|down] [--notes] [--csv]",
	  "compare two periods",
	  "  --by LEVEL     the deepest level of figures listed (default: practice)\n"
	  "  --only up|down only the changes in that direction\n"
	  "  --notes        also list changed notes\n"
	  "  --csv          CSV output\n" },
	{ "stagnant", cmd_stagnant, "stagnant [--all-scopes] [--periods N] [--uncovered] [--csv]",
	  "list items and practices that have not moved",
	  "  --all-scopes   every scope, not only --scope\n"
	  "  -n, --periods N  the window: the last N periods (default: 3)\n"
	  "  --uncovered    list only the stagnant or below-target activities that no\n"
	  "                 active or planned project covers\n"
	  "  --csv          CSV output\n"
	  "\nWhen the scope has projects or the latest period has targets, each stagnant\n"
	  "or below-target activity is also listed with the active or planned projects\n"
	  "that cover it (in CSV: rows of kind covered or uncovered, with the activity's\n"
	  "value, its target in 'from' and the projects in 'note').\n" },
	{ "trend", cmd_trend, "trend [--by overall|function|practice] [--csv]",
	  "scores of every period, oldest first",
	  "  --by LEVEL     the deepest level listed (default: practice)\n"
	  "  --csv          CSV output\n" },
	{ "check", cmd_check,
	  "check [--max-stagnant N] [--no-regressions] [--min-overall X] [--max-uncovered N]"
	  " [--periods N] [--uncovered]",
	  "a digest of the latest period; exit 3 when a policy is broken",
	  "  --max-stagnant N   at most N stagnant items\n"
	  "  --no-regressions   no item or practice may have fallen\n"
	  "  --min-overall X    the latest overall score is at least X\n"
	  "  --max-uncovered N  at most N stagnant or below-target activities that no\n"
	  "                     active or planned project covers\n"
	  "  -n, --periods N    the stagnation window (default: 3)\n"
	  "  --uncovered        list only the activities nobody works on\n" },
	{ "project", cmd_project,
	  "project new NAME [--owner O] [--start P] [--end P] [--status S] [--description TEXT]\n"
	  "project set NAME [--name NEW] [--status S] [--owner O] [--start P] [--end P]"
	  " [--description TEXT]\n"
	  "project link NAME ID...\nproject unlink NAME ID...\n"
	  "project list [--status S] [--csv]\nproject show NAME [--csv]\n"
	  "project delete NAME --yes",
	  "projects and the activities they work on",
	  "  --owner O          who runs the project ('' removes the owner)\n"
	  "  --start P          the period it starts in (default: the latest; '' none)\n"
	  "  --end P            the period it ends in ('' removes it; marking a project\n"
	  "                     done without one makes the latest period its end)\n"
	  "  --status S         planned (default), active, done or dropped; with\n"
	  "                     'list': only the projects of that status\n"
	  "  --description TEXT what the project is about\n"
	  "  --name NEW         rename the project\n"
	  "  ID                 an activity (G-SM-1-A) or an item (G-SM-1-A.1)\n"
	  "  --csv              CSV; list: name,status,owner,start,end,links,activities,\n"
	  "                     rose,compared,description; show: level,id,activity,name,\n"
	  "                     start,now,direction,target,reached,gap\n"
	  "  --yes              really delete the project and its links\n"
	  "\n'project list' says, for a done project, how many of its activities rose\n"
	  "between its start and end periods.  'project show' lists each linked activity\n"
	  "and item with its value at the start and at the end (or now), how it moved,\n"
	  "and whether it reached its target.  Changes go to the change log\n"
	  "('sammtui log project:NAME').\n" },
	{ "target", cmd_target,
	  "target set PERIOD ID VALUE\ntarget clear PERIOD ID\ntarget show PERIOD [--csv]",
	  "where activities should be by a period",
	  "  ID             an activity, or a stream, practice or function (all of its\n"
	  "                 activities), or overall (every activity)\n"
	  "  VALUE          no, some, half, most (or 0, 0.25, 0.5, 1)\n"
	  "  --csv          CSV: level,id,name,score,target,gap,percent\n"
	  "\nPractice, function and overall targets follow from the activity targets with\n"
	  "the formulas of the scores (an activity without a target counts at its score,\n"
	  "as in the SAMM Toolbox).  'target show' gives the gap (target - score) and the\n"
	  "percent to target (score / target).\n"
	  "Changes go to the change log ('sammtui log target:ACTIVITY').\n" },
	{ "backup", cmd_backup, "backup FILE",
	  "copy the database to FILE (consistent, mode 0600)", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* The usage lines alone: "usage: sammtui A" then "       sammtui B". */
static void cli_usage_lines(FILE *fp, const char *cmd)
{
	const struct cli_command *c = cli_find(cmd);
	const char *u = c ? c->usage : cmd;
	int first = 1;

	while (*u) {
		size_t n = strcspn(u, "\n");
		fprintf(fp, "%s%.*s\n", first ? "usage: sammtui " : "       sammtui ", (int)n, u);
		first = 0;
		u += n;
		if (*u)
			u++;
	}
}

void cli_print_usage(FILE *fp, const char *cmd)
{
	const struct cli_command *c = cli_find(cmd);

	cli_usage_lines(fp, cmd);
	if (!c)
		return;
	fprintf(fp, "\n%s.\n", c->summary);
	if (c->options)
		fprintf(fp, "\nOptions:\n%s", c->options);
	fprintf(fp, "\nGlobal options: --db FILE, --scope NAME, --user NAME (see 'sammtui --help').\n");
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fputs("sammtui: ", stderr);
	cli_put_esc(stderr, msg);
	fputc('\n', stderr);
	cli_usage_lines(stderr, cmd);
	return EXIT_USAGE;
}

int cli_bad_option(const char *cmd, int c, char **argv)
{
	const char *what = optind > 0 ? argv[optind - 1] : "?";

	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", what);
	return cli_usage_error(cmd, "unknown option '%s'", what);
}

/* ---- Context ------------------------------------------------------------------- */

int cli_global_opt(struct cli_ctx *ctx, int opt, const char *arg)
{
	switch (opt) {
	case CLI_OPT_DB: ctx->db_opt = arg; return 1;
	case CLI_OPT_SCOPE: ctx->scope_opt = arg; return 1;
	case CLI_OPT_USER: ctx->user_opt = arg; return 1;
	default: return 0;
	}
}

int cli_db_path(struct cli_ctx *ctx)
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
	} else if (samm_store_default_path(raw, sizeof raw, &err)) {
		return cli_fail(&err);
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

int cli_open(struct cli_ctx *ctx, int flags)
{
	struct samm_error err;
	struct stat sb;
	int rc;

	if (ctx->st)
		return 0;
	if ((rc = cli_db_path(ctx)))
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
		return cli_fail(&err);
	}
	return 0;
}

int cli_scope(struct cli_ctx *ctx, struct samm_scope *out)
{
	struct samm_error err;
	const char *name = ctx->scope_opt;

	if (!name || !*name)
		name = getenv("SAMMTUI_SCOPE");
	if (!name || !*name)
		name = SAMM_DEFAULT_SCOPE;
	if (samm_store_scope_find(ctx->st, name, out, &err)) {
		cli_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

int cli_period(struct cli_ctx *ctx, const struct samm_scope *scope, const char *name,
	       struct samm_period *out)
{
	struct samm_error err;

	if (samm_store_period_find(ctx->st, scope->id, name, out, &err)) {
		cli_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

int cli_fail(const struct samm_error *err)
{
	fputs("sammtui: ", stderr);
	cli_put_esc(stderr, err->msg[0] ? err->msg : samm_status_str(err->code));
	fputc('\n', stderr);
	return err->code == SAMM_USAGE ? EXIT_USAGE : EXIT_DATA;
}

const char *cli_user(struct cli_ctx *ctx)
{
	return samm_user(ctx->user_opt);
}

/* ---- Output files ---------------------------------------------------------------- */

FILE *cli_out_open(const char *path, char *tmp, size_t tmpsize)
{
	FILE *fp;
	int fd;

	if (!path || !strcmp(path, "-"))
		return stdout;
	if ((size_t)snprintf(tmp, tmpsize, "%s.tmpXXXXXX", path) >= tmpsize) {
		fprintf(stderr, "sammtui: output path too long\n");
		return NULL;
	}
	/* mkstemp creates the file 0600 beside the target, so the rename is
	 * atomic and nobody else can read a half-written export */
	fd = mkstemp(tmp);
	if (fd < 0 || !(fp = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		fputs("sammtui: ", stderr);
		cli_put_esc(stderr, path);
		fprintf(stderr, ": %s\n", strerror(e));
		return NULL;
	}
	return fp;
}

int cli_out_close(FILE *fp, const char *path, const char *tmp)
{
	int bad;

	if (fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "sammtui: writing the output failed: %s\n", strerror(errno));
			return EXIT_DATA;
		}
		return 0;
	}
	bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
	int e = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad && rename(tmp, path) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(tmp);
		fputs("sammtui: ", stderr);
		cli_put_esc(stderr, path);
		fprintf(stderr, ": %s\n", strerror(e));
		return EXIT_DATA;
	}
	return 0;
}

/* ---- Terminal-safe text ------------------------------------------------------------ */

/* The longest escape: "\U0010ffff" and its NUL. */
#define CLI_ESC_MAX 12

/* One unit of text as it reaches the terminal: the character (or the
 * invalid byte) at s[0..avail), avail > 0, where a sequence cut short by
 * avail counts as invalid (a NUL ends the text before).  Returns its length
 * in bytes; esc gets its escape ("" when it goes out as it is) and *cols the
 * columns it takes.  What the screens escape (src/ui/draw.c) is escaped here
 * too, in the backslash forms the commands have always used:
 *
 *   C0 controls and DEL      \n \t \r, else \xNN
 *   C1 controls, the bidirectional controls (samm_cp_is_control) and, in a
 *   UTF-8 locale, what wcwidth() calls unprintable
 *                            \uXXXX (\UXXXXXXXX past U+FFFF)
 *   a byte that is not part of well-formed UTF-8
 *                            \xNN
 *
 * In a locale that is not UTF-8 the terminal reads every byte as a
 * character of its own, and 0x80..0x9F are C1 controls there: a character
 * whose UTF-8 holds such a byte is escaped as \uXXXX too, and the others
 * take a column per byte. */
static size_t cli_unit(const char *s, size_t avail, char esc[CLI_ESC_MAX], int *cols)
{
	unsigned char c = (unsigned char)*s;
	uint32_t cp;
	size_t n = samm_utf8_decode(s, avail, &cp);
	int show, w = 1;

	esc[0] = '\0';
	if (!n) {
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", c);
		*cols = (int)strlen(esc);
		return 1;
	}
	show = !samm_cp_is_control(cp);
	if (show && cp >= 0x80) {
		if (cli_utf8()) {
			w = wcwidth((wchar_t)cp);
			show = w >= 0;
		} else {
			/* continuation bytes are 0x80..0xBF */
			for (size_t i = 1; i < n; i++)
				show &= (unsigned char)s[i] >= 0xA0;
			w = (int)n;
		}
	}
	if (show) {
		*cols = w;
		return n;
	}
	if (cp == '\n')
		strcpy(esc, "\\n");
	else if (cp == '\t')
		strcpy(esc, "\\t");
	else if (cp == '\r')
		strcpy(esc, "\\r");
	else if (cp < 0x80)
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", (unsigned)cp);
	else if (cp <= 0xFFFF)
		snprintf(esc, CLI_ESC_MAX, "\\u%04x", (unsigned)cp);
	else
		snprintf(esc, CLI_ESC_MAX, "\\U%08x", (unsigned)cp);
	*cols = (int)strlen(esc);
	return n;
}

const char *cli_esc(char *buf, size_t size, const char *s)
{
	size_t o = 0;

	if (!size)
		return buf;
	while (s && *s) {
		/* printable ASCII as it is, without decoding */
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
			if (o + 1 >= size)
				break;
			buf[o++] = *s++;
			continue;
		}
		char e[CLI_ESC_MAX];
		int cols;
		size_t n = cli_unit(s, strnlen(s, 4), e, &cols);
		const char *piece = *e ? e : s;
		size_t len = *e ? strlen(e) : n;
		/* whole units only: never half a character or half an escape */
		if (o + len >= size)
			break;
		memcpy(buf + o, piece, len);
		o += len;
		s += n;
	}
	buf[o] = '\0';
	return buf;
}

void cli_put_escn(FILE *fp, const char *s, size_t len)
{
	for (len = s ? strnlen(s, len) : 0; len > 0; ) {
		char e[CLI_ESC_MAX];
		int cols;
		size_t n = cli_unit(s, len < 4 ? len : 4, e, &cols);
		if (*e)
			fputs(e, fp);
		else
			fwrite(s, 1, n, fp);
		s += n;
		len -= n;
	}
}

void cli_put_esc(FILE *fp, const char *s)
{
	cli_put_escn(fp, s, s ? strlen(s) : 0);
}

int cli_utf8(void)
{
	static int known = -1;

	if (known < 0) {
		const char *cs = nl_langinfo(CODESET);
		known = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	}
	return known;
}

int cli_width(const char *s)
{
	int w = 0, cols;
	char e[CLI_ESC_MAX];

	while (s && *s) {
		s += cli_unit(s, strnlen(s, 4), e, &cols);
		w += cols;
	}
	return w;
}

const char *cli_fit(char *buf, size_t size, const char *s, int width, int pad)
{
	const char *ell = cli_utf8() ? "\xe2\x80\xa6" : "...";
	int ell_w = cli_utf8() ? 1 : 3;
	size_t o = 0;
	int w = 0, cols;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!s)
		s = "";
	int cut = cli_width(s) > width;
	int room = cut ? width - ell_w : width;
	while (*s) {
		char e[CLI_ESC_MAX];
		size_t n = cli_unit(s, strnlen(s, 4), e, &cols);
		if (w + cols > room)
			break;
		const char *piece = *e ? e : s;
		size_t plen = *e ? strlen(e) : n;
		if (o + plen + 8 >= size)
			break;
		memcpy(buf + o, piece, plen);
		o += plen;
		w += cols;
		s += n;
	}
	if (cut && width >= ell_w && o + strlen(ell) < size) {
		memcpy(buf + o, ell, strlen(ell));
		o += strlen(ell);
		w += ell_w;
	}
	while (pad && w < width && o + 1 < size) {
		buf[o++] = ' ';
		w++;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- Shared lookups ------------------------------------------------------------------ */

int cli_assessment(struct cli_ctx *ctx, int flags, const char *name, struct samm_scope *scope,
		   struct samm_assessment **out)
{
	struct samm_scope s;
	struct samm_period p;
	struct samm_error err;
	int rc;

	*out = NULL;
	if (!scope)
		scope = &s;
	if ((rc = cli_open(ctx, flags)) || (rc = cli_scope(ctx, scope)) ||
	    (rc = cli_period(ctx, scope, name, &p)))
		return rc;
	if (samm_store_assessment_load(ctx->st, p.id, out, &err)) {
		*out = NULL;
		return cli_fail(&err);
	}
	return 0;
}

const char *cli_value_name(int v)
{
	return v == SAMM_UNSET ? "unset" : samm_value_name(v);
}
