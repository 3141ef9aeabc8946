/* plan.h - static schedules: ranks, insertion-based placement, dispatch.
 *
 * The list schedulers (HEFT, CPOP, PEFT, ...) compute a whole plan at init:
 * for each task a device, a slot and planned start and finish times.  This
 * module holds what they share: the upward and downward ranks of
 * Topcuoglu et al. 2002, the insertion-based earliest-finish-time search
 * over each slot's timeline, and the dispatch of a plan to a backend (each
 * device runs its tasks in planned order, a task as soon as it is ready). */
#ifndef PEL_PLAN_H
#define PEL_PLAN_H

#include "policy.h"

typedef struct {
	double start, end;
} pel_interval;

typedef struct {
	pel_interval *iv; /* sorted, disjoint busy intervals */
	uint32_t n, cap;
} pel_timeline;

typedef struct {
	const pel_model *m;
	pel_device_id *dev;   /* per task, PEL_NO_DEVICE until placed */
	uint32_t *slot;       /* per task: slot index within its device */
	double *start, *end;  /* per task, planned */
	pel_timeline *lines;  /* one per device slot */
	uint32_t *first_line; /* per device: index of its slot 0 in lines */
	/* dispatch state */
	pel_task_id *queue;   /* tasks grouped by device, by planned start */
	uint32_t *qhead, *qend; /* per device */
	uint8_t *ready;       /* per task: task_ready seen */
} pel_plan;

/* Upward rank of every task (rank_u: mean cost to the exit, its own
 * included), computed on mean execution and communication costs. */
void pel_rank_upward(const pel_model *m, double *rank);
/* Downward rank of every task (rank_d: mean cost from the entry, its own
 * excluded). */
void pel_rank_downward(const pel_model *m, double *rank);
/* Fills order with the task ids sorted by key, largest first; ties go to
 * the task earlier in the DAG's topological order, so a predecessor always
 * precedes its successors when keys are ranks. */
void pel_order_by_key_desc(const pel_model *m, const double *key, pel_task_id *order);

/* A plan with no task placed. */
pel_plan *pel_plan_new(const pel_model *m);
void pel_plan_free(pel_plan *p);

/* Earliest time all of t's inputs can be on device d, given the placed
 * predecessors (each must be placed). */
double pel_plan_data_ready(const pel_plan *p, pel_task_id t, pel_device_id d);
/* Earliest finish time of t on d with insertion into any slot's idle gap;
 * *slot and *start receive the slot and start that achieve it.  INFINITY
 * when d cannot run t. */
double pel_plan_eft(const pel_plan *p, pel_task_id t, pel_device_id d,
		    uint32_t *slot, double *start);
/* Places t on (d, slot) from start to start + exec(t, d). */
void pel_plan_place(pel_plan *p, pel_task_id t, pel_device_id d, uint32_t slot, double start);
/* Places t on the device and slot of earliest finish (ties: lowest device
 * id, then slot) and returns that finish time. */
double pel_plan_place_eft(pel_plan *p, pel_task_id t);
/* Places t on the device minimising EFT + bias[d] (PEFT's EFT + OCT; bias
 * may be NULL) and returns that minimum. */
double pel_plan_place_biased(pel_plan *p, pel_task_id t, const double *bias);
/* Makespan of the plan: the latest planned finish. */
double pel_plan_makespan(const pel_plan *p);

/* Builds the per-device queues and sends the prefetch hints; call once
 * every task is placed. */
void pel_plan_dispatch_init(pel_plan *p, pel_policy_ctx *ctx);
/* Policy callbacks for a dispatched plan; task_ready wakes t's device
 * when t heads its queue (the only time next_task's answer changes). */
void pel_plan_task_ready(pel_plan *p, pel_policy_ctx *ctx, pel_task_id t);
pel_task_id pel_plan_next_task(pel_plan *p, pel_device_id d);

#endif
