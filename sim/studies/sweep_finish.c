/* sweep_finish.c - a finished sweep: statistics per point and policy,
 * and its files (runs.csv, summary.csv, axes.csv, study.csv) written
 * whole and renamed into place. */
#include "sweep_int.h"

#include "../../common/alloc.h"
#include "../formats/fileio.h"

#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- statistics ---- */

void pel_sweep_stats(const double *x, size_t n, double *mean, double *sd, double *ci95)
{
	if (!n) {
		*mean = *sd = *ci95 = NAN;
		return;
	}
	*mean = gsl_stats_mean(x, 1, n);
	if (n == 1) {
		*sd = *ci95 = 0;
		return;
	}
	*sd = gsl_stats_sd_m(x, 1, n, *mean);
	*ci95 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * *sd / sqrt((double)n);
}

/* ---- the final files ---- */

/* Writes text (n bytes) to path under its temporary name (o), synced
 * (the journal goes once the results are in place); 0, or -1 with the
 * message, nothing left behind. */
static int write_tmp(pel_outfile *o, const char *path, const char *text, size_t n, char *err,
		     size_t errlen)
{
	if (pel_out_open(o, path, err, errlen))
		return -1;
	/* a failed fwrite or fflush is left to pel_out_close, which says why */
	if (fwrite(text, 1, n, o->f) == n && !fflush(o->f) && fsync(fileno(o->f))) {
		snprintf(err, errlen, "%s: write error: %s", path, strerror(errno));
		pel_out_discard(o);
		return -1;
	}
	return pel_out_close(o, err, errlen);
}

/* summary.csv: one row per point and policy. */
static void summary(const pel_sweep_job *j, pel_strbuf *b)
{
	const pel_sweep *p = j->p;
	size_t na = p->w->naxes;
	size_t c_status = na + 5, c_metric = na + 6, c_dev = c_metric + NMETRICS;
	pel_strbuf_puts(b, "point");
	for (size_t a = 0; a < na; a++) {
		pel_strbuf_puts(b, ",");
		pel_csv_append_field(b, p->w->axes[a].path);
	}
	pel_strbuf_puts(b, ",policy,n,devices,slots,capacity");
	for (size_t m = 0; m < NMETRICS; m++)
		pel_strbuf_printf(b, ",%s_mean,%s_sd,%s_ci95", pel_sw_metric_names[m], pel_sw_metric_names[m], pel_sw_metric_names[m]);
	pel_strbuf_puts(b, "\n");
	double *x = pel_xcalloc((size_t)p->reps * NMETRICS + 1, sizeof *x);
	size_t *nx = pel_xcalloc(NMETRICS, sizeof *nx);
	for (size_t pt = 0; pt < p->npoints; pt++)
		for (size_t k = 0; k < p->npol; k++) {
			size_t n = 0;
			char dev[32] = "", slots[32] = "", cap[64] = "";
			memset(nx, 0, NMETRICS * sizeof *nx);
			for (uint32_t rep = 0; rep < p->reps; rep++) {
				size_t run = (pt * p->reps + rep) * p->npol + k;
				char **f, *st;
				size_t nf = pel_sw_csv_split(j->rows[run], &f, &st);
				if (nf > c_dev + 2) {
					if (!*dev && *f[c_dev]) {
						snprintf(dev, sizeof dev, "%s", f[c_dev]);
						snprintf(slots, sizeof slots, "%s", f[c_dev + 1]);
						snprintf(cap, sizeof cap, "%s", f[c_dev + 2]);
					}
					if (!strcmp(f[c_status], "ok")) {
						n++;
						for (size_t m = 0; m < NMETRICS; m++)
							if (*f[c_metric + m])
								x[m * p->reps + nx[m]++] = strtod(f[c_metric + m], NULL);
					}
				}
				free(f);
				free(st);
			}
			pel_strbuf_printf(b, "%zu,", pt);
			for (size_t a = 0; a < na; a++) {
				pel_csv_append_field(b, pel_sw_axis_value(p, pt, a));
				pel_strbuf_puts(b, ",");
			}
			pel_csv_append_field(b, p->pol[k].text);
			pel_strbuf_printf(b, ",%zu,%s,%s,%s", n, dev, slots, cap);
			for (size_t m = 0; m < NMETRICS; m++) {
				if (!nx[m]) {
					pel_strbuf_puts(b, ",,,");
					continue;
				}
				double mean, sd, ci;
				pel_sweep_stats(x + m * p->reps, nx[m], &mean, &sd, &ci);
				pel_strbuf_puts(b, ",");
				pel_sw_sb_double(b, mean);
				pel_strbuf_puts(b, ",");
				pel_sw_sb_double(b, sd);
				pel_strbuf_puts(b, ",");
				pel_sw_sb_double(b, ci);
			}
			pel_strbuf_puts(b, "\n");
		}
	free(x);
	free(nx);
}

/* runs.csv: the header, then every row in run order; counts the failed
 * runs and names the first in rep. */
static void runs_csv(const pel_sweep_job *j, pel_sweep_report *rep, pel_strbuf *runs)
{
	const pel_sweep *p = j->p;
	size_t na = p->w->naxes;
	pel_strbuf_puts(runs, p->header);
	pel_strbuf_puts(runs, "\n");
	for (size_t r = 0; r < p->nruns; r++) {
		pel_strbuf_puts(runs, j->rows[r]);
		pel_strbuf_puts(runs, "\n");
		char **f, *st;
		size_t nf = pel_sw_csv_split(j->rows[r], &f, &st);
		if (nf > na + 5 && strcmp(f[na + 5], "ok")) {
			if (!rep->failed++)
				snprintf(rep->first_failure, sizeof rep->first_failure,
					 "run %zu (point %zu, %s, replication %u): %s", r, pel_sw_run_point(p, r),
					 p->pol[pel_sw_run_policy(p, r)].text, pel_sw_run_rep(p, r), f[nf - 1]);
		}
		free(f);
		free(st);
	}
}

/* axes.csv: how the figures name each axis (sweep.labels). */
static void axes_csv(const pel_sweep *p, pel_strbuf *axes)
{
	pel_strbuf_puts(axes, "axis,label\n");
	for (size_t a = 0; a < p->w->naxes; a++) {
		pel_csv_append_field(axes, p->w->axes[a].path);
		pel_strbuf_puts(axes, ",");
		pel_csv_append_field(axes, p->w->axes[a].label ? p->w->axes[a].label : "");
		pel_strbuf_puts(axes, "\n");
	}
}

/* study.csv: what kind of study it is (sweep.scaling), for the figures;
 * what the results are of, and how many rows make them whole (plot
 * checks). */
static void study_csv(const pel_sweep *p, pel_strbuf *study)
{
	pel_strbuf_printf(study, "key,value\nscaling,%s\n", p->w->weak ? "weak" : "strong");
	pel_strbuf_printf(study, "config,%016" PRIx64 "\npoints,%zu\npolicies,%zu\nreplications,%u\n", p->id.config,
			  p->npoints, p->npol, p->reps);
}

/* The final files of a sweep: their names and texts. */
enum { NFILES = 4 };
static const char *const final_names[NFILES] = { "runs.csv", "summary.csv", "axes.csv", "study.csv" };

/* Writes each text whole beside its place (DIR/final_names[i]), then
 * renames them all into place and removes the journal: 0, or -1 with
 * err (nothing renamed when a write failed).  final[i]: the paths. */
static int put_files(const pel_sweep_job *j, pel_strbuf *const text[NFILES], char *final[NFILES], char *err,
		     size_t errlen)
{
	pel_outfile out[NFILES];
	memset(out, 0, sizeof out);
	int rc = 0;
	for (size_t i = 0; i < NFILES && !rc; i++)
		if (write_tmp(&out[i], final[i], text[i]->s, text[i]->n, err, errlen))
			rc = -1;
	for (size_t i = 0; i < NFILES; i++)
		if (rc)
			pel_out_discard(&out[i]);
		else if (pel_out_commit(&out[i], err, errlen))
			rc = -1;
	if (!rc && unlink(j->journal)) {
		snprintf(err, errlen, "%s: cannot remove the journal (%s)", j->journal, strerror(errno));
		rc = -1;
	}
	return rc;
}

int pel_sweep_finish(pel_sweep_job *j, pel_sweep_report *rep, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	memset(rep, 0, sizeof *rep);
	if (j->done != p->nruns) {
		snprintf(err, errlen, "%s: %zu of %zu runs are missing", j->dir, p->nruns - j->done, p->nruns);
		pel_sweep_abandon(j);
		return -1;
	}
	rep->runs = p->nruns;
	rep->resumed = j->resumed;
	pel_strbuf runs = { 0 }, sum = { 0 }, axes = { 0 }, study = { 0 };
	runs_csv(j, rep, &runs);
	summary(j, &sum);
	axes_csv(p, &axes);
	study_csv(p, &study);
	pel_strbuf *const text[NFILES] = { &runs, &sum, &axes, &study };
	char *final[NFILES];
	for (size_t i = 0; i < NFILES; i++)
		final[i] = pel_sw_path_in(j->dir, final_names[i]);
	int rc = put_files(j, text, final, err, errlen);
	if (!rc) {
		snprintf(rep->runs_csv, sizeof rep->runs_csv, "%s", final[0]);
		snprintf(rep->summary_csv, sizeof rep->summary_csv, "%s", final[1]);
	}
	for (size_t i = 0; i < NFILES; i++) {
		free(final[i]);
		free(text[i]->s);
	}
	pel_sweep_abandon(j);
	return rc;
}
