/* pqueue.h - a binary max-heap of tasks by a double key, for the policies'
 * ready lists (CPOP, PEFT, prio, ...): push and pop in O(log n).
 * Equal keys pop in increasing `tie` order, so results never depend on
 * the heap's internal layout. */
#ifndef PEL_PQUEUE_H
#define PEL_PQUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	double key;
	uint32_t tie;
	uint32_t task;
} pel_pq_item;

typedef struct {
	pel_pq_item *a;
	size_t n, cap;
} pel_pqueue;

/* An empty queue with room for cap items (it grows as needed). */
void pel_pq_init(pel_pqueue *q, size_t cap);
void pel_pq_free(pel_pqueue *q);
/* Adds task with key (larger first) and tie (smaller first on equal keys). */
void pel_pq_push(pel_pqueue *q, double key, uint32_t tie, uint32_t task);
/* Removes and returns the first item; the queue must not be empty. */
pel_pq_item pel_pq_pop(pel_pqueue *q);
/* The first item without removing it; the queue must not be empty. */
static inline const pel_pq_item *pel_pq_top(const pel_pqueue *q)
{
	return &q->a[0];
}

#endif
