/* esc.c - terminal-safe text: what the commands print and the messages of
 * both front ends.  (Moved as it was from src/cli/cli.c; the names keep
 * their cli_ prefix until the core's escaper replaces them.) */
#define _POSIX_C_SOURCE 200809L
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "app/esc.h"
#include "samm/util.h"

/* ---- Terminal-safe text ------------------------------------------------------------ */

/* The longest escape: "\U0010ffff" and its NUL. */
#define CLI_ESC_MAX 12

/* One unit of text as it reaches the terminal: the character (or the
 * invalid byte) at s[0..avail), avail > 0, where a sequence cut short by
 * avail counts as invalid (a NUL ends the text before).  Returns its length
 * in bytes; esc gets its escape ("" when it goes out as it is) and *cols the
 * columns it takes.  What the screens escape (src/ui/draw.c) is escaped here
 * too, in the backslash forms the commands have always used:
 *
 *   C0 controls and DEL      \n \t \r, else \xNN
 *   C1 controls, the bidirectional controls (samm_cp_is_control) and, in a
 *   UTF-8 locale, what wcwidth() calls unprintable
 *                            \uXXXX (\UXXXXXXXX past U+FFFF)
 *   a byte that is not part of well-formed UTF-8
 *                            \xNN
 *
 * In a locale that is not UTF-8 the terminal reads every byte as a
 * character of its own, and 0x80..0x9F are C1 controls there: a character
 * whose UTF-8 holds such a byte is escaped as \uXXXX too, and the others
 * take a column per byte. */
static size_t cli_unit(const char *s, size_t avail, char esc[CLI_ESC_MAX], int *cols)
{
	unsigned char c = (unsigned char)*s;
	uint32_t cp;
	size_t n = samm_utf8_decode(s, avail, &cp);
	int show, w = 1;

	esc[0] = '\0';
	if (!n) {
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", c);
		*cols = (int)strlen(esc);
		return 1;
	}
	show = !samm_cp_is_control(cp);
	if (show && cp >= 0x80) {
		if (cli_utf8()) {
			w = wcwidth((wchar_t)cp);
			show = w >= 0;
		} else {
			/* continuation bytes are 0x80..0xBF */
			for (size_t i = 1; i < n; i++)
				show &= (unsigned char)s[i] >= 0xA0;
			w = (int)n;
		}
	}
	if (show) {
		*cols = w;
		return n;
	}
	if (cp == '\n')
		strcpy(esc, "\\n");
	else if (cp == '\t')
		strcpy(esc, "\\t");
	else if (cp == '\r')
		strcpy(esc, "\\r");
	else if (cp < 0x80)
		snprintf(esc, CLI_ESC_MAX, "\\x%02x", (unsigned)cp);
	else if (cp <= 0xFFFF)
		snprintf(esc, CLI_ESC_MAX, "\\u%04x", (unsigned)cp);
	else
		snprintf(esc, CLI_ESC_MAX, "\\U%08x", (unsigned)cp);
	*cols = (int)strlen(esc);
	return n;
}

const char *cli_esc(char *buf, size_t size, const char *s)
{
	size_t o = 0;

	if (!size)
		return buf;
	while (s && *s) {
		/* printable ASCII as it is, without decoding */
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
			if (o + 1 >= size)
				break;
			buf[o++] = *s++;
			continue;
		}
		char e[CLI_ESC_MAX];
		int cols;
		size_t n = cli_unit(s, strnlen(s, 4), e, &cols);
		const char *piece = *e ? e : s;
		size_t len = *e ? strlen(e) : n;
		/* whole units only: never half a character or half an escape */
		if (o + len >= size)
			break;
		memcpy(buf + o, piece, len);
		o += len;
		s += n;
	}
	buf[o] = '\0';
	return buf;
}

void cli_put_escn(FILE *fp, const char *s, size_t len)
{
	for (len = s ? strnlen(s, len) : 0; len > 0; ) {
		char e[CLI_ESC_MAX];
		int cols;
		size_t n = cli_unit(s, len < 4 ? len : 4, e, &cols);
		if (*e)
			fputs(e, fp);
		else
			fwrite(s, 1, n, fp);
		s += n;
		len -= n;
	}
}

void cli_put_esc(FILE *fp, const char *s)
{
	cli_put_escn(fp, s, s ? strlen(s) : 0);
}

int cli_utf8(void)
{
	static int known = -1;

	if (known < 0) {
		const char *cs = nl_langinfo(CODESET);
		known = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	}
	return known;
}

int cli_width(const char *s)
{
	int w = 0, cols;
	char e[CLI_ESC_MAX];

	while (s && *s) {
		s += cli_unit(s, strnlen(s, 4), e, &cols);
		w += cols;
	}
	return w;
}

const char *cli_fit(char *buf, size_t size, const char *s, int width, int pad)
{
	const char *ell = cli_utf8() ? "\xe2\x80\xa6" : "...";
	int ell_w = cli_utf8() ? 1 : 3;
	size_t o = 0;
	int w = 0, cols;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!s)
		s = "";
	int cut = cli_width(s) > width;
	int room = cut ? width - ell_w : width;
	while (*s) {
		char e[CLI_ESC_MAX];
		size_t n = cli_unit(s, strnlen(s, 4), e, &cols);
		if (w + cols > room)
			break;
		const char *piece = *e ? e : s;
		size_t plen = *e ? strlen(e) : n;
		if (o + plen + 8 >= size)
			break;
		memcpy(buf + o, piece, plen);
		o += plen;
		w += cols;
		s += n;
	}
	if (cut && width >= ell_w && o + strlen(ell) < size) {
		memcpy(buf + o, ell, strlen(ell));
		o += strlen(ell);
		w += ell_w;
	}
	while (pad && w < width && o + 1 < size) {
		buf[o++] = ' ';
		w++;
	}
	buf[o] = '\0';
	return buf;
}
