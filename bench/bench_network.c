/* bench_network.c - how fast the discrete-event backend goes when every
 * transfer is a flow sharing the links max-min fairly (network: shared):
 * three events per copy between memory nodes (latency over, bytes in, and
 * the reschedules of the flows whose rate changes). */
#define _GNU_SOURCE
#include "bench_common.h"
#include "bench_network.h"

#include "../models/model.h"
#include "../policies/policy.h"
#include "../sim/simulation/simulate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SEED PEL_BENCH_SEED

void pel_bench_network(int quick)
{
	uint32_t tasks = quick ? 10000 : 100000;
	int reps = quick ? 1 : 3;
	/* bench.c's machine and DAG, with the shared network */
	pel_platform *p = pel_bench_platform(PEL_NET_SHARED);
	pel_dag *g = pel_bench_dag(tasks);
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
		double t0 = pel_bench_now_s();
		pel_sim_result *r = pel_simulate(m, pol, &opt);
		double secs = pel_bench_now_s() - t0;
		if (!r->complete) {
			fprintf(stderr, "pelsim-bench: network: eager run failed: %s\n", r->error);
			pel_sim_result_free(r);
			goto out;
		}
		if (i == 0)
			printf("# network shared: %u tasks, %u edges, %u devices; eager makespan %.9g s, %" PRIu64
			       " events, %" PRIu64 " transfers, digest %016" PRIx64 "\n",
			       g->ntasks, g->nedges, p->ndevices, r->makespan, r->events, r->transfers,
			       pel_bench_digest(r, g->ntasks));
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
