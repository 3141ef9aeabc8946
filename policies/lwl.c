/* lwl.c - Least Work Left: each arriving task goes to the device with the
 * least expected work left, per slot (in seconds, from the model's
 * estimates: the queued tasks and what remains of the running ones),
 * whatever the task's own time there.  On identical servers with exact
 * sizes this is a central FCFS queue (Harchol-Balter, ch. 24).
 *
 * Reference: M. Harchol-Balter, "Performance Modeling and Design of
 * Computer Systems", Cambridge University Press, 2013, ch. 24 (LWL). */
#include "push.h"

#include <math.h>

/* Expected work left per slot: each slot's expected free time counts its
 * queue and the rest of its running task, not the part already done. */
static double lwl_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	(void)ctx;
	if (!isfinite(pel_model_exec(s->m, t, d)))
		return INFINITY;
	uint32_t slots = s->m->p->devices[d].slots;
	double left = 0;
	for (uint32_t k = 0; k < slots; k++)
		left += fmax(s->avail[s->first[d] + k] - now, 0);
	return left / slots;
}

static pel_device_id lwl_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, lwl_score);
}

static int lwl_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, lwl_choose, NULL);
}

const pel_policy pel_policy_lwl = {
	.name = "lwl",
	.summary = "least work left: each task to the device with the least expected work left",
	.init = lwl_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
