/* cmd_project.c - project (target is in cmd_target.c): presenting and changing what
 * src/core/project.c keeps, and the coverage lines `stagnant` and `check`
 * add (cli_cover_*).
 *
 * Human tables show scores with 2 decimals and values by name ("unset"
 * when none, "-" when the id is not in that period's model); CSV goes
 * through the shared writer with values as no/some/half/most/na or empty.
 * Text from users (names, owners, descriptions, periods) goes through
 * cli_esc()/cli_fit() in human output. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/options.h"
#include "samm/csvw.h"
#include "samm/model.h"
#include "samm/project.h"
#include "samm/roadmap.h"
#include "samm/value.h"

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* A value for humans, or "-" when the node is not in that period's model. */
static const char *point_name(const struct samm_project_point *p)
{
	return p->present ? cli_value_name(p->value) : "-";
}

static int project_status_arg(const char *cmd, const char *arg, enum samm_project_status *out)
{
	if (samm_project_status_parse(arg, out))
		return cli_usage_error(cmd, "unknown status '%s' (planned, active, done or dropped)",
				       arg);
	return 0;
}

/* A period option: its id, or 0 for "" (none). */
static int project_period_arg(struct app_ctx *ctx, const struct samm_scope *scope,
			      const char *name, int64_t *out)
{
	struct samm_period p;
	int rc;

	*out = 0;
	if (!*name)
		return 0;
	if ((rc = app_period(ctx, scope, name, &p)))
		return rc;
	*out = p.id;
	return 0;
}

static int project_find(struct app_ctx *ctx, const struct samm_scope *scope, const char *name,
			struct samm_project *out)
{
	struct samm_error err;
	if (samm_project_find(ctx->st, scope->id, name, out, &err)) {
		app_fail(&err);
		return EXIT_DATA;
	}
	return 0;
}

/* "P3 (2025-07-15)" or "-" */
static const char *period_txt(char *buf, size_t size, const struct samm_period *p)
{
	char b[256], d[64];
	if (!p->id)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%s (%s)", cli_esc(b, sizeof b, p->name),
			 cli_esc(d, sizeof d, p->date));
	return buf;
}

/* ---- project new / set ----------------------------------------------------------- */

struct proj_opts {
	const char *owner, *desc, *start, *end, *status, *name, *phase;
};

/* Turn the options into fields.  Returns 0 or the exit status. */
static int project_fields(struct app_ctx *ctx, const char *cmd, const struct samm_scope *scope,
			  const struct proj_opts *o, struct samm_project_fields *f)
{
	int rc;

	memset(f, 0, sizeof *f);
	f->name = o->name;
	f->owner = o->owner;
	f->description = o->desc;
	if (o->status) {
		if ((rc = project_status_arg(cmd, o->status, &f->status)))
			return rc;
		f->set_status = 1;
	}
	if (o->start) {
		if ((rc = project_period_arg(ctx, scope, o->start, &f->start_id)))
			return rc;
		f->set_start = 1;
	}
	if (o->end) {
		if ((rc = project_period_arg(ctx, scope, o->end, &f->end_id)))
			return rc;
		f->set_end = 1;
	}
	if (o->phase) {
		struct samm_phase ph = { 0 };
		if (*o->phase && (rc = cli_phase(ctx, scope, o->phase, &ph)))
			return rc;
		f->phase_id = ph.id;
		f->set_phase = 1;
	}
	return 0;
}

static int project_new(struct app_ctx *ctx, const char *name, const struct proj_opts *o)
{
	struct samm_scope scope;
	struct samm_project_fields f;
	struct samm_project p;
	struct samm_error err;
	char b[512];
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = project_fields(ctx, "project", &scope, o, &f)))
		return rc;
	if (samm_project_new(ctx->st, scope.id, name, &f, app_user(ctx), &p, &err))
		return app_fail(&err);
	printf("created project %s (%s", cli_esc(b, sizeof b, p.name),
	       samm_project_status_name(p.status));
	if (*p.owner)
		printf(", owner %s", cli_esc(b, sizeof b, p.owner));
	if (p.start.id)
		printf(", start %s", cli_esc(b, sizeof b, p.start.name));
	if (p.end.id)
		printf(", end %s", cli_esc(b, sizeof b, p.end.name));
	if (p.phase_id)
		printf(", phase %s", cli_esc(b, sizeof b, p.phase_name));
	printf(")\n");
	return EXIT_OK;
}

/* "  FIELD: old -> new" for a field that changed. */
static void changed_line(const char *field, const char *old, const char *new_value)
{
	char b1[512], b2[512];
	if (strcmp(old, new_value) != 0)
		printf("  %s: %s -> %s\n", field, cli_esc(b1, sizeof b1, *old ? old : "-"),
		       cli_esc(b2, sizeof b2, *new_value ? new_value : "-"));
}

static int project_set(struct app_ctx *ctx, const char *name, const struct proj_opts *o)
{
	struct samm_scope scope;
	struct samm_project_fields f;
	struct samm_project before, after;
	struct samm_error err;
	char b[512];
	int rc, changed;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = project_find(ctx, &scope, name, &before)) ||
	    (rc = project_fields(ctx, "project", &scope, o, &f)))
		return rc;
	if (samm_project_set(ctx->st, before.id, &f, app_user(ctx), &changed, &err) ||
	    samm_project_get(ctx->st, before.id, &after, &err))
		return app_fail(&err);
	if (!changed) {
		printf("project %s: nothing to change\n", cli_esc(b, sizeof b, before.name));
		return EXIT_OK;
	}
	printf("updated project %s\n", cli_esc(b, sizeof b, after.name));
	changed_line("name", before.name, after.name);
	changed_line("status", samm_project_status_name(before.status),
		     samm_project_status_name(after.status));
	changed_line("owner", before.owner, after.owner);
	changed_line("description", before.description, after.description);
	changed_line("start", before.start.name, after.start.name);
	changed_line("end", before.end.name, after.end.name);
	return EXIT_OK;
}

/* ---- project link / unlink / delete ----------------------------------------------------- */

static int project_link(struct app_ctx *ctx, const char *name, int unlink, char **ids, int n)
{
	struct samm_scope scope;
	struct samm_project p;
	struct samm_error err;
	char b[512];
	int rc, done;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = project_find(ctx, &scope, name, &p)))
		return rc;
	/* ids in any case, as the models spell them */
	for (int i = 0; i < n; i++)
		ids[i] = (char *)cli_canonical_id(ctx, ids[i]);
	const char *const *v = (const char *const *)ids;
	if (unlink ? samm_project_unlink(ctx->st, p.id, v, (size_t)n, app_user(ctx), &done, &err)
		   : samm_project_link(ctx->st, p.id, v, (size_t)n, app_user(ctx), &done, &err))
		return app_fail(&err);
	cli_esc(b, sizeof b, p.name);
	if (unlink)
		printf("unlinked %d from project %s\n", done, b);
	else if (done < n)
		printf("linked %d to project %s (%d already linked)\n", done, b, n - done);
	else
		printf("linked %d to project %s\n", done, b);
	return EXIT_OK;
}

static int project_delete(struct app_ctx *ctx, const char *name, int yes)
{
	struct samm_scope scope;
	struct samm_project p;
	struct samm_error err;
	char b[512];
	int rc;

	if ((rc = app_open(ctx, 0)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = project_find(ctx, &scope, name, &p)))
		return rc;
	if (!yes) {
		fprintf(stderr, "sammtui: refusing to delete project %s without --yes\n",
			cli_esc(b, sizeof b, name));
		return EXIT_DATA;
	}
	if (samm_project_delete(ctx->st, p.id, app_user(ctx), &err))
		return app_fail(&err);
	printf("deleted project %s\n", cli_esc(b, sizeof b, p.name));
	return EXIT_OK;
}

/* ---- project list ------------------------------------------------------------------------- */

static const char *outcome_txt(char *buf, size_t size, const struct samm_project *p)
{
	if (p->has_outcome)
		snprintf(buf, size, "%d of %d %s rose", p->n_rose, p->n_compared,
			 plural(p->n_compared, "activity", "activities"));
	else if (p->status == SAMM_PROJECT_DONE)
		snprintf(buf, size, "no %s period to compare", p->start.id ? "end" : "start");
	else
		buf[0] = '\0';
	return buf;
}

static int project_list_csv(const struct samm_project *v, size_t n)
{
	static const char *const head[] = { "name", "status", "owner", "start", "end",
					    "links", "activities", "rose", "compared",
					    "description" };
	struct samm_csvw w;
	samm_csv_init(&w, stdout);
	samm_csv_row(&w, head, 10);
	for (size_t i = 0; i < n; i++) {
		const struct samm_project *p = &v[i];
		samm_csv_cell(&w, p->name);
		samm_csv_cell(&w, samm_project_status_name(p->status));
		samm_csv_cell(&w, p->owner);
		samm_csv_cell(&w, p->start.name);
		samm_csv_cell(&w, p->end.name);
		samm_csv_num(&w, p->n_links);
		samm_csv_num(&w, p->n_activities);
		if (p->has_outcome) {
			samm_csv_num(&w, p->n_rose);
			samm_csv_num(&w, p->n_compared);
		} else {
			samm_csv_cell(&w, "");
			samm_csv_cell(&w, "");
		}
		samm_csv_cell(&w, p->description);
		samm_csv_end(&w);
	}
	if (samm_csv_finish(&w)) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* The table, its columns as wide as their widest cell (up to a limit). */
static void project_list_text(const struct samm_project *v, size_t n)
{
	char b1[512], b2[512], b3[512], b4[512], oc[128];
	int wn = 7, wo = 5, wp = 5;
	for (size_t i = 0; i < n; i++) {
		int a = cli_width(v[i].name), o = cli_width(v[i].owner);
		int s1 = cli_width(v[i].start.name), s2 = cli_width(v[i].end.name);
		wn = a > wn ? a : wn;
		wo = o > wo ? o : wo;
		wp = s1 > wp ? s1 : wp;
		wp = s2 > wp ? s2 : wp;
	}
	wn = wn > 30 ? 30 : wn;
	wo = wo > 20 ? 20 : wo;
	wp = wp > 20 ? 20 : wp;
	printf("%s  %-7s  %s  %s  %s  %5s  %s\n", cli_fit(b1, sizeof b1, "PROJECT", wn, 1),
	       "STATUS", cli_fit(b2, sizeof b2, "OWNER", wo, 1),
	       cli_fit(b3, sizeof b3, "START", wp, 1), cli_fit(b4, sizeof b4, "END", wp, 1),
	       "LINKS", "OUTCOME");
	for (size_t i = 0; i < n; i++) {
		const struct samm_project *p = &v[i];
		char line[2048];
		snprintf(line, sizeof line, "%s  %-7s  %s  %s  %s  %5d  %s",
			 cli_fit(b1, sizeof b1, p->name, wn, 1),
			 samm_project_status_name(p->status),
			 cli_fit(b2, sizeof b2, *p->owner ? p->owner : "-", wo, 1),
			 cli_fit(b3, sizeof b3, p->start.id ? p->start.name : "-", wp, 1),
			 cli_fit(b4, sizeof b4, p->end.id ? p->end.name : "-", wp, 1),
			 p->n_links, outcome_txt(oc, sizeof oc, p));
		/* no trailing blanks when there is no outcome */
		size_t len = strlen(line);
		while (len > 0 && line[len - 1] == ' ')
			line[--len] = '\0';
		printf("%s\n", line);
	}
}

static int project_list(struct app_ctx *ctx, const char *status, int csv)
{
	struct samm_scope scope;
	struct samm_project *v = NULL;
	struct samm_error err;
	enum samm_project_status s;
	unsigned mask = SAMM_PROJECT_ANY;
	size_t n = 0;
	int rc;

	if (status) {
		if ((rc = project_status_arg("project", status, &s)))
			return rc;
		mask = SAMM_PROJECT_MASK(s);
	}
	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)))
		return rc;
	if (samm_project_list(ctx->st, scope.id, mask, &v, &n, &err))
		return app_fail(&err);
	rc = EXIT_OK;
	if (csv) {
		rc = project_list_csv(v, n);
	} else if (!n) {
		char b[512];
		printf("no %s%sprojects in scope %s\n", status ? status : "", status ? " " : "",
		       cli_esc(b, sizeof b, scope.name));
	} else {
		project_list_text(v, n);
	}
	samm_project_list_free(v, n);
	return rc;
}

/* ---- project show ------------------------------------------------------------------------ */

static void show_csv_point(struct samm_csvw *w, const struct samm_project_point *p)
{
	samm_csv_cell(w, p->present ? samm_value_name(p->value) : "");
}

static int project_show_csv(const struct samm_project_detail *d)
{
	static const char *const head[] = { "level", "id", "activity", "name", "start", "now",
					    "direction", "target", "reached", "gap" };
	struct samm_csvw w;

	samm_csv_init(&w, stdout);
	samm_csv_row(&w, head, 10);
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct samm_project_row *r = &d->rows[i];
		int has_t = r->target != SAMM_UNSET;
		samm_csv_cell(&w, samm_level_name(r->level));
		samm_csv_cell(&w, r->id);
		samm_csv_cell(&w, r->activity);
		samm_csv_cell(&w, r->name);
		show_csv_point(&w, &r->start);
		show_csv_point(&w, &r->now);
		samm_csv_cell(&w, d->has_start ? samm_dir_name(r->dir) : "");
		samm_csv_cell(&w, has_t ? samm_value_name(r->target) : "");
		samm_csv_cell(&w, has_t ? (r->reached ? "yes" : "no") : "");
		if (has_t)
			samm_csv_num(&w, r->gap);
		else
			samm_csv_cell(&w, "");
		samm_csv_end(&w);
	}
	if (samm_csv_finish(&w)) {
		fprintf(stderr, "sammtui: writing the output failed\n");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static void project_show_text(const struct samm_project_detail *d)
{
	const struct samm_project *p = &d->project;
	char b1[512], b2[512], b3[512];

	printf("Project %s (%s)", cli_esc(b1, sizeof b1, p->name),
	       samm_project_status_name(p->status));
	if (*p->owner)
		printf(", owner %s", cli_esc(b1, sizeof b1, p->owner));
	printf("\n");
	if (p->start.id)
		printf("Start %s", period_txt(b1, sizeof b1, &p->start));
	else
		printf("No start period");
	if (p->end.id)
		printf(", end %s", period_txt(b2, sizeof b2, &p->end));
	else
		printf(", no end period");
	if (d->has_now && !d->now_is_end)
		printf("; now %s", period_txt(b3, sizeof b3, &d->now));
	printf("\n");
	if (*p->description) {
		printf("Description: ");
		cli_put_esc(stdout, p->description);
		printf("\n");
	}
	if (d->has_start && d->has_now)
		printf("Activities: %d, %d rose, %d fell (start -> %s)\n", d->n_activities,
		       d->n_rose, d->n_fell, d->now_is_end ? "end" : "now");
	else
		printf("Activities: %d\n", d->n_activities);
	if (p->phase_id)
		printf("Serves phase %s\n", cli_esc(b1, sizeof b1, p->phase_name));
	if (d->n_targets)
		printf("Targets %s %s: %d of %d reached\n", p->phase_id ? "of phase" : "in",
		       cli_esc(b1, sizeof b1, p->phase_id ? p->phase_name : d->now.name),
		       d->n_reached, d->n_targets);
	if (!d->n_rows) {
		printf("No activities linked; link them with 'sammtui project link'.\n");
		return;
	}
	printf("\n%-18s %-6s %-6s %-8s %-6s %-7s %5s  %s\n", "ID", "START",
	       d->now_is_end ? "END" : "NOW", "MOVE", "TARGET", "REACHED", "GAP", "NAME");
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct samm_project_row *r = &d->rows[i];
		char id[200], gap[16];
		int has_t = r->target != SAMM_UNSET, under = 0;
		/* an item sits under its activity's row when that is linked too */
		for (size_t k = 0; r->level == SAMM_L_ITEM && k < d->n_rows && !under; k++)
			under = d->rows[k].level == SAMM_L_ACTIVITY &&
				!strcmp(d->rows[k].id, r->activity);
		snprintf(id, sizeof id, "%s%s", under ? "  " : "", cli_esc(b1, sizeof b1, r->id));
		if (has_t)
			snprintf(gap, sizeof gap, "%.2f", r->gap > -0.005 && r->gap < 0.005 ? 0 : r->gap);
		printf("%-18s %-6s %-6s %-8s %-6s %-7s %5s  %s\n", id, point_name(&r->start),
		       point_name(&r->now), d->has_start ? samm_dir_name(r->dir) : "-",
		       has_t ? cli_value_name(r->target) : "-",
		       has_t ? (r->reached ? "yes" : "no") : "-", has_t ? gap : "-",
		       cli_esc(b2, sizeof b2, r->name));
	}
}

static int project_show(struct app_ctx *ctx, const char *name, int csv)
{
	struct samm_scope scope;
	struct samm_project p;
	struct samm_project_detail *d;
	struct samm_error err;
	int rc;

	if ((rc = app_open(ctx, SAMM_OPEN_READONLY)) || (rc = app_scope(ctx, &scope)) ||
	    (rc = project_find(ctx, &scope, name, &p)))
		return rc;
	if (samm_project_detail(ctx->st, p.id, &d, &err))
		return app_fail(&err);
	if (csv) {
		rc = project_show_csv(d);
	} else {
		project_show_text(d);
		rc = EXIT_OK;
	}
	samm_project_detail_free(d);
	return rc;
}

/* ---- project ------------------------------------------------------------------------------ */

/* Each option goes with the subcommands it means something to. */
static int project_opts_fit(const char *sub, const struct proj_opts *o, int csv, int yes)
{
	int is_new = !strcmp(sub, "new"), is_set = !strcmp(sub, "set");
	int is_list = !strcmp(sub, "list"), is_show = !strcmp(sub, "show");
	if ((o->owner || o->start || o->end || o->desc) && !is_new && !is_set)
		return cli_usage_error("project", "--owner, --start, --end and --description go"
				       " with 'project new' and 'project set'");
	if (o->status && !is_new && !is_set && !is_list)
		return cli_usage_error("project", "--status goes with 'project new', 'project set'"
				       " and 'project list'");
	if (o->name && !is_set)
		return cli_usage_error("project", "--name goes with 'project set'");
	if (o->phase && !is_new && !is_set)
		return cli_usage_error("project", "--phase goes with 'project new' and 'project set'");
	if (csv && !is_list && !is_show)
		return cli_usage_error("project", "--csv goes with 'project list' and 'project show'");
	if (yes && strcmp(sub, "delete") != 0)
		return cli_usage_error("project", "--yes goes with 'project delete'");
	return 0;
}

int cmd_project(struct app_ctx *ctx, int argc, char **argv)
{
	struct proj_opts o;
	int csv = 0, yes = 0;

	memset(&o, 0, sizeof o);
	const struct cli_option opts[] = {
		OPT_STRING(0, "owner", "O", "who runs the project ('' removes the owner)", &o.owner),
		OPT_STRING(0, "start", "P", "the period it starts in (default: the latest; '' none)",
			   &o.start),
		OPT_STRING(0, "end", "P", "the period it ends in ('' removes it; marking a project\n"
			   "done without one makes the latest period its end)", &o.end),
		OPT_STRING(0, "status", "S", "planned (default), active, done or dropped; with\n"
			   "'list': only the projects of that status", &o.status),
		OPT_STRING(0, "description", "TEXT", "what the project is about", &o.desc),
		OPT_STRING(0, "name", "NEW", "rename the project", &o.name),
		OPT_STRING(0, "phase", "PHASE", "the roadmap phase it serves: 'project show' reports\n"
			   "against its targets ('' removes it)", &o.phase),
		OPT_ARGUMENT("ID", "an activity (G-SM-1-A) or an item (G-SM-1-A.1)"),
		OPT_FLAG(0, "csv", "CSV; list: name,status,owner,start,end,links,activities,\n"
			 "rose,compared,description; show: level,id,activity,name,\n"
			 "start,now,direction,target,reached,gap", &csv),
		OPT_FLAG(0, "yes", "really delete the project and its links", &yes),
		OPT_END(),
	};
	int orc = cli_options(ctx, "project", opts, 0, argc, argv);

	if (orc >= 0)
		return orc;
	int n = argc - optind;
	const char *sub = n > 0 ? argv[optind] : NULL;
	const char *name = n > 1 ? argv[optind + 1] : NULL;
	int is_new = sub && !strcmp(sub, "new"), is_set = sub && !strcmp(sub, "set");
	int is_list = sub && !strcmp(sub, "list"), is_show = sub && !strcmp(sub, "show");
	if (!sub)
		return cli_usage_error("project", "project needs 'new', 'set', 'link', 'unlink',"
				       " 'list', 'show' or 'delete'");
	if ((orc = project_opts_fit(sub, &o, csv, yes)))
		return orc;

	if (is_list) {
		if (n != 1)
			return cli_usage_error("project", "unexpected argument '%s'", argv[optind + 1]);
		return project_list(ctx, o.status, csv);
	}
	if (strcmp(sub, "new") && strcmp(sub, "set") && strcmp(sub, "link") &&
	    strcmp(sub, "unlink") && strcmp(sub, "show") && strcmp(sub, "delete"))
		return cli_usage_error("project", "unknown project command '%s'", sub);
	if (!name)
		return cli_usage_error("project", "project %s needs a project NAME", sub);
	if (!strcmp(sub, "link") || !strcmp(sub, "unlink")) {
		if (n < 3)
			return cli_usage_error("project", "project %s needs NAME and at least one ID",
					       sub);
		return project_link(ctx, name, !strcmp(sub, "unlink"), argv + optind + 2, n - 2);
	}
	if (n != 2)
		return cli_usage_error("project", "unexpected argument '%s'", argv[optind + 2]);
	if (is_new)
		return project_new(ctx, name, &o);
	if (is_set) {
		if (!o.owner && !o.start && !o.end && !o.desc && !o.status && !o.name && !o.phase)
			return cli_usage_error("project", "project set needs something to change"
					       " (--name, --status, --owner, --description, --start,"
					       " --end or --phase)");
		return project_set(ctx, name, &o);
	}
	if (is_show)
		return project_show(ctx, name, csv);
	return project_delete(ctx, name, yes);
}

/* ---- Coverage lines of stagnant and check ------------------------------------------------------ */

int cli_cover_wanted(const struct samm_coverage *c, int asked)
{
	return asked || c->n_projects > 0 || c->n_targets > 0;
}

/* "stagnant", "below target (half < most)" or both. */
static const char *cover_reason(char *buf, size_t size, const struct samm_cover_row *r)
{
	char bt[64] = "";
	if (r->below_target)
		snprintf(bt, sizeof bt, "below target (%s < %s)", cli_value_name(r->value),
			 samm_value_name(r->target));
	snprintf(buf, size, "%s%s%s", r->stagnant ? "stagnant" : "",
		 r->stagnant && r->below_target ? ", " : "", bt);
	return buf;
}

void cli_cover_text(const struct samm_coverage *c, int only_uncovered)
{
	char b[512], why[128];

	if (!c->model)
		return;
	if (only_uncovered)
		printf("Uncovered stagnant or below-target activities: %d\n", c->n_uncovered);
	else
		printf("Stagnant or below-target activities: %zu, %d not covered by an active or"
		       " planned project\n", c->n_rows, c->n_uncovered);
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct samm_cover_row *r = &c->rows[i];
		if (only_uncovered && r->n_projects)
			continue;
		printf("  %-16s ", cli_esc(b, sizeof b, r->code));
		if (only_uncovered) {
			printf("%s\n", cover_reason(why, sizeof why, r));
			continue;
		}
		printf("%-38s ", cover_reason(why, sizeof why, r));
		if (!r->n_projects) {
			printf("not covered\n");
			continue;
		}
		printf("covered by ");
		for (size_t k = 0; k < r->n_projects; k++)
			printf("%s%s (%s)", k ? ", " : "", cli_esc(b, sizeof b, r->projects[k].name),
			       samm_project_status_name(r->projects[k].status));
		printf("\n");
	}
}

int cli_cover_csv(struct samm_csvw *w, const char *scope, const struct samm_coverage *c,
		  int only_uncovered)
{
	if (!c->model)
		return EXIT_OK;
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct samm_cover_row *r = &c->rows[i];
		if (only_uncovered && r->n_projects)
			continue;
		/* every name, whole: as many projects as cover the activity */
		size_t size = 1, o = 0;
		for (size_t k = 0; k < r->n_projects; k++)
			size += strlen(r->projects[k].name) + 2;
		char *names = malloc(size);
		if (!names) {
			fprintf(stderr, "sammtui: out of memory\n");
			return EXIT_DATA;
		}
		names[0] = '\0';
		for (size_t k = 0; k < r->n_projects; k++) {
			size_t len = strlen(r->projects[k].name);
			if (k) {
				memcpy(names + o, "; ", 2);
				o += 2;
			}
			memcpy(names + o, r->projects[k].name, len);
			o += len;
			names[o] = '\0';
		}
		samm_csv_cell(w, scope);
		samm_csv_cell(w, r->n_projects ? "covered" : "uncovered");
		samm_csv_cell(w, r->code);
		samm_csv_cell(w, c->model->practices[r->practice].code);
		samm_csv_cell(w, samm_value_name(r->value));
		samm_csv_cell(w, r->target != SAMM_UNSET ? samm_value_name(r->target) : "");
		samm_csv_cell(w, "");
		samm_csv_cell(w, c->latest.name);
		samm_csv_cell(w, names);
		samm_csv_end(w);
		free(names);
	}
	return EXIT_OK;
}
