/* sita.c - Size Interval Task Assignment: task sizes are split into as
 * many intervals as there are devices; device i serves the tasks whose
 * size falls in interval i, so short tasks never wait behind long ones.
 * The size of a task is its fastest execution time.  Cutoffs are given
 * (parameter `cutoffs`, seconds, ascending, separated by ':') or chosen
 * so that each interval carries an equal share of the total size
 * (SITA-E), from the sizes of the workload.
 *
 * Reference: M. Harchol-Balter, M. E. Crovella, C. D. Murta, "On choosing
 * a task assignment policy for a distributed server system", JPDC
 * 59(2):204-228, 1999. */
#include "push.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const pel_param_doc sita_params[] = {
	{ "cutoffs", "equal load", "ascending size cutoffs in seconds, a:b:..., one fewer than devices" },
	{ NULL, NULL, NULL },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static pel_device_id sita_choose(pel_policy_ctx *ctx, pel_push *s, pel_task_id t)
{
	(void)ctx;
	const double *cut = s->user;
	double size = pel_model_min_exec(s->m, t);
	pel_device_id d = 0;
	while (d + 1 < s->m->ndev && size >= cut[d])
		d++;
	if (!isfinite(pel_model_exec(s->m, t, d))) {
		/* its interval's device cannot run it: the fastest one does */
		for (pel_device_id k = 0; k < s->m->ndev; k++)
			if (pel_model_exec(s->m, t, k) == size)
				return k;
	}
	return d;
}

/* SITA-E: cutoffs where the running sum of sorted sizes crosses i/n of
 * the total. */
static void equal_load_cutoffs(const pel_model *m, double *cut)
{
	uint32_t n = m->g->ntasks, nd = m->ndev;
	double *size = pel_xmalloc((size_t)n * sizeof *size), total = 0, run = 0;
	for (pel_task_id t = 0; t < n; t++) {
		size[t] = pel_model_min_exec(m, t);
		total += size[t];
	}
	qsort(size, n, sizeof *size, cmp_double);
	uint32_t k = 0;
	for (uint32_t i = 0; i < n && k + 1 < nd; i++) {
		run += size[i];
		while (k + 1 < nd && run >= total * (k + 1) / nd)
			cut[k++] = size[i];
	}
	while (k + 1 < nd)
		cut[k++] = INFINITY;
	free(size);
}

static int sita_init(pel_policy_ctx *ctx)
{
	uint32_t nd = ctx->model->ndev;
	double *cut = pel_xcalloc(nd, sizeof *cut);
	const char *given = pel_ctx_param(ctx, "cutoffs", NULL);
	if (!given) {
		equal_load_cutoffs(ctx->model, cut);
		return pel_push_init(ctx, sita_choose, cut);
	}
	uint32_t k = 0;
	const char *p = given;
	while (*p) {
		char *end;
		double x = strtod(p, &end);
		if (end == p || (*end && *end != ':') || !isfinite(x) || x < 0 || (k && x < cut[k - 1]) ||
		    k + 1 >= nd) {
			free(cut);
			return pel_ctx_refuse(ctx, "cutoffs",
					      "expected %u ascending sizes in seconds separated by ':', found '%s'",
					      nd - 1, given);
		}
		cut[k++] = x;
		p = *end ? end + 1 : end;
	}
	if (k + 1 != nd) {
		free(cut);
		return pel_ctx_refuse(ctx, "cutoffs", "expected %u cutoffs (one fewer than the %u devices), found %u",
				      nd - 1, nd, k);
	}
	return pel_push_init(ctx, sita_choose, cut);
}

const pel_policy pel_policy_sita = {
	.name = "sita",
	.summary = "size interval task assignment: device i serves sizes in interval i (Harchol-Balter et al. 1999)",
	.params = sita_params,
	.init = sita_init,
	.task_ready = pel_push_ready,
	.next_task = pel_push_next,
	.wakes = 1,
	.task_done = pel_push_done,
	.fini = pel_push_fini,
};
