/* assess_detail.c - the Assessment view's detail pane: the selected
 * line's texts (question, answers, note), its score and target, and the
 * projects covering it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/assess_int.h"

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
int ui_assess_detail_need(struct ui *ui, int w)
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

/* The pane's title for a criterion (id, value, who, to re-check) or an
 * activity (code, score, level, target). */
static void detail_title(struct ui *ui, struct node nd, int act, int v, const char *sc,
			 char *title, size_t size)
{
	const struct samm_model *m = ui->as->model;
	if (nd.level == SAMM_L_ITEM) {
		const char *by = ui->as->updated_by[nd.index];
		if (by)
			snprintf(title, size, " %s: %s (%s, %s) ", m->items[nd.index].id,
				 ui_value_short(v), by, ui->as->updated_at[nd.index]);
		else
			snprintf(title, size, " %s: %s ", m->items[nd.index].id,
				 ui_value_short(v));
		const struct assess_state *S = state_of(ui);
		if (S->recheck_model == m && S->recheck[nd.index]) {
			char what[64];
			size_t tl = strlen(title);
			snprintf(title + tl, size - tl, "to re-check (%s reworded; = confirms) ",
				 samm_reword_str(S->recheck[nd.index], what, sizeof what));
		}
	} else {
		char tg[32] = "";
		if (ui->targets && ui->targets[act] >= SAMM_NO && ui->targets[act] <= SAMM_MOST)
			snprintf(tg, sizeof tg, ", target %s", ui_value_short(ui->targets[act]));
		snprintf(title, size, " %s: activity %s, level %d%s ",
			 m->activities[act].code, sc, m->activities[act].level, tg);
	}
}

/* A criterion's or an activity's texts from row on (the rule at y). */
static void detail_answerable(struct ui *ui, struct node nd, int y, int row, int end, int w,
			      const char *sc)
{
	const struct samm_model *m = ui->as->model;
	attr_t head = ui_look(UI_L_HEAD);
	char title[256];
	int act = nd.level == SAMM_L_ITEM ? m->items[nd.index].activity : nd.index;
	int v = nd.level == SAMM_L_ITEM ? ui->as->value[nd.index] : -9;
	detail_title(ui, nd, act, v, sc, title, sizeof title);
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
}

void ui_assess_draw_detail(struct ui *ui, int y, int h, int w)
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
		detail_answerable(ui, nd, y, row, end, w, sc);
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

