/* view_assess.c - the Assessment view: the model as a collapsible tree
 * (function > practice > stream > activity > criterion), scoring keys,
 * linking to projects (L) and targets (t), and a detail pane (or the note
 * editor) under it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

struct node {
	enum samm_level level;
	int index;
};

/* Rows are the visible nodes; `all` is every node in model order (for
 * search); expansion flags are per level and index of the shown model. */
struct assess_tree {
	const struct samm_model *model;    /* the flags below belong to it */
	unsigned char *open[SAMM_L_ITEM];  /* [level][index], levels 1..4 */
	struct node *all; int n_all;
	struct node *rows;
	int *cum;                          /* filter: prefix sums over items */
	struct ui_list list;
	struct node sel;                   /* kept across rebuilds */
	char sel_id[128];
};

/* The projects covering the selected activity or criterion, for the
 * detail pane: reread when the selection moves to another node and on
 * every rebuild (data changes), never while drawing. */
struct assess_cover {
	enum samm_level level;
	char id[128];                      /* "" when none */
	struct samm_project *v; size_t n;
	int failed;
};

/* The view's private state (ui_view_ops.private_size). */
struct assess_state {
	struct assess_tree A;
	struct assess_cover C;
	unsigned *recheck;                 /* [n_items] of the shown period's model:
					      re-check marks (store.h), 0 none */
	const struct samm_model *recheck_model;   /* the model recheck[] follows */
};

static struct assess_state *state_of(struct ui *ui)
{
	return ui->view_priv[UI_V_ASSESS];
}

static void cover_free(struct assess_cover *C)
{
	samm_project_list_free(C->v, C->n);
	C->v = NULL;
	C->n = 0;
	C->id[0] = 0;
}

static void cover_load(struct ui *ui, struct node nd)
{
	struct assess_cover *C = &state_of(ui)->C;
	const struct samm_model *m = ui->as->model;
	const char *id = nd.level == SAMM_L_ITEM ? m->items[nd.index].id
		: nd.level == SAMM_L_ACTIVITY ? m->activities[nd.index].code : "";
	if (C->id[0] && nd.level == C->level && !strcmp(id, C->id))
		return;
	cover_free(C);
	if (!id[0])
		return;
	struct samm_error err;
	C->level = nd.level;
	samm_utf8_copy(C->id, sizeof C->id, id);
	C->failed = samm_project_covering(ui->st, ui->scope.id, nd.level, id, SAMM_PROJECT_ANY,
					 &C->v, &C->n, &err) != SAMM_OK;
	if (C->failed) {
		C->v = NULL;
		C->n = 0;
	}
}

static int level_count(const struct samm_model *m, enum samm_level l)
{
	switch (l) {
	case SAMM_L_FUNCTION: return m->n_functions;
	case SAMM_L_PRACTICE: return m->n_practices;
	case SAMM_L_STREAM: return m->n_streams;
	case SAMM_L_ACTIVITY: return m->n_activities;
	case SAMM_L_ITEM: return m->n_items;
	default: return 1;
	}
}

static int collect(const struct samm_model *m, struct samm_ref ref, void *ud)
{
	struct assess_tree *A = ud;
	(void)m;
	if (ref.level != SAMM_L_OVERALL)
		A->all[A->n_all++] = (struct node){ ref.level, ref.index };
	return 0;
}

static void free_state(struct assess_tree *A)
{
	for (int l = 0; l < SAMM_L_ITEM; l++) {
		free(A->open[l]);
		A->open[l] = NULL;
	}
	free(A->all);
	free(A->rows);
	free(A->cum);
	A->all = A->rows = NULL;
	A->cum = NULL;
	A->n_all = 0;
	A->model = NULL;
}

/* A new model (first use or another period's): everything open. */
static void set_model(struct assess_tree *A, const struct samm_model *m)
{
	free_state(A);
	A->model = m;
	for (int l = SAMM_L_FUNCTION; l < SAMM_L_ITEM; l++) {
		int n = level_count(m, (enum samm_level)l);
		A->open[l] = ui_xmalloc((size_t)n + 1);
		memset(A->open[l], 1, (size_t)n + 1);
	}
	int total = m->n_functions + m->n_practices + m->n_streams + m->n_activities + m->n_items;
	A->all = ui_xcalloc((size_t)total + 1, sizeof *A->all);
	A->rows = ui_xcalloc((size_t)total + 1, sizeof *A->rows);
	A->cum = ui_xcalloc((size_t)m->n_items + 1, sizeof *A->cum);
	samm_model_walk(m, SAMM_L_ITEM, collect, A);
}

static int item_passes(const struct ui *ui, int i)
{
	switch (ui->filter) {
	case UI_F_UNSCORED: return ui->as->value[i] == SAMM_UNSET;
	case UI_F_CHANGED: return ui->prev_value[i] != -2 && ui->prev_value[i] != ui->as->value[i];
	case UI_F_STAGNANT: return ui->stag_mark[i] != 0;
	default: return 1;
	}
}

static void node_items(const struct samm_model *m, struct node n, int *first, int *cnt)
{
	samm_model_ref_items(m, (struct samm_ref){ n.level, n.index }, first, cnt);
}

/* The parent of a node (level OVERALL for functions). */
static struct node parent_of(const struct samm_model *m, struct node n)
{
	switch (n.level) {
	case SAMM_L_ITEM: return (struct node){ SAMM_L_ACTIVITY, m->items[n.index].activity };
	case SAMM_L_ACTIVITY: return (struct node){ SAMM_L_STREAM, m->activities[n.index].stream };
	case SAMM_L_STREAM: return (struct node){ SAMM_L_PRACTICE, m->streams[n.index].practice };
	case SAMM_L_PRACTICE: return (struct node){ SAMM_L_FUNCTION, m->practices[n.index].function };
	default: return (struct node){ SAMM_L_OVERALL, 0 };
	}
}

static int visible(struct assess_tree *A, const struct samm_model *m, struct node n)
{
	for (struct node p = parent_of(m, n); p.level != SAMM_L_OVERALL; p = parent_of(m, p))
		if (!A->open[p.level][p.index])
			return 0;
	return 1;
}

static void open_to(struct assess_tree *A, const struct samm_model *m, struct node n)
{
	for (struct node p = parent_of(m, n); p.level != SAMM_L_OVERALL; p = parent_of(m, p))
		A->open[p.level][p.index] = 1;
}

static void remember_sel(struct ui *ui)
{
	struct assess_tree *A = &state_of(ui)->A;
	if (A->list.n <= 0)
		return;
	A->sel = A->rows[A->list.sel];
	cover_load(ui, A->sel);
	samm_utf8_copy(A->sel_id, sizeof A->sel_id,
		 samm_model_ref_id(A->model, (struct samm_ref){ A->sel.level, A->sel.index }));
	if (A->sel.level == SAMM_L_ITEM)
		ui->sel_item = A->sel.index;
}

/* The shown period's re-check marks (none when they cannot be read). */
static void recheck_load(struct ui *ui, struct assess_state *S)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	free(S->recheck);
	S->recheck = ui_xcalloc((size_t)m->n_items + 1, sizeof *S->recheck);
	if (samm_store_recheck(ui->st, ui->as->period.id, m, S->recheck, NULL, &err))
		memset(S->recheck, 0, ((size_t)m->n_items + 1) * sizeof *S->recheck);
	S->recheck_model = m;
}

static void assess_refresh(struct ui *ui, void *priv)
{
	struct assess_tree *A = &((struct assess_state *)priv)->A;
	struct assess_cover *C = &((struct assess_state *)priv)->C;
	const struct samm_model *m = ui->as->model;
	if (m != A->model) {
		char id[128];
		samm_utf8_copy(id, sizeof id, A->sel_id);
		set_model(A, m);
		struct samm_ref ref;
		A->sel = (struct node){ SAMM_L_FUNCTION, 0 };
		if (id[0] && samm_model_resolve(m, id, &ref, NULL) == SAMM_OK)
			A->sel = (struct node){ ref.level, ref.index };
	}
	cover_free(C);            /* links may have changed: reread */
	recheck_load(ui, priv);
	A->cum[0] = 0;
	for (int i = 0; i < m->n_items; i++)
		A->cum[i + 1] = A->cum[i] + item_passes(ui, i);
	int n = 0, sel_row = -1, best = -1;
	for (int k = 0; k < A->n_all; k++) {
		struct node nd = A->all[k];
		int first, cnt;
		node_items(m, nd, &first, &cnt);
		if (A->cum[first + cnt] - A->cum[first] == 0 || !visible(A, m, nd))
			continue;
		if (nd.level == A->sel.level && nd.index == A->sel.index)
			sel_row = n;
		/* If the selection is hidden, fall back on its nearest shown
		 * line above it in model order. */
		int sf, sc;
		node_items(m, A->sel, &sf, &sc);
		if (first <= sf)
			best = n;
		A->rows[n++] = nd;
	}
	A->list.n = n;
	A->list.sel = sel_row >= 0 ? sel_row : best >= 0 ? best : 0;
	ui_list_place(&A->list, A->list.y, A->list.h);
	remember_sel(ui);
}

void ui_assess_goto(struct ui *ui, enum samm_level level, int index)
{
	struct assess_tree *A = &state_of(ui)->A;
	if (!ui->as)
		return;
	if (A->model != ui->as->model)
		set_model(A, ui->as->model);
	A->sel = (struct node){ level, index };
	open_to(A, A->model, A->sel);
	if (level == SAMM_L_ITEM && !item_passes(ui, index))
		ui->filter = UI_F_ALL;
	ui_set_view(ui, UI_V_ASSESS);
	A->list.top = A->list.sel - A->list.h / 3;
	ui_list_place(&A->list, A->list.y, A->list.h);
}

/* ---- Drawing ------------------------------------------------------------- */

/* "*~!" marks of an item, or of any item under a node; '?' in the middle:
 * to re-check (reworded by a new model). */
static void marks_of(const struct ui *ui, int first, int cnt, char out[4])
{
	const struct assess_state *S = ui->view_priv[UI_V_ASSESS];
	const unsigned *re = S->recheck_model == ui->as->model ? S->recheck : NULL;
	memcpy(out, "   ", 4);
	for (int i = first; i < first + cnt; i++) {
		if (ui->as->note[i] && ui->as->note[i][0])
			out[0] = '*';
		if (ui->prev_value[i] != -2 && ui->prev_value[i] != ui->as->value[i] && out[1] != '?')
			out[1] = '~';
		if (re && re[i])
			out[1] = '?';
		if (ui->stag_mark[i] == 1 && out[2] != 'v')
			out[2] = '!';
		if (ui->stag_mark[i] == 2)
			out[2] = 'v';
	}
}

static void draw_row(struct ui *ui, int y, int w, struct node nd, int selected)
{
	struct assess_tree *A = &state_of(ui)->A;
	const struct samm_model *m = ui->as->model;
	attr_t a = selected ? ui_look(UI_L_SEL) : 0;
	char left[64], right[160], sc[16], marks[4];
	int first, cnt;
	node_items(m, nd, &first, &cnt);
	const struct samm_fig *fig = samm_scorecard_get(&ui->sc, (struct samm_ref){ nd.level, nd.index });
	int lw = w >= 110 ? 30 : w >= 90 ? 22 : 14;
	int indent = 2 * (nd.level - SAMM_L_FUNCTION);
	const char *exp = nd.level == SAMM_L_ITEM ? " "
		: A->open[nd.level][nd.index] ? (ui->utf8 ? "\xe2\x96\xbe" : "-")
		: (ui->utf8 ? "\xe2\x96\xb8" : "+");
	const char *text = "";
	ui_fill(y, 0, w, a);
	marks_of(ui, first, cnt, marks);
	ui_fmt_score(sc, sizeof sc, fig->score);
	switch (nd.level) {
	case SAMM_L_FUNCTION:
		snprintf(left, sizeof left, "%s", "");
		text = m->functions[nd.index].name;
		snprintf(right, sizeof right, "%s %s %3d/%-3d", marks, fig->na ? " N/A" : sc,
			 fig->n_answered, fig->n_items);
		break;
	case SAMM_L_PRACTICE:
		snprintf(left, sizeof left, "%s ", m->practices[nd.index].code);
		text = m->practices[nd.index].name;
		snprintf(right, sizeof right, "%s %s %3d/%-3d", marks, fig->na ? " N/A" : sc,
			 fig->n_answered, fig->n_items);
		break;
	case SAMM_L_STREAM:
		snprintf(left, sizeof left, "%s ", m->streams[nd.index].letter);
		text = m->streams[nd.index].name;
		snprintf(right, sizeof right, "%s %s %3d/%-3d", marks, fig->na ? " N/A" : sc,
			 fig->n_answered, fig->n_items);
		break;
	case SAMM_L_ACTIVITY: {
		snprintf(left, sizeof left, "L%d ", m->activities[nd.index].level);
		text = m->activities[nd.index].title;
		int v = ui->as->value[first];
		for (int i = first; i < first + cnt; i++)
			if (ui->as->value[i] != v)
				v = -9;
		char lab[128];
		samm_utf8_copy(lab, sizeof lab, v == -9 ? "(mixed)" : ui_value_label(m, nd.index, v));
		snprintf(right, sizeof right, "%s %s %s", marks, fig->na ? " N/A" : sc, "");
		/* label drawn separately: it may hold UTF-8 */
		int rw = (int)strlen(right) + lw;
		int x = w - rw;
		ui_text(y, indent, 2, exp, a);
		int tx = indent + 2;
		tx += ui_text(y, tx, x - tx - 1, left, a);
		ui_text(y, tx, x - tx - 1, text, a);
		ui_text(y, x, (int)strlen(right), right, a);
		ui_text(y, x + (int)strlen(right), lw, lab, a);
		return;
	}
	case SAMM_L_ITEM: {
		int v = ui->as->value[nd.index];
		snprintf(left, sizeof left, "%s ", m->items[nd.index].id);
		text = m->items[nd.index].criterion;
		char val[8];
		snprintf(val, sizeof val, "%s", v == SAMM_NA ? "n" : v == SAMM_UNSET ? "-" :
			 (char[]){ (char)('0' + v), 0 });
		snprintf(right, sizeof right, "%s %4s ", marks, val);
		int rw = (int)strlen(right) + lw;
		int x = w - rw;
		int tx = indent + 2;
		tx += ui_text(y, tx, x - tx - 1, left, a);
		ui_text(y, tx, x - tx - 1, text, a);
		ui_text(y, x, 3, marks, selected ? a : ui_look(UI_L_MARK));
		ui_text(y, x + 3, (int)strlen(right) - 3, right + 3, a);
		ui_text(y, x + (int)strlen(right), lw,
			ui_value_label(m, m->items[nd.index].activity, v), a);
		return;
	}
	default:
		break;
	}
	int x = w - (int)strlen(right) - 1;
	ui_text(y, indent, 2, exp, a);
	int tx = indent + 2;
	tx += ui_text(y, tx, x - tx - 1, left, a | A_BOLD);
	ui_text(y, tx, x - tx - 1, text, a | (nd.level <= SAMM_L_PRACTICE ? A_BOLD : 0));
	ui_text(y, x, (int)strlen(right), right, a);
}

/* The selected question's answers with their keys, the current one
 * marked: whole (one or more rows each) when full, else two per row or all
 * in one row, cut.  Returns the rows used. */
static int draw_answers(struct ui *ui, int y, int rows, int w, int act, int cur, int full)
{
	const struct samm_model *m = ui->as->model;
	if (full) {
		int r = 0;
		for (int v = 0; v < 4 && r < rows; v++) {
			char b[16];
			attr_t a = v == cur ? ui_look(UI_L_SEL) : 0;
			snprintf(b, sizeof b, "%d ", v);
			ui_text(y + r, 1, 2, b, ui_look(UI_L_HEAD) | a);
			r += ui_wrap(y + r, 3, w - 4, rows - r, m->activities[act].answers[v], a);
		}
		return r;
	}
	int per_row = rows >= 2 ? 2 : 4;
	int cell = (w - 2) / per_row;
	for (int v = 0; v < 4; v++) {
		char b[16];
		int r = y + v / per_row, x = 1 + (v % per_row) * cell;
		snprintf(b, sizeof b, "%d ", v);
		attr_t a = v == cur ? ui_look(UI_L_SEL) : 0;
		ui_text(r, x, 2, b, ui_look(UI_L_HEAD) | a);
		ui_text(r, x + 2, cell - 3, m->activities[act].answers[v], a);
	}
	return (4 + per_row - 1) / per_row;
}

/* Rows of the answers drawn whole. */
static int answers_rows(const struct samm_model *m, int act, int w)
{
	int r = 0;
	for (int v = 0; v < 4; v++)
		r += ui_wrap_rows(w - 4, m->activities[act].answers[v]);
	return r;
}

/* The selected line's texts in the detail pane, each whole: the line's
 * own text (activity title or criterion), the question, the answers and
 * the note. */
struct detail_rows {
	int head, question, answers, note;
};

static struct detail_rows detail_rows_of(struct ui *ui, struct node nd, int w)
{
	const struct samm_model *m = ui->as->model;
	struct detail_rows d = { 0, 0, 0, 0 };
	if (nd.level == SAMM_L_ITEM || nd.level == SAMM_L_ACTIVITY) {
		int act = nd.level == SAMM_L_ITEM ? m->items[nd.index].activity : nd.index;
		d.head = ui_wrap_rows(w - 2, nd.level == SAMM_L_ITEM ? m->items[nd.index].criterion
				      : m->activities[act].title);
		d.question = ui_wrap_rows(w - 2, m->activities[act].question);
		d.answers = answers_rows(m, act, w);
		if (nd.level == SAMM_L_ITEM) {
			const char *note = ui->as->note[nd.index];
			d.note = note && note[0] ? ui_wrap_rows(w - 8, note) : 1;
		}
	} else {
		d.head = ui_wrap_rows(w - 2, samm_model_ref_name(m, (struct samm_ref){ nd.level, nd.index }));
		d.question = 2;         /* score, target */
	}
	return d;
}

/* Rows the detail pane wants for the selection: its rule, the texts and
 * the projects' row. */
static int detail_need(struct ui *ui, int w)
{
	struct assess_tree *A = &state_of(ui)->A;
	if (A->list.n <= 0)
		return 2;
	struct detail_rows d = detail_rows_of(ui, A->rows[A->list.sel], w);
	return 1 + d.head + d.question + d.answers + d.note + 1;
}

/* "Projects: A (active), B (planned)": those covering the selection. */
static void draw_projects(struct assess_cover *C, int y, int w)
{
	attr_t head = ui_look(UI_L_HEAD);
	if (C->failed || !C->n) {
		ui_text(y, 1, w - 2, C->failed ? "Projects: (could not be read)"
			: "No project covers it (L links one).", ui_look(UI_L_DIM));
		return;
	}
	int x = 1 + ui_text(y, 1, w - 2, "Projects: ", head);
	for (size_t i = 0; i < C->n && x < w - 1; i++) {
		char b[SAMM_PROJECT_NAME_MAX + 32];
		snprintf(b, sizeof b, "%s (%s)%s", C->v[i].name,
			 samm_project_status_name(C->v[i].status), i + 1 < C->n ? ", " : "");
		x += ui_text(y, x, w - 1 - x, b, 0);
	}
}

static void draw_detail(struct ui *ui, int y, int h, int w)
{
	struct assess_tree *A = &state_of(ui)->A;
	const struct samm_model *m = ui->as->model;
	attr_t head = ui_look(UI_L_HEAD);
	ui_hline(y, 0, w, ui_look(UI_L_DIM));
	if (A->list.n <= 0) {
		ui_text(y + 1, 1, w - 2, "Nothing matches the filter (f cycles it).", 0);
		return;
	}
	struct node nd = A->rows[A->list.sel];
	const struct samm_fig *fig = samm_scorecard_get(&ui->sc, (struct samm_ref){ nd.level, nd.index });
	char title[256], sc[16];
	ui_fmt_score(sc, sizeof sc, fig->score);
	int row = y + 1, end = y + h;
	if (nd.level == SAMM_L_ITEM || nd.level == SAMM_L_ACTIVITY) {
		int act = nd.level == SAMM_L_ITEM ? m->items[nd.index].activity : nd.index;
		int v = nd.level == SAMM_L_ITEM ? ui->as->value[nd.index] : -9;
		if (nd.level == SAMM_L_ITEM) {
			const char *by = ui->as->updated_by[nd.index];
			if (by)
				snprintf(title, sizeof title, " %s: %s (%s, %s) ", m->items[nd.index].id,
					 ui_value_short(v), by, ui->as->updated_at[nd.index]);
			else
				snprintf(title, sizeof title, " %s: %s ", m->items[nd.index].id,
					 ui_value_short(v));
			const struct assess_state *S = state_of(ui);
			if (S->recheck_model == m && S->recheck[nd.index]) {
				char what[64];
				size_t tl = strlen(title);
				snprintf(title + tl, sizeof title - tl, "to re-check (%s reworded; = confirms) ",
					 samm_reword_str(S->recheck[nd.index], what, sizeof what));
			}
		} else {
			char tg[32] = "";
			if (ui->targets && ui->targets[act] >= SAMM_NO && ui->targets[act] <= SAMM_MOST)
				snprintf(tg, sizeof tg, ", target %s", ui_value_short(ui->targets[act]));
			snprintf(title, sizeof title, " %s: activity %s, level %d%s ",
				 m->activities[act].code, sc, m->activities[act].level, tg);
		}
		ui_text(y, 2, w - 4, title, head);
		/* Everything whole when it fits; else the answers cut into two
		 * rows (the current one stays marked), then the question cut,
		 * then the projects' row left out. */
		struct detail_rows d = detail_rows_of(ui, nd, w);
		int avail = end - row, full = 1, qr = d.question;
		if (d.head + qr + d.answers + d.note + 1 > avail) {
			full = 0;
			d.answers = 2;
		}
		if (d.head + qr + d.answers + d.note > avail && qr > 1)
			qr = avail - d.head - d.answers - d.note > 1 ? avail - d.head - d.answers - d.note : 1;
		const char *line_text = nd.level == SAMM_L_ITEM ? m->items[nd.index].criterion
			: m->activities[act].title;
		if (nd.level == SAMM_L_ACTIVITY)
			row += ui_wrap(row, 1, w - 2, end - row, line_text, A_BOLD);
		if (row < end)
			row += ui_wrap(row, 1, w - 2, qr < end - row ? qr : end - row,
				       m->activities[act].question, nd.level == SAMM_L_ITEM ? A_BOLD : 0);
		if (nd.level == SAMM_L_ITEM && row < end)
			row += ui_wrap(row, 1, w - 2, end - row, line_text, 0);
		if (row < end)
			row += draw_answers(ui, row, end - row, w, act, v, full);
		if (row < end && nd.level == SAMM_L_ITEM) {
			const char *note = ui->as->note[nd.index];
			if (note && note[0]) {
				ui_text(row, 1, 6, "Note: ", head);
				row += ui_wrap(row, 7, w - 8, end - row, note, 0);
			} else {
				ui_text(row, 1, w - 2, "No note (Enter or e to write one).", ui_look(UI_L_DIM));
				row++;
			}
		}
		if (row < end)
			draw_projects(&state_of(ui)->C, row, w);
		return;
	}
	const char *name = samm_model_ref_name(m, (struct samm_ref){ nd.level, nd.index });
	snprintf(title, sizeof title, " %s %s ", samm_level_name(nd.level),
		 samm_model_ref_id(m, (struct samm_ref){ nd.level, nd.index }));
	ui_text(y, 2, w - 4, title, head);
	if (row < end)
		row += ui_wrap(row, 1, w - 2, end - row, name, A_BOLD);
	if (row < end)
		ui_printf(row++, 1, w - 2, 0, "score %s%s   answered %d of %d   N/A %d", sc,
			  fig->na ? " (N/A)" : "", fig->n_answered, fig->n_items, fig->n_na);
	const struct samm_target_fig *tf = samm_targetcard_get(&ui->tc, (struct samm_ref){ nd.level, nd.index });
	if (row < end && tf && tf->n_targets > 0 && !tf->na) {
		char tg[16];
		ui_fmt_score(tg, sizeof tg, tf->target);
		if (tf->has_percent)
			ui_printf(row++, 1, w - 2, 0, "target %s (%d %s)   %.0f%% of it reached", tg,
				  tf->n_targets, tf->n_targets == 1 ? "activity" : "activities",
				  tf->percent);
		else
			ui_printf(row++, 1, w - 2, 0, "target %s (%d %s)", tg, tf->n_targets,
				  tf->n_targets == 1 ? "activity" : "activities");
	}
}

static void assess_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct assess_tree *A = &((struct assess_state *)priv)->A;
	/* The detail pane grows to show the selection's texts whole, leaving
	 * the tree a third of the rows (at least 3). */
	int dh = h >= 22 ? h / 3 + 1 : 7, min_tree = h / 3 > 3 ? h / 3 : 3;
	if (ui->ed && dh < h / 2)
		dh = h / 2;
	if (!ui->ed) {
		int need = detail_need(ui, w);
		if (need > dh)
			dh = need < h - min_tree ? need : h - min_tree;
	}
	if (dh > h - 3)
		dh = h - 3;
	int lh = h - dh;
	ui_list_place(&A->list, y, lh);
	for (int i = 0; i < lh && A->list.top + i < A->list.n; i++)
		draw_row(ui, y + i, w, A->rows[A->list.top + i], A->list.top + i == A->list.sel);
	if (ui->ed)
		ui_editor_draw(ui, y + lh, dh, w);
	else
		draw_detail(ui, y + lh, dh, w);
}

/* ---- Keys ------------------------------------------------------------------ */

static void toggle(struct assess_tree *A, struct node nd)
{
	if (nd.level != SAMM_L_ITEM)
		A->open[nd.level][nd.index] ^= 1;
}

static enum ui_result score(struct ui *ui, int action)
{
	struct assess_tree *A = &state_of(ui)->A;
	const struct samm_model *m = ui->as->model;
	struct node nd = A->rows[A->list.sel];
	int first, cnt;
	if (nd.level != SAMM_L_ITEM && nd.level != SAMM_L_ACTIVITY) {
		ui_msg(ui, 1, "select a criterion or an activity to answer");
		return UI_REDRAW;
	}
	node_items(m, nd, &first, &cnt);
	int value;
	switch (action) {
	case UI_A_SCORE0: value = SAMM_NO; break;
	case UI_A_SCORE1: value = SAMM_SOME; break;
	case UI_A_SCORE2: value = SAMM_HALF; break;
	case UI_A_SCORE3: value = SAMM_MOST; break;
	case UI_A_CLEAR: value = SAMM_UNSET; break;
	default: {
		int all_na = 1;
		for (int i = first; i < first + cnt; i++)
			all_na &= ui->as->value[i] == SAMM_NA;
		value = all_na ? SAMM_UNSET : SAMM_NA;
	}
	}
	struct samm_change *ch = ui_xcalloc((size_t)cnt, sizeof *ch);
	for (int i = 0; i < cnt; i++) {
		ch[i].item = m->items[first + i].id;
		ch[i].set_value = 1;
		ch[i].value = value;
	}
	/* Each criterion must still hold the value shown (ui_apply checks). */
	int rc = ui_apply(ui, ch, (size_t)cnt, 1);
	free(ch);
	if (rc)
		return rc == UI_CONFLICT ? UI_RELOAD : UI_REDRAW;
	ui_msg(ui, 0, "%s: %s", samm_model_ref_id(ui->as->model, (struct samm_ref){ nd.level, nd.index }),
	       value == SAMM_UNSET ? "cleared" : ui_value_label(ui->as->model,
		       nd.level == SAMM_L_ITEM ? ui->as->model->items[nd.index].activity : nd.index, value));
	assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
	/* In an interview criteria are answered one after the other: move on
	 * to the next line after answering a criterion. */
	if (nd.level == SAMM_L_ITEM && A->list.n > 0 && A->rows[A->list.sel].level == SAMM_L_ITEM &&
	    A->rows[A->list.sel].index == nd.index && A->list.sel + 1 < A->list.n) {
		A->list.sel++;
		ui_list_place(&A->list, A->list.y, A->list.h);
		remember_sel(ui);
	}
	return UI_REDRAW;
}

/* =: confirm the values to re-check under the selected node as they are. */
static enum ui_result confirm_key(struct ui *ui, struct node nd)
{
	const char *id = samm_model_ref_id(ui->as->model, (struct samm_ref){ nd.level, nd.index });
	struct samm_error err;
	int n = 0;
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return UI_REDRAW;
	}
	if (samm_store_confirm(ui->st, ui->as->period.id, &id, 1, ui->user, &n, &err)) {
		ui_msg(ui, 1, "%s", err.msg);
		return UI_REDRAW;
	}
	if (!n) {
		ui_msg(ui, 0, "%s: nothing to re-check", id);
		return UI_REDRAW;
	}
	ui_msg(ui, 0, "%s: %d value%s confirmed", id, n, n == 1 ? "" : "s");
	return UI_RELOAD;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* linked[i] := project pv[i] is among ids[0..n_ids) (sorted here). */
static void mark_linked(const struct samm_project *pv, size_t n, int64_t *ids, size_t n_ids,
			unsigned char *linked)
{
	if (!n_ids)
		return;         /* linked[] stays 0; qsort/bsearch take no NULL */
	qsort(ids, n_ids, sizeof *ids, cmp_id);
	for (size_t i = 0; i < n; i++)
		linked[i] = bsearch(&pv[i].id, ids, n_ids, sizeof *ids, cmp_id) != NULL;
}

/* L: link the selected activity or criterion to a project of the scope,
 * or unlink it from one it is linked to; the picker can also create the
 * project. */
static enum ui_result link_key(struct ui *ui, struct node nd)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	char id[128];
	if (nd.level != SAMM_L_ACTIVITY && nd.level != SAMM_L_ITEM) {
		ui_msg(ui, 1, "select an activity or a criterion to link to a project");
		return UI_REDRAW;
	}
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return UI_REDRAW;
	}
	samm_utf8_copy(id, sizeof id, nd.level == SAMM_L_ITEM ? m->items[nd.index].id
		 : m->activities[nd.index].code);
	struct samm_project *pv = NULL;
	size_t n = 0;
	if (samm_project_list(ui->st, ui->scope.id, SAMM_PROJECT_ANY, &pv, &n, &err)) {
		ui_msg_err(ui, &err);
		return UI_REDRAW;
	}
	/* Which projects link this very id (not merely cover it): one
	 * query, not one per project. */
	unsigned char *linked = ui_xcalloc(n + 1, 1);
	char **bufs = ui_xcalloc(n + 1, sizeof *bufs);
	int64_t *lids = NULL;
	size_t nl = 0;
	if (samm_project_linkers(ui->st, ui->scope.id, id, &lids, &nl, &err) == SAMM_OK)
		mark_linked(pv, n, lids, nl, linked);
	free(lids);
	for (size_t i = 0; i < n; i++) {
		size_t sz = sizeof pv[i].name + 64;
		bufs[i] = ui_xmalloc(sz);
		snprintf(bufs[i], sz, "[%s] %s  (%s)", linked[i] ? "x" : " ", pv[i].name,
			 samm_project_status_name(pv[i].status));
	}
	bufs[n] = ui_xstrdup("+ New project...");
	char title[192];
	snprintf(title, sizeof title, "Link %s ([x]: linked, Enter unlinks)", id);
	int r = ui_dialog_list(ui, title, (const char *const *)bufs, (int)n + 1, 0);
	for (size_t i = 0; i <= n; i++)
		free(bufs[i]);
	free(bufs);
	struct samm_project p;
	int unlink = 0, ok = r >= 0;
	if (ok && (size_t)r == n) {
		ok = ui_project_create(ui, &p) == 0;
	} else if (ok) {
		p = pv[r];
		unlink = linked[r];
	}
	free(linked);
	samm_project_list_free(pv, n);
	if (!ok)
		return UI_REDRAW;
	/* The data may have been reread under the dialog: id and p are
	 * copies, and the view is rebuilt below. */
	/* Link or unlink as the user chose from what the picker showed, never
	 * a toggle of what is there now: a colleague's change meanwhile is
	 * reported, not reversed. */
	const char *ids[1] = { id };
	int n_done = 0;
	enum samm_status rc = unlink
		? samm_project_unlink(ui->st, p.id, ids, 1, ui->user, &n_done, &err)
		: samm_project_link(ui->st, p.id, ids, 1, ui->user, &n_done, &err);
	if (rc == SAMM_NOTFOUND && unlink)
		ui_msg(ui, 1, "%s is no longer linked to %s (unlinked since); nothing changed", id,
		       p.name);
	else if (rc)
		ui_msg_err(ui, &err);
	else if (!n_done)
		ui_msg(ui, 0, "%s was linked to %s already (since); nothing changed", id, p.name);
	else
		ui_msg(ui, 0, "%s %s %s", id, unlink ? "unlinked from" : "linked to", p.name);
	if (ui->as)
		assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
	return UI_REDRAW;
}

/* t: the target of the selected activity (of a criterion's activity) in
 * the shown period. */
static enum ui_result target_key(struct ui *ui, struct node nd)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	if (nd.level != SAMM_L_ACTIVITY && nd.level != SAMM_L_ITEM) {
		ui_msg(ui, 1, "select an activity (or one of its criteria) to set its target");
		return UI_REDRAW;
	}
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return UI_REDRAW;
	}
	int act = nd.level == SAMM_L_ITEM ? m->items[nd.index].activity : nd.index;
	/* Copies: the dialog may reread the data under us. */
	char code[128], period[128], title[320];
	int64_t period_id = ui->periods[ui->cur].id;
	samm_utf8_copy(code, sizeof code, m->activities[act].code);
	samm_utf8_copy(period, sizeof period, ui->periods[ui->cur].name);
	static const char *const worth[4] = { "0", "0.25", "0.5", "1" };
	char *items[5];
	for (int v = 0; v < 4; v++) {
		size_t sz = strlen(m->activities[act].answers[v]) + 16;
		items[v] = ui_xmalloc(sz);
		snprintf(items[v], sz, "%-5s %s", worth[v], m->activities[act].answers[v]);
	}
	items[4] = ui_xstrdup("Clear the target");
	int cur = ui->targets ? ui->targets[act] : SAMM_UNSET;
	snprintf(title, sizeof title, "Target of %s in %s", code, period);
	/* On the current target, or on the first value when there is none
	 * (never on Clear: j j Enter must not clear); 0-3 pick at once. */
	int r = ui_dialog_pick(ui, title, (const char *const *)items, 5,
			       cur >= SAMM_NO && cur <= SAMM_MOST ? cur : SAMM_NO, 4);
	for (int v = 0; v < 5; v++)
		free(items[v]);
	if (r < 0)
		return UI_REDRAW;
	/* Only over the target the dialog showed: someone may set it meanwhile. */
	enum samm_status rc = samm_target_put_if(ui->st, period_id, code, r == 4 ? SAMM_UNSET : r,
						 cur >= SAMM_NO && cur <= SAMM_MOST ? cur : SAMM_UNSET,
						 ui->user, NULL, &err);
	if (rc) {
		ui_msg_err(ui, &err);
		if (rc == SAMM_CONFLICT && ui->as)
			ui_load_targets(ui);
		return UI_REDRAW;
	}
	if (ui->as)
		ui_load_targets(ui);
	if (r == 4)
		ui_msg(ui, 0, "%s: target cleared in %s", code, period);
	else
		ui_msg(ui, 0, "%s: target %s in %s", code, worth[r], period);
	return UI_REDRAW;
}

static enum ui_result assess_key(struct ui *ui, void *priv, int action, int key)
{
	struct assess_tree *A = &((struct assess_state *)priv)->A;
	(void)key;
	if (A->list.n <= 0 && action != UI_A_FILTER)
		return UI_NOT_MINE;
	struct node nd = A->list.n > 0 ? A->rows[A->list.sel] : (struct node){ SAMM_L_OVERALL, 0 };
	switch (action) {
	case UI_A_LEFT:
		if (nd.level != SAMM_L_ITEM && A->open[nd.level][nd.index]) {
			toggle(A, nd);
		} else if (nd.level > SAMM_L_FUNCTION) {
			A->sel = parent_of(ui->as->model, nd);
			assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
			return UI_REDRAW;
		}
		assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_RIGHT:
		if (nd.level != SAMM_L_ITEM && !A->open[nd.level][nd.index])
			toggle(A, nd);
		else
			ui_list_nav(ui, &A->list, UI_A_DOWN);
		remember_sel(ui);
		assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_SCORE0: case UI_A_SCORE1: case UI_A_SCORE2: case UI_A_SCORE3:
	case UI_A_NA: case UI_A_CLEAR:
		return score(ui, action);
	case UI_A_LINK:
		return link_key(ui, nd);
	case UI_A_CONFIRM:
		return confirm_key(ui, nd);
	case UI_A_TARGET:
		return target_key(ui, nd);
	case UI_A_EDIT:
		if (nd.level == SAMM_L_ITEM) {
			ui_editor_open(ui, nd.index);
		} else {
			toggle(A, nd);
			assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		}
		return UI_REDRAW;
	case UI_A_EXTEDIT:
		if (nd.level != SAMM_L_ITEM) {
			ui_msg(ui, 1, "notes belong to criteria: select one");
			return UI_REDRAW;
		}
		ui_editor_external(ui, nd.index);
		assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_FILTER: {
		static const char *const names[UI_F_COUNT] = { "all", "unscored", "changed", "stagnant" };
		ui->filter = (ui->filter + 1) % UI_F_COUNT;
		assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		int n = 0;
		for (int i = 0; i < ui->as->model->n_items; i++)
			n += item_passes(ui, i);
		ui_msg(ui, 0, "filter: %s (%d criteria)", names[ui->filter], n);
		return UI_REDRAW;
	}
	case UI_A_MOUSE: {
		int was = A->list.sel;
		if (!ui_list_nav(ui, &A->list, action))
			return UI_HANDLED;
		/* A click on the expander of the selected line toggles it. */
		if (was == A->list.sel) {
			toggle(A, A->rows[A->list.sel]);
			assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		}
		remember_sel(ui);
		return UI_REDRAW;
	}
	default:
		if (ui_list_nav(ui, &A->list, action)) {
			remember_sel(ui);
			return UI_REDRAW;
		}
		return UI_NOT_MINE;
	}
}

static int node_matches(const struct ui *ui, struct node nd, const char *needle)
{
	const struct samm_model *m = ui->as->model;
	struct samm_ref r = { nd.level, nd.index };
	if (ui_contains(samm_model_ref_id(m, r), needle) || ui_contains(samm_model_ref_name(m, r), needle))
		return 1;
	if (nd.level == SAMM_L_ACTIVITY)
		return ui_contains(m->activities[nd.index].question, needle);
	if (nd.level == SAMM_L_ITEM)
		return ui_contains(ui->as->note[nd.index], needle);
	return 0;
}

static int assess_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct assess_tree *A = &((struct assess_state *)priv)->A;
	int at = 0;
	for (int k = 0; k < A->n_all; k++)
		if (A->all[k].level == A->sel.level && A->all[k].index == A->sel.index)
			at = k;
	for (int step = 1; step <= A->n_all; step++) {
		int k = ((at + dir * step) % A->n_all + A->n_all) % A->n_all;
		if (node_matches(ui, A->all[k], needle)) {
			struct node nd = A->all[k];
			int first, cnt;
			node_items(ui->as->model, nd, &first, &cnt);
			if (A->cum[first + cnt] - A->cum[first] == 0)
				ui->filter = UI_F_ALL;
			ui_assess_goto(ui, nd.level, nd.index);
			return 1;
		}
	}
	return 0;
}

static void assess_close(struct ui *ui, void *priv)
{
	struct assess_state *P = priv;
	(void)ui;
	free_state(&P->A);
	cover_free(&P->C);
	free(P->recheck);
	P->recheck = NULL;
}

const struct ui_view_ops ui_view_assess = {
	.name = "Assessment",
	.key_scope = UI_KS_GLOBAL | UI_KS_ASSESS,
	.private_size = sizeof(struct assess_state),
	.rebuild = assess_refresh,
	.draw = assess_draw,
	.key = assess_key,
	.search = assess_search,
	.close = assess_close,
};
