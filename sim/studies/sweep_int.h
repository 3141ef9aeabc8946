/* sweep_int.h - what the files of a sweep share (not public API):
 *   sweep.c          the plan: points, axes, checks, the configuration's digests
 *   sweep_run.c      one run -> one row of runs.csv
 *   sweep_journal.c  the job: its folder, the journal, resuming, handing out runs
 *   sweep_workers.c  running the runs, in this process or in forked workers
 *   sweep_finish.c   statistics and the final files (runs.csv, summary.csv, ...) */
#ifndef PEL_SWEEP_INT_H
#define PEL_SWEEP_INT_H

#include "sweep.h"
#include "results.h"
#include "../formats/digest.h"

#include <stddef.h>
#include <stdint.h>

/* The metrics of a row, in column order (sweep.c checks their number). */
#define NMETRICS 13
extern const char *const pel_sw_metric_names[];

struct pel_sweep {
	char *file;
	pel_override *sets;  /* the user's --set (strings owned) */
	size_t nsets;
	int check;
	pel_scenario *base;  /* loaded with the user's overrides */
	const pel_sweep_spec *w;
	size_t npoints, nruns, npol;
	uint32_t reps;
	uint64_t seed;
	pel_policy_spec *pol;
	size_t *stride;      /* per axis: points between two of its values (product) */
	char *header;        /* of runs.csv, no newline */
	pel_digest models;   /* of each point's platform and DAG, as loaded */
	pel_config_id id;    /* what the journal records (results.h) */
};

struct pel_sweep_job {
	pel_sweep *p;
	pel_sweep_output o;
	char *dir, *journal;
	int fd;              /* the journal, locked */
	char **rows;         /* per run, NULL until finished */
	size_t done, resumed;
	size_t cursor;       /* next (point, replication) to hand out */
	double synced;       /* when the journal was last synced */
	char *moved;         /* where an earlier sweep's results went, or NULL */
};

/* The point of a run. */
static inline size_t pel_sw_run_point(const pel_sweep *p, size_t run)
{
	return run / p->npol / p->reps;
}

/* The replication of a run. */
static inline uint32_t pel_sw_run_rep(const pel_sweep *p, size_t run)
{
	return (uint32_t)(run / p->npol % p->reps);
}

/* The policy (index in p->pol) of a run. */
static inline size_t pel_sw_run_policy(const pel_sweep *p, size_t run)
{
	return run % p->npol;
}

/* ---- sweep.c ---- */

/* The value of an axis at a point. */
const char *pel_sw_axis_value(const pel_sweep *p, size_t point, size_t axis);
/* Loads the scenario at point with seed; only_axis < naxes applies that
 * axis alone (to find the one at fault).  0, or -1 with err. */
int pel_sw_load_point(const pel_sweep *p, size_t point, uint64_t seed, size_t only_axis, pel_scenario **s,
		      char *err, size_t errlen);

/* ---- sweep_run.c ---- */

/* Appends x to b as the CSV files print numbers (pel_fmt_double). */
void pel_sw_sb_double(pel_strbuf *b, double x);
/* Splits a copy of one CSV line into fields (an unterminated quote runs
 * to the end).  Returns the number of fields; *store holds them (free it
 * and *fields). */
size_t pel_sw_csv_split(const char *line, char ***fields, char **store);

/* Appends "run,point,axes...,policy,replication,seed," of a run to b. */
void pel_sw_row_prefix(const pel_sweep *p, size_t run, pel_strbuf *b);
/* The row of a failed run (allocated): empty metrics; devices, slots and
 * capacity when s, the scenario, was loaded. */
char *pel_sw_failed_row(const pel_sweep *p, size_t run, const pel_scenario *s, const char *why);
/* Checks that row is the row of a run of this plan; returns its index or
 * (size_t)-1. */
size_t pel_sw_row_run(const pel_sweep *p, const char *row);

/* ---- sweep_journal.c ---- */

/* Writes all of buf; returns 0 or -1 (errno set). */
int pel_sw_write_all(int fd, const char *buf, size_t n);
/* "DIR/NAME", allocated. */
char *pel_sw_path_in(const char *dir, const char *name);

#endif
