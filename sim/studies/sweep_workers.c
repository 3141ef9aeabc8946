/* sweep_workers.c - running a sweep's runs: in this process, or in
 * forked worker processes fed over pipes. */
#include "sweep_int.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* ---- running in this process ---- */

/* Where the rows of a run in this process go. */
typedef struct {
	pel_sweep_job *j;
	int failed;
	char *err;
	size_t errlen;
} inline_ctx;

/* Takes a row run in this process (the first failure stops the rest). */
static void emit_inline(void *arg, size_t run, const char *row)
{
	(void)run;
	inline_ctx *c = arg;
	if (!c->failed && pel_sweep_accept(c->j, row, c->err, c->errlen))
		c->failed = 1;
}

int pel_sweep_run_inline(pel_sweep_job *j, char *err, size_t errlen)
{
	size_t *runs = pel_xcalloc(j->p->npol, sizeof *runs), n;
	inline_ctx c = { j, 0, err, errlen };
	while (!c.failed && (n = pel_sweep_next(j, runs, j->p->npol)))
		pel_sweep_run_list(j->p, runs, n, emit_inline, &c);
	free(runs);
	return c.failed ? -1 : 0;
}

/* ---- running in worker processes ---- */

/* A worker process as the coordinator sees it. */
typedef struct {
	pid_t pid;
	int to, from;        /* pipes: work to the worker, rows back */
	size_t *pending;     /* runs handed out, not back yet */
	size_t npending;
	char *buf;           /* bytes read, not yet a whole line */
	size_t nbuf, cap;
} worker;

/* In a worker: sends a row to the coordinator (gone: the worker exits). */
static void emit_fd(void *arg, size_t run, const char *row)
{
	(void)run;
	int fd = *(int *)arg;
	size_t n = strlen(row);
	char *line = pel_xmalloc(n + 1);
	memcpy(line, row, n);
	line[n] = '\n';
	int bad = pel_sw_write_all(fd, line, n + 1);
	free(line);
	if (bad)
		_exit(1); /* the coordinator is gone */
}

/* A worker: reads lines of run indices, writes their rows. */
static void worker_main(const pel_sweep *p, int in, int out)
{
	FILE *f = fdopen(in, "r");
	if (!f)
		_exit(1);
	size_t *runs = pel_xcalloc(p->npol, sizeof *runs);
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		size_t n = 0;
		char *c = line, *end;
		while (n < p->npol) {
			unsigned long long r = strtoull(c, &end, 10);
			if (end == c)
				break;
			runs[n++] = (size_t)r;
			c = end;
		}
		pel_sweep_run_list(p, runs, n, emit_fd, &out);
	}
	free(line);
	free(runs);
	fclose(f);
	close(out);
	_exit(0);
}

/* Starts worker k (a fork) with its two pipes: 0, or -1 with err. */
static int spawn(pel_sweep_job *j, worker *ws, size_t nw, size_t k, char *err, size_t errlen)
{
	int a[2], b[2];
	if (pipe(a)) {
		snprintf(err, errlen, "cannot start a worker: pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe(b)) {
		snprintf(err, errlen, "cannot start a worker: pipe: %s", strerror(errno));
		close(a[0]);
		close(a[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start a worker: fork: %s", strerror(errno));
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		return -1;
	}
	if (!pid) {
		signal(SIGPIPE, SIG_DFL);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		if (getppid() != parent)
			_exit(1);
		close(a[1]);
		close(b[0]);
		close(j->fd);
		for (size_t i = 0; i < nw; i++)
			if (i != k && ws[i].pid > 0) {
				if (ws[i].to >= 0)
					close(ws[i].to);
				close(ws[i].from);
			}
		worker_main(j->p, a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	ws[k].pid = pid;
	ws[k].to = a[1];
	ws[k].from = b[0];
	ws[k].npending = 0;
	ws[k].nbuf = 0;
	return 0;
}

/* Hands worker w its next piece of work, or closes its input when none
 * is left (it then exits). */
static int feed(pel_sweep_job *j, worker *w)
{
	if (w->to < 0)
		return 0;
	w->npending = pel_sweep_next(j, w->pending, j->p->npol);
	if (!w->npending) {
		close(w->to);
		w->to = -1;
		return 0;
	}
	pel_strbuf b = { 0 };
	for (size_t i = 0; i < w->npending; i++)
		pel_strbuf_printf(&b, "%s%zu", i ? " " : "", w->pending[i]);
	pel_strbuf_puts(&b, "\n");
	int rc = pel_sw_write_all(w->to, b.s, b.n);
	free(b.s);
	return rc;
}

/* Takes the whole lines in w's buffer. */
static int take_lines(pel_sweep_job *j, worker *w, char *err, size_t errlen)
{
	size_t start = 0;
	for (size_t i = 0; i < w->nbuf; i++) {
		if (w->buf[i] != '\n')
			continue;
		w->buf[i] = 0;
		const char *row = w->buf + start;
		start = i + 1;
		size_t r = pel_sw_row_run(j->p, row), k = 0;
		while (k < w->npending && w->pending[k] != r)
			k++;
		if (k == w->npending) {
			snprintf(err, errlen, "a worker sent a row of a run not handed to it: %.200s", row);
			return -1;
		}
		w->pending[k] = w->pending[--w->npending];
		if (pel_sweep_accept(j, row, err, errlen))
			return -1;
	}
	memmove(w->buf, w->buf + start, w->nbuf - start);
	w->nbuf -= start;
	return 0;
}

/* A worker's output ended: reap it; runs it still owed failed. */
static int reap(pel_sweep_job *j, worker *w, char *err, size_t errlen)
{
	int st = 0;
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	close(w->from);
	if (w->to >= 0)
		close(w->to);
	w->to = w->from = -1;
	w->pid = -1;
	char why[128];
	if (WIFSIGNALED(st))
		snprintf(why, sizeof why, "its worker process was killed by signal %d (%s)", WTERMSIG(st),
			 strsignal(WTERMSIG(st)));
	else
		snprintf(why, sizeof why, "its worker process exited with status %d before finishing it",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	int rc = 0;
	/* in run order, so the journal reads naturally */
	while (w->npending && !rc) {
		size_t best = 0;
		for (size_t k = 1; k < w->npending; k++)
			if (w->pending[k] < w->pending[best])
				best = k;
		size_t r = w->pending[best];
		w->pending[best] = w->pending[--w->npending];
		rc = pel_sweep_lost(j, r, why, err, errlen);
	}
	return rc;
}

/* The (point, replication) pieces not handed out yet that still have a
 * run to do. */
static size_t units_left(const pel_sweep_job *j)
{
	const pel_sweep *p = j->p;
	size_t units = 0;
	for (size_t u = j->cursor; u < p->npoints * p->reps; u++)
		for (size_t k = 0; k < p->npol; k++)
			if (!j->rows[u * p->npol + k]) {
				units++;
				break;
			}
	return units;
}

/* nw workers not started yet, their buffers ready. */
static worker *workers_new(const pel_sweep *p, size_t nw)
{
	worker *ws = pel_xcalloc(nw, sizeof *ws);
	for (size_t k = 0; k < nw; k++) {
		ws[k].pid = -1;
		ws[k].to = ws[k].from = -1;
		ws[k].pending = pel_xcalloc(p->npol, sizeof *ws[k].pending);
		ws[k].cap = 65536;
		ws[k].buf = pel_xmalloc(ws[k].cap);
	}
	return ws;
}

/* Kills the workers still running, waits for them and frees them all. */
static void workers_stop(worker *ws, size_t nw)
{
	for (size_t k = 0; k < nw; k++) {
		if (ws[k].pid > 0) {
			if (ws[k].to >= 0)
				close(ws[k].to);
			kill(ws[k].pid, SIGKILL);
			while (waitpid(ws[k].pid, NULL, 0) < 0 && errno == EINTR)
				;
			close(ws[k].from);
		}
		free(ws[k].pending);
		free(ws[k].buf);
	}
	free(ws);
}

/* Reads what worker k has written: takes its rows and feeds it, or, at
 * the end of its output, reaps it and starts another while work is left
 * (*changed: the poll set changed).  0, or -1 with err. */
static int serve(pel_sweep_job *j, worker *ws, size_t nw, size_t k, int *changed, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	worker *w = &ws[k];
	if (w->cap - w->nbuf < 4096)
		w->buf = pel_xrealloc(w->buf, w->cap *= 2);
	ssize_t n = read(w->from, w->buf + w->nbuf, w->cap - w->nbuf);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n > 0) {
		w->nbuf += (size_t)n;
		int rc = take_lines(j, w, err, errlen);
		if (!rc && !w->npending)
			feed(j, w);
		return rc;
	}
	/* end of its output: done, or died */
	*changed = 1;
	int rc = reap(j, w, err, errlen);
	if (!rc && j->cursor < p->npoints * p->reps) {
		/* a worker that died takes its piece with it; the rest goes on */
		rc = spawn(j, ws, nw, k, err, errlen);
		if (!rc)
			feed(j, &ws[k]);
	}
	return rc;
}

int pel_sweep_run_local(pel_sweep_job *j, int jobs, char *err, size_t errlen)
{
	const pel_sweep *p = j->p;
	size_t units = units_left(j);
	size_t nw = jobs < 1 ? 1 : (size_t)jobs;
	if (nw > units)
		nw = units;
	if (!nw)
		return 0;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	worker *ws = workers_new(p, nw);
	struct pollfd *fds = pel_xcalloc(nw, sizeof *fds);
	int rc = 0;
	for (size_t k = 0; k < nw && !rc; k++) {
		rc = spawn(j, ws, nw, k, err, errlen);
		if (!rc)
			feed(j, &ws[k]); /* a worker that died at once is seen as EOF below */
	}
	for (;;) {
		size_t nf = 0;
		for (size_t k = 0; k < nw; k++)
			if (ws[k].pid > 0)
				fds[nf++] = (struct pollfd){ ws[k].from, POLLIN, 0 };
		if (!nf || rc)
			break;
		int got = poll(fds, nf, -1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			rc = -1;
			break;
		}
		int changed = 0;
		for (size_t i = 0; i < nf && !rc && !changed; i++) {
			if (!fds[i].revents)
				continue;
			size_t k = 0;
			while (k < nw && ws[k].from != fds[i].fd)
				k++;
			if (k < nw)
				rc = serve(j, ws, nw, k, &changed, err, errlen);
		}
	}
	workers_stop(ws, nw);
	free(fds);
	sigaction(SIGPIPE, &old, NULL);
	return rc;
}
