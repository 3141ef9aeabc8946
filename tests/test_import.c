/* test_import.c - CUnit suites for the DAG importers and the DOT exporter
 * (sim/formats/import.h): format names and detection, each format's reading of
 * small hand-written files with exact expectations, every sample of
 * data/ (WfCommons instances, STG graphs, Braun et al.'s ETC
 * matrices), export -> import round trips, and one exact one-line message
 * for each malformed input under tests/data/import/. */
#define _GNU_SOURCE
#include "../common/random.h"
#include "../models/generate.h"
#include "../models/workload.h"
#include "../sim/formats/import.h"
#include "harness.h"

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA PEL_SOURCE_DIR "/tests/data/import/"
#define SHARED PEL_SOURCE_DIR "/data/"

/* ---- helpers ---------------------------------------------------------- */

static pel_dag *load(const char *file, pel_format fmt, const pel_import_options *opt)
{
	char path[1024], err[1024] = "";
	snprintf(path, sizeof path, DATA "%s", file);
	pel_dag *g = pel_import(path, fmt, opt, err, sizeof err);
	if (!g)
		fprintf(stderr, "\n  %s\n", err);
	return g;
}

/* Imports DATA/file, which must fail with the message path + suffix. */
static void expect_fail_opt(const char *file, pel_format fmt, const pel_import_options *opt,
			    const char *suffix)
{
	char path[1024], want[2048], err[1024] = "";
	snprintf(path, sizeof path, DATA "%s", file);
	pel_dag *g = pel_import(path, fmt, opt, err, sizeof err);
	CU_ASSERT_PTR_NULL(g);
	pel_dag_free(g);
	snprintf(want, sizeof want, "%s%s", path, suffix);
	CU_ASSERT_STRING_EQUAL(err, want);
	if (strcmp(err, want))
		fprintf(stderr, "\n  got:  %s\n  want: %s\n", err, want);
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
}

static void expect_fail(const char *file, pel_format fmt, const char *suffix)
{
	expect_fail_opt(file, fmt, NULL, suffix);
}

static const char *kind_of(const pel_dag *g, pel_task_id t)
{
	return g->kind_names[g->kind[t]];
}

static const char *name_of(const pel_dag *g, pel_task_id t)
{
	static char buf[4][32];
	static int i;
	i = (i + 1) % 4;
	return pel_dag_task_name(g, t, buf[i], sizeof buf[i]);
}

/* Index of the edge a -> b, or UINT32_MAX. */
static uint32_t edge(const pel_dag *g, pel_task_id a, pel_task_id b)
{
	for (uint32_t e = 0; e < g->nedges; e++)
		if (g->src[e] == a && g->dst[e] == b)
			return e;
	return UINT32_MAX;
}

static int same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || !memcmp(&a, &b, sizeof a);
}

/* NULL when a and b are the same DAG (task names compared as
 * pel_dag_task_name gives them, release times NULL = 0), else what
 * differs. */
static const char *dag_diff(const pel_dag *a, const pel_dag *b)
{
	static char why[256];
	if (a->ntasks != b->ntasks || a->nedges != b->nedges)
		return "task or edge count";
	if (a->nkinds != b->nkinds)
		return "kind count";
	for (uint32_t k = 0; k < a->nkinds; k++)
		if (strcmp(a->kind_names[k], b->kind_names[k]))
			return "kind names";
	for (uint32_t t = 0; t < a->ntasks; t++) {
		if (strcmp(name_of(a, t), name_of(b, t))) {
			snprintf(why, sizeof why, "name of task %u: '%s' vs '%s'", t, name_of(a, t), name_of(b, t));
			return why;
		}
		if (a->kind[t] != b->kind[t] || !same_double(a->work[t], b->work[t])) {
			snprintf(why, sizeof why, "kind or work of task %u", t);
			return why;
		}
		double ra = a->release ? a->release[t] : 0, rb = b->release ? b->release[t] : 0;
		if (ra != rb)
			return "release";
	}
	for (uint32_t e = 0; e < a->nedges; e++) {
		double ca = a->comm ? a->comm[e] : NAN, cb = b->comm ? b->comm[e] : NAN;
		if (a->src[e] != b->src[e] || a->dst[e] != b->dst[e] || !same_double(a->bytes[e], b->bytes[e]) ||
		    !same_double(ca, cb)) {
			snprintf(why, sizeof why, "edge %u", e);
			return why;
		}
	}
	if (a->ncosts != b->ncosts)
		return "cost count";
	for (size_t c = 0; c < a->ncosts; c++)
		if (a->costs[c].task != b->costs[c].task || strcmp(a->costs[c].key, b->costs[c].key) ||
		    !same_double(a->costs[c].time, b->costs[c].time)) {
			snprintf(why, sizeof why, "cost %zu", c);
			return why;
		}
	return NULL;
}

/* Exports g, imports the file back (format detected) and compares. */
static void round_trip(const pel_dag *g)
{
	char path[] = "/tmp/pelsim-test-import-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	char err[1024] = "";
	int rc = pel_export_dot(g, path, err, sizeof err);
	CU_ASSERT_EQUAL(rc, 0);
	if (rc)
		fprintf(stderr, "\n  %s\n", err);
	CU_ASSERT_EQUAL(pel_format_detect(path), PEL_FMT_DOT);
	pel_dag *h = pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
	CU_ASSERT_PTR_NOT_NULL(h);
	if (!h) {
		fprintf(stderr, "\n  %s\n", err);
	} else {
		const char *why = dag_diff(g, h);
		CU_ASSERT_PTR_NULL(why);
		if (why)
			fprintf(stderr, "\n  round trip differs: %s\n", why);
		/* and once more: the exporter is a fixed point */
		char path2[] = "/tmp/pelsim-test-import-XXXXXX";
		int fd2 = mkstemp(path2);
		close(fd2);
		CU_ASSERT_EQUAL(pel_export_dot(h, path2, err, sizeof err), 0);
		pel_dag *h2 = pel_import(path2, PEL_FMT_DOT, NULL, err, sizeof err);
		CU_ASSERT_PTR_NOT_NULL(h2);
		if (h2)
			CU_ASSERT_PTR_NULL(dag_diff(h, h2));
		pel_dag_free(h2);
		unlink(path2);
	}
	pel_dag_free(h);
	unlink(path);
}

/* Length of the heaviest path (sum of work along it). */
static double longest_path(const pel_dag *g)
{
	double *d = calloc(g->ntasks, sizeof *d), best = 0;
	for (uint32_t i = 0; i < g->ntasks; i++) {
		uint32_t t = g->topo[i];
		double in = 0;
		for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
			double v = d[g->src[g->pred[k]]];
			if (v > in)
				in = v;
		}
		d[t] = in + g->work[t];
		if (d[t] > best)
			best = d[t];
	}
	free(d);
	return best;
}

/* Sorted names of the regular files in dir whose names end with suffix
 * (NULL-terminated; free with free_list); NULL when dir cannot be read. */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **v = calloc(1, sizeof *v);
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name), s = strlen(suffix);
		if (e->d_name[0] == '.' || l < s || strcmp(e->d_name + l - s, suffix))
			continue;
		v = realloc(v, (*n + 2) * sizeof *v);
		v[(*n)++] = strdup(e->d_name);
		v[*n] = NULL;
	}
	closedir(d);
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v;
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Fails the test (fatally) when a sample data folder (data/) is missing: those
 * tests must not pass by finding nothing to check. */
#define NEED_DIR(list, dir)                                                                    \
	do {                                                                                   \
		if (!(list)) {                                                                 \
			fprintf(stderr, "\n  missing data folder %s\n", dir);                  \
			CU_FAIL_FATAL("sample data folder missing: " dir);                     \
		}                                                                              \
	} while (0)

/* ---- names and detection ---------------------------------------------- */

static void test_format_names(void)
{
	pel_format f = PEL_FMT_AUTO;
	CU_ASSERT_EQUAL(pel_format_from_name("dot", &f), 0);
	CU_ASSERT_EQUAL(f, PEL_FMT_DOT);
	CU_ASSERT_EQUAL(pel_format_from_name("wfformat", &f), 0);
	CU_ASSERT_EQUAL(f, PEL_FMT_WFFORMAT);
	CU_ASSERT_EQUAL(pel_format_from_name("stg", &f), 0);
	CU_ASSERT_EQUAL(f, PEL_FMT_STG);
	CU_ASSERT_EQUAL(pel_format_from_name("etc", &f), 0);
	CU_ASSERT_EQUAL(f, PEL_FMT_ETC);
	CU_ASSERT_EQUAL(pel_format_from_name("auto", &f), 0);
	CU_ASSERT_EQUAL(f, PEL_FMT_AUTO);
	f = PEL_FMT_STG;
	CU_ASSERT_EQUAL(pel_format_from_name("json", &f), -1);
	CU_ASSERT_EQUAL(pel_format_from_name("DOT", &f), -1);
	CU_ASSERT_EQUAL(pel_format_from_name("", &f), -1);
	CU_ASSERT_EQUAL(f, PEL_FMT_STG); /* untouched */
	for (int k = PEL_FMT_AUTO; k <= PEL_FMT_ETC; k++) {
		CU_ASSERT_EQUAL(pel_format_from_name(pel_format_name((pel_format)k), &f), 0);
		CU_ASSERT_EQUAL(f, (pel_format)k);
	}
}

static void test_format_detect(void)
{
	static const struct {
		const char *file;
		pel_format f;
	} cases[] = {
		{ "simgrid.dot", PEL_FMT_DOT },      { "attrs.dot", PEL_FMT_DOT },
		{ "dot_undirected.dot", PEL_FMT_DOT }, { "dot_syntax.dot", PEL_FMT_DOT },
		{ "small15.json", PEL_FMT_WFFORMAT }, { "small14.json", PEL_FMT_WFFORMAT },
		{ "wf_syntax.json", PEL_FMT_WFFORMAT }, { "small.stg", PEL_FMT_STG },
		{ "stg_truncated.stg", PEL_FMT_STG }, { "small.etc", PEL_FMT_ETC },
		{ "etc_truncated.etc", PEL_FMT_ETC }, { "etc_rows.etc", PEL_FMT_ETC },
		{ "garbage.txt", PEL_FMT_AUTO },
		{ "empty.txt", PEL_FMT_AUTO },        { "no such file", PEL_FMT_AUTO },
		{ "", PEL_FMT_AUTO }, /* the folder */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[1024];
		snprintf(path, sizeof path, DATA "%s", cases[i].file);
		pel_format f = pel_format_detect(path);
		CU_ASSERT_EQUAL(f, cases[i].f);
		if (f != cases[i].f)
			fprintf(stderr, "\n  %s detected as %s\n", cases[i].file, pel_format_name(f));
	}
	/* the samples */
	CU_ASSERT_EQUAL(pel_format_detect(SHARED "stg/50/rand0000.stg"), PEL_FMT_STG);
	CU_ASSERT_EQUAL(pel_format_detect(SHARED "braun_etc/512x16/u_c_hihi.0"), PEL_FMT_ETC);
	CU_ASSERT_EQUAL(pel_format_detect(SHARED "wfcommons/montage-chameleon-dss-05d-001.json"),
			PEL_FMT_WFFORMAT);
}

static void test_auto_failures(void)
{
	expect_fail("garbage.txt", PEL_FMT_AUTO,
		    ":1: expected a DOT, WfFormat, STG or ETC file, found 'hello world'");
	expect_fail("empty.txt", PEL_FMT_AUTO, ":1: expected a DOT, WfFormat, STG or ETC file, found an empty file");
	expect_fail("missing.dot", PEL_FMT_AUTO, ": cannot open: No such file or directory");
	expect_fail("", PEL_FMT_AUTO, ": cannot open: Is a directory");
	expect_fail("missing.stg", PEL_FMT_STG, ": cannot open: No such file or directory");
	expect_fail("missing.etc", PEL_FMT_ETC, ": cannot open: No such file or directory");
	expect_fail("missing.dot", PEL_FMT_DOT, ": cannot open: No such file or directory");
	expect_fail("", PEL_FMT_DOT, ": cannot open: Is a directory");
	pel_import_options o = { -1, NULL };
	expect_fail_opt("small15.json", PEL_FMT_WFFORMAT, &o, ": reference speed: expected a number > 0, found -1");
	/* a format given explicitly is not second-guessed */
	expect_fail("small.stg", PEL_FMT_ETC,
		    ":1: expected 'tasks machines 0': the number of machines (an integer from 1 to 1000000), "
		    "found the end of the line");
	/* an endless file of NUL bytes stops at the first block, not at the
	 * end of memory (WfFormat, STG and ETC read the whole file first) */
	static const pel_format endless[] = { PEL_FMT_STG, PEL_FMT_ETC, PEL_FMT_WFFORMAT };
	for (size_t i = 0; i < sizeof endless / sizeof *endless; i++) {
		char err[1024] = "";
		pel_dag *g = pel_import("/dev/zero", endless[i], NULL, err, sizeof err);
		CU_ASSERT_PTR_NULL(g);
		pel_dag_free(g);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "/dev/zero:1"));
		CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	}
}

/* ---- DOT ---------------------------------------------------------------- */

static void test_dot_simgrid(void)
{
	pel_dag *g = load("simgrid.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->ntasks, 5);
	CU_ASSERT_EQUAL(g->nedges, 5);
	const char *names[] = { "root", "a", "b", "c", "end" };
	const double work[] = { 0, 1e9, 2e9, 5e8, 0 };
	for (uint32_t t = 0; t < 5; t++) {
		CU_ASSERT_STRING_EQUAL(name_of(g, t), names[t]);
		CU_ASSERT_EQUAL(g->work[t], work[t]);
		CU_ASSERT_STRING_EQUAL(kind_of(g, t), "task");
	}
	CU_ASSERT_EQUAL(g->nkinds, 1);
	const uint32_t src[] = { 0, 0, 1, 2, 3 }, dst[] = { 1, 2, 3, 3, 4 };
	const double bytes[] = { 0, 0, 1e6, 2.5e6, 0 };
	for (uint32_t e = 0; e < 5; e++) {
		CU_ASSERT_EQUAL(g->src[e], src[e]);
		CU_ASSERT_EQUAL(g->dst[e], dst[e]);
		CU_ASSERT_EQUAL(g->bytes[e], bytes[e]);
	}
	CU_ASSERT_PTR_NULL(g->comm);
	CU_ASSERT_PTR_NULL(g->release);
	CU_ASSERT_EQUAL(g->ncosts, 0);
	CU_ASSERT_EQUAL(g->topo[0], 0);
	CU_ASSERT_EQUAL(g->topo[4], 4);
	pel_dag_free(g);
}

static void test_dot_attributes(void)
{
	pel_dag *g = load("attrs.dot", PEL_FMT_AUTO, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL_FATAL(g->ntasks, 4);
	CU_ASSERT_STRING_EQUAL(name_of(g, 0), "load data");
	CU_ASSERT_STRING_EQUAL(name_of(g, 1), "g1");
	CU_ASSERT_STRING_EQUAL(name_of(g, 2), "g2");
	CU_ASSERT_STRING_EQUAL(name_of(g, 3), "sum");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 0), "io");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 1), "gemm"); /* node [kind=gemm] */
	CU_ASSERT_STRING_EQUAL(kind_of(g, 2), "gemm");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 3), "reduce");
	CU_ASSERT_EQUAL(g->nkinds, 3);
	CU_ASSERT_EQUAL(g->work[0], 100);
	CU_ASSERT_EQUAL(g->work[1], 2e9);
	CU_ASSERT_EQUAL(g->work[3], 10);
	/* explicit times: per task, attributes in the order they were declared */
	CU_ASSERT_EQUAL_FATAL(g->ncosts, 3);
	CU_ASSERT_EQUAL(g->costs[0].task, 1);
	CU_ASSERT_STRING_EQUAL(g->costs[0].key, "gpu");
	CU_ASSERT_EQUAL(g->costs[0].time, 0.25);
	CU_ASSERT_EQUAL(g->costs[1].task, 1);
	CU_ASSERT_STRING_EQUAL(g->costs[1].key, "cpu");
	CU_ASSERT_EQUAL(g->costs[1].time, 3);
	CU_ASSERT_EQUAL(g->costs[2].task, 2);
	CU_ASSERT_STRING_EQUAL(g->costs[2].key, "cpu");
	CU_ASSERT_EQUAL(g->costs[2].time, 2.5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g->release);
	CU_ASSERT_EQUAL(g->release[2], 1.5);
	CU_ASSERT_EQUAL(g->release[1], 0);
	CU_ASSERT_EQUAL_FATAL(g->nedges, 4);
	CU_ASSERT_EQUAL(edge(g, 0, 1), 0);
	CU_ASSERT_EQUAL(edge(g, 0, 2), 1);
	CU_ASSERT_EQUAL(edge(g, 1, 3), 2);
	CU_ASSERT_EQUAL(edge(g, 2, 3), 3);
	CU_ASSERT_EQUAL(g->bytes[0], 800);
	CU_ASSERT_EQUAL(g->bytes[1], 800);
	CU_ASSERT_EQUAL(g->bytes[2], 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g->comm);
	CU_ASSERT(isnan(g->comm[0]));
	CU_ASSERT_EQUAL(g->comm[1], 0.125);
	CU_ASSERT(isnan(g->comm[3]));
	pel_dag_free(g);
}

/* Subgraphs of every form: their nodes and edges are the graph's, the
 * defaults set inside one apply there only.  Under AddressSanitizer this
 * also checks that closing a graph with subgraphs (pelsim's heap
 * discipline, sim/formats/cgraph_heap.c) leaks nothing, on success and on each
 * failure below. */
static void test_dot_subgraphs(void)
{
	pel_dag *g = load("subgraphs.dot", PEL_FMT_AUTO, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL_FATAL(g->ntasks, 7);
	static const char *const names[] = { "read", "parse", "check", "split1", "split2", "merge", "done" };
	static const char *const kinds[] = { "io", "io", "io", "task", "task", "task", "task" };
	for (uint32_t t = 0; t < 7; t++) {
		CU_ASSERT_STRING_EQUAL(name_of(g, t), names[t]);
		CU_ASSERT_STRING_EQUAL(kind_of(g, t), kinds[t]);
	}
	CU_ASSERT_EQUAL(g->work[0], 5);
	CU_ASSERT_EQUAL_FATAL(g->nedges, 7);
	/* in the order written; sizes: explicit, the inner default (20), the
	 * graph's default (10) */
	static const uint32_t src[] = { 0, 1, 3, 4, 2, 2, 5 }, dst[] = { 1, 2, 5, 5, 3, 4, 6 };
	static const double bytes[] = { 7, 20, 10, 10, 10, 3, 10 };
	for (uint32_t e = 0; e < 7; e++) {
		CU_ASSERT_EQUAL(g->src[e], src[e]);
		CU_ASSERT_EQUAL(g->dst[e], dst[e]);
		CU_ASSERT_EQUAL(g->bytes[e], bytes[e]);
	}
	pel_dag_free(g);
	expect_fail("dot_subgraph_syntax.dot", PEL_FMT_DOT, ":4: DOT syntax error near '}'");
	expect_fail("dot_two_graphs_subgraphs.dot", PEL_FMT_DOT,
		    ": expected one graph, found a second ('two')");
	/* found by fuzzing the heap discipline: subgraph edges, joined
	 * strings, empty subgraphs as edge ends, a second graph cut short */
	g = load("dot_fuzz_join.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL(g);
	if (g) {
		CU_ASSERT_EQUAL(g->ntasks, 2);
		CU_ASSERT_STRING_EQUAL(name_of(g, 0), "ef");
		CU_ASSERT_EQUAL(g->nedges, 1);
	}
	pel_dag_free(g);
	g = load("dot_fuzz_empty_subgraph.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL(g);
	if (g) {
		CU_ASSERT_EQUAL(g->ntasks, 3);
		CU_ASSERT_EQUAL(g->nedges, 1);
	}
	pel_dag_free(g);
	expect_fail("dot_fuzz_two_graphs.dot", PEL_FMT_DOT, ":1: DOT syntax error: expected more, found the end of the file");
	expect_fail("dot_fuzz_truncated.dot", PEL_FMT_DOT, ":1: DOT syntax error: expected more, found the end of the file");
	expect_fail("dot_fuzz_join_truncated.dot", PEL_FMT_DOT,
		    ":1: DOT syntax error: expected more, found the end of the file");
	/* a graph closed at once (one brace, a syntax error), then one with
	 * subgraph edges read the default way: nothing of the first is used */
	expect_fail("dot_syntax.dot", PEL_FMT_DOT, ":4: DOT syntax error near '->'");
	g = load("subgraphs.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL(g);
	pel_dag_free(g);
}

static void test_dot_malformed(void)
{
	expect_fail("dot_syntax.dot", PEL_FMT_DOT, ":4: DOT syntax error near '->'");
	/* "# N" at the start of a line is a line directive to cgraph: DOT
	 * discards such lines, and the line numbers stay the file's */
	expect_fail("dot_hash_lines.dot", PEL_FMT_DOT, ":5: DOT syntax error near '->'");
	/* ... but not inside a string or a comment */
	pel_dag *h = load("dot_hash_in_string.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(h->ntasks, 2);
	CU_ASSERT_EQUAL(h->nedges, 1);
	CU_ASSERT_STRING_EQUAL(kind_of(h, 0), "one\n# 40 kept");
	pel_dag_free(h);
	expect_fail("dot_truncated.dot", PEL_FMT_AUTO,
		    ":3: DOT syntax error: expected more, found the end of the file");
	expect_fail("dot_unterminated.dot", PEL_FMT_DOT,
		    ":2: DOT syntax error scanning a quoted string (missing endquote? longer than 16384?)");
	expect_fail("dot_undirected.dot", PEL_FMT_DOT, ": expected a digraph, found an undirected graph");
	expect_fail("dot_bad_size.dot", PEL_FMT_DOT,
		    ":3:11: node 'b': size: expected a number >= 0 (flop), found 'abc'");
	expect_fail("dot_bad_edge_size.dot", PEL_FMT_DOT,
		    ":2:17: edge 'a' -> 'b': size: expected a number >= 0 (bytes), found '-5'");
	expect_fail("dot_bad_comm.dot", PEL_FMT_DOT,
		    ":2:16: edge 'a' -> 'b': comm: expected a number >= 0 (seconds), found 'soon'");
	expect_fail("dot_bad_time.dot", PEL_FMT_DOT,
		    ":2:15: node 'a': time_gpu: expected a number >= 0 (seconds), found 'fast'");
	/* the value's place, found in the text: a default's, a quoted one;
	 * a value cgraph joined from pieces is named without a place */
	expect_fail("dot_bad_default.dot", PEL_FMT_DOT,
		    ":2:15: node 'a': size: expected a number >= 0 (flop), found 'lots'");
	expect_fail("dot_bad_joined.dot", PEL_FMT_DOT,
		    ": node 'a': size: expected a number >= 0 (flop), found '1x'");
	expect_fail("dot_cycle.dot", PEL_FMT_DOT, ": expected a DAG, found a cycle through task 'c'");
	expect_fail("dot_two_graphs.dot", PEL_FMT_DOT, ": expected one graph, found a second ('two')");
	expect_fail("dot_trailing.dot", PEL_FMT_DOT, ":4: DOT syntax error near '}'");
	expect_fail("dot_empty_graph.dot", PEL_FMT_DOT, ": expected at least one task, found none");
	expect_fail("empty.txt", PEL_FMT_DOT, ":1: expected a DOT digraph, found no graph");
	expect_fail("small15.json", PEL_FMT_DOT, ":1: DOT syntax error near '{'");
	/* after all these failures, a good file still reads right: nothing
	 * of a failed read is left in cgraph's scanner */
	pel_dag *g = load("simgrid.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL(g);
	if (g)
		CU_ASSERT_EQUAL(g->ntasks, 5);
	pel_dag_free(g);
	expect_fail("dot_two_graphs.dot", PEL_FMT_DOT, ": expected one graph, found a second ('two')");
	g = load("simgrid.dot", PEL_FMT_DOT, NULL);
	CU_ASSERT_PTR_NOT_NULL(g);
	pel_dag_free(g);
}

/* ---- export ------------------------------------------------------------- */

static void test_export_layered(void)
{
	static const char *const kinds[] = { "gemm", "fft", "stencil" };
	pel_gen_layered prm = { .tasks = 2000, .shape = 1.0, .outdegree = 3, .jump = 2, .work = 1e9,
				.bytes = 4096, .spread = 0.5, .kinds = kinds, .nkinds = 3 };
	gsl_rng *r = pel_rng_stream(7, PEL_STREAM_BENCH);
	pel_dag *g = pel_generate_layered(&prm, r);
	gsl_rng_free(r);
	CU_ASSERT(g->nedges > 1000);
	round_trip(g);
	pel_dag_free(g);
}

/* The literature's model: explicit times per device and explicit
 * communication times on every edge. */
static void test_export_layered_explicit(void)
{
	static const char *const devices[] = { "p0", "p1", "p2" };
	pel_gen_layered prm = { .tasks = 300, .shape = 1.0, .outdegree = 2, .jump = 1, .work = 10,
				.spread = 0.5, .devices = devices, .ndevices = 3, .beta = 1, .ccr = 0.5 };
	gsl_rng *r = pel_rng_stream(11, PEL_STREAM_BENCH);
	pel_dag *g = pel_generate_layered(&prm, r);
	gsl_rng_free(r);
	CU_ASSERT(g->ncosts > 0);
	round_trip(g);
	pel_dag_free(g);
}

static void test_export_cholesky(void)
{
	pel_dag *g = pel_generate_cholesky(6, 96);
	CU_ASSERT_EQUAL(g->ntasks, 56);
	round_trip(g);
	pel_dag_free(g);
}

static void test_export_explicit(void)
{
	pel_dag *g = pel_dag_new();
	uint16_t io = pel_dag_kind(g, "io"), k = pel_dag_kind(g, "kernel \"x\"");
	pel_task_id a = pel_dag_add_task(g, "read input", io, 0.1);
	pel_task_id b = pel_dag_add_task(g, "node", k, 1.0 / 3);
	pel_task_id c = pel_dag_add_task(g, "a\"quoted\" -> name", k, 1e300);
	pel_task_id d = pel_dag_add_task(g, "caf\xc3\xa9 \\ back\\\\slash", io, 0);
	pel_task_id e = pel_dag_add_task(g, "42", io, 5e-324);
	pel_dag_add_cost(g, b, "gpu", 0.5);
	pel_dag_add_cost(g, b, "cpu0", 2);
	pel_dag_add_cost(g, c, "gpu", 1.0 / 7);
	pel_dag_add_cost(g, c, "cpu0", 9);
	pel_dag_add_cost(g, d, "fpga group", 0.001);
	pel_dag_set_release(g, c, 2.75);
	pel_dag_set_release(g, e, 0.1 + 0.2);
	pel_dag_add_edge(g, a, b, 1e6, NAN);
	pel_dag_add_edge(g, a, c, 0, 0.25);
	pel_dag_add_edge(g, b, d, 123456789.125, NAN);
	pel_dag_add_edge(g, c, d, 8, 1e-9);
	pel_dag_add_edge(g, a, d, 3, NAN);
	pel_dag_add_edge(g, a, d, 4, NAN); /* a second edge between the same tasks */
	pel_dag_add_edge(g, d, e, 0, 0);
	CU_ASSERT_EQUAL_FATAL(pel_dag_finish(g, NULL), 0);
	round_trip(g);
	pel_dag_free(g);

	/* unnamed tasks export as t<id> */
	g = pel_dag_new();
	uint16_t t = pel_dag_kind(g, "task");
	for (int i = 0; i < 3; i++)
		pel_dag_add_task(g, NULL, t, i);
	pel_dag_add_edge(g, 0, 2, 1, NAN);
	pel_dag_add_edge(g, 1, 2, 2, NAN);
	pel_dag_finish(g, NULL);
	round_trip(g);
	pel_dag_free(g);
}

static void test_export_refusals(void)
{
	char err[512];
	pel_dag *g = pel_dag_new();
	uint16_t t = pel_dag_kind(g, "task");
	pel_dag_add_task(g, "x", t, 1);
	pel_dag_add_task(g, "x", t, 2);
	pel_dag_finish(g, NULL);
	CU_ASSERT_EQUAL(pel_export_dot(g, "/tmp/pelsim-test-import-dup.dot", err, sizeof err), -1);
	CU_ASSERT_STRING_EQUAL(err, "/tmp/pelsim-test-import-dup.dot: cannot write tasks 0 and 1, both called 'x', in DOT");
	pel_dag_free(g);

	g = pel_dag_new();
	t = pel_dag_kind(g, "task");
	pel_dag_add_task(g, "ends with \\", t, 1);
	pel_dag_finish(g, NULL);
	CU_ASSERT_EQUAL(pel_export_dot(g, "/tmp/pelsim-test-import-bs.dot", err, sizeof err), -1);
	CU_ASSERT_STRING_EQUAL(err, "/tmp/pelsim-test-import-bs.dot: cannot write task name 'ends with \\' in DOT: "
				    "expected no newline and no odd run of backslashes before a quote or the end");
	pel_dag_free(g);

	g = pel_dag_new();
	t = pel_dag_kind(g, "two\nlines");
	pel_dag_add_task(g, "a", t, 1);
	pel_dag_finish(g, NULL);
	CU_ASSERT_EQUAL(pel_export_dot(g, "/tmp/pelsim-test-import-nl.dot", err, sizeof err), -1);
	CU_ASSERT_STRING_EQUAL(err, "/tmp/pelsim-test-import-nl.dot: cannot write kind 'two\\nlines' in DOT: "
				    "expected no newline and no odd run of backslashes before a quote or the end");
	pel_dag_free(g);

	g = pel_dag_new();
	t = pel_dag_kind(g, "task");
	pel_dag_add_task(g, "a", t, INFINITY);
	pel_dag_finish(g, NULL);
	CU_ASSERT_EQUAL(pel_export_dot(g, "/tmp/pelsim-test-import-inf.dot", err, sizeof err), -1);
	CU_ASSERT_STRING_EQUAL(err, "/tmp/pelsim-test-import-inf.dot: cannot write task 'a': work inf, release 0: "
				    "expected numbers >= 0");
	pel_dag_free(g);

	g = pel_dag_new();
	t = pel_dag_kind(g, "task");
	pel_dag_add_task(g, "a", t, 1);
	pel_dag_finish(g, NULL);
	CU_ASSERT_EQUAL(pel_export_dot(g, "/nonexistent-dir/x.dot", err, sizeof err), -1);
	CU_ASSERT_STRING_EQUAL(err, "/nonexistent-dir/x.dot: cannot write: No such file or directory");
	pel_dag_free(g);
}

/* ---- WfFormat ----------------------------------------------------------- */

static void test_wf_small15(void)
{
	pel_dag *g = load("small15.json", PEL_FMT_WFFORMAT, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL_FATAL(g->ntasks, 4);
	const char *names[] = { "ID0000001", "ID0000002", "ID0000003", "ID0000004" };
	const char *kinds[] = { "split", "work", "heavy", "merge" };
	const double work[] = { 1.5, 3, 4, 0.25 };
	for (uint32_t t = 0; t < 4; t++) {
		CU_ASSERT_STRING_EQUAL(name_of(g, t), names[t]);
		CU_ASSERT_STRING_EQUAL(kind_of(g, t), kinds[t]);
		CU_ASSERT_EQUAL(g->work[t], work[t]);
	}
	CU_ASSERT_EQUAL(g->nkinds, 4);
	/* edges: per task, in the order of its parents list; bytes = files
	 * the parent writes and the child reads */
	CU_ASSERT_EQUAL_FATAL(g->nedges, 4);
	const uint32_t src[] = { 0, 0, 2, 1 }, dst[] = { 1, 2, 3, 3 };
	const double bytes[] = { 407, 600, 70.5, 50 };
	for (uint32_t e = 0; e < 4; e++) {
		CU_ASSERT_EQUAL(g->src[e], src[e]);
		CU_ASSERT_EQUAL(g->dst[e], dst[e]);
		CU_ASSERT_EQUAL(g->bytes[e], bytes[e]);
	}
	CU_ASSERT_EQUAL(g->ncosts, 0);
	pel_dag_free(g);

	pel_import_options o = { 2e9, NULL };
	g = load("small15.json", PEL_FMT_AUTO, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->work[0], 3e9);
	CU_ASSERT_EQUAL(g->work[3], 5e8);
	pel_dag_free(g);
}

static void test_wf_small14(void)
{
	pel_dag *g = load("small14.json", PEL_FMT_AUTO, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL_FATAL(g->ntasks, 3);
	CU_ASSERT_STRING_EQUAL(name_of(g, 0), "prep_00000001");
	CU_ASSERT_STRING_EQUAL(name_of(g, 1), "analyse_00000002");
	CU_ASSERT_STRING_EQUAL(name_of(g, 2), "report_00000003");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 0), "prep");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 1), "analysis");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 2), "report");
	CU_ASSERT_EQUAL(g->work[0], 2);
	CU_ASSERT_EQUAL(g->work[1], 5.5);
	CU_ASSERT_EQUAL(g->work[2], 1);
	CU_ASSERT_EQUAL_FATAL(g->nedges, 3);
	CU_ASSERT_EQUAL(edge(g, 0, 1), 0);
	CU_ASSERT_EQUAL(edge(g, 1, 2), 1); /* parent named by its id */
	CU_ASSERT_EQUAL(edge(g, 0, 2), 2);
	CU_ASSERT_EQUAL(g->bytes[0], 80);
	CU_ASSERT_EQUAL(g->bytes[1], 12);
	CU_ASSERT_EQUAL(g->bytes[2], 80);
	pel_dag_free(g);
}

/* The WfCommons samples: README's table (edges), the JSON itself (tasks),
 * and the totals of runtimes and of file bytes along edges. */
static void test_wf_samples(void)
{
	static const struct {
		const char *file;
		uint32_t tasks, edges;
		double bytes, runtime;
	} table[] = {
		{ "1000genome-chameleon-2ch-100k-001.json", 52, 76, 11240567.0, 2771.295 },
		{ "blast-chameleon-small-001.json", 43, 120, 794.0, 382.91272 },
		{ "bwa-chameleon-small-001.json", 104, 400, 17612492.0, 379.989466 },
		{ "epigenomics-chameleon-hep-1seq-100k-001.json", 41, 48, 353323676.0, 539.307 },
		{ "montage-chameleon-dss-05d-001.json", 58, 114, 7139413893.0, 5585.811 },
		{ "seismology-chameleon-100p-001.json", 101, 100, 605920.0, 71.893 },
		{ "soykb-chameleon-10fastq-10ch-001.json", 96, 194, 22288969.0, 11814.517 },
		{ "srasearch-chameleon-10a-001.json", 22, 30, 10763460131.0, 6996.779 },
	};
	size_t n = 0;
	char **files = list_dir(SHARED "wfcommons", ".json", &n);
	NEED_DIR(files, SHARED "wfcommons");
	CU_ASSERT_EQUAL(n, sizeof table / sizeof table[0]);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < sizeof table / sizeof table[0] && strcmp(table[k].file, files[i]))
			k++;
		if (k == sizeof table / sizeof table[0]) {
			fprintf(stderr, "\n  sample %s is not in the test's table\n", files[i]);
			CU_FAIL("a WfCommons sample the test does not know");
			continue;
		}
		char path[1024], err[1024];
		snprintf(path, sizeof path, SHARED "wfcommons/%s", files[i]);
		/* the task count the file declares */
		json_error_t je;
		json_t *root = json_load_file(path, 0, &je);
		CU_ASSERT_PTR_NOT_NULL_FATAL(root);
		json_t *tasks = json_object_get(json_object_get(json_object_get(root, "workflow"), "specification"),
						"tasks");
		size_t declared = json_array_size(tasks);
		json_decref(root);
		CU_ASSERT_EQUAL(declared, table[k].tasks);

		pel_dag *g = pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
		CU_ASSERT_PTR_NOT_NULL(g);
		if (!g) {
			fprintf(stderr, "\n  %s\n", err);
			continue;
		}
		CU_ASSERT_EQUAL(g->ntasks, declared);
		CU_ASSERT_EQUAL(g->nedges, table[k].edges);
		double bytes = 0, rt = 0;
		for (uint32_t e = 0; e < g->nedges; e++)
			bytes += g->bytes[e];
		for (uint32_t t = 0; t < g->ntasks; t++)
			rt += g->work[t];
		CU_ASSERT_EQUAL(bytes, table[k].bytes);
		CU_ASSERT_DOUBLE_EQUAL(rt, table[k].runtime, 1e-9 * table[k].runtime);
		/* every task has a kind other than the fallback */
		for (uint32_t t = 0; t < g->ntasks; t++)
			CU_ASSERT_STRING_NOT_EQUAL(kind_of(g, t), "task");
		pel_dag_free(g);
	}
	free_list(files);
}

static void test_wf_kinds(void)
{
	char path[] = SHARED "wfcommons/epigenomics-chameleon-hep-1seq-100k-001.json", err[512];
	pel_dag *g = pel_import(path, PEL_FMT_WFFORMAT, NULL, err, sizeof err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	const char *want[] = { "chr21", "fast2bfq", "fastqSplit", "filterContams", "mapMerge", "map", "pileup",
			       "sol2sanger" };
	CU_ASSERT_EQUAL_FATAL(g->nkinds, 8);
	for (uint32_t k = 0; k < 8; k++)
		CU_ASSERT_STRING_EQUAL(g->kind_names[k], want[k]);
	pel_dag_free(g);
	char p2[] = SHARED "wfcommons/montage-chameleon-dss-05d-001.json";
	g = pel_import(p2, PEL_FMT_WFFORMAT, NULL, err, sizeof err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_STRING_EQUAL(name_of(g, 0), "mProject_ID0000001");
	CU_ASSERT_STRING_EQUAL(kind_of(g, 0), "mProject");
	CU_ASSERT_EQUAL(g->work[0], 534.058);
	pel_dag_free(g);
}

static void test_wf_malformed(void)
{
	pel_format W = PEL_FMT_WFFORMAT;
	expect_fail("wf_syntax.json", W, ":5:17: JSON: unexpected token near ','");
	expect_fail("wf_truncated.json", PEL_FMT_AUTO, ":9:9: JSON: string or '}' expected near end of file");
	expect_fail("wf_duplicate_key.json", W, ":3:12: JSON: duplicate object key near '\"workflow\"'");
	expect_fail("wf_not_object.json", W, ": expected a JSON object (a WfFormat instance), found a list");
	expect_fail("wf_no_workflow.json", W, ": workflow: expected an object, found nothing");
	expect_fail("wf_neither.json", W,
		    ": workflow: expected key 'specification' (WfFormat 1.5) or 'tasks' (1.4), found neither");
	expect_fail("wf_empty_tasks.json", W,
		    ": workflow.specification.tasks: expected a non-empty list of tasks, found an empty list");
	expect_fail("wf_parents_number.json", W,
		    ": workflow.specification.tasks[1].parents: expected a list of task ids, found a number (5)");
	expect_fail("wf_unknown_parent.json", W,
		    ": workflow.specification.tasks[3].parents[1]: expected the id of a task, found 'ID0000009'");
	expect_fail("wf_parent_not_string.json", W,
		    ": workflow.specification.tasks[3].parents[1]: expected the id of a task, found a number (2)");
	expect_fail("wf_duplicate_parent.json", W,
		    ": workflow.specification.tasks[3].parents[2]: expected a task not listed before, found 'ID0000003' again");
	expect_fail("wf_unknown_file.json", W,
		    ": workflow.specification.tasks[2].outputFiles[1]: expected the id of a file under "
		    "workflow.specification.files, found 'nowhere'");
	expect_fail("wf_missing_runtime.json", W,
		    ": workflow.execution.tasks: expected an entry for every task, found none for 'ID0000002' "
		    "(workflow.specification.tasks[1])");
	expect_fail("wf_negative_runtime.json", W,
		    ": workflow.execution.tasks[1].runtimeInSeconds: expected a number >= 0, found a number (-1.5)");
	expect_fail("wf_runtime_string.json", W,
		    ": workflow.execution.tasks[0].runtimeInSeconds: expected a number >= 0, found '4'");
	expect_fail("wf_unknown_exec_id.json", W,
		    ": workflow.execution.tasks[3].id: expected the id of a task under workflow.specification.tasks, "
		    "found 'ID0000099'");
	expect_fail("wf_no_execution.json", W,
		    ": workflow.execution: expected an object (the execution: runtimes), found nothing");
	expect_fail("wf_duplicate_id.json", W,
		    ": workflow.specification.tasks[2].id: expected an id no other task has, found 'ID0000001' "
		    "(also workflow.specification.tasks[0])");
	expect_fail("wf_children_mismatch.json", W,
		    ": workflow.specification.tasks[3].parents[0]: expected a task that lists 'ID0000004' among its "
		    "children, found 'ID0000003'");
	expect_fail("wf_cycle.json", W, ": expected a DAG, found a cycle through task 'ID0000004'");
	expect_fail("wf_file_size_string.json", W,
		    ": workflow.specification.files[4].sizeInBytes: expected a number >= 0, found 'big'");
	expect_fail("wf_task_not_object.json", W,
		    ": workflow.specification.tasks[1]: expected an object (a task), found 'ID0000002'");
	expect_fail("wf14_bad_link.json", W,
		    ": workflow.tasks[1].files[1].link: expected 'input' or 'output', found 'inout'");
	expect_fail("wf14_no_runtime.json", W,
		    ": workflow.tasks[2]: expected key 'runtimeInSeconds' (or 'runtime'), found neither");
	expect_fail("wf14_null_size.json", W,
		    ": workflow.tasks[0].files[1].size: expected a number >= 0, found null");
	pel_import_options huge = { 1e308, NULL };
	expect_fail_opt("small15.json", W, &huge,
			": workflow.specification.tasks[1]: expected a runtime whose product with the reference "
			"speed (1e+308) is finite, found 3");
	expect_fail("small.stg", W, ":1:5: JSON: '[' or '{' expected near '4'");
	expect_fail("missing.json", W, ": cannot open: No such file or directory");
}

/* ---- STG ---------------------------------------------------------------- */

static void test_stg_small(void)
{
	pel_dag *g = load("small.stg", PEL_FMT_STG, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL_FATAL(g->ntasks, 6);
	const double work[] = { 0, 3, 5, 2, 4, 0 };
	for (uint32_t t = 0; t < 6; t++) {
		CU_ASSERT_EQUAL(g->work[t], work[t]);
		CU_ASSERT_STRING_EQUAL(kind_of(g, t), "task");
	}
	CU_ASSERT_STRING_EQUAL(name_of(g, 0), "t0");
	CU_ASSERT_STRING_EQUAL(name_of(g, 5), "t5");
	CU_ASSERT_EQUAL_FATAL(g->nedges, 7);
	const uint32_t src[] = { 0, 0, 1, 2, 1, 3, 4 }, dst[] = { 1, 2, 3, 3, 4, 5, 5 };
	for (uint32_t e = 0; e < 7; e++) {
		CU_ASSERT_EQUAL(g->src[e], src[e]);
		CU_ASSERT_EQUAL(g->dst[e], dst[e]);
		CU_ASSERT_EQUAL(g->bytes[e], 0);
	}
	CU_ASSERT_EQUAL(longest_path(g), 7);
	pel_dag_free(g);
}

/* Every STG sample: n+2 tasks, the edge count and the critical path the
 * trailer gives. */
static void check_stg_dir(const char *dir, size_t want_files, uint32_t want_n)
{
	size_t n = 0;
	char **files = list_dir(dir, ".stg", &n);
	if (!files) {
		fprintf(stderr, "\n  missing data folder %s\n", dir);
		CU_FAIL_FATAL("sample data folder missing: " SHARED "stg");
	}
	CU_ASSERT_EQUAL(n, want_files);
	for (size_t i = 0; i < n; i++) {
		char path[1024], err[1024], line[512];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "r");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		double cp = -1;
		long real_edges = -1, dummy_edges = -1, tasks = -1;
		while (fgets(line, sizeof line, f)) {
			char *c = strchr(line, ':');
			if (line[0] != '#' || !c)
				continue;
			if (strstr(line, "CP Length"))
				cp = strtod(c + 1, NULL);
			else if (strstr(line, "Edges"))
				sscanf(c + 1, " %ld / %*d (+dummy edges : %ld)", &real_edges, &dummy_edges);
			else if (strstr(line, "Tasks"))
				tasks = strtol(c + 1, NULL, 10);
		}
		fclose(f);
		CU_ASSERT(cp > 0);
		CU_ASSERT_EQUAL(tasks, (long)want_n);
		pel_dag *g = pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
		CU_ASSERT_PTR_NOT_NULL(g);
		if (!g) {
			fprintf(stderr, "\n  %s\n", err);
			continue;
		}
		CU_ASSERT_EQUAL(g->ntasks, want_n + 2);
		CU_ASSERT_EQUAL((long)g->nedges, real_edges + dummy_edges);
		CU_ASSERT_EQUAL(longest_path(g), cp);
		if (longest_path(g) != cp)
			fprintf(stderr, "\n  %s: longest path %g, trailer %g\n", files[i], longest_path(g), cp);
		CU_ASSERT_EQUAL(g->work[0], 0);
		CU_ASSERT_EQUAL(g->work[want_n + 1], 0);
		CU_ASSERT_EQUAL(pel_dag_npred(g, 0), 0);
		CU_ASSERT_EQUAL(pel_dag_nsucc(g, want_n + 1), 0);
		pel_dag_free(g);
	}
	free_list(files);
}

static void test_stg_samples(void)
{
	check_stg_dir(SHARED "stg/50", 16, 50);
	check_stg_dir(SHARED "stg/100", 5, 100);
}

static void test_stg_malformed(void)
{
	pel_format S = PEL_FMT_STG;
	expect_fail("stg_truncated.stg", PEL_FMT_AUTO,
		    ":5: expected the line of task 3 of 0..5 (id, time, number of predecessors, predecessors), "
		    "found the end of the file");
	expect_fail("stg_pred_range.stg", S,
		    ":5: task 3: predecessor 2: expected a task id from 0 to 5 other than 3, found '9'");
	expect_fail("stg_nonnumeric.stg", S,
		    ":4: task 2: expected a processing time (a number >= 0), found 'five'");
	expect_fail("stg_count_few.stg", S, ":5: task 3: expected 3 predecessors, found 2");
	expect_fail("stg_count_many.stg", S,
		    ":4: task 2: expected 1 predecessor and the end of the line, found '1'");
	expect_fail("stg_wrong_id.stg", S, ":4: expected task id 2, found '3'");
	expect_fail("stg_trailer.stg", S, ":9: expected a '#' comment after the 6 task lines, found '6'");
	expect_fail("stg_dup_pred.stg", S,
		    ":5: task 3: predecessor 2: expected a task not listed before on the line, found '1'");
	expect_fail("stg_cycle.stg", S, ": expected a DAG, found a cycle through task 't1'");
	expect_fail("stg_header.stg", S, ":1: expected only the number of tasks on the first line, found 'tasks'");
	expect_fail("stg_negative_time.stg", S,
		    ":3: task 1: expected a processing time (a number >= 0), found '-3'");
	expect_fail("stg_nul.stg", S, ":5:10: expected text, found a NUL byte");
	expect_fail("stg_huge.stg", S, ":1: expected a number of tasks that 17 bytes can describe, found 4000000000");
	expect_fail("garbage.txt", S,
		    ":1: expected the number of tasks (an integer from 0 to 4294967292), found 'hello'");
	expect_fail("empty.txt", S, ":1: expected the number of tasks, found an empty file");
}

/* ---- ETC ---------------------------------------------------------------- */

static void test_etc_small(void)
{
	pel_dag *g = load("small.etc", PEL_FMT_ETC, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->ntasks, 3);
	CU_ASSERT_EQUAL(g->nedges, 0);
	CU_ASSERT_EQUAL_FATAL(g->ncosts, 6);
	const double v[] = { 1.5, 2, 10, 20, 0.5, 7 };
	for (size_t c = 0; c < 6; c++) {
		CU_ASSERT_EQUAL(g->costs[c].task, c / 2);
		CU_ASSERT_STRING_EQUAL(g->costs[c].key, c % 2 ? "m1" : "m0");
		CU_ASSERT_EQUAL(g->costs[c].time, v[c]);
	}
	for (uint32_t t = 0; t < 3; t++) {
		CU_ASSERT_EQUAL(g->work[t], 0);
		CU_ASSERT_STRING_EQUAL(kind_of(g, t), "task");
	}
	CU_ASSERT_STRING_EQUAL(name_of(g, 2), "t2");
	pel_dag_free(g);

	/* one row a line: any white space separates the values */
	g = load("etc_rows.etc", PEL_FMT_AUTO, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->ntasks, 2);
	CU_ASSERT_EQUAL_FATAL(g->ncosts, 6);
	CU_ASSERT_STRING_EQUAL(g->costs[5].key, "m2");
	CU_ASSERT_EQUAL(g->costs[5].task, 1);
	CU_ASSERT_EQUAL(g->costs[5].time, 6);
	pel_dag_free(g);

	pel_import_options o = { 0, "gpu" };
	g = load("small.etc", PEL_FMT_AUTO, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_STRING_EQUAL(g->costs[0].key, "gpu0");
	CU_ASSERT_STRING_EQUAL(g->costs[5].key, "gpu1");
	pel_dag_free(g);
}

static void test_etc_samples(void)
{
	size_t n = 0;
	char **files = list_dir(SHARED "braun_etc/512x16", ".0", &n);
	NEED_DIR(files, SHARED "braun_etc/512x16");
	CU_ASSERT_EQUAL(n, 12);
	for (size_t i = 0; i < n; i++) {
		char path[1024], err[1024];
		snprintf(path, sizeof path, SHARED "braun_etc/512x16/%s", files[i]);
		pel_dag *g = pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
		CU_ASSERT_PTR_NOT_NULL(g);
		if (!g) {
			fprintf(stderr, "\n  %s\n", err);
			continue;
		}
		CU_ASSERT_EQUAL(g->ntasks, 512);
		CU_ASSERT_EQUAL(g->nedges, 0);
		CU_ASSERT_EQUAL_FATAL(g->ncosts, 512 * 16);
		/* every value against an independent read of the file */
		FILE *f = fopen(path, "r");
		int T, M, z;
		CU_ASSERT_EQUAL_FATAL(fscanf(f, "%d %d %d", &T, &M, &z), 3);
		CU_ASSERT_EQUAL(T, 512);
		CU_ASSERT_EQUAL(M, 16);
		size_t bad = 0;
		for (size_t c = 0; c < 512 * 16; c++) {
			double v;
			char key[16];
			snprintf(key, sizeof key, "m%zu", c % 16);
			if (fscanf(f, "%lf", &v) != 1 || g->costs[c].task != c / 16 || strcmp(g->costs[c].key, key) ||
			    g->costs[c].time != v)
				bad++;
		}
		fclose(f);
		CU_ASSERT_EQUAL(bad, 0);
		pel_dag_free(g);
	}
	free_list(files);
	/* spot checks, by hand from the files */
	char err[512];
	pel_dag *g = pel_import(SHARED "braun_etc/512x16/u_c_hihi.0", PEL_FMT_ETC, NULL, err, sizeof err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->costs[0].time, 91753.195312);
	CU_ASSERT_EQUAL(g->costs[1].time, 263115.4375);
	CU_ASSERT_EQUAL(g->costs[3].time, 280222.8125);
	CU_ASSERT_STRING_EQUAL(g->costs[8191].key, "m15");
	CU_ASSERT_EQUAL(g->costs[8191].task, 511);
	CU_ASSERT_EQUAL(g->costs[8191].time, 2113779.0);
	pel_dag_free(g);
}

static void test_etc_malformed(void)
{
	pel_format E = PEL_FMT_ETC;
	expect_fail("etc_truncated.etc", PEL_FMT_AUTO,
		    ":6: expected 6 times (3 tasks x 2 machines), found 4 and the end of the file");
	expect_fail("etc_garbage.etc", E, ":5: time of task 1 on machine 1: expected a number >= 0, found '2O'");
	expect_fail("etc_negative.etc", E, ":5: time of task 1 on machine 1: expected a number >= 0, found '-20'");
	expect_fail("etc_header.etc", E,
		    ":1: expected 'tasks machines 0': the number of machines (an integer from 1 to 1000000), found 'two'");
	expect_fail("etc_zero_machines.etc", E,
		    ":1: expected 'tasks machines 0': the number of machines (an integer from 1 to 1000000), found '0'");
	expect_fail("etc_extra.etc", E,
		    ":8: expected the end of the file after 6 times (3 tasks x 2 machines), found '8'");
	expect_fail("garbage.txt", E,
		    ":1: expected 'tasks machines 0': the number of tasks (an integer from 1 to 4294967294), found 'hello'");
	expect_fail("empty.txt", E, ":1: expected 'tasks machines 0', found an empty file");
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test formats[] = {
		{ "format names", test_format_names },
		{ "detection by content", test_format_detect },
		{ "auto: unknown, empty, missing files", test_auto_failures },
		{ NULL, NULL },
	};
	static const pel_t_test dot[] = {
		{ "SimGrid DAG with root and end", test_dot_simgrid },
		{ "kind, time_<key>, release, comm", test_dot_attributes },
		{ "subgraphs: clusters, nested, anonymous", test_dot_subgraphs },
		{ "malformed DOT files", test_dot_malformed },
		{ NULL, NULL },
	};
	static const pel_t_test export[] = {
		{ "round trip: layered DAG with kinds and bytes", test_export_layered },
		{ "round trip: layered DAG with device times and comm", test_export_layered_explicit },
		{ "round trip: Cholesky", test_export_cholesky },
		{ "round trip: explicit times, comm, release, odd names", test_export_explicit },
		{ "refused: duplicate and unwritable names, bad path", test_export_refusals },
		{ NULL, NULL },
	};
	static const pel_t_test wf[] = {
		{ "WfFormat 1.5: small instance", test_wf_small15 },
		{ "WfFormat 1.4: small instance", test_wf_small14 },
		{ "WfCommons samples: tasks, edges, bytes", test_wf_samples },
		{ "kinds from task names", test_wf_kinds },
		{ "malformed WfFormat files", test_wf_malformed },
		{ NULL, NULL },
	};
	static const pel_t_test stg[] = {
		{ "small STG graph", test_stg_small },
		{ "STG samples: tasks, edges, critical path", test_stg_samples },
		{ "malformed STG files", test_stg_malformed },
		{ NULL, NULL },
	};
	static const pel_t_test etc[] = {
		{ "small ETC matrix, device prefix", test_etc_small },
		{ "Braun et al.'s 12 instances", test_etc_samples },
		{ "malformed ETC files", test_etc_malformed },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "formats", formats },
		{ "dot", dot },
		{ "export", export },
		{ "wfformat", wf },
		{ "stg", stg },
		{ "etc", etc },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, NULL, NULL);
}
