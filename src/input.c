/*
 * Input: recognise what the bytes are (HTML, MHTML, or something else),
 * find their encoding, convert them to UTF-8 and hand them to libxml2.
 * Charset order follows the HTML standard's sniffing: BOM, transport
 * (the MHTML part header), <meta> prescan, then a guess.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#include "internal.h"

static void
seterr(inspex_error *err, const char *msg)
{
	if (err != NULL)
		snprintf(err->message, sizeof(err->message), "%s", msg);
}

static const unsigned char *
memcasemem(const unsigned char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);

	if (nn == 0 || hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++)
		if (strncasecmp((const char *)h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* Names of binary formats people save by mistake, by magic number. */
static const char *
binary_kind(const unsigned char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *name;
	} magics[] = {
		{"%PDF-", 5, "a PDF file"},
		{"\x1f\x8b", 2, "gzip-compressed data"},
		{"\x89PNG", 4, "a PNG image"},
		{"\xff\xd8\xff", 3, "a JPEG image"},
		{"GIF8", 4, "a GIF image"},
		{"PK\x03\x04", 4, "a ZIP archive"},
		{"\x7f" "ELF", 4, "an executable"},
		{"BZh", 3, "bzip2-compressed data"},
		{"\xfd" "7zXZ", 5, "xz-compressed data"},
		{"\x28\xb5\x2f\xfd", 4, "zstd-compressed data"},
		{"RIFF", 4, "a RIFF media file"},
		{"OggS", 4, "an Ogg media file"},
		{"\xd0\xcf\x11\xe0", 4, "an Office document"},
	};
	size_t ctl = 0, m = n < 4096 ? n : 4096;

	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (n >= magics[i].len &&
		    memcmp(p, magics[i].magic, magics[i].len) == 0)
			return magics[i].name;
	for (size_t i = 0; i < m; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\f' && p[i] != 0x1b)
			ctl++;
	if (ctl * 20 > m) /* text has next to none; random bytes have 10% */
		return "binary data";
	return NULL;
}

/* Does the text carry markup at all? A tag-like "<x" within 64 KiB. */
static int
has_markup(const unsigned char *p, size_t n)
{
	size_t m = n < 65536 ? n : 65536;

	for (size_t i = 0; i + 1 < m; i++)
		if (p[i] == '<' && (isalpha(p[i + 1]) || p[i + 1] == '!' ||
		                    p[i + 1] == '?' || p[i + 1] == '/'))
			return 1;
	return 0;
}

/* Copy the charset name following "charset=" at p into out. */
static int
read_charset(const unsigned char *p, const unsigned char *end, char *out,
             size_t outn)
{
	size_t k = 0;

	p += strlen("charset");
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '=')
		return 0;
	p++;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
		p++;
	while (p < end && k + 1 < outn &&
	       (isalnum(*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
		out[k++] = (char)*p++;
	out[k] = '\0';
	return k > 0;
}

/* The <meta> prescan: a charset named in the first 4 KiB's meta tags. */
static int
prescan_meta(const unsigned char *p, size_t n, char *out, size_t outn)
{
	const unsigned char *end = p + (n < 4096 ? n : 4096), *q = p, *tag, *c;

	while ((tag = memcasemem(q, (size_t)(end - q), "<meta")) != NULL) {
		const unsigned char *close = memchr(tag, '>', (size_t)(end - tag));

		if (close == NULL)
			close = end;
		c = memcasemem(tag, (size_t)(close - tag), "charset");
		if (c != NULL && read_charset(c, close, out, outn))
			return 1;
		q = tag + 5;
	}
	c = memcasemem(p, (size_t)(end - p), "<?xml");
	if (c != NULL && (c = memcasemem(c, (size_t)(end - c), "encoding=")) &&
	    c + 10 < end) {
		size_t k = 0;

		c += 9;
		if (*c == '"' || *c == '\'')
			c++;
		while (c < end && k + 1 < outn && (isalnum(*c) || *c == '-' || *c == '_'))
			out[k++] = (char)*c++;
		out[k] = '\0';
		return k > 0;
	}
	return 0;
}

static int
has_high(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return 1;
	return 0;
}

/* Map a declared label to an iconv name, as browsers do. */
static const char *
charset_alias(const char *label)
{
	if (!strcasecmp(label, "iso-8859-1") || !strcasecmp(label, "latin1") ||
	    !strcasecmp(label, "us-ascii") || !strcasecmp(label, "ascii") ||
	    !strcasecmp(label, "iso8859-1") || !strcasecmp(label, "l1"))
		return "WINDOWS-1252";
	if (!strcasecmp(label, "utf8") || !strcasecmp(label, "unicode-1-1-utf-8"))
		return "UTF-8";
	/* a meta tag cannot honestly declare UTF-16: it was read as ASCII */
	if (!strncasecmp(label, "utf-16", 6))
		return "UTF-8";
	if (!strcasecmp(label, "x-sjis"))
		return "SHIFT_JIS";
	return label;
}

/* Convert to UTF-8, replacing what cannot be converted with U+FFFD. */
static char *
to_utf8(const unsigned char *in, size_t n, const char *from, size_t *outn)
{
	iconv_t cd = iconv_open("UTF-8", from);
	ix_buf b = {0};
	char *ip = (char *)in;
	size_t il = n;
	char tmp[8192];
	size_t step = !strncasecmp(from, "UTF-16", 6) ? 2 : 1;

	if (cd == (iconv_t)-1)
		return NULL;
	while (il > 0) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		size_t r = iconv(cd, &ip, &il, &op, &ol);

		ix_buf_add(&b, tmp, (size_t)(op - tmp));
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* EILSEQ or a truncated sequence at the end */
			ix_buf_adds(&b, "\xEF\xBF\xBD");
			if (il <= step)
				break;
			ip += step;
			il -= step;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	*outn = b.len;
	return ix_buf_take(&b);
}

/* ---- MHTML ------------------------------------------------------------ */

static size_t header_end(const unsigned char *p, size_t n, size_t *body);

static int
is_mhtml(const unsigned char *p, size_t n)
{
	size_t m = n < 8192 ? n : 8192, body;
	size_t head = header_end(p, m, &body); /* the top-level headers */

	return memcasemem(p, head, "MIME-Version:") != NULL &&
	       memcasemem(p, head, "multipart/") != NULL;
}

/* A header's value within a header block (unfolded enough for our use). */
static int
header_param(const unsigned char *h, size_t n, const char *param, char *out,
             size_t outn)
{
	const unsigned char *c = memcasemem(h, n, param), *end = h + n;
	size_t k = 0, pl = strlen(param);

	if (c == NULL)
		return 0;
	c += pl;
	while (c < end && (*c == ' ' || *c == '='))
		c++;
	if (c < end && *c == '"') {
		c++;
		while (c < end && *c != '"' && k + 1 < outn)
			out[k++] = (char)*c++;
	} else {
		while (c < end && !isspace(*c) && *c != ';' && k + 1 < outn)
			out[k++] = (char)*c++;
	}
	out[k] = '\0';
	return k > 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
decode_qp(const unsigned char *p, size_t n, ix_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '=') {
			ix_buf_addc(out, (char)p[i]);
			continue;
		}
		if (i + 1 < n && p[i + 1] == '\n') {
			i += 1;
		} else if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') {
			i += 2;
		} else if (i + 2 < n && hexval(p[i + 1]) >= 0 &&
		           hexval(p[i + 2]) >= 0) {
			ix_buf_addc(out, (char)(hexval(p[i + 1]) * 16 +
			                        hexval(p[i + 2])));
			i += 2;
		} else {
			ix_buf_addc(out, '=');
		}
	}
}

static void
decode_b64(const unsigned char *p, size_t n, ix_buf *out)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		int v;
		unsigned char c = p[i];

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+' || c == '-')
			v = 62;
		else if (c == '/' || c == '_')
			v = 63;
		else if (c == '=')
			break;
		else
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			ix_buf_addc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/* End of a header block: the first empty line. */
static size_t
header_end(const unsigned char *p, size_t n, size_t *body)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (p[i] == '\n' && p[i + 1] == '\n') {
			*body = i + 2;
			return i;
		}
		if (p[i] == '\n' && i + 2 < n && p[i + 1] == '\r' &&
		    p[i + 2] == '\n') {
			*body = i + 3;
			return i;
		}
	}
	*body = n;
	return n;
}

/* An RFC 5322 date ("Tue, 5 Mar 2024 11:02:14 -0000") as ISO 8601, or
 * NULL: the MHTML Date: header says when the page was saved. */
static char *
mhtml_date(const unsigned char *h, size_t n)
{
	char line[128], mon[4], zone[8] = "";
	const unsigned char *c = NULL, *end = h + n;
	int d, y, hh, mm, ss = 0, m, k = 0, zh = 0, zm = 0;
	const char *v;

	if (n >= 5 && strncasecmp((const char *)h, "Date:", 5) == 0)
		c = h;
	else if ((c = memcasemem(h, n, "\nDate:")) != NULL)
		c++;
	if (c == NULL)
		return NULL;
	for (c += 5; c < end && (*c == ' ' || *c == '\t'); c++)
		;
	while (c < end && *c != '\r' && *c != '\n' && k + 1 < (int)sizeof(line))
		line[k++] = (char)*c++;
	line[k] = '\0';
	v = strchr(line, ',') ? strchr(line, ',') + 1 : line;
	if (sscanf(v, "%d %3s %d %d:%d:%d %7s", &d, mon, &y, &hh, &mm, &ss,
	           zone) < 6 &&
	    sscanf(v, "%d %3s %d %d:%d %7s", &d, mon, &y, &hh, &mm, zone) < 5)
		return NULL;
	if ((m = ix_month(mon, strlen(mon))) == 0 || d < 1 || d > 31 ||
	    y < 1970 || y > 9999 || hh > 23 || mm > 59 || ss > 60)
		return NULL;
	if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5) {
		zh = (zone[1] - '0') * 10 + (zone[2] - '0');
		zm = (zone[3] - '0') * 10 + (zone[4] - '0');
	}
	snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	         y, m, d, hh, mm, ss, zone[0] == '-' && (zh || zm) ? '-' : '+',
	         zh % 100, zm % 100);
	return ix_strndup(line, strlen(line));
}

/* Extract the first text/html part. Returns 0 when there is none. */
static int
mhtml_html(const unsigned char *p, size_t n, ix_buf *html, char *charset,
           size_t csn)
{
	char boundary[256], delim[260];
	size_t body, hend = header_end(p, n, &body);
	const unsigned char *q, *end = p + n;

	if (!header_param(p, hend, "boundary=", boundary, sizeof(boundary)))
		return 0;
	snprintf(delim, sizeof(delim), "--%s", boundary);
	q = p + body;
	while ((q = memcasemem(q, (size_t)(end - q), delim)) != NULL) {
		const unsigned char *part = q + strlen(delim), *next;
		size_t pb, ph, plen;
		char cte[64] = "", type[128] = "";

		if (part + 2 <= end && part[0] == '-' && part[1] == '-')
			break;
		next = memcasemem(part, (size_t)(end - part), delim);
		plen = next ? (size_t)(next - part) : (size_t)(end - part);
		ph = header_end(part, plen, &pb);
		header_param(part, ph, "Content-Type:", type, sizeof(type));
		if (strncasecmp(type, "text/html", 9) == 0) {
			header_param(part, ph, "Content-Transfer-Encoding:", cte,
			             sizeof(cte));
			if (!header_param(part, ph, "charset=", charset, csn))
				charset[0] = '\0';
			if (!strcasecmp(cte, "quoted-printable"))
				decode_qp(part + pb, plen - pb, html);
			else if (!strcasecmp(cte, "base64"))
				decode_b64(part + pb, plen - pb, html);
			else
				ix_buf_add(html, (const char *)part + pb, plen - pb);
			return 1;
		}
		if (next == NULL)
			break;
		q = next;
	}
	return 0;
}

/* libxml2 checks each attribute against all earlier ones of its tag, so a
 * tag with 100,000 attributes takes minutes; no real tag has 1,000. */
#define IX_MAX_ATTRS 1000

static char *
cap_attributes(char *s)
{
	char *r = s, *w = s;
	int in_tag = 0, attrs = 0, skipping = 0;
	char quote = 0;

	for (; *r; r++) {
		char ch = *r;

		if (!in_tag) {
			if (ch == '<' && isalpha((unsigned char)r[1])) {
				in_tag = 1;
				attrs = 0;
				skipping = 0;
				quote = 0;
			}
		} else if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '>') {
			in_tag = 0;
			skipping = 0;
		} else if (isspace((unsigned char)ch) && r[1] &&
		           !isspace((unsigned char)r[1]) && r[1] != '>' &&
		           r[1] != '/' && r[1] != '=') {
			if (++attrs > IX_MAX_ATTRS)
				skipping = 1;
		}
		if (!skipping || ch == '>')
			*w++ = ch;
	}
	*w = '\0';
	return s;
}

typedef struct {
	int depth; /* libxml2 stopped at its depth limit */
	int huge;  /* libxml2 cut a text node at its size limit */
} parse_notes;

/* libxml2's errors on broken markup are normal; two of its limits are not */
static void
note_error(void *ctx, xmlErrorPtr e)
{
	parse_notes *n = ctx;

	if (e == NULL || e->message == NULL)
		return;
	if (strstr(e->message, "Excessive depth"))
		n->depth = 1;
	else if (strstr(e->message, "huge text node"))
		n->huge = 1;
}

/* ---- the entry point -------------------------------------------------- */

htmlDocPtr
ix_input_parse(const unsigned char *data, size_t len, const char *charset,
               char **fetched, inspex_error *err, ix_strs *warn)
{
	parse_notes notes = {0, 0};
	ix_buf mh = {0};
	char declared[64] = "";
	const char *enc = NULL, *kind;
	char *utf8 = NULL, *clean;
	size_t ulen = 0;
	htmlDocPtr doc;

	if (len == 0) {
		seterr(err, "empty file");
		return NULL;
	}
	if (len > INSPEX_MAX_INPUT) {
		seterr(err, "file too large (over 64 MiB)");
		return NULL;
	}
	if (is_mhtml(data, len)) {
		size_t body, hend = header_end(data, len < 8192 ? len : 8192, &body);

		if (fetched != NULL && *fetched == NULL)
			*fetched = mhtml_date(data, hend);
		if (!mhtml_html(data, len, &mh, declared, sizeof(declared))) {
			seterr(err, "MHTML archive without an HTML part");
			return NULL;
		}
		if (mh.len == 0) {
			ix_buf_free(&mh);
			seterr(err, "MHTML archive with an empty HTML part");
			return NULL;
		}
		data = (const unsigned char *)mh.s;
		len = mh.len;
		if (declared[0])
			enc = charset_alias(declared);
	}
	if (enc == NULL && charset != NULL && *charset != '\0') {
		snprintf(declared, sizeof(declared), "%s", charset);
		enc = charset_alias(declared);
		/* servers that send a default charset for every page lie as
		 * <meta> tags do; valid UTF-8 beyond ASCII is not chance */
		if (strcasecmp(enc, "UTF-8") && has_high(data, len) &&
		    ix_utf8_valid((const char *)data, len))
			enc = "UTF-8";
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3, len -= 3;
		enc = "UTF-8";
	} else if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
		data += 2, len -= 2;
		enc = "UTF-16LE";
	} else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF) {
		data += 2, len -= 2;
		enc = "UTF-16BE";
	}
	if (enc == NULL || strncasecmp(enc, "UTF-16", 6) != 0) {
		if ((kind = binary_kind(data, len)) != NULL) {
			char msg[128];

			snprintf(msg, sizeof(msg), "not an HTML document (%s)", kind);
			seterr(err, msg);
			ix_buf_free(&mh);
			return NULL;
		}
	}
	if (enc == NULL && prescan_meta(data, len, declared, sizeof(declared))) {
		enc = charset_alias(declared);
		/* a page re-saved as UTF-8 often keeps its old <meta>; bytes
		 * that are valid UTF-8 beyond ASCII are not there by chance */
		if (strcasecmp(enc, "UTF-8") && has_high(data, len) &&
		    ix_utf8_valid((const char *)data, len))
			enc = "UTF-8";
	}
	if (enc == NULL && ix_utf8_valid((const char *)data, len))
		enc = "UTF-8";
	if (enc == NULL) {
		uchardet_t ud = uchardet_new();
		const char *g;

		uchardet_handle_data(ud, (const char *)data, len < 262144 ? len : 262144);
		uchardet_data_end(ud);
		g = uchardet_get_charset(ud);
		snprintf(declared, sizeof(declared), "%s",
		         g && *g && strcasecmp(g, "ASCII") ? g : "WINDOWS-1252");
		uchardet_delete(ud);
		enc = charset_alias(declared);
	}
	if (strcasecmp(enc, "UTF-8") != 0) {
		utf8 = to_utf8(data, len, enc, &ulen);
		if (utf8 == NULL) /* unknown label: the standard's fallback */
			utf8 = to_utf8(data, len, "WINDOWS-1252", &ulen);
	}
	if (utf8 != NULL) {
		clean = ix_utf8_clean(utf8, ulen);
		free(utf8);
	} else {
		clean = ix_utf8_clean((const char *)data, len);
	}
	ix_buf_free(&mh);
	cap_attributes(clean);
	ulen = strlen(clean);
	if (!has_markup((const unsigned char *)clean, ulen)) {
		free(clean);
		seterr(err, "not an HTML document (no markup)");
		return NULL;
	}
	/* libxml2's limits stay on (no HTML_PARSE_HUGE): they bound depth and
	 * text node size on hostile input. What they cut is said, not hidden. */
	xmlSetStructuredErrorFunc(&notes, note_error);
	doc = htmlReadMemory(clean, (int)ulen, NULL, "UTF-8",
	                     HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	                         HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(clean);
	if (notes.depth)
		ix_strs_add(warn, "elements nested deeper than 256: the rest of "
		                  "the page was not read");
	if (notes.huge)
		ix_strs_add(warn, "a text of over 10 MB was cut short");
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		if (doc)
			xmlFreeDoc(doc);
		seterr(err, "not an HTML document (nothing could be parsed)");
		return NULL;
	}
	return doc;
}
