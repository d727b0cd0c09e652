/* fuzz_import.c - libFuzzer target for the import parser
 * (samm_import_parse) against the bundled SAMM 2.0 model.
 *
 * Any input must either give changes that name items of the model, each
 * once, with valid values, or be rejected with a message naming the file
 * ("fuzz.csv:LINE: ..."); never crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/import.h"
#include "samm/model.h"
#include "samm/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct samm_model *model;
static unsigned char *seen;

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_import: invariant broken: %s (%s)\n", what, detail ? detail : "");
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct samm_error err;

	(void)argc;
	(void)argv;
	if (samm_model_parse((const char *)samm_bundled_model, samm_bundled_model_len,
			     "samm-2.0.csv", &model, &err) != SAMM_OK)
		fail("the bundled model does not load", err.msg);
	seen = calloc((size_t)model->n_items, 1);
	if (!seen)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct samm_import *imp = NULL;
	struct samm_error err;

	memset(&err, 0, sizeof err);
	enum samm_status rc = samm_import_parse(model, (const char *)data, size, "fuzz.csv",
						&imp, &err);
	if (rc != SAMM_OK) {
		if (imp)
			fail("a rejected input still set *out", err.msg);
		if (rc != SAMM_NOMEM && strncmp(err.msg, "fuzz.csv:", 9) != 0)
			fail("rejection message does not name the file", err.msg);
		return 0;
	}
	if (!imp)
		fail("SAMM_OK without an import", NULL);
	memset(seen, 0, (size_t)model->n_items);
	for (size_t i = 0; i < imp->n_changes; i++) {
		const struct samm_change *c = &imp->changes[i];
		int k = c->item ? samm_model_find_item(model, c->item) : -1;
		if (k < 0)
			fail("a change names no item of the model", c->item);
		if (seen[k]++)
			fail("an item is changed twice", c->item);
		if (c->set_value && !samm_value_valid(c->value))
			fail("invalid value", c->item);
		if (c->set_note && c->note)
			(void)strlen(c->note);  /* must be a readable string */
	}
	samm_import_free(imp);
	return 0;
}
