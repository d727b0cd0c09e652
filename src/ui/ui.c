/* ui.c - the screens' framework: start-up, the data every view reads,
 * changes and undo, the main loop and the global keys. */
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/vec.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

const struct ui_view_ops *const ui_views[UI_V_COUNT] = {
	[UI_V_SCORE] = &ui_view_scorecard,
	[UI_V_ASSESS] = &ui_view_assess,
	[UI_V_DIFF] = &ui_view_diff,
	[UI_V_STAG] = &ui_view_stagnant,
	[UI_V_HIST] = &ui_view_history,
	[UI_V_ROAD] = &ui_view_roadmap,
	[UI_V_PROJ] = &ui_view_projects,
};

static volatile sig_atomic_t quit_signal;

/* Monotonic milliseconds, for SAMMTUI_TIMING (start-up and key costs). */
static double ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static int curses_on;

/* ---- Helpers -------------------------------------------------------------- */

void ui_die(const char *fmt, ...)
{
	va_list ap;
	if (curses_on)
		endwin();
	curses_on = 0;
	fputs("sammtui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *ui_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ui_die("out of memory");
	return p;
}

void *ui_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ui_die("out of memory");
	return p;
}

void ui_grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (samm_grow(p, cap, need, size))
		ui_die("out of memory");
}

void *ui_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		ui_die("out of memory");
	return p;
}

char *ui_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(ui_xmalloc(n), s, n);
}

int ui_contains(const char *hay, const char *needle)
{
	if (!hay || !needle)
		return 0;
	size_t n = strlen(needle);
	if (!n)
		return 1;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

const char *ui_value_short(int v)
{
	switch (v) {
	case SAMM_NO: return "No";
	case SAMM_SOME: return "Some";
	case SAMM_HALF: return "Half";
	case SAMM_MOST: return "Most";
	case SAMM_NA: return "N/A";
	default: return "-";
	}
}

const char *ui_value_label(const struct samm_model *m, int act, int v)
{
	if (v >= SAMM_NO && v <= SAMM_MOST && m && act >= 0 && m->activities[act].answers[v])
		return m->activities[act].answers[v];
	return ui_value_short(v);
}

void ui_fmt_score(char *buf, size_t size, double x)
{
	snprintf(buf, size, "%.2f", x + 0.0);
}

void ui_msg(struct ui *ui, int err, const char *fmt, ...)
{
	char tmp[sizeof ui->msg + 8];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	samm_utf8_copy(ui->msg, sizeof ui->msg, tmp);   /* whole characters */
	ui->msg_err = err;
}

void ui_msg_err(struct ui *ui, const struct samm_error *err)
{
	if (err->code == SAMM_READONLY)
		ui_msg(ui, 1, "read-only database: change refused");
	else
		ui_msg(ui, 1, "%s", err->msg);
}

const struct samm_model *ui_model(const struct ui *ui)
{
	return ui->as ? ui->as->model : NULL;
}

/* ---- Lists ------------------------------------------------------------------- */

void ui_list_place(struct ui_list *l, int y, int h)
{
	l->y = y;
	l->h = h;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (h <= 0)
		return;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top > l->n - h)
		l->top = l->n - h;
	if (l->top < 0)
		l->top = 0;
}

int ui_list_nav(struct ui *ui, struct ui_list *l, int action)
{
	int page = l->h > 1 ? l->h - 1 : 1;
	switch (action) {
	case UI_A_UP: l->sel--; break;
	case UI_A_DOWN: l->sel++; break;
	case UI_A_PGUP: l->sel -= page; l->top -= page; break;
	case UI_A_PGDN: l->sel += page; l->top += page; break;
	case UI_A_HOME: l->sel = 0; break;
	case UI_A_END: l->sel = l->n - 1; break;
	case UI_A_MOUSE:
		if (ui->mouse_y < l->y || ui->mouse_y >= l->y + l->h ||
		    l->top + ui->mouse_y - l->y >= l->n)
			return 0;
		l->sel = l->top + ui->mouse_y - l->y;
		break;
	default:
		return 0;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top < 0)
		l->top = 0;
	ui_list_place(l, l->y, l->h);
	return 1;
}


/* ---- Views and global keys ----------------------------------------------------- */

void ui_set_view(struct ui *ui, int view)
{
	ui->view = view;
	if (ui->as)
		ui_views[view]->rebuild(ui, ui->view_priv[view]);
}

static void refresh_view(struct ui *ui)
{
	if (ui->as)
		ui_views[ui->view]->rebuild(ui, ui->view_priv[ui->view]);
}

static void do_search(struct ui *ui, int dir, int ask)
{
	if (ask) {
		/* An empty answer repeats the last search. */
		char buf[sizeof ui->search] = "";
		if (!ui_prompt(ui, "Search ids and texts (Enter alone: the last one):", buf, sizeof buf))
			return;
		if (buf[0])
			samm_utf8_copy(ui->search, sizeof ui->search, buf);
	}
	if (!ui->search[0]) {
		ui_msg(ui, 0, "no search yet: press /");
		return;
	}
	if (!ui_views[ui->view]->search || !ui->as) {
		ui_msg(ui, 1, "no search in this view");
		return;
	}
	if (!ui_views[ui->view]->search(ui, ui->view_priv[ui->view], ui->search, dir))
		ui_msg(ui, 1, "not found: %s", ui->search);
	else
		ui_msg(ui, 0, "/%s  (] or n: next, [ or N: previous)", ui->search);
}

static void pick_period(struct ui *ui)
{
	/* The periods as listed: ui->periods may change under the dialog
	 * (ui_poll_external). */
	size_t np = ui->n_periods;
	int n = (int)np + (ui->readonly ? 0 : 1);
	const char **items = ui_xcalloc((size_t)n + 1, sizeof *items);
	char **bufs = ui_xcalloc((size_t)n + 1, sizeof *bufs);
	int64_t *ids = ui_xcalloc(np + 1, sizeof *ids);
	for (size_t i = 0; i < np; i++) {
		ids[i] = ui->periods[i].id;
		bufs[i] = ui_xmalloc(128);
		snprintf(bufs[i], 128, "%s  %s%s", ui->periods[i].name, ui->periods[i].date,
			 i + 1 == ui->n_periods ? "  (latest)" : "");
		items[i] = bufs[i];
	}
	if (!ui->readonly)
		items[np] = "+ New period (copies the latest)";
	int r = ui_dialog_list(ui, "Period", items, n, (int)ui->cur);
	for (int i = 0; i < n; i++)
		free(bufs[i]);
	free(bufs);
	free(items);
	if (r >= 0 && (size_t)r == np) {
		ui_period_new(ui);
	} else if (r >= 0) {
		ui->want_period = ids[r];
		ui_reload(ui);
	}
	free(ids);
}

static void pick_scope(struct ui *ui)
{
	struct samm_scope *sc = NULL;
	size_t n = 0;
	struct samm_error err;
	if (samm_store_scope_list(ui->st, &sc, &n, &err)) {
		ui_msg(ui, 1, "%s", err.msg);
		return;
	}
	int nn = (int)n + (ui->readonly ? 0 : 1), sel = 0;
	const char **items = ui_xcalloc((size_t)nn + 1, sizeof *items);
	for (size_t i = 0; i < n; i++) {
		items[i] = sc[i].name;
		if (sc[i].id == ui->scope.id)
			sel = (int)i;
	}
	if (!ui->readonly)
		items[n] = "+ New scope";
	int r = ui_dialog_list(ui, "Scope", items, nn, sel);
	free(items);
	struct samm_scope chosen;
	if (r >= 0 && (size_t)r < n) {
		chosen = sc[r];
	} else if (r >= 0) {
		char name[128] = "";
		if (!ui_prompt(ui, "Name of the new scope:", name, sizeof name) || !name[0]) {
			samm_scope_list_free(sc, n);
			return;
		}
		if (samm_store_scope_new(ui->st, name, &chosen, &err)) {
			ui_msg(ui, 1, "%s", err.msg);
			samm_scope_list_free(sc, n);
			return;
		}
		char q[16];
		struct samm_period p;
		samm_quarter_name(q, sizeof q);
		if (samm_store_period_new(ui->st, chosen.id, q, NULL, SAMM_FROM_NOTHING, 0, 0, &p, &err))
			ui_msg(ui, 1, "%s", err.msg);
	} else {
		samm_scope_list_free(sc, n);
		return;
	}
	samm_scope_list_free(sc, n);
	ui->scope = chosen;
	ui->n_periods = 0;
	ui->diff_old = -1;
	ui_reload(ui);
	ui_msg(ui, 0, "scope %s", chosen.name);
}

/* Global actions: what the view left. */
static enum ui_result global_key(struct ui *ui, int action)
{
	switch (action) {
	case UI_A_QUIT: return UI_QUIT;
	case UI_A_NEXT_VIEW: ui_set_view(ui, (ui->view + 1) % UI_V_COUNT); return UI_REDRAW;
	case UI_A_PREV_VIEW: ui_set_view(ui, (ui->view + UI_V_COUNT - 1) % UI_V_COUNT); return UI_REDRAW;
	case UI_A_V_SCORE: ui_set_view(ui, UI_V_SCORE); return UI_REDRAW;
	case UI_A_V_ASSESS: ui_set_view(ui, UI_V_ASSESS); return UI_REDRAW;
	case UI_A_V_DIFF: ui_set_view(ui, UI_V_DIFF); return UI_REDRAW;
	case UI_A_V_STAG: ui_set_view(ui, UI_V_STAG); return UI_REDRAW;
	case UI_A_V_HIST: ui_set_view(ui, UI_V_HIST); return UI_REDRAW;
	case UI_A_V_PROJ: ui_set_view(ui, UI_V_PROJ); return UI_REDRAW;
	case UI_A_V_ROAD: ui_set_view(ui, UI_V_ROAD); return UI_REDRAW;
	case UI_A_HELP: ui_help(ui); return UI_REDRAW;
	case UI_A_REDRAW: clearok(curscr, TRUE); return UI_RELOAD;
	case UI_A_UNDO: ui_undo_last(ui); refresh_view(ui); return UI_REDRAW;
	case UI_A_PERIOD: pick_period(ui); refresh_view(ui); return UI_REDRAW;
	case UI_A_SCOPE: pick_scope(ui); refresh_view(ui); return UI_REDRAW;
	case UI_A_SEARCH: do_search(ui, 1, 1); return UI_REDRAW;
	case UI_A_NEXT: do_search(ui, 1, 0); return UI_REDRAW;
	case UI_A_PREV: do_search(ui, -1, 0); return UI_REDRAW;
	default:
		return UI_HANDLED;
	}
}

/* A key no binding of this view knows: say where it works, if anywhere. */
static enum ui_result other_view_key(struct ui *ui, int key)
{
	static const struct { int scope; const char *where; } other[] = {
		{ UI_KS_ASSESS, "the Assessment view (a)" },
		{ UI_KS_PROJ, "the Projects view (P)" },
		{ UI_KS_DIFF, "the Diff view (d)" },
		{ UI_KS_ROAD, "the Roadmap view (R)" },
	};
	if (ui_key_action(UI_KS_EDITOR, key) != UI_A_NONE)
		return UI_HANDLED;      /* Esc, ^S: nothing to say */
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		if (!(ui_views[ui->view]->key_scope & other[i].scope) &&
		    ui_key_action(other[i].scope, key) != UI_A_NONE) {
			ui_msg(ui, 0, "that key works in %s", other[i].where);
			return UI_REDRAW;
		}
	return UI_HANDLED;
}

/* ---- Input ----------------------------------------------------------------------- */

int ui_getkey(struct ui *ui, int *key)
{
	wint_t wc;
	(void)ui;
	if (quit_signal)
		return -1;
	int r = get_wch(&wc);
	if (quit_signal)
		return -1;
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			*key = UI_KEY_ENTER;
		else
			*key = UI_FN | (int)wc;
	} else {
		*key = wc == '\r' ? UI_KEY_ENTER : (int)wc;
	}
	return 1;
}

int ui_poll_external(struct ui *ui)
{
	int64_t v = samm_store_data_version(ui->st);
	if (v == ui->data_version)
		return 0;
	ui_reload(ui);
	refresh_view(ui);
	return 1;
}

static enum ui_result dispatch(struct ui *ui, int key)
{
	if (key == (UI_FN | KEY_MOUSE)) {
		/* A click comes as a press and a release (mouseinterval(0)):
		 * act on the press only, or a click on a line would select it
		 * and then act on it as on the selected line. */
		MEVENT ev;
		if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			return UI_HANDLED;
		ui->mouse_y = ev.y;
		ui->mouse_x = ev.x;
		if (ev.y == 0)
			return UI_HANDLED;
		return ui->as ? ui_views[ui->view]->key(ui, ui->view_priv[ui->view], UI_A_MOUSE, key)
			      : UI_HANDLED;
	}
	if (ui->ed)
		return ui_editor_key(ui, key);
	int action = ui_key_action(ui_views[ui->view]->key_scope, key);
	enum ui_result r = UI_NOT_MINE;
	if (ui->as)
		r = ui_views[ui->view]->key(ui, ui->view_priv[ui->view], action, key);
	if (r == UI_NOT_MINE && action != UI_A_NONE)
		r = global_key(ui, action);
	else if (r == UI_NOT_MINE)
		r = other_view_key(ui, key);
	return r;
}

static void on_signal(int sig)
{
	quit_signal = sig;
}

/* ---- Start-up ---------------------------------------------------------------------- */

/* The database ready to work in (app_prepare: a fresh one gets the bundled
 * model, a scope without periods one named after the quarter).  Before
 * initscr, so errors go to stderr. */
static int prepare(struct ui *ui, struct app_ctx *ctx)
{
	int rc = app_prepare(ctx, &ui->scope);
	if (rc)
		return rc;
	ui->st = ctx->st;
	ui->readonly = samm_store_is_readonly(ui->st);
	ui->user = app_user(ctx);
	return 0;
}

static void curses_start(struct ui *ui)
{
	if (!initscr())
		ui_die("cannot initialise the terminal");
	curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* Ctrl-S saves a note: take it from the terminal's flow control. */
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	/* Home and End as tmux, screen and rxvt send them, whatever the
	 * terminfo entry says. */
	static const struct { const char *seq; int key; } extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME },
		{ "\033[8~", KEY_END }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
	timeout(300);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	ui_looks_init(ui);
}

/* SAMMTUI_TIMING: the first screen's and the slowest key's costs. */
struct run_timing {
	double start, first, key_max;
};

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Everything before the first key: the data, the signals, the terminal. */
static int run_setup(struct ui *ui, struct app_ctx *ctx)
{
	memset(ui, 0, sizeof *ui);
	ui->ctx = ctx;
	ui->sel_item = -1;
	ui->diff_old = -1;
	for (int v = 0; v < UI_V_COUNT; v++)
		ui->view_priv[v] = ui_xcalloc(1, ui_views[v]->private_size ? ui_views[v]->private_size : 1);
	/* the locale is main()'s (app_init): numbers keep their decimal point */
	const char *cs = nl_langinfo(CODESET);
	ui->utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));

	int rc = prepare(ui, ctx);
	if (rc) {
		samm_store_close(ctx->st);
		ctx->st = NULL;
		return rc;
	}
	catch_signals();
	ui_reload(ui);
	curses_start(ui);
	ui_set_view(ui, UI_V_SCORE);
	ui_note_notice(ui);
	return 0;
}

/* Keys until q or a quit signal. */
static void run_loop(struct ui *ui, struct run_timing *tm)
{
	int need_draw = 1;
	while (!ui->quit) {
		int key;
		if (need_draw) {
			ui_draw(ui);
			if (tm->first == 0)
				tm->first = ms_now();
		}
		need_draw = 0;
		int r = ui_getkey(ui, &key);
		double t_key = ms_now();
		if (r < 0)
			return;
		if (r == 0) {
			need_draw = ui_poll_external(ui);
			continue;
		}
		need_draw = 1;
		if (key == (UI_FN | KEY_RESIZE))
			continue;
		if (ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS) {
			if (key == 'q' && !ui->ed)
				return;
			continue;
		}
		ui->msg[0] = 0;
		switch (dispatch(ui, key)) {
		case UI_QUIT:
			ui->quit = 1;
			break;
		case UI_RELOAD:
			ui_reload(ui);
			refresh_view(ui);
			break;
		case UI_HANDLED:
		case UI_REDRAW:
		case UI_NOT_MINE:
			break;
		}
		if (!ui->quit) {
			ui_draw(ui);
			need_draw = 0;
			if (ms_now() - t_key > tm->key_max)
				tm->key_max = ms_now() - t_key;
		}
	}
}

/* The terminal back, everything freed, the store closed; the exit status. */
static int run_teardown(struct ui *ui, struct app_ctx *ctx, const struct run_timing *tm)
{
	endwin();
	curses_on = 0;
	/* Killed (SIGTERM, SIGHUP, Ctrl-C) while writing a note: keep what was
	 * typed rather than lose it; the change log keeps the note before. */
	if (ui->ed && quit_signal)
		ui_editor_quit(ui);
	ui_editor_free(ui);
	for (int v = 0; v < UI_V_COUNT; v++) {
		if (ui_views[v]->close)
			ui_views[v]->close(ui, ui->view_priv[v]);
		free(ui->view_priv[v]);
	}
	for (size_t i = 0; i < ui->n_undo; i++)
		ui_undo_entry_free(&ui->undo[i]);
	free(ui->undo);
	ui_data_free(ui);
	samm_period_list_free(ui->periods, ui->n_periods);
	/* main() returns right after: close here (and leave NULL behind). */
	samm_store_close(ctx->st);
	ctx->st = NULL;
	if (getenv("SAMMTUI_TIMING"))
		fprintf(stderr, "sammtui: first screen %.1f ms, slowest key %.1f ms\n",
			tm->first - tm->start, tm->key_max);
	if (quit_signal)
		return 128 + quit_signal;
	return 0;
}

int ui_run(struct app_ctx *ctx)
{
	struct ui ui;
	struct run_timing tm = { ms_now(), 0, 0 };
	int rc = ui_term_check();
	if (rc)
		return rc;
	rc = run_setup(&ui, ctx);
	if (rc)
		return rc;
	run_loop(&ui, &tm);
	return run_teardown(&ui, ctx, &tm);
}
