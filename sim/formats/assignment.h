/* assignment.h - reads a schedule to replay with the `fixed` policy.
 *
 * Three formats, told apart by their content:
 *   - a pelsim schedule CSV (header "record,task,..."): its task rows give
 *     the device, and the start time is the order;
 *   - one device index (0-based) per task, in task order, separated by
 *     white space: the best-known assignments of the ETC literature (.sol);
 *   - lines "TASK DEVICE [ORDER]" (white space or commas; '#' comments),
 *     with task and device names.
 * Every task must be assigned exactly once, to a device that can run it. */
#ifndef PEL_ASSIGNMENT_H
#define PEL_ASSIGNMENT_H

#include "../../policies/policy.h"

#include <stddef.h>

/* Reads file for model m.  Returns the assignment, or NULL with one line
 * "file:line: what is wrong" in err. */
pel_assignment *pel_assignment_read(const char *file, const pel_model *m, char *err, size_t errlen);
/* Frees an assignment. */
void pel_assignment_free(pel_assignment *a);

#endif
