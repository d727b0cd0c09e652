/* lines.c - a scrolling list of text lines with jump targets, shared by
 * the Diff, Stagnant and History views. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui/ui_int.h"

void ui_lines_clear(struct ui_lines *L)
{
	if (L->n > 0 && L->list.sel < L->n && L->v[L->list.sel].text)
		snprintf(L->sel_text, sizeof L->sel_text, "%s", L->v[L->list.sel].text);
	for (int i = 0; i < L->n; i++) {
		free(L->v[i].text);
		free(L->v[i].right);
	}
	L->n = 0;
}

void ui_lines_add(struct ui_lines *L, enum ui_look look, int bold, enum samm_level level,
		  int index, const char *right, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_grow((void **)&L->v, &L->cap, (size_t)L->n + 1, sizeof *L->v);
	L->v[L->n++] = (struct ui_line){ ui_xstrdup(buf), ui_xstrdup(right), look, bold, level, index };
}

void ui_lines_done(struct ui_lines *L)
{
	L->list.n = L->n;
	for (int i = 0; i < L->n; i++)
		if (L->sel_text[0] && !strcmp(L->v[i].text, L->sel_text)) {
			L->list.sel = i;
			break;
		}
	ui_list_place(&L->list, L->list.y, L->list.h);
}

void ui_lines_draw(struct ui *ui, struct ui_lines *L, int y, int h, int w)
{
	(void)ui;
	ui_list_place(&L->list, y, h);
	for (int i = 0; i < h && L->list.top + i < L->n; i++) {
		int k = L->list.top + i;
		struct ui_line *l = &L->v[k];
		attr_t a = (k == L->list.sel ? ui_look(UI_L_SEL) : 0) | ui_look(l->look) |
			(l->bold ? A_BOLD : 0);
		ui_fill(y + i, 0, w, k == L->list.sel ? ui_look(UI_L_SEL) : 0);
		int rw = l->right ? ui_text_width(l->right) : 0;
		if (rw > w / 2)
			rw = w / 2;
		ui_text(y + i, 1, w - 2 - (rw ? rw + 1 : 0), l->text, a);
		if (rw)
			ui_text(y + i, w - 1 - rw, rw, l->right, a);
	}
	if (!L->n)
		ui_text(y, 1, w - 2, "(nothing)", ui_look(UI_L_DIM));
}

enum ui_result ui_lines_key(struct ui *ui, struct ui_lines *L, int action)
{
	if (ui_list_nav(ui, &L->list, action))
		return UI_REDRAW;
	if (action == UI_A_OPEN && L->n > 0) {
		struct ui_line *l = &L->v[L->list.sel];
		if (l->level == SAMM_L_OVERALL) {
			ui_msg(ui, 0, "nothing to open on this line");
			return UI_REDRAW;
		}
		ui_assess_goto(ui, l->level, l->index);
		return UI_REDRAW;
	}
	return UI_NOT_MINE;
}

int ui_lines_search(struct ui_lines *L, const char *needle, int dir)
{
	if (L->n <= 0)
		return 0;
	for (int step = 1; step <= L->n; step++) {
		int k = ((L->list.sel + dir * step) % L->n + L->n) % L->n;
		if (ui_contains(L->v[k].text, needle) || ui_contains(L->v[k].right, needle)) {
			L->list.sel = k;
			ui_list_place(&L->list, L->list.y, L->list.h);
			return 1;
		}
	}
	return 0;
}
