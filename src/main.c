/* inspex(1): options in, library calls, results out. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inspex.h"

static const char usage_text[] =
	"usage: inspex [OPTIONS] [FILE...]\n"
	"\n"
	"Read saved web pages (HTML or MHTML, any encoding), strip the cookie\n"
	"banner and site chrome, and report what an inspection announcement\n"
	"says: inspectorate, subject, date, grade, findings, focus areas,\n"
	"statistics, acronyms and author. No FILE, or -, reads standard input.\n"
	"\n"
	"  -f, --format FORMAT      report (default), json, jsonl, tsv, text,\n"
	"                           csv (one row per fact) or html (evidence view)\n"
	"      --reference-date D   resolve \"last year\" against D (YYYY-MM-DD)\n"
	"                           when a page gives no publication date\n"
	"      --rules FILE         load more rules (repeatable); see inspex-rules(5)\n"
	"      --no-default-rules   do not load the built-in rules\n"
	"      --list-rules         print the loaded rules and exit\n"
	"      --explain            add to each fact the rule and sentence behind it\n"
	"      --color WHEN         colour the report: auto (the default: on a\n"
	"                           terminal, unless NO_COLOR is set), always, never\n"
	"  -h, --help               print this help and exit\n"
	"      --version            print the version and exit\n"
	"\n"
	"Exit status: 0 all inputs processed, 1 an input could not be processed\n"
	"or output failed, 2 usage or rules-file error.\n";

enum { OPT_REF = 256, OPT_RULES, OPT_NODEF, OPT_LIST, OPT_EXPLAIN, OPT_VERSION,
       OPT_COLOR };

/* The library never looks at the terminal: colour is decided here. */
static int
color_wanted(const char *when)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	if (!strcmp(when, "auto"))
		return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0') &&
		       (term == NULL || strcmp(term, "dumb") != 0);
	return -1;
}

static int
valid_date(const char *s)
{
	int y, m, d;
	char tail;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int
write_out(const char *s, size_t n)
{
	if (fwrite(s, 1, n, stdout) != n || fflush(stdout) != 0) {
		/* the reader went away (| head with SIGPIPE ignored): not news */
		if (errno == EPIPE)
			exit(0);
		warn("write error");
		return -1;
	}
	return 0;
}

/* Writes and frees a run's header or footer; "" writes nothing. */
static int
write_frame(char *s)
{
	int r = 0;

	if (s == NULL)
		return -1;
	if (*s != '\0')
		r = write_out(s, strlen(s));
	free(s);
	return r;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"reference-date", required_argument, NULL, OPT_REF},
		{"rules", required_argument, NULL, OPT_RULES},
		{"no-default-rules", no_argument, NULL, OPT_NODEF},
		{"list-rules", no_argument, NULL, OPT_LIST},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"color", required_argument, NULL, OPT_COLOR},
		{NULL, 0, NULL, 0}};
	inspex_format format = INSPEX_FORMAT_REPORT;
	inspex_options opts = {0};
	const char *color = "auto";
	const char **rules_files = NULL;
	size_t nrules = 0;
	int defaults = 1, list = 0, c, status = 0, first = 1;
	size_t done = 0; /* results written: html numbers its sections */
	inspex_rules *rules;
	inspex_error e;
	static char *stdin_only[] = {"-", NULL};
	char **files;

	rules_files = calloc((size_t)argc, sizeof(*rules_files));
	if (rules_files == NULL)
		err(2, NULL);
	/* getopt would name the program by its full path: say it ourselves */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (inspex_format_parse(optarg, &format) < 0) {
				warnx("unknown format '%s' (want report, json, "
				      "jsonl, tsv, text, csv or html)", optarg);
				goto usage;
			}
			break;
		case OPT_REF:
			if (!valid_date(optarg)) {
				warnx("--reference-date wants YYYY-MM-DD, not '%s'",
				      optarg);
				goto usage;
			}
			opts.reference_date = optarg;
			break;
		case OPT_RULES:
			rules_files[nrules++] = optarg;
			break;
		case OPT_NODEF:
			defaults = 0;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_EXPLAIN:
			opts.explain = 1;
			break;
		case OPT_COLOR:
			if (color_wanted(optarg) < 0) {
				warnx("--color wants auto, always or never, not '%s'",
				      optarg);
				goto usage;
			}
			color = optarg;
			break;
		case 'h':
			free(rules_files);
			fputs(usage_text, stdout);
			return fflush(stdout) == 0 ? 0 : 1;
		case OPT_VERSION:
			free(rules_files);
			printf("inspex %s (schema %s)\n", INSPEX_VERSION, INSPEX_SCHEMA);
			return fflush(stdout) == 0 ? 0 : 1;
		case ':':
			warnx("option '%s' needs a value", argv[optind - 1]);
			goto usage;
		default:
			if (optopt != 0)
				warnx("unknown option '-%c'", optopt);
			else
				warnx("unknown option '%s'", argv[optind - 1]);
			goto usage;
		}
	}
	opts.color = color_wanted(color);
	/* rules first: a broken rules file stops the run before any input */
	if ((rules = inspex_rules_new()) == NULL)
		err(2, NULL);
	if (defaults && inspex_rules_add_defaults(rules, &e) < 0) {
		warnx("%s:%d:%d: %s", e.file, e.line, e.column, e.message);
		inspex_rules_free(rules);
		goto usage;
	}
	for (size_t i = 0; i < nrules; i++) {
		if (inspex_rules_add_file(rules, rules_files[i], &e) < 0) {
			if (e.line > 0)
				warnx("%s:%d:%d: %s", e.file, e.line, e.column,
				      e.message);
			else
				warnx("%s: %s", e.file, e.message);
			inspex_rules_free(rules);
			free(rules_files);
			return 2;
		}
	}
	free(rules_files);
	if (list) {
		inspex_rules_list(rules, stdout);
		inspex_rules_free(rules);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	files = optind < argc ? argv + optind : stdin_only;
	/* csv's header row and html's page head come once per run */
	if (write_frame(inspex_render_header(format, NULL)) < 0) {
		inspex_rules_free(rules);
		return 1;
	}
	for (; *files != NULL; files++) {
		inspex_result *res = inspex_process_file(rules, *files, &opts, &e);
		size_t len;
		char *out;

		if (res == NULL) {
			warnx("%s: %s", *files, e.message);
			status = 1;
			continue;
		}
		for (size_t i = 0; i < inspex_result_warning_count(res); i++)
			warnx("%s: warning: %s", *files, inspex_result_warning(res, i));
		out = inspex_render_nth(res, format, done++, &len);
		/* reports of several inputs are told apart by a blank line */
		if (out != NULL && format == INSPEX_FORMAT_REPORT && !first &&
		    write_out("\n", 1) < 0)
			len = 0, free(out), out = NULL;
		first = 0;
		if (out == NULL || write_out(out, len) < 0) {
			free(out);
			inspex_result_free(res);
			inspex_rules_free(rules);
			return 1;
		}
		free(out);
		inspex_result_free(res);
	}
	inspex_rules_free(rules);
	if (write_frame(inspex_render_footer(format, NULL)) < 0)
		return 1;
	return status;
usage:
	fputs("Try 'inspex --help' for more information.\n", stderr);
	free(rules_files);
	return 2;
}
