/* data.c - what every view reads, computed when the data changes: the
 * shown period's assessment, scorecard and targets, the previous period's
 * values, the trend and the stagnation marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "ui/ui_int.h"

void ui_data_free(struct ui *ui)
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
void ui_load_stagnant(struct ui *ui)
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
		ui_load_stagnant(ui);
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
void ui_patch_trend(struct ui *ui)
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
int ui_load_current(struct ui *ui)
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
	ui_data_free(ui);
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
	if (ui_load_current(ui))
		return;
	load_prev(ui);
	load_trend(ui);
	ui_load_stagnant(ui);
	ui->sel_item = sel_id ? samm_model_find_item(ui->as->model, sel_id) : -1;
	if (ui->diff_old >= (int)ui->n_periods)
		ui->diff_old = -1;
}
