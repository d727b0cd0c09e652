/* error.c - status codes and error details. */
#include <stdarg.h>
#include <stdio.h>
#include "samm/error.h"
#include "samm/util.h"

static const char *const status_msg[] = {
#define SAMM_STATUS_MSG(name, msg) msg,
	SAMM_STATUS_LIST(SAMM_STATUS_MSG)
#undef SAMM_STATUS_MSG
};

const char *samm_status_str(enum samm_status code)
{
	if ((int)code < 0 || code >= SAMM_STATUS_COUNT)
		return "unknown error";
	return status_msg[code];
}

enum samm_status samm_error_set(struct samm_error *err, enum samm_status code,
				const char *fmt, ...)
{
	if (err) {
		/* formatted with room to spare, then cut between characters
		 * (a name quoted in a long message must not end mid-character) */
		char tmp[sizeof err->msg + 8];
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		va_end(ap);
		samm_utf8_copy(err->msg, sizeof err->msg, tmp);
	}
	return code;
}

void samm_error_clear(struct samm_error *err)
{
	if (err) {
		err->code = SAMM_OK;
		err->msg[0] = '\0';
	}
}
