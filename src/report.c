/* The report format: the facts laid out for a person to read. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void
field(ix_buf *out, const char *label, const char *value)
{
	if (value != NULL && *value)
		ix_buf_printf(out, "  %-13s %s\n", label, value);
}

static void
number(ix_buf *out, json_t *v)
{
	if (json_is_integer(v))
		ix_buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		ix_buf_printf(out, "%.15g", json_real_value(v));
}

/* SGR sequences, empty when the caller asked for no colour. */
#define BOLD(c) ((c) ? "\033[1m" : "")
#define GREEN(c) ((c) ? "\033[32m" : "")
#define RED(c) ((c) ? "\033[31m" : "")
#define OFF(c) ((c) ? "\033[0m" : "")

static void
section(ix_buf *out, int c, const char *title, size_t n)
{
	ix_buf_printf(out, "\n%s%s (%zu)%s\n", BOLD(c), title, n, OFF(c));
}

void
ix_render_report(const inspex_result *res, ix_buf *out)
{
	json_t *r = res->root, *src = json_object_get(r, "source");
	json_t *au = json_object_get(r, "author"), *in = json_object_get(r, "inspection");
	json_t *arr, *e;
	size_t i;
	int c = res->color;

	ix_buf_printf(out, "%s== %s%s\n", BOLD(c), str(src, "file"), OFF(c));
	field(out, "Title:", str(src, "title"));
	field(out, "Site:", str(src, "site"));
	field(out, "Published:", str(src, "published"));
	field(out, "Fetched:", str(src, "fetched"));
	field(out, "URL:", str(src, "url"));
	field(out, "Language:", str(src, "language"));
	if (str(au, "name")) {
		ix_buf_printf(out, "  %-13s %s", "Author:", str(au, "name"));
		if (str(au, "role"))
			ix_buf_printf(out, ", %s", str(au, "role"));
		ix_buf_addc(out, '\n');
	}
	ix_buf_printf(out, "\n%sInspection%s\n", BOLD(c), OFF(c));
	if (!json_is_object(in)) {
		ix_buf_adds(out, "  none reported\n");
	} else {
		json_t *w = json_object_get(in, "when");

		if (str(in, "inspectorate")) {
			ix_buf_printf(out, "  %-13s %s", "Inspectorate:", str(in, "inspectorate"));
			if (str(in, "inspectorate_short"))
				ix_buf_printf(out, " (%s)", str(in, "inspectorate_short"));
			ix_buf_addc(out, '\n');
		}
		if (str(in, "subject")) {
			ix_buf_printf(out, "  %-13s %s", "Subject:", str(in, "subject"));
			if (str(in, "subject_short"))
				ix_buf_printf(out, " (%s)", str(in, "subject_short"));
			ix_buf_addc(out, '\n');
		}
		if (json_is_object(w)) {
			ix_buf_printf(out, "  %-13s %s", "When:", str(w, "text"));
			if (str(w, "date"))
				ix_buf_printf(out, " (%s)", str(w, "date"));
			ix_buf_addc(out, '\n');
		}
		field(out, "Grade:", str(in, "grade"));
		json_array_foreach(json_object_get(in, "grades"), i, e)
			ix_buf_printf(out, "  %-13s %s: %s\n", i ? "" : "Area grades:",
			              str(e, "area"), str(e, "grade"));
		field(out, "Evidence:", str(in, "evidence"));
	}
	arr = json_object_get(r, "findings");
	section(out, c, "Findings", json_array_size(arr));
	json_array_foreach(arr, i, e)
	{
		int pos = !strcmp(str(e, "kind"), "positive");

		ix_buf_printf(out, "  %s%s%s %s\n", pos ? GREEN(c) : RED(c),
		              pos ? "+" : "-", OFF(c), str(e, "text"));
	}
	arr = json_object_get(r, "focus_areas");
	section(out, c, "Focus areas", json_array_size(arr));
	json_array_foreach(arr, i, e)
	{
		size_t k;
		json_t *s;

		ix_buf_printf(out, "  %zu.\n", i + 1);
		json_array_foreach(json_object_get(e, "issue"), k, s)
			ix_buf_printf(out, "     %-10s %s\n", k ? "" : "Issue:",
			              json_string_value(s));
		json_array_foreach(json_object_get(e, "response"), k, s)
			ix_buf_printf(out, "     %-10s %s\n", k ? "" : "Response:",
			              json_string_value(s));
	}
	arr = json_object_get(r, "statistics");
	section(out, c, "Statistics", json_array_size(arr));
	json_array_foreach(arr, i, e)
	{
		ix_buf_adds(out, "  ");
		if (str(e, "qualifier"))
			ix_buf_printf(out, "%s ", str(e, "qualifier"));
		number(out, json_object_get(e, "value"));
		if (str(e, "unit"))
			ix_buf_printf(out, " %s", str(e, "unit"));
		if (str(e, "measure"))
			ix_buf_printf(out, " %s", str(e, "measure"));
		/* "6 years jailed", not "6 years jailed (jailed)" */
		if (str(e, "action") &&
		    (!str(e, "measure") || strcmp(str(e, "measure"), str(e, "action"))))
			ix_buf_printf(out, " (%s)", str(e, "action"));
		if (str(e, "actor"))
			ix_buf_printf(out, ", by %s", str(e, "actor"));
		if (str(e, "period"))
			ix_buf_printf(out, ", %s", str(e, "period"));
		ix_buf_printf(out, "  [%s]\n", str(e, "approx"));
	}
	arr = json_object_get(r, "acronyms");
	section(out, c, "Acronyms", json_array_size(arr));
	json_array_foreach(arr, i, e)
		ix_buf_printf(out, "  %-10s %s\n", str(e, "short"), str(e, "long"));
}
