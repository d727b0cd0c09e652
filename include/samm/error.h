/* error.h - status codes and error details of the core library.
 *
 * Every core function that can fail returns an enum samm_status and, when
 * given a non-NULL struct samm_error, fills it with a one-line message that
 * names the file and line, or the item, at fault ("model.csv:12: level 4 is
 * outside 1 to 3").  The core never prints and never exits: callers decide
 * how to show the message. */
#ifndef SAMM_ERROR_H
#define SAMM_ERROR_H

#include <stddef.h>

/* One table of codes and their generic messages. */
#define SAMM_STATUS_LIST(_) \
	_(OK,        "ok") \
	_(USAGE,     "invalid argument") \
	_(PARSE,     "invalid data") \
	_(NOTFOUND,  "not found") \
	_(EXISTS,    "already exists") \
	_(REFUSED,   "refused") \
	_(DB,        "database error") \
	_(BUSY,      "database is busy") \
	_(READONLY,  "database is read-only") \
	_(NEWER,     "database was written by a newer sammtui") \
	_(CONFLICT,  "changed by someone else since it was read") \
	_(IO,        "input/output error") \
	_(NOMEM,     "out of memory")

enum samm_status {
#define SAMM_STATUS_ENUM(name, msg) SAMM_##name,
	SAMM_STATUS_LIST(SAMM_STATUS_ENUM)
#undef SAMM_STATUS_ENUM
	SAMM_STATUS_COUNT
};
/* SAMM_OK is 0, so `if (rc)` tests for failure. */

struct samm_error {
	enum samm_status code;
	char msg[1024];         /* NUL-terminated, no trailing newline */
};

/* Generic text of a status code ("database error"). */
const char *samm_status_str(enum samm_status code);

/* Record an error in err (which may be NULL) and return code.  The message
 * is formatted with printf rules and truncated to fit. */
enum samm_status samm_error_set(struct samm_error *err, enum samm_status code,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear err (code SAMM_OK, empty message) after a failure the caller
 * chose to pass over.  err may be NULL. */
void samm_error_clear(struct samm_error *err);

#endif
