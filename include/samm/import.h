/* import.h - reading a CSV of answers (`sammtui import PERIOD FILE`).
 *
 * The file: RFC 4180 CSV, UTF-8 (a BOM and CRLF are accepted), a header
 * row naming the columns `id` and `score` (or `answer`) and optionally
 * `note` and `answer`, in any order.  Fields are separated by ',', ';' or
 * tabs, whichever the header line holds most of (a ';' or tab file may
 * write a decimal comma: "0,5"); a file with a UTF-16 BOM is decoded to
 * UTF-8 first.  The other columns `sammtui export` writes (scope, period,
 * ..., practice_score) are accepted and ignored, so an export imports as
 * it is; in such a file a note or answer the export neutralised ('= ...)
 * gets its leading quote back off.  Any other column is refused.  Each row:
 *   id     an item id, or an activity code (= every criterion of it), in
 *          any case
 *   score  a value spelling or an answer label of the item's question
 *          (samm_value_parse_answer), or empty: leave the value
 *   answer the same; with an empty score it sets the value, with a score
 *          it must agree with it
 *   note   the item's note, or empty: leave the note (item rows only)
 * Spaces around an id, a score or an answer are ignored; a note is kept
 * exactly.
 *
 * The whole file is checked before anything is returned: any error gives
 * SAMM_PARSE with "FNAME:LINE: message" and no changes.  Refused: an empty
 * file, a missing, unknown or repeated column, a row with the wrong number
 * of fields, an unknown id (with the nearest ids) or one of another level,
 * a bad value, a score and an answer that disagree, broken UTF-16, a note on
 * an activity row, an item set twice (two rows, or an item and its
 * activity: the message names both lines), invalid UTF-8, a NUL byte, an
 * unterminated or misplaced quote. */
#ifndef SAMM_IMPORT_H
#define SAMM_IMPORT_H

#include <stddef.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/store.h"

struct samm_import {
	size_t n_rows;                  /* data rows read */
	/* The changes to apply with samm_store_apply, in file order (an
	 * activity row expands to its criteria in model order).  Item ids are
	 * model strings (valid while the model lives); notes are owned by the
	 * import. */
	struct samm_change *changes;
	size_t n_changes;
	void *priv;
};

/* Parse buf[0..len) against model m.  fname is used in messages.  On
 * success *out is a new import the caller frees with samm_import_free(). */
enum samm_status samm_import_parse(const struct samm_model *m, const char *buf, size_t len,
				   const char *fname, struct samm_import **out,
				   struct samm_error *err);

/* Read the file at path (SAMM_IO naming it on failure) and parse it. */
enum samm_status samm_import_load_file(const struct samm_model *m, const char *path,
				       struct samm_import **out, struct samm_error *err);

void samm_import_free(struct samm_import *imp);

#endif
