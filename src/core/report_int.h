/* report_int.h - the pieces the HTML report is built of (report*.c only).
 *
 * report_html.c  escaping, numbers, the page's head (CSS) and foot
 * report_svg.c   the charts: radar, line chart, score bar, heat colours
 * report.c       one scope's page
 * report_org.c   the organisation's page
 *
 * The colours are the Okabe-Ito palette, safe for colour-blind readers;
 * the three series also differ in lightness and dash pattern, so that
 * they stay apart in greyscale print. */
#ifndef SAMM_REPORT_INT_H
#define SAMM_REPORT_INT_H

#include <stdio.h>

#define RP_BLUE   "#0072B2"     /* this period: solid */
#define RP_ORANGE "#E69F00"     /* the previous period: dashed */
#define RP_GREEN  "#009E73"     /* the target: dotted */

/* ---- report_html.c ------------------------------------------------------------- */

/* A score with two decimals ("1.25"); "n/a" when na. */
void rp_num(FILE *fp, double x, int na);
/* A change: "+0.25", "-0.5", "0" ("&#8722;" for the minus), wrapped in a span
 * of class up, down or same. */
void rp_delta(FILE *fp, double d);
/* The exact figure as `show --csv` prints it, for data-score attributes. */
void rp_exact(FILE *fp, double x);
/* <!DOCTYPE html> ... <body>, with the title escaped. */
void rp_head(FILE *fp, const char *title);
/* The footer (source, period, when made, SAMM attribution) and </html>. */
void rp_foot(FILE *fp, const char *source, const char *period);

/* ---- report_svg.c ------------------------------------------------------------------ */

/* A radar of n axes (n >= 3) from 0 to 3: labels[n] and up to three series
 * of n values each; series[i] NULL leaves that outline out. */
struct rp_radar {
	int n;
	const char *const *labels;
	const double *series[3];        /* this period, previous, target */
	const char *names[3];           /* legend texts */
};
void rp_svg_radar(FILE *fp, const struct rp_radar *r);

/* A line chart of one figure over n periods (n >= 2), y from 0 to 3, with
 * labelled axes; present[i] 0 leaves a gap. */
void rp_svg_line(FILE *fp, const char *title, int n, const char *const *xlabels,
		 const double *y, const unsigned char *present);

/* A horizontal bar for x in [0, max] with the number beside it. */
void rp_svg_bar(FILE *fp, double x, double max, int na);

/* The background of a heat-map cell for a score 0..3 (light to dark blue),
 * and whether its text should be white. */
const char *rp_heat_colour(double x, int *white);

#endif
