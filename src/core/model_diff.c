/* model_diff.c - what differs between two models (model_diff.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samm/model_diff.h"
#include "store_int.h"

static const char *const reword_names[] = { "criterion", "question", "title", "answers" };
#define N_REWORD (sizeof reword_names / sizeof reword_names[0])

static int differ(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") != 0;
}

/* The activity-level bits of activity xa of a against yb of b. */
static unsigned activity_reworded(const struct samm_activity *x, const struct samm_activity *y)
{
	unsigned w = 0;
	if (differ(x->question, y->question))
		w |= SAMM_RW_QUESTION;
	if (differ(x->title, y->title))
		w |= SAMM_RW_TITLE;
	for (int k = 0; k < 4; k++)
		if (differ(x->answers[k], y->answers[k]))
			w |= SAMM_RW_ANSWERS;
	return w;
}

unsigned samm_model_item_reworded(const struct samm_model *a, int ia,
				  const struct samm_model *b, int ib)
{
	const struct samm_item *x = &a->items[ia], *y = &b->items[ib];
	unsigned w = differ(x->criterion, y->criterion) ? SAMM_RW_CRITERION : 0;
	return w | activity_reworded(&a->activities[x->activity], &b->activities[y->activity]);
}

const char *samm_reword_str(unsigned what, char *buf, size_t size)
{
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (size_t k = 0; k < N_REWORD && size; k++) {
		if (!(what & (1u << k)))
			continue;
		size_t need = (len ? 1 : 0) + strlen(reword_names[k]);
		if (len + need >= size)
			break;  /* whole names only */
		snprintf(buf + len, size - len, "%s%s", len ? "+" : "", reword_names[k]);
		len += need;
	}
	return buf;
}

unsigned samm_reword_parse(const char *s)
{
	unsigned w = 0;
	while (s && *s) {
		size_t n = strcspn(s, "+");
		for (size_t k = 0; k < N_REWORD; k++)
			if (strlen(reword_names[k]) == n && !strncmp(s, reword_names[k], n))
				w |= 1u << k;
		s += n;
		if (*s)
			s++;
	}
	return w;
}

void samm_model_diff_free(struct samm_model_diff *d)
{
	if (!d)
		return;
	free(d->v);
	free(d);
}

/* Count the activity-level rewordings once per activity of b. */
static void count_activities(struct samm_model_diff *d)
{
	const struct samm_model *a = d->a, *b = d->b;
	for (int j = 0; j < b->n_activities; j++) {
		const struct samm_activity *y = &b->activities[j];
		int oa = -1;
		/* the old activity of the first item both have */
		for (int i = y->first_item; i < y->first_item + y->n_items && oa < 0; i++) {
			int k = samm_model_find_item(a, b->items[i].id);
			if (k >= 0)
				oa = a->items[k].activity;
		}
		if (oa < 0)
			continue;
		unsigned w = activity_reworded(&a->activities[oa], y);
		d->n_question_acts += !!(w & SAMM_RW_QUESTION);
		d->n_title_acts += !!(w & SAMM_RW_TITLE);
		d->n_answer_acts += !!(w & SAMM_RW_ANSWERS);
	}
}

enum samm_status samm_model_diff(const struct samm_model *a, const struct samm_model *b,
				 struct samm_model_diff **out, struct samm_error *err)
{
	struct samm_model_diff *d = calloc(1, sizeof *d);
	*out = NULL;
	if (!d || !(d->v = calloc((size_t)a->n_items + (size_t)b->n_items + 1, sizeof *d->v))) {
		free(d);
		return samm_nomem(err);
	}
	d->a = a;
	d->b = b;
	for (int i = 0; i < b->n_items; i++) {
		int k = samm_model_find_item(a, b->items[i].id);
		struct samm_mchange c = { SAMM_MC_ADDED, b->items[i].id, 0, k, i };
		if (k < 0) {
			d->v[d->n++] = c;
			d->n_added++;
			continue;
		}
		if (!(c.what = samm_model_item_reworded(a, k, b, i)))
			continue;
		c.kind = SAMM_MC_REWORDED;
		d->v[d->n++] = c;
		d->n_reworded++;
		d->n_criteria += !!(c.what & SAMM_RW_CRITERION);
		d->n_questions += !!(c.what & SAMM_RW_QUESTION);
		d->n_titles += !!(c.what & SAMM_RW_TITLE);
		d->n_answers += !!(c.what & SAMM_RW_ANSWERS);
	}
	for (int k = 0; k < a->n_items; k++) {
		if (samm_model_find_item(b, a->items[k].id) >= 0)
			continue;
		d->v[d->n++] = (struct samm_mchange){ SAMM_MC_REMOVED, a->items[k].id, 0, k, -1 };
		d->n_removed++;
	}
	count_activities(d);
	*out = d;
	return SAMM_OK;
}
