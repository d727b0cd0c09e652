/* targetcard.c - the target roll-up: targets of activities summed up to
 * practices, functions and overall, beside the scorecard (score.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"

/* ---- Target roll-up -------------------------------------------------------------------------------- */

static struct samm_target_fig *tfig_alloc(int n)
{
	return calloc(n > 0 ? (size_t)n : 1, sizeof(struct samm_target_fig));
}

/* gap, percent and reached from target, score and na. */
static void tfig_finish(struct samm_target_fig *f)
{
	f->gap = 0;
	f->has_percent = 0;
	f->percent = 0;
	f->reached = 0;
	if (f->n_targets == 0) {
		f->target = 0;
		return;
	}
	if (f->na) {
		f->reached = 1;
		return;
	}
	f->gap = f->target - f->score;
	f->reached = f->score >= f->target - EPS;
	if (f->target > EPS) {
		f->has_percent = 1;
		f->percent = 100 * f->score / f->target;
	}
}

/* The mean of children's targets into f (the score's score_mean); the
 * children's rolled-up targets already count N/A ones as 0. */
static void tfig_mean(struct samm_target_fig *f, const struct samm_target_fig *children,
		      const double *roll, int first, int n, double *out_roll)
{
	double sum = 0;
	for (int i = first; i < first + n; i++) {
		sum += roll[i];
		f->n_targets += children[i].n_targets;
	}
	*out_roll = n > 0 ? sum / n : 0;
	f->target = *out_roll;
}

/* The activities' figures, and ra[a]: what each adds to its stream. */
static void tfig_activities(const struct samm_model *m, const struct samm_scorecard *sc,
			    const int *targets, struct samm_targetcard *tc, double *ra)
{
	for (int a = 0; a < m->n_activities; a++) {
		struct samm_target_fig *f = &tc->activity[a];
		int t = targets ? targets[a] : SAMM_UNSET;
		if (t < SAMM_NO || t > SAMM_MOST)
			t = SAMM_UNSET;
		tc->value[a] = t;
		f->score = sc->activity[a].score;
		f->na = sc->activity[a].na;
		if (t != SAMM_UNSET) {
			f->n_targets = 1;
			f->target = samm_value_worth(t);
			ra[a] = f->na ? 0 : f->target;
		} else {
			ra[a] = f->score;       /* 0 when N/A */
		}
		tfig_finish(f);
	}
}

enum samm_status samm_targetcard_compute(const struct samm_model *m,
					 const struct samm_scorecard *sc, const int *targets,
					 struct samm_targetcard *tc)
{
	/* roll[level][i]: what a node adds to its parent's target.  It equals
	 * the node's target, except for an N/A activity, whose target shows
	 * on its own row but counts 0 above it, as its score does, and for an
	 * activity without a target, which counts where it stands (its score):
	 * as in the SAMM Toolbox, whose target answers start as the current
	 * ones.  So a practice's target moves only with the targets set in it,
	 * and it is below target only where one of them is not reached. */
	double *ra = NULL, *rs = NULL, *rp = NULL, *rf = NULL, ro;

	memset(tc, 0, sizeof *tc);
	tc->function = tfig_alloc(m->n_functions);
	tc->practice = tfig_alloc(m->n_practices);
	tc->stream = tfig_alloc(m->n_streams);
	tc->activity = tfig_alloc(m->n_activities);
	tc->value = malloc(((size_t)m->n_activities + 1) * sizeof *tc->value);
	ra = calloc((size_t)m->n_activities + 1, sizeof *ra);
	rs = calloc((size_t)m->n_streams + 1, sizeof *rs);
	rp = calloc((size_t)m->n_practices + 1, sizeof *rp);
	rf = calloc((size_t)m->n_functions + 1, sizeof *rf);
	if (!tc->function || !tc->practice || !tc->stream || !tc->activity || !tc->value ||
	    !ra || !rs || !rp || !rf) {
		free(ra);
		free(rs);
		free(rp);
		free(rf);
		samm_targetcard_free(tc);
		return SAMM_NOMEM;
	}
	tfig_activities(m, sc, targets, tc, ra);
	for (int s = 0; s < m->n_streams; s++) {
		const struct samm_stream *str = &m->streams[s];
		struct samm_target_fig *f = &tc->stream[s];
		for (int a = str->first_activity; a < str->first_activity + str->n_activities; a++) {
			rs[s] += ra[a];
			f->n_targets += tc->activity[a].n_targets;
		}
		f->target = rs[s];
		f->score = sc->stream[s].score;
		f->na = sc->stream[s].na;
		tfig_finish(f);
	}
	for (int p = 0; p < m->n_practices; p++) {
		const struct samm_practice *pr = &m->practices[p];
		struct samm_target_fig *f = &tc->practice[p];
		tfig_mean(f, tc->stream, rs, pr->first_stream, pr->n_streams, &rp[p]);
		f->score = sc->practice[p].score;
		f->na = sc->practice[p].na;
		tfig_finish(f);
	}
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		struct samm_target_fig *f = &tc->function[fn];
		tfig_mean(f, tc->practice, rp, fu->first_practice, fu->n_practices, &rf[fn]);
		f->score = sc->function[fn].score;
		f->na = sc->function[fn].na;
		tfig_finish(f);
	}
	tfig_mean(&tc->overall, tc->function, rf, 0, m->n_functions, &ro);
	tc->overall.score = sc->overall.score;
	tc->overall.na = sc->overall.na;
	tfig_finish(&tc->overall);
	free(ra);
	free(rs);
	free(rp);
	free(rf);
	return SAMM_OK;
}

void samm_targetcard_free(struct samm_targetcard *tc)
{
	if (!tc)
		return;
	free(tc->function);
	free(tc->practice);
	free(tc->stream);
	free(tc->activity);
	free(tc->value);
	memset(tc, 0, sizeof *tc);
}

const struct samm_target_fig *samm_targetcard_get(const struct samm_targetcard *tc,
						  struct samm_ref ref)
{
	if (!tc || ref.index < 0)
		return NULL;
	switch (ref.level) {
	case SAMM_L_OVERALL:  return &tc->overall;
	case SAMM_L_FUNCTION: return tc->function ? &tc->function[ref.index] : NULL;
	case SAMM_L_PRACTICE: return tc->practice ? &tc->practice[ref.index] : NULL;
	case SAMM_L_STREAM:   return tc->stream ? &tc->stream[ref.index] : NULL;
	case SAMM_L_ACTIVITY: return tc->activity ? &tc->activity[ref.index] : NULL;
	case SAMM_L_ITEM:     return NULL;
	}
	return NULL;
}

