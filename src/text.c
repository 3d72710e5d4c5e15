/*
 * The text format: the main text alone, as content-extraction benchmarks
 * read it. Paragraphs are separated by a blank line; a list's items stay
 * together, one per line behind a bullet; the headline is left out.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

/* The page's headline, give or take a site name or a kicker: one of the
 * two contains the other. */
static int
is_headline(const char *text, const char *title)
{
	size_t tl, hl;

	if (title == NULL)
		return 0;
	if (!strcasecmp(text, title))
		return 1;
	tl = strlen(title);
	hl = strlen(text);
	if (tl < 20 || hl < 20)
		return 0;
	return strcasestr(title, text) != NULL || strcasestr(text, title) != NULL;
}

void
ix_render_text(const inspex_result *res, ix_buf *out)
{
	const ix_blocks *bs = &res->blocks;
	int title_seen = 0;

	for (size_t i = 0; i < bs->n; i++) {
		const ix_block *b = &bs->v[i];

		if (b->kind == IX_BLOCK_HEADING && !title_seen && i < 3 &&
		    is_headline(b->text, res->title)) {
			title_seen = 1;
			continue;
		}
		if (out->len > 0) {
			int together = b->kind == IX_BLOCK_ITEM && i > 0 &&
			               bs->v[i - 1].kind == IX_BLOCK_ITEM &&
			               bs->v[i - 1].list_id == b->list_id;

			if (!together && b->kind == IX_BLOCK_ROW && i > 0 &&
			    bs->v[i - 1].kind == IX_BLOCK_ROW)
				together = 1;
			ix_buf_adds(out, together ? "" : "\n");
		}
		if (b->kind == IX_BLOCK_ITEM) {
			/* continuation blocks of one item are not new bullets */
			if (i == 0 || bs->v[i - 1].item_id != b->item_id ||
			    bs->v[i - 1].kind != IX_BLOCK_ITEM)
				ix_buf_adds(out, "\xE2\x80\xA2 ");
			else
				ix_buf_adds(out, "  ");
		}
		ix_buf_adds(out, b->text);
		ix_buf_addc(out, '\n');
	}
}
