/* unfold.h - planning over a ready list, for list schedulers whose order
 * is "the highest-priority task among those whose predecessors are all
 * placed" (CPOP, PEFT), rather than a fixed order known in advance. */
#ifndef PEL_UNFOLD_H
#define PEL_UNFOLD_H

#include "plan.h"

/* Places one task t into the plan; user is passed through. */
typedef void (*pel_place_fn)(pel_plan *p, pel_task_id t, void *user);

/* Places every task: repeatedly takes the ready task of largest key
 * (ties: earlier in topological order) and calls place on it. */
void pel_plan_unfold(pel_plan *p, const double *key, pel_place_fn place, void *user);

#endif
