/* test_library.c - the policy library (policies/) through its API and
 * through `pelsim run`.
 *
 *  - the papers' worked examples: CPOP (86) on the HEFT paper's DAG
 *    (Topcuoglu, Hariri and Wu, IEEE TPDS 13(3), 2002) and PEFT (122, with
 *    HEFT 133) on the PEFT paper's (Arabnejad and Barbosa, IEEE TPDS
 *    25(3), 2014), slot by slot, and PEFT's optimistic cost table;
 *  - every registered policy gives a valid schedule (sim/simulation/check.h), never
 *    shorter than the lower bound, and the same schedule for the same
 *    seed, on random layered DAGs, a tiled Cholesky, a DAG whose tasks only
 *    some devices can run, and streams of tasks, all on a heterogeneous
 *    platform (CPUs sharing a memory, GPUs with their own, an FPGA);
 *  - `fixed` replays a schedule (pelsim's CSV, "task device [order]"
 *    lines, device indices) exactly, and malformed assignment files give
 *    one "file:line: ..." message each;
 *  - policy parameters: accepted values change or keep the behaviour as
 *    documented, bad ones are refused naming the parameter;
 *  - user policies from shared objects (sim/studies/plugin.h);
 *  - the command line: several policies at once (JSON lines, comparison
 *    table), --check, parameters and their errors, --policy-lib,
 *    `pelsim policies --verbose`, fixed from the command line.
 *
 * PELSIM_BIN is the pelsim of this build, PEL_SOURCE_DIR the source root
 * (the tests run there: scenarios and tests/data/library/ are read by
 * relative paths, which the expected messages contain), PEL_EXAMPLE_POLICY
 * the example user policy module (policies/examples/lifo.c) and
 * PEL_NOSYM_MODULE a module that exports no policy. */
#include "../common/random.h"
#include "../models/generate.h"
#include "../models/model.h"
#include "../models/stream.h"
#include "../policies/policy.h"
#include "../sim/formats/assignment.h"
#include "../sim/simulation/check.h"
#include "../sim/formats/fileio.h"
#include "../sim/simulation/metrics.h"
#include "../sim/studies/plugin.h"
#include "../sim/formats/report.h"
#include "../sim/formats/scenario.h"
#include "../sim/simulation/simulate.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <jansson.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* In policies/peft.c, not in a header: OCT (ntasks x ndev), row-major. */
void pel_peft_oct(const pel_model *m, double *oct);

#define HEFT_PAPER "scenarios/papers/topcuoglu2002.yaml"
#define PEFT_PAPER "scenarios/papers/arabnejad2014.yaml"
#define DEMO "scenarios/demo.yaml"
#define LIB "tests/data/library/"

static const char *S(const char *s)
{
	return s ? s : "(null)";
}

/* ---- scenarios, runs, checks ---- */

static pel_scenario *load(const char *file)
{
	pel_scenario *s = NULL;
	char err[1024] = "";
	int rc = pel_scenario_load(file, NULL, 0, &s, err, sizeof err);
	CHECK(rc == 0 && s, "loading %s: %s", file, err);
	return rc ? NULL : s;
}

/* Runs policy on m; never NULL. */
static pel_sim_result *simulate(const pel_model *m, const char *policy, uint64_t seed, const pel_param *params,
				size_t nparams, const pel_assignment *a, int record)
{
	const pel_policy *pol = pel_policy_find(policy);
	CHECK(pol != NULL, "policy '%s' is registered", policy);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pol);
	pel_sim_options opt = {
		.seed = seed,
		.stop_time = INFINITY,
		.record_transfers = record,
		.params = params,
		.nparams = nparams,
		.assignment = a,
	};
	pel_sim_result *r = pel_simulate(m, pol, &opt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

/* A complete run whose schedule passes the checker, with the makespan not
 * below the lower bound, start never before ready, and per-device task
 * counts that add up.  Returns 1 when all hold. */
static int valid(const pel_model *m, const pel_sim_result *r, const char *what)
{
	int ok = r->complete && !r->refused;
	CHECK(ok, "%s: expected a complete run, found %s%s", what, r->refused ? "refused: " : "", r->error);
	if (!ok)
		return 0;
	char err[512] = "";
	int checked = pel_check_schedule(m, r, err, sizeof err) == 0;
	CHECK(checked, "%s: invalid schedule: %s", what, err);
	double cp, area;
	pel_bounds(m, &cp, &area);
	double lb = fmax(cp, area), tol = 1e-9 * fmax(1, r->makespan);
	int above = r->makespan + tol >= lb;
	CHECK(above, "%s: makespan %.17g below the lower bound %.17g (CP_MIN %.17g, area %.17g)", what,
	      r->makespan, lb, cp, area);
	uint32_t *count = calloc(m->ndev, sizeof *count);
	int order = 1, runnable = 1;
	for (pel_task_id t = 0; t < m->g->ntasks; t++) {
		if (r->dev[t] >= m->ndev)
			continue; /* the checker said so */
		count[r->dev[t]]++;
		order &= r->start[t] + tol >= r->ready[t];
		runnable &= isfinite(pel_model_exec(m, t, r->dev[t]));
	}
	int counts = 1;
	for (pel_device_id d = 0; d < m->ndev; d++)
		counts &= count[d] == r->tasks[d];
	free(count);
	CHECK(order, "%s: a task started before it was ready", what);
	CHECK(runnable, "%s: a task ran on a device that cannot run it", what);
	CHECK(counts, "%s: per-device task counts do not add up", what);
	return checked && above && order && runnable && counts;
}

/* 1 when two results place and time every task identically. */
static int same_schedule(const pel_sim_result *a, const pel_sim_result *b, uint32_t n)
{
	return a->complete == b->complete && a->makespan == b->makespan && a->events == b->events &&
	       !memcmp(a->dev, b->dev, n * sizeof *a->dev) && !memcmp(a->slot, b->slot, n * sizeof *a->slot) &&
	       !memcmp(a->start, b->start, n * sizeof *a->start) && !memcmp(a->end, b->end, n * sizeof *a->end);
}

/* ---- the papers' examples ---- */

typedef struct {
	const char *task, *dev;
	double start, end;
} slot_want;

/* r places every task of want on its device from start to end, exactly. */
static void expect_schedule(const pel_scenario *s, const pel_sim_result *r, const slot_want *want, size_t n,
			    const char *what)
{
	CHECK(n == s->dag->ntasks, "%s: %zu tasks expected, the DAG has %u", what, n, s->dag->ntasks);
	for (size_t i = 0; i < n; i++) {
		pel_task_id t = pel_dag_find_task(s->dag, want[i].task);
		pel_device_id d = pel_platform_find_device(s->platform, want[i].dev);
		CHECK(t != PEL_NO_TASK && d != PEL_NO_DEVICE, "%s: task %s, device %s exist", what, want[i].task,
		      want[i].dev);
		if (t == PEL_NO_TASK || d == PEL_NO_DEVICE)
			continue;
		const char *got = r->dev[t] < s->platform->ndevices ? s->platform->devices[r->dev[t]].name : "none";
		CHECK(r->dev[t] == d && r->start[t] == want[i].start && r->end[t] == want[i].end,
		      "%s: %s expected on %s from %g to %g, found on %s from %.17g to %.17g", what, want[i].task,
		      want[i].dev, want[i].start, want[i].end, got, r->start[t], r->end[t]);
	}
}

static const slot_want cpop_heft_paper[] = {
	{ "n1", "P2", 0, 16 },	 { "n2", "P2", 16, 35 }, { "n3", "P1", 28, 39 }, { "n4", "P3", 25, 42 },
	{ "n5", "P2", 35, 48 },	 { "n6", "P3", 42, 51 }, { "n7", "P1", 39, 46 }, { "n8", "P3", 54, 68 },
	{ "n9", "P2", 65, 77 },	 { "n10", "P2", 79, 86 },
};

static const slot_want heft_heft_paper[] = {
	{ "n1", "P3", 0, 9 },	{ "n2", "P1", 27, 40 }, { "n3", "P3", 9, 28 },	{ "n4", "P2", 18, 26 },
	{ "n5", "P3", 28, 38 }, { "n6", "P2", 26, 42 }, { "n7", "P3", 38, 49 }, { "n8", "P1", 57, 62 },
	{ "n9", "P2", 56, 68 }, { "n10", "P2", 73, 80 },
};

static const slot_want peft_peft_paper[] = {
	{ "T1", "P1", 0, 22 },	 { "T4", "P1", 22, 29 }, { "T6", "P2", 29, 46 }, { "T2", "P1", 29, 51 },
	{ "T3", "P1", 51, 83 },	 { "T5", "P3", 35, 70 }, { "T8", "P2", 54, 77 }, { "T7", "P1", 83, 97 },
	{ "T9", "P3", 81, 89 },	 { "T10", "P2", 106, 122 },
};

static const slot_want heft_peft_paper[] = {
	{ "T1", "P2", 0, 21 },	 { "T5", "P2", 21, 48 }, { "T6", "P3", 28, 52 }, { "T2", "P1", 38, 60 },
	{ "T3", "P2", 48, 75 },	 { "T4", "P3", 52, 56 }, { "T8", "P1", 67, 96 }, { "T7", "P2", 75, 100 },
	{ "T9", "P3", 105, 113 }, { "T10", "P1", 120, 133 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Runs policy on scenario s, expects a valid run of the given makespan and,
 * when want is given, that schedule. */
static void paper_run(const pel_scenario *s, const char *policy, double makespan, const slot_want *want, size_t n)
{
	char what[128];
	snprintf(what, sizeof what, "%s on %s", policy, s->name);
	pel_sim_result *r = simulate(s->model, policy, 1, NULL, 0, NULL, 0);
	if (valid(s->model, r, what)) {
		CHECK(r->makespan == makespan, "%s: makespan %.17g, expected %g", what, r->makespan, makespan);
		if (want)
			expect_schedule(s, r, want, n, what);
		/* one processor per memory, one slot each */
		for (pel_task_id t = 0; t < s->dag->ntasks; t++)
			CU_ASSERT_EQUAL(r->slot[t], 0);
	}
	pel_sim_result_free(r);
}

/* HEFT paper: HEFT 80 (its published schedule), CPOP 86 slot by slot (the
 * paper's figure), PEFT 85 (what the PEFT rules give on this DAG). */
static void test_heft_paper(void)
{
	pel_scenario *s = load(HEFT_PAPER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	paper_run(s, "heft", 80, heft_heft_paper, NELEM(heft_heft_paper));
	paper_run(s, "cpop", 86, cpop_heft_paper, NELEM(cpop_heft_paper));
	paper_run(s, "peft", 85, NULL, 0);
	pel_scenario_free(s);
}

/* PEFT paper: PEFT 122 and HEFT 133, both slot by slot (the paper's
 * figure 3). */
static void test_peft_paper(void)
{
	pel_scenario *s = load(PEFT_PAPER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	paper_run(s, "peft", 122, peft_peft_paper, NELEM(peft_peft_paper));
	paper_run(s, "heft", 133, heft_peft_paper, NELEM(heft_peft_paper));
	pel_scenario_free(s);
}

/* The PEFT paper's optimistic cost table (table 2) and rank_oct, the mean
 * of each row (given to one decimal in the paper). */
static void test_peft_oct(void)
{
	static const double paper_oct[10][3] = {
		{ 64, 68, 86 }, { 42, 39, 42 }, { 27, 41, 43 }, { 42, 39, 50 }, { 28, 37, 28 },
		{ 42, 39, 44 }, { 13, 16, 22 }, { 13, 16, 33 }, { 13, 16, 20 }, { 0, 0, 0 },
	};
	static const double paper_rank[10] = { 72.7, 41.0, 37.0, 43.7, 31.0, 41.7, 17.0, 20.7, 16.3, 0.0 };
	pel_scenario *s = load(PEFT_PAPER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL_FATAL(s->model->ndev, 3);
	CU_ASSERT_EQUAL_FATAL(s->dag->ntasks, 10);
	double oct[30];
	for (int i = 0; i < 30; i++)
		oct[i] = NAN;
	pel_peft_oct(s->model, oct);
	for (int i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof name, "T%d", i + 1);
		pel_task_id t = pel_dag_find_task(s->dag, name);
		CU_ASSERT_FATAL(t != PEL_NO_TASK);
		double sum = 0;
		for (int p = 0; p < 3; p++) {
			double got = oct[t * 3 + p];
			CHECK(got == paper_oct[i][p], "OCT(%s, P%d) = %.17g, the paper's is %g", name, p + 1, got,
			      paper_oct[i][p]);
			sum += got;
		}
		CHECK(fabs(sum / 3 - paper_rank[i]) < 0.05, "rank_oct(%s) = %.6g, the paper's is %.1f", name, sum / 3,
		      paper_rank[i]);
	}
	pel_scenario_free(s);
}

/* ---- a heterogeneous platform and the workloads on it ---- */

static pel_efficiency effs_cpu[] = {
	{ (char *)"a", 1.0 },	 { (char *)"b", 0.8 },	 { (char *)"c", 0.5 },	 { (char *)"potrf", 0.8 },
	{ (char *)"trsm", 0.9 }, { (char *)"syrk", 0.9 }, { (char *)"gemm", 1.0 },
};
static pel_efficiency effs_gpu[] = {
	{ (char *)"a", 0.9 },	 { (char *)"b", 0.2 },	 { (char *)"c", 1.0 },	 { (char *)"potrf", 0.05 },
	{ (char *)"trsm", 0.6 }, { (char *)"syrk", 0.8 }, { (char *)"gemm", 0.9 },
};
static pel_efficiency effs_fpga[] = {
	{ (char *)"a", 0.3 },	 { (char *)"b", 1.0 },	 { (char *)"c", 0.6 },	 { (char *)"potrf", 0.1 },
	{ (char *)"trsm", 0.5 }, { (char *)"syrk", 0.6 }, { (char *)"gemm", 0.8 },
};

static void add_device(pel_platform *p, const char *name, const char *group, const char *cls, double speed,
		       uint32_t slots, const char *node, double launch, double reconfig, pel_efficiency *eff,
		       uint32_t neff)
{
	pel_device d = { 0 };
	d.name = (char *)name;
	d.group = (char *)group;
	d.class_name = (char *)cls;
	d.speed = speed;
	d.slots = slots;
	d.node = pel_platform_node(p, node);
	d.launch = launch;
	d.reconfig = reconfig;
	d.eff = eff;
	d.neff = neff;
	pel_platform_add_device(p, &d);
}

/* 3 CPUs of 2 slots sharing the host memory, 2 GPUs with their own memory
 * (PCIe to the host, a faster link between them), 1 FPGA of 2 regions
 * with a reconfiguration time; efficiencies per task kind. */
static pel_platform *hetero_platform(void)
{
	pel_platform *p = pel_platform_new();
	for (int i = 0; i < 3; i++) {
		char name[8];
		snprintf(name, sizeof name, "cpu%d", i);
		add_device(p, name, "cpu", "cpu", 1e9, 2, "host", 0, 0, effs_cpu, NELEM(effs_cpu));
	}
	add_device(p, "gpu0", "gpu", "gpu", 8e9, 1, "gpu0", 1e-5, 0, effs_gpu, NELEM(effs_gpu));
	add_device(p, "gpu1", "gpu", "gpu", 8e9, 1, "gpu1", 1e-5, 0, effs_gpu, NELEM(effs_gpu));
	add_device(p, "fpga0", "fpga", "fpga", 3e9, 2, "fpga0", 0, 2e-3, effs_fpga, NELEM(effs_fpga));
	uint32_t host = pel_platform_find_node(p, "host");
	pel_platform_add_link(p, host, pel_platform_find_node(p, "gpu0"), 1.2e10, 1e-6);
	pel_platform_add_link(p, host, pel_platform_find_node(p, "gpu1"), 1.2e10, 1e-6);
	pel_platform_add_link(p, host, pel_platform_find_node(p, "fpga0"), 8e9, 2e-6);
	pel_platform_add_link(p, pel_platform_find_node(p, "gpu0"), pel_platform_find_node(p, "gpu1"), 5e10, 1e-6);
	pel_platform_finish(p);
	return p;
}

static pel_model *bind(const pel_platform *p, const pel_dag *g, const char *what)
{
	pel_model_error err = { "" };
	pel_model *m = pel_model_bind(p, g, &err);
	CHECK(m != NULL, "%s: bind failed: %s", what, err.msg);
	return m;
}

/* Every registered policy but fixed (which needs an assignment) on m:
 * valid, and the same schedule when run again with the same seed.
 * Returns how many policies ran. */
static unsigned all_policies(const pel_model *m, const char *what, uint64_t seed)
{
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	unsigned ran = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = list[i]->name;
		if (!strcmp(name, "fixed"))
			continue;
		char label[256];
		snprintf(label, sizeof label, "%s on %s (seed %llu)", name, what, (unsigned long long)seed);
		pel_sim_result *a = simulate(m, name, seed, NULL, 0, NULL, 0);
		pel_sim_result *b = simulate(m, name, seed, NULL, 0, NULL, 0);
		if (valid(m, a, label))
			CHECK(same_schedule(a, b, m->g->ntasks), "%s: two runs with the same seed differ", label);
		pel_sim_result_free(a);
		pel_sim_result_free(b);
		ran++;
	}
	return ran;
}

/* Every policy of the library is registered, with a summary; fixed is
 * the only one that cannot run without an assignment. */
static void test_registry(void)
{
	static const char *const names[] = { "eager", "heft", "cpop", "peft", "dm", "dmda", "mct", "met",
					     "olb", "random", "round-robin", "jsq", "pod", "lwl", "sita", "prio",
					     "ws", "lws", "heteroprio", "minmin", "maxmin", "sufferage", "fixed" };
	for (size_t i = 0; i < NELEM(names); i++) {
		const pel_policy *p = pel_policy_find(names[i]);
		CHECK(p && p->summary && *p->summary && p->task_ready && p->next_task,
		      "policy '%s': expected registered with a summary, task_ready and next_task", names[i]);
	}
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	CHECK(n >= NELEM(names), "%zu policies registered, expected at least %zu", n, NELEM(names));
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			CHECK(strcmp(list[i]->name, list[j]->name), "policy '%s' registered twice", list[i]->name);
	/* a second policy of an existing name is refused */
	static const pel_policy dup = { .name = "heft", .summary = "impostor" };
	CU_ASSERT_EQUAL(pel_policy_register(&dup), -1);
	CU_ASSERT_PTR_NOT_EQUAL(pel_policy_find("heft"), &dup);
}

/* Random layered DAGs in several shapes, kinds a/b/c, bytes on edges from
 * negligible to dominant. */
static void test_all_layered(void)
{
	static const char *const kinds[] = { "a", "b", "c" };
	static const struct {
		uint32_t tasks;
		double shape, outdegree;
		uint32_t jump;
		double bytes;
		uint32_t nkinds;
	} shapes[] = {
		{ 120, 1.0, 2, 1, 1e6, 3 },  /* light communication */
		{ 150, 0.5, 3, 2, 1e8, 3 },  /* deep and narrow */
		{ 150, 2.0, 2, 3, 2e9, 3 },  /* wide, transfers dominate */
		{ 90, 1.0, 4, 2, 5e7, 0 },   /* one kind only */
	};
	unsigned runs = 0;
	for (size_t k = 0; k < NELEM(shapes); k++)
		for (uint64_t seed = 1; seed <= 2; seed++) {
			pel_gen_layered prm = {
				.tasks = shapes[k].tasks,
				.shape = shapes[k].shape,
				.outdegree = shapes[k].outdegree,
				.jump = shapes[k].jump,
				.work = 5e8,
				.bytes = shapes[k].bytes,
				.spread = 0.8,
				.kinds = kinds,
				.nkinds = shapes[k].nkinds,
			};
			gsl_rng *rng = pel_rng_stream(seed * 100 + k, PEL_STREAM_WORKLOAD);
			pel_dag *g = pel_generate_layered(&prm, rng);
			gsl_rng_free(rng);
			pel_platform *p = hetero_platform();
			char what[96];
			snprintf(what, sizeof what, "layered DAG %zu (%u tasks, %u edges)", k, g->ntasks, g->nedges);
			CHECK(g->nedges > 0, "%s has edges", what);
			pel_model *m = bind(p, g, what);
			if (m)
				runs += all_policies(m, what, seed);
			pel_model_free(m);
			pel_dag_free(g);
			pel_platform_free(p);
		}
	CHECK(runs >= 8 * 22, "%u policy runs on layered DAGs, expected at least %u", runs, 8 * 22);
}

/* A tiled Cholesky factorisation: four kernels, one tile per edge. */
static void test_all_cholesky(void)
{
	static const uint32_t tiles[] = { 4, 7 };
	for (size_t i = 0; i < NELEM(tiles); i++) {
		pel_dag *g = pel_generate_cholesky(tiles[i], 512);
		uint32_t T = tiles[i];
		CHECK(g->ntasks == T * (T + 1) * (T + 2) / 6, "Cholesky %ux%u: %u tasks", T, T, g->ntasks);
		pel_platform *p = hetero_platform();
		char what[64];
		snprintf(what, sizeof what, "Cholesky %ux%u tiles", T, T);
		pel_model *m = bind(p, g, what);
		if (m)
			all_policies(m, what, 3);
		pel_model_free(m);
		pel_dag_free(g);
		pel_platform_free(p);
	}
}

/* A DAG with explicit times where many tasks can run on some devices
 * only: by class (cpu only, gpu only), by instance (fpga0 and the cpus,
 * gpu1 only), with a more specific key overriding a class; a fifth of
 * the tasks have no explicit times and run anywhere by their work.
 * Edges carry bytes, some an explicit communication time. */
static pel_dag *restricted_dag(uint64_t seed, uint32_t n)
{
	gsl_rng *r = pel_rng_stream(seed, PEL_STREAM_BENCH);
	pel_dag *g = pel_dag_new();
	uint16_t ka = pel_dag_kind(g, "a"), kb = pel_dag_kind(g, "b");
	for (uint32_t t = 0; t < n; t++) {
		pel_task_id id = pel_dag_add_task(g, NULL, t % 2 ? ka : kb, 4e8 + 8e8 * gsl_rng_uniform(r));
		double x = 0.05 + 0.5 * gsl_rng_uniform(r);
		switch (t % 6) {
		case 0:
			pel_dag_add_cost(g, id, "cpu", x);
			break;
		case 1:
			pel_dag_add_cost(g, id, "gpu", x / 4);
			break;
		case 2:
			pel_dag_add_cost(g, id, "fpga0", x / 2);
			pel_dag_add_cost(g, id, "cpu", x);
			break;
		case 3:
			break; /* work-based: anywhere */
		case 4:
			pel_dag_add_cost(g, id, "gpu", x / 3);
			pel_dag_add_cost(g, id, "gpu1", x / 6); /* the instance wins */
			pel_dag_add_cost(g, id, "cpu", x);
			break;
		default:
			pel_dag_add_cost(g, id, "gpu1", x / 5);
			break;
		}
	}
	for (uint32_t t = 1; t < n; t++) {
		uint32_t k = 1 + (uint32_t)gsl_rng_uniform_int(r, t < 3 ? t : 3);
		for (uint32_t j = 0; j < k; j++) {
			uint32_t from = t - 1 - (uint32_t)gsl_rng_uniform_int(r, t < 12 ? t : 12);
			double bytes = 1e6 * (1 + 200 * gsl_rng_uniform(r));
			pel_dag_add_edge(g, from, t, bytes, (t + j) % 5 == 0 ? 0.01 : NAN);
		}
	}
	gsl_rng_free(r);
	CU_ASSERT_EQUAL(pel_dag_finish(g, NULL), 0);
	return g;
}

static void test_all_restricted(void)
{
	for (uint64_t seed = 1; seed <= 3; seed++) {
		pel_dag *g = restricted_dag(seed, 90);
		pel_platform *p = hetero_platform();
		pel_model *m = bind(p, g, "restricted DAG");
		if (m) {
			/* the model's view of who can run what */
			pel_device_id cpu0 = pel_platform_find_device(p, "cpu0"), gpu0 = pel_platform_find_device(p, "gpu0"),
				      gpu1 = pel_platform_find_device(p, "gpu1"), fpga = pel_platform_find_device(p, "fpga0");
			CU_ASSERT(isfinite(pel_model_exec(m, 0, cpu0)) && !isfinite(pel_model_exec(m, 0, gpu0)));
			CU_ASSERT(!isfinite(pel_model_exec(m, 1, cpu0)) && isfinite(pel_model_exec(m, 1, gpu1)));
			CU_ASSERT(isfinite(pel_model_exec(m, 2, fpga)) && !isfinite(pel_model_exec(m, 2, gpu0)));
			CU_ASSERT(isfinite(pel_model_exec(m, 3, fpga)) && isfinite(pel_model_exec(m, 3, gpu0)));
			CU_ASSERT(pel_model_exec(m, 4, gpu1) < pel_model_exec(m, 4, gpu0));
			CU_ASSERT(!isfinite(pel_model_exec(m, 5, gpu0)) && isfinite(pel_model_exec(m, 5, gpu1)));
			char what[64];
			snprintf(what, sizeof what, "restricted DAG %llu", (unsigned long long)seed);
			all_policies(m, what, seed);
		}
		pel_model_free(m);
		pel_dag_free(g);
		pel_platform_free(p);
	}
}

/* Streams of independent tasks with release times on the heterogeneous
 * platform: Poisson arrivals with exponential and bounded-Pareto sizes,
 * MMPP arrivals with lognormal sizes.  Also: another seed changes what
 * random does. */
static void test_all_streams(void)
{
	pel_gen_stream laws[] = {
		{ .tasks = 1500, .arrival = PEL_ARRIVAL_POISSON, .rate = { 10, 0 }, .size = PEL_SIZE_EXPONENTIAL,
		  .mean = 1e9 },
		{ .tasks = 1500, .arrival = PEL_ARRIVAL_POISSON, .rate = { 10, 0 }, .size = PEL_SIZE_PARETO,
		  .alpha = 1.5, .lo = 1e8, .hi = 1e11 },
		{ .tasks = 1500, .arrival = PEL_ARRIVAL_MMPP, .rate = { 4, 20 }, .switch_rate = { 0.5, 1 },
		  .size = PEL_SIZE_LOGNORMAL, .mean = 5e8, .sigma = 1, .kind = "a" },
	};
	static const char *const names[] = { "Poisson/exponential stream", "Poisson/Pareto stream",
					     "MMPP/lognormal stream" };
	for (size_t i = 0; i < NELEM(laws); i++) {
		gsl_rng *arr = pel_rng_stream(40 + i, PEL_STREAM_ARRIVAL), *siz = pel_rng_stream(40 + i, PEL_STREAM_WORKLOAD);
		pel_dag *g = pel_generate_stream(&laws[i], arr, siz);
		gsl_rng_free(arr);
		gsl_rng_free(siz);
		CHECK(g->ntasks == laws[i].tasks && g->nedges == 0 && g->release, "%s: %u independent tasks with releases",
		      names[i], g->ntasks);
		int ascending = 1;
		for (pel_task_id t = 1; t < g->ntasks; t++)
			ascending &= g->release[t] >= g->release[t - 1];
		CHECK(ascending, "%s: releases in arrival order", names[i]);
		pel_platform *p = hetero_platform();
		pel_model *m = bind(p, g, names[i]);
		if (m) {
			all_policies(m, names[i], 5);
			/* every task starts at or after its release (the checker
			 * checks it too) */
			pel_sim_result *r = simulate(m, "heft", 5, NULL, 0, NULL, 0);
			int after = r->complete;
			for (pel_task_id t = 0; t < g->ntasks && after; t++)
				after = r->start[t] >= g->release[t] && r->ready[t] >= g->release[t];
			CHECK(after, "%s: heft started a task before its release", names[i]);
			pel_sim_result_free(r);
			/* another seed, another random assignment */
			pel_sim_result *a = simulate(m, "random", 5, NULL, 0, NULL, 0);
			pel_sim_result *b = simulate(m, "random", 6, NULL, 0, NULL, 0);
			CHECK(a->complete && b->complete && memcmp(a->dev, b->dev, g->ntasks * sizeof *a->dev),
			      "%s: random with seeds 5 and 6 placed every task alike", names[i]);
			pel_sim_result_free(a);
			pel_sim_result_free(b);
		}
		pel_model_free(m);
		pel_dag_free(g);
		pel_platform_free(p);
	}
}

/* ---- fixed ---- */

static char tmpdir[64];

static const char *tmp_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
	return buf;
}

/* Reads an assignment that must be good. */
static pel_assignment *read_ok(const char *file, const pel_model *m)
{
	char err[1024] = "";
	pel_assignment *a = pel_assignment_read(file, m, err, sizeof err);
	CHECK(a != NULL, "%s: expected a good assignment, found: %s", file, err);
	return a;
}

/* Runs fixed with the assignment in file and expects exactly the schedule
 * of ref (devices, starts, ends, makespan). */
static void replay(const pel_scenario *s, const char *file, const pel_sim_result *ref, const char *what)
{
	pel_assignment *a = read_ok(file, s->model);
	if (!a)
		return;
	pel_sim_result *r = simulate(s->model, "fixed", 1, NULL, 0, a, 0);
	char label[256];
	snprintf(label, sizeof label, "fixed replaying %s", what);
	if (valid(s->model, r, label)) {
		CHECK(r->makespan == ref->makespan, "%s: makespan %.17g, the original's %.17g", label, r->makespan,
		      ref->makespan);
		int same = 1;
		for (pel_task_id t = 0; t < s->dag->ntasks; t++) {
			int eq = r->dev[t] == ref->dev[t] && r->start[t] == ref->start[t] && r->end[t] == ref->end[t];
			CHECK(eq, "%s: task %u on device %u from %.17g to %.17g, the original on %u from %.17g to %.17g",
			      label, t, r->dev[t], r->start[t], r->end[t], ref->dev[t], ref->start[t], ref->end[t]);
			same &= eq;
		}
		CU_ASSERT(same);
	}
	pel_sim_result_free(r);
	pel_assignment_free(a);
}

/* A list scheduler's own schedule CSV, replayed by fixed, gives that very
 * schedule: HEFT's 80 on the HEFT paper (and every list scheduler on both
 * papers). */
static void test_fixed_replays_csv(void)
{
	static const char *const papers[] = { HEFT_PAPER, PEFT_PAPER };
	static const char *const planners[] = { "heft", "cpop", "peft" };
	for (size_t i = 0; i < NELEM(papers); i++) {
		pel_scenario *s = load(papers[i]);
		if (!s)
			continue;
		for (size_t k = 0; k < NELEM(planners); k++) {
			pel_sim_result *ref = simulate(s->model, planners[k], 1, NULL, 0, NULL, 1);
			char csv[512], what[256], name[64];
			snprintf(name, sizeof name, "%.40s.%s.csv", s->name, planners[k]);
			tmp_path(csv, sizeof csv, name);
			pel_outfile out;
			char err[1024] = "";
			int written = !pel_out_open(&out, csv, err, sizeof err);
			if (written) {
				pel_report_schedule(out.f, s->model, ref);
				written = !pel_out_commit(&out, err, sizeof err);
			}
			CHECK(written, "writing %s: %s", csv, err);
			if (i == 0 && k == 0)
				CU_ASSERT_EQUAL(ref->makespan, 80);
			snprintf(what, sizeof what, "%s's schedule CSV of %s", planners[k], s->name);
			replay(s, csv, ref, what);
			pel_sim_result_free(ref);
			unlink(csv);
		}
		pel_scenario_free(s);
	}
}

/* The other two formats: "task device [order]" lines with HEFT's starts
 * as orders, the same without orders (task id order on each device is
 * HEFT's order here), and one device index per task: all replay HEFT's
 * schedule of the HEFT paper exactly. */
static void test_fixed_formats(void)
{
	pel_scenario *s = load(HEFT_PAPER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	pel_sim_result *ref = simulate(s->model, "heft", 1, NULL, 0, NULL, 0);
	CU_ASSERT_EQUAL(ref->makespan, 80);
	replay(s, LIB "heft_named.txt", ref, LIB "heft_named.txt");
	replay(s, LIB "heft_mapping.txt", ref, LIB "heft_mapping.txt");
	replay(s, LIB "heft_indices.sol", ref, LIB "heft_indices.sol");
	/* the order given decides: n6 before n4 on P2 (both need only n1) */
	char file[256];
	tmp_path(file, sizeof file, "swapped.txt");
	FILE *f = fopen(file, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("n1 P3\nn3 P3\nn5 P3\nn7 P3\nn2 P1\nn8 P1\nn6 P2 1\nn4 P2 2\nn9 P2 3\nn10 P2 4\n", f);
	fclose(f);
	pel_task_id n4 = pel_dag_find_task(s->dag, "n4"), n6 = pel_dag_find_task(s->dag, "n6");
	pel_assignment *a = read_ok(file, s->model);
	if (a) {
		pel_sim_result *r = simulate(s->model, "fixed", 1, NULL, 0, a, 0);
		if (valid(s->model, r, "fixed with n6 before n4 on P2")) {
			/* n1 ends at 9 on P3; n6's data arrives at 9 + 14 */
			CHECK(r->start[n6] == 23 && r->end[n6] == 39 && r->start[n4] == 39 && r->end[n4] == 47,
			      "n6 before n4: n6 %g-%g, n4 %g-%g; expected 23-39 and 39-47", r->start[n6], r->end[n6],
			      r->start[n4], r->end[n4]);
		}
		pel_sim_result_free(r);
		pel_assignment_free(a);
	}
	unlink(file);
	/* an order against the precedence (n7 before n3 on P3, and n3 needs
	 * n1, last there) cannot be run: fixed refuses it before the run,
	 * naming the parameter and a task that would wait forever */
	tmp_path(file, sizeof file, "reversed.txt");
	f = fopen(file, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("n1 P3 4\nn3 P3 3\nn5 P3 2\nn7 P3 1\nn2 P1\nn8 P1\nn4 P2\nn6 P2\nn9 P2\nn10 P2\n", f);
	fclose(f);
	a = read_ok(file, s->model);
	if (a) {
		pel_sim_result *r = simulate(s->model, "fixed", 1, NULL, 0, a, 0);
		CHECK(r->refused && !r->complete && r->refused_param && !strcmp(r->refused_param, "schedule") &&
			      strstr(r->error, "contradicts the DAG"),
		      "fixed with P3's order reversed: expected a refusal naming schedule, found %s",
		      r->complete ? "a complete run" : r->error);
		pel_sim_result_free(r);
		pel_assignment_free(a);
	}
	unlink(file);
	/* no assignment: refused, naming the parameter */
	pel_sim_result *r = simulate(s->model, "fixed", 1, NULL, 0, NULL, 0);
	CHECK(r->refused && !r->complete && r->refused_param && !strcmp(r->refused_param, "schedule") &&
		      !strcmp(r->error, "expected a schedule file, found none"),
	      "fixed without an assignment: refused %d, param %s, error '%s'", r->refused, S(r->refused_param),
	      r->error);
	pel_sim_result_free(r);
	pel_sim_result_free(ref);
	pel_scenario_free(s);
}

/* Malformed assignment files: NULL and exactly this one message. */
static void test_fixed_errors(void)
{
	static const struct {
		const char *scenario, *file, *want;
	} cases[] = {
		{ HEFT_PAPER, LIB "unknown_task.txt", LIB "unknown_task.txt:3: unknown task 'n11'" },
		{ HEFT_PAPER, LIB "unknown_device.txt", LIB "unknown_device.txt:2: unknown device 'P4'" },
		{ HEFT_PAPER, LIB "twice.txt", LIB "twice.txt:5: task 'n1' is assigned twice" },
		{ HEFT_PAPER, LIB "missing.txt", LIB "missing.txt: task 'n10' is assigned no device" },
		{ HEFT_PAPER, LIB "fields.txt", LIB "fields.txt:2: expected 'TASK DEVICE [ORDER]', found 1 fields" },
		{ HEFT_PAPER, LIB "bad_order.txt", LIB "bad_order.txt:1: expected a number for the order, found 'soon'" },
		{ HEFT_PAPER, LIB "index_range.sol", LIB "index_range.sol:4: expected a device index in [0, 2], found '3'" },
		{ HEFT_PAPER, LIB "index_word.sol", LIB "index_word.sol:1: expected a device index in [0, 2], found 'x'" },
		{ HEFT_PAPER, LIB "index_few.sol", LIB "index_few.sol:2: expected 10 device indices (one per task), found 5" },
		{ HEFT_PAPER, LIB "index_many.sol",
		  LIB "index_many.sol:3: expected 10 device indices (one per task), found more" },
		{ HEFT_PAPER, LIB "empty.txt", LIB "empty.txt: expected a schedule, found an empty file" },
		{ HEFT_PAPER, LIB "comment_only.txt", LIB "comment_only.txt: task 'n1' is assigned no device" },
		{ HEFT_PAPER, LIB "unknown_task.csv", LIB "unknown_task.csv:3: unknown task 'n0'" },
		{ HEFT_PAPER, LIB "short_row.csv",
		  LIB "short_row.csv:2: expected a task row (record,task,kind,device,slot,ready,start,end), found 4 fields" },
		{ HEFT_PAPER, LIB "no_such_file.txt", LIB "no_such_file.txt: cannot open: No such file or directory" },
		{ HEFT_PAPER, LIB "nul_byte.txt", LIB "nul_byte.txt:2:5: expected text, found a NUL byte" },
		{ HEFT_PAPER, "/dev/zero", "/dev/zero:1:1: expected text, found a NUL byte" },
		{ HEFT_PAPER, LIB, LIB ": cannot open: Is a directory" },
		{ LIB "restricted.yaml", LIB "restricted_bad.txt", LIB "restricted_bad.txt:2: device 'gpu0' cannot run task 'a'" },
		{ LIB "restricted.yaml", LIB "restricted_bad.sol", LIB "restricted_bad.sol:1: device 'gpu0' cannot run task 'a'" },
	};
	pel_scenario *heft = load(HEFT_PAPER), *restricted = load(LIB "restricted.yaml");
	CU_ASSERT_PTR_NOT_NULL_FATAL(heft);
	CU_ASSERT_PTR_NOT_NULL_FATAL(restricted);
	for (size_t i = 0; i < NELEM(cases); i++) {
		const pel_scenario *s = !strcmp(cases[i].scenario, HEFT_PAPER) ? heft : restricted;
		char err[1024] = "";
		pel_assignment *a = pel_assignment_read(cases[i].file, s->model, err, sizeof err);
		CHECK(!a && !strcmp(err, cases[i].want), "%s: expected NULL and '%s', found %s and '%s'", cases[i].file,
		      cases[i].want, a ? "an assignment" : "NULL", err);
		pel_assignment_free(a);
	}
	/* a good assignment of the restricted scenario: b on the gpu */
	char file[256];
	tmp_path(file, sizeof file, "restricted_good.txt");
	FILE *f = fopen(file, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("a cpu0\nb gpu0\n", f);
	fclose(f);
	pel_assignment *a = read_ok(file, restricted->model);
	if (a) {
		pel_sim_result *r = simulate(restricted->model, "fixed", 1, NULL, 0, a, 0);
		if (valid(restricted->model, r, "fixed on the restricted scenario")) {
			/* a on cpu0 0-1, its data to gpu0 by 2, b there 2-4 */
			CU_ASSERT_EQUAL(r->dev[1], pel_platform_find_device(restricted->platform, "gpu0"));
			CU_ASSERT_EQUAL(r->start[1], 2);
			CU_ASSERT_EQUAL(r->makespan, 4);
		}
		pel_sim_result_free(r);
		pel_assignment_free(a);
	}
	unlink(file);
	pel_scenario_free(heft);
	pel_scenario_free(restricted);
}

/* ---- policy parameters ---- */

/* policy with one parameter name=value on m: refused, naming name, with
 * exactly the message want. */
static void expect_refused(const pel_model *m, const char *policy, const char *name, const char *value,
			   const char *want)
{
	pel_param prm = { name, value };
	pel_sim_result *r = simulate(m, policy, 1, &prm, 1, NULL, 0);
	CHECK(r->refused && !r->complete && r->refused_param && !strcmp(r->refused_param, name) &&
		      !strcmp(r->error, want),
	      "%s:%s=%s: expected refused, naming %s, with '%s'; found refused %d, param %s, error '%s'", policy,
	      name, value, name, want, r->refused, S(r->refused_param), r->error);
	pel_sim_result_free(r);
}

/* policy with the given parameters on m: runs, valid. */
static pel_sim_result *expect_accepted(const pel_model *m, const char *policy, const pel_param *p, size_t np,
				       const char *what)
{
	pel_sim_result *r = simulate(m, policy, 1, p, np, NULL, 0);
	CHECK(!r->refused, "%s: refused: %s", what, r->error);
	valid(m, r, what);
	return r;
}

static void test_parameter_errors(void)
{
	pel_scenario *s = load(HEFT_PAPER); /* 3 devices */
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	const pel_model *m = s->model;
	expect_refused(m, "pod", "d", "0", "expected a whole number of devices in [1, 3] (the platform has 3), found '0'");
	expect_refused(m, "pod", "d", "abc", "expected a whole number of devices in [1, 3] (the platform has 3), found 'abc'");
	expect_refused(m, "pod", "d", "-2", "expected a whole number of devices in [1, 3] (the platform has 3), found '-2'");
	expect_refused(m, "pod", "d", "", "expected a whole number of devices in [1, 3] (the platform has 3), found ''");
	expect_refused(m, "pod", "d", "2x", "expected a whole number of devices in [1, 3] (the platform has 3), found '2x'");
	expect_refused(m, "pod", "d", "1.5", "expected a whole number of devices in [1, 3] (the platform has 3), found '1.5'");
	/* above the devices: refused, not clamped to jsq */
	expect_refused(m, "pod", "d", "4", "expected a whole number of devices in [1, 3] (the platform has 3), found '4'");
	expect_refused(m, "pod", "d", "100", "expected a whole number of devices in [1, 3] (the platform has 3), found '100'");
	expect_refused(m, "sita", "cutoffs", "20:10", "expected 2 ascending sizes in seconds separated by ':', found '20:10'");
	expect_refused(m, "sita", "cutoffs", "5:10:20", "expected 2 ascending sizes in seconds separated by ':', found '5:10:20'");
	expect_refused(m, "sita", "cutoffs", "5:x", "expected 2 ascending sizes in seconds separated by ':', found '5:x'");
	expect_refused(m, "sita", "cutoffs", "-1:5", "expected 2 ascending sizes in seconds separated by ':', found '-1:5'");
	expect_refused(m, "sita", "cutoffs", "5,10", "expected 2 ascending sizes in seconds separated by ':', found '5,10'");
	expect_refused(m, "sita", "cutoffs", "10", "expected 2 cutoffs (one fewer than the 3 devices), found 1");
	expect_refused(m, "sita", "cutoffs", "", "expected 2 cutoffs (one fewer than the 3 devices), found 0");
	expect_refused(m, "dmda", "alpha", "-1", "expected a number in [0, 1e+09], found '-1'");
	expect_refused(m, "dmda", "beta", "much", "expected a number in [0, 1e+09], found 'much'");
	expect_refused(m, "dmda", "beta", "inf", "expected a number in [0, 1e+09], found 'inf'");
	pel_scenario_free(s);
}

static void test_parameters_accepted(void)
{
	pel_scenario *s = load(HEFT_PAPER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	const pel_model *m = s->model;
	static const char *const ds[] = { "1", "2", "3" };
	for (size_t i = 0; i < NELEM(ds); i++) {
		pel_param p = { "d", ds[i] };
		char what[32];
		snprintf(what, sizeof what, "pod:d=%s", ds[i]);
		pel_sim_result_free(expect_accepted(m, "pod", &p, 1, what));
	}
	pel_param cut = { "cutoffs", "10:15" };
	pel_sim_result_free(expect_accepted(m, "sita", &cut, 1, "sita:cutoffs=10:15"));
	pel_param ab[] = { { "alpha", "2" }, { "beta", "0.5" } };
	pel_sim_result_free(expect_accepted(m, "dmda", ab, 2, "dmda:alpha=2:beta=0.5"));
	pel_param zero[] = { { "alpha", "0" }, { "beta", "0" } };
	pel_sim_result_free(expect_accepted(m, "dmda", zero, 2, "dmda:alpha=0:beta=0"));
	/* the documented defaults are the defaults */
	pel_sim_result *def = simulate(m, "dmda", 1, NULL, 0, NULL, 0);
	pel_param ones[] = { { "alpha", "1" }, { "beta", "1" } };
	pel_sim_result *given = expect_accepted(m, "dmda", ones, 2, "dmda:alpha=1:beta=1");
	CHECK(same_schedule(def, given, s->dag->ntasks), "dmda: alpha=1:beta=1 differs from the defaults");
	pel_sim_result_free(def);
	pel_sim_result_free(given);
	def = simulate(m, "pod", 1, NULL, 0, NULL, 0);
	pel_param two = { "d", "2" };
	given = expect_accepted(m, "pod", &two, 1, "pod:d=2");
	CHECK(same_schedule(def, given, s->dag->ntasks), "pod: d=2 differs from the default");
	pel_sim_result_free(def);
	pel_sim_result_free(given);
	pel_scenario_free(s);
}

/* c identical unit-speed servers. */
static pel_platform *servers(unsigned c)
{
	pel_platform *p = pel_platform_new();
	for (unsigned i = 0; i < c; i++) {
		char name[16];
		snprintf(name, sizeof name, "s%u", i);
		add_device(p, name, "server", "cpu", 1, 1, "mem", 0, 0, NULL, 0);
	}
	pel_platform_finish(p);
	return p;
}

/* pod sampling every device is jsq up to tie-breaking: on an M/M/4 stream
 * at load 0.7 their mean response times agree within 3%, and both beat
 * pod with d = 1 (random) by far. */
static void test_pod_all_is_jsq(void)
{
	const unsigned c = 4;
	pel_gen_stream prm = { .tasks = 100000, .arrival = PEL_ARRIVAL_POISSON, .rate = { 0.7 * c, 0 },
			       .size = PEL_SIZE_EXPONENTIAL, .mean = 1 };
	gsl_rng *arr = pel_rng_stream(21, PEL_STREAM_ARRIVAL), *siz = pel_rng_stream(21, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_stream(&prm, arr, siz);
	gsl_rng_free(arr);
	gsl_rng_free(siz);
	pel_platform *p = servers(c);
	pel_model *m = bind(p, g, "M/M/4 stream");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	pel_param d4 = { "d", "4" }, d1 = { "d", "1" };
	pel_sim_result *rp = expect_accepted(m, "pod", &d4, 1, "pod:d=4 on 4 servers");
	pel_sim_result *rj = simulate(m, "jsq", 1, NULL, 0, NULL, 0);
	pel_sim_result *r1 = expect_accepted(m, "pod", &d1, 1, "pod:d=1 on 4 servers");
	valid(m, rj, "jsq on 4 servers");
	pel_metrics xp, xj, x1;
	pel_metrics_compute(m, rp, &xp);
	pel_metrics_compute(m, rj, &xj);
	pel_metrics_compute(m, r1, &x1);
	printf("\n    M/M/4 at 0.7: pod:d=4 %.4f s, jsq %.4f s, pod:d=1 %.4f s\n    ", xp.resp_mean, xj.resp_mean,
	       x1.resp_mean);
	CHECK(fabs(xp.resp_mean / xj.resp_mean - 1) < 0.03, "pod:d=4 mean response %.6g s, jsq %.6g s: expected within 3%%",
	      xp.resp_mean, xj.resp_mean);
	CHECK(xj.resp_mean < 0.8 * x1.resp_mean && xp.resp_mean < 0.8 * x1.resp_mean,
	      "pod:d=1 (random) %.6g s: expected well above jsq %.6g s and pod:d=4 %.6g s", x1.resp_mean,
	      xj.resp_mean, xp.resp_mean);
	pel_sim_result_free(rp);
	pel_sim_result_free(rj);
	pel_sim_result_free(r1);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* sita with given cutoffs sends each task to the device of its size's
 * interval: sizes below 0.5 s to s0, [0.5, 1.5) to s1, 1.5 and above to
 * s2. */
static void test_sita_cutoffs(void)
{
	pel_gen_stream prm = { .tasks = 2000, .arrival = PEL_ARRIVAL_POISSON, .rate = { 1.5, 0 },
			       .size = PEL_SIZE_EXPONENTIAL, .mean = 1 };
	gsl_rng *arr = pel_rng_stream(22, PEL_STREAM_ARRIVAL), *siz = pel_rng_stream(22, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_stream(&prm, arr, siz);
	gsl_rng_free(arr);
	gsl_rng_free(siz);
	pel_platform *p = servers(3);
	pel_model *m = bind(p, g, "stream on 3 servers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	pel_param cut = { "cutoffs", "0.5:1.5" };
	pel_sim_result *r = expect_accepted(m, "sita", &cut, 1, "sita:cutoffs=0.5:1.5");
	unsigned wrong = 0, per[3] = { 0 };
	for (pel_task_id t = 0; t < g->ntasks && r->complete; t++) {
		double size = g->work[t];
		pel_device_id want = size < 0.5 ? 0 : size < 1.5 ? 1 : 2;
		wrong += r->dev[t] != want;
		per[r->dev[t]]++;
	}
	CHECK(r->complete && wrong == 0, "sita:cutoffs=0.5:1.5: %u tasks outside their size interval's device", wrong);
	CHECK(per[0] && per[1] && per[2], "sita: every interval used (%u, %u, %u)", per[0], per[1], per[2]);
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* ---- user policies from shared objects ---- */

static void test_plugin_api(void)
{
	char err[1024] = "";
	int rc = pel_plugin_load(PEL_EXAMPLE_POLICY, err, sizeof err);
	CHECK(rc == 0, "loading %s: %s", PEL_EXAMPLE_POLICY, err);
	const pel_policy *lifo = pel_policy_find("lifo");
	CHECK(lifo != NULL, "lifo registered after loading %s", PEL_EXAMPLE_POLICY);
	if (lifo) {
		/* the user policy obeys the same rules: valid, deterministic,
		 * runs only what a device can run */
		pel_dag *g = restricted_dag(9, 60);
		pel_platform *p = hetero_platform();
		pel_model *m = bind(p, g, "restricted DAG");
		if (m) {
			pel_sim_result *a = simulate(m, "lifo", 1, NULL, 0, NULL, 0);
			pel_sim_result *b = simulate(m, "lifo", 1, NULL, 0, NULL, 0);
			if (valid(m, a, "lifo on a restricted DAG"))
				CHECK(same_schedule(a, b, g->ntasks), "lifo: two runs differ");
			pel_sim_result_free(a);
			pel_sim_result_free(b);
		}
		pel_model_free(m);
		pel_dag_free(g);
		pel_platform_free(p);
		/* newest ready first: on one device, a fork of three runs its
		 * branches in reverse order */
		pel_scenario *s = load(HEFT_PAPER);
		if (s) {
			pel_sim_result *r = simulate(s->model, "lifo", 1, NULL, 0, NULL, 0);
			valid(s->model, r, "lifo on the HEFT paper");
			pel_sim_result_free(r);
			pel_scenario_free(s);
		}
	}
	/* errors */
	char want[1200];
	rc = pel_plugin_load(PEL_EXAMPLE_POLICY, err, sizeof err);
	snprintf(want, sizeof want, "--policy-lib: '%s' defines policy 'lifo', which exists already", PEL_EXAMPLE_POLICY);
	CHECK(rc == -1 && !strcmp(err, want), "loading the example twice: expected '%s', found '%s'", want, err);
	rc = pel_plugin_load(PEL_NOSYM_MODULE, err, sizeof err);
	snprintf(want, sizeof want, "--policy-lib: '%s' exports no symbol pel_user_policy", PEL_NOSYM_MODULE);
	CHECK(rc == -1 && !strcmp(err, want), "a module without a policy: expected '%s', found '%s'", want, err);
	rc = pel_plugin_load("/nonexistent/libnothing.so", err, sizeof err);
	CHECK(rc == -1 && pel_t_starts_with(err, "--policy-lib: cannot load '/nonexistent/libnothing.so': "),
	      "a missing module: found rc %d, '%s'", rc, err);
	rc = pel_plugin_load(HEFT_PAPER, err, sizeof err);
	CHECK(rc == -1 && pel_t_starts_with(err, "--policy-lib: cannot load '" HEFT_PAPER "': "),
	      "a YAML file as a module: found rc %d, '%s'", rc, err);
}

/* ---- running pelsim ---- */

/* Bad input: status 2, nothing on stdout, exactly one line on stderr,
 * equal to want (with its newline). */
static void check_one_line_exact(const pel_t_result *r, const char *what, const char *want)
{
	int ok = pel_t_is_one_line(r, 2) && !strncmp(r->err, want, r->nerr - 1) && strlen(want) == r->nerr - 1;
	CHECK(ok,
	      "%s: expected exit status 2, empty stdout and the one stderr line \"%s\"; found status %d, %zu bytes "
	      "of stdout, stderr: %s",
	      what, want, r->status, r->nout, r->nerr ? r->err : "(empty)\n");
}

/* A clean run: status 0, nothing on stderr. */
static int check_clean(const pel_t_result *r, const char *what)
{
	int ok = r->status == 0 && r->nerr == 0 && r->nout > 0;
	CHECK(ok, "%s: expected status 0 and no stderr, found status %d, stderr: %s", what, r->status, r->err);
	return ok;
}

/* heft,cpop,peft on the HEFT paper: three JSON lines in that order with
 * makespans 80, 86 and 85. */
static void test_cli_json_lines(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "heft,cpop,peft", "--json");
	if (check_clean(&r, "--policy heft,cpop,peft --json")) {
		static const char *const pols[] = { "heft", "cpop", "peft" };
		static const double ms[] = { 80, 86, 85 };
		CHECK(pel_t_count_char(r.out, '\n') == 3 && r.out[r.nout - 1] == '\n', "expected three lines, found:\n%s", r.out);
		char *lines[8];
		size_t n = pel_t_split_lines(r.out, lines, 8);
		for (size_t i = 0; i < n && i < 3; i++) {
			json_error_t e;
			json_t *o = json_loads(lines[i], 0, &e);
			CHECK(json_is_object(o), "line %zu: expected a JSON object, found %s (%s)", i + 1, lines[i], e.text);
			const char *pol = json_string_value(json_object_get(o, "policy"));
			double m = json_number_value(json_object_get(o, "makespan"));
			double lb = json_number_value(json_object_get(o, "lower_bound"));
			CHECK(pol && !strcmp(pol, pols[i]) && m == ms[i],
			      "line %zu: expected policy %s with makespan %g, found %s with %.17g", i + 1, pols[i], ms[i],
			      S(pol), m);
			CHECK(!strcmp(S(json_string_value(json_object_get(o, "scenario"))), "topcuoglu2002"),
			      "line %zu: scenario name", i + 1);
			CHECK(lb == 41 && m >= lb, "line %zu: lower bound %.17g (expected 41), makespan %.17g", i + 1, lb, m);
			json_decref(o);
		}
	}
	pel_t_result_free(&r);
}

/* Without --json: "scenario NAME, seed N: tasks ..., devices ..., slots
 * ...", a blank line, a header, one row per policy in order. */
static void test_cli_table(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "heft,cpop,peft");
	if (check_clean(&r, "--policy heft,cpop,peft")) {
		CHECK(pel_t_starts_with(r.out, "scenario topcuoglu2002, seed 1: tasks 10, devices 3, slots 3\n\n"),
		      "table: expected the scenario line then a blank line, found:\n%s", r.out);
		char *lines[16];
		size_t n = pel_t_split_lines(r.out, lines, 16);
		CHECK(n == 5, "table: expected 5 non-empty lines (scenario, header, 3 rows), found %zu:\n%s", n, r.out);
		if (n == 5) {
			char head[32];
			CHECK(sscanf(lines[1], "%31s", head) == 1 && !strcmp(head, "policy") &&
				      strstr(lines[1], "makespan (s)") && strstr(lines[1], "SLR"),
			      "table: header %s", lines[1]);
			static const char *const pols[] = { "heft", "cpop", "peft" };
			static const double ms[] = { 80, 86, 85 };
			for (int i = 0; i < 3; i++) {
				char name[32];
				double m = NAN;
				int got = sscanf(lines[2 + i], "%31s %lf", name, &m);
				CHECK(got == 2 && !strcmp(name, pols[i]) && m == ms[i],
				      "table row %d: expected %s with makespan %g, found '%s'", i + 1, pols[i], ms[i],
				      lines[2 + i]);
			}
		}
	}
	pel_t_result_free(&r);
}

/* --check passes for every policy (but fixed) on the demo, in one run;
 * the JSON of each names it, in order, above its lower bound. */
static void test_cli_check_all(void)
{
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	char names[1024] = "";
	unsigned want = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(list[i]->name, "fixed") || !strcmp(list[i]->name, "lifo"))
			continue;
		size_t l = strlen(names);
		snprintf(names + l, sizeof names - l, "%s%s", l ? "," : "", list[i]->name);
		want++;
	}
	pel_t_result r;
	pel_t_run(&r, "run", DEMO, "--check", "--json", "--policy", names);
	if (check_clean(&r, "--check on the demo with every policy")) {
		char *lines[64];
		char *copy = strdup(names);
		size_t nl = pel_t_split_lines(r.out, lines, 64);
		CHECK(nl == want, "--check: expected %u JSON lines, found %zu", want, nl);
		char *save = NULL, *name = strtok_r(copy, ",", &save);
		for (size_t i = 0; i < nl && name; i++, name = strtok_r(NULL, ",", &save)) {
			json_t *o = json_loads(lines[i], 0, NULL);
			const char *pol = json_string_value(json_object_get(o, "policy"));
			double m = json_number_value(json_object_get(o, "makespan"));
			double lb = json_number_value(json_object_get(o, "lower_bound"));
			CHECK(pol && !strcmp(pol, name) && m > 0 && m >= lb && json_integer_value(json_object_get(o, "tasks")) == 364,
			      "--check line %zu: expected policy %s, makespan >= lower bound, 364 tasks; found %s", i + 1,
			      name, lines[i]);
			json_decref(o);
		}
		free(copy);
	}
	pel_t_result_free(&r);
	/* and the comparison table */
	pel_t_run(&r, "run", DEMO, "--check", "--policy", names);
	if (check_clean(&r, "--check table on the demo")) {
		char *lines[64];
		size_t nl = pel_t_split_lines(r.out, lines, 64);
		CHECK(nl == want + 2, "--check table: expected %u lines, found %zu", want + 2, nl);
	}
	pel_t_result_free(&r);
}

static void test_cli_parameters(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "pod:d=0");
	check_one_line_exact(&r, "--policy pod:d=0", "pelsim run: --policy: policy.d: expected a whole number of devices in [1, 3] (the platform has 3), found '0'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "heft,pod:d=abc", "--json");
	/* every policy is checked before the first runs: nothing printed */
	CHECK(r.status == 2 && !r.nout && pel_t_count_char(r.err, '\n') == 1 && strstr(r.err, "policy.d: ") &&
		      strstr(r.err, "'abc'"),
	      "--policy heft,pod:d=abc: expected status 2, no output and one line naming policy.d, found %d: %s%s",
	      r.status, r.out, r.err);
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "sita:cutoffs=abc");
	check_one_line_exact(&r, "--policy sita:cutoffs=abc",
			     "pelsim run: --policy: policy.cutoffs: expected 2 ascending sizes in seconds separated by ':', found 'abc'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "sita:cutoffs=10");
	check_one_line_exact(&r, "--policy sita:cutoffs=10",
			     "pelsim run: --policy: policy.cutoffs: expected 2 cutoffs (one fewer than the 3 devices), found 1");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "dmda:alpha=-1");
	check_one_line_exact(&r, "--policy dmda:alpha=-1",
			     "pelsim run: --policy: policy.alpha: expected a number in [0, 1e+09], found '-1'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "nosuch");
	pel_t_check_one_line_error(&r, "--policy nosuch",
				   "pelsim run: --policy: expected a registered policy (pelsim policies lists them), found 'nosuch'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "heft:foo=1");
	check_one_line_exact(&r, "--policy heft:foo=1",
			     "pelsim run: --policy: policy.foo: unknown parameter of policy 'heft' (expected none; it takes no parameters)");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "pod:e=1");
	check_one_line_exact(&r, "--policy pod:e=1",
			     "pelsim run: --policy: policy.e: unknown parameter of policy 'pod' (expected one of: d)");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "pod:d");
	pel_t_check_one_line_error(&r, "--policy pod:d", "--policy: expected NAME:PARAM=VALUE, found parameter 'd'");
	pel_t_result_free(&r);
	/* good values run */
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "pod:d=3,dmda:alpha=2:beta=0.5,sita", "--json", "--check");
	if (check_clean(&r, "pod:d=3,dmda:alpha=2:beta=0.5,sita"))
		CHECK(pel_t_count_char(r.out, '\n') == 3, "expected three JSON lines, found:\n%s", r.out);
	pel_t_result_free(&r);
	/* one cutoff for two devices: a (size 1) on cpu0, b (size 2) on gpu0
	 * (more than one cutoff cannot be given here: ':' also separates
	 * the parameters of --policy) */
	pel_t_run(&r, "run", LIB "restricted.yaml", "--policy", "sita:cutoffs=2", "--check", "--json");
	if (check_clean(&r, "sita:cutoffs=2 on restricted.yaml")) {
		json_t *o = json_loads(r.out, 0, NULL);
		json_t *devs = json_object_get(o, "devices");
		CHECK(json_integer_value(json_object_get(json_array_get(devs, 0), "tasks")) == 1 &&
			      json_integer_value(json_object_get(json_array_get(devs, 1), "tasks")) == 1,
		      "sita:cutoffs=2: expected one task per device, found %s", r.out);
		json_decref(o);
	}
	pel_t_result_free(&r);
}

/* fixed from the command line: HEFT's own CSV replays to 80; a bad file
 * is one line naming the parameter and file:line. */
static void test_cli_fixed(void)
{
	char csv[256];
	tmp_path(csv, sizeof csv, "heft.csv");
	pel_t_result r;
	pel_t_run(&r, "run", HEFT_PAPER, "--schedule", csv);
	check_clean(&r, "--schedule");
	pel_t_result_free(&r);
	char prm[300];
	snprintf(prm, sizeof prm, "fixed:schedule=%s", csv);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", prm, "--json", "--check");
	if (check_clean(&r, "--policy fixed:schedule=heft.csv")) {
		json_t *o = json_loads(r.out, 0, NULL);
		CHECK(json_number_value(json_object_get(o, "makespan")) == 80 &&
			      !strcmp(S(json_string_value(json_object_get(o, "policy"))), "fixed"),
		      "fixed replaying heft's CSV: expected makespan 80, found %s", r.out);
		json_decref(o);
	}
	pel_t_result_free(&r);
	unlink(csv);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "fixed:schedule=" LIB "unknown_task.txt");
	check_one_line_exact(&r, "fixed with a bad file",
			     "pelsim run: --policy: policy.schedule: " LIB "unknown_task.txt:3: unknown task 'n11'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "fixed");
	pel_t_check_one_line_error(&r, "fixed without a file", "policy.schedule: expected a schedule file, found none");
	pel_t_result_free(&r);
}

static void test_cli_policy_lib(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", DEMO, "--policy-lib", PEL_EXAMPLE_POLICY, "--policy", "lifo,eager", "--check", "--json");
	if (check_clean(&r, "--policy-lib example --policy lifo,eager --check")) {
		CHECK(pel_t_count_char(r.out, '\n') == 2, "--policy-lib: expected two JSON lines, found:\n%s", r.out);
		json_t *o = json_loadb(r.out, strcspn(r.out, "\n"), 0, NULL);
		CHECK(!strcmp(S(json_string_value(json_object_get(o, "policy"))), "lifo") &&
			      json_integer_value(json_object_get(o, "tasks")) == 364,
		      "--policy-lib: expected lifo's JSON line first, found:\n%s", r.out);
		json_decref(o);
	}
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy-lib", PEL_EXAMPLE_POLICY, "--policy", "lifo", "--check");
	if (check_clean(&r, "--policy-lib example on the HEFT paper"))
		CHECK(strstr(r.out, "policy       lifo\n") != NULL, "expected the summary of lifo, found:\n%s", r.out);
	pel_t_result_free(&r);
	/* without the module, lifo is unknown */
	pel_t_run(&r, "run", HEFT_PAPER, "--policy", "lifo");
	pel_t_check_one_line_error(&r, "--policy lifo without --policy-lib", "found 'lifo'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy-lib", "/nonexistent/libnothing.so", "--policy", "lifo");
	pel_t_check_one_line_error(&r, "--policy-lib missing",
				   "pelsim run: --policy-lib: cannot load '/nonexistent/libnothing.so': ");
	pel_t_result_free(&r);
	char want[1200];
	snprintf(want, sizeof want, "pelsim run: --policy-lib: '%s' exports no symbol pel_user_policy", PEL_NOSYM_MODULE);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy-lib", PEL_NOSYM_MODULE);
	check_one_line_exact(&r, "--policy-lib without the symbol", want);
	pel_t_result_free(&r);
	snprintf(want, sizeof want, "pelsim run: --policy-lib: '%s' defines policy 'lifo', which exists already",
		 PEL_EXAMPLE_POLICY);
	pel_t_run(&r, "run", HEFT_PAPER, "--policy-lib", PEL_EXAMPLE_POLICY, "--policy-lib", PEL_EXAMPLE_POLICY);
	check_one_line_exact(&r, "--policy-lib twice", want);
	pel_t_result_free(&r);
	/* a file that is no shared object */
	pel_t_run(&r, "run", HEFT_PAPER, "--policy-lib", HEFT_PAPER);
	pel_t_check_one_line_error(&r, "--policy-lib on a YAML file", "pelsim run: --policy-lib: cannot load '" HEFT_PAPER "': ");
	pel_t_result_free(&r);
}

/* `pelsim policies --verbose`: every registered policy, in order, each
 * followed by its parameters "NAME (default DEF): SUMMARY" or "(no
 * parameters)". */
static void test_cli_policies_verbose(void)
{
	pel_t_result r;
	pel_t_run(&r, "policies", "--verbose");
	if (!check_clean(&r, "policies --verbose")) {
		pel_t_result_free(&r);
		return;
	}
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	char *lines[256];
	size_t nl = pel_t_split_lines(r.out, lines, 256), at = 0;
	unsigned listed = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(list[i]->name, "lifo"))
			continue; /* loaded into this process only */
		char head[256];
		snprintf(head, sizeof head, "%-12s %s", list[i]->name, list[i]->summary);
		CHECK(at < nl && !strcmp(lines[at], head), "policies --verbose: expected '%s', found '%s'", head,
		      at < nl ? lines[at] : "(end)");
		at++;
		listed++;
		if (!list[i]->params || !list[i]->params->name) {
			CHECK(at < nl && strstr(lines[at], "(no parameters)") && lines[at][0] == ' ',
			      "policies --verbose: %s: expected '(no parameters)', found '%s'", list[i]->name,
			      at < nl ? lines[at] : "(end)");
			at++;
			continue;
		}
		for (const pel_param_doc *d = list[i]->params; d->name; d++, at++) {
			char want[512];
			snprintf(want, sizeof want, "%s (default %s): %s", d->name, d->def, d->summary);
			CHECK(at < nl && lines[at][0] == ' ' && strstr(lines[at], want),
			      "policies --verbose: %s: expected '%s', found '%s'", list[i]->name, want,
			      at < nl ? lines[at] : "(end)");
		}
	}
	CHECK(at == nl, "policies --verbose: %zu lines, expected %zu", nl, at);
	CHECK(listed >= 23, "policies --verbose: %u policies listed", listed);
	/* the parameters the issue names, by their text */
	static const char *const params[] = {
		"   d (default 2): ", "   alpha (default 1): ", "   beta (default 1): ", "   cutoffs (default equal load): ",
		"   schedule (default (required)): ",
	};
	pel_t_result again;
	pel_t_run(&again, "policies", "-v");
	for (size_t i = 0; i < NELEM(params); i++)
		CHECK(strstr(again.out, params[i]) != NULL, "policies -v: expected '%s'", params[i]);
	CHECK(again.nout == r.nout, "policies -v and --verbose differ");
	pel_t_result_free(&again);
	pel_t_result_free(&r);
}

/* ---- main ---- */

/* Enters the source tree and makes tmpdir; 0, or -1 with a message. */
static int setup(void)
{
	if (pel_t_enter_source_dir())
		return -1;
	if (!pel_t_tmpdir(tmpdir, sizeof tmpdir, "library")) {
		perror(tmpdir);
		return -1;
	}
	return 0;
}

/* Removes tmpdir (the cases leave it empty). */
static void teardown(unsigned failed)
{
	(void)failed;
	rmdir(tmpdir);
}

int main(int argc, char **argv)
{
	static const pel_t_test papers[] = {
		{ "HEFT paper: heft 80, cpop 86 slot by slot, peft 85", test_heft_paper },
		{ "PEFT paper: peft 122 and heft 133 slot by slot", test_peft_paper },
		{ "PEFT paper: optimistic cost table and rank_oct", test_peft_oct },
		{ NULL, NULL },
	};
	static const pel_t_test every[] = {
		{ "the library is registered", test_registry },
		{ "random layered DAGs", test_all_layered },
		{ "tiled Cholesky", test_all_cholesky },
		{ "tasks some devices cannot run", test_all_restricted },
		{ "streams of tasks", test_all_streams },
		{ NULL, NULL },
	};
	static const pel_t_test fixed[] = {
		{ "replays heft's, cpop's and peft's schedule CSV exactly", test_fixed_replays_csv },
		{ "named lines, mapping only, device indices", test_fixed_formats },
		{ "malformed assignment files", test_fixed_errors },
		{ NULL, NULL },
	};
	static const pel_t_test params[] = {
		{ "bad values are refused naming the parameter", test_parameter_errors },
		{ "good values are accepted; defaults as documented", test_parameters_accepted },
		{ "pod sampling every device is jsq", test_pod_all_is_jsq },
		{ "sita with given cutoffs", test_sita_cutoffs },
		{ NULL, NULL },
	};
	static const pel_t_test cli[] = {
		{ "several policies: JSON lines", test_cli_json_lines },
		{ "several policies: comparison table", test_cli_table },
		{ "--check with every policy on the demo", test_cli_check_all },
		{ "policy parameters and their errors", test_cli_parameters },
		{ "fixed", test_cli_fixed },
		{ "--policy-lib", test_cli_policy_lib },
		{ "policies --verbose", test_cli_policies_verbose },
		{ NULL, NULL },
	};
	/* last: it adds lifo to this process's registry */
	static const pel_t_test plugin[] = {
		{ "load, run and the errors", test_plugin_api },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "papers", papers },
		{ "every policy", every },
		{ "fixed", fixed },
		{ "parameters", params },
		{ "command line", cli },
		{ "user policies", plugin },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, setup, teardown);
}
