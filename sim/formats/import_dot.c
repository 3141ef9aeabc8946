/* import_dot.c - DOT digraphs in SimGrid's convention, through cgraph.
 *
 * Node attributes: size (flop, default 0), kind (default "task"),
 * time_<key> (explicit time in seconds on the devices matching <key>),
 * release (seconds).  Edge attributes: size (bytes, default 0), comm
 * (explicit communication time in seconds).  Anything else is ignored.
 * Tasks come in cgraph's node order (the order of first appearance in
 * the file), edges in the order they appear. */
#define _GNU_SOURCE /* fmemopen */
#include "fileio.h"
#include "import.h"

#include "cgraph_heap.h"

#include "../../common/alloc.h"

#include <cgraph.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cgraph reports errors through a callback without a context: the text
 * of the first error of one read is collected here. */
static char cg_msg[1024];
static size_t cg_len;

/* cgraph's error callback: appends s to cg_msg (cut at its size). */
static int collect(char *s)
{
	size_t n = strlen(s);
	if (cg_len + n >= sizeof cg_msg)
		n = sizeof cg_msg - 1 - cg_len;
	memcpy(cg_msg + cg_len, s, n);
	cg_len += n;
	cg_msg[cg_len] = 0;
	return 0;
}

/* Lines of the text (a last line without '\n' counts). */
static size_t count_lines(const char *text, size_t len)
{
	size_t lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))); p++)
		lines++;
	return lines + (len && text[len - 1] != '\n');
}

/* Turns cgraph's "[file: ]syntax error in line N near 'x'" (or any other
 * message) into "path:N: DOT syntax error near 'x'", one line. */
static void *syntax_error(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	char *m = cg_msg;
	if (!strncmp(m, "Error: ", 7))
		m += 7;
	char *nl = strchr(m, '\n');
	if (nl)
		*nl = 0;
	char *se = strstr(m, "syntax error");
	char *at = strstr(m, " in line ");
	if (!se || !at || at < se) {
		if (!*m)
			m = "unreadable input";
		return pel_imp_fail(err, errlen, "%s: %s", path, m);
	}
	char *rest;
	unsigned long line = strtoul(at + 9, &rest, 10);
	*at = 0;
	while (*rest == ' ')
		rest++;
	if (!*rest) {
		/* nothing follows: the parser met the end of the input */
		size_t lines = count_lines(text, len);
		if (line > lines)
			line = lines ? lines : 1;
		return pel_imp_fail(err, errlen, "%s:%lu: DOT %s: expected more, found the end of the file",
				    path, line, se);
	}
	return pel_imp_fail(err, errlen, "%s:%lu: DOT %s %s", path, line, se, rest);
}

/* A node attribute time_KEY: an explicit time on device KEY. */
typedef struct {
	Agsym_t *sym;
	const char *key;
} cost_attr;

/* qsort order of cost attributes: their order of declaration. */
static int by_id(const void *a, const void *b)
{
	int x = ((const cost_attr *)a)->sym->id, y = ((const cost_attr *)b)->sym->id;
	return (x > y) - (x < y);
}

/* An edge and its sequence number (its order of appearance). */
typedef struct {
	Agedge_t *e;
	uint64_t seq;
} edge_ref;

/* qsort order of edges: their order of appearance. */
static int by_seq(const void *a, const void *b)
{
	uint64_t x = ((const edge_ref *)a)->seq, y = ((const edge_ref *)b)->seq;
	return (x > y) - (x < y);
}

/* The text being read, for the places of attribute values (cgraph keeps
 * none; like cg_msg, one import at a time: cgraph is not reentrant). */
static const char *dot_text;
static size_t dot_len;

/* Whether c may be part of a DOT identifier. */
static int id_char(char c)
{
	return c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* Offset of the first "name = value" (value plain or quoted) in the
 * text, or SIZE_MAX when none is written that way. */
static size_t value_offset(const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	for (const char *p = dot_text, *end = dot_text + dot_len;
	     (p = memmem(p, (size_t)(end - p), name, nl)) != NULL; p += nl) {
		if (p > dot_text && id_char(p[-1]))
			continue;
		const char *q = p + nl;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
			q++;
		if (q == end || *q++ != '=')
			continue;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
			q++;
		int quoted = q < end && *q == '"';
		const char *v = q + quoted;
		if ((size_t)(end - v) < vl || memcmp(v, value, vl))
			continue;
		const char *after = v + vl;
		if (quoted ? after < end && *after == '"' : after == end || !id_char(*after))
			return (size_t)(v - dot_text);
	}
	return SIZE_MAX;
}

/* Value of attribute sym of obj as a number >= 0, def when absent or
 * empty.  -1 with a message naming what (the node or edge), and the line
 * and column of the value where the text shows it. */
static int attr_number(void *obj, Agsym_t *sym, double def, double *out, const char *path,
		       const char *what, const char *unit, char *err, size_t errlen)
{
	*out = def;
	if (!sym)
		return 0;
	const char *v = agxget(obj, sym);
	if (!v || !*v)
		return 0;
	if (!pel_imp_number(v, strlen(v), out))
		return 0;
	char q[64], at[48] = "";
	size_t off = dot_text ? value_offset(sym->name, v) : SIZE_MAX;
	if (off != SIZE_MAX) {
		size_t line, col;
		pel_text_position(dot_text, dot_len, off, &line, &col);
		snprintf(at, sizeof at, ":%zu:%zu", line, col);
	}
	pel_imp_fail(err, errlen, "%s%s: %s: %s: expected a number >= 0 (%s), found %s", path, at, what,
		     sym->name, unit, pel_imp_quote(q, sizeof q, v, strlen(v)));
	return -1;
}

/* "node 'NAME'" into buf, for messages; returns buf. */
static const char *node_what(Agnode_t *n, char *buf, size_t len)
{
	char q[64];
	const char *name = agnameof(n);
	snprintf(buf, len, "node %s", pel_imp_quote(q, sizeof q, name, strlen(name)));
	return buf;
}

/* The node attributes time_KEY declared in G, in order of declaration
 * (free the array). */
static cost_attr *cost_attrs(Agraph_t *G, size_t *ncost)
{
	cost_attr *costs = NULL;
	*ncost = 0;
	for (Agsym_t *s = agnxtattr(G, AGNODE, NULL); s; s = agnxtattr(G, AGNODE, s))
		if (!strncmp(s->name, "time_", 5) && s->name[5]) {
			costs = pel_xreallocarray(costs, *ncost + 1, sizeof *costs);
			costs[(*ncost)++] = (cost_attr){ s, s->name + 5 };
		}
	if (*ncost)
		qsort(costs, *ncost, sizeof *costs, by_id); /* order of declaration */
	return costs;
}

/* The node attributes a task is read from, looked up once per graph. */
typedef struct {
	Agsym_t *size, *kind, *release;
	cost_attr *costs;
	size_t ncost;
} node_attrs;

/* Node n as a task of g: size (work), kind, release, explicit times;
 * task_of maps its sequence number to the task.  Returns 0 or -1 (err). */
static int add_node(Agnode_t *n, const node_attrs *at, pel_dag *g, pel_imp_map *kinds, uint32_t *task_of,
		    const char *path, char *err, size_t errlen)
{
	char what[160];
	double work, rel;
	node_what(n, what, sizeof what);
	if (attr_number(n, at->size, 0, &work, path, what, "flop", err, errlen) ||
	    attr_number(n, at->release, 0, &rel, path, what, "seconds", err, errlen))
		return -1;
	const char *k = at->kind ? agxget(n, at->kind) : NULL;
	if (!k || !*k)
		k = "task";
	uint16_t kind;
	if (pel_imp_kind(kinds, g, k, strlen(k), &kind, path, err, errlen))
		return -1;
	pel_task_id t = pel_dag_add_task(g, agnameof(n), kind, work);
	task_of[AGSEQ(n)] = t;
	if (rel > 0)
		pel_dag_set_release(g, t, rel);
	for (size_t c = 0; c < at->ncost; c++) {
		const char *v = agxget(n, at->costs[c].sym);
		double time;
		if (!v || !*v)
			continue;
		if (attr_number(n, at->costs[c].sym, 0, &time, path, what, "seconds", err, errlen))
			return -1;
		pel_dag_add_cost(g, t, at->costs[c].key, time);
	}
	return 0;
}

/* G's edges in order of appearance, *ne of them (free the array). */
static edge_ref *edges_in_order(Agraph_t *G, size_t *ne)
{
	edge_ref *edges = NULL;
	size_t cap = 0;
	*ne = 0;
	for (Agnode_t *n = agfstnode(G); n; n = agnxtnode(G, n))
		for (Agedge_t *e = agfstout(G, n); e; e = agnxtout(G, e)) {
			if (*ne == cap) {
				cap = cap ? 2 * cap : 1024;
				edges = pel_xreallocarray(edges, cap, sizeof *edges);
			}
			edges[(*ne)++] = (edge_ref){ e, AGSEQ(e) };
		}
	if (*ne)
		qsort(edges, *ne, sizeof *edges, by_seq); /* order of appearance */
	return edges;
}

/* G's edges as edges of g: size (bytes), comm.  Returns 0 or -1 (err). */
static int add_edges(Agraph_t *G, pel_dag *g, const uint32_t *task_of, const char *path, char *err,
		     size_t errlen)
{
	Agsym_t *esize = agattr(G, AGEDGE, "size", NULL);
	Agsym_t *ecomm = agattr(G, AGEDGE, "comm", NULL);
	size_t ne;
	edge_ref *edges = edges_in_order(G, &ne);
	char what[160] = "";
	int rc = 0;
	for (size_t i = 0; i < ne && !rc; i++) {
		Agedge_t *e = edges[i].e;
		double bytes, comm;
		if ((esize && *agxget(e, esize)) || (ecomm && *agxget(e, ecomm))) {
			char q1[64], q2[64];
			const char *a = agnameof(agtail(e)), *b = agnameof(aghead(e));
			snprintf(what, sizeof what, "edge %s -> %s", pel_imp_quote(q1, sizeof q1, a, strlen(a)),
				 pel_imp_quote(q2, sizeof q2, b, strlen(b)));
		}
		rc = attr_number(e, esize, 0, &bytes, path, what, "bytes", err, errlen) ||
		     attr_number(e, ecomm, NAN, &comm, path, what, "seconds", err, errlen);
		if (!rc)
			pel_dag_add_edge(g, task_of[AGSEQ(agtail(e))], task_of[AGSEQ(aghead(e))], bytes, comm);
	}
	free(edges);
	return rc ? -1 : 0;
}

/* The DAG of graph G: a task per node, an edge per edge, both in order. */
static pel_dag *convert(Agraph_t *G, const char *path, char *err, size_t errlen)
{
	pel_dag *g = pel_dag_new();
	pel_imp_map kinds;
	pel_imp_map_init(&kinds, 16);
	node_attrs at = {
		agattr(G, AGNODE, "size", NULL),
		agattr(G, AGNODE, "kind", NULL),
		agattr(G, AGNODE, "release", NULL),
		NULL,
		0,
	};
	at.costs = cost_attrs(G, &at.ncost);
	uint64_t maxseq = 0;
	for (Agnode_t *n = agfstnode(G); n; n = agnxtnode(G, n))
		if (AGSEQ(n) > maxseq)
			maxseq = AGSEQ(n);
	uint32_t *task_of = pel_xmalloc(((size_t)maxseq + 1) * sizeof *task_of);
	pel_dag_reserve(g, (size_t)agnnodes(G), (size_t)agnedges(G));
	int rc = 0;
	for (Agnode_t *n = agfstnode(G); n && !rc; n = agnxtnode(G, n))
		rc = add_node(n, &at, g, &kinds, task_of, path, err, errlen);
	if (!rc)
		rc = add_edges(G, g, task_of, path, err, errlen);
	free(task_of);
	free(at.costs);
	pel_imp_map_free(&kinds);
	if (rc) {
		pel_dag_free(g);
		return NULL;
	}
	return pel_imp_finish(g, path, err, errlen);
}

/* Whether the text holds at most one '{': no subgraph, no second graph
 * (a subgraph, named or not, needs braces). */
static int one_brace(const char *text, size_t len)
{
	const char *first = memchr(text, '{', len);
	return !first || !memchr(first + 1, '{', (size_t)(text + len - first - 1));
}

/* Blanks (with spaces, keeping every newline) each line that starts with
 * '#' outside a string or comment.  DOT discards such lines, as C
 * preprocessor output; cgraph also reads "# N" on them as a line directive,
 * which would make the line numbers of its messages wrong. */
static void blank_hash_lines(char *text, size_t len)
{
	enum { CODE, QUOTED, HTML, BLOCK, LINE } st = CODE;
	int depth = 0, at_start = 1;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (st == CODE && at_start && c == '#') {
			while (i < len && text[i] != '\n')
				text[i++] = ' ';
			continue; /* text[i] is the newline: at_start stays set */
		}
		at_start = c == '\n';
		if (st == CODE) {
			if (c == '"')
				st = QUOTED;
			else if (c == '<')
				st = HTML, depth = 1;
			else if (c == '/' && i + 1 < len && text[i + 1] == '*')
				st = BLOCK, i++;
			else if (c == '/' && i + 1 < len && text[i + 1] == '/')
				st = LINE, i++;
		} else if (st == QUOTED) {
			if (c == '\\' && i + 1 < len && text[i + 1] != '\n')
				i++;
			else if (c == '"')
				st = CODE;
		} else if (st == HTML) {
			depth += c == '<';
			if (c == '>' && --depth == 0)
				st = CODE;
		} else if (st == BLOCK) {
			if (c == '*' && i + 1 < len && text[i + 1] == '/')
				st = CODE, i++;
		} else if (c == '\n') {
			st = CODE;
		}
	}
}

pel_dag *pel_import_dot(const char *path, char *text, size_t len, char *err, size_t errlen)
{
	/* text has no NUL byte (pel_imp_slurp): cgraph sees the whole file */
	if (!len) {
		free(text);
		return pel_imp_fail(err, errlen, "%s:1: expected a DOT digraph, found no graph", path);
	}
	blank_hash_lines(text, len);
	FILE *f = fmemopen(text, len, "r");
	if (!f) {
		free(text);
		return pel_imp_fail(err, errlen, "%s: cannot read: %s", path, strerror(errno));
	}
	agusererrf old_f = agseterrf(collect);
	agerrlevel_t old_level = agseterr(AGERR); /* warnings are not reported */
	cg_len = 0;
	cg_msg[0] = 0;
	agreseterrors();
	agreadline(1);
	/* a graph without subgraphs goes in one heap that agclose frees at
	 * once (the fast path); others take cgraph's default discipline */
	Agdisc_t disc = AgDefaultDisc;
	if (one_brace(text, len))
		pel_cgraph_heap_disc(&disc);
	Agraph_t *G = agread(f, &disc);
	pel_dag *g = NULL;
	if (!G && !agerrors()) {
		pel_imp_fail(err, errlen, "%s:1: expected a DOT digraph, found no graph", path);
	} else if (!G || agerrors()) {
		syntax_error(path, text, len, err, errlen);
	} else {
		/* read on to the end: a second graph or trailing text is an
		 * error, and cgraph's scanner must not keep unread text for the
		 * next file */
		Agraph_t *H = agread(f, &disc);
		if (agerrors()) {
			syntax_error(path, text, len, err, errlen);
		} else if (H) {
			char q[64];
			const char *name = agnameof(H);
			pel_imp_fail(err, errlen, "%s: expected one graph, found a second (%s)", path,
				     pel_imp_quote(q, sizeof q, name, strlen(name)));
		} else if (!agisdirected(G)) {
			pel_imp_fail(err, errlen, "%s: expected a digraph, found an undirected graph", path);
		} else {
			dot_text = text;
			dot_len = len;
			g = convert(G, path, err, errlen);
			dot_text = NULL;
		}
		while (H) {
			agclose(H);
			H = agread(f, &disc);
		}
	}
	if (G)
		agclose(G);
	agseterr(old_level);
	agseterrf(old_f);
	fclose(f);
	free(text);
	return g;
}
