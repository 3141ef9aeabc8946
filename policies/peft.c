/* peft.c - Predict Earliest Finish Time.
 *
 * Reference: H. Arabnejad, J. G. Barbosa, "List scheduling algorithm for
 * heterogeneous systems by an optimistic cost table", IEEE TPDS
 * 25(3):682-694, 2014.  OCT(t, p) = max over successors s of min over
 * devices q of OCT(s, q) + w(s, q) + (q != p ? c-bar(t, s) : 0), 0 for
 * exit tasks; rank_oct(t) = mean over devices of OCT(t, p).  Ready tasks
 * are taken by rank_oct; each goes to the device minimising
 * EFT(t, p) + OCT(t, p), with insertion-based EFT. */
#include "unfold.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
	const double *oct; /* ntasks x ndev */
} peft_place_ctx;

/* Fills oct (ntasks x ndev) in reverse topological order. */
void pel_peft_oct(const pel_model *m, double *oct)
{
	const pel_dag *g = m->g;
	uint32_t nd = m->ndev;
	for (uint32_t i = g->ntasks; i > 0; i--) {
		pel_task_id t = g->topo[i - 1];
		for (pel_device_id p = 0; p < nd; p++) {
			double worst = 0;
			for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
				uint32_t e = g->succ[k];
				pel_task_id s = g->dst[e];
				double c = pel_model_mean_comm(m, e), best = INFINITY;
				for (pel_device_id q = 0; q < nd; q++) {
					double v = oct[(size_t)s * nd + q] + pel_model_exec(m, s, q) +
						   (q != p ? c : 0);
					best = fmin(best, v);
				}
				worst = fmax(worst, best);
			}
			oct[(size_t)t * nd + p] = worst;
		}
	}
}

static void peft_place(pel_plan *p, pel_task_id t, void *user)
{
	const peft_place_ctx *c = user;
	pel_plan_place_biased(p, t, &c->oct[(size_t)t * p->m->ndev]);
}

static int peft_init(pel_policy_ctx *ctx)
{
	const pel_model *m = ctx->model;
	uint32_t n = m->g->ntasks, nd = m->ndev;
	double *oct = pel_xmalloc((size_t)n * nd * sizeof *oct);
	double *rank = pel_xmalloc((size_t)n * sizeof *rank);
	pel_peft_oct(m, oct);
	for (pel_task_id t = 0; t < n; t++) {
		double sum = 0;
		for (pel_device_id d = 0; d < nd; d++)
			sum += oct[(size_t)t * nd + d];
		rank[t] = sum / nd;
	}
	pel_plan *p = pel_plan_new(m);
	peft_place_ctx c = { oct };
	pel_plan_unfold(p, rank, peft_place, &c);
	free(oct);
	free(rank);
	pel_plan_dispatch_init(p, ctx);
	ctx->state = p;
	return 0;
}

static void peft_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_plan_task_ready(ctx->state, ctx, t);
}

static pel_task_id peft_next(pel_policy_ctx *ctx, pel_device_id d)
{
	return pel_plan_next_task(ctx->state, d);
}

static void peft_fini(pel_policy_ctx *ctx)
{
	pel_plan_free(ctx->state);
}

const pel_policy pel_policy_peft = {
	.name = "peft",
	.summary = "PEFT list scheduler: optimistic cost table, min EFT + OCT (Arabnejad and Barbosa 2014)",
	.init = peft_init,
	.task_ready = peft_ready,
	.next_task = peft_next,
	.wakes = 1,
	.fini = peft_fini,
};
