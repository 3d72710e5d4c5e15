/* inspex(1): options in, library calls, results out. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "inspex.h"

static const char usage_text[] =
	"usage: inspex [OPTIONS] [FILE...]\n"
	"\n"
	"Read saved web pages (HTML or MHTML, any encoding), strip the cookie\n"
	"banner and site chrome, and report what an inspection announcement\n"
	"says: inspectorate, subject, date, grade, findings, focus areas,\n"
	"statistics, acronyms and author. No FILE, or -, reads standard input.\n"
	"A WARC archive (.warc, .warc.gz) is read as the pages it holds.\n"
	"\n"
	"  -f, --format FORMAT      report (default), json, jsonl, tsv or text\n"
	"      --reference-date D   resolve \"last year\" against D (YYYY-MM-DD)\n"
	"                           when a page gives no publication date\n"
	"      --rules FILE         load more rules (repeatable); see inspex-rules(5)\n"
	"      --no-default-rules   do not load the built-in rules\n"
	"      --list-rules         print the loaded rules and exit\n"
	"      --explain            add to each fact the rule and sentence behind it\n"
	"      --color WHEN         colour the report: auto (the default: on a\n"
	"                           terminal, unless NO_COLOR is set), always, never\n"
	"  -j, --jobs N             N pages at a time (default: every core when\n"
	"                           there are several inputs); output keeps order\n"
	"  -r, --recursive          read the pages and archives in folders\n"
	"      --files-from FILE    read the paths to process from FILE, one a\n"
	"                           line (- for standard input)\n"
	"  -q, --quiet              no warnings and no progress line (errors stay)\n"
	"  -h, --help               print this help and exit\n"
	"      --version            print the version and exit\n"
	"\n"
	"Exit status: 0 all inputs processed, 1 an input could not be processed\n"
	"or output failed, 2 usage or rules-file error.\n";

enum {
	OPT_REF = 256, OPT_RULES, OPT_NODEF, OPT_LIST, OPT_EXPLAIN, OPT_VERSION,
	OPT_FILES_FROM, OPT_COLOR
};

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
cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
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
		{"jobs", required_argument, NULL, 'j'},
		{"recursive", no_argument, NULL, 'r'},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{"quiet", no_argument, NULL, 'q'},
		{"color", required_argument, NULL, OPT_COLOR},
		{NULL, 0, NULL, 0}};
	inspex_format format = INSPEX_FORMAT_REPORT;
	inspex_options opts = {0};
	const char *color = "auto";
	const char **rules_files = NULL;
	size_t nrules = 0;
	int defaults = 1, list = 0, c, status, jobs = 0, quiet = 0;
	inspex_rules *rules;
	inspex_error e;
	ix_sources src = {NULL, 0, NULL, 0};
	ix_batch_opts bo;
	char *end;
	long n;

	rules_files = calloc((size_t)argc, sizeof(*rules_files));
	if (rules_files == NULL)
		err(2, NULL);
	/* getopt would name the program by its full path: say it ourselves */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:hj:rq", longopts, NULL)) != -1) {
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
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 0 || n > 1024) {
				warnx("-j wants a number of jobs from 1 to 1024 "
				      "(0: one per core), not '%s'", optarg);
				goto usage;
			}
			jobs = n == 0 ? cores() : (int)n;
			break;
		case 'r':
			src.recursive = 1;
			break;
		case OPT_FILES_FROM:
			src.files_from = optarg;
			break;
		case 'q':
			quiet = 1;
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
	src.args = argv + optind;
	src.nargs = (size_t)(argc - optind);
	if (src.files_from != NULL && !strcmp(src.files_from, "-"))
		for (size_t i = 0; i < src.nargs; i++)
			if (!strcmp(src.args[i], "-")) {
				warnx("standard input cannot be both a page and "
				      "--files-from -");
				inspex_rules_free(rules);
				return 2;
			}
	bo.rules = rules;
	bo.opts = &opts;
	bo.format = format;
	bo.jobs = jobs > 0 ? jobs : ix_inputs_single(&src) ? 1 : cores();
	bo.quiet = quiet;
	bo.progress = isatty(STDERR_FILENO);
	status = ix_batch_run(&bo, &src);
	inspex_rules_free(rules);
	return status;
usage:
	fputs("Try 'inspex --help' for more information.\n", stderr);
	free(rules_files);
	return 2;
}
