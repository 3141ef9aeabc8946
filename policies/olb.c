/* olb.c - Opportunistic Load Balancing: each task goes to the device
 * expected to be free first, whatever its execution time there.
 *
 * Reference: T. D. Braun et al., JPDC 61(6):810-837, 2001 (OLB). */
#include "push.h"

#include <math.h>

static pel_device_id olb_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	double now = pel_ctx_now(ctx), best = INFINITY;
	pel_device_id pick = 0;
	for (pel_device_id d = 0; d < s->m->ndev; d++) {
		double w = pel_model_exec(s->m, t, d);
		if (!isfinite(w))
			continue;
		double free_at = pel_push_finish(s, t, d, now, now) - w;
		if (free_at < best) {
			best = free_at;
			pick = d;
		}
	}
	return pick;
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
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
