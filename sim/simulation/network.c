#include "network.h"

#include "../../common/alloc.h"
#include "maxmin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A transfer: first the route's latency (inactive), then its bytes move
 * at the rate max-min fairness gives it (active). */
typedef struct {
	double left;          /* bytes still to move, as of `last` */
	double rate;          /* bytes/s while active; 0 before */
	double last;          /* when `left` was brought up to date */
	double bytes;         /* all its bytes */
	pel_event_id ev;      /* its pending event (latency over, or last byte in) */
	uint32_t gen;         /* bumped at every (re)schedule: its event carries it */
	uint32_t from, to;    /* memory nodes */
	uint32_t active;      /* index in the active list; UINT32_MAX while in latency */
	uint32_t next;        /* next free flow, on the free list */
	pel_flow_owner owner;
} flow;

/* The pool, the active flows with their routes (rows of the max-min
 * problem, in active order) and the computation's arrays. */
struct pel_network {
	const pel_platform *p;
	pel_engine *eng;
	uint32_t ev_type;
	flow *fl;             /* pool */
	uint32_t fcap, free_head;
	uint32_t maxh;        /* room per route: the platform's longest */
	uint32_t *act;        /* active flows, by pool index */
	uint32_t nact;
	uint32_t *nhops;      /* per active index: links of its route */
	uint32_t *route;      /* per active index: maxh links */
	double *rate;         /* per active index: the new rate */
	double *bandwidth;    /* per link */
	pel_maxmin_scratch sc;
};

/* Doubles the pool and the arrays per active flow. */
static void flow_grow(pel_network *n)
{
	uint32_t old = n->fcap, cap = old ? 2 * old : 256;
	n->fl = pel_xreallocarray(n->fl, cap, sizeof *n->fl);
	n->act = pel_xreallocarray(n->act, cap, sizeof *n->act);
	n->nhops = pel_xreallocarray(n->nhops, cap, sizeof *n->nhops);
	n->route = pel_xreallocarray(n->route, (size_t)cap * n->maxh, sizeof *n->route);
	n->rate = pel_xreallocarray(n->rate, cap, sizeof *n->rate);
	pel_maxmin_scratch_reserve(&n->sc, n->p->nlinks, (size_t)cap * n->maxh);
	for (uint32_t i = cap; i-- > old;) {
		n->fl[i].gen = 0;
		n->fl[i].next = n->free_head;
		n->free_head = i;
	}
	n->fcap = cap;
}

pel_network *pel_network_new(const pel_platform *p, pel_engine *eng, uint32_t ev_type)
{
	pel_network *n = pel_xcalloc(1, sizeof *n);
	n->p = p;
	n->eng = eng;
	n->ev_type = ev_type;
	n->free_head = UINT32_MAX;
	n->maxh = p->max_hops ? p->max_hops : 1;
	n->bandwidth = pel_xcalloc(p->nlinks ? p->nlinks : 1, sizeof *n->bandwidth);
	for (uint32_t l = 0; l < p->nlinks; l++)
		n->bandwidth[l] = p->links[l].bandwidth;
	flow_grow(n);
	return n;
}

void pel_network_free(pel_network *n)
{
	if (!n)
		return;
	free(n->fl);
	free(n->act);
	free(n->nhops);
	free(n->route);
	free(n->rate);
	free(n->bandwidth);
	pel_maxmin_scratch_free(&n->sc);
	free(n);
}

/* Brings every active flow's bytes left up to date at its current rate. */
static void flows_advance(pel_network *n, double now)
{
	for (uint32_t i = 0; i < n->nact; i++) {
		flow *f = &n->fl[n->act[i]];
		if (now > f->last) {
			f->left = isinf(f->rate) ? 0 : f->left - f->rate * (now - f->last);
			/* rounding: what is left of a flow that should be done */
			if (f->left <= f->bytes * 1e-12)
				f->left = 0;
			f->last = now;
		}
	}
}

/* Gives the active flows their max-min fair rates and reschedules the end
 * of each flow whose rate changed. */
static void flows_rerate(pel_network *n, double now)
{
	pel_maxmin_problem pb = {
		.nflows = n->nact,
		.nhops = n->nhops,
		.route = n->route,
		.stride = n->maxh,
		.nlinks = n->p->nlinks,
		.capacity = n->bandwidth,
	};
	pel_maxmin(&pb, &n->sc, n->rate);
	for (uint32_t i = 0; i < n->nact; i++) {
		uint32_t fi = n->act[i];
		flow *f = &n->fl[fi];
		if (n->rate[i] == f->rate)
			continue;
		f->rate = n->rate[i];
		pel_engine_cancel(n->eng, f->ev);
		double end = isinf(f->rate) || f->left == 0 ? now : now + f->left / f->rate;
		f->ev = pel_engine_push(n->eng, end, n->ev_type, fi, ++f->gen);
	}
}

void pel_network_start(pel_network *n, uint32_t from, uint32_t to, double bytes, double now,
		       pel_flow_owner owner)
{
	if (n->free_head == UINT32_MAX)
		flow_grow(n);
	uint32_t fi = n->free_head;
	flow *f = &n->fl[fi];
	n->free_head = f->next;
	f->bytes = f->left = bytes;
	f->rate = 0;
	f->last = now;
	f->from = from;
	f->to = to;
	f->active = UINT32_MAX;
	f->owner = owner;
	double lat = n->p->route_latency[(size_t)from * n->p->nnodes + to];
	f->ev = pel_engine_push(n->eng, now + lat, n->ev_type, fi, ++f->gen);
}

/* The flow's latency is over: its bytes join the links' sharing. */
static void flow_activate(pel_network *n, uint32_t fi, double now)
{
	flows_advance(n, now);
	flow *f = &n->fl[fi];
	uint32_t i = n->nact++;
	f->last = now;
	f->active = i;
	n->act[i] = fi;
	n->nhops[i] = pel_platform_route(n->p, f->from, f->to, &n->route[(size_t)i * n->maxh]);
	flows_rerate(n, now);
}

/* The flow's bytes are all there: it leaves the links (the last active
 * flow takes its place), the others are re-rated, it goes back to the
 * pool. */
static void flow_done(pel_network *n, uint32_t fi, double now)
{
	flow *f = &n->fl[fi];
	flows_advance(n, now);
	uint32_t i = f->active, last = --n->nact;
	if (i != last) {
		n->act[i] = n->act[last];
		n->fl[n->act[i]].active = i;
		n->nhops[i] = n->nhops[last];
		memcpy(&n->route[(size_t)i * n->maxh], &n->route[(size_t)last * n->maxh],
		       n->maxh * sizeof *n->route);
	}
	flows_rerate(n, now);
	f->gen++;
	f->next = n->free_head;
	n->free_head = fi;
}

int pel_network_event(pel_network *n, const pel_event *ev, pel_flow_owner *owner)
{
	uint32_t fi = ev->a;
	if (fi >= n->fcap || n->fl[fi].gen != ev->b)
		return 0; /* superseded */
	if (n->fl[fi].active == UINT32_MAX) {
		flow_activate(n, fi, ev->time);
		return 0;
	}
	*owner = n->fl[fi].owner;
	flow_done(n, fi, ev->time);
	return 1;
}
