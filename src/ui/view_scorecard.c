/* view_scorecard.c - the home view: overall, the functions and their
 * practices with score, target (when the shown period has any), bar,
 * delta against the previous period, a trend sparkline over every period,
 * and the shares answered and N/A. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui/ui_int.h"
#include "samm/value.h"

struct sc_state {
	struct samm_ref *rows;
	struct ui_list list;
	struct samm_ref sel;
};

static void sc_refresh(struct ui *ui, void *priv)
{
	struct sc_state *S = priv;
	const struct samm_model *m = ui->as->model;
	free(S->rows);
	S->rows = ui_xcalloc((size_t)(1 + m->n_functions + m->n_practices), sizeof *S->rows);
	int n = 0, sel = 0;
	S->rows[n++] = (struct samm_ref){ SAMM_L_OVERALL, 0 };
	for (int f = 0; f < m->n_functions; f++) {
		S->rows[n++] = (struct samm_ref){ SAMM_L_FUNCTION, f };
		for (int p = 0; p < m->functions[f].n_practices; p++)
			S->rows[n++] = (struct samm_ref){ SAMM_L_PRACTICE, m->functions[f].first_practice + p };
	}
	for (int i = 0; i < n; i++)
		if (S->rows[i].level == S->sel.level && S->rows[i].index == S->sel.index)
			sel = i;
	S->list.n = n;
	S->list.sel = sel;
	ui_list_place(&S->list, S->list.y, S->list.h);
}

/* The trend row of a scorecard line, or NULL. */
static const struct samm_trend_row *trend_of(const struct ui *ui, struct samm_ref r)
{
	int k = r.level == SAMM_L_OVERALL ? ui->trend_overall
		: r.level == SAMM_L_FUNCTION ? ui->trend_func[r.index] : ui->trend_prac[r.index];
	return ui->trend && k >= 0 ? &ui->trend->rows[k] : NULL;
}

static void pct(char *b, size_t size, int part, int whole)
{
	snprintf(b, size, "%3d%%", samm_share_percent(part, whole));
}

/* A line's delta against the previous period (at xd) and its trend
 * sparkline over the last sw periods (at xt). */
static void draw_change(struct ui *ui, struct samm_ref r, int row, int xd, int xt, int sw, attr_t a)
{
	char b[32];
	const struct samm_trend_row *tr;
	tr = trend_of(ui, r);
	if (tr && ui->cur > 0 && tr->present[ui->cur - 1] && tr->present[ui->cur]) {
		double d = tr->score[ui->cur] - tr->score[ui->cur - 1];
		if (d > 1e-9 || d < -1e-9) {
			snprintf(b, sizeof b, "%+.2f", d);
			ui_text(row, xd, 6, b, a | ui_look(d > 0 ? UI_L_GOOD : UI_L_BAD));
		} else {
			ui_text(row, xd, 6, "  =", a | ui_look(UI_L_DIM));
		}
	}
	if (tr) {
		/* The last sw periods up to the shown one. */
		size_t end = ui->cur + 1, start = end > (size_t)sw ? end - (size_t)sw : 0;
		int x = xt;
		for (size_t p = start; p < end; p++, x++)
			ui_text(row, x, 1, tr->present[p] ? ui_spark(tr->score[p], ui->utf8) : " ",
				a | (p == ui->cur ? A_BOLD : 0));
	}
}

static void sc_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct sc_state *S = priv;
	const struct samm_model *m = ui->as->model;
	int bw = w >= 110 ? 24 : w >= 90 ? 16 : w >= 76 ? 10 : 6;
	int sw = w >= 110 ? UI_TREND_PERIODS : w >= 90 ? 14 : w >= 76 ? 10 : 6;
	/* The target column only when the period has targets, so that
	 * names keep their room otherwise. */
	int tw = ui->tc.overall.n_targets > 0 ? 7 : 0;
	/* name | score 5 | target 6 | bar | delta 6 | trend | answered 5 | N/A 5 */
	int nw = w - (1 + 6 + tw + bw + 1 + 7 + sw + 1 + 6 + 5);
	int xs = 1 + nw, xg = xs + 6, xb = xg + tw, xd = xb + bw + 1, xt = xd + 7, xa = xt + sw + 1,
	    xn = xa + 6;
	attr_t head = ui_look(UI_L_HEAD);
	ui_text(y, 1, nw, "Function / practice", head);
	ui_text(y, xs, 5, "Score", head);
	if (tw)
		ui_text(y, xg, 6, "Target", head);
	ui_text(y, xb, bw, "0 .. 3", head);
	ui_text(y, xd, 6, "Delta", head);
	ui_text(y, xt, sw, "Trend", head);
	ui_text(y, xa, 5, "Done", head);
	ui_text(y, xn, 5, "N/A", head);
	ui_list_place(&S->list, y + 1, h - 1);
	for (int i = 0; i < S->list.h && S->list.top + i < S->list.n; i++) {
		int k = S->list.top + i, row = y + 1 + i;
		struct samm_ref r = S->rows[k];
		const struct samm_fig *fig = samm_scorecard_get(&ui->sc, r);
		attr_t a = k == S->list.sel ? ui_look(UI_L_SEL) : 0;
		attr_t bold = r.level != SAMM_L_PRACTICE ? A_BOLD : 0;
		ui_fill(row, 0, w, a);
		/* a scope that leaves practices out: those dim and "excluded",
		 * the figures above them "partial" (samm_scorecard_mark) */
		const char *mark = samm_scorecard_mark(m, &ui->sc, r);
		int mw = *mark ? (int)strlen(mark) + 1 : 0;
		if (!strcmp(mark, "excluded"))
			a |= ui_look(UI_L_DIM);
		if (r.level == SAMM_L_PRACTICE) {
			int x = 3 + ui_text(row, 3, nw - 3 - mw, m->practices[r.index].code, a | A_BOLD);
			x += 1 + ui_text(row, x + 1, nw - x - 2 - mw, m->practices[r.index].name, a);
			if (mw)
				ui_text(row, x + 1, mw, mark, a);
		} else {
			int x = 1 + ui_text(row, 1, nw - 1 - mw, samm_model_ref_name(m, r), a | bold);
			if (mw)
				ui_text(row, x + 1, mw, mark, a);
		}
		char b[32];
		if (fig->na)
			snprintf(b, sizeof b, " N/A");
		else
			ui_fmt_score(b, sizeof b, fig->score);
		ui_text(row, xs, 5, b, a | bold);
		const struct samm_target_fig *tf = samm_targetcard_get(&ui->tc, r);
		if (tw && tf && tf->n_targets > 0 && !tf->na) {
			/* Reached in the good look, short of it in the middle one. */
			ui_fmt_score(b, sizeof b, tf->target);
			ui_text(row, xg + 1, 5, b, a | bold | ui_look(tf->reached ? UI_L_GOOD : UI_L_MID));
		} else if (tw) {
			ui_text(row, xg + 1, 5, "    -", a | ui_look(UI_L_DIM));
		}
		if (!fig->na)
			ui_bar(row, xb, bw, fig->score, ui->utf8);
		draw_change(ui, r, row, xd, xt, sw, a);
		pct(b, sizeof b, fig->n_answered, fig->n_items);
		ui_text(row, xa, 5, b, a);
		pct(b, sizeof b, fig->n_na, fig->n_items);
		ui_text(row, xn, 5, b, a);
	}
}

static enum ui_result sc_key(struct ui *ui, void *priv, int action, int key)
{
	struct sc_state *S = priv;
	(void)key;
	if (ui_list_nav(ui, &S->list, action)) {
		S->sel = S->rows[S->list.sel];
		return UI_REDRAW;
	}
	if (action == UI_A_OPEN || action == UI_A_RIGHT) {
		struct samm_ref r = S->rows[S->list.sel];
		if (r.level == SAMM_L_OVERALL)
			r = (struct samm_ref){ SAMM_L_FUNCTION, 0 };
		ui_assess_goto(ui, r.level, r.index);
		return UI_REDRAW;
	}
	return UI_NOT_MINE;
}

static int sc_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct sc_state *S = priv;
	const struct samm_model *m = ui->as->model;
	for (int step = 1; step <= S->list.n; step++) {
		int k = ((S->list.sel + dir * step) % S->list.n + S->list.n) % S->list.n;
		if (ui_contains(samm_model_ref_id(m, S->rows[k]), needle) ||
		    ui_contains(samm_model_ref_name(m, S->rows[k]), needle)) {
			S->list.sel = k;
			S->sel = S->rows[k];
			ui_list_place(&S->list, S->list.y, S->list.h);
			return 1;
		}
	}
	return 0;
}

static void sc_close(struct ui *ui, void *priv)
{
	struct sc_state *S = priv;
	(void)ui;
	free(S->rows);
	S->rows = NULL;
}

const struct ui_view_ops ui_view_scorecard = {
	.name = "Scorecard",
	.key_scope = UI_KS_GLOBAL,
	.private_size = sizeof(struct sc_state),
	.rebuild = sc_refresh,
	.draw = sc_draw,
	.key = sc_key,
	.search = sc_search,
	.close = sc_close,
};
