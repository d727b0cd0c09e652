/* csvline.h - physical lines of a CSV held in memory, for the model loader
 * and the import parser.  Not part of the public API.
 *
 * A line ends at LF, at CRLF (one line end, not two) or at a CR alone (old
 * Mac spreadsheets); this rule numbers the lines of every message.  libcsv
 * reports no positions: the import parser feeds it one physical line at a
 * time (samm_lines_next()) to know every record by the line it starts on;
 * the model loader counts the line ends libcsv reports instead. */
#ifndef SAMM_CSVLINE_H
#define SAMM_CSVLINE_H

#include <stddef.h>

struct csv_lines {
	const char *buf;
	size_t len;
	size_t off;             /* start of the next chunk */
	long line;              /* 1-based line of buf[off] */
	/* the next LF and CR at or after off (buf + len: none); each is
	 * searched again only once off has passed it, so finding every line
	 * end of the buffer costs two memchr passes in all */
	const char *next_lf, *next_cr;
};

void samm_lines_init(struct csv_lines *l, const char *buf, size_t len);

/* Length of the chunk at l->off: the rest of its line with its line end
 * (0 at the end of the buffer).  *ended says whether it has a line end (the
 * last line of a file may lack one), *blank whether it is nothing else.
 * The caller feeds buf[off..off+n) to libcsv, then calls
 * samm_lines_consume(). */
size_t samm_lines_next(struct csv_lines *l, int *ended, int *blank);
void samm_lines_consume(struct csv_lines *l, size_t n, int ended);

/* The 1-based line of buf[off], and the 1-based byte column of buf[off] in
 * its line, by the same rule. */
long samm_line_of(const char *buf, size_t len, size_t off);
size_t samm_col_of(const char *buf, size_t off);

#endif
