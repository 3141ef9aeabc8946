/* sweep.h - a sweep: the points of a scenario's `sweep:` section, times
 * its policies, times its replications, one simulation each.
 *
 * Points are the cartesian product of the axes (the first axis varies
 * slowest) or the axes zipped.  Runs are numbered point by point, then
 * replication by replication, then policy by policy in the order of
 * sweep.policies; the run seed depends on the point and the replication
 * only, so every policy meets the same random instances:
 *     seed = pel_seed_mix(pel_seed_mix(base, point), replication) & INT64_MAX.
 * One run is pel_scenario_load(file, user --set + axis values + seed) and
 * pel_run_policy (runone.h), exactly what `pelsim run FILE --set AXIS=V...
 * --seed SEED --policy P` does, so any row can be replayed alone.
 *
 * The runs are handed out, a (point, replication) at a time, to worker
 * processes (fork) or MPI ranks; each finished row is appended to the
 * journal DIR/runs.partial.csv with one write and fdatasync, so a sweep
 * killed at any moment can be resumed.  The journal's first line records
 * the digests of the sweep's configuration (results.h): the resolved
 * scenario (its YAML after --set, included files in place, and the
 * platform and DAG each point loads), the --set list, the policies, the
 * seeds and replications, --check; a journal of another configuration is
 * refused, never mixed in.  A sweep that starts afresh first moves the
 * results of an earlier one in DIR to DIR/previous/.  At the end DIR/runs.csv (one row
 * per run, in run order) and DIR/summary.csv (mean, standard deviation and
 * 95% confidence half-width of every metric per point and policy) are
 * written to temporary files and renamed, and the journal is removed: the
 * files are the same bytes whatever the number of workers and however
 * often the sweep was interrupted.  Both name the machine of each point:
 * devices, slots and capacity (the sum over devices of speed * slots, in
 * flop/s; the number of slots where every speed is the default 1). */
#ifndef PEL_SWEEP_H
#define PEL_SWEEP_H

#include "../formats/csv.h"
#include "../formats/scenario.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the pieces, also used by the tests ---- */

/* The seed of the runs at (point, replication) of a sweep with base seed. */
uint64_t pel_sweep_seed(uint64_t base, uint64_t point, uint64_t replication);
/* How many points the axes of w give: 0 for none, or for more than
 * PEL_MAX_SWEEP_POINTS (pel_sweep_spec_points tells which axis). */
size_t pel_sweep_npoints(const pel_sweep_spec *w);
/* The value index of each axis at point (idx has w->naxes entries). */
void pel_sweep_point(const pel_sweep_spec *w, size_t point, size_t *idx);
/* Mean, sample standard deviation and half-width of the 95% confidence
 * interval of the mean (Student's t with n - 1 degrees of freedom) of
 * x[0..n-1]; sd and ci95 are 0 when n = 1, everything NAN when n = 0. */
void pel_sweep_stats(const double *x, size_t n, double *mean, double *sd, double *ci95);

/* ---- planning ---- */

typedef struct pel_sweep pel_sweep;

/* Reads the scenario with the user's overrides, expands its points and
 * loads each point once (axis values applied) to check it.  Returns 0 and
 * *out, or -1 with a one-line message in err (bad input: exit status 2);
 * a bad axis value names the axis's file:line:col, path and value. */
int pel_sweep_plan(const char *file, const pel_override *sets, size_t nsets, int check,
		   pel_sweep **out, char *err, size_t errlen);
/* Frees a plan. */
void pel_sweep_free(pel_sweep *p);
/* The scenario's name, the number of points and of runs. */
const char *pel_sweep_name(const pel_sweep *p);
size_t pel_sweep_npoints_of(const pel_sweep *p);
size_t pel_sweep_nruns(const pel_sweep *p);
/* The number of policies: the most runs one piece of work holds. */
size_t pel_sweep_npolicies(const pel_sweep *p);

/* ---- running ---- */

/* Receives one finished row (a CSV line without its newline). */
typedef void (*pel_sweep_emit)(void *arg, size_t run, const char *row);
/* Runs the runs listed (all of one point and replication, as
 * pel_sweep_next gives them) in this process, in order. */
void pel_sweep_run_list(const pel_sweep *p, const size_t *runs, size_t n, pel_sweep_emit emit, void *arg);

/* Where the rows go and who hears about progress. */
typedef struct {
	const char *outdir;  /* created when missing */
	int resume;          /* continue from DIR/runs.partial.csv */
	/* called after each finished run: done of total, of which
	 * `resumed` were found in the journal; may be NULL */
	void (*progress)(void *arg, size_t done, size_t total, size_t resumed);
	void *progress_arg;
} pel_sweep_output;

/* What a finished sweep tells. */
typedef struct {
	size_t runs, failed, resumed;
	char first_failure[512];  /* "run N (point P, POLICY, replication R): why" */
	char runs_csv[4096], summary_csv[4096];
} pel_sweep_report;

typedef struct pel_sweep_job pel_sweep_job;

/* Opens DIR and its journal (reading it with o->resume); starting afresh,
 * moves an earlier sweep's results to DIR/previous/.  Returns 0 and *out,
 * or an exit status (2: bad input, such as a journal left without
 * --resume, --resume with no journal, a journal of another configuration;
 * 1: a file that cannot be written or moved) with a message in err. */
int pel_sweep_open(pel_sweep *p, const pel_sweep_output *o, pel_sweep_job **out, char *err, size_t errlen);
/* The next piece of work: the runs of one (point, replication) still to
 * do, at most max of them (max >= the number of policies).  Returns how
 * many; 0 once everything was handed out. */
size_t pel_sweep_next(pel_sweep_job *j, size_t *runs, size_t max);
/* Takes a finished row from a worker: journals it.  Returns 0, or -1 when
 * it is no row of a run still to do, or on a write error (err says). */
int pel_sweep_accept(pel_sweep_job *j, const char *row, char *err, size_t errlen);
/* Records run as failed for a reason outside it (its worker died). */
int pel_sweep_lost(pel_sweep_job *j, size_t run, const char *why, char *err, size_t errlen);
/* The plan of a job. */
const pel_sweep *pel_sweep_job_plan(const pel_sweep_job *j);
/* Runs everything left with `jobs` worker processes.  Returns 0, or -1
 * with a message in err (a pipe or fork failed). */
int pel_sweep_run_local(pel_sweep_job *j, int jobs, char *err, size_t errlen);
/* Runs everything left in this process. */
int pel_sweep_run_inline(pel_sweep_job *j, char *err, size_t errlen);
/* Writes runs.csv and summary.csv (once every run is in), removes the
 * journal and frees the job.  Returns 0, or -1 with a message in err. */
int pel_sweep_finish(pel_sweep_job *j, pel_sweep_report *rep, char *err, size_t errlen);
/* Frees a job without writing anything (the journal stays). */
void pel_sweep_abandon(pel_sweep_job *j);
/* The folder where opening moved the results of an earlier sweep in DIR
 * (DIR/previous), or NULL when there were none. */
const char *pel_sweep_moved(const pel_sweep_job *j);

#endif
