#include "unfold.h"

#include "../common/alloc.h"
#include "pqueue.h"

#include <stdlib.h>

void pel_plan_unfold(pel_plan *p, const double *key, pel_place_fn place, void *user)
{
	const pel_dag *g = p->m->g;
	uint32_t n = g->ntasks;
	uint32_t *left = pel_xmalloc((size_t)n * sizeof *left);
	uint32_t *pos = pel_xmalloc((size_t)n * sizeof *pos);
	for (uint32_t i = 0; i < n; i++)
		pos[g->topo[i]] = i;
	pel_pqueue q;
	pel_pq_init(&q, 64);
	for (pel_task_id t = 0; t < n; t++) {
		left[t] = pel_dag_npred(g, t);
		if (!left[t])
			pel_pq_push(&q, key[t], pos[t], t);
	}
	while (q.n) {
		pel_task_id t = pel_pq_pop(&q).task;
		place(p, t, user);
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
			pel_task_id s = g->dst[g->succ[k]];
			if (--left[s] == 0)
				pel_pq_push(&q, key[s], pos[s], s);
		}
	}
	pel_pq_free(&q);
	free(left);
	free(pos);
}
