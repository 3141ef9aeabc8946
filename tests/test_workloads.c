/* test_workloads.c - the workloads end to end: every generator family
 * (through the C API and through scenarios) with exact counts, hand-checked
 * small cases and the statistics of its random laws; export -> import
 * round trips; the samples of data/ run through `pelsim` (WfCommons
 * instances under heft and eager, Braun et al.'s ETC matrices with their
 * best-known assignments and min-min, Kasahara's STG graphs against their
 * critical paths and optimal makespans); `pelsim dag` on every format, its
 * --export and its errors; scenarios that read workload files.
 *
 * The samples live in the tree's data/ folder (one folder per source, with
 * its README and licence); when one is missing, the tests that need it
 * fail with a message saying so.
 * PELSIM_BIN is the pelsim of this build and PEL_SOURCE_DIR the source
 * root, where the tests run. */
#define _GNU_SOURCE
#include "../common/random.h"
#include "../models/dagstats.h"
#include "../models/families.h"
#include "../models/generate.h"
#include "../models/size.h"
#include "../models/stream.h"
#include "../models/workload.h"
#include "../sim/formats/import.h"
#include "../sim/formats/scenario.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/workloads/"
#define WF_SCENARIO "scenarios/workloads/wfcommons.yaml"
#define ETC_SCENARIO "scenarios/workloads/braun_etc.yaml"
#define STG_SCENARIO DATA "stg.yaml"

/* |got - want| <= tol * |want| */
static int near(double got, double want, double tol)
{
	return fabs(got - want) <= tol * fabs(want);
}

/* ---- JSON fields ---- */

static double jnum(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* ---- the sample data (data/) ---- */

/* Absolute path of data/<sub> in out; fails the test with a
 * message (and returns 0) when it is not there. */
static int sample_dir(const char *sub, char *out, size_t n)
{
	char rel[1024];
	snprintf(rel, sizeof rel, "%s/data/%s", PEL_SOURCE_DIR, sub);
	char abs[PATH_MAX];
	struct stat st;
	int ok = realpath(rel, abs) && !stat(abs, &st) && S_ISDIR(st.st_mode);
	CHECK(ok, "%s: expected the sample data (the folder data/ of the source tree), "
		  "found none: %s",
	      rel, strerror(errno));
	if (ok)
		snprintf(out, n, "%s", abs);
	return ok;
}

/* Sorted names of the regular files in dir whose names end with suffix
 * (NULL-terminated; free with free_list). */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	*n = 0;
	char **v = calloc(1, sizeof *v);
	DIR *d = opendir(dir);
	if (!d)
		return v;
	size_t ls = strlen(suffix);
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len <= ls || strcmp(e->d_name + len - ls, suffix))
			continue;
		char path[2048];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		v = realloc(v, (*n + 2) * sizeof *v);
		v[(*n)++] = strdup(e->d_name);
		v[*n] = NULL;
	}
	closedir(d);
	qsort(v, *n, sizeof *v, pel_t_cmp_str);
	return v;
}

static void free_list(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

/* ---- DAG helpers ---- */

static const char *kind_of(const pel_dag *g, pel_task_id t)
{
	return g->kind_names[g->kind[t]];
}

static const char *name_of(const pel_dag *g, pel_task_id t)
{
	static char buf[4][64];
	static int i;
	i = (i + 1) % 4;
	return pel_dag_task_name(g, t, buf[i], sizeof buf[i]);
}

static uint32_t count_kind(const pel_dag *g, const char *kind)
{
	uint32_t n = 0;
	for (pel_task_id t = 0; t < g->ntasks; t++)
		n += !strcmp(kind_of(g, t), kind);
	return n;
}

/* Whether g is acyclic, by Kahn's algorithm on its edge arrays alone, and
 * whether its topological order is one. */
static int acyclic(const pel_dag *g)
{
	uint32_t n = g->ntasks, *indeg = calloc(n + 1, sizeof *indeg), *queue = calloc(n + 1, sizeof *queue);
	uint32_t head = 0, tail = 0, *pos = calloc(n + 1, sizeof *pos);
	for (uint32_t e = 0; e < g->nedges; e++)
		indeg[g->dst[e]]++;
	for (uint32_t t = 0; t < n; t++)
		if (!indeg[t])
			queue[tail++] = t;
	while (head < tail) {
		uint32_t t = queue[head++];
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++)
			if (!--indeg[g->dst[g->succ[k]]])
				queue[tail++] = g->dst[g->succ[k]];
	}
	int ok = tail == n;
	for (uint32_t i = 0; i < n; i++)
		pos[g->topo[i]] = i;
	for (uint32_t e = 0; ok && e < g->nedges; e++)
		ok = pos[g->src[e]] < pos[g->dst[e]];
	free(indeg);
	free(queue);
	free(pos);
	return ok;
}

static int same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || !memcmp(&a, &b, sizeof a);
}

/* NULL when a and b are the same DAG: tasks in order with their names,
 * kinds (by name), work and release times (NULL = 0); edges in order with
 * their ends, bytes and explicit times; explicit costs in order.  Else
 * what differs. */
static const char *dag_diff(const pel_dag *a, const pel_dag *b)
{
	static char why[256];
	if (a->ntasks != b->ntasks || a->nedges != b->nedges) {
		snprintf(why, sizeof why, "%u tasks, %u edges vs %u tasks, %u edges", a->ntasks, a->nedges,
			 b->ntasks, b->nedges);
		return why;
	}
	for (uint32_t t = 0; t < a->ntasks; t++) {
		if (strcmp(name_of(a, t), name_of(b, t))) {
			snprintf(why, sizeof why, "name of task %u: '%s' vs '%s'", t, name_of(a, t), name_of(b, t));
			return why;
		}
		if (strcmp(kind_of(a, t), kind_of(b, t)) || !same_double(a->work[t], b->work[t])) {
			snprintf(why, sizeof why, "kind or work of task %u: %s %.17g vs %s %.17g", t, kind_of(a, t),
				 a->work[t], kind_of(b, t), b->work[t]);
			return why;
		}
		double ra = a->release ? a->release[t] : 0, rb = b->release ? b->release[t] : 0;
		if (!same_double(ra, rb)) {
			snprintf(why, sizeof why, "release of task %u: %.17g vs %.17g", t, ra, rb);
			return why;
		}
	}
	for (uint32_t e = 0; e < a->nedges; e++) {
		double ca = a->comm ? a->comm[e] : NAN, cb = b->comm ? b->comm[e] : NAN;
		if (a->src[e] != b->src[e] || a->dst[e] != b->dst[e] || !same_double(a->bytes[e], b->bytes[e]) ||
		    !same_double(ca, cb)) {
			snprintf(why, sizeof why, "edge %u", e);
			return why;
		}
	}
	if (a->ncosts != b->ncosts)
		return "explicit cost count";
	for (size_t c = 0; c < a->ncosts; c++)
		if (a->costs[c].task != b->costs[c].task || strcmp(a->costs[c].key, b->costs[c].key) ||
		    !same_double(a->costs[c].time, b->costs[c].time)) {
			snprintf(why, sizeof why, "explicit cost %zu", c);
			return why;
		}
	return NULL;
}

/* Checks that g's edges are exactly the "src->dst" names in want (in any
 * order), n of them. */
static void check_edges(const pel_dag *g, const char *what, const char *const *want, size_t n)
{
	CHECK(g->nedges == n, "%s: expected %zu edges, found %u", what, n, g->nedges);
	char **got = calloc(g->nedges + 1, sizeof *got);
	for (uint32_t e = 0; e < g->nedges; e++) {
		char buf[160];
		snprintf(buf, sizeof buf, "%s->%s", name_of(g, g->src[e]), name_of(g, g->dst[e]));
		got[e] = strdup(buf);
	}
	qsort(got, g->nedges, sizeof *got, pel_t_cmp_str);
	for (size_t i = 0; i < n; i++) {
		int found = bsearch(&want[i], got, g->nedges, sizeof *got, pel_t_cmp_str) != NULL;
		CHECK(found, "%s: expected the edge %s, found none", what, want[i]);
	}
	for (uint32_t e = 0; e + 1 < g->nedges; e++)
		CHECK(strcmp(got[e], got[e + 1]), "%s: expected each edge once, found %s twice", what, got[e]);
	for (uint32_t e = 0; e < g->nedges; e++)
		free(got[e]);
	free(got);
}

/* Loads a scenario (with overrides), failing the check on error. */
static pel_scenario *load_scenario(const char *file, const pel_override *sets, size_t nsets)
{
	pel_scenario *s = NULL;
	char err[1024] = "";
	int rc = pel_scenario_load(file, sets, nsets, &s, err, sizeof err);
	CHECK(rc == 0, "%s: expected the scenario to load, found: %s", file, err);
	return rc ? NULL : s;
}

/* Exports g and imports the file back; returns the copy (NULL on error). */
static pel_dag *export_import(const pel_dag *g, const char *what)
{
	char path[] = "/tmp/pelsim-test-workloads-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	char err[1024] = "";
	int rc = pel_export_dot(g, path, err, sizeof err);
	CHECK(rc == 0, "%s: export: %s", what, err);
	pel_dag *h = rc ? NULL : pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
	CHECK(rc || h, "%s: import of the export: %s", what, err);
	unlink(path);
	return h;
}

/* ---- 1. generators ---------------------------------------------------- */

static pel_dag *layered(uint32_t tasks, double shape, uint64_t seed)
{
	static const char *const kinds[] = { "x", "y", "z" };
	pel_gen_layered p = { .tasks = tasks, .shape = shape, .outdegree = 3, .jump = 2, .work = 5,
			      .bytes = 1000, .spread = 0.5, .kinds = kinds, .nkinds = 3 };
	gsl_rng *r = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&p, r);
	gsl_rng_free(r);
	return g;
}

static void test_layered(void)
{
	static const uint32_t sizes[] = { 1, 2, 7, 100, 1000, 4321 };
	static const double shapes[] = { 0.5, 1, 2 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (size_t j = 0; j < sizeof shapes / sizeof *shapes; j++) {
			pel_dag *g = layered(sizes[i], shapes[j], 1 + i);
			CHECK(g->ntasks == sizes[i], "layered %u tasks, shape %g: found %u tasks", sizes[i],
			      shapes[j], g->ntasks);
			CHECK(acyclic(g), "layered %u tasks, shape %g: expected a DAG", sizes[i], shapes[j]);
			/* kinds round-robin, work and bytes in their bands */
			CHECK(count_kind(g, "x") == (sizes[i] + 2) / 3 && count_kind(g, "z") == sizes[i] / 3,
			      "layered %u tasks: kinds x %u, z %u", sizes[i], count_kind(g, "x"), count_kind(g, "z"));
			int in_band = 1;
			for (pel_task_id t = 0; t < g->ntasks; t++)
				in_band &= g->work[t] >= 2.5 && g->work[t] <= 7.5;
			for (uint32_t e = 0; e < g->nedges; e++)
				in_band &= g->bytes[e] >= 500 && g->bytes[e] <= 1500 && g->src[e] < g->dst[e];
			CHECK(in_band, "layered %u tasks: work in [2.5, 7.5], bytes in [500, 1500], edges forward",
			      sizes[i]);
			pel_dag_free(g);
		}
	/* same seed, same DAG; another seed, another DAG */
	pel_dag *a = layered(500, 1, 42), *b = layered(500, 1, 42), *c = layered(500, 1, 43);
	const char *why = dag_diff(a, b);
	CHECK(!why, "layered: same seed: expected the same DAG, found a difference: %s", why);
	CHECK(dag_diff(a, c) != NULL, "layered: seeds 42 and 43: expected different DAGs, found the same");
	pel_dag_free(a);
	pel_dag_free(b);
	pel_dag_free(c);
}

/* The scenario form draws from the run seed's workload stream: the same
 * DAG as the C API; --set seed changes it, --set workload.tasks sizes it. */
static void test_layered_scenario(void)
{
	const char *file = DATA "gen_layered.yaml";
	pel_scenario *s = load_scenario(file, NULL, 0);
	if (!s)
		return;
	pel_dag *g = layered(300, 1, 3);
	const char *why = dag_diff(s->dag, g);
	CHECK(!why, "%s: expected the DAG of pel_generate_layered with seed 3, found a difference: %s", file, why);
	CHECK(s->dag->ntasks == 300 && acyclic(s->dag), "%s: 300 tasks, acyclic", file);
	pel_override same[] = { { "seed", "3" } }, other[] = { { "seed", "4" } };
	pel_scenario *s3 = load_scenario(file, same, 1), *s4 = load_scenario(file, other, 1);
	if (s3 && s4) {
		CHECK(!dag_diff(s->dag, s3->dag), "%s: --set seed=3 (its own seed): expected the same DAG", file);
		CHECK(dag_diff(s->dag, s4->dag) != NULL, "%s: --set seed=4: expected another DAG, found the same",
		      file);
	}
	pel_scenario_free(s3);
	pel_scenario_free(s4);
	pel_scenario_free(s);
	pel_dag_free(g);

	/* and through pelsim: the same export for the same seed, another for
	 * another seed, and the task count exact */
	char dir[] = "/tmp/pelsim-test-workloads-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char p1[128], p2[128], p3[128];
	snprintf(p1, sizeof p1, "%s/a.dot", dir);
	snprintf(p2, sizeof p2, "%s/b.dot", dir);
	snprintf(p3, sizeof p3, "%s/c.dot", dir);
	pel_t_result r;
	pel_t_run(&r, "dag", file, "--set", "workload.tasks=1234", "--export", p1, "--json");
	if (pel_t_check_ok(&r, "pelsim dag gen_layered.yaml --set workload.tasks=1234")) {
		json_t *o = pel_t_json_line(&r, "pelsim dag gen_layered.yaml --json");
		CHECK(jnum(o, "tasks") == 1234, "gen_layered.yaml with workload.tasks=1234: found %g tasks",
		      jnum(o, "tasks"));
		json_decref(o);
	}
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", file, "--set", "workload.tasks=1234", "--export", p2);
	pel_t_check_ok(&r, "pelsim dag gen_layered.yaml --export (again)");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", file, "--set", "workload.tasks=1234", "--set", "seed=5", "--export", p3);
	pel_t_check_ok(&r, "pelsim dag gen_layered.yaml --set seed=5 --export");
	pel_t_result_free(&r);
	char err[1024];
	pel_dag *a = pel_import(p1, PEL_FMT_DOT, NULL, err, sizeof err);
	pel_dag *b = pel_import(p2, PEL_FMT_DOT, NULL, err, sizeof err);
	pel_dag *c = pel_import(p3, PEL_FMT_DOT, NULL, err, sizeof err);
	CHECK(a && b && c, "gen_layered.yaml exports: expected three DOT files, one failed: %s", err);
	if (a && b && c) {
		CHECK(!dag_diff(a, b), "gen_layered.yaml: same seed twice: expected the same DAG");
		CHECK(dag_diff(a, c) != NULL, "gen_layered.yaml: seeds 3 and 5: expected different DAGs");
		CHECK(c->ntasks == 1234 && acyclic(c), "gen_layered.yaml seed 5: 1234 tasks, acyclic");
	}
	pel_dag_free(a);
	pel_dag_free(b);
	pel_dag_free(c);
	unlink(p1);
	unlink(p2);
	unlink(p3);
	rmdir(dir);
}

/* Statistics of the HEFT paper's model on g (explicit times per device
 * in groups of ndev per task, in task order, and explicit edge times). */
typedef struct {
	int ok_costs;        /* every task has ndev times, each in the band */
	int ok_comm;         /* every edge has a time in [0, 2 ccr work] */
	double ccr;          /* mean edge time / mean device time */
	double mean_w;       /* mean w_i */
	double mean_dev;     /* mean |w_ij / w_i - 1| */
	double mean_range;   /* mean (max_j w_ij - min_j w_ij) / (2 w_i) */
	double max_dev;      /* max |w_ij / w_i - 1| */
} heft_stats;

static heft_stats heft_measure(const pel_dag *g, uint32_t ndev, double beta, double ccr, double work)
{
	heft_stats x = { .ok_costs = g->ncosts == (size_t)g->ntasks * ndev, .ok_comm = g->comm != NULL };
	double sum_cost = 0, sum_comm = 0, sum_w = 0, sum_dev = 0, sum_range = 0;
	size_t ndevs = 0, nranges = 0;
	for (size_t c = 0; x.ok_costs && c < g->ncosts; c += ndev) {
		pel_task_id t = g->costs[c].task;
		double w = g->work[t], lo = INFINITY, hi = -INFINITY;
		sum_w += w;
		for (uint32_t d = 0; d < ndev; d++) {
			const pel_cost *k = &g->costs[c + d];
			x.ok_costs &= k->task == t;
			x.ok_costs &= k->time >= w * (1 - beta / 2) * (1 - 1e-12) &&
				      k->time <= w * (1 + beta / 2) * (1 + 1e-12);
			sum_cost += k->time;
			lo = fmin(lo, k->time);
			hi = fmax(hi, k->time);
			if (w > 0) {
				double dev = fabs(k->time / w - 1);
				sum_dev += dev;
				x.max_dev = fmax(x.max_dev, dev);
				ndevs++;
			}
		}
		if (w > 0) {
			sum_range += (hi - lo) / (2 * w);
			nranges++;
		}
	}
	for (uint32_t e = 0; x.ok_comm && e < g->nedges; e++) {
		x.ok_comm &= g->comm[e] >= 0 && g->comm[e] <= 2 * ccr * work;
		sum_comm += g->comm[e];
	}
	x.ccr = (sum_comm / g->nedges) / (sum_cost / (double)g->ncosts);
	x.mean_w = sum_w / g->ntasks;
	x.mean_dev = sum_dev / (double)ndevs;
	x.mean_range = sum_range / (double)nranges;
	return x;
}

/* Checks the statistics against the laws: w_i ~ U[0, 2 work], w_ij = w_i
 * (1 - beta/2 + beta u) with u ~ U[0, 1), edge time ~ U[0, 2 ccr work].
 * Hence E[w_ij] = E[w_i] = work and E[edge] = ccr work (realised CCR ->
 * ccr); |w_ij / w_i - 1| = beta |u - 1/2| has mean beta/4 and supremum
 * beta/2; the range of ndev times over 2 w_i is beta/2 times the range of
 * ndev uniforms, of mean (ndev - 1)/(ndev + 1). */
static void heft_check(const char *what, const heft_stats *x, uint32_t ndev, double beta, double ccr,
		       double work)
{
	CHECK(x->ok_costs, "%s: expected %u times per task, each in [w_i (1 - beta/2), w_i (1 + beta/2)]", what,
	      ndev);
	CHECK(x->ok_comm, "%s: expected an explicit time in [0, 2 ccr work] on every edge", what);
	CHECK(near(x->ccr, ccr, 0.05), "%s: realised CCR %.4f, expected %g within 5%%", what, x->ccr, ccr);
	CHECK(near(x->mean_w, work, 0.05), "%s: mean w_i %.4f, expected %g within 5%%", what, x->mean_w, work);
	CHECK(near(x->mean_dev, beta / 4, 0.05), "%s: mean |w_ij/w_i - 1| %.4f, expected beta/4 = %g within 5%%",
	      what, x->mean_dev, beta / 4);
	double want = beta / 2 * (ndev - 1) / (ndev + 1);
	CHECK(near(x->mean_range, want, 0.05),
	      "%s: mean (max - min)/(2 w_i) %.4f, expected beta/2 (m-1)/(m+1) = %g within 5%%", what, x->mean_range,
	      want);
	CHECK(x->max_dev <= beta / 2 * (1 + 1e-12) && x->max_dev >= 0.99 * beta / 2,
	      "%s: largest |w_ij/w_i - 1| %.5f, expected just under beta/2 = %g", what, x->max_dev, beta / 2);
}

static void test_layered_heft(void)
{
	static const struct {
		uint32_t ndev;
		double beta, ccr;
	} cases[] = { { 4, 1.0, 0.5 }, { 16, 0.5, 5 }, { 3, 1.9, 1 } };
	static const char *const names[] = { "P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7",
					     "P8", "P9", "P10", "P11", "P12", "P13", "P14", "P15" };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pel_gen_layered p = { .tasks = 5000, .shape = 1, .outdegree = 3, .jump = 1, .work = 20,
				      .devices = names, .ndevices = cases[i].ndev, .beta = cases[i].beta,
				      .ccr = cases[i].ccr };
		gsl_rng *r = pel_rng_stream(100 + i, PEL_STREAM_WORKLOAD);
		pel_dag *g = pel_generate_layered(&p, r);
		gsl_rng_free(r);
		char what[128];
		snprintf(what, sizeof what, "HEFT-paper layered DAG, %u devices, beta %g, ccr %g", cases[i].ndev,
			 cases[i].beta, cases[i].ccr);
		CHECK(g->ntasks == 5000 && acyclic(g), "%s: 5000 tasks, acyclic", what);
		heft_stats x = heft_measure(g, cases[i].ndev, cases[i].beta, cases[i].ccr, 20);
		heft_check(what, &x, cases[i].ndev, cases[i].beta, cases[i].ccr, 20);
		for (size_t c = 0; c < g->ncosts && c < (size_t)cases[i].ndev * 3; c++)
			CHECK(!strcmp(g->costs[c].key, names[c % cases[i].ndev]),
			      "%s: cost %zu keyed '%s', expected '%s'", what, c, g->costs[c].key,
			      names[c % cases[i].ndev]);
		pel_dag_free(g);
	}

	/* the scenario form: times on every device of the platform; `pelsim
	 * dag` reports the CCR the model sees */
	const char *file = DATA "gen_heft.yaml";
	pel_scenario *s = load_scenario(file, NULL, 0);
	if (s) {
		CHECK(s->dag->ntasks == 5000 && acyclic(s->dag), "%s: 5000 tasks, acyclic", file);
		heft_stats x = heft_measure(s->dag, 4, 1.0, 0.5, 20);
		heft_check(file, &x, 4, 1.0, 0.5, 20);
		pel_dag_summary sum;
		pel_dag_stats(s->dag, s->model, &sum);
		CHECK(near(sum.ccr, 0.5, 0.05), "%s: pel_dag_stats CCR %.4f, expected 0.5 within 5%%", file, sum.ccr);
		pel_scenario_free(s);
	}
	pel_t_result r;
	pel_t_run(&r, "dag", file, "--set", "workload.ccr=2", "--set", "workload.beta=0.25", "--json");
	if (pel_t_check_ok(&r, "pelsim dag gen_heft.yaml --set workload.ccr=2")) {
		json_t *o = pel_t_json_line(&r, "pelsim dag gen_heft.yaml --json");
		CHECK(near(jnum(o, "ccr"), 2, 0.05) && jnum(o, "tasks") == 5000,
		      "pelsim dag gen_heft.yaml, ccr 2: found CCR %g, %g tasks", jnum(o, "ccr"), jnum(o, "tasks"));
		json_decref(o);
	}
	pel_t_result_free(&r);
}

static void test_cholesky(void)
{
	for (uint32_t T = 1; T <= 9; T++) {
		pel_dag *g = pel_generate_cholesky(T, 32);
		double b3 = 32.0 * 32 * 32;
		CHECK(g->ntasks == T * (T + 1) * (T + 2) / 6, "Cholesky T=%u: %u tasks, expected T(T+1)(T+2)/6", T,
		      g->ntasks);
		CHECK(count_kind(g, "potrf") == T && count_kind(g, "trsm") == T * (T - 1) / 2 &&
			      count_kind(g, "syrk") == T * (T - 1) / 2 &&
			      count_kind(g, "gemm") == T * (T - 1) * (T - 2) / 6,
		      "Cholesky T=%u: potrf %u, trsm %u, syrk %u, gemm %u", T, count_kind(g, "potrf"),
		      count_kind(g, "trsm"), count_kind(g, "syrk"), count_kind(g, "gemm"));
		CHECK(acyclic(g), "Cholesky T=%u: expected a DAG", T);
		int ok = 1;
		for (pel_task_id t = 0; t < g->ntasks; t++) {
			const char *k = kind_of(g, t);
			double want = !strcmp(k, "potrf") ? b3 / 3 : !strcmp(k, "gemm") ? 2 * b3 : b3;
			ok &= g->work[t] == want;
		}
		for (uint32_t e = 0; e < g->nedges; e++)
			ok &= g->bytes[e] == 8.0 * 32 * 32;
		CHECK(ok, "Cholesky T=%u: kernel flop and tile bytes", T);
		pel_dag_summary x;
		pel_dag_stats(g, NULL, &x);
		CHECK(x.entries == 1 && x.exits == 1, "Cholesky T=%u: one entry (potrf_0), one exit (potrf_%u)", T,
		      T - 1);
		pel_dag_free(g);
	}
	pel_dag *g = pel_generate_cholesky(2, 4);
	static const char *const e2[] = { "potrf_0->trsm_1_0", "trsm_1_0->syrk_1_0", "syrk_1_0->potrf_1" };
	check_edges(g, "Cholesky T=2", e2, 3);
	pel_dag_free(g);
	g = pel_generate_cholesky(3, 4);
	static const char *const e3[] = {
		"potrf_0->trsm_1_0", "potrf_0->trsm_2_0", "trsm_1_0->syrk_1_0", "trsm_2_0->syrk_2_0",
		"trsm_1_0->gemm_2_1_0", "trsm_2_0->gemm_2_1_0", "syrk_1_0->potrf_1", "potrf_1->trsm_2_1",
		"gemm_2_1_0->trsm_2_1", "trsm_2_1->syrk_2_1", "syrk_2_0->syrk_2_1", "syrk_2_1->potrf_2",
	};
	check_edges(g, "Cholesky T=3", e3, sizeof e3 / sizeof *e3);
	pel_dag_free(g);
}

static void test_lu_qr(void)
{
	for (uint32_t T = 1; T <= 9; T++) {
		uint32_t n = T * (T + 1) * (2 * T + 1) / 6, sq = (T - 1) * T * (2 * T - 1) / 6;
		pel_dag *g = pel_generate_lu(T, 16);
		CHECK(g->ntasks == n, "LU T=%u: %u tasks, expected T(T+1)(2T+1)/6 = %u", T, g->ntasks, n);
		CHECK(count_kind(g, "getrf") == T && count_kind(g, "trsm") == T * (T - 1) &&
			      count_kind(g, "gemm") == sq,
		      "LU T=%u: getrf %u, trsm %u, gemm %u", T, count_kind(g, "getrf"), count_kind(g, "trsm"),
		      count_kind(g, "gemm"));
		CHECK(acyclic(g), "LU T=%u: expected a DAG", T);
		pel_dag_free(g);
		g = pel_generate_qr(T, 16);
		CHECK(g->ntasks == n, "QR T=%u: %u tasks, expected T(T+1)(2T+1)/6 = %u", T, g->ntasks, n);
		CHECK(count_kind(g, "geqrt") == T && count_kind(g, "unmqr") == T * (T - 1) / 2 &&
			      count_kind(g, "tsqrt") == T * (T - 1) / 2 && count_kind(g, "tsmqr") == sq,
		      "QR T=%u: geqrt %u, unmqr %u, tsqrt %u, tsmqr %u", T, count_kind(g, "geqrt"),
		      count_kind(g, "unmqr"), count_kind(g, "tsqrt"), count_kind(g, "tsmqr"));
		CHECK(acyclic(g), "QR T=%u: expected a DAG", T);
		/* kernel flop: geqrt 4/3, unmqr 2, tsqrt 2, tsmqr 4 nb^3 */
		double b3 = 16.0 * 16 * 16;
		int ok = 1;
		for (pel_task_id t = 0; t < g->ntasks; t++) {
			const char *k = kind_of(g, t);
			double want = !strcmp(k, "geqrt") ? 4 * b3 / 3 : !strcmp(k, "tsmqr") ? 4 * b3 : 2 * b3;
			ok &= g->work[t] == want;
		}
		CHECK(ok, "QR T=%u: kernel flop", T);
		pel_dag_free(g);
	}
	/* T = 2 by hand: LU reads the diagonal tile in both trsm, gemm
	 * updates (1,1) from both panels, getrf_1 factors it */
	pel_dag *g = pel_generate_lu(2, 4);
	static const char *const lu2[] = { "getrf_0->trsm_1_0", "getrf_0->trsm_0_1", "trsm_1_0->gemm_1_1_0",
					   "trsm_0_1->gemm_1_1_0", "gemm_1_1_0->getrf_1" };
	check_edges(g, "LU T=2", lu2, 5);
	pel_dag_free(g);
	g = pel_generate_qr(2, 4);
	static const char *const qr2[] = { "geqrt_0->unmqr_0_1", "geqrt_0->tsqrt_1_0", "tsqrt_1_0->tsmqr_1_1_0",
					   "unmqr_0_1->tsmqr_1_1_0", "tsmqr_1_1_0->geqrt_1" };
	check_edges(g, "QR T=2", qr2, 5);
	pel_dag_free(g);
}

static void test_forkjoin(void)
{
	static const uint32_t cases[][2] = { { 1, 1 }, { 1, 5 }, { 3, 6 }, { 10, 2 } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t ph = cases[i][0], w = cases[i][1];
		pel_dag *g = pel_generate_forkjoin(ph, w, 2, 10);
		CHECK(g->ntasks == ph * (w + 1) + 1 && g->nedges == 2 * ph * w,
		      "fork-join %u x %u: %u tasks, %u edges; expected %u and %u", ph, w, g->ntasks, g->nedges,
		      ph * (w + 1) + 1, 2 * ph * w);
		CHECK(count_kind(g, "fork") == ph + 1 && count_kind(g, "body") == ph * w,
		      "fork-join %u x %u: fork %u, body %u", ph, w, count_kind(g, "fork"), count_kind(g, "body"));
		pel_dag_summary x;
		pel_dag_stats(g, NULL, &x);
		CHECK(acyclic(g) && x.depth == 2 * ph + 1 && x.width == w && x.entries == 1 &&
			      x.exits == 1 && x.critical_path == 2.0 * (2 * ph + 1),
		      "fork-join %u x %u: depth %u, width %u, entries %u, exits %u, critical path %g", ph, w, x.depth,
		      x.width, x.entries, x.exits, x.critical_path);
		int ok = 1;
		for (pel_task_id t = 0; t < g->ntasks; t++)
			if (!strcmp(kind_of(g, t), "body"))
				ok &= pel_dag_npred(g, t) == 1 && pel_dag_nsucc(g, t) == 1;
		CHECK(ok, "fork-join %u x %u: every body task between one fork and one join", ph, w);
		pel_dag_free(g);
	}
}

static void test_fft(void)
{
	for (uint32_t lg = 1; lg <= 8; lg++) {
		uint32_t points = 1u << lg;
		pel_dag *g = pel_generate_fft(points, 1, 8);
		CHECK(g->ntasks == points * (lg + 1) && g->nedges == 2 * points * lg,
		      "FFT %u points: %u tasks, %u edges; expected points (log2 points + 1) = %u and %u", points,
		      g->ntasks, g->nedges, points * (lg + 1), 2 * points * lg);
		CHECK(count_kind(g, "input") == points && count_kind(g, "butterfly") == points * lg,
		      "FFT %u points: input %u, butterfly %u", points, count_kind(g, "input"),
		      count_kind(g, "butterfly"));
		int ok = acyclic(g);
		for (uint32_t s = 0; s <= lg; s++)
			for (uint32_t i = 0; i < points; i++) {
				pel_task_id t = s * points + i;
				if (!s) {
					ok &= pel_dag_npred(g, t) == 0;
					continue;
				}
				/* exactly two in-edges: (s-1, i) and (s-1, i xor 2^(s-1)) */
				ok &= pel_dag_npred(g, t) == 2;
				uint32_t a = g->src[g->pred[g->pred_off[t]]], b = g->src[g->pred[g->pred_off[t] + 1]];
				uint32_t x = (s - 1) * points + i, y = (s - 1) * points + (i ^ (1u << (s - 1)));
				ok &= (a == x && b == y) || (a == y && b == x);
			}
		CHECK(ok, "FFT %u points: every butterfly (s, i) reads (s-1, i) and (s-1, i xor 2^(s-1))", points);
		pel_dag_summary x;
		pel_dag_stats(g, NULL, &x);
		CHECK(x.depth == lg + 1 && x.width == points, "FFT %u points: depth %u, width %u", points, x.depth,
		      x.width);
		pel_dag_free(g);
	}
}

static void test_stencil(void)
{
	static const uint32_t cases[][2] = { { 1, 1 }, { 1, 9 }, { 7, 11 }, { 30, 20 }, { 64, 64 } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t rows = cases[i][0], cols = cases[i][1];
		pel_dag *g = pel_generate_stencil(rows, cols, 2, 8);
		uint32_t edges = rows * (cols - 1) + cols * (rows - 1);
		CHECK(g->ntasks == rows * cols && g->nedges == edges,
		      "stencil %u x %u: %u tasks, %u edges; expected %u and %u", rows, cols, g->ntasks, g->nedges,
		      rows * cols, edges);
		pel_dag_summary x;
		pel_dag_stats(g, NULL, &x);
		uint32_t w = rows < cols ? rows : cols;
		CHECK(acyclic(g) && x.depth == rows + cols - 1 && x.width == w && x.entries == 1 && x.exits == 1 &&
			      x.critical_path == 2.0 * (rows + cols - 1),
		      "stencil %u x %u: depth %u (expected the wavefront rows+cols-1 = %u), width %u (expected %u), "
		      "critical path %g",
		      rows, cols, x.depth, rows + cols - 1, x.width, w, x.critical_path);
		pel_dag_free(g);
	}
}

static void test_mapreduce(void)
{
	static const uint32_t cases[][2] = { { 1, 1 }, { 9, 4 }, { 100, 7 } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t m = cases[i][0], r = cases[i][1];
		pel_dag *g = pel_generate_mapreduce(m, r, 3, 5, 10);
		CHECK(g->ntasks == m + r && g->nedges == m * r && count_kind(g, "map") == m &&
			      count_kind(g, "reduce") == r,
		      "MapReduce %u x %u: %u tasks, %u edges; expected %u and maps x reduces = %u", m, r, g->ntasks,
		      g->nedges, m + r, m * r);
		pel_dag_summary x;
		pel_dag_stats(g, NULL, &x);
		int ok = acyclic(g) && x.depth == 2 && x.entries == m && x.exits == r && x.critical_path == 8 &&
			 x.total_work == 3.0 * m + 5.0 * r && x.total_bytes == 10.0 * m * r;
		for (pel_task_id t = m; t < m + r; t++)
			ok &= pel_dag_npred(g, t) == m;
		CHECK(ok, "MapReduce %u x %u: depth %u, entries %u, exits %u, every reduce reads every map", m, r,
		      x.depth, x.entries, x.exits);
		pel_dag_free(g);
	}
}

/* One family's pel_size_* against the DAG it generates: the exact counts,
 * and arrays reserved to exactly that size (nothing reserved for a worst
 * case, nothing grown past it). */
static void check_size_exact(const char *what, pel_dag_size s, pel_dag *g)
{
	CHECK(s.tasks == g->ntasks && s.edges == g->nedges,
	      "%s: pel_size gives %llu tasks, %llu edges; the generator made %u and %u", what,
	      (unsigned long long)s.tasks, (unsigned long long)s.edges, g->ntasks, g->nedges);
	CHECK(g->cap_tasks == g->ntasks && g->cap_edges == g->nedges,
	      "%s: reserved %zu tasks, %zu edges for %u and %u", what, g->cap_tasks, g->cap_edges, g->ntasks,
	      g->nedges);
	pel_dag_free(g);
}

static void test_sizes(void)
{
	char what[64];
	for (uint32_t T = 1; T <= 12; T++) {
		snprintf(what, sizeof what, "Cholesky T=%u", T);
		check_size_exact(what, pel_size_cholesky(T), pel_generate_cholesky(T, 8));
		snprintf(what, sizeof what, "LU T=%u", T);
		check_size_exact(what, pel_size_lu(T), pel_generate_lu(T, 8));
		snprintf(what, sizeof what, "QR T=%u", T);
		check_size_exact(what, pel_size_qr(T), pel_generate_qr(T, 8));
	}
	static const uint32_t two[][2] = { { 1, 1 }, { 1, 9 }, { 7, 11 }, { 30, 20 } };
	for (size_t i = 0; i < sizeof two / sizeof *two; i++) {
		uint32_t a = two[i][0], b = two[i][1];
		snprintf(what, sizeof what, "fork-join %u x %u", a, b);
		check_size_exact(what, pel_size_forkjoin(a, b), pel_generate_forkjoin(a, b, 1, 1));
		snprintf(what, sizeof what, "stencil %u x %u", a, b);
		check_size_exact(what, pel_size_stencil(a, b), pel_generate_stencil(a, b, 1, 1));
		snprintf(what, sizeof what, "MapReduce %u x %u", a, b);
		check_size_exact(what, pel_size_mapreduce(a, b), pel_generate_mapreduce(a, b, 1, 1, 1));
	}
	for (uint32_t points = 1; points <= 256; points *= 2) {
		snprintf(what, sizeof what, "FFT %u points", points);
		check_size_exact(what, pel_size_fft(points), pel_generate_fft(points, 1, 1));
	}
	pel_gen_stream st = { .tasks = 77, .arrival = PEL_ARRIVAL_FIXED, .rate = { 1, 0 }, .mean = 1 };
	gsl_rng *a = pel_rng_stream(1, PEL_STREAM_ARRIVAL), *z = pel_rng_stream(1, PEL_STREAM_WORKLOAD);
	check_size_exact("stream of 77", pel_size_stream(&st), pel_generate_stream(&st, a, z));
	gsl_rng_free(a);
	gsl_rng_free(z);

	/* the sizes the fuzzing campaign reached, counted without wrapping */
	CHECK(pel_size_cholesky(2000).tasks == 1335334000ull, "Cholesky 2000 tiles: %llu tasks",
	      (unsigned long long)pel_size_cholesky(2000).tasks);
	CHECK(pel_size_forkjoin(100000, 100000).tasks == 10000100001ull &&
		      pel_size_forkjoin(100000, 100000).edges == 20000000000ull,
	      "fork-join 1e5 x 1e5: %llu tasks", (unsigned long long)pel_size_forkjoin(100000, 100000).tasks);
	CHECK(pel_size_forkjoin(UINT32_MAX, UINT32_MAX).edges == UINT64_MAX &&
		      pel_size_cholesky(UINT32_MAX).tasks == UINT64_MAX && pel_size_lu(UINT32_MAX).tasks == UINT64_MAX &&
		      pel_size_stencil(UINT32_MAX, UINT32_MAX).edges == UINT64_MAX,
	      "counts past 64 bits: expected UINT64_MAX (saturated), found a wrapped count");
	CHECK(pel_size_mul(UINT64_MAX / 2, 3) == UINT64_MAX && pel_size_add(UINT64_MAX - 1, 2) == UINT64_MAX &&
		      pel_size_mul(0, UINT64_MAX) == 0 && pel_size_mul(1u << 20, 1u << 20) == 1ull << 40,
	      "saturating arithmetic");

	/* the verdicts, in their order: tasks, edges, memory */
	pel_dag_size ok = { 1000, 3000, 0, 0 }, tasks = { PEL_MAX_TASKS + 1ull, 0, 0, 0 };
	pel_dag_size edges = { 10, PEL_MAX_EDGES + 1ull, 0, 0 }, big = { UINT64_MAX, UINT64_MAX, 0, 1 };
	CHECK(pel_size_check(&ok, UINT64_MAX) == PEL_SIZE_OK && pel_size_check(&tasks, UINT64_MAX) == PEL_SIZE_TASKS &&
		      pel_size_check(&edges, UINT64_MAX) == PEL_SIZE_EDGES &&
		      pel_size_check(&big, UINT64_MAX) == PEL_SIZE_TASKS &&
		      pel_size_check(&ok, pel_size_bytes(&ok) - 1) == PEL_SIZE_MEMORY &&
		      pel_size_check(&ok, pel_size_bytes(&ok)) == PEL_SIZE_OK,
	      "pel_size_check: the limits and the memory, in that order");
	pel_dag_size named = ok, costs = ok;
	named.named = 1;
	costs.costs = 10;
	CHECK(pel_size_bytes(&named) > pel_size_bytes(&ok) && pel_size_bytes(&costs) > pel_size_bytes(&ok) &&
		      pel_size_bytes(&big) == UINT64_MAX,
	      "pel_size_bytes: names and explicit times count; saturates");
}

/* Layered with an out-degree far above what its levels allow: the edges
 * stay within pel_size_layered's bound and the arrays grow with them
 * (tasks x outdegree would be 20 billion edges). */
static void test_layered_sizes(void)
{
	pel_gen_layered p = { .tasks = 2000, .shape = 1, .outdegree = 1e6, .jump = 1, .work = 1, .spread = 0 };
	pel_dag_size s = pel_size_layered(&p);
	CHECK(s.tasks == 2000 && s.edges < 2000ull * 100 && s.costs == 0,
	      "layered 2000 tasks, out-degree 1e6: expected at most 2000 x (2 sqrt(2000) - 1) edges, found %llu",
	      (unsigned long long)s.edges);
	gsl_rng *r = pel_rng_stream(7, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&p, r);
	gsl_rng_free(r);
	CHECK(g->nedges <= s.edges && g->nedges > 0 && g->cap_edges <= 2 * (size_t)g->nedges + 16,
	      "layered, out-degree 1e6: %u edges (bound %llu), %zu reserved", g->nedges, (unsigned long long)s.edges,
	      g->cap_edges);
	/* successors distinct */
	int distinct = 1;
	for (pel_task_id t = 0; t < g->ntasks; t++)
		for (uint32_t i = g->succ_off[t]; i + 1 < g->succ_off[t + 1]; i++)
			distinct &= g->dst[g->succ[i]] != g->dst[g->succ[i + 1]];
	CHECK(distinct, "layered, out-degree 1e6: every task's successors distinct");
	pel_dag_free(g);
	/* one level reaching all later tasks: at most tasks - 1 successors */
	p.tasks = 50;
	p.jump = 1000000;
	s = pel_size_layered(&p);
	CHECK(s.edges == 50 * 49, "layered 50 tasks, any jump: expected at most 50 x 49 edges, found %llu",
	      (unsigned long long)s.edges);
	p.tasks = PEL_MAX_TASKS;
	p.shape = 1e6;
	p.ndevices = 64;
	s = pel_size_layered(&p);
	CHECK(s.costs == 64ull * PEL_MAX_TASKS && s.edges == (uint64_t)PEL_MAX_TASKS * 1999999,
	      "layered 1e8 tasks on 64 devices: %llu explicit times, %llu edges", (unsigned long long)s.costs,
	      (unsigned long long)s.edges);
}

/* Each generator scenario gives the DAG of the C API with the same
 * parameters, and `pelsim dag` counts it. */
static void test_family_scenarios(void)
{
	static const char *const stream_kinds = "job";
	struct {
		const char *file;
		pel_dag *want;
	} cases[] = {
		{ "gen_cholesky.yaml", pel_generate_cholesky(5, 64) },
		{ "gen_lu.yaml", pel_generate_lu(5, 64) },
		{ "gen_qr.yaml", pel_generate_qr(5, 64) },
		{ "gen_forkjoin.yaml", pel_generate_forkjoin(3, 6, 2, 10) },
		{ "gen_fft.yaml", pel_generate_fft(16, 2, 10) },
		{ "gen_stencil.yaml", pel_generate_stencil(7, 11, 2, 10) },
		{ "gen_mapreduce.yaml", pel_generate_mapreduce(9, 4, 3, 5, 10) },
		{ "gen_stream.yaml", NULL },
	};
	pel_gen_stream sp = { .tasks = 2000, .arrival = PEL_ARRIVAL_MMPP, .rate = { 4, 0.5 },
			      .switch_rate = { 0.2, 0.1 }, .size = PEL_SIZE_LOGNORMAL, .mean = 0.5, .sigma = 1,
			      .kind = stream_kinds };
	gsl_rng *ra = pel_rng_stream(3, PEL_STREAM_ARRIVAL), *rs = pel_rng_stream(3, PEL_STREAM_WORKLOAD);
	cases[7].want = pel_generate_stream(&sp, ra, rs);
	gsl_rng_free(ra);
	gsl_rng_free(rs);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char file[256];
		snprintf(file, sizeof file, DATA "%s", cases[i].file);
		pel_scenario *s = load_scenario(file, NULL, 0);
		if (s) {
			const char *why = dag_diff(s->dag, cases[i].want);
			CHECK(!why, "%s: expected the DAG of the C API, found a difference: %s", file, why);
		}
		pel_scenario_free(s);
		pel_t_result r;
		pel_t_run(&r, "dag", file, "--json");
		if (pel_t_check_ok(&r, file)) {
			json_t *o = pel_t_json_line(&r, file);
			CHECK(jnum(o, "tasks") == cases[i].want->ntasks && jnum(o, "edges") == cases[i].want->nedges,
			      "pelsim dag %s: %g tasks, %g edges; expected %u and %u", file, jnum(o, "tasks"),
			      jnum(o, "edges"), cases[i].want->ntasks, cases[i].want->nedges);
			json_decref(o);
		}
		pel_t_result_free(&r);
		pel_t_run(&r, "run", file, "--policy", "heft,eager", "--check");
		pel_t_check_ok(&r, file);
		pel_t_result_free(&r);
		pel_dag_free(cases[i].want);
	}
}

static pel_dag *stream(const pel_gen_stream *p, uint64_t seed)
{
	gsl_rng *ra = pel_rng_stream(seed, PEL_STREAM_ARRIVAL), *rs = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_stream(p, ra, rs);
	gsl_rng_free(ra);
	gsl_rng_free(rs);
	return g;
}

/* Arrival rate (tasks over the last release) and mean size of a stream;
 * checks the stream's shape on the way. */
static void stream_measure(const pel_dag *g, const char *what, double *rate, double *mean, double *lo,
			   double *hi)
{
	int ok = g->release && g->nedges == 0;
	double sum = 0, prev = 0;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (pel_task_id t = 0; ok && t < g->ntasks; t++) {
		ok &= g->release[t] >= prev;
		prev = g->release[t];
		sum += g->work[t];
		*lo = fmin(*lo, g->work[t]);
		*hi = fmax(*hi, g->work[t]);
	}
	CHECK(ok, "%s: expected independent tasks with release times in order", what);
	*rate = ok ? g->ntasks / g->release[g->ntasks - 1] : NAN;
	*mean = sum / g->ntasks;
}

/* Mean of the Pareto law of shape a truncated to [L, H] (a != 1). */
static double bounded_pareto_mean(double a, double L, double H)
{
	return pow(L, a) / (1 - pow(L / H, a)) * a / (a - 1) * (1 / pow(L, a - 1) - 1 / pow(H, a - 1));
}

static void test_streams(void)
{
	const uint32_t n = 100000;
	double rate, mean, lo, hi;
	/* Poisson arrivals, exponential sizes */
	pel_gen_stream p = { .tasks = n, .arrival = PEL_ARRIVAL_POISSON, .rate = { 2.5 },
			     .size = PEL_SIZE_EXPONENTIAL, .mean = 0.7 };
	pel_dag *g = stream(&p, 1);
	stream_measure(g, "Poisson / exponential", &rate, &mean, &lo, &hi);
	CHECK(g->ntasks == n && near(rate, 2.5, 0.02) && near(mean, 0.7, 0.02) && lo >= 0,
	      "Poisson rate 2.5, exponential mean 0.7: measured rate %.4f, mean %.4f on %u tasks", rate, mean,
	      g->ntasks);
	/* inter-arrival times: exponential, so their standard deviation is
	 * their mean */
	double s1 = 0, s2 = 0;
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		double dt = g->release[t] - (t ? g->release[t - 1] : 0);
		s1 += dt;
		s2 += dt * dt;
	}
	double m1 = s1 / n, sd = sqrt(s2 / n - m1 * m1);
	CHECK(near(sd, m1, 0.03), "Poisson arrivals: inter-arrival sd %.4f, expected the mean %.4f", sd, m1);
	/* same seed, same stream; another seed, another */
	pel_dag *same = stream(&p, 1), *other = stream(&p, 2);
	const char *why = dag_diff(g, same);
	CHECK(!why, "stream: same seed: expected the same stream, found a difference: %s", why);
	CHECK(dag_diff(g, other) != NULL, "stream: seeds 1 and 2: expected different streams");
	pel_dag_free(same);
	pel_dag_free(other);
	pel_dag_free(g);

	/* bounded Pareto */
	p.size = PEL_SIZE_PARETO;
	p.alpha = 1.5;
	p.lo = 1;
	p.hi = 1000;
	g = stream(&p, 3);
	stream_measure(g, "bounded Pareto", &rate, &mean, &lo, &hi);
	double want = bounded_pareto_mean(1.5, 1, 1000);
	CHECK(near(mean, want, 0.03) && lo >= 1 && hi <= 1000,
	      "Pareto alpha 1.5 on [1, 1000]: mean %.4f, expected %.4f within 3%%; sizes in [%g, %g]", mean, want, lo,
	      hi);
	pel_dag_free(g);
	p.alpha = 2.5;
	p.hi = 1e4;
	g = stream(&p, 4);
	stream_measure(g, "bounded Pareto", &rate, &mean, &lo, &hi);
	want = bounded_pareto_mean(2.5, 1, 1e4);
	CHECK(near(mean, want, 0.02), "Pareto alpha 2.5 on [1, 1e4]: mean %.4f, expected %.4f within 2%%", mean,
	      want);
	pel_dag_free(g);

	/* lognormal with the given mean */
	p.size = PEL_SIZE_LOGNORMAL;
	p.mean = 3;
	p.sigma = 1;
	g = stream(&p, 5);
	stream_measure(g, "lognormal", &rate, &mean, &lo, &hi);
	CHECK(near(mean, 3, 0.03) && lo > 0, "lognormal mean 3, sigma 1: mean %.4f", mean);
	pel_dag_free(g);

	/* MMPP: the long-run rate is the stationary mix of the two rates;
	 * the chain leaves state s at rate switch[s], so
	 * pi0 = switch[1] / (switch[0] + switch[1]) */
	p = (pel_gen_stream){ .tasks = n, .arrival = PEL_ARRIVAL_MMPP, .rate = { 10, 1 },
			      .switch_rate = { 1, 2 }, .size = PEL_SIZE_CONSTANT, .mean = 1 };
	g = stream(&p, 6);
	stream_measure(g, "MMPP", &rate, &mean, &lo, &hi);
	double pi0 = p.switch_rate[1] / (p.switch_rate[0] + p.switch_rate[1]);
	want = pi0 * p.rate[0] + (1 - pi0) * p.rate[1];
	CHECK(near(rate, want, 0.03) && mean == 1 && lo == 1 && hi == 1,
	      "MMPP rates (10, 1), switch (1, 2): measured rate %.4f, expected pi0 r0 + pi1 r1 = %.4f within 3%%",
	      rate, want);
	/* bursty: inter-arrival times vary more than exponential ones */
	s1 = s2 = 0;
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		double dt = g->release[t] - (t ? g->release[t - 1] : 0);
		s1 += dt;
		s2 += dt * dt;
	}
	m1 = s1 / n;
	sd = sqrt(s2 / n - m1 * m1);
	CHECK(sd > 1.05 * m1, "MMPP: expected a coefficient of variation above 1, found %.3f", sd / m1);
	same = stream(&p, 6);
	CHECK(!dag_diff(g, same), "MMPP: same seed: expected the same stream");
	pel_dag_free(same);
	pel_dag_free(g);
	p.switch_rate[0] = 0.25;
	p.switch_rate[1] = 0.75;
	g = stream(&p, 7);
	stream_measure(g, "MMPP", &rate, &mean, &lo, &hi);
	want = 0.75 * 10 + 0.25 * 1;
	CHECK(near(rate, want, 0.03), "MMPP rates (10, 1), switch (0.25, 0.75): rate %.4f, expected %.4f", rate,
	      want);
	pel_dag_free(g);

	/* deterministic arrivals */
	p = (pel_gen_stream){ .tasks = 1000, .arrival = PEL_ARRIVAL_FIXED, .rate = { 4 },
			      .size = PEL_SIZE_CONSTANT, .mean = 2 };
	g = stream(&p, 8);
	int ok = 1;
	for (pel_task_id t = 0; t < g->ntasks; t++)
		ok &= fabs(g->release[t] - (t + 1) / 4.0) < 1e-9 && g->work[t] == 2;
	CHECK(ok, "fixed arrivals at rate 4: expected release i/4 and size 2");
	pel_dag_free(g);

	/* through a scenario: the run seed's arrival and workload streams */
	const char *file = DATA "gen_stream.yaml";
	/* MMPP with other rates and switch rates, exponential sizes */
	pel_override mm[] = { { "workload.tasks", "100000" }, { "workload.rates.0", "6" },
			      { "workload.rates.1", "2" }, { "workload.switch.0", "0.5" },
			      { "workload.switch.1", "1.5" }, { "workload.size", "exponential" },
			      { "workload.mean", "0.25" } };
	pel_scenario *s = load_scenario(file, mm, sizeof mm / sizeof *mm);
	if (s) {
		stream_measure(s->dag, file, &rate, &mean, &lo, &hi);
		want = 0.75 * 6 + 0.25 * 2;
		CHECK(s->dag->ntasks == n && near(rate, want, 0.03) && near(mean, 0.25, 0.02) &&
			      !strcmp(kind_of(s->dag, 0), "job"),
		      "%s (MMPP 6/2, switch 0.5/1.5, exponential 0.25): %u tasks, rate %.4f (expected %.4f), mean %.4f",
		      file, s->dag->ntasks, rate, want, mean);
	}
	pel_scenario_free(s);

	/* a trace: one task per line, its time and, where given, its size */
	file = "scenarios/streams/trace.yaml";
	s = load_scenario(file, NULL, 0);
	if (s) {
		const double rel[] = { 0.5, 1.0, 1.0, 2.5 }, size[] = { 2, NAN, 3, 1 };
		int same = s->dag->ntasks == 4;
		for (pel_task_id t = 0; same && t < 4; t++)
			same = s->dag->release[t] == rel[t] &&
			       (isnan(size[t]) ? s->dag->work[t] > 0 : s->dag->work[t] == size[t]);
		CHECK(same, "%s: expected the trace's 4 arrivals (0.5 1 1 2.5) and sizes (2 drawn 3 1)", file);
	}
	pel_scenario_free(s);
}

/* ---- 2. export -> import ---------------------------------------------- */

static void test_round_trips(void)
{
	static const char *const devs[] = { "cpu", "gpu0", "gpu1" };
	pel_gen_layered lit = { .tasks = 400, .shape = 1, .outdegree = 3, .jump = 3, .work = 20,
				.devices = devs, .ndevices = 3, .beta = 1, .ccr = 2 };
	gsl_rng *r = pel_rng_stream(9, PEL_STREAM_WORKLOAD);
	pel_dag *lit_dag = pel_generate_layered(&lit, r);
	gsl_rng_free(r);
	pel_gen_stream ps = { .tasks = 3000, .arrival = PEL_ARRIVAL_POISSON, .rate = { 1.7 },
			      .size = PEL_SIZE_PARETO, .alpha = 1.2, .lo = 0.01, .hi = 1e3 };
	pel_gen_stream pm = { .tasks = 3000, .arrival = PEL_ARRIVAL_MMPP, .rate = { 9, 0.1 },
			      .switch_rate = { 0.3, 0.2 }, .size = PEL_SIZE_LOGNORMAL, .mean = 1e9, .sigma = 2,
			      .kind = "request" };
	struct {
		const char *what;
		pel_dag *g;
	} cases[] = {
		{ "layered", layered(700, 1.5, 8) },
		{ "layered, HEFT-paper mode", lit_dag },
		{ "Cholesky", pel_generate_cholesky(6, 100) },
		{ "LU", pel_generate_lu(6, 100) },
		{ "QR", pel_generate_qr(6, 100) },
		{ "fork-join", pel_generate_forkjoin(5, 7, 1.5e9, 3e6) },
		{ "FFT", pel_generate_fft(64, 1e-3, 1.0 / 3) },
		{ "stencil", pel_generate_stencil(13, 17, 0.1, 1e5) },
		{ "MapReduce", pel_generate_mapreduce(20, 5, 3e9, 7e9, 123456789) },
		{ "stream, Poisson / Pareto", stream(&ps, 10) },
		{ "stream, MMPP / lognormal", stream(&pm, 11) },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pel_dag *h = export_import(cases[i].g, cases[i].what);
		if (h) {
			const char *why = dag_diff(cases[i].g, h);
			CHECK(!why, "%s: export then import: expected the same DAG, found a difference: %s",
			      cases[i].what, why);
		}
		pel_dag_free(h);
		pel_dag_free(cases[i].g);
	}

	/* through pelsim: a generated scenario exported, read back as a DOT
	 * file, is the scenario's DAG */
	static const char *const files[] = { "gen_layered.yaml", "gen_heft.yaml", "gen_cholesky.yaml",
					     "gen_lu.yaml", "gen_qr.yaml", "gen_forkjoin.yaml", "gen_fft.yaml",
					     "gen_stencil.yaml", "gen_mapreduce.yaml", "gen_stream.yaml" };
	char dir[] = "/tmp/pelsim-test-workloads-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char out[128];
	snprintf(out, sizeof out, "%s/out.dot", dir);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char file[256];
		snprintf(file, sizeof file, DATA "%s", files[i]);
		pel_t_result res;
		pel_t_run(&res, "dag", file, "--export", out, "--json");
		if (!pel_t_check_ok(&res, file)) {
			pel_t_result_free(&res);
			continue;
		}
		json_t *a = pel_t_json_line(&res, file);
		pel_t_result_free(&res);
		pel_t_run(&res, "dag", out, "--json");
		json_t *b = pel_t_check_ok(&res, out) ? pel_t_json_line(&res, out) : NULL;
		pel_t_result_free(&res);
		/* the shape is the same; costs differ (the scenario's are
		 * times on its platform, the file's are work) */
		static const char *const keys[] = { "tasks", "edges", "depth", "width", "entries", "exits",
						    "total_work", "total_bytes", "kinds" };
		for (size_t k = 0; a && b && k < sizeof keys / sizeof *keys; k++)
			CHECK(json_equal(json_object_get(a, keys[k]), json_object_get(b, keys[k])),
			      "%s: --export then pelsim dag on the DOT file: '%s' differs", file, keys[k]);
		json_decref(a);
		json_decref(b);
		pel_scenario *s = load_scenario(file, NULL, 0);
		char err[1024] = "";
		pel_dag *h = pel_import(out, PEL_FMT_DOT, NULL, err, sizeof err);
		CHECK(h != NULL, "%s: the export does not read back: %s", file, err);
		if (s && h) {
			const char *why = dag_diff(s->dag, h);
			CHECK(!why, "%s: pelsim dag --export: expected the scenario's DAG, found a difference: %s", file,
			      why);
		}
		pel_dag_free(h);
		pel_scenario_free(s);
		unlink(out);
	}
	rmdir(dir);
}

/* ---- 3. WfCommons instances ------------------------------------------- */

/* Number of tasks the WfFormat file declares (1.5: workflow.specification
 * .tasks, 1.4: workflow.tasks), or -1. */
static long wf_declared_tasks(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	const json_t *w = json_object_get(root, "workflow");
	const json_t *tasks = json_object_get(json_object_get(w, "specification"), "tasks");
	if (!tasks)
		tasks = json_object_get(w, "tasks");
	long n = json_is_array(tasks) ? (long)json_array_size(tasks) : -1;
	json_decref(root);
	return n;
}

static void test_wfcommons(void)
{
	char dir[PATH_MAX];
	if (!sample_dir("wfcommons", dir, sizeof dir))
		return;
	size_t n;
	char **files = list_dir(dir, ".json", &n);
	CHECK(n >= 8, "%s: expected the 8 WfCommons instances, found %zu", dir, n);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX + 256], set[PATH_MAX + 300], what[2 * PATH_MAX + 400];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		snprintf(set, sizeof set, "workload.file=%s", path);
		snprintf(what, sizeof what, "%s --set %s", WF_SCENARIO, set);
		long declared = wf_declared_tasks(path);
		CHECK(declared > 0, "%s: expected a WfFormat file with tasks, found none", path);
		pel_t_result r;
		pel_t_run(&r, "dag", WF_SCENARIO, "--set", set, "--json");
		if (pel_t_check_ok(&r, what)) {
			json_t *o = pel_t_json_line(&r, what);
			CHECK(jnum(o, "tasks") == declared && jnum(o, "edges") > 0 && jnum(o, "critical_path") > 0,
			      "%s: pelsim dag found %g tasks, %g edges, critical path %g; the file declares %ld tasks",
			      files[i], jnum(o, "tasks"), jnum(o, "edges"), jnum(o, "critical_path"), declared);
			json_decref(o);
		}
		pel_t_result_free(&r);
		pel_t_run(&r, "run", WF_SCENARIO, "--set", set, "--policy", "heft,eager", "--check", "--json");
		if (pel_t_check_ok(&r, what)) {
			json_t *all = pel_t_json_lines(&r, what);
			CHECK(json_array_size(all) == 2, "%s: expected one JSON line per policy, found %zu", what,
			      json_array_size(all));
			for (size_t k = 0; k < json_array_size(all) && k < 2; k++) {
				const json_t *o = json_array_get(all, k);
				double ms = jnum(o, "makespan");
				CHECK(!strcmp(jstr(o, "policy"), k ? "eager" : "heft") && jnum(o, "tasks") == declared &&
					      isfinite(ms) && ms > 0,
				      "%s: policy %s: %g tasks, makespan %g", files[i], jstr(o, "policy"),
				      jnum(o, "tasks"), ms);
			}
			json_decref(all);
		}
		pel_t_result_free(&r);
	}
	free_list(files);
	/* the scenario as written: Montage, 58 tasks */
	pel_t_result r;
	pel_t_run(&r, "dag", WF_SCENARIO, "--json");
	if (pel_t_check_ok(&r, WF_SCENARIO)) {
		json_t *o = pel_t_json_line(&r, WF_SCENARIO);
		CHECK(jnum(o, "tasks") == 58, "%s: Montage: expected 58 tasks, found %g", WF_SCENARIO, jnum(o, "tasks"));
		json_decref(o);
	}
	pel_t_result_free(&r);
}

/* ---- 4. Braun et al.'s ETC instances ---------------------------------- */

/* The makespan written in a .sol file name: the number (decimal comma)
 * after the last '_' ("u_c_hihi.0_MS_7358942,8.sol" -> 7358942.8). */
static double sol_makespan(const char *name)
{
	const char *u = strrchr(name, '_');
	if (!u)
		return NAN;
	char num[64];
	size_t len = strlen(u + 1);
	if (len <= 4 || strcmp(u + 1 + len - 4, ".sol") || len - 4 >= sizeof num)
		return NAN;
	len -= 4;
	memcpy(num, u + 1, len);
	num[len] = 0;
	char *comma = strchr(num, ',');
	if (comma)
		*comma = '.';
	char *end;
	double v = strtod(num, &end);
	return *end ? NAN : v;
}

/* The makespan of an assignment computed here, from the definition: the
 * largest sum of the ETC values of the tasks on one machine (tasks in
 * order).  NAN when a file does not read. */
static double etc_makespan(const char *inst, const char *sol)
{
	FILE *fi = fopen(inst, "r"), *fs = fopen(sol, "r");
	unsigned T = 0, M = 0, z;
	double *etc = NULL, *load = NULL, ms = NAN;
	if (!fi || !fs || fscanf(fi, "%u %u %u", &T, &M, &z) != 3 || !T || !M || T > 100000 || M > 1000)
		goto out;
	etc = malloc((size_t)T * M * sizeof *etc);
	load = calloc(M, sizeof *load);
	for (size_t i = 0; i < (size_t)T * M; i++)
		if (fscanf(fi, "%lf", &etc[i]) != 1)
			goto out;
	for (unsigned t = 0; t < T; t++) {
		unsigned m;
		if (fscanf(fs, "%u", &m) != 1 || m >= M)
			goto out;
		load[m] += etc[(size_t)t * M + m];
	}
	ms = 0;
	for (unsigned m = 0; m < M; m++)
		ms = fmax(ms, load[m]);
out:
	if (fi)
		fclose(fi);
	if (fs)
		fclose(fs);
	free(etc);
	free(load);
	return ms;
}

/* Each best-known assignment replayed by the fixed policy gives the
 * makespan computed here from the definition (to 1e-9 relative) and the
 * one in its file name.  The names are rounded to 0.1 from the authors'
 * own arithmetic: u_s_hihi.0_MS_4080153,5.sol is 0.0508 above the exact
 * sum of its assignment (4080153.449219), so the name is checked to 0.06
 * rather than 0.05. */
static void test_braun_fixed(void)
{
	char dir[PATH_MAX];
	if (!sample_dir("braun_etc/512x16", dir, sizeof dir))
		return;
	size_t n;
	char **sols = list_dir(dir, ".sol", &n);
	CHECK(n == 24, "%s: expected 24 best-known assignments (*.sol), found %zu", dir, n);
	/* the published names have a decimal comma, which `--policy a,b` keeps
	 * in the value since "8.sol" names no policy; the last replay is
	 * followed by a second policy, to see the comma still separates them */
	double worst = 0;
	for (size_t i = 0; i < n; i++) {
		double want = sol_makespan(sols[i]);
		CHECK(isfinite(want), "%s: expected a makespan in the file name, found none", sols[i]);
		const char *dot0 = strstr(sols[i], ".0_");
		CHECK(dot0 != NULL, "%s: expected <instance>.0_..., found no instance name", sols[i]);
		if (!dot0 || !isfinite(want))
			continue;
		char inst[PATH_MAX + 256], sol[PATH_MAX + 256], set[PATH_MAX + 300], pol[PATH_MAX + 300];
		snprintf(inst, sizeof inst, "%s/%.*s", dir, (int)(dot0 + 2 - sols[i]), sols[i]);
		snprintf(sol, sizeof sol, "%s/%s", dir, sols[i]);
		snprintf(set, sizeof set, "workload.file=%s", inst);
		snprintf(pol, sizeof pol, "fixed:schedule=%s%s", sol, i + 1 == n ? ",minmin" : "");
		pel_t_result r;
		pel_t_run(&r, "run", ETC_SCENARIO, "--set", set, "--policy", pol, "--json");
		if (pel_t_check_ok(&r, sols[i])) {
			json_t *o = pel_t_json_line(&r, sols[i]);
			double ms = jnum(o, "makespan"), exact = etc_makespan(inst, sol);
			CHECK(near(ms, exact, 1e-9) && jnum(o, "tasks") == 512,
			      "%s: fixed replay makespan %.6f, expected %.6f (max over machines of the summed ETC "
			      "values)",
			      sols[i], ms, exact);
			CHECK(fabs(ms - want) <= 0.06, "%s: fixed replay makespan %.6f, expected %.1f (the file's name) to 0.06",
			      sols[i], ms, want);
			worst = fmax(worst, fabs(ms - want));
			json_decref(o);
			CHECK(i + 1 < n || pel_t_count_char(r.out, '\n') == 2,
			      "%s then minmin: expected two JSON lines, found:\n%s", sols[i], r.out);
		}
		pel_t_result_free(&r);
	}
	free_list(sols);
	fprintf(stderr, "\n  %zu assignments replayed; largest distance to the makespan in the name: %.4f\n", n,
		worst);
}

/* min-min on u_c_hihi.0: Braun et al. (2001) report min-min close to the
 * best heuristics on this instance; our build gives about 8.46e6 against
 * the best-known 7358942.8 (Gogos et al. 2016). */
static void test_braun_minmin(void)
{
	char dir[PATH_MAX];
	if (!sample_dir("braun_etc/512x16", dir, sizeof dir))
		return;
	const double best = 7358942.8;
	pel_t_result r;
	pel_t_run(&r, "run", ETC_SCENARIO, "--json");
	if (pel_t_check_ok(&r, ETC_SCENARIO)) {
		json_t *o = pel_t_json_line(&r, ETC_SCENARIO);
		double ms = jnum(o, "makespan");
		CHECK(!strcmp(jstr(o, "policy"), "minmin") && ms >= best && ms <= 1.2 * best,
		      "%s: min-min on u_c_hihi.0: makespan %.1f, expected in [%.1f, 1.2 x that]", ETC_SCENARIO, ms,
		      best);
		fprintf(stderr, "\n  min-min on u_c_hihi.0: makespan %.1f (%.4f x the best known %.1f)\n", ms,
			ms / best, best);
		json_decref(o);
	}
	pel_t_result_free(&r);
}

/* ---- 5. STG graphs ----------------------------------------------------- */

/* The "CP Length" of an STG file's trailer, or NAN. */
static double stg_cp_length(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NAN;
	char line[512];
	double v = NAN;
	while (fgets(line, sizeof line, f)) {
		const char *p = strstr(line, "CP Length");
		const char *colon = p ? strchr(p, ':') : NULL;
		if (line[0] == '#' && colon)
			v = strtod(colon + 1, NULL);
	}
	fclose(f);
	return v;
}

static void test_stg_critical_path(void)
{
	char dir[PATH_MAX];
	if (!sample_dir("stg", dir, sizeof dir))
		return;
	static const char *const subs[] = { "50", "100" };
	size_t total = 0;
	for (size_t s = 0; s < 2; s++) {
		char sub[PATH_MAX + 8];
		snprintf(sub, sizeof sub, "%s/%s", dir, subs[s]);
		size_t n;
		char **files = list_dir(sub, ".stg", &n);
		total += n;
		for (size_t i = 0; i < n; i++) {
			char path[PATH_MAX + 256];
			snprintf(path, sizeof path, "%s/%s", sub, files[i]);
			double cp = stg_cp_length(path);
			CHECK(isfinite(cp), "%s: expected a '# CP Length : N' trailer line, found none", path);
			pel_t_result r;
			pel_t_run(&r, "dag", path, "--json");
			if (pel_t_check_ok(&r, path)) {
				json_t *o = pel_t_json_line(&r, path);
				unsigned want_tasks = (unsigned)atoi(subs[s]) + 2;
				CHECK(jnum(o, "critical_path") == cp && jnum(o, "tasks") == want_tasks,
				      "%s: critical_path %g, expected the trailer's CP Length %g; %g tasks, expected %u",
				      path, jnum(o, "critical_path"), cp, jnum(o, "tasks"), want_tasks);
				json_decref(o);
			}
			pel_t_result_free(&r);
		}
		free_list(files);
	}
	CHECK(total == 21, "%s: expected 16 + 5 STG graphs, found %zu", dir, total);
}

/* The policies pelsim lists, but fixed (it needs a schedule), joined by
 * commas. */
static char *all_policies(void)
{
	pel_t_result r;
	pel_t_run(&r, "policies");
	char *list = calloc(1, r.nout + 1);
	size_t n = 0;
	for (char *p = r.out; r.status == 0 && *p;) {
		size_t len = strcspn(p, " \t\n");
		if (len && !(len == 5 && !strncmp(p, "fixed", 5))) {
			if (n)
				list[n++] = ',';
			memcpy(list + n, p, len);
			n += len;
		}
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	CHECK(r.status == 0 && n > 0, "pelsim policies: expected a list, found status %d", r.status);
	pel_t_result_free(&r);
	return list;
}

/* Bounds of the optimal makespan of each 50-task graph on m processors. */
typedef struct {
	char file[64];
	double lower, upper;
} stg_opt;

static stg_opt *read_opt(const char *path, unsigned m, size_t *n)
{
	*n = 0;
	stg_opt *v = NULL;
	FILE *f = fopen(path, "r");
	CHECK(f != NULL, "%s: cannot open: %s", path, strerror(errno));
	if (!f)
		return NULL;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		char file[64];
		unsigned mm;
		double a, b;
		int k = sscanf(line, "%63[^,],%u,%lf,%lf", file, &mm, &a, &b);
		CHECK(k >= 3 && mm == m, "%s: expected 'file,m,opt' or 'file,m,lower,upper', found '%s'", path, line);
		if (k < 3)
			continue;
		v = realloc(v, (*n + 1) * sizeof *v);
		snprintf(v[*n].file, sizeof v[*n].file, "%s", file);
		v[*n].lower = a;
		v[(*n)++].upper = k == 4 ? b : a;
	}
	fclose(f);
	return v;
}

static void test_stg_optimal(void)
{
	char dir[PATH_MAX];
	if (!sample_dir("stg", dir, sizeof dir))
		return;
	char *policies = all_policies();
	size_t npol = 1 + pel_t_count_char(policies, ',');
	char sub[PATH_MAX + 8];
	snprintf(sub, sizeof sub, "%s/50", dir);
	size_t nfiles;
	char **files = list_dir(sub, ".stg", &nfiles);
	CHECK(nfiles == 16, "%s: expected 16 graphs, found %zu", sub, nfiles);
	static const unsigned ms[] = { 2, 4, 8, 16 };
	fprintf(stderr, "\n  heft on the STG 50-task sample, identical processors, no communication:\n");
	for (size_t j = 0; j < 4; j++) {
		char csv[PATH_MAX + 64];
		snprintf(csv, sizeof csv, "%s/optimal_values/Case50_%u_OPT.csv", dir, ms[j]);
		size_t nopt;
		stg_opt *opt = read_opt(csv, ms[j], &nopt);
		CHECK(nopt == 180, "%s: expected 180 graphs, found %zu", csv, nopt);
		double sum_ratio = 0, worst = 0;
		size_t nratio = 0, optimal = 0, ranges = 0;
		char count[64];
		snprintf(count, sizeof count, "platform.devices.0.count=%u", ms[j]);
		for (size_t i = 0; i < nfiles; i++) {
			char key[64], path[PATH_MAX + 256], set[PATH_MAX + 300];
			snprintf(key, sizeof key, "50/%s", files[i]);
			const stg_opt *o = NULL;
			for (size_t k = 0; k < nopt && !o; k++)
				if (!strcmp(opt[k].file, key))
					o = &opt[k];
			CHECK(o != NULL, "%s: expected a line for %s, found none", csv, key);
			if (!o)
				continue;
			snprintf(path, sizeof path, "%s/%s", sub, files[i]);
			snprintf(set, sizeof set, "workload=%s", path);
			pel_t_result r;
			pel_t_run(&r, "run", STG_SCENARIO, "--set", set, "--set", count, "--policy", policies, "--check",
				  "--json");
			char what[PATH_MAX + 64];
			snprintf(what, sizeof what, "%s on %u processors", key, ms[j]);
			if (pel_t_check_ok(&r, what)) {
				json_t *all = pel_t_json_lines(&r, what);
				CHECK(json_array_size(all) == npol, "%s: expected %zu policies, found %zu", what, npol,
				      json_array_size(all));
				for (size_t k = 0; k < json_array_size(all); k++) {
					const json_t *x = json_array_get(all, k);
					double mk = jnum(x, "makespan");
					CHECK(mk >= o->lower - 1e-9,
					      "%s: policy %s: makespan %g below the optimum%s %g", what, jstr(x, "policy"),
					      mk, o->lower < o->upper ? "'s lower bound" : "", o->lower);
					if (!strcmp(jstr(x, "policy"), "heft")) {
						double ratio = mk / o->upper;
						sum_ratio += ratio;
						worst = fmax(worst, ratio);
						nratio++;
						optimal += mk == o->upper;
						ranges += o->lower < o->upper;
					}
				}
				json_decref(all);
			}
			pel_t_result_free(&r);
		}
		if (nratio)
			fprintf(stderr,
				"  m=%-2u heft / optimum: mean %.4f, worst %.4f, optimal on %zu of %zu graphs"
				" (%zu with only bounds: ratio to the upper bound)\n",
				ms[j], sum_ratio / nratio, worst, optimal, nratio, ranges);
		free(opt);
	}
	free_list(files);
	free(policies);
}

/* ---- 6. pelsim dag ---------------------------------------------------- */

/* The exact summary of the hand-made DAG in each format (README). */
static const struct {
	const char *file;
	double tasks, edges, depth, width, entries, exits, cp, work, bytes, ccr;
	const char *kinds;
} small_cases[] = {
	{ "small.dot", 5, 4, 3, 2, 2, 2, 8, 17, 1000, 2 / 3.4, "{\"load\": 1, \"task\": 3, \"store\": 1}" },
	{ "small.json", 5, 4, 3, 2, 2, 2, 8, 17, 1000, 0, "{\"load\": 1, \"task\": 3, \"store\": 1}" },
	{ "small.stg", 7, 8, 5, 2, 1, 1, 8, 17, 0, 0, "{\"task\": 7}" },
	{ "small.etc", 3, 0, 1, 3, 3, 3, 8, 0, 0, 0, "{\"task\": 3}" },
};

static void check_small_summary(const json_t *o, size_t i, const char *what)
{
	json_t *kinds = json_loads(small_cases[i].kinds, 0, NULL);
	CHECK(jnum(o, "tasks") == small_cases[i].tasks && jnum(o, "edges") == small_cases[i].edges &&
		      jnum(o, "depth") == small_cases[i].depth && jnum(o, "width") == small_cases[i].width &&
		      jnum(o, "entries") == small_cases[i].entries && jnum(o, "exits") == small_cases[i].exits &&
		      jnum(o, "critical_path") == small_cases[i].cp && jnum(o, "total_work") == small_cases[i].work &&
		      jnum(o, "total_bytes") == small_cases[i].bytes && near(jnum(o, "ccr"), small_cases[i].ccr, 1e-12) &&
		      json_equal(json_object_get(o, "kinds"), kinds),
	      "%s: tasks %g, edges %g, depth %g, width %g, entries %g, exits %g, critical path %g, work %g, "
	      "bytes %g, ccr %g; expected %g %g %g %g %g %g %g %g %g %g",
	      what, jnum(o, "tasks"), jnum(o, "edges"), jnum(o, "depth"), jnum(o, "width"), jnum(o, "entries"),
	      jnum(o, "exits"), jnum(o, "critical_path"), jnum(o, "total_work"), jnum(o, "total_bytes"),
	      jnum(o, "ccr"), small_cases[i].tasks, small_cases[i].edges, small_cases[i].depth, small_cases[i].width,
	      small_cases[i].entries, small_cases[i].exits, small_cases[i].cp, small_cases[i].work,
	      small_cases[i].bytes, small_cases[i].ccr);
	json_decref(kinds);
}

static void test_dag_formats(void)
{
	static const char *const fmt[] = { "dot", "wfformat", "stg", "etc" };
	char dir[] = "/tmp/pelsim-test-workloads-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char out[128];
	snprintf(out, sizeof out, "%s/out.dot", dir);
	for (size_t i = 0; i < sizeof small_cases / sizeof *small_cases; i++) {
		char file[256], what[300];
		snprintf(file, sizeof file, DATA "%s", small_cases[i].file);
		/* --json, detected and with --format */
		for (int f = 0; f < 2; f++) {
			pel_t_result r;
			if (f)
				pel_t_run(&r, "dag", file, "--format", fmt[i], "--json");
			else
				pel_t_run(&r, "dag", file, "--json");
			snprintf(what, sizeof what, "pelsim dag %s%s%s --json", file, f ? " --format " : "", f ? fmt[i] : "");
			if (pel_t_check_ok(&r, what)) {
				json_t *o = pel_t_json_line(&r, what);
				if (o) {
					check_small_summary(o, i, what);
					CHECK(!strcmp(jstr(o, "workload"), file), "%s: workload '%s'", what,
					      jstr(o, "workload"));
				}
				json_decref(o);
			}
			pel_t_result_free(&r);
		}
		/* text */
		pel_t_result r;
		pel_t_run(&r, "dag", file);
		snprintf(what, sizeof what, "pelsim dag %s", file);
		if (pel_t_check_ok(&r, what)) {
			char want[128];
			snprintf(want, sizeof want, "tasks          %g\n", small_cases[i].tasks);
			CHECK(strstr(r.out, want) != NULL, "%s: expected '%s', found:\n%s", what, want, r.out);
			snprintf(want, sizeof want, "edges          %g\n", small_cases[i].edges);
			CHECK(strstr(r.out, want) != NULL, "%s: expected '%s', found:\n%s", what, want, r.out);
			snprintf(want, sizeof want, "depth          %g levels\n", small_cases[i].depth);
			CHECK(strstr(r.out, want) != NULL, "%s: expected '%s', found:\n%s", what, want, r.out);
			snprintf(want, sizeof want, "width          %g tasks", small_cases[i].width);
			CHECK(strstr(r.out, want) != NULL, "%s: expected '%s', found:\n%s", what, want, r.out);
			CHECK(strstr(r.out, "critical path  8 (work or time units)\n") != NULL,
			      "%s: expected 'critical path  8 (work or time units)', found:\n%s", what, r.out);
		}
		pel_t_result_free(&r);
		/* --export: the DOT file reads back with the same summary */
		pel_t_run(&r, "dag", file, "--export", out, "--json");
		snprintf(what, sizeof what, "pelsim dag %s --export", file);
		json_t *a = pel_t_check_ok(&r, what) ? pel_t_json_line(&r, what) : NULL;
		pel_t_result_free(&r);
		pel_t_run(&r, "dag", out, "--json");
		json_t *b = pel_t_check_ok(&r, out) ? pel_t_json_line(&r, out) : NULL;
		pel_t_result_free(&r);
		if (a && b) {
			json_object_del(a, "workload");
			json_object_del(b, "workload");
			char *sa = json_dumps(a, JSON_SORT_KEYS | JSON_COMPACT);
			char *sb = json_dumps(b, JSON_SORT_KEYS | JSON_COMPACT);
			CHECK(json_equal(a, b), "%s: pelsim dag on the export: expected %s, found %s", what, sa, sb);
			free(sa);
			free(sb);
		}
		json_decref(a);
		json_decref(b);
		unlink(out);
	}
	rmdir(dir);
}

/* On a scenario: the DAG costed on its platform (CP_MIN in seconds). */
static void test_dag_scenario(void)
{
	const char *file = DATA "file_dot.yaml";
	pel_t_result r;
	pel_t_run(&r, "dag", file);
	if (pel_t_check_ok(&r, file)) {
		CHECK(strstr(r.out, "tasks          5\n") && strstr(r.out, "edges          4\n") &&
			      strstr(r.out, "depth          3 levels\n") && strstr(r.out, "critical path  8 s (CP_MIN)\n") &&
			      strstr(r.out, "kinds          3: "),
		      "pelsim dag %s: expected 5 tasks, 4 edges, 3 levels, critical path 8 s (CP_MIN), found:\n%s", file,
		      r.out);
	}
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", file, "--json");
	if (pel_t_check_ok(&r, file)) {
		json_t *o = pel_t_json_line(&r, file);
		/* one memory: communication costs nothing, so the CCR is 0 */
		CHECK(jnum(o, "critical_path") == 8 && jnum(o, "width") == 2 && jnum(o, "ccr") == 0 &&
			      !strcmp(jstr(o, "workload"), file),
		      "pelsim dag %s --json: critical path %g, width %g, ccr %g", file, jnum(o, "critical_path"),
		      jnum(o, "width"), jnum(o, "ccr"));
		json_decref(o);
	}
	pel_t_result_free(&r);
	/* the ETC scenario: CP_MIN = the largest of the fastest times, 6 */
	pel_t_run(&r, "dag", DATA "file_etc.yaml", "--json");
	if (pel_t_check_ok(&r, "file_etc.yaml")) {
		json_t *o = pel_t_json_line(&r, "file_etc.yaml");
		CHECK(jnum(o, "critical_path") == 6 && jnum(o, "tasks") == 3,
		      "pelsim dag file_etc.yaml: critical path %g (expected min times 1, 2, 6 -> 6), %g tasks",
		      jnum(o, "critical_path"), jnum(o, "tasks"));
		json_decref(o);
	}
	pel_t_result_free(&r);
}

/* Errors: exit 2, one stderr line naming the file and the place. */
static void test_dag_errors(void)
{
	static const struct {
		const char *file, *place;
	} bad[] = {
		{ "bad_truncated.dot", ":4: " },
		{ "bad_syntax.dot", ":3: " },
		{ "bad_truncated.json", ":8:" },
		{ "bad_runtime.json", ": workflow.execution.tasks[0].runtimeInSeconds: " },
		{ "bad_truncated.stg", ":5: " },
		{ "bad_value.stg", ":4: " },
		{ "bad_truncated.etc", ":4: " },
		{ "bad_value.etc", ":3: " },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char file[256], want[1024];
		snprintf(file, sizeof file, DATA "%s", bad[i].file);
		snprintf(want, sizeof want, "pelsim dag: %s%s", file, bad[i].place);
		pel_t_result r;
		pel_t_run(&r, "dag", file, "--json");
		pel_t_check_one_line_error(&r, file, want);
		pel_t_result_free(&r);
		/* the same through a scenario: named as workload.file */
		char set[300];
		snprintf(set, sizeof set, "workload.file=%s", bad[i].file);
		pel_t_run(&r, "run", DATA "file_auto.yaml", "--set", set);
		snprintf(want, sizeof want, "--set %s: workload.file: %s%s", set, file, bad[i].place);
		pel_t_check_one_line_error(&r, set, want);
		pel_t_result_free(&r);
	}
	pel_t_result r;
	pel_t_run(&r, "dag", DATA "no_such_file.dot");
	pel_t_check_one_line_error(&r, "pelsim dag on a missing file", DATA "no_such_file.dot");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "small.dot", "--set", "seed=2");
	pel_t_check_one_line_error(&r, "pelsim dag FILE.dot --set", "--set: expected a scenario, found the workload file");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "small.stg", "--set", "workload.tasks=2", "--json");
	pel_t_check_one_line_error(&r, "pelsim dag FILE.stg --set", "--set: expected a scenario");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "small.dot", "--format", "graphml");
	pel_t_check_one_line_error(&r, "pelsim dag --format graphml", "--format: expected one of: dot, wfformat, stg, etc");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "small.stg", "--format", "dot");
	pel_t_check_one_line_error(&r, "pelsim dag small.stg --format dot", "pelsim dag: " DATA "small.stg:1: ");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "small.dot", "--export", "/nonexistent-dir/x.dot");
	pel_t_check_one_line_error(&r, "pelsim dag --export into a missing folder", "--export: ");
	pel_t_result_free(&r);
}

/* ---- 7. scenarios that read workload files ----------------------------- */

static void test_scenario_files(void)
{
	static const struct {
		const char *file, *set;
		double tasks;
	} cases[] = {
		{ "file_dot.yaml", NULL, 5 },
		{ "file_wfformat.yaml", NULL, 5 },
		{ "file_stg.yaml", NULL, 7 },
		{ "file_etc.yaml", NULL, 3 },
		{ "file_yaml.yaml", NULL, 5 },
		{ "scalar_dot.yaml", NULL, 5 },
		{ "file_auto.yaml", NULL, 5 },
		{ "file_auto.yaml", "workload.file=small.json", 5 },
		{ "file_auto.yaml", "workload.file=small.stg", 7 },
		{ "file_auto.yaml", "workload.file=small.etc", 3 },
		{ "file_auto.yaml", "workload.file=small_dag.yaml", 5 },
		{ "scalar_dot.yaml", "workload=small.stg", 7 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char file[256], what[400];
		snprintf(file, sizeof file, DATA "%s", cases[i].file);
		snprintf(what, sizeof what, "%s%s%s", file, cases[i].set ? " --set " : "", cases[i].set ? cases[i].set : "");
		pel_t_result r;
		if (cases[i].set)
			pel_t_run(&r, "run", file, "--set", cases[i].set, "--policy", "heft,eager,minmin", "--check", "--json");
		else
			pel_t_run(&r, "run", file, "--policy", "heft,eager,minmin", "--check", "--json");
		if (pel_t_check_ok(&r, what)) {
			json_t *all = pel_t_json_lines(&r, what);
			CHECK(json_array_size(all) == 3, "%s: expected 3 JSON lines, found %zu", what, json_array_size(all));
			for (size_t k = 0; k < json_array_size(all); k++) {
				const json_t *o = json_array_get(all, k);
				CHECK(jnum(o, "tasks") == cases[i].tasks && jnum(o, "makespan") > 0,
				      "%s: policy %s: %g tasks (expected %g), makespan %g", what, jstr(o, "policy"),
				      jnum(o, "tasks"), cases[i].tasks, jnum(o, "makespan"));
			}
			json_decref(all);
		}
		pel_t_result_free(&r);
	}
	/* the hand-made DAG on two unit-speed machines: its edges' explicit
	 * times are paid between the two, so 10 is the optimum (a, c, b, d on
	 * one machine; moving b or c away delays d to 10 or later); so does
	 * the STG copy without communication (the only splits of the work 17
	 * into 9 + 8, {e b | a c d} and {e d | a b c}, both start d at 9) */
	pel_t_result r;
	pel_t_run(&r, "run", DATA "scalar_dot.yaml", "--json");
	if (pel_t_check_ok(&r, "scalar_dot.yaml")) {
		json_t *o = pel_t_json_line(&r, "scalar_dot.yaml");
		CHECK(jnum(o, "makespan") == 10, "scalar_dot.yaml under heft: makespan %g, expected 10",
		      jnum(o, "makespan"));
		json_decref(o);
	}
	pel_t_result_free(&r);
	pel_t_run(&r, "run", DATA "file_stg.yaml", "--json");
	if (pel_t_check_ok(&r, "file_stg.yaml")) {
		json_t *o = pel_t_json_line(&r, "file_stg.yaml");
		CHECK(jnum(o, "makespan") == 10, "file_stg.yaml under heft: makespan %g, expected 10",
		      jnum(o, "makespan"));
		json_decref(o);
	}
	pel_t_result_free(&r);

	/* a bad path: one line naming the scenario's file:line:col and the
	 * field; the same from --set names the --set */
	pel_t_run(&r, "run", DATA "bad_path.yaml");
	pel_t_check_one_line_error(&r, "bad_path.yaml",
				   "pelsim run: " DATA "bad_path.yaml:7:9: workload.file: " DATA "no_such_workload.dot: cannot open");
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", DATA "bad_path.yaml", "--json");
	pel_t_check_one_line_error(&r, "pelsim dag bad_path.yaml", "pelsim dag: " DATA "bad_path.yaml:7:9: workload.file: ");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", DATA "file_dot.yaml", "--set", "workload.file=gone.dot");
	pel_t_check_one_line_error(&r, "--set workload.file=gone.dot",
				   "pelsim run: --set workload.file=gone.dot: workload.file: " DATA "gone.dot: cannot open");
	pel_t_result_free(&r);
	/* a format that does not fit the file */
	pel_t_run(&r, "run", DATA "file_dot.yaml", "--set", "workload.format=stg");
	pel_t_check_one_line_error(&r, "--set workload.format=stg on a DOT file", "workload.file: " DATA "small.dot:");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", DATA "file_dot.yaml", "--set", "workload.format=csv");
	pel_t_check_one_line_error(&r, "--set workload.format=csv",
				   "workload.format: expected one of: auto, yaml, dot, wfformat, stg, etc");
	pel_t_result_free(&r);
}

/* ---- main ----------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test generators[] = {
		{ "layered: counts, acyclic, seeds", test_layered },
		{ "layered: through a scenario and pelsim dag", test_layered_scenario },
		{ "layered, HEFT-paper mode: CCR and beta", test_layered_heft },
		{ "Cholesky: counts, kernels, edges", test_cholesky },
		{ "LU and QR: counts, kernels, edges", test_lu_qr },
		{ "fork-join", test_forkjoin },
		{ "FFT butterfly", test_fft },
		{ "stencil wavefront", test_stencil },
		{ "MapReduce", test_mapreduce },
		{ "sizes before generating: exact, saturating, checked", test_sizes },
		{ "layered: edges bounded, grown as made", test_layered_sizes },
		{ "family scenarios = C API", test_family_scenarios },
		{ "streams: arrival and size laws", test_streams },
		{ NULL, NULL },
	};
	static const pel_t_test trips[] = {
		{ "export -> import, every family", test_round_trips },
		{ NULL, NULL },
	};
	static const pel_t_test samples[] = {
		{ "WfCommons instances under heft and eager", test_wfcommons },
		{ "Braun ETC: best-known assignments replayed", test_braun_fixed },
		{ "Braun ETC: min-min on u_c_hihi.0", test_braun_minmin },
		{ "STG: critical paths", test_stg_critical_path },
		{ "STG: no policy beats the optimum", test_stg_optimal },
		{ NULL, NULL },
	};
	static const pel_t_test dag[] = {
		{ "each format, text, --json, --export", test_dag_formats },
		{ "a scenario", test_dag_scenario },
		{ "errors", test_dag_errors },
		{ NULL, NULL },
	};
	static const pel_t_test scen[] = {
		{ "workload files in scenarios", test_scenario_files },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "generators", generators },
		{ "round trips", trips },
		{ "sample data", samples },
		{ "pelsim dag", dag },
		{ "scenarios", scen },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, pel_t_enter_source_dir, NULL);
}
