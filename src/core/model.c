/* model.c - load a maturity model from CSV and look things up in it.
 *
 * Loading is two passes over data that only grows:
 *   1. libcsv streams the rows; each data row is checked and recorded as a
 *      "raw" item pointing at raw functions, practices, streams and
 *      activities, created in order of first appearance and found again
 *      through a hash index.  Rows that contradict an earlier row of the
 *      same activity, practice or stream are rejected here.
 *   2. Stable bucket sorts put the raw nodes into model order (children
 *      grouped under their parent, activities by level) and the final
 *      flat arrays are filled with parent indexes and child ranges.
 * All strings go into one block arena that never moves, so pointers taken
 * during pass 1 stay valid in the finished model. */
#define _POSIX_C_SOURCE 200809L
#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__) && !defined(SAMM_NO_SIMD)
#include <emmintrin.h>
#endif
#include "samm/model.h"
#include "samm/util.h"
#include "csvline.h"

/* ---- String arena ------------------------------------------------------ */

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

struct arena {
	struct arena_block *head;
	size_t min_block;
};

static void arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* Copy s[0..len) plus a NUL into the arena; NULL when out of memory. */
static const char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	struct arena_block *b = a->head;
	char *p;

	if (!b || b->size - b->used < len + 1) {
		size_t size = len + 1 > a->min_block ? len + 1 : a->min_block;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

/* ---- Hash index -------------------------------------------------------- *
 * Open addressing with linear probing over (kind, key) pairs.  Functions,
 * practices and streams are matched case-insensitively (users type "sm"),
 * activities and items exactly.  Entries are never removed.  An entry is
 * 16 bytes (the kind shares a word with the index) so that a 100,000-item
 * model's table stays small; loading sizes it from an estimate of the
 * number of rows, and the finished model keeps the loader's table with the
 * indexes renumbered instead of building a second one. */

enum index_kind { IK_FUNCTION = 1, IK_PRACTICE, IK_STREAM, IK_ACTIVITY, IK_ITEM, IK_COLUMN };
#define IK_BITS 3
#define IK_MASK ((1u << IK_BITS) - 1)
#define INDEX_MAX_IDX ((int)(UINT32_MAX >> IK_BITS))

struct index_entry {
	const char *key;        /* NULL: empty slot */
	uint32_t hash;
	uint32_t ki;            /* idx << IK_BITS | kind */
};

struct index {
	struct index_entry *slots;
	size_t mask;            /* capacity - 1 (a power of two) */
	size_t count;
};

static int index_kind_ci(int kind)
{
	return kind == IK_FUNCTION || kind == IK_PRACTICE || kind == IK_STREAM;
}

/* The loader's stand-ins for spaces and tabs (see "Spaces" below); they
 * hash as what they stand for, so that a key hashes the same before and
 * after its spaces are restored. */
#define HIDE_SP  0xF8
#define HIDE_TAB 0xF9

static uint32_t index_hash(int kind, const char *s)
{
	uint32_t h = 2166136261u ^ (uint32_t)kind;
	if (index_kind_ci(kind)) {
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			else if (c >= HIDE_SP)
				c = c == HIDE_SP ? ' ' : c == HIDE_TAB ? '\t' : c;
			h = (h ^ c) * 16777619u;
		}
	} else {
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if (c >= HIDE_SP)
				c = c == HIDE_SP ? ' ' : c == HIDE_TAB ? '\t' : c;
			h = (h ^ c) * 16777619u;
		}
	}
	return h;
}

/* Make room for `need` entries in all (grows, never shrinks). */
static int index_reserve(struct index *ix, size_t need)
{
	size_t cap = ix->slots ? ix->mask + 1 : 0, ncap = 64;
	struct index_entry *slots;

	if (need * 4 <= cap * 3)
		return 0;
	while (ncap * 3 < need * 4)     /* load factor at most 3/4 */
		ncap *= 2;
	if (ncap <= cap)
		return 0;
	slots = calloc(ncap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < cap; i++) {
		const struct index_entry *e = &ix->slots[i];
		size_t j;
		if (!e->key)
			continue;
		for (j = e->hash & (ncap - 1); slots[j].key; j = (j + 1) & (ncap - 1))
			;
		slots[j] = *e;
	}
	free(ix->slots);
	ix->slots = slots;
	ix->mask = ncap - 1;
	return 0;
}

/* Index of (kind, key) whose hash is h, or -1.  For the case-insensitive
 * kinds an exact match wins over a case variant; with exact set, only an
 * exact match counts (loading treats "SM" and "sm" as different
 * practices). */
static int index_find_h(const struct index *ix, int kind, const char *key, uint32_t h, int exact)
{
	int ci = index_kind_ci(kind), found = -1;

	if (!ix->slots)
		return -1;
	for (size_t j = h & ix->mask; ix->slots[j].key; j = (j + 1) & ix->mask) {
		const struct index_entry *e = &ix->slots[j];
		if (e->hash != h || (int)(e->ki & IK_MASK) != kind)
			continue;
		if (strcmp(e->key, key) == 0)
			return (int)(e->ki >> IK_BITS);
		if (ci && !exact && found < 0 && strcasecmp(e->key, key) == 0)
			found = (int)(e->ki >> IK_BITS);
	}
	return found;
}

static int index_find(const struct index *ix, int kind, const char *key, int exact)
{
	return ix->slots ? index_find_h(ix, kind, key, index_hash(kind, key), exact) : -1;
}

/* Add (kind, key) -> idx, key hashing to h; the caller has checked it is
 * new.  key must outlive the index (it points into the arena). */
static int index_add_h(struct index *ix, int kind, const char *key, uint32_t h, int idx)
{
	size_t j;

	if (idx < 0 || idx > INDEX_MAX_IDX || index_reserve(ix, ix->count + 1))
		return -1;
	for (j = h & ix->mask; ix->slots[j].key; j = (j + 1) & ix->mask)
		;
	ix->slots[j].key = key;
	ix->slots[j].hash = h;
	ix->slots[j].ki = (uint32_t)idx << IK_BITS | (uint32_t)kind;
	ix->count++;
	return 0;
}

static int index_add(struct index *ix, int kind, const char *key, int idx)
{
	return index_add_h(ix, kind, key, index_hash(kind, key), idx);
}

/* What a finished model keeps besides its public arrays. */
struct model_priv {
	struct arena arena;
	struct index index;
};

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

struct raw_function { const char *name; };
struct raw_practice { const char *code, *name; int function; long line; };
struct raw_stream { const char *code, *letter, *name; int practice; long line; };
struct raw_activity {
	const char *code, *title, *question, *answers[4];
	int level, stream;
	long line;
};
struct raw_item { const char *id, *criterion; int activity; long line; };

/* A growable array of any element type. */
#define VEC(T) struct { T *v; int n, cap; }

struct parser {
	const char *fname;
	struct samm_error *err;
	enum samm_status status;        /* first failure; stops everything */

	/* line bookkeeping: see parser_cb_row() */
	long line;                      /* line where the next record starts */
	long row_line;                  /* line where the current record starts */
	int last_row_c;                 /* how the last row ended (cb2's c) */

	unsigned char *hidebuf;         /* what libcsv parses (see "Spaces") */

	/* the current record's fields: offsets into rowbuf */
	char *rowbuf;
	size_t rowlen, rowcap;
	size_t *foff;
	int nf, fcap;

	int header_done;
	int ncols;                      /* fields in the header */
	int col[C_COUNT];               /* field index of each column or -1 */
	long header_line;
	/* runs [first, last] of adjacent fields that belong to the activity */
	int runs[C_COUNT][2], nruns;

	/* the previous record (swapped with the current one after each row)
	 * and the activity it belonged to, or -1: see parser_same_activity() */
	char *prevbuf;
	size_t prevlen, prevcap;
	size_t *prevoff;
	int prevfcap;
	int prev_act;

	struct arena arena;
	struct index index;
	VEC(struct raw_function) funcs;
	VEC(struct raw_practice) pracs;
	VEC(struct raw_stream) streams;
	VEC(struct raw_activity) acts;
	VEC(struct raw_item) items;
	uint32_t id_hash;               /* index_hash() of the current row's id */
	char *scratch;                  /* stream code / activity code builder */
	size_t scratch_cap;
};

static int vec_reserve(void **v, int *cap, int need, size_t elem)
{
	if (need <= *cap)
		return 0;
	int ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	void *nv = realloc(*v, (size_t)ncap * elem);
	if (!nv)
		return -1;
	*v = nv;
	*cap = ncap;
	return 0;
}

/* Append one zeroed element to vec; evaluates to its index or -1. */
#define VEC_PUSH(vec) \
	(vec_reserve((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) ? -1 : \
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
	samm_error_set(p->err, SAMM_PARSE, "%s:%ld: %s", p->fname, line, msg);
	return p->status;
}

static enum samm_status parser_nomem(struct parser *p)
{
	if (!p->status)
		p->status = samm_error_set(p->err, SAMM_NOMEM, "%s: out of memory", p->fname);
	return p->status;
}

/* Field i of the current record (NUL-terminated in rowbuf). */
static const char *parser_field(const struct parser *p, int i)
{
	return p->rowbuf + p->foff[i];
}

/* Column c of the current record; "" for an absent optional column. */
static const char *parser_col(const struct parser *p, enum col c)
{
	return p->col[c] < 0 ? "" : parser_field(p, p->col[c]);
}

static const char *parser_intern(struct parser *p, const char *s)
{
	const char *r = arena_strndup(&p->arena, s, strlen(s));
	if (!r)
		parser_nomem(p);
	return r;
}

/* Build "a" "sep" "b" in the scratch buffer. */
static const char *parser_join(struct parser *p, const char *a, size_t alen,
			       const char *sep, const char *b)
{
	size_t slen = strlen(sep), blen = strlen(b), need = alen + slen + blen + 1;
	if (need > p->scratch_cap) {
		char *s = realloc(p->scratch, need * 2);
		if (!s) {
			parser_nomem(p);
			return NULL;
		}
		p->scratch = s;
		p->scratch_cap = need * 2;
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
	p->ncols = p->nf;
	for (int c = 0; c < C_COUNT; c++)
		p->col[c] = -1;
	if (index_reserve(&seen, (size_t)p->nf)) {
		parser_nomem(p);
		return;
	}
	for (int i = 0; i < p->nf; i++) {
		const char *name = parser_field(p, i);
		uint32_t h = index_hash(IK_COLUMN, name);
		if (index_find_h(&seen, IK_COLUMN, name, h, 1) >= 0) {
			parser_fail(p, p->row_line, "duplicate column '%s'", name);
			goto out;
		}
		if (index_add_h(&seen, IK_COLUMN, name, h, i)) {
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
	for (int i = 0; i < p->nf; i++) {
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
	for (int r = 0; r < p->nruns; r++) {
		int first = p->runs[r][0], last = p->runs[r][1];
		size_t a = p->foff[first], b = last + 1 < p->nf ? p->foff[last + 1] : p->rowlen;
		size_t pa = p->prevoff[first], pb = last + 1 < p->nf ? p->prevoff[last + 1] : p->prevlen;
		if (b - a != pb - pa || memcmp(p->rowbuf + a, p->prevbuf + pa, b - a) != 0)
			return 0;
	}
	return 1;
}

/* The current record becomes the previous one (see parser_same_activity());
 * the old previous buffers are reused for the next record. */
static void parser_keep_row(struct parser *p, int ai)
{
	char *b = p->prevbuf;
	size_t cap = p->prevcap, *off = p->prevoff;
	int fcap = p->prevfcap;

	p->prevbuf = p->rowbuf;
	p->prevcap = p->rowcap;
	p->prevlen = p->rowlen;
	p->prevoff = p->foff;
	p->prevfcap = p->fcap;
	p->rowbuf = b;
	p->rowcap = cap;
	p->foff = off;
	p->fcap = fcap;
	p->prev_act = ai;
}

/* Check that an existing activity agrees with this record in every
 * column that belongs to the activity (and, through it, its stream,
 * practice and function). */
static int parser_check_activity(struct parser *p, const struct raw_activity *a)
{
	const struct raw_stream *s = &p->streams.v[a->stream];
	const struct raw_practice *pr = &p->pracs.v[s->practice];
	const char *fn = p->funcs.v[pr->function].name;
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

	pi = index_find(&p->index, IK_PRACTICE, code, 1);
	if (pi >= 0) {
		const struct raw_practice *pr = &p->pracs.v[pi];
		if (!parser_agree(p, "practice", code, C_FUNCTION, parser_col(p, C_FUNCTION),
				  p->funcs.v[pr->function].name, pr->line) ||
		    !parser_agree(p, "practice", code, C_PRACTICE, parser_col(p, C_PRACTICE),
				  pr->name, pr->line))
			return -1;
	} else {
		const char *fname = parser_col(p, C_FUNCTION);
		int fi = index_find(&p->index, IK_FUNCTION, fname, 1);
		if (fi < 0) {
			const char *name = parser_intern(p, fname);
			if (!name || (fi = VEC_PUSH(p->funcs)) < 0 ||
			    index_add(&p->index, IK_FUNCTION, name, fi)) {
				parser_nomem(p);
				return -1;
			}
			p->funcs.v[fi].name = name;
		}
		const char *c = parser_intern(p, code);
		const char *n = parser_intern(p, parser_col(p, C_PRACTICE));
		if (!c || !n || (pi = VEC_PUSH(p->pracs)) < 0 ||
		    index_add(&p->index, IK_PRACTICE, c, pi)) {
			parser_nomem(p);
			return -1;
		}
		p->pracs.v[pi] = (struct raw_practice){ c, n, fi, p->row_line };
	}

	scode = parser_join(p, code, strlen(code), "-", letter);
	if (!scode)
		return -1;
	si = index_find(&p->index, IK_STREAM, scode, 1);
	if (si >= 0 && p->streams.v[si].practice != pi) {
		/* practice "A-B" stream "C" against practice "A" stream "B-C" */
		parser_fail(p, p->row_line, "stream code '%s' names streams of two practices", scode);
		return -1;
	}
	if (si >= 0) {
		const struct raw_stream *s = &p->streams.v[si];
		if (!parser_agree(p, "stream", s->code, C_STREAM_NAME, parser_col(p, C_STREAM_NAME),
				  s->name, s->line))
			return -1;
		return si;
	}
	const char *sc = parser_intern(p, scode);
	const char *sl = sc ? sc + strlen(code) + 1 : NULL;   /* the letter is the code's tail */
	const char *sn = parser_intern(p, parser_col(p, C_STREAM_NAME));
	if (!sc || !sn || (si = VEC_PUSH(p->streams)) < 0 ||
	    index_add(&p->index, IK_STREAM, sc, si)) {
		parser_nomem(p);
		return -1;
	}
	p->streams.v[si] = (struct raw_stream){ sc, sl, sn, pi, p->row_line };
	return si;
}

static void parser_row(struct parser *p)
{
	static const enum col texts[] = {
		C_FUNCTION, C_PRACTICE_CODE, C_PRACTICE, C_STREAM, C_ACTIVITY,
		C_QUESTION, C_CRITERION,
	};
	const char *id, *dot, *lvl;
	int level, ai, ii, dup;
	uint32_t ih;
	size_t alen;

	if (p->nf != p->ncols) {
		parser_fail(p, p->row_line, "row has %d fields, header has %d", p->nf, p->ncols);
		return;
	}
	id = parser_col(p, C_ID);
	if (!*id) {
		parser_fail(p, p->row_line, "empty id");
		return;
	}
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!*parser_col(p, texts[i])) {
			parser_fail(p, p->row_line, "item '%s': empty %s", id, col_names[texts[i]]);
			return;
		}
	dot = strrchr(id, '.');
	if (!dot) {
		parser_fail(p, p->row_line, "id '%s' has no '.' (expected ACTIVITY.NUMBER such as G-SM-1-A.1)", id);
		return;
	}
	if (dot == id) {
		parser_fail(p, p->row_line, "id '%s' has an empty activity code before the '.'", id);
		return;
	}
	lvl = parser_col(p, C_LEVEL);
	if (!(lvl[0] >= '1' && lvl[0] <= '3' && lvl[1] == '\0')) {
		parser_fail(p, p->row_line, "item '%s': level '%s' is not 1, 2 or 3", id, lvl);
		return;
	}
	level = lvl[0] - '0';
	ih = p->id_hash;        /* hashed when the id field came */
	dup = index_find_h(&p->index, IK_ITEM, id, ih, 1);
	if (dup >= 0) {
		parser_fail(p, p->row_line, "duplicate id '%s' (first on line %ld)", id,
			    p->items.v[dup].line);
		return;
	}

	/* The items of an activity usually follow one another: try the
	 * previous row's activity before the index. */
	alen = (size_t)(dot - id);
	ai = p->prev_act;
	if (ai < 0 || strncmp(p->acts.v[ai].code, id, alen) != 0 ||
	    p->acts.v[ai].code[alen] != '\0') {
		const char *acode = parser_join(p, id, alen, "", "");
		if (!acode)
			return;
		ai = index_find(&p->index, IK_ACTIVITY, acode, 1);
	}
	if (ai >= 0) {
		if (!(ai == p->prev_act && parser_same_activity(p)) &&
		    !parser_check_activity(p, &p->acts.v[ai]))
			return;
	} else {
		int si = parser_stream(p);
		const char *ans[4], *code, *title, *question;
		if (si < 0)
			return;
		code = arena_strndup(&p->arena, id, alen);
		title = parser_intern(p, parser_col(p, C_ACTIVITY));
		question = parser_intern(p, parser_col(p, C_QUESTION));
		if (!code || !title || !question || (ai = VEC_PUSH(p->acts)) < 0 ||
		    index_add(&p->index, IK_ACTIVITY, code, ai)) {
			parser_nomem(p);
			return;
		}
		parser_answers(p, ans);
		struct raw_activity *a = &p->acts.v[ai];
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
				return;
		}
	}

	const char *iid = parser_intern(p, id);
	const char *crit = parser_intern(p, parser_col(p, C_CRITERION));
	if (!iid || !crit || (ii = VEC_PUSH(p->items)) < 0 ||
	    index_add_h(&p->index, IK_ITEM, iid, ih, ii)) {
		parser_nomem(p);
		return;
	}
	p->items.v[ii] = (struct raw_item){ iid, crit, ai, p->row_line };
	parser_keep_row(p, ai);
}

/* ---- Spaces ------------------------------------------------------------ *
 * Model texts are kept exactly as written, but libcsv trims spaces and tabs
 * around unquoted fields unless a space function says that nothing is a
 * space, and that function is called through a pointer for almost every
 * byte: it made libcsv half again as slow.  Instead libcsv parses a copy
 * of the file (a piece at a time) in which every space is HIDE_SP and every
 * tab HIDE_TAB, two bytes that never occur in valid UTF-8 (each piece is
 * checked first), so its built-in test finds nothing to trim: its state
 * machine takes exactly the steps it takes with a function that answers
 * "no".  Each record's fields get their spaces and tabs back before
 * anything looks at them. */

#define HIDE_BUF 65536          /* bytes given to libcsv per call, at most */

static void spaces_hide(unsigned char *d, const char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__) && !defined(SAMM_NO_SIMD)
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	const __m128i xsp = _mm_set1_epi8((char)(HIDE_SP ^ ' '));
	const __m128i xtab = _mm_set1_epi8((char)(HIDE_TAB ^ '\t'));
	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i x = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, sp), xsp),
					 _mm_and_si128(_mm_cmpeq_epi8(v, tab), xtab));
		_mm_storeu_si128((__m128i *)(void *)(d + i), _mm_xor_si128(v, x));
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		d[i] = c == ' ' ? HIDE_SP : c == '\t' ? HIDE_TAB : c;
	}
}

/* Give a record's fields their spaces and tabs back; 1 when it holds a
 * line end (a quoted field over several lines). */
static int spaces_restore(char *s, size_t n)
{
	unsigned char *u = (unsigned char *)s;
	size_t i = 0;
	int nl = 0;
#if defined(__SSE2__) && !defined(SAMM_NO_SIMD)
	const __m128i hsp = _mm_set1_epi8((char)HIDE_SP), htab = _mm_set1_epi8((char)HIDE_TAB);
	const __m128i xsp = _mm_set1_epi8((char)(HIDE_SP ^ ' '));
	const __m128i xtab = _mm_set1_epi8((char)(HIDE_TAB ^ '\t'));
	const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	__m128i ends = _mm_setzero_si128();
	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i x = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, hsp), xsp),
					 _mm_and_si128(_mm_cmpeq_epi8(v, htab), xtab));
		ends = _mm_or_si128(ends, _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
		_mm_storeu_si128((__m128i *)(void *)(u + i), _mm_xor_si128(v, x));
	}
	nl = _mm_movemask_epi8(ends) != 0;
#endif
	for (; i < n; i++) {
		unsigned char c = u[i];
		if (c == HIDE_SP)
			u[i] = ' ';
		else if (c == HIDE_TAB)
			u[i] = '\t';
		else if (c == '\n' || c == '\r')
			nl = 1;
	}
	return nl;
}

/* libcsv field callback: append the field to the current record. */
static void parser_cb_field(void *s, size_t len, void *ud)
{
	struct parser *p = ud;

	if (p->status)
		return;
	if (p->rowlen + len + 1 > p->rowcap) {
		size_t cap = p->rowcap ? p->rowcap : 1024;
		while (cap < p->rowlen + len + 1)
			cap *= 2;
		char *nb = realloc(p->rowbuf, cap);
		if (!nb) {
			parser_nomem(p);
			return;
		}
		p->rowbuf = nb;
		p->rowcap = cap;
	}
	if (p->nf == p->fcap) {
		int cap = p->fcap ? p->fcap * 2 : 32;
		size_t *o = realloc(p->foff, (size_t)cap * sizeof *o);
		if (!o) {
			parser_nomem(p);
			return;
		}
		p->foff = o;
		p->fcap = cap;
	}
	p->foff[p->nf] = p->rowlen;
	if (len)
		memcpy(p->rowbuf + p->rowlen, s, len);
	p->rowbuf[p->rowlen + len] = '\0';
	if (p->nf == p->col[C_ID] && p->header_done) {
		/* The row's id will be looked up in the index once the row is
		 * complete: a random place in a table that a big model's items
		 * make larger than the caches.  Hash it now and start fetching
		 * that place while libcsv reads the rest of the row. */
		p->id_hash = index_hash(IK_ITEM, p->rowbuf + p->rowlen);
#if defined(__GNUC__) || defined(__clang__)
		if (p->index.slots)
			__builtin_prefetch(&p->index.slots[p->id_hash & p->index.mask]);
#endif
	}
	p->rowlen += len + 1;
	p->nf++;
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

/* libcsv end-of-record callback.  libcsv reports no positions, so the
 * lines are counted from what it reports: with CSV_REPALL_NL every line
 * end outside quotes ends a row, blank lines giving rows without fields;
 * the only line end that gives two rows is a CRLF (a row ended by the CR,
 * then an empty one by the LF); the line ends inside quoted fields are in
 * the fields themselves. */
static void parser_cb_row(int c, void *ud)
{
	struct parser *p = ud;
	int multiline;

	if (p->status)
		return;
	if (p->nf == 0) {
		if (!(c == '\n' && p->last_row_c == '\r'))
			p->line++;
		p->last_row_c = c;
		return;
	}
	multiline = spaces_restore(p->rowbuf, p->rowlen);
	p->row_line = p->line;
	if (multiline)
		p->line += count_line_ends(p->rowbuf, p->rowlen);
	if (c != -1)
		p->line++;
	p->last_row_c = c;
	if (!p->header_done)
		parser_header(p);
	else
		parser_row(p);
	p->nf = 0;
	p->rowlen = 0;
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

/* Feed the whole of buf to libcsv in pieces of HIDE_BUF bytes.  Each piece
 * is read from memory once and then worked on in the cache: hashed (when
 * sha is non-NULL), checked for NUL bytes and invalid UTF-8 (before libcsv
 * sees it), copied with its spaces hidden, parsed. */
static void parse_all(struct parser *p, struct csv_parser *csv, const char *buf, size_t len,
		      struct samm_sha256 *sha)
{
	size_t scanned = 0;

	p->line = 1;
	for (size_t off = 0; off < len; ) {
		size_t k = len - off < HIDE_BUF ? len - off : HIDE_BUF;
		if (sha)
			samm_sha256_update(sha, buf + off, k);
		if (parser_text_check(p, buf, len, &scanned, off + k))
			return;
		spaces_hide(p->hidebuf, buf + off, k);
		size_t used = csv_parse(csv, p->hidebuf, k, parser_cb_field, parser_cb_row, p);
		if (p->status)
			break;
		if (used != k) {
			int e = csv_error(csv);
			if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
				parser_nomem(p);
			else
				parser_fail(p, samm_line_of(buf, len, off + used),
					    "misplaced quote (a quote inside an unquoted field, or "
					    "text after a closing quote)");
			/* never csv_fini after a failed parse: it would flush the
			 * partial row */
			break;
		}
		off += k;
	}
	if (p->status) {
		/* the rest of the file may still not be text */
		parser_text_check(p, buf, len, &scanned, len);
		return;
	}
	/* a record still open at the end started on p->line */
	if (csv_fini(csv, parser_cb_field, parser_cb_row, p) != 0 && !p->status)
		parser_fail(p, p->line, "unterminated quoted field");
}

/* ---- Pass 2: model order ------------------------------------------------ */

/* out = in, stably sorted by key[in[j]] in [0, nkeys). */
static int bucket_sort(const int *key, int nkeys, const int *in, int n, int *out)
{
	int *start = calloc((size_t)nkeys + 1, sizeof *start);
	if (!start)
		return -1;
	for (int j = 0; j < n; j++)
		start[key[in[j]] + 1]++;
	for (int k = 0; k < nkeys; k++)
		start[k + 1] += start[k];
	for (int j = 0; j < n; j++)
		out[start[key[in[j]]]++] = in[j];
	free(start);
	return 0;
}

/* Sort the n raw nodes by key (identity input order), fill order[new] =
 * old and renum[old] = new. */
static int order_by(const int *key, int nkeys, int n, const int *in, int *order, int *renum)
{
	if (bucket_sort(key, nkeys, in, n, order))
		return -1;
	for (int i = 0; i < n; i++)
		renum[order[i]] = i;
	return 0;
}

static enum samm_status parser_build(struct parser *p, struct samm_model **out, const char *hash)
{
	int nf = p->funcs.n, np = p->pracs.n, ns = p->streams.n, na = p->acts.n, ni = p->items.n;
	int nmax = ni;  /* every count is <= the number of items */
	struct samm_model *m = calloc(1, sizeof *m);
	struct model_priv *priv = calloc(1, sizeof *priv);
	int *ident = malloc((size_t)nmax * sizeof *ident);
	int *key = calloc((size_t)nmax, sizeof *key);
	int *tmp = malloc((size_t)nmax * sizeof *tmp);
	int *p_ord = malloc((size_t)np * sizeof *p_ord), *p_new = malloc((size_t)np * sizeof *p_new);
	int *s_ord = malloc((size_t)ns * sizeof *s_ord), *s_new = malloc((size_t)ns * sizeof *s_new);
	int *a_ord = malloc((size_t)na * sizeof *a_ord), *a_new = malloc((size_t)na * sizeof *a_new);
	int *i_ord = malloc((size_t)ni * sizeof *i_ord), *i_new = malloc((size_t)ni * sizeof *i_new);
	enum samm_status rc = SAMM_NOMEM;

	if (!m || !priv || !ident || !key || !tmp || !p_ord || !p_new || !s_ord || !s_new ||
	    !a_ord || !a_new || !i_ord || !i_new)
		goto out;
	m->functions = calloc((size_t)nf, sizeof *m->functions);
	m->practices = calloc((size_t)np, sizeof *m->practices);
	m->streams = calloc((size_t)ns, sizeof *m->streams);
	m->activities = calloc((size_t)na, sizeof *m->activities);
	m->items = calloc((size_t)ni, sizeof *m->items);
	if (!m->functions || !m->practices || !m->streams || !m->activities || !m->items)
		goto out;
	for (int i = 0; i < nmax; i++)
		ident[i] = i;

	/* functions keep their order of first appearance */
	for (int i = 0; i < np; i++)
		key[i] = p->pracs.v[i].function;
	if (order_by(key, nf, np, ident, p_ord, p_new))
		goto out;
	for (int i = 0; i < ns; i++)
		key[i] = p_new[p->streams.v[i].practice];
	if (order_by(key, np, ns, ident, s_ord, s_new))
		goto out;
	/* activities: by level first, then (stably) by stream */
	for (int i = 0; i < na; i++)
		key[i] = p->acts.v[i].level - 1;
	if (bucket_sort(key, 3, ident, na, tmp))
		goto out;
	for (int i = 0; i < na; i++)
		key[i] = s_new[p->acts.v[i].stream];
	if (order_by(key, ns, na, tmp, a_ord, a_new))
		goto out;
	for (int i = 0; i < ni; i++)
		key[i] = a_new[p->items.v[i].activity];
	if (order_by(key, na, ni, ident, i_ord, i_new))
		goto out;

	/* Fill the arrays; a child's parent is already final, so each
	 * parent's range grows as its children are met in order. */
	for (int f = 0; f < nf; f++) {
		m->functions[f].name = p->funcs.v[f].name;
		m->functions[f].first_practice = -1;
	}
	for (int i = 0; i < np; i++) {
		const struct raw_practice *r = &p->pracs.v[p_ord[i]];
		struct samm_function *f = &m->functions[r->function];
		m->practices[i] = (struct samm_practice){ r->code, r->name, r->function, -1, 0 };
		if (f->first_practice < 0)
			f->first_practice = i;
		f->n_practices++;
	}
	for (int i = 0; i < ns; i++) {
		const struct raw_stream *r = &p->streams.v[s_ord[i]];
		struct samm_practice *pr = &m->practices[p_new[r->practice]];
		m->streams[i] = (struct samm_stream){ r->code, r->letter, r->name, p_new[r->practice], -1, 0 };
		if (pr->first_stream < 0)
			pr->first_stream = i;
		pr->n_streams++;
	}
	for (int i = 0; i < na; i++) {
		const struct raw_activity *r = &p->acts.v[a_ord[i]];
		struct samm_activity *a = &m->activities[i];
		struct samm_stream *s = &m->streams[s_new[r->stream]];
		a->code = r->code;
		a->title = r->title;
		a->question = r->question;
		memcpy(a->answers, r->answers, sizeof a->answers);
		a->level = r->level;
		a->stream = s_new[r->stream];
		a->first_item = -1;
		if (s->first_activity < 0)
			s->first_activity = i;
		s->n_activities++;
	}
	for (int i = 0; i < ni; i++) {
		const struct raw_item *r = &p->items.v[i_ord[i]];
		struct samm_activity *a = &m->activities[a_new[r->activity]];
		m->items[i] = (struct samm_item){ r->id, r->criterion, a_new[r->activity] };
		if (a->first_item < 0)
			a->first_item = i;
		a->n_items++;
	}
	m->n_functions = nf;
	m->n_practices = np;
	m->n_streams = ns;
	m->n_activities = na;
	m->n_items = ni;

	/* The final index is the loader's, with the same keys (the same arena
	 * strings): only the indexes change to the final positions. */
	for (size_t j = 0; p->index.slots && j <= p->index.mask; j++) {
		struct index_entry *e = &p->index.slots[j];
		int kind = (int)(e->ki & IK_MASK), i = (int)(e->ki >> IK_BITS);
		if (!e->key)
			continue;
		switch (kind) {
		case IK_PRACTICE: i = p_new[i]; break;
		case IK_STREAM: i = s_new[i]; break;
		case IK_ACTIVITY: i = a_new[i]; break;
		case IK_ITEM: i = i_new[i]; break;
		default: break; /* functions keep their order */
		}
		e->ki = (uint32_t)i << IK_BITS | (uint32_t)kind;
	}
	priv->index = p->index;
	p->index = (struct index){ 0 };

	memcpy(m->hash, hash, sizeof m->hash);
	priv->arena = p->arena;         /* the model takes over the strings */
	p->arena.head = NULL;
	m->priv = priv;
	*out = m;
	m = NULL;
	priv = NULL;
	rc = SAMM_OK;
out:
	if (rc)
		samm_error_set(p->err, rc, "%s: out of memory", p->fname);
	if (priv)
		free(priv->index.slots);
	free(priv);
	if (m) {
		free(m->functions);
		free(m->practices);
		free(m->streams);
		free(m->activities);
		free(m->items);
		free(m);
	}
	free(ident); free(key); free(tmp);
	free(p_ord); free(p_new); free(s_ord); free(s_new);
	free(a_ord); free(a_new); free(i_ord); free(i_new);
	return rc;
}

static void parser_free(struct parser *p)
{
	arena_free(&p->arena);
	free(p->index.slots);
	free(p->funcs.v);
	free(p->pracs.v);
	free(p->streams.v);
	free(p->acts.v);
	free(p->items.v);
	free(p->rowbuf);
	free(p->foff);
	free(p->prevbuf);
	free(p->prevoff);
	free(p->scratch);
	free(p->hidebuf);
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
	return guess;
}

static int valid_hash(const char *h)
{
	size_t i;
	for (i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return h[64] == '\0';
}

enum samm_status samm_model_parse_hashed(const char *buf, size_t len, const char *fname,
					 const char *hash, struct samm_model **out,
					 struct samm_error *err)
{
	struct parser p;
	struct csv_parser csv;
	struct samm_sha256 sha_ctx, *sha = NULL;
	char hex[65];
	size_t rows;
	enum samm_status rc;

	memset(&p, 0, sizeof p);
	p.fname = fname ? fname : "model";
	p.err = err;
	p.prev_act = -1;
	if (hash && valid_hash(hash)) {
		memcpy(hex, hash, sizeof hex);
	} else {
		sha = &sha_ctx;
		samm_sha256_init(sha);
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		if (sha)
			samm_sha256_update(sha, buf, 3);
		buf += 3;
		len -= 3;
	}
	/* a first block that fits the usual model keeps it to one malloc */
	p.arena.min_block = len + len / 4 + 4096;
	rows = guess_rows(buf, len);
	if (rows > INT_MAX / 2)
		rows = INT_MAX / 2;
	if (!(p.hidebuf = malloc(len < HIDE_BUF ? len + 1 : HIDE_BUF)) ||
	    index_reserve(&p.index, rows + rows / 8 + 16) ||
	    vec_reserve((void **)&p.items.v, &p.items.cap, (int)rows, sizeof *p.items.v)) {
		parser_free(&p);
		return samm_error_set(err, SAMM_NOMEM, "%s: out of memory", p.fname);
	}
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		parser_free(&p);
		return samm_error_set(err, SAMM_NOMEM, "%s: out of memory", p.fname);
	}
	/* libcsv grows a field's buffer by a fixed block (128 bytes by
	 * default): a 10 MB field would mean tens of thousands of reallocs,
	 * each copying what came before.  A block of a sixteenth of the file
	 * bounds that to a handful. */
	csv_set_blk_size(&csv, len / 16 > 128 ? len / 16 : 128);
	parse_all(&p, &csv, buf, len, sha);
	csv_free(&csv);
	if (!p.status && sha)
		samm_sha256_final_hex(sha, hex);
	if (!p.status && !p.header_done)
		parser_fail(&p, 1, "empty file (no header row)");
	if (!p.status && p.items.n == 0)
		parser_fail(&p, p.header_line, "no items (only a header row)");
	rc = p.status ? p.status : parser_build(&p, out, hex);
	parser_free(&p);
	return rc;
}

enum samm_status samm_model_parse(const char *buf, size_t len, const char *fname,
				  struct samm_model **out, struct samm_error *err)
{
	return samm_model_parse_hashed(buf, len, fname, NULL, out, err);
}

enum samm_status samm_model_load_file(const char *path, struct samm_model **out,
				      char **bytes, size_t *nbytes,
				      struct samm_error *err)
{
	char *buf;
	size_t len;
	enum samm_status rc;

	if ((rc = samm_read_file(path, &buf, &len, err)))
		return rc;
	rc = samm_model_parse(buf, len, path, out, err);
	if (rc == SAMM_OK && bytes) {
		*bytes = buf;
		if (nbytes)
			*nbytes = len;
	} else {
		free(buf);
	}
	return rc;
}

void samm_model_free(struct samm_model *m)
{
	if (!m)
		return;
	struct model_priv *priv = m->priv;
	if (priv) {
		arena_free(&priv->arena);
		free(priv->index.slots);
		free(priv);
	}
	free(m->functions);
	free(m->practices);
	free(m->streams);
	free(m->activities);
	free(m->items);
	free(m);
}

/* ---- Looking things up -------------------------------------------------- */

static const char *const level_names[] = {
	"overall", "function", "practice", "stream", "activity", "item",
};

const char *samm_level_name(enum samm_level level)
{
	if ((int)level < 0 || level > SAMM_L_ITEM)
		return "?";
	return level_names[level];
}

int samm_level_parse(const char *s)
{
	for (int i = 0; s && i <= SAMM_L_ITEM; i++)
		if (strcasecmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

int samm_model_find_item(const struct samm_model *m, const char *id)
{
	const struct model_priv *priv = m->priv;
	return id ? index_find(&priv->index, IK_ITEM, id, 1) : -1;
}

enum samm_status samm_model_resolve(const struct samm_model *m, const char *id,
				    struct samm_ref *out, struct samm_error *err)
{
	static const struct { int kind; enum samm_level level; } order[] = {
		{ IK_FUNCTION, SAMM_L_FUNCTION }, { IK_PRACTICE, SAMM_L_PRACTICE },
		{ IK_STREAM, SAMM_L_STREAM }, { IK_ACTIVITY, SAMM_L_ACTIVITY },
		{ IK_ITEM, SAMM_L_ITEM },
	};
	const struct model_priv *priv = m->priv;

	if (id && strcasecmp(id, "overall") == 0) {
		*out = (struct samm_ref){ SAMM_L_OVERALL, 0 };
		return SAMM_OK;
	}
	for (size_t k = 0; id && k < sizeof order / sizeof order[0]; k++) {
		int i = index_find(&priv->index, order[k].kind, id, 0);
		if (i >= 0) {
			*out = (struct samm_ref){ order[k].level, i };
			return SAMM_OK;
		}
	}
	return samm_error_set(err, SAMM_NOTFOUND,
			      "unknown id '%s' (expected a function name, a practice code such as SM, "
			      "a stream such as SM-A, an activity such as G-SM-1-A, an item such as "
			      "G-SM-1-A.1, or overall)", id ? id : "");
}

const char *samm_model_ref_id(const struct samm_model *m, struct samm_ref ref)
{
	switch (ref.level) {
	case SAMM_L_OVERALL: return "overall";
	case SAMM_L_FUNCTION: return m->functions[ref.index].name;
	case SAMM_L_PRACTICE: return m->practices[ref.index].code;
	case SAMM_L_STREAM: return m->streams[ref.index].code;
	case SAMM_L_ACTIVITY: return m->activities[ref.index].code;
	case SAMM_L_ITEM: return m->items[ref.index].id;
	}
	return "";
}

const char *samm_model_ref_name(const struct samm_model *m, struct samm_ref ref)
{
	switch (ref.level) {
	case SAMM_L_OVERALL: return "Overall";
	case SAMM_L_FUNCTION: return m->functions[ref.index].name;
	case SAMM_L_PRACTICE: return m->practices[ref.index].name;
	case SAMM_L_STREAM: return m->streams[ref.index].name;
	case SAMM_L_ACTIVITY: return m->activities[ref.index].title;
	case SAMM_L_ITEM: return m->items[ref.index].criterion;
	}
	return "";
}

void samm_model_ref_items(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	/* Descend to the first and the last activity under the node: the
	 * items between them are exactly the node's, by model order. */
	int a0 = 0, a1 = m->n_activities - 1;
	int s0, s1, p0, p1;

	switch (ref.level) {
	case SAMM_L_OVERALL:
		*first = 0;
		*n = m->n_items;
		return;
	case SAMM_L_ITEM:
		*first = ref.index;
		*n = 1;
		return;
	case SAMM_L_ACTIVITY:
		*first = m->activities[ref.index].first_item;
		*n = m->activities[ref.index].n_items;
		return;
	case SAMM_L_FUNCTION:
		p0 = m->functions[ref.index].first_practice;
		p1 = p0 + m->functions[ref.index].n_practices - 1;
		s0 = m->practices[p0].first_stream;
		s1 = m->practices[p1].first_stream + m->practices[p1].n_streams - 1;
		break;
	case SAMM_L_PRACTICE:
		s0 = m->practices[ref.index].first_stream;
		s1 = s0 + m->practices[ref.index].n_streams - 1;
		break;
	case SAMM_L_STREAM:
		s0 = s1 = ref.index;
		break;
	default:
		*first = 0;
		*n = 0;
		return;
	}
	a0 = m->streams[s0].first_activity;
	a1 = m->streams[s1].first_activity + m->streams[s1].n_activities - 1;
	*first = m->activities[a0].first_item;
	*n = m->activities[a1].first_item + m->activities[a1].n_items - *first;
}

/* Children of a node: their level's array range [*first, *first + *n). */
static void model_children(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	switch (ref.level) {
	case SAMM_L_OVERALL:
		*first = 0; *n = m->n_functions; return;
	case SAMM_L_FUNCTION:
		*first = m->functions[ref.index].first_practice;
		*n = m->functions[ref.index].n_practices; return;
	case SAMM_L_PRACTICE:
		*first = m->practices[ref.index].first_stream;
		*n = m->practices[ref.index].n_streams; return;
	case SAMM_L_STREAM:
		*first = m->streams[ref.index].first_activity;
		*n = m->streams[ref.index].n_activities; return;
	case SAMM_L_ACTIVITY:
		*first = m->activities[ref.index].first_item;
		*n = m->activities[ref.index].n_items; return;
	case SAMM_L_ITEM:
		break;
	}
	*first = 0;
	*n = 0;
}

static int model_walk_node(const struct samm_model *m, struct samm_ref ref,
			   enum samm_level deepest, samm_walk_fn fn, void *ud)
{
	int rc = fn(m, ref, ud), first, n;

	if (rc || ref.level >= deepest)
		return rc;
	model_children(m, ref, &first, &n);
	for (int i = first; i < first + n; i++) {
		struct samm_ref child = { (enum samm_level)(ref.level + 1), i };
		if ((rc = model_walk_node(m, child, deepest, fn, ud)))
			return rc;
	}
	return 0;
}

int samm_model_walk(const struct samm_model *m, enum samm_level deepest,
		    samm_walk_fn fn, void *ud)
{
	return model_walk_node(m, (struct samm_ref){ SAMM_L_OVERALL, 0 }, deepest, fn, ud);
}
