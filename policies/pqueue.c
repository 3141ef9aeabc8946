#include "pqueue.h"

#include "../common/alloc.h"

#include <stdlib.h>

static int first(const pel_pq_item *x, const pel_pq_item *y)
{
	return x->key > y->key || (x->key == y->key && x->tie < y->tie);
}

void pel_pq_init(pel_pqueue *q, size_t cap)
{
	q->n = 0;
	q->cap = cap ? cap : 16;
	q->a = pel_xmalloc(q->cap * sizeof *q->a);
}

void pel_pq_free(pel_pqueue *q)
{
	free(q->a);
	q->a = NULL;
	q->n = q->cap = 0;
}

void pel_pq_push(pel_pqueue *q, double key, uint32_t tie, uint32_t task)
{
	if (q->n == q->cap) {
		q->cap *= 2;
		q->a = pel_xreallocarray(q->a, q->cap, sizeof *q->a);
	}
	pel_pq_item x = { key, tie, task };
	size_t i = q->n++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!first(&x, &q->a[p]))
			break;
		q->a[i] = q->a[p];
		i = p;
	}
	q->a[i] = x;
}

pel_pq_item pel_pq_pop(pel_pqueue *q)
{
	pel_pq_item top = q->a[0], x = q->a[--q->n];
	size_t i = 0, n = q->n;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && first(&q->a[c + 1], &q->a[c]))
			c++;
		if (!first(&q->a[c], &x))
			break;
		q->a[i] = q->a[c];
		i = c;
	}
	if (n)
		q->a[i] = x;
	return top;
}
