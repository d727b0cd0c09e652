/* undo.c - changes to the shown period and their undo: ui_apply (undo
 * record, store, recompute), the conflict messages, undo of the last
 * change this screen made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

void ui_undo_entry_free(struct ui_undo *u)
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
		ui_undo_entry_free(&u);
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
	if (ui_load_current(ui) == 0 && ui->as->model == m) {
		ui_patch_trend(ui);
		ui_load_stagnant(ui);
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
		ui_undo_entry_free(&u);
	}
	return 0;
}

void ui_undo_last(struct ui *ui)
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
		ui_undo_entry_free(u);
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
		ui_undo_entry_free(u);
		ui->n_undo--;
	}
	free(ch);
}
