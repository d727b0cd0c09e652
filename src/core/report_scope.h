/* report_scope.h - what one scope's page is built from (report.c and
 * report_sections.c only). */
#ifndef SAMM_REPORT_SCOPE_H
#define SAMM_REPORT_SCOPE_H

#include <stdio.h>
#include "core/report_int.h"
#include "samm/analysis.h"
#include "samm/project.h"
#include "samm/report.h"
#include "samm/score.h"
#include "samm/store.h"

struct rp_scope {
	struct samm_store *st;
	const struct samm_report_opts *o;
	FILE *fp;
	struct samm_error *err;
	struct samm_scope scope;
	struct samm_period *periods; size_t n_periods;  /* oldest first */
	size_t k;                       /* the reported period's index */
	struct samm_assessment *cur, *prev;     /* prev: periods[k - 1], or NULL */
	const struct samm_model *m;     /* cur's model */
	struct samm_scorecard sc, psc;
	int have_sc, have_psc;
	int *targets;                   /* [m->n_activities] */
	struct samm_targetcard tc;
	int have_tc;
	struct samm_model_info mi;
	int have_mi;
};

/* Index of a practice (by code) or a function (by name) in m, or -1. */
int rp_find_practice(const struct samm_model *m, const char *code);
int rp_find_function(const struct samm_model *m, const char *name);
/* The previous period's figure of a function or practice of r->m, or NULL. */
const struct samm_fig *rp_prev_fig(const struct rp_scope *r, struct samm_ref ref);

/* The sections of report_sections.c, each a <section>. */
enum samm_status rp_trends(struct rp_scope *r);
enum samm_status rp_moved(struct rp_scope *r);
enum samm_status rp_stuck(struct rp_scope *r);
enum samm_status rp_projects(struct rp_scope *r);

#endif
