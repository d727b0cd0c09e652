/* analysis.h - comparing periods: diff, stagnant areas, trends, the policy
 * check, and one item's history.
 *
 * Everything here reads the store and computes; nothing prints.  The CLI
 * (diff, stagnant, trend, check) and the screens (Diff, Stagnant, History
 * views) only present these results.
 *
 * Conventions shared by every function below:
 *   - Periods are those of one scope, in the store's order (oldest first:
 *     by date, then creation).  Each period is read against its own model.
 *   - Items are matched across periods by id, practices by code, functions
 *     by name, streams and activities by code.  An item (or figure) absent
 *     from a period's model is "absent" there: it breaks a run and is never
 *     compared.
 *   - Worth of a value (samm_value_worth): no 0, some 0.25, half 0.5,
 *     most 1; unset 0 and N/A 0.
 *   - Ownership: each result is one allocation tree owned by the caller and
 *     released with its *_free function (NULL is accepted).  Copies of
 *     periods, notes and names that are not model strings are owned by the
 *     result.  `const char *` pointers into models (ids, names, criteria)
 *     and `const struct samm_model *` are owned by the store: valid until
 *     samm_store_close(), like samm_store_model_get().
 *   - Errors: SAMM_NOTFOUND (no such period or scope), SAMM_USAGE (bad
 *     argument, e.g. periods of two scopes), SAMM_DB, SAMM_NOMEM; err gets
 *     the message.  On error *out is NULL. */
#ifndef SAMM_ANALYSIS_H
#define SAMM_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/score.h"
#include "samm/store.h"

/* ---- Directions ---------------------------------------------------------- */

/* How a value or a figure moved from the old period to the new one.
 *
 * Items (value old -> new, old != new):
 *   UP       worth(new) > worth(old)          (unset -> some, na -> half)
 *   DOWN     worth(new) < worth(old)          (most -> half, half -> na)
 *   CHANGED  equal worth, different state     (unset <-> no, na <-> no,
 *                                              unset <-> na)
 * Figures (score old -> new):
 *   UP / DOWN by the sign of new - old (|delta| < 1e-9 counts as equal);
 *   CHANGED  equal score but the N/A state differs;
 *   SAME     equal score and N/A state.
 * ADDED / REMOVED: the item or figure exists only in the new / old
 * period's model. */
enum samm_dir {
	SAMM_DIR_SAME,
	SAMM_DIR_UP,
	SAMM_DIR_DOWN,
	SAMM_DIR_CHANGED,
	SAMM_DIR_ADDED,
	SAMM_DIR_REMOVED,
};

/* "same" "up" "down" "changed" "added" "removed". */
const char *samm_dir_name(enum samm_dir d);

/* Direction of an item's value change by the rule above (SAME when equal). */
enum samm_dir samm_value_dir(int old_value, int new_value);

/* ---- Diff of two periods --------------------------------------------------- */

struct samm_diff_item {
	const char *id;         /* model string */
	const char *criterion;  /* model string */
	int old_value;          /* enum samm_value; SAMM_UNSET when added */
	int new_value;          /* enum samm_value; SAMM_UNSET when removed */
	enum samm_dir dir;      /* UP DOWN CHANGED (items[]), ADDED, REMOVED */
};

struct samm_diff_note {
	const char *id;         /* model string */
	char *old_note;         /* NULL when none (owned by the diff) */
	char *new_note;         /* NULL when none */
};

/* An item of the new period to re-check (store.h: its text changed since
 * the model of the period it was copied from). */
struct samm_diff_recheck {
	const char *id;         /* model string */
	const char *criterion;  /* model string (the new text) */
	int value;              /* enum samm_value in the new period */
	unsigned what;          /* enum samm_reword bits (samm/model_diff.h) */
};

struct samm_diff_fig {
	enum samm_level level;
	const char *id;         /* samm_model_ref_id: "overall", "Governance", "SM" ... */
	const char *name;       /* samm_model_ref_name */
	double old_score;       /* 0 when added */
	double new_score;       /* 0 when removed */
	double delta;           /* new - old (0 when added or removed) */
	int old_na, new_na;
	enum samm_dir dir;      /* any of them */
	const char *mark;       /* samm_scorecard_mark: "excluded", "partial" or "" */
};

struct samm_diff {
	struct samm_period old_period, new_period;
	const struct samm_model *old_model, *new_model;   /* store-owned */
	int same_model;         /* both periods use the same model */

	/* Items in both models whose value differs, in the new model's
	 * order.  dir is UP, DOWN or CHANGED. */
	struct samm_diff_item *items; size_t n_items;
	int n_up, n_down, n_changed;
	/* Items only in the new model (dir ADDED, new_value its value), in
	 * the new model's order; items only in the old one (REMOVED,
	 * old_value its value), in the old model's order. */
	struct samm_diff_item *added; size_t n_added;
	struct samm_diff_item *removed; size_t n_removed;
	/* Items in both whose note differs (NULL and "" are equal), in the
	 * new model's order. */
	struct samm_diff_note *notes; size_t n_notes;
	/* Items of the new period to re-check, in its model's order. */
	struct samm_diff_recheck *recheck; size_t n_recheck;

	/* Every figure down to `deepest`, SAME ones included: the new model's
	 * walk order (overall, each function followed by its practices ...),
	 * then the figures only in the old model (REMOVED) in its order. */
	struct samm_diff_fig *figs; size_t n_figs;
	/* The two overall figures, always filled whatever `deepest`. */
	struct samm_diff_fig overall;
	/* The scope leaves practices out: function and overall figures are
	 * those of the practices it counts (samm_scope_scorecard). */
	int partial;
};

/* Compare period old_id (old) with new_id (new); any two periods of one
 * scope, in either date order (old is simply the first one given).
 * deepest: SAMM_L_OVERALL .. SAMM_L_ITEM, the deepest figure level listed in
 * figs (SAMM_L_ITEM also lists every item's figure, its worth).  Periods of
 * two scopes: SAMM_USAGE. */
enum samm_status samm_diff_periods(struct samm_store *st, int64_t old_id, int64_t new_id,
				   enum samm_level deepest, struct samm_diff **out,
				   struct samm_error *err);
void samm_diff_free(struct samm_diff *d);

/* ---- Stagnant areas -------------------------------------------------------- */

/* The window is the scope's last N periods (N >= 2); "latest" is the newest
 * period and its model is the reference: only its items and practices are
 * reported.
 *
 * Stagnant item: present and with the same value in each of the N window
 * periods, and that value is no, some or half.  N/A items never are; items
 * unset in all N periods are counted in n_unassessed instead.  Its run
 * counts back from the latest period through the whole history while the
 * item is present with that same value (run >= N); since is the oldest
 * period of the run.  An item counts as present only where its model words
 * it as the latest model does (criterion, question, activity title and
 * answers: samm/model_diff.h), so a run never goes back across a reword.
 *
 * Regressed item: present in two consecutive window periods with neither
 * value N/A and a lower worth in the newer one (unset counts 0).  The most
 * recent such fall is reported.  A regressed item is never stagnant (its
 * value changed).
 *
 * Stagnant practice: present in each window period, not N/A in the latest,
 * with at least one answered item in some window period, a latest score
 * below 3 and not higher than its score in the oldest window period ("has
 * not risen over the window": a rise that fell back still counts).
 * Regressed practice: its score fell between two consecutive window periods
 * (the most recent fall is reported).
 *
 * With fewer than N periods, `enough` is 0 and nothing is stagnant;
 * regressions are still looked for over the periods there are. */

struct samm_stag_item {
	int item;               /* index in model->items */
	const char *id;         /* model string */
	int practice;           /* index in model->practices */
	int value;              /* stagnant: the held value; regressed: the new value */
	int from_value;         /* regressed: the value before the fall */
	int run;                /* stagnant: consecutive periods holding value */
	int since;              /* stagnant: index in periods[] where the run began;
				   regressed: index of the period in which it fell */
	const char *note;       /* latest period's note, NULL when none
				   (owned by the result) */
};

struct samm_stag_practice {
	int practice;           /* index in model->practices */
	const char *code, *name;   /* model strings */
	double score;           /* in the latest period */
	double window_score;    /* in the oldest window period (0 if absent) */
	int stagnant;
	int run;                /* stagnant: the periods over which its score has not
				   risen: the window, extended back through each older
				   period (newest first) whose score was at least the
				   latest one's */
	int since;              /* stagnant: index in periods[] where the run began */
	int regressed;          /* fell between two consecutive window periods */
	double fell_from, fell_to;  /* regressed: the most recent fall */
	int fell_in;            /* regressed: index in periods[] of the newer period */
	int excluded;           /* the scope leaves it out: never stagnant nor regressed */
};

struct samm_stagnant {
	struct samm_scope scope;
	struct samm_period *periods; size_t n_periods;  /* all, oldest first */
	const struct samm_model *model;  /* latest period's model; NULL when no period */
	int window;             /* N as asked */
	int enough;             /* n_periods >= window */

	/* Stagnant items in model order. */
	struct samm_stag_item *items; size_t n_items;
	/* Regressed items in model order. */
	struct samm_stag_item *regressed; size_t n_regressed;
	/* Every practice of the latest model, in model order. */
	struct samm_stag_practice *practices; size_t n_practices;
	int n_stagnant_practices, n_regressed_practices;
	int n_unassessed;       /* items unset in all N window periods (0 if !enough) */
	/* The practices of the latest model the scope leaves out
	 * ([model->n_practices]; NULL when no period): neither they nor their
	 * items are judged. */
	unsigned char *excluded;
	int n_excluded, partial;
};

/* Stagnation in the scope scope_id over its last `window` periods.
 * window < 2: SAMM_USAGE.  A scope without periods gives an empty result
 * (n_periods 0, enough 0). */
enum samm_status samm_stagnant_compute(struct samm_store *st, int64_t scope_id, int window,
				       struct samm_stagnant **out, struct samm_error *err);
/* The same with flags: SAMM_STAG_WINDOW_ONLY leaves the runs within the
 * window (run and since count no further back than it), which spares the
 * walk through older periods: the same items, regressions and practices,
 * for whoever needs only which they are, not how long they have lasted. */
#define SAMM_STAG_WINDOW_ONLY 1u
enum samm_status samm_stagnant_compute_ex(struct samm_store *st, int64_t scope_id, int window,
					  unsigned flags, struct samm_stagnant **out,
					  struct samm_error *err);
void samm_stagnant_free(struct samm_stagnant *s);

/* ---- Trend ------------------------------------------------------------------ */

struct samm_trend_row {
	enum samm_level level;
	const char *id, *name;  /* model strings (of the newest model holding it) */
	double *score;          /* [n_periods]; 0 where absent or N/A */
	unsigned char *present; /* [n_periods]: the figure exists in that period's model */
	unsigned char *na;      /* [n_periods]: the figure is N/A there */
	const char *mark;       /* samm_scorecard_mark in the newest period holding it */
};

struct samm_trend {
	struct samm_period *periods; size_t n_periods;  /* oldest first */
	/* Figures down to `deepest`: the latest model's walk order, then
	 * figures only in older models (newest model first, each in its
	 * walk order). */
	struct samm_trend_row *rows; size_t n_rows;
	int partial;            /* the scope leaves practices out (samm_scope_scorecard) */
};

/* Every period of scope_id scored against its own model.  deepest:
 * SAMM_L_OVERALL, SAMM_L_FUNCTION or SAMM_L_PRACTICE (SAMM_USAGE
 * otherwise). */
enum samm_status samm_trend_compute(struct samm_store *st, int64_t scope_id,
				    enum samm_level deepest, struct samm_trend **out,
				    struct samm_error *err);
/* The same, scored only for the periods [from, to) of the scope's list
 * (oldest first; to past the end: to the end): t->periods and the rows are
 * those of samm_trend_compute, present[] is 0 outside the range.  For a
 * screen that shows a few periods of a long history. */
enum samm_status samm_trend_compute_range(struct samm_store *st, int64_t scope_id,
					  enum samm_level deepest, size_t from, size_t to,
					  struct samm_trend **out, struct samm_error *err);
void samm_trend_free(struct samm_trend *t);

/* ---- One item's history (the History view) ------------------------------------ */

struct samm_item_hist {
	struct samm_period period;
	int present;            /* the item is in that period's model */
	int value;              /* enum samm_value; SAMM_UNSET when absent */
	char *note;             /* NULL when none; owned by the array */
	char *updated_by;       /* NULL when never changed */
	char *updated_at;       /* ISO 8601 UTC, NULL when never changed */
};

/* The item `item_id` in every period of scope_id, oldest first (one entry
 * per period, absent ones included).  *out is freed with
 * samm_item_history_free(*out, *n). */
enum samm_status samm_item_history(struct samm_store *st, int64_t scope_id,
				   const char *item_id, struct samm_item_hist **out,
				   size_t *n, struct samm_error *err);
void samm_item_history_free(struct samm_item_hist *h, size_t n);

/* ---- Policy check -------------------------------------------------------------- */

struct samm_check_policy {
	int window;             /* N of the stagnation analysis (>= 2) */
	int max_stagnant;       /* < 0: no limit on stagnant items */
	int no_regressions;     /* any regressed item or practice breaks it */
	double min_overall;     /* < 0: no minimum of the latest overall score */
	int max_uncovered;      /* < 0: no limit on uncovered activities (coverage) */
};

/* Bits of samm_check_result.broken. */
enum samm_check_broken {
	SAMM_CHECK_MAX_STAGNANT = 1 << 0,
	SAMM_CHECK_REGRESSIONS  = 1 << 1,
	SAMM_CHECK_MIN_OVERALL  = 1 << 2,
	SAMM_CHECK_MAX_UNCOVERED = 1 << 3,
};

struct samm_coverage;

struct samm_check_result {
	size_t n_periods;
	struct samm_period latest;      /* valid when n_periods > 0 */
	struct samm_period previous;    /* valid when has_previous */
	int has_previous;
	/* Changes since the previous period (0 without one). */
	int n_up, n_down, n_changed;
	double overall;                 /* latest overall score */
	double overall_delta;           /* latest - previous (0 without one) */
	/* From samm_stagnant_compute(window). */
	int enough;
	int n_stagnant_items, n_stagnant_practices;
	int n_regressed_items, n_regressed_practices;
	int n_unassessed;
	/* Which stagnant or below-target activities open projects cover
	 * (samm_coverage_compute on the same stagnation pass). */
	struct samm_coverage *coverage; /* owned: samm_check_result_free() */
	int n_uncovered;
	int broken;                     /* enum samm_check_broken bits */
	int partial;                    /* the scope leaves practices out: overall is
					   theirs (samm_scope_scorecard) */
};

/* The digest of scope_id and the policies it breaks, from one stagnation
 * pass.  A scope without periods: SAMM_NOTFOUND.  On success free what
 * *out holds with samm_check_result_free(); on failure it holds nothing. */
enum samm_status samm_check_run(struct samm_store *st, int64_t scope_id,
				const struct samm_check_policy *pol,
				struct samm_check_result *out, struct samm_error *err);
/* Free what r holds (its coverage), not r; r->coverage becomes NULL. */
void samm_check_result_free(struct samm_check_result *r);

#endif
