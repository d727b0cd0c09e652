/* model_int.h - what the model's files share: the string arena and the
 * hash index behind struct samm_model.priv.  Not part of the public API.
 *
 *   model_index.c  the arena and the index
 *   model_parse.c  pass 1: CSV rows to raw nodes (struct model_raw)
 *   model_build.c  pass 2: raw nodes to the finished model; the entry points
 *   model.c        looking things up in a finished model */
#ifndef SAMM_MODEL_INT_H
#define SAMM_MODEL_INT_H

#include <stddef.h>
#include <stdint.h>
#include "samm/model.h"

/* ---- String arena ------------------------------------------------------ *
 * Blocks that never move, so that a pointer into the arena stays valid for
 * the arena's life. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

struct arena {
	struct arena_block *head;
	size_t min_block;
};

void samm_arena_free(struct arena *a);
/* Copy s[0..len) plus a NUL into the arena; NULL when out of memory. */
const char *samm_arena_strndup(struct arena *a, const char *s, size_t len);

/* ---- Hash index -------------------------------------------------------- *
 * Open addressing with linear probing over (kind, key) pairs.  Functions,
 * practices and streams are matched case-insensitively (users type "sm"),
 * activities and items exactly.  Entries are never removed.  An entry is
 * 16 bytes (the kind shares a word with the index) so that a 100,000-item
 * model's table stays small; loading sizes it from an estimate of the
 * number of rows, and the finished model keeps the loader's table with the
 * indexes renumbered instead of building a second one. */
enum index_kind { IK_FUNCTION = 1, IK_PRACTICE, IK_STREAM, IK_ACTIVITY, IK_ITEM, IK_COLUMN };
#define IK_BITS 3
#define IK_MASK ((1u << IK_BITS) - 1)
#define INDEX_MAX_IDX ((int)(UINT32_MAX >> IK_BITS))

struct index_entry {
	const char *key;        /* NULL: empty slot */
	uint32_t hash;
	uint32_t ki;            /* idx << IK_BITS | kind */
};

struct index {
	struct index_entry *slots;
	size_t mask;            /* capacity - 1 (a power of two) */
	size_t count;
};

uint32_t samm_index_hash(int kind, const char *s);
/* Make room for `need` entries in all (grows, never shrinks): 0 or -1. */
int samm_index_reserve(struct index *ix, size_t need);
/* Index of (kind, key) whose hash is h, or -1.  For the case-insensitive
 * kinds an exact match wins over a case variant; with exact set, only an
 * exact match counts (loading treats "SM" and "sm" as different
 * practices). */
int samm_index_find_h(const struct index *ix, int kind, const char *key, uint32_t h, int exact);
int samm_index_find(const struct index *ix, int kind, const char *key, int exact);
/* Add (kind, key) -> idx, key hashing to h; the caller has checked it is
 * new.  key must outlive the index (it points into the arena).  0 or -1. */
int samm_index_add_h(struct index *ix, int kind, const char *key, uint32_t h, int idx);
int samm_index_add(struct index *ix, int kind, const char *key, int idx);

/* What a finished model keeps besides its public arrays. */
struct model_priv {
	struct arena arena;
	struct index index;
};

/* ---- Raw nodes: pass 1's result, in order of first appearance ----------- */

struct raw_function { const char *name; };
struct raw_practice { const char *code, *name; int function; long line; };
struct raw_stream { const char *code, *letter, *name; int practice; long line; };
struct raw_activity {
	const char *code, *title, *question, *answers[4];
	int level, stream;
	long line;
};
struct raw_item { const char *id, *criterion; int activity; long line; };

/* A growable array of any element type (see vec.h). */
#define VEC(T) struct { T *v; int n; size_t cap; }

struct model_raw {
	struct arena arena;
	struct index index;
	VEC(struct raw_function) funcs;
	VEC(struct raw_practice) pracs;
	VEC(struct raw_stream) streams;
	VEC(struct raw_activity) acts;
	VEC(struct raw_item) items;
};

/* Pass 1: parse buf (no byte-order mark) into raw; hash it into sha unless
 * sha is NULL.  On failure err says "fname:line: what". */
struct samm_sha256;
enum samm_status samm_model_read(struct model_raw *raw, const char *buf, size_t len,
				 const char *fname, struct samm_sha256 *sha,
				 struct samm_error *err);
void samm_model_raw_free(struct model_raw *raw);

#endif
