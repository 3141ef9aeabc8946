#include "push.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pel_fifo_push(pel_fifo *f, uint32_t x)
{
	if (f->n == f->cap) {
		uint32_t cap = f->cap ? f->cap * 2 : 16;
		uint32_t *b = pel_xmalloc((size_t)cap * sizeof *b);
		for (uint32_t i = 0; i < f->n; i++)
			b[i] = f->buf[(f->head + i) % f->cap];
		free(f->buf);
		f->buf = b;
		f->head = 0;
		f->cap = cap;
	}
	f->buf[(f->head + f->n++) % f->cap] = x;
}

uint32_t pel_fifo_pop(pel_fifo *f)
{
	uint32_t x = f->buf[f->head];
	f->head = (f->head + 1) % f->cap;
	f->n--;
	return x;
}

int pel_push_init(pel_policy_ctx *ctx, pel_choose_fn choose, void *user)
{
	const pel_model *m = ctx->model;
	uint32_t nd = m->ndev;
	pel_push *s = pel_xcalloc(1, sizeof *s);
	s->m = m;
	s->choose = choose;
	s->user = user;
	s->q = pel_xcalloc(nd, sizeof *s->q);
	s->count = pel_xcalloc(nd, sizeof *s->count);
	s->work = pel_xcalloc(nd, sizeof *s->work);
	s->avail = pel_xcalloc(m->p->total_slots, sizeof *s->avail);
	s->first = pel_xmalloc((size_t)nd * sizeof *s->first);
	s->pushed_exec = pel_xcalloc(m->g->ntasks, sizeof *s->pushed_exec);
	for (uint32_t d = 0, at = 0; d < nd; d++) {
		s->first[d] = at;
		at += m->p->devices[d].slots;
	}
	ctx->state = s;
	return 0;
}

/* The slot of d expected to free up first. */
static uint32_t earliest_slot(const pel_push *s, pel_device_id d)
{
	uint32_t best = s->first[d];
	for (uint32_t k = 1; k < s->m->p->devices[d].slots; k++)
		if (s->avail[s->first[d] + k] < s->avail[best])
			best = s->first[d] + k;
	return best;
}

double pel_push_finish(const pel_push *s, pel_task_id t, pel_device_id d, double now, double ready_at)
{
	double w = pel_model_exec(s->m, t, d);
	if (!isfinite(w))
		return INFINITY;
	double start = fmax(fmax(now, ready_at), s->avail[earliest_slot(s, d)]);
	return start + w;
}

double pel_push_data_ready(const pel_policy_ctx *ctx, pel_task_id t, pel_device_id d)
{
	const pel_model *m = ctx->model;
	const pel_dag *g = m->g;
	double now = pel_ctx_now(ctx), ready = now;
	for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
		uint32_t e = g->pred[k];
		pel_device_id from = pel_ctx_task_device(ctx, g->src[e]);
		if (from != PEL_NO_DEVICE)
			ready = fmax(ready, now + pel_model_comm_dev(m, e, from, d));
	}
	return ready;
}

uint32_t pel_push_capable(const pel_push *s, pel_task_id t, pel_device_id *out)
{
	uint32_t n = 0;
	for (pel_device_id d = 0; d < s->m->ndev; d++)
		if (isfinite(pel_model_exec(s->m, t, d)))
			out[n++] = d;
	return n;
}

pel_device_id pel_push_argmin(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_score_fn score)
{
	double now = pel_ctx_now(ctx), best = INFINITY;
	pel_device_id pick = 0;
	for (pel_device_id d = 0; d < s->m->ndev; d++) {
		double v = score(ctx, s, t, d, now);
		if (v < best) {
			best = v;
			pick = d;
		}
	}
	return pick;
}

void pel_push_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	pel_push *s = ctx->state;
	pel_push_to(ctx, t, s->choose(ctx, s, t));
}

void pel_push_to(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d)
{
	pel_push *s = ctx->state;
	double now = pel_ctx_now(ctx), w = pel_model_exec(s->m, t, d);
	uint32_t slot = earliest_slot(s, d);
	s->avail[slot] = fmax(s->avail[slot], now) + w;
	s->count[d]++;
	s->work[d] += w;
	s->pushed_exec[t] = w;
	pel_fifo_push(&s->q[d], t);
	pel_ctx_assign(ctx, t, d);
	pel_ctx_wake(ctx, d);
}

pel_task_id pel_push_next(pel_policy_ctx *ctx, pel_device_id d)
{
	pel_push *s = ctx->state;
	return s->q[d].n ? pel_fifo_pop(&s->q[d]) : PEL_NO_TASK;
}

void pel_push_done(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d)
{
	pel_push *s = ctx->state;
	s->count[d]--;
	s->work[d] -= s->pushed_exec[t];
	if (!s->count[d]) {
		/* idle: forget estimation drift */
		s->work[d] = 0;
		double now = pel_ctx_now(ctx);
		for (uint32_t k = 0; k < s->m->p->devices[d].slots; k++)
			s->avail[s->first[d] + k] = now;
	}
}

void pel_push_fini(pel_policy_ctx *ctx)
{
	pel_push *s = ctx->state;
	for (uint32_t d = 0; d < s->m->ndev; d++)
		free(s->q[d].buf);
	free(s->q);
	free(s->count);
	free(s->work);
	free(s->avail);
	free(s->first);
	free(s->pushed_exec);
	free(s->user);
	free(s);
}
