/* heteroprio.c - per-kind buckets with accelerator affinity.
 *
 * Ready tasks go to a FIFO bucket per task kind.  Every device visits the
 * buckets in its own order: the kinds on which it is relatively fastest
 * first, where "relatively" is the kind's mean time over all devices
 * divided by its mean time on this device.  So GPUs drain the kinds they
 * accelerate most (gemm before potrf) while CPUs start with the kinds
 * accelerators gain least on, as in StarPU's heteroprio, whose bucket
 * orders are set by hand per architecture; here they derive from the
 * model.  Within a bucket, the highest upward rank goes first.
 *
 * Reference: E. Agullo, O. Beaumont, L. Eyraud-Dubois, S. Kumar,
 * "Are static schedules so bad? A case study on Cholesky factorization",
 * IPDPS 2016 (HeteroPrio); StarPU's heteroprio scheduler. */
#include "plan.h"
#include "pqueue.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
	uint32_t nk;
	pel_pqueue *bucket;  /* per kind */
	uint16_t *order;     /* per device: nk kinds, preferred first */
	double *rank;
	uint32_t *pos;
} hp_state;

typedef struct {
	double score;
	uint16_t kind;
} kind_score;

static int cmp_score(const void *a, const void *b)
{
	const kind_score *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

/* mean[k * nd + d]: mean execution time of kind k on device d. */
static double *kind_means(const pel_model *m, uint32_t nk)
{
	uint32_t nd = m->ndev;
	double *mean = pel_xcalloc((size_t)nk * nd, sizeof *mean);
	uint32_t *cnt = pel_xcalloc(nk, sizeof *cnt);
	for (pel_task_id t = 0; t < m->g->ntasks; t++) {
		uint16_t k = m->g->kind[t];
		cnt[k]++;
		for (pel_device_id d = 0; d < nd; d++)
			mean[(size_t)k * nd + d] += pel_model_exec(m, t, d);
	}
	for (uint32_t k = 0; k < nk; k++)
		for (pel_device_id d = 0; d < nd; d++)
			if (cnt[k])
				mean[(size_t)k * nd + d] /= cnt[k];
	free(cnt);
	return mean;
}

static int hp_init(pel_policy_ctx *ctx)
{
	const pel_model *m = ctx->model;
	const pel_dag *g = m->g;
	uint32_t nd = m->ndev, nk = g->nkinds ? g->nkinds : 1;
	hp_state *s = pel_xcalloc(1, sizeof *s);
	s->nk = nk;
	s->bucket = pel_xcalloc(nk, sizeof *s->bucket);
	for (uint32_t k = 0; k < nk; k++)
		pel_pq_init(&s->bucket[k], 16);
	s->rank = pel_xmalloc((size_t)g->ntasks * sizeof *s->rank);
	s->pos = pel_xmalloc((size_t)g->ntasks * sizeof *s->pos);
	pel_rank_upward(m, s->rank);
	for (uint32_t i = 0; i < g->ntasks; i++)
		s->pos[g->topo[i]] = i;
	double *mean = kind_means(m, nk);
	s->order = pel_xmalloc((size_t)nd * nk * sizeof *s->order);
	kind_score *ks = pel_xmalloc(nk * sizeof *ks);
	for (pel_device_id d = 0; d < nd; d++) {
		for (uint32_t k = 0; k < nk; k++) {
			double all = 0;
			uint32_t able = 0;
			for (pel_device_id e = 0; e < nd; e++)
				if (isfinite(mean[(size_t)k * nd + e])) {
					all += mean[(size_t)k * nd + e];
					able++;
				}
			double here = mean[(size_t)k * nd + d];
			ks[k].kind = (uint16_t)k;
			ks[k].score = isfinite(here) && here > 0 && able ? (all / able) / here : 0;
		}
		qsort(ks, nk, sizeof *ks, cmp_score);
		for (uint32_t k = 0; k < nk; k++)
			s->order[(size_t)d * nk + k] = ks[k].kind;
	}
	free(ks);
	free(mean);
	ctx->state = s;
	return 0;
}

static void hp_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	hp_state *s = ctx->state;
	pel_pq_push(&s->bucket[ctx->model->g->kind[t]], s->rank[t], s->pos[t], t);
}

static pel_task_id hp_next(pel_policy_ctx *ctx, pel_device_id d)
{
	hp_state *s = ctx->state;
	for (uint32_t i = 0; i < s->nk; i++) {
		pel_pqueue *q = &s->bucket[s->order[(size_t)d * s->nk + i]];
		if (q->n && isfinite(pel_model_exec(ctx->model, pel_pq_top(q)->task, d)))
			return pel_pq_pop(q).task;
	}
	return PEL_NO_TASK;
}

static void hp_fini(pel_policy_ctx *ctx)
{
	hp_state *s = ctx->state;
	for (uint32_t k = 0; k < s->nk; k++)
		pel_pq_free(&s->bucket[k]);
	free(s->bucket);
	free(s->order);
	free(s->rank);
	free(s->pos);
	free(s);
}

const pel_policy pel_policy_heteroprio = {
	.name = "heteroprio",
	.summary = "per-kind buckets; each device serves the kinds it accelerates most first (StarPU heteroprio)",
	.init = hp_init,
	.task_ready = hp_ready,
	.next_task = hp_next,
	.fini = hp_fini,
};
