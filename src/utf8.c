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
	ix_buf b = {0};
	size_t i = 0, k;

	while (i < n) {
		k = seqlen(p + i, n - i);
		if (k == 0) {
			ix_buf_adds(&b, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
			continue;
		}
		if (k == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')
			ix_buf_addc(&b, p[i] == '\r' ? '\n' : ' ');
		else if (k == 1 && p[i] == 0x7F)
			ix_buf_addc(&b, ' ');
		else
			ix_buf_add(&b, s + i, k);
		i += k;
	}
	return ix_buf_take(&b);
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
	ix_buf b = {0};
	size_t i = 0, k;
	int pending = 0;

	while (i < n) {
		if ((k = spacelen(p + i, n - i)) > 0) {
			pending = b.len > 0;
			i += k;
			continue;
		}
		if (pending)
			ix_buf_addc(&b, ' ');
		pending = 0;
		ix_buf_addc(&b, s[i]);
		i++;
	}
	return ix_buf_take(&b);
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
