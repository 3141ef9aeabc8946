#include "generate.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Largest level the layered generator draws: about 2 sqrt(tasks) shape,
 * at most what one draw of the generator can give (2^32 - 1). */
static uint32_t level_bound(uint32_t n, double shape)
{
	double width = sqrt((double)n) * (shape > 0 ? shape : 1.0);
	if (width < 1)
		width = 1;
	return (uint32_t)fmin(fmax(1.0, 2 * width - 1), 4294967295.0);
}

/* Largest out-degree drawn for a mean out-degree: 2 outdegree - 1. */
static uint32_t degree_bound(double outdegree)
{
	return (uint32_t)fmin(fmax(1.0, 2 * outdegree - 1), 4294967295.0);
}

pel_dag_size pel_size_layered(const pel_gen_layered *prm)
{
	uint64_t n = prm->tasks ? prm->tasks : 1;
	uint64_t jump = prm->jump ? prm->jump : 1;
	/* a task's successors lie in the next `jump` levels, all later */
	uint64_t span = pel_size_mul(jump, level_bound((uint32_t)n, prm->shape));
	uint64_t deg = degree_bound(prm->outdegree);
	if (deg > span)
		deg = span;
	if (deg > n - 1)
		deg = n - 1;
	return (pel_dag_size){ n, pel_size_mul(n, deg), pel_size_mul(n, prm->ndevices), 0 };
}

/* Uniform in [mean (1 - spread), mean (1 + spread)]. */
static double around(gsl_rng *r, double mean, double spread)
{
	if (spread <= 0)
		return mean;
	return mean * (1 - spread + 2 * spread * gsl_rng_uniform(r));
}

pel_dag *pel_generate_layered(const pel_gen_layered *prm, gsl_rng *r)
{
	uint32_t n = prm->tasks ? prm->tasks : 1;
	double shape = prm->shape > 0 ? prm->shape : 1.0;
	uint32_t jump = prm->jump ? prm->jump : 1;
	uint32_t hi = level_bound(n, shape);
	/* level sizes: uniform in [1, 2*width-1] until n tasks are placed */
	uint32_t nlev = 0, cap = 16;
	uint32_t *lev_start = pel_xmalloc(((size_t)cap + 1) * sizeof *lev_start);
	uint32_t placed = 0;
	while (placed < n) {
		uint32_t size = 1 + (uint32_t)gsl_rng_uniform_int(r, hi);
		if (size > n - placed)
			size = n - placed;
		if (nlev + 1 >= cap) {
			cap *= 2;
			lev_start = pel_xreallocarray(lev_start, (size_t)cap + 1, sizeof *lev_start);
		}
		lev_start[nlev++] = placed;
		placed += size;
	}
	lev_start[nlev] = n;

	pel_dag *g = pel_dag_new();
	uint16_t *kinds = pel_xmalloc(((size_t)prm->nkinds + 1) * sizeof *kinds);
	if (prm->nkinds)
		for (uint32_t k = 0; k < prm->nkinds; k++)
			kinds[k] = pel_dag_kind(g, prm->kinds[k]);
	else
		kinds[0] = pel_dag_kind(g, "task");
	uint32_t nk = prm->nkinds ? prm->nkinds : 1;
	uint32_t maxdeg = degree_bound(prm->outdegree);
	/* edges grow as they are made: reserving tasks x outdegree up front
	 * would hold far more than the levels' widths let the DAG use */
	pel_dag_reserve(g, n, 0);
	/* mark[v] == t + 1: v is already a successor of t */
	uint32_t *mark = pel_xcalloc(n, sizeof *mark);
	int literature = prm->ndevices > 0;
	for (uint32_t t = 0; t < n; t++) {
		if (!literature) {
			pel_dag_add_task(g, NULL, kinds[t % nk], around(r, prm->work, prm->spread));
			continue;
		}
		double wi = 2 * prm->work * gsl_rng_uniform(r);
		pel_task_id id = pel_dag_add_task(g, NULL, kinds[t % nk], wi);
		for (uint32_t d = 0; d < prm->ndevices; d++)
			pel_dag_add_cost(g, id, prm->devices[d],
					 wi * (1 - prm->beta / 2 + prm->beta * gsl_rng_uniform(r)));
	}
	for (uint32_t l = 0; l + 1 < nlev; l++) {
		uint32_t last = l + jump < nlev - 1 ? l + jump : nlev - 1;
		uint32_t lo = lev_start[l + 1], hi = lev_start[last + 1];
		uint32_t span = hi - lo;
		for (uint32_t t = lev_start[l]; t < lev_start[l + 1]; t++) {
			uint32_t deg = 1 + (uint32_t)gsl_rng_uniform_int(r, maxdeg);
			if (deg > span)
				deg = span;
			/* distinct targets: a random start and a stride coprime-free
			 * walk would bias; draw and reject repeats */
			for (uint32_t k = 0; k < deg; k++) {
				uint32_t v;
				do
					v = lo + (uint32_t)gsl_rng_uniform_int(r, span);
				while (mark[v] == t + 1);
				mark[v] = t + 1;
				double comm = literature ? 2 * prm->ccr * prm->work * gsl_rng_uniform(r) : NAN;
				pel_dag_add_edge(g, t, v, around(r, prm->bytes, prm->spread), comm);
			}
		}
	}
	free(mark);
	free(kinds);
	free(lev_start);
	pel_dag_finish(g, NULL);
	return g;
}

/* sum of m (m - 1) / 2 for m in [0, n <= 2^20): Cholesky's gemm */
static uint64_t sum_pairs(uint64_t n)
{
	return (pel_size_sum2(n) - pel_size_sum1(n)) / 2;
}

pel_dag_size pel_size_cholesky(uint32_t T)
{
	/* more than 2^20 tiles is more than 2^58 tasks: past any limit */
	if (T > (1u << 20))
		return (pel_dag_size){ UINT64_MAX, UINT64_MAX, 0, 1 };
	if (!T)
		return (pel_dag_size){ 0, 0, 0, 1 };
	/* step k, m = T - k - 1 tiles below the diagonal: 1 potrf, m trsm,
	 * m syrk, m (m - 1) / 2 gemm; every step but the first adds one
	 * input (the tile's previous writer) to each of its tasks */
	uint64_t tasks = T + 2 * pel_size_sum1(T) + sum_pairs(T);
	uint64_t edges = (T - 1) + 2 * (pel_size_sum1(T) + pel_size_sum1(T - 1)) + 2 * sum_pairs(T) +
			 sum_pairs(T - 1);
	return (pel_dag_size){ tasks, edges, 0, 1 };
}

pel_dag *pel_generate_cholesky(uint32_t T, uint32_t nb)
{
	pel_dag *g = pel_dag_new();
	pel_dag_size size = pel_size_cholesky(T);
	pel_dag_reserve(g, size.tasks, size.edges);
	double b3 = (double)nb * nb * nb, tile = 8.0 * nb * nb;
	uint16_t potrf = pel_dag_kind(g, "potrf"), trsm = pel_dag_kind(g, "trsm");
	uint16_t syrk = pel_dag_kind(g, "syrk"), gemm = pel_dag_kind(g, "gemm");
	/* last[i*T+j]: task that last wrote tile (i, j), or PEL_NO_TASK */
	pel_task_id *last = pel_xmalloc((size_t)T * T * sizeof *last);
	for (size_t i = 0; i < (size_t)T * T; i++)
		last[i] = PEL_NO_TASK;
	char name[64];
#define TILE(i, j) last[(size_t)(i) * T + (j)]
	for (uint32_t k = 0; k < T; k++) {
		snprintf(name, sizeof name, "potrf_%u", k);
		pel_task_id p = pel_dag_add_task(g, name, potrf, b3 / 3);
		if (TILE(k, k) != PEL_NO_TASK)
			pel_dag_add_edge(g, TILE(k, k), p, tile, NAN);
		TILE(k, k) = p;
		for (uint32_t i = k + 1; i < T; i++) {
			snprintf(name, sizeof name, "trsm_%u_%u", i, k);
			pel_task_id t = pel_dag_add_task(g, name, trsm, b3);
			pel_dag_add_edge(g, p, t, tile, NAN);
			if (TILE(i, k) != PEL_NO_TASK)
				pel_dag_add_edge(g, TILE(i, k), t, tile, NAN);
			TILE(i, k) = t;
		}
		for (uint32_t i = k + 1; i < T; i++) {
			snprintf(name, sizeof name, "syrk_%u_%u", i, k);
			pel_task_id s = pel_dag_add_task(g, name, syrk, b3);
			pel_dag_add_edge(g, TILE(i, k), s, tile, NAN);
			if (TILE(i, i) != PEL_NO_TASK)
				pel_dag_add_edge(g, TILE(i, i), s, tile, NAN);
			TILE(i, i) = s;
			for (uint32_t j = k + 1; j < i; j++) {
				snprintf(name, sizeof name, "gemm_%u_%u_%u", i, j, k);
				pel_task_id m = pel_dag_add_task(g, name, gemm, 2 * b3);
				pel_dag_add_edge(g, TILE(i, k), m, tile, NAN);
				pel_dag_add_edge(g, TILE(j, k), m, tile, NAN);
				if (TILE(i, j) != PEL_NO_TASK)
					pel_dag_add_edge(g, TILE(i, j), m, tile, NAN);
				TILE(i, j) = m;
			}
		}
	}
#undef TILE
	free(last);
	pel_dag_finish(g, NULL);
	return g;
}
