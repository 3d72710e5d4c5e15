/* The pipeline: bytes -> DOM -> metadata -> clean -> blocks -> facts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
ref_date(ix_doc *d)
{
	const char *src = d->meta.published;
	int y = 0, m = 0, day = 0;

	if (src == NULL || sscanf(src, "%4d-%2d-%2d", &y, &m, &day) < 2)
		src = d->opts ? d->opts->reference_date : NULL;
	if (src != NULL && sscanf(src, "%4d-%2d-%2d", &y, &m, &day) >= 2 &&
	    y > 1900 && m >= 1 && m <= 12) {
		d->ref_year = y;
		d->ref_month = m;
		d->ref_day = day;
	}
}

static json_t *
source_object(const char *name, const inspex_input *in, const ix_meta *m,
              const char *fetched)
{
	json_t *s = json_object();

	json_object_set_new(s, "file", ix_jstr(name));
	/* the page's own canonical URL beats the one it was fetched from */
	json_object_set_new(s, "url", ix_jstr(m->url ? m->url : in->url));
	json_object_set_new(s, "title", ix_jstr(m->title));
	json_object_set_new(s, "site", ix_jstr(m->site));
	json_object_set_new(s, "published", ix_jstr(m->published));
	json_object_set_new(s, "fetched", ix_jstr(fetched));
	json_object_set_new(s, "language", ix_jstr(m->language));
	return s;
}

inspex_result *
inspex_process(const inspex_rules *rules, const char *name,
               const unsigned char *data, size_t len,
               const inspex_options *opts, inspex_error *err)
{
	inspex_input in = {name, NULL, NULL, NULL, data, len};

	return inspex_process_input(rules, &in, opts, err);
}

inspex_result *
inspex_process_input(const inspex_rules *rules, const inspex_input *in,
                     const inspex_options *opts, inspex_error *err)
{
	const char *name = in->name != NULL ? in->name : "-";
	char *fetched = NULL;
	inspex_result *res;
	htmlDocPtr doc;
	xmlNodePtr main;
	ix_doc d;
	json_t *facts, *root;
	static const char *const order[] = {"author", "inspection", "findings",
	                                    "focus_areas", "statistics",
	                                    "acronyms", NULL};

	if (err != NULL) {
		memset(err, 0, sizeof(*err));
		snprintf(err->file, sizeof(err->file), "%s", name);
	}
	res = calloc(1, sizeof(*res));
	if (res == NULL) {
		if (err)
			snprintf(err->message, sizeof(err->message), "out of memory");
		return NULL;
	}
	if (in->fetched != NULL)
		fetched = ix_strndup(in->fetched, strlen(in->fetched));
	doc = ix_input_parse(in->data, in->len, in->charset, &fetched, err,
	                     &res->warnings);
	if (doc == NULL) {
		free(fetched);
		inspex_result_free(res);
		return NULL;
	}
	memset(&d, 0, sizeof(d));
	d.rules = rules;
	d.opts = opts;
	d.warn = &res->warnings;
	ix_meta_read(doc, rules, &d.meta, d.warn);
	main = ix_clean(doc, rules, d.meta.article_body, d.warn);
	if (main != NULL)
		ix_blocks_from_node(&d.blocks, main);
	else
		ix_strs_add(d.warn, "no main text: the page holds no prose "
		                    "(a menu, a form or a list of links)");
	xmlFreeDoc(doc);
	ref_date(&d);

	facts = json_object();
	ix_extract_acronyms(&d, facts);
	ix_extract_author(&d, facts);
	ix_extract_inspection(&d, facts);
	ix_extract_focus(&d, facts);
	ix_extract_findings(&d, facts);
	ix_extract_statistics(&d, facts);

	root = json_object();
	json_object_set_new(root, "schema", json_string(INSPEX_SCHEMA));
	json_object_set_new(root, "source", source_object(name, in, &d.meta, fetched));
	free(fetched);
	for (size_t i = 0; order[i]; i++)
		json_object_set(root, order[i], json_object_get(facts, order[i]));
	json_decref(facts);
	res->root = root;
	res->blocks = d.blocks;
	res->color = opts != NULL && opts->color;
	if (d.meta.title != NULL)
		res->title = ix_strndup(d.meta.title, strlen(d.meta.title));
	ix_meta_free(&d.meta);
	free(d.evidence);
	free(d.focus_issues);
	return res;
}

inspex_result *
inspex_process_file(const inspex_rules *rules, const char *path,
                    const inspex_options *opts, inspex_error *err)
{
	FILE *f;
	ix_buf b = {0};
	char tmp[65536];
	size_t n;
	int is_stdin = !strcmp(path, "-");
	inspex_result *res;

	if (err != NULL) {
		memset(err, 0, sizeof(*err));
		snprintf(err->file, sizeof(err->file), "%s", path);
	}
	f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL) {
		if (err)
			snprintf(err->message, sizeof(err->message), "%s",
			         strerror(errno));
		return NULL;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (b.len + n > INSPEX_MAX_INPUT) {
			if (!is_stdin)
				fclose(f);
			ix_buf_free(&b);
			if (err)
				snprintf(err->message, sizeof(err->message),
				         "file too large (over %u MiB)",
				         INSPEX_MAX_INPUT >> 20);
			return NULL;
		}
		ix_buf_add(&b, tmp, n);
	}
	if (ferror(f)) {
		int e = errno;

		if (!is_stdin)
			fclose(f);
		ix_buf_free(&b);
		if (err)
			snprintf(err->message, sizeof(err->message), "%s",
			         strerror(e ? e : EIO));
		return NULL;
	}
	if (!is_stdin)
		fclose(f);
	res = inspex_process(rules, path, (const unsigned char *)(b.s ? b.s : ""),
	                     b.len, opts, err);
	ix_buf_free(&b);
	return res;
}

void
inspex_result_free(inspex_result *res)
{
	if (res == NULL)
		return;
	json_decref(res->root);
	ix_blocks_free(&res->blocks);
	ix_strs_free(&res->warnings);
	free(res->title);
	free(res);
}

size_t
inspex_result_warning_count(const inspex_result *res)
{
	return res->warnings.n;
}

const char *
inspex_result_warning(const inspex_result *res, size_t i)
{
	return i < res->warnings.n ? res->warnings.v[i] : NULL;
}

char *
inspex_result_json(const inspex_result *res)
{
	return json_dumps(res->root, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

static const struct {
	const char *name;
	inspex_format fmt;
	ix_render_fn fn;
	ix_render_nth_fn nth; /* instead of fn */
	ix_frame_fn head, foot;
} formats[] = {
	{"report", INSPEX_FORMAT_REPORT, ix_render_report, NULL, NULL, NULL},
	{"json", INSPEX_FORMAT_JSON, ix_render_json, NULL, NULL, NULL},
	{"jsonl", INSPEX_FORMAT_JSONL, ix_render_jsonl, NULL, NULL, NULL},
	{"tsv", INSPEX_FORMAT_TSV, ix_render_tsv, NULL, NULL, NULL},
	{"text", INSPEX_FORMAT_TEXT, ix_render_text, NULL, NULL, NULL},
	{"csv", INSPEX_FORMAT_CSV, ix_render_csv, NULL, ix_csv_header, NULL},
	{"html", INSPEX_FORMAT_HTML, NULL, ix_render_html, ix_html_header,
	 ix_html_footer},
};

int
inspex_format_parse(const char *name, inspex_format *out)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(name, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	return -1;
}

char *
inspex_render_nth(const inspex_result *res, inspex_format format,
                  size_t index, size_t *len)
{
	ix_buf b = {0};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].fmt == format) {
			if (formats[i].nth)
				formats[i].nth(res, index, &b);
			else
				formats[i].fn(res, &b);
		}
	if (len)
		*len = b.len;
	return ix_buf_take(&b);
}

char *
inspex_render(const inspex_result *res, inspex_format format, size_t *len)
{
	return inspex_render_nth(res, format, 0, len);
}

static char *
frame(inspex_format format, int foot, size_t *len)
{
	ix_buf b = {0};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].fmt == format) {
			ix_frame_fn fn = foot ? formats[i].foot : formats[i].head;

			if (fn)
				fn(&b);
		}
	if (len)
		*len = b.len;
	return ix_buf_take(&b);
}

char *
inspex_render_header(inspex_format format, size_t *len)
{
	return frame(format, 0, len);
}

char *
inspex_render_footer(inspex_format format, size_t *len)
{
	return frame(format, 1, len);
}
