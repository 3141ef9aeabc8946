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

pel_dag *pel_import_etc(const char *path, char *text, size_t len, const char *prefix, char *err,
			size_t errlen)
{
	pel_dag *g = NULL;
	char **keys = NULL;
	uint64_t hdr[3] = { 0, 0, 0 };
	char q[64];
	/* the header: three integers on the first non-blank line */
	const char *p = text, *end = text + len;
	size_t line = 1;
	while (p < end && space(*p))
		line += *p++ == '\n';
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	static const char *const what[3] = { "the number of tasks (an integer from 1 to 4294967294)",
					     "the number of machines (an integer from 1 to 1000000)",
					     "a third integer (0 in Braun's files)" };
	static const uint64_t max[3] = { UINT32_MAX - 1, MAX_MACHINES, UINT64_MAX / 10 };
	for (int k = 0; k < 3; k++) {
		const char *w = NULL;
		size_t wl = 0, l2 = line;
		if (!next_word(&p, eol, &l2, &w, &wl) || pel_imp_integer(w, wl, max[k], &hdr[k]) ||
		    (k < 2 && hdr[k] == 0)) {
			if (p >= end && !w && k == 0)
				pel_imp_fail(err, errlen, "%s:%zu: expected 'tasks machines 0', found an empty file",
					     path, line);
			else
				pel_imp_fail(err, errlen, "%s:%zu: expected 'tasks machines 0': %s, found %s", path,
					     line, what[k], w ? pel_imp_quote(q, sizeof q, w, wl) : "the end of the line");
			goto fail;
		}
	}
	{
		const char *w;
		size_t wl, l2 = line;
		if (next_word(&p, eol, &l2, &w, &wl)) {
			pel_imp_fail(err, errlen, "%s:%zu: expected 'tasks machines 0' and the end of the line, found %s",
				     path, line, pel_imp_quote(q, sizeof q, w, wl));
			goto fail;
		}
	}
	uint32_t T = (uint32_t)hdr[0], M = (uint32_t)hdr[1];
	uint64_t want = (uint64_t)T * M;
	g = pel_dag_new();
	uint16_t kind = pel_dag_kind(g, "task");
	/* a value takes at least 2 bytes: do not trust a huge header */
	uint64_t plausible = len / 2 / M + 1;
	pel_dag_reserve(g, T < plausible ? T : plausible, 0);
	keys = pel_xcalloc(M, sizeof *keys);
	size_t plen = strlen(prefix);
	for (uint32_t m = 0; m < M; m++) {
		keys[m] = pel_xmalloc(plen + 12);
		snprintf(keys[m], plen + 12, "%s%u", prefix, m);
	}
	uint64_t got = 0;
	const char *w;
	size_t wl;
	for (uint32_t t = 0; t < T; t++) {
		pel_task_id id = pel_dag_add_task(g, NULL, kind, 0);
		for (uint32_t m = 0; m < M; m++, got++) {
			double v;
			if (!next_word(&p, end, &line, &w, &wl)) {
				pel_imp_fail(err, errlen,
					     "%s:%zu: expected %llu times (%u tasks x %u machines), found %llu and the end of the file",
					     path, line, (unsigned long long)want, T, M, (unsigned long long)got);
				goto fail;
			}
			if (pel_imp_number(w, wl, &v)) {
				pel_imp_fail(err, errlen,
					     "%s:%zu: time of task %u on machine %u: expected a number >= 0, found %s",
					     path, line, t, m, pel_imp_quote(q, sizeof q, w, wl));
				goto fail;
			}
			pel_dag_add_cost(g, id, keys[m], v);
		}
	}
	if (next_word(&p, end, &line, &w, &wl)) {
		pel_imp_fail(err, errlen,
			     "%s:%zu: expected the end of the file after %llu times (%u tasks x %u machines), found %s",
			     path, line, (unsigned long long)want, T, M, pel_imp_quote(q, sizeof q, w, wl));
		goto fail;
	}
	for (uint32_t m = 0; m < M; m++)
		free(keys[m]);
	free(keys);
	free(text);
	return pel_imp_finish(g, path, err, errlen);
fail:
	if (keys)
		for (uint32_t m = 0; m < (uint32_t)hdr[1]; m++)
			free(keys[m]);
	free(keys);
	free(text);
	pel_dag_free(g);
	return NULL;
}
