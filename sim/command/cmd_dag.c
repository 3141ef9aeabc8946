/* cmd_dag.c - `pelsim dag`: the shape of a workload, and DOT export. */
#include "../../common/alloc.h"
#include "../../models/dagstats.h"
#include "cli.h"
#include "../formats/import.h"
#include "../formats/scenario.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_dag[] =
	"usage: pelsim dag FILE [OPTIONS]\n"
	"\n"
	"Summarises a workload: tasks, edges, kinds, depth, width, critical path,\n"
	"total work, bytes on edges and CCR.  FILE is a scenario (its workload,\n"
	"costed on its platform: critical path = CP_MIN in seconds, CCR = mean\n"
	"communication / mean computation time) or a workload file alone (DOT,\n"
	"WfFormat JSON, STG or ETC, detected from its content: costs are work or\n"
	"explicit times).\n"
	"\n"
	"options:\n"
	"  --format FMT         read FILE as dot, wfformat, stg or etc\n"
	"  --set PATH=VALUE     override a value of the scenario (repeatable)\n"
	"  --export FILE        write the workload as DOT (SimGrid's convention:\n"
	"                       node size = flop, edge size = bytes, plus kind and\n"
	"                       explicit times), readable back by pelsim\n"
	"  --json               print one JSON object\n"
	"  -h, --help           this help\n";

/* The summary as aligned "name value" lines. */
static void print_text(const char *file, const pel_dag *g, const pel_dag_summary *x, int costed)
{
	printf("workload       %s\n", file);
	printf("tasks          %u\n", x->tasks);
	printf("edges          %u\n", x->edges);
	printf("kinds          %u:", x->kinds);
	for (uint32_t k = 0; k < g->nkinds; k++) {
		uint32_t n = 0;
		for (pel_task_id t = 0; t < g->ntasks; t++)
			n += g->kind[t] == k;
		printf(" %s %u%s", g->kind_names[k], n, k + 1 < g->nkinds ? "," : "");
	}
	printf("\n");
	printf("depth          %u levels\n", x->depth);
	printf("width          %u tasks (widest level)\n", x->width);
	printf("entries/exits  %u / %u\n", x->entries, x->exits);
	printf("critical path  %.9g %s\n", x->critical_path, costed ? "s (CP_MIN)" : "(work or time units)");
	printf("total work     %.9g flop%s\n", x->total_work,
	       g->ncosts && !x->total_work ? " (the costs are explicit times)" : "");
	printf("bytes on edges %.9g\n", x->total_bytes);
	if (!costed && !x->ccr && x->total_bytes > 0)
		printf("CCR            unknown (bytes take time on a platform: give a scenario)\n");
	else
		printf("CCR            %.6g\n", x->ccr);
}

/* The summary as one JSON object on one line. */
static void print_json(const char *file, const pel_dag *g, const pel_dag_summary *x)
{
	json_t *kinds = json_object();
	for (uint32_t k = 0; k < g->nkinds; k++) {
		uint32_t n = 0;
		for (pel_task_id t = 0; t < g->ntasks; t++)
			n += g->kind[t] == k;
		json_object_set_new(kinds, g->kind_names[k], json_integer(n));
	}
	json_t *o = json_pack("{s:o?, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:f, s:o}",
		"workload", json_string(file), "tasks", (json_int_t)x->tasks,
		"edges", (json_int_t)x->edges, "depth", (json_int_t)x->depth,
		"width", (json_int_t)x->width, "entries", (json_int_t)x->entries,
		"exits", (json_int_t)x->exits, "critical_path", x->critical_path,
		"total_work", x->total_work, "total_bytes", x->total_bytes, "ccr", x->ccr,
		"kinds", kinds);
	json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(17));
	fputc('\n', stdout);
	json_decref(o);
}

/* What the command line asks of `pelsim dag`. */
typedef struct {
	pel_common_opts co;
	const char *format, *export;
	const char *file; /* the scenario or workload file */
} dag_args;

/* Reads the options and the file's name into a; returns -1 to go on,
 * else the exit status (--help, bad usage). */
static int parse_dag_args(int argc, char **argv, dag_args *a)
{
	enum { O_FORMAT = 256, O_EXPORT };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "set", required_argument, NULL, PEL_OPT_SET },
		{ "export", required_argument, NULL, O_EXPORT },
		{ "json", no_argument, NULL, PEL_OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		int shared = pel_common_opt(&a->co, c, optarg);
		if (shared < 0)
			return PEL_EXIT_BAD_INPUT;
		if (shared)
			continue;
		switch (c) {
		case O_FORMAT:
			a->format = optarg;
			break;
		case O_EXPORT:
			a->export = optarg;
			break;
		case 'h':
			fputs(usage_dag, stdout);
			return 0;
		default:
			return pel_unknown_option("dag", argv, opts);
		}
	}
	if (optind >= argc || !*argv[optind])
		return pel_bad_usage("dag", "%s", "expected a scenario or workload file, found none");
	if (optind + 1 < argc)
		return pel_bad_usage("dag", "expected one file, found a second: '%s'", argv[optind + 1]);
	a->file = argv[optind];
	return -1;
}

/* Loads the workload: a workload file alone into *alone, or a scenario
 * into *s (its DAG costed on its platform); returns 0 or the exit status. */
static int load_workload(const dag_args *a, pel_dag **alone, pel_scenario **s)
{
	char err[1024];
	pel_format fmt = PEL_FMT_AUTO;
	if (a->format && pel_format_from_name(a->format, &fmt))
		return pel_bad_usage("dag", "--format: expected one of: dot, wfformat, stg, etc, found '%s'",
				     a->format);
	if (fmt == PEL_FMT_AUTO)
		fmt = pel_format_detect(a->file);
	if (fmt != PEL_FMT_AUTO && a->co.nsets)
		return pel_bad_usage("dag", "--set: expected a scenario, found the workload file '%s'", a->file);
	if (fmt != PEL_FMT_AUTO) {
		*alone = pel_import(a->file, fmt, NULL, err, sizeof err);
		if (!*alone) {
			pel_say("%s", err);
			return PEL_EXIT_BAD_INPUT;
		}
	} else if (pel_scenario_load(a->file, a->co.sets, a->co.nsets, s, err, sizeof err)) {
		pel_say("%s", err);
		return PEL_EXIT_BAD_INPUT;
	}
	return 0;
}

int pel_cmd_dag(int argc, char **argv)
{
	pel_cli_command("dag");
	dag_args a = { .format = NULL };
	pel_common_opts_init(&a.co, "dag", argc);
	pel_scenario *s = NULL;
	pel_dag *alone = NULL;
	char err[1024];
	int rc = parse_dag_args(argc, argv, &a);
	if (rc >= 0)
		goto out;
	rc = load_workload(&a, &alone, &s);
	if (rc)
		goto out;
	const pel_dag *g = alone ? alone : s->dag;
	const pel_model *m = alone ? NULL : s->model;
	int e = a.export ? pel_export_dot(g, a.export, err, sizeof err) : 0;
	if (e) {
		pel_say("--export: %s", err);
		rc = e == -2 ? PEL_EXIT_RUN_FAILED : PEL_EXIT_BAD_INPUT;
		goto out;
	}
	pel_dag_summary x;
	pel_dag_stats(g, m, &x);
	if (a.co.json)
		print_json(a.file, g, &x);
	else
		print_text(a.file, g, &x, m != NULL);
	rc = 0; /* stdout is checked by main */
out:
	pel_dag_free(alone);
	pel_scenario_free(s);
	pel_common_opts_free(&a.co);
	return rc;
}
