/* model_index.c - the model's string arena and hash index (model_int.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "model_int.h"

/* ---- String arena ------------------------------------------------------ */

void samm_arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

const char *samm_arena_strndup(struct arena *a, const char *s, size_t len)
{
	struct arena_block *b = a->head;
	char *p;

	if (!b || b->size - b->used < len + 1) {
		size_t size = len + 1 > a->min_block ? len + 1 : a->min_block;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

/* ---- Hash index -------------------------------------------------------- */

static int index_kind_ci(int kind)
{
	return kind == IK_FUNCTION || kind == IK_PRACTICE || kind == IK_STREAM;
}

/* FNV-1a over the key, folded to lower case for the case-insensitive kinds. */
uint32_t samm_index_hash(int kind, const char *s)
{
	uint32_t h = 2166136261u ^ (uint32_t)kind;
	int ci = index_kind_ci(kind);

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (ci && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

int samm_index_reserve(struct index *ix, size_t need)
{
	size_t cap = ix->slots ? ix->mask + 1 : 0, ncap = 64;
	struct index_entry *slots;

	if (need * 4 <= cap * 3)
		return 0;
	while (ncap * 3 < need * 4)     /* load factor at most 3/4 */
		ncap *= 2;
	if (ncap <= cap)
		return 0;
	slots = calloc(ncap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < cap; i++) {
		const struct index_entry *e = &ix->slots[i];
		size_t j;
		if (!e->key)
			continue;
		for (j = e->hash & (ncap - 1); slots[j].key; j = (j + 1) & (ncap - 1))
			;
		slots[j] = *e;
	}
	free(ix->slots);
	ix->slots = slots;
	ix->mask = ncap - 1;
	return 0;
}

int samm_index_find_h(const struct index *ix, int kind, const char *key, uint32_t h, int exact)
{
	int ci = index_kind_ci(kind), found = -1;

	if (!ix->slots)
		return -1;
	for (size_t j = h & ix->mask; ix->slots[j].key; j = (j + 1) & ix->mask) {
		const struct index_entry *e = &ix->slots[j];
		if (e->hash != h || (int)(e->ki & IK_MASK) != kind)
			continue;
		if (strcmp(e->key, key) == 0)
			return (int)(e->ki >> IK_BITS);
		if (ci && !exact && found < 0 && strcasecmp(e->key, key) == 0)
			found = (int)(e->ki >> IK_BITS);
	}
	return found;
}

int samm_index_find(const struct index *ix, int kind, const char *key, int exact)
{
	return ix->slots ? samm_index_find_h(ix, kind, key, samm_index_hash(kind, key), exact) : -1;
}

int samm_index_add_h(struct index *ix, int kind, const char *key, uint32_t h, int idx)
{
	size_t j;

	if (idx < 0 || idx > INDEX_MAX_IDX || samm_index_reserve(ix, ix->count + 1))
		return -1;
	for (j = h & ix->mask; ix->slots[j].key; j = (j + 1) & ix->mask)
		;
	ix->slots[j].key = key;
	ix->slots[j].hash = h;
	ix->slots[j].ki = (uint32_t)idx << IK_BITS | (uint32_t)kind;
	ix->count++;
	return 0;
}

int samm_index_add(struct index *ix, int kind, const char *key, int idx)
{
	return samm_index_add_h(ix, kind, key, samm_index_hash(kind, key), idx);
}
