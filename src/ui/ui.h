/* ui.h - the screens.  main() calls ui_run() when no command is given. */
#ifndef SAMM_UI_H
#define SAMM_UI_H

#include "cli/cli.h"

/* Open the screens on ctx's database (creating it, with the bundled model,
 * the scope "Organization" and a first period named after the current
 * quarter, when none exists).  Returns the process exit status. */
int ui_run(struct cli_ctx *ctx);

#endif
