/* csvline.c - physical lines of a CSV held in memory (see csvline.h). */
#include <string.h>
#include "csvline.h"

static const char *find_from(const char *buf, size_t len, size_t off, int c)
{
	const char *q = off < len ? memchr(buf + off, c, len - off) : NULL;
	return q ? q : buf + len;
}

void samm_lines_init(struct csv_lines *l, const char *buf, size_t len)
{
	l->buf = buf;
	l->len = len;
	l->off = 0;
	l->line = 1;
	l->next_lf = find_from(buf, len, 0, '\n');
	l->next_cr = find_from(buf, len, 0, '\r');
}

size_t samm_lines_next(struct csv_lines *l, int *ended, int *blank)
{
	const char *start = l->buf + l->off, *end = l->buf + l->len, *nl;

	if (start >= end) {
		*ended = *blank = 0;
		return 0;
	}
	if (l->next_lf < start)
		l->next_lf = find_from(l->buf, l->len, l->off, '\n');
	if (l->next_cr < start)
		l->next_cr = find_from(l->buf, l->len, l->off, '\r');
	nl = l->next_lf < l->next_cr ? l->next_lf : l->next_cr;
	if (nl == end) {
		*ended = *blank = 0;
		return (size_t)(end - start);
	}
	if (*nl == '\r' && nl + 1 < end && nl[1] == '\n')
		nl++;           /* CRLF: one line end */
	*ended = 1;
	*blank = nl == start || (nl == start + 1 && *start == '\r');
	return (size_t)(nl - start) + 1;
}

void samm_lines_consume(struct csv_lines *l, size_t n, int ended)
{
	l->off += n;
	if (ended)
		l->line++;
}

long samm_line_of(const char *buf, size_t len, size_t off)
{
	long line = 1;

	for (size_t i = 0; i < off && i < len; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
			line++;
	return line;
}

size_t samm_col_of(const char *buf, size_t off)
{
	size_t start = off;

	while (start > 0 && buf[start - 1] != '\n' && buf[start - 1] != '\r')
		start--;
	return off - start + 1;
}
