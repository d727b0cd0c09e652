/* draw.c - safe text drawing: UTF-8 decoded with the locale, widths from
 * wcwidth, and anything that could reach the terminal as a control
 * (C0, DEL, C1, invalid bytes, non-printables) drawn escaped instead. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include "samm/esc.h"
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

/* How a character is drawn.
 *
 * SPACING    printable with a width of 1 or 2 (wcwidth).
 * COMBINING  printable with width 0 (combining marks, conjoining jamo):
 *            drawn in the cell of the character before it, as part of one
 *            cchar_t (at most CCHARW_MAX - 1 marks; more are dropped, so
 *            "zalgo" text cannot pile up).  Without a base (the start of a
 *            text, after an escape) a mark is drawn on a space: 1 column.
 * INVISIBLE  zero-width format characters (U+200B..U+200D, word joiner,
 *            BOM, tags) and variation selectors: not sent at all.
 *            Terminals disagree about them (some give U+200B or an emoji
 *            with VS16 a column), and any disagreement shifts every column
 *            after it; they carry nothing visible.
 * ESCAPE     C0, DEL, C1, bidirectional controls (they reorder what the
 *            terminal shows: "Trojan Source"; samm_cp_is_control) and
 *            anything wcwidth does not know: drawn in the escape look, in
 *            the commands' forms (samm/esc.h): \n, \x1b, \u202e. */
enum wc_kind { WK_SPACING, WK_COMBINING, WK_INVISIBLE, WK_ESCAPE };

static int is_invisible(wchar_t wc)
{
	return (wc >= 0x200b && wc <= 0x200d) || (wc >= 0x2060 && wc <= 0x2064) ||
	       (wc >= 0x206a && wc <= 0x206f) || wc == 0xfeff || wc == 0x180e || wc == 0x034f ||
	       (wc >= 0x180b && wc <= 0x180d) || (wc >= 0xfe00 && wc <= 0xfe0f) ||
	       (wc >= 0xfff9 && wc <= 0xfffb) || (wc >= 0xe0000 && wc <= 0xe007f) ||
	       (wc >= 0xe0100 && wc <= 0xe01ef) || (wc >= 0x1d173 && wc <= 0x1d17a);
}

static enum wc_kind wc_kind(wchar_t wc, int *width)
{
	*width = 0;
	if (wc < 0 || samm_cp_is_control((uint32_t)wc))
		return WK_ESCAPE;
	int w = wcwidth(wc);
	if (w > 0) {
		*width = w;
		return WK_SPACING;
	}
	if (w == 0)
		return is_invisible(wc) ? WK_INVISIBLE : WK_COMBINING;
	return WK_ESCAPE;
}

/* One display unit of a string: a printable character with its combining
 * marks, or an escape. */
struct glyph {
	wchar_t wc[CCHARW_MAX + 1];     /* base and marks, 0-terminated */
	int nwc;                /* 0: nothing to draw (escape or invisible) */
	int w;                  /* columns */
	char esc[SAMM_ESC_MAX];  /* escaped form, "" when none */
	size_t len;             /* bytes (or wide characters) consumed */
};

/* Start glyph g with wc.  flat: '\n' and '\t' are spaces. */
static void glyph_begin(struct glyph *g, wchar_t wc, int flat)
{
	int w;
	if (flat && (wc == '\n' || wc == '\t'))
		wc = ' ';
	switch (wc_kind(wc, &w)) {
	case WK_SPACING:
		g->wc[0] = wc;
		g->nwc = 1;
		g->w = w;
		break;
	case WK_COMBINING:
		g->wc[0] = ' ';
		g->wc[1] = wc;
		g->nwc = 2;
		g->w = 1;
		break;
	case WK_INVISIBLE:
		break;
	case WK_ESCAPE:
		samm_esc_cp((uint32_t)wc, g->esc);
		g->w = (int)strlen(g->esc);
		break;
	}
}

/* Does wc belong to glyph g (a mark on its base, or an invisible)? */
static int glyph_join(struct glyph *g, wchar_t wc)
{
	int w;
	enum wc_kind k = wc_kind(wc, &w);
	if (k == WK_INVISIBLE)
		return 1;
	if (k != WK_COMBINING || g->nwc == 0)
		return 0;
	if (g->nwc < CCHARW_MAX)
		g->wc[g->nwc++] = wc;
	return 1;
}

/* Decode one character at s (n > 0 bytes): the bytes used, 0 when invalid,
 * truncated or a NUL. */
static size_t decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t mb;
	memset(&mb, 0, sizeof mb);
	size_t r = mbrtowc(wc, s, n, &mb);
	return r == (size_t)-1 || r == (size_t)-2 ? 0 : r;
}

/* Decode the glyph at s (n bytes left, n > 0).  flat: '\n' and '\t' are
 * spaces. */
static void glyph_next(const char *s, size_t n, int flat, struct glyph *g)
{
	wchar_t wc;
	memset(g, 0, sizeof *g);
	size_t r = decode(s, n, &wc);
	if (r == 0) {
		/* An invalid or truncated byte: shown as \xNN, never sent. */
		g->len = 1;
		samm_esc_byte((unsigned char)s[0], g->esc);
		g->w = (int)strlen(g->esc);
		return;
	}
	glyph_begin(g, wc, flat);
	g->len = r;
	while (g->len < n && (r = decode(s + g->len, n - g->len, &wc)) > 0 && glyph_join(g, wc))
		g->len += r;
}

/* The same for wide characters (n > 0 left); '\t' is escaped, as
 * ui_wc_width counts it. */
static void wglyph_next(const wchar_t *s, size_t n, struct glyph *g)
{
	memset(g, 0, sizeof *g);
	glyph_begin(g, s[0], 0);
	g->len = 1;
	while (g->len < n && glyph_join(g, s[g->len]))
		g->len++;
}

int ui_wc_width(wchar_t wc)
{
	struct glyph g;
	memset(&g, 0, sizeof g);
	glyph_begin(&g, wc, 0);
	return g.nwc == 2 ? 0 : g.w;    /* a mark: 0, as on a base */
}

int ui_wc_width_in(const wchar_t *s, size_t i)
{
	int w;
	if (wc_kind(s[i], &w) != WK_COMBINING)
		return ui_wc_width(s[i]);
	/* A mark takes a column of its own only where glyph_join would not
	 * take it: no printable character before it (invisibles skipped). */
	while (i > 0) {
		wchar_t p = s[--i];
		if (p == '\n')
			return 1;
		enum wc_kind k = wc_kind(p, &w);
		if (k != WK_INVISIBLE)
			return k == WK_ESCAPE ? 1 : 0;
	}
	return 1;
}

int ui_wc_attaches(wchar_t wc)
{
	int w;
	enum wc_kind k = wc_kind(wc, &w);
	return k == WK_COMBINING || k == WK_INVISIBLE;
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
	} else if (g->nwc > 0) {
		/* Base and marks as one cell, so that no mark can land in a
		 * cell of its own. */
		cchar_t cc;
		if (setcchar(&cc, g->wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) == OK)
			mvadd_wch(y, x, &cc);
	}
}

int ui_put_wcs(int y, int x, int w, const wchar_t *s, size_t n, attr_t a)
{
	int col = 0;
	struct glyph g;
	for (size_t i = 0; i < n; i += g.len) {
		wglyph_next(s + i, n - i, &g);
		if (col + g.w > w)
			break;
		put_glyph(y, x + col, &g, a);
		col += g.w;
	}
	attrset(A_NORMAL);
	return col;
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
static int wrap_layout(int w, const char *s, int skip, int maxh, int y, int x, attr_t a,
		       int draw)
{
	size_t n = s ? strlen(s) : 0, i = 0;
	int rows = 0;
	struct glyph g;
	if (w <= 0)
		return 0;
	while (i < n || rows == 0) {
		if (maxh >= 0 && rows >= skip + maxh)
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
		if (draw && rows >= skip) {
			int last = maxh >= 0 && rows == skip + maxh - 1 && end < n;
			if (last)
				ui_textn(y + rows - skip, x, w, s + i, n - i, a);
			else
				ui_textn(y + rows - skip, x, w, s + i, end - i, a);
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
	return wrap_layout(w, s, 0, maxh, y, x, a, 1);
}

int ui_wrap_part(int y, int x, int w, int skip, int maxh, const char *s, attr_t a)
{
	if (maxh <= 0)
		return 0;
	int rows = wrap_layout(w, s, skip, maxh, y, x, a, 1) - skip;
	return rows > 0 ? rows : 0;
}

int ui_wrap_rows(int w, const char *s)
{
	return wrap_layout(w, s, 0, -1, 0, 0, 0, 0);
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
	/* Without UTF-8: eight ASCII steps that still draw the shape (a low
	 * line for 0, so that a period scored 0 differs from a missing one). */
	static const char *const a[8] = { "_", ".", ":", "-", "=", "+", "*", "#" };
	if (score < 0)
		score = 0;
	if (score > 3)
		score = 3;
	return (utf8 ? u : a)[(int)(score / 3.0 * 7 + 0.5)];
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
