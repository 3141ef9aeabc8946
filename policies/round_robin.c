/* round_robin.c - each task, when ready, goes to the next device in
 * cyclic order (skipping devices that cannot run it): the oldest and
 * simplest static load balancer. */
#include "push.h"

#include "../common/alloc.h"

#include <math.h>

static pel_device_id rr_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	(void)ctx;
	uint32_t *next = s->user;
	uint32_t nd = s->m->ndev;
	for (uint32_t k = 0; k < nd; k++) {
		pel_device_id d = (*next + k) % nd;
		if (isfinite(pel_model_exec(s->m, t, d))) {
			*next = (d + 1) % nd;
			return d;
		}
	}
	return 0; /* unreachable: the model guarantees a capable device */
}

static int rr_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, rr_choose, pel_xcalloc(1, sizeof(uint32_t)));
}

const pel_policy pel_policy_round_robin = {
	.name = "round-robin",
	.summary = "each task to the next device in cyclic order",
	.init = rr_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
