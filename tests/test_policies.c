/* test_policies.c - CUnit suites for the policies (policies/) driven by
 * the discrete-event backend (sim/simulation/simulate.h).
 *
 *  - HEFT against the worked example of Topcuoglu, Hariri and Wu (IEEE
 *    TPDS 13(3), 2002): ranks, makespan and the schedule slot by slot;
 *  - eager on small DAGs whose schedule is known by hand;
 *  - every schedule of HEFT and eager on seeded random DAGs over a
 *    heterogeneous platform passes a local validity checker, and runs are
 *    deterministic. */
#include "../common/random.h"
#include "../models/generate.h"
#include "../models/model.h"
#include "../policies/plan.h"
#include "../policies/policy.h"
#include "../sim/simulation/simulate.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* ---- helpers ---------------------------------------------------------- */

/* Adds a device of `slots` slots on memory node `node` (created if new). */
static pel_device_id add_dev(pel_platform *p, const char *name, const char *cls,
			     double speed, uint32_t slots, const char *node, double launch,
			     const pel_efficiency *eff, uint32_t neff)
{
	pel_device d = { 0 };
	d.name = (char *)name;
	d.class_name = (char *)cls;
	d.speed = speed;
	d.slots = slots;
	d.node = pel_platform_node(p, node);
	d.launch = launch;
	d.eff = (pel_efficiency *)eff;
	d.neff = neff;
	return pel_platform_add_device(p, &d);
}

/* Identical unit-speed cpu devices on one memory node. */
static pel_platform *identical_devices(uint32_t n)
{
	pel_platform *p = pel_platform_new();
	for (uint32_t i = 0; i < n; i++) {
		char name[16];
		snprintf(name, sizeof name, "c%u", i);
		add_dev(p, name, "cpu", 1.0, 1, "mem", 0, NULL, 0);
	}
	pel_platform_finish(p);
	return p;
}

/* A DAG of tasks with the given work (no edges yet). */
static pel_dag *tasks_with_work(const double *work, uint32_t n)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (uint32_t i = 0; i < n; i++)
		pel_dag_add_task(g, NULL, k, work[i]);
	return g;
}

/* Binds p and g; fails the test (fatally) when the model refuses them. */
static pel_model *bind_ok(const pel_platform *p, const pel_dag *g)
{
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	if (!m)
		fprintf(stderr, "\n    bind failed: %s\n", err.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	return m;
}

/* Runs the named policy to completion with the given seed. */
static pel_sim_result *run_policy(const pel_model *m, const char *policy, uint64_t seed)
{
	const pel_policy *pol = pel_policy_find(policy);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pol);
	pel_sim_options opt = { .seed = seed, .stop_time = INFINITY, .record_transfers = 1 };
	pel_sim_result *r = pel_simulate(m, pol, &opt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	if (!r->complete)
		fprintf(stderr, "\n    %s: incomplete run: %s\n", policy, r->error);
	return r;
}

typedef struct {
	pel_device_id dev;
	uint32_t slot;
	double start, end;
	pel_task_id t;
} placed;

static int cmp_placed(const void *a, const void *b)
{
	const placed *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* The schedule checker: re-derives from the model alone that the run is
 * complete; every task ran exactly once, on a device able to run it, in
 * an existing slot, for its model time; no two tasks overlap on a device
 * slot; every task starts no earlier than each predecessor's end plus the
 * transfer between their memory nodes (0 on one node) and no earlier than
 * it became ready; per-device task counts and busy times and the makespan
 * add up.  Returns the number of violations; the first is described on
 * stderr. */
static unsigned check_schedule(const pel_model *m, const pel_sim_result *r, const char *what)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	unsigned bad = 0;
	char first[320] = "";
	double tol = 1e-9 * fmax(1.0, r->makespan);
#define VIOLATION(...)                                                   \
	do {                                                             \
		if (!bad++)                                              \
			snprintf(first, sizeof first, __VA_ARGS__);      \
	} while (0)

	if (!r->complete)
		VIOLATION("run not complete: %s", r->error);
	placed *pl = calloc((size_t)g->ntasks + 1, sizeof *pl);
	uint32_t *count = calloc((size_t)p->ndevices + 1, sizeof *count);
	double *busy = calloc((size_t)p->ndevices + 1, sizeof *busy);
	double last = 0;
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		pel_device_id d = r->dev[t];
		if (d >= p->ndevices) {
			VIOLATION("task %u never ran", t);
			continue;
		}
		double exec = pel_model_exec(m, t, d);
		if (!isfinite(exec))
			VIOLATION("task %u ran on device %u, which cannot run it", t, d);
		if (r->slot[t] >= p->devices[d].slots)
			VIOLATION("task %u in slot %u of a %u-slot device", t, r->slot[t],
				  p->devices[d].slots);
		if (fabs(r->end[t] - r->start[t] - exec) > tol)
			VIOLATION("task %u ran %g s, its model time is %g s", t,
				  r->end[t] - r->start[t], exec);
		if (r->start[t] < -tol || r->start[t] + tol < r->ready[t])
			VIOLATION("task %u started at %g, before it was ready at %g", t,
				  r->start[t], r->ready[t]);
		count[d]++;
		busy[d] += r->end[t] - r->start[t];
		last = fmax(last, r->end[t]);
		pl[t] = (placed){ d, r->slot[t], r->start[t], r->end[t], t };
	}
	/* precedence plus the transfer of each edge's data */
	for (uint32_t e = 0; e < g->nedges; e++) {
		pel_task_id a = g->src[e], b = g->dst[e];
		if (r->dev[a] >= p->ndevices || r->dev[b] >= p->ndevices)
			continue;
		double arrive = r->end[a] + pel_model_comm_dev(m, e, r->dev[a], r->dev[b]);
		if (r->start[b] + tol < arrive)
			VIOLATION("task %u started at %g, before the data of task %u arrived at %g",
				  b, r->start[b], a, arrive);
	}
	/* no overlap on any device slot */
	qsort(pl, g->ntasks, sizeof *pl, cmp_placed);
	for (uint32_t i = 1; i < g->ntasks; i++)
		if (pl[i].dev == pl[i - 1].dev && pl[i].slot == pl[i - 1].slot &&
		    pl[i].dev < p->ndevices && pl[i].start + tol < pl[i - 1].end)
			VIOLATION("tasks %u and %u overlap on device %u slot %u", pl[i - 1].t,
				  pl[i].t, pl[i].dev, pl[i].slot);
	/* per-device accounting: each task counted once */
	uint32_t total = 0;
	for (pel_device_id d = 0; d < p->ndevices; d++) {
		total += r->tasks[d];
		if (r->tasks[d] != count[d])
			VIOLATION("device %u reports %u tasks, ran %u", d, r->tasks[d], count[d]);
		if (fabs(r->busy[d] - busy[d]) > tol * (1 + count[d]))
			VIOLATION("device %u reports %g s busy, ran %g s", d, r->busy[d], busy[d]);
	}
	if (total != g->ntasks)
		VIOLATION("%u task runs for %u tasks", total, g->ntasks);
	if (fabs(r->makespan - last) > tol)
		VIOLATION("makespan %g, last task ends at %g", r->makespan, last);
	if (r->events < g->ntasks)
		VIOLATION("%llu events for %u tasks", (unsigned long long)r->events, g->ntasks);
#undef VIOLATION
	if (bad)
		fprintf(stderr, "\n    %s: %u violation(s), first: %s\n", what, bad, first);
	free(pl);
	free(count);
	free(busy);
	return bad;
}

/* 1 when two results place and time every task identically. */
static int same_schedule(const pel_sim_result *a, const pel_sim_result *b, uint32_t n)
{
	return a->complete == b->complete && a->makespan == b->makespan &&
	       !memcmp(a->dev, b->dev, n * sizeof *a->dev) &&
	       !memcmp(a->slot, b->slot, n * sizeof *a->slot) &&
	       !memcmp(a->start, b->start, n * sizeof *a->start) &&
	       !memcmp(a->end, b->end, n * sizeof *a->end);
}

/* ---- the HEFT paper's example ------------------------------------------ */

/* Computation costs w(i, j) of task n(i+1) on processor P(j+1). */
static const double paper_w[10][3] = {
	{ 14, 16, 9 }, { 13, 19, 18 }, { 11, 13, 19 }, { 13, 8, 17 }, { 12, 13, 10 },
	{ 13, 16, 9 }, { 7, 15, 11 },  { 5, 11, 14 },  { 18, 12, 20 }, { 21, 7, 16 },
};

/* Edges (1-based task numbers) and their communication costs. */
static const struct {
	int from, to;
	double c;
} paper_e[15] = {
	{ 1, 2, 18 }, { 1, 3, 12 }, { 1, 4, 9 },  { 1, 5, 11 }, { 1, 6, 14 },
	{ 2, 8, 19 }, { 2, 9, 16 }, { 3, 7, 23 }, { 4, 8, 27 }, { 4, 9, 23 },
	{ 5, 9, 13 }, { 6, 8, 15 }, { 7, 10, 17 }, { 8, 10, 11 }, { 9, 10, 13 },
};

/* Published ranks, per task n1..n10. */
static const double paper_rank_u[10] = { 108, 77, 80, 80, 69, 63.333, 42.667, 35.667, 44.333, 14.667 };
static const double paper_rank_d[10] = { 0, 31, 25, 22, 24, 27, 62.333, 66.667, 63.667, 93.333 };

/* Published HEFT schedule, per task n1..n10: processor (1-based), start, finish. */
static const struct {
	int proc;
	double start, finish;
} paper_heft[10] = {
	{ 3, 0, 9 },   { 1, 27, 40 }, { 3, 9, 28 },  { 2, 18, 26 }, { 3, 28, 38 },
	{ 2, 26, 42 }, { 3, 38, 49 }, { 1, 57, 62 }, { 2, 56, 68 }, { 2, 73, 80 },
};

/* Three processors P1..P3, each with its own memory (so an edge costs its
 * time between two of them and nothing on one), explicit task times per
 * processor and explicit communication times. */
static void build_paper(pel_platform **pp, pel_dag **gp)
{
	pel_platform *p = pel_platform_new();
	static const char *const names[3] = { "P1", "P2", "P3" };
	for (int j = 0; j < 3; j++)
		add_dev(p, names[j], "cpu", 1.0, 1, names[j], 0, NULL, 0);
	pel_platform_finish(p);
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof name, "n%d", i + 1);
		pel_task_id t = pel_dag_add_task(g, name, k, 0);
		for (int j = 0; j < 3; j++)
			pel_dag_add_cost(g, t, names[j], paper_w[i][j]);
	}
	for (int e = 0; e < 15; e++)
		pel_dag_add_edge(g, (pel_task_id)paper_e[e].from - 1, (pel_task_id)paper_e[e].to - 1,
				 0, paper_e[e].c);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	*pp = p;
	*gp = g;
}

/* The model reproduces the paper's cost table and its mean costs. */
static void test_paper_model(void)
{
	pel_platform *p;
	pel_dag *g;
	build_paper(&p, &g);
	pel_model *m = bind_ok(p, g);
	for (pel_task_id t = 0; t < 10; t++) {
		for (pel_device_id d = 0; d < 3; d++)
			CU_ASSERT_DOUBLE_EQUAL(pel_model_exec(m, t, d), paper_w[t][d], 0.0);
		CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_exec(m, t),
				       (paper_w[t][0] + paper_w[t][1] + paper_w[t][2]) / 3, 1e-12);
	}
	for (uint32_t e = 0; e < 15; e++) {
		CU_ASSERT_DOUBLE_EQUAL(pel_model_mean_comm(m, e), paper_e[e].c, 1e-12);
		CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, e, 0, 1), paper_e[e].c, 0.0);
		CU_ASSERT_DOUBLE_EQUAL(pel_model_comm_dev(m, e, 2, 2), 0.0, 0.0);
	}
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Upward and downward ranks equal the published ones (3 decimals). */
static void test_paper_ranks(void)
{
	pel_platform *p;
	pel_dag *g;
	build_paper(&p, &g);
	pel_model *m = bind_ok(p, g);
	double up[10], down[10];
	pel_rank_upward(m, up);
	pel_rank_downward(m, down);
	for (int i = 0; i < 10; i++) {
		CU_ASSERT_DOUBLE_EQUAL(up[i], paper_rank_u[i], 1e-3);
		CU_ASSERT_DOUBLE_EQUAL(down[i], paper_rank_d[i], 1e-3);
	}
	/* the order HEFT uses: by rank_u, predecessors first; n1 heads it,
	 * n10 ends it */
	pel_task_id order[10];
	pel_order_by_key_desc(m, up, order);
	CU_ASSERT_EQUAL(order[0], 0);
	CU_ASSERT_EQUAL(order[9], 9);
	uint32_t pos[10], bad = 0;
	for (uint32_t i = 0; i < 10; i++)
		pos[order[i]] = i;
	for (int e = 0; e < 15; e++)
		bad += pos[paper_e[e].from - 1] > pos[paper_e[e].to - 1];
	CU_ASSERT_EQUAL(bad, 0);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* HEFT through the simulator: makespan 80, and each task on the paper's
 * processor from the paper's start to its finish. */
static void test_paper_heft_schedule(void)
{
	pel_platform *p;
	pel_dag *g;
	build_paper(&p, &g);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "heft", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 80.0, EPS);
	for (int i = 0; i < 10; i++) {
		CU_ASSERT_EQUAL(r->dev[i], (pel_device_id)paper_heft[i].proc - 1);
		CU_ASSERT_EQUAL(r->slot[i], 0);
		CU_ASSERT_DOUBLE_EQUAL(r->start[i], paper_heft[i].start, EPS);
		CU_ASSERT_DOUBLE_EQUAL(r->end[i], paper_heft[i].finish, EPS);
	}
	CU_ASSERT_EQUAL(r->tasks[0], 2); /* P1: n2, n8 */
	CU_ASSERT_EQUAL(r->tasks[1], 4); /* P2: n4, n6, n9, n10 */
	CU_ASSERT_EQUAL(r->tasks[2], 4); /* P3: n1, n3, n5, n7 */
	CU_ASSERT_EQUAL(check_schedule(m, r, "heft on the paper's DAG"), 0);
	pel_sim_result_free(r);

	/* the plan HEFT computes at init is the same schedule */
	double up[10];
	pel_task_id order[10];
	pel_rank_upward(m, up);
	pel_order_by_key_desc(m, up, order);
	pel_plan *plan = pel_plan_new(m);
	for (int i = 0; i < 10; i++)
		pel_plan_place_eft(plan, order[i]);
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_makespan(plan), 80.0, EPS);
	for (int i = 0; i < 10; i++) {
		CU_ASSERT_EQUAL(plan->dev[i], (pel_device_id)paper_heft[i].proc - 1);
		CU_ASSERT_DOUBLE_EQUAL(plan->start[i], paper_heft[i].start, EPS);
	}
	pel_plan_free(plan);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Eager on the paper's DAG: a valid schedule, never shorter than the
 * longest chain of minimum execution times (communications free). */
static void test_paper_eager_valid(void)
{
	pel_platform *p;
	pel_dag *g;
	build_paper(&p, &g);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager on the paper's DAG"), 0);
	/* longest path of min exec times, communications free */
	double lp[10] = { 0 }, cp = 0;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id t = g->topo[i];
		double best = 0;
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++)
			best = fmax(best, lp[g->src[g->pred[k]]]);
		lp[t] = best + pel_model_min_exec(m, t);
		cp = fmax(cp, lp[t]);
	}
	CU_ASSERT(r->makespan + EPS >= cp);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* ---- the plan's insertion search ---------------------------------------- */

/* Insertion-based EFT: a job goes into an idle gap of a device's timeline
 * when it fits there, else after the last busy interval; data readiness
 * counts the transfer from a predecessor on another memory node. */
static void test_plan_insertion(void)
{
	pel_platform *p = pel_platform_new();
	add_dev(p, "d0", "cpu", 1.0, 1, "n0", 0, NULL, 0);
	add_dev(p, "d1", "cpu", 1.0, 1, "n1", 0, NULL, 0);
	pel_platform_finish(p);
	static const double work[5] = { 1, 1, 2, 5, 1 };
	pel_dag *g = tasks_with_work(work, 5);
	pel_dag_add_edge(g, 0, 4, 0, 3.0); /* explicit comm 3 */
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_plan *plan = pel_plan_new(m);
	pel_plan_place(plan, 0, 0, 0, 0.0); /* d0 busy [0,1] */
	pel_plan_place(plan, 1, 0, 0, 5.0); /* d0 busy [5,6] */
	uint32_t slot = 99;
	double start = -1;
	/* 2 s fits in the gap [1,5] */
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_eft(plan, 2, 0, &slot, &start), 3.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(start, 1.0, EPS);
	CU_ASSERT_EQUAL(slot, 0);
	/* 5 s does not: after the last interval */
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_eft(plan, 3, 0, &slot, &start), 11.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(start, 6.0, EPS);
	/* data readiness: 1 on d0 (same node), 1 + 3 on d1 */
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_data_ready(plan, 4, 0), 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_data_ready(plan, 4, 1), 4.0, EPS);
	/* task 4 (1 s): gap on d0 at 1-2 beats d1 at 4-5 */
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_place_eft(plan, 4), 2.0, EPS);
	CU_ASSERT_EQUAL(plan->dev[4], 0);
	CU_ASSERT_DOUBLE_EQUAL(plan->start[4], 1.0, EPS);
	/* the gap is now [2,5]: 2 s still fits at 2 */
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_eft(plan, 2, 0, &slot, &start), 4.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(start, 2.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(pel_plan_makespan(plan), 6.0, EPS);
	pel_plan_free(plan);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Equal keys are ordered by topological position, not by id, so a
 * predecessor precedes its successors even when its id is larger: zero
 * costs give the chain 3 -> 2 -> 1 -> 0 equal ranks. */
static void test_order_ties(void)
{
	pel_platform *p = identical_devices(2);
	static const double work[4] = { 0, 0, 0, 0 };
	pel_dag *g = tasks_with_work(work, 4);
	for (pel_task_id t = 3; t > 0; t--)
		pel_dag_add_edge(g, t, t - 1, 0, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	double rank[4];
	pel_task_id order[4];
	pel_rank_upward(m, rank);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_DOUBLE_EQUAL(rank[i], 0.0, 0.0);
	pel_order_by_key_desc(m, rank, order);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(order[i], (pel_task_id)(3 - i));
	/* distinct keys: largest first */
	static const double key[4] = { 1.0, 4.0, 2.0, 3.0 };
	pel_order_by_key_desc(m, key, order);
	CU_ASSERT_EQUAL(order[0], 1);
	CU_ASSERT_EQUAL(order[1], 3);
	CU_ASSERT_EQUAL(order[2], 2);
	CU_ASSERT_EQUAL(order[3], 0);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* ---- eager on small DAGs ----------------------------------------------- */

/* A chain a -> b -> c on two devices runs strictly in sequence: the
 * makespan is the sum of the three times. */
static void test_eager_chain(void)
{
	static const double work[3] = { 1, 2, 3 };
	pel_platform *p = identical_devices(2);
	pel_dag *g = tasks_with_work(work, 3);
	pel_dag_add_edge(g, 0, 1, 0, NAN);
	pel_dag_add_edge(g, 1, 2, 0, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 6.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[0], 0.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[1], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], 3.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->ready[2], 3.0, EPS);
	CU_ASSERT_EQUAL(r->transfers, 0);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager chain"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Four independent equal tasks on two devices: two rounds, each device
 * runs two tasks and is busy the whole makespan. */
static void test_eager_independent(void)
{
	static const double work[4] = { 2, 2, 2, 2 };
	pel_platform *p = identical_devices(2);
	pel_dag *g = tasks_with_work(work, 4);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 4.0, EPS);
	CU_ASSERT_EQUAL(r->tasks[0], 2);
	CU_ASSERT_EQUAL(r->tasks[1], 2);
	CU_ASSERT_DOUBLE_EQUAL(r->busy[0], 4.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->busy[1], 4.0, EPS);
	/* the two oldest go first */
	CU_ASSERT_DOUBLE_EQUAL(r->start[0], 0.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[1], 0.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], 2.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[3], 2.0, EPS);
	CU_ASSERT_NOT_EQUAL(r->dev[0], r->dev[1]);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager independent"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* Fork-join a -> {b, c, d} -> e on two devices: a at 0-1, two of the
 * branches at 1-3, the third at 3-5, e at 5-6. */
static void test_eager_fork_join(void)
{
	static const double work[5] = { 1, 2, 2, 2, 1 };
	pel_platform *p = identical_devices(2);
	pel_dag *g = tasks_with_work(work, 5);
	for (pel_task_id b = 1; b <= 3; b++) {
		pel_dag_add_edge(g, 0, b, 0, NAN);
		pel_dag_add_edge(g, b, 4, 0, NAN);
	}
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 6.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[1], 1.0, EPS); /* FIFO: b and c first */
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[3], 3.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[4], 5.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->ready[4], 5.0, EPS);
	CU_ASSERT_EQUAL(r->tasks[0] + r->tasks[1], 5);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager fork-join"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* FIFO: the oldest ready task goes first, even when a younger ready task
 * has a smaller id.  One device; A, B, E ready at 0; A's end readies D
 * (id 3), B's end readies C (id 2); so the order is A B E D C. */
static void test_eager_fifo(void)
{
	static const double work[5] = { 1, 1, 1, 1, 10 };
	enum { A, B, C, D, E };
	pel_platform *p = identical_devices(1);
	pel_dag *g = tasks_with_work(work, 5);
	pel_dag_add_edge(g, A, D, 0, NAN);
	pel_dag_add_edge(g, B, C, 0, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_DOUBLE_EQUAL(r->start[A], 0.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[B], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[E], 2.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[D], 12.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[C], 13.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 14.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->ready[D], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->ready[C], 2.0, EPS);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager fifo"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* A cpu and a gpu on one node; tasks with explicit times per class. */
static void cpu_gpu(pel_platform **pp, pel_device_id *cpu, pel_device_id *gpu)
{
	pel_platform *p = pel_platform_new();
	*cpu = add_dev(p, "cpu0", "cpu", 1.0, 1, "host", 0, NULL, 0);
	*gpu = add_dev(p, "gpu0", "gpu", 1.0, 1, "host", 0, NULL, 0);
	pel_platform_finish(p);
	*pp = p;
}

/* A task with a time for the gpu only runs there, even when the cpu is
 * idle first and the gpu is busy. */
static void test_eager_restricted(void)
{
	pel_platform *p;
	pel_device_id cpu, gpu;
	cpu_gpu(&p, &cpu, &gpu);
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "task");
	for (int i = 0; i < 3; i++)
		pel_dag_add_task(g, NULL, k, 0);
	pel_dag_add_cost(g, 0, "cpu", 1);
	pel_dag_add_cost(g, 0, "gpu", 1);
	pel_dag_add_cost(g, 1, "cpu", 1);
	pel_dag_add_cost(g, 1, "gpu", 1);
	pel_dag_add_cost(g, 2, "gpu0", 2); /* gpu only */
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_EQUAL(r->dev[0], cpu); /* the cpu is offered work first */
	CU_ASSERT_EQUAL(r->dev[1], gpu);
	CU_ASSERT_EQUAL(r->dev[2], gpu);
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 3.0, EPS);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager restricted"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);

	/* the oldest tasks are gpu-only: the idle cpu looks past them */
	g = pel_dag_new();
	k = pel_dag_kind(g, "task");
	for (int i = 0; i < 3; i++)
		pel_dag_add_task(g, NULL, k, 0);
	pel_dag_add_cost(g, 0, "gpu", 5);
	pel_dag_add_cost(g, 1, "gpu", 5);
	pel_dag_add_cost(g, 2, "cpu", 1);
	pel_dag_add_cost(g, 2, "gpu", 1);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	m = bind_ok(p, g);
	r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_EQUAL(r->dev[2], cpu);
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], 0.0, EPS);
	CU_ASSERT_EQUAL(r->dev[0], gpu);
	CU_ASSERT_EQUAL(r->dev[1], gpu);
	CU_ASSERT_DOUBLE_EQUAL(r->start[0], 0.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[1], 5.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 10.0, EPS);
	CU_ASSERT_EQUAL(r->tasks[cpu], 1);
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager restricted 2"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* a -> b and a -> c, 200 bytes each, two unit-speed devices.  a runs on
 * d0 at 0-1; then d0 takes b and d1 takes c.  With d0 and d1 on nodes
 * joined by a link of 100 B/s and 1 s latency, c waits 1 + 200/100 = 3 s
 * for its data and b (same node as a) none; on one shared node neither
 * waits and nothing moves. */
static void comm_case(int shared_node, double want_c_start)
{
	pel_platform *p = pel_platform_new();
	add_dev(p, "d0", "cpu", 1.0, 1, "n0", 0, NULL, 0);
	add_dev(p, "d1", "cpu", 1.0, 1, shared_node ? "n0" : "n1", 0, NULL, 0);
	if (!shared_node)
		pel_platform_add_link(p, 0, 1, 100.0, 1.0);
	pel_platform_finish(p);
	static const double work[3] = { 1, 1, 1 };
	pel_dag *g = tasks_with_work(work, 3);
	pel_dag_add_edge(g, 0, 1, 200, NAN);
	uint32_t ac = pel_dag_add_edge(g, 0, 2, 200, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_result *r = run_policy(m, "eager", 1);
	CU_ASSERT(r->complete);
	CU_ASSERT_EQUAL(r->dev[0], 0);
	CU_ASSERT_EQUAL(r->dev[1], 0);
	CU_ASSERT_EQUAL(r->dev[2], 1);
	CU_ASSERT_DOUBLE_EQUAL(r->start[1], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->ready[2], 1.0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->start[2], want_c_start, EPS);
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, want_c_start + 1, EPS);
	if (shared_node) {
		CU_ASSERT_EQUAL(r->transfers, 0);
		CU_ASSERT_DOUBLE_EQUAL(r->bytes_moved, 0.0, 0.0);
		CU_ASSERT_EQUAL(r->nxfers, 0);
	} else {
		CU_ASSERT_EQUAL(r->transfers, 1);
		CU_ASSERT_DOUBLE_EQUAL(r->bytes_moved, 200.0, 0.0);
		CU_ASSERT_EQUAL_FATAL(r->nxfers, 1);
		CU_ASSERT_EQUAL(r->xfers[0].edge, ac);
		CU_ASSERT_EQUAL(r->xfers[0].from, 0);
		CU_ASSERT_EQUAL(r->xfers[0].to, 1);
		CU_ASSERT_DOUBLE_EQUAL(r->xfers[0].start, 1.0, EPS);
		CU_ASSERT_DOUBLE_EQUAL(r->xfers[0].end, 4.0, EPS);
	}
	CU_ASSERT_EQUAL(check_schedule(m, r, "eager with communication"), 0);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

static void test_eager_comm_cross_node(void)
{
	comm_case(0, 4.0);
}

static void test_eager_comm_same_node(void)
{
	comm_case(1, 1.0);
}

/* A run stopped early is reported incomplete, with the reason. */
static void test_stop_time(void)
{
	static const double work[3] = { 1, 2, 3 };
	pel_platform *p = identical_devices(2);
	pel_dag *g = tasks_with_work(work, 3);
	pel_dag_add_edge(g, 0, 1, 0, NAN);
	pel_dag_add_edge(g, 1, 2, 0, NAN);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	pel_model *m = bind_ok(p, g);
	pel_sim_options opt = { .seed = 1, .stop_time = 2.5 };
	pel_sim_result *r = pel_simulate(m, pel_policy_find("eager"), &opt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT(!r->complete);
	CU_ASSERT(r->error[0] != '\0');
	CU_ASSERT_DOUBLE_EQUAL(r->makespan, 1.0, EPS); /* only a finished */
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* The registry knows the built-in policies by name, and only them. */
static void test_registry(void)
{
	const pel_policy *e = pel_policy_find("eager"), *h = pel_policy_find("heft");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_STRING_EQUAL(e->name, "eager");
	CU_ASSERT_STRING_EQUAL(h->name, "heft");
	CU_ASSERT_PTR_NULL(pel_policy_find("no-such-policy"));
	size_t n = 0;
	const pel_policy *const *all = pel_policy_list(&n);
	int seen = 0;
	for (size_t i = 0; i < n; i++)
		seen |= (all[i] == e) | (all[i] == h) << 1;
	CU_ASSERT_EQUAL(seen, 3);
}

/* ---- random DAGs on a heterogeneous platform ---------------------------- */

/* Two 2-slot cpus on the host memory and a gpu on its own memory, joined
 * by a link; efficiencies per kind; the gpu pays a launch overhead.  With
 * one_slot the cpus have a single slot each. */
static pel_platform *hetero_platform(int one_slot)
{
	pel_efficiency ecpu[] = { { (char *)"gemm", 0.9 }, { (char *)"potrf", 0.7 } };
	pel_efficiency egpu[] = { { (char *)"gemm", 0.95 }, { (char *)"potrf", 0.3 },
				  { (char *)"copy", 0.5 } };
	pel_platform *p = pel_platform_new();
	uint32_t cs = one_slot ? 1 : 2;
	add_dev(p, "cpu0", "cpu", 1e9, cs, "host", 0, ecpu, 2);
	add_dev(p, "cpu1", "cpu", 1e9, cs, "host", 0, ecpu, 2);
	add_dev(p, "gpu0", "gpu", 8e9, 1, "gmem", 1e-4, egpu, 3);
	pel_platform_add_link(p, pel_platform_find_node(p, "host"),
			      pel_platform_find_node(p, "gmem"), 1e9, 1e-5);
	pel_platform_finish(p);
	return p;
}

static const char *const rnd_kinds[] = { "gemm", "potrf", "copy" };

static pel_dag *random_dag(uint64_t seed, uint32_t tasks)
{
	pel_gen_layered prm = {
		.tasks = tasks, .shape = 1.0, .outdegree = 2.5, .jump = 2,
		.work = 1e9, .bytes = 2e8, .spread = 0.5,
		.kinds = rnd_kinds, .nkinds = 3,
	};
	gsl_rng *r = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&prm, r);
	gsl_rng_free(r);
	return g;
}

/* HEFT and eager give valid schedules on seeded random layered DAGs and
 * on a tiled Cholesky, on multi-slot and single-slot platforms. */
static void test_random_valid(void)
{
	static const char *const policies[] = { "heft", "eager" };
	for (int one_slot = 0; one_slot <= 1; one_slot++) {
		pel_platform *p = hetero_platform(one_slot);
		for (uint64_t seed = 1; seed <= 6; seed++) {
			pel_dag *g = seed == 6 ? pel_generate_cholesky(6, 256)
					       : random_dag(seed, 40 + 40 * (uint32_t)seed);
			pel_model *m = bind_ok(p, g);
			for (int k = 0; k < 2; k++) {
				char what[64];
				snprintf(what, sizeof what, "%s seed %llu%s", policies[k],
					 (unsigned long long)seed, one_slot ? " one-slot" : "");
				pel_sim_result *r = run_policy(m, policies[k], seed);
				CU_ASSERT(r->complete);
				CU_ASSERT_EQUAL(check_schedule(m, r, what), 0);
				CU_ASSERT(r->makespan > 0);
				pel_sim_result_free(r);
			}
			pel_model_free(m);
			pel_dag_free(g);
		}
		pel_platform_free(p);
	}
}

/* With one slot per device the simulator runs HEFT's static plan no
 * later than planned: every task ends at or before its planned finish
 * (each device runs its tasks in planned order, each as soon as its data
 * is there). */
static void test_heft_follows_plan(void)
{
	pel_platform *p = hetero_platform(1);
	for (uint64_t seed = 1; seed <= 4; seed++) {
		pel_dag *g = random_dag(seed, 120);
		pel_model *m = bind_ok(p, g);
		uint32_t n = g->ntasks;
		double *rank = malloc(n * sizeof *rank);
		pel_task_id *order = malloc(n * sizeof *order);
		pel_rank_upward(m, rank);
		pel_order_by_key_desc(m, rank, order);
		pel_plan *plan = pel_plan_new(m);
		for (uint32_t i = 0; i < n; i++)
			pel_plan_place_eft(plan, order[i]);
		pel_sim_result *r = run_policy(m, "heft", seed);
		CU_ASSERT(r->complete);
		uint32_t moved = 0, late = 0;
		for (pel_task_id t = 0; t < n; t++) {
			moved += r->dev[t] != plan->dev[t];
			late += r->end[t] > plan->end[t] + 1e-9 * plan->end[t];
		}
		CU_ASSERT_EQUAL(moved, 0);
		CU_ASSERT_EQUAL(late, 0);
		CU_ASSERT(r->makespan <= pel_plan_makespan(plan) * (1 + 1e-12));
		pel_sim_result_free(r);
		pel_plan_free(plan);
		free(rank);
		free(order);
		pel_model_free(m);
		pel_dag_free(g);
	}
	pel_platform_free(p);
}

/* Determinism: the same seed gives identical per-task devices, slots,
 * starts and ends, also when the DAG is regenerated from its seed. */
static void test_deterministic(void)
{
	static const char *const policies[] = { "heft", "eager" };
	pel_platform *p = hetero_platform(0);
	for (int k = 0; k < 2; k++) {
		pel_dag *g1 = random_dag(42, 200), *g2 = random_dag(42, 200);
		pel_model *m1 = bind_ok(p, g1), *m2 = bind_ok(p, g2);
		pel_sim_result *a = run_policy(m1, policies[k], 7);
		pel_sim_result *b = run_policy(m1, policies[k], 7);
		pel_sim_result *c = run_policy(m2, policies[k], 7);
		CU_ASSERT(same_schedule(a, b, g1->ntasks));
		CU_ASSERT(same_schedule(a, c, g1->ntasks));
		CU_ASSERT_EQUAL(a->events, c->events);
		CU_ASSERT_EQUAL(a->transfers, c->transfers);
		pel_sim_result_free(a);
		pel_sim_result_free(b);
		pel_sim_result_free(c);
		pel_model_free(m1);
		pel_model_free(m2);
		pel_dag_free(g1);
		pel_dag_free(g2);
	}
	pel_platform_free(p);
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test paper[] = {
		{ "cost table and mean costs", test_paper_model },
		{ "upward and downward ranks", test_paper_ranks },
		{ "HEFT schedule slot by slot, makespan 80", test_paper_heft_schedule },
		{ "eager gives a valid schedule", test_paper_eager_valid },
		{ "insertion into idle gaps", test_plan_insertion },
		{ "rank order ties follow the topological order", test_order_ties },
		{ NULL, NULL },
	};
	static const pel_t_test eager[] = {
		{ "chain of three", test_eager_chain },
		{ "four independent tasks on two devices", test_eager_independent },
		{ "fork-join", test_eager_fork_join },
		{ "FIFO: oldest ready first", test_eager_fifo },
		{ "task runnable on one device only", test_eager_restricted },
		{ "transfer between memory nodes", test_eager_comm_cross_node },
		{ "no transfer on one memory node", test_eager_comm_same_node },
		{ "stopped run is incomplete", test_stop_time },
		{ "registry", test_registry },
		{ NULL, NULL },
	};
	static const pel_t_test rnd[] = {
		{ "valid schedules on random DAGs", test_random_valid },
		{ "simulated HEFT keeps to its plan", test_heft_follows_plan },
		{ "same seed, same schedule", test_deterministic },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "HEFT paper example", paper },
		{ "eager", eager },
		{ "random DAGs", rnd },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
