/* editor.c - the note editor: in place (multi-line, UTF-8, cursor keys,
 * Ctrl-S saves, Esc cancels) and through $VISUAL / $EDITOR.
 *
 * Nothing typed is lost: a save that fails (read-only, busy database)
 * keeps the editor open with its text, and an external change of the
 * database while editing only changes what is shown around it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
	e->cur = e->len;
	ui->ed = e;
	curs_set(1);
}

void ui_editor_free(struct ui *ui)
{
	if (!ui->ed)
		return;
	free(ui->ed->buf);
	free(ui->ed);
	ui->ed = NULL;
	curs_set(0);
}

int ui_editor_save(struct ui *ui)
{
	struct ui_editor *e = ui->ed;
	if (ui->periods[ui->cur].id != e->period_id) {
		ui_msg(ui, 1, "the period changed under the editor: note not saved (Esc drops it)");
		return -1;
	}
	char *text = get_text(e);
	struct samm_change ch = { .item = e->item, .set_note = 1, .note = text };
	int rc = ui_apply(ui, &ch, 1, 1);
	free(text);
	if (rc)
		return -1;
	ui_msg(ui, 0, "note of %s saved", e->item);
	return 0;
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
	case UI_FN | KEY_DOWN: {
		int goal = e->goal_col >= 0 ? e->goal_col : col;
		size_t to = row;
		if (key == (UI_FN | KEY_UP) && row > 0)
			to = row - 1;
		else if (key == (UI_FN | KEY_DOWN) && row + 1 < n)
			to = row + 1;
		if (to != row) {
			size_t i = r[to].start;
			int c = 0;
			while (i < r[to].start + r[to].len && c + wcw(e, i) <= goal)
				c += wcw(e, i++);
			e->cur = i;
		}
		e->goal_col = goal;
		keep_goal = 1;
		break;
	}
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
			memmove(e->buf + e->cur, e->buf + e->cur + 1, (e->len - e->cur - 1) * sizeof *e->buf);
			e->len--;
		}
		break;
	case UI_FN | KEY_DC:
	case 4:                 /* ^D */
		if (e->cur < e->len) {
			memmove(e->buf + e->cur, e->buf + e->cur + 1, (e->len - e->cur - 1) * sizeof *e->buf);
			e->len--;
		}
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
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/sammtui-note-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);         /* 0600 */
	if (fd < 0) {
		ui_msg(ui, 1, "temporary file: %s", strerror(errno));
		return -1;
	}
	const char *old = ui->as->note[item] ? ui->as->note[item] : "";
	size_t ol = strlen(old);
	if ((ol && write(fd, old, ol) != (ssize_t)ol) || (ol && write(fd, "\n", 1) != 1)) {
		close(fd);
		unlink(path);
		ui_msg(ui, 1, "temporary file: %s", strerror(errno));
		return -1;
	}
	close(fd);
	char id[128];
	samm_utf8_copy(id, sizeof id, ui->as->model->items[item].id);

	def_prog_mode();
	endwin();
	pid_t pid = fork();
	int status = -1;
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		setenv("SAMMTUI_EDITOR_CMD", ed, 1);
		execl("/bin/sh", "sh", "-c", "exec $SAMMTUI_EDITOR_CMD \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	/* Ctrl-C in the editor belongs to the editor, not to us. */
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_msg(ui, 1, "the editor failed (status %d): note not changed; kept in %s",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1, path);
		return -1;
	}
	FILE *fp = fopen(path, "r");
	if (!fp) {
		ui_msg(ui, 1, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* Read no further than a little past the limit (the final newlines
	 * an editor adds are dropped below): a longer note is refused, and
	 * the file kept, whatever its size. */
	size_t cap = 0, len = 0, got;
	char *text = NULL;
	do {
		ui_grow((void **)&text, &cap, len + 4096, 1);
		got = fread(text + len, 1, cap - len - 1, fp);
		len += got;
	} while (got > 0 && len <= SAMM_NOTE_MAX + 64);
	fclose(fp);
	text[len] = 0;
	if (len > SAMM_NOTE_MAX + 64) {
		free(text);
		ui_msg(ui, 1, "the note is larger than the %d KB limit: not changed; kept in %s",
		       SAMM_NOTE_MAX >> 10, path);
		return -1;
	}
	/* Editors end the file with a newline the note did not have. */
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = 0;
	int rc = 0;
	if (strcmp(text, old)) {
		struct samm_change ch = { .item = id, .set_note = 1, .note = text };
		rc = ui_apply(ui, &ch, 1, 1);
		if (rc == 0)
			ui_msg(ui, 0, "note of %s saved", id);
	} else {
		ui_msg(ui, 0, "note not changed");
	}
	free(text);
	if (rc == 0)
		unlink(path);
	else {
		char why[sizeof ui->msg];
		samm_utf8_copy(why, sizeof why, ui->msg);
		ui_msg(ui, 1, "%s; your text is kept in %s", why, path);
	}
	return rc;
}
