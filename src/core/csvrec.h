/* csvrec.h - the one libcsv record reader of the core, shared by the model
 * loader and the import parser.  Not part of the public API.
 *
 * libcsv hands over a record a field at a time; the reader gathers them
 * into one row (fields NUL-terminated one after another, so each is a C
 * string; a field holding a NUL byte ends early, which is why both callers
 * refuse NUL bytes before parsing) and calls on_row once the record is
 * complete.  Spaces and tabs around unquoted fields are kept: texts are
 * kept exactly as written, and each caller trims what it considers noise.
 * The input must be valid UTF-8 (both callers check it first: see
 * "Blanks" in csvrec.c).  A UTF-8 byte-order mark is the caller's to skip
 * (samm_csvrec_skip_bom). */
#ifndef SAMM_CSVREC_H
#define SAMM_CSVREC_H

#include <csv.h>
#include <stddef.h>

/* One record. */
struct samm_csvrow {
	char *buf;              /* the fields, each NUL-terminated */
	size_t len, cap;
	size_t *off;            /* field i starts at buf + off[i] */
	size_t fcap;
	int nf;                 /* fields so far */
};

#define CSVREC_PIECE 65536     /* bytes given to libcsv per call, at most */

struct samm_csvrec {
	struct csv_parser csv;
	struct samm_csvrow row;
	/* Called after field i of the row is stored (may be NULL; the field
	 * still has its blanks hidden then: see csvrec.c), and once
	 * the record is complete with libcsv's end character c ('\n', '\r',
	 * or -1 at the end of the input; see libcsv).  The row is emptied
	 * after on_row returns. */
	void (*on_field)(void *ud, int i);
	void (*on_row)(void *ud, int c);
	void *ud;
	int stop;               /* set it to ignore the rest of the input */
	unsigned char *hidden;  /* the fast path's copy of the input: csvrec.c */
	int nomem;              /* a field could not be stored */
};

enum samm_csvrec_rc {
	SAMM_CSVREC_OK,
	SAMM_CSVREC_NOMEM,
	SAMM_CSVREC_QUOTE,      /* a quote inside an unquoted field, or text after a closing one */
	SAMM_CSVREC_OPEN,       /* (finish) an unterminated quoted field */
};

/* opts: libcsv's (CSV_STRICT | CSV_STRICT_FINI is always added); total: the
 * input's size, to size libcsv's field buffer.  0 or -1 (out of memory). */
int samm_csvrec_init(struct samm_csvrec *r, unsigned char opts, size_t total,
		     void (*on_field)(void *, int), void (*on_row)(void *, int), void *ud);
/* Parse buf[0..n); *used gets the bytes libcsv took (n unless it failed).
 * After a failure, call neither feed nor finish again: the partial row is
 * dropped, never delivered. */
enum samm_csvrec_rc samm_csvrec_feed(struct samm_csvrec *r, const char *buf, size_t n,
				     size_t *used);
/* The end of the input: deliver a last record without a line end. */
enum samm_csvrec_rc samm_csvrec_finish(struct samm_csvrec *r);
void samm_csvrec_free(struct samm_csvrec *r);

static inline const char *samm_csvrow_field(const struct samm_csvrow *row, int i)
{
	return row->buf + row->off[i];
}
void samm_csvrow_free(struct samm_csvrow *row);

/* on: read with the portable code only; off (the default): with the SSE2
 * fast path where the build has it (csvrec.c, "Blanks").  Applies to
 * readers initialised afterwards; returns 1 when they use the fast path.
 * Not thread-safe: for tests. */
int samm_csvrec_set_portable(int on);

/* Skip a UTF-8 byte-order mark at *buf; 1 when there was one. */
int samm_csvrec_skip_bom(const char **buf, size_t *len);

#endif
