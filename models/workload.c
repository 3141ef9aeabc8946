#include "workload.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pel_dag *pel_dag_new(void)
{
	return pel_xcalloc(1, sizeof(pel_dag));
}

void pel_dag_free(pel_dag *g)
{
	if (!g)
		return;
	for (uint32_t k = 0; k < g->nkinds; k++)
		free(g->kind_names[k]);
	if (g->names)
		for (uint32_t t = 0; t < g->ntasks; t++)
			free(g->names[t]);
	for (size_t i = 0; i < g->ncosts; i++)
		free(g->costs[i].key);
	free(g->kind_names);
	free(g->kind);
	free(g->work);
	free(g->names);
	free(g->src);
	free(g->dst);
	free(g->bytes);
	free(g->comm);
	free(g->succ_off);
	free(g->succ);
	free(g->pred_off);
	free(g->pred);
	free(g->topo);
	free(g->release);
	free(g->costs);
	free(g);
}

uint16_t pel_dag_kind(pel_dag *g, const char *name)
{
	for (uint32_t k = 0; k < g->nkinds; k++)
		if (!strcmp(g->kind_names[k], name))
			return (uint16_t)k;
	if (g->nkinds >= UINT16_MAX) {
		fprintf(stderr, "%s: more than %u task kinds\n", pel_progname(), UINT16_MAX);
		exit(1);
	}
	g->kind_names = pel_xreallocarray(g->kind_names, g->nkinds + 1, sizeof(char *));
	g->kind_names[g->nkinds] = pel_xstrdup(name);
	return (uint16_t)g->nkinds++;
}

static void grow_tasks(pel_dag *g, size_t cap)
{
	if (cap <= g->cap_tasks)
		return;
	g->kind = pel_xreallocarray(g->kind, cap, sizeof *g->kind);
	g->work = pel_xreallocarray(g->work, cap, sizeof *g->work);
	if (g->release) {
		g->release = pel_xreallocarray(g->release, cap, sizeof *g->release);
		memset(g->release + g->cap_tasks, 0, (cap - g->cap_tasks) * sizeof *g->release);
	}
	if (g->names) {
		g->names = pel_xreallocarray(g->names, cap, sizeof *g->names);
		memset(g->names + g->cap_tasks, 0, (cap - g->cap_tasks) * sizeof *g->names);
	}
	g->cap_tasks = cap;
}

static void grow_edges(pel_dag *g, size_t cap)
{
	if (cap <= g->cap_edges)
		return;
	g->src = pel_xreallocarray(g->src, cap, sizeof *g->src);
	g->dst = pel_xreallocarray(g->dst, cap, sizeof *g->dst);
	g->bytes = pel_xreallocarray(g->bytes, cap, sizeof *g->bytes);
	if (g->comm)
		g->comm = pel_xreallocarray(g->comm, cap, sizeof *g->comm);
	g->cap_edges = cap;
}

void pel_dag_reserve(pel_dag *g, size_t ntasks, size_t nedges)
{
	grow_tasks(g, ntasks);
	grow_edges(g, nedges);
}

pel_task_id pel_dag_add_task(pel_dag *g, const char *name, uint16_t k, double work)
{
	if (g->ntasks == g->cap_tasks)
		grow_tasks(g, g->cap_tasks ? g->cap_tasks * 2 : 16);
	pel_task_id t = g->ntasks++;
	if (name && !g->names) {
		/* first named task: give every earlier task its implicit name */
		g->names = pel_xcalloc(g->cap_tasks, sizeof *g->names);
	}
	if (g->names)
		g->names[t] = pel_xstrdup(name);
	g->kind[t] = k;
	g->work[t] = work;
	return t;
}

uint32_t pel_dag_add_edge(pel_dag *g, pel_task_id src, pel_task_id dst,
			  double bytes, double comm)
{
	if (g->nedges == g->cap_edges)
		grow_edges(g, g->cap_edges ? g->cap_edges * 2 : 16);
	uint32_t e = g->nedges++;
	if (!isnan(comm) && !g->comm) {
		g->comm = pel_xreallocarray(NULL, g->cap_edges, sizeof *g->comm);
		for (uint32_t i = 0; i < e; i++)
			g->comm[i] = NAN;
	}
	g->src[e] = src;
	g->dst[e] = dst;
	g->bytes[e] = bytes;
	if (g->comm)
		g->comm[e] = comm;
	return e;
}

void pel_dag_set_release(pel_dag *g, pel_task_id t, double time)
{
	if (!g->release)
		g->release = pel_xcalloc(g->cap_tasks, sizeof *g->release);
	g->release[t] = time;
}

void pel_dag_add_cost(pel_dag *g, pel_task_id t, const char *key, double time)
{
	if (g->ncosts == g->cap_costs) {
		g->cap_costs = g->cap_costs ? g->cap_costs * 2 : 16;
		g->costs = pel_xreallocarray(g->costs, g->cap_costs, sizeof *g->costs);
	}
	g->costs[g->ncosts++] = (pel_cost){ t, pel_xstrdup(key), time };
}

/* Counting sort of edge ids by `by` into CSR (off has n+1 entries). */
static void build_csr(uint32_t n, uint32_t m, const uint32_t *by,
		      uint32_t **offp, uint32_t **listp)
{
	uint32_t *off = pel_xcalloc((size_t)n + 1, sizeof *off);
	uint32_t *list = pel_xmalloc((size_t)m * sizeof *list);
	for (uint32_t e = 0; e < m; e++)
		off[by[e] + 1]++;
	for (uint32_t t = 0; t < n; t++)
		off[t + 1] += off[t];
	/* fill using off[t] as a cursor, then shift back */
	for (uint32_t e = 0; e < m; e++)
		list[off[by[e]]++] = e;
	for (uint32_t t = n; t > 0; t--)
		off[t] = off[t - 1];
	off[0] = 0;
	*offp = off;
	*listp = list;
}

int pel_dag_finish(pel_dag *g, pel_task_id *cycle_task)
{
	uint32_t n = g->ntasks, m = g->nedges;
	build_csr(n, m, g->src, &g->succ_off, &g->succ);
	build_csr(n, m, g->dst, &g->pred_off, &g->pred);
	/* Kahn's algorithm; the order array doubles as the FIFO */
	uint32_t *left = pel_xmalloc((size_t)n * sizeof *left);
	g->topo = pel_xmalloc((size_t)n * sizeof *g->topo);
	uint32_t head = 0, tail = 0;
	for (uint32_t t = 0; t < n; t++) {
		left[t] = pel_dag_npred(g, t);
		if (!left[t])
			g->topo[tail++] = t;
	}
	while (head < tail) {
		uint32_t t = g->topo[head++];
		for (uint32_t i = g->succ_off[t]; i < g->succ_off[t + 1]; i++) {
			uint32_t s = g->dst[g->succ[i]];
			if (--left[s] == 0)
				g->topo[tail++] = s;
		}
	}
	int rc = 0;
	if (tail < n) {
		rc = -1;
		if (cycle_task) {
			/* walk back along unfinished predecessors until a task repeats:
			 * that task lies on a cycle */
			uint32_t t = 0;
			while (!left[t])
				t++;
			for (uint32_t step = 0; step < n; step++) {
				for (uint32_t i = g->pred_off[t]; i < g->pred_off[t + 1]; i++) {
					uint32_t p = g->src[g->pred[i]];
					if (left[p]) {
						t = p;
						break;
					}
				}
			}
			*cycle_task = t;
		}
	}
	free(left);
	return rc;
}

const char *pel_dag_task_name(const pel_dag *g, pel_task_id t, char *buf, size_t len)
{
	if (g->names && g->names[t])
		return g->names[t];
	snprintf(buf, len, "t%u", t);
	return buf;
}

pel_task_id pel_dag_find_task(const pel_dag *g, const char *name)
{
	char buf[32];
	for (uint32_t t = 0; t < g->ntasks; t++)
		if (!strcmp(pel_dag_task_name(g, t, buf, sizeof buf), name))
			return t;
	return PEL_NO_TASK;
}
