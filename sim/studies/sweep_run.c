/* sweep_run.c - one run of a sweep -> its row of runs.csv; the rows of
 * one (point, replication), run in this process. */
#include "sweep_int.h"

#include "../../common/alloc.h"
#include "../formats/report.h"
#include "runone.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV pieces ---- */

/* Appends x to b as the CSV files print numbers (pel_fmt_double). */
void pel_sw_sb_double(pel_strbuf *b, double x)
{
	char buf[64];
	pel_strbuf_puts(b, pel_fmt_double(buf, sizeof buf, x));
}

/* Splits a copy of one CSV line into fields (an unterminated quote runs
 * to the end).  Returns the number of fields; *store holds them (free it
 * and *fields). */
size_t pel_sw_csv_split(const char *line, char ***fields, char **store)
{
	size_t cap = 0;
	*fields = NULL;
	*store = pel_xstrdup(line);
	return pel_csv_split(*store, fields, &cap, NULL);
}

/* ---- one run ---- */

/* "run,point,axes...,policy,replication,seed," */
void pel_sw_row_prefix(const pel_sweep *p, size_t run, pel_strbuf *b)
{
	size_t pt = pel_sw_run_point(p, run);
	uint32_t rep = pel_sw_run_rep(p, run);
	pel_strbuf_printf(b, "%zu,%zu,", run, pt);
	for (size_t a = 0; a < p->w->naxes; a++) {
		pel_csv_append_field(b, pel_sw_axis_value(p, pt, a));
		pel_strbuf_puts(b, ",");
	}
	pel_csv_append_field(b, p->pol[pel_sw_run_policy(p, run)].text);
	pel_strbuf_printf(b, ",%u,%llu,", rep, (unsigned long long)pel_sweep_seed(p->seed, pt, rep));
}

/* ",devices,slots,capacity,": the capacity of a machine is the sum of
 * speed * slots over its devices (flop/s; with explicit task times, where
 * every speed is 1, the number of slots): a GPU slot counts for what it
 * can do, not as one more core. */
static void sb_platform(pel_strbuf *b, const pel_platform *pf)
{
	double cap = 0;
	for (uint32_t d = 0; d < pf->ndevices; d++)
		cap += pf->devices[d].speed * pf->devices[d].slots;
	pel_strbuf_printf(b, ",%u,%u,", pf->ndevices, pf->total_slots);
	pel_sw_sb_double(b, cap);
	pel_strbuf_puts(b, ",");
}

/* The row of a failed run: empty metrics; devices, slots and capacity
 * when the scenario was loaded. */
char *pel_sw_failed_row(const pel_sweep *p, size_t run, const pel_scenario *s, const char *why)
{
	pel_strbuf b = { 0 };
	pel_sw_row_prefix(p, run, &b);
	pel_strbuf_puts(&b, "failed");
	for (size_t m = 0; m < NMETRICS; m++)
		pel_strbuf_puts(&b, ",");
	if (s)
		sb_platform(&b, s->platform);
	else
		pel_strbuf_puts(&b, ",,,,");
	char *clean = pel_xstrdup(why);
	for (char *c = clean; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	pel_csv_append_field(&b, clean);
	free(clean);
	return b.s;
}

/* Runs one policy on a loaded scenario; returns the row. */
static char *run_one(const pel_sweep *p, size_t run, const pel_scenario *s)
{
	pel_run_options o = { .check = p->check };
	pel_run_outcome res;
	if (pel_run_policy(s, &p->pol[pel_sw_run_policy(p, run)], &o, &res)) {
		char *row = pel_sw_failed_row(p, run, s, res.err);
		pel_run_outcome_free(&res);
		return row;
	}
	const pel_sim_result *r = res.r;
	const pel_metrics *x = &res.x;
	pel_strbuf b = { 0 };
	pel_sw_row_prefix(p, run, &b);
	pel_strbuf_puts(&b, "ok");
	double v[] = { r->makespan, x->slr, x->speedup, x->efficiency, x->imbalance, x->lower_bound, r->bytes_moved };
	for (size_t m = 0; m < sizeof v / sizeof *v; m++) {
		pel_strbuf_puts(&b, ",");
		if (!isnan(v[m])) /* speedup and efficiency: n/a (metrics.h) */
			pel_sw_sb_double(&b, v[m]);
	}
	pel_strbuf_printf(&b, ",%llu,%llu", (unsigned long long)r->transfers, (unsigned long long)r->events);
	double resp[] = { x->resp_mean, x->resp_p95, x->resp_p99, x->throughput };
	for (size_t m = 0; m < sizeof resp / sizeof *resp; m++) {
		pel_strbuf_puts(&b, ",");
		if (x->has_response)
			pel_sw_sb_double(&b, resp[m]);
	}
	sb_platform(&b, s->platform);
	pel_run_outcome_free(&res);
	return b.s;
}

void pel_sweep_run_list(const pel_sweep *p, const size_t *runs, size_t n, pel_sweep_emit emit, void *arg)
{
	if (!n)
		return;
	size_t pt = pel_sw_run_point(p, runs[0]);
	uint32_t rep = pel_sw_run_rep(p, runs[0]);
	pel_scenario *s = NULL;
	char err[1024];
	int loaded = !pel_sw_load_point(p, pt, pel_sweep_seed(p->seed, pt, rep), p->w->naxes, &s, err, sizeof err);
	for (size_t i = 0; i < n; i++) {
		char *row;
		if (pel_sw_run_point(p, runs[i]) != pt || pel_sw_run_rep(p, runs[i]) != rep)
			row = pel_sw_failed_row(p, runs[i], NULL, "internal error: runs of several points handed out together");
		else if (!loaded)
			row = pel_sw_failed_row(p, runs[i], NULL, err);
		else
			row = run_one(p, runs[i], s);
		emit(arg, runs[i], row);
		free(row);
	}
	pel_scenario_free(s);
}

/* ---- a row read back (journal, workers) ---- */

/* Checks that row is the row of a run of this plan; returns its index or
 * (size_t)-1. */
size_t pel_sw_row_run(const pel_sweep *p, const char *row)
{
	char *end;
	errno = 0;
	unsigned long long r = strtoull(row, &end, 10);
	if (end == row || *end != ',' || errno || r >= p->nruns)
		return (size_t)-1;
	pel_strbuf b = { 0 };
	pel_sw_row_prefix(p, (size_t)r, &b);
	int ok = !strncmp(row, b.s, b.n) && strchr(row + b.n, '\n') == NULL;
	free(b.s);
	if (ok) {
		/* and every column there */
		char **f, *st;
		ok = pel_sw_csv_split(row, &f, &st) == 6 + p->w->naxes + NMETRICS + 4;
		free(f);
		free(st);
	}
	return ok ? (size_t)r : (size_t)-1;
}
