/* newperiod.c - the new-period dialog of the period picker (p).
 *
 * It proposes the next quarter after the latest period and its date
 * (samm_period_propose: the first day of that quarter, or today when that
 * is later), lets both be edited, and refuses a name the scope already has
 * right after the name is given, before asking anything else.  The new
 * period copies the latest one's answers, as `sammtui period new` does. */
#include <stdio.h>
#include <string.h>
#include "samm/roadmap.h"
#include "samm/util.h"
#include "ui/ui_int.h"

/* Does the scope have a period of that name?  (Asked of the store, not of
 * ui->periods, which another connection may have changed meanwhile.) */
static int name_taken(struct ui *ui, const char *name)
{
	struct samm_period p;
	struct samm_error err;
	return samm_store_period_find(ui->st, ui->scope.id, name, &p, &err) == SAMM_OK;
}

void ui_period_new(struct ui *ui)
{
	char name[64], date[16], latest[64] = "", q[256];
	struct samm_error err;
	struct samm_period p;

	if (samm_period_propose(ui->st, ui->scope.id, name, sizeof name, date, sizeof date, &err)) {
		ui_msg_err(ui, &err);
		return;
	}
	/* the name first: a taken one is refused at once, and asked again */
	for (;;) {
		if (!ui_prompt(ui, "Name of the new period:", name, sizeof name) || !name[0])
			return;
		if (!name_taken(ui, name))
			break;
		ui_msg(ui, 1, "period %s already exists: give another name", name);
	}
	ui_msg(ui, 0, "%s", "");
	snprintf(q, sizeof q, "Date of period %s (YYYY-MM-DD):", name);
	for (;;) {
		if (!ui_prompt(ui, q, date, sizeof date) || !date[0])
			return;
		if (samm_date_valid(date))
			break;
		ui_msg(ui, 1, "not a date: %s (YYYY-MM-DD)", date);
	}
	ui_msg(ui, 0, "%s", "");
	if (ui->n_periods)
		snprintf(latest, sizeof latest, "%s", ui->periods[ui->n_periods - 1].name);
	if (latest[0])
		snprintf(q, sizeof q, "Create period '%s' (%s) as a copy of '%s'? (y/n)", name, date,
			 latest);
	else
		snprintf(q, sizeof q, "Create period '%s' (%s)? (y/n)", name, date);
	if (!ui_confirm(ui, q))
		return;
	if (samm_store_period_new(ui->st, ui->scope.id, name, date, SAMM_FROM_LATEST, 0, 0, &p,
				  &err)) {
		ui_msg_err(ui, &err);
		return;
	}
	ui->want_period = p.id;
	ui_reload(ui);
	ui_msg(ui, 0, "period %s (%s) created", p.name, p.date);
}
