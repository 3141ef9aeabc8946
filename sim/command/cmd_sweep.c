/* cmd_sweep.c - `pelsim sweep`: every point x policy x replication of a
 * scenario's sweep: section, in worker processes or MPI ranks. */
#include "cli.h"
#include "../studies/plugin.h"
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
	"  --policy-lib FILE    load a user policy from a shared object (repeatable)\n"
	"  -q, --quiet          no progress on stderr\n"
	"  -h, --help           this help\n"
	"\n"
	"exit status: 0 done, 1 some run failed (its row says why) or a file could\n"
	"not be written, 2 bad input or usage\n";

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

static void fmt_time(char *buf, size_t n, double s)
{
	if (!(s >= 0) || s > 360000)
		snprintf(buf, n, "--:--");
	else if (s >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", (int)s / 3600, (int)s / 60 % 60, (int)s % 60);
	else
		snprintf(buf, n, "%d:%02d", (int)s / 60, (int)s % 60);
}

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

int pel_cmd_sweep(int argc, char **argv)
{
	pel_cli_command("sweep");
	enum { O_OUT = 256, O_RESUME, O_SET, O_CHECK, O_LIB };
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "out", required_argument, NULL, O_OUT },
		{ "resume", no_argument, NULL, O_RESUME },
		{ "set", required_argument, NULL, O_SET },
		{ "check", no_argument, NULL, O_CHECK },
		{ "policy-lib", required_argument, NULL, O_LIB },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int rank = 0, size = 1, mpi = 0;
#ifdef PEL_HAVE_MPI
	/* only a launch by mpirun initialises MPI */
	if (getenv("OMPI_COMM_WORLD_SIZE")) {
		mpi = 1;
		pel_mpi_init(&argc, &argv, &rank, &size);
	}
#else
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
	/* the other ranks plan silently: rank 0 speaks for all */
	int saved_err = -1;
	if (rank) {
		fflush(stderr);
		saved_err = dup(2);
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 2);
			close(null);
		}
	}
	const char *out = NULL;
	int jobs = 1, resume = 0, check = 0, quiet = 0, c;
	pel_override *sets = calloc((size_t)argc + 1, sizeof *sets);
	size_t nsets = 0;
	int rc = PEL_EXIT_BAD_INPUT;
	pel_sweep *p = NULL;
	pel_sweep_job *j = NULL;
	char err[2048], outbuf[4096];
	if (!sets) {
		pel_say("out of memory");
		goto done;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hj:q", opts, NULL)) != -1) {
		switch (c) {
		case 'j': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || v < 1 || v > 4096) {
				pel_bad_usage("sweep", "-j: expected a number of workers in [1, 4096], found '%s'", optarg);
				goto done;
			}
			jobs = (int)v;
			break;
		}
		case O_OUT:
			if (!*optarg) {
				pel_bad_usage("sweep", "--out: expected a folder, found '%s'", optarg);
				goto done;
			}
			out = optarg;
			break;
		case O_RESUME:
			resume = 1;
			break;
		case O_SET: {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg) {
				pel_bad_usage("sweep", "--set: expected PATH=VALUE, found '%s'", optarg);
				goto done;
			}
			*eq = 0;
			sets[nsets].path = optarg;
			sets[nsets++].value = eq + 1;
			break;
		}
		case O_CHECK:
			check = 1;
			break;
		case O_LIB:
			if (pel_plugin_load(optarg, err, sizeof err)) {
				pel_say("%s", err);
				goto done;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			if (!rank)
				fputs(usage_sweep, stdout);
			rc = 0;
			goto done;
		default:
			pel_unknown_option("sweep", argv, opts);
			goto done;
		}
	}
	if (optind >= argc || !*argv[optind]) {
		pel_bad_usage("sweep", "expected a scenario file, found '%s'", optind < argc ? argv[optind] : "");
		goto done;
	}
	if (optind + 1 < argc) {
		pel_bad_usage("sweep", "expected one scenario file, found a second: '%s'", argv[optind + 1]);
		goto done;
	}
	if (pel_sweep_plan(argv[optind], sets, nsets, check, &p, err, sizeof err)) {
		pel_say("%s", err);
		goto done;
	}
	rc = 0;
done:
	if (saved_err >= 0) {
		fflush(stderr);
		dup2(saved_err, 2);
		close(saved_err);
	}
#ifdef PEL_HAVE_MPI
	if (mpi)
		rc = pel_mpi_agree(rc);
#endif
	if (rc || !p)
		goto out;

	if (!out) {
		default_out(outbuf, sizeof outbuf, pel_sweep_name(p));
		out = outbuf;
	}
	progress g = { .tty = isatty(2), .start = now_s() };
	g.last = g.start;
	pel_sweep_output o = { out, resume, quiet ? NULL : show_progress, &g };
	if (!rank) {
		rc = pel_sweep_open(p, &o, &j, err, sizeof err);
		if (rc)
			pel_say("%s", err);
	}
#ifdef PEL_HAVE_MPI
	if (mpi)
		rc = pel_mpi_agree(rc);
#endif
	if (rc)
		goto out;
	if (!rank && !quiet && pel_sweep_moved(j))
		pel_say("the results of the previous sweep in %s were moved to %s", out, pel_sweep_moved(j));
	int failed;
	if (mpi && size > 1) {
#ifdef PEL_HAVE_MPI
		failed = rank ? pel_mpi_work(p) : pel_mpi_coordinate(j, size, err, sizeof err);
#else
		failed = -1;
#endif
	} else if (mpi) {
		failed = pel_sweep_run_inline(j, err, sizeof err);
	} else {
		failed = pel_sweep_run_local(j, jobs, err, sizeof err);
	}
	if (rank)
		goto out;
	if (g.drawn)
		fputc('\n', stderr);
	if (failed) {
		pel_say("%s (the finished runs are in %s/runs.partial.csv; --resume continues)", err,
			out);
		pel_sweep_abandon(j);
		rc = PEL_EXIT_RUN_FAILED;
		goto out;
	}
	pel_sweep_report r;
	if (pel_sweep_finish(j, &r, err, sizeof err)) {
		pel_say("%s", err);
		rc = PEL_EXIT_RUN_FAILED;
		goto out;
	}
	double el = now_s() - g.start;
	char resumed[64] = "";
	if (r.resumed)
		snprintf(resumed, sizeof resumed, ", %zu from the journal", r.resumed);
	printf("sweep %s: %zu runs (%zu failed%s) in %.*f s: %s, %s\n", pel_sweep_name(p), r.runs, r.failed,
	       resumed, el < 10 ? 2 : 1, el, r.runs_csv, r.summary_csv);
	if (r.failed) {
		pel_say("%zu of %zu runs failed (status and error in runs.csv); first: %s", r.failed,
			r.runs, r.first_failure);
		rc = PEL_EXIT_RUN_FAILED;
	}
out:
	pel_sweep_free(p);
	free(sets);
#ifdef PEL_HAVE_MPI
	if (mpi)
		pel_mpi_finalize();
#endif
	return rc;
}
