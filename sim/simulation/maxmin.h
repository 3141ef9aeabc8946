/* maxmin.h - max-min fair sharing of links by flows, as a pure function.
 *
 * Flows cross links; each link's capacity is shared by the flows crossing
 * it.  The max-min fair rates are found by progressive filling: the link
 * with the least capacity left per unfixed flow crossing it fixes those
 * flows at that share, which every other link of their routes loses;
 * repeat until every flow is fixed.  Ties go to the link met first
 * (flows in order, each route in order), so a result is reproducible bit
 * for bit.  A flow that crosses no link gets an infinite rate; a link
 * listed twice in one route counts that flow twice.
 *
 * Nothing here knows of engines, DAGs or platforms: routes (lists of link
 * indices) and capacities come in, rates go out, and the working arrays
 * are the caller's (pel_maxmin_scratch), so a computation allocates
 * nothing. */
#ifndef PEL_MAXMIN_H
#define PEL_MAXMIN_H

#include <stddef.h>
#include <stdint.h>

/* The flows and links of one computation.  Flow i crosses the links
 * route[i * stride .. i * stride + nhops[i]), each < nlinks, and
 * nhops[i] <= stride. */
typedef struct {
	uint32_t nflows;
	const uint32_t *nhops;  /* per flow: links it crosses */
	const uint32_t *route;  /* nflows rows of stride link indices */
	uint32_t stride;
	uint32_t nlinks;
	const double *capacity; /* per link, bytes/s (or any unit: rates get it) */
} pel_maxmin_problem;

/* Working arrays of pel_maxmin, sized by pel_maxmin_scratch_reserve ({ 0 }
 * holds nothing yet).  Between computations `cnt` is all zeros.  Each
 * crossed link lists its flows as a chain through the hop arrays, made in
 * the same pass that counts them. */
typedef struct {
	uint32_t link_room;  /* links the per-link arrays hold */
	size_t hop_room;     /* hops the per-hop arrays hold */
	double *left;        /* per link: capacity left */
	uint32_t *cnt;       /* per link: unfixed flows crossing it */
	uint32_t *head;      /* per link: its last hop met */
	uint32_t *busy;      /* the links crossed by some unfixed flow */
	uint32_t *flow;      /* per hop: the flow making it */
	uint32_t *next;      /* per hop: the hop met before it on the same link */
} pel_maxmin_scratch;

/* Makes room in sc for problems of up to nlinks links and nhops hops over
 * all flows (grows by doubling; never shrinks). */
void pel_maxmin_scratch_reserve(pel_maxmin_scratch *sc, uint32_t nlinks, size_t nhops);
/* Frees what sc holds and zeroes it. */
void pel_maxmin_scratch_free(pel_maxmin_scratch *sc);

/* Writes the max-min fair rate of each flow of pb into rate[0 .. nflows),
 * using sc, which must have room for pb's links and hops. */
void pel_maxmin(const pel_maxmin_problem *pb, pel_maxmin_scratch *sc, double *rate);

#endif
