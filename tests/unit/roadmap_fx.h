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

/* Model A, in model order (the one of test_project.c):
 *   [0] G-SM-1-A.1  [1] G-SM-1-A.2   activity 0 G-SM-1-A  (SM stream A)
 *   [2] G-SM-1-B.1                   activity 1 G-SM-1-B  (SM stream B)
 *   [3] D-TA-1-A.1  [4] D-TA-1-A.2   activity 2 D-TA-1-A  (TA stream A)
 *   [5] D-TA-2-A.1                   activity 3 D-TA-2-A  (TA stream A)
 *   [6] D-TA-1-B.1                   activity 4 D-TA-1-B  (TA stream B)
 *   [7] D-TA-2-B.1                   activity 5 D-TA-2-B  (TA stream B) */
static const char MODEL_A[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-A.2,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C2\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n"
	"D-TA-2-B.1,Design,TA,Threat Assessment,B,Model,2,Act TA2B,Q?,C8\n";
static const char *const A_IDS[] = {
	"G-SM-1-A.1", "G-SM-1-A.2", "G-SM-1-B.1", "D-TA-1-A.1", "D-TA-1-A.2",
	"D-TA-2-A.1", "D-TA-1-B.1", "D-TA-2-B.1",
};

/* Model B: Governance has two practices, SM and EG; Design has TA.
 *   [0] G-SM-1-A.1 [1] G-SM-1-B.1 [2] G-EG-1-A.1 [3] G-EG-1-B.1
 *   [4] D-TA-1-A.1 [5] D-TA-1-A.2 [6] D-TA-2-A.1 [7] D-TA-1-B.1 */
static const char MODEL_B[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"G-EG-1-A.1,Governance,EG,Education & Guidance,A,Train,1,Act EG1A,Q?,C10\n"
	"G-EG-1-B.1,Governance,EG,Education & Guidance,B,Guide,1,Act EG1B,Q?,C11\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n";
static const char *const B_IDS[] = {
	"G-SM-1-A.1", "G-SM-1-B.1", "G-EG-1-A.1", "G-EG-1-B.1", "D-TA-1-A.1",
	"D-TA-1-A.2", "D-TA-2-A.1", "D-TA-1-B.1",
};

#define EPS 1e-9
#define assert_score(a, b) assert_true(fabs((double)(a) - (double)(b)) < EPS)

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
