/*
 * libFuzzer target: bytes -> inspex_process -> every rendering.
 * Aborts when a rendering is not valid UTF-8 or the JSON rendering does
 * not parse. Build with `make fuzz`; run e.g.
 *   build/fuzz/fuzz_pipeline -max_total_time=600 CORPUS tests/fuzz/seeds/pipeline
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspex.h"

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

static const inspex_rules *
rules(void)
{
	static inspex_rules *rs;

	if (rs == NULL) {
		inspex_error e;

		rs = inspex_rules_new();
		if (rs == NULL || inspex_rules_add_defaults(rs, &e) < 0) {
			fprintf(stderr, "fuzz_pipeline: default rules: %s:%d:%d: %s\n",
			        e.file, e.line, e.column, e.message);
			abort();
		}
	}
	return rs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		inspex_format fmt;
		const char *name;
	} formats[] = {
		{INSPEX_FORMAT_REPORT, "report"}, {INSPEX_FORMAT_JSON, "json"},
		{INSPEX_FORMAT_JSONL, "jsonl"},   {INSPEX_FORMAT_TSV, "tsv"},
		{INSPEX_FORMAT_TEXT, "text"},
	};
	/* alternate the reference date and --explain with the input's size so
	 * both paths get exercised without spending input bytes on them */
	inspex_options opts = {.reference_date = (size & 1) ? "2024-03-05" : NULL,
	                      .explain = (size & 2) != 0};
	inspex_error e;
	inspex_result *res;

	res = inspex_process(rules(), "fuzz.html", data, size, &opts, &e);
	if (res == NULL) {
		/* an error must say something, in UTF-8 */
		if (e.message[0] == '\0' ||
		    !utf8_ok((const unsigned char *)e.message, strlen(e.message))) {
			fprintf(stderr, "fuzz_pipeline: bad error message\n");
			abort();
		}
		return 0;
	}
	for (size_t i = 0; i < inspex_result_warning_count(res); i++) {
		const char *w = inspex_result_warning(res, i);

		if (w == NULL || !utf8_ok((const unsigned char *)w, strlen(w))) {
			fprintf(stderr, "fuzz_pipeline: warning %zu not UTF-8\n", i);
			abort();
		}
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		size_t len = 0;
		char *out = inspex_render(res, formats[i].fmt, &len);

		if (out == NULL) {
			fprintf(stderr, "fuzz_pipeline: %s: NULL rendering\n",
			        formats[i].name);
			abort();
		}
		if (strlen(out) != len) {
			fprintf(stderr, "fuzz_pipeline: %s: NUL inside the output "
			        "(strlen %zu, len %zu)\n", formats[i].name,
			        strlen(out), len);
			abort();
		}
		if (!utf8_ok((const unsigned char *)out, len)) {
			fprintf(stderr, "fuzz_pipeline: %s: invalid UTF-8\n",
			        formats[i].name);
			abort();
		}
		if (formats[i].fmt == INSPEX_FORMAT_JSON ||
		    formats[i].fmt == INSPEX_FORMAT_JSONL) {
			json_error_t je;
			json_t *j = json_loadb(out, len, 0, &je);

			if (j == NULL || !json_is_object(j)) {
				fprintf(stderr, "fuzz_pipeline: %s: invalid JSON: "
				        "%s (line %d col %d)\n", formats[i].name,
				        je.text, je.line, je.column);
				abort();
			}
			json_decref(j);
		}
		free(out);
	}
	{
		char *j = inspex_result_json(res);
		json_error_t je;
		json_t *v;

		if (j == NULL || (v = json_loads(j, 0, &je)) == NULL) {
			fprintf(stderr, "fuzz_pipeline: inspex_result_json invalid\n");
			abort();
		}
		json_decref(v);
		free(j);
	}
	inspex_result_free(res);
	return 0;
}
