/* export_dot.c - writes a DAG as a DOT digraph that pel_import reads back
 * into the same DAG (SimGrid's convention: size = flop on nodes, bytes on
 * edges; plus kind, time_<key>, release and comm). */
#include "import.h"

#include "fileio.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether s can be written as a DOT quoted string (each '"' written as
 * '\\"') that cgraph's scanner reads back as s.  The scanner reads a
 * backslash pair as itself, backslash-quote as a quote and drops a
 * backslash-newline, so a run of backslashes before a quote or the end
 * must be of even length; a newline is not kept reliably. */
static int writable(const char *s)
{
	size_t run = 0;
	for (; *s; s++) {
		if (*s == '\n')
			return 0;
		if (*s == '"' && run % 2)
			return 0;
		run = *s == '\\' ? run + 1 : 0;
	}
	return run % 2 == 0;
}

/* s between double quotes, each '"' preceded by a backslash. */
static void put_quoted(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('\\', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* The shortest of %.15g and %.17g that reads back as v, quoted. */
static void put_number(FILE *f, double v)
{
	char buf[40];
	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	fprintf(f, "\"%s\"", buf);
}

/* Whether s (a task name, kind or key) can be written: non-empty unless
 * empty_ok, and writable(); returns 0, or -1 with the message in err. */
static int check_text(const char *s, int empty_ok, const char *what, const char *path, char *err,
		      size_t errlen)
{
	char q[64];
	if (!*s && !empty_ok) {
		pel_imp_fail(err, errlen, "%s: cannot write %s '' in DOT: expected a non-empty text", path, what);
		return -1;
	}
	if (writable(s))
		return 0;
	pel_imp_fail(err, errlen,
		     "%s: cannot write %s %s in DOT: expected no newline and no odd run of backslashes "
		     "before a quote or the end",
		     path, what, pel_imp_quote(q, sizeof q, s, strlen(s)));
	return -1;
}

/* Every task's name: its own, else "t<id>" written into *implicit (one
 * block, the caller frees it and the array). */
static const char **task_names(const pel_dag *g, char **implicit)
{
	uint32_t n = g->ntasks;
	const char **name = pel_xmalloc(((size_t)n + 1) * sizeof *name);
	size_t nimplicit = 0;
	for (uint32_t t = 0; t < n; t++)
		nimplicit += !(g->names && g->names[t]);
	*implicit = nimplicit ? pel_xmalloc(nimplicit * 12) : NULL;
	char *at = *implicit;
	for (uint32_t t = 0; t < n; t++) {
		if (g->names && g->names[t]) {
			name[t] = g->names[t];
		} else {
			snprintf(at, 12, "t%u", t);
			name[t] = at;
			at += 12;
		}
	}
	return name;
}

/* Names unique and writable, kinds writable; returns 0 or -1 (err). */
static int check_names(const pel_dag *g, const char **name, const char *path, char *err, size_t errlen)
{
	pel_imp_map seen;
	pel_imp_map_init(&seen, g->ntasks);
	int rc = 0;
	for (uint32_t t = 0; t < g->ntasks && !rc; t++) {
		size_t len = strlen(name[t]);
		uint32_t was = pel_imp_map_put(&seen, name[t], len, t);
		if (was != PEL_IMP_NONE) {
			char q[64];
			pel_imp_fail(err, errlen, "%s: cannot write tasks %u and %u, both called %s, in DOT",
				     path, was, t, pel_imp_quote(q, sizeof q, name[t], len));
			rc = -1;
		} else {
			rc = check_text(name[t], 1, "task name", path, err, errlen);
		}
	}
	pel_imp_map_free(&seen);
	for (uint32_t k = 0; k < g->nkinds && !rc; k++)
		rc = check_text(g->kind_names[k], 0, "kind", path, err, errlen);
	return rc;
}

/* Numbers the importer accepts (finite, >= 0) and writable cost keys;
 * returns 0 or -1 (err). */
static int check_numbers(const pel_dag *g, const char **name, const char *path, char *err, size_t errlen)
{
	for (uint32_t t = 0; t < g->ntasks; t++) {
		double rel = g->release ? g->release[t] : 0;
		if (!(g->work[t] >= 0 && isfinite(g->work[t]) && rel >= 0 && isfinite(rel))) {
			char q[64];
			pel_imp_fail(err, errlen, "%s: cannot write task %s: work %g, release %g: expected numbers >= 0",
				     path, pel_imp_quote(q, sizeof q, name[t], strlen(name[t])), g->work[t], rel);
			return -1;
		}
	}
	for (uint32_t e = 0; e < g->nedges; e++) {
		double comm = g->comm ? g->comm[e] : NAN;
		if (!(g->bytes[e] >= 0 && isfinite(g->bytes[e])) || (!isnan(comm) && !(comm >= 0 && isfinite(comm)))) {
			pel_imp_fail(err, errlen, "%s: cannot write edge %u: bytes %g, comm %g: expected numbers >= 0",
				     path, e, g->bytes[e], comm);
			return -1;
		}
	}
	for (size_t c = 0; c < g->ncosts; c++)
		if (!(g->costs[c].time >= 0 && isfinite(g->costs[c].time))) {
			pel_imp_fail(err, errlen, "%s: cannot write explicit time %zu (%g s): expected a number >= 0",
				     path, c, g->costs[c].time);
			return -1;
		}
	for (size_t c = 0; c < g->ncosts; c++)
		if (check_text(g->costs[c].key, 0, "device key", path, err, errlen))
			return -1;
	return 0;
}

/* Task t's node line: size, kind unless "task", its explicit times
 * (costs cost_of[from, to)), release unless 0. */
static void put_node(FILE *f, const pel_dag *g, const char *name, uint32_t t, const size_t *cost_of, size_t from,
		     size_t to)
{
	putc('\t', f);
	put_quoted(f, name);
	fputs(" [size=", f);
	put_number(f, g->work[t]);
	const char *kind = g->kind_names[g->kind[t]];
	if (strcmp(kind, "task")) {
		fputs(", kind=", f);
		put_quoted(f, kind);
	}
	for (size_t i = from; i < to; i++) {
		const pel_cost *c = &g->costs[cost_of[i]];
		fputs(", \"time_", f);
		for (const char *s = c->key; *s; s++) {
			if (*s == '"')
				putc('\\', f);
			putc(*s, f);
		}
		fputs("\"=", f);
		put_number(f, c->time);
	}
	if (g->release && g->release[t] != 0) {
		fputs(", release=", f);
		put_number(f, g->release[t]);
	}
	fputs("];\n", f);
}

/* Every node line, each task's explicit times grouped (the costs in
 * order, by task). */
static void put_nodes(FILE *f, const pel_dag *g, const char **name)
{
	uint32_t n = g->ntasks;
	size_t *cost_off = pel_xcalloc((size_t)n + 1, sizeof *cost_off);
	size_t *cost_of = pel_xmalloc((g->ncosts + 1) * sizeof *cost_of);
	for (size_t c = 0; c < g->ncosts; c++)
		cost_off[g->costs[c].task + 1]++;
	for (uint32_t t = 0; t < n; t++)
		cost_off[t + 1] += cost_off[t];
	for (size_t c = 0; c < g->ncosts; c++)
		cost_of[cost_off[g->costs[c].task]++] = c;
	for (uint32_t t = n; t > 0; t--)
		cost_off[t] = cost_off[t - 1];
	cost_off[0] = 0;
	for (uint32_t t = 0; t < n; t++)
		put_node(f, g, name[t], t, cost_of, cost_off[t], cost_off[t + 1]);
	free(cost_off);
	free(cost_of);
}

/* Every edge line: size in bytes, comm when explicit. */
static void put_edges(FILE *f, const pel_dag *g, const char **name)
{
	for (uint32_t e = 0; e < g->nedges; e++) {
		putc('\t', f);
		put_quoted(f, name[g->src[e]]);
		fputs(" -> ", f);
		put_quoted(f, name[g->dst[e]]);
		fputs(" [size=", f);
		put_number(f, g->bytes[e]);
		if (pel_dag_has_comm(g, e)) {
			fputs(", comm=", f);
			put_number(f, g->comm[e]);
		}
		fputs("];\n", f);
	}
}

int pel_export_dot(const pel_dag *g, const char *path, char *err, size_t errlen)
{
	char *implicit;
	const char **name = task_names(g, &implicit);
	/* names must be unique and writable; so must kinds and cost keys */
	int rc = -1;
	pel_outfile out;
	if (check_names(g, name, path, err, errlen) || check_numbers(g, name, path, err, errlen))
		goto out;
	if (pel_out_open(&out, path, err, errlen))
		goto out;
	FILE *f = out.f;
	char *iobuf = pel_xmalloc(1 << 16);
	setvbuf(f, iobuf, _IOFBF, 1 << 16);
	fprintf(f, "digraph pelsim {\n");
	put_nodes(f, g, name);
	put_edges(f, g, name);
	fputs("}\n", f);
	int failed = pel_out_commit(&out, err, errlen);
	free(iobuf);
	rc = failed ? -2 : 0;
out:
	free(implicit);
	free(name);
	return rc;
}
