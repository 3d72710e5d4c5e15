/* Unit tests, one group per module. */
#include <glob.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "internal.h"
#include "testutil.h"

/* ---- blocks.c: sentences ----------------------------------------------- */

static void
sentences(const char *text, size_t want)
{
	ix_span *v;
	size_t n = ix_sentences(text, strlen(text), &v);

	if (n != want) {
		for (size_t i = 0; i < n; i++)
			print_message("  [%.*s]\n", (int)v[i].len, text + v[i].start);
		fail_msg("%zu sentences in \"%s\", want %zu", n, text, want);
	}
	free(v);
}

static void
test_sentences(void **state)
{
	(void)state;
	sentences("One. Two. Three.", 3);
	sentences("An inspection on serious and organised crime (SOC) was carried "
	          "out. It focused on SOC.", 2);
	sentences("Seized £3.5m of assets. Then more.", 2);
	sentences("Arrests rose 2.5 per cent. Good.", 2);
	sentences("Det. Supt. J. Smith said so. He left.", 2);
	sentences("Mr. Jones met Dr. Patel e.g. on Monday. Fine.", 2);
	sentences("“We are pleased.” The chief said.", 2);
	sentences("Is it? Yes! Done.", 3);
	sentences("no terminator", 1);
}

/* ---- numbers.c ----------------------------------------------------------- */

static void
number(const char *s, double want, const char *unit)
{
	double v = -1;
	const char *u = NULL;

	assert_true(ix_number_parse(s, strlen(s), &v, &u));
	if (fabs(v - want) > 1e-6)
		fail_msg("\"%s\" gave %f, want %f", s, v, want);
	if ((unit == NULL) != (u == NULL) || (unit && strcmp(unit, u)))
		fail_msg("\"%s\" unit %s, want %s", s, u ? u : "null",
		         unit ? unit : "null");
}

static void
test_numbers(void **state)
{
	(void)state;
	number("six", 6, NULL);
	number("1,612", 1612, NULL);
	number("two hundred and fifty", 250, NULL);
	number("twenty-one", 21, NULL);
	number("a dozen", 12, NULL);
	number("1.2 million", 1200000, NULL);
	number("£3.5m", 3500000, "GBP");
	number("$2.1bn", 2100000000, "USD");
	number("€250,000", 250000, "EUR");
	number("3k", 3000, NULL);
	number("45%", 45, "percent");
	number("45 per cent", 45, "percent");
	number("110 years", 110, "years");
	number("2kg", 2, "kg");
	number("ninety-nine", 99, NULL);
	number("three thousand", 3000, NULL);
	assert_string_equal(ix_unit_norm("kilos", 5), "kg");
	assert_null(ix_unit_norm("arrests", 7));
}

/* ---- input.c: encodings and containers --------------------------------- */

static char *
text_of(const char *bytes, size_t n)
{
	inspex_error e;
	inspex_result *r = inspex_process(test_rules(), "t",
	                                  (const unsigned char *)bytes, n, NULL, &e);
	char *t;

	if (r == NULL)
		fail_msg("process: %s", e.message);
	t = inspex_render(r, INSPEX_FORMAT_TEXT, NULL);
	inspex_result_free(r);
	return t;
}

static void
test_encodings(void **state)
{
	static const char cp1252[] =
		"<html><head><meta charset=\"windows-1252\"></head><body><p>"
		"Officers \x93seized\x94 \xa3" "5,000 \x96 and more.</p></body></html>";
	static const char latin_undeclared[] =
		"<html><body><p>Caf\xe9 owners in the town centre said the "
		"inspection went well.</p></body></html>";
	char *t;
	(void)state;

	t = text_of(cp1252, sizeof(cp1252) - 1);
	assert_non_null(strstr(t, "“seized” £5,000 – and"));
	free(t);
	t = text_of(latin_undeclared, sizeof(latin_undeclared) - 1);
	assert_non_null(strstr(t, "Café"));
	free(t);
	{
		/* UTF-16LE with a BOM */
		const char *ascii = "<html><body><p>Sixteen bits wide.</p></body></html>";
		size_t n = strlen(ascii);
		char *u = malloc(2 * n + 2);

		u[0] = (char)0xFF;
		u[1] = (char)0xFE;
		for (size_t i = 0; i < n; i++) {
			u[2 + 2 * i] = ascii[i];
			u[3 + 2 * i] = 0;
		}
		t = text_of(u, 2 * n + 2);
		assert_non_null(strstr(t, "Sixteen bits wide."));
		free(t);
		free(u);
	}
}

static void
test_mhtml(void **state)
{
	static const char mht[] =
		"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
		"Content-Type: multipart/related; type=\"text/html\"; "
		"boundary=\"----B--\"\r\n\r\n"
		"------B--\r\nContent-Type: text/html\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
		"<html><body><p class=3D\"x\">Saved as one file, it=E2=80=99s =\r\n"
		"still read.</p></body></html>\r\n"
		"------B--\r\nContent-Type: text/css\r\n\r\np{}\r\n------B----\r\n";
	char *t;
	(void)state;

	t = text_of(mht, sizeof(mht) - 1);
	assert_non_null(strstr(t, "Saved as one file, it’s still read."));
	free(t);
}

static void
test_not_html(void **state)
{
	inspex_error e;
	(void)state;

	assert_null(inspex_process(test_rules(), "x.pdf",
	                           (const unsigned char *)"%PDF-1.7\n", 9, NULL, &e));
	assert_non_null(strstr(e.message, "PDF"));
	assert_null(inspex_process(test_rules(), "e", (const unsigned char *)"", 0,
	                           NULL, &e));
	assert_string_equal(e.message, "empty file");
	assert_null(inspex_process(test_rules(), "t",
	                           (const unsigned char *)"just words", 10, NULL, &e));
}

/* ---- clean.c ------------------------------------------------------------ */

static void
test_clean(void **state)
{
	static const char page[] =
		"<html><body><div id=\"onetrust-banner-sdk\"><p>We use cookies "
		"to improve things.</p></div><header><nav><a href=/>Home</a>"
		"</nav></header><div hidden><p>Hidden words here.</p></div>"
		"<p style=\"display: none\">Invisible words.</p><main><article>"
		"<h1>Headline</h1><p>The first paragraph of the story has enough "
		"words to be the story, by any measure at all.</p><ul><li>One "
		"item</li><li>Two item</li></ul></article></main><footer>"
		"Copyright footer</footer></body></html>";
	char *t = text_of(page, sizeof(page) - 1);
	(void)state;

	assert_null(strstr(t, "cookies"));
	assert_null(strstr(t, "Hidden words"));
	assert_null(strstr(t, "Invisible"));
	assert_null(strstr(t, "Copyright"));
	assert_null(strstr(t, "Home"));
	assert_non_null(strstr(t, "The first paragraph"));
	assert_non_null(strstr(t, "• One item\n• Two item"));
	free(t);
}

/* Class words match whole parts, not substrings; "*w*" and "=w" forms. */
static void
test_words(void **state)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	static const char words[] =
		"rule w.part\n    kind chrome-attr\n    words related skip-link =secondary\n"
		"rule w.inside\n    kind unlikely-attr\n    words *comment*\n";
	const uint64_t part = 1ull << 0, inside = 1ull << 1;
	(void)state;

	assert_int_equal(inspex_rules_add_buffer(rs, "w", words, strlen(words), &e), 0);
	assert_int_equal(ix_words_lookup(rs, "related", 7), part);
	assert_int_equal(ix_words_lookup(rs, "skip-link", 9), part);
	assert_int_equal(ix_words_lookup(rs, "relate", 6), 0);
	assert_int_equal(ix_words_lookup(rs, "=secondary", 10), part);
	assert_int_equal(ix_words_lookup(rs, "secondary", 9), 0);
	assert_int_equal(ix_words_inside(rs, "fbcommentsmodule"), inside);
	assert_int_equal(ix_words_inside(rs, "comet"), 0);
	assert_int_equal(ix_words_kind(rs, "chrome-attr"), part);
	inspex_rules_free(rs);
}

/*
 * Pages that came back empty: the article in a box named like chrome
 * ("widget", "sidebar"), in a hidden box a script shows, in a <noscript>,
 * or only in JSON-LD. Each gives its text, and says how on stderr.
 */
static void
test_never_empty(void **state)
{
	static const char widget[] =
		"<html><body><nav><a href=/>Home</a></nav><div class=\"sidebar-first-only "
		"elementor-widget-container\"><p>The parish council agreed on Monday to "
		"repair the footbridge over the mill race before the winter floods.</p>"
		"<p>Work starts in October and should take three weeks, weather "
		"permitting, said the clerk.</p></div></body></html>";
	static const char streamed[] =
		"<html><body><main><p>Loading</p></main><div hidden id=\"S:0\"><p>The "
		"ferry timetable changes on Sunday, with two extra sailings each "
		"afternoon for the summer season.</p><p>Passengers with cars are asked "
		"to book ahead online or at the harbour office.</p></div></body></html>";
	static const char wrapped[] =
		"<html><body><noscript><div><h1>Bear cubs counted</h1><p>Rangers counted "
		"sixteen cubs this year, the most since monitoring began fourteen years "
		"ago, in a census run with volunteers.</p></div></noscript></body></html>";
	static const char jsonld[] =
		"<html><head><script type=\"application/ld+json\">{\"@type\": "
		"\"NewsArticle\", \"headline\": \"Roof repairs\", \"articleBody\": "
		"\"The market hall roof will be repaired this autumn at a cost the "
		"council puts at just under two hundred thousand pounds.\\nStalls "
		"will stay open throughout, the council said, with some moving to the "
		"car park while scaffolding is up, and the work should be finished "
		"before the Christmas market opens in the square.\"}</script></head>"
		"<body><div class=c-promo-slot><a href=/a>Roof repairs</a></div>"
		"<div class=c-promo-slot><p>Read our latest</p></div></body></html>";
	inspex_error e;
	inspex_result *r;
	char *t;
	(void)state;

	t = text_of(widget, sizeof(widget) - 1);
	assert_non_null(strstr(t, "repair the footbridge"));
	assert_non_null(strstr(t, "weather permitting"));
	assert_null(strstr(t, "Home"));
	free(t);
	t = text_of(streamed, sizeof(streamed) - 1);
	assert_non_null(strstr(t, "two extra sailings"));
	free(t);
	t = text_of(wrapped, sizeof(wrapped) - 1);
	assert_non_null(strstr(t, "sixteen cubs"));
	free(t);
	r = inspex_process(test_rules(), "t", (const unsigned char *)jsonld,
	                   sizeof(jsonld) - 1, NULL, &e);
	assert_non_null(r);
	t = inspex_render(r, INSPEX_FORMAT_TEXT, NULL);
	assert_non_null(strstr(t, "just under two hundred thousand pounds.\n\nStalls"));
	assert_int_equal(inspex_result_warning_count(r), 1);
	assert_non_null(strstr(inspex_result_warning(r, 0), "JSON-LD articleBody"));
	free(t);
	inspex_result_free(r);
}

/* A search page or a form is not an article: no text, not the menu. */
static void
test_no_article(void **state)
{
	static const char search[] =
		"<html><body><nav><a href=/>Home</a> <a href=/bins>Bins</a></nav>"
		"<main><h1>Search results</h1><form><input name=q value=bins>"
		"</form><p>Showing 1 to 2 of 48 results</p><ul><li><a href=/a>Bin "
		"days</a><p>Find out when bins go.</p></li><li><a href=/b>Missed "
		"bin</a><p>Tell us about it.</p></li></ul></main></body></html>";
	char *t = text_of(search, sizeof(search) - 1);
	(void)state;

	assert_string_equal(t, "");
	free(t);
}

/* ---- rules.c ------------------------------------------------------------ */

static void
test_rules_errors(void **state)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	static const char bad[] = "# ok\nrule x\n    kind statistic\n"
	                          "    pattern (unclosed\n";
	static const char nokind[] = "rule y\n    pattern a\n\nrule z\n";
	static const char vocab[] = "rule v\n    kind period\n    pattern {{nope}}\n";
	static const char kind[] = "rule k\n    kind statistics\n    pattern a\n";
	static const char approx[] = "rule a\n    kind approx\n    pattern a\n"
	                             "    set approx roughly\n";
	static const char forkind[] = "rule g\n    kind gate\n    pattern a\n"
	                              "    set for figures\n";
	static const char setname[] = "rule s\n    kind gate\n    pattern a\n"
	                              "    set colour red\n";
	char groups[600] = "rule many\n    kind period\n    pattern ";
	(void)state;

	assert_int_equal(inspex_rules_add_buffer(rs, "bad.rules", bad,
	                                         strlen(bad), &e), -1);
	assert_string_equal(e.file, "bad.rules");
	assert_int_equal(e.line, 4);
	assert_true(e.column >= 13);
	assert_non_null(strstr(e.message, "missing closing parenthesis"));
	/* a rule without a kind is reported at its own line */
	assert_int_equal(inspex_rules_add_buffer(rs, "n", nokind, strlen(nokind),
	                                         &e), -1);
	assert_non_null(strstr(e.message, "no kind"));
	assert_int_equal(e.line, 1);
	assert_int_equal(inspex_rules_add_buffer(rs, "v", vocab, strlen(vocab),
	                                         &e), -1);
	assert_int_equal(e.column, 13);
	/* kinds and set values are checked */
	assert_int_equal(inspex_rules_add_buffer(rs, "k", kind, strlen(kind), &e), -1);
	assert_non_null(strstr(e.message, "unknown kind statistics"));
	assert_int_equal(e.line, 2);
	assert_int_equal(e.column, 10);
	assert_int_equal(inspex_rules_add_buffer(rs, "a", approx, strlen(approx), &e), -1);
	assert_non_null(strstr(e.message, "set approx wants"));
	assert_int_equal(e.line, 4);
	assert_int_equal(inspex_rules_add_buffer(rs, "g", forkind, strlen(forkind), &e), -1);
	assert_non_null(strstr(e.message, "set for wants a kind"));
	assert_int_equal(inspex_rules_add_buffer(rs, "s", setname, strlen(setname), &e), -1);
	assert_non_null(strstr(e.message, "unknown set name"));
	/* a pattern with more groups than a match keeps is refused */
	for (int k = 0; k < 33; k++)
		strcat(groups, "(a)");
	strcat(groups, "\n");
	assert_int_equal(inspex_rules_add_buffer(rs, "m", groups, strlen(groups), &e), -1);
	assert_non_null(strstr(e.message, "too many groups (33)"));
	assert_int_equal(inspex_rules_count(rs), 0);
	inspex_rules_free(rs);
}

/* A vocabulary extends itself; a flag in one line stays in that line. */
static void
test_rules_vocab(void **state)
{
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	ix_match m;
	static const char text[] =
		"vocab colour\n    red\n"
		"vocab colour\n    {{colour}}|blue\n"
		"vocab word\n    (?-i)ABC\n    xyz\n"
		"rule c\n    kind period\n    pattern ^(?<period>{{colour}})$\n"
		"rule w\n    kind actor\n    pattern ^(?<actor>{{word}})$\n";
	(void)state;

	assert_int_equal(inspex_rules_add_buffer(rs, "t", text, strlen(text), &e), 0);
	assert_non_null(ix_rules_first(rs, "period", "red", 3, &m, NULL));
	assert_non_null(ix_rules_first(rs, "period", "blue", 4, &m, NULL));
	assert_null(ix_rules_first(rs, "period", "green", 5, &m, NULL));
	/* case matters in the (?-i) line only */
	assert_null(ix_rules_first(rs, "actor", "abc", 3, &m, NULL));
	assert_non_null(ix_rules_first(rs, "actor", "XYZ", 3, &m, NULL));
	inspex_rules_free(rs);
}

/* A user's statistic rule claims its figure before the built-in reader:
 * a rules file can change what a figure is read as. */
static void
test_user_rule(void **state)
{
	static const char user[] =
		"rule user.tickets\n"
		"    kind statistic\n"
		"    pattern (?<action>issued)\\s+(?<value>{{number}})\\s+tickets\\s+"
		"to\\s+(?<measure>speeding\\s+drivers)\n";
	static const char page[] =
		"<html><body><article><p>Last weekend officers issued 37 tickets "
		"to speeding drivers on the A38.</p></article></body></html>";
	inspex_rules *rs = inspex_rules_new();
	inspex_error e;
	inspex_result *r;
	json_t *j, *st;
	char *s;
	(void)state;

	assert_int_equal(inspex_rules_add_defaults(rs, &e), 0);
	r = inspex_process(rs, "p", (const unsigned char *)page, strlen(page),
	                   NULL, &e);
	s = inspex_result_json(r);
	j = json_loads(s, 0, NULL);
	st = json_array_get(json_object_get(j, "statistics"), 0);
	assert_int_equal(json_array_size(json_object_get(j, "statistics")), 1);
	assert_string_equal(json_string_value(json_object_get(st, "measure")),
	                    "tickets");
	json_decref(j);
	free(s);
	inspex_result_free(r);
	assert_int_equal(inspex_rules_add_buffer(rs, "user.rules", user,
	                                         strlen(user), &e), 0);
	r = inspex_process(rs, "p", (const unsigned char *)page, strlen(page),
	                   NULL, &e);
	s = inspex_result_json(r);
	j = json_loads(s, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "statistics")), 1);
	st = json_array_get(json_object_get(j, "statistics"), 0);
	assert_int_equal(json_integer_value(json_object_get(st, "value")), 37);
	assert_string_equal(json_string_value(json_object_get(st, "measure")),
	                    "speeding drivers");
	assert_string_equal(json_string_value(json_object_get(st, "action")),
	                    "issued");
	json_decref(j);
	free(s);
	inspex_result_free(r);
	inspex_rules_free(rs);
}

/* ---- output formats ----------------------------------------------------- */

static const char fmt_page[] =
	"<html lang=\"en\"><head><title>Tabs | Site</title></head><body><article>"
	"<h1>Tabs</h1><p>Officers made 12 arrests and seized\t2kg of cocaine "
	"in 2023, said the report by HMICFRS.</p><p>Back\\slash "
	"paragraph here.</p><ul><li>First</li><li>Second</li></ul>"
	"</article></body></html>";

static void
test_formats(void **state)
{
	inspex_result *r = test_run(fmt_page, NULL);
	char *tsv, *jsonl, *json, *text, *report;
	size_t n;
	(void)state;

	assert_non_null(r);
	tsv = inspex_render(r, INSPEX_FORMAT_TSV, &n);
	assert_non_null(strstr(tsv, "schema\tinspex/1\n"));
	assert_non_null(strstr(tsv, "statistics[0].value\t12\n"));
	assert_non_null(strstr(tsv, "statistics[1].unit\tkg\n"));
	assert_null(strstr(tsv, "inspection\t")); /* null prints no line */
	jsonl = inspex_render(r, INSPEX_FORMAT_JSONL, &n);
	assert_int_equal(strchr(jsonl, '\n') - jsonl, (long)n - 1);
	json = inspex_render(r, INSPEX_FORMAT_JSON, &n);
	{
		json_t *j = json_loads(json, 0, NULL);

		assert_non_null(j);
		assert_string_equal(json_string_value(json_object_get(j, "schema")),
		                    "inspex/1");
		assert_string_equal(json_string_value(json_object_get(
		                        json_object_get(j, "source"), "title")),
		                    "Tabs");
		json_decref(j);
	}
	text = inspex_render(r, INSPEX_FORMAT_TEXT, &n);
	assert_null(strstr(text, "Tabs\n")); /* the headline is left out */
	assert_non_null(strstr(text, "HMICFRS.\n\nBack\\slash paragraph here.\n\n"
	                             "• First\n• Second\n"));
	report = inspex_render(r, INSPEX_FORMAT_REPORT, &n);
	assert_non_null(strstr(report, "Statistics (2)"));
	free(tsv);
	free(jsonl);
	free(json);
	free(text);
	free(report);
	inspex_result_free(r);
}

static void
test_tsv_escapes(void **state)
{
	inspex_result *r = test_run("<html><head><title>a\\b</title>"
	                            "</head><body><p>Words enough here for a "
	                            "story to be kept.</p></body></html>",
	                            NULL);
	char *tsv = inspex_render(r, INSPEX_FORMAT_TSV, NULL);
	(void)state;

	assert_non_null(strstr(tsv, "source.title\ta\\\\b\n"));
	free(tsv);
	inspex_result_free(r);
}

/* ---- csv.c and html.c: quoting and escaping ---------------------------- */

static void
csv_field(const char *in, const char *want)
{
	ix_buf b = {0};

	ix_csv_field(&b, in);
	assert_string_equal(b.s ? b.s : "", want);
	ix_buf_free(&b);
}

/* Fields of one CSV record as RFC 4180 counts them; *end past its CRLF. */
static size_t
csv_fields(const char *s, const char **end)
{
	size_t n = 1;
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ',')
			n++;
		else if (!quoted && *s == '\r' && s[1] == '\n')
			break;
	}
	*end = *s ? s + 2 : s;
	return n;
}

static void
test_csv(void **state)
{
	static const char page[] =
		"<html lang=\"en\"><head><title>Arrests, \"raids\" and more"
		"</title></head><body><article><h1>Arrests, \"raids\" and more"
		"</h1><p>In 2023 officers "
		"made 12 arrests and seized \xC2\xA3" "3.5m of criminal assets, "
		"said the caf\xC3\xA9 owner.</p></article></body></html>";
	inspex_result *r;
	char *head, *rows, *foot;
	const char *p, *end;
	size_t n, lines = 0;
	(void)state;

	csv_field("plain", "plain");
	csv_field("a,b", "\"a,b\"");
	csv_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_field("two\nlines", "\"two\nlines\"");
	csv_field("cr\rhere", "\"cr\rhere\"");
	csv_field("caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3" "5", "caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3" "5");
	csv_field("", "");

	head = inspex_render_header(INSPEX_FORMAT_CSV, &n);
	assert_string_equal(head, "input,site,title,published,kind,value,unit,"
	                          "approx,measure,action,actor,period,grade,"
	                          "area,text\r\n");
	foot = inspex_render_footer(INSPEX_FORMAT_CSV, &n);
	assert_int_equal(n, 0);
	r = test_run(page, NULL);
	assert_non_null(r);
	rows = inspex_render(r, INSPEX_FORMAT_CSV, &n);
	assert_true(ix_utf8_valid(rows, n));
	assert_false(rows[0] == '\xEF'); /* no BOM */
	assert_null(strstr(rows, "input,site")); /* the header is the run's */
	assert_non_null(strstr(rows, "test.html,,\"Arrests, \"\"raids\"\" and "
	                             "more\",,page,"));
	assert_non_null(strstr(rows, ",statistic,12,,exact,arrests,made,"
	                             "officers,2023,,,made 12 arrests\r\n"));
	assert_non_null(strstr(rows, ",statistic,3500000,GBP,exact,"));
	assert_null(strstr(rows, "12.0"));
	for (p = rows; *p; p = end, lines++)
		assert_int_equal(csv_fields(p, &end), 15);
	assert_true(lines >= 3);
	assert_null(strstr(rows, "\n\n"));
	for (p = rows; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p > rows && p[-1] == '\r');
	free(head);
	free(rows);
	free(foot);
	inspex_result_free(r);
}

static void
test_html_escape(void **state)
{
	static const char page[] =
		"<html lang=\"en\"><head><title>&lt;script&gt;alert(1)&lt;/script&gt;"
		"</title><link rel=\"canonical\" href=\"javascript:alert(2)\">"
		"<script>alert(3)</script></head><body><article><h1>Title "
		"here</h1><p>HMICFRS rated the force good. Officers made 12 "
		"arrests &lt;script&gt;alert(1)&lt;/script&gt; said the "
		"\"chief\" &amp; Tom's team.</p><SCRIPT>alert(4)</SCRIPT>"
		"</article></body></html>";
	inspex_result *r = test_run(page, "2024-01-01");
	ix_buf all = {0}, e = {0};
	char *s;
	size_t n;
	(void)state;

	ix_html_escape(&e, "<a href=\"x\">Tom's & co</a>", 26);
	assert_string_equal(e.s, "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; "
	                         "co&lt;/a&gt;");
	ix_buf_free(&e);
	assert_non_null(r);
	s = inspex_render_header(INSPEX_FORMAT_HTML, &n);
	ix_buf_add(&all, s, n);
	free(s);
	s = inspex_render_nth(r, INSPEX_FORMAT_HTML, 1, &n);
	ix_buf_add(&all, s, n);
	free(s);
	s = inspex_render_footer(INSPEX_FORMAT_HTML, &n);
	ix_buf_add(&all, s, n);
	free(s);
	assert_true(ix_utf8_valid(all.s, all.len));
	assert_null(strcasestr(all.s, "<script"));
	assert_null(strstr(all.s, "href=\"javascript:"));
	assert_non_null(strstr(all.s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(all.s, "&quot;chief&quot; &amp; Tom&#39;s"));
	assert_non_null(strstr(all.s, "<!DOCTYPE html>"));
	assert_non_null(strstr(all.s, "</html>\n"));
	/* the second input of a run: its anchors are in2-... */
	assert_non_null(strstr(all.s, "<section id=\"in2\" lang=\"en\">"));
	assert_non_null(strstr(all.s, "href=\"#in2-f"));
	assert_non_null(strstr(all.s, "<mark id=\"in2-s"));
	assert_null(strstr(all.s, "id=\"in1"));
	/* nothing loaded from elsewhere */
	assert_null(strstr(all.s, "src="));
	assert_null(strstr(all.s, "@import"));
	assert_null(strstr(all.s, "url("));
	ix_buf_free(&all);
	inspex_result_free(r);
}

/* ---- extractors on their own ------------------------------------------- */

static void
test_acronyms(void **state)
{
	inspex_result *r = test_run(
		"<p>Local policing teams (LPTs) work with the Police and Crime "
		"Commissioner (PCC) on anti-social behaviour (ASB), see below "
		"(2023) and (pictured).</p>",
		NULL);
	char *tsv = inspex_render(r, INSPEX_FORMAT_TSV, NULL);
	(void)state;

	assert_non_null(strstr(tsv, "acronyms[0].short\tLPTs\n"));
	assert_non_null(strstr(tsv, "acronyms[0].long\tLocal policing teams\n"));
	assert_non_null(strstr(tsv, "acronyms[1].long\tPolice and Crime Commissioner\n"));
	assert_non_null(strstr(tsv, "acronyms[2].long\tanti-social behaviour\n"));
	assert_null(strstr(tsv, "acronyms[3]"));
	free(tsv);
	inspex_result_free(r);
}

static void
test_when_resolution(void **state)
{
	static const char p[] =
		"<p>HMICFRS inspected the force in July last year and rated it "
		"good.</p>";
	inspex_result *r = test_run(p, "2024-03-01");
	char *tsv = inspex_render(r, INSPEX_FORMAT_TSV, NULL);
	(void)state;

	assert_non_null(strstr(tsv, "inspection.when.date\t2023-07\n"));
	assert_non_null(strstr(tsv, "inspection.grade\tgood\n"));
	free(tsv);
	inspex_result_free(r);
	r = test_run(p, NULL); /* no reference: the date stays unresolved */
	tsv = inspex_render(r, INSPEX_FORMAT_TSV, NULL);
	assert_null(strstr(tsv, "inspection.when.date"));
	assert_non_null(strstr(tsv, "inspection.when.text\tJuly last year\n"));
	free(tsv);
	inspex_result_free(r);
}

/* Every input a fuzzer once broke us with goes through every format;
 * the sanitizer build (make check SANITIZE=1) catches leaks and overflows.
 * A web archive (.warc, .warc.gz) is read record by record, as the CLI
 * reads it, and each page goes through every format. An error must say
 * something, in UTF-8. */
static void
fuzz_check_error(const char *path, const inspex_error *e)
{
	if (e->message[0] == '\0' ||
	    !ix_utf8_valid(e->message, strlen(e->message)))
		fail_msg("%s: error message empty or not UTF-8", path);
}

static void
fuzz_check_result(inspex_result *r)
{
	static const inspex_format fmts[] = {INSPEX_FORMAT_REPORT, INSPEX_FORMAT_JSON,
	                                     INSPEX_FORMAT_JSONL, INSPEX_FORMAT_TSV,
	                                     INSPEX_FORMAT_TEXT, INSPEX_FORMAT_CSV,
	                                     INSPEX_FORMAT_HTML};

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		size_t n;
		char *out = inspex_render(r, fmts[f], &n);

		assert_true(ix_utf8_valid(out, n));
		if (fmts[f] == INSPEX_FORMAT_JSON) {
			json_t *j = json_loads(out, 0, NULL);

			assert_non_null(j);
			json_decref(j);
		}
		free(out);
	}
	inspex_result_free(r);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

static void
fuzz_replay_warc(const char *path)
{
	inspex_warc_record rec;
	inspex_error e;
	inspex_warc *w = inspex_warc_open(path, &e);
	int r;

	assert_non_null(w);
	while ((r = inspex_warc_next(w, &rec, &e)) != 0) {
		inspex_input in;
		inspex_result *res;

		if (r < 0) {
			fuzz_check_error(path, &e);
			continue;
		}
		in = (inspex_input){.name = e.file, .url = rec.uri,
		                    .fetched = rec.date, .charset = rec.charset,
		                    .data = rec.data, .len = rec.len};
		if ((res = inspex_process_input(test_rules(), &in, NULL, &e)) == NULL)
			fuzz_check_error(path, &e);
		else
			fuzz_check_result(res);
	}
	inspex_warc_close(w);
}

/* CPU seconds an input may take: the slow inputs kept here (quadratic
 * walks) took about twice this before their fix, and a fifth of it after,
 * with or without the sanitizers (which slow everything down fourfold). */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_SECONDS 3.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_SECONDS 3.0
#endif
#endif
#ifndef FUZZ_SECONDS
#define FUZZ_SECONDS 1.0
#endif

static void
test_fuzz_regressions(void **state)
{
	glob_t gl;
	(void)state;

	test_rules(); /* not timed: the rules compile once */

	if (glob("tests/fuzz/regressions/*", 0, NULL, &gl) != 0)
		skip();
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		const char *path = gl.gl_pathv[i];
		double t0 = cpu_seconds(), t;
		inspex_error e;
		inspex_result *r;

		if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz")) {
			fuzz_replay_warc(path);
		} else if ((r = inspex_process_file(test_rules(), path, NULL,
		                                    &e)) == NULL) {
			fuzz_check_error(path, &e); /* refused with a reason is fine */
		} else {
			fuzz_check_result(r);
		}
		t = cpu_seconds() - t0;
		if (getenv("FUZZ_TIMES"))
			print_message("%s: %.3f s\n", path, t);
		if (t > FUZZ_SECONDS)
			fail_msg("%s: %.2f s of CPU, over %.0f s", path, t,
			         FUZZ_SECONDS);
	}
	globfree(&gl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_mhtml),
		cmocka_unit_test(test_not_html),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_never_empty),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_rules_vocab),
		cmocka_unit_test(test_user_rule),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_tsv_escapes),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_when_resolution),
		cmocka_unit_test(test_fuzz_regressions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
