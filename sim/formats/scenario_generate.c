/* scenario_generate.c - workloads the scenario generates: random layered
 * DAGs, tiled Cholesky, the structured families and streams of independent
 * tasks, each refused before it is made when it would exceed the task or
 * edge limit or the machine's memory. */
#include "scenario_read.h"

#include "../../common/alloc.h"
#include "../../common/random.h"
#include "../../models/families.h"
#include "../../models/generate.h"
#include "../../models/size.h"
#include "../../models/stream.h"
#include "trace.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const layered_keys[] = { "generate", "tasks", "shape", "outdegree", "jump",
					    "work", "bytes", "spread", "kinds", "ccr", "beta", NULL };
static const char *const cholesky_keys[] = { "generate", "tiles", "tile", NULL };
static const char *const forkjoin_keys[] = { "generate", "phases", "width", "work", "bytes", NULL };
static const char *const fft_keys[] = { "generate", "points", "work", "bytes", NULL };
static const char *const stencil_keys[] = { "generate", "rows", "cols", "work", "bytes", NULL };
static const char *const mapreduce_keys[] = { "generate", "maps", "reduces", "work", "reduce_work",
					      "bytes", NULL };

/* ---- sizes, checked before generating ---- */

/* The machine's physical memory in bytes (UINT64_MAX when unknown). */
static uint64_t phys_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || page <= 0)
		return UINT64_MAX;
	return pel_size_mul((uint64_t)pages, (uint64_t)page);
}

/* Where r was written, as a rank: --set values after everything in the
 * files (in the order given), then by position in its file. */
static uint64_t written_rank(loader *L, yref r)
{
	for (size_t i = 0; i < L->nsets; i++)
		if (L->sets[i].node.doc == r.doc && L->sets[i].node.idx == r.idx)
			return ((uint64_t)1 << 62) + i;
	return Y(L, r)->start_mark.index;
}

/* Of the keys (NULL-terminated) given in the mapping r, the one written
 * last (the value that completed a product), in *at and *key; without
 * any, r's `generate` value. */
static void last_key(loader *L, yref r, const char *const *keys, yref *at, const char **key)
{
	*at = pel_sc_get(L, r, "generate");
	*key = "generate";
	int any = 0;
	for (; *keys; keys++) {
		yref v = pel_sc_get(L, r, *keys);
		if (present(v) && (!any || written_rank(L, v) > written_rank(L, *at))) {
			*at = v;
			*key = *keys;
			any = 1;
		}
	}
}

/* bytes as "12.3 GiB" (or MiB, TiB, PiB, EiB). */
static const char *bytes_text(uint64_t b, char *buf, size_t len)
{
	static const char *const unit[] = { "MiB", "GiB", "TiB", "PiB", "EiB" };
	double x = (double)b / (1024.0 * 1024.0);
	size_t u = 0;
	while (x >= 1024 && u + 1 < sizeof unit / sizeof *unit) {
		x /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", x, unit[u]);
	return buf;
}

/* Refuses a generated workload of size s (family `family`, parameters in
 * the mapping r) with more tasks than PEL_MAX_TASKS, more edges than
 * PEL_MAX_EDGES or more memory than the machine has, at the key of
 * tkeys (task count) or ekeys (edges and memory) written last.  Returns
 * 1 when refused. */
static int check_size(loader *L, yref r, const char *family, const pel_dag_size *s,
		      const char *const *tkeys, const char *const *ekeys)
{
	uint64_t mem = phys_memory();
	pel_size_verdict v = pel_size_check(s, mem);
	if (v == PEL_SIZE_OK)
		return 0;
	yref at;
	const char *key;
	last_key(L, r, v == PEL_SIZE_TASKS ? tkeys : ekeys, &at, &key);
	char field[64], fb[64], n1[32], n2[32], n3[32], b1[32], b2[32];
	snprintf(field, sizeof field, "workload.%s", key);
	const char *val = pel_sc_found(L, at, fb, sizeof fb);
	if (v == PEL_SIZE_TASKS)
		pel_sc_fail_at(L, at, field, "expected at most %u tasks, found %s (%s makes %s tasks)", PEL_MAX_TASKS, val,
			family, pel_sc_count_text(s->tasks, n1, sizeof n1));
	else if (v == PEL_SIZE_EDGES)
		pel_sc_fail_at(L, at, field, "expected at most %u edges, found %s (%s makes up to %s edges)", PEL_MAX_EDGES,
			val, family, pel_sc_count_text(s->edges, n1, sizeof n1));
	else
		pel_sc_fail_at(L, at, field,
			"expected a workload that fits in memory, found %s (%s makes %s tasks, up to %s edges and %s explicit times: about %s; this machine has %s)",
			val, family, pel_sc_count_text(s->tasks, n1, sizeof n1), pel_sc_count_text(s->edges, n2, sizeof n2),
			pel_sc_count_text(s->costs, n3, sizeof n3), bytes_text(pel_size_bytes(s), b1, sizeof b1),
			bytes_text(mem, b2, sizeof b2));
	return 1;
}

/* check_size with one list of keys for tasks, edges and memory. */
static int check_size_by(loader *L, yref r, const char *family, const pel_dag_size *s, const char *const *keys)
{
	return check_size(L, r, family, s, keys, keys);
}

static const char *const tiles_key[] = { "tiles", NULL };

/* The structured families (fork-join, LU, QR, FFT, stencil, MapReduce). */
static pel_dag *read_family(loader *L, yref r, const char *type)
{
	const char *f = "workload";
	if (!strcmp(type, "lu") || !strcmp(type, "qr")) {
		if (pel_sc_check_map(L, r, f, cholesky_keys))
			return NULL;
		uint32_t tiles = (uint32_t)pel_sc_opt_integer(L, r, "tiles", f, 8, 1, 2000);
		uint32_t nb = (uint32_t)pel_sc_opt_integer(L, r, "tile", f, 960, 1, 1000000);
		if (L->failed)
			return NULL;
		pel_dag_size size = type[0] == 'l' ? pel_size_lu(tiles) : pel_size_qr(tiles);
		if (check_size_by(L, r, type, &size, tiles_key))
			return NULL;
		return type[0] == 'l' ? pel_generate_lu(tiles, nb) : pel_generate_qr(tiles, nb);
	}
	if (!strcmp(type, "forkjoin")) {
		if (pel_sc_check_map(L, r, f, forkjoin_keys))
			return NULL;
		uint32_t phases = (uint32_t)pel_sc_opt_integer(L, r, "phases", f, 4, 1, 10000000);
		uint32_t width = (uint32_t)pel_sc_opt_integer(L, r, "width", f, 8, 1, 10000000);
		double work = pel_sc_opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = pel_sc_opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		static const char *const keys[] = { "phases", "width", NULL };
		pel_dag_size size = pel_size_forkjoin(phases, width);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_forkjoin(phases, width, work, bytes);
	}
	if (!strcmp(type, "fft")) {
		if (pel_sc_check_map(L, r, f, fft_keys))
			return NULL;
		uint64_t points = pel_sc_opt_integer(L, r, "points", f, 16, 2, 1u << 24);
		double work = pel_sc_opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = pel_sc_opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		if (!L->failed && (points & (points - 1)))
			pel_sc_expected(L, pel_sc_get(L, r, "points"), "workload.points", "a power of two");
		static const char *const keys[] = { "points", NULL };
		pel_dag_size size = pel_size_fft((uint32_t)points);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_fft((uint32_t)points, work, bytes);
	}
	if (!strcmp(type, "stencil")) {
		if (pel_sc_check_map(L, r, f, stencil_keys))
			return NULL;
		uint64_t rows = pel_sc_opt_integer(L, r, "rows", f, 16, 1, 100000);
		uint64_t cols = pel_sc_opt_integer(L, r, "cols", f, 16, 1, 100000);
		double work = pel_sc_opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
		double bytes = pel_sc_opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
		static const char *const keys[] = { "rows", "cols", NULL };
		pel_dag_size size = pel_size_stencil((uint32_t)rows, (uint32_t)cols);
		if (L->failed || check_size_by(L, r, type, &size, keys))
			return NULL;
		return pel_generate_stencil((uint32_t)rows, (uint32_t)cols, work, bytes);
	}
	if (pel_sc_check_map(L, r, f, mapreduce_keys))
		return NULL;
	uint32_t maps = (uint32_t)pel_sc_opt_integer(L, r, "maps", f, 16, 1, 100000);
	uint32_t reduces = (uint32_t)pel_sc_opt_integer(L, r, "reduces", f, 4, 1, 100000);
	double work = pel_sc_opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
	double rwork = pel_sc_opt_number(L, r, "reduce_work", f, work, 0, 0, INFINITY);
	double bytes = pel_sc_opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
	static const char *const keys[] = { "maps", "reduces", NULL };
	pel_dag_size size = pel_size_mapreduce(maps, reduces);
	if (L->failed || check_size_by(L, r, type, &size, keys))
		return NULL;
	return pel_generate_mapreduce(maps, reduces, work, rwork, bytes);
}

static const char *const stream_keys[] = { "generate", "tasks", "arrival", "rate", "rates", "switch",
					   "trace", "size", "mean", "alpha", "lo", "hi", "sigma", "kind", NULL };

/* Reads a list of two positive numbers (the MMPP's per-state rates). */
static void two_rates(loader *L, yref map, const char *key, double *out)
{
	yref v = pel_sc_get(L, map, key);
	char f[64];
	snprintf(f, sizeof f, "workload.%s", key);
	if (!present(v)) {
		pel_sc_fail_at(L, map, "workload", "expected key '%s' (two rates, one per state), found none", key);
		return;
	}
	if (!is_type(L, v, YAML_SEQUENCE_NODE) || seq_len(L, v) != 2) {
		pel_sc_expected(L, v, f, "a list of two rates [state 0, state 1]");
		return;
	}
	for (size_t i = 0; i < 2; i++)
		out[i] = pel_sc_number(L, seq_item(L, v, i), f, 0, 1, INFINITY);
}

/* A stream's arrival times (and sizes) from the trace file named in the
 * mapping r into p; the arrays, to free, in *times and *sizes. */
static void stream_trace(loader *L, yref r, pel_gen_stream *p, double **trace_times, double **trace_sizes)
{
	yref tr = pel_sc_get(L, r, "trace");
	const char *name = present(tr) ? pel_sc_text(L, tr, "workload.trace") : NULL;
	if (!present(tr))
		pel_sc_fail_at(L, r, "workload", "expected key 'trace' (a file of arrival times), found none");
	if (present(pel_sc_get(L, r, "tasks")))
		pel_sc_fail_at(L, pel_sc_get(L, r, "tasks"), "workload.tasks",
			"expected no task count with a trace (it has one task per line), found one");
	if (name && !L->failed) {
		char path[4096], err[1024];
		double *times, *sizes;
		pel_sc_rel_path(L, name, path, sizeof path);
		if (pel_trace_read(path, &times, &sizes, &p->tasks, err, sizeof err)) {
			pel_sc_fail_at(L, tr, "workload.trace", "%s", err);
		} else {
			*trace_times = times;
			*trace_sizes = sizes;
			p->trace_times = times;
			p->trace_sizes = sizes;
		}
	}
}

/* A stream's arrival process, written arr, from the mapping r into p
 * (a trace's arrays, to free, in *times and *sizes). */
static void stream_arrival(loader *L, yref r, const char *arr, pel_gen_stream *p, double **times,
			   double **sizes)
{
	if (!strcmp(arr, "poisson") || !strcmp(arr, "fixed")) {
		p->arrival = !strcmp(arr, "poisson") ? PEL_ARRIVAL_POISSON : PEL_ARRIVAL_FIXED;
		p->rate[0] = pel_sc_opt_number(L, r, "rate", "workload", 1, 0, 1, INFINITY);
	} else if (!strcmp(arr, "mmpp")) {
		p->arrival = PEL_ARRIVAL_MMPP;
		two_rates(L, r, "rates", p->rate);
		two_rates(L, r, "switch", p->switch_rate);
	} else if (!strcmp(arr, "trace")) {
		p->arrival = PEL_ARRIVAL_TRACE;
		stream_trace(L, r, p, times, sizes);
	} else {
		pel_sc_expected(L, pel_sc_get(L, r, "arrival"), "workload.arrival", "one of: poisson, mmpp, fixed, trace");
	}
}

/* A stream's size law, written size, from the mapping r into p. */
static void stream_size_law(loader *L, yref r, const char *size, pel_gen_stream *p)
{
	const char *f = "workload";
	if (!strcmp(size, "exponential")) {
		p->size = PEL_SIZE_EXPONENTIAL;
	} else if (!strcmp(size, "constant")) {
		p->size = PEL_SIZE_CONSTANT;
	} else if (!strcmp(size, "lognormal")) {
		p->size = PEL_SIZE_LOGNORMAL;
		p->sigma = pel_sc_opt_number(L, r, "sigma", f, 1, 0, 1, 100);
	} else if (!strcmp(size, "pareto")) {
		p->size = PEL_SIZE_PARETO;
		p->alpha = pel_sc_opt_number(L, r, "alpha", f, 1.5, 0, 1, 100);
		p->lo = pel_sc_opt_number(L, r, "lo", f, 1, 0, 1, INFINITY);
		p->hi = pel_sc_opt_number(L, r, "hi", f, 1e6, 0, 1, INFINITY);
		if (!L->failed && p->hi <= p->lo)
			pel_sc_expected(L, pel_sc_get(L, r, "hi"), "workload.hi", "a bound above lo");
	} else {
		pel_sc_expected(L, pel_sc_get(L, r, "size"), "workload.size", "one of: exponential, pareto, lognormal, constant");
	}
}

/* A stream of independent tasks: arrival process and size law. */
static pel_dag *read_stream(loader *L, yref r, uint64_t seed)
{
	const char *f = "workload";
	if (pel_sc_check_map(L, r, f, stream_keys))
		return NULL;
	pel_gen_stream p = { 0 };
	double *trace_times = NULL, *trace_sizes = NULL;
	p.tasks = (uint32_t)pel_sc_opt_integer(L, r, "tasks", f, 1000, 1, PEL_MAX_TASKS);
	const char *arr = pel_sc_opt_text(L, r, "arrival", f, "poisson");
	const char *size = pel_sc_opt_text(L, r, "size", f, "exponential");
	p.kind = pel_sc_opt_text(L, r, "kind", f, "task");
	p.mean = pel_sc_opt_number(L, r, "mean", f, 1, 0, 1, INFINITY);
	if (L->failed)
		return NULL;
	stream_arrival(L, r, arr, &p, &trace_times, &trace_sizes);
	stream_size_law(L, r, size, &p);
	static const char *const keys[] = { "tasks", "trace", NULL };
	pel_dag_size dsize = pel_size_stream(&p);
	pel_dag *g = NULL;
	if (!L->failed && !check_size_by(L, r, "stream", &dsize, keys)) {
		gsl_rng *arrivals = pel_rng_stream(seed, PEL_STREAM_ARRIVAL);
		gsl_rng *sizes = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
		g = pel_generate_stream(&p, arrivals, sizes);
		gsl_rng_free(arrivals);
		gsl_rng_free(sizes);
	}
	free(trace_times);
	free(trace_sizes);
	return g;
}

/* The layered generator's parameters in the mapping r into *prm (kinds:
 * room for 256 names); the platform's device names, to free, when ccr or
 * beta ask for the literature's explicit times, else NULL. */
static const char **layered_params(loader *L, yref r, pel_gen_layered *prm, const char **kinds)
{
	const char *f = "workload";
	prm->tasks = (uint32_t)pel_sc_opt_integer(L, r, "tasks", f, 100, 1, PEL_MAX_TASKS);
	prm->shape = pel_sc_opt_number(L, r, "shape", f, 1, 0, 1, 1e6);
	prm->outdegree = pel_sc_opt_number(L, r, "outdegree", f, 2, 1, 0, 1e6);
	prm->jump = (uint32_t)pel_sc_opt_integer(L, r, "jump", f, 1, 1, 1000000);
	prm->work = pel_sc_opt_number(L, r, "work", f, 1e9, 0, 0, INFINITY);
	prm->bytes = pel_sc_opt_number(L, r, "bytes", f, 0, 0, 0, INFINITY);
	prm->spread = pel_sc_opt_number(L, r, "spread", f, 0.5, 0, 0, 0.999);
	yref ks = pel_sc_get(L, r, "kinds");
	if (present(ks)) {
		if (!is_type(L, ks, YAML_SEQUENCE_NODE) || !seq_len(L, ks) || seq_len(L, ks) > 256)
			pel_sc_expected(L, ks, "workload.kinds", "a list of 1 to 256 task kinds");
		for (size_t i = 0; !L->failed && i < seq_len(L, ks); i++)
			kinds[prm->nkinds++] = pel_sc_text(L, seq_item(L, ks, i), "workload.kinds");
		prm->kinds = kinds;
	}
	/* ccr or beta select the literature's model: explicit times per
	 * device of the platform (work = mean cost in seconds) */
	const char **devnames = NULL;
	if (present(pel_sc_get(L, r, "ccr")) || present(pel_sc_get(L, r, "beta"))) {
		prm->ccr = pel_sc_opt_number(L, r, "ccr", f, 1, 0, 0, 1e6);
		prm->beta = pel_sc_opt_number(L, r, "beta", f, 1, 0, 0, 1.999);
		const pel_platform *pf = L->s->platform;
		devnames = pel_xcalloc(pf->ndevices, sizeof *devnames);
		for (uint32_t d = 0; d < pf->ndevices; d++)
			devnames[d] = pf->devices[d].name;
		prm->devices = devnames;
		prm->ndevices = pf->ndevices;
	}
	return devnames;
}

/* Refuses the layered DAG g (mapping r, its generate value at gen) when
 * no device does the largest work of some kind in a finite time. */
static void check_layered_work(loader *L, yref r, yref gen, const pel_dag *g)
{
	/* the largest work of each kind decides whether all can run */
	pel_task_id *big = pel_xmalloc((g->nkinds ? g->nkinds : 1) * sizeof *big);
	for (uint32_t k = 0; k < g->nkinds; k++)
		big[k] = PEL_NO_TASK;
	for (pel_task_id t = 0; t < g->ntasks; t++)
		if (big[g->kind[t]] == PEL_NO_TASK || g->work[t] > g->work[big[g->kind[t]]])
			big[g->kind[t]] = t;
	for (uint32_t k = 0; k < g->nkinds && !L->failed; k++)
		if (big[k] != PEL_NO_TASK && !pel_sc_runs_somewhere(L->s->platform, g, big[k])) {
			yref w = pel_sc_get(L, r, "work");
			pel_sc_expected(L, present(w) ? w : gen, present(w) ? "workload.work" : "workload.generate",
				 "an amount of work that some device does in a finite time");
		}
	free(big);
}

/* A random layered DAG (the mapping r, its generate value at gen). */
static pel_dag *read_layered(loader *L, yref r, yref gen, uint64_t seed)
{
	if (pel_sc_check_map(L, r, "workload", layered_keys))
		return NULL;
	pel_gen_layered prm = { 0 };
	const char *kinds[256];
	const char **devnames = layered_params(L, r, &prm, kinds);
	static const char *const tkeys[] = { "tasks", NULL };
	static const char *const ekeys[] = { "tasks", "outdegree", "jump", "shape", NULL };
	pel_dag_size size = pel_size_layered(&prm);
	if (L->failed || check_size(L, r, "layered", &size, tkeys, ekeys)) {
		free(devnames);
		return NULL;
	}
	gsl_rng *rng = pel_rng_stream(seed, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&prm, rng);
	free(devnames);
	gsl_rng_free(rng);
	check_layered_work(L, r, gen, g);
	if (L->failed) {
		pel_dag_free(g);
		return NULL;
	}
	return g;
}

pel_dag *pel_sc_read_generated(loader *L, yref r, uint64_t seed)
{
	const char *f = "workload";
	yref gen = pel_sc_get(L, r, "generate");
	const char *type = pel_sc_text(L, gen, "workload.generate");
	if (!type)
		return NULL;
	if (!strcmp(type, "layered"))
		return read_layered(L, r, gen, seed);
	if (!strcmp(type, "cholesky")) {
		if (pel_sc_check_map(L, r, f, cholesky_keys))
			return NULL;
		uint32_t tiles = (uint32_t)pel_sc_opt_integer(L, r, "tiles", f, 8, 1, 2000);
		uint32_t nb = (uint32_t)pel_sc_opt_integer(L, r, "tile", f, 960, 1, 1000000);
		pel_dag_size size = pel_size_cholesky(tiles);
		if (L->failed || check_size_by(L, r, type, &size, tiles_key))
			return NULL;
		return pel_generate_cholesky(tiles, nb);
	}
	if (!strcmp(type, "stream"))
		return read_stream(L, r, seed);
	if (!strcmp(type, "lu") || !strcmp(type, "qr") || !strcmp(type, "forkjoin") ||
	    !strcmp(type, "fft") || !strcmp(type, "stencil") || !strcmp(type, "mapreduce"))
		return read_family(L, r, type);
	pel_sc_expected(L, gen, "workload.generate",
		 "one of: layered, cholesky, lu, qr, forkjoin, fft, stencil, mapreduce, stream");
	return NULL;
}

