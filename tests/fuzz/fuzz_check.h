/*
 * Checks shared by the libFuzzer targets: every rendering of a result is
 * NUL-free UTF-8, and the JSON ones parse. Each failure aborts, so
 * libFuzzer keeps the input.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspex.h"

static const struct {
	inspex_format fmt;
	const char *name;
} fuzz_formats[] = {
	{INSPEX_FORMAT_REPORT, "report"}, {INSPEX_FORMAT_JSON, "json"},
	{INSPEX_FORMAT_JSONL, "jsonl"},   {INSPEX_FORMAT_TSV, "tsv"},
	{INSPEX_FORMAT_TEXT, "text"},     {INSPEX_FORMAT_CSV, "csv"},
	{INSPEX_FORMAT_HTML, "html"},
};
#define FUZZ_NFORMATS (sizeof(fuzz_formats) / sizeof(fuzz_formats[0]))

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
static int
utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, len;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (unsigned k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static void
fuzz_fail(const char *who, const char *what, const char *fmt)
{
	fprintf(stderr, "%s: %s: %s\n", who, fmt, what);
	abort();
}

/* A rendering: non-NULL, len right, no NUL inside, UTF-8. */
static void
fuzz_check_text(const char *who, const char *fmt, const char *out, size_t len)
{
	if (out == NULL)
		fuzz_fail(who, "NULL rendering", fmt);
	if (strlen(out) != len) {
		fprintf(stderr, "%s: %s: NUL inside the output (strlen %zu, "
		        "len %zu)\n", who, fmt, strlen(out), len);
		abort();
	}
	if (!utf8_ok((const unsigned char *)out, len))
		fuzz_fail(who, "invalid UTF-8", fmt);
}

static void
fuzz_check_json(const char *who, const char *fmt, const char *out, size_t len)
{
	json_error_t je;
	json_t *j = json_loadb(out, len, 0, &je);

	if (j == NULL || !json_is_object(j)) {
		fprintf(stderr, "%s: %s: invalid JSON: %s (line %d col %d)\n",
		        who, fmt, je.text, je.line, je.column);
		abort();
	}
	json_decref(j);
}

/* Warnings, every format (as result number index of a run), and
 * inspex_result_json. */
static void
fuzz_check_result(const char *who, const inspex_result *res, size_t index)
{
	for (size_t i = 0; i < inspex_result_warning_count(res); i++) {
		const char *w = inspex_result_warning(res, i);

		if (w == NULL || !utf8_ok((const unsigned char *)w, strlen(w)))
			fuzz_fail(who, "warning not UTF-8", "warnings");
	}
	for (size_t i = 0; i < FUZZ_NFORMATS; i++) {
		size_t len = 0;
		char *out = index == 0
			? inspex_render(res, fuzz_formats[i].fmt, &len)
			: inspex_render_nth(res, fuzz_formats[i].fmt, index, &len);

		fuzz_check_text(who, fuzz_formats[i].name, out, len);
		if (fuzz_formats[i].fmt == INSPEX_FORMAT_JSON ||
		    fuzz_formats[i].fmt == INSPEX_FORMAT_JSONL)
			fuzz_check_json(who, fuzz_formats[i].name, out, len);
		free(out);
	}
	{
		char *j = inspex_result_json(res);

		if (j == NULL)
			fuzz_fail(who, "NULL", "inspex_result_json");
		fuzz_check_text(who, "inspex_result_json", j, strlen(j));
		fuzz_check_json(who, "inspex_result_json", j, strlen(j));
		free(j);
	}
}

/* The frames of a run (csv's header row, html's page around the results). */
static void
fuzz_check_frames(const char *who)
{
	for (size_t i = 0; i < FUZZ_NFORMATS; i++) {
		size_t len = 0;
		char *h = inspex_render_header(fuzz_formats[i].fmt, &len);

		fuzz_check_text(who, fuzz_formats[i].name, h, len);
		free(h);
		h = inspex_render_footer(fuzz_formats[i].fmt, &len);
		fuzz_check_text(who, fuzz_formats[i].name, h, len);
		free(h);
	}
}

/* An error must say something, in UTF-8. */
static void
fuzz_check_error(const char *who, const inspex_error *e)
{
	if (e->message[0] == '\0' ||
	    !utf8_ok((const unsigned char *)e->message, strlen(e->message)))
		fuzz_fail(who, "bad error message", "error");
}

#endif
