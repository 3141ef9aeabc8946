/* fixed.c - replays a given schedule: each task runs on the device the
 * assignment names, and each device runs its tasks in the given order
 * (by task id when no order is given), each as soon as it is ready.  This
 * is how a schedule computed by another tool, or a published solution
 * (the best-known assignments of the ETC literature), is evaluated under
 * pelsim's model.  The assignment itself is read by the backend's
 * front end (`policy: {name: fixed, schedule: FILE}`). */
#include "plan.h"

#include <math.h>

static const pel_param_doc fixed_params[] = {
	{ "schedule", "(required)", "file: a pelsim schedule CSV, 'task device [order]' lines, "
				    "or one device index per task (ETC .sol)" },
	{ NULL, NULL, NULL },
};

static int fixed_init(pel_policy_ctx *ctx)
{
	const pel_assignment *a = ctx->assignment;
	if (!a)
		return pel_ctx_refuse(ctx, "schedule", "expected a schedule file, found none");
	pel_plan *p = pel_plan_new(ctx->model);
	for (pel_task_id t = 0; t < ctx->model->g->ntasks; t++) {
		p->dev[t] = a->dev[t];
		p->start[t] = isnan(a->order[t]) ? (double)t : a->order[t];
	}
	pel_plan_dispatch_init(p, ctx);
	ctx->state = p;
	return 0;
}

static void fixed_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_plan_task_ready(ctx->state, t);
}

static pel_task_id fixed_next(pel_policy_ctx *ctx, pel_device_id d)
{
	return pel_plan_next_task(ctx->state, d);
}

static void fixed_fini(pel_policy_ctx *ctx)
{
	pel_plan_free(ctx->state);
}

const pel_policy pel_policy_fixed = {
	.name = "fixed",
	.summary = "replay a given schedule: task -> device, optionally the order on each device",
	.params = fixed_params,
	.init = fixed_init,
	.task_ready = fixed_ready,
	.next_task = fixed_next,
	.fini = fixed_fini,
};
