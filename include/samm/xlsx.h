/* xlsx.h - reading the cells of an .xlsx workbook (a ZIP of XML parts).
 *
 * Only what a Toolbox workbook needs: the sheet names (xl/workbook.xml and
 * its relationships), the shared strings, and the text of chosen columns
 * of a sheet.  Parts are inflated with libzip and parsed with expat as a
 * stream, so memory stays flat.  A workbook is data from someone else:
 *   - a part whose declared or actual inflated size passes
 *     SAMM_XLSX_MAX_PART is refused;
 *   - any DOCTYPE or entity declaration is refused (no entity expansion);
 *   - a row number above SAMM_XLSX_MAX_ROW is refused as soon as it is seen.
 * Messages name the file, the sheet and the cell or XML line at fault. */
#ifndef SAMM_XLSX_H
#define SAMM_XLSX_H

#include <stddef.h>
#include "samm/error.h"

#define SAMM_XLSX_MAX_PART (64UL << 20)
#define SAMM_XLSX_MAX_ROW  100000
#define SAMM_XLSX_MAX_FILE (64UL << 20)

struct samm_xlsx;

/* Is buf a ZIP (starts with "PK\3\4")? */
int samm_xlsx_is_zip(const void *buf, size_t len);

/* Open a workbook held in buf[0..len) (not copied: it must outlive the
 * workbook).  Reads the sheet map and the shared strings.  fname is used
 * in messages.  SAMM_PARSE for anything that is not a workbook. */
enum samm_status samm_xlsx_open(const void *buf, size_t len, const char *fname,
				struct samm_xlsx **out, struct samm_error *err);
void samm_xlsx_close(struct samm_xlsx *x);

/* The part holding sheet `name` ("xl/worksheets/sheet3.xml"), or NULL. */
const char *samm_xlsx_sheet_part(const struct samm_xlsx *x, const char *name);

/* A whole part, inflated (caller frees *buf; NUL-terminated). */
enum samm_status samm_xlsx_part(struct samm_xlsx *x, const char *part, char **buf,
				size_t *len, struct samm_error *err);

/* The cells of some columns of a sheet.  Row r's cells are
 * cell[r * ncols + k] for the k-th requested column: a NUL-terminated
 * text (a shared or inline string, or the raw value of a number) or NULL
 * when the cell is missing or empty; kind[...] is 's' for text, 'n' for
 * anything else. Rows run 0..n_rows-1 (row 1 is index 1). */
struct samm_xlsx_table {
	int ncols;
	int n_rows;
	char **cell;
	char *kind;
};

/* Read columns cols[0..ncols) (1 = A) of sheet `name`.  SAMM_NOTFOUND
 * when there is no such sheet.  Free with samm_xlsx_table_free. */
enum samm_status samm_xlsx_table(struct samm_xlsx *x, const char *name, const int *cols,
				 int ncols, struct samm_xlsx_table *out, struct samm_error *err);
void samm_xlsx_table_free(struct samm_xlsx_table *t);
/* Cell (row, k) of t, or NULL. */
const char *samm_xlsx_cell(const struct samm_xlsx_table *t, int row, int k);

/* "F20" for column 6, row 20.  buf >= 16 bytes. */
void samm_xlsx_ref(char *buf, size_t size, int col, int row);

#endif
