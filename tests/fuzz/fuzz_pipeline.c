/*
 * libFuzzer target: bytes -> inspex_process -> every rendering (report,
 * json, jsonl, tsv, text, csv, html; csv and html also as a later result
 * of a run and with their frames). Aborts when a rendering is not valid
 * UTF-8 or a JSON rendering does not parse. Build with `make fuzz`; run
 * e.g.
 *   build/fuzz/fuzz_pipeline -max_total_time=600 CORPUS tests/fuzz/seeds/pipeline
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_check.h"
#include "inspex.h"

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
		fuzz_check_frames("fuzz_pipeline");
	}
	return rs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* alternate the reference date, --explain and the result's index in
	 * a run with the input's size so every path gets exercised without
	 * spending input bytes on them */
	inspex_options opts = {.reference_date = (size & 1) ? "2024-03-05" : NULL,
	                      .explain = (size & 2) != 0};
	inspex_error e;
	inspex_result *res;

	res = inspex_process(rules(), "fuzz.html", data, size, &opts, &e);
	if (res == NULL) {
		fuzz_check_error("fuzz_pipeline", &e);
		return 0;
	}
	fuzz_check_result("fuzz_pipeline", res, (size & 4) ? 3 : 0);
	inspex_result_free(res);
	return 0;
}
