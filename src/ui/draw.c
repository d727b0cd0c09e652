/* draw.c - safe text drawing: UTF-8 decoded with the locale, widths from
 * wcwidth, and anything that could reach the terminal as a control
 * (C0, DEL, C1, invalid bytes, non-printables) drawn escaped instead. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include "ui/ui_int.h"

static attr_t looks[UI_L_COUNT];

void ui_looks_init(struct ui *ui)
{
	static const struct { short fg, bg; attr_t extra, mono; } def[UI_L_COUNT] = {
		[UI_L_NORMAL] = { -1, -1, 0, 0 },
		[UI_L_TITLE]  = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
		[UI_L_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		[UI_L_ERROR]  = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
		[UI_L_SEL]    = { -1, -1, A_REVERSE, A_REVERSE },
		[UI_L_ESC]    = { COLOR_RED, -1, A_BOLD, A_UNDERLINE | A_BOLD },
		[UI_L_DIM]    = { -1, -1, A_DIM, A_DIM },
		[UI_L_HEAD]   = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
		[UI_L_GOOD]   = { COLOR_GREEN, -1, 0, 0 },
		[UI_L_MID]    = { COLOR_YELLOW, -1, 0, 0 },
		[UI_L_BAD]    = { COLOR_RED, -1, 0, 0 },
		[UI_L_MARK]   = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	};
	const char *nc = getenv("NO_COLOR");
	ui->color = has_colors() && !(nc && *nc);
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < UI_L_COUNT; i++) {
		if (ui->color && (def[i].fg >= 0 || def[i].bg >= 0)) {
			init_pair((short)(i + 1), def[i].fg, def[i].bg);
			looks[i] = COLOR_PAIR(i + 1) | def[i].extra;
		} else {
			looks[i] = ui->color ? def[i].extra : def[i].mono;
		}
	}
}

attr_t ui_look(enum ui_look l) { return looks[l]; }

/* One display unit of a string: a printable character or an escape. */
struct glyph {
	wchar_t wc;             /* printable character (0 when esc) */
	int w;                  /* columns */
	char esc[16];           /* escaped form, "" when printable */
	size_t len;             /* bytes consumed */
};

static void esc_of(wchar_t wc, char *buf, size_t size)
{
	if (wc < 0x20)
		snprintf(buf, size, "^%c", (char)(wc + '@'));
	else if (wc == 0x7f)
		snprintf(buf, size, "^?");
	else if (wc < 0x100)
		snprintf(buf, size, "\\x%02x", (unsigned)wc);
	else
		snprintf(buf, size, "<U+%04X>", (unsigned)wc);
}

int ui_wc_width(wchar_t wc)
{
	if (wc >= 0x20 && wc != 0x7f && !(wc >= 0x80 && wc < 0xa0)) {
		int w = wcwidth(wc);
		if (w > 0)
			return w;
		if (w == 0)
			return 0;
	}
	char b[16];
	esc_of(wc, b, sizeof b);
	return (int)strlen(b);
}

/* Decode the glyph at s (n bytes left, n > 0).  flat: '\n' and '\t' are
 * spaces. */
static void glyph_next(const char *s, size_t n, int flat, struct glyph *g)
{
	mbstate_t mb;
	memset(&mb, 0, sizeof mb);
	memset(g, 0, sizeof *g);
	wchar_t wc;
	size_t r = mbrtowc(&wc, s, n, &mb);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		/* An invalid or truncated byte: shown as \xNN, never sent. */
		g->len = 1;
		if (r == 0) {
			snprintf(g->esc, sizeof g->esc, "^@");
		} else {
			snprintf(g->esc, sizeof g->esc, "\\x%02x", (unsigned char)s[0]);
		}
		g->w = (int)strlen(g->esc);
		return;
	}
	g->len = r;
	if (flat && (wc == '\n' || wc == '\t'))
		wc = ' ';
	if (wc >= 0x20 && wc != 0x7f && !(wc >= 0x80 && wc < 0xa0)) {
		int w = wcwidth(wc);
		if (w > 0) {
			g->wc = wc;
			g->w = w;
			return;
		}
		if (w == 0) {
			/* Zero-width (combining marks, bidi controls): dropped
			 * rather than let them reorder or merge cells. */
			g->w = 0;
			return;
		}
	}
	esc_of(wc, g->esc, sizeof g->esc);
	g->w = (int)strlen(g->esc);
}

static attr_t esc_attr(attr_t a)
{
	/* Distinct on any background, selected lines included. */
	return looks[UI_L_ESC] | (a & A_REVERSE);
}

static void put_glyph(int y, int x, const struct glyph *g, attr_t a)
{
	if (g->esc[0]) {
		attrset(esc_attr(a));
		mvaddstr(y, x, g->esc);
	} else if (g->w > 0) {
		wchar_t b[2] = { g->wc, 0 };
		attrset(a);
		mvaddnwstr(y, x, b, 1);
	}
}

int ui_put_wc(int y, int x, wchar_t wc, attr_t a)
{
	struct glyph g;
	memset(&g, 0, sizeof g);
	if (wc >= 0x20 && wc != 0x7f && !(wc >= 0x80 && wc < 0xa0) && wcwidth(wc) >= 0) {
		g.wc = wc;
		g.w = wcwidth(wc);
	} else {
		esc_of(wc, g.esc, sizeof g.esc);
		g.w = (int)strlen(g.esc);
	}
	put_glyph(y, x, &g, a);
	attrset(A_NORMAL);
	return g.w;
}

int ui_textn(int y, int x, int w, const char *s, size_t n, attr_t a)
{
	int col = 0, total = 0;
	struct glyph g;
	if (!s || w <= 0)
		return 0;
	for (size_t i = 0; i < n && s[i]; i += g.len) {
		glyph_next(s + i, n - i, 1, &g);
		total += g.w;
	}
	int room = total <= w ? w : w - 1;     /* keep a column for the ellipsis */
	for (size_t i = 0; i < n && s[i]; i += g.len) {
		glyph_next(s + i, n - i, 1, &g);
		if (col + g.w > room)
			break;
		put_glyph(y, x + col, &g, a);
		col += g.w;
	}
	if (total > w) {
		attrset(a);
		mvaddstr(y, x + col, MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : ">");
		col++;
	}
	attrset(A_NORMAL);
	return col;
}

int ui_text(int y, int x, int w, const char *s, attr_t a)
{
	return s ? ui_textn(y, x, w, s, strlen(s), a) : 0;
}

int ui_text_width(const char *s)
{
	int w = 0;
	struct glyph g;
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n; i += g.len) {
		glyph_next(s + i, n - i, 1, &g);
		w += g.w;
	}
	return w;
}

/* Lay s out in rows of w columns, breaking at spaces when a word fits on
 * the next row; calls row(start, len) per row.  Returns the rows. */
static int wrap_layout(int w, const char *s, int maxh, int y, int x, attr_t a, int draw)
{
	size_t n = s ? strlen(s) : 0, i = 0;
	int rows = 0;
	struct glyph g;
	if (w <= 0)
		return 0;
	while (i < n || rows == 0) {
		if (maxh >= 0 && rows >= maxh)
			break;
		/* Find the row's end. */
		size_t j = i, brk = 0;
		int col = 0, saw_break = 0;
		while (j < n) {
			if (s[j] == '\n') {
				saw_break = 1;
				break;
			}
			glyph_next(s + j, n - j, 1, &g);
			if (col + g.w > w)
				break;
			col += g.w;
			j += g.len;
			if (s[j - 1] == ' ' || s[j - 1] == '\t')
				brk = j;
		}
		size_t end = j;
		if (!saw_break && j < n && brk > i)
			end = brk;
		if (end == i && j < n && !saw_break) {
			/* A glyph wider than the row: take it anyway. */
			glyph_next(s + i, n - i, 1, &g);
			end = i + g.len;
		}
		if (draw) {
			int last = maxh >= 0 && rows == maxh - 1 && end < n;
			if (last)
				ui_textn(y + rows, x, w, s + i, n - i, a);
			else
				ui_textn(y + rows, x, w, s + i, end - i, a);
		}
		rows++;
		i = end;
		if (i < n && s[i] == '\n')
			i++;
		else if (i >= n)
			break;
	}
	return rows;
}

int ui_wrap(int y, int x, int w, int maxh, const char *s, attr_t a)
{
	if (maxh <= 0)
		return 0;
	return wrap_layout(w, s, maxh, y, x, a, 1);
}

int ui_wrap_rows(int w, const char *s)
{
	return wrap_layout(w, s, -1, 0, 0, 0, 0);
}

void ui_fill(int y, int x, int w, attr_t a)
{
	attrset(a);
	for (int i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
}

int ui_printf(int y, int x, int w, attr_t a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_text(y, x, w, buf, a);
}

void ui_bar(int y, int x, int w, double score, int utf8)
{
	static const char *const part[8] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89" };
	if (w <= 0)
		return;
	if (score < 0)
		score = 0;
	if (score > 3)
		score = 3;
	int eighths = (int)(score / 3.0 * w * 8 + 0.5);
	attr_t a = ui_look(score >= 2 ? UI_L_GOOD : score >= 1 ? UI_L_MID : UI_L_BAD);
	attrset(a);
	for (int i = 0; i < w; i++) {
		int e = eighths - i * 8;
		if (e >= 8)
			mvaddstr(y, x + i, utf8 ? "\xe2\x96\x88" : "#");
		else if (e > 0)
			mvaddstr(y, x + i, utf8 ? part[e] : (e >= 4 ? "#" : "."));
		else
			mvaddstr(y, x + i, utf8 ? " " : ".");
	}
	attrset(A_NORMAL);
}

const char *ui_spark(double score, int utf8)
{
	static const char *const u[8] = { "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		"\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88" };
	static const char *const a[4] = { "_", ".", "-", "^" };
	if (score < 0)
		score = 0;
	if (score > 3)
		score = 3;
	if (utf8)
		return u[(int)(score / 3.0 * 7 + 0.5)];
	return a[(int)(score + 0.5) > 3 ? 3 : (int)(score + 0.5)];
}

static int hline_utf8 = -1;

void ui_hline(int y, int x, int w, attr_t a)
{
	if (hline_utf8 < 0)
		hline_utf8 = MB_CUR_MAX > 1;
	attrset(a);
	for (int i = 0; i < w; i++)
		mvaddstr(y, x + i, hline_utf8 ? "\xe2\x94\x80" : "-");
	attrset(A_NORMAL);
}
