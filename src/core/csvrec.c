/* csvrec.c - the libcsv record reader (see csvrec.h). */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#define CSVREC_SSE2 1
#endif
#include "csvrec.h"
#include "vec.h"

/* ---- Blanks ------------------------------------------------------------ *
 * Texts are kept exactly as written, but libcsv trims spaces and tabs
 * around unquoted fields.  The portable path gives it a space function
 * that says nothing is a space; libcsv calls it through a pointer for
 * nearly every byte, and loading the bench's 100,000-item model then
 * takes 2.0 to 2.3 times libcsv's own parse, against a target of 2.
 *
 * The one SIMD fast path the core keeps (SSE2, every x86-64): libcsv
 * parses a copy of the input in which every space is HIDE_SP and every tab
 * HIDE_TAB, two bytes that never occur in UTF-8 (the input is UTF-8:
 * csvrec.h), so its built-in test finds nothing to trim and takes exactly
 * the steps it takes with the space function; each record gets its blanks
 * back before on_row sees it.  1.7 to 1.8 times the parse.  (The same
 * hiding in plain C, a byte or eight at a time, is no faster than the
 * space function.)  Both paths run in every test run: test_import and
 * test_model parse with each (samm_csvrec_set_portable). */
#define HIDE_SP  0xF8
#define HIDE_TAB 0xF9

static int csvrec_portable;

int samm_csvrec_set_portable(int on)
{
	csvrec_portable = on;
#ifdef CSVREC_SSE2
	return !on;
#else
	return 0;
#endif
}

#ifdef CSVREC_SSE2
/* d = s with every byte a1 made b1 and every a2 made b2 (d may be s). */
static void bytes_swap(unsigned char *d, const unsigned char *s, size_t n, unsigned char a1,
		       unsigned char b1, unsigned char a2, unsigned char b2)
{
	const __m128i v1 = _mm_set1_epi8((char)a1), x1 = _mm_set1_epi8((char)(a1 ^ b1));
	const __m128i v2 = _mm_set1_epi8((char)a2), x2 = _mm_set1_epi8((char)(a2 ^ b2));
	size_t i = 0;

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i x = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, v1), x1),
					 _mm_and_si128(_mm_cmpeq_epi8(v, v2), x2));
		_mm_storeu_si128((__m128i *)(void *)(d + i), _mm_xor_si128(v, x));
	}
	for (; i < n; i++)
		d[i] = s[i] == a1 ? b1 : s[i] == a2 ? b2 : s[i];
}
#endif

/* Nothing is a space: libcsv keeps every byte of an unquoted field. */
static int csvrec_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* ---- Records ------------------------------------------------------------ */

static void csvrec_field(void *s, size_t len, void *ud)
{
	struct samm_csvrec *r = ud;
	struct samm_csvrow *row = &r->row;

	if (r->stop)
		return;
	if (samm_grow((void **)&row->buf, &row->cap, row->len + len + 1, 1) ||
	    samm_grow((void **)&row->off, &row->fcap, (size_t)row->nf + 1, sizeof *row->off)) {
		r->nomem = r->stop = 1;
		return;
	}
	row->off[row->nf] = row->len;
	if (len)
		memcpy(row->buf + row->len, s, len);
	row->buf[row->len + len] = '\0';
	row->len += len + 1;
	row->nf++;
	if (r->on_field)
		r->on_field(r->ud, row->nf - 1);
}

static void csvrec_row(int c, void *ud)
{
	struct samm_csvrec *r = ud;

	if (r->stop)
		return;
#ifdef CSVREC_SSE2
	if (r->hidden)
		bytes_swap((unsigned char *)r->row.buf, (unsigned char *)r->row.buf, r->row.len,
			   HIDE_SP, ' ', HIDE_TAB, '\t');
#endif
	r->on_row(r->ud, c);
	r->row.nf = 0;
	r->row.len = 0;
}

int samm_csvrec_init(struct samm_csvrec *r, unsigned char opts, size_t total,
		     void (*on_field)(void *, int), void (*on_row)(void *, int), void *ud)
{
	memset(r, 0, sizeof *r);
	if (csv_init(&r->csv, opts | CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
#ifdef CSVREC_SSE2
	if (!csvrec_portable && !(r->hidden = malloc(CSVREC_PIECE))) {
		csv_free(&r->csv);
		return -1;
	}
#endif
	if (!r->hidden)
		csv_set_space_func(&r->csv, csvrec_no_space);
	/* libcsv grows a field's buffer by a fixed block (128 bytes by
	 * default): a 10 MB field would mean tens of thousands of reallocs,
	 * each copying what came before.  A block of a sixteenth of the
	 * input bounds that to a handful. */
	csv_set_blk_size(&r->csv, total / 16 > 128 ? total / 16 : 128);
	r->on_field = on_field;
	r->on_row = on_row;
	r->ud = ud;
	return 0;
}

static enum samm_csvrec_rc csvrec_error(const struct samm_csvrec *r)
{
	int e = csv_error((struct csv_parser *)&r->csv);

	return e == CSV_ENOMEM || e == CSV_ETOOBIG ? SAMM_CSVREC_NOMEM : SAMM_CSVREC_QUOTE;
}

enum samm_csvrec_rc samm_csvrec_feed(struct samm_csvrec *r, const char *buf, size_t n,
				     size_t *used)
{
	*used = 0;
	while (*used < n) {
		size_t k = n - *used, got;
		const void *in = buf + *used;
#ifdef CSVREC_SSE2
		if (r->hidden) {
			k = k < CSVREC_PIECE ? k : CSVREC_PIECE;
			bytes_swap(r->hidden, in, k, ' ', HIDE_SP, '\t', HIDE_TAB);
			in = r->hidden;
		}
#endif
		got = csv_parse(&r->csv, in, k, csvrec_field, csvrec_row, r);
		*used += got;
		if (r->nomem)
			return SAMM_CSVREC_NOMEM;
		if (got != k)
			return csvrec_error(r);
	}
	return SAMM_CSVREC_OK;
}

enum samm_csvrec_rc samm_csvrec_finish(struct samm_csvrec *r)
{
	int rc = csv_fini(&r->csv, csvrec_field, csvrec_row, r);

	if (r->nomem)
		return SAMM_CSVREC_NOMEM;
	return rc ? SAMM_CSVREC_OPEN : SAMM_CSVREC_OK;
}

void samm_csvrow_free(struct samm_csvrow *row)
{
	free(row->buf);
	free(row->off);
	memset(row, 0, sizeof *row);
}

void samm_csvrec_free(struct samm_csvrec *r)
{
	csv_free(&r->csv);
	samm_csvrow_free(&r->row);
	free(r->hidden);
	r->hidden = NULL;
}

int samm_csvrec_skip_bom(const char **buf, size_t *len)
{
	if (*len >= 3 && memcmp(*buf, "\xEF\xBB\xBF", 3) == 0) {
		*buf += 3;
		*len -= 3;
		return 1;
	}
	return 0;
}
