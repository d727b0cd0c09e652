/* utf8.c - strict UTF-8 validation (RFC 3629).
 *
 * Model files and imported texts are checked once at the door, so that the
 * rest of the program (the UI's width computations, SQLite's text) can
 * trust every string to be well-formed. */
#include "samm/util.h"

int samm_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		unsigned cp, min;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		}
		/* 0xC0 and 0xC1 could only start overlong 2-byte forms, and
		 * 0xF5..0xFF only code points above U+10FFFF. */
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else {
			goto bad;
		}
		if (len - i - 1 < n)
			goto bad;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n + 1;
	}
	return 1;
bad:
	if (bad_offset)
		*bad_offset = i;
	return 0;
}
