#include "engine.h"

#include "../../common/alloc.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The queue is a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, "Faster
 * algorithms for the shortest path problem", JACM 37(2), 1990) over
 * 128-bit keys.  It relies on the clock never going back: every key
 * pushed is larger than `last`, the key of the last event popped.  Bucket
 * 0 holds keys equal to last, bucket i > 0 the keys whose highest bit
 * differing from last is bit i - 1.  A push appends to its bucket; a pop
 * takes the smallest key of the lowest non-empty bucket, which becomes
 * last, and spreads the rest of that bucket over lower buckets.  A key
 * only ever moves down, so push and pop cost O(1) amortised (at most 128
 * moves per event, a dozen in practice), on arrays read and written in
 * sequence: no pointer chasing, few cache misses, however many events
 * are pending. */

#define SLOT_BITS 24
#define SLOT_MASK ((1ULL << SLOT_BITS) - 1)
#define NBUCKETS 129
/* A bucket emptied by a pop gives its array back when the array holds
 * more than KEEP keys and all buckets together hold room for more than
 * SLACK times the queued keys plus 16 * KEEP (1 MiB): as the clock runs,
 * most buckets in turn hold most keys for a while, and keeping every such
 * array would cost many times the queue itself.  Queues below KEEP keys,
 * as in any simulation of a few thousand device slots, never free. */
#define SLACK 2
#define KEEP 4096

/* A key is one 128-bit unsigned integer: the time, mapped to 64 bits that
 * order as the values do, in the high half; sequence << SLOT_BITS | slot
 * in the low half.  So (time, push order) compares as one integer, and
 * every key is unique. */
typedef unsigned __int128 entry;

static inline entry make_entry(double time, uint64_t key)
{
	uint64_t bits;
	time += 0.0; /* -0 becomes +0, which it equals */
	memcpy(&bits, &time, sizeof bits);
	/* negative: flip all bits; positive: set the sign bit */
	bits ^= (uint64_t)((int64_t)bits >> 63) | (1ULL << 63);
	return ((entry)bits << 64) | key;
}

static inline double entry_time(entry x)
{
	uint64_t bits = (uint64_t)(x >> 64);
	bits ^= (bits >> 63) ? (1ULL << 63) : ~0ULL;
	double t;
	memcpy(&t, &bits, sizeof t);
	return t;
}

static inline uint32_t entry_slot(entry x)
{
	return (uint32_t)((uint64_t)x & SLOT_MASK);
}

typedef struct {
	uint32_t type;
	uint32_t a;
	uint64_t b;
	uint32_t gen;       /* bumped when the slot is freed */
	uint32_t cancelled; /* 1 while a cancelled event waits in the queue */
} payload;

typedef struct {
	entry *v;
	size_t n, cap;
} bucket;

struct pel_engine {
	bucket bk[NBUCKETS];
	uint64_t mask[3];  /* bit i: bucket i is not empty */
	entry last;        /* key of the last event popped (0 at first) */
	size_t n;          /* entries queued, cancelled ones included */
	size_t room;       /* sum of the buckets' capacities */
	int cached;        /* 1: (cb, cp) locates the earliest live entry */
	uint32_t cb;
	size_t cp;
	payload *slab;
	uint32_t *free;    /* stack of free slab slots */
	size_t nfree;
	size_t slab_cap;
	size_t live;       /* pending events not cancelled */
	size_t ncancel;    /* cancelled events still queued */
	uint64_t seq;
	uint64_t count;
	double now;
};

static void grow_slab(pel_engine *e)
{
	size_t old = e->slab_cap, cap = old ? old * 2 : 64;
	if (cap > PEL_ENGINE_MAX_PENDING)
		cap = PEL_ENGINE_MAX_PENDING;
	if (cap == old) {
		fprintf(stderr, "%s: more than %zu events pending at once\n", pel_progname(),
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
	for (int i = 0; i < NBUCKETS; i++)
		free(e->bk[i].v);
	free(e->slab);
	free(e->free);
	free(e);
}

/* Bucket of key k relative to last: 1 + the highest differing bit. */
static inline unsigned bucket_of(entry k, entry last)
{
	entry x = k ^ last;
	uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
	if (hi)
		return 128 - (unsigned)__builtin_clzll(hi);
	return lo ? 64 - (unsigned)__builtin_clzll(lo) : 0;
}

static inline void append(pel_engine *e, unsigned i, entry k)
{
	bucket *b = &e->bk[i];
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 16;
		b->v = pel_xreallocarray(b->v, cap, sizeof(entry));
		e->room += cap - b->cap;
		b->cap = cap;
	}
	b->v[b->n++] = k;
	e->mask[i >> 6] |= 1ULL << (i & 63);
}

static inline int lowest(const pel_engine *e)
{
	for (int w = 0; w < 3; w++)
		if (e->mask[w])
			return w * 64 + __builtin_ctzll(e->mask[w]);
	return -1;
}

static inline void clear_bucket(pel_engine *e, unsigned i)
{
	e->bk[i].n = 0;
	e->mask[i >> 6] &= ~(1ULL << (i & 63));
}

/* Makes k, smaller than every queued key, the new last: every entry is
 * filed again.  Only a push into the past (time < now, which the API
 * forbids) gets here, so it may be slow and allocate. */
static void rebase(pel_engine *e, entry k)
{
	entry *all = pel_xmalloc((e->n ? e->n : 1) * sizeof *all);
	size_t m = 0;
	for (unsigned i = 0; i < NBUCKETS; i++) {
		bucket *b = &e->bk[i];
		if (!b->n)
			continue;
		memcpy(all + m, b->v, b->n * sizeof *all);
		m += b->n;
		clear_bucket(e, i);
	}
	e->last = k;
	for (size_t j = 0; j < m; j++)
		append(e, bucket_of(all[j], k), all[j]);
	free(all);
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
	entry x = make_entry(time, (e->seq++ << SLOT_BITS) | slot);
	if (x < e->last)
		rebase(e, x);
	append(e, bucket_of(x, e->last), x);
	e->n++;
	e->live++;
	e->cached = 0;
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
	e->ncancel++;
	e->cached = 0;
}

static void release(pel_engine *e, uint32_t slot)
{
	e->slab[slot].gen++;
	e->free[e->nfree++] = slot;
}

/* Removes entry p of bucket i (order within a bucket does not matter). */
static inline void remove_at(pel_engine *e, unsigned i, size_t p)
{
	bucket *b = &e->bk[i];
	b->v[p] = b->v[--b->n];
	if (!b->n)
		clear_bucket(e, i);
	e->n--;
}

/* Locates the earliest live entry in (cb, cp), dropping cancelled ones on
 * the way; returns 0 when none is left.  `last` does not move, so a
 * peek never restricts what may be pushed next. */
static int settle(pel_engine *e)
{
	if (e->cached)
		return 1;
	for (;;) {
		int i = lowest(e);
		if (i < 0)
			return 0;
		const bucket *b = &e->bk[i];
		size_t p = 0;
		for (size_t k = 1; k < b->n; k++)
			if (b->v[k] < b->v[p])
				p = k;
		uint32_t slot = entry_slot(b->v[p]);
		if (e->ncancel && e->slab[slot].cancelled) {
			e->ncancel--;
			release(e, slot);
			remove_at(e, (unsigned)i, p);
			continue;
		}
		e->cached = 1;
		e->cb = (uint32_t)i;
		e->cp = p;
		return 1;
	}
}

int pel_engine_pop(pel_engine *e, pel_event *out)
{
	if (!settle(e))
		return 0;
	unsigned i = e->cb;
	bucket *b = &e->bk[i];
	entry top = b->v[e->cp];
	remove_at(e, i, e->cp);
	e->cached = 0;
	e->last = top;
	if (i && b->n) {
		/* the rest of bucket i now belongs to lower buckets */
		size_t m = b->n;
		clear_bucket(e, i);
		for (size_t k = 0; k < m; k++)
			append(e, bucket_of(b->v[k], top), b->v[k]);
	}
	if (!b->n && b->cap > KEEP && e->room > SLACK * e->n + KEEP * 16) {
		e->room -= b->cap;
		free(b->v);
		b->v = NULL;
		b->cap = 0;
	}
	uint32_t slot = entry_slot(top);
	const payload *p = &e->slab[slot];
	out->time = entry_time(top);
	out->type = p->type;
	out->a = p->a;
	out->b = p->b;
	release(e, slot);
	e->live--;
	e->count++;
	e->now = out->time;
	return 1;
}

double pel_engine_peek_time(pel_engine *e)
{
	return settle(e) ? entry_time(e->bk[e->cb].v[e->cp]) : INFINITY;
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
