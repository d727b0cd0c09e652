/* roadmap_fx.h - what test_roadmap.c and test_roadmap_store.c share: two
 * small models, a store in a private folder, and readers of phases,
 * targets and the change log.  Header-only (static inline): each test_*.c
 * is a program of its own.  Include after cmocka.h and fixture.h. */
#ifndef SAMM_TEST_ROADMAP_FX_H
#define SAMM_TEST_ROADMAP_FX_H

#include <math.h>
#include "samm/project.h"
#include "samm/roadmap.h"
#include "samm/store.h"
#include "samm/util.h"
#include "samm/value.h"
#include "core/store/testing.h"

#include "models_ab.h"

static const char *const B_IDS[] = {
	"G-SM-1-A.1", "G-SM-1-B.1", "G-EG-1-A.1", "G-EG-1-B.1", "D-TA-1-A.1",
	"D-TA-1-A.2", "D-TA-2-A.1", "D-TA-1-B.1",
};

struct fx {
	char dir[64];
	char path[128];
	struct samm_store *st;
	int64_t model_a, model_b;
	struct samm_scope org;
	struct samm_error err;
};

static inline int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_tmpdir(f->dir, sizeof f->dir, "test_roadmap");
	snprintf(f->path, sizeof f->path, "%s/sammtui.db", f->dir);
	samm_clock_pin("2026-11-22T10:00:00Z");
	fx_store_with_models(f->path, MODEL_A, MODEL_B, &f->st, &f->model_a, &f->model_b, &f->org,
			     &f->err);
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;
	samm_store_close(f->st);
	fx_rmtree(f->dir);
	free(f);
	return 0;
}

static inline int64_t period(struct fx *f, const char *name, const char *date, int64_t model)
{
	struct samm_period p;
	assert_int_equal(samm_store_period_new(f->st, f->org.id, name, date, SAMM_FROM_NOTHING, 0,
					       model, &p, &f->err), SAMM_OK);
	return p.id;
}

static inline int64_t phase(struct fx *f, const char *name, const char *due)
{
	struct samm_phase p;
	assert_int_equal(samm_phase_new(f->st, f->org.id, name, due, NULL, "lead", &p, &f->err),
			 SAMM_OK);
	return p.id;
}

/* Set values from a spec: one letter per id (n s h m a = no some half most
 * na, '.' = leave unset). */
static inline void setv(struct fx *f, int64_t pid, const char *const *ids, const char *spec)
{
	struct samm_change c[16];
	size_t n = 0;
	for (size_t i = 0; spec[i]; i++) {
		const char *at = strchr("nshma", spec[i]);
		if (!at)
			continue;
		memset(&c[n], 0, sizeof c[n]);
		c[n].item = ids[i];
		c[n].set_value = 1;
		c[n].value = at[0] == 'a' ? SAMM_NA : (int)(at - "nshma");
		n++;
	}
	assert_int_equal(samm_store_apply(f->st, pid, c, n, "tester", NULL, &f->err), SAMM_OK);
}

static inline int64_t sql_int(struct samm_store *st, const char *sql)
{
	int64_t v = 0;
	assert_int_equal(samm_store_test_int(st, sql, &v), 0);
	return v;
}

/* The name of the phase that counts for a period ("" when none). */
static inline const char *phase_of(struct fx *f, int64_t period_id)
{
	static struct samm_phase p;
	assert_int_equal(samm_phase_for_period(f->st, period_id, &p, &f->err), SAMM_OK);
	return p.id ? p.name : "";
}

/* The targets that apply to a period, as letters (n s h m, '.' for none). */
static inline const char *targets_of(struct fx *f, int64_t period_id)
{
	static char buf[16];
	const struct samm_model *m;
	int t[16];
	assert_int_equal(samm_store_model_get(f->st, f->model_a, &m, &f->err), SAMM_OK);
	assert_int_equal(samm_target_load(f->st, period_id, m, t, &f->err), SAMM_OK);
	for (int a = 0; a < m->n_activities; a++)
		buf[a] = t[a] == SAMM_UNSET ? '.' : "nshm"[t[a]];
	buf[m->n_activities] = '\0';
	return buf;
}

/* The effective targets of a phase, as targets_of; own[] as '*' marks. */
static inline const char *phase_targets(struct fx *f, int64_t phase_id, char *own_marks)
{
	static char buf[16];
	const struct samm_model *m;
	int t[16], own[16];
	assert_int_equal(samm_store_model_get(f->st, f->model_a, &m, &f->err), SAMM_OK);
	assert_int_equal(samm_phase_targets(f->st, phase_id, m, t, own, &f->err), SAMM_OK);
	for (int a = 0; a < m->n_activities; a++) {
		buf[a] = t[a] == SAMM_UNSET ? '.' : "nshm"[t[a]];
		if (own_marks)
			own_marks[a] = own[a] ? '*' : '-';
	}
	buf[m->n_activities] = '\0';
	if (own_marks)
		own_marks[m->n_activities] = '\0';
	return buf;
}

/* The change-log rows under item as "period:old>new" or "old|new" notes. */
static inline const char *log_of(struct fx *f, const char *item)
{
	static char buf[2048];
	struct samm_log_filter lf = { 0, NULL, item };
	struct samm_log_entry *rows;
	size_t n;
	assert_int_equal(samm_store_log(f->st, &lf, &rows, &n, &f->err), SAMM_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);
		if (rows[i].old_note || rows[i].new_note)
			snprintf(buf + len, sizeof buf - len, "%s%s|%s", i ? ";" : "",
				 rows[i].old_note ? rows[i].old_note : "",
				 rows[i].new_note ? rows[i].new_note : "");
		else
			snprintf(buf + len, sizeof buf - len, "%s%s:%s>%s", i ? ";" : "",
				 rows[i].period, samm_value_name(rows[i].old_value),
				 samm_value_name(rows[i].new_value));
	}
	samm_log_free(rows, n);
	return buf;
}

#endif
