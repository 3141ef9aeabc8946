/* import_wfformat.c - WfCommons' WfFormat (JSON), read with jansson.
 *
 * 1.5:  workflow.specification.tasks[]  {id, name?, category?, parents[],
 *                                          children[]?, inputFiles[]?,
 *                                          outputFiles[]?}
 *       workflow.specification.files[]  {id, sizeInBytes}
 *       workflow.execution.tasks[]      {id, runtimeInSeconds}
 * 1.4:  workflow.tasks[]                {name, id?, category?,
 *                                          runtimeInSeconds | runtime,
 *                                          parents[], children[]?,
 *                                          files[]? {link: input|output,
 *                                          name, sizeInBytes | size}}
 *
 * Parents (1.5: ids; 1.4: names, or ids) make the edges, in the order of
 * the tasks and of their parents lists; an edge carries the sizes of the
 * files the parent writes and the child reads.  A children list, where
 * present, must agree with the parents lists. */
#include "import.h"

#include "../../common/alloc.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOIDX ((size_t)-1)

typedef struct {
	const char *path;
	char *err;
	size_t errlen;
	int failed;
} ctx;

/* "base[i].key[j]", the parts that are given. */
static const char *jpath(char *buf, size_t n, const char *base, size_t i, const char *key,
			 size_t j)
{
	size_t o = (size_t)snprintf(buf, n, "%s", base ? base : "");
	if (i != NOIDX && o < n)
		o += (size_t)snprintf(buf + o, n - o, "[%zu]", i);
	if (key && o < n)
		o += (size_t)snprintf(buf + o, n - o, o ? ".%s" : "%s", key);
	if (j != NOIDX && o < n)
		snprintf(buf + o, n - o, "[%zu]", j);
	return buf;
}

/* What v is, for "found ...". */
static const char *found(const json_t *v, char *buf, size_t n)
{
	if (!v)
		return "nothing";
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return json_object_size(v) ? "an object" : "an empty object";
	case JSON_ARRAY:
		return json_array_size(v) ? "a list" : "an empty list";
	case JSON_STRING:
		return pel_imp_quote(buf, n, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, n, "a number (%" JSON_INTEGER_FORMAT ")", json_integer_value(v));
		return buf;
	case JSON_REAL:
		snprintf(buf, n, "a number (%g)", json_real_value(v));
		return buf;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "null";
	}
}

static void fail(ctx *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "path: where: message" (the first failure only). */
static void fail(ctx *c, const char *where, const char *fmt, ...)
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

static void expected(ctx *c, const json_t *v, const char *what, const char *base, size_t i,
		     const char *key, size_t j)
{
	char p[256], b[64];
	fail(c, jpath(p, sizeof p, base, i, key, j), "expected %s, found %s", what, found(v, b, sizeof b));
}

/* Member key of object o, checked to be of type t (-1: any) when present
 * or required. */
static json_t *member(ctx *c, json_t *o, const char *key, int t, int required, const char *what,
		      const char *base, size_t i)
{
	json_t *v = json_object_get(o, key);
	if ((!v && required) || (v && t >= 0 && json_typeof(v) != (json_type)t)) {
		expected(c, v, what, base, i, key, NOIDX);
		return NULL;
	}
	return v;
}

/* Member key of object o as a number >= 0. */
static int nonneg(ctx *c, json_t *o, const char *key, double *out, const char *base, size_t i)
{
	json_t *v = json_object_get(o, key);
	if (!v || !json_is_number(v) || !(json_number_value(v) >= 0)) {
		expected(c, v, "a number >= 0", base, i, key, NOIDX);
		return -1;
	}
	*out = json_number_value(v) + 0.0;
	return 0;
}

/* ---- the format-independent middle ----------------------------------- */

typedef struct {
	uint32_t n;
	const char **name; /* pel task name (borrowed from the JSON) */
	size_t *nlen;
	const char **label; /* what the kind is derived from, or NULL */
	size_t *llen;
	const char **category; /* explicit kind, or NULL */
	size_t *clen;
	double *runtime;
	uint8_t *has_children;
	/* parent relations, in order: child c, parent p, index in c's list */
	uint32_t *pc, *pp, *pj;
	size_t np, cap_p;
	/* children relations: parent p, child c, index in p's list */
	uint32_t *cp, *cc, *cj;
	size_t nc, cap_c;
	/* files read and written, per task (CSR), sizes of those written */
	uint32_t *in_off, *in, *out_off, *out;
	double *out_size;
	size_t nin, nout, cap_in, cap_out;
	uint32_t nfiles;
	double *file_size; /* 1.5 */
} wf;

static void wf_init(wf *w, uint32_t n)
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

static void wf_free(wf *w)
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

static void add_rel(uint32_t **a, uint32_t **b, uint32_t **j, size_t *n, size_t *cap, uint32_t x,
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

static void add_file(uint32_t **list, double **size, size_t *n, size_t *cap, uint32_t f, double s)
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

/* Reads list key of task i (ids or names of tasks, resolved through
 * ids, then through alt when given) into relations (i, other, j). */
static void read_rel(ctx *c, wf *w, json_t *t, uint32_t i, const char *key, int required,
		     const pel_imp_map *ids, const pel_imp_map *alt, int parents, const char *base,
		     uint32_t *stamp)
{
	json_t *l = member(c, t, key, JSON_ARRAY, required, "a list of task ids", base, i);
	if (!l)
		return;
	if (!parents)
		w->has_children[i] = 1;
	size_t first = parents ? w->np : w->nc;
	for (size_t j = 0; j < json_array_size(l) && !c->failed; j++) {
		json_t *v = json_array_get(l, j);
		if (!json_is_string(v)) {
			expected(c, v, "the id of a task", base, i, key, j);
			return;
		}
		const char *s = json_string_value(v);
		size_t len = json_string_length(v);
		uint32_t o = pel_imp_map_get(ids, s, len);
		if (o == PEL_IMP_NONE && alt)
			o = pel_imp_map_get(alt, s, len);
		if (o == PEL_IMP_NONE) {
			expected(c, v, "the id of a task", base, i, key, j);
			return;
		}
		if (stamp[o] == i + 1) {
			char p[256], b[64];
			fail(c, jpath(p, sizeof p, base, i, key, j),
			     "expected a task not listed before, found %s again", found(v, b, sizeof b));
			return;
		}
		stamp[o] = i + 1;
		if (parents)
			add_rel(&w->pc, &w->pp, &w->pj, &w->np, &w->cap_p, i, o, (uint32_t)j);
		else
			add_rel(&w->cp, &w->cc, &w->cj, &w->nc, &w->cap_c, i, o, (uint32_t)j);
	}
	/* clear the stamps for the next list */
	for (size_t r = first; r < (parents ? w->np : w->nc); r++)
		stamp[parents ? w->pp[r] : w->cc[r]] = 0;
}

typedef struct {
	uint64_t key; /* parent << 32 | child */
	uint32_t at, j; /* task whose list holds it, index in that list */
} rel;

static int by_key(const void *a, const void *b)
{
	uint64_t x = ((const rel *)a)->key, y = ((const rel *)b)->key;
	return (x > y) - (x < y);
}

/* Checks the children lists against the parents lists (for the tasks that
 * have a children list). */
static void check_children(ctx *c, const wf *w, const char *base)
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
			fail(c, jpath(p, sizeof p, base, C[b].at, "children", C[b].j),
			     "expected a task that lists %s among its parents, found %s",
			     pel_imp_quote(q1, sizeof q1, w->name[par], w->nlen[par]),
			     pel_imp_quote(q2, sizeof q2, w->name[ch], w->nlen[ch]));
		} else {
			uint32_t par = (uint32_t)(P[a].key >> 32), ch = (uint32_t)P[a].key;
			fail(c, jpath(p, sizeof p, base, P[a].at, "parents", P[a].j),
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
static pel_dag *build(ctx *c, wf *w, double speed, const char *base)
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
			fail(c, jpath(p, sizeof p, base, i, NULL, NOIDX),
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

/* ---- 1.5 -------------------------------------------------------------- */

static pel_dag *read_15(ctx *c, json_t *wfl, json_t *spec, double speed)
{
	const char *tb = "workflow.specification.tasks";
	json_t *tasks = member(c, spec, "tasks", JSON_ARRAY, 1, "a list of tasks",
			       "workflow.specification", NOIDX);
	if (!tasks)
		return NULL;
	size_t n = json_array_size(tasks);
	if (!n) {
		expected(c, tasks, "a non-empty list of tasks", "workflow.specification", NOIDX, "tasks",
			 NOIDX);
		return NULL;
	}
	if (n >= UINT32_MAX - 1) {
		fail(c, tb, "expected fewer than 4294967294 tasks, found %zu", n);
		return NULL;
	}
	wf w;
	wf_init(&w, (uint32_t)n);
	pel_imp_map ids, files;
	pel_imp_map_init(&ids, n);
	json_t *fl0 = json_object_get(spec, "files");
	pel_imp_map_init(&files, json_is_array(fl0) ? json_array_size(fl0) : 16);
	uint32_t *stamp = pel_xcalloc(n, sizeof *stamp);
	pel_dag *g = NULL;
	/* tasks: ids, names, categories */
	for (size_t i = 0; i < n && !c->failed; i++) {
		json_t *t = json_array_get(tasks, i);
		if (!json_is_object(t)) {
			expected(c, t, "an object (a task)", tb, i, NULL, NOIDX);
			break;
		}
		json_t *id = member(c, t, "id", JSON_STRING, 1, "a string (the task's id)", tb, i);
		json_t *name = member(c, t, "name", JSON_STRING, 0, "a string (the task's name)", tb, i);
		json_t *cat = member(c, t, "category", JSON_STRING, 0, "a string (the task's category)", tb, i);
		if (c->failed)
			break;
		w.name[i] = json_string_value(id);
		w.nlen[i] = json_string_length(id);
		if (name) {
			w.label[i] = json_string_value(name);
			w.llen[i] = json_string_length(name);
		}
		if (cat && json_string_length(cat)) {
			w.category[i] = json_string_value(cat);
			w.clen[i] = json_string_length(cat);
		}
		uint32_t was = pel_imp_map_put(&ids, w.name[i], w.nlen[i], (uint32_t)i);
		if (was != PEL_IMP_NONE) {
			char p[256], b[64];
			fail(c, jpath(p, sizeof p, tb, i, "id", NOIDX),
			     "expected an id no other task has, found %s (also %s[%u])",
			     found(id, b, sizeof b), tb, was);
		}
	}
	/* files */
	json_t *fl = c->failed ? NULL
			       : member(c, spec, "files", JSON_ARRAY, 0, "a list of files",
					"workflow.specification", NOIDX);
	const char *fb = "workflow.specification.files";
	size_t nf = fl ? json_array_size(fl) : 0;
	w.file_size = pel_xmalloc((nf + 1) * sizeof *w.file_size);
	for (size_t i = 0; i < nf && !c->failed; i++) {
		json_t *f = json_array_get(fl, i);
		if (!json_is_object(f)) {
			expected(c, f, "an object (a file)", fb, i, NULL, NOIDX);
			break;
		}
		json_t *id = member(c, f, "id", JSON_STRING, 1, "a string (the file's id)", fb, i);
		if (!id || nonneg(c, f, "sizeInBytes", &w.file_size[i], fb, i))
			break;
		uint32_t was = pel_imp_map_put(&files, json_string_value(id), json_string_length(id),
					       (uint32_t)i);
		if (was != PEL_IMP_NONE) {
			char p[256], b[64];
			fail(c, jpath(p, sizeof p, fb, i, "id", NOIDX),
			     "expected an id no other file has, found %s (also %s[%u])",
			     found(id, b, sizeof b), fb, was);
		}
	}
	w.nfiles = (uint32_t)nf;
	/* runtimes */
	const char *eb = "workflow.execution.tasks";
	json_t *ex = c->failed ? NULL
			       : member(c, wfl, "execution", JSON_OBJECT, 1,
					"an object (the execution: runtimes)", "workflow", NOIDX);
	json_t *et = ex ? member(c, ex, "tasks", JSON_ARRAY, 1, "a list of executed tasks",
				 "workflow.execution", NOIDX)
			: NULL;
	for (size_t i = 0; et && i < json_array_size(et) && !c->failed; i++) {
		json_t *t = json_array_get(et, i);
		if (!json_is_object(t)) {
			expected(c, t, "an object (an executed task)", eb, i, NULL, NOIDX);
			break;
		}
		json_t *id = member(c, t, "id", JSON_STRING, 1, "a string (the task's id)", eb, i);
		if (!id)
			break;
		uint32_t k = pel_imp_map_get(&ids, json_string_value(id), json_string_length(id));
		if (k == PEL_IMP_NONE) {
			expected(c, id, "the id of a task under workflow.specification.tasks", eb, i, "id",
				 NOIDX);
			break;
		}
		if (!isnan(w.runtime[k])) {
			char p[256], b[64];
			fail(c, jpath(p, sizeof p, eb, i, "id", NOIDX),
			     "expected a task not listed before, found %s again", found(id, b, sizeof b));
			break;
		}
		double rt;
		if (nonneg(c, t, "runtimeInSeconds", &rt, eb, i))
			break;
		w.runtime[k] = rt;
	}
	for (size_t i = 0; !c->failed && i < n; i++)
		if (isnan(w.runtime[i])) {
			char q[64];
			fail(c, eb, "expected an entry for every task, found none for %s (%s[%zu])",
			     pel_imp_quote(q, sizeof q, w.name[i], w.nlen[i]), tb, i);
		}
	/* parents, children, files read and written */
	for (size_t i = 0; i < n && !c->failed; i++) {
		json_t *t = json_array_get(tasks, i);
		read_rel(c, &w, t, (uint32_t)i, "parents", 1, &ids, NULL, 1, tb, stamp);
		if (!c->failed)
			read_rel(c, &w, t, (uint32_t)i, "children", 0, &ids, NULL, 0, tb, stamp);
		for (int io = 0; io < 2 && !c->failed; io++) {
			const char *key = io ? "outputFiles" : "inputFiles";
			json_t *l = member(c, t, key, JSON_ARRAY, 0, "a list of file ids", tb, i);
			for (size_t j = 0; l && j < json_array_size(l); j++) {
				json_t *v = json_array_get(l, j);
				uint32_t f = json_is_string(v) ? pel_imp_map_get(&files, json_string_value(v),
										  json_string_length(v))
							       : PEL_IMP_NONE;
				if (f == PEL_IMP_NONE) {
					expected(c, v, "the id of a file under workflow.specification.files", tb, i,
						 key, j);
					break;
				}
				if (io)
					add_file(&w.out, &w.out_size, &w.nout, &w.cap_out, f, w.file_size[f]);
				else
					add_file(&w.in, NULL, &w.nin, &w.cap_in, f, 0);
			}
		}
		w.in_off[i + 1] = (uint32_t)w.nin;
		w.out_off[i + 1] = (uint32_t)w.nout;
	}
	if (!c->failed)
		check_children(c, &w, tb);
	if (!c->failed)
		g = build(c, &w, speed, tb);
	free(stamp);
	pel_imp_map_free(&ids);
	pel_imp_map_free(&files);
	wf_free(&w);
	return g;
}

/* ---- 1.4 -------------------------------------------------------------- */

static pel_dag *read_14(ctx *c, json_t *wfl, double speed)
{
	const char *tb = "workflow.tasks";
	json_t *tasks = member(c, wfl, "tasks", JSON_ARRAY, 1, "a list of tasks", "workflow", NOIDX);
	if (!tasks)
		return NULL;
	size_t n = json_array_size(tasks);
	if (!n) {
		expected(c, tasks, "a non-empty list of tasks", "workflow", NOIDX, "tasks", NOIDX);
		return NULL;
	}
	if (n >= UINT32_MAX - 1) {
		fail(c, tb, "expected fewer than 4294967294 tasks, found %zu", n);
		return NULL;
	}
	wf w;
	wf_init(&w, (uint32_t)n);
	pel_imp_map names, ids, files;
	pel_imp_map_init(&names, n);
	pel_imp_map_init(&ids, n);
	pel_imp_map_init(&files, n); /* about a file or two per task */
	uint32_t *stamp = pel_xcalloc(n, sizeof *stamp);
	pel_dag *g = NULL;
	for (size_t i = 0; i < n && !c->failed; i++) {
		json_t *t = json_array_get(tasks, i);
		if (!json_is_object(t)) {
			expected(c, t, "an object (a task)", tb, i, NULL, NOIDX);
			break;
		}
		json_t *name = member(c, t, "name", JSON_STRING, 1, "a string (the task's name)", tb, i);
		json_t *id = member(c, t, "id", JSON_STRING, 0, "a string (the task's id)", tb, i);
		json_t *cat = member(c, t, "category", JSON_STRING, 0, "a string (the task's category)", tb, i);
		if (c->failed)
			break;
		w.name[i] = json_string_value(name);
		w.nlen[i] = json_string_length(name);
		if (cat && json_string_length(cat)) {
			w.category[i] = json_string_value(cat);
			w.clen[i] = json_string_length(cat);
		}
		const char *rk = json_object_get(t, "runtimeInSeconds") ? "runtimeInSeconds" : "runtime";
		if (!json_object_get(t, rk)) {
			char p[256];
			fail(c, jpath(p, sizeof p, tb, i, NULL, NOIDX),
			     "expected key 'runtimeInSeconds' (or 'runtime'), found neither");
			break;
		}
		if (nonneg(c, t, rk, &w.runtime[i], tb, i))
			break;
		uint32_t was = pel_imp_map_put(&names, w.name[i], w.nlen[i], (uint32_t)i);
		if (was != PEL_IMP_NONE) {
			char p[256], b[64];
			fail(c, jpath(p, sizeof p, tb, i, "name", NOIDX),
			     "expected a name no other task has, found %s (also %s[%u])",
			     found(name, b, sizeof b), tb, was);
			break;
		}
		if (id)
			pel_imp_map_put(&ids, json_string_value(id), json_string_length(id), (uint32_t)i);
	}
	for (size_t i = 0; i < n && !c->failed; i++) {
		json_t *t = json_array_get(tasks, i);
		read_rel(c, &w, t, (uint32_t)i, "parents", 1, &names, &ids, 1, tb, stamp);
		if (!c->failed)
			read_rel(c, &w, t, (uint32_t)i, "children", 0, &names, &ids, 0, tb, stamp);
		json_t *fl = c->failed ? NULL : member(c, t, "files", JSON_ARRAY, 0, "a list of files", tb, i);
		char fb[96];
		if (fl)
			snprintf(fb, sizeof fb, "%s[%zu].files", tb, i);
		for (size_t j = 0; fl && j < json_array_size(fl) && !c->failed; j++) {
			json_t *f = json_array_get(fl, j);
			if (!json_is_object(f)) {
				expected(c, f, "an object (a file)", fb, j, NULL, NOIDX);
				break;
			}
			json_t *link = member(c, f, "link", JSON_STRING, 1, "'input' or 'output'", fb, j);
			json_t *fname = member(c, f, "name", JSON_STRING, 1, "a string (the file's name)", fb, j);
			if (c->failed)
				break;
			int out = !strcmp(json_string_value(link), "output");
			if (!out && strcmp(json_string_value(link), "input")) {
				expected(c, link, "'input' or 'output'", fb, j, "link", NOIDX);
				break;
			}
			double size = 0;
			if (out && nonneg(c, f, json_object_get(f, "sizeInBytes") ? "sizeInBytes" : "size", &size,
					  fb, j))
				break;
			uint32_t id = pel_imp_map_get(&files, json_string_value(fname), json_string_length(fname));
			if (id == PEL_IMP_NONE) {
				id = w.nfiles++;
				pel_imp_map_put(&files, json_string_value(fname), json_string_length(fname), id);
			}
			if (out)
				add_file(&w.out, &w.out_size, &w.nout, &w.cap_out, id, size);
			else
				add_file(&w.in, NULL, &w.nin, &w.cap_in, id, 0);
		}
		w.in_off[i + 1] = (uint32_t)w.nin;
		w.out_off[i + 1] = (uint32_t)w.nout;
	}
	if (!c->failed)
		check_children(c, &w, tb);
	if (!c->failed)
		g = build(c, &w, speed, tb);
	free(stamp);
	pel_imp_map_free(&names);
	pel_imp_map_free(&ids);
	pel_imp_map_free(&files);
	wf_free(&w);
	return g;
}

pel_dag *pel_import_wfformat(const char *path, char *text, size_t len, double reference_speed,
			     char *err, size_t errlen)
{
	/* jansson reads a buffer a third faster than a file (getc per byte) */
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	free(text);
	if (!root) {
		if (je.line > 0)
			return pel_imp_fail(err, errlen, "%s:%d:%d: JSON: %s", path, je.line, je.column,
					    je.text);
		return pel_imp_fail(err, errlen, "%s: JSON: %s", path, je.text);
	}
	ctx c = { path, err, errlen, 0 };
	pel_dag *g = NULL;
	json_t *wfl = NULL;
	if (!json_is_object(root)) {
		char b[64];
		pel_imp_fail(err, errlen, "%s: expected a JSON object (a WfFormat instance), found %s",
			     path, found(root, b, sizeof b));
	} else if ((wfl = member(&c, root, "workflow", JSON_OBJECT, 1, "an object", NULL, NOIDX))) {
		json_t *spec = json_object_get(wfl, "specification");
		if (spec) {
			if (!json_is_object(spec))
				expected(&c, spec, "an object", "workflow", NOIDX, "specification", NOIDX);
			else
				g = read_15(&c, wfl, spec, reference_speed);
		} else if (json_object_get(wfl, "tasks")) {
			g = read_14(&c, wfl, reference_speed);
		} else {
			fail(&c, "workflow",
			     "expected key 'specification' (WfFormat 1.5) or 'tasks' (1.4), found neither");
		}
	}
	/* finished before the tree is freed: glibc would otherwise merge the
	 * tree's freed blocks inside the DAG's first large calloc */
	if (g)
		g = pel_imp_finish(g, path, err, errlen);
	json_decref(root);
	return g;
}
