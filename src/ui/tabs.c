/* tabs.c - the screen's frame: the title bar with every view's tab, the
 * status line, and ui_draw (title, the view, status). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

/* The keys that open each view, for the shortest tab labels. */
static const char view_key[UI_V_COUNT] = {
	[UI_V_SCORE] = 'c', [UI_V_ASSESS] = 'a', [UI_V_DIFF] = 'd',
	[UI_V_STAG] = 's', [UI_V_HIST] = 'H', [UI_V_ROAD] = 'R', [UI_V_PROJ] = 'P',
};

/* Tab v's label at a level of abbreviation: 0 the full name, 1 its first
 * three letters, 2 the key that opens it.  The current view keeps its full
 * name, in brackets. */
static void tab_label(const struct ui *ui, int v, int level, char *b, size_t size)
{
	if (v == ui->view)
		snprintf(b, size, "[%s]", ui_views[v]->name);
	else if (level == 0)
		snprintf(b, size, " %s ", ui_views[v]->name);
	else if (level == 1)
		snprintf(b, size, " %.3s ", ui_views[v]->name);
	else
		snprintf(b, size, " %c ", view_key[v]);
}

static int tabs_width(const struct ui *ui, int level)
{
	int w = 0;
	char b[32];
	for (int v = 0; v < UI_V_COUNT; v++) {
		tab_label(ui, v, level, b, sizeof b);
		w += (int)strlen(b);
	}
	return w;
}

static void draw_title(struct ui *ui)
{
	char left[512], brief[512];
	const char *pname = ui->n_periods ? ui->periods[ui->cur].name : "(no period)";
	const char *dot = ui->utf8 ? " \xc2\xb7 " : " - ";
	const char *older = ui->n_periods && ui->cur + 1 < ui->n_periods ? " (older period)" : "";
	const char *ro = ui->readonly ? " [read-only]" : "";
	snprintf(left, sizeof left, " sammtui%s%s%s%s%s%s", dot, ui->scope.name, dot, pname, older, ro);
	snprintf(brief, sizeof brief, " %s%s%s%s%s", ui->scope.name, dot, pname, older, ro);
	attr_t t = ui_look(UI_L_TITLE);
	ui_fill(0, 0, ui->cols, t);
	/* Every view's tab on the right: the other ui_views' names shortened
	 * until they fit beside the scope and period (the program's name goes
	 * before a level of shortening), never hidden. */
	const char *text = brief;
	int level = 2;
	for (int lv = 0; lv <= 2 && text == brief && level == 2; lv++)
		for (int pass = 0; pass < 2; pass++) {
			const char *cand = pass ? brief : left;
			if (ui_text_width(cand) + tabs_width(ui, lv) + 1 <= ui->cols) {
				text = cand;
				level = lv;
				break;
			}
		}
	int tabs_w = tabs_width(ui, level), lw = ui_text_width(text);
	int room = ui->cols - tabs_w - 1;
	ui_text(0, 0, lw < room ? lw : room, text, t);
	int x = ui->cols - tabs_w;
	for (int v = 0; v < UI_V_COUNT; v++) {
		char b[32];
		tab_label(ui, v, level, b, sizeof b);
		ui_text(0, x, ui->cols - x, b, v == ui->view ? (t | A_REVERSE) : t);
		x += (int)strlen(b);
	}
}

static void draw_status(struct ui *ui)
{
	int y = ui->rows - 1;
	if (ui->msg[0]) {
		attr_t a = ui_look(ui->msg_err ? UI_L_ERROR : UI_L_STATUS);
		ui_fill(y, 0, ui->cols, a);
		ui_text(y, 1, ui->cols - 1, ui->msg, a);
		return;
	}
	attr_t a = ui_look(UI_L_STATUS);
	ui_fill(y, 0, ui->cols, a);
	static const char *const fname[UI_F_COUNT] = { "all", "unscored", "changed", "stagnant" };
	char b[256];
	snprintf(b, sizeof b, "?:help  Tab:ui_views  p:period  S:scope  /:search  u:undo  q:quit%s%s",
		 ui->filter != UI_F_ALL ? "  filter:" : "",
		 ui->filter != UI_F_ALL ? fname[ui->filter] : "");
	ui_text(y, 1, ui->cols - 1, b, a);
}

void ui_draw(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	if (ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS) {
		char b[128];
		snprintf(b, sizeof b, "terminal too small: %dx%d, need %dx%d", ui->cols, ui->rows,
			 UI_MIN_COLS, UI_MIN_ROWS);
		int y = ui->rows / 2, x = (ui->cols - (int)strlen(b)) / 2;
		ui_text(y > 0 ? y : 0, x > 0 ? x : 0, ui->cols, b, A_BOLD);
		const char *hint = "enlarge it, or press q to quit";
		x = (ui->cols - (int)strlen(hint)) / 2;
		if (y + 1 < ui->rows)
			ui_text(y + 1, x > 0 ? x : 0, ui->cols, hint, 0);
		refresh();
		return;
	}
	draw_title(ui);
	ui->cursor_y = -1;
	if (ui->as)
		ui_views[ui->view]->draw(ui, ui->view_priv[ui->view], 1, ui->rows - 2, ui->cols);
	else
		ui_text(2, 1, ui->cols - 2, "This scope has no period yet: press p to create one.", 0);
	draw_status(ui);
	/* Last, so that drawing the status line does not carry it away. */
	if (ui->cursor_y >= 0)
		move(ui->cursor_y, ui->cursor_x);
	refresh();
}
