/* heft.c - Heterogeneous Earliest Finish Time.
 *
 * Reference: H. Topcuoglu, S. Hariri, M.-Y. Wu, "Performance-effective and
 * low-complexity task scheduling for heterogeneous computing", IEEE TPDS
 * 13(3):260-274, 2002.  Tasks are taken by non-increasing upward rank
 * (mean costs); each goes to the device and slot giving the earliest
 * finish time, with insertion into idle gaps.  The plan is computed once
 * at init; each device then runs its tasks in planned order. */
#include "plan.h"

#include "../common/alloc.h"

#include <stdlib.h>

static int heft_init(pel_policy_ctx *ctx)
{
	const pel_model *m = ctx->model;
	uint32_t n = m->g->ntasks;
	double *rank = pel_xmalloc((size_t)n * sizeof *rank);
	pel_task_id *order = pel_xmalloc((size_t)n * sizeof *order);
	pel_rank_upward(m, rank);
	pel_order_by_key_desc(m, rank, order);
	pel_plan *p = pel_plan_new(m);
	for (uint32_t i = 0; i < n; i++)
		pel_plan_place_eft(p, order[i]);
	free(rank);
	free(order);
	pel_plan_dispatch_init(p, ctx);
	ctx->state = p;
	return 0;
}

static void heft_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_plan_task_ready(ctx->state, ctx, t);
}

static pel_task_id heft_next(pel_policy_ctx *ctx, pel_device_id d)
{
	return pel_plan_next_task(ctx->state, d);
}

static void heft_fini(pel_policy_ctx *ctx)
{
	pel_plan_free(ctx->state);
}

const pel_policy pel_policy_heft = {
	.name = "heft",
	.summary = "HEFT list scheduler: upward rank, insertion-based earliest finish time (Topcuoglu et al. 2002)",
	.init = heft_init,
	.task_ready = heft_ready,
	.next_task = heft_next,
	.wakes = 1,
	.fini = heft_fini,
};
