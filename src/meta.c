/*
 * Source metadata: title, site, publication date, canonical URL, language
 * and author, from what the page declares (JSON-LD, OpenGraph, <meta>,
 * <time>) before falling back on what it shows (an <h1>, a "Published:"
 * line). Read before chrome stripping, which removes <head> and scripts.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define BYLINE_MAX 200 /* a byline is a line */

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = ix_squash((const char *)v, strlen((const char *)v));
	xmlFree(v);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static xmlNodePtr
next_el(xmlNodePtr n, xmlNodePtr root)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static void
setif(char **dst, char *v)
{
	if (*dst == NULL && v != NULL && *v)
		*dst = v;
	else
		free(v);
}

static char *
jget(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return ix_squash(json_string_value(v), strlen(json_string_value(v)));
	if (json_is_object(v)) {
		json_t *nm = json_object_get(v, "name");

		if (json_is_string(nm))
			return ix_squash(json_string_value(nm),
			                 strlen(json_string_value(nm)));
	}
	if (json_is_array(v) && json_array_size(v) > 0) {
		json_t *first = json_array_get(v, 0);

		if (json_is_string(first))
			return ix_squash(json_string_value(first),
			                 strlen(json_string_value(first)));
		if (json_is_object(first)) {
			json_t *nm = json_object_get(first, "name");

			if (json_is_string(nm))
				return ix_squash(json_string_value(nm),
				                 strlen(json_string_value(nm)));
		}
	}
	return NULL;
}

static int
is_article_type(json_t *o)
{
	static const char *const types[] = {
		"NewsArticle", "Article", "BlogPosting", "Report", "ReportageNewsArticle",
		"AnalysisNewsArticle", "PressRelease", "WebPage", "ScholarlyArticle",
		"TechArticle", "SocialMediaPosting", "LiveBlogPosting", NULL};
	json_t *t = json_object_get(o, "@type");

	if (json_is_array(t))
		t = json_array_get(t, 0);
	if (!json_is_string(t))
		return 0;
	for (size_t i = 0; types[i]; i++)
		if (!strcmp(json_string_value(t), types[i]))
			return strcmp(types[i], "WebPage") ? 2 : 1;
	return 0;
}

static void
jsonld_object(json_t *o, ix_meta *m, int depth)
{
	json_t *g;
	int kind;

	if (depth > 4)
		return;
	if (json_is_array(o)) {
		size_t i;
		json_t *e;

		json_array_foreach(o, i, e) jsonld_object(e, m, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	if ((g = json_object_get(o, "@graph")) != NULL)
		jsonld_object(g, m, depth + 1);
	kind = is_article_type(o);
	if (kind == 2) {
		json_t *pub = json_object_get(o, "publisher");

		setif(&m->title, jget(o, "headline"));
		setif(&m->published, jget(o, "datePublished"));
		if (m->author == NULL) {
			json_t *a = json_object_get(o, "author");

			if (json_is_array(a))
				a = json_array_get(a, 0);
			setif(&m->author, jget(o, "author"));
			if (json_is_object(a))
				setif(&m->author_role, jget(a, "jobTitle"));
		}
		if (json_is_string(json_object_get(o, "articleBody")) &&
		    m->article_body == NULL)
			m->article_body = ix_utf8_clean(
				json_string_value(json_object_get(o, "articleBody")),
				json_string_length(json_object_get(o, "articleBody")));
		if (json_is_object(pub))
			setif(&m->site, jget(pub, "name"));
	} else if (kind == 1) {
		setif(&m->published, jget(o, "datePublished"));
	}
}

static void
jsonld(xmlNodePtr script, ix_meta *m)
{
	xmlChar *t = xmlNodeGetContent(script);
	json_t *j;

	if (t == NULL)
		return;
	j = json_loads((const char *)t, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	xmlFree(t);
	if (j != NULL) {
		jsonld_object(j, m, 0);
		json_decref(j);
	}
}

/* "Headline | Site" -> "Headline"; the site part is returned in *site. */
static char *
strip_site(const char *t, char **site)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ",
	                                   " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
	                                   " / ", NULL};
	const char *best = NULL;
	size_t seplen = 0;

	*site = NULL;
	for (size_t i = 0; seps[i]; i++) {
		const char *p = t, *last = NULL;

		while ((p = strstr(p, seps[i])) != NULL)
			last = p, p += strlen(seps[i]);
		if (last != NULL && (best == NULL || last > best)) {
			best = last;
			seplen = strlen(seps[i]);
		}
	}
	if (best == NULL || best == t)
		return ix_strndup(t, strlen(t));
	{
		const char *tail = best + seplen;
		size_t words = 1;

		for (const char *q = tail; *q; q++)
			if (*q == ' ')
				words++;
		/* a long tail is part of the headline, not a site name */
		if (words > 6)
			return ix_strndup(t, strlen(t));
		*site = ix_strndup(tail, strlen(tail));
	}
	return ix_strndup(t, (size_t)(best - t));
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

int
ix_month(const char *s, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, months[i], 3))
			return i + 1;
	return 0;
}

/* A date line is no longer than this. */
#define DATE_LINE_MAX 160

/* A date from a short text by the date-line rules, as YYYY-MM[-DD]. */
static char *
date_from_text(const ix_rule *r, const inspex_rules *rs, const char *t,
               ix_strs *warn)
{
	ix_match mt;
	const char *s;
	size_t l;
	int y, mo = 0, d = 0;
	char buf[16];

	if (strlen(t) > DATE_LINE_MAX ||
	    !ix_rule_match(rs, r, t, strlen(t), 0, &mt, warn) ||
	    !ix_match_group(&mt, "year", &s, &l))
		return NULL;
	y = atoi(s);
	if (ix_match_group(&mt, "month", &s, &l))
		mo = ix_month(s, l);
	else if (ix_match_group(&mt, "mon", &s, &l))
		mo = atoi(s);
	if (ix_match_group(&mt, "day", &s, &l))
		d = atoi(s);
	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d > 31)
		return NULL;
	if (d > 0)
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, mo, d);
	else
		snprintf(buf, sizeof(buf), "%04d-%02d", y, mo);
	return ix_strndup(buf, strlen(buf));
}

/* A visible date line, by the date-line rules, in the first short texts.
 * The texts are collected once, not once per rule: each is the text of
 * the node's parent, which on a badly nested page holds most of it. */
static char *
visible_date(xmlNodePtr body, const inspex_rules *rs, ix_strs *warn)
{
	char **texts = NULL, *date = NULL;
	size_t nt = 0;
	int collected = 0;

	IX_FOR_KIND(rs, "date-line", r)
	{
		if (!collected) {
			size_t seen = 0;

			collected = 1;
			texts = ix_xmalloc(3000 * sizeof(*texts));
			for (xmlNodePtr n = body; n != NULL && seen < 3000;
			     n = next_el(n, body)) {
				xmlNodePtr p = n->parent;
				char *t;

				if (n->type != XML_TEXT_NODE || p == NULL ||
				    n->prev != NULL)
					continue;
				seen++;
				/* a date line is short: no need for the whole
				 * text of a parent holding the rest of the page */
				if ((t = ix_node_text_max(p, DATE_LINE_MAX)) != NULL)
					texts[nt++] = t;
			}
		}
		for (size_t i = 0; i < nt && date == NULL; i++)
			date = date_from_text(r, rs, texts[i], warn);
		if (date != NULL)
			break;
	}
	for (size_t i = 0; i < nt; i++)
		free(texts[i]);
	free(texts);
	return date;
}

/* A declared date that is not ISO ("March 5, 2024") read as one. */
static char *
iso_date(char *v, const inspex_rules *rs, ix_strs *warn)
{
	if (v == NULL || (strlen(v) >= 4 && isdigit((unsigned char)v[0]) &&
	                  isdigit((unsigned char)v[3])))
		return v;
	IX_FOR_KIND(rs, "date-line", r)
	{
		char *d = date_from_text(r, rs, v, warn);

		if (d != NULL) {
			free(v);
			return d;
		}
	}
	free(v);
	return NULL;
}

static int
in_article(xmlNodePtr n)
{
	for (int depth = 0; n != NULL && depth < 256; n = n->parent, depth++)
		if (n->type == XML_ELEMENT_NODE &&
		    (!strcasecmp((const char *)n->name, "article") ||
		     !strcasecmp((const char *)n->name, "main")))
			return 1;
	return 0;
}

/* Is n inside one of tags (up to body)? */
static int
inside(xmlNodePtr n, xmlNodePtr body, const char *const *tags)
{
	for (xmlNodePtr p = n; p != NULL && p != body; p = p->parent)
		for (size_t i = 0; tags[i]; i++)
			if (p->type == XML_ELEMENT_NODE &&
			    !strcasecmp((const char *)p->name, tags[i]))
				return 1;
	return 0;
}

/* Does its class or id hold "author" at all? Read in place: this runs on
 * every element of every page, names_both only on the few that do. */
static int
mentions(xmlNodePtr n, const char *word)
{
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		if (a->children != NULL && a->children->content != NULL &&
		    (!strcasecmp((const char *)a->name, "class") ||
		     !strcasecmp((const char *)a->name, "id")) &&
		    strcasestr((const char *)a->children->content, word))
			return 1;
	return 0;
}

/* Does a class or id name both words ("author-card__name")? */
static int
names_both(xmlNodePtr n, const char *a, const char *b)
{
	char *v[2] = {prop(n, "class"), prop(n, "id")};
	int yes = 0;

	for (int i = 0; i < 2; i++) {
		char *save = NULL;

		for (char *t = v[i] ? strtok_r(v[i], " \t\n", &save) : NULL;
		     t && !yes; t = strtok_r(NULL, " \t\n", &save))
			yes = strcasestr(t, a) && (b == NULL || strcasestr(t, b));
		free(v[i]);
	}
	return yes;
}

static char *
short_text(xmlNodePtr n)
{
	char *t = ix_node_text_max(n, BYLINE_MAX + 1), *s;

	if (t == NULL)
		return NULL;
	s = ix_squash(t, strlen(t));
	free(t);
	if (strlen(s) > BYLINE_MAX) {
		free(s);
		return NULL;
	}
	return s;
}

/* The line a text node starts: it and its next siblings up to a <br> or
 * a block ("By <a>Name</a>, Role<br>Posted: ..."). */
static char *
line_from(xmlNodePtr t)
{
	ix_buf b = {0};
	char *s;

	for (xmlNodePtr n = t; n != NULL && b.len <= BYLINE_MAX; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    (ix_tag_props(ix_tag(n)) & IX_TP_BLOCK))
			break;
		if (n->type == XML_TEXT_NODE && n->content)
			ix_buf_adds(&b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE &&
		         (s = ix_node_text_max(n, BYLINE_MAX + 1)) != NULL) {
			ix_buf_adds(&b, s);
			free(s);
		}
	}
	s = ix_squash(b.s ? b.s : "", b.len);
	ix_buf_free(&b);
	if (strlen(s) > BYLINE_MAX) {
		free(s);
		return NULL;
	}
	return s;
}

static int
names_role(xmlNodePtr r)
{
	return names_both(r, "title", NULL) || names_both(r, "role", NULL) ||
	       names_both(r, "job", NULL) || names_both(r, "position", NULL);
}

/* A role beside a name: the next element, named title, role or job. */
static char *
role_beside(xmlNodePtr n)
{
	xmlNodePtr r = n->next;

	while (r != NULL && r->type != XML_ELEMENT_NODE)
		r = r->next;
	if (r != NULL && names_role(r))
		return short_text(r);
	return NULL;
}

static int
starts_by(const char *s)
{
	static const char *const w[] = {"by ", "by:", "posted by", "written by",
	                                "words by", NULL};

	s += strspn(s, " \t\r\n");
	for (size_t i = 0; w[i]; i++)
		if (!strncasecmp(s, w[i], strlen(w[i])))
			return 1;
	return 0;
}

/* A byline box that starts with the name: "<div class=byline>Name <span
 * class=role>Role</span> <time>...": its first own text, and the child
 * named role. */
static void
byline_box(xmlNodePtr n, const inspex_rules *rs, ix_meta *m, ix_strs *warn)
{
	ix_match mt;
	char by[80];

	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		char *s;

		if (c->type == XML_ELEMENT_NODE)
			return; /* the name is not first */
		if (c->type != XML_TEXT_NODE || c->content == NULL)
			continue;
		s = ix_squash((const char *)c->content,
		              strlen((const char *)c->content));
		if (*s == '\0') {
			free(s);
			continue;
		}
		/* read as "By <text>", so the byline rule's names apply */
		snprintf(by, sizeof(by), "By %s", s);
		if (strlen(s) < 60 && !starts_by(s) &&
		    ix_rules_first(rs, "byline", by, strlen(by), &mt, warn) &&
		    ix_rules_first(rs, "signature-name", s, strlen(s), &mt, warn)) {
			m->byline = s;
			for (xmlNodePtr r = c->next; r != NULL; r = r->next)
				if (r->type == XML_ELEMENT_NODE && names_role(r)) {
					m->byline_role = short_text(r);
					break;
				}
			return;
		}
		free(s);
		return;
	}
}


/*
 * The byline: the first line that starts "By ..." or "Posted by ..." and
 * reads as a byline rule says, or an author card (an element named
 * author...name, and beside it one named title, role or job).
 */
static void
byline(xmlNodePtr body, const inspex_rules *rs, ix_meta *m, ix_strs *warn)
{
	static const char *const menus[] = {"nav", "button", "select", "option",
	                                    "label", "menu", "script", "style",
	                                    "template", "noscript", NULL};
	static const char *const links[] = {"a", NULL};

	for (xmlNodePtr n = body; n != NULL && m->byline == NULL;
	     n = next_el(n, body)) {
		char *s;
		ix_match mt;

		if (n->type == XML_TEXT_NODE && n->content &&
		    starts_by((const char *)n->content)) {
			/* a link that says "By Use Case" is a menu's */
			if (inside(n, body, menus) || inside(n, body, links) ||
			    (s = line_from(n)) == NULL)
				continue;
			if (ix_rules_first(rs, "byline", s, strlen(s), &mt, warn)) {
				m->byline = ix_match_dup(&mt, "name");
				m->byline_role = ix_match_dup(&mt, "role");
				if (m->byline_role == NULL && n->parent != NULL)
					m->byline_role = role_beside(n->parent);
			}
			free(s);
		} else if (n->type == XML_ELEMENT_NODE && mentions(n, "byline") &&
		           !names_both(n, "byline", "name") &&
		           !inside(n, body, menus)) {
			byline_box(n, rs, m, warn);
		} else if (n->type == XML_ELEMENT_NODE &&
		           ((mentions(n, "author") && names_both(n, "author", "name")) ||
		            (mentions(n, "byline") && names_both(n, "byline", "name"))) &&
		           !inside(n, body, menus) &&
		           (s = short_text(n)) != NULL) {
			if (starts_by(s) || strcasestr(s, " by") != NULL) {
				/* "Written By" is a label; "By Name" a byline */
				if (ix_rules_first(rs, "byline", s, strlen(s), &mt,
				                   warn)) {
					m->byline = ix_match_dup(&mt, "name");
					m->byline_role = ix_match_dup(&mt, "role");
				}
			} else if (ix_rules_first(rs, "signature-name", s, strlen(s),
			                          &mt, warn)) {
				m->byline = s, s = NULL;
			}
			if (m->byline != NULL && m->byline_role == NULL)
				m->byline_role = role_beside(n);
			free(s);
		}
	}
}

void
ix_meta_read(htmlDocPtr doc, const inspex_rules *rs, ix_meta *m,
             ix_strs *warn)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL;
	char *og_title = NULL, *tw_title = NULL, *doc_title = NULL, *h1 = NULL;
	char *og_site = NULL, *app_name = NULL, *og_url = NULL, *canon = NULL;
	char *published = NULL, *time_dt = NULL, *meta_author = NULL;
	char *locale = NULL, *clang = NULL, *suffix = NULL;
	int h1s = 0, time_in_article = 0;

	memset(m, 0, sizeof(*m));
	if (root == NULL)
		return;
	m->language = prop(root, "lang");
	if (m->language == NULL)
		m->language = prop(root, "xml:lang");
	for (xmlNodePtr n = root; n != NULL; n = next_el(n, root)) {
		const char *nm;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		nm = (const char *)n->name;
		if (!strcasecmp(nm, "body") && body == NULL)
			body = n;
		if (!strcasecmp(nm, "meta")) {
			char *p = prop(n, "property"), *name = prop(n, "name");
			char *he = prop(n, "http-equiv"), *ip = prop(n, "itemprop");
			char *key = p ? p : name ? name : ip;

			if (key != NULL) {
				ix_lower_ascii(key);
				if (!strcmp(key, "og:title"))
					setif(&og_title, prop(n, "content"));
				else if (!strcmp(key, "twitter:title"))
					setif(&tw_title, prop(n, "content"));
				else if (!strcmp(key, "og:site_name"))
					setif(&og_site, prop(n, "content"));
				else if (!strcmp(key, "application-name"))
					setif(&app_name, prop(n, "content"));
				else if (!strcmp(key, "og:url"))
					setif(&og_url, prop(n, "content"));
				else if (!strcmp(key, "og:locale"))
					setif(&locale, prop(n, "content"));
				else if (!strcmp(key, "article:published_time") ||
				         !strcmp(key, "datepublished") ||
				         !strcmp(key, "article.published") ||
				         !strcmp(key, "dc.date.issued") ||
				         !strcmp(key, "dcterms.issued") ||
				         !strcmp(key, "dcterms.created") ||
				         !strcmp(key, "dc.date") ||
				         !strcmp(key, "date") || !strcmp(key, "pubdate") ||
				         !strcmp(key, "publish-date") ||
				         !strcmp(key, "publication_date") ||
				         !strcmp(key, "sailthru.date") ||
				         !strcmp(key, "parsely-pub-date"))
					setif(&published, prop(n, "content"));
				else if (!strcmp(key, "author") ||
				         !strcmp(key, "dc.creator") ||
				         !strcmp(key, "sailthru.author"))
					setif(&meta_author, prop(n, "content"));
			}
			if (he != NULL && !strcasecmp(he, "content-language"))
				setif(&clang, prop(n, "content"));
			free(p);
			free(name);
			free(he);
			free(ip);
		} else if (!strcasecmp(nm, "link")) {
			char *rel = prop(n, "rel");

			if (rel != NULL && !strcasecmp(rel, "canonical"))
				setif(&canon, prop(n, "href"));
			free(rel);
		} else if (!strcasecmp(nm, "title") && doc_title == NULL &&
		           (n->parent == NULL || strcasecmp((const char *)n->parent->name, "svg"))) {
			setif(&doc_title, ix_node_text(n));
		} else if (!strcasecmp(nm, "h1")) {
			h1s++;
			setif(&h1, ix_node_text(n));
		} else if (!strcasecmp(nm, "time") &&
		           (time_dt == NULL || (!time_in_article && in_article(n)))) {
			char *v = prop(n, "datetime");

			/* a <time> in the article beats one in a news list */
			if (v != NULL) {
				free(time_dt);
				time_dt = v;
				time_in_article = in_article(n);
			}
		} else if (!strcasecmp(nm, "script")) {
			char *type = prop(n, "type");

			if (type != NULL && !strcasecmp(type, "application/ld+json"))
				jsonld(n, m);
			free(type);
		} else if (published == NULL) {
			char *ip = prop(n, "itemprop");

			if (ip != NULL && !strcasecmp(ip, "datePublished")) {
				setif(&published, prop(n, "datetime"));
				setif(&published, prop(n, "content"));
			}
			free(ip);
		}
	}
	/* title: declared headline, the page's one h1, then <title> */
	if (doc_title != NULL) {
		char *t = strip_site(doc_title, &suffix);

		free(doc_title);
		doc_title = t;
	}
	if (og_title != NULL) {
		char *s2 = NULL, *t = strip_site(og_title, &s2);

		free(og_title);
		og_title = t;
		free(s2);
	}
	if (m->title == NULL) {
		if (og_title)
			m->title = og_title, og_title = NULL;
		else if (h1 && h1s == 1)
			m->title = h1, h1 = NULL;
		else if (tw_title)
			m->title = tw_title, tw_title = NULL;
		else if (doc_title)
			m->title = doc_title, doc_title = NULL;
		else if (h1)
			m->title = h1, h1 = NULL;
	}
	setif(&m->site, og_site);
	setif(&m->site, app_name);
	setif(&m->site, suffix);
	setif(&m->url, canon);
	setif(&m->url, og_url);
	setif(&m->published, iso_date(published, rs, warn));
	setif(&m->published, iso_date(time_dt, rs, warn));
	if (m->published == NULL && body != NULL)
		m->published = visible_date(body, rs, warn);
	if (body != NULL)
		byline(body, rs, m, warn);
	setif(&m->author, meta_author);
	if (m->author && (strstr(m->author, "://") || m->author[0] == '@')) {
		free(m->author);
		m->author = NULL;
	}
	setif(&m->language, clang);
	if (m->language == NULL && locale != NULL) {
		for (char *c = locale; *c; c++)
			if (*c == '_')
				*c = '-';
		m->language = locale;
		locale = NULL;
	}
	free(locale);
	free(og_title);
	free(tw_title);
	free(doc_title);
	free(h1);
	m->published = iso_date(m->published, rs, warn);
}

void
ix_meta_free(ix_meta *m)
{
	free(m->title);
	free(m->site);
	free(m->published);
	free(m->url);
	free(m->language);
	free(m->author);
	free(m->author_role);
	free(m->byline);
	free(m->byline_role);
	free(m->article_body);
}
