/*
 * libFuzzer target: bytes -> a rules file -> compiled rule set -> freed.
 * Must never crash, leak or hang, whatever the bytes; an error must come
 * with a message. No default rules: the input is the whole rule set.
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
	(void)inspex_rules_count(rs);
	inspex_rules_free(rs);
	return 0;
}
