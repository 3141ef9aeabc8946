/* plot_figures.c - the figures of a sweep: makespan, speedup and
 * efficiency (strong or weak scaling), SLR, and makespans side by side:
 * their data files (plot_data.c), then gnuplot on a template. */
#include "plot_int.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one figure ---- */

/* The x label of the figures: the first axis's sweep.labels entry, else
 * a name made from its path. */
static void x_label(const pel_summary *s, char *out, size_t n)
{
	if (s->labels && s->labels[0])
		snprintf(out, n, "%s", s->labels[0]);
	else
		pel_pl_axis_label(s->axes[0], out, n);
}

/* The y range of a curve: the means (and ideal) decide a log axis (the
 * result), error bars widen it to [*elo, *ehi]. */
static int curve_range(const shape *sh, const curve *cv, double *elo, double *ehi)
{
	const pel_summary *s = sh->s;
	double lo = INFINITY, hi = -INFINITY;
	*elo = INFINITY;
	*ehi = -INFINITY;
	for (size_t i = 0; i < s->nrows; i++)
		if (isfinite(cv->y[i])) {
			double ci = isfinite(cv->ci[i]) ? cv->ci[i] : 0;
			lo = fmin(lo, cv->y[i]);
			hi = fmax(hi, cv->y[i]);
			if (cv->y[i] - ci > 0)
				*elo = fmin(*elo, cv->y[i] - ci);
			*ehi = fmax(*ehi, cv->y[i] + ci);
		}
	if (cv->ideal)
		for (size_t j = 0; j < sh->nx; j++)
			if (isfinite(cv->ideal[j])) {
				lo = fmin(lo, cv->ideal[j]);
				hi = fmax(hi, cv->ideal[j]);
			}
	int logy = cv->logy_ok && lo > 0 && hi / lo >= 10;
	*elo = fmin(*elo, lo);
	*ehi = fmax(*ehi, hi);
	return logy;
}

/* The y axis parameters of a curve: a log axis from [elo, ehi] padded
 * and snapped to 1, 2, 5 (ymin, ymax, their tics: *yt, allocated), or a
 * linear one from 0.  ymin and ymax: 64 bytes each. */
static size_t y_params(const curve *cv, int logy, double elo, double ehi, char *ymin, char *ymax, char **yt,
		       pel_plot_param *p)
{
	size_t np = 0;
	if (logy) {
		double pad = pow(ehi / elo, 0.04), y0 = pel_pl_snap125(elo / pad, -1), y1 = pel_pl_snap125(ehi * pad, 1);
		snprintf(ymin, 64, "%.17g", y0);
		snprintf(ymax, 64, "%.17g", y1);
		p[np++] = (pel_plot_param){ "ymin", ymin, 1 };
		p[np++] = (pel_plot_param){ "ymax", ymax, 1 };
		if ((*yt = pel_pl_log_tics(y0, y1)))
			p[np++] = (pel_plot_param){ "yticscmd", *yt, 0 };
	} else if (cv->ymin0) {
		p[np++] = (pel_plot_param){ "ymin", "0", 1 };
	}
	return np;
}

/* Where the key goes for a curve (the series and its ideal): appended to
 * p; returns how many parameters. */
static size_t key_params(const shape *sh, const curve *cv, pel_plot_param *p)
{
	/* the key over the plot when it fits in a row or two, else at the right */
	size_t entries = sh->nser + (cv->ideal != NULL), longest = cv->ideal ? strlen(cv->ideal_title) : 0;
	for (size_t j = 0; j < sh->nser; j++)
		if (strlen(sh->ser[j].title) > longest)
			longest = strlen(sh->ser[j].title);
	int right = pel_pl_key_right(entries, longest);
	size_t np = 0;
	p[np++] = (pel_plot_param){ "keypos", right ? "right" : "above", 0 };
	if (right)
		p[np++] = (pel_plot_param){ "width", "6.8", 1 };
	return np;
}

/* A curve per series (scaling.gp): its data files, then the figure. */
static int draw_curve(sweep_ctx *c, const curve *cv)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	char dat[4096], img[4096], idat[4096];
	pel_pl_join(dat, sizeof dat, c->outdir, cv->name, "dat");
	pel_pl_join(img, sizeof img, c->outdir, cv->name, pel_plot_format_name(c->fmt));
	if (cv->ideal)
		pel_pl_join(idat, sizeof idat, c->outdir, cv->name, "ideal.dat");
	double elo, ehi;
	int logy = curve_range(sh, cv, &elo, &ehi);
	int rc = pel_pl_write_curve(c, cv, logy, dat, idat);
	if (rc)
		return rc;

	char xlabel[256], nser[32], logx_s[8], logy_s[8], xmin[64], xmax[64];
	x_label(s, xlabel, sizeof xlabel);
	snprintf(nser, sizeof nser, "%zu", sh->nser);
	snprintf(logx_s, sizeof logx_s, "%d", sh->logx);
	snprintf(logy_s, sizeof logy_s, "%d", logy);
	snprintf(xmin, sizeof xmin, "%.17g", sh->xlo);
	snprintf(xmax, sizeof xmax, "%.17g", sh->xhi);
	char ymin[64], ymax[64], *yt = NULL;
	pel_plot_param p[16] = {
		{ "infile", dat, 0 },      { "nseries", nser, 1 },   { "xlabel", xlabel, 0 },
		{ "ylabel", cv->ylabel, 0 }, { "logx", logx_s, 1 }, { "logy", logy_s, 1 },
		{ "xmin", xmin, 1 },       { "xmax", xmax, 1 },
	};
	size_t np = 8;
	char *tics = pel_pl_x_tics(sh);
	if (tics)
		p[np++] = (pel_plot_param){ "xticscmd", tics, 0 };
	if (cv->ideal) {
		p[np++] = (pel_plot_param){ "idealfile", idat, 0 };
		p[np++] = (pel_plot_param){ "idealtitle", cv->ideal_title, 0 };
	}
	np += y_params(cv, logy, elo, ehi, ymin, ymax, &yt, p + np);
	np += key_params(sh, cv, p + np);
	rc = pel_plot_gnuplot("scaling", p, np, img, c->fmt, c->err, c->errlen);
	free(tics);
	free(yt);
	if (!rc && c->wrote)
		c->wrote(img, c->arg);
	return rc;
}

/* Bars (compare.gp): the mean of metric m per series at each x. */
static int draw_bars(sweep_ctx *c, const char *name, const char *what, const char *ylabel, size_t m)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	char dat[4096], img[4096];
	pel_pl_join(dat, sizeof dat, c->outdir, name, "dat");
	pel_pl_join(img, sizeof img, c->outdir, name, pel_plot_format_name(c->fmt));
	int slant;
	int rc = pel_pl_write_bars(c, what, m, dat, &slant);
	if (rc)
		return rc;
	char xlabel[256], nser[32], npts[32];
	x_label(s, xlabel, sizeof xlabel);
	snprintf(nser, sizeof nser, "%zu", sh->nser);
	snprintf(npts, sizeof npts, "%zu", sh->nx);
	size_t longest = 0;
	for (size_t j = 0; j < sh->nser; j++)
		if (strlen(sh->ser[j].title) > longest)
			longest = strlen(sh->ser[j].title);
	int right = pel_pl_key_right(sh->nser, longest);
	pel_plot_param p[] = {
		{ "infile", dat, 0 },	 { "nseries", nser, 1 }, { "npoints", npts, 1 },
		{ "xlabel", xlabel, 0 }, { "ylabel", ylabel, 0 }, { "keypos", right ? "right" : "above", 0 },
		{ "width", right ? "6.8" : "5.0", 1 }, { "xrotate", slant ? "1" : "0", 1 },
	};
	rc = pel_plot_gnuplot("compare", p, sizeof p / sizeof *p, img, c->fmt, c->err, c->errlen);
	if (!rc && c->wrote)
		c->wrote(img, c->arg);
	return rc;
}

/* ---- scaling ---- */

/* The values of the scaling figures, per row: y and ci the ratio
 * R = T(first) / T(p) of each series (ci95 by the delta method), y2 and
 * ci2 R scaled by the capacities cap (strong: C(first) / C(p), weak:
 * C(p) / C(first)). */
typedef struct {
	const double *cap;
	double *y, *ci, *y2, *ci2;
	double *ideal, *one;   /* per x: C(x) / C(first x), and 1 */
} scaling;

/* R and its scaled form per row of every series, against the series'
 * first point with a makespan. */
static void scaling_values(const shape *sh, scaling *v)
{
	const pel_summary *s = sh->s;
	for (size_t j = 0; j < sh->nser; j++) {
		/* the reference: the series' first point with a makespan */
		size_t k0 = 0;
		while (k0 + 1 < sh->ser[j].n && !isfinite(s->rows[sh->ser[j].rows[k0]].mean[M_MAKESPAN]))
			k0++;
		size_t i0 = sh->ser[j].rows[k0];
		double t1 = s->rows[i0].mean[M_MAKESPAN], c1 = s->rows[i0].ci[M_MAKESPAN];
		double q1 = isfinite(c1) && t1 > 0 ? c1 / t1 : 0;
		for (size_t k = 0; k < sh->ser[j].n; k++) {
			size_t i = sh->ser[j].rows[k];
			double t = s->rows[i].mean[M_MAKESPAN], ct = s->rows[i].ci[M_MAKESPAN];
			double q = isfinite(ct) && t > 0 ? ct / t : 0;
			double sp = t > 0 && t1 > 0 ? t1 / t : NAN;
			double csp = k == k0 ? 0 : sp * sqrt(q1 * q1 + q * q);
			v->y[i] = sp;
			v->ci[i] = csp;
			double f = s->weak ? v->cap[i] / v->cap[i0] : v->cap[i0] / v->cap[i];
			v->y2[i] = sp * f;
			v->ci2[i] = csp * f;
		}
	}
}

/* The ideal: C(x) / C(first x); returns whether C follows from x (else
 * there is no ideal curve). */
static int scaling_ideal(const shape *sh, scaling *v)
{
	const pel_summary *s = sh->s;
	int fn = 1;
	double *cx = pel_xcalloc(sh->nx, sizeof *cx);
	for (size_t x = 0; x < sh->nx; x++)
		cx[x] = NAN;
	for (size_t i = 0; i < s->nrows; i++) {
		size_t x = sh->row_x[i];
		if (isnan(v->cap[i]))
			continue;
		if (isnan(cx[x]))
			cx[x] = v->cap[i];
		else if (cx[x] != v->cap[i])
			fn = 0;
	}
	size_t x0 = 0;
	while (x0 + 1 < sh->nx && isnan(cx[x0]))
		x0++;
	for (size_t x = 0; x < sh->nx; x++) {
		v->ideal[x] = cx[x] / cx[x0];
		v->one[x] = 1;
	}
	free(cx);
	return fn;
}

/* The speedup and efficiency figures.  With R(p) = T(first) / T(p):
 *   strong scaling  speedup S = R, efficiency S C(first) / C(p);
 *   weak scaling    efficiency R (ideal 1), scaled speedup
 *                   R C(p) / C(first) (Gustafson; ideal C(p)/C(first)) */
static int draw_scaling(sweep_ctx *c, scaling *v)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	const char *cname = s->has_capacity ? "capacity" : "slots";
	scaling_values(sh, v);
	int fn = scaling_ideal(sh, v);
	const char *cap_note = s->has_capacity ? "; capacity = sum of speed * slots (flop/s)" : "";
	char sp_what[512], ef_what[512], ef_label[128];
	curve sp = { "speedup", sp_what, "speedup (×)", v->y, v->ci, sh->logx, 1, fn ? v->ideal : NULL, "ideal" };
	curve ef = { "efficiency", ef_what, ef_label, v->y2, v->ci2, 0, 1, fn ? v->one : NULL, "ideal" };
	if (s->weak) {
		snprintf(sp_what, sizeof sp_what,
			 "scaled speedup (weak scaling): T(first point) / T(point) * %s(point) / %s(first point) "
			 "per series (first point: %s = %s); ci95 by the delta method; ideal: %s(point) / "
			 "%s(first point)%s",
			 cname, cname, s->axes[0], sh->xs[0], cname, cname, cap_note);
		sp.ylabel = "scaled speedup (×)";
		sp.y = v->y2;
		sp.ci = v->ci2;
		snprintf(ef_what, sizeof ef_what,
			 "weak-scaling efficiency T(first point) / T(point) per series (first point: %s = %s); "
			 "ci95 by the delta method; ideal: 1 (the makespan stays flat)",
			 s->axes[0], sh->xs[0]);
		snprintf(ef_label, sizeof ef_label, "efficiency (T(first) / T)");
		ef.y = v->y;
		ef.ci = v->ci;
		ef.ideal = v->one;
	} else {
		snprintf(sp_what, sizeof sp_what,
			 "strong-scaling speedup T(first point) / T(point) per series (first point: %s = %s); "
			 "ci95 by the delta method; ideal: %s(point) / %s(first point)%s",
			 s->axes[0], sh->xs[0], cname, cname, cap_note);
		snprintf(ef_what, sizeof ef_what,
			 "parallel efficiency: speedup * %s(first point) / %s(point) per series (first point: "
			 "%s = %s)%s",
			 cname, cname, s->axes[0], sh->xs[0], cap_note);
		snprintf(ef_label, sizeof ef_label, "efficiency (speedup / %s)", cname);
	}
	int rc = draw_curve(c, &sp);
	if (!rc)
		rc = draw_curve(c, &ef);
	return rc;
}

/* ---- all the figures of a sweep ---- */

/* The makespan of every row (y, ci), its figure, and the machine's
 * capacity C per row (cap: the sum of speed * slots; on a CPU+GPU
 * machine a GPU slot counts for what it can do, not as one core), or its
 * slots in a summary without capacity. */
static int draw_makespan(sweep_ctx *c, double *y, double *ci, double *cap)
{
	const pel_summary *s = c->sh->s;
	for (size_t i = 0; i < s->nrows; i++) {
		y[i] = s->rows[i].mean[M_MAKESPAN];
		ci[i] = s->rows[i].ci[M_MAKESPAN];
		cap[i] = s->has_capacity ? s->rows[i].capacity : s->rows[i].slots;
	}
	curve mk = { "makespan", "makespan (s): mean and 95% confidence half-width", "makespan (s)", y, ci, 1, 1,
		     NULL, NULL };
	return draw_curve(c, &mk);
}

/* The SLR figure, when some row has one (y, ci: scratch per row). */
static int draw_slr(sweep_ctx *c, double *y, double *ci)
{
	const pel_summary *s = c->sh->s;
	int has_slr = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		y[i] = s->rows[i].mean[M_SLR];
		ci[i] = s->rows[i].ci[M_SLR];
		has_slr |= isfinite(y[i]);
	}
	if (!has_slr)
		return PEL_PLOT_OK;
	curve slr = { "slr", "SLR (makespan / critical-path lower bound): mean and 95% confidence half-width",
		      "SLR", y, ci, 0, 1, NULL, NULL };
	return draw_curve(c, &slr);
}

int pel_plot_sweep(const pel_summary *s, const char *outdir, pel_plot_format fmt,
		   void (*wrote)(const char *path, void *arg), void *arg, char *err, size_t errlen)
{
	shape sh;
	pel_pl_shape_build(s, &sh);
	sweep_ctx c = { &sh, outdir, fmt, wrote, arg, err, errlen, { 0 } };
	size_t n = s->nrows;
	double *cap = pel_xcalloc(n, sizeof *cap);
	scaling v = { .cap = cap };
	v.y = pel_xcalloc(n, sizeof *v.y);
	v.ci = pel_xcalloc(n, sizeof *v.ci);
	v.y2 = pel_xcalloc(n, sizeof *v.y2);
	v.ci2 = pel_xcalloc(n, sizeof *v.ci2);
	v.ideal = pel_xcalloc(sh.nx, sizeof *v.ideal);
	v.one = pel_xcalloc(sh.nx, sizeof *v.one);
	int rc = draw_makespan(&c, v.y, v.ci, cap);
	/* scaling against C, when C varies */
	double cmin = INFINITY, cmax = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		cmin = fmin(cmin, cap[i]);
		cmax = fmax(cmax, cap[i]);
	}
	if (!rc && cmax > cmin)
		rc = draw_scaling(&c, &v);
	if (!rc)
		rc = draw_slr(&c, v.y, v.ci);
	if (!rc)
		rc = draw_bars(&c, "compare_makespan", "makespan (s) per policy at each point: mean and ci95",
			       "makespan (s)", M_MAKESPAN);
	free(cap);
	free(v.y);
	free(v.ci);
	free(v.y2);
	free(v.ci2);
	free(v.ideal);
	free(v.one);
	pel_pl_shape_free(&sh);
	return rc;
}
