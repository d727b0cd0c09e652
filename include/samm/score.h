/* score.h - the official SAMM scores, as the OWASP SAMM Toolbox computes them.
 *
 *   item      its value's worth (0, 0.25, 0.5, 1); unset counts 0
 *   activity  the lowest worth among its criteria that are not N/A;
 *             N/A when all its criteria are N/A
 *   stream    the sum of its activities' values (N/A counts 0): 0..3
 *   practice  the mean of its streams ((A + B) / 2): 0..3
 *   function  the mean of its practices
 *   overall   the mean of the functions
 *
 * A scope may assess part of SAMM (samm_scorecard_compute_partial): its
 * excluded practices still get their own figures but are not counted
 * above them; a function is then the mean of its included practices, the
 * overall the mean of the functions that keep one (a function whose
 * practices are all excluded is left out, and keeps the plain mean of its
 * practices as its own figure, marked excluded).  Nothing excluded gives exactly
 * the figures above.
 *
 * No rounding anywhere.  Each figure also carries the counts behind the
 * shares "answered" (items with any answer, N/A included) and "N/A". */
#ifndef SAMM_SCORE_H
#define SAMM_SCORE_H

#include "samm/model.h"

struct samm_fig {
	double score;           /* official figure; 0 when na */
	int na;                 /* item: value is N/A; activity: all criteria N/A;
				   higher levels: every item below is N/A */
	int n_items;            /* criteria below this node */
	int n_answered;         /* of which have any answer (N/A included) */
	int n_na;               /* of which are N/A */
	int excluded;           /* practice: left out of its scope; function: all of
				   its practices are; not counted in the figures above */
};

struct samm_scorecard {
	struct samm_fig overall;
	struct samm_fig *function;  /* [m->n_functions] */
	struct samm_fig *practice;  /* [m->n_practices] */
	struct samm_fig *stream;    /* [m->n_streams] */
	struct samm_fig *activity;  /* [m->n_activities] */
	struct samm_fig *item;      /* [m->n_items] */
	int partial;                /* some practice is excluded: the function and
				       overall figures cover part of SAMM */
};

/* Compute every figure from values[m->n_items] (enum samm_value, aligned
 * with m->items).  sc is filled with arrays the caller releases with
 * samm_scorecard_free().  SAMM_NOMEM or SAMM_OK. */
enum samm_status samm_scorecard_compute(const struct samm_model *m, const int *values,
					struct samm_scorecard *sc);
/* The same for a scope that leaves out the practices p with excluded[p]
 * non-zero (excluded[m->n_practices]; NULL: none, the same as
 * samm_scorecard_compute). */
enum samm_status samm_scorecard_compute_partial(const struct samm_model *m, const int *values,
						const unsigned char *excluded,
						struct samm_scorecard *sc);
void samm_scorecard_free(struct samm_scorecard *sc);
/* How a figure of a partial scorecard reads: "excluded" for a node of a
 * practice it leaves out (or a function all of whose practices are),
 * "partial" for a function or overall figure that leaves something out,
 * else "" (also for any node of a complete scorecard).  A static string. */
const char *samm_scorecard_mark(const struct samm_model *m, const struct samm_scorecard *sc,
				struct samm_ref ref);

/* The partial roll-up on its own: function[fn] := the mean of
 * practice[] over the included practices of fn (when none: over all of
 * them, and fn_excluded[fn] := 1 if not NULL), *overall := the mean over the
 * functions that keep a practice.  excluded NULL: none.  Used by the
 * scorecard and by projected figures (roadmap.h). */
void samm_rollup_partial(const struct samm_model *m, const double *practice,
			 const unsigned char *excluded, double *function,
			 unsigned char *fn_excluded, double *overall);

/* The score of practice p alone, from values[m->n_items] as above: the
 * same figure samm_scorecard_compute gives, without computing the rest.
 * *na (may be NULL) says whether every item below is N/A. */
double samm_practice_score(const struct samm_model *m, const int *values, int p, int *na);

/* The figure of one node. */
const struct samm_fig *samm_scorecard_get(const struct samm_scorecard *sc,
					  struct samm_ref ref);

#endif
