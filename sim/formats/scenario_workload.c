/* scenario_workload.c - the scenario's workload: written inline (tasks
 * and edges, by name), a DAG file (YAML, DOT, WfFormat, STG, ETC), or
 * generated (scenario_generate.c). */
#include "scenario_read.h"

#include "../../common/alloc.h"
#include "import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const workload_keys[] = { "tasks", "edges", "generate", NULL };
static const char *const task_keys[] = { "name", "kind", "work", "times", NULL };
static const char *const edge_keys[] = { "from", "to", "bytes", "comm", NULL };

/* A task's name and id, sorted by name to find the ends of edges. */
typedef struct {
	const char *name;
	pel_task_id id;
} named;

/* qsort order of named: by name. */
static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* The task called name in the sorted idx, or PEL_NO_TASK. */
static pel_task_id lookup(const named *idx, uint32_t n, const char *name)
{
	named key = { name, 0 };
	const named *hit = bsearch(&key, idx, n, sizeof *idx, cmp_named);
	return hit ? hit->id : PEL_NO_TASK;
}

/* Whether key names a device, a device group or a class of p. */
static int names_devices(const pel_platform *p, const char *key)
{
	for (uint32_t d = 0; d < p->ndevices; d++)
		if (!strcmp(key, p->devices[d].name) || !strcmp(key, p->devices[d].group) ||
		    !strcmp(key, p->devices[d].class_name))
			return 1;
	return 0;
}

/* Task t's explicit times (the mapping at map) into g. */
static void read_times(loader *L, pel_dag *g, pel_task_id t, yref map, const char *field)
{
	if (!is_type(L, map, YAML_MAPPING_NODE) ||
	    Y(L, map)->data.mapping.pairs.top == Y(L, map)->data.mapping.pairs.start) {
		pel_sc_expected(L, map, field, "a non-empty mapping of device, group or class to seconds");
		return;
	}
	if (pel_sc_unique_keys(L, map, field))
		return;
	yaml_node_t *y = Y(L, map);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top && !L->failed; p++) {
		yref kn = { map.doc, p->key };
		const char *k = pel_sc_text(L, kn, field);
		if (!k)
			return;
		if (!names_devices(L->s->platform, k)) {
			pel_sc_expected(L, kn, field, "the name of a device, a device group or a device class");
			return;
		}
		char f[256];
		snprintf(f, sizeof f, "%s.%s", field, k);
		double v = pel_sc_number(L, (yref){ map.doc, p->value }, f, 0, 0, INFINITY);
		pel_dag_add_cost(g, t, k, v);
	}
}

/* Whether some device of p does task t (no explicit times) in a finite
 * time: a huge work on a slow device overflows to infinity. */
int pel_sc_runs_somewhere(const pel_platform *p, const pel_dag *g, pel_task_id t)
{
	const char *kind = g->kind_names[g->kind[t]];
	for (uint32_t d = 0; d < p->ndevices; d++) {
		const pel_device *dev = &p->devices[d];
		double eff = 1;
		for (uint32_t k = 0; k < dev->neff; k++)
			if (!strcmp(dev->eff[k].kind, kind))
				eff = dev->eff[k].value;
		if (isfinite(dev->launch + g->work[t] / (dev->speed * eff)))
			return 1;
	}
	return 0;
}

/* Task i of workload.tasks (at t) added to g, named in idx[i]. */
static void read_task(loader *L, pel_dag *g, yref t, size_t i, named *idx)
{
	char ft[64], fn[80];
	snprintf(ft, sizeof ft, "workload.tasks.%zu", i);
	if (pel_sc_check_map(L, t, ft, task_keys))
		return;
	snprintf(fn, sizeof fn, "%s.name", ft);
	const char *name = pel_sc_text(L, pel_sc_need(L, t, "name", ft), fn);
	const char *kind = pel_sc_opt_text(L, t, "kind", ft, "task");
	double work = pel_sc_opt_number(L, t, "work", ft, 0, 0, 0, INFINITY);
	yref times = pel_sc_get(L, t, "times");
	if (L->failed)
		return;
	if (!present(times) && !present(pel_sc_get(L, t, "work"))) {
		pel_sc_fail_at(L, t, ft, "expected key 'work' (flop) or 'times' (seconds per device), found neither");
		return;
	}
	pel_task_id id = pel_dag_add_task(g, name, pel_dag_kind(g, kind), work);
	idx[i] = (named){ g->names[id], id };
	if (present(times)) {
		char fx[96];
		snprintf(fx, sizeof fx, "%s.times", ft);
		read_times(L, g, id, times, fx);
	} else if (!pel_sc_runs_somewhere(L->s->platform, g, id)) {
		char fw[96];
		snprintf(fw, sizeof fw, "%s.work", ft);
		pel_sc_expected(L, pel_sc_get(L, t, "work"), fw, "an amount of work that some device does in a finite time");
	}
}

/* Sorts idx (the n tasks of the list tasks) by name and refuses a name
 * used twice, at the later task. */
static void sort_names(loader *L, named *idx, size_t n, yref tasks)
{
	qsort(idx, n, sizeof *idx, cmp_named);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(idx[i].name, idx[i - 1].name)) {
			pel_task_id later = idx[i].id > idx[i - 1].id ? idx[i].id : idx[i - 1].id;
			char fn[80];
			snprintf(fn, sizeof fn, "workload.tasks.%u.name", later);
			pel_sc_fail_at(L, pel_sc_get(L, seq_item(L, tasks, later), "name"), fn,
				"task name '%s' used twice", idx[i].name);
			break;
		}
}

/* Edge i of workload.edges (at e) added to g, its ends found in idx (n tasks). */
static void read_edge(loader *L, pel_dag *g, yref e, size_t i, const named *idx, size_t n)
{
	char fe[64];
	snprintf(fe, sizeof fe, "workload.edges.%zu", i);
	if (pel_sc_check_map(L, e, fe, edge_keys))
		return;
	pel_task_id ends[2] = { PEL_NO_TASK, PEL_NO_TASK };
	const char *keys[2] = { "from", "to" };
	for (int k = 0; k < 2 && !L->failed; k++) {
		char fk[96];
		snprintf(fk, sizeof fk, "%s.%s", fe, keys[k]);
		yref v = pel_sc_need(L, e, keys[k], fe);
		const char *name = pel_sc_text(L, v, fk);
		if (!name)
			break;
		ends[k] = lookup(idx, (uint32_t)n, name);
		if (ends[k] == PEL_NO_TASK)
			pel_sc_expected(L, v, fk, "the name of a task under workload.tasks");
	}
	double bytes = pel_sc_opt_number(L, e, "bytes", fe, 0, 0, 0, INFINITY);
	double comm = pel_sc_opt_number(L, e, "comm", fe, NAN, 0, 0, INFINITY);
	if (L->failed)
		return;
	if (ends[0] == ends[1]) {
		char ft[96];
		snprintf(ft, sizeof ft, "%s.to", fe);
		pel_sc_fail_at(L, pel_sc_get(L, e, "to"), ft, "expected a task other than the edge's 'from', found '%s' (an edge to itself)",
			g->names[ends[0]]);
		return;
	}
	pel_dag_add_edge(g, ends[0], ends[1], bytes, comm);
}

/* A DAG written as tasks and edges (the mapping r), finished. */
static pel_dag *read_inline_dag(loader *L, yref r)
{
	yref tasks = pel_sc_need_list(L, r, "tasks", "workload", 1);
	if (L->failed)
		return NULL;
	pel_dag *g = pel_dag_new();
	size_t n = seq_len(L, tasks);
	named *idx = pel_xcalloc(n, sizeof *idx);
	for (size_t i = 0; i < n && !L->failed; i++)
		read_task(L, g, seq_item(L, tasks, i), i, idx);
	if (!L->failed)
		sort_names(L, idx, n, tasks);
	yref edges = pel_sc_get(L, r, "edges");
	if (present(edges) && !L->failed && !is_type(L, edges, YAML_SEQUENCE_NODE))
		pel_sc_expected(L, edges, "workload.edges", "a list");
	for (size_t i = 0; present(edges) && !L->failed && i < seq_len(L, edges); i++)
		read_edge(L, g, seq_item(L, edges, i), i, idx, n);
	free(idx);
	if (L->failed) {
		pel_dag_free(g);
		return NULL;
	}
	pel_task_id on_cycle;
	if (pel_dag_finish(g, &on_cycle)) {
		char buf[32];
		pel_sc_fail_at(L, present(edges) ? edges : r, "workload.edges",
			"expected a DAG, found a cycle through task '%s'",
			pel_dag_task_name(g, on_cycle, buf, sizeof buf));
		pel_dag_free(g);
		return NULL;
	}
	return g;
}

static const char *const file_keys[] = { "file", "format", "reference_speed", "etc_prefix", NULL };

/* A DAG file in one of the formats of sim/formats/import.h, or a YAML DAG file
 * (tasks and edges) with format yaml. */
static pel_dag *read_dag_file(loader *L, yref r, yref file, const char *fmt_name)
{
	const char *name = pel_sc_text(L, file, "workload.file");
	if (!name)
		return NULL;
	char path[4096];
	pel_sc_rel_path(L, name, path, sizeof path);
	pel_format fmt = PEL_FMT_AUTO;
	int yaml = fmt_name && !strcmp(fmt_name, "yaml");
	if (fmt_name && !yaml && pel_format_from_name(fmt_name, &fmt)) {
		pel_sc_expected(L, pel_sc_get(L, r, "format"), "workload.format", "one of: auto, yaml, dot, wfformat, stg, etc");
		return NULL;
	}
	if (!fmt_name || !strcmp(fmt_name, "auto")) {
		size_t n = strlen(path);
		yaml = pel_format_detect(path) == PEL_FMT_AUTO &&
		       ((n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".yml")));
	}
	if (yaml) {
		int d = pel_sc_load_doc(L, path, file, "workload.file");
		if (d < 0)
			return NULL;
		yref dr = root(d);
		if (pel_sc_check_map(L, dr, "workload", workload_keys))
			return NULL;
		return read_inline_dag(L, dr);
	}
	pel_import_options opt = { 0 };
	if (is_type(L, r, YAML_MAPPING_NODE)) {
		opt.reference_speed = pel_sc_opt_number(L, r, "reference_speed", "workload", 1, 0, 1, INFINITY);
		opt.etc_device_prefix = pel_sc_opt_text(L, r, "etc_prefix", "workload", "m");
	}
	if (L->failed)
		return NULL;
	char err[1024];
	pel_dag *g = pel_import(path, fmt, &opt, err, sizeof err);
	if (!g)
		pel_sc_fail_at(L, file, "workload.file", "%s", err);
	return g;
}

pel_dag *pel_sc_read_workload(loader *L, yref r, uint64_t seed)
{
	yref inc = pel_sc_follow(L, r);
	if (inc.doc == r.doc && inc.idx == r.idx && is_type(L, r, YAML_SCALAR_NODE))
		return read_dag_file(L, r, r, NULL); /* workload: FILE in a DAG format */
	r = inc;
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		pel_sc_expected(L, r, "workload", "a mapping (tasks and edges, generate, or file) or a file name");
		return NULL;
	}
	if (present(pel_sc_get(L, r, "generate")))
		return pel_sc_read_generated(L, r, seed);
	if (present(pel_sc_get(L, r, "file"))) {
		if (pel_sc_check_map(L, r, "workload", file_keys))
			return NULL;
		return read_dag_file(L, r, pel_sc_get(L, r, "file"), pel_sc_opt_text(L, r, "format", "workload", NULL));
	}
	if (pel_sc_check_map(L, r, "workload", workload_keys))
		return NULL;
	return read_inline_dag(L, r);
}

