/* target.c - setting and clearing targets: the value each activity of a
 * period should reach. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	if ((rc = samm_model_resolve(m, id, ref, err)))
		return rc;
	if (ref->level == SAMM_L_ITEM)
		return samm_error_set(err, SAMM_USAGE, "'%s' is an item: targets are set on"
				      " activities (such as G-SM-1-A), or on a practice or"
				      " function for all of its activities", id);
	return SAMM_OK;
}

struct target_tx {
	struct logctx lc;
	struct samm_period p;
	const struct samm_model *m;
};

static enum samm_status target_tx_begin(struct samm_store *st, struct target_tx *t,
					int64_t period_id, const char *user,
					struct samm_error *err)
{
	enum samm_status rc;
	memset(t, 0, sizeof *t);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&t->lc, user);
	if ((rc = samm_store_period_get(st, period_id, &t->p, err)) ||
	    (rc = pj_scope_name(st, t->p.scope_id, &t->lc, err)) ||
	    (rc = samm_store_model_get(st, t->p.model_id, &t->m, err))) {
		samm_store_rollback(st);
		return rc;
	}
	return SAMM_OK;
}

/* The stored target of one activity (SAMM_UNSET when none). */
static enum samm_status target_get(struct samm_store *st, struct target_tx *t, const char *code,
				   int *out, struct samm_error *err)
{
	return samm_store_target_get(st, t->p.id, code, out, err);
}

/* Set (value 0..3) or remove (SAMM_UNSET) one activity's target and log
 * it; *changed says whether it really changed. */
static enum samm_status target_put(struct samm_store *st, struct target_tx *t, const char *code,
				   int value, int *changed, struct samm_error *err)
{
	enum samm_status rc;
	int old;
	*changed = 0;
	if ((rc = target_get(st, t, code, &old, err)) || old == value)
		return rc;
	if ((rc = samm_store_target_put(st, t->p.id, code, value, t->lc.user, t->lc.now, err)) ||
	    (rc = log_put(st, &t->lc, t->p.name, "target:", code, old, value, NULL, NULL, err)))
		return rc;
	*changed = 1;
	return SAMM_OK;
}

static enum samm_status target_end(struct samm_store *st, int count, enum samm_status rc,
				   struct samm_error *err)
{
	if (rc || count == 0) {
		samm_store_rollback(st);
		return rc;
	}
	return samm_store_commit(st, err);
}

enum samm_status samm_target_set(struct samm_store *st, int64_t period_id, const char *id,
				 int value, const char *user, int *n_changed,
				 struct samm_error *err)
{
	struct target_tx t;
	struct samm_ref ref;
	enum samm_status rc;
	int first, n, count = 0;

	if (n_changed)
		*n_changed = 0;
	if (value < SAMM_NO || value > SAMM_MOST)
		return samm_error_set(err, SAMM_USAGE, "a target is no, some, half or most"
				      " (0, 0.25, 0.5 or 1)");
	if ((rc = target_tx_begin(st, &t, period_id, user, err)))
		return rc;
	if (!(rc = target_ref(t.m, id, &ref, err))) {
		ref_activities(t.m, ref, &first, &n);
		for (int a = first; !rc && a < first + n; a++) {
			int changed;
			rc = target_put(st, &t, t.m->activities[a].code, value, &changed, err);
			count += changed;
		}
	}
	if ((rc = target_end(st, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}

enum samm_status samm_target_clear(struct samm_store *st, int64_t period_id, const char *id,
				   const char *user, int *n_changed, struct samm_error *err)
{
	struct target_tx t;
	struct samm_ref ref;
	struct samm_error rerr;
	enum samm_status rc;
	int first, n, count = 0, changed;

	if (n_changed)
		*n_changed = 0;
	if ((rc = target_tx_begin(st, &t, period_id, user, err)))
		return rc;
	rc = target_ref(t.m, id, &ref, &rerr);
	if (rc == SAMM_NOTFOUND) {
		/* an activity the period's model no longer has (a target can
		 * only have been set under an older model of this period,
		 * which the store does not allow today, but a hand-edited or
		 * future database may hold one) */
		int old;
		if (!(rc = target_get(st, &t, id, &old, err))) {
			if (old == SAMM_UNSET)
				rc = samm_error_set(err, rerr.code, "%s", rerr.msg);
			else
				rc = target_put(st, &t, id, SAMM_UNSET, &count, err);
		}
	} else if (rc) {
		samm_error_set(err, rerr.code, "%s", rerr.msg);
	} else {
		ref_activities(t.m, ref, &first, &n);
		for (int a = first; !rc && a < first + n; a++) {
			rc = target_put(st, &t, t.m->activities[a].code, SAMM_UNSET, &changed, err);
			count += changed;
		}
	}
	if ((rc = target_end(st, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}


enum samm_status samm_target_put_if(struct samm_store *st, int64_t period_id,
				    const char *activity, int value, int old, const char *user,
				    int *n_changed, struct samm_error *err)
{
	struct target_tx t;
	struct samm_ref ref;
	enum samm_status rc;
	int now, count = 0;

	if (n_changed)
		*n_changed = 0;
	if ((value != SAMM_UNSET && (value < SAMM_NO || value > SAMM_MOST)) ||
	    (old != SAMM_UNSET && (old < SAMM_NO || old > SAMM_MOST)))
		return samm_error_set(err, SAMM_USAGE, "a target is no, some, half or most"
				      " (0, 0.25, 0.5 or 1)");
	if ((rc = target_tx_begin(st, &t, period_id, user, err)))
		return rc;
	if (!(rc = target_ref(t.m, activity, &ref, err)) && ref.level != SAMM_L_ACTIVITY)
		rc = samm_error_set(err, SAMM_USAGE, "'%s' is not an activity", activity);
	if (!rc && !(rc = target_get(st, &t, activity, &now, err)) && now != old) {
		char item[160], by[256], at[32];
		const char *v = samm_value_name(now);
		snprintf(item, sizeof item, "target:%s", activity);
		pj_last_change(st, t.p.scope_id, t.p.name, item, by, sizeof by, at, sizeof at);
		rc = samm_error_set(err, SAMM_CONFLICT, "the target of %s in %s was changed by %s"
				    " at %s (now %s); nothing written", activity, t.p.name,
				    by[0] ? by : "someone", at[0] ? at : "an unknown time",
				    *v ? v : "none");
	}
	if (!rc)
		rc = target_put(st, &t, activity, value, &count, err);
	if ((rc = target_end(st, count, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
}
