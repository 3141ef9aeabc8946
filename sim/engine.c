#include "engine.h"

#include "../common/alloc.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_BITS 24
#define SLOT_MASK ((1ULL << SLOT_BITS) - 1)
#define ARITY 4
/* Heap index i lives at array position i + PAD, so the children of i,
 * 4i+1 .. 4i+4, sit at positions 4i+4 .. 4i+7: one 64-byte line. */
#define PAD 3

typedef struct {
	double time;
	uint64_t key; /* sequence << SLOT_BITS | slot: orders ties by push order */
} entry;

typedef struct {
	uint32_t type;
	uint32_t a;
	uint64_t b;
	uint32_t gen;       /* bumped when the slot is freed */
	uint32_t cancelled; /* 1 while a cancelled event waits in the heap */
} payload;

struct pel_engine {
	entry *mem;       /* aligned allocation, heap = mem + PAD */
	entry *heap;
	size_t n;         /* entries in the heap, cancelled ones included */
	size_t cap;
	int hole;         /* 1: the root was popped and not yet refilled */
	payload *slab;
	uint32_t *free;   /* stack of free slab slots */
	size_t nfree;
	size_t slab_cap;
	size_t live;      /* pending events not cancelled */
	uint64_t seq;
	uint64_t count;
	double now;
};

static int before(const entry *x, const entry *y)
{
	return x->time < y->time || (x->time == y->time && x->key < y->key);
}

static void grow_heap(pel_engine *e)
{
	size_t cap = e->cap ? e->cap * 2 : 64;
	entry *mem = NULL;
	if (posix_memalign((void **)&mem, 64, (cap + PAD + ARITY) * sizeof(entry))) {
		fprintf(stderr, "pelsim: out of memory (event queue of %zu)\n", cap);
		exit(1);
	}
	if (e->n)
		memcpy(mem + PAD, e->heap, e->n * sizeof(entry));
	free(e->mem);
	e->mem = mem;
	e->heap = mem + PAD;
	e->cap = cap;
}

static void grow_slab(pel_engine *e)
{
	size_t old = e->slab_cap, cap = old ? old * 2 : 64;
	if (cap > PEL_ENGINE_MAX_PENDING)
		cap = PEL_ENGINE_MAX_PENDING;
	if (cap == old) {
		fprintf(stderr, "pelsim: more than %zu events pending at once\n",
			PEL_ENGINE_MAX_PENDING);
		exit(1);
	}
	e->slab = pel_xreallocarray(e->slab, cap, sizeof(payload));
	e->free = pel_xreallocarray(e->free, cap, sizeof(uint32_t));
	memset(e->slab + old, 0, (cap - old) * sizeof(payload));
	/* push in reverse so low slots are handed out first */
	for (size_t i = cap; i > old; i--)
		e->free[e->nfree++] = (uint32_t)(i - 1);
	e->slab_cap = cap;
}

pel_engine *pel_engine_new(size_t hint)
{
	pel_engine *e = pel_xcalloc(1, sizeof *e);
	while (e->cap < hint)
		grow_heap(e);
	if (!e->cap)
		grow_heap(e);
	while (e->slab_cap < hint && e->slab_cap < PEL_ENGINE_MAX_PENDING)
		grow_slab(e);
	if (!e->slab_cap)
		grow_slab(e);
	return e;
}

void pel_engine_free(pel_engine *e)
{
	if (!e)
		return;
	free(e->mem);
	free(e->slab);
	free(e->free);
	free(e);
}

/* Moves x down from index i until the heap order holds, filling hole i. */
static void sift_down(pel_engine *e, size_t i, entry x)
{
	entry *h = e->heap;
	size_t n = e->n;
	for (;;) {
		size_t c = ARITY * i + 1;
		if (c >= n)
			break;
		size_t best = c;
		size_t end = c + ARITY < n ? c + ARITY : n;
		for (size_t k = c + 1; k < end; k++)
			if (before(&h[k], &h[best]))
				best = k;
		if (!before(&h[best], &x))
			break;
		h[i] = h[best];
		i = best;
	}
	h[i] = x;
}

static void sift_up(pel_engine *e, size_t i, entry x)
{
	entry *h = e->heap;
	while (i > 0) {
		size_t p = (i - 1) / ARITY;
		if (!before(&x, &h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = x;
}

/* Refills a root left empty by pel_engine_pop with the last entry. */
static void fill_hole(pel_engine *e)
{
	if (!e->hole)
		return;
	e->hole = 0;
	e->n--;
	if (e->n)
		sift_down(e, 0, e->heap[e->n]);
}

pel_event_id pel_engine_push(pel_engine *e, double time, uint32_t type,
			     uint32_t a, uint64_t b)
{
	assert(isfinite(time) && time >= e->now);
	if (!e->nfree)
		grow_slab(e);
	uint32_t slot = e->free[--e->nfree];
	payload *p = &e->slab[slot];
	p->type = type;
	p->a = a;
	p->b = b;
	p->cancelled = 0;
	entry x = { time, (e->seq++ << SLOT_BITS) | slot };
	e->live++;
	if (e->hole) {
		/* pop + push: the new entry takes the root's place */
		e->hole = 0;
		sift_down(e, 0, x);
	} else {
		if (e->n == e->cap)
			grow_heap(e);
		sift_up(e, e->n++, x);
	}
	return ((uint64_t)p->gen << 32) | slot;
}

void pel_engine_cancel(pel_engine *e, pel_event_id id)
{
	uint32_t slot = (uint32_t)(id & 0xffffffffu), gen = (uint32_t)(id >> 32);
	if (slot >= e->slab_cap)
		return;
	payload *p = &e->slab[slot];
	if (p->gen != gen || p->cancelled)
		return;
	p->cancelled = 1;
	e->live--;
}

static void release(pel_engine *e, uint32_t slot)
{
	e->slab[slot].gen++;
	e->free[e->nfree++] = slot;
}

/* Drops cancelled entries from the top; returns 1 when a live one is there. */
static int settle(pel_engine *e)
{
	fill_hole(e);
	while (e->n) {
		uint32_t slot = (uint32_t)(e->heap[0].key & SLOT_MASK);
		if (!e->slab[slot].cancelled)
			return 1;
		release(e, slot);
		e->hole = 1;
		fill_hole(e);
	}
	return 0;
}

int pel_engine_pop(pel_engine *e, pel_event *out)
{
	if (!settle(e))
		return 0;
	entry top = e->heap[0];
	uint32_t slot = (uint32_t)(top.key & SLOT_MASK);
	const payload *p = &e->slab[slot];
	out->time = top.time;
	out->type = p->type;
	out->a = p->a;
	out->b = p->b;
	release(e, slot);
	e->hole = 1;
	e->live--;
	e->count++;
	e->now = top.time;
	return 1;
}

double pel_engine_peek_time(pel_engine *e)
{
	return settle(e) ? e->heap[0].time : INFINITY;
}

int pel_engine_run(pel_engine *e, double stop_time, pel_event_fn fn, void *user)
{
	pel_event ev;
	for (;;) {
		if (pel_engine_peek_time(e) > stop_time) {
			if (isfinite(stop_time) && stop_time > e->now)
				e->now = stop_time;
			return 0;
		}
		if (!pel_engine_pop(e, &ev))
			return 0;
		int rc = fn(user, &ev);
		if (rc)
			return rc;
	}
}

double pel_engine_now(const pel_engine *e)
{
	return e->now;
}

size_t pel_engine_pending(const pel_engine *e)
{
	return e->live;
}

uint64_t pel_engine_count(const pel_engine *e)
{
	return e->count;
}
