/* plot.c - gnuplot: the figure formats, the templates' folder, quoting
 * for gnuplot, and running gnuplot on a template (its figure copied into
 * a file written whole). */
#include "plot_int.h"

#include "../../common/alloc.h"
#include "../formats/csv.h"
#include "../formats/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PEL_PLOTS_DIR
#define PEL_PLOTS_DIR "plots"
#endif

extern char **environ;

/* Formats a message into err (n bytes). */
void pel_pl_say(char *err, size_t n, const char *fmt, ...)
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

/* ---- quoting for gnuplot ---- */

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
void pel_pl_put_dq(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' : *s == '\\' ? '/' : ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
	fputc('"', f);
}

/* s as pel_pl_put_dq writes it, appended to b. */
void pel_pl_buf_dq(pel_strbuf *b, const char *s)
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

/* The -e command of gnuplot: the format, the output (its stdout) and
 * the parameters (allocated). */
static char *gnuplot_command(const pel_plot_param *params, size_t nparams, pel_plot_format f)
{
	pel_strbuf cmd = { 0 };
	pel_strbuf_printf(&cmd, "fmt='%s'; outfile='/dev/stdout'", format_names[f]);
	for (size_t i = 0; i < nparams; i++) {
		pel_strbuf_printf(&cmd, "; %s=", params[i].name);
		if (params[i].number)
			pel_strbuf_printf(&cmd, "%s", params[i].value);
		else
			buf_gp_string(&cmd, params[i].value);
	}
	return cmd.s;
}

/* Starts gnuplot on script with command cmd, its stdout into *out and
 * its stderr into *errfd (stdin: /dev/null): PEL_PLOT_OK and *pid, or
 * an error code with err. */
static int gnuplot_start(char *cmd, char *script, pid_t *pid, int *out, int *errfd, char *err, size_t errlen)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	if (pipe(po) || pipe(pe)) {
		pel_pl_say(err, errlen, "gnuplot: cannot make a pipe (%s)", strerror(errno));
		for (int i = 0; i < 2; i++) {
			if (po[i] >= 0)
				close(po[i]);
			if (pe[i] >= 0)
				close(pe[i]);
		}
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
	char *argv[] = { "gnuplot", "-e", cmd, script, NULL };
	int rc = posix_spawnp(pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc) {
		close(po[0]);
		close(pe[0]);
		if (rc == ENOENT)
			pel_pl_say(err, errlen, "gnuplot: expected gnuplot on the PATH, found none (Debian: apt-get install gnuplot-nox)");
		else
			pel_pl_say(err, errlen, "gnuplot: cannot be run (%s)", strerror(rc));
		return PEL_PLOT_BAD_INPUT;
	}
	*out = po[0];
	*errfd = pe[0];
	return PEL_PLOT_OK;
}

/* Copies the figure of a started gnuplot into fig, waits for it and
 * judges its run: PEL_PLOT_OK, or PEL_PLOT_GNUPLOT_FAILED with err (why,
 * from its stderr). */
static int gnuplot_finish(pid_t pid, int out, int errfd, pel_outfile *fig, const char *script,
			  const char *outfile, char *err, size_t errlen)
{
	pel_strbuf msg = { 0 };
	pel_strbuf_add(&msg, "", 0);
	drain_gnuplot(out, errfd, fig, &msg);
	close(out);
	close(errfd);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	char reason[512];
	gnuplot_reason(msg.s, reason, sizeof reason);
	free(msg.s);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		if (WIFEXITED(st))
			pel_pl_say(err, errlen, "gnuplot failed on %s (exit status %d): %s", script, WEXITSTATUS(st), reason);
		else
			pel_pl_say(err, errlen, "gnuplot failed on %s (killed by signal %d)", script,
				   WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	if (!ferror(fig->f) && ftello(fig->f) == 0) {
		pel_pl_say(err, errlen, "gnuplot wrote nothing to %s from %s: %s", outfile, script, reason);
		return PEL_PLOT_GNUPLOT_FAILED;
	}
	return PEL_PLOT_OK;
}

int pel_plot_gnuplot(const char *name, const pel_plot_param *params, size_t nparams,
		     const char *outfile, pel_plot_format f, char *err, size_t errlen)
{
	char script[4096];
	snprintf(script, sizeof script, "%s/%s.gp", pel_plot_templates(), name);
	if (access(script, R_OK)) {
		pel_pl_say(err, errlen, "%s: expected the gnuplot template %s.gp, found none (%s); PELSIM_PLOTS names the folder of the templates",
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
		pel_pl_say(err, errlen, "expected a file that can be written, found '%s' (%s)", outfile, strerror(errno));
		return PEL_PLOT_BAD_INPUT;
	}
	char *cmd = gnuplot_command(params, nparams, f);
	pid_t pid;
	int out, errfd;
	int rc = gnuplot_start(cmd, script, &pid, &out, &errfd, err, errlen);
	free(cmd);
	if (!rc)
		rc = gnuplot_finish(pid, out, errfd, &fig, script, outfile, err, errlen);
	if (rc) {
		pel_out_discard(&fig);
		return rc;
	}
	if (pel_out_commit(&fig, err, errlen))
		return PEL_PLOT_GNUPLOT_FAILED;
	return PEL_PLOT_OK;
}
