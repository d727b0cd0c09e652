/* model_diff.h - what differs between two models (SAMM 2.0 and 2.2, say).
 *
 * Items are matched by id.  An item is added (only in the new model),
 * removed (only in the old one) or, in both, reworded when its criterion
 * changed or when its activity's question, title or answer labels did:
 * whoever answered the old text should look again at the new one.  The
 * model's own README counts rewordings per criterion row (each row of the
 * CSV carries its activity's question and title); so do the counters here.
 * Practice and stream names are labels, not questions: not compared. */
#ifndef SAMM_MODEL_DIFF_H
#define SAMM_MODEL_DIFF_H

#include <stddef.h>
#include "samm/error.h"
#include "samm/model.h"

/* What changed in a reworded item (bits). */
enum samm_reword {
	SAMM_RW_CRITERION = 1 << 0,
	SAMM_RW_QUESTION  = 1 << 1,
	SAMM_RW_TITLE     = 1 << 2,     /* the activity's title */
	SAMM_RW_ANSWERS   = 1 << 3,     /* any of the four answer labels */
};

/* The reword bits of item ia of a against item ib of b (0: same text). */
unsigned samm_model_item_reworded(const struct samm_model *a, int ia,
				  const struct samm_model *b, int ib);

/* "criterion", "question", "title", "answers" joined by '+' in buf
 * ("criterion+question"); "" for 0; only the names that fit whole.
 * Returns buf. */
const char *samm_reword_str(unsigned what, char *buf, size_t size);
/* The inverse for one or more names joined by '+'; 0 when none known. */
unsigned samm_reword_parse(const char *s);

enum samm_mchange_kind { SAMM_MC_ADDED, SAMM_MC_REMOVED, SAMM_MC_REWORDED };

struct samm_mchange {
	enum samm_mchange_kind kind;
	const char *id;                 /* item id (in a model below) */
	unsigned what;                  /* SAMM_MC_REWORDED: enum samm_reword bits */
	int old_item, new_item;         /* indexes in a and b; -1 when absent */
};

struct samm_model_diff {
	const struct samm_model *a, *b; /* not owned */
	struct samm_mchange *v;         /* the new model's order, then removed items */
	size_t n;
	/* per criterion row, as the model's README counts them */
	int n_added, n_removed, n_reworded;
	int n_criteria, n_questions, n_titles, n_answers;
	/* the same per activity (an activity of both models counts once) */
	int n_question_acts, n_title_acts, n_answer_acts;
};

/* Compare a (old) with b (new).  *out is freed with samm_model_diff_free. */
enum samm_status samm_model_diff(const struct samm_model *a, const struct samm_model *b,
				 struct samm_model_diff **out, struct samm_error *err);
void samm_model_diff_free(struct samm_model_diff *d);

#endif
