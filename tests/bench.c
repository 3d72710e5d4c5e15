/*
 * make bench: inspex against the floor, libxml2's HTML parse alone, over
 * the same bytes. Times are CPU times of this process, measured pass by
 * pass in turn, so a busy machine slows both alike; memory is each pass's
 * peak resident size, each in a child process of its own.
 *
 *   bench [-j BIN] DIR|FILE...
 *
 * For every argument (a corpus folder or a page): the CPU-time ratio and
 * the peak-memory ratio. Then a generated figure-dense page of 1, 2, 4
 * and 8 MB (linearity), and with -j BIN the speed-up of BIN -j 2 over
 * BIN -j 1 on the samples.
 */
#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inspex.h"

typedef struct {
	char **data;
	size_t *len;
	size_t n, cap, bytes;
} pages;

static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
add(pages *p, char *data, size_t len)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->data = realloc(p->data, p->cap * sizeof(*p->data));
		p->len = realloc(p->len, p->cap * sizeof(*p->len));
	}
	p->data[p->n] = data;
	p->len[p->n++] = len;
	p->bytes += len;
}

static void
load_file(pages *p, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long len;

	if (f == NULL)
		return;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)len + 1);
	if (s != NULL && fread(s, 1, (size_t)len, f) == (size_t)len)
		add(p, s, (size_t)len);
	else
		free(s);
	fclose(f);
}

/* A folder's pages: *.html, and case folders' page.html / page.mhtml. */
static void
load(pages *p, const char *path)
{
	struct stat st;
	struct dirent **ents;
	int n;

	if (stat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		load_file(p, path);
		return;
	}
	n = scandir(path, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		char sub[4096];
		const char *nm = ents[i]->d_name;
		size_t l = strlen(nm);

		snprintf(sub, sizeof(sub), "%s/%s", path, nm);
		if (nm[0] != '.' && stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			load(p, sub);
		else if ((l > 5 && !strcmp(nm + l - 5, ".html")) ||
		         (l > 6 && !strcmp(nm + l - 6, ".mhtml")))
			load_file(p, sub);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void
parse_all(const pages *p)
{
	for (size_t i = 0; i < p->n; i++) {
		htmlDocPtr d = htmlReadMemory(p->data[i], (int)p->len[i], NULL, NULL,
		                              HTML_PARSE_RECOVER | HTML_PARSE_NONET |
		                                  HTML_PARSE_COMPACT |
		                                  HTML_PARSE_NOERROR |
		                                  HTML_PARSE_NOWARNING);

		xmlFreeDoc(d);
	}
}

static void
inspex_all(const inspex_rules *rs, const pages *p)
{
	inspex_error e;

	for (size_t i = 0; i < p->n; i++) {
		inspex_result *res = inspex_process(rs, "bench",
		                                    (unsigned char *)p->data[i],
		                                    p->len[i], NULL, &e);
		char *out = res ? inspex_render(res, INSPEX_FORMAT_JSON, NULL) : NULL;

		free(out);
		inspex_result_free(res);
	}
}

/* Peak resident size (KiB) of one pass over path, in a fresh process of
 * its own that reports its VmHWM (the rusage of a child counts the pages
 * it had before exec, this process's). */
static long
peak_of(const char *self, const char *path, int full)
{
	char cmd[8192];
	long kb = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' %s '%s'", self,
	         full ? "--peak-inspex" : "--peak-parse", path);
	if ((f = popen(cmd, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &kb) != 1)
		kb = 0;
	pclose(f);
	return kb;
}

static long
own_peak(void)
{
	char line[256];
	long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	if (f != NULL)
		fclose(f);
	return kb;
}

/* CPU seconds of parse and inspex over p, best of rounds, interleaved. */
static void
time_both(const inspex_rules *rs, const pages *p, int rounds, double *tp,
          double *ti)
{
	*tp = *ti = 1e30;
	for (int r = 0; r < rounds; r++) {
		double t0 = cpu(), t1, t2;

		parse_all(p);
		t1 = cpu();
		inspex_all(rs, p);
		t2 = cpu();
		if (t1 - t0 < *tp)
			*tp = t1 - t0;
		if (t2 - t1 < *ti)
			*ti = t2 - t1;
	}
}

static void
report(const inspex_rules *rs, const char *self, const char *path,
       const char *name, const pages *p, int rounds)
{
	double tp, ti;
	long mp, mi;

	if (p->n == 0)
		return;
	time_both(rs, p, rounds, &tp, &ti);
	mp = peak_of(self, path, 0);
	mi = peak_of(self, path, 1);
	printf("%-22s %5zu pages %7.1f MB | CPU parse %6.1f MB/s inspex %6.1f "
	       "MB/s ratio %5.2fx | peak parse %4ld MB inspex %4ld MB (target "
	       "%ld)\n",
	       name, p->n, p->bytes / 1e6, p->bytes / tp / 1e6, p->bytes / ti / 1e6,
	       ti / tp, mp / 1024, mi / 1024, (mp * 5 / 4 + 8192) / 1024);
	fflush(stdout);
}

/* Figure-dense prose: the seed article, over and over, in one page. */
static char *
dense(const char *seed, size_t mb, size_t *len)
{
	pages p = {0};
	const char *a, *b;
	const char *head = "<!DOCTYPE html><html lang=\"en\"><head><meta "
	                   "charset=\"utf-8\"><title>Results</title></head><body>"
	                   "<main>\n";
	const char *tail = "</main></body></html>\n";
	size_t want = mb << 20, n, al;
	char *s;

	load_file(&p, seed);
	if (p.n == 0 || (a = strstr(p.data[0], "<article")) == NULL ||
	    (b = strstr(a, "</article>")) == NULL) {
		fprintf(stderr, "bench: no article in %s\n", seed);
		exit(1);
	}
	al = (size_t)(b - a) + strlen("</article>\n");
	s = malloc(want + al + 512);
	n = strlen(head);
	memcpy(s, head, n);
	while (n + al + strlen(tail) < want) {
		memcpy(s + n, a, al - 1);
		s[n + al - 1] = '\n';
		n += al;
	}
	memcpy(s + n, tail, strlen(tail));
	n += strlen(tail);
	*len = n;
	free(p.data[0]);
	free(p.data);
	free(p.len);
	return s;
}

/* Wall time of BIN -j N over the files of list. */
static double
run_jobs(const char *bin, int jobs, const char *list)
{
	char cmd[8192];
	double t0 = wall();

	snprintf(cmd, sizeof(cmd), "%s -q -j %d -f jsonl --files-from %s "
	         ">/dev/null 2>&1", bin, jobs, list);
	if (system(cmd) != 0)
		return -1;
	return wall() - t0;
}

int
main(int argc, char **argv)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	const char *bin = NULL, *self = "/proc/self/exe";
	char self_path[4096];
	ssize_t sl = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	int i = 1;

	if (sl > 0) {
		self_path[sl] = '\0';
		self = self_path;
	}
	if (inspex_rules_add_defaults(rs, &e) < 0)
		return 2;
	xmlSetStructuredErrorFunc(NULL, quiet);
	if (argc == 3 && (!strcmp(argv[1], "--peak-parse") ||
	                  !strcmp(argv[1], "--peak-inspex"))) {
		pages p = {0};

		load(&p, argv[2]);
		if (!strcmp(argv[1], "--peak-parse"))
			parse_all(&p);
		else
			inspex_all(rs, &p);
		printf("%ld\n", own_peak());
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-j")) {
		bin = argv[2];
		i = 3;
	}
	printf("CPU time and peak memory against libxml2's HTML parse alone "
	       "(targets: CPU 1.5x on pages, 3x on the dense page; memory "
	       "1.25x + 8 MiB)\n");
	for (; i < argc; i++) {
		pages p = {0};
		const char *name = strrchr(argv[i], '/');

		load(&p, argv[i]);
		report(rs, self, argv[i], name && name[1] ? name + 1 : argv[i], &p,
		       p.bytes > (20u << 20) ? 1 : 3);
		for (size_t k = 0; k < p.n; k++)
			free(p.data[k]);
		free(p.data);
		free(p.len);
	}
	/* linearity: the seed article at 1, 2, 4 and 8 MB */
	for (size_t mb = 1; mb <= 8; mb *= 2) {
		pages p = {0};
		size_t len;
		char *s = dense("samples/soc-inspection-update.html", mb, &len);
		char name[32], path[] = "/tmp/inspex-bench-dense-XXXXXX";
		int fd = mkstemp(path);

		if (fd < 0 || write(fd, s, len) != (ssize_t)len)
			return 1;
		close(fd);
		add(&p, s, len);
		snprintf(name, sizeof(name), "dense page %zu MB", mb);
		report(rs, self, path, name, &p, 1);
		unlink(path);
		free(s);
		free(p.data);
		free(p.len);
	}
	if (bin != NULL) {
		/* every core: the samples, many times over */
		char list[] = "/tmp/inspex-bench-XXXXXX";
		int fd = mkstemp(list);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		double t1, t2;

		if (f == NULL)
			return 1;
		for (int r = 0; r < 200; r++)
			fprintf(f, "samples/soc-inspection-update.html\n"
			           "samples/soc-inspection-other-site.html\n"
			           "samples/no-inspection-news.html\n");
		fclose(f);
		t1 = run_jobs(bin, 1, list);
		t2 = run_jobs(bin, 2, list);
		printf("-j 2 over -j 1: %.2fx (600 pages, %.2f s and %.2f s "
		       "wall; target 1.8 on 2 cores, this machine has %ld)\n",
		       t1 / t2, t1, t2, sysconf(_SC_NPROCESSORS_ONLN));
		unlink(list);
	}
	inspex_rules_free(rs);
	return 0;
}
