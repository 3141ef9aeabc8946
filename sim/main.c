/* main.c - the `pelsim` command. */
#include "../common/alloc.h"
#include "report.h"
#include "scenario.h"
#include "simulate.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEL_VERSION "0.1.0"

/* Exit statuses: 0 done, 1 the run failed, 2 bad input or usage. */
enum { EXIT_RUN_FAILED = 1, EXIT_BAD_INPUT = 2 };

static const char usage_main[] =
	"usage: pelsim COMMAND [OPTIONS]\n"
	"\n"
	"pelsim simulates task scheduling on heterogeneous machines (CPUs, GPUs,\n"
	"FPGAs and the links between their memories).\n"
	"\n"
	"commands:\n"
	"  run SCENARIO     simulate a scenario and print its metrics\n"
	"  policies         list the registered policies\n"
	"\n"
	"options:\n"
	"  -h, --help       this help; `pelsim COMMAND --help` describes a command\n"
	"  --version        print the version\n";

static const char usage_run[] =
	"usage: pelsim run SCENARIO [OPTIONS]\n"
	"\n"
	"Simulates the scenario (a YAML file) and prints makespan, per-device busy\n"
	"time and utilisation, transfers, bytes moved and events processed.\n"
	"\n"
	"options:\n"
	"  --policy NAME        use this policy instead of the scenario's\n"
	"  --seed N             use this seed instead of the scenario's (0 .. 2^63-1)\n"
	"  --set PATH=VALUE     override one value of the scenario, by its dotted\n"
	"                       path (platform.devices.1.count=4); repeatable\n"
	"  --json               print one JSON object instead of the text summary\n"
	"  --schedule FILE      write the schedule as CSV: one row per task (task,\n"
	"                       kind, device, slot, ready, start, end), then one per\n"
	"                       transfer (consumer task, times, producer, nodes, bytes)\n"
	"  -h, --help           this help\n"
	"\n"
	"exit status: 0 done, 1 the run could not finish, 2 bad input or usage\n";

static const char usage_policies[] =
	"usage: pelsim policies [OPTIONS]\n"
	"\n"
	"Lists the registered policies with a one-line summary.\n"
	"\n"
	"options:\n"
	"  -v, --verbose        add each policy's parameters with their defaults\n"
	"  -h, --help           this help\n";

/* Prints one line on stderr: control characters of the arguments (a
 * newline in a file name or a --set value) are escaped, so that every
 * error stays one line. */
static void say(const char *fmt, ...)
{
	char msg[2048], out[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t o = 0;
	for (const unsigned char *c = (const unsigned char *)msg; *c && o + 5 < sizeof out; c++) {
		if (*c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (*c < 0x20 || *c == 0x7f) {
			o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", *c);
		} else {
			out[o++] = (char)*c;
		}
	}
	out[o] = 0;
	fprintf(stderr, "%s\n", out);
}

static int bad_usage(const char *cmd, const char *fmt, const char *arg)
{
	char msg[1024];
	snprintf(msg, sizeof msg, fmt, arg);
	say("pelsim%s%s: %s (see pelsim%s%s --help)", cmd ? " " : "", cmd ? cmd : "", msg,
	    cmd ? " " : "", cmd ? cmd : "");
	return EXIT_BAD_INPUT;
}

/* getopt's own message is replaced by ours: one line, exit 2. */
static int unknown_option(const char *cmd, char **argv, const struct option *opts)
{
	char msg[1024];
	const char *arg = argv[optind - 1];
	if (optopt && optopt < 256 && !(arg[0] == '-' && arg[1] == '-')) {
		/* a short option; optind may still point at its cluster */
		snprintf(msg, sizeof msg, "unknown option '-%c'", optopt);
	} else if (!optopt) {
		char list[256] = "";
		for (const struct option *o = opts; o->name; o++) {
			size_t l = strlen(list);
			snprintf(list + l, sizeof list - l, "%s--%s", l ? ", " : "", o->name);
		}
		snprintf(msg, sizeof msg, "unknown or ambiguous option '%.200s' (expected one of: %s)", arg, list);
	} else if (strchr(arg, '=')) {
		snprintf(msg, sizeof msg, "%.*s: expected no value, found '%.200s'",
			 (int)(strchr(arg, '=') - arg), arg, strchr(arg, '=') + 1);
	} else {
		snprintf(msg, sizeof msg, "%.200s: expected a value, found none", arg);
	}
	return bad_usage(cmd, "%s", msg);
}

static int cmd_policies(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int verbose = 0, c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+vh", opts, NULL)) != -1) {
		if (c == 'v')
			verbose = 1;
		else if (c == 'h') {
			fputs(usage_policies, stdout);
			return 0;
		} else
			return unknown_option("policies", argv, opts);
	}
	if (optind < argc)
		return bad_usage("policies", "expected no argument, found '%s'", argv[optind]);
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	for (size_t i = 0; i < n; i++) {
		printf("%-12s %s\n", list[i]->name, list[i]->summary);
		if (!verbose)
			continue;
		if (!list[i]->params || !list[i]->params->name)
			printf("%-12s   (no parameters)\n", "");
		for (const pel_param_doc *d = list[i]->params; d && d->name; d++)
			printf("%-12s   %s (default %s): %s\n", "", d->name, d->def, d->summary);
	}
	return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *end || errno || v > (unsigned long long)INT64_MAX)
		return -1;
	*out = v;
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	enum { O_POLICY = 256, O_SEED, O_SET, O_JSON, O_SCHEDULE };
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, O_POLICY },
		{ "seed", required_argument, NULL, O_SEED },
		{ "set", required_argument, NULL, O_SET },
		{ "json", no_argument, NULL, O_JSON },
		{ "schedule", required_argument, NULL, O_SCHEDULE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *policy = NULL, *schedule = NULL;
	uint64_t seed = 0;
	int have_seed = 0, json = 0, c;
	pel_override *sets = pel_xcalloc((size_t)argc, sizeof *sets);
	size_t nsets = 0;
	int rc = EXIT_BAD_INPUT;
	pel_scenario *s = NULL;
	pel_sim_result *r = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_POLICY:
			policy = optarg;
			break;
		case O_SEED:
			if (parse_seed(optarg, &seed)) {
				bad_usage("run", "--seed: expected an integer in [0, 2^63-1], found '%s'", optarg);
				goto out;
			}
			have_seed = 1;
			break;
		case O_SET: {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg) {
				bad_usage("run", "--set: expected PATH=VALUE, found '%s'", optarg);
				goto out;
			}
			*eq = 0;
			sets[nsets].path = optarg;
			sets[nsets++].value = eq + 1;
			break;
		}
		case O_JSON:
			json = 1;
			break;
		case O_SCHEDULE:
			schedule = optarg;
			break;
		case 'h':
			fputs(usage_run, stdout);
			rc = 0;
			goto out;
		default:
			unknown_option("run", argv, opts);
			goto out;
		}
	}
	if (optind >= argc) {
		bad_usage("run", "%s", "expected a scenario file, found none");
		goto out;
	}
	if (!*argv[optind]) {
		bad_usage("run", "%s", "expected a scenario file, found ''");
		goto out;
	}
	if (optind + 1 < argc) {
		bad_usage("run", "expected one scenario file, found a second: '%s'", argv[optind + 1]);
		goto out;
	}
	/* the seed also draws generated workloads: it overrides the scenario's
	 * seed key, not only the run's */
	char seedbuf[32];
	if (have_seed) {
		snprintf(seedbuf, sizeof seedbuf, "%llu", (unsigned long long)seed);
		sets[nsets].path = "seed";
		sets[nsets++].value = seedbuf;
	}
	char err[1024];
	if (pel_scenario_load(argv[optind], sets, nsets, &s, err, sizeof err)) {
		say("pelsim: %s", err);
		goto out;
	}
	const pel_policy *pol = pel_policy_find(policy ? policy : s->policy);
	if (!pol) {
		if (policy)
			bad_usage("run", "--policy: expected a registered policy (pelsim policies lists them), found '%s'", policy);
		else
			say("pelsim: %s: policy: expected a registered policy (pelsim policies lists them), found '%s'",
			    s->policy_where, s->policy);
		goto out;
	}
	if (pel_scenario_check_params(s, pol, err, sizeof err)) {
		say("pelsim: %s", err);
		goto out;
	}
	pel_sim_options opt = {
		.seed = s->seed,
		.stop_time = INFINITY,
		.record_transfers = schedule != NULL,
		.params = s->params,
		.nparams = s->nparams,
	};
	r = pel_simulate(s->model, pol, &opt);
	if (!r) {
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (!r->complete) {
		say("pelsim: %s: %s", s->file, r->error);
		rc = EXIT_RUN_FAILED;
		goto out;
	}
	pel_run_info info = { s->name, pol->name, opt.seed };
	if (schedule && pel_report_schedule(schedule, s->model, r)) {
		say("pelsim: --schedule: expected a file that can be written, found '%s' (%s)", schedule,
		    strerror(errno));
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (json)
		pel_report_json(stdout, &info, s->model, r);
	else
		pel_report_text(stdout, &info, s->model, r);
	rc = fflush(stdout) ? EXIT_RUN_FAILED : 0;
out:
	pel_sim_result_free(r);
	pel_scenario_free(s);
	free(sets);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return bad_usage(NULL, "%s", "expected a command (run or policies), found none");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("pelsim %s\n", PEL_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "policies"))
		return cmd_policies(argc - 1, argv + 1);
	return bad_usage(NULL, "unknown command '%s'", cmd);
}
