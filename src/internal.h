/* Shared between the library's modules; not installed. */
#ifndef INSPEX_INTERNAL_H
#define INSPEX_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "inspex.h"

/* ---- buf.c: the one growable string type --------------------------- */
typedef struct {
	char *s;
	size_t len;
	size_t cap;
} ix_buf;

void ix_buf_add(ix_buf *b, const char *s, size_t n);
void ix_buf_adds(ix_buf *b, const char *s);
void ix_buf_addc(ix_buf *b, char c);
void ix_buf_printf(ix_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *ix_buf_take(ix_buf *b); /* returns s (never NULL), resets b */
void ix_buf_free(ix_buf *b);

/* Warnings go into a list the result owns; NULL to drop them. */
typedef struct {
	char **v;
	size_t n;
	size_t cap;
} ix_strs;
void ix_strs_add(ix_strs *l, const char *s);
void ix_strs_free(ix_strs *l);

/* ---- utf8.c ---------------------------------------------------------- */
/* Copy s, replacing invalid UTF-8 and control characters (but \t \n). */
char *ix_utf8_clean(const char *s, size_t n);
int ix_utf8_valid(const char *s, size_t n);
/* Collapse runs of white space (incl. NBSP) to one space and trim. */
char *ix_squash(const char *s, size_t n);
char *ix_strndup(const char *s, size_t n);
void ix_lower_ascii(char *s);
void *ix_xmalloc(size_t n);
void *ix_xrealloc(void *p, size_t n);

/* ---- dom.c: element names as integers, attributes without copies ---- */
#define IX_TP_BLOCK 1u   /* ends the running paragraph */
#define IX_TP_NEVER 2u   /* never content: scripts, forms controls, media */
#define IX_TP_STRUCT 4u  /* site structure: nav, aside, footer, menu */
#define IX_TP_PARA 8u    /* scored as a paragraph */
#define IX_TP_HEADING 16u

#define IX_TAGS(X) \
	X(IX_T_A, "a", 0) \
	X(IX_T_ABBR, "abbr", 0) \
	X(IX_T_ADDRESS, "address", IX_TP_BLOCK) \
	X(IX_T_ARTICLE, "article", IX_TP_BLOCK) \
	X(IX_T_ASIDE, "aside", IX_TP_BLOCK|IX_TP_STRUCT) \
	X(IX_T_AUDIO, "audio", IX_TP_NEVER) \
	X(IX_T_B, "b", 0) \
	X(IX_T_BLOCKQUOTE, "blockquote", IX_TP_BLOCK) \
	X(IX_T_BODY, "body", IX_TP_BLOCK) \
	X(IX_T_BR, "br", IX_TP_BLOCK) \
	X(IX_T_BUTTON, "button", IX_TP_NEVER) \
	X(IX_T_CANVAS, "canvas", IX_TP_NEVER) \
	X(IX_T_CAPTION, "caption", IX_TP_BLOCK) \
	X(IX_T_CENTER, "center", IX_TP_BLOCK) \
	X(IX_T_CITE, "cite", 0) \
	X(IX_T_CODE, "code", 0) \
	X(IX_T_DATALIST, "datalist", IX_TP_NEVER) \
	X(IX_T_DD, "dd", IX_TP_BLOCK) \
	X(IX_T_DETAILS, "details", IX_TP_BLOCK) \
	X(IX_T_DIALOG, "dialog", IX_TP_BLOCK|IX_TP_NEVER) \
	X(IX_T_DIR, "dir", IX_TP_BLOCK) \
	X(IX_T_DIV, "div", IX_TP_BLOCK) \
	X(IX_T_DL, "dl", IX_TP_BLOCK) \
	X(IX_T_DT, "dt", IX_TP_BLOCK) \
	X(IX_T_EM, "em", 0) \
	X(IX_T_EMBED, "embed", IX_TP_NEVER) \
	X(IX_T_FIELDSET, "fieldset", IX_TP_BLOCK) \
	X(IX_T_FIGCAPTION, "figcaption", IX_TP_BLOCK) \
	X(IX_T_FIGURE, "figure", IX_TP_BLOCK) \
	X(IX_T_FONT, "font", 0) \
	X(IX_T_FOOTER, "footer", IX_TP_BLOCK|IX_TP_STRUCT) \
	X(IX_T_FORM, "form", IX_TP_BLOCK) \
	X(IX_T_H1, "h1", IX_TP_BLOCK|IX_TP_HEADING) \
	X(IX_T_H2, "h2", IX_TP_BLOCK|IX_TP_PARA|IX_TP_HEADING) \
	X(IX_T_H3, "h3", IX_TP_BLOCK|IX_TP_PARA|IX_TP_HEADING) \
	X(IX_T_H4, "h4", IX_TP_BLOCK|IX_TP_PARA|IX_TP_HEADING) \
	X(IX_T_H5, "h5", IX_TP_BLOCK|IX_TP_PARA|IX_TP_HEADING) \
	X(IX_T_H6, "h6", IX_TP_BLOCK|IX_TP_PARA|IX_TP_HEADING) \
	X(IX_T_HEAD, "head", IX_TP_NEVER) \
	X(IX_T_HEADER, "header", IX_TP_BLOCK) \
	X(IX_T_HGROUP, "hgroup", IX_TP_BLOCK) \
	X(IX_T_HR, "hr", IX_TP_BLOCK) \
	X(IX_T_HTML, "html", IX_TP_BLOCK) \
	X(IX_T_I, "i", 0) \
	X(IX_T_IFRAME, "iframe", IX_TP_NEVER) \
	X(IX_T_IMG, "img", 0) \
	X(IX_T_INPUT, "input", IX_TP_NEVER) \
	X(IX_T_LABEL, "label", 0) \
	X(IX_T_LEGEND, "legend", IX_TP_BLOCK) \
	X(IX_T_LI, "li", IX_TP_BLOCK|IX_TP_PARA) \
	X(IX_T_LINK, "link", IX_TP_NEVER) \
	X(IX_T_MAIN, "main", IX_TP_BLOCK) \
	X(IX_T_MAP, "map", IX_TP_NEVER) \
	X(IX_T_MATH, "math", IX_TP_NEVER) \
	X(IX_T_MENU, "menu", IX_TP_BLOCK|IX_TP_STRUCT) \
	X(IX_T_META, "meta", IX_TP_NEVER) \
	X(IX_T_NAV, "nav", IX_TP_BLOCK|IX_TP_STRUCT) \
	X(IX_T_NOSCRIPT, "noscript", IX_TP_BLOCK|IX_TP_NEVER) \
	X(IX_T_OBJECT, "object", IX_TP_NEVER) \
	X(IX_T_OL, "ol", IX_TP_BLOCK) \
	X(IX_T_OPTION, "option", IX_TP_BLOCK|IX_TP_NEVER) \
	X(IX_T_P, "p", IX_TP_BLOCK|IX_TP_PARA) \
	X(IX_T_PICTURE, "picture", 0) \
	X(IX_T_PRE, "pre", IX_TP_BLOCK|IX_TP_PARA) \
	X(IX_T_Q, "q", 0) \
	X(IX_T_SCRIPT, "script", IX_TP_NEVER) \
	X(IX_T_SECTION, "section", IX_TP_BLOCK|IX_TP_PARA) \
	X(IX_T_SELECT, "select", IX_TP_NEVER) \
	X(IX_T_SMALL, "small", 0) \
	X(IX_T_SOURCE, "source", IX_TP_NEVER) \
	X(IX_T_SPAN, "span", 0) \
	X(IX_T_STRONG, "strong", 0) \
	X(IX_T_STYLE, "style", IX_TP_NEVER) \
	X(IX_T_SUB, "sub", 0) \
	X(IX_T_SUMMARY, "summary", IX_TP_BLOCK) \
	X(IX_T_SUP, "sup", 0) \
	X(IX_T_SVG, "svg", IX_TP_NEVER) \
	X(IX_T_TABLE, "table", IX_TP_BLOCK) \
	X(IX_T_TBODY, "tbody", IX_TP_BLOCK) \
	X(IX_T_TD, "td", IX_TP_BLOCK|IX_TP_PARA) \
	X(IX_T_TEMPLATE, "template", IX_TP_NEVER) \
	X(IX_T_TEXTAREA, "textarea", IX_TP_NEVER) \
	X(IX_T_TFOOT, "tfoot", IX_TP_BLOCK) \
	X(IX_T_TH, "th", IX_TP_BLOCK) \
	X(IX_T_THEAD, "thead", IX_TP_BLOCK) \
	X(IX_T_TIME, "time", 0) \
	X(IX_T_TITLE, "title", IX_TP_NEVER) \
	X(IX_T_TR, "tr", IX_TP_BLOCK) \
	X(IX_T_TRACK, "track", IX_TP_NEVER) \
	X(IX_T_U, "u", 0) \
	X(IX_T_UL, "ul", IX_TP_BLOCK) \
	X(IX_T_VIDEO, "video", IX_TP_NEVER)


enum {
	IX_T_NONE = -1, /* not an element */
	IX_T_OTHER = 0, /* an element not listed */
#define IX_TAG_ENUM(id, name, props) id,
	IX_TAGS(IX_TAG_ENUM)
#undef IX_TAG_ENUM
	IX_T_COUNT
};

int ix_tag(xmlNodePtr n);
int ix_tag_of_name(const char *name);
unsigned ix_tag_props(int tag);
/* An attribute's value as stored in the tree (no copy), or NULL. */
const char *ix_attr_get(xmlNodePtr n, const char *name);
int ix_attr_has(xmlNodePtr n, const char *name);

/* ---- input.c: bytes to a parsed UTF-8 document ----------------------- */
/* Returns a document, or NULL with err->message set; what libxml2's
 * limits cut from the page goes to warn. charset is the transport's (NULL
 * when none); when *fetched is NULL, an MHTML Date: header sets it to a
 * string the caller frees. */
htmlDocPtr ix_input_parse(const unsigned char *data, size_t len,
                          const char *charset, char **fetched,
                          inspex_error *err, ix_strs *warn);

/* ---- rules.c --------------------------------------------------------- */
typedef struct {
	char *name;
	char *value;
} ix_field;

typedef struct {
	char *id;
	char *kind;
	char *file;
	int line;
	pcre2_code **pats;
	size_t npats;
	ix_field *sets;
	size_t nsets;
	int wbit; /* bit of this rule in word masks, -1 when it has no words */
} ix_rule;

/* Words: whole tokens of class and id names, found by hashing, not by
 * patterns. A word maps to a mask of the rules (at most 64) that list it. */
typedef struct {
	char *word;
	uint64_t mask;
} ix_word;

struct inspex_rules {
	ix_rule *v;
	size_t n;
	size_t cap;
	char **vnames; /* vocabularies, expanded */
	char **vvals;
	size_t nvocab;
	size_t vcap;
	pcre2_match_context *mctx; /* limits; JIT stacks are per thread */
	ix_word *words; /* open addressing, nwslots a power of two */
	size_t nwords, nwslots;
	int nwrules;    /* rules with words, numbered by wbit */
	ix_word *subwords; /* "*word*": found anywhere in a name */
	size_t nsubwords;
	/* rules by kind, rebuilt whenever rules are added */
	struct ix_kind {
		char *name;
		uint64_t hash;
		const ix_rule **rules; /* NULL-terminated */
	} *kinds;
	size_t nkinds;
};

/* Mask of the rules whose "*word*" occurs in s (lower case). */
uint64_t ix_words_inside(const inspex_rules *rs, const char *s);

/* Free the calling thread's match block and JIT stack (they are made on
 * first use and freed when a thread ends; this is for leak checkers). */
void ix_thread_state_free(void);
/* Mask of the rules listing the word s[0..n) (lower case), 0 if none. */
uint64_t ix_words_lookup(const inspex_rules *rs, const char *s, size_t n);
/* Mask of the word rules of a kind. */
uint64_t ix_words_kind(const inspex_rules *rs, const char *kind);


/* Groups a match keeps: a pattern with more is refused when loaded. */
#define IX_MATCH_GROUPS 32
/* Rules files larger than this are refused. */
#define IX_RULES_MAX (16u << 20)

typedef struct {
	const ix_rule *rule;
	const pcre2_code *code;
	const char *subject;
	PCRE2_SIZE ov[2 * IX_MATCH_GROUPS];
	int n;
} ix_match;

/*
 * Leftmost match of any of the rule's patterns in subject[start..len).
 * Returns 1 on a match, 0 on none; a match-limit hit counts as none and
 * adds a warning to warn.
 */
int ix_rule_match(const inspex_rules *rs, const ix_rule *r, const char *subject,
                  size_t len, size_t start, ix_match *m, ix_strs *warn);
/* The first rule of kind that matches; NULL when none does. */
const ix_rule *ix_rules_first(const inspex_rules *rs, const char *kind,
                              const char *subject, size_t len, ix_match *m,
                              ix_strs *warn);
/* Gates spare the slow rules of a kind the sentences that cannot match
 * them: 1 unless a "gate" rule "set for KIND" exists and none matches. */
int ix_gate_open(const inspex_rules *rs, const char *kind, const char *subject,
                 size_t len, ix_strs *warn);
/* A named group's span; returns 0 when unset. */
int ix_match_group(const ix_match *m, const char *name, const char **s,
                   size_t *n);
/* A named group's text squashed, or NULL. Caller frees. */
char *ix_match_dup(const ix_match *m, const char *name);
/* The value of a rule's "set NAME VALUE", or NULL. */
const char *ix_rule_get(const ix_rule *r, const char *name);
/* Run rule i over subject; convenience iterator over kinds. */
/* The rules of a kind, in load order, NULL-terminated; never NULL. */
const ix_rule *const *ix_kind_rules(const inspex_rules *rs, const char *kind);
#define IX_FOR_KIND(rs, k, r)                                               \
	for (const ix_rule *const *ix_rp_##r = ix_kind_rules((rs), (k)),    \
	                   *r = *ix_rp_##r;                                  \
	     r != NULL; r = *++ix_rp_##r)

/* ---- clean.c: chrome stripping and main content ---------------------- */
/* Removes chrome from doc and returns the main-content node, or NULL when
 * the page has no prose at all (a menu, a search form). article_body is
 * the page's JSON-LD articleBody or NULL; which extraction was used when
 * the first gave too little goes to warn. */
xmlNodePtr ix_clean(htmlDocPtr doc, const inspex_rules *rs,
                    const char *article_body, ix_strs *warn);

/* ---- blocks.c: text blocks and sentences ----------------------------- */
typedef enum {
	IX_BLOCK_HEADING,
	IX_BLOCK_PARA,
	IX_BLOCK_ITEM,
	IX_BLOCK_ROW,
	IX_BLOCK_QUOTE,
	IX_BLOCK_PRE
} ix_block_kind;

typedef struct {
	size_t start;
	size_t len;
} ix_span;

typedef struct {
	ix_block_kind kind;
	int level;   /* heading level */
	int list_id; /* >0: items of one list share it */
	int item_id; /* >0: blocks of one list item share it */
	int table_id; /* >0: rows of one table share it */
	char *text;
	ix_span *sents;
	size_t nsents;
} ix_block;

typedef struct {
	ix_block *v;
	size_t n;
	size_t cap;
} ix_blocks;

void ix_blocks_from_node(ix_blocks *bs, xmlNodePtr root);
void ix_blocks_free(ix_blocks *bs);
/* Split text into sentences; returns the count, *out malloc'd. */
size_t ix_sentences(const char *text, size_t len, ix_span **out);
/* Collected text of a node, squashed. Caller frees. */
char *ix_node_text(xmlNodePtr n);
/* The same, or NULL as soon as it is known to be longer than max bytes
 * (without walking the rest of a large subtree). */
char *ix_node_text_max(xmlNodePtr n, size_t max);

/* ---- numbers.c ------------------------------------------------------- */
/* Parse a written quantity ("two hundred and fifty", "£3.5m", "1,612",
 * "45 per cent"). Sets *unit to a static string or NULL. Returns 0 when
 * no number could be read. */
int ix_number_parse(const char *s, size_t n, double *value, const char **unit);
/* Normalise a unit word ("kilos", "%", "year") to its canonical name. */
const char *ix_unit_norm(const char *s, size_t n);

/* ---- meta.c ---------------------------------------------------------- */
typedef struct {
	char *title;
	char *site;
	char *published;
	char *url;
	char *language;
	char *author;
	char *author_role;  /* JSON-LD author's jobTitle */
	char *byline, *byline_role; /* "By Name, Role" near the headline */
	char *article_body; /* JSON-LD articleBody */
} ix_meta;

void ix_meta_read(htmlDocPtr doc, const inspex_rules *rs, ix_meta *m,
                  ix_strs *warn);
void ix_meta_free(ix_meta *m);
/* Month number from a name ("Jul", "July"), 0 if none. */
int ix_month(const char *s, size_t n);

/* ---- the document the extractors share ------------------------------- */
typedef struct {
	const inspex_rules *rules;
	const inspex_options *opts;
	ix_blocks blocks;
	ix_meta meta;
	int ref_year; /* 0 when unknown */
	int ref_month;
	int ref_day;
	ix_strs *warn;
	/* shared between extractors */
	int has_inspection;
	int first_block;       /* where the inspection is first reported */
	char *evidence;        /* the overall-grade sentence */
	struct ix_where {
		size_t block, sent;
	} *focus_issues;       /* focus areas' issue sentences */
	size_t nfocus_issues;
	json_t *acronyms;      /* borrowed: the acronyms array */
} ix_doc;

/* Extractors fill their part of the inspex/1 object. */
void ix_extract_inspection(ix_doc *d, json_t *root);
void ix_extract_findings(ix_doc *d, json_t *root);
void ix_extract_focus(ix_doc *d, json_t *root);
void ix_extract_statistics(ix_doc *d, json_t *root);
void ix_extract_acronyms(ix_doc *d, json_t *root);
void ix_extract_author(ix_doc *d, json_t *root);

/* Sentence i of block b as a new squashed string. */
char *ix_sentence_dup(const ix_block *b, size_t i);
/* A JSON string from UTF-8 text that may be invalid; never NULL. */
json_t *ix_jstr(const char *s);
json_t *ix_jstrn(const char *s, size_t n);
/* Add rule id and sentence to a fact when --explain is on. */
void ix_explain(const ix_doc *d, json_t *fact, const ix_rule *r,
                const char *sentence);

/* ---- result and renderers -------------------------------------------- */
struct inspex_result {
	json_t *root;
	ix_blocks blocks; /* the main text, for --format text */
	char *title;      /* left out of --format text */
	ix_strs warnings;
	int color; /* from inspex_options, for the report */
};

typedef void (*ix_render_fn)(const inspex_result *res, ix_buf *out);
/* Renderers that number their output per run (html anchors). */
typedef void (*ix_render_nth_fn)(const inspex_result *res, size_t index,
                                 ix_buf *out);
/* What a format writes once per run, before the first or after the last
 * result (csv's header row, html's page head and foot). */
typedef void (*ix_frame_fn)(ix_buf *out);
void ix_render_json(const inspex_result *res, ix_buf *out);
void ix_render_jsonl(const inspex_result *res, ix_buf *out);
void ix_render_tsv(const inspex_result *res, ix_buf *out);
void ix_render_report(const inspex_result *res, ix_buf *out);
void ix_render_text(const inspex_result *res, ix_buf *out);
void ix_render_csv(const inspex_result *res, ix_buf *out);
void ix_csv_header(ix_buf *out);
/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
void ix_csv_field(ix_buf *out, const char *s);
void ix_render_html(const inspex_result *res, size_t index, ix_buf *out);
void ix_html_header(ix_buf *out);
void ix_html_footer(ix_buf *out);
/* s[0..n) with & < > " ' as character references. */
void ix_html_escape(ix_buf *out, const char *s, size_t n);

/* Embedded default rules (generated from src/rules/\*.rules). */
extern const char *const ix_default_rules[];
extern const char *const ix_default_rule_names[];

#endif
