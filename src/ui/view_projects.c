/* view_projects.c - the Projects view: the scope's projects with status,
 * owner, period span and links (and, once done, how many activities rose);
 * Enter shows one project's activities with their values then (its start
 * period) and now (its end period, else the latest), what moved and the
 * targets.  Keys create a project, change its status and delete it.
 * Everything comes from the core (project.h); nothing here writes SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

/* The list, and the project shown (d != NULL) with its own selection.
 * Both are reread on every rebuild (entering the view, data changes). */
struct proj_state {
	struct samm_project *v; size_t n;
	struct ui_list list;
	int64_t sel_id;                 /* kept across rebuilds */
	struct samm_project_detail *d;
	int64_t show_id;                /* the project shown; 0: the list */
	struct ui_list dl;
	char err[1024];                 /* why the list could not be read */
};

static void detail_close(struct proj_state *PJ)
{
	samm_project_detail_free(PJ->d);
	PJ->d = NULL;
	PJ->show_id = 0;
}

/* The list's selection on sel_id, where it still is. */
static void list_select(struct proj_state *PJ)
{
	PJ->list.n = (int)PJ->n;
	for (size_t i = 0; i < PJ->n; i++)
		if (PJ->v[i].id == PJ->sel_id)
			PJ->list.sel = (int)i;
	ui_list_place(&PJ->list, PJ->list.y, PJ->list.h);
	if (PJ->n)
		PJ->sel_id = PJ->v[PJ->list.sel].id;
}

static void proj_refresh(struct ui *ui, void *priv)
{
	struct proj_state *PJ = priv;
	struct samm_error err;
	samm_project_list_free(PJ->v, PJ->n);
	PJ->v = NULL;
	PJ->n = 0;
	PJ->err[0] = 0;
	if (samm_project_list(ui->st, ui->scope.id, SAMM_PROJECT_ANY, &PJ->v, &PJ->n, &err)) {
		PJ->v = NULL;
		PJ->n = 0;
		samm_utf8_copy(PJ->err, sizeof PJ->err, err.msg);
	}
	list_select(PJ);
	if (PJ->show_id) {
		int64_t id = PJ->show_id;
		samm_project_detail_free(PJ->d);
		PJ->d = NULL;
		if (samm_project_detail(ui->st, id, &PJ->d, &err)) {
			/* Deleted meanwhile (another sammtui): back to the list. */
			PJ->d = NULL;
			PJ->show_id = 0;
			ui_msg(ui, err.code != SAMM_NOTFOUND, "%s", err.code == SAMM_NOTFOUND
			       ? "that project no longer exists" : err.msg);
		} else if (PJ->d->project.scope_id != ui->scope.id) {
			detail_close(PJ);         /* another scope is shown now */
		} else {
			PJ->dl.n = (int)PJ->d->n_rows;
			ui_list_place(&PJ->dl, PJ->dl.y, PJ->dl.h);
		}
	}
}

/* ---- Drawing ------------------------------------------------------------- */

/* "2026-Q3 → 2026-Q4", "since 2026-Q3", "until 2026-Q4", "-". */
static void span_of(const struct ui *ui, const struct samm_project *p, char *b, size_t size)
{
	if (p->start.id && p->end.id)
		snprintf(b, size, "%s %s %s", p->start.name, ui->utf8 ? "\xe2\x86\x92" : "->", p->end.name);
	else if (p->start.id)
		snprintf(b, size, "since %s", p->start.name);
	else if (p->end.id)
		snprintf(b, size, "until %s", p->end.name);
	else
		snprintf(b, size, "-");
}

static void draw_list(struct ui *ui, int y, int h, int w)
{
	struct proj_state *PJ = ui->view_priv[UI_V_PROJ];
	attr_t head = ui_look(UI_L_HEAD);
	int sw = 8, aw = 10, pw = 18, ow = w >= 100 ? 20 : w >= 76 ? 12 : 0;
	int nw = w - 2 - sw - aw - pw - ow - (ow ? 1 : 0) - 3;
	int xs = 1 + nw + 1, xo = xs + sw + 1, xp = xo + ow + (ow ? 1 : 0), xa = xp + pw + 1;
	ui_text(y, 1, nw, "Project", head);
	ui_text(y, xs, sw, "Status", head);
	if (ow)
		ui_text(y, xo, ow, "Owner", head);
	ui_text(y, xp, pw, "Periods", head);
	ui_text(y, xa, aw, "Activities", head);
	if (PJ->err[0]) {
		ui_text(y + 1, 1, w - 2, PJ->err, ui_look(UI_L_ERROR));
		return;
	}
	if (!PJ->n) {
		ui_text(y + 2, 1, w - 2, ui->readonly ? "No projects in this scope."
			: "No projects in this scope yet: + creates one.", ui_look(UI_L_DIM));
		return;
	}
	/* The last row: the selected project's description, or the keys. */
	ui_list_place(&PJ->list, y + 1, h - 2);
	for (int i = 0; i < PJ->list.h && PJ->list.top + i < PJ->list.n; i++) {
		int k = PJ->list.top + i, row = y + 1 + i;
		const struct samm_project *p = &PJ->v[k];
		attr_t a = k == PJ->list.sel ? ui_look(UI_L_SEL) : 0;
		static const enum ui_look st_look[SAMM_PROJECT_STATUS_COUNT] = {
			UI_L_NORMAL, UI_L_MID, UI_L_GOOD, UI_L_DIM
		};
		char b[SAMM_PROJECT_NAME_MAX * 2 + 16];
		ui_fill(row, 0, w, a);
		ui_text(row, 1, nw, p->name, a | A_BOLD);
		ui_text(row, xs, sw, samm_project_status_name(p->status),
			a | ui_look(p->status < SAMM_PROJECT_STATUS_COUNT ? st_look[p->status] : UI_L_NORMAL));
		if (ow)
			ui_text(row, xo, ow, p->owner, a);
		span_of(ui, p, b, sizeof b);
		ui_text(row, xp, pw, b, a);
		if (p->has_outcome)
			snprintf(b, sizeof b, "%d/%d rose", p->n_rose, p->n_compared);
		else
			snprintf(b, sizeof b, "%d", p->n_activities);
		ui_text(row, xa, aw, b, a);
	}
	const struct samm_project *p = &PJ->v[PJ->list.sel];
	if (p->description[0]) {
		int x = 1 + ui_text(y + h - 1, 1, w - 2, "Description: ", head);
		ui_text(y + h - 1, x, w - 1 - x, p->description, 0);
	} else {
		ui_text(y + h - 1, 1, w - 2, "Enter: its activities  +: new  m: status  D: delete",
			ui_look(UI_L_DIM));
	}
}

/* A point's value: "No" ... "N/A", "-" (unset), "absent". */
static const char *point_label(const struct samm_project_point *pt)
{
	return pt->present ? ui_value_short(pt->value) : "absent";
}

static void draw_detail(struct ui *ui, int y, int h, int w)
{
	struct proj_state *PJ = ui->view_priv[UI_V_PROJ];
	const struct samm_project_detail *d = PJ->d;
	const struct samm_project *p = &d->project;
	attr_t head = ui_look(UI_L_HEAD);
	const char *dot = ui->utf8 ? " \xc2\xb7 " : " - ";
	char b[SAMM_PROJECT_DESC_MAX + 256];
	int row = y;
	snprintf(b, sizeof b, "%s%s%s%s%s", p->name, dot, samm_project_status_name(p->status),
		 p->owner[0] ? dot : "", p->owner[0] ? p->owner : "");
	ui_text(row++, 1, w - 2, b, head | A_BOLD);
	snprintf(b, sizeof b, "Then: %s   Now: %s%s", d->has_start ? d->start.name : "- (no start period)",
		 d->has_now ? d->now.name : "-",
		 !d->has_now ? "" : d->now_is_end ? " (its end period)" : " (the latest period)");
	ui_text(row++, 1, w - 2, b, 0);
	int o = snprintf(b, sizeof b, "%d %s: %d rose, %d fell (%d compared)", d->n_activities,
			 d->n_activities == 1 ? "activity" : "activities", d->n_rose, d->n_fell,
			 d->n_compared);
	if (d->n_targets && o > 0 && (size_t)o < sizeof b)
		snprintf(b + o, sizeof b - (size_t)o, "; targets: %d of %d reached", d->n_reached,
			 d->n_targets);
	ui_text(row++, 1, w - 2, b, 0);
	if (p->description[0] && row < y + h) {
		int x = 1 + ui_text(row, 1, w - 2, "Description: ", head);
		ui_text(row++, x, w - 1 - x, p->description, 0);
	}
	row++;
	/* id + name | then 6 | move 2 | now 6 | target 8 */
	int tw = 8, vw = 6, xt = w - 1 - tw, xn = xt - 1 - vw, xm = xn - 3, xf = xm - 1 - vw;
	int nw = xf - 2;
	if (row >= y + h)
		return;
	ui_text(row, 1, nw, "Activity / criterion", head);
	ui_text(row, xf, vw, "Then", head);
	ui_text(row, xn, vw, "Now", head);
	ui_text(row, xt, tw, "Target", head);
	row++;
	if (!d->n_rows) {
		if (row < y + h)
			ui_text(row, 1, w - 2, "No activities linked yet: L in the Assessment view links one.",
				ui_look(UI_L_DIM));
		return;
	}
	ui_list_place(&PJ->dl, row, y + h - row);
	for (int i = 0; i < PJ->dl.h && PJ->dl.top + i < PJ->dl.n; i++) {
		int k = PJ->dl.top + i, r = row + i;
		const struct samm_project_row *pr = &d->rows[k];
		attr_t a = k == PJ->dl.sel ? ui_look(UI_L_SEL) : 0;
		int ind = pr->level == SAMM_L_ITEM ? 3 : 1;
		ui_fill(r, 0, w, a);
		int x = ind + ui_text(r, ind, nw - ind, pr->id, a | (pr->level == SAMM_L_ACTIVITY ? A_BOLD : 0));
		ui_text(r, x + 1, nw - x - 1, pr->name, a);
		ui_text(r, xf, vw, d->has_start ? point_label(&pr->start) : "", a);
		const char *mv = "";
		enum ui_look ml = UI_L_NORMAL;
		switch (pr->dir) {
		case SAMM_DIR_UP: mv = ui->utf8 ? "\xe2\x86\x91" : "^"; ml = UI_L_GOOD; break;
		case SAMM_DIR_DOWN: mv = ui->utf8 ? "\xe2\x86\x93" : "v"; ml = UI_L_BAD; break;
		case SAMM_DIR_CHANGED: mv = "~"; break;
		case SAMM_DIR_ADDED: mv = "+"; break;
		case SAMM_DIR_REMOVED: mv = "-"; break;
		default: mv = d->has_start ? "=" : ""; ml = UI_L_DIM; break;
		}
		ui_text(r, xm + 1, 1, mv, a | ui_look(ml));
		ui_text(r, xn, vw, point_label(&pr->now), a);
		if (pr->level == SAMM_L_ACTIVITY && pr->target != SAMM_UNSET) {
			snprintf(b, sizeof b, "%s%s", ui_value_short(pr->target),
				 pr->reached ? (ui->utf8 ? " \xe2\x9c\x93" : " ok") : "");
			ui_text(r, xt, tw, b, a | ui_look(pr->reached ? UI_L_GOOD : UI_L_MID));
		}
	}
}

static void proj_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct proj_state *PJ = priv;
	if (PJ->d)
		draw_detail(ui, y, h, w);
	else
		draw_list(ui, y, h, w);
}

/* ---- Changes --------------------------------------------------------------- */

static int refuse_readonly(struct ui *ui)
{
	if (!ui->readonly)
		return 0;
	ui_msg(ui, 1, "read-only database: change refused");
	return 1;
}

int ui_project_create(struct ui *ui, struct samm_project *out)
{
	char name[SAMM_PROJECT_NAME_MAX] = "", owner[SAMM_PROJECT_NAME_MAX] = "";
	struct samm_error err;
	if (refuse_readonly(ui))
		return -1;
	if (!ui_prompt(ui, "Name of the new project:", name, sizeof name) || !name[0])
		return -1;
	if (!ui_prompt(ui, "Its owner (Enter alone: none):", owner, sizeof owner))
		return -1;
	struct samm_project_fields f = { .owner = owner };
	if (samm_project_new(ui->st, ui->scope.id, name, &f, ui->user, out, &err)) {
		ui_msg_err(ui, &err);
		return -1;
	}
	return 0;
}

static void create(struct ui *ui)
{
	struct proj_state *PJ = ui->view_priv[UI_V_PROJ];
	struct samm_project p;
	if (ui_project_create(ui, &p))
		return;
	detail_close(PJ);
	PJ->sel_id = p.id;
	ui_msg(ui, 0, "project %s created (%s)", p.name, samm_project_status_name(p.status));
}

/* Returns 1 when something may have changed (the list is to be reread). */
static int change_status(struct ui *ui, const struct samm_project *cur)
{
	struct samm_error err;
	const char *items[SAMM_PROJECT_STATUS_COUNT];
	char title[SAMM_PROJECT_NAME_MAX + 32], name[SAMM_PROJECT_NAME_MAX];
	int64_t id = cur->id;
	/* What the user saw: the change applies only while it stays so. */
	enum samm_project_status seen = cur->status;
	if (refuse_readonly(ui))
		return 0;
	samm_utf8_copy(name, sizeof name, cur->name);
	snprintf(title, sizeof title, "Status of %s", name);
	for (int s = 0; s < SAMM_PROJECT_STATUS_COUNT; s++)
		items[s] = samm_project_status_name((enum samm_project_status)s);
	int r = ui_dialog_list(ui, title, items, SAMM_PROJECT_STATUS_COUNT, (int)seen);
	if (r < 0)
		return 0;
	struct samm_project_fields f = { .set_status = 1, .status = (enum samm_project_status)r };
	int n = 0;
	if (samm_project_set_if(ui->st, id, &f, seen, ui->user, &n, &err)) {
		ui_msg_err(ui, &err);
		return 1;
	}
	ui_msg(ui, 0, n ? "%s: status %s" : "%s: already %s", name, items[r]);
	return 1;
}

static void delete(struct ui *ui, const struct samm_project *cur)
{
	struct samm_error err;
	char q[SAMM_PROJECT_NAME_MAX + 96], name[SAMM_PROJECT_NAME_MAX];
	int64_t id = cur->id;
	if (refuse_readonly(ui))
		return;
	samm_utf8_copy(name, sizeof name, cur->name);
	snprintf(q, sizeof q, "Delete project '%s' and its %d link%s? (y/n)", name, cur->n_links,
		 cur->n_links == 1 ? "" : "s");
	if (!ui_confirm(ui, q)) {
		ui_msg(ui, 0, "project %s kept", name);
		return;
	}
	if (samm_project_delete(ui->st, id, ui->user, &err)) {
		ui_msg_err(ui, &err);
		return;
	}
	detail_close(ui->view_priv[UI_V_PROJ]);
	ui_msg(ui, 0, "project %s deleted", name);
}

/* ---- Keys ---------------------------------------------------------------------- */

static void show(struct ui *ui, int64_t id)
{
	struct proj_state *PJ = ui->view_priv[UI_V_PROJ];
	PJ->show_id = id;
	PJ->dl.sel = PJ->dl.top = 0;
	proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
}

/* Enter on a row of the shown project: the activity or criterion in the
 * Assessment view (of the shown period's model). */
static enum ui_result open_row(struct ui *ui)
{
	struct proj_state *PJ = ui->view_priv[UI_V_PROJ];
	if (!PJ->d->n_rows)
		return UI_REDRAW;
	const struct samm_project_row *pr = &PJ->d->rows[PJ->dl.sel];
	struct samm_ref r;
	if (samm_model_resolve(ui->as->model, pr->id, &r, NULL) != SAMM_OK) {
		ui_msg(ui, 1, "%s is not in the shown period's model", pr->id);
		return UI_REDRAW;
	}
	ui_assess_goto(ui, r.level, r.index);
	return UI_REDRAW;
}

static enum ui_result proj_key(struct ui *ui, void *priv, int action, int key)
{
	struct proj_state *PJ = priv;
	(void)key;
	if (action == UI_A_P_NEW) {
		create(ui);
		proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
		return UI_REDRAW;
	}
	if (PJ->d) {
		int was = PJ->dl.sel;
		switch (action) {
		case UI_A_P_BACK:
		case UI_A_LEFT:
			/* The list as read (changes reread it when made, and
			 * another program's through ui_poll_external). */
			PJ->sel_id = PJ->d->project.id;
			detail_close(PJ);
			list_select(PJ);
			return UI_REDRAW;
		case UI_A_P_SHOW:
			return open_row(ui);
		case UI_A_P_STATUS:
			if (change_status(ui, &PJ->d->project))
				proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
			return UI_REDRAW;
		case UI_A_P_DELETE:
			delete(ui, &PJ->d->project);
			proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
			return UI_REDRAW;
		case UI_A_MOUSE:
			if (!ui_list_nav(ui, &PJ->dl, action))
				return UI_HANDLED;
			return PJ->dl.sel == was ? open_row(ui) : UI_REDRAW;
		default:
			return ui_list_nav(ui, &PJ->dl, action) ? UI_REDRAW : UI_NOT_MINE;
		}
	}
	if (!PJ->n)
		return action == UI_A_P_SHOW || action == UI_A_P_STATUS || action == UI_A_P_DELETE
			? UI_HANDLED : UI_NOT_MINE;
	int was = PJ->list.sel;
	switch (action) {
	case UI_A_P_SHOW:
	case UI_A_RIGHT:
		show(ui, PJ->v[PJ->list.sel].id);
		return UI_REDRAW;
	case UI_A_P_STATUS:
		if (change_status(ui, &PJ->v[PJ->list.sel]))
			proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
		return UI_REDRAW;
	case UI_A_P_DELETE:
		delete(ui, &PJ->v[PJ->list.sel]);
		proj_refresh(ui, ui->view_priv[UI_V_PROJ]);
		return UI_REDRAW;
	case UI_A_MOUSE:
		/* A click selects a project, a click on the selected one opens it. */
		if (!ui_list_nav(ui, &PJ->list, action))
			return UI_HANDLED;
		PJ->sel_id = PJ->v[PJ->list.sel].id;
		if (PJ->list.sel == was)
			show(ui, PJ->sel_id);
		return UI_REDRAW;
	default:
		if (ui_list_nav(ui, &PJ->list, action)) {
			PJ->sel_id = PJ->v[PJ->list.sel].id;
			return UI_REDRAW;
		}
		return UI_NOT_MINE;
	}
}

static int proj_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct proj_state *PJ = priv;
	(void)ui;
	if (PJ->d) {
		int n = (int)PJ->d->n_rows;
		for (int step = 1; step <= n; step++) {
			int k = ((PJ->dl.sel + dir * step) % n + n) % n;
			if (ui_contains(PJ->d->rows[k].id, needle) || ui_contains(PJ->d->rows[k].name, needle)) {
				PJ->dl.sel = k;
				ui_list_place(&PJ->dl, PJ->dl.y, PJ->dl.h);
				return 1;
			}
		}
		return 0;
	}
	int n = (int)PJ->n;
	for (int step = 1; step <= n; step++) {
		int k = ((PJ->list.sel + dir * step) % n + n) % n;
		const struct samm_project *p = &PJ->v[k];
		if (ui_contains(p->name, needle) || ui_contains(p->owner, needle) ||
		    ui_contains(p->description, needle)) {
			PJ->list.sel = k;
			PJ->sel_id = p->id;
			ui_list_place(&PJ->list, PJ->list.y, PJ->list.h);
			return 1;
		}
	}
	return 0;
}

static void proj_close(struct ui *ui, void *priv)
{
	struct proj_state *PJ = priv;
	(void)ui;
	samm_project_list_free(PJ->v, PJ->n);
	PJ->v = NULL;
	PJ->n = 0;
	detail_close(PJ);
}

const struct ui_view_ops ui_view_projects = {
	.name = "Projects",
	.key_scope = UI_KS_GLOBAL | UI_KS_PROJ,
	.private_size = sizeof(struct proj_state),
	.rebuild = proj_refresh,
	.draw = proj_draw,
	.key = proj_key,
	.search = proj_search,
	.close = proj_close,
};
