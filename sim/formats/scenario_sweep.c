/* scenario_sweep.c - the scenario's sweep: section: axes (lists or
 * ranges of values for scenario paths, as a product or zipped), the
 * policies to compare, labels, replications and seed, refused when it
 * would make too many points or runs. */
#include "scenario_read.h"

#include "../../common/alloc.h"
#include "../../models/size.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sweep_keys[] = { "axes", "combine", "policies", "replications", "seed", "labels",
					  "scaling", NULL };
static const char *const range_keys[] = { "from", "to", "points", "scale", NULL };

/* An axis given as {from, to, points, scale: linear|log}; values are
 * rounded to integers when both ends are written as integers. */
static void read_range(loader *L, yref r, const char *field, pel_axis *ax)
{
	if (pel_sc_check_map(L, r, field, range_keys))
		return;
	char f[400];
	snprintf(f, sizeof f, "%.320s.from", field);
	yref fr = pel_sc_need(L, r, "from", field), to = pel_sc_need(L, r, "to", field);
	double a = present(fr) ? pel_sc_number(L, fr, f, -INFINITY, 0, INFINITY) : 0;
	snprintf(f, sizeof f, "%.320s.to", field);
	double b = present(to) ? pel_sc_number(L, to, f, -INFINITY, 0, INFINITY) : 0;
	uint64_t n = pel_sc_opt_integer(L, r, "points", field, 5, 2, 100000);
	const char *scale = pel_sc_opt_text(L, r, "scale", field, "linear");
	if (L->failed)
		return;
	int lg = !strcmp(scale, "log");
	if (!lg && strcmp(scale, "linear")) {
		snprintf(f, sizeof f, "%.320s.scale", field);
		pel_sc_expected(L, pel_sc_get(L, r, "scale"), f, "one of: linear, log");
		return;
	}
	if (lg && (a <= 0 || b <= 0)) {
		pel_sc_expected(L, fr, field, "positive bounds for a log scale");
		return;
	}
	const char *as = (const char *)Y(L, fr)->data.scalar.value, *bs = (const char *)Y(L, to)->data.scalar.value;
	int whole = !strpbrk(as, ".eE") && !strpbrk(bs, ".eE");
	ax->values = pel_xcalloc(n, sizeof *ax->values);
	for (uint64_t i = 0; i < n; i++) {
		double u = (double)i / (double)(n - 1);
		double v = lg ? exp(log(a) + u * (log(b) - log(a))) : a + u * (b - a);
		char buf[64];
		if (whole)
			snprintf(buf, sizeof buf, "%.0f", round(v));
		else
			snprintf(buf, sizeof buf, "%.15g", v);
		if (whole && ax->nvalues && !strcmp(buf, ax->values[ax->nvalues - 1]))
			continue; /* rounding merged two points */
		ax->values[ax->nvalues++] = pel_xstrdup(buf);
	}
}

int pel_sweep_spec_points(const pel_sweep_spec *w, size_t *npoints, size_t *axis)
{
	*npoints = 0;
	*axis = w->naxes;
	size_t n = 1;
	for (size_t i = 0; i < w->naxes; i++) {
		size_t k = w->axes[i].nvalues;
		if (w->zip && i && k)
			continue; /* zipped: the first axis's count */
		if (!k || k > PEL_MAX_SWEEP_POINTS / n) {
			*axis = i;
			return -1;
		}
		n *= k;
	}
	if (!w->naxes)
		return -1;
	*npoints = n;
	return 0;
}

/* Refuses a sweep whose axes read so far give no point or too many
 * (called after each axis, so that no more axes are expanded). */
static void check_sweep_points(loader *L, const pel_sweep_spec *w, yref axes)
{
	size_t npoints, bad;
	if (pel_sweep_spec_points(w, &npoints, &bad)) {
		if (bad == w->naxes) {
			pel_sc_expected(L, axes, "sweep.axes", "at least one axis");
			return;
		}
		yref k = { axes.doc, Y(L, axes)->data.mapping.pairs.start[bad].key };
		char f[320];
		snprintf(f, sizeof f, "sweep.axes.%.300s", w->axes[bad].path);
		if (!w->axes[bad].nvalues) {
			pel_sc_fail_at(L, k, f, "expected at least one value, found none");
			return;
		}
		/* the product up to this axis, as "A x B x C = N" */
		char prod[256] = "";
		uint64_t n = 1;
		for (size_t i = 0; i <= bad; i++) {
			size_t len = strlen(prod);
			snprintf(prod + len, sizeof prod - len, "%s%zu", i ? " x " : "", w->axes[i].nvalues);
			n = pel_size_mul(n, w->axes[i].nvalues);
		}
		char nb[32];
		pel_sc_fail_at(L, k, f, "expected at most %u points in all, found %s points with this axis (%s)",
			PEL_MAX_SWEEP_POINTS, pel_sc_count_text(n, nb, sizeof nb), prod);
	}
}

/* Refuses a sweep of more than PEL_MAX_SWEEP_RUNS runs. */
static void check_sweep_runs(loader *L, const pel_sweep_spec *w, yref axes, yref r)
{
	size_t npoints, bad;
	if (pel_sweep_spec_points(w, &npoints, &bad))
		return; /* refused already */
	uint64_t runs = pel_size_mul(pel_size_mul(npoints, w->replications), w->npolicies ? w->npolicies : 1);
	if (runs > PEL_MAX_SWEEP_RUNS) {
		yref reps = pel_sc_get(L, r, "replications"), pols = pel_sc_get(L, r, "policies");
		yref at = present(reps) ? reps : present(pols) ? pols : axes;
		char nb[32];
		pel_sc_fail_at(L, at, present(reps) ? "sweep.replications" : present(pols) ? "sweep.policies" : "sweep.axes",
			"expected at most %u runs (points x replications x policies), found %s (%zu points x %u x %zu)",
			PEL_MAX_SWEEP_RUNS, pel_sc_count_text(runs, nb, sizeof nb), npoints, w->replications,
			w->npolicies ? w->npolicies : 1);
	}
}

/* The values of an axis (field f) written at v, a list or a range, into ax. */
static void read_axis_values(loader *L, yref v, const char *f, pel_axis *ax)
{
	if (is_type(L, v, YAML_SEQUENCE_NODE)) {
		size_t m = seq_len(L, v);
		if (!m)
			pel_sc_expected(L, v, f, "a non-empty list of values");
		ax->values = pel_xcalloc(m + 1, sizeof *ax->values);
		for (size_t j = 0; j < m && !L->failed; j++) {
			const char *val = pel_sc_text(L, seq_item(L, v, j), f);
			if (val)
				ax->values[ax->nvalues++] = pel_xstrdup(val);
		}
	} else if (is_type(L, v, YAML_MAPPING_NODE)) {
		read_range(L, v, f, ax);
	} else {
		pel_sc_expected(L, v, f, "a list of values or a range {from, to, points, scale}");
	}
}

/* The axes (the non-empty mapping at axes) into w, checked for their
 * points after each: 0, or -1 when an axis's path is unreadable. */
static int read_axes(loader *L, pel_sweep_spec *w, yref axes)
{
	char wbuf[512];
	yaml_node_t *y = Y(L, axes);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	w->axes = pel_xcalloc(n, sizeof *w->axes);
	for (size_t i = 0; i < n && !L->failed; i++) {
		yaml_node_pair_t *p = &Y(L, axes)->data.mapping.pairs.start[i];
		yref k = { axes.doc, p->key }, v = { axes.doc, p->value };
		const char *path = pel_sc_text(L, k, "sweep.axes");
		if (!path)
			return -1;
		for (size_t j = 0; j < w->naxes; j++)
			if (!strcmp(w->axes[j].path, path))
				pel_sc_fail_at(L, k, "sweep.axes", "axis '%s' given twice", path);
		pel_axis *ax = &w->axes[w->naxes++];
		ax->path = pel_xstrdup(path);
		ax->where = pel_xstrdup(pel_sc_where(L, k, wbuf, sizeof wbuf));
		char f[320];
		snprintf(f, sizeof f, "sweep.axes.%.300s", path);
		read_axis_values(L, v, f, ax);
		if (!L->failed)
			check_sweep_points(L, w, axes);
	}
	return 0;
}

/* sweep.scaling and sweep.combine (of the mapping r) into w; zipped axes
 * must have as many values each. */
static void read_sweep_modes(loader *L, pel_sweep_spec *w, yref r, yref axes)
{
	const char *scaling = pel_sc_opt_text(L, r, "scaling", "sweep", "strong");
	if (!L->failed) {
		if (!strcmp(scaling, "weak"))
			w->weak = 1;
		else if (strcmp(scaling, "strong"))
			pel_sc_expected(L, pel_sc_get(L, r, "scaling"), "sweep.scaling", "one of: strong, weak");
	}
	const char *combine = pel_sc_opt_text(L, r, "combine", "sweep", "product");
	if (!L->failed) {
		if (!strcmp(combine, "zip"))
			w->zip = 1;
		else if (strcmp(combine, "product"))
			pel_sc_expected(L, pel_sc_get(L, r, "combine"), "sweep.combine", "one of: product, zip");
	}
	for (size_t i = 1; w->zip && i < w->naxes && !L->failed; i++)
		if (w->axes[i].nvalues != w->axes[0].nvalues)
			pel_sc_fail_at(L, axes, "sweep.axes", "zipped axes need as many values each: '%s' has %zu, '%s' has %zu",
				w->axes[0].path, w->axes[0].nvalues, w->axes[i].path, w->axes[i].nvalues);
}

/* sweep.policies (of the mapping r), registered policies, into w: 0, or
 * -1 when refused. */
static int read_sweep_policies(loader *L, pel_sweep_spec *w, yref r)
{
	yref pols = pel_sc_get(L, r, "policies");
	if (!present(pols) || L->failed)
		return 0;
	if (!is_type(L, pols, YAML_SEQUENCE_NODE) || !seq_len(L, pols)) {
		pel_sc_expected(L, pols, "sweep.policies", "a non-empty list of policies");
		return -1;
	}
	w->policies = pel_xcalloc(seq_len(L, pols), sizeof *w->policies);
	for (size_t j = 0; j < seq_len(L, pols) && !L->failed; j++) {
		yref it = seq_item(L, pols, j);
		pel_policy_spec *v = &w->policies[w->npolicies++];
		if (pel_sc_read_policy_spec(L, it, "sweep.policies", v))
			return -1;
		if (!pel_policy_find(v->name)) {
			yref at = is_type(L, it, YAML_MAPPING_NODE) ? pel_sc_get(L, it, "name") : it;
			pel_sc_expected(L, at, "sweep.policies", "a registered policy (pelsim policies lists them)");
			return -1;
		}
	}
	return 0;
}

/* sweep.labels (of the mapping r): a name for figures per axis of w: 0,
 * or -1 when refused. */
static int read_sweep_labels(loader *L, pel_sweep_spec *w, yref r)
{
	yref labels = pel_sc_get(L, r, "labels");
	if (!present(labels) || L->failed)
		return 0;
	if (!is_type(L, labels, YAML_MAPPING_NODE)) {
		pel_sc_expected(L, labels, "sweep.labels", "a mapping of axis paths to the names figures give them");
		return -1;
	}
	yaml_node_t *ly = Y(L, labels);
	for (yaml_node_pair_t *p = ly->data.mapping.pairs.start; p < ly->data.mapping.pairs.top && !L->failed; p++) {
		yref k = { labels.doc, p->key }, v = { labels.doc, p->value };
		const char *path = pel_sc_text(L, k, "sweep.labels");
		const char *label = path ? pel_sc_text(L, v, "sweep.labels") : NULL;
		if (!label)
			return -1;
		pel_axis *ax = NULL;
		for (size_t j = 0; j < w->naxes; j++)
			if (!strcmp(w->axes[j].path, path))
				ax = &w->axes[j];
		if (!ax) {
			pel_sc_expected(L, k, "sweep.labels", "the path of an axis under sweep.axes");
			return -1;
		}
		if (ax->label) {
			pel_sc_fail_at(L, k, "sweep.labels", "label of '%s' given twice", path);
			return -1;
		}
		ax->label = pel_xstrdup(label);
	}
	return 0;
}

void pel_sc_read_sweep(loader *L, pel_scenario *s, yref r)
{
	char wbuf[512];
	pel_sweep_spec *w = &s->sweep;
	if (pel_sc_check_map(L, r, "sweep", sweep_keys))
		return;
	w->present = 1;
	w->where = pel_xstrdup(pel_sc_where(L, r, wbuf, sizeof wbuf));
	yref axes = pel_sc_need(L, r, "axes", "sweep");
	if (L->failed)
		return;
	if (!is_type(L, axes, YAML_MAPPING_NODE) || !Y(L, axes)->data.mapping.pairs.top ||
	    Y(L, axes)->data.mapping.pairs.top == Y(L, axes)->data.mapping.pairs.start) {
		pel_sc_expected(L, axes, "sweep.axes", "a mapping of scenario paths to lists or ranges of values");
		return;
	}
	if (read_axes(L, w, axes))
		return;
	read_sweep_modes(L, w, r, axes);
	if (read_sweep_policies(L, w, r) || read_sweep_labels(L, w, r))
		return;
	w->replications = (uint32_t)pel_sc_opt_integer(L, r, "replications", "sweep", 1, 1, 1000000);
	w->seed = pel_sc_opt_integer(L, r, "seed", "sweep", s->seed, 0, INT64_MAX);
	if (!L->failed)
		check_sweep_runs(L, w, axes, r);
}
