/* recheck.c - re-check marks: the items of a period whose text changed
 * since the model of the period it was copied from (a move from SAMM 2.0
 * to 2.2), until someone sets or confirms their value. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"

static enum samm_status mark_put(struct samm_store *st, int64_t period_id, const char *item,
				 const char *what, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "INSERT INTO recheck(period_id, item, what)"
					 " VALUES(?1, ?2, ?3) ON CONFLICT(period_id, item)"
					 " DO UPDATE SET what = excluded.what", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, item);
	db_bind_text(s, 3, what);
	rc = db_step_done(st, s, "marking items to re-check", err);
	sqlite3_finalize(s);
	return rc;
}

/* The marks of period `from` on the items model m (of `to`) has. */
static enum samm_status marks_carry(struct samm_store *st, int64_t from, int64_t to,
				    const struct samm_model *m, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT item, what FROM recheck WHERE period_id = ?1",
					 &s, err);
	int src;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, from);
	while (!rc && (src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		const char *what = (const char *)sqlite3_column_text(s, 1);
		if (item && samm_model_find_item(m, item) >= 0)
			rc = mark_put(st, to, item, what ? what : "criterion", err);
	}
	if (!rc && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "copying re-check marks", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status db_recheck_mark(struct samm_store *st, int64_t from, int64_t from_model,
				 int64_t to, int64_t to_model, struct samm_error *err)
{
	const struct samm_model *a, *b;
	struct samm_model_diff *d = NULL;
	enum samm_status rc;
	char what[64];

	if ((rc = samm_store_model_get(st, to_model, &b, err)) ||
	    (rc = marks_carry(st, from, to, b, err)) || from_model == to_model)
		return rc;
	if ((rc = samm_store_model_get(st, from_model, &a, err)) ||
	    (rc = samm_model_diff(a, b, &d, err)))
		return rc;
	for (size_t k = 0; !rc && k < d->n; k++) {
		const struct samm_mchange *c = &d->v[k];
		int v;
		if (c->kind != SAMM_MC_REWORDED)
			continue;
		/* only a value carried over is worth a second look */
		if ((rc = samm_store_value_get(st, to, c->id, &v, err)) || v == SAMM_UNSET)
			continue;
		rc = mark_put(st, to, c->id, samm_reword_str(c->what, what, sizeof what), err);
	}
	samm_model_diff_free(d);
	return rc;
}

enum samm_status db_recheck_clear(struct samm_store *st, int64_t period_id, const char *item,
				  struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "DELETE FROM recheck WHERE period_id = ?1"
					 " AND item = ?2", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, item);
	rc = db_step_done(st, s, "clearing a re-check mark", err);
	sqlite3_finalize(s);
	return rc;
}

enum samm_status samm_store_recheck(struct samm_store *st, int64_t period_id,
				    const struct samm_model *m, unsigned *what, int *n,
				    struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT item, what FROM recheck WHERE period_id = ?1",
					 &s, err);
	int src, cnt = 0;
	if (what)
		memset(what, 0, (size_t)m->n_items * sizeof *what);
	if (n)
		*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		int i = item ? samm_model_find_item(m, item) : -1;
		if (i < 0)
			continue;
		unsigned w = samm_reword_parse((const char *)sqlite3_column_text(s, 1));
		if (what)
			what[i] = w ? w : SAMM_RW_CRITERION;
		cnt++;
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading re-check marks", err);
	if (n)
		*n = cnt;
	return SAMM_OK;
}

/* Confirm item i (marked `what`) of period p: drop its mark, log it. */
static enum samm_status confirm_one(struct samm_store *st, const struct samm_period *p,
				    const char *scope, const char *item, unsigned what,
				    const char *user, const char *now, struct samm_error *err)
{
	char lid[256], old_note[96], w[64];
	int v;
	enum samm_status rc;
	if ((rc = samm_store_value_get(st, p->id, item, &v, err)) ||
	    (rc = db_recheck_clear(st, p->id, item, err)))
		return rc;
	snprintf(lid, sizeof lid, "recheck:%s", item);
	snprintf(old_note, sizeof old_note, "to re-check (%s)", samm_reword_str(what, w, sizeof w));
	struct samm_log_put e = { now, user, scope, p->name, lid, v, v, old_note, "confirmed" };
	return samm_store_log_put(st, &e, err);
}

/* Confirm the marked items under each id, in the open transaction. */
static enum samm_status confirm_all(struct samm_store *st, const struct samm_period *p,
				    const char *scope, const struct samm_model *m,
				    const unsigned *what, const char *const *ids, size_t n,
				    const char *user, int *count, struct samm_error *err)
{
	char now[32];
	enum samm_status rc = SAMM_OK;
	unsigned char *done = calloc((size_t)m->n_items + 1, 1);
	if (!done)
		return samm_nomem(err);
	samm_now_iso(now, sizeof now);
	for (size_t k = 0; !rc && k < n; k++) {
		struct samm_ref ref;
		int first, cnt;
		if ((rc = samm_model_resolve(m, ids[k], &ref, err)))
			break;
		samm_model_ref_items(m, ref, &first, &cnt);
		for (int i = first; !rc && i < first + cnt; i++) {
			if (!what[i] || done[i])
				continue;
			done[i] = 1;
			rc = confirm_one(st, p, scope, m->items[i].id, what[i], user, now, err);
			(*count)++;
		}
	}
	free(done);
	return rc;
}

enum samm_status samm_store_confirm(struct samm_store *st, int64_t period_id,
				    const char *const *ids, size_t n, const char *user,
				    int *n_confirmed, struct samm_error *err)
{
	struct samm_period p;
	const struct samm_model *m;
	char scope[128];
	unsigned *what = NULL;
	int count = 0;
	enum samm_status rc;

	if (n_confirmed)
		*n_confirmed = 0;
	if (!user || !*user)
		user = samm_user(NULL);
	if ((rc = samm_store_begin(st, err)))
		return rc;
	if ((rc = db_period_get(st, period_id, &p, scope, sizeof scope, err)) ||
	    (rc = samm_store_model_get(st, p.model_id, &m, err)))
		goto fail;
	if (!(what = malloc(((size_t)m->n_items + 1) * sizeof *what))) {
		rc = samm_nomem(err);
		goto fail;
	}
	if ((rc = samm_store_recheck(st, period_id, m, what, NULL, err)) ||
	    (rc = confirm_all(st, &p, scope, m, what, ids, n, user, &count, err)))
		goto fail;
	free(what);
	if (count == 0)
		samm_store_rollback(st);
	else if ((rc = samm_store_commit(st, err)))
		return rc;
	if (n_confirmed)
		*n_confirmed = count;
	return SAMM_OK;
fail:
	free(what);
	samm_store_rollback(st);
	return rc;
}
