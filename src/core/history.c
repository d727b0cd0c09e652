/* history.c - one item across the periods of a scope. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/value.h"
#include "analysis_int.h"

/* ---- One item's history ------------------------------------------------------------------------ */

void samm_item_history_free(struct samm_item_hist *h, size_t n)
{
	if (!h)
		return;
	for (size_t i = 0; i < n; i++) {
		free(h[i].note);
		free(h[i].updated_by);
		free(h[i].updated_at);
	}
	free(h);
}

static enum samm_status an_item_history(struct samm_store *st, int64_t scope_id,
					const char *item_id, struct samm_item_hist **out,
					size_t *n, struct samm_error *err)
{
	struct samm_period *per = NULL;
	struct samm_item_hist *h = NULL;
	struct samm_score_row *rows = NULL;
	size_t np = 0;
	enum samm_status rc;

	*out = NULL;
	*n = 0;
	if (!item_id || !*item_id)
		return samm_error_set(err, SAMM_USAGE, "no item given");
	if ((rc = samm_store_period_list(st, scope_id, &per, &np, err)))
		return rc;
	if (!(h = calloc(np + 1, sizeof *h))) {
		rc = samm_nomem(err);
		goto done;
	}
	if (!(rows = calloc(np + 1, sizeof *rows))) {
		rc = samm_nomem(err);
		goto done;
	}
	if ((rc = samm_store_item_rows(st, scope_id, item_id, per, np, rows, err)))
		goto done;
	for (size_t p = 0; p < np; p++) {
		const struct samm_model *m;
		h[p].period = per[p];
		h[p].value = SAMM_UNSET;
		if ((rc = samm_store_model_get(st, per[p].model_id, &m, err)))
			goto done;
		if (!(h[p].present = samm_model_find_item(m, item_id) >= 0))
			continue;
		/* the row's strings move into the history */
		h[p].value = rows[p].value;
		h[p].note = rows[p].note;
		h[p].updated_by = rows[p].updated_by;
		h[p].updated_at = rows[p].updated_at;
		memset(&rows[p], 0, sizeof rows[p]);
	}
done:
	for (size_t p = 0; rows && p < np; p++) {
		free(rows[p].note);
		free(rows[p].updated_by);
		free(rows[p].updated_at);
	}
	free(rows);
	samm_period_list_free(per, np);
	if (rc) {
		samm_item_history_free(h, np);
		return rc;
	}
	*out = h;
	*n = np;
	return SAMM_OK;
}

enum samm_status samm_item_history(struct samm_store *st, int64_t scope_id,
				   const char *item_id, struct samm_item_hist **out,
				   size_t *n, struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = an_item_history(st, scope_id, item_id, out, n, err);
	samm_store_snap_end(st, began);
	return rc;
}

