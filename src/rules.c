/*
 * Rules: the data that drives extraction. A rules file holds vocabularies
 * (named alternations, reused in patterns as {{name}}) and rules (an id, a
 * kind, PCRE2 patterns with named groups, and default field values). The
 * syntax is documented in inspex-rules(5). Every pattern is compiled and
 * JIT-compiled once, when loaded.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Bounds for one match attempt: a hit degrades to "no match" + warning. */
#define IX_MATCH_LIMIT 200000
#define IX_DEPTH_LIMIT 2000
#define IX_HEAP_LIMIT 20000 /* KiB */

/* ---- per-thread matching state ----------------------------------------- */

typedef struct {
	pcre2_jit_stack *jit;
	pcre2_match_data *md;
} thread_state;

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;

static void
state_free(void *p)
{
	thread_state *t = p;

	if (t->jit)
		pcre2_jit_stack_free(t->jit);
	pcre2_match_data_free(t->md);
	free(t);
}

static void
state_init(void)
{
	pthread_key_create(&state_key, state_free);
}

/* Freed when the thread ends (the main thread's at exit, by the OS). */
static thread_state *
thread_get(void)
{
	thread_state *t;

	pthread_once(&state_once, state_init);
	t = pthread_getspecific(state_key);
	if (t == NULL) {
		t = calloc(1, sizeof(*t));
		if (t == NULL)
			abort();
		t->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		t->md = pcre2_match_data_create(IX_MATCH_GROUPS, NULL);
		if (t->md == NULL)
			abort();
		pthread_setspecific(state_key, t);
	}
	return t;
}

static pcre2_jit_stack *
thread_jit_stack(void *data)
{
	(void)data;
	return thread_get()->jit;
}

void
ix_thread_state_free(void)
{
	thread_state *t;

	pthread_once(&state_once, state_init);
	if ((t = pthread_getspecific(state_key)) != NULL) {
		state_free(t);
		pthread_setspecific(state_key, NULL);
	}
}

inspex_rules *
inspex_rules_new(void)
{
	inspex_rules *rs = calloc(1, sizeof(*rs));

	if (rs == NULL)
		return NULL;
	/* the libraries' one-time set-up, before any thread can race it */
	xmlInitParser();
	json_object_seed(0);
	rs->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(rs->mctx, IX_MATCH_LIMIT);
	pcre2_set_depth_limit(rs->mctx, IX_DEPTH_LIMIT);
	pcre2_set_heap_limit(rs->mctx, IX_HEAP_LIMIT);
	/* JIT stacks and match blocks are per thread: a rule set is shared */
	pcre2_jit_stack_assign(rs->mctx, thread_jit_stack, NULL);
	return rs;
}

static void
rule_free(ix_rule *r)
{
	for (size_t k = 0; k < r->npats; k++)
		pcre2_code_free(r->pats[k]);
	for (size_t k = 0; k < r->nsets; k++) {
		free(r->sets[k].name);
		free(r->sets[k].value);
	}
	free(r->pats);
	free(r->sets);
	free(r->id);
	free(r->kind);
	free(r->file);
}

static void
kinds_free(inspex_rules *rs)
{
	for (size_t i = 0; i < rs->nkinds; i++) {
		free(rs->kinds[i].name);
		free(rs->kinds[i].rules);
	}
	free(rs->kinds);
	rs->kinds = NULL;
	rs->nkinds = 0;
}

static uint64_t word_hash(const char *s, size_t n);

/* The per-kind lists: every lookup of a kind's rules is then one hash
 * compare per kind, not a string compare per rule. */
static void
kinds_build(inspex_rules *rs)
{
	kinds_free(rs);
	for (size_t i = 0; i < rs->n; i++) {
		const char *k = rs->v[i].kind;
		uint64_t h = word_hash(k, strlen(k));
		size_t j, n;

		for (j = 0; j < rs->nkinds; j++)
			if (rs->kinds[j].hash == h && !strcmp(rs->kinds[j].name, k))
				break;
		if (j == rs->nkinds) {
			rs->kinds = ix_xrealloc(rs->kinds,
			                        (rs->nkinds + 1) * sizeof(*rs->kinds));
			rs->kinds[j].name = ix_strndup(k, strlen(k));
			rs->kinds[j].hash = h;
			rs->kinds[j].rules = NULL;
			rs->nkinds++;
		}
		for (n = 0; rs->kinds[j].rules && rs->kinds[j].rules[n]; n++)
			;
		rs->kinds[j].rules = ix_xrealloc(rs->kinds[j].rules,
		                                 (n + 2) * sizeof(*rs->kinds[j].rules));
		rs->kinds[j].rules[n] = &rs->v[i];
		rs->kinds[j].rules[n + 1] = NULL;
	}
}

const ix_rule *const *
ix_kind_rules(const inspex_rules *rs, const char *kind)
{
	static const ix_rule *const none[] = {NULL};
	uint64_t h = word_hash(kind, strlen(kind));

	for (size_t j = 0; j < rs->nkinds; j++)
		if (rs->kinds[j].hash == h && !strcmp(rs->kinds[j].name, kind))
			return rs->kinds[j].rules;
	return none;
}

void
inspex_rules_free(inspex_rules *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		rule_free(&rs->v[i]);
	for (size_t i = 0; i < rs->nvocab; i++) {
		free(rs->vnames[i]);
		free(rs->vvals[i]);
	}
	free(rs->vnames);
	free(rs->vvals);
	for (size_t i = 0; i < rs->nwslots; i++)
		free(rs->words[i].word);
	free(rs->words);
	for (size_t i = 0; i < rs->nsubwords; i++)
		free(rs->subwords[i].word);
	free(rs->subwords);
	kinds_free(rs);
	free(rs->v);
	pcre2_match_context_free(rs->mctx);
	free(rs);
}

size_t
inspex_rules_count(const inspex_rules *rs)
{
	return rs->n;
}

void
inspex_rules_list(const inspex_rules *rs, FILE *out)
{
	for (size_t i = 0; i < rs->n; i++)
		fprintf(out, "%s\t%s\t%s:%d\n", rs->v[i].id, rs->v[i].kind,
		        rs->v[i].file, rs->v[i].line);
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct {
	inspex_rules *rs;
	const char *name;
	inspex_error *err;
	int line;
	ix_rule *cur;     /* the rule being read */
	int cur_vocab;    /* index of the vocabulary being read, or -1 */
} parser;

static int
fail(parser *p, int col, const char *fmt, const char *arg)
{
	if (p->err != NULL) {
		snprintf(p->err->file, sizeof(p->err->file), "%s", p->name);
		p->err->line = p->line;
		p->err->column = col;
		snprintf(p->err->message, sizeof(p->err->message), fmt, arg);
	}
	return -1;
}

static const char *
vocab_get(const inspex_rules *rs, const char *name, size_t n)
{
	/* the one being defined has no value yet: {{name}} in its own
	 * lines is the earlier definition it extends */
	for (size_t i = rs->nvocab; i-- > 0;)
		if (rs->vvals[i] != NULL && strlen(rs->vnames[i]) == n &&
		    !strncmp(rs->vnames[i], name, n))
			return rs->vvals[i];
	return NULL;
}

/* Replace {{name}} by (?:value). Returns NULL and sets *badcol on an
 * unknown name. */
static char *
expand(parser *p, const char *s, int col0, int *badcol)
{
	ix_buf b = {0};
	const char *q = s, *o, *c;

	while ((o = strstr(q, "{{")) != NULL) {
		const char *val;

		c = strstr(o + 2, "}}");
		if (c == NULL)
			break;
		ix_buf_add(&b, q, (size_t)(o - q));
		val = vocab_get(p->rs, o + 2, (size_t)(c - o - 2));
		if (val == NULL) {
			*badcol = col0 + (int)(o - s);
			ix_buf_free(&b);
			return NULL;
		}
		ix_buf_adds(&b, "(?:");
		ix_buf_adds(&b, val);
		ix_buf_adds(&b, ")");
		q = c + 2;
	}
	ix_buf_adds(&b, q);
	return ix_buf_take(&b);
}

static int
add_pattern(parser *p, const char *src, int col)
{
	int badcol = 0, ec;
	PCRE2_SIZE eo;
	char *pat = expand(p, src, col, &badcol);
	pcre2_code *code;
	ix_rule *r = p->cur;

	if (pat == NULL)
		return fail(p, badcol, "unknown vocabulary in %s", src);
	code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
	                         PCRE2_DUPNAMES | PCRE2_MATCH_INVALID_UTF,
	                     &ec, &eo, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];
		size_t srclen = strlen(src);

		pcre2_get_error_message(ec, msg, sizeof(msg));
		free(pat);
		/* the offset is into the expanded text; clip it to the line */
		return fail(p, col + (int)(eo < srclen ? eo : srclen),
		            "bad pattern: %s", (const char *)msg);
	}
	free(pat);
	{
		uint32_t groups = 0;

		pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
		if (groups >= IX_MATCH_GROUPS) {
			char n[32];

			pcre2_code_free(code);
			snprintf(n, sizeof(n), "%u", groups);
			return fail(p, col, "too many groups (%s): a pattern may "
			            "have at most 31", n);
		}
	}
	/* JIT unless asked not to: valgrind cannot follow JIT code */
	if (getenv("INSPEX_NO_JIT") == NULL)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	r->pats = ix_xrealloc(r->pats, (r->npats + 1) * sizeof(*r->pats));
	r->pats[r->npats++] = code;
	return 0;
}

/* ---- words ---------------------------------------------------------- */

static uint64_t
word_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static ix_word *
word_slot(const inspex_rules *rs, const char *s, size_t n)
{
	size_t i = (size_t)word_hash(s, n) & (rs->nwslots - 1);

	while (rs->words[i].word != NULL &&
	       (strlen(rs->words[i].word) != n || memcmp(rs->words[i].word, s, n)))
		i = (i + 1) & (rs->nwslots - 1);
	return &rs->words[i];
}

static void
word_add(inspex_rules *rs, const char *s, size_t n, uint64_t bit)
{
	ix_word *w;

	if (rs->nwords * 2 >= rs->nwslots) {
		ix_word *old = rs->words;
		size_t oldn = rs->nwslots;

		rs->nwslots = oldn ? oldn * 2 : 256;
		rs->words = calloc(rs->nwslots, sizeof(*rs->words));
		if (rs->words == NULL)
			abort();
		for (size_t i = 0; i < oldn; i++)
			if (old[i].word != NULL)
				*word_slot(rs, old[i].word, strlen(old[i].word)) = old[i];
		free(old);
	}
	w = word_slot(rs, s, n);
	if (w->word == NULL) {
		w->word = ix_strndup(s, n);
		rs->nwords++;
	}
	w->mask |= bit;
}

uint64_t
ix_words_lookup(const inspex_rules *rs, const char *s, size_t n)
{
	if (rs->nwslots == 0 || n == 0)
		return 0;
	return word_slot(rs, s, n)->mask;
}

uint64_t
ix_words_inside(const inspex_rules *rs, const char *s)
{
	uint64_t m = 0;

	for (size_t i = 0; i < rs->nsubwords; i++)
		if (strstr(s, rs->subwords[i].word) != NULL)
			m |= rs->subwords[i].mask;
	return m;
}

uint64_t
ix_words_kind(const inspex_rules *rs, const char *kind)
{
	uint64_t m = 0;

	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].wbit >= 0 && !strcmp(rs->v[i].kind, kind))
			m |= 1ull << rs->v[i].wbit;
	return m;
}

/* "words a b-c d": lower case, parts joined by '-' as tokens are. */
static int
add_words(parser *p, const char *s, int col)
{
	ix_rule *r = p->cur;

	if (r->wbit < 0) {
		if (p->rs->nwrules >= 64)
			return fail(p, col, "%s", "more than 64 rules with words");
		r->wbit = p->rs->nwrules++;
	}
	while (*s) {
		char w[128];
		size_t n = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		for (; *s && *s != ' ' && *s != '\t'; s++) {
			unsigned char ch = (unsigned char)*s;

			if (n + 1 >= sizeof(w))
				return fail(p, col, "%s", "word too long");
			if (ch == '_')
				ch = '-';
			w[n++] = (char)tolower(ch);
		}
		if (n > 2 && w[0] == '*' && w[n - 1] == '*') {
			inspex_rules *rs = p->rs;

			rs->subwords = ix_xrealloc(rs->subwords, (rs->nsubwords + 1) *
			                                             sizeof(*rs->subwords));
			rs->subwords[rs->nsubwords].word = ix_strndup(w + 1, n - 2);
			rs->subwords[rs->nsubwords++].mask = 1ull << r->wbit;
		} else if (n > 0) {
			word_add(p->rs, w, n, 1ull << r->wbit);
		}
	}
	return 0;
}

static int
start_rule(parser *p, const char *id, int col)
{
	inspex_rules *rs = p->rs;
	ix_rule *r;

	if (*id == '\0')
		return fail(p, col, "%s", "rule without an id");
	for (size_t i = 0; i < rs->n; i++)
		if (!strcmp(rs->v[i].id, id))
			return fail(p, col, "duplicate rule id %s", id);
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = ix_xrealloc(rs->v, rs->cap * sizeof(*rs->v));
	}
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	r->id = ix_strndup(id, strlen(id));
	r->kind = NULL;
	r->file = ix_strndup(p->name, strlen(p->name));
	r->line = p->line;
	r->wbit = -1;
	p->cur = r;
	p->cur_vocab = -1;
	return 0;
}

static int
start_vocab(parser *p, const char *name, int col)
{
	inspex_rules *rs = p->rs;

	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			return fail(p, col, "bad vocabulary name %s", name);
	if (*name == '\0')
		return fail(p, col, "%s", "vocabulary without a name");
	if (rs->nvocab == rs->vcap) {
		rs->vcap = rs->vcap ? rs->vcap * 2 : 32;
		rs->vnames = ix_xrealloc(rs->vnames, rs->vcap * sizeof(char *));
		rs->vvals = ix_xrealloc(rs->vvals, rs->vcap * sizeof(char *));
	}
	rs->vnames[rs->nvocab] = ix_strndup(name, strlen(name));
	rs->vvals[rs->nvocab] = NULL;
	p->cur_vocab = (int)rs->nvocab++;
	p->cur = NULL;
	return 0;
}

/* A rule must have a kind and a pattern by the time the next block starts. */
static int
end_block(parser *p)
{
	ix_rule *r = p->cur;

	if (p->cur_vocab >= 0 && p->rs->vvals[p->cur_vocab] == NULL) {
		p->rs->vvals[p->cur_vocab] = ix_strndup("(*FAIL)", 7);
	}
	if (r != NULL) {
		/* point at the rule, not at the line that ended it */
		if (r->kind == NULL) {
			p->line = r->line;
			return fail(p, 1, "rule %s has no kind", r->id);
		}
		if (r->npats == 0 && r->wbit < 0) {
			p->line = r->line;
			return fail(p, 1, "rule %s has no pattern or words", r->id);
		}
	}
	p->cur = NULL;
	p->cur_vocab = -1;
	return 0;
}

static int
vocab_line(parser *p, const char *s, int col)
{
	inspex_rules *rs = p->rs;
	int badcol = 0;
	char *alt = expand(p, s, col, &badcol), *old;
	ix_buf b = {0};
	pcre2_code *code;
	int ec;
	PCRE2_SIZE eo;

	if (alt == NULL)
		return fail(p, badcol, "unknown vocabulary in %s", s);
	/* check each alternative on its own so errors point at its line */
	code = pcre2_compile((PCRE2_SPTR)alt, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_DUPNAMES,
	                     &ec, &eo, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		free(alt);
		return fail(p, col + (int)(eo < strlen(s) ? eo : strlen(s)),
		            "bad pattern: %s", (const char *)msg);
	}
	pcre2_code_free(code);
	old = rs->vvals[p->cur_vocab];
	if (old != NULL) {
		ix_buf_adds(&b, old);
		ix_buf_addc(&b, '|');
		free(old);
	}
	/* a group per line: "(?-i)" in one line must not reach the next */
	ix_buf_adds(&b, "(?:");
	ix_buf_adds(&b, alt);
	ix_buf_adds(&b, ")");
	free(alt);
	rs->vvals[p->cur_vocab] = ix_buf_take(&b);
	return 0;
}

/* The kinds the library reads; a rule of any other kind would be loaded
 * and never used, which is always a mistake. */
static const char *const kinds[] = {
	"consent-attr", "chrome-attr", "unlikely-attr", "maybe-attr",
	"positive-attr", "negative-attr", "chrome-text", "chrome-heading",
	"chrome-date", "date-line", "figure", "not-figure", "not-figure-row",
	"not-measure", "measure-lead", "share-lead", "measure-after",
	"amount-after", "measure-before", "inherit-before", "compare-before",
	"inherit-after", "action-before", "action-after", "list-joint",
	"period", "actor", "not-actor", "statistic", "gate", "approx",
	"inspectorate", "subject", "when", "grade", "area-grade", "inspection",
	"finding-positive", "finding-improvement", "finding-neutral",
	"response", "focus-lead", "signature", "signature-name", "byline",
	"signature-role", "finding-source", "finding-lead", "finding-section",
	"finding-quote", "own-quote", "own-voice", "recommendation", "not-subject",
	"not-inspection", "not-grade", NULL};

static int
known_kind(const char *k)
{
	for (size_t i = 0; kinds[i]; i++)
		if (!strcmp(kinds[i], k))
			return 1;
	return 0;
}

/* A set's value must mean something to the code that reads it. Returns
 * NULL when it does, else why not. */
static const char *
check_set(const char *name, const char *v)
{
	static const char *const approx[] = {"exact", "more_than", "at_least",
	                                     "less_than", "at_most", "about",
	                                     NULL};
	static const char *const free_text[] = {"long", "short", "unit",
	                                        "country", "scale", NULL};

	if (!strcmp(name, "approx")) {
		for (size_t i = 0; approx[i]; i++)
			if (!strcmp(v, approx[i]))
				return NULL;
		return "set approx wants exact, more_than, at_least, less_than, "
		       "at_most or about";
	}
	if (!strcmp(name, "for"))
		return known_kind(v) ? NULL : "set for wants a kind";
	if (!strcmp(name, "polarity"))
		return !strcmp(v, "positive") || !strcmp(v, "improvement") ||
		               !strcmp(v, "either")
		           ? NULL
		           : "set polarity wants positive, improvement or either";
	if (!strcmp(name, "weight")) {
		char *end;

		strtol(v, &end, 10);
		return end != v && *end == '\0' ? NULL
		                                : "set weight wants a whole number";
	}
	for (size_t i = 0; free_text[i]; i++)
		if (!strcmp(name, free_text[i]))
			return NULL;
	return "unknown set name (want approx, for, weight, polarity, long, "
	       "short, unit, country or scale)";
}

static int
rule_line(parser *p, const char *s, int col)
{
	ix_rule *r = p->cur;
	const char *sp = s;
	size_t kl;

	while (*sp && !isspace((unsigned char)*sp))
		sp++;
	kl = (size_t)(sp - s);
	while (*sp && isspace((unsigned char)*sp))
		sp++;
	if (*sp == '\0')
		return fail(p, col, "missing value after %s", s);
	if (kl == 4 && !strncmp(s, "kind", 4)) {
		if (!known_kind(sp))
			return fail(p, col + (int)(sp - s), "unknown kind %s (see "
			            "inspex-rules(5) for the kinds)", sp);
		free(r->kind);
		r->kind = ix_strndup(sp, strlen(sp));
		return 0;
	}
	if (kl == 7 && !strncmp(s, "pattern", 7))
		return add_pattern(p, sp, col + (int)(sp - s));
	if (kl == 5 && !strncmp(s, "words", 5))
		return add_words(p, sp, col + (int)(sp - s));
	if (kl == 3 && !strncmp(s, "set", 3)) {
		const char *v = sp;
		ix_field f;

		while (*v && !isspace((unsigned char)*v))
			v++;
		f.name = ix_strndup(sp, (size_t)(v - sp));
		while (*v && isspace((unsigned char)*v))
			v++;
		{
			const char *why = check_set(f.name, v);

			if (why != NULL) {
				int c = col + (int)(v - s);

				free(f.name);
				return fail(p, c, "%s", why);
			}
		}
		f.value = ix_strndup(v, strlen(v));
		r->sets = ix_xrealloc(r->sets, (r->nsets + 1) * sizeof(*r->sets));
		r->sets[r->nsets++] = f;
		return 0;
	}
	return fail(p, col, "unknown key %s (want kind, pattern, words or set)", s);
}

static int
parse_line(parser *p, char *line)
{
	size_t n = strlen(line);
	char *s = line;
	int indented;

	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' ||
	                 line[n - 1] == '\t'))
		line[--n] = '\0';
	indented = *s == ' ' || *s == '\t';
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return 0;
	if (!ix_utf8_valid(s, strlen(s)))
		return fail(p, (int)(s - line) + 1, "%s", "invalid UTF-8");
	if (!indented) {
		char *arg = s;

		if (end_block(p) < 0)
			return -1;
		while (*arg && !isspace((unsigned char)*arg))
			arg++;
		if (*arg)
			*arg++ = '\0';
		while (*arg && isspace((unsigned char)*arg))
			arg++;
		if (!strcmp(s, "rule"))
			return start_rule(p, arg, (int)(arg - line) + 1);
		if (!strcmp(s, "vocab"))
			return start_vocab(p, arg, (int)(arg - line) + 1);
		return fail(p, 1, "expected 'rule' or 'vocab', not %s", s);
	}
	if (p->cur_vocab >= 0)
		return vocab_line(p, s, (int)(s - line) + 1);
	if (p->cur != NULL)
		return rule_line(p, s, (int)(s - line) + 1);
	return fail(p, (int)(s - line) + 1, "%s",
	            "indented line outside a rule or vocab");
}

int
inspex_rules_add_buffer(inspex_rules *rs, const char *name, const char *text,
                        size_t len, inspex_error *err)
{
	parser p = {rs, name, err, 0, NULL, -1};
	const char *q = text, *end = text + len;
	size_t before = rs->n, vbefore = rs->nvocab;

	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		size_t ll = nl ? (size_t)(nl - q) : (size_t)(end - q);
		char *line = ix_strndup(q, ll);
		int rc;

		p.line++;
		if (memchr(q, '\0', ll) != NULL)
			rc = fail(&p, 1, "%s", "NUL byte in rules file");
		else
			rc = parse_line(&p, line);
		free(line);
		if (rc < 0)
			goto bad;
		q = nl ? nl + 1 : end;
	}
	if (end_block(&p) < 0)
		goto bad;
	kinds_build(rs);
	return 0;
bad:
	/* keep the set consistent: drop the rules of the broken file */
	while (rs->n > before) {
		ix_rule *r = &rs->v[--rs->n];

		if (r->wbit >= 0) {
			for (size_t i = 0; i < rs->nwslots; i++)
				rs->words[i].mask &= ~(1ull << r->wbit);
			for (size_t i = 0; i < rs->nsubwords; i++)
				rs->subwords[i].mask &= ~(1ull << r->wbit);
			rs->nwrules = r->wbit < rs->nwrules ? r->wbit : rs->nwrules;
		}
		rule_free(r);
	}
	kinds_build(rs);
	while (rs->nvocab > vbefore) {
		rs->nvocab--;
		free(rs->vnames[rs->nvocab]);
		free(rs->vvals[rs->nvocab]);
	}
	return -1;
}

int
inspex_rules_add_file(inspex_rules *rs, const char *path, inspex_error *err)
{
	FILE *f = fopen(path, "rb");
	ix_buf b = {0};
	char tmp[8192];
	size_t n;
	int rc;

	if (f == NULL) {
		if (err != NULL) {
			snprintf(err->file, sizeof(err->file), "%s", path);
			err->line = err->column = 0;
			snprintf(err->message, sizeof(err->message), "%s",
			         strerror(errno));
		}
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (b.len + n > IX_RULES_MAX) {
			fclose(f);
			ix_buf_free(&b);
			if (err != NULL) {
				snprintf(err->file, sizeof(err->file), "%s", path);
				err->line = err->column = 0;
				snprintf(err->message, sizeof(err->message),
				         "rules file too large (over %u MiB)",
				         IX_RULES_MAX >> 20);
			}
			return -1;
		}
		ix_buf_add(&b, tmp, n);
	}
	fclose(f);
	rc = inspex_rules_add_buffer(rs, path, b.s ? b.s : "", b.len, err);
	ix_buf_free(&b);
	return rc;
}

int
inspex_rules_add_defaults(inspex_rules *rs, inspex_error *err)
{
	for (size_t i = 0; ix_default_rules[i] != NULL; i++)
		if (inspex_rules_add_buffer(rs, ix_default_rule_names[i],
		                            ix_default_rules[i],
		                            strlen(ix_default_rules[i]), err) < 0)
			return -1;
	return 0;
}

/* ---- matching ----------------------------------------------------------- */

int
ix_rule_match(const inspex_rules *rs, const ix_rule *r, const char *subject,
              size_t len, size_t start, ix_match *m, ix_strs *warn)
{
	int found = 0;

	/* one match block per thread, reused: matching is the hot path */
	pcre2_match_data *md = thread_get()->md;

	for (size_t k = 0; k < r->npats; k++) {
		int rc = pcre2_match(r->pats[k], (PCRE2_SPTR)subject, len, start,
		                     0, md, rs->mctx);

		if (rc > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			uint32_t cnt = pcre2_get_ovector_count(md);

			if (!found || ov[0] < m->ov[0]) {
				memset(m->ov, 0xff, sizeof(m->ov));
				for (uint32_t i = 0; i < cnt && i < IX_MATCH_GROUPS; i++) {
					m->ov[2 * i] = ov[2 * i];
					m->ov[2 * i + 1] = ov[2 * i + 1];
				}
				m->n = rc;
				m->code = r->pats[k];
				m->rule = r;
				m->subject = subject;
				found = 1;
			}
		} else if (rc == PCRE2_ERROR_MATCHLIMIT ||
		           rc == PCRE2_ERROR_DEPTHLIMIT ||
		           rc == PCRE2_ERROR_HEAPLIMIT ||
		           rc == PCRE2_ERROR_JIT_STACKLIMIT) {
			char msg[300];

			snprintf(msg, sizeof(msg),
			         "rule %s skipped on a %zu-byte text: match limit",
			         r->id, len);
			ix_strs_add(warn, msg);
		}
	}
	return found;
}

int
ix_gate_open(const inspex_rules *rs, const char *kind, const char *subject,
             size_t len, ix_strs *warn)
{
	int gated = 0;
	ix_match m;

	IX_FOR_KIND(rs, "gate", r)
	{
		const char *k = ix_rule_get(r, "for");

		if (k == NULL || strcmp(k, kind) != 0)
			continue;
		if (ix_rule_match(rs, r, subject, len, 0, &m, warn))
			return 1;
		gated = 1;
	}
	return !gated;
}

const ix_rule *
ix_rules_first(const inspex_rules *rs, const char *kind, const char *subject,
               size_t len, ix_match *m, ix_strs *warn)
{
	IX_FOR_KIND(rs, kind, r)
	{
		if (ix_rule_match(rs, r, subject, len, 0, m, warn))
			return r;
	}
	return NULL;
}

int
ix_match_group(const ix_match *m, const char *name, const char **s, size_t *n)
{
	PCRE2_SPTR first, last;
	int size = pcre2_substring_nametable_scan(m->code, (PCRE2_SPTR)name,
	                                          &first, &last);

	if (size <= 0)
		return 0;
	/* with duplicate names, take the first one that is set */
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		int num = (e[0] << 8) | e[1];

		if (num < IX_MATCH_GROUPS && num < m->n && m->ov[2 * num] != PCRE2_UNSET &&
		    m->ov[2 * num + 1] >= m->ov[2 * num]) {
			*s = m->subject + m->ov[2 * num];
			*n = m->ov[2 * num + 1] - m->ov[2 * num];
			return *n > 0;
		}
	}
	return 0;
}

char *
ix_match_dup(const ix_match *m, const char *name)
{
	const char *s;
	size_t n;

	if (!ix_match_group(m, name, &s, &n))
		return NULL;
	return ix_squash(s, n);
}

const char *
ix_rule_get(const ix_rule *r, const char *name)
{
	for (size_t i = 0; i < r->nsets; i++)
		if (!strcmp(r->sets[i].name, name))
			return r->sets[i].value;
	return NULL;
}
