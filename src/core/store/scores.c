/* scores.c - scores: one period's answers, and applying changes. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"

/* ---- Scores -------------------------------------------------------------------- */

void samm_assessment_free(struct samm_assessment *a)
{
	if (!a)
		return;
	int n = a->model ? a->model->n_items : 0;
	for (int i = 0; i < n; i++) {
		if (a->note)
			free(a->note[i]);
		if (a->updated_by)
			free(a->updated_by[i]);
		if (a->updated_at)
			free(a->updated_at[i]);
	}
	free(a->value);
	free(a->note);
	free(a->updated_by);
	free(a->updated_at);
	free(a);
}

enum samm_status samm_store_assessment_load(struct samm_store *st, int64_t period_id,
					    struct samm_assessment **out,
					    struct samm_error *err)
{
	struct samm_assessment *a;
	const struct samm_model *m;
	enum samm_status rc;

	*out = NULL;
	if (!(a = calloc(1, sizeof *a)))
		return samm_nomem(err);
	if ((rc = db_period_get(st, period_id, &a->period, NULL, 0, err)) ||
	    (rc = samm_store_model_get(st, a->period.model_id, &m, err))) {
		free(a);
		return rc;
	}
	a->model = m;
	size_t n = m->n_items > 0 ? (size_t)m->n_items : 1;
	a->value = malloc(n * sizeof *a->value);
	a->note = calloc(n, sizeof *a->note);
	a->updated_by = calloc(n, sizeof *a->updated_by);
	a->updated_at = calloc(n, sizeof *a->updated_at);
	if (!a->value || !a->note || !a->updated_by || !a->updated_at) {
		samm_assessment_free(a);
		return samm_nomem(err);
	}
	for (int i = 0; i < m->n_items; i++)
		a->value[i] = SAMM_UNSET;

	sqlite3_stmt *s = db_stmt_get(st, STMT_SCORES, &rc, err);
	if (!s) {
		samm_assessment_free(a);
		return rc;
	}
	sqlite3_bind_int64(s, 1, period_id);
	int src, oom = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		int i = item ? samm_model_find_item(m, item) : -1;
		if (i < 0)
			continue; /* not in the model (cannot happen through this API) */
		int v = db_col_value(s, 1);
		a->value[i] = samm_value_valid(v) ? v : SAMM_UNSET;
		const unsigned char *note = sqlite3_column_text(s, 2);
		if (note && *note)
			a->note[i] = db_col_dup(s, 2, &oom);
		a->updated_by[i] = db_col_dup(s, 3, &oom);
		a->updated_at[i] = db_col_dup(s, 4, &oom);
	}
	db_stmt_done(s);
	if (src != SQLITE_DONE) {
		rc = samm_store_sqlerr(st, src, "reading scores", err);
	} else if (oom) {
		rc = samm_nomem(err);
	}
	if (rc) {
		samm_assessment_free(a);
		return rc;
	}
	*out = a;
	return SAMM_OK;
}

static int same_note(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The change's compare-and-set: SAMM_CONFLICT (described in *cf and err)
 * when the stored value or note is not the one the caller expects. */
static enum samm_status check_old(const struct samm_change *c, int old_value,
				  const char *old_note, const char *by, const char *at,
				  struct samm_conflict *cf, struct samm_error *err)
{
	const char *want = c->old_note && *c->old_note ? c->old_note : NULL;
	int value_differs = (c->check_old & SAMM_CHECK_VALUE) && c->old_value != old_value;
	int note_differs = (c->check_old & SAMM_CHECK_NOTE) && !same_note(want, old_note);
	if (!value_differs && !note_differs)
		return SAMM_OK;
	if (cf) {
		memset(cf, 0, sizeof *cf);
		snprintf(cf->item, sizeof cf->item, "%s", c->item);
		cf->value = old_value;
		cf->note_differs = note_differs;
		snprintf(cf->by, sizeof cf->by, "%s", by ? by : "");
		snprintf(cf->at, sizeof cf->at, "%s", at ? at : "");
	}
	const char *v = samm_value_name(old_value);
	return samm_error_set(err, SAMM_CONFLICT, "%s was changed by %s at %s (%s%s);"
			      " nothing written", c->item, by && *by ? by : "someone",
			      at && *at ? at : "an unknown time",
			      value_differs ? "now " : "",
			      value_differs ? (*v ? v : "unset")
			      : old_note ? "its note differs" : "it has no note now");
}

/* Apply one change inside the open transaction. */
static enum samm_status apply_one(struct samm_store *st, const struct samm_period *p,
				  const char *scope, const struct samm_change *c,
				  const char *user, const char *now, int *changed,
				  struct samm_conflict *cf, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	*changed = 0;
	sqlite3_stmt *get = db_stmt_get(st, STMT_SCORE_GET, &rc, err);
	sqlite3_stmt *put = get ? db_stmt_get(st, STMT_SCORE_PUT, &rc, err) : NULL;
	if (!put)
		return rc;

	sqlite3_bind_int64(get, 1, p->id);
	db_bind_text(get, 2, c->item);
	int src = sqlite3_step(get);
	int old_value = SAMM_UNSET;
	char *old_note = NULL, *by = NULL, *at = NULL;
	int oom = 0;
	if (src == SQLITE_ROW) {
		old_value = db_col_value(get, 0);
		old_note = db_col_dup(get, 1, &oom);
		if (c->check_old) {
			by = db_col_dup(get, 2, &oom);
			at = db_col_dup(get, 3, &oom);
		}
	}
	db_stmt_done(get);
	if (old_note && !*old_note) {
		free(old_note);
		old_note = NULL;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading a score", err);
	else if (oom)
		rc = samm_nomem(err);
	else
		rc = check_old(c, old_value, old_note, by, at, cf, err);
	free(by);
	free(at);
	if (rc) {
		free(old_note);
		return rc;
	}

	int new_value = c->set_value ? c->value : old_value;
	const char *new_note = c->set_note ? c->note : old_note;
	if (new_note && !*new_note)
		new_note = NULL;
	if (new_value == old_value && same_note(new_note, old_note)) {
		free(old_note);
		return SAMM_OK;
	}

	sqlite3_bind_int64(put, 1, p->id);
	db_bind_text(put, 2, c->item);
	db_bind_value(put, 3, new_value);
	db_bind_text(put, 4, new_note);
	db_bind_text(put, 5, user);
	db_bind_text(put, 6, now);
	src = sqlite3_step(put);
	db_stmt_done(put);
	if (src != SQLITE_DONE) {
		free(old_note);
		return samm_store_sqlerr(st, src, "saving a score", err);
	}

	struct samm_log_put e = { now, user, scope, p->name, c->item, old_value, new_value,
				  old_note, new_note };
	rc = samm_store_log_put(st, &e, err);
	if (!rc && new_value != old_value) /* set: re-checked (recheck.c) */
		rc = db_recheck_clear(st, p->id, c->item, err);
	free(old_note);
	if (rc)
		return rc;
	*changed = 1;
	return SAMM_OK;
}

enum samm_status samm_store_apply(struct samm_store *st, int64_t period_id,
				  const struct samm_change *changes, size_t n,
				  const char *user, int *n_changed,
				  struct samm_error *err)
{
	return samm_store_apply_checked(st, period_id, changes, n, user, n_changed, NULL, err);
}

enum samm_status samm_store_apply_checked(struct samm_store *st, int64_t period_id,
					  const struct samm_change *changes, size_t n,
					  const char *user, int *n_changed,
					  struct samm_conflict *conflict,
					  struct samm_error *err)
{
	struct samm_period p;
	const struct samm_model *m;
	char scope[128], now[32];
	enum samm_status rc;
	int count = 0;

	if (n_changed)
		*n_changed = 0;
	if ((rc = samm_store_check_writable(st, err)))
		return rc;
	if (!user || !*user)
		user = samm_user(NULL);
	for (size_t i = 0; i < n; i++) {
		if (!changes[i].item || !*changes[i].item)
			return samm_error_set(err, SAMM_USAGE, "change %zu names no item", i + 1);
		if ((changes[i].set_value && !samm_value_valid(changes[i].value)) ||
		    ((changes[i].check_old & SAMM_CHECK_VALUE) &&
		     !samm_value_valid(changes[i].old_value)))
			return samm_error_set(err, SAMM_USAGE, "%s: value %d is not valid",
					      changes[i].item, changes[i].set_value ?
					      changes[i].value : changes[i].old_value);
		/* every writer's limit (import and `note` check it first) */
		if (changes[i].set_note && changes[i].note &&
		    strlen(changes[i].note) > SAMM_NOTE_MAX)
			return samm_error_set(err, SAMM_REFUSED,
					      "the note of %.*s is larger than the %d KB limit",
					      (int)samm_utf8_cut(changes[i].item, 80),
					      changes[i].item, SAMM_NOTE_MAX >> 10);
	}
	if ((rc = samm_store_begin(st, err)))
		return rc;
	if ((rc = db_period_get(st, period_id, &p, scope, sizeof scope, err)) ||
	    (rc = samm_store_model_get(st, p.model_id, &m, err)))
		goto fail;
	/* every item first, so that a typo writes nothing at all */
	for (size_t i = 0; i < n; i++)
		if (samm_model_find_item(m, changes[i].item) < 0) {
			rc = samm_error_set(err, SAMM_NOTFOUND, "item '%s' is not in the model of"
					    " period '%s'", changes[i].item, p.name);
			goto fail;
		}
	samm_now_iso(now, sizeof now);
	for (size_t i = 0; i < n; i++) {
		int changed;
		if ((rc = apply_one(st, &p, scope, &changes[i], user, now, &changed,
				   conflict, err)))
			goto fail;
		count += changed;
	}
	if (count == 0) {
		samm_store_rollback(st); /* nothing to make durable */
	} else if ((rc = samm_store_commit(st, err))) {
		return rc;
	}
	if (n_changed)
		*n_changed = count;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

