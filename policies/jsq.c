/* jsq.c - Join the Shortest Queue: each arriving task goes to the device
 * with the fewest tasks queued or running (per slot); ties are broken
 * uniformly at random from the policy's stream.
 *
 * Reference: W. Winston, "Optimality of the shortest line discipline",
 * J. Appl. Prob. 14(1):181-189, 1977. */
#include "push.h"

#include "../common/alloc.h"

#include <gsl/gsl_rng.h>
#include <math.h>

static pel_device_id jsq_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	pel_device_id *cap = s->user;
	uint32_t n = pel_push_capable(s, t, cap), ties = 0;
	double best = INFINITY;
	pel_device_id pick = cap[0];
	for (uint32_t i = 0; i < n; i++) {
		pel_device_id d = cap[i];
		double len = (double)s->count[d] / s->m->p->devices[d].slots;
		if (len < best) {
			best = len;
			pick = d;
			ties = 1;
		} else if (len == best && gsl_rng_uniform_int(ctx->rng, ++ties) == 0) {
			pick = d; /* reservoir sampling among the ties */
		}
	}
	return pick;
}

static int jsq_init(pel_policy_ctx *ctx)
{
	return pel_push_init(ctx, jsq_choose,
			     pel_xmalloc((size_t)ctx->model->ndev * sizeof(pel_device_id)));
}

const pel_policy pel_policy_jsq = {
	.name = "jsq",
	.summary = "join the shortest queue: each task to the device with the fewest tasks per slot",
	.init = jsq_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
