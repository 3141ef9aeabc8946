/* generate.h - synthetic DAG families, drawn through GSL.
 *
 * Every generator is a pure function of its parameters and a gsl_rng: the
 * same seed gives the same DAG on any machine. */
#ifndef PEL_GENERATE_H
#define PEL_GENERATE_H

#include "size.h"
#include "workload.h"

#include <gsl/gsl_rng.h>

/* Random layered DAG in the manner of the HEFT paper's generator: about
 * sqrt(tasks)/shape levels of on average sqrt(tasks)*shape tasks each;
 * every task but those of the last level gets 1..2*outdegree-1 successors
 * (uniform) in the next levels (at most `jump` levels down).  Work is
 * uniform in [work*(1-spread), work*(1+spread)]; each edge carries bytes
 * uniform in the same band around `bytes`.  Kinds are assigned
 * round-robin over kinds[0..nkinds) (or all "task" when nkinds is 0). */
typedef struct {
	uint32_t tasks;
	double shape;      /* alpha: > 1 wide and shallow, < 1 deep and narrow */
	double outdegree;  /* mean out-degree */
	uint32_t jump;     /* farthest level an edge may reach (>= 1) */
	double work;       /* mean flop per task */
	double bytes;      /* mean bytes per edge */
	double spread;     /* relative half-width of work and bytes, in [0, 1) */
	const char *const *kinds;
	uint32_t nkinds;
	/* The literature's model (Topcuoglu et al. 2002, section 5.1), used
	 * when devices are given: each task gets a mean cost w_i uniform in
	 * [0, 2 * work] (seconds), and explicit times w_ij uniform in
	 * [w_i (1 - beta/2), w_i (1 + beta/2)] on each of the ndevices named
	 * devices, and each edge an explicit communication time uniform in
	 * [0, 2 * ccr * work], so that mean communication over mean
	 * computation is ccr.  Without devices, work and bytes are used. */
	const char *const *devices;
	uint32_t ndevices;
	double beta;       /* heterogeneity of costs across devices, in [0, 2) */
	double ccr;        /* communication-to-computation ratio (with devices) */
} pel_gen_layered;

/* The tasks, the most edges and the explicit times pel_generate_layered
 * makes of prm: tasks x the largest out-degree its levels allow. */
pel_dag_size pel_size_layered(const pel_gen_layered *prm);
/* Builds a finished layered DAG; never fails for tasks >= 1 (the caller
 * checks pel_size_layered against the limits of size.h). */
pel_dag *pel_generate_layered(const pel_gen_layered *prm, gsl_rng *r);

/* Tiled Cholesky factorisation (right-looking) of a T x T tile matrix
 * with nb x nb tiles of doubles: T(T+1)(T+2)/6 tasks of kinds potrf
 * (nb^3/3 flop), trsm (nb^3), syrk (nb^3) and gemm (2 nb^3); each edge
 * carries one tile (8 nb^2 bytes). */
pel_dag *pel_generate_cholesky(uint32_t tiles, uint32_t nb);
/* The exact tasks and edges of pel_generate_cholesky(tiles, nb). */
pel_dag_size pel_size_cholesky(uint32_t tiles);

#endif
