/* view_stagnant.c - the Stagnant view: stagnant and regressed practices
 * and items over the last UI_STAG_WINDOW periods, from the same core call
 * as `sammtui stagnant` (samm_stagnant_compute); Enter jumps to the item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "ui/ui_int.h"


/* The node of the latest model in the shown one (same id), or none. */
static void target(const struct ui *ui, enum samm_level level, const char *id, enum samm_level *l, int *k)
{
	struct samm_ref r;
	*l = SAMM_L_OVERALL;
	*k = 0;
	if (samm_model_resolve(ui->as->model, id, &r, NULL) == SAMM_OK && r.level == level) {
		*l = r.level;
		*k = r.index;
	}
}

static void stag_refresh(struct ui *ui, void *priv)
{
	struct ui_lines *G = priv;
	ui_stagnant_runs(ui);
	const struct samm_stagnant *s = ui->stag;
	ui_lines_clear(G);
	if (!s || !s->model) {
		ui_lines_add(G, UI_L_DIM, 0, SAMM_L_OVERALL, 0, NULL, "No analysis (no period).");
		ui_lines_done(G);
		return;
	}
	const struct samm_model *m = s->model;
	const char *ar = ui->utf8 ? "\xe2\x86\x92" : "->";
	enum samm_level l;
	int k;
	if (s->enough)
		ui_lines_add(G, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL,
			     "Window: the last %d periods, %s to %s; %d unassessed criteria",
			     s->window, s->periods[s->n_periods - (size_t)s->window].name,
			     s->periods[s->n_periods - 1].name, s->n_unassessed);
	else
		ui_lines_add(G, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL,
			     "%zu period(s): stagnation needs %d; regressions are shown", s->n_periods,
			     s->window);
	if (ui->cur + 1 != ui->n_periods)
		ui_lines_add(G, UI_L_DIM, 0, SAMM_L_OVERALL, 0, NULL,
			     "(about the latest period, %s; an older one is shown)",
			     s->periods[s->n_periods - 1].name);
	ui_lines_add(G, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	ui_lines_add(G, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Practices: %d stagnant, %d regressed",
		     s->n_stagnant_practices, s->n_regressed_practices);
	for (size_t i = 0; i < s->n_practices; i++) {
		const struct samm_stag_practice *p = &s->practices[i];
		if (!p->stagnant && !p->regressed)
			continue;
		char right[128], fell[128], a[16], b[16];
		target(ui, SAMM_L_PRACTICE, p->code, &l, &k);
		if (p->regressed) {
			ui_fmt_score(a, sizeof a, p->fell_from);
			ui_fmt_score(b, sizeof b, p->fell_to);
			snprintf(fell, sizeof fell, "regressed %s %s %s in %s", a, ar, b,
				 s->periods[p->fell_in].name);
		}
		if (p->stagnant) {
			ui_fmt_score(a, sizeof a, p->score);
			snprintf(right, sizeof right, "%s for %d periods, since %s", a, p->run,
				 s->periods[p->since].name);
			ui_lines_add(G, UI_L_MID, 0, l, k, right, "  %s %s", p->code, p->name);
			/* stagnant and regressed at once (it fell and is still
			 * not above where the window began): a second line */
			if (p->regressed)
				ui_lines_add(G, UI_L_BAD, 0, l, k, fell, "  %*s", (int)strlen(p->code), "");
		} else {
			ui_lines_add(G, UI_L_BAD, 0, l, k, fell, "  %s %s", p->code, p->name);
		}
	}
	ui_lines_add(G, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	ui_lines_add(G, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Stagnant criteria (%zu)", s->n_items);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct samm_stag_item *it = &s->items[i];
		char right[128];
		snprintf(right, sizeof right, "%s for %d periods, since %s", ui_value_short(it->value),
			 it->run, s->periods[it->since].name);
		target(ui, SAMM_L_ITEM, it->id, &l, &k);
		ui_lines_add(G, UI_L_MID, 0, l, k, right, "  %-12s %s", it->id, m->items[it->item].criterion);
	}
	ui_lines_add(G, UI_L_NORMAL, 0, SAMM_L_OVERALL, 0, NULL, "%s", "");
	ui_lines_add(G, UI_L_HEAD, 1, SAMM_L_OVERALL, 0, NULL, "Regressed criteria (%zu)", s->n_regressed);
	for (size_t i = 0; i < s->n_regressed; i++) {
		const struct samm_stag_item *it = &s->regressed[i];
		char right[128];
		snprintf(right, sizeof right, "%s %s %s in %s", ui_value_short(it->from_value), ar,
			 ui_value_short(it->value), s->periods[it->since].name);
		target(ui, SAMM_L_ITEM, it->id, &l, &k);
		ui_lines_add(G, UI_L_BAD, 0, l, k, right, "  %-12s %s", it->id, m->items[it->item].criterion);
	}
	ui_lines_done(G);
}

static void stag_draw(struct ui *ui, void *priv, int y, int h, int w)
{
	struct ui_lines *G = priv;
	ui_lines_draw(ui, G, y, h, w);
}

static enum ui_result stag_key(struct ui *ui, void *priv, int action, int key)
{
	struct ui_lines *G = priv;
	(void)key;
	return ui_lines_key(ui, G, action);
}

static int stag_search(struct ui *ui, void *priv, const char *needle, int dir)
{
	struct ui_lines *G = priv;
	(void)ui;
	return ui_lines_search(G, needle, dir);
}

static void stag_close(struct ui *ui, void *priv)
{
	struct ui_lines *G = priv;
	(void)ui;
	ui_lines_clear(G);
	free(G->v);
	G->v = NULL;
}

const struct ui_view_ops ui_view_stagnant = {
	.name = "Stagnant",
	.key_scope = UI_KS_GLOBAL,
	.private_size = sizeof(struct ui_lines),
	.rebuild = stag_refresh,
	.draw = stag_draw,
	.key = stag_key,
	.search = stag_search,
	.close = stag_close,
};
