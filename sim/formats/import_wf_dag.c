/* import_wf_dag.c - the format-independent middle of the WfFormat reader:
 * tasks, their relations and files (a pel_wf) checked and made a DAG. */
#include "import_wf.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "base[i].key[j]", the parts that are given. */
const char *pel_wf_path(char *buf, size_t n, const char *base, size_t i, const char *key, size_t j)
{
	size_t o = (size_t)snprintf(buf, n, "%s", base ? base : "");
	if (i != PEL_WF_NOIDX && o < n)
		o += (size_t)snprintf(buf + o, n - o, "[%zu]", i);
	if (key && o < n)
		o += (size_t)snprintf(buf + o, n - o, o ? ".%s" : "%s", key);
	if (j != PEL_WF_NOIDX && o < n)
		snprintf(buf + o, n - o, "[%zu]", j);
	return buf;
}

/* "path: where: message" (the first failure only). */
void pel_wf_fail(pel_wf_ctx *c, const char *where, const char *fmt, ...)
{
	if (c->failed)
		return;
	c->failed = 1;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pel_imp_fail(c->err, c->errlen, "%s: %s: %s", c->path, where, msg);
}

/* The per-task arrays for n tasks, runtimes unknown (NaN). */
void pel_wf_init(pel_wf *w, uint32_t n)
{
	memset(w, 0, sizeof *w);
	w->n = n;
	w->name = pel_xcalloc(n, sizeof *w->name);
	w->nlen = pel_xcalloc(n, sizeof *w->nlen);
	w->label = pel_xcalloc(n, sizeof *w->label);
	w->llen = pel_xcalloc(n, sizeof *w->llen);
	w->category = pel_xcalloc(n, sizeof *w->category);
	w->clen = pel_xcalloc(n, sizeof *w->clen);
	w->runtime = pel_xmalloc(n * sizeof *w->runtime);
	for (uint32_t i = 0; i < n; i++)
		w->runtime[i] = NAN;
	w->has_children = pel_xcalloc(n, 1);
	w->in_off = pel_xcalloc((size_t)n + 1, sizeof *w->in_off);
	w->out_off = pel_xcalloc((size_t)n + 1, sizeof *w->out_off);
}

/* Frees every array of w. */
void pel_wf_free(pel_wf *w)
{
	free(w->name);
	free(w->nlen);
	free(w->label);
	free(w->llen);
	free(w->category);
	free(w->clen);
	free(w->runtime);
	free(w->has_children);
	free(w->pc);
	free(w->pp);
	free(w->pj);
	free(w->cp);
	free(w->cc);
	free(w->cj);
	free(w->in_off);
	free(w->in);
	free(w->out_off);
	free(w->out);
	free(w->out_size);
	free(w->file_size);
}

/* Appends (x, y, k) to three parallel arrays, growing them by doubling. */
void pel_wf_add_rel(uint32_t **a, uint32_t **b, uint32_t **j, size_t *n, size_t *cap, uint32_t x,
		    uint32_t y, uint32_t k)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*a = pel_xreallocarray(*a, *cap, sizeof **a);
		*b = pel_xreallocarray(*b, *cap, sizeof **b);
		*j = pel_xreallocarray(*j, *cap, sizeof **j);
	}
	(*a)[*n] = x;
	(*b)[*n] = y;
	(*j)[*n] = k;
	(*n)++;
}

/* Appends file f (and its size s) to a list, growing it by doubling. */
void pel_wf_add_file(uint32_t **list, double **size, size_t *n, size_t *cap, uint32_t f, double s)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*list = pel_xreallocarray(*list, *cap, sizeof **list);
		if (size)
			*size = pel_xreallocarray(*size, *cap, sizeof **size);
	}
	(*list)[*n] = f;
	if (size)
		(*size)[*n] = s;
	(*n)++;
}

typedef struct {
	uint64_t key; /* parent << 32 | child */
	uint32_t at, j; /* task whose list holds it, index in that list */
} rel;

/* qsort order of relations: by parent, then child. */
static int by_key(const void *a, const void *b)
{
	uint64_t x = ((const rel *)a)->key, y = ((const rel *)b)->key;
	return (x > y) - (x < y);
}

/* Checks the children lists against the parents lists (for the tasks that
 * have a children list). */
void pel_wf_check_children(pel_wf_ctx *c, const pel_wf *w, const char *base)
{
	if (!w->nc && !w->np)
		return;
	rel *P = pel_xmalloc((w->np + 1) * sizeof *P);
	rel *C = pel_xmalloc((w->nc + 1) * sizeof *C);
	size_t np = 0;
	for (size_t r = 0; r < w->np; r++)
		if (w->has_children[w->pp[r]])
			P[np++] = (rel){ (uint64_t)w->pp[r] << 32 | w->pc[r], w->pc[r], w->pj[r] };
	for (size_t r = 0; r < w->nc; r++)
		C[r] = (rel){ (uint64_t)w->cp[r] << 32 | w->cc[r], w->cp[r], w->cj[r] };
	qsort(P, np, sizeof *P, by_key);
	qsort(C, w->nc, sizeof *C, by_key);
	size_t a = 0, b = 0;
	while (a < np || b < w->nc) {
		if (a < np && b < w->nc && P[a].key == C[b].key) {
			a++, b++;
			continue;
		}
		char p[256], q1[64], q2[64];
		if (b < w->nc && (a >= np || C[b].key < P[a].key)) {
			uint32_t par = (uint32_t)(C[b].key >> 32), ch = (uint32_t)C[b].key;
			pel_wf_fail(c, pel_wf_path(p, sizeof p, base, C[b].at, "children", C[b].j),
				    "expected a task that lists %s among its parents, found %s",
				    pel_imp_quote(q1, sizeof q1, w->name[par], w->nlen[par]),
				    pel_imp_quote(q2, sizeof q2, w->name[ch], w->nlen[ch]));
		} else {
			uint32_t par = (uint32_t)(P[a].key >> 32), ch = (uint32_t)P[a].key;
			pel_wf_fail(c, pel_wf_path(p, sizeof p, base, P[a].at, "parents", P[a].j),
				    "expected a task that lists %s among its children, found %s",
				    pel_imp_quote(q1, sizeof q1, w->name[ch], w->nlen[ch]),
				    pel_imp_quote(q2, sizeof q2, w->name[par], w->nlen[par]));
		}
		break;
	}
	free(P);
	free(C);
}

/* Length of the kind part of a task name: without a numbering suffix
 * "_ID0000001" or "_00000001", and Pegasus' doubled "x_x_..." as "x". */
static size_t kind_prefix(const char *s, size_t len)
{
	size_t e = len;
	while (e && s[e - 1] >= '0' && s[e - 1] <= '9')
		e--;
	if (e < len) {
		size_t k = e;
		if (k >= 2 && s[k - 2] == 'I' && s[k - 1] == 'D')
			k -= 2;
		if (k >= 1 && s[k - 1] == '_')
			len = k - 1;
	}
	const char *us = memchr(s, '_', len);
	if (us) {
		size_t a = (size_t)(us - s);
		if (a && len >= 2 * a + 1 && !memcmp(s, us + 1, a) &&
		    (len == 2 * a + 1 || s[2 * a + 1] == '_'))
			len = a;
	}
	return len;
}

/* Builds the DAG from the middle form. */
pel_dag *pel_wf_build(pel_wf_ctx *c, pel_wf *w, double speed, const char *base)
{
	pel_dag *g = pel_dag_new();
	pel_imp_map kinds;
	pel_imp_map_init(&kinds, 64);
	pel_dag_reserve(g, w->n, w->np);
	char *tmp = NULL;
	size_t tcap = 0;
	for (uint32_t i = 0; i < w->n && !c->failed; i++) {
		const char *k = w->category[i];
		size_t kl = w->clen[i];
		if (!k) {
			k = w->label[i] ? w->label[i] : w->name[i];
			kl = kind_prefix(k, w->label[i] ? w->llen[i] : w->nlen[i]);
			if (!kl)
				k = "task", kl = 4;
		}
		uint16_t kind;
		if (pel_imp_kind(&kinds, g, k, kl, &kind, c->path, c->err, c->errlen)) {
			c->failed = 1;
			break;
		}
		double work = w->runtime[i] * speed;
		if (!isfinite(work)) {
			char p[256];
			pel_wf_fail(c, pel_wf_path(p, sizeof p, base, i, NULL, PEL_WF_NOIDX),
				    "expected a runtime whose product with the reference speed (%g) is finite, found %g",
				    speed, w->runtime[i]);
			break;
		}
		if (w->nlen[i] + 1 > tcap) {
			tcap = w->nlen[i] + 1;
			tmp = pel_xrealloc(tmp, tcap);
		}
		memcpy(tmp, w->name[i], w->nlen[i]);
		tmp[w->nlen[i]] = 0;
		pel_dag_add_task(g, tmp, kind, work);
	}
	free(tmp);
	pel_imp_map_free(&kinds);
	if (c->failed) {
		pel_dag_free(g);
		return NULL;
	}
	/* edges: per child, stamp the files it reads, then sum over the files
	 * each parent writes */
	uint32_t *mark = pel_xcalloc((size_t)w->nfiles + 1, sizeof *mark);
	size_t *counted = pel_xcalloc((size_t)w->nfiles + 1, sizeof *counted);
	size_t r = 0;
	for (uint32_t ch = 0; ch < w->n; ch++) {
		for (uint32_t x = w->in_off[ch]; x < w->in_off[ch + 1]; x++)
			mark[w->in[x]] = ch + 1;
		for (; r < w->np && w->pc[r] == ch; r++) {
			uint32_t p = w->pp[r];
			double bytes = 0;
			for (uint32_t x = w->out_off[p]; x < w->out_off[p + 1]; x++) {
				uint32_t f = w->out[x];
				if (mark[f] == ch + 1 && counted[f] != r + 1) {
					counted[f] = r + 1;
					bytes += w->out_size[x];
				}
			}
			pel_dag_add_edge(g, p, ch, bytes, NAN);
		}
	}
	free(mark);
	free(counted);
	return g;
}
