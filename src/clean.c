/*
 * Chrome stripping and main-content selection.
 *
 * The DOM is read once into a table of elements in document order, each
 * with its tag, the words of its class and id, and its own text counts;
 * a subtree is a range of the table, so sums over it are one backward
 * pass. Extraction strategies then only set marks on that table, and the
 * tree is changed once, at the end, for the strategy that won:
 *
 *  1. Readability's way: drop what is never content (scripts, hidden
 *     elements, consent managers, navigation) and what class names call
 *     chrome, drop small boxes whose wording gives them away (cookie
 *     notices, "Related news"), score paragraphs' ancestors by text and
 *     link density, keep the best with its related siblings and clean it.
 *  2. The same trusting class names less, for sites whose wrappers carry
 *     words like "widget" or "sidebar".
 *  3. The page's prose blocks outside consent, navigation, header, footer,
 *     aside and forms.
 *  4. The JSON-LD articleBody, when the page carries one and the DOM gave
 *     much less.
 * A negative word lowers a score; it never removes a subtree that holds
 * most of the page's prose. Vocabularies and wordings are rules
 * (src/rules/chrome.rules), not code.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Marks on an element; the D_* ones are what a strategy may drop. */
enum {
	F_NEVER = 1u << 0,    /* scripts, controls, media */
	F_HIDDEN = 1u << 1,   /* hidden attribute or style */
	F_STRUCT = 1u << 2,   /* nav, aside, footer, menu, ARIA roles */
	F_HEADER = 1u << 3,   /* <header> */
	F_CONSENT = 1u << 4,  /* consent-attr words */
	F_CHROME = 1u << 5,   /* chrome-attr words */
	F_UNLIKELY = 1u << 6, /* unlikely-attr and not maybe-attr words */
	F_HOLDS = 1u << 7,    /* is or holds main, article or the h1 */
	F_INLINK = 1u << 8,   /* inside an <a> */
	F_BODYPROP = 1u << 9, /* itemprop=articleBody */
	F_FIELD = 1u << 10,   /* a text field to type into */
	F_WORDING = 1u << 11, /* chrome by its wording */
	F_DROP = 1u << 12,    /* dropped by the current strategy */
	F_LEAF = 1u << 13,    /* a block with no block below */
	F_MAINTAG = 1u << 14, /* <main>, <article>, role=main */
	F_BUTTON = 1u << 15,  /* <button>: libxml2 may put a page in one */
	F_PROTECT = 1u << 16, /* holds most of the page's prose */
	F_HIDATTR = 1u << 17, /* the hidden attribute (not a style) */
	F_CAPTION = 1u << 18, /* figcaption */
	F_HOLDSMAIN = 1u << 19, /* is or holds main or article */
	F_INTABLE = 1u << 20, /* inside a table or code: names there are cells' */
	F_FIGTOOL = 1u << 21, /* inside a figure, outside its caption */
};

typedef struct {
	xmlNodePtr n;
	int parent;   /* index, -1 for the root */
	int end;      /* one past the last descendant */
	int tag;
	unsigned flags;
	int weight;   /* class and id words */
	/* from the element's own text children */
	uint32_t own_text, own_link, own_commas;
	/* sums over the kept subtree */
	uint32_t text, link, commas;
	uint32_t n_p, n_img, n_li, n_input, n_block, n_embed;
	uint32_t prose;
	/* text outside its block children: a run of inline text and <br>s
	 * beside a figure box is a paragraph too, as Readability makes it */
	uint32_t inl_text, inl_link, inl_commas;
	/* the full subtree, before any strategy dropped anything */
	uint32_t all_text, all_link, all_prose, all_input;
	double score;
	int cand;
	unsigned char wording; /* W_* once read */
} cnode;

enum { W_DONE = 1, W_HEADING = 2, W_DATE = 4, W_TEXT = 8 };

typedef struct {
	const inspex_rules *rs;
	ix_strs *warn;
	cnode *v;
	int n, cap;
	int body;
	uint64_t w_consent, w_chrome, w_unlikely, w_maybe, w_pos, w_neg;
	int neg_weight[64];
	uint32_t page_prose;
} cleaner;

/* ---- building the table ------------------------------------------------ */

static int
push(cleaner *c, xmlNodePtr n, int parent)
{
	cnode *k;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->v = ix_xrealloc(c->v, (size_t)c->cap * sizeof(*c->v));
	}
	k = &c->v[c->n];
	memset(k, 0, sizeof(*k));
	k->n = n;
	k->parent = parent;
	k->tag = ix_tag(n);
	n->_private = (void *)(intptr_t)(c->n + 1);
	return c->n++;
}

static int
hidden_style(const char *v)
{
	char b[256];
	size_t k = 0;

	for (; *v && k + 1 < sizeof(b); v++) /* drop blanks: "display : none" */
		if (!isspace((unsigned char)*v))
			b[k++] = (char)tolower((unsigned char)*v);
	b[k] = '\0';
	return strstr(b, "display:none") != NULL ||
	       strstr(b, "visibility:hidden") != NULL;
}

/* Look a part sequence up: "a", "a-b", ... and mark what it names. */
static uint64_t
words_of(const inspex_rules *rs, const char *v)
{
	char part[16][48];
	size_t plen[16];
	int np = 0;
	uint64_t m = 0;
	const char *p = v;

	if (rs->nwslots == 0 && rs->nsubwords == 0)
		return 0;
	while (*p) {
		const char *item;
		size_t il;
		char whole[130];

		while (*p && isspace((unsigned char)*p))
			p++;
		item = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		il = (size_t)(p - item);
		if (il == 0 || il + 2 > sizeof(whole))
			continue;
		whole[0] = '=';
		for (size_t i = 0; i < il; i++)
			whole[i + 1] = item[i] == '_' ? '-' : (char)tolower((unsigned char)item[i]);
		m |= ix_words_lookup(rs, whole, il + 1);
		m |= ix_words_lookup(rs, whole + 1, il);
		if (rs->nsubwords > 0) {
			whole[il + 1] = '\0';
			m |= ix_words_inside(rs, whole + 1);
		}
		/* split into parts: separators and lower-to-upper changes */
		np = 0;
		for (size_t i = 0; i < il && np < 16;) {
			size_t k = 0;

			while (i < il && !isalnum((unsigned char)item[i]))
				i++;
			while (i < il && isalnum((unsigned char)item[i]) && k < 47) {
				if (k > 0 && isupper((unsigned char)item[i]) &&
				    islower((unsigned char)item[i - 1]))
					break;
				part[np][k++] = (char)tolower((unsigned char)item[i++]);
			}
			while (i < il && isalnum((unsigned char)item[i]) && k == 47)
				i++;
			if (k > 0)
				plen[np++] = k;
		}
		for (int a = 0; a < np; a++) {
			char seq[200];
			size_t sl = 0;

			for (int b = a; b < np && b < a + 4; b++) {
				if (b > a)
					seq[sl++] = '-';
				memcpy(seq + sl, part[b], plen[b]);
				sl += plen[b];
				if (b > a || np > 1)
					m |= ix_words_lookup(rs, seq, sl);
			}
		}
	}
	return m;
}

static void
read_attrs(cleaner *c, cnode *k)
{
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary", "search",
		"dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
		"alert", NULL};
	uint64_t cls = 0, id = 0, other = 0;

	for (xmlAttrPtr a = k->n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name, *v;

		if (name == NULL)
			continue;
		v = a->children && a->children->type == XML_TEXT_NODE &&
		            a->children->content
		        ? (const char *)a->children->content
		        : "";
		switch (name[0] | 0x20) {
		case 'a':
			if (!strcasecmp(name, "aria-hidden") && !strcasecmp(v, "true"))
				k->flags |= F_HIDDEN;
			break;
		case 'c':
			if (!strcasecmp(name, "class"))
				cls = words_of(c->rs, v);
			break;
		case 'd':
			if (!strcasecmp(name, "data-module") ||
			    !strcasecmp(name, "data-component"))
				other |= words_of(c->rs, v);
			break;
		case 'h':
			if (!strcasecmp(name, "hidden"))
				k->flags |= F_HIDATTR;
			break;
		case 'i':
			if (!strcasecmp(name, "id"))
				id = words_of(c->rs, v);
			else if (!strcasecmp(name, "itemprop") &&
			         strcasestr(v, "articlebody") != NULL)
				k->flags |= F_BODYPROP;
			break;
		case 'r':
			if (!strcasecmp(name, "role")) {
				for (size_t i = 0; roles[i]; i++)
					if (!strcasecmp(v, roles[i]))
						k->flags |= F_STRUCT;
				if (!strcasecmp(v, "main") || !strcasecmp(v, "article"))
					k->flags |= F_MAINTAG;
			}
			break;
		case 's':
			if (!strcasecmp(name, "style") && hidden_style(v))
				k->flags |= F_HIDDEN;
			break;
		case 't':
			if (!strcasecmp(name, "type") && k->tag == IX_T_INPUT) {
				if (!strcasecmp(v, "hidden"))
					k->flags |= F_HIDDEN;
				else if (!strcasecmp(v, "text") || !strcasecmp(v, "search") ||
				         !strcasecmp(v, "email"))
					k->flags |= F_FIELD;
			}
			break;
		}
	}
	if (k->tag == IX_T_INPUT && ix_attr_get(k->n, "type") == NULL)
		k->flags |= F_FIELD;
	{
		uint64_t all = cls | id | other;

		if (all & c->w_consent)
			k->flags |= F_CONSENT;
		if (all & c->w_chrome)
			k->flags |= F_CHROME;
		if ((all & c->w_unlikely) && !(all & c->w_maybe))
			k->flags |= F_UNLIKELY;
		/* as Readability: class and id weigh separately */
		for (int pass = 0; pass < 2; pass++) {
			uint64_t m = pass ? id : cls;

			if (m & c->w_pos)
				k->weight += 25;
			if (m & c->w_neg) {
				int w = 0;

				for (int b = 0; b < 64; b++)
					if ((m & c->w_neg & (1ull << b)) && c->neg_weight[b] < w)
						w = c->neg_weight[b];
				k->weight += w;
			}
		}
	}
}

static void
count_text(cnode *k, const xmlChar *s, int in_link)
{
	uint32_t t = 0, commas = 0;

	for (; *s; s++) {
		if (*s == ',')
			commas++;
		else if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C)
			commas++; /* full-width comma */
		if (*s > ' ')
			t++;
	}
	k->own_text += t;
	k->own_commas += commas;
	if (in_link)
		k->own_link += t;
}

/* Is the element at index i, or one of its two parents, a quote? */
static int
in_quote(const cleaner *c, int i)
{
	for (int up = 0; i >= 0 && up < 3; up++, i = c->v[i].parent)
		if (c->v[i].tag == IX_T_BLOCKQUOTE || c->v[i].tag == IX_T_FIGURE)
			return 1;
	return 0;
}

/* One walk: the table in document order with each element's own counts. */
static void
build(cleaner *c, xmlNodePtr root)
{
	xmlNodePtr n = root;
	int cur = -1;

	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			int i = push(c, n, cur);
			cnode *k = &c->v[i];
			unsigned props = ix_tag_props(k->tag);

			if (cur >= 0 && (c->v[cur].flags & F_INLINK))
				k->flags |= F_INLINK;
			if (k->tag == IX_T_A)
				k->flags |= F_INLINK;
			if (cur >= 0 && (c->v[cur].flags & F_INTABLE))
				k->flags |= F_INTABLE;
			if ((k->tag == IX_T_FIGURE ||
			     (cur >= 0 && (c->v[cur].flags & F_FIGTOOL))) &&
			    k->tag != IX_T_FIGCAPTION)
				k->flags |= F_FIGTOOL;
			if (k->tag == IX_T_TABLE || k->tag == IX_T_CODE ||
			    k->tag == IX_T_PRE)
				k->flags |= F_INTABLE;
			if (props & IX_TP_NEVER)
				k->flags |= F_NEVER;
			if (k->tag == IX_T_BUTTON)
				k->flags |= F_BUTTON;
			/* a quote's footer is its attribution, not the site's */
			if (((props & IX_TP_STRUCT) || k->tag == IX_T_HEADER) &&
			    !in_quote(c, cur))
				k->flags |= k->tag == IX_T_HEADER ? F_HEADER : F_STRUCT;
			if (k->tag == IX_T_MAIN || k->tag == IX_T_ARTICLE)
				k->flags |= F_MAINTAG;
			if (k->tag == IX_T_TEXTAREA)
				k->flags |= F_FIELD;
			/* a photo's caption is not the story: its figures and
			 * names are not the article's facts */
			if (k->tag == IX_T_FIGCAPTION)
				k->flags |= F_CAPTION;
			if (k->tag == IX_T_BODY && c->body < 0)
				c->body = i;
			read_attrs(c, k);
			descend = n->children != NULL;
			if (descend)
				cur = i;
		} else if ((n->type == XML_TEXT_NODE ||
		            n->type == XML_CDATA_SECTION_NODE) &&
		           n->content != NULL && cur >= 0) {
			count_text(&c->v[cur], n->content,
			           (c->v[cur].flags & F_INLINK) != 0);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE && cur >= 0 &&
			    c->v[cur].n == n) {
				c->v[cur].end = c->n;
				cur = c->v[cur].parent;
			}
		}
		if (n == root)
			break;
		n = n->next;
	}
	while (cur >= 0) {
		c->v[cur].end = c->n;
		cur = c->v[cur].parent;
	}
	for (int i = 0; i < c->n; i++)
		if (c->v[i].end == 0)
			c->v[i].end = i + 1;
}

/* A block that holds blocks and, beside them, a paragraph's worth of its
 * own inline text. */
static int
inline_para(const cnode *k)
{
	return k->n_block > 0 && k->inl_text >= 200 &&
	       k->inl_link * 2 < k->inl_text && !(k->flags & (F_NEVER | F_INLINK));
}

/*
 * A picture's own links ("share on Pinterest", "download the graphic")
 * are its tools: neither the story nor links that make the box around it
 * a menu. An embed (a post, a video) shows no picture: its links stay.
 */
static void
drop_figure_tools(cleaner *c)
{
	for (int i = 0; i < c->n; i++) {
		int img = 0;

		if (c->v[i].tag != IX_T_FIGURE)
			continue;
		for (int j = i + 1; j < c->v[i].end && !img; j++)
			img = c->v[j].tag == IX_T_IMG;
		if (!img)
			continue;
		for (int j = i + 1; j < c->v[i].end; j++) {
			cnode *k = &c->v[j];

			if ((k->flags & (F_INLINK | F_FIGTOOL)) ==
			    (F_INLINK | F_FIGTOOL)) {
				k->own_text -= k->own_link;
				k->own_link = 0;
			}
		}
		i = c->v[i].end - 1;
	}
}

/* Sums over every subtree, leaving out what is marked F_DROP. */
static void
sum_up(cleaner *c)
{
	for (int i = 0; i < c->n; i++) {
		cnode *k = &c->v[i];
		unsigned props = ix_tag_props(k->tag);

		k->text = k->own_text;
		k->link = k->own_link;
		k->commas = k->own_commas;
		k->n_p = k->tag == IX_T_P;
		k->n_img = k->tag == IX_T_IMG;
		k->n_li = k->tag == IX_T_LI;
		k->n_input = (k->flags & F_FIELD) != 0;
		k->n_embed = k->tag == IX_T_IFRAME || k->tag == IX_T_OBJECT ||
		             k->tag == IX_T_EMBED || k->tag == IX_T_VIDEO;
		k->n_block = 0;
		k->prose = 0;
		k->inl_text = k->own_text;
		k->inl_link = k->own_link;
		k->inl_commas = k->own_commas;
		(void)props;
	}
	for (int i = c->n - 1; i >= 0; i--) {
		cnode *k = &c->v[i], *p;

		if (k->flags & F_DROP)
			continue;
		/* a block that holds no block is a leaf: a paragraph of prose */
		if ((ix_tag_props(k->tag) & IX_TP_BLOCK) && k->tag != IX_T_BR) {
			if (k->n_block == 0) {
				k->flags |= F_LEAF;
				if (k->text >= 25 && k->link * 2 < k->text &&
				    !(k->flags & (F_NEVER | F_INLINK)))
					k->prose = k->text - k->link;
			} else {
				k->flags &= ~F_LEAF;
				if (inline_para(k))
					k->prose += k->inl_text - k->inl_link;
			}
		}
		if (k->parent < 0)
			continue;
		p = &c->v[k->parent];
		if (!((ix_tag_props(k->tag) & IX_TP_BLOCK) && k->tag != IX_T_BR) &&
		    !(k->flags & F_NEVER) && !(ix_tag_props(k->tag) & IX_TP_NEVER)) {
			p->inl_text += k->inl_text;
			p->inl_link += k->inl_link;
			p->inl_commas += k->inl_commas;
		}
		p->text += k->text;
		p->link += k->link;
		p->commas += k->commas;
		p->n_p += k->n_p;
		p->n_img += k->n_img;
		p->n_li += k->n_li;
		p->n_input += k->n_input;
		p->n_embed += k->n_embed;
		p->prose += k->prose;
		/* an empty box (an icon, a spacer) does not split a paragraph */
		p->n_block += k->n_block +
		              ((ix_tag_props(k->tag) & IX_TP_BLOCK) &&
		               k->tag != IX_T_BR && k->text > 0);
	}
}

/* ---- strategies: marks ------------------------------------------------- */

enum { S_STRICT, S_LENIENT, S_PROSE };

static int
protected(const cleaner *c, const cnode *k)
{
	return (k->flags & F_PROTECT) ||
	       (c->page_prose > 0 && k->all_prose * 2 > c->page_prose);
}

/* A class name can lie ("widget", "sidebar-fixed" on a blog's post):
 * a box holding a long text that is not a list of links is kept. */
static int
is_story(const cnode *k)
{
	return k->all_text >= 1000 && (double)k->link < 0.35 * (double)k->all_text;
}

/* A caption that tells something ("Crews at the training ground.") stays;
 * a credit or a label ("Photo: J. Smith / Getty") goes. */
static int
is_sentence_caption(const cnode *k)
{
	char *t;
	size_t n;
	int r;

	if (k->all_text < 25)
		return 0;
	t = ix_node_text(k->n);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == ')'))
		n--;
	r = n > 0 && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
	free(t);
	return r;
}

static int
is_heading_tag(int tag)
{
	return (ix_tag_props(tag) & IX_TP_HEADING) != 0;
}

/* A <header> inside the story (a section's heading, an accordion's
 * title, a box of paragraphs) is not the site's: it has few links and
 * holds a heading below h1 or prose. */
static int
content_header(const cleaner *c, const cnode *k)
{
	int i = (int)(k - c->v);

	if (k->all_text == 0 || k->all_link * 4 >= k->all_text)
		return 0;
	if (k->all_prose >= 200)
		return 1;
	if (k->all_text >= 200)
		return 0;
	for (int j = i + 1; j < k->end; j++)
		if (is_heading_tag(c->v[j].tag) && c->v[j].tag != IX_T_H1)
			return 1;
	return 0;
}

static int
drops(const cleaner *c, const cnode *k, int strategy)
{
	unsigned f = k->flags;

	/* a page the parser put in a <button>, or a site that wraps itself
	 * in <noscript>, stays */
	if ((f & F_BUTTON) || k->tag == IX_T_NOSCRIPT)
		return !protected(c, k);
	if (f & F_NEVER)
		return 1;
	if (k->tag == IX_T_BODY || k->tag == IX_T_HTML)
		return 0;
	/* a script moves a hidden box that holds the whole story into view
	 * (Next.js streaming); a hidden style is just hidden */
	if (f & F_HIDDEN)
		return 1;
	if ((f & F_CAPTION) && !is_sentence_caption(k))
		return 1;
	if (f & F_HIDATTR)
		return !protected(c, k);
	/* trusting class names is the first strategy's bet; the others
	 * never drop what holds most of the page's prose */
	if (strategy != S_STRICT && protected(c, k))
		return 0;
	if (f & F_CONSENT) /* a dialog may have its own h1 */
		return !(f & F_HOLDSMAIN);
	if (f & F_STRUCT)
		return !(f & F_HOLDS);
	if (f & F_HEADER)
		return !(f & F_HOLDS) && !content_header(c, k);
	if (strategy == S_PROSE)
		return k->tag == IX_T_FORM && k->n_input > 0;
	if (strategy == S_LENIENT || (f & (F_HOLDS | F_BODYPROP)))
		return 0;
	/* as Readability: not links, not inside tables or code */
	if (k->tag == IX_T_A || (k->parent >= 0 &&
	                         (c->v[k->parent].flags & F_INTABLE)))
		return 0;
	if (f & F_UNLIKELY)
		return 1;
	if ((f & F_CHROME) && !is_story(k))
		return 1;
	return 0;
}

static void
clear_marks(cleaner *c)
{
	for (int i = 0; i < c->n; i++) {
		c->v[i].flags &= ~(F_DROP | F_WORDING);
		c->v[i].score = 0;
		c->v[i].cand = 0;
	}
}

static void
mark_structure(cleaner *c, int strategy)
{
	for (int i = 0; i < c->n;) {
		if (drops(c, &c->v[i], strategy)) {
			for (int j = i; j < c->v[i].end; j++)
				c->v[j].flags |= F_DROP;
			i = c->v[i].end;
			continue;
		}
		i++;
	}
}

static void
drop_subtree(cleaner *c, int i, unsigned why)
{
	for (int j = i; j < c->v[i].end; j++)
		c->v[j].flags |= F_DROP | why;
}

static int
rules_hit(const cleaner *c, const char *kind, const char *s)
{
	ix_match m;

	if (*s == '\0')
		return 0;
	return ix_rules_first(c->rs, kind, s, strlen(s), &m, c->warn) != NULL;
}

/* Does child i open box p? A post's text before a closing "Related posts"
 * heading does not go with the related links. */
static int
opens_box(const cleaner *c, int p, int i)
{
	uint32_t text = 0;

	for (int s = p + 1; s < i; s = c->v[s].end)
		if (!(c->v[s].flags & F_DROP))
			text += c->v[s].text - c->v[s].link;
	return text < 50;
}

/* Remove a chrome heading ("Related news") with the section it opens. */
static void
drop_section(cleaner *c, int h)
{
	int box = h, p;

	/* climb through wrappers that hold only the heading */
	while ((p = c->v[box].parent) >= 0 && p != c->body &&
	       !(c->v[p].flags & (F_HOLDS | F_PROTECT)) &&
	       c->v[p].text == c->v[box].text)
		box = p;
	p = c->v[box].parent;
	if (p >= 0 && p != c->body && opens_box(c, p, box) &&
	    !(c->v[p].flags & (F_HOLDS | F_PROTECT)) &&
	    !protected(c, &c->v[p]) && c->v[p].text > 0 &&
	    (double)c->v[p].link / c->v[p].text > 0.3) {
		drop_subtree(c, p, F_WORDING);
		return;
	}
	drop_subtree(c, box, F_WORDING);
	/* and the siblings after it, up to the next heading */
	for (int s = c->v[box].end; p >= 0 && s < c->v[p].end; s = c->v[s].end) {
		if (is_heading_tag(c->v[s].tag) ||
		    (c->v[s].flags & (F_HOLDS | F_PROTECT)) || protected(c, &c->v[s]))
			break;
		drop_subtree(c, s, F_WORDING);
	}
}

/* A paragraph that is all one <strong>: a heading in disguise. */
static int
bold_line(const cleaner *c, int i)
{
	const cnode *k = &c->v[i];

	if (!(k->flags & F_LEAF) || k->own_text > 0 || k->end != i + 2)
		return 0;
	return c->v[i + 1].tag == IX_T_STRONG || c->v[i + 1].tag == IX_T_B;
}

/* Small boxes whose wording gives them away: each leaf block (and each
 * inline box straight under a container) is read once. */
static void
mark_wording(cleaner *c)
{
	for (int i = 0; i < c->n;) {
		cnode *k = &c->v[i];
		int leaf, inl, t = k->tag;
		char *s;

		if (k->flags & F_DROP) {
			i = k->end;
			continue;
		}
		leaf = (k->flags & F_LEAF) && t != IX_T_BODY;
		inl = (t == IX_T_STRONG || t == IX_T_B || t == IX_T_SPAN ||
		       t == IX_T_LABEL || t == IX_T_SMALL || t == IX_T_A) &&
		      k->parent >= 0 && !(c->v[k->parent].flags & F_LEAF);
		if ((!leaf && !inl) || k->text == 0 || k->text >= 700) {
			i++;
			continue;
		}
		/* what the wording says does not change between strategies:
		 * read it once */
		if (!(k->wording & W_DONE)) {
			s = ix_node_text(k->n);
			k->wording = W_DONE;
			if (k->text < 80 && rules_hit(c, "chrome-heading", s))
				k->wording |= W_HEADING;
			if (k->text < 60 && (rules_hit(c, "date-line", s) ||
			                     rules_hit(c, "chrome-date", s)))
				k->wording |= W_DATE;
			if (k->text < 500 && rules_hit(c, "chrome-text", s))
				k->wording |= W_TEXT;
			free(s);
		}
		if (k->text < 80 && (k->wording & W_HEADING) &&
		    (is_heading_tag(t) || t == IX_T_STRONG || t == IX_T_B ||
		     bold_line(c, i))) {
			drop_section(c, i);
		} else if (k->text < 60 && (k->wording & W_DATE)) {
			/* a date line was read as metadata; it is not the story */
			drop_subtree(c, i, F_WORDING);
		} else if (k->text < 500 && (k->wording & W_TEXT)) {
			int box = i, p;

			/* grow to the banner around the sentence */
			while ((p = c->v[box].parent) >= 0 && p != c->body &&
			       !(c->v[p].flags & (F_HOLDS | F_PROTECT)) &&
			       c->v[p].text < (k->text < 200 ? 600 : 3 * k->text))
				box = p;
			drop_subtree(c, box, F_WORDING);
		}
		i = k->end;
	}
}

/* ---- strategy 1 and 2: scoring ------------------------------------------ */

static double
init_score(const cnode *k)
{
	double s = 0;

	switch (k->tag) {
	case IX_T_DIV:
		s = 5;
		break;
	case IX_T_PRE:
	case IX_T_TD:
	case IX_T_BLOCKQUOTE:
		s = 3;
		break;
	case IX_T_ADDRESS:
	case IX_T_OL:
	case IX_T_UL:
	case IX_T_DL:
	case IX_T_DD:
	case IX_T_DT:
	case IX_T_LI:
	case IX_T_FORM:
		s = -3;
		break;
	case IX_T_H1:
	case IX_T_H2:
	case IX_T_H3:
	case IX_T_H4:
	case IX_T_H5:
	case IX_T_H6:
	case IX_T_TH:
		s = -5;
		break;
	}
	if (k->flags & F_MAINTAG)
		s += 10; /* the page says where its content is */
	if (k->flags & F_BODYPROP)
		s += 25;
	return s + k->weight;
}

static int
is_ancestor(const cleaner *c, int a, int n)
{
	return a <= n && n < c->v[a].end;
}

/*
 * A story split across boxes (a figure box, then the rest) gives several
 * candidates that score nearly alike. As Readability does: when three or
 * more score within 75% of the best, their shared ancestor is the story.
 */
static const char *node_class(xmlNodePtr n);

static int
common_top(cleaner *c, int top, double best)
{
	int alt[5], nalt = 0;

	for (int i = 0; i < c->n && nalt < 5; i++)
		if (c->v[i].cand && i != top && best > 0 &&
		    c->v[i].score / best >= 0.75 && !is_ancestor(c, i, top) &&
		    !is_ancestor(c, top, i))
			alt[nalt++] = i;
	if (nalt < 3)
		return top;
	for (int p = c->v[top].parent; p >= 0 && p != c->body; p = c->v[p].parent) {
		int holding = 0;

		for (int i = 0; i < nalt; i++)
			holding += is_ancestor(c, p, alt[i]);
		if (holding >= 3)
			return p;
	}
	return top;
}

static int
pick_top(cleaner *c)
{
	int top = -1;
	double best = -1e9;

	for (int i = 0; i < c->n;) {
		cnode *k = &c->v[i];
		int para;

		if (k->flags & F_DROP) {
			i = k->end;
			continue;
		}
		/* a cell or a section that holds paragraphs is scored by them */
		para = ((ix_tag_props(k->tag) & IX_TP_PARA) &&
		        !((k->tag == IX_T_TD || k->tag == IX_T_SECTION ||
		           k->tag == IX_T_LI) && k->n_block > 0)) ||
		       (k->tag == IX_T_DIV && k->n_block == 0);
		if ((para && k->text >= 25) ||
		    (k->tag == IX_T_DIV && inline_para(k))) {
			double s = para ? 1 + k->commas + fmin(floor(k->text / 85.0), 3)
			                : 1 + k->inl_commas +
			                      fmin(floor(k->inl_text / 85.0), 3);
			int a = para ? k->parent : i;

			for (int lvl = 0; a >= 0 && lvl < 5; lvl++, a = c->v[a].parent) {
				cnode *q = &c->v[a];

				if (!q->cand) {
					q->cand = 1;
					q->score = init_score(q);
				}
				q->score += s / (lvl == 0 ? 1 : lvl == 1 ? 2 : lvl * 3);
				if (a == c->body)
					break;
			}
			i = k->end;
			continue;
		}
		i++;
	}
	for (int i = 0; i < c->n; i++) {
		cnode *k = &c->v[i];

		if (!k->cand)
			continue;
		k->score *= 1 - (k->text ? (double)k->link / k->text : 0);
		if (k->score > best && k->tag != IX_T_HTML) {
			best = k->score;
			top = i;
		}
	}
	if (top < 0)
		return -1;
#ifdef INSPEX_DEBUG
	if (getenv("INSPEX_DEBUG_CANDS"))
		for (int i = 0; i < c->n; i++)
			if (c->v[i].cand)
				fprintf(stderr, "cand %d <%s class=%s> %.1f text %u end %d parent %d\n", i,
				        (const char *)c->v[i].n->name,
				        node_class(c->v[i].n) ? node_class(c->v[i].n) : "",
				        c->v[i].score, c->v[i].text, c->v[i].end, c->v[i].parent);
#endif
	top = common_top(c, top, best);
	/* an ancestor that scores better than top holds more of the story */
	{
		int p = c->v[top].parent;
		double last = best, threshold = best / 3;

		while (p >= 0 && p != c->body) {
			if (!c->v[p].cand) {
				p = c->v[p].parent;
				continue;
			}
			if (c->v[p].score < threshold)
				break;
			if (c->v[p].score > last) {
				top = p;
				break;
			}
			last = c->v[p].score;
			p = c->v[p].parent;
		}
		while ((p = c->v[top].parent) >= 0 && p != c->body &&
		       xmlChildElementCount(c->v[p].n) == 1)
			top = p;
		/* a story in sections (one box per heading) scores each box
		 * alone: a parent whose added text is prose, not links, holds
		 * the rest of it */
		for (int t0 = top, q = c->v[top].parent; q >= 0 && q != c->body;
		     q = c->v[q].parent) {
			const cnode *t = &c->v[t0], *a = &c->v[q];
			uint32_t more = a->text - t->text, links = a->link - t->link;

			if (links * 4 > more)
				break;
			if (a->prose * 10 >= t->prose * 13 &&
			    (a->prose - t->prose) * 10 >= more * 6)
				top = q;
		}
	}
	return top;
}

/* ---- selection ------------------------------------------------------------ */

typedef struct {
	int *v;
	int n, cap;
	uint32_t len; /* kept text, links excluded */
	int fields;   /* text fields in it before the clean-up */
	const char *how;
} selection;

static void
sel_add(selection *s, int i)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = ix_xrealloc(s->v, (size_t)s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = i;
}

static const char *
node_class(xmlNodePtr n)
{
	return ix_attr_get(n, "class");
}

static int
ends_sentence(xmlNodePtr n)
{
	char *t = ix_node_text(n);
	size_t tl = strlen(t);
	int r = tl && (t[tl - 1] == '.' || strstr(t, ". ") != NULL);

	free(t);
	return r;
}

/* The top candidate and the siblings that belong with it. */
static void
select_top(cleaner *c, int top, selection *s)
{
	cnode *tk = &c->v[top];
	double thresh = fmax(10, tk->score * 0.2);
	const char *tcls = node_class(tk->n);
	int p = tk->parent;

	if (p < 0) {
		sel_add(s, top);
		return;
	}
	for (int i = p + 1; i < c->v[p].end; i = c->v[i].end) {
		cnode *k = &c->v[i];
		int append = i == top;

		if (!append && !(k->flags & F_DROP)) {
			const char *scls = node_class(k->n);
			double bonus = 0;

			if (tcls && *tcls && scls && !strcmp(tcls, scls))
				bonus = tk->score * 0.2;
			if (k->cand && k->score + bonus >= thresh)
				append = 1;
			else if (k->tag == IX_T_P) {
				double ld = k->text ? (double)k->link / k->text : 0;

				if (k->text > 80 && ld < 0.25)
					append = 1;
				else if (k->text > 0 && k->text <= 80 && k->link == 0 &&
				         ends_sentence(k->n))
					append = 1;
			}
		}
		if (append)
			sel_add(s, i);
	}
}

/*
 * Readability's conditional clean-up of lists, tables and boxes: a box
 * with few commas goes when its links, images or form fields outweigh its
 * paragraphs, or when its class names it as chrome. Never the box that
 * holds most of what was selected.
 */
static void
clean_conditionally(cleaner *c, const selection *s)
{
	uint32_t total = 0;

	for (int j = 0; j < s->n; j++)
		total += c->v[s->v[j]].text - c->v[s->v[j]].link;
	for (int j = 0; j < s->n; j++) {
		int r = s->v[j];

		for (int i = c->v[r].end - 1; i >= r; i--) {
			cnode *k = &c->v[i];
			int list = k->tag == IX_T_UL || k->tag == IX_T_OL, drop = 0;
			double ld;

			if ((k->flags & F_DROP) ||
			    !(k->tag == IX_T_DIV || k->tag == IX_T_SECTION || list ||
			      k->tag == IX_T_TABLE || k->tag == IX_T_FORM ||
			      k->tag == IX_T_DL))
				continue;
			if ((k->text - k->link) * 2 > total || (k->flags & F_BODYPROP))
				continue;
			ld = k->text ? (double)k->link / k->text : 0;
			if (k->weight < 0 && (k->weight <= -25 || ld > 0.2 ||
			                      k->text < 200)) {
				drop = 1;
			} else if (k->commas < 10) {
				uint32_t p = k->n_p, img = k->n_img, li = k->n_li,
				         in = k->n_input;

				drop = (img > 1 && p * 2 < img) ||
				       (!list && li > p + 100) || (in * 3 > p && in > 0) ||
				       (!list && k->weight < 25 && ld > 0.2) ||
				       (k->weight >= 25 && ld > 0.5);
			}
			if (drop) {
				/* the ancestors no longer hold it */
				for (int a = k->parent; a >= 0 && a >= r; a = c->v[a].parent) {
					c->v[a].text -= k->text;
					c->v[a].link -= k->link;
					c->v[a].commas -= k->commas;
					c->v[a].n_p -= k->n_p;
					c->v[a].n_img -= k->n_img;
					c->v[a].n_li -= k->n_li;
					c->v[a].n_input -= k->n_input;
				}
				drop_subtree(c, i, 0);
			}
		}
	}
}

static uint32_t
sel_len(const cleaner *c, const selection *s)
{
	uint32_t n = 0;

	for (int j = 0; j < s->n; j++) {
		const cnode *k = &c->v[s->v[j]];

		if (!(k->flags & F_DROP))
			n += k->text - k->link;
	}
	return n;
}

/* Fields to type into in what was selected: a search page, a login wall. */
static int
sel_fields(const cleaner *c, const selection *s)
{
	int n = 0;

	for (int j = 0; j < s->n; j++) {
		const cnode *k = &c->v[s->v[j]];

		if (!(k->flags & F_DROP))
			n += (int)k->all_input;
	}
	return n;
}

/* Mostly links: a menu or a list of teasers, not an article. */
static int
sel_link_heavy(const cleaner *c, const selection *s)
{
	uint32_t text = 0, link = 0;

	for (int j = 0; j < s->n; j++) {
		const cnode *k = &c->v[s->v[j]];

		if (!(k->flags & F_DROP))
			text += k->text, link += k->link;
	}
	return text == 0 || link * 10 > text * 6;
}

/* Strategy 3: every leaf of prose that survived the structural marks,
 * with the headings and lists between them. */
static void
select_prose(cleaner *c, selection *s)
{
	for (int i = 0; i < c->n;) {
		cnode *k = &c->v[i];

		if (k->flags & F_DROP) {
			i = k->end;
			continue;
		}
		if (k->flags & F_LEAF) {
			if (k->prose > 0 ||
			    (is_heading_tag(k->tag) && k->text > 0 && k->link == 0))
				sel_add(s, i);
			i = k->end;
			continue;
		}
		i++;
	}
	/* headings alone at the edges are not prose */
	while (s->n > 0 && is_heading_tag(c->v[s->v[s->n - 1]].tag))
		s->n--;
}

static void
run_strategy(cleaner *c, int strategy, selection *s)
{
	int top;

	clear_marks(c);
	mark_structure(c, strategy);
	sum_up(c);
	mark_wording(c);
	sum_up(c);
	if (strategy == S_PROSE) {
		select_prose(c, s);
		s->len = sel_len(c, s);
		return;
	}
	top = pick_top(c);
	if (top < 0 || top == c->body || c->v[top].tag == IX_T_HTML) {
		/* no candidate: everything left is the article */
		if (c->body >= 0)
			for (int i = c->body + 1; i < c->v[c->body].end; i = c->v[i].end)
				if (!(c->v[i].flags & F_DROP))
					sel_add(s, i);
	} else {
#ifdef INSPEX_DEBUG
		if (getenv("INSPEX_DEBUG_CLEAN"))
			fprintf(stderr, "clean: strategy %d top <%s class=%s> score %.1f\n",
			        strategy, (const char *)c->v[top].n->name,
			        node_class(c->v[top].n) ? node_class(c->v[top].n) : "",
			        c->v[top].score);
#endif
		select_top(c, top, s);
	}
	s->fields = sel_fields(c, s);
	clean_conditionally(c, s);
	s->len = sel_len(c, s);
}

/* ---- the tree, changed once ------------------------------------------------ */

/* Move the selected subtrees into a new <div> at the end of the root and
 * free what was dropped inside them. */
static xmlNodePtr
build_article(cleaner *c, htmlDocPtr doc, const selection *s)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr art = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlNodePtr *dead = NULL;
	size_t ndead = 0;

	for (int j = 0; j < s->n; j++) {
		int r = s->v[j];

		if (c->v[r].flags & F_DROP)
			continue;
		for (int i = r + 1; i < c->v[r].end;) {
			if (c->v[i].flags & F_DROP) {
				dead = ix_xrealloc(dead, (ndead + 1) * sizeof(*dead));
				dead[ndead++] = c->v[i].n;
				i = c->v[i].end;
				continue;
			}
			i++;
		}
	}
	/* scratch pointers off before the tree changes */
	for (int i = 0; i < c->n; i++)
		c->v[i].n->_private = NULL;
	for (size_t i = 0; i < ndead; i++) {
		xmlUnlinkNode(dead[i]);
		xmlFreeNode(dead[i]);
	}
	free(dead);
	for (int j = 0; j < s->n; j++) {
		xmlNodePtr n = c->v[s->v[j]].n;

		if (c->v[s->v[j]].flags & F_DROP)
			continue;
		xmlUnlinkNode(n);
		xmlAddChild(art, n);
	}
	xmlAddChild(root, art);
	return art;
}

/* Strategy 4: the JSON-LD articleBody as paragraphs. */
static xmlNodePtr
article_from_text(htmlDocPtr doc, const char *text)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr art = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	const char *p = text;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = ix_squash(p, n);

		if (*line)
			xmlNewTextChild(art, NULL, (const xmlChar *)"p",
			                (const xmlChar *)line);
		free(line);
		p += n;
		if (*p)
			p++;
	}
	xmlAddChild(root, art);
	return art;
}

static uint32_t
visible_len(const char *s)
{
	uint32_t n = 0;

	for (; *s; s++)
		n += (unsigned char)*s > ' ';
	return n;
}

/* Hold-out: the F_HOLDS flag goes up from main, article and the h1. */
static void
mark_holders(cleaner *c)
{
	for (int i = c->n - 1; i >= 0; i--) {
		cnode *k = &c->v[i];

		if (k->flags & F_NEVER)
			continue;
		if (k->tag == IX_T_MAIN || k->tag == IX_T_ARTICLE ||
		    k->tag == IX_T_BODY || k->tag == IX_T_HTML)
			k->flags |= F_HOLDS | F_HOLDSMAIN;
		if (k->tag == IX_T_H1)
			k->flags |= F_HOLDS;
		if (k->parent >= 0)
			c->v[k->parent].flags |= k->flags & (F_HOLDS | F_HOLDSMAIN);
	}
}

xmlNodePtr
ix_clean(htmlDocPtr doc, const inspex_rules *rs, const char *article_body,
         ix_strs *warn)
{
	cleaner c = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc), art = NULL;
	selection sel[3] = {{0}};
	int best = 0, last;
	uint32_t outside, longest = 0, body_len;
	static const char *const names[] = {"readability", "lenient",
	                                    "prose blocks"};

	if (root == NULL)
		return NULL;
	c.rs = rs;
	c.warn = warn;
	c.body = -1;
	c.w_consent = ix_words_kind(rs, "consent-attr");
	c.w_chrome = ix_words_kind(rs, "chrome-attr");
	c.w_unlikely = ix_words_kind(rs, "unlikely-attr");
	c.w_maybe = ix_words_kind(rs, "maybe-attr");
	c.w_pos = ix_words_kind(rs, "positive-attr");
	c.w_neg = ix_words_kind(rs, "negative-attr");
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].wbit >= 0) {
			const char *w = ix_rule_get(&rs->v[i], "weight");

			c.neg_weight[rs->v[i].wbit] = w ? atoi(w) : -25;
		}
	build(&c, root);
	if (c.body < 0)
		c.body = 0;
	drop_figure_tools(&c);
	mark_holders(&c);
	/* the whole page's prose, hidden parts too (Next.js streams the
	 * article into a hidden box) */
	sum_up(&c);
	for (int i = 0; i < c.n; i++) {
		c.v[i].all_text = c.v[i].text;
		c.v[i].all_link = c.v[i].link;
		c.v[i].all_prose = c.v[i].prose;
		c.v[i].all_input = c.v[i].n_input;
		if ((c.v[i].flags & F_LEAF) && c.v[i].prose > longest &&
		    !(c.v[i].flags & F_INLINK))
			longest = c.v[i].prose;
	}
	c.page_prose = c.v[c.body].prose;

	/* what an extraction should reach: prose outside chrome */
	run_strategy(&c, S_PROSE, &sel[2]);
	outside = sel[2].len;
	run_strategy(&c, S_STRICT, &sel[0]);
	last = S_STRICT;
	/* the first that reaches enough of the prose outside chrome */
	if (sel[0].len < 1000 || sel[0].len * 8 < outside) {
		run_strategy(&c, S_LENIENT, &sel[1]);
		last = S_LENIENT;
		if (sel[1].len > sel[0].len * 2)
			best = 1;
		if (sel[best].len * 5 < outside && sel[2].len * 2 > sel[best].len * 3)
			best = 2;
	}
#ifdef INSPEX_DEBUG
	if (getenv("INSPEX_FORCE_STRATEGY"))
		best = atoi(getenv("INSPEX_FORCE_STRATEGY")) % 3;
	if (getenv("INSPEX_DEBUG_CLEAN"))
		fprintf(stderr, "clean: strict %u lenient %u prose %u outside %u "
		        "page %u jsonld %u -> %s\n", sel[0].len, sel[1].len,
		        sel[2].len, outside, c.page_prose,
		        article_body ? visible_len(article_body) : 0, names[best]);
#endif
	body_len = sel[best].len;
	/* the publisher's own copy of the text beats a fallback's guess */
	if (article_body != NULL &&
	    (visible_len(article_body) > 2 * body_len + 200 ||
	     (best > 0 && visible_len(article_body) >= 300))) {
		for (int i = 0; i < c.n; i++)
			c.v[i].n->_private = NULL;
		ix_strs_add(warn, "main text taken from the page's JSON-LD articleBody");
		art = article_from_text(doc, article_body);
	} else {
		/* the marks on the table are the last strategy's: redo the
		 * winner's if it ran before */
		if (best != last) {
			free(sel[best].v);
			memset(&sel[best], 0, sizeof(sel[best]));
			run_strategy(&c, best, &sel[best]);
		}
#ifdef INSPEX_DEBUG
		if (getenv("INSPEX_DEBUG_CLEAN"))
			fprintf(stderr, "clean: rerun %u field %d longest %u links %d\n",
			        sel[best].len, sel[best].fields, longest,
			        sel_link_heavy(&c, &sel[best]));
#endif
		if (sel[best].len == 0 ||
		    (longest < 80 && (sel[best].fields > 0 ||
		                      sel_link_heavy(&c, &sel[best])))) {
			/* a menu, a search page or a form is not an article */
			for (int i = 0; i < c.n; i++)
				c.v[i].n->_private = NULL;
		} else {
			if (best > 0) {
				char msg[128];

				snprintf(msg, sizeof(msg),
				         "main text from the %s extraction (the "
				         "first gave too little)", names[best]);
				ix_strs_add(warn, msg);
			}
			art = build_article(&c, doc, &sel[best]);
		}
	}
	for (int i = 0; i < 3; i++)
		free(sel[i].v);
	free(c.v);
	return art;
}
