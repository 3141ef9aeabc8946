/* model.h - the performance model: how long things take.
 *
 * A model binds a frozen platform to a finished DAG and answers, in O(1),
 * the questions both backends and every policy ask: how long task t runs
 * on device d, how long edge e takes between two memory nodes.  It is pure
 * arithmetic on the model's parameters, free of any notion of time or
 * scheduling decisions.
 *
 *   exec(t, d)  = launch(d) + explicit time of t on d,   when the task has
 *                 explicit times (a device name, group or class matches);
 *               = launch(d) + work(t) / (speed(d) * eff(d, kind(t))) otherwise.
 *               A task with explicit times but none for d cannot run on d:
 *               exec is INFINITY.
 *   comm(e, a, b) = 0 when a == b;  the edge's explicit time when it has one;
 *               route latency + bytes / route bottleneck bandwidth otherwise.
 *               Contention-free under either network model: under
 *               `network: shared` it is the estimate policies see, the
 *               simulator shares links between concurrent flows. */
#ifndef PEL_MODEL_H
#define PEL_MODEL_H

#include "platform.h"
#include "workload.h"

#include <stddef.h>

typedef struct {
	const pel_platform *p;
	const pel_dag *g;
	uint32_t ndev;
	double *rate;      /* nkinds x ndev: speed * efficiency */
	double *explicit_; /* ntasks x ndev when any task has explicit times, else NULL */
	uint8_t *has_explicit; /* per task, or NULL */
	double *min_exec;   /* per task: smallest exec over the devices (bind) */
	uint8_t *everywhere; /* per task: 1 when every device can run it (bind) */
	double mean_cross;  /* share of ordered device pairs on different nodes */
	double mean_lat;    /* mean route latency over ordered device pairs (0 on same node) */
	double mean_inv_bw; /* mean 1/bandwidth over ordered device pairs (0 on same node) */
} pel_model;

/* Why pel_model_bind failed, for the caller's message. */
typedef struct {
	char msg[256];
} pel_model_error;

/* No time of a run may exceed this many seconds (see pel_model_bind). */
#define PEL_MODEL_HORIZON 1e300

/* Binds platform p and DAG g (both finished).  Returns NULL and fills err
 * when a task can run on no device, an explicit time names no device,
 * group or class, two nodes an edge may join have no route, or the times
 * (every task's slowest, every transfer's, the last arrival) add up to more
 * than PEL_MODEL_HORIZON. */
pel_model *pel_model_bind(const pel_platform *p, const pel_dag *g, pel_model_error *err);
/* Frees the model (not the platform or the DAG). */
void pel_model_free(pel_model *m);

/* Execution time of task t on device d, launch overhead included;
 * INFINITY when d cannot run t.  FPGA reconfiguration is not included. */
static inline double pel_model_exec(const pel_model *m, pel_task_id t, pel_device_id d)
{
	const pel_device *dev = &m->p->devices[d];
	if (m->explicit_ && m->has_explicit[t])
		return dev->launch + m->explicit_[(size_t)t * m->ndev + d];
	return dev->launch + m->g->work[t] / m->rate[(size_t)m->g->kind[t] * m->ndev + d];
}

/* Time for edge e's data to go from memory node a to memory node b. */
double pel_model_comm(const pel_model *m, uint32_t e, uint32_t a, uint32_t b);

/* Time for edge e's data to go from device da's node to device db's node. */
static inline double pel_model_comm_dev(const pel_model *m, uint32_t e,
					pel_device_id da, pel_device_id db)
{
	return pel_model_comm(m, e, m->p->devices[da].node, m->p->devices[db].node);
}

/* Mean communication time of edge e over ordered pairs of distinct
 * devices (pairs on one node count 0): the c-bar of the list-scheduling
 * literature. */
double pel_model_mean_comm(const pel_model *m, uint32_t e);

/* Mean execution time of t over the devices that can run it (w-bar). */
double pel_model_mean_exec(const pel_model *m, pel_task_id t);

/* Smallest execution time of t over all devices, in O(1) (computed by
 * pel_model_bind). */
double pel_model_min_exec(const pel_model *m, pel_task_id t);

/* Whether every device can run t, in O(1). */
static inline int pel_model_runs_everywhere(const pel_model *m, pel_task_id t)
{
	return m->everywhere[t];
}

#endif
