/* batch.c - the batch-mode mapping heuristics min-min, max-min and
 * sufferage, applied to the ready set as the DAG unfolds: ready tasks
 * accumulate while every device is busy; when a device asks for work, the
 * whole batch is mapped, one task at a time, onto the device queues.
 *   min-min:   the task whose best completion time is smallest goes first;
 *   max-min:   the task whose best completion time is largest goes first;
 *   sufferage: the task that would suffer most from not getting its best
 *              device (second-best minus best completion) goes first.
 * Each chosen task goes to its best device; completion times count the
 * device's queued work and the arrival of the task's inputs.  Mapping a
 * batch of b tasks on m devices costs O(b^2 m), as in the original.
 *
 * References: O. H. Ibarra, C. E. Kim, JACM 24(2), 1977 (min-min,
 * max-min); M. Maheswaran, S. Ali, H. J. Siegel, D. Hensgen, R. F. Freund,
 * "Dynamic mapping of a class of independent tasks onto heterogeneous
 * computing systems", JPDC 59(2):107-131, 1999 (sufferage, batch mode);
 * T. D. Braun et al., JPDC 61(6):810-837, 2001. */
#include "push.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum { MINMIN, MAXMIN, SUFFERAGE } batch_rule;

typedef struct {
	batch_rule rule;
	pel_task_id *set;  /* ready tasks not yet mapped */
	uint32_t n;
} batch_state;

/* Best and second-best completion of t over the devices. */
static void best_two(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, double now,
		     pel_device_id *dev, double *best, double *second)
{
	*best = *second = INFINITY;
	*dev = 0;
	for (pel_device_id d = 0; d < s->m->ndev; d++) {
		double f = pel_push_finish(s, t, d, now, pel_push_data_ready(ctx, t, d));
		if (f < *best) {
			*second = *best;
			*best = f;
			*dev = d;
		} else if (f < *second) {
			*second = f;
		}
	}
}

static void map_batch(pel_policy_ctx *ctx, pel_push *s, batch_state *b)
{
	double now = pel_ctx_now(ctx);
	while (b->n) {
		uint32_t pick = 0;
		pel_device_id pick_dev = 0;
		double pick_key = 0;
		for (uint32_t i = 0; i < b->n; i++) {
			pel_device_id d;
			double best, second;
			best_two(ctx, s, b->set[i], now, &d, &best, &second);
			double key = b->rule == MINMIN ? -best : b->rule == MAXMIN ? best
				   : (isfinite(second) ? second - best : INFINITY);
			if (i == 0 || key > pick_key) {
				pick = i;
				pick_dev = d;
				pick_key = key;
			}
		}
		pel_push_to(ctx, b->set[pick], pick_dev);
		/* keep readiness order, so ties go to the task ready first */
		memmove(&b->set[pick], &b->set[pick + 1], (b->n - pick - 1) * sizeof *b->set);
		b->n--;
	}
}

static void batch_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_push *s = ctx->state;
	batch_state *b = s->user;
	b->set[b->n++] = t;
}

static pel_task_id batch_next(pel_policy_ctx *ctx, pel_device_id d)
{
	pel_push *s = ctx->state;
	batch_state *b = s->user;
	if (b->n)
		map_batch(ctx, s, b);
	return pel_push_next(ctx, d);
}

static void batch_fini(pel_policy_ctx *ctx)
{
	pel_push *s = ctx->state;
	batch_state *b = s->user;
	free(b->set);
	pel_push_fini(ctx);
}

static int batch_init(pel_policy_ctx *ctx, batch_rule rule)
{
	batch_state *b = pel_xcalloc(1, sizeof *b);
	b->rule = rule;
	b->set = pel_xmalloc(((size_t)ctx->model->g->ntasks + 1) * sizeof *b->set);
	return pel_push_init(ctx, NULL, b);
}

static int minmin_init(pel_policy_ctx *ctx)
{
	return batch_init(ctx, MINMIN);
}

static int maxmin_init(pel_policy_ctx *ctx)
{
	return batch_init(ctx, MAXMIN);
}

static int sufferage_init(pel_policy_ctx *ctx)
{
	return batch_init(ctx, SUFFERAGE);
}

const pel_policy pel_policy_minmin = {
	.name = "minmin",
	.summary = "min-min on the ready set: smallest best completion time first (Ibarra and Kim 1977)",
	.init = minmin_init,
	.task_ready = batch_ready,
	.next_task = batch_next,
	.task_done = pel_push_done,
	.fini = batch_fini,
};

const pel_policy pel_policy_maxmin = {
	.name = "maxmin",
	.summary = "max-min on the ready set: largest best completion time first (Ibarra and Kim 1977)",
	.init = maxmin_init,
	.task_ready = batch_ready,
	.next_task = batch_next,
	.task_done = pel_push_done,
	.fini = batch_fini,
};

const pel_policy pel_policy_sufferage = {
	.name = "sufferage",
	.summary = "sufferage on the ready set: the task losing most without its best device first (Maheswaran et al. 1999)",
	.init = sufferage_init,
	.task_ready = batch_ready,
	.next_task = batch_next,
	.task_done = pel_push_done,
	.fini = batch_fini,
};
