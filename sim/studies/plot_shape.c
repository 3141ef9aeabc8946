/* plot_shape.c - the shape of a sweep's figures: the x values (first
 * axis), the series (policy and the other axes that split it), ranges,
 * tics and where the key goes. */
#include "plot_int.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row and its point, to sort rows by point. */
typedef struct {
	long point;
	size_t row;
} point_row;

/* By point, then by row (a stable sort). */
static int cmp_point(const void *a, const void *b)
{
	const point_row *x = a, *y = b;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Doubles in increasing order. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The x axis label of a sweep axis. */
void pel_pl_axis_label(const char *axis, char *out, size_t n)
{
	int entry;
	char tail[16];
	if (sscanf(axis, "platform.devices.%d.%15s", &entry, tail) == 2 && !strcmp(tail, "count"))
		snprintf(out, n, "devices of entry %d (count)", entry);
	else if (!strcmp(axis, "workload.ccr"))
		snprintf(out, n, "CCR");
	else if (!strcmp(axis, "workload.tasks"))
		snprintf(out, n, "tasks");
	else if (!strcmp(axis, "workload.beta"))
		snprintf(out, n, "heterogeneity (beta)");
	else
		snprintf(out, n, "%s", axis);
}

/* A short name of an axis, for series titles. */
static void axis_short(const char *axis, char *out, size_t n)
{
	int entry;
	char tail[16];
	if (sscanf(axis, "platform.devices.%d.%15s", &entry, tail) == 2 && !strcmp(tail, "count"))
		snprintf(out, n, "devices.%d", entry);
	else if (!strcmp(axis, "workload.ccr"))
		snprintf(out, n, "CCR");
	else {
		const char *dot = strrchr(axis, '.');
		snprintf(out, n, "%s", dot ? dot + 1 : axis);
	}
}

/* Frees what pel_pl_shape_build allocated. */
void pel_pl_shape_free(shape *sh)
{
	for (size_t i = 0; i < sh->nser; i++) {
		free(sh->ser[i].title);
		free(sh->ser[i].rows);
	}
	free(sh->ser);
	free(sh->dodge);
	free(sh->order);
	free(sh->xs);
	free(sh->xv);
	free(sh->row_x);
}

/* sh->order: the rows sorted by point (stable). */
static void shape_order(const pel_summary *s, shape *sh)
{
	size_t n = s->nrows;
	point_row *pr = pel_xcalloc(n, sizeof *pr);
	for (size_t i = 0; i < n; i++)
		pr[i] = (point_row){ s->rows[i].point, i };
	qsort(pr, n, sizeof *pr, cmp_point);
	sh->order = pel_xcalloc(n, sizeof *sh->order);
	for (size_t i = 0; i < n; i++)
		sh->order[i] = pr[i].row;
	free(pr);
}

/* The distinct values of the first axis, first seen first, whether they
 * are all numbers, and each row's; *lo and *hi: their range (numbers,
 * else indices). */
static void shape_xs(const pel_summary *s, shape *sh, double *lo, double *hi)
{
	size_t n = s->nrows;
	sh->xs = pel_xcalloc(n, sizeof *sh->xs);
	sh->xv = pel_xcalloc(n, sizeof *sh->xv);
	sh->row_x = pel_xcalloc(n, sizeof *sh->row_x);
	sh->numeric = 1;
	for (size_t k = 0; k < n; k++) {
		size_t i = sh->order[k];
		const char *x = s->rows[i].axis[0];
		size_t j = 0;
		while (j < sh->nx && strcmp(sh->xs[j], x))
			j++;
		if (j == sh->nx) {
			sh->xs[sh->nx++] = s->rows[i].axis[0];
			double v;
			if (pel_pl_number(x, &v) || !isfinite(v))
				sh->numeric = 0;
			else
				sh->xv[j] = v;
		}
		sh->row_x[i] = j;
	}
	*lo = INFINITY;
	*hi = -INFINITY;
	if (sh->numeric) {
		for (size_t j = 0; j < sh->nx; j++) {
			*lo = fmin(*lo, sh->xv[j]);
			*hi = fmax(*hi, sh->xv[j]);
		}
		sh->logx = *lo > 0 && *hi / *lo >= 10;
	} else {
		for (size_t j = 0; j < sh->nx; j++)
			sh->xv[j] = (double)j;
		*lo = 0;
		*hi = (double)sh->nx - 1;
	}
}

/* The title of row r's series: its policy, then the values of the axes
 * that split the series (allocated). */
static char *series_title(const pel_summary *s, const pel_summary_row *r, const int *splits)
{
	pel_strbuf t = { 0 };
	pel_strbuf_printf(&t, "%s", r->policy);
	int first = 1;
	for (size_t a = 1; a < s->naxes; a++) {
		if (!splits[a])
			continue;
		char sh_name[128];
		axis_short(s->axes[a], sh_name, sizeof sh_name);
		pel_strbuf_printf(&t, "%s%s=%s", first ? " (" : ", ", sh_name, r->axis[a]);
		first = 0;
	}
	if (!first)
		pel_strbuf_add(&t, ")", 1);
	return t.s;
}

/* The series: one per policy and value of the other axes that do not
 * follow from the first, rows in point order. */
static void shape_series(const pel_summary *s, shape *sh)
{
	size_t n = s->nrows;
	int *splits = pel_xcalloc(s->naxes, sizeof *splits);
	for (size_t a = 1; a < s->naxes; a++)
		for (size_t i = 0; i < n && !splits[a]; i++)
			for (size_t j = i + 1; j < n; j++)
				if (sh->row_x[i] == sh->row_x[j] && strcmp(s->rows[i].axis[a], s->rows[j].axis[a])) {
					splits[a] = 1;
					break;
				}
	sh->ser = pel_xcalloc(n, sizeof *sh->ser);
	for (size_t k = 0; k < n; k++) {
		size_t i = sh->order[k];
		char *title = series_title(s, &s->rows[i], splits);
		size_t j = 0;
		while (j < sh->nser && strcmp(sh->ser[j].title, title))
			j++;
		if (j == sh->nser) {
			sh->ser[j].title = title;
			sh->ser[j].rows = pel_xcalloc(n, sizeof *sh->ser[j].rows);
			sh->nser++;
		} else {
			free(title);
		}
		sh->ser[j].rows[sh->ser[j].n++] = i;
	}
	free(splits);
}

/* The plotting range around [lo, hi], and a small shift per series so
 * that error bars stay apart. */
static void shape_range(shape *sh, double lo, double hi)
{
	double span;
	if (sh->logx) {
		span = log(hi / lo);
		double pad = exp(0.07 * span);
		sh->xlo = lo / pad;
		sh->xhi = hi * pad;
	} else if (sh->numeric) {
		span = hi - lo;
		if (span <= 0)
			span = fabs(lo) > 0 ? fabs(lo) : 1;
		sh->xlo = lo - 0.07 * span;
		sh->xhi = hi + 0.07 * span;
	} else {
		span = hi - lo > 0 ? hi - lo : 1;
		sh->xlo = lo - 0.5;
		sh->xhi = hi + 0.5;
	}
	sh->dodge = pel_xcalloc(sh->nser, sizeof *sh->dodge);
	if (sh->nser > 1) {
		double total = fmin(0.015 * (double)(sh->nser - 1), 0.06) * span;
		for (size_t j = 0; j < sh->nser; j++)
			sh->dodge[j] = ((double)j - (double)(sh->nser - 1) / 2) * total / (double)(sh->nser - 1);
	}
}

/* The shape of summary s: x values, series, range and dodges. */
void pel_pl_shape_build(const pel_summary *s, shape *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->s = s;
	double lo, hi;
	shape_order(s, sh);
	shape_xs(s, sh, &lo, &hi);
	shape_series(s, sh);
	shape_range(sh, lo, hi);
}

/* Where series ser draws x value xi: shifted by its dodge. */
double pel_pl_x_plot(const shape *sh, size_t xi, size_t ser)
{
	return sh->logx ? sh->xv[xi] * exp(sh->dodge[ser]) : sh->xv[xi] + sh->dodge[ser];
}

/* `set xtics (...)` at the sweep's values when they are few and far
 * enough apart to be read, else NULL (gnuplot's own tics). */
char *pel_pl_x_tics(const shape *sh)
{
	if (sh->nx > 12)
		return NULL;
	if (sh->numeric && sh->nx > 1) {
		double *v = pel_xcalloc(sh->nx, sizeof *v);
		for (size_t j = 0; j < sh->nx; j++)
			v[j] = sh->logx ? log(sh->xv[j]) : sh->xv[j];
		qsort(v, sh->nx, sizeof *v, cmp_double);
		double span = v[sh->nx - 1] - v[0], gap = INFINITY;
		for (size_t j = 1; j < sh->nx; j++)
			gap = fmin(gap, v[j] - v[j - 1]);
		free(v);
		if (span > 0 && gap < 0.045 * span)
			return NULL;
	}
	pel_strbuf b = { 0 };
	pel_strbuf_add(&b, "set xtics (", 11);
	for (size_t j = 0; j < sh->nx; j++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[j]);
		if (j)
			pel_strbuf_add(&b, ", ", 2);
		pel_pl_buf_dq(&b, sh->numeric ? num : sh->xs[j]);
		pel_strbuf_printf(&b, " %.17g", sh->xv[j]);
	}
	pel_strbuf_add(&b, ")", 1);
	return b.s;
}

/* The nearest of 1, 2, 5 x 10^k below v (dir < 0) or above it (dir > 0),
 * when v spans less than three decades with the other end; else v. */
double pel_pl_snap125(double v, int dir)
{
	if (!(v > 0) || !isfinite(v))
		return v;
	double e = floor(log10(v)), best = v;
	for (int k = -1; k <= 1; k++)
		for (int m = 0; m < 3; m++) {
			double c = (m == 0 ? 1 : m == 1 ? 2 : 5) * pow(10, e + k);
			if (dir < 0 && c <= v * (1 + 1e-12) && (best == v || c > best))
				best = c;
			if (dir > 0 && c >= v * (1 - 1e-12) && (best == v || c < best))
				best = c;
		}
	return best;
}

/* `set ytics (...)` at 1, 2, 5 x 10^k within [lo, hi] when a log axis
 * spans less than three decades (gnuplot would label one or two tics),
 * else NULL. */
char *pel_pl_log_tics(double lo, double hi)
{
	if (!(lo > 0) || hi / lo >= 1000)
		return NULL;
	pel_strbuf b = { 0 };
	pel_strbuf_add(&b, "set ytics (", 11);
	int n = 0;
	for (int e = (int)floor(log10(lo)) - 1; e <= (int)ceil(log10(hi)); e++)
		for (int k = 0; k < 3; k++) {
			double v = (k == 0 ? 1 : k == 1 ? 2 : 5) * pow(10, e);
			if (v < lo || v > hi)
				continue;
			pel_strbuf_printf(&b, "%s\"%g\" %.17g", n++ ? ", " : "", v, v);
		}
	pel_strbuf_add(&b, ")", 1);
	if (n < 2) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Where the key goes: over the plot when it fits in a row or two, else in
 * a column at the right (the figure then gets wider). */
int pel_pl_key_right(size_t entries, size_t longest)
{
	return entries > 8 || longest > 12;
}
