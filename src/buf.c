/* The growable string every module builds text with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *
ix_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		/* The library has no sane way to go on; say so and stop. */
		fputs("inspex: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
ix_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fputs("inspex: out of memory\n", stderr);
		abort();
	}
	return q;
}

static void
grow(ix_buf *b, size_t need)
{
	size_t cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->s = ix_xrealloc(b->s, cap);
	b->cap = cap;
}

void
ix_buf_add(ix_buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
ix_buf_adds(ix_buf *b, const char *s)
{
	ix_buf_add(b, s, strlen(s));
}

void
ix_buf_addc(ix_buf *b, char c)
{
	ix_buf_add(b, &c, 1);
}

void
ix_buf_printf(ix_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
ix_buf_take(ix_buf *b)
{
	char *s = b->s;

	if (s == NULL) {
		s = ix_xmalloc(1);
		s[0] = '\0';
	}
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
ix_buf_free(ix_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
ix_strs_add(ix_strs *l, const char *s)
{
	if (l == NULL)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = ix_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = ix_strndup(s, strlen(s));
}

void
ix_strs_free(ix_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
