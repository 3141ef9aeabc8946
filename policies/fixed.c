/* fixed.c - replays a given schedule: each task runs on the device the
 * assignment names, and each device runs its tasks in the given order
 * (by task id when no order is given), each as soon as it is ready.  This
 * is how a schedule computed by another tool, or a published solution
 * (the best-known assignments of the ETC literature), is evaluated under
 * pelsim's model.  The assignment itself is read by the backend's
 * front end (`policy: {name: fixed, schedule: FILE}`). */
#include "plan.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

static const pel_param_doc fixed_params[] = {
	{ "schedule", "(required)", "file: a pelsim schedule CSV, 'task device [order]' lines, "
				    "or one device index per task (ETC .sol)" },
	{ NULL, NULL, NULL },
};

/* A replayed order can deadlock: a device waiting for a task that waits,
 * through the DAG, for a later task of that device.  Kahn's algorithm on
 * the DAG's edges plus "next on the same device" finds it before the run. */
static pel_task_id blocked_task(const pel_plan *p)
{
	const pel_dag *g = p->m->g;
	uint32_t n = g->ntasks;
	uint32_t *left = pel_xmalloc((size_t)n * sizeof *left);
	pel_task_id *next = pel_xmalloc((size_t)n * sizeof *next), *queue = pel_xmalloc((size_t)n * sizeof *queue);
	for (pel_task_id t = 0; t < n; t++) {
		left[t] = pel_dag_npred(g, t);
		next[t] = PEL_NO_TASK;
	}
	for (pel_device_id d = 0; d < p->m->ndev; d++)
		for (uint32_t i = p->qhead[d]; i + 1 < p->qend[d]; i++) {
			next[p->queue[i]] = p->queue[i + 1];
			left[p->queue[i + 1]]++;
		}
	uint32_t head = 0, tail = 0;
	for (pel_task_id t = 0; t < n; t++)
		if (!left[t])
			queue[tail++] = t;
	while (head < tail) {
		pel_task_id t = queue[head++];
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++)
			if (--left[g->dst[g->succ[k]]] == 0)
				queue[tail++] = g->dst[g->succ[k]];
		if (next[t] != PEL_NO_TASK && --left[next[t]] == 0)
			queue[tail++] = next[t];
	}
	pel_task_id stuck = PEL_NO_TASK;
	for (pel_task_id t = 0; t < n && stuck == PEL_NO_TASK; t++)
		if (left[t])
			stuck = t;
	free(left);
	free(next);
	free(queue);
	return stuck;
}

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
	pel_task_id stuck = blocked_task(p);
	if (stuck != PEL_NO_TASK) {
		char buf[32];
		pel_plan_free(p);
		return pel_ctx_refuse(ctx, "schedule",
				      "the order on the devices contradicts the DAG: task %s would wait forever",
				      pel_dag_task_name(ctx->model->g, stuck, buf, sizeof buf));
	}
	ctx->state = p;
	return 0;
}

static void fixed_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_plan_task_ready(ctx->state, ctx, t);
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
	.wakes = 1,
	.fini = fixed_fini,
};
