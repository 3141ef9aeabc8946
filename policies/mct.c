/* mct.c - Minimum Completion Time (immediate mode): each task, as it
 * becomes ready, goes to the device where it would complete first, given
 * the device's queued work and the arrival of its inputs.
 *
 * Reference: T. D. Braun et al., "A comparison of eleven static heuristics
 * for mapping a class of independent tasks onto heterogeneous distributed
 * computing systems", JPDC 61(6):810-837, 2001 (MCT). */
#include "push.h"

#include <math.h>

static double mct_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	return pel_push_finish(s, t, d, now, pel_push_data_ready(ctx, t, d));
}

static pel_device_id mct_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, mct_score);
}

static int mct_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, mct_choose, NULL);
}

const pel_policy pel_policy_mct = {
	.name = "mct",
	.summary = "minimum completion time: each ready task to the device finishing it first (Braun et al. 2001)",
	.init = mct_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
