/* target.c - setting and clearing targets: the value each activity should
 * reach by a phase (roadmap.h), and the targets that apply to a period
 * (the rule: the first phase due on or after its date, else the last). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"
/* ---- Targets -------------------------------------------------------------------------------------- */

/* The activities [*first, *first + *n) under ref (contiguous in model order). */
static void ref_activities(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	int fi, ni;
	samm_model_ref_items(m, ref, &fi, &ni);
	if (ni <= 0) {
		*first = 0;
		*n = 0;
		return;
	}
	*first = m->items[fi].activity;
	*n = m->items[fi + ni - 1].activity - *first + 1;
}

/* Resolve a target's id in the period's model: anything above an item. */
static enum samm_status target_ref(const struct samm_model *m, const char *id,
				   struct samm_ref *ref, struct samm_error *err)
{
	enum samm_status rc;
	if (!id || !*id)
		return samm_error_set(err, SAMM_USAGE, "no activity, practice or function given");
	if ((rc = samm_model_resolve_near(m, id, SAMM_LEVELS_ANY & ~SAMM_LEVELS(SAMM_L_ITEM), ref,
					   err)))
		return rc;
	if (ref->level == SAMM_L_ITEM)
		return samm_error_set(err, SAMM_USAGE, "'%s' is an item: targets are set on"
				      " activities (such as G-SM-1-A), or on a practice or"
				      " function for all of its activities", id);
	return SAMM_OK;
}

/* One transaction on one phase's targets.  inherited: the fold of the
 * phases before it; effective: with its own rows. */
struct target_tx {
	struct logctx lc;
	struct samm_phase ph;
	const struct samm_model *m;
	int *inherited, *effective;
};

static void target_tx_free(struct target_tx *t)
{
	free(t->inherited);
	free(t->effective);
	t->inherited = t->effective = NULL;
}

/* Inside the caller's transaction. */
static enum samm_status target_tx_load(struct samm_store *st, struct target_tx *t,
				       struct samm_error *err)
{
	enum samm_status rc;
	if ((rc = pj_scope_name(st, t->ph.scope_id, &t->lc, err)) ||
	    (rc = samm_scope_model(st, t->ph.scope_id, &t->m, err)))
		return rc;
	size_t n = (size_t)t->m->n_activities + 1;
	t->inherited = malloc(n * sizeof *t->inherited);
	t->effective = malloc(n * sizeof *t->effective);
	if (!t->inherited || !t->effective)
		return samm_nomem(err);
	if ((rc = samm_store_phase_fold(st, &t->ph, 0, t->m, t->inherited, NULL, err)) ||
	    (rc = samm_store_phase_fold(st, &t->ph, 1, t->m, t->effective, NULL, err)))
		return rc;
	return SAMM_OK;
}

static enum samm_status target_tx_begin(struct samm_store *st, struct target_tx *t,
					int64_t phase_id, const char *user,
					struct samm_error *err)
{
	enum samm_status rc;
	memset(t, 0, sizeof *t);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&t->lc, user);
	if ((rc = samm_phase_get(st, phase_id, &t->ph, err)) ||
	    (rc = target_tx_load(st, t, err))) {
		target_tx_free(t);
		samm_store_rollback(st);
		return rc;
	}
	return SAMM_OK;
}

/* Make activity a's effective target in the phase `value` (SAMM_UNSET:
 * none) and log it; the phase keeps a row of its own only where it
 * differs from what it inherits.  *changed: did it really change? */
static enum samm_status target_put(struct samm_store *st, struct target_tx *t, int a,
				   int value, int *changed, struct samm_error *err)
{
	enum samm_status rc;
	const char *code = t->m->activities[a].code;
	int old = t->effective[a];
	*changed = 0;
	if (old == value)
		return SAMM_OK;
	if ((rc = samm_store_target_put(st, t->ph.id, code, value != t->inherited[a], value,
					t->lc.user, t->lc.now, err)) ||
	    (rc = log_put(st, &t->lc, t->ph.name, "target:", code, old, value, NULL, NULL, err)))
		return rc;
	t->effective[a] = value;
	*changed = 1;
	return SAMM_OK;
}

static enum samm_status target_end(struct samm_store *st, struct target_tx *t, int count,
				   enum samm_status rc, struct samm_error *err)
{
	target_tx_free(t);
	if (rc || count == 0) {
		samm_store_rollback(st);
		return rc;
	}
	return samm_store_commit(st, err);
}

/* Every activity under id to value (SAMM_UNSET clears), in t's phase. */
static enum samm_status target_apply(struct samm_store *st, struct target_tx *t, const char *id,
				     int value, int *count, struct samm_error *err)
{
	struct samm_ref ref;
	struct samm_error rerr;
	enum samm_status rc = target_ref(t->m, id, &ref, &rerr);
	int first, n, changed, found, old;

	if (rc == SAMM_NOTFOUND && value == SAMM_UNSET && id && *id) {
		/* an activity the model no longer has: drop the phase's own row */
		if ((rc = samm_store_target_get(st, t->ph.id, id, &found, &old, err)))
			return rc;
		if (!found || old == SAMM_UNSET)
			return samm_error_set(err, rerr.code, "%s", rerr.msg);
		if ((rc = samm_store_target_put(st, t->ph.id, id, 0, SAMM_UNSET, t->lc.user,
						t->lc.now, err)) ||
		    (rc = log_put(st, &t->lc, t->ph.name, "target:", id, old, SAMM_UNSET, NULL,
				  NULL, err)))
			return rc;
		(*count)++;
		return SAMM_OK;
	}
	if (rc)
		return samm_error_set(err, rerr.code, "%s", rerr.msg);
	ref_activities(t->m, ref, &first, &n);
	for (int a = first; !rc && a < first + n; a++) {
		rc = target_put(st, t, a, value, &changed, err);
		*count += changed;
	}
	return rc;
}

static enum samm_status phase_target_change(struct samm_store *st, int64_t phase_id,
					    const char *id, int value, const char *user,
					    int *n_changed, struct samm_error *err)
{
	struct target_tx t;
	enum samm_status rc;
	int count = 0;

	if (n_changed)
		*n_changed = 0;
	if ((rc = target_tx_begin(st, &t, phase_id, user, err)))
		return rc;
	rc = target_apply(st, &t, id, value, &count, err);
	if ((rc = target_end(st, &t, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

static enum samm_status check_target_value(int value, struct samm_error *err)
{
	if (value < SAMM_NO || value > SAMM_MOST)
		return samm_error_set(err, SAMM_USAGE, "a target is no, some, half or most"
				      " (0, 0.25, 0.5 or 1)");
	return SAMM_OK;
}

enum samm_status samm_phase_target_set(struct samm_store *st, int64_t phase_id,
				       const char *id, int value, const char *user,
				       int *n_changed, struct samm_error *err)
{
	enum samm_status rc;
	if (n_changed)
		*n_changed = 0;
	if ((rc = check_target_value(value, err)))
		return rc;
	return phase_target_change(st, phase_id, id, value, user, n_changed, err);
}

enum samm_status samm_phase_target_clear(struct samm_store *st, int64_t phase_id,
					 const char *id, const char *user, int *n_changed,
					 struct samm_error *err)
{
	return phase_target_change(st, phase_id, id, SAMM_UNSET, user, n_changed, err);
}

/* ---- Targets of a period: through the phase that counts for it ------------------------ */

/* In one transaction: the period's phase (created after the period, due on
 * its date, when the scope has none yet), then the change. */
/* An activity's target in t's phase is still `old` (what the caller read)?
 * Else SAMM_CONFLICT naming who set it last and when. */
static enum samm_status target_check(struct samm_store *st, struct target_tx *t, const char *id,
				     int old, struct samm_error *err)
{
	struct samm_ref ref;
	enum samm_status rc = target_ref(t->m, id, &ref, err);
	if (rc)
		return rc;
	if (ref.level != SAMM_L_ACTIVITY)
		return samm_error_set(err, SAMM_USAGE, "'%s' is not an activity", id);
	int now = t->effective[ref.index];
	if (now == old)
		return SAMM_OK;
	char item[160], by[256], at[32];
	const char *v = samm_value_name(now);
	snprintf(item, sizeof item, "target:%s", t->m->activities[ref.index].code);
	pj_last_change(st, t->ph.scope_id, t->ph.name, item, by, sizeof by, at, sizeof at);
	return samm_error_set(err, SAMM_CONFLICT, "the target of %s in %s was changed by %s"
			      " at %s (now %s); nothing written", t->m->activities[ref.index].code,
			      t->ph.name, by[0] ? by : "someone", at[0] ? at : "an unknown time",
			      *v ? v : "none");
}

/* check: the change applies only while the target of activity id is
 * still old (target_check). */
static enum samm_status period_target_change(struct samm_store *st, int64_t period_id,
					     const char *id, int value, int check, int old,
					     const char *user, int *n_changed,
					     struct samm_error *err)
{
	struct target_tx t;
	struct samm_period p;
	enum samm_status rc;
	int count = 0;

	if (n_changed)
		*n_changed = 0;
	memset(&t, 0, sizeof t);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&t.lc, user);
	if ((rc = samm_store_period_get(st, period_id, &p, err)) ||
	    (rc = samm_phase_for_period(st, period_id, &t.ph, err)))
		goto out;
	if (!t.ph.id && (rc = samm_store_phase_insert(st, p.scope_id, p.name, p.date, NULL,
						      t.lc.user, t.lc.now, &t.ph, err)))
		goto out;
	if (!(rc = target_tx_load(st, &t, err)) && check)
		rc = target_check(st, &t, id, old, err);
	if (!rc)
		rc = target_apply(st, &t, id, value, &count, err);
out:
	if ((rc = target_end(st, &t, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

enum samm_status samm_target_set(struct samm_store *st, int64_t period_id, const char *id,
				 int value, const char *user, int *n_changed,
				 struct samm_error *err)
{
	enum samm_status rc;
	if (n_changed)
		*n_changed = 0;
	if ((rc = check_target_value(value, err)))
		return rc;
	return period_target_change(st, period_id, id, value, 0, 0, user, n_changed, err);
}

enum samm_status samm_target_clear(struct samm_store *st, int64_t period_id, const char *id,
				   const char *user, int *n_changed, struct samm_error *err)
{
	return period_target_change(st, period_id, id, SAMM_UNSET, 0, 0, user, n_changed, err);
}

enum samm_status samm_target_load(struct samm_store *st, int64_t period_id,
				  const struct samm_model *m, int *targets,
				  struct samm_error *err)
{
	struct samm_phase ph;
	enum samm_status rc;
	int began = samm_store_snap_begin(st);

	for (int a = 0; a < m->n_activities; a++)
		targets[a] = SAMM_UNSET;
	rc = samm_phase_for_period(st, period_id, &ph, err);
	if (!rc && ph.id)
		rc = samm_store_phase_fold(st, &ph, 1, m, targets, NULL, err);
	samm_store_snap_end(st, began);
	return rc;
}

enum samm_status samm_phase_targets(struct samm_store *st, int64_t phase_id,
				    const struct samm_model *m, int *targets, int *own,
				    struct samm_error *err)
{
	struct samm_phase ph;
	enum samm_status rc;
	int began = samm_store_snap_begin(st);
	if (!(rc = samm_phase_get(st, phase_id, &ph, err)))
		rc = samm_store_phase_fold(st, &ph, 1, m, targets, own, err);
	samm_store_snap_end(st, began);
	return rc;
}

enum samm_status samm_target_put_if(struct samm_store *st, int64_t period_id,
				    const char *activity, int value, int old, const char *user,
				    int *n_changed, struct samm_error *err)
{
	enum samm_status rc;
	if (n_changed)
		*n_changed = 0;
	if ((value != SAMM_UNSET && (rc = check_target_value(value, err))) ||
	    (old != SAMM_UNSET && (rc = check_target_value(old, err))))
		return rc;
	return period_target_change(st, period_id, activity, value, 1, old, user, n_changed, err);
}
