/* fixture.h - what the store-backed unit tests share: a private mkdtemp
 * folder under /tmp, removed with all it holds, and a store opened in it
 * with two versions ("tiny" 1 and 2) of a test's small model.
 * Header-only: each test_*.c is a program of its own.  Include after
 * cmocka.h and the samm headers; needs _XOPEN_SOURCE 700 for nftw. */
#ifndef SAMM_TEST_FIXTURE_H
#define SAMM_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/store.h"

/* dir (at least 64 bytes) := a new folder /tmp/NAME.XXXXXX */
static inline void fx_tmpdir(char *dir, size_t size, const char *name)
{
	snprintf(dir, size, "/tmp/%s.XXXXXX", name);
	assert_non_null(mkdtemp(dir));
}

static inline int fx_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static inline void fx_rmtree(const char *dir)
{
	nftw(dir, fx_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Create the store at path with model_a as "tiny" 1 and model_b as
 * "tiny" 2; *org is its default scope. */
static inline void fx_store_with_models(const char *path, const char *model_a,
					const char *model_b, struct samm_store **st,
					int64_t *id_a, int64_t *id_b, struct samm_scope *org,
					struct samm_error *err)
{
	int created;
	assert_int_equal(samm_store_open(path, SAMM_OPEN_CREATE, st, err), SAMM_OK);
	assert_int_equal(samm_store_model_add(*st, model_a, strlen(model_a), "a.csv", "tiny",
					      "1", id_a, &created, err), SAMM_OK);
	assert_int_equal(samm_store_model_add(*st, model_b, strlen(model_b), "b.csv", "tiny",
					      "2", id_b, &created, err), SAMM_OK);
	assert_int_equal(samm_store_scope_find(*st, SAMM_DEFAULT_SCOPE, org, err), SAMM_OK);
}

#endif
