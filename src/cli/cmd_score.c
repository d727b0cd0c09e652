/* cmd_score.c - the commands that change answers: score, note and import.
 *
 * Each builds a list of samm_change and hands it to the store in one
 * samm_store_apply call, so a command either changes everything it was
 * asked to or nothing. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "core/vec.h"
#include "samm/import.h"
#include "samm/toolbox.h"
#include "samm/model.h"
#include "samm/util.h"
#include "samm/value.h"

/* Resolve a user's id to an item or an activity of a's model; anything
 * else is refused with a message.  An unknown id gets the nearest ids of
 * `levels` (those the command takes) suggested.  Returns 0 or the exit
 * status. */
static int score_resolve(const struct samm_assessment *a, const char *id, unsigned levels,
			 struct samm_ref *ref)
{
	struct samm_error err;

	if (samm_model_resolve_near(a->model, id, levels, ref, &err))
		return app_fail(&err);
	if (ref->level != SAMM_L_ITEM && ref->level != SAMM_L_ACTIVITY) {
		fputs("sammtui: '", stderr);
		cli_put_esc(stderr, id);
		fprintf(stderr, "' is %s %s; give an item or an activity\n",
			ref->level == SAMM_L_OVERALL ? "the" : "a", samm_level_name(ref->level));
		return EXIT_DATA;
	}
	return 0;
}

/* A note from the command line or standard input must be clean UTF-8
 * text: the screens and the CSV export trust that. */
static int score_note_ok(const char *note, size_t len)
{
	size_t bad;

	if (len > SAMM_NOTE_MAX) {
		fprintf(stderr, "sammtui: the note is larger than the %d KB limit\n", SAMM_NOTE_MAX >> 10);
		return EXIT_DATA;
	}
	if (memchr(note, '\0', len)) {
		fprintf(stderr, "sammtui: the note holds a NUL byte\n");
		return EXIT_DATA;
	}
	if (!samm_utf8_valid(note, len, &bad)) {
		fprintf(stderr, "sammtui: the note is not valid UTF-8 (byte %zu)\n", bad + 1);
		return EXIT_DATA;
	}
	return 0;
}

static int score_apply(struct app_ctx *ctx, const struct samm_assessment *a,
		       const struct samm_change *ch, size_t n, int *n_changed)
{
	struct samm_error err;

	if (samm_store_apply(ctx->st, a->period.id, ch, n, app_user(ctx), n_changed, &err))
		return app_fail(&err);
	return 0;
}

/* --if VALUE: every change of ch[n] applies only if its item still holds
 * that value (compare and set, in the store's transaction). */
static int score_expect(const char *if_value, struct samm_change *ch, size_t n)
{
	int old;

	if (!if_value)
		return 0;
	if (samm_value_parse(if_value, &old) != 0)
		return cli_usage_error("score", "invalid value '%s' for --if (expected one of: %s)",
				       if_value, SAMM_VALUE_SPELLINGS);
	for (size_t i = 0; i < n; i++) {
		ch[i].check_old |= SAMM_CHECK_VALUE;
		ch[i].old_value = old;
	}
	return 0;
}

/* ---- score ------------------------------------------------------------------- */

/* score on an item: its value (and note), and what it was. */
static int score_item(struct app_ctx *ctx, const struct samm_assessment *a, int k, int value,
		      const char *note, const char *if_value, const char *if_note)
{
	const struct samm_model *m = a->model;
	int old = a->value[k], rc;
	const char *old_note = a->note[k] ? a->note[k] : "";
	struct samm_change one = { .item = m->items[k].id, .set_value = 1,
				   .value = value, .set_note = note != NULL, .note = note,
				   .check_old = if_note ? SAMM_CHECK_NOTE : 0,
				   .old_note = if_note };
	if ((rc = score_expect(if_value, &one, 1)) ||
	    (rc = score_apply(ctx, a, &one, 1, NULL)))
		return rc;
	cli_put_esc(stdout, m->items[k].id);
	if (old == value)
		printf(": %s (unchanged)\n", cli_value_name(value));
	else
		printf(": %s (was %s)\n", cli_value_name(value), cli_value_name(old));
	if (note && strcmp(note, old_note) != 0) {
		cli_put_esc(stdout, m->items[k].id);
		printf(*note ? ": note set\n" : ": note removed\n");
	}
	return 0;
}

/* score on an activity: every criterion of it, and how many changed. */
static int score_activity(struct app_ctx *ctx, const struct samm_assessment *a,
			  struct samm_ref ref, int value, const char *if_value)
{
	const struct samm_model *m = a->model;
	int first, n, rc;
	samm_model_ref_items(m, ref, &first, &n);
	struct samm_change *ch = calloc((size_t)n, sizeof *ch);
	if (!ch) {
		fprintf(stderr, "sammtui: out of memory\n");
		return EXIT_DATA;
	}
	for (int i = 0; i < n; i++)
		ch[i] = (struct samm_change){ .item = m->items[first + i].id, .set_value = 1,
					      .value = value };
	int changed = 0;
	if ((rc = score_expect(if_value, ch, (size_t)n)) ||
	    (rc = score_apply(ctx, a, ch, (size_t)n, &changed))) {
		free(ch);
		return rc;
	}
	cli_put_esc(stdout, samm_model_ref_id(m, ref));
	printf(": %d %s set to %s", n, n == 1 ? "criterion" : "criteria", cli_value_name(value));
	if (changed != n)
		printf(" (%d changed)", changed);
	printf("\n");
	free(ch);
	return 0;
}

int cmd_score(struct app_ctx *ctx, int argc, char **argv)
{
	const char *note = NULL, *if_value = NULL, *if_note = NULL;
	struct samm_assessment *a = NULL;
	struct samm_ref ref;
	int value, rc, known;

	const struct cli_option opts[] = {
		OPT_ARGUMENT("VALUE", "no, some, half, most, 0, 0.25, 0.5, 1, na, or clear; or\n"
			     "the answer of the item's question in full, in any case\n"
			     "(\"Yes, for most or all of the applications\")"),
		OPT_STRING(0, "note", "TEXT", "also set the item's note (an item id only)", &note),
		OPT_STRING(0, "if", "OLD", "change nothing unless every criterion still holds the\n"
			   "value OLD (clear: unanswered); else exit 1 naming who\n"
			   "changed it", &if_value),
		OPT_STRING(0, "if-note", "TEXT", "change nothing unless the item's note is still TEXT\n"
			   "(\"\": none)", &if_note),
		OPT_END(),
	};
	int orc = cli_options(ctx, "score", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 3)
		return cli_usage_error("score", "score needs PERIOD, ID and VALUE");
	const char *period = argv[optind], *id = argv[optind + 1], *vs = argv[optind + 2];
	/* a value now; an answer label once the id is known */
	known = samm_value_parse(vs, &value) == 0;
	if (note && (rc = score_note_ok(note, strlen(note))))
		return rc;
	if ((rc = cli_assessment(ctx, 0, period, NULL, &a)) ||
	    (rc = score_resolve(a, id, SAMM_LEVELS(SAMM_L_ITEM) | SAMM_LEVELS(SAMM_L_ACTIVITY), &ref)))
		goto out;

	const struct samm_model *m = a->model;
	if (!known) {
		int act = ref.level == SAMM_L_ITEM ? m->items[ref.index].activity : ref.index;
		const char *const *answers = m->activities[act].answers;
		if (samm_value_parse_answer(vs, answers, &value) != 0) {
			char exp[1024];
			samm_value_expected(exp, sizeof exp, answers);
			rc = cli_usage_error("score", "invalid value '%s' (%s)", vs, exp);
			goto out;
		}
	}
	if (ref.level == SAMM_L_ITEM) {
		rc = score_item(ctx, a, ref.index, value, note, if_value, if_note);
		goto out;
	}
	if (note || if_note) {
		fprintf(stderr, "sammtui: %s needs an item id; '", note ? "--note" : "--if-note");
		cli_put_esc(stderr, id);
		fputs("' is an activity\n", stderr);
		rc = EXIT_DATA;
		goto out;
	}
	rc = score_activity(ctx, a, ref, value, if_value);
out:
	samm_assessment_free(a);
	return rc;
}

/* ---- note -------------------------------------------------------------------- */

/* All of standard input, NUL-terminated; *len excludes the NUL.  Stops a
 * little past SAMM_NOTE_MAX (a final CRLF is dropped later): enough to
 * refuse a longer note without reading all of it. */
static char *note_read_stdin(size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;

	if (samm_grow((void **)&buf, &cap, 4096, 1)) {
		free(buf);
		return NULL;
	}
	while (n <= SAMM_NOTE_MAX + 2) {
		if (samm_grow((void **)&buf, &cap, n + 1024, 1))
			break;
		size_t got = fread(buf + n, 1, cap - n - 1, stdin);
		n += got;
		if (got == 0) {
			if (ferror(stdin))
				break;
			buf[n] = '\0';
			*len = n;
			return buf;
		}
	}
	if (buf && n > SAMM_NOTE_MAX + 2) {     /* too long: score_note_ok says so */
		buf[n] = '\0';
		*len = n;
		return buf;
	}
	free(buf);
	return NULL;
}

int cmd_note(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_assessment *a = NULL;
	struct samm_ref ref;
	char *text = NULL;
	const char *if_note = NULL;
	size_t len;
	int rc;

	const struct cli_option opts[] = {
		OPT_STRING(0, "if-note", "OLD", "change nothing unless the note is still OLD (\"\":\n"
			   "none); else exit 1 naming who changed it", &if_note),
		OPT_END(),
	};
	/* TEXT is taken as it is, even when it starts with '-' */
	int orc = cli_options(ctx, "note", opts, CLI_OPT_TEXT_ARG(2), argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 3)
		return cli_usage_error("note", "note needs PERIOD, ID and TEXT (- reads standard "
				       "input)");
	const char *period = argv[optind], *id = argv[optind + 1], *arg = argv[optind + 2];
	if (!strcmp(arg, "-")) {
		if (!(text = note_read_stdin(&len))) {
			fprintf(stderr, "sammtui: cannot read standard input\n");
			return EXIT_DATA;
		}
		/* a file or a heredoc ends with a newline that is no part of the note */
		if (len && text[len - 1] == '\n') {
			text[--len] = '\0';
			if (len && text[len - 1] == '\r')
				text[--len] = '\0';
		}
	} else {
		len = strlen(arg);
		if (!(text = malloc(len + 1))) {
			fprintf(stderr, "sammtui: out of memory\n");
			return EXIT_DATA;
		}
		memcpy(text, arg, len + 1);
	}
	if ((rc = score_note_ok(text, len)))
		goto out;
	if ((rc = cli_assessment(ctx, 0, period, NULL, &a)) ||
	    (rc = score_resolve(a, id, SAMM_LEVELS(SAMM_L_ITEM), &ref)))
		goto out;
	if (ref.level != SAMM_L_ITEM) {
		fputs("sammtui: a note belongs to an item; '", stderr);
		cli_put_esc(stderr, id);
		fputs("' is an activity\n", stderr);
		rc = EXIT_DATA;
		goto out;
	}
	const char *iid = a->model->items[ref.index].id;
	const char *old = a->note[ref.index] ? a->note[ref.index] : "";
	struct samm_change one = { .item = iid, .value = SAMM_UNSET, .set_note = 1, .note = text,
				   .check_old = if_note ? SAMM_CHECK_NOTE : 0, .old_note = if_note };
	if ((rc = score_apply(ctx, a, &one, 1, NULL)))
		goto out;
	cli_put_esc(stdout, iid);
	printf(!strcmp(old, text) ? ": note unchanged\n" : *text ? ": note set\n" :
	       ": note removed\n");
out:
	free(text);
	samm_assessment_free(a);
	return rc;
}

/* ---- import ------------------------------------------------------------------ */

int cmd_import(struct app_ctx *ctx, int argc, char **argv)
{
	struct samm_assessment *a = NULL;
	struct samm_import *imp = NULL;
	struct samm_error err;
	int rc;


	int orc = cli_options(ctx, "import", NULL, 0, argc, argv);

	if (orc >= 0)
		return orc;
	if (argc - optind != 2)
		return cli_usage_error("import", "import needs PERIOD and FILE");
	const char *period = argv[optind], *path = argv[optind + 1];
	if ((rc = cli_assessment(ctx, 0, period, NULL, &a)))
		goto out;
	if (samm_toolbox_is_zip_file(path)) {
		rc = cli_toolbox_import(ctx, a, path);
		goto out;
	}
	if (samm_import_load_file(a->model, path, &imp, &err)) {
		rc = app_fail(&err);
		goto out;
	}
	int changed = 0;
	if (imp->n_changes && (rc = score_apply(ctx, a, imp->changes, imp->n_changes, &changed)))
		goto out;
	printf("imported %zu %s: %d %s changed\n", imp->n_rows, imp->n_rows == 1 ? "row" : "rows",
	       changed, changed == 1 ? "item" : "items");
out:
	samm_import_free(imp);
	samm_assessment_free(a);
	return rc;
}
