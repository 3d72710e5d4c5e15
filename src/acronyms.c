/*
 * Acronym definitions by the Schwartz-Hearst algorithm ("A simple
 * algorithm for identifying abbreviation definitions in biomedical text",
 * 2003): for "long form (SF)", match the short form's characters right to
 * left in the words before the parenthesis, the first one at a word start.
 * Plural short forms ("LPTs") are matched without their final "s".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static int
valid_short(const char *s, size_t n)
{
	size_t upper = 0, letters = 0, words = 1;

	if (n < 2 || n > 12 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return 0;
		if (isupper(c))
			upper++;
		if (isalpha(c))
			letters++;
		if (c == ' ')
			words++;
		if (!isalnum(c) && c != '-' && c != '&' && c != '.' && c != ' ')
			return 0;
	}
	return letters >= 2 && upper >= 2 && words <= 2;
}

static int
is_word_start(const char *s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s[i - 1]);
}

/* Schwartz-Hearst best long form; returns its start in lf, or -1. */
static long
best_long(const char *sf, size_t sn, const char *lf, size_t ln)
{
	long s = (long)sn - 1, l = (long)ln - 1;

	while (s >= 0) {
		unsigned char c = (unsigned char)tolower((unsigned char)sf[s]);

		if (!isalnum(c)) {
			s--;
			continue;
		}
		while (l >= 0 && ((unsigned char)tolower((unsigned char)lf[l]) != c ||
		                  (s == 0 && !is_word_start(lf, (size_t)l))))
			l--;
		if (l < 0)
			return -1;
		l--;
		s--;
	}
	l++;
	while (l > 0 && !is_word_start(lf, (size_t)l))
		l--;
	return l;
}

static void
add(json_t *arr, const char *sf, size_t sn, const char *lf, size_t ln)
{
	size_t i;
	json_t *a;
	char *l = ix_squash(lf, ln);

	json_array_foreach(arr, i, a)
	{
		const char *s = json_string_value(json_object_get(a, "short"));

		if (strlen(s) == sn && !strncmp(s, sf, sn)) {
			free(l);
			return;
		}
	}
	a = json_object();
	json_object_set_new(a, "short", ix_jstrn(sf, sn));
	json_object_set_new(a, "long", ix_jstr(l));
	json_array_append_new(arr, a);
	free(l);
}

static void
scan(json_t *arr, const char *t, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const char *close;
		size_t sn, wstart, words = 0, maxw;
		const char *sf;
		long st;

		if (t[i] != '(')
			continue;
		close = memchr(t + i, ')', len - i);
		if (close == NULL)
			break;
		sf = t + i + 1;
		sn = (size_t)(close - sf);
		if (!valid_short(sf, sn))
			continue;
		/* the long form: at most min(|SF| + 5, 2 |SF|) words back */
		maxw = sn + 5 < 2 * sn ? sn + 5 : 2 * sn;
		wstart = i;
		while (wstart > 0 && t[wstart - 1] == ' ')
			wstart--;
		{
			size_t end = wstart, p = wstart;

			while (p > 0 && words < maxw) {
				while (p > 0 && t[p - 1] == ' ')
					p--;
				if (p > 0 && strchr(";:()", t[p - 1]))
					break;
				while (p > 0 && t[p - 1] != ' ' && !strchr(";:()", t[p - 1]))
					p--;
				words++;
			}
			if (end <= p)
				continue;
			st = best_long(sf, sn, t + p, end - p);
			if (st < 0 && sn > 2 && sf[sn - 1] == 's' &&
			    isupper((unsigned char)sf[sn - 2]))
				st = best_long(sf, sn - 1, t + p, end - p);
			if (st < 0)
				continue;
			/* the long form must be longer than the short one */
			if (end - p - (size_t)st <= sn)
				continue;
			add(arr, sf, sn, t + p + st, end - p - (size_t)st);
		}
		i = (size_t)(close - t);
	}
}

void
ix_extract_acronyms(ix_doc *d, json_t *root)
{
	json_t *arr = json_array();

	for (size_t bi = 0; bi < d->blocks.n; bi++) {
		const ix_block *b = &d->blocks.v[bi];
		size_t len = strlen(b->text);

		if (len < 100000)
			scan(arr, b->text, len);
	}
	json_object_set_new(root, "acronyms", arr);
	d->acronyms = arr;
}
