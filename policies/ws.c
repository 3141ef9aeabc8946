/* ws.c - work stealing, plain and locality-aware.
 *
 * Every device owns a deque.  A task that becomes ready goes to the deque
 * of the device whose completion released it (entry tasks: round-robin),
 * so a chain stays where its data is.  An idle device takes the newest
 * task of its own deque; when that is empty it steals the oldest task of
 * a victim's deque:
 *   ws:  victims in a cyclic order starting at a random device;
 *   lws: victims nearest first (same memory node, then fewest hops, then
 *        lowest latency), as StarPU's lws ("locality work stealing").
 * A task the device cannot run is left where it is.
 *
 * References: R. D. Blumofe, C. E. Leiserson, "Scheduling multithreaded
 * computations by work stealing", JACM 46(5):720-748, 1999; StarPU's ws
 * and lws schedulers. */
#include "policy.h"

#include "../common/alloc.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
	pel_task_id *buf; /* ring */
	uint32_t head, n, cap;
} deque;

typedef struct {
	int local;              /* lws */
	deque *dq;              /* per device */
	pel_device_id last;     /* device of the latest completion */
	uint32_t rr;            /* round-robin cursor for entry tasks */
	pel_device_id *victims; /* lws: per device, the others nearest first */
} ws_state;

static void dq_push_back(deque *q, pel_task_id t)
{
	if (q->n == q->cap) {
		uint32_t cap = q->cap ? 2 * q->cap : 16;
		pel_task_id *b = pel_xmalloc((size_t)cap * sizeof *b);
		for (uint32_t i = 0; i < q->n; i++)
			b[i] = q->buf[(q->head + i) % q->cap];
		free(q->buf);
		q->buf = b;
		q->head = 0;
		q->cap = cap;
	}
	q->buf[(q->head + q->n++) % q->cap] = t;
}

static pel_task_id dq_back(const deque *q)
{
	return q->buf[(q->head + q->n - 1) % q->cap];
}

static pel_task_id dq_front(const deque *q)
{
	return q->buf[q->head];
}

static const pel_platform *plat(const pel_policy_ctx *ctx)
{
	return ctx->model->p;
}

/* Orders the other devices of d by (hops, latency, id) between nodes. */
static void nearest_first(const pel_platform *p, pel_device_id d, pel_device_id *out)
{
	uint32_t n = 0;
	for (pel_device_id v = 0; v < p->ndevices; v++)
		if (v != d)
			out[n++] = v;
	uint32_t from = p->devices[d].node;
	for (uint32_t i = 1; i < n; i++) { /* insertion sort: n is small, runs once */
		pel_device_id x = out[i];
		size_t rx = (size_t)from * p->nnodes + p->devices[x].node;
		uint32_t j = i;
		while (j > 0) {
			size_t ry = (size_t)from * p->nnodes + p->devices[out[j - 1]].node;
			int later = p->route_hops[ry] > p->route_hops[rx] ||
				    (p->route_hops[ry] == p->route_hops[rx] &&
				     p->route_latency[ry] > p->route_latency[rx]);
			if (!later)
				break;
			out[j] = out[j - 1];
			j--;
		}
		out[j] = x;
	}
}

static int ws_init_common(pel_policy_ctx *ctx, int local)
{
	const pel_platform *p = plat(ctx);
	ws_state *s = pel_xcalloc(1, sizeof *s);
	s->local = local;
	s->dq = pel_xcalloc(p->ndevices, sizeof *s->dq);
	s->last = PEL_NO_DEVICE;
	if (local) {
		uint32_t k = p->ndevices > 1 ? p->ndevices - 1 : 1;
		s->victims = pel_xmalloc((size_t)p->ndevices * k * sizeof *s->victims);
		for (pel_device_id d = 0; d < p->ndevices; d++)
			nearest_first(p, d, &s->victims[(size_t)d * k]);
	}
	ctx->state = s;
	return 0;
}

static int ws_init(pel_policy_ctx *ctx)
{
	return ws_init_common(ctx, 0);
}

static int lws_init(pel_policy_ctx *ctx)
{
	return ws_init_common(ctx, 1);
}

static void ws_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	ws_state *s = ctx->state;
	uint32_t nd = plat(ctx)->ndevices;
	/* a task released by a completion stays there; an entry task or an
	 * arrival is dealt round-robin */
	pel_device_id d = pel_dag_npred(ctx->model->g, t) ? s->last : PEL_NO_DEVICE;
	if (d == PEL_NO_DEVICE || !isfinite(pel_model_exec(ctx->model, t, d))) {
		for (uint32_t k = 0; k < nd; k++) {
			d = (s->rr + k) % nd;
			if (isfinite(pel_model_exec(ctx->model, t, d)))
				break;
		}
		s->rr = (d + 1) % nd;
	}
	dq_push_back(&s->dq[d], t);
}

static pel_task_id steal(pel_policy_ctx *ctx, ws_state *s, pel_device_id d, pel_device_id v)
{
	deque *q = &s->dq[v];
	if (!q->n || !isfinite(pel_model_exec(ctx->model, dq_front(q), d)))
		return PEL_NO_TASK;
	pel_task_id t = dq_front(q);
	q->head = (q->head + 1) % q->cap;
	q->n--;
	return t;
}

static pel_task_id ws_next(pel_policy_ctx *ctx, pel_device_id d)
{
	ws_state *s = ctx->state;
	uint32_t nd = plat(ctx)->ndevices;
	deque *own = &s->dq[d];
	if (own->n && isfinite(pel_model_exec(ctx->model, dq_back(own), d)))
		return own->buf[(own->head + --own->n) % own->cap];
	if (nd < 2)
		return PEL_NO_TASK;
	if (s->local) {
		const pel_device_id *v = &s->victims[(size_t)d * (nd - 1)];
		for (uint32_t k = 0; k < nd - 1; k++) {
			pel_task_id t = steal(ctx, s, d, v[k]);
			if (t != PEL_NO_TASK)
				return t;
		}
		return PEL_NO_TASK;
	}
	uint32_t start = (uint32_t)gsl_rng_uniform_int(ctx->rng, nd);
	for (uint32_t k = 0; k < nd; k++) {
		pel_device_id v = (start + k) % nd;
		if (v == d)
			continue;
		pel_task_id t = steal(ctx, s, d, v);
		if (t != PEL_NO_TASK)
			return t;
	}
	return PEL_NO_TASK;
}

static void ws_done(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d)
{
	(void)t;
	ws_state *s = ctx->state;
	s->last = d;
}

static void ws_fini(pel_policy_ctx *ctx)
{
	ws_state *s = ctx->state;
	for (uint32_t d = 0; d < plat(ctx)->ndevices; d++)
		free(s->dq[d].buf);
	free(s->dq);
	free(s->victims);
	free(s);
}

const pel_policy pel_policy_ws = {
	.name = "ws",
	.summary = "work stealing: per-device deques, idle devices steal from a random victim (StarPU ws)",
	.init = ws_init,
	.task_ready = ws_ready,
	.next_task = ws_next,
	.task_done = ws_done,
	.fini = ws_fini,
};

const pel_policy pel_policy_lws = {
	.name = "lws",
	.summary = "locality-aware work stealing: victims nearest in the memory hierarchy first (StarPU lws)",
	.init = lws_init,
	.task_ready = ws_ready,
	.next_task = ws_next,
	.task_done = ws_done,
	.fini = ws_fini,
};
