/* dmda.c - "deque model, data aware": each ready task goes to the device
 * minimising alpha * expected finish + beta * expected input transfer
 * time, where the finish counts the queued work and the arrival of the
 * task's inputs from where their producers ran.
 *
 * Reference: StarPU's dmda scheduler (Augonnet et al., CCPE 2011; the
 * fitness alpha * exp_end + beta * transfer of StarPU's sched_policies). */
#include "push.h"

#include "../common/alloc.h"

#include <math.h>

typedef struct {
	double alpha, beta;
} dmda_prm;

static const pel_param_doc dmda_params[] = {
	{ "alpha", "1", "weight of the expected finish time" },
	{ "beta", "1", "weight of the expected input transfer time" },
	{ NULL, NULL, NULL },
};

static double dmda_score(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d, double now)
{
	const dmda_prm *p = s->user;
	double ready = pel_push_data_ready(ctx, t, d);
	return p->alpha * pel_push_finish(s, t, d, now, ready) + p->beta * (ready - now);
}

static pel_device_id dmda_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	return pel_push_argmin(ctx, s, t, dmda_score);
}

static int dmda_init(pel_policy_ctx *ctx)
{
	dmda_prm p;
	if (pel_ctx_param_number(ctx, "alpha", 1, 0, 1e9, &p.alpha) ||
	    pel_ctx_param_number(ctx, "beta", 1, 0, 1e9, &p.beta))
		return -1;
	dmda_prm *u = pel_xmalloc(sizeof *u);
	*u = p;
	return pel_push_init(ctx, dmda_choose, u);
}

const pel_policy pel_policy_dmda = {
	.name = "dmda",
	.summary = "push each ready task to the device of best finish time counting input transfers (StarPU dmda)",
	.params = dmda_params,
	.init = dmda_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
