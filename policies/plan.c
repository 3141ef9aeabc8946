#include "plan.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pel_rank_upward(const pel_model *m, double *rank)
{
	const pel_dag *g = m->g;
	for (uint32_t i = g->ntasks; i > 0; i--) {
		pel_task_id t = g->topo[i - 1];
		double best = 0;
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
			uint32_t e = g->succ[k];
			double v = pel_model_mean_comm(m, e) + rank[g->dst[e]];
			if (v > best)
				best = v;
		}
		rank[t] = pel_model_mean_exec(m, t) + best;
	}
}

void pel_rank_downward(const pel_model *m, double *rank)
{
	const pel_dag *g = m->g;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id t = g->topo[i];
		double best = 0;
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			uint32_t e = g->pred[k];
			pel_task_id p = g->src[e];
			double v = rank[p] + pel_model_mean_exec(m, p) + pel_model_mean_comm(m, e);
			if (v > best)
				best = v;
		}
		rank[t] = best;
	}
}

typedef struct {
	double key;
	uint32_t pos;  /* position in topological order */
	pel_task_id t;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void pel_order_by_key_desc(const pel_model *m, const double *key, pel_task_id *order)
{
	const pel_dag *g = m->g;
	keyed *k = pel_xmalloc((size_t)g->ntasks * sizeof *k);
	for (uint32_t i = 0; i < g->ntasks; i++) {
		pel_task_id t = g->topo[i];
		k[i] = (keyed){ key[t], i, t };
	}
	qsort(k, g->ntasks, sizeof *k, cmp_keyed);
	for (uint32_t i = 0; i < g->ntasks; i++)
		order[i] = k[i].t;
	free(k);
}

pel_plan *pel_plan_new(const pel_model *m)
{
	const pel_platform *pf = m->p;
	uint32_t n = m->g->ntasks;
	pel_plan *p = pel_xcalloc(1, sizeof *p);
	p->m = m;
	p->dev = pel_xmalloc((size_t)n * sizeof *p->dev);
	for (uint32_t t = 0; t < n; t++)
		p->dev[t] = PEL_NO_DEVICE;
	p->slot = pel_xcalloc(n, sizeof *p->slot);
	p->start = pel_xcalloc(n, sizeof *p->start);
	p->end = pel_xcalloc(n, sizeof *p->end);
	p->lines = pel_xcalloc(pf->total_slots, sizeof *p->lines);
	p->first_line = pel_xcalloc(pf->ndevices, sizeof *p->first_line);
	uint32_t line = 0;
	for (uint32_t d = 0; d < pf->ndevices; d++) {
		p->first_line[d] = line;
		line += pf->devices[d].slots;
	}
	return p;
}

void pel_plan_free(pel_plan *p)
{
	if (!p)
		return;
	for (uint32_t i = 0; i < p->m->p->total_slots; i++)
		free(p->lines[i].iv);
	free(p->lines);
	free(p->first_line);
	free(p->dev);
	free(p->slot);
	free(p->start);
	free(p->end);
	free(p->queue);
	free(p->qhead);
	free(p->qend);
	free(p->ready);
	free(p);
}

double pel_plan_data_ready(const pel_plan *p, pel_task_id t, pel_device_id d)
{
	const pel_dag *g = p->m->g;
	double ready = 0;
	for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
		uint32_t e = g->pred[k];
		pel_task_id q = g->src[e];
		double v = p->end[q] + pel_model_comm_dev(p->m, e, p->dev[q], d);
		if (v > ready)
			ready = v;
	}
	return ready;
}

/* Earliest start >= ready of a w-long job on one timeline (insertion). */
static double earliest_start(const pel_timeline *l, double ready, double w)
{
	if (!l->n || ready >= l->iv[l->n - 1].end)
		return l->n ? fmax(ready, l->iv[l->n - 1].end) : ready;
	/* first interval ending after ready: ends are sorted too */
	uint32_t lo = 0, hi = l->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (l->iv[mid].end > ready)
			hi = mid;
		else
			lo = mid + 1;
	}
	double s = ready;
	for (uint32_t i = lo; i < l->n; i++) {
		if (s + w <= l->iv[i].start)
			return s;
		/* fmax without the library call: times are never NaN */
		if (l->iv[i].end > s)
			s = l->iv[i].end;
	}
	return s;
}

double pel_plan_eft(const pel_plan *p, pel_task_id t, pel_device_id d,
		    uint32_t *slot, double *start)
{
	double w = pel_model_exec(p->m, t, d);
	if (!isfinite(w))
		return INFINITY;
	double ready = pel_plan_data_ready(p, t, d);
	const pel_device *dev = &p->m->p->devices[d];
	double best = INFINITY;
	for (uint32_t s = 0; s < dev->slots; s++) {
		double st = earliest_start(&p->lines[p->first_line[d] + s], ready, w);
		if (st + w < best) {
			best = st + w;
			*slot = s;
			*start = st;
		}
	}
	return best;
}

void pel_plan_place(pel_plan *p, pel_task_id t, pel_device_id d, uint32_t slot, double start)
{
	double end = start + pel_model_exec(p->m, t, d);
	pel_timeline *l = &p->lines[p->first_line[d] + slot];
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->iv = pel_xreallocarray(l->iv, l->cap, sizeof *l->iv);
	}
	uint32_t i = l->n;
	while (i > 0 && l->iv[i - 1].start > start)
		i--;
	memmove(&l->iv[i + 1], &l->iv[i], (l->n - i) * sizeof *l->iv);
	l->iv[i] = (pel_interval){ start, end };
	l->n++;
	p->dev[t] = d;
	p->slot[t] = slot;
	p->start[t] = start;
	p->end[t] = end;
}

double pel_plan_place_biased(pel_plan *p, pel_task_id t, const double *bias)
{
	double best = INFINITY, best_start = 0;
	pel_device_id best_d = 0;
	uint32_t best_slot = 0;
	for (pel_device_id d = 0; d < p->m->ndev; d++) {
		uint32_t slot = 0;
		double start = 0;
		double f = pel_plan_eft(p, t, d, &slot, &start);
		if (bias)
			f += bias[d];
		if (f < best) {
			best = f;
			best_d = d;
			best_slot = slot;
			best_start = start;
		}
	}
	pel_plan_place(p, t, best_d, best_slot, best_start);
	return best;
}

double pel_plan_place_eft(pel_plan *p, pel_task_id t)
{
	return pel_plan_place_biased(p, t, NULL);
}

double pel_plan_makespan(const pel_plan *p)
{
	double ms = 0;
	for (uint32_t t = 0; t < p->m->g->ntasks; t++)
		ms = fmax(ms, p->end[t]);
	return ms;
}

typedef struct {
	pel_device_id d;
	double start;
	uint32_t slot;
	pel_task_id t;
} dispatch_key;

static int cmp_dispatch(const void *a, const void *b)
{
	const dispatch_key *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

void pel_plan_dispatch_init(pel_plan *p, pel_policy_ctx *ctx)
{
	uint32_t n = p->m->g->ntasks, nd = p->m->ndev;
	dispatch_key *k = pel_xmalloc((size_t)n * sizeof *k);
	for (uint32_t t = 0; t < n; t++)
		k[t] = (dispatch_key){ p->dev[t], p->start[t], p->slot[t], t };
	qsort(k, n, sizeof *k, cmp_dispatch);
	p->queue = pel_xmalloc((size_t)n * sizeof *p->queue);
	p->qhead = pel_xcalloc(nd, sizeof *p->qhead);
	p->qend = pel_xcalloc(nd, sizeof *p->qend);
	p->ready = pel_xcalloc(n, 1);
	for (uint32_t i = 0; i < n; i++) {
		p->queue[i] = k[i].t;
		p->qend[k[i].d] = i + 1;
	}
	/* queues are contiguous per device in device order */
	uint32_t at = 0;
	for (uint32_t d = 0; d < nd; d++) {
		p->qhead[d] = at;
		if (p->qend[d] < at)
			p->qend[d] = at;
		at = p->qend[d];
	}
	free(k);
	for (uint32_t t = 0; t < n; t++)
		pel_ctx_assign(ctx, t, p->dev[t]);
}

void pel_plan_task_ready(pel_plan *p, pel_policy_ctx *ctx, pel_task_id t)
{
	pel_device_id d = p->dev[t];
	p->ready[t] = 1;
	if (p->qhead[d] < p->qend[d] && p->queue[p->qhead[d]] == t)
		pel_ctx_wake(ctx, d);
}

pel_task_id pel_plan_next_task(pel_plan *p, pel_device_id d)
{
	uint32_t h = p->qhead[d];
	if (h == p->qend[d] || !p->ready[p->queue[h]])
		return PEL_NO_TASK;
	p->qhead[d] = h + 1;
	return p->queue[h];
}
