#include "generate.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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
	double width = sqrt((double)n) * shape;
	if (width < 1)
		width = 1;
	/* level sizes: uniform in [1, 2*width-1] until n tasks are placed */
	uint32_t nlev = 0, cap = 16;
	uint32_t *lev_start = pel_xmalloc(((size_t)cap + 1) * sizeof *lev_start);
	uint32_t placed = 0;
	while (placed < n) {
		uint32_t hi = (uint32_t)fmax(1.0, 2 * width - 1);
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
	uint32_t maxdeg = (uint32_t)fmax(1.0, 2 * prm->outdegree - 1);
	pel_dag_reserve(g, n, (size_t)((double)n * (prm->outdegree > 0 ? prm->outdegree : 1)) + 16);
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
			 * walk would bias; draw and reject repeats among the few */
			uint32_t first = g->nedges;
			for (uint32_t k = 0; k < deg; k++) {
				uint32_t v;
				int dup;
				do {
					v = lo + (uint32_t)gsl_rng_uniform_int(r, span);
					dup = 0;
					for (uint32_t e = first; e < g->nedges; e++)
						dup |= g->dst[e] == v;
				} while (dup);
				double comm = literature ? 2 * prm->ccr * prm->work * gsl_rng_uniform(r) : NAN;
				pel_dag_add_edge(g, t, v, around(r, prm->bytes, prm->spread), comm);
			}
		}
	}
	free(kinds);
	free(lev_start);
	pel_dag_finish(g, NULL);
	return g;
}

pel_dag *pel_generate_cholesky(uint32_t T, uint32_t nb)
{
	pel_dag *g = pel_dag_new();
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
