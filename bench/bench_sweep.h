/* bench_sweep.h - figures of `pelsim sweep` (sim/studies/sweep.h) for
 * pelsim-bench. */
#ifndef PEL_BENCH_SWEEP_H
#define PEL_BENCH_SWEEP_H

/* Writes a scenario to a temporary folder: random layered DAGs of 50
 * tasks on 4 processors, 5 CCR values x 5 policies (heft, cpop, peft,
 * dmda, eager) x 40 replications = 1,000 runs (8 replications, 200 runs,
 * when quick), sweeps it whole (plan, runs, journal, runs.csv and
 * summary.csv) with 1 and with 2 worker processes, best of 3 each, and
 * prints
 *
 *   sweep_runs_per_s_j1   runs per second with -j 1
 *   sweep_runs_per_s_j2   runs per second with -j 2
 *   sweep_scaling_j2      the ratio of the two
 *
 * plus a '#' comment line with the sizes and whether both gave the same
 * runs.csv.  A step that fails prints a message on stderr and its figures
 * are left out; the temporary files are removed. */
void pel_bench_sweep(int quick);

#endif
