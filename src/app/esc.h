/* esc.h - terminal-safe text (src/app/esc.c), shared by both front ends. */
#ifndef SAMM_APP_ESC_H
#define SAMM_APP_ESC_H

#include <stddef.h>
#include <stdio.h>

/* Text from users, models or the database as it may safely reach a
 * terminal: C0 controls and DEL become \n \t \r or \xNN; C1 controls
 * (U+0080..U+009F), bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069) and, in a UTF-8 locale, characters
 * wcwidth() calls unprintable become \uXXXX (\UXXXXXXXX past U+FFFF); a
 * byte that is not part of well-formed UTF-8 becomes \xNN.  (In a locale
 * that is not UTF-8, a character whose UTF-8 holds a byte 0x80..0x9F, a C1
 * control there, is \uXXXX too.)  A backslash stays as it is.  Writes into
 * buf (truncated to fit, never inside a character or an escape) and
 * returns buf. */
const char *cli_esc(char *buf, size_t size, const char *s);
/* The same, written to fp without a length limit. */
void cli_put_esc(FILE *fp, const char *s);
/* The same for the first len bytes of s (or up to its NUL); a character
 * cut by len is escaped as its bytes. */
void cli_put_escn(FILE *fp, const char *s, size_t len);
/* Columns that escaped s takes on a terminal (UTF-8 aware). */
int cli_width(const char *s);
/* Escaped s cut to at most `width` columns (ending in "..." when cut),
 * padded with spaces to exactly `width` when pad is non-zero. */
const char *cli_fit(char *buf, size_t size, const char *s, int width, int pad);
/* Does the locale's codeset say UTF-8 (Unicode bars and ellipses)? */
int cli_utf8(void);

#endif
