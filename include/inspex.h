/*
 * inspex: turn saved web pages about inspections into structured facts.
 *
 * The whole public face of the library. Every name starts with inspex_.
 * Ownership follows one rule: whoever creates a value frees it with the
 * matching *_free function; strings returned by inspex_render are the
 * caller's and are freed with free(3).
 *
 * Threads: a loaded inspex_rules is read-only and may be shared by any
 * number of threads calling inspex_process* at once, provided no thread
 * adds rules to it meanwhile. Everything else is per call and per thread:
 * an inspex_result, an inspex_error, an inspex_warc reader and the
 * records it returns belong to the thread that made them (hand them to
 * another thread whole, never use one from two threads at a time).
 */
#ifndef INSPEX_H
#define INSPEX_H

#include <stddef.h>
#include <stdio.h>

#define INSPEX_VERSION "0.1.0"
#define INSPEX_SCHEMA "inspex/1"

/* Inputs larger than this are refused rather than parsed. */
#define INSPEX_MAX_INPUT (64u * 1024u * 1024u)

typedef enum {
	INSPEX_FORMAT_REPORT,
	INSPEX_FORMAT_JSON,
	INSPEX_FORMAT_JSONL,
	INSPEX_FORMAT_TSV,
	INSPEX_FORMAT_TEXT,
	INSPEX_FORMAT_CSV,
	INSPEX_FORMAT_HTML
} inspex_format;

/* An error as a value: the library never prints. line/column are 0 when
 * they do not apply (they do for rules files). */
typedef struct inspex_error {
	char file[512];
	int line;
	int column;
	char message[512];
} inspex_error;

/* A compiled rule set. Patterns are compiled and JIT-compiled once, when
 * loaded; a rule set is read-only afterwards and may be shared. */
typedef struct inspex_rules inspex_rules;

typedef struct inspex_options {
	const char *reference_date; /* "YYYY-MM-DD" or NULL */
	int explain;                /* add rule ids and sentences to facts */
	int color;                  /* ANSI colour in the report format; the
	                               caller decides (terminal, NO_COLOR) */
} inspex_options;

/* The facts of one input. */
typedef struct inspex_result inspex_result;

/* Returns an empty rule set, or NULL when out of memory. */
inspex_rules *inspex_rules_new(void);
/* Add the rules compiled into the binary. Returns 0, or -1 with *err set. */
int inspex_rules_add_defaults(inspex_rules *rules, inspex_error *err);
/* Add the rules of a file. Returns 0, or -1 with *err set (file:line:col). */
int inspex_rules_add_file(inspex_rules *rules, const char *path,
                          inspex_error *err);
/* Add rules from memory; name is used in error messages. */
int inspex_rules_add_buffer(inspex_rules *rules, const char *name,
                            const char *text, size_t len, inspex_error *err);
/* Print one line per rule: id, kind, file:line. */
void inspex_rules_list(const inspex_rules *rules, FILE *out);
size_t inspex_rules_count(const inspex_rules *rules);
void inspex_rules_free(inspex_rules *rules);

/*
 * One input held in memory, with what its transport said about it. The
 * strings and bytes are the caller's and are only read during the call;
 * the result keeps copies of what it needs. NULL means unknown.
 */
typedef struct inspex_input {
	const char *name;    /* source.file, and the name in errors */
	const char *url;     /* source.url unless the page names its own */
	const char *fetched; /* source.fetched: when it was saved (ISO 8601) */
	const char *charset; /* declared by the transport (HTTP Content-Type);
	                      * a BOM or an MHTML part header still wins */
	const unsigned char *data;
	size_t len;
} inspex_input;

/* Process an input; the result and *err as for inspex_process. */
inspex_result *inspex_process_input(const inspex_rules *rules,
                                    const inspex_input *in,
                                    const inspex_options *opts,
                                    inspex_error *err);

/*
 * Process one input held in memory; name is what source.file reports.
 * Returns a result the caller frees with inspex_result_free, or NULL with
 * *err set when the input cannot be processed (not HTML, too large...).
 */
inspex_result *inspex_process(const inspex_rules *rules, const char *name,
                              const unsigned char *data, size_t len,
                              const inspex_options *opts, inspex_error *err);
/* Read path ("-" for standard input) and process it. */
inspex_result *inspex_process_file(const inspex_rules *rules, const char *path,
                                   const inspex_options *opts,
                                   inspex_error *err);

/* Render a result. Returns a NUL-terminated UTF-8 string the caller frees
 * with free(3) and stores its length in *len; NULL when out of memory. */
char *inspex_render(const inspex_result *res, inspex_format format,
                    size_t *len);

/*
 * csv and html make one document of a whole run: a run writes
 * inspex_render_header before the first result, inspex_render_nth for
 * each result in turn (index 0, 1, ...: html's anchors stay unique) and
 * inspex_render_footer after the last, even when no input could be read.
 * inspex_render is inspex_render_nth with index 0. Header and footer are
 * "" for the other formats. Strings as for inspex_render.
 */
char *inspex_render_nth(const inspex_result *res, inspex_format format,
                        size_t index, size_t *len);
char *inspex_render_header(inspex_format format, size_t *len);
char *inspex_render_footer(inspex_format format, size_t *len);

/* Warnings met while processing (a rule skipped on its match limit...). */
size_t inspex_result_warning_count(const inspex_result *res);
const char *inspex_result_warning(const inspex_result *res, size_t i);

/* The result as an inspex/1 JSON string (compact), caller frees it. */
char *inspex_result_json(const inspex_result *res);

void inspex_result_free(inspex_result *res);

/* Parse a format name ("json"...). Returns 0, or -1 when unknown. */
int inspex_format_parse(const char *name, inspex_format *out);

/*
 * Web archives: a WARC 1.0/1.1 file, plain or gzip (one member per record
 * as crawlers write them, or the whole file as one member), read one
 * record at a time in bounded memory. Only pages come out: response
 * records whose HTTP answer is a 2xx text/html or application/xhtml+xml
 * (or untyped and looking like HTML), de-chunked and with gzip or deflate
 * content decoded, and resource records typed as HTML.
 */
typedef struct inspex_warc inspex_warc;

typedef struct inspex_warc_record {
	/* The file offset of the gzip member that starts with the record
	 * (of the record itself in a plain archive); in a gzip member that
	 * holds several records, the record's offset in the unpacked data. */
	unsigned long long offset;
	const char *type;    /* WARC-Type: "response" or "resource" */
	const char *uri;     /* WARC-Target-URI, or NULL */
	const char *date;    /* WARC-Date, or NULL */
	const char *charset; /* of the HTTP (or resource) Content-Type, or NULL */
	const unsigned char *data; /* the page */
	size_t len;
} inspex_warc_record;

/* Open path ("-": standard input). NULL with *err set when it cannot be
 * read; the caller closes the reader with inspex_warc_close. */
inspex_warc *inspex_warc_open(const char *path, inspex_error *err);
/*
 * The next page. Returns 1 with *rec filled (its strings and bytes belong
 * to the reader and stay valid until the next call), 0 at the end, or -1
 * for a damaged or oversized record, with err->file "ARCHIVE#OFFSET" and
 * the reason in err->message: the next call goes on after it.
 */
int inspex_warc_next(inspex_warc *w, inspex_warc_record *rec,
                     inspex_error *err);
/* Bytes of the archive file read so far. */
unsigned long long inspex_warc_tell(const inspex_warc *w);
void inspex_warc_close(inspex_warc *w);

#endif
