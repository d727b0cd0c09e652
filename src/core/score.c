/* score.c - the official SAMM figures, computed bottom-up.
 *
 * One pass per level, each over its own flat array: items, then activities
 * (minimum over their item range), then streams, practices and functions
 * (sums over their child ranges), then overall.  The UI recomputes the
 * whole scorecard on every key press, so there is no per-node search and
 * only one allocation per level. */
#include <stdlib.h>
#include <string.h>
#include "samm/score.h"
#include "samm/value.h"

/* calloc that never treats zero elements as failure */
static struct samm_fig *score_alloc(int n)
{
	return calloc(n > 0 ? (size_t)n : 1, sizeof(struct samm_fig));
}

/* Add a child's counts to its parent's. */
static void score_add_counts(struct samm_fig *parent, const struct samm_fig *child)
{
	parent->n_items += child->n_items;
	parent->n_answered += child->n_answered;
	parent->n_na += child->n_na;
}

/* Above the activity a node is N/A when every item below it is; its score
 * is then 0 anyway (N/A activities count 0). */
static void score_set_na(struct samm_fig *f)
{
	f->na = f->n_items > 0 && f->n_na == f->n_items;
}

/* The mean of children[first, first + n) into f, with their counts. */
static void score_mean(struct samm_fig *f, const struct samm_fig *children, int first, int n)
{
	double sum = 0;
	for (int i = first; i < first + n; i++) {
		sum += children[i].score;
		score_add_counts(f, &children[i]);
	}
	f->score = n > 0 ? sum / n : 0;
	score_set_na(f);
}

/* The mean of the included children of f (excluded[i] non-zero: left
 * out); counts still add up every child, so shares stay those of the
 * whole.  *none := no child is included. */
static void score_mean_partial(struct samm_fig *f, const struct samm_fig *children, int first,
			       int n, int *none)
{
	double sum = 0, all = 0;
	int k = 0;
	for (int i = first; i < first + n; i++) {
		score_add_counts(f, &children[i]);
		all += children[i].score;
		if (!children[i].excluded) {
			sum += children[i].score;
			k++;
		}
	}
	/* a node with every child left out keeps its own figure (the mean of
	 * them all) for display; it is not counted above */
	f->score = k > 0 ? sum / k : n > 0 ? all / n : 0;
	*none = n > 0 && k == 0;
	score_set_na(f);
}

void samm_rollup_partial(const struct samm_model *m, const double *practice,
			 const unsigned char *excluded, double *function,
			 unsigned char *fn_excluded, double *overall)
{
	double total = 0;
	int kf = 0;
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		double sum = 0, all = 0;
		int k = 0;
		for (int p = fu->first_practice; p < fu->first_practice + fu->n_practices; p++) {
			all += practice[p];
			if (!excluded || !excluded[p]) {
				sum += practice[p];
				k++;
			}
		}
		function[fn] = k > 0 ? sum / k : fu->n_practices > 0 ? all / fu->n_practices : 0;
		if (fn_excluded)
			fn_excluded[fn] = fu->n_practices > 0 && k == 0;
		if (k > 0 || fu->n_practices == 0) {
			total += function[fn];
			kf++;
		}
	}
	*overall = kf > 0 ? total / kf : 0;
}

enum samm_status samm_scorecard_compute(const struct samm_model *m, const int *values,
					struct samm_scorecard *sc)
{
	return samm_scorecard_compute_partial(m, values, NULL, sc);
}

enum samm_status samm_scorecard_compute_partial(const struct samm_model *m, const int *values,
						const unsigned char *excluded,
						struct samm_scorecard *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->function = score_alloc(m->n_functions);
	sc->practice = score_alloc(m->n_practices);
	sc->stream = score_alloc(m->n_streams);
	sc->activity = score_alloc(m->n_activities);
	sc->item = score_alloc(m->n_items);
	if (!sc->function || !sc->practice || !sc->stream || !sc->activity || !sc->item) {
		samm_scorecard_free(sc);
		return SAMM_NOMEM;
	}

	for (int i = 0; i < m->n_items; i++) {
		struct samm_fig *f = &sc->item[i];
		int v = values ? values[i] : SAMM_UNSET;
		/* a stray stored value is treated as never scored */
		if (!samm_value_valid(v))
			v = SAMM_UNSET;
		f->score = samm_value_worth(v);
		f->na = v == SAMM_NA;
		f->n_items = 1;
		f->n_answered = v != SAMM_UNSET;
		f->n_na = f->na;
	}

	/* activity: the weakest criterion that applies; SAMM does not average
	 * criteria, one unmet criterion caps the activity */
	for (int a = 0; a < m->n_activities; a++) {
		const struct samm_activity *act = &m->activities[a];
		struct samm_fig *f = &sc->activity[a];
		double min = 2;         /* above any worth: "none applies yet" */
		for (int i = act->first_item; i < act->first_item + act->n_items; i++) {
			const struct samm_fig *it = &sc->item[i];
			score_add_counts(f, it);
			if (!it->na && it->score < min)
				min = it->score;
		}
		f->na = min > 1;
		f->score = f->na ? 0 : min;
	}

	/* stream: the sum of its activities, one per level (0..3) */
	for (int s = 0; s < m->n_streams; s++) {
		const struct samm_stream *st = &m->streams[s];
		struct samm_fig *f = &sc->stream[s];
		double sum = 0;
		for (int a = st->first_activity; a < st->first_activity + st->n_activities; a++) {
			sum += sc->activity[a].score;
			score_add_counts(f, &sc->activity[a]);
		}
		f->score = sum;
		score_set_na(f);
	}

	for (int p = 0; p < m->n_practices; p++) {
		const struct samm_practice *pr = &m->practices[p];
		score_mean(&sc->practice[p], sc->stream, pr->first_stream, pr->n_streams);
		sc->practice[p].excluded = excluded && excluded[p];
		sc->partial |= sc->practice[p].excluded;
	}
	if (!sc->partial) {
		for (int fn = 0; fn < m->n_functions; fn++) {
			const struct samm_function *fu = &m->functions[fn];
			score_mean(&sc->function[fn], sc->practice, fu->first_practice,
				   fu->n_practices);
		}
		score_mean(&sc->overall, sc->function, 0, m->n_functions);
		return SAMM_OK;
	}
	for (int fn = 0; fn < m->n_functions; fn++) {
		const struct samm_function *fu = &m->functions[fn];
		score_mean_partial(&sc->function[fn], sc->practice, fu->first_practice,
				   fu->n_practices, &sc->function[fn].excluded);
	}
	int none;
	score_mean_partial(&sc->overall, sc->function, 0, m->n_functions, &none);
	return SAMM_OK;
}

void samm_scorecard_free(struct samm_scorecard *sc)
{
	if (!sc)
		return;
	free(sc->function);
	free(sc->practice);
	free(sc->stream);
	free(sc->activity);
	free(sc->item);
	memset(sc, 0, sizeof *sc);
}

const struct samm_fig *samm_scorecard_get(const struct samm_scorecard *sc,
					  struct samm_ref ref)
{
	/* the scorecard does not know the model's sizes: the caller's ref
	 * comes from that model, only a negative index is caught here */
	if (!sc || ref.index < 0)
		return NULL;
	switch (ref.level) {
	case SAMM_L_OVERALL:  return &sc->overall;
	case SAMM_L_FUNCTION: return sc->function ? &sc->function[ref.index] : NULL;
	case SAMM_L_PRACTICE: return sc->practice ? &sc->practice[ref.index] : NULL;
	case SAMM_L_STREAM:   return sc->stream ? &sc->stream[ref.index] : NULL;
	case SAMM_L_ACTIVITY: return sc->activity ? &sc->activity[ref.index] : NULL;
	case SAMM_L_ITEM:     return sc->item ? &sc->item[ref.index] : NULL;
	}
	return NULL;
}

double samm_practice_score(const struct samm_model *m, const int *values, int p, int *na)
{
	const struct samm_practice *pr = &m->practices[p];
	double sum = 0;
	int n_items = 0, n_na = 0;

	for (int s = pr->first_stream; s < pr->first_stream + pr->n_streams; s++) {
		const struct samm_stream *st = &m->streams[s];
		for (int a = st->first_activity; a < st->first_activity + st->n_activities; a++) {
			const struct samm_activity *act = &m->activities[a];
			double min = 2;         /* as in samm_scorecard_compute */
			for (int i = act->first_item; i < act->first_item + act->n_items; i++) {
				int v = values ? values[i] : SAMM_UNSET;
				if (!samm_value_valid(v))
					v = SAMM_UNSET;
				n_items++;
				if (v == SAMM_NA) {
					n_na++;
				} else if (samm_value_worth(v) < min) {
					min = samm_value_worth(v);
				}
			}
			sum += min > 1 ? 0 : min;
		}
	}
	if (na)
		*na = n_items > 0 && n_na == n_items;
	return pr->n_streams > 0 ? sum / pr->n_streams : 0;
}

const char *samm_scorecard_mark(const struct samm_model *m, const struct samm_scorecard *sc,
				struct samm_ref ref)
{
	int p = -1;

	if (!sc->partial)
		return "";
	switch (ref.level) {
	case SAMM_L_OVERALL:
		return "partial";
	case SAMM_L_FUNCTION:
		if (sc->function[ref.index].excluded)
			return "excluded";
		for (int i = 0; i < m->functions[ref.index].n_practices; i++)
			if (sc->practice[m->functions[ref.index].first_practice + i].excluded)
				return "partial";
		return "";
	case SAMM_L_PRACTICE: p = ref.index; break;
	case SAMM_L_STREAM:   p = m->streams[ref.index].practice; break;
	case SAMM_L_ACTIVITY: p = m->streams[m->activities[ref.index].stream].practice; break;
	case SAMM_L_ITEM:
		p = m->streams[m->activities[m->items[ref.index].activity].stream].practice;
		break;
	}
	return p >= 0 && sc->practice[p].excluded ? "excluded" : "";
}
