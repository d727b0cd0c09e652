/* API-STABLE */
/* project.h - projects mapped to activities, targets, and what they say.
 *
 * A project belongs to one scope and has a name (unique in that scope), an
 * owner, a description, a status (planned, active, done, dropped), a start
 * period and an end period (either may be missing), and links to any number
 * of activities and items (many-to-many: an activity may be linked to many
 * projects, a project to many activities).
 *
 * A target is a value (no, some, half, most: worth 0, 0.25, 0.5, 1) for one
 * activity in one period: where the activity should be by then.  The
 * practice, function and overall targets follow from the activity targets
 * with the formulas of the scores (score.h): stream = sum of its
 * activities, practice = mean of its streams, function = mean of its
 * practices, overall = mean of the functions.  An activity without a target
 * counts where it stands (its score in the period), as in the SAMM Toolbox,
 * whose target answers start as the current ones: a figure's target moves
 * only with the targets set under it.  An activity that is N/A in the
 * period counts 0 (as in the score).
 *
 * Conventions shared by every function below:
 *   - Links and targets name activities and items by id (activity code
 *     "G-SM-1-A", item id "G-SM-1-A.1"), matched by id across models like
 *     scores are.  New links and targets are checked against a model: the
 *     period's model for targets; for links, the model of the scope's
 *     latest period (else the latest loaded model).
 *   - "Covers": a project covers an activity when it links that activity or
 *     one of its items; it covers an item when it links that item or the
 *     item's activity.
 *   - Every write is one transaction (all or nothing) and writes change-log
 *     rows (store.h, samm_store_log) that `sammtui log` shows:
 *       project changes: scope = the project's scope, period = "",
 *         item = "project:NAME", old_value = new_value = unset,
 *         old_note / new_note = what it was / what it became as text,
 *         one row per field: "status planned" -> "status active",
 *         "no owner" -> "owner bob", "end P3" -> "no end", "name Old" ->
 *         "name New" (logged under the new name); links and the life of
 *         the project have no old note: NULL -> "linked G-SM-1-A",
 *         "unlinked G-SM-1-A", "created (planned, owner alice, start P1)",
 *         "deleted (done, 3 links)";
 *       target changes: period = the period, item = "target:ACTIVITY",
 *         old_value / new_value = the targets (SAMM_UNSET when none).
 *     Writes on a read-only store: SAMM_READONLY.
 *   - Ownership: fixed arrays are part of their struct; other results are
 *     one allocation tree released with the matching *_free (NULL is
 *     accepted): samm_X_free(p) for one result, samm_X_list_free(v, n) for
 *     a list.  `const struct samm_model *` and
 *     `const char *` pointers into models are owned by the store: valid
 *     until samm_store_close(), like samm_store_model_get().
 *   - Errors: SAMM_USAGE (bad argument: empty or too long a name, a bad
 *     status or value, a practice id where an activity is needed, periods of
 *     another scope, an end before the start), SAMM_NOTFOUND (no such
 *     project, period, id, or link), SAMM_EXISTS (a project of that name
 *     already exists in the scope), SAMM_READONLY, SAMM_BUSY, SAMM_DB,
 *     SAMM_NOMEM; err gets a one-line message naming what is at fault.  On
 *     error *out is NULL (or, for fixed structs, left undefined) and
 *     nothing was written. */
#ifndef SAMM_PROJECT_H
#define SAMM_PROJECT_H

#include <stddef.h>
#include <stdint.h>
#include "samm/analysis.h"
#include "samm/error.h"
#include "samm/model.h"
#include "samm/score.h"
#include "samm/store.h"

/* ---- Status ---------------------------------------------------------------- */

enum samm_project_status {
	SAMM_PROJECT_PLANNED,
	SAMM_PROJECT_ACTIVE,
	SAMM_PROJECT_DONE,
	SAMM_PROJECT_DROPPED,
	SAMM_PROJECT_STATUS_COUNT
};

/* Sets of statuses, for filters: SAMM_PROJECT_MASK(SAMM_PROJECT_DONE) ... */
#define SAMM_PROJECT_MASK(s)   (1u << (s))
#define SAMM_PROJECT_OPEN      (SAMM_PROJECT_MASK(SAMM_PROJECT_PLANNED) | \
				SAMM_PROJECT_MASK(SAMM_PROJECT_ACTIVE))
#define SAMM_PROJECT_ANY       ((1u << SAMM_PROJECT_STATUS_COUNT) - 1)

/* "planned" "active" "done" "dropped"; "?" when out of range. */
const char *samm_project_status_name(enum samm_project_status s);
/* Inverse of samm_project_status_name (exact, lower case): 0 and *out set,
 * or -1 when s is none of them. */
int samm_project_status_parse(const char *s, enum samm_project_status *out);

/* ---- Projects ---------------------------------------------------------------- */

#define SAMM_PROJECT_NAME_MAX  128      /* bytes with the NUL, as the arrays below */
#define SAMM_PROJECT_DESC_MAX  1024

struct samm_project {
	int64_t id;
	int64_t scope_id;
	char name[SAMM_PROJECT_NAME_MAX];
	char owner[SAMM_PROJECT_NAME_MAX];       /* "" when none */
	char description[SAMM_PROJECT_DESC_MAX]; /* "" when none */
	enum samm_project_status status;
	struct samm_period start;       /* start.id == 0: no start period */
	struct samm_period end;         /* end.id == 0: no end period (open) */
	char created_at[32];            /* ISO 8601 UTC */
	char updated_at[32];
	int64_t phase_id;               /* the roadmap phase it serves (roadmap.h); 0: none */
	char phase_name[64];            /* "" when none */
	int n_links;                    /* activities and items linked */
	int n_activities;               /* distinct activities they cover */
	/* Outcome, for a done project with a start and an end period: how many
	 * of the activities it covers rose (activity value, start -> end, by
	 * samm_value_dir: UP) out of those present in both periods' models.
	 * has_outcome is 0 (and the counts 0) for any other project. */
	int has_outcome;
	int n_rose;
	int n_compared;
};

/* What samm_project_new / samm_project_set write.  A NULL string or a zero
 * set_* flag leaves the field as it is (samm_project_new: its default). */
struct samm_project_fields {
	const char *name;               /* rename (set only); same rules as a new name */
	const char *owner;              /* "" removes the owner */
	const char *description;        /* "" removes it */
	int set_status;
	enum samm_project_status status;/* new: default planned */
	int set_start;
	int64_t start_id;               /* a period of the scope; 0: none.
					   new: default the scope's latest period */
	int set_end;
	int64_t end_id;                 /* a period of the scope; 0: none. new: default none */
	int set_phase;
	int64_t phase_id;               /* a phase of the scope (roadmap.h); 0: none.
					   Logged "phase P1" -> "phase P2" */
};

/* Create a project in scope_id.  name: non-empty, valid UTF-8, no control
 * characters (C0, DEL, C1 nor bidirectional controls: samm_cp_is_control),
 * < SAMM_PROJECT_NAME_MAX bytes (owner alike but may be
 * empty; description valid UTF-8 < SAMM_PROJECT_DESC_MAX bytes).  f may be
 * NULL (all defaults).  The end period may not be older (by date) than the
 * start period.  Logs "created".  out (may be NULL) gets the project. */
enum samm_status samm_project_new(struct samm_store *st, int64_t scope_id, const char *name,
				  const struct samm_project_fields *f, const char *user,
				  struct samm_project *out, struct samm_error *err);

/* Change the fields f flags.  Marking a project done when it has no end
 * period and f sets none makes the scope's latest period its end (the
 * outcome needs one).  One log row per field that really changes;
 * *n_changed (may be NULL) counts them (0: nothing to do, nothing written). */
enum samm_status samm_project_set(struct samm_store *st, int64_t project_id,
				  const struct samm_project_fields *f, const char *user,
				  int *n_changed, struct samm_error *err);
/* samm_project_set as a compare-and-set on the status: SAMM_CONFLICT,
 * nothing written, when the status is no longer old_status (what the
 * caller read); err names who changed the project last and when. */
enum samm_status samm_project_set_if(struct samm_store *st, int64_t project_id,
				     const struct samm_project_fields *f,
				     enum samm_project_status old_status, const char *user,
				     int *n_changed, struct samm_error *err);

/* Delete a project and its links.  Logs "deleted" (with what it was). */
enum samm_status samm_project_delete(struct samm_store *st, int64_t project_id,
				     const char *user, struct samm_error *err);

/* One project by name in a scope, or by id; counts and outcome filled. */
enum samm_status samm_project_find(struct samm_store *st, int64_t scope_id, const char *name,
				   struct samm_project *out, struct samm_error *err);
enum samm_status samm_project_get(struct samm_store *st, int64_t project_id,
				  struct samm_project *out, struct samm_error *err);

/* Projects of scope_id whose status is in status_mask (SAMM_PROJECT_ANY
 * for all), ordered by status (planned, active, done, dropped) then name;
 * counts and outcome filled.  Free with samm_project_list_free(*out, *n). */
enum samm_status samm_project_list(struct samm_store *st, int64_t scope_id,
				   unsigned status_mask, struct samm_project **out, size_t *n,
				   struct samm_error *err);
void samm_project_list_free(struct samm_project *v, size_t n);

/* Projects of scope_id with a status in status_mask that cover the node
 * (level, id): level SAMM_L_ACTIVITY with an activity code, or
 * SAMM_L_ITEM with an item id (SAMM_USAGE for other levels).  The id need
 * not exist in any model.  Same order and filling as samm_project_list;
 * free with samm_project_list_free(*out, *n) (*out NULL when *n is 0). */
enum samm_status samm_project_covering(struct samm_store *st, int64_t scope_id,
				       enum samm_level level, const char *id,
				       unsigned status_mask, struct samm_project **out,
				       size_t *n, struct samm_error *err);

/* ---- Links ------------------------------------------------------------------------ */

struct samm_project_link {
	enum samm_level level;          /* SAMM_L_ACTIVITY or SAMM_L_ITEM */
	char id[128];                   /* activity code or item id */
	char activity[128];             /* the activity's code (== id for an activity) */
};

/* Link ids (activity codes or item ids; a function, practice or stream is
 * SAMM_USAGE, an unknown id SAMM_NOTFOUND naming it: then nothing at all is
 * written).  Ids already linked are skipped.  *n_added (may be NULL)
 * counts the new links; one log row each. */
enum samm_status samm_project_link(struct samm_store *st, int64_t project_id,
				   const char *const *ids, size_t n, const char *user,
				   int *n_added, struct samm_error *err);

/* Remove links; the ids need not exist in any model any more.  An id that
 * is not linked: SAMM_NOTFOUND naming it, nothing written.  *n_removed
 * (may be NULL) counts them; one log row each. */
enum samm_status samm_project_unlink(struct samm_store *st, int64_t project_id,
				     const char *const *ids, size_t n, const char *user,
				     int *n_removed, struct samm_error *err);

/* The links of a project ordered by activity code then id (the activity's
 * own link first).  Free with samm_project_link_list_free(*out, *n). */
enum samm_status samm_project_links(struct samm_store *st, int64_t project_id,
				    struct samm_project_link **out, size_t *n,
				    struct samm_error *err);
void samm_project_link_list_free(struct samm_project_link *v, size_t n);

/* Ids of scope_id's projects (any status) that link id itself, an activity
 * code or an item id (not merely cover it), read in one statement, in no
 * particular order.  Free *ids with free(). */
enum samm_status samm_project_linkers(struct samm_store *st, int64_t scope_id, const char *id,
				      int64_t **ids, size_t *n, struct samm_error *err);

/* ---- One project in detail (`project show`, the Projects view) -------------------------- */

/* A linked node in one period. */
struct samm_project_point {
	int present;            /* the id exists in that period's model */
	int value;              /* enum samm_value.  Item: its answer.  Activity: the
				   value worth its score (no some half most), SAMM_NA
				   when all its criteria are N/A, SAMM_UNSET when none
				   is answered.  SAMM_UNSET when absent. */
	double score;           /* its worth; 0 when N/A, unset or absent */
};

struct samm_project_row {
	enum samm_level level;          /* SAMM_L_ACTIVITY or SAMM_L_ITEM */
	char id[128];                   /* as linked */
	char activity[128];             /* its activity's code */
	const char *name;               /* activity title / criterion from the now
					   (else start) model; "" when in neither */
	struct samm_project_point start, now;
	enum samm_dir dir;              /* start -> now by samm_value_dir (SAME, UP,
					   DOWN, CHANGED); ADDED / REMOVED when present
					   in only the now / start model; SAME when in
					   neither or when there is no start period */
	int target;                     /* enum samm_value: the activity's target in the
					   now period; SAMM_UNSET when none */
	int reached;                    /* has a target and now.score >= its worth (N/A
					   counts as reached: the activity does not apply) */
	double gap;                     /* target worth - now.score; 0 without target
					   and when N/A now (reached) */
};

struct samm_project_detail {
	struct samm_project project;    /* as samm_project_get gives it */
	/* The periods compared: the project's start period, and "now": its end
	 * period, else the scope's latest period.  has_* 0 when missing (no
	 * start; a scope without periods). */
	struct samm_period start, now;
	int has_start, has_now;
	int now_is_end;                 /* now is the project's end period */
	const struct samm_model *start_model, *now_model;   /* store-owned; NULL when missing */
	/* Every link: activities in the now model's order, each followed by its
	 * linked items in model order; then ids absent from the now model, by id. */
	struct samm_project_row *rows; size_t n_rows;
	/* Over the distinct activities covered (linked, or through an item): */
	int n_activities;
	int n_compared;                 /* present in both periods */
	int n_rose, n_fell;             /* value up / down, start -> now */
	int n_targets;                  /* with a target in the now period */
	int n_reached;                  /* of which reached it */
};

enum samm_status samm_project_detail(struct samm_store *st, int64_t project_id,
				     struct samm_project_detail **out, struct samm_error *err);
void samm_project_detail_free(struct samm_project_detail *d);

/* ---- Targets ---------------------------------------------------------------------------- */

/* Targets belong to the phases of a roadmap (roadmap.h); these three work
 * on "the targets of a period": those of the phase that counts for it (the
 * first phase due on or after the period's date, else the last one).
 *
 * Set the target of every activity under id to value (0..3: no some half
 * most; SAMM_NA or SAMM_UNSET: SAMM_USAGE) in the phase that counts for
 * period_id; when the scope has no phase yet, one is made in the same
 * transaction, named after the period and due on its date.  id: an
 * activity, or a stream, practice or function (all its activities), or
 * "overall" (every activity), resolved in the scope's model
 * (samm_scope_model); an item id is SAMM_USAGE.  *n_changed (may be NULL)
 * counts the activities whose target really changed; one log row each
 * (period = the phase's name). */
enum samm_status samm_target_set(struct samm_store *st, int64_t period_id, const char *id,
				 int value, const char *user, int *n_changed,
				 struct samm_error *err);

/* No target for the activities under id (as samm_target_set) in the phase
 * that counts for period_id (samm_phase_target_clear).  An activity code no
 * longer in the model is accepted too.  *n_changed (may be NULL) counts the
 * targets removed (0 is no error). */
enum samm_status samm_target_clear(struct samm_store *st, int64_t period_id, const char *id,
				   const char *user, int *n_changed, struct samm_error *err);

/* One activity's target as a compare-and-set: set it to value (0..3), or
 * remove it (SAMM_UNSET), only if it is still old (what the caller read;
 * SAMM_UNSET: none).  Otherwise SAMM_CONFLICT, nothing written, err naming
 * who set it last and when.  *n_changed (may be NULL) as samm_target_set. */
enum samm_status samm_target_put_if(struct samm_store *st, int64_t period_id,
				    const char *activity, int value, int old, const char *user,
				    int *n_changed, struct samm_error *err);

/* targets[m->n_activities] := the targets that apply to period_id (enum
 * samm_value, SAMM_UNSET where none; all SAMM_UNSET when the scope has no
 * phase), aligned with m, which should be the period's model; targets of
 * activities m lacks are ignored. */
enum samm_status samm_target_load(struct samm_store *st, int64_t period_id,
				  const struct samm_model *m, int *targets,
				  struct samm_error *err);

/* The targets of one node beside its score. */
struct samm_target_fig {
	int n_targets;          /* activities below (itself for an activity) with a target */
	double target;          /* the rolled-up target (activity: its worth); 0 when
				   n_targets is 0 */
	double score;           /* the official score (samm_scorecard) */
	int na;                 /* N/A as in the scorecard: no target applies */
	double gap;             /* target - score; 0 when n_targets is 0 or na */
	int has_percent;        /* n_targets > 0, target > 0 and not na */
	double percent;         /* 100 * score / target (may exceed 100) */
	int reached;            /* n_targets > 0 and (na or score >= target) */
};

struct samm_targetcard {
	struct samm_target_fig overall;
	struct samm_target_fig *function;   /* [m->n_functions] */
	struct samm_target_fig *practice;   /* [m->n_practices] */
	struct samm_target_fig *stream;     /* [m->n_streams] */
	struct samm_target_fig *activity;   /* [m->n_activities] */
	int *value;             /* [m->n_activities]: the targets given (enum samm_value,
				   SAMM_UNSET where none) */
};

/* Roll up the activity targets targets[m->n_activities] (as
 * samm_target_load gives them; NULL: none) beside the scores sc (computed
 * for the same model).  When sc is partial (samm_scorecard_compute_partial)
 * the function and overall targets leave out the excluded practices as the
 * scores do.  No store needed: the screens recompute it on every
 * key press.  tc is filled with arrays freed by samm_targetcard_free().
 * SAMM_NOMEM or SAMM_OK. */
enum samm_status samm_targetcard_compute(const struct samm_model *m,
					 const struct samm_scorecard *sc, const int *targets,
					 struct samm_targetcard *tc);
void samm_targetcard_free(struct samm_targetcard *tc);

/* The target figure of a node above the item (NULL for an item or a
 * negative index). */
const struct samm_target_fig *samm_targetcard_get(const struct samm_targetcard *tc,
						  struct samm_ref ref);

/* ---- Coverage of stuck areas (`stagnant`, `check`) ----------------------------------------- */

/* An activity of the latest period's model that is stagnant (at least one
 * of its criteria is a stagnant item of the samm_stagnant result) or below
 * target (it has a target in the latest period, is not N/A, and scores
 * below it), with the active or planned projects covering it. */
struct samm_cover_row {
	int activity;           /* index in model->activities */
	const char *code;       /* model string */
	int practice;           /* index in model->practices */
	int stagnant;
	int below_target;
	int value;              /* the activity's value in the latest period (as
				   samm_project_point.value) */
	double score;
	int target;             /* enum samm_value; SAMM_UNSET when none */
	struct samm_project *projects;  /* [n_projects] covering it, as samm_project_covering
					   with SAMM_PROJECT_OPEN; owned by the result */
	size_t n_projects;
};

struct samm_coverage {
	const struct samm_model *model; /* the latest period's model (store-owned);
					   NULL when the scope has no period */
	struct samm_period latest;      /* valid when model is not NULL */
	int n_projects;                 /* projects of the scope, any status */
	int n_targets;                  /* activity targets set in the latest period */
	struct samm_cover_row *rows; size_t n_rows;   /* model order */
	int n_stagnant, n_below_target; /* rows of each kind (a row may be both) */
	int n_uncovered;                /* rows no active or planned project covers */
};

/* Coverage for the scope and window of sg (from samm_stagnant_compute, not
 * freed here; it must come from this store).  A scope without periods
 * gives an empty result. */
enum samm_status samm_coverage_compute(struct samm_store *st, const struct samm_stagnant *sg,
				       struct samm_coverage **out, struct samm_error *err);
void samm_coverage_free(struct samm_coverage *c);

#endif
