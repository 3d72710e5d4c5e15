/* Helpers shared by the cmocka suites. */
#ifndef INSPEX_TESTUTIL_H
#define INSPEX_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "inspex.h"

/* One rule set for a whole suite, defaults loaded. */
static inspex_rules *
test_rules(void)
{
	static inspex_rules *rs;
	inspex_error e;

	if (rs == NULL) {
		rs = inspex_rules_new();
		if (rs == NULL || inspex_rules_add_defaults(rs, &e) < 0) {
			fprintf(stderr, "default rules: %s:%d:%d: %s\n", e.file,
			        e.line, e.column, e.message);
			abort();
		}
	}
	return rs;
}

/* Process an HTML string; the caller frees with inspex_result_free. */
static inspex_result *
test_run(const char *html, const char *refdate)
{
	inspex_options o = {.reference_date = refdate};
	inspex_error e;
	inspex_result *r = inspex_process(test_rules(), "test.html",
	                                  (const unsigned char *)html,
	                                  strlen(html), &o, &e);

	if (r == NULL)
		fprintf(stderr, "inspex_process: %s\n", e.message);
	return r;
}

/* CPU seconds of this process: the budget of a hang guard, never a
 * benchmark (make bench is). */
static inline double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
