/* prio.c - one central priority queue: an idle device takes the ready task
 * of highest upward rank (mean costs, as in HEFT) that it can run.
 *
 * Reference: StarPU's "prio" scheduler (Augonnet et al., CCPE 2011), with
 * the priorities of Topcuoglu et al. 2002.  O(log n) per push and pop. */
#include "plan.h"
#include "pqueue.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
	double *rank;
	uint32_t *pos;      /* topological position, the tie-break */
	pel_pqueue q;
	pel_pq_item *stash; /* tasks popped that the asking device cannot run */
} prio_state;

static int prio_init(pel_policy_ctx *ctx)
{
	const pel_dag *g = ctx->model->g;
	prio_state *s = pel_xcalloc(1, sizeof *s);
	s->rank = pel_xmalloc((size_t)g->ntasks * sizeof *s->rank);
	s->pos = pel_xmalloc((size_t)g->ntasks * sizeof *s->pos);
	s->stash = pel_xmalloc(((size_t)g->ntasks + 1) * sizeof *s->stash);
	pel_rank_upward(ctx->model, s->rank);
	for (uint32_t i = 0; i < g->ntasks; i++)
		s->pos[g->topo[i]] = i;
	pel_pq_init(&s->q, 64);
	ctx->state = s;
	return 0;
}

static void prio_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	prio_state *s = ctx->state;
	pel_pq_push(&s->q, s->rank[t], s->pos[t], t);
}

static pel_task_id prio_next(pel_policy_ctx *ctx, pel_device_id d)
{
	prio_state *s = ctx->state;
	uint32_t n = 0;
	pel_task_id got = PEL_NO_TASK;
	while (s->q.n) {
		pel_pq_item it = pel_pq_pop(&s->q);
		if (isfinite(pel_model_exec(ctx->model, it.task, d))) {
			got = it.task;
			break;
		}
		s->stash[n++] = it;
	}
	while (n--)
		pel_pq_push(&s->q, s->stash[n].key, s->stash[n].tie, s->stash[n].task);
	return got;
}

static void prio_fini(pel_policy_ctx *ctx)
{
	prio_state *s = ctx->state;
	pel_pq_free(&s->q);
	free(s->rank);
	free(s->pos);
	free(s->stash);
	free(s);
}

const pel_policy pel_policy_prio = {
	.name = "prio",
	.summary = "central priority queue on upward rank; an idle device takes the most urgent task (StarPU prio)",
	.init = prio_init,
	.task_ready = prio_ready,
	.next_task = prio_next,
	.fini = prio_fini,
};
