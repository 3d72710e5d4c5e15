/*
 * The html format, the evidence view: one self-contained page per run
 * (ix_html_header and ix_html_footer frame it), one section per input
 * with the facts in a table beside the article text as inspex kept it.
 * Every sentence that gave a fact is a <mark> labelled with what it gave;
 * table rows and sentences link to each other. No script and no remote
 * asset: the page carries a Content-Security-Policy that forbids both, and
 * everything copied from the page is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

void
ix_html_escape(ix_buf *out, const char *s, size_t n)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		ix_buf_add(out, s + from, i - from);
		ix_buf_adds(out, rep);
		from = i + 1;
	}
	ix_buf_add(out, s + from, n - from);
}

static void
esc(ix_buf *out, const char *s)
{
	if (s != NULL)
		ix_html_escape(out, s, strlen(s));
}

static const char style[] =
	":root{color-scheme:light dark;--bg:#f7f7f4;--fg:#1f2328;"
	"--muted:#5c6370;--line:#dcdcd6;--card:#fff;--mark:#fdefb2;"
	"--link:#0a58ca;--positive:#1a7f37;--improvement:#b42318;"
	"--statistic:#0a58ca;--inspection:#7c3aed;--grade:#7c3aed;"
	"--issue:#b54708;--response:#0e7490;--acronym:#5c6370;"
	"--author:#5c6370}\n"
	"@media (prefers-color-scheme:dark){:root{--bg:#16181c;"
	"--fg:#e6e6e3;--muted:#a3a8b0;--line:#33363c;--card:#1f2227;"
	"--mark:#5b4708;--link:#8ab4f8;--positive:#6fd08c;"
	"--improvement:#ff8a80;--statistic:#8ab4f8;--inspection:#c4a7ff;"
	"--grade:#c4a7ff;--issue:#fdb56b;--response:#67d4e8;"
	"--acronym:#b8bcc4;--author:#b8bcc4}}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--fg);"
	"font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Noto Sans\",\"DejaVu Sans\",sans-serif}\n"
	"a{color:var(--link)}\n"
	"body>header,body>section,body>footer{max-width:1400px;"
	"margin:0 auto;padding:12px 16px}\n"
	"body>header h1{font-size:1.25rem;margin:.4rem 0 .2rem}\n"
	"body>header p,body>footer{color:var(--muted);font-size:.875rem;"
	"margin:0}\n"
	"section{border-top:1px solid var(--line)}\n"
	"section h2{font-size:1.5rem;line-height:1.25;margin:.6rem 0 .3rem}\n"
	"section h2 a{color:inherit;text-decoration:none}\n"
	".src{color:var(--muted);font-size:.875rem;margin:0 0 1rem;"
	"overflow-wrap:anywhere}\n"
	".src span+span:before{content:\" \\00b7  \"}\n"
	".grid{display:grid;grid-template-columns:minmax(0,5fr) "
	"minmax(0,6fr);gap:20px;align-items:start}\n"
	"@media (max-width:860px){.grid{grid-template-columns:minmax(0,1fr)}}\n"
	".facts{background:var(--card);border:1px solid var(--line);"
	"border-radius:8px;overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:.8125rem;"
	"line-height:1.4}\n"
	"caption{text-align:left;font-weight:600;padding:8px 10px}\n"
	"th,td{text-align:left;vertical-align:top;padding:5px 8px;"
	"border-top:1px solid var(--line)}\n"
	"th{color:var(--muted);font-weight:600}\n"
	"td.n{text-align:right;white-space:nowrap}\n"
	"td.k{white-space:nowrap;font-weight:600;border-left:3px solid "
	"var(--c,var(--muted))}\n"
	"td.v{font-weight:600;min-width:6em}\n"
	"td.d .t{display:-webkit-box;-webkit-line-clamp:3;"
	"-webkit-box-orient:vertical;overflow:hidden}\n"
	"td.d i,.lab i{font-style:normal;color:var(--muted)}\n"
	"td.r{font-family:ui-monospace,monospace;font-size:.75rem;"
	"color:var(--muted)}\n"
	"tr:target td{background:var(--mark)}\n"
	"@media (max-width:600px){thead{display:none}"
	"tr{display:grid;grid-template-columns:2.4em auto 1fr;"
	"border-top:1px solid var(--line);border-left:3px solid "
	"var(--c,var(--muted))}td,td.k{border:0}"
	"td.d,td.r{grid-column:2/-1;padding-top:0}}\n"
	"article{background:var(--card);border:1px solid var(--line);"
	"border-radius:8px;padding:4px 20px}\n"
	"article h3,article h4{line-height:1.3;margin:1rem 0 .4rem}\n"
	"article p,article ul{margin:.6rem 0}\n"
	"article ul{padding-left:1.3rem}\n"
	"article li{margin:.3rem 0}\n"
	"mark{background:var(--mark);color:inherit;padding:1px 2px;"
	"border-radius:3px;-webkit-box-decoration-break:clone;"
	"box-decoration-break:clone}\n"
	"mark:target{outline:2px solid var(--link);outline-offset:1px}\n"
	"mark b{font-weight:inherit;text-decoration:underline;"
	"text-decoration-thickness:2px;text-underline-offset:2px}\n"
	".lab{display:inline-block;font-size:.6875rem;line-height:1.3;"
	"font-weight:600;padding:0 5px;margin:0 0 0 3px;border-radius:9px;"
	"border:1px solid var(--c,var(--muted));color:var(--c,var(--muted));"
	"text-decoration:none;vertical-align:1px;white-space:nowrap}\n"
	".lab i{color:inherit;font-weight:400}\n"
	".k-positive{--c:var(--positive)}.k-improvement{--c:var(--improvement)}"
	".k-statistic{--c:var(--statistic)}.k-inspection{--c:var(--inspection)}"
	".k-grade{--c:var(--grade)}.k-issue{--c:var(--issue)}"
	".k-response{--c:var(--response)}.k-acronym{--c:var(--acronym)}"
	".k-author{--c:var(--author)}\n"
	".none{color:var(--muted);font-style:italic}\n";

void
ix_html_header(ix_buf *out)
{
	ix_buf_adds(out,
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n"
		"<meta name=\"color-scheme\" content=\"light dark\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\""
		"default-src 'none'; style-src 'unsafe-inline'; "
		"base-uri 'none'; form-action 'none'\">\n"
		"<meta name=\"referrer\" content=\"no-referrer\">\n"
		"<meta name=\"generator\" content=\"inspex\">\n"
		"<title>inspex evidence view</title>\n<style>\n");
	ix_buf_adds(out, style);
	ix_buf_adds(out,
		"</style>\n</head>\n<body>\n<header>\n"
		"<h1>inspex evidence view</h1>\n"
		"<p>Each highlighted sentence gave the facts named in its "
		"labels. A fact&#39;s number leads to its sentence; a label "
		"leads back to the fact.</p>\n</header>\n");
}

void
ix_html_footer(ix_buf *out)
{
	ix_buf_adds(out, "<footer>Made by inspex, schema " INSPEX_SCHEMA
	                 ".</footer>\n</body>\n</html>\n");
}

/* ---- facts and the sentences that gave them ---------------------------- */

typedef struct {
	size_t block;
	size_t start;
	size_t len;
} sent;

typedef struct {
	const char *kind; /* css class k-KIND and the label's first word */
	const char *kname; /* as shown in the table */
	char *value;      /* plain text */
	ix_buf detail;    /* HTML, already escaped */
	const char *rule;
	const char *find;   /* text to look for */
	char *find2;        /* owned text to look for first, or NULL */
	int whole;          /* find is a whole sentence */
	int from_end;       /* the last sentence that has it (signatures) */
	const char *phrase; /* underlined inside the sentence */
	long sent;          /* index into the view's sentences, -1 if none */
	long next;          /* next fact of the same sentence, -1 */
} fact;

typedef struct {
	sent *s;
	size_t ns;
	fact *f;
	size_t nf, capf;
	size_t cursor; /* where the last search ended: facts come in order */
} view;

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static fact *
add_fact(view *v, const char *kind, const char *kname, json_t *o)
{
	fact *f;

	if (v->nf == v->capf) {
		v->capf = v->capf ? v->capf * 2 : 16;
		v->f = ix_xrealloc(v->f, v->capf * sizeof(*v->f));
	}
	f = &v->f[v->nf++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->kname = kname;
	f->rule = str(o, "rule");
	f->sent = -1;
	f->next = -1;
	return f;
}

/* Offset of needle in hay[0..n), ASCII case ignored; -1 if absent. */
static long
find_in(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	if (k == 0 || k > n)
		return -1;
	for (size_t i = 0; i + k <= n; i++)
		if (!strncasecmp(hay + i, needle, k))
			return (long)i;
	return -1;
}

static int
sent_has(const view *v, const ix_blocks *bs, size_t i, const char *needle,
         int whole)
{
	const sent *s = &v->s[i];
	const char *t = bs->v[s->block].text + s->start;

	if (whole)
		return strlen(needle) == s->len && !strncmp(t, needle, s->len);
	return find_in(t, s->len, needle) >= 0;
}

/* The sentence that gave a fact: a whole-sentence match first, then the
 * first sentence containing the text, searching on from the last hit. */
static long
locate(view *v, const ix_blocks *bs, const char *needle, int whole,
       int from_end)
{
	if (needle == NULL || *needle == '\0' || v->ns == 0)
		return -1;
	for (int pass = whole ? 0 : 1; pass < 2; pass++) {
		for (size_t k = 0; k < v->ns; k++) {
			size_t i = from_end ? v->ns - 1 - k
			                    : (v->cursor + k) % v->ns;

			if (sent_has(v, bs, i, needle, pass == 0)) {
				if (!from_end)
					v->cursor = i;
				return (long)i;
			}
		}
	}
	return -1;
}

static void
kv(ix_buf *d, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (d->len)
		ix_buf_adds(d, "<br>");
	ix_buf_printf(d, "<i>%s</i> ", key);
	esc(d, value);
}

static void
text_detail(ix_buf *d, const char *text)
{
	ix_buf_adds(d, "<span class=\"t\">");
	esc(d, text);
	ix_buf_adds(d, "</span>");
}

static void
reset(ix_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static char *
dup(const char *s)
{
	return s ? ix_strndup(s, strlen(s)) : NULL;
}

static void
number(ix_buf *b, json_t *v)
{
	if (json_is_integer(v))
		ix_buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		ix_buf_printf(b, "%.15g", json_real_value(v));
}

static void
inspection_facts(view *v, json_t *in)
{
	json_t *w = json_object_get(in, "when"), *e;
	fact *f = add_fact(v, "inspection", "inspection", in);
	ix_buf b = {0};
	size_t i;

	f->value = dup(str(in, "grade") ? str(in, "grade") : "no grade");
	ix_buf_adds(&b, str(in, "inspectorate") ? str(in, "inspectorate") : "");
	if (str(in, "inspectorate_short"))
		ix_buf_printf(&b, " (%s)", str(in, "inspectorate_short"));
	kv(&f->detail, "by", b.s);
	reset(&b);
	ix_buf_adds(&b, str(in, "subject") ? str(in, "subject") : "");
	if (str(in, "subject_short"))
		ix_buf_printf(&b, " (%s)", str(in, "subject_short"));
	kv(&f->detail, "of", b.s);
	reset(&b);
	if (str(w, "text")) {
		ix_buf_adds(&b, str(w, "text"));
		if (str(w, "date"))
			ix_buf_printf(&b, " (%s)", str(w, "date"));
	}
	kv(&f->detail, "when", b.s);
	ix_buf_free(&b);
	f->find = str(in, "evidence") ? str(in, "evidence") : str(in, "sentence");
	f->whole = 1;
	f->phrase = str(in, "grade");
	json_array_foreach(json_object_get(in, "grades"), i, e)
	{
		f = add_fact(v, "grade", "grade", e);
		f->value = dup(str(e, "grade"));
		kv(&f->detail, "area", str(e, "area"));
		f->find = str(e, "area");
		f->phrase = str(e, "grade");
	}
}

static void
focus_facts(view *v, json_t *arr)
{
	static const char *const parts[] = {"issue", "response"};
	json_t *e, *s;
	size_t i, k;

	json_array_foreach(arr, i, e)
		for (size_t p = 0; p < 2; p++)
			json_array_foreach(json_object_get(e, parts[p]), k, s)
			{
				fact *f = add_fact(v, parts[p], parts[p], e);
				ix_buf b = {0};

				ix_buf_printf(&b, "area %zu", i + 1);
				f->value = ix_buf_take(&b);
				text_detail(&f->detail, json_string_value(s));
				f->find = json_string_value(s);
				f->whole = 1;
			}
}

static void
statistic_facts(view *v, json_t *arr)
{
	json_t *e;
	size_t i;

	json_array_foreach(arr, i, e)
	{
		fact *f = add_fact(v, "statistic", "statistic", e);
		ix_buf b = {0};

		if (str(e, "qualifier"))
			ix_buf_printf(&b, "%s ", str(e, "qualifier"));
		number(&b, json_object_get(e, "value"));
		if (str(e, "unit"))
			ix_buf_printf(&b, " %s", str(e, "unit"));
		if (str(e, "measure"))
			ix_buf_printf(&b, " %s", str(e, "measure"));
		f->value = ix_buf_take(&b);
		kv(&f->detail, "action", str(e, "action"));
		kv(&f->detail, "actor", str(e, "actor"));
		kv(&f->detail, "period", str(e, "period"));
		kv(&f->detail, "approx", str(e, "approx"));
		kv(&f->detail, "text", str(e, "text"));
		/* --explain names the sentence; else the phrase finds it */
		f->find = str(e, "sentence") ? str(e, "sentence") : str(e, "text");
		f->whole = str(e, "sentence") != NULL;
		f->phrase = str(e, "text");
	}
}

static void
collect(view *v, const inspex_result *res)
{
	json_t *r = res->root, *au = json_object_get(r, "author");
	json_t *in = json_object_get(r, "inspection"), *e;
	size_t i;

	if (json_is_object(in))
		inspection_facts(v, in);
	json_array_foreach(json_object_get(r, "findings"), i, e)
	{
		const char *k = str(e, "kind");
		fact *f = add_fact(v, k && !strcmp(k, "positive") ? "positive"
		                                                  : "improvement",
		                   "finding", e);

		f->value = dup(k);
		text_detail(&f->detail, str(e, "text"));
		f->find = str(e, "text");
		f->whole = 1;
	}
	focus_facts(v, json_object_get(r, "focus_areas"));
	statistic_facts(v, json_object_get(r, "statistics"));
	json_array_foreach(json_object_get(r, "acronyms"), i, e)
	{
		fact *f = add_fact(v, "acronym", "acronym", e);
		ix_buf b = {0};

		f->value = dup(str(e, "short"));
		kv(&f->detail, "stands for", str(e, "long"));
		/* the definition, "long (SHORT)", before any other use */
		ix_buf_printf(&b, "%s (%s)", str(e, "long") ? str(e, "long") : "",
		              str(e, "short") ? str(e, "short") : "");
		f->find2 = ix_buf_take(&b);
		f->find = str(e, "long");
		f->phrase = str(e, "long");
	}
	if (str(au, "name")) {
		fact *f = add_fact(v, "author", "author", au);

		f->value = dup(str(au, "name"));
		kv(&f->detail, "role", str(au, "role"));
		f->find = str(au, "name");
		f->from_end = 1;
		f->phrase = str(au, "name");
	}
}

/* Find every fact's sentence and chain the facts of each sentence. */
static long *
place(view *v, const ix_blocks *bs)
{
	long *first = ix_xmalloc((v->ns ? v->ns : 1) * sizeof(*first));
	long *last = ix_xmalloc((v->ns ? v->ns : 1) * sizeof(*last));

	for (size_t i = 0; i < v->ns; i++)
		first[i] = last[i] = -1;
	for (size_t i = 0; i < v->nf; i++) {
		fact *f = &v->f[i];

		/* facts of one kind come in text order; each kind starts over */
		if (i == 0 || strcmp(f->kname, v->f[i - 1].kname))
			v->cursor = 0;
		if (f->find2 != NULL)
			f->sent = locate(v, bs, f->find2, 0, 0);
		if (f->sent < 0)
			f->sent = locate(v, bs, f->find, f->whole, f->from_end);
		if (f->sent < 0)
			continue;
		if (last[f->sent] < 0)
			first[f->sent] = (long)i;
		else
			v->f[last[f->sent]].next = (long)i;
		last[f->sent] = (long)i;
	}
	free(last);
	return first;
}

/* ---- rendering ------------------------------------------------------------ */

static void
facts_table(ix_buf *out, const view *v, size_t in)
{
	int rules = 0;

	for (size_t i = 0; i < v->nf; i++)
		rules |= v->f[i].rule != NULL;
	ix_buf_printf(out, "<div class=\"facts\"><table>\n<caption>%zu "
	                   "fact%s</caption>\n<thead><tr><th>#</th><th>kind"
	                   "</th><th>value</th><th>detail</th>%s</tr></thead>"
	                   "\n<tbody>\n",
	              v->nf, v->nf == 1 ? "" : "s",
	              rules ? "<th>rule</th>" : "");
	for (size_t i = 0; i < v->nf; i++) {
		const fact *f = &v->f[i];

		ix_buf_printf(out, "<tr id=\"in%zu-f%zu\" class=\"k-%s\">"
		                   "<td class=\"n\">", in, i + 1, f->kind);
		if (f->sent >= 0)
			ix_buf_printf(out, "<a href=\"#in%zu-s%ld\">%zu</a>", in,
			              f->sent + 1, i + 1);
		else
			ix_buf_printf(out, "%zu", i + 1);
		ix_buf_printf(out, "</td><td class=\"k\">%s</td><td class=\"v\">",
		              f->kname);
		esc(out, f->value);
		ix_buf_adds(out, "</td><td class=\"d\">");
		if (f->detail.len)
			ix_buf_add(out, f->detail.s, f->detail.len);
		if (f->sent < 0)
			ix_buf_adds(out, "<br><span class=\"none\">no sentence "
			                 "in the text</span>");
		ix_buf_adds(out, "</td>");
		if (rules) {
			ix_buf_adds(out, "<td class=\"r\">");
			esc(out, f->rule);
			ix_buf_adds(out, "</td>");
		}
		ix_buf_adds(out, "</tr>\n");
	}
	ix_buf_adds(out, "</tbody></table></div>\n");
}

typedef struct {
	size_t a, b;
} range;

static int
range_cmp(const void *x, const void *y)
{
	const range *p = x, *q = y;

	return p->a < q->a ? -1 : p->a > q->a;
}

/* A marked sentence: the phrases its facts came from underlined, then a
 * label per fact linking back to the fact's row. */
static void
marked(ix_buf *out, const view *v, size_t in, long si, long fi,
       const char *t, size_t n)
{
	range *rs = NULL;
	size_t nr = 0, at = 0;

	for (long k = fi; k >= 0; k = v->f[k].next) {
		const fact *f = &v->f[k];
		long off;

		if (f->phrase == NULL || (off = find_in(t, n, f->phrase)) < 0)
			continue;
		rs = ix_xrealloc(rs, (nr + 1) * sizeof(*rs));
		rs[nr].a = (size_t)off;
		rs[nr].b = (size_t)off + strlen(f->phrase);
		nr++;
	}
	if (nr > 1)
		qsort(rs, nr, sizeof(*rs), range_cmp);
	ix_buf_printf(out, "<mark id=\"in%zu-s%ld\">", in, si + 1);
	for (size_t i = 0; i < nr; i++) {
		if (rs[i].a < at)
			continue; /* overlaps the previous phrase */
		ix_html_escape(out, t + at, rs[i].a - at);
		ix_buf_adds(out, "<b>");
		ix_html_escape(out, t + rs[i].a, rs[i].b - rs[i].a);
		ix_buf_adds(out, "</b>");
		at = rs[i].b;
	}
	ix_html_escape(out, t + at, n - at);
	ix_buf_adds(out, "</mark>");
	free(rs);
	for (long k = fi; k >= 0; k = v->f[k].next) {
		const fact *f = &v->f[k];

		ix_buf_printf(out, " <a class=\"lab k-%s\" href=\"#in%zu-f%ld\">"
		                   "%ld %s <i>",
		              f->kind, in, k + 1, k + 1, f->kname);
		esc(out, f->value);
		ix_buf_adds(out, "</i></a>");
	}
}

static void
block_text(ix_buf *out, const view *v, const long *first, size_t in,
           const ix_block *b, size_t *si)
{
	size_t at = 0;

	for (size_t i = 0; i < b->nsents; i++, (*si)++) {
		const ix_span *sp = &b->sents[i];

		ix_html_escape(out, b->text + at, sp->start - at);
		if (first[*si] >= 0)
			marked(out, v, in, (long)*si, first[*si], b->text + sp->start,
			       sp->len);
		else
			ix_html_escape(out, b->text + sp->start, sp->len);
		at = sp->start + sp->len;
	}
	esc(out, b->text + at);
}

static void
article(ix_buf *out, const view *v, const long *first, size_t in,
        const ix_blocks *bs)
{
	size_t si = 0;

	ix_buf_adds(out, "<article>\n");
	if (bs->n == 0)
		ix_buf_adds(out, "<p class=\"none\">No main text was kept "
		                 "from this page.</p>\n");
	for (size_t i = 0; i < bs->n; i++) {
		const ix_block *b = &bs->v[i];
		const ix_block *p = i ? &bs->v[i - 1] : NULL;
		const ix_block *nx = i + 1 < bs->n ? &bs->v[i + 1] : NULL;
		int h = b->level <= 2 ? 3 : 4;

		switch (b->kind) {
		case IX_BLOCK_HEADING:
			ix_buf_printf(out, "<h%d>", h);
			block_text(out, v, first, in, b, &si);
			ix_buf_printf(out, "</h%d>\n", h);
			break;
		case IX_BLOCK_ITEM:
			/* items of one list share a <ul>; blocks of one item
			 * share an <li> */
			if (p == NULL || p->kind != IX_BLOCK_ITEM ||
			    p->list_id != b->list_id)
				ix_buf_adds(out, "<ul>\n");
			if (p != NULL && p->kind == IX_BLOCK_ITEM &&
			    p->list_id == b->list_id && p->item_id == b->item_id)
				ix_buf_adds(out, "<br>");
			else
				ix_buf_adds(out, "<li>");
			block_text(out, v, first, in, b, &si);
			if (nx == NULL || nx->kind != IX_BLOCK_ITEM ||
			    nx->list_id != b->list_id || nx->item_id != b->item_id)
				ix_buf_adds(out, "</li>\n");
			if (nx == NULL || nx->kind != IX_BLOCK_ITEM ||
			    nx->list_id != b->list_id)
				ix_buf_adds(out, "</ul>\n");
			break;
		case IX_BLOCK_QUOTE:
			ix_buf_adds(out, "<blockquote>");
			block_text(out, v, first, in, b, &si);
			ix_buf_adds(out, "</blockquote>\n");
			break;
		case IX_BLOCK_PRE:
			ix_buf_adds(out, "<pre>");
			block_text(out, v, first, in, b, &si);
			ix_buf_adds(out, "</pre>\n");
			break;
		default:
			ix_buf_adds(out, b->kind == IX_BLOCK_ROW ? "<p class=\"row\">"
			                                         : "<p>");
			block_text(out, v, first, in, b, &si);
			ix_buf_adds(out, "</p>\n");
		}
	}
	ix_buf_adds(out, "</article>\n");
}

static int
is_web_url(const char *u)
{
	return u != NULL && (!strncasecmp(u, "https://", 8) ||
	                     !strncasecmp(u, "http://", 7));
}

static void
source_line(ix_buf *out, json_t *src, size_t in)
{
	const char *url = str(src, "url"), *title = str(src, "title");

	ix_buf_printf(out, "<section id=\"in%zu\"", in);
	if (str(src, "language")) {
		/* the page's language, for hyphenation and screen readers */
		ix_buf_adds(out, " lang=\"");
		esc(out, str(src, "language"));
		ix_buf_adds(out, "\"");
	}
	ix_buf_printf(out, ">\n<h2><a href=\"#in%zu\">", in);
	esc(out, title ? title : str(src, "file"));
	ix_buf_adds(out, "</a></h2>\n<p class=\"src\"><span><code>");
	esc(out, str(src, "file"));
	ix_buf_adds(out, "</code></span>");
	if (str(src, "site")) {
		ix_buf_adds(out, "<span>");
		esc(out, str(src, "site"));
		ix_buf_adds(out, "</span>");
	}
	if (str(src, "published")) {
		ix_buf_adds(out, "<span>published ");
		esc(out, str(src, "published"));
		ix_buf_adds(out, "</span>");
	}
	/* a link only to the web: a javascript: URL stays text */
	if (is_web_url(url)) {
		ix_buf_adds(out, "<span><a rel=\"noreferrer noopener\" href=\"");
		esc(out, url);
		ix_buf_adds(out, "\">");
		esc(out, url);
		ix_buf_adds(out, "</a></span>");
	} else if (url != NULL) {
		ix_buf_adds(out, "<span>");
		esc(out, url);
		ix_buf_adds(out, "</span>");
	}
	ix_buf_adds(out, "</p>\n");
}

void
ix_render_html(const inspex_result *res, size_t index, ix_buf *out)
{
	const ix_blocks *bs = &res->blocks;
	view v = {0};
	long *first;
	size_t in = index + 1;

	for (size_t i = 0; i < bs->n; i++)
		v.ns += bs->v[i].nsents;
	v.s = ix_xmalloc((v.ns ? v.ns : 1) * sizeof(*v.s));
	v.ns = 0;
	for (size_t i = 0; i < bs->n; i++)
		for (size_t k = 0; k < bs->v[i].nsents; k++) {
			v.s[v.ns].block = i;
			v.s[v.ns].start = bs->v[i].sents[k].start;
			v.s[v.ns].len = bs->v[i].sents[k].len;
			v.ns++;
		}
	collect(&v, res);
	first = place(&v, bs);
	source_line(out, json_object_get(res->root, "source"), in);
	ix_buf_adds(out, "<div class=\"grid\">\n");
	facts_table(out, &v, in);
	article(out, &v, first, in, bs);
	ix_buf_adds(out, "</div>\n</section>\n");
	for (size_t i = 0; i < v.nf; i++) {
		free(v.f[i].value);
		free(v.f[i].find2);
		ix_buf_free(&v.f[i].detail);
	}
	free(v.f);
	free(v.s);
	free(first);
}
