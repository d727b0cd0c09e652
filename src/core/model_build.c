/* model_build.c - pass 2 of loading a maturity model, and the loading entry
 * points of model.h.
 *
 * Pass 1 (model_parse.c) leaves raw nodes in order of first appearance.
 * Stable bucket sorts put them into model order (children grouped under
 * their parent, activities by level) and the final flat arrays are filled
 * with parent indexes and child ranges.  The finished model takes over the
 * loader's arena and index. */
#include <stdlib.h>
#include <string.h>
#include "samm/model.h"
#include "samm/util.h"
#include "csvrec.h"
#include "model_int.h"

/* out = in, stably sorted by key[in[j]] in [0, nkeys). */
static int bucket_sort(const int *key, int nkeys, const int *in, int n, int *out)
{
	int *start = calloc((size_t)nkeys + 1, sizeof *start);
	if (!start)
		return -1;
	for (int j = 0; j < n; j++)
		start[key[in[j]] + 1]++;
	for (int k = 0; k < nkeys; k++)
		start[k + 1] += start[k];
	for (int j = 0; j < n; j++)
		out[start[key[in[j]]]++] = in[j];
	free(start);
	return 0;
}

/* Sort the n raw nodes by key (in: the input order), fill order[new] = old
 * and renum[old] = new. */
static int order_by(const int *key, int nkeys, int n, const int *in, int *order, int *renum)
{
	if (bucket_sort(key, nkeys, in, n, order))
		return -1;
	for (int i = 0; i < n; i++)
		renum[order[i]] = i;
	return 0;
}

/* The model order of each kind of node: ord[new] = old, new_[old] = new. */
struct order {
	int *p_ord, *p_new, *s_ord, *s_new, *a_ord, *a_new, *i_ord, *i_new;
};

static void order_free(struct order *o)
{
	free(o->p_ord); free(o->p_new); free(o->s_ord); free(o->s_new);
	free(o->a_ord); free(o->a_new); free(o->i_ord); free(o->i_new);
}

/* Functions keep their order of first appearance; practices follow their
 * function, streams their practice; activities go by level first, then
 * (stably) by stream; items by activity.  0 or -1 (out of memory). */
static int order_compute(const struct model_raw *r, struct order *o)
{
	int nf = r->funcs.n, np = r->pracs.n, ns = r->streams.n, na = r->acts.n, ni = r->items.n;
	int *ident = malloc((size_t)ni * sizeof *ident);   /* every count is <= ni */
	int *key = calloc((size_t)ni, sizeof *key);
	int *tmp = malloc((size_t)ni * sizeof *tmp);
	int rc = -1;

	o->p_ord = malloc((size_t)np * sizeof *o->p_ord);
	o->p_new = malloc((size_t)np * sizeof *o->p_new);
	o->s_ord = malloc((size_t)ns * sizeof *o->s_ord);
	o->s_new = malloc((size_t)ns * sizeof *o->s_new);
	o->a_ord = malloc((size_t)na * sizeof *o->a_ord);
	o->a_new = malloc((size_t)na * sizeof *o->a_new);
	o->i_ord = malloc((size_t)ni * sizeof *o->i_ord);
	o->i_new = malloc((size_t)ni * sizeof *o->i_new);
	if (!ident || !key || !tmp || !o->p_ord || !o->p_new || !o->s_ord || !o->s_new ||
	    !o->a_ord || !o->a_new || !o->i_ord || !o->i_new)
		goto out;
	for (int i = 0; i < ni; i++)
		ident[i] = i;
	for (int i = 0; i < np; i++)
		key[i] = r->pracs.v[i].function;
	if (order_by(key, nf, np, ident, o->p_ord, o->p_new))
		goto out;
	for (int i = 0; i < ns; i++)
		key[i] = o->p_new[r->streams.v[i].practice];
	if (order_by(key, np, ns, ident, o->s_ord, o->s_new))
		goto out;
	for (int i = 0; i < na; i++)
		key[i] = r->acts.v[i].level - 1;
	if (bucket_sort(key, 3, ident, na, tmp))
		goto out;
	for (int i = 0; i < na; i++)
		key[i] = o->s_new[r->acts.v[i].stream];
	if (order_by(key, ns, na, tmp, o->a_ord, o->a_new))
		goto out;
	for (int i = 0; i < ni; i++)
		key[i] = o->a_new[r->items.v[i].activity];
	rc = order_by(key, na, ni, ident, o->i_ord, o->i_new);
out:
	free(ident);
	free(key);
	free(tmp);
	return rc;
}

/* Fill the arrays of m (allocated) in model order; a child's parent is
 * already final, so each parent's range grows as its children are met. */
static void model_fill(struct samm_model *m, const struct model_raw *r, const struct order *o)
{
	for (int f = 0; f < r->funcs.n; f++) {
		m->functions[f].name = r->funcs.v[f].name;
		m->functions[f].first_practice = -1;
	}
	for (int i = 0; i < r->pracs.n; i++) {
		const struct raw_practice *rp = &r->pracs.v[o->p_ord[i]];
		struct samm_function *f = &m->functions[rp->function];
		m->practices[i] = (struct samm_practice){ rp->code, rp->name, rp->function, -1, 0 };
		if (f->first_practice < 0)
			f->first_practice = i;
		f->n_practices++;
	}
	for (int i = 0; i < r->streams.n; i++) {
		const struct raw_stream *rs = &r->streams.v[o->s_ord[i]];
		int pi = o->p_new[rs->practice];
		struct samm_practice *pr = &m->practices[pi];
		m->streams[i] = (struct samm_stream){ rs->code, rs->letter, rs->name, pi, -1, 0 };
		if (pr->first_stream < 0)
			pr->first_stream = i;
		pr->n_streams++;
	}
	for (int i = 0; i < r->acts.n; i++) {
		const struct raw_activity *ra = &r->acts.v[o->a_ord[i]];
		struct samm_activity *a = &m->activities[i];
		struct samm_stream *s = &m->streams[o->s_new[ra->stream]];
		a->code = ra->code;
		a->title = ra->title;
		a->question = ra->question;
		memcpy(a->answers, ra->answers, sizeof a->answers);
		a->level = ra->level;
		a->stream = o->s_new[ra->stream];
		a->first_item = -1;
		if (s->first_activity < 0)
			s->first_activity = i;
		s->n_activities++;
	}
	for (int i = 0; i < r->items.n; i++) {
		const struct raw_item *ri = &r->items.v[o->i_ord[i]];
		struct samm_activity *a = &m->activities[o->a_new[ri->activity]];
		m->items[i] = (struct samm_item){ ri->id, ri->criterion, o->a_new[ri->activity] };
		if (a->first_item < 0)
			a->first_item = i;
		a->n_items++;
	}
	m->n_functions = r->funcs.n;
	m->n_practices = r->pracs.n;
	m->n_streams = r->streams.n;
	m->n_activities = r->acts.n;
	m->n_items = r->items.n;
}

/* The final index is the loader's, with the same keys (the same arena
 * strings): only the indexes change to the final positions. */
static void index_renumber(struct index *ix, const struct order *o)
{
	for (size_t j = 0; ix->slots && j <= ix->mask; j++) {
		struct index_entry *e = &ix->slots[j];
		int kind = (int)(e->ki & IK_MASK), i = (int)(e->ki >> IK_BITS);
		if (!e->key)
			continue;
		switch (kind) {
		case IK_PRACTICE: i = o->p_new[i]; break;
		case IK_STREAM: i = o->s_new[i]; break;
		case IK_ACTIVITY: i = o->a_new[i]; break;
		case IK_ITEM: i = o->i_new[i]; break;
		default: break; /* functions keep their order */
		}
		e->ki = (uint32_t)i << IK_BITS | (uint32_t)kind;
	}
}

static enum samm_status model_build(struct model_raw *r, const char *fname, const char *hash,
				    struct samm_model **out, struct samm_error *err)
{
	struct samm_model *m = calloc(1, sizeof *m);
	struct model_priv *priv = calloc(1, sizeof *priv);
	struct order o = { 0 };

	if (!m || !priv || order_compute(r, &o))
		goto nomem;
	m->functions = calloc((size_t)r->funcs.n, sizeof *m->functions);
	m->practices = calloc((size_t)r->pracs.n, sizeof *m->practices);
	m->streams = calloc((size_t)r->streams.n, sizeof *m->streams);
	m->activities = calloc((size_t)r->acts.n, sizeof *m->activities);
	m->items = calloc((size_t)r->items.n, sizeof *m->items);
	if (!m->functions || !m->practices || !m->streams || !m->activities || !m->items)
		goto nomem;
	model_fill(m, r, &o);
	index_renumber(&r->index, &o);
	order_free(&o);
	/* the model takes over the strings and the index */
	priv->index = r->index;
	priv->arena = r->arena;
	r->index = (struct index){ 0 };
	r->arena.head = NULL;
	memcpy(m->hash, hash, sizeof m->hash);
	m->priv = priv;
	*out = m;
	return SAMM_OK;
nomem:
	order_free(&o);
	free(priv);
	samm_model_free(m);
	return samm_error_set(err, SAMM_NOMEM, "%s: out of memory", fname);
}

static int valid_hash(const char *h)
{
	size_t i;
	for (i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return h[64] == '\0';
}

enum samm_status samm_model_parse_hashed(const char *buf, size_t len, const char *fname,
					 const char *hash, struct samm_model **out,
					 struct samm_error *err)
{
	struct model_raw raw;
	struct samm_sha256 sha_ctx, *sha = NULL;
	const char *bom = buf;
	char hex[65];
	enum samm_status rc;

	if (!fname)
		fname = "model";
	if (hash && valid_hash(hash)) {
		memcpy(hex, hash, sizeof hex);
	} else {
		sha = &sha_ctx;
		samm_sha256_init(sha);
	}
	if (samm_csvrec_skip_bom(&buf, &len) && sha)
		samm_sha256_update(sha, bom, 3);
	rc = samm_model_read(&raw, buf, len, fname, sha, err);
	if (!rc && sha)
		samm_sha256_final_hex(sha, hex);
	if (!rc)
		rc = model_build(&raw, fname, hex, out, err);
	samm_model_raw_free(&raw);
	return rc;
}

enum samm_status samm_model_parse(const char *buf, size_t len, const char *fname,
				  struct samm_model **out, struct samm_error *err)
{
	return samm_model_parse_hashed(buf, len, fname, NULL, out, err);
}

enum samm_status samm_model_load_file(const char *path, struct samm_model **out,
				      char **bytes, size_t *nbytes,
				      struct samm_error *err)
{
	char *buf;
	size_t len;
	enum samm_status rc;

	if ((rc = samm_read_file(path, &buf, &len, err)))
		return rc;
	rc = samm_model_parse(buf, len, path, out, err);
	if (rc == SAMM_OK && bytes) {
		*bytes = buf;
		if (nbytes)
			*nbytes = len;
	} else {
		free(buf);
	}
	return rc;
}

void samm_model_free(struct samm_model *m)
{
	if (!m)
		return;
	struct model_priv *priv = m->priv;
	if (priv) {
		samm_arena_free(&priv->arena);
		free(priv->index.slots);
		free(priv);
	}
	free(m->functions);
	free(m->practices);
	free(m->streams);
	free(m->activities);
	free(m->items);
	free(m);
}
