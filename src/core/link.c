/* link.c - a project's links to activities and items. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "project_int.h"

/* ---- Links ----------------------------------------------------------------------------------- */

/* The model new links are checked against: the scope's latest period's,
 * else the latest loaded. */
static enum samm_status scope_model(struct samm_store *st, int64_t scope_id,
				    const struct samm_model **out, struct samm_error *err)
{
	struct samm_period p;
	enum samm_status rc = samm_store_period_latest(st, scope_id, &p, err);
	if (rc)
		return rc;
	if (!p.id) {
		struct samm_model_info mi;
		if ((rc = samm_store_model_find(st, NULL, &mi, err)))
			return rc;
		p.model_id = mi.id;
	}
	return samm_store_model_get(st, p.model_id, out, err);
}

enum samm_status samm_project_link(struct samm_store *st, int64_t project_id,
				   const char *const *ids, size_t n, const char *user,
				   int *n_added, struct samm_error *err)
{
	struct samm_project p;
	const struct samm_model *m;
	struct samm_ref *refs = NULL;
	struct logctx lc;
	enum samm_status rc;
	int added = 0;
	char note[300];

	if (n_added)
		*n_added = 0;
	if (!n)
		return samm_error_set(err, SAMM_USAGE, "no activity or item to link");
	for (size_t i = 0; i < n; i++)
		if (!ids[i] || !*ids[i])
			return samm_error_set(err, SAMM_USAGE, "an empty id cannot be linked");
	if (!(refs = malloc(n * sizeof *refs)))
		return samm_nomem(err);
	if ((rc = samm_store_begin(st, err))) {
		free(refs);
		return rc;
	}
	logctx_init(&lc, user);
	if ((rc = pj_project_get(st, project_id, &p, err)) ||
	    (rc = pj_scope_name(st, p.scope_id, &lc, err)) ||
	    (rc = scope_model(st, p.scope_id, &m, err)))
		goto fail;
	/* every id first, so that a typo writes nothing */
	for (size_t i = 0; i < n; i++) {
		if ((rc = samm_model_resolve_near(m, ids[i], SAMM_LEVELS(SAMM_L_ACTIVITY) |
						  SAMM_LEVELS(SAMM_L_ITEM), &refs[i], err)))
			goto fail;
		if (refs[i].level != SAMM_L_ACTIVITY && refs[i].level != SAMM_L_ITEM) {
			rc = samm_error_set(err, SAMM_USAGE, "'%s' is %s %s: projects link activities"
					    " (such as G-SM-1-A) or items (such as G-SM-1-A.1)",
					    ids[i], refs[i].level == SAMM_L_OVERALL ? "the" : "a",
					    samm_level_name(refs[i].level));
			goto fail;
		}
		/* struct samm_project_link holds ids in fixed arrays */
		if (strlen(samm_model_ref_id(m, refs[i])) >= sizeof ((struct samm_project_link *)0)->id) {
			rc = samm_error_set(err, SAMM_USAGE, "id '%.*s...' is too long to link",
					    (int)samm_utf8_cut(ids[i], 40), ids[i]);
			goto fail;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *id = samm_model_ref_id(m, refs[i]);
		int a = refs[i].level == SAMM_L_ITEM ? m->items[refs[i].index].activity
			: refs[i].index, fresh;
		if ((rc = samm_store_link_add(st, project_id, id, refs[i].level,
					      m->activities[a].code, &fresh, err)))
			goto fail;
		if (!fresh)
			continue;       /* already linked */
		snprintf(note, sizeof note, "linked %s", id);
		if ((rc = log_project(st, &lc, p.name, NULL, note, err)))
			goto fail;
		added++;
	}
	if (!added) {
		samm_store_rollback(st);
	} else if ((rc = samm_store_project_touch(st, project_id, lc.now, err)) ||
		   (rc = samm_store_commit(st, err))) {
		goto fail;
	}
	free(refs);
	if (n_added)
		*n_added = added;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	free(refs);
	return rc;
}

enum samm_status samm_project_unlink(struct samm_store *st, int64_t project_id,
				     const char *const *ids, size_t n, const char *user,
				     int *n_removed, struct samm_error *err)
{
	struct samm_project p;
	struct logctx lc;
	enum samm_status rc;
	int removed = 0;
	char note[300];

	if (n_removed)
		*n_removed = 0;
	if (!n)
		return samm_error_set(err, SAMM_USAGE, "no activity or item to unlink");
	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = pj_project_get(st, project_id, &p, err)) ||
	    (rc = pj_scope_name(st, p.scope_id, &lc, err)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		int gone;
		if ((rc = samm_store_link_remove(st, project_id, ids[i] ? ids[i] : "", &gone,
						 err)))
			goto fail;
		if (!gone) {
			/* named twice in one call counts as linked once */
			int twice = 0;
			for (size_t k = 0; k < i && !twice; k++)
				twice = ids[k] && ids[i] && !strcmp(ids[k], ids[i]);
			if (twice)
				continue;
			rc = samm_error_set(err, SAMM_NOTFOUND, "project '%s' has no link to '%s'",
					    p.name, ids[i] ? ids[i] : "");
			goto fail;
		}
		snprintf(note, sizeof note, "unlinked %s", ids[i]);
		if ((rc = log_project(st, &lc, p.name, NULL, note, err)))
			goto fail;
		removed++;
	}
	if ((rc = samm_store_project_touch(st, project_id, lc.now, err)) ||
	    (rc = samm_store_commit(st, err)))
		goto fail;
	if (n_removed)
		*n_removed = removed;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_project_links(struct samm_store *st, int64_t project_id,
				    struct samm_project_link **out, size_t *n,
				    struct samm_error *err)
{
	enum samm_status rc;
	int exists;

	*out = NULL;
	*n = 0;
	if ((rc = samm_store_project_exists(st, project_id, &exists, err)))
		return rc;
	if (!exists)
		return samm_error_set(err, SAMM_NOTFOUND, "no project #%lld", (long long)project_id);
	return samm_store_links(st, project_id, out, n, err);
}

enum samm_status samm_project_linkers(struct samm_store *st, int64_t scope_id, const char *id,
				      int64_t **ids, size_t *n, struct samm_error *err)
{
	return samm_store_ref_linkers(st, scope_id, id, ids, n, err);
}

/* Rows hold no pointers: one allocation. */
void samm_project_link_list_free(struct samm_project_link *v, size_t n)
{
	(void)n;
	free(v);
}
