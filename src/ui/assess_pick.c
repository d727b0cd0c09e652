/* assess_pick.c - the Assessment view's pickers: L links the selected
 * activity or criterion to a project (or unlinks it), t sets or clears an
 * activity's target in the shown period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/assess_int.h"

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* linked[i] := project pv[i] is among ids[0..n_ids) (sorted here). */
static void mark_linked(const struct samm_project *pv, size_t n, int64_t *ids, size_t n_ids,
			unsigned char *linked)
{
	if (!n_ids)
		return;         /* linked[] stays 0; qsort/bsearch take no NULL */
	qsort(ids, n_ids, sizeof *ids, cmp_id);
	for (size_t i = 0; i < n; i++)
		linked[i] = bsearch(&pv[i].id, ids, n_ids, sizeof *ids, cmp_id) != NULL;
}

/* L: link the selected activity or criterion to a project of the scope,
 * or unlink it from one it is linked to; the picker can also create the
 * project. */
enum ui_result ui_assess_link_key(struct ui *ui, struct node nd)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	char id[128];
	if (nd.level != SAMM_L_ACTIVITY && nd.level != SAMM_L_ITEM) {
		ui_msg(ui, 1, "select an activity or a criterion to link to a project");
		return UI_REDRAW;
	}
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return UI_REDRAW;
	}
	samm_utf8_copy(id, sizeof id, nd.level == SAMM_L_ITEM ? m->items[nd.index].id
		 : m->activities[nd.index].code);
	struct samm_project *pv = NULL;
	size_t n = 0;
	if (samm_project_list(ui->st, ui->scope.id, SAMM_PROJECT_ANY, &pv, &n, &err)) {
		ui_msg_err(ui, &err);
		return UI_REDRAW;
	}
	/* Which projects link this very id (not merely cover it): one
	 * query, not one per project. */
	unsigned char *linked = ui_xcalloc(n + 1, 1);
	char **bufs = ui_xcalloc(n + 1, sizeof *bufs);
	int64_t *lids = NULL;
	size_t nl = 0;
	if (samm_project_linkers(ui->st, ui->scope.id, id, &lids, &nl, &err) == SAMM_OK)
		mark_linked(pv, n, lids, nl, linked);
	free(lids);
	for (size_t i = 0; i < n; i++) {
		size_t sz = sizeof pv[i].name + 64;
		bufs[i] = ui_xmalloc(sz);
		snprintf(bufs[i], sz, "[%s] %s  (%s)", linked[i] ? "x" : " ", pv[i].name,
			 samm_project_status_name(pv[i].status));
	}
	bufs[n] = ui_xstrdup("+ New project...");
	char title[192];
	snprintf(title, sizeof title, "Link %s ([x]: linked, Enter unlinks)", id);
	int r = ui_dialog_list(ui, title, (const char *const *)bufs, (int)n + 1, 0);
	for (size_t i = 0; i <= n; i++)
		free(bufs[i]);
	free(bufs);
	struct samm_project p;
	int unlink = 0, ok = r >= 0;
	if (ok && (size_t)r == n) {
		ok = ui_project_create(ui, &p) == 0;
	} else if (ok) {
		p = pv[r];
		unlink = linked[r];
	}
	free(linked);
	samm_project_list_free(pv, n);
	if (!ok)
		return UI_REDRAW;
	/* The data may have been reread under the dialog: id and p are
	 * copies, and the view is rebuilt below. */
	/* Link or unlink as the user chose from what the picker showed, never
	 * a toggle of what is there now: a colleague's change meanwhile is
	 * reported, not reversed. */
	const char *ids[1] = { id };
	int n_done = 0;
	enum samm_status rc = unlink
		? samm_project_unlink(ui->st, p.id, ids, 1, ui->user, &n_done, &err)
		: samm_project_link(ui->st, p.id, ids, 1, ui->user, &n_done, &err);
	if (rc == SAMM_NOTFOUND && unlink)
		ui_msg(ui, 1, "%s is no longer linked to %s (unlinked since); nothing changed", id,
		       p.name);
	else if (rc)
		ui_msg_err(ui, &err);
	else if (!n_done)
		ui_msg(ui, 0, "%s was linked to %s already (since); nothing changed", id, p.name);
	else
		ui_msg(ui, 0, "%s %s %s", id, unlink ? "unlinked from" : "linked to", p.name);
	if (ui->as)
		ui_assess_refresh(ui, ui->view_priv[UI_V_ASSESS]);
	return UI_REDRAW;
}

/* t: the target of the selected activity (of a criterion's activity) in
 * the shown period. */
enum ui_result ui_assess_target_key(struct ui *ui, struct node nd)
{
	const struct samm_model *m = ui->as->model;
	struct samm_error err;
	if (nd.level != SAMM_L_ACTIVITY && nd.level != SAMM_L_ITEM) {
		ui_msg(ui, 1, "select an activity (or one of its criteria) to set its target");
		return UI_REDRAW;
	}
	if (ui->readonly) {
		ui_msg(ui, 1, "read-only database: change refused");
		return UI_REDRAW;
	}
	int act = nd.level == SAMM_L_ITEM ? m->items[nd.index].activity : nd.index;
	/* Copies: the dialog may reread the data under us. */
	char code[128], period[128], title[320];
	int64_t period_id = ui->periods[ui->cur].id;
	samm_utf8_copy(code, sizeof code, m->activities[act].code);
	samm_utf8_copy(period, sizeof period, ui->periods[ui->cur].name);
	static const char *const worth[4] = { "0", "0.25", "0.5", "1" };
	char *items[5];
	for (int v = 0; v < 4; v++) {
		size_t sz = strlen(m->activities[act].answers[v]) + 16;
		items[v] = ui_xmalloc(sz);
		snprintf(items[v], sz, "%-5s %s", worth[v], m->activities[act].answers[v]);
	}
	items[4] = ui_xstrdup("Clear the target");
	int cur = ui->targets ? ui->targets[act] : SAMM_UNSET;
	snprintf(title, sizeof title, "Target of %s in %s", code, period);
	/* On the current target, or on the first value when there is none
	 * (never on Clear: j j Enter must not clear); 0-3 pick at once. */
	int r = ui_dialog_pick(ui, title, (const char *const *)items, 5,
			       cur >= SAMM_NO && cur <= SAMM_MOST ? cur : SAMM_NO, 4);
	for (int v = 0; v < 5; v++)
		free(items[v]);
	if (r < 0)
		return UI_REDRAW;
	/* Only over the target the dialog showed: someone may set it meanwhile. */
	enum samm_status rc = samm_target_put_if(ui->st, period_id, code, r == 4 ? SAMM_UNSET : r,
						 cur >= SAMM_NO && cur <= SAMM_MOST ? cur : SAMM_UNSET,
						 ui->user, NULL, &err);
	if (rc) {
		ui_msg_err(ui, &err);
		if (rc == SAMM_CONFLICT && ui->as)
			ui_load_targets(ui);
		return UI_REDRAW;
	}
	if (ui->as)
		ui_load_targets(ui);
	if (r == 4)
		ui_msg(ui, 0, "%s: target cleared in %s", code, period);
	else
		ui_msg(ui, 0, "%s: target %s in %s", code, worth[r], period);
	return UI_REDRAW;
}

