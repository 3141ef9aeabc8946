/* cmd_plot.c - `pelsim plot`: the figures of a sweep, with gnuplot. */
#include "../../common/alloc.h"
#include "cli.h"
#include "../studies/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_plot[] =
	"usage: pelsim plot DIR [OPTIONS]\n"
	"\n"
	"Draws the figures of a sweep from DIR/summary.csv (pelsim sweep writes it)\n"
	"with gnuplot, the 95% confidence interval of every mean as an error bar:\n"
	"  makespan          makespan against the first sweep axis, one line per policy\n"
	"  speedup           strong-scaling speedup T(first point) / T(point) per\n"
	"                    policy, beside the ideal C(point) / C(first point)\n"
	"  efficiency        parallel efficiency: speedup x C(first) / C(point)\n"
	"For a weak-scaling study (sweep.scaling: weak, recorded in DIR/study.csv,\n"
	"or --scaling weak), efficiency is T(first point) / T(point) (ideal 1) and\n"
	"speedup the scaled speedup, efficiency x C(point) / C(first point).\n"
	"  slr               SLR against the first axis\n"
	"  compare_makespan  bars: the policies side by side at each point\n"
	"C is the machine's capacity, the sum of speed x slots over its devices (a\n"
	"GPU slot counts for what it can do, not as one core); for a summary without\n"
	"a capacity column, the number of slots.  speedup and efficiency are drawn\n"
	"when C changes along the first axis, slr when the summary has SLR values.\n"
	"A policy gets one line per value of any other axis that does not follow\n"
	"from the first one.  Each figure NAME.FORMAT has its data beside it in\n"
	"NAME.dat (and NAME.ideal.dat), to redraw it by hand with the templates of\n"
	"plots/.  Prints the paths it wrote, one per line.\n"
	"\n"
	"options:\n"
	"  --format FMT   pdf (vector, the default), png or svg\n"
	"  --out DIR2     write into DIR2 (made when missing) instead of DIR\n"
	"  --scaling K    strong or weak: the kind of study, whatever DIR/study.csv says\n"
	"  -h, --help     this help\n"
	"\n"
	"environment: PELSIM_PLOTS names the folder of the gnuplot templates\n"
	"(default: the plots/ folder of pelsim's sources).\n"
	"\n"
	"DIR must hold a finished sweep: plot refuses a folder with the journal of an\n"
	"unfinished one (runs.partial.csv), fewer rows than study.csv counts, or a\n"
	"malformed study.csv or axes.csv.\n"
	"\n"
	"exit status: 0 done, 1 gnuplot failed, 2 bad input or usage (no, a\n"
	"malformed or an incomplete summary.csv, no gnuplot)\n";

/* mkdir -p: makes dir and its missing parents; returns 0 or -1 (errno). */
static int make_dirs(const char *dir)
{
	char p[4096];
	snprintf(p, sizeof p, "%s", dir);
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = 0;
		if (mkdir(p, 0777) && errno != EEXIST)
			return -1;
		*c = '/';
	}
	if (mkdir(p, 0777) && errno != EEXIST)
		return -1;
	return 0;
}

/* The files written, printed once all of them are. */
typedef struct {
	char **v;
	size_t n;
} written;

/* The pel_plot_sweep callback: keeps a copy of each path written. */
static void note_path(const char *path, void *arg)
{
	written *w = arg;
	w->v = pel_xreallocarray(w->v, w->n + 1, sizeof *w->v);
	w->v[w->n++] = pel_xstrdup(path);
}

/* What the command line asks of `pelsim plot`. */
typedef struct {
	pel_plot_format fmt;
	const char *out; /* --out, or NULL: the sweep's folder */
	int weak; /* -1: as study.csv says */
	const char *dir; /* the sweep's folder */
} plot_args;

/* Reads the options and the folder's name into a; returns -1 to go on,
 * else the exit status (--help, bad usage). */
static int parse_plot_args(int argc, char **argv, plot_args *a)
{
	enum { O_FORMAT = 256, O_OUT, O_SCALING };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "out", required_argument, NULL, O_OUT },
		{ "scaling", required_argument, NULL, O_SCALING },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			if (pel_plot_format_parse(optarg, &a->fmt))
				return pel_bad_usage("plot", "--format: expected pdf, png or svg, found '%s'", optarg);
			break;
		case O_SCALING:
			if (strcmp(optarg, "strong") && strcmp(optarg, "weak"))
				return pel_bad_usage("plot", "--scaling: expected strong or weak, found '%s'", optarg);
			a->weak = !strcmp(optarg, "weak");
			break;
		case O_OUT:
			if (!*optarg)
				return pel_bad_usage("plot", "--out: expected a folder, found '%s'", optarg);
			a->out = optarg;
			break;
		case 'h':
			fputs(usage_plot, stdout);
			return 0;
		default:
			return pel_unknown_option("plot", argv, opts);
		}
	}
	if (optind >= argc)
		return pel_bad_usage("plot", "%s", "expected the folder of a sweep, found none");
	if (!*argv[optind])
		return pel_bad_usage("plot", "%s", "expected the folder of a sweep, found ''");
	if (optind + 1 < argc)
		return pel_bad_usage("plot", "expected one folder, found a second: '%s'", argv[optind + 1]);
	a->dir = argv[optind];
	return -1;
}

/* Makes the output folder out when missing; returns 0, or the exit status
 * after its message. */
static int make_out(const char *out)
{
	struct stat st;
	errno = 0;
	if (make_dirs(out)) {
		pel_say("--out: expected a folder that can be made, found '%s' (%s)", out, strerror(errno));
		return PEL_EXIT_BAD_INPUT;
	}
	if (stat(out, &st) || !S_ISDIR(st.st_mode)) {
		pel_say("--out: expected a folder, found '%s' (%s)", out,
			errno == EEXIST ? "not a folder" : strerror(errno));
		return PEL_EXIT_BAD_INPUT;
	}
	return 0;
}

int pel_cmd_plot(int argc, char **argv)
{
	pel_cli_command("plot");
	plot_args a = { .fmt = PEL_PLOT_PDF, .out = NULL, .weak = -1 };
	int rc = parse_plot_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	char path[4096], err[2048];
	size_t l = strlen(a.dir);
	snprintf(path, sizeof path, "%s%ssummary.csv", a.dir, l && a.dir[l - 1] == '/' ? "" : "/");
	pel_summary *s = pel_summary_read(path, err, sizeof err);
	if (!s) {
		pel_say("%s", err);
		return PEL_EXIT_BAD_INPUT;
	}
	if (a.weak >= 0)
		s->weak = a.weak;
	const char *out = a.out ? a.out : a.dir;
	if (make_out(out)) {
		pel_summary_free(s);
		return PEL_EXIT_BAD_INPUT;
	}
	written w = { NULL, 0 };
	rc = pel_plot_sweep(s, out, a.fmt, note_path, &w, err, sizeof err);
	pel_summary_free(s);
	if (rc)
		pel_say("%s", err);
	for (size_t i = 0; i < w.n; i++) {
		if (!rc)
			printf("%s\n", w.v[i]);
		free(w.v[i]);
	}
	free(w.v);
	return rc;
}
