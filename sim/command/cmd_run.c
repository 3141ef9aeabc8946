/* cmd_run.c - `pelsim run`: one scenario, one or more policies. */
#include "../../common/alloc.h"
#include "cli.h"
#include "../formats/fileio.h"
#include "../formats/report.h"
#include "../studies/plot.h"
#include "../studies/runone.h"
#include "../formats/scenario.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_run[] =
	"usage: pelsim run SCENARIO [OPTIONS]\n"
	"\n"
	"Simulates the scenario (a YAML file) and prints makespan, SLR, speedup,\n"
	"efficiency, load imbalance, per-device busy time and utilisation,\n"
	"transfers, bytes moved and events processed (and response times and\n"
	"throughput for streams of tasks).  With several policies, prints one\n"
	"comparison table.\n"
	"\n"
	"options:\n"
	"  --policy LIST        use these policies instead of the scenario's: names\n"
	"                       separated by commas, each with optional parameters\n"
	"                       after colons (heft,pod:d=4,dmda:alpha=1:beta=2)\n"
	PEL_HELP_POLICY_LIB
	"  --seed N             use this seed instead of the scenario's (0 .. 2^63-1)\n"
	"  --set PATH=VALUE     override one value of the scenario, by its dotted\n"
	"                       path (platform.devices.1.count=4); repeatable\n"
	"  --json               print one JSON object per policy, one per line\n"
	"  --schedule FILE      write the schedule as CSV: one row per task (task,\n"
	"                       kind, device, slot, ready, start, end), then one per\n"
	"                       transfer (consumer task, times, producer, nodes, bytes);\n"
	"                       with several policies, FILE gets the policy name\n"
	"                       before its extension\n"
	"  --gantt FILE         draw the schedule as a Gantt chart with gnuplot (one\n"
	"                       row per device slot, transfers under the rows); the\n"
	"                       format follows FILE's extension: .pdf, .png or .svg;\n"
	"                       with several policies, named as for --schedule\n"
	"  --check              verify each finished schedule (every task once, no\n"
	"                       overlap on a slot, precedence and transfers respected,\n"
	"                       times add up, makespan not below the lower bound)\n"
	"  -h, --help           this help\n"
	"\n"
	"exit status: 0 done, 1 the run could not finish or failed --check,\n"
	"2 bad input or usage\n";

/* Frees n policy specs and their array. */
static void free_specs(pel_policy_spec *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pel_policy_spec_free(&v[i]);
	free(v);
}

/* 1 when piece (up to ':' or its end) names a registered policy. */
static int names_policy(const char *piece)
{
	char name[128];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(piece, ":"), piece);
	return pel_policy_find(name) != NULL;
}

/* Parses "heft,pod:d=4" into specs; list is modified.  A comma followed by
 * something that names no policy belongs to the previous parameter's value
 * (fixed:schedule=u_c_hihi.0_MS_7358942,8.sol). */
static int parse_policies(char *list, pel_policy_spec **out, size_t *nout)
{
	size_t n = 1;
	for (char *c = list; *c; c++)
		n += *c == ',';
	pel_policy_spec *v = pel_xcalloc(n, sizeof *v);
	char **items = pel_xcalloc(n, sizeof *items);
	size_t k = 0, m = 0;
	for (char *piece = list, *next; piece; piece = next) {
		next = strchr(piece, ',');
		if (next)
			*next++ = 0;
		if (m && strchr(items[m - 1], '=') && !names_policy(piece))
			piece[-1] = ','; /* rejoin: still the previous value */
		else
			items[m++] = piece;
	}
	char bad[1024];
	int rc = 0;
	for (size_t i = 0; i < m && !rc; i++)
		if (pel_policy_spec_parse(items[i], "--policy", 0, &v[k++], bad, sizeof bad))
			rc = pel_bad_usage("run", "--policy: expected NAME:PARAM=VALUE, found parameter '%s'", bad);
	free(items);
	*out = v;
	*nout = k;
	if (!rc && !k)
		rc = pel_bad_usage("run", "--policy: expected a policy name, found '%s'", "");
	return rc;
}

/* FILE with the policy name before its extension: out.csv -> out.heft.csv */
static void schedule_path(char *buf, size_t n, const char *file, const char *policy, int many)
{
	const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
	if (!many)
		snprintf(buf, n, "%s", file);
	else if (dot && (!slash || dot > slash))
		snprintf(buf, n, "%.*s.%s%s", (int)(dot - file), file, policy, dot);
	else
		snprintf(buf, n, "%s.%s", file, policy);
}

_Static_assert((int)PEL_RUN_FAILED == (int)PEL_EXIT_RUN_FAILED && (int)PEL_RUN_BAD_INPUT == (int)PEL_EXIT_BAD_INPUT,
	       "pel_run_policy's statuses are the exit statuses");

typedef struct {
	const char *schedule;
	const char *gantt;
	pel_plot_format gantt_format;
	int json, check;
} run_output;

/* Runs one policy and reports it.  Returns an exit status. */
static int run_one(const pel_scenario *s, const pel_policy_spec *spec, const run_output *o, size_t nspecs)
{
	pel_run_options ro = {
		.record_transfers = o->schedule != NULL || o->gantt != NULL,
		.check = o->check,
		.name_scenario = 1,
	};
	pel_run_outcome res;
	int rc = pel_run_policy(s, spec, &ro, &res);
	if (rc) {
		pel_say("%s", res.err);
		goto out;
	}
	const pel_policy *pol = res.policy;
	const pel_sim_result *r = res.r;
	rc = PEL_EXIT_BAD_INPUT;
	if (o->schedule) {
		char path[4096];
		schedule_path(path, sizeof path, o->schedule, pol->name, nspecs > 1);
		pel_outfile out;
		char msg[2048];
		if (pel_out_open(&out, path, msg, sizeof msg)) {
			pel_say("--schedule: expected a file that can be written, found '%s' (%s)", path,
				strerror(errno));
			goto out;
		}
		pel_report_schedule(out.f, s->model, r);
		if (pel_out_commit(&out, msg, sizeof msg)) {
			pel_say("--schedule: %s", msg);
			rc = PEL_EXIT_RUN_FAILED;
			goto out;
		}
	}
	if (o->gantt) {
		char path[4096], title[512], msg[2048];
		schedule_path(path, sizeof path, o->gantt, pol->name, nspecs > 1);
		snprintf(title, sizeof title, "%s: %s, makespan %.6g s", s->name, pol->name, r->makespan);
		int g = pel_plot_gantt(s->model, r, title, path, o->gantt_format, msg, sizeof msg);
		if (g) {
			pel_say("--gantt: %s", msg);
			rc = g;
			goto out;
		}
	}
	pel_run_info info = { s->name, pol->name, s->seed };
	if (o->json)
		pel_report_json(stdout, &info, s->model, r, &res.x);
	else if (nspecs > 1)
		pel_report_compare_row(stdout, &info, r, &res.x);
	else
		pel_report_text(stdout, &info, s->model, r, &res.x);
	rc = 0;
out:
	pel_run_outcome_free(&res);
	return rc;
}

/* What the command line asks of `pelsim run`. */
typedef struct {
	pel_common_opts co;
	char *policy; /* --policy LIST, or NULL: the scenario's */
	run_output o;
	const char *file; /* the scenario */
} run_args;

/* Reads the options and the scenario's name into a; returns -1 to go on,
 * else the exit status (--help, bad usage). */
static int parse_run_args(int argc, char **argv, run_args *a)
{
	enum { O_POLICY = 256, O_SCHEDULE, O_CHECK, O_GANTT };
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, O_POLICY },
		{ "policy-lib", required_argument, NULL, PEL_OPT_POLICY_LIB },
		{ "seed", required_argument, NULL, PEL_OPT_SEED },
		{ "set", required_argument, NULL, PEL_OPT_SET },
		{ "json", no_argument, NULL, PEL_OPT_JSON },
		{ "schedule", required_argument, NULL, O_SCHEDULE },
		{ "check", no_argument, NULL, O_CHECK },
		{ "gantt", required_argument, NULL, O_GANTT },
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
		case O_POLICY:
			a->policy = optarg;
			break;
		case O_SCHEDULE:
			a->o.schedule = optarg;
			break;
		case O_GANTT:
			if (pel_plot_format_of_path(optarg, &a->o.gantt_format))
				return pel_bad_usage("run",
						     "--gantt: expected a file name ending in .pdf, .png or .svg, found '%s'",
						     optarg);
			a->o.gantt = optarg;
			break;
		case O_CHECK:
			a->o.check = 1;
			break;
		case 'h':
			fputs(usage_run, stdout);
			return 0;
		default:
			return pel_unknown_option("run", argv, opts);
		}
	}
	a->o.json = a->co.json;
	if (optind >= argc)
		return pel_bad_usage("run", "%s", "expected a scenario file, found none");
	if (!*argv[optind])
		return pel_bad_usage("run", "%s", "expected a scenario file, found ''");
	if (optind + 1 < argc)
		return pel_bad_usage("run", "expected one scenario file, found a second: '%s'", argv[optind + 1]);
	a->file = argv[optind];
	return -1;
}

/* --policy's list as specs, each naming a registered policy; returns 0 or
 * the exit status (the specs are the caller's to free either way). */
static int listed_policies(char *list, pel_policy_spec **specs, size_t *nspecs)
{
	if (parse_policies(list, specs, nspecs))
		return PEL_EXIT_BAD_INPUT;
	for (size_t i = 0; i < *nspecs; i++)
		if (!pel_policy_find((*specs)[i].name))
			return pel_bad_usage("run",
					     "--policy: expected a registered policy (pelsim policies lists them), found '%s'",
					     (*specs)[i].name);
	return 0;
}

/* The scenario's own policy as the one spec (its parameters are the
 * scenario's); returns 0 or the exit status. */
static int scenario_policy(const pel_scenario *s, pel_policy_spec **specs, size_t *nspecs)
{
	if (!pel_policy_find(s->policy)) {
		pel_say("%s: policy: expected a registered policy (pelsim policies lists them), found '%s'",
			s->policy_where, s->policy);
		return PEL_EXIT_BAD_INPUT;
	}
	*specs = pel_xcalloc(1, sizeof **specs);
	pel_policy_spec_start(&(*specs)[0], s->policy, NULL, 1);
	*nspecs = 1;
	return 0;
}

/* Runs every policy on s and reports them (a comparison table for several
 * unless --json); returns the worst exit status. */
static int run_all(const pel_scenario *s, const pel_policy_spec *specs, size_t nspecs, const run_output *o)
{
	char err[2048];
	/* every policy's name and parameters are checked before the first
	 * runs: a bad one stops the command with nothing printed (one policy
	 * is checked by its own run, before it simulates anything) */
	if (nspecs > 1 && pel_policy_specs_try(s, specs, nspecs, PEL_TRY_PARAMS, err, sizeof err)) {
		pel_say("%s", err);
		return PEL_EXIT_BAD_INPUT;
	}
	if (nspecs > 1 && !o->json) {
		printf("scenario %s, seed %llu: ", s->name, (unsigned long long)s->seed);
		pel_report_compare_header(stdout, s->model, s->dag->release != NULL);
	}
	int rc = 0;
	for (size_t i = 0; i < nspecs; i++) {
		int one = run_one(s, &specs[i], o, nspecs);
		if (one > rc)
			rc = one;
		if (one == PEL_EXIT_BAD_INPUT)
			break;
	}
	return rc;
}

int pel_cmd_run(int argc, char **argv)
{
	pel_cli_command("run");
	run_args a = { .policy = NULL };
	pel_common_opts_init(&a.co, "run", argc);
	size_t nspecs = 0;
	pel_policy_spec *specs = NULL;
	pel_scenario *s = NULL;
	char err[2048];
	int rc = parse_run_args(argc, argv, &a);
	if (rc >= 0)
		goto out;
	rc = a.policy ? listed_policies(a.policy, &specs, &nspecs) : 0;
	if (rc)
		goto out;
	pel_common_opts_seed_set(&a.co);
	rc = PEL_EXIT_BAD_INPUT;
	if (pel_scenario_load(a.file, a.co.sets, a.co.nsets, &s, err, sizeof err)) {
		pel_say("%s", err);
		goto out;
	}
	if (!specs && scenario_policy(s, &specs, &nspecs))
		goto out;
	rc = run_all(s, specs, nspecs, &a.o);
out:
	free_specs(specs, nspecs);
	pel_scenario_free(s);
	pel_common_opts_free(&a.co);
	return rc;
}
