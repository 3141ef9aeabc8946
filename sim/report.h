/* report.h - what a run prints: a text summary, a JSON object, and the
 * schedule as CSV. */
#ifndef PEL_REPORT_H
#define PEL_REPORT_H

#include "simulate.h"

#include <stdio.h>

/* Identifies a run in the reports. */
typedef struct {
	const char *scenario;  /* scenario name */
	const char *policy;
	uint64_t seed;
} pel_run_info;

/* Writes x in the shortest of %.15g / %.17g that reads back exactly. */
const char *pel_fmt_double(char *buf, size_t n, double x);

/* Human-readable summary: makespan, events, bytes moved, one line per device. */
void pel_report_text(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r);
/* One JSON object on one line, keys: scenario, policy, seed, makespan,
 * events, tasks, transfers, bytes_moved, devices [{name, class, slots,
 * tasks, busy, utilization}]. */
void pel_report_json(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r);
/* Writes the schedule as CSV: one row per task, then one per transfer
 * (needs a result recorded with record_transfers).  Returns 0, or -1 with
 * errno set when the file cannot be written. */
int pel_report_schedule(const char *path, const pel_model *m, const pel_sim_result *r);

#endif
