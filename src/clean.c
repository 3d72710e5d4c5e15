/*
 * Chrome stripping and main-content selection. Three passes over the DOM:
 * (1) drop what is never content (scripts, hidden elements, consent
 * managers, navigation...) by element names, ARIA roles and id/class
 * vocabularies; (2) drop small boxes whose wording gives them away as
 * chrome (cookie notices, beta banners, "Related news"); (3) score the
 * remaining paragraphs' ancestors by text and link density, as Readability
 * does, and keep the best candidate with its related siblings.
 * Vocabularies and wordings are rules (src/rules/chrome.rules), not code.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

typedef struct {
	double score;
} cand;

typedef struct {
	const inspex_rules *rs;
	ix_strs *warn;
	xmlNodePtr *kill;
	size_t nkill, capkill;
	cand *cands;
	size_t ncand, capcand;
	xmlNodePtr *cnodes;
	int strict; /* trust class names; off for the second attempt */
} cleaner;

static int
is_name(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	       !strcasecmp((const char *)n->name, name);
}

static int
name_in(xmlNodePtr n, const char *const *names)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

static char *
attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* "id class role aria-label" of an element: what vocabularies match. */
static char *
attr_string(xmlNodePtr n)
{
	static const char *const names[] = {"id", "class", "role", "aria-label",
	                                    "data-module", "data-component",
	                                    "itemprop", NULL};
	ix_buf b = {0};

	for (size_t i = 0; names[i]; i++) {
		char *v = attr(n, names[i]);

		if (v != NULL) {
			if (b.len)
				ix_buf_addc(&b, ' ');
			ix_buf_adds(&b, v);
			xmlFree(v);
		}
	}
	return ix_buf_take(&b);
}

static int
rules_hit(const cleaner *c, const char *kind, const char *s)
{
	ix_match m;

	if (*s == '\0')
		return 0;
	return ix_rules_first(c->rs, kind, s, strlen(s), &m, c->warn) != NULL;
}

static void
kill(cleaner *c, xmlNodePtr n)
{
	if (c->nkill == c->capkill) {
		c->capkill = c->capkill ? c->capkill * 2 : 64;
		c->kill = ix_xrealloc(c->kill, c->capkill * sizeof(*c->kill));
	}
	c->kill[c->nkill++] = n;
}

/* Unlink and free what was marked; a node inside a freed one is gone
 * already, so mark-then-free in one go walks each list once. */
static void
flush_kills(cleaner *c)
{
	for (size_t i = 0; i < c->nkill; i++) {
		/* skip nodes whose ancestor is also marked */
		int dead = c->kill[i]->_private == (void *)1; /* listed twice */

		for (xmlNodePtr p = c->kill[i]->parent; p && !dead; p = p->parent)
			if (p->_private == (void *)1)
				dead = 1;
		if (!dead)
			c->kill[i]->_private = (void *)1;
		else
			c->kill[i] = NULL;
	}
	for (size_t i = 0; i < c->nkill; i++) {
		if (c->kill[i] == NULL)
			continue;
		xmlUnlinkNode(c->kill[i]);
		xmlFreeNode(c->kill[i]);
	}
	c->nkill = 0;
}

/* Length of the text under n, capped: we only compare against small
 * thresholds, and hostile pages make full counts quadratic. */
static size_t
text_len(xmlNodePtr root, size_t cap, size_t *link_len)
{
	size_t len = 0, links = 0;
	xmlNodePtr n = root->children;
	int in_link = 0;
	xmlNodePtr link = NULL;

	while (n != NULL && len < cap) {
		if (n->type == XML_TEXT_NODE && n->content) {
			size_t k = 0;

			for (const xmlChar *p = n->content; *p; p++)
				if (!isspace(*p))
					k++;
			len += k;
			if (in_link)
				links += k;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			if (!in_link && is_name(n, "a")) {
				in_link = 1;
				link = n;
			}
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n == link)
				in_link = 0, link = NULL;
		}
		if (n == root)
			break;
		if (n == link)
			in_link = 0, link = NULL;
		n = n->next;
	}
	if (link_len)
		*link_len = links;
	return len;
}

static double
link_density(xmlNodePtr n)
{
	size_t links, len = text_len(n, (size_t)-1, &links);

	return len ? (double)links / (double)len : 0;
}

static int
is_hidden(xmlNodePtr n)
{
	char *v;
	int hidden = 0;

	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return 1;
	if ((v = attr(n, "aria-hidden")) != NULL) {
		hidden = !strcasecmp(v, "true");
		xmlFree(v);
		if (hidden)
			return 1;
	}
	if ((v = attr(n, "type")) != NULL) {
		hidden = !strcasecmp(v, "hidden");
		xmlFree(v);
		if (hidden)
			return 1;
	}
	if ((v = attr(n, "style")) != NULL) {
		char *s = v, *d = v;

		for (; *s; s++) /* drop blanks: "display : none" */
			if (!isspace((unsigned char)*s))
				*d++ = (char)tolower((unsigned char)*s);
		*d = '\0';
		hidden = strstr(v, "display:none") != NULL ||
		         strstr(v, "visibility:hidden") != NULL;
		xmlFree(v);
	}
	return hidden;
}

/* Is there an element named in names below n, within depth levels? */
static int
has_below(xmlNodePtr n, const char *const *names, int depth_max)
{
	xmlNodePtr q = n->children;
	int depth = 0;

	while (q != NULL) {
		if (name_in(q, names))
			return 1;
		if (q->type == XML_ELEMENT_NODE && q->children && depth < depth_max) {
			q = q->children;
			depth++;
			continue;
		}
		while (q != n && q->next == NULL) {
			q = q->parent;
			depth--;
		}
		if (q == n)
			break;
		q = q->next;
	}
	return 0;
}

/* Is n the <main>/<article>/<body> or an ancestor of one (or of the h1)?
 * Such nodes are never removed by vocabulary: a class like "page-wrapper
 * sidebar-left" on the wrapper of everything must not empty the page. */
static int
holds_content(xmlNodePtr n)
{
	static const char *const keep[] = {"body", "html", "main", "article", NULL};
	static const char *const below[] = {"main", "article", "h1", NULL};

	return name_in(n, keep) || has_below(n, below, 40);
}

/* A class name can lie ("widget", "sidebar-fixed" on a blog's post):
 * a box holding a long text that is not a list of links is kept. */
static int
is_story(xmlNodePtr n)
{
	size_t links, len = text_len(n, 100000, &links);

	return len >= 1000 && (double)links < 0.35 * (double)len;
}

/* Pass 1: names, roles, hidden, vocabularies. */
static void
pass_structure(cleaner *c, xmlNodePtr body)
{
	static const char *const never[] = {
		"script", "style", "noscript", "template", "iframe", "object",
		"embed", "svg", "canvas", "link", "meta", "button", "input",
		"select", "textarea", "option", "map", "audio", "video", "head",
		"title", "dialog", "source", "track", "datalist", NULL};
	static const char *const chrome[] = {"nav", "aside", "footer", "menu",
	                                     NULL};
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary", "search",
		"dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
		"alert", NULL};
	xmlNodePtr n = body->children;

	while (n != NULL) {
		int drop = 0;

		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			drop = 1;
		} else if (n->type == XML_ELEMENT_NODE) {
			char *role = attr(n, "role");
			char *as;

			if (name_in(n, never) || is_hidden(n))
				drop = 1;
			else if (name_in(n, chrome) && !holds_content(n))
				drop = 1;
			else if (is_name(n, "header") && !holds_content(n))
				drop = 1;
			else if (role != NULL) {
				for (size_t i = 0; roles[i]; i++)
					if (!strcasecmp(role, roles[i]) && !holds_content(n))
						drop = 1;
			}
			if (role)
				xmlFree(role);
			if (!drop && !is_name(n, "a")) {
				as = attr_string(n);
				if (*as && !holds_content(n)) {
					if (rules_hit(c, "consent-attr", as))
						drop = 1;
					else if (c->strict &&
					         rules_hit(c, "unlikely-attr", as) &&
					         !rules_hit(c, "maybe-attr", as))
						drop = 1;
					else if (c->strict &&
					         rules_hit(c, "chrome-attr", as) &&
					         !is_story(n))
						drop = 1;
				}
				free(as);
			}
		}
		if (drop) {
			xmlNodePtr victim = n;

			/* skip the subtree: on to the next sibling or up */
			while (n != body && n->next == NULL)
				n = n->parent;
			kill(c, victim);
			n = n == body ? NULL : n->next;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != body && n->next == NULL)
			n = n->parent;
		if (n == body)
			break;
		n = n->next;
	}
	flush_kills(c);
}

/* The next element in document order after n's subtree, within root. */
static xmlNodePtr
skip_subtree(xmlNodePtr n, xmlNodePtr root)
{
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr root)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	return skip_subtree(n, root);
}

static int
is_heading(xmlNodePtr n)
{
	const char *nm;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	nm = (const char *)n->name;
	return (nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' &&
	       nm[2] == '\0';
}

/* Remove a chrome heading ("Related news") with the section it opens. */
static void
kill_section(cleaner *c, xmlNodePtr h)
{
	xmlNodePtr box = h, p;

	/* climb through wrappers that hold only the heading */
	while ((p = box->parent) != NULL && p->type == XML_ELEMENT_NODE &&
	       !holds_content(p) && xmlChildElementCount(p) == 1)
		box = p;
	p = box->parent;
	if (p != NULL && p->type == XML_ELEMENT_NODE && !holds_content(p) &&
	    !is_name(p, "body") && link_density(p) > 0.3) {
		kill(c, p);
		return;
	}
	kill(c, box);
	for (xmlNodePtr s = box->next; s != NULL; s = s->next) {
		if (s->type == XML_ELEMENT_NODE &&
		    (is_heading(s) || holds_content(s)))
			break;
		kill(c, s);
	}
}

/* Pass 2: small boxes whose wording gives them away. */
static void
pass_wording(cleaner *c, xmlNodePtr body)
{
	static const char *const boxes[] = {
		"p", "div", "section", "li", "span", "h2", "h3", "h4", "h5",
		"h6", "strong", "b", "label", "small", "td", "ul", "ol", "form",
		"a", "dt", "dd", NULL};
	xmlNodePtr n = body->children;

	while (n != NULL) {
		size_t len;
		char *t;

		if (n->type != XML_ELEMENT_NODE || !name_in(n, boxes) ||
		    (len = text_len(n, 700, NULL)) == 0 || len >= 700) {
			n = next_node(n, body);
			continue;
		}
		t = ix_node_text(n);
		if (len < 80 && (is_heading(n) || is_name(n, "strong") ||
		                 is_name(n, "b")) &&
		    rules_hit(c, "chrome-heading", t)) {
			free(t);
			kill_section(c, n);
			n = skip_subtree(n, body);
			continue;
		}
		/* a date line was read as metadata; it is not the story */
		if (len < 60 && rules_hit(c, "date-line", t)) {
			free(t);
			kill(c, n);
			n = skip_subtree(n, body);
			continue;
		}
		if (len < 500 && rules_hit(c, "chrome-text", t)) {
			xmlNodePtr box = n, p;

			/* grow to the banner around the sentence */
			while ((p = box->parent) != NULL && p != body &&
			       p->type == XML_ELEMENT_NODE && !holds_content(p) &&
			       text_len(p, 1600, NULL) < (len < 200 ? 600 : 3 * len))
				box = p;
			free(t);
			kill(c, box);
			n = skip_subtree(box, body);
			continue;
		}
		free(t);
		n = next_node(n, body);
	}
	flush_kills(c);
}

/* ---- pass 3: scoring ------------------------------------------------- */

static cand *
cand_of(cleaner *c, xmlNodePtr n)
{
	size_t i;

	if (n->_private == NULL)
		return NULL;
	i = (size_t)(intptr_t)n->_private - 2;
	return i < c->ncand ? &c->cands[i] : NULL;
}

static int
class_weight(cleaner *c, xmlNodePtr n)
{
	int w = 0;
	char *cls = attr(n, "class"), *id = attr(n, "id");

	if (cls && *cls) {
		if (rules_hit(c, "negative-attr", cls))
			w -= 25;
		if (rules_hit(c, "positive-attr", cls))
			w += 25;
	}
	if (id && *id) {
		if (rules_hit(c, "negative-attr", id))
			w -= 25;
		if (rules_hit(c, "positive-attr", id))
			w += 25;
	}
	if (cls)
		xmlFree(cls);
	if (id)
		xmlFree(id);
	return w;
}

static cand *
cand_init(cleaner *c, xmlNodePtr n)
{
	static const char *const plus5[] = {"div", NULL};
	static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
	static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd",
	                                     "dt", "li", "form", NULL};
	static const char *const minus5[] = {"h1", "h2", "h3", "h4", "h5", "h6",
	                                     "th", NULL};
	cand *k = cand_of(c, n);
	double s = 0;

	if (k != NULL)
		return k;
	if (c->ncand == c->capcand) {
		c->capcand = c->capcand ? c->capcand * 2 : 64;
		c->cands = ix_xrealloc(c->cands, c->capcand * sizeof(*c->cands));
		c->cnodes = ix_xrealloc(c->cnodes, c->capcand * sizeof(*c->cnodes));
	}
	if (name_in(n, plus5))
		s = 5;
	else if (name_in(n, plus3))
		s = 3;
	else if (name_in(n, minus3))
		s = -3;
	else if (name_in(n, minus5))
		s = -5;
	if (is_name(n, "article") || is_name(n, "main"))
		s += 10; /* the page says where its content is */
	s += class_weight(c, n);
	c->cands[c->ncand].score = s;
	c->cnodes[c->ncand] = n;
	n->_private = (void *)(intptr_t)(c->ncand + 2);
	c->ncand++;
	return &c->cands[c->ncand - 1];
}

static int
has_block_child(xmlNodePtr n)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "dl", "div", "fieldset",
		"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
		"header", "hr", "main", "nav", "ol", "p", "pre", "section", "table",
		"ul", "li", NULL};

	return has_below(n, blocks, 30);
}

static size_t
count_commas(const char *t)
{
	size_t k = 0;

	for (; *t; t++)
		if (*t == ',')
			k++;
	return k;
}

static int
is_ancestor(xmlNodePtr a, xmlNodePtr n)
{
	for (int depth = 0; n != NULL && depth < 64; n = n->parent, depth++)
		if (n == a)
			return 1;
	return 0;
}

/*
 * A story split across boxes (a figure box, then the rest) gives several
 * candidates that score nearly alike. As Readability does: when three or
 * more score within 75% of the best, their shared ancestor is the story.
 */
static xmlNodePtr
common_top(cleaner *c, xmlNodePtr top, double best, xmlNodePtr body)
{
	xmlNodePtr alt[5];
	size_t nalt = 0;

	for (size_t i = 0; i < c->ncand && nalt < 5; i++)
		if (c->cnodes[i] != top && best > 0 &&
		    c->cands[i].score / best >= 0.75 &&
		    !is_ancestor(c->cnodes[i], top) && !is_ancestor(top, c->cnodes[i]))
			alt[nalt++] = c->cnodes[i];
	if (nalt < 3)
		return top;
	for (xmlNodePtr p = top->parent; p != NULL && p != body; p = p->parent) {
		size_t holding = 0;

		for (size_t i = 0; i < nalt; i++)
			holding += is_ancestor(p, alt[i]);
		if (holding >= 3)
			return p;
	}
	return top;
}

static xmlNodePtr
pick_top(cleaner *c, xmlNodePtr body)
{
	static const char *const scored[] = {"p", "td", "pre", "section", "h2",
	                                     "h3", "h4", "h5", "h6", "li", NULL};
	xmlNodePtr n = body->children, top = NULL;
	double best = -1e9;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    (is_name(n, "div") && !has_block_child(n)))
			xmlNodeSetName(n, (const xmlChar *)"p");
		if (n->type == XML_ELEMENT_NODE && name_in(n, scored) &&
		    !(is_name(n, "li") && n->parent && cand_of(c, n->parent) == NULL &&
		      0)) {
			size_t len = text_len(n, 100000, NULL);

			if (len >= 25) {
				char *t = ix_node_text(n);
				double s = 1 + (double)count_commas(t) +
				           fmin(floor((double)strlen(t) / 100), 3);
				xmlNodePtr a = n->parent;

				free(t);
				for (int lvl = 0; a != NULL && lvl < 5 &&
				                  a->type == XML_ELEMENT_NODE;
				     lvl++, a = a->parent) {
					cand *k = cand_init(c, a);

					k->score += s / (lvl == 0 ? 1 : lvl == 1 ? 2 : lvl * 3);
					if (a == body)
						break;
				}
			}
			n = skip_subtree(n, body);
			continue;
		}
		n = next_node(n, body);
	}
	for (size_t i = 0; i < c->ncand; i++) {
		double s = c->cands[i].score * (1 - link_density(c->cnodes[i]));

		c->cands[i].score = s;
		if (s > best && !is_name(c->cnodes[i], "html")) {
			best = s;
			top = c->cnodes[i];
		}
	}
	if (top == NULL)
		return NULL;
	top = common_top(c, top, best, body);
	/* an ancestor that scores better than top holds more of the story */
	{
		xmlNodePtr p = top->parent;
		double last = best, threshold = best / 3;

		while (p != NULL && p->type == XML_ELEMENT_NODE && !is_name(p, "body")) {
			cand *k = cand_of(c, p);

			if (k == NULL) {
				p = p->parent;
				continue;
			}
			if (k->score < threshold)
				break;
			if (k->score > last) {
				top = p;
				break;
			}
			last = k->score;
			p = p->parent;
		}
		while ((p = top->parent) != NULL && p->type == XML_ELEMENT_NODE &&
		       !is_name(p, "body") && xmlChildElementCount(p) == 1)
			top = p;
	}
	return top;
}

static size_t
count_tags(xmlNodePtr root, const char *name)
{
	size_t k = 0;

	for (xmlNodePtr n = root->children; n != NULL; n = next_node(n, root))
		if (is_name(n, name))
			k++;
	return k;
}

/*
 * Readability's conditional clean-up of lists, tables and boxes, inner
 * boxes first: a box with few commas goes when its links, images or form
 * fields outweigh its paragraphs.
 */
static void
clean_conditionally(cleaner *c, xmlNodePtr root)
{
	static const char *const kinds[] = {"div", "section", "ul", "ol",
	                                    "table", "form", "dl", NULL};
	xmlNodePtr *v = NULL;
	size_t nv = 0, cap = 0;

	for (xmlNodePtr n = root->children; n != NULL; n = next_node(n, root))
		if (name_in(n, kinds)) {
			if (nv == cap) {
				cap = cap ? cap * 2 : 64;
				v = ix_xrealloc(v, cap * sizeof(*v));
			}
			v[nv++] = n;
		}
	while (nv-- > 0) {
		xmlNodePtr n = v[nv];
		int w = class_weight(c, n), list = is_name(n, "ul") || is_name(n, "ol");
		size_t links, len = text_len(n, (size_t)-1, &links);
		double ld = len ? (double)links / (double)len : 0;
		int drop = 0;

		if (w < 0) {
			drop = 1;
		} else {
			char *t = ix_node_text(n);
			size_t commas = count_commas(t);

			free(t);
			if (commas < 10) {
				size_t p = count_tags(n, "p"), img = count_tags(n, "img");
				size_t li = count_tags(n, "li"), in = count_tags(n, "input");

				drop = (img > 1 && p * 2 < img) ||
				       (!list && li > p + 100) || (in * 3 > p && in > 0) ||
				       (!list && w < 25 && ld > 0.2) ||
				       (w >= 25 && ld > 0.5);
			}
		}
		if (drop) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
	free(v);
}

/* A field to type into: search pages and forms have one, articles not. */
static int
has_text_field(xmlNodePtr body)
{
	for (xmlNodePtr n = body->children; n != NULL; n = next_node(n, body)) {
		char *type;
		int text;

		if (is_name(n, "textarea"))
			return 1;
		if (!is_name(n, "input"))
			continue;
		type = attr(n, "type");
		text = type == NULL || !strcasecmp(type, "text") ||
		       !strcasecmp(type, "search") || !strcasecmp(type, "email");
		if (type)
			xmlFree(type);
		if (text)
			return 1;
	}
	return 0;
}

/* The longest paragraph of prose under root. */
static size_t
longest_prose(xmlNodePtr root)
{
	static const char *const prose[] = {"p", "blockquote", "pre", "dd", NULL};
	size_t best = 0;

	for (xmlNodePtr n = root->children; n != NULL; n = next_node(n, root))
		if (name_in(n, prose)) {
			size_t links, len = text_len(n, 10000, &links);

			if (len - links > best)
				best = len - links;
		}
	return best;
}

xmlNodePtr
ix_clean(htmlDocPtr doc, const inspex_rules *rs, ix_strs *warn, int strict)
{
	cleaner c = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL, top, art;
	double thresh;
	int has_form;

	c.rs = rs;
	c.warn = warn;
	c.strict = strict;
	for (xmlNodePtr n = root; n != NULL; n = next_node(n, root))
		if (is_name(n, "body")) {
			body = n;
			break;
		}
	if (body == NULL)
		body = root;
	has_form = has_text_field(body);
	pass_structure(&c, body);
	pass_wording(&c, body);
	top = pick_top(&c, body);
	art = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlAddChild(root, art);
	if (top == NULL || top == body || top == root) {
		/* no candidate: everything left is the article */
		xmlNodePtr ch = body->children, next;

		for (; ch != NULL; ch = next) {
			next = ch->next;
			if (ch == art) /* no <body>: art hangs off the root too */
				continue;
			xmlUnlinkNode(ch);
			xmlAddChild(art, ch);
		}
	} else {
		cand *tk = cand_of(&c, top);
		xmlNodePtr sib, next;
		char *tcls = attr(top, "class");

		thresh = fmax(10, (tk ? tk->score : 0) * 0.2);
		for (sib = top->parent ? top->parent->children : top; sib;
		     sib = next) {
			int append = sib == top;

			next = sib->next;
			if (!append && sib->type == XML_ELEMENT_NODE) {
				cand *k = cand_of(&c, sib);
				double bonus = 0;
				char *scls = attr(sib, "class");

				if (tcls && *tcls && scls && !strcmp(tcls, scls))
					bonus = (tk ? tk->score : 0) * 0.2;
				if (scls)
					xmlFree(scls);
				if (k != NULL && k->score + bonus >= thresh)
					append = 1;
				else if (is_name(sib, "p")) {
					size_t links, len = text_len(sib, 100000, &links);
					double ld = len ? (double)links / (double)len : 0;
					char *t = ix_node_text(sib);
					size_t tl = strlen(t);

					if (len > 80 && ld < 0.25)
						append = 1;
					else if (len > 0 && len <= 80 && links == 0 && tl &&
					         (t[tl - 1] == '.' || strstr(t, ". ")))
						append = 1;
					free(t);
				}
			}
			if (append) {
				xmlUnlinkNode(sib);
				xmlAddChild(art, sib);
			}
		}
		if (tcls)
			xmlFree(tcls);
	}
	/* reset the scratch pointers the scorer used */
	for (size_t i = 0; i < c.ncand; i++)
		c.cnodes[i]->_private = NULL;
	free(c.cands);
	free(c.cnodes);
	c.cands = NULL;
	c.cnodes = NULL;
	c.ncand = c.capcand = 0;
	clean_conditionally(&c, art);
	free(c.kill);
	{
		size_t links, len = text_len(art, (size_t)-1, &links);

		/* a menu, a search page or a form is not an article */
		if (len == 0 || (double)links / (double)len > 0.6 ||
		    (has_form && longest_prose(art) < 80))
			return NULL;
	}
	return art;
}
