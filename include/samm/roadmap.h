/* roadmap.h - phases, their targets, the rule that picks a period's phase,
 * the projected figures of every phase, and scopes that assess part of SAMM.
 *
 * A scope has phases: a name (unique in the scope), a due date and an
 * optional description.  Phases are ordered by due date (then creation).
 *
 * Targets belong to phases.  A phase starts from the targets of the phases
 * due before it and stores only what it changes on top of them: its
 * effective targets are the fold of phases 1..k, each phase's own rows
 * overriding the ones before (a row may also say "no target from this
 * phase on").  So changing an earlier phase later flows into the phases
 * after it, except where they set something of their own.  Setting a
 * phase's target to the value it already inherits stores nothing.
 *
 * Which phase counts for a period: the first phase due on or after the
 * period's date, else the last phase (samm_phase_for_period).  Every reader
 * of "the targets of a period" (samm_target_load in project.h: check,
 * stagnant --uncovered, coverage, project show, the screens) applies it.
 * No future period is needed to plan.
 *
 * Targets are resolved against the scope's model: the model of its latest
 * period, else the latest loaded model (samm_scope_model).
 *
 * Change-log rows (store.h, samm_store_log):
 *   phases: scope, period "", item "phase:NAME", old/new note
 *     NULL -> "created (due D)", "due D1" -> "due D2", "name A" -> "name B"
 *     (under the new name), "description ..." -> "description ...",
 *     "deleted (due D, N targets)" -> NULL;
 *   targets: period = the phase's name, item "target:ACTIVITY", old and new
 *     effective target (SAMM_UNSET when none);
 *   scope exclusions: period "", item "scope:NAME", new note "excluded SM"
 *     or "included SM".
 *
 * Ownership and errors follow project.h: lists are freed with their
 * *_list_free; every write is one transaction; SAMM_USAGE, SAMM_NOTFOUND,
 * SAMM_EXISTS, SAMM_READONLY, SAMM_BUSY, SAMM_DB, SAMM_NOMEM with a
 * one-line message in err. */
#ifndef SAMM_ROADMAP_H
#define SAMM_ROADMAP_H

#include <stddef.h>
#include <stdint.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/score.h"
#include "samm/store.h"

/* ---- Phases ------------------------------------------------------------------ */

#define SAMM_PHASE_NAME_MAX 64
#define SAMM_PHASE_DESC_MAX 1024

struct samm_phase {
	int64_t id;
	int64_t scope_id;
	char name[SAMM_PHASE_NAME_MAX];
	char due[11];                           /* YYYY-MM-DD */
	char description[SAMM_PHASE_DESC_MAX];  /* "" when none */
};

/* Create a phase.  name as a period's name; due a YYYY-MM-DD date;
 * description NULL or "" for none (valid UTF-8, no control characters, <
 * SAMM_PHASE_DESC_MAX bytes).  SAMM_EXISTS when the name is taken.  Logs
 * "created".  out may be NULL. */
enum samm_status samm_phase_new(struct samm_store *st, int64_t scope_id, const char *name,
				const char *due, const char *description, const char *user,
				struct samm_phase *out, struct samm_error *err);

/* What samm_phase_set changes: NULL leaves a field as it is. */
struct samm_phase_fields {
	const char *name;               /* rename */
	const char *due;
	const char *description;        /* "" removes it */
};
/* One log row per field that really changes; *n_changed (may be NULL)
 * counts them (0: nothing written). */
enum samm_status samm_phase_set(struct samm_store *st, int64_t phase_id,
				const struct samm_phase_fields *f, const char *user,
				int *n_changed, struct samm_error *err);
/* Delete a phase and its own targets (the phases after it then inherit
 * from the one before); projects serving it serve no phase.  Logged. */
enum samm_status samm_phase_delete(struct samm_store *st, int64_t phase_id, const char *user,
				   struct samm_error *err);

enum samm_status samm_phase_find(struct samm_store *st, int64_t scope_id, const char *name,
				 struct samm_phase *out, struct samm_error *err);
enum samm_status samm_phase_get(struct samm_store *st, int64_t phase_id,
				struct samm_phase *out, struct samm_error *err);
/* The phases of a scope by due date, then creation.  Free with
 * samm_phase_list_free(*out, *n) (*out NULL when *n is 0). */
enum samm_status samm_phase_list(struct samm_store *st, int64_t scope_id,
				 struct samm_phase **out, size_t *n, struct samm_error *err);
void samm_phase_list_free(struct samm_phase *v, size_t n);

/* The rule: the phase whose targets apply to the period: the first due on
 * or after its date, else the last one.  out->id is 0 when the scope has
 * no phase. */
enum samm_status samm_phase_for_period(struct samm_store *st, int64_t period_id,
				       struct samm_phase *out, struct samm_error *err);

/* The model targets are checked against (see above); store-owned.
 * SAMM_NOTFOUND when no model is loaded. */
enum samm_status samm_scope_model(struct samm_store *st, int64_t scope_id,
				  const struct samm_model **out, struct samm_error *err);

/* ---- Proposing the next period (the new-period dialog) ------------------------------ */

/* A name and a date for the scope's next period: the quarter after the
 * latest period's date ("2026-Q2"; the next free one if a period has that
 * name), dated the first day of that quarter, or today (samm_today) if that
 * is later.  A scope without periods: the current quarter and today.
 * name >= 16 bytes, date >= 11 bytes. */
enum samm_status samm_period_propose(struct samm_store *st, int64_t scope_id, char *name,
				     size_t name_size, char *date, size_t date_size,
				     struct samm_error *err);

/* ---- Targets of a phase -------------------------------------------------------- */

/* targets[m->n_activities] := the effective targets of the phase (the fold
 * above; SAMM_UNSET where none), aligned with m; own (may be NULL) [same
 * size] := 1 where this phase itself sets or clears the target. */
enum samm_status samm_phase_targets(struct samm_store *st, int64_t phase_id,
				    const struct samm_model *m, int *targets, int *own,
				    struct samm_error *err);

/* Set the target of every activity under id (an activity, stream, practice,
 * function or "overall", resolved in samm_scope_model; an item is
 * SAMM_USAGE) in the phase to value (0..3).  *n_changed (may be NULL)
 * counts the activities whose effective target in this phase changed; one
 * log row each. */
enum samm_status samm_phase_target_set(struct samm_store *st, int64_t phase_id,
				       const char *id, int value, const char *user,
				       int *n_changed, struct samm_error *err);
/* No target for the activities under id from this phase on (the phases
 * after it inherit that too, unless they set one).  An activity code no
 * longer in the model is accepted.  *n_changed counts the targets that
 * went (0 is no error). */
enum samm_status samm_phase_target_clear(struct samm_store *st, int64_t phase_id,
					 const char *id, const char *user, int *n_changed,
					 struct samm_error *err);

/* ---- Scopes that assess part of SAMM ------------------------------------------- */

/* Exclude (include 0) or include again (include 1) the practices under each
 * id: a practice code or a function name/code (all its practices, in
 * samm_scope_model), stored by practice code.  Excluding every practice is
 * SAMM_USAGE.  *n_changed (may be NULL) counts the practices whose state
 * changed; one log row each. */
enum samm_status samm_scope_exclude(struct samm_store *st, int64_t scope_id,
				    const char *const *ids, size_t n, int include,
				    const char *user, int *n_changed, struct samm_error *err);
/* excluded[m->n_practices] := 1 for the practices of m the scope leaves out
 * (by code); *n_excluded (may be NULL) counts them. */
enum samm_status samm_scope_excluded(struct samm_store *st, int64_t scope_id,
				     const struct samm_model *m, unsigned char *excluded,
				     int *n_excluded, struct samm_error *err);
/* The scorecard of values[m->n_items] in scope_id: partial when the scope
 * leaves practices of m out (samm_scorecard_compute_partial).  Free sc with
 * samm_scorecard_free (also on failure: it is zeroed first). */
struct samm_scorecard;
enum samm_status samm_scope_scorecard(struct samm_store *st, int64_t scope_id,
				      const struct samm_model *m, const int *values,
				      struct samm_scorecard *sc, struct samm_error *err);

/* ---- The roadmap ---------------------------------------------------------------- */

/* One phase's projection.  An activity counts at its target where it has
 * one (the target's worth; 0 when the activity is N/A now) and else at its
 * current score, as in samm_targetcard_compute; streams, practices,
 * functions and overall roll up with the official formulas (partial when
 * the scope excludes practices). */
struct samm_roadmap_phase {
	struct samm_phase phase;
	int *targets;           /* [n_activities] effective targets */
	int n_targets;          /* activities with a target */
	double *stream;         /* [n_streams] */
	double *practice;       /* [n_practices] */
	double *function;       /* [n_functions] */
	double overall;
};

struct samm_roadmap {
	const struct samm_model *model; /* samm_scope_model; store-owned */
	struct samm_period latest;      /* the scope's latest period; id 0 when none */
	struct samm_scorecard now;      /* its figures (partial); all 0 when none */
	unsigned char *excluded;        /* [n_practices] */
	unsigned char *fn_excluded;     /* [n_functions]: all its practices excluded */
	int n_excluded;                 /* practices excluded: > 0 means partial */
	struct samm_roadmap_phase *phases;
	size_t n_phases;
};

/* The roadmap of a scope.  Free with samm_roadmap_free. */
enum samm_status samm_roadmap_compute(struct samm_store *st, int64_t scope_id,
				      struct samm_roadmap **out, struct samm_error *err);
void samm_roadmap_free(struct samm_roadmap *r);

#endif
