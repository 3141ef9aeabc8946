/* plot_int.h - what the files of `pelsim plot` share (not public API):
 *   plot.c          formats, templates, quoting for gnuplot, running gnuplot
 *   plot_summary.c  reading summary.csv and its checks
 *   plot_shape.c    the shape of a sweep's figures: x values, series, tics
 *   plot_data.c     the data files the figures of a sweep read
 *   plot_figures.c  the figures of a sweep (pel_plot_sweep)
 *   plot_gantt.c    the Gantt chart of one run */
#ifndef PEL_PLOT_INT_H
#define PEL_PLOT_INT_H

#include "plot.h"
#include "../formats/csv.h"
#include "../formats/fileio.h"

#include <stddef.h>
#include <stdio.h>

/* The metrics the figures read, by their index in summary.metrics. */
enum { M_MAKESPAN = 0, M_SLR = 1 };

/* ---- plot.c ---- */

/* Formats a message into err (n bytes). */
void pel_pl_say(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Writes s to f as a double-quoted string of a gnuplot data file:
 * double quotes and backslashes become single quotes and slashes,
 * control characters '?'. */
void pel_pl_put_dq(FILE *f, const char *s);
/* The same, appended to b (inside a gnuplot command). */
void pel_pl_buf_dq(pel_strbuf *b, const char *s);

/* ---- plot_summary.c ---- */

/* A number (all of s, as strtod reads it, not out of range) into *out:
 * 0, or -1. */
int pel_pl_number(const char *s, double *out);

/* ---- plot_shape.c: the shape of a sweep, x values and series ---- */

typedef struct {
	char *title;
	size_t *rows;      /* row indices in point order */
	size_t n;
} series;

typedef struct {
	const pel_summary *s;
	size_t *order;     /* row indices sorted by point (stable) */
	char **xs;         /* distinct values of the first axis, first-seen order */
	double *xv;        /* their numbers (numeric) or their index */
	size_t nx;
	size_t *row_x;     /* per row: its x index */
	int numeric;       /* every x is a number */
	int logx;
	double xlo, xhi;   /* plotting range */
	series *ser;
	size_t nser;
	double *dodge;     /* per series: xplot = f(x, dodge) */
} shape;

/* The shape of summary s: x values, series, range and dodges. */
void pel_pl_shape_build(const pel_summary *s, shape *sh);
/* Frees what pel_pl_shape_build allocated. */
void pel_pl_shape_free(shape *sh);
/* The x label of a sweep axis. */
void pel_pl_axis_label(const char *axis, char *out, size_t n);
/* Where series ser draws x value xi (shifted apart from the others). */
double pel_pl_x_plot(const shape *sh, size_t xi, size_t ser);
/* `set xtics (...)` at the sweep's values when they are few and far
 * enough apart to be read, else NULL (allocated). */
char *pel_pl_x_tics(const shape *sh);
/* The nearest of 1, 2, 5 x 10^k below v (dir < 0) or above it (dir > 0). */
double pel_pl_snap125(double v, int dir);
/* `set ytics (...)` for a log axis spanning less than three decades,
 * else NULL (allocated). */
char *pel_pl_log_tics(double lo, double hi);
/* Whether the key goes in a column at the right (else over the plot). */
int pel_pl_key_right(size_t entries, size_t longest);

/* ---- plot_data.c and plot_figures.c: the figures of a sweep ---- */

/* What every figure of one pel_plot_sweep needs. */
typedef struct {
	const shape *sh;
	const char *outdir;
	pel_plot_format fmt;
	void (*wrote)(const char *path, void *arg);
	void *arg;
	char *err;
	size_t errlen;
	pel_outfile data; /* the data file being written */
} sweep_ctx;

/* One curve per series: y[i] and its ci95 per row i (NaN: no value). */
typedef struct {
	const char *name;     /* file stem */
	const char *what;     /* a comment for the data file */
	const char *ylabel;
	const double *y, *ci;
	int logy_ok;          /* may use a log y axis when it spans >= 10x */
	int ymin0;            /* start a linear y axis at 0 */
	const double *ideal;  /* per x index, or NULL */
	const char *ideal_title;
} curve;

/* "DIR/NAME.EXT" into out (n bytes). */
void pel_pl_join(char *out, size_t n, const char *dir, const char *name, const char *ext);
/* Writes the data file dat of a curve (one block per series; with logy,
 * error bars that would reach 0 stop at the mean) and, with an ideal,
 * idat: PEL_PLOT_OK or an error code with c->err. */
int pel_pl_write_curve(sweep_ctx *c, const curve *cv, int logy, const char *dat, const char *idat);
/* Writes the data file dat of the bars of metric m (one row per x value,
 * mean and ci95 per series); *slant: whether names of x values must be
 * slanted to fit.  PEL_PLOT_OK or an error code with c->err. */
int pel_pl_write_bars(sweep_ctx *c, const char *what, size_t m, const char *dat, int *slant);

#endif
