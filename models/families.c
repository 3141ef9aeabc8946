#include "families.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

pel_dag_size pel_size_forkjoin(uint32_t phases, uint32_t width)
{
	uint64_t tasks = pel_size_add(pel_size_mul(phases, (uint64_t)width + 1), 1);
	return (pel_dag_size){ tasks, pel_size_mul(2, pel_size_mul(phases, width)), 0, 0 };
}

pel_dag *pel_generate_forkjoin(uint32_t phases, uint32_t width, double work, double bytes)
{
	pel_dag *g = pel_dag_new();
	uint16_t fork = pel_dag_kind(g, "fork"), body = pel_dag_kind(g, "body");
	pel_dag_size size = pel_size_forkjoin(phases, width);
	pel_dag_reserve(g, size.tasks, size.edges);
	pel_task_id join = pel_dag_add_task(g, NULL, fork, work);
	for (uint32_t p = 0; p < phases; p++) {
		pel_task_id first = g->ntasks;
		for (uint32_t i = 0; i < width; i++)
			pel_dag_add_edge(g, join, pel_dag_add_task(g, NULL, body, work), bytes, NAN);
		pel_task_id next = pel_dag_add_task(g, NULL, fork, work);
		for (uint32_t i = 0; i < width; i++)
			pel_dag_add_edge(g, first + i, next, bytes, NAN);
		join = next;
	}
	pel_dag_finish(g, NULL);
	return g;
}

/* Tiled factorisations: each task reads and writes tiles; an edge goes
 * from the last writer of every tile a task touches (true and output
 * dependences, as a runtime system with tile renaming sees them). */
typedef struct {
	pel_dag *g;
	pel_task_id *last; /* T x T: last writer of each tile */
	uint32_t T;
	double tile;       /* bytes of one tile */
} tiles;

static void tiles_init(tiles *s, pel_dag *g, uint32_t T, uint32_t nb)
{
	s->g = g;
	s->T = T;
	s->tile = 8.0 * nb * nb;
	s->last = pel_xmalloc((size_t)T * T * sizeof *s->last);
	for (size_t i = 0; i < (size_t)T * T; i++)
		s->last[i] = PEL_NO_TASK;
}

/* Tasks and edges of tiled LU and QR on T x T tiles (the same counts):
 * step k, with m = T - k - 1, has (m + 1)^2 tasks, whose inputs are
 * 2 m + 2 m^2 tiles from the step's own tasks plus, after the first
 * step, one previous writer per task. */
static pel_dag_size tiled_size(uint32_t T)
{
	if (T > (1u << 20))
		return (pel_dag_size){ UINT64_MAX, UINT64_MAX, 0, 1 };
	if (!T)
		return (pel_dag_size){ 0, 0, 0, 1 };
	uint64_t tasks = pel_size_sum2((uint64_t)T + 1);
	uint64_t edges = (T - 1) + 2 * (pel_size_sum1(T) + pel_size_sum1(T - 1)) + 2 * pel_size_sum2(T) +
			 pel_size_sum2(T - 1);
	return (pel_dag_size){ tasks, edges, 0, 1 };
}

pel_dag_size pel_size_lu(uint32_t tiles)
{
	return tiled_size(tiles);
}

pel_dag_size pel_size_qr(uint32_t tiles)
{
	return tiled_size(tiles);
}

/* Task t touches tile (i, j); writes when w. */
static void touch(tiles *s, pel_task_id t, uint32_t i, uint32_t j, int w)
{
	pel_task_id *l = &s->last[(size_t)i * s->T + j];
	if (*l != PEL_NO_TASK && *l != t) {
		/* one edge per producer: skip if t already depends on it */
		int dup = 0;
		for (uint32_t e = s->g->nedges; e > 0 && s->g->dst[e - 1] == t && !dup; e--)
			dup = s->g->src[e - 1] == *l;
		if (!dup)
			pel_dag_add_edge(s->g, *l, t, s->tile, NAN);
	}
	if (w)
		*l = t;
}

static pel_task_id task(tiles *s, uint16_t kind, double flop, const char *fmt, uint32_t a,
			uint32_t b, uint32_t c)
{
	char name[64];
	snprintf(name, sizeof name, fmt, a, b, c);
	return pel_dag_add_task(s->g, name, kind, flop);
}

pel_dag *pel_generate_lu(uint32_t T, uint32_t nb)
{
	pel_dag *g = pel_dag_new();
	double b3 = (double)nb * nb * nb;
	uint16_t getrf = pel_dag_kind(g, "getrf"), trsm = pel_dag_kind(g, "trsm");
	uint16_t gemm = pel_dag_kind(g, "gemm");
	pel_dag_size size = pel_size_lu(T);
	pel_dag_reserve(g, size.tasks, size.edges);
	tiles s;
	tiles_init(&s, g, T, nb);
	for (uint32_t k = 0; k < T; k++) {
		pel_task_id f = task(&s, getrf, 2 * b3 / 3, "getrf_%u", k, 0, 0);
		touch(&s, f, k, k, 1);
		for (uint32_t i = k + 1; i < T; i++) {
			pel_task_id t = task(&s, trsm, b3, "trsm_%u_%u", i, k, 0);
			touch(&s, t, k, k, 0);
			touch(&s, t, i, k, 1);
		}
		for (uint32_t j = k + 1; j < T; j++) {
			pel_task_id t = task(&s, trsm, b3, "trsm_%u_%u", k, j, 0);
			touch(&s, t, k, k, 0);
			touch(&s, t, k, j, 1);
		}
		for (uint32_t i = k + 1; i < T; i++)
			for (uint32_t j = k + 1; j < T; j++) {
				pel_task_id t = task(&s, gemm, 2 * b3, "gemm_%u_%u_%u", i, j, k);
				touch(&s, t, i, k, 0);
				touch(&s, t, k, j, 0);
				touch(&s, t, i, j, 1);
			}
	}
	free(s.last);
	pel_dag_finish(g, NULL);
	return g;
}

pel_dag *pel_generate_qr(uint32_t T, uint32_t nb)
{
	pel_dag *g = pel_dag_new();
	double b3 = (double)nb * nb * nb;
	uint16_t geqrt = pel_dag_kind(g, "geqrt"), unmqr = pel_dag_kind(g, "unmqr");
	uint16_t tsqrt = pel_dag_kind(g, "tsqrt"), tsmqr = pel_dag_kind(g, "tsmqr");
	pel_dag_size size = pel_size_qr(T);
	pel_dag_reserve(g, size.tasks, size.edges);
	tiles s;
	tiles_init(&s, g, T, nb);
	for (uint32_t k = 0; k < T; k++) {
		pel_task_id q = task(&s, geqrt, 4 * b3 / 3, "geqrt_%u", k, 0, 0);
		touch(&s, q, k, k, 1);
		for (uint32_t j = k + 1; j < T; j++) {
			pel_task_id u = task(&s, unmqr, 2 * b3, "unmqr_%u_%u", k, j, 0);
			touch(&s, u, k, k, 0);
			touch(&s, u, k, j, 1);
		}
		for (uint32_t i = k + 1; i < T; i++) {
			pel_task_id t = task(&s, tsqrt, 2 * b3, "tsqrt_%u_%u", i, k, 0);
			touch(&s, t, k, k, 1);
			touch(&s, t, i, k, 1);
			for (uint32_t j = k + 1; j < T; j++) {
				pel_task_id m = task(&s, tsmqr, 4 * b3, "tsmqr_%u_%u_%u", i, j, k);
				touch(&s, m, i, k, 0);
				touch(&s, m, k, j, 1);
				touch(&s, m, i, j, 1);
			}
		}
	}
	free(s.last);
	pel_dag_finish(g, NULL);
	return g;
}

/* log2 of points rounded up: the butterfly levels */
static uint32_t fft_levels(uint32_t points)
{
	uint32_t levels = 0;
	while (((uint64_t)1 << levels) < points)
		levels++;
	return levels;
}

pel_dag_size pel_size_fft(uint32_t points)
{
	uint64_t levels = fft_levels(points);
	return (pel_dag_size){ pel_size_mul(points, levels + 1), pel_size_mul(2, pel_size_mul(points, levels)), 0,
			       0 };
}

pel_dag *pel_generate_fft(uint32_t points, double work, double bytes)
{
	uint32_t levels = fft_levels(points);
	pel_dag *g = pel_dag_new();
	uint16_t in = pel_dag_kind(g, "input"), bf = pel_dag_kind(g, "butterfly");
	pel_dag_size size = pel_size_fft(points);
	pel_dag_reserve(g, size.tasks, size.edges);
	for (uint32_t i = 0; i < points; i++)
		pel_dag_add_task(g, NULL, in, work);
	for (uint32_t s = 1; s <= levels; s++)
		for (uint32_t i = 0; i < points; i++) {
			pel_task_id t = pel_dag_add_task(g, NULL, bf, work);
			pel_task_id prev = (s - 1) * points;
			pel_dag_add_edge(g, prev + i, t, bytes, NAN);
			pel_dag_add_edge(g, prev + (i ^ (1u << (s - 1))), t, bytes, NAN);
		}
	pel_dag_finish(g, NULL);
	return g;
}

pel_dag_size pel_size_stencil(uint32_t rows, uint32_t cols)
{
	if (!rows || !cols)
		return (pel_dag_size){ 0, 0, 0, 0 };
	/* (rows - 1) x cols vertical edges, rows x (cols - 1) horizontal */
	uint64_t edges = pel_size_add(pel_size_mul(rows - 1, cols), pel_size_mul(rows, cols - 1));
	return (pel_dag_size){ pel_size_mul(rows, cols), edges, 0, 0 };
}

pel_dag *pel_generate_stencil(uint32_t rows, uint32_t cols, double work, double bytes)
{
	pel_dag *g = pel_dag_new();
	uint16_t k = pel_dag_kind(g, "cell");
	pel_dag_size size = pel_size_stencil(rows, cols);
	pel_dag_reserve(g, size.tasks, size.edges);
	for (uint32_t i = 0; i < rows; i++)
		for (uint32_t j = 0; j < cols; j++) {
			pel_task_id t = pel_dag_add_task(g, NULL, k, work);
			if (i)
				pel_dag_add_edge(g, t - cols, t, bytes, NAN);
			if (j)
				pel_dag_add_edge(g, t - 1, t, bytes, NAN);
		}
	pel_dag_finish(g, NULL);
	return g;
}

pel_dag_size pel_size_mapreduce(uint32_t maps, uint32_t reduces)
{
	return (pel_dag_size){ (uint64_t)maps + reduces, pel_size_mul(maps, reduces), 0, 0 };
}

pel_dag *pel_generate_mapreduce(uint32_t maps, uint32_t reduces, double map_work,
				double reduce_work, double bytes)
{
	pel_dag *g = pel_dag_new();
	uint16_t map = pel_dag_kind(g, "map"), red = pel_dag_kind(g, "reduce");
	pel_dag_size size = pel_size_mapreduce(maps, reduces);
	pel_dag_reserve(g, size.tasks, size.edges);
	for (uint32_t i = 0; i < maps; i++)
		pel_dag_add_task(g, NULL, map, map_work);
	for (uint32_t r = 0; r < reduces; r++) {
		pel_task_id t = pel_dag_add_task(g, NULL, red, reduce_work);
		for (uint32_t i = 0; i < maps; i++)
			pel_dag_add_edge(g, i, t, bytes, NAN);
	}
	pel_dag_finish(g, NULL);
	return g;
}
