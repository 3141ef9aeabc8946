/* scenario_platform.c - the scenario's platform: memory nodes, devices
 * (groups of instances, efficiencies, private or shared memory) and the
 * links between nodes, finished with its routes. */
#include "scenario_read.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const platform_keys[] = { "network", "nodes", "devices", "links", NULL };
static const char *const node_keys[] = { "name", "capacity", NULL };
static const char *const device_keys[] = { "name", "class", "count", "speed", "slots", "node",
					   "memory", "launch", "reconfig", "efficiency", NULL };
static const char *const link_keys[] = { "between", "bandwidth", "latency", NULL };

/* Routes are kept for every ordered pair of memory nodes. */
#define MAX_NODES 4096

/* Refuses a platform of more than MAX_NODES memory nodes, at at. */
static void too_many_nodes(loader *L, yref at, const char *field)
{
	pel_sc_fail_at(L, at, field, "expected at most %d memory nodes in all (a device without 'node' has its own), found more",
		MAX_NODES);
}

/* The memory nodes declared under platform.nodes (the list at list). */
static void read_nodes(loader *L, pel_platform *p, yref list)
{
	for (size_t i = 0; i < seq_len(L, list) && !L->failed; i++) {
		yref n = seq_item(L, list, i);
		char f[64];
		snprintf(f, sizeof f, "platform.nodes.%zu", i);
		if (pel_sc_check_map(L, n, f, node_keys))
			return;
		yref nm = pel_sc_need(L, n, "name", f);
		char fn[80];
		snprintf(fn, sizeof fn, "%s.name", f);
		const char *name = pel_sc_text(L, nm, fn);
		double cap = pel_sc_opt_number(L, n, "capacity", f, 0, 0, 0, INFINITY);
		if (L->failed)
			return;
		if (pel_platform_find_node(p, name) != UINT32_MAX) {
			pel_sc_fail_at(L, nm, fn, "memory node '%s' declared twice", name);
			return;
		}
		if (p->nnodes >= MAX_NODES) {
			too_many_nodes(L, nm, fn);
			return;
		}
		uint32_t id = pel_platform_node(p, name);
		p->nodes[id].capacity = cap;
	}
}

/* A device's efficiency per task kind (the mapping at map) into d. */
static void read_efficiency(loader *L, yref map, const char *field, pel_device *d)
{
	if (!is_type(L, map, YAML_MAPPING_NODE)) {
		pel_sc_expected(L, map, field, "a mapping of task kind to a fraction of the speed");
		return;
	}
	if (pel_sc_unique_keys(L, map, field))
		return;
	yaml_node_t *y = Y(L, map);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	d->eff = pel_xcalloc(n, sizeof *d->eff);
	for (size_t i = 0; i < n && !L->failed; i++) {
		yaml_node_pair_t *p = &Y(L, map)->data.mapping.pairs.start[i];
		const char *k = pel_sc_text(L, (yref){ map.doc, p->key }, field);
		if (!k)
			return;
		char f[256];
		snprintf(f, sizeof f, "%s.%s", field, k);
		double v = pel_sc_number(L, (yref){ map.doc, p->value }, f, 0, 1, INFINITY);
		d->eff[d->neff].kind = (char *)k; /* borrowed until copied by add_device */
		d->eff[d->neff++].value = v;
	}
}

/* Checks what device entry n (field f, of class class_name, on node
 * when given) may not combine, and finds its shared node in *shared:
 * 0, or -1 with the error recorded. */
static int check_device(loader *L, const pel_platform *p, yref n, const char *f, const char *class_name,
			const char *node, uint32_t *shared)
{
	if (present(pel_sc_get(L, n, "reconfig")) && pel_class_of(class_name) != PEL_CLASS_FPGA) {
		char fr[96];
		snprintf(fr, sizeof fr, "%s.reconfig", f);
		pel_sc_fail_at(L, pel_sc_get(L, n, "reconfig"), fr, "expected a device of class fpga, found class '%s'",
			class_name);
		return -1;
	}
	if (node && present(pel_sc_get(L, n, "memory"))) {
		char fm[96];
		snprintf(fm, sizeof fm, "%s.memory", f);
		pel_sc_fail_at(L, pel_sc_get(L, n, "memory"), fm, "expected either node (a shared memory node) or memory (a private one), found both");
		return -1;
	}
	*shared = UINT32_MAX;
	if (node) {
		*shared = pel_platform_find_node(p, node);
		if (*shared == UINT32_MAX) {
			char fo[96];
			snprintf(fo, sizeof fo, "%s.node", f);
			pel_sc_expected(L, pel_sc_get(L, n, "node"), fo, "a memory node declared under platform.nodes");
			return -1;
		}
	}
	return 0;
}

/* Gives instance inst of device entry n (field f, its name at nm, field
 * fn) a private memory node of its name: 0, or -1 with the error recorded. */
static int private_node(loader *L, pel_platform *p, yref n, const char *f, yref nm, const char *fn,
			const char *inst, double memory, pel_device *d)
{
	if (pel_platform_find_node(p, inst) != UINT32_MAX) {
		pel_sc_fail_at(L, nm, fn, "expected a name that no memory node has (a device without 'node' gets a private node of its name), found '%s'",
			inst);
		return -1;
	}
	if (p->nnodes >= MAX_NODES) {
		char fc[96];
		snprintf(fc, sizeof fc, "%s.count", f);
		if (present(pel_sc_get(L, n, "count")))
			too_many_nodes(L, pel_sc_get(L, n, "count"), fc);
		else
			too_many_nodes(L, nm, fn);
		return -1;
	}
	d->node = pel_platform_node(p, inst);
	p->nodes[d->node].capacity = memory;
	return 0;
}

/* Device entry i of platform.devices (at n): its count instances. */
static void read_device(loader *L, pel_platform *p, yref n, size_t i)
{
	char f[64], fn[80];
	snprintf(f, sizeof f, "platform.devices.%zu", i);
	if (pel_sc_check_map(L, n, f, device_keys))
		return;
	yref nm = pel_sc_need(L, n, "name", f);
	snprintf(fn, sizeof fn, "%s.name", f);
	const char *name = pel_sc_text(L, nm, fn);
	pel_device d = { 0 };
	d.group = (char *)name;
	d.class_name = (char *)pel_sc_opt_text(L, n, "class", f, "cpu");
	uint64_t count = pel_sc_opt_integer(L, n, "count", f, 1, 1, 65536);
	d.speed = pel_sc_opt_number(L, n, "speed", f, 1, 0, 1, INFINITY);
	d.slots = (uint32_t)pel_sc_opt_integer(L, n, "slots", f, 1, 1, 4096);
	d.launch = pel_sc_opt_number(L, n, "launch", f, 0, 0, 0, INFINITY);
	d.reconfig = pel_sc_opt_number(L, n, "reconfig", f, 0, 0, 0, INFINITY);
	double memory = pel_sc_opt_number(L, n, "memory", f, 0, 0, 0, INFINITY);
	const char *node = pel_sc_opt_text(L, n, "node", f, NULL);
	yref eff = pel_sc_get(L, n, "efficiency");
	if (present(eff)) {
		char fe[96];
		snprintf(fe, sizeof fe, "%s.efficiency", f);
		read_efficiency(L, eff, fe, &d);
	}
	uint32_t shared = UINT32_MAX;
	if (L->failed || check_device(L, p, n, f, d.class_name, node, &shared))
		goto out;
	for (uint64_t k = 0; k < count; k++) {
		char inst[256];
		if (count > 1)
			snprintf(inst, sizeof inst, "%s%llu", name, (unsigned long long)k);
		else
			snprintf(inst, sizeof inst, "%s", name);
		if (pel_platform_find_device(p, inst) != PEL_NO_DEVICE) {
			pel_sc_fail_at(L, nm, fn, "device name '%s' used twice", inst);
			goto out;
		}
		if (node)
			d.node = shared;
		else if (private_node(L, p, n, f, nm, fn, inst, memory, &d))
			goto out;
		d.name = inst;
		pel_platform_add_device(p, &d);
	}
out:
	free(d.eff);
}

/* Adds to nodes[] the memory nodes an endpoint name stands for: a node, a
 * device instance, or every instance of a device group. */
static uint32_t endpoint_nodes(const pel_platform *p, const char *name, uint32_t *nodes)
{
	uint32_t n = 0, i = pel_platform_find_node(p, name);
	if (i != UINT32_MAX) {
		nodes[n++] = i;
		return n;
	}
	for (uint32_t d = 0; d < p->ndevices; d++) {
		if (strcmp(p->devices[d].name, name) && strcmp(p->devices[d].group, name))
			continue;
		uint32_t nd = p->devices[d].node, dup = 0;
		for (uint32_t k = 0; k < n; k++)
			dup |= nodes[k] == nd;
		if (!dup)
			nodes[n++] = nd;
	}
	return n;
}

/* Link i of platform.links (at n): one link per pair of the nodes its ends stand for. */
static void read_link(loader *L, pel_platform *p, yref n, size_t i)
{
	char f[64], fb[96];
	snprintf(f, sizeof f, "platform.links.%zu", i);
	if (pel_sc_check_map(L, n, f, link_keys))
		return;
	yref bt = pel_sc_need(L, n, "between", f);
	snprintf(fb, sizeof fb, "%s.between", f);
	if (L->failed)
		return;
	if (!is_type(L, bt, YAML_SEQUENCE_NODE) || seq_len(L, bt) != 2) {
		pel_sc_expected(L, bt, fb, "a list of two names [a, b] (memory nodes or devices)");
		return;
	}
	yref bwn = pel_sc_need(L, n, "bandwidth", f);
	char fbw[96];
	snprintf(fbw, sizeof fbw, "%s.bandwidth", f);
	double bw = L->failed ? 0 : pel_sc_number(L, bwn, fbw, 0, 1, INFINITY);
	double lat = pel_sc_opt_number(L, n, "latency", f, 0, 0, 0, INFINITY);
	uint32_t *a = pel_xcalloc(p->nnodes, sizeof *a), *b = pel_xcalloc(p->nnodes, sizeof *b);
	uint32_t na = 0, nb = 0;
	for (int side = 0; side < 2 && !L->failed; side++) {
		yref e = seq_item(L, bt, (size_t)side);
		const char *name = pel_sc_text(L, e, fb);
		if (!name)
			break;
		uint32_t k = endpoint_nodes(p, name, side ? b : a);
		if (!k)
			pel_sc_expected(L, e, fb, "the name of a memory node, a device or a device group");
		if (side)
			nb = k;
		else
			na = k;
	}
	if (!L->failed && na == 1 && nb == 1 && a[0] == b[0])
		pel_sc_fail_at(L, bt, fb, "expected two different memory nodes, found '%s' and '%s', both on node '%s'",
			(const char *)Y(L, seq_item(L, bt, 0))->data.scalar.value,
			(const char *)Y(L, seq_item(L, bt, 1))->data.scalar.value, p->nodes[a[0]].name);
	for (uint32_t x = 0; x < na && !L->failed; x++)
		for (uint32_t y = 0; y < nb; y++)
			if (a[x] != b[y])
				pel_platform_add_link(p, a[x], b[y], bw, lat);
	free(a);
	free(b);
}

pel_platform *pel_sc_read_platform(loader *L, yref r)
{
	const char *f = "platform";
	r = pel_sc_follow(L, r);
	if (pel_sc_check_map(L, r, f, platform_keys))
		return NULL;
	pel_platform *p = pel_platform_new();
	const char *net = pel_sc_opt_text(L, r, "network", f, "ideal");
	if (net && !strcmp(net, "shared"))
		p->net = PEL_NET_SHARED;
	else if (net && strcmp(net, "ideal"))
		pel_sc_expected(L, pel_sc_get(L, r, "network"), "platform.network", "one of: ideal, shared");
	yref nodes = pel_sc_get(L, r, "nodes");
	if (present(nodes)) {
		if (!is_type(L, nodes, YAML_SEQUENCE_NODE))
			pel_sc_expected(L, nodes, "platform.nodes", "a list");
		else
			read_nodes(L, p, nodes);
	}
	yref devs = pel_sc_need_list(L, r, "devices", f, 1);
	for (size_t i = 0; !L->failed && i < seq_len(L, devs); i++)
		read_device(L, p, seq_item(L, devs, i), i);
	yref links = pel_sc_get(L, r, "links");
	if (present(links) && !L->failed) {
		if (!is_type(L, links, YAML_SEQUENCE_NODE))
			pel_sc_expected(L, links, "platform.links", "a list");
		for (size_t i = 0; !L->failed && i < seq_len(L, links); i++)
			read_link(L, p, seq_item(L, links, i), i);
	}
	if (L->failed) {
		pel_platform_free(p);
		return NULL;
	}
	pel_platform_finish(p);
	return p;
}

