/* scenario_fields.c - the scenario reader's positions and error messages
 * (file:line:column, or the --set that wrote a value), and its reading of
 * mappings (allowed keys, each once) and scalars (text, numbers,
 * integers, optional or needed keys). */
#include "scenario_read.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- positions and errors ---- */

const char *pel_sc_where(loader *L, yref r, char *buf, size_t n)
{
	for (size_t i = 0; i < L->nsets; i++)
		if (L->sets[i].node.doc == r.doc && L->sets[i].node.idx == r.idx)
			return L->sets[i].label;
	yaml_node_t *y = Y(L, r);
	snprintf(buf, n, "%s:%zu:%zu", L->files[r.doc], y ? y->start_mark.line + 1 : 1,
		 y ? y->start_mark.column + 1 : 1);
	return buf;
}

/* pel_sc_where(r), moved on to byte off of the scalar r's value when the value
 * is written on one line as it reads (plain, or quoted without escapes);
 * else pel_sc_where(r). */
const char *pel_sc_where_in(loader *L, yref r, size_t off, char *buf, size_t n)
{
	const char *w = pel_sc_where(L, r, buf, n);
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

void pel_sc_fail_plain(loader *L, const char *fmt, ...)
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
void pel_sc_fail_at(loader *L, yref r, const char *field, const char *fmt, ...)
{
	if (L->failed)
		return;
	char wbuf[512], msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *w = pel_sc_where(L, r, wbuf, sizeof wbuf);
	if (field && *field)
		pel_sc_fail_plain(L, "%s: %s: %s", w, field, msg);
	else
		pel_sc_fail_plain(L, "%s: %s", w, msg);
}

/* A short description of what a node is, for "found ..." */
const char *pel_sc_found(loader *L, yref r, char *buf, size_t n)
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

void pel_sc_expected(loader *L, yref r, const char *field, const char *what)
{
	if (L->failed)
		return;
	char fb[64];
	pel_sc_fail_at(L, r, field, "expected %s, found %s", what, pel_sc_found(L, r, fb, sizeof fb));
}

/* ---- mappings ---- */

/* Whether k is one of the NULL-terminated allowed. */
static int key_allowed(const char *k, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (!strcmp(k, *allowed))
			return 1;
	return 0;
}

/* Checks r is a mapping whose keys are all in allowed and unique. */
int pel_sc_check_map(loader *L, yref r, const char *field, const char *const *allowed)
{
	if (L->failed)
		return -1;
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		pel_sc_expected(L, r, field, "a mapping");
		return -1;
	}
	yaml_node_t *y = Y(L, r);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		yref k = { r.doc, p->key };
		if (!is_type(L, k, YAML_SCALAR_NODE)) {
			pel_sc_expected(L, k, field, "a key");
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
			pel_sc_fail_at(L, k, field, "unknown key '%s' (expected one of: %s)", ks, list);
			return -1;
		}
		for (yaml_node_pair_t *q = y->data.mapping.pairs.start; q < p; q++)
			if (!strcmp((const char *)Y(L, (yref){ r.doc, q->key })->data.scalar.value, ks)) {
				pel_sc_fail_at(L, k, field, "key '%s' given twice", ks);
				return -1;
			}
	}
	return 0;
}

/* Value under key in mapping r, or NONE; follows includes. */
yref pel_sc_get(loader *L, yref r, const char *key)
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

yref pel_sc_follow(loader *L, yref r)
{
	for (int i = 0; i < L->nincs; i++)
		if (L->incs[i].at.doc == r.doc && L->incs[i].at.idx == r.idx)
			return root(L->incs[i].doc);
	return r;
}

/* ---- scalars ---- */

const char *pel_sc_text(loader *L, yref r, const char *field)
{
	if (L->failed)
		return NULL;
	if (!is_type(L, r, YAML_SCALAR_NODE)) {
		pel_sc_expected(L, r, field, "a single value");
		return NULL;
	}
	const char *v = (const char *)Y(L, r)->data.scalar.value;
	if (!*v) {
		pel_sc_expected(L, r, field, "a non-empty value");
		return NULL;
	}
	return v;
}

/* A finite number in [lo, hi] (lo excluded when lo_open).  A number too
 * small for a normal double (4.9e-324) reads as the nearest double, as
 * strtod gives it; one beyond the largest double (1e400) is refused. */
double pel_sc_number(loader *L, yref r, const char *field, double lo, int lo_open, double hi)
{
	const char *v = pel_sc_text(L, r, field);
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
			pel_sc_fail_at(L, r, field, "expected %s, found %s (beyond the largest double, about 1.8e308)", what,
				pel_sc_found(L, r, fb, sizeof fb));
			return 0;
		}
		pel_sc_expected(L, r, field, what);
		return 0;
	}
	return x;
}

uint64_t pel_sc_integer(loader *L, yref r, const char *field, uint64_t lo, uint64_t hi)
{
	const char *v = pel_sc_text(L, r, field);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);
	if (*v == '-' || end == v || *end || errno || x < lo || x > hi) {
		char what[96];
		snprintf(what, sizeof what, "an integer in [%llu, %llu]",
			 (unsigned long long)lo, (unsigned long long)hi);
		pel_sc_expected(L, r, field, what);
		return 0;
	}
	return x;
}

/* "field.key", or "key" at the top level (field ""). */
static void subfield(char *buf, size_t n, const char *field, const char *key)
{
	snprintf(buf, n, "%s%s%s", field, *field ? "." : "", key);
}

double pel_sc_opt_number(loader *L, yref map, const char *key, const char *field,
			 double def, double lo, int lo_open, double hi)
{
	yref v = pel_sc_get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return pel_sc_number(L, v, f, lo, lo_open, hi);
}

uint64_t pel_sc_opt_integer(loader *L, yref map, const char *key, const char *field,
			    uint64_t def, uint64_t lo, uint64_t hi)
{
	yref v = pel_sc_get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return pel_sc_integer(L, v, f, lo, hi);
}

const char *pel_sc_opt_text(loader *L, yref map, const char *key, const char *field,
			    const char *def)
{
	yref v = pel_sc_get(L, map, key);
	if (!present(v))
		return def;
	char f[256];
	subfield(f, sizeof f, field, key);
	return pel_sc_text(L, v, f);
}

yref pel_sc_need(loader *L, yref map, const char *key, const char *field)
{
	yref v = pel_sc_get(L, map, key);
	if (!present(v))
		pel_sc_fail_at(L, map, field, "expected key '%s', found none", key);
	return v;
}

yref pel_sc_need_list(loader *L, yref map, const char *key, const char *field, int nonempty)
{
	yref v = pel_sc_need(L, map, key, field);
	if (L->failed)
		return NONE;
	char f[256];
	subfield(f, sizeof f, field, key);
	if (!is_type(L, v, YAML_SEQUENCE_NODE)) {
		pel_sc_expected(L, v, f, "a list");
		return NONE;
	}
	if (nonempty && !seq_len(L, v)) {
		pel_sc_expected(L, v, f, "a non-empty list");
		return NONE;
	}
	return v;
}

/* Checks that the keys of mapping r (names chosen by the user) are
 * single values, each given once. */
int pel_sc_unique_keys(loader *L, yref r, const char *field)
{
	yaml_node_t *y = Y(L, r);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		const char *k = pel_sc_text(L, (yref){ r.doc, p->key }, field);
		if (!k)
			return -1;
		for (yaml_node_pair_t *q = y->data.mapping.pairs.start; q < p; q++)
			if (!strcmp((const char *)Y(L, (yref){ r.doc, q->key })->data.scalar.value, k)) {
				pel_sc_fail_at(L, (yref){ r.doc, p->key }, field, "key '%s' given twice", k);
				return -1;
			}
	}
	return 0;
}

/* ---- counts in messages ---- */

/* n in words: "more than 2^64" for a saturated count. */
const char *pel_sc_count_text(uint64_t n, char *buf, size_t len)
{
	if (n == UINT64_MAX)
		snprintf(buf, len, "more than 2^64");
	else
		snprintf(buf, len, "%llu", (unsigned long long)n);
	return buf;
}

