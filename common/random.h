/* random.h - seeded random streams, one per purpose.
 *
 * All randomness in pelsim goes through GSL's gsl_rng.  A run has one seed;
 * each purpose (durations, arrivals, faults, the policy, workload
 * generation) gets its own stream whose seed is derived from (run seed,
 * purpose), so drawing more numbers for one purpose never shifts another. */
#ifndef PEL_RANDOM_H
#define PEL_RANDOM_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

typedef enum {
	PEL_STREAM_WORKLOAD = 1,  /* generators of DAGs and task streams */
	PEL_STREAM_DURATION = 2,  /* stochastic execution times */
	PEL_STREAM_ARRIVAL = 3,   /* arrival processes */
	PEL_STREAM_FAULT = 4,     /* failures */
	PEL_STREAM_POLICY = 5,    /* the policy's own decisions */
	PEL_STREAM_BENCH = 6      /* benchmarks and tests */
} pel_stream;

/* Mixes two 64-bit values into a well-spread 64-bit seed (SplitMix64);
 * the same inputs give the same result on every machine. */
uint64_t pel_seed_mix(uint64_t a, uint64_t b);

/* Returns a new Mersenne Twister generator seeded from (seed, purpose);
 * free it with gsl_rng_free.  Exits when memory is exhausted. */
gsl_rng *pel_rng_stream(uint64_t seed, pel_stream purpose);

#endif
