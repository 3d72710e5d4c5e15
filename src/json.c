/* The json and jsonl formats: jansson writes them; we only pick the flags. */
#include <stdlib.h>

#include "internal.h"

static void
dump(const inspex_result *res, ix_buf *out, size_t flags)
{
	char *s = json_dumps(res->root, flags | JSON_PRESERVE_ORDER |
	                                    JSON_REAL_PRECISION(15));

	if (s != NULL) {
		ix_buf_adds(out, s);
		ix_buf_addc(out, '\n');
		free(s);
	}
}

void
ix_render_json(const inspex_result *res, ix_buf *out)
{
	dump(res, out, JSON_INDENT(2));
}

void
ix_render_jsonl(const inspex_result *res, ix_buf *out)
{
	dump(res, out, JSON_COMPACT);
}
