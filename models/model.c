#include "model.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pel_model_free(pel_model *m)
{
	if (!m)
		return;
	free(m->rate);
	free(m->explicit_);
	free(m->has_explicit);
	free(m->min_exec);
	free(m->everywhere);
	free(m);
}

static double efficiency(const pel_device *d, const char *kind)
{
	for (uint32_t k = 0; k < d->neff; k++)
		if (!strcmp(d->eff[k].kind, kind))
			return d->eff[k].value;
	return 1.0;
}

/* How specific key is for device d: 3 instance name, 2 group, 1 class, 0 none. */
static int match_level(const pel_device *d, const char *key)
{
	if (!strcmp(key, d->name))
		return 3;
	if (!strcmp(key, d->group))
		return 2;
	if (!strcmp(key, d->class_name))
		return 1;
	return 0;
}

static int bind_explicit(pel_model *m, pel_model_error *err)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	size_t nd = m->ndev;
	m->explicit_ = pel_xmalloc((size_t)g->ntasks * nd * sizeof(double));
	m->has_explicit = pel_xcalloc(g->ntasks, 1);
	uint8_t *level = pel_xcalloc((size_t)g->ntasks * nd, 1);
	for (size_t i = 0; i < (size_t)g->ntasks * nd; i++)
		m->explicit_[i] = INFINITY;
	int rc = 0;
	for (size_t c = 0; c < g->ncosts; c++) {
		const pel_cost *k = &g->costs[c];
		int any = 0;
		m->has_explicit[k->task] = 1;
		for (uint32_t d = 0; d < nd; d++) {
			int lv = match_level(&p->devices[d], k->key);
			size_t i = (size_t)k->task * nd + d;
			if (lv && lv >= level[i]) {
				m->explicit_[i] = k->time;
				level[i] = (uint8_t)lv;
			}
			any |= lv;
		}
		if (!any) {
			char buf[32];
			snprintf(err->msg, sizeof err->msg,
				 "task %s has a time for '%s', which is no device, group or class of the platform",
				 pel_dag_task_name(g, k->task, buf, sizeof buf), k->key);
			rc = -1;
			break;
		}
	}
	free(level);
	return rc;
}

/* Devices per memory node into cnt (nnodes of them) and the lowest
 * device id on each node into first (UINT32_MAX for none); returns
 * the nodes that hold devices, in index order, in used (their count). */
static uint32_t nodes_used(const pel_platform *p, uint32_t *cnt, uint32_t *first, uint32_t *used)
{
	uint32_t nu = 0;
	for (uint32_t n = 0; n < p->nnodes; n++) {
		cnt[n] = 0;
		first[n] = UINT32_MAX;
	}
	for (uint32_t d = 0; d < p->ndevices; d++) {
		uint32_t n = p->devices[d].node;
		if (!cnt[n]++)
			first[n] = d;
	}
	for (uint32_t n = 0; n < p->nnodes; n++)
		if (cnt[n])
			used[nu++] = n;
	return nu;
}

/* Means over ordered pairs of distinct devices, summed per pair of the
 * nodes that hold them (devices on one node are alike for transfers):
 * O(nodes^2), not O(devices^2). */
static void mean_network(pel_model *m, const uint32_t *cnt, const uint32_t *used, uint32_t nu)
{
	const pel_platform *p = m->p;
	double nd = p->ndevices, pairs = nd * (nd - 1), cross = 0, lat = 0, inv = 0;
	for (uint32_t i = 0; i < nu; i++)
		for (uint32_t j = 0; j < nu; j++) {
			uint32_t na = used[i], nb = used[j];
			if (na == nb)
				continue;
			size_t r = (size_t)na * p->nnodes + nb;
			double k = (double)cnt[na] * cnt[nb];
			cross += k;
			lat += k * p->route_latency[r];
			if (p->route_bandwidth[r] > 0)
				inv += k / p->route_bandwidth[r];
		}
	if (pairs > 0) {
		m->mean_cross = cross / pairs;
		m->mean_lat = lat / pairs;
		m->mean_inv_bw = inv / pairs;
	}
}

/* Every pair of nodes that hold devices must be joined by a route when
 * some edge's time comes from its bytes.  The pair named is the first
 * in device order: the lowest device on a node lacking a route, then
 * the lowest device on a node it cannot reach. */
static int check_routes(const pel_model *m, const uint32_t *first, const uint32_t *used,
			uint32_t nu, pel_model_error *err)
{
	const pel_platform *p = m->p;
	const pel_dag *g = m->g;
	int needs = 0;
	for (uint32_t e = 0; e < g->nedges && !needs; e++)
		needs = !pel_dag_has_comm(g, e);
	if (!needs)
		return 0;
	uint32_t a = UINT32_MAX, b = UINT32_MAX;
	for (uint32_t i = 0; i < nu; i++) {
		uint32_t na = used[i], to = UINT32_MAX;
		for (uint32_t j = 0; j < nu; j++) {
			uint32_t nb = used[j];
			if (p->route_hops[(size_t)na * p->nnodes + nb] == UINT32_MAX && first[nb] < to)
				to = first[nb];
		}
		if (to != UINT32_MAX && first[na] < a) {
			a = first[na];
			b = to;
		}
	}
	if (a == UINT32_MAX)
		return 0;
	uint32_t na = p->devices[a].node, nb = p->devices[b].node;
	snprintf(err->msg, sizeof err->msg,
		 "no route between memory nodes '%s' (device %s) and '%s' (device %s): add a link",
		 p->nodes[na].name, p->devices[a].name, p->nodes[nb].name, p->devices[b].name);
	return -1;
}

/* Every time of the simulation stays below the sum of the last release,
 * every task's slowest finite execution (plus a reconfiguration) and every
 * edge's slowest transfer: that sum must be finite, with room to spare for
 * the policies' sums of it, or huge finite inputs (1e308 s twice) would
 * overflow to infinity mid-run. */
static int check_horizon(const pel_model *m, const uint32_t *used, uint32_t nu,
			 pel_model_error *err)
{
	const pel_platform *p = m->p;
	const pel_dag *g = m->g;
	double reconfig = 0, lat = 0, bw = INFINITY, total = 0, last = 0;
	for (uint32_t d = 0; d < p->ndevices; d++)
		reconfig = fmax(reconfig, p->devices[d].reconfig);
	/* over node pairs: the same node adds latency 0, bandwidth infinite */
	for (uint32_t i = 0; i < nu; i++)
		for (uint32_t j = 0; j < nu; j++) {
			size_t r = (size_t)used[i] * p->nnodes + used[j];
			if (i == j || p->route_hops[r] == UINT32_MAX)
				continue;
			lat = fmax(lat, p->route_latency[r]);
			bw = fmin(bw, p->route_bandwidth[r]);
		}
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		double slowest = 0;
		for (uint32_t d = 0; d < m->ndev; d++) {
			double x = pel_model_exec(m, t, d);
			if (isfinite(x))
				slowest = fmax(slowest, x);
		}
		total += slowest + reconfig;
		if (g->release)
			last = fmax(last, g->release[t]);
	}
	for (uint32_t e = 0; e < g->nedges; e++)
		if (pel_dag_has_comm(g, e))
			total += g->comm[e];
		else if (bw < INFINITY)
			total += lat + g->bytes[e] / bw;
	total += last;
	if (!(total <= PEL_MODEL_HORIZON)) {
		snprintf(err->msg, sizeof err->msg,
			 "expected task, transfer and arrival times that add up to at most %g s, found %g s",
			 PEL_MODEL_HORIZON, total);
		return -1;
	}
	return 0;
}

pel_model *pel_model_bind(const pel_platform *p, const pel_dag *g, pel_model_error *err)
{
	pel_model *m = pel_xcalloc(1, sizeof *m);
	m->p = p;
	m->g = g;
	m->ndev = p->ndevices;
	uint32_t nk = g->nkinds ? g->nkinds : 1;
	m->rate = pel_xmalloc((size_t)nk * m->ndev * sizeof(double));
	for (uint32_t k = 0; k < nk; k++)
		for (uint32_t d = 0; d < m->ndev; d++) {
			const pel_device *dev = &p->devices[d];
			double eff = g->nkinds ? efficiency(dev, g->kind_names[k]) : 1.0;
			m->rate[(size_t)k * m->ndev + d] = dev->speed * eff;
		}
	uint32_t *cnt = pel_xmalloc(((size_t)p->nnodes + 1) * sizeof *cnt);
	uint32_t *first = pel_xmalloc(((size_t)p->nnodes + 1) * sizeof *first);
	uint32_t *used = pel_xmalloc(((size_t)p->nnodes + 1) * sizeof *used);
	uint32_t nu = nodes_used(p, cnt, first, used);
	if (g->ncosts && bind_explicit(m, err))
		goto fail;
	if (check_routes(m, first, used, nu, err))
		goto fail;
	m->min_exec = pel_xmalloc(((size_t)g->ntasks + 1) * sizeof *m->min_exec);
	m->everywhere = pel_xmalloc((size_t)g->ntasks + 1);
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		double best = INFINITY;
		int all = 1;
		for (uint32_t d = 0; d < m->ndev; d++) {
			double x = pel_model_exec(m, t, d);
			best = fmin(best, x);
			all &= isfinite(x) != 0;
		}
		m->min_exec[t] = best;
		m->everywhere[t] = (uint8_t)all;
	}
	for (pel_task_id t = 0; t < g->ntasks; t++)
		if (!isfinite(pel_model_min_exec(m, t))) {
			char buf[32];
			snprintf(err->msg, sizeof err->msg, "task %s can run on no device of the platform",
				 pel_dag_task_name(g, t, buf, sizeof buf));
			goto fail;
		}
	if (check_horizon(m, used, nu, err))
		goto fail;
	mean_network(m, cnt, used, nu);
	free(cnt);
	free(first);
	free(used);
	return m;
fail:
	free(cnt);
	free(first);
	free(used);
	pel_model_free(m);
	return NULL;
}

double pel_model_comm(const pel_model *m, uint32_t e, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	const pel_dag *g = m->g;
	if (pel_dag_has_comm(g, e))
		return g->comm[e];
	size_t r = (size_t)a * m->p->nnodes + b;
	return m->p->route_latency[r] + g->bytes[e] / m->p->route_bandwidth[r];
}

double pel_model_mean_comm(const pel_model *m, uint32_t e)
{
	const pel_dag *g = m->g;
	if (pel_dag_has_comm(g, e))
		return g->comm[e] * m->mean_cross;
	return m->mean_lat + g->bytes[e] * m->mean_inv_bw;
}

double pel_model_mean_exec(const pel_model *m, pel_task_id t)
{
	double sum = 0;
	uint32_t n = 0;
	for (uint32_t d = 0; d < m->ndev; d++) {
		double x = pel_model_exec(m, t, d);
		if (isfinite(x)) {
			sum += x;
			n++;
		}
	}
	return n ? sum / n : INFINITY;
}

double pel_model_min_exec(const pel_model *m, pel_task_id t)
{
	return m->min_exec[t];
}
