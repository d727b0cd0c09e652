/* util.c - the one clock, the user's name, dates. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "samm/util.h"
#include "vec.h"

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Parse "YYYY-MM-DD" with an optional "THH:MM:SSZ" into UTC seconds. */
static int parse_iso(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	if (s[10] == 'T') {
		int n2 = 0;
		if (sscanf(s + 11, "%2d:%2d:%2d%n", &h, &mi, &sec, &n2) != 3 || n2 != 8)
			return -1;
		if (s[19] != 'Z' && s[19] != '\0')
			return -1;
	} else if (s[10] != '\0') {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
		return -1;
	/* days from civil (Howard Hinnant's algorithm): no timegm() in C11 */
	int yy = y - (mo <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	*out = (time_t)days * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

static time_t pinned_clock;
static int clock_pinned;        /* 0: the real clock */

int samm_clock_pin(const char *spec)
{
	time_t t;
	char *end;

	clock_pinned = 0;
	if (!spec || !*spec)
		return 0;
	long long v = strtoll(spec, &end, 10);
	if (*end == '\0')
		pinned_clock = (time_t)v;
	else if (parse_iso(spec, &t) == 0)
		pinned_clock = t;
	else
		return -1;
	clock_pinned = 1;
	return 0;
}

time_t samm_now(void)
{
	return clock_pinned ? pinned_clock : time(NULL);
}

static void fmt_now(char *buf, size_t size, const char *fmt)
{
	time_t t = samm_now();
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, size, fmt, &tm) == 0)
		snprintf(buf, size, "%s", "");
}

void samm_now_iso(char *buf, size_t size)
{
	fmt_now(buf, size, "%Y-%m-%dT%H:%M:%SZ");
}

void samm_today(char *buf, size_t size)
{
	fmt_now(buf, size, "%Y-%m-%d");
}

void samm_quarter_name(char *buf, size_t size)
{
	time_t t = samm_now();
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, size, "%s", "");
		return;
	}
	snprintf(buf, size, "%04d-Q%d", tm.tm_year + 1900, tm.tm_mon / 3 + 1);
}

int samm_date_valid(const char *s)
{
	time_t t;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	return parse_iso(s, &t) == 0;
}

static char default_user[256];

void samm_user_set(const char *name)
{
	snprintf(default_user, sizeof default_user, "%s", name ? name : "");
}

const char *samm_user(const char *opt)
{
	static char name[256];
	const char *s = opt;
	if (!s || !*s)
		s = default_user;
	if (!*s) {
		struct passwd *pw = getpwuid(getuid());
		s = pw ? pw->pw_name : NULL;
	}
	if (!s || !*s)
		s = "unknown";
	samm_utf8_copy(name, sizeof name, s);   /* 255 bytes, whole characters */
	return name;
}

enum samm_status samm_read_file(const char *path, char **out, size_t *out_len,
				struct samm_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;

	*out = NULL;
	*out_len = 0;
	if (!f)
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(errno));
	for (;;) {
		/* read at most one byte past the limit: enough to know */
		if (samm_grow((void **)&buf, &cap, len + 65536 > SAMM_FILE_MAX + 1 ?
			      SAMM_FILE_MAX + 1 : len + 65536, 1)) {
			free(buf);
			fclose(f);
			return samm_error_set(err, SAMM_NOMEM, "%s: out of memory", path);
		}
		size_t want = (cap < SAMM_FILE_MAX + 1 ? cap : SAMM_FILE_MAX + 1) - len;
		size_t n = fread(buf + len, 1, want, f);
		len += n;
		if (len > SAMM_FILE_MAX) {
			free(buf);
			fclose(f);
			return samm_error_set(err, SAMM_REFUSED, "%s: larger than the %d MB limit",
					      path, SAMM_FILE_MAX >> 20);
		}
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		return samm_error_set(err, SAMM_IO, "%s: %s", path, strerror(e ? e : EIO));
	}
	fclose(f);
	*out = buf;
	*out_len = len;
	return SAMM_OK;
}
