/* sweep_journal.c - a sweep's job: its folder, the journal
 * (runs.partial.csv) and resuming from it, handing out the runs and
 * taking their rows. */
#include "sweep_int.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Writes all of buf; returns 0 or -1 (errno set). */
int pel_sw_write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t k = write(fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

/* ---- the job and its journal ---- */

/* Seconds between two syncs of the journal. */
#define SYNC_INTERVAL 0.05

/* Seconds on the monotonic clock. */
static double mono_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

const pel_sweep *pel_sweep_job_plan(const pel_sweep_job *j)
{
	return j->p;
}

/* mkdir -p: 0, or -1 (errno set; ENOTDIR for a file in the way). */
static int make_dirs(const char *dir)
{
	char *d = pel_xstrdup(dir);
	int rc = 0;
	for (char *c = d + 1; ; c++) {
		if (*c == '/' || !*c) {
			char keep = *c;
			*c = 0;
			if (mkdir(d, 0777) && errno != EEXIST) {
				rc = -1;
				break;
			}
			*c = keep;
			if (!keep)
				break;
		}
	}
	free(d);
	if (!rc) {
		struct stat st;
		if (stat(dir, &st))
			return -1;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	return rc;
}

/* "DIR/NAME", allocated. */
char *pel_sw_path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = pel_xmalloc(n);
	snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* Appends a row to the journal, synced at least every SYNC_INTERVAL: 0,
 * or -1 with err. */
static int journal_append(pel_sweep_job *j, const char *row, char *err, size_t errlen)
{
	size_t n = strlen(row);
	char *line = pel_xmalloc(n + 2);
	memcpy(line, row, n);
	line[n] = '\n';
	line[n + 1] = 0;
	int rc = pel_sw_write_all(j->fd, line, n + 1);
	free(line);
	/* the row is in the file at once (a kill -9 of this process loses
	 * nothing); the disk gets it within SYNC_INTERVAL (a power cut loses
	 * at most that much): a sync per row would cost 1-3 ms each */
	double t = mono_now();
	if (!rc && t - j->synced >= SYNC_INTERVAL) {
		rc = fdatasync(j->fd);
		j->synced = t;
	}
	if (rc) {
		snprintf(err, errlen, "%s: cannot write the journal (%s)", j->journal, strerror(errno));
		return -1;
	}
	return 0;
}

/* The files of a finished sweep, all moved aside together. */
static const char *const result_files[] = { "runs.csv", "summary.csv", "axes.csv", "study.csv" };
#define NRESULTS (sizeof result_files / sizeof *result_files)

/* A sweep starting afresh: the results of an earlier one in its folder
 * go to DIR/previous/ (replacing what an even earlier one left there), so
 * that the folder never shows old results beside a new journal.  Returns
 * 0, or 1 with err (a file that cannot be moved). */
static int move_aside(pel_sweep_job *j, char *err, size_t errlen)
{
	size_t found = 0;
	for (size_t i = 0; i < NRESULTS; i++) {
		char *f = pel_sw_path_in(j->dir, result_files[i]);
		struct stat st;
		found += lstat(f, &st) == 0;
		free(f);
	}
	if (!found)
		return 0;
	char *old = pel_sw_path_in(j->dir, "previous");
	int rc = 0;
	if (mkdir(old, 0777) && errno != EEXIST) {
		snprintf(err, errlen, "%s: cannot move the results of the previous sweep aside (%s)", old, strerror(errno));
		rc = 1;
	}
	for (size_t i = 0; i < NRESULTS && !rc; i++) {
		char *from = pel_sw_path_in(j->dir, result_files[i]), *to = pel_sw_path_in(old, result_files[i]);
		/* a file the earlier sweep lacks must not stay from an older one */
		if (rename(from, to) && (errno != ENOENT || (unlink(to) && errno != ENOENT))) {
			snprintf(err, errlen, "%s: cannot move the results of the previous sweep aside to %s (%s)", from,
				 old, strerror(errno));
			rc = 1;
		}
		free(from);
		free(to);
	}
	if (rc)
		free(old);
	else
		j->moved = old;
	return rc;
}

/* The message for a journal that does not start as this sweep's does
 * (first, its first line, is cut at its end). */
static void foreign_journal(const pel_sweep_job *j, const char *first, char *err, size_t errlen)
{
	pel_config_id theirs;
	if (pel_config_id_parse(first, &theirs)) {
		snprintf(err, errlen,
			 "%s:1: expected the journal of this sweep (its first line records the configuration), found another first line (written by an older pelsim, or not a journal); remove the file to start over",
			 j->journal);
		return;
	}
	if (theirs.config != j->p->id.config) {
		char what[256];
		pel_config_id_diff(&theirs, &j->p->id, what, sizeof what);
		snprintf(err, errlen,
			 "%s: expected the journal of this sweep's configuration, found one of another (%s differ since it was written): resume with the configuration it was started with, or remove the file to start over",
			 j->journal, what);
		return;
	}
	snprintf(err, errlen,
		 "%s:2: expected the journal of this sweep, found another header (the scenario changed since it was written; remove the file to start over)",
		 j->journal);
}

/* Reads the journal left by an interrupted sweep: its first line, the
 * configuration (results.h), must be this sweep's; then the header of
 * runs.csv and rows.  An empty journal, or one torn within those two
 * lines, starts again (and moves an earlier sweep's results aside).
 * Returns 0, or an exit status with err. */
static int read_journal(pel_sweep_job *j, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	struct stat st;
	if (fstat(j->fd, &st)) {
		snprintf(err, errlen, "%s: cannot read the journal (%s)", j->journal, strerror(errno));
		return 1;
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *buf = pel_xmalloc(size + 1);
	while (got < size) {
		ssize_t k = pread(j->fd, buf + got, size - got, (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	buf[got] = 0;
	char idline[512];
	pel_config_id_format(&p->id, idline, sizeof idline);
	pel_strbuf start = { 0 };
	pel_strbuf_printf(&start, "%s\n%s\n", idline, p->header);
	size_t keep = 0; /* bytes of whole lines kept */
	int rc = 0;
	if (got <= start.n && !memcmp(buf, start.s, got)) {
		/* empty or torn before its first row: start the journal again */
		keep = 0;
	} else if (got > start.n && !memcmp(buf, start.s, start.n)) {
		keep = start.n;
		size_t lineno = 2;
		for (char *c = buf + start.n; *c;) {
			char *nl = strchr(c, '\n');
			lineno++;
			if (!nl)
				break; /* a torn last line: dropped */
			*nl = 0;
			size_t r = pel_sw_row_run(p, c);
			if (r == (size_t)-1) {
				snprintf(err, errlen,
					 "%s:%zu: expected a row of this sweep, found another (the scenario or its --set changed since it was written; remove the file to start over)",
					 j->journal, lineno);
				rc = 2;
				break;
			}
			if (!j->rows[r]) {
				j->rows[r] = pel_xstrdup(c);
				j->done++;
			}
			keep = (size_t)(nl + 1 - buf);
			c = nl + 1;
		}
	} else {
		buf[strcspn(buf, "\n")] = 0;
		foreign_journal(j, buf, err, errlen);
		rc = 2;
	}
	free(buf);
	if (!rc && keep < got && ftruncate(j->fd, (off_t)keep)) {
		snprintf(err, errlen, "%s: cannot drop its torn last line (%s)", j->journal, strerror(errno));
		rc = 1;
	}
	if (!rc && !keep)
		rc = move_aside(j, err, errlen);
	if (!rc && !keep && (pel_sw_write_all(j->fd, start.s, start.n) || fdatasync(j->fd))) {
		snprintf(err, errlen, "%s: cannot write the journal (%s)", j->journal, strerror(errno));
		rc = 1;
	}
	free(start.s);
	j->resumed = j->done;
	return rc;
}

int pel_sweep_open(pel_sweep *p, const pel_sweep_output *o, pel_sweep_job **out, char *err, size_t errlen)
{
	*out = NULL;
	if (o->resume) {
		/* nothing to resume: say so rather than run it all */
		char *journal = pel_sw_path_in(o->outdir, "runs.partial.csv"), *runs = pel_sw_path_in(o->outdir, "runs.csv");
		struct stat st;
		int none = lstat(journal, &st) && errno == ENOENT, finished = !lstat(runs, &st);
		if (none)
			snprintf(err, errlen,
				 "%s: --resume: expected the journal of an interrupted sweep (runs.partial.csv), found none: %s",
				 o->outdir,
				 finished ? "the sweep there finished (runs.csv); run without --resume to run it again"
					  : "nothing to resume; run without --resume to start the sweep");
		free(journal);
		free(runs);
		if (none)
			return 2;
	}
	if (make_dirs(o->outdir)) {
		snprintf(err, errlen, "--out: expected a folder that can be created, found '%s' (%s)", o->outdir,
			 strerror(errno));
		return 2;
	}
	pel_sweep_job *j = pel_xcalloc(1, sizeof *j);
	j->p = p;
	j->o = *o;
	j->dir = pel_xstrdup(o->outdir);
	j->journal = pel_sw_path_in(o->outdir, "runs.partial.csv");
	j->rows = pel_xcalloc(p->nruns + 1, sizeof *j->rows);
	j->fd = -1;
	int exists = access(j->journal, F_OK) == 0;
	if (exists && !o->resume) {
		snprintf(err, errlen,
			 "%s: expected no journal, found one left by an interrupted sweep: pass --resume to continue it, or remove the file to start over",
			 j->journal);
		pel_sweep_abandon(j);
		return 2;
	}
	j->fd = open(j->journal, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	if (j->fd < 0) {
		snprintf(err, errlen, "%s: cannot create the journal (%s)", j->journal, strerror(errno));
		pel_sweep_abandon(j);
		return 1;
	}
	if (flock(j->fd, LOCK_EX | LOCK_NB)) {
		snprintf(err, errlen, "%s: expected no other sweep writing there, found one running", j->dir);
		close(j->fd);
		j->fd = -1;
		pel_sweep_abandon(j);
		return 2;
	}
	int rc = read_journal(j, err, errlen);
	if (rc) {
		pel_sweep_abandon(j);
		return rc;
	}
	*out = j;
	return 0;
}

void pel_sweep_abandon(pel_sweep_job *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	for (size_t r = 0; r < j->p->nruns; r++)
		free(j->rows[r]);
	free(j->rows);
	free(j->dir);
	free(j->journal);
	free(j->moved);
	free(j);
}

const char *pel_sweep_moved(const pel_sweep_job *j)
{
	return j->moved;
}

/* ---- handing out runs, taking their rows ---- */

size_t pel_sweep_next(pel_sweep_job *j, size_t *runs, size_t max)
{
	const pel_sweep *p = j->p;
	size_t units = p->npoints * p->reps;
	while (j->cursor < units) {
		size_t u = j->cursor++, n = 0;
		for (size_t k = 0; k < p->npol && n < max; k++)
			if (!j->rows[u * p->npol + k])
				runs[n++] = u * p->npol + k;
		if (n)
			return n;
	}
	return 0;
}

/* Records the row of run r: journaled, kept, progress told. */
static int take_row(pel_sweep_job *j, size_t r, const char *row, char *err, size_t errlen)
{
	if (journal_append(j, row, err, errlen))
		return -1;
	j->rows[r] = pel_xstrdup(row);
	j->done++;
	if (j->o.progress)
		j->o.progress(j->o.progress_arg, j->done, j->p->nruns, j->resumed);
	return 0;
}

int pel_sweep_accept(pel_sweep_job *j, const char *row, char *err, size_t errlen)
{
	size_t r = pel_sw_row_run(j->p, row);
	if (r == (size_t)-1 || j->rows[r]) {
		snprintf(err, errlen, "a worker sent a row of no run still to do: %.200s", row);
		return -1;
	}
	return take_row(j, r, row, err, errlen);
}

int pel_sweep_lost(pel_sweep_job *j, size_t run, const char *why, char *err, size_t errlen)
{
	if (run >= j->p->nruns || j->rows[run])
		return 0;
	char *row = pel_sw_failed_row(j->p, run, NULL, why);
	int rc = take_row(j, run, row, err, errlen);
	free(row);
	return rc;
}
