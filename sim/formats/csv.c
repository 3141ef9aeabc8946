/* csv.c - CSV fields in and out, and a growing string. */
#include "csv.h"

#include "../../common/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pel_strbuf_add(pel_strbuf *b, const char *s, size_t k)
{
	if (b->n + k + 1 > b->cap) {
		b->cap = (b->n + k + 1) * 2;
		b->s = pel_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, k);
	b->n += k;
	b->s[b->n] = 0;
}

void pel_strbuf_puts(pel_strbuf *b, const char *s)
{
	pel_strbuf_add(b, s, strlen(s));
}

void pel_strbuf_printf(pel_strbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if ((size_t)k < sizeof tmp) {
		pel_strbuf_add(b, tmp, (size_t)k);
		return;
	}
	char *big = pel_xmalloc((size_t)k + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)k + 1, fmt, ap);
	va_end(ap);
	pel_strbuf_add(b, big, (size_t)k);
	free(big);
}

/* Whether s must be quoted as a CSV field. */
static int needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

void pel_csv_append_field(pel_strbuf *b, const char *s)
{
	if (!needs_quotes(s)) {
		pel_strbuf_puts(b, s);
		return;
	}
	pel_strbuf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			pel_strbuf_add(b, "\"", 1);
		pel_strbuf_add(b, s, 1);
	}
	pel_strbuf_add(b, "\"", 1);
}

const char *pel_csv_field(char *buf, size_t n, const char *s)
{
	if (!needs_quotes(s)) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	size_t o = 0;
	if (n < 3) {
		if (n)
			buf[0] = 0;
		return buf;
	}
	buf[o++] = '"';
	for (; *s && o + 3 < n; s++) {
		if (*s == '"')
			buf[o++] = '"';
		buf[o++] = *s;
	}
	buf[o++] = '"';
	buf[o] = 0;
	return buf;
}

size_t pel_csv_split(char *line, char ***fields, size_t *cap, int *open_quote)
{
	size_t n = 0;
	char *r = line, *w = line;
	if (open_quote)
		*open_quote = 0;
	for (;;) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*fields = pel_xreallocarray(*fields, *cap, sizeof **fields);
		}
		(*fields)[n++] = w;
		if (*r == '"') {
			for (r++; *r != '"' || r[1] == '"'; r++) {
				if (!*r) {
					if (open_quote)
						*open_quote = 1;
					break;
				}
				if (*r == '"')
					r++; /* "" */
				*w++ = *r;
			}
			if (*r == '"')
				r++;
		}
		while (*r && *r != ',')
			*w++ = *r++;
		if (!*r) {
			*w = 0;
			return n;
		}
		*w++ = 0;
		r++;
	}
}

size_t pel_csv_column(const char *line, size_t k)
{
	const char *r = line;
	for (size_t i = 0; i < k; i++) {
		if (*r == '"') {
			for (r++; *r && (*r != '"' || r[1] == '"'); r++)
				if (*r == '"')
					r++; /* "" */
			if (*r == '"')
				r++;
		}
		while (*r && *r != ',')
			r++;
		if (!*r)
			return (size_t)(r - line) + 1;
		r++;
	}
	return (size_t)(r - line) + 1;
}
