/* sweep.c - points x policies x replications -> runs, run in worker
 * processes, journaled, written as runs.csv and summary.csv. */
#include "sweep.h"

#include "../../common/alloc.h"
#include "../../common/random.h"
#include "../formats/digest.h"
#include "../formats/fileio.h"
#include "../formats/report.h"
#include "results.h"
#include "runone.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_cdf.h>
#include <inttypes.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* The metrics of a row, in column order. */
static const char *const metric_names[] = {
	"makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound", "bytes_moved",
	"transfers", "events", "resp_mean", "resp_p95", "resp_p99", "throughput",
};
#define NMETRICS (sizeof metric_names / sizeof *metric_names)

/* ---- small pieces ---- */

uint64_t pel_sweep_seed(uint64_t base, uint64_t point, uint64_t replication)
{
	return pel_seed_mix(pel_seed_mix(base, point), replication) & (uint64_t)INT64_MAX;
}

size_t pel_sweep_npoints(const pel_sweep_spec *w)
{
	size_t n, axis;
	return pel_sweep_spec_points(w, &n, &axis) ? 0 : n;
}

void pel_sweep_point(const pel_sweep_spec *w, size_t point, size_t *idx)
{
	if (w->zip) {
		for (size_t i = 0; i < w->naxes; i++)
			idx[i] = point;
		return;
	}
	/* the last axis varies fastest */
	for (size_t i = w->naxes; i-- > 0;) {
		idx[i] = point % w->axes[i].nvalues;
		point /= w->axes[i].nvalues;
	}
}

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

static void sb_double(pel_strbuf *b, double x)
{
	char buf[64];
	pel_strbuf_puts(b, pel_fmt_double(buf, sizeof buf, x));
}

/* Splits a copy of one CSV line into fields (an unterminated quote runs
 * to the end).  Returns the number of fields; *store holds them (free it
 * and *fields). */
static size_t csv_split(const char *line, char ***fields, char **store)
{
	size_t cap = 0;
	*fields = NULL;
	*store = pel_xstrdup(line);
	return pel_csv_split(*store, fields, &cap, NULL);
}

/* Writes all of buf; returns 0 or -1 (errno set). */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t k = write(fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

/* ---- the plan ---- */

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

const char *pel_sweep_name(const pel_sweep *p)
{
	return p->base->name;
}

size_t pel_sweep_npoints_of(const pel_sweep *p)
{
	return p->npoints;
}

size_t pel_sweep_nruns(const pel_sweep *p)
{
	return p->nruns;
}

size_t pel_sweep_npolicies(const pel_sweep *p)
{
	return p->npol;
}

static size_t run_point(const pel_sweep *p, size_t run)
{
	return run / p->npol / p->reps;
}

static uint32_t run_rep(const pel_sweep *p, size_t run)
{
	return (uint32_t)(run / p->npol % p->reps);
}

static size_t run_policy(const pel_sweep *p, size_t run)
{
	return run % p->npol;
}

static const char *axis_value(const pel_sweep *p, size_t point, size_t axis)
{
	const pel_axis *ax = &p->w->axes[axis];
	size_t i = p->w->zip ? point : point / p->stride[axis] % ax->nvalues;
	return ax->values[i];
}

/* Loads the scenario at point with seed; only_axis < naxes applies that
 * axis alone (to find the one at fault). */
static int load_point(const pel_sweep *p, size_t point, uint64_t seed, size_t only_axis, pel_scenario **s,
		      char *err, size_t errlen)
{
	size_t na = p->w->naxes, n = 0;
	pel_override *o = pel_xcalloc(p->nsets + na + 1, sizeof *o);
	for (size_t i = 0; i < p->nsets; i++)
		o[n++] = p->sets[i];
	for (size_t a = 0; a < na; a++)
		if (only_axis >= na || a == only_axis)
			o[n++] = (pel_override){ p->w->axes[a].path, axis_value(p, point, a) };
	char seedbuf[32];
	snprintf(seedbuf, sizeof seedbuf, "%llu", (unsigned long long)seed);
	o[n++] = (pel_override){ "seed", seedbuf };
	int rc = pel_scenario_load(p->file, o, n, s, err, errlen);
	free(o);
	return rc;
}

/* Strips a leading "--set PATH=VALUE: " that names this very override. */
static const char *strip_label(const char *msg, const char *path, const char *value)
{
	char label[1024];
	snprintf(label, sizeof label, "--set %s=%s: ", path, value);
	size_t k = strlen(label);
	return strncmp(msg, label, k) ? msg : msg + k;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* Loads each point once; the first bad one names its axis. */
static int check_points(pel_sweep *p, char *err, size_t errlen)
{
	const pel_sweep_spec *w = p->w;
	char e[1024];
	for (size_t pt = 0; pt < p->npoints; pt++) {
		pel_scenario *s = NULL;
		if (load_point(p, pt, pel_sweep_seed(p->seed, pt, 0), w->naxes, &s, e, sizeof e)) {
			/* which axis: the first that fails alone */
			for (size_t a = 0; a < w->naxes; a++) {
				char e1[1024];
				pel_scenario *s1 = NULL;
				if (!load_point(p, pt, pel_sweep_seed(p->seed, pt, 0), a, &s1, e1, sizeof e1)) {
					pel_scenario_free(s1);
					continue;
				}
				const char *v = axis_value(p, pt, a);
				snprintf(err, errlen, "%s: sweep.axes.%s: value '%s' (point %zu): %s", w->axes[a].where,
					 w->axes[a].path, v, pt, strip_label(e1, w->axes[a].path, v));
				return -1;
			}
			pel_strbuf b = { 0 };
			for (size_t a = 0; a < w->naxes; a++)
				pel_strbuf_printf(&b, "%s%s=%s", a ? ", " : "", w->axes[a].path, axis_value(p, pt, a));
			snprintf(err, errlen, "%s: sweep.axes: the values of point %zu (%s) together: %s", w->where, pt,
				 b.s, e);
			free(b.s);
			return -1;
		}
		/* what the runs read, files included (a DAG file edited between
		 * a kill and --resume changes it) */
		pel_digest_platform(&p->models, s->platform);
		pel_digest_dag(&p->models, s->dag);
		/* names and parameters on every point; the values a policy's init
		 * judges (pod:d above the devices, a missing schedule file) on
		 * every point for the policies that take parameters, so that they
		 * stop the sweep before any run; every init on the first point
		 * (HEFT's init plans the whole DAG, so not on every point) */
		if (pel_policy_specs_try(s, p->pol, p->npol, pt ? PEL_TRY_NO_SCHEDULE : PEL_TRY_EVERY, err, errlen)) {
			pel_scenario_free(s);
			return -1;
		}
		pel_scenario_free(s);
	}
	return 0;
}

static void make_header(pel_sweep *p)
{
	pel_strbuf b = { 0 };
	pel_strbuf_puts(&b, "run,point");
	for (size_t a = 0; a < p->w->naxes; a++) {
		pel_strbuf_puts(&b, ",");
		pel_csv_append_field(&b, p->w->axes[a].path);
	}
	pel_strbuf_puts(&b, ",policy,replication,seed,status");
	for (size_t m = 0; m < NMETRICS; m++)
		pel_strbuf_printf(&b, ",%s", metric_names[m]);
	pel_strbuf_puts(&b, ",devices,slots,capacity,error");
	p->header = b.s;
}

/* The digests of the configuration: the resolved scenario (YAML after
 * --set, and what each point loads), the --set list, the policies, the
 * seeds and replications, the options that change rows. */
static void make_id(pel_sweep *p)
{
	pel_digest d[PEL_CONFIG_PARTS];
	for (int i = 0; i < PEL_CONFIG_PARTS; i++)
		pel_digest_init(&d[i]);
	pel_digest_u64(&d[PEL_CONFIG_SCENARIO], p->base->digest);
	pel_digest_u64(&d[PEL_CONFIG_SCENARIO], p->models.h);
	pel_digest_str(&d[PEL_CONFIG_SCENARIO], p->header);
	pel_digest_u64(&d[PEL_CONFIG_SET], p->nsets);
	for (size_t i = 0; i < p->nsets; i++) {
		pel_digest_str(&d[PEL_CONFIG_SET], p->sets[i].path);
		pel_digest_str(&d[PEL_CONFIG_SET], p->sets[i].value);
	}
	pel_digest_u64(&d[PEL_CONFIG_POLICIES], p->npol);
	for (size_t k = 0; k < p->npol; k++)
		pel_digest_str(&d[PEL_CONFIG_POLICIES], p->pol[k].text);
	pel_digest_u64(&d[PEL_CONFIG_SEEDS], p->seed);
	pel_digest_u64(&d[PEL_CONFIG_SEEDS], p->reps);
	pel_digest_u64(&d[PEL_CONFIG_SEEDS], p->npoints);
	pel_digest_u64(&d[PEL_CONFIG_OPTIONS], (uint64_t)p->check);
	for (int i = 0; i < PEL_CONFIG_PARTS; i++)
		p->id.part[i] = d[i].h;
	pel_config_id_seal(&p->id);
}

int pel_sweep_plan(const char *file, const pel_override *sets, size_t nsets, int check,
		   pel_sweep **out, char *err, size_t errlen)
{
	*out = NULL;
	pel_sweep *p = pel_xcalloc(1, sizeof *p);
	p->file = pel_xstrdup(file);
	p->check = check;
	pel_digest_init(&p->models);
	p->sets = pel_xcalloc(nsets + 1, sizeof *p->sets);
	for (size_t i = 0; i < nsets; i++) {
		p->sets[i].path = pel_xstrdup(sets[i].path);
		p->sets[i].value = pel_xstrdup(sets[i].value);
	}
	p->nsets = nsets;
	if (pel_scenario_load(file, sets, nsets, &p->base, err, errlen))
		goto fail;
	const pel_sweep_spec *w = p->w = &p->base->sweep;
	if (!w->present) {
		snprintf(err, errlen,
			 "%s: sweep: expected a sweep: section (axes, policies, replications), found none", file);
		goto fail;
	}
	for (size_t a = 0; a < w->naxes; a++) {
		const pel_axis *ax = &w->axes[a];
		const char *why = NULL;
		if (!strcmp(ax->path, "seed"))
			why = "the seed of each run is derived from sweep.seed (vary sweep.replications instead)";
		else if (!strcmp(ax->path, "policy"))
			why = "the policies to compare are listed under sweep.policies";
		else if (!strcmp(ax->path, "sweep") || !strncmp(ax->path, "sweep.", 6))
			why = "a sweep cannot vary its own section";
		if (why) {
			snprintf(err, errlen, "%s: sweep.axes.%s: expected a path into the scenario, found '%s' (%s)",
				 ax->where, ax->path, ax->path, why);
			goto fail;
		}
		for (size_t k = 0; k < ax->nvalues; k++)
			if (has_control(ax->values[k])) {
				snprintf(err, errlen, "%s: sweep.axes.%s: expected values on one line, found one with a control character",
					 ax->where, ax->path);
				goto fail;
			}
	}
	p->npoints = pel_sweep_npoints(w);
	if (!p->npoints) {
		/* the scenario reader refuses these; a spec built otherwise too */
		snprintf(err, errlen, "%s: sweep.axes: expected between 1 and %u points, found none or more",
			 w->where ? w->where : file, PEL_MAX_SWEEP_POINTS);
		goto fail;
	}
	p->reps = w->replications;
	p->seed = w->seed;
	if (w->npolicies) {
		p->npol = w->npolicies;
		p->pol = pel_xcalloc(p->npol, sizeof *p->pol);
		for (size_t k = 0; k < p->npol; k++)
			pel_policy_spec_copy(&p->pol[k], &w->policies[k]);
	} else {
		p->npol = 1;
		p->pol = pel_xcalloc(1, sizeof *p->pol);
		pel_policy_spec_start(&p->pol[0], p->base->policy, NULL, 1);
		if (!pel_policy_find(p->pol[0].name)) {
			snprintf(err, errlen, "%s: policy: expected a registered policy (pelsim policies lists them), found '%s'",
				 p->base->policy_where ? p->base->policy_where : file, p->base->policy);
			goto fail;
		}
	}
	p->nruns = p->npoints * p->reps * p->npol;
	/* the last axis varies fastest (as pel_sweep_point); no table of
	 * points x axes, whose size would be a product of the input's */
	p->stride = pel_xcalloc(w->naxes + 1, sizeof *p->stride);
	for (size_t a = w->naxes, st = 1; !w->zip && a-- > 0; st *= w->axes[a].nvalues)
		p->stride[a] = st;
	if (check_points(p, err, errlen))
		goto fail;
	make_header(p);
	make_id(p);
	*out = p;
	return 0;
fail:
	pel_sweep_free(p);
	return -1;
}

void pel_sweep_free(pel_sweep *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nsets; i++) {
		free((char *)p->sets[i].path);
		free((char *)p->sets[i].value);
	}
	free(p->sets);
	for (size_t k = 0; p->pol && k < p->npol; k++)
		pel_policy_spec_free(&p->pol[k]);
	free(p->pol);
	free(p->stride);
	free(p->header);
	pel_scenario_free(p->base);
	free(p->file);
	free(p);
}

/* ---- one run ---- */

/* "run,point,axes...,policy,replication,seed," */
static void row_prefix(const pel_sweep *p, size_t run, pel_strbuf *b)
{
	size_t pt = run_point(p, run);
	uint32_t rep = run_rep(p, run);
	pel_strbuf_printf(b, "%zu,%zu,", run, pt);
	for (size_t a = 0; a < p->w->naxes; a++) {
		pel_csv_append_field(b, axis_value(p, pt, a));
		pel_strbuf_puts(b, ",");
	}
	pel_csv_append_field(b, p->pol[run_policy(p, run)].text);
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
	sb_double(b, cap);
	pel_strbuf_puts(b, ",");
}

/* The row of a failed run: empty metrics; devices, slots and capacity
 * when the scenario was loaded. */
static char *failed_row(const pel_sweep *p, size_t run, const pel_scenario *s, const char *why)
{
	pel_strbuf b = { 0 };
	row_prefix(p, run, &b);
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
	if (pel_run_policy(s, &p->pol[run_policy(p, run)], &o, &res)) {
		char *row = failed_row(p, run, s, res.err);
		pel_run_outcome_free(&res);
		return row;
	}
	const pel_sim_result *r = res.r;
	const pel_metrics *x = &res.x;
	pel_strbuf b = { 0 };
	row_prefix(p, run, &b);
	pel_strbuf_puts(&b, "ok");
	double v[] = { r->makespan, x->slr, x->speedup, x->efficiency, x->imbalance, x->lower_bound, r->bytes_moved };
	for (size_t m = 0; m < sizeof v / sizeof *v; m++) {
		pel_strbuf_puts(&b, ",");
		if (!isnan(v[m])) /* speedup and efficiency: n/a (metrics.h) */
			sb_double(&b, v[m]);
	}
	pel_strbuf_printf(&b, ",%llu,%llu", (unsigned long long)r->transfers, (unsigned long long)r->events);
	double resp[] = { x->resp_mean, x->resp_p95, x->resp_p99, x->throughput };
	for (size_t m = 0; m < sizeof resp / sizeof *resp; m++) {
		pel_strbuf_puts(&b, ",");
		if (x->has_response)
			sb_double(&b, resp[m]);
	}
	sb_platform(&b, s->platform);
	pel_run_outcome_free(&res);
	return b.s;
}

void pel_sweep_run_list(const pel_sweep *p, const size_t *runs, size_t n, pel_sweep_emit emit, void *arg)
{
	if (!n)
		return;
	size_t pt = run_point(p, runs[0]);
	uint32_t rep = run_rep(p, runs[0]);
	pel_scenario *s = NULL;
	char err[1024];
	int loaded = !load_point(p, pt, pel_sweep_seed(p->seed, pt, rep), p->w->naxes, &s, err, sizeof err);
	for (size_t i = 0; i < n; i++) {
		char *row;
		if (run_point(p, runs[i]) != pt || run_rep(p, runs[i]) != rep)
			row = failed_row(p, runs[i], NULL, "internal error: runs of several points handed out together");
		else if (!loaded)
			row = failed_row(p, runs[i], NULL, err);
		else
			row = run_one(p, runs[i], s);
		emit(arg, runs[i], row);
		free(row);
	}
	pel_scenario_free(s);
}

/* ---- the job: journal, hand-out, final files ---- */

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

/* Seconds between two syncs of the journal. */
#define SYNC_INTERVAL 0.05

static double mono_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

const pel_sweep *pel_sweep_job_plan(const pel_sweep_job *j)
{
	return j->p;
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
	char *d = pel_xstrdup(dir);
	int rc = 0;
	for (char *c = d + 1; ; c++) {
		if (*c == '/' || !*c) {
			char keep = *c;
			*c = 0;
			if (mkdir(d, 0777) && errno != EEXIST) {
				rc = -1;
				break;
			}
			*c = keep;
			if (!keep)
				break;
		}
	}
	free(d);
	if (!rc) {
		struct stat st;
		if (stat(dir, &st))
			return -1;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	return rc;
}

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = pel_xmalloc(n);
	snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* Checks that row is the row of a run of this plan; returns its index or
 * (size_t)-1. */
static size_t row_run(const pel_sweep *p, const char *row)
{
	char *end;
	errno = 0;
	unsigned long long r = strtoull(row, &end, 10);
	if (end == row || *end != ',' || errno || r >= p->nruns)
		return (size_t)-1;
	pel_strbuf b = { 0 };
	row_prefix(p, (size_t)r, &b);
	int ok = !strncmp(row, b.s, b.n) && strchr(row + b.n, '\n') == NULL;
	free(b.s);
	if (ok) {
		/* and every column there */
		char **f, *st;
		ok = csv_split(row, &f, &st) == 6 + p->w->naxes + NMETRICS + 4;
		free(f);
		free(st);
	}
	return ok ? (size_t)r : (size_t)-1;
}

static int journal_append(pel_sweep_job *j, const char *row, char *err, size_t errlen)
{
	size_t n = strlen(row);
	char *line = pel_xmalloc(n + 2);
	memcpy(line, row, n);
	line[n] = '\n';
	line[n + 1] = 0;
	int rc = write_all(j->fd, line, n + 1);
	free(line);
	/* the row is in the file at once (a kill -9 of this process loses
	 * nothing); the disk gets it within SYNC_INTERVAL (a power cut loses
	 * at most that much): a sync per row would cost 1-3 ms each */
	double t = mono_now();
	if (!rc && t - j->synced >= SYNC_INTERVAL) {
		rc = fdatasync(j->fd);
		j->synced = t;
	}
	if (rc) {
		snprintf(err, errlen, "%s: cannot write the journal (%s)", j->journal, strerror(errno));
		return -1;
	}
	return 0;
}

/* The files of a finished sweep, all moved aside together. */
static const char *const result_files[] = { "runs.csv", "summary.csv", "axes.csv", "study.csv" };
#define NRESULTS (sizeof result_files / sizeof *result_files)

/* A sweep starting afresh: the results of an earlier one in its folder
 * go to DIR/previous/ (replacing what an even earlier one left there), so
 * that the folder never shows old results beside a new journal.  Returns
 * 0, or 1 with err (a file that cannot be moved). */
static int move_aside(pel_sweep_job *j, char *err, size_t errlen)
{
	size_t found = 0;
	for (size_t i = 0; i < NRESULTS; i++) {
		char *f = path_in(j->dir, result_files[i]);
		struct stat st;
		found += lstat(f, &st) == 0;
		free(f);
	}
	if (!found)
		return 0;
	char *old = path_in(j->dir, "previous");
	int rc = 0;
	if (mkdir(old, 0777) && errno != EEXIST) {
		snprintf(err, errlen, "%s: cannot move the results of the previous sweep aside (%s)", old, strerror(errno));
		rc = 1;
	}
	for (size_t i = 0; i < NRESULTS && !rc; i++) {
		char *from = path_in(j->dir, result_files[i]), *to = path_in(old, result_files[i]);
		/* a file the earlier sweep lacks must not stay from an older one */
		if (rename(from, to) && (errno != ENOENT || (unlink(to) && errno != ENOENT))) {
			snprintf(err, errlen, "%s: cannot move the results of the previous sweep aside to %s (%s)", from,
				 old, strerror(errno));
			rc = 1;
		}
		free(from);
		free(to);
	}
	if (rc)
		free(old);
	else
		j->moved = old;
	return rc;
}

/* The message for a journal that does not start as this sweep's does
 * (first, its first line, is cut at its end). */
static void foreign_journal(const pel_sweep_job *j, const char *first, char *err, size_t errlen)
{
	pel_config_id theirs;
	if (pel_config_id_parse(first, &theirs)) {
		snprintf(err, errlen,
			 "%s:1: expected the journal of this sweep (its first line records the configuration), found another first line (written by an older pelsim, or not a journal); remove the file to start over",
			 j->journal);
		return;
	}
	if (theirs.config != j->p->id.config) {
		char what[256];
		pel_config_id_diff(&theirs, &j->p->id, what, sizeof what);
		snprintf(err, errlen,
			 "%s: expected the journal of this sweep's configuration, found one of another (%s differ since it was written): resume with the configuration it was started with, or remove the file to start over",
			 j->journal, what);
		return;
	}
	snprintf(err, errlen,
		 "%s:2: expected the journal of this sweep, found another header (the scenario changed since it was written; remove the file to start over)",
		 j->journal);
}

/* Reads the journal left by an interrupted sweep: its first line, the
 * configuration (results.h), must be this sweep's; then the header of
 * runs.csv and rows.  An empty journal, or one torn within those two
 * lines, starts again (and moves an earlier sweep's results aside).
 * Returns 0, or an exit status with err. */
static int read_journal(pel_sweep_job *j, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	struct stat st;
	if (fstat(j->fd, &st)) {
		snprintf(err, errlen, "%s: cannot read the journal (%s)", j->journal, strerror(errno));
		return 1;
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *buf = pel_xmalloc(size + 1);
	while (got < size) {
		ssize_t k = pread(j->fd, buf + got, size - got, (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	buf[got] = 0;
	char idline[512];
	pel_config_id_format(&p->id, idline, sizeof idline);
	pel_strbuf start = { 0 };
	pel_strbuf_printf(&start, "%s\n%s\n", idline, p->header);
	size_t keep = 0; /* bytes of whole lines kept */
	int rc = 0;
	if (got <= start.n && !memcmp(buf, start.s, got)) {
		/* empty or torn before its first row: start the journal again */
		keep = 0;
	} else if (got > start.n && !memcmp(buf, start.s, start.n)) {
		keep = start.n;
		size_t lineno = 2;
		for (char *c = buf + start.n; *c;) {
			char *nl = strchr(c, '\n');
			lineno++;
			if (!nl)
				break; /* a torn last line: dropped */
			*nl = 0;
			size_t r = row_run(p, c);
			if (r == (size_t)-1) {
				snprintf(err, errlen,
					 "%s:%zu: expected a row of this sweep, found another (the scenario or its --set changed since it was written; remove the file to start over)",
					 j->journal, lineno);
				rc = 2;
				break;
			}
			if (!j->rows[r]) {
				j->rows[r] = pel_xstrdup(c);
				j->done++;
			}
			keep = (size_t)(nl + 1 - buf);
			c = nl + 1;
		}
	} else {
		buf[strcspn(buf, "\n")] = 0;
		foreign_journal(j, buf, err, errlen);
		rc = 2;
	}
	free(buf);
	if (!rc && keep < got && ftruncate(j->fd, (off_t)keep)) {
		snprintf(err, errlen, "%s: cannot drop its torn last line (%s)", j->journal, strerror(errno));
		rc = 1;
	}
	if (!rc && !keep)
		rc = move_aside(j, err, errlen);
	if (!rc && !keep && (write_all(j->fd, start.s, start.n) || fdatasync(j->fd))) {
		snprintf(err, errlen, "%s: cannot write the journal (%s)", j->journal, strerror(errno));
		rc = 1;
	}
	free(start.s);
	j->resumed = j->done;
	return rc;
}

int pel_sweep_open(pel_sweep *p, const pel_sweep_output *o, pel_sweep_job **out, char *err, size_t errlen)
{
	*out = NULL;
	if (o->resume) {
		/* nothing to resume: say so rather than run it all */
		char *journal = path_in(o->outdir, "runs.partial.csv"), *runs = path_in(o->outdir, "runs.csv");
		struct stat st;
		int none = lstat(journal, &st) && errno == ENOENT, finished = !lstat(runs, &st);
		if (none)
			snprintf(err, errlen,
				 "%s: --resume: expected the journal of an interrupted sweep (runs.partial.csv), found none: %s",
				 o->outdir,
				 finished ? "the sweep there finished (runs.csv); run without --resume to run it again"
					  : "nothing to resume; run without --resume to start the sweep");
		free(journal);
		free(runs);
		if (none)
			return 2;
	}
	if (make_dirs(o->outdir)) {
		snprintf(err, errlen, "--out: expected a folder that can be created, found '%s' (%s)", o->outdir,
			 strerror(errno));
		return 2;
	}
	pel_sweep_job *j = pel_xcalloc(1, sizeof *j);
	j->p = p;
	j->o = *o;
	j->dir = pel_xstrdup(o->outdir);
	j->journal = path_in(o->outdir, "runs.partial.csv");
	j->rows = pel_xcalloc(p->nruns + 1, sizeof *j->rows);
	j->fd = -1;
	int exists = access(j->journal, F_OK) == 0;
	if (exists && !o->resume) {
		snprintf(err, errlen,
			 "%s: expected no journal, found one left by an interrupted sweep: pass --resume to continue it, or remove the file to start over",
			 j->journal);
		pel_sweep_abandon(j);
		return 2;
	}
	j->fd = open(j->journal, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	if (j->fd < 0) {
		snprintf(err, errlen, "%s: cannot create the journal (%s)", j->journal, strerror(errno));
		pel_sweep_abandon(j);
		return 1;
	}
	if (flock(j->fd, LOCK_EX | LOCK_NB)) {
		snprintf(err, errlen, "%s: expected no other sweep writing there, found one running", j->dir);
		close(j->fd);
		j->fd = -1;
		pel_sweep_abandon(j);
		return 2;
	}
	int rc = read_journal(j, err, errlen);
	if (rc) {
		pel_sweep_abandon(j);
		return rc;
	}
	*out = j;
	return 0;
}

void pel_sweep_abandon(pel_sweep_job *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	for (size_t r = 0; r < j->p->nruns; r++)
		free(j->rows[r]);
	free(j->rows);
	free(j->dir);
	free(j->journal);
	free(j->moved);
	free(j);
}

const char *pel_sweep_moved(const pel_sweep_job *j)
{
	return j->moved;
}

size_t pel_sweep_next(pel_sweep_job *j, size_t *runs, size_t max)
{
	const pel_sweep *p = j->p;
	size_t units = p->npoints * p->reps;
	while (j->cursor < units) {
		size_t u = j->cursor++, n = 0;
		for (size_t k = 0; k < p->npol && n < max; k++)
			if (!j->rows[u * p->npol + k])
				runs[n++] = u * p->npol + k;
		if (n)
			return n;
	}
	return 0;
}

static int take_row(pel_sweep_job *j, size_t r, const char *row, char *err, size_t errlen)
{
	if (journal_append(j, row, err, errlen))
		return -1;
	j->rows[r] = pel_xstrdup(row);
	j->done++;
	if (j->o.progress)
		j->o.progress(j->o.progress_arg, j->done, j->p->nruns, j->resumed);
	return 0;
}

int pel_sweep_accept(pel_sweep_job *j, const char *row, char *err, size_t errlen)
{
	size_t r = row_run(j->p, row);
	if (r == (size_t)-1 || j->rows[r]) {
		snprintf(err, errlen, "a worker sent a row of no run still to do: %.200s", row);
		return -1;
	}
	return take_row(j, r, row, err, errlen);
}

int pel_sweep_lost(pel_sweep_job *j, size_t run, const char *why, char *err, size_t errlen)
{
	if (run >= j->p->nruns || j->rows[run])
		return 0;
	char *row = failed_row(j->p, run, NULL, why);
	int rc = take_row(j, run, row, err, errlen);
	free(row);
	return rc;
}

/* ---- running in this process ---- */

typedef struct {
	pel_sweep_job *j;
	int failed;
	char *err;
	size_t errlen;
} inline_ctx;

static void emit_inline(void *arg, size_t run, const char *row)
{
	(void)run;
	inline_ctx *c = arg;
	if (!c->failed && pel_sweep_accept(c->j, row, c->err, c->errlen))
		c->failed = 1;
}

int pel_sweep_run_inline(pel_sweep_job *j, char *err, size_t errlen)
{
	size_t *runs = pel_xcalloc(j->p->npol, sizeof *runs), n;
	inline_ctx c = { j, 0, err, errlen };
	while (!c.failed && (n = pel_sweep_next(j, runs, j->p->npol)))
		pel_sweep_run_list(j->p, runs, n, emit_inline, &c);
	free(runs);
	return c.failed ? -1 : 0;
}

/* ---- running in worker processes ---- */

typedef struct {
	pid_t pid;
	int to, from;        /* pipes: work to the worker, rows back */
	size_t *pending;     /* runs handed out, not back yet */
	size_t npending;
	char *buf;           /* bytes read, not yet a whole line */
	size_t nbuf, cap;
} worker;

static void emit_fd(void *arg, size_t run, const char *row)
{
	(void)run;
	int fd = *(int *)arg;
	size_t n = strlen(row);
	char *line = pel_xmalloc(n + 1);
	memcpy(line, row, n);
	line[n] = '\n';
	int bad = write_all(fd, line, n + 1);
	free(line);
	if (bad)
		_exit(1); /* the coordinator is gone */
}

/* A worker: reads lines of run indices, writes their rows. */
static void worker_main(const pel_sweep *p, int in, int out)
{
	FILE *f = fdopen(in, "r");
	if (!f)
		_exit(1);
	size_t *runs = pel_xcalloc(p->npol, sizeof *runs);
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		size_t n = 0;
		char *c = line, *end;
		while (n < p->npol) {
			unsigned long long r = strtoull(c, &end, 10);
			if (end == c)
				break;
			runs[n++] = (size_t)r;
			c = end;
		}
		pel_sweep_run_list(p, runs, n, emit_fd, &out);
	}
	free(line);
	free(runs);
	fclose(f);
	close(out);
	_exit(0);
}

static int spawn(pel_sweep_job *j, worker *ws, size_t nw, size_t k, char *err, size_t errlen)
{
	int a[2], b[2];
	if (pipe(a)) {
		snprintf(err, errlen, "cannot start a worker: pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe(b)) {
		snprintf(err, errlen, "cannot start a worker: pipe: %s", strerror(errno));
		close(a[0]);
		close(a[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start a worker: fork: %s", strerror(errno));
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		return -1;
	}
	if (!pid) {
		signal(SIGPIPE, SIG_DFL);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		if (getppid() != parent)
			_exit(1);
		close(a[1]);
		close(b[0]);
		close(j->fd);
		for (size_t i = 0; i < nw; i++)
			if (i != k && ws[i].pid > 0) {
				if (ws[i].to >= 0)
					close(ws[i].to);
				close(ws[i].from);
			}
		worker_main(j->p, a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	ws[k].pid = pid;
	ws[k].to = a[1];
	ws[k].from = b[0];
	ws[k].npending = 0;
	ws[k].nbuf = 0;
	return 0;
}

/* Hands worker w its next piece of work, or closes its input when none
 * is left (it then exits). */
static int feed(pel_sweep_job *j, worker *w)
{
	if (w->to < 0)
		return 0;
	w->npending = pel_sweep_next(j, w->pending, j->p->npol);
	if (!w->npending) {
		close(w->to);
		w->to = -1;
		return 0;
	}
	pel_strbuf b = { 0 };
	for (size_t i = 0; i < w->npending; i++)
		pel_strbuf_printf(&b, "%s%zu", i ? " " : "", w->pending[i]);
	pel_strbuf_puts(&b, "\n");
	int rc = write_all(w->to, b.s, b.n);
	free(b.s);
	return rc;
}

/* Takes the whole lines in w's buffer. */
static int take_lines(pel_sweep_job *j, worker *w, char *err, size_t errlen)
{
	size_t start = 0;
	for (size_t i = 0; i < w->nbuf; i++) {
		if (w->buf[i] != '\n')
			continue;
		w->buf[i] = 0;
		const char *row = w->buf + start;
		start = i + 1;
		size_t r = row_run(j->p, row), k = 0;
		while (k < w->npending && w->pending[k] != r)
			k++;
		if (k == w->npending) {
			snprintf(err, errlen, "a worker sent a row of a run not handed to it: %.200s", row);
			return -1;
		}
		w->pending[k] = w->pending[--w->npending];
		if (pel_sweep_accept(j, row, err, errlen))
			return -1;
	}
	memmove(w->buf, w->buf + start, w->nbuf - start);
	w->nbuf -= start;
	return 0;
}

/* A worker's output ended: reap it; runs it still owed failed. */
static int reap(pel_sweep_job *j, worker *w, char *err, size_t errlen)
{
	int st = 0;
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	close(w->from);
	if (w->to >= 0)
		close(w->to);
	w->to = w->from = -1;
	w->pid = -1;
	char why[128];
	if (WIFSIGNALED(st))
		snprintf(why, sizeof why, "its worker process was killed by signal %d (%s)", WTERMSIG(st),
			 strsignal(WTERMSIG(st)));
	else
		snprintf(why, sizeof why, "its worker process exited with status %d before finishing it",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	int rc = 0;
	/* in run order, so the journal reads naturally */
	while (w->npending && !rc) {
		size_t best = 0;
		for (size_t k = 1; k < w->npending; k++)
			if (w->pending[k] < w->pending[best])
				best = k;
		size_t r = w->pending[best];
		w->pending[best] = w->pending[--w->npending];
		rc = pel_sweep_lost(j, r, why, err, errlen);
	}
	return rc;
}

int pel_sweep_run_local(pel_sweep_job *j, int jobs, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	size_t units = 0;
	for (size_t u = j->cursor; u < p->npoints * p->reps; u++)
		for (size_t k = 0; k < p->npol; k++)
			if (!j->rows[u * p->npol + k]) {
				units++;
				break;
			}
	size_t nw = jobs < 1 ? 1 : (size_t)jobs;
	if (nw > units)
		nw = units;
	if (!nw)
		return 0;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	worker *ws = pel_xcalloc(nw, sizeof *ws);
	for (size_t k = 0; k < nw; k++) {
		ws[k].pid = -1;
		ws[k].to = ws[k].from = -1;
		ws[k].pending = pel_xcalloc(p->npol, sizeof *ws[k].pending);
		ws[k].cap = 65536;
		ws[k].buf = pel_xmalloc(ws[k].cap);
	}
	struct pollfd *fds = pel_xcalloc(nw, sizeof *fds);
	int rc = 0;
	for (size_t k = 0; k < nw && !rc; k++) {
		rc = spawn(j, ws, nw, k, err, errlen);
		if (!rc)
			feed(j, &ws[k]); /* a worker that died at once is seen as EOF below */
	}
	for (;;) {
		size_t nf = 0;
		for (size_t k = 0; k < nw; k++)
			if (ws[k].pid > 0)
				fds[nf++] = (struct pollfd){ ws[k].from, POLLIN, 0 };
		if (!nf || rc)
			break;
		int got = poll(fds, nf, -1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			rc = -1;
			break;
		}
		for (size_t i = 0; i < nf && !rc; i++) {
			if (!fds[i].revents)
				continue;
			size_t k = 0;
			while (k < nw && ws[k].from != fds[i].fd)
				k++;
			if (k == nw)
				continue;
			worker *w = &ws[k];
			if (w->cap - w->nbuf < 4096)
				w->buf = pel_xrealloc(w->buf, w->cap *= 2);
			ssize_t n = read(w->from, w->buf + w->nbuf, w->cap - w->nbuf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n > 0) {
				w->nbuf += (size_t)n;
				rc = take_lines(j, w, err, errlen);
				if (!rc && !w->npending)
					feed(j, w);
				continue;
			}
			/* end of its output: done, or died */
			rc = reap(j, w, err, errlen);
			if (!rc && j->cursor < p->npoints * p->reps) {
				/* a worker that died takes its piece with it; the rest goes on */
				rc = spawn(j, ws, nw, k, err, errlen);
				if (!rc)
					feed(j, &ws[k]);
			}
			break; /* the poll set changed */
		}
	}
	for (size_t k = 0; k < nw; k++) {
		if (ws[k].pid > 0) {
			if (ws[k].to >= 0)
				close(ws[k].to);
			kill(ws[k].pid, SIGKILL);
			while (waitpid(ws[k].pid, NULL, 0) < 0 && errno == EINTR)
				;
			close(ws[k].from);
		}
		free(ws[k].pending);
		free(ws[k].buf);
	}
	free(ws);
	free(fds);
	sigaction(SIGPIPE, &old, NULL);
	return rc;
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
		pel_strbuf_printf(b, ",%s_mean,%s_sd,%s_ci95", metric_names[m], metric_names[m], metric_names[m]);
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
				size_t nf = csv_split(j->rows[run], &f, &st);
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
				pel_csv_append_field(b, axis_value(p, pt, a));
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
				sb_double(b, mean);
				pel_strbuf_puts(b, ",");
				sb_double(b, sd);
				pel_strbuf_puts(b, ",");
				sb_double(b, ci);
			}
			pel_strbuf_puts(b, "\n");
		}
	free(x);
	free(nx);
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
	size_t na = p->w->naxes;
	pel_strbuf runs = { 0 }, sum = { 0 };
	pel_strbuf_puts(&runs, p->header);
	pel_strbuf_puts(&runs, "\n");
	for (size_t r = 0; r < p->nruns; r++) {
		pel_strbuf_puts(&runs, j->rows[r]);
		pel_strbuf_puts(&runs, "\n");
		char **f, *st;
		size_t nf = csv_split(j->rows[r], &f, &st);
		if (nf > na + 5 && strcmp(f[na + 5], "ok")) {
			if (!rep->failed++)
				snprintf(rep->first_failure, sizeof rep->first_failure,
					 "run %zu (point %zu, %s, replication %u): %s", r, run_point(p, r),
					 p->pol[run_policy(p, r)].text, run_rep(p, r), f[nf - 1]);
		}
		free(f);
		free(st);
	}
	summary(j, &sum);
	/* axes.csv: how the figures name each axis (sweep.labels) */
	pel_strbuf axes = { 0 };
	pel_strbuf_puts(&axes, "axis,label\n");
	for (size_t a = 0; a < p->w->naxes; a++) {
		pel_csv_append_field(&axes, p->w->axes[a].path);
		pel_strbuf_puts(&axes, ",");
		pel_csv_append_field(&axes, p->w->axes[a].label ? p->w->axes[a].label : "");
		pel_strbuf_puts(&axes, "\n");
	}
	/* study.csv: what kind of study it is (sweep.scaling), for the figures */
	pel_strbuf study = { 0 };
	pel_strbuf_printf(&study, "key,value\nscaling,%s\n", p->w->weak ? "weak" : "strong");
	/* what the results are of, and how many rows make them whole (plot checks) */
	pel_strbuf_printf(&study, "config,%016" PRIx64 "\npoints,%zu\npolicies,%zu\nreplications,%u\n", p->id.config,
			  p->npoints, p->npol, p->reps);
	/* each written whole beside its place, then all renamed into place */
	struct {
		const char *name;
		pel_strbuf *text;
	} files[] = { { "runs.csv", &runs }, { "summary.csv", &sum }, { "axes.csv", &axes }, { "study.csv", &study } };
	enum { NFILES = sizeof files / sizeof *files };
	char *final[NFILES];
	pel_outfile out[NFILES];
	memset(out, 0, sizeof out);
	for (size_t i = 0; i < NFILES; i++)
		final[i] = path_in(j->dir, files[i].name);
	int rc = 0;
	for (size_t i = 0; i < NFILES && !rc; i++)
		if (write_tmp(&out[i], final[i], files[i].text->s, files[i].text->n, err, errlen))
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
	if (!rc) {
		snprintf(rep->runs_csv, sizeof rep->runs_csv, "%s", final[0]);
		snprintf(rep->summary_csv, sizeof rep->summary_csv, "%s", final[1]);
	}
	for (size_t i = 0; i < NFILES; i++) {
		free(final[i]);
		free(files[i].text->s);
	}
	pel_sweep_abandon(j);
	return rc;
}
