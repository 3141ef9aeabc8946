/* size.c - saturating counts and the memory a DAG of a given size needs. */
#include "size.h"

/* Bytes per task: the DAG (kind, work, both CSR offsets, topological
 * order and its scratch: 26), the simulator's record of it (device,
 * slot, ready, start, end, state, predecessors left, transfers pending:
 * 45), the model and a policy's ranks, queues and plan (about 60), with
 * room for arrays grown by doubling. */
#define BYTES_PER_TASK 192
/* A task name: the pointer and its malloc'd string. */
#define BYTES_PER_NAME 40
/* Bytes per edge: source, destination, bytes, explicit time, both CSR
 * lists (32), twice for arrays grown by doubling. */
#define BYTES_PER_EDGE 64
/* An explicit time: the pel_cost record, its key string and the model's
 * task x device matrix of times and match levels (24 + 32 + 9). */
#define BYTES_PER_COST 72

uint64_t pel_size_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t pel_size_mul(uint64_t a, uint64_t b)
{
	return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

uint64_t pel_size_sum1(uint64_t n)
{
	if (n > (1u << 20))
		return UINT64_MAX;
	return n ? n * (n - 1) / 2 : 0;
}

uint64_t pel_size_sum2(uint64_t n)
{
	if (n > (1u << 20))
		return UINT64_MAX;
	return n ? (n - 1) * n * (2 * n - 1) / 6 : 0;
}

uint64_t pel_size_bytes(const pel_dag_size *s)
{
	uint64_t per_task = BYTES_PER_TASK + (s->named ? BYTES_PER_NAME : 0);
	uint64_t b = pel_size_mul(s->tasks, per_task);
	b = pel_size_add(b, pel_size_mul(s->edges, BYTES_PER_EDGE));
	return pel_size_add(b, pel_size_mul(s->costs, BYTES_PER_COST));
}

pel_size_verdict pel_size_check(const pel_dag_size *s, uint64_t memory)
{
	if (s->tasks > PEL_MAX_TASKS)
		return PEL_SIZE_TASKS;
	if (s->edges > PEL_MAX_EDGES)
		return PEL_SIZE_EDGES;
	if (pel_size_bytes(s) > memory)
		return PEL_SIZE_MEMORY;
	return PEL_SIZE_OK;
}
