/* scenario.c - YAML scenario reader: the entry points (libyaml's document
 * API, which keeps a start mark on every node, so every message can name
 * file:line:column).  The scenario and its included files are loaded,
 * --set applied, then each section read in its own file (scenario_read.h
 * lists them); here the included files, the routes the workload needs,
 * the digest of the resolved tree and the scenario's freeing. */
#include "scenario.h"
#include "scenario_read.h"

#include "../../common/alloc.h"
#include "digest.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = { "name", "description", "seed", "policy",
					"platform", "workload", "sweep", NULL };

/* The model needs a route between the memory nodes of every two devices
 * once an edge's time comes from its bytes; say so here, where the
 * platform's links can be pointed at. */
static void check_routes(loader *L, yref top, const pel_platform *p, const pel_dag *g)
{
	uint32_t e = 0;
	while (e < g->nedges && pel_dag_has_comm(g, e))
		e++;
	if (e == g->nedges)
		return;
	/* one device per node that holds any: pairs of nodes, not of devices */
	uint32_t *on = pel_xmalloc(p->nnodes * sizeof *on), *dev = pel_xmalloc(p->nnodes * sizeof *dev);
	uint32_t n = 0;
	for (uint32_t k = 0; k < p->nnodes; k++)
		dev[k] = PEL_NO_DEVICE;
	for (uint32_t d = 0; d < p->ndevices; d++)
		if (dev[p->devices[d].node] == PEL_NO_DEVICE)
			dev[p->devices[d].node] = d;
	for (uint32_t k = 0; k < p->nnodes; k++)
		if (dev[k] != PEL_NO_DEVICE) {
			on[n] = k;
			dev[n++] = dev[k];
		}
	for (uint32_t i = 0; i < n && !L->failed; i++)
		for (uint32_t j = 0; j < n && !L->failed; j++) {
			uint32_t a = dev[i], b = dev[j], na = on[i], nb = on[j];
			if (p->route_hops[(size_t)na * p->nnodes + nb] != UINT32_MAX)
				continue;
			yref plat = pel_sc_follow(L, pel_sc_get(L, top, "platform"));
			yref links = pel_sc_get(L, plat, "links");
			yref wl = pel_sc_follow(L, pel_sc_get(L, top, "workload"));
			char why[128];
			if (present(pel_sc_get(L, wl, "generate")))
				snprintf(why, sizeof why, "the generated edges have no comm: their time comes from bytes and links");
			else
				snprintf(why, sizeof why, "workload.edges.%u has no comm: its time comes from bytes and links", e);
			pel_sc_fail_at(L, present(links) ? links : plat, "platform.links",
				"expected a route between the memory nodes of every two devices (%s), found none from '%s' (device %s) to '%s' (device %s)",
				why, p->nodes[na].name, p->devices[a].name, p->nodes[nb].name, p->devices[b].name);
		}
	free(on);
	free(dev);
}

/* Loads the file named by the scalar at key (platform or workload) into a
 * document of its own, relative to the scenario's folder.  A workload
 * file in a DAG format (DOT, WfFormat, STG, ETC) is not YAML: it is
 * imported by read_workload instead. */
static void load_include(loader *L, yref top, const char *key)
{
	yref v = pel_sc_get(L, top, key);
	if (!is_type(L, v, YAML_SCALAR_NODE))
		return;
	const char *name = pel_sc_text(L, v, key);
	if (!name)
		return;
	char path[4096];
	pel_sc_rel_path(L, name, path, sizeof path);
	if (!strcmp(key, "workload") && pel_format_detect(path) != PEL_FMT_AUTO)
		return;
	int d = pel_sc_load_doc(L, path, v, key);
	if (d >= 0)
		L->incs[L->nincs++] = (include){ v, d };
}

/* ---- the digest of the resolved tree ---- */

/* A pair of a mapping, sorted by its key's text (the original order
 * breaks ties; a key that is no scalar comes last). */
typedef struct {
	const char *key;
	size_t order;
	int k, v;
} sorted_pair;

/* qsort order of sorted_pair. */
static int cmp_pair(const void *a, const void *b)
{
	const sorted_pair *x = a, *y = b;
	if (!x->key != !y->key)
		return x->key ? -1 : 1;
	int c = x->key && y->key ? strcmp(x->key, y->key) : 0;
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Digest of the tree under the main document: each node in pre-order as
 * its type, its size and its text, mapping pairs sorted by key, included
 * files in place of their names, a node met again (an alias) as the
 * number it was first met under.  Walked with a stack of its own: the
 * keys the reader ignores may nest deeper than the C stack allows. */
static uint64_t tree_digest(loader *L)
{
	pel_digest d;
	pel_digest_init(&d);
	size_t *seen[MAX_DOCS] = { 0 }, met = 0;
	for (int i = 0; i < L->ndocs; i++)
		seen[i] = pel_xcalloc((size_t)(L->docs[i].nodes.top - L->docs[i].nodes.start) + 1, sizeof **seen);
	size_t cap = 64, n = 0;
	yref *stack = pel_xmalloc(cap * sizeof *stack);
	stack[n++] = root(0);
	sorted_pair *pairs = NULL;
	size_t pcap = 0;
	while (n) {
		yref r = pel_sc_follow(L, stack[--n]);
		yaml_node_t *y = Y(L, r);
		if (!y) {
			pel_digest_u64(&d, 'N');
			continue;
		}
		size_t *mark = &seen[r.doc][r.idx];
		if (*mark) {
			pel_digest_u64(&d, 'R');
			pel_digest_u64(&d, *mark);
			continue;
		}
		*mark = ++met;
		if (y->type == YAML_SCALAR_NODE) {
			pel_digest_u64(&d, 'S');
			pel_digest_u64(&d, y->data.scalar.length);
			pel_digest_bytes(&d, y->data.scalar.value, y->data.scalar.length);
			continue;
		}
		size_t k = y->type == YAML_SEQUENCE_NODE
				   ? (size_t)(y->data.sequence.items.top - y->data.sequence.items.start)
				   : (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
		pel_digest_u64(&d, y->type == YAML_SEQUENCE_NODE ? 'Q' : 'M');
		pel_digest_u64(&d, k);
		if (n + 2 * k > cap) {
			cap = 2 * (n + 2 * k);
			stack = pel_xreallocarray(stack, cap, sizeof *stack);
		}
		if (y->type == YAML_SEQUENCE_NODE) {
			for (size_t i = k; i-- > 0;)
				stack[n++] = (yref){ r.doc, y->data.sequence.items.start[i] };
			continue;
		}
		if (k > pcap) {
			pcap = k;
			pairs = pel_xreallocarray(pairs, pcap, sizeof *pairs);
		}
		for (size_t i = 0; i < k; i++) {
			yaml_node_pair_t *p = &y->data.mapping.pairs.start[i];
			yaml_node_t *key = yaml_document_get_node(&L->docs[r.doc], p->key);
			pairs[i] = (sorted_pair){ key && key->type == YAML_SCALAR_NODE ? (const char *)key->data.scalar.value
										 : NULL,
						  i, p->key, p->value };
		}
		qsort(pairs, k, sizeof *pairs, cmp_pair);
		for (size_t i = k; i-- > 0;) {
			stack[n++] = (yref){ r.doc, pairs[i].v };
			stack[n++] = (yref){ r.doc, pairs[i].k };
		}
	}
	free(pairs);
	free(stack);
	for (int i = 0; i < L->ndocs; i++)
		free(seen[i]);
	return d.h;
}

/* The last component of path. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int pel_scenario_load(const char *file, const pel_override *sets, size_t nsets,
		      pel_scenario **out, char *err, size_t errlen)
{
	loader L = { 0 };
	L.err = err;
	L.errlen = errlen;
	err[0] = 0;
	pel_scenario *s = pel_xcalloc(1, sizeof *s);
	s->file = pel_xstrdup(file);
	L.s = s;
	yref top = NONE;
	if (pel_sc_load_doc(&L, file, NONE, NULL) == 0) {
		top = root(0);
		if (!pel_sc_check_map(&L, top, "", top_keys)) {
			load_include(&L, top, "platform");
			load_include(&L, top, "workload");
		}
	}
	for (size_t i = 0; i < nsets && !L.failed; i++)
		pel_sc_apply_set(&L, &sets[i]);
	if (!L.failed && nsets)
		pel_sc_check_map(&L, top, "", top_keys);
	if (!L.failed) {
		const char *name = pel_sc_opt_text(&L, top, "name", "", NULL);
		s->name = pel_xstrdup(name ? name : base_name(file));
		pel_sc_opt_text(&L, top, "description", "", NULL);
		s->seed = pel_sc_opt_integer(&L, top, "seed", "", 1, 0, INT64_MAX);
		yref pol = pel_sc_get(&L, top, "policy");
		if (present(pol))
			pel_sc_read_policy(&L, s, pol);
		else
			s->policy = pel_xstrdup("eager");
		yref sw = pel_sc_get(&L, top, "sweep");
		if (present(sw))
			pel_sc_read_sweep(&L, s, sw);
	}
	if (!L.failed)
		s->platform = pel_sc_read_platform(&L, pel_sc_need(&L, top, "platform", ""));
	if (!L.failed)
		s->dag = pel_sc_read_workload(&L, pel_sc_need(&L, top, "workload", ""), s->seed);
	if (!L.failed)
		check_routes(&L, top, s->platform, s->dag);
	if (!L.failed)
		s->digest = tree_digest(&L);
	if (!L.failed) {
		pel_model_error me;
		s->model = pel_model_bind(s->platform, s->dag, &me);
		if (!s->model)
			pel_sc_fail_at(&L, pel_sc_get(&L, top, "workload"), "workload", "%s", me.msg);
	}
	for (int d = 0; d < L.ndocs; d++) {
		yaml_document_delete(&L.docs[d]);
		free(L.files[d]);
	}
	for (size_t i = 0; i < L.nsets; i++)
		free(L.sets[i].label);
	free(L.sets);
	if (L.failed) {
		pel_scenario_free(s);
		*out = NULL;
		return -1;
	}
	*out = s;
	return 0;
}

void pel_scenario_free(pel_scenario *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nparams; i++) {
		free((char *)s->params[i].name);
		free((char *)s->params[i].value);
		free(s->param_where[i]);
	}
	free(s->params);
	free(s->param_where);
	for (size_t i = 0; i < s->sweep.naxes; i++) {
		pel_axis *ax = &s->sweep.axes[i];
		for (size_t j = 0; j < ax->nvalues; j++)
			free(ax->values[j]);
		free(ax->values);
		free(ax->path);
		free(ax->where);
		free(ax->label);
	}
	free(s->sweep.axes);
	for (size_t i = 0; i < s->sweep.npolicies; i++)
		pel_policy_spec_free(&s->sweep.policies[i]);
	free(s->sweep.policies);
	free(s->sweep.where);
	pel_model_free(s->model);
	pel_dag_free(s->dag);
	pel_platform_free(s->platform);
	free(s->file);
	free(s->name);
	free(s->policy);
	free(s->policy_where);
	free(s);
}
