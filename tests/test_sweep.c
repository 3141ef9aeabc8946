/* test_sweep.c - `pelsim sweep`: points, seeds, statistics, the files it
 * writes, workers, the journal and resuming, errors; MPI when built in.
 *
 * The library pieces (seeds, points, statistics) are called directly; the
 * command is run as a child process: PELSIM_BIN is the pelsim of this
 * build, PEL_SOURCE_DIR the source root (where the tests run), and
 * PEL_MPIEXEC, when defined, the mpirun to try `mpirun -np K pelsim sweep`
 * with.  Every sweep writes under a fresh folder in $TMPDIR or /tmp,
 * removed at the end. */
#define _GNU_SOURCE
#include "../common/random.h"
#include "../sim/studies/runone.h"
#include "../sim/formats/scenario.h"
#include "../sim/studies/sweep.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <jansson.h>

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SMALL "tests/data/sweep/small.yaml"

static char tmp_root[64];

/* ---- files ---- */

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* tmp_root/name (a static buffer per call site is enough here) */
static const char *out_dir(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmp_root, name);
	return buf;
}

static const char *in_dir(char *buf, size_t n, const char *dir, const char *file)
{
	snprintf(buf, n, "%s/%s", dir, file);
	return buf;
}

/* Both files of dir a and dir b hold the same bytes. */
static int same_files(const char *a, const char *b, const char *what)
{
	int ok = 1;
	const char *names[] = { "runs.csv", "summary.csv" };
	for (int i = 0; i < 2; i++) {
		char pa[512], pb[512];
		char *x = pel_t_read_file(in_dir(pa, sizeof pa, a, names[i]));
		char *y = pel_t_read_file(in_dir(pb, sizeof pb, b, names[i]));
		int same = x && y && !strcmp(x, y);
		CHECK(same, "%s: %s and %s differ (or are missing)", what, pa, pb);
		ok &= same;
		free(x);
		free(y);
	}
	return ok;
}

/* The fields of one CSV line without quotes (modified in place). */
static size_t split_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *c = line; *c && n < max; c++)
		if (*c == ',') {
			*c = 0;
			f[n++] = c + 1;
		}
	return n;
}

/* Column index of name in a header line (a copy is split). */
static int column(const char *header, const char *name)
{
	char *h = strdup(header), *f[128];
	size_t n = split_fields(h, f, 128);
	int idx = -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i], name))
			idx = (int)i;
	free(h);
	return idx;
}

/* A fresh sweep of SMALL into tmp_root/name with -j jobs; returns its dir. */
static const char *sweep_small(char *buf, size_t n, const char *name, const char *jobs)
{
	out_dir(buf, n, name);
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "-j", jobs, "-q", "--out", buf);
	CHECK(r.status == 0, "sweep %s -j %s: expected status 0, found %d: %s", SMALL, jobs, r.status, r.err);
	pel_t_result_free(&r);
	return buf;
}

/* ---- the pieces ---- */

static void test_seeds(void)
{
	/* known values (they are in the files users already have) */
	CU_ASSERT_EQUAL(pel_sweep_seed(11, 0, 0), 1296941515213778126ULL);
	CU_ASSERT_EQUAL(pel_sweep_seed(11, 0, 1), 4919299050227587188ULL);
	CU_ASSERT_EQUAL(pel_sweep_seed(99, 0, 0), 148709605312256870ULL);
	CU_ASSERT_EQUAL(pel_sweep_seed(99, 2, 1), 3221740932180772750ULL);
	/* the formula of the issue */
	for (uint64_t b = 0; b < 3; b++)
		for (uint64_t p = 0; p < 5; p++)
			for (uint64_t r = 0; r < 5; r++)
				CU_ASSERT_EQUAL(pel_sweep_seed(b, p, r),
						pel_seed_mix(pel_seed_mix(b, p), r) & (uint64_t)INT64_MAX);
	/* distinct per point and replication, and accepted by --seed */
	enum { N = 64 };
	static uint64_t s[N * N];
	for (uint64_t p = 0; p < N; p++)
		for (uint64_t r = 0; r < N; r++)
			s[p * N + r] = pel_sweep_seed(7, p, r);
	int distinct = 1, in_range = 1;
	for (size_t i = 0; i < N * N; i++) {
		in_range &= s[i] <= (uint64_t)INT64_MAX;
		for (size_t k = i + 1; k < N * N; k++)
			distinct &= s[i] != s[k];
	}
	CHECK(distinct, "the seeds of 64 points x 64 replications are not all distinct");
	CHECK(in_range, "a seed is above 2^63-1");
}

static void test_points(void)
{
	char *v2[] = { "a", "b" }, *v3[] = { "x", "y", "z" };
	pel_axis axes[3] = {
		{ .path = "a", .values = v2, .nvalues = 2 },
		{ .path = "b", .values = v3, .nvalues = 3 },
		{ .path = "c", .values = v2, .nvalues = 2 },
	};
	pel_sweep_spec w = { .present = 1, .axes = axes, .naxes = 3 };
	CU_ASSERT_EQUAL(pel_sweep_npoints(&w), 12);
	size_t idx[3];
	/* the first axis varies slowest */
	pel_sweep_point(&w, 0, idx);
	CU_ASSERT(idx[0] == 0 && idx[1] == 0 && idx[2] == 0);
	pel_sweep_point(&w, 1, idx);
	CU_ASSERT(idx[0] == 0 && idx[1] == 0 && idx[2] == 1);
	pel_sweep_point(&w, 7, idx);
	CU_ASSERT(idx[0] == 1 && idx[1] == 0 && idx[2] == 1);
	pel_sweep_point(&w, 11, idx);
	CU_ASSERT(idx[0] == 1 && idx[1] == 2 && idx[2] == 1);
	/* zipped: as many points as values, all axes together */
	axes[0].values = v3;
	axes[0].nvalues = 3;
	w.naxes = 2;
	w.zip = 1;
	CU_ASSERT_EQUAL(pel_sweep_npoints(&w), 3);
	pel_sweep_point(&w, 2, idx);
	CU_ASSERT(idx[0] == 2 && idx[1] == 2);
	w.naxes = 0;
	CU_ASSERT_EQUAL(pel_sweep_npoints(&w), 0);
}

/* Point counts that would wrap or be empty: refused, with the axis to
 * blame (values are not read, so the axes need none). */
static void test_points_limits(void)
{
	pel_axis axes[4] = {
		{ .path = "a", .nvalues = 65536 },
		{ .path = "b", .nvalues = 65536 },
		{ .path = "c", .nvalues = 65536 },
		{ .path = "d", .nvalues = 32768 },
	};
	pel_sweep_spec w = { .present = 1, .axes = axes, .naxes = 4 };
	size_t n = 7, axis = 7;
	/* 2^63 points, and npoints x naxes = 2^65, which wrapped */
	int rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && n == 0 && axis == 1, "65536^3 x 32768 points: rc %d, %zu points, axis %zu; expected -1, 0, 1",
	      rc, n, axis);
	CU_ASSERT_EQUAL(pel_sweep_npoints(&w), 0);
	/* 2^64 points: the product wrapped to 0 */
	axes[3].nvalues = 65536;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && axis == 1, "65536^4 points: rc %d, axis %zu; expected -1 at axis 1", rc, axis);
	/* the limit itself passes, one more point does not */
	axes[0].nvalues = 1000;
	axes[1].nvalues = 1000;
	w.naxes = 2;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == 0 && n == PEL_MAX_SWEEP_POINTS, "1000 x 1000 points: rc %d, %zu points", rc, n);
	axes[2].nvalues = 2;
	w.naxes = 3;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && axis == 2, "1000 x 1000 x 2 points: rc %d, axis %zu; expected -1 at axis 2", rc, axis);
	/* an axis without values: no point at all */
	axes[1].nvalues = 0;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && n == 0 && axis == 1, "an empty axis: rc %d, %zu points, axis %zu; expected -1, 0, 1", rc, n,
	      axis);
	CU_ASSERT_EQUAL(pel_sweep_npoints(&w), 0);
	/* zipped: the first axis's count, each axis needs values */
	w.zip = 1;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && axis == 1, "zipped with an empty axis: rc %d, axis %zu", rc, axis);
	axes[1].nvalues = 1000;
	axes[2].nvalues = 1000;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == 0 && n == 1000, "zipped 1000-value axes: rc %d, %zu points; expected 1000", rc, n);
	/* no axis */
	w.naxes = 0;
	rc = pel_sweep_spec_points(&w, &n, &axis);
	CHECK(rc == -1 && n == 0 && axis == 0, "no axis: rc %d, %zu points, axis %zu", rc, n, axis);
}

/* A sweep whose points load a generator past the task limit names the
 * axis and the value, before any run, fast. */
static void test_points_too_big(void)
{
	char d[256];
	out_dir(d, sizeof d, "toobig");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/too_big.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "an axis value past the task limit",
				 (const char *const[]){ "too_big.yaml:11:5: sweep.axes.workload.tiles: value '2000' (point 1): "
							"workload.tiles: expected at most 100000000 tasks, found '2000' "
							"(cholesky makes 1335334000 tasks)",
							NULL });
	CHECK(!pel_t_exists(d), "a refused sweep left %s", d);
	pel_t_result_free(&r);
}

static void expect_values(const pel_axis *ax, const char *path, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	int ok = !strcmp(ax->path, path) && ax->nvalues == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = !strcmp(ax->values[i], want[i]);
	CHECK(ok, "axis %s: expected %zu values starting '%s', found %zu starting '%s'", path, n, want[0],
	      ax->nvalues, ax->nvalues ? ax->values[0] : "");
}

static void test_ranges(void)
{
	pel_scenario *s = NULL;
	char err[1024];
	int rc = pel_scenario_load("tests/data/sweep/ranges.yaml", NULL, 0, &s, err, sizeof err);
	CHECK(rc == 0, "ranges.yaml: %s", err);
	if (rc)
		return;
	CU_ASSERT_EQUAL_FATAL(s->sweep.naxes, 4);
	expect_values(&s->sweep.axes[0], "workload.ccr", (const char *const[]){ "0.1", "0.3", "0.5", NULL });
	expect_values(&s->sweep.axes[1], "platform.devices.0.count",
		      (const char *const[]){ "1", "2", "4", "8", "16", NULL });
	expect_values(&s->sweep.axes[2], "workload.tasks", (const char *const[]){ "10", "13", "17", "20", NULL });
	/* 1, 1.41, 2, 2.83, 4: rounding merges the first two */
	expect_values(&s->sweep.axes[3], "workload.outdegree", (const char *const[]){ "1", "2", "3", "4", NULL });
	CU_ASSERT_EQUAL(pel_sweep_npoints(&s->sweep), 3 * 5 * 4 * 4);
	pel_scenario_free(s);
}

static void test_stats(void)
{
	double mean, sd, ci;
	/* n = 5: mean 3, sd sqrt(2.5), t_{0.975,4} = 2.776445 */
	double x[] = { 1, 2, 3, 4, 5 };
	pel_sweep_stats(x, 5, &mean, &sd, &ci);
	CU_ASSERT_DOUBLE_EQUAL(mean, 3, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(sd, sqrt(2.5), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ci, 2.776445 * sqrt(2.5) / sqrt(5), 1e-6);
	CU_ASSERT_DOUBLE_EQUAL(ci, 1.963243, 1e-6);
	/* n = 2: t_{0.975,1} = 12.706205 */
	double y[] = { 10, 14 };
	pel_sweep_stats(y, 2, &mean, &sd, &ci);
	CU_ASSERT_DOUBLE_EQUAL(mean, 12, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(sd, sqrt(8), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(ci, 12.706205 * sqrt(8) / sqrt(2), 1e-5);
	/* n = 1: no spread known */
	pel_sweep_stats(y, 1, &mean, &sd, &ci);
	CU_ASSERT(mean == 10 && sd == 0 && ci == 0);
	/* equal values */
	double z[] = { 7, 7, 7 };
	pel_sweep_stats(z, 3, &mean, &sd, &ci);
	CU_ASSERT(mean == 7 && sd == 0 && ci == 0);
	pel_sweep_stats(z, 0, &mean, &sd, &ci);
	CU_ASSERT(isnan(mean));
	/* CSV fields */
	char b[64];
	CU_ASSERT_STRING_EQUAL(pel_csv_field(b, sizeof b, "pod:d=2"), "pod:d=2");
	CU_ASSERT_STRING_EQUAL(pel_csv_field(b, sizeof b, "a,b"), "\"a,b\"");
	CU_ASSERT_STRING_EQUAL(pel_csv_field(b, sizeof b, "say \"hi\""), "\"say \"\"hi\"\"\"");
}

/* A policy as written, split as sweep.policies and run --policy split it. */
static void test_policy_spec(void)
{
	pel_policy_spec v;
	char bad[64] = "";
	CU_ASSERT_EQUAL(pel_policy_spec_parse("heft", NULL, 1, &v, bad, sizeof bad), 0);
	CU_ASSERT(!strcmp(v.name, "heft") && !strcmp(v.text, "heft") && v.nparams == 0 && v.where == NULL &&
		  v.in_scenario == 1);
	pel_policy_spec_free(&v);
	CU_ASSERT_EQUAL(pel_policy_spec_parse("dmda:alpha=1:beta=2", "--policy", 0, &v, bad, sizeof bad), 0);
	CU_ASSERT(!strcmp(v.name, "dmda") && v.nparams == 2 && !strcmp(v.where, "--policy") && !v.in_scenario);
	CU_ASSERT(v.nparams == 2 && !strcmp(v.params[0].name, "alpha") && !strcmp(v.params[0].value, "1") &&
		  !strcmp(v.params[1].name, "beta") && !strcmp(v.params[1].value, "2"));
	pel_policy_spec_free(&v);
	/* a piece without '=' continues the previous value */
	CU_ASSERT_EQUAL(pel_policy_spec_parse("sita:cutoffs=1:5:20:x=3", "w", 1, &v, bad, sizeof bad), 0);
	CU_ASSERT(v.nparams == 2 && !strcmp(v.params[0].name, "cutoffs") && !strcmp(v.params[0].value, "1:5:20") &&
		  !strcmp(v.params[1].name, "x") && !strcmp(v.params[1].value, "3"));
	CU_ASSERT_STRING_EQUAL(v.text, "sita:cutoffs=1:5:20:x=3");
	pel_policy_spec_free(&v);
	CU_ASSERT_EQUAL(pel_policy_spec_parse("sita:cutoffs=1::5", "w", 1, &v, bad, sizeof bad), 0);
	CU_ASSERT(v.nparams == 1 && !strcmp(v.params[0].value, "1::5"));
	pel_policy_spec_free(&v);
	/* but not the first: a parameter needs NAME= */
	CU_ASSERT_EQUAL(pel_policy_spec_parse("pod:d", "w", 1, &v, bad, sizeof bad), -1);
	CU_ASSERT_STRING_EQUAL(bad, "d");
	pel_policy_spec_free(&v);
	CU_ASSERT_EQUAL(pel_policy_spec_parse("pod:=3", "w", 1, &v, bad, sizeof bad), -1);
	CU_ASSERT_STRING_EQUAL(bad, "=3");
	pel_policy_spec_free(&v);
	CU_ASSERT_EQUAL(pel_policy_spec_parse(":", "w", 1, &v, bad, sizeof bad), 0);
	CU_ASSERT_STRING_EQUAL(v.name, "");
	pel_policy_spec_free(&v);
}

/* ---- the command ---- */

/* runs.csv of SMALL: header, order, seeds shared by the policies of a
 * point and replication; summary.csv agrees with runs.csv. */
static void test_files(void)
{
	char d[256], p[512];
	sweep_small(d, sizeof d, "files", "1");
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	char *sum = pel_t_read_file(in_dir(p, sizeof p, d, "summary.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	CHECK(!pel_t_exists(in_dir(p, sizeof p, d, "runs.partial.csv")), "the journal is left after a finished sweep");
	/* axes.csv: every axis, in order, with its sweep.labels name (quoted) */
	char *axes = pel_t_read_file(in_dir(p, sizeof p, d, "axes.csv"));
	CHECK(axes && !strcmp(axes, "axis,label\nworkload.ccr,\"CCR, edges over tasks\"\nplatform.devices.0.count,\n"),
	      "axes.csv: found '%s'", axes ? axes : "(none)");
	free(axes);
	/* study.csv: the kind of study (sweep.scaling, strong unless said) */
	char *study = pel_t_read_file(in_dir(p, sizeof p, d, "study.csv"));
	CHECK(study && pel_t_starts_with(study, "key,value\nscaling,strong\nconfig,") &&
		      strstr(study, "\npoints,4\npolicies,3\nreplications,3\n"),
	      "study.csv: found '%s'", study ? study : "(none)");
	free(study);
	char *lines[64];
	size_t n = pel_t_split_lines(runs, lines, 64);
	CU_ASSERT_EQUAL_FATAL(n, 1 + 36);
	CU_ASSERT_STRING_EQUAL(lines[0],
		"run,point,workload.ccr,platform.devices.0.count,policy,replication,seed,status,"
		"makespan,slr,speedup,efficiency,imbalance,lower_bound,bytes_moved,transfers,events,"
		"resp_mean,resp_p95,resp_p99,throughput,devices,slots,capacity,error");
	const char *pol[] = { "heft", "eager", "dmda:alpha=1" };
	const char *ccr[] = { "0.5", "0.5", "2.0", "2.0" }, *cnt[] = { "2", "3", "2", "3" };
	char seed_of[4][3][32];
	/* keep the makespans of (point 3, dmda:alpha=1) for the summary */
	double mk[3];
	for (size_t i = 1; i < n; i++) {
		char *f[32];
		size_t nf = split_fields(lines[i], f, 32);
		CU_ASSERT_EQUAL_FATAL(nf, 25);
		size_t run = i - 1, pt = run / 9, rep = run / 3 % 3, k = run % 3;
		char want[32];
		snprintf(want, sizeof want, "%zu", run);
		CU_ASSERT_STRING_EQUAL(f[0], want);
		snprintf(want, sizeof want, "%zu", pt);
		CU_ASSERT_STRING_EQUAL(f[1], want);
		CU_ASSERT_STRING_EQUAL(f[2], ccr[pt]);
		CU_ASSERT_STRING_EQUAL(f[3], cnt[pt]);
		CU_ASSERT_STRING_EQUAL(f[4], pol[k]);
		snprintf(want, sizeof want, "%zu", rep);
		CU_ASSERT_STRING_EQUAL(f[5], want);
		snprintf(want, sizeof want, "%llu", (unsigned long long)pel_sweep_seed(11, pt, rep));
		CU_ASSERT_STRING_EQUAL(f[6], want);
		if (k == 0)
			snprintf(seed_of[pt][rep], sizeof seed_of[pt][rep], "%s", f[6]);
		CHECK(!strcmp(f[6], seed_of[pt][rep]), "run %zu: policies of one point and replication get different seeds", run);
		CU_ASSERT_STRING_EQUAL(f[7], "ok");
		CU_ASSERT(strtod(f[8], NULL) > 0);
		CU_ASSERT_STRING_EQUAL(f[17], ""); /* no response times: not a stream */
		CU_ASSERT_STRING_EQUAL(f[21], cnt[pt]);
		CU_ASSERT_STRING_EQUAL(f[22], cnt[pt]);
		CU_ASSERT_STRING_EQUAL(f[23], cnt[pt]); /* capacity: speeds 1, one slot each */
		CU_ASSERT_STRING_EQUAL(f[24], "");
		if (pt == 3 && k == 2)
			mk[rep] = strtod(f[8], NULL);
	}
	for (size_t pt = 0; pt < 4; pt++)
		CHECK(strcmp(seed_of[pt][0], seed_of[pt][1]) && strcmp(seed_of[pt][1], seed_of[pt][2]),
		      "point %zu: replications share a seed", pt);

	/* summary: point 3, dmda:alpha=1 from the three makespans by hand
	 * (t_{0.975,2} = 4.302653) */
	n = pel_t_split_lines(sum, lines, 64);
	CU_ASSERT_EQUAL_FATAL(n, 1 + 4 * 3);
	CU_ASSERT_EQUAL(column(lines[0], "point"), 0);
	CU_ASSERT_EQUAL(column(lines[0], "policy"), 3);
	CU_ASSERT_EQUAL(column(lines[0], "n"), 4);
	CU_ASSERT_EQUAL(column(lines[0], "capacity"), 7);
	CU_ASSERT_EQUAL(column(lines[0], "makespan_mean"), 8);
	CU_ASSERT_EQUAL(column(lines[0], "throughput_ci95"), 8 + 13 * 3 - 1);
	char *f[64];
	size_t nf = split_fields(lines[12], f, 64);
	CU_ASSERT_EQUAL_FATAL(nf, 8 + 13 * 3);
	CU_ASSERT_STRING_EQUAL(f[0], "3");
	CU_ASSERT_STRING_EQUAL(f[1], "2.0");
	CU_ASSERT_STRING_EQUAL(f[2], "3");
	CU_ASSERT_STRING_EQUAL(f[3], "dmda:alpha=1");
	CU_ASSERT_STRING_EQUAL(f[4], "3");
	CU_ASSERT_STRING_EQUAL(f[5], "3");
	CU_ASSERT_STRING_EQUAL(f[6], "3");
	CU_ASSERT_STRING_EQUAL(f[7], "3");
	double mean = (mk[0] + mk[1] + mk[2]) / 3;
	double sd = sqrt(((mk[0] - mean) * (mk[0] - mean) + (mk[1] - mean) * (mk[1] - mean) +
			  (mk[2] - mean) * (mk[2] - mean)) / 2);
	CU_ASSERT_DOUBLE_EQUAL(strtod(f[8], NULL), mean, 1e-9 * mean);
	CU_ASSERT_DOUBLE_EQUAL(strtod(f[9], NULL), sd, 1e-9 * mean);
	CU_ASSERT_DOUBLE_EQUAL(strtod(f[10], NULL), 4.302653 * sd / sqrt(3), 1e-6 * mean);
	/* events: 30 tasks, no spread */
	CU_ASSERT_STRING_EQUAL(f[8 + 8 * 3], "30");
	CU_ASSERT_STRING_EQUAL(f[8 + 8 * 3 + 1], "0");
	CU_ASSERT_STRING_EQUAL(f[8 + 8 * 3 + 2], "0");
	CU_ASSERT_STRING_EQUAL(f[8 + 9 * 3], ""); /* resp_mean_mean */
	free(runs);
	free(sum);
}

/* capacity: the sum of speed * slots, here 2 x 1e9 + 2 slots x the GPU's
 * speed along the axis; sweep.policies takes sita's cutoffs with ':' */
static void test_capacity(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "capacity");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/capacity.yaml", "-q", "--out", d);
	CHECK(r.status == 0, "capacity.yaml: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	char *sum = pel_t_read_file(in_dir(p, sizeof p, d, "summary.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	char *lines[16];
	size_t n = pel_t_split_lines(runs, lines, 16);
	CU_ASSERT_EQUAL_FATAL(n, 9);
	int c_pol = column(lines[0], "policy"), c_st = column(lines[0], "status"), c_sl = column(lines[0], "slots");
	int c_cap = column(lines[0], "capacity");
	CU_ASSERT_FATAL(c_pol >= 0 && c_st >= 0 && c_sl >= 0 && c_cap == c_sl + 1);
	for (size_t i = 1; i < n; i++) {
		char *f[32];
		split_fields(lines[i], f, 32);
		const char *want = (i - 1) / 4 ? "22000000000" : "12000000000";
		CHECK(!strcmp(f[c_st], "ok") && !strcmp(f[c_sl], "4") && !strcmp(f[c_cap], want),
		      "capacity.yaml run %zu: expected ok, 4 slots, capacity %s; found %s, %s, %s", i - 1, want, f[c_st],
		      f[c_sl], f[c_cap]);
		CU_ASSERT_STRING_EQUAL(f[c_pol], i % 2 ? "heft" : "sita:cutoffs=5:15");
	}
	n = pel_t_split_lines(sum, lines, 16);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT(!strncmp(lines[1], "0,5.0e9,heft,2,3,4,12000000000,", 31));
	CU_ASSERT(!strncmp(lines[4], "1,1.0e10,sita:cutoffs=5:15,2,3,4,22000000000,", 45));
	free(runs);
	free(sum);
}

static void test_zip(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "zip");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/zip.yaml", "-q", "--out", d);
	CHECK(r.status == 0, "zip.yaml: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	char *lines[16];
	size_t n = pel_t_split_lines(runs, lines, 16);
	CU_ASSERT_EQUAL_FATAL(n, 7);
	const char *want[] = {
		"0,0,2,10,pod,0,", "1,0,2,10,pod,1,", "2,1,3,25,pod,0,",
		"3,1,3,25,pod,1,", "4,2,4,40,pod,0,", "5,2,4,40,pod,1,",
	};
	for (size_t i = 0; i < 6; i++)
		CHECK(!strncmp(lines[i + 1], want[i], strlen(want[i])), "zip.yaml row %zu: expected '%s...', found '%s'",
		      i, want[i], lines[i + 1]);
	/* sweep.seed given: 99 */
	char s[64];
	snprintf(s, sizeof s, ",%llu,ok,", (unsigned long long)pel_sweep_seed(99, 2, 1));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[6], s));
	free(runs);
}

static void test_jobs_identical(void)
{
	char a[256], b[256];
	sweep_small(a, sizeof a, "j1", "1");
	sweep_small(b, sizeof b, "j2", "2");
	same_files(a, b, "-j 1 vs -j 2");
	char c[256];
	sweep_small(c, sizeof c, "j5", "5");
	same_files(a, c, "-j 1 vs -j 5");
}

/* Each metric of a row equals what `pelsim run --set ... --seed --policy
 * --json` prints. */
static void test_reproduce(void)
{
	char d[256], p[512];
	sweep_small(d, sizeof d, "repro", "2");
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	char *lines[64];
	size_t n = pel_t_split_lines(runs, lines, 64);
	CU_ASSERT_EQUAL_FATAL(n, 37);
	size_t pick[] = { 1, 17, 35 };
	for (size_t i = 0; i < 3; i++) {
		char *f[32];
		split_fields(lines[pick[i] + 1], f, 32);
		char s1[128], s2[128];
		snprintf(s1, sizeof s1, "workload.ccr=%s", f[2]);
		snprintf(s2, sizeof s2, "platform.devices.0.count=%s", f[3]);
		pel_t_result r;
		pel_t_run(&r, "run", SMALL, "--set", s1, "--set", s2, "--seed", f[6], "--policy", f[4], "--json");
		CHECK(r.status == 0, "run %zu replayed: status %d: %s", pick[i], r.status, r.err);
		json_error_t je;
		json_t *o = json_loads(r.out, 0, &je);
		CU_ASSERT_PTR_NOT_NULL(o);
		if (o) {
			const char *key[] = { "makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound",
					      "bytes_moved", "transfers", "events" };
			int col[] = { 8, 9, 10, 11, 12, 13, 14, 15, 16 };
			for (size_t k = 0; k < 9; k++) {
				double want = json_number_value(json_object_get(o, key[k]));
				double got = strtod(f[col[k]], NULL);
				CHECK(got == want, "run %zu: %s: runs.csv has %s, pelsim run prints %.17g", pick[i], key[k],
				      f[col[k]], want);
			}
			json_decref(o);
		}
		pel_t_result_free(&r);
	}
	free(runs);
}

static void test_bad_axes(void)
{
	char d[256];
	out_dir(d, sizeof d, "bad");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/bad_value.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "bad axis value",
				 (const char *const[]){ "bad_value.yaml:13:5", "workload.ccr", "'fast'", NULL });
	CHECK(!pel_t_exists(d), "a bad axis value left %s", d);
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", "tests/data/sweep/bad_path.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "bad axis path",
				 (const char *const[]){ "bad_path.yaml:13:5", "platform.devics.0.count", "devics", NULL });
	CHECK(!pel_t_exists(d), "a bad axis path left %s", d);
	pel_t_result_free(&r);
	/* a user --set that breaks every point */
	pel_t_run(&r, "sweep", SMALL, "--set", "workload.tasks=many", "--out", d);
	pel_t_check_one_line_all(&r, 2, "bad --set", (const char *const[]){ "workload.tasks", "many", NULL });
	CHECK(!pel_t_exists(d), "a bad --set left %s", d);
	pel_t_result_free(&r);
	/* a parameter the policy does not take: the message of run --policy */
	pel_t_run(&r, "sweep", "tests/data/sweep/bad_param.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "unknown parameter",
				 (const char *const[]){ "bad_param.yaml:13:32: policy.gamma: unknown parameter of policy 'dmda' "
							"(expected one of: alpha, beta)", NULL });
	CHECK(!pel_t_exists(d), "an unknown parameter left %s", d);
	pel_t_result_free(&r);
	/* a value only the policy's init refuses, and a schedule file that
	 * is not there: also before any run */
	pel_t_run(&r, "sweep", "tests/data/sweep/bad_param_value.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "refused parameter value",
				 (const char *const[]){ "bad_param_value.yaml:13:27: policy.d: expected a whole number of devices in "
							"[1, 2] (the platform has 2), found '0'", NULL });
	CHECK(!pel_t_exists(d), "a refused parameter value left %s", d);
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", "tests/data/sweep/bad_param_value.yaml", "--set",
		  "sweep.policies.1=fixed:schedule=no_such_schedule.txt", "--out", d);
	pel_t_check_one_line_all(&r, 2, "missing schedule file",
				 (const char *const[]){ "policy.schedule: ", "no_such_schedule.txt: cannot open", NULL });
	CHECK(!pel_t_exists(d), "a missing schedule file left %s", d);
	pel_t_result_free(&r);
	/* no sweep section */
	pel_t_run(&r, "sweep", "tests/data/layered.yaml", "--out", d);
	pel_t_check_one_line_all(&r, 2, "no sweep section", (const char *const[]){ "layered.yaml", "sweep", NULL });
	pel_t_result_free(&r);
	/* the command line */
	pel_t_run(&r, "sweep", SMALL, "-j", "0");
	pel_t_check_one_line_all(&r, 2, "-j 0", (const char *const[]){ "-j", NULL });
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep");
	pel_t_check_one_line_all(&r, 2, "no scenario", (const char *const[]){ "scenario", NULL });
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", SMALL, "--bogus");
	pel_t_check_one_line_all(&r, 2, "unknown option", (const char *const[]){ "--bogus", NULL });
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", "--help");
	CHECK(r.status == 0 && strstr(r.out, "--resume"), "sweep --help: status %d", r.status);
	pel_t_result_free(&r);
}

static void test_journal_without_resume(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "left");
	mkdir(d, 0777);
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), "");
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "-q", "--out", d);
	pel_t_check_one_line_all(&r, 2, "journal without --resume",
				 (const char *const[]){ "runs.partial.csv", "--resume", NULL });
	CHECK(!pel_t_exists(in_dir(p, sizeof p, d, "runs.csv")), "runs.csv written despite the journal");
	pel_t_result_free(&r);
	/* with --resume the empty journal is a fresh start */
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	CHECK(r.status == 0, "--resume on an empty journal: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	char a[256];
	sweep_small(a, sizeof a, "left-ref", "1");
	same_files(a, d, "resumed from an empty journal");
}

/* The first two lines of the journal of SMALL with sets (what a sweep
 * writes before its first row: its configuration and the header), read
 * from a journal that pel_sweep_open makes in dir. */
static char *journal_start_of(const char *file, const char *dir, const pel_override *sets, size_t nsets)
{
	pel_sweep *p = NULL;
	pel_sweep_job *j = NULL;
	char err[1024], path[512];
	CU_ASSERT_EQUAL_FATAL(pel_sweep_plan(file, sets, nsets, 0, &p, err, sizeof err), 0);
	pel_sweep_output o = { dir, 0, NULL, NULL };
	CU_ASSERT_EQUAL_FATAL(pel_sweep_open(p, &o, &j, err, sizeof err), 0);
	pel_sweep_abandon(j);
	pel_sweep_free(p);
	char *t = pel_t_read_file(in_dir(path, sizeof path, dir, "runs.partial.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_FATAL(pel_t_starts_with(t, "# pelsim sweep journal: config=") && pel_t_count_char(t, '\n') == 2);
	unlink(path);
	return t;
}

static char *journal_start(const char *dir, const pel_override *sets, size_t nsets)
{
	return journal_start_of(SMALL, dir, sets, nsets);
}

/* dir/runs.partial.csv: the start of SMALL's journal, then rows first..last
 * of a finished sweep's runs.csv (what a sweep killed there leaves). */
static void write_journal(const char *dir, const char *start, const char *runs_csv, size_t first, size_t last)
{
	char p[512], *runs = pel_t_read_file(runs_csv), *lines[64];
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	size_t n = pel_t_split_lines(runs, lines, 64);
	CU_ASSERT_FATAL(last < n);
	FILE *f = fopen(in_dir(p, sizeof p, dir, "runs.partial.csv"), "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(start, f);
	for (size_t i = first; i <= last; i++)
		fprintf(f, "%s\n", lines[i]);
	fclose(f);
	free(runs);
}

/* Journals written by hand: rows in any order, a torn last line, a torn
 * header; resuming ends with the files of an uninterrupted sweep. */
static void test_torn_journal(void)
{
	char a[256], p[512];
	sweep_small(a, sizeof a, "torn-ref", "1");
	char *runs = pel_t_read_file(in_dir(p, sizeof p, a, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	char *copy = strdup(runs), *lines[64];
	size_t n = pel_t_split_lines(copy, lines, 64);
	CU_ASSERT_EQUAL_FATAL(n, 37);

	/* rows 10..19 in reverse order, then half of row 20 */
	char d[256];
	out_dir(d, sizeof d, "torn");
	mkdir(d, 0777);
	char *start = journal_start(d, NULL, 0);
	size_t cap = strlen(start) + strlen(runs) + 1;
	char *j = calloc(cap, 1);
	strcat(j, start);
	for (size_t i = 20; i > 10; i--) {
		strcat(j, lines[i]);
		strcat(j, "\n");
	}
	/* the torn row: the first half of line 21, without its newline */
	size_t at = strlen(j), half = strlen(lines[21]) / 2;
	memcpy(j + at, lines[21], half);
	j[at + half] = 0;
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), j);
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "-q", "-j", "2", "--resume", "--out", d);
	CHECK(r.status == 0 && strstr(r.out, "10 from the journal"), "resume after a torn line: status %d, out %s, err %s",
	      r.status, r.out, r.err);
	pel_t_result_free(&r);
	same_files(a, d, "resumed after a torn last line");
	CHECK(!pel_t_exists(in_dir(p, sizeof p, d, "runs.partial.csv")), "the journal is left after resuming");

	/* a torn header */
	out_dir(d, sizeof d, "torn-header");
	mkdir(d, 0777);
	snprintf(j, cap, "%.*s", (int)(strchr(start, '\n') - start + 8), start);
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), j);
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	CHECK(r.status == 0, "resume after a torn header: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	same_files(a, d, "resumed after a torn header");

	/* the journal of another sweep (or an older pelsim's, without the
	 * line of its configuration): refused, the journal kept */
	out_dir(d, sizeof d, "other");
	mkdir(d, 0777);
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), "run,point,policy\n0,0,heft\n");
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "journal of another sweep",
				 (const char *const[]){ "runs.partial.csv:1", "first line", NULL });
	pel_t_result_free(&r);
	/* the right configuration, another header */
	snprintf(j, cap, "%.*srun,point,policy\n", (int)(strchr(start, '\n') - start + 1), start);
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), j);
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "journal with another header",
				 (const char *const[]){ "runs.partial.csv:2", "header", NULL });
	pel_t_result_free(&r);
	/* a row of another sweep (another seed) */
	snprintf(j, cap, "%s%s\n", start, lines[5]);
	char *seed = strstr(j + strlen(start), ",ok,");
	while (seed > j && seed[-1] != ',')
		seed--;
	*seed = *seed == '9' ? '8' : '9';
	write_file(in_dir(p, sizeof p, d, "runs.partial.csv"), j);
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "row of another sweep", (const char *const[]){ "runs.partial.csv:3", NULL });
	CHECK(pel_t_exists(in_dir(p, sizeof p, d, "runs.partial.csv")), "a refused journal was removed");
	pel_t_result_free(&r);
	free(start);
	free(j);
	free(copy);
	free(runs);
}

static size_t file_lines(const char *path)
{
	char *t = pel_t_read_file(path);
	size_t n = t ? pel_t_count_char(t, '\n') : 0;
	free(t);
	return n;
}

/* --resume where there is nothing to resume: one line, exit status 2,
 * nothing run (the folder is not even made). */
static void test_resume_nothing(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "never");
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "--resume on an empty folder",
				 (const char *const[]){ "never: --resume: expected the journal of an interrupted sweep",
							"nothing to resume", NULL });
	pel_t_result_free(&r);
	CHECK(!pel_t_exists(d), "--resume with nothing to resume made %s", d);
	mkdir(d, 0777);
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line(&r, 2, "--resume on an existing empty folder", "nothing to resume");
	pel_t_result_free(&r);
	CHECK(!pel_t_exists(in_dir(p, sizeof p, d, "runs.csv")), "--resume with nothing to resume ran the sweep");
	/* a finished sweep: nothing to resume either */
	sweep_small(d, sizeof d, "resume-finished", "1");
	char *before = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "--resume on a finished sweep",
				 (const char *const[]){ "--resume", "the sweep there finished (runs.csv)", NULL });
	pel_t_result_free(&r);
	char *after = pel_t_read_file(p);
	CHECK(before && after && !strcmp(before, after), "--resume on a finished sweep changed its runs.csv");
	free(before);
	free(after);
}

/* The journal of a sweep with tasks: 30 (SMALL's), resumed with --set
 * workload.tasks=40: its rows look like rows of the new sweep (same
 * points, policies, seeds), but its configuration differs: refused, the
 * journal kept as it was; resumed as started, it ends with the files of
 * an uninterrupted sweep. */
static void test_stale_journal(void)
{
	char ref[256], d[256], p[512], rp[512];
	sweep_small(ref, sizeof ref, "stale-ref", "1");
	out_dir(d, sizeof d, "stale");
	mkdir(d, 0777);
	char *start = journal_start(d, NULL, 0);
	write_journal(d, start, in_dir(rp, sizeof rp, ref, "runs.csv"), 1, 6);
	char *before = pel_t_read_file(in_dir(p, sizeof p, d, "runs.partial.csv"));
	const char *const cases[][4] = {
		{ "--set", "workload.tasks=40", "--set differ", "the scenario" },
		{ "--set", "sweep.policies.1=peft", "the policies", "--set" },
		{ "--set", "sweep.seed=12", "the seeds or replications", "--set" },
		{ "--check", NULL, "--check differ", "resume with the configuration it was started with" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pel_t_result r;
		if (cases[i][1])
			pel_t_run(&r, "sweep", SMALL, cases[i][0], cases[i][1], "-q", "--resume", "--out", d);
		else
			pel_t_run(&r, "sweep", SMALL, cases[i][0], "-q", "--resume", "--out", d);
		pel_t_check_one_line_all(&r, 2, cases[i][1] ? cases[i][1] : cases[i][0],
					 (const char *const[]){ "stale/runs.partial.csv: expected the journal of this sweep's configuration, found one of another",
								cases[i][2], cases[i][3], NULL });
		pel_t_result_free(&r);
		char *now = pel_t_read_file(p);
		CHECK(before && now && !strcmp(before, now), "%s: the refused journal was changed", cases[i][0]);
		free(now);
		CHECK(!pel_t_exists(in_dir(rp, sizeof rp, d, "runs.csv")), "%s: results written from a stale journal",
		      cases[i][0]);
	}
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "-q", "--resume", "--out", d);
	CHECK(r.status == 0 && strstr(r.out, "6 from the journal"), "resumed as started: status %d, out %s, err %s",
	      r.status, r.out, r.err);
	pel_t_result_free(&r);
	same_files(ref, d, "resumed as started");
	free(before);
	free(start);
}

/* The scenario edited between a kill and --resume: a value changed is
 * refused; a comment added and keys reordered (the same resolved
 * scenario) is not; a DAG file it reads edited is refused too. */
static void test_edited_scenario(void)
{
	char ref[256], d[256], p[512], rp[512], file[512];
	sweep_small(ref, sizeof ref, "edit-ref", "1");
	out_dir(d, sizeof d, "edit");
	mkdir(d, 0777);
	char *text = pel_t_read_file(SMALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	in_dir(file, sizeof file, d, "small.yaml");
	write_file(file, text);
	char *start = journal_start_of(file, d, NULL, 0);
	write_journal(d, start, in_dir(rp, sizeof rp, ref, "runs.csv"), 1, 4);
	/* tasks: 30 -> 40 */
	char *edited = strdup(text), *at = strstr(edited, "tasks: 30");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	at[8] = '4';
	write_file(file, edited);
	pel_t_result r;
	pel_t_run(&r, "sweep", file, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "edited scenario",
				 (const char *const[]){ "edit/runs.partial.csv: expected the journal of this sweep's configuration",
							"the scenario (or a file it reads) differ", NULL });
	pel_t_result_free(&r);
	CHECK(!pel_t_exists(in_dir(p, sizeof p, d, "runs.csv")), "results written after the scenario was edited");
	/* the same scenario written otherwise: a comment, seed: after policy: */
	const char *seed = "seed: 11\n";
	char *moved = calloc(strlen(text) + 64, 1);
	at = strstr(text, seed);
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	snprintf(moved, strlen(text) + 64, "# edited, not changed\n%.*s%s%s", (int)(at - text), text,
		 at + strlen(seed), seed);
	write_file(file, moved);
	pel_t_run(&r, "sweep", file, "-q", "--resume", "--out", d);
	CHECK(r.status == 0 && strstr(r.out, "4 from the journal"), "the same scenario written otherwise: status %d: %s",
	      r.status, r.err);
	pel_t_result_free(&r);
	same_files(ref, d, "resumed after a comment was added");

	/* a DAG file edited */
	out_dir(d, sizeof d, "edit-dag");
	mkdir(d, 0777);
	in_dir(file, sizeof file, d, "dag.yaml");
	write_file(file, "name: dagfile\nplatform:\n  devices:\n    - {name: p, count: 2, node: host}\n"
			 "  nodes:\n    - {name: host}\nworkload: g.dot\n"
			 "sweep:\n  axes:\n    platform.devices.0.count: [1, 2]\n  policies: [heft]\n");
	write_file(in_dir(p, sizeof p, d, "g.dot"), "digraph { a [size=10]; b [size=20]; a -> b [size=5]; }\n");
	free(start);
	start = journal_start_of(file, d, NULL, 0);
	write_file(in_dir(rp, sizeof rp, d, "runs.partial.csv"), start); /* killed before its first row */
	write_file(p, "digraph { a [size=10]; b [size=30]; a -> b [size=5]; }\n");
	pel_t_run(&r, "sweep", file, "-q", "--resume", "--out", d);
	pel_t_check_one_line(&r, 2, "edited DAG file", "the scenario (or a file it reads) differ");
	pel_t_result_free(&r);
	/* the DAG file as it was: resumed */
	write_file(p, "digraph { a [size=10]; b [size=20]; a -> b [size=5]; }\n");
	pel_t_run(&r, "sweep", file, "-q", "--resume", "--out", d);
	CHECK(r.status == 0 && strstr(r.out, "2 runs (0 failed)"), "the DAG file restored: status %d: %s", r.status,
	      r.err);
	pel_t_result_free(&r);
	free(start);
	free(moved);
	free(edited);
	free(text);
}

/* Starts SMALL with 300 tasks and reps replications (-j 2) into d and
 * kills it with SIGKILL once its journal holds min_lines lines.  Returns
 * 1 when killed so, 0 when it finished first. */
static int kill_midway(const char *d, const char *reps, size_t min_lines)
{
	const char *argv[] = { PELSIM_BIN, "sweep", SMALL, "--set", "workload.tasks=300", "--set", reps,
			       "-j", "2", "-q", "--out", d, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawn(&pid, PELSIM_BIN, &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	char p[512];
	in_dir(p, sizeof p, d, "runs.partial.csv");
	int st, gone = 0;
	for (int i = 0; i < 30000; i++) {
		if (file_lines(p) >= min_lines)
			break;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			gone = 1;
			break;
		}
		usleep(1000);
	}
	if (!gone) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	return !gone && pel_t_exists(p) && !pel_t_exists(in_dir(p, sizeof p, d, "runs.csv"));
}

/* A new sweep into a folder holding a finished one: the old results go
 * to DIR/previous/ first (said on stderr); killed early, the folder holds
 * the journal and no results, and plot refuses it. */
static void test_new_sweep_over_old(void)
{
	char d[256], p[512], q[512];
	sweep_small(d, sizeof d, "over-old", "1");
	char *old = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "--set", "sweep.replications=1", "--out", d);
	CHECK(r.status == 0 && strstr(r.err, "the results of the previous sweep in") && strstr(r.err, "previous\n"),
	      "a new sweep over a finished one: status %d, stderr %s", r.status, r.err);
	pel_t_result_free(&r);
	char *moved = pel_t_read_file(in_dir(p, sizeof p, d, "previous/runs.csv"));
	CHECK(moved && !strcmp(moved, old), "previous/runs.csv: expected the old runs.csv");
	free(moved);
	CHECK(pel_t_exists(in_dir(p, sizeof p, d, "previous/study.csv")), "previous/study.csv missing");
	char *now = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CHECK(now && pel_t_count_char(now, '\n') == 13, "runs.csv: expected the 12 runs of the new sweep");
	free(now);

	/* again, killed early: nothing left of the finished one beside the journal */
	int killed = 0;
	char reps[64];
	for (int attempt = 0, n = 10; attempt < 4 && !killed; attempt++, n *= 3) {
		snprintf(reps, sizeof reps, "sweep.replications=%d", n);
		killed = kill_midway(d, reps, 3);
		if (!killed) {
			/* it finished first: a bigger sweep, over old results again */
			char cmd[600];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
			CU_ASSERT_EQUAL(system(cmd), 0);
			sweep_small(d, sizeof d, "over-old", "1");
		}
	}
	CHECK(killed, "could not kill the sweep while it ran");
	if (!killed) {
		free(old);
		return;
	}
	for (size_t i = 0; i < 4; i++) {
		static const char *const names[] = { "runs.csv", "summary.csv", "axes.csv", "study.csv" };
		CHECK(!pel_t_exists(in_dir(p, sizeof p, d, names[i])), "%s: left beside the new journal", p);
	}
	pel_t_run(&r, "plot", d, "--out", in_dir(q, sizeof q, d, "figures"));
	pel_t_check_one_line_all(&r, 2, "plot of a sweep killed early",
				 (const char *const[]){ "over-old/runs.partial.csv: expected the results of a finished sweep, found the journal of an unfinished one",
							"--resume", NULL });
	pel_t_result_free(&r);
	CHECK(!pel_t_exists(q), "plot drew the results of an unfinished sweep");
	free(old);
}

/* A sweep killed with SIGKILL once its journal has rows, then resumed,
 * ends with the files of an uninterrupted sweep. */
static void test_kill_resume(void)
{
	char d[256], ref[256], p[512], reps[64];
	out_dir(d, sizeof d, "killed");
	out_dir(ref, sizeof ref, "killed-ref");
	int killed = 0;
	for (int attempt = 0, r = 10; attempt < 4 && !killed; attempt++, r *= 3) {
		snprintf(reps, sizeof reps, "sweep.replications=%d", r);
		const char *argv[] = { PELSIM_BIN, "sweep", SMALL, "--set", "workload.tasks=300", "--set", reps,
				       "-j", "2", "-q", "--out", d, NULL };
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		pid_t pid;
		int rc = posix_spawn(&pid, PELSIM_BIN, &fa, NULL, (char *const *)argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		in_dir(p, sizeof p, d, "runs.partial.csv");
		int st, gone = 0;
		for (int i = 0; i < 30000; i++) {
			if (file_lines(p) >= 12)
				break;
			if (waitpid(pid, &st, WNOHANG) == pid) {
				gone = 1;
				break;
			}
			usleep(1000);
		}
		if (!gone) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
		killed = !gone && pel_t_exists(p) && !pel_t_exists(in_dir(p, sizeof p, d, "runs.csv"));
		if (!killed) {
			/* it finished first: a bigger sweep */
			char cmd[600];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
			CU_ASSERT_EQUAL(system(cmd), 0);
		}
	}
	CHECK(killed, "could not kill the sweep while it ran");
	if (!killed)
		return;
	size_t rows = file_lines(in_dir(p, sizeof p, d, "runs.partial.csv"));
	CHECK(rows >= 12, "the journal of the killed sweep has %zu lines", rows);
	pel_t_result r;
	/* resumed with another --set: refused, the journal untouched */
	pel_t_run(&r, "sweep", SMALL, "--set", "workload.tasks=301", "--set", reps, "-q", "--resume", "--out", d);
	pel_t_check_one_line_all(&r, 2, "resume after kill -9 with another --set",
				 (const char *const[]){ "runs.partial.csv", "configuration", "--set", NULL });
	pel_t_result_free(&r);
	CHECK(file_lines(p) == rows, "the refused journal changed: %zu lines, was %zu", file_lines(p), rows);
	pel_t_run(&r, "sweep", SMALL, "--set", "workload.tasks=300", "--set", reps, "-j", "1", "-q", "--resume", "--out", d);
	CHECK(r.status == 0 && strstr(r.out, "from the journal"), "resume after kill -9: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", SMALL, "--set", "workload.tasks=300", "--set", reps, "-j", "2", "-q", "--out", ref);
	CHECK(r.status == 0, "reference sweep: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	same_files(ref, d, "killed with SIGKILL and resumed");
}

/* The first child of pid (Linux /proc), or -1. */
static pid_t first_child(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
	char *t = pel_t_read_file(path);
	pid_t c = t && *t ? (pid_t)atoi(t) : -1;
	free(t);
	return c;
}

/* A worker process killed mid-sweep: the runs it held fail with the
 * signal named, the others finish, the sweep exits 1. */
static void test_worker_killed(void)
{
	char d[256], p[512], reps[64];
	out_dir(d, sizeof d, "worker-killed");
	int done = 0;
	for (int attempt = 0, r = 10; attempt < 4 && !done; attempt++, r *= 3) {
		snprintf(reps, sizeof reps, "sweep.replications=%d", r);
		const char *argv[] = { PELSIM_BIN, "sweep", SMALL, "--set", "workload.tasks=1000", "--set", reps,
				       "-j", "2", "-q", "--out", d, NULL };
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		pid_t pid, child = -1;
		int rc = posix_spawn(&pid, PELSIM_BIN, &fa, NULL, (char *const *)argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		in_dir(p, sizeof p, d, "runs.partial.csv");
		int st = 0, gone = 0;
		for (int i = 0; i < 30000; i++) {
			if (file_lines(p) >= 4 && (child = first_child(pid)) > 0)
				break;
			if (waitpid(pid, &st, WNOHANG) == pid) {
				gone = 1;
				break;
			}
			usleep(1000);
		}
		if (!gone && child > 0)
			kill(child, SIGKILL);
		if (!gone)
			waitpid(pid, &st, 0);
		done = !gone && child > 0;
		if (!done) {
			char cmd[600];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
			CU_ASSERT_EQUAL(system(cmd), 0);
			if (!pel_t_exists("/proc/self/task"))
				return; /* no /proc: nothing to find the worker by */
			continue;
		}
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1, "a sweep that lost a worker: expected status 1, found %d", st);
	}
	CHECK(done, "could not kill a worker while the sweep ran");
	if (!done)
		return;
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	size_t killed = 0, ok = 0, lines = pel_t_count_char(runs, '\n');
	for (char *l = strtok(runs, "\n"); l; l = strtok(NULL, "\n")) {
		killed += strstr(l, ",failed,") && strstr(l, "killed by signal 9");
		ok += strstr(l, ",ok,") != NULL;
	}
	CHECK(killed >= 1 && killed <= 3, "expected the 1 to 3 runs of the killed worker to fail, found %zu", killed);
	CHECK(ok + killed + 1 == lines, "expected every other run to finish: %zu ok, %zu failed, %zu lines", ok, killed,
	      lines);
	free(runs);
}

/* Field k (0-based) of a CSV line without quoted fields, into buf. */
static const char *csv_field_k(const char *line, size_t k, char *buf, size_t n)
{
	for (; k && line; k--) {
		line = strchr(line, ',');
		line = line ? line + 1 : NULL;
	}
	snprintf(buf, n, "%.*s", line ? (int)strcspn(line, ",\n") : 0, line ? line : "");
	return buf;
}

/* sweep.policies in both forms: text and mapping run alike, named as
 * text in runs.csv; a parameter out of range at one point stops the
 * sweep before any run, at the value, with the command's prefix. */
static void test_policy_forms(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "forms");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/policy_forms.yaml", "-q", "--out", d);
	CHECK(r.status == 0, "policy_forms.yaml: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	/* header, then per point: pod:d=2 (text), pod:d=2 (mapping), dmda */
	char *lines[16];
	size_t nl = pel_t_split_lines(runs, lines, 16);
	CHECK(nl == 7, "policy_forms runs.csv: expected 7 lines, found %zu", nl);
	for (size_t pt = 0; pt < 2 && nl == 7; pt++) {
		const char *text = lines[1 + 3 * pt], *map = lines[2 + 3 * pt], *dmda = lines[3 + 3 * pt];
		char a[64], b[64], c[64];
		CHECK(!strcmp(csv_field_k(text, 3, a, sizeof a), "pod:d=2") &&
			      !strcmp(csv_field_k(map, 3, b, sizeof b), "pod:d=2") &&
			      !strcmp(csv_field_k(dmda, 3, c, sizeof c), "dmda:alpha=2:beta=0.5"),
		      "point %zu: expected policies pod:d=2, pod:d=2, dmda:alpha=2:beta=0.5, found %s, %s, %s", pt, a, b, c);
		/* the same run: every field after the policy column agrees */
		const char *ta = strchr(strstr(text, "pod:d=2"), ','), *mb = strchr(strstr(map, "pod:d=2"), ',');
		CHECK(ta && mb && !strcmp(ta, mb), "point %zu: text and mapping forms differ:\n%s\n%s", pt, text, map);
	}
	free(runs);
	out_dir(d, sizeof d, "pod_devices");
	pel_t_run(&r, "sweep", "tests/data/sweep/pod_devices.yaml", "-q", "--out", d);
	pel_t_check_one_line_all(&r, 2, "pod:d=3 on 2 devices",
				 (const char *const[]){ "pelsim sweep: tests/data/sweep/pod_devices.yaml:13:36: policy.d: "
							"expected a whole number of devices in [1, 2] (the platform has 2), "
							"found '3'", NULL });
	CHECK(!pel_t_exists(d), "a refused parameter at the second point left %s", d);
	pel_t_result_free(&r);
	/* --set replaces a list item's mapping by text */
	pel_t_run(&r, "sweep", "tests/data/sweep/pod_devices.yaml", "-q", "--set", "sweep.policies.1=pod:d=2",
		  "--out", d);
	CHECK(r.status == 0, "--set sweep.policies.1=pod:d=2: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
}

static void test_failed_runs(void)
{
	char d[256], p[512];
	out_dir(d, sizeof d, "failing");
	pel_t_result r;
	pel_t_run(&r, "sweep", "tests/data/sweep/failing.yaml", "-j", "2", "-q", "--out", d);
	CHECK(r.status == 1, "failing.yaml: expected status 1, found %d", r.status);
	CHECK(strstr(r.err, "2 of 8 runs failed") && pel_t_count_char(r.err, '\n') == 1,
	      "failing.yaml: expected one line saying 2 of 8 runs failed, found: %s", r.err);
	CHECK(strstr(r.out, "runs.csv") != NULL, "failing.yaml: no final line: %s", r.out);
	pel_t_result_free(&r);
	char *runs = pel_t_read_file(in_dir(p, sizeof p, d, "runs.csv"));
	char *sum = pel_t_read_file(in_dir(p, sizeof p, d, "summary.csv"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	char *lines[16];
	size_t n = pel_t_split_lines(runs, lines, 16);
	CU_ASSERT_EQUAL_FATAL(n, 9);
	/* fixed at the second point (13 tasks) fails; everything else runs */
	for (size_t i = 1; i < n; i++) {
		int fails = strstr(lines[i], "fixed:") && !strncmp(strchr(lines[i], ',') + 1, "1,13,", 5);
		CHECK(strstr(lines[i], fails ? ",failed,,,,,,,,,,,,,,2,2,2," : ",ok,") != NULL, "row %zu: %s", i - 1,
		      lines[i]);
		if (fails)
			CU_ASSERT_PTR_NOT_NULL(strstr(lines[i], "failing_schedule.txt: task 't12' is assigned no device"));
	}
	n = pel_t_split_lines(sum, lines, 16);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT(!strncmp(lines[1], "0,12,heft,2,2,2,2,", 18));
	CU_ASSERT(!strncmp(lines[2], "0,12,fixed:schedule=failing_schedule.txt,2,2,2,2,", 49));
	CU_ASSERT(!strncmp(lines[4], "1,13,fixed:schedule=failing_schedule.txt,0,2,2,2,,,", 51));
	free(runs);
	free(sum);
}

static void test_progress(void)
{
	char d[256];
	out_dir(d, sizeof d, "progress");
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL, "--out", d);
	CHECK(r.status == 0 && strstr(r.err, "sweep: 36/36 runs\n") && !strchr(r.err, '\r'),
	      "progress off a terminal: expected plain lines ending 'sweep: 36/36 runs', found: %s", r.err);
	CHECK(strstr(r.out, "36 runs (0 failed)") && strstr(r.out, "summary.csv"), "final line: %s", r.out);
	pel_t_result_free(&r);
	pel_t_run(&r, "sweep", SMALL, "-q", "--out", d);
	CHECK(r.status == 0 && r.nerr == 0, "--quiet: expected nothing on stderr, found: %s", r.err);
	pel_t_result_free(&r);
}

#ifdef PEL_MPIEXEC
/* mpirun -np 1 and -np 3: the files of a local sweep. */
static void test_mpi(void)
{
	char a[256], d[256];
	sweep_small(a, sizeof a, "mpi-ref", "1");
	/* OpenMPI's own allocations at MPI_Init are not ours to report */
	const char *env[] = { "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
			      "ASAN_OPTIONS=detect_leaks=0", "OMPI_MCA_btl_vader_single_copy_mechanism=none", NULL };
	const char *np[] = { "1", "3" };
	for (int i = 0; i < 2; i++) {
		char name[32];
		snprintf(name, sizeof name, "mpi-%s", np[i]);
		out_dir(d, sizeof d, name);
		pel_t_result r;
		pel_t_run_env(&r, PEL_MPIEXEC, env,
			      (const char *const[]){ "--oversubscribe", "-np", np[i], PELSIM_BIN, "sweep", SMALL, "-q",
						     "--out", d, NULL });
		CHECK(r.status == 0, "mpirun -np %s: status %d: %s", np[i], r.status, r.err);
		pel_t_result_free(&r);
		same_files(a, d, np[i][0] == '1' ? "mpirun -np 1" : "mpirun -np 3");
	}
}
#endif

/* ---- set-up ---- */

/* Enters the source tree and makes tmp_root; 0, or -1 with a message. */
static int setup(void)
{
	if (pel_t_enter_source_dir())
		return -1;
	if (!pel_t_tmpdir(tmp_root, sizeof tmp_root, "sweep")) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

/* Removes tmp_root, kept when a case failed. */
static void teardown(unsigned failed)
{
	if (!failed)
		pel_t_rm_tree(tmp_root);
	else
		fprintf(stderr, "test_sweep: files kept in %s\n", tmp_root);
}

int main(int argc, char **argv)
{
	static const pel_t_test sweep[] = {
		{ "seeds", test_seeds },
		{ "points: product and zip", test_points },
		{ "points: none, too many, wrapping", test_points_limits },
		{ "points: an axis value too big to generate", test_points_too_big },
		{ "range axes", test_ranges },
		{ "statistics", test_stats },
		{ "policies as written", test_policy_spec },
		{ "runs.csv and summary.csv", test_files },
		{ "capacity of a heterogeneous machine", test_capacity },
		{ "zipped axes, the scenario's policy", test_zip },
		{ "-j 1, -j 2, -j 5: same files", test_jobs_identical },
		{ "a row replayed by pelsim run", test_reproduce },
		{ "bad axes and usage", test_bad_axes },
		{ "a journal without --resume", test_journal_without_resume },
		{ "torn and foreign journals", test_torn_journal },
		{ "kill -9 and --resume", test_kill_resume },
		{ "--resume with nothing to resume", test_resume_nothing },
		{ "a journal of another configuration", test_stale_journal },
		{ "the scenario edited before --resume", test_edited_scenario },
		{ "a new sweep over old results, killed", test_new_sweep_over_old },
		{ "failed runs", test_failed_runs },
		{ "policies as text and as mappings", test_policy_forms },
		{ "a worker killed", test_worker_killed },
		{ "progress", test_progress },
#ifdef PEL_MPIEXEC
		{ "mpirun -np 1 and -np 3", test_mpi },
#endif
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "sweep", sweep },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, setup, teardown);
}
