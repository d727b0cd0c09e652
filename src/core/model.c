/* model.c - look things up in a loaded maturity model (model.h).  Loading
 * is in model_parse.c and model_build.c. */
#include <string.h>
#include <strings.h>
#include "samm/model.h"
#include "model_int.h"

/* ---- Looking things up -------------------------------------------------- */

static const char *const level_names[] = {
	"overall", "function", "practice", "stream", "activity", "item",
};

const char *samm_level_name(enum samm_level level)
{
	if ((int)level < 0 || level > SAMM_L_ITEM)
		return "?";
	return level_names[level];
}

int samm_level_parse(const char *s)
{
	for (int i = 0; s && i <= SAMM_L_ITEM; i++)
		if (strcasecmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

int samm_model_find_item(const struct samm_model *m, const char *id)
{
	const struct model_priv *priv = m->priv;
	return id ? samm_index_find(&priv->index, IK_ITEM, id, 1) : -1;
}

enum samm_status samm_model_resolve(const struct samm_model *m, const char *id,
				    struct samm_ref *out, struct samm_error *err)
{
	static const struct { int kind; enum samm_level level; } order[] = {
		{ IK_FUNCTION, SAMM_L_FUNCTION }, { IK_PRACTICE, SAMM_L_PRACTICE },
		{ IK_STREAM, SAMM_L_STREAM }, { IK_ACTIVITY, SAMM_L_ACTIVITY },
		{ IK_ITEM, SAMM_L_ITEM },
	};
	const struct model_priv *priv = m->priv;

	if (id && strcasecmp(id, "overall") == 0) {
		*out = (struct samm_ref){ SAMM_L_OVERALL, 0 };
		return SAMM_OK;
	}
	for (size_t k = 0; id && k < sizeof order / sizeof order[0]; k++) {
		int i = samm_index_find(&priv->index, order[k].kind, id, 0);
		if (i >= 0) {
			*out = (struct samm_ref){ order[k].level, i };
			return SAMM_OK;
		}
	}
	return samm_error_set(err, SAMM_NOTFOUND,
			      "unknown id '%s' (expected a function name, a practice code such as SM, "
			      "a stream such as SM-A, an activity such as G-SM-1-A, an item such as "
			      "G-SM-1-A.1, or overall)", id ? id : "");
}

const char *samm_model_ref_id(const struct samm_model *m, struct samm_ref ref)
{
	switch (ref.level) {
	case SAMM_L_OVERALL: return "overall";
	case SAMM_L_FUNCTION: return m->functions[ref.index].name;
	case SAMM_L_PRACTICE: return m->practices[ref.index].code;
	case SAMM_L_STREAM: return m->streams[ref.index].code;
	case SAMM_L_ACTIVITY: return m->activities[ref.index].code;
	case SAMM_L_ITEM: return m->items[ref.index].id;
	}
	return "";
}

const char *samm_model_ref_name(const struct samm_model *m, struct samm_ref ref)
{
	switch (ref.level) {
	case SAMM_L_OVERALL: return "Overall";
	case SAMM_L_FUNCTION: return m->functions[ref.index].name;
	case SAMM_L_PRACTICE: return m->practices[ref.index].name;
	case SAMM_L_STREAM: return m->streams[ref.index].name;
	case SAMM_L_ACTIVITY: return m->activities[ref.index].title;
	case SAMM_L_ITEM: return m->items[ref.index].criterion;
	}
	return "";
}

void samm_model_ref_items(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	/* Descend to the first and the last activity under the node: the
	 * items between them are exactly the node's, by model order. */
	int a0 = 0, a1 = m->n_activities - 1;
	int s0, s1, p0, p1;

	switch (ref.level) {
	case SAMM_L_OVERALL:
		*first = 0;
		*n = m->n_items;
		return;
	case SAMM_L_ITEM:
		*first = ref.index;
		*n = 1;
		return;
	case SAMM_L_ACTIVITY:
		*first = m->activities[ref.index].first_item;
		*n = m->activities[ref.index].n_items;
		return;
	case SAMM_L_FUNCTION:
		p0 = m->functions[ref.index].first_practice;
		p1 = p0 + m->functions[ref.index].n_practices - 1;
		s0 = m->practices[p0].first_stream;
		s1 = m->practices[p1].first_stream + m->practices[p1].n_streams - 1;
		break;
	case SAMM_L_PRACTICE:
		s0 = m->practices[ref.index].first_stream;
		s1 = s0 + m->practices[ref.index].n_streams - 1;
		break;
	case SAMM_L_STREAM:
		s0 = s1 = ref.index;
		break;
	default:
		*first = 0;
		*n = 0;
		return;
	}
	a0 = m->streams[s0].first_activity;
	a1 = m->streams[s1].first_activity + m->streams[s1].n_activities - 1;
	*first = m->activities[a0].first_item;
	*n = m->activities[a1].first_item + m->activities[a1].n_items - *first;
}

/* Children of a node: their level's array range [*first, *first + *n). */
static void model_children(const struct samm_model *m, struct samm_ref ref, int *first, int *n)
{
	switch (ref.level) {
	case SAMM_L_OVERALL:
		*first = 0; *n = m->n_functions; return;
	case SAMM_L_FUNCTION:
		*first = m->functions[ref.index].first_practice;
		*n = m->functions[ref.index].n_practices; return;
	case SAMM_L_PRACTICE:
		*first = m->practices[ref.index].first_stream;
		*n = m->practices[ref.index].n_streams; return;
	case SAMM_L_STREAM:
		*first = m->streams[ref.index].first_activity;
		*n = m->streams[ref.index].n_activities; return;
	case SAMM_L_ACTIVITY:
		*first = m->activities[ref.index].first_item;
		*n = m->activities[ref.index].n_items; return;
	case SAMM_L_ITEM:
		break;
	}
	*first = 0;
	*n = 0;
}

static int model_walk_node(const struct samm_model *m, struct samm_ref ref,
			   enum samm_level deepest, samm_walk_fn fn, void *ud)
{
	int rc = fn(m, ref, ud), first, n;

	if (rc || ref.level >= deepest)
		return rc;
	model_children(m, ref, &first, &n);
	for (int i = first; i < first + n; i++) {
		struct samm_ref child = { (enum samm_level)(ref.level + 1), i };
		if ((rc = model_walk_node(m, child, deepest, fn, ud)))
			return rc;
	}
	return 0;
}

int samm_model_walk(const struct samm_model *m, enum samm_level deepest,
		    samm_walk_fn fn, void *ud)
{
	return model_walk_node(m, (struct samm_ref){ SAMM_L_OVERALL, 0 }, deepest, fn, ud);
}
