/*
 * Findings: the sentences in which the page reports what the inspectors
 * judged. A sentence is one when it has a source, and a polarity:
 *
 *  - a source: it says the inspectors found, noted, praised ("inspectors
 *    found", "the report highlighted", "were recognised"), or it sits
 *    where the inspectors speak: in a list after a lead-in ("Inspectors
 *    found that:"), in a section headed as findings ("Recommendations",
 *    "What does the school need to do to improve?"), in an inspector's
 *    quote, after a sourced sentence in the same paragraph, or in the
 *    issue of a focus area; a recommendation ("The service should ...")
 *    is its own source;
 *  - a polarity: an improvement wording (a lack, "not always", "should")
 *    wins over a positive one; a lead-in or a section may give it.
 *
 * The organisation's own voice (its quotes, what it has done since), the
 * page's boilerplate (the report's publication, the grading scale) and
 * the overall grade's sentence are not findings. Only pages that report
 * an inspection have findings, and only from where it is first reported.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define IX_SENTENCE_MAX 2000

enum { P_NONE, P_POSITIVE, P_IMPROVEMENT, P_EITHER };

static int
polarity_of(const ix_rule *r)
{
	const char *p = r ? ix_rule_get(r, "polarity") : NULL;

	if (p == NULL)
		return P_NONE;
	if (!strcmp(p, "positive"))
		return P_POSITIVE;
	if (!strcmp(p, "improvement"))
		return P_IMPROVEMENT;
	return P_EITHER;
}

static const ix_rule *
hit(ix_doc *d, const char *kind, const char *t, size_t len)
{
	ix_match m;

	return ix_rules_first(d->rules, kind, t, len, &m, d->warn);
}

/* The lead-in of the list block bi is in, if any: the block before the
 * list's first item, ending in ':'. */
static int
list_lead(ix_doc *d, size_t bi)
{
	const ix_block *b = &d->blocks.v[bi];
	size_t j = bi;
	const ix_block *l;
	size_t tl;

	if (b->kind != IX_BLOCK_ITEM || b->list_id == 0)
		return P_NONE;
	while (j > 0 && d->blocks.v[j - 1].list_id == b->list_id &&
	       d->blocks.v[j - 1].kind == IX_BLOCK_ITEM)
		j--;
	if (j == 0)
		return P_NONE;
	l = &d->blocks.v[j - 1];
	tl = strlen(l->text);
	if (tl == 0 || tl > IX_SENTENCE_MAX || l->text[tl - 1] != ':')
		return P_NONE;
	return polarity_of(hit(d, "finding-lead", l->text, tl));
}

/* A "- item" paragraph after a lead-in: lists written as paragraphs. */
static int
dash_item(const char *t)
{
	size_t i = 0;

	if ((t[0] == '-' || t[0] == '*') && t[1] == ' ')
		return 1;
	/* a numbered paragraph: "R1 Raise ...", "2. Improve ...", "(b) ..." */
	if (t[0] == 'R' || t[0] == '(')
		i = 1;
	if (t[i] < '0' || t[i] > '9')
		return 0;
	while (t[i] >= '0' && t[i] <= '9')
		i++;
	if (t[i] == '.' || t[i] == ')' || t[i] == ':')
		i++;
	return t[i] == ' ' && i <= 4;
}

/* A line of a word or three is a label, not a finding. */
static int
few_words(const char *s)
{
	int n = 0;

	for (const char *p = s; *p; p++)
		if (*p != ' ' && (p == s || p[-1] == ' '))
			n++;
	return n < 4;
}

static int
is_focus_issue(const ix_doc *d, size_t bi, size_t si)
{
	for (size_t i = 0; i < d->nfocus_issues; i++)
		if (d->focus_issues[i].block == bi && d->focus_issues[i].sent == si)
			return 1;
	return 0;
}

/* A heading run into its paragraph, as text taken from a PDF sets it
 * ("Summary At the school there is ..."): the section it opens, or
 * P_NONE. */
static int
runin_section(ix_doc *d, const char *t, size_t tl)
{
	size_t end = 0;

	for (int w = 0; w < 3; w++) {
		const ix_rule *r;

		while (end < tl && t[end] != ' ')
			end++;
		if (end >= tl)
			return P_NONE;
		if (t[end + 1] >= 'A' && t[end + 1] <= 'Z' &&
		    (r = hit(d, "finding-section", t, end)) != NULL)
			return polarity_of(r);
		end++;
	}
	return P_NONE;
}

static void
emit(ix_doc *d, json_t *arr, const char *kind, const char *s,
     const ix_rule *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "text", ix_jstr(s));
	if (d->opts && d->opts->explain)
		json_object_set_new(o, "rule", ix_jstr(r ? r->id : NULL));
	json_array_append_new(arr, o);
}

void
ix_extract_findings(ix_doc *d, json_t *root)
{
	json_t *arr = json_array();
	int section = P_NONE;  /* the heading above says: findings */
	int lead = P_NONE;     /* the lead-in of a paragraph list */
	int quote = 0;         /* 1 an inspector speaks, -1 the organisation */
	/* the page is telling what the inspectors judged: from where the
	 * inspection is reported or a sentence cites them, while paragraphs
	 * go on judging */
	int context = 0;

	json_object_set_new(root, "findings", arr);
	if (!d->has_inspection)
		return;
	for (size_t bi = (size_t)d->first_block; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];
		int item_lead = list_lead(d, bi), carry = 0;
		size_t tl = strlen(b->text);

		int judged = 0; /* does this block judge anything? */

		/* a short paragraph that reads as a findings heading is one:
		 * many templates set headings in <p><strong> */
		if (b->kind == IX_BLOCK_PARA && tl < 60 &&
		    !strchr(".!?:", b->text[tl > 0 ? tl - 1 : 0]) &&
		    hit(d, "finding-section", b->text, tl)) {
			section = polarity_of(hit(d, "finding-section", b->text, tl));
			lead = P_NONE;
			quote = 0;
			context = 0;
			continue;
		}
		if (b->kind == IX_BLOCK_HEADING) {
			section = tl < 200 ? polarity_of(hit(d, "finding-section",
			                                     b->text, tl))
			                   : P_NONE;
			lead = P_NONE;
			quote = 0;
			context = 0;
			continue;
		}
		/* a heading run into the paragraph opens it alone */
		int runin = b->kind == IX_BLOCK_PARA ? runin_section(d, b->text, tl)
		                                     : P_NONE;
		int sect = runin != P_NONE ? runin : section;

		/* a paragraph list goes on while its paragraphs are items */
		if (lead != P_NONE && !dash_item(b->text))
			lead = P_NONE;
		/* a quote runs on over the paragraphs that continue it */
		if (quote != 0 && b->kind != IX_BLOCK_QUOTE &&
		    !(b->text[0] == '"' || !strncmp(b->text, "\xE2\x80\x9C", 3)) &&
		    bi > 0 && d->blocks.v[bi - 1].kind != IX_BLOCK_QUOTE)
			quote = 0;
		for (size_t si = 0; si < b->nsents; si++) {
			const char *t = b->text + b->sents[si].start;
			size_t len = b->sents[si].len;
			const ix_rule *src, *imp, *pos, *rec;
			int pol = P_NONE, sourced, own, ag;
			char *s;

			if (len > IX_SENTENCE_MAX)
				continue;
			s = ix_sentence_dup(b, si);
			/* who speaks next: an inspector or the organisation */
			own = hit(d, "own-quote", t, len) && !hit(d, "finding-quote", t, len);
			if (own)
				quote = -1;
			else if (hit(d, "finding-quote", t, len))
				quote = 1;
			if (hit(d, "inspection", t, len))
				context = 1, judged = 1;
			/* a judgement of an area keeps the inspectors speaking */
			ag = hit(d, "area-grade", t, len) != NULL;
			if (ag)
				context = 1, judged = 1;
			if ((d->evidence && !strcmp(s, d->evidence)) || ag ||
			    few_words(s) || strstr(s, "://") != NULL ||
			    s[strlen(s) - 1] == '?' ||
			    (s[0] != '\0' && s[strlen(s) - 1] == ':')) {
				if (s[0] != '\0' && s[strlen(s) - 1] == ':' &&
				    b->kind != IX_BLOCK_ITEM)
					lead = polarity_of(hit(d, "finding-lead", t, len));
				free(s);
				continue;
			}
			src = hit(d, "finding-source", t, len);
			/* a sentence nothing could make a finding is not weighed:
			 * the cue rules are the costly part of a long page */
			rec = hit(d, "recommendation", t, len);
			if (src == NULL && rec == NULL && !carry && !context &&
			    item_lead == P_NONE && sect == P_NONE &&
			    !(lead != P_NONE && dash_item(s)) && quote <= 0 &&
			    !is_focus_issue(d, bi, si)) {
				free(s);
				continue;
			}
			if (hit(d, "finding-neutral", t, len)) {
				free(s);
				continue;
			}
			if (src != NULL)
				context = 1, judged = 1;
			/* what the organisation has done since is its answer */
			if (src == NULL && hit(d, "response", t, len) &&
			    !is_focus_issue(d, bi, si)) {
				free(s);
				continue;
			}
			imp = hit(d, "finding-improvement", t, len);
			pos = imp ? NULL : hit(d, "finding-positive", t, len);
			if (imp || pos)
				judged = 1;
			sourced = src != NULL || rec != NULL || carry || context ||
			          item_lead != P_NONE || sect != P_NONE ||
			          (lead != P_NONE && dash_item(s)) || quote > 0 ||
			          is_focus_issue(d, bi, si);
			/* the organisation's own words, unless they cite the
			 * inspectors */
			if (src == NULL && (quote < 0 || hit(d, "own-voice", t, len)) &&
			    !is_focus_issue(d, bi, si))
				sourced = 0;
			/* "The head said: 'I'm thrilled inspectors recognised
			 * ...'": their own quote, even when it cites them */
			if (own)
				sourced = 0;
			if (imp || (rec && (sect == P_IMPROVEMENT ||
			                    item_lead == P_IMPROVEMENT ||
			                    lead == P_IMPROVEMENT || src)))
				pol = P_IMPROVEMENT;
			else if (pos)
				pol = P_POSITIVE;
			else if (item_lead == P_POSITIVE || item_lead == P_IMPROVEMENT)
				pol = item_lead;
			else if (lead == P_POSITIVE || lead == P_IMPROVEMENT)
				pol = lead;
			else if (sect == P_POSITIVE || sect == P_IMPROVEMENT)
				pol = sect;
			if (sourced && pol != P_NONE)
				emit(d, arr, pol == P_IMPROVEMENT ? "improvement"
				                                 : "positive",
				     s, imp ? imp : pos ? pos : src ? src : rec);
			/* a sourced sentence speaks for the rest of its paragraph */
			if (src != NULL)
				carry = 1;
			free(s);
		}
		if (!judged && quote <= 0)
			context = 0;
	}
}
