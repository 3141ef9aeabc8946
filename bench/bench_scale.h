/* bench_scale.h - the simulator at its device limit, for pelsim-bench. */
#ifndef PEL_BENCH_SCALE_H
#define PEL_BENCH_SCALE_H

/* Loads scenarios/demo.yaml with its CPU entry grown to 65,536 devices
 * (the accepted maximum of a device count; 16,384 when quick) and runs
 * its policy (heft) as `pelsim run` does: scenario, model, plan and
 * simulation, best of 2 runs (1 when quick).  Prints
 *
 *   run_demo_65536_cpus_s   seconds of one such run (run_demo_16384_cpus_s)
 *
 * after a '#' line with the makespan, events and a digest of the
 * schedule.  A failed load or run prints a message on stderr and no
 * figure. */
void pel_bench_scale(int quick);

#endif
