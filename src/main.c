/* main.c - sammtui: run a command, or open the screens when none is given.
 *
 * Global options may come before the command word (handled here) or after
 * it (each command's option table, cli/options.h, includes them).  Commands are
 * dispatched before any curses call, so they work without a terminal. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "ui/ui.h"

static void main_help(FILE *fp)
{
	fprintf(fp, "usage: sammtui [GLOBAL OPTIONS] [COMMAND [ARGS]]\n\n"
		"OWASP SAMM maturity assessments in the terminal.  Without a command,\n"
		"sammtui opens the screens.\n\nCommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "\nGlobal options (before or after the command):\n"
		"  --db FILE      the database (default: $SAMMTUI_DB, else\n"
		"                 $XDG_DATA_HOME/sammtui/sammtui.db, else\n"
		"                 ~/.local/share/sammtui/sammtui.db)\n"
		"  --scope NAME   the scope assessed (default: $SAMMTUI_SCOPE, else "
		SAMM_DEFAULT_SCOPE ")\n"
		"  --user NAME    who makes the changes (default: $SAMMTUI_USER, else the login)\n"
		"  --keys         list the keys of the screens\n"
		"  --help         this text; 'sammtui COMMAND --help' for a command\n"
		"  --version      print the version\n"
		"\nExit status: 0 success, 1 bad data or refused operation, 2 usage error,\n"
		"3 'check' found a broken policy, 128+N the screens ended by signal N.\n");
}

/* Is argv[*i] the global option `name` (as "--name V" or "--name=V")?  Sets
 * *val and advances *i past its value.  Returns -1 when the value is
 * missing. */
static int main_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

int main(int argc, char **argv)
{
	struct app_ctx ctx;
	int i, rc;

	memset(&ctx, 0, sizeof ctx);
	app_init();

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v = NULL;
		int r;
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			main_help(stdout);
			return EXIT_OK;
		}
		if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf("sammtui %s\n", SAMMTUI_VERSION);
			return EXIT_OK;
		}
		if (!strcmp(a, "--keys"))
			return ui_print_keys(stdout) ? EXIT_DATA : EXIT_OK;
		if ((r = main_opt(argc, argv, &i, "--db", &v)) > 0)
			ctx.db_opt = v;
		else if (!r && (r = main_opt(argc, argv, &i, "--scope", &v)) > 0)
			ctx.scope_opt = v;
		else if (!r && (r = main_opt(argc, argv, &i, "--user", &v)) > 0)
			ctx.user_opt = v;
		if (r < 0) {
			fprintf(stderr, "sammtui: option '%s' needs a value\n"
				"Try 'sammtui --help'.\n", a);
			return EXIT_USAGE;
		}
		if (!r) {
			fputs("sammtui: unknown option '", stderr);
			cli_put_esc(stderr, a);
			fputs("'\nTry 'sammtui --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc)
		return ui_run(&ctx);

	const struct cli_command *cmd = NULL;
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			cmd = c;
	if (!cmd) {
		fputs("sammtui: unknown command '", stderr);
		cli_put_esc(stderr, argv[i]);
		fputs("'\nTry 'sammtui --help'.\n", stderr);
		return EXIT_USAGE;
	}
	rc = cmd->fn(&ctx, argc - i, argv + i);
	samm_store_close(ctx.st);
	ctx.st = NULL;
	/* output that could not be written is a failure, not a silent success */
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		rc = EXIT_DATA;
	}
	return rc;
}
