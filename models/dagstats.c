#include "dagstats.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

static double task_cost(const pel_dag *g, const pel_model *m, pel_task_id t, const double *mean_explicit)
{
	if (m)
		return pel_model_min_exec(m, t);
	return isnan(mean_explicit[t]) ? g->work[t] : mean_explicit[t];
}

/* Mean explicit time per task (NAN for tasks without any). */
static double *explicit_means(const pel_dag *g)
{
	double *sum = pel_xcalloc(g->ntasks, sizeof *sum);
	uint32_t *n = pel_xcalloc(g->ntasks, sizeof *n);
	for (size_t i = 0; i < g->ncosts; i++) {
		sum[g->costs[i].task] += g->costs[i].time;
		n[g->costs[i].task]++;
	}
	for (pel_task_id t = 0; t < g->ntasks; t++)
		sum[t] = n[t] ? sum[t] / n[t] : NAN;
	free(n);
	return sum;
}

void pel_dag_stats(const pel_dag *g, const pel_model *m, pel_dag_summary *x)
{
	*x = (pel_dag_summary){ .tasks = g->ntasks, .edges = g->nedges, .kinds = g->nkinds };
	double *mean_explicit = m ? NULL : explicit_means(g);
	uint32_t *level = pel_xcalloc(g->ntasks, sizeof *level);
	double *longest = pel_xcalloc(g->ntasks, sizeof *longest);
	double comp = 0, comm = 0;
	uint32_t ncomm = 0;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id t = g->topo[i];
		double before = 0, w = task_cost(g, m, t, mean_explicit);
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			pel_task_id p = g->src[g->pred[k]];
			if (level[p] + 1 > level[t])
				level[t] = level[p] + 1;
			before = fmax(before, longest[p]);
		}
		longest[t] = before + w;
		x->critical_path = fmax(x->critical_path, longest[t]);
		if (level[t] + 1 > x->depth)
			x->depth = level[t] + 1;
		x->total_work += g->work[t];
		x->entries += !pel_dag_npred(g, t);
		x->exits += !pel_dag_nsucc(g, t);
		comp += m ? pel_model_mean_exec(m, t) : w;
	}
	uint32_t *count = pel_xcalloc((size_t)x->depth + 1, sizeof *count);
	for (pel_task_id t = 0; t < g->ntasks; t++)
		if (++count[level[t]] > x->width)
			x->width = count[level[t]];
	for (uint32_t e = 0; e < g->nedges; e++) {
		x->total_bytes += g->bytes[e];
		if (m) {
			comm += pel_model_mean_comm(m, e);
			ncomm++;
		} else if (pel_dag_has_comm(g, e)) {
			comm += g->comm[e];
			ncomm++;
		}
	}
	if (ncomm && comp > 0)
		x->ccr = (comm / g->nedges) / (comp / g->ntasks);
	free(count);
	free(level);
	free(longest);
	free(mean_explicit);
}
