/*
 * Findings: the sentences in which the page reports what the inspection
 * found, told apart by how inspection reports talk ("recognised", "noted",
 * "lacked", "not always", "gaps"), never by topic. Only pages that report
 * an inspection have findings, and only from where it is first reported.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define IX_SENTENCE_MAX 2000

void
ix_extract_findings(ix_doc *d, json_t *root)
{
	json_t *arr = json_array();

	json_object_set_new(root, "findings", arr);
	if (!d->has_inspection)
		return;
	for (size_t bi = (size_t)d->first_block; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];

		if (b->kind == IX_BLOCK_HEADING)
			continue;
		for (size_t si = 0; si < b->nsents; si++) {
			const char *t = b->text + b->sents[si].start;
			size_t len = b->sents[si].len;
			const ix_rule *r;
			const char *kind = NULL;
			ix_match m;
			char *s;
			json_t *o;

			if (len > IX_SENTENCE_MAX)
				continue;
			s = ix_sentence_dup(b, si);
			if (d->evidence && !strcmp(s, d->evidence)) {
				free(s);
				continue;
			}
			/* a neutral wording vetoes ("we need to work on") */
			if (ix_rules_first(d->rules, "finding-neutral", t, len, &m,
			                   d->warn)) {
				free(s);
				continue;
			}
			if ((r = ix_rules_first(d->rules, "finding-improvement", t,
			                        len, &m, d->warn)))
				kind = "improvement";
			else if ((r = ix_rules_first(d->rules, "finding-positive", t,
			                             len, &m, d->warn)))
				kind = "positive";
			if (kind != NULL) {
				o = json_object();
				json_object_set_new(o, "kind", json_string(kind));
				json_object_set_new(o, "text", ix_jstr(s));
				if (d->opts && d->opts->explain)
					json_object_set_new(o, "rule", ix_jstr(r->id));
				json_array_append_new(arr, o);
			}
			free(s);
		}
	}
}
