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

/* The grade words of every scale, as SPEC writes them. */
static const char *const grade_words[] = {
	"outstanding", "very good", "good", "adequate", "inadequate",
	"excellent", "unsatisfactory", "satisfactory", "weak", "poor",
	"reasonably good", "not sufficiently good", "requires improvement",
	"needs improvement", NULL};

/* A grade as written ("Requires Improvement", "'good'") to its word. */
static const char *
grade_norm(const char *g)
{
	char w[40];
	size_t k = 0;

	if (g == NULL)
		return NULL;
	for (; *g && k + 1 < sizeof(w); g++)
		if (*g == ' ' || *g == '\t' || *g == '\n') {
			if (k > 0 && w[k - 1] != ' ')
				w[k++] = ' ';
		} else {
			w[k++] = (char)((*g >= 'A' && *g <= 'Z') ? *g + 32 : *g);
		}
	w[k] = '\0';
	if (!strncmp(w, "requir", 6))
		return "requires improvement";
	if (!strncmp(w, "need", 4))
		return "needs improvement";
	for (size_t i = 0; grade_words[i]; i++)
		if (!strcmp(w, grade_words[i]))
			return grade_words[i];
	return NULL;
}

/* A cell or line that holds a grade and nothing else: "Good", "5 – Very
 * Good", "Very good (5)", "Grade 4: Good". The number is the scale's
 * point, not part of the grade. */
static const char *
grade_cell(const char *c)
{
	char *w, *e;
	const char *g;

	while (*c == ' ')
		c++;
	if (!strncasecmp(c, "grade ", 6))
		c += 6;
	if (*c >= '0' && *c <= '9') {
		while (*c >= '0' && *c <= '9')
			c++;
		while (*c == ' ' || *c == '-' || *c == ':' || *c == '.' || *c == '=')
			c++;
		if (!strncmp(c, "\xE2\x80\x93", 3) || !strncmp(c, "\xE2\x80\x94", 3))
			c += 3;
		while (*c == ' ')
			c++;
	}
	w = ix_strndup(c, strlen(c));
	e = w + strlen(w);
	while (e > w && (e[-1] == ' ' || e[-1] == '.'))
		*--e = '\0';
	/* a trailing "(5)" */
	if (e > w && e[-1] == ')') {
		char *o = strrchr(w, '(');

		if (o != NULL && o > w && o[1] >= '0' && o[1] <= '9') {
			*o = '\0';
			for (e = o; e > w && e[-1] == ' ';)
				*--e = '\0';
		}
	}
	g = grade_norm(w);
	free(w);
	return g;
}

/* Is g a word of the scale "a|b|c"? Without an inspectorate, SPEC's
 * words of every scale are. */
static int
on_scale(const char *scale, const char *g)
{
	size_t n = strlen(g);

	if (g == NULL)
		return 0;
	if (scale == NULL)
		return strcmp(g, "poor") && strcmp(g, "satisfactory") &&
		       strcmp(g, "needs improvement");
	for (const char *p = scale; (p = strstr(p, g)) != NULL; p++)
		if ((p == scale || p[-1] == '|') && (p[n] == '\0' || p[n] == '|'))
			return 1;
	return 0;
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
		if (mo > 0 && !strncmp(r, "last", 4) && !strstr(r, "year")) {
			/* "last October": the latest one before the
			 * reference month */
			y = mo < d->ref_month ? d->ref_year : d->ref_year - 1;
		} else if (strstr(r, "last year") || strstr(r, "previous year"))
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

#define IX_INSP_MAX 32
#define IX_AREAS_MAX 64

typedef struct {
	const ix_rule *rule;
	int count, first, title;
	int body; /* its first block in the body, -1 none */
} mention;

enum { AREA_PROSE, AREA_LISTED, AREA_QUOTED };

typedef struct {
	char *area;
	const char *grade;
	int table; /* AREA_PROSE, AREA_LISTED (a label line or a table: the
	            * page's own list) or AREA_QUOTED (said in a quote) */
} area_grade;

typedef struct {
	mention ins[IX_INSP_MAX];
	size_t nins;
	const ix_rule *cue;
	char *cue_sentence;
	int cblock;
	char *subject, *subject_short;
	int subject_w;
	json_t *when;
	int when_w;
	const char *grade;
	int grade_w;
	char *evidence;
	area_grade ag[IX_AREAS_MAX];
	size_t nag;
	int not_one; /* the page reports on many inspections */
} found;

static int
weight(const ix_rule *r)
{
	const char *w = ix_rule_get(r, "weight");

	return w ? atoi(w) : 1;
}

static void
mention_add(found *f, const ix_rule *r, int bi, int title)
{
	for (size_t i = 0; i < f->nins; i++)
		if (f->ins[i].rule == r) {
			f->ins[i].count++;
			f->ins[i].title |= title;
			if (f->ins[i].body < 0)
				f->ins[i].body = bi;
			return;
		}
	if (f->nins < IX_INSP_MAX)
		f->ins[f->nins++] = (mention){r, 1, bi, title, bi};
}

/* The inspectorate the page is about: named most, in the title, early. */
static const mention *
main_inspectorate(const found *f)
{
	const mention *best = NULL;
	int bs = 0;

	for (size_t i = 0; i < f->nins; i++) {
		const mention *m = &f->ins[i];
		int s = 2 * m->count + 4 * m->title + (m->first < 3 ? 2 : 0);

		/* a generic "... Inspectorate" loses to a known one */
		if (ix_rule_get(m->rule, "short") == NULL)
			s -= 3;
		if (best == NULL || s > bs || (s == bs && m->first < best->first)) {
			best = m;
			bs = s;
		}
	}
	return best;
}

static int
is_subject_ok(ix_doc *d, const char *s)
{
	ix_match m;

	return s != NULL && strlen(s) >= 3 &&
	       !ix_rules_first(d->rules, "not-subject", s, strlen(s), &m, d->warn);
}

static void
area_add(found *f, const char *area, const char *grade, int table)
{
	for (size_t i = 0; i < f->nag; i++)
		if (!strcasecmp(f->ag[i].area, area))
			return; /* one grade per area */
	if (f->nag < IX_AREAS_MAX)
		f->ag[f->nag++] = (area_grade){ix_strndup(area, strlen(area)),
		                               grade, table};
}

/* An area that names the whole organisation gives its overall grade. */
static int
is_whole(const char *a)
{
	static const char *const whole[] = {
		"overall", "overall effectiveness", "overall rating", "overall grade",
		"overall judgement", "overall judgment", "rating", "grade",
		"it", "them", "us", "the force",
		"the service", "the school", "the trust", "the practice", "the home",
		"the council", "the prison", "the unit", "the provider",
		"the organisation",
		/* as area_clean leaves them */
		"force", "service", "school", "trust", "practice", "council",
		"prison", "provider", "organisation", NULL};

	for (size_t i = 0; whole[i]; i++)
		if (!strcasecmp(a, whole[i]))
			return 1;
	return 0;
}

/* Trim an area: leading "the", "its", "how it", "being"; quotes, commas. */
static char *
area_clean(const char *s, size_t n)
{
	static const char *const lead[] = {"and ", "the ", "its ", "their ",
	                                   "our ", "how it ", "how they ",
	                                   "how well it ", "being ", "of ",
	                                   "but ", "yet ", "here ", "while ",
	                                   "areas of ", "area of ", NULL};
	static const char *const tail[] = {
		" in its latest ", " in their latest ", " in its most recent ",
		" in its recent ", " in its first ", " in its last ",
		" in the latest ", " following an inspection", " following its ",
		" after an inspection", NULL};
	char *a = ix_squash(s, n), *p = a;
	size_t l;
	int again = 1;

	while (again) {
		again = 0;
		for (size_t i = 0; lead[i]; i++)
			if (!strncasecmp(p, lead[i], strlen(lead[i]))) {
				p += strlen(lead[i]);
				again = 1;
			}
		while (*p == '\'' || *p == '"' || *p == ',' || *p == ' ')
			p++, again = 1;
		if (!strncmp(p, "\xE2\x80\x98", 3) || !strncmp(p, "\xE2\x80\x9C", 3))
			p += 3, again = 1;
	}
	memmove(a, p, strlen(p) + 1);
	/* "safe from fire in its latest inspection by His Majesty's ...":
	 * the inspection and who made it are no part of the area */
	for (size_t i = 0; tail[i]; i++) {
		char *t = strcasestr(a, tail[i]);

		if (t != NULL && t > a)
			*t = '\0';
	}
	for (char *t = a; (t = strstr(t, " by ")) != NULL; t += 4)
		if (t > a && ((t[4] >= 'A' && t[4] <= 'Z') ||
		              !strncasecmp(t + 4, "the inspectorate", 16) ||
		              !strncasecmp(t + 4, "inspectors", 10))) {
			*t = '\0';
			break;
		}
	l = strlen(a);
	while (l > 0 && (a[l - 1] == ' ' || a[l - 1] == ',' || a[l - 1] == '\'' ||
	                 a[l - 1] == '"' || a[l - 1] == '.'))
		a[--l] = '\0';
	while (l >= 3 && (unsigned char)a[l - 3] == 0xE2 &&
	       (unsigned char)a[l - 2] == 0x80 &&
	       ((unsigned char)a[l - 1] == 0x99 || (unsigned char)a[l - 1] == 0x9D))
		a[l -= 3] = '\0';
	return a;
}

static int
has_digit_or_count(const char *a)
{
	static const char *const counts[] = {"one", "two", "three", "four",
	                                     "five", "six", "seven", "eight",
	                                     "nine", "ten", "all", "every", NULL};

	for (const char *p = a; *p; p++)
		if (*p >= '0' && *p <= '9')
			return 1;
	for (size_t i = 0; counts[i]; i++)
		if (!strncasecmp(a, counts[i], strlen(counts[i])) &&
		    (a[strlen(counts[i])] == ' ' || a[strlen(counts[i])] == '\0'))
			return 1;
	return 0;
}

/* "A, B, C and D": one area each; only the last item splits on "and",
 * as "preventing fires and other risks" is one area. */
static void
areas_from_list(found *f, const char *list, size_t n, const char *grade,
                int table, int *whole)
{
	char *all = ix_squash(list, n), *p = all;

	while (p != NULL && *p) {
		char *comma = strstr(p, ", "), *item, *and;
		size_t il;

		if (comma == NULL) {
			/* the last item: "X and Y" unless it is one phrase */
			and = strstr(p, " and ");
			while (and && strstr(and + 5, " and "))
				and = strstr(and + 5, " and ");
			if (and != NULL && table != AREA_LISTED &&
			    strstr(all, ", ") != NULL) {
				item = area_clean(p, (size_t)(and - p));
				if (*item && !has_digit_or_count(item) && is_whole(item))
					*whole = 1;
				else if (*item && !has_digit_or_count(item))
					area_add(f, item, grade, table);
				free(item);
				p = and + 5;
			}
			il = strlen(p);
			comma = p + il;
		} else {
			il = (size_t)(comma - p);
		}
		item = area_clean(p, il);
		if (strlen(item) >= 3 && strlen(item) <= 100 && !has_digit_or_count(item)) {
			if (is_whole(item))
				*whole = 1;
			else
				area_add(f, item, grade, table);
		}
		free(item);
		p = *comma ? comma + 2 : NULL;
	}
	free(all);
}

/* A table row of grades: "Quality of Staffing | 5 | Very Good". */
static void
row_grade(found *f, const char *row)
{
	const char *bar = strstr(row, " | ");
	const char *g = NULL;

	if (bar == NULL)
		return;
	for (const char *c = bar; c != NULL; c = strstr(c + 3, " | ")) {
		const char *e = strstr(c + 3, " | ");
		char *cell = ix_squash(c + 3, e ? (size_t)(e - c - 3) : strlen(c + 3));
		const char *gn = grade_cell(cell);

		free(cell);
		if (gn != NULL)
			g = gn;
	}
	if (g != NULL) {
		char *area = area_clean(row, (size_t)(bar - row));

		if (*area && !grade_norm(area) && !has_digit_or_count(area))
			area_add(f, area, g, AREA_LISTED);
		free(area);
	}
}

/* A label and its grade in two blocks, as a definition list or a label
 * paragraph over a grade paragraph lays them out: "Standards" then
 * "Good". The grade block holds the grade alone; the label is short, no
 * sentence and no grade itself. */
static void
label_grade(found *f, const ix_block *label, const ix_block *b)
{
	const char *g;
	size_t ll = strlen(label->text);
	char *area;

	if (b->kind == IX_BLOCK_ROW || label->kind == IX_BLOCK_ROW ||
	    strlen(b->text) > 40 || (g = grade_cell(b->text)) == NULL ||
	    ll < 3 || ll > 100 || label->text[ll - 1] == '.' ||
	    label->text[ll - 1] == ':' || grade_cell(label->text) != NULL)
		return;
	area = area_clean(label->text, ll);
	if (*area && !has_digit_or_count(area)) {
		if (is_whole(area)) {
			if (f->grade_w < 3) {
				f->grade = g;
				f->grade_w = 3;
				free(f->evidence);
				f->evidence = ix_strndup(label->text, ll);
			}
		} else {
			area_add(f, area, g, AREA_LISTED);
		}
	}
	free(area);
}

/* A grade line the sentence splitter cut in two ("Are services safe? -
 * Good"): the line whole, through the listed grade rules only. */
static void
grade_line(ix_doc *d, found *f, const ix_block *b)
{
	size_t len = strlen(b->text);
	ix_match m;

	if (b->nsents < 2 || len > 160 ||
	    !ix_gate_open(d->rules, "grade", b->text, len, d->warn))
		return;
	IX_FOR_KIND(d->rules, "area-grade", ar)
	{
		char *g;
		const char *gn, *as;
		size_t an;
		int whole = 0;

		if (strcmp(ar->id, "area-grade.listed") != 0 ||
		    !ix_rule_match(d->rules, ar, b->text, len, 0, &m, d->warn))
			continue;
		g = ix_match_dup(&m, "grade");
		gn = grade_norm(g);
		if (gn && ix_match_group(&m, "area", &as, &an))
			areas_from_list(f, as, an, gn, 1, &whole);
		free(g);
	}
}

/* The double quotes open at offset at of t, from state q at its start:
 * bit 1 a curly one, bit 2 a straight one. Single quotes are left out:
 * pages quote the grade words themselves ('good'). */
static int
quote_state(const char *t, size_t at, int q)
{
	for (size_t i = 0; i < at && t[i]; i++)
		if (t[i] == '"')
			q ^= 2;
		else if ((unsigned char)t[i] == 0xE2 &&
		         (unsigned char)t[i + 1] == 0x80 && t[i + 2] != '\0') {
			if ((unsigned char)t[i + 2] == 0x9C)
				q |= 1;
			else if ((unsigned char)t[i + 2] == 0x9D)
				q &= ~1;
		}
	return q;
}

/* An area at the head of the sentence that names someone ("Redwater
 * Council's services ... have been rated good"): the organisation
 * itself, not one of its areas. */
static int
names_someone(const char *area)
{
	const char *p = strchr(area, ' ');

	for (; p != NULL; p = strchr(p + 1, ' '))
		if (p[1] >= 'A' && p[1] <= 'Z')
			return 1;
	return 0;
}

/* Split "requires improvement at A and at B" on " and at ": the
 * preposition repeated starts another area. */
static void
areas_from_prep_list(found *f, const char *list, size_t n, const char *prep,
                     size_t pn, const char *grade, int table, int *whole)
{
	char sep[16];
	const char *e = list + n, *p = list;

	if (prep == NULL || pn == 0 || pn > 8) {
		areas_from_list(f, list, n, grade, table, whole);
		return;
	}
	snprintf(sep, sizeof(sep), " and %.*s ", (int)pn, prep);
	while (p < e) {
		const char *q = NULL;

		for (const char *c = p; c + strlen(sep) <= e; c++)
			if (!strncasecmp(c, sep, strlen(sep))) {
				q = c;
				break;
			}
		if (q == NULL)
			q = e;
		areas_from_list(f, p, (size_t)(q - p), grade, table, whole);
		p = q < e ? q + strlen(sep) : e;
	}
}

/* heading: the sentence is a heading, whose wording is a headline's */
static void
scan_sentence(ix_doc *d, found *f, int bi, int heading, int quoted,
              const char *t, size_t len)
{
	const inspex_rules *rs = d->rules;
	ix_match m;
	const ix_rule *r;
	int here = 0; /* does this sentence speak of the inspection? */
	int previous; /* ... or of an earlier one? */

	if (ix_gate_open(rs, "inspectorate", t, len, d->warn)) {
		IX_FOR_KIND(rs, "inspectorate", ir)
		{
			if (ix_rule_match(rs, ir, t, len, 0, &m, d->warn)) {
				here = 1;
				mention_add(f, ir, bi, bi < 0);
			}
		}
	}
	if ((r = ix_rules_first(rs, "inspection", t, len, &m, d->warn))) {
		here = 1;
		if (f->cue == NULL && bi >= 0) {
			f->cue = r;
			f->cue_sentence = ix_strndup(t, len);
			f->cblock = bi;
		}
	}
	if (bi >= 0 && bi < 4 &&
	    ix_rules_first(rs, "not-inspection", t, len, &m, d->warn))
		f->not_one = 1;
	previous = ix_rules_first(rs, "not-grade", t, len, &m, d->warn) != NULL;
	if (bi < 6 || ix_gate_open(rs, "subject", t, len, d->warn)) {
		IX_FOR_KIND(rs, "subject", sr)
		{
			int w = weight(sr);
			char *s;

			/* headings and titles give names, not clauses */
			if ((heading && w > 1) || w <= f->subject_w ||
			    !ix_rule_match(rs, sr, t, len, 0, &m, d->warn))
				continue;
			s = ix_match_dup(&m, "subject");
			if (is_subject_ok(d, s)) {
				free(f->subject);
				free(f->subject_short);
				f->subject = s;
				f->subject_short = ix_match_dup(&m, "short");
				f->subject_w = w;
			} else {
				free(s);
			}
		}
	}
	/* the date of the inspection, not of anything else the page dates */
	if (here && !previous && !heading) {
		IX_FOR_KIND(rs, "when", wr)
		{
			const char *s;
			size_t n;
			json_t *w;

			if (weight(wr) <= f->when_w ||
			    !ix_rule_match(rs, wr, t, len, 0, &m, d->warn))
				continue;
			if (!ix_match_group(&m, "when", &s, &n)) {
				s = t + m.ov[0];
				n = m.ov[1] - m.ov[0];
			}
			w = json_object();
			json_object_set_new(w, "text", ix_jstrn(s, n));
			json_object_set_new(w, "date", resolve_when(d, &m));
			json_decref(f->when);
			f->when = w;
			f->when_w = weight(wr);
		}
	}
	if (previous || !ix_gate_open(rs, "grade", t, len, d->warn))
		return;
	/* grades for areas; an area that is the whole gives the overall */
	IX_FOR_KIND(rs, "area-grade", ar)
	{
		size_t at = 0;

		int listed = !strcmp(ar->id, "area-grade.listed");

		while (at < len && ix_rule_match(rs, ar, t, len, at, &m, d->warn)) {
			char *g = ix_match_dup(&m, "grade");
			const char *gn = grade_norm(g), *as, *ps = NULL;
			size_t an, pn = 0;
			int whole = 0;

			/* a headline's grade "at" something is its gist, not
			 * the list of areas; a speaker's grades count when no
			 * one else gives any */
			if (gn && ix_match_group(&m, "area", &as, &an) &&
			    (listed || !heading)) {
				char *a = ix_squash(as, an);
				int kind = listed ? AREA_LISTED
				           : quote_state(t, m.ov[0], quoted)
				               ? AREA_QUOTED
				               : AREA_PROSE;

				ix_match_group(&m, "prep", &ps, &pn);
				if (as == t && !listed && names_someone(a))
					; /* the organisation itself */
				else
					areas_from_prep_list(f, as, an, ps, pn, gn,
					                     kind, &whole);
				free(a);
			}
			if (whole && gn && f->grade_w < 3) {
				f->grade = gn;
				f->grade_w = 3;
				free(f->evidence);
				f->evidence = ix_strndup(t, len);
			}
			free(g);
			at = m.ov[1] > at ? m.ov[1] : at + 1;
		}
	}
	IX_FOR_KIND(rs, "grade", gr)
	{
		char *g;
		const char *gn;

		if (weight(gr) <= f->grade_w ||
		    !ix_rule_match(rs, gr, t, len, 0, &m, d->warn))
			continue;
		g = ix_match_dup(&m, "grade");
		gn = grade_norm(g);
		free(g);
		if (gn == NULL)
			continue;
		f->grade = gn;
		f->grade_w = weight(gr);
		free(f->evidence);
		f->evidence = ix_strndup(t, len);
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

static int
reports_one(ix_doc *d)
{
	ix_match m;

	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];

		for (size_t si = 0; si < b->nsents; si++)
			if (b->sents[si].len <= IX_SENTENCE_MAX &&
			    ix_rules_first(d->rules, "inspection",
			                   b->text + b->sents[si].start,
			                   b->sents[si].len, &m, d->warn))
				return 1;
	}
	return 0;
}
/* "Building" and "supporting and protecting the workforce", split out of
 * the area "Building, supporting and protecting the workforce" of the
 * same grade, are that area. */
static int
part_of_other(const found *f, size_t i)
{
	for (size_t j = 0; j < f->nag; j++)
		if (j != i && f->ag[j].table == f->ag[i].table &&
		    !strcmp(f->ag[j].grade, f->ag[i].grade) &&
		    strlen(f->ag[j].area) > strlen(f->ag[i].area) &&
		    strcasestr(f->ag[j].area, f->ag[i].area) != NULL)
			return 1;
	return 0;
}


void
ix_extract_inspection(ix_doc *d, json_t *root)
{
	found f = {0};
	json_t *o, *grades;
	char *lname = NULL;
	const mention *best;
	const char *scale = NULL;
	int tables = 0, prose = 0;

	f.cblock = -1;
	/* most pages report no inspection: look for one first */
	if (!reports_one(d)) {
		json_object_set_new(root, "inspection", json_null());
		return;
	}
	if (d->meta.title != NULL && strlen(d->meta.title) < IX_SENTENCE_MAX)
		scan_sentence(d, &f, -1, 1, 0, d->meta.title,
		              strlen(d->meta.title));
	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];
		int quoted = b->kind == IX_BLOCK_QUOTE ? 1 : 0;
		size_t qat = 0;

		if (b->kind == IX_BLOCK_ROW && strlen(b->text) < IX_SENTENCE_MAX)
			row_grade(&f, b->text);
		else
			grade_line(d, &f, b);
		if (bi > 0)
			label_grade(&f, &d->blocks.v[bi - 1], b);
		for (size_t si = 0; si < b->nsents; si++) {
			size_t at = b->sents[si].start;

			if (b->sents[si].len > IX_SENTENCE_MAX)
				continue;
			/* the quotes open where the sentence starts */
			quoted = quote_state(b->text + qat, at - qat, quoted);
			qat = at;
			scan_sentence(d, &f, (int)bi, b->kind == IX_BLOCK_HEADING,
			              quoted, b->text + at, b->sents[si].len);
		}
	}
	best = main_inspectorate(&f);
	/* an inspectorate's own site need not name itself in the text */
	if (best == NULL && f.cue != NULL && d->meta.site != NULL &&
	    strlen(d->meta.site) < 200) {
		ix_match m;

		IX_FOR_KIND(d->rules, "inspectorate", ir)
		{
			if (ix_rule_get(ir, "short") != NULL &&
			    ix_rule_match(d->rules, ir, d->meta.site,
			                  strlen(d->meta.site), 0, &m, d->warn)) {
				mention_add(&f, ir, -1, 1);
				break;
			}
		}
		best = main_inspectorate(&f);
	}
	if (f.cue == NULL || (best == NULL && f.grade == NULL && f.nag == 0) ||
	    (f.not_one && f.subject_w <= 1 && f.nag == 0)) {
		json_object_set_new(root, "inspection", json_null());
		goto out;
	}
	d->has_inspection = 1;
	/* a cue in the page's title (block -1) leaves the whole body */
	d->first_block = f.cblock < 0 ? 0 : f.cblock;
	if (best && best->body >= 0 && best->body < d->first_block)
		d->first_block = best->body;
	o = json_object();
	if (best != NULL) {
		const char *dl = ix_rule_get(best->rule, "long");

		lname = long_name(d, best->rule);
		json_object_set_new(o, "inspectorate",
		                    ix_jstr(lname ? lname : dl));
		json_object_set_new(o, "inspectorate_short",
		                    ix_jstr(ix_rule_get(best->rule, "short")));
		scale = ix_rule_get(best->rule, "scale");
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
	/* a grade is a word of the inspectorate's own scale */
	if (f.grade && !on_scale(scale, f.grade)) {
		f.grade = NULL;
		free(f.evidence);
		f.evidence = NULL;
	}
	json_object_set_new(o, "grade", f.grade ? json_string(f.grade) : json_null());
	/* the page's own list of grades beats grades read from prose, and
	 * prose beats a speaker's quote */
	for (size_t i = 0; i < f.nag; i++)
		if (f.ag[i].table == AREA_LISTED)
			tables = 1;
		else if (f.ag[i].table == AREA_PROSE)
			prose = 1;
	grades = json_array();
	for (size_t i = 0; i < f.nag; i++) {
		json_t *g;

		if ((tables && f.ag[i].table != AREA_LISTED) ||
		    (prose && f.ag[i].table == AREA_QUOTED) ||
		    !on_scale(scale, f.ag[i].grade) || part_of_other(&f, i))
			continue;
		g = json_object();
		json_object_set_new(g, "area", ix_jstr(f.ag[i].area));
		json_object_set_new(g, "grade", json_string(f.ag[i].grade));
		json_array_append_new(grades, g);
	}
	json_object_set_new(o, "grades", grades);
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
	for (size_t i = 0; i < f.nag; i++)
		free(f.ag[i].area);
}
