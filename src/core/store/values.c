/* values.c - the values of a period, read fast.
 *
 * Analyses read many periods: these readers use kept statements, fill an
 * int array aligned with the period's model, and read only the key range
 * they need.  assessment_load (scores.c) is the full reader, with notes
 * and who changed what. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "db.h"

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct db_item_key *)a)->id, ((const struct db_item_key *)b)->id);
}

static struct db_item_key *order_build(const struct samm_model *m)
{
	struct db_item_key *o = malloc(((size_t)m->n_items + 1) * sizeof *o);
	if (!o)
		return NULL;
	for (int i = 0; i < m->n_items; i++)
		o[i] = (struct db_item_key){ m->items[i].id, i };
	qsort(o, (size_t)m->n_items, sizeof *o, key_cmp);
	return o;
}

/* m's items by id: kept with the store's cached model, or built for this
 * call (*tmp then holds it for the caller to free). */
static const struct db_item_key *order_of(struct samm_store *st, const struct samm_model *m,
					  struct db_item_key **tmp)
{
	*tmp = NULL;
	for (size_t i = 0; i < st->n_models; i++) {
		struct model_slot *sl = &st->models[i];
		if (sl->model != m)
			continue;
		if (!sl->order)
			sl->order = order_build(m);
		return sl->order;
	}
	return *tmp = order_build(m);
}

static int valid_or_unset(sqlite3_stmt *s, int col)
{
	int v = db_col_value(s, col);
	return samm_value_valid(v) ? v : SAMM_UNSET;
}

enum samm_status samm_store_values(struct samm_store *st, int64_t period_id,
				   const struct samm_model *m, int *values,
				   struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	struct db_item_key *tmp;
	sqlite3_stmt *s = db_stmt_get(st, STMT_VALUES, &rc, err);
	if (!s)
		return rc;
	const struct db_item_key *order = order_of(st, m, &tmp);
	if (!order)
		return samm_nomem(err);
	for (int i = 0; i < m->n_items; i++)
		values[i] = SAMM_UNSET;
	sqlite3_bind_int64(s, 1, period_id);
	int k = 0, src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		int c = 1;
		if (!item)
			continue;
		/* items of no model (left by another model) are skipped */
		while (k < m->n_items && (c = strcmp(order[k].id, item)) < 0)
			k++;
		if (k < m->n_items && c == 0)
			values[order[k].item] = valid_or_unset(s, 1);
	}
	db_stmt_done(s);
	free(tmp);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading scores", err);
	return SAMM_OK;
}

enum samm_status samm_store_values_range(struct samm_store *st, int64_t period_id,
					 const struct samm_model *m, int first, int n,
					 int *values, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	if (n <= 0)
		return SAMM_OK;
	/* a practice's ids share a prefix in SAMM, so the range holds about
	 * its own rows; rows of other items in it are skipped */
	const char *lo = m->items[first].id, *hi = lo;
	for (int i = first; i < first + n; i++) {
		if (strcmp(m->items[i].id, lo) < 0)
			lo = m->items[i].id;
		if (strcmp(m->items[i].id, hi) > 0)
			hi = m->items[i].id;
	}
	sqlite3_stmt *s = db_stmt_get(st, STMT_VALUES_RANGE, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, lo);
	db_bind_text(s, 3, hi);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		int i = item ? samm_model_find_item(m, item) : -1;
		if (i < first || i >= first + n || sqlite3_column_type(s, 1) == SQLITE_NULL)
			continue;
		values[i] = valid_or_unset(s, 1);
	}
	db_stmt_done(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading scores", err);
	return SAMM_OK;
}

enum samm_status samm_store_value_get(struct samm_store *st, int64_t period_id,
				      const char *item, int *out, struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	sqlite3_stmt *s = db_stmt_get(st, STMT_VALUE_GET, &rc, err);
	*out = SAMM_UNSET;
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, item);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*out = valid_or_unset(s, 0);
	db_stmt_done(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "reading scores", err);
	return SAMM_OK;
}

enum samm_status samm_store_score_row(struct samm_store *st, int64_t period_id,
				      const char *item, struct samm_score_row *out,
				      struct samm_error *err)
{
	enum samm_status rc = SAMM_OK;
	int oom = 0;
	memset(out, 0, sizeof *out);
	out->value = SAMM_UNSET;
	sqlite3_stmt *s = db_stmt_get(st, STMT_SCORE_ROW, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, period_id);
	db_bind_text(s, 2, item);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		const unsigned char *note = sqlite3_column_text(s, 1);
		out->found = 1;
		out->value = valid_or_unset(s, 0);
		if (note && *note)
			out->note = db_col_dup(s, 1, &oom);
		out->updated_by = db_col_dup(s, 2, &oom);
		out->updated_at = db_col_dup(s, 3, &oom);
	}
	db_stmt_done(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "reading scores", err);
	else if (oom)
		rc = samm_nomem(err);
	if (rc) {
		free(out->note);
		free(out->updated_by);
		free(out->updated_at);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

enum samm_status samm_store_item_rows(struct samm_store *st, int64_t scope_id, const char *item,
				      const struct samm_period *periods, size_t n,
				      struct samm_score_row *rows, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc;
	size_t k = 0;
	int src, oom = 0;

	for (size_t i = 0; i < n; i++) {
		memset(&rows[i], 0, sizeof rows[i]);
		rows[i].value = SAMM_UNSET;
	}
	/* one statement for the whole history (a lookup per period costs a
	 * statement's round trip each, times every period) */
	if ((rc = db_prepare(st, "SELECT p.id, s.value, s.note, s.updated_by, s.updated_at"
			     " FROM period p JOIN score s ON s.period_id = p.id AND s.item = ?2"
			     " WHERE p.scope_id = ?1 ORDER BY p.date, p.id", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, scope_id);
	db_bind_text(s, 2, item);
	while ((src = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		int64_t id = sqlite3_column_int64(s, 0);
		/* rows come in the periods' order: find this one from the last */
		size_t j = k;
		while (j < n && periods[j].id != id)
			j++;
		if (j == n)
			continue;       /* a period the list does not hold */
		k = j + 1;
		struct samm_score_row *r = &rows[j];
		const unsigned char *note = sqlite3_column_text(s, 2);
		r->found = 1;
		r->value = valid_or_unset(s, 1);
		if (note && *note)
			r->note = db_col_dup(s, 2, &oom);
		r->updated_by = db_col_dup(s, 3, &oom);
		r->updated_at = db_col_dup(s, 4, &oom);
	}
	if (oom)
		rc = samm_nomem(err);
	else if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = samm_store_sqlerr(st, src, "reading scores", err);
	sqlite3_finalize(s);
	if (rc)
		for (size_t i = 0; i < n; i++) {
			free(rows[i].note);
			free(rows[i].updated_by);
			free(rows[i].updated_at);
			memset(&rows[i], 0, sizeof rows[i]);
		}
	return rc;
}
