/* check.h - verifies a finished schedule against the model.
 *
 * The checker trusts nothing the policy or the backend computed: it
 * re-derives from the model and the recorded times that every task ran
 * exactly once on a device able to run it, that no two tasks overlap on a
 * device slot, that no task started before each predecessor finished plus
 * the transfer of its data (and before its release), that each task ran
 * for its model time (plus an FPGA reconfiguration where one applies),
 * that busy times and the makespan add up, and that the makespan is not
 * below the lower bound of pel_bounds. */
#ifndef PEL_CHECK_H
#define PEL_CHECK_H

#include "simulate.h"

#include <stddef.h>

/* Returns 0 when the schedule is valid; otherwise -1 with the first
 * violation described in err (one line, naming the tasks). */
int pel_check_schedule(const pel_model *m, const pel_sim_result *r, char *err, size_t errlen);

#endif
