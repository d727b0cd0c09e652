/* model.h - a maturity model (SAMM 2.0 or any CSV of the same format).
 *
 * The model is a strict tree: function > practice > stream > activity >
 * item (quality criterion).  All nodes live in flat arrays in "model order"
 * (depth-first, in the order nodes first appear in the CSV; activities of a
 * stream sorted by level); each node holds the index of its parent and the
 * [first, first + n) range of its children, so a walk over one array in
 * order is a walk in model order.
 *
 * All strings are NUL-terminated UTF-8 owned by the model; they stay valid
 * until samm_model_free().  A model is immutable once built. */
#ifndef SAMM_MODEL_H
#define SAMM_MODEL_H

#include <stddef.h>
#include "samm/error.h"

struct samm_function {
	const char *name;               /* "Governance"; also its id */
	int first_practice, n_practices;
};

struct samm_practice {
	const char *code;               /* "SM", unique in the model */
	const char *name;               /* "Strategy & Metrics" */
	int function;
	int first_stream, n_streams;
};

struct samm_stream {
	const char *code;               /* "SM-A" = practice code '-' letter */
	const char *letter;             /* "A" */
	const char *name;               /* "Create and Promote" */
	int practice;
	int first_activity, n_activities;
};

struct samm_activity {
	const char *code;               /* "G-SM-1-A": the item id before its last '.' */
	const char *title;              /* activity column */
	const char *question;
	const char *answers[4];         /* labels worth 0, 0.25, 0.5, 1 */
	int level;                      /* 1..3 */
	int stream;
	int first_item, n_items;
};

struct samm_item {
	const char *id;                 /* "G-SM-1-A.1" */
	const char *criterion;
	int activity;
};

struct samm_model {
	struct samm_function *functions; int n_functions;
	struct samm_practice *practices; int n_practices;
	struct samm_stream   *streams;   int n_streams;
	struct samm_activity *activities; int n_activities;
	struct samm_item     *items;     int n_items;
	char hash[65];                  /* SHA-256 of the exact bytes parsed, lower-case hex */
	void *priv;                     /* string arena and id index; private */
};

/* The SAMM 2.0 model compiled into the binary ($(SAMM_DATA)/samm-2.0.csv). */
extern const unsigned char samm_bundled_model[];
extern const unsigned long samm_bundled_model_len;
/* SAMM 2.2 ($(SAMM_DATA)/samm-2.2.csv), compiled in the same way; not registered yet. */
extern const unsigned char samm_bundled_model_22[];
extern const unsigned long samm_bundled_model_22_len;
#define SAMM_BUNDLED_NAME    "SAMM"
#define SAMM_BUNDLED_VERSION "2.0"

/* ---- Loading --------------------------------------------------------- */

/* Parse a model CSV held in memory.  fname is only used in messages
 * ("fname:line: message").  Required columns, in any order: id function
 * practice_code practice stream stream_name level activity question
 * criterion; optional answer_0..answer_3 (default labels "No", "Some",
 * "Half", "Most or all"); other columns are ignored.  A UTF-8 BOM and CRLF
 * or LF line ends are accepted.  Rejects (SAMM_PARSE, *out untouched): an
 * empty file, a missing required column, a row with the wrong number of
 * fields, an empty or duplicate id, an id without '.', a level outside 1..3,
 * an activity (or practice, or stream) whose rows disagree, invalid UTF-8,
 * an unterminated quote.  On success *out is a new model the caller frees. */
enum samm_status samm_model_parse(const char *buf, size_t len, const char *fname,
				  struct samm_model **out, struct samm_error *err);

/* The same, for bytes whose SHA-256 is already known (a model read back
 * from the store, which keeps the hash of what it stored): hash, 64
 * lower-case hex digits, becomes the model's hash without hashing the
 * bytes again.  NULL, or anything that is not such a hash: computed. */
enum samm_status samm_model_parse_hashed(const char *buf, size_t len, const char *fname,
					 const char *hash, struct samm_model **out,
					 struct samm_error *err);

/* Read a whole file (SAMM_IO on failure, message names the file) and parse
 * it.  The file's bytes are also returned in *bytes and *nbytes when bytes is
 * non-NULL (caller frees) so that they can be stored. */
enum samm_status samm_model_load_file(const char *path, struct samm_model **out,
				      char **bytes, size_t *nbytes,
				      struct samm_error *err);

void samm_model_free(struct samm_model *m);

/* ---- Looking things up ------------------------------------------------ */

enum samm_level {
	SAMM_L_OVERALL, SAMM_L_FUNCTION, SAMM_L_PRACTICE,
	SAMM_L_STREAM, SAMM_L_ACTIVITY, SAMM_L_ITEM,
};

/* A node of the tree: a level and an index in that level's array
 * (index 0 for overall). */
struct samm_ref {
	enum samm_level level;
	int index;
};

/* Name of a level: "overall" "function" "practice" "stream" "activity" "item". */
const char *samm_level_name(enum samm_level level);
/* Inverse of samm_level_name; -1 when unknown. */
int samm_level_parse(const char *s);

/* Item index by id, or -1.  O(1) (hash index). */
int samm_model_find_item(const struct samm_model *m, const char *id);

/* Resolve a user's id: a function by its name (case-insensitive), a
 * practice by its code ("SM"), a stream by code and letter ("SM-A"), an
 * activity by its code ("G-SM-1-A"), an item by its id, and "overall".
 * Returns SAMM_OK, or SAMM_NOTFOUND with a message naming the id. */
enum samm_status samm_model_resolve(const struct samm_model *m, const char *id,
				    struct samm_ref *out, struct samm_error *err);

/* The id and the display name of a node, as `show --csv` prints them:
 * overall -> "overall" / "Overall"; function -> name / name; practice ->
 * code / name; stream -> code / stream name; activity -> code / title;
 * item -> id / criterion. */
const char *samm_model_ref_id(const struct samm_model *m, struct samm_ref ref);
const char *samm_model_ref_name(const struct samm_model *m, struct samm_ref ref);

/* The items under a node: [*first, *first + *n) in the items array
 * (contiguous thanks to model order). */
void samm_model_ref_items(const struct samm_model *m, struct samm_ref ref,
			  int *first, int *n);

/* Depth-first walk in model order over every node down to `deepest`
 * (SAMM_L_PRACTICE: overall, then each function followed by its
 * practices).  Calls fn for each; a non-zero return stops the walk and is
 * returned. */
typedef int (*samm_walk_fn)(const struct samm_model *m, struct samm_ref ref, void *ud);
int samm_model_walk(const struct samm_model *m, enum samm_level deepest,
		    samm_walk_fn fn, void *ud);

#endif
