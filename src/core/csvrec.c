/* csvrec.c - the libcsv record reader (see csvrec.h). */
#include <string.h>
#include "csvrec.h"
#include "vec.h"

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
	r->on_row(r->ud, c);
	r->row.nf = 0;
	r->row.len = 0;
}

/* Nothing is a space: libcsv keeps every byte of an unquoted field. */
static int csvrec_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int samm_csvrec_init(struct samm_csvrec *r, unsigned char opts, size_t total,
		     void (*on_field)(void *, int), void (*on_row)(void *, int), void *ud)
{
	memset(r, 0, sizeof *r);
	if (csv_init(&r->csv, opts | CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
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
	*used = csv_parse(&r->csv, buf, n, csvrec_field, csvrec_row, r);
	if (r->nomem)
		return SAMM_CSVREC_NOMEM;
	return *used == n ? SAMM_CSVREC_OK : csvrec_error(r);
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
