#include "random.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>

uint64_t pel_seed_mix(uint64_t a, uint64_t b)
{
	uint64_t z = a + 0x9e3779b97f4a7c15ULL * (b + 1);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

gsl_rng *pel_rng_stream(uint64_t seed, pel_stream purpose)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r) {
		fprintf(stderr, "%s: out of memory (random stream)\n", pel_progname());
		exit(1);
	}
	/* mt19937 takes an unsigned long seed; 0 selects GSL's default
	 * seed, so keep the derived value non-zero. */
	unsigned long s = (unsigned long)(pel_seed_mix(seed, (uint64_t)purpose) & 0xffffffffUL);
	gsl_rng_set(r, s ? s : 1);
	return r;
}
