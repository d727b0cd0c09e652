/* utf8.c - strict UTF-8 validation (RFC 3629).
 *
 * Model files and imported texts are checked once at the door, so that the
 * rest of the program (the UI's width computations, SQLite's text) can
 * trust every string to be well-formed.  A whole model file goes through
 * here on every load, so runs of ASCII (nearly all of a model) are skipped
 * 16 bytes at a time with plain 64-bit word tests; only bytes >= 0x80 are
 * decoded one by one. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>
#include "samm/util.h"

#define ONES      0x0101010101010101ull
#define HIGH_BITS 0x8080808080808080ull

/* The length of the well-formed multi-byte sequence at s[0..n) (s[0] >=
 * 0x80) and its code point in *out, or 0 when it is not one. */
static inline size_t utf8_seq_cp(const unsigned char *s, size_t n, uint32_t *out)
{
	unsigned c = s[0], cp, min;
	size_t k, more;

	/* 0xC0 and 0xC1 could only start overlong 2-byte forms, and
	 * 0xF5..0xFF only code points above U+10FFFF. */
	if (c >= 0xC2 && c <= 0xDF) {
		more = 1; cp = c & 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		more = 2; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		more = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n - 1 < more)
		return 0;
	for (k = 1; k <= more; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*out = cp;
	return more + 1;
}

static size_t utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	return utf8_seq_cp(s, n, &cp);
}

size_t samm_utf8_decode(const char *buf, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)buf;

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	return utf8_seq_cp(s, n, cp);
}

int samm_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] < 0x80) {
			/* ASCII: skip whole words while no byte has its top bit */
			i++;
			while (len - i >= 16) {
				uint64_t w0, w1;
				memcpy(&w0, s + i, 8);
				memcpy(&w1, s + i + 8, 8);
				if ((w0 | w1) & HIGH_BITS)
					break;
				i += 16;
			}
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (!(n = utf8_seq(s + i, len - i))) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/* Does any of the 16 bytes at s have its top bit set, or equal 0? */
static int block_special(const unsigned char *s)
{
	uint64_t w[2];
	memcpy(w, s, 16);
	for (int k = 0; k < 2; k++)
		if ((w[k] | ((w[k] - ONES) & ~w[k])) & HIGH_BITS)
			return 1;
	return 0;
}

int samm_text_scan(const char *buf, size_t len, size_t *pos, size_t to, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = *pos, n;
	const char *nul;

	if (to > len)
		to = len;
	while (i < to) {
		size_t end;
		if (to - i >= 16 && !block_special(s + i)) {
			i += 16;
			continue;
		}
		/* byte by byte through this block (a sequence may end past it) */
		for (end = to - i >= 16 ? i + 16 : to; i < end; ) {
			unsigned c = s[i];
			if (c == 0) {
				if (bad_offset)
					*bad_offset = i;
				return SAMM_TEXT_NUL;
			}
			if (c < 0x80) {
				i++;
				continue;
			}
			if (!(n = utf8_seq(s + i, len - i))) {
				/* a NUL anywhere is reported before bad UTF-8 */
				nul = memchr(s + i, '\0', len - i);
				if (bad_offset)
					*bad_offset = nul ? (size_t)(nul - buf) : i;
				return nul ? SAMM_TEXT_NUL : SAMM_TEXT_BAD_UTF8;
			}
			i += n;
		}
	}
	*pos = i;
	return SAMM_TEXT_OK;
}

size_t samm_utf8_cut(const char *s, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strnlen(s, max < SIZE_MAX ? max + 1 : max), i;

	if (n <= max)
		return n;
	/* u[max] is the first byte left out: when it continues a character,
	 * that character goes too (back to its lead byte, at most 3 back) */
	for (i = max; i > 0 && max - i < 3 && (u[i] & 0xC0) == 0x80; i--)
		;
	if ((u[i] & 0xC0) == 0x80)
		return max;     /* no lead byte: not UTF-8, cut anywhere */
	size_t len = utf8_seq(u + i, strnlen(s + i, 4));
	/* not a character, or one that ends before max: u[max] is a stray
	 * continuation byte, and max cuts no character */
	if (len == 0 || i + len <= max)
		return max;
	return i;
}

size_t samm_utf8_copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (!size)
		return 0;
	n = samm_utf8_cut(src ? src : "", size - 1);
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}
