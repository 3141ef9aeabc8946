/* scenario.c - YAML scenario reader (libyaml's document API, which keeps a
 * start mark on every node, so every message can name file:line:column). */
#include "scenario.h"

#include "../../common/alloc.h"
#include "../../common/random.h"
#include "../../models/generate.h"
#include "../../models/families.h"
#include "../../models/size.h"
#include "../../models/stream.h"
#include "digest.h"
#include "fileio.h"
#include "import.h"
#include "trace.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#define MAX_DOCS 4

typedef struct {
	int doc;
	int idx; /* libyaml node index, 1-based; 0 = absent */
} yref;

typedef struct {
	yref node;
	char *label;  /* "--set PATH=VALUE" */
} set_mark;

typedef struct {
	yref at;      /* include scalar in its document */
	int doc;      /* document it loads */
} include;

typedef struct {
	yaml_document_t docs[MAX_DOCS];
	char *files[MAX_DOCS];
	int ndocs;
	set_mark *sets;
	size_t nsets;
	include incs[MAX_DOCS];
	int nincs;
	char *err;
	size_t errlen;
	int failed;
	pel_scenario *s;
} loader;

static const yref NONE = { 0, 0 };

static yaml_node_t *Y(loader *L, yref r)
{
	return yaml_document_get_node(&L->docs[r.doc], r.idx);
}

static int present(yref r)
{
	return r.idx != 0;
}

static const char *where(loader *L, yref r, char *buf, size_t n)
{
	for (size_t i = 0; i < L->nsets; i++)
		if (L->sets[i].node.doc == r.doc && L->sets[i].node.idx == r.idx)
			return L->sets[i].label;
	yaml_node_t *y = Y(L, r);
	snprintf(buf, n, "%s:%zu:%zu", L->files[r.doc], y ? y->start_mark.line + 1 : 1,
		 y ? y->start_mark.column + 1 : 1);
	return buf;
}

/* where(r), moved on to byte off of the scalar r's value when the value
 * is written on one line as it reads (plain, or quoted without escapes);
 * else where(r). */
static const char *where_in(loader *L, yref r, size_t off, char *buf, size_t n)
{
	const char *w = where(L, r, buf, n);
	yaml_node_t *y = Y(L, r);
	if (w != buf || !y || y->type != YAML_SCALAR_NODE)
		return w;
	/* libyaml's marks count characters, not bytes */
	const char *v = (const char *)y->data.scalar.value;
	size_t len = strlen(v), chars = 0, span = y->end_mark.index - y->start_mark.index;
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)v[i] & 0xc0) != 0x80;
	int quoted = y->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		     y->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	int plain = y->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (off > len || y->end_mark.line != y->start_mark.line || !(plain || quoted) ||
	    span != chars + (quoted ? 2 : 0))
		return w;
	size_t col = y->start_mark.column + 1 + (quoted ? 1 : 0);
	for (size_t i = 0; i < off; i++)
		col += ((unsigned char)v[i] & 0xc0) != 0x80;
	snprintf(buf, n, "%s:%zu:%zu", L->files[r.doc], y->start_mark.line + 1, col);
	return buf;
}

/* Copies src to dst (size n), control characters written as \n, \t or
 * \xHH, so that a message quoting the input stays on one line. */
static void one_line(char *dst, size_t n, const char *src)
{
	size_t o = 0;
	for (const unsigned char *c = (const unsigned char *)src; *c && o + 1 < n; c++) {
		char esc[8] = "";
		if (*c == '\n')
			strcpy(esc, "\\n");
		else if (*c == '\t')
			strcpy(esc, "\\t");
		else if (*c < 0x20 || *c == 0x7f)
			snprintf(esc, sizeof esc, "\\x%02x", *c);
		if (!*esc) {
			dst[o++] = (char)*c;
			continue;
		}
		size_t k = strlen(esc);
		if (o + k + 1 > n)
			break;
		memcpy(dst + o, esc, k);
		o += k;
	}
	if (n)
		dst[o] = 0;
}

static void fail_plain(loader *L, const char *fmt, ...)
{
	if (L->failed)
		return;
	L->failed = 1;
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	one_line(L->err, L->errlen, msg);
}

/* Records the first error: "<file:line:col>: <field>: <message>". */
static void fail_at(loader *L, yref r, const char *field, const char *fmt, ...)
{
	if (L->failed)
		return;
	char wbuf[512], msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *w = where(L, r, wbuf, sizeof wbuf);
	if (field && *field)
		fail_plain(L, "%s: %s: %s", w, field, msg);
	else
		fail_plain(L, "%s: %s", w, msg);
}

/* A short description of what a node is, for "found ..." */
static const char *found(loader *L, yref r, char *buf, size_t n)
{
	yaml_node_t *y = Y(L, r);
	if (!y)
		return "nothing";
	switch (y->type) {
	case YAML_MAPPING_NODE:
		return y->data.mapping.pairs.top == y->data.mapping.pairs.start ? "an empty mapping"
										: "a mapping";
	case YAML_SEQUENCE_NODE: {
		size_t k = (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
		if (!k)
			return "an empty list";
		snprintf(buf, n, "a list of %zu item%s", k, k > 1 ? "s" : "");
		return buf;
	}
	default: {
		const char *v = (const char *)y->data.scalar.value;
		size_t len = strlen(v);
		if (len <= 40) {
			snprintf(buf, n, "'%s'", v);
			return buf;
		}
		/* cut at 37 bytes, not inside a UTF-8 sequence */
		len = 37;
		while (len > 0 && ((unsigned char)v[len] & 0xc0) == 0x80)
			len--;
		snprintf(buf, n, "'%.*s...'", (int)len, v);
		return buf;
	}
	}
}

static void expected(loader *L, yref r, const char *field, const char *what)
{
	if (L->failed)
		return;
	char fb[64];
	fail_at(L, r, field, "expected %s, found %s", what, found(L, r, fb, sizeof fb));
}

static int is_type(loader *L, yref r, yaml_node_type_t t)
{
	return present(r) && Y(L, r)->type == t;
}

/* ---- reading YAML files ---- */

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
				fail_plain(L, "%s:%zu:%zu: expected UTF-8 text, found the byte 0x%02x without the "
					   "UTF-8 bytes that must follow it (a Latin-1 file? save it as UTF-8)",
					   file, line, col, (unsigned char)text[k - 1]);
				return;
			}
		}
		pel_text_position(text, len, off, &line, &col);
		if (pa->problem_value != -1)
			fail_plain(L, "%s:%zu:%zu: expected UTF-8 text, found 0x%02x (%s)", file, line, col,
				   (unsigned)pa->problem_value, problem);
		else
			fail_plain(L, "%s:%zu:%zu: cannot read: %s", file, line, col, problem);
		return;
	}
	if (pa->context && (pa->context_mark.line != pa->problem_mark.line ||
			    pa->context_mark.column != pa->problem_mark.column))
		fail_plain(L, "%s:%zu:%zu: YAML syntax error: %s (%s that starts at %zu:%zu)", file,
			   pa->problem_mark.line + 1, pa->problem_mark.column + 1, problem,
			   pa->context, pa->context_mark.line + 1, pa->context_mark.column + 1);
	else
		fail_plain(L, "%s:%zu:%zu: YAML syntax error: %s%s%s%s", file, pa->problem_mark.line + 1,
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
	fail_plain(L, "%s:%zu:%zu: expected at most %d nested collections, found more", file, line, col,
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
				fail_plain(L, "%s:%zu:%zu: expected one YAML document, found a second", file,
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

static int load_doc(loader *L, const char *file, yref from, const char *field)
{
	char rerr[1024];
	size_t len;
	/* read whole, once: a FIFO or a device has no second reading */
	char *text = pel_read_text(file, PEL_YAML_MAX_BYTES, &len, rerr, sizeof rerr);
	if (!text) {
		if (present(from))
			fail_at(L, from, field, "expected %s, found '%s' (%s)",
				!strcmp(field, "platform") ? "a mapping or the name of a YAML file"
				: !strcmp(field, "workload") ? "a mapping or the name of a DAG file (YAML, DOT, WfFormat, STG, ETC)"
				: "a readable file",
				(const char *)Y(L, from)->data.scalar.value, rerr);
		else
			fail_plain(L, "%s", rerr);
		return -1;
	}
	if (L->ndocs == MAX_DOCS) {
		free(text);
		fail_at(L, from, field, "too many included files");
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
		fail_plain(L, "%s:1:1: expected a mapping, found an empty document", file);
		return -1;
	}
	return d;
}

static yref root(int d)
{
	return (yref){ d, 1 };
}

/* ---- mappings ---- */

static int key_allowed(const char *k, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (!strcmp(k, *allowed))
			return 1;
	return 0;
}

/* Checks r is a mapping whose keys are all in allowed and unique. */
static int check_map(loader *L, yref r, const char *field, const char *const *allowed)
{
	if (L->failed)
		return -1;
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		expected(L, r, field, "a mapping");
		return -1;
	}
	yaml_node_t *y = Y(L, r);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		yref k = { r.doc, p->key };
		if (!is_type(L, k, YAML_SCALAR_NODE)) {
			expected(L, k, field, "a key");
			return -1;
		}
		const char *ks = (const char *)Y(L, k)->data.scalar.value;
		if (!key_allowed(ks, allowed)) {
			char list[512] = "";
			for (const char *const *a = allowed; *a; a++) {
				strncat(list, *a, sizeof list - strlen(list) - 1);
				if (a[1])
					strncat(list, ", ", sizeof list - strlen(list) - 1);
			}
			fail_at(L, k, field, "unknown key '%s' (expected one of: %s)", ks, list);
			return -1;
		}
		for (yaml_node_pair_t *q = y->data.mapping.pairs.start; q < p; q++)
			if (!strcmp((const char *)Y(L, (yref){ r.doc, q->key })->data.scalar.value, ks)) {
				fail_at(L, k, field, "key '%s' given twice", ks);
				return -1;
			}
	}
	return 0;
}

/* Value under key in mapping r, or NONE; follows includes. */
static yref get(loader *L, yref r, const char *key)
{
	yaml_node_t *y = Y(L, r);
	if (!y || y->type != YAML_MAPPING_NODE)
		return NONE;
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&L->docs[r.doc], p->key);
		if (k->type == YAML_SCALAR_NODE && !strcmp((const char *)k->data.scalar.value, key))
			return (yref){ r.doc, p->value };
	}
	return NONE;
}

static yref follow(loader *L, yref r)
{
	for (int i = 0; i < L->nincs; i++)
		if (L->incs[i].at.doc == r.doc && L->incs[i].at.idx == r.idx)
			return root(L->incs[i].doc);
	return r;
}

static size_t seq_len(loader *L, yref r)
{
	yaml_node_t *y = Y(L, r);
	return (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
}

static yref seq_item(loader *L, yref r, size_t i)
{
	return (yref){ r.doc, Y(L, r)->data.sequence.items.start[i] };
}

/* ---- scalars ---- */

static const char *text(loader *L, yref r, const char *field)
{
	if (L->failed)
		return NULL;
	if (!is_type(L, r, YAML_SCALAR_NODE)) {
		expected(L, r, field, "a single value");
		return NULL;
	}
	const char *v = (const char *)Y(L, r)->data.scalar.value;
	if (!*v) {
		expected(L, r, field, "a non-empty value");
		return NULL;
	}
	return v;
}

/* A finite number in [lo, hi] (lo excluded when lo_open).  A number too
 * small for a normal double (4.9e-324) reads as the nearest double, as
 * strtod gives it; one beyond the largest double (1e400) is refused. */
static double number(loader *L, yref r, const char *field, double lo, int lo_open, double hi)
{
	const char *v = text(L, r, field);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	int underflow = errno == ERANGE && fabs(x) <= DBL_MIN;
	int ok = end != v && !*end && (errno == 0 || underflow) && isfinite(x) &&
		 (lo_open ? x > lo : x >= lo) && x <= hi;
	if (!ok) {
		char what[96];
		if (isinf(lo) && isinf(hi))
			snprintf(what, sizeof what, "a finite number");
		else if (isinf(hi))
			snprintf(what, sizeof what, "a number %s %g", lo_open ? ">" : ">=", lo);
		else
			snprintf(what, sizeof what, "a number in %c%g, %g]", lo_open ? '(' : '[', lo, hi);
		if (end != v && !*end && errno == ERANGE && !underflow) {
			char fb[64];
			fail_at(L, r, field, "expected %s, found %s (beyond the largest double, about 1.8e308)", what,
				found(L, r, fb, sizeof fb));
			return 0;
		}
		expected(L, r, field, what);
		return 0;
	}
	return x;
}

static uint64_t integer(loader *L, yref r, const char *field, uint64_t lo, uint64_t hi)
{
	const char *v = text(L, r, field);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);
	if (*v == '-' || end == v || *end || errno || x < lo || x > hi) {
		char what[96];
		snprintf(what, sizeof what, "an integer in [%llu, %llu]",
			 (unsigned long long)lo, (unsigned long long)hi);
		expected(L, r, field, what);
		return 0;
	}
	return x;
}

/* "field.key", or "key" at the top level (field ""). */
static void subfield(char *buf, size_t n, const char *field, const char *key)
{
	snprintf(buf, n, "%s%s%s", field, *field ? "." : "", key);
}

static double opt_number(loader *L, yref map, const char *key, const char *field,
			 double def, double lo, int lo_open, double hi)
{
	yref v = get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return number(L, v, f, lo, lo_open, hi);
}

static uint64_t opt_integer(loader *L, yref map, const char *key, const char *field,
			    uint64_t def, uint64_t lo, uint64_t hi)
{
	yref v = get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return integer(L, v, f, lo, hi);
}

static const char *opt_text(loader *L, yref map, const char *key, const char *field,
			    const char *def)
{
	yref v = get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return text(L, v, f);
}

static yref need(loader *L, yref map, const char *key, const char *field)
{
	yref v = get(L, map, key);
	if (!present(v))
		fail_at(L, map, field, "expected key '%s', found none", key);
	return v;
}

static yref need_list(loader *L, yref map, const char *key, const char *field, int nonempty)
{
	yref v = need(L, map, key, field);
	if (L->failed)
		return NONE;
	char f[256];
	subfield(f, sizeof f, field, key);
	if (!is_type(L, v, YAML_SEQUENCE_NODE)) {
		expected(L, v, f, "a list");
		return NONE;
	}
	if (nonempty && !seq_len(L, v)) {
		expected(L, v, f, "a non-empty list");
		return NONE;
	}
	return v;
}

/* ---- --set ---- */

static int add_scalar(loader *L, int d, const char *v)
{
	return yaml_document_add_scalar(&L->docs[d], NULL, (yaml_char_t *)v, (int)strlen(v),
					YAML_PLAIN_SCALAR_STYLE);
}

static void mark_set(loader *L, yref r, const pel_override *o)
{
	L->sets = pel_xreallocarray(L->sets, L->nsets + 1, sizeof *L->sets);
	size_t n = strlen(o->path) + strlen(o->value) + 8;
	char *label = pel_xmalloc(n);
	snprintf(label, n, "--set %s=%s", o->path, o->value);
	L->sets[L->nsets++] = (set_mark){ r, label };
}

/* libyaml takes UTF-8 only (yaml_document_add_scalar returns 0). */
static void not_utf8(loader *L, const pel_override *o)
{
	fail_plain(L, "--set %s=%s: expected UTF-8 text, found bytes that are not", o->path, o->value);
}

/* 1 when path names a place that holds a policy, which may be written as
 * text or as a mapping: --set may replace either by text there. */
static int holds_policy(const char *path)
{
	static const char list[] = "sweep.policies.";
	if (!strcmp(path, "policy"))
		return 1;
	if (strncmp(path, list, sizeof list - 1))
		return 0;
	path += sizeof list - 1;
	return *path && strspn(path, "0123456789") == strlen(path);
}

/* The first control character of s (a newline, a tab), or 0. */
static int control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (unsigned char)*s;
	return 0;
}

static void apply_set(loader *L, const pel_override *o)
{
	/* every message quotes the value on its one line, and a scenario's
	 * values are single lines: a newline is refused, not escaped */
	int cc = control_char(o->value) ? control_char(o->value) : control_char(o->path);
	if (cc) {
		fail_plain(L, "--set %s=%s: expected a value on one line, found the control character 0x%02x", o->path,
			   o->value, (unsigned)cc);
		return;
	}
	char *path = pel_xstrdup(o->path);
	char prefix[512] = "";
	yref cur = root(0);
	char *save = NULL;
	char *c = strtok_r(path, ".", &save);
	if (!c || !*o->path || o->path[0] == '.' || o->path[strlen(o->path) - 1] == '.' ||
	    strstr(o->path, "..")) {
		fail_plain(L, "--set %s=%s: expected a dotted path such as platform.devices.0.count, found '%s'",
			   o->path, o->value, o->path);
		free(path);
		return;
	}
	while (c && !L->failed) {
		char *next = strtok_r(NULL, ".", &save);
		cur = follow(L, cur);
		yaml_node_t *y = Y(L, cur);
		const char *in = *prefix ? prefix : "the scenario";
		if (y->type == YAML_MAPPING_NODE) {
			yref v = get(L, cur, c);
			if (!present(v)) {
				if (next) {
					char keys[256] = "";
					for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
						yaml_node_t *k = Y(L, (yref){ cur.doc, p->key });
						if (k->type != YAML_SCALAR_NODE)
							continue;
						if (*keys)
							strncat(keys, ", ", sizeof keys - strlen(keys) - 1);
						strncat(keys, (const char *)k->data.scalar.value, sizeof keys - strlen(keys) - 1);
					}
					fail_plain(L, "--set %s=%s: %s: expected one of its keys (%s), found '%s'", o->path,
						   o->value, in, keys, c);
					break;
				}
				int k = add_scalar(L, cur.doc, c), val = add_scalar(L, cur.doc, o->value);
				if (!k || !val) {
					not_utf8(L, o);
					break;
				}
				yaml_document_append_mapping_pair(&L->docs[cur.doc], cur.idx, k, val);
				mark_set(L, (yref){ cur.doc, val }, o);
				mark_set(L, (yref){ cur.doc, k }, o);
				break;
			}
			if (!next) {
				yref vf = follow(L, v);
				int replace = Y(L, vf)->type == YAML_SCALAR_NODE ||
					      (Y(L, vf)->type == YAML_MAPPING_NODE && holds_policy(o->path));
				if (!replace || vf.doc != v.doc) {
					char fb[64];
					fail_plain(L, "--set %s=%s: %s%s%s: expected a single value to replace, found %s",
						   o->path, o->value, prefix, *prefix ? "." : "", c, found(L, vf, fb, sizeof fb));
					break;
				}
				int val = add_scalar(L, cur.doc, o->value);
				if (!val) {
					not_utf8(L, o);
					break;
				}
				/* re-find the pair: adding a node may move the node array */
				yaml_node_t *m = Y(L, cur);
				for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++)
					if (p->value == v.idx)
						p->value = val;
				mark_set(L, (yref){ cur.doc, val }, o);
				break;
			}
			cur = v;
		} else if (y->type == YAML_SEQUENCE_NODE) {
			char *end;
			unsigned long i = strtoul(c, &end, 10);
			size_t n = seq_len(L, cur);
			if (*c < '0' || *c > '9' || *end || i >= n) {
				if (n)
					fail_plain(L, "--set %s=%s: %s: expected an index in [0, %zu], found '%s'",
						   o->path, o->value, in, n - 1, c);
				else
					fail_plain(L, "--set %s=%s: %s: expected an index, found '%s' (the list is empty)",
						   o->path, o->value, in, c);
				break;
			}
			yref v = seq_item(L, cur, i);
			if (!next) {
				if (Y(L, v)->type != YAML_SCALAR_NODE &&
				    !(Y(L, v)->type == YAML_MAPPING_NODE && holds_policy(o->path))) {
					char fb[64];
					fail_plain(L, "--set %s=%s: %s.%s: expected a single value to replace, found %s",
						   o->path, o->value, prefix, c, found(L, v, fb, sizeof fb));
					break;
				}
				int val = add_scalar(L, cur.doc, o->value);
				if (!val) {
					not_utf8(L, o);
					break;
				}
				Y(L, cur)->data.sequence.items.start[i] = val;
				mark_set(L, (yref){ cur.doc, val }, o);
				break;
			}
			cur = v;
		} else {
			char fb[64];
			fail_plain(L, "--set %s=%s: %s: expected a mapping or a list to look up '%s' in, found %s",
				   o->path, o->value, in, c, found(L, cur, fb, sizeof fb));
			break;
		}
		size_t pl = strlen(prefix);
		snprintf(prefix + pl, sizeof prefix - pl, "%s%s", pl ? "." : "", c);
		c = next;
	}
	free(path);
}

/* ---- platform ---- */

static const char *const platform_keys[] = { "network", "nodes", "devices", "links", NULL };
static const char *const node_keys[] = { "name", "capacity", NULL };
static const char *const device_keys[] = { "name", "class", "count", "speed", "slots", "node",
					   "memory", "launch", "reconfig", "efficiency", NULL };
static const char *const link_keys[] = { "between", "bandwidth", "latency", NULL };

/* Routes are kept for every ordered pair of memory nodes. */
#define MAX_NODES 4096

static void too_many_nodes(loader *L, yref at, const char *field)
{
	fail_at(L, at, field, "expected at most %d memory nodes in all (a device without 'node' has its own), found more",
		MAX_NODES);
}

static void read_nodes(loader *L, pel_platform *p, yref list)
{
	for (size_t i = 0; i < seq_len(L, list) && !L->failed; i++) {
		yref n = seq_item(L, list, i);
		char f[64];
		snprintf(f, sizeof f, "platform.nodes.%zu", i);
		if (check_map(L, n, f, node_keys))
			return;
		yref nm = need(L, n, "name", f);
		char fn[80];
		snprintf(fn, sizeof fn, "%s.name", f);
		const char *name = text(L, nm, fn);
		double cap = opt_number(L, n, "capacity", f, 0, 0, 0, INFINITY);
		if (L->failed)
			return;
		if (pel_platform_find_node(p, name) != UINT32_MAX) {
			fail_at(L, nm, fn, "memory node '%s' declared twice", name);
			return;
		}
		if (p->nnodes >= MAX_NODES) {
			too_many_nodes(L, nm, fn);
			return;
		}
		uint32_t id = pel_platform_node(p, name);
		p->nodes[id].capacity = cap;
	}
}

/* Checks that the keys of mapping r (names chosen by the user) are
 * single values, each given once. */
static int unique_keys(loader *L, yref r, const char *field)
{
	yaml_node_t *y = Y(L, r);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		const char *k = text(L, (yref){ r.doc, p->key }, field);
		if (!k)
			return -1;
		for (yaml_node_pair_t *q = y->data.mapping.pairs.start; q < p; q++)
			if (!strcmp((const char *)Y(L, (yref){ r.doc, q->key })->data.scalar.value, k)) {
				fail_at(L, (yref){ r.doc, p->key }, field, "key '%s' given twice", k);
				return -1;
			}
	}
	return 0;
}

static void read_efficiency(loader *L, yref map, const char *field, pel_device *d)
{
	if (!is_type(L, map, YAML_MAPPING_NODE)) {
		expected(L, map, field, "a mapping of task kind to a fraction of the speed");
		return;
	}
	if (unique_keys(L, map, field))
		return;
	yaml_node_t *y = Y(L, map);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	d->eff = pel_xcalloc(n, sizeof *d->eff);
	for (size_t i = 0; i < n && !L->failed; i++) {
		yaml_node_pair_t *p = &Y(L, map)->data.mapping.pairs.start[i];
		const char *k = text(L, (yref){ map.doc, p->key }, field);
		if (!k)
			return;
		char f[256];
		snprintf(f, sizeof f, "%s.%s", field, k);
		double v = number(L, (yref){ map.doc, p->value }, f, 0, 1, INFINITY);
		d->eff[d->neff].kind = (char *)k; /* borrowed until copied by add_device */
		d->eff[d->neff++].value = v;
	}
}

static void read_device(loader *L, pel_platform *p, yref n, size_t i)
{
	char f[64], fn[80];
	snprintf(f, sizeof f, "platform.devices.%zu", i);
	if (check_map(L, n, f, device_keys))
		return;
	yref nm = need(L, n, "name", f);
	snprintf(fn, sizeof fn, "%s.name", f);
	const char *name = text(L, nm, fn);
	pel_device d = { 0 };
	d.group = (char *)name;
	d.class_name = (char *)opt_text(L, n, "class", f, "cpu");
	uint64_t count = opt_integer(L, n, "count", f, 1, 1, 65536);
	d.speed = opt_number(L, n, "speed", f, 1, 0, 1, INFINITY);
	d.slots = (uint32_t)opt_integer(L, n, "slots", f, 1, 1, 4096);
	d.launch = opt_number(L, n, "launch", f, 0, 0, 0, INFINITY);
	d.reconfig = opt_number(L, n, "reconfig", f, 0, 0, 0, INFINITY);
	double memory = opt_number(L, n, "memory", f, 0, 0, 0, INFINITY);
	const char *node = opt_text(L, n, "node", f, NULL);
	yref eff = get(L, n, "efficiency");
	if (present(eff)) {
		char fe[96];
		snprintf(fe, sizeof fe, "%s.efficiency", f);
		read_efficiency(L, eff, fe, &d);
	}
	if (L->failed)
		goto out;
	if (present(get(L, n, "reconfig")) && pel_class_of(d.class_name) != PEL_CLASS_FPGA) {
		char fr[96];
		snprintf(fr, sizeof fr, "%s.reconfig", f);
		fail_at(L, get(L, n, "reconfig"), fr, "expected a device of class fpga, found class '%s'",
			d.class_name);
		goto out;
	}
	if (node && present(get(L, n, "memory"))) {
		char fm[96];
		snprintf(fm, sizeof fm, "%s.memory", f);
		fail_at(L, get(L, n, "memory"), fm, "expected either node (a shared memory node) or memory (a private one), found both");
		goto out;
	}
	uint32_t shared = UINT32_MAX;
	if (node) {
		shared = pel_platform_find_node(p, node);
		if (shared == UINT32_MAX) {
			char fo[96];
			snprintf(fo, sizeof fo, "%s.node", f);
			expected(L, get(L, n, "node"), fo, "a memory node declared under platform.nodes");
			goto out;
		}
	}
	for (uint64_t k = 0; k < count; k++) {
		char inst[256];
		if (count > 1)
			snprintf(inst, sizeof inst, "%s%llu", name, (unsigned long long)k);
		else
			snprintf(inst, sizeof inst, "%s", name);
		if (pel_platform_find_device(p, inst) != PEL_NO_DEVICE) {
			fail_at(L, nm, fn, "device name '%s' used twice", inst);
			goto out;
		}
		if (node) {
			d.node = shared;
		} else {
			if (pel_platform_find_node(p, inst) != UINT32_MAX) {
				fail_at(L, nm, fn, "expected a name that no memory node has (a device without 'node' gets a private node of its name), found '%s'",
					inst);
				goto out;
			}
			if (p->nnodes >= MAX_NODES) {
				char fc[96];
				snprintf(fc, sizeof fc, "%s.count", f);
				if (present(get(L, n, "count")))
					too_many_nodes(L, get(L, n, "count"), fc);
				else
					too_many_nodes(L, nm, fn);
				goto out;
			}
			d.node = pel_platform_node(p, inst);
			p->nodes[d.node].capacity = memory;
		}
		d.name = inst;
		pel_platform_add_device(p, &d);
	}
out:
	free(d.eff);
}

/* Adds to nodes[] the memory nodes an endpoint name stands for: a node, a
 * device instance, or every instance of a device group. */
static uint32_t endpoint_nodes(const pel_platform *p, const char *name, uint32_t *nodes)
{
	uint32_t n = 0, i = pel_platform_find_node(p, name);
	if (i != UINT32_MAX) {
		nodes[n++] = i;
		return n;
	}
	for (uint32_t d = 0; d < p->ndevices; d++) {
		if (strcmp(p->devices[d].name, name) && strcmp(p->devices[d].group, name))
			continue;
		uint32_t nd = p->devices[d].node, dup = 0;
		for (uint32_t k = 0; k < n; k++)
			dup |= nodes[k] == nd;
		if (!dup)
			nodes[n++] = nd;
	}
	return n;
}

static void read_link(loader *L, pel_platform *p, yref n, size_t i)
{
	char f[64], fb[96];
	snprintf(f, sizeof f, "platform.links.%zu", i);
	if (check_map(L, n, f, link_keys))
		return;
	yref bt = need(L, n, "between", f);
	snprintf(fb, sizeof fb, "%s.between", f);
	if (L->failed)
		return;
	if (!is_type(L, bt, YAML_SEQUENCE_NODE) || seq_len(L, bt) != 2) {
		expected(L, bt, fb, "a list of two names [a, b] (memory nodes or devices)");
		return;
	}
	yref bwn = need(L, n, "bandwidth", f);
	char fbw[96];
	snprintf(fbw, sizeof fbw, "%s.bandwidth", f);
	double bw = L->failed ? 0 : number(L, bwn, fbw, 0, 1, INFINITY);
	double lat = opt_number(L, n, "latency", f, 0, 0, 0, INFINITY);
	uint32_t *a = pel_xcalloc(p->nnodes, sizeof *a), *b = pel_xcalloc(p->nnodes, sizeof *b);
	uint32_t na = 0, nb = 0;
	for (int side = 0; side < 2 && !L->failed; side++) {
		yref e = seq_item(L, bt, (size_t)side);
		const char *name = text(L, e, fb);
		if (!name)
			break;
		uint32_t k = endpoint_nodes(p, name, side ? b : a);
		if (!k)
			expected(L, e, fb, "the name of a memory node, a device or a device group");
		if (side)
			nb = k;
		else
			na = k;
	}
	if (!L->failed && na == 1 && nb == 1 && a[0] == b[0])
		fail_at(L, bt, fb, "expected two different memory nodes, found '%s' and '%s', both on node '%s'",
			(const char *)Y(L, seq_item(L, bt, 0))->data.scalar.value,
			(const char *)Y(L, seq_item(L, bt, 1))->data.scalar.value, p->nodes[a[0]].name);
	for (uint32_t x = 0; x < na && !L->failed; x++)
		for (uint32_t y = 0; y < nb; y++)
			if (a[x] != b[y])
				pel_platform_add_link(p, a[x], b[y], bw, lat);
	free(a);
	free(b);
}

static pel_platform *read_platform(loader *L, yref r)
{
	const char *f = "platform";
	r = follow(L, r);
	if (check_map(L, r, f, platform_keys))
		return NULL;
	pel_platform *p = pel_platform_new();
	const char *net = opt_text(L, r, "network", f, "ideal");
	if (net && !strcmp(net, "shared"))
		p->net = PEL_NET_SHARED;
	else if (net && strcmp(net, "ideal"))
		expected(L, get(L, r, "network"), "platform.network", "one of: ideal, shared");
	yref nodes = get(L, r, "nodes");
	if (present(nodes)) {
		if (!is_type(L, nodes, YAML_SEQUENCE_NODE))
			expected(L, nodes, "platform.nodes", "a list");
		else
			read_nodes(L, p, nodes);
	}
	yref devs = need_list(L, r, "devices", f, 1);
	for (size_t i = 0; !L->failed && i < seq_len(L, devs); i++)
		read_device(L, p, seq_item(L, devs, i), i);
	yref links = get(L, r, "links");
	if (present(links) && !L->failed) {
		if (!is_type(L, links, YAML_SEQUENCE_NODE))
			expected(L, links, "platform.links", "a list");
		for (size_t i = 0; !L->failed && i < seq_len(L, links); i++)
			read_link(L, p, seq_item(L, links, i), i);
	}
	if (L->failed) {
		pel_platform_free(p);
		return NULL;
	}
	pel_platform_finish(p);
	return p;
}

/* ---- workload ---- */

static const char *const workload_keys[] = { "tasks", "edges", "generate", NULL };
static const char *const task_keys[] = { "name", "kind", "work", "times", NULL };
static const char *const edge_keys[] = { "from", "to", "bytes", "comm", NULL };
static const char *const layered_keys[] = { "generate", "tasks", "shape", "outdegree", "jump",
					    "work", "bytes", "spread", "kinds", "ccr", "beta", NULL };
static const char *const cholesky_keys[] = { "generate", "tiles", "tile", NULL };
static const char *const forkjoin_keys[] = { "generate", "phases", "width", "work", "bytes", NULL };
static const char *const fft_keys[] = { "generate", "points", "work", "bytes", NULL };
static const char *const stencil_keys[] = { "generate", "rows", "cols", "work", "bytes", NULL };
static const char *const mapreduce_keys[] = { "generate", "maps", "reduces", "work", "reduce_work",
					      "bytes", NULL };

/* ---- sizes, checked before generating ---- */

/* The machine's physical memory in bytes (UINT64_MAX when unknown). */
static uint64_t phys_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || page <= 0)
		return UINT64_MAX;
	return pel_size_mul((uint64_t)pages, (uint64_t)page);
}

/* Where r was written, as a rank: --set values after everything in the
 * files (in the order given), then by position in its file. */
static uint64_t written_rank(loader *L, yref r)
{
	for (size_t i = 0; i < L->nsets; i++)
		if (L->sets[i].node.doc == r.doc && L->sets[i].node.idx == r.idx)
			return ((uint64_t)1 << 62) + i;
	return Y(L, r)->start_mark.index;
}

/* Of the keys (NULL-terminated) given in the mapping r, the one written
 * last (the value that completed a product), in *at and *key; without
 * any, r's `generate` value. */
static void last_key(loader *L, yref r, const char *const *keys, yref *at, const char **key)
{
	*at = get(L, r, "generate");
	*key = "generate";
	int any = 0;
	for (; *keys; keys++) {
		yref v = get(L, r, *keys);
		if (present(v) && (!any || written_rank(L, v) > written_rank(L, *at))) {
			*at = v;
			*key = *keys;
			any = 1;
		}
	}
}

/* n in words: "more than 2^64" for a saturated count. */
static const char *count_text(uint64_t n, char *buf, size_t len)
{
	if (n == UINT64_MAX)
		snprintf(buf, len, "more than 2^64");
	else
		snprintf(buf, len, "%llu", (unsigned long long)n);
	return buf;
}

/* bytes as "12.3 GiB" (or MiB, TiB, PiB, EiB). */
static const char *bytes_text(uint64_t b, char *buf, size_t len)
{
	static const char *const unit[] = { "MiB", "GiB", "TiB", "PiB", "EiB" };
	double x = (double)b / (1024.0 * 1024.0);
	size_t u = 0;
	while (x >= 1024 && u + 1 < sizeof unit / sizeof *unit) {
		x /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", x, unit[u]);
	return buf;
}

/* Refuses a generated workload of size s (family `family`, parameters in
 * the mapping r) with more tasks than PEL_MAX_TASKS, more edges than
 * PEL_MAX_EDGES or more memory than the machine has, at the key of
 * tkeys (task count) or ekeys (edges and memory) written last.  Returns
 * 1 when refused. */
static int check_size(loader *L, yref r, const char *family, const pel_dag_size *s,
		      const char *const *tkeys, const char *const *ekeys)
{
	uint64_t mem = phys_memory();
	pel_size_verdict v = pel_size_check(s, mem);
	if (v == PEL_SIZE_OK)
		return 0;
	yref at;
	const char *key;
	last_key(L, r, v == PEL_SIZE_TASKS ? tkeys : ekeys, &at, &key);
	char field[64], fb[64], n1[32], n2[32], n3[32], b1[32], b2[32];
	snprintf(field, sizeof field, "workload.%s", key);
	const char *val = found(L, at, fb, sizeof fb);
	if (v == PEL_SIZE_TASKS)
		fail_at(L, at, field, "expected at most %u tasks, found %s (%s makes %s tasks)", PEL_MAX_TASKS, val,
			family, count_text(s->tasks, n1, sizeof n1));
	else if (v == PEL_SIZE_EDGES)
		fail_at(L, at, field, "expected at most %u edges, found %s (%s makes up to %s edges)", PEL_MAX_EDGES,
			val, family, count_text(s->edges, n1, sizeof n1));
	else
		fail_at(L, at, field,
			"expected a workload that fits in memory, found %s (%s makes %s tasks, up to %s edges and %s explicit times: about %s; this machine has %s)",
			val, family, count_text(s->tasks, n1, sizeof n1), count_text(s->edges, n2, sizeof n2),
			count_text(s->costs, n3, sizeof n3), bytes_text(pel_size_bytes(s), b1, sizeof b1),
			bytes_text(mem, b2, sizeof b2));
	return 1;
}

/* check_size with one list of keys for tasks, edges and memory. */
static int check_size_by(loader *L, yref r, const char *family, const pel_dag_size *s, const char *const *keys)
{
	return check_size(L, r, family, s, keys, keys);
}

static const char *const tiles_key[] = { "tiles", NULL };

/* The structured families (fork-join, LU, QR, FFT, stencil, MapReduce). */
static pel_dag *read_family(loader *L, yref r, const char *type)
{
	const char *f = "workload";
	if (!strcmp(type, "lu") || !strcmp(type, "qr")) {
		if (check_map(L, r, f, cholesky_keys))
			return NULL;
		uint32_t tiles = (uint32_t)opt_integer(L, r, "tiles", f, 8, 1, 2000);
		uint32_t nb = (uint32_t)opt_integer(L, r, "tile", f, 960, 1, 1000000);
		if (L->failed)
			return NULL;
		pel_dag_size size = type[0] == 'l' ? pel_size_lu(tiles) : pel_size_qr(tiles);
		if (check_size_by(L, r, type, &size, tiles_key))
			return NULL;
		return type[0] == 'l' ? pel_generate_lu(tiles, nb) : pel_generate_qr(tiles, nb);
	}
	if (!strcmp(type, "forkjoin")) {
		if (check_map(L, r, f, forkjoin_keys))
			return NULL;
		uint32_t phases = (uint32_t)opt_integer(L, r, "phases", f, 4, 1, 10000000);
		uint32_t width = (uint32_t)opt_integer(L, r, "width", f, 8, 1, 10000000);
		double work = opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		static const char *const keys[] = { "phases", "width", NULL };
		pel_dag_size size = pel_size_forkjoin(phases, width);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_forkjoin(phases, width, work, bytes);
	}
	if (!strcmp(type, "fft")) {
		if (check_map(L, r, f, fft_keys))
			return NULL;
		uint64_t points = opt_integer(L, r, "points", f, 16, 2, 1u << 24);
		double work = opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		if (!L->failed && (points & (points - 1)))
			expected(L, get(L, r, "points"), "workload.points", "a power of two");
		static const char *const keys[] = { "points", NULL };
		pel_dag_size size = pel_size_fft((uint32_t)points);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_fft((uint32_t)points, work, bytes);
	}
	if (!strcmp(type, "stencil")) {
		if (check_map(L, r, f, stencil_keys))
			return NULL;
		uint64_t rows = opt_integer(L, r, "rows", f, 16, 1, 100000);
		uint64_t cols = opt_integer(L, r, "cols", f, 16, 1, 100000);
		double work = opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		static const char *const keys[] = { "rows", "cols", NULL };
		pel_dag_size size = pel_size_stencil((uint32_t)rows, (uint32_t)cols);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_stencil((uint32_t)rows, (uint32_t)cols, work, bytes);
	}
	if (check_map(L, r, f, mapreduce_keys))
		return NULL;
	uint32_t maps = (uint32_t)opt_integer(L, r, "maps", f, 16, 1, 100000);
	uint32_t reduces = (uint32_t)opt_integer(L, r, "reduces", f, 4, 1, 100000);
	double work = opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
	double rwork = opt_number(L, r, "reduce_work", f, work, 0, 0, INFINITY);
	double bytes = opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
	static const char *const keys[] = { "maps", "reduces", NULL };
	pel_dag_size size = pel_size_mapreduce(maps, reduces);
	if (L->failed || check_size_by(L, r, type, &size, keys))
		return NULL;
	return pel_generate_mapreduce(maps, reduces, work, rwork, bytes);
}

static const char *const stream_keys[] = { "generate", "tasks", "arrival", "rate", "rates", "switch",
					   "trace", "size", "mean", "alpha", "lo", "hi", "sigma", "kind", NULL };

/* Reads a list of two positive numbers (the MMPP's per-state rates). */
static void two_rates(loader *L, yref map, const char *key, double *out)
{
	yref v = get(L, map, key);
	char f[64];
	snprintf(f, sizeof f, "workload.%s", key);
	if (!present(v)) {
		fail_at(L, map, "workload", "expected key '%s' (two rates, one per state), found none", key);
		return;
	}
	if (!is_type(L, v, YAML_SEQUENCE_NODE) || seq_len(L, v) != 2) {
		expected(L, v, f, "a list of two rates [state 0, state 1]");
		return;
	}
	for (size_t i = 0; i < 2; i++)
		out[i] = number(L, seq_item(L, v, i), f, 0, 1, INFINITY);
}

/* name relative to the scenario's folder (absolute names stay). */
static void rel_path(loader *L, const char *name, char *path, size_t n)
{
	const char *slash = strrchr(L->files[0], '/');
	if (name[0] == '/' || !slash)
		snprintf(path, n, "%s", name);
	else
		snprintf(path, n, "%.*s/%s", (int)(slash - L->files[0]), L->files[0], name);
}

/* A stream of independent tasks: arrival process and size law. */
static pel_dag *read_stream(loader *L, yref r, uint64_t seed)
{
	const char *f = "workload";
	if (check_map(L, r, f, stream_keys))
		return NULL;
	pel_gen_stream p = { 0 };
	double *trace_times = NULL, *trace_sizes = NULL;
	p.tasks = (uint32_t)opt_integer(L, r, "tasks", f, 1000, 1, PEL_MAX_TASKS);
	const char *arr = opt_text(L, r, "arrival", f, "poisson");
	const char *size = opt_text(L, r, "size", f, "exponential");
	p.kind = opt_text(L, r, "kind", f, "task");
	p.mean = opt_number(L, r, "mean", f, 1, 0, 1, INFINITY);
	if (L->failed)
		return NULL;
	if (!strcmp(arr, "poisson") || !strcmp(arr, "fixed")) {
		p.arrival = !strcmp(arr, "poisson") ? PEL_ARRIVAL_POISSON : PEL_ARRIVAL_FIXED;
		p.rate[0] = opt_number(L, r, "rate", f, 1, 0, 1, INFINITY);
	} else if (!strcmp(arr, "mmpp")) {
		p.arrival = PEL_ARRIVAL_MMPP;
		two_rates(L, r, "rates", p.rate);
		two_rates(L, r, "switch", p.switch_rate);
	} else if (!strcmp(arr, "trace")) {
		p.arrival = PEL_ARRIVAL_TRACE;
		yref tr = get(L, r, "trace");
		const char *name = present(tr) ? text(L, tr, "workload.trace") : NULL;
		if (!present(tr))
			fail_at(L, r, "workload", "expected key 'trace' (a file of arrival times), found none");
		if (present(get(L, r, "tasks")))
			fail_at(L, get(L, r, "tasks"), "workload.tasks",
				"expected no task count with a trace (it has one task per line), found one");
		if (name && !L->failed) {
			char path[4096], err[1024];
			double *times, *sizes;
			rel_path(L, name, path, sizeof path);
			if (pel_trace_read(path, &times, &sizes, &p.tasks, err, sizeof err)) {
				fail_at(L, tr, "workload.trace", "%s", err);
			} else {
				trace_times = times;
				trace_sizes = sizes;
				p.trace_times = times;
				p.trace_sizes = sizes;
			}
		}
	} else {
		expected(L, get(L, r, "arrival"), "workload.arrival", "one of: poisson, mmpp, fixed, trace");
	}
	if (!strcmp(size, "exponential")) {
		p.size = PEL_SIZE_EXPONENTIAL;
	} else if (!strcmp(size, "constant")) {
		p.size = PEL_SIZE_CONSTANT;
	} else if (!strcmp(size, "lognormal")) {
		p.size = PEL_SIZE_LOGNORMAL;
		p.sigma = opt_number(L, r, "sigma", f, 1, 0, 1, 100);
	} else if (!strcmp(size, "pareto")) {
		p.size = PEL_SIZE_PARETO;
		p.alpha = opt_number(L, r, "alpha", f, 1.5, 0, 1, 100);
		p.lo = opt_number(L, r, "lo", f, 1, 0, 1, INFINITY);
		p.hi = opt_number(L, r, "hi", f, 1e6, 0, 1, INFINITY);
		if (!L->failed && p.hi <= p.lo)
			expected(L, get(L, r, "hi"), "workload.hi", "a bound above lo");
	} else {
		expected(L, get(L, r, "size"), "workload.size", "one of: exponential, pareto, lognormal, constant");
	}
	static const char *const keys[] = { "tasks", "trace", NULL };
	pel_dag_size dsize = pel_size_stream(&p);
	pel_dag *g = NULL;
	if (!L->failed && !check_size_by(L, r, "stream", &dsize, keys)) {
		gsl_rng *arrivals = pel_rng_stream(seed, PEL_STREAM_ARRIVAL);
		gsl_rng *sizes = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
		g = pel_generate_stream(&p, arrivals, sizes);
		gsl_rng_free(arrivals);
		gsl_rng_free(sizes);
	}
	free(trace_times);
	free(trace_sizes);
	return g;
}

typedef struct {
	const char *name;
	pel_task_id id;
} named;

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static pel_task_id lookup(const named *idx, uint32_t n, const char *name)
{
	named key = { name, 0 };
	const named *hit = bsearch(&key, idx, n, sizeof *idx, cmp_named);
	return hit ? hit->id : PEL_NO_TASK;
}

/* Whether key names a device, a device group or a class of p. */
static int names_devices(const pel_platform *p, const char *key)
{
	for (uint32_t d = 0; d < p->ndevices; d++)
		if (!strcmp(key, p->devices[d].name) || !strcmp(key, p->devices[d].group) ||
		    !strcmp(key, p->devices[d].class_name))
			return 1;
	return 0;
}

static void read_times(loader *L, pel_dag *g, pel_task_id t, yref map, const char *field)
{
	if (!is_type(L, map, YAML_MAPPING_NODE) ||
	    Y(L, map)->data.mapping.pairs.top == Y(L, map)->data.mapping.pairs.start) {
		expected(L, map, field, "a non-empty mapping of device, group or class to seconds");
		return;
	}
	if (unique_keys(L, map, field))
		return;
	yaml_node_t *y = Y(L, map);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top && !L->failed; p++) {
		yref kn = { map.doc, p->key };
		const char *k = text(L, kn, field);
		if (!k)
			return;
		if (!names_devices(L->s->platform, k)) {
			expected(L, kn, field, "the name of a device, a device group or a device class");
			return;
		}
		char f[256];
		snprintf(f, sizeof f, "%s.%s", field, k);
		double v = number(L, (yref){ map.doc, p->value }, f, 0, 0, INFINITY);
		pel_dag_add_cost(g, t, k, v);
	}
}

/* Whether some device of p does task t (no explicit times) in a finite
 * time: a huge work on a slow device overflows to infinity. */
static int runs_somewhere(const pel_platform *p, const pel_dag *g, pel_task_id t)
{
	const char *kind = g->kind_names[g->kind[t]];
	for (uint32_t d = 0; d < p->ndevices; d++) {
		const pel_device *dev = &p->devices[d];
		double eff = 1;
		for (uint32_t k = 0; k < dev->neff; k++)
			if (!strcmp(dev->eff[k].kind, kind))
				eff = dev->eff[k].value;
		if (isfinite(dev->launch + g->work[t] / (dev->speed * eff)))
			return 1;
	}
	return 0;
}

static pel_dag *read_inline_dag(loader *L, yref r)
{
	const char *f = "workload";
	yref tasks = need_list(L, r, "tasks", f, 1);
	if (L->failed)
		return NULL;
	pel_dag *g = pel_dag_new();
	size_t n = seq_len(L, tasks);
	named *idx = pel_xcalloc(n, sizeof *idx);
	for (size_t i = 0; i < n && !L->failed; i++) {
		yref t = seq_item(L, tasks, i);
		char ft[64], fn[80];
		snprintf(ft, sizeof ft, "workload.tasks.%zu", i);
		if (check_map(L, t, ft, task_keys))
			break;
		snprintf(fn, sizeof fn, "%s.name", ft);
		const char *name = text(L, need(L, t, "name", ft), fn);
		const char *kind = opt_text(L, t, "kind", ft, "task");
		double work = opt_number(L, t, "work", ft, 0, 0, 0, INFINITY);
		yref times = get(L, t, "times");
		if (L->failed)
			break;
		if (!present(times) && !present(get(L, t, "work"))) {
			fail_at(L, t, ft, "expected key 'work' (flop) or 'times' (seconds per device), found neither");
			break;
		}
		pel_task_id id = pel_dag_add_task(g, name, pel_dag_kind(g, kind), work);
		idx[i] = (named){ g->names[id], id };
		if (present(times)) {
			char fx[96];
			snprintf(fx, sizeof fx, "%s.times", ft);
			read_times(L, g, id, times, fx);
		} else if (!runs_somewhere(L->s->platform, g, id)) {
			char fw[96];
			snprintf(fw, sizeof fw, "%s.work", ft);
			expected(L, get(L, t, "work"), fw, "an amount of work that some device does in a finite time");
		}
	}
	if (!L->failed) {
		qsort(idx, n, sizeof *idx, cmp_named);
		for (size_t i = 1; i < n; i++)
			if (!strcmp(idx[i].name, idx[i - 1].name)) {
				pel_task_id later = idx[i].id > idx[i - 1].id ? idx[i].id : idx[i - 1].id;
				char fn[80];
				snprintf(fn, sizeof fn, "workload.tasks.%u.name", later);
				fail_at(L, get(L, seq_item(L, tasks, later), "name"), fn,
					"task name '%s' used twice", idx[i].name);
				break;
			}
	}
	yref edges = get(L, r, "edges");
	if (present(edges) && !L->failed && !is_type(L, edges, YAML_SEQUENCE_NODE))
		expected(L, edges, "workload.edges", "a list");
	for (size_t i = 0; present(edges) && !L->failed && i < seq_len(L, edges); i++) {
		yref e = seq_item(L, edges, i);
		char fe[64];
		snprintf(fe, sizeof fe, "workload.edges.%zu", i);
		if (check_map(L, e, fe, edge_keys))
			break;
		pel_task_id ends[2] = { PEL_NO_TASK, PEL_NO_TASK };
		const char *keys[2] = { "from", "to" };
		for (int k = 0; k < 2 && !L->failed; k++) {
			char fk[96];
			snprintf(fk, sizeof fk, "%s.%s", fe, keys[k]);
			yref v = need(L, e, keys[k], fe);
			const char *name = text(L, v, fk);
			if (!name)
				break;
			ends[k] = lookup(idx, (uint32_t)n, name);
			if (ends[k] == PEL_NO_TASK)
				expected(L, v, fk, "the name of a task under workload.tasks");
		}
		double bytes = opt_number(L, e, "bytes", fe, 0, 0, 0, INFINITY);
		double comm = opt_number(L, e, "comm", fe, NAN, 0, 0, INFINITY);
		if (L->failed)
			break;
		if (ends[0] == ends[1]) {
			char ft[96];
			snprintf(ft, sizeof ft, "%s.to", fe);
			fail_at(L, get(L, e, "to"), ft, "expected a task other than the edge's 'from', found '%s' (an edge to itself)",
				g->names[ends[0]]);
			break;
		}
		pel_dag_add_edge(g, ends[0], ends[1], bytes, comm);
	}
	free(idx);
	if (L->failed) {
		pel_dag_free(g);
		return NULL;
	}
	pel_task_id on_cycle;
	if (pel_dag_finish(g, &on_cycle)) {
		char buf[32];
		fail_at(L, present(edges) ? edges : r, "workload.edges",
			"expected a DAG, found a cycle through task '%s'",
			pel_dag_task_name(g, on_cycle, buf, sizeof buf));
		pel_dag_free(g);
		return NULL;
	}
	return g;
}

static pel_dag *read_generated(loader *L, yref r, uint64_t seed)
{
	const char *f = "workload";
	yref gen = get(L, r, "generate");
	const char *type = text(L, gen, "workload.generate");
	if (!type)
		return NULL;
	if (!strcmp(type, "layered")) {
		if (check_map(L, r, f, layered_keys))
			return NULL;
		pel_gen_layered prm = { 0 };
		prm.tasks = (uint32_t)opt_integer(L, r, "tasks", f, 100, 1, PEL_MAX_TASKS);
		prm.shape = opt_number(L, r, "shape", f, 1, 0, 1, 1e6);
		prm.outdegree = opt_number(L, r, "outdegree", f, 2, 1, 0, 1e6);
		prm.jump = (uint32_t)opt_integer(L, r, "jump", f, 1, 1, 1000000);
		prm.work = opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		prm.bytes = opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		prm.spread = opt_number(L, r, "spread", f, 0.5, 0, 0, 0.999);
		const char *kinds[256];
		yref ks = get(L, r, "kinds");
		if (present(ks)) {
			if (!is_type(L, ks, YAML_SEQUENCE_NODE) || !seq_len(L, ks) || seq_len(L, ks) > 256)
				expected(L, ks, "workload.kinds", "a list of 1 to 256 task kinds");
			for (size_t i = 0; !L->failed && i < seq_len(L, ks); i++)
				kinds[prm.nkinds++] = text(L, seq_item(L, ks, i), "workload.kinds");
			prm.kinds = kinds;
		}
		/* ccr or beta select the literature's model: explicit times per
		 * device of the platform (work = mean cost in seconds) */
		const char **devnames = NULL;
		if (present(get(L, r, "ccr")) || present(get(L, r, "beta"))) {
			prm.ccr = opt_number(L, r, "ccr", f, 1, 0, 0, 1e6);
			prm.beta = opt_number(L, r, "beta", f, 1, 0, 0, 1.999);
			const pel_platform *pf = L->s->platform;
			devnames = pel_xcalloc(pf->ndevices, sizeof *devnames);
			for (uint32_t d = 0; d < pf->ndevices; d++)
				devnames[d] = pf->devices[d].name;
			prm.devices = devnames;
			prm.ndevices = pf->ndevices;
		}
		static const char *const tkeys[] = { "tasks", NULL };
		static const char *const ekeys[] = { "tasks", "outdegree", "jump", "shape", NULL };
		pel_dag_size size = pel_size_layered(&prm);
		if (L->failed || check_size(L, r, type, &size, tkeys, ekeys)) {
			free(devnames);
			return NULL;
		}
		gsl_rng *rng = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
		pel_dag *g = pel_generate_layered(&prm, rng);
		free(devnames);
		gsl_rng_free(rng);
		/* the largest work of each kind decides whether all can run */
		pel_task_id *big = pel_xmalloc((g->nkinds ? g->nkinds : 1) * sizeof *big);
		for (uint32_t k = 0; k < g->nkinds; k++)
			big[k] = PEL_NO_TASK;
		for (pel_task_id t = 0; t < g->ntasks; t++)
			if (big[g->kind[t]] == PEL_NO_TASK || g->work[t] > g->work[big[g->kind[t]]])
				big[g->kind[t]] = t;
		for (uint32_t k = 0; k < g->nkinds && !L->failed; k++)
			if (big[k] != PEL_NO_TASK && !runs_somewhere(L->s->platform, g, big[k])) {
				yref w = get(L, r, "work");
				expected(L, present(w) ? w : gen, present(w) ? "workload.work" : "workload.generate",
					 "an amount of work that some device does in a finite time");
			}
		free(big);
		if (L->failed) {
			pel_dag_free(g);
			return NULL;
		}
		return g;
	}
	if (!strcmp(type, "cholesky")) {
		if (check_map(L, r, f, cholesky_keys))
			return NULL;
		uint32_t tiles = (uint32_t)opt_integer(L, r, "tiles", f, 8, 1, 2000);
		uint32_t nb = (uint32_t)opt_integer(L, r, "tile", f, 960, 1, 1000000);
		pel_dag_size size = pel_size_cholesky(tiles);
		if (L->failed || check_size_by(L, r, type, &size, tiles_key))
			return NULL;
		return pel_generate_cholesky(tiles, nb);
	}
	if (!strcmp(type, "stream"))
		return read_stream(L, r, seed);
	if (!strcmp(type, "lu") || !strcmp(type, "qr") || !strcmp(type, "forkjoin") ||
	    !strcmp(type, "fft") || !strcmp(type, "stencil") || !strcmp(type, "mapreduce"))
		return read_family(L, r, type);
	expected(L, gen, "workload.generate",
		 "one of: layered, cholesky, lu, qr, forkjoin, fft, stencil, mapreduce, stream");
	return NULL;
}

static const char *const file_keys[] = { "file", "format", "reference_speed", "etc_prefix", NULL };

/* A DAG file in one of the formats of sim/formats/import.h, or a YAML DAG file
 * (tasks and edges) with format yaml. */
static pel_dag *read_dag_file(loader *L, yref r, yref file, const char *fmt_name)
{
	const char *name = text(L, file, "workload.file");
	if (!name)
		return NULL;
	char path[4096];
	rel_path(L, name, path, sizeof path);
	pel_format fmt = PEL_FMT_AUTO;
	int yaml = fmt_name && !strcmp(fmt_name, "yaml");
	if (fmt_name && !yaml && pel_format_from_name(fmt_name, &fmt)) {
		expected(L, get(L, r, "format"), "workload.format", "one of: auto, yaml, dot, wfformat, stg, etc");
		return NULL;
	}
	if (!fmt_name || !strcmp(fmt_name, "auto")) {
		size_t n = strlen(path);
		yaml = pel_format_detect(path) == PEL_FMT_AUTO &&
		       ((n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".yml")));
	}
	if (yaml) {
		int d = load_doc(L, path, file, "workload.file");
		if (d < 0)
			return NULL;
		yref dr = root(d);
		if (check_map(L, dr, "workload", workload_keys))
			return NULL;
		return read_inline_dag(L, dr);
	}
	pel_import_options opt = { 0 };
	if (is_type(L, r, YAML_MAPPING_NODE)) {
		opt.reference_speed = opt_number(L, r, "reference_speed", "workload", 1, 0, 1, INFINITY);
		opt.etc_device_prefix = opt_text(L, r, "etc_prefix", "workload", "m");
	}
	if (L->failed)
		return NULL;
	char err[1024];
	pel_dag *g = pel_import(path, fmt, &opt, err, sizeof err);
	if (!g)
		fail_at(L, file, "workload.file", "%s", err);
	return g;
}

static pel_dag *read_workload(loader *L, yref r, uint64_t seed)
{
	yref inc = follow(L, r);
	if (inc.doc == r.doc && inc.idx == r.idx && is_type(L, r, YAML_SCALAR_NODE))
		return read_dag_file(L, r, r, NULL); /* workload: FILE in a DAG format */
	r = inc;
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		expected(L, r, "workload", "a mapping (tasks and edges, generate, or file) or a file name");
		return NULL;
	}
	if (present(get(L, r, "generate")))
		return read_generated(L, r, seed);
	if (present(get(L, r, "file"))) {
		if (check_map(L, r, "workload", file_keys))
			return NULL;
		return read_dag_file(L, r, get(L, r, "file"), opt_text(L, r, "format", "workload", NULL));
	}
	if (check_map(L, r, "workload", workload_keys))
		return NULL;
	return read_inline_dag(L, r);
}

/* ---- policies ---- */

/* A policy at r, in either form: "NAME[:PARAM=VALUE]..." (split as on the
 * command line) or {name: NAME, PARAM: VALUE, ...}, into *v with where
 * each value was written.  Returns 0, or -1 when L failed (free v in
 * both cases). */
static int read_policy_spec(loader *L, yref r, const char *field, pel_policy_spec *v)
{
	char wbuf[512], f[400];
	memset(v, 0, sizeof *v);
	if (is_type(L, r, YAML_SCALAR_NODE)) {
		const char *t = text(L, r, field);
		if (!t)
			return -1;
		char bad[256];
		int rc = pel_policy_spec_parse(t, where(L, r, wbuf, sizeof wbuf), 1, v, bad, sizeof bad);
		for (size_t i = 0; i < v->nparams; i++) {
			free(v->param_where[i]);
			v->param_where[i] = pel_xstrdup(where_in(L, r, v->param_at[i], wbuf, sizeof wbuf));
		}
		if (rc) {
			char fb[64];
			fail_at(L, r, field, "expected NAME:PARAM=VALUE, found parameter '%s' in %s", bad,
				found(L, r, fb, sizeof fb));
			return -1;
		}
		return 0;
	}
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		expected(L, r, field, "a policy: NAME[:PARAM=VALUE]... or a mapping {name: NAME, PARAM: VALUE}");
		return -1;
	}
	snprintf(f, sizeof f, "%.300s.name", field);
	yref nm = need(L, r, "name", field);
	const char *name = present(nm) ? text(L, nm, f) : NULL;
	if (!name || unique_keys(L, r, field))
		return -1;
	if (strchr(name, ':')) {
		expected(L, nm, f, "a policy name (its parameters are the other keys of the mapping)");
		return -1;
	}
	pel_policy_spec_start(v, name, where(L, nm, wbuf, sizeof wbuf), 1);
	yaml_node_t *y = Y(L, r);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	for (size_t i = 0; i < n; i++) {
		yaml_node_pair_t *p = &Y(L, r)->data.mapping.pairs.start[i];
		yref k = { r.doc, p->key }, val = { r.doc, p->value };
		const char *key = text(L, k, field);
		if (!key)
			return -1;
		if (!strcmp(key, "name"))
			continue;
		snprintf(f, sizeof f, "%.300s.%.80s", field, key);
		const char *value = text(L, val, f);
		if (!value)
			return -1;
		pel_policy_spec_add(v, key, value, where(L, val, wbuf, sizeof wbuf));
	}
	return 0;
}

/* ---- top level ---- */

static const char *const top_keys[] = { "name", "description", "seed", "policy",
					"platform", "workload", "sweep", NULL };
static const char *const sweep_keys[] = { "axes", "combine", "policies", "replications", "seed", "labels",
					  "scaling", NULL };
static const char *const range_keys[] = { "from", "to", "points", "scale", NULL };

/* An axis given as {from, to, points, scale: linear|log}; values are
 * rounded to integers when both ends are written as integers. */
static void read_range(loader *L, yref r, const char *field, pel_axis *ax)
{
	if (check_map(L, r, field, range_keys))
		return;
	char f[400];
	snprintf(f, sizeof f, "%.320s.from", field);
	yref fr = need(L, r, "from", field), to = need(L, r, "to", field);
	double a = present(fr) ? number(L, fr, f, -INFINITY, 0, INFINITY) : 0;
	snprintf(f, sizeof f, "%.320s.to", field);
	double b = present(to) ? number(L, to, f, -INFINITY, 0, INFINITY) : 0;
	uint64_t n = opt_integer(L, r, "points", field, 5, 2, 100000);
	const char *scale = opt_text(L, r, "scale", field, "linear");
	if (L->failed)
		return;
	int lg = !strcmp(scale, "log");
	if (!lg && strcmp(scale, "linear")) {
		snprintf(f, sizeof f, "%.320s.scale", field);
		expected(L, get(L, r, "scale"), f, "one of: linear, log");
		return;
	}
	if (lg && (a <= 0 || b <= 0)) {
		expected(L, fr, field, "positive bounds for a log scale");
		return;
	}
	const char *as = (const char *)Y(L, fr)->data.scalar.value, *bs = (const char *)Y(L, to)->data.scalar.value;
	int whole = !strpbrk(as, ".eE") && !strpbrk(bs, ".eE");
	ax->values = pel_xcalloc(n, sizeof *ax->values);
	for (uint64_t i = 0; i < n; i++) {
		double u = (double)i / (double)(n - 1);
		double v = lg ? exp(log(a) + u * (log(b) - log(a))) : a + u * (b - a);
		char buf[64];
		if (whole)
			snprintf(buf, sizeof buf, "%.0f", round(v));
		else
			snprintf(buf, sizeof buf, "%.15g", v);
		if (whole && ax->nvalues && !strcmp(buf, ax->values[ax->nvalues - 1]))
			continue; /* rounding merged two points */
		ax->values[ax->nvalues++] = pel_xstrdup(buf);
	}
}

int pel_sweep_spec_points(const pel_sweep_spec *w, size_t *npoints, size_t *axis)
{
	*npoints = 0;
	*axis = w->naxes;
	size_t n = 1;
	for (size_t i = 0; i < w->naxes; i++) {
		size_t k = w->axes[i].nvalues;
		if (w->zip && i && k)
			continue; /* zipped: the first axis's count */
		if (!k || k > PEL_MAX_SWEEP_POINTS / n) {
			*axis = i;
			return -1;
		}
		n *= k;
	}
	if (!w->naxes)
		return -1;
	*npoints = n;
	return 0;
}

/* Refuses a sweep whose axes read so far give no point or too many
 * (called after each axis, so that no more axes are expanded). */
static void check_sweep_points(loader *L, const pel_sweep_spec *w, yref axes)
{
	size_t npoints, bad;
	if (pel_sweep_spec_points(w, &npoints, &bad)) {
		if (bad == w->naxes) {
			expected(L, axes, "sweep.axes", "at least one axis");
			return;
		}
		yref k = { axes.doc, Y(L, axes)->data.mapping.pairs.start[bad].key };
		char f[320];
		snprintf(f, sizeof f, "sweep.axes.%.300s", w->axes[bad].path);
		if (!w->axes[bad].nvalues) {
			fail_at(L, k, f, "expected at least one value, found none");
			return;
		}
		/* the product up to this axis, as "A x B x C = N" */
		char prod[256] = "";
		uint64_t n = 1;
		for (size_t i = 0; i <= bad; i++) {
			size_t len = strlen(prod);
			snprintf(prod + len, sizeof prod - len, "%s%zu", i ? " x " : "", w->axes[i].nvalues);
			n = pel_size_mul(n, w->axes[i].nvalues);
		}
		char nb[32];
		fail_at(L, k, f, "expected at most %u points in all, found %s points with this axis (%s)",
			PEL_MAX_SWEEP_POINTS, count_text(n, nb, sizeof nb), prod);
	}
}

/* Refuses a sweep of more than PEL_MAX_SWEEP_RUNS runs. */
static void check_sweep_runs(loader *L, const pel_sweep_spec *w, yref axes, yref r)
{
	size_t npoints, bad;
	if (pel_sweep_spec_points(w, &npoints, &bad))
		return; /* refused already */
	uint64_t runs = pel_size_mul(pel_size_mul(npoints, w->replications), w->npolicies ? w->npolicies : 1);
	if (runs > PEL_MAX_SWEEP_RUNS) {
		yref reps = get(L, r, "replications"), pols = get(L, r, "policies");
		yref at = present(reps) ? reps : present(pols) ? pols : axes;
		char nb[32];
		fail_at(L, at, present(reps) ? "sweep.replications" : present(pols) ? "sweep.policies" : "sweep.axes",
			"expected at most %u runs (points x replications x policies), found %s (%zu points x %u x %zu)",
			PEL_MAX_SWEEP_RUNS, count_text(runs, nb, sizeof nb), npoints, w->replications,
			w->npolicies ? w->npolicies : 1);
	}
}

static void read_sweep(loader *L, pel_scenario *s, yref r)
{
	char wbuf[512];
	pel_sweep_spec *w = &s->sweep;
	if (check_map(L, r, "sweep", sweep_keys))
		return;
	w->present = 1;
	w->where = pel_xstrdup(where(L, r, wbuf, sizeof wbuf));
	yref axes = need(L, r, "axes", "sweep");
	if (L->failed)
		return;
	if (!is_type(L, axes, YAML_MAPPING_NODE) || !Y(L, axes)->data.mapping.pairs.top ||
	    Y(L, axes)->data.mapping.pairs.top == Y(L, axes)->data.mapping.pairs.start) {
		expected(L, axes, "sweep.axes", "a mapping of scenario paths to lists or ranges of values");
		return;
	}
	yaml_node_t *y = Y(L, axes);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	w->axes = pel_xcalloc(n, sizeof *w->axes);
	for (size_t i = 0; i < n && !L->failed; i++) {
		yaml_node_pair_t *p = &Y(L, axes)->data.mapping.pairs.start[i];
		yref k = { axes.doc, p->key }, v = { axes.doc, p->value };
		const char *path = text(L, k, "sweep.axes");
		if (!path)
			return;
		for (size_t j = 0; j < w->naxes; j++)
			if (!strcmp(w->axes[j].path, path))
				fail_at(L, k, "sweep.axes", "axis '%s' given twice", path);
		pel_axis *ax = &w->axes[w->naxes++];
		ax->path = pel_xstrdup(path);
		ax->where = pel_xstrdup(where(L, k, wbuf, sizeof wbuf));
		char f[320];
		snprintf(f, sizeof f, "sweep.axes.%.300s", path);
		if (is_type(L, v, YAML_SEQUENCE_NODE)) {
			size_t m = seq_len(L, v);
			if (!m)
				expected(L, v, f, "a non-empty list of values");
			ax->values = pel_xcalloc(m + 1, sizeof *ax->values);
			for (size_t j = 0; j < m && !L->failed; j++) {
				const char *val = text(L, seq_item(L, v, j), f);
				if (val)
					ax->values[ax->nvalues++] = pel_xstrdup(val);
			}
		} else if (is_type(L, v, YAML_MAPPING_NODE)) {
			read_range(L, v, f, ax);
		} else {
			expected(L, v, f, "a list of values or a range {from, to, points, scale}");
		}
		if (!L->failed)
			check_sweep_points(L, w, axes);
	}
	const char *scaling = opt_text(L, r, "scaling", "sweep", "strong");
	if (!L->failed) {
		if (!strcmp(scaling, "weak"))
			w->weak = 1;
		else if (strcmp(scaling, "strong"))
			expected(L, get(L, r, "scaling"), "sweep.scaling", "one of: strong, weak");
	}
	const char *combine = opt_text(L, r, "combine", "sweep", "product");
	if (!L->failed) {
		if (!strcmp(combine, "zip"))
			w->zip = 1;
		else if (strcmp(combine, "product"))
			expected(L, get(L, r, "combine"), "sweep.combine", "one of: product, zip");
	}
	for (size_t i = 1; w->zip && i < w->naxes && !L->failed; i++)
		if (w->axes[i].nvalues != w->axes[0].nvalues)
			fail_at(L, axes, "sweep.axes", "zipped axes need as many values each: '%s' has %zu, '%s' has %zu",
				w->axes[0].path, w->axes[0].nvalues, w->axes[i].path, w->axes[i].nvalues);
	yref pols = get(L, r, "policies");
	if (present(pols) && !L->failed) {
		if (!is_type(L, pols, YAML_SEQUENCE_NODE) || !seq_len(L, pols)) {
			expected(L, pols, "sweep.policies", "a non-empty list of policies");
			return;
		}
		w->policies = pel_xcalloc(seq_len(L, pols), sizeof *w->policies);
		for (size_t j = 0; j < seq_len(L, pols) && !L->failed; j++) {
			yref it = seq_item(L, pols, j);
			pel_policy_spec *v = &w->policies[w->npolicies++];
			if (read_policy_spec(L, it, "sweep.policies", v))
				return;
			if (!pel_policy_find(v->name)) {
				yref at = is_type(L, it, YAML_MAPPING_NODE) ? get(L, it, "name") : it;
				expected(L, at, "sweep.policies", "a registered policy (pelsim policies lists them)");
				return;
			}
		}
	}
	yref labels = get(L, r, "labels");
	if (present(labels) && !L->failed) {
		if (!is_type(L, labels, YAML_MAPPING_NODE)) {
			expected(L, labels, "sweep.labels", "a mapping of axis paths to the names figures give them");
			return;
		}
		yaml_node_t *ly = Y(L, labels);
		for (yaml_node_pair_t *p = ly->data.mapping.pairs.start; p < ly->data.mapping.pairs.top && !L->failed; p++) {
			yref k = { labels.doc, p->key }, v = { labels.doc, p->value };
			const char *path = text(L, k, "sweep.labels");
			const char *label = path ? text(L, v, "sweep.labels") : NULL;
			if (!label)
				return;
			pel_axis *ax = NULL;
			for (size_t j = 0; j < w->naxes; j++)
				if (!strcmp(w->axes[j].path, path))
					ax = &w->axes[j];
			if (!ax) {
				expected(L, k, "sweep.labels", "the path of an axis under sweep.axes");
				return;
			}
			if (ax->label) {
				fail_at(L, k, "sweep.labels", "label of '%s' given twice", path);
				return;
			}
			ax->label = pel_xstrdup(label);
		}
	}
	w->replications = (uint32_t)opt_integer(L, r, "replications", "sweep", 1, 1, 1000000);
	w->seed = opt_integer(L, r, "seed", "sweep", s->seed, 0, INT64_MAX);
	if (!L->failed)
		check_sweep_runs(L, w, axes, r);
}

/* The scenario's own policy: its name and parameters into s. */
static void read_policy(loader *L, pel_scenario *s, yref r)
{
	pel_policy_spec v;
	if (!read_policy_spec(L, r, "policy", &v)) {
		s->policy = pel_xstrdup(v.name);
		s->policy_where = pel_xstrdup(v.where);
		s->params = pel_xcalloc(v.nparams + 1, sizeof *s->params);
		s->param_where = pel_xcalloc(v.nparams + 1, sizeof *s->param_where);
		for (size_t i = 0; i < v.nparams; i++) {
			size_t j = 0;
			while (j < s->nparams && strcmp(s->params[j].name, v.params[i].name))
				j++;
			if (j < s->nparams) {
				/* pod:d=2:d=3, as the mapping's duplicate keys are */
				fail_plain(L, "%s: policy: parameter '%s' given twice", v.param_where[i], v.params[i].name);
				break;
			}
			s->params[j].name = pel_xstrdup(v.params[i].name);
			s->params[j].value = pel_xstrdup(v.params[i].value);
			s->param_where[s->nparams++] = pel_xstrdup(v.param_where[i]);
		}
	}
	pel_policy_spec_free(&v);
}

/* The model needs a route between the memory nodes of every two devices
 * once an edge's time comes from its bytes; say so here, where the
 * platform's links can be pointed at. */
static void check_routes(loader *L, yref top, const pel_platform *p, const pel_dag *g)
{
	uint32_t e = 0;
	while (e < g->nedges && pel_dag_has_comm(g, e))
		e++;
	if (e == g->nedges)
		return;
	/* one device per node that holds any: pairs of nodes, not of devices */
	uint32_t *on = pel_xmalloc(p->nnodes * sizeof *on), *dev = pel_xmalloc(p->nnodes * sizeof *dev);
	uint32_t n = 0;
	for (uint32_t k = 0; k < p->nnodes; k++)
		dev[k] = PEL_NO_DEVICE;
	for (uint32_t d = 0; d < p->ndevices; d++)
		if (dev[p->devices[d].node] == PEL_NO_DEVICE)
			dev[p->devices[d].node] = d;
	for (uint32_t k = 0; k < p->nnodes; k++)
		if (dev[k] != PEL_NO_DEVICE) {
			on[n] = k;
			dev[n++] = dev[k];
		}
	for (uint32_t i = 0; i < n && !L->failed; i++)
		for (uint32_t j = 0; j < n && !L->failed; j++) {
			uint32_t a = dev[i], b = dev[j], na = on[i], nb = on[j];
			if (p->route_hops[(size_t)na * p->nnodes + nb] != UINT32_MAX)
				continue;
			yref plat = follow(L, get(L, top, "platform"));
			yref links = get(L, plat, "links");
			yref wl = follow(L, get(L, top, "workload"));
			char why[128];
			if (present(get(L, wl, "generate")))
				snprintf(why, sizeof why, "the generated edges have no comm: their time comes from bytes and links");
			else
				snprintf(why, sizeof why, "workload.edges.%u has no comm: its time comes from bytes and links", e);
			fail_at(L, present(links) ? links : plat, "platform.links",
				"expected a route between the memory nodes of every two devices (%s), found none from '%s' (device %s) to '%s' (device %s)",
				why, p->nodes[na].name, p->devices[a].name, p->nodes[nb].name, p->devices[b].name);
		}
	free(on);
	free(dev);
}

/* Loads the file named by the scalar at key (platform or workload) into a
 * document of its own, relative to the scenario's folder.  A workload
 * file in a DAG format (DOT, WfFormat, STG, ETC) is not YAML: it is
 * imported by read_workload instead. */
static void load_include(loader *L, yref top, const char *key)
{
	yref v = get(L, top, key);
	if (!is_type(L, v, YAML_SCALAR_NODE))
		return;
	const char *name = text(L, v, key);
	if (!name)
		return;
	char path[4096];
	rel_path(L, name, path, sizeof path);
	if (!strcmp(key, "workload") && pel_format_detect(path) != PEL_FMT_AUTO)
		return;
	int d = load_doc(L, path, v, key);
	if (d >= 0)
		L->incs[L->nincs++] = (include){ v, d };
}

/* ---- the digest of the resolved tree ---- */

/* A pair of a mapping, sorted by its key's text (the original order
 * breaks ties; a key that is no scalar comes last). */
typedef struct {
	const char *key;
	size_t order;
	int k, v;
} sorted_pair;

/* qsort order of sorted_pair. */
static int cmp_pair(const void *a, const void *b)
{
	const sorted_pair *x = a, *y = b;
	if (!x->key != !y->key)
		return x->key ? -1 : 1;
	int c = x->key && y->key ? strcmp(x->key, y->key) : 0;
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Digest of the tree under the main document: each node in pre-order as
 * its type, its size and its text, mapping pairs sorted by key, included
 * files in place of their names, a node met again (an alias) as the
 * number it was first met under.  Walked with a stack of its own: the
 * keys the reader ignores may nest deeper than the C stack allows. */
static uint64_t tree_digest(loader *L)
{
	pel_digest d;
	pel_digest_init(&d);
	size_t *seen[MAX_DOCS] = { 0 }, met = 0;
	for (int i = 0; i < L->ndocs; i++)
		seen[i] = pel_xcalloc((size_t)(L->docs[i].nodes.top - L->docs[i].nodes.start) + 1, sizeof **seen);
	size_t cap = 64, n = 0;
	yref *stack = pel_xmalloc(cap * sizeof *stack);
	stack[n++] = root(0);
	sorted_pair *pairs = NULL;
	size_t pcap = 0;
	while (n) {
		yref r = follow(L, stack[--n]);
		yaml_node_t *y = Y(L, r);
		if (!y) {
			pel_digest_u64(&d, 'N');
			continue;
		}
		size_t *mark = &seen[r.doc][r.idx];
		if (*mark) {
			pel_digest_u64(&d, 'R');
			pel_digest_u64(&d, *mark);
			continue;
		}
		*mark = ++met;
		if (y->type == YAML_SCALAR_NODE) {
			pel_digest_u64(&d, 'S');
			pel_digest_u64(&d, y->data.scalar.length);
			pel_digest_bytes(&d, y->data.scalar.value, y->data.scalar.length);
			continue;
		}
		size_t k = y->type == YAML_SEQUENCE_NODE
				   ? (size_t)(y->data.sequence.items.top - y->data.sequence.items.start)
				   : (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
		pel_digest_u64(&d, y->type == YAML_SEQUENCE_NODE ? 'Q' : 'M');
		pel_digest_u64(&d, k);
		if (n + 2 * k > cap) {
			cap = 2 * (n + 2 * k);
			stack = pel_xreallocarray(stack, cap, sizeof *stack);
		}
		if (y->type == YAML_SEQUENCE_NODE) {
			for (size_t i = k; i-- > 0;)
				stack[n++] = (yref){ r.doc, y->data.sequence.items.start[i] };
			continue;
		}
		if (k > pcap) {
			pcap = k;
			pairs = pel_xreallocarray(pairs, pcap, sizeof *pairs);
		}
		for (size_t i = 0; i < k; i++) {
			yaml_node_pair_t *p = &y->data.mapping.pairs.start[i];
			yaml_node_t *key = yaml_document_get_node(&L->docs[r.doc], p->key);
			pairs[i] = (sorted_pair){ key && key->type == YAML_SCALAR_NODE ? (const char *)key->data.scalar.value
										 : NULL,
						  i, p->key, p->value };
		}
		qsort(pairs, k, sizeof *pairs, cmp_pair);
		for (size_t i = k; i-- > 0;) {
			stack[n++] = (yref){ r.doc, pairs[i].v };
			stack[n++] = (yref){ r.doc, pairs[i].k };
		}
	}
	free(pairs);
	free(stack);
	for (int i = 0; i < L->ndocs; i++)
		free(seen[i]);
	return d.h;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int pel_scenario_load(const char *file, const pel_override *sets, size_t nsets,
		      pel_scenario **out, char *err, size_t errlen)
{
	loader L = { 0 };
	L.err = err;
	L.errlen = errlen;
	err[0] = 0;
	pel_scenario *s = pel_xcalloc(1, sizeof *s);
	s->file = pel_xstrdup(file);
	L.s = s;
	yref top = NONE;
	if (load_doc(&L, file, NONE, NULL) == 0) {
		top = root(0);
		if (!check_map(&L, top, "", top_keys)) {
			load_include(&L, top, "platform");
			load_include(&L, top, "workload");
		}
	}
	for (size_t i = 0; i < nsets && !L.failed; i++)
		apply_set(&L, &sets[i]);
	if (!L.failed && nsets)
		check_map(&L, top, "", top_keys);
	if (!L.failed) {
		const char *name = opt_text(&L, top, "name", "", NULL);
		s->name = pel_xstrdup(name ? name : base_name(file));
		opt_text(&L, top, "description", "", NULL);
		s->seed = opt_integer(&L, top, "seed", "", 1, 0, INT64_MAX);
		yref pol = get(&L, top, "policy");
		if (present(pol))
			read_policy(&L, s, pol);
		else
			s->policy = pel_xstrdup("eager");
		yref sw = get(&L, top, "sweep");
		if (present(sw))
			read_sweep(&L, s, sw);
	}
	if (!L.failed)
		s->platform = read_platform(&L, need(&L, top, "platform", ""));
	if (!L.failed)
		s->dag = read_workload(&L, need(&L, top, "workload", ""), s->seed);
	if (!L.failed)
		check_routes(&L, top, s->platform, s->dag);
	if (!L.failed)
		s->digest = tree_digest(&L);
	if (!L.failed) {
		pel_model_error me;
		s->model = pel_model_bind(s->platform, s->dag, &me);
		if (!s->model)
			fail_at(&L, get(&L, top, "workload"), "workload", "%s", me.msg);
	}
	for (int d = 0; d < L.ndocs; d++) {
		yaml_document_delete(&L.docs[d]);
		free(L.files[d]);
	}
	for (size_t i = 0; i < L.nsets; i++)
		free(L.sets[i].label);
	free(L.sets);
	if (L.failed) {
		pel_scenario_free(s);
		*out = NULL;
		return -1;
	}
	*out = s;
	return 0;
}

void pel_scenario_free(pel_scenario *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nparams; i++) {
		free((char *)s->params[i].name);
		free((char *)s->params[i].value);
		free(s->param_where[i]);
	}
	free(s->params);
	free(s->param_where);
	for (size_t i = 0; i < s->sweep.naxes; i++) {
		pel_axis *ax = &s->sweep.axes[i];
		for (size_t j = 0; j < ax->nvalues; j++)
			free(ax->values[j]);
		free(ax->values);
		free(ax->path);
		free(ax->where);
		free(ax->label);
	}
	free(s->sweep.axes);
	for (size_t i = 0; i < s->sweep.npolicies; i++)
		pel_policy_spec_free(&s->sweep.policies[i]);
	free(s->sweep.policies);
	free(s->sweep.where);
	pel_model_free(s->model);
	pel_dag_free(s->dag);
	pel_platform_free(s->platform);
	free(s->file);
	free(s->name);
	free(s->policy);
	free(s->policy_where);
	free(s);
}
