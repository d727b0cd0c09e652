/* app.h - the application layer both front ends share (the commands in
 * src/cli and the screens in src/ui).
 *
 * It turns options and the environment into a session: the locale, the
 * clock and the user (app_init), the database path, the open store and the
 * scope (struct app_ctx), and the set-up of a fresh database.  The core
 * reads no environment variable: everything it needs comes from here.
 * Errors are printed on stderr as "sammtui: ..." and returned as exit
 * statuses (enum app_exit). */
#ifndef SAMM_APP_H
#define SAMM_APP_H

#include <stdint.h>
#include <stdio.h>
#include "samm/error.h"
#include "samm/store.h"
#include "app/esc.h"

#define SAMMTUI_VERSION "0.1.0"

enum app_exit {
	EXIT_OK = 0,
	EXIT_DATA = 1,          /* bad data, refused operation, database error */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_POLICY = 3,        /* `check`: a stated policy is broken */
};

struct app_ctx {
	const char *db_opt;     /* --db, or NULL */
	const char *scope_opt;  /* --scope, or NULL */
	const char *user_opt;   /* --user, or NULL */
	char db_path[4096];     /* resolved by app_db_path */
	struct samm_store *st;  /* opened by app_open; closed by main */
};

/* Once, first thing in main(): the user's locale for text, "C" for numbers
 * (scores are data: always a decimal point, on the screens as in the
 * commands); the clock pinned by $SAMMTUI_NOW (a test hook: Unix seconds,
 * YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ); the user named by $SAMMTUI_USER,
 * else the login name. */
void app_init(void);

/* Resolve ctx->db_path from --db, else $SAMMTUI_DB, else
 * $XDG_DATA_HOME/sammtui/sammtui.db, else ~/.local/share/sammtui/sammtui.db
 * (a name SQLite would read as special, ":memory:" or "file:...", gets a
 * "./").  Prints + returns the exit status on failure, 0 on success. */
int app_db_path(struct app_ctx *ctx);

/* Open ctx->st once (flags: SAMM_OPEN_*).  Prints the error and returns
 * its exit status on failure, 0 on success. */
int app_open(struct app_ctx *ctx, int flags);

/* The scope asked for: --scope, else $SAMMTUI_SCOPE; an empty value counts
 * as not given.  NULL when neither names one. */
const char *app_scope_name(const struct app_ctx *ctx);

/* The scope asked for (or SAMM_DEFAULT_SCOPE). Prints + returns 1 on failure. */
int app_scope(struct app_ctx *ctx, struct samm_scope *out);

/* A period of that scope by name.  Prints + returns 1 on failure. */
int app_period(struct app_ctx *ctx, const struct samm_scope *scope, const char *name,
	       struct samm_period *out);

/* The user making changes (--user, $SAMMTUI_USER, login name). */
const char *app_user(struct app_ctx *ctx);

/* Print "sammtui: <err->msg>" on stderr and return the exit status for its
 * code (SAMM_USAGE -> 2, anything else -> 1). */
int app_fail(const struct samm_error *err);

/* Add the bundled SAMM model to the open store (*id: its id). */
enum samm_status app_model_add_bundled(struct app_ctx *ctx, int64_t *id,
				       struct samm_error *err);

/* A database ready to work in: open it (creating it), give a fresh one the
 * bundled model, find the scope and, when it has no period yet, create one
 * named after the quarter (nothing is written to a read-only database).
 * Prints + returns the exit status on failure, 0 on success. */
int app_prepare(struct app_ctx *ctx, struct samm_scope *scope);

#endif
