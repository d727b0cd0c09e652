/* view_history.c - the History view: the selected criterion's value and
 * note in every period of the scope, and its change-log lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "ui/ui_int.h"


static void hist_refresh(struct ui *ui, void *priv)
{
	struct ui_lines *Y = priv;
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	ui_lines_clear(Y);
	if (ui->sel_item < 0 || ui->sel_item >= m->n_items) {
		ui_lines_add(Y, UI_L_DIM, 0, SAMM_L_OVERALL, 0, NULL,
			     "Select a criterion in the Assessment view (a) first.");
		ui_lines_done(Y);
		return;
	}
	const char *id = m->items[ui->sel_item].id;
	const char *ar = ui->utf8 ? "\xe2\x86\x92" : "->";
	ui_lines_add(Y, UI_L_HEAD, 1, SAMM_L_ITEM, ui->sel_item, NULL, "%s  %s", id,
		     m->items[ui->sel_item].criterion);
	struct samm_item_hist *h = NULL;
	size_t n = 0;
	if (samm_item_history(ui->st, ui->scope.id, id, &h, &n, &err)) {
		ui_lines_add(Y, UI_L_ERROR, 0, SAMM_L_OVERALL, 0, NULL, "%s", err.msg);
	} else {
		for (size_t i = 0; i < n; i++) {
			char right[128];
			snprintf(right, sizeof right, "%s%s%s", h[i].updated_by ? h[i].updated_by : "",
				 h[i].updated_by ? " " : "", h[i].updated_at ? h[i].updated_at : "");
			ui_lines_add(Y, h[i].period.id == ui->periods[ui->cur].id ? UI_L_MARK : UI_L_NORMAL,
				     0, SAMM_L_ITEM, ui->sel_item, right, "%-10s %-5s %s", h[i].period.name,
				     h[i].present ? ui_value_short(h[i].value) : "(absent)",
				     h[i].note ? h[i].note : "");
		}
	}
	samm_item_history_free(h, n);
	ui_lines_add(Y, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	struct samm_log_entry *lg = NULL;
	struct samm_log_filter f = { ui->scope.id, NULL, id };
	if (samm_store_log(ui->st, &f, &lg, &n, &err)) {
		ui_lines_add(Y, UI_L_ERROR, 0, SAMM_L_OVERALL, 0, NULL, "%s", err.msg);
		n = 0;
	} else {
		ui_lines_add(Y, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Change log (%zu)", n);
	}
	for (size_t i = 0; i < n; i++) {
		const char *on = lg[i].old_note ? lg[i].old_note : "", *nn = lg[i].new_note ? lg[i].new_note : "";
		if (lg[i].old_value != lg[i].new_value)
			ui_lines_add(Y, UI_L_NORMAL, 0, SAMM_L_ITEM, ui->sel_item, lg[i].at, "  %-10s %s %s %s  by %s",
				     lg[i].period, ui_value_short(lg[i].old_value), ar,
				     ui_value_short(lg[i].new_value), lg[i].user);
		if (strcmp(on, nn))
			ui_lines_add(Y, UI_L_NORMAL, 0, SAMM_L_ITEM, ui->sel_item, lg[i].at,
				     "  %-10s note: %s  by %s", lg[i].period, nn[0] ? nn : "(removed)", lg[i].user);
	}
	samm_log_free(lg, n);
	ui_lines_done(Y);
}

static void hist_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct ui_lines *Y = priv;
	ui_lines_draw(ui, Y, y, h, w);
}

static enum ui_result hist_key(struct ui *ui, void *priv, int action, int key)
{
	struct ui_lines *Y = priv;
	(void)key;
	return ui_lines_key(ui, Y, action);
}

static int hist_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct ui_lines *Y = priv;
	(void)ui;
	return ui_lines_search(Y, needle, dir);
}

static void hist_close(struct ui *ui, void *priv)
{
	struct ui_lines *Y = priv;
	(void)ui;
	ui_lines_clear(Y);
	free(Y->v);
	Y->v = NULL;
}

const struct ui_view_ops ui_view_history = {
	.name = "History",
	.key_scope = UI_KS_GLOBAL,
	.private_size = sizeof(struct ui_lines),
	.rebuild = hist_refresh,
	.draw = hist_draw,
	.key = hist_key,
	.search = hist_search,
	.close = hist_close,
};
