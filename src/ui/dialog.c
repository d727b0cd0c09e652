/* dialog.c - modal dialogs: a list to pick from, a one-line prompt, a
 * yes/no question and the help screen.  Each runs its own small loop,
 * redrawing the screen behind it, so a resize or a quit signal is handled
 * there too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "ui/ui_int.h"

/* A centred box of h x w; returns its top-left corner. */
static void box_at(struct ui *ui, int h, int w, int *y, int *x, const char *title)
{
	if (w > ui->cols - 2)
		w = ui->cols - 2;
	if (h > ui->rows - 2)
		h = ui->rows - 2;
	*y = (ui->rows - h) / 2;
	*x = (ui->cols - w) / 2;
	for (int i = 0; i < h; i++)
		ui_fill(*y + i, *x, w, ui_look(UI_L_NORMAL));
	/* Box characters as text: ACS line drawing shows as letters in some
	 * terminals and in tmux captures. */
	attr_t hd = ui_look(UI_L_HEAD);
	int u = ui->utf8;
	ui_hline(*y, *x, w, hd);
	ui_hline(*y + h - 1, *x, w, hd);
	for (int i = 1; i < h - 1; i++) {
		ui_text(*y + i, *x, 1, u ? "\xe2\x94\x82" : "|", hd);
		ui_text(*y + i, *x + w - 1, 1, u ? "\xe2\x94\x82" : "|", hd);
	}
	ui_text(*y, *x, 1, u ? "\xe2\x94\x8c" : "+", hd);
	ui_text(*y, *x + w - 1, 1, u ? "\xe2\x94\x90" : "+", hd);
	ui_text(*y + h - 1, *x, 1, u ? "\xe2\x94\x94" : "+", hd);
	ui_text(*y + h - 1, *x + w - 1, 1, u ? "\xe2\x94\x98" : "+", hd);
	attrset(A_NORMAL);
	ui_text(*y, *x + 2, w - 4, title, ui_look(UI_L_HEAD));
}

static int too_small(struct ui *ui)
{
	return ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

int ui_dialog_list(struct ui *ui, const char *title, const char *const *items, int n, int sel)
{
	return ui_dialog_pick(ui, title, items, n, sel, 0);
}

int ui_dialog_pick(struct ui *ui, const char *title, const char *const *items, int n, int sel,
		   int digits)
{
	struct ui_list l = { n, sel, 0, 0, 0 };
	char hint[64];
	if (digits > 0)
		snprintf(hint, sizeof hint, " Enter: choose  0-%d: pick  Esc: close ", digits - 1);
	else
		snprintf(hint, sizeof hint, " Enter: choose  Esc: close ");
	for (;;) {
		ui_draw(ui);
		if (!too_small(ui)) {
			/* Wide enough for the title and the key hint too. */
			int w = ui_text_width(hint) + 4, y, x;
			if (ui_text_width(title) + 6 > w)
				w = ui_text_width(title) + 6;
			for (int i = 0; i < n; i++)
				if (ui_text_width(items[i]) + 6 > w)
					w = ui_text_width(items[i]) + 6;
			int h = n + 3 < ui->rows - 2 ? n + 3 : ui->rows - 2;
			box_at(ui, h, w, &y, &x, title);
			ui_list_place(&l, y + 1, h - 3 < 1 ? 1 : h - 3 + 1);
			for (int i = 0; i < l.h && l.top + i < n; i++) {
				int k = l.top + i;
				attr_t a = k == l.sel ? ui_look(UI_L_SEL) : 0;
				ui_fill(y + 1 + i, x + 1, w - 2, a);
				ui_text(y + 1 + i, x + 2, w - 4, items[k], a);
			}
			ui_text(y + h - 1, x + 2, w - 4, hint, ui_look(UI_L_DIM));
			refresh();
		}
		int key, r = ui_getkey(ui, &key);
		if (r < 0)
			return -1;
		if (r == 0)
			ui_poll_external(ui);
		if (r == 0 || too_small(ui))
			continue;
		if (key == UI_KEY_ESC || key == 'q')
			return -1;
		if (key == UI_KEY_ENTER)
			return n ? l.sel : -1;
		if (key >= '0' && key < '0' + digits && key - '0' < n)
			return key - '0';
		if (key == (UI_FN | KEY_MOUSE)) {
			/* A click selects a line, a click on the selected line
			 * chooses it (releases ignored, as in dispatch()). */
			MEVENT ev;
			if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
				continue;
			ui->mouse_y = ev.y;
			ui->mouse_x = ev.x;
			int was = l.sel;
			if (ui_list_nav(ui, &l, UI_A_MOUSE) && l.sel == was)
				return l.sel;
			continue;
		}
		ui_list_nav(ui, &l, ui_key_action(UI_KS_GLOBAL, key));
	}
}

int ui_prompt(struct ui *ui, const char *title, char *buf, size_t size)
{
	wchar_t w[256];
	size_t len = mbstowcs(w, buf, 255);
	if (len == (size_t)-1)
		len = 0;
	w[len] = 0;
	size_t cur = len;
	curs_set(1);
	for (;;) {
		int y = 0, x = 0, bw = ui->cols - 10;
		ui_draw(ui);
		if (!too_small(ui)) {
			if (bw > 70)
				bw = 70;
			box_at(ui, 4, bw, &y, &x, title);
			/* Show the tail when the text is longer than the box
			 * (starting on a whole character, not on a mark). */
			int cx = x + 2, avail = bw - 4;
			size_t start = 0;
			int width = 0;
			for (size_t i = 0; i < cur; i++)
				width += ui_wc_width_in(w, i);
			while (start < cur && (width >= avail || ui_wc_attaches(w[start])))
				width -= ui_wc_width_in(w, start++);
			ui_put_wcs(y + 1, cx, avail, w + start, len - start, 0);
			int curx = cx + (width < avail ? width : avail - 1);
			ui_text(y + 2, x + 2, bw - 4, "Enter: OK  Esc: cancel", ui_look(UI_L_DIM));
			move(y + 1, curx);
			refresh();
		}
		int key, r = ui_getkey(ui, &key);
		if (r < 0) {
			curs_set(0);
			return 0;
		}
		if (r == 0)
			ui_poll_external(ui);
		if (r == 0 || too_small(ui))
			continue;
		if (key == UI_KEY_ESC) {
			curs_set(0);
			return 0;
		}
		if (key == UI_KEY_ENTER) {
			char out[1024];
			size_t o = wcstombs(out, w, sizeof out - 1);
			if (o == (size_t)-1)
				o = 0;
			out[o] = 0;
			snprintf(buf, size, "%s", out);
			curs_set(0);
			return 1;
		}
		if (key == (UI_FN | KEY_LEFT) && cur > 0) {
			while (--cur > 0 && ui_wc_attaches(w[cur]))
				;
		} else if (key == (UI_FN | KEY_RIGHT) && cur < len) {
			while (++cur < len && ui_wc_attaches(w[cur]))
				;
		} else if (key == (UI_FN | KEY_HOME) || key == 1) {
			cur = 0;
		} else if (key == (UI_FN | KEY_END) || key == 5) {
			cur = len;
		} else if ((key == (UI_FN | KEY_BACKSPACE) || key == 127 || key == 8) && cur > 0) {
			memmove(w + cur - 1, w + cur, (len - cur + 1) * sizeof *w);
			cur--;
			len--;
		} else if (key == (UI_FN | KEY_DC) && cur < len) {
			memmove(w + cur, w + cur + 1, (len - cur) * sizeof *w);
			len--;
		} else if (key == 21) {         /* ^U: clear */
			len = cur = 0;
			w[0] = 0;
		} else if (!(key & UI_FN) && key >= 0x20 && key != 0x7f && len < 250 &&
			   !(key >= 0x80 && key < 0xa0)) {
			memmove(w + cur + 1, w + cur, (len - cur + 1) * sizeof *w);
			w[cur++] = (wchar_t)key;
			len++;
		}
	}
}

int ui_confirm(struct ui *ui, const char *question)
{
	for (;;) {
		ui_draw(ui);
		if (!too_small(ui)) {
			int y, x, w = ui_text_width(question) + 6;
			box_at(ui, 3, w < 30 ? 30 : w, &y, &x, "Confirm");
			ui_text(y + 1, x + 2, ui->cols - 4, question, A_BOLD);
			refresh();
		}
		int key, r = ui_getkey(ui, &key);
		if (r < 0)
			return 0;
		if (r == 0)
			ui_poll_external(ui);
		if (r == 0 || too_small(ui))
			continue;
		if (key == 'y' || key == 'Y')
			return 1;
		if (key == 'n' || key == 'N' || key == UI_KEY_ESC || key == 'q')
			return 0;
	}
}

/* The help screen's entries: every key of the table, then the terms
 * (UI_HELP_TERMS).  left is drawn in the key column, text wrapped beside
 * it; a heading has no text. */
struct help_entry {
	const char *left, *text;
};

static const struct help_entry help_terms[] = {
#define UI_HELP_TERM(term, text) { term, text },
	UI_HELP_TERMS(UI_HELP_TERM)
#undef UI_HELP_TERM
};

#define HELP_KEY_W 16   /* the key column */
#define N_HELP_TERMS ((int)(sizeof help_terms / sizeof help_terms[0]))
#define N_HELP (UI_A_MOUSE + 1 + N_HELP_TERMS)   /* keys, a blank line, terms */

static struct help_entry help_entry(int k)
{
	if (k < UI_A_MOUSE)
		return (struct help_entry){ NULL, ui_key_help(k) };
	if (k == UI_A_MOUSE)
		return (struct help_entry){ "", "" };
	return help_terms[k - UI_A_MOUSE - 1];
}

/* Rows of entry k in tw columns of text. */
static int help_rows(int k, int tw)
{
	struct help_entry e = help_entry(k);
	int r = e.text[0] ? ui_wrap_rows(tw, e.text) : 1;
	return r > 0 ? r : 1;
}

/* Draw the help's lines [top, top + h) from row y, text in tw columns;
 * returns the number of lines in all. */
static int help_draw(int y, int x, int h, int tw, int top)
{
	int line = 0;
	for (int k = 0; k < N_HELP; k++) {
		struct help_entry e = help_entry(k);
		int r = help_rows(k, tw);
		if (line + r > top && line < top + h) {
			int skip = top > line ? top - line : 0, at = y + line + skip - top;
			const char *left = e.left ? e.left : ui_key_names(k);
			if (!skip)
				ui_text(at, x, e.text[0] ? HELP_KEY_W : tw + HELP_KEY_W, left,
					ui_look(UI_L_HEAD));
			ui_wrap_part(at, x + HELP_KEY_W + 1, tw, skip, top + h - line - skip,
				     e.text, 0);
		}
		line += r;
	}
	return line;
}

void ui_help(struct ui *ui)
{
	int top = 0, page = 1, total = 1;
	for (;;) {
		ui_draw(ui);
		if (!too_small(ui)) {
			int y, x, w = ui->cols - 4, h = ui->rows - 2;
			box_at(ui, h, w, &y, &x, "Keys (? or Esc closes)");
			int tw = w - HELP_KEY_W - 5;
			total = 0;
			for (int k = 0; k < N_HELP; k++)
				total += help_rows(k, tw);
			page = h - 2;
			if (top > total - page)
				top = total - page;
			if (top < 0)
				top = 0;
			help_draw(y + 1, x + 2, page, tw, top);
			/* Where the window is: "19/45" (the last line shown). */
			char pos[64];
			int last = top + page < total ? top + page : total;
			snprintf(pos, sizeof pos, " %d/%d ", last, total);
			if (total > page)
				ui_text(y + h - 1, x + 2, w - 4 - (int)strlen(pos) - 1,
					" j k PgUp PgDn g G: scroll ", ui_look(UI_L_DIM));
			ui_text(y + h - 1, x + w - 2 - (int)strlen(pos), (int)strlen(pos), pos,
				ui_look(UI_L_HEAD));
			refresh();
		}
		int key, r = ui_getkey(ui, &key);
		if (r < 0)
			return;
		if (r == 0)
			ui_poll_external(ui);
		if (r == 0 || too_small(ui))
			continue;
		int a = ui_key_action(UI_KS_EDITOR, key);
		int step = page > 1 ? page - 1 : 1;
		switch (a) {
		case UI_A_CANCEL: case UI_A_HELP: case UI_A_QUIT: return;
		case UI_A_DOWN: top++; break;
		case UI_A_UP: top--; break;
		case UI_A_PGDN: top += step; break;
		case UI_A_PGUP: top -= step; break;
		case UI_A_HOME: top = 0; break;
		case UI_A_END: top = total; break;
		default: break;
		}
		/* Clamped when drawn (the size may change); not below 0 here. */
		if (top > total - page)
			top = total - page;
		if (top < 0)
			top = 0;
	}
}
