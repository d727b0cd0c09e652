/* assess_int.h - the Assessment view's private state, shared by its files
 * only (view_assess.c: the tree and its keys; assess_detail.c: the detail
 * pane; assess_pick.c: the link and target pickers). */
#ifndef SAMM_ASSESS_INT_H
#define SAMM_ASSESS_INT_H

#include "ui/ui_int.h"

struct node {
	enum samm_level level;
	int index;
};

/* Rows are the visible nodes; `all` is every node in model order (for
 * search); expansion flags are per level and index of the shown model. */
struct assess_tree {
	const struct samm_model *model;    /* the flags below belong to it */
	unsigned char *open[SAMM_L_ITEM];  /* [level][index], levels 1..4 */
	struct node *all; int n_all;
	struct node *rows;
	int *cum;                          /* filter: prefix sums over items */
	struct ui_list list;
	struct node sel;                   /* kept across rebuilds */
	char sel_id[128];
};

/* The projects covering the selected activity or criterion, for the
 * detail pane: reread when the selection moves to another node and on
 * every rebuild (data changes), never while drawing. */
struct assess_cover {
	enum samm_level level;
	char id[128];                      /* "" when none */
	struct samm_project *v; size_t n;
	int failed;
};

/* The view's private state (ui_view_ops.private_size). */
struct assess_state {
	struct assess_tree A;
	struct assess_cover C;
	unsigned *recheck;                 /* [n_items] of the shown period's model:
					      re-check marks (store.h), 0 none */
	const struct samm_model *recheck_model;   /* the model recheck[] follows */
};

static inline struct assess_state *state_of(struct ui *ui)
{
	return ui->view_priv[UI_V_ASSESS];
}

/* Rebuild the rows (view_assess.c). */
void ui_assess_refresh(struct ui *ui, void *priv);
/* The detail pane (assess_detail.c): the rows it wants, and drawing it. */
int ui_assess_detail_need(struct ui *ui, int w);
void ui_assess_draw_detail(struct ui *ui, int y, int h, int w);
/* L and t on the selected node (assess_pick.c). */
enum ui_result ui_assess_link_key(struct ui *ui, struct node nd);
enum ui_result ui_assess_target_key(struct ui *ui, struct node nd);

#endif
