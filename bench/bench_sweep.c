/* bench_sweep.c - how fast a sweep of small runs goes, with one and with
 * two worker processes: the cost of the sweep machinery (planning, the
 * scenario loaded per point and replication, the pipes, the journal, the
 * final files) around runs of about a millisecond. */
#define _GNU_SOURCE
#include "bench_common.h"
#include "bench_sweep.h"

#include "../sim/studies/sweep.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPS 3

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = 0;
	fclose(f);
	return s;
}

/* One whole sweep of file into dir with jobs workers; returns its
 * seconds, or -1 after a message. */
static double sweep_once(const char *file, const char *dir, int jobs, size_t *runs)
{
	char err[2048];
	double t0 = pel_bench_now_s();
	pel_sweep *p = NULL;
	pel_sweep_job *j = NULL;
	pel_sweep_report rep;
	if (pel_sweep_plan(file, NULL, 0, 0, &p, err, sizeof err)) {
		fprintf(stderr, "bench sweep: %s\n", err);
		return -1;
	}
	pel_sweep_output o = { dir, 0, NULL, NULL };
	if (pel_sweep_open(p, &o, &j, err, sizeof err) || pel_sweep_run_local(j, jobs, err, sizeof err) ||
	    pel_sweep_finish(j, &rep, err, sizeof err)) {
		fprintf(stderr, "bench sweep: %s\n", err);
		pel_sweep_free(p);
		return -1;
	}
	double t = pel_bench_now_s() - t0;
	*runs = rep.runs;
	pel_sweep_free(p);
	return rep.failed ? -1 : t;
}

void pel_bench_sweep(int quick)
{
	char root[] = "/tmp/pel_bench_sweep_XXXXXX";
	if (!mkdtemp(root)) {
		perror("bench sweep: mkdtemp");
		return;
	}
	int reps = quick ? 8 : 40;
	char file[256], d1[256], d2[256];
	snprintf(file, sizeof file, "%s/bench.yaml", root);
	snprintf(d1, sizeof d1, "%s/j1", root);
	snprintf(d2, sizeof d2, "%s/j2", root);
	FILE *f = fopen(file, "w");
	if (!f) {
		perror(file);
		goto out;
	}
	fprintf(f,
		"name: bench-sweep\n"
		"seed: 1\n"
		"platform:\n"
		"  network: ideal\n"
		"  devices:\n"
		"    - {name: p, count: 4}\n"
		"workload: {generate: layered, tasks: 50, shape: 1.0, outdegree: 3, work: 20, beta: 1.0, ccr: 1.0}\n"
		"sweep:\n"
		"  axes:\n"
		"    workload.ccr: [0.1, 0.5, 1.0, 5.0, 10.0]\n"
		"  policies: [heft, cpop, peft, dmda, eager]\n"
		"  replications: %d\n",
		reps);
	if (fclose(f)) {
		perror(file);
		goto out;
	}
	double best[2] = { 0, 0 };
	size_t runs = 0;
	for (int k = 0; k < 2; k++) {
		const char *dir = k ? d2 : d1;
		for (int r = 0; r < REPS; r++) {
			double t = sweep_once(file, dir, k + 1, &runs);
			if (t < 0)
				goto out;
			if (!best[k] || t < best[k])
				best[k] = t;
		}
	}
	char a[300], b[300];
	snprintf(a, sizeof a, "%s/runs.csv", d1);
	snprintf(b, sizeof b, "%s/runs.csv", d2);
	char *x = slurp(a), *y = slurp(b);
	int same = x && y && !strcmp(x, y);
	free(x);
	free(y);
	printf("# sweep: layered DAGs of 50 tasks on 4 processors, 5 CCR x 5 policies x %d replications = %zu runs;"
	       " whole sweeps (plan, runs, journal, runs.csv, summary.csv), best of %d; -j 1 and -j 2 runs.csv %s\n",
	       reps, runs, REPS, same ? "identical" : "DIFFER");
	printf("sweep_runs_per_s_j1 %.6g runs/s\n", (double)runs / best[0]);
	printf("sweep_runs_per_s_j2 %.6g runs/s\n", (double)runs / best[1]);
	printf("sweep_scaling_j2 %.6g x\n", best[0] / best[1]);
	fflush(stdout);
out:
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
