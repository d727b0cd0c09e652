/* fuzz_model.c - libFuzzer target for the model loader (samm_model_parse).
 *
 * Any input must either load as a consistent model or be rejected with a
 * message that names the file ("fuzz.csv:LINE: ..."); never crash, leak or
 * read out of bounds.  Built and run by `make fuzz` (mk/fuzz.mk). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_model: invariant broken: %s (%s)\n", what, detail ? detail : "");
	abort();
}

static int in_range(int first, int n, int total)
{
	return first >= 0 && n >= 0 && first + n <= total;
}

/* The tree promised by model.h: parents and child ranges agree, ids are
 * findable, levels are 1..3. */
static void check_model(const struct samm_model *m)
{
	if (m->n_items <= 0)
		fail("a loaded model has no item", NULL);
	if (strlen(m->hash) != 64)
		fail("hash is not 64 hex digits", m->hash);
	for (int i = 0; i < m->n_functions; i++)
		if (!in_range(m->functions[i].first_practice, m->functions[i].n_practices, m->n_practices))
			fail("function's practice range", m->functions[i].name);
	for (int i = 0; i < m->n_practices; i++) {
		const struct samm_practice *p = &m->practices[i];
		if (p->function < 0 || p->function >= m->n_functions)
			fail("practice's function", p->code);
		if (!in_range(p->first_stream, p->n_streams, m->n_streams))
			fail("practice's stream range", p->code);
	}
	for (int i = 0; i < m->n_streams; i++) {
		const struct samm_stream *s = &m->streams[i];
		if (s->practice < 0 || s->practice >= m->n_practices)
			fail("stream's practice", s->code);
		if (!in_range(s->first_activity, s->n_activities, m->n_activities))
			fail("stream's activity range", s->code);
	}
	for (int i = 0; i < m->n_activities; i++) {
		const struct samm_activity *a = &m->activities[i];
		if (a->level < 1 || a->level > 3)
			fail("activity level outside 1..3", a->code);
		if (a->stream < 0 || a->stream >= m->n_streams)
			fail("activity's stream", a->code);
		if (!in_range(a->first_item, a->n_items, m->n_items))
			fail("activity's item range", a->code);
		for (int k = 0; k < 4; k++)
			if (!a->answers[k])
				fail("missing answer label", a->code);
	}
	for (int i = 0; i < m->n_items; i++) {
		const struct samm_item *it = &m->items[i];
		if (!it->id || !*it->id)
			fail("empty item id", NULL);
		if (it->activity < 0 || it->activity >= m->n_activities)
			fail("item's activity", it->id);
		const struct samm_activity *a = &m->activities[it->activity];
		if (i < a->first_item || i >= a->first_item + a->n_items)
			fail("item outside its activity's range", it->id);
		if (samm_model_find_item(m, it->id) != i)
			fail("item id does not find itself (duplicate?)", it->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct samm_model *m = NULL;
	struct samm_error err;

	memset(&err, 0, sizeof err);
	enum samm_status rc = samm_model_parse((const char *)data, size, "fuzz.csv", &m, &err);
	if (rc == SAMM_OK) {
		if (!m)
			fail("SAMM_OK without a model", NULL);
		check_model(m);
		samm_model_free(m);
	} else {
		if (m)
			fail("a rejected input still set *out", err.msg);
		if (rc != SAMM_NOMEM && strncmp(err.msg, "fuzz.csv:", 9) != 0)
			fail("rejection message does not name the file", err.msg);
	}
	return 0;
}
