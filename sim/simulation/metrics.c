#include "metrics.h"

#include "../../common/alloc.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

void pel_bounds(const pel_model *m, double *cp_min, double *area)
{
	const pel_dag *g = m->g;
	double *longest = pel_xmalloc((size_t)g->ntasks * sizeof *longest);
	double cp = 0, sum = 0;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id t = g->topo[i];
		double w = pel_model_min_exec(m, t), before = 0;
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++)
			before = fmax(before, longest[g->src[g->pred[k]]]);
		longest[t] = before + w;
		cp = fmax(cp, longest[t]);
		sum += w;
	}
	free(longest);
	*cp_min = cp;
	*area = m->p->total_slots ? sum / m->p->total_slots : INFINITY;
}

static double best_sequential(const pel_model *m)
{
	double best = INFINITY;
	for (pel_device_id d = 0; d < m->ndev; d++) {
		double sum = 0;
		for (pel_task_id t = 0; t < m->g->ntasks && isfinite(sum); t++)
			sum += pel_model_exec(m, t, d);
		best = fmin(best, sum);
	}
	return best;
}

static void response_times(const pel_model *m, const pel_sim_result *r, pel_metrics *x)
{
	const pel_dag *g = m->g;
	size_t n = g->ntasks;
	double *resp = pel_xmalloc(n * sizeof *resp);
	double first = INFINITY, last = 0;
	for (pel_task_id t = 0; t < n; t++) {
		double rel = g->release ? g->release[t] : 0;
		resp[t] = r->end[t] - rel;
		first = fmin(first, rel);
		last = fmax(last, r->end[t]);
	}
	gsl_sort(resp, 1, n);
	x->resp_mean = gsl_stats_mean(resp, 1, n);
	x->resp_p95 = gsl_stats_quantile_from_sorted_data(resp, 1, n, 0.95);
	x->resp_p99 = gsl_stats_quantile_from_sorted_data(resp, 1, n, 0.99);
	x->throughput = last > first ? n / (last - first) : 0;
	free(resp);
}

void pel_metrics_compute(const pel_model *m, const pel_sim_result *r, pel_metrics *x)
{
	double area;
	pel_bounds(m, &x->cp_min, &area);
	x->makespan = r->makespan;
	x->lower_bound = fmax(x->cp_min, area);
	x->slr = x->cp_min > 0 ? r->makespan / x->cp_min : 0;
	x->sequential = best_sequential(m);
	/* NaN, which reports print as n/a, when no single device can run
	 * every task */
	x->speedup = !isfinite(x->sequential) ? NAN : r->makespan > 0 ? x->sequential / r->makespan : 0;
	x->efficiency = m->p->total_slots ? x->speedup / m->p->total_slots : 0;
	double max = 0, sum = 0;
	for (pel_device_id d = 0; d < m->ndev; d++) {
		max = fmax(max, r->busy[d]);
		sum += r->busy[d];
	}
	x->imbalance = sum > 0 ? max / (sum / m->ndev) : 0;
	x->has_response = m->g->release != NULL;
	if (x->has_response && m->g->ntasks)
		response_times(m, r, x);
	else
		x->resp_mean = x->resp_p95 = x->resp_p99 = x->throughput = 0;
}
