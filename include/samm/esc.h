/* esc.h - the one escaper of text on its way to a terminal, shared by the
 * command line (src/cli) and the screens (src/ui).
 *
 * What drives a terminal rather than shows never reaches it raw: C0
 * controls, DEL, C1 controls (U+0080..U+009F; U+009B is CSI), the
 * bidirectional controls ("Trojan Source") and bytes that are not part of
 * well-formed UTF-8.  They are shown in one backslash form:
 *
 *   \n \t \r                   line feed, tab, carriage return
 *   \xNN                       other C0 controls, DEL, and a byte that is
 *                              not UTF-8
 *   \uXXXX (\UXXXXXXXX)        C1 and bidirectional controls, and what a
 *                              front end's wcwidth() cannot show
 *
 * The core decides by code point only (no locale): a front end adds what
 * its terminal cannot show (wcwidth() < 0) and escapes it with
 * samm_esc_cp(). */
#ifndef SAMM_ESC_H
#define SAMM_ESC_H

#include <stddef.h>
#include <stdint.h>

/* The longest escape, "\U0010ffff", and its NUL. */
#define SAMM_ESC_MAX 12

/* Is cp a character that drives a terminal rather than shows: a C0
 * control, DEL, a C1 control or a bidirectional control (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069), which reorder the text around
 * them? */
int samm_cp_is_control(uint32_t cp);

/* The escape of code point cp (any, control or not) in out; its length. */
size_t samm_esc_cp(uint32_t cp, char out[SAMM_ESC_MAX]);
/* The escape of a byte that is not UTF-8 ("\xff"); its length. */
size_t samm_esc_byte(unsigned char c, char out[SAMM_ESC_MAX]);

/* The unit of text at s[0..avail), avail > 0: one character, or one byte
 * that does not start a well-formed sequence (a sequence cut short by avail
 * counts as such).  Returns its length in bytes and its code point in *cp
 * (the byte's value for an invalid byte); out gets its escape when it is a
 * control or not UTF-8, else "". */
size_t samm_esc_unit(const char *s, size_t avail, uint32_t *cp, char out[SAMM_ESC_MAX]);

#endif
