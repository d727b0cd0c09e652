/* toolbox_read.c - a Toolbox workbook's answers as a list of changes.
 *
 * The workbook is read in three passes over its parts (imp-questions,
 * imp-answers, Interview), each a stream of the few columns it needs; the
 * whole file is checked before anything is returned, so the caller applies
 * all of it in one transaction or nothing. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "samm/toolbox.h"
#include "samm/util.h"
#include "samm/value.h"
#include "samm/xlsx.h"
#include "toolbox_int.h"

/* ---- Answer sets ------------------------------------------------------------- */

/* Text with surrounding blanks removed, compared as such. */
static int same_text(const char *a, const char *b)
{
	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	size_t la = strlen(a), lb = strlen(b);
	while (la && isspace((unsigned char)a[la - 1]))
		la--;
	while (lb && isspace((unsigned char)b[lb - 1]))
		lb--;
	return la == lb && !memcmp(a, b, la);
}

/* A weight 0, 0.25, 0.5 or 1 as a value; -1 otherwise. */
static int weight_value(const char *s)
{
	char *end;
	if (!s)
		return -1;
	double w = strtod(s, &end);
	if (end == s || *end)
		return -1;
	static const double ws[4] = { 0, 0.25, 0.5, 1 };
	for (int i = 0; i < 4; i++)
		if (fabs(w - ws[i]) < 1e-9)
			return i;
	return -1;
}

/* The column (1-based, 1..ncols) whose row-1 header is name, or 0. */
static int header_col(const struct samm_xlsx_table *t, const char *name)
{
	for (int k = 0; k < t->ncols; k++) {
		const char *h = samm_xlsx_cell(t, 1, k);
		if (h && same_text(h, name))
			return k + 1;
	}
	return 0;
}

static const int tb_cols12[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

static enum samm_status read_answers(struct samm_xlsx *x, const char *fname, struct tb_sets *s,
				     struct samm_error *err)
{
	static const char *const heads[9] = { "ANS_SET_CODE", "A", "B", "C", "D",
					      "A_W", "B_W", "C_W", "D_W" };
	struct samm_xlsx_table t;
	enum samm_status rc = samm_xlsx_table(x, "imp-answers", tb_cols12, 12, &t, err);
	if (rc)
		return rc;
	int col[9];
	for (int i = 0; i < 9; i++)
		if (!(col[i] = header_col(&t, heads[i]))) {
			samm_xlsx_table_free(&t);
			return samm_error_set(err, SAMM_PARSE, "%s: sheet imp-answers, row 1: no column %s",
					      fname, heads[i]);
		}
	s->sets = calloc((size_t)(t.n_rows ? t.n_rows : 1), sizeof *s->sets);
	if (!s->sets) {
		samm_xlsx_table_free(&t);
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	}
	for (int r = 2; r < t.n_rows && !rc; r++) {
		const char *code = samm_xlsx_cell(&t, r, col[0] - 1);
		if (!code)
			continue;
		struct tb_set *set = &s->sets[s->n_sets++];
		set->code = strdup(code);
		for (int i = 0; i < 4 && !rc; i++) {
			const char *tx = samm_xlsx_cell(&t, r, col[1 + i] - 1);
			set->text[i] = strdup(tx ? tx : "");
			set->value[i] = weight_value(samm_xlsx_cell(&t, r, col[5 + i] - 1));
			if (set->value[i] < 0) {
				char ref[16];
				samm_xlsx_ref(ref, sizeof ref, col[5 + i], r);
				rc = samm_error_set(err, SAMM_PARSE,
						    "%s: sheet imp-answers, cell %s: the weight is not 0, 0.25, 0.5 or 1",
						    fname, ref);
			}
		}
	}
	samm_xlsx_table_free(&t);
	return rc;
}

static enum samm_status read_questions(struct samm_xlsx *x, const char *fname,
				       struct tb_sets *s, struct samm_error *err)
{
	struct samm_xlsx_table t;
	enum samm_status rc = samm_xlsx_table(x, "imp-questions", tb_cols12, 12, &t, err);
	if (rc)
		return rc;
	int cid = header_col(&t, "ID"), copt = header_col(&t, "Answer Option");
	if (!cid || !copt) {
		samm_xlsx_table_free(&t);
		return samm_error_set(err, SAMM_PARSE, "%s: sheet imp-questions, row 1: no column %s",
				      fname, cid ? "Answer Option" : "ID");
	}
	s->q = calloc((size_t)(t.n_rows ? t.n_rows : 1), sizeof *s->q);
	if (!s->q) {
		samm_xlsx_table_free(&t);
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	}
	for (int r = 2; r < t.n_rows && !rc; r++) {
		const char *id = samm_xlsx_cell(&t, r, cid - 1);
		const char *opt = samm_xlsx_cell(&t, r, copt - 1);
		if (!id)
			continue;
		for (int i = 0; i < s->n_q; i++)
			if (!strcmp(s->q[i].id, id)) {
				rc = samm_error_set(err, SAMM_PARSE,
						    "%s: sheet imp-questions, cell %c%d: question id %s appears twice",
						    fname, 'A' + cid - 1, r, id);
				break;
			}
		if (rc)
			break;
		struct tb_question *q = &s->q[s->n_q++];
		q->id = strdup(id);
		q->set = -1;
		for (int i = 0; opt && i < s->n_sets; i++)
			if (same_text(s->sets[i].code, opt))
				q->set = i;
	}
	samm_xlsx_table_free(&t);
	return rc;
}

enum samm_status tb_sets_read(struct samm_xlsx *x, const char *fname, struct tb_sets *s,
			      struct samm_error *err)
{
	memset(s, 0, sizeof *s);
	if (!samm_xlsx_sheet_part(x, "imp-questions") || !samm_xlsx_sheet_part(x, "imp-answers"))
		return SAMM_OK;
	s->present = 1;
	enum samm_status rc = read_answers(x, fname, s, err);
	if (!rc)
		rc = read_questions(x, fname, s, err);
	if (rc)
		tb_sets_free(s);
	return rc;
}

void tb_sets_free(struct tb_sets *s)
{
	for (int i = 0; i < s->n_sets; i++) {
		free(s->sets[i].code);
		for (int k = 0; k < 4; k++)
			free(s->sets[i].text[k]);
	}
	free(s->sets);
	for (int i = 0; i < s->n_q; i++)
		free(s->q[i].id);
	free(s->q);
	memset(s, 0, sizeof *s);
}

const struct tb_set *tb_sets_for(const struct tb_sets *s, const char *qid)
{
	for (int i = 0; i < s->n_q; i++)
		if (!strcmp(s->q[i].id, qid))
			return s->q[i].set >= 0 ? &s->sets[s->q[i].set] : NULL;
	return NULL;
}

int tb_qid_activity(const struct samm_model *m, const char *s)
{
	/* F-PP-S-L-N: five dash-separated parts, the last two digits */
	char buf[64];
	char *part[6];
	int n = 0;
	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	for (char *p = buf; n < 6;) {
		part[n++] = p;
		char *d = strchr(p, '-');
		if (!d)
			break;
		*d = '\0';
		p = d + 1;
	}
	if (n != 5 || !*part[0] || !*part[1] || !*part[2] || !isdigit((unsigned char)part[3][0]) ||
	    part[3][1] || !isdigit((unsigned char)part[4][0]))
		return -1;
	char code[64];
	snprintf(code, sizeof code, "%s-%s-%s-%s", part[0], part[1], part[3], part[2]);
	struct samm_ref ref;
	if (samm_model_resolve(m, code, &ref, NULL) || ref.level != SAMM_L_ACTIVITY)
		return -2;
	return ref.index;
}

/* ---- Dates --------------------------------------------------------------------- */

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* D12 as YYYY-MM-DD: a date serial (1900 system, 1900-03-01 onwards) or
 * text YYYY-MM-DD / YYYY/MM/DD (a time after 'T' or ' ' is ignored). */
static int parse_date(const char *s, char out[11])
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end != s && !*end && !errno) {
		if (v < 61 || v > 2958465)
			return -1;
		int y, mo, d;
		civil((long)floor(v) - 25569, &y, &mo, &d);
		snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
		return 0;
	}
	if (strlen(s) < 10 || (s[10] && s[10] != 'T' && s[10] != ' '))
		return -1;
	char b[11];
	memcpy(b, s, 10);
	b[10] = '\0';
	if (b[4] == '/' && b[7] == '/')
		b[4] = b[7] = '-';
	if (!samm_date_valid(b))
		return -1;
	memcpy(out, b, 11);
	return 0;
}

/* ---- The Interview sheet ------------------------------------------------------------- */

struct rd {
	const struct samm_model *m;
	const char *fname;
	struct tb_sets sets;
	struct samm_toolbox *tb;
	int *act_row;           /* [n_activities]: row of its question, 0 when none */
	struct samm_error *err;
};

static enum samm_status answer_value(struct rd *r, int act, const char *qid, const char *text,
				     int row, int *out)
{
	const struct tb_set *set = r->sets.present ? tb_sets_for(&r->sets, qid) : NULL;
	for (int i = 0; i < 4; i++) {
		const char *label = set ? set->text[i] : r->m->activities[act].answers[i];
		if (label && same_text(label, text)) {
			*out = set ? set->value[i] : i;
			return SAMM_OK;
		}
	}
	return samm_error_set(r->err, SAMM_PARSE,
			      "%s: sheet Interview, cell F%d: answer \"%.200s\" is in no answer set of question %s",
			      r->fname, row, text, qid);
}

static enum samm_status read_row(struct rd *r, const struct samm_xlsx_table *t, int row)
{
	const char *qid = samm_xlsx_cell(t, row, 0);
	if (!qid)
		return SAMM_OK;
	int act = tb_qid_activity(r->m, qid);
	if (act == -1)
		return SAMM_OK;
	if (act == -2)
		return samm_error_set(r->err, SAMM_PARSE,
				      "%s: sheet Interview, cell A%d: question %.64s is not in the model",
				      r->fname, row, qid);
	if (r->act_row[act])
		return samm_error_set(r->err, SAMM_PARSE,
				      "%s: sheet Interview, cell A%d: question id %s appears twice (also in A%d)",
				      r->fname, row, qid, r->act_row[act]);
	r->act_row[act] = row;
	r->tb->n_answers++;
	const char *ans = samm_xlsx_cell(t, row, 2), *note = samm_xlsx_cell(t, row, 3);
	int blank = 1;
	for (const char *p = ans; p && *p; p++)
		if (!isspace((unsigned char)*p))
			blank = 0;
	if (!blank) {
		enum samm_status rc = answer_value(r, act, qid, ans, row, &r->tb->act_value[act]);
		if (rc)
			return rc;
	}
	if (note && *note && !(r->tb->notes[act] = strdup(note)))
		return samm_error_set(r->err, SAMM_NOMEM, "out of memory");
	return SAMM_OK;
}

static enum samm_status build_changes(const struct samm_model *m, struct samm_toolbox *tb,
				      struct samm_error *err)
{
	size_t n = 0;
	for (int a = 0; a < m->n_activities; a++)
		n += tb->act_value[a] != SAMM_UNSET ? (size_t)m->activities[a].n_items :
			tb->notes[a] ? 1 : 0;
	tb->changes = calloc(n ? n : 1, sizeof *tb->changes);
	if (!tb->changes)
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	for (int a = 0; a < m->n_activities; a++) {
		const struct samm_activity *act = &m->activities[a];
		for (int k = 0; k < act->n_items; k++) {
			struct samm_change c = { .item = m->items[act->first_item + k].id };
			if (tb->act_value[a] != SAMM_UNSET) {
				c.set_value = 1;
				c.value = tb->act_value[a];
			}
			if (k == 0 && tb->notes[a]) {
				c.set_note = 1;
				c.note = tb->notes[a];
			}
			if (c.set_value || c.set_note)
				tb->changes[tb->n_changes++] = c;
		}
	}
	return SAMM_OK;
}

static enum samm_status read_interview(struct rd *r, struct samm_xlsx *x)
{
	static const int cols[4] = { TB_COL_ID, TB_COL_HEAD, TB_COL_ANSWER, TB_COL_NOTE };
	struct samm_xlsx_table t;
	enum samm_status rc = samm_xlsx_table(x, TB_SHEET, cols, 4, &t, r->err);
	if (rc)
		return rc;
	for (int row = 1; row < t.n_rows && !rc; row++)
		rc = read_row(r, &t, row);
	const char *org = samm_xlsx_cell(&t, TB_ROW_ORG, 1), *team = samm_xlsx_cell(&t, TB_ROW_TEAM, 1);
	const char *date = samm_xlsx_cell(&t, TB_ROW_DATE, 1);
	if (!rc && ((org && !(r->tb->organization = strdup(org))) ||
		    (team && !(r->tb->team = strdup(team))) ||
		    (date && !(r->tb->date_text = strdup(date)))))
		rc = samm_error_set(r->err, SAMM_NOMEM, "out of memory");
	if (!rc && date && parse_date(date, r->tb->date))
		r->tb->date[0] = '\0';
	if (!rc && !r->tb->n_answers)
		rc = samm_error_set(r->err, SAMM_PARSE,
				    "%s: sheet Interview: no question ids in column A", r->fname);
	samm_xlsx_table_free(&t);
	return rc;
}

enum samm_status samm_toolbox_read(const struct samm_model *m, const void *buf, size_t len,
				   const char *fname, struct samm_toolbox **out,
				   struct samm_error *err)
{
	struct samm_xlsx *x = NULL;
	enum samm_status rc = samm_xlsx_open(buf, len, fname, &x, err);
	if (rc)
		return rc;
	struct rd r = { .m = m, .fname = fname, .err = err };
	r.tb = calloc(1, sizeof *r.tb);
	r.act_row = calloc((size_t)m->n_activities + 1, sizeof *r.act_row);
	if (r.tb) {
		r.tb->act_value = malloc(((size_t)m->n_activities + 1) * sizeof *r.tb->act_value);
		r.tb->notes = calloc((size_t)m->n_activities + 1, sizeof *r.tb->notes);
	}
	if (!r.tb || !r.act_row || !r.tb->act_value || !r.tb->notes) {
		rc = samm_error_set(err, SAMM_NOMEM, "out of memory");
		goto out;
	}
	r.tb->n_activities = m->n_activities;
	for (int a = 0; a < m->n_activities; a++)
		r.tb->act_value[a] = SAMM_UNSET;
	if (!samm_xlsx_sheet_part(x, TB_SHEET)) {
		rc = samm_error_set(err, SAMM_PARSE,
				    "%s: not a SAMM Toolbox workbook: no sheet named Interview", fname);
		goto out;
	}
	if ((rc = tb_sets_read(x, fname, &r.sets, err)) || (rc = read_interview(&r, x)) ||
	    (rc = build_changes(m, r.tb, err)))
		goto out;
	*out = r.tb;
	r.tb = NULL;
out:
	samm_toolbox_free(r.tb);
	tb_sets_free(&r.sets);
	free(r.act_row);
	samm_xlsx_close(x);
	return rc;
}

enum samm_status samm_toolbox_load_file(const struct samm_model *m, const char *path,
					struct samm_toolbox **out, struct samm_error *err)
{
	/* O_NONBLOCK: a FIFO is refused below instead of waiting for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");
	if (!fp) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(e));
	}
	struct stat sb;
	if (fstat(fileno(fp), &sb) || !S_ISREG(sb.st_mode) ||
	    (unsigned long)sb.st_size > SAMM_XLSX_MAX_FILE) {
		fclose(fp);
		return samm_error_set(err, SAMM_PARSE, "%s: not a regular file of at most 64 MB", path);
	}
	size_t n = (size_t)sb.st_size;
	char *buf = malloc(n ? n : 1);
	if (!buf) {
		fclose(fp);
		return samm_error_set(err, SAMM_NOMEM, "out of memory");
	}
	size_t got = fread(buf, 1, n, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad || got != n) {
		free(buf);
		return samm_error_set(err, SAMM_IO, "%s: read error", path);
	}
	enum samm_status rc = samm_toolbox_read(m, buf, n, path, out, err);
	free(buf);
	return rc;
}

void samm_toolbox_free(struct samm_toolbox *tb)
{
	if (!tb)
		return;
	free(tb->organization);
	free(tb->team);
	free(tb->date_text);
	free(tb->act_value);
	free(tb->changes);
	for (int a = 0; tb->notes && a < tb->n_activities; a++)
		free(tb->notes[a]);
	free(tb->notes);
	free(tb);
}

int samm_toolbox_is_zip_file(const char *path)
{
	/* non-blocking, and only a regular file is read: a FIFO or a device
	 * is left to the CSV reader, which refuses it */
	unsigned char b[4];
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = 0;
	if (!fstat(fd, &sb) && S_ISREG(sb.st_mode))
		n = read(fd, b, 4);
	close(fd);
	return n > 0 && samm_xlsx_is_zip(b, (size_t)n);
}
