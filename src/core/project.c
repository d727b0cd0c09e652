/* project.c - projects: their fields, reading them with their outcome,
 * creating, changing and deleting them.  Links are link.c's, one project
 * in detail project_detail.c's, targets target.c's, coverage coverage.c's.
 *
 * Data (schema version 2, store/schema.c):
 *   project(id, scope_id, name, owner, description, status, start_period,
 *           end_period, created_at, updated_at)
 *   project_link(project_id, ref, level, activity): ref is the linked
 *           activity code or item id; activity its activity's code, so
 *           that "who covers activity X" is one lookup by activity
 *   target(period_id, activity, value, set_by, set_at)
 * Changes are rows of the store's `log` table (item "project:NAME" or
 * "target:ACTIVITY"), written in the same transaction as the change.
 *
 * Reading: values of a period are read once per call into a small cache
 * (struct pcache) with their scorecard, because a project list compares
 * the same few periods for every project. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "samm/roadmap.h"
#include "project_int.h"

/* ---- Status -------------------------------------------------------------------- */

static const char *const status_names[SAMM_PROJECT_STATUS_COUNT] = {
	[SAMM_PROJECT_PLANNED] = "planned", [SAMM_PROJECT_ACTIVE] = "active",
	[SAMM_PROJECT_DONE] = "done", [SAMM_PROJECT_DROPPED] = "dropped",
};

const char *samm_project_status_name(enum samm_project_status s)
{
	return (unsigned)s < SAMM_PROJECT_STATUS_COUNT ? status_names[s] : "?";
}

int samm_project_status_parse(const char *s, enum samm_project_status *out)
{
	for (int i = 0; s && i < SAMM_PROJECT_STATUS_COUNT; i++)
		if (!strcmp(s, status_names[i])) {
			*out = (enum samm_project_status)i;
			return 0;
		}
	return -1;
}

/* ---- Text checks ---------------------------------------------------------------------- */

/* A name or owner: valid UTF-8, no control characters (C0, DEL, C1, nor the
 * bidirectional controls: samm_cp_is_control), shorter than max; empty only
 * when allow_empty.  allow_ctl (descriptions, free text like notes) lets
 * them all through: every display escapes them anyway. */
static enum samm_status check_text(const char *what, const char *s, size_t max,
				   int allow_empty, int allow_ctl, struct samm_error *err)
{
	size_t bad, len;
	if (!s || !*s) {
		if (allow_empty)
			return SAMM_OK;
		return samm_error_set(err, SAMM_USAGE, "%s is empty", what);
	}
	len = strlen(s);
	if (len >= max)
		return samm_error_set(err, SAMM_USAGE, "%s '%.*s...' is too long (at most %zu"
				      " bytes)", what, (int)samm_utf8_cut(s, 40), s, max - 1);
	if (!samm_utf8_valid(s, len, &bad))
		return samm_error_set(err, SAMM_USAGE, "%s is not valid UTF-8 (byte %zu)", what,
				      bad + 1);
	for (size_t i = 0, n; !allow_ctl && i < len; i += n) {
		uint32_t cp;
		/* (checked valid above, so n > 0) */
		if (!(n = samm_utf8_decode(s + i, len - i, &cp)) || samm_cp_is_control(cp))
			return samm_error_set(err, SAMM_USAGE, "%s holds a control character"
					      " (byte %zu)", what, i + 1);
	}
	return SAMM_OK;
}

/* A project name: as check_text, and not starting with '-', which the
 * command line would take for an option. */
static enum samm_status check_name(const char *name, struct samm_error *err)
{
	if (name && *name == '-')
		return samm_error_set(err, SAMM_USAGE, "project name '%.40s' may not start with '-'"
				      " (the command line would read it as an option)", name);
	return check_text("project name", name, SAMM_PROJECT_NAME_MAX, 0, 0, err);
}

static enum samm_status check_fields(const char *name, const struct samm_project_fields *f,
				     struct samm_error *err)
{
	enum samm_status rc;
	if (name && (rc = check_name(name, err)))
		return rc;
	if (!f)
		return SAMM_OK;
	if (f->name && (rc = check_name(f->name, err)))
		return rc;
	if (f->owner && (rc = check_text("owner", f->owner, SAMM_PROJECT_NAME_MAX, 1, 0, err)))
		return rc;
	if (f->description && (rc = check_text("description", f->description,
						SAMM_PROJECT_DESC_MAX, 1, 1, err)))
		return rc;
	if (f->set_status && (unsigned)f->status >= SAMM_PROJECT_STATUS_COUNT)
		return samm_error_set(err, SAMM_USAGE, "invalid project status %d", (int)f->status);
	return SAMM_OK;
}

/* ---- Periods ------------------------------------------------------------------------------------ */

/* Is period a older than b in the store's order (date, then creation)? */
static int period_before(const struct samm_period *a, const struct samm_period *b)
{
	int c = strcmp(a->date, b->date);
	return c < 0 || (c == 0 && a->id < b->id);
}


/* ---- Reading projects ------------------------------------------------------------------------ */

/* Fill the outcome of a done project with both periods. */
static enum samm_status project_outcome(struct samm_store *st, struct pcache *c,
					struct samm_project *p, struct samm_error *err)
{
	struct pvals *a, *b;
	char **codes = NULL;
	size_t n = 0;
	enum samm_status rc;

	p->has_outcome = 0;
	p->n_rose = p->n_compared = 0;
	if (p->status != SAMM_PROJECT_DONE || !p->start.id || !p->end.id)
		return SAMM_OK;
	if ((rc = pcache_get(c, &p->start, &a, err)) || (rc = pcache_get(c, &p->end, &b, err)) ||
	    (rc = samm_store_project_activities(st, p->id, &codes, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct samm_project_point x = act_point(a, codes[i], NULL);
		struct samm_project_point y = act_point(b, codes[i], NULL);
		free(codes[i]);
		if (!x.present || !y.present)
			continue;
		p->n_compared++;
		p->n_rose += samm_value_dir(x.value, y.value) == SAMM_DIR_UP;
	}
	free(codes);
	p->has_outcome = 1;
	return SAMM_OK;
}

/* The projects of query q whose status is in mask, with their outcomes. */
static enum samm_status project_collect(struct samm_store *st, enum samm_project_query q,
					int64_t a, const char *b, const char *c, unsigned mask,
					struct samm_project **out, size_t *n,
					struct samm_error *err)
{
	struct samm_project *v = NULL;
	size_t all = 0, cnt = 0;
	struct pcache pc = { st, NULL, 0, 0 };
	enum samm_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = samm_store_projects(st, q, a, b, c, &v, &all, err)))
		return rc;
	for (size_t i = 0; i < all; i++)
		if (mask & SAMM_PROJECT_MASK(v[i].status))
			v[cnt++] = v[i];
	for (size_t i = 0; !rc && i < cnt; i++)
		rc = project_outcome(st, &pc, &v[i], err);
	pcache_free(&pc);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SAMM_OK;
}

/* One project by query q (SAMM_PQ_ID or SAMM_PQ_NAME); *found 0 when none. */
static enum samm_status project_one(struct samm_store *st, enum samm_project_query q,
				    int64_t a, const char *b, struct samm_project *out,
				    int *found, struct samm_error *err)
{
	struct samm_project *v = NULL;
	size_t n = 0;
	enum samm_status rc;

	if ((rc = project_collect(st, q, a, b, NULL, SAMM_PROJECT_ANY, &v, &n, err)))
		return rc;
	*found = n > 0;
	if (n)
		*out = v[0];
	free(v);
	return SAMM_OK;
}

enum samm_status pj_project_get(struct samm_store *st, int64_t project_id,
				struct samm_project *out, struct samm_error *err)
{
	int found;
	enum samm_status rc = project_one(st, SAMM_PQ_ID, project_id, NULL, out, &found, err);
	if (!rc && !found)
		rc = samm_error_set(err, SAMM_NOTFOUND, "no project #%lld", (long long)project_id);
	return rc;
}

enum samm_status samm_project_get(struct samm_store *st, int64_t project_id,
				  struct samm_project *out, struct samm_error *err)
{
	int began = samm_store_snap_begin(st);
	enum samm_status rc = pj_project_get(st, project_id, out, err);
	samm_store_snap_end(st, began);
	return rc;
}

enum samm_status samm_project_find(struct samm_store *st, int64_t scope_id, const char *name,
				   struct samm_project *out, struct samm_error *err)
{
	struct samm_scope scope;
	int found, began;
	enum samm_status rc;

	if (!name || !*name)
		return samm_error_set(err, SAMM_USAGE, "no project name given");
	began = samm_store_snap_begin(st);
	rc = project_one(st, SAMM_PQ_NAME, scope_id, name, out, &found, err);
	if (!rc && !found && !(rc = samm_store_scope_get(st, scope_id, &scope, err)))
		rc = samm_error_set(err, SAMM_NOTFOUND, "no project '%s' in scope '%s'", name,
				    scope.name);
	samm_store_snap_end(st, began);
	return rc;
}

enum samm_status samm_project_list(struct samm_store *st, int64_t scope_id,
				   unsigned status_mask, struct samm_project **out, size_t *n,
				   struct samm_error *err)
{
	struct samm_scope scope;
	enum samm_status rc;
	int began;

	*out = NULL;
	*n = 0;
	began = samm_store_snap_begin(st);
	if (!(rc = samm_store_scope_get(st, scope_id, &scope, err)))
		rc = project_collect(st, SAMM_PQ_SCOPE, scope_id, NULL, NULL, status_mask, out, n,
				     err);
	samm_store_snap_end(st, began);
	return rc;
}

/* The activity code of an item id: everything before its last '.' (the
 * model's rule).  Writes into buf; "" when there is no '.'. */
static void item_activity(const char *id, char *buf, size_t size)
{
	const char *dot = strrchr(id, '.');
	size_t n = dot ? (size_t)(dot - id) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, id, n);
	buf[n] = '\0';
}

enum samm_status samm_project_covering(struct samm_store *st, int64_t scope_id,
				       enum samm_level level, const char *id,
				       unsigned status_mask, struct samm_project **out,
				       size_t *n, struct samm_error *err)
{
	char act[256];
	enum samm_status rc;
	int began;

	*out = NULL;
	*n = 0;
	if (!id || !*id)
		return samm_error_set(err, SAMM_USAGE, "no activity or item given");
	if (level == SAMM_L_ACTIVITY)
		samm_utf8_copy(act, sizeof act, id);
	else if (level == SAMM_L_ITEM)
		item_activity(id, act, sizeof act);
	else
		return samm_error_set(err, SAMM_USAGE, "projects cover activities and items,"
				      " not a %s", samm_level_name(level));
	began = samm_store_snap_begin(st);
	rc = project_collect(st, SAMM_PQ_COVERING, scope_id, act,
			     level == SAMM_L_ITEM ? id : NULL, status_mask, out, n, err);
	if (!rc && !*n) {
		free(*out);
		*out = NULL;
	}
	samm_store_snap_end(st, began);
	return rc;
}

/* ---- Writing projects ------------------------------------------------------------------------ */

/* The period `id` of the scope for a project's start or end; 0 gives an
 * empty period. */
static enum samm_status project_period(struct samm_store *st, int64_t scope_id, int64_t id,
				       const char *what, struct samm_period *out,
				       struct samm_error *err)
{
	enum samm_status rc;
	memset(out, 0, sizeof *out);
	if (!id)
		return SAMM_OK;
	if ((rc = samm_store_period_get(st, id, out, err)))
		return rc;
	if (out->scope_id != scope_id)
		return samm_error_set(err, SAMM_USAGE, "the %s period '%s' belongs to another scope",
				      what, out->name);
	return SAMM_OK;
}

static enum samm_status check_span(const struct samm_period *start, const struct samm_period *end,
				   struct samm_error *err)
{
	if (start->id && end->id && period_before(end, start))
		return samm_error_set(err, SAMM_USAGE, "the end period '%s' (%s) is before the start"
				      " period '%s' (%s)", end->name, end->date, start->name,
				      start->date);
	return SAMM_OK;
}

static enum samm_status name_taken(struct samm_store *st, int64_t scope_id, const char *name,
				   const char *scope, struct samm_error *err)
{
	int exists;
	enum samm_status rc = samm_store_project_name_exists(st, scope_id, name, &exists, err);
	if (!rc && exists)
		rc = samm_error_set(err, SAMM_EXISTS, "project '%s' already exists in scope '%s'",
				    name, scope);
	return rc;
}

/* "a, b, c": append part to buf with a separator. */
static void append(char *buf, size_t size, const char *part)
{
	size_t n = strlen(buf);
	if (n < size)
		snprintf(buf + n, size - n, "%s%s", n ? ", " : "", part);
}

/* A new project's start (given, else the latest period) and end (given,
 * else the latest period when it is done already, else none). */
static enum samm_status new_span(struct samm_store *st, int64_t scope_id,
				 const struct samm_project_fields *f,
				 enum samm_project_status status, struct samm_period *start,
				 struct samm_period *end, struct samm_error *err)
{
	enum samm_status rc;
	if (f->set_start)
		rc = project_period(st, scope_id, f->start_id, "start", start, err);
	else
		rc = samm_store_period_latest(st, scope_id, start, err);
	if (rc)
		return rc;
	if (f->set_end)
		rc = project_period(st, scope_id, f->end_id, "end", end, err);
	else if (status == SAMM_PROJECT_DONE)
		rc = samm_store_period_latest(st, scope_id, end, err);
	else
		memset(end, 0, sizeof *end);
	return rc ? rc : check_span(start, end, err);
}

/* The log note of a new project: "created (planned, owner X, start P)". */
static void created_note(char *note, size_t size, const struct samm_project *p)
{
	char what[600] = "", part[200];
	append(what, sizeof what, samm_project_status_name(p->status));
	if (*p->owner) {
		snprintf(part, sizeof part, "owner %s", p->owner);
		append(what, sizeof what, part);
	}
	if (p->start.id) {
		snprintf(part, sizeof part, "start %s", p->start.name);
		append(what, sizeof what, part);
	}
	if (p->end.id) {
		snprintf(part, sizeof part, "end %s", p->end.name);
		append(what, sizeof what, part);
	}
	if (p->phase_id) {
		snprintf(part, sizeof part, "phase %s", p->phase_name);
		append(what, sizeof what, part);
	}
	snprintf(note, size, "created (%s)", what);
}

static enum samm_status project_phase(struct samm_store *st, int64_t scope_id, int64_t phase_id,
				      struct samm_project *q, struct samm_error *err);

enum samm_status samm_project_new(struct samm_store *st, int64_t scope_id, const char *name,
				  const struct samm_project_fields *f, const char *user,
				  struct samm_project *out, struct samm_error *err)
{
	static const struct samm_project_fields none;
	struct samm_project p;
	struct logctx lc;
	enum samm_status rc;
	char note[640];
	int64_t id;

	if (!f)
		f = &none;
	if ((rc = check_fields(name, f, err)) || (rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	memset(&p, 0, sizeof p);
	p.scope_id = scope_id;
	p.status = f->set_status ? f->status : SAMM_PROJECT_PLANNED;
	samm_utf8_copy(p.name, sizeof p.name, name);
	samm_utf8_copy(p.owner, sizeof p.owner, f->owner ? f->owner : "");
	samm_utf8_copy(p.description, sizeof p.description, f->description ? f->description : "");
	snprintf(p.created_at, sizeof p.created_at, "%s", lc.now);
	if ((rc = pj_scope_name(st, scope_id, &lc, err)) ||
	    (rc = name_taken(st, scope_id, name, lc.scope, err)) ||
	    (rc = new_span(st, scope_id, f, p.status, &p.start, &p.end, err)) ||
	    (f->set_phase && (rc = project_phase(st, scope_id, f->phase_id, &p, err))) ||
	    (rc = samm_store_project_insert(st, &p, &id, err)))
		goto fail;
	created_note(note, sizeof note, &p);
	if ((rc = log_project(st, &lc, name, NULL, note, err)) ||
	    (rc = samm_store_commit(st, err)))
		goto fail;
	if (out)
		return samm_project_get(st, id, out, err);
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

/* "owner alice" / "no owner" and the like, for log rows. */
static void describe(char *buf, size_t size, const char *field, const char *value)
{
	if (value && *value)
		snprintf(buf, size, "%s %s", field, value);
	else
		snprintf(buf, size, "no %s", field);
}

/* One log row "FIELD OLD" -> "FIELD NEW" for project `name`, when the two
 * differ (*changed counts it). */
static enum samm_status log_field(struct samm_store *st, const struct logctx *lc,
				  const char *name, const char *field, const char *old_v,
				  const char *new_v, int differ, int *changed,
				  struct samm_error *err)
{
	char o[SAMM_PROJECT_DESC_MAX + 32], n[SAMM_PROJECT_DESC_MAX + 32];
	if (!differ)
		return SAMM_OK;
	describe(o, sizeof o, field, old_v);
	describe(n, sizeof n, field, new_v);
	(*changed)++;
	return log_project(st, lc, name, o, n, err);
}

/* q's phase := phase_id (0: none), which must be one of the scope's. */
static enum samm_status project_phase(struct samm_store *st, int64_t scope_id, int64_t phase_id,
				      struct samm_project *q, struct samm_error *err)
{
	struct samm_phase ph = { 0 };
	enum samm_status rc;
	if (phase_id && (rc = samm_phase_get(st, phase_id, &ph, err)))
		return rc;
	if (phase_id && ph.scope_id != scope_id)
		return samm_error_set(err, SAMM_USAGE, "phase '%s' belongs to another scope",
				      ph.name);
	q->phase_id = ph.id;
	snprintf(q->phase_name, sizeof q->phase_name, "%s", ph.name);
	return SAMM_OK;
}

/* q := p with the fields f changes (start and end resolved and checked). */
static enum samm_status set_fields(struct samm_store *st, const struct samm_project *p,
				   const struct samm_project_fields *f, struct samm_project *q,
				   struct samm_error *err)
{
	enum samm_status rc;
	*q = *p;
	if (f->name)
		samm_utf8_copy(q->name, sizeof q->name, f->name);
	if (f->owner)
		samm_utf8_copy(q->owner, sizeof q->owner, f->owner);
	if (f->description)
		samm_utf8_copy(q->description, sizeof q->description, f->description);
	if (f->set_status)
		q->status = f->status;
	if (f->set_start && (rc = project_period(st, p->scope_id, f->start_id, "start",
						 &q->start, err)))
		return rc;
	if (f->set_end) {
		if ((rc = project_period(st, p->scope_id, f->end_id, "end", &q->end, err)))
			return rc;
	} else if (q->status == SAMM_PROJECT_DONE && p->status != SAMM_PROJECT_DONE &&
		   !q->end.id) {
		/* the outcome compares start with end: done means "by now" */
		if ((rc = samm_store_period_latest(st, p->scope_id, &q->end, err)))
			return rc;
	}
	if (f->set_phase && (rc = project_phase(st, p->scope_id, f->phase_id, q, err)))
		return rc;
	return check_span(&q->start, &q->end, err);
}

/* One log row per changed field, the rename first so that the rows after
 * it carry the new name. */
static enum samm_status log_changes(struct samm_store *st, const struct logctx *lc,
				   const struct samm_project *p, const struct samm_project *q,
				   int *changed, struct samm_error *err)
{
	enum samm_status rc;
	const char *name = q->name;
	int renamed = strcmp(q->name, p->name) != 0;
	if (renamed && (rc = name_taken(st, p->scope_id, q->name, lc->scope, err)))
		return rc;
	if ((rc = log_field(st, lc, name, "name", p->name, q->name, renamed, changed, err)) ||
	    (rc = log_field(st, lc, name, "status", samm_project_status_name(p->status),
			    samm_project_status_name(q->status), q->status != p->status, changed,
			    err)) ||
	    (rc = log_field(st, lc, name, "owner", p->owner, q->owner,
			    strcmp(q->owner, p->owner) != 0, changed, err)) ||
	    (rc = log_field(st, lc, name, "description", p->description, q->description,
			    strcmp(q->description, p->description) != 0, changed, err)) ||
	    (rc = log_field(st, lc, name, "start", p->start.name, q->start.name,
			    q->start.id != p->start.id, changed, err)) ||
	    (rc = log_field(st, lc, name, "end", p->end.name, q->end.name,
			    q->end.id != p->end.id, changed, err)) ||
	    (rc = log_field(st, lc, name, "phase", p->phase_name, q->phase_name,
			    q->phase_id != p->phase_id, changed, err)))
		return rc;
	return SAMM_OK;
}

/* The project and its scope's name for a change in the open transaction. */
void pj_last_change(struct samm_store *st, int64_t scope_id, const char *period,
		    const char *item, char *by, size_t by_size, char *at, size_t at_size)
{
	struct samm_log_filter f = { scope_id, period, item };
	struct samm_log_entry *rows = NULL;
	size_t n = 0;
	snprintf(by, by_size, "%s", "");
	snprintf(at, at_size, "%s", "");
	if (samm_store_log(st, &f, &rows, &n, NULL) == SAMM_OK && n) {
		snprintf(by, by_size, "%s", rows[n - 1].user ? rows[n - 1].user : "");
		snprintf(at, at_size, "%s", rows[n - 1].at ? rows[n - 1].at : "");
	}
	samm_log_free(rows, n);
}

/* A compare-and-set on the status that failed: SAMM_CONFLICT naming who
 * changed the project last. */
static enum samm_status status_conflict(struct samm_store *st, const struct samm_project *p,
					struct samm_error *err)
{
	char item[SAMM_PROJECT_NAME_MAX + 16], by[256], at[32];
	snprintf(item, sizeof item, "project:%s", p->name);
	pj_last_change(st, p->scope_id, NULL, item, by, sizeof by, at, sizeof at);
	return samm_error_set(err, SAMM_CONFLICT, "project %s was changed by %s at %s (status"
			      " now %s); nothing written", p->name, by[0] ? by : "someone",
			      at[0] ? at : p->updated_at, samm_project_status_name(p->status));
}

static enum samm_status project_for_change(struct samm_store *st, int64_t project_id,
					   struct samm_project *p, struct logctx *lc,
					   struct samm_error *err)
{
	enum samm_status rc = pj_project_get(st, project_id, p, err);
	return rc ? rc : pj_scope_name(st, p->scope_id, lc, err);
}

enum samm_status samm_project_set(struct samm_store *st, int64_t project_id,
				  const struct samm_project_fields *f, const char *user,
				  int *n_changed, struct samm_error *err)
{
	return samm_project_set_if(st, project_id, f, SAMM_PROJECT_STATUS_COUNT, user, n_changed,
				   err);
}

/* old_status SAMM_PROJECT_STATUS_COUNT: no check (samm_project_set). */
enum samm_status samm_project_set_if(struct samm_store *st, int64_t project_id,
				     const struct samm_project_fields *f,
				     enum samm_project_status old_status, const char *user,
				     int *n_changed, struct samm_error *err)
{
	struct samm_project p, q;
	struct logctx lc;
	enum samm_status rc;
	int changed = 0;

	if (n_changed)
		*n_changed = 0;
	if (!f)
		return SAMM_OK;
	if ((rc = check_fields(NULL, f, err)) || (rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = project_for_change(st, project_id, &p, &lc, err)))
		goto fail;
	if (old_status != SAMM_PROJECT_STATUS_COUNT && p.status != old_status) {
		rc = status_conflict(st, &p, err);
		goto fail;
	}
	if ((rc = set_fields(st, &p, f, &q, err)) ||
	    (rc = log_changes(st, &lc, &p, &q, &changed, err)))
		goto fail;
	if (!changed) {
		samm_store_rollback(st);
		return SAMM_OK;
	}
	snprintf(q.updated_at, sizeof q.updated_at, "%s", lc.now);
	if ((rc = samm_store_project_update(st, &q, err)) || (rc = samm_store_commit(st, err)))
		goto fail;
	if (n_changed)
		*n_changed = changed;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

enum samm_status samm_project_delete(struct samm_store *st, int64_t project_id,
				     const char *user, struct samm_error *err)
{
	struct samm_project p;
	struct logctx lc;
	enum samm_status rc;
	char what[300];

	if ((rc = samm_store_begin(st, err)))
		return rc;
	logctx_init(&lc, user);
	if ((rc = project_for_change(st, project_id, &p, &lc, err)) ||
	    (rc = samm_store_project_remove(st, project_id, err)))
		goto fail;
	snprintf(what, sizeof what, "deleted (%s, %d %s)", samm_project_status_name(p.status),
		 p.n_links, p.n_links == 1 ? "link" : "links");
	if ((rc = log_project(st, &lc, p.name, NULL, what, err)) ||
	    (rc = samm_store_commit(st, err)))
		goto fail;
	return SAMM_OK;
fail:
	samm_store_rollback(st);
	return rc;
}

/* Rows hold no pointers: one allocation. */
void samm_project_list_free(struct samm_project *v, size_t n)
{
	(void)n;
	free(v);
}
