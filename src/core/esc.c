/* esc.c - the one escaper of text on its way to a terminal (samm/esc.h). */
#include <stdio.h>
#include "samm/esc.h"
#include "samm/util.h"

int samm_cp_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t samm_esc_cp(uint32_t cp, char out[SAMM_ESC_MAX])
{
	int n;

	if (cp == '\n' || cp == '\t' || cp == '\r') {
		out[0] = '\\';
		out[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
		out[2] = '\0';
		return 2;
	}
	if (cp < 0x80)
		n = snprintf(out, SAMM_ESC_MAX, "\\x%02x", (unsigned)cp);
	else if (cp <= 0xFFFF)
		n = snprintf(out, SAMM_ESC_MAX, "\\u%04x", (unsigned)cp);
	else
		n = snprintf(out, SAMM_ESC_MAX, "\\U%08x", (unsigned)(cp & 0x7FFFFFFF));
	return n > 0 ? (size_t)n : 0;
}

size_t samm_esc_byte(unsigned char c, char out[SAMM_ESC_MAX])
{
	int n = snprintf(out, SAMM_ESC_MAX, "\\x%02x", c);
	return n > 0 ? (size_t)n : 0;
}

size_t samm_esc_unit(const char *s, size_t avail, uint32_t *cp, char out[SAMM_ESC_MAX])
{
	size_t n = samm_utf8_decode(s, avail, cp);

	out[0] = '\0';
	if (!n) {
		*cp = (unsigned char)*s;
		samm_esc_byte((unsigned char)*s, out);
		return 1;
	}
	if (samm_cp_is_control(*cp))
		samm_esc_cp(*cp, out);
	return n;
}
