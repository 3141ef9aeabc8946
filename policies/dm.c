/* dm.c - "deque model": each ready task goes to the device of earliest
 * expected finish, counting the device's queued work and the task's
 * execution time, not the transfer of its inputs.
 *
 * Reference: StarPU's dm scheduler (Augonnet et al., CCPE 2011), after
 * the heuristic of Topcuoglu et al. with a runtime's performance models. */
#include "push.h"

#include <math.h>

static double dm_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	(void)ctx;
	return pel_push_finish(s, t, d, now, now);
}

static pel_device_id dm_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, dm_score);
}

static int dm_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, dm_choose, NULL);
}

const pel_policy pel_policy_dm = {
	.name = "dm",
	.summary = "push each ready task to the device of earliest expected finish, data ignored (StarPU dm)",
	.init = dm_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
