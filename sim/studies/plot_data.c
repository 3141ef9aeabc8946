/* plot_data.c - the data files gnuplot reads for a sweep's figures,
 * each written whole under a temporary name, then renamed. */
#include "plot_int.h"

#include "../../common/alloc.h"
#include "../formats/fileio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "DIR/NAME.EXT" into out (n bytes). */
void pel_pl_join(char *out, size_t n, const char *dir, const char *name, const char *ext)
{
	size_t l = strlen(dir);
	snprintf(out, n, "%s%s%s.%s", dir, l && dir[l - 1] == '/' ? "" : "/", name, ext);
}

/* Opens the data file path under its temporary name (c->data); NULL
 * with the message. */
static FILE *open_data(sweep_ctx *c, const char *path)
{
	char msg[1024];
	if (pel_out_open(&c->data, path, msg, sizeof msg)) {
		pel_pl_say(c->err, c->errlen, "%s: expected a file that can be written, found '%s' (%s)", c->outdir, path,
			   strerror(errno));
		return NULL;
	}
	return c->data.f;
}

/* Puts the data file of open_data in place: PEL_PLOT_OK, or
 * PEL_PLOT_GNUPLOT_FAILED with "PATH: write error: REASON". */
static int close_data(sweep_ctx *c, const char *path)
{
	if (pel_out_commit(&c->data, c->err, c->errlen))
		return PEL_PLOT_GNUPLOT_FAILED;
	if (c->wrote)
		c->wrote(path, c->arg);
	return PEL_PLOT_OK;
}

/* " NUMBER" (10 digits) or " NaN". */
static void put_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, " %.10g", x);
	else
		fputs(" NaN", f);
}

/* ---- a curve per series ---- */

/* The ideal curve: x and the ideal y per x value. */
static int write_ideal(sweep_ctx *c, const curve *cv, const char *idat)
{
	const shape *sh = c->sh;
	FILE *f = open_data(c, idat);
	if (!f)
		return PEL_PLOT_BAD_INPUT;
	fprintf(f, "# %s: %s\n# x y\n", cv->name, cv->ideal_title);
	for (size_t j = 0; j < sh->nx; j++) {
		fprintf(f, "%.17g", sh->xv[j]);
		put_num(f, cv->ideal[j]);
		fputc('\n', f);
	}
	return close_data(c, idat);
}

/* One line of a curve's data file: row i of series j. */
static void put_curve_row(FILE *f, const shape *sh, const curve *cv, int logy, size_t i, size_t j)
{
	const pel_summary *s = sh->s;
	double y = cv->y[i], ci = isfinite(cv->ci[i]) ? cv->ci[i] : 0;
	double ylo = y - ci, yhi = y + ci;
	if (logy && !(ylo > 0))
		ylo = y;
	fprintf(f, "%s", sh->numeric ? s->rows[i].axis[0] : "");
	if (!sh->numeric)
		fprintf(f, "%zu", sh->row_x[i]);
	put_num(f, pel_pl_x_plot(sh, sh->row_x[i], j));
	put_num(f, y);
	put_num(f, isfinite(y) ? ci : NAN);
	put_num(f, isfinite(y) ? ylo : NAN);
	put_num(f, isfinite(y) ? yhi : NAN);
	fprintf(f, " %ld", s->rows[i].point);
	put_num(f, s->rows[i].slots);
	put_num(f, s->rows[i].capacity);
	fputc('\n', f);
}

int pel_pl_write_curve(sweep_ctx *c, const curve *cv, int logy, const char *dat, const char *idat)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	FILE *f = open_data(c, dat);
	if (!f)
		return PEL_PLOT_BAD_INPUT;
	fprintf(f, "# %s\n# from %s; one block per series (its title first), rows in point order:\n", cv->what,
		s->path);
	fprintf(f, "# x xplot mean ci95 lo hi point slots capacity\n");
	for (size_t j = 0; j < sh->nser; j++) {
		if (j)
			fputs("\n\n", f);
		pel_pl_put_dq(f, sh->ser[j].title);
		fputc('\n', f);
		for (size_t k = 0; k < sh->ser[j].n; k++)
			put_curve_row(f, sh, cv, logy, sh->ser[j].rows[k], j);
	}
	int rc = close_data(c, dat);
	if (rc)
		return rc;
	if (cv->ideal)
		return write_ideal(c, cv, idat);
	return PEL_PLOT_OK;
}

/* ---- bars ---- */

/* The header of a bars data file: the axis, then a title and a ci95
 * column per series. */
static void put_bars_header(FILE *f, const shape *sh, const char *what)
{
	const pel_summary *s = sh->s;
	fprintf(f, "# %s\n# from %s; one row per value of %s: label, then mean and ci95 per series\n", what,
		s->path, s->axes[0]);
	pel_pl_put_dq(f, s->axes[0]);
	for (size_t j = 0; j < sh->nser; j++) {
		fputc(' ', f);
		pel_pl_put_dq(f, sh->ser[j].title);
		char t[512];
		snprintf(t, sizeof t, "%s ci95", sh->ser[j].title);
		fputc(' ', f);
		pel_pl_put_dq(f, t);
	}
	fputc('\n', f);
}

/* Labels apart: the plot is some 300 pt wide, a character some 6.5 pt;
 * numbers are labelled every few points (the result), names all,
 * slanted if need be (*slant). */
static size_t label_every(const shape *sh, int *slant)
{
	size_t longest_x = 0, every = 1;
	for (size_t x = 0; x < sh->nx; x++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[x]);
		size_t l = strlen(sh->numeric ? num : sh->xs[x]);
		longest_x = l > longest_x ? l : longest_x;
	}
	double room = 300.0 / (double)sh->nx, need = ((double)longest_x + 1.5) * 6.5;
	*slant = 0;
	if (sh->numeric)
		while (room * (double)every < need)
			every++;
	else
		*slant = room < need;
	return every;
}

int pel_pl_write_bars(sweep_ctx *c, const char *what, size_t m, const char *dat, int *slant)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	size_t *cell = pel_xcalloc(sh->nx * sh->nser, sizeof *cell); /* row + 1, 0: none */
	for (size_t j = 0; j < sh->nser; j++)
		for (size_t k = 0; k < sh->ser[j].n; k++) {
			size_t i = sh->ser[j].rows[k];
			cell[sh->row_x[i] * sh->nser + j] = i + 1;
		}
	FILE *f = open_data(c, dat);
	if (!f) {
		free(cell);
		return PEL_PLOT_BAD_INPUT;
	}
	put_bars_header(f, sh, what);
	size_t every = label_every(sh, slant);
	for (size_t x = 0; x < sh->nx; x++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[x]);
		pel_pl_put_dq(f, x % every ? "" : sh->numeric ? num : sh->xs[x]);
		for (size_t j = 0; j < sh->nser; j++) {
			size_t i = cell[x * sh->nser + j];
			double y = i ? s->rows[i - 1].mean[m] : NAN, ci = i ? s->rows[i - 1].ci[m] : NAN;
			put_num(f, y);
			put_num(f, isfinite(y) ? (isfinite(ci) ? ci : 0) : NAN);
		}
		fputc('\n', f);
	}
	free(cell);
	return close_data(c, dat);
}
