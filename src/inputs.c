/*
 * What the inputs are: FILE arguments, folders walked with -r, the lines
 * of --files-from, and the pages inside WARC archives. Runs on its own
 * thread and hands jobs to the pool in order; it blocks when the pool's
 * window is full, so a 10,000-page archive is never held whole.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "batch.h"

static char *
xstrdup(const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL) {
		fputs("inspex: out of memory\n", stderr);
		abort();
	}
	return d;
}

ix_job *
ix_job_new(const char *name)
{
	ix_job *j = calloc(1, sizeof(*j));

	if (j == NULL) {
		fputs("inspex: out of memory\n", stderr);
		abort();
	}
	j->name = xstrdup(name);
	return j;
}

void
ix_job_msg(ix_job *j, const char *fmt, ...)
{
	va_list ap;
	char **v;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	v = s ? realloc(j->msgs, (j->nmsgs + 1) * sizeof(*v)) : NULL;
	if (v == NULL) {
		fputs("inspex: out of memory\n", stderr);
		abort();
	}
	v[j->nmsgs++] = s;
	j->msgs = v;
}

void
ix_job_free(ix_job *j)
{
	if (j == NULL)
		return;
	free(j->name);
	free(j->path);
	free(j->data);
	free(j->url);
	free(j->fetched);
	free(j->charset);
	free(j->error);
	free(j->out);
	for (size_t i = 0; i < j->nmsgs; i++)
		free(j->msgs[i]);
	free(j->msgs);
	free(j);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcasecmp(s + n - m, suf) == 0;
}

int
ix_is_warc_name(const char *name)
{
	return has_suffix(name, ".warc") || has_suffix(name, ".warc.gz");
}

/* What -r picks up in a folder (a file named on its own is always read). */
static int
is_page_name(const char *name)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml", ".mhtml",
	                                  ".mht", NULL};

	for (size_t i = 0; ext[i]; i++)
		if (has_suffix(name, ext[i]))
			return 1;
	return ix_is_warc_name(name);
}

static int
emit_error(const char *name, const char *reason, ix_emit_fn emit, void *ctx)
{
	ix_job *j = ix_job_new(name);

	j->error = xstrdup(reason);
	return emit(j, ctx);
}

/* Each page of an archive is one job; a damaged record one error job. */
static int
walk_warc(const char *path, ix_emit_fn emit, void *ctx)
{
	inspex_warc_record rec;
	inspex_error e;
	inspex_warc *w = inspex_warc_open(path, &e);
	int r;

	if (w == NULL)
		return emit_error(path, e.message, emit, ctx);
	while ((r = inspex_warc_next(w, &rec, &e)) != 0) {
		ix_job *j = ix_job_new(e.file);

		if (r < 0) {
			j->error = xstrdup(e.message);
		} else {
			j->data = malloc(rec.len ? rec.len : 1);
			if (j->data == NULL) {
				fputs("inspex: out of memory\n", stderr);
				abort();
			}
			memcpy(j->data, rec.data, rec.len);
			j->len = rec.len;
			j->bytes = rec.len;
			j->url = xstrdup(rec.uri);
			j->fetched = xstrdup(rec.date);
			j->charset = xstrdup(rec.charset);
		}
		if (emit(j, ctx) < 0) {
			inspex_warc_close(w);
			return -1;
		}
	}
	inspex_warc_close(w);
	return 0;
}

static int walk_path(const char *path, int named, const ix_sources *src,
                     ix_emit_fn emit, void *ctx);

/* Byte order, not the locale's: the same tree gives the same order
 * everywhere. */
static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
walk_dir(const char *dir, const ix_sources *src, ix_emit_fn emit, void *ctx)
{
	struct dirent **list;
	int n, r = 0;

	if ((n = scandir(dir, &list, NULL, by_name)) < 0)
		return emit_error(dir, strerror(errno), emit, ctx);
	for (int i = 0; i < n; i++) {
		const char *d = list[i]->d_name;
		size_t len = strlen(dir);
		char *p;

		if (r == 0 && strcmp(d, ".") && strcmp(d, "..")) {
			if (asprintf(&p, "%s%s%s", dir,
			             len && dir[len - 1] == '/' ? "" : "/", d) < 0) {
				fputs("inspex: out of memory\n", stderr);
				abort();
			}
			r = walk_path(p, 0, src, emit, ctx);
			free(p);
		}
		free(list[i]);
	}
	free(list);
	return r;
}

/* named: given by the user (read whatever it is), not found in a folder. */
static int
walk_path(const char *path, int named, const ix_sources *src, ix_emit_fn emit,
          void *ctx)
{
	struct stat st;
	ix_job *j;

	if (strcmp(path, "-") != 0) {
		/* in a folder, a link to a folder is not followed (no loops) */
		int found = (named ? stat(path, &st) : lstat(path, &st)) == 0;

		if (found && S_ISDIR(st.st_mode)) {
			if (src->recursive)
				return walk_dir(path, src, emit, ctx);
			return emit_error(path, "is a directory (use -r)", emit, ctx);
		}
		if (!named) {
			if (!found || !is_page_name(path))
				return 0;
			if (S_ISLNK(st.st_mode) && stat(path, &st) < 0)
				return 0;
			if (!S_ISREG(st.st_mode))
				return 0;
		}
		if (ix_is_warc_name(path))
			return walk_warc(path, emit, ctx);
	}
	j = ix_job_new(path);
	j->path = xstrdup(path);
	return emit(j, ctx);
}

static int
walk_list(const ix_sources *src, ix_emit_fn emit, void *ctx)
{
	int is_stdin = !strcmp(src->files_from, "-");
	FILE *f = is_stdin ? stdin : fopen(src->files_from, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int r = 0;

	if (f == NULL)
		return emit_error(src->files_from, strerror(errno), emit, ctx);
	while (r == 0 && (n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (is_stdin && !strcmp(line, "-"))
			r = emit_error("-", "standard input is the list of files",
			               emit, ctx);
		else
			r = walk_path(line, 1, src, emit, ctx);
	}
	if (r == 0 && ferror(f))
		r = emit_error(src->files_from, strerror(errno), emit, ctx);
	free(line);
	if (!is_stdin)
		fclose(f);
	return r;
}

int
ix_inputs_walk(const ix_sources *src, ix_emit_fn emit, void *ctx)
{
	static char *stdin_only[] = {"-"};
	char **args = src->args;
	size_t n = src->nargs;

	if (n == 0 && src->files_from == NULL)
		args = stdin_only, n = 1;
	for (size_t i = 0; i < n; i++)
		if (walk_path(args[i], 1, src, emit, ctx) < 0)
			return -1;
	if (src->files_from != NULL)
		return walk_list(src, emit, ctx);
	return 0;
}

int
ix_inputs_single(const ix_sources *src)
{
	struct stat st;

	if (src->files_from != NULL || src->nargs > 1)
		return 0;
	if (src->nargs == 0 || !strcmp(src->args[0], "-"))
		return 1;
	return !ix_is_warc_name(src->args[0]) &&
	       !(stat(src->args[0], &st) == 0 && S_ISDIR(st.st_mode));
}
