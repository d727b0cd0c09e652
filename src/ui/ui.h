/* ui.h - the screens.  main() calls ui_run() when no command is given. */
#ifndef SAMM_UI_H
#define SAMM_UI_H

#include <stdio.h>
#include "app/app.h"

/* Open the screens on ctx's database (creating it, with the bundled model,
 * the scope "Organization" and a first period named after the current
 * quarter, when none exists).  Returns the process exit status. */
int ui_run(struct app_ctx *ctx);

/* Print the key bindings, one "KEYS<TAB>HELP" line per action, from the
 * same table that binds them (`sammtui --keys`, the man page's KEYS
 * section).  Returns 0, or -1 when writing failed. */
int ui_print_keys(FILE *fp);

#endif
