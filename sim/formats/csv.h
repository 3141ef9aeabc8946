/* csv.h - CSV as pelsim writes and reads it (fields quoted as in RFC 4180,
 * one record a line), and the growing string it is written into. */
#ifndef PEL_CSV_H
#define PEL_CSV_H

#include <stddef.h>

/* A growing string: s is NUL-terminated once anything was added ({ 0 } is
 * empty; free s). */
typedef struct {
	char *s;
	size_t n, cap;
} pel_strbuf;

/* Appends k bytes of s. */
void pel_strbuf_add(pel_strbuf *b, const char *s, size_t k);
void pel_strbuf_puts(pel_strbuf *b, const char *s);
void pel_strbuf_printf(pel_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s as one CSV field: as it is, or quoted (each '"' doubled) when
 * it holds a comma, a quote or a line break. */
void pel_csv_append_field(pel_strbuf *b, const char *s);
/* Writes s as one CSV field into buf (quoted when it holds a comma, a
 * quote or a line break); returns buf. */
const char *pel_csv_field(char *buf, size_t n, const char *s);

/* Splits one CSV line (no line break) into fields, in place: a field that
 * starts with '"' is quoted ("" for a quote), and what follows its closing
 * quote up to the next comma is kept as it is.  (*fields)[0..count-1] point
 * into line; *fields grows as needed (*cap entries; NULL and 0 at first;
 * free it).  Returns the count.  *open_quote, when not NULL, is set to
 * whether a quoted field ran to the end of the line (it then ends there). */
size_t pel_csv_split(char *line, char ***fields, size_t *cap, int *open_quote);
/* The column (1-based byte offset) where field k (0-based) of a line not
 * yet split starts, read as pel_csv_split reads it; one past the end of
 * the line when it has fewer fields. */
size_t pel_csv_column(const char *line, size_t k);

#endif
