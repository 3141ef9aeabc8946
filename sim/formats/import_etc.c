/* import_etc.c - ETC (expected time to compute) matrices of Braun et al.
 *
 *   T M 0           tasks, machines, and a third integer (ignored)
 *   v v v ...       T*M times, task-major (ETC[t][m] is value t*M+m),
 *                   separated by any white space (one a line in Braun's
 *                   files)
 *
 * T independent tasks t0..t{T-1} of kind "task" and work 0, each with an
 * explicit time for every key "<prefix><m>". */
#include "import.h"

#include "../../common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MACHINES 1000000

/* White space, as isspace in the C locale. */
static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Next white-space separated word at or after *p (counting newlines into
 * *line); 0 at the end of the text. */
static int next_word(const char **p, const char *end, size_t *line, const char **w, size_t *len)
{
	const char *s = *p;
	while (s < end && space(*s)) {
		*line += *s == '\n';
		s++;
	}
	if (s >= end) {
		*p = s;
		return 0;
	}
	const char *e = s;
	while (e < end && !space(*e))
		e++;
	*w = s;
	*len = (size_t)(e - s);
	*p = e;
	return 1;
}

/* Where the reading is, and where its message goes. */
typedef struct {
	const char *p, *end; /* unread text */
	size_t line; /* the line of p (1-based) */
	const char *path;
	char *err;
	size_t errlen;
} reader;

/* The header: three integers alone on the first non-blank line, into
 * hdr; returns 0 or -1 (err). */
static int read_header(reader *r, uint64_t hdr[3])
{
	char q[64];
	while (r->p < r->end && space(*r->p))
		r->line += *r->p++ == '\n';
	const char *eol = memchr(r->p, '\n', (size_t)(r->end - r->p));
	if (!eol)
		eol = r->end;
	static const char *const what[3] = { "the number of tasks (an integer from 1 to 4294967294)",
					     "the number of machines (an integer from 1 to 1000000)",
					     "a third integer (0 in Braun's files)" };
	static const uint64_t max[3] = { UINT32_MAX - 1, MAX_MACHINES, UINT64_MAX / 10 };
	for (int k = 0; k < 3; k++) {
		const char *w = NULL;
		size_t wl = 0, l2 = r->line;
		if (!next_word(&r->p, eol, &l2, &w, &wl) || pel_imp_integer(w, wl, max[k], &hdr[k]) ||
		    (k < 2 && hdr[k] == 0)) {
			if (r->p >= r->end && !w && k == 0)
				pel_imp_fail(r->err, r->errlen, "%s:%zu: expected 'tasks machines 0', found an empty file",
					     r->path, r->line);
			else
				pel_imp_fail(r->err, r->errlen, "%s:%zu: expected 'tasks machines 0': %s, found %s",
					     r->path, r->line, what[k],
					     w ? pel_imp_quote(q, sizeof q, w, wl) : "the end of the line");
			return -1;
		}
	}
	const char *w;
	size_t wl, l2 = r->line;
	if (next_word(&r->p, eol, &l2, &w, &wl)) {
		pel_imp_fail(r->err, r->errlen, "%s:%zu: expected 'tasks machines 0' and the end of the line, found %s",
			     r->path, r->line, pel_imp_quote(q, sizeof q, w, wl));
		return -1;
	}
	return 0;
}

/* The M keys "<prefix><m>" (free each and the array). */
static char **machine_keys(const char *prefix, uint32_t M)
{
	char **keys = pel_xcalloc(M, sizeof *keys);
	size_t plen = strlen(prefix);
	for (uint32_t m = 0; m < M; m++) {
		keys[m] = pel_xmalloc(plen + 12);
		snprintf(keys[m], plen + 12, "%s%u", prefix, m);
	}
	return keys;
}

/* The T x M times, task-major, as T tasks of kind with an explicit time per key,
 * then the end of the text; returns 0 or -1 (err). */
static int read_times(reader *r, pel_dag *g, uint16_t kind, char **keys, uint32_t T, uint32_t M)
{
	char q[64];
	uint64_t want = (uint64_t)T * M, got = 0;
	const char *w;
	size_t wl;
	for (uint32_t t = 0; t < T; t++) {
		pel_task_id id = pel_dag_add_task(g, NULL, kind, 0);
		for (uint32_t m = 0; m < M; m++, got++) {
			double v;
			if (!next_word(&r->p, r->end, &r->line, &w, &wl)) {
				pel_imp_fail(r->err, r->errlen,
					     "%s:%zu: expected %llu times (%u tasks x %u machines), found %llu and the end of the file",
					     r->path, r->line, (unsigned long long)want, T, M, (unsigned long long)got);
				return -1;
			}
			if (pel_imp_number(w, wl, &v)) {
				pel_imp_fail(r->err, r->errlen,
					     "%s:%zu: time of task %u on machine %u: expected a number >= 0, found %s",
					     r->path, r->line, t, m, pel_imp_quote(q, sizeof q, w, wl));
				return -1;
			}
			pel_dag_add_cost(g, id, keys[m], v);
		}
	}
	if (next_word(&r->p, r->end, &r->line, &w, &wl)) {
		pel_imp_fail(r->err, r->errlen,
			     "%s:%zu: expected the end of the file after %llu times (%u tasks x %u machines), found %s",
			     r->path, r->line, (unsigned long long)want, T, M, pel_imp_quote(q, sizeof q, w, wl));
		return -1;
	}
	return 0;
}

pel_dag *pel_import_etc(const char *path, char *text, size_t len, const char *prefix, char *err,
			size_t errlen)
{
	reader r = { text, text + len, 1, path, err, errlen };
	uint64_t hdr[3] = { 0, 0, 0 };
	if (read_header(&r, hdr)) {
		free(text);
		return NULL;
	}
	uint32_t T = (uint32_t)hdr[0], M = (uint32_t)hdr[1];
	pel_dag *g = pel_dag_new();
	uint16_t kind = pel_dag_kind(g, "task");
	/* a value takes at least 2 bytes: do not trust a huge header */
	uint64_t plausible = len / 2 / M + 1;
	pel_dag_reserve(g, T < plausible ? T : plausible, 0);
	char **keys = machine_keys(prefix, M);
	int rc = read_times(&r, g, kind, keys, T, M);
	for (uint32_t m = 0; m < M; m++)
		free(keys[m]);
	free(keys);
	free(text);
	if (rc) {
		pel_dag_free(g);
		return NULL;
	}
	return pel_imp_finish(g, path, err, errlen);
}
