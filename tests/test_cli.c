/* test_cli.c - the `pelsim` command, run as a child process.
 *
 * The rule under test: bad input of any kind (a scenario file, the command
 * line) gets one line on stderr naming file:line:column, the field, what
 * was expected and what was found, and exit status 2; never a crash, a
 * sanitizer report or partial output on stdout.  Every malformed scenario
 * under tests/bad/ is one case; its first line says what the message must
 * contain:
 *     # expect: <substring of the one stderr line>
 *
 * PELSIM_BIN is the pelsim of this build (sanitizers included in the test
 * build) and PEL_SOURCE_DIR the source root, where the tests run. */
#include "harness.h"

#include <CUnit/Basic.h>
#include <jansson.h>

#include <dirent.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEFT "scenarios/papers/topcuoglu2002.yaml"
#define LAYERED "tests/data/layered.yaml"
#define BAD_DIR "tests/bad"

/* s, or "" for a missing JSON string (CU_ASSERT_STRING_EQUAL needs one) */
static const char *S(const char *s)
{
	return s ? s : "";
}

/* ---- the malformed scenarios ---- */

/* The text after "# expect: " on the first line of path, or NULL. */
static char *read_expect(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char line[2048];
	char *got = fgets(line, sizeof line, f);
	fclose(f);
	static const char tag[] = "# expect: ";
	if (!got || !pel_t_starts_with(line, tag))
		return NULL;
	line[strcspn(line, "\r\n")] = 0;
	if (!line[sizeof tag - 1])
		return NULL;
	return strdup(line + sizeof tag - 1);
}

static void test_bad_scenarios(void)
{
	DIR *d = opendir(BAD_DIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
		struct stat st;
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, pel_t_cmp_str);
	CHECK(n >= 50, "%s: expected at least 50 malformed scenarios, found %zu", BAD_DIR, n);

	/* every message names the scenario (or the file it includes) at
	 * line:column */
	regex_t located;
	CU_ASSERT_FATAL(!regcomp(&located, "\\.yaml:[0-9]+:[0-9]+: ", REG_EXTENDED | REG_NOSUB));
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", BAD_DIR, names[i]);
		char *want = read_expect(path);
		CHECK(want != NULL, "%s: expected a first line '# expect: <message>', found none", path);
		if (!want) {
			failed++;
			free(names[i]);
			continue;
		}
		pel_t_result r;
		pel_t_run(&r, "run", path);
		int ok = pel_t_check_one_line_error(&r, path, want);
		if (ok) {
			ok = !regexec(&located, r.err, 0, NULL, 0);
			CHECK(ok, "%s: expected the message to name file:line:column, found %s", path, r.err);
		}
		failed += !ok;
		pel_t_result_free(&r);
		free(want);
		free(names[i]);
	}
	regfree(&located);
	free(names);
	if (failed)
		fprintf(stderr, "\n  %zu of %zu malformed scenarios failed\n", failed, n);
}

/* CPU seconds (user + system) of the children waited for so far. */
static double children_cpu(void)
{
	struct rusage u;
	getrusage(RUSAGE_CHILDREN, &u);
	return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
	       u.ru_stime.tv_usec / 1e6;
}

static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Runs args, checks the one-line error want and that it came before any
 * large work: under 1 s of CPU (the sanitizers included) and 20 s of
 * wall time on a loaded machine. */
static void check_refused_fast(const char *what, const char *want, const char *const *args)
{
	double cpu = children_cpu(), wall = wall_now();
	pel_t_result r;
	pel_t_run_argv(&r, args);
	cpu = children_cpu() - cpu;
	wall = wall_now() - wall;
	pel_t_check_one_line_error(&r, what, want);
	CHECK(cpu < 1.0 && wall < 20.0, "%s: refused after %.2f s of CPU, %.2f s of wall time; expected < 1 s of CPU",
	      what, cpu, wall);
	pel_t_result_free(&r);
}

/* Oversized inputs (tests/bad/size_*.yaml: sweeps of too many points,
 * generators of too many tasks, edges or bytes) are refused with their
 * message and fast, by `run`, `dag` and `sweep` alike; so is a size
 * reached through --set. */
static void test_sizes_refused_fast(void)
{
	DIR *d = opendir(BAD_DIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "size_", 5) || len < 10 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
		char *want = read_expect(path);
		CHECK(want != NULL, "%s: expected a first line '# expect: <message>', found none", path);
		if (!want)
			continue;
		n++;
		check_refused_fast(path, want, (const char *const[]){ "run", path, NULL });
		check_refused_fast(path, want, (const char *const[]){ "dag", path, NULL });
		char dir[256];
		CU_ASSERT_PTR_NOT_NULL_FATAL(pel_t_tmpdir(dir, sizeof dir, "size"));
		char out[300];
		snprintf(out, sizeof out, "%s/out", dir);
		check_refused_fast(path, want, (const char *const[]){ "sweep", path, "--out", out, NULL });
		CHECK(!pel_t_exists(out), "%s: sweep left %s", path, out);
		pel_t_rm_tree(dir);
		free(want);
	}
	closedir(d);
	CHECK(n >= 13, "%s: expected at least 13 size_*.yaml cases, found %zu", BAD_DIR, n);
	check_refused_fast("--set workload.tiles=2000",
			   "--set workload.tiles=2000: workload.tiles: expected at most 100000000 tasks, found '2000' "
			   "(cholesky makes 1335334000 tasks)",
			   (const char *const[]){ "run", "tests/data/workloads/gen_cholesky.yaml", "--set",
						  "workload.tiles=2000", NULL });
	/* of two factors, the one given last (a --set after the file) */
	check_refused_fast("--set workload.phases=100000",
			   "--set workload.phases=100000: workload.phases: expected at most 100000000 tasks, found "
			   "'100000' (forkjoin makes 10000100001 tasks)",
			   (const char *const[]){ "run", BAD_DIR "/size_forkjoin.yaml", "--set", "workload.phases=100000",
						  NULL });
}

/* A bad scenario with --schedule and --json: still nothing written. */
static void test_bad_scenario_writes_nothing(void)
{
	char dir[] = "/tmp/pelsim-cli-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char csv[64];
	snprintf(csv, sizeof csv, "%s/s.csv", dir);
	pel_t_result r;
	pel_t_run(&r, "run", BAD_DIR "/cycle.yaml", "--json", "--schedule", csv);
	pel_t_check_one_line_error(&r, "cycle.yaml with --json --schedule", "expected a DAG");
	CHECK(access(csv, F_OK) != 0, "%s: expected no schedule file after an error, found one", csv);
	pel_t_result_free(&r);
	unlink(csv);
	rmdir(dir);
}

/* ---- --set ---- */

static void expect_set_error(const char *set, const char *want)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--set", set);
	char what[256];
	snprintf(what, sizeof what, "--set %s", set);
	pel_t_check_one_line_error(&r, what, want);
	pel_t_result_free(&r);
}

static void test_set_errors(void)
{
	/* unknown path component */
	expect_set_error("platform.devics.0.speed=1",
			 "pelsim run: --set platform.devics.0.speed=1: platform: expected one of its keys (network, devices), found 'devics'");
	expect_set_error("nme.x=1", "--set nme.x=1: the scenario: expected one of its keys");
	/* a new key the reader does not know */
	expect_set_error("platform.devices.0.spede=3",
			 "--set platform.devices.0.spede=3: platform.devices.0: unknown key 'spede'");
	/* index out of range, or not an index */
	expect_set_error("platform.devices.3.speed=1",
			 "--set platform.devices.3.speed=1: platform.devices: expected an index in [0, 2], found '3'");
	expect_set_error("platform.devices.x.speed=1", "platform.devices: expected an index in [0, 2], found 'x'");
	expect_set_error("platform.devices.-1.speed=1", "platform.devices: expected an index in [0, 2], found '-1'");
	/* a target that is not a single value */
	expect_set_error("platform.devices=3",
			 "--set platform.devices=3: platform.devices: expected a single value to replace, found a list of 3 items");
	expect_set_error("platform.devices.0=3",
			 "--set platform.devices.0=3: platform.devices.0: expected a single value to replace, found a mapping");
	expect_set_error("workload.tasks.0.times=3", "workload.tasks.0.times: expected a single value to replace, found a mapping");
	/* a path through a single value */
	expect_set_error("name.x=1", "--set name.x=1: name: expected a mapping or a list to look up 'x' in, found 'topcuoglu2002'");
	/* a malformed path */
	expect_set_error("platform..devices=1", "--set platform..devices=1: expected a dotted path");
	expect_set_error(".name=1", "--set .name=1: expected a dotted path");
	/* bad values: the message starts with the --set and names the field */
	expect_set_error("platform.devices.0.speed=abc",
			 "pelsim run: --set platform.devices.0.speed=abc: platform.devices.0.speed: expected a number > 0, found 'abc'");
	expect_set_error("platform.devices.0.count=0",
			 "pelsim run: --set platform.devices.0.count=0: platform.devices.0.count: expected an integer in [1, 65536], found '0'");
	expect_set_error("workload.tasks.0.times.P3=-1",
			 "--set workload.tasks.0.times.P3=-1: workload.tasks.0.times.P3: expected a number >= 0, found '-1'");
	expect_set_error("workload.tasks.0.times.GPU=1",
			 "--set workload.tasks.0.times.GPU=1: workload.tasks.0.times: expected the name of a device, a device group or a device class, found 'GPU'");
	expect_set_error("platform.devices.1.name=P1", "--set platform.devices.1.name=P1: platform.devices.1.name: device name 'P1' used twice");
	expect_set_error("policy=nope", "--set policy=nope: policy: expected a registered policy");
	expect_set_error("seed=-1", "--set seed=-1: seed: expected an integer in [0, 9223372036854775807], found '-1'");
	expect_set_error("name=", "--set name=: name: expected a non-empty value, found ''");
	expect_set_error("name=\xff", "--set name=\xff: expected UTF-8 text");
	/* a value with a newline is refused (a scenario's values are single
	 * lines), quoted on the message's one line */
	expect_set_error("platform.devices.0.speed=1\n2",
			 "pelsim run: --set platform.devices.0.speed=1\\n2: expected a value on one line, found the control character 0x0a");
	expect_set_error("name=a\nb", "pelsim run: --set name=a\\nb: expected a value on one line, found the control character 0x0a");
	expect_set_error("description=a\tb", "--set description=a\\tb: expected a value on one line, found the control character 0x09");
	/* malformed --set: no '=' or no path */
	expect_set_error("abc", "pelsim run: --set: expected PATH=VALUE, found 'abc'");
	expect_set_error("=3", "pelsim run: --set: expected PATH=VALUE, found '=3'");
	/* the one line begins with the --set itself */
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--set", "platform.devices.0.speed=abc");
	CHECK(pel_t_starts_with(r.err, "pelsim run: --set platform.devices.0.speed=abc: platform.devices.0.speed: "),
	      "--set platform.devices.0.speed=abc: expected the message to start with the --set, found %s", r.err);
	pel_t_result_free(&r);
	/* in an included platform: the --set is named, not the file */
	pel_t_run(&r, "run", "tests/data/with_include.yaml", "--set", "platform.devices.0.speed=abc");
	pel_t_check_one_line_error(&r, "--set into an included file",
				   "pelsim run: --set platform.devices.0.speed=abc: platform.devices.0.speed: expected a number > 0, found 'abc'");
	pel_t_result_free(&r);
}

/* Value of key in the one JSON object pelsim printed, or NULL. */
static json_t *parse_json(const pel_t_result *r)
{
	json_error_t e;
	json_t *o = json_loads(r->out, 0, &e);
	CHECK(o && json_is_object(o), "expected one JSON object, found %s (%s)", r->out, e.text);
	return o;
}

static double makespan_of(const char *const *args)
{
	pel_t_result r;
	pel_t_run_argv(&r, args);
	CHECK(r.status == 0 && r.nerr == 0, "expected a clean run, found status %d, stderr %s", r.status,
	      r.err);
	double m = NAN;
	json_t *o = parse_json(&r);
	if (o && json_is_number(json_object_get(o, "makespan")))
		m = json_number_value(json_object_get(o, "makespan"));
	json_decref(o);
	pel_t_result_free(&r);
	return m;
}

/* ---- policy parameters: one syntax everywhere ---- */

#define POD_MAP "tests/data/pod_mapping.yaml"

/* pelsim run with args: status 0 and its stdout (NULL on failure, checked). */
static char *run_ok(const char *what, const char *const *args)
{
	pel_t_result r;
	pel_t_run_argv(&r, args);
	CHECK(r.status == 0 && !r.nerr, "%s: expected status 0 and no stderr, found %d: %s", what, r.status, r.err);
	char *out = r.status == 0 ? strdup(r.out) : NULL;
	pel_t_result_free(&r);
	return out;
}

static void test_policy_forms(void)
{
	/* pod:d=2 as --policy, as --set of the scalar policy, as the mapping
	 * in the file, and as --set replacing that mapping: the same bytes */
	char *forms[4];
	forms[0] = run_ok("--policy pod:d=2", (const char *const[]){ "run", HEFT, "--policy", "pod:d=2", "--json", NULL });
	forms[1] = run_ok("--set policy=pod:d=2", (const char *const[]){ "run", HEFT, "--set", "policy=pod:d=2", "--json", NULL });
	forms[2] = run_ok("policy: {name: pod, d: 2}", (const char *const[]){ "run", POD_MAP, "--json", NULL });
	forms[3] = run_ok("mapping replaced by --set policy=pod:d=2",
			  (const char *const[]){ "run", POD_MAP, "--set", "policy=pod:d=2", "--json", NULL });
	for (size_t i = 1; i < 4; i++)
		CHECK(forms[0] && forms[i] && !strcmp(forms[0], forms[i]), "form %zu of pod:d=2: expected\n%s\nfound\n%s", i,
		      S(forms[0]), S(forms[i]));
	/* and another d is another run: the parameter is not ignored */
	char *d1 = run_ok("--set policy.d=1", (const char *const[]){ "run", POD_MAP, "--set", "policy.d=1", "--json", NULL });
	char *d1p = run_ok("--policy pod:d=1", (const char *const[]){ "run", HEFT, "--policy", "pod:d=1", "--json", NULL });
	CHECK(d1 && d1p && !strcmp(d1, d1p), "pod:d=1: --set policy.d=1 and --policy pod:d=1 differ");
	for (size_t i = 0; i < 4; i++)
		free(forms[i]);
	free(d1);
	free(d1p);
	/* out of range for the platform (3 devices): refused at the value,
	 * wherever it was written, before any simulation */
	static const char want[] = "policy.d: expected a whole number of devices in [1, 3] (the platform has 3), found";
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--set", "policy=pod:d=4");
	pel_t_check_one_line_error(&r, "--set policy=pod:d=4", "pelsim run: --set policy=pod:d=4: policy.d: expected a whole number");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", POD_MAP, "--set", "policy.d=9");
	char full[256];
	snprintf(full, sizeof full, "pelsim run: --set policy.d=9: %s '9'", want);
	pel_t_check_one_line_error(&r, "--set policy.d=9", full);
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--policy", "pod:d=4");
	pel_t_check_one_line_error(&r, "--policy pod:d=4", "pelsim run: --policy: policy.d: expected a whole number of devices in [1, 3] (the platform has 3), found '4'");
	pel_t_result_free(&r);
	/* several policies: none runs when one is refused */
	pel_t_run(&r, "run", HEFT, "--policy", "heft,eager,pod:d=4");
	pel_t_check_one_line_error(&r, "--policy heft,eager,pod:d=4", "pelsim run: --policy: policy.d: ");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--policy", "heft,pod:e=1");
	pel_t_check_one_line_error(&r, "--policy heft,pod:e=1", "pelsim run: --policy: policy.e: unknown parameter");
	pel_t_result_free(&r);
	/* a parameter given twice: refused as in the scenario */
	pel_t_run(&r, "run", HEFT, "--policy", "pod:d=1:d=2");
	pel_t_check_one_line_error(&r, "--policy pod:d=1:d=2", "pelsim run: --policy: policy: parameter 'd' given twice");
	pel_t_result_free(&r);
	/* a parameter without NAME= in --set policy= */
	pel_t_run(&r, "run", HEFT, "--set", "policy=pod:d");
	pel_t_check_one_line_error(&r, "--set policy=pod:d",
				   "pelsim run: --set policy=pod:d: policy: expected NAME:PARAM=VALUE, found parameter 'd' in 'pod:d'");
	pel_t_result_free(&r);
}

/* Numbers: a subnormal is a number; one beyond the doubles is named so. */
static void test_number_edges(void)
{
	char *out = run_ok("workload.work=4.9e-324",
			   (const char *const[]){ "run", LAYERED, "--set", "workload.work=4.9e-324", "--json", NULL });
	free(out);
	out = run_ok("times.P1=4.9e-324",
		     (const char *const[]){ "run", HEFT, "--set", "workload.tasks.0.times.P1=4.9e-324", "--json", NULL });
	free(out);
	/* an arrival time in a trace file, too */
	out = run_ok("a trace with 4.9e-324", (const char *const[]){ "run", "tests/data/subnormal_trace.yaml", "--json", NULL });
	free(out);
	expect_set_error("workload.tasks.0.times.P1=1e400",
			 "pelsim run: --set workload.tasks.0.times.P1=1e400: workload.tasks.0.times.P1: expected a number >= 0, "
			 "found '1e400' (beyond the largest double, about 1.8e308)");
	/* below the smallest subnormal: 0, which a speed (> 0) refuses */
	pel_t_result r;
	pel_t_run(&r, "run", LAYERED, "--set", "platform.devices.0.speed=1e-400");
	pel_t_check_one_line_error(&r, "speed=1e-400", "platform.devices.0.speed: expected a number > 0, found '1e-400'");
	pel_t_result_free(&r);
}

/* Every message starts with "pelsim CMD: " (docs/architecture.md). */
static void test_message_prefix(void)
{
	static const char *const cmds[][3] = {
		{ "run", "tests/data/no_such.yaml", "pelsim run: tests/data/no_such.yaml: cannot open" },
		{ "sweep", "tests/data/no_such.yaml", "pelsim sweep: tests/data/no_such.yaml: cannot open" },
		{ "dag", "tests/data/no_such.yaml", "pelsim dag: tests/data/no_such.yaml: " },
		{ "plot", "tests/data/no_such_folder", "pelsim plot: " },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		pel_t_result r;
		pel_t_run(&r, cmds[i][0], cmds[i][1]);
		pel_t_check_one_line_error(&r, cmds[i][0], cmds[i][2]);
		pel_t_result_free(&r);
	}
}

static void test_set_changes_result(void)
{
	double base = makespan_of((const char *const[]){ "run", HEFT, "--json", NULL });
	CU_ASSERT_DOUBLE_EQUAL(base, 80, 1e-9);
	double slower = makespan_of((const char *const[]){
		"run", HEFT, "--json", "--set", "workload.tasks.0.times.P3=100", NULL });
	CHECK(isfinite(slower) && slower != base,
	      "--set workload.tasks.0.times.P3=100: expected a makespan other than %g, found %g", base, slower);
	/* adding a device: a key that was not there, by count */
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--json", "--set", "platform.devices.0.count=2");
	CHECK(r.status == 0, "--set platform.devices.0.count=2: expected status 0, found %d: %s", r.status, r.err);
	json_t *o = parse_json(&r);
	json_t *devs = json_object_get(o, "devices");
	CHECK(json_array_size(devs) == 4, "--set platform.devices.0.count=2: expected 4 devices, found %zu",
	      json_array_size(devs));
	json_decref(o);
	pel_t_result_free(&r);
	/* into an included file */
	double inc = makespan_of((const char *const[]){ "run", "tests/data/with_include.yaml", "--json", NULL });
	double inc2 = makespan_of((const char *const[]){
		"run", "tests/data/with_include.yaml", "--json", "--set", "platform.devices.0.speed=2e9", NULL });
	CU_ASSERT_DOUBLE_EQUAL(inc, 3, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(inc2, 1.5, 1e-9);
}

/* The demo with CPUs grown to n: one run of policy with --check, its JSON
 * object (NULL after a failed check). */
static json_t *demo_with_cpus(const char *n, const char *policy)
{
	char set[64];
	snprintf(set, sizeof set, "platform.devices.0.count=%s", n);
	pel_t_result r;
	pel_t_run(&r, "run", "scenarios/demo.yaml", "--policy", policy, "--set", set, "--check", "--json");
	CHECK(r.status == 0 && r.nerr == 0, "demo with %s cpus, %s: expected a checked run, found status %d: %s",
	      n, policy, r.status, r.err);
	json_t *o = r.status == 0 ? parse_json(&r) : NULL;
	pel_t_result_free(&r);
	return o;
}

/* At the device limit (65,536 instances of one entry) a run finishes
 * (within the harness's timeout, under the sanitizers too) and is right:
 * checked, every device reported, and eager's schedule the one it makes
 * with 1,024 CPUs, since the DAG is never wider than that and devices
 * are offered work in id order. */
static void test_device_limit(void)
{
	json_t *big = demo_with_cpus("65536", "eager"), *small = demo_with_cpus("1024", "eager");
	if (big && small) {
		json_t *devs = json_object_get(big, "devices");
		CHECK(json_array_size(devs) == 65539, "65536 cpus: expected 65539 devices, found %zu",
		      json_array_size(devs));
		double mb = json_number_value(json_object_get(big, "makespan"));
		double ms = json_number_value(json_object_get(small, "makespan"));
		CHECK(mb > 0 && mb == ms, "eager: expected the makespan of 1024 cpus (%.17g) with 65536, found %.17g",
		      ms, mb);
		CHECK(json_integer_value(json_object_get(big, "events")) == 364,
		      "65536 cpus: expected 364 events, found %" JSON_INTEGER_FORMAT,
		      json_integer_value(json_object_get(big, "events")));
		json_int_t tasks = 0;
		for (size_t i = 0; i < json_array_size(devs); i++)
			tasks += json_integer_value(json_object_get(json_array_get(devs, i), "tasks"));
		CHECK(tasks == 364, "65536 cpus: expected 364 tasks over the devices, found %" JSON_INTEGER_FORMAT,
		      tasks);
	}
	json_decref(big);
	json_decref(small);
	json_decref(demo_with_cpus("65536", "heft"));
}

/* ---- the command line ---- */

static void expect_usage_error(const char *what, const char *want, const char *const *args)
{
	pel_t_result r;
	pel_t_run_argv(&r, args);
	pel_t_check_one_line_error(&r, what, want);
	pel_t_result_free(&r);
}

#define USAGE_ERROR(what, want, ...) expect_usage_error(what, want, (const char *const[]){ __VA_ARGS__, NULL })

static void test_command_line_errors(void)
{
	pel_t_result r;
	pel_t_run_argv(&r, (const char *const[]){ NULL });
	pel_t_check_one_line_error(&r, "no command", "pelsim: expected a command (run, sweep, plot, dag or policies), found none");
	pel_t_result_free(&r);
	USAGE_ERROR("unknown command", "pelsim: unknown command 'frobnicate'", "frobnicate");
	USAGE_ERROR("no scenario", "pelsim run: expected a scenario file, found none", "run");
	USAGE_ERROR("no scenario, options only", "pelsim run: expected a scenario file", "run", "--json");
	USAGE_ERROR("two scenarios", "pelsim run: expected one scenario file, found a second: '" LAYERED "'",
		    "run", HEFT, LAYERED);
	USAGE_ERROR("unknown option", "pelsim run: unknown or ambiguous option '--bogus'", "run", HEFT, "--bogus");
	USAGE_ERROR("unknown short option", "pelsim run: unknown option '-x'", "run", "-x", HEFT);
	USAGE_ERROR("unknown short option in a cluster", "pelsim run: unknown option '-x'", "run", "-xh", HEFT);
	USAGE_ERROR("ambiguous option", "unknown or ambiguous option '--s'", "run", HEFT, "--s", "1");
	USAGE_ERROR("option without its value", "pelsim run: --seed: expected a value, found none", "run", HEFT, "--seed");
	USAGE_ERROR("value to a flag", "pelsim run: --json: expected no value, found '1'", "run", HEFT, "--json=1");
	USAGE_ERROR("--seed abc", "pelsim run: --seed: expected an integer in [0, 2^63-1], found 'abc'", "run", HEFT,
		    "--seed", "abc");
	USAGE_ERROR("--seed -1", "pelsim run: --seed: expected an integer in [0, 2^63-1], found '-1'", "run", HEFT,
		    "--seed", "-1");
	USAGE_ERROR("--seed 2^63", "found '9223372036854775808'", "run", HEFT, "--seed", "9223372036854775808");
	USAGE_ERROR("--seed 1.5", "found '1.5'", "run", HEFT, "--seed", "1.5");
	USAGE_ERROR("--seed empty", "found ''", "run", HEFT, "--seed", "");
	USAGE_ERROR("unknown --policy",
		    "pelsim run: --policy: expected a registered policy (pelsim policies lists them), found 'nope'", "run",
		    HEFT, "--policy", "nope");
	USAGE_ERROR("--policy with a newline", "found 'a\\nb'", "run", HEFT, "--policy", "a\nb");
	USAGE_ERROR("missing scenario file",
		    "pelsim run: tests/data/no_such_scenario.yaml: cannot open: No such file or directory", "run",
		    "tests/data/no_such_scenario.yaml");
	USAGE_ERROR("scenario is a folder", "pelsim run: tests/data: cannot open: Is a directory", "run", "tests/data");
	USAGE_ERROR("policies with an argument", "pelsim policies: expected no argument, found 'heft'", "policies",
		    "heft");
	USAGE_ERROR("policies with an unknown option", "pelsim policies: unknown or ambiguous option '--json'",
		    "policies", "--json");
}

static void expect_help(const char *const *args, const char *const *mentions)
{
	pel_t_result r;
	pel_t_run_argv(&r, args);
	CHECK(r.status == 0 && r.nerr == 0 && pel_t_starts_with(r.out, "usage: pelsim"),
	      "%s %s: expected status 0 and a usage on stdout, found status %d, stdout %.80s, stderr %s",
	      args[0], args[1] ? args[1] : "", r.status, r.out, r.err);
	for (; *mentions; mentions++)
		CHECK(strstr(r.out, *mentions) != NULL, "%s %s: expected the help to mention '%s', found none",
		      args[0], args[1] ? args[1] : "", *mentions);
	pel_t_result_free(&r);
}

static void test_help(void)
{
	const char *const main_opts[] = { "run SCENARIO", "policies", "-h, --help", "--version", NULL };
	const char *const run_opts[] = { "--policy LIST", "--policy-lib FILE", "--check", "--seed N", "--set PATH=VALUE", "--json",
					 "--schedule FILE", "-h, --help", "exit status", NULL };
	const char *const pol_opts[] = { "-v, --verbose", "-h, --help", NULL };
	expect_help((const char *const[]){ "--help", NULL }, main_opts);
	expect_help((const char *const[]){ "-h", NULL }, main_opts);
	expect_help((const char *const[]){ "run", "--help", NULL }, run_opts);
	expect_help((const char *const[]){ "run", HEFT, "-h", NULL }, run_opts);
	expect_help((const char *const[]){ "policies", "--help", NULL }, pol_opts);

	pel_t_result r;
	pel_t_run(&r, "--version");
	CHECK(r.status == 0 && pel_t_starts_with(r.out, "pelsim "), "--version: expected 'pelsim VERSION', found %s", r.out);
	pel_t_result_free(&r);
}

static void test_policies(void)
{
	pel_t_result r;
	pel_t_run(&r, "policies");
	CHECK(r.status == 0 && r.nerr == 0, "policies: expected status 0, found %d: %s", r.status, r.err);
	CHECK(pel_t_starts_with(r.out, "eager ") || strstr(r.out, "\neager "), "policies: expected eager listed, found %s", r.out);
	CHECK(strstr(r.out, "\nheft ") != NULL, "policies: expected heft listed, found %s", r.out);
	pel_t_result_free(&r);
	pel_t_run(&r, "policies", "--verbose");
	CHECK(r.status == 0 && strstr(r.out, "heft ") && r.nerr == 0, "policies --verbose: status %d, %s", r.status,
	      r.err);
	pel_t_result_free(&r);
}

/* ---- results ---- */

static void test_json(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--json");
	CHECK(r.status == 0 && r.nerr == 0, "--json: expected status 0, found %d: %s", r.status, r.err);
	CHECK(r.nout > 0 && pel_t_count_char(r.out, '\n') == 1 && r.out[r.nout - 1] == '\n',
	      "--json: expected one line, found %s", r.out);
	json_t *o = parse_json(&r);
	if (!o) {
		pel_t_result_free(&r);
		return;
	}
	json_t *ms = json_object_get(o, "makespan");
	CU_ASSERT(json_is_number(ms));
	CU_ASSERT_DOUBLE_EQUAL(json_number_value(ms), 80, 1e-9);
	CU_ASSERT_STRING_EQUAL(S(json_string_value(json_object_get(o, "policy"))), "heft");
	CU_ASSERT_STRING_EQUAL(S(json_string_value(json_object_get(o, "scenario"))), "topcuoglu2002");
	CU_ASSERT(json_is_integer(json_object_get(o, "seed")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(o, "seed")), 1);
	CU_ASSERT(json_is_integer(json_object_get(o, "events")));
	CU_ASSERT(json_integer_value(json_object_get(o, "events")) > 0);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(o, "tasks")), 10);
	json_t *devs = json_object_get(o, "devices");
	CU_ASSERT_FATAL(json_is_array(devs));
	CU_ASSERT_EQUAL(json_array_size(devs), 3);
	double busy = 0;
	size_t i;
	json_t *d;
	json_array_foreach(devs, i, d) {
		char want[32];
		snprintf(want, sizeof want, "P%u", (unsigned)i + 1);
		CU_ASSERT(json_is_object(d));
		CU_ASSERT_STRING_EQUAL(S(json_string_value(json_object_get(d, "name"))), want);
		json_t *b = json_object_get(d, "busy"), *u = json_object_get(d, "utilization");
		CU_ASSERT(json_is_number(b) && json_is_number(u));
		double ut = json_number_value(u);
		CU_ASSERT(ut >= 0 && ut <= 1);
		CU_ASSERT_DOUBLE_EQUAL(ut, json_number_value(b) / 80, 1e-12);
		busy += json_number_value(b);
	}
	/* HEFT's schedule of the paper: P1 18, P2 43, P3 49 seconds busy */
	CU_ASSERT_DOUBLE_EQUAL(busy, 18 + 43 + 49, 1e-9);
	json_decref(o);
	pel_t_result_free(&r);
}

static void test_text_summary(void)
{
	pel_t_result r;
	pel_t_run(&r, "run", HEFT);
	CHECK(r.status == 0 && r.nerr == 0, "run: expected status 0, found %d: %s", r.status, r.err);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "makespan     80 s\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "policy       heft\n"));
	pel_t_result_free(&r);
	/* a user's own device class is allowed */
	pel_t_run(&r, "run", "tests/data/user_class.yaml");
	CHECK(r.status == 0 && r.nerr == 0 && strstr(r.out, " dsp "),
	      "user_class.yaml: expected a run with class dsp, found status %d: %s%s", r.status, r.out, r.err);
	pel_t_result_free(&r);
	/* --policy overrides the scenario's */
	pel_t_run(&r, "run", HEFT, "--policy", "eager");
	CHECK(r.status == 0 && strstr(r.out, "policy       eager\n"), "--policy eager: found status %d: %s%s",
	      r.status, r.out, r.err);
	pel_t_result_free(&r);
	/* no single device can run every task: no speedup to print, in text,
	 * in the comparison table and in JSON */
	const char *flows = "scenarios/network/two_flows.yaml";
	pel_t_run(&r, "run", flows);
	CHECK(r.status == 0 && strstr(r.out, "speedup      n/a (no single device can run every task)\n") &&
		      strstr(r.out, "efficiency   n/a\n"),
	      "%s: expected speedup and efficiency n/a, found status %d: %s%s", flows, r.status, r.out, r.err);
	pel_t_result_free(&r);
	pel_t_run(&r, "run", flows, "--policy", "eager,heft");
	CHECK(r.status == 0 && strstr(r.out, "       n/a        n/a "), "%s: the table: %s%s", flows, r.out, r.err);
	pel_t_result_free(&r);
	pel_t_run(&r, "run", flows, "--json");
	CHECK(r.status == 0 && strstr(r.out, "\"speedup\":null,\"efficiency\":null"), "%s --json: %s%s", flows,
	      r.out, r.err);
	pel_t_result_free(&r);
}

static void test_determinism(void)
{
	pel_t_result a, b;
	pel_t_run(&a, "run", HEFT, "--json");
	pel_t_run(&b, "run", HEFT, "--json");
	CU_ASSERT_EQUAL(a.status, 0);
	CHECK(a.nout > 0 && a.nout == b.nout && !memcmp(a.out, b.out, a.nout),
	      "two runs of %s: expected identical output, found\n%s%s", HEFT, a.out, b.out);
	pel_t_result_free(&a);
	pel_t_result_free(&b);

	pel_t_run(&a, "run", LAYERED, "--json", "--seed", "11");
	pel_t_run(&b, "run", LAYERED, "--json", "--seed", "11");
	CHECK(a.status == 0 && b.status == 0, "%s: expected status 0, found %d: %s", LAYERED, a.status, a.err);
	CHECK(a.nout > 0 && a.nout == b.nout && !memcmp(a.out, b.out, a.nout),
	      "two runs of %s --seed 11: expected identical output, found\n%s%s", LAYERED, a.out, b.out);
	pel_t_result c;
	pel_t_run(&c, "run", LAYERED, "--json", "--seed", "12");
	CU_ASSERT_EQUAL(c.status, 0);
	json_t *ja = parse_json(&a), *jc = parse_json(&c);
	double ma = json_number_value(json_object_get(ja, "makespan"));
	double mc = json_number_value(json_object_get(jc, "makespan"));
	CHECK(ma > 0 && mc > 0 && ma != mc,
	      "%s: expected --seed 11 and --seed 12 to give different makespans, found %.17g and %.17g", LAYERED,
	      ma, mc);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(jc, "seed")), 12);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(jc, "tasks")), 200);
	json_decref(ja);
	json_decref(jc);
	pel_t_result_free(&a);
	pel_t_result_free(&b);
	pel_t_result_free(&c);

	/* the scenario's own seed is the default: --seed 7 is the same run */
	pel_t_run(&a, "run", LAYERED, "--json");
	pel_t_run(&b, "run", LAYERED, "--json", "--seed", "7");
	CHECK(a.nout > 0 && a.nout == b.nout && !memcmp(a.out, b.out, a.nout),
	      "%s: expected the scenario's seed 7 and --seed 7 to agree, found\n%s%s", LAYERED, a.out, b.out);
	pel_t_result_free(&a);
	pel_t_result_free(&b);
}

/* ---- --schedule ---- */

static void test_schedule(void)
{
	char dir[] = "/tmp/pelsim-cli-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char csv[64];
	snprintf(csv, sizeof csv, "%s/schedule.csv", dir);
	pel_t_result r;
	pel_t_run(&r, "run", HEFT, "--schedule", csv, "--json");
	CHECK(r.status == 0 && r.nerr == 0, "--schedule: expected status 0, found %d: %s", r.status, r.err);
	json_t *o = parse_json(&r);
	long long transfers = json_integer_value(json_object_get(o, "transfers"));
	json_decref(o);
	pel_t_result_free(&r);

	FILE *f = fopen(csv, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	char line[1024];
	int n = 0, tasks = 0, xfers = 0, other = 0, bad_fields = 0;
	char seen[16] = { 0 };
	while (fgets(line, sizeof line, f)) {
		if (n++ == 0) {
			CU_ASSERT_STRING_EQUAL(line, "record,task,kind,device,slot,ready,start,end,src_task,from_node,to_node,bytes\n");
			continue;
		}
		bad_fields += pel_t_count_char(line, ',') != 11;
		if (pel_t_starts_with(line, "task,")) {
			tasks++;
			int k;
			if (sscanf(line, "task,n%d,", &k) == 1 && k >= 1 && k <= 10)
				seen[k]++;
		} else if (pel_t_starts_with(line, "transfer,")) {
			xfers++;
		} else {
			other++;
		}
	}
	fclose(f);
	CU_ASSERT_EQUAL(tasks, 10);
	for (int k = 1; k <= 10; k++)
		CHECK(seen[k] == 1, "%s: expected one row for task n%d, found %d", csv, k, seen[k]);
	CHECK(xfers > 0 && xfers == transfers, "%s: expected %lld transfer rows, found %d", csv, transfers, xfers);
	CU_ASSERT_EQUAL(other, 0);
	CU_ASSERT_EQUAL(bad_fields, 0);
	unlink(csv);
	rmdir(dir);

	pel_t_run(&r, "run", HEFT, "--schedule", "/nonexistent/dir/x.csv");
	pel_t_check_one_line_error(&r, "--schedule /nonexistent/dir/x.csv",
				   "pelsim run: --schedule: expected a file that can be written, found '/nonexistent/dir/x.csv'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--schedule", "tests");
	pel_t_check_one_line_error(&r, "--schedule tests (a folder)", "found 'tests'");
	pel_t_result_free(&r);
}

int main(int argc, char **argv)
{
	static const pel_t_test cli[] = {
		{ "malformed scenarios in tests/bad", test_bad_scenarios },
		{ "a bad scenario writes nothing", test_bad_scenario_writes_nothing },
		{ "oversized inputs are refused, fast", test_sizes_refused_fast },
		{ "--set errors", test_set_errors },
		{ "--set changes the result", test_set_changes_result },
		{ "policy parameters in every form", test_policy_forms },
		{ "number edges", test_number_edges },
		{ "message prefix per command", test_message_prefix },
		{ "command-line errors", test_command_line_errors },
		{ "help", test_help },
		{ "policies", test_policies },
		{ "--json", test_json },
		{ "text summary", test_text_summary },
		{ "determinism and seeds", test_determinism },
		{ "--schedule", test_schedule },
		{ "65536 devices", test_device_limit },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "cli", cli },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, pel_t_enter_source_dir, NULL);
}
