/*
 * libFuzzer target: bytes -> a web archive -> inspex_warc_next over every
 * record -> each page through inspex_process_input with the default rules
 * -> every rendering (as result number k of a run), checked as
 * fuzz_pipeline checks them. The first byte chooses the packing of the
 * rest: 0 plain, 1 each record (cut at a "WARC/1." line start) its own
 * gzip member as crawlers write them, 2 the whole archive one gzip
 * member. The archive goes through a memfd, since the reader reads files.
 *   build/fuzz/fuzz_warc -max_total_time=600 CORPUS tests/fuzz/seeds/warc
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz_check.h"
#include "inspex.h"

#define WHO "fuzz_warc"

static const inspex_rules *
rules(void)
{
	static inspex_rules *rs;

	if (rs == NULL) {
		inspex_error e;

		rs = inspex_rules_new();
		if (rs == NULL || inspex_rules_add_defaults(rs, &e) < 0) {
			fprintf(stderr, WHO ": default rules: %s:%d:%d: %s\n",
			        e.file, e.line, e.column, e.message);
			abort();
		}
	}
	return rs;
}

static void
put(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		ssize_t k = write(fd, s, n);

		if (k <= 0) {
			perror(WHO ": write");
			abort();
		}
		s += k, n -= (size_t)k;
	}
}

/* p[0..n) as one gzip member. */
static void
put_gz(int fd, const uint8_t *p, size_t n)
{
	unsigned char tmp[16384];
	z_stream z;
	int r;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		r = deflate(&z, Z_FINISH);
		put(fd, tmp, sizeof(tmp) - z.avail_out);
	} while (r == Z_OK);
	if (r != Z_STREAM_END)
		abort();
	deflateEnd(&z);
}

/* Does a record start at p[i]? */
static int
record_start(const uint8_t *p, size_t n, size_t i)
{
	return (i == 0 || p[i - 1] == '\n') && n - i >= 7 &&
	       memcmp(p + i, "WARC/1.", 7) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	char path[64];
	inspex_options opts = {.reference_date = (size & 1) ? "2024-03-05" : NULL,
	                      .explain = (size & 2) != 0};
	inspex_warc_record rec;
	inspex_error e;
	inspex_warc *w;
	size_t index = 0;
	int mode, r;

	if (size < 1)
		return 0;
	mode = data[0] % 3;
	data++, size--;
	if (fd < 0) {
		fuzz_check_frames(WHO);
		if ((fd = memfd_create("fuzz.warc", 0)) < 0) {
			perror(WHO ": memfd_create");
			abort();
		}
	}
	if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	if (mode == 0) {
		put(fd, data, size);
	} else if (mode == 2) {
		put_gz(fd, data, size);
	} else {
		size_t from = 0;

		for (size_t i = 1; i <= size; i++)
			if (i == size || record_start(data, size, i)) {
				put_gz(fd, data + from, i - from);
				from = i;
			}
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((w = inspex_warc_open(path, &e)) == NULL) {
		fuzz_check_error(WHO, &e);
		return 0;
	}
	while ((r = inspex_warc_next(w, &rec, &e)) != 0) {
		inspex_input in;
		inspex_result *res;

		if (strncmp(e.file, path, strlen(path)) != 0 ||
		    e.file[strlen(path)] != '#')
			fuzz_fail(WHO, e.file, "error file is not ARCHIVE#OFFSET");
		if (r < 0) {
			fuzz_check_error(WHO, &e);
			continue;
		}
		if (rec.type == NULL || rec.data == NULL ||
		    rec.len > INSPEX_MAX_INPUT)
			fuzz_fail(WHO, "bad record", "inspex_warc_next");
		in = (inspex_input){.name = e.file, .url = rec.uri,
		                    .fetched = rec.date, .charset = rec.charset,
		                    .data = rec.data, .len = rec.len};
		res = inspex_process_input(rules(), &in, &opts, &e);
		if (res == NULL) {
			fuzz_check_error(WHO, &e);
			continue;
		}
		fuzz_check_result(WHO, res, index++);
		inspex_result_free(res);
	}
	inspex_warc_close(w);
	return 0;
}
