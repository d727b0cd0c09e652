/* view_roadmap.c - the Roadmap view (R): the latest period's figures beside
 * each phase's projected figures, from the same core call as `sammtui
 * roadmap` (samm_roadmap_compute), with the targets edited in place.
 *
 * Rows: overall, then each function, its practices and their activities.
 * Columns: NOW (the scope's latest period), then one per phase.  An
 * activity's cell is its target in that phase: bold with a '*' where the
 * phase sets it itself, dim where it is carried from a phase before.
 * Practice, function and overall cells are the projected scores.  One
 * phase is selected (Left/Right, or `o` for a picker, as `o` picks the
 * older period in Diff); `0`-`3` set the selected row's target in it (an
 * activity, or every activity of a practice or function), `x` clears it,
 * `+` adds a phase.  A scope that leaves practices out shows them dim and
 * marked "excluded", and says "partial". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

struct road {
	struct samm_roadmap *r;         /* NULL when it could not be computed */
	int **own;                      /* [n_phases][n_activities]: set by the phase */
	struct samm_ref *rows;          /* in r->model */
	struct ui_list list;
	int phase;                      /* selected phase, -1: none */
	int64_t phase_id;               /* kept across rebuilds */
	char sel_id[128];               /* the selected row's id, kept across rebuilds */
	char err[1024];                 /* why there is no roadmap */
};

#define RD_NOW_W 11     /* the NOW column: room for a date */
#define RD_COL_W 11     /* each phase column */

static void rd_free(struct road *R)
{
	if (R->r && R->own)
		for (size_t k = 0; k < R->r->n_phases; k++)
			free(R->own[k]);
	free(R->own);
	R->own = NULL;
	samm_roadmap_free(R->r);
	R->r = NULL;
	free(R->rows);
	R->rows = NULL;
	R->list.n = 0;
}

/* The practice a row belongs to, or -1 (overall, function). */
static int rd_practice(const struct samm_model *m, struct samm_ref ref)
{
	if (ref.level == SAMM_L_PRACTICE)
		return ref.index;
	if (ref.level == SAMM_L_ACTIVITY)
		return m->streams[m->activities[ref.index].stream].practice;
	return -1;
}

/* Left out of the scope: an excluded practice, its activities, or a
 * function all of whose practices are. */
static int rd_excluded(const struct samm_roadmap *r, struct samm_ref ref)
{
	int p = rd_practice(r->model, ref);
	if (ref.level == SAMM_L_FUNCTION)
		return r->fn_excluded && r->fn_excluded[ref.index];
	return p >= 0 && r->excluded && r->excluded[p];
}

static void rd_rows(struct road *R)
{
	const struct samm_model *m = R->r->model;
	size_t n = 0, cap = 1 + (size_t)m->n_functions + (size_t)m->n_practices +
		(size_t)m->n_activities;

	R->rows = ui_xcalloc(cap + 1, sizeof *R->rows);
	R->rows[n++] = (struct samm_ref){ SAMM_L_OVERALL, 0 };
	for (int f = 0; f < m->n_functions; f++) {
		R->rows[n++] = (struct samm_ref){ SAMM_L_FUNCTION, f };
		for (int p = m->functions[f].first_practice;
		     p < m->functions[f].first_practice + m->functions[f].n_practices; p++) {
			R->rows[n++] = (struct samm_ref){ SAMM_L_PRACTICE, p };
			/* activities in model order, which groups them by stream */
			for (int a = 0; a < m->n_activities; a++)
				if (m->streams[m->activities[a].stream].practice == p)
					R->rows[n++] = (struct samm_ref){ SAMM_L_ACTIVITY, a };
		}
	}
	R->list.n = (int)n;
	R->list.sel = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(samm_model_ref_id(m, R->rows[i]), R->sel_id))
			R->list.sel = (int)i;
}

static void rd_rebuild(struct ui *ui, void *priv)
{
	struct road *R = priv;
	struct samm_error err;

	rd_free(R);
	R->err[0] = '\0';
	if (samm_roadmap_compute(ui->st, ui->scope.id, &R->r, &err)) {
		snprintf(R->err, sizeof R->err, "%s", err.msg);
		R->r = NULL;
		R->phase = -1;
		return;
	}
	const struct samm_model *m = R->r->model;
	size_t np = R->r->n_phases;
	R->own = ui_xcalloc(np + 1, sizeof *R->own);
	int *tmp = ui_xcalloc((size_t)m->n_activities + 1, sizeof *tmp);
	for (size_t k = 0; k < np; k++) {
		R->own[k] = ui_xcalloc((size_t)m->n_activities + 1, sizeof **R->own);
		if (samm_phase_targets(ui->st, R->r->phases[k].phase.id, m, tmp, R->own[k], &err))
			memset(R->own[k], 0, ((size_t)m->n_activities + 1) * sizeof **R->own);
	}
	free(tmp);
	/* the same phase as before, else the first one */
	R->phase = np ? 0 : -1;
	for (size_t k = 0; k < np; k++)
		if (R->r->phases[k].phase.id == R->phase_id)
			R->phase = (int)k;
	R->phase_id = R->phase >= 0 ? R->r->phases[R->phase].phase.id : 0;
	rd_rows(R);
	ui_list_place(&R->list, R->list.y, R->list.h);
}

/* ---- Drawing ------------------------------------------------------------------------ */

/* The figure of a row in column c (0: now, k + 1: phase k) into b. */
static void rd_cell(const struct road *R, struct samm_ref ref, int c, char *b, size_t size,
		    int *own, int *dim)
{
	const struct samm_roadmap *r = R->r;
	double v = 0;

	*own = *dim = 0;
	if (ref.level == SAMM_L_ACTIVITY) {
		if (c == 0) {
			const struct samm_fig *f = &r->now.activity[ref.index];
			if (!r->latest.id)
				snprintf(b, size, "-");
			else if (f->na)
				snprintf(b, size, "N/A");
			else
				snprintf(b, size, "%s", ui_value_short(f->score > 0.75 ? SAMM_MOST
					 : f->score > 0.375 ? SAMM_HALF : f->score > 0.125 ? SAMM_SOME
					 : SAMM_NO));
			return;
		}
		int t = r->phases[c - 1].targets[ref.index];
		*own = R->own[c - 1][ref.index];
		*dim = !*own;
		snprintf(b, size, "%s%s", t == SAMM_UNSET ? "-" : ui_value_short(t), *own ? "*" : "");
		return;
	}
	if (c == 0 && !r->latest.id) {
		snprintf(b, size, "-");
		return;
	}
	if (c == 0) {
		v = samm_scorecard_get(&r->now, ref)->score;
	} else {
		const struct samm_roadmap_phase *ph = &r->phases[c - 1];
		v = ref.level == SAMM_L_OVERALL ? ph->overall
			: ref.level == SAMM_L_FUNCTION ? ph->function[ref.index]
			: ph->practice[ref.index];
	}
	ui_fmt_score(b, size, v);
}

/* The first phase column shown, so that the selected one fits in cols. */
static int rd_first(const struct road *R, int cols)
{
	int first = 0;
	if (cols < 1)
		cols = 1;
	if (R->phase >= cols)
		first = R->phase - cols + 1;
	return first;
}

static void rd_head(struct road *R, int y, int w, int nw, int first, int cols)
{
	const struct samm_roadmap *r = R->r;
	attr_t head = ui_look(UI_L_HEAD);
	char b[256];

	if (r->latest.id)
		snprintf(b, sizeof b, "Roadmap from %s (%s)", r->latest.name, r->latest.date);
	else
		snprintf(b, sizeof b, "Roadmap (no period yet: NOW is empty)");
	int x = 1 + ui_text(y, 1, w - 2, b, head | A_BOLD);
	if (r->n_excluded) {
		char ex[200] = "";
		size_t o = 0;
		for (int p = 0; p < r->model->n_practices && o + 8 < sizeof ex; p++)
			if (r->excluded[p])
				o += (size_t)snprintf(ex + o, sizeof ex - o, "%s%s", o ? ", " : "",
						      r->model->practices[p].code);
		snprintf(b, sizeof b, "  partial: excludes %s", ex);
		ui_text(y, x, w - x - 1, b, ui_look(UI_L_DIM));
	}
	ui_text(y + 1, 1, nw, "Function / practice / activity", head);
	ui_printf(y + 1, 1 + nw, RD_NOW_W, head, "%*s", RD_NOW_W, "NOW");
	ui_printf(y + 2, 1 + nw, RD_NOW_W, ui_look(UI_L_DIM), "%*s", RD_NOW_W,
		  r->latest.id ? r->latest.date : "");
	for (int k = first; k < first + cols && k < (int)r->n_phases; k++) {
		int cx = 1 + nw + RD_NOW_W + (k - first) * RD_COL_W + 1;
		attr_t a = head | (k == R->phase ? A_REVERSE : 0);
		ui_fill(y + 1, cx, RD_COL_W - 1, a);
		ui_text(y + 1, cx, RD_COL_W - 1, r->phases[k].phase.name, a);
		ui_text(y + 2, cx, RD_COL_W - 1, r->phases[k].phase.due,
			ui_look(UI_L_DIM) | (k == R->phase ? A_BOLD : 0));
	}
}

static void rd_row(struct road *R, int k, int row, int w, int nw, int first,
		   int cols)
{
	const struct samm_model *m = R->r->model;
	struct samm_ref ref = R->rows[k];
	int ex = rd_excluded(R->r, ref);
	attr_t a = k == R->list.sel ? ui_look(UI_L_SEL) : 0;
	attr_t base = a | (ex ? ui_look(UI_L_DIM) : 0);
	attr_t bold = ref.level == SAMM_L_OVERALL || ref.level == SAMM_L_FUNCTION ? A_BOLD : 0;
	char b[160];

	ui_fill(row, 0, w, a);
	int indent = ref.level == SAMM_L_OVERALL ? 1 : ref.level == SAMM_L_FUNCTION ? 1
		: ref.level == SAMM_L_PRACTICE ? 3 : 5;
	int x = indent;
	if (ref.level == SAMM_L_PRACTICE || ref.level == SAMM_L_ACTIVITY)
		x += 1 + ui_text(row, x, nw - x, samm_model_ref_id(m, ref), base | A_BOLD);
	const char *name = ref.level == SAMM_L_ACTIVITY ? m->activities[ref.index].title
		: samm_model_ref_name(m, ref);
	int mark_w = ex ? 9 : (ref.level == SAMM_L_OVERALL && R->r->n_excluded) ? 8 : 0;
	x += ui_text(row, x, nw - x - mark_w - 1, name, base | bold);
	if (ex)
		ui_text(row, x + 1, 8, "excluded", base);
	else if (mark_w)
		ui_text(row, x + 1, 7, "partial", base);
	int own, dim;
	rd_cell(R, ref, 0, b, sizeof b, &own, &dim);
	ui_printf(row, 1 + nw, RD_NOW_W, base | bold, "%*s", RD_NOW_W, b);
	for (int c = first; c < first + cols && c < (int)R->r->n_phases; c++) {
		rd_cell(R, ref, c + 1, b, sizeof b, &own, &dim);
		attr_t ca = base | bold | (own ? A_BOLD : 0) | (dim ? ui_look(UI_L_DIM) : 0);
		if (c == R->phase && !a)
			ca |= A_UNDERLINE;
		ui_printf(row, 1 + nw + RD_NOW_W + (c - first) * RD_COL_W, RD_COL_W, ca, "%*s",
			  RD_COL_W, b);
	}
}

static void rd_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct road *R = priv;

	(void)ui;
	if (!R->r) {
		ui_text(y + 1, 1, w - 2, R->err[0] ? R->err : "No roadmap.", ui_look(UI_L_ERROR));
		return;
	}
	int nw = w - 2 - RD_NOW_W - RD_COL_W * (int)(R->r->n_phases ? R->r->n_phases : 1);
	if (nw < 30)
		nw = 30;
	int cols = (w - 2 - nw - RD_NOW_W) / RD_COL_W;
	int first = rd_first(R, cols);
	rd_head(R, y, w, nw, first, cols);
	ui_list_place(&R->list, y + 3, h - 4);
	for (int i = 0; i < R->list.h && R->list.top + i < R->list.n; i++)
		rd_row(R, R->list.top + i, y + 3 + i, w, nw, first, cols);
	char b[300];
	if (R->phase < 0)
		snprintf(b, sizeof b, "No phases yet: + adds one (name, due date), as"
			 " 'sammtui phase new' does.");
	else
		snprintf(b, sizeof b, "Phase %s (due %s): 0-3 set the target, x clears it;"
			 " Left/Right or o: other phase; +: new phase.  *: set in this phase,"
			 " dim: carried", R->r->phases[R->phase].phase.name,
			 R->r->phases[R->phase].phase.due);
	ui_text(y + h - 1, 1, w - 2, b, ui_look(UI_L_DIM));
}

/* ---- Keys ------------------------------------------------------------------------------ */

static void rd_pick_phase(struct ui *ui, struct road *R)
{
	size_t np = R->r->n_phases;
	const char **items = ui_xcalloc(np + 1, sizeof *items);
	char **bufs = ui_xcalloc(np + 1, sizeof *bufs);
	int64_t *ids = ui_xcalloc(np + 1, sizeof *ids);

	/* copies: the roadmap may be rebuilt under the dialog */
	for (size_t k = 0; k < np; k++) {
		ids[k] = R->r->phases[k].phase.id;
		bufs[k] = ui_xmalloc(160);
		snprintf(bufs[k], 160, "%s  due %s  (%d targets)", R->r->phases[k].phase.name,
			 R->r->phases[k].phase.due, R->r->phases[k].n_targets);
		items[k] = bufs[k];
	}
	int sel = ui_dialog_list(ui, "Phase", items, (int)np, R->phase);
	if (sel >= 0 && (size_t)sel < np)
		R->phase_id = ids[sel];
	for (size_t k = 0; k < np; k++)
		free(bufs[k]);
	free(bufs);
	free(items);
	free(ids);
	if (R->r)
		for (size_t k = 0; k < R->r->n_phases; k++)
			if (R->r->phases[k].phase.id == R->phase_id)
				R->phase = (int)k;
}

/* `+`: a new phase, asking its name and due date. */
static enum ui_result rd_new_phase(struct ui *ui, struct road *R)
{
	char name[SAMM_PHASE_NAME_MAX] = "", due[16] = "", q[128];
	struct samm_phase ph;
	struct samm_error err;

	if (!ui_prompt(ui, "Name of the new phase:", name, sizeof name) || !name[0])
		return UI_REDRAW;
	snprintf(q, sizeof q, "Due date of phase %s (YYYY-MM-DD):", name);
	if (!ui_prompt(ui, q, due, sizeof due) || !due[0])
		return UI_REDRAW;
	if (!samm_date_valid(due)) {
		ui_msg(ui, 1, "not a date: %s (YYYY-MM-DD)", due);
		return UI_REDRAW;
	}
	if (samm_phase_new(ui->st, ui->scope.id, name, due, NULL, ui->user, &ph, &err)) {
		ui_msg_err(ui, &err);
		return UI_REDRAW;
	}
	R->phase_id = ph.id;
	ui_msg(ui, 0, "phase %s created (due %s)", ph.name, ph.due);
	return UI_RELOAD;
}

/* 0-3 or x on the selected row in the selected phase. */
static enum ui_result rd_set(struct ui *ui, struct road *R, int value)
{
	struct samm_error err;
	int n = 0;

	if (R->phase < 0) {
		ui_msg(ui, 1, "no phase yet: + adds one");
		return UI_REDRAW;
	}
	const struct samm_phase *ph = &R->r->phases[R->phase].phase;
	struct samm_ref ref = R->rows[R->list.sel];
	char id[128];
	snprintf(id, sizeof id, "%s", samm_model_ref_id(R->r->model, ref));
	if (value == SAMM_UNSET ? samm_phase_target_clear(ui->st, ph->id, id, ui->user, &n, &err)
	    : samm_phase_target_set(ui->st, ph->id, id, value, ui->user, &n, &err)) {
		ui_msg_err(ui, &err);
		return UI_REDRAW;
	}
	if (value == SAMM_UNSET)
		ui_msg(ui, 0, "%s: cleared %d target(s) under %s", ph->name, n, id);
	else
		ui_msg(ui, 0, "%s: %s target %s (%d changed)", ph->name, id, ui_value_short(value), n);
	return UI_RELOAD;
}

static enum ui_result rd_key(struct ui *ui, void *priv, int action, int key)
{
	struct road *R = priv;
	(void)key;
	if (!R->r)
		return UI_NOT_MINE;
	if (ui_list_nav(ui, &R->list, action)) {
		snprintf(R->sel_id, sizeof R->sel_id, "%s",
			 samm_model_ref_id(R->r->model, R->rows[R->list.sel]));
		return UI_REDRAW;
	}
	switch (action) {
	case UI_A_LEFT:
	case UI_A_RIGHT:
		if (R->phase >= 0) {
			int k = R->phase + (action == UI_A_RIGHT ? 1 : -1);
			if (k >= 0 && k < (int)R->r->n_phases)
				R->phase = k;
			R->phase_id = R->r->phases[R->phase].phase.id;
		}
		return UI_REDRAW;
	case UI_A_R_PHASE:
		if (R->phase < 0) {
			ui_msg(ui, 1, "no phase yet: + adds one");
			return UI_REDRAW;
		}
		rd_pick_phase(ui, R);
		return UI_REDRAW;
	case UI_A_R_NEW: return rd_new_phase(ui, R);
	case UI_A_R_TGT0: return rd_set(ui, R, SAMM_NO);
	case UI_A_R_TGT1: return rd_set(ui, R, SAMM_SOME);
	case UI_A_R_TGT2: return rd_set(ui, R, SAMM_HALF);
	case UI_A_R_TGT3: return rd_set(ui, R, SAMM_MOST);
	case UI_A_R_CLEAR: return rd_set(ui, R, SAMM_UNSET);
	case UI_A_OPEN: {
		struct samm_ref to;
		const char *id = samm_model_ref_id(R->r->model, R->rows[R->list.sel]);
		if (ui_model(ui) && R->rows[R->list.sel].level != SAMM_L_OVERALL &&
		    samm_model_resolve(ui_model(ui), id, &to, NULL) == SAMM_OK)
			ui_assess_goto(ui, to.level, to.index);
		return UI_REDRAW;
	}
	default:
		return UI_NOT_MINE;
	}
}

static int rd_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct road *R = priv;
	(void)ui;
	if (!R->r || !R->list.n)
		return 0;
	const struct samm_model *m = R->r->model;
	for (int step = 1; step <= R->list.n; step++) {
		int k = ((R->list.sel + dir * step) % R->list.n + R->list.n) % R->list.n;
		struct samm_ref ref = R->rows[k];
		const char *name = ref.level == SAMM_L_ACTIVITY ? m->activities[ref.index].title
			: samm_model_ref_name(m, ref);
		if (ui_contains(samm_model_ref_id(m, ref), needle) || ui_contains(name, needle)) {
			R->list.sel = k;
			snprintf(R->sel_id, sizeof R->sel_id, "%s", samm_model_ref_id(m, ref));
			ui_list_place(&R->list, R->list.y, R->list.h);
			return 1;
		}
	}
	return 0;
}

static void rd_close(struct ui *ui, void *priv)
{
	(void)ui;
	rd_free(priv);
}

const struct ui_view_ops ui_view_roadmap = {
	.name = "Roadmap",
	.key_scope = UI_KS_GLOBAL | UI_KS_ROAD,
	.private_size = sizeof(struct road),
	.rebuild = rd_rebuild,
	.draw = rd_draw,
	.key = rd_key,
	.search = rd_search,
	.close = rd_close,
};
