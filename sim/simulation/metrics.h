/* metrics.h - what a finished run is judged by.
 *
 * Definitions follow the list-scheduling literature (Topcuoglu et al.
 * 2002) and queueing practice:
 *   SLR         makespan / sum of the minimum execution times of the tasks
 *               on CP_MIN, the critical path under minimum execution times
 *               (communication ignored);
 *   speedup     (fastest sequential time on one slot of one device, over
 *               devices able to run every task) / makespan;
 *   efficiency  speedup / total slots;
 *   imbalance   max busy time / mean busy time over devices (1 = perfect);
 *   lower bound max(CP_MIN length, sum of minimum execution times / total
 *               slots): no valid schedule is shorter;
 *   response    end - release of each task (streams): mean, p95, p99;
 *   throughput  tasks / (last end - first release). */
#ifndef PEL_METRICS_H
#define PEL_METRICS_H

#include "simulate.h"

typedef struct {
	double makespan;
	double slr;
	double speedup;       /* NaN (reported as n/a) when sequential is INFINITY */
	double efficiency;    /* NaN then too */
	double imbalance;
	double lower_bound;
	double cp_min;        /* length of CP_MIN */
	double sequential;    /* best single-device sequential time (INFINITY if none) */
	int has_response;     /* the workload releases tasks over time */
	double resp_mean, resp_p95, resp_p99;
	double throughput;    /* tasks per second */
} pel_metrics;

/* Length of CP_MIN and the area bound, whose max is the lower bound. */
void pel_bounds(const pel_model *m, double *cp_min, double *area);
/* Computes every metric of a complete result. */
void pel_metrics_compute(const pel_model *m, const pel_sim_result *r, pel_metrics *out);

#endif
