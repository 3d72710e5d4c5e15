/*
 * Text blocks: the main-content subtree becomes a flat list of headings,
 * paragraphs, list items, table rows, quotes and preformatted blocks, each
 * split into sentences. Walks are iterative: hostile pages nest deeper
 * than any C stack.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static int
is_name(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	       !strcasecmp((const char *)n->name, name);
}

/* Elements that end the running paragraph. */
static int
is_block(xmlNodePtr n)
{
	static const char *const names[] = {
		"address", "article", "aside", "blockquote", "body", "center",
		"dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
		"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
		"h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav",
		"ol", "p", "pre", "section", "summary", "table", "tbody", "td",
		"tfoot", "th", "thead", "tr", "ul", "caption", "br", "html",
		"legend", "option", "noscript", NULL};

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

/* A table row whose cells hold only inline content reads as one line. */
static int
is_text_row(xmlNodePtr tr)
{
	if (!is_name(tr, "tr"))
		return 0;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNodePtr g = c->children; g; g = g->next)
			if (g->type == XML_ELEMENT_NODE && is_block(g) &&
			    !is_name(g, "br"))
				return 0;
	}
	return 1;
}

/* Does n end the running paragraph? A cell of a text row does not. */
static int
breaks(xmlNodePtr n)
{
	if (!is_block(n))
		return 0;
	if ((is_name(n, "td") || is_name(n, "th")) && is_text_row(n->parent))
		return 0;
	return 1;
}

typedef struct {
	ix_blocks *bs;
	ix_buf text;
	xmlNodePtr ctx; /* element holding the last text */
	int next_list;
	int next_item;
} walker;

static void
push_block(ix_blocks *bs, ix_block_kind kind, int level, int list_id,
           int item_id, int table_id, char *text)
{
	ix_block *b;

	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? bs->cap * 2 : 32;
		bs->v = ix_xrealloc(bs->v, bs->cap * sizeof(*bs->v));
	}
	b = &bs->v[bs->n++];
	b->kind = kind;
	b->level = level;
	b->list_id = list_id;
	b->item_id = item_id;
	b->table_id = table_id;
	b->text = text;
	b->nsents = ix_sentences(text, strlen(text), &b->sents);
}

static void
classify(walker *w, xmlNodePtr ctx, ix_block_kind *kind, int *level,
         int *list, int *item, int *table)
{
	int depth = 0;

	*kind = IX_BLOCK_PARA;
	*level = 0;
	*list = 0;
	*item = 0;
	*table = 0;
	for (xmlNodePtr n = ctx; n != NULL && depth < 64; n = n->parent, depth++) {
		const char *name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
		    name[1] <= '6' && name[2] == '\0') {
			*kind = IX_BLOCK_HEADING;
			*level = name[1] - '0';
			return;
		}
		if (!strcasecmp(name, "li")) {
			xmlNodePtr l = n->parent;

			*kind = IX_BLOCK_ITEM;
			if (n->_private == NULL)
				n->_private = (void *)(intptr_t)++w->next_item;
			*item = (int)(intptr_t)n->_private;
			if (l != NULL) {
				if (l->_private == NULL)
					l->_private = (void *)(intptr_t)++w->next_list;
				*list = (int)(intptr_t)l->_private;
			}
			return;
		}
		if (!strcasecmp(name, "blockquote")) {
			*kind = IX_BLOCK_QUOTE;
			return;
		}
		if (!strcasecmp(name, "pre")) {
			*kind = IX_BLOCK_PRE;
			return;
		}
		if (!strcasecmp(name, "tr") && is_text_row(n)) {
			*kind = IX_BLOCK_ROW;
			/* the rows of one table share an id (a header row
			 * names the others' columns) */
			for (xmlNodePtr t = n->parent; t != NULL && depth < 64;
			     t = t->parent, depth++)
				if (is_name(t, "table")) {
					if (t->_private == NULL)
						t->_private =
							(void *)(intptr_t)++w->next_list;
					*table = (int)(intptr_t)t->_private;
					break;
				}
			return;
		}
	}
}

/* Length of a leading bullet and its space ("• ", "- "), or 0. */
static size_t
bullet_len(const char *t)
{
	static const char *const bullets[] = {"\xE2\x80\xA2 ", "\xC2\xB7 ",
	                                      "\xE2\x96\xAA ", "\xE2\x80\x93 ",
	                                      "- ", "* ", "\xE2\x97\x8F ", NULL};

	for (size_t i = 0; bullets[i]; i++)
		if (!strncmp(t, bullets[i], strlen(bullets[i])) &&
		    t[strlen(bullets[i])] != '\0')
			return strlen(bullets[i]);
	return 0;
}

static void
flush(walker *w)
{
	ix_block_kind kind;
	int level, list, item, table;
	size_t k;
	char *t;

	if (w->text.len == 0)
		return;
	{
		/* char refs like &#xD800; can reach us as invalid UTF-8 */
		char *sq = ix_squash(w->text.s, w->text.len);

		t = ix_utf8_clean(sq, strlen(sq));
		free(sq);
	}
	w->text.len = 0;
	w->text.s[0] = '\0';
	if (*t == '\0' || (strlen(t) == 3 && !strcmp(t, "\xEF\xBF\xBD"))) {
		free(t);
		return;
	}
	classify(w, w->ctx, &kind, &level, &list, &item, &table);
	if (kind == IX_BLOCK_PARA && (k = bullet_len(t)) > 0) {
		/* "• item" paragraphs, as reposts and plain-text pages write
		 * lists: items of one list, consecutive */
		const ix_block *prev = w->bs->n ? &w->bs->v[w->bs->n - 1] : NULL;
		char *rest = ix_strndup(t + k, strlen(t + k));

		free(t);
		t = rest;
		kind = IX_BLOCK_ITEM;
		list = prev && prev->kind == IX_BLOCK_ITEM && prev->list_id < 0
		           ? prev->list_id
		           : -(int)(w->bs->n + 1);
		item = -(int)(w->bs->n + 1);
	}
	push_block(w->bs, kind, level, list, item, table, t);
}

void
ix_blocks_from_node(ix_blocks *bs, xmlNodePtr root)
{
	walker w = {bs, {0}, NULL, 0, 0};
	xmlNodePtr n = root;

	if (root == NULL)
		return;
	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL) {
				ix_buf_adds(&w.text, (const char *)n->content);
				w.ctx = n->parent;
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			if (breaks(n)) {
				flush(&w);
				if (is_name(n, "tr") && is_text_row(n))
					w.ctx = n;
			} else if ((is_name(n, "td") || is_name(n, "th")) &&
			           (w.text.len > 0 || xmlPreviousElementSibling(n))) {
				/* cells keep their column, an empty one too */
				ix_buf_adds(&w.text, " | ");
			}
			descend = n->children != NULL;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* climb to the next sibling, closing blocks on the way */
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE && breaks(n))
				flush(&w);
		}
		if (n == root)
			break;
		if (n->type == XML_ELEMENT_NODE && breaks(n))
			flush(&w);
		n = n->next;
	}
	flush(&w);
	ix_buf_free(&w.text);
}

void
ix_blocks_free(ix_blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++) {
		free(bs->v[i].text);
		free(bs->v[i].sents);
	}
	free(bs->v);
	bs->v = NULL;
	bs->n = bs->cap = 0;
}

/* max 0: no limit. Squashing never lengthens a text and the squashed
 * text collected so far is a prefix of the final one, so once the text
 * collected is over max bytes squashed, so is the whole: stop there. The
 * check runs each time the raw text doubles, in linear time overall. */
static char *
node_text(xmlNodePtr root, size_t max)
{
	ix_buf b = {0};
	xmlNodePtr n = root;
	size_t check = max + 1;
	char *t;

	if (root == NULL)
		return ix_strndup("", 0);
	if (root->type == XML_TEXT_NODE) {
		t = ix_squash((const char *)root->content,
		              root->content ? strlen((const char *)root->content) : 0);
		if (max > 0 && strlen(t) > max) {
			free(t);
			return NULL;
		}
		return t;
	}
	n = root->children;
	while (n != NULL) {
		if (n->type == XML_TEXT_NODE && n->content) {
			ix_buf_adds(&b, (const char *)n->content);
			if (max > 0 && b.len >= check) {
				t = ix_squash(b.s, b.len);
				if (strlen(t) > max) {
					free(t);
					ix_buf_free(&b);
					return NULL;
				}
				free(t);
				check = b.len * 2;
			}
		} else if (n->type == XML_ELEMENT_NODE && is_block(n))
			ix_buf_addc(&b, ' ');
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n != root && n->type == XML_ELEMENT_NODE && is_block(n))
				ix_buf_addc(&b, ' ');
		}
		if (n == root)
			break;
		n = n->next;
	}
	t = ix_squash(b.s ? b.s : "", b.len);
	ix_buf_free(&b);
	if (max > 0 && strlen(t) > max) {
		free(t);
		return NULL;
	}
	return t;
}

char *
ix_node_text(xmlNodePtr root)
{
	return node_text(root, 0);
}

char *
ix_node_text_max(xmlNodePtr root, size_t max)
{
	return node_text(root, max);
}

/* ---- sentences ----------------------------------------------------------- */

/* Words after which a full stop does not end a sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "eg",
	"ie", "approx", "dept", "est", "fig", "inc", "ltd", "co", "jr", "sr",
	"supt", "insp", "sgt", "det", "ch", "cllr", "cmdr", "gov", "gen", "col",
	"capt", "lt", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec", "rev", "hon", "cf", "al",
	"pp", "para", "op", "vol", "ave", "rd", "ref", "tel", "dc", "ds", "pc",
	"di", "dci", "dsupt", "acc", "dcc", "mt", "ft", "u.s", "e.g", "i.e",
	"a.m", "p.m", NULL};

static int
is_abbrev(const char *text, size_t dot)
{
	size_t b = dot;
	char w[16];
	size_t k = 0;

	while (b > 0 && (isalpha((unsigned char)text[b - 1]) || text[b - 1] == '.'))
		b--;
	if (dot - b == 0 || dot - b >= sizeof(w))
		return 0;
	/* a single capital is an initial: "J. Smith" */
	if (dot - b == 1 && isupper((unsigned char)text[b]))
		return 1;
	for (size_t i = b; i < dot; i++)
		w[k++] = (char)tolower((unsigned char)text[i]);
	w[k] = '\0';
	for (size_t i = 0; abbrevs[i]; i++)
		if (!strcmp(w, abbrevs[i]))
			return 1;
	/* dotted capitals: "U.K." */
	if (strchr(w, '.') != NULL)
		return 1;
	return 0;
}

/* Can a sentence start at p? Capital, digit, quote, bracket, currency. */
static int
starts_sentence(const unsigned char *p, size_t n)
{
	if (n == 0)
		return 0;
	if (isupper(p[0]) || isdigit(p[0]) || p[0] == '"' || p[0] == '\'' ||
	    p[0] == '(' || p[0] == '[' || p[0] == '$')
		return 1;
	if (p[0] >= 0xC0) /* non-ASCII letters, curly quotes, £, € */
		return 1;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x98))
		return 1;
	return 0;
}

size_t
ix_sentences(const char *text, size_t len, ix_span **out)
{
	const unsigned char *t = (const unsigned char *)text;
	ix_span *v = NULL;
	size_t n = 0, cap = 0, start = 0;

	for (size_t i = 0; i < len; i++) {
		size_t end, next;

		if (t[i] != '.' && t[i] != '!' && t[i] != '?')
			continue;
		end = i + 1;
		while (end < len && (t[end] == '.' || t[end] == '!' || t[end] == '?'))
			end++;
		/* closing quotes and brackets belong to the sentence */
		for (;;) {
			if (end < len && (t[end] == '"' || t[end] == '\'' || t[end] == ')'))
				end++;
			else if (end + 2 < len && t[end] == 0xE2 && t[end + 1] == 0x80 &&
			         (t[end + 2] == 0x9D || t[end + 2] == 0x99))
				end += 3;
			else
				break;
		}
		if (end >= len || t[end] != ' ')
			continue;
		next = end + 1;
		if (!starts_sentence(t + next, len - next))
			continue;
		if (t[i] == '.' && is_abbrev(text, i))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = ix_xrealloc(v, cap * sizeof(*v));
		}
		v[n].start = start;
		v[n].len = end - start;
		n++;
		start = next;
		i = end;
	}
	if (start < len) {
		if (n == cap) {
			cap = cap ? cap + 1 : 1;
			v = ix_xrealloc(v, cap * sizeof(*v));
		}
		v[n].start = start;
		v[n].len = len - start;
		n++;
	}
	*out = v;
	return n;
}
