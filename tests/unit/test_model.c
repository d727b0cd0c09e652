/* test_model.c - loading a model CSV, its rejections, and looking things up.
 *
 * Fixtures are read relative to the repository root (tests run from there):
 * tests/fixtures/model/ holds good models, tests/fixtures/bad/model-* one
 * file per rejection (the command-line tests reuse them). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model.h"
#include "csvpaths.h"
#include "samm/util.h"

#define FIX "tests/fixtures/model/"
#define TINY_HEADER "id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion"

/* A sentinel that a failed load must leave in *out. */
static struct samm_model sentinel;

static struct samm_model *load(const char *path)
{
	struct samm_model *m = NULL;
	struct samm_error err = { 0 };
	enum samm_status rc = samm_model_load_file(path, &m, NULL, NULL, &err);
	if (rc != SAMM_OK)
		fail_msg("%s: %s", path, err.msg);
	return m;
}

static struct samm_model *parse(const char *csv)
{
	struct samm_model *m = NULL;
	struct samm_error err = { 0 };
	enum samm_status rc = samm_model_parse(csv, strlen(csv), "mem.csv", &m, &err);
	if (rc != SAMM_OK)
		fail_msg("parse: %s", err.msg);
	return m;
}

/* Parse csv, expect SAMM_PARSE with exactly msg and *out untouched. */
static void parse_fails(const char *csv, size_t len, const char *msg)
{
	struct samm_model *m = &sentinel;
	struct samm_error err = { 0 };
	assert_int_equal(samm_model_parse(csv, len, "mem.csv", &m, &err), SAMM_PARSE);
	assert_ptr_equal(m, &sentinel);
	assert_int_equal(err.code, SAMM_PARSE);
	assert_string_equal(err.msg, msg);
}

static struct samm_model *bundled(void)
{
	struct samm_model *m = NULL;
	struct samm_error err = { 0 };
	assert_int_equal(samm_model_parse((const char *)samm_bundled_model, samm_bundled_model_len,
					  "samm-2.0.csv", &m, &err), SAMM_OK);
	return m;
}

/* Two models are the same tree with the same strings (not the same hash). */
static void assert_same_model(const struct samm_model *a, const struct samm_model *b)
{
	assert_int_equal(a->n_functions, b->n_functions);
	assert_int_equal(a->n_practices, b->n_practices);
	assert_int_equal(a->n_streams, b->n_streams);
	assert_int_equal(a->n_activities, b->n_activities);
	assert_int_equal(a->n_items, b->n_items);
	for (int i = 0; i < a->n_functions; i++) {
		assert_string_equal(a->functions[i].name, b->functions[i].name);
		assert_int_equal(a->functions[i].first_practice, b->functions[i].first_practice);
		assert_int_equal(a->functions[i].n_practices, b->functions[i].n_practices);
	}
	for (int i = 0; i < a->n_practices; i++) {
		assert_string_equal(a->practices[i].code, b->practices[i].code);
		assert_string_equal(a->practices[i].name, b->practices[i].name);
		assert_int_equal(a->practices[i].function, b->practices[i].function);
		assert_int_equal(a->practices[i].first_stream, b->practices[i].first_stream);
		assert_int_equal(a->practices[i].n_streams, b->practices[i].n_streams);
	}
	for (int i = 0; i < a->n_streams; i++) {
		assert_string_equal(a->streams[i].code, b->streams[i].code);
		assert_string_equal(a->streams[i].letter, b->streams[i].letter);
		assert_string_equal(a->streams[i].name, b->streams[i].name);
		assert_int_equal(a->streams[i].practice, b->streams[i].practice);
		assert_int_equal(a->streams[i].first_activity, b->streams[i].first_activity);
		assert_int_equal(a->streams[i].n_activities, b->streams[i].n_activities);
	}
	for (int i = 0; i < a->n_activities; i++) {
		const struct samm_activity *x = &a->activities[i], *y = &b->activities[i];
		assert_string_equal(x->code, y->code);
		assert_string_equal(x->title, y->title);
		assert_string_equal(x->question, y->question);
		for (int k = 0; k < 4; k++)
			assert_string_equal(x->answers[k], y->answers[k]);
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->stream, y->stream);
		assert_int_equal(x->first_item, y->first_item);
		assert_int_equal(x->n_items, y->n_items);
	}
	for (int i = 0; i < a->n_items; i++) {
		assert_string_equal(a->items[i].id, b->items[i].id);
		assert_string_equal(a->items[i].criterion, b->items[i].criterion);
		assert_int_equal(a->items[i].activity, b->items[i].activity);
	}
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* ---- The bundled SAMM 2.0 model ---------------------------------------- */

static void test_bundled_counts(void **state)
{
	(void)state;
	struct samm_model *m = bundled();
	assert_int_equal(m->n_items, 294);
	assert_int_equal(m->n_activities, 90);
	assert_int_equal(m->n_streams, 30);
	assert_int_equal(m->n_practices, 15);
	assert_int_equal(m->n_functions, 5);
	/* sha256sum $SAMM_DATA/samm-2.0.csv (the bundled model) */
	assert_string_equal(m->hash, "eea0b7be7314ccd8ab4e73b083377099e64b8f0220dfbcef479ac76a49f4c7fd");
	samm_model_free(m);
}

static void test_bundled_content(void **state)
{
	(void)state;
	static const char *const functions[] = {
		"Governance", "Design", "Implementation", "Verification", "Operations",
	};
	static const char *const practices[] = {
		"SM", "PC", "EG", "TA", "SR", "SA", "SB", "SD", "DM", "AA", "RT", "ST", "IM", "EM", "OM",
	};
	struct samm_model *m = bundled();

	for (int i = 0; i < 5; i++) {
		assert_string_equal(m->functions[i].name, functions[i]);
		assert_int_equal(m->functions[i].first_practice, 3 * i);
		assert_int_equal(m->functions[i].n_practices, 3);
	}
	for (int i = 0; i < 15; i++) {
		assert_string_equal(m->practices[i].code, practices[i]);
		assert_int_equal(m->practices[i].function, i / 3);
		assert_int_equal(m->practices[i].n_streams, 2);
	}
	assert_string_equal(m->practices[0].name, "Strategy & Metrics");
	assert_string_equal(m->streams[0].code, "SM-A");
	assert_string_equal(m->streams[0].letter, "A");
	assert_string_equal(m->streams[0].name, "Create and Promote");
	assert_string_equal(m->streams[1].code, "SM-B");

	const struct samm_activity *a = &m->activities[0];
	assert_string_equal(a->code, "G-SM-1-A");
	assert_string_equal(a->title, "Identify the organization's risk appetite");
	assert_string_equal(a->question,
			    "Do you understand the enterprise-wide risk appetite for your applications ?");
	assert_string_equal(a->answers[0], "No");
	assert_string_equal(a->answers[1], "Yes, it covers general risks");
	assert_string_equal(a->answers[2], "Yes, it covers organization-specific risks");
	assert_string_equal(a->answers[3], "Yes, it covers risks and opportunities");
	assert_int_equal(a->level, 1);
	assert_int_equal(a->first_item, 0);
	assert_int_equal(a->n_items, 4);
	assert_string_equal(m->activities[1].code, "G-SM-2-A");
	assert_int_equal(m->activities[1].level, 2);
	assert_string_equal(m->activities[2].code, "G-SM-3-A");
	assert_int_equal(m->activities[2].level, 3);
	assert_string_equal(m->activities[3].code, "G-SM-1-B");

	/* model order is the CSV's order for the bundled file */
	assert_string_equal(m->items[0].id, "G-SM-1-A.1");
	assert_string_equal(m->items[0].criterion,
			    "You capture the risk appetite of your organization's executive leadership");
	assert_string_equal(m->items[4].id, "G-SM-2-A.1");
	assert_string_equal(m->items[100].id, "D-SR-3-B.2");
	assert_string_equal(m->items[200].id, "V-AA-2-B.1");
	assert_string_equal(m->items[293].id, "O-OM-3-B.3");
	assert_string_equal(m->items[293].criterion, "You review the process at least annually");

	/* every stream has levels 1, 2, 3 in order; parents point back */
	for (int s = 0; s < m->n_streams; s++) {
		assert_int_equal(m->streams[s].n_activities, 3);
		for (int k = 0; k < 3; k++) {
			const struct samm_activity *x = &m->activities[m->streams[s].first_activity + k];
			assert_int_equal(x->level, k + 1);
			assert_int_equal(x->stream, s);
		}
	}
	for (int i = 0; i < m->n_items; i++) {
		const struct samm_activity *x = &m->activities[m->items[i].activity];
		assert_true(i >= x->first_item && i < x->first_item + x->n_items);
		assert_int_equal(strncmp(m->items[i].id, x->code, strlen(x->code)), 0);
	}
	samm_model_free(m);
}

/* ---- Good small models --------------------------------------------------- */

static void test_tiny(void **state)
{
	(void)state;
	static const char *const ids[] = {
		"G-SM-1-A.1", "G-SM-1-A.2", "G-SM-2-A.1", "G-SM-1-B.1", "G-SM-2-B.1", "G-SM-2-B.2",
	};
	struct samm_model *m = load(FIX "tiny.csv");

	assert_int_equal(m->n_functions, 1);
	assert_int_equal(m->n_practices, 1);
	assert_int_equal(m->n_streams, 2);
	assert_int_equal(m->n_activities, 4);
	assert_int_equal(m->n_items, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(m->items[i].id, ids[i]);
	assert_string_equal(m->streams[1].code, "SM-B");
	assert_string_equal(m->streams[1].name, "Measure and Improve");
	assert_int_equal(m->streams[1].first_activity, 2);
	assert_string_equal(m->activities[3].code, "G-SM-2-B");
	assert_string_equal(m->activities[3].title, "Set targets");
	assert_int_equal(m->activities[3].first_item, 4);
	assert_int_equal(m->activities[3].n_items, 2);
	assert_string_equal(m->activities[3].answers[2], "Yes, at least half");
	samm_model_free(m);

	m = load(FIX "tiny-v2.csv");
	assert_int_equal(m->n_items, 6);
	assert_int_equal(samm_model_find_item(m, "G-SM-1-A.2"), -1);
	assert_string_equal(m->items[5].id, "G-SM-2-B.3");
	samm_model_free(m);
}

static void test_columns_any_order(void **state)
{
	(void)state;
	struct samm_model *a = load(FIX "tiny.csv"), *b = load(FIX "tiny-reordered.csv");
	assert_same_model(a, b);
	assert_string_not_equal(a->hash, b->hash);
	samm_model_free(a);
	samm_model_free(b);
}

static void test_default_answers(void **state)
{
	(void)state;
	struct samm_model *m = parse(TINY_HEADER ",answer_1\n"
				     "X-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit,Partly\n");
	assert_string_equal(m->activities[0].answers[0], "No");
	assert_string_equal(m->activities[0].answers[1], "Partly");
	assert_string_equal(m->activities[0].answers[2], "Half");
	assert_string_equal(m->activities[0].answers[3], "Most or all");
	samm_model_free(m);
}

static void test_bom_crlf_blank_lines(void **state)
{
	(void)state;
	size_t len;
	char *lf = read_all(FIX "tiny.csv", &len);
	char *crlf = malloc(2 * len + 16), *q = crlf;
	struct samm_model *a, *b = NULL;
	struct samm_error err = { 0 };

	/* BOM, CRLF, a blank line after the header, no newline at the end */
	memcpy(q, "\xEF\xBB\xBF", 3);
	q += 3;
	for (size_t i = 0; i < len; i++) {
		if (lf[i] == '\n')
			*q++ = '\r';
		*q++ = lf[i];
		if (lf[i] == '\n' && q - crlf < 200 && lf[i + 1] == 'G')
			q += sprintf(q, "\r\n");   /* once: after the header */
	}
	q -= 2;
	a = load(FIX "tiny.csv");
	assert_int_equal(samm_model_parse(crlf, (size_t)(q - crlf), "crlf.csv", &b, &err), SAMM_OK);
	assert_same_model(a, b);
	/* the hash covers the exact bytes, BOM included */
	assert_string_not_equal(a->hash, b->hash);
	samm_model_free(a);
	samm_model_free(b);
	free(lf);
	free(crlf);
}

static void test_texts_kept_exactly(void **state)
{
	(void)state;
	struct samm_model *m = parse(TINY_HEADER "\n"
				     "X-P-1-A.1,F,P,Practice,A,Stream,1, Act ,\"Q, \"\"quoted\"\"?\",\"two\nlines\t\"\n");
	assert_string_equal(m->activities[0].title, " Act ");
	assert_string_equal(m->activities[0].question, "Q, \"quoted\"?");
	assert_string_equal(m->items[0].criterion, "two\nlines\t");
	samm_model_free(m);
}

/* Children are grouped under parents in order of first appearance,
 * activities sorted by level, items in row order within an activity even
 * when the activity's rows are apart. */
static void test_model_order(void **state)
{
	(void)state;
	static const char *const ids[] = { "B-Q-1-A.5", "B-Q-1-A.1", "B-Q-2-A.1", "A-P-1-B.1",
					   "A-P-2-B.1", "A-P-2-B.2", "A-P-3-A.1" };
	struct samm_model *m = parse(TINY_HEADER "\n"
		"B-Q-2-A.1,Beta,Q,Qpractice,A,Qa,2,Q two,Q?,c1\n"
		"A-P-2-B.1,Alpha,P,Ppractice,B,Pb,2,P two,Q?,c2\n"
		"B-Q-1-A.5,Beta,Q,Qpractice,A,Qa,1,Q one,Q?,c3\n"
		"A-P-3-A.1,Alpha,P,Ppractice,A,Pa,3,P three,Q?,c4\n"
		"A-P-1-B.1,Alpha,P,Ppractice,B,Pb,1,P one,Q?,c5\n"
		"B-Q-1-A.1,Beta,Q,Qpractice,A,Qa,1,Q one,Q?,c6\n"
		"A-P-2-B.2,Alpha,P,Ppractice,B,Pb,2,P two,Q?,c7\n");

	assert_int_equal(m->n_functions, 2);
	assert_string_equal(m->functions[0].name, "Beta");
	assert_string_equal(m->functions[1].name, "Alpha");
	assert_string_equal(m->practices[0].code, "Q");
	assert_int_equal(m->practices[1].function, 1);
	assert_string_equal(m->streams[1].code, "P-B");
	assert_string_equal(m->streams[2].code, "P-A");
	assert_int_equal(m->n_items, 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(m->items[i].id, ids[i]);
	assert_string_equal(m->items[0].criterion, "c3");
	assert_string_equal(m->activities[0].code, "B-Q-1-A");
	assert_int_equal(m->activities[0].n_items, 2);
	samm_model_free(m);
}

/* ---- Rejections ----------------------------------------------------------- */

static void test_bad_fixtures(void **state)
{
	(void)state;
	static const struct { const char *file, *msg; } cases[] = {
		{ "empty.csv", "1: empty file (no header row)" },
		{ "header-only.csv", "1: no items (only a header row)" },
		{ "missing-column.csv", "1: missing column 'criterion'" },
		{ "duplicate-column.csv", "1: duplicate column 'level'" },
		{ "wrong-field-count.csv", "3: row has 13 fields, header has 14" },
		{ "empty-id.csv", "3: empty id" },
		{ "dup-id.csv", "4: duplicate id 'G-SM-1-A.1' (first on line 2)" },
		{ "id-no-dot.csv", "2: id 'G-SM-1-A1' has no '.' (expected ACTIVITY.NUMBER such as G-SM-1-A.1)" },
		{ "id-empty-activity.csv", "2: id '.1' has an empty activity code before the '.'" },
		{ "level-4.csv", "4: item 'G-SM-2-A.1': level '4' is not 1, 2 or 3" },
		{ "activity-disagrees.csv", "3: activity 'G-SM-1-A': column 'question' is "
		  "'Do you know the budget limits?' here but 'Do you understand the budget limits?' on line 2" },
		{ "practice-disagrees.csv", "3: practice 'SM': column 'practice' is "
		  "'Strategy and Metrics' here but 'Strategy & Metrics' on line 2" },
		{ "stream-disagrees.csv", "3: stream 'SM-A': column 'stream_name' is "
		  "'Create & Promote' here but 'Create and Promote' on line 2" },
		{ "empty-criterion.csv", "3: item 'G-SM-1-A.2': empty criterion" },
		{ "bad-utf8.csv", "3: invalid UTF-8 (byte 138 of the line)" },
		{ "nul-byte.csv", "3: NUL byte in the file" },
		{ "unterminated-quote.csv", "6: unterminated quoted field" },
		{ "stray-quote.csv", "5: misplaced quote (a quote inside an unquoted field, "
		  "or text after a closing quote)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[256], want[1024];
		struct samm_model *m = &sentinel;
		struct samm_error err = { 0 };
		char *bytes = (char *)"untouched";
		size_t n = 7;
		snprintf(path, sizeof path, "tests/fixtures/bad/model-%s", cases[i].file);
		snprintf(want, sizeof want, "%s:%s", path, cases[i].msg);
		assert_int_equal(samm_model_load_file(path, &m, &bytes, &n, &err), SAMM_PARSE);
		assert_string_equal(err.msg, want);
		assert_ptr_equal(m, &sentinel);
		assert_string_equal(bytes, "untouched");
		assert_int_equal(n, 7);
	}
}

static void test_bad_in_memory(void **state)
{
	(void)state;
	const char *row = "X-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit\n";
	char buf[1024];

	/* blank lines and a quoted newline still give physical line numbers */
	snprintf(buf, sizeof buf, "\r\n" TINY_HEADER "\r\n\r\n%s\n\"X-P-1-A.2\",F,P,Practice,A,Stream,1,Act,Q?,\"a\r\nb\"\r\n"
		 "\r\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,dup", row);
	parse_fails(buf, strlen(buf), "mem.csv:9: duplicate id 'X-P-1-A.1' (first on line 4)");
	/* a record after a multi-line field */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,\"a\n\nb\"\nX-P-1-A.2,F\n");
	parse_fails(buf, strlen(buf), "mem.csv:5: row has 2 fields, header has 10");
	/* only a BOM and blank lines */
	parse_fails("\xEF\xBB\xBF\n\n", 5, "mem.csv:1: empty file (no header row)");
	parse_fails("", 0, "mem.csv:1: empty file (no header row)");
	/* a BOM before a quoted header field is not a stray quote */
	struct samm_model *m = NULL;
	snprintf(buf, sizeof buf, "\xEF\xBB\xBF\"id\",function,practice_code,practice,stream,stream_name,"
		 "level,activity,question,criterion\n%s", row);
	assert_int_equal(samm_model_parse(buf, strlen(buf), "m", &m, NULL), SAMM_OK);
	assert_int_equal(m->n_items, 1);
	samm_model_free(m);
	/* levels must be exactly 1, 2 or 3 */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream, 1,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: item 'X-P-1-A.1': level ' 1' is not 1, 2 or 3");
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,0,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: item 'X-P-1-A.1': level '0' is not 1, 2 or 3");
	/* activity rows that disagree on level or function, apart in the file */
	snprintf(buf, sizeof buf, TINY_HEADER "\n%sY-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit\n"
		 "X-P-1-A.2,F,P,Practice,A,Stream,2,Act,Q?,Crit\n", row);
	parse_fails(buf, strlen(buf), "mem.csv:4: activity 'X-P-1-A': column 'level' is '2' here but '1' on line 2");
	snprintf(buf, sizeof buf, TINY_HEADER "\n%sX-P-1-A.2,G,P,Practice,A,Stream,1,Act,Q?,Crit\n", row);
	parse_fails(buf, strlen(buf), "mem.csv:3: activity 'X-P-1-A': column 'function' is 'G' here but 'F' on line 2");
	/* a practice claimed by two functions */
	snprintf(buf, sizeof buf, TINY_HEADER "\n%sX-P-2-A.1,G,P,Practice,A,Stream,2,Act,Q?,Crit\n", row);
	parse_fails(buf, strlen(buf), "mem.csv:3: practice 'P': column 'function' is 'G' here but 'F' on line 2");
	/* answers belong to the activity */
	snprintf(buf, sizeof buf, TINY_HEADER ",answer_3\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit,All\n"
		 "X-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,Crit,Every\n");
	parse_fails(buf, strlen(buf), "mem.csv:3: activity 'X-P-1-A': column 'answer_3' is 'Every' here but 'All' on line 2");
	/* each required text */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,,Practice,A,Stream,1,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: item 'X-P-1-A.1': empty practice_code");
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,,Stream,1,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: item 'X-P-1-A.1': empty stream");
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: item 'X-P-1-A.1': empty question");
	/* text after a closing quote, and an unterminated quote without a final newline */
	snprintf(buf, sizeof buf, TINY_HEADER "\n\"X-P-1-A.1\"x,F,P,Practice,A,Stream,1,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: misplaced quote (a quote inside an unquoted field, "
		    "or text after a closing quote)");
	snprintf(buf, sizeof buf, TINY_HEADER "\n%sX-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,\"Crit", row);
	parse_fails(buf, strlen(buf), "mem.csv:3: unterminated quoted field");
	/* an overlong encoding on line 2 */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,\xC0\xAF\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: invalid UTF-8 (byte 42 of the line)");
}

static void test_load_file(void **state)
{
	(void)state;
	struct samm_model *m = &sentinel;
	struct samm_error err = { 0 };
	char *bytes = NULL;
	size_t n = 0, len;
	char *want = read_all(FIX "tiny.csv", &len);

	assert_int_equal(samm_model_load_file(FIX "no-such-file.csv", &m, &bytes, &n, &err), SAMM_IO);
	assert_string_equal(err.msg, FIX "no-such-file.csv: No such file or directory");
	assert_ptr_equal(m, &sentinel);
	assert_int_equal(samm_model_load_file(FIX, &m, NULL, NULL, &err), SAMM_IO);
	assert_string_equal(err.msg, FIX ": Is a directory");

	assert_int_equal(samm_model_load_file(FIX "tiny.csv", &m, &bytes, &n, &err), SAMM_OK);
	assert_int_equal(n, len);
	assert_memory_equal(bytes, want, len);
	assert_string_equal(m->hash, "7c9f6e1246a66b9c4356181da7ba120f0d8babab201df738527b545f25f1e342");
	samm_model_free(m);
	free(bytes);
	free(want);
}

/* ---- Looking things up ---------------------------------------------------- */

static void test_resolve(void **state)
{
	(void)state;
	static const struct { const char *id; enum samm_level level; const char *rid, *name; int first, n; } cases[] = {
		{ "overall", SAMM_L_OVERALL, "overall", "Overall", 0, 294 },
		{ "OVERALL", SAMM_L_OVERALL, "overall", "Overall", 0, 294 },
		{ "Governance", SAMM_L_FUNCTION, "Governance", "Governance", 0, 62 },
		{ "design", SAMM_L_FUNCTION, "Design", "Design", 62, 59 },
		{ "OPERATIONS", SAMM_L_FUNCTION, "Operations", "Operations", 240, 54 },
		{ "SM", SAMM_L_PRACTICE, "SM", "Strategy & Metrics", 0, 23 },
		{ "sm", SAMM_L_PRACTICE, "SM", "Strategy & Metrics", 0, 23 },
		{ "SM-A", SAMM_L_STREAM, "SM-A", "Create and Promote", 0, 13 },
		{ "sm-b", SAMM_L_STREAM, "SM-B", NULL, 13, 10 },
		{ "G-SM-1-A", SAMM_L_ACTIVITY, "G-SM-1-A", "Identify the organization's risk appetite", 0, 4 },
		{ "G-SM-2-A", SAMM_L_ACTIVITY, "G-SM-2-A", NULL, 4, 5 },
		{ "G-SM-1-A.2", SAMM_L_ITEM, "G-SM-1-A.2", "The organization's leadership vet and approve the set of risks", 1, 1 },
		{ "O-OM-3-B.3", SAMM_L_ITEM, "O-OM-3-B.3", "You review the process at least annually", 293, 1 },
	};
	struct samm_model *m = bundled();
	struct samm_error err = { 0 };
	struct samm_ref ref;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int first = -1, n = -1;
		assert_int_equal(samm_model_resolve(m, cases[i].id, &ref, &err), SAMM_OK);
		assert_int_equal(ref.level, cases[i].level);
		assert_string_equal(samm_model_ref_id(m, ref), cases[i].rid);
		if (cases[i].name)
			assert_string_equal(samm_model_ref_name(m, ref), cases[i].name);
		samm_model_ref_items(m, ref, &first, &n);
		assert_int_equal(first, cases[i].first);
		assert_int_equal(n, cases[i].n);
	}
	assert_int_equal(samm_model_find_item(m, "G-SM-1-A.1"), 0);
	assert_int_equal(samm_model_find_item(m, "g-sm-1-a.1"), -1);
	assert_int_equal(samm_model_find_item(m, "G-SM-1-A"), -1);

	/* activity codes and item ids are exact; an unknown id is named */
	const char *unknown[] = { "XX", "g-sm-1-a", "G-SM-1-A.9", "SM-C", "", "Governance " };
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		char want[128];
		ref.level = SAMM_L_ITEM;
		ref.index = 7;
		assert_int_equal(samm_model_resolve(m, unknown[i], &ref, &err), SAMM_NOTFOUND);
		assert_int_equal(err.code, SAMM_NOTFOUND);
		snprintf(want, sizeof want, "unknown id '%s' (expected a function name", unknown[i]);
		assert_non_null(strstr(err.msg, want));
		assert_int_equal(ref.index, 7);
	}
	samm_model_free(m);
}

struct walk_log {
	char text[4096];
	int calls, stop_at;
};

static int walk_cb(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct walk_log *log = ud;
	size_t used = strlen(log->text);
	snprintf(log->text + used, sizeof log->text - used, "%s%s", used ? " " : "",
		 samm_model_ref_id(m, ref));
	return ++log->calls == log->stop_at ? 42 : 0;
}

static void test_walk(void **state)
{
	(void)state;
	struct samm_model *m = bundled();
	struct walk_log log = { .stop_at = -1 };

	assert_int_equal(samm_model_walk(m, SAMM_L_PRACTICE, walk_cb, &log), 0);
	assert_string_equal(log.text, "overall Governance SM PC EG Design TA SR SA "
			    "Implementation SB SD DM Verification AA RT ST Operations IM EM OM");

	memset(&log, 0, sizeof log);
	log.stop_at = 4;
	assert_int_equal(samm_model_walk(m, SAMM_L_ITEM, walk_cb, &log), 42);
	assert_string_equal(log.text, "overall Governance SM SM-A");
	samm_model_free(m);

	m = load(FIX "tiny.csv");
	memset(&log, 0, sizeof log);
	log.stop_at = -1;
	assert_int_equal(samm_model_walk(m, SAMM_L_ITEM, walk_cb, &log), 0);
	assert_string_equal(log.text, "overall Governance SM SM-A G-SM-1-A G-SM-1-A.1 G-SM-1-A.2 "
			    "G-SM-2-A G-SM-2-A.1 SM-B G-SM-1-B G-SM-1-B.1 G-SM-2-B G-SM-2-B.1 G-SM-2-B.2");
	memset(&log, 0, sizeof log);
	log.stop_at = -1;
	assert_int_equal(samm_model_walk(m, SAMM_L_OVERALL, walk_cb, &log), 0);
	assert_string_equal(log.text, "overall");
	memset(&log, 0, sizeof log);
	log.stop_at = -1;
	assert_int_equal(samm_model_walk(m, SAMM_L_STREAM, walk_cb, &log), 0);
	assert_string_equal(log.text, "overall Governance SM SM-A SM-B");
	samm_model_free(m);
}

static void test_level_names(void **state)
{
	(void)state;
	static const char *const names[] = { "overall", "function", "practice", "stream", "activity", "item" };
	for (int i = 0; i < 6; i++) {
		assert_string_equal(samm_level_name((enum samm_level)i), names[i]);
		assert_int_equal(samm_level_parse(names[i]), i);
	}
	assert_int_equal(samm_level_parse("Practice"), SAMM_L_PRACTICE);
	assert_int_equal(samm_level_parse("criterion"), -1);
	assert_int_equal(samm_level_parse(""), -1);
}

/* 100,000 items: 5 functions x 10 practices x 2 streams x 2 levels = 200
 * activities of 500 items, rows interleaved across activities. */
static void test_large_model(void **state)
{
	(void)state;
	size_t cap = 100000 * 120 + 256, len = 0;
	char *buf = malloc(cap);
	struct samm_model *m = NULL;
	struct samm_error err = { 0 };

	assert_non_null(buf);
	len += (size_t)sprintf(buf, TINY_HEADER "\n");
	for (int n = 1; n <= 500; n++)
		for (int f = 0; f < 5; f++)
			for (int p = 0; p < 10; p++)
				for (int s = 0; s < 2; s++)
					for (int l = 1; l <= 2; l++)
						len += (size_t)snprintf(buf + len, cap - len,
							"F%d-P%d%d-%d-%c.%d,Function %d,P%d%d,Practice %d%d,%c,Stream %c,%d,"
							"Activity,Question?,Criterion %d\n",
							f, f, p, l, 'A' + s, n, f, f, p, f, p, 'A' + s, 'A' + s, l, n);
	assert_true(len < cap);
	assert_int_equal(samm_model_parse(buf, len, "big.csv", &m, &err), SAMM_OK);
	assert_int_equal(m->n_items, 100000);
	assert_int_equal(m->n_activities, 200);
	assert_int_equal(m->n_streams, 100);
	assert_int_equal(m->n_practices, 50);
	assert_int_equal(m->n_functions, 5);
	assert_string_equal(m->items[0].id, "F0-P00-1-A.1");
	assert_string_equal(m->items[499].id, "F0-P00-1-A.500");
	assert_string_equal(m->items[500].id, "F0-P00-2-A.1");
	assert_string_equal(m->items[99999].id, "F4-P49-2-B.500");
	assert_int_equal(m->activities[199].n_items, 500);
	assert_int_equal(samm_model_find_item(m, "F3-P37-2-B.250"), 3 * 20000 + 7 * 2000 + 1000 + 500 + 249);
	samm_model_free(m);
	free(buf);
}

/* Line numbers count LF, CRLF (once) and a lone CR (old Mac files) alike,
 * outside quotes and inside them, blank lines included. */
static void test_line_ends(void **state)
{
	(void)state;
	const char *row = "X-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit";
	char buf[2048];

	/* CR only: header 1, row 2, blank 3, duplicate 4 */
	snprintf(buf, sizeof buf, TINY_HEADER "\r%s\r\r%s\r", row, row);
	parse_fails(buf, strlen(buf), "mem.csv:4: duplicate id 'X-P-1-A.1' (first on line 2)");
	/* no line end at the very end */
	snprintf(buf, sizeof buf, TINY_HEADER "\r%s\r\r%s", row, row);
	parse_fails(buf, strlen(buf), "mem.csv:4: duplicate id 'X-P-1-A.1' (first on line 2)");
	/* every kind mixed, blank lines of each kind, and line ends of each
	 * kind inside a quoted field (lines 3 to 6) */
	snprintf(buf, sizeof buf, TINY_HEADER "\r\n%s\r\r\n\n"
		 "X-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,\"a\rb\r\nc\nd\"\r"
		 "\n\r%s\n", row, row);
	parse_fails(buf, strlen(buf), "mem.csv:10: duplicate id 'X-P-1-A.1' (first on line 2)");
	/* the line of a misplaced quote, of an unterminated one, of bad
	 * UTF-8 and of a NUL, with CR line ends */
	snprintf(buf, sizeof buf, TINY_HEADER "\r\r%s\rX-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,C\"rit\r",
		 row);
	parse_fails(buf, strlen(buf), "mem.csv:4: misplaced quote (a quote inside an unquoted field, "
		    "or text after a closing quote)");
	snprintf(buf, sizeof buf, TINY_HEADER "\r%s\r\rX-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,\"Crit\r\r",
		 row);
	parse_fails(buf, strlen(buf), "mem.csv:4: unterminated quoted field");
	snprintf(buf, sizeof buf, TINY_HEADER "\r%s\rX-P-1-A.2,F,P,Practice,A,Stream,1,Act,Q?,\xFF\r", row);
	parse_fails(buf, strlen(buf), "mem.csv:3: invalid UTF-8 (byte 42 of the line)");
	snprintf(buf, sizeof buf, TINY_HEADER "\r\r\n\r%s", row);
	buf[strlen(buf) - 3] = '\0';
	parse_fails(buf, strlen(TINY_HEADER) + 4 + strlen(row), "mem.csv:4: NUL byte in the file");
}

/* Spaces and tabs are data wherever they are (libcsv would trim them
 * around unquoted fields), and a space next to a quote is a misplaced
 * quote, as in strict CSV. */
static void test_spaces_kept(void **state)
{
	(void)state;
	char buf[1024];
	struct samm_model *m = parse(TINY_HEADER "\n"
				     " X-P-1-A.1\t, F ,P,Practice\t\t,A,Stream  ,1,\tAct,Q? , Crit \n"
				     " X-P-1-A.2\t, F ,P,Practice\t\t,A,Stream  ,1,\tAct,Q? ,\t\n");
	assert_string_equal(m->items[0].id, " X-P-1-A.1\t");
	assert_string_equal(m->items[0].criterion, " Crit ");
	assert_string_equal(m->items[1].criterion, "\t");
	assert_string_equal(m->functions[0].name, " F ");
	assert_string_equal(m->practices[0].name, "Practice\t\t");
	assert_string_equal(m->streams[0].name, "Stream  ");
	assert_string_equal(m->activities[0].code, " X-P-1-A");
	assert_string_equal(m->activities[0].title, "\tAct");
	assert_string_equal(m->activities[0].question, "Q? ");
	/* ids with spaces are found as they are */
	assert_int_equal(samm_model_find_item(m, " X-P-1-A.2\t"), 1);
	assert_int_equal(samm_model_find_item(m, "X-P-1-A.2"), -1);
	struct samm_ref ref;
	assert_int_equal(samm_model_resolve(m, " f ", &ref, NULL), SAMM_OK);
	assert_int_equal(ref.level, SAMM_L_FUNCTION);
	samm_model_free(m);
	/* rows of one activity that differ only in a space */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit\n"
		 "X-P-1-A.2,F,P,Practice,A,Stream,1,Act ,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:3: activity 'X-P-1-A': column 'activity' is 'Act ' here but 'Act' on line 2");
	/* a space before an opening or after a closing quote */
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?, \"Crit\"\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: misplaced quote (a quote inside an unquoted field, "
		    "or text after a closing quote)");
	snprintf(buf, sizeof buf, TINY_HEADER "\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,\"Q?\" ,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:2: misplaced quote (a quote inside an unquoted field, "
		    "or text after a closing quote)");
	/* a header name with a space is another column */
	snprintf(buf, sizeof buf, "id ,function,practice_code,practice,stream,stream_name,level,activity,"
		 "question,criterion\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit\n");
	parse_fails(buf, strlen(buf), "mem.csv:1: missing column 'id'");
}

/* Any column named twice is refused, in time linear in the columns. */
static void test_duplicate_columns(void **state)
{
	(void)state;
	size_t cap = 100000 * 9 + 256, len;
	char *buf = malloc(cap);

	assert_non_null(buf);
	len = (size_t)snprintf(buf, cap, TINY_HEADER ",x,y,x\nX-P-1-A.1,F,P,Practice,A,Stream,1,Act,Q?,Crit,1,2,3\n");
	parse_fails(buf, len, "mem.csv:1: duplicate column 'x'");
	len = (size_t)snprintf(buf, cap, "%s", TINY_HEADER);
	for (int i = 0; i < 100000; i++)
		len += (size_t)snprintf(buf + len, cap - len, ",x%d", i);
	len += (size_t)snprintf(buf + len, cap - len, ",level\n");
	assert_true(len < cap);
	parse_fails(buf, len, "mem.csv:1: duplicate column 'level'");
	free(buf);
}

/* A model bigger than the loader's 64 KiB pieces: the hash covers every
 * byte (BOM included), a UTF-8 sequence may straddle two pieces, and a
 * file that is not text is reported as such even when a row before the
 * bad byte is wrong too. */
static void test_big_pieces(void **state)
{
	(void)state;
	size_t cap = 400000, len = 0, row2;
	char *buf = malloc(cap), hex[65];
	struct samm_model *m = NULL;
	struct samm_error err = { 0 };

	assert_non_null(buf);
	len += (size_t)sprintf(buf, "\xEF\xBB\xBF" TINY_HEADER "\n");
	row2 = len;
	for (int n = 1; len < 300000; n++) {
		len += (size_t)snprintf(buf + len, cap - len, "X-P-1-A.%d,F,P,Practice,A,Stream,1,Act,Q?,"
					"Crit \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 %d\n", n, n);
	}
	assert_int_equal(samm_model_parse(buf, len, "big.csv", &m, &err), SAMM_OK);
	samm_sha256_hex(buf, len, hex);
	assert_string_equal(m->hash, hex);
	for (int i = 0; i < m->n_items; i++)
		assert_non_null(strstr(m->items[i].criterion, "Crit \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 "));
	samm_model_free(m);

	/* the stored hash is taken as it is; anything else is computed */
	m = NULL;
	assert_int_equal(samm_model_parse_hashed(buf, len, "big.csv",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", &m, &err), SAMM_OK);
	assert_string_equal(m->hash, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	samm_model_free(m);
	m = NULL;
	assert_int_equal(samm_model_parse_hashed(buf, len, "big.csv", "0123", &m, &err), SAMM_OK);
	assert_string_equal(m->hash, hex);
	samm_model_free(m);

	/* a bad level on line 2 and a lone continuation byte near the end */
	buf[row2 + strlen("X-P-1-A.1,F,P,Practice,A,Stream,")] = '7';
	buf[len - 3] = '\x80';
	m = &sentinel;
	assert_int_equal(samm_model_parse(buf, len, "big.csv", &m, &err), SAMM_PARSE);
	assert_ptr_equal(m, &sentinel);
	assert_non_null(strstr(err.msg, "invalid UTF-8"));
	/* ... and a NUL after it wins over both */
	buf[len - 1] = '\0';
	assert_int_equal(samm_model_parse(buf, len, "big.csv", &m, &err), SAMM_PARSE);
	assert_non_null(strstr(err.msg, ": NUL byte in the file"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CSV_BOTH(test_bundled_counts),
		CSV_BOTH(test_bundled_content),
		CSV_BOTH(test_tiny),
		CSV_BOTH(test_columns_any_order),
		CSV_BOTH(test_default_answers),
		CSV_BOTH(test_bom_crlf_blank_lines),
		CSV_BOTH(test_texts_kept_exactly),
		CSV_BOTH(test_model_order),
		CSV_BOTH(test_bad_fixtures),
		CSV_BOTH(test_bad_in_memory),
		CSV_BOTH(test_load_file),
		CSV_BOTH(test_resolve),
		CSV_BOTH(test_walk),
		CSV_BOTH(test_level_names),
		CSV_BOTH(test_large_model),
		CSV_BOTH(test_line_ends),
		CSV_BOTH(test_spaces_kept),
		CSV_BOTH(test_duplicate_columns),
		CSV_BOTH(test_big_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
