/* test_toolbox.c - reading Toolbox workbooks (small invented ones, built
 * here with libzip) and writing the bundled template back and forth. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "samm/model.h"
#include "samm/store.h"
#include "samm/toolbox.h"
#include "samm/value.h"
#include "samm/xlsx.h"

static struct samm_model *model;

static int setup(void **state)
{
	struct samm_error err;
	(void)state;
	return samm_model_parse((const char *)samm_bundled_model, samm_bundled_model_len,
				"samm-2.0.csv", &model, &err);
}

static int teardown(void **state)
{
	(void)state;
	samm_model_free(model);
	return 0;
}

/* A ZIP in memory from (name, text) pairs; caller frees *out. */
static void mkzip(const char *const *parts, int n, char **out, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_keep(src);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[2 * i + 1], strlen(parts[2 * i + 1]), 0);
		assert_true(zip_file_add(za, parts[2 * i], s, 0) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	zip_stat_t st;
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	*out = malloc(st.size);
	assert_int_equal(zip_source_read(src, *out, st.size), (zip_int64_t)st.size);
	*len = st.size;
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

#define WB "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" \
	"<sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Interview\" sheetId=\"2\" r:id=\"rId7\"/>" \
	"</sheets></workbook>"
/* The Interview sheet lives under an odd name, reached through the rels. */
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	"<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/odd/answers.xml\"/>" \
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
	"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>" \
	"</Relationships>"
#define SST "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<si><t>D-SA-B-2-1</t></si><si><r><t xml:space=\"preserve\">Yes, for some </t></r><r><t>of the technology domains</t></r><rPh><t>x</t></rPh></si></sst>"
#define SHEET(rows) "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
	rows "</sheetData></worksheet>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

static enum samm_status read_sheet(const char *sheet, struct samm_toolbox **tb, struct samm_error *err)
{
	const char *parts[] = { "xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS,
				"xl/strings.xml", SST, "xl/odd/answers.xml", sheet,
				"xl/worksheets/sheet1.xml", SHEET("") };
	char *buf;
	size_t len;
	mkzip(parts, 5, &buf, &len);
	enum samm_status rc = samm_toolbox_read(model, buf, len, "t.xlsx", tb, err);
	free(buf);
	return rc;
}

static int act(const char *code)
{
	struct samm_ref r;
	assert_int_equal(samm_model_resolve(model, code, &r, NULL), SAMM_OK);
	return r.index;
}

/* Inline and shared strings; without imp- sheets the model's labels count. */
static void test_read_inline_and_shared(void **state)
{
	struct samm_toolbox *tb;
	struct samm_error err;
	(void)state;
	assert_int_equal(read_sheet(SHEET(
		"<row r=\"11\">" IS("D11", "Team &amp; B") "</row>"
		"<row r=\"12\">" IS("D12", "2024-05-02") "</row>"
		"<row r=\"18\">" IS("A18", "G-SM-A-1-1") IS("F18", " Yes, it covers organization-specific risks ")
		IS("I18", "first\nsecond") "</row>"
		"<row r=\"20\"><c r=\"A20\" t=\"s\"><v>0</v></c><c r=\"F20\" t=\"s\"><v>1</v></c></row>"
		"<row r=\"22\">" IS("A22", "I-SB-A-1-1") "<c r=\"F22\"/>" IS("I22", "only a note") "</row>"),
		&tb, &err), SAMM_OK);
	assert_int_equal(tb->n_answers, 3);
	assert_int_equal(tb->act_value[act("G-SM-1-A")], SAMM_HALF);
	assert_int_equal(tb->act_value[act("D-SA-2-B")], SAMM_SOME);
	assert_int_equal(tb->act_value[act("I-SB-1-A")], SAMM_UNSET);
	assert_string_equal(tb->notes[act("G-SM-1-A")], "first\nsecond");
	assert_string_equal(tb->team, "Team & B");
	assert_string_equal(tb->date, "2024-05-02");
	/* every criterion of the two answered activities, plus the lone note */
	size_t want = (size_t)model->activities[act("G-SM-1-A")].n_items +
		(size_t)model->activities[act("D-SA-2-B")].n_items + 1;
	assert_int_equal(tb->n_changes, want);
	assert_string_equal(tb->changes[0].item, "G-SM-1-A.1");
	assert_true(tb->changes[0].set_note && tb->changes[0].set_value);
	assert_false(tb->changes[1].set_note);
	samm_toolbox_free(tb);
}

static void test_date_serial(void **state)
{
	struct samm_toolbox *tb;
	struct samm_error err;
	(void)state;
	assert_int_equal(read_sheet(SHEET("<row r=\"12\"><c r=\"D12\" s=\"3\"><v>45366</v></c></row>"
					  "<row r=\"18\">" IS("A18", "G-SM-A-1-1") "</row>"), &tb, &err), SAMM_OK);
	assert_string_equal(tb->date, "2024-03-15");
	samm_toolbox_free(tb);
	assert_int_equal(read_sheet(SHEET("<row r=\"12\">" IS("D12", "last spring") "</row>"
					  "<row r=\"18\">" IS("A18", "G-SM-A-1-1") "</row>"), &tb, &err), SAMM_OK);
	assert_string_equal(tb->date, "");
	assert_string_equal(tb->date_text, "last spring");
	samm_toolbox_free(tb);
}

static void test_refusals(void **state)
{
	static const struct { const char *sheet, *msg; } cases[] = {
		{ SHEET("<row r=\"18\">" IS("A18", "G-SM-A-1-1") IS("F18", "Maybe") "</row>"),
		  "t.xlsx: sheet Interview, cell F18: answer \"Maybe\" is in no answer set of question G-SM-A-1-1" },
		{ SHEET("<row r=\"18\">" IS("A18", "G-SM-A-1-1") "</row><row r=\"19\">" IS("A19", "G-SM-A-1-1") "</row>"),
		  "t.xlsx: sheet Interview, cell A19: question id G-SM-A-1-1 appears twice (also in A18)" },
		{ SHEET("<row r=\"18\">" IS("A18", "G-XX-A-1-1") "</row>"),
		  "t.xlsx: sheet Interview, cell A18: question G-XX-A-1-1 is not in the model" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"b\">]><w>&a;</w>",
		  "t.xlsx: sheet Interview: a DOCTYPE is not allowed in a workbook" },
		{ SHEET("<row r=\"100001\"><c r=\"A100001\"><v>1</v></c></row>"),
		  "t.xlsx: sheet Interview: row 100001 is beyond the limit of 100000 rows" },
		{ SHEET("<row r=\"5\"><c r=\"A5\" t=\"s\"><v>7</v></c></row>"),
		  "t.xlsx: sheet Interview: cell A5: shared string 7 does not exist" },
		{ SHEET("<row r=\"5\">" IS("A5", "x") "</row>"),
		  "t.xlsx: sheet Interview: no question ids in column A" },
		{ "<w><c></w>", "t.xlsx: sheet Interview (xl/odd/answers.xml), line 1: XML is not well-formed: mismatched tag" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct samm_toolbox *tb = NULL;
		struct samm_error err;
		assert_int_equal(read_sheet(cases[i].sheet, &tb, &err), SAMM_PARSE);
		assert_null(tb);
		assert_string_equal(err.msg, cases[i].msg);
	}
}

static void test_not_a_workbook(void **state)
{
	struct samm_toolbox *tb = NULL;
	struct samm_error err;
	const char *parts[] = { "hello.txt", "hi" };
	char *buf;
	size_t len;
	(void)state;
	assert_int_equal(samm_toolbox_read(model, "id,score\n", 9, "a.csv", &tb, &err), SAMM_PARSE);
	assert_string_equal(err.msg, "a.csv: not an .xlsx workbook (not a ZIP file)");
	mkzip(parts, 1, &buf, &len);
	assert_int_equal(samm_toolbox_read(model, buf, len, "z.xlsx", &tb, &err), SAMM_PARSE);
	assert_string_equal(err.msg, "z.xlsx: not an .xlsx workbook: the ZIP has no part xl/workbook.xml");
	free(buf);
	assert_null(tb);
}

/* The template written and read back: the values of the activities (the
 * lowest non-N/A criterion; unset and all-N/A blank), the notes joined. */
static void test_write_read_back(void **state)
{
	int n = model->n_items;
	int *value = malloc((size_t)n * sizeof *value);
	char **note = calloc((size_t)n, sizeof *note);
	char **none = calloc((size_t)n, sizeof *none);
	(void)state;
	for (int i = 0; i < n; i++)
		value[i] = model->items[i].activity % 4;      /* no some half most ... */
	int a1 = act("G-SM-1-A"), a2 = act("D-SA-1-A"), a3 = act("O-OM-3-B"), a4 = act("V-ST-2-A");
	const struct samm_activity *x = &model->activities[a1];
	value[x->first_item + 1] = SAMM_SOME;                   /* the lowest counts */
	value[x->first_item + 2] = SAMM_NA;
	note[x->first_item] = "one <&>";
	note[x->first_item + 2] = "two";
	for (int k = 0; k < model->activities[a2].n_items; k++)
		value[model->activities[a2].first_item + k] = SAMM_NA;
	value[model->activities[a3].first_item] = SAMM_UNSET;
	value[model->activities[a4].first_item] = SAMM_NA;
	struct samm_assessment a = { .model = model, .value = value, .note = note,
				     .updated_by = none, .updated_at = none };
	struct samm_toolbox_meta meta = { "Org", "Team", "2024-03-15" };
	char *out;
	size_t len;
	struct samm_error err;
	struct samm_toolbox *tb;
	assert_int_equal(samm_toolbox_write(&a, &meta, samm_bundled_toolbox, samm_bundled_toolbox_len,
					    &out, &len, &err), SAMM_OK);
	assert_int_equal(samm_toolbox_read(model, out, len, "out.xlsx", &tb, &err), SAMM_OK);
	assert_int_equal(tb->n_answers, 90);
	assert_string_equal(tb->organization, "Org");
	assert_string_equal(tb->team, "Team");
	assert_string_equal(tb->date, "2024-03-15");
	for (int i = 0; i < model->n_activities; i++) {
		int want = i % 4;
		if (i == a1)
			want = SAMM_NO < (a1 % 4) ? SAMM_SOME : SAMM_NO;
		if (i == a2 || i == a3)
			want = SAMM_UNSET;
		if (i == a4)
			want = i % 4;               /* the other criteria still answer */
		assert_int_equal(tb->act_value[i], want);
	}
	assert_string_equal(tb->notes[a1], "one <&>\ntwo");
	assert_null(tb->notes[a2]);
	samm_toolbox_free(tb);
	free(out);
	free(value);
	free(note);
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_inline_and_shared),
		cmocka_unit_test(test_date_serial),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_write_read_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
