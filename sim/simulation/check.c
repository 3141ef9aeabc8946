#include "check.h"

#include "../../common/alloc.h"
#include "metrics.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Times are sums of model values: allow for rounding, relative to scale. */
static int less(double a, double b, double scale)
{
	return a < b - 1e-9 * fmax(1.0, scale);
}

static int violation(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

typedef struct {
	uint32_t line; /* global slot */
	double start;
	pel_task_id t;
} slot_use;

static int cmp_use(const void *a, const void *b)
{
	const slot_use *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int check_tasks(const pel_model *m, const pel_sim_result *r, double scale, char *err, size_t n)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	char a[32], b[32];
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		const char *name = pel_dag_task_name(g, t, a, sizeof a);
		pel_device_id d = r->dev[t];
		if (d == PEL_NO_DEVICE || d >= p->ndevices)
			return violation(err, n, "task %s never ran", name);
		if (r->slot[t] >= p->devices[d].slots)
			return violation(err, n, "task %s ran on slot %u of %s, which has %u", name,
					 r->slot[t], p->devices[d].name, p->devices[d].slots);
		double w = pel_model_exec(m, t, d), took = r->end[t] - r->start[t];
		if (!isfinite(w))
			return violation(err, n, "task %s ran on %s, which cannot run it", name, p->devices[d].name);
		int fits = !less(took, w, scale) && !less(w, took, scale);
		if (!fits && p->devices[d].class_kind == PEL_CLASS_FPGA)
			fits = !less(took, w + p->devices[d].reconfig, scale) &&
			       !less(w + p->devices[d].reconfig, took, scale);
		if (!fits)
			return violation(err, n, "task %s ran %.17g s on %s, the model says %.17g s", name,
					 took, p->devices[d].name, w);
		double rel = g->release ? g->release[t] : 0;
		if (less(r->start[t], rel, scale))
			return violation(err, n, "task %s started at %.17g, before its release at %.17g",
					 name, r->start[t], rel);
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			uint32_t e = g->pred[k];
			pel_task_id q = g->src[e];
			double arrive = r->end[q] + pel_model_comm_dev(m, e, r->dev[q], d);
			if (less(r->start[t], arrive, scale))
				return violation(err, n, "task %s started at %.17g, before the data of %s arrived at %.17g",
						 name, r->start[t], pel_dag_task_name(g, q, b, sizeof b), arrive);
		}
	}
	return 0;
}

static int check_slots(const pel_model *m, const pel_sim_result *r, double scale, char *err, size_t n)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	uint32_t *first = pel_xmalloc((size_t)p->ndevices * sizeof *first);
	for (uint32_t d = 0, at = 0; d < p->ndevices; d++) {
		first[d] = at;
		at += p->devices[d].slots;
	}
	slot_use *u = pel_xmalloc((size_t)g->ntasks * sizeof *u);
	for (pel_task_id t = 0; t < g->ntasks; t++)
		u[t] = (slot_use){ first[r->dev[t]] + r->slot[t], r->start[t], t };
	qsort(u, g->ntasks, sizeof *u, cmp_use);
	int rc = 0;
	for (uint32_t i = 1; i < g->ntasks && !rc; i++) {
		pel_task_id x = u[i - 1].t, y = u[i].t;
		if (u[i].line == u[i - 1].line && less(r->start[y], r->end[x], scale)) {
			char a[32], b[32];
			rc = violation(err, n, "tasks %s and %s overlap on slot %u of %s",
				       pel_dag_task_name(g, x, a, sizeof a), pel_dag_task_name(g, y, b, sizeof b),
				       r->slot[x], p->devices[r->dev[x]].name);
		}
	}
	free(u);
	free(first);
	return rc;
}

int pel_check_schedule(const pel_model *m, const pel_sim_result *r, char *err, size_t n)
{
	const pel_dag *g = m->g;
	if (!r->complete)
		return violation(err, n, "the run is incomplete: %s", r->error);
	double scale = r->makespan;
	if (check_tasks(m, r, scale, err, n) || check_slots(m, r, scale, err, n))
		return -1;
	double last = 0;
	double *busy = pel_xcalloc(m->ndev, sizeof *busy);
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		last = fmax(last, r->end[t]);
		busy[r->dev[t]] += r->end[t] - r->start[t];
	}
	int rc = 0;
	for (pel_device_id d = 0; d < m->ndev && !rc; d++)
		if (less(r->busy[d], busy[d], scale) || less(busy[d], r->busy[d], scale))
			rc = violation(err, n, "device %s reports %.17g s busy, its tasks add up to %.17g s",
				       m->p->devices[d].name, r->busy[d], busy[d]);
	free(busy);
	if (rc)
		return rc;
	if (less(r->makespan, last, scale) || less(last, r->makespan, scale))
		return violation(err, n, "makespan %.17g differs from the last task end %.17g", r->makespan, last);
	double cp, area;
	pel_bounds(m, &cp, &area);
	if (less(r->makespan, fmax(cp, area), scale))
		return violation(err, n, "makespan %.17g is below the lower bound %.17g", r->makespan,
				 fmax(cp, area));
	return 0;
}
