/*
 * HTML element names as small integers with their properties, so that the
 * hot walks (cleaning, blocks, metadata) compare integers instead of
 * strings. libxml2's HTML parser gives lower-case names.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const struct {
	const char *name;
	unsigned props;
} tags[IX_T_COUNT] = {
#define T(id, name, props) [id] = {name, props},
	IX_TAGS(T)
#undef T
};

/* Open addressing over a power of two larger than twice the tag count. */
#define SLOTS 512
static uint8_t slot_tag[SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned
hash(const unsigned char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned)(*s | 0x20)) * 16777619u;
	return h;
}

static void
build(void)
{
	for (int t = 1; t < IX_T_COUNT; t++) {
		unsigned h = hash((const unsigned char *)tags[t].name) & (SLOTS - 1);

		while (slot_tag[h] != 0)
			h = (h + 1) & (SLOTS - 1);
		slot_tag[h] = (uint8_t)t;
	}
}

int
ix_tag_of_name(const char *name)
{
	unsigned h;

	pthread_once(&once, build);
	h = hash((const unsigned char *)name) & (SLOTS - 1);
	while (slot_tag[h] != 0) {
		if (!strcasecmp(tags[slot_tag[h]].name, name))
			return slot_tag[h];
		h = (h + 1) & (SLOTS - 1);
	}
	return IX_T_OTHER;
}

int
ix_tag(xmlNodePtr n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return IX_T_NONE;
	return ix_tag_of_name((const char *)n->name);
}

unsigned
ix_tag_props(int tag)
{
	return tag > 0 && tag < IX_T_COUNT ? tags[tag].props : 0;
}

const char *
ix_attr_get(xmlNodePtr n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && !strcasecmp((const char *)a->name, name)) {
			xmlNodePtr t = a->children;

			/* the HTML parser stores a value as one text child */
			if (t == NULL)
				return "";
			if (t->type == XML_TEXT_NODE && t->next == NULL)
				return t->content ? (const char *)t->content : "";
			return NULL;
		}
	return NULL;
}

int
ix_attr_has(xmlNodePtr n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && !strcasecmp((const char *)a->name, name))
			return 1;
	return 0;
}
