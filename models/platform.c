#include "platform.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

pel_platform *pel_platform_new(void)
{
	pel_platform *p = pel_xcalloc(1, sizeof *p);
	p->net = PEL_NET_IDEAL;
	return p;
}

void pel_platform_free(pel_platform *p)
{
	if (!p)
		return;
	for (uint32_t i = 0; i < p->ndevices; i++) {
		pel_device *d = &p->devices[i];
		free(d->name);
		free(d->group);
		free(d->class_name);
		for (uint32_t k = 0; k < d->neff; k++)
			free(d->eff[k].kind);
		free(d->eff);
	}
	for (uint32_t i = 0; i < p->nnodes; i++)
		free(p->nodes[i].name);
	free(p->devices);
	free(p->nodes);
	free(p->links);
	free(p->route_latency);
	free(p->route_bandwidth);
	free(p->route_hops);
	free(p->route_last);
	free(p->name_index);
	free(p);
}

pel_class_kind pel_class_of(const char *c)
{
	if (!strcmp(c, "cpu"))
		return PEL_CLASS_CPU;
	if (!strcmp(c, "gpu"))
		return PEL_CLASS_GPU;
	if (!strcmp(c, "fpga"))
		return PEL_CLASS_FPGA;
	return PEL_CLASS_OTHER;
}

uint32_t pel_platform_find_node(const pel_platform *p, const char *name)
{
	for (uint32_t i = 0; i < p->nnodes; i++)
		if (!strcmp(p->nodes[i].name, name))
			return i;
	return UINT32_MAX;
}

uint32_t pel_platform_node(pel_platform *p, const char *name)
{
	uint32_t i = pel_platform_find_node(p, name);
	if (i != UINT32_MAX)
		return i;
	p->nodes = pel_xreallocarray(p->nodes, p->nnodes + 1, sizeof *p->nodes);
	p->nodes[p->nnodes].name = pel_xstrdup(name);
	p->nodes[p->nnodes].capacity = 0;
	return p->nnodes++;
}

/* FNV-1a hash of a name. */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

/* The cell of name in the index: the one holding it, or the empty one
 * where it would go. */
static uint32_t name_cell(const pel_platform *p, const char *name)
{
	uint32_t mask = p->name_cap - 1, i = name_hash(name) & mask;
	while (p->name_index[i] && strcmp(p->devices[p->name_index[i] - 1].name, name))
		i = (i + 1) & mask;
	return i;
}

/* Makes room in the index for one more device (doubling, rehashing). */
static void name_index_grow(pel_platform *p)
{
	if (2 * ((size_t)p->ndevices + 1) <= p->name_cap)
		return;
	free(p->name_index);
	p->name_cap = p->name_cap ? 2 * p->name_cap : 64;
	p->name_index = pel_xcalloc(p->name_cap, sizeof *p->name_index);
	for (uint32_t d = 0; d < p->ndevices; d++) {
		uint32_t cell = name_cell(p, p->devices[d].name);
		if (!p->name_index[cell]) /* duplicates: the first stays */
			p->name_index[cell] = d + 1;
	}
}

pel_device_id pel_platform_add_device(pel_platform *p, const pel_device *src)
{
	if (p->ndevices == p->dev_cap) {
		p->dev_cap = p->dev_cap ? 2 * p->dev_cap : 16;
		p->devices = pel_xreallocarray(p->devices, p->dev_cap, sizeof *p->devices);
	}
	pel_device *d = &p->devices[p->ndevices];
	*d = *src;
	d->name = pel_xstrdup(src->name);
	d->group = pel_xstrdup(src->group ? src->group : src->name);
	d->class_name = pel_xstrdup(src->class_name ? src->class_name : "cpu");
	d->class_kind = pel_class_of(d->class_name);
	d->eff = NULL;
	if (src->neff) {
		d->eff = pel_xcalloc(src->neff, sizeof *d->eff);
		for (uint32_t k = 0; k < src->neff; k++) {
			d->eff[k].kind = pel_xstrdup(src->eff[k].kind);
			d->eff[k].value = src->eff[k].value;
		}
	}
	name_index_grow(p);
	uint32_t cell = name_cell(p, d->name);
	if (!p->name_index[cell]) /* the first of a name is the one found */
		p->name_index[cell] = p->ndevices + 1;
	return p->ndevices++;
}

void pel_platform_add_link(pel_platform *p, uint32_t a, uint32_t b,
			   double bandwidth, double latency)
{
	p->links = pel_xreallocarray(p->links, p->nlinks + 1, sizeof *p->links);
	p->links[p->nlinks++] = (pel_link){ a, b, bandwidth, latency };
}

pel_device_id pel_platform_find_device(const pel_platform *p, const char *name)
{
	if (!p->name_cap)
		return PEL_NO_DEVICE;
	uint32_t id = p->name_index[name_cell(p, name)];
	return id ? id - 1 : PEL_NO_DEVICE;
}

/* Breadth-first search from src over the links; for every node reached,
 * accumulate latency and bottleneck bandwidth along the first-found path. */
static void routes_from(pel_platform *p, uint32_t src, uint32_t *queue)
{
	uint32_t n = p->nnodes;
	double *lat = &p->route_latency[(size_t)src * n];
	double *bw = &p->route_bandwidth[(size_t)src * n];
	uint32_t *hops = &p->route_hops[(size_t)src * n];
	uint32_t *last = &p->route_last[(size_t)src * n];
	for (uint32_t i = 0; i < n; i++) {
		lat[i] = 0;
		bw[i] = 0;
		hops[i] = UINT32_MAX;
		last[i] = UINT32_MAX;
	}
	hops[src] = 0;
	bw[src] = INFINITY;
	uint32_t head = 0, tail = 0;
	queue[tail++] = src;
	while (head < tail) {
		uint32_t u = queue[head++];
		for (uint32_t l = 0; l < p->nlinks; l++) {
			const pel_link *k = &p->links[l];
			uint32_t v;
			if (k->a == u)
				v = k->b;
			else if (k->b == u)
				v = k->a;
			else
				continue;
			if (hops[v] != UINT32_MAX)
				continue;
			hops[v] = hops[u] + 1;
			last[v] = l;
			if (hops[v] > p->max_hops)
				p->max_hops = hops[v];
			lat[v] = lat[u] + k->latency;
			bw[v] = fmin(bw[u], k->bandwidth);
			queue[tail++] = v;
		}
	}
}

void pel_platform_finish(pel_platform *p)
{
	size_t n = p->nnodes;
	p->route_latency = pel_xcalloc(n * n, sizeof(double));
	p->route_bandwidth = pel_xcalloc(n * n, sizeof(double));
	p->route_hops = pel_xcalloc(n * n, sizeof(uint32_t));
	p->route_last = pel_xcalloc(n * n, sizeof(uint32_t));
	p->max_hops = 0;
	uint32_t *queue = pel_xcalloc(n, sizeof(uint32_t));
	for (uint32_t s = 0; s < n; s++)
		routes_from(p, s, queue);
	free(queue);
	p->total_slots = 0;
	for (uint32_t i = 0; i < p->ndevices; i++)
		p->total_slots += p->devices[i].slots;
}

uint32_t pel_platform_route(const pel_platform *p, uint32_t a, uint32_t b, uint32_t *links)
{
	size_t row = (size_t)a * p->nnodes;
	uint32_t h = p->route_hops[row + b];
	if (a == b || h == UINT32_MAX)
		return 0;
	/* walk a's BFS tree back from b: each step's link, from its far end */
	for (uint32_t k = h, v = b; k > 0; k--) {
		uint32_t l = p->route_last[row + v];
		links[k - 1] = l;
		v = p->links[l].a == v ? p->links[l].b : p->links[l].a;
	}
	return h;
}
