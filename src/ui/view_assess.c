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
#include "ui/assess_int.h"

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

void ui_assess_refresh(struct ui *ui, void *priv)
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

/* An activity's line: its answer's label (one of its criteria's, or
 * "(mixed)") drawn on its own, since it may hold UTF-8. */
static void draw_activity_row(struct ui *ui, int y, int w, struct node nd, attr_t a,
			      const char *exp, const char *marks)
{
	const struct samm_model *m = ui->as->model;
	const struct samm_fig *fig = samm_scorecard_get(&ui->sc, (struct samm_ref){ nd.level, nd.index });
	char left[64], right[160], sc[16];
	int first, cnt;
	node_items(m, nd, &first, &cnt);
	int lw = w >= 110 ? 30 : w >= 90 ? 22 : 14;
	int indent = 2 * (nd.level - SAMM_L_FUNCTION);
	ui_fmt_score(sc, sizeof sc, fig->score);
	snprintf(left, sizeof left, "L%d ", m->activities[nd.index].level);
	const char *text = m->activities[nd.index].title;
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
}

/* A criterion's line: id, criterion, marks, its value's key and label. */
static void draw_item_row(struct ui *ui, int y, int w, struct node nd, attr_t a, int selected,
			  const char *marks)
{
	const struct samm_model *m = ui->as->model;
	char left[64], right[160];
	int lw = w >= 110 ? 30 : w >= 90 ? 22 : 14;
	int indent = 2 * (nd.level - SAMM_L_FUNCTION);
	int v = ui->as->value[nd.index];
	snprintf(left, sizeof left, "%s ", m->items[nd.index].id);
	const char *text = m->items[nd.index].criterion;
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
		break;
	case SAMM_L_PRACTICE:
		snprintf(left, sizeof left, "%s ", m->practices[nd.index].code);
		text = m->practices[nd.index].name;
		break;
	case SAMM_L_STREAM:
		snprintf(left, sizeof left, "%s ", m->streams[nd.index].letter);
		text = m->streams[nd.index].name;
		break;
	case SAMM_L_ACTIVITY:
		draw_activity_row(ui, y, w, nd, a, exp, marks);
		return;
	case SAMM_L_ITEM:
		draw_item_row(ui, y, w, nd, a, selected, marks);
		return;
	default:
		break;
	}
	snprintf(right, sizeof right, "%s %s %3d/%-3d", marks, fig->na ? " N/A" : sc,
		 fig->n_answered, fig->n_items);
	int x = w - (int)strlen(right) - 1;
	ui_text(y, indent, 2, exp, a);
	int tx = indent + 2;
	tx += ui_text(y, tx, x - tx - 1, left, a | A_BOLD);
	ui_text(y, tx, x - tx - 1, text, a | (nd.level <= SAMM_L_PRACTICE ? A_BOLD : 0));
	ui_text(y, x, (int)strlen(right), right, a);
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
		int need = ui_assess_detail_need(ui, w);
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
		ui_assess_draw_detail(ui, y + lh, dh, w);
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
	ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
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
			ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
			return UI_REDRAW;
		}
		ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_RIGHT:
		if (nd.level != SAMM_L_ITEM && !A->open[nd.level][nd.index])
			toggle(A, nd);
		else
			ui_list_nav(ui, &A->list, UI_A_DOWN);
		remember_sel(ui);
		ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_SCORE0: case UI_A_SCORE1: case UI_A_SCORE2: case UI_A_SCORE3:
	case UI_A_NA: case UI_A_CLEAR:
		return score(ui, action);
	case UI_A_LINK:
		return ui_assess_link_key(ui, nd);
	case UI_A_CONFIRM:
		return confirm_key(ui, nd);
	case UI_A_TARGET:
		return ui_assess_target_key(ui, nd);
	case UI_A_EDIT:
		if (nd.level == SAMM_L_ITEM) {
			ui_editor_open(ui, nd.index);
		} else {
			toggle(A, nd);
			ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		}
		return UI_REDRAW;
	case UI_A_EXTEDIT:
		if (nd.level != SAMM_L_ITEM) {
			ui_msg(ui, 1, "notes belong to criteria: select one");
			return UI_REDRAW;
		}
		ui_editor_external(ui, nd.index);
		ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
		return UI_REDRAW;
	case UI_A_FILTER: {
		static const char *const names[UI_F_COUNT] = { "all", "unscored", "changed", "stagnant" };
		ui->filter = (ui->filter + 1) % UI_F_COUNT;
		ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
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
			ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
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
	.rebuild = ui_assess_refresh,
	.draw = assess_draw,
	.key = assess_key,
	.search = assess_search,
	.close = assess_close,
};
