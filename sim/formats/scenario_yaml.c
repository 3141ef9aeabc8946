/* scenario_yaml.c - YAML files read into the scenario reader's documents:
 * the scenario and the files it includes, each read whole and once, with
 * caps on size and depth, and libyaml's errors made one line. */
#include "scenario_read.h"

#include "../../common/alloc.h"
#include "fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A YAML document is read whole: at most PEL_YAML_MAX_BYTES bytes, at
 * most PEL_YAML_MAX_DEPTH collections deep.  libyaml's scanner walks its
 * stack of possible simple keys, one per open flow collection, at every
 * token: 100,000 nested '[' cost half a minute.  So the text goes to
 * libyaml in pieces of FEED_PIECE bytes, and the reading stops as soon as
 * the scanner is nested deeper than the cap (the cost stays bounded); the
 * document loaded is then checked for its exact depth, in linear time. */
#define PEL_YAML_MAX_BYTES ((size_t)64 << 20)
#define PEL_YAML_MAX_DEPTH 256
#define FEED_PIECE 1024

typedef struct {
	const yaml_parser_t *parser;
	const char *text;
	size_t len, off;
	int too_deep;
} yaml_feed;

/* Records libyaml's error on text (read from file) as one line: where,
 * and what it could not read. */
static void syntax_error(loader *L, const char *file, const char *text, size_t len,
			 const yaml_parser_t *pa)
{
	const char *problem = pa->problem ? pa->problem : "unreadable input";
	if (pa->error == YAML_READER_ERROR) {
		size_t line, col, off = pa->problem_offset;
		if (!strcmp(problem, "invalid trailing UTF-8 octet") && off < len) {
			/* libyaml names the byte after the one at fault (0x0a after
			 * a Latin-1 0xe9): name the lead byte of the sequence */
			size_t k = off;
			while (k > 0 && off - k < 3 && ((unsigned char)text[k - 1] & 0xc0) == 0x80)
				k--;
			if (k > 0 && (unsigned char)text[k - 1] >= 0xc0) {
				pel_text_position(text, len, k - 1, &line, &col);
				pel_sc_fail_plain(L, "%s:%zu:%zu: expected UTF-8 text, found the byte 0x%02x without the "
					   "UTF-8 bytes that must follow it (a Latin-1 file? save it as UTF-8)",
					   file, line, col, (unsigned char)text[k - 1]);
				return;
			}
		}
		pel_text_position(text, len, off, &line, &col);
		if (pa->problem_value != -1)
			pel_sc_fail_plain(L, "%s:%zu:%zu: expected UTF-8 text, found 0x%02x (%s)", file, line, col,
				   (unsigned)pa->problem_value, problem);
		else
			pel_sc_fail_plain(L, "%s:%zu:%zu: cannot read: %s", file, line, col, problem);
		return;
	}
	if (pa->context && (pa->context_mark.line != pa->problem_mark.line ||
			    pa->context_mark.column != pa->problem_mark.column))
		pel_sc_fail_plain(L, "%s:%zu:%zu: YAML syntax error: %s (%s that starts at %zu:%zu)", file,
			   pa->problem_mark.line + 1, pa->problem_mark.column + 1, problem,
			   pa->context, pa->context_mark.line + 1, pa->context_mark.column + 1);
	else
		pel_sc_fail_plain(L, "%s:%zu:%zu: YAML syntax error: %s%s%s%s", file, pa->problem_mark.line + 1,
			   pa->problem_mark.column + 1, problem, pa->context ? " (" : "",
			   pa->context ? pa->context : "", pa->context ? ")" : "");
}

/* libyaml's read handler: the next piece of the text, or a read error
 * once the scanner is nested deeper than PEL_YAML_MAX_DEPTH (its open flow
 * collections and block indentation levels: each is a collection). */
static int feed(void *data, unsigned char *buf, size_t size, size_t *got)
{
	yaml_feed *f = data;
	const yaml_parser_t *p = f->parser;
	size_t depth = (size_t)p->flow_level + (size_t)(p->indents.top - p->indents.start);
	if (depth > PEL_YAML_MAX_DEPTH) {
		f->too_deep = 1;
		return 0;
	}
	size_t n = f->len - f->off;
	n = n < size ? n : size;
	n = n < FEED_PIECE ? n : FEED_PIECE;
	memcpy(buf, f->text + f->off, n);
	f->off += n;
	*got = n;
	return 1;
}

/* Whether a collection of doc lies deeper than PEL_YAML_MAX_DEPTH below
 * its root (each node counted once, at its first place). */
static int doc_too_deep(yaml_document_t *doc)
{
	size_t n = (size_t)(doc->nodes.top - doc->nodes.start), sp = 0;
	if (!n)
		return 0;
	int *stack = pel_xmalloc(2 * n * sizeof *stack); /* (node, depth) pairs */
	unsigned char *seen = pel_xcalloc(n + 1, 1);
	int deep = 0;
	stack[sp++] = 1;
	stack[sp++] = 0;
	seen[1] = 1;
	while (sp && !deep) {
		int depth = stack[--sp], id = stack[--sp];
		yaml_node_t *y = yaml_document_get_node(doc, id);
		if (y->type == YAML_SCALAR_NODE)
			continue;
		if (++depth > PEL_YAML_MAX_DEPTH) {
			deep = 1;
			break;
		}
		int kids[2], nk;
		yaml_node_item_t *it = y->type == YAML_SEQUENCE_NODE ? y->data.sequence.items.start : NULL;
		yaml_node_pair_t *pr = y->type == YAML_MAPPING_NODE ? y->data.mapping.pairs.start : NULL;
		for (;;) {
			if (it && it < y->data.sequence.items.top) {
				kids[0] = *it++;
				nk = 1;
			} else if (pr && pr < y->data.mapping.pairs.top) {
				kids[0] = pr->key;
				kids[1] = pr->value;
				pr++;
				nk = 2;
			} else {
				break;
			}
			for (int k = 0; k < nk; k++)
				if (!seen[kids[k]]) {
					seen[kids[k]] = 1;
					stack[sp++] = kids[k];
					stack[sp++] = depth;
				}
		}
	}
	free(stack);
	free(seen);
	return deep;
}

/* Names where text nests deeper than PEL_YAML_MAX_DEPTH: one pass over its
 * events up to the first collection too deep (the cost stays bounded as
 * in feed). */
static void too_deep(loader *L, const char *file, const char *text, size_t len)
{
	yaml_parser_t pa;
	yaml_event_t ev;
	int depth = 0, end = 0;
	size_t line = 1, col = 1;
	yaml_parser_initialize(&pa);
	yaml_parser_set_input_string(&pa, (const unsigned char *)text, len);
	while (!end && yaml_parser_parse(&pa, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > PEL_YAML_MAX_DEPTH) {
				line = ev.start_mark.line + 1;
				col = ev.start_mark.column + 1;
				end = 1;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		end |= ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&pa);
	pel_sc_fail_plain(L, "%s:%zu:%zu: expected at most %d nested collections, found more", file, line, col,
		   PEL_YAML_MAX_DEPTH);
}

/* Loads the one document of text (read from file) into L->docs[d]: 1, or
 * 0 with the message. */
static int parse_doc(loader *L, int d, const char *file, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_feed f = { &parser, text, len, 0, 0 };
	yaml_parser_set_input(&parser, feed, &f);
	int ok = yaml_parser_load(&parser, &L->docs[d]);
	if (!ok && f.too_deep) {
		too_deep(L, file, text, len);
	} else if (!ok) {
		syntax_error(L, file, text, len, &parser);
	} else if (doc_too_deep(&L->docs[d])) {
		too_deep(L, file, text, len);
		ok = 0;
		yaml_document_delete(&L->docs[d]);
	} else if (yaml_document_get_root_node(&L->docs[d])) {
		/* a second document would be silently ignored: refuse it */
		yaml_document_t next;
		if (!yaml_parser_load(&parser, &next)) {
			if (f.too_deep)
				too_deep(L, file, text, len);
			else
				syntax_error(L, file, text, len, &parser);
			ok = 0;
		} else {
			if (yaml_document_get_root_node(&next)) {
				pel_sc_fail_plain(L, "%s:%zu:%zu: expected one YAML document, found a second", file,
					   next.start_mark.line + 1, next.start_mark.column + 1);
				ok = 0;
			}
			yaml_document_delete(&next);
		}
		if (!ok)
			yaml_document_delete(&L->docs[d]);
	}
	yaml_parser_delete(&parser);
	return ok;
}

int pel_sc_load_doc(loader *L, const char *file, yref from, const char *field)
{
	char rerr[1024];
	size_t len;
	/* read whole, once: a FIFO or a device has no second reading */
	char *text = pel_read_text(file, PEL_YAML_MAX_BYTES, &len, rerr, sizeof rerr);
	if (!text) {
		if (present(from))
			pel_sc_fail_at(L, from, field, "expected %s, found '%s' (%s)",
				!strcmp(field, "platform") ? "a mapping or the name of a YAML file"
				: !strcmp(field, "workload") ? "a mapping or the name of a DAG file (YAML, DOT, WfFormat, STG, ETC)"
				: "a readable file",
				(const char *)Y(L, from)->data.scalar.value, rerr);
		else
			pel_sc_fail_plain(L, "%s", rerr);
		return -1;
	}
	if (L->ndocs == MAX_DOCS) {
		free(text);
		pel_sc_fail_at(L, from, field, "too many included files");
		return -1;
	}
	int d = L->ndocs;
	int ok = parse_doc(L, d, file, text, len);
	free(text);
	if (!ok)
		return -1;
	L->files[d] = pel_xstrdup(file);
	L->ndocs++;
	if (!yaml_document_get_root_node(&L->docs[d])) {
		pel_sc_fail_plain(L, "%s:1:1: expected a mapping, found an empty document", file);
		return -1;
	}
	return d;
}

/* name relative to the scenario's folder (absolute names stay). */
void pel_sc_rel_path(loader *L, const char *name, char *path, size_t n)
{
	const char *slash = strrchr(L->files[0], '/');
	if (name[0] == '/' || !slash)
		snprintf(path, n, "%s", name);
	else
		snprintf(path, n, "%.*s/%s", (int)(slash - L->files[0]), L->files[0], name);
}

