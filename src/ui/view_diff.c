/* view_diff.c - the Diff view: two periods (default: the previous and the
 * shown one), the scorecard deltas and the changed items grouped by
 * practice, as samm_diff_periods computes them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "ui/ui_int.h"


static const char *arrow(const struct ui *ui)
{
	return ui->utf8 ? "\xe2\x86\x92" : "->";
}

static int old_index(const struct ui *ui)
{
	if (ui->diff_old >= 0 && (size_t)ui->diff_old < ui->n_periods && (size_t)ui->diff_old != ui->cur)
		return ui->diff_old;
	return ui->cur > 0 ? (int)ui->cur - 1 : -1;
}

static void item_line(struct ui *ui, const struct samm_diff *d, const struct samm_diff_item *it)
{
	enum ui_look look = it->dir == SAMM_DIR_UP ? UI_L_GOOD : it->dir == SAMM_DIR_DOWN ? UI_L_BAD : UI_L_NORMAL;
	int k = samm_model_find_item(ui->as->model, it->id);
	struct ui_lines *D = ui->view_priv[UI_V_DIFF];
	(void)d;
	ui_lines_add(D, look, 0, k >= 0 ? SAMM_L_ITEM : SAMM_L_OVERALL, k, it->criterion,
		     "  %-12s %4s %s %-4s", it->id, ui_value_short(it->old_value), arrow(ui),
		     ui_value_short(it->new_value));
}

static void diff_refresh(struct ui *ui, void *priv)
{
	struct ui_lines *D = priv;
	struct samm_error err;
	struct samm_diff *d = NULL;
	ui_lines_clear(D);
	int o = old_index(ui);
	if (o < 0) {
		ui_lines_add(D, UI_L_DIM, 0, SAMM_L_OVERALL, 0, NULL,
			     "Only one period: nothing to compare yet (p creates a new one).");
		ui_lines_done(D);
		return;
	}
	if (samm_diff_periods(ui->st, ui->periods[o].id, ui->periods[ui->cur].id, SAMM_L_PRACTICE, &d, &err)) {
		ui_lines_add(D, UI_L_ERROR, 0, SAMM_L_OVERALL, 0, NULL, "%s", err.msg);
		ui_lines_done(D);
		return;
	}
	char a[16], b[16];
	ui_fmt_score(a, sizeof a, d->overall.old_score);
	ui_fmt_score(b, sizeof b, d->overall.new_score);
	ui_lines_add(D, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "%s %s %s: %d up, %d down, %d changed; overall %s %s %s (%+.2f)",
		     d->old_period.name, arrow(ui), d->new_period.name, d->n_up, d->n_down, d->n_changed,
		     a, arrow(ui), b, fabs(d->overall.delta) < 5e-3 ? 0.0 : d->overall.delta);
	ui_lines_add(D, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	ui_lines_add(D, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Scorecard deltas");
	int any = 0;
	for (size_t i = 0; i < d->n_figs; i++) {
		const struct samm_diff_fig *f = &d->figs[i];
		if (f->level == SAMM_L_OVERALL || f->dir == SAMM_DIR_SAME)
			continue;
		any = 1;
		ui_fmt_score(a, sizeof a, f->old_score);
		ui_fmt_score(b, sizeof b, f->new_score);
		char right[64];
		snprintf(right, sizeof right, "%s %s %s  %+.2f", a, arrow(ui), b,
			 fabs(f->delta) < 5e-3 ? 0.0 : f->delta);
		struct samm_ref r;
		int found = f->dir != SAMM_DIR_REMOVED &&
			samm_model_resolve(ui->as->model, f->id, &r, NULL) == SAMM_OK;
		ui_lines_add(D, f->delta > 0 ? UI_L_GOOD : f->delta < 0 ? UI_L_BAD : UI_L_NORMAL,
			     f->level == SAMM_L_FUNCTION, found ? r.level : SAMM_L_OVERALL, found ? r.index : 0,
			     right, "%s%s %s", f->level == SAMM_L_PRACTICE ? "  " : "",
			     f->level == SAMM_L_PRACTICE ? f->id : "", f->name);
	}
	if (!any)
		ui_lines_add(D, UI_L_DIM, 0, SAMM_L_OVERALL, 0, NULL, "  no score changed");
	ui_lines_add(D, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	ui_lines_add(D, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Changed items (%zu)", d->n_items);
	const struct samm_model *m = d->new_model;
	int last_p = -1;
	for (size_t i = 0; i < d->n_items; i++) {
		int k = samm_model_find_item(m, d->items[i].id);
		int p = k >= 0 ? m->streams[m->activities[m->items[k].activity].stream].practice : -1;
		if (p != last_p && p >= 0)
			ui_lines_add(D, UI_L_NORMAL, 1,
				     m == ui->as->model ? SAMM_L_PRACTICE : SAMM_L_OVERALL, p, NULL, "%s %s", m->practices[p].code,
				     m->practices[p].name);
		last_p = p;
		item_line(ui, d, &d->items[i]);
	}
	if (d->n_added || d->n_removed) {
		ui_lines_add(D, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Items added %zu, removed %zu (models differ)",
			     d->n_added, d->n_removed);
		for (size_t i = 0; i < d->n_added; i++)
			item_line(ui, d, &d->added[i]);
		for (size_t i = 0; i < d->n_removed; i++)
			item_line(ui, d, &d->removed[i]);
	}
	if (d->n_notes) {
		ui_lines_add(D, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
		ui_lines_add(D, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Notes changed (%zu)", d->n_notes);
		for (size_t i = 0; i < d->n_notes; i++) {
			int k = samm_model_find_item(ui->as->model, d->notes[i].id);
			ui_lines_add(D, UI_L_NORMAL, 0, k >= 0 ? SAMM_L_ITEM : SAMM_L_OVERALL, k,
				     d->notes[i].new_note ? d->notes[i].new_note : "(removed)",
				     "  %-12s", d->notes[i].id);
		}
	}
	samm_diff_free(d);
	ui_lines_done(D);
}

static void diff_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct ui_lines *D = priv;
	ui_lines_draw(ui, D, y, h, w);
}

static enum ui_result diff_key(struct ui *ui, void *priv, int action, int key)
{
	struct ui_lines *D = priv;
	(void)key;
	if (action == UI_A_OLD) {
		/* Copies: the periods may be reread under the dialog. */
		size_t n = ui->n_periods;
		char **items = ui_xcalloc(n + 1, sizeof *items);
		int64_t *ids = ui_xcalloc(n + 1, sizeof *ids);
		for (size_t i = 0; i < n; i++) {
			items[i] = ui_xstrdup(ui->periods[i].name);
			ids[i] = ui->periods[i].id;
		}
		int o = old_index(ui);
		int r = ui_dialog_list(ui, "Compare with period", (const char *const *)items, (int)n,
				       o < 0 ? 0 : o);
		for (size_t i = 0; i < n; i++)
			free(items[i]);
		free(items);
		/* The chosen period's index now (-1 when it is gone). */
		int k = -1;
		for (size_t i = 0; r >= 0 && i < ui->n_periods; i++)
			if (ui->periods[i].id == ids[r])
				k = (int)i;
		free(ids);
		if (r >= 0) {
			if (k < 0)
				ui_msg(ui, 1, "that period no longer exists");
			else if ((size_t)k == ui->cur)
				ui_msg(ui, 1, "pick another period than the shown one");
			else
				ui->diff_old = k;
			diff_refresh(ui, priv);
		}
		return UI_REDRAW;
	}
	return ui_lines_key(ui, D, action);
}

static int diff_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct ui_lines *D = priv;
	(void)ui;
	return ui_lines_search(D, needle, dir);
}

static void diff_close(struct ui *ui, void *priv)
{
	struct ui_lines *D = priv;
	(void)ui;
	ui_lines_clear(D);
	free(D->v);
	D->v = NULL;
}

const struct ui_view_ops ui_view_diff = {
	.name = "Diff",
	.key_scope = UI_KS_GLOBAL | UI_KS_DIFF,
	.private_size = sizeof(struct ui_lines),
	.rebuild = diff_refresh,
	.draw = diff_draw,
	.key = diff_key,
	.search = diff_search,
	.close = diff_close,
};
