/* toolbox_write.c - the official Toolbox workbook, filled in.
 *
 * The template is read like any workbook (its own answer sets and the row
 * of each question), then two parts are rewritten as text: the Interview
 * sheet, where the cells to fill are replaced one by one in a single pass
 * (each keeps its style), and xl/workbook.xml, which gets
 * fullCalcOnLoad="1".  libzip copies every other part unchanged. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "samm/toolbox.h"
#include "samm/util.h"
#include "samm/value.h"
#include "samm/xlsx.h"
#include "toolbox_int.h"

/* A growing output buffer. */
struct buf {
	char *s;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom || !n)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* XML text: & < > " escaped; characters XML 1.0 cannot hold dropped. */
static void put_xml(struct buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '&')
			puts_(b, "&amp;");
		else if (c == '<')
			puts_(b, "&lt;");
		else if (c == '>')
			puts_(b, "&gt;");
		else if (c == '"')
			puts_(b, "&quot;");
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		else
			put(b, p, 1);
	}
}

/* One cell to fill: text (an inline string) or a number. */
struct edit {
	int row, col;
	const char *text;
	char num[32];
	int done;
};

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->row != y->row ? (x->row > y->row) - (x->row < y->row) :
		(x->col > y->col) - (x->col < y->col);
}

/* "F20" at s (up to a quote) -> col, row. */
static int ref_of(const char *s, int *col, int *row)
{
	int c = 0, r = 0;
	while (*s >= 'A' && *s <= 'Z')
		c = c * 26 + (*s++ - 'A' + 1);
	while (*s >= '0' && *s <= '9' && r < 10000000)
		r = r * 10 + (*s++ - '0');
	*col = c;
	*row = r;
	return *s == '"' && c && r;
}

static void put_cell(struct buf *b, const struct edit *e, const char *style, size_t slen)
{
	char ref[16];
	samm_xlsx_ref(ref, sizeof ref, e->col, e->row);
	puts_(b, "<c r=\"");
	puts_(b, ref);
	puts_(b, "\"");
	if (style) {
		puts_(b, " s=\"");
		put(b, style, slen);
		puts_(b, "\"");
	}
	if (e->text) {
		puts_(b, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
		put_xml(b, e->text);
		puts_(b, "</t></is></c>");
	} else {
		puts_(b, "><v>");
		puts_(b, e->num);
		puts_(b, "</v></c>");
	}
}

/* Copy sheet xml to out, replacing the cells of edits[] (sorted). */
static int rewrite_sheet(const char *xml, struct edit *edits, size_t n, struct buf *out)
{
	const char *p = xml, *c;
	size_t next = 0;
	while (next < n && (c = strstr(p, "<c r=\""))) {
		int col, row;
		if (!ref_of(c + 6, &col, &row)) {
			put(out, p, (size_t)(c + 6 - p));
			p = c + 6;
			continue;
		}
		while (next < n && edit_cmp(&edits[next], &(struct edit){ .row = row, .col = col }) < 0)
			next++;
		if (next >= n || edits[next].row != row || edits[next].col != col) {
			put(out, p, (size_t)(c + 6 - p));
			p = c + 6;
			continue;
		}
		const char *gt = strchr(c, '>');
		if (!gt)
			return -1;
		const char *end = gt[-1] == '/' ? gt + 1 : strstr(gt, "</c>");
		if (!end)
			return -1;
		if (gt[-1] != '/')
			end += 4;
		const char *style = NULL, *s = strstr(c, " s=\"");
		size_t slen = 0;
		if (s && s < gt) {
			style = s + 4;
			slen = strcspn(style, "\"");
		}
		put(out, p, (size_t)(c - p));
		put_cell(out, &edits[next], style, slen);
		edits[next++].done = 1;
		p = end;
	}
	puts_(out, p);
	return out->oom ? -1 : 0;
}

/* xl/workbook.xml with fullCalcOnLoad="1" on calcPr. */
static int rewrite_workbook(const char *xml, struct buf *out)
{
	const char *c = strstr(xml, "<calcPr");
	if (c && strstr(c, "fullCalcOnLoad=\"1\"") && strstr(c, "fullCalcOnLoad=\"1\"") < strchr(c, '>')) {
		puts_(out, xml);
	} else if (c) {
		put(out, xml, (size_t)(c + 7 - xml));
		puts_(out, " fullCalcOnLoad=\"1\"");
		puts_(out, c + 7);
	} else {
		const char *e = strstr(xml, "</workbook>");
		if (!e)
			return -1;
		put(out, xml, (size_t)(e - xml));
		puts_(out, "<calcPr fullCalcOnLoad=\"1\"/>");
		puts_(out, e);
	}
	return out->oom ? -1 : 0;
}

/* ---- What goes where ------------------------------------------------------------------ */

/* The activity's value as one answer: the lowest of its criteria that are
 * not N/A; SAMM_UNSET when one of those is unset or all are N/A (the
 * Toolbox counts a blank as 0, as the official score does). */
static int activity_value(const struct samm_assessment *a, int act)
{
	const struct samm_activity *ac = &a->model->activities[act];
	int v = SAMM_NA;
	for (int k = 0; k < ac->n_items; k++) {
		int x = a->value[ac->first_item + k];
		if (x == SAMM_NA)
			continue;
		if (x == SAMM_UNSET)
			return SAMM_UNSET;
		if (v == SAMM_NA || x < v)
			v = x;
	}
	return v == SAMM_NA ? SAMM_UNSET : v;
}

static char *activity_note(const struct samm_assessment *a, int act)
{
	const struct samm_activity *ac = &a->model->activities[act];
	struct buf b = { 0 };
	for (int k = 0; k < ac->n_items; k++) {
		const char *n = a->note[ac->first_item + k];
		if (!n || !*n)
			continue;
		if (b.len)
			puts_(&b, "\n");
		puts_(&b, n);
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s ? b.s : strdup("");
}

static long date_serial(const char *d)
{
	int y = atoi(d), m = atoi(d + 5), dd = atoi(d + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + 25569;
}

struct plan {
	struct edit *e;
	size_t n;
	char **notes;           /* the texts of edits[], owned */
	int n_notes;
};

static void plan_free(struct plan *pl)
{
	for (int i = 0; i < pl->n_notes; i++)
		free(pl->notes[i]);
	free(pl->notes);
	free(pl->e);
}

static enum samm_status plan_cells(struct samm_xlsx *x, const struct samm_assessment *a,
				   const struct samm_toolbox_meta *meta, struct plan *pl,
				   struct samm_error *err)
{
	const struct samm_model *m = a->model;
	struct tb_sets sets;
	static const int cols[1] = { TB_COL_ID };
	struct samm_xlsx_table t;
	enum samm_status rc = tb_sets_read(x, "template", &sets, err);
	if (rc)
		return rc;
	if ((rc = samm_xlsx_table(x, TB_SHEET, cols, 1, &t, err))) {
		tb_sets_free(&sets);
		return rc;
	}
	pl->e = calloc((size_t)t.n_rows * 2 + 4, sizeof *pl->e);
	pl->notes = calloc((size_t)m->n_activities * 2 + 1, sizeof *pl->notes);
	if (!pl->e || !pl->notes)
		rc = samm_error_set(err, SAMM_NOMEM, "out of memory");
	for (int row = 1; !rc && row < t.n_rows; row++) {
		const char *qid = samm_xlsx_cell(&t, row, 0);
		int act = qid ? tb_qid_activity(m, qid) : -1;
		if (act < 0 || pl->n_notes + 2 > m->n_activities * 2)
			continue;
		int v = activity_value(a, act);
		if (v != SAMM_UNSET) {
			const struct tb_set *set = sets.present ? tb_sets_for(&sets, qid) : NULL;
			const char *text = m->activities[act].answers[v];
			for (int i = 0; set && i < 4; i++)
				if (set->value[i] == v)
					text = set->text[i];
			char *copy = strdup(text ? text : "");  /* the sets go before the writing */
			if (!copy) {
				rc = samm_error_set(err, SAMM_NOMEM, "out of memory");
				break;
			}
			pl->notes[pl->n_notes++] = copy;
			pl->e[pl->n++] = (struct edit){ .row = row, .col = TB_COL_ANSWER, .text = copy };
		}
		char *note = activity_note(a, act);
		if (!note) {
			rc = samm_error_set(err, SAMM_NOMEM, "out of memory");
			break;
		}
		pl->notes[pl->n_notes++] = note;
		if (*note)
			pl->e[pl->n++] = (struct edit){ .row = row, .col = TB_COL_NOTE, .text = note };
	}
	if (!rc) {
		if (meta->organization && *meta->organization)
			pl->e[pl->n++] = (struct edit){ TB_ROW_ORG, TB_COL_HEAD, meta->organization, "", 0 };
		if (meta->team && *meta->team)
			pl->e[pl->n++] = (struct edit){ TB_ROW_TEAM, TB_COL_HEAD, meta->team, "", 0 };
		if (meta->date && samm_date_valid(meta->date)) {
			struct edit *e = &pl->e[pl->n++];
			*e = (struct edit){ .row = TB_ROW_DATE, .col = TB_COL_HEAD };
			snprintf(e->num, sizeof e->num, "%ld", date_serial(meta->date));
		}
		qsort(pl->e, pl->n, sizeof *pl->e, edit_cmp);
	}
	samm_xlsx_table_free(&t);
	tb_sets_free(&sets);
	return rc;
}

/* ---- The ZIP ---------------------------------------------------------------------------- */

static enum samm_status tb_zip_replace(const void *tpl, size_t tlen, const char *names[2],
				    struct buf parts[2], char **out, size_t *out_len,
				    struct samm_error *err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	enum samm_status rc = SAMM_OK;
	zip_source_t *src = zip_source_buffer_create(tpl, tlen, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, 0, &ze) : NULL;
	if (!za) {
		rc = samm_error_set(err, SAMM_PARSE, "template: %s", zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_source_keep(src);
	for (int i = 0; i < 2 && !rc; i++) {
		zip_int64_t idx = zip_name_locate(za, names[i], 0);
		zip_source_t *s = zip_source_buffer(za, parts[i].s, parts[i].len, 1);
		/* stored, not deflated: libzip 1.7's deflate took 30 to 50 ms for
		 * the 240 kB sheet (zlib alone needs 2), the whole export budget;
		 * the workbook grows by about 200 kB */
		if (idx < 0 || !s || zip_file_replace(za, (zip_uint64_t)idx, s, 0) < 0 ||
		    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0) {
			if (s)
				zip_source_free(s);
			else
				free(parts[i].s);
			rc = samm_error_set(err, SAMM_IO, "template: cannot replace %s: %s", names[i],
					    zip_strerror(za));
		}
		parts[i].s = NULL;      /* now owned by libzip */
	}
	if (rc) {
		zip_discard(za);
	} else if (zip_close(za) < 0) {
		rc = samm_error_set(err, SAMM_IO, "writing the workbook: %s", zip_strerror(za));
		zip_discard(za);
	}
	zip_stat_t st;
	char *b = NULL;
	if (!rc && (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0))
		rc = samm_error_set(err, SAMM_IO, "writing the workbook: %s",
				    zip_error_strerror(zip_source_error(src)));
	else if (!rc) {
		b = malloc(st.size ? st.size : 1);
		if (!b || zip_source_read(src, b, st.size) != (zip_int64_t)st.size) {
			rc = samm_error_set(err, b ? SAMM_IO : SAMM_NOMEM, "writing the workbook");
			free(b);
		} else {
			*out = b;
			*out_len = (size_t)st.size;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

enum samm_status samm_toolbox_write(const struct samm_assessment *a,
				    const struct samm_toolbox_meta *meta, const void *tpl,
				    size_t tlen, char **out, size_t *out_len,
				    struct samm_error *err)
{
	struct samm_xlsx *x = NULL;
	struct plan pl = { 0 };
	struct buf parts[2] = { { 0 }, { 0 } };
	char *sheet = NULL, *wb = NULL;
	size_t sl, wl;
	if (!tlen)
		return samm_error_set(err, SAMM_NOTFOUND,
				      "this sammtui was built without the Toolbox template");
	enum samm_status rc = samm_xlsx_open(tpl, tlen, "template", &x, err);
	if (rc)
		return rc;
	const char *part = samm_xlsx_sheet_part(x, TB_SHEET);
	const char *names[2] = { part, "xl/workbook.xml" };
	if (!part) {
		rc = samm_error_set(err, SAMM_PARSE, "template: no sheet named Interview");
		goto out;
	}
	if ((rc = plan_cells(x, a, meta, &pl, err)) ||
	    (rc = samm_xlsx_part(x, part, &sheet, &sl, err)) ||
	    (rc = samm_xlsx_part(x, names[1], &wb, &wl, err)))
		goto out;
	if (rewrite_sheet(sheet, pl.e, pl.n, &parts[0]) || rewrite_workbook(wb, &parts[1])) {
		rc = samm_error_set(err, SAMM_NOMEM, "template: cannot fill in the Interview sheet");
		goto out;
	}
	for (size_t i = 0; i < pl.n; i++)
		if (!pl.e[i].done) {
			char ref[16];
			samm_xlsx_ref(ref, sizeof ref, pl.e[i].col, pl.e[i].row);
			rc = samm_error_set(err, SAMM_PARSE, "template: sheet Interview has no cell %s",
					    ref);
			goto out;
		}
	rc = tb_zip_replace(tpl, tlen, names, parts, out, out_len, err);
out:
	free(parts[0].s);
	free(parts[1].s);
	free(sheet);
	free(wb);
	plan_free(&pl);
	samm_xlsx_close(x);
	return rc;
}
