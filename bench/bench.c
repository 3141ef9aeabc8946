/* bench.c - pelsim-bench: figures of merit of the simulator.
 *
 * Prints one line per figure, "NAME VALUE UNIT", and comment lines
 * starting with '#' that give the machine-independent parameters and a
 * digest of each simulated schedule (so two builds can be checked to
 * schedule alike).  It is a program, not a test: it never judges a timing.
 *
 *   pelsim-bench [--quick] [FILTER...]
 *
 * --quick runs smaller sizes (a smoke test); each FILTER is a substring of
 * the figure names to run (all figures when none is given).
 *
 * Figures:
 *   engine_holds_per_s_<N>   classic hold model with N events pending:
 *                            pop the earliest, push one at its time plus an
 *                            exponential increment (drawn beforehand); the
 *                            best of 4 timed windows
 *   run_tasks_per_s_<pol>    simulated tasks per wall-clock second of
 *                            pel_simulate (policy init included) on a
 *                            generated layered DAG and a 64-device platform
 *   heft_<N>_64_s            seconds of that run for heft
 *   bytes_per_task           peak resident memory growth per task of an
 *                            eager run on a generated DAG, measured in a
 *                            forked child (DAG, model, simulation)
 *   mem_<N>_events           events processed by that run
 *   run_demo_65536_cpus_s    seconds of `pelsim run scenarios/demo.yaml` with
 *                            65,536 CPU devices (bench_scale.c) */
#define _GNU_SOURCE
#include "bench_common.h"
#include "bench_import.h"
#include "bench_network.h"
#include "bench_scale.h"
#include "bench_sweep.h"
#include "../common/random.h"
#include "../models/generate.h"
#include "../models/model.h"
#include "../policies/policy.h"
#include "../sim/simulation/engine.h"
#include "../sim/simulation/simulate.h"

#include <gsl/gsl_randist.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED PEL_BENCH_SEED
#define NINC ((size_t)1 << 20) /* pre-drawn hold increments, used cyclically */
#define HOLD_WINDOWS 4          /* timed windows of the hold model, best kept */

typedef struct {
	uint32_t hold_small, hold_large;    /* events pending */
	uint64_t holds_small, holds_large;  /* timed holds */
	uint32_t run_tasks;                 /* DAG of the run_tasks_per_s figures */
	uint32_t mem_tasks;                 /* DAG of bytes_per_task */
	int eager_reps;                     /* eager runs, best one reported */
} sizes;

static const sizes full = { 10000, 1000000, 20000000, 8000000, 100000, 1000000, 5 };
static const sizes quick = { 10000, 1000000, 1000000, 1000000, 10000, 100000, 2 };

static char **filters;
static int nfilters;
static int nfigures; /* figures printed */

/* 1 when the figure called name was asked for. */
static int wanted(const char *name)
{
	if (!nfilters)
		return 1;
	for (int i = 0; i < nfilters; i++)
		if (strstr(name, filters[i]))
			return 1;
	return 0;
}

/* "10k", "1m", "100k", or the plain number. */
static const char *size_name(uint64_t n, char *buf, size_t len)
{
	if (n >= 1000000 && n % 1000000 == 0)
		snprintf(buf, len, "%" PRIu64 "m", n / 1000000);
	else if (n >= 1000 && n % 1000 == 0)
		snprintf(buf, len, "%" PRIu64 "k", n / 1000);
	else
		snprintf(buf, len, "%" PRIu64, n);
	return buf;
}

static void figure(const char *name, double value, const char *unit)
{
	printf("%s %.6g %s\n", name, value, unit);
	fflush(stdout);
	nfigures++;
}

/* ---- engine: the hold model ---------------------------------------- */

static void bench_hold(uint32_t pending, uint64_t holds)
{
	char name[64], sz[16];
	snprintf(name, sizeof name, "engine_holds_per_s_%s",
		 size_name(pending, sz, sizeof sz));
	if (!wanted(name))
		return;
	gsl_rng *r = pel_rng_stream(SEED, PEL_STREAM_BENCH);
	double *inc = malloc(NINC * sizeof *inc);
	if (!inc) {
		fprintf(stderr, "pelsim-bench: out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < NINC; i++)
		inc[i] = gsl_ran_exponential(r, 1.0);
	gsl_rng_free(r);

	pel_engine *e = pel_engine_new(pending);
	for (uint32_t i = 0; i < pending; i++)
		pel_engine_push(e, inc[i % NINC], 1, i, 0);
	/* warm up to the steady state of the hold model, then time */
	pel_event ev;
	size_t k = pending % NINC;
	uint64_t warm = pending > 1000000 ? pending : 1000000;
	double sum = 0;
	for (uint64_t i = 0; i < warm; i++) {
		pel_engine_pop(e, &ev);
		pel_engine_push(e, ev.time + inc[k], ev.type, ev.a, ev.b);
		k = (k + 1) & (NINC - 1);
	}
	/* the best of HOLD_WINDOWS consecutive windows: other processes
	 * on the machine only ever slow a window down */
	uint64_t per = holds / HOLD_WINDOWS;
	double best = INFINITY;
	for (int w = 0; w < HOLD_WINDOWS; w++) {
		double t0 = pel_bench_now_s();
		for (uint64_t i = 0; i < per; i++) {
			pel_engine_pop(e, &ev);
			sum += ev.a;
			pel_engine_push(e, ev.time + inc[k], ev.type, ev.a, ev.b);
			k = (k + 1) & (NINC - 1);
		}
		double dt = pel_bench_now_s() - t0;
		if (dt < best)
			best = dt;
	}
	if (pel_engine_pending(e) != pending || sum < 0) {
		fprintf(stderr, "pelsim-bench: hold model lost events\n");
		exit(1);
	}
	pel_engine_free(e);
	free(inc);
	figure(name, (double)per / best, "holds/s");
}

/* ---- the platform and the DAG -------------------------------------- */

static pel_model *bind_model(const pel_platform *p, const pel_dag *g)
{
	pel_model_error err;
	pel_model *m = pel_model_bind(p, g, &err);
	if (!m) {
		fprintf(stderr, "pelsim-bench: %s\n", err.msg);
		exit(1);
	}
	return m;
}

static pel_sim_result *simulate(const pel_model *m, const char *policy, double *secs)
{
	const pel_policy *pol = pel_policy_find(policy);
	if (!pol) {
		fprintf(stderr, "pelsim-bench: no policy '%s'\n", policy);
		exit(1);
	}
	pel_sim_options opt = { .seed = SEED, .stop_time = INFINITY };
	double t0 = pel_bench_now_s();
	pel_sim_result *r = pel_simulate(m, pol, &opt);
	*secs = pel_bench_now_s() - t0;
	if (!r || !r->complete) {
		fprintf(stderr, "pelsim-bench: %s run failed: %s\n", policy,
			r ? r->error : "init refused");
		exit(1);
	}
	return r;
}

/* ---- simulated tasks per second ------------------------------------ */

static void bench_run(const sizes *z)
{
	char heft_name[64], sz[16];
	snprintf(heft_name, sizeof heft_name, "heft_%s_64_s",
		 size_name(z->run_tasks, sz, sizeof sz));
	int do_eager = wanted("run_tasks_per_s_eager");
	int do_heft = wanted("run_tasks_per_s_heft") || wanted(heft_name);
	if (!do_eager && !do_heft)
		return;
	pel_platform *p = pel_bench_platform(PEL_NET_IDEAL);
	pel_dag *g = pel_bench_dag(z->run_tasks);
	pel_model *m = bind_model(p, g);
	printf("# run dag: %u tasks, %u edges, %u devices\n", g->ntasks, g->nedges,
	       p->ndevices);
	if (do_eager) {
		double best = INFINITY;
		for (int i = 0; i < z->eager_reps; i++) {
			double secs;
			pel_sim_result *r = simulate(m, "eager", &secs);
			if (i == 0)
				printf("# eager: makespan %.9g s, %" PRIu64 " events, digest %016" PRIx64 "\n",
				       r->makespan, r->events, pel_bench_digest(r, g->ntasks));
			pel_sim_result_free(r);
			if (secs < best)
				best = secs;
		}
		figure("run_tasks_per_s_eager", g->ntasks / best, "tasks/s");
	}
	if (do_heft) {
		double secs;
		pel_sim_result *r = simulate(m, "heft", &secs);
		printf("# heft: makespan %.9g s, %" PRIu64 " events, digest %016" PRIx64 "\n",
		       r->makespan, r->events, pel_bench_digest(r, g->ntasks));
		pel_sim_result_free(r);
		if (wanted("run_tasks_per_s_heft"))
			figure("run_tasks_per_s_heft", g->ntasks / secs, "tasks/s");
		if (wanted(heft_name))
			figure(heft_name, secs, "s");
	}
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}

/* ---- peak memory per task, in a child ------------------------------- */

typedef struct {
	double bytes_per_task;
	uint64_t events;
	uint64_t digest;
	uint32_t edges;
	int ok;
} mem_result;

/* Runs in the child: everything the run needs is built here, after the
 * baseline, so the growth of the peak is the run's own footprint. */
static void mem_child(void *arg, void *res)
{
	uint32_t tasks = *(const uint32_t *)arg;
	mem_result out = { 0 };
	long base = pel_bench_maxrss_kib();
	pel_platform *p = pel_bench_platform(PEL_NET_IDEAL);
	pel_dag *g = pel_bench_dag(tasks);
	pel_model *m = bind_model(p, g);
	double secs;
	pel_sim_result *r = simulate(m, "eager", &secs);
	long peak = pel_bench_maxrss_kib();
	out.bytes_per_task = (double)(peak - base) * 1024.0 / tasks;
	out.events = r->events;
	out.digest = pel_bench_digest(r, g->ntasks);
	out.edges = g->nedges;
	out.ok = 1;
	pel_sim_result_free(r);
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
	*(mem_result *)res = out;
}

/* Forks the measuring child and waits for it, so no other figure runs
 * beside it; call before anything large is allocated here. */
static int bench_mem(uint32_t tasks, mem_result *res)
{
	int rc = pel_bench_in_child(mem_child, &tasks, res, sizeof *res);
	if (rc < 0)
		return -1;
	if (rc || !res->ok) {
		fprintf(stderr, "pelsim-bench: memory child failed\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const sizes *z = &full;
	filters = calloc((size_t)argc, sizeof *filters);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			z = &quick;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: pelsim-bench [--quick] [FILTER...]\n"
			       "Prints one line per figure: NAME VALUE UNIT.  Each FILTER is a\n"
			       "substring of the names of the figures to run (default: all).\n");
			return 0;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "pelsim-bench: unknown option '%s' (try --help)\n", argv[i]);
			return 2;
		} else
			filters[nfilters++] = argv[i];
	}

	char mem_name[64], sz[16];
	snprintf(mem_name, sizeof mem_name, "mem_%s_events",
		 size_name(z->mem_tasks, sz, sizeof sz));
	int do_mem = wanted("bytes_per_task") || wanted(mem_name);

	pel_gen_layered prm = pel_bench_dag_params(0);
	printf("# pelsim-bench%s seed=%d; hold: %u and %u pending, %" PRIu64 " and %" PRIu64
	       " holds (best of %d windows), increments exponential(mean 1); dag: layered shape=%g outdegree=%g jump=%u"
	       " work=%g spread=%g bytes=%g kinds=%d, %u tasks (run), %u tasks (memory);"
	       " platform: 48 cpu (host), 12 gpu, 4 fpga x2 regions (private memories, linked to host);"
	       " eager: best of %d runs, heft: one run\n",
	       z == &quick ? " --quick" : "", SEED, z->hold_small, z->hold_large,
	       z->holds_small, z->holds_large, HOLD_WINDOWS, prm.shape, prm.outdegree, prm.jump,
	       prm.work, prm.spread, prm.bytes, PEL_BENCH_NKINDS, z->run_tasks, z->mem_tasks,
	       z->eager_reps);
	fflush(stdout);

	/* the memory child first, while this process is still small */
	mem_result mem = { 0 };
	int mem_ok = do_mem && !bench_mem(z->mem_tasks, &mem);

	bench_hold(z->hold_small, z->holds_small);
	bench_hold(z->hold_large, z->holds_large);
	bench_run(z);
	if (wanted("import")) {
		pel_bench_import(z == &quick);
		nfigures++;
	}
	if (wanted("sweep")) {
		pel_bench_sweep(z == &quick);
		nfigures++;
	}
	if (wanted("run_tasks_per_s_eager_shared")) {
		pel_bench_network(z == &quick);
		nfigures++;
	}
	if (wanted(z == &quick ? "run_demo_16384_cpus_s" : "run_demo_65536_cpus_s")) {
		pel_bench_scale(z == &quick);
		nfigures++;
	}
	if (mem_ok) {
		printf("# memory dag: %u tasks, %u edges; eager digest %016" PRIx64 "\n",
		       z->mem_tasks, mem.edges, mem.digest);
		if (wanted("bytes_per_task"))
			figure("bytes_per_task", mem.bytes_per_task, "bytes/task");
		if (wanted(mem_name))
			figure(mem_name, (double)mem.events, "events");
	}
	free(filters);
	if (!nfigures && !(do_mem && !mem_ok)) {
		fprintf(stderr, "pelsim-bench: no figure matches the filter\n");
		return 2;
	}
	return do_mem && !mem_ok;
}
