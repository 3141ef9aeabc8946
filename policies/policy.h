/* policy.h - the one interface every scheduling and load-balancing policy
 * implements, in the manner of StarPU's push/pop scheduler interface.
 *
 * A backend (the simulator, or the thread backend) drives a policy through
 * five callbacks.  The contract, identical in every backend:
 *   - callbacks are never called concurrently;
 *   - init is called once, before any other callback (static plans go here);
 *   - task_ready(t) is called once per task, when its last predecessor has
 *     finished (entry tasks: at the start, in id order);
 *   - next_task(d) is called whenever device d has a free slot, after every
 *     event that may have changed the answer; it returns a ready task not
 *     yet handed out that d can run, or PEL_NO_TASK for "nothing now".
 *     A policy that sets `wakes` promises to call pel_ctx_wake(d) whenever
 *     next_task(d) may return a task where it last returned PEL_NO_TASK,
 *     and that a PEL_NO_TASK answer changes nothing; the backend then asks
 *     a device that answered PEL_NO_TASK again only once it is woken (as
 *     StarPU wakes only the workers a pushed task may go to), so an event
 *     costs the devices that may take work, not every idle one;
 *   - task_done(t, d) is called when t has finished on d;
 *   - fini is called once at the end.
 * A policy reads the clock, estimates and placements only through its
 * context, so it never knows which backend drives it, holds no locks and
 * reads no clock of its own. */
#ifndef PEL_POLICY_H
#define PEL_POLICY_H

#include "../models/model.h"

#include <gsl/gsl_rng.h>

typedef struct pel_policy_ctx pel_policy_ctx;

/* What the backend offers the policy; implemented by each backend. */
typedef struct {
	/* the current time, in seconds since the start of the run */
	double (*now)(void *backend);
	/* hint that t will run on d: the backend may move t's inputs to d's
	 * memory as soon as each is produced (StarPU's prefetch) */
	void (*assign)(void *backend, pel_task_id t, pel_device_id d);
	/* device a started or finished task runs or ran on, else PEL_NO_DEVICE */
	pel_device_id (*task_device)(void *backend, pel_task_id t);
	/* finish time of a finished task, expected finish of a running one,
	 * INFINITY for one not started */
	double (*task_end)(void *backend, pel_task_id t);
	/* d may have work now, every device when d is PEL_NO_DEVICE
	 * (policies that set `wakes`) */
	void (*wake)(void *backend, pel_device_id d);
	/* no device has work now: every next_task would return PEL_NO_TASK */
	void (*sleep_all)(void *backend);
} pel_backend_ops;

/* One parameter of a policy: name, default (as text) and what it does. */
typedef struct {
	const char *name;
	const char *def;
	const char *summary;
} pel_param_doc;

/* A parameter given to a policy by the scenario or the command line. */
typedef struct {
	const char *name;
	const char *value;
} pel_param;

/* A task-to-device mapping given from outside (the `fixed` policy):
 * per task a device and an order key (NAN: by task id) on that device. */
typedef struct {
	pel_device_id *dev;
	double *order;
} pel_assignment;

struct pel_policy_ctx {
	const pel_model *model;   /* platform, DAG and estimates (read-only) */
	const pel_param *params;  /* parameters given, nparams of them */
	size_t nparams;
	gsl_rng *rng;             /* the policy's own random stream */
	void *state;              /* the policy's private data */
	const pel_assignment *assignment; /* for `fixed`; NULL otherwise */
	const pel_backend_ops *ops;
	void *backend;
	char error[256];          /* why init refused, set by pel_ctx_refuse */
	const char *error_param;  /* the parameter at fault, or NULL */
};

typedef struct pel_policy {
	const char *name;
	const char *summary;       /* one line for `pelsim policies` */
	const pel_param_doc *params; /* terminated by a {NULL} entry, or NULL */
	/* set-up; static plans are computed here.  Returns 0, or -1 after
	 * recording why with pel_ctx_refuse. */
	int (*init)(pel_policy_ctx *ctx);
	void (*task_ready)(pel_policy_ctx *ctx, pel_task_id t);
	pel_task_id (*next_task)(pel_policy_ctx *ctx, pel_device_id d);
	void (*task_done)(pel_policy_ctx *ctx, pel_task_id t, pel_device_id d);
	void (*fini)(pel_policy_ctx *ctx);
	/* 1: the policy wakes devices as the contract above says; 0: every
	 * device with a free slot is asked after every event */
	int wakes;
} pel_policy;

/* The current time. */
static inline double pel_ctx_now(const pel_policy_ctx *c)
{
	return c->ops->now(c->backend);
}

/* Prefetch hint: t will run on d. */
static inline void pel_ctx_assign(pel_policy_ctx *c, pel_task_id t, pel_device_id d)
{
	c->ops->assign(c->backend, t, d);
}

/* Where t runs or ran, or PEL_NO_DEVICE. */
static inline pel_device_id pel_ctx_task_device(const pel_policy_ctx *c, pel_task_id t)
{
	return c->ops->task_device(c->backend, t);
}

/* Finish time (actual or expected) of t, INFINITY if not started. */
static inline double pel_ctx_task_end(const pel_policy_ctx *c, pel_task_id t)
{
	return c->ops->task_end(c->backend, t);
}

/* Tells the backend that d (every device: PEL_NO_DEVICE) may have work
 * now (see `wakes`). */
static inline void pel_ctx_wake(pel_policy_ctx *c, pel_device_id d)
{
	if (c->ops->wake)
		c->ops->wake(c->backend, d);
}

/* Tells the backend that no device has work now (see `wakes`). */
static inline void pel_ctx_sleep_all(pel_policy_ctx *c)
{
	if (c->ops->sleep_all)
		c->ops->sleep_all(c->backend);
}

/* Value of parameter name, or def when it was not given. */
const char *pel_ctx_param(const pel_policy_ctx *c, const char *name, const char *def);
/* Reads parameter name as a number in [lo, hi] into *out (def when not
 * given).  Returns 0, or -1 after recording the error for the backend. */
int pel_ctx_param_number(pel_policy_ctx *c, const char *name, double def,
			 double lo, double hi, double *out);
/* Records why init refuses to run (printf-style); param names the
 * parameter at fault or is NULL.  Returns -1, for `return pel_ctx_refuse(...)`. */
int pel_ctx_refuse(pel_policy_ctx *c, const char *param, const char *fmt, ...);

/* Finds a registered policy by name, or NULL. */
const pel_policy *pel_policy_find(const char *name);
/* The registered policies, in registration order; *n receives the count. */
const pel_policy *const *pel_policy_list(size_t *n);
/* Adds a policy (e.g. loaded from a shared object); returns -1 when one
 * of that name exists already. */
int pel_policy_register(const pel_policy *p);

#endif
