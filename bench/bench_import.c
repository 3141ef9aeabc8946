/* bench_import.c - import speed and memory of each DAG format.
 *
 * The DAG is a layered one (pel_generate_layered, 4 kinds, about two
 * edges per task, bytes on edges).  Each format gets the same graph:
 *   dot       pel_export_dot (names, kinds, size, edge size)
 *   stg       ids 1..n, time = work / 1e8 rounded (1..15), plus the dummy
 *             entry 0 and exit n+1 joined to the sources and sinks
 *   etc       the n tasks x 16 machines, time = work / (1e9 (1 + m/4)),
 *             printed "%.6f" one a line as in Braun et al.'s files
 *   wfformat  1.5: one output file per task, read by its children;
 *             runtime = work / 1e9; indented by 2 as WfCommons' files are
 * For DOT and WfFormat it also times the library's parse alone (cgraph's
 * agread with pelsim's heap discipline; jansson's json_loadb of the text
 * in memory, with the importer's flags), nothing of pelsim's conversion:
 * import_parser_tasks_per_s_* is the ceiling of any importer built on
 * that library, on this file.
 * With PELSIM_BENCH_KEEP set in the environment the files stay (the
 * directory is printed), for profiling an importer on them.
 * Every import runs in a forked child, so that the peak resident size it
 * reports (getrusage ru_maxrss) grows by what that import alone holds at
 * its peak (file text, parser structures and the DAG). */
#define _GNU_SOURCE
#include "bench_common.h"
#include "bench_import.h"

#include "../common/random.h"
#include "../models/generate.h"
#include "../sim/formats/cgraph_heap.h"
#include "../sim/formats/import.h"

#include <cgraph.h>
#include <jansson.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BENCH_SEED 42
#define REPS 3
#define ETC_MACHINES 16

/* ---- writers ------------------------------------------------------------ */

static int write_stg(const pel_dag *g, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	uint32_t n = g->ntasks;
	fprintf(f, "%10u\n%10u %10u %10u\n", n, 0u, 0u, 0u);
	for (uint32_t t = 0; t < n; t++) {
		uint32_t np = pel_dag_npred(g, t);
		long time = lround(g->work[t] / 1e8);
		fprintf(f, "%10u %10ld %10u", t + 1, time < 1 ? 1 : time, np ? np : 1);
		if (!np)
			fprintf(f, " %10u", 0u);
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++)
			fprintf(f, " %10u", g->src[g->pred[k]] + 1);
		putc('\n', f);
	}
	uint32_t sinks = 0;
	for (uint32_t t = 0; t < n; t++)
		sinks += !pel_dag_nsucc(g, t);
	fprintf(f, "%10u %10u %10u", n + 1, 0u, sinks);
	for (uint32_t t = 0; t < n; t++)
		if (!pel_dag_nsucc(g, t))
			fprintf(f, " %10u", t + 1);
	fprintf(f, "\n# Standard Task Graph Set format, written by pelsim-bench\n"
		   "# Tasks             : %u (+dummy tasks : 2)\n", n);
	return fclose(f);
}

static int write_etc(const pel_dag *g, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%u %d 0\n", g->ntasks, ETC_MACHINES);
	for (uint32_t t = 0; t < g->ntasks; t++)
		for (int m = 0; m < ETC_MACHINES; m++)
			fprintf(f, "%.6f\n", g->work[t] / (1e9 * (1 + m / 4.0)));
	return fclose(f);
}

static int write_wfformat(const pel_dag *g, const char *path)
{
	char id[32], name[96], file[32];
	json_t *tasks = json_array(), *files = json_array(), *exec = json_array();
	for (uint32_t t = 0; t < g->ntasks; t++) {
		snprintf(id, sizeof id, "ID%08u", t);
		snprintf(name, sizeof name, "%s_ID%08u", g->kind_names[g->kind[t]], t);
		snprintf(file, sizeof file, "f%08u", t);
		json_t *parents = json_array(), *children = json_array(), *in = json_array();
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			uint32_t p = g->src[g->pred[k]];
			char pid[32], pf[32];
			snprintf(pid, sizeof pid, "ID%08u", p);
			snprintf(pf, sizeof pf, "f%08u", p);
			json_array_append_new(parents, json_string(pid));
			json_array_append_new(in, json_string(pf));
		}
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
			char cid[32];
			snprintf(cid, sizeof cid, "ID%08u", g->dst[g->succ[k]]);
			json_array_append_new(children, json_string(cid));
		}
		json_t *out = json_array();
		json_array_append_new(out, json_string(file));
		json_array_append_new(tasks, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "name", name, "id", id,
						       "parents", parents, "children", children, "inputFiles",
						       in, "outputFiles", out));
		/* a task's output: the mean of its out-edges' bytes */
		double bytes = 0;
		uint32_t ns = pel_dag_nsucc(g, t);
		for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++)
			bytes += g->bytes[g->succ[k]];
		json_array_append_new(files, json_pack("{s:s, s:I}", "id", file, "sizeInBytes",
						       (json_int_t)(ns ? bytes / ns : 0)));
		json_array_append_new(exec, json_pack("{s:s, s:f}", "id", id, "runtimeInSeconds",
						      g->work[t] / 1e9));
	}
	json_t *root = json_pack("{s:s, s:s, s:{s:{s:o, s:o}, s:{s:o}}}", "name", "pelsim-bench",
				 "schemaVersion", "1.5", "workflow", "specification", "tasks", tasks,
				 "files", files, "execution", "tasks", exec);
	int rc = root ? json_dump_file(root, path, JSON_INDENT(2)) : -1;
	json_decref(root);
	return rc;
}

/* ---- measuring ---------------------------------------------------------- */

typedef struct {
	double tasks_per_s, bytes_per_task;
	uint32_t tasks, edges;
	int ok;
	char err[256];
} result;

static result measure_child(const char *path, pel_format fmt)
{
	result r = { 0 };
	char err[256];
	long base = pel_bench_maxrss_kib();
	double best = INFINITY;
	for (int rep = 0; rep < REPS; rep++) {
		double t0 = pel_bench_now_s();
		pel_dag *g = pel_import(path, fmt, NULL, err, sizeof err);
		double t1 = pel_bench_now_s();
		if (!g) {
			snprintf(r.err, sizeof r.err, "%s", err);
			return r;
		}
		if (rep == 0) {
			r.bytes_per_task = (double)(pel_bench_maxrss_kib() - base) * 1024.0 / g->ntasks;
			r.tasks = g->ntasks;
			r.edges = g->nedges;
		}
		if (t1 - t0 < best)
			best = t1 - t0;
		pel_dag_free(g);
	}
	r.tasks_per_s = r.tasks / best;
	r.ok = 1;
	return r;
}

/* Best of REPS parses of path by the format's library alone, in tasks/s
 * for a file of n tasks; 0 when the library refused the file. */
static double parser_only(const char *path, pel_format fmt, uint32_t n)
{
	double best = INFINITY;
	size_t len = 0;
	char err[256];
	char *text = fmt == PEL_FMT_WFFORMAT ? pel_imp_slurp(path, &len, err, sizeof err) : NULL;
	if (fmt == PEL_FMT_WFFORMAT && !text)
		return 0;
	for (int rep = 0; rep < REPS; rep++) {
		double t0, t1;
		if (fmt == PEL_FMT_DOT) {
			FILE *f = fopen(path, "r");
			if (!f)
				return 0;
			Agdisc_t disc;
			pel_cgraph_heap_disc(&disc);
			t0 = pel_bench_now_s();
			Agraph_t *G = agread(f, &disc);
			t1 = pel_bench_now_s();
			fclose(f);
			if (!G)
				return 0;
			agclose(G);
		} else {
			json_error_t je;
			t0 = pel_bench_now_s();
			json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
			t1 = pel_bench_now_s();
			if (!root) {
				free(text);
				return 0;
			}
			json_decref(root);
		}
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	free(text);
	return n / best;
}

typedef struct {
	const char *path;
	pel_format fmt;
	uint32_t tasks; /* for parser_run */
} import_job;

static void measure_run(void *arg, void *out)
{
	const import_job *job = arg;
	*(result *)out = measure_child(job->path, job->fmt);
}

static void parser_run(void *arg, void *out)
{
	const import_job *job = arg;
	*(double *)out = parser_only(job->path, job->fmt, job->tasks);
}

static int measure(const char *path, pel_format fmt, result *res)
{
	import_job job = { path, fmt, 0 };
	int rc = pel_bench_in_child(measure_run, &job, res, sizeof *res);
	if (rc < 0)
		return -1;
	if (rc) {
		fprintf(stderr, "pelsim-bench: import child for %s failed\n", path);
		return -1;
	}
	if (!res->ok) {
		fprintf(stderr, "pelsim-bench: import of %s failed: %s\n", path, res->err);
		return -1;
	}
	return 0;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? -1 : (long)st.st_size;
}

void pel_bench_import(int quick)
{
	uint32_t n = quick ? 10000 : 100000;
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/pelsim-bench-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("pelsim-bench: mkdtemp");
		return;
	}
	static const char *const kinds[] = { "gemm", "fft", "stencil", "sort" };
	pel_gen_layered prm = { .tasks = n, .shape = 1.0, .outdegree = 2, .jump = 2, .work = 1e9,
				.bytes = 1e6, .spread = 0.5, .kinds = kinds, .nkinds = 4 };
	gsl_rng *rng = pel_rng_stream(BENCH_SEED, PEL_STREAM_BENCH);
	pel_dag *g = pel_generate_layered(&prm, rng);
	gsl_rng_free(rng);

	static const struct {
		const char *name;
		pel_format fmt;
	} formats[] = { { "dot", PEL_FMT_DOT }, { "wfformat", PEL_FMT_WFFORMAT },
			{ "stg", PEL_FMT_STG }, { "etc", PEL_FMT_ETC } };
	enum { NF = sizeof formats / sizeof formats[0] };
	char path[NF][600];
	int written[NF] = { 0 };
	char err[512];
	for (int i = 0; i < NF; i++) {
		snprintf(path[i], sizeof path[i], "%s/dag.%s", dir, formats[i].name);
		int rc;
		switch (formats[i].fmt) {
		case PEL_FMT_DOT:
			rc = pel_export_dot(g, path[i], err, sizeof err);
			if (rc)
				fprintf(stderr, "pelsim-bench: %s\n", err);
			break;
		case PEL_FMT_WFFORMAT:
			rc = write_wfformat(g, path[i]);
			break;
		case PEL_FMT_STG:
			rc = write_stg(g, path[i]);
			break;
		default:
			rc = write_etc(g, path[i]);
			break;
		}
		if (rc)
			fprintf(stderr, "pelsim-bench: cannot write %s\n", path[i]);
		written[i] = !rc;
	}
	printf("# import: layered dag seed=%d, %u tasks, %u edges, kinds=4; etc %d machines; best of %d"
	       " imports, memory of the first, each in a forked child\n",
	       BENCH_SEED, g->ntasks, g->nedges, ETC_MACHINES, REPS);
	pel_dag_free(g);
	malloc_trim(0); /* so the children do not reuse pages freed here */

	for (int i = 0; i < NF; i++) {
		result r;
		if (!written[i] || measure(path[i], formats[i].fmt, &r))
			continue;
		printf("# import %s: %ld bytes of file, %u tasks, %u edges read\n", formats[i].name,
		       file_size(path[i]), r.tasks, r.edges);
		printf("import_tasks_per_s_%s %.6g tasks/s\n", formats[i].name, r.tasks_per_s);
		printf("import_bytes_per_task_%s %.6g bytes\n", formats[i].name, r.bytes_per_task);
		if (formats[i].fmt == PEL_FMT_DOT || formats[i].fmt == PEL_FMT_WFFORMAT) {
			import_job job = { path[i], formats[i].fmt, r.tasks };
			double ceiling = 0;
			if (!pel_bench_in_child(parser_run, &job, &ceiling, sizeof ceiling) && ceiling > 0)
				printf("import_parser_tasks_per_s_%s %.6g tasks/s\n", formats[i].name,
				       ceiling);
			else
				fprintf(stderr, "pelsim-bench: the parser alone failed on %s\n", path[i]);
		}
		fflush(stdout);
	}
	if (getenv("PELSIM_BENCH_KEEP")) { /* for profiling the importers */
		printf("# import files kept in %s\n", dir);
		return;
	}
	for (int i = 0; i < NF; i++)
		unlink(path[i]);
	rmdir(dir);
}
