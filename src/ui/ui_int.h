/* ui_int.h - the screens' internal framework, shared by the files of src/ui only.
 *
 * struct ui holds everything the views show, computed when data changes
 * (load, a change of ours, an external change), never while drawing:
 * the shown period's assessment and scorecard, the trend over all periods,
 * the previous period's values (for "changed" marks) and the stagnation
 * analysis.  Views keep their own rows (built in their refresh callback)
 * and only read struct ui. */
#ifndef SAMM_UI_INT_H
#define SAMM_UI_INT_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include "app/app.h"
#include "samm/analysis.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/score.h"
#include "samm/store.h"

/* Looks (attributes) of drawn text; see ui_look(). */
enum ui_look {
	UI_L_NORMAL, UI_L_TITLE, UI_L_STATUS, UI_L_ERROR, UI_L_SEL, UI_L_ESC,
	UI_L_DIM, UI_L_HEAD, UI_L_GOOD, UI_L_MID, UI_L_BAD, UI_L_MARK, UI_L_COUNT
};

/* ---- Keys ----------------------------------------------------------------- */

/* Where an action's keys are bound: a view's own keys are looked up before
 * the global ones, so `n` is N/A in Assessment and "next match" elsewhere. */
enum {
	UI_KS_GLOBAL = 1 << 0,
	UI_KS_ASSESS = 1 << 1,
	UI_KS_DIFF   = 1 << 2,
	UI_KS_EDITOR = 1 << 3,
	UI_KS_PROJ   = 1 << 4,
	UI_KS_ROAD   = 1 << 5,
};

/* THE key table: id, where bound, default keys (space-separated names:
 * a character, ^X, Up Down Left Right PgUp PgDn Home End Tab S-Tab Enter
 * Esc Space Del), help text.  Dispatch, the `?` screen and ui_print_keys() are
 * all generated from it.  Checklist for a new action: add a line here,
 * handle UI_A_<ID> in the view (or in ui.c for global ones). */
#define UI_KEY_LIST(_) \
	_(UP,        UI_KS_GLOBAL, "k Up",     "Move up") \
	_(DOWN,      UI_KS_GLOBAL, "j Down",   "Move down") \
	_(LEFT,      UI_KS_GLOBAL, "h Left",   "Collapse, or go to the parent line") \
	_(RIGHT,     UI_KS_GLOBAL, "l Right",  "Expand") \
	_(PGUP,      UI_KS_GLOBAL, "PgUp ^B",  "Page up") \
	_(PGDN,      UI_KS_GLOBAL, "PgDn ^F",  "Page down") \
	_(HOME,      UI_KS_GLOBAL, "g Home",   "First line") \
	_(END,       UI_KS_GLOBAL, "G End",    "Last line") \
	_(NEXT_VIEW, UI_KS_GLOBAL, "Tab",      "Next view") \
	_(PREV_VIEW, UI_KS_GLOBAL, "S-Tab",    "Previous view") \
	_(V_SCORE,   UI_KS_GLOBAL, "c",        "Scorecard view") \
	_(V_ASSESS,  UI_KS_GLOBAL, "a",        "Assessment view") \
	_(V_DIFF,    UI_KS_GLOBAL, "d",        "Diff view") \
	_(V_STAG,    UI_KS_GLOBAL, "s",        "Stagnant view") \
	_(V_HIST,    UI_KS_GLOBAL, "H",        "History view of the selected item") \
	_(V_PROJ,    UI_KS_GLOBAL, "P",        "Projects view") \
	_(V_ROAD,    UI_KS_GLOBAL, "R",        "Roadmap view: the latest scores beside each phase's projected scores") \
	_(SCORE0,    UI_KS_ASSESS, "0",        "Answer No; on an activity: all its criteria (a criterion moves on to the next line)") \
	_(SCORE1,    UI_KS_ASSESS, "1",        "Answer Some (0.25)") \
	_(SCORE2,    UI_KS_ASSESS, "2",        "Answer Half (0.5)") \
	_(SCORE3,    UI_KS_ASSESS, "3",        "Answer Most or all (1)") \
	_(NA,        UI_KS_ASSESS, "n",        "Toggle N/A") \
	_(CLEAR,     UI_KS_ASSESS, "x",        "Clear the answer") \
	_(EDIT,      UI_KS_ASSESS, "Enter e",  "Edit the note in place (other lines: expand/collapse)") \
	_(EXTEDIT,   UI_KS_ASSESS, "E",        "Edit the note in $VISUAL or $EDITOR") \
	_(FILTER,    UI_KS_ASSESS, "f",        "Cycle the filter: all, unscored, changed, stagnant") \
	_(LINK,      UI_KS_ASSESS, "L",        "Link the selected activity or criterion to a project, or unlink it (picker)") \
	_(TARGET,    UI_KS_ASSESS, "t",        "Set or clear the selected activity's target in the shown period (picker)") \
	_(CONFIRM,   UI_KS_ASSESS, "=",        "Confirm the value of a criterion to re-check (?, reworded by a new model) as it is; on an activity: its marked criteria") \
	_(P_NEW,     UI_KS_PROJ,   "+",        "Projects: create a project (name, owner)") \
	_(P_SHOW,    UI_KS_PROJ,   "Enter",    "Projects: show a project's activities, then and now; on an activity: go to it") \
	_(P_STATUS,  UI_KS_PROJ,   "m",        "Projects: change the status (picker)") \
	_(P_DELETE,  UI_KS_PROJ,   "D Del",    "Projects: delete the project (asks first)") \
	_(P_BACK,    UI_KS_PROJ,   "Esc",      "Projects: from a project back to the list") \
	_(OLD,       UI_KS_DIFF,   "o",        "Diff: pick the older period") \
	_(R_PHASE,   UI_KS_ROAD,   "o",        "Roadmap: pick the phase (picker; Left and Right step through them)") \
	_(R_TGT0,    UI_KS_ROAD,   "0",        "Roadmap: set the selected activity's target in the phase to No (a practice or function: all its activities)") \
	_(R_TGT1,    UI_KS_ROAD,   "1",        "Roadmap: target Some") \
	_(R_TGT2,    UI_KS_ROAD,   "2",        "Roadmap: target Half") \
	_(R_TGT3,    UI_KS_ROAD,   "3",        "Roadmap: target Most") \
	_(R_CLEAR,   UI_KS_ROAD,   "x",        "Roadmap: no target from this phase on") \
	_(R_NEW,     UI_KS_ROAD,   "+",        "Roadmap: add a phase (name, due date)") \
	_(OPEN,      UI_KS_GLOBAL, "Enter",    "Go to the selected item or practice in Assessment") \
	_(PERIOD,    UI_KS_GLOBAL, "p",        "Pick or create a period") \
	_(SCOPE,     UI_KS_GLOBAL, "S",        "Pick or create a scope") \
	_(SEARCH,    UI_KS_GLOBAL, "/",        "Search ids and texts") \
	_(NEXT,      UI_KS_GLOBAL, "] n",      "Next match (n is N/A in Assessment: use ])") \
	_(PREV,      UI_KS_GLOBAL, "[ N",      "Previous match") \
	_(UNDO,      UI_KS_GLOBAL, "u",        "Undo the last answer or note changed in this run (repeatable)") \
	_(REDRAW,    UI_KS_GLOBAL, "^L",       "Reread the database and redraw") \
	_(HELP,      UI_KS_GLOBAL, "?",        "This help") \
	_(QUIT,      UI_KS_GLOBAL, "q",        "Quit") \
	_(SAVE,      UI_KS_EDITOR, "^S",       "Note editor: save") \
	_(CANCEL,    UI_KS_EDITOR, "Esc",      "Note editor: cancel; dialogs: close")

/* What the screens show besides keys, explained in the `?` screen after
 * the keys (and in the man page's SCREENS section): a term, and its
 * explanation; an empty explanation makes the term a heading (an empty
 * term too: a blank line). */
#define UI_HELP_TERMS(_) \
	_("Scorecard columns", "") \
	_("Score",    "The maturity score, 0 to 3, in the shown period: a stream adds up its activities, practices, functions and Overall average what is under them (N/A: every criterion under it is N/A)") \
	_("Target",   "The target score from the activities' targets (t in Assessment); shown only when the period has targets, in green once reached") \
	_("0 .. 3",   "The score as a bar") \
	_("Delta",    "Change of the score since the previous period (= unchanged; empty in the first period)") \
	_("Trend",    "The score in each period up to the shown one, one cell per period, low to high; the shown period in bold") \
	_("Done",     "Share of the criteria answered (N/A counts as an answer)") \
	_("N/A",      "Share of the criteria marked N/A (not applicable)") \
	_("", "") \
	_("Assessment view", "") \
	_("(mixed)",  "An activity whose criteria have different answers; its score is that of the weakest criterion that applies") \
	_("Marks",    "* has a note   ~ changed since the previous period   ! stagnant   v regressed") \
	_("n/m",      "Criteria answered of all criteria under the line")

enum ui_action {
	UI_A_NONE = -1,
#define UI_ACTION_ENUM(id, ks, keys, help) UI_A_##id,
	UI_KEY_LIST(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	UI_A_MOUSE,             /* a click: ui->mouse_y/x */
	UI_A_COUNT
};

/* A key as read: a character, or a curses KEY_* code with UI_FN set. */
#define UI_FN 0x40000000
#define UI_KEY_ENTER '\n'
#define UI_KEY_ESC   27

/* The action bound to key in a view whose own keys are `scope` bits. */
int ui_key_action(int scope, int key);
/* "k, Up" of an action (static buffer). */
const char *ui_key_names(int action);
const char *ui_key_help(int action);
int ui_key_scope(int action);

/* ---- Views ---------------------------------------------------------------- */

enum ui_result {
	UI_NOT_MINE,    /* the framework should handle it */
	UI_HANDLED,     /* done, nothing to redraw */
	UI_REDRAW,      /* redraw the screen */
	UI_RELOAD,      /* reread the database, then redraw */
	UI_QUIT,
};

struct ui;

/* A view: its callbacks and the size of its private state, which the
 * framework allocates (zeroed) once per view at start, passes to every
 * callback as priv, and frees at exit after close (ui->view_priv[view]
 * for the view's own helpers). */
struct ui_view_ops {
	const char *name;
	int key_scope;          /* UI_KS_* bits of the view's own keys */
	size_t private_size;    /* bytes of the view's private state */
	/* (Re)build rows from struct ui, keeping the selection by id: called
	 * when the view is entered and after every data change. */
	void (*rebuild)(struct ui *ui, void *priv);
	/* Draw the body in rows [y, y + h) and w columns. Reads only. */
	void (*draw)(struct ui *ui, void *priv, int y, int h, int w);
	/* One action (UI_A_*), or UI_A_NONE with the raw key. */
	enum ui_result (*key)(struct ui *ui, void *priv, int action, int key);
	/* Search from the selection in direction dir (+1/-1); 1 when found. */
	int (*search)(struct ui *ui, void *priv, const char *needle, int dir);
	/* Free what the private state holds at exit. */
	void (*close)(struct ui *ui, void *priv);
};

extern const struct ui_view_ops ui_view_scorecard, ui_view_assess, ui_view_diff,
	ui_view_stagnant, ui_view_history, ui_view_projects, ui_view_roadmap;

enum { UI_V_SCORE, UI_V_ASSESS, UI_V_DIFF, UI_V_STAG, UI_V_HIST, UI_V_ROAD, UI_V_PROJ,
       UI_V_COUNT };

/* A scrolling list of n rows drawn in [y, y + h). */
struct ui_list {
	int n, sel, top;
	int y, h;               /* where it was last drawn (for clicks) */
};
/* Navigation keys and clicks; returns 1 when the action was one of them. */
int ui_list_nav(struct ui *ui, struct ui_list *l, int action);
/* Place the list in [y, y + h) and scroll so sel shows. */
void ui_list_place(struct ui_list *l, int y, int h);

/* Text lines for the Diff, Stagnant and History views (lines.c): each line
 * is a left text, an optional right-aligned text, a look, and the model
 * node Enter jumps to (level OVERALL: none).  The framework owns the
 * strings: ui_lines_clear() frees them. */
struct ui_line {
	char *text, *right;
	enum ui_look look;
	int bold;
	enum samm_level level;
	int index;
};
struct ui_lines {
	struct ui_line *v;
	int n;
	size_t cap;
	struct ui_list list;
	char sel_text[256];     /* kept across rebuilds */
};
void ui_lines_clear(struct ui_lines *L);
void ui_lines_add(struct ui_lines *L, enum ui_look look, int bold, enum samm_level level,
		  int index, const char *right, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* After rebuilding: select the line whose text was selected before. */
void ui_lines_done(struct ui_lines *L);
void ui_lines_draw(struct ui *ui, struct ui_lines *L, int y, int h, int w);
enum ui_result ui_lines_key(struct ui *ui, struct ui_lines *L, int action);
int ui_lines_search(struct ui_lines *L, const char *needle, int dir);

/* ---- Undo ------------------------------------------------------------------ */

/* An item as it was before a change (value, note) and as this screen left
 * it (set_value, set_note): undo applies only while it still is so, and
 * restores only what the change touched (did_value, did_note). */
struct ui_undo_item {
	char *id;
	int value;
	char *note;
	int set_value;
	char *set_note;
	int did_value, did_note;
};
struct ui_undo {
	int64_t period_id;
	struct ui_undo_item *items;
	size_t n;
};

/* ---- State ------------------------------------------------------------------ */

enum ui_filter { UI_F_ALL, UI_F_UNSCORED, UI_F_CHANGED, UI_F_STAGNANT, UI_F_COUNT };

struct ui_editor;

struct ui {
	struct app_ctx *ctx;
	struct samm_store *st;
	const char *user;
	int readonly;
	struct samm_scope scope;
	struct samm_period *periods; size_t n_periods;
	size_t cur;             /* index of the shown period in periods */
	int64_t want_period;    /* ui_reload: show this period (0: keep, or latest) */
	struct samm_assessment *as;     /* the shown period (NULL if none) */
	struct samm_scorecard sc;
	int *targets;           /* [n_activities] of the shown period, SAMM_UNSET where none */
	struct samm_targetcard tc;      /* targets rolled up beside sc */
	int *prev_value;        /* [n_items]: previous period's value, -2 absent/no previous */
	/* Down to practices; scored for the UI_TREND_PERIODS periods up to
	 * the shown one (all the sparkline and the delta read). */
	struct samm_trend *trend;
	int *trend_func, *trend_prac;   /* row index in trend per function/practice, -1 */
	int trend_overall;
	struct samm_stagnant *stag;     /* window UI_STAG_WINDOW */
	int stag_runs;          /* stag's runs go back past the window (ui_stagnant_runs) */
	unsigned char *stag_mark;       /* [n_items] 1 stagnant, 2 regressed (latest period shown) */
	int64_t data_version;

	int view;
	void *view_priv[UI_V_COUNT];    /* each view's private state */
	int sel_item;           /* item index last selected in Assessment (-1) */
	enum ui_filter filter;
	char search[128];
	struct ui_editor *ed;   /* the note editor, when open */
	int diff_old;           /* Diff: index of the older period, -1 = previous */

	struct ui_undo *undo; size_t n_undo, cap_undo;

	char msg[512]; int msg_err;
	int rows, cols;
	int utf8, color;
	int mouse_y, mouse_x;
	int cursor_y, cursor_x; /* where ui_draw leaves the terminal's cursor (-1: anywhere) */
	int quit;
};

#define UI_STAG_WINDOW 3
#define UI_TREND_PERIODS 24     /* the widest sparkline */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 15

/* Status line message (printf rules); err selects the error look. */
void ui_msg(struct ui *ui, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Data (data.c; ui_model in ui.c); changes and undo (undo.c). */
const struct samm_model *ui_model(const struct ui *ui);
/* Apply changes to the shown period: undo record, store, recompute.  A
 * change without check_old gets one: the value (note) it sets must still
 * be the one the screen shows.  0 ok; UI_CONFLICT when someone else
 * changed an item since (nothing written, *cf says who, the data reread,
 * a message on the status line); -1 on other errors.  cf may be NULL. */
#define UI_CONFLICT (-2)
int ui_apply_checked(struct ui *ui, const struct samm_change *ch, size_t n, int record_undo,
		     struct samm_conflict *cf);
int ui_apply(struct ui *ui, const struct samm_change *ch, size_t n, int record_undo);
/* Reread everything from the store (external change, new period). */
void ui_reload(struct ui *ui);
/* Reread the shown period's targets and roll them up (after `t`). */
void ui_load_targets(struct ui *ui);
/* Make ui->stag's runs go back past the window (the Stagnant view shows
 * them; elsewhere only which items are stagnant matters, and a long
 * history makes the walk cost). */
void ui_stagnant_runs(struct ui *ui);
/* Report a failed core call on the status line; a read-only store gets
 * the same words as a refused answer. */
void ui_msg_err(struct ui *ui, const struct samm_error *err);
/* Another connection changed the database: reread and rebuild the view,
 * keeping our place; 1 when it did.  Called on every input timeout, in
 * dialogs too: whatever a dialog's caller took from struct ui (periods,
 * names) may be gone when it returns, so callers keep copies. */
int ui_poll_external(struct ui *ui);
/* Switch views (refreshing the new one). */
void ui_set_view(struct ui *ui, int view);
/* Jump to an item (or node) in the Assessment view. */
void ui_assess_goto(struct ui *ui, enum samm_level level, int index);

/* Projects (view_projects.c): ask a name and an owner and create a
 * project in the shown scope; 0 and *out filled, or -1 (cancelled, or the
 * error is on the status line). */
int ui_project_create(struct ui *ui, struct samm_project *out);

/* The new-period dialog (newperiod.c): proposes the next quarter's name
 * and date (both editable), refuses a name the scope has before asking
 * anything else, then creates the period as a copy of the latest. */
void ui_period_new(struct ui *ui);

/* Modal dialogs (dialog.c).  They redraw the screen behind them. */
int ui_dialog_list(struct ui *ui, const char *title, const char *const *items, int n, int sel);
/* The same, where the keys 0 .. digits-1 choose the item of that index
 * at once (as 0-3 answer in the Assessment view). */
int ui_dialog_pick(struct ui *ui, const char *title, const char *const *items, int n, int sel,
		   int digits);
int ui_prompt(struct ui *ui, const char *title, char *buf, size_t size);
int ui_confirm(struct ui *ui, const char *question);
void ui_help(struct ui *ui);
/* Read one key with the poll timeout: 1 key, 0 timeout, -1 quit signal. */
int ui_getkey(struct ui *ui, int *key);
/* Draw the whole screen (title, view, status). */
void ui_draw(struct ui *ui);

/* Between the framework's files only (ui.c, data.c, undo.c, tabs.c). */
extern const struct ui_view_ops *const ui_views[UI_V_COUNT];
void ui_data_free(struct ui *ui);
/* Reload the shown assessment and its scorecard only (after our change). */
int ui_load_current(struct ui *ui);
/* Put the shown period's fresh scores into the trend (its column only). */
void ui_patch_trend(struct ui *ui);
void ui_load_stagnant(struct ui *ui);
void ui_undo_entry_free(struct ui_undo *u);
void ui_undo_last(struct ui *ui);
/* Before anything is opened or drawn (termcheck.c): 0 when standard input
 * and output are a terminal whose TERM can place the cursor and clear,
 * else one sentence on stderr and EXIT_USAGE. */
int ui_term_check(void);

/* Note editor (editor.c). */
void ui_editor_open(struct ui *ui, int item);
void ui_editor_free(struct ui *ui);
/* Save the editor's text as the note (it stays open); 0 on success. */
int ui_editor_save(struct ui *ui);
enum ui_result ui_editor_key(struct ui *ui, int key);
void ui_editor_draw(struct ui *ui, int y, int h, int w);
int ui_editor_external(struct ui *ui, int item);
/* The screens close on a signal with the editor open (after endwin): save
 * the text if the note is still what the editor began from, else keep it
 * in a private file; either way say so on stderr. */
void ui_editor_quit(struct ui *ui);

/* Notes kept outside the database (notefile.c). */
/* Create a private (0600) file for a note of item in the kept-notes folder
 * and put its name in path; the open descriptor, or -1 (errno). */
int ui_note_file(const char *item, char *path, size_t size);
/* Write texts[n] one after the other into a new such file; 0 or -1. */
int ui_note_keep(const char *item, const char *const *texts, size_t n, char *path, size_t size);
/* A file's text without its final newlines (malloc'd), or NULL (errno). */
char *ui_note_read(const char *path);
/* Run $VISUAL / $EDITOR (else vi) on path, the terminal handed over; 0
 * when it exited 0, else -1 with the reason on the status line. */
int ui_note_run_editor(struct ui *ui, const char *path);
/* At start: tell on the status line where kept notes wait. */
void ui_note_notice(struct ui *ui);

/* Text drawing (draw.c): UTF-8 with wcwidth; control characters, escape
 * sequences, bidirectional controls and invalid bytes drawn escaped (\x1b,
 * \u009b, \u202e: samm/esc.h) in the escape look, never sent raw; combining marks
 * drawn in their base's cell; zero-width format characters (U+200B ...)
 * not sent, so no terminal can give them a column. */
void ui_looks_init(struct ui *ui);
attr_t ui_look(enum ui_look l);
/* Draw s in one row from (y, x), at most w columns, truncated with an
 * ellipsis; newlines and tabs become spaces.  Returns the columns used. */
int ui_text(int y, int x, int w, const char *s, attr_t a);
/* Same as ui_text for the first n bytes only. */
int ui_textn(int y, int x, int w, const char *s, size_t n, attr_t a);
/* Display width of s as ui_text draws it. */
int ui_text_width(const char *s);
/* Word-wrapped into at most maxh rows; returns the rows used. */
int ui_wrap(int y, int x, int w, int maxh, const char *s, attr_t a);
/* The same from the skip-th row of the wrapped text on (a window on it);
 * returns the rows drawn. */
int ui_wrap_part(int y, int x, int w, int skip, int maxh, const char *s, attr_t a);
/* Rows ui_wrap would use (no limit). */
int ui_wrap_rows(int w, const char *s);
/* Fill a row with spaces in attribute a. */
void ui_fill(int y, int x, int w, attr_t a);
/* A horizontal line of w columns. */
void ui_hline(int y, int x, int w, attr_t a);
/* printf into a row (ASCII-safe formats only). */
int ui_printf(int y, int x, int w, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A bar of score 0..3 in w cells. */
void ui_bar(int y, int x, int w, double score, int utf8);
/* One sparkline cell for score 0..3. */
const char *ui_spark(double score, int utf8);
/* Display width of one wide character as drawn (escapes included; 0 for
 * a combining mark, which joins the character before it). */
int ui_wc_width(wchar_t wc);
/* Columns s[i] adds after s[0..i): as ui_wc_width, except that a mark
 * with no printable character before it (start, '\n', an escape) is drawn
 * on a space and takes one. */
int ui_wc_width_in(const wchar_t *s, size_t i);
/* 1 when wc takes no cell of its own (a combining mark or an invisible
 * format character): cursor keys step over it with the character before. */
int ui_wc_attaches(wchar_t wc);
/* Draw the n wide characters of s from (y, x) in at most w columns (no
 * ellipsis), marks joined to their base, controls escaped; returns the
 * columns used. */
int ui_put_wcs(int y, int x, int w, const wchar_t *s, size_t n, attr_t a);

/* Helpers. */
void *ui_xmalloc(size_t n);
void *ui_xcalloc(size_t n, size_t size);
void *ui_xrealloc(void *p, size_t n);
/* Room for need elements of size bytes in *p of capacity *cap
 * (samm_grow); dies when out of memory, as ui_xrealloc. */
void ui_grow(void **p, size_t *cap, size_t need, size_t size);
char *ui_xstrdup(const char *s);
/* Fatal: restore the terminal, print, exit 1. */
void ui_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* ASCII case-insensitive substring test. */
int ui_contains(const char *hay, const char *needle);
/* Short label of a value: "No" "Some" "Half" "Most" "N/A" "-". */
const char *ui_value_short(int v);
/* The model's answer label of a value for activity act ("N/A", "-"). */
const char *ui_value_label(const struct samm_model *m, int act, int v);
/* Score as "1.25" (2 decimals). */
void ui_fmt_score(char *buf, size_t size, double x);

#endif
