/* eager.c - one central FIFO ready queue; an idle device takes the oldest
 * ready task it can run.
 *
 * Reference: StarPU's "eager" scheduler (Augonnet et al., "StarPU: a
 * unified platform for task scheduling on heterogeneous multicore
 * architectures", CCPE 2011).  Push and pop are O(1) when every device can
 * run every task; a device that cannot run the oldest task looks further
 * down the queue.  A ready task wakes the devices that can run it, and
 * the queue's last task put every idle device to sleep, so an event costs
 * the devices that may take work, not every idle one. */
#include "policy.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

#define TAKEN PEL_NO_TASK

typedef struct {
	pel_task_id *q; /* ring large enough for every task: no wrap needed */
	uint32_t head, tail;
} eager;

static int eager_init(pel_policy_ctx *ctx)
{
	eager *s = pel_xcalloc(1, sizeof *s);
	s->q = pel_xmalloc(((size_t)ctx->model->g->ntasks + 1) * sizeof *s->q);
	ctx->state = s;
	return 0;
}

/* Queues t and wakes the devices that can run it (all at once, word by
 * word in the backend, when every device can). */
static void eager_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	eager *s = ctx->state;
	s->q[s->tail++] = t;
	if (pel_model_runs_everywhere(ctx->model, t)) {
		pel_ctx_wake(ctx, PEL_NO_DEVICE);
		return;
	}
	for (pel_device_id d = 0; d < ctx->model->ndev; d++)
		if (isfinite(pel_model_exec(ctx->model, t, d)))
			pel_ctx_wake(ctx, d);
}

static pel_task_id eager_next(pel_policy_ctx *ctx, pel_device_id d)
{
	eager *s = ctx->state;
	while (s->head < s->tail && s->q[s->head] == TAKEN)
		s->head++;
	for (uint32_t i = s->head; i < s->tail; i++) {
		pel_task_id t = s->q[i];
		if (t == TAKEN || !isfinite(pel_model_exec(ctx->model, t, d)))
			continue;
		s->q[i] = TAKEN;
		if (i == s->head && i + 1 == s->tail) /* queue empty: nothing for anyone */
			pel_ctx_sleep_all(ctx);
		return t;
	}
	return PEL_NO_TASK;
}

static void eager_fini(pel_policy_ctx *ctx)
{
	eager *s = ctx->state;
	free(s->q);
	free(s);
}

const pel_policy pel_policy_eager = {
	.name = "eager",
	.summary = "central FIFO ready queue; an idle device takes the oldest ready task (StarPU eager)",
	.init = eager_init,
	.task_ready = eager_ready,
	.next_task = eager_next,
	.fini = eager_fini,
	.wakes = 1,
};
