/* cmd_sweep.c - `pelsim sweep`: every point x policy x replication of a
 * scenario's sweep: section, in worker processes or MPI ranks. */
#include "cli.h"
#include "../studies/sweep.h"
#ifdef PEL_HAVE_MPI
#include "../studies/sweep_mpi.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_sweep[] =
	"usage: pelsim sweep SCENARIO [OPTIONS]\n"
	"\n"
	"Runs every point of the scenario's sweep: section (its axes combined as a\n"
	"product or zipped) with every policy of sweep.policies, sweep.replications\n"
	"times with derived seeds, and writes DIR/runs.csv (one row per run: point,\n"
	"axis values, policy, replication, seed, status, every metric and the\n"
	"machine's devices, slots and capacity, the sum of speed x slots in flop/s)\n"
	"and DIR/summary.csv (per point and policy: n, the machine, and the mean,\n"
	"standard deviation and 95% confidence half-width of each metric).  Any row\n"
	"is replayed by\n"
	"  pelsim run SCENARIO --set AXIS=VALUE... --seed SEED --policy POLICY\n"
	"Finished runs go to DIR/runs.partial.csv at once; a sweep that was\n"
	"interrupted continues with --resume and ends with the same files.  The\n"
	"journal records a digest of the configuration (the scenario as resolved,\n"
	"the files it reads, --set, policies, seeds, replications, --check);\n"
	"--resume refuses a journal of another one, and refuses to run when there\n"
	"is no journal (nothing to resume).  A sweep started without --resume first\n"
	"moves the results of an earlier sweep in DIR to DIR/previous/.\n"
	"Under mpirun (Open MPI), rank 0 hands the runs out to the other ranks.\n"
	"\n"
	"options:\n"
	"  -j, --jobs N         run N worker processes (default 1)\n"
	"  --out DIR            write the files there (default out/NAME, NAME the\n"
	"                       scenario's name)\n"
	"  --resume             continue the sweep journaled in DIR/runs.partial.csv\n"
	"                       (with the same scenario, --set and --check)\n"
	"  --set PATH=VALUE     override one value of the scenario (as for run);\n"
	"                       repeatable; --set sweep.replications=3 works too\n"
	"  --check              verify each schedule (a bad one fails its run)\n"
	PEL_HELP_POLICY_LIB
	"  -q, --quiet          no progress on stderr\n"
	"  -h, --help           this help\n"
	"\n"
	"exit status: 0 done, 1 some run failed (its row says why) or a file could\n"
	"not be written, 2 bad input or usage\n";

/* Seconds on the monotonic clock. */
static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Progress on stderr: a bar redrawn with \r on a terminal, else a plain
 * line every 10% of the runs, at most one a second (and at least one
 * every 30 s while runs finish). */
typedef struct {
	int tty;
	double start, last;
	size_t last_step;
	int drawn;
} progress;

/* s seconds as M:SS or H:MM:SS ("--:--" when unknown or too long). */
static void fmt_time(char *buf, size_t n, double s)
{
	if (!(s >= 0) || s > 360000)
		snprintf(buf, n, "--:--");
	else if (s >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", (int)s / 3600, (int)s / 60 % 60, (int)s % 60);
	else
		snprintf(buf, n, "%d:%02d", (int)s / 60, (int)s % 60);
}

/* The progress callback of pel_sweep_output (arg: a progress). */
static void show_progress(void *arg, size_t done, size_t total, size_t resumed)
{
	progress *g = arg;
	double t = now_s(), el = t - g->start;
	int last = done == total;
	if (g->tty) {
		if (!last && t - g->last < 0.1)
			return;
		double rate = el > 0 ? (double)(done - resumed) / el : 0;
		char eta[32];
		fmt_time(eta, sizeof eta, rate > 0 ? (double)(total - done) / rate : -1);
		enum { W = 30 };
		char bar[W + 1];
		size_t fill = total ? done * W / total : W;
		for (size_t i = 0; i < W; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[W] = 0;
		fprintf(stderr, "\rsweep [%s] %zu/%zu runs  %.1f runs/s  %s left ", bar, done, total, rate, eta);
		if (last)
			fputc('\n', stderr);
		fflush(stderr);
		g->drawn = !last;
		g->last = t;
		return;
	}
	size_t step = total ? done * 10 / total : 10;
	if (last || (t - g->last >= 1 && (step > g->last_step || t - g->last >= 30))) {
		fprintf(stderr, "sweep: %zu/%zu runs\n", done, total);
		g->last = t;
		g->last_step = step;
	}
}

/* out/NAME, with characters that would make other folders replaced. */
static void default_out(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "out/%s", *name ? name : "sweep");
	for (char *c = buf + 4; *c; c++)
		if (*c == '/' || *c == '\\' || (unsigned char)*c < 0x20)
			*c = '_';
	if (!strcmp(buf, "out/.") || !strcmp(buf, "out/.."))
		snprintf(buf, n, "out/sweep");
}

/* What the command line asks of `pelsim sweep`. */
typedef struct {
	pel_common_opts co;
	const char *out; /* --out, or NULL: out/NAME */
	const char *file; /* the scenario */
	int jobs, resume, check, quiet;
} sweep_args;

/* Reads the options and the scenario's name into a (only rank 0 prints
 * the help); returns -1 to go on, else the exit status. */
static int parse_sweep_args(int argc, char **argv, sweep_args *a, int rank)
{
	enum { O_OUT = 256, O_RESUME, O_CHECK };
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "out", required_argument, NULL, O_OUT },
		{ "resume", no_argument, NULL, O_RESUME },
		{ "set", required_argument, NULL, PEL_OPT_SET },
		{ "check", no_argument, NULL, O_CHECK },
		{ "policy-lib", required_argument, NULL, PEL_OPT_POLICY_LIB },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hj:q", opts, NULL)) != -1) {
		int shared = pel_common_opt(&a->co, c, optarg);
		if (shared < 0)
			return PEL_EXIT_BAD_INPUT;
		if (shared)
			continue;
		switch (c) {
		case 'j': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || v < 1 || v > 4096)
				return pel_bad_usage("sweep", "-j: expected a number of workers in [1, 4096], found '%s'",
						     optarg);
			a->jobs = (int)v;
			break;
		}
		case O_OUT:
			if (!*optarg)
				return pel_bad_usage("sweep", "--out: expected a folder, found '%s'", optarg);
			a->out = optarg;
			break;
		case O_RESUME:
			a->resume = 1;
			break;
		case O_CHECK:
			a->check = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case 'h':
			if (!rank)
				fputs(usage_sweep, stdout);
			return 0;
		default:
			return pel_unknown_option("sweep", argv, opts);
		}
	}
	if (optind >= argc || !*argv[optind])
		return pel_bad_usage("sweep", "expected a scenario file, found '%s'", optind < argc ? argv[optind] : "");
	if (optind + 1 < argc)
		return pel_bad_usage("sweep", "expected one scenario file, found a second: '%s'", argv[optind + 1]);
	a->file = argv[optind];
	return -1;
}

/* Joins the MPI ranks when started by mpirun (a build with MPI), or
 * refuses several ranks (a build without); returns -1 to go on, else the
 * exit status. */
static int start_ranks(int *argc, char ***argv, int *rank, int *size, int *mpi)
{
#ifdef PEL_HAVE_MPI
	/* only a launch by mpirun initialises MPI */
	if (getenv("OMPI_COMM_WORLD_SIZE")) {
		*mpi = 1;
		pel_mpi_init(argc, argv, rank, size);
	}
#else
	(void)argc, (void)argv, (void)rank, (void)size, (void)mpi;
	/* K copies of a whole sweep would fight over one folder */
	const char *ranks = getenv("OMPI_COMM_WORLD_SIZE");
	if (ranks && atoi(ranks) > 1) {
		const char *me = getenv("OMPI_COMM_WORLD_RANK");
		if (!me || !strcmp(me, "0"))
			pel_say("expected a pelsim built with MPI under mpirun -np %s, found one without"
				" (install libopenmpi-dev and build again, or run without mpirun and use -j)", ranks);
		return PEL_EXIT_BAD_INPUT;
	}
#endif
	return -1;
}

/* Sends stderr to /dev/null; returns the saved descriptor (-1: none). */
static int silence_stderr(void)
{
	fflush(stderr);
	int saved = dup(2);
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, 2);
		close(null);
	}
	return saved;
}

/* Gives stderr back its saved descriptor (saved < 0: nothing to do). */
static void restore_stderr(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

/* All ranks agree on the worst status (an MPI launch), else rc itself. */
static int agree(int rc, int mpi)
{
#ifdef PEL_HAVE_MPI
	if (mpi)
		rc = pel_mpi_agree(rc);
#else
	(void)mpi;
#endif
	return rc;
}

/* Runs the runs: handed out to MPI ranks, inline in a single rank, or by
 * jobs local workers.  Returns non-zero with err on failure. */
static int run_runs(pel_sweep *p, pel_sweep_job *j, int jobs, int rank, int size, int mpi, char *err,
		    size_t errlen)
{
	if (mpi && size > 1) {
#ifdef PEL_HAVE_MPI
		return rank ? pel_mpi_work(p) : pel_mpi_coordinate(j, size, err, errlen);
#else
		(void)p, (void)rank;
		return -1;
#endif
	}
	if (mpi)
		return pel_sweep_run_inline(j, err, errlen);
	return pel_sweep_run_local(j, jobs, err, errlen);
}

/* Writes runs.csv and summary.csv and prints the line that names them;
 * returns the exit status (1 when some run failed). */
static int finish(pel_sweep *p, pel_sweep_job *j, double start)
{
	char err[2048];
	pel_sweep_report r;
	if (pel_sweep_finish(j, &r, err, sizeof err)) {
		pel_say("%s", err);
		return PEL_EXIT_RUN_FAILED;
	}
	double el = now_s() - start;
	char resumed[64] = "";
	if (r.resumed)
		snprintf(resumed, sizeof resumed, ", %zu from the journal", r.resumed);
	printf("sweep %s: %zu runs (%zu failed%s) in %.*f s: %s, %s\n", pel_sweep_name(p), r.runs, r.failed,
	       resumed, el < 10 ? 2 : 1, el, r.runs_csv, r.summary_csv);
	if (r.failed) {
		pel_say("%zu of %zu runs failed (status and error in runs.csv); first: %s", r.failed,
			r.runs, r.first_failure);
		return PEL_EXIT_RUN_FAILED;
	}
	return 0;
}

/* Opens the results folder (rank 0), runs the planned sweep and reports
 * it; returns the exit status. */
static int run_planned(pel_sweep *p, const sweep_args *a, int rank, int size, int mpi)
{
	char err[2048], outbuf[4096];
	const char *out = a->out;
	if (!out) {
		default_out(outbuf, sizeof outbuf, pel_sweep_name(p));
		out = outbuf;
	}
	progress g = { .tty = isatty(2), .start = now_s() };
	g.last = g.start;
	pel_sweep_output o = { out, a->resume, a->quiet ? NULL : show_progress, &g };
	pel_sweep_job *j = NULL;
	int rc = 0;
	if (!rank) {
		rc = pel_sweep_open(p, &o, &j, err, sizeof err);
		if (rc)
			pel_say("%s", err);
	}
	rc = agree(rc, mpi);
	if (rc)
		return rc;
	if (!rank && !a->quiet && pel_sweep_moved(j))
		pel_say("the results of the previous sweep in %s were moved to %s", out, pel_sweep_moved(j));
	int failed = run_runs(p, j, a->jobs, rank, size, mpi, err, sizeof err);
	if (rank)
		return rc;
	if (g.drawn)
		fputc('\n', stderr);
	if (failed) {
		pel_say("%s (the finished runs are in %s/runs.partial.csv; --resume continues)", err,
			out);
		pel_sweep_abandon(j);
		return PEL_EXIT_RUN_FAILED;
	}
	return finish(p, j, g.start);
}

int pel_cmd_sweep(int argc, char **argv)
{
	pel_cli_command("sweep");
	int rank = 0, size = 1, mpi = 0;
	int rc = start_ranks(&argc, &argv, &rank, &size, &mpi);
	if (rc >= 0)
		return rc;
	/* the other ranks plan silently: rank 0 speaks for all */
	int saved_err = rank ? silence_stderr() : -1;
	sweep_args a = { .jobs = 1 };
	pel_common_opts_init(&a.co, "sweep", argc);
	pel_sweep *p = NULL;
	char err[2048];
	rc = parse_sweep_args(argc, argv, &a, rank);
	if (rc < 0) {
		rc = PEL_EXIT_BAD_INPUT;
		if (pel_sweep_plan(a.file, a.co.sets, a.co.nsets, a.check, &p, err, sizeof err))
			pel_say("%s", err);
		else
			rc = 0;
	}
	restore_stderr(saved_err);
	rc = agree(rc, mpi);
	if (!rc && p)
		rc = run_planned(p, &a, rank, size, mpi);
	pel_sweep_free(p);
	pel_common_opts_free(&a.co);
#ifdef PEL_HAVE_MPI
	if (mpi)
		pel_mpi_finalize();
#endif
	return rc;
}
