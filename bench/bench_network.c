/* bench_network.c - how fast the discrete-event backend goes when every
 * transfer is a flow sharing the links max-min fairly (network: shared):
 * three events per copy between memory nodes (latency over, bytes in, and
 * the reschedules of the flows whose rate changes). */
#define _GNU_SOURCE
#include "bench_network.h"

#include "../common/random.h"
#include "../models/generate.h"
#include "../models/model.h"
#include "../policies/policy.h"
#include "../sim/simulate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEED 42

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *const kinds[] = { "gemm", "fft", "stencil", "sort" };
#define NKINDS 4

/* bench.c's machine, with the shared network: 48 CPU cores on the host,
 * 12 GPUs and 4 FPGAs on private memories, one link each to the host. */
static pel_platform *shared_platform(void)
{
	pel_platform *p = pel_platform_new();
	p->net = PEL_NET_SHARED;
	uint32_t host = pel_platform_node(p, "host");
	char name[32];
	pel_efficiency cpu_eff[NKINDS] = {
		{ "gemm", 0.9 }, { "fft", 0.6 }, { "stencil", 0.5 }, { "sort", 0.8 } };
	pel_efficiency gpu_eff[NKINDS] = {
		{ "gemm", 0.8 }, { "fft", 0.4 }, { "stencil", 0.3 }, { "sort", 0.05 } };
	pel_efficiency fpga_eff[NKINDS] = {
		{ "gemm", 0.3 }, { "fft", 0.9 }, { "stencil", 0.7 }, { "sort", 0.2 } };
	for (int i = 0; i < 48; i++) {
		snprintf(name, sizeof name, "cpu%d", i);
		pel_device d = { .name = name, .group = "cpu", .class_name = "cpu",
				 .speed = 5e10, .slots = 1, .node = host,
				 .launch = 1e-6, .eff = cpu_eff, .neff = NKINDS };
		pel_platform_add_device(p, &d);
	}
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "gpu%d", i);
		uint32_t node = pel_platform_node(p, name);
		pel_device d = { .name = name, .group = "gpu", .class_name = "gpu",
				 .speed = 1e13, .slots = 1, .node = node,
				 .launch = 5e-6, .eff = gpu_eff, .neff = NKINDS };
		pel_platform_add_device(p, &d);
		pel_platform_add_link(p, host, node, 2.5e10, 2e-6);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "fpga%d", i);
		uint32_t node = pel_platform_node(p, name);
		pel_device d = { .name = name, .group = "fpga", .class_name = "fpga",
				 .speed = 2e12, .slots = 2, .node = node,
				 .launch = 1e-5, .reconfig = 1e-3,
				 .eff = fpga_eff, .neff = NKINDS };
		pel_platform_add_device(p, &d);
		pel_platform_add_link(p, host, node, 1.2e10, 5e-6);
	}
	pel_platform_finish(p);
	return p;
}

/* FNV-1a over each task's device and times. */
static uint64_t digest(const pel_sim_result *r, uint32_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t t = 0; t < n; t++) {
		uint64_t w[3];
		w[0] = r->dev[t];
		memcpy(&w[1], &r->start[t], 8);
		memcpy(&w[2], &r->end[t], 8);
		const unsigned char *b = (const unsigned char *)w;
		for (size_t i = 0; i < sizeof w; i++)
			h = (h ^ b[i]) * 1099511628211ULL;
	}
	return h;
}

void pel_bench_network(int quick)
{
	uint32_t tasks = quick ? 10000 : 100000;
	int reps = quick ? 1 : 3;
	pel_platform *p = shared_platform();
	pel_gen_layered prm = { .tasks = tasks, .shape = 1.0, .outdegree = 3.0,
				.jump = 2, .work = 1e10, .bytes = 4e6,
				.spread = 0.5, .kinds = kinds, .nkinds = NKINDS };
	gsl_rng *rng = pel_rng_stream(SEED, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&prm, rng);
	gsl_rng_free(rng);
	pel_model_error err;
	pel_model *m = pel_model_bind(p, g, &err);
	const pel_policy *pol = pel_policy_find("eager");
	if (!m || !pol) {
		fprintf(stderr, "pelsim-bench: network: %s\n", m ? "no policy 'eager'" : err.msg);
		goto out;
	}
	double best = INFINITY;
	for (int i = 0; i < reps; i++) {
		pel_sim_options opt = { .seed = SEED, .stop_time = INFINITY };
		double t0 = now_s();
		pel_sim_result *r = pel_simulate(m, pol, &opt);
		double secs = now_s() - t0;
		if (!r->complete) {
			fprintf(stderr, "pelsim-bench: network: eager run failed: %s\n", r->error);
			pel_sim_result_free(r);
			goto out;
		}
		if (i == 0)
			printf("# network shared: %u tasks, %u edges, %u devices; eager makespan %.9g s, %" PRIu64
			       " events, %" PRIu64 " transfers, digest %016" PRIx64 "\n",
			       g->ntasks, g->nedges, p->ndevices, r->makespan, r->events, r->transfers,
			       digest(r, g->ntasks));
		pel_sim_result_free(r);
		if (secs < best)
			best = secs;
	}
	printf("run_tasks_per_s_eager_shared %.6g tasks/s\n", g->ntasks / best);
	fflush(stdout);
out:
	pel_model_free(m);
	pel_dag_free(g);
	pel_platform_free(p);
}
