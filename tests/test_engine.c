/* test_engine.c - CUnit suites for the discrete-event core (sim/simulation/engine.h).
 *
 * Everything goes through the public interface: events pop in (time,
 * insertion) order, cancellation is lazy but exact, pel_engine_run honours
 * its stop time and its handler's verdict, and the queue agrees with a
 * plain sorted reference over long random mixes of push, cancel and pop. */
#include "../sim/simulation/engine.h"
#include "../common/random.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

/* Pops every live event, counting order violations: a later event must
 * have a later time, or the same time and a larger insertion tag in b. */
static size_t drain_ordered(pel_engine *e, size_t *npopped)
{
	pel_event ev, prev = { 0 };
	size_t bad = 0, n = 0;
	while (pel_engine_pop(e, &ev)) {
		if (n && (ev.time < prev.time || (ev.time == prev.time && ev.b <= prev.b)))
			bad++;
		if (pel_engine_now(e) != ev.time)
			bad++;
		prev = ev;
		n++;
	}
	*npopped = n;
	return bad;
}

/* What a handler of pel_engine_run saw. */
typedef struct {
	double times[64];
	uint32_t tags[64];
	size_t n;
	size_t stop_after; /* return non-zero on this call (1-based); 0: never */
	int rc;
} trace;

static int record_event(void *user, const pel_event *ev)
{
	trace *t = user;
	if (t->n < 64) {
		t->times[t->n] = ev->time;
		t->tags[t->n] = ev->a;
	}
	t->n++;
	return t->n == t->stop_after ? t->rc : 0;
}

/* ---- basic order ------------------------------------------------------ */

/* A new engine is empty at time 0; pop on an empty queue returns 0. */
static void test_empty(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event ev;
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 0.0, 0.0);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), 0);
	CU_ASSERT(isinf(pel_engine_peek_time(e)) && pel_engine_peek_time(e) > 0);
	CU_ASSERT_EQUAL(pel_engine_pop(e, &ev), 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), 0);
	pel_engine_free(e);
	pel_engine_free(NULL); /* harmless */
}

/* Events pushed out of order pop sorted by time, with their payload, and
 * the clock follows the popped times. */
static void test_time_order(void)
{
	static const double times[] = { 5.0, 1.0, 4.0, 2.5, 3.0, 0.5, 10.0, 7.25 };
	static const double sorted[] = { 0.5, 1.0, 2.5, 3.0, 4.0, 5.0, 7.25, 10.0 };
	const size_t n = sizeof times / sizeof times[0];
	pel_engine *e = pel_engine_new(4);
	for (size_t i = 0; i < n; i++)
		pel_engine_push(e, times[i], 7, (uint32_t)i, 1000 + i);
	CU_ASSERT_EQUAL(pel_engine_pending(e), n);
	for (size_t i = 0; i < n; i++) {
		pel_event ev;
		CU_ASSERT_FATAL(pel_engine_pop(e, &ev) == 1);
		CU_ASSERT_DOUBLE_EQUAL(ev.time, sorted[i], 0.0);
		CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), sorted[i], 0.0);
		CU_ASSERT_EQUAL(ev.type, 7);
		/* payload travels with its time */
		CU_ASSERT_DOUBLE_EQUAL(times[ev.a], ev.time, 0.0);
		CU_ASSERT_EQUAL(ev.b, 1000 + ev.a);
	}
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), n);
	pel_engine_free(e);
}

/* Many events at one time pop in the order they were pushed. */
static void test_ties_insertion_order(void)
{
	const uint32_t n = 1000;
	pel_engine *e = pel_engine_new(1);
	for (uint32_t i = 0; i < n; i++)
		pel_engine_push(e, 3.0, 0, i, (uint64_t)i * 7919u);
	uint32_t bad = 0, i = 0;
	pel_event ev;
	while (pel_engine_pop(e, &ev)) {
		if (ev.a != i || ev.b != (uint64_t)i * 7919u || ev.time != 3.0)
			bad++;
		i++;
	}
	CU_ASSERT_EQUAL(i, n);
	CU_ASSERT_EQUAL(bad, 0);
	pel_engine_free(e);
}

/* Ties interleaved with other times: within each time, push order. */
static void test_ties_mixed_times(void)
{
	pel_engine *e = pel_engine_new(0);
	/* tags 0..29 at times 2,1,0,2,1,0,... */
	for (uint32_t i = 0; i < 30; i++)
		pel_engine_push(e, (double)(2 - i % 3), 0, i, i);
	pel_event ev;
	uint32_t expect[30], k = 0;
	for (uint32_t r = 3; r-- > 0;) /* residue 2 (time 0) first, then 1, then 0 */
		for (uint32_t i = 0; i < 30; i++)
			if (i % 3 == r)
				expect[k++] = i;
	uint32_t bad = 0;
	for (k = 0; pel_engine_pop(e, &ev); k++)
		if (k >= 30 || ev.a != expect[k])
			bad++;
	CU_ASSERT_EQUAL(k, 30);
	CU_ASSERT_EQUAL(bad, 0);
	pel_engine_free(e);
}

/* Events may be pushed at the current time, even after pops. */
static void test_push_at_now(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event ev;
	pel_engine_push(e, 2.0, 0, 1, 0);
	pel_engine_push(e, 5.0, 0, 2, 0);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 1);
	pel_engine_push(e, 2.0, 0, 3, 0); /* at now: pops before 5.0 */
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 3);
	CU_ASSERT_DOUBLE_EQUAL(ev.time, 2.0, 0.0);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 2);
	pel_engine_free(e);
}

/* ---- cancellation ----------------------------------------------------- */

/* Cancelled events never pop; pending drops at once; the count only
 * covers popped events. */
static void test_cancel_basic(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event_id id[10];
	for (uint32_t i = 0; i < 10; i++)
		id[i] = pel_engine_push(e, 1.0 + i, 0, i, 0);
	for (uint32_t i = 0; i < 10; i += 2)
		pel_engine_cancel(e, id[i]);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 5);
	/* the earliest live event is now the one at 2.0 */
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), 2.0, 0.0);
	pel_event ev;
	uint32_t seen = 0, bad = 0;
	while (pel_engine_pop(e, &ev)) {
		if (ev.a % 2 == 0)
			bad++;
		seen++;
	}
	CU_ASSERT_EQUAL(seen, 5);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), 5);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 10.0, 0.0);
	pel_engine_free(e);
}

/* Cancelling twice, or cancelling an event that already popped, changes
 * nothing. */
static void test_cancel_idempotent(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event_id a = pel_engine_push(e, 1.0, 0, 1, 0);
	pel_event_id b = pel_engine_push(e, 2.0, 0, 2, 0);
	pel_event_id c = pel_engine_push(e, 3.0, 0, 3, 0);
	(void)c;
	pel_engine_cancel(e, b);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 2);
	pel_engine_cancel(e, b); /* twice */
	CU_ASSERT_EQUAL(pel_engine_pending(e), 2);

	pel_event ev;
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 1);
	pel_engine_cancel(e, a); /* already popped */
	CU_ASSERT_EQUAL(pel_engine_pending(e), 1);
	pel_engine_cancel(e, b); /* cancelled and still lying in the heap */
	CU_ASSERT_EQUAL(pel_engine_pending(e), 1);

	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 3);
	/* b was skipped and released on the way; its id is stale now */
	pel_engine_cancel(e, b);
	pel_engine_cancel(e, a);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	CU_ASSERT_EQUAL(pel_engine_pop(e, &ev), 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), 2);
	pel_engine_free(e);
}

/* A slot freed by a pop (or by a skipped cancelled event) is reused by
 * later pushes; an old id of that slot must not cancel the new event. */
static void test_cancel_stale_id_after_reuse(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event_id old[100];
	pel_event ev;
	/* one event pending at a time: each pop frees the slot the next
	 * push takes */
	for (uint32_t i = 0; i < 100; i++) {
		old[i] = pel_engine_push(e, (double)i, 0, i, 0);
		CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	}
	/* a cancelled event, skipped at the top, frees its slot as well */
	pel_event_id skipped = pel_engine_push(e, 100.0, 0, 999, 0);
	pel_engine_cancel(e, skipped);
	CU_ASSERT(isinf(pel_engine_peek_time(e)));

	pel_event_id fresh[10];
	for (uint32_t i = 0; i < 10; i++)
		fresh[i] = pel_engine_push(e, 200.0 + i, 0, 500 + i, 0);
	/* the ids name (generation, slot): at least one slot was reused, so
	 * the test does exercise a stale id on a live slot */
	int reused = 0, same_id = 0;
	for (uint32_t i = 0; i < 10; i++)
		for (uint32_t j = 0; j < 100; j++) {
			reused |= (uint32_t)fresh[i] == (uint32_t)old[j];
			same_id |= fresh[i] == old[j];
		}
	CU_ASSERT(reused);
	CU_ASSERT(!same_id);

	for (uint32_t j = 0; j < 100; j++)
		pel_engine_cancel(e, old[j]);
	pel_engine_cancel(e, skipped);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 10);
	uint32_t n = 0, bad = 0;
	while (pel_engine_pop(e, &ev)) {
		if (ev.a != 500 + n)
			bad++;
		n++;
	}
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT_EQUAL(bad, 0);
	pel_engine_free(e);
}

/* Cancelling the earliest event moves peek_time to the next live one;
 * cancelling everything empties the queue. */
static void test_cancel_all(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event_id id[200];
	for (uint32_t i = 0; i < 200; i++)
		id[i] = pel_engine_push(e, (double)(i / 4), 0, i, 0);
	for (uint32_t i = 0; i < 200; i++) {
		CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), (double)(i / 4), 0.0);
		pel_engine_cancel(e, id[i]);
	}
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	CU_ASSERT(isinf(pel_engine_peek_time(e)));
	pel_event ev;
	CU_ASSERT_EQUAL(pel_engine_pop(e, &ev), 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), 0);
	/* the clock never moved */
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 0.0, 0.0);
	pel_engine_free(e);
}

/* ---- peek, count, run ------------------------------------------------- */

/* peek_time looks without popping: pending, count and now stay put. */
static void test_peek(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_engine_push(e, 4.0, 0, 0, 0);
	pel_engine_push(e, 1.5, 0, 1, 0);
	for (int k = 0; k < 3; k++) {
		CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), 1.5, 0.0);
		CU_ASSERT_EQUAL(pel_engine_pending(e), 2);
		CU_ASSERT_EQUAL(pel_engine_count(e), 0);
		CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 0.0, 0.0);
	}
	pel_event ev;
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	/* right after a pop (root left empty) peek sees the next one */
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), 4.0, 0.0);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT(isinf(pel_engine_peek_time(e)));
	pel_engine_free(e);
}

/* The counter counts popped events only, across pops and runs. */
static void test_count(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event_id x = 0;
	for (uint32_t i = 0; i < 50; i++) {
		pel_event_id id = pel_engine_push(e, (double)i, 0, i, 0);
		if (i == 20)
			x = id;
	}
	pel_engine_cancel(e, x);
	pel_event ev;
	for (int i = 0; i < 10; i++)
		CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(pel_engine_count(e), 10);
	trace t = { .stop_after = 0 };
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 39);
	CU_ASSERT_EQUAL(pel_engine_count(e), 49);
	pel_engine_free(e);
}

/* run with a stop time: events at or before it are handled, later ones
 * stay pending and the clock stops exactly at the stop time; a second
 * run carries on from there. */
static void test_run_stop_time(void)
{
	pel_engine *e = pel_engine_new(0);
	for (uint32_t i = 1; i <= 5; i++)
		pel_engine_push(e, (double)i, 0, i, 0);
	trace t = { .stop_after = 0 };
	CU_ASSERT_EQUAL(pel_engine_run(e, 3.5, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 3);
	CU_ASSERT_DOUBLE_EQUAL(t.times[0], 1.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(t.times[2], 3.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 3.5, 0.0);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 2);
	CU_ASSERT_EQUAL(pel_engine_count(e), 3);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), 4.0, 0.0);

	/* an event exactly at the stop time is handled */
	CU_ASSERT_EQUAL(pel_engine_run(e, 4.0, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 4);
	CU_ASSERT_DOUBLE_EQUAL(t.times[3], 4.0, 0.0);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 4.0, 0.0);

	/* an event may be pushed at the stop time reached */
	pel_engine_run(e, 4.5, record_event, &t);
	CU_ASSERT_EQUAL(t.n, 4);
	pel_engine_push(e, 4.5, 0, 45, 0);
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 6);
	CU_ASSERT_EQUAL(t.tags[4], 45);
	CU_ASSERT_EQUAL(t.tags[5], 5);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 5.0, 0.0);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);

	/* a stop time in the past neither handles events nor moves the
	 * clock back */
	pel_engine_push(e, 6.0, 0, 6, 0);
	CU_ASSERT_EQUAL(pel_engine_run(e, 1.0, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 6);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 5.0, 0.0);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 1);
	pel_engine_free(e);
}

/* A handler may push events; run handles them in time order. */
typedef struct {
	trace t;
	pel_engine *e;
} chain;

static int chain_handler(void *user, const pel_event *ev)
{
	chain *c = user;
	record_event(&c->t, ev);
	if (ev->a < 9)
		pel_engine_push(c->e, ev->time + 0.5, 0, ev->a + 1, 0);
	return 0;
}

static void test_run_handler_pushes(void)
{
	chain c = { .t = { .stop_after = 0 }, .e = pel_engine_new(0) };
	pel_engine_push(c.e, 1.0, 0, 0, 0);
	CU_ASSERT_EQUAL(pel_engine_run(c.e, INFINITY, chain_handler, &c), 0);
	CU_ASSERT_EQUAL(c.t.n, 10);
	for (uint32_t i = 0; i < 10 && i < c.t.n; i++) {
		CU_ASSERT_EQUAL(c.t.tags[i], i);
		CU_ASSERT_DOUBLE_EQUAL(c.t.times[i], 1.0 + 0.5 * i, 1e-12);
	}
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(c.e), 5.5, 1e-12);
	CU_ASSERT_EQUAL(pel_engine_count(c.e), 10);
	pel_engine_free(c.e);
}

/* A handler returning non-zero stops the run at once with that value;
 * the event it handled is consumed, the rest stay pending. */
static void test_run_handler_stops(void)
{
	pel_engine *e = pel_engine_new(0);
	for (uint32_t i = 1; i <= 6; i++)
		pel_engine_push(e, (double)i, 0, i, 0);
	trace t = { .stop_after = 2, .rc = 42 };
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), 42);
	CU_ASSERT_EQUAL(t.n, 2);
	CU_ASSERT_EQUAL(pel_engine_count(e), 2);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 4);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_now(e), 2.0, 0.0);
	/* a negative verdict works too, and a later run resumes */
	t.stop_after = 4;
	t.rc = -3;
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), -3);
	CU_ASSERT_EQUAL(t.tags[3], 4);
	t.stop_after = 0;
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 6);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	/* running an empty queue returns 0 without calling the handler */
	CU_ASSERT_EQUAL(pel_engine_run(e, INFINITY, record_event, &t), 0);
	CU_ASSERT_EQUAL(t.n, 6);
	pel_engine_free(e);
}

/* ---- the hold pattern (pop then push: the lazy root hole) ------------- */

/* After a pop the root is left empty until the next operation; every
 * operation must see a consistent queue: a push of an earlier event, a
 * push of a later one, a cancel, a peek and a pop. */
static void test_hole_operations(void)
{
	pel_engine *e = pel_engine_new(0);
	pel_event ev;
	pel_engine_push(e, 1.0, 0, 1, 0);
	pel_engine_push(e, 3.0, 0, 3, 0);
	pel_event_id five = pel_engine_push(e, 5.0, 0, 5, 0);

	CU_ASSERT_FATAL(pel_engine_pop(e, &ev)); /* 1.0; hole */
	pel_engine_push(e, 2.0, 0, 2, 0);        /* fills the hole, goes first */
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 2);

	pel_engine_push(e, 9.0, 0, 9, 0);        /* fills the hole, sinks */
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 3);

	pel_engine_cancel(e, five);              /* cancel while a hole is open */
	CU_ASSERT_EQUAL(pel_engine_pending(e), 1);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 9);

	/* pop the last one, then push into an otherwise empty heap */
	pel_engine_push(e, 9.0, 0, 10, 0);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 10);
	CU_ASSERT_EQUAL(pel_engine_pop(e, &ev), 0);
	pel_engine_push(e, 11.0, 0, 11, 0);
	CU_ASSERT_DOUBLE_EQUAL(pel_engine_peek_time(e), 11.0, 0.0);
	CU_ASSERT_FATAL(pel_engine_pop(e, &ev));
	CU_ASSERT_EQUAL(ev.a, 11);
	CU_ASSERT_EQUAL(pel_engine_count(e), 6);
	pel_engine_free(e);
}

/* The classic hold model: N events pending, then many rounds of pop and
 * push at now + a random delay.  Pending stays N and time never goes
 * back; ties (delays on a coarse grid) keep insertion order. */
static void test_hold_model(void)
{
	const size_t N = 1000, rounds = 200000;
	gsl_rng *r = pel_rng_stream(7, PEL_STREAM_BENCH);
	pel_engine *e = pel_engine_new(16);
	uint64_t tag = 0;
	for (size_t i = 0; i < N; i++)
		pel_engine_push(e, 0.25 * (double)gsl_rng_uniform_int(r, 40), 0, 0, tag++);
	pel_event ev, prev = { 0 };
	size_t bad = 0;
	for (size_t i = 0; i < rounds; i++) {
		if (!pel_engine_pop(e, &ev)) {
			bad++;
			break;
		}
		if (i && (ev.time < prev.time || (ev.time == prev.time && ev.b <= prev.b)))
			bad++;
		prev = ev;
		pel_engine_push(e, ev.time + 0.25 * (double)gsl_rng_uniform_int(r, 40), 0, 0, tag++);
		if (pel_engine_pending(e) != N)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), rounds);
	size_t n = 0;
	CU_ASSERT_EQUAL(drain_ordered(e, &n), 0);
	CU_ASSERT_EQUAL(n, N);
	gsl_rng_free(r);
	pel_engine_free(e);
}

/* ---- scale ------------------------------------------------------------ */

/* A million events with random times (on a grid, so there are ties)
 * pushed, then popped: sorted by (time, insertion), each exactly once. */
static void test_million_events(void)
{
	const uint32_t n = 1000000;
	gsl_rng *r = pel_rng_stream(12345, PEL_STREAM_BENCH);
	pel_engine *e = pel_engine_new(0); /* grows by doubling */
	for (uint32_t i = 0; i < n; i++)
		pel_engine_push(e, 0.5 * (double)gsl_rng_uniform_int(r, 100000), 1, i, i);
	CU_ASSERT_EQUAL(pel_engine_pending(e), n);
	uint8_t *seen = calloc(n, 1);
	CU_ASSERT_FATAL(seen != NULL);
	pel_event ev, prev = { 0 };
	size_t bad_order = 0, bad_payload = 0, count = 0;
	while (pel_engine_pop(e, &ev)) {
		if (count && (ev.time < prev.time || (ev.time == prev.time && ev.b <= prev.b)))
			bad_order++;
		if (ev.a >= n || ev.b != ev.a || ev.type != 1 || seen[ev.a]++)
			bad_payload++;
		prev = ev;
		count++;
	}
	CU_ASSERT_EQUAL(bad_order, 0);
	CU_ASSERT_EQUAL(bad_payload, 0);
	CU_ASSERT_EQUAL(count, n);
	CU_ASSERT_EQUAL(pel_engine_count(e), n);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	free(seen);
	gsl_rng_free(r);
	pel_engine_free(e);
}

/* ---- against a reference model ---------------------------------------- */

typedef struct {
	double time;
	uint64_t seq;
	pel_event_id id;
	int state; /* 0 pending, 1 popped, 2 cancelled */
} ref_event;

/* Index of the earliest pending reference event by (time, seq), or -1. */
static long ref_min(const ref_event *ref, size_t n)
{
	long best = -1;
	for (size_t i = 0; i < n; i++) {
		if (ref[i].state)
			continue;
		if (best < 0 || ref[i].time < ref[best].time ||
		    (ref[i].time == ref[best].time && ref[i].seq < ref[best].seq))
			best = (long)i;
	}
	return best;
}

/* Random pushes (times on a coarse grid: many ties), cancels (of pending,
 * popped and cancelled events alike) and pops, checked step by step
 * against a linear-scan reference; peek_time and pending too. */
static void run_reference(uint64_t seed, size_t steps)
{
	gsl_rng *r = pel_rng_stream(seed, PEL_STREAM_BENCH);
	pel_engine *e = pel_engine_new(0);
	ref_event *ref = calloc(steps, sizeof *ref);
	CU_ASSERT_FATAL(ref != NULL);
	size_t nref = 0, live = 0, bad = 0, pops = 0;
	double now = 0;
	for (size_t s = 0; s < steps; s++) {
		unsigned op = (unsigned)gsl_rng_uniform_int(r, 10);
		if (op < 5) { /* push */
			double t = now + 0.5 * (double)gsl_rng_uniform_int(r, 8);
			ref[nref] = (ref_event){ t, nref, 0, 0 };
			ref[nref].id = pel_engine_push(e, t, 0, 0, nref);
			nref++;
			live++;
		} else if (op < 7) { /* cancel anything ever pushed */
			if (!nref)
				continue;
			size_t i = (size_t)gsl_rng_uniform_int(r, (unsigned long)nref);
			pel_engine_cancel(e, ref[i].id);
			if (ref[i].state == 0) {
				ref[i].state = 2;
				live--;
			}
		} else { /* pop */
			long want = ref_min(ref, nref);
			pel_event ev;
			int got = pel_engine_pop(e, &ev);
			if (want < 0) {
				bad += got != 0;
				continue;
			}
			if (!got || ev.b != (uint64_t)want || ev.time != ref[want].time) {
				bad++;
				continue;
			}
			ref[want].state = 1;
			live--;
			pops++;
			now = ev.time;
		}
		long m = ref_min(ref, nref);
		double peek = pel_engine_peek_time(e);
		if (m < 0 ? !isinf(peek) : peek != ref[m].time)
			bad++;
		if (pel_engine_pending(e) != live || pel_engine_now(e) != now)
			bad++;
	}
	/* drain: what is left comes out in reference order */
	for (long m; (m = ref_min(ref, nref)) >= 0;) {
		pel_event ev;
		if (!pel_engine_pop(e, &ev) || ev.b != (uint64_t)m) {
			bad++;
			break;
		}
		ref[m].state = 1;
		pops++;
	}
	pel_event ev;
	CU_ASSERT_EQUAL(pel_engine_pop(e, &ev), 0);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(pel_engine_count(e), pops);
	CU_ASSERT_EQUAL(pel_engine_pending(e), 0);
	free(ref);
	gsl_rng_free(r);
	pel_engine_free(e);
}

static void test_reference_random(void)
{
	for (uint64_t seed = 1; seed <= 8; seed++)
		run_reference(seed, 4000);
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test order[] = {
		{ "empty engine", test_empty },
		{ "events pop in time order", test_time_order },
		{ "ties pop in insertion order", test_ties_insertion_order },
		{ "ties mixed with other times", test_ties_mixed_times },
		{ "push at the current time", test_push_at_now },
		{ NULL, NULL },
	};
	static const pel_t_test cancel[] = {
		{ "cancelled events never pop", test_cancel_basic },
		{ "cancel twice or after pop is a no-op", test_cancel_idempotent },
		{ "stale id does not cancel a reused slot", test_cancel_stale_id_after_reuse },
		{ "cancel every event", test_cancel_all },
		{ NULL, NULL },
	};
	static const pel_t_test run[] = {
		{ "peek_time does not pop", test_peek },
		{ "event counter", test_count },
		{ "run with a stop time", test_run_stop_time },
		{ "handler pushes events", test_run_handler_pushes },
		{ "handler returning non-zero stops the run", test_run_handler_stops },
		{ NULL, NULL },
	};
	static const pel_t_test heap[] = {
		{ "operations on the popped root's hole", test_hole_operations },
		{ "hold model (pop then push)", test_hold_model },
		{ "a million events", test_million_events },
		{ "random ops against a sorted reference", test_reference_random },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "engine order", order },
		{ "engine cancel", cancel },
		{ "engine run", run },
		{ "engine heap", heap },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
