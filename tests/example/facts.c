/*
 * facts: the statistics of saved pages, one per line, as
 * FILE<TAB>VALUE<TAB>MEASURE. An example of a program that links libinspex
 * through its public header alone:
 *
 *     cc facts.c $(pkg-config --cflags --libs inspex) -o facts
 *     ./facts page.html...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <inspex.h>

/* Walk the tsv rendering ("statistics[0].value<TAB>250" lines): it needs
 * no JSON parser, and its values are already escaped for one line. */
static void
print_statistics(const char *file, char *tsv)
{
	char value[64] = "", measure[256] = "";

	for (char *line = strtok(tsv, "\n"); line; line = strtok(NULL, "\n")) {
		char key[32];
		int at;

		if (sscanf(line, "statistics[%*u].%31[a-z]\t%n", key, &at) != 1)
			continue;
		if (!strcmp(key, "value"))
			snprintf(value, sizeof(value), "%s", line + at);
		else if (!strcmp(key, "measure"))
			snprintf(measure, sizeof(measure), "%s", line + at);
		else if (!strcmp(key, "text")) { /* the last key of a statistic */
			printf("%s\t%s\t%s\n", file, value, measure);
			value[0] = measure[0] = '\0';
		}
	}
}

int
main(int argc, char **argv)
{
	inspex_options opts = {0};
	inspex_error err;
	inspex_rules *rules = inspex_rules_new();
	int status = 0;

	if (rules == NULL || inspex_rules_add_defaults(rules, &err) < 0) {
		fprintf(stderr, "facts: cannot load the default rules\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		inspex_result *res = inspex_process_file(rules, argv[i], &opts, &err);
		char *tsv;

		if (res == NULL) {
			fprintf(stderr, "facts: %s: %s\n", argv[i], err.message);
			status = 1;
			continue;
		}
		tsv = inspex_render(res, INSPEX_FORMAT_TSV, NULL);
		if (tsv != NULL)
			print_statistics(argv[i], tsv);
		free(tsv);
		inspex_result_free(res);
	}
	inspex_rules_free(rules);
	return status;
}
