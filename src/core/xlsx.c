/* xlsx.c - the cells of an .xlsx workbook: libzip for the parts, expat for
 * the XML, both as streams with hard limits (see xlsx.h). */
#define _POSIX_C_SOURCE 200809L
#ifndef XML_DTD
#define XML_DTD 1       /* declares the billion-laughs limits (Debian builds expat with it) */
#endif
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "samm/xlsx.h"

#define MAX_CELL_TEXT  (1UL << 20)      /* bytes of one cell's text */
#define MAX_STRINGS    2000000          /* shared strings */
#define MAX_SHEETS     1000

struct sheet_ref {
	char *name;
	char *rid;
	char *part;
};

struct samm_xlsx {
	const char *fname;
	zip_t *za;
	zip_source_t *src;
	struct sheet_ref *sheets;
	int n_sheets;
	char **sst;
	size_t n_sst, cap_sst;
};

int samm_xlsx_is_zip(const void *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, "PK\3\4", 4);
}

void samm_xlsx_ref(char *buf, size_t size, int col, int row)
{
	char letters[8];
	int n = 0;
	for (int c = col; c > 0 && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	char rev[8];
	for (int i = 0; i < n; i++)
		rev[i] = letters[n - 1 - i];
	rev[n] = '\0';
	snprintf(buf, size, "%s%d", rev, row);
}

/* ---- Streaming one part through expat ----------------------------------------- */

/* Element names without a namespace prefix ("x:c" -> "c"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

struct parse {
	XML_Parser p;
	struct samm_xlsx *x;
	const char *what;               /* "sheet Interview" or the part name */
	struct samm_error *err;
	enum samm_status status;        /* set by a handler that stops */
};

static void stop(struct parse *ps, enum samm_status code, const char *fmt, const char *a,
		 const char *b)
{
	if (ps->status)
		return;
	char msg[600];
	snprintf(msg, sizeof msg, fmt, a, b);
	ps->status = samm_error_set(ps->err, code, "%s: %s: %s", ps->x->fname, ps->what, msg);
	XML_StopParser(ps->p, XML_FALSE);
}

/* No DTD at all: that is where entity bombs and external entities live. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
		       int has_internal)
{
	(void)name; (void)sys; (void)pub; (void)has_internal;
	stop(ud, SAMM_PARSE, "%s%sa DOCTYPE is not allowed in a workbook", "", "");
}

static void on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
		      int len, const XML_Char *base, const XML_Char *sys, const XML_Char *pub,
		      const XML_Char *notation)
{
	(void)name; (void)is_param; (void)value; (void)len; (void)base; (void)sys; (void)pub;
	(void)notation;
	stop(ud, SAMM_PARSE, "%s%san entity declaration is not allowed in a workbook", "", "");
}

/* Feed part `part` to a parser set up by the caller (handlers, user data
 * starting with struct parse).  Declared and inflated sizes are checked. */
static enum samm_status run_part(struct parse *ps, const char *part)
{
	struct samm_xlsx *x = ps->x;
	zip_stat_t zs;
	zip_int64_t idx = zip_name_locate(x->za, part, 0);
	if (idx < 0 || zip_stat_index(x->za, (zip_uint64_t)idx, 0, &zs))
		return samm_error_set(ps->err, SAMM_PARSE, "%s: %s: part %s is missing", x->fname,
				      ps->what, part);
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > SAMM_XLSX_MAX_PART)
		return samm_error_set(ps->err, SAMM_PARSE,
				      "%s: %s: part %s inflates to %llu bytes, more than the limit of %lu",
				      x->fname, ps->what, part, (unsigned long long)zs.size,
				      SAMM_XLSX_MAX_PART);
	zip_file_t *zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf)
		return samm_error_set(ps->err, SAMM_PARSE, "%s: %s: cannot read part %s: %s",
				      x->fname, ps->what, part, zip_strerror(x->za));
	XML_SetStartDoctypeDeclHandler(ps->p, on_doctype);
	XML_SetEntityDeclHandler(ps->p, on_entity);
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(ps->p, 10.0f);
	char buf[65536];
	size_t total = 0;
	enum samm_status rc = SAMM_OK;
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, sizeof buf);
		if (n < 0) {
			rc = samm_error_set(ps->err, SAMM_PARSE, "%s: %s: part %s is damaged: %s",
					    x->fname, ps->what, part, zip_file_strerror(zf));
			break;
		}
		total += (size_t)n;
		if (total > SAMM_XLSX_MAX_PART) {
			rc = samm_error_set(ps->err, SAMM_PARSE,
					    "%s: %s: part %s inflates to more than the limit of %lu bytes",
					    x->fname, ps->what, part, SAMM_XLSX_MAX_PART);
			break;
		}
		if (XML_Parse(ps->p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (ps->status)
				rc = ps->status;
			else
				rc = samm_error_set(ps->err, SAMM_PARSE,
						    "%s: %s (%s), line %lu: XML is not well-formed: %s",
						    x->fname, ps->what, part,
						    (unsigned long)XML_GetCurrentLineNumber(ps->p),
						    XML_ErrorString(XML_GetErrorCode(ps->p)));
			break;
		}
		if (n == 0)
			break;
	}
	zip_fclose(zf);
	return rc;
}

/* ---- Text collection shared by the handlers --------------------------------------- */

struct text {
	char *s;
	size_t len, cap;
	int on;
};

static int text_add(struct text *t, const char *s, int len)
{
	if (!t->on || len <= 0)
		return 0;
	if (t->len + (size_t)len > MAX_CELL_TEXT)
		return -1;
	if (t->len + (size_t)len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (cap < t->len + (size_t)len + 1)
			cap *= 2;
		char *n = realloc(t->s, cap);
		if (!n)
			return -2;
		t->s = n;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, (size_t)len);
	t->len += (size_t)len;
	t->s[t->len] = '\0';
	return 0;
}

static char *text_take(struct text *t)
{
	char *s = malloc(t->len + 1);
	if (s) {
		if (t->len)
			memcpy(s, t->s, t->len);
		s[t->len] = '\0';
	}
	t->len = 0;
	return s;
}

/* ---- Shared strings ------------------------------------------------------------- */

struct sst_parse {
	struct parse ps;
	struct text t;
	int in_si, in_rph;
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst_parse *sp = ud;
	const char *n = local(name);
	(void)atts;
	if (!strcmp(n, "si")) {
		sp->in_si = 1;
		sp->t.len = 0;
	} else if (!strcmp(n, "rPh")) {
		sp->in_rph = 1;
	} else if (!strcmp(n, "t") && sp->in_si && !sp->in_rph) {
		sp->t.on = 1;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct sst_parse *sp = ud;
	struct samm_xlsx *x = sp->ps.x;
	const char *n = local(name);
	if (!strcmp(n, "t")) {
		sp->t.on = 0;
	} else if (!strcmp(n, "rPh")) {
		sp->in_rph = 0;
	} else if (!strcmp(n, "si") && sp->in_si) {
		sp->in_si = 0;
		if (x->n_sst >= MAX_STRINGS) {
			stop(&sp->ps, SAMM_PARSE, "more than %s%s shared strings", "2000000", "");
			return;
		}
		if (x->n_sst == x->cap_sst) {
			size_t cap = x->cap_sst ? x->cap_sst * 2 : 1024;
			char **v = realloc(x->sst, cap * sizeof *v);
			if (!v) {
				stop(&sp->ps, SAMM_NOMEM, "%s%sout of memory", "", "");
				return;
			}
			x->sst = v;
			x->cap_sst = cap;
		}
		char *s = text_take(&sp->t);
		if (!s) {
			stop(&sp->ps, SAMM_NOMEM, "%s%sout of memory", "", "");
			return;
		}
		x->sst[x->n_sst++] = s;
	}
}

static void sst_chars(void *ud, const XML_Char *s, int len)
{
	struct sst_parse *sp = ud;
	int r = text_add(&sp->t, s, len);
	if (r)
		stop(&sp->ps, r == -2 ? SAMM_NOMEM : SAMM_PARSE, "a shared string is longer than %s%s",
		     "1 MB", "");
}

static enum samm_status read_sst(struct samm_xlsx *x, const char *part, struct samm_error *err)
{
	struct sst_parse sp = { .ps = { .x = x, .what = "shared strings", .err = err } };
	sp.ps.p = XML_ParserCreate("UTF-8");
	if (!sp.ps.p)
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	XML_SetUserData(sp.ps.p, &sp);
	XML_SetElementHandler(sp.ps.p, sst_start, sst_end);
	XML_SetCharacterDataHandler(sp.ps.p, sst_chars);
	enum samm_status rc = run_part(&sp.ps, part);
	XML_ParserFree(sp.ps.p);
	free(sp.t.s);
	return rc;
}

/* ---- Workbook and relationships ------------------------------------------------------ */

struct wb_parse {
	struct parse ps;
	int rels;               /* parsing the .rels part */
	char *sst_target;
};

static char *xdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml"; "/xl/a.xml" -> "xl/a.xml". */
static char *resolve_target(const char *target)
{
	if (target[0] == '/')
		return strdup(target + 1);
	size_t n = strlen(target) + 4;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "xl/%s", target);
	return s;
}

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *wp = ud;
	struct samm_xlsx *x = wp->ps.x;
	const char *n = local(name);
	if (!wp->rels && !strcmp(n, "sheet")) {
		const char *nm = attr(atts, "name"), *rid = attr(atts, "id");
		if (!nm || !rid)
			return;
		if (x->n_sheets >= MAX_SHEETS) {
			stop(&wp->ps, SAMM_PARSE, "more than %s%s sheets", "1000", "");
			return;
		}
		struct sheet_ref *v = realloc(x->sheets, (size_t)(x->n_sheets + 1) * sizeof *v);
		if (!v) {
			stop(&wp->ps, SAMM_NOMEM, "%s%sout of memory", "", "");
			return;
		}
		x->sheets = v;
		v[x->n_sheets++] = (struct sheet_ref){ xdup(nm), xdup(rid), NULL };
	} else if (wp->rels && !strcmp(n, "Relationship")) {
		const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
		const char *type = attr(atts, "Type");
		if (!id || !target)
			return;
		if (type && strlen(type) >= 13 && !strcmp(type + strlen(type) - 13, "sharedStrings")) {
			free(wp->sst_target);
			wp->sst_target = resolve_target(target);
		}
		for (int i = 0; i < x->n_sheets; i++)
			if (x->sheets[i].rid && !strcmp(x->sheets[i].rid, id) && !x->sheets[i].part)
				x->sheets[i].part = resolve_target(target);
	}
}

static enum samm_status read_map(struct samm_xlsx *x, struct samm_error *err)
{
	struct wb_parse wp = { .ps = { .x = x, .err = err } };
	enum samm_status rc = SAMM_OK;
	static const char *const parts[2] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels" };
	for (int i = 0; i < 2 && !rc; i++) {
		if (zip_name_locate(x->za, parts[i], 0) < 0) {
			rc = samm_error_set(err, SAMM_PARSE,
					    "%s: not an .xlsx workbook: the ZIP has no part %s",
					    x->fname, parts[i]);
			break;
		}
		wp.rels = i;
		wp.ps.what = parts[i];
		wp.ps.p = XML_ParserCreate("UTF-8");
		if (!wp.ps.p)
			return samm_error_set(err, SAMM_NOMEM, "out of memory");
		XML_SetUserData(wp.ps.p, &wp);
		XML_SetElementHandler(wp.ps.p, wb_start, NULL);
		rc = run_part(&wp.ps, parts[i]);
		XML_ParserFree(wp.ps.p);
	}
	if (!rc && wp.sst_target)
		rc = read_sst(x, wp.sst_target, err);
	free(wp.sst_target);
	return rc;
}

enum samm_status samm_xlsx_open(const void *buf, size_t len, const char *fname,
				struct samm_xlsx **out, struct samm_error *err)
{
	if (!samm_xlsx_is_zip(buf, len))
		return samm_error_set(err, SAMM_PARSE, "%s: not an .xlsx workbook (not a ZIP file)",
				      fname);
	struct samm_xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	x->fname = fname;
	zip_error_t ze;
	zip_error_init(&ze);
	x->src = zip_source_buffer_create(buf, len, 0, &ze);
	if (x->src)
		x->za = zip_open_from_source(x->src, ZIP_RDONLY, &ze);
	if (!x->za) {
		enum samm_status rc = samm_error_set(err, SAMM_PARSE,
						     "%s: not an .xlsx workbook (damaged ZIP: %s)",
						     fname, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		if (x->src)
			zip_source_free(x->src);
		free(x);
		return rc;
	}
	zip_error_fini(&ze);
	enum samm_status rc = read_map(x, err);
	if (rc) {
		samm_xlsx_close(x);
		return rc;
	}
	*out = x;
	return SAMM_OK;
}

void samm_xlsx_close(struct samm_xlsx *x)
{
	if (!x)
		return;
	if (x->za)
		zip_discard(x->za);     /* frees the source too */
	for (int i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	for (size_t i = 0; i < x->n_sst; i++)
		free(x->sst[i]);
	free(x->sst);
	free(x);
}

const char *samm_xlsx_sheet_part(const struct samm_xlsx *x, const char *name)
{
	for (int i = 0; i < x->n_sheets; i++)
		if (!strcmp(x->sheets[i].name, name))
			return x->sheets[i].part;
	return NULL;
}

enum samm_status samm_xlsx_part(struct samm_xlsx *x, const char *part, char **buf,
				size_t *len, struct samm_error *err)
{
	zip_stat_t zs;
	zip_int64_t idx = zip_name_locate(x->za, part, 0);
	if (idx < 0 || zip_stat_index(x->za, (zip_uint64_t)idx, 0, &zs) ||
	    !(zs.valid & ZIP_STAT_SIZE))
		return samm_error_set(err, SAMM_PARSE, "%s: part %s is missing", x->fname, part);
	if (zs.size > SAMM_XLSX_MAX_PART)
		return samm_error_set(err, SAMM_PARSE, "%s: part %s is larger than the limit",
				      x->fname, part);
	char *b = malloc((size_t)zs.size + 1);
	zip_file_t *zf = b ? zip_fopen_index(x->za, (zip_uint64_t)idx, 0) : NULL;
	if (!zf) {
		free(b);
		return samm_error_set(err, b ? SAMM_PARSE : SAMM_NOMEM, "%s: cannot read part %s",
				      x->fname, part);
	}
	zip_int64_t n = zip_fread(zf, b, zs.size);
	zip_fclose(zf);
	if (n < 0 || (zip_uint64_t)n != zs.size) {
		free(b);
		return samm_error_set(err, SAMM_PARSE, "%s: part %s is damaged", x->fname, part);
	}
	b[n] = '\0';
	*buf = b;
	*len = (size_t)n;
	return SAMM_OK;
}

/* ---- Sheet cells ------------------------------------------------------------------ */

struct sheet_parse {
	struct parse ps;
	struct samm_xlsx_table *t;
	const int *cols;
	int cap_rows;
	int row, col;           /* current cell */
	char type[16];
	int in_cell, in_is, in_rph;
	struct text txt;
};

/* "F20" -> col 6, row 20; 0 on a malformed reference. */
static int parse_ref(const char *r, int *col, int *row)
{
	int c = 0, w = 0;
	while (*r >= 'A' && *r <= 'Z' && c < 100000)
		c = c * 26 + (*r++ - 'A' + 1);
	if (!c || *r < '0' || *r > '9')
		return 0;
	long rw = 0;
	while (*r >= '0' && *r <= '9' && rw <= 100000000L)
		rw = rw * 10 + (*r++ - '0');
	if (*r)
		return 0;
	*col = c;
	w = rw > 100000000L ? 100000001 : (int)rw;
	*row = w;
	return 1;
}

static int row_limit(struct sheet_parse *sp, int row)
{
	if (row <= SAMM_XLSX_MAX_ROW)
		return 0;
	char n[16];
	snprintf(n, sizeof n, "%d", row);
	stop(&sp->ps, SAMM_PARSE, "row %s is beyond the limit of %s rows", n, "100000");
	return -1;
}

static void sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_parse *sp = ud;
	const char *n = local(name);
	if (!strcmp(n, "row")) {
		const char *r = attr(atts, "r");
		sp->row = r ? atoi(r) : sp->row + 1;
		if (r && strlen(r) > 9)
			sp->row = 1000000000;
		sp->col = 0;
		row_limit(sp, sp->row);
	} else if (!strcmp(n, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t");
		int row = sp->row;
		if (r && !parse_ref(r, &sp->col, &row)) {
			stop(&sp->ps, SAMM_PARSE, "bad cell reference \"%.20s\"%s", r, "");
			return;
		}
		if (!r)
			sp->col++;
		if (row != sp->row) {
			sp->row = row;
			if (row_limit(sp, row))
				return;
		}
		snprintf(sp->type, sizeof sp->type, "%s", t ? t : "n");
		sp->in_cell = 1;
		sp->txt.len = 0;
	} else if (sp->in_cell && !strcmp(n, "is")) {
		sp->in_is = 1;
	} else if (sp->in_cell && !strcmp(n, "rPh")) {
		sp->in_rph = 1;
	} else if (sp->in_cell && (!strcmp(n, "v") || (!strcmp(n, "t") && sp->in_is && !sp->in_rph))) {
		sp->txt.on = 1;
	}
}

static int want_col(const struct sheet_parse *sp, int col)
{
	for (int k = 0; k < sp->t->ncols; k++)
		if (sp->cols[k] == col)
			return k;
	return -1;
}

static void sh_cell_done(struct sheet_parse *sp)
{
	struct samm_xlsx_table *t = sp->t;
	int k = want_col(sp, sp->col);
	if (k < 0 || sp->row < 1 || !sp->txt.len)
		return;
	char *s;
	if (!strcmp(sp->type, "s")) {
		char *end;
		unsigned long i = strtoul(sp->txt.s, &end, 10);
		if (*end || i >= sp->ps.x->n_sst) {
			char ref[16];
			samm_xlsx_ref(ref, sizeof ref, sp->col, sp->row);
			stop(&sp->ps, SAMM_PARSE, "cell %s: shared string %.20s does not exist", ref,
			     sp->txt.s);
			return;
		}
		s = strdup(sp->ps.x->sst[i]);
		sp->txt.len = 0;
	} else {
		s = text_take(&sp->txt);
	}
	if (!s)
		goto oom;
	if (sp->row >= sp->cap_rows) {
		int cap = sp->cap_rows ? sp->cap_rows : 256;
		while (cap <= sp->row)
			cap *= 2;
		char **c = realloc(t->cell, (size_t)cap * (size_t)t->ncols * sizeof *c);
		if (!c)
			goto oom;
		t->cell = c;
		char *kd = realloc(t->kind, (size_t)cap * (size_t)t->ncols);
		if (!kd)
			goto oom;
		t->kind = kd;
		for (size_t i = (size_t)sp->cap_rows * (size_t)t->ncols; i < (size_t)cap * (size_t)t->ncols; i++) {
			t->cell[i] = NULL;
			t->kind[i] = 0;
		}
		sp->cap_rows = cap;
	}
	size_t at = (size_t)sp->row * (size_t)t->ncols + (size_t)k;
	free(t->cell[at]);
	t->cell[at] = s;
	t->kind[at] = (!strcmp(sp->type, "s") || !strcmp(sp->type, "inlineStr") ||
		       !strcmp(sp->type, "str")) ? 's' : 'n';
	if (sp->row >= t->n_rows)
		t->n_rows = sp->row + 1;
	return;
oom:
	free(s);
	stop(&sp->ps, SAMM_NOMEM, "%s%sout of memory", "", "");
}

static void sh_end(void *ud, const XML_Char *name)
{
	struct sheet_parse *sp = ud;
	const char *n = local(name);
	if (!sp->in_cell)
		return;
	if (!strcmp(n, "v") || !strcmp(n, "t")) {
		sp->txt.on = 0;
	} else if (!strcmp(n, "rPh")) {
		sp->in_rph = 0;
	} else if (!strcmp(n, "is")) {
		sp->in_is = 0;
	} else if (!strcmp(n, "c")) {
		sp->in_cell = 0;
		sh_cell_done(sp);
	}
}

static void sh_chars(void *ud, const XML_Char *s, int len)
{
	struct sheet_parse *sp = ud;
	int r = text_add(&sp->txt, s, len);
	if (r) {
		char ref[16];
		samm_xlsx_ref(ref, sizeof ref, sp->col, sp->row);
		stop(&sp->ps, r == -2 ? SAMM_NOMEM : SAMM_PARSE, "cell %s: text longer than %s", ref,
		     "1 MB");
	}
}

enum samm_status samm_xlsx_table(struct samm_xlsx *x, const char *name, const int *cols,
				 int ncols, struct samm_xlsx_table *out, struct samm_error *err)
{
	const char *part = samm_xlsx_sheet_part(x, name);
	memset(out, 0, sizeof *out);
	out->ncols = ncols;
	if (!part)
		return samm_error_set(err, SAMM_NOTFOUND, "%s: no sheet named %s", x->fname, name);
	char what[200];
	snprintf(what, sizeof what, "sheet %s", name);
	struct sheet_parse sp = { .ps = { .x = x, .what = what, .err = err }, .t = out,
				  .cols = cols };
	sp.ps.p = XML_ParserCreate("UTF-8");
	if (!sp.ps.p)
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	XML_SetUserData(sp.ps.p, &sp);
	XML_SetElementHandler(sp.ps.p, sh_start, sh_end);
	XML_SetCharacterDataHandler(sp.ps.p, sh_chars);
	enum samm_status rc = run_part(&sp.ps, part);
	XML_ParserFree(sp.ps.p);
	free(sp.txt.s);
	if (rc)
		samm_xlsx_table_free(out);
	return rc;
}

void samm_xlsx_table_free(struct samm_xlsx_table *t)
{
	if (t->cell)
		for (size_t i = 0; i < (size_t)t->n_rows * (size_t)t->ncols; i++)
			free(t->cell[i]);
	free(t->cell);
	free(t->kind);
	t->cell = NULL;
	t->kind = NULL;
	t->n_rows = 0;
}

const char *samm_xlsx_cell(const struct samm_xlsx_table *t, int row, int k)
{
	if (row < 0 || row >= t->n_rows || k < 0 || k >= t->ncols)
		return NULL;
	return t->cell[(size_t)row * (size_t)t->ncols + (size_t)k];
}
