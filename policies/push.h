/* push.h - the skeleton shared by "push" policies: when a task becomes
 * ready the policy picks a device at once and appends the task to that
 * device's FIFO queue (and hints the backend to prefetch its inputs there);
 * an idle device runs the head of its own queue.  StarPU's dm and dmda,
 * the immediate-mode mapping heuristics (mct, met, olb) and the online load
 * balancers (jsq, pod, lwl, sita, random, round-robin) differ only in the
 * choice, which each writes as a pel_choose_fn.
 *
 * The skeleton keeps, per device, the tasks queued or running, the
 * expected work they represent and the expected time each slot frees up
 * (the model's estimates, like StarPU's exp_end), so a choice costs
 * O(devices), never a scan of the tasks. */
#ifndef PEL_PUSH_H
#define PEL_PUSH_H

#include "policy.h"

typedef struct {
	uint32_t *buf;
	uint32_t head, n, cap;
} pel_fifo;

typedef struct pel_push pel_push;

/* Returns the device for ready task t (one that can run it). */
typedef pel_device_id (*pel_choose_fn)(pel_policy_ctx *ctx, pel_push *s, pel_task_id t);

struct pel_push {
	const pel_model *m;
	pel_choose_fn choose;
	void *user;           /* the policy's own extra state */
	pel_fifo *q;          /* per device: ready tasks pushed to it */
	uint32_t *count;      /* per device: tasks queued or running */
	double *work;         /* per device: expected seconds queued or running */
	double *avail;        /* per global slot: expected time it frees up */
	uint32_t *first;      /* per device: its first global slot */
	double *pushed_exec;  /* per task: estimate recorded at push */
};

/* Initialises the skeleton with the given choice; user is kept in s->user.
 * Use as (part of) a policy's init.  Returns 0. */
int pel_push_init(pel_policy_ctx *ctx, pel_choose_fn choose, void *user);

/* Expected finish of t if pushed to d now, its inputs there at ready_at. */
double pel_push_finish(const pel_push *s, pel_task_id t, pel_device_id d, double now, double ready_at);
/* Earliest time t's inputs could be on d if moved from now (dmda). */
double pel_push_data_ready(const pel_policy_ctx *ctx, pel_task_id t, pel_device_id d);
/* Devices in id order that can run t: fills out, returns how many. */
uint32_t pel_push_capable(const pel_push *s, pel_task_id t, pel_device_id *out);

/* A device's score for ready task t: lower is better, INFINITY when d
 * cannot run t.  now is the current time. */
typedef double (*pel_score_fn)(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_device_id d,
			       double now);
/* The device of lowest score for t (ties: the lowest id), in O(devices). */
pel_device_id pel_push_argmin(pel_policy_ctx *ctx, pel_push *s, pel_task_id t, pel_score_fn score);

/* Appends t to d's queue, updates the estimates and sends the prefetch
 * hint (what pel_push_ready does after choosing). */
void pel_push_to(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d);

/* The policy callbacks of the skeleton. */
void pel_push_ready(pel_policy_ctx *ctx, pel_task_id t);
pel_task_id pel_push_next(pel_policy_ctx *ctx, pel_device_id d);
void pel_push_done(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d);
void pel_push_fini(pel_policy_ctx *ctx);

/* A FIFO of task ids (ring buffer growing by doubling). */
void pel_fifo_push(pel_fifo *f, uint32_t x);
uint32_t pel_fifo_pop(pel_fifo *f);

#endif
