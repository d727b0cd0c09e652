/* esc.c - terminal-safe text: what the commands print and the messages of
 * both front ends.  The escapes themselves are the core's (samm/esc.h), shared
 * with the screens; this adds what the terminal's locale decides. */
#define _POSIX_C_SOURCE 200809L
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "app/esc.h"
#include "samm/esc.h"
#include "samm/util.h"

/* ---- Terminal-safe text ------------------------------------------------------------ */

#define CLI_ESC_MAX SAMM_ESC_MAX

/* One unit of text as it reaches the terminal: the character (or the
 * invalid byte) at s[0..avail), avail > 0, where a sequence cut short by
 * avail counts as invalid (a NUL ends the text before).  Returns its length
 * in bytes; esc gets its escape ("" when it goes out as it is) and *cols the
 * columns it takes.  The core's escaper (samm/esc.h) escapes the controls
 * and invalid bytes, the screens use the same; the terminal's own rules
 * add, in a UTF-8 locale, what wcwidth() calls unprintable (\uXXXX).
 *
 * In a locale that is not UTF-8 the terminal reads every byte as a
 * character of its own, and 0x80..0x9F are C1 controls there: a character
 * whose UTF-8 holds such a byte is escaped as \uXXXX too, and the others
 * take a column per byte. */
static size_t cli_unit(const char *s, size_t avail, char esc[CLI_ESC_MAX], int *cols)
{
	uint32_t cp;
	size_t n = samm_esc_unit(s, avail, &cp, esc);
	int show = !*esc, w = 1;

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
		if (!show)
			samm_esc_cp(cp, esc);
	}
	*cols = show ? w : (int)strlen(esc);
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
