/* test_io.c - inputs that are no regular files, inputs too large or too
 * deep, and outputs that cannot be written, through the `pelsim` command.
 *
 * The rules under test (sim/formats/fileio.h): every input is read whole, once,
 * with a cap, so a FIFO, a device or a directory gets an answer at once
 * (never a hang); a NUL byte is named at line:column; a YAML document
 * nested too deep is refused fast; a failed write to stdout or to any
 * output file is one line on stderr and a non-zero status, and leaves no
 * file (nor temporary file) under the final name.
 *
 * PELSIM_BIN is the pelsim of this build and PEL_SOURCE_DIR the source
 * root, where the tests run. */
#include "../sim/studies/sweep.h"
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HEFT "scenarios/papers/topcuoglu2002.yaml"
#define SMALL_SWEEP "tests/data/sweep/small.yaml"
#define FULL "stdout: write error: No space left on device"
#define TOO_LARGE "write error: File too large"

static char tmpdir[512];

/* tmpdir/name in buf. */
static const char *in_tmp(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
	return buf;
}

/* Writes len bytes of data to path; whether it worked (one check). */
static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	ok &= f && !fclose(f);
	CHECK(ok, "%s: cannot write the test input", path);
	return ok;
}

/* The text of the file path (malloc'd; "" when it cannot be read). */
static char *slurp(const char *path)
{
	char *t = pel_t_read_file(path);
	return t ? t : strdup("");
}

/* A child that opens the FIFO path for writing and writes data (len
 * bytes) `times` times, then exits; its pid. */
static pid_t feed_fifo(const char *path, const char *data, size_t len, size_t times)
{
	pid_t pid = fork();
	if (pid)
		return pid;
	signal(SIGPIPE, SIG_DFL);
	int fd = open(path, O_WRONLY);
	for (size_t i = 0; fd >= 0 && i < times; i++)
		for (size_t off = 0; off < len;) {
			ssize_t k = write(fd, data + off, len - off);
			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
	_exit(0);
}

/* Ends the writer of feed_fifo (blocked on open when pelsim never read
 * the FIFO) and reaps it. */
static void reap(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* A new FIFO tmpdir/name (path in buf); whether it was made. */
static int make_fifo(char *buf, size_t n, const char *name)
{
	in_tmp(buf, n, name);
	unlink(buf);
	int ok = !mkfifo(buf, 0600);
	CHECK(ok, "mkfifo %s: %s", buf, strerror(errno));
	return ok;
}

/* Runs pelsim with args while a child writes text (times over) into the
 * FIFO fifo. */
static void run_fed(pel_t_result *r, const char *fifo, const char *text, size_t times, const char *const *args)
{
	pid_t w = feed_fifo(fifo, text, strlen(text), times);
	pel_t_run_argv(r, args);
	reap(w);
}

/* Whether dir holds no file whose name ends in ".tmp" (one check). */
static void check_no_tmp(const char *dir, const char *what)
{
	DIR *d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	char found[256] = "";
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".tmp"))
			snprintf(found, sizeof found, "%s", e->d_name);
	}
	closedir(d);
	CHECK(!*found, "%s: a temporary file is left in %s: %s", what, dir, found);
}

/* ---- inputs ---- */

static void test_dev_zero(void)
{
	static const char *const fmts[] = { "dot", "wfformat", "stg", "etc" };
	pel_t_result r;
	/* cgraph used to spin on it forever */
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
		pel_t_run(&r, "dag", "/dev/zero", "--format", fmts[i]);
		char what[64];
		snprintf(what, sizeof what, "dag /dev/zero --format %s", fmts[i]);
		pel_t_check_one_line_error(&r, what, "pelsim dag: /dev/zero:1:1: expected text, found a NUL byte");
		pel_t_result_free(&r);
	}
	pel_t_run(&r, "dag", "/dev/zero");
	pel_t_check_one_line_error(&r, "dag /dev/zero (detected)", "pelsim dag: /dev/zero:1:1: expected text, found a NUL byte");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", "/dev/zero");
	pel_t_check_one_line_error(&r, "run /dev/zero", "pelsim run: /dev/zero:1:1: expected text, found a NUL byte");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--policy", "fixed:schedule=/dev/zero");
	pel_t_check_one_line_error(&r, "a schedule from /dev/zero", "/dev/zero:1:1: expected text, found a NUL byte");
	pel_t_result_free(&r);
}

static void test_nul_in_dot(void)
{
	char path[600];
	static const char text[] = "digraph g {\n  a -> b;\n  c\0 -> d;\n}\n";
	if (!write_file(in_tmp(path, sizeof path, "nul.dot"), text, sizeof text - 1))
		return;
	char want[700];
	snprintf(want, sizeof want, "pelsim dag: %s:3:4: expected text, found a NUL byte", path);
	pel_t_result r;
	pel_t_run(&r, "dag", path, "--format", "dot");
	pel_t_check_one_line_error(&r, "a NUL byte in DOT", want);
	pel_t_result_free(&r);
	pel_t_run(&r, "dag", path);
	pel_t_check_one_line_error(&r, "a NUL byte in DOT (detected)", want);
	pel_t_result_free(&r);
	unlink(path);
}

static void test_fifo_inputs(void)
{
	char fifo[600], yaml[600];
	pel_t_result r;
	if (!make_fifo(fifo, sizeof fifo, "in.fifo"))
		return;
	static const char dot[] = "digraph g { a -> b; b -> c; }\n";
	/* detecting the format reads the FIFO: the DAG must come from that
	 * one reading (there is no second writer) */
	run_fed(&r, fifo, dot, 1, (const char *const[]){ "dag", fifo, NULL });
	if (pel_t_check_ok(&r, "DOT through a FIFO, format detected"))
		CHECK(strstr(r.out, "tasks          3\n") != NULL, "DOT through a FIFO: expected 3 tasks, found:\n%s", r.out);
	pel_t_result_free(&r);
	run_fed(&r, fifo, dot, 1, (const char *const[]){ "dag", fifo, "--format", "dot", NULL });
	if (pel_t_check_ok(&r, "DOT through a FIFO, --format dot"))
		CHECK(strstr(r.out, "edges          2\n") != NULL, "DOT through a FIFO: expected 2 edges, found:\n%s", r.out);
	pel_t_result_free(&r);
	run_fed(&r, fifo, "2\n0 0 0\n1 5 1 0\n2 3 1 1\n3 0 1 2\n", 1, (const char *const[]){ "dag", fifo, NULL });
	if (pel_t_check_ok(&r, "STG through a FIFO"))
		CHECK(strstr(r.out, "tasks          4\n") != NULL, "STG through a FIFO: expected 4 tasks, found:\n%s", r.out);
	pel_t_result_free(&r);

	/* a scenario: `dag` detects it is none of the DAG formats first */
	char *heft = slurp(HEFT);
	run_fed(&r, fifo, heft, 1, (const char *const[]){ "dag", fifo, NULL });
	if (pel_t_check_ok(&r, "a scenario through a FIFO (dag)"))
		CHECK(strstr(r.out, "tasks          10\n") != NULL, "scenario through a FIFO: expected 10 tasks, found:\n%s", r.out);
	pel_t_result_free(&r);
	run_fed(&r, fifo, heft, 1, (const char *const[]){ "run", fifo, "--policy", "heft", NULL });
	if (pel_t_check_ok(&r, "a scenario through a FIFO (run)"))
		CHECK(strstr(r.out, "makespan     80 s\n") != NULL, "scenario through a FIFO: expected makespan 80, found:\n%s", r.out);
	pel_t_result_free(&r);
	free(heft);

	/* a schedule: one device index per task */
	char spec[700];
	snprintf(spec, sizeof spec, "fixed:schedule=%s", fifo);
	run_fed(&r, fifo, "0 1 2 0 1 2 0 1 2 0\n", 1, (const char *const[]){ "run", HEFT, "--policy", spec, NULL });
	pel_t_check_ok(&r, "a schedule through a FIFO");
	pel_t_result_free(&r);

	/* a trace of arrivals */
	static const char stream[] = "platform:\n  devices:\n    - {name: s, count: 2}\n"
				     "workload: {generate: stream, arrival: trace, trace: in.fifo}\n";
	if (write_file(in_tmp(yaml, sizeof yaml, "trace.yaml"), stream, sizeof stream - 1)) {
		run_fed(&r, fifo, "0 1\n0.5 2\n1 1\n", 1, (const char *const[]){ "dag", yaml, NULL });
		if (pel_t_check_ok(&r, "a trace through a FIFO"))
			CHECK(strstr(r.out, "tasks          3\n") != NULL, "trace through a FIFO: expected 3 tasks, found:\n%s",
			      r.out);
		pel_t_result_free(&r);
		unlink(yaml);
	}
	unlink(fifo);
}

static void test_directories(void)
{
	pel_t_result r;
	pel_t_run(&r, "dag", "tests/data", "--format", "dot");
	pel_t_check_one_line_error(&r, "a folder as DOT", "pelsim dag: tests/data: cannot open: Is a directory");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--policy", "fixed:schedule=tests/data");
	pel_t_check_one_line_error(&r, "a folder as schedule", "tests/data: cannot open: Is a directory");
	pel_t_result_free(&r);
	char yaml[600];
	static const char stream[] = "platform:\n  devices:\n    - {name: s, count: 2}\n"
				     "workload: {generate: stream, arrival: trace, trace: .}\n";
	if (write_file(in_tmp(yaml, sizeof yaml, "dir_trace.yaml"), stream, sizeof stream - 1)) {
		char want[700];
		snprintf(want, sizeof want, "%s/.: cannot open: Is a directory", tmpdir);
		pel_t_run(&r, "run", yaml);
		pel_t_check_one_line_error(&r, "a folder as trace", want);
		pel_t_result_free(&r);
		unlink(yaml);
	}
}

static void test_deep_yaml(void)
{
	/* 100,000 nested flow sequences (200 KB): libyaml's scanner alone
	 * used to take half a minute over it */
	enum { DEPTH = 100000 };
	char path[600];
	char *text = malloc(2 * DEPTH + 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	size_t n = (size_t)sprintf(text, "name: ");
	memset(text + n, '[', DEPTH);
	memset(text + n + DEPTH, ']', DEPTH);
	n += 2 * DEPTH;
	text[n++] = '\n';
	int ok = write_file(in_tmp(path, sizeof path, "deep.yaml"), text, n);
	free(text);
	if (!ok)
		return;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pel_t_result r;
	pel_t_run(&r, "run", path);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	char want[700];
	snprintf(want, sizeof want, "pelsim run: %s:1:262: expected at most 256 nested collections, found more", path);
	pel_t_check_one_line_error(&r, "YAML nested 100,000 deep", want);
	CHECK(s < 1.0, "YAML nested 100,000 deep: expected an answer in under a second, took %.2f s", s);
	pel_t_result_free(&r);
	unlink(path);

	/* 300 levels in a few hundred bytes: caught after loading; 256
	 * levels (the root mapping and 255 lists) are allowed */
	for (int levels = 255; levels <= 299; levels += 44) {
		char small[1024];
		n = (size_t)sprintf(small, "name: ");
		memset(small + n, '[', (size_t)levels);
		memset(small + n + levels, ']', (size_t)levels);
		n += 2 * (size_t)levels;
		small[n++] = '\n';
		if (!write_file(path, small, n))
			return;
		pel_t_run(&r, "run", path);
		if (levels == 255) {
			pel_t_check_one_line_error(&r, "YAML nested 256 deep", "name: expected a single value");
		} else {
			snprintf(want, sizeof want, "pelsim run: %s:1:262: expected at most 256 nested collections, found more",
				 path);
			pel_t_check_one_line_error(&r, "YAML nested 300 deep in 600 bytes", want);
		}
		pel_t_result_free(&r);
	}

	/* block collections, each a level deeper */
	text = malloc(4 * DEPTH + 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	n = 0;
	for (int i = 0; i < DEPTH; i++)
		n += (size_t)sprintf(text + n, "- ");
	n += (size_t)sprintf(text + n, "x\n");
	ok = write_file(path, text, n);
	free(text);
	if (!ok)
		return;
	pel_t_run(&r, "run", path);
	snprintf(want, sizeof want, "pelsim run: %s:1:513: expected at most 256 nested collections, found more", path);
	pel_t_check_one_line_error(&r, "block sequences nested 100,000 deep", want);
	pel_t_result_free(&r);
	unlink(path);
}

static void test_size_caps(void)
{
	char path[600], want[700];
	pel_t_result r;
	/* regular files are refused by their size, before any reading
	 * (sparse files: nothing is written) */
	struct {
		const char *name, *format;
		long long size;
	} big[] = {
		{ "big.dot", "dot", (1LL << 30) + 1 },
		{ "big.yaml", NULL, (64LL << 20) + 1 },
	};
	for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
		in_tmp(path, sizeof path, big[i].name);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int ok = fd >= 0 && !ftruncate(fd, (off_t)big[i].size);
		if (fd >= 0)
			close(fd);
		CHECK(ok, "%s: cannot make a sparse file", path);
		if (!ok)
			continue;
		if (big[i].format)
			pel_t_run(&r, "dag", path, "--format", big[i].format);
		else
			pel_t_run(&r, "run", path);
		snprintf(want, sizeof want, "pelsim %s: %s: expected at most %lld bytes, found %lld", big[i].format ? "dag" : "run", path, big[i].size - 1,
			 big[i].size);
		pel_t_check_one_line_error(&r, big[i].name, want);
		pel_t_result_free(&r);
		unlink(path);
	}
	/* a FIFO is read up to the cap, not to the end of memory */
	char fifo[600];
	if (!make_fifo(fifo, sizeof fifo, "big.fifo"))
		return;
	static char line[4096];
	memset(line, ' ', sizeof line - 2);
	line[0] = '#';
	line[sizeof line - 2] = '\n';
	run_fed(&r, fifo, line, (64 << 20) / (sizeof line - 1) + 2, (const char *const[]){ "run", fifo, NULL });
	/* the first byte past the cap, on lines of sizeof line - 1 bytes */
	size_t cap = 64 << 20, ll = sizeof line - 1;
	snprintf(want, sizeof want, "pelsim run: %s:%zu:%zu: expected at most %zu bytes, found more", fifo, cap / ll + 1,
		 cap % ll + 1, cap);
	pel_t_check_one_line_error(&r, "a YAML FIFO past the cap", want);
	pel_t_result_free(&r);
	unlink(fifo);
}

/* ---- outputs ---- */

/* A finished sweep of SMALL_SWEEP in tmpdir/name (path in buf); whether
 * it ran. */
static int make_sweep(char *buf, size_t n, const char *name)
{
	in_tmp(buf, n, name);
	pel_t_rm_tree(buf);
	pel_t_result r;
	pel_t_run(&r, "sweep", SMALL_SWEEP, "-q", "--out", buf);
	int ok = r.status == 0;
	CHECK(ok, "sweep %s: status %d: %s", SMALL_SWEEP, r.status, r.err);
	pel_t_result_free(&r);
	return ok;
}

static void test_stdout_full(void)
{
	char sweep[600], out[600];
	if (!make_sweep(sweep, sizeof sweep, "full_sweep"))
		return;
	in_tmp(out, sizeof out, "full_out");
	const char *const cases[][8] = {
		{ "run", HEFT, NULL },
		{ "run", HEFT, "--json", NULL },
		{ "run", "--help", NULL },
		{ "sweep", SMALL_SWEEP, "-q", "--out", out, NULL },
		{ "plot", sweep, "--format", "svg", NULL },
		{ "dag", HEFT, NULL },
		{ "dag", "tests/data/workloads/small.dot", "--json", NULL },
		{ "policies", NULL },
		{ "policies", "-v", NULL },
		{ "--help", NULL },
		{ "--version", NULL },
	};
	pel_t_run_opts o = { NULL, "/dev/full", 0 };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char what[256];
		snprintf(what, sizeof what, "pelsim %s %s > /dev/full", cases[i][0], cases[i][1] ? cases[i][1] : "");
		pel_t_result r;
		pel_t_run_with(&r, NULL, &o, cases[i]);
		char want[128];
		if (cases[i][0][0] == '-')
			snprintf(want, sizeof want, "pelsim: " FULL);
		else
			snprintf(want, sizeof want, "pelsim %s: " FULL, cases[i][0]);
		pel_t_check_one_line(&r, 1, what, want);
		pel_t_result_free(&r);
	}
	pel_t_rm_tree(out);
	pel_t_rm_tree(sweep);
}

static void test_full_disk_run_dag(void)
{
	char dir[600], file[700], want[800];
	in_tmp(dir, sizeof dir, "full_run");
	pel_t_rm_tree(dir);
	CU_ASSERT_FATAL(!mkdir(dir, 0700));
	pel_t_run_opts o = { NULL, NULL, 200 }; /* the schedule CSV is some 700 bytes */
	pel_t_result r;

	snprintf(file, sizeof file, "%s/s.csv", dir);
	pel_t_run_with(&r, NULL, &o, (const char *const[]){ "run", HEFT, "--schedule", file, NULL });
	snprintf(want, sizeof want, "pelsim run: --schedule: %s: " TOO_LARGE, file);
	pel_t_check_one_line(&r, 1, "--schedule on a full disk", want);
	CHECK(!pel_t_exists(file), "--schedule on a full disk left %s", file);
	pel_t_result_free(&r);

	snprintf(file, sizeof file, "%s/e.dot", dir);
	pel_t_run_with(&r, NULL, &o, (const char *const[]){ "dag", HEFT, "--export", file, NULL });
	snprintf(want, sizeof want, "pelsim dag: --export: %s: " TOO_LARGE, file);
	pel_t_check_one_line(&r, 1, "--export on a full disk", want);
	CHECK(!pel_t_exists(file), "--export on a full disk left %s", file);
	pel_t_result_free(&r);

	/* the figure goes through pelsim, which sees the failed write that
	 * gnuplot would not report */
	o.fsize_limit = 4096;
	snprintf(file, sizeof file, "%s/g.pdf", dir);
	pel_t_run_with(&r, NULL, &o, (const char *const[]){ "run", HEFT, "--gantt", file, NULL });
	snprintf(want, sizeof want, "pelsim run: --gantt: %s: " TOO_LARGE, file);
	pel_t_check_one_line(&r, 1, "--gantt on a full disk", want);
	CHECK(!pel_t_exists(file), "--gantt on a full disk left %s", file);
	pel_t_result_free(&r);

	/* the same writes without the limit: the files are there, complete */
	snprintf(want, sizeof want, "%s/s.csv", dir);
	pel_t_run(&r, "run", HEFT, "--gantt", file, "--schedule", want);
	pel_t_check_ok(&r, "--gantt and --schedule");
	CHECK(pel_t_exists(file) && pel_t_exists(want), "expected %s and %s", file, want);
	pel_t_result_free(&r);
	check_no_tmp(dir, "run and dag on a full disk");
	pel_t_rm_tree(dir);
}

static void test_full_disk_plot(void)
{
	char sweep[600], file[700], want[800];
	if (!make_sweep(sweep, sizeof sweep, "full_plot"))
		return;
	/* the data files (1 KB each) fit, the figures (12 KB) do not */
	pel_t_run_opts o = { NULL, NULL, 4096 };
	pel_t_result r;
	pel_t_run_with(&r, NULL, &o, (const char *const[]){ "plot", sweep, "--format", "pdf", NULL });
	snprintf(file, sizeof file, "%s/makespan.pdf", sweep);
	snprintf(want, sizeof want, "pelsim plot: %s: " TOO_LARGE, file);
	pel_t_check_one_line(&r, 1, "plot on a full disk", want);
	CHECK(!pel_t_exists(file), "plot on a full disk left %s", file);
	pel_t_result_free(&r);
	/* a data file too large */
	snprintf(file, sizeof file, "%s/makespan.dat", sweep);
	unlink(file);
	o.fsize_limit = 100;
	pel_t_run_with(&r, NULL, &o, (const char *const[]){ "plot", sweep, "--format", "pdf", NULL });
	snprintf(want, sizeof want, "pelsim plot: %s: " TOO_LARGE, file);
	pel_t_check_one_line(&r, 1, "plot data on a full disk", want);
	CHECK(!pel_t_exists(file), "plot on a full disk left %s", file);
	pel_t_result_free(&r);
	check_no_tmp(sweep, "plot on a full disk");
	pel_t_rm_tree(sweep);
}

static void test_full_disk_sweep(void)
{
	char dir[600], want[800], err[1024];
	/* the whole journal of a finished sweep, made by the library as
	 * `pelsim sweep` makes it, so that --resume runs nothing and only
	 * writes the results (runs.csv: some 6.5 KB) */
	in_tmp(dir, sizeof dir, "full_sweep");
	pel_t_rm_tree(dir);
	pel_sweep *p = NULL;
	pel_sweep_job *j = NULL;
	pel_sweep_output out = { dir, 0, NULL, NULL };
	int ok = !pel_sweep_plan(SMALL_SWEEP, NULL, 0, 0, &p, err, sizeof err) &&
		 !pel_sweep_open(p, &out, &j, err, sizeof err) && !pel_sweep_run_inline(j, err, sizeof err);
	CHECK(ok, "a journal of %s: %s", SMALL_SWEEP, err);
	if (j)
		pel_sweep_abandon(j);
	pel_sweep_free(p);
	if (ok) {
		pel_t_run_opts o = { NULL, NULL, 4096 };
		pel_t_result r;
		pel_t_run_with(&r, NULL, &o, (const char *const[]){ "sweep", SMALL_SWEEP, "-q", "--resume", "--out", dir, NULL });
		snprintf(want, sizeof want, "pelsim sweep: %s/runs.csv: " TOO_LARGE, dir);
		pel_t_check_one_line(&r, 1, "sweep results on a full disk", want);
		static const char *const names[] = { "runs.csv", "summary.csv", "axes.csv", "study.csv" };
		for (size_t i = 0; i < 4; i++) {
			char f[700];
			snprintf(f, sizeof f, "%s/%s", dir, names[i]);
			CHECK(!pel_t_exists(f), "sweep on a full disk left %s", f);
		}
		char journal[700];
		snprintf(journal, sizeof journal, "%s/runs.partial.csv", dir);
		CHECK(pel_t_exists(journal), "sweep on a full disk removed its journal %s", journal);
		pel_t_result_free(&r);
		check_no_tmp(dir, "sweep on a full disk");
	}
	pel_t_rm_tree(dir);
}

/* Enters the source tree and makes tmpdir; 0, or -1 with a message. */
static int setup(void)
{
	if (pel_t_enter_source_dir())
		return -1;
	if (!pel_t_tmpdir(tmpdir, sizeof tmpdir, "test-io")) {
		perror(tmpdir);
		return -1;
	}
	return 0;
}

/* Removes tmpdir. */
static void teardown(unsigned failed)
{
	(void)failed;
	pel_t_rm_tree(tmpdir);
}

int main(int argc, char **argv)
{
	static const pel_t_test inputs[] = {
		{ "/dev/zero as every format", test_dev_zero },
		{ "a NUL byte in DOT", test_nul_in_dot },
		{ "FIFOs: DOT, STG, scenario, schedule, trace", test_fifo_inputs },
		{ "folders as inputs", test_directories },
		{ "YAML nested 100,000 deep", test_deep_yaml },
		{ "size caps", test_size_caps },
		{ NULL, NULL },
	};
	static const pel_t_test outputs[] = {
		{ "stdout to /dev/full, every command", test_stdout_full },
		{ "full disk: --schedule, --export, --gantt", test_full_disk_run_dag },
		{ "full disk: plot", test_full_disk_plot },
		{ "full disk: sweep", test_full_disk_sweep },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "inputs", inputs },
		{ "outputs", outputs },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, setup, teardown);
}
