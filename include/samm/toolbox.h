/* toolbox.h - the official OWASP SAMM Toolbox workbook, in and out.
 *
 * Reading: sheet Interview holds one question per activity, its id in
 * column A ("G-SM-A-1-1" = activity G-SM-1-A: function, practice, stream,
 * level), the answer's text in column F and a note in column I; D10, D11
 * and D12 hold Organization, Team/Application and Interview Date.  Answer
 * texts map to values through the workbook's own imp-questions (ID, Answer
 * Option) and imp-answers (ANS_SET_CODE, A..D, A_W..D_W) sheets, so any
 * version or translation works; without them, the model's answer labels
 * are used.
 *
 * Writing: the bundled template (SAMM_spreadsheet-2.0.10.xlsx, CC BY-SA
 * 4.0, OWASP SAMM) with the answers, notes and header cells filled in as
 * inline strings and fullCalcOnLoad set; every other part is copied. */
#ifndef SAMM_TOOLBOX_H
#define SAMM_TOOLBOX_H

#include <stddef.h>
#include "samm/error.h"
#include "samm/model.h"
#include "samm/store.h"

/* The template compiled into the binary (may be empty: len 0). */
extern const unsigned char samm_bundled_toolbox[];
extern const unsigned long samm_bundled_toolbox_len;

/* A workbook read against a model. */
struct samm_toolbox {
	char *organization;     /* D10, or NULL */
	char *team;             /* D11, or NULL */
	char *date_text;        /* D12 as written (a serial or text), or NULL */
	char date[11];          /* D12 as YYYY-MM-DD, or "" when missing or not a date */
	size_t n_answers;       /* question rows read */
	int *act_value;         /* [m->n_activities]: enum samm_value, SAMM_UNSET when blank */
	/* The changes for samm_store_apply: every criterion of an answered
	 * activity, and a note on the first criterion of a noted one.  Item
	 * ids are model strings; notes are owned by the toolbox. */
	struct samm_change *changes;
	size_t n_changes;
	char **notes;           /* [n_activities]: the Interview note, or NULL */
	int n_activities;
};

/* Read a workbook held in buf[0..len).  fname is used in messages
 * ("FILE: sheet Interview, cell F20: ...").  SAMM_PARSE, *out untouched,
 * for a file that is not a Toolbox workbook or holds a bad answer. */
enum samm_status samm_toolbox_read(const struct samm_model *m, const void *buf, size_t len,
				   const char *fname, struct samm_toolbox **out,
				   struct samm_error *err);
/* The same for a file (at most SAMM_XLSX_MAX_FILE bytes). */
enum samm_status samm_toolbox_load_file(const struct samm_model *m, const char *path,
					struct samm_toolbox **out, struct samm_error *err);
void samm_toolbox_free(struct samm_toolbox *tb);

/* Does the file at path start like a ZIP (an .xlsx)?  0 when unreadable. */
int samm_toolbox_is_zip_file(const char *path);

/* The header cells of an exported workbook. */
struct samm_toolbox_meta {
	const char *organization;       /* D10, may be NULL */
	const char *team;               /* D11, may be NULL */
	const char *date;               /* D12 as YYYY-MM-DD (written as a date), may be NULL */
};

/* Fill the template tpl[0..tlen) with the answers of a (each activity's
 * value as the text of its answer; unset and N/A blank) and its notes
 * (those of an activity's criteria joined by newlines) and return the new
 * workbook in *out (caller frees) and *out_len. */
enum samm_status samm_toolbox_write(const struct samm_assessment *a,
				    const struct samm_toolbox_meta *meta, const void *tpl,
				    size_t tlen, char **out, size_t *out_len,
				    struct samm_error *err);

#endif
