/* cpop.c - Critical Path On a Processor.
 *
 * Reference: H. Topcuoglu, S. Hariri, M.-Y. Wu, "Performance-effective and
 * low-complexity task scheduling for heterogeneous computing", IEEE TPDS
 * 13(3):260-274, 2002, section 4.2.  Priority = rank_u + rank_d.  The
 * critical path is followed from the entry task through successors of
 * priority |CP|; it all goes to the device that minimises its total
 * execution time.  Ready tasks are taken by priority; a critical-path task
 * goes to the critical-path device, any other to the device of earliest
 * finish time (insertion-based). */
#include "unfold.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
	const uint8_t *on_cp;
	pel_device_id cp_dev;
} cpop_place_ctx;

static int same(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void cpop_place(pel_plan *p, pel_task_id t, void *user)
{
	const cpop_place_ctx *c = user;
	if (!c->on_cp[t]) {
		pel_plan_place_eft(p, t);
		return;
	}
	uint32_t slot = 0;
	double start = 0;
	pel_plan_eft(p, t, c->cp_dev, &slot, &start);
	pel_plan_place(p, t, c->cp_dev, slot, start);
}

/* Marks the critical path: from the entry task of largest priority, each
 * step to the first successor whose priority equals |CP|. */
static void mark_critical_path(const pel_model *m, const double *prio, uint8_t *on_cp)
{
	const pel_dag *g = m->g;
	pel_task_id t = PEL_NO_TASK;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id u = g->topo[i];
		if (!pel_dag_npred(g, u) && (t == PEL_NO_TASK || prio[u] > prio[t]))
			t = u;
	}
	double cp = prio[t];
	while (t != PEL_NO_TASK) {
		on_cp[t] = 1;
		pel_task_id next = PEL_NO_TASK;
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
			pel_task_id s = g->dst[g->succ[k]];
			if (same(prio[s], cp) && (next == PEL_NO_TASK || s < next))
				next = s;
		}
		t = next;
	}
}

static int cpop_init(pel_policy_ctx *ctx)
{
	const pel_model *m = ctx->model;
	uint32_t n = m->g->ntasks;
	double *up = pel_xmalloc((size_t)n * sizeof *up);
	double *down = pel_xmalloc((size_t)n * sizeof *down);
	uint8_t *on_cp = pel_xcalloc(n, 1);
	pel_rank_upward(m, up);
	pel_rank_downward(m, down);
	for (uint32_t t = 0; t < n; t++)
		up[t] += down[t];
	mark_critical_path(m, up, on_cp);
	/* the device that runs the whole critical path fastest */
	cpop_place_ctx c = { on_cp, 0 };
	double best = INFINITY;
	for (pel_device_id d = 0; d < m->ndev; d++) {
		double sum = 0;
		for (pel_task_id t = 0; t < n; t++)
			if (on_cp[t])
				sum += pel_model_exec(m, t, d);
		if (sum < best) {
			best = sum;
			c.cp_dev = d;
		}
	}
	pel_plan *p = pel_plan_new(m);
	if (isfinite(best))
		pel_plan_unfold(p, up, cpop_place, &c);
	else /* no single device can run the whole path: plain EFT for all */
		for (uint32_t i = 0; i < n; i++)
			pel_plan_place_eft(p, m->g->topo[i]);
	free(up);
	free(down);
	free(on_cp);
	pel_plan_dispatch_init(p, ctx);
	ctx->state = p;
	return 0;
}

static void cpop_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_plan_task_ready(ctx->state, ctx, t);
}

static pel_task_id cpop_next(pel_policy_ctx *ctx, pel_device_id d)
{
	return pel_plan_next_task(ctx->state, d);
}

static void cpop_fini(pel_policy_ctx *ctx)
{
	pel_plan_free(ctx->state);
}

const pel_policy pel_policy_cpop = {
	.name = "cpop",
	.summary = "CPOP list scheduler: critical path on its best device, others by EFT (Topcuoglu et al. 2002)",
	.init = cpop_init,
	.task_ready = cpop_ready,
	.next_task = cpop_next,
	.wakes = 1,
	.fini = cpop_fini,
};
