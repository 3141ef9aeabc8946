/* met.c - Minimum Execution Time: each task goes to the device that runs
 * it fastest, whatever that device's load.
 *
 * Reference: T. D. Braun et al., JPDC 61(6):810-837, 2001 (MET). */
#include "push.h"

#include <math.h>

static double met_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	(void)ctx;
	(void)now;
	return pel_model_exec(s->m, t, d);
}

static pel_device_id met_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, met_score);
}

static int met_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, met_choose, NULL);
}

const pel_policy pel_policy_met = {
	.name = "met",
	.summary = "minimum execution time: each task to its fastest device, load ignored (Braun et al. 2001)",
	.init = met_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
