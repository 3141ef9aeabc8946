/* test_models.c - CUnit suites for what is simulated: random streams
 * (common/random.h), the platform and its routes (models/platform.h), the
 * DAG (models/workload.h), the performance model's formulas
 * (models/model.h) against hand-computed values, and the DAG generators
 * (models/generate.h). */
#include "../common/random.h"
#include "../models/generate.h"
#include "../models/model.h"
#include "../models/platform.h"
#include "../models/workload.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* ---- helpers ---------------------------------------------------------- */

/* Adds a device with one slot on memory node `node` (created if new);
 * group and cls may be NULL for the defaults (group = name, class cpu). */
static pel_device_id add_dev(pel_platform *p, const char *name, const char *group,
			     const char *cls, double speed, const char *node, double launch,
			     const pel_efficiency *eff, uint32_t neff)
{
	pel_device d = { 0 };
	d.name = (char *)name;
	d.group = (char *)group;
	d.class_name = (char *)cls;
	d.speed = speed;
	d.slots = 1;
	d.node = pel_platform_node(p, node);
	d.launch = launch;
	d.eff = (pel_efficiency *)eff;
	d.neff = neff;
	return pel_platform_add_device(p, &d);
}

/* Number of edges violating the DAG's topological order (0 when every
 * edge goes from an earlier to a later task of g->topo), plus 1 when topo
 * is not a permutation of the tasks. */
static uint32_t topo_violations(const pel_dag *g)
{
	uint32_t *pos = malloc(((size_t)g->ntasks + 1) * sizeof *pos);
	uint32_t bad = 0;
	for (uint32_t t = 0; t < g->ntasks; t++)
		pos[t] = UINT32_MAX;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		uint32_t t = g->topo[i];
		if (t >= g->ntasks || pos[t] != UINT32_MAX) {
			free(pos);
			return 1;
		}
		pos[t] = i;
	}
	for (uint32_t e = 0; e < g->nedges; e++)
		bad += pos[g->src[e]] >= pos[g->dst[e]];
	free(pos);
	return bad;
}

/* Checks the CSR adjacency against the edge list: every edge appears once
 * among its source's out-edges and once among its destination's in-edges.
 * Returns the number of problems. */
static uint32_t csr_violations(const pel_dag *g)
{
	uint32_t bad = 0;
	uint32_t *out = calloc((size_t)g->nedges + 1, sizeof *out);
	uint32_t *in = calloc((size_t)g->nedges + 1, sizeof *in);
	if (g->succ_off[0] != 0 || g->succ_off[g->ntasks] != g->nedges)
		bad++;
	if (g->pred_off[0] != 0 || g->pred_off[g->ntasks] != g->nedges)
		bad++;
	for (uint32_t t = 0; t < g->ntasks; t++) {
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
			uint32_t e = g->succ[k];
			if (e >= g->nedges || g->src[e] != t)
				bad++;
			else
				out[e]++;
		}
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			uint32_t e = g->pred[k];
			if (e >= g->nedges || g->dst[e] != t)
				bad++;
			else
				in[e]++;
		}
	}
	for (uint32_t e = 0; e < g->nedges; e++)
		bad += (out[e] != 1) + (in[e] != 1);
	free(out);
	free(in);
	return bad;
}

/* 1 when a and b are the same DAG, array by array. */
static int same_dag(const pel_dag *a, const pel_dag *b)
{
	if (a->ntasks != b->ntasks || a->nedges != b->nedges || a->nkinds != b->nkinds)
		return 0;
	size_t n = a->ntasks, m = a->nedges;
	return !memcmp(a->kind, b->kind, n * sizeof *a->kind) &&
	       !memcmp(a->work, b->work, n * sizeof *a->work) &&
	       !memcmp(a->src, b->src, m * sizeof *a->src) &&
	       !memcmp(a->dst, b->dst, m * sizeof *a->dst) &&
	       !memcmp(a->bytes, b->bytes, m * sizeof *a->bytes) &&
	       !memcmp(a->topo, b->topo, n * sizeof *a->topo);
}

/* Tasks of kind called name. */
static uint32_t count_kind(const pel_dag *g, const char *name)
{
	uint32_t k, n = 0;
	for (k = 0; k < g->nkinds; k++)
		if (!strcmp(g->kind_names[k], name))
			break;
	if (k == g->nkinds)
		return 0;
	for (uint32_t t = 0; t < g->ntasks; t++)
		n += g->kind[t] == k;
	return n;
}

/* ---- random streams --------------------------------------------------- */

/* Same seed and purpose: the same sequence, every time. */
static void test_rng_reproducible(void)
{
	gsl_rng *a = pel_rng_stream(2024, PEL_STREAM_DURATION);
	gsl_rng *b = pel_rng_stream(2024, PEL_STREAM_DURATION);
	int differ = 0;
	for (int i = 0; i < 1000; i++)
		differ |= gsl_rng_get(a) != gsl_rng_get(b);
	CU_ASSERT(!differ);
	gsl_rng_free(a);
	gsl_rng_free(b);
}

/* Different purposes (or seeds) give different sequences. */
static void test_rng_independent(void)
{
	static const pel_stream all[] = { PEL_STREAM_WORKLOAD, PEL_STREAM_DURATION,
					  PEL_STREAM_ARRIVAL, PEL_STREAM_FAULT,
					  PEL_STREAM_POLICY, PEL_STREAM_BENCH };
	const int n = (int)(sizeof all / sizeof all[0]);
	unsigned long first[6][8];
	for (int s = 0; s < n; s++) {
		gsl_rng *r = pel_rng_stream(1, all[s]);
		for (int i = 0; i < 8; i++)
			first[s][i] = gsl_rng_get(r);
		gsl_rng_free(r);
	}
	for (int s = 0; s < n; s++)
		for (int u = s + 1; u < n; u++)
			CU_ASSERT(memcmp(first[s], first[u], sizeof first[s]) != 0);

	gsl_rng *a = pel_rng_stream(1, PEL_STREAM_WORKLOAD);
	gsl_rng *b = pel_rng_stream(2, PEL_STREAM_WORKLOAD);
	int differ = 0;
	for (int i = 0; i < 8; i++)
		differ |= gsl_rng_get(a) != gsl_rng_get(b);
	CU_ASSERT(differ);
	gsl_rng_free(a);
	gsl_rng_free(b);
}

/* The seed mixer is SplitMix64: machine-independent known values. */
static void test_seed_mix(void)
{
	/* SplitMix64's first output from state 0 */
	CU_ASSERT_EQUAL(pel_seed_mix(0, 0), 0xe220a8397b1dcdafULL);
	CU_ASSERT_EQUAL(pel_seed_mix(5, 3), pel_seed_mix(5, 3));
	CU_ASSERT_NOT_EQUAL(pel_seed_mix(5, 3), pel_seed_mix(5, 4));
	CU_ASSERT_NOT_EQUAL(pel_seed_mix(5, 3), pel_seed_mix(6, 3));
}

/* ---- platform --------------------------------------------------------- */

/* pel_platform_node returns the existing index for a known name. */
static void test_platform_nodes(void)
{
	pel_platform *p = pel_platform_new();
	CU_ASSERT_EQUAL(p->net, PEL_NET_IDEAL);
	uint32_t a = pel_platform_node(p, "host");
	uint32_t b = pel_platform_node(p, "gpu0mem");
	CU_ASSERT_EQUAL(a, 0);
	CU_ASSERT_EQUAL(b, 1);
	CU_ASSERT_EQUAL(pel_platform_node(p, "host"), a);
	CU_ASSERT_EQUAL(pel_platform_node(p, "gpu0mem"), b);
	CU_ASSERT_EQUAL(p->nnodes, 2);
	CU_ASSERT_EQUAL(pel_platform_find_node(p, "gpu0mem"), b);
	CU_ASSERT_EQUAL(pel_platform_find_node(p, "nowhere"), UINT32_MAX);
	CU_ASSERT_DOUBLE_EQUAL(p->nodes[a].capacity, 0.0, 0.0);
	pel_platform_free(p);
}

/* add_device copies its strings and efficiencies: the caller's buffers
 * may change afterwards.  Missing group and class get their defaults. */
static void test_platform_add_device_copies(void)
{
	pel_platform *p = pel_platform_new();
	char name[16] = "gpu0", group[16] = "gpus", cls[16] = "gpu", kind[16] = "gemm";
	pel_efficiency eff[1] = { { kind, 0.75 } };
	pel_device d = { 0 };
	d.name = name;
	d.group = group;
	d.class_name = cls;
	d.speed = 1e12;
	d.slots = 4;
	d.node = pel_platform_node(p, "gmem");
	d.eff = eff;
	d.neff = 1;
	pel_device_id id = pel_platform_add_device(p, &d);
	strcpy(name, "XXXX");
	strcpy(group, "XXXX");
	strcpy(cls, "XXX");
	strcpy(kind, "XXXX");
	eff[0].value = 0.1;

	const pel_device *got = &p->devices[id];
	CU_ASSERT_STRING_EQUAL(got->name, "gpu0");
	CU_ASSERT_STRING_EQUAL(got->group, "gpus");
	CU_ASSERT_STRING_EQUAL(got->class_name, "gpu");
	CU_ASSERT_EQUAL(got->class_kind, PEL_CLASS_GPU);
	CU_ASSERT_PTR_NOT_EQUAL(got->name, name);
	CU_ASSERT_PTR_NOT_EQUAL(got->eff, eff);
	CU_ASSERT_EQUAL_FATAL(got->neff, 1);
	CU_ASSERT_STRING_EQUAL(got->eff[0].kind, "gemm");
	CU_ASSERT_DOUBLE_EQUAL(got->eff[0].value, 0.75, 0.0);
	CU_ASSERT_EQUAL(got->slots, 4);
	CU_ASSERT_DOUBLE_EQUAL(got->speed, 1e12, 0.0);

	/* defaults: group = name, class = cpu */
	pel_device_id c = add_dev(p, "core7", NULL, NULL, 1e9, "host", 0, NULL, 0);
	CU_ASSERT_STRING_EQUAL(p->devices[c].group, "core7");
	CU_ASSERT_STRING_EQUAL(p->devices[c].class_name, "cpu");
	CU_ASSERT_EQUAL(p->devices[c].class_kind, PEL_CLASS_CPU);
	CU_ASSERT_PTR_NULL(p->devices[c].eff);
	pel_device_id f = add_dev(p, "f0", NULL, "fpga", 1e9, "host", 0, NULL, 0);
	pel_device_id o = add_dev(p, "q0", NULL, "qpu", 1e9, "host", 0, NULL, 0);
	CU_ASSERT_EQUAL(p->devices[f].class_kind, PEL_CLASS_FPGA);
	CU_ASSERT_EQUAL(p->devices[o].class_kind, PEL_CLASS_OTHER);

	CU_ASSERT_EQUAL(p->ndevices, 4);
	CU_ASSERT_EQUAL(pel_platform_find_device(p, "gpu0"), id);
	CU_ASSERT_EQUAL(pel_platform_find_device(p, "core7"), c);
	CU_ASSERT_EQUAL(pel_platform_find_device(p, "XXXX"), PEL_NO_DEVICE);
	pel_platform_finish(p);
	CU_ASSERT_EQUAL(p->total_slots, 4 + 1 + 1 + 1);
	pel_platform_free(p);
}

/* Routes along the chain A -(bw 10, lat 1)- B -(bw 5, lat 2)- C, and an
 * isolated node D: hops, summed latency, bottleneck bandwidth; no route
 * gives hops UINT32_MAX and bandwidth 0; a node to itself is free. */
static void test_platform_routes_chain(void)
{
	pel_platform *p = pel_platform_new();
	uint32_t A = pel_platform_node(p, "A"), B = pel_platform_node(p, "B");
	uint32_t C = pel_platform_node(p, "C"), D = pel_platform_node(p, "D");
	pel_platform_add_link(p, A, B, 10.0, 1.0);
	pel_platform_add_link(p, C, B, 5.0, 2.0); /* given the other way round */
	pel_platform_finish(p);
	size_t n = p->nnodes;
#define R(a, b) ((size_t)(a) * n + (b))
	CU_ASSERT_EQUAL(p->route_hops[R(A, C)], 2);
	CU_ASSERT_DOUBLE_EQUAL(p->route_latency[R(A, C)], 3.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(A, C)], 5.0, EPS);
	CU_ASSERT_EQUAL(p->route_hops[R(C, A)], 2);
	CU_ASSERT_DOUBLE_EQUAL(p->route_latency[R(C, A)], 3.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(C, A)], 5.0, EPS);
	CU_ASSERT_EQUAL(p->route_hops[R(A, B)], 1);
	CU_ASSERT_DOUBLE_EQUAL(p->route_latency[R(A, B)], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(A, B)], 10.0, EPS);
	CU_ASSERT_EQUAL(p->route_hops[R(B, C)], 1);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(B, C)], 5.0, EPS);
	/* to itself */
	CU_ASSERT_EQUAL(p->route_hops[R(B, B)], 0);
	CU_ASSERT_DOUBLE_EQUAL(p->route_latency[R(B, B)], 0.0, 0.0);
	CU_ASSERT(isinf(p->route_bandwidth[R(B, B)]));
	/* no route */
	CU_ASSERT_EQUAL(p->route_hops[R(A, D)], UINT32_MAX);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(A, D)], 0.0, 0.0);
	CU_ASSERT_EQUAL(p->route_hops[R(D, C)], UINT32_MAX);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[R(D, C)], 0.0, 0.0);
	CU_ASSERT_EQUAL(p->route_hops[R(D, D)], 0);
#undef R
	pel_platform_free(p);
}

/* Routes take the fewest hops: a direct (slower) link beats two fast ones. */
static void test_platform_routes_fewest_hops(void)
{
	pel_platform *p = pel_platform_new();
	uint32_t A = pel_platform_node(p, "A"), B = pel_platform_node(p, "B");
	uint32_t C = pel_platform_node(p, "C");
	pel_platform_add_link(p, A, B, 100.0, 1.0);
	pel_platform_add_link(p, B, C, 100.0, 1.0);
	pel_platform_add_link(p, A, C, 1.0, 10.0);
	pel_platform_finish(p);
	size_t r = (size_t)A * p->nnodes + C;
	CU_ASSERT_EQUAL(p->route_hops[r], 1);
	CU_ASSERT_DOUBLE_EQUAL(p->route_latency[r], 10.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(p->route_bandwidth[r], 1.0, EPS);
	pel_platform_free(p);
}

/* ---- workload --------------------------------------------------------- */

/* A diamond plus a tail: CSR adjacency, degrees, topological order. */
static void test_dag_csr_topo(void)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	/* ids given so that id order is not a topological order */
	pel_task_id d = pel_dag_add_task(g, NULL, k, 1); /* 0 */
	pel_task_id b = pel_dag_add_task(g, NULL, k, 1); /* 1 */
	pel_task_id a = pel_dag_add_task(g, NULL, k, 1); /* 2 */
	pel_task_id c = pel_dag_add_task(g, NULL, k, 1); /* 3 */
	pel_task_id e = pel_dag_add_task(g, NULL, k, 1); /* 4 */
	pel_dag_add_edge(g, a, b, 10, NAN);
	pel_dag_add_edge(g, a, c, 20, NAN);
	pel_dag_add_edge(g, b, d, 30, NAN);
	pel_dag_add_edge(g, c, d, 40, NAN);
	pel_dag_add_edge(g, d, e, 50, NAN);
	pel_dag_add_edge(g, a, e, 60, NAN);
	pel_task_id cyc = 12345;
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, &cyc), 0);
	CU_ASSERT_EQUAL(g->ntasks, 5);
	CU_ASSERT_EQUAL(g->nedges, 6);
	CU_ASSERT_EQUAL(pel_dag_nsucc(g, a), 3);
	CU_ASSERT_EQUAL(pel_dag_npred(g, a), 0);
	CU_ASSERT_EQUAL(pel_dag_npred(g, d), 2);
	CU_ASSERT_EQUAL(pel_dag_nsucc(g, d), 1);
	CU_ASSERT_EQUAL(pel_dag_npred(g, e), 2);
	CU_ASSERT_EQUAL(pel_dag_nsucc(g, e), 0);
	CU_ASSERT_EQUAL(csr_violations(g), 0);
	CU_ASSERT_EQUAL(topo_violations(g), 0);
	CU_ASSERT_EQUAL(g->topo[0], a); /* the only entry task */
	CU_ASSERT_EQUAL(g->topo[4], e); /* the only exit task */
	/* edge data stays with its edge */
	CU_ASSERT_DOUBLE_EQUAL(g->bytes[g->pred[g->pred_off[e]]] + g->bytes[g->pred[g->pred_off[e] + 1]],
			       110.0, 0.0);
	CU_ASSERT_PTR_NULL(g->comm); /* no explicit communication time given */
	pel_dag_free(g);
}

/* Cycles are found: finish returns -1 and names a task on the cycle, not
 * one merely downstream or upstream of it. */
static void test_dag_cycle(void)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 6; i++)
		pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 0, NAN); /* 0 -> (1 -> 2 -> 3 -> 1) -> 4; 5 alone */
	pel_dag_add_edge(g, 1, 2, 0, NAN);
	pel_dag_add_edge(g, 2, 3, 0, NAN);
	pel_dag_add_edge(g, 3, 1, 0, NAN);
	pel_dag_add_edge(g, 3, 4, 0, NAN);
	pel_task_id t = PEL_NO_TASK;
	CU_ASSERT_EQUAL(pel_dag_finish(g, &t), -1);
	CU_ASSERT(t == 1 || t == 2 || t == 3);
	pel_dag_free(g);

	/* the lowest-numbered stuck tasks lie downstream of the cycle:
	 * 5 -> 6 -> 7 -> 5, then 7 -> 4 -> 3 -> 2 -> 1 -> 0 */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	for (int i = 0; i < 8; i++)
		pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 5, 6, 0, NAN);
	pel_dag_add_edge(g, 6, 7, 0, NAN);
	pel_dag_add_edge(g, 7, 5, 0, NAN);
	pel_dag_add_edge(g, 7, 4, 0, NAN);
	for (pel_task_id i = 4; i > 0; i--)
		pel_dag_add_edge(g, i, i - 1, 0, NAN);
	t = PEL_NO_TASK;
	CU_ASSERT_EQUAL(pel_dag_finish(g, &t), -1);
	CU_ASSERT(t == 5 || t == 6 || t == 7);
	pel_dag_free(g);

	/* a self-loop is a cycle too; a NULL cycle_task is allowed */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 0, NAN);
	pel_dag_add_edge(g, 1, 1, 0, NAN);
	t = PEL_NO_TASK;
	CU_ASSERT_EQUAL(pel_dag_finish(g, &t), -1);
	CU_ASSERT_EQUAL(t, 1);
	pel_dag_free(g);

	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 0, NAN);
	pel_dag_add_edge(g, 1, 0, 0, NAN);
	CU_ASSERT_EQUAL(pel_dag_finish(g, NULL), -1);
	pel_dag_free(g);
}

/* Task names: unnamed tasks are "t<id>", also once some tasks are named;
 * find_task looks both up.  Kinds are deduplicated by name. */
static void test_dag_names_kinds(void)
{
	pel_dag *g = pel_dag_new();
	uint16_t gemm = pel_dag_kind(g, "gemm"), potrf = pel_dag_kind(g, "potrf");
	CU_ASSERT_EQUAL(pel_dag_kind(g, "gemm"), gemm);
	CU_ASSERT_NOT_EQUAL(gemm, potrf);
	CU_ASSERT_EQUAL(g->nkinds, 2);
	for (int i = 0; i < 20; i++) /* past the first growth */
		pel_dag_add_task(g, NULL, gemm, 1);
	char name[8] = "solve";
	pel_task_id named = pel_dag_add_task(g, name, potrf, 2);
	strcpy(name, "XXXX"); /* the DAG keeps its own copy */
	for (int i = 0; i < 20; i++)
		pel_dag_add_task(g, NULL, gemm, 1);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	char buf[32];
	CU_ASSERT_STRING_EQUAL(pel_dag_task_name(g, 0, buf, sizeof buf), "t0");
	CU_ASSERT_STRING_EQUAL(pel_dag_task_name(g, 19, buf, sizeof buf), "t19");
	CU_ASSERT_STRING_EQUAL(pel_dag_task_name(g, named, buf, sizeof buf), "solve");
	CU_ASSERT_STRING_EQUAL(pel_dag_task_name(g, 40, buf, sizeof buf), "t40");
	CU_ASSERT_EQUAL(pel_dag_find_task(g, "solve"), named);
	CU_ASSERT_EQUAL(pel_dag_find_task(g, "t33"), 33);
	CU_ASSERT_EQUAL(pel_dag_find_task(g, "XXXX"), PEL_NO_TASK);
	CU_ASSERT_EQUAL(pel_dag_find_task(g, "t41"), PEL_NO_TASK);
	CU_ASSERT_EQUAL(g->kind[named], potrf);
	CU_ASSERT_DOUBLE_EQUAL(g->work[named], 2.0, 0.0);
	pel_dag_free(g);
}

/* Explicit communication times: edges before the first explicit one read
 * NAN (time from bytes), later ones keep their own value. */
static void test_dag_explicit_comm(void)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 4; i++)
		pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 100, NAN);
	pel_dag_add_edge(g, 1, 2, 100, 7.5);
	pel_dag_add_edge(g, 2, 3, 100, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g->comm);
	CU_ASSERT(isnan(g->comm[0]));
	CU_ASSERT_DOUBLE_EQUAL(g->comm[1], 7.5, 0.0);
	CU_ASSERT(isnan(g->comm[2]));
	pel_dag_free(g);
}

/* ---- the model: execution times --------------------------------------- */

/* exec = launch + work / (speed * efficiency[kind]); a kind without an
 * efficiency entry runs at full speed. */
static void test_model_exec_formula(void)
{
	pel_platform *p = pel_platform_new();
	pel_efficiency ecpu[] = { { (char *)"gemm", 0.5 }, { (char *)"potrf", 0.25 } };
	pel_efficiency egpu[] = { { (char *)"gemm", 0.8 } };
	pel_device_id cpu = add_dev(p, "cpu0", NULL, "cpu", 1e9, "host", 0.5, ecpu, 2);
	pel_device_id gpu = add_dev(p, "gpu0", NULL, "gpu", 4e9, "host", 1e-3, egpu, 1);
	pel_platform_finish(p);
	pel_dag *g = pel_dag_new();
	uint16_t gemm = pel_dag_kind(g, "gemm"), potrf = pel_dag_kind(g, "potrf");
	uint16_t other = pel_dag_kind(g, "copy");
	pel_task_id t1 = pel_dag_add_task(g, NULL, gemm, 2e9);
	pel_task_id t2 = pel_dag_add_task(g, NULL, potrf, 1e9);
	pel_task_id t3 = pel_dag_add_task(g, NULL, other, 3e9);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	/* gemm: 0.5 + 2e9/(1e9*0.5) = 4.5 on cpu; 1e-3 + 2e9/(4e9*0.8) = 0.626 on gpu */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t1, cpu), 4.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t1, gpu), 0.626, EPS);
	/* potrf: 0.5 + 1e9/(1e9*0.25) = 4.5 on cpu; no gpu entry: 1e-3 + 0.25 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t2, cpu), 4.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t2, gpu), 0.251, EPS);
	/* copy: no entry anywhere: 0.5 + 3 on cpu, 1e-3 + 0.75 on gpu */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t3, cpu), 3.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t3, gpu), 0.751, EPS);
	/* w-bar and the minimum */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, t1), (4.5 + 0.626) / 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, t3), (3.5 + 0.751) / 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_min_exec(m, t2), 0.251, EPS);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Explicit times: instance name beats group beats class, whatever the
 * order they were given in; launch is added; a task with explicit times
 * but none for a device cannot run there (INFINITY), and its w-bar only
 * averages the devices that can run it. */
static void test_model_explicit_precedence(void)
{
	pel_platform *p = pel_platform_new();
	pel_device_id c0 = add_dev(p, "cpu0", "xeon", "cpu", 1e9, "host", 0.0, NULL, 0);
	pel_device_id c1 = add_dev(p, "cpu1", "xeon", "cpu", 1e9, "host", 0.0, NULL, 0);
	pel_device_id c2 = add_dev(p, "cpu2", "epyc", "cpu", 1e9, "host", 0.0, NULL, 0);
	pel_device_id g0 = add_dev(p, "gpu0", "a100", "gpu", 1e10, "host", 0.25, NULL, 0);
	pel_platform_finish(p);

	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	pel_task_id x = pel_dag_add_task(g, NULL, k, 1e9); /* broad to narrow */
	pel_task_id y = pel_dag_add_task(g, NULL, k, 1e9); /* narrow to broad */
	pel_task_id z = pel_dag_add_task(g, NULL, k, 1e9); /* GPU only */
	pel_task_id w = pel_dag_add_task(g, NULL, k, 2e9); /* from work */
	pel_dag_add_cost(g, x, "cpu", 10);
	pel_dag_add_cost(g, x, "xeon", 8);
	pel_dag_add_cost(g, x, "cpu0", 5);
	pel_dag_add_cost(g, y, "cpu0", 5);
	pel_dag_add_cost(g, y, "xeon", 8);
	pel_dag_add_cost(g, y, "cpu", 10);
	pel_dag_add_cost(g, z, "a100", 2);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	for (pel_task_id t = x; t <= y; t++) {
		CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t, c0), 5.0, EPS);  /* name */
		CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t, c1), 8.0, EPS);  /* group */
		CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t, c2), 10.0, EPS); /* class */
		CU_ASSERT(isinf(pel_model_exec(m, t, g0)));                  /* none */
		CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, t), 23.0 / 3, EPS);
		CU_ASSERT_DOUBLE_EQUAL(pel_model_min_exec(m, t), 5.0, EPS);
	}
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, z, g0), 2.25, EPS); /* + launch */
	CU_ASSERT(isinf(pel_model_exec(m, z, c0)));
	CU_ASSERT(isinf(pel_model_exec(m, z, c2)));
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, z), 2.25, EPS);
	/* a task without explicit times keeps the work formula */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, w, c0), 2.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, w, g0), 0.45, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, w), (3 * 2.0 + 0.45) / 4, EPS);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Binding g to p must fail with a message containing needle. */
static void bind_expect_failure(const pel_platform *p, const pel_dag *g, const char *needle)
{
	pel_model_error err;
	memset(&err, 0, sizeof err);
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT(err.msg[0] != '\0');
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
	pel_model_free(m);
}

/* pel_model_bind refuses, with a message, a time key that names nothing,
 * a task that can run nowhere, and byte-edges between unrouted nodes. */
static void test_model_bind_failures(void)
{
	pel_platform *p = pel_platform_new();
	add_dev(p, "cpu0", NULL, "cpu", 1e9, "n0", 0, NULL, 0);
	add_dev(p, "cpu1", NULL, "cpu", 1e9, "n1", 0, NULL, 0); /* no link */
	pel_platform_finish(p);

	/* a key that matches no device, group or class */
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	pel_task_id t = pel_dag_add_task(g, "solo", k, 1);
	pel_dag_add_cost(g, t, "gpu", 3);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	bind_expect_failure(p, g, "gpu");
	bind_expect_failure(p, g, "solo");
	pel_dag_free(g);

	/* a task whose only matching time is infinite runs nowhere */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	t = pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_cost(g, t, "cpu", INFINITY);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	bind_expect_failure(p, g, "t1");
	bind_expect_failure(p, g, "no device");
	pel_dag_free(g);

	/* an edge carrying bytes between nodes with no route */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 1e6, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	bind_expect_failure(p, g, "no route");
	pel_dag_free(g);

	/* ... which is fine when the edge has an explicit time */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 1e6, 2.0);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err;
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL(m);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* ---- the model: communication times ----------------------------------- */

/* comm: 0 on one node; an edge's explicit time between nodes; otherwise
 * route latency + bytes / bottleneck bandwidth over a 2-hop route. */
static void test_model_comm(void)
{
	pel_platform *p = pel_platform_new();
	pel_device_id a = add_dev(p, "a", NULL, "cpu", 1e9, "A", 0, NULL, 0);
	pel_device_id a2 = add_dev(p, "a2", NULL, "cpu", 1e9, "A", 0, NULL, 0);
	pel_device_id b = add_dev(p, "b", NULL, "cpu", 1e9, "B", 0, NULL, 0);
	pel_device_id c = add_dev(p, "c", NULL, "gpu", 1e9, "C", 0, NULL, 0);
	uint32_t A = p->devices[a].node, B = p->devices[b].node, C = p->devices[c].node;
	pel_platform_add_link(p, A, B, 1e10, 1e-6);
	pel_platform_add_link(p, B, C, 5e9, 2e-6);
	pel_platform_finish(p);
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 3; i++)
		pel_dag_add_task(g, NULL, k, 1);
	uint32_t eb = pel_dag_add_edge(g, 0, 1, 1e9, NAN); /* from bytes */
	uint32_t ex = pel_dag_add_edge(g, 1, 2, 1e9, 4.0); /* explicit */
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	/* same node: free, explicit time or not */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, eb, A, A), 0.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, ex, C, C), 0.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, eb, a, a2), 0.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, ex, a2, a), 0.0, 0.0);
	/* one hop: 1e-6 + 1e9/1e10 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, eb, A, B), 1e-6 + 0.1, 1e-12);
	/* two hops: latency 3e-6, bottleneck 5e9 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, eb, A, C), 3e-6 + 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, eb, C, A), 3e-6 + 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, eb, c, a2), 3e-6 + 0.2, 1e-12);
	/* explicit time, whatever the route */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm(m, ex, A, C), 4.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, ex, b, c), 4.0, 0.0);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* c-bar: the mean over ordered pairs of distinct devices, pairs on one
 * node counting 0.  Devices d0, d1 on node A, d2 on node B, link A-B
 * (1e9 B/s, 1 ms): 4 of the 6 ordered pairs cross. */
static void test_model_mean_comm(void)
{
	pel_platform *p = pel_platform_new();
	add_dev(p, "d0", NULL, "cpu", 1e9, "A", 0, NULL, 0);
	add_dev(p, "d1", NULL, "cpu", 1e9, "A", 0, NULL, 0);
	add_dev(p, "d2", NULL, "gpu", 1e9, "B", 0, NULL, 0);
	pel_platform_add_link(p, 0, 1, 1e9, 1e-3);
	pel_platform_finish(p);
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 3; i++)
		pel_dag_add_task(g, NULL, k, 1);
	uint32_t eb = pel_dag_add_edge(g, 0, 1, 1e9, NAN);
	uint32_t ex = pel_dag_add_edge(g, 1, 2, 0, 3.0);
	uint32_t e0 = pel_dag_add_edge(g, 0, 2, 0, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	/* (4 * (1e-3 + 1e9/1e9)) / 6 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, eb), 4 * 1.001 / 6, 1e-12);
	/* explicit: 3 * 4/6 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, ex), 2.0, 1e-12);
	/* no bytes: the latency only, 4 * 1e-3 / 6 */
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, e0), 4e-3 / 6, 1e-12);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* All devices on their own node (the literature's model): c-bar of an
 * explicit edge is its time; one device alone: c-bar is 0. */
static void test_model_mean_comm_extremes(void)
{
	pel_platform *p = pel_platform_new();
	add_dev(p, "P1", NULL, NULL, 1, "P1", 0, NULL, 0);
	add_dev(p, "P2", NULL, NULL, 1, "P2", 0, NULL, 0);
	add_dev(p, "P3", NULL, NULL, 1, "P3", 0, NULL, 0);
	pel_platform_finish(p);
	pel_platform *one = pel_platform_new();
	add_dev(one, "solo", NULL, NULL, 1, "m", 0, NULL, 0);
	pel_platform_finish(one);
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_task(g, NULL, k, 1);
	pel_dag_add_edge(g, 0, 1, 0, 18.0);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, 0), 18.0, 1e-12);
	pel_model_free(m);
	m = pel_model_bind(one, g, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, 0), 0.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, 0), 1.0, 0.0);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
	pel_platform_free(one);
}

/* ---- generators ------------------------------------------------------- */

/* Tiled Cholesky with T tiles: T(T+1)(T+2)/6 tasks, of which T potrf,
 * T(T-1)/2 trsm, T(T-1)/2 syrk and T(T-1)(T-2)/6 gemm; work per kind;
 * every edge carries one tile; acyclic with a single entry and exit. */
static void test_gen_cholesky(void)
{
	for (uint32_t T = 1; T <= 8; T++) {
		const uint32_t nb = 16;
		pel_dag *g = pel_generate_cholesky(T, nb);
		CU_ASSERT_EQUAL(g->ntasks, T * (T + 1) * (T + 2) / 6);
		CU_ASSERT_EQUAL(count_kind(g, "potrf"), T);
		CU_ASSERT_EQUAL(count_kind(g, "trsm"), T * (T - 1) / 2);
		CU_ASSERT_EQUAL(count_kind(g, "syrk"), T * (T - 1) / 2);
		CU_ASSERT_EQUAL(count_kind(g, "gemm"), T * (T - 1) * (T - 2) / 6);
		CU_ASSERT_EQUAL(topo_violations(g), 0);
		CU_ASSERT_EQUAL(csr_violations(g), 0);
		double b3 = (double)nb * nb * nb;
		uint32_t bad = 0, entries = 0, exits = 0;
		for (uint32_t t = 0; t < g->ntasks; t++) {
			const char *kn = g->kind_names[g->kind[t]];
			double want = !strcmp(kn, "potrf") ? b3 / 3 : !strcmp(kn, "gemm") ? 2 * b3 : b3;
			bad += fabs(g->work[t] - want) > 1e-9 * want;
			entries += pel_dag_npred(g, t) == 0;
			exits += pel_dag_nsucc(g, t) == 0;
		}
		for (uint32_t e = 0; e < g->nedges; e++)
			bad += g->bytes[e] != 8.0 * nb * nb;
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_EQUAL(entries, 1); /* potrf_0 */
		CU_ASSERT_EQUAL(exits, 1);   /* potrf_{T-1} */
		CU_ASSERT_EQUAL(pel_dag_find_task(g, "potrf_0"), g->topo[0]);
		CU_ASSERT_EQUAL(pel_dag_nsucc(g, g->topo[0]), T - 1);
		pel_dag_free(g);
	}
}

static const char *const gen_kinds[] = { "gemm", "potrf", "copy" };

static pel_gen_layered layered_params(uint32_t tasks)
{
	pel_gen_layered prm = {
		.tasks = tasks, .shape = 1.0, .outdegree = 3.0, .jump = 2,
		.work = 1e9, .bytes = 1e6, .spread = 0.5,
		.kinds = gen_kinds, .nkinds = 3,
	};
	return prm;
}

/* Layered: exactly the tasks asked for, acyclic, no duplicate edge,
 * work and bytes in their band, kinds round-robin. */
static void test_gen_layered_shape(void)
{
	static const uint32_t sizes[] = { 1, 2, 10, 100, 1000 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		pel_gen_layered prm = layered_params(sizes[i]);
		gsl_rng *r = pel_rng_stream(99 + i, PEL_STREAM_WORKLOAD);
		pel_dag *g = pel_generate_layered(&prm, r);
		gsl_rng_free(r);
		CU_ASSERT_EQUAL(g->ntasks, sizes[i]);
		CU_ASSERT_EQUAL(topo_violations(g), 0);
		CU_ASSERT_EQUAL(csr_violations(g), 0);
		CU_ASSERT_EQUAL(g->nkinds, 3);
		uint32_t bad = 0;
		for (uint32_t t = 0; t < g->ntasks; t++) {
			bad += g->work[t] < 0.5e9 || g->work[t] > 1.5e9;
			bad += strcmp(g->kind_names[g->kind[t]], gen_kinds[t % 3]) != 0;
			/* no two edges join the same pair */
			for (uint32_t a = g->succ_off[t]; a < g->succ_off[t + 1]; a++)
				for (uint32_t b = a + 1; b < g->succ_off[t + 1]; b++)
					bad += g->dst[g->succ[a]] == g->dst[g->succ[b]];
		}
		for (uint32_t e = 0; e < g->nedges; e++)
			bad += g->bytes[e] < 0.5e6 || g->bytes[e] > 1.5e6 || g->src[e] == g->dst[e];
		CU_ASSERT_EQUAL(bad, 0);
		if (sizes[i] >= 100)
			CU_ASSERT(g->nedges >= sizes[i] / 2); /* it is a graph, not a bag */
		pel_dag_free(g);
	}
}

/* Layered: the same seed gives the same DAG array by array; another seed
 * gives another DAG. */
static void test_gen_layered_seeded(void)
{
	pel_gen_layered prm = layered_params(300);
	gsl_rng *r1 = pel_rng_stream(5, PEL_STREAM_WORKLOAD);
	gsl_rng *r2 = pel_rng_stream(5, PEL_STREAM_WORKLOAD);
	gsl_rng *r3 = pel_rng_stream(6, PEL_STREAM_WORKLOAD);
	pel_dag *a = pel_generate_layered(&prm, r1);
	pel_dag *b = pel_generate_layered(&prm, r2);
	pel_dag *c = pel_generate_layered(&prm, r3);
	CU_ASSERT(same_dag(a, b));
	CU_ASSERT(!same_dag(a, c));
	pel_dag_free(a);
	pel_dag_free(b);
	pel_dag_free(c);
	gsl_rng_free(r1);
	gsl_rng_free(r2);
	gsl_rng_free(r3);
}

/* With no kinds given every task is of kind "task"; spread 0 gives the
 * exact mean work and bytes. */
static void test_gen_layered_defaults(void)
{
	pel_gen_layered prm = { .tasks = 50, .shape = 0.5, .outdegree = 2.0, .jump = 1,
				.work = 7.0, .bytes = 3.0, .spread = 0.0 };
	gsl_rng *r = pel_rng_stream(1, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&prm, r);
	gsl_rng_free(r);
	CU_ASSERT_EQUAL(g->ntasks, 50);
	CU_ASSERT_EQUAL_FATAL(g->nkinds, 1);
	CU_ASSERT_STRING_EQUAL(g->kind_names[0], "task");
	uint32_t bad = 0;
	for (uint32_t t = 0; t < g->ntasks; t++)
		bad += g->kind[t] != 0 || g->work[t] != 7.0;
	for (uint32_t e = 0; e < g->nedges; e++)
		bad += g->bytes[e] != 3.0;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(topo_violations(g), 0);
	pel_dag_free(g);
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test rng[] = {
		{ "same seed and purpose, same sequence", test_rng_reproducible },
		{ "different purposes, different sequences", test_rng_independent },
		{ "seed mixer is SplitMix64", test_seed_mix },
		{ NULL, NULL },
	};
	static const pel_t_test platform[] = {
		{ "memory nodes are deduplicated", test_platform_nodes },
		{ "add_device copies its strings", test_platform_add_device_copies },
		{ "routes along a 3-node chain", test_platform_routes_chain },
		{ "routes take the fewest hops", test_platform_routes_fewest_hops },
		{ NULL, NULL },
	};
	static const pel_t_test workload[] = {
		{ "CSR adjacency and topological order", test_dag_csr_topo },
		{ "cycle detection", test_dag_cycle },
		{ "task names and kinds", test_dag_names_kinds },
		{ "explicit communication times", test_dag_explicit_comm },
		{ NULL, NULL },
	};
	static const pel_t_test model[] = {
		{ "exec from work, speed and efficiency", test_model_exec_formula },
		{ "explicit times: name > group > class", test_model_explicit_precedence },
		{ "bind failures carry a message", test_model_bind_failures },
		{ "comm on a node, explicit, over a route", test_model_comm },
		{ "mean comm over device pairs", test_model_mean_comm },
		{ "mean comm: private nodes, one device", test_model_mean_comm_extremes },
		{ NULL, NULL },
	};
	static const pel_t_test gen[] = {
		{ "cholesky task counts and kinds", test_gen_cholesky },
		{ "layered: size, acyclic, bands, kinds", test_gen_layered_shape },
		{ "layered: seeded", test_gen_layered_seeded },
		{ "layered: defaults", test_gen_layered_defaults },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "random streams", rng },
		{ "platform", platform },
		{ "workload", workload },
		{ "model", model },
		{ "generators", gen },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
