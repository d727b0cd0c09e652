/* import.c - read a CSV of answers into a list of changes.
 *
 * libcsv streams the file one physical line at a time (csvline.h) so that
 * every record is known by the line it starts on; each data row is checked
 * and turned into samm_change entries at once.  Nothing reaches the store from here:
 * the caller applies the finished list in one transaction, so a bad last
 * line means nothing at all is written. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "samm/csvw.h"
#include "samm/import.h"
#include "samm/util.h"
#include "samm/value.h"
#include "csvline.h"
#include "csvrec.h"
#include "vec.h"

/* Owned storage behind samm_import.priv. */
struct import_priv {
	char **notes;
	size_t n_notes;
};

struct imp {
	const struct samm_model *m;
	const char *fname;
	struct samm_error *err;
	enum samm_status status;

	struct samm_csvrec rd;  /* libcsv and the record being read */

	long cur_line;          /* physical line being fed */
	long row_line;          /* line where the current record began */
	int at_boundary;        /* the next field starts a record */

	int header_done;
	int ncols, col_id, col_score, col_note;
	int from_export;        /* the header has columns of `sammtui export` */

	/* For each model item: the line of the row that set it (0: none) and
	 * whether that row named its activity, to report both lines. */
	long *claim_line;
	unsigned char *claim_by_act;

	struct samm_change *ch;
	size_t n_ch, cap_ch;
	struct import_priv *priv;
	size_t cap_notes;
	size_t n_rows;
};

static enum samm_status imp_fail(struct imp *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum samm_status imp_fail(struct imp *p, long line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->status = samm_error_set(p->err, SAMM_PARSE, "%s:%ld: %s", p->fname, line, msg);
	p->rd.stop = 1;
	return p->status;
}

static enum samm_status imp_nomem(struct imp *p)
{
	p->status = samm_error_set(p->err, SAMM_NOMEM, "%s: out of memory", p->fname);
	p->rd.stop = 1;
	return p->status;
}

/* printf arguments for "%.*s": s cut to n bytes between characters. */
#define CUT(s, n) (int)samm_utf8_cut((s), (n)), (s)

static char *imp_field(const struct imp *p, int i)
{
	return p->rd.row.buf + p->rd.row.off[i];
}

/* Spaces and tabs around ids and values are typing noise; notes keep theirs. */
static char *imp_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static void imp_header(struct imp *p)
{
	static const char *const names[] = { "id", "score", "note" };
	/* The other columns of `sammtui export`, read past so that an export,
	 * edited in a spreadsheet, imports as it is. */
	static const char *const export_only[] = {
		"scope", "period", "date", "model", "function", "practice_code", "practice",
		"stream", "level", "activity", "criterion", "answer", "updated_by", "updated_at",
	};
	int *cols[] = { &p->col_id, &p->col_score, &p->col_note };

	p->col_id = p->col_score = p->col_note = -1;
	p->ncols = p->rd.row.nf;
	p->from_export = 0;
	for (int i = 0; i < p->rd.row.nf; i++) {
		char *name = imp_trim(imp_field(p, i));
		size_t k, e;
		for (k = 0; k < 3; k++)
			if (!strcasecmp(name, names[k]))
				break;
		for (e = 0; k == 3 && e < sizeof export_only / sizeof *export_only; e++)
			if (!strcasecmp(name, export_only[e]))
				break;
		if (k == 3 && e < sizeof export_only / sizeof *export_only) {
			p->from_export = 1;   /* repeated export columns are harmless */
			continue;
		}
		if (k == 3) {
			imp_fail(p, p->row_line,
				 "unknown column '%.*s' (expected id, score and optionally note)", CUT(name, 60));
			return;
		}
		if (*cols[k] >= 0) {
			imp_fail(p, p->row_line, "column '%s' appears twice", names[k]);
			return;
		}
		*cols[k] = i;
	}
	for (size_t k = 0; k < 2; k++)
		if (*cols[k] < 0) {
			imp_fail(p, p->row_line, "missing column '%s'", names[k]);
			return;
		}
	p->header_done = 1;
}

static struct samm_change *imp_push(struct imp *p)
{
	if (samm_grow((void **)&p->ch, &p->cap_ch, p->n_ch + 1, sizeof *p->ch)) {
		imp_nomem(p);
		return NULL;
	}
	struct samm_change *c = &p->ch[p->n_ch++];
	memset(c, 0, sizeof *c);
	return c;
}

static const char *imp_keep_note(struct imp *p, const char *s)
{
	struct import_priv *pv = p->priv;
	if (samm_grow((void **)&pv->notes, &p->cap_notes, pv->n_notes + 1, sizeof *pv->notes))
		return NULL;
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n + 1);
	pv->notes[pv->n_notes++] = d;
	return d;
}

/* Claim items [first, first + n) for the row; refuse any already claimed. */
static int imp_claim(struct imp *p, const char *id, int is_act, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		long prev = p->claim_line[i];
		if (!prev)
			continue;
		const struct samm_item *it = &p->m->items[i];
		const char *act = p->m->activities[it->activity].code;
		if (is_act)
			imp_fail(p, p->row_line, "%s includes %s, already set on line %ld", id,
				 it->id, prev);
		else if (p->claim_by_act[i])
			imp_fail(p, p->row_line, "%s is already set on line %ld (by %s)", id, prev,
				 act);
		else
			imp_fail(p, p->row_line, "%s is already set on line %ld", id, prev);
		return -1;
	}
	for (int i = first; i < first + n; i++) {
		p->claim_line[i] = p->row_line;
		p->claim_by_act[i] = (unsigned char)is_act;
	}
	return 0;
}

static void imp_row(struct imp *p)
{
	struct samm_ref ref;
	int value = SAMM_UNSET, first, n;

	p->n_rows++;
	if (p->rd.row.nf != p->ncols) {
		imp_fail(p, p->row_line, "%d field%s, expected %d", p->rd.row.nf, p->rd.row.nf == 1 ? "" : "s",
			 p->ncols);
		return;
	}
	char *id = imp_trim(imp_field(p, p->col_id));
	char *score = imp_trim(imp_field(p, p->col_score));
	const char *note = p->col_note >= 0 ? imp_field(p, p->col_note) : "";
	/* An export prefixed cells a spreadsheet would run with a quote
	 * (csvw.h): take it off again so the round trip keeps the note.
	 * The rule looks past the note's own leading quotes, so that only
	 * the one the export added comes off (''=1 stays ''=1). */
	if (p->from_export && note[0] == '\'' && samm_csv_needs_prefix(note + 1))
		note++;

	if (!*id) {
		imp_fail(p, p->row_line, "empty id");
		return;
	}
	if (samm_model_resolve(p->m, id, &ref, NULL) != SAMM_OK) {
		imp_fail(p, p->row_line, "unknown id '%.*s'", CUT(id, 80));
		return;
	}
	if (ref.level != SAMM_L_ITEM && ref.level != SAMM_L_ACTIVITY) {
		imp_fail(p, p->row_line, "'%.*s' is %s %s; give an item or an activity", CUT(id, 80),
			 ref.level == SAMM_L_OVERALL ? "the" :
			 ref.level == SAMM_L_ACTIVITY ? "an" : "a", samm_level_name(ref.level));
		return;
	}
	if (*score && samm_value_parse(score, &value) != 0) {
		imp_fail(p, p->row_line, "invalid value '%.*s' (expected one of: %s)", CUT(score, 40),
			 SAMM_VALUE_SPELLINGS);
		return;
	}
	int is_act = ref.level == SAMM_L_ACTIVITY;
	if (strlen(note) > SAMM_NOTE_MAX) {
		imp_fail(p, p->row_line, "the note of %.*s is larger than the %d KB limit", CUT(id, 80),
			 SAMM_NOTE_MAX >> 10);
		return;
	}
	if (*note && is_act) {
		imp_fail(p, p->row_line, "a note needs an item id; '%.*s' is an activity", CUT(id, 80));
		return;
	}
	samm_model_ref_items(p->m, ref, &first, &n);
	if (imp_claim(p, samm_model_ref_id(p->m, ref), is_act, first, n))
		return;
	if (!*score && !*note)
		return;
	const char *kept = NULL;
	if (*note && !(kept = imp_keep_note(p, note))) {
		imp_nomem(p);
		return;
	}
	for (int i = first; i < first + n; i++) {
		struct samm_change *c = imp_push(p);
		if (!c)
			return;
		c->item = p->m->items[i].id;
		c->set_value = *score != '\0';
		c->value = value;
		c->set_note = kept != NULL;
		c->note = kept;
	}
}

static void imp_touch(struct imp *p)
{
	if (p->at_boundary) {
		p->row_line = p->cur_line;
		p->at_boundary = 0;
	}
}

static void imp_cb_field(void *ud, int i)
{
	(void)i;
	imp_touch(ud);
}

static void imp_cb_row(void *ud, int c)
{
	struct imp *p = ud;

	(void)c;
	imp_touch(p);
	if (!p->header_done)
		imp_header(p);
	else
		imp_row(p);
	p->at_boundary = 1;
}

/* Feed one physical line at a time (libcsv reports no positions); a line
 * ends at LF, CRLF or a lone CR (see csvline.h). */
static void imp_parse_lines(struct imp *p, const char *buf, size_t len)
{
	struct csv_lines l;
	enum samm_csvrec_rc rc;
	size_t n, used;
	int ended, blank;

	samm_lines_init(&l, buf, len);
	p->at_boundary = 1;
	while (!p->status && (n = samm_lines_next(&l, &ended, &blank)) > 0) {
		p->cur_line = l.line;
		/* libcsv reports a field when it ends: a record whose first
		 * field spans lines starts here, not where that field ends
		 * (blank lines start none: libcsv skips them) */
		if (p->at_boundary && !blank) {
			p->row_line = l.line;
			p->at_boundary = 0;
		}
		rc = samm_csvrec_feed(&p->rd, buf + l.off, n, &used);
		if (p->status)
			return;
		if (rc == SAMM_CSVREC_NOMEM)
			imp_nomem(p);
		else if (rc)
			imp_fail(p, p->cur_line, "misplaced quote (a quote inside an unquoted "
				 "field, or text after a closing quote)");
		if (rc)
			return;
		samm_lines_consume(&l, n, ended);
	}
	p->cur_line = l.line;
	if (p->status)
		return;
	rc = samm_csvrec_finish(&p->rd);
	if (rc == SAMM_CSVREC_NOMEM)
		imp_nomem(p);
	else if (rc && !p->status)
		imp_fail(p, p->row_line, "unterminated quoted field");
}

void samm_import_free(struct samm_import *imp)
{
	if (!imp)
		return;
	struct import_priv *pv = imp->priv;
	if (pv) {
		for (size_t i = 0; i < pv->n_notes; i++)
			free(pv->notes[i]);
		free(pv->notes);
		free(pv);
	}
	free(imp->changes);
	free(imp);
}

enum samm_status samm_import_parse(const struct samm_model *m, const char *buf, size_t len,
				   const char *fname, struct samm_import **out,
				   struct samm_error *err)
{
	struct imp p;
	size_t bad;
	const char *nul;

	*out = NULL;
	memset(&p, 0, sizeof p);
	p.m = m;
	p.fname = fname ? fname : "import";
	p.err = err;
	samm_csvrec_skip_bom(&buf, &len);
	nul = len ? memchr(buf, '\0', len) : NULL;
	if (nul)
		return imp_fail(&p, samm_line_of(buf, len, (size_t)(nul - buf)), "NUL byte in the file");
	if (!samm_utf8_valid(buf, len, &bad))
		return imp_fail(&p, samm_line_of(buf, len, bad), "invalid UTF-8 (byte %zu of the line)",
				samm_col_of(buf, bad));

	p.priv = calloc(1, sizeof *p.priv);
	p.claim_line = calloc((size_t)m->n_items + 1, sizeof *p.claim_line);
	p.claim_by_act = calloc((size_t)m->n_items + 1, 1);
	if (!p.priv || !p.claim_line || !p.claim_by_act) {
		imp_nomem(&p);
		goto done;
	}
	if (samm_csvrec_init(&p.rd, 0, len, imp_cb_field, imp_cb_row, &p)) {
		imp_nomem(&p);
		goto done;
	}
	imp_parse_lines(&p, buf, len);
	samm_csvrec_free(&p.rd);
	if (!p.status && !p.header_done)
		imp_fail(&p, 1, "empty file (no header row)");
	if (!p.status) {
		struct samm_import *imp = calloc(1, sizeof *imp);
		if (!imp) {
			imp_nomem(&p);
			goto done;
		}
		imp->n_rows = p.n_rows;
		imp->changes = p.ch;
		imp->n_changes = p.n_ch;
		imp->priv = p.priv;
		p.ch = NULL;
		p.priv = NULL;
		*out = imp;
	}
done:
	if (p.priv) {
		for (size_t i = 0; i < p.priv->n_notes; i++)
			free(p.priv->notes[i]);
		free(p.priv->notes);
		free(p.priv);
	}
	free(p.ch);
	free(p.claim_line);
	free(p.claim_by_act);
	return p.status;
}

enum samm_status samm_import_load_file(const struct samm_model *m, const char *path,
				       struct samm_import **out, struct samm_error *err)
{
	char *buf;
	size_t len;
	enum samm_status rc;

	*out = NULL;
	if ((rc = samm_read_file(path, &buf, &len, err)))
		return rc;
	rc = samm_import_parse(m, buf, len, path, out, err);
	free(buf);
	return rc;
}
