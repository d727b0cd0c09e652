/* termcheck.c - can this terminal show the screens?  Asked before the
 * database is opened and before initscr(), so that a pipe, TERM=dumb or an
 * unknown TERM gets one sentence on stderr instead of escape codes in the
 * pipe, a blank screen or ncurses' own "Error opening terminal".
 * (term.h defines macros such as `lines`: kept in this file alone.) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "app/esc.h"
#include "ui/ui_int.h"
#include <term.h>

static int refuse(const char *why, const char *term)
{
	fputs("sammtui: the screens need a terminal (", stderr);
	if (term) {
		fputs("TERM=", stderr);
		cli_put_esc(stderr, term);
	}
	fprintf(stderr, "%s); use the commands instead: sammtui --help\n", why);
	return EXIT_USAGE;
}

/* A capability the screens cannot do without. */
static int has_str(const char *cap)
{
	char *s = tigetstr(cap);
	return s && s != (char *)-1 && *s;
}

int ui_term_check(void)
{
	if (!isatty(STDIN_FILENO))
		return refuse("standard input is not one", NULL);
	if (!isatty(STDOUT_FILENO))
		return refuse("standard output is not one", NULL);
	const char *term = getenv("TERM");
	if (!term || !*term)
		return refuse("TERM is not set", NULL);
	int err = 0;
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return refuse(err == -1 ? " has no terminfo database here"
			      : " is a terminal type unknown here", term);
	int ok = has_str("cup") && has_str("clear");
	del_curterm(cur_term);
	if (!ok)
		return refuse(" cannot draw them", term);
	return 0;
}
