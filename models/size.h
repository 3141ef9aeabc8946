/* size.h - how big a DAG will be, known before any of it is built.
 *
 * Each generator has a pure function giving the tasks, edges and explicit
 * costs its parameters make (pel_size_layered in generate.h, ...), computed
 * in 64-bit counts that saturate at UINT64_MAX instead of wrapping, so a
 * count too large for any limit stays too large.  The scenario reader
 * checks them against the limits below and against the machine's memory
 * before it calls the generator. */
#ifndef PEL_SIZE_H
#define PEL_SIZE_H

#include <stdint.h>

/* The most tasks a workload may have (docs/scenarios.md, "Sizes"). */
#define PEL_MAX_TASKS 100000000u
/* The most edges: edge ids are 32-bit (pel_dag.nedges, the CSR offsets). */
#define PEL_MAX_EDGES 4000000000u

/* Counts of a DAG; UINT64_MAX stands for "more than 64 bits hold". */
typedef struct {
	uint64_t tasks, edges;
	uint64_t costs;  /* explicit (task, device) times */
	int named;       /* 1 when every task carries a name string */
} pel_dag_size;

/* a + b, or UINT64_MAX when the sum does not fit. */
uint64_t pel_size_add(uint64_t a, uint64_t b);
/* a * b, or UINT64_MAX when the product does not fit. */
uint64_t pel_size_mul(uint64_t a, uint64_t b);

/* The sum of m for m in [0, n), and of m^2: exact for n <= 2^20 (the
 * tiled factorisations' counts), UINT64_MAX above. */
uint64_t pel_size_sum1(uint64_t n);
uint64_t pel_size_sum2(uint64_t n);

/* About how many bytes loading and running a DAG of size s takes (the DAG,
 * the model, the simulator and a policy's per-task state); saturates. */
uint64_t pel_size_bytes(const pel_dag_size *s);

/* What s exceeds: PEL_SIZE_OK, PEL_SIZE_TASKS (more than PEL_MAX_TASKS),
 * PEL_SIZE_EDGES (more than PEL_MAX_EDGES) or PEL_SIZE_MEMORY (more than
 * memory bytes by pel_size_bytes), checked in that order. */
typedef enum { PEL_SIZE_OK, PEL_SIZE_TASKS, PEL_SIZE_EDGES, PEL_SIZE_MEMORY } pel_size_verdict;
pel_size_verdict pel_size_check(const pel_dag_size *s, uint64_t memory);

#endif
