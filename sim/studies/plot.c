/* plot.c - figures with gnuplot: summary.csv -> data files -> templates. */
#include "plot.h"

#include "../../common/alloc.h"
#include "../formats/csv.h"
#include "results.h"
#include "../formats/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PEL_PLOTS_DIR
#define PEL_PLOTS_DIR "plots"
#endif

extern char **environ;

static const char *const metric_names[] = {
	"makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound", "bytes_moved",
	"transfers", "events", "resp_mean", "resp_p95", "resp_p99", "throughput",
};
enum { NMETRICS = sizeof metric_names / sizeof *metric_names, M_MAKESPAN = 0, M_SLR = 1 };

static void say(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
}

/* ---- formats and templates ---- */

static const char *const format_names[] = { "pdf", "png", "svg" };

int pel_plot_format_parse(const char *name, pel_plot_format *f)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, format_names[i])) {
			*f = (pel_plot_format)i;
			return 0;
		}
	return -1;
}

int pel_plot_format_of_path(const char *path, pel_plot_format *f)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash) || dot == path || dot[-1] == '/')
		return -1;
	for (int i = 0; i < 3; i++)
		if (!strcasecmp(dot + 1, format_names[i])) {
			*f = (pel_plot_format)i;
			return 0;
		}
	return -1;
}

const char *pel_plot_format_name(pel_plot_format f)
{
	return format_names[f];
}

const char *pel_plot_templates(void)
{
	const char *dir = getenv("PELSIM_PLOTS");
	return dir && *dir ? dir : PEL_PLOTS_DIR;
}

/* s as a gnuplot single-quoted string: '' for a quote; control characters
 * (which would end the command) become '?'. */
static void buf_gp_string(pel_strbuf *b, const char *s)
{
	pel_strbuf_add(b, "'", 1);
	for (; *s; s++) {
		if (*s == '\'')
			pel_strbuf_add(b, "''", 2);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			pel_strbuf_add(b, "?", 1);
		else
			pel_strbuf_add(b, s, 1);
	}
	pel_strbuf_add(b, "'", 1);
}

/* s made safe inside a double-quoted string of a gnuplot data file or
 * command: double quotes and backslashes become single quotes and
 * slashes, control characters '?'. */
static void put_dq(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' : *s == '\\' ? '/' : ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
	fputc('"', f);
}

static void buf_dq(pel_strbuf *b, const char *s)
{
	pel_strbuf_add(b, "\"", 1);
	for (; *s; s++) {
		char c = *s == '"' ? '\'' : *s == '\\' ? '/' : ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
		pel_strbuf_add(b, &c, 1);
	}
	pel_strbuf_add(b, "\"", 1);
}

/* ---- running gnuplot ---- */

/* The line of gnuplot's stderr that says what went wrong: the last one
 * naming a line of a script, else the last that is not blank. */
static void gnuplot_reason(const char *out, char *line, size_t n)
{
	const char *best = NULL, *last = NULL;
	size_t best_len = 0, last_len = 0;
	for (const char *p = out; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *a = p;
		size_t k = len;
		while (k && (*a == ' ' || *a == '\t' || *a == '\r')) {
			a++;
			k--;
		}
		while (k && (a[k - 1] == ' ' || a[k - 1] == '\t' || a[k - 1] == '\r'))
			k--;
		/* gnuplot's caret line under the command ("^") says nothing */
		if (k && strspn(a, "^ \t") < k) {
			last = a;
			last_len = k;
			if (strstr(a, "line ") && (size_t)(strstr(a, "line ") - a) < k) {
				best = a;
				best_len = k;
			}
		}
		p = e ? e + 1 : p + len;
	}
	if (!best) {
		best = last;
		best_len = last_len;
	}
	if (!best)
		snprintf(line, n, "no message");
	else
		snprintf(line, n, "%.*s", (int)(best_len > 400 ? 400 : best_len), best);
}

/* Reads gnuplot's stdout (the figure, into fig unless a write to it
 * failed already) and stderr (the first 64 KiB, into msg) until both end. */
static void drain_gnuplot(int out, int errfd, pel_outfile *fig, pel_strbuf *msg)
{
	struct pollfd fds[2] = { { out, POLLIN, 0 }, { errfd, POLLIN, 0 } };
	int open_fds = 2;
	while (open_fds) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			char chunk[65536];
			ssize_t k = read(fds[i].fd, chunk, sizeof chunk);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				fds[i].fd = -1;
				open_fds--;
			} else if (i == 0 && !ferror(fig->f)) {
				fwrite(chunk, 1, (size_t)k, fig->f);
			} else if (i == 1 && msg->n < 65536) {
				pel_strbuf_add(msg, chunk, (size_t)k);
			}
		}
	}
}

int pel_plot_gnuplot(const char *name, const pel_plot_param *params, size_t nparams,
		     const char *outfile, pel_plot_format f, char *err, size_t errlen)
{
	char script[4096];
	snprintf(script, sizeof script, "%s/%s.gp", pel_plot_templates(), name);
	if (access(script, R_OK)) {
		say(err, errlen, "%s: expected the gnuplot template %s.gp, found none (%s); PELSIM_PLOTS names the folder of the templates",
		    script, name, strerror(errno));
		return PEL_PLOT_BAD_INPUT;
	}
	/* gnuplot writes the figure to its stdout, which pelsim writes to a
	 * temporary file renamed once complete: every write is checked (gnuplot
	 * exits 0 on a full disk) and a failed or killed run leaves no partial
	 * figure */
	pel_outfile fig;
	char msg[1024];
	if (pel_out_open(&fig, outfile, msg, sizeof msg)) {
		say(err, errlen, "expected a file that can be written, found '%s' (%s)", outfile, strerror(errno));
		return PEL_PLOT_BAD_INPUT;
	}
	pel_strbuf cmd = { 0 };
	pel_strbuf_printf(&cmd, "fmt='%s'; outfile='/dev/stdout'", format_names[f]);
	for (size_t i = 0; i < nparams; i++) {
		pel_strbuf_printf(&cmd, "; %s=", params[i].name);
		if (params[i].number)
			pel_strbuf_printf(&cmd, "%s", params[i].value);
		else
			buf_gp_string(&cmd, params[i].value);
	}
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	if (pipe(po) || pipe(pe)) {
		say(err, errlen, "gnuplot: cannot make a pipe (%s)", strerror(errno));
		for (int i = 0; i < 2; i++) {
			if (po[i] >= 0)
				close(po[i]);
			if (pe[i] >= 0)
				close(pe[i]);
		}
		free(cmd.s);
		pel_out_discard(&fig);
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	posix_spawn_file_actions_addclose(&fa, po[1]);
	posix_spawn_file_actions_addclose(&fa, pe[1]);
	char *argv[] = { "gnuplot", "-e", cmd.s, script, NULL };
	pid_t pid;
	int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	free(cmd.s);
	if (rc) {
		close(po[0]);
		close(pe[0]);
		if (rc == ENOENT)
			say(err, errlen, "gnuplot: expected gnuplot on the PATH, found none (Debian: apt-get install gnuplot-nox)");
		else
			say(err, errlen, "gnuplot: cannot be run (%s)", strerror(rc));
		pel_out_discard(&fig);
		return PEL_PLOT_BAD_INPUT;
	}
	pel_strbuf out = { 0 };
	pel_strbuf_add(&out, "", 0);
	drain_gnuplot(po[0], pe[0], &fig, &out);
	close(po[0]);
	close(pe[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	char reason[512];
	gnuplot_reason(out.s, reason, sizeof reason);
	free(out.s);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		if (WIFEXITED(st))
			say(err, errlen, "gnuplot failed on %s (exit status %d): %s", script, WEXITSTATUS(st), reason);
		else
			say(err, errlen, "gnuplot failed on %s (killed by signal %d)", script,
			    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		pel_out_discard(&fig);
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	if (!ferror(fig.f) && ftello(fig.f) == 0) {
		say(err, errlen, "gnuplot wrote nothing to %s from %s: %s", outfile, script, reason);
		pel_out_discard(&fig);
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	if (pel_out_commit(&fig, err, errlen))
		return PEL_PLOT_GNUPLOT_FAILED;
	return PEL_PLOT_OK;
}

/* ---- summary.csv ---- */

static int parse_number(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || end == s || errno == ERANGE)
		return -1;
	*out = v;
	return 0;
}

void pel_summary_free(pel_summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nrows; i++) {
		for (size_t a = 0; a < s->naxes; a++)
			free(s->rows[i].axis[a]);
		free(s->rows[i].axis);
		free(s->rows[i].policy);
		free(s->rows[i].mean);
		free(s->rows[i].ci);
	}
	free(s->rows);
	for (size_t a = 0; a < s->naxes; a++) {
		free(s->axes[a]);
		if (s->labels)
			free(s->labels[a]);
	}
	free(s->axes);
	free(s->labels);
	free(s->has_metric);
	free(s->path);
	free(s);
}

static long find_col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i], name))
			return (long)i;
	return -1;
}

/* The folder of a summary's path ("." for none) into buf. */
static const char *summary_dir(const char *path, char *buf, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(buf, n, ".");
	else
		snprintf(buf, n, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	return buf;
}

pel_summary *pel_summary_read(const char *path, char *err, size_t errlen)
{
	/* an unfinished sweep first: what its folder holds is not its result */
	char dir[4096];
	summary_dir(path, dir, sizeof dir);
	if (pel_results_finished(dir, err, errlen))
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f) {
		say(err, errlen, "%s: expected the summary of a sweep (pelsim sweep writes it), found none (%s)", path,
		    strerror(errno));
		return NULL;
	}
	pel_summary *s = pel_xcalloc(1, sizeof *s);
	s->path = pel_xstrdup(path);
	s->metrics = metric_names;
	s->nmetrics = NMETRICS;
	s->has_metric = pel_xcalloc(NMETRICS, sizeof *s->has_metric);
	char *line = NULL, **fld = NULL, **head = NULL;
	size_t linecap = 0, fcap = 0, nhead = 0, rowcap = 0;
	long col_policy = -1, col_slots = -1, col_cap = -1, col_dev = -1, col_n = -1, col_mean[NMETRICS],
	     col_ci[NMETRICS];
	unsigned lineno = 0;
	int ok = 0;
	ssize_t len;
	while ((len = getline(&line, &linecap, f)) >= 0) {
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (lineno > 1 && !len)
			continue;
		int open;
		long nf = (long)pel_csv_split(line, &fld, &fcap, &open);
		if (open) {
			say(err, errlen, "%s:%u: expected a closing quote, found the end of the line", path, lineno);
			goto out;
		}
		if (lineno == 1) {
			if (!len) {
				say(err, errlen, "%s:1: expected a header line (point,AXIS...,policy,...), found an empty line", path);
				goto out;
			}
			nhead = (size_t)nf;
			head = pel_xcalloc(nhead, sizeof *head);
			for (size_t i = 0; i < nhead; i++)
				head[i] = pel_xstrdup(fld[i]);
			if (strcmp(head[0], "point")) {
				say(err, errlen, "%s:1: expected the first column to be 'point', found '%s'", path, head[0]);
				goto out;
			}
			col_policy = find_col(head, nhead, "policy");
			if (col_policy < 0) {
				say(err, errlen, "%s:1: expected a column 'policy', found none", path);
				goto out;
			}
			if (col_policy == 1) {
				say(err, errlen, "%s:1: expected at least one sweep axis between 'point' and 'policy', found none",
				    path);
				goto out;
			}
			s->naxes = (size_t)col_policy - 1;
			s->axes = pel_xcalloc(s->naxes, sizeof *s->axes);
			for (size_t a = 0; a < s->naxes; a++)
				s->axes[a] = pel_xstrdup(head[a + 1]);
			col_slots = find_col(head, nhead, "slots");
			col_cap = find_col(head, nhead, "capacity");
			s->has_capacity = col_cap >= 0;
			col_dev = find_col(head, nhead, "devices");
			col_n = find_col(head, nhead, "n");
			for (size_t m = 0; m < NMETRICS; m++) {
				char name[64];
				snprintf(name, sizeof name, "%s_mean", metric_names[m]);
				col_mean[m] = find_col(head, nhead, name);
				snprintf(name, sizeof name, "%s_ci95", metric_names[m]);
				col_ci[m] = find_col(head, nhead, name);
				s->has_metric[m] = col_mean[m] >= 0;
			}
			const char *need = col_slots < 0 ? "slots" : col_mean[M_MAKESPAN] < 0 ? "makespan_mean" :
					   col_ci[M_MAKESPAN] < 0 ? "makespan_ci95" : NULL;
			if (need) {
				say(err, errlen, "%s:1: expected a column '%s', found none", path, need);
				goto out;
			}
			continue;
		}
		if ((size_t)nf != nhead) {
			say(err, errlen, "%s:%u: expected %zu fields as in the header, found %ld", path, lineno, nhead, nf);
			goto out;
		}
		if (s->nrows == rowcap) {
			rowcap = rowcap ? rowcap * 2 : 16;
			s->rows = pel_xreallocarray(s->rows, rowcap, sizeof *s->rows);
		}
		pel_summary_row *r = &s->rows[s->nrows++];
		memset(r, 0, sizeof *r);
		r->axis = pel_xcalloc(s->naxes, sizeof *r->axis);
		for (size_t a = 0; a < s->naxes; a++)
			r->axis[a] = pel_xstrdup(fld[a + 1]);
		r->policy = pel_xstrdup(fld[col_policy]);
		r->mean = pel_xcalloc(NMETRICS, sizeof *r->mean);
		r->ci = pel_xcalloc(NMETRICS, sizeof *r->ci);
		char *end;
		errno = 0;
		r->point = strtol(fld[0], &end, 10);
		if (!*fld[0] || *end || errno || r->point < 0) {
			say(err, errlen, "%s:%u: point: expected a non-negative integer, found '%s'", path, lineno, fld[0]);
			goto out;
		}
		if (!*r->policy) {
			say(err, errlen, "%s:%u: policy: expected a policy name, found ''", path, lineno);
			goto out;
		}
		/* empty slots, capacity and metrics: every run of the row failed */
		const long pos_cols[2] = { col_slots, col_cap };
		double *pos_vals[2] = { &r->slots, &r->capacity };
		for (int k = 0; k < 2; k++) {
			*pos_vals[k] = NAN;
			long c = pos_cols[k];
			if (c >= 0 && *fld[c] && (parse_number(fld[c], pos_vals[k]) || !(*pos_vals[k] > 0) ||
						  isinf(*pos_vals[k]))) {
				say(err, errlen, "%s:%u: %s: expected a positive number or an empty cell, found '%s'",
				    path, lineno, head[c], fld[c]);
				goto out;
			}
		}
		const long opt_cols[2] = { col_dev, col_n };
		double *opt_vals[2] = { &r->devices, &r->n };
		for (int k = 0; k < 2; k++) {
			*opt_vals[k] = NAN;
			long c = opt_cols[k];
			if (c >= 0 && *fld[c] && parse_number(fld[c], opt_vals[k])) {
				say(err, errlen, "%s:%u: %s: expected a number, found '%s'", path, lineno, head[c], fld[c]);
				goto out;
			}
		}
		for (size_t m = 0; m < NMETRICS; m++) {
			const long cols[2] = { col_mean[m], col_ci[m] };
			double *vals[2] = { &r->mean[m], &r->ci[m] };
			for (int k = 0; k < 2; k++) {
				*vals[k] = NAN;
				long c = cols[k];
				if (c < 0)
					continue;
				if (*fld[c] && parse_number(fld[c], vals[k])) {
					say(err, errlen, "%s:%u: %s: expected a number or an empty cell, found '%s'", path,
					    lineno, head[c], fld[c]);
					goto out;
				}
			}
		}
	}
	if (lineno == 0) {
		say(err, errlen, "%s:1: expected a header line (point,AXIS...,policy,...), found an empty file", path);
		goto out;
	}
	if (ferror(f)) {
		say(err, errlen, "%s:%u: cannot be read (%s)", path, lineno, strerror(errno));
		goto out;
	}
	if (!s->nrows) {
		say(err, errlen, "%s:%u: expected at least one row after the header, found none", path, lineno + 1);
		goto out;
	}
	size_t finished = 0;
	for (size_t i = 0; i < s->nrows; i++)
		finished += isfinite(s->rows[i].mean[M_MAKESPAN]);
	if (!finished) {
		say(err, errlen, "%s: makespan_mean: expected a value in at least one row, found none (every run failed?)",
		    path);
		goto out;
	}
	pel_study st;
	if (pel_study_read(dir, &st, err, errlen) || pel_results_whole(dir, &st, s->nrows, err, errlen))
		goto out;
	s->weak = st.weak;
	s->labels = pel_xcalloc(s->naxes, sizeof *s->labels);
	if (pel_axes_read(dir, s->axes, s->naxes, s->labels, err, errlen))
		goto out;
	ok = 1;
out:
	for (size_t i = 0; i < nhead; i++)
		free(head[i]);
	free(head);
	free(fld);
	free(line);
	fclose(f);
	if (!ok) {
		pel_summary_free(s);
		return NULL;
	}
	return s;
}

/* ---- the shape of a sweep: x values and series ---- */

typedef struct {
	char *title;
	size_t *rows;      /* row indices in point order */
	size_t n;
} series;

typedef struct {
	const pel_summary *s;
	size_t *order;     /* row indices sorted by point (stable) */
	char **xs;         /* distinct values of the first axis, first-seen order */
	double *xv;        /* their numbers (numeric) or their index */
	size_t nx;
	size_t *row_x;     /* per row: its x index */
	int numeric;       /* every x is a number */
	int logx;
	double xlo, xhi;   /* plotting range */
	series *ser;
	size_t nser;
	double *dodge;     /* per series: xplot = f(x, dodge) */
} shape;

typedef struct {
	long point;
	size_t row;
} point_row;

static int cmp_point(const void *a, const void *b)
{
	const point_row *x = a, *y = b;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The x axis label of a sweep axis. */
static void axis_label(const char *axis, char *out, size_t n)
{
	int entry;
	char tail[16];
	if (sscanf(axis, "platform.devices.%d.%15s", &entry, tail) == 2 && !strcmp(tail, "count"))
		snprintf(out, n, "devices of entry %d (count)", entry);
	else if (!strcmp(axis, "workload.ccr"))
		snprintf(out, n, "CCR");
	else if (!strcmp(axis, "workload.tasks"))
		snprintf(out, n, "tasks");
	else if (!strcmp(axis, "workload.beta"))
		snprintf(out, n, "heterogeneity (beta)");
	else
		snprintf(out, n, "%s", axis);
}

/* A short name of an axis, for series titles. */
static void axis_short(const char *axis, char *out, size_t n)
{
	int entry;
	char tail[16];
	if (sscanf(axis, "platform.devices.%d.%15s", &entry, tail) == 2 && !strcmp(tail, "count"))
		snprintf(out, n, "devices.%d", entry);
	else if (!strcmp(axis, "workload.ccr"))
		snprintf(out, n, "CCR");
	else {
		const char *dot = strrchr(axis, '.');
		snprintf(out, n, "%s", dot ? dot + 1 : axis);
	}
}

static void shape_free(shape *sh)
{
	for (size_t i = 0; i < sh->nser; i++) {
		free(sh->ser[i].title);
		free(sh->ser[i].rows);
	}
	free(sh->ser);
	free(sh->dodge);
	free(sh->order);
	free(sh->xs);
	free(sh->xv);
	free(sh->row_x);
}

static void shape_build(const pel_summary *s, shape *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->s = s;
	size_t n = s->nrows;
	point_row *pr = pel_xcalloc(n, sizeof *pr);
	for (size_t i = 0; i < n; i++)
		pr[i] = (point_row){ s->rows[i].point, i };
	qsort(pr, n, sizeof *pr, cmp_point);
	sh->order = pel_xcalloc(n, sizeof *sh->order);
	for (size_t i = 0; i < n; i++)
		sh->order[i] = pr[i].row;
	free(pr);

	/* distinct x values */
	sh->xs = pel_xcalloc(n, sizeof *sh->xs);
	sh->xv = pel_xcalloc(n, sizeof *sh->xv);
	sh->row_x = pel_xcalloc(n, sizeof *sh->row_x);
	sh->numeric = 1;
	for (size_t k = 0; k < n; k++) {
		size_t i = sh->order[k];
		const char *x = s->rows[i].axis[0];
		size_t j = 0;
		while (j < sh->nx && strcmp(sh->xs[j], x))
			j++;
		if (j == sh->nx) {
			sh->xs[sh->nx++] = s->rows[i].axis[0];
			double v;
			if (parse_number(x, &v) || !isfinite(v))
				sh->numeric = 0;
			else
				sh->xv[j] = v;
		}
		sh->row_x[i] = j;
	}
	double lo = INFINITY, hi = -INFINITY;
	if (sh->numeric) {
		for (size_t j = 0; j < sh->nx; j++) {
			lo = fmin(lo, sh->xv[j]);
			hi = fmax(hi, sh->xv[j]);
		}
		sh->logx = lo > 0 && hi / lo >= 10;
	} else {
		for (size_t j = 0; j < sh->nx; j++)
			sh->xv[j] = (double)j;
		lo = 0;
		hi = (double)sh->nx - 1;
	}

	/* the other axes that do not follow from the first split the series */
	int *splits = pel_xcalloc(s->naxes, sizeof *splits);
	for (size_t a = 1; a < s->naxes; a++)
		for (size_t i = 0; i < n && !splits[a]; i++)
			for (size_t j = i + 1; j < n; j++)
				if (sh->row_x[i] == sh->row_x[j] && strcmp(s->rows[i].axis[a], s->rows[j].axis[a])) {
					splits[a] = 1;
					break;
				}
	sh->ser = pel_xcalloc(n, sizeof *sh->ser);
	for (size_t k = 0; k < n; k++) {
		size_t i = sh->order[k];
		const pel_summary_row *r = &s->rows[i];
		pel_strbuf t = { 0 };
		pel_strbuf_printf(&t, "%s", r->policy);
		int first = 1;
		for (size_t a = 1; a < s->naxes; a++) {
			if (!splits[a])
				continue;
			char sh_name[128];
			axis_short(s->axes[a], sh_name, sizeof sh_name);
			pel_strbuf_printf(&t, "%s%s=%s", first ? " (" : ", ", sh_name, r->axis[a]);
			first = 0;
		}
		if (!first)
			pel_strbuf_add(&t, ")", 1);
		size_t j = 0;
		while (j < sh->nser && strcmp(sh->ser[j].title, t.s))
			j++;
		if (j == sh->nser) {
			sh->ser[j].title = t.s;
			sh->ser[j].rows = pel_xcalloc(n, sizeof *sh->ser[j].rows);
			sh->nser++;
		} else {
			free(t.s);
		}
		sh->ser[j].rows[sh->ser[j].n++] = i;
	}
	free(splits);

	/* range, and a small shift per series so that error bars stay apart */
	double span;
	if (sh->logx) {
		span = log(hi / lo);
		double pad = exp(0.07 * span);
		sh->xlo = lo / pad;
		sh->xhi = hi * pad;
	} else if (sh->numeric) {
		span = hi - lo;
		if (span <= 0)
			span = fabs(lo) > 0 ? fabs(lo) : 1;
		sh->xlo = lo - 0.07 * span;
		sh->xhi = hi + 0.07 * span;
	} else {
		span = hi - lo > 0 ? hi - lo : 1;
		sh->xlo = lo - 0.5;
		sh->xhi = hi + 0.5;
	}
	sh->dodge = pel_xcalloc(sh->nser, sizeof *sh->dodge);
	if (sh->nser > 1) {
		double total = fmin(0.015 * (double)(sh->nser - 1), 0.06) * span;
		for (size_t j = 0; j < sh->nser; j++)
			sh->dodge[j] = ((double)j - (double)(sh->nser - 1) / 2) * total / (double)(sh->nser - 1);
	}
}

static double x_plot(const shape *sh, size_t xi, size_t ser)
{
	return sh->logx ? sh->xv[xi] * exp(sh->dodge[ser]) : sh->xv[xi] + sh->dodge[ser];
}

/* `set xtics (...)` at the sweep's values when they are few and far
 * enough apart to be read, else NULL (gnuplot's own tics). */
static char *x_tics(const shape *sh)
{
	if (sh->nx > 12)
		return NULL;
	if (sh->numeric && sh->nx > 1) {
		double *v = pel_xcalloc(sh->nx, sizeof *v);
		for (size_t j = 0; j < sh->nx; j++)
			v[j] = sh->logx ? log(sh->xv[j]) : sh->xv[j];
		qsort(v, sh->nx, sizeof *v, cmp_double);
		double span = v[sh->nx - 1] - v[0], gap = INFINITY;
		for (size_t j = 1; j < sh->nx; j++)
			gap = fmin(gap, v[j] - v[j - 1]);
		free(v);
		if (span > 0 && gap < 0.045 * span)
			return NULL;
	}
	pel_strbuf b = { 0 };
	pel_strbuf_add(&b, "set xtics (", 11);
	for (size_t j = 0; j < sh->nx; j++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[j]);
		if (j)
			pel_strbuf_add(&b, ", ", 2);
		buf_dq(&b, sh->numeric ? num : sh->xs[j]);
		pel_strbuf_printf(&b, " %.17g", sh->xv[j]);
	}
	pel_strbuf_add(&b, ")", 1);
	return b.s;
}

/* The nearest of 1, 2, 5 x 10^k below v (dir < 0) or above it (dir > 0),
 * when v spans less than three decades with the other end; else v. */
static double snap125(double v, int dir)
{
	if (!(v > 0) || !isfinite(v))
		return v;
	double e = floor(log10(v)), best = v;
	for (int k = -1; k <= 1; k++)
		for (int m = 0; m < 3; m++) {
			double c = (m == 0 ? 1 : m == 1 ? 2 : 5) * pow(10, e + k);
			if (dir < 0 && c <= v * (1 + 1e-12) && (best == v || c > best))
				best = c;
			if (dir > 0 && c >= v * (1 - 1e-12) && (best == v || c < best))
				best = c;
		}
	return best;
}

/* `set ytics (...)` at 1, 2, 5 x 10^k within [lo, hi] when a log axis
 * spans less than three decades (gnuplot would label one or two tics),
 * else NULL. */
static char *log_tics(double lo, double hi)
{
	if (!(lo > 0) || hi / lo >= 1000)
		return NULL;
	pel_strbuf b = { 0 };
	pel_strbuf_add(&b, "set ytics (", 11);
	int n = 0;
	for (int e = (int)floor(log10(lo)) - 1; e <= (int)ceil(log10(hi)); e++)
		for (int k = 0; k < 3; k++) {
			double v = (k == 0 ? 1 : k == 1 ? 2 : 5) * pow(10, e);
			if (v < lo || v > hi)
				continue;
			pel_strbuf_printf(&b, "%s\"%g\" %.17g", n++ ? ", " : "", v, v);
		}
	pel_strbuf_add(&b, ")", 1);
	if (n < 2) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Where the key goes: over the plot when it fits in a row or two, else in
 * a column at the right (the figure then gets wider). */
static int key_right(size_t entries, size_t longest)
{
	return entries > 8 || longest > 12;
}

/* ---- writing the figures of a sweep ---- */

typedef struct {
	const shape *sh;
	const char *outdir;
	pel_plot_format fmt;
	void (*wrote)(const char *path, void *arg);
	void *arg;
	char *err;
	size_t errlen;
	pel_outfile data; /* the data file being written */
} sweep_ctx;

/* Closes a scratch data file (of a Gantt chart): 0, or -1 when this or
 * an earlier write failed (errno set when the flush says why). */
static int close_scratch(FILE *f)
{
	int bad = ferror(f) | fflush(f);
	int e = errno;
	if (fclose(f))
		return -1;
	errno = e;
	return bad ? -1 : 0;
}

static void join(char *out, size_t n, const char *dir, const char *name, const char *ext)
{
	size_t l = strlen(dir);
	snprintf(out, n, "%s%s%s.%s", dir, l && dir[l - 1] == '/' ? "" : "/", name, ext);
}

/* Opens the data file path under its temporary name (c->data); NULL
 * with the message. */
static FILE *open_data(sweep_ctx *c, const char *path)
{
	char msg[1024];
	if (pel_out_open(&c->data, path, msg, sizeof msg)) {
		say(c->err, c->errlen, "%s: expected a file that can be written, found '%s' (%s)", c->outdir, path,
		    strerror(errno));
		return NULL;
	}
	return c->data.f;
}

/* Puts the data file of open_data in place: PEL_PLOT_OK, or
 * PEL_PLOT_GNUPLOT_FAILED with "PATH: write error: REASON". */
static int close_data(sweep_ctx *c, const char *path)
{
	if (pel_out_commit(&c->data, c->err, c->errlen))
		return PEL_PLOT_GNUPLOT_FAILED;
	if (c->wrote)
		c->wrote(path, c->arg);
	return PEL_PLOT_OK;
}

static void put_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, " %.10g", x);
	else
		fputs(" NaN", f);
}

/* One curve per series: y[i] and its ci95 per row i (NaN: no value). */
typedef struct {
	const char *name;     /* file stem */
	const char *what;     /* a comment for the data file */
	const char *ylabel;
	const double *y, *ci;
	int logy_ok;          /* may use a log y axis when it spans >= 10x */
	int ymin0;            /* start a linear y axis at 0 */
	const double *ideal;  /* per x index, or NULL */
	const char *ideal_title;
} curve;

static int draw_curve(sweep_ctx *c, const curve *cv)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	char dat[4096], img[4096], idat[4096];
	join(dat, sizeof dat, c->outdir, cv->name, "dat");
	join(img, sizeof img, c->outdir, cv->name, format_names[c->fmt]);

	/* the y range: means (and ideal) decide a log axis, error bars widen it */
	double lo = INFINITY, hi = -INFINITY, elo = INFINITY, ehi = -INFINITY;
	for (size_t i = 0; i < s->nrows; i++)
		if (isfinite(cv->y[i])) {
			double ci = isfinite(cv->ci[i]) ? cv->ci[i] : 0;
			lo = fmin(lo, cv->y[i]);
			hi = fmax(hi, cv->y[i]);
			if (cv->y[i] - ci > 0)
				elo = fmin(elo, cv->y[i] - ci);
			ehi = fmax(ehi, cv->y[i] + ci);
		}
	if (cv->ideal)
		for (size_t j = 0; j < sh->nx; j++)
			if (isfinite(cv->ideal[j])) {
				lo = fmin(lo, cv->ideal[j]);
				hi = fmax(hi, cv->ideal[j]);
			}
	int logy = cv->logy_ok && lo > 0 && hi / lo >= 10;
	elo = fmin(elo, lo);
	ehi = fmax(ehi, hi);

	FILE *f = open_data(c, dat);
	if (!f)
		return PEL_PLOT_BAD_INPUT;
	fprintf(f, "# %s\n# from %s; one block per series (its title first), rows in point order:\n", cv->what,
		s->path);
	fprintf(f, "# x xplot mean ci95 lo hi point slots capacity\n");
	for (size_t j = 0; j < sh->nser; j++) {
		if (j)
			fputs("\n\n", f);
		put_dq(f, sh->ser[j].title);
		fputc('\n', f);
		for (size_t k = 0; k < sh->ser[j].n; k++) {
			size_t i = sh->ser[j].rows[k];
			double y = cv->y[i], ci = isfinite(cv->ci[i]) ? cv->ci[i] : 0;
			double ylo = y - ci, yhi = y + ci;
			if (logy && !(ylo > 0))
				ylo = y;
			fprintf(f, "%s", sh->numeric ? s->rows[i].axis[0] : "");
			if (!sh->numeric)
				fprintf(f, "%zu", sh->row_x[i]);
			put_num(f, x_plot(sh, sh->row_x[i], j));
			put_num(f, y);
			put_num(f, isfinite(y) ? ci : NAN);
			put_num(f, isfinite(y) ? ylo : NAN);
			put_num(f, isfinite(y) ? yhi : NAN);
			fprintf(f, " %ld", s->rows[i].point);
			put_num(f, s->rows[i].slots);
			put_num(f, s->rows[i].capacity);
			fputc('\n', f);
		}
	}
	int rc = close_data(c, dat);
	if (rc)
		return rc;
	if (cv->ideal) {
		join(idat, sizeof idat, c->outdir, cv->name, "ideal.dat");
		f = open_data(c, idat);
		if (!f)
			return PEL_PLOT_BAD_INPUT;
		fprintf(f, "# %s: %s\n# x y\n", cv->name, cv->ideal_title);
		for (size_t j = 0; j < sh->nx; j++) {
			fprintf(f, "%.17g", sh->xv[j]);
			put_num(f, cv->ideal[j]);
			fputc('\n', f);
		}
		if ((rc = close_data(c, idat)))
			return rc;
	}

	char xlabel[256], nser[32], logx_s[8], logy_s[8], xmin[64], xmax[64];
	if (s->labels && s->labels[0])
		snprintf(xlabel, sizeof xlabel, "%s", s->labels[0]);
	else
		axis_label(s->axes[0], xlabel, sizeof xlabel);
	snprintf(nser, sizeof nser, "%zu", sh->nser);
	snprintf(logx_s, sizeof logx_s, "%d", sh->logx);
	snprintf(logy_s, sizeof logy_s, "%d", logy);
	snprintf(xmin, sizeof xmin, "%.17g", sh->xlo);
	snprintf(xmax, sizeof xmax, "%.17g", sh->xhi);
	char ymin[64], ymax[64], *yt = NULL;
	pel_plot_param p[16] = {
		{ "infile", dat, 0 },      { "nseries", nser, 1 },   { "xlabel", xlabel, 0 },
		{ "ylabel", cv->ylabel, 0 }, { "logx", logx_s, 1 }, { "logy", logy_s, 1 },
		{ "xmin", xmin, 1 },       { "xmax", xmax, 1 },
	};
	size_t np = 8;
	char *tics = x_tics(sh);
	if (tics)
		p[np++] = (pel_plot_param){ "xticscmd", tics, 0 };
	if (cv->ideal) {
		p[np++] = (pel_plot_param){ "idealfile", idat, 0 };
		p[np++] = (pel_plot_param){ "idealtitle", cv->ideal_title, 0 };
	}
	if (logy) {
		double pad = pow(ehi / elo, 0.04), y0 = snap125(elo / pad, -1), y1 = snap125(ehi * pad, 1);
		snprintf(ymin, sizeof ymin, "%.17g", y0);
		snprintf(ymax, sizeof ymax, "%.17g", y1);
		p[np++] = (pel_plot_param){ "ymin", ymin, 1 };
		p[np++] = (pel_plot_param){ "ymax", ymax, 1 };
		if ((yt = log_tics(y0, y1)))
			p[np++] = (pel_plot_param){ "yticscmd", yt, 0 };
	} else if (cv->ymin0) {
		p[np++] = (pel_plot_param){ "ymin", "0", 1 };
	}
	/* the key over the plot when it fits in a row or two, else at the right */
	size_t entries = sh->nser + (cv->ideal != NULL), longest = cv->ideal ? strlen(cv->ideal_title) : 0;
	for (size_t j = 0; j < sh->nser; j++)
		if (strlen(sh->ser[j].title) > longest)
			longest = strlen(sh->ser[j].title);
	int right = key_right(entries, longest);
	p[np++] = (pel_plot_param){ "keypos", right ? "right" : "above", 0 };
	if (right)
		p[np++] = (pel_plot_param){ "width", "6.8", 1 };
	rc = pel_plot_gnuplot("scaling", p, np, img, c->fmt, c->err, c->errlen);
	free(tics);
	free(yt);
	if (!rc && c->wrote)
		c->wrote(img, c->arg);
	return rc;
}

/* Bars: the mean of metric m per series at each x. */
static int draw_bars(sweep_ctx *c, const char *name, const char *what, const char *ylabel, size_t m)
{
	const shape *sh = c->sh;
	const pel_summary *s = sh->s;
	char dat[4096], img[4096];
	join(dat, sizeof dat, c->outdir, name, "dat");
	join(img, sizeof img, c->outdir, name, format_names[c->fmt]);
	size_t *cell = pel_xcalloc(sh->nx * sh->nser, sizeof *cell); /* row + 1, 0: none */
	for (size_t j = 0; j < sh->nser; j++)
		for (size_t k = 0; k < sh->ser[j].n; k++) {
			size_t i = sh->ser[j].rows[k];
			cell[sh->row_x[i] * sh->nser + j] = i + 1;
		}
	FILE *f = open_data(c, dat);
	if (!f) {
		free(cell);
		return PEL_PLOT_BAD_INPUT;
	}
	fprintf(f, "# %s\n# from %s; one row per value of %s: label, then mean and ci95 per series\n", what,
		s->path, s->axes[0]);
	put_dq(f, s->axes[0]);
	for (size_t j = 0; j < sh->nser; j++) {
		fputc(' ', f);
		put_dq(f, sh->ser[j].title);
		char t[512];
		snprintf(t, sizeof t, "%s ci95", sh->ser[j].title);
		fputc(' ', f);
		put_dq(f, t);
	}
	fputc('\n', f);
	/* labels apart: the plot is some 300 pt wide, a character some 6.5 pt;
	 * numbers are labelled every few points, names all, slanted if need be */
	size_t longest_x = 0, every = 1;
	for (size_t x = 0; x < sh->nx; x++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[x]);
		size_t l = strlen(sh->numeric ? num : sh->xs[x]);
		longest_x = l > longest_x ? l : longest_x;
	}
	double room = 300.0 / (double)sh->nx, need = ((double)longest_x + 1.5) * 6.5;
	int slant = 0;
	if (sh->numeric)
		while (room * (double)every < need)
			every++;
	else
		slant = room < need;
	for (size_t x = 0; x < sh->nx; x++) {
		char num[64];
		snprintf(num, sizeof num, "%g", sh->xv[x]);
		put_dq(f, x % every ? "" : sh->numeric ? num : sh->xs[x]);
		for (size_t j = 0; j < sh->nser; j++) {
			size_t i = cell[x * sh->nser + j];
			double y = i ? s->rows[i - 1].mean[m] : NAN, ci = i ? s->rows[i - 1].ci[m] : NAN;
			put_num(f, y);
			put_num(f, isfinite(y) ? (isfinite(ci) ? ci : 0) : NAN);
		}
		fputc('\n', f);
	}
	free(cell);
	int rc = close_data(c, dat);
	if (rc)
		return rc;
	char xlabel[256], nser[32], npts[32];
	if (s->labels && s->labels[0])
		snprintf(xlabel, sizeof xlabel, "%s", s->labels[0]);
	else
		axis_label(s->axes[0], xlabel, sizeof xlabel);
	snprintf(nser, sizeof nser, "%zu", sh->nser);
	snprintf(npts, sizeof npts, "%zu", sh->nx);
	size_t longest = 0;
	for (size_t j = 0; j < sh->nser; j++)
		if (strlen(sh->ser[j].title) > longest)
			longest = strlen(sh->ser[j].title);
	int right = key_right(sh->nser, longest);
	pel_plot_param p[] = {
		{ "infile", dat, 0 },	 { "nseries", nser, 1 }, { "npoints", npts, 1 },
		{ "xlabel", xlabel, 0 }, { "ylabel", ylabel, 0 }, { "keypos", right ? "right" : "above", 0 },
		{ "width", right ? "6.8" : "5.0", 1 }, { "xrotate", slant ? "1" : "0", 1 },
	};
	rc = pel_plot_gnuplot("compare", p, sizeof p / sizeof *p, img, c->fmt, c->err, c->errlen);
	if (!rc && c->wrote)
		c->wrote(img, c->arg);
	return rc;
}

int pel_plot_sweep(const pel_summary *s, const char *outdir, pel_plot_format fmt,
		   void (*wrote)(const char *path, void *arg), void *arg, char *err, size_t errlen)
{
	shape sh;
	shape_build(s, &sh);
	sweep_ctx c = { &sh, outdir, fmt, wrote, arg, err, errlen, { 0 } };
	size_t n = s->nrows;
	double *y = pel_xcalloc(n, sizeof *y), *ci = pel_xcalloc(n, sizeof *ci);
	double *y2 = pel_xcalloc(n, sizeof *y2), *ci2 = pel_xcalloc(n, sizeof *ci2);
	double *ideal = pel_xcalloc(sh.nx, sizeof *ideal), *one = pel_xcalloc(sh.nx, sizeof *one);
	double *cap = pel_xcalloc(n, sizeof *cap);
	int rc;

	for (size_t i = 0; i < n; i++) {
		y[i] = s->rows[i].mean[M_MAKESPAN];
		ci[i] = s->rows[i].ci[M_MAKESPAN];
	}
	curve mk = { "makespan", "makespan (s): mean and 95% confidence half-width", "makespan (s)", y, ci, 1, 1,
		     NULL, NULL };
	if ((rc = draw_curve(&c, &mk)))
		goto out;

	/* scaling against the machine's capacity C, the sum of speed * slots
	 * (on a CPU+GPU machine a GPU slot counts for what it can do, not as
	 * one core), or its slots in a summary without capacity.  With
	 * R(p) = T(first) / T(p), its ci95 by the delta method (independent
	 * means):
	 *   strong scaling  speedup S = R, efficiency S C(first) / C(p);
	 *   weak scaling    efficiency R (ideal 1), scaled speedup
	 *                   R C(p) / C(first) (Gustafson; ideal C(p)/C(first)) */
	const char *cname = s->has_capacity ? "capacity" : "slots";
	double cmin = INFINITY, cmax = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		cap[i] = s->has_capacity ? s->rows[i].capacity : s->rows[i].slots;
		cmin = fmin(cmin, cap[i]);
		cmax = fmax(cmax, cap[i]);
	}
	if (cmax > cmin) {
		for (size_t j = 0; j < sh.nser; j++) {
			/* the reference: the series' first point with a makespan */
			size_t k0 = 0;
			while (k0 + 1 < sh.ser[j].n && !isfinite(s->rows[sh.ser[j].rows[k0]].mean[M_MAKESPAN]))
				k0++;
			size_t i0 = sh.ser[j].rows[k0];
			double t1 = s->rows[i0].mean[M_MAKESPAN], c1 = s->rows[i0].ci[M_MAKESPAN];
			double q1 = isfinite(c1) && t1 > 0 ? c1 / t1 : 0;
			for (size_t k = 0; k < sh.ser[j].n; k++) {
				size_t i = sh.ser[j].rows[k];
				double t = s->rows[i].mean[M_MAKESPAN], ct = s->rows[i].ci[M_MAKESPAN];
				double q = isfinite(ct) && t > 0 ? ct / t : 0;
				double sp = t > 0 && t1 > 0 ? t1 / t : NAN;
				double csp = k == k0 ? 0 : sp * sqrt(q1 * q1 + q * q);
				y[i] = sp;
				ci[i] = csp;
				double f = s->weak ? cap[i] / cap[i0] : cap[i0] / cap[i];
				y2[i] = sp * f;
				ci2[i] = csp * f;
			}
		}
		/* the ideal: C(x) / C(first x), when C follows from x */
		int fn = 1;
		double *cx = pel_xcalloc(sh.nx, sizeof *cx);
		for (size_t x = 0; x < sh.nx; x++)
			cx[x] = NAN;
		for (size_t i = 0; i < n; i++) {
			size_t x = sh.row_x[i];
			if (isnan(cap[i]))
				continue;
			if (isnan(cx[x]))
				cx[x] = cap[i];
			else if (cx[x] != cap[i])
				fn = 0;
		}
		size_t x0 = 0;
		while (x0 + 1 < sh.nx && isnan(cx[x0]))
			x0++;
		for (size_t x = 0; x < sh.nx; x++) {
			ideal[x] = cx[x] / cx[x0];
			one[x] = 1;
		}
		free(cx);
		const char *cap_note = s->has_capacity ? "; capacity = sum of speed * slots (flop/s)" : "";
		char sp_what[512], ef_what[512], ef_label[128];
		curve sp = { "speedup", sp_what, "speedup (×)", y, ci, sh.logx, 1, fn ? ideal : NULL, "ideal" };
		curve ef = { "efficiency", ef_what, ef_label, y2, ci2, 0, 1, fn ? one : NULL, "ideal" };
		if (s->weak) {
			snprintf(sp_what, sizeof sp_what,
				 "scaled speedup (weak scaling): T(first point) / T(point) * %s(point) / %s(first point) "
				 "per series (first point: %s = %s); ci95 by the delta method; ideal: %s(point) / "
				 "%s(first point)%s",
				 cname, cname, s->axes[0], sh.xs[0], cname, cname, cap_note);
			sp.ylabel = "scaled speedup (×)";
			sp.y = y2;
			sp.ci = ci2;
			snprintf(ef_what, sizeof ef_what,
				 "weak-scaling efficiency T(first point) / T(point) per series (first point: %s = %s); "
				 "ci95 by the delta method; ideal: 1 (the makespan stays flat)",
				 s->axes[0], sh.xs[0]);
			snprintf(ef_label, sizeof ef_label, "efficiency (T(first) / T)");
			ef.y = y;
			ef.ci = ci;
			ef.ideal = one;
		} else {
			snprintf(sp_what, sizeof sp_what,
				 "strong-scaling speedup T(first point) / T(point) per series (first point: %s = %s); "
				 "ci95 by the delta method; ideal: %s(point) / %s(first point)%s",
				 s->axes[0], sh.xs[0], cname, cname, cap_note);
			snprintf(ef_what, sizeof ef_what,
				 "parallel efficiency: speedup * %s(first point) / %s(point) per series (first point: "
				 "%s = %s)%s",
				 cname, cname, s->axes[0], sh.xs[0], cap_note);
			snprintf(ef_label, sizeof ef_label, "efficiency (speedup / %s)", cname);
		}
		if ((rc = draw_curve(&c, &sp)) || (rc = draw_curve(&c, &ef)))
			goto out;
	}

	int has_slr = 0;
	for (size_t i = 0; i < n; i++) {
		y[i] = s->rows[i].mean[M_SLR];
		ci[i] = s->rows[i].ci[M_SLR];
		has_slr |= isfinite(y[i]);
	}
	if (has_slr) {
		curve slr = { "slr", "SLR (makespan / critical-path lower bound): mean and 95% confidence half-width",
			      "SLR", y, ci, 0, 1, NULL, NULL };
		if ((rc = draw_curve(&c, &slr)))
			goto out;
	}
	rc = draw_bars(&c, "compare_makespan", "makespan (s) per policy at each point: mean and ci95", "makespan (s)",
		       M_MAKESPAN);
out:
	free(cap);
	free(y);
	free(ci);
	free(y2);
	free(ci2);
	free(ideal);
	free(one);
	shape_free(&sh);
	return rc;
}

/* ---- Gantt chart ---- */

/* Removes the files names of folder dir, then dir. */
static void remove_tree(const char *dir, const char *const *names, size_t n)
{
	char p[4200];
	for (size_t i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%.4096s/%.64s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

typedef struct {
	uint32_t row;
	double start, end;
	size_t id;
} xfer_row;

static int cmp_xfer(const void *a, const void *b)
{
	const xfer_row *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int pel_plot_gantt(const pel_model *m, const pel_sim_result *r, const char *title, const char *path,
		   pel_plot_format fmt, char *err, size_t errlen)
{
	const pel_platform *p = m->p;
	const pel_dag *g = m->g;
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/pelsim-gantt-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		say(err, errlen, "cannot make a temporary folder in %s (%s)", tmp && *tmp ? tmp : "/tmp",
		    strerror(errno));
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	static const char *const files[] = { "rows.dat", "tasks.dat", "transfers.dat" };
	char rows[4200], tasks[4200], xfers[4200];
	snprintf(rows, sizeof rows, "%s/%s", dir, files[0]);
	snprintf(tasks, sizeof tasks, "%s/%s", dir, files[1]);
	snprintf(xfers, sizeof xfers, "%s/%s", dir, files[2]);
	int rc = PEL_PLOT_GNUPLOT_FAILED;
	uint32_t *base = pel_xcalloc(p->ndevices + 1, sizeof *base);
	for (uint32_t d = 0; d < p->ndevices; d++)
		base[d + 1] = base[d] + p->devices[d].slots;
	uint32_t nrows = base[p->ndevices];
	double span = r->makespan > 0 ? r->makespan : 1;
	char nrows_s[32], nkinds_s[32], tmax_s[64];
	size_t nkinds = 0, nx = 0;
	FILE *f = fopen(rows, "w");
	if (!f)
		goto io;
	for (uint32_t d = 0; d < p->ndevices; d++)
		for (uint32_t sl = 0; sl < p->devices[d].slots; sl++) {
			char label[256];
			if (p->devices[d].slots == 1)
				snprintf(label, sizeof label, "%s", p->devices[d].name);
			else
				snprintf(label, sizeof label, "%s #%u", p->devices[d].name, sl);
			fprintf(f, "%u ", base[d] + sl);
			put_dq(f, label);
			fputc('\n', f);
		}
	if (close_scratch(f))
		goto io;

	f = fopen(tasks, "w");
	if (!f)
		goto io;
	for (uint32_t k = 0; k < g->nkinds; k++) {
		int any = 0;
		for (pel_task_id t = 0; t < g->ntasks; t++) {
			if (g->kind[t] != k || r->dev[t] == PEL_NO_DEVICE)
				continue;
			if (!any) {
				if (nkinds)
					fputs("\n\n", f);
				put_dq(f, g->kind_names[k]);
				fputc('\n', f);
				nkinds++;
				any = 1;
			}
			char nbuf[64];
			const char *name = pel_dag_task_name(g, t, nbuf, sizeof nbuf);
			/* a name goes inside its box when the box is wide enough for
			 * it: about 5 pt per character on a plot some 320 pt wide */
			double need = span * (5.0 * (double)strlen(name) + 6) / 320;
			fprintf(f, "%u %.10g %.10g ", base[r->dev[t]] + r->slot[t], r->start[t], r->end[t]);
			put_dq(f, r->end[t] - r->start[t] >= need ? name : "");
			fputc('\n', f);
		}
	}
	if (close_scratch(f))
		goto io;
	if (r->nxfers) {
		/* transfers that overlap on a row go to different lanes (greedy,
		 * in order of start; at most 4, the last one shared) */
		xfer_row *v = pel_xcalloc(r->nxfers, sizeof *v);
		for (size_t i = 0; i < r->nxfers; i++) {
			const pel_transfer *x = &r->xfers[i];
			pel_task_id dst = g->dst[x->edge];
			if (r->dev[dst] == PEL_NO_DEVICE || !(x->end > x->start))
				continue;
			v[nx++] = (xfer_row){ base[r->dev[dst]] + r->slot[dst], x->start, x->end, i };
		}
		qsort(v, nx, sizeof *v, cmp_xfer);
		f = fopen(xfers, "w");
		if (!f) {
			free(v);
			goto io;
		}
		double lane_end[4];
		for (size_t i = 0; i < nx; i++) {
			if (i == 0 || v[i].row != v[i - 1].row)
				for (int l = 0; l < 4; l++)
					lane_end[l] = -INFINITY;
			int lane = 0;
			while (lane < 3 && lane_end[lane] > v[i].start)
				lane++;
			lane_end[lane] = fmax(lane_end[lane], v[i].end);
			fprintf(f, "%u %.10g %.10g %d\n", v[i].row, v[i].start, v[i].end, lane);
		}
		free(v);
		if (close_scratch(f))
			goto io;
	}
	snprintf(nrows_s, sizeof nrows_s, "%u", nrows);
	snprintf(nkinds_s, sizeof nkinds_s, "%zu", nkinds);
	snprintf(tmax_s, sizeof tmax_s, "%.17g", span);
	pel_plot_param prm[] = {
		{ "rowfile", rows, 0 },	       { "taskfile", tasks, 0 }, { "xferfile", nx ? xfers : "", 0 },
		{ "nrows", nrows_s, 1 },       { "nkinds", nkinds_s, 1 }, { "tmax", tmax_s, 1 },
		{ "title", title ? title : "", 0 },
	};
	if (!nkinds) {
		say(err, errlen, "the run scheduled no task, there is nothing to draw");
		rc = PEL_PLOT_GNUPLOT_FAILED;
		goto out;
	}
	rc = pel_plot_gnuplot("gantt", prm, sizeof prm / sizeof *prm, path, fmt, err, errlen);
	goto out;
io:
	say(err, errlen, "cannot write the data files in %s (%s)", dir, strerror(errno));
	rc = PEL_PLOT_GNUPLOT_FAILED;
out:
	free(base);
	remove_tree(dir, files, 3);
	return rc;
}
