/* stream.h - streams of independent tasks arriving online, for load
 * balancers: an arrival process and a size law, drawn through GSL. */
#ifndef PEL_STREAM_H
#define PEL_STREAM_H

#include "size.h"
#include "workload.h"

#include <gsl/gsl_rng.h>

typedef enum {
	PEL_ARRIVAL_POISSON,  /* exponential inter-arrival times of rate rate[0] */
	PEL_ARRIVAL_MMPP,     /* two-state Markov-modulated Poisson: rate[s] in state s,
			       * leaves state s at rate switch_rate[s] (bursty) */
	PEL_ARRIVAL_FIXED,    /* deterministic, every 1/rate[0] */
	PEL_ARRIVAL_TRACE     /* given times (trace_times); sizes too where given */
} pel_arrival_law;

typedef enum {
	PEL_SIZE_CONSTANT,    /* every task `mean` */
	PEL_SIZE_EXPONENTIAL, /* mean `mean` */
	PEL_SIZE_PARETO,      /* bounded Pareto of shape alpha on [lo, hi] */
	PEL_SIZE_LOGNORMAL    /* lognormal with the given mean and sigma (of log) */
} pel_size_law;

typedef struct {
	uint32_t tasks;
	pel_arrival_law arrival;
	double rate[2];
	double switch_rate[2];
	pel_size_law size;
	double mean, alpha, lo, hi, sigma;
	const char *kind;     /* task kind, "task" when NULL */
	const double *trace_times; /* PEL_ARRIVAL_TRACE: `tasks` arrival times */
	const double *trace_sizes; /* and sizes (NAN: drawn from the size law) */
} pel_gen_stream;

/* Builds a finished DAG of independent tasks with release times (the
 * arrivals) and work (the sizes).  Arrivals use stream `arrivals`, sizes
 * stream `sizes`, so changing one law never shifts the other. */
pel_dag *pel_generate_stream(const pel_gen_stream *prm, gsl_rng *arrivals, gsl_rng *sizes);

/* The tasks of pel_generate_stream(prm, ...): prm->tasks, no edges. */
pel_dag_size pel_size_stream(const pel_gen_stream *prm);

/* One draw of the size law. */
double pel_stream_size(const pel_gen_stream *prm, gsl_rng *r);

#endif
