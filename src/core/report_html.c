/* report_html.c - the HTML of the report: the one escaping function, the
 * numbers, the page's head with its style sheet, and its foot. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/report_int.h"
#include "samm/report.h"
#include "samm/util.h"
#include "samm/value.h"

void samm_html_text(FILE *fp, const char *s)
{
	size_t len;

	if (!s)
		return;
	len = strlen(s);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		uint32_t cp;
		size_t n;

		/* printable ASCII without markup: the common case, in runs */
		for (n = 0; s[n] >= 0x20 && s[n] < 0x7f && !strchr("&<>\"'", s[n]); n++)
			;
		if (n) {
			fwrite(s, 1, n, fp);
			s += n;
			len -= n;
			continue;
		}
		switch (c) {
		case '&': fputs("&amp;", fp); s++; len--; continue;
		case '<': fputs("&lt;", fp); s++; len--; continue;
		case '>': fputs("&gt;", fp); s++; len--; continue;
		case '"': fputs("&quot;", fp); s++; len--; continue;
		case '\'': fputs("&#39;", fp); s++; len--; continue;
		case '\t': case '\n': fputc(' ', fp); s++; len--; continue;
		default: break;
		}
		n = samm_utf8_decode(s, len, &cp);
		if (!n) {
			fprintf(fp, "\\x%02x", c);
			s++;
			len--;
		} else if (samm_cp_is_control(cp)) {
			if (cp < 0x80)
				fprintf(fp, "\\x%02x", (unsigned)cp);
			else
				fprintf(fp, "\\u%04x", (unsigned)cp);
			s += n;
			len -= n;
		} else {
			fwrite(s, 1, n, fp);
			s += n;
			len -= n;
		}
	}
}

void rp_num(FILE *fp, double x, int na)
{
	if (na)
		fputs("n/a", fp);
	else
		fprintf(fp, "%.2f", fabs(x) < 0.005 ? 0.0 : x);
}

void rp_exact(FILE *fp, double x)
{
	char buf[32];

	samm_format_score(buf, sizeof buf, x, 6);
	fputs(buf, fp);
}

void rp_delta(FILE *fp, double d)
{
	char buf[32];

	if (fabs(d) < 1e-9) {
		fputs("<span class=\"same\">&#177;0</span>", fp);
		return;
	}
	snprintf(buf, sizeof buf, "%.2f", fabs(d));
	fprintf(fp, "<span class=\"%s\">%s%s</span>", d > 0 ? "up" : "down",
		d > 0 ? "&#9650;&#160;+" : "&#9660;&#160;&#8722;", buf);
}

/* The style sheet.  Colours: Okabe-Ito; up and down also carry a triangle,
 * so that they never rest on colour alone.  Print: each section starts a
 * page (the header, headline figures and radar share the first), no fixed paper
 * size, so that A4 and Letter both work. */
static const char rp_css[] =
	"*{box-sizing:border-box}"
	"body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#222;"
	"margin:0 auto;max-width:1000px;padding:16px;line-height:1.35}"
	"h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;border-bottom:2px solid "
	RP_BLUE ";padding-bottom:2px;margin:24px 0 8px}h3{font-size:1em;margin:8px 0 4px}"
	".meta{color:#444;margin:0}.meta b{color:#222}"
	"table{border-collapse:collapse;margin:4px 0 8px}"
	"th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}"
	"th{background:#eee}td.n,th.n{text-align:right;white-space:nowrap}"
	".up{color:#005a8c}.down{color:#b35900}.same{color:#555}"
	".cards{display:flex;flex-wrap:wrap;gap:8px}"
	".card{border:1px solid #bbb;border-radius:4px;padding:6px 10px;min-width:140px}"
	".card .v{font-size:1.6em;font-weight:bold}.card .l{color:#444}"
	"figure{margin:8px 0}figcaption{font-size:.9em;color:#333}"
	"svg text{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif}"
	".charts{display:flex;flex-wrap:wrap;gap:8px}.charts figure{margin:0}"
	".legend span{display:inline-block;margin-right:14px}"
	".heat td.n{min-width:3em}.note{color:#444;font-size:.9em}"
	".muted{color:#555;font-style:italic}"
	"footer{margin-top:24px;border-top:1px solid #bbb;padding-top:6px;font-size:.85em;color:#333}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"section{page-break-inside:avoid;break-inside:avoid}"
	"section.page{page-break-before:always;break-before:page}"
	"svg.radar{width:120mm;height:auto}"
	"tr,figure{page-break-inside:avoid;break-inside:avoid}"
	"thead{display:table-header-group}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
	"@page{margin:14mm 12mm}";

void rp_head(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; img-src data:\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"sammtui\">\n<title>", fp);
	samm_html_text(fp, title);
	fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", rp_css);
}

void rp_foot(FILE *fp, const char *source, const char *period)
{
	char now[32];

	samm_now_iso(now, sizeof now);
	fputs("<footer>\n<p>Source: ", fp);
	if (source && *source)
		samm_html_text(fp, source);
	else
		fputs("the assessment database", fp);
	if (period) {
		fputs(", period ", fp);
		samm_html_text(fp, period);
	}
	fprintf(fp, ". Made by sammtui on %s.</p>\n"
		"<p>Model and practices: OWASP SAMM (Software Assurance Maturity Model), "
		"OWASP SAMM, CC BY-SA 4.0.</p>\n</footer>\n</body>\n</html>\n", now);
}
