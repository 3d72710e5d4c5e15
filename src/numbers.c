/*
 * Numbers as people write them: digits with separators, number words,
 * scales, currencies and percentages. The rules find the phrase; this
 * turns it into a value and a unit.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const struct {
	const char *word;
	double value;
	int kind; /* 0 unit, 1 ten, 2 hundred, 3 scale */
} words[] = {
	{"zero", 0, 0},      {"nil", 0, 0},          {"a", 1, 0},
	{"an", 1, 0},        {"one", 1, 0},          {"two", 2, 0},
	{"three", 3, 0},     {"four", 4, 0},         {"five", 5, 0},
	{"six", 6, 0},       {"seven", 7, 0},        {"eight", 8, 0},
	{"nine", 9, 0},      {"ten", 10, 0},         {"eleven", 11, 0},
	{"twelve", 12, 0},   {"thirteen", 13, 0},    {"fourteen", 14, 0},
	{"fifteen", 15, 0},  {"sixteen", 16, 0},     {"seventeen", 17, 0},
	{"eighteen", 18, 0}, {"nineteen", 19, 0},    {"dozen", 12, 0},
	{"twenty", 20, 1},   {"thirty", 30, 1},      {"forty", 40, 1},
	{"fifty", 50, 1},    {"sixty", 60, 1},       {"seventy", 70, 1},
	{"eighty", 80, 1},   {"ninety", 90, 1},      {"hundred", 100, 2},
	{"thousand", 1e3, 3}, {"million", 1e6, 3},   {"billion", 1e9, 3},
	{"trillion", 1e12, 3},
};

static const struct {
	const char *from;
	const char *to;
} units[] = {
	{"%", "percent"},        {"per cent", "percent"}, {"percent", "percent"},
	{"pc", "percent"},       {"kg", "kg"},            {"kgs", "kg"},
	{"kilo", "kg"},          {"kilos", "kg"},         {"kilogram", "kg"},
	{"kilograms", "kg"},     {"kilogrammes", "kg"},   {"g", "g"},
	{"gram", "g"},           {"grams", "g"},          {"grammes", "g"},
	{"tonne", "tonnes"},     {"tonnes", "tonnes"},    {"ton", "tonnes"},
	{"tons", "tonnes"},      {"lb", "lb"},            {"lbs", "lb"},
	{"pounds", "GBP"},       {"pound", "GBP"},        {"year", "years"},
	{"years", "years"},      {"yrs", "years"},        {"month", "months"},
	{"months", "months"},    {"week", "weeks"},       {"weeks", "weeks"},
	{"day", "days"},         {"days", "days"},        {"hour", "hours"},
	{"hours", "hours"},      {"hrs", "hours"},        {"minute", "minutes"},
	{"minutes", "minutes"},  {"mins", "minutes"},     {"mile", "miles"},
	{"second", "seconds"},   {"seconds", "seconds"},  {"secs", "seconds"},
	{"metre", "metres"},     {"metres", "metres"},    {"meter", "metres"},
	{"meters", "metres"},    {"feet", "feet"},        {"foot", "feet"},
	{"inches", "inches"},    {"cm", "cm"},            {"mm", "mm"},
	{"miles", "miles"},      {"km", "km"},            {"kilometres", "km"},
	{"kilometers", "km"},    {"litres", "litres"},    {"liters", "litres"},
	{"dollars", "USD"},      {"euros", "EUR"},        {"mph", "mph"},
};

const char *
ix_unit_norm(const char *s, size_t n)
{
	char w[32];
	size_t k = 0;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(w))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			if (k > 0 && w[k - 1] != ' ')
				w[k++] = ' ';
		} else
			w[k++] = (char)tolower(c);
	}
	w[k] = '\0';
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(w, units[i].from))
			return units[i].to;
	return NULL;
}

/* Number words: "two hundred and fifty", "twenty-one", "a dozen". */
static int
parse_words(const char *s, size_t n, double *out)
{
	double total = 0, cur = 0;
	int any = 0, last_kind = -1, half = 0;
	size_t i = 0;

	while (i < n) {
		size_t b;
		int hit = 0;

		while (i < n && (isspace((unsigned char)s[i]) || s[i] == '-' ||
		                 s[i] == ','))
			i++;
		b = i;
		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		if (i == b)
			break;
		if (i - b == 3 && !strncasecmp(s + b, "and", 3))
			continue;
		/* "half a million", "seven and a half", "half a kilo" */
		if (i - b == 4 && !strncasecmp(s + b, "half", 4)) {
			if (any)
				cur += 0.5;
			else
				half = 1;
			any = 1;
			last_kind = 4;
			continue;
		}
		if (last_kind == 4 && i - b == 1 && (s[b] == 'a' || s[b] == 'A'))
			continue;
		if (any && i - b == 1 && (s[b] == 'a' || s[b] == 'A')) {
			size_t k = i;

			while (k < n && isspace((unsigned char)s[k]))
				k++;
			if (n - k >= 4 && !strncasecmp(s + k, "half", 4))
				continue; /* "seven and a half" */
		}
		for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			if (strlen(words[k].word) != i - b ||
			    strncasecmp(s + b, words[k].word, i - b))
				continue;
			hit = 1;
			switch (words[k].kind) {
			case 0:
				if (words[k].value == 12 && cur > 0 && last_kind == 0)
					cur *= 12; /* "two dozen" */
				else if (words[k].value == 12 && cur == 1 && any)
					cur = 12; /* "a dozen" */
				else
					cur += words[k].value;
				break;
			case 1:
				cur += words[k].value;
				break;
			case 2:
				cur = (cur ? cur : 1) * 100;
				break;
			default:
				total += (cur ? cur : 1) * words[k].value;
				cur = 0;
				break;
			}
			last_kind = words[k].kind;
			any = 1;
			break;
		}
		if (!hit)
			break;
	}
	if (!any)
		return 0;
	*out = total + cur;
	if (half)
		*out = (*out ? *out : 1) * 0.5;
	return 1;
}

int
ix_number_parse(const char *s, size_t n, double *value, const char **unit)
{
	size_t i = 0;
	double v = 0, frac = 0.1;
	int digits = 0;
	const char *cur = NULL;

	*unit = NULL;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i < n && s[i] == '$')
		cur = "USD", i++;
	else if (i + 1 < n && !memcmp(s + i, "\xC2\xA3", 2))
		cur = "GBP", i += 2;
	else if (i + 2 < n && !memcmp(s + i, "\xE2\x82\xAC", 3))
		cur = "EUR", i += 3;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i < n && isdigit((unsigned char)s[i])) {
		while (i < n && (isdigit((unsigned char)s[i]) ||
		                 (s[i] == ',' && i + 3 < n + 0 &&
		                  isdigit((unsigned char)s[i + 1])))) {
			if (s[i] != ',')
				v = v * 10 + (s[i] - '0'), digits++;
			i++;
		}
		if (i + 1 < n && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
			i++;
			while (i < n && isdigit((unsigned char)s[i])) {
				v += (s[i] - '0') * frac;
				frac /= 10;
				i++;
			}
		}
	} else {
		double w;
		size_t e = i;

		/* the word part ends where a non-number word starts */
		if (!parse_words(s + i, n - i, &w))
			return 0;
		*value = w;
		/* a unit may follow the words: "six years", "ten per cent" */
		while (e < n) {
			size_t b = e;
			int num = 0;

			while (e < n && !isspace((unsigned char)s[e]) && s[e] != '-')
				e++;
			for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
				if (strlen(words[k].word) == e - b &&
				    !strncasecmp(s + b, words[k].word, e - b))
					num = 1;
			if (!num && !(e - b == 3 && !strncasecmp(s + b, "and", 3))) {
				*unit = ix_unit_norm(s + b, n - b);
				break;
			}
			while (e < n && (isspace((unsigned char)s[e]) || s[e] == '-'))
				e++;
		}
		if (cur)
			*unit = cur;
		return 1;
	}
	if (digits == 0)
		return 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	/* scale words and letters */
	if (i < n) {
		size_t b = i;
		double scale = 0;

		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		if (i - b == 1 && (s[b] == 'k' || s[b] == 'K'))
			scale = 1e3;
		else if (i - b == 1 && (s[b] == 'm' || s[b] == 'M') && cur)
			scale = 1e6;
		else if ((i - b == 2 && !strncasecmp(s + b, "bn", 2)) ||
		         (i - b == 1 && (s[b] == 'b' || s[b] == 'B') && cur))
			scale = 1e9;
		else if (i - b == 7 && !strncasecmp(s + b, "million", 7))
			scale = 1e6;
		else if (i - b == 7 && !strncasecmp(s + b, "billion", 7))
			scale = 1e9;
		else if (i - b == 8 && !strncasecmp(s + b, "thousand", 8))
			scale = 1e3;
		else if (i - b == 2 && !strncasecmp(s + b, "mn", 2))
			scale = 1e6;
		if (scale) {
			v *= scale;
			while (i < n && isspace((unsigned char)s[i]))
				i++;
		} else {
			i = b;
		}
		if (i < n)
			*unit = ix_unit_norm(s + i, n - i);
	}
	if (cur)
		*unit = cur;
	/* round away binary noise from "3.5" * 1e6 */
	if (v > 1 && v < 1e15)
		v = (double)(long long)(v * 1000 + 0.5) / 1000;
	*value = v;
	return 1;
}
