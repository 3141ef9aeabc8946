/* test_queueing.c - the online load balancers of the policy library
 * (policies/) against queueing theory, through the discrete-event backend.
 *
 * A stream (models/stream.h) of independent tasks with Poisson arrivals of
 * rate lambda and exponential sizes of mean 1 s on c identical unit-speed
 * devices is a textbook queue:
 *   - eager (one central FIFO queue) is M/M/c: the mean response time is
 *     W = 1/mu + C(c, a) / (c mu - lambda), C the Erlang C formula,
 *     a = lambda / mu;
 *   - random (each task to a device drawn uniformly) makes c independent
 *     M/M/1 queues of arrival rate lambda/c: W = 1 / (mu - lambda/c).
 * The simulated mean (sim/simulation/metrics.h resp_mean, over every task: nothing is
 * dropped as warm-up, the empty start biases the mean by far less than the
 * tolerance at this length) must match within 3%.  With half a million
 * tasks per run, the error of one run was 0.7% to 0.8% rms over 20 seeds
 * in the noisiest cases (M/M/1, random on 4 servers), so 3% is about four
 * standard errors (200,000 tasks gave 1.3% rms: too close to 3%); the
 * seeds are fixed, so the test is deterministic.  The measured errors are
 * printed.
 *
 * Then comparisons that hold by a wide margin: jsq and lwl beat random;
 * lwl (which knows the sizes) matches eager, since least-work-left on
 * identical servers is a central FCFS queue; sita beats random on
 * bounded-Pareto sizes; bursty (MMPP) arrivals give a longer mean response
 * than Poisson arrivals of the same mean rate. */
#include "../common/random.h"
#include "../models/model.h"
#include "../models/stream.h"
#include "../policies/policy.h"
#include "../sim/simulation/check.h"
#include "../sim/simulation/metrics.h"
#include "../sim/simulation/simulate.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOAD 0.7
#define MU 1.0              /* service rate: sizes of mean 1 s at speed 1 */
#define TASKS_FORMULA 500000u /* per run compared with a formula */
#define TASKS_COMPARE 100000u  /* per run of the comparisons */
#define TOLERANCE 0.03

/* ---- queueing formulas ---- */

/* Erlang C: the probability that an arrival waits in an M/M/c queue of
 * offered load a = lambda/mu (a < c). */
static double erlang_c(unsigned c, double a)
{
	double term = 1, sum = 0; /* a^k / k! */
	for (unsigned k = 0; k < c; k++) {
		if (k)
			term *= a / k;
		sum += term;
	}
	double last = term * a / c; /* a^c / c! */
	double top = last * c / (c - a);
	return top / (sum + top);
}

/* Mean response time of M/M/c. */
static double mmc_response(unsigned c, double lambda, double mu)
{
	return 1 / mu + erlang_c(c, lambda / mu) / (c * mu - lambda);
}

/* Mean of the Pareto law of shape alpha truncated to [lo, hi] (alpha != 1). */
static double bounded_pareto_mean(double alpha, double lo, double hi)
{
	double la = pow(lo, alpha);
	return la / (1 - pow(lo / hi, alpha)) * alpha / (alpha - 1) *
	       (pow(lo, 1 - alpha) - pow(hi, 1 - alpha));
}

/* ---- building and running ---- */

/* c identical unit-speed single-slot devices on one memory node. */
static pel_platform *servers(unsigned c)
{
	pel_platform *p = pel_platform_new();
	uint32_t node = pel_platform_node(p, "mem");
	for (unsigned i = 0; i < c; i++) {
		char name[16];
		snprintf(name, sizeof name, "s%u", i);
		pel_device d = { 0 };
		d.name = name;
		d.class_name = "cpu";
		d.speed = 1;
		d.slots = 1;
		d.node = node;
		pel_platform_add_device(p, &d);
	}
	pel_platform_finish(p);
	return p;
}

typedef struct {
	pel_platform *p;
	pel_dag *g;
	pel_model *m;
} system_;

/* A stream on c servers; arrivals and sizes each from their own stream
 * of the given seed. */
static int build(system_ *s, unsigned c, const pel_gen_stream *prm, uint64_t seed)
{
	s->p = servers(c);
	gsl_rng *arr = pel_rng_stream(seed, PEL_STREAM_ARRIVAL);
	gsl_rng *siz = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
	s->g = pel_generate_stream(prm, arr, siz);
	gsl_rng_free(arr);
	gsl_rng_free(siz);
	pel_model_error err = { "" };
	s->m = pel_model_bind(s->p, s->g, &err);
	CHECK(s->m != NULL, "binding a stream to %u servers: %s", c, err.msg);
	return s->m ? 0 : -1;
}

static void destroy(system_ *s)
{
	pel_model_free(s->m);
	pel_dag_free(s->g);
	pel_platform_free(s->p);
}

/* Runs policy (with optional parameters) and returns its metrics; checks
 * the schedule when asked.  Returns 0 when the run completed. */
static int run(const system_ *s, const char *policy, const pel_param *params, size_t nparams,
	       uint64_t seed, int check, pel_metrics *x)
{
	const pel_policy *pol = pel_policy_find(policy);
	CHECK(pol != NULL, "policy %s is registered", policy);
	if (!pol)
		return -1;
	pel_sim_options opt = { .seed = seed, .stop_time = INFINITY, .params = params, .nparams = nparams };
	pel_sim_result *r = pel_simulate(s->m, pol, &opt);
	int ok = r && r->complete && !r->refused;
	CHECK(ok, "%s on %u tasks: expected a complete run, found: %s", policy, s->g->ntasks,
	      r ? r->error : "no result");
	if (ok && check) {
		char err[512] = "";
		int valid = pel_check_schedule(s->m, r, err, sizeof err) == 0;
		CHECK(valid, "%s on %u tasks: invalid schedule: %s", policy, s->g->ntasks, err);
	}
	if (ok) {
		pel_metrics_compute(s->m, r, x);
		CHECK(x->has_response, "%s: a stream has response times", policy);
	}
	pel_sim_result_free(r);
	return ok ? 0 : -1;
}

static pel_gen_stream mm_stream(uint32_t tasks, double lambda)
{
	return (pel_gen_stream){
		.tasks = tasks,
		.arrival = PEL_ARRIVAL_POISSON,
		.rate = { lambda, 0 },
		.size = PEL_SIZE_EXPONENTIAL,
		.mean = 1 / MU,
	};
}

/* ---- the formulas themselves ---- */

/* The test's own Erlang C against closed forms: M/M/1 waits with
 * probability rho, and M/M/2 has W = 1 / (mu (1 - rho^2)). */
static void test_formulas(void)
{
	CU_ASSERT_DOUBLE_EQUAL(erlang_c(1, 0.7), 0.7, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(mmc_response(1, 0.7, 1), 1 / (1 - 0.7), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(mmc_response(2, 1.4, 1), 1 / (1 - 0.49), 1e-12);
	/* Erlang C falls with c at a fixed load */
	for (unsigned c = 1; c < 8; c++)
		CU_ASSERT(erlang_c(c + 1, LOAD * (c + 1)) < erlang_c(c, LOAD * c));
	/* bounded Pareto: alpha 2 on [1, 2] has density 8/3 x^-3, mean 4/3 */
	CU_ASSERT_DOUBLE_EQUAL(bounded_pareto_mean(2, 1, 2), 4.0 / 3, 1e-12);
}

/* ---- M/M/c and M/M/1 ---- */

/* Simulated mean response of policy on c servers at LOAD, against W. */
static void against_formula(const char *policy, unsigned c, double want, uint64_t seed,
			    const char *formula)
{
	double lambda = LOAD * c * MU;
	pel_gen_stream prm = mm_stream(TASKS_FORMULA, lambda);
	system_ s;
	if (build(&s, c, &prm, seed))
		return;
	pel_metrics x;
	if (!run(&s, policy, NULL, 0, seed, 0, &x)) {
		double err = (x.resp_mean - want) / want;
		printf("\n    %-6s c=%u: simulated W %.5f s, %s %.5f s, error %+.2f%%", policy, c,
		       x.resp_mean, formula, want, 100 * err);
		CHECK(fabs(err) <= TOLERANCE,
		      "%s on %u servers, load %.1f, %u tasks, seed %llu: mean response %.6g s, %s gives %.6g s "
		      "(error %+.2f%%, tolerance %.0f%%)",
		      policy, c, LOAD, TASKS_FORMULA, (unsigned long long)seed, x.resp_mean, formula, want,
		      100 * err, 100 * TOLERANCE);
		/* the stream keeps its rate and the servers their load */
		CHECK(fabs(x.throughput / lambda - 1) < 0.01, "%s c=%u: throughput %.6g, arrival rate %.6g",
		      policy, c, x.throughput, lambda);
		/* busy time of all servers over the makespan: at speed 1 the
		 * busy time is the work */
		double util = 0;
		for (pel_task_id t = 0; t < s.g->ntasks; t++)
			util += s.g->work[t];
		util /= c * x.makespan;
		CHECK(fabs(util / LOAD - 1) < 0.02, "%s c=%u: utilisation %.4f, expected about %.2f", policy, c,
		      util, LOAD);
		/* no mean response below the mean service time */
		CHECK(x.resp_mean >= 1 / MU * 0.99, "%s c=%u: mean response %.6g below the mean size", policy, c,
		      x.resp_mean);
	}
	destroy(&s);
}

static void test_eager_mmc(void)
{
	static const unsigned cs[] = { 1, 2, 4, 8 };
	for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		unsigned c = cs[i];
		against_formula("eager", c, mmc_response(c, LOAD * c * MU, MU), 100 + c, "Erlang C");
	}
	printf("\n    ");
}

static void test_random_mm1(void)
{
	static const unsigned cs[] = { 1, 2, 4, 8 };
	for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		unsigned c = cs[i];
		double lambda = LOAD * c * MU;
		against_formula("random", c, 1 / (MU - lambda / c), 200 + c, "M/M/1");
	}
	printf("\n    ");
}

/* ---- comparisons ---- */

/* On 4 servers at load 0.7, exponential sizes: jsq, pod (d = 2) and lwl
 * beat random by far; lwl is eager (a central FCFS queue: the same
 * schedule up to rounding, 1% allowed; counting the whole time of a
 * running task instead of what is left of it was 4.6% off); eager, the
 * central queue, is no worse than jsq. */
static void test_balancers_beat_random(void)
{
	const unsigned c = 4;
	pel_gen_stream prm = mm_stream(TASKS_COMPARE, LOAD * c * MU);
	system_ s;
	if (build(&s, c, &prm, 7))
		return;
	pel_metrics rnd, jsq, lwl, pod, eager;
	if (run(&s, "random", NULL, 0, 7, 1, &rnd) || run(&s, "jsq", NULL, 0, 7, 1, &jsq) ||
	    run(&s, "lwl", NULL, 0, 7, 1, &lwl) || run(&s, "pod", NULL, 0, 7, 1, &pod) ||
	    run(&s, "eager", NULL, 0, 7, 1, &eager)) {
		destroy(&s);
		return;
	}
	printf("\n    c=4 load 0.7: random %.4f, pod %.4f, jsq %.4f, lwl %.4f, eager %.4f s\n    ",
	       rnd.resp_mean, pod.resp_mean, jsq.resp_mean, lwl.resp_mean, eager.resp_mean);
	CHECK(jsq.resp_mean < 0.8 * rnd.resp_mean, "jsq %.6g s, random %.6g s: expected jsq well below",
	      jsq.resp_mean, rnd.resp_mean);
	CHECK(lwl.resp_mean < 0.8 * rnd.resp_mean, "lwl %.6g s, random %.6g s: expected lwl well below",
	      lwl.resp_mean, rnd.resp_mean);
	CHECK(pod.resp_mean < 0.8 * rnd.resp_mean, "pod (d=2) %.6g s, random %.6g s: expected pod well below",
	      pod.resp_mean, rnd.resp_mean);
	CHECK(jsq.resp_mean <= pod.resp_mean * 1.02, "jsq %.6g s, pod (d=2) %.6g s: expected jsq no worse",
	      jsq.resp_mean, pod.resp_mean);
	CHECK(eager.resp_mean <= jsq.resp_mean * 1.02, "eager %.6g s, jsq %.6g s: expected the central queue no worse",
	      eager.resp_mean, jsq.resp_mean);
	CHECK(fabs(lwl.resp_mean / eager.resp_mean - 1) < 0.01,
	      "lwl %.6g s, eager %.6g s: least work left on identical servers is a central FCFS queue",
	      lwl.resp_mean, eager.resp_mean);
	destroy(&s);
}

/* Bounded-Pareto sizes (shape 1.1 on [0.2, 1000] s, highly variable) at
 * load 0.7 on 4 servers: sita, which keeps short tasks apart from long
 * ones, beats random; the stream's sizes have the law's mean. */
static void test_sita_heavy_tail(void)
{
	const unsigned c = 4;
	const double alpha = 1.1, lo = 0.2, hi = 1000;
	double mean = bounded_pareto_mean(alpha, lo, hi);
	pel_gen_stream prm = {
		.tasks = TASKS_COMPARE,
		.arrival = PEL_ARRIVAL_POISSON,
		.rate = { LOAD * c / mean, 0 },
		.size = PEL_SIZE_PARETO,
		.alpha = alpha,
		.lo = lo,
		.hi = hi,
	};
	system_ s;
	if (build(&s, c, &prm, 11))
		return;
	double sum = 0, min = INFINITY, max = 0;
	for (pel_task_id t = 0; t < s.g->ntasks; t++) {
		sum += s.g->work[t];
		min = fmin(min, s.g->work[t]);
		max = fmax(max, s.g->work[t]);
	}
	CHECK(min >= lo && max <= hi, "Pareto sizes in [%g, %g], found [%g, %g]", lo, hi, min, max);
	CHECK(fabs(sum / s.g->ntasks / mean - 1) < 0.1, "Pareto sizes: mean %.6g, the law's %.6g",
	      sum / s.g->ntasks, mean);
	pel_metrics rnd, sita;
	if (!run(&s, "random", NULL, 0, 11, 1, &rnd) && !run(&s, "sita", NULL, 0, 11, 1, &sita)) {
		printf("\n    bounded Pareto: random %.4f s, sita %.4f s\n    ", rnd.resp_mean, sita.resp_mean);
		CHECK(sita.resp_mean < 0.8 * rnd.resp_mean, "sita %.6g s, random %.6g s: expected sita well below",
		      sita.resp_mean, rnd.resp_mean);
	}
	destroy(&s);
}

/* MMPP arrivals alternating between rates 1.4 and 4.2 (switching at rate
 * 0.05 each way, so half the time in each: mean rate 2.8, as Poisson's)
 * on 4 servers: bursts above capacity build queues, and the mean response
 * is well above the Poisson one at the same mean rate. */
static void test_mmpp_bursty(void)
{
	const unsigned c = 4;
	pel_gen_stream poisson = mm_stream(TASKS_COMPARE, LOAD * c * MU);
	pel_gen_stream mmpp = poisson;
	mmpp.arrival = PEL_ARRIVAL_MMPP;
	mmpp.rate[0] = 1.4;
	mmpp.rate[1] = 4.2;
	mmpp.switch_rate[0] = 0.05;
	mmpp.switch_rate[1] = 0.05;
	system_ a, b;
	if (build(&a, c, &poisson, 13))
		return;
	if (build(&b, c, &mmpp, 13)) {
		destroy(&a);
		return;
	}
	/* same mean rate (within the noise of the slow switching) */
	double ra = a.g->ntasks / a.g->release[a.g->ntasks - 1];
	double rb = b.g->ntasks / b.g->release[b.g->ntasks - 1];
	CHECK(fabs(ra / 2.8 - 1) < 0.02, "Poisson stream: mean rate %.6g, expected 2.8", ra);
	CHECK(fabs(rb / 2.8 - 1) < 0.05, "MMPP stream: mean rate %.6g, expected 2.8", rb);
	pel_metrics xa, xb;
	if (!run(&a, "eager", NULL, 0, 13, 1, &xa) && !run(&b, "eager", NULL, 0, 13, 1, &xb)) {
		printf("\n    eager: Poisson %.4f s, MMPP %.4f s\n    ", xa.resp_mean, xb.resp_mean);
		CHECK(xb.resp_mean > 1.5 * xa.resp_mean,
		      "eager: MMPP mean response %.6g s, Poisson %.6g s: expected bursts to cost much more",
		      xb.resp_mean, xa.resp_mean);
		CHECK(xb.resp_p99 > xa.resp_p99, "eager: MMPP p99 %.6g s, Poisson p99 %.6g s", xb.resp_p99,
		      xa.resp_p99);
	}
	destroy(&a);
	destroy(&b);
}

int main(int argc, char **argv)
{
	static const pel_t_test queueing[] = {
		{ "Erlang C and the other formulas", test_formulas },
		{ "eager is M/M/c (Erlang C), c = 1, 2, 4, 8", test_eager_mmc },
		{ "random is c independent M/M/1 queues", test_random_mm1 },
		{ "jsq, pod and lwl beat random; lwl is a central queue", test_balancers_beat_random },
		{ "sita beats random on bounded-Pareto sizes", test_sita_heavy_tail },
		{ "MMPP bursts cost more than Poisson at the same rate", test_mmpp_bursty },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "queueing", queueing },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
