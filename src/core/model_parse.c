/* model_parse.c - pass 1 of loading a maturity model: CSV rows to raw nodes.
 *
 * libcsv streams the rows (csvrec.h); each data row is checked and recorded
 * as a "raw" item pointing at raw functions, practices, streams and
 * activities, created in order of first appearance and found again through
 * the hash index (model_int.h).  Rows that contradict an earlier row of the
 * same activity, practice or stream are rejected here.  All strings go into
 * the arena, which never moves, so pointers taken here stay valid in the
 * finished model (model_build.c). */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "csvline.h"
#include "csvrec.h"
#include "model_int.h"
#include "vec.h"

/* ---- Columns ----------------------------------------------------------- */

enum col {
	C_ID, C_FUNCTION, C_PRACTICE_CODE, C_PRACTICE, C_STREAM, C_STREAM_NAME,
	C_LEVEL, C_ACTIVITY, C_QUESTION, C_CRITERION,
	C_ANSWER_0, C_ANSWER_1, C_ANSWER_2, C_ANSWER_3,
	C_COUNT
};
#define C_REQUIRED C_ANSWER_0

static const char *const col_names[C_COUNT] = {
	"id", "function", "practice_code", "practice", "stream", "stream_name",
	"level", "activity", "question", "criterion",
	"answer_0", "answer_1", "answer_2", "answer_3",
};

static const char *const default_answers[4] = { "No", "Some", "Half", "Most or all" };

/* ---- Pass 1: raw nodes in order of first appearance --------------------- */

struct parser {
	const char *fname;
	struct samm_error *err;
	enum samm_status status;        /* first failure; stops everything */
	struct model_raw *raw;          /* what the rows make */
	struct samm_csvrec rd;          /* libcsv and the current record */

	/* line bookkeeping: see parser_cb_row() */
	long line;                      /* line where the next record starts */
	long row_line;                  /* line where the current record starts */
	int last_row_c;                 /* how the last row ended (cb2's c) */

	int header_done;
	int ncols;                      /* fields in the header */
	int col[C_COUNT];               /* field index of each column or -1 */
	long header_line;
	/* runs [first, last] of adjacent fields that belong to the activity */
	int runs[C_COUNT][2], nruns;

	/* the previous record (swapped with the current one after each row)
	 * and the activity it belonged to, or -1: see parser_same_activity() */
	struct samm_csvrow prev;
	int prev_act;

	char *scratch;                  /* stream code / activity code builder */
	size_t scratch_cap;
};

/* Append one zeroed element to vec; evaluates to its index or -1. */
#define VEC_PUSH(vec) \
	(samm_grow((void **)&(vec).v, &(vec).cap, (size_t)(vec).n + 1, sizeof *(vec).v) ? -1 : \
	 (memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), (vec).n++))

static enum samm_status parser_fail(struct parser *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record the first error as "fname:line: message". */
static enum samm_status parser_fail(struct parser *p, long line, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	if (p->status)
		return p->status;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->status = SAMM_PARSE;
	p->rd.stop = 1;
	samm_error_set(p->err, SAMM_PARSE, "%s:%ld: %s", p->fname, line, msg);
	return p->status;
}

static enum samm_status parser_nomem(struct parser *p)
{
	if (!p->status)
		p->status = samm_error_set(p->err, SAMM_NOMEM, "%s: out of memory", p->fname);
	p->rd.stop = 1;
	return p->status;
}

/* Field i of the current record. */
static const char *parser_field(const struct parser *p, int i)
{
	return samm_csvrow_field(&p->rd.row, i);
}

/* Column c of the current record; "" for an absent optional column. */
static const char *parser_col(const struct parser *p, enum col c)
{
	return p->col[c] < 0 ? "" : parser_field(p, p->col[c]);
}

static const char *parser_intern(struct parser *p, const char *s)
{
	const char *r = samm_arena_strndup(&p->raw->arena, s, strlen(s));
	if (!r)
		parser_nomem(p);
	return r;
}

/* Build "a" "sep" "b" in the scratch buffer. */
static const char *parser_join(struct parser *p, const char *a, size_t alen,
			       const char *sep, const char *b)
{
	size_t slen = strlen(sep), blen = strlen(b), need = alen + slen + blen + 1;
	if (samm_grow((void **)&p->scratch, &p->scratch_cap, need, 1)) {
		parser_nomem(p);
		return NULL;
	}
	memcpy(p->scratch, a, alen);
	memcpy(p->scratch + alen, sep, slen);
	memcpy(p->scratch + alen + slen, b, blen + 1);
	return p->scratch;
}

/* The header row: find the columns and refuse a repeated one.  Linear in
 * the number of columns, however many there are: each name is looked up
 * once in a hash set of the names seen so far. */
static void parser_header(struct parser *p)
{
	struct index seen = { 0 };

	p->header_done = 1;
	p->header_line = p->row_line;
	p->ncols = p->rd.row.nf;
	for (int c = 0; c < C_COUNT; c++)
		p->col[c] = -1;
	if (samm_index_reserve(&seen, (size_t)p->rd.row.nf)) {
		parser_nomem(p);
		return;
	}
	for (int i = 0; i < p->rd.row.nf; i++) {
		const char *name = parser_field(p, i);
		uint32_t h = samm_index_hash(IK_COLUMN, name);
		if (samm_index_find_h(&seen, IK_COLUMN, name, h, 1) >= 0) {
			parser_fail(p, p->row_line, "duplicate column '%s'", name);
			goto out;
		}
		if (samm_index_add_h(&seen, IK_COLUMN, name, h, i)) {
			parser_nomem(p);
			goto out;
		}
		for (int c = 0; c < C_COUNT; c++)
			if (strcmp(col_names[c], name) == 0)
				p->col[c] = i;
	}
	for (int c = 0; c < C_REQUIRED; c++)
		if (p->col[c] < 0) {
			parser_fail(p, p->row_line, "missing column '%s'", col_names[c]);
			goto out;
		}
	/* the runs of fields that parser_check_activity() looks at */
	p->nruns = 0;
	for (int i = 0; i < p->rd.row.nf; i++) {
		int owned = 0;
		for (int c = C_FUNCTION; c < C_COUNT; c++)
			if (p->col[c] == i && c != C_CRITERION)
				owned = 1;
		if (!owned)
			continue;
		if (p->nruns && p->runs[p->nruns - 1][1] == i - 1)
			p->runs[p->nruns - 1][1] = i;
		else {
			p->runs[p->nruns][0] = p->runs[p->nruns][1] = i;
			p->nruns++;
		}
	}
out:
	free(seen.slots);
}

/* Compare column c of the current record with what an earlier record of
 * the same node said; fail naming the node and the column. */
static int parser_agree(struct parser *p, const char *what, const char *node,
			enum col c, const char *value, const char *first, long first_line)
{
	if (strcmp(value, first) == 0)
		return 1;
	parser_fail(p, p->row_line, "%s '%s': column '%s' is '%s' here but '%s' on line %ld",
		    what, node, col_names[c], value, first, first_line);
	return 0;
}

/* The record's answers: the optional columns, or the default labels. */
static void parser_answers(const struct parser *p, const char *ans[4])
{
	for (int k = 0; k < 4; k++)
		ans[k] = p->col[C_ANSWER_0 + k] < 0 ? default_answers[k]
						    : parser_col(p, C_ANSWER_0 + k);
}

/* Does the current record hold, in every column parser_check_activity()
 * looks at, the same bytes as the previous record?  When that one belonged
 * to the same activity it has been checked already, and a couple of
 * memcmp()s over the runs of adjacent such columns (with the NULs between
 * the fields) replace a dozen string comparisons: the items of an activity
 * follow one another in a model. */
static int parser_same_activity(const struct parser *p)
{
	const struct samm_csvrow *cur = &p->rd.row, *prev = &p->prev;

	for (int r = 0; r < p->nruns; r++) {
		int first = p->runs[r][0], last = p->runs[r][1];
		size_t a = cur->off[first], b = last + 1 < cur->nf ? cur->off[last + 1] : cur->len;
		size_t pa = prev->off[first], pb = last + 1 < cur->nf ? prev->off[last + 1] : prev->len;
		if (b - a != pb - pa || memcmp(cur->buf + a, prev->buf + pa, b - a) != 0)
			return 0;
	}
	return 1;
}

/* The current record becomes the previous one (see parser_same_activity());
 * the old previous buffers are reused for the next record. */
static void parser_keep_row(struct parser *p, int ai)
{
	struct samm_csvrow t = p->prev;

	p->prev = p->rd.row;
	p->rd.row = t;
	p->prev_act = ai;
}

/* Check that an existing activity agrees with this record in every
 * column that belongs to the activity (and, through it, its stream,
 * practice and function). */
static int parser_check_activity(struct parser *p, const struct raw_activity *a)
{
	const struct raw_stream *s = &p->raw->streams.v[a->stream];
	const struct raw_practice *pr = &p->raw->pracs.v[s->practice];
	const char *fn = p->raw->funcs.v[pr->function].name;
	const char *ans[4];
	char lvl[2] = { (char)('0' + a->level), '\0' };
	long l = a->line;

	parser_answers(p, ans);
	if (!parser_agree(p, "activity", a->code, C_FUNCTION, parser_col(p, C_FUNCTION), fn, l) ||
	    !parser_agree(p, "activity", a->code, C_PRACTICE_CODE, parser_col(p, C_PRACTICE_CODE), pr->code, l) ||
	    !parser_agree(p, "activity", a->code, C_PRACTICE, parser_col(p, C_PRACTICE), pr->name, l) ||
	    !parser_agree(p, "activity", a->code, C_STREAM, parser_col(p, C_STREAM), s->letter, l) ||
	    !parser_agree(p, "activity", a->code, C_STREAM_NAME, parser_col(p, C_STREAM_NAME), s->name, l) ||
	    !parser_agree(p, "activity", a->code, C_LEVEL, parser_col(p, C_LEVEL), lvl, l) ||
	    !parser_agree(p, "activity", a->code, C_ACTIVITY, parser_col(p, C_ACTIVITY), a->title, l) ||
	    !parser_agree(p, "activity", a->code, C_QUESTION, parser_col(p, C_QUESTION), a->question, l))
		return 0;
	for (int k = 0; k < 4; k++)
		if (!parser_agree(p, "activity", a->code, C_ANSWER_0 + k, ans[k], a->answers[k], l))
			return 0;
	return 1;
}

/* Find or create the practice, its function and its stream of this
 * record; returns the raw stream index or -1. */
static int parser_stream(struct parser *p)
{
	const char *code = parser_col(p, C_PRACTICE_CODE);
	const char *letter = parser_col(p, C_STREAM);
	const char *scode;
	int pi, si;

	pi = samm_index_find(&p->raw->index, IK_PRACTICE, code, 1);
	if (pi >= 0) {
		const struct raw_practice *pr = &p->raw->pracs.v[pi];
		if (!parser_agree(p, "practice", code, C_FUNCTION, parser_col(p, C_FUNCTION),
				  p->raw->funcs.v[pr->function].name, pr->line) ||
		    !parser_agree(p, "practice", code, C_PRACTICE, parser_col(p, C_PRACTICE),
				  pr->name, pr->line))
			return -1;
	} else {
		const char *fname = parser_col(p, C_FUNCTION);
		int fi = samm_index_find(&p->raw->index, IK_FUNCTION, fname, 1);
		if (fi < 0) {
			const char *name = parser_intern(p, fname);
			if (!name || (fi = VEC_PUSH(p->raw->funcs)) < 0 ||
			    samm_index_add(&p->raw->index, IK_FUNCTION, name, fi)) {
				parser_nomem(p);
				return -1;
			}
			p->raw->funcs.v[fi].name = name;
		}
		const char *c = parser_intern(p, code);
		const char *n = parser_intern(p, parser_col(p, C_PRACTICE));
		if (!c || !n || (pi = VEC_PUSH(p->raw->pracs)) < 0 ||
		    samm_index_add(&p->raw->index, IK_PRACTICE, c, pi)) {
			parser_nomem(p);
			return -1;
		}
		p->raw->pracs.v[pi] = (struct raw_practice){ c, n, fi, p->row_line };
	}

	scode = parser_join(p, code, strlen(code), "-", letter);
	if (!scode)
		return -1;
	si = samm_index_find(&p->raw->index, IK_STREAM, scode, 1);
	if (si >= 0 && p->raw->streams.v[si].practice != pi) {
		/* practice "A-B" stream "C" against practice "A" stream "B-C" */
		parser_fail(p, p->row_line, "stream code '%s' names streams of two practices", scode);
		return -1;
	}
	if (si >= 0) {
		const struct raw_stream *s = &p->raw->streams.v[si];
		if (!parser_agree(p, "stream", s->code, C_STREAM_NAME, parser_col(p, C_STREAM_NAME),
				  s->name, s->line))
			return -1;
		return si;
	}
	const char *sc = parser_intern(p, scode);
	const char *sl = sc ? sc + strlen(code) + 1 : NULL;   /* the letter is the code's tail */
	const char *sn = parser_intern(p, parser_col(p, C_STREAM_NAME));
	if (!sc || !sn || (si = VEC_PUSH(p->raw->streams)) < 0 ||
	    samm_index_add(&p->raw->index, IK_STREAM, sc, si)) {
		parser_nomem(p);
		return -1;
	}
	p->raw->streams.v[si] = (struct raw_stream){ sc, sl, sn, pi, p->row_line };
	return si;
}

/* The checks of a data row (whose field count is right) that need no
 * other row; its level (1 to 3), or 0 after failing. */
static int parser_row_valid(struct parser *p, const char *id)
{
	static const enum col texts[] = {
		C_FUNCTION, C_PRACTICE_CODE, C_PRACTICE, C_STREAM, C_ACTIVITY,
		C_QUESTION, C_CRITERION,
	};
	const char *dot = strrchr(id, '.'), *lvl = parser_col(p, C_LEVEL);

	if (!*id) {
		parser_fail(p, p->row_line, "empty id");
		return 0;
	}
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!*parser_col(p, texts[i])) {
			parser_fail(p, p->row_line, "item '%s': empty %s", id, col_names[texts[i]]);
			return 0;
		}
	if (!dot) {
		parser_fail(p, p->row_line, "id '%s' has no '.' (expected ACTIVITY.NUMBER such as G-SM-1-A.1)", id);
		return 0;
	}
	if (dot == id) {
		parser_fail(p, p->row_line, "id '%s' has an empty activity code before the '.'", id);
		return 0;
	}
	if (!(lvl[0] >= '1' && lvl[0] <= '3' && lvl[1] == '\0')) {
		parser_fail(p, p->row_line, "item '%s': level '%s' is not 1, 2 or 3", id, lvl);
		return 0;
	}
	return lvl[0] - '0';
}

/* A new activity (code: id[0..alen)) from the current record, with its
 * stream, practice and function found or made; its raw index or -1. */
static int parser_new_activity(struct parser *p, const char *id, size_t alen, int level)
{
	int si = parser_stream(p), ai;
	const char *ans[4], *code, *title, *question;

	if (si < 0)
		return -1;
	code = samm_arena_strndup(&p->raw->arena, id, alen);
	title = parser_intern(p, parser_col(p, C_ACTIVITY));
	question = parser_intern(p, parser_col(p, C_QUESTION));
	if (!code || !title || !question || (ai = VEC_PUSH(p->raw->acts)) < 0 ||
	    samm_index_add(&p->raw->index, IK_ACTIVITY, code, ai)) {
		parser_nomem(p);
		return -1;
	}
	parser_answers(p, ans);
	struct raw_activity *a = &p->raw->acts.v[ai];
	a->code = code;
	a->title = title;
	a->question = question;
	a->level = level;
	a->stream = si;
	a->line = p->row_line;
	for (int k = 0; k < 4; k++) {
		/* defaults are static strings; file labels need a copy */
		a->answers[k] = p->col[C_ANSWER_0 + k] < 0 ? ans[k] : parser_intern(p, ans[k]);
		if (!a->answers[k])
			return -1;
	}
	return ai;
}

static void parser_row(struct parser *p)
{
	const char *id;
	int level, ai, ii, dup;
	uint32_t ih;
	size_t alen;

	if (p->rd.row.nf != p->ncols) {
		parser_fail(p, p->row_line, "row has %d fields, header has %d", p->rd.row.nf, p->ncols);
		return;
	}
	id = parser_col(p, C_ID);
	if (!(level = parser_row_valid(p, id)))
		return;
	ih = samm_index_hash(IK_ITEM, id);
	dup = samm_index_find_h(&p->raw->index, IK_ITEM, id, ih, 1);
	if (dup >= 0) {
		parser_fail(p, p->row_line, "duplicate id '%s' (first on line %ld)", id,
			    p->raw->items.v[dup].line);
		return;
	}

	/* The items of an activity usually follow one another: try the
	 * previous row's activity before the index. */
	alen = (size_t)(strrchr(id, '.') - id);
	ai = p->prev_act;
	if (ai < 0 || strncmp(p->raw->acts.v[ai].code, id, alen) != 0 ||
	    p->raw->acts.v[ai].code[alen] != '\0') {
		const char *acode = parser_join(p, id, alen, "", "");
		if (!acode)
			return;
		ai = samm_index_find(&p->raw->index, IK_ACTIVITY, acode, 1);
	}
	if (ai >= 0) {
		if (!(ai == p->prev_act && parser_same_activity(p)) &&
		    !parser_check_activity(p, &p->raw->acts.v[ai]))
			return;
	} else if ((ai = parser_new_activity(p, id, alen, level)) < 0) {
		return;
	}

	const char *iid = parser_intern(p, id);
	const char *crit = parser_intern(p, parser_col(p, C_CRITERION));
	if (!iid || !crit || (ii = VEC_PUSH(p->raw->items)) < 0 ||
	    samm_index_add_h(&p->raw->index, IK_ITEM, iid, ih, ii)) {
		parser_nomem(p);
		return;
	}
	p->raw->items.v[ii] = (struct raw_item){ iid, crit, ai, p->row_line };
	parser_keep_row(p, ai);
}

/* ---- Feeding libcsv ----------------------------------------------------- */

#define PIECE 65536             /* bytes given to libcsv per call, at most */

/* After each field.  The row's id is looked up in the index once the row
 * is complete: a random place in a table that a big model's items make
 * larger than the caches, which makes loading the bench's 100,000-item
 * model miss its target.  Start fetching that place while libcsv reads
 * the rest of the row.  Only a hint: the field may still have its blanks
 * hidden (csvrec.c), and parser_row() hashes the id again. */
static void parser_cb_field(void *ud, int i)
{
#if defined(__GNUC__) || defined(__clang__)
	struct parser *p = ud;

	if (i == p->col[C_ID] && p->header_done && p->raw->index.slots) {
		uint32_t h = samm_index_hash(IK_ITEM, parser_field(p, i));
		__builtin_prefetch(&p->raw->index.slots[h & p->raw->index.mask]);
	}
#else
	(void)ud;
	(void)i;
#endif
}

/* Line ends inside the record in s[0..n) (its quoted fields': unquoted
 * ones cannot hold any): LF, CRLF once, or a lone CR. */
static long count_line_ends(const char *s, size_t n)
{
	long ends = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			ends++;
	return ends;
}

/* The end of a record.  libcsv reports no positions, so the lines are
 * counted from what it reports: with CSV_REPALL_NL every line end outside
 * quotes ends a row, blank lines giving rows without fields; the only line
 * end that gives two rows is a CRLF (a row ended by the CR, then an empty
 * one by the LF); the line ends inside quoted fields are in the fields
 * themselves. */
static void parser_cb_row(void *ud, int c)
{
	struct parser *p = ud;
	const struct samm_csvrow *row = &p->rd.row;

	if (row->nf == 0) {
		if (!(c == '\n' && p->last_row_c == '\r'))
			p->line++;
		p->last_row_c = c;
		return;
	}
	p->row_line = p->line;
	if (memchr(row->buf, '\n', row->len) || memchr(row->buf, '\r', row->len))
		p->line += count_line_ends(row->buf, row->len);
	if (c != -1)
		p->line++;
	p->last_row_c = c;
	if (!p->header_done)
		parser_header(p);
	else
		parser_row(p);
}

/* Check buf[*scanned..to) for NUL bytes and invalid UTF-8 (see
 * samm_text_scan()); on a problem, make it the error, whatever error came
 * before: a file that is not text is reported as such. */
static int parser_text_check(struct parser *p, const char *buf, size_t len, size_t *scanned,
			     size_t to)
{
	size_t bad;
	int r = samm_text_scan(buf, len, scanned, to, &bad);

	if (r == SAMM_TEXT_OK || p->status == SAMM_NOMEM)
		return r;
	p->status = SAMM_OK;
	if (r == SAMM_TEXT_NUL)
		parser_fail(p, samm_line_of(buf, len, bad), "NUL byte in the file");
	else
		parser_fail(p, samm_line_of(buf, len, bad), "invalid UTF-8 (byte %zu of the line)",
			    samm_col_of(buf, bad));
	return r;
}

/* Feed the whole of buf to libcsv in pieces of PIECE bytes.  Each piece is
 * read from memory once and then worked on in the cache: hashed (when sha
 * is non-NULL), checked for NUL bytes and invalid UTF-8 (before libcsv
 * sees it), parsed. */
static void parse_all(struct parser *p, const char *buf, size_t len, struct samm_sha256 *sha)
{
	size_t scanned = 0, used;
	enum samm_csvrec_rc rc;

	p->line = 1;
	for (size_t off = 0; off < len; off += used) {
		size_t k = len - off < PIECE ? len - off : PIECE;
		if (sha)
			samm_sha256_update(sha, buf + off, k);
		if (parser_text_check(p, buf, len, &scanned, off + k))
			return;
		rc = samm_csvrec_feed(&p->rd, buf + off, k, &used);
		if (p->status)
			break;
		if (rc == SAMM_CSVREC_NOMEM) {
			parser_nomem(p);
		} else if (rc) {
			parser_fail(p, samm_line_of(buf, len, off + used),
				    "misplaced quote (a quote inside an unquoted field, or "
				    "text after a closing quote)");
		}
		if (rc)
			break;
	}
	if (p->status) {
		/* the rest of the file may still not be text */
		parser_text_check(p, buf, len, &scanned, len);
		return;
	}
	/* a record still open at the end started on p->line */
	rc = samm_csvrec_finish(&p->rd);
	if (rc == SAMM_CSVREC_NOMEM)
		parser_nomem(p);
	else if (rc && !p->status)
		parser_fail(p, p->line, "unterminated quoted field");
}

/* About how many rows buf holds: the line ends of its first 64 KiB, scaled
 * to the whole.  Only sizes the index and the item array up front (both
 * still grow when the guess is short); a row has at least 20 bytes (ten
 * fields), which bounds the guess for files of blank lines. */
static size_t guess_rows(const char *buf, size_t len)
{
	size_t sample = len < 65536 ? len : 65536, lines = 1, guess;

	for (const char *q = buf, *end = buf + sample;
	     q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		lines++;
	guess = sample ? (size_t)((double)lines * ((double)len / (double)sample)) : 1;
	if (guess > len / 20 + 1)
		guess = len / 20 + 1;
	if (guess > INT_MAX / 2)
		guess = INT_MAX / 2;
	return guess;
}

void samm_model_raw_free(struct model_raw *raw)
{
	samm_arena_free(&raw->arena);
	free(raw->index.slots);
	free(raw->funcs.v);
	free(raw->pracs.v);
	free(raw->streams.v);
	free(raw->acts.v);
	free(raw->items.v);
	memset(raw, 0, sizeof *raw);
}

enum samm_status samm_model_read(struct model_raw *raw, const char *buf, size_t len,
				 const char *fname, struct samm_sha256 *sha,
				 struct samm_error *err)
{
	struct parser p;
	size_t rows = guess_rows(buf, len);

	memset(&p, 0, sizeof p);
	memset(raw, 0, sizeof *raw);
	p.fname = fname;
	p.err = err;
	p.raw = raw;
	p.prev_act = -1;
	/* a first block that fits the usual model keeps it to one malloc */
	raw->arena.min_block = len + len / 4 + 4096;
	if (samm_index_reserve(&raw->index, rows + rows / 8 + 16) ||
	    samm_grow((void **)&raw->items.v, &raw->items.cap, rows, sizeof *raw->items.v) ||
	    samm_csvrec_init(&p.rd, CSV_REPALL_NL, len, parser_cb_field, parser_cb_row, &p))
		return samm_error_set(err, SAMM_NOMEM, "%s: out of memory", fname);
	parse_all(&p, buf, len, sha);
	samm_csvrec_free(&p.rd);
	samm_csvrow_free(&p.prev);
	free(p.scratch);
	if (!p.status && !p.header_done)
		parser_fail(&p, 1, "empty file (no header row)");
	if (!p.status && raw->items.n == 0)
		parser_fail(&p, p.header_line, "no items (only a header row)");
	return p.status;
}
