/* bench_common.h - what the figures of pelsim-bench share: the clock, the
 * 64-device platform and layered DAG of the run benchmarks, the digest of
 * a schedule, and a measuring child process. */
#ifndef PEL_BENCH_COMMON_H
#define PEL_BENCH_COMMON_H

#include "../models/generate.h"
#include "../models/platform.h"
#include "../sim/simulation/simulate.h"

#include <stddef.h>
#include <stdint.h>

#define PEL_BENCH_SEED 42
#define PEL_BENCH_NKINDS 4 /* task kinds of the run DAG */

/* Seconds of the monotonic clock. */
double pel_bench_now_s(void);
/* Peak resident size of this process so far, KiB (getrusage). */
long pel_bench_maxrss_kib(void);

/* 48 CPU cores on the host memory, 12 GPUs and 4 FPGAs (2 regions each)
 * with private memories linked to the host; network as given. */
pel_platform *pel_bench_platform(pel_net_model net);
/* The layered DAG of the run benchmarks with that many tasks: shape 1,
 * outdegree 3, jump 2, work 1e10, 4e6 bytes per edge, spread 0.5, kinds
 * gemm, fft, stencil and sort. */
pel_gen_layered pel_bench_dag_params(uint32_t tasks);
/* That DAG, drawn from the workload stream of PEL_BENCH_SEED. */
pel_dag *pel_bench_dag(uint32_t tasks);
/* Digest of a schedule of n tasks: FNV-1a over each task's device and
 * times. */
uint64_t pel_bench_digest(const pel_sim_result *r, uint32_t n);

/* Runs fn(arg, out) in a forked child and copies its size bytes at out
 * back into out here, waiting for the child, so that nothing else runs
 * beside it.  Returns 0; -1 when the pipe or the fork failed (with a
 * message on stderr); 1 when the child failed or its result did not come
 * back whole (the caller says so). */
int pel_bench_in_child(void (*fn)(void *arg, void *out), void *arg, void *out, size_t size);

#endif
