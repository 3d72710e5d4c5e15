/*
 * Statistics, anchored on figures. Every figure of a sentence is a
 * candidate; its context decides whether it is a quantity (not a date, an
 * age, a phone number), then gives its measure (the noun phrase after it,
 * a label, a bracket, a "number of X rose to", a table's row and column),
 * its verb (before it, after it, or the verb its list shares), the actor
 * and the period. The word lists and patterns are rules
 * (src/rules/statistics.rules); the order of reading is here, so a new
 * word order needs no new rule for the figure to be found.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define IX_SENTENCE_MAX 2000
#define IX_FIGS_MAX 64
#define IX_LOOKBACK 160 /* what a before-pattern may see */

typedef struct {
	size_t start, end;     /* the figure with its qualifier and unit */
	size_t vstart, vend;   /* the value */
	size_t span0, span1;   /* the phrase reported as "text" */
	size_t mend;           /* end of the measure read after it */
	double value;
	const char *unit;      /* normalised, static */
	char *qualifier;
	char *measure;
	char *action;
	int action_before;     /* the figure is the verb's object */
	int base;              /* a comparison's base: "up from 455" */
	const ix_rule *rule;   /* the rule behind it, for --explain */
	int keep;
} figure;

static void
fig_free(figure *f)
{
	free(f->qualifier);
	free(f->measure);
	free(f->action);
}

static const char *
approx_of(ix_doc *d, const char *q)
{
	ix_match m;
	const ix_rule *r;

	if (q == NULL)
		return "exact";
	r = ix_rules_first(d->rules, "approx", q, strlen(q), &m, d->warn);
	if (r != NULL && ix_rule_get(r, "approx"))
		return ix_rule_get(r, "approx");
	return "exact";
}

/* The actor: the noun phrase before the first figure's verb. */
static char *
actor_of(ix_doc *d, const char *t, size_t upto)
{
	ix_match m;
	char *a;

	if (upto == 0)
		return NULL;
	if (!ix_rules_first(d->rules, "actor", t, upto, &m, d->warn))
		return NULL;
	a = ix_match_dup(&m, "actor");
	if (a != NULL && ix_rules_first(d->rules, "not-actor", a, strlen(a), &m,
	                                d->warn)) {
		free(a);
		return NULL;
	}
	return a;
}

/* First rule of kind matching t[from..len), the match anchored by the
 * pattern itself (\G at from, or $ at len). */
static const ix_rule *
first_at(ix_doc *d, const char *kind, const char *t, size_t len, size_t from,
         ix_match *m)
{
	IX_FOR_KIND(d->rules, kind, r)
	{
		if (ix_rule_match(d->rules, r, t, len, from, m, d->warn))
			return r;
	}
	return NULL;
}

/* Where a $-anchored pattern may start looking: a bounded look back. */
static size_t
back(size_t at)
{
	return at > IX_LOOKBACK ? at - IX_LOOKBACK : 0;
}

static int
is_not_measure(ix_doc *d, const char *m)
{
	ix_match mm;

	return ix_rules_first(d->rules, "not-measure", m, strlen(m), &mm,
	                      d->warn) != NULL;
}

static int
cmp_fig(const void *a, const void *b)
{
	const figure *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int
overlaps(const figure *f, size_t n, size_t a, size_t b)
{
	for (size_t i = 0; i < n; i++)
		if (a < f[i].end && f[i].start < b)
			return 1;
	return 0;
}

/* Phrase rules ("statistic"): the last-loaded first, so that a user's
 * rules claim their figures before the built-in reader does. */
static size_t
phrase_figures(ix_doc *d, const char *t, size_t len, figure *f, size_t n)
{
	const inspex_rules *rs = d->rules;
	const ix_rule *const *list = ix_kind_rules(rs, "statistic");
	size_t nr = 0;

	while (list[nr] != NULL)
		nr++;
	for (size_t ri = nr; ri-- > 0;) {
		const ix_rule *r = list[ri];
		size_t at = 0;
		ix_match m;

		while (at < len && n < IX_FIGS_MAX &&
		       ix_rule_match(rs, r, t, len, at, &m, d->warn)) {
			const char *vs, *us;
			size_t vn, un;
			figure *g = &f[n];
			char *v;

			if (!ix_match_group(&m, "value", &vs, &vn)) {
				at = m.ov[1] > at ? m.ov[1] : at + 1;
				continue;
			}
			at = m.ov[1] > at ? m.ov[1] : at + 1;
			if (overlaps(f, n, m.ov[0], m.ov[1]))
				continue;
			memset(g, 0, sizeof(*g));
			v = ix_strndup(vs, vn);
			if (!ix_number_parse(v, vn, &g->value, &g->unit)) {
				free(v);
				continue;
			}
			free(v);
			if (ix_match_group(&m, "unit", &us, &un))
				g->unit = ix_unit_norm(us, un) ? ix_unit_norm(us, un)
				                                : g->unit;
			if (g->unit == NULL)
				g->unit = ix_rule_get(r, "unit");
			g->start = m.ov[0];
			g->end = m.ov[1];
			g->vstart = (size_t)(vs - t);
			g->vend = g->vstart + vn;
			g->span0 = m.ov[0];
			g->span1 = m.ov[1];
			g->qualifier = ix_match_dup(&m, "qualifier");
			g->measure = ix_match_dup(&m, "measure");
			g->action = ix_match_dup(&m, "action");
			g->action_before = g->action != NULL &&
			                   ix_match_group(&m, "action", &vs, &vn) &&
			                   (size_t)(vs - t) < g->vstart;
			g->rule = r;
			g->keep = 2; /* read whole: nothing more to look for */
			n++;
		}
	}
	return n;
}

#define FIG_RULES_MAX 16

/* Every figure the figure rules find, left to right. */
static size_t
all_figures(ix_doc *d, const char *t, size_t len, figure *f, size_t n)
{
	size_t at = 0;

	/* each rule's next match, kept while it lies ahead: a search from an
	 * earlier offset that found nothing before it finds the same there,
	 * so a sentence is scanned once per rule, not once per figure */
	enum { UNKNOWN, AHEAD, NONE };
	ix_match next[FIG_RULES_MAX];
	int state[FIG_RULES_MAX] = {0};

	while (at < len && n < IX_FIGS_MAX) {
		const ix_rule *best = NULL;
		ix_match bm;
		const char *vs, *us;
		size_t vn, un, k = 0;
		figure *g;
		char *v;

		/* the leftmost match of any figure rule, the longest on a tie */
		IX_FOR_KIND(d->rules, "figure", r)
		{
			ix_match m, *mp = k < FIG_RULES_MAX ? &next[k] : &m;
			int *st = k < FIG_RULES_MAX ? &state[k] : NULL;

			k++;
			if (st == NULL || *st == UNKNOWN ||
			    (*st == AHEAD && mp->ov[0] < at)) {
				int hit = ix_rule_match(d->rules, r, t, len, at, mp,
				                        d->warn);

				if (st != NULL)
					*st = hit ? AHEAD : NONE;
				else if (!hit)
					continue;
			}
			if (st != NULL && *st == NONE)
				continue;
			if (best == NULL || mp->ov[0] < bm.ov[0] ||
			    (mp->ov[0] == bm.ov[0] && mp->ov[1] > bm.ov[1])) {
				best = r;
				bm = *mp;
			}
		}
		if (best == NULL)
			break;
		at = bm.ov[1] > at ? bm.ov[1] : at + 1;
		if (!ix_match_group(&bm, "value", &vs, &vn) ||
		    overlaps(f, n, bm.ov[0], bm.ov[1]))
			continue;
		g = &f[n];
		memset(g, 0, sizeof(*g));
		v = ix_strndup(vs, vn);
		if (!ix_number_parse(v, vn, &g->value, &g->unit)) {
			free(v);
			continue;
		}
		free(v);
		if (ix_match_group(&bm, "unit", &us, &un) && ix_unit_norm(us, un))
			g->unit = ix_unit_norm(us, un);
		if (g->unit == NULL)
			g->unit = ix_rule_get(best, "unit");
		g->start = bm.ov[0];
		g->end = bm.ov[1];
		g->vstart = (size_t)(vs - t);
		g->vend = g->vstart + vn;
		g->span0 = g->start;
		g->span1 = g->end;
		g->mend = g->end;
		g->qualifier = ix_match_dup(&bm, "qualifier");
		g->rule = best;
		g->keep = 1;
		n++;
	}
	return n;
}

/* Drop the figures that their context makes something else. */
/* A bare "$" or "dollars" is the page's own dollar: Canadian, Australian
 * or New Zealand by its language's region or its address, else US ("US$"
 * says so itself). */
static const char *
dollar_of(const ix_doc *d, const char *t, const figure *g)
{
	static const struct {
		const char *region, *tld, *code;
	} dollars[] = {{"-ca", ".ca", "CAD"}, {"-au", ".au", "AUD"},
	               {"-nz", ".nz", "NZD"}};
	const char *lang = d->meta.language, *url = d->meta.url;
	char host[256] = "";

	if ((g->vstart >= 2 && !strncmp(t + g->vstart - 2, "US", 2)) ||
	    (g->vstart >= 3 && !strncmp(t + g->vstart - 3, "US", 2)) ||
	    (g->vend - g->vstart >= 3 && !strncmp(t + g->vstart, "US", 2)))
		return "USD";
	if (url != NULL && strstr(url, "://") != NULL) {
		const char *h = strstr(url, "://") + 3;
		size_t n = strcspn(h, "/:?#");

		if (n < sizeof(host)) {
			memcpy(host, h, n);
			host[n] = '\0';
		}
	}
	for (size_t i = 0; i < sizeof(dollars) / sizeof(dollars[0]); i++) {
		size_t hl = strlen(host), tl = strlen(dollars[i].tld);

		if ((lang != NULL && strlen(lang) > 3 &&
		     !strcasecmp(lang + strlen(lang) - 3, dollars[i].region)) ||
		    (hl > tl && !strcasecmp(host + hl - tl, dollars[i].tld)))
			return dollars[i].code;
	}
	return "USD";
}

/* "8 minutes 30 seconds", "four years and six months": one duration in
 * the larger unit (8.5 minutes, 4.5 years). */
static void
join_durations(const char *t, figure *f, size_t n)
{
	static const struct {
		const char *big, *small;
		double per;
	} pairs[] = {{"years", "months", 12}, {"weeks", "days", 7},
	             {"days", "hours", 24},  {"hours", "minutes", 60},
	             {"minutes", "seconds", 60}};

	for (size_t i = 0; i + 1 < n; i++) {
		figure *a = &f[i], *b = &f[i + 1];
		const char *p = t + a->end, *e = t + b->start;

		if (a->keep != 1 || b->keep != 1 || a->unit == NULL ||
		    b->unit == NULL || b->qualifier != NULL || b->start < a->end)
			continue;
		while (p < e && (*p == ' ' || *p == ','))
			p++;
		if (e - p >= 4 && !strncasecmp(p, "and ", 4))
			p += 4;
		while (p < e && *p == ' ')
			p++;
		if (p != e)
			continue;
		for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
			if (!strcmp(a->unit, pairs[k].big) &&
			    !strcmp(b->unit, pairs[k].small) &&
			    b->value < pairs[k].per) {
				/* to four places: 12 seconds are 0.2 minutes */
				a->value = round((a->value + b->value / pairs[k].per) *
				                 1e4) / 1e4;
				a->end = b->end;
				a->span1 = b->span1 > a->span1 ? b->span1 : a->span1;
				a->mend = b->mend > a->mend ? b->mend : a->mend;
				b->keep = 0;
				break;
			}
	}
}

static void
reject_figures(ix_doc *d, const char *t, size_t len, figure *f, size_t n)
{
	IX_FOR_KIND(d->rules, "not-figure", r)
	{
		size_t at = 0;
		ix_match m;

		while (at < len && ix_rule_match(d->rules, r, t, len, at, &m, d->warn)) {
			const char *s;
			size_t k;

			at = m.ov[1] > at ? m.ov[1] : at + 1;
			if (!ix_match_group(&m, "figure", &s, &k))
				continue;
			/* "10 and 21 October": the next figure may start inside */
			if ((size_t)(s - t) + k < at)
				at = (size_t)(s - t) + k;
			for (size_t i = 0; i < n; i++)
				if (f[i].keep == 1 && (size_t)(s - t) < f[i].vend &&
				    f[i].vstart < (size_t)(s - t) + k)
					f[i].keep = 0;
		}
	}
}

/* "was", "is": a verb that says nothing of what was done. */
static int
is_copula(const char *s, size_t n)
{
	static const char *const w[] = {"was", "were", "is", "are", "be", NULL};

	for (size_t i = 0; w[i]; i++)
		if (strlen(w[i]) == n && !strncasecmp(s, w[i], n))
			return 1;
	return 0;
}

static size_t
words_in(const char *t, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (t[i] != ' ' && (i == 0 || t[i - 1] == ' '))
			n++;
	return n;
}

static int
is_amount(const figure *g)
{
	return g->unit != NULL;
}

/* A measure (and its verb) read from the text before the figure. */
static void
read_before(ix_doc *d, const char *kind, const char *t, figure *g)
{
	ix_match m;
	const char *s;
	size_t k;

	if (!first_at(d, kind, t, g->start, back(g->start), &m) ||
	    !ix_match_group(&m, "measure", &s, &k))
		return;
	g->measure = ix_squash(s, k);
	g->span0 = m.ov[0];
	if (ix_match_group(&m, "action", &s, &k) && !is_copula(s, k)) {
		g->action = ix_squash(s, k);
		g->action_before = 1;
	}
}

/* Read what the figure counts and the verb around it. */
static void
read_context(ix_doc *d, const char *t, size_t len, figure *f, size_t n,
             size_t i)
{
	figure *g = &f[i];
	const figure *p = NULL; /* the last figure before it that counts */
	ix_match m;
	const char *s;
	size_t k;

	size_t stop = len;

	for (size_t j = i; j-- > 0;)
		if (f[j].keep) {
			p = &f[j];
			break;
		}
	/* a measure does not run over the next figure */
	for (size_t j = i + 1; j < n; j++)
		if (f[j].keep) {
			stop = f[j].start;
			break;
		}
	/* a verb before it that outranks what follows: "jailed for 12 years
	 * for theft", "made up 3% of calls" */
	read_before(d, "measure-lead", t, g);
	if (g->measure == NULL && g->unit != NULL && !strcmp(g->unit, "percent"))
		read_before(d, "share-lead", t, g);
	/* after it */
	if (g->measure == NULL &&
	    first_at(d, is_amount(g) ? "amount-after" : "measure-after", t, stop,
	             g->end, &m) &&
	    ix_match_group(&m, "measure", &s, &k)) {
		char *ms = ix_squash(s, k);
		const char *u = g->unit == NULL ? ix_unit_norm(ms, strlen(ms)) : NULL;

		if (u != NULL) { /* "5,000 miles": a unit, read as a measure */
			g->unit = u;
			free(ms);
		} else {
			g->measure = ms;
			g->mend = (size_t)(s - t) + k;
			g->span1 = g->mend;
		}
	}
	/* before it: a label, a bracket, "the number of X rose to" */
	if (g->measure == NULL)
		read_before(d, "measure-before", t, g);
	/* "compared with 1,870", "164,478 (5.2 per cent)" */
	if (i > 0 && f[i - 1].keep) {
		int same = 0;

		if (first_at(d, "compare-before", t, g->start, back(g->start), &m) &&
		    m.ov[0] >= f[i - 1].start)
			same = g->base = 1;
		else if (first_at(d, "inherit-before", t, g->start, back(g->start),
		                  &m) &&
		         m.ov[0] >= f[i - 1].start)
			same = 1;
		if (same && g->measure == NULL && f[i - 1].measure)
			g->measure = ix_strndup(f[i - 1].measure,
			                        strlen(f[i - 1].measure));
	}
	/* "9,100 calls, almost 40 per cent more than last year" */
	if (g->measure == NULL && p != NULL && p->measure &&
	    first_at(d, "inherit-after", t, len, g->end, &m))
		g->measure = ix_strndup(p->measure, strlen(p->measure));
	/* "41 people were killed and 388 were injured" */
	if (g->measure == NULL && g->unit == NULL && i > 0 && f[i - 1].keep &&
	    f[i - 1].measure &&
	    first_at(d, "action-after", t, len, g->end, &m) && m.ov[0] == g->end)
		g->measure = ix_strndup(f[i - 1].measure, strlen(f[i - 1].measure));
	if (g->measure != NULL && is_not_measure(d, g->measure)) {
		g->keep = 0;
		return;
	}
	if (g->measure == NULL && g->unit == NULL) {
		g->keep = 0;
		return;
	}
	/* "All - 100%", "Few - up to 15%": a scale's legend, not a figure */
	if (g->measure == NULL && words_in(t, len) <= 4 &&
	    !first_at(d, "action-before", t, g->start, back(g->start), &m)) {
		g->keep = 0;
		return;
	}
	/* the verb: before it, after its measure, or its list's */
	if (g->action == NULL &&
	    first_at(d, "action-before", t, g->start, back(g->start), &m) &&
	    ix_match_group(&m, "action", &s, &k)) {
		g->action = ix_squash(s, k);
		g->action_before = 1;
		g->span0 = m.ov[0];
	}
	if (g->action == NULL &&
	    first_at(d, "action-after", t, len, g->mend, &m) &&
	    ix_match_group(&m, "action", &s, &k)) {
		g->action = ix_squash(s, k);
		g->span1 = m.ov[1];
	}
	if (g->action == NULL && i > 0 && f[i - 1].keep && f[i - 1].action &&
	    f[i - 1].action_before) {
		size_t from = f[i - 1].mend > f[i - 1].end ? f[i - 1].mend
		                                          : f[i - 1].end;

		if (from <= g->start &&
		    first_at(d, "list-joint", t + from, g->start - from, 0, &m)) {
			g->action = ix_strndup(f[i - 1].action, strlen(f[i - 1].action));
			g->action_before = 1;
		}
	}
}

/* A period as it reads mid-sentence: "Since February" at the start of a
 * sentence is "since February". */
static json_t *
period_json(const char *p)
{
	static const char *const lower[] = {"Since ", "Last ", "This ", "The ",
	                                    "So ", "Over ", NULL};
	json_t *j;
	char *c;

	if (p == NULL)
		return json_null();
	for (size_t i = 0; lower[i]; i++)
		if (!strncmp(p, lower[i], strlen(lower[i]))) {
			c = ix_strndup(p, strlen(p));
			c[0] = (char)(c[0] - 'A' + 'a');
			j = ix_jstr(c);
			free(c);
			return j;
		}
	return ix_jstr(p);
}

static void
emit(ix_doc *d, json_t *arr, const char *t, size_t len, const figure *g,
     const char *period, const char *actor)
{
	json_t *o = json_object();
	char *text = ix_squash(t + g->span0, g->span1 - g->span0);

	json_object_set_new(o, "period", period_json(period));
	json_object_set_new(o, "actor",
	                    g->action_before && g->action ? ix_jstr(actor)
	                                                  : json_null());
	json_object_set_new(o, "action", ix_jstr(g->action));
	if (g->value == floor(g->value) && fabs(g->value) < 9e15)
		json_object_set_new(o, "value", json_integer((json_int_t)g->value));
	else
		json_object_set_new(o, "value", json_real(g->value));
	json_object_set_new(o, "approx", json_string(approx_of(d, g->qualifier)));
	json_object_set_new(o, "qualifier", ix_jstr(g->qualifier));
	json_object_set_new(o, "measure", ix_jstr(g->measure));
	json_object_set_new(o, "unit", ix_jstr(g->unit && !strcmp(g->unit, "USD")
	                                           ? dollar_of(d, t, g)
	                                           : g->unit));
	json_object_set_new(o, "text", ix_jstr(text));
	if (d->opts && d->opts->explain) {
		char *s = ix_squash(t, len);

		ix_explain(d, o, g->rule, s);
		free(s);
	}
	json_array_append_new(arr, o);
	free(text);
}

static int
same_fact(const figure *a, const figure *b)
{
	return a->value == b->value && a->unit == b->unit &&
	       ((a->measure == NULL && b->measure == NULL) ||
	        (a->measure && b->measure && !strcasecmp(a->measure, b->measure)));
}

/* A period of the figure's own, between it and the next figure: "the
 * 610 handed out in 2022" after "1,386 notices in 2023". */
static size_t
clause_end(const char *t, size_t len, const figure *f, size_t n, size_t i)
{
	size_t to = len;

	for (size_t j = i + 1; j < n; j++)
		if (f[j].keep) {
			to = f[j].start;
			break;
		}
	/* within the figure's own clause */
	for (size_t k = f[i].end; k < to; k++)
		if (strchr(",;:()", t[k])) {
			to = k;
			break;
		}
	return to;
}

static char *
own_period(ix_doc *d, const char *t, size_t len, const figure *f, size_t n,
           size_t i)
{
	size_t to = clause_end(t, len, f, n, i);
	ix_match m;

	if (to <= f[i].end ||
	    !ix_rules_first(d->rules, "period", t + f[i].end, to - f[i].end, &m,
	                    d->warn))
		return NULL;
	return ix_match_dup(&m, "period");
}

static void
sentence_stats(ix_doc *d, json_t *arr, const char *t, size_t len,
               const char *lead, const char *label)
{
	figure f[IX_FIGS_MAX];
	size_t n;
	char *period = NULL, *actor = NULL;
	ix_match pm;
	size_t first_verb = (size_t)-1, ppos = (size_t)-1;

	if (!ix_gate_open(d->rules, "figure", t, len, d->warn))
		return;
	n = phrase_figures(d, t, len, f, 0);
	n = all_figures(d, t, len, f, n);
	if (n == 0)
		return;
	qsort(f, n, sizeof(*f), cmp_fig);
	reject_figures(d, t, len, f, n);
	join_durations(t, f, n);
	for (size_t i = 0; i < n; i++)
		if (f[i].keep == 1)
			read_context(d, t, len, f, n, i);
	/* "3,106 (74%) of the grades": the bracket's measure is the
	 * figure's too */
	for (size_t i = 0; i + 1 < n; i++) {
		const char *p = t + f[i].end;

		while (p < t + f[i + 1].start && (*p == ' ' || *p == '('))
			p++;
		if (f[i].measure == NULL && f[i + 1].keep && f[i + 1].measure &&
		    p == t + f[i + 1].start && memchr(t + f[i].end, '(', p - (t + f[i].end))) {
			f[i].measure = ix_strndup(f[i + 1].measure,
			                          strlen(f[i + 1].measure));
			f[i].keep = 1;
		}
	}
	/* a table cell: its row label names what its figure counts */
	for (size_t i = 0; i < n && label != NULL; i++)
		if (f[i].measure == NULL && f[i].start == 0 && f[i].end == len) {
			f[i].measure = ix_strndup(label, strlen(label));
			f[i].keep = 1;
		}
	if (ix_rules_first(d->rules, "period", t, len, &pm, d->warn)) {
		period = ix_match_dup(&pm, "period");
		ppos = pm.ov[0];
	}
	for (size_t i = 0; i < n; i++)
		if (f[i].keep && f[i].action && f[i].action_before) {
			first_verb = f[i].span0;
			break;
		}
	if (first_verb != (size_t)-1)
		actor = actor_of(d, t, first_verb);
	/* a list item takes what its lead-in gives: "In 2023 our team:" */
	if (lead != NULL && (period == NULL || actor == NULL)) {
		size_t ll = strlen(lead);
		char *l = ix_strndup(lead, ll);

		if (ll > 0 && l[ll - 1] == ':')
			l[ll - 1] = ' ';
		if (period == NULL &&
		    ix_rules_first(d->rules, "period", l, ll, &pm, d->warn))
			period = ix_match_dup(&pm, "period");
		if (actor == NULL && first_verb == 0)
			actor = actor_of(d, l, ll);
		free(l);
	}
	for (size_t i = 0; i < n; i++) {
		int dup = 0;

		if (!f[i].keep)
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = f[j].keep && same_fact(&f[i], &f[j]);
		if (!dup) {
			char *own = own_period(d, t, len, f, n, i);
			const char *p = own ? own : period;

			/* "rose to 612, up from 455 in 2023": 2023 is the
			 * base's alone */
			for (size_t j = 0; own == NULL && p && j < n; j++)
				if (j != i && f[j].keep && f[j].base &&
				    ppos != (size_t)-1 && ppos >= f[j].end &&
				    ppos < clause_end(t, len, f, n, j))
					p = NULL;
			emit(d, arr, t, len, &f[i], p, actor);
			free(own);
		}
	}
	for (size_t i = 0; i < n; i++)
		fig_free(&f[i]);
	free(period);
	free(actor);
}

/* ---- tables ------------------------------------------------------------- */

/* Cell i of a "a | b | c" row, squashed; NULL past the last. */
static char *
cell(const char *row, size_t i)
{
	const char *p = row;

	/* an empty first cell leaves "| b | c" */
	if (p[0] == '|' && p[1] == ' ') {
		if (i == 0)
			return ix_strndup("", 0);
		p += 2;
		i--;
	}

	for (; i > 0; i--) {
		p = strstr(p, " | ");
		if (p == NULL)
			return NULL;
		p += 3;
	}
	{
		const char *e = strstr(p, " | ");

		return ix_squash(p, e ? (size_t)(e - p) : strlen(p));
	}
}

static int
has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

/* A header that names a period ("2023/24") rather than a measure. */
static int
is_period(ix_doc *d, const char *s)
{
	ix_match m;
	char buf[64];

	if (strlen(s) > 40)
		return 0;
	snprintf(buf, sizeof(buf), "in %s", s);
	return ix_rules_first(d->rules, "period", buf, strlen(buf), &m, d->warn) &&
	       has_digit(s);
}

/*
 * A table row: each figure cell counts what its row label names; a column
 * header gives the period ("2023/24") or the unit ("% paid"), or, when the
 * rows are periods, the measure.
 */
static void
row_stats(ix_doc *d, json_t *arr, const ix_block *row, const ix_block *head,
          const char *caption)
{
	char *label, *cap_period = NULL;
	ix_match gm;

	/* "Quality of Staffing | 5 | Very Good": a score, not a count */
	if (ix_rules_first(d->rules, "not-figure-row", row->text,
	                   strlen(row->text), &gm, d->warn))
		return;
	label = cell(row->text, 0);
	/* "Notices issued in 2023, by offence" */
	if (caption && ix_rules_first(d->rules, "period", caption, strlen(caption),
	                              &gm, d->warn))
		cap_period = ix_match_dup(&gm, "period");

	for (size_t i = 1;; i++) {
		char *c = cell(row->text, i), *h;
		const char *period = NULL, *measure = label;
		ix_buf b = {0};
		size_t before;

		if (c == NULL)
			break;
		h = head ? cell(head->text, i) : NULL;
		if (h && is_period(d, h))
			period = h;
		else if (cap_period)
			period = cap_period;
		if (label && is_period(d, label) && h && *h && !is_period(d, h)) {
			period = label;
			measure = h;
		}
		if (!has_digit(c) || measure == NULL || !*measure) {
			free(c);
			free(h);
			continue;
		}
		/* read the cell as a sentence whose label is the measure; a
		 * "%" or currency in the header is the cell's unit */
		ix_buf_adds(&b, c);
		if (h && strchr(h, '%') && !strchr(c, '%'))
			ix_buf_adds(&b, "%");
		before = json_array_size(arr);
		sentence_stats(d, arr, b.s, b.len, NULL, measure);
		for (size_t k = before; k < json_array_size(arr); k++) {
			json_t *o = json_array_get(arr, k);

			if (period && json_is_null(json_object_get(o, "period")))
				json_object_set_new(o, "period", period_json(period));
		}
		ix_buf_free(&b);
		free(c);
		free(h);
	}
	free(label);
	free(cap_period);
}

/* Cells of data, not a layout table's prose: two or more short cells. */
static int
is_data_row(const ix_block *b)
{
	const char *p = b->text, *e;

	if (strstr(p, " | ") == NULL)
		return 0;
	for (;; p = e + 3) {
		e = strstr(p, " | ");
		if ((e ? (size_t)(e - p) : strlen(p)) > 80)
			return 0;
		if (e == NULL)
			return 1;
	}
}

/* The last sentence of a block that ends in ':', the lead-in of a list. */
static const char *
lead_in(const ix_block *b)
{
	size_t tl = strlen(b->text);

	if (tl == 0 || tl >= 300 || b->text[tl - 1] != ':' ||
	    b->kind == IX_BLOCK_HEADING)
		return NULL;
	return b->nsents > 0 ? b->text + b->sents[b->nsents - 1].start : b->text;
}

/* "Calls for service: 48,512": a short label, a colon, a figure. */
static int
label_line(const char *t)
{
	const char *c = strchr(t, ':'), *stop = strpbrk(t, ".!?");
	size_t n = strlen(t);

	if (c == NULL || n > 120 || c == t || c - t > 60 ||
	    (stop != NULL && stop < c))
		return 0;
	for (c++; *c == ' '; c++)
		;
	return *c != '\0' && (isdigit((unsigned char)*c) ||
	                       strchr("$\xc2\xe2", *c) != NULL);
}

void
ix_extract_statistics(ix_doc *d, json_t *root)
{
	json_t *arr = json_array();

	json_object_set_new(root, "statistics", arr);
	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];
		const char *lead = NULL;

		if (b->kind == IX_BLOCK_HEADING)
			continue;
		if (b->kind == IX_BLOCK_ROW && b->table_id > 0 && is_data_row(b)) {
			const char *caption = NULL;
			size_t j = bi;

			while (j > 0 && d->blocks.v[j - 1].table_id == b->table_id)
				j--;
			if (j > 0 && d->blocks.v[j - 1].kind != IX_BLOCK_ROW &&
			    strlen(d->blocks.v[j - 1].text) < 60)
				caption = d->blocks.v[j - 1].text;
			/* the first row is the header the others are read by */
			if (j < bi)
				row_stats(d, arr, b, &d->blocks.v[j], caption);
			continue;
		}
		if (b->kind == IX_BLOCK_ITEM && b->list_id != 0) {
			size_t j = bi;

			while (j > 0 && d->blocks.v[j - 1].list_id == b->list_id)
				j--;
			if (j > 0)
				lead = lead_in(&d->blocks.v[j - 1]);
		} else if (b->kind == IX_BLOCK_PARA && label_line(b->text)) {
			/* "Arrests: 41" lines after "Its work in 2023 included:" */
			size_t j = bi;

			while (j > 0 && d->blocks.v[j - 1].kind == IX_BLOCK_PARA &&
			       label_line(d->blocks.v[j - 1].text))
				j--;
			if (j > 0)
				lead = lead_in(&d->blocks.v[j - 1]);
		}
		for (size_t si = 0; si < b->nsents; si++)
			if (b->sents[si].len <= IX_SENTENCE_MAX)
				sentence_stats(d, arr, b->text + b->sents[si].start,
				               b->sents[si].len, lead, NULL);
	}
}
