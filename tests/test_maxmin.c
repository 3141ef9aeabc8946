/* test_maxmin.c - CUnit suite for sim/simulation/maxmin, the max-min fair sharing of
 * links by flows (progressive filling), as a pure function.
 *
 *  - table-driven hand-solved cases: two flows on one link; the parking
 *    lot; a chain of bottlenecks; a flow that crosses no link; a link of
 *    zero or infinite capacity; irregular networks;
 *  - the parking lot of 1 to 8 links (the long flow gets C/2);
 *  - no flows at all;
 *  - equal shares under rounding: n flows on one link get the same double;
 *  - on every case: no link over its capacity, every flow limited by a
 *    saturated link where no flow gets more (what max-min fair means),
 *    the same rates with the flows listed backwards, and one scratch
 *    reused across all cases gives the same bits.
 *
 * A zero-byte transfer is no flow (the simulator charges it the latency
 * alone, tests/test_network.c): rates do not depend on bytes, which the
 * function never sees. */
#include "../sim/simulation/maxmin.h"
#include "harness.h"

#include <CUnit/CUnit.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAXF 9   /* flows per case */
#define MAXL 8   /* links per case */
#define MAXH 8   /* links per route */
#define TOL 1e-12

/* One case: flows' routes (link lists ending at the first -1, or at MAXH),
 * capacities, the hand-solved rates, and whether they come out exactly
 * (dyadic values, one rounding at most). */
typedef struct {
	const char *name;
	uint32_t nflows, nlinks;
	double capacity[MAXL];
	int route[MAXF][MAXH];
	double want[MAXF];
	int exact;
} mm_case;

#define END -1
#define INF INFINITY

static const mm_case cases[] = {
	{ "two flows on one link", 2, 1, { 10 }, { { 0, END }, { 0, END } }, { 5, 5 }, 1 },
	/* long flow over links 0-2, one short flow on each: all get C/2 */
	{ "parking lot, 3 equal links", 4, 3, { 1, 1, 1 },
	  { { 0, 1, 2, END }, { 0, END }, { 1, END }, { 2, END } }, { 0.5, 0.5, 0.5, 0.5 }, 1 },
	/* the narrow link halves the long flow; the short flows take the rest */
	{ "parking lot, narrow first link", 4, 3, { 1, 2, 4 },
	  { { 0, 1, 2, END }, { 0, END }, { 1, END }, { 2, END } }, { 0.5, 0.5, 1.5, 3.5 }, 1 },
	/* links 1, 3, 6 B/s; flow 0 crosses all, flow 1 the last two, flow 2
	 * the last: link 0 fixes flow 0 at 1, then link 1 flow 1 at 3-1 = 2,
	 * then link 2 flow 2 at 6-1-2 = 3 */
	{ "chain of bottlenecks", 3, 3, { 1, 3, 6 },
	  { { 0, 1, 2, END }, { 1, 2, END }, { 2, END } }, { 1, 2, 3 }, 1 },
	/* the same, listed from the widest link: the order met does not matter */
	{ "chain of bottlenecks, reversed", 3, 3, { 6, 3, 1 },
	  { { 0, END }, { 0, 1, END }, { 0, 1, 2, END } }, { 3, 2, 1 }, 1 },
	{ "a flow that crosses no link", 2, 1, { 7 }, { { END }, { 0, END } }, { INF, 7 }, 1 },
	{ "only flows that cross no link", 2, 0, { 0 }, { { END }, { END } }, { INF, INF }, 1 },
	/* a link with nothing left gives its flows 0; the other link is whole
	 * for the flow that crosses it alone */
	{ "a link of zero capacity", 3, 2, { 0, 4 }, { { 0, 1, END }, { 0, END }, { 1, END } }, { 0, 0, 4 },
	  1 },
	/* an infinite link limits nobody: flow 0 gets link 1's 2, flow 1 the
	 * infinite link alone */
	{ "a link of infinite capacity", 2, 2, { INF, 2 }, { { 0, 1, END }, { 0, END } }, { 2, INF }, 1 },
	/* links 10, 4, 6: A = 0 1, B = 1, C = 0 2, D = 2, E = 0.  Link 1 fixes A
	 * and B at 2; link 2 (6/2 = 3 < (10-2)/2 = 4) fixes C and D at 3; link
	 * 0 gives E its 10-2-3 = 5.  Every link ends full. */
	{ "irregular: five flows, three links", 5, 3, { 10, 4, 6 },
	  { { 0, 1, END }, { 1, END }, { 0, 2, END }, { 2, END }, { 0, END } }, { 2, 2, 3, 3, 5 }, 1 },
	/* links 3, 5: flow 0 crosses both, flow 1 link 0, flows 2 and 3 link
	 * 1.  Link 0 (3/2) fixes flows 0 and 1 at 1.5 before link 1 (5/3);
	 * link 1's 3.5 left goes half to each of flows 2 and 3. */
	{ "irregular: two links, four flows", 4, 2, { 3, 5 },
	  { { 0, 1, END }, { 0, END }, { 1, END }, { 1, END } }, { 1.5, 1.5, 1.75, 1.75 }, 1 },
	/* a star of four links around a hub, flows between leaves (two links
	 * each): link 3 (1 B/s, flows 2 and 3) fixes them at 0.5; link 0 (2
	 * B/s, flows 0, 1, 3) leaves 1.5 for flows 0 and 1: 0.75 each; links
	 * 1 and 2 are then not full */
	{ "irregular: a star", 4, 4, { 2, 8, 8, 1 },
	  { { 0, 1, END }, { 0, 2, END }, { 3, 1, END }, { 3, 0, END } }, { 0.75, 0.75, 0.5, 0.5 }, 1 },
	/* links 1, 1: three flows on link 0, one of them also on link 1 with
	 * a fourth: link 0 fixes its three at 1/3; the fourth gets 1 - 1/3 */
	{ "irregular: thirds", 4, 2, { 1, 1 }, { { 0, 1, END }, { 0, END }, { 0, END }, { 1, END } },
	  { 1.0 / 3, 1.0 / 3, 1.0 / 3, 1 - 1.0 / 3 }, 0 },
};

#define NCASES (sizeof cases / sizeof cases[0])

/* A case as the function takes it: routes in rows of MAXH, flows in
 * order, or backwards when reversed. */
typedef struct {
	uint32_t nhops[MAXF];
	uint32_t route[MAXF * MAXH];
	pel_maxmin_problem pb;
} mm_input;

/* Fills in with case c's flows (backwards when reversed). */
static void make_input(const mm_case *c, int reversed, mm_input *in)
{
	memset(in, 0, sizeof *in);
	for (uint32_t i = 0; i < c->nflows; i++) {
		uint32_t k = reversed ? c->nflows - 1 - i : i;
		uint32_t h = 0;
		while (h < MAXH && c->route[k][h] != END) {
			in->route[i * MAXH + h] = (uint32_t)c->route[k][h];
			h++;
		}
		in->nhops[i] = h;
	}
	in->pb = (pel_maxmin_problem){
		.nflows = c->nflows,
		.nhops = in->nhops,
		.route = in->route,
		.stride = MAXH,
		.nlinks = c->nlinks,
		.capacity = c->capacity,
	};
}

/* Whether rate x is the wanted one: the same double when exact (infinity
 * included), else within TOL relative. */
static int rate_ok(double x, double want, int exact)
{
	if (exact || isinf(want))
		return x == want;
	return fabs(x - want) <= TOL * fmax(1, fabs(want));
}

/* Max-min fairness itself, on the rates found: no link carries more than
 * its capacity, and every flow crosses a saturated link on which no flow
 * gets more than it (a flow on no link, or only on infinite ones, has an
 * infinite rate). */
static void check_fair(const mm_case *c, const mm_input *in, const double *rate)
{
	double load[MAXL] = { 0 }, top[MAXL] = { 0 };
	for (uint32_t i = 0; i < c->nflows; i++)
		for (uint32_t h = 0; h < in->nhops[i]; h++) {
			uint32_t l = in->route[i * MAXH + h];
			load[l] += rate[i];
			top[l] = fmax(top[l], rate[i]);
		}
	for (uint32_t l = 0; l < c->nlinks; l++)
		CHECK(isinf(c->capacity[l]) || load[l] <= c->capacity[l] * (1 + TOL), "%s: link %u carries %.17g of %.17g",
		      c->name, l, load[l], c->capacity[l]);
	for (uint32_t i = 0; i < c->nflows; i++) {
		int limited = isinf(rate[i]);
		for (uint32_t h = 0; h < in->nhops[i] && !limited; h++) {
			uint32_t l = in->route[i * MAXH + h];
			limited = !isinf(c->capacity[l]) && load[l] >= c->capacity[l] * (1 - TOL) &&
				  rate[i] >= top[l];
		}
		CHECK(limited, "%s: flow %u (rate %.17g) has a bottleneck link", c->name, i, rate[i]);
	}
}

/* Solves case c with scratch sc, flows in order or backwards, into rate
 * (in the case's flow order). */
static void solve(const mm_case *c, pel_maxmin_scratch *sc, int reversed, double *rate)
{
	mm_input in;
	double out[MAXF];
	make_input(c, reversed, &in);
	pel_maxmin_scratch_reserve(sc, c->nlinks, (size_t)c->nflows * MAXH);
	pel_maxmin(&in.pb, sc, out);
	for (uint32_t i = 0; i < c->nflows; i++)
		rate[reversed ? c->nflows - 1 - i : i] = out[i];
}

/* Every case of the table, with a fresh scratch each. */
static void test_table(void)
{
	for (size_t k = 0; k < NCASES; k++) {
		const mm_case *c = &cases[k];
		pel_maxmin_scratch sc = { 0 };
		double rate[MAXF];
		mm_input in;
		solve(c, &sc, 0, rate);
		make_input(c, 0, &in);
		for (uint32_t i = 0; i < c->nflows; i++)
			CHECK(rate_ok(rate[i], c->want[i], c->exact), "%s: flow %u gets %.17g, want %.17g", c->name, i,
			      rate[i], c->want[i]);
		check_fair(c, &in, rate);
		pel_maxmin_scratch_free(&sc);
	}
}

/* Listing the flows backwards changes no rate (beyond rounding). */
static void test_order(void)
{
	pel_maxmin_scratch sc = { 0 };
	for (size_t k = 0; k < NCASES; k++) {
		const mm_case *c = &cases[k];
		double fwd[MAXF], back[MAXF];
		solve(c, &sc, 0, fwd);
		solve(c, &sc, 1, back);
		for (uint32_t i = 0; i < c->nflows; i++)
			CHECK(rate_ok(back[i], fwd[i], c->exact), "%s backwards: flow %u gets %.17g, forwards %.17g",
			      c->name, i, back[i], fwd[i]);
	}
	pel_maxmin_scratch_free(&sc);
}

/* One scratch reused over all cases, twice, gives the bits of a fresh one
 * each time (a computation leaves its scratch ready for the next). */
static void test_scratch_reuse(void)
{
	pel_maxmin_scratch shared = { 0 };
	for (int round = 0; round < 2; round++)
		for (size_t k = 0; k < NCASES; k++) {
			const mm_case *c = &cases[k];
			pel_maxmin_scratch fresh = { 0 };
			double a[MAXF], b[MAXF];
			solve(c, &shared, 0, a);
			solve(c, &fresh, 0, b);
			CHECK(memcmp(a, b, c->nflows * sizeof *a) == 0, "%s, round %d: reused scratch, same bits", c->name,
			      round);
			pel_maxmin_scratch_free(&fresh);
		}
	pel_maxmin_scratch_free(&shared);
}

/* The parking lot of n links of capacity C (one long flow over all of
 * them, one short flow on each): every flow gets C/2, exactly. */
static void test_parking_lot(void)
{
	pel_maxmin_scratch sc = { 0 };
	for (uint32_t n = 1; n <= MAXL && n + 1 <= MAXF; n++) {
		mm_case c = { .name = "parking lot", .nflows = n + 1, .nlinks = n, .exact = 1 };
		for (uint32_t l = 0; l < n; l++) {
			c.capacity[l] = 12.5e9;
			c.route[0][l] = (int)l;
			c.route[l + 1][0] = (int)l;
			c.route[l + 1][1] = END;
		}
		if (n < MAXH)
			c.route[0][n] = END;
		double rate[MAXF];
		solve(&c, &sc, 0, rate);
		for (uint32_t i = 0; i <= n; i++)
			CHECK(rate[i] == 12.5e9 / 2, "parking lot of %u links: flow %u gets %.17g, want C/2", n, i, rate[i]);
	}
	pel_maxmin_scratch_free(&sc);
}

/* No flows: nothing is written, with or without room in the scratch. */
static void test_no_flows(void)
{
	static const double cap[2] = { 1, 2 };
	double rate[1] = { -42 };
	pel_maxmin_problem pb = { .nflows = 0, .stride = 1, .nlinks = 2, .capacity = cap };
	pel_maxmin_scratch sc = { 0 };
	pb.nlinks = 0;
	pel_maxmin(&pb, &sc, rate);
	CU_ASSERT_EQUAL(rate[0], -42);
	pb.nlinks = 2;
	pel_maxmin_scratch_reserve(&sc, 2, 0);
	pel_maxmin(&pb, &sc, rate);
	CU_ASSERT_EQUAL(rate[0], -42);
	pel_maxmin_scratch_free(&sc);
}

/* n flows on one link of capacity C each get the same double, C/n as
 * rounded once; their sum is C to within n roundings.  It does not
 * always stay at or below C: nine flows on 1.0 sum to 1 + 2^-52, ten on
 * 0.3 to the double after 0.3. */
static void test_equal_shares(void)
{
	static const struct {
		uint32_t n;
		double capacity;
		int at_most_c; /* the sum of the rates, added in order, is <= C */
	} rows[] = {
		{ 3, 1.0, 1 }, { 7, 1.0, 1 }, { 9, 1.0, 0 }, { 10, 0.3, 0 }, { 6, 0.1, 1 }, { 64, 12.5e9, 1 },
	};
	pel_maxmin_scratch sc = { 0 };
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		uint32_t n = rows[k].n, nhops[64], route[64];
		double cap = rows[k].capacity, rate[64], sum = 0;
		for (uint32_t i = 0; i < n; i++) {
			nhops[i] = 1;
			route[i] = 0;
		}
		pel_maxmin_problem pb = {
			.nflows = n, .nhops = nhops, .route = route, .stride = 1, .nlinks = 1, .capacity = &cap,
		};
		pel_maxmin_scratch_reserve(&sc, 1, n);
		pel_maxmin(&pb, &sc, rate);
		int same = 1;
		for (uint32_t i = 0; i < n; i++) {
			same &= memcmp(&rate[i], &rate[0], sizeof rate[0]) == 0;
			sum += rate[i];
		}
		CHECK(same, "%u flows on %g: the same double each", n, cap);
		CHECK(rate[0] == cap / n, "%u flows on %g: each gets %.17g, want C/n = %.17g", n, cap, rate[0], cap / n);
		CHECK(fabs(sum - cap) <= n * DBL_EPSILON * cap, "%u flows on %g: sum %.17g", n, cap, sum);
		CHECK((sum <= cap) == rows[k].at_most_c, "%u flows on %g: sum %.17g %s C", n, cap, sum,
		      rows[k].at_most_c ? "<=" : ">");
	}
	pel_maxmin_scratch_free(&sc);
}

int main(int argc, char **argv)
{
	static const pel_t_test tests[] = {
		{ "hand-solved cases", test_table },
		{ "flows listed backwards", test_order },
		{ "a scratch reused", test_scratch_reuse },
		{ "parking lots of 1 to 8 links", test_parking_lot },
		{ "no flows", test_no_flows },
		{ "equal shares under rounding", test_equal_shares },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "maxmin", tests },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
