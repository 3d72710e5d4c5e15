/* Helpers the extractors share: safe JSON strings, sentences, --explain. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

json_t *
ix_jstrn(const char *s, size_t n)
{
	char *c = ix_utf8_clean(s, n);
	json_t *j = json_string(c);

	free(c);
	return j ? j : json_string("");
}

json_t *
ix_jstr(const char *s)
{
	if (s == NULL)
		return json_null();
	return ix_jstrn(s, strlen(s));
}

char *
ix_sentence_dup(const ix_block *b, size_t i)
{
	return ix_squash(b->text + b->sents[i].start, b->sents[i].len);
}

void
ix_explain(const ix_doc *d, json_t *fact, const ix_rule *r,
           const char *sentence)
{
	if (d->opts == NULL || !d->opts->explain || fact == NULL)
		return;
	json_object_set_new(fact, "rule", r ? ix_jstr(r->id) : json_null());
	json_object_set_new(fact, "sentence", ix_jstr(sentence));
}
