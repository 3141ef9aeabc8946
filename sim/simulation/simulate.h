/* simulate.h - the discrete-event backend: a policy over the models in
 * virtual time.
 *
 * One run: entry tasks become ready at time 0; every device with a free
 * slot is offered work through the policy's next_task after each event;
 * a task started on device d waits for its inputs (each transfer starts
 * when the producer finishes or when the task is bound to d, whichever is
 * later), runs for the model's execution time, and its end is the only
 * event it costs.  Under the ideal network model transfers are arithmetic
 * (no contention, no event).  Under the shared model (platform->net ==
 * PEL_NET_SHARED) the bytes of each transfer are a flow over its route's
 * links, which concurrent flows share max-min fairly (sim/simulation/network.h,
 * sim/simulation/maxmin.h): two events per flow (latency over, last byte in) plus
 * reschedules when rates change; a task pulled while input flows are
 * moving holds its slot and starts when the last lands.  Edges with
 * explicit comm times keep their fixed duration. */
#ifndef PEL_SIMULATE_H
#define PEL_SIMULATE_H

#include "../../policies/policy.h"

#include <stdint.h>

/* One data movement between two memory nodes. */
typedef struct {
	uint32_t edge;
	uint32_t from, to;  /* memory nodes */
	double start, end;
} pel_transfer;

typedef struct {
	int complete;         /* 1 when every task finished */
	int refused;          /* 1 when the policy's init refused the scenario */
	const char *refused_param; /* the policy parameter at fault, or NULL */
	char error[256];      /* why the run stopped early, when !complete */
	double makespan;      /* finish of the last task */
	uint64_t events;      /* events processed by the engine */
	double bytes_moved;   /* bytes copied between distinct memory nodes */
	uint64_t transfers;   /* copies between distinct memory nodes */
	/* per device */
	double *busy;         /* seconds its slots spent running tasks */
	uint32_t *tasks;      /* tasks it ran */
	/* per task */
	pel_device_id *dev;
	uint32_t *slot;       /* slot index within the device */
	double *ready, *start, *end;
	/* transfers, when asked for with record_transfers */
	pel_transfer *xfers;
	size_t nxfers;
} pel_sim_result;

typedef struct {
	uint64_t seed;          /* run seed (the policy's stream derives from it) */
	double stop_time;       /* INFINITY for a complete run */
	int record_transfers;   /* keep one pel_transfer per copy */
	const pel_param *params;/* policy parameters */
	size_t nparams;
	const pel_assignment *assignment; /* for the fixed policy, or NULL */
	int init_only;          /* run the policy's init (and fini) only, to see
				   whether it accepts the model and parameters */
} pel_sim_options;

/* Runs policy pol on model m.  Returns a result: check ->complete, and
 * ->refused when the policy's init refused (->error says why). */
pel_sim_result *pel_simulate(const pel_model *m, const pel_policy *pol,
			     const pel_sim_options *opt);
/* Frees a result. */
void pel_sim_result_free(pel_sim_result *r);

#endif
