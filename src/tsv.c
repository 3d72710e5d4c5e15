/*
 * The tsv format: one fact per line, PATH<TAB>VALUE, PATH the JSON path
 * (statistics[0].value). Nulls and empty arrays are no facts and print no
 * line; tabs, newlines and backslashes in values are escaped.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static void
escaped(ix_buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t':
			ix_buf_adds(out, "\\t");
			break;
		case '\n':
			ix_buf_adds(out, "\\n");
			break;
		case '\r':
			ix_buf_adds(out, "\\r");
			break;
		case '\\':
			ix_buf_adds(out, "\\\\");
			break;
		default:
			ix_buf_addc(out, *s);
		}
	}
}

static void
walk(json_t *v, ix_buf *path, ix_buf *out)
{
	size_t mark = path->len, i;
	const char *key;
	json_t *e;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, key, e)
		{
			if (path->len)
				ix_buf_addc(path, '.');
			ix_buf_adds(path, key);
			walk(e, path, out);
			path->len = mark;
			path->s[mark] = '\0';
		}
		return;
	case JSON_ARRAY:
		json_array_foreach(v, i, e)
		{
			ix_buf_printf(path, "[%zu]", i);
			walk(e, path, out);
			path->len = mark;
			path->s[mark] = '\0';
		}
		return;
	case JSON_NULL:
		return;
	default:
		break;
	}
	ix_buf_add(out, path->s, path->len);
	ix_buf_addc(out, '\t');
	if (json_is_string(v))
		escaped(out, json_string_value(v));
	else if (json_is_integer(v))
		ix_buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		ix_buf_printf(out, "%.15g", json_real_value(v));
	else
		ix_buf_adds(out, json_is_true(v) ? "true" : "false");
	ix_buf_addc(out, '\n');
}

void
ix_render_tsv(const inspex_result *res, ix_buf *out)
{
	ix_buf path = {0};

	ix_buf_adds(&path, "");
	walk(res->root, &path, out);
	ix_buf_free(&path);
}
