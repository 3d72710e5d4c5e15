/*
 * Statistics: every "action + quantity + measure" a sentence states. The
 * statistic rules find the phrase and name its parts; this module reads
 * the number, maps the qualifier to "approx", carries the action across a
 * list ("made 30 arrests, seized 12 vehicles and ..."), and takes the
 * period and the actor from the sentence around the figures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define IX_SENTENCE_MAX 2000
#define IX_HITS_MAX 64

typedef struct {
	ix_match m;
	size_t vstart, vend;
} hit;

static int
overlaps(const hit *h, size_t n, size_t a, size_t b)
{
	for (size_t i = 0; i < n; i++)
		if (a < h[i].vend && h[i].vstart < b)
			return 1;
	return 0;
}

/* Worth keeping: a measure or a unit, and a list continuation only after
 * a figure that has its own verb. Checked before a hit claims its span,
 * so that a later rule can still read the same figure. */
static int
usable(const hit *h, size_t n, const ix_match *m, size_t vstart,
       const char *vs, size_t vn)
{
	const char *s;
	size_t l;
	double v;
	const char *unit = NULL;

	if (ix_rule_get(m->rule, "continuation")) {
		int prior = 0;

		for (size_t i = 0; i < n; i++)
			if (h[i].vstart < vstart &&
			    !ix_rule_get(h[i].m.rule, "continuation"))
				prior = 1;
		if (!prior)
			return 0;
	}
	if (!ix_number_parse(vs, vn, &v, &unit))
		return 0;
	return unit != NULL || ix_match_group(m, "measure", &s, &l) ||
	       ix_match_group(m, "unit", &s, &l) || ix_rule_get(m->rule, "unit");
}

static int
cmp_hit(const void *a, const void *b)
{
	const hit *x = a, *y = b;

	return x->vstart < y->vstart ? -1 : x->vstart > y->vstart;
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

static char *
group_or_null(const ix_match *m, const char *name)
{
	return ix_match_dup(m, name);
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

static void
sentence_stats(ix_doc *d, json_t *arr, const char *t, size_t len,
               const char *lead)
{
	hit hits[IX_HITS_MAX];
	size_t nh = 0;
	char *period = NULL, *actor = NULL, *prev_action = NULL;
	ix_match pm;
	size_t first_start = (size_t)-1;

	if (!ix_gate_open(d->rules, "statistic", t, len, d->warn))
		return;
	IX_FOR_KIND(d->rules, "statistic", r)
	{
		size_t at = 0;
		ix_match m;

		while (at < len && nh < IX_HITS_MAX &&
		       ix_rule_match(d->rules, r, t, len, at, &m, d->warn)) {
			const char *vs;
			size_t vn;

			if (!ix_match_group(&m, "value", &vs, &vn)) {
				at = m.ov[1] > at ? m.ov[1] : at + 1;
				continue;
			}
			if (!overlaps(hits, nh, (size_t)(vs - t), (size_t)(vs - t) + vn) &&
			    usable(hits, nh, &m, (size_t)(vs - t), vs, vn)) {
				hits[nh].m = m;
				hits[nh].vstart = (size_t)(vs - t);
				hits[nh].vend = (size_t)(vs - t) + vn;
				nh++;
			}
			at = (size_t)(vs - t) + vn;
		}
	}
	if (nh == 0)
		return;
	qsort(hits, nh, sizeof(*hits), cmp_hit);
	if (ix_rules_first(d->rules, "period", t, len, &pm, d->warn))
		period = ix_match_dup(&pm, "period");
	/* the actor is the subject of the first figure with its own verb */
	for (size_t i = 0; i < nh; i++) {
		const char *as;
		size_t an;

		if (!ix_rule_get(hits[i].m.rule, "continuation") &&
		    !ix_rule_get(hits[i].m.rule, "actor") &&
		    ix_match_group(&hits[i].m, "action", &as, &an)) {
			first_start = hits[i].m.ov[0];
			break;
		}
	}
	if (first_start != (size_t)-1)
		actor = actor_of(d, t, first_start);
	/* a list item takes what its lead-in gives: "In 2023 our team:" */
	if (lead != NULL && (period == NULL || actor == NULL)) {
		size_t ll = strlen(lead);
		char *l = ix_strndup(lead, ll);

		l[ll - 1] = ' '; /* the colon */
		if (period == NULL &&
		    ix_rules_first(d->rules, "period", l, ll, &pm, d->warn))
			period = ix_match_dup(&pm, "period");
		if (actor == NULL && first_start == 0)
			actor = actor_of(d, l, ll);
		free(l);
	}
	for (size_t i = 0; i < nh; i++) {
		ix_match *m = &hits[i].m;
		char *action = group_or_null(m, "action");
		char *qual = group_or_null(m, "qualifier");
		char *measure = group_or_null(m, "measure");
		char *ustr = group_or_null(m, "unit");
		const char *unit = NULL, *nunit = NULL;
		const char *vs;
		size_t vn;
		double value;
		json_t *o;
		char *text;

		ix_match_group(m, "value", &vs, &vn);
		if (ix_rule_get(m->rule, "continuation") && prev_action == NULL)
			goto next;
		if (!ix_number_parse(vs, vn, &value, &nunit))
			goto next;
		if (ustr != NULL)
			unit = ix_unit_norm(ustr, strlen(ustr));
		if (unit == NULL)
			unit = nunit;
		if (unit == NULL)
			unit = ix_rule_get(m->rule, "unit");
		/* "5,000 miles": the measure was a unit */
		if (unit == NULL && measure != NULL &&
		    (unit = ix_unit_norm(measure, strlen(measure))) != NULL) {
			free(measure);
			measure = NULL;
		}
		if (measure == NULL && unit == NULL)
			goto next;
		if (action == NULL && prev_action != NULL &&
		    ix_rule_get(m->rule, "continuation"))
			action = ix_strndup(prev_action, strlen(prev_action));
		text = ix_squash(t + m->ov[0], m->ov[1] - m->ov[0]);
		o = json_object();
		json_object_set_new(o, "period", ix_jstr(period));
		json_object_set_new(o, "actor",
		                    m->ov[0] >= first_start &&
		                            !ix_rule_get(m->rule, "actor")
		                        ? ix_jstr(actor)
		                        : json_null());
		json_object_set_new(o, "action", ix_jstr(action));
		if (value == floor(value) && fabs(value) < 9e15)
			json_object_set_new(o, "value", json_integer((json_int_t)value));
		else
			json_object_set_new(o, "value", json_real(value));
		json_object_set_new(o, "approx", json_string(approx_of(d, qual)));
		json_object_set_new(o, "qualifier", ix_jstr(qual));
		json_object_set_new(o, "measure", ix_jstr(measure));
		json_object_set_new(o, "unit", ix_jstr(unit));
		json_object_set_new(o, "text", ix_jstr(text));
		if (d->opts && d->opts->explain) {
			char *s = ix_squash(t, len);

			ix_explain(d, o, m->rule, s);
			free(s);
		}
		json_array_append_new(arr, o);
		free(text);
		if (action != NULL) {
			free(prev_action);
			prev_action = ix_strndup(action, strlen(action));
		}
next:
		free(action);
		free(qual);
		free(measure);
		free(ustr);
	}
	free(prev_action);
	free(period);
	free(actor);
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
		if (b->kind == IX_BLOCK_ITEM && b->list_id > 0) {
			size_t j = bi;

			while (j > 0 && d->blocks.v[j - 1].list_id == b->list_id)
				j--;
			if (j > 0) {
				const char *t = d->blocks.v[j - 1].text;
				size_t tl = strlen(t);

				if (tl > 0 && tl < 300 && t[tl - 1] == ':')
					lead = t;
			}
		}
		for (size_t si = 0; si < b->nsents; si++)
			if (b->sents[si].len <= IX_SENTENCE_MAX)
				sentence_stats(d, arr, b->text + b->sents[si].start,
				               b->sents[si].len, lead);
	}
}
