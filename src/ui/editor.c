/* editor.c - the note editor: in place (multi-line, UTF-8, cursor keys,
 * Ctrl-S saves, Esc cancels) and through $VISUAL / $EDITOR.
 *
 * Nothing typed is lost: a save that fails (read-only, busy database)
 * keeps the editor open with its text; a save finding that someone else
 * changed the note since the editor opened (compare and set, in the
 * store's transaction) asks whose text to keep or opens both in $EDITOR;
 * a quit signal saves the text, or keeps it in a private file
 * (notefile.c) when it cannot be saved. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include "samm/util.h"
#include "ui/ui_int.h"

struct ui_editor {
	wchar_t *buf;
	size_t len, cap, cur;
	int top;                /* first visual row shown */
	int goal_col;           /* column kept by up/down, -1 none */
	char item[128];         /* item id */
	char *orig;             /* the note the text was begun from (NULL: none):
				   a save expects the database to hold it still */
	int64_t period_id;
	int w;                  /* width of the last layout */
};

/* A visual row: buf[start, start + len), excluding a trailing '\n'. */
struct vrow { size_t start, len; };

/* Columns of buf[i] where it stands (a mark joins the character before). */
static int wcw(const struct ui_editor *e, size_t i)
{
	return ui_wc_width_in(e->buf, i);
}

/* Lay the text out in rows of w columns (hard breaks at '\n'). */
static size_t layout(const struct ui_editor *e, int w, struct vrow **out)
{
	size_t cap = 0, n = 0, start = 0;
	struct vrow *r = NULL;
	ui_grow((void **)&r, &cap, 1, sizeof *r);
	int col = 0;
	for (size_t i = 0; i <= e->len; i++) {
		int brk = i == e->len || e->buf[i] == '\n';
		int cw = i < e->len && !brk ? wcw(e, i) : 0;
		if (!brk && col + cw > w && i > start) {
			ui_grow((void **)&r, &cap, n + 1, sizeof *r);
			r[n++] = (struct vrow){ start, i - start };
			start = i;
			col = 0;
		}
		if (brk) {
			ui_grow((void **)&r, &cap, n + 1, sizeof *r);
			r[n++] = (struct vrow){ start, i - start };
			start = i + 1;
			col = 0;
			continue;
		}
		col += cw;
	}
	*out = r;
	return n;
}

/* The visual row and column of the cursor. */
static void cursor_pos(const struct ui_editor *e, const struct vrow *r, size_t n, size_t *row, int *col)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (r[i].start <= e->cur)
			k = i;
	/* At a soft break the cursor belongs to the next row's start. */
	*row = k;
	*col = 0;
	for (size_t i = r[k].start; i < e->cur && i < r[k].start + r[k].len; i++)
		*col += wcw(e, i);
}

static void insert(struct ui_editor *e, wchar_t c)
{
	ui_grow((void **)&e->buf, &e->cap, e->len + 2, sizeof *e->buf);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->len++;
}

static void set_text(struct ui_editor *e, const char *s)
{
	e->len = e->cur = 0;
	if (!s)
		return;
	mbstate_t mb;
	memset(&mb, 0, sizeof mb);
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s + i, n - i, &mb);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			/* Keep undecodable bytes as U+FFFD rather than drop text. */
			memset(&mb, 0, sizeof mb);
			wc = 0xfffd;
			r = 1;
		}
		insert(e, wc);
		i += r;
	}
	e->cur = 0;
}

static char *get_text(const struct ui_editor *e)
{
	size_t cap = e->len * MB_CUR_MAX + 1, o = 0;
	char *s = ui_xmalloc(cap);
	mbstate_t mb;
	memset(&mb, 0, sizeof mb);
	for (size_t i = 0; i < e->len; i++) {
		size_t r = wcrtomb(s + o, e->buf[i], &mb);
		if (r == (size_t)-1) {
			memset(&mb, 0, sizeof mb);
			s[o] = '?';
			r = 1;
		}
		o += r;
	}
	s[o] = 0;
	return s;
}

void ui_editor_open(struct ui *ui, int item)
{
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: notes cannot be changed");
		return;
	}
	ui_editor_free(ui);
	struct ui_editor *e = ui_xcalloc(1, sizeof *e);
	samm_utf8_copy(e->item, sizeof e->item, ui->as->model->items[item].id);
	e->period_id = ui->periods[ui->cur].id;
	e->goal_col = -1;
	set_text(e, ui->as->note[item]);
	e->orig = ui_xstrdup(ui->as->note[item]);
	e->cur = e->len;
	ui->ed = e;
	curs_set(1);
}

void ui_editor_free(struct ui *ui)
{
	if (!ui->ed)
		return;
	free(ui->ed->buf);
	free(ui->ed->orig);
	free(ui->ed);
	ui->ed = NULL;
	curs_set(0);
}

/* Save text as the note if the database still holds expect; as
 * ui_apply_checked. */
static int save_text(struct ui *ui, const char *text, const char *expect,
		     struct samm_conflict *cf)
{
	struct samm_change ch = { .item = ui->ed->item, .set_note = 1, .note = text,
				  .check_old = SAMM_CHECK_NOTE, .old_note = expect };
	return ui_apply_checked(ui, &ch, 1, 1, cf);
}

/* The note of the editor's item as the screen has it now (a copy). */
static char *note_now(struct ui *ui)
{
	const struct samm_model *m = ui_model(ui);
	int k = m ? samm_model_find_item(m, ui->ed->item) : -1;
	return k >= 0 ? ui_xstrdup(ui->as->note[k]) : NULL;
}

/* Their note and mine in one file for $EDITOR; the result comes back into
 * the editor, to be saved (against their note) with Ctrl-S. */
static void merge(struct ui *ui, const char *by, const char *theirs, const char *mine)
{
	struct ui_editor *e = ui->ed;
	char path[4096], head[320];
	snprintf(head, sizeof head, "<<<<<<< the note as %s saved it\n", by);
	const char *parts[] = { head, theirs ? theirs : "", "\n=======\n", mine,
				"\n>>>>>>> your text\n" };
	if (ui_note_keep(e->item, parts, 5, path, sizeof path) != 0) {
		ui_msg(ui, 1, "merge file: %s; note not saved", strerror(errno));
		return;
	}
	if (ui_note_run_editor(ui, path) != 0)
		return;
	char *text = ui_note_read(path);
	if (!text) {
		ui_msg(ui, 1, "%s: %s; note not saved", path, strerror(errno));
		return;
	}
	set_text(e, text);
	e->cur = e->len;
	free(text);
	free(e->orig);
	e->orig = ui_xstrdup(theirs);
	unlink(path);
	ui_msg(ui, 0, "the merged text is in the editor: Ctrl-S saves it");
}

/* Someone else saved the note after the editor opened on it: the user
 * chooses.  0 when done (saved, or theirs kept), -1 to go on editing. */
static int resolve(struct ui *ui, struct samm_conflict cf, const char *mine)
{
	struct ui_editor *e = ui->ed;
	static const char *const choice[] = {
		"Keep theirs (drop my text)", "Keep mine (replace theirs)",
		"Merge both in $EDITOR", "Back to editing",
	};
	for (;;) {
		char by[256], title[512];
		snprintf(by, sizeof by, "%s", cf.by[0] ? cf.by : "someone");
		char *theirs = note_now(ui);
		snprintf(title, sizeof title, "%s changed the note of %s since you opened it", by,
			 e->item);
		int r = ui_dialog_list(ui, title, choice, 4, 3);
		int rc = -1;
		if (r == 0) {
			ui_msg(ui, 0, "kept %s's note of %s; your text was dropped", by, e->item);
			rc = 0;
		} else if (r == 1) {
			rc = save_text(ui, mine, theirs, &cf);
			if (rc == 0)
				ui_msg(ui, 0, "note of %s saved, replacing %s's", e->item, by);
		} else if (r == 2) {
			merge(ui, by, theirs, mine);
		} else {
			ui_msg(ui, 1, "note not saved: %s changed it since (Ctrl-S asks again)", by);
		}
		free(theirs);
		if (rc != UI_CONFLICT)
			return rc == 0 ? 0 : -1;
	}
}

int ui_editor_save(struct ui *ui)
{
	struct ui_editor *e = ui->ed;
	if (ui->periods[ui->cur].id != e->period_id) {
		ui_msg(ui, 1, "the period changed under the editor: note not saved (Esc drops it)");
		return -1;
	}
	char *text = get_text(e);
	struct samm_conflict cf;
	int rc = save_text(ui, text, e->orig, &cf);
	if (rc == UI_CONFLICT)
		rc = resolve(ui, cf, text);
	else if (rc == 0)
		ui_msg(ui, 0, "note of %s saved", e->item);
	free(text);
	return rc ? -1 : 0;
}

void ui_editor_quit(struct ui *ui)
{
	struct ui_editor *e = ui->ed;
	if (!e)
		return;
	char *text = get_text(e);
	struct samm_conflict cf;
	char path[4096];
	const char *parts[1] = { text };
	if (!strcmp(text, e->orig ? e->orig : "")) {
		/* nothing typed: nothing to keep */
	} else if (ui->periods && ui->periods[ui->cur].id == e->period_id &&
		   save_text(ui, text, e->orig, &cf) == 0) {
		fprintf(stderr, "sammtui: the note being edited was saved (%s)\n", ui->msg);
	} else if (ui_note_keep(e->item, parts, 1, path, sizeof path) == 0) {
		fprintf(stderr, "sammtui: the note of %s was not saved (%s); your text is kept"
			" in %s\n", e->item, ui->msg[0] ? ui->msg : "the period changed", path);
	} else {
		fprintf(stderr, "sammtui: the note of %s was not saved (%s) nor kept (%s)\n",
			e->item, ui->msg, strerror(errno));
	}
	free(text);
}

/* Up (dir -1) or down (+1) a visual row, keeping the goal column. */
static void move_vertical(struct ui_editor *e, const struct vrow *r, size_t n, size_t row,
			  int col, int dir)
{
	int goal = e->goal_col >= 0 ? e->goal_col : col;
	size_t to = row;
	if (dir < 0 && row > 0)
		to = row - 1;
	else if (dir > 0 && row + 1 < n)
		to = row + 1;
	if (to != row) {
		size_t i = r[to].start;
		int c = 0;
		while (i < r[to].start + r[to].len && c + wcw(e, i) <= goal)
			c += wcw(e, i++);
		e->cur = i;
	}
	e->goal_col = goal;
}

/* Remove the character under the cursor (there is one). */
static void erase_at_cursor(struct ui_editor *e)
{
	memmove(e->buf + e->cur, e->buf + e->cur + 1, (e->len - e->cur - 1) * sizeof *e->buf);
	e->len--;
}

enum ui_result ui_editor_key(struct ui *ui, int key)
{
	struct ui_editor *e = ui->ed;
	int action = ui_key_action(UI_KS_EDITOR, key);
	if (action == UI_A_SAVE && ui_key_scope(action) == UI_KS_EDITOR) {
		if (ui_editor_save(ui) == 0)
			ui_editor_free(ui);
		ui_set_view(ui, ui->view);
		return UI_REDRAW;
	}
	if (action == UI_A_CANCEL) {
		ui_editor_free(ui);
		ui_msg(ui, 0, "note not changed");
		return UI_REDRAW;
	}
	struct vrow *r;
	size_t n = layout(e, e->w > 0 ? e->w : 40, &r), row;
	int col;
	cursor_pos(e, r, n, &row, &col);
	int keep_goal = 0;
	switch (key) {
	case UI_FN | KEY_LEFT:
		/* A character and its marks are one step. */
		while (e->cur > 0 && ui_wc_attaches(e->buf[--e->cur]))
			;
		break;
	case UI_FN | KEY_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		while (e->cur < e->len && ui_wc_attaches(e->buf[e->cur]))
			e->cur++;
		break;
	case UI_FN | KEY_UP:
	case UI_FN | KEY_DOWN:
		move_vertical(e, r, n, row, col, key == (UI_FN | KEY_UP) ? -1 : 1);
		keep_goal = 1;
		break;
	case UI_FN | KEY_HOME:
	case 1:                 /* ^A */
		e->cur = r[row].start;
		break;
	case UI_FN | KEY_END:
	case 5:                 /* ^E */
		e->cur = r[row].start + r[row].len;
		break;
	case UI_FN | KEY_PPAGE:
		e->cur = 0;
		break;
	case UI_FN | KEY_NPAGE:
		e->cur = e->len;
		break;
	case UI_FN | KEY_BACKSPACE:
	case 127:
	case 8:
		if (e->cur > 0) {
			e->cur--;
			erase_at_cursor(e);
		}
		break;
	case UI_FN | KEY_DC:
	case 4:                 /* ^D */
		if (e->cur < e->len)
			erase_at_cursor(e);
		break;
	case UI_KEY_ENTER:
		insert(e, '\n');
		break;
	case '\t':
		insert(e, ' ');
		break;
	default:
		if (!(key & UI_FN) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0))
			insert(e, (wchar_t)key);
		break;
	}
	if (!keep_goal)
		e->goal_col = -1;
	free(r);
	return UI_REDRAW;
}

void ui_editor_draw(struct ui *ui, int y, int h, int w)
{
	struct ui_editor *e = ui->ed;
	attr_t head = ui_look(UI_L_HEAD);
	ui_hline(y, 0, w, head);
	char t[256];
	snprintf(t, sizeof t, " Note of %s  (Ctrl-S: save, Esc: cancel) ", e->item);
	ui_text(y, 2, w - 4, t, head);
	int tw = w - 2, th = h - 1;
	if (tw < 4 || th < 1)
		return;
	e->w = tw;
	struct vrow *r;
	size_t n = layout(e, tw, &r), row;
	int col;
	cursor_pos(e, r, n, &row, &col);
	if ((int)row < e->top)
		e->top = (int)row;
	if ((int)row >= e->top + th)
		e->top = (int)row - th + 1;
	for (int i = 0; i < th && (size_t)(e->top + i) < n; i++) {
		struct vrow v = r[e->top + i];
		ui_put_wcs(y + 1 + i, 1, tw, e->buf + v.start, v.len, 0);
	}
	free(r);
	ui->cursor_y = y + 1 + (int)row - e->top;
	ui->cursor_x = 1 + (col < tw ? col : tw - 1);
}

/* ---- $VISUAL / $EDITOR ------------------------------------------------------ */

int ui_editor_external(struct ui *ui, int item)
{
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: notes cannot be changed");
		return -1;
	}
	char path[4096], id[128];
	samm_utf8_copy(id, sizeof id, ui->as->model->items[item].id);
	/* A copy: the data may be reread while the editor runs. */
	char *old = ui_xstrdup(ui->as->note[item] ? ui->as->note[item] : "");
	const char *parts[2] = { old, *old ? "\n" : "" };
	if (ui_note_keep(id, parts, 2, path, sizeof path) != 0) {
		ui_msg(ui, 1, "temporary file: %s", strerror(errno));
		free(old);
		return -1;
	}
	if (ui_note_run_editor(ui, path) != 0) {
		free(old);
		return -1;
	}
	char *text = ui_note_read(path);
	if (!text && errno == EFBIG) {
		ui_msg(ui, 1, "the note is larger than the %d KB limit: not changed; kept in %s",
		       SAMM_NOTE_MAX >> 10, path);
		free(old);
		return -1;
	}
	if (!text) {
		ui_msg(ui, 1, "%s: %s", path, strerror(errno));
		free(old);
		return -1;
	}
	int rc = 0;
	if (strcmp(text, old)) {
		/* Saved only over the note the file began from. */
		struct samm_change ch = { .item = id, .set_note = 1, .note = text,
					  .check_old = SAMM_CHECK_NOTE, .old_note = old };
		rc = ui_apply(ui, &ch, 1, 1);
		if (rc == 0)
			ui_msg(ui, 0, "note of %s saved", id);
	} else {
		ui_msg(ui, 0, "note not changed");
	}
	free(text);
	free(old);
	if (rc == 0)
		unlink(path);
	else {
		char why[sizeof ui->msg];
		samm_utf8_copy(why, sizeof why, ui->msg);
		ui_msg(ui, 1, "%s; your text is kept in %s", why, path);
	}
	return rc;
}
