/* UTF-8 hygiene: every string that leaves the library passes here. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Length of the valid sequence at s, or 0. */
static size_t
seqlen(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

int
ix_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if ((k = seqlen(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

char *
ix_utf8_clean(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	/* valid text copies as it is; an invalid byte grows to three */
	size_t cap = n + 16, o = 0, i = 0, k;
	char *d = ix_xmalloc(cap);

	while (i < n) {
		if (o + 4 > cap)
			d = ix_xrealloc(d, cap *= 2);
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			d[o++] = (char)p[i++];
			continue;
		}
		k = seqlen(p + i, n - i);
		if (k == 0) {
			memcpy(d + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
			o += 3;
			i++;
			continue;
		}
		if (k == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')
			d[o++] = p[i] == '\r' ? '\n' : ' ';
		else if (k == 1 && p[i] == 0x7F)
			d[o++] = ' ';
		else {
			memcpy(d + o, s + i, k);
			o += k;
		}
		i += k;
	}
	d[o] = '\0';
	return d;
}

/* Width of a white-space character at p (ASCII, NBSP, thin spaces...). */
static size_t
spacelen(const unsigned char *p, size_t n)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
	    *p == '\v')
		return 1;
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
		return 3; /* U+2000..U+200B, U+202F */
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3; /* stray BOM */
	return 0;
}

char *
ix_squash(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char *d = ix_xmalloc(n + 1);
	size_t i = 0, o = 0, k;
	int pending = 0;

	while (i < n) {
		if (p[i] > ' ' && p[i] < 0x80) {
			if (pending)
				d[o++] = ' ';
			pending = 0;
			d[o++] = (char)p[i++];
			continue;
		}
		if ((k = spacelen(p + i, n - i)) > 0) {
			pending = o > 0;
			i += k;
			continue;
		}
		if (pending)
			d[o++] = ' ';
		pending = 0;
		d[o++] = (char)p[i++];
	}
	d[o] = '\0';
	return d;
}

char *
ix_strndup(const char *s, size_t n)
{
	char *d = ix_xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void
ix_lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}
