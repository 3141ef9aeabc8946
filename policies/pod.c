/* pod.c - Power of d choices: each arriving task samples d distinct
 * devices uniformly at random and joins the one with the fewest tasks
 * queued or running per slot (the first sampled on ties).
 *
 * Reference: M. Mitzenmacher, "The power of two choices in randomized load
 * balancing", IEEE TPDS 12(10):1094-1104, 2001. */
#include "push.h"

#include "../common/alloc.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
	uint32_t d;
	pel_device_id *cap;
} pod_state;

static const pel_param_doc pod_params[] = {
	{ "d", "2", "devices sampled per task, 1 to the platform's devices (1 = random; all = jsq)" },
	{ NULL, NULL, NULL },
};

static pel_device_id pod_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	pod_state *p = s->user;
	uint32_t n = pel_push_capable(s, t, p->cap);
	uint32_t k = p->d < n ? p->d : n;
	double best = INFINITY;
	pel_device_id pick = p->cap[0];
	/* partial Fisher-Yates: the first k entries become the sample */
	for (uint32_t i = 0; i < k; i++) {
		uint32_t j = i + (uint32_t)gsl_rng_uniform_int(ctx->rng, n - i);
		pel_device_id d = p->cap[j];
		p->cap[j] = p->cap[i];
		p->cap[i] = d;
		double len = (double)s->count[d] / s->m->p->devices[d].slots;
		if (len < best) {
			best = len;
			pick = d;
		}
	}
	return pick;
}

static void pod_fini(pel_policy_ctx *ctx)
{
	pel_push *s = ctx->state;
	pod_state *p = s->user;
	free(p->cap);
	pel_push_fini(ctx);
}

static int pod_init(pel_policy_ctx *ctx)
{
	/* d is at most the devices of the platform: a larger d would be
	 * clamped to jsq without a word; the default 2 is (1 device: 1) */
	uint32_t ndev = ctx->model->ndev;
	const char *given = pel_ctx_param(ctx, "d", NULL);
	double d = ndev < 2 ? ndev : 2;
	if (given) {
		char *end;
		d = strtod(given, &end);
		if (end == given || *end || !(d >= 1 && d <= ndev) || d != floor(d))
			return pel_ctx_refuse(ctx, "d",
					      "expected a whole number of devices in [1, %u] (the platform has %u), found '%s'",
					      ndev, ndev, given);
	}
	pod_state *p = pel_xmalloc(sizeof *p);
	p->d = (uint32_t)d;
	p->cap = pel_xmalloc((size_t)ndev * sizeof *p->cap);
	return pel_push_init(ctx, pod_choose, p);
}

const pel_policy pel_policy_pod = {
	.name = "pod",
	.summary = "power of d choices: sample d devices, join the shortest queue among them (Mitzenmacher 2001)",
	.params = pod_params,
	.init = pod_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pod_fini,
};
