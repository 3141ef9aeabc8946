/* bench_network.h - the shared network model's figure for pelsim-bench. */
#ifndef PEL_BENCH_NETWORK_H
#define PEL_BENCH_NETWORK_H

/* Runs eager on a layered DAG of 100,000 tasks (10,000 when quick) with 4 MB
 * per edge on 64 devices (48 CPU cores on the host memory, 12 GPUs and 4
 * FPGAs with private memories linked to the host) under `network: shared`,
 * best of 3 runs (1 when quick), and prints
 *
 *   run_tasks_per_s_eager_shared   simulated tasks per second
 *
 * after a '#' line with the makespan, events, transfers and a digest of the
 * schedule.  A failed run prints a message on stderr and no figure. */
void pel_bench_network(int quick);

#endif
