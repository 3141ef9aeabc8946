/* report.h - what a run prints: a text summary, a JSON object, and the
 * schedule as CSV. */
#ifndef PEL_REPORT_H
#define PEL_REPORT_H

#include "../simulation/metrics.h"
#include "../simulation/simulate.h"

#include <stdio.h>

/* Identifies a run in the reports. */
typedef struct {
	const char *scenario;  /* scenario name */
	const char *policy;
	uint64_t seed;
} pel_run_info;

/* Writes x in the shortest of %.15g / %.17g that reads back exactly. */
const char *pel_fmt_double(char *buf, size_t n, double x);

/* Human-readable summary: makespan, the metrics, events, bytes moved,
 * one line per device. */
void pel_report_text(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r, const pel_metrics *x);
/* One JSON object on one line, keys: scenario, policy, seed, makespan,
 * slr, speedup, efficiency, imbalance, lower_bound, events, tasks,
 * transfers, bytes_moved, devices [{name, class, slots, tasks, busy,
 * utilization}], and for streams response_mean, response_p95,
 * response_p99, throughput. */
void pel_report_json(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r, const pel_metrics *x);
/* Header and one row of the table comparing policies on one scenario. */
void pel_report_compare_header(FILE *f, const pel_model *m, int streams);
void pel_report_compare_row(FILE *f, const pel_run_info *info, const pel_sim_result *r,
			    const pel_metrics *x);
/* Writes the schedule as CSV to f: one row per task, then one per transfer
 * (needs a result recorded with record_transfers).  The caller checks f
 * (sim/formats/fileio.h: pel_out_commit). */
void pel_report_schedule(FILE *f, const pel_model *m, const pel_sim_result *r);

#endif
