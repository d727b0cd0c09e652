/* models.c - stored models: their CSV bytes and the parsed cache. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "samm/value.h"
#include "db.h"
#include "core/vec.h"

/* ---- Models ------------------------------------------------------------------ */

static void model_info_row(sqlite3_stmt *s, struct samm_model_info *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(s, 0);
	db_col_copy(s, 1, m->name, sizeof m->name);
	db_col_copy(s, 2, m->version, sizeof m->version);
	db_col_copy(s, 3, m->hash, sizeof m->hash);
	db_col_copy(s, 4, m->loaded_at, sizeof m->loaded_at);
	m->n_items = sqlite3_column_int(s, 5);
	m->optional = sqlite3_column_int(s, 6);
}

#define MODEL_COLS "SELECT id, name, version, hash, loaded_at, n_items," \
	" id IN (SELECT model_id FROM model_optional) FROM model "
/* Optional models (SAMM 2.2 beside 2.0) come last when picking "the latest". */
#define MODEL_LATEST "ORDER BY id IN (SELECT model_id FROM model_optional), id DESC LIMIT 1"

/* Keep a parsed model in the cache (takes ownership, also on failure). */
static enum samm_status cache_model(struct samm_store *st, int64_t id, struct samm_model *m,
				    struct samm_error *err)
{
	if (samm_grow((void **)&st->models, &st->cap_models, st->n_models + 1,
		      sizeof *st->models)) {
		samm_model_free(m);
		return samm_nomem(err);
	}
	st->models[st->n_models].id = id;
	st->models[st->n_models].model = m;
	st->models[st->n_models].order = NULL;
	st->n_models++;
	return SAMM_OK;
}

static struct samm_model *cached_model(struct samm_store *st, int64_t id)
{
	for (size_t i = 0; i < st->n_models; i++)
		if (st->models[i].id == id)
			return st->models[i].model;
	return NULL;
}

/* The default name of a model file: "dir/foo.csv" -> "foo". */
static void base_name(const char *fname, char *buf, size_t size)
{
	const char *b = fname ? strrchr(fname, '/') : NULL;
	b = b ? b + 1 : fname;
	if (!b || !*b)
		b = "model";
	size_t n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".csv") == 0)
		n -= 4;
	if (size)
		n = samm_utf8_cut(b, n < size ? n : size - 1);
	snprintf(buf, size, "%.*s", (int)n, b);
}

/* *id := the stored model with m's hash (same bytes, whatever its name);
 * 0 when none. */
static enum samm_status model_by_hash(struct samm_store *st, const struct samm_model *m,
				      int64_t *id, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT id FROM model WHERE hash = ?1", &s, err);
	*id = 0;
	if (rc)
		return rc;
	db_bind_text(s, 1, m->hash);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "looking up the model", err);
	sqlite3_finalize(s);
	return rc;
}

/* SAMM_EXISTS when name and version are taken (by other content). */
static enum samm_status model_name_free(struct samm_store *st, const char *name,
					const char *version, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "SELECT hash FROM model WHERE name = ?1"
					 " AND version = ?2", &s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, version);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		rc = samm_error_set(err, SAMM_EXISTS, "model %s %s is already stored with other"
				    " content (%.12s); give it another version", name, version,
				    (const char *)sqlite3_column_text(s, 0));
	else if (src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "looking up the model", err);
	sqlite3_finalize(s);
	return rc;
}

static enum samm_status model_insert(struct samm_store *st, const struct samm_model *m,
				     const char *csv, size_t len, const char *name,
				     const char *version, int64_t *id, struct samm_error *err)
{
	char now[32];
	sqlite3_stmt *s;
	enum samm_status rc;
	samm_now_iso(now, sizeof now);
	if ((rc = db_prepare(st, "INSERT INTO model(name, version, hash, csv, n_items, loaded_at)"
			     " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &s, err)))
		return rc;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, version);
	db_bind_text(s, 3, m->hash);
	sqlite3_bind_blob64(s, 4, len ? csv : "", len, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, m->n_items);
	db_bind_text(s, 6, now);
	int src = sqlite3_step(s);
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return samm_store_sqlerr(st, src, "storing the model", err);
	*id = sqlite3_last_insert_rowid(st->db);
	return SAMM_OK;
}

static enum samm_status model_mark_optional(struct samm_store *st, int64_t id,
					    struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, "INSERT OR IGNORE INTO model_optional(model_id)"
					 " VALUES(?1)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = db_step_done(st, s, "storing the model", err);
	sqlite3_finalize(s);
	return rc;
}

static enum samm_status model_add(struct samm_store *st, const char *csv, size_t len,
				  const char *fname, const char *name, const char *version,
				  int optional, int64_t *id, int *created, struct samm_error *err)
{
	char defname[sizeof ((struct samm_model_info *)0)->name];
	struct samm_model *m = NULL;
	enum samm_status rc;
	int64_t dummy_id, old_id, new_id = 0;
	int dummy_created;

	if (!id)
		id = &dummy_id;
	if (!created)
		created = &dummy_created;
	*created = 0;
	if ((rc = samm_store_check_writable(st, err)))
		return rc;
	if (!name) {
		base_name(fname, defname, sizeof defname);
		name = defname;
	}
	if (!version)
		version = "1";
	if ((rc = db_check_name("model", name, sizeof defname, err)) ||
	    (rc = db_check_name("model version", version,
				sizeof ((struct samm_model_info *)0)->version, err)))
		return rc;
	if ((rc = samm_model_parse(csv, len, fname ? fname : name, &m, err)))
		return rc;
	if ((rc = samm_store_begin(st, err)))
		goto out;
	if ((rc = model_by_hash(st, m, &old_id, err)))
		goto fail;
	if (old_id) {
		*id = old_id;
		samm_store_rollback(st); /* nothing written */
		if (!cached_model(st, *id)) {
			rc = cache_model(st, *id, m, err);
			m = NULL;
		}
		goto out;
	}
	if ((rc = model_name_free(st, name, version, err)) ||
	    (rc = model_insert(st, m, csv, len, name, version, &new_id, err)) ||
	    (optional && (rc = model_mark_optional(st, new_id, err))))
		goto fail;
	if ((rc = samm_store_commit(st, err)))
		goto out;
	*id = new_id;
	*created = 1;
	rc = cache_model(st, new_id, m, err);
	m = NULL;
	goto out;
fail:
	samm_store_rollback(st);
out:
	samm_model_free(m);
	return rc;
}

enum samm_status samm_store_model_add(struct samm_store *st, const char *csv, size_t len,
				      const char *fname, const char *name,
				      const char *version, int64_t *id, int *created,
				      struct samm_error *err)
{
	return model_add(st, csv, len, fname, name, version, 0, id, created, err);
}

enum samm_status samm_store_model_add_optional(struct samm_store *st, const char *csv,
					       size_t len, const char *fname, const char *name,
					       const char *version, int64_t *id, int *created,
					       struct samm_error *err)
{
	return model_add(st, csv, len, fname, name, version, 1, id, created, err);
}


static void model_info_row_v(sqlite3_stmt *s, void *p) { model_info_row(s, p); }

enum samm_status samm_store_model_list(struct samm_store *st, struct samm_model_info **out,
				       size_t *n, struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, MODEL_COLS "ORDER BY id", &s, err);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	void *v;
	if ((rc = db_collect_rows(st, s, sizeof **out, model_info_row_v, "listing models", &v, n,
			       err)))
		return rc;
	*out = v;
	return SAMM_OK;
}

/* Run a model query with up to two text parameters; *found = rows seen
 * (up to 2, to notice an ambiguous hash prefix). */
static enum samm_status model_query(struct samm_store *st, const char *sql, const char *a,
				    const char *b, struct samm_model_info *out, int *found,
				    struct samm_error *err)
{
	sqlite3_stmt *s;
	enum samm_status rc = db_prepare(st, sql, &s, err);
	int src = SQLITE_DONE;
	*found = 0;
	if (rc)
		return rc;
	if (a)
		db_bind_text(s, 1, a);
	if (b)
		db_bind_text(s, 2, b);
	while (*found < 2 && (src = sqlite3_step(s)) == SQLITE_ROW) {
		if (*found == 0)
			model_info_row(s, out);
		(*found)++;
	}
	if (*found < 2 && src != SQLITE_DONE)
		rc = samm_store_sqlerr(st, src, "looking up a model", err);
	sqlite3_finalize(s);
	return rc;
}

static int is_hex_prefix(const char *s)
{
	size_t n = strlen(s);
	if (n < 6 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

enum samm_status samm_store_model_find(struct samm_store *st, const char *spec,
				       struct samm_model_info *out, struct samm_error *err)
{
	int found;
	enum samm_status rc;

	if (!spec || !*spec) {
		rc = model_query(st, MODEL_COLS MODEL_LATEST, NULL, NULL, out,
				 &found, err);
		if (!rc && !found)
			rc = samm_error_set(err, SAMM_NOTFOUND, "no model loaded;"
					    " run 'sammtui model add FILE'");
		return rc;
	}
	/* a name first: names may look like anything */
	rc = model_query(st, MODEL_COLS "WHERE name = ?1 " MODEL_LATEST, spec, NULL,
			 out, &found, err);
	if (rc || found)
		return rc;
	const char *colon = strrchr(spec, ':');
	if (colon) {
		char nm[256];
		size_t nl = (size_t)(colon - spec);
		nl = samm_utf8_cut(spec, nl < sizeof nm ? nl : sizeof nm - 1);
		snprintf(nm, sizeof nm, "%.*s", (int)nl, spec);
		rc = model_query(st, MODEL_COLS "WHERE name = ?1 AND version = ?2", nm, colon + 1,
				 out, &found, err);
		if (rc || found)
			return rc;
	}
	if (is_hex_prefix(spec)) {
		char lower[65];
		size_t i;
		for (i = 0; spec[i]; i++)
			lower[i] = (char)(spec[i] >= 'A' && spec[i] <= 'F' ? spec[i] + 32 : spec[i]);
		lower[i] = '\0';
		rc = model_query(st, MODEL_COLS "WHERE substr(hash, 1, length(?1)) = ?1 ORDER BY id",
				 lower, NULL, out, &found, err);
		if (rc)
			return rc;
		if (found > 1)
			return samm_error_set(err, SAMM_USAGE, "model hash prefix '%s' is ambiguous;"
					      " give more digits", spec);
		if (found)
			return SAMM_OK;
	}
	return samm_error_set(err, SAMM_NOTFOUND, "no model '%s' (give NAME, NAME:VERSION"
			      " or a hash prefix; 'sammtui model list' shows them)", spec);
}

enum samm_status samm_store_model_get(struct samm_store *st, int64_t model_id,
				      const struct samm_model **out, struct samm_error *err)
{
	struct samm_model *m = cached_model(st, model_id);
	enum samm_status rc = SAMM_OK;
	if (m) {
		*out = m;
		return SAMM_OK;
	}
	sqlite3_stmt *s = db_stmt_get(st, STMT_MODEL_CSV, &rc, err);
	if (!s)
		return rc;
	sqlite3_bind_int64(s, 1, model_id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		char fname[64];
		snprintf(fname, sizeof fname, "model #%lld", (long long)model_id);
		const char *blob = sqlite3_column_blob(s, 0);
		int len = sqlite3_column_bytes(s, 0);
		/* the hash stored with the bytes (computed when they were
		 * stored): no need to hash them again on every start */
		const char *hash = (const char *)sqlite3_column_text(s, 1);
		rc = samm_model_parse_hashed(blob ? blob : "", (size_t)len, fname, hash, &m, err);
		if (!rc && !(rc = cache_model(st, model_id, m, err)))
			*out = m;
	} else if (src == SQLITE_DONE) {
		rc = samm_error_set(err, SAMM_NOTFOUND, "no model #%lld", (long long)model_id);
	} else {
		rc = samm_store_sqlerr(st, src, "reading a model", err);
	}
	db_stmt_done(s);
	return rc;
}


/* Rows hold no pointers: one allocation. */
void samm_model_list_free(struct samm_model_info *v, size_t n)
{
	(void)n;
	free(v);
}
