/* import_stg.c - Kasahara's Standard Task Graph set (STG).
 *
 *   n                          number of real tasks
 *   id time npred pred...      n+2 lines, ids 0..n+1 in order; 0 and n+1
 *                              are the dummy entry and exit (time 0)
 *   # ...                      trailer of comment lines (CP length, ...)
 *
 * Blank lines are skipped anywhere.  Tasks keep their implicit names
 * t0..t{n+1}; work = time; edges carry no bytes. */
#include "import.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the reading is, and where its message goes. */
typedef struct {
	const char *p, *end; /* unread text */
	const char *ls, *le; /* current line */
	size_t line;         /* its number (1-based) */
	const char *path;
	char *err;
	size_t errlen;
} cursor;

/* Moves to the next non-blank line; 0 at the end of the text. */
static int next_line(cursor *c)
{
	while (c->p < c->end) {
		const char *s = c->p;
		const char *e = memchr(s, '\n', (size_t)(c->end - s));
		if (!e)
			e = c->end;
		c->p = e < c->end ? e + 1 : e;
		c->line++;
		c->ls = s;
		c->le = e;
		for (const char *q = s; q < e; q++)
			if (*q != ' ' && *q != '\t' && *q != '\r')
				return 1;
	}
	c->line++;
	c->ls = c->le = c->end;
	return 0;
}

/* Next word of the current line into [*w, *w + *len); 0 (and *w NULL)
 * when none is left. */
static int word(cursor *c, const char **w, size_t *len)
{
	const char *s = c->ls;
	while (s < c->le && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s >= c->le) {
		c->ls = s;
		*w = NULL;
		*len = 0;
		return 0;
	}
	const char *e = s;
	while (e < c->le && *e != ' ' && *e != '\t' && *e != '\r')
		e++;
	*w = s;
	*len = (size_t)(e - s);
	c->ls = e;
	return 1;
}

static void *fail_found(cursor *c, const char *w, size_t len, const char *fmt_expected, ...)
	__attribute__((format(printf, 4, 5)));

/* "path:line: <expected>, found 'word'" (or "found nothing" for w NULL). */
static void *fail_found(cursor *c, const char *w, size_t len, const char *fmt_expected, ...)
{
	char what[512], q[64];
	va_list ap;
	va_start(ap, fmt_expected);
	vsnprintf(what, sizeof what, fmt_expected, ap);
	va_end(ap);
	return pel_imp_fail(c->err, c->errlen, "%s:%zu: %s, found %s", c->path, c->line, what,
			    w ? pel_imp_quote(q, sizeof q, w, len) : "the end of the line");
}

/* The first line: the number of real tasks, checked against what the
 * file's len bytes can hold; returns 0 or -1 (err). */
static int read_count(cursor *c, size_t len, uint64_t *n)
{
	const char *w;
	size_t wl;
	if (!next_line(c)) {
		pel_imp_fail(c->err, c->errlen, "%s:1: expected the number of tasks, found an empty file", c->path);
		return -1;
	}
	if (!word(c, &w, &wl) || pel_imp_integer(w, wl, UINT32_MAX - 3, n)) {
		fail_found(c, w, wl, "expected the number of tasks (an integer from 0 to %u)", UINT32_MAX - 3);
		return -1;
	}
	if (word(c, &w, &wl)) {
		fail_found(c, w, wl, "expected only the number of tasks on the first line");
		return -1;
	}
	/* a task line takes 6 bytes or more ("0 0 0\n"): refuse a count the
	 * file cannot possibly hold before allocating for it (a truncated
	 * file of a plausible count is reported where it ends) */
	if ((uint32_t)*n + 2 > len / 2 + 16) {
		pel_imp_fail(c->err, c->errlen,
			     "%s:%zu: expected a number of tasks that %zu bytes can describe, found %llu",
			     c->path, c->line, len, (unsigned long long)*n);
		return -1;
	}
	return 0;
}

/* The npred predecessors of task i on its line, as edges into i (seen:
 * all 0, left so); returns 0 or -1 (err). */
static int read_preds(cursor *c, pel_dag *g, uint32_t i, uint64_t npred, uint32_t total, uint8_t *seen)
{
	const char *w;
	size_t wl;
	uint32_t first = g->nedges;
	int rc = -1;
	uint64_t k = 0, p = 0;
	for (; k < npred; k++) {
		if (!word(c, &w, &wl)) {
			pel_imp_fail(c->err, c->errlen, "%s:%zu: task %u: expected %llu predecessor%s, found %llu",
				     c->path, c->line, i, (unsigned long long)npred, npred == 1 ? "" : "s",
				     (unsigned long long)k);
			break;
		}
		if (pel_imp_integer(w, wl, total - 1, &p) || p == i) {
			fail_found(c, w, wl, "task %u: predecessor %llu: expected a task id from 0 to %u other than %u",
				   i, (unsigned long long)k + 1, total - 1, i);
			break;
		}
		if (seen[p]) {
			fail_found(c, w, wl, "task %u: predecessor %llu: expected a task not listed before on the line",
				   i, (unsigned long long)k + 1);
			break;
		}
		seen[p] = 1;
		pel_dag_add_edge(g, (pel_task_id)p, i, 0, NAN);
	}
	if (k == npred)
		rc = 0;
	for (uint32_t e = first; e < g->nedges; e++)
		seen[g->src[e]] = 0;
	return rc;
}

/* Task i's line (id, time, number of predecessors, predecessors) of
 * total; returns 0 or -1 (err). */
static int read_task(cursor *c, pel_dag *g, uint16_t kind, uint32_t i, uint32_t total, uint8_t *seen)
{
	const char *w;
	size_t wl;
	uint64_t id, npred;
	double time;
	if (!next_line(c)) {
		pel_imp_fail(c->err, c->errlen,
			     "%s:%zu: expected the line of task %u of 0..%u (id, time, number of "
			     "predecessors, predecessors), found the end of the file",
			     c->path, c->line, i, total - 1);
		return -1;
	}
	if (!word(c, &w, &wl) || pel_imp_integer(w, wl, UINT32_MAX, &id) || id != i) {
		fail_found(c, w, wl, "expected task id %u", i);
		return -1;
	}
	if (!word(c, &w, &wl) || pel_imp_number(w, wl, &time)) {
		fail_found(c, w, wl, "task %u: expected a processing time (a number >= 0)", i);
		return -1;
	}
	if (!word(c, &w, &wl) || pel_imp_integer(w, wl, total - 1, &npred)) {
		fail_found(c, w, wl, "task %u: expected the number of predecessors (an integer from 0 to %u)", i,
			   total - 1);
		return -1;
	}
	pel_dag_add_task(g, NULL, kind, time);
	if (read_preds(c, g, i, npred, total, seen))
		return -1;
	if (word(c, &w, &wl)) {
		fail_found(c, w, wl, "task %u: expected %llu predecessor%s and the end of the line", i,
			   (unsigned long long)npred, npred == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

/* The trailer after the total task lines: '#' comments only; returns 0
 * or -1 (err). */
static int read_trailer(cursor *c, uint32_t total)
{
	const char *w;
	size_t wl;
	while (next_line(c)) {
		const char *s = c->ls;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '#') {
			word(c, &w, &wl);
			fail_found(c, w, wl, "expected a '#' comment after the %u task lines", total);
			return -1;
		}
	}
	return 0;
}

pel_dag *pel_import_stg(const char *path, char *text, size_t len, char *err, size_t errlen)
{
	pel_dag *g = NULL;
	uint8_t *seen = NULL;
	cursor c = { text, text + len, NULL, NULL, 0, path, err, errlen };
	uint64_t n;
	if (read_count(&c, len, &n))
		goto fail;
	uint32_t total = (uint32_t)n + 2;
	g = pel_dag_new();
	uint16_t kind = pel_dag_kind(g, "task");
	pel_dag_reserve(g, total, 0);
	seen = pel_xcalloc(total, 1);
	for (uint32_t i = 0; i < total; i++)
		if (read_task(&c, g, kind, i, total, seen))
			goto fail;
	if (read_trailer(&c, total))
		goto fail;
	free(seen);
	free(text);
	return pel_imp_finish(g, path, err, errlen);
fail:
	free(seen);
	free(text);
	pel_dag_free(g);
	return NULL;
}
