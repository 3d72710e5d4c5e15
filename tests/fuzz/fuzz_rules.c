/*
 * libFuzzer target: bytes -> a rules file -> compiled rule set -> freed.
 * Must never crash, leak or hang, whatever the bytes; an error must come
 * with a place and a message. No default rules: the input is the whole
 * rule set. A rule set that loads is also run over one small page, since
 * --rules lets a user hand the extractors any kind, pattern and groups.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	FILE *devnull;

	if (rs == NULL)
		return 0;
	memset(&e, 0, sizeof(e));
	if (inspex_rules_add_buffer(rs, "fuzz.rules", (const char *)data, size,
	                            &e) < 0) {
		if (e.message[0] == '\0' || e.line <= 0 || e.column <= 0) {
			fprintf(stderr, "fuzz_rules: error without a place or "
			        "message: %s:%d:%d: %s\n", e.file, e.line,
			        e.column, e.message);
			abort();
		}
	}
	/* listing walks every rule that survived */
	if ((devnull = fopen("/dev/null", "w")) != NULL) {
		inspex_rules_list(rs, devnull);
		fclose(devnull);
	}
	if (inspex_rules_count(rs) > 0) {
		static const char page[] =
			"<html><head><title>T</title></head><body><main><article>"
			"<h1>Inspection update</h1><p>HMICFRS inspected our "
			"response to serious and organised crime (SOC) in July "
			"last year and rated it good. In 2023 officers made over "
			"250 arrests, seized \xc2\xa3" "3.5m and 45% of cases were "
			"solved.</p><ul><li>We lacked resources. We now have a "
			"team.</li></ul><p>Becky Riggs<br>Chief Constable</p>"
			"</article></main></body></html>";
		inspex_options opts = {.reference_date = "2024-03-05", .explain = 1};
		inspex_result *res = inspex_process(
			rs, "page.html", (const unsigned char *)page,
			sizeof(page) - 1, &opts, &e);

		if (res != NULL) {
			size_t len;
			char *out = inspex_render(res, INSPEX_FORMAT_JSON, &len);

			free(out);
			out = inspex_render(res, INSPEX_FORMAT_REPORT, &len);
			free(out);
			inspex_result_free(res);
		}
	}
	inspex_rules_free(rs);
	return 0;
}
