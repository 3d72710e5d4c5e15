/*
 * The inspection: which inspectorate inspected what, when, and with what
 * grade. A page reports an inspection when a sentence says one happened
 * (an "inspection" rule) and it names an inspectorate or gives a grade;
 * the words "inspector" or "inspected the scene" alone are not enough.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Longest text a sentence-level rule is run on: no real sentence is
 * longer, and it bounds the work on hostile pages. */
#define IX_SENTENCE_MAX 2000

static const char *
grade_norm(const char *g)
{
	static const char *const grades[] = {"outstanding", "good", "adequate",
	                                     "inadequate", NULL};

	if (g == NULL)
		return NULL;
	for (size_t i = 0; grades[i]; i++)
		if (!strcasecmp(g, grades[i]))
			return grades[i];
	if (!strncasecmp(g, "requir", 6) || !strncasecmp(g, "needs improvement", 17))
		return "requires improvement";
	return NULL;
}

/* Resolve a when-match to YYYY[-MM[-DD]] against the reference date. */
static json_t *
resolve_when(const ix_doc *d, const ix_match *m)
{
	const char *s;
	size_t n;
	int y = 0, mo = 0, day = 0;
	char buf[16];

	if (ix_match_group(m, "month", &s, &n))
		mo = ix_month(s, n);
	if (ix_match_group(m, "day", &s, &n))
		day = atoi(s);
	if (ix_match_group(m, "year", &s, &n)) {
		y = atoi(s);
		if (n == 2)
			y += 2000;
	} else if (ix_match_group(m, "rel", &s, &n)) {
		char *r = ix_squash(s, n);

		ix_lower_ascii(r);
		if (d->ref_year == 0) {
			free(r);
			return json_null();
		}
		if (strstr(r, "last year") || strstr(r, "previous year"))
			y = d->ref_year - 1;
		else if (strstr(r, "last month") || strstr(r, "previous month")) {
			y = d->ref_year;
			mo = d->ref_month - 1;
			if (mo == 0)
				mo = 12, y--;
		} else if (strstr(r, "this month")) {
			y = d->ref_year;
			mo = d->ref_month;
		} else
			y = d->ref_year; /* this year, earlier this year */
		free(r);
	} else if (mo > 0 && d->ref_year > 0) {
		/* a bare month is the latest one not after the reference */
		y = mo <= d->ref_month ? d->ref_year : d->ref_year - 1;
	}
	if (y < 1900 || y > 2200)
		return json_null();
	if (mo >= 1 && mo <= 12 && day >= 1 && day <= 31)
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, mo, day);
	else if (mo >= 1 && mo <= 12)
		snprintf(buf, sizeof(buf), "%04d-%02d", y, mo);
	else
		snprintf(buf, sizeof(buf), "%04d", y);
	return json_string(buf);
}

typedef struct {
	const ix_rule *inspectorate;
	int iblock;
	const ix_rule *cue;
	char *cue_sentence;
	int cblock;
	char *subject, *subject_short;
	json_t *when;
	const char *grade;
	char *evidence;
	const ix_rule *grade_rule;
	json_t *grades;
} found;

/* heading: the sentence is a heading, whose wording is a headline's */
static void
scan_sentence(ix_doc *d, found *f, int bi, int heading, const char *t,
              size_t len)
{
	const inspex_rules *rs = d->rules;
	ix_match m;
	const ix_rule *r;

	int here = 0; /* does this sentence speak of the inspection? */

	if ((r = ix_rules_first(rs, "inspectorate", t, len, &m, d->warn))) {
		here = 1;
		if (f->inspectorate == NULL) {
			f->inspectorate = r;
			f->iblock = bi;
		}
	}
	if ((r = ix_rules_first(rs, "inspection", t, len, &m, d->warn))) {
		here = 1;
		if (f->cue == NULL) {
			f->cue = r;
			f->cue_sentence = ix_strndup(t, len);
			f->cblock = bi;
		}
	}
	if (f->subject == NULL && !heading &&
	    ix_gate_open(rs, "subject", t, len, d->warn) &&
	    ix_rules_first(rs, "subject", t, len, &m, d->warn)) {
		f->subject = ix_match_dup(&m, "subject");
		f->subject_short = ix_match_dup(&m, "short");
	}
	/* the date of the inspection, not of anything else the page dates */
	if (f->when == NULL && here &&
	    (r = ix_rules_first(rs, "when", t, len, &m, d->warn))) {
		const char *s;
		size_t n;
		json_t *w = json_object();

		if (!ix_match_group(&m, "when", &s, &n)) {
			s = t + m.ov[0];
			n = m.ov[1] - m.ov[0];
		}
		json_object_set_new(w, "text", ix_jstrn(s, n));
		json_object_set_new(w, "date", resolve_when(d, &m));
		f->when = w;
	}
	if (!ix_gate_open(rs, "grade", t, len, d->warn))
		return;
	/* per-area grades first; an overall grade inside one is not overall */
	IX_FOR_KIND(rs, "area-grade", ar)
	{
		size_t at = 0;

		while (at < len && ix_rule_match(rs, ar, t, len, at, &m, d->warn)) {
			char *g = ix_match_dup(&m, "grade");
			char *area = ix_match_dup(&m, "area");
			const char *gn = grade_norm(g);

			if (gn && area) {
				json_t *o = json_object();

				json_object_set_new(o, "area", ix_jstr(area));
				json_object_set_new(o, "grade", json_string(gn));
				json_array_append_new(f->grades, o);
			}
			free(g);
			free(area);
			at = m.ov[1] > at ? m.ov[1] : at + 1;
		}
	}
	if (f->grade == NULL && (r = ix_rules_first(rs, "grade", t, len, &m, d->warn))) {
		char *g = ix_match_dup(&m, "grade");

		f->grade = grade_norm(g);
		if (f->grade) {
			f->evidence = ix_strndup(t, len);
			f->grade_rule = r;
		}
		free(g);
	}
}

/* The inspectorate's name as the page writes it, if it does anywhere. */
static char *
long_name(ix_doc *d, const ix_rule *r)
{
	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];
		size_t at = 0, len = strlen(b->text);
		ix_match m;

		if (len > 20000)
			continue;
		while (at < len && ix_rule_match(d->rules, r, b->text, len, at, &m,
		                                 d->warn)) {
			char *l = ix_match_dup(&m, "long");

			if (l != NULL)
				return l;
			at = m.ov[1] > at ? m.ov[1] : at + 1;
		}
	}
	return NULL;
}

static char *
acronym_for(const ix_doc *d, const char *longform)
{
	size_t i;
	json_t *a;

	if (longform == NULL || d->acronyms == NULL)
		return NULL;
	json_array_foreach(d->acronyms, i, a)
	{
		const char *l = json_string_value(json_object_get(a, "long"));

		if (l && !strcasecmp(l, longform))
			return ix_strndup(json_string_value(json_object_get(a, "short")),
			                  strlen(json_string_value(json_object_get(a, "short"))));
	}
	return NULL;
}

void
ix_extract_inspection(ix_doc *d, json_t *root)
{
	found f = {0};
	json_t *o;
	char *lname = NULL;

	f.grades = json_array();
	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];

		for (size_t si = 0; si < b->nsents; si++) {
			if (b->sents[si].len > IX_SENTENCE_MAX)
				continue;
			scan_sentence(d, &f, (int)bi, b->kind == IX_BLOCK_HEADING,
			              b->text + b->sents[si].start, b->sents[si].len);
		}
	}
	if (f.cue == NULL || (f.inspectorate == NULL && f.grade == NULL)) {
		json_object_set_new(root, "inspection", json_null());
		goto out;
	}
	d->has_inspection = 1;
	d->first_block = f.cblock;
	if (f.inspectorate && f.iblock < d->first_block)
		d->first_block = f.iblock;
	o = json_object();
	if (f.inspectorate != NULL) {
		const char *dl = ix_rule_get(f.inspectorate, "long");

		lname = long_name(d, f.inspectorate);
		json_object_set_new(o, "inspectorate",
		                    ix_jstr(lname ? lname : dl));
		json_object_set_new(o, "inspectorate_short",
		                    ix_jstr(ix_rule_get(f.inspectorate, "short")));
	} else {
		json_object_set_new(o, "inspectorate", json_null());
		json_object_set_new(o, "inspectorate_short", json_null());
	}
	if (f.subject != NULL && f.subject_short == NULL)
		f.subject_short = acronym_for(d, f.subject);
	json_object_set_new(o, "subject", ix_jstr(f.subject));
	json_object_set_new(o, "subject_short", ix_jstr(f.subject_short));
	json_object_set_new(o, "when", f.when ? f.when : json_null());
	f.when = NULL;
	json_object_set_new(o, "grade", f.grade ? json_string(f.grade) : json_null());
	json_object_set_new(o, "grades", f.grades);
	f.grades = NULL;
	json_object_set_new(o, "evidence", ix_jstr(f.evidence));
	if (d->opts && d->opts->explain) {
		json_object_set_new(o, "rule", ix_jstr(f.cue->id));
		json_object_set_new(o, "sentence", ix_jstr(f.cue_sentence));
	}
	json_object_set_new(root, "inspection", o);
	d->evidence = f.evidence;
	f.evidence = NULL;
out:
	free(lname);
	free(f.cue_sentence);
	free(f.subject);
	free(f.subject_short);
	free(f.evidence);
	json_decref(f.when);
	json_decref(f.grades);
}
