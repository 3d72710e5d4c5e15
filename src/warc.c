/*
 * Web archives: a streaming reader of WARC 1.0/1.1 files, plain or gzip
 * (one member per record, as crawlers write them, or one member for the
 * whole file). Memory stays bounded: the archive goes through two 64 KiB
 * buffers and only the record at hand is held, capped at INSPEX_MAX_INPUT.
 * A damaged record is reported and skipped: the reader finds the next
 * record at the next "WARC/1." line or, when the gzip data itself is
 * broken, at the next gzip member.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "internal.h"

#define RAWSZ 65536
#define OUTSZ 65536
#define MAX_HEADER 65536     /* a WARC or HTTP header block */
#define PEEK (MAX_HEADER + 16) /* what is read of a record too big to keep */

struct inspex_warc {
	FILE *f;
	int own;
	char *path;
	int gz;
	int zinit;
	z_stream z;
	unsigned char raw[RAWSZ];
	size_t rpos, rlen;
	unsigned long long roff; /* file offset of raw[0] */
	int raw_eof;
	int ioerr;
	unsigned char out[OUTSZ];
	size_t opos, olen;
	unsigned long long ubase; /* stream offset of out[0] */
	int member_end;           /* the member ended with out's last byte */
	unsigned long long moff;  /* file offset of the current member */
	unsigned long long muoff; /* stream offset where it began */
	int zerr;                 /* broken gzip data: resync on a member */
	int zagain;               /* tell the error once more (read ahead) */
	char zmsg[128];
	ix_buf pb;                /* bytes given back after a resync */
	size_t pbpos;
	unsigned long long pboff; /* stream offset of pb.s[pbpos] */
	/* the record at hand */
	ix_buf hdr, block, body;
	char *type, *uri, *date, *ctype;
	char charset[64];
};

static void
rec_err(inspex_warc *w, unsigned long long off, inspex_error *err,
        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
rec_err(inspex_warc *w, unsigned long long off, inspex_error *err,
        const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	snprintf(err->file, sizeof(err->file), "%s#%llu", w->path, off);
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* A header value quoted in an error message: valid UTF-8 (a bad byte
 * becomes U+FFFD, a control character a space), at most 40 bytes, never
 * cut inside a character. */
static void
msg_value(char *dst, size_t dn, const char *v)
{
	char *c = ix_utf8_clean(v, strlen(v));
	size_t n = strlen(c);

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)c[n] & 0xC0) == 0x80)
			n--;
	}
	if (n >= dn)
		n = dn - 1;
	memcpy(dst, c, n);
	dst[n] = '\0';
	free(c);
}

/* ---- bytes in: raw file, gzip members, given-back bytes --------------- */

static int
raw_fill(inspex_warc *w)
{
	size_t n;

	if (w->rpos < w->rlen)
		return 1;
	if (w->raw_eof)
		return 0;
	w->roff += w->rlen;
	w->rpos = w->rlen = 0;
	n = fread(w->raw, 1, RAWSZ, w->f);
	if (n == 0) {
		w->raw_eof = 1;
		if (ferror(w->f))
			w->ioerr = errno ? errno : EIO;
		return 0;
	}
	w->rlen = n;
	return 1;
}

/* Start the next gzip member at the raw position. 0 at the end. */
static int
member_start(inspex_warc *w)
{
	if (!raw_fill(w))
		return 0;
	/* padding after the last member is not news */
	while (w->raw[w->rpos] == 0) {
		if (++w->rpos == w->rlen && !raw_fill(w))
			return 0;
	}
	w->moff = w->roff + w->rpos;
	w->muoff = w->ubase + w->olen;
	w->member_end = 0;
	if (inflateReset(&w->z) != Z_OK)
		return -1;
	return 1;
}

/* Make out[] hold unread bytes: 1, or 0 at the end, -1 on broken gzip
 * data or a read error. */
static int
fill(inspex_warc *w)
{
	if (w->zagain) {
		w->zagain = 0;
		return -1;
	}
	if (w->opos < w->olen)
		return 1;
	if (w->zerr || w->ioerr)
		return -1;
	if (!w->gz) {
		w->ubase += w->olen;
		w->opos = w->olen = 0;
		if (!raw_fill(w))
			return w->ioerr ? -1 : 0;
		w->olen = w->rlen - w->rpos;
		memcpy(w->out, w->raw + w->rpos, w->olen);
		w->rpos = w->rlen;
		return 1;
	}
	for (;;) {
		int r;

		if (w->member_end) {
			/* one member's bytes never share out[] with the next's */
			w->ubase += w->olen;
			w->opos = w->olen = 0;
			if ((r = member_start(w)) < 0) {
				w->zerr = 1;
				snprintf(w->zmsg, sizeof(w->zmsg), "bad gzip data");
				return -1;
			}
			if (r == 0)
				return w->ioerr ? -1 : 0;
		}
		if (w->opos == w->olen) {
			w->ubase += w->olen;
			w->opos = w->olen = 0;
		}
		if (!raw_fill(w)) {
			if (w->ioerr)
				return -1;
			w->zerr = 1;
			snprintf(w->zmsg, sizeof(w->zmsg), "truncated gzip data");
			return -1;
		}
		w->z.next_in = w->raw + w->rpos;
		w->z.avail_in = (uInt)(w->rlen - w->rpos);
		w->z.next_out = w->out + w->olen;
		w->z.avail_out = (uInt)(OUTSZ - w->olen);
		r = inflate(&w->z, Z_NO_FLUSH);
		w->rpos = w->rlen - w->z.avail_in;
		w->olen = OUTSZ - w->z.avail_out;
		if (r == Z_STREAM_END)
			w->member_end = 1;
		else if (r != Z_OK && r != Z_BUF_ERROR) {
			w->zerr = 1;
			snprintf(w->zmsg, sizeof(w->zmsg), "bad gzip data (%s)",
			         w->z.msg ? w->z.msg : "inflate failed");
			return -1;
		}
		if (w->olen > 0)
			return 1;
	}
}

/* Stream offset of the next byte. */
static unsigned long long
tell(const inspex_warc *w)
{
	return w->pbpos < w->pb.len ? w->pboff + w->pbpos : w->ubase + w->opos;
}

/* Where a record starting here is found again: its gzip member's file
 * offset when it starts one, else its offset in the (unpacked) stream. */
static unsigned long long
record_offset(const inspex_warc *w)
{
	unsigned long long p = tell(w);

	return w->gz && p == w->muoff ? w->moff : p;
}

static int
peekc(inspex_warc *w)
{
	int r;

	if (w->pbpos < w->pb.len)
		return (unsigned char)w->pb.s[w->pbpos];
	if ((r = fill(w)) <= 0)
		return r < 0 ? -2 : -1;
	return w->out[w->opos];
}

/* A byte, -1 at the end, -2 on an error. */
static int
getbyte(inspex_warc *w)
{
	int c = peekc(w);

	if (c >= 0) {
		if (w->pbpos < w->pb.len)
			w->pbpos++;
		else
			w->opos++;
	}
	return c;
}

/* Give back n bytes that started at stream offset off. */
static void
unread(inspex_warc *w, const char *s, size_t n, unsigned long long off)
{
	ix_buf nb = {0};

	/* the bytes just read from pb: step back over them (a run of damaged
	 * headers in a long given-back stretch stays linear) */
	if (w->pbpos <= w->pb.len && n <= w->pbpos &&
	    off + n == w->pboff + w->pbpos &&
	    memcmp(w->pb.s + w->pbpos - n, s, n) == 0) {
		w->pbpos -= n;
		return;
	}
	ix_buf_add(&nb, s, n);
	if (w->pbpos < w->pb.len)
		ix_buf_add(&nb, w->pb.s + w->pbpos, w->pb.len - w->pbpos);
	ix_buf_free(&w->pb);
	w->pb = nb;
	w->pbpos = 0;
	w->pboff = off;
}

/*
 * Read n bytes into dst (NULL: drop them). Returns the count read, less
 * than n at the end of the data; *crossed is set when the bytes would run
 * into a gzip member that starts a new record (the record is truncated).
 */
static size_t
read_n(inspex_warc *w, ix_buf *dst, size_t n, int check_member, int *crossed)
{
	size_t got = 0;

	while (got < n) {
		size_t k;

		if (w->pbpos < w->pb.len) {
			k = w->pb.len - w->pbpos;
			if (k > n - got)
				k = n - got;
			if (dst)
				ix_buf_add(dst, w->pb.s + w->pbpos, k);
			w->pbpos += k;
			got += k;
			continue;
		}
		if (check_member && w->gz && w->opos == w->olen && w->member_end) {
			if (fill(w) <= 0)
				break;
			if (w->olen >= 7 && memcmp(w->out, "WARC/1.", 7) == 0) {
				*crossed = 1;
				break;
			}
		}
		if (fill(w) <= 0)
			break;
		k = w->olen - w->opos;
		if (k > n - got)
			k = n - got;
		if (dst)
			ix_buf_add(dst, (const char *)w->out + w->opos, k);
		w->opos += k;
		got += k;
	}
	return got;
}

/* After a damaged record: on to the next "WARC/1." at a line start (a
 * gzip member start counts as one). */
static void
resync_line(inspex_warc *w, int line_start)
{
	static const char pat[] = "\nWARC/1.";
	size_t k = line_start ? 1 : 0;
	int c;

	for (;;) {
		if (peekc(w) < 0)
			return;
		if (w->gz && w->pbpos >= w->pb.len && tell(w) == w->muoff)
			k = 1;
		c = getbyte(w);
		if (c == '\n')
			k = 1;
		else if (k > 0 && c == pat[k])
			k++;
		else
			k = 0;
		if (k == sizeof(pat) - 1) {
			unread(w, pat + 1, k - 1, tell(w) - (k - 1));
			return;
		}
	}
}

/* After broken gzip data: on to the next member's magic bytes. */
static void
resync_member(inspex_warc *w)
{
	unsigned long long from = w->moff + 1;

	ix_buf_free(&w->pb);
	w->pbpos = 0;
	w->zerr = 0;
	w->zagain = 0;
	/* back to the byte after the broken member's start when it is still
	 * in raw[], else scan on from where inflate stopped */
	if (from >= w->roff && from < w->roff + w->rlen)
		w->rpos = (size_t)(from - w->roff);
	for (;;) {
		if (!raw_fill(w))
			break;
		if (w->raw[w->rpos] == 0x1f) {
			/* the magic may straddle two reads */
			if (w->rpos + 2 < w->rlen) {
				if (w->raw[w->rpos + 1] == 0x8b &&
				    w->raw[w->rpos + 2] == 8)
					break;
			} else {
				size_t left = w->rlen - w->rpos;

				memmove(w->raw, w->raw + w->rpos, left);
				w->roff += w->rpos;
				w->rpos = 0;
				w->rlen = left;
				w->rlen += fread(w->raw + left, 1, RAWSZ - left, w->f);
				if (w->rlen < 3) {
					w->rpos = w->rlen;
					w->raw_eof = 1;
					break;
				}
				continue;
			}
		}
		w->rpos++;
	}
	/* out[] is dropped; the next fill starts a member */
	w->ubase += w->olen;
	w->opos = w->olen = 0;
	w->member_end = 1;
}

/* ---- headers ----------------------------------------------------------- */

/* Read a header block up to its empty line into w->hdr. 1 on success,
 * 0 at the end of the data, -1 when broken (message in msg). */
static int
read_header(inspex_warc *w, char *msg, size_t msgn)
{
	int c, prev = 0, empty = 1;

	ix_buf_free(&w->hdr);
	for (;;) {
		c = getbyte(w);
		if (c < 0) {
			snprintf(msg, msgn, "%s", c == -2 ? w->zmsg
			         : "truncated record header");
			return -1;
		}
		if (c == '\r')
			continue;
		/* garbage is told at once, not after 64 KiB of it */
		if (w->hdr.len < 7 && c != "WARC/1."[w->hdr.len]) {
			snprintf(msg, msgn, "not a WARC record (no WARC/1.x line)");
			return -1;
		}
		if (c == '\n') {
			if (empty && prev == '\n')
				break;
			empty = 1;
		} else {
			empty = 0;
		}
		ix_buf_addc(&w->hdr, (char)c);
		prev = c;
		if (w->hdr.len > MAX_HEADER) {
			snprintf(msg, msgn, "record header over %d KiB",
			         MAX_HEADER / 1024);
			return -1;
		}
	}
	return 1;
}

/* The value of header name in a block of "Name: value\n" lines, trimmed,
 * as a new string, or NULL. */
static char *
header_dup(const char *block, const char *name)
{
	size_t nl = strlen(name);
	const char *line = block;

	while (line != NULL && *line) {
		const char *next = strchr(line, '\n'), *v, *e;

		if (strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
			v = line + nl + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			e = next ? next : v + strlen(v);
			while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			return ix_strndup(v, (size_t)(e - v));
		}
		line = next ? next + 1 : NULL;
	}
	return NULL;
}

/* "text/html; charset=x": the type lower-cased into type, charset into cs. */
static void
content_type(const char *v, char *type, size_t tn, char *cs, size_t csn)
{
	size_t k = 0;
	const char *c;

	type[0] = '\0';
	if (v == NULL)
		return;
	while (*v == ' ')
		v++;
	while (*v && *v != ';' && *v != ' ' && k + 1 < tn)
		type[k++] = (char)tolower((unsigned char)*v++);
	type[k] = '\0';
	if (cs == NULL || (c = strcasestr(v, "charset=")) == NULL)
		return;
	c += 8;
	if (*c == '"' || *c == '\'')
		c++;
	for (k = 0; *c && k + 1 < csn && (isalnum((unsigned char)*c) ||
	                                   strchr("-_.:", *c)); c++)
		cs[k++] = *c;
	cs[k] = '\0';
}

static int
is_html_type(const char *t)
{
	return !strcmp(t, "text/html") || !strcmp(t, "application/xhtml+xml");
}

/* No type given: does the start of the body look like HTML? */
static int
sniff_html(const unsigned char *p, size_t n)
{
	size_t m = n < 1024 ? n : 1024;

	for (size_t i = 0; i + 5 <= m; i++)
		if (p[i] == '<' && (!strncasecmp((const char *)p + i, "<html", 5) ||
		                    (i + 14 <= m && !strncasecmp((const char *)p + i,
		                                                 "<!doctype html", 14))))
			return 1;
	return 0;
}

/* ---- HTTP bodies --------------------------------------------------------- */

/* Undo chunked transfer coding. A body cut short keeps what arrived (a
 * crawler's connection dropped); -1 when it was never chunked. */
static int
dechunk(const unsigned char *p, size_t n, ix_buf *out)
{
	size_t i = 0;
	int chunks = 0;

	while (i < n) {
		unsigned long long size = 0;
		int digits = 0, v;

		while (i < n && (v = isxdigit(p[i]) ? (isdigit(p[i]) ? p[i] - '0'
		                 : (tolower(p[i]) - 'a' + 10)) : -1) >= 0) {
			if (size > (unsigned long long)INSPEX_MAX_INPUT)
				return -1;
			size = size * 16 + (unsigned)v;
			digits++;
			i++;
		}
		if (digits == 0)
			return chunks > 0 ? 0 : -1;
		while (i < n && p[i] != '\n') /* extensions */
			i++;
		i++;
		if (size == 0)
			return 0;
		if (size > n - (i < n ? i : n))
			size = n - (i < n ? i : n);
		if (i < n)
			ix_buf_add(out, (const char *)p + i, (size_t)size);
		i += (size_t)size;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
		chunks++;
	}
	return 0;
}

/* Undo gzip or deflate content coding. 0, or -1 with msg set. */
static int
inflate_body(const unsigned char *p, size_t n, ix_buf *out, int raw,
             char *msg, size_t msgn)
{
	z_stream z;
	unsigned char tmp[65536];
	int r = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) {
		snprintf(msg, msgn, "out of memory");
		return -1;
	}
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	while (z.avail_in > 0) {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		r = inflate(&z, Z_NO_FLUSH);
		ix_buf_add(out, (const char *)tmp, sizeof(tmp) - z.avail_out);
		if (out->len > INSPEX_MAX_INPUT) {
			snprintf(msg, msgn, "page over %u MiB once decoded",
			         INSPEX_MAX_INPUT >> 20);
			inflateEnd(&z);
			return -1;
		}
		if (r == Z_STREAM_END) {
			/* several members, or padding after one */
			if (z.avail_in == 0 || *z.next_in != 0x1f)
				break;
			inflateReset(&z);
			r = Z_OK;
			continue;
		}
		if (r != Z_OK)
			break;
	}
	while (r == Z_OK) { /* flush what is still inside */
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		r = inflate(&z, Z_SYNC_FLUSH);
		ix_buf_add(out, (const char *)tmp, sizeof(tmp) - z.avail_out);
		if (sizeof(tmp) - z.avail_out == 0 || out->len > INSPEX_MAX_INPUT)
			break;
	}
	inflateEnd(&z);
	if (r == Z_STREAM_END)
		return 0;
	if (r == Z_DATA_ERROR && !raw && out->len == 0) {
		ix_buf_free(out);
		return inflate_body(p, n, out, 1, msg, msgn);
	}
	snprintf(msg, msgn, "%s", r == Z_DATA_ERROR
	         ? "bad gzip content (Content-Encoding)"
	         : "truncated gzip content (Content-Encoding)");
	return -1;
}

static int http_body(inspex_warc *w, const unsigned char *body, size_t bn,
                     const char *te, const char *ce, char *msg, size_t msgn);

/*
 * An HTTP response block: 1 with the page in w->body when it is a 2xx
 * HTML answer, 0 when it is not a page to read, -1 with msg set when
 * damaged. complete is 0 when only the start of the block was kept.
 */
static int
http_page(inspex_warc *w, const unsigned char *p, size_t n, int complete,
          char *msg, size_t msgn)
{
	char type[128], *te, *ce, *ct, *h;
	int r;
	size_t hlen = 0;
	int status = 0;

	w->charset[0] = '\0';
	for (;;) {
		const unsigned char *e = NULL;

		if (n < 12 || strncmp((const char *)p, "HTTP/", 5) != 0)
			return 0;
		for (size_t i = 0; i + 1 < n && i < MAX_HEADER; i++)
			if (p[i] == '\n' && (p[i + 1] == '\n' ||
			                     (i + 2 < n && p[i + 1] == '\r' &&
			                      p[i + 2] == '\n'))) {
				e = p + i + (p[i + 1] == '\n' ? 2 : 3);
				break;
			}
		if (sscanf((const char *)p + 5, "%*[0-9.] %3d", &status) != 1)
			return 0;
		if (e == NULL) {
			if (!complete || n >= MAX_HEADER) {
				snprintf(msg, msgn, "HTTP header over %d KiB",
				         MAX_HEADER / 1024);
				return -1;
			}
			e = p + n; /* headers only, no body */
		}
		hlen = (size_t)(e - p);
		if (status != 100 || hlen >= n)
			break;
		p += hlen, n -= hlen; /* 100 Continue, then the answer */
	}
	if (status < 200 || status > 299)
		return 0;
	ix_buf_free(&w->hdr);
	for (size_t i = 0; i < hlen; i++)
		if (p[i] != '\r')
			ix_buf_addc(&w->hdr, (char)p[i]);
	ix_buf_addc(&w->hdr, '\0');
	h = strchr(w->hdr.s, '\n');
	h = h ? h + 1 : w->hdr.s;
	ct = header_dup(h, "Content-Type");
	content_type(ct, type, sizeof(type), w->charset, sizeof(w->charset));
	free(ct);
	if (type[0] && !is_html_type(type))
		return 0;
	if (!complete) {
		snprintf(msg, msgn, "record over %u MiB", INSPEX_MAX_INPUT >> 20);
		return -1;
	}
	te = header_dup(h, "Transfer-Encoding");
	ce = header_dup(h, "Content-Encoding");
	r = http_body(w, p + hlen, n - hlen, te, ce, msg, msgn);
	free(te);
	free(ce);
	if (r < 0)
		return -1;
	if (!type[0] && !sniff_html((const unsigned char *)w->body.s,
	                            w->body.len))
		return 0;
	return 1;
}

/* Undo the transfer and content codings of a body into w->body. */
static int
http_body(inspex_warc *w, const unsigned char *body, size_t bn,
          const char *te, const char *ce, char *msg, size_t msgn)
{
	ix_buf_free(&w->body);
	if (te != NULL && strcasestr(te, "chunked") != NULL) {
		if (dechunk(body, bn, &w->body) < 0) {
			snprintf(msg, msgn, "bad chunked transfer coding");
			return -1;
		}
		body = (const unsigned char *)w->body.s;
		bn = w->body.len;
		if (body == NULL)
			body = (const unsigned char *)"", bn = 0;
	}
	if (ce != NULL && *ce && strcasecmp(ce, "identity") != 0) {
		ix_buf dec = {0};

		if (strcasecmp(ce, "gzip") && strcasecmp(ce, "x-gzip") &&
		    strcasecmp(ce, "deflate")) {
			char q[48];

			msg_value(q, sizeof(q), ce);
			snprintf(msg, msgn, "unsupported Content-Encoding '%s'", q);
			return -1;
		}
		if (inflate_body(body, bn, &dec, 0, msg, msgn) < 0) {
			ix_buf_free(&dec);
			return -1;
		}
		ix_buf_free(&w->body);
		w->body = dec;
	} else if (body != (const unsigned char *)w->body.s) {
		ix_buf_add(&w->body, (const char *)body, bn);
	}
	return 0;
}

/* ---- records ------------------------------------------------------------ */

inspex_warc *
inspex_warc_open(const char *path, inspex_error *err)
{
	inspex_warc *w;
	int c;

	if (err != NULL) {
		memset(err, 0, sizeof(*err));
		snprintf(err->file, sizeof(err->file), "%s", path);
	}
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (w->path = ix_strndup(path, strlen(path))) == NULL) {
		free(w);
		if (err)
			snprintf(err->message, sizeof(err->message), "out of memory");
		return NULL;
	}
	if (!strcmp(path, "-")) {
		w->f = stdin;
	} else if ((w->f = fopen(path, "rb")) == NULL) {
		if (err)
			snprintf(err->message, sizeof(err->message), "%s",
			         strerror(errno));
		free(w->path);
		free(w);
		return NULL;
	} else {
		w->own = 1;
	}
	if (raw_fill(w) && w->rlen - w->rpos >= 2 && w->raw[0] == 0x1f &&
	    w->raw[1] == 0x8b) {
		w->gz = 1;
		if (inflateInit2(&w->z, 15 + 16) != Z_OK) {
			inspex_warc_close(w);
			if (err)
				snprintf(err->message, sizeof(err->message),
				         "out of memory");
			return NULL;
		}
		w->zinit = 1;
		w->member_end = 1; /* the first fill starts a member */
	}
	if (w->ioerr) {
		c = w->ioerr;
		inspex_warc_close(w);
		if (err)
			snprintf(err->message, sizeof(err->message), "%s",
			         strerror(c));
		return NULL;
	}
	return w;
}

void
inspex_warc_close(inspex_warc *w)
{
	if (w == NULL)
		return;
	if (w->own)
		fclose(w->f);
	if (w->zinit)
		inflateEnd(&w->z);
	ix_buf_free(&w->pb);
	ix_buf_free(&w->hdr);
	ix_buf_free(&w->block);
	ix_buf_free(&w->body);
	free(w->type);
	free(w->uri);
	free(w->date);
	free(w->ctype);
	free(w->path);
	free(w);
}

unsigned long long
inspex_warc_tell(const inspex_warc *w)
{
	return w->roff + w->rpos;
}

/* Keep the fields of a WARC header block. 0, or -1 with msg set. */
static int
parse_warc_header(inspex_warc *w, unsigned long long *clen, char *msg,
                  size_t msgn)
{
	char *h, *line, *v, *end;
	int bad = 0;

	ix_buf_addc(&w->hdr, '\0');
	h = w->hdr.s;
	if (strncmp(h, "WARC/1.", 7) != 0) {
		snprintf(msg, msgn, "not a WARC record (no WARC/1.x line)");
		return -1;
	}
	line = strchr(h, '\n');
	line = line ? line + 1 : h + strlen(h);
	for (char *l = line; l && *l; ) {
		char *next = strchr(l, '\n');

		if (*l != ' ' && *l != '\t' &&
		    (next ? memchr(l, ':', (size_t)(next - l)) : strchr(l, ':')) == NULL) {
			snprintf(msg, msgn, "bad WARC header line");
			return -1;
		}
		l = next ? next + 1 : NULL;
	}
	free(w->type), free(w->uri), free(w->date), free(w->ctype);
	w->type = header_dup(line, "WARC-Type");
	w->date = header_dup(line, "WARC-Date");
	w->ctype = header_dup(line, "Content-Type");
	w->uri = header_dup(line, "WARC-Target-URI");
	/* WARC 1.0's grammar wrote the URI in angle brackets; some kept them */
	if (w->uri != NULL && w->uri[0] == '<' &&
	    w->uri[strlen(w->uri) - 1] == '>') {
		memmove(w->uri, w->uri + 1, strlen(w->uri));
		w->uri[strlen(w->uri) - 1] = '\0';
	}
	v = header_dup(line, "Content-Length");
	if (v == NULL || !isdigit((unsigned char)*v)) {
		snprintf(msg, msgn, "no Content-Length");
		bad = 1;
	} else {
		errno = 0;
		*clen = strtoull(v, &end, 10);
		if (errno || *end) {
			char q[48];

			msg_value(q, sizeof(q), v);
			snprintf(msg, msgn, "bad Content-Length '%s'", q);
			bad = 1;
		}
	}
	free(v);
	return bad ? -1 : 0;
}

/* After a block: CR LF CR LF, or bytes of a record cut short. The line
 * ends read are kept in eat[*n] (they may be the next record's). */
static int
block_end_ok(inspex_warc *w, char *eat, size_t *n)
{
	*n = 0;
	for (int i = 0; i < 4; i++) {
		int c = peekc(w);

		if (c < 0 || c == 'W')
			return 1;
		if (c != '\r' && c != '\n')
			return 0;
		eat[(*n)++] = (char)getbyte(w);
	}
	return 1;
}

/* Where in a block cut short does the next record begin? */
static const char *
embedded_record(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))) != NULL; p++)
		if ((size_t)(s + n - p) > 8 && memcmp(p + 1, "WARC/1.", 7) == 0)
			return p + 1;
	return NULL;
}

/* A record that starts inside the block just read is given back to be
 * read next. Returns 1 when there was one. */
static int
give_back_next(inspex_warc *w, unsigned long long boff, const char *eat,
               size_t neat, unsigned long long eoff)
{
	const char *nx;

	if (w->block.len == 0 ||
	    (nx = embedded_record(w->block.s, w->block.len)) == NULL)
		return 0;
	if (neat > 0) /* the line ends read after the block come back too */
		unread(w, eat, neat, eoff);
	unread(w, nx, w->block.len - (size_t)(nx - w->block.s),
	       boff + (unsigned long long)(nx - w->block.s));
	return 1;
}

/*
 * A record read from bytes given back after a damaged one is first looked
 * at where it lies: a wrong Content-Length then costs the bytes up to the
 * next record, not the bytes it claims, else every record of a damaged run
 * would read the rest of the archive again (quadratic). The given-back
 * bytes are extended from the stream to cover the block. Returns 1 when the
 * record was found damaged (err set, the reader at the next record), 0 to
 * read it as usual.
 */
static int
damaged_in_given_back(inspex_warc *w, unsigned long long off,
                      unsigned long long clen, inspex_error *err)
{
	size_t at, avail, i;
	const char *s, *nx;
	int r = 1;

	if (w->pbpos >= w->pb.len ||
	    clen > INSPEX_MAX_INPUT + (unsigned long long)MAX_HEADER)
		return 0;
	/* drop what was read when it is most of the buffer (amortised) */
	if (w->pbpos > w->pb.len / 2 && w->pbpos > RAWSZ) {
		memmove(w->pb.s, w->pb.s + w->pbpos, w->pb.len - w->pbpos);
		w->pb.len -= w->pbpos;
		w->pb.s[w->pb.len] = '\0';
		w->pboff += w->pbpos;
		w->pbpos = 0;
	}
	at = w->pbpos;
	/* the block as read_n reads it: not into a member that starts a
	 * record */
	while (w->pb.len - at < clen) {
		size_t k, want = (size_t)clen - (w->pb.len - at);

		if (w->gz && w->opos == w->olen && w->member_end) {
			if ((r = fill(w)) <= 0)
				break;
			if (w->olen >= 7 && memcmp(w->out, "WARC/1.", 7) == 0)
				break;
		}
		if ((r = fill(w)) <= 0)
			break;
		k = w->olen - w->opos;
		if (k > want)
			k = want;
		ix_buf_add(&w->pb, (const char *)w->out + w->opos, k);
		w->opos += k;
	}
	/* then the bytes block_end_ok looks at, no further: line ends, at
	 * most 4 */
	for (i = (size_t)clen; r > 0 && w->pb.len - at >= clen &&
	     i < (size_t)clen + 4; i++) {
		char c;

		if (i == w->pb.len - at) {
			if ((r = fill(w)) <= 0)
				break;
			ix_buf_addc(&w->pb, (char)w->out[w->opos++]);
		}
		c = w->pb.s[at + i];
		if (c == 'W' || (c != '\r' && c != '\n'))
			break;
	}
	if (r < 0)
		w->zagain = 1; /* the usual path meets the error where it would */
	if (r < 0 || w->zerr || w->ioerr)
		return 0; /* the usual path reports it */
	s = w->pb.s + at;
	avail = w->pb.len - at;
	if (avail < clen) {
		rec_err(w, off, err, "truncated record (Content-Length %llu, "
		        "%llu bytes)", clen, (unsigned long long)avail);
		nx = embedded_record(s, avail);
		w->pbpos = nx ? (size_t)(nx - w->pb.s) : w->pb.len;
		return 1;
	}
	/* as block_end_ok: CR LF CR LF, the end, or the next record */
	for (i = (size_t)clen; i < (size_t)clen + 4 && i < avail; i++) {
		if (s[i] == 'W')
			return 0;
		if (s[i] != '\r' && s[i] != '\n')
			break;
	}
	if (i == (size_t)clen + 4 || i == avail ||
	    (nx = embedded_record(s, (size_t)clen)) == NULL)
		return 0;
	rec_err(w, off, err, "truncated record (Content-Length %llu is past "
	        "its end)", clen);
	w->pbpos = (size_t)(nx - w->pb.s);
	return 1;
}

int
inspex_warc_next(inspex_warc *w, inspex_warc_record *rec,
                 inspex_error *err)
{
	char msg[256];

	for (;;) {
		unsigned long long off, clen = 0, boff, skipped = 0;
		size_t keep, got;
		int c, r, crossed = 0, html;
		char eat[4];
		size_t neat;

		while ((c = peekc(w)) == '\r' || c == '\n' || c == ' ')
			getbyte(w);
		if (c == -1)
			return 0;
		if (c == -2) {
			rec_err(w, w->gz ? w->moff : tell(w), err, "%s",
			        w->ioerr ? strerror(w->ioerr) : w->zmsg);
			if (w->ioerr) {
				w->ioerr = 0; /* give up on the file */
				w->raw_eof = 1;
				w->rpos = w->rlen;
				w->zerr = 0;
				w->zagain = 0;
				w->opos = w->olen;
				w->member_end = 0;
				w->gz = 0;
			} else {
				resync_member(w);
			}
			return -1;
		}
		off = record_offset(w);
		if ((r = read_header(w, msg, sizeof(msg))) < 0 ||
		    parse_warc_header(w, &clen, msg, sizeof(msg)) < 0) {
			rec_err(w, off, err, "%s", msg);
			if (w->zerr)
				resync_member(w);
			else /* a header read whole ends at a line start */
				resync_line(w, r > 0);
			return -1;
		}
		/* keep the whole block when it may be read; of one too big,
		 * its start tells whether it was a page */
		if (damaged_in_given_back(w, off, clen, err))
			return -1;
		keep = clen <= INSPEX_MAX_INPUT + (unsigned long long)MAX_HEADER
		           ? (size_t)clen : PEEK;
		w->block.len = 0;
		boff = tell(w);
		got = read_n(w, &w->block, keep, 1, &crossed);
		if (got == keep && keep < clen)
			skipped = read_n(w, NULL, (size_t)(clen - keep), 1, &crossed);
		if (crossed || got + skipped < clen) {
			if (w->zerr) {
				rec_err(w, off, err, "%s", w->zmsg);
				resync_member(w);
				return -1;
			}
			rec_err(w, off, err, "truncated record (Content-Length "
			        "%llu, %llu bytes)", clen,
			        (unsigned long long)got + skipped);
			give_back_next(w, boff, NULL, 0, 0);
			return -1;
		}
		/* Content-Length ran past the record: the next one starts
		 * inside this block */
		if (!block_end_ok(w, eat, &neat) &&
		    give_back_next(w, boff, eat, neat, boff + clen)) {
			rec_err(w, off, err, "truncated record (Content-Length "
			        "%llu is past its end)", clen);
			return -1;
		}
		if (w->type == NULL)
			continue;
		if (!strcasecmp(w->type, "response") &&
		    (w->ctype == NULL ||
		     strncasecmp(w->ctype, "application/http", 16) == 0)) {
			html = http_page(w, (const unsigned char *)w->block.s,
			                 w->block.len, keep == clen, msg,
			                 sizeof(msg));
		} else if (!strcasecmp(w->type, "resource") && w->ctype != NULL) {
			char type[128];

			content_type(w->ctype, type, sizeof(type), w->charset,
			             sizeof(w->charset));
			if (!is_html_type(type))
				continue;
			if (keep < clen) {
				snprintf(msg, sizeof(msg), "record over %u MiB",
				         INSPEX_MAX_INPUT >> 20);
				html = -1;
			} else {
				ix_buf_free(&w->body);
				ix_buf_add(&w->body, w->block.s ? w->block.s : "",
				           w->block.len);
				html = 1;
			}
		} else {
			continue;
		}
		if (html == 0)
			continue;
		if (html < 0) {
			rec_err(w, off, err, "%s", msg);
			return -1;
		}
		if (w->body.len > INSPEX_MAX_INPUT) {
			rec_err(w, off, err, "page over %u MiB",
			        INSPEX_MAX_INPUT >> 20);
			return -1;
		}
		memset(rec, 0, sizeof(*rec));
		rec->offset = off;
		rec->type = w->type;
		rec->uri = w->uri;
		rec->date = w->date;
		rec->charset = w->charset[0] ? w->charset : NULL;
		rec->data = (const unsigned char *)(w->body.s ? w->body.s : "");
		rec->len = w->body.len;
		if (err != NULL) {
			memset(err, 0, sizeof(*err));
			snprintf(err->file, sizeof(err->file), "%s#%llu", w->path,
			         off);
		}
		return 1;
	}
}
