/* engine.h - the discrete-event core: a virtual clock and an event queue.
 *
 * The engine knows nothing of devices or tasks.  An event is a time, a
 * type and two integers of payload; events pop in order of (time,
 * insertion sequence), so ties resolve in the order they were pushed and a
 * run is reproducible bit for bit.
 *
 * The queue is a radix heap of 16-byte keys (time, sequence and slot
 * packed in one 128-bit integer), which the clock never going back makes
 * possible: push and pop cost O(1) amortised, on arrays walked in order;
 * the payload lives in a slab indexed by the slot.  Arrays grow by
 * doubling and are given back only when far larger than the queue, so
 * allocation is rare and amortised, never once per event.
 * Cancellation is lazy: a cancelled event stays queued and is skipped
 * when it comes first. */
#ifndef PEL_ENGINE_H
#define PEL_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct pel_engine pel_engine;

/* Identifies a pushed event for pel_engine_cancel (slot and generation). */
typedef uint64_t pel_event_id;

typedef struct {
	double time;    /* virtual time of the event, in seconds */
	uint32_t type;  /* caller-defined event type */
	uint32_t a;     /* caller-defined payload */
	uint64_t b;     /* caller-defined payload */
} pel_event;

/* Called by pel_engine_run for each event; return 0 to go on, anything
 * else to stop the run (the value is returned by pel_engine_run). */
typedef int (*pel_event_fn)(void *user, const pel_event *ev);

/* Most events that may be pending at once (slots are 24-bit). */
#define PEL_ENGINE_MAX_PENDING ((size_t)1 << 24)

/* Creates an engine at time 0 with room for `hint` pending events. */
pel_engine *pel_engine_new(size_t hint);
/* Frees the engine and every pending event. */
void pel_engine_free(pel_engine *e);

/* Schedules an event at `time` (>= now, finite) and returns its id.
 * Exits with a message when more than PEL_ENGINE_MAX_PENDING are pending. */
pel_event_id pel_engine_push(pel_engine *e, double time, uint32_t type,
			     uint32_t a, uint64_t b);
/* Cancels a pending event; cancelling one that already fired or was
 * cancelled is a harmless no-op.  O(1). */
void pel_engine_cancel(pel_engine *e, pel_event_id id);
/* Removes the earliest live event into *out, advances the clock to its
 * time and counts it; returns 0 when no live event is left. */
int pel_engine_pop(pel_engine *e, pel_event *out);
/* Time of the earliest live event, or INFINITY when none is pending. */
double pel_engine_peek_time(pel_engine *e);

/* Pops and hands events to fn until the queue is empty, the next event
 * lies beyond stop_time (it stays pending and the clock stops at
 * stop_time), or fn returns non-zero.  Returns fn's non-zero value or 0. */
int pel_engine_run(pel_engine *e, double stop_time, pel_event_fn fn, void *user);

/* The current virtual time (time of the last popped event). */
double pel_engine_now(const pel_engine *e);
/* Live events still pending (cancelled ones excluded). */
size_t pel_engine_pending(const pel_engine *e);
/* Events popped so far (cancelled ones are not counted). */
uint64_t pel_engine_count(const pel_engine *e);

#endif
