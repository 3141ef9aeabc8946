/* random.c - each task, when ready (or when it arrives), goes to a device
 * drawn uniformly among those able to run it, from the policy's own
 * seeded stream.  On c identical devices with Poisson arrivals this makes
 * c independent M/M/1 queues: the baseline of the load-balancing
 * literature (e.g. Mitzenmacher, "The power of two choices in randomized
 * load balancing", IEEE TPDS 12(10), 2001). */
#include "push.h"

#include "../common/alloc.h"

#include <gsl/gsl_rng.h>

static pel_device_id random_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	pel_device_id *cap = s->user;
	uint32_t n = pel_push_capable(s, t, cap);
	return cap[gsl_rng_uniform_int(ctx->rng, n)];
}

static int random_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, random_choose,
			     pel_xmalloc((size_t)ctx->model->ndev * sizeof(pel_device_id)));
}

const pel_policy pel_policy_random = {
	.name = "random",
	.summary = "each task to a device drawn uniformly at random (seeded)",
	.init = random_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
