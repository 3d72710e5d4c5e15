/*
 * Focus areas: a list that a lead-in sentence introduces as the areas
 * being worked on. Each item splits into the issue (what was found) and
 * the response (what is being done): the response starts at the first
 * sentence a "response" rule recognises, as write-ups put the issue first.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
add_item(ix_doc *d, json_t *arr, size_t from, size_t to)
{
	json_t *o = json_object(), *issue = json_array(), *resp = json_array();
	ix_buf all = {0};
	int responding = 0;

	for (size_t bi = from; bi < to; bi++) {
		const ix_block *b = &d->blocks.v[bi];

		if (all.len)
			ix_buf_addc(&all, ' ');
		ix_buf_adds(&all, b->text);
		for (size_t si = 0; si < b->nsents; si++) {
			char *s = ix_sentence_dup(b, si);
			ix_match m;

			if (!responding && b->sents[si].len < 2000 &&
			    ix_rules_first(d->rules, "response", s, strlen(s), &m,
			                   d->warn))
				responding = 1;
			if (!responding) {
				/* findings read the issues as the inspectors' */
				d->focus_issues = ix_xrealloc(
					d->focus_issues,
					(d->nfocus_issues + 1) * sizeof(*d->focus_issues));
				d->focus_issues[d->nfocus_issues].block = bi;
				d->focus_issues[d->nfocus_issues++].sent = si;
			}
			json_array_append_new(responding ? resp : issue, ix_jstr(s));
			free(s);
		}
	}
	json_object_set_new(o, "text", ix_jstr(all.s ? all.s : ""));
	json_object_set_new(o, "issue", issue);
	json_object_set_new(o, "response", resp);
	json_array_append_new(arr, o);
	ix_buf_free(&all);
}

void
ix_extract_focus(ix_doc *d, json_t *root)
{
	json_t *arr = json_array();

	json_object_set_new(root, "focus_areas", arr);
	if (!d->has_inspection)
		return;
	for (size_t bi = 1; bi < d->blocks.n; bi++) {
		const ix_block *lead = &d->blocks.v[bi - 1];
		const ix_block *b = &d->blocks.v[bi];
		ix_match m;
		size_t end, start;

		if (b->kind != IX_BLOCK_ITEM || lead->kind == IX_BLOCK_ITEM ||
		    strlen(lead->text) > 2000 ||
		    !ix_rules_first(d->rules, "focus-lead", lead->text,
		                    strlen(lead->text), &m, d->warn))
			continue;
		/* every item of this list, each item possibly several blocks */
		end = bi;
		while (end < d->blocks.n && d->blocks.v[end].kind == IX_BLOCK_ITEM &&
		       d->blocks.v[end].list_id == b->list_id)
			end++;
		for (start = bi; start < end;) {
			size_t stop = start + 1;

			while (stop < end && d->blocks.v[stop].item_id ==
			                         d->blocks.v[start].item_id)
				stop++;
			add_item(d, arr, start, stop);
			start = stop;
		}
		bi = end;
	}
}
