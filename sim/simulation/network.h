/* network.h - the shared network model: transfers as flows over the links
 * of their routes, sharing each link's bandwidth max-min fairly.
 *
 * A flow first waits its route's total latency (one event), then joins
 * the active flows and moves its bytes at the rate max-min fairness gives
 * it (sim/simulation/maxmin).  Every join and every end brings the active flows'
 * bytes left up to date at their old rates, recomputes the rates and
 * reschedules the end of each flow whose rate changed (cancel + push; the
 * event carries the flow and a generation, so a superseded one is
 * ignored).  Flows live in a pool with a free list and every array grows
 * by doubling: nothing is allocated per event.
 *
 * The module posts its own events on the engine, with the type the caller
 * chose, and knows nothing of tasks or devices: each flow carries an
 * owner, given back untouched when its last byte is in. */
#ifndef PEL_NETWORK_H
#define PEL_NETWORK_H

#include "../../models/platform.h"
#include "engine.h"

#include <stdint.h>

typedef struct pel_network pel_network;

/* What a flow is for, as its starter sees it (the network only keeps it). */
typedef struct {
	uint32_t task;   /* the task it feeds */
	uint32_t epoch;  /* that task's binding it was started for */
	uint32_t xfer;   /* the recorded transfer, or UINT32_MAX */
} pel_flow_owner;

/* A network over platform p's links (finished, with routes) whose events
 * are pushed on eng with type ev_type. */
pel_network *pel_network_new(const pel_platform *p, pel_engine *eng, uint32_t ev_type);
/* Frees n (NULL is fine). */
void pel_network_free(pel_network *n);

/* Starts moving `bytes` (> 0) from memory node `from` to node `to`
 * (distinct, joined by a route) at time now: its latency is over at now
 * plus the route's latency. */
void pel_network_start(pel_network *n, uint32_t from, uint32_t to, double bytes, double now,
		       pel_flow_owner owner);

/* Handles an event of type ev_type at its time: a flow's latency is over
 * (it joins the sharing) or its last byte is in (it leaves, *owner gets
 * its owner).  Returns 1 when a flow ended, 0 otherwise (a superseded
 * event included). */
int pel_network_event(pel_network *n, const pel_event *ev, pel_flow_owner *owner);

#endif
