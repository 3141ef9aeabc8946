/* import.c - format names, detection by content, dispatch, and what the
 * importers share (messages, a string map, numbers, finishing). */
#define _GNU_SOURCE
#include "import.h"

#include "fileio.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---------------------------------------------------------- */

static const char *const format_names[] = { "auto", "dot", "wfformat", "stg", "etc" };

int pel_format_from_name(const char *name, pel_format *out)
{
	for (int f = PEL_FMT_AUTO; f <= PEL_FMT_ETC; f++)
		if (name && !strcmp(name, format_names[f])) {
			*out = (pel_format)f;
			return 0;
		}
	return -1;
}

const char *pel_format_name(pel_format f)
{
	return (unsigned)f <= PEL_FMT_ETC ? format_names[f] : "?";
}

/* ---- messages ------------------------------------------------------- */

/* Copies src (len bytes) into dst (n bytes) with control characters
 * written as \n, \t or \xHH. */
static void one_line(char *dst, size_t n, const char *src, size_t len)
{
	size_t o = 0;
	if (!n)
		return;
	for (size_t i = 0; i < len && src[i] && o + 1 < n; i++) {
		unsigned char c = (unsigned char)src[i];
		char esc[8] = "";
		if (c == '\n')
			strcpy(esc, "\\n");
		else if (c == '\t')
			strcpy(esc, "\\t");
		else if (c == '\r')
			strcpy(esc, "\\r");
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof esc, "\\x%02x", c);
		if (!*esc) {
			dst[o++] = (char)c;
			continue;
		}
		size_t k = strlen(esc);
		if (o + k + 1 > n)
			break;
		memcpy(dst + o, esc, k);
		o += k;
	}
	dst[o] = 0;
}

void *pel_imp_fail(char *err, size_t errlen, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (err)
		one_line(err, errlen, msg, sizeof msg);
	return NULL;
}

const char *pel_imp_quote(char *buf, size_t n, const char *s, size_t len)
{
	char tmp[48];
	size_t cut = len;
	const char *more = "";
	if (len > 40) {
		cut = 37;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		more = "...";
	}
	one_line(tmp, sizeof tmp, s, cut);
	snprintf(buf, n, "'%s%s'", tmp, more);
	return buf;
}

/* ---- files ---------------------------------------------------------- */

char *pel_imp_slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	return pel_read_text(path, PEL_INPUT_MAX, len, err, errlen);
}

/* ---- numbers, kinds, finishing --------------------------------------- */

int pel_imp_integer(const char *w, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!len)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(w[i] - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

int pel_imp_number(const char *s, size_t len, double *out)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len || *s == ' ')
		return -1;
	char small[64], *tmp = NULL;
	const char *p = s;
	if (s[len] != 0 && s[len] != ' ' && s[len] != '\t' && s[len] != '\n' && s[len] != '\r') {
		/* not terminated where strtod would stop: parse a copy */
		if (len < sizeof small) {
			memcpy(small, s, len);
			small[len] = 0;
			p = small;
		} else {
			p = tmp = pel_xmalloc(len + 1);
			memcpy(tmp, s, len);
			tmp[len] = 0;
		}
	}
	char *end;
	errno = 0;
	double v = strtod(p, &end);
	int ok = end == p + len && isfinite(v) && v >= 0;
	free(tmp);
	if (!ok)
		return -1;
	*out = v + 0.0; /* -0 -> 0 */
	return 0;
}

int pel_imp_kind(pel_imp_map *m, pel_dag *g, const char *name, size_t len, uint16_t *out,
		 const char *path, char *err, size_t errlen)
{
	uint32_t k = pel_imp_map_get(m, name, len);
	if (k != PEL_IMP_NONE) {
		*out = (uint16_t)k;
		return 0;
	}
	if (g->nkinds >= UINT16_MAX) {
		char q[64];
		pel_imp_fail(err, errlen, "%s: expected at most %u task kinds, found more (at kind %s)",
			     path, UINT16_MAX, pel_imp_quote(q, sizeof q, name, len));
		return -1;
	}
	char *copy = pel_xmalloc(len + 1);
	memcpy(copy, name, len);
	copy[len] = 0;
	uint16_t id = pel_dag_kind(g, copy);
	free(copy);
	pel_imp_map_put(m, g->kind_names[id], len, id);
	*out = id;
	return 0;
}

pel_dag *pel_imp_finish(pel_dag *g, const char *path, char *err, size_t errlen)
{
	if (!g->ntasks) {
		pel_dag_free(g);
		return pel_imp_fail(err, errlen, "%s: expected at least one task, found none", path);
	}
	pel_task_id on_cycle;
	if (pel_dag_finish(g, &on_cycle)) {
		char buf[32], q[64];
		const char *name = pel_dag_task_name(g, on_cycle, buf, sizeof buf);
		pel_imp_fail(err, errlen, "%s: expected a DAG, found a cycle through task %s", path,
			     pel_imp_quote(q, sizeof q, name, strlen(name)));
		pel_dag_free(g);
		return NULL;
	}
	return g;
}

/* ---- string map ------------------------------------------------------ */

/* FNV-1a folded to 32 bits: a probe starts at its low bits. */
static uint32_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 29));
}

void pel_imp_map_init(pel_imp_map *m, size_t hint)
{
	size_t cap = 16;
	while (cap < 2 * hint)
		cap *= 2;
	m->slot = pel_xcalloc(cap, sizeof *m->slot);
	m->cap = cap;
	m->n = 0;
}

void pel_imp_map_free(pel_imp_map *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t slot_of(const pel_imp_map *m, const char *key, size_t len, uint32_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	const pel_imp_slot *s;
	while ((s = &m->slot[i])->key &&
	       (s->hash != h || s->len != len || memcmp(s->key, key, len)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

uint32_t pel_imp_map_get(const pel_imp_map *m, const char *key, size_t len)
{
	const pel_imp_slot *s = &m->slot[slot_of(m, key, len, hash(key, len))];
	return s->key ? s->val : PEL_IMP_NONE;
}

uint32_t pel_imp_map_put(pel_imp_map *m, const char *key, size_t len, uint32_t val)
{
	if (2 * (m->n + 1) > m->cap) {
		pel_imp_map old = *m;
		pel_imp_map_init(m, old.cap);
		for (size_t i = 0; i < old.cap; i++) {
			const pel_imp_slot *o = &old.slot[i];
			if (o->key)
				m->slot[slot_of(m, o->key, o->len, o->hash)] = *o;
		}
		m->n = old.n;
		pel_imp_map_free(&old);
	}
	uint32_t h = hash(key, len);
	pel_imp_slot *s = &m->slot[slot_of(m, key, len, h)];
	if (s->key)
		return s->val;
	*s = (pel_imp_slot){ key ? key : "", h, (uint32_t)len, val };
	m->n++;
	return PEL_IMP_NONE;
}

/* ---- detection -------------------------------------------------------- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Counts the white-space separated words of the line at *p (advancing *p
 * past it) and how many of them are integers / numbers. */
static void scan_line(const char **p, const char *end, int *words, int *ints, int *nums)
{
	const char *s = *p;
	*words = *ints = *nums = 0;
	while (s < end && *s != '\n') {
		while (s < end && is_blank(*s))
			s++;
		if (s >= end || *s == '\n')
			break;
		const char *w = s;
		while (s < end && !is_blank(*s) && *s != '\n')
			s++;
		(*words)++;
		int digits = 1;
		for (const char *c = w; c < s; c++)
			digits &= *c >= '0' && *c <= '9';
		*ints += digits;
		double v;
		char tmp[64];
		size_t len = (size_t)(s - w);
		if (len < sizeof tmp) {
			memcpy(tmp, w, len);
			tmp[len] = 0;
			*nums += !pel_imp_number(tmp, len, &v);
		}
	}
	if (s < end)
		s++;
	*p = s;
}

static pel_format detect_buf(const char *b, size_t n)
{
	const char *p = b, *end = b + n;
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	const char *start = p;
	/* skip white space and DOT comments */
	for (;;) {
		while (p < end && (is_blank(*p) || *p == '\n'))
			p++;
		if (p + 1 < end && p[0] == '/' && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			const char *c = p + 2;
			while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
				c++;
			if (c + 1 >= end)
				break;
			p = c + 2;
		} else if (p < end && *p == '#') {
			while (p < end && *p != '\n')
				p++;
		} else {
			break;
		}
	}
	if (p < end && *p == '{')
		return PEL_FMT_WFFORMAT;
	const char *w = p;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		p++;
	size_t wl = (size_t)(p - w);
	if ((wl == 6 && !strncasecmp(w, "strict", 6)) || (wl == 5 && !strncasecmp(w, "graph", 5)) ||
	    (wl == 7 && !strncasecmp(w, "digraph", 7)))
		return PEL_FMT_DOT;
	/* line-oriented formats: the first non-blank line */
	p = start;
	int words, ints, nums;
	do
		scan_line(&p, end, &words, &ints, &nums);
	while (!words && p < end);
	if (words == 1 && ints == 1)
		return PEL_FMT_STG;
	if (words == 3 && ints == 3) {
		int w2, i2, n2;
		do
			scan_line(&p, end, &w2, &i2, &n2);
		while (!w2 && p < end);
		if (w2 >= 1 && n2 == w2)
			return PEL_FMT_ETC;
	}
	return PEL_FMT_AUTO;
}

pel_format pel_format_detect(const char *path)
{
	char head[4096];
	long n = pel_read_head(path, head, sizeof head);
	return n < 0 ? PEL_FMT_AUTO : detect_buf(head, (size_t)n);
}

/* ---- dispatch ---------------------------------------------------------- */

pel_dag *pel_import(const char *path, pel_format fmt, const pel_import_options *opt,
		    char *err, size_t errlen)
{
	double speed = opt && opt->reference_speed != 0 ? opt->reference_speed : 1;
	const char *prefix = opt && opt->etc_device_prefix ? opt->etc_device_prefix : "m";
	if (!(speed > 0) || !isfinite(speed))
		return pel_imp_fail(err, errlen, "%s: reference speed: expected a number > 0, found %g",
				    path, speed);
	/* read once: a FIFO or a device has no second reading */
	size_t n;
	char *text = pel_imp_slurp(path, &n, err, errlen);
	if (!text)
		return NULL;
	if (fmt == PEL_FMT_AUTO) {
		fmt = detect_buf(text, n < 4096 ? n : 4096);
		if (fmt == PEL_FMT_AUTO) {
			const char *e = memchr(text, '\n', n);
			size_t len = e ? (size_t)(e - text) : n;
			char q[64];
			if (!n)
				pel_imp_fail(err, errlen,
					     "%s:1: expected a DOT, WfFormat, STG or ETC file, found an empty file", path);
			else
				pel_imp_fail(err, errlen, "%s:1: expected a DOT, WfFormat, STG or ETC file, found %s",
					     path, pel_imp_quote(q, sizeof q, text, len));
			free(text);
			return NULL;
		}
	}
	switch (fmt) {
	case PEL_FMT_DOT:
		return pel_import_dot(path, text, n, err, errlen);
	case PEL_FMT_WFFORMAT:
		return pel_import_wfformat(path, text, n, speed, err, errlen);
	case PEL_FMT_STG:
		return pel_import_stg(path, text, n, err, errlen);
	case PEL_FMT_ETC:
		return pel_import_etc(path, text, n, prefix, err, errlen);
	default:
		free(text);
		return pel_imp_fail(err, errlen, "%s: unknown format %d", path, (int)fmt);
	}
}
