/* olb.c - Opportunistic Load Balancing: each task goes to the device
 * expected to be free first, whatever its execution time there.
 *
 * Reference: T. D. Braun et al., JPDC 61(6):810-837, 2001 (OLB). */
#include "push.h"

#include <math.h>

/* When d would be free to start t: its queue's end, whatever t's time there. */
static double olb_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	(void)ctx;
	double w = pel_model_exec(s->m, t, d);
	return isfinite(w) ? pel_push_finish(s, t, d, now, now) - w : INFINITY;
}

static pel_device_id olb_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, olb_score);
}

static int olb_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, olb_choose, NULL);
}

const pel_policy pel_policy_olb = {
	.name = "olb",
	.summary = "opportunistic load balancing: each task to the device free first (Braun et al. 2001)",
	.init = olb_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
