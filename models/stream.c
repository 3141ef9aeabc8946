#include "stream.h"

#include <gsl/gsl_randist.h>
#include <math.h>

pel_dag_size pel_size_stream(const pel_gen_stream *prm)
{
	return (pel_dag_size){ prm->tasks, 0, 0, 0 };
}

double pel_stream_size(const pel_gen_stream *p, gsl_rng *r)
{
	switch (p->size) {
	case PEL_SIZE_EXPONENTIAL:
		return gsl_ran_exponential(r, p->mean);
	case PEL_SIZE_PARETO: {
		/* inverse CDF of the Pareto law truncated to [lo, hi] */
		double u = gsl_rng_uniform(r);
		double la = pow(p->lo, p->alpha), ha = pow(p->hi, p->alpha);
		return pow(-(u * ha - u * la - ha) / (ha * la), -1.0 / p->alpha);
	}
	case PEL_SIZE_LOGNORMAL: {
		/* mean = exp(mu + sigma^2 / 2) */
		double mu = log(p->mean) - p->sigma * p->sigma / 2;
		return gsl_ran_lognormal(r, mu, p->sigma);
	}
	case PEL_SIZE_CONSTANT:
	default:
		return p->mean;
	}
}

/* Next arrival time after now; *state is the MMPP state. */
static double next_arrival(const pel_gen_stream *p, gsl_rng *r, double now, int *state)
{
	switch (p->arrival) {
	case PEL_ARRIVAL_FIXED:
		return now + 1.0 / p->rate[0];
	case PEL_ARRIVAL_MMPP:
		for (;;) {
			/* competing exponentials: an arrival or a switch of state */
			double ra = p->rate[*state], rs = p->switch_rate[*state];
			double dt = gsl_ran_exponential(r, 1.0 / (ra + rs));
			now += dt;
			if (gsl_rng_uniform(r) * (ra + rs) < ra)
				return now;
			*state = 1 - *state;
		}
	case PEL_ARRIVAL_POISSON:
	default:
		return now + gsl_ran_exponential(r, 1.0 / p->rate[0]);
	}
}

pel_dag *pel_generate_stream(const pel_gen_stream *prm, gsl_rng *arrivals, gsl_rng *sizes)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, prm->kind ? prm->kind : "task");
	pel_dag_reserve(g, prm->tasks, 0);
	double now = 0;
	int state = 0;
	for (uint32_t i = 0; i < prm->tasks; i++) {
		int traced = prm->arrival == PEL_ARRIVAL_TRACE;
		now = traced ? prm->trace_times[i] : next_arrival(prm, arrivals, now, &state);
		double size = traced && !isnan(prm->trace_sizes[i]) ? prm->trace_sizes[i]
								   : pel_stream_size(prm, sizes);
		pel_task_id t = pel_dag_add_task(g, NULL, k, size);
		pel_dag_set_release(g, t, now);
	}
	pel_dag_finish(g, NULL);
	return g;
}
