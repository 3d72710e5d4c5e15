/*
 * make bench: inspex's throughput on the samples as a ratio against the
 * floor, libxml2's HTML parse alone, timed in the same process so that a
 * busy machine slows both alike.
 */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inspex.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)len + 1);
	*n = fread(s, 1, (size_t)len, f);
	fclose(f);
	return s;
}

int
main(int argc, char **argv)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	size_t total = 0;
	double t_parse = 0, t_full = 0;
	int rounds = 30;

	if (inspex_rules_add_defaults(rs, &e) < 0)
		return 2;
	for (int i = 1; i < argc; i++) {
		size_t n;
		char *data = slurp(argv[i], &n);
		double t0, t1, t2;

		if (data == NULL)
			continue;
		t0 = now();
		for (int r = 0; r < rounds; r++) {
			htmlDocPtr d = htmlReadMemory(data, (int)n, NULL, NULL,
			                              HTML_PARSE_RECOVER | HTML_PARSE_NONET |
			                                  HTML_PARSE_NOERROR |
			                                  HTML_PARSE_NOWARNING);
			xmlFreeDoc(d);
		}
		t1 = now();
		for (int r = 0; r < rounds; r++) {
			inspex_result *res = inspex_process(rs, argv[i],
			                                    (unsigned char *)data, n,
			                                    NULL, &e);
			char *out = res ? inspex_render(res, INSPEX_FORMAT_JSON, NULL) : NULL;

			free(out);
			inspex_result_free(res);
		}
		t2 = now();
		printf("%-45s %7zu bytes  parse %6.2f ms  inspex %6.2f ms  ratio %5.1fx\n",
		       argv[i], n, (t1 - t0) * 1e3 / rounds, (t2 - t1) * 1e3 / rounds,
		       (t2 - t1) / (t1 - t0));
		t_parse += t1 - t0;
		t_full += t2 - t1;
		total += n;
		free(data);
	}
	if (t_parse > 0)
		printf("total: %.1f MB/s for libxml2 alone, %.1f MB/s for inspex "
		       "(json), ratio %.1fx the parse\n",
		       (double)total * rounds / t_parse / 1e6,
		       (double)total * rounds / t_full / 1e6, t_full / t_parse);
	inspex_rules_free(rs);
	return 0;
}
