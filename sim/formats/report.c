#include "report.h"

#include "../../common/alloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *pel_fmt_double(char *buf, size_t n, double x)
{
	snprintf(buf, n, "%.15g", x);
	if (strtod(buf, NULL) != x)
		snprintf(buf, n, "%.17g", x);
	return buf;
}

static double utilization(const pel_model *m, const pel_sim_result *r, pel_device_id d)
{
	double cap = r->makespan * m->p->devices[d].slots;
	return cap > 0 ? r->busy[d] / cap : 0;
}

void pel_report_text(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r, const pel_metrics *x)
{
	char b[64];
	fprintf(f, "scenario     %s\n", info->scenario);
	fprintf(f, "policy       %s\n", info->policy);
	fprintf(f, "seed         %llu\n", (unsigned long long)info->seed);
	fprintf(f, "tasks        %u\n", m->g->ntasks);
	fprintf(f, "makespan     %s s\n", pel_fmt_double(b, sizeof b, r->makespan));
	fprintf(f, "lower bound  %.9g s\n", x->lower_bound);
	fprintf(f, "SLR          %.6g\n", x->slr);
	if (!isnan(x->speedup)) {
		fprintf(f, "speedup      %.6g (over the best single device slot)\n", x->speedup);
		fprintf(f, "efficiency   %.6g\n", x->efficiency);
	} else {
		fprintf(f, "speedup      n/a (no single device can run every task)\n");
		fprintf(f, "efficiency   n/a\n");
	}
	fprintf(f, "imbalance    %.6g (max / mean busy time)\n", x->imbalance);
	if (x->has_response) {
		fprintf(f, "response     mean %.6g s, p95 %.6g s, p99 %.6g s\n", x->resp_mean,
			x->resp_p95, x->resp_p99);
		fprintf(f, "throughput   %.6g tasks/s\n", x->throughput);
	}
	fprintf(f, "events       %llu\n", (unsigned long long)r->events);
	fprintf(f, "transfers    %llu\n", (unsigned long long)r->transfers);
	fprintf(f, "bytes moved  %s\n", pel_fmt_double(b, sizeof b, r->bytes_moved));
	size_t w = 6;
	for (uint32_t d = 0; d < m->ndev; d++)
		if (strlen(m->p->devices[d].name) > w)
			w = strlen(m->p->devices[d].name);
	fprintf(f, "\n%-*s  %-6s %5s %8s %14s %11s\n", (int)w, "device", "class", "slots",
		"tasks", "busy (s)", "utilization");
	for (uint32_t d = 0; d < m->ndev; d++) {
		const pel_device *dev = &m->p->devices[d];
		fprintf(f, "%-*s  %-6s %5u %8u %14.6g %10.1f%%\n", (int)w, dev->name, dev->class_name,
			dev->slots, r->tasks[d], r->busy[d], 100 * utilization(m, r, d));
	}
}

/* A JSON string of s; bytes that are not UTF-8 (a file name, a --set
 * value) become '?', where jansson would refuse the whole object. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	char *c = pel_xstrdup(s);
	for (unsigned char *p = (unsigned char *)c; *p; p++)
		if (*p >= 0x80)
			*p = '?';
	j = json_string(c);
	free(c);
	return j;
}

void pel_report_json(FILE *f, const pel_run_info *info, const pel_model *m,
		     const pel_sim_result *r, const pel_metrics *x)
{
	json_t *devs = json_array();
	for (uint32_t d = 0; d < m->ndev; d++) {
		const pel_device *dev = &m->p->devices[d];
		json_array_append_new(devs, json_pack("{s:o, s:o, s:f, s:I, s:I, s:f, s:f}",
			"name", jstr(dev->name), "class", jstr(dev->class_name), "speed", dev->speed,
			"slots", (json_int_t)dev->slots, "tasks", (json_int_t)r->tasks[d],
			"busy", r->busy[d], "utilization", utilization(m, r, d)));
	}
	json_t *o = json_pack("{s:o, s:o, s:I, s:f, s:I, s:I, s:I, s:f, s:o}",
		"scenario", jstr(info->scenario), "policy", jstr(info->policy),
		"seed", (json_int_t)info->seed, "makespan", r->makespan,
		"events", (json_int_t)r->events, "tasks", (json_int_t)m->g->ntasks,
		"transfers", (json_int_t)r->transfers, "bytes_moved", r->bytes_moved,
		"devices", devs);
	json_object_set_new(o, "slr", json_real(x->slr));
	/* null when no single device can run every task */
	json_object_set_new(o, "speedup", isnan(x->speedup) ? json_null() : json_real(x->speedup));
	json_object_set_new(o, "efficiency", isnan(x->efficiency) ? json_null() : json_real(x->efficiency));
	json_object_set_new(o, "imbalance", json_real(x->imbalance));
	json_object_set_new(o, "lower_bound", json_real(x->lower_bound));
	if (x->has_response) {
		json_object_set_new(o, "response_mean", json_real(x->resp_mean));
		json_object_set_new(o, "response_p95", json_real(x->resp_p95));
		json_object_set_new(o, "response_p99", json_real(x->resp_p99));
		json_object_set_new(o, "throughput", json_real(x->throughput));
	}
	json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(17));
	fputc('\n', f);
	json_decref(o);
}

void pel_report_compare_header(FILE *f, const pel_model *m, int streams)
{
	fprintf(f, "tasks %u, devices %u, slots %u\n\n", m->g->ntasks, m->ndev, m->p->total_slots);
	fprintf(f, "%-12s %14s %9s %9s %10s %9s %14s", "policy", "makespan (s)", "SLR", "speedup",
		"efficiency", "imbalance", "bytes moved");
	if (streams)
		fprintf(f, " %12s %12s %12s %12s", "resp mean", "resp p95", "resp p99", "tasks/s");
	fputc('\n', f);
}

void pel_report_compare_row(FILE *f, const pel_run_info *info, const pel_sim_result *r,
			    const pel_metrics *x)
{
	fprintf(f, "%-12s %14.9g %9.4g", info->policy, r->makespan, x->slr);
	if (!isnan(x->speedup))
		fprintf(f, " %9.4g %10.4g", x->speedup, x->efficiency);
	else
		fprintf(f, " %9s %10s", "n/a", "n/a");
	fprintf(f, " %9.4g %14.6g", x->imbalance, r->bytes_moved);
	if (x->has_response)
		fprintf(f, " %12.6g %12.6g %12.6g %12.6g", x->resp_mean, x->resp_p95, x->resp_p99,
			x->throughput);
	fputc('\n', f);
}

void pel_report_schedule(FILE *f, const pel_model *m, const pel_sim_result *r)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	char n1[32], n2[32], a[64], b[64], c[64], e[64];
	fprintf(f, "record,task,kind,device,slot,ready,start,end,src_task,from_node,to_node,bytes\n");
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		if (r->dev[t] == PEL_NO_DEVICE)
			continue;
		fprintf(f, "task,%s,%s,%s,%u,%s,%s,%s,,,,\n", pel_dag_task_name(g, t, n1, sizeof n1),
			g->kind_names[g->kind[t]], p->devices[r->dev[t]].name, r->slot[t],
			pel_fmt_double(a, sizeof a, r->ready[t]), pel_fmt_double(b, sizeof b, r->start[t]),
			pel_fmt_double(c, sizeof c, r->end[t]));
	}
	for (size_t i = 0; i < r->nxfers; i++) {
		const pel_transfer *x = &r->xfers[i];
		pel_task_id dst = g->dst[x->edge], src = g->src[x->edge];
		fprintf(f, "transfer,%s,,%s,,,%s,%s,%s,%s,%s,%s\n", pel_dag_task_name(g, dst, n1, sizeof n1),
			r->dev[dst] == PEL_NO_DEVICE ? "" : p->devices[r->dev[dst]].name,
			pel_fmt_double(a, sizeof a, x->start), pel_fmt_double(b, sizeof b, x->end),
			pel_dag_task_name(g, src, n2, sizeof n2), p->nodes[x->from].name,
			p->nodes[x->to].name, pel_fmt_double(e, sizeof e, g->bytes[x->edge]));
	}
}
