/* test_csvw.c - the CSV writer: quoting, formula prefixes, round trip,
 * write errors. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/csvw.h"

/* An in-memory writer whose text the test reads back. */
struct sink {
	char *buf;
	size_t len;
	FILE *fp;
	struct samm_csvw w;
};

static void sink_open(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	s->fp = open_memstream(&s->buf, &s->len);
	assert_non_null(s->fp);
	samm_csv_init(&s->w, s->fp);
}

/* Finish, check success, and return the text (valid until sink_close). */
static const char *sink_text(struct sink *s)
{
	assert_int_equal(samm_csv_finish(&s->w), 0);
	return s->buf;
}

static void sink_close(struct sink *s)
{
	fclose(s->fp);
	free(s->buf);
}

/* The text one cell on its own row produces. */
static void expect_cell(const char *cell, const char *want)
{
	struct sink s;
	sink_open(&s);
	samm_csv_cell(&s.w, cell);
	samm_csv_end(&s.w);
	const char *got = sink_text(&s);
	if (strcmp(got, want) != 0)
		fail_msg("cell [%s] wrote [%s], want [%s]", cell ? cell : "(null)", got, want);
	sink_close(&s);
}

static void test_plain_and_quoting(void **state)
{
	(void)state;
	expect_cell("plain", "plain\n");
	expect_cell("caf\xc3\xa9", "caf\xc3\xa9\n");
	expect_cell("a,b", "\"a,b\"\n");
	expect_cell("say \"hi\"", "\"say \"\"hi\"\"\"\n");
	expect_cell("\"", "\"\"\"\"\n");
	expect_cell("line1\nline2", "\"line1\nline2\"\n");
	expect_cell("cr\rhere", "\"cr\rhere\"\n");
	expect_cell(" lead", "\" lead\"\n");
	expect_cell("trail ", "\"trail \"\n");
	expect_cell("in side", "in side\n");
	expect_cell("", "\n");
	expect_cell(NULL, "\n");
}

static void test_formula_prefix(void **state)
{
	(void)state;
	expect_cell("=1+1", "'=1+1\n");
	expect_cell("+1", "'+1\n");
	expect_cell("-1", "'-1\n");
	expect_cell("@SUM(A1)", "'@SUM(A1)\n");
	expect_cell("\tx", "'\tx\n");
	/* CR needs quoting too: the prefix goes inside the quotes */
	expect_cell("\rx", "\"'\rx\"\n");
	expect_cell("=HYPERLINK(\"u\",\"t\")", "\"'=HYPERLINK(\"\"u\"\",\"\"t\"\")\"\n");
	/* only the first character matters */
	expect_cell("a=b", "a=b\n");
	expect_cell("1-2", "1-2\n");
	expect_cell("'quoted", "'quoted\n");
	/* a quote the text itself starts with, before a formula character,
	 * gets one more: an importer takes exactly one off */
	expect_cell("'- keep", "''- keep\n");
	expect_cell("'=1", "''=1\n");
	expect_cell("'", "'\n");
}

/* What OWASP's CSV injection guidance covers besides the first character:
 * white space before it, the full-width and small forms, and any line of a
 * cell of several. */
static void test_formula_prefix_owasp(void **state)
{
	(void)state;
	expect_cell(" =1+1", "\"' =1+1\"\n");
	expect_cell("\t =1", "'\t =1\n");
	expect_cell("\xc2\xa0=1", "'\xc2\xa0=1\n");                 /* U+00A0 */
	expect_cell("\xef\xbc\x9d" "1+1", "'\xef\xbc\x9d" "1+1\n");  /* U+FF1D */
	expect_cell("\xef\xbc\x8b" "1", "'\xef\xbc\x8b" "1\n");      /* U+FF0B */
	expect_cell("\xef\xbc\x8d" "1", "'\xef\xbc\x8d" "1\n");      /* U+FF0D */
	expect_cell("\xef\xbc\xa0x", "'\xef\xbc\xa0x\n");            /* U+FF20 */
	expect_cell("\xef\xb9\xa6" "1", "'\xef\xb9\xa6" "1\n");      /* U+FE66 */
	expect_cell("note\n=1+1", "\"'note\n=1+1\"\n");
	expect_cell("note\r\n  @x", "\"'note\r\n  @x\"\n");
	expect_cell("a\n\nb=c", "\"a\n\nb=c\"\n");
	/* other full-width text and formula characters inside stay as they are */
	expect_cell("\xef\xbc\xa1=1", "\xef\xbc\xa1=1\n");            /* U+FF21 */
	expect_cell("x = y", "x = y\n");
	/* the text's own quotes are looked past: one more goes in front */
	expect_cell("''=1", "'''=1\n");
	expect_cell("' =1", "'' =1\n");
	expect_cell("'a\n-b", "\"''a\n-b\"\n");
	expect_cell("''quoted", "''quoted\n");
}

static void test_rows_and_numbers(void **state)
{
	(void)state;
	struct sink s;
	sink_open(&s);
	samm_csv_cell(&s.w, "level");
	samm_csv_cell(&s.w, NULL);
	samm_csv_cell(&s.w, "");
	samm_csv_num(&s.w, -0.5);
	samm_csv_num(&s.w, 2.0 / 3);
	samm_csv_num(&s.w, 3);
	samm_csv_num(&s.w, -0.0);
	samm_csv_end(&s.w);
	const char *const row[] = { "a", NULL, "-x", "b,c" };
	samm_csv_row(&s.w, row, 4);
	samm_csv_row(&s.w, row, 0);
	assert_string_equal(sink_text(&s),
			    "level,,,-0.5,0.666667,3,0\n"
			    "a,,'-x,\"b,c\"\n"
			    "\n");
	sink_close(&s);
}

/* ---- Round trip through libcsv ---------------------------------------- */

#define RT_MAX 16

struct rt {
	char *field[RT_MAX][RT_MAX];
	int nf[RT_MAX];
	int nrows;
};

static void rt_field(void *data, size_t len, void *ud)
{
	struct rt *rt = ud;
	assert_true(rt->nrows < RT_MAX && rt->nf[rt->nrows] < RT_MAX);
	char *f = malloc(len + 1);
	assert_non_null(f);
	if (len)
		memcpy(f, data, len);
	f[len] = '\0';
	rt->field[rt->nrows][rt->nf[rt->nrows]++] = f;
}

static void rt_row(int c, void *ud)
{
	(void)c;
	struct rt *rt = ud;
	rt->nrows++;
}

static int rt_keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

static void test_round_trip(void **state)
{
	(void)state;
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "multi\nline\r\nend", " both ",
		"", "caf\xc3\xa9 \xe2\x80\x99", "\"", ",", "x",
	};
	const int n = (int)(sizeof cells / sizeof cells[0]);
	struct sink s;
	sink_open(&s);
	samm_csv_row(&s.w, cells, n);
	samm_csv_cell(&s.w, "second");
	samm_csv_num(&s.w, 0.25);
	samm_csv_end(&s.w);
	const char *text = sink_text(&s);

	struct rt rt;
	memset(&rt, 0, sizeof rt);
	struct csv_parser p;
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	/* with libcsv's default trimming " both " would come back as "both"
	 * even unquoted: keep spaces so the test sees what a strict reader
	 * would */
	csv_set_space_func(&p, rt_keep_spaces);
	size_t len = strlen(text);
	assert_int_equal(csv_parse(&p, text, len, rt_field, rt_row, &rt), len);
	assert_int_equal(csv_fini(&p, rt_field, rt_row, &rt), 0);
	csv_free(&p);

	assert_int_equal(rt.nrows, 2);
	assert_int_equal(rt.nf[0], n);
	for (int i = 0; i < n; i++)
		assert_string_equal(rt.field[0][i], cells[i]);
	assert_int_equal(rt.nf[1], 2);
	assert_string_equal(rt.field[1][0], "second");
	assert_string_equal(rt.field[1][1], "0.25");

	for (int r = 0; r < rt.nrows; r++)
		for (int i = 0; i < rt.nf[r]; i++)
			free(rt.field[r][i]);
	sink_close(&s);
}

/* ---- Write errors ------------------------------------------------------ */

static void test_dev_full(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/full", "w");
	if (!fp)
		skip();
	struct samm_csvw w;
	samm_csv_init(&w, fp);
	samm_csv_cell(&w, "id");
	samm_csv_num(&w, 1);
	samm_csv_end(&w);
	/* buffered: the failure may only show at the flush */
	assert_int_not_equal(samm_csv_finish(&w), 0);
	/* sticky: still failed */
	assert_int_not_equal(samm_csv_finish(&w), 0);
	fclose(fp);
}

static void test_dev_full_unbuffered(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/full", "w");
	if (!fp)
		skip();
	setvbuf(fp, NULL, _IONBF, 0);
	struct samm_csvw w;
	samm_csv_init(&w, fp);
	samm_csv_cell(&w, "id");
	/* the failed write is remembered before any flush */
	assert_int_equal(w.err, 1);
	assert_int_not_equal(samm_csv_finish(&w), 0);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoting),
		cmocka_unit_test(test_formula_prefix),
		cmocka_unit_test(test_formula_prefix_owasp),
		cmocka_unit_test(test_rows_and_numbers),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_dev_full),
		cmocka_unit_test(test_dev_full_unbuffered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
