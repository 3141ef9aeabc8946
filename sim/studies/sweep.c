/* sweep.c - a sweep's plan: its points (the axes' values), checked by
 * loading each point once, and the digests of its configuration. */
#include "sweep_int.h"

#include "../../common/alloc.h"
#include "../../common/random.h"
#include "../formats/digest.h"
#include "../formats/report.h"
#include "results.h"
#include "runone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The metrics of a row, in column order. */
const char *const pel_sw_metric_names[] = {
	"makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound", "bytes_moved",
	"transfers", "events", "resp_mean", "resp_p95", "resp_p99", "throughput",
};
_Static_assert(sizeof pel_sw_metric_names / sizeof *pel_sw_metric_names == NMETRICS,
	       "NMETRICS (sweep_int.h) counts the metrics");

/* ---- points ---- */

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

/* ---- the plan ---- */

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

/* The value of an axis at a point (no table of points x axes). */
const char *pel_sw_axis_value(const pel_sweep *p, size_t point, size_t axis)
{
	const pel_axis *ax = &p->w->axes[axis];
	size_t i = p->w->zip ? point : point / p->stride[axis] % ax->nvalues;
	return ax->values[i];
}

/* Loads the scenario at point with seed; only_axis < naxes applies that
 * axis alone (to find the one at fault). */
int pel_sw_load_point(const pel_sweep *p, size_t point, uint64_t seed, size_t only_axis, pel_scenario **s,
		      char *err, size_t errlen)
{
	size_t na = p->w->naxes, n = 0;
	pel_override *o = pel_xcalloc(p->nsets + na + 1, sizeof *o);
	for (size_t i = 0; i < p->nsets; i++)
		o[n++] = p->sets[i];
	for (size_t a = 0; a < na; a++)
		if (only_axis >= na || a == only_axis)
			o[n++] = (pel_override){ p->w->axes[a].path, pel_sw_axis_value(p, point, a) };
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

/* Whether s holds a control character. */
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
		if (pel_sw_load_point(p, pt, pel_sweep_seed(p->seed, pt, 0), w->naxes, &s, e, sizeof e)) {
			/* which axis: the first that fails alone */
			for (size_t a = 0; a < w->naxes; a++) {
				char e1[1024];
				pel_scenario *s1 = NULL;
				if (!pel_sw_load_point(p, pt, pel_sweep_seed(p->seed, pt, 0), a, &s1, e1, sizeof e1)) {
					pel_scenario_free(s1);
					continue;
				}
				const char *v = pel_sw_axis_value(p, pt, a);
				snprintf(err, errlen, "%s: sweep.axes.%s: value '%s' (point %zu): %s", w->axes[a].where,
					 w->axes[a].path, v, pt, strip_label(e1, w->axes[a].path, v));
				return -1;
			}
			pel_strbuf b = { 0 };
			for (size_t a = 0; a < w->naxes; a++)
				pel_strbuf_printf(&b, "%s%s=%s", a ? ", " : "", w->axes[a].path, pel_sw_axis_value(p, pt, a));
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

/* The header of runs.csv (p->header). */
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
		pel_strbuf_printf(&b, ",%s", pel_sw_metric_names[m]);
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

/* Refuses an axis that is no path into the scenario (the seed, the
 * policy, the sweep itself) or a value of more than one line: 0, or -1
 * with err. */
static int check_axes(const pel_sweep_spec *w, char *err, size_t errlen)
{
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
			return -1;
		}
		for (size_t k = 0; k < ax->nvalues; k++)
			if (has_control(ax->values[k])) {
				snprintf(err, errlen, "%s: sweep.axes.%s: expected values on one line, found one with a control character",
					 ax->where, ax->path);
				return -1;
			}
	}
	return 0;
}

/* The policies to compare: sweep.policies, else the scenario's policy,
 * which must be registered: 0, or -1 with err. */
static int take_policies(pel_sweep *p, const char *file, char *err, size_t errlen)
{
	const pel_sweep_spec *w = p->w;
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
			return -1;
		}
	}
	return 0;
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
	if (check_axes(w, err, errlen))
		goto fail;
	p->npoints = pel_sweep_npoints(w);
	if (!p->npoints) {
		/* the scenario reader refuses these; a spec built otherwise too */
		snprintf(err, errlen, "%s: sweep.axes: expected between 1 and %u points, found none or more",
			 w->where ? w->where : file, PEL_MAX_SWEEP_POINTS);
		goto fail;
	}
	p->reps = w->replications;
	p->seed = w->seed;
	if (take_policies(p, file, err, errlen))
		goto fail;
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
