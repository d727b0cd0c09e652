/* keys.c - the key table (UI_KEY_LIST in ui_int.h) turned into dispatch,
 * the help screen's text and `sammtui --keys`. */
#include <stdio.h>
#include <string.h>
#include "ui/ui.h"
#include "ui/ui_int.h"

struct key_def {
	const char *name;       /* action id as text, e.g. "DOWN" */
	int scope;
	const char *keys;
	const char *help;
};

static const struct key_def key_defs[] = {
#define UI_KEY_DEF(id, ks, keys, help) { #id, ks, keys, help },
	UI_KEY_LIST(UI_KEY_DEF)
#undef UI_KEY_DEF
};

#define N_DEFS ((int)(sizeof key_defs / sizeof key_defs[0]))

static const struct { const char *name; int key; } key_names[] = {
	{ "Up", UI_FN | KEY_UP }, { "Down", UI_FN | KEY_DOWN },
	{ "Left", UI_FN | KEY_LEFT }, { "Right", UI_FN | KEY_RIGHT },
	{ "PgUp", UI_FN | KEY_PPAGE }, { "PgDn", UI_FN | KEY_NPAGE },
	{ "Home", UI_FN | KEY_HOME }, { "End", UI_FN | KEY_END },
	{ "S-Tab", UI_FN | KEY_BTAB }, { "Tab", '\t' }, { "Enter", UI_KEY_ENTER },
	{ "Esc", UI_KEY_ESC }, { "Space", ' ' }, { "Del", UI_FN | KEY_DC },
};

/* One key name of the table to its code; 0 when unknown. */
static int key_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strlen(key_names[i].name) == len && !memcmp(key_names[i].name, s, len))
			return key_names[i].key;
	if (len == 1)
		return (unsigned char)s[0];
	if (len == 2 && s[0] == '^')
		return s[1] & 0x1f;
	return 0;
}

/* Does the space-separated key list hold key? */
static int keys_has(const char *keys, int key)
{
	const char *p = keys;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (len && key_parse(p, len) == key)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

int ui_key_action(int scope, int key)
{
	/* The view's own bindings win over the global ones. */
	for (int pass = 0; pass < 2; pass++) {
		int want = pass == 0 ? (scope & ~UI_KS_GLOBAL) : UI_KS_GLOBAL;
		if (!want)
			continue;
		for (int i = 0; i < N_DEFS; i++)
			if ((key_defs[i].scope & want) && keys_has(key_defs[i].keys, key))
				return i;
	}
	return UI_A_NONE;
}

const char *ui_key_names(int action)
{
	static char buf[64];
	size_t o = 0;
	const char *p = key_defs[action].keys;
	buf[0] = 0;
	while (*p && o + 2 < sizeof buf) {
		size_t len = strcspn(p, " ");
		if (o)
			o += (size_t)snprintf(buf + o, sizeof buf - o, ", ");
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%.*s", (int)len, p);
		if (o >= sizeof buf)
			o = sizeof buf - 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return buf;
}

const char *ui_key_help(int action) { return key_defs[action].help; }
int ui_key_scope(int action) { return key_defs[action].scope; }

int ui_print_keys(FILE *fp)
{
	for (int i = 0; i < N_DEFS; i++)
		fprintf(fp, "%s\t%s\n", ui_key_names(i), key_defs[i].help);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}
