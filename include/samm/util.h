/* util.h - clock, user, dates, UTF-8 and small helpers of the core.
 *
 * All time comes through samm_now(), which the application may pin with
 * samm_clock_pin() (the core reads no environment variable). */
#ifndef SAMM_UTIL_H
#define SAMM_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "samm/error.h"
#include "samm/esc.h"

/* Pin the clock to spec (Unix seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ);
 * NULL, "" or an unreadable spec (then returns -1) leave the real clock.
 * Returns 0 otherwise. */
int samm_clock_pin(const char *spec);
time_t samm_now(void);
/* "2026-11-22T23:45:00Z" (UTC) of samm_now(). buf >= 21 bytes. */
void samm_now_iso(char *buf, size_t size);
/* "2026-11-22" (UTC) of samm_now(). buf >= 11 bytes. */
void samm_today(char *buf, size_t size);
/* "2026-Q4": the quarter of samm_now(). buf >= 8 bytes. */
void samm_quarter_name(char *buf, size_t size);
/* Is s a real calendar date written YYYY-MM-DD? */
int samm_date_valid(const char *s);

/* Who makes changes: opt if non-empty, else the name given to
 * samm_user_set() if non-empty, else the login name, else "unknown".  The
 * pointer stays valid until the next call. */
const char *samm_user(const char *opt);
void samm_user_set(const char *name);

/* Is buf[0..len) valid UTF-8 (no overlong forms, no surrogates, <= U+10FFFF)?
 * Returns 1, or 0 and sets *bad_offset to the first bad byte. */
int samm_utf8_valid(const char *buf, size_t len, size_t *bad_offset);

/* Decode the character at buf[0..n) by the same rules: its length in bytes
 * (1 for ASCII, a NUL included) and its code point in *cp, or 0 when n is 0
 * or buf does not start with a well-formed sequence. */
size_t samm_utf8_decode(const char *buf, size_t n, uint32_t *cp);

/* Cutting text to a byte limit without cutting a character in two: how
 * many bytes of the string s to keep so that at most max remain, all of s
 * when it fits; a character that max falls inside is left out whole.
 * Every cut of text to a size goes through here (bytes that are not UTF-8
 * count as characters of one byte). */
size_t samm_utf8_cut(const char *s, size_t max);
/* Copy src (NULL: "") into dst[size], cut by samm_utf8_cut to fit with
 * its NUL; returns the bytes copied.  The snprintf(dst, size, "%s", src)
 * that keeps characters whole. */
size_t samm_utf8_copy(char *dst, size_t size, const char *src);

/* samm_cp_is_control(): see samm/esc.h. */

/* Check a text file buf[0..len) for NUL bytes and invalid UTF-8 in one
 * pass, possibly in pieces: checks from *pos up to `to` (or a little past
 * it, to finish a multi-byte sequence) and moves *pos there.  Returns
 * SAMM_TEXT_OK; or SAMM_TEXT_NUL with *bad_offset at the first NUL at or
 * after the old *pos (a NUL anywhere after it is reported before invalid
 * UTF-8), or SAMM_TEXT_BAD_UTF8 with *bad_offset at the first bad byte. */
enum { SAMM_TEXT_OK, SAMM_TEXT_NUL, SAMM_TEXT_BAD_UTF8 };
int samm_text_scan(const char *buf, size_t len, size_t *pos, size_t to, size_t *bad_offset);

/* SHA-256 of buf as 64 lower-case hex digits + NUL in hex[65]. */
void samm_sha256_hex(const void *buf, size_t len, char hex[65]);

/* The same, fed in pieces: init, update any number of times, final. */
struct samm_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
};
void samm_sha256_init(struct samm_sha256 *c);
void samm_sha256_update(struct samm_sha256 *c, const void *data, size_t n);
void samm_sha256_final_hex(struct samm_sha256 *c, char hex[65]);

/* Limits on what is read in (man/sammtui.1, LIMITS): a file (a model, an
 * import) and a note's text, in bytes. */
#define SAMM_FILE_MAX (64 * 1024 * 1024)
#define SAMM_NOTE_MAX (64 * 1024)

/* Read the whole file at path into *buf (malloc'd, caller frees; not
 * NUL-terminated) and *len.  SAMM_IO "PATH: reason", SAMM_NOMEM, or
 * SAMM_REFUSED "PATH: larger than the 64 MB limit" past SAMM_FILE_MAX
 * bytes (it stops reading there: /dev/zero is refused, not read). */
enum samm_status samm_read_file(const char *path, char **buf, size_t *len,
				struct samm_error *err);

#endif
