/*
 * The csv format: one row per fact for spreadsheets, RFC 4180 (CRLF, a
 * field quoted when it holds a comma, quote, CR or LF, quotes doubled),
 * UTF-8 without a BOM. The header row is written once per run by
 * ix_csv_header; each result gives only its rows. The columns and what
 * each kind puts in them are documented in inspex(1).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum {
	C_INPUT, C_SITE, C_TITLE, C_PUBLISHED, C_KIND, C_VALUE, C_UNIT,
	C_APPROX, C_MEASURE, C_ACTION, C_ACTOR, C_PERIOD, C_GRADE, C_AREA,
	C_TEXT, C_COUNT
};

static const char *const columns[C_COUNT] = {
	"input", "site", "title", "published", "kind", "value", "unit",
	"approx", "measure", "action", "actor", "period", "grade", "area",
	"text"};

void
ix_csv_field(ix_buf *out, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		ix_buf_adds(out, s);
		return;
	}
	ix_buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			ix_buf_addc(out, '"');
		ix_buf_addc(out, *s);
	}
	ix_buf_addc(out, '"');
}

static void
row(ix_buf *out, const char *const f[C_COUNT])
{
	for (size_t i = 0; i < C_COUNT; i++) {
		if (i)
			ix_buf_addc(out, ',');
		ix_csv_field(out, f[i]);
	}
	ix_buf_adds(out, "\r\n");
}

void
ix_csv_header(ix_buf *out)
{
	row(out, columns);
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A number as JSON writes it: 250, not 250.0. */
static const char *
number(json_t *v, char *tmp, size_t n)
{
	if (json_is_integer(v))
		snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, n, "%.15g", json_real_value(v));
	else
		return NULL;
	return tmp;
}

/* Every row of one input shares its first four columns. */
static void
blank(const char *f[C_COUNT], json_t *src, const char *kind)
{
	for (size_t i = 0; i < C_COUNT; i++)
		f[i] = NULL;
	f[C_INPUT] = str(src, "file");
	f[C_SITE] = str(src, "site");
	f[C_TITLE] = str(src, "title");
	f[C_PUBLISHED] = str(src, "published");
	f[C_KIND] = kind;
}

static void
inspection_rows(ix_buf *out, json_t *src, json_t *in)
{
	const char *f[C_COUNT];
	const char *who = str(in, "inspectorate_short");
	json_t *w = json_object_get(in, "when"), *e;
	size_t i;

	if (who == NULL)
		who = str(in, "inspectorate");
	blank(f, src, "inspection");
	f[C_VALUE] = who;
	f[C_MEASURE] = str(in, "subject");
	f[C_ACTOR] = str(in, "inspectorate");
	f[C_PERIOD] = str(w, "date") ? str(w, "date") : str(w, "text");
	f[C_GRADE] = str(in, "grade");
	f[C_TEXT] = str(in, "evidence");
	row(out, f);
	json_array_foreach(json_object_get(in, "grades"), i, e)
	{
		blank(f, src, "grade");
		f[C_VALUE] = who;
		f[C_GRADE] = str(e, "grade");
		f[C_AREA] = str(e, "area");
		row(out, f);
	}
}

static void
focus_rows(ix_buf *out, json_t *src, json_t *arr)
{
	static const char *const parts[] = {"issue", "response"};
	const char *f[C_COUNT];
	char nbuf[32];
	json_t *e, *s;
	size_t i, k;

	json_array_foreach(arr, i, e)
	{
		snprintf(nbuf, sizeof(nbuf), "%zu", i + 1);
		for (size_t p = 0; p < 2; p++)
			json_array_foreach(json_object_get(e, parts[p]), k, s)
			{
				blank(f, src, parts[p]);
				f[C_VALUE] = nbuf;
				f[C_TEXT] = json_string_value(s);
				row(out, f);
			}
	}
}

static void
statistic_rows(ix_buf *out, json_t *src, json_t *arr)
{
	const char *f[C_COUNT];
	char nbuf[64];
	json_t *e;
	size_t i;

	json_array_foreach(arr, i, e)
	{
		blank(f, src, "statistic");
		f[C_VALUE] = number(json_object_get(e, "value"), nbuf, sizeof(nbuf));
		f[C_UNIT] = str(e, "unit");
		f[C_APPROX] = str(e, "approx");
		f[C_MEASURE] = str(e, "measure");
		f[C_ACTION] = str(e, "action");
		f[C_ACTOR] = str(e, "actor");
		f[C_PERIOD] = str(e, "period");
		f[C_TEXT] = str(e, "text");
		row(out, f);
	}
}

void
ix_render_csv(const inspex_result *res, ix_buf *out)
{
	json_t *r = res->root, *src = json_object_get(r, "source");
	json_t *au = json_object_get(r, "author"), *in = json_object_get(r, "inspection");
	const char *f[C_COUNT];
	json_t *e;
	size_t i;

	/* one page row per input, so a page with no facts is still listed */
	blank(f, src, "page");
	f[C_VALUE] = str(src, "url");
	f[C_TEXT] = str(src, "language");
	row(out, f);
	if (str(au, "name") || str(au, "role")) {
		blank(f, src, "author");
		f[C_VALUE] = str(au, "name");
		f[C_TEXT] = str(au, "role");
		row(out, f);
	}
	if (json_is_object(in))
		inspection_rows(out, src, in);
	json_array_foreach(json_object_get(r, "findings"), i, e)
	{
		blank(f, src, "finding");
		f[C_VALUE] = str(e, "kind");
		f[C_TEXT] = str(e, "text");
		row(out, f);
	}
	focus_rows(out, src, json_object_get(r, "focus_areas"));
	statistic_rows(out, src, json_object_get(r, "statistics"));
	json_array_foreach(json_object_get(r, "acronyms"), i, e)
	{
		blank(f, src, "acronym");
		f[C_VALUE] = str(e, "short");
		f[C_TEXT] = str(e, "long");
		row(out, f);
	}
}
