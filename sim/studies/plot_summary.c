/* plot_summary.c - summary.csv read strictly, once its folder's results
 * are known to be whole (results.c). */
#include "plot_int.h"

#include "../../common/alloc.h"
#include "../formats/csv.h"
#include "results.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The metrics of a summary row, in the order of summary.metrics. */
static const char *const metric_names[] = {
	"makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound", "bytes_moved",
	"transfers", "events", "resp_mean", "resp_p95", "resp_p99", "throughput",
};
enum { NMETRICS = sizeof metric_names / sizeof *metric_names };

/* ---- summary.csv ---- */

/* A number (all of s, as strtod reads it, not out of range): 0, or -1. */
int pel_pl_number(const char *s, double *out)
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

/* The index of column name in header h, or -1. */
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

/* Reading summary.csv: the summary so far, where the reader is, the
 * header and the columns the figures read (-1: absent). */
typedef struct {
	pel_summary *s;
	const char *path;
	unsigned lineno;
	char **head;
	size_t nhead, rowcap;
	long col_policy, col_slots, col_cap, col_dev, col_n, col_mean[NMETRICS], col_ci[NMETRICS];
	char *err;
	size_t errlen;
} reader;

/* The header line (fields fld, nf of them; len: its length): the axes
 * between 'point' and 'policy', the columns found, those required.
 * 0, or -1 with the message. */
static int read_header(reader *rd, char **fld, long nf, ssize_t len)
{
	pel_summary *s = rd->s;
	const char *path = rd->path;
	if (!len) {
		pel_pl_say(rd->err, rd->errlen, "%s:1: expected a header line (point,AXIS...,policy,...), found an empty line", path);
		return -1;
	}
	rd->nhead = (size_t)nf;
	rd->head = pel_xcalloc(rd->nhead, sizeof *rd->head);
	for (size_t i = 0; i < rd->nhead; i++)
		rd->head[i] = pel_xstrdup(fld[i]);
	char **head = rd->head;
	size_t nhead = rd->nhead;
	if (strcmp(head[0], "point")) {
		pel_pl_say(rd->err, rd->errlen, "%s:1: expected the first column to be 'point', found '%s'", path, head[0]);
		return -1;
	}
	rd->col_policy = find_col(head, nhead, "policy");
	if (rd->col_policy < 0) {
		pel_pl_say(rd->err, rd->errlen, "%s:1: expected a column 'policy', found none", path);
		return -1;
	}
	if (rd->col_policy == 1) {
		pel_pl_say(rd->err, rd->errlen, "%s:1: expected at least one sweep axis between 'point' and 'policy', found none",
			   path);
		return -1;
	}
	s->naxes = (size_t)rd->col_policy - 1;
	s->axes = pel_xcalloc(s->naxes, sizeof *s->axes);
	for (size_t a = 0; a < s->naxes; a++)
		s->axes[a] = pel_xstrdup(head[a + 1]);
	rd->col_slots = find_col(head, nhead, "slots");
	rd->col_cap = find_col(head, nhead, "capacity");
	s->has_capacity = rd->col_cap >= 0;
	rd->col_dev = find_col(head, nhead, "devices");
	rd->col_n = find_col(head, nhead, "n");
	for (size_t m = 0; m < NMETRICS; m++) {
		char name[64];
		snprintf(name, sizeof name, "%s_mean", metric_names[m]);
		rd->col_mean[m] = find_col(head, nhead, name);
		snprintf(name, sizeof name, "%s_ci95", metric_names[m]);
		rd->col_ci[m] = find_col(head, nhead, name);
		s->has_metric[m] = rd->col_mean[m] >= 0;
	}
	const char *need = rd->col_slots < 0 ? "slots" : rd->col_mean[M_MAKESPAN] < 0 ? "makespan_mean" :
			   rd->col_ci[M_MAKESPAN] < 0 ? "makespan_ci95" : NULL;
	if (need) {
		pel_pl_say(rd->err, rd->errlen, "%s:1: expected a column '%s', found none", path, need);
		return -1;
	}
	return 0;
}

/* The numbers of a row: slots and capacity (positive), devices and n,
 * each metric's mean and ci95; an empty cell is NAN (every run of the
 * row failed).  0, or -1 with the message. */
static int read_cells(reader *rd, pel_summary_row *r, char **fld)
{
	const char *path = rd->path;
	char **head = rd->head;
	const long pos_cols[2] = { rd->col_slots, rd->col_cap };
	double *pos_vals[2] = { &r->slots, &r->capacity };
	for (int k = 0; k < 2; k++) {
		*pos_vals[k] = NAN;
		long c = pos_cols[k];
		if (c >= 0 && *fld[c] && (pel_pl_number(fld[c], pos_vals[k]) || !(*pos_vals[k] > 0) ||
					  isinf(*pos_vals[k]))) {
			pel_pl_say(rd->err, rd->errlen, "%s:%u: %s: expected a positive number or an empty cell, found '%s'",
				   path, rd->lineno, head[c], fld[c]);
			return -1;
		}
	}
	const long opt_cols[2] = { rd->col_dev, rd->col_n };
	double *opt_vals[2] = { &r->devices, &r->n };
	for (int k = 0; k < 2; k++) {
		*opt_vals[k] = NAN;
		long c = opt_cols[k];
		if (c >= 0 && *fld[c] && pel_pl_number(fld[c], opt_vals[k])) {
			pel_pl_say(rd->err, rd->errlen, "%s:%u: %s: expected a number, found '%s'", path, rd->lineno, head[c],
				   fld[c]);
			return -1;
		}
	}
	for (size_t m = 0; m < NMETRICS; m++) {
		const long cols[2] = { rd->col_mean[m], rd->col_ci[m] };
		double *vals[2] = { &r->mean[m], &r->ci[m] };
		for (int k = 0; k < 2; k++) {
			*vals[k] = NAN;
			long c = cols[k];
			if (c < 0)
				continue;
			if (*fld[c] && pel_pl_number(fld[c], vals[k])) {
				pel_pl_say(rd->err, rd->errlen, "%s:%u: %s: expected a number or an empty cell, found '%s'",
					   path, rd->lineno, head[c], fld[c]);
				return -1;
			}
		}
	}
	return 0;
}

/* A row after the header (fields fld, nf of them), appended to the
 * summary: 0, or -1 with the message. */
static int read_row(reader *rd, char **fld, long nf)
{
	pel_summary *s = rd->s;
	const char *path = rd->path;
	if ((size_t)nf != rd->nhead) {
		pel_pl_say(rd->err, rd->errlen, "%s:%u: expected %zu fields as in the header, found %ld", path, rd->lineno,
			   rd->nhead, nf);
		return -1;
	}
	if (s->nrows == rd->rowcap) {
		rd->rowcap = rd->rowcap ? rd->rowcap * 2 : 16;
		s->rows = pel_xreallocarray(s->rows, rd->rowcap, sizeof *s->rows);
	}
	pel_summary_row *r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->axis = pel_xcalloc(s->naxes, sizeof *r->axis);
	for (size_t a = 0; a < s->naxes; a++)
		r->axis[a] = pel_xstrdup(fld[a + 1]);
	r->policy = pel_xstrdup(fld[rd->col_policy]);
	r->mean = pel_xcalloc(NMETRICS, sizeof *r->mean);
	r->ci = pel_xcalloc(NMETRICS, sizeof *r->ci);
	char *end;
	errno = 0;
	r->point = strtol(fld[0], &end, 10);
	if (!*fld[0] || *end || errno || r->point < 0) {
		pel_pl_say(rd->err, rd->errlen, "%s:%u: point: expected a non-negative integer, found '%s'", path,
			   rd->lineno, fld[0]);
		return -1;
	}
	if (!*r->policy) {
		pel_pl_say(rd->err, rd->errlen, "%s:%u: policy: expected a policy name, found ''", path, rd->lineno);
		return -1;
	}
	return read_cells(rd, r, fld);
}

/* Reads the lines of f, the header then the rows: 0, or -1 with the
 * message. */
static int read_lines(reader *rd, FILE *f)
{
	char *line = NULL, **fld = NULL;
	size_t linecap = 0, fcap = 0;
	int rc = 0;
	ssize_t len;
	while (!rc && (len = getline(&line, &linecap, f)) >= 0) {
		rd->lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (rd->lineno > 1 && !len)
			continue;
		int open;
		long nf = (long)pel_csv_split(line, &fld, &fcap, &open);
		if (open) {
			pel_pl_say(rd->err, rd->errlen, "%s:%u: expected a closing quote, found the end of the line", rd->path,
				   rd->lineno);
			rc = -1;
		} else if (rd->lineno == 1) {
			rc = read_header(rd, fld, nf, len);
		} else {
			rc = read_row(rd, fld, nf);
		}
	}
	int e = errno; /* of a failed read, for check_summary */
	free(fld);
	free(line);
	errno = e;
	return rc;
}

/* What makes a summary whole, once read: a header, a row, a makespan in
 * some row; the folder's study.csv and axes.csv agreeing (results.c).
 * 0, or -1 with the message. */
static int check_summary(reader *rd, FILE *f, const char *dir)
{
	pel_summary *s = rd->s;
	const char *path = rd->path;
	char *err = rd->err;
	size_t errlen = rd->errlen;
	if (rd->lineno == 0) {
		pel_pl_say(err, errlen, "%s:1: expected a header line (point,AXIS...,policy,...), found an empty file", path);
		return -1;
	}
	if (ferror(f)) {
		pel_pl_say(err, errlen, "%s:%u: cannot be read (%s)", path, rd->lineno, strerror(errno));
		return -1;
	}
	if (!s->nrows) {
		pel_pl_say(err, errlen, "%s:%u: expected at least one row after the header, found none", path, rd->lineno + 1);
		return -1;
	}
	size_t finished = 0;
	for (size_t i = 0; i < s->nrows; i++)
		finished += isfinite(s->rows[i].mean[M_MAKESPAN]);
	if (!finished) {
		pel_pl_say(err, errlen, "%s: makespan_mean: expected a value in at least one row, found none (every run failed?)",
			   path);
		return -1;
	}
	pel_study st;
	if (pel_study_read(dir, &st, err, errlen) || pel_results_whole(dir, &st, s->nrows, err, errlen))
		return -1;
	s->weak = st.weak;
	s->labels = pel_xcalloc(s->naxes, sizeof *s->labels);
	if (pel_axes_read(dir, s->axes, s->naxes, s->labels, err, errlen))
		return -1;
	return 0;
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
		pel_pl_say(err, errlen, "%s: expected the summary of a sweep (pelsim sweep writes it), found none (%s)", path,
			   strerror(errno));
		return NULL;
	}
	pel_summary *s = pel_xcalloc(1, sizeof *s);
	s->path = pel_xstrdup(path);
	s->metrics = metric_names;
	s->nmetrics = NMETRICS;
	s->has_metric = pel_xcalloc(NMETRICS, sizeof *s->has_metric);
	reader rd = { .s = s, .path = path, .err = err, .errlen = errlen };
	int ok = !read_lines(&rd, f) && !check_summary(&rd, f, dir);
	for (size_t i = 0; i < rd.nhead; i++)
		free(rd.head[i]);
	free(rd.head);
	fclose(f);
	if (!ok) {
		pel_summary_free(s);
		return NULL;
	}
	return s;
}
