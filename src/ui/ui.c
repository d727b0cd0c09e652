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

static const struct ui_view_ops *const views[UI_V_COUNT] = {
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

/* ---- Data ------------------------------------------------------------------ */

static void data_free(struct ui *ui)
{
	samm_assessment_free(ui->as);
	ui->as = NULL;
	samm_scorecard_free(&ui->sc);
	memset(&ui->sc, 0, sizeof ui->sc);
	samm_targetcard_free(&ui->tc);
	memset(&ui->tc, 0, sizeof ui->tc);
	free(ui->targets);
	ui->targets = NULL;
	free(ui->prev_value);
	ui->prev_value = NULL;
	samm_trend_free(ui->trend);
	ui->trend = NULL;
	free(ui->trend_func);
	free(ui->trend_prac);
	ui->trend_func = ui->trend_prac = NULL;
	samm_stagnant_free(ui->stag);
	ui->stag = NULL;
	free(ui->stag_mark);
	ui->stag_mark = NULL;
}

static int trend_row(const struct samm_trend *t, enum samm_level level, const char *id)
{
	for (size_t i = 0; t && i < t->n_rows; i++)
		if (t->rows[i].level == level && !strcmp(t->rows[i].id, id))
			return (int)i;
	return -1;
}

/* The previous period's values aligned with the shown model (-2 absent). */
static void load_prev(struct ui *ui)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	ui->prev_value = ui_xmalloc(sizeof(int) * (size_t)(m->n_items ? m->n_items : 1));
	for (int i = 0; i < m->n_items; i++)
		ui->prev_value[i] = -2;
	if (ui->cur == 0)
		return;
	struct samm_assessment *p = NULL;
	if (samm_store_assessment_load(ui->st, ui->periods[ui->cur - 1].id, &p, &err))
		return;
	for (int i = 0; i < m->n_items; i++) {
		int j = p->model == m ? i : samm_model_find_item(p->model, m->items[i].id);
		if (j >= 0)
			ui->prev_value[i] = p->value[j];
	}
	samm_assessment_free(p);
}

/* Stagnation is about the scope's latest period: marks only show there. */
static void load_stagnant(struct ui *ui)
{
	struct samm_error err;
	const struct samm_model *m = ui->as->model;
	samm_stagnant_free(ui->stag);
	ui->stag = NULL;
	free(ui->stag_mark);
	ui->stag_mark = ui_xcalloc((size_t)(m->n_items ? m->n_items : 1), 1);
	/* The runs only for the Stagnant view (ui_stagnant_runs). */
	ui->stag_runs = ui->view == UI_V_STAG;
	if (samm_stagnant_compute_ex(ui->st, ui->scope.id, UI_STAG_WINDOW,
				     ui->stag_runs ? 0 : SAMM_STAG_WINDOW_ONLY, &ui->stag, &err)) {
		ui_msg(ui, 1, "stagnant: %s", err.msg);
		return;
	}
	if (ui->cur + 1 != ui->n_periods || ui->stag->model != m)
		return;
	for (size_t i = 0; i < ui->stag->n_items; i++)
		ui->stag_mark[ui->stag->items[i].item] = 1;
	for (size_t i = 0; i < ui->stag->n_regressed; i++)
		ui->stag_mark[ui->stag->regressed[i].item] = 2;
}

void ui_stagnant_runs(struct ui *ui)
{
	if (ui->as && !ui->stag_runs)
		load_stagnant(ui);
}

static void load_trend(struct ui *ui)
{
	struct samm_error err;
	const struct samm_model *m = ui->as->model;
	/* Only what the screens show: a long history would cost every
	 * period's values at each reload. */
	size_t to = ui->cur + 1, from = to > UI_TREND_PERIODS ? to - UI_TREND_PERIODS : 0;
	if (samm_trend_compute_range(ui->st, ui->scope.id, SAMM_L_PRACTICE, from, to,
				     &ui->trend, &err)) {
		ui->trend = NULL;
		ui_msg(ui, 1, "trend: %s", err.msg);
	}
	ui->trend_func = ui_xmalloc(sizeof(int) * (size_t)(m->n_functions + 1));
	ui->trend_prac = ui_xmalloc(sizeof(int) * (size_t)(m->n_practices + 1));
	ui->trend_overall = trend_row(ui->trend, SAMM_L_OVERALL, "overall");
	for (int f = 0; f < m->n_functions; f++)
		ui->trend_func[f] = trend_row(ui->trend, SAMM_L_FUNCTION, m->functions[f].name);
	for (int p = 0; p < m->n_practices; p++)
		ui->trend_prac[p] = trend_row(ui->trend, SAMM_L_PRACTICE, m->practices[p].code);
}

/* Put the shown period's fresh scores into the trend (its column only). */
static void patch_trend(struct ui *ui)
{
	const struct samm_model *m = ui->as->model;
	struct samm_trend *t = ui->trend;
	if (!t || ui->cur >= t->n_periods)
		return;
	size_t c = ui->cur;
	if (ui->trend_overall >= 0) {
		t->rows[ui->trend_overall].score[c] = ui->sc.overall.score;
		t->rows[ui->trend_overall].na[c] = (unsigned char)ui->sc.overall.na;
	}
	for (int f = 0; f < m->n_functions; f++)
		if (ui->trend_func[f] >= 0) {
			t->rows[ui->trend_func[f]].score[c] = ui->sc.function[f].score;
			t->rows[ui->trend_func[f]].na[c] = (unsigned char)ui->sc.function[f].na;
		}
	for (int p = 0; p < m->n_practices; p++)
		if (ui->trend_prac[p] >= 0) {
			t->rows[ui->trend_prac[p]].score[c] = ui->sc.practice[p].score;
			t->rows[ui->trend_prac[p]].na[c] = (unsigned char)ui->sc.practice[p].na;
		}
}

/* Reload the shown assessment and its scorecard only (after our change). */
static int load_current(struct ui *ui)
{
	struct samm_error err;
	struct samm_assessment *a = NULL;
	if (samm_store_assessment_load(ui->st, ui->periods[ui->cur].id, &a, &err)) {
		ui_msg(ui, 1, "%s", err.msg);
		return -1;
	}
	samm_assessment_free(ui->as);
	ui->as = a;
	samm_scorecard_free(&ui->sc);
	memset(&ui->sc, 0, sizeof ui->sc);
	/* as the scope counts them (partial when it leaves practices out) */
	if (samm_scope_scorecard(ui->st, ui->scope.id, a->model, a->value, &ui->sc, &err)) {
		ui_msg(ui, 1, "%s", err.msg);
		if (samm_scorecard_compute(a->model, a->value, &ui->sc))
			ui_die("out of memory");
	}
	ui_load_targets(ui);
	return 0;
}

void ui_load_targets(struct ui *ui)
{
	struct samm_error err;
	const struct samm_model *m = ui->as->model;
	free(ui->targets);
	ui->targets = ui_xmalloc(sizeof(int) * (size_t)(m->n_activities + 1));
	if (samm_target_load(ui->st, ui->periods[ui->cur].id, m, ui->targets, &err)) {
		/* Shown without targets rather than not at all. */
		for (int i = 0; i < m->n_activities; i++)
			ui->targets[i] = SAMM_UNSET;
		ui_msg(ui, 1, "targets: %s", err.msg);
	}
	samm_targetcard_free(&ui->tc);
	memset(&ui->tc, 0, sizeof ui->tc);
	if (samm_targetcard_compute(m, &ui->sc, ui->targets, &ui->tc))
		ui_die("out of memory");
}

void ui_reload(struct ui *ui)
{
	struct samm_error err;
	/* Whoever watches the latest period follows new ones. */
	int64_t cur_id = ui->want_period ? ui->want_period
		: ui->n_periods ? ui->periods[ui->cur].id : 0;
	int was_latest = !ui->want_period && (!ui->n_periods || ui->cur + 1 == ui->n_periods);
	ui->want_period = 0;
	const struct samm_model *old_model = ui_model(ui);
	const char *sel_id = NULL;
	char sel_buf[128] = "";
	if (old_model && ui->sel_item >= 0 && ui->sel_item < old_model->n_items) {
		samm_utf8_copy(sel_buf, sizeof sel_buf, old_model->items[ui->sel_item].id);
		sel_id = sel_buf;
	}

	ui->data_version = samm_store_data_version(ui->st);
	data_free(ui);
	samm_period_list_free(ui->periods, ui->n_periods);
	ui->periods = NULL;
	ui->n_periods = 0;
	if (samm_store_period_list(ui->st, ui->scope.id, &ui->periods, &ui->n_periods, &err)) {
		ui_msg(ui, 1, "%s", err.msg);
		return;
	}
	if (!ui->n_periods)
		return;
	ui->cur = ui->n_periods - 1;
	for (size_t i = 0; i < ui->n_periods && !was_latest; i++)
		if (ui->periods[i].id == cur_id)
			ui->cur = i;
	if (load_current(ui))
		return;
	load_prev(ui);
	load_trend(ui);
	load_stagnant(ui);
	ui->sel_item = sel_id ? samm_model_find_item(ui->as->model, sel_id) : -1;
	if (ui->diff_old >= (int)ui->n_periods)
		ui->diff_old = -1;
}

/* ---- Changes and undo ------------------------------------------------------- */

static void undo_entry_free(struct ui_undo *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->items[i].id);
		free(u->items[i].note);
		free(u->items[i].set_note);
	}
	free(u->items);
}

/* "bob changed G-SM-1-A.1 to most since; WHAT": the conflict in words. */
static void conflict_msg(struct ui *ui, const struct samm_conflict *cf, const char *what)
{
	const char *by = cf->by[0] ? cf->by : "someone";
	const char *v = samm_value_name(cf->value);
	if (cf->note_differs)
		ui_msg(ui, 1, "%s changed the note of %s since; %s", by, cf->item, what);
	else
		ui_msg(ui, 1, "%s changed %s to %s since; %s", by, cf->item, *v ? v : "unanswered",
		       what);
}

/* Each change expects what the screen shows (unless the caller chose). */
static struct samm_change *expect_shown(struct ui *ui, const struct samm_change *ch, size_t n)
{
	const struct samm_model *m = ui_model(ui);
	struct samm_change *c = ui_xcalloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i] = ch[i];
		int k = samm_model_find_item(m, ch[i].item);
		if (ch[i].check_old || k < 0)
			continue;
		if (ch[i].set_value) {
			c[i].check_old |= SAMM_CHECK_VALUE;
			c[i].old_value = ui->as->value[k];
		}
		if (ch[i].set_note) {
			c[i].check_old |= SAMM_CHECK_NOTE;
			c[i].old_note = ui->as->note[k];
		}
	}
	return c;
}

int ui_apply(struct ui *ui, const struct samm_change *ch, size_t n, int record_undo)
{
	return ui_apply_checked(ui, ch, n, record_undo, NULL);
}

int ui_apply_checked(struct ui *ui, const struct samm_change *ch, size_t n, int record_undo,
		     struct samm_conflict *cf)
{
	struct samm_error err;
	struct samm_conflict cf_own;
	const struct samm_model *m = ui_model(ui);
	if (!m || !n)
		return -1;
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return -1;
	}
	if (!cf)
		cf = &cf_own;
	struct ui_undo u = { ui->periods[ui->cur].id, NULL, 0 };
	if (record_undo) {
		u.items = ui_xcalloc(n, sizeof *u.items);
		for (size_t i = 0; i < n; i++) {
			int k = samm_model_find_item(m, ch[i].item);
			if (k < 0)
				continue;
			u.items[u.n].id = ui_xstrdup(ch[i].item);
			u.items[u.n].value = ui->as->value[k];
			u.items[u.n].note = ui_xstrdup(ui->as->note[k]);
			u.items[u.n].did_value = ch[i].set_value;
			u.items[u.n].did_note = ch[i].set_note;
			u.n++;
		}
	}
	int changed = 0;
	struct samm_change *c = expect_shown(ui, ch, n);
	enum samm_status rc = samm_store_apply_checked(ui->st, ui->periods[ui->cur].id, c, n,
						       ui->user, &changed, cf, &err);
	free(c);
	if (rc) {
		undo_entry_free(&u);
		if (rc != SAMM_CONFLICT) {
			ui_msg(ui, 1, "%s", err.msg);
			return -1;
		}
		/* Show what is there now, and who put it there. */
		ui_reload(ui);
		conflict_msg(ui, cf, "your change was not applied");
		return UI_CONFLICT;
	}
	/* Compute on change: this period's values and scores, its trend
	 * column, and stagnation (which looks at the latest periods). */
	if (load_current(ui) == 0 && ui->as->model == m) {
		patch_trend(ui);
		load_stagnant(ui);
	} else {
		ui_reload(ui);
	}
	ui->data_version = samm_store_data_version(ui->st);
	const struct samm_model *now = ui_model(ui);
	if (record_undo && changed && now) {
		/* What this screen left: undo applies only while it stays. */
		for (size_t i = 0; i < u.n; i++) {
			int k = samm_model_find_item(now, u.items[i].id);
			u.items[i].set_value = k >= 0 ? ui->as->value[k] : SAMM_UNSET;
			u.items[i].set_note = k >= 0 ? ui_xstrdup(ui->as->note[k]) : NULL;
		}
		ui_grow((void **)&ui->undo, &ui->cap_undo, ui->n_undo + 1, sizeof *ui->undo);
		ui->undo[ui->n_undo++] = u;
	} else {
		undo_entry_free(&u);
	}
	return 0;
}

static void undo_last(struct ui *ui)
{
	if (!ui->n_undo) {
		ui_msg(ui, 0, "nothing to undo");
		return;
	}
	struct ui_undo *u = &ui->undo[ui->n_undo - 1];
	size_t at = ui->n_periods;
	for (size_t i = 0; i < ui->n_periods; i++)
		if (ui->periods[i].id == u->period_id)
			at = i;
	if (at == ui->n_periods) {
		ui_msg(ui, 1, "undo: that period no longer exists");
		undo_entry_free(u);
		ui->n_undo--;
		return;
	}
	if (at != ui->cur) {
		ui->want_period = u->period_id;
		ui_reload(ui);
	}
	/* Only what this screen set is undone: each item must still hold
	 * the value and note this screen left there. */
	struct samm_change *ch = ui_xcalloc(u->n, sizeof *ch);
	for (size_t i = 0; i < u->n; i++) {
		const struct ui_undo_item *it = &u->items[i];
		ch[i].item = it->id;
		ch[i].set_value = it->did_value;
		ch[i].value = it->value;
		ch[i].set_note = it->did_note;
		ch[i].note = it->note;
		ch[i].check_old = (it->did_value ? SAMM_CHECK_VALUE : 0) |
			(it->did_note ? SAMM_CHECK_NOTE : 0);
		ch[i].old_value = it->set_value;
		ch[i].old_note = it->set_note;
	}
	struct samm_conflict cf;
	int rc = ui_apply_checked(ui, ch, u->n, 0, &cf);
	if (rc == 0) {
		ui_msg(ui, 0, "undone: %s%s", u->n ? u->items[0].id : "",
		       u->n > 1 ? " and others" : "");
		const struct samm_model *m = ui_model(ui);
		if (m && u->n) {
			int k = samm_model_find_item(m, u->items[0].id);
			if (k >= 0)
				ui->sel_item = k;
		}
	} else if (rc == UI_CONFLICT) {
		/* It can never apply now: forget it, keep what the other set. */
		conflict_msg(ui, &cf, "nothing undone");
	}
	if (rc == 0 || rc == UI_CONFLICT) {
		undo_entry_free(u);
		ui->n_undo--;
	}
	free(ch);
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

/* ---- Drawing ------------------------------------------------------------------ */

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
		snprintf(b, size, "[%s]", views[v]->name);
	else if (level == 0)
		snprintf(b, size, " %s ", views[v]->name);
	else if (level == 1)
		snprintf(b, size, " %.3s ", views[v]->name);
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
	/* Every view's tab on the right: the other views' names shortened
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
	snprintf(b, sizeof b, "?:help  Tab:views  p:period  S:scope  /:search  u:undo  q:quit%s%s",
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
		views[ui->view]->draw(ui, ui->view_priv[ui->view], 1, ui->rows - 2, ui->cols);
	else
		ui_text(2, 1, ui->cols - 2, "This scope has no period yet: press p to create one.", 0);
	draw_status(ui);
	/* Last, so that drawing the status line does not carry it away. */
	if (ui->cursor_y >= 0)
		move(ui->cursor_y, ui->cursor_x);
	refresh();
}

/* ---- Views and global keys ----------------------------------------------------- */

void ui_set_view(struct ui *ui, int view)
{
	ui->view = view;
	if (ui->as)
		views[view]->rebuild(ui, ui->view_priv[view]);
}

static void refresh_view(struct ui *ui)
{
	if (ui->as)
		views[ui->view]->rebuild(ui, ui->view_priv[ui->view]);
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
	if (!views[ui->view]->search || !ui->as) {
		ui_msg(ui, 1, "no search in this view");
		return;
	}
	if (!views[ui->view]->search(ui, ui->view_priv[ui->view], ui->search, dir))
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
	case UI_A_UNDO: undo_last(ui); refresh_view(ui); return UI_REDRAW;
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
		if (!(views[ui->view]->key_scope & other[i].scope) &&
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
		return ui->as ? views[ui->view]->key(ui, ui->view_priv[ui->view], UI_A_MOUSE, key)
			      : UI_HANDLED;
	}
	if (ui->ed)
		return ui_editor_key(ui, key);
	int action = ui_key_action(views[ui->view]->key_scope, key);
	enum ui_result r = UI_NOT_MINE;
	if (ui->as)
		r = views[ui->view]->key(ui, ui->view_priv[ui->view], action, key);
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

int ui_run(struct app_ctx *ctx)
{
	struct ui ui;
	double t_start = ms_now(), t_first = 0, t_key_max = 0;
	int rc = ui_term_check();
	if (rc)
		return rc;
	memset(&ui, 0, sizeof ui);
	ui.ctx = ctx;
	ui.sel_item = -1;
	ui.diff_old = -1;
	for (int v = 0; v < UI_V_COUNT; v++)
		ui.view_priv[v] = ui_xcalloc(1, views[v]->private_size ? views[v]->private_size : 1);
	/* the locale is main()'s (app_init): numbers keep their decimal point */
	const char *cs = nl_langinfo(CODESET);
	ui.utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));

	rc = prepare(&ui, ctx);
	if (rc) {
		samm_store_close(ctx->st);
		ctx->st = NULL;
		return rc;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ui_reload(&ui);
	curses_start(&ui);
	ui_set_view(&ui, UI_V_SCORE);
	ui_note_notice(&ui);

	int need_draw = 1;
	while (!ui.quit) {
		int key;
		if (need_draw) {
			ui_draw(&ui);
			if (t_first == 0)
				t_first = ms_now();
		}
		need_draw = 0;
		int r = ui_getkey(&ui, &key);
		double t_key = ms_now();
		if (r < 0)
			break;
		if (r == 0) {
			need_draw = ui_poll_external(&ui);
			continue;
		}
		need_draw = 1;
		if (key == (UI_FN | KEY_RESIZE))
			continue;
		if (ui.rows < UI_MIN_ROWS || ui.cols < UI_MIN_COLS) {
			if (key == 'q' && !ui.ed)
				break;
			continue;
		}
		ui.msg[0] = 0;
		switch (dispatch(&ui, key)) {
		case UI_QUIT:
			ui.quit = 1;
			break;
		case UI_RELOAD:
			ui_reload(&ui);
			refresh_view(&ui);
			break;
		case UI_HANDLED:
		case UI_REDRAW:
		case UI_NOT_MINE:
			break;
		}
		if (!ui.quit) {
			ui_draw(&ui);
			need_draw = 0;
			if (ms_now() - t_key > t_key_max)
				t_key_max = ms_now() - t_key;
		}
	}

	endwin();
	curses_on = 0;
	/* Killed (SIGTERM, SIGHUP, Ctrl-C) while writing a note: keep what was
	 * typed rather than lose it; the change log keeps the note before. */
	if (ui.ed && quit_signal)
		ui_editor_quit(&ui);
	ui_editor_free(&ui);
	for (int v = 0; v < UI_V_COUNT; v++) {
		if (views[v]->close)
			views[v]->close(&ui, ui.view_priv[v]);
		free(ui.view_priv[v]);
	}
	for (size_t i = 0; i < ui.n_undo; i++)
		undo_entry_free(&ui.undo[i]);
	free(ui.undo);
	data_free(&ui);
	samm_period_list_free(ui.periods, ui.n_periods);
	/* main() returns right after: close here (and leave NULL behind). */
	samm_store_close(ctx->st);
	ctx->st = NULL;
	if (getenv("SAMMTUI_TIMING"))
		fprintf(stderr, "sammtui: first screen %.1f ms, slowest key %.1f ms\n",
			t_first - t_start, t_key_max);
	if (quit_signal)
		return 128 + quit_signal;
	return 0;
}
