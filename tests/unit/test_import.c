/* test_import.c - the import parser: the changes it builds and the files
 * it refuses, against a tiny inline model. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/csvw.h"
#include "samm/import.h"
#include "csvpaths.h"
#include "samm/util.h"
#include "samm/value.h"

/* Two activities: G-SM-1-A (items .1 .2) and G-SM-1-B (item .1). */
static const char model_csv[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy,A,Create,1,Risk appetite,Q?,Capture it\n"
	"G-SM-1-A.2,Governance,SM,Strategy,A,Create,1,Risk appetite,Q?,Approve it\n"
	"G-SM-1-B.1,Governance,SM,Strategy,B,Measure,1,Metrics,Q2?,Record them\n";

static int setup(void **state)
{
	struct samm_model *m = NULL;
	struct samm_error err;

	if (samm_model_parse(model_csv, sizeof model_csv - 1, "model.csv", &m, &err) != SAMM_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	samm_model_free(*state);
	return 0;
}

static struct samm_import *ok_parse(void **state, const char *csv, size_t len)
{
	struct samm_import *imp = NULL;
	struct samm_error err = { 0 };
	enum samm_status rc = samm_import_parse(*state, csv, len, "in.csv", &imp, &err);
	if (rc != SAMM_OK)
		fail_msg("parse: %s", err.msg);
	return imp;
}

/* Parse must fail with SAMM_PARSE and exactly this message. */
static void bad_parse(void **state, const char *csv, size_t len, const char *msg)
{
	struct samm_import *imp = (struct samm_import *)1;
	struct samm_error err = { 0 };
	enum samm_status rc = samm_import_parse(*state, csv, len, "in.csv", &imp, &err);
	assert_int_equal(rc, SAMM_PARSE);
	assert_null(imp);
	assert_string_equal(err.msg, msg);
}

#define BAD(csv, msg) bad_parse(state, csv, sizeof(csv) - 1, msg)
#define OK(csv) ok_parse(state, csv, sizeof(csv) - 1)

static void test_items_and_activities(void **state)
{
	struct samm_import *imp = OK("score,note,id\n"
				     "most,\"a, b\",G-SM-1-B.1\n"
				     " 0.25 ,,G-SM-1-A\n");
	assert_int_equal(imp->n_rows, 2);
	assert_int_equal(imp->n_changes, 3);
	assert_string_equal(imp->changes[0].item, "G-SM-1-B.1");
	assert_int_equal(imp->changes[0].set_value, 1);
	assert_int_equal(imp->changes[0].value, SAMM_MOST);
	assert_int_equal(imp->changes[0].set_note, 1);
	assert_string_equal(imp->changes[0].note, "a, b");
	/* the activity row expands to its criteria in model order */
	assert_string_equal(imp->changes[1].item, "G-SM-1-A.1");
	assert_string_equal(imp->changes[2].item, "G-SM-1-A.2");
	assert_int_equal(imp->changes[2].value, SAMM_SOME);
	assert_int_equal(imp->changes[2].set_note, 0);
	samm_import_free(imp);
}

static void test_empty_cells_leave_things(void **state)
{
	struct samm_import *imp = OK("id,score,note\r\n"
				     "G-SM-1-A.1,,  keep my spaces  \r\n"
				     "G-SM-1-A.2,clear,\r\n"
				     "G-SM-1-B.1,,\r\n");
	assert_int_equal(imp->n_rows, 3);
	/* the third row asks for nothing: no change */
	assert_int_equal(imp->n_changes, 2);
	assert_int_equal(imp->changes[0].set_value, 0);
	assert_string_equal(imp->changes[0].note, "  keep my spaces  ");
	assert_int_equal(imp->changes[1].set_value, 1);
	assert_int_equal(imp->changes[1].value, SAMM_UNSET);
	assert_int_equal(imp->changes[1].set_note, 0);
	samm_import_free(imp);
}

static void test_bom_and_multiline_note(void **state)
{
	struct samm_import *imp = OK("\xEF\xBB\xBFid,score,note\n"
				     "G-SM-1-A.1,na,\"line 1\nline 2 \xC3\xA9\"\n");
	assert_int_equal(imp->n_changes, 1);
	assert_int_equal(imp->changes[0].value, SAMM_NA);
	assert_string_equal(imp->changes[0].note, "line 1\nline 2 \xC3\xA9");
	samm_import_free(imp);
}

static void test_header_only(void **state)
{
	struct samm_import *imp = OK("id,score\n");
	assert_int_equal(imp->n_rows, 0);
	assert_int_equal(imp->n_changes, 0);
	samm_import_free(imp);
}

static void test_refusals(void **state)
{
	BAD("", "in.csv:1: empty file (no header row)");
	BAD("id,note\n", "in.csv:1: missing column 'score'");
	BAD("score\n", "in.csv:1: missing column 'id'");
	BAD("id,score,extra\n", "in.csv:1: unknown column 'extra' (expected id, score and optionally note)");
	BAD("id,score,score\n", "in.csv:1: column 'score' appears twice");
	BAD("id,score\nG-SM-1-A.1,no\nNOPE.1,no\n", "in.csv:3: unknown id 'NOPE.1'");
	BAD("id,score\nSM-A,no\n", "in.csv:2: 'SM-A' is a stream; give an item or an activity");
	BAD("id,score\n,no\n", "in.csv:2: empty id");
	BAD("id,score\nG-SM-1-A.1,lots\n",
	    "in.csv:2: invalid value 'lots' (expected one of: " SAMM_VALUE_SPELLINGS ")");
	BAD("id,score\nG-SM-1-A.1\n", "in.csv:2: 1 field, expected 2");
	BAD("id,score\nG-SM-1-A.1,no\n\nG-SM-1-A.1,half\n",
	    "in.csv:4: G-SM-1-A.1 is already set on line 2");
	BAD("id,score\nG-SM-1-A.2,no\nG-SM-1-A,half\n",
	    "in.csv:3: G-SM-1-A includes G-SM-1-A.2, already set on line 2");
	BAD("id,score\nG-SM-1-A,no\nG-SM-1-A.2,half\n",
	    "in.csv:3: G-SM-1-A.2 is already set on line 2 (by G-SM-1-A)");
	BAD("id,score,note\nG-SM-1-A,no,x\n",
	    "in.csv:2: a note needs an item id; 'G-SM-1-A' is an activity");
	BAD("id,score,note\nG-SM-1-A.1,no,\"a\nb\"\nG-SM-1-A.2,no,\"open\n",
	    "in.csv:4: unterminated quoted field");
	BAD("id,score,note\nG-SM-1-A.1,no,a\"b\n",
	    "in.csv:2: misplaced quote (a quote inside an unquoted field, or text after a closing quote)");
	BAD("id,score,note\nG-SM-1-A.1,no,\xC3\n", "in.csv:2: invalid UTF-8 (byte 15 of the line)");
	BAD("id,score,note\nG-SM-1-A.1,no,\xC0\xAF\n", "in.csv:2: invalid UTF-8 (byte 15 of the line)");
	BAD("id,score,note\nG-SM-1-A.1,no,a\0b\n", "in.csv:2: NUL byte in the file");
	/* bare CR line ends count as lines too */
	BAD("id,score\rG-SM-1-A.1,no\rNOPE.1,no\r", "in.csv:3: unknown id 'NOPE.1'");
	BAD("id,score,note\r\nG-SM-1-A.1,no,\rG-SM-1-A.2,no,\xff\r", "in.csv:3: invalid UTF-8 (byte 15 of the line)");
}

/* An error on the last line must not leave changes behind (the caller
 * applies nothing): *out stays NULL even after many good rows. */
static void test_bad_last_line_gives_nothing(void **state)
{
	BAD("id,score\nG-SM-1-A.1,no\nG-SM-1-A.2,no\nG-SM-1-B.1,bad\n",
	    "in.csv:4: invalid value 'bad' (expected one of: " SAMM_VALUE_SPELLINGS ")");
}

static void test_load_file_missing(void **state)
{
	struct samm_import *imp = NULL;
	struct samm_error err = { 0 };

	assert_int_equal(samm_import_load_file(*state, "tests/fixtures/import/no-such.csv", &imp,
					       &err), SAMM_IO);
	assert_null(imp);
	assert_string_equal(err.msg, "tests/fixtures/import/no-such.csv: No such file or directory");
}

/* Notes written by the CSV writer (as `sammtui export` writes them) import
 * as exactly the text they were: only the quote the writer added comes
 * off. */
static void test_export_quote_round_trip(void **state)
{
	static const char *const notes[] = {
		"''=1", "'=1", "=1", "'quoted", "'", "''", " =x", "line\n-item", "'a\n@b",
		"\xef\xbc\x9d" "1", "plain",
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		struct samm_csvw w;
		assert_non_null(fp);
		samm_csv_init(&w, fp);
		samm_csv_cell(&w, "id");
		samm_csv_cell(&w, "score");
		samm_csv_cell(&w, "note");
		samm_csv_cell(&w, "criterion");   /* an export's column */
		samm_csv_end(&w);
		samm_csv_cell(&w, "G-SM-1-A.1");
		samm_csv_cell(&w, "");
		samm_csv_cell(&w, notes[i]);
		samm_csv_cell(&w, "Capture it");
		samm_csv_end(&w);
		assert_int_equal(samm_csv_finish(&w), 0);
		fclose(fp);
		struct samm_import *imp = ok_parse(state, text, len);
		assert_int_equal(imp->n_changes, 1);
		if (strcmp(imp->changes[0].note, notes[i]) != 0)
			fail_msg("note [%s] came back as [%s] from [%s]", notes[i],
				 imp->changes[0].note, text);
		samm_import_free(imp);
		free(text);
	}
}

/* A note takes at most SAMM_NOTE_MAX bytes (64 KB). */
static void test_note_limit(void **state)
{
	static const char head[] = "id,score,note\nG-SM-1-A.1,,";
	size_t n = sizeof head - 1, max = SAMM_NOTE_MAX;
	char *csv = malloc(n + max + 2);
	assert_non_null(csv);
	memcpy(csv, head, n);
	memset(csv + n, 'x', max);
	csv[n + max] = '\n';
	struct samm_import *imp = ok_parse(state, csv, n + max + 1);
	assert_int_equal(strlen(imp->changes[0].note), max);
	samm_import_free(imp);
	csv[n + max] = 'x';
	csv[n + max + 1] = '\n';
	bad_parse(state, csv, n + max + 2, "in.csv:2: the note of G-SM-1-A.1 is larger than the 64 KB limit");
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CSV_BOTH(test_items_and_activities),
		CSV_BOTH(test_empty_cells_leave_things),
		CSV_BOTH(test_bom_and_multiline_note),
		CSV_BOTH(test_header_only),
		CSV_BOTH(test_refusals),
		CSV_BOTH(test_bad_last_line_gives_nothing),
		CSV_BOTH(test_load_file_missing),
		CSV_BOTH(test_export_quote_round_trip),
		CSV_BOTH(test_note_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
