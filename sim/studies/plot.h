/* plot.h - figures with gnuplot: the curves of a sweep (from its
 * summary.csv) and the Gantt chart of one run.
 *
 * pelsim writes the numbers as gnuplot data files and runs one of the
 * templates of plots/ on them (gnuplot -e "name='value'; ..." TEMPLATE),
 * so a figure can be redrawn or restyled by hand from its data file.  The
 * templates are looked up in $PELSIM_PLOTS, else in the folder built in
 * (PEL_PLOTS_DIR: the source tree's plots/). */
#ifndef PEL_PLOT_H
#define PEL_PLOT_H

#include "../simulation/simulate.h"

#include <stddef.h>

/* Statuses returned by the functions below: they are also the exit
 * statuses of the pelsim commands. */
enum { PEL_PLOT_OK = 0, PEL_PLOT_GNUPLOT_FAILED = 1, PEL_PLOT_BAD_INPUT = 2 };

typedef enum { PEL_PLOT_PDF, PEL_PLOT_PNG, PEL_PLOT_SVG } pel_plot_format;

/* "pdf", "png" or "svg" -> *f; returns 0, or -1 for anything else. */
int pel_plot_format_parse(const char *name, pel_plot_format *f);
/* The format a file name asks for by its extension (.pdf, .png, .svg,
 * any case); returns 0, or -1 for another extension or none. */
int pel_plot_format_of_path(const char *path, pel_plot_format *f);
/* "pdf", "png" or "svg". */
const char *pel_plot_format_name(pel_plot_format f);

/* The folder of the templates: $PELSIM_PLOTS when set and not empty,
 * else PEL_PLOTS_DIR. */
const char *pel_plot_templates(void);

/* One parameter of a template: name='value' (a gnuplot string), or
 * name=value when number is set (value is then a number as text). */
typedef struct {
	const char *name;
	const char *value;
	int number;
} pel_plot_param;

/* Runs gnuplot on NAME.gp of the templates folder, with fmt and outfile
 * set and the parameters given; the figure comes through gnuplot's stdout
 * and is written to outfile under a temporary name, renamed once complete
 * (sim/formats/fileio.h).  Returns PEL_PLOT_OK; PEL_PLOT_BAD_INPUT when the
 * template or gnuplot cannot be found or outfile cannot be created;
 * PEL_PLOT_GNUPLOT_FAILED when gnuplot exits with an error or writes
 * nothing, err holding one line with what gnuplot said, or when writing
 * outfile fails ("OUTFILE: write error: REASON"); outfile is then not
 * there. */
int pel_plot_gnuplot(const char *name, const pel_plot_param *params, size_t nparams,
		     const char *outfile, pel_plot_format f, char *err, size_t errlen);

/* ---- sweeps ---- */

/* One row of summary.csv: a (point, policy) pair. */
typedef struct {
	long point;
	char **axis;        /* naxes values, as written */
	char *policy;
	double slots, devices, n;  /* NaN when the column is absent */
	double capacity;    /* sum of speed * slots (flop/s); NaN when absent */
	double *mean, *ci;  /* per metric (pel_summary.metrics); NaN when empty */
} pel_summary_row;

typedef struct {
	char *path;
	char **axes;        /* the sweep axes, as in the header */
	char **labels;      /* per axis: its name in figures (axes.csv beside the
			     * summary, from sweep.labels), or NULL */
	size_t naxes;
	const char *const *metrics; /* the known metrics, nmetrics of them */
	size_t nmetrics;
	int *has_metric;    /* per metric: its _mean column is present */
	int has_capacity;   /* the capacity column is present (older sweeps lack it) */
	int weak;           /* a weak-scaling study (study.csv beside the summary
			     * says scaling,weak; sweep.scaling) */
	pel_summary_row *rows;
	size_t nrows;
} pel_summary;

/* Reads DIR/summary.csv as `pelsim sweep` writes it: a header line
 * (point, one column per axis, policy, n, devices, slots, capacity, then
 * M_mean, M_sd, M_ci95 per metric), then one row per point and policy.
 * Columns needed: point, at least one axis, policy, slots, makespan_mean,
 * makespan_ci95 (capacity is optional: sweeps before it lack it); unknown
 * columns are ignored.  Cells of slots, capacity and the metrics may be
 * empty (a metric that does not apply, a row whose runs all failed), but
 * at least one row must have a makespan.
 * Before it, refuses a folder whose results are not whole (results.h: a
 * journal of an unfinished sweep); after it, reads study.csv and axes.csv
 * strictly and checks the rows against the counts study.csv records.
 * Returns NULL with one line in err ("file:line: column: expected ...,
 * found ...") when it is missing, malformed or incomplete. */
pel_summary *pel_summary_read(const char *path, char *err, size_t errlen);
void pel_summary_free(pel_summary *s);

/* Draws the figures of the sweep whose summary is s into outdir (which
 * must exist), as NAME.FORMAT beside its data NAME.dat:
 *   makespan     makespan against the first axis, one line per policy
 *   speedup      T(first point) / T(point) per policy (the first point
 *                with a makespan), and the ideal C(point) / C(first)
 *   efficiency   speedup * C(first point) / C(point)
 *   slr          SLR against the first axis
 *   compare_makespan   bars: makespan per policy at each point
 * where C is the capacity (sum of speed * slots: on a CPU+GPU machine a GPU
 * slot counts for what it can do, not as one core), or the slots for a
 * summary without capacity.  speedup and efficiency only when C changes
 * along the first axis, slr only when the summary has SLR values.  Policies are split further by
 * any other axis whose value does not follow from the first one's.
 * Calls wrote(path, arg) for each file written, data files included.
 * Returns a PEL_PLOT_ status, err holding one line when not OK. */
int pel_plot_sweep(const pel_summary *s, const char *outdir, pel_plot_format f,
		   void (*wrote)(const char *path, void *arg), void *arg, char *err, size_t errlen);

/* ---- one run ---- */

/* Draws the Gantt chart of the run r of model m into path (one row per
 * device slot, tasks coloured by kind, transfers when r recorded them);
 * title may be NULL.  Data files go to a temporary folder, removed after.
 * Returns a PEL_PLOT_ status, err holding one line when not OK. */
int pel_plot_gantt(const pel_model *m, const pel_sim_result *r, const char *title, const char *path,
		   pel_plot_format f, char *err, size_t errlen);

#endif
