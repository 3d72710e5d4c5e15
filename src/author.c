/*
 * Author: the closing signature (a name, then a role, in the last blocks
 * of the article, or "Name, Role" on one line), else the byline ("By Name,
 * Role"), else the page's declared author with its declared job title. Names and roles are recognised by rules (signature-name,
 * signature-role, signature).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define IX_TAIL 8

static int
hit(ix_doc *d, const char *kind, const char *t, ix_match *m)
{
	size_t n = strlen(t);

	return n > 0 && n < 200 && ix_rules_first(d->rules, kind, t, n, m, d->warn);
}

void
ix_extract_author(ix_doc *d, json_t *root)
{
	json_t *o = json_object();
	char *name = NULL, *role = NULL;
	size_t n = d->blocks.n, from = n > IX_TAIL ? n - IX_TAIL : 0;
	ix_match m;

	for (size_t i = n; i-- > from && name == NULL;) {
		const char *t = d->blocks.v[i].text;

		if (d->blocks.v[i].kind == IX_BLOCK_HEADING)
			continue;
		if (i + 1 < n && hit(d, "signature-name", t, &m) &&
		    hit(d, "signature-role", d->blocks.v[i + 1].text, &m)) {
			name = ix_strndup(t, strlen(t));
			role = ix_strndup(d->blocks.v[i + 1].text,
			                  strlen(d->blocks.v[i + 1].text));
		} else if (hit(d, "signature", t, &m)) {
			name = ix_match_dup(&m, "name");
			role = ix_match_dup(&m, "role");
		}
	}
	/* the declared author, unless it is the site, then the byline */
	if (name == NULL && d->meta.author != NULL &&
	    (d->meta.site == NULL || strcasecmp(d->meta.author, d->meta.site)))
		name = ix_strndup(d->meta.author, strlen(d->meta.author));
	if (name == NULL && d->meta.byline != NULL)
		name = ix_strndup(d->meta.byline, strlen(d->meta.byline));
	/* the role the byline or the declaration gives the same person */
	if (name != NULL && role == NULL && d->meta.byline != NULL &&
	    d->meta.byline_role != NULL && !strcasecmp(name, d->meta.byline))
		role = ix_strndup(d->meta.byline_role, strlen(d->meta.byline_role));
	if (name != NULL && role == NULL && d->meta.author != NULL &&
	    d->meta.author_role != NULL && !strcasecmp(name, d->meta.author))
		role = ix_strndup(d->meta.author_role, strlen(d->meta.author_role));
	json_object_set_new(o, "name", ix_jstr(name));
	json_object_set_new(o, "role", ix_jstr(role));
	json_object_set_new(root, "author", o);
	free(name);
	free(role);
}
