/* lwl.c - Least Work Left: each arriving task goes to the device with the
 * least expected work queued or running, per slot (in seconds, from the
 * model's estimates), whatever the task's own time there.
 *
 * Reference: M. Harchol-Balter, "Performance Modeling and Design of
 * Computer Systems", Cambridge University Press, 2013, ch. 24 (LWL). */
#include "push.h"

#include <math.h>

static pel_device_id lwl_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	(void)ctx;
	double best = INFINITY;
	pel_device_id pick = 0;
	for (pel_device_id d = 0; d < s->m->ndev; d++) {
		if (!isfinite(pel_model_exec(s->m, t, d)))
			continue;
		double left = s->work[d] / s->m->p->devices[d].slots;
		if (left < best) {
			best = left;
			pick = d;
		}
	}
	return pick;
}

static int lwl_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, lwl_choose, NULL);
}

const pel_policy pel_policy_lwl = {
	.name = "lwl",
	.summary = "least work left: each task to the device with the least expected work queued",
	.init = lwl_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
