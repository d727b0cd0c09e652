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
#include "cli/options.h"
#include "samm/model.h"
#include "samm/outfile.h"
#include "samm/util.h"
#include "samm/value.h"

/* ---- The command table ----------------------------------------------------- */

#define LEVELS_SHOW "item|activity|stream|practice|function"

const struct cli_command cli_commands[] = {
	{ "init", cmd_init, "init [--model FILE]",
	  "create the database with the bundled SAMM 2.0 model (or FILE)", NULL },
	{ "model", cmd_model,
	  "model load FILE [--name N] [--version V]\nmodel list\nmodel diff A B [--csv]",
	  "load a model CSV, list the loaded models, or compare two", NULL },
	{ "scope", cmd_scope, "scope new NAME\nscope list\n"
	  "scope set NAME [--exclude ID]... [--include ID]...",
	  "create a scope (what is assessed), list them, or leave out practices",
	  "A scope with practices left out assesses part of SAMM: a function is the mean\n"
	  "of its included practices, the overall the mean of the functions that keep one;\n"
	  "outputs say 'partial'.  'scope set NAME' alone shows what is left out.\n" },
	{ "period", cmd_period,
	  "period new NAME [--date D] [--from P | --empty] [--model M]\n"
	  "period list\nperiod set NAME [--date D] [--rename NEW]\nperiod delete NAME --yes",
	  "create, list, change or delete assessment periods", NULL },
	{ "score", cmd_score, "score PERIOD ID VALUE [--note TEXT] [--if OLD] [--if-note TEXT]",
	  "set an item's value, or all the criteria of an activity", NULL },
	{ "confirm", cmd_confirm, "confirm PERIOD ID...",
	  "confirm the values of items to re-check (reworded by a new model) as they are",
	  NULL },
	{ "note", cmd_note, "note PERIOD ID TEXT [--if-note OLD]",
	  "set an item's note (TEXT - reads standard input; empty removes it)", NULL },
	{ "import", cmd_import, "import PERIOD FILE",
	  "apply scores and notes from a CSV (id,score[,note][,answer]) or a SAMM Toolbox\n"
	  "                 workbook (.xlsx, told by its content): all rows or none",
	  "The file may be separated by commas, semicolons or tabs (from its header\n"
	  "line), and UTF-16 with a byte-order mark (Excel's \"Unicode text\").  A score\n"
	  "may be the answer of the item's question in full; an answer column sets the\n"
	  "value where the score is empty, and must agree with it otherwise.  See\n"
	  "sammtui-csv(5).\n" },
	{ "import-toolbox", cmd_import_toolbox,
	  "import-toolbox [--date D] [--name-by quarter|date] [--model M] FILE[=PERIOD]...",
	  "bring in SAMM Toolbox workbooks, each as a new period",
	  "The global --scope is the scope of every workbook (default: its\n"
	  "Team/Application, else its Organization), created when missing.\n"
	  "All the workbooks or none: one bad file changes nothing.\n" },
	{ "show", cmd_show, "show PERIOD [--by " LEVELS_SHOW "] [--csv]",
	  "show a period's scores", NULL },
	{ "export", cmd_export, "export PERIOD [-o FILE]\nexport PERIOD --toolbox [--organization NAME] -o FILE.xlsx",
	  "write a period's items, values and notes as CSV, or as the SAMM Toolbox workbook", NULL },
	{ "log", cmd_log, "log [--period P] [ID] [--csv]",
	  "show the change log, oldest first (of every scope, without --scope or --period)", NULL },
	{ "diff", cmd_diff, "diff P1 P2 [--by " LEVELS_SHOW "|overall] [--only up|down] [--notes] [--csv]",
	  "compare two periods", NULL },
	{ "stagnant", cmd_stagnant, "stagnant [--all-scopes] [--periods N] [--uncovered] [--csv]",
	  "list items and practices that have not moved",
	  "When the scope has projects or the latest period has targets, each stagnant\n"
	  "or below-target activity is also listed with the active or planned projects\n"
	  "that cover it (in CSV: rows of kind covered or uncovered, with the activity's\n"
	  "value, its target in 'from' and the projects in 'note').\n" },
	{ "trend", cmd_trend, "trend [--by overall|function|practice] [--csv]",
	  "scores of every period, oldest first", NULL },
	{ "check", cmd_check,
	  "check [--max-stagnant N] [--no-regressions] [--min-overall X] [--max-uncovered N]"
	  " [--periods N] [--uncovered]",
	  "a digest of the latest period; exit 3 when a policy is broken", NULL },
	{ "project", cmd_project,
	  "project new NAME [--owner O] [--start P] [--end P] [--status S] [--description TEXT]"
	  " [--phase PHASE]\n"
	  "project set NAME [--name NEW] [--status S] [--owner O] [--start P] [--end P]"
	  " [--description TEXT] [--phase PHASE]\n"
	  "project link NAME ID...\nproject unlink NAME ID...\n"
	  "project list [--status S] [--csv]\nproject show NAME [--csv]\n"
	  "project delete NAME --yes",
	  "projects and the activities they work on",
	  "'project list' says, for a done project, how many of its activities rose\n"
	  "between its start and end periods.  'project show' lists each linked activity\n"
	  "and item with its value at the start and at the end (or now), how it moved,\n"
	  "and whether it reached its target.  Changes go to the change log\n"
	  "('sammtui log project:NAME').\n" },
	{ "target", cmd_target,
	  "target set PHASE ID VALUE\ntarget clear PHASE ID\n"
	  "target show [PHASE] [--period P] [--csv]",
	  "where activities should be by a phase of the roadmap",
	  "A phase starts from the targets of the phases due before it; what it sets or\n"
	  "clears goes on top, and a change to an earlier phase flows into the later ones\n"
	  "unless they set their own.  The targets that count for a period are those of\n"
	  "the first phase due on or after its date, else of the last phase.\n"
	  "Practice, function and overall targets follow from the activity targets with\n"
	  "the formulas of the scores (an activity without a target counts at its score,\n"
	  "as in the SAMM Toolbox).  'target show' gives the gap (target - score) and the\n"
	  "percent to target (score / target).\n"
	  "Changes go to the change log ('sammtui log target:ACTIVITY').\n" },
	{ "phase", cmd_phase,
	  "phase new NAME --due D [--description TEXT]\n"
	  "phase set NAME [--due D] [--rename NEW] [--description TEXT]\n"
	  "phase list [--csv]\nphase delete NAME --yes",
	  "the phases of the roadmap: targets due by a date",
	  "Changes go to the change log ('sammtui log phase:NAME').\n" },
	{ "roadmap", cmd_roadmap, "roadmap [--by practice|stream] [--csv]",
	  "the latest scores beside each phase's projected scores",
	  "Each phase's figures are projected from the latest period's scores: an\n"
	  "activity counts at its target in that phase, else at its score; streams,\n"
	  "practices, functions and overall follow with the official formulas.  The gap\n"
	  "is the change from the column before.  'partial' marks figures of a scope that\n"
	  "leaves practices out ('sammtui scope set').\n" },
	{ "report", cmd_report, "report [PERIOD] [-o FILE] [--periods N]\nreport --all-scopes [PERIOD] [-o FILE]",
	  "write an HTML report with charts of a period (default: the latest)",
	  "The page is one self-contained HTML file: inline CSS and SVG charts, no\n"
	  "script, nothing loaded from anywhere.  An existing FILE that is not a regular\n"
	  "file is refused.\n" },
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

void cli_print_help(FILE *fp, const char *cmd, const struct cli_option *opts)
{
	const struct cli_command *c = cli_find(cmd);

	cli_usage_lines(fp, cmd);
	if (!c)
		return;
	fprintf(fp, "\n%s.\n", c->summary);
	cli_options_help(fp, opts);
	if (c->more)
		fprintf(fp, "\n%s", c->more);
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

/* ---- Output files ---------------------------------------------------------------- */

FILE *cli_out_open(const char *path, char *tmp, size_t tmpsize)
{
	FILE *fp;
	int fd;

	if (!path || !strcmp(path, "-"))
		return stdout;
	/* no device, FIFO or folder; the temporary file is made 0600 beside
	 * the target, so the rename is atomic and nobody else can read a
	 * half-written export */
	struct samm_error err;
	if (samm_outfile_check(path, &err) || samm_outfile_tmp(path, tmp, tmpsize, &fd, &err)) {
		app_fail(&err);
		return NULL;
	}
	if (!(fp = fdopen(fd, "w"))) {
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

/* ---- Shared lookups ------------------------------------------------------------------ */

int cli_assessment(struct app_ctx *ctx, int flags, const char *name, struct samm_scope *scope,
		   struct samm_assessment **out)
{
	struct samm_scope s;
	struct samm_period p;
	struct samm_error err;
	int rc;

	*out = NULL;
	if (!scope)
		scope = &s;
	if ((rc = app_open(ctx, flags)) || (rc = app_scope(ctx, scope)) ||
	    (rc = app_period(ctx, scope, name, &p)))
		return rc;
	if (samm_store_assessment_load(ctx->st, p.id, out, &err)) {
		*out = NULL;
		return app_fail(&err);
	}
	return 0;
}

const char *cli_canonical_id(struct app_ctx *ctx, const char *id)
{
	struct samm_model_info *mv = NULL;
	struct samm_error err;
	const char *found = id;
	size_t n = 0;

	if (!id || samm_store_model_list(ctx->st, &mv, &n, &err))
		return id;
	for (size_t i = n; i-- > 0 && found == id;) {
		const struct samm_model *m;
		struct samm_ref ref;
		if (!samm_store_model_get(ctx->st, mv[i].id, &m, &err) &&
		    !samm_model_resolve(m, id, &ref, NULL) && ref.level != SAMM_L_OVERALL)
			found = samm_model_ref_id(m, ref);
	}
	samm_model_list_free(mv, n);
	return found;
}

const char *cli_value_name(int v)
{
	return v == SAMM_UNSET ? "unset" : samm_value_name(v);
}
