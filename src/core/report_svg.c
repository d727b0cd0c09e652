/* report_svg.c - the report's charts as inline SVG: the radar of the
 * practices, the trend lines, the score bars, and the heat map's colours.
 *
 * Each chart is drawn in fixed user units with a viewBox, so that it scales
 * with the page and prints sharp.  The caller puts the figures of every
 * chart in text nearby (a table or a caption). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "core/report_int.h"
#include "samm/report.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The three series: colour, dash pattern and fill. */
static const struct {
	const char *colour, *dash, *fill;
} rp_series[3] = {
	{ RP_BLUE, "none", "rgba(0,114,178,0.12)" },
	{ RP_ORANGE, "10 5", "none" },
	{ RP_GREEN, "3 4", "none" },
};

/* ---- Radar ------------------------------------------------------------------------- */

#define RADAR_W 560
#define RADAR_H 500
#define RADAR_CX 280.0
#define RADAR_CY 230.0
#define RADAR_R 165.0

static void radar_point(int i, int n, double v, double *x, double *y)
{
	double a = 2 * M_PI * i / n - M_PI / 2;
	double r = RADAR_R * (v < 0 ? 0 : v > 3 ? 3 : v) / 3.0;

	*x = RADAR_CX + r * cos(a);
	*y = RADAR_CY + r * sin(a);
}

static void radar_grid(FILE *fp, const struct rp_radar *r)
{
	double x, y;

	for (int ring = 1; ring <= 3; ring++) {
		fputs("<polygon fill=\"none\" stroke=\"#bbb\" stroke-width=\"1\" points=\"", fp);
		for (int i = 0; i < r->n; i++) {
			radar_point(i, r->n, ring, &x, &y);
			fprintf(fp, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		fputs("\"/>\n", fp);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#555\">%d</text>\n",
			RADAR_CX + 3, RADAR_CY - RADAR_R * ring / 3.0 - 2, ring);
	}
	for (int i = 0; i < r->n; i++) {
		radar_point(i, r->n, 3, &x, &y);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>\n",
			RADAR_CX, RADAR_CY, x, y);
		double ang = 2 * M_PI * i / r->n - M_PI / 2, c = cos(ang);
		const char *anchor = c > 0.2 ? "start" : c < -0.2 ? "end" : "middle";
		x = RADAR_CX + (RADAR_R + 10) * c;
		y = RADAR_CY + (RADAR_R + 10) * sin(ang) + 4 + 6 * sin(ang);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\">", x, y,
			anchor);
		samm_html_text(fp, r->labels[i]);
		fputs("</text>\n", fp);
	}
}

void rp_svg_radar(FILE *fp, const struct rp_radar *r)
{
	double x, y;
	int shown = 0;

	fprintf(fp, "<svg class=\"radar\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"Radar of the practice scores, 0 to 3\">\n",
		RADAR_W, RADAR_H, RADAR_W, RADAR_H);
	radar_grid(fp, r);
	/* the target and the previous period under this period's outline */
	for (int s = 2; s >= 0; s--) {
		if (!r->series[s])
			continue;
		fprintf(fp, "<polygon class=\"series%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"3\" "
			"stroke-dasharray=\"%s\" stroke-linejoin=\"round\" points=\"", s,
			rp_series[s].fill, rp_series[s].colour, rp_series[s].dash);
		for (int i = 0; i < r->n; i++) {
			radar_point(i, r->n, r->series[s][i], &x, &y);
			fprintf(fp, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		fputs("\"/>\n", fp);
	}
	/* the legend, in the chart so that it prints with it */
	for (int s = 0; s < 3; s++) {
		if (!r->series[s])
			continue;
		double ly = RADAR_H - 62 + 20 * shown++;
		fprintf(fp, "<line x1=\"150\" y1=\"%.0f\" x2=\"200\" y2=\"%.0f\" stroke=\"%s\" "
			"stroke-width=\"3\" stroke-dasharray=\"%s\"/>\n"
			"<text x=\"210\" y=\"%.0f\" font-size=\"13\">", ly, ly, rp_series[s].colour,
			rp_series[s].dash, ly + 4);
		samm_html_text(fp, r->names[s]);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

/* ---- Line chart ---------------------------------------------------------------------- */

#define LINE_W 320
#define LINE_H 200
#define LINE_L 44.0
#define LINE_R 12.0
#define LINE_T 24.0
#define LINE_B 44.0

void rp_svg_line(FILE *fp, const char *title, int n, const char *const *xlabels,
		 const double *y, const unsigned char *present)
{
	double pw = LINE_W - LINE_L - LINE_R, ph = LINE_H - LINE_T - LINE_B;
	int every = n > 6 ? (n + 5) / 6 : 1, open = 0;

	fprintf(fp, "<svg class=\"line\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"", LINE_W, LINE_H, LINE_W, LINE_H);
	samm_html_text(fp, title);
	fputs(" over the periods\">\n<text x=\"4\" y=\"15\" font-size=\"13\" font-weight=\"bold\">", fp);
	samm_html_text(fp, title);
	fputs("</text>\n", fp);
	for (int t = 0; t <= 3; t++) {
		double ty = LINE_T + ph * (3 - t) / 3.0;
		fprintf(fp, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d</text>\n",
			LINE_L, ty, LINE_W - LINE_R, ty, t ? "#ddd" : "#888", LINE_L - 4, ty + 3, t);
	}
	fprintf(fp, "<text x=\"10\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 10 %.0f)\">score</text>\n", LINE_T + ph / 2, LINE_T + ph / 2);
	fprintf(fp, "<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">period</text>\n",
		LINE_L + pw / 2, LINE_H - 4);
	for (int i = 0; i < n; i++) {
		double x = LINE_L + pw * i / (n - 1);
		if (i % every && i != n - 1)
			continue;
		if (i != n - 1 && n - 1 - i < every && i)
			continue;       /* too near the last label */
		fprintf(fp, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"9\" text-anchor=\"middle\">", x,
			LINE_T + ph + 13);
		samm_html_text(fp, xlabels[i]);
		fputs("</text>\n", fp);
	}
	for (int i = 0; i < n; i++) {
		double x = LINE_L + pw * i / (n - 1);
		double v = y[i] < 0 ? 0 : y[i] > 3 ? 3 : y[i];
		if (!present[i]) {
			if (open)
				fputs("\"/>\n", fp);
			open = 0;
			continue;
		}
		if (!open)
			fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
				RP_BLUE);
		fprintf(fp, "%s%.1f,%.1f", open ? " " : "", x, LINE_T + ph * (3 - v) / 3.0);
		open = 1;
	}
	if (open)
		fputs("\"/>\n", fp);
	if (n <= 40)
		for (int i = 0; i < n; i++)
			if (present[i])
				fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
					LINE_L + pw * i / (n - 1),
					LINE_T + ph * (3 - (y[i] < 0 ? 0 : y[i] > 3 ? 3 : y[i])) / 3.0,
					RP_BLUE);
	fputs("\n</svg>\n", fp);
}

/* ---- Bars and heat ------------------------------------------------------------------- */

void rp_svg_bar(FILE *fp, double x, double max, int na)
{
	double w = na || max <= 0 ? 0 : 120.0 * (x < 0 ? 0 : x > max ? 1 : x / max);

	fprintf(fp, "<svg class=\"bar\" viewBox=\"0 0 160 14\" width=\"160\" height=\"14\" "
		"aria-hidden=\"true\"><rect x=\"0\" y=\"1\" width=\"120\" height=\"12\" fill=\"#e8e8e8\"/>"
		"<rect x=\"0\" y=\"1\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>"
		"<text x=\"125\" y=\"11\" font-size=\"11\">", w, RP_BLUE);
	rp_num(fp, x, na);
	fputs("</text></svg>", fp);
}

const char *rp_heat_colour(double x, int *white)
{
	/* a sequential blue scale, lightness falling step by step, so that
	 * it reads in greyscale and for every kind of colour vision */
	static const char *const scale[] = { "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1",
		"#6baed6", "#3182bd", "#08519c" };
	int i = (int)floor((x < 0 ? 0 : x > 3 ? 3 : x) / 3.0 * 6.0 + 0.5);

	*white = i >= 5;
	return scale[i];
}
