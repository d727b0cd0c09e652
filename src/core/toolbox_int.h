/* toolbox_int.h - what the Toolbox reader and writer share: the answer sets
 * of a workbook and the question ids.  Not a public API. */
#ifndef SAMM_TOOLBOX_INT_H
#define SAMM_TOOLBOX_INT_H

#include "samm/model.h"
#include "samm/xlsx.h"

/* Interview sheet columns and header cells. */
#define TB_SHEET        "Interview"
#define TB_COL_ID       1       /* A */
#define TB_COL_HEAD     4       /* D: D10..D12 */
#define TB_COL_ANSWER   6       /* F */
#define TB_COL_NOTE     9       /* I */
#define TB_ROW_ORG      10
#define TB_ROW_TEAM     11
#define TB_ROW_DATE     12

struct tb_set {
	char *code;             /* ANS_SET_CODE */
	char *text[4];          /* A..D */
	int value[4];           /* enum samm_value of A_W..D_W */
};

struct tb_question {
	char *id;               /* "G-SM-A-1-1" */
	int set;                /* index in sets, -1 when its code is unknown */
};

struct tb_sets {
	int present;            /* both imp- sheets were there */
	struct tb_set *sets;
	int n_sets;
	struct tb_question *q;
	int n_q;
};

/* Read imp-questions and imp-answers of x (present = 0 when either sheet
 * is missing: not an error). */
enum samm_status tb_sets_read(struct samm_xlsx *x, const char *fname, struct tb_sets *s,
			      struct samm_error *err);
void tb_sets_free(struct tb_sets *s);
/* The answer set of question qid, or NULL. */
const struct tb_set *tb_sets_for(const struct tb_sets *s, const char *qid);

/* The activity index of a question id ("G-SM-A-1-1" -> G-SM-1-A): -1 when
 * s does not look like a question id, -2 when the model has no such
 * activity. */
int tb_qid_activity(const struct samm_model *m, const char *s);

#endif
