/* bench_scale.c - the demo scenario with 65,536 CPU devices: what an
 * event costs when nearly every device is idle (only those the policy
 * may have work for are offered it) and what binding the model costs
 * (sums over pairs of memory nodes, not of devices). */
#define _GNU_SOURCE
#include "bench_common.h"
#include "bench_scale.h"

#include "../policies/policy.h"
#include "../sim/formats/scenario.h"
#include "../sim/simulation/simulate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* One load and run of the demo with ncpu CPU devices: its seconds, or a
 * negative value after a message.  The first run prints the '#' line. */
static double run_demo(uint32_t ncpu, int print)
{
	char count[16], err[512];
	snprintf(count, sizeof count, "%u", ncpu);
	pel_override set = { "platform.devices.0.count", count };
	double t0 = pel_bench_now_s();
	pel_scenario *sc = NULL;
	if (pel_scenario_load(PEL_SOURCE_DIR "/scenarios/demo.yaml", &set, 1, &sc, err, sizeof err)) {
		fprintf(stderr, "pelsim-bench: scale: %s\n", err);
		return -1;
	}
	const pel_policy *pol = pel_policy_find(sc->policy);
	if (!pol) {
		fprintf(stderr, "pelsim-bench: scale: no policy '%s'\n", sc->policy);
		pel_scenario_free(sc);
		return -1;
	}
	pel_sim_options opt = { .seed = sc->seed, .stop_time = INFINITY,
				.params = sc->params, .nparams = sc->nparams };
	pel_sim_result *r = pel_simulate(sc->model, pol, &opt);
	double secs = pel_bench_now_s() - t0;
	if (!r->complete) {
		fprintf(stderr, "pelsim-bench: scale: %s run failed: %s\n", pol->name, r->error);
		secs = -1;
	} else if (print) {
		printf("# scale: demo.yaml with %u cpus (%u devices), %s: makespan %.9g s, %" PRIu64
		       " events, digest %016" PRIx64 "\n",
		       ncpu, sc->platform->ndevices, pol->name, r->makespan, r->events,
		       pel_bench_digest(r, sc->dag->ntasks));
	}
	pel_sim_result_free(r);
	pel_scenario_free(sc);
	return secs;
}

void pel_bench_scale(int quick)
{
	uint32_t ncpu = quick ? 16384 : 65536;
	int reps = quick ? 1 : 2;
	double best = INFINITY;
	for (int i = 0; i < reps; i++) {
		double secs = run_demo(ncpu, i == 0);
		if (secs < 0)
			return;
		if (secs < best)
			best = secs;
	}
	printf("run_demo_%u_cpus_s %.6g s\n", ncpu, best);
	fflush(stdout);
}
