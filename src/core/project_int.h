/* project_int.h - what the project modules share (project.c, link.c,
 * project_detail.c, target.c, coverage.c; helpers in project_common.c).
 * Not part of the public API. */
#ifndef SAMM_PROJECT_INT_H
#define SAMM_PROJECT_INT_H

#include <stddef.h>
#include <stdint.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/score.h"
#include "store_int.h"

/* Scores are sums and means of quarters; closer than this is equal. */
#define EPS 1e-9

/* ---- The change log --------------------------------------------------------- */

/* Who, when and in which scope: the part every log row of one call shares. */
struct logctx {
	const char *user;
	char now[32];
	char scope[128];
};

/* user NULL or "" -> samm_user(); now := the clock. */
void logctx_init(struct logctx *lc, const char *user);
/* lc->scope := the name of scope scope_id. */
enum samm_status pj_scope_name(struct samm_store *st, int64_t scope_id, struct logctx *lc,
			       struct samm_error *err);
/* One row: item prefix + name ("project:", "target:"). */
enum samm_status log_put(struct samm_store *st, const struct logctx *lc, const char *period,
			 const char *prefix, const char *name, int old_value, int new_value,
			 const char *old_note, const char *new_note, struct samm_error *err);
/* A row about a project (item "project:NAME", period ""). */
enum samm_status log_project(struct samm_store *st, const struct logctx *lc,
			     const char *project, const char *old_note, const char *new_note,
			     struct samm_error *err);

/* Who wrote the latest log row of item ("project:NAME", "target:CODE") in
 * scope_id (and period, when not NULL), and when: "" each when none. */
void pj_last_change(struct samm_store *st, int64_t scope_id, const char *period,
		    const char *item, char *by, size_t by_size, char *at, size_t at_size);

/* ---- Values of a period ------------------------------------------------------ */

/* One period's values and scorecard. */
struct pvals {
	int64_t period_id;
	const struct samm_model *m;
	int *values;            /* [m->n_items] */
	struct samm_scorecard sc;
	int have_sc;
	int *targets;           /* [m->n_activities]; NULL until asked for */
};

/* The periods one call has read (a handful: a linear list is enough).
 * Each is allocated on its own so that pointers to it survive growing
 * the list. */
struct pcache {
	struct samm_store *st;
	struct pvals **v;
	size_t n, cap;
};

void pcache_free(struct pcache *c);
/* p's values and scorecard, read on first use. */
enum samm_status pcache_get(struct pcache *c, const struct samm_period *p,
			    struct pvals **out, struct samm_error *err);
/* pv->targets, read on first use. */
enum samm_status pvals_targets(struct pcache *c, struct pvals *pv, struct samm_error *err);

/* An activity's index in m by code (-1 when m is NULL or lacks it). */
int act_find(const struct samm_model *m, const char *code);
/* The value whose worth is an activity's score. */
int fig_value(const struct samm_fig *f);
/* An activity's or an item's point in pv (NULL: not present); *index its
 * index in pv's model or -1. */
struct samm_project_point act_point(const struct pvals *pv, const char *code, int *index);
struct samm_project_point item_point(const struct pvals *pv, const char *id, int *index);
enum samm_dir point_dir(const struct samm_project_point *a, const struct samm_project_point *b);

/* ---- Projects ------------------------------------------------------------------ */

/* One project by id with its outcome, inside the caller's snapshot or
 * transaction.  SAMM_NOTFOUND "no project #ID". */
enum samm_status pj_project_get(struct samm_store *st, int64_t project_id,
				struct samm_project *out, struct samm_error *err);

#endif
