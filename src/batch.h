/*
 * The command line's batch machinery: what the inputs are (inputs.c), the
 * ordered worker pool (batch.c) and the progress line (progress.c). They
 * belong to the CLI, not to the library: they print, read folders and
 * decide what order output comes out in, which is policy a program using
 * libinspex makes for itself (it has inspex_process_input and the WARC
 * reader to build on).
 */
#ifndef INSPEX_BATCH_H
#define INSPEX_BATCH_H

#include <stddef.h>

#include "inspex.h"

/* One input on its way through the pool. */
typedef struct ix_job {
	size_t seq;
	char *name;     /* source.file, and the name in messages */
	char *path;     /* a file to read, or NULL when data is held */
	unsigned char *data;
	size_t len;
	char *url, *fetched, *charset; /* from a WARC record, or NULL */
	char *error;    /* failed before processing: the reason */
	/* set by a worker */
	int done;
	int failed;     /* an error line, exit status 1 */
	int fatal;      /* out of memory rendering: stop */
	char *out;      /* the rendering */
	size_t outlen;
	char **msgs;    /* stderr lines without the "inspex: " */
	size_t nmsgs;
	unsigned long long bytes; /* input size, for the progress line */
} ix_job;

/* Where the inputs come from. */
typedef struct ix_sources {
	char **args;            /* FILE arguments ("-": standard input) */
	size_t nargs;
	const char *files_from; /* a list of paths, "-" for stdin, or NULL */
	int recursive;          /* walk folders */
} ix_sources;

/* Hand a job to the pool; -1 when the run is being stopped (the job is
 * freed either way). */
typedef int (*ix_emit_fn)(ix_job *job, void *ctx);

/* Every input, in order, WARC archives split into their pages. Returns
 * -1 when emit asked to stop, else 0. */
int ix_inputs_walk(const ix_sources *src, ix_emit_fn emit, void *ctx);
/* Is name a WARC archive (.warc, .warc.gz)? */
int ix_is_warc_name(const char *name);
/* Does the command line name exactly one page (no folder, list, archive)? */
int ix_inputs_single(const ix_sources *src);

ix_job *ix_job_new(const char *name);
void ix_job_msg(ix_job *job, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ix_job_free(ix_job *job);

typedef struct ix_batch_opts {
	const inspex_rules *rules;
	const inspex_options *opts;
	inspex_format format;
	int jobs;     /* worker threads */
	int quiet;    /* no warnings, no progress line */
	int progress; /* stderr is a terminal */
} ix_batch_opts;

/* Run every input and write the results in input order. Returns the exit
 * status: 0, or 1 when an input failed or output could not be written. */
int ix_batch_run(const ix_batch_opts *o, const ix_sources *src);

/* ---- progress.c ------------------------------------------------------ */
typedef struct ix_progress {
	int on;
	int shown;
	double start;
	double last;
} ix_progress;

void ix_progress_start(ix_progress *p, int on);
/* Redraw at most five times a second; total is 0 while unknown. */
void ix_progress_draw(ix_progress *p, size_t done, size_t total,
                      unsigned long long bytes, size_t errors);
/* Wipe the line (before an error line, and at the end). */
void ix_progress_clear(ix_progress *p);

#endif
