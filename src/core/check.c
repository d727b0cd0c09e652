/* check.c - the policy check: stagnation, regressions and the overall
 * score against limits. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "samm/project.h"
#include "analysis_int.h"

/* ---- Policy check -------------------------------------------------------------------------------- */

static enum samm_status an_check_run(struct samm_store *st, int64_t scope_id,
				const struct samm_check_policy *pol,
				struct samm_check_result *out, struct samm_error *err)
{
	struct samm_stagnant *sg = NULL;
	enum samm_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = samm_stagnant_compute(st, scope_id, pol->window, &sg, err)))
		return rc;
	if (!sg->n_periods) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "scope '%s' has no periods",
				    sg->scope.name);
		samm_stagnant_free(sg);
		return rc;
	}
	out->n_periods = sg->n_periods;
	out->latest = sg->periods[sg->n_periods - 1];
	out->enough = sg->enough;
	out->n_stagnant_items = (int)sg->n_items;
	out->n_stagnant_practices = sg->n_stagnant_practices;
	out->n_regressed_items = (int)sg->n_regressed;
	out->n_regressed_practices = sg->n_regressed_practices;
	out->n_unassessed = sg->n_unassessed;

	/* A diff against itself when there is no previous period gives the
	 * latest overall score with nothing changed. */
	out->has_previous = sg->n_periods >= 2;
	if (out->has_previous)
		out->previous = sg->periods[sg->n_periods - 2];
	struct samm_diff *d = NULL;
	rc = samm_diff_periods(st, out->has_previous ? out->previous.id : out->latest.id,
			       out->latest.id, SAMM_L_OVERALL, &d, err);
	if (!rc && !(rc = samm_coverage_compute(st, sg, &out->coverage, err)))
		out->n_uncovered = out->coverage->n_uncovered;
	samm_stagnant_free(sg);
	if (rc) {
		samm_diff_free(d);
		return rc;
	}
	out->n_up = d->n_up;
	out->n_down = d->n_down;
	out->n_changed = d->n_changed;
	out->overall = d->overall.new_score;
	out->overall_delta = d->overall.delta;
	samm_diff_free(d);

	if (pol->max_stagnant >= 0 && out->n_stagnant_items > pol->max_stagnant)
		out->broken |= SAMM_CHECK_MAX_STAGNANT;
	if (pol->no_regressions && (out->n_regressed_items || out->n_regressed_practices))
		out->broken |= SAMM_CHECK_REGRESSIONS;
	if (pol->min_overall >= 0 && out->overall < pol->min_overall - SCORE_EPS)
		out->broken |= SAMM_CHECK_MIN_OVERALL;
	if (pol->max_uncovered >= 0 && out->n_uncovered > pol->max_uncovered)
		out->broken |= SAMM_CHECK_MAX_UNCOVERED;
	return SAMM_OK;
}

enum samm_status samm_check_run(struct samm_store *st, int64_t scope_id,
				const struct samm_check_policy *pol,
				struct samm_check_result *out, struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = an_check_run(st, scope_id, pol, out, err);
	samm_store_snap_end(st, began);
	if (rc)
		samm_check_result_free(out);
	return rc;
}

void samm_check_result_free(struct samm_check_result *r)
{
	if (!r)
		return;
	samm_coverage_free(r->coverage);
	r->coverage = NULL;
}
