/* plot_gantt.c - the Gantt chart of one run: one row per device slot,
 * tasks coloured by kind, transfers as thin bars under the receiving row. */
#include "plot_int.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the data files, in a temporary folder ---- */

/* Closes a scratch data file (of a Gantt chart): 0, or -1 when this or
 * an earlier write failed (errno set when the flush says why). */
static int close_scratch(FILE *f)
{
	int bad = ferror(f) | fflush(f);
	int e = errno;
	if (fclose(f))
		return -1;
	errno = e;
	return bad ? -1 : 0;
}

/* Removes the files names of folder dir, then dir. */
static void remove_tree(const char *dir, const char *const *names, size_t n)
{
	char p[4200];
	for (size_t i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%.4096s/%.64s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

/* A transfer drawn under row `row` (the receiving slot). */
typedef struct {
	uint32_t row;
	double start, end;
	size_t id;
} xfer_row;

/* By row, then start, then index. */
static int cmp_xfer(const void *a, const void *b)
{
	const xfer_row *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* rows.dat: a label per device slot ("NAME", or "NAME #SLOT"): 0, or
 * -1 (errno set). */
static int write_rows(const char *path, const pel_platform *p, const uint32_t *base)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	for (uint32_t d = 0; d < p->ndevices; d++)
		for (uint32_t sl = 0; sl < p->devices[d].slots; sl++) {
			char label[256];
			if (p->devices[d].slots == 1)
				snprintf(label, sizeof label, "%s", p->devices[d].name);
			else
				snprintf(label, sizeof label, "%s #%u", p->devices[d].name, sl);
			fprintf(f, "%u ", base[d] + sl);
			pel_pl_put_dq(f, label);
			fputc('\n', f);
		}
	return close_scratch(f);
}

/* tasks.dat: a block per task kind run (its name first), a line per
 * task: row, start, end and its name when its box is wide enough;
 * *nkinds: the blocks.  0, or -1 (errno set). */
static int write_tasks(const char *path, const pel_dag *g, const pel_sim_result *r, const uint32_t *base,
		       double span, size_t *nkinds)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	for (uint32_t k = 0; k < g->nkinds; k++) {
		int any = 0;
		for (pel_task_id t = 0; t < g->ntasks; t++) {
			if (g->kind[t] != k || r->dev[t] == PEL_NO_DEVICE)
				continue;
			if (!any) {
				if (*nkinds)
					fputs("\n\n", f);
				pel_pl_put_dq(f, g->kind_names[k]);
				fputc('\n', f);
				(*nkinds)++;
				any = 1;
			}
			char nbuf[64];
			const char *name = pel_dag_task_name(g, t, nbuf, sizeof nbuf);
			/* a name goes inside its box when the box is wide enough for
			 * it: about 5 pt per character on a plot some 320 pt wide */
			double need = span * (5.0 * (double)strlen(name) + 6) / 320;
			fprintf(f, "%u %.10g %.10g ", base[r->dev[t]] + r->slot[t], r->start[t], r->end[t]);
			pel_pl_put_dq(f, r->end[t] - r->start[t] >= need ? name : "");
			fputc('\n', f);
		}
	}
	return close_scratch(f);
}

/* transfers.dat: a line per transfer that took time to a task that ran:
 * row, start, end and lane (transfers that overlap on a row go to
 * different lanes, greedy in order of start; at most 4, the last one
 * shared); *nx: the lines.  0, or -1 (errno set). */
static int write_transfers(const char *path, const pel_dag *g, const pel_sim_result *r, const uint32_t *base,
			   size_t *nx)
{
	xfer_row *v = pel_xcalloc(r->nxfers, sizeof *v);
	for (size_t i = 0; i < r->nxfers; i++) {
		const pel_transfer *x = &r->xfers[i];
		pel_task_id dst = g->dst[x->edge];
		if (r->dev[dst] == PEL_NO_DEVICE || !(x->end > x->start))
			continue;
		v[(*nx)++] = (xfer_row){ base[r->dev[dst]] + r->slot[dst], x->start, x->end, i };
	}
	qsort(v, *nx, sizeof *v, cmp_xfer);
	FILE *f = fopen(path, "w");
	if (!f) {
		free(v);
		return -1;
	}
	double lane_end[4];
	for (size_t i = 0; i < *nx; i++) {
		if (i == 0 || v[i].row != v[i - 1].row)
			for (int l = 0; l < 4; l++)
				lane_end[l] = -INFINITY;
		int lane = 0;
		while (lane < 3 && lane_end[lane] > v[i].start)
			lane++;
		lane_end[lane] = fmax(lane_end[lane], v[i].end);
		fprintf(f, "%u %.10g %.10g %d\n", v[i].row, v[i].start, v[i].end, lane);
	}
	free(v);
	return close_scratch(f);
}

/* ---- the chart ---- */

int pel_plot_gantt(const pel_model *m, const pel_sim_result *r, const char *title, const char *path,
		   pel_plot_format fmt, char *err, size_t errlen)
{
	const pel_platform *p = m->p;
	const pel_dag *g = m->g;
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/pelsim-gantt-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		pel_pl_say(err, errlen, "cannot make a temporary folder in %s (%s)", tmp && *tmp ? tmp : "/tmp",
			   strerror(errno));
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	static const char *const files[] = { "rows.dat", "tasks.dat", "transfers.dat" };
	char rows[4200], tasks[4200], xfers[4200];
	snprintf(rows, sizeof rows, "%s/%s", dir, files[0]);
	snprintf(tasks, sizeof tasks, "%s/%s", dir, files[1]);
	snprintf(xfers, sizeof xfers, "%s/%s", dir, files[2]);
	int rc = PEL_PLOT_GNUPLOT_FAILED;
	uint32_t *base = pel_xcalloc(p->ndevices + 1, sizeof *base);
	for (uint32_t d = 0; d < p->ndevices; d++)
		base[d + 1] = base[d] + p->devices[d].slots;
	uint32_t nrows = base[p->ndevices];
	double span = r->makespan > 0 ? r->makespan : 1;
	char nrows_s[32], nkinds_s[32], tmax_s[64];
	size_t nkinds = 0, nx = 0;
	if (write_rows(rows, p, base) || write_tasks(tasks, g, r, base, span, &nkinds) ||
	    (r->nxfers && write_transfers(xfers, g, r, base, &nx))) {
		pel_pl_say(err, errlen, "cannot write the data files in %s (%s)", dir, strerror(errno));
		rc = PEL_PLOT_GNUPLOT_FAILED;
		goto out;
	}
	snprintf(nrows_s, sizeof nrows_s, "%u", nrows);
	snprintf(nkinds_s, sizeof nkinds_s, "%zu", nkinds);
	snprintf(tmax_s, sizeof tmax_s, "%.17g", span);
	pel_plot_param prm[] = {
		{ "rowfile", rows, 0 },	       { "taskfile", tasks, 0 }, { "xferfile", nx ? xfers : "", 0 },
		{ "nrows", nrows_s, 1 },       { "nkinds", nkinds_s, 1 }, { "tmax", tmax_s, 1 },
		{ "title", title ? title : "", 0 },
	};
	if (!nkinds) {
		pel_pl_say(err, errlen, "the run scheduled no task, there is nothing to draw");
		rc = PEL_PLOT_GNUPLOT_FAILED;
		goto out;
	}
	rc = pel_plot_gnuplot("gantt", prm, sizeof prm / sizeof *prm, path, fmt, err, errlen);
out:
	free(base);
	remove_tree(dir, files, 3);
	return rc;
}
