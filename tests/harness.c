/* harness.c - what the CUnit suites share; see harness.h. */
#define _GNU_SOURCE /* nftw, mkdtemp, strtok_r, environ */
#include "harness.h"

#include <CUnit/Basic.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---- running pelsim ---- */

void pel_t_result_free(pel_t_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

/* Appends k bytes of data to the NUL-terminated *buf of *n bytes; exits
 * when out of memory. */
static void append(char **buf, size_t *n, const char *data, size_t k)
{
	*buf = realloc(*buf, *n + k + 1);
	if (!*buf) {
		perror("pel_t");
		exit(1);
	}
	memcpy(*buf + *n, data, k);
	*n += k;
	(*buf)[*n] = 0;
}

/* environ with the NAME=VALUE entries of env replacing those of the same
 * name, the others added (NULL-terminated; free the array only). */
static char **env_with(const char *const *env)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	while (env && env[k])
		k++;
	char **e = calloc(n + k + 1, sizeof *e);
	if (!e)
		return NULL;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		int replaced = 0;
		for (size_t j = 0; j < k; j++)
			replaced |= !strncmp(environ[i], env[j], strcspn(env[j], "=") + 1);
		if (!replaced)
			e[m++] = environ[i];
	}
	for (size_t j = 0; j < k; j++)
		e[m++] = (char *)env[j];
	e[m] = NULL;
	return e;
}

/* Lowers this process's RLIMIT_FSIZE to limit and ignores SIGXFSZ (what
 * a child spawned now inherits), saving both; limit <= 0 does nothing. */
static void limit_fsize(long long limit, struct rlimit *saved, struct sigaction *saved_sig)
{
	if (limit <= 0)
		return;
	getrlimit(RLIMIT_FSIZE, saved);
	struct rlimit lim = *saved;
	if (lim.rlim_max == RLIM_INFINITY || (rlim_t)limit < lim.rlim_max)
		lim.rlim_cur = (rlim_t)limit;
	setrlimit(RLIMIT_FSIZE, &lim);
	struct sigaction ign;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &ign, saved_sig);
}

/* Undoes limit_fsize. */
static void restore_fsize(long long limit, const struct rlimit *saved, const struct sigaction *saved_sig)
{
	if (limit <= 0)
		return;
	setrlimit(RLIMIT_FSIZE, saved);
	sigaction(SIGXFSZ, saved_sig, NULL);
}

int pel_t_run_env(pel_t_result *r, const char *prog, const char *const *env, const char *const *args)
{
	pel_t_run_opts o = { env, NULL, 0 };
	return pel_t_run_with(r, prog, &o, args);
}

int pel_t_run_with(pel_t_result *r, const char *prog, const pel_t_run_opts *o, const char *const *args)
{
	static const pel_t_run_opts none = { NULL, NULL, 0 };
	if (!o)
		o = &none;
	const char *const *env = o->env;
	memset(r, 0, sizeof *r);
	append(&r->out, &r->nout, "", 0);
	append(&r->err, &r->nerr, "", 0);
	r->status = -1;
	const char *name = prog ? prog : "pelsim";
	const char *argv[64];
	size_t argc = 0;
	argv[argc++] = prog ? prog : PELSIM_BIN;
	for (; *args && argc < 63; args++)
		argv[argc++] = *args;
	argv[argc] = NULL;

	char **envp = env_with(env);
	int po[2], pe[2];
	if (!envp || pipe(po) || pipe(pe)) {
		perror("pipe");
		free(envp);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (o->stdout_path)
		posix_spawn_file_actions_addopen(&fa, 1, o->stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	else
		posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	posix_spawn_file_actions_addclose(&fa, po[1]);
	posix_spawn_file_actions_addclose(&fa, pe[1]);
	pid_t pid;
	struct rlimit saved_lim;
	struct sigaction saved_sig;
	limit_fsize(o->fsize_limit, &saved_lim, &saved_sig);
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, envp);
	restore_fsize(o->fsize_limit, &saved_lim, &saved_sig);
	posix_spawn_file_actions_destroy(&fa);
	free(envp);
	close(po[1]);
	close(pe[1]);
	if (rc) {
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(rc));
		close(po[0]);
		close(pe[0]);
		return -1;
	}

	struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
	int open_fds = 2, killed = 0;
	time_t deadline = time(NULL) + PEL_T_RUN_TIMEOUT_S;
	while (open_fds) {
		int left = (int)(deadline - time(NULL));
		int k = left > 0 ? poll(fds, 2, left * 1000) : 0;
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			fprintf(stderr, "%s ran past %d s: killed\n", name, PEL_T_RUN_TIMEOUT_S);
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			char buf[4096];
			ssize_t got = read(fds[i].fd, buf, sizeof buf);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			} else if (i == 0) {
				append(&r->out, &r->nout, buf, (size_t)got);
			} else {
				append(&r->err, &r->nerr, buf, (size_t)got);
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		r->status = 128 + WTERMSIG(st);
	if (killed)
		r->status = 128 + SIGKILL;
	return r->status;
}

int pel_t_run_argv(pel_t_result *r, const char *const *args)
{
	return pel_t_run_env(r, NULL, NULL, args);
}

/* ---- checks with messages ---- */

void pel_t_check_at(int ok, const char *file, unsigned line, const char *fmt, ...)
{
	/* the message is formatted only on failure: its arguments (a reason
	 * buffer filled by a failed check) may be unset when the check passed */
	char msg[2048] = "";
	if (!ok) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		const char *base = strrchr(file, '/');
		fprintf(stderr, "\n  %s:%u: %s\n", base ? base + 1 : file, line, msg);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, msg, file, "", CU_FALSE);
}

size_t pel_t_count_char(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

int pel_t_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int pel_t_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the rules for a run ---- */

int pel_t_is_one_line(const pel_t_result *r, int status)
{
	return r->status == status && r->nout == 0 && r->nerr > 0 && r->err[r->nerr - 1] == '\n' &&
	       pel_t_count_char(r->err, '\n') == 1 && strlen(r->err) == r->nerr;
}

int pel_t_check_one_line_at(const char *file, unsigned line, const pel_t_result *r, int status, const char *what,
			    const char *const *want)
{
	int ok = pel_t_is_one_line(r, status);
	char wants[1024] = "";
	size_t w = 0;
	for (const char *const *p = want; p && *p; p++) {
		ok = ok && strstr(r->err, *p);
		if (w < sizeof wants)
			w += (size_t)snprintf(wants + w, sizeof wants - w, "%s\"%s\"", p == want ? " containing " : " and ",
					      *p);
	}
	pel_t_check_at(ok, file, line,
		       "%s: expected exit status %d, empty stdout and one stderr line%s; "
		       "found status %d, %zu bytes of stdout%s%s, stderr: %s",
		       what, status, wants, r->status, r->nout, r->nout ? ": " : "", r->nout ? r->out : "",
		       r->nerr ? r->err : "(empty)\n");
	return ok;
}

int pel_t_check_ok_at(const char *file, unsigned line, const pel_t_result *r, const char *what)
{
	int ok = r->status == 0 && r->nerr == 0;
	pel_t_check_at(ok, file, line, "%s: expected exit status 0 and no stderr, found status %d, stderr: %s", what,
		       r->status, r->nerr ? r->err : "(empty)");
	return ok;
}

json_t *pel_t_json_line_at(const char *file, unsigned line, const pel_t_result *r, const char *what)
{
	json_error_t je;
	json_t *o = json_loadb(r->out, strcspn(r->out, "\n"), 0, &je);
	pel_t_check_at(o && json_is_object(o), file, line, "%s: expected a JSON object on stdout, found '%.200s' (%s)",
		       what, r->out, je.text);
	if (o && !json_is_object(o)) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

json_t *pel_t_json_lines_at(const char *file, unsigned line, const pel_t_result *r, const char *what)
{
	json_t *all = json_array();
	const char *p = r->out;
	while (*p) {
		size_t len = strcspn(p, "\n");
		json_error_t je;
		json_t *o = json_loadb(p, len, 0, &je);
		pel_t_check_at(o && json_is_object(o), file, line, "%s: expected one JSON object per line, found '%.*s'",
			       what, (int)(len > 200 ? 200 : len), p);
		if (o)
			json_array_append_new(all, o);
		p += len + (p[len] == '\n');
	}
	return all;
}

/* ---- files ---- */

char *pel_t_tmpdir(char *buf, size_t n, const char *tag)
{
	const char *t = getenv("TMPDIR");
	int k = snprintf(buf, n, "%s/pelsim-%s-XXXXXX", t && *t ? t : "/tmp", tag);
	if (k < 0 || (size_t)k >= n) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return mkdtemp(buf);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int pel_t_rm_tree(const char *dir)
{
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) ? -1 : 0;
}

int pel_t_enter_source_dir(void)
{
	if (!chdir(PEL_SOURCE_DIR))
		return 0;
	perror(PEL_SOURCE_DIR);
	return -1;
}

int pel_t_exists(const char *path)
{
	struct stat sb;
	return !stat(path, &sb);
}

char *pel_t_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0;
	char chunk[8192];
	size_t k;
	append(&buf, &n, "", 0);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&buf, &n, chunk, k);
	fclose(f);
	return buf;
}

size_t pel_t_split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *l = strtok_r(text, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	return n;
}

/* ---- the registry and the command line ---- */

/* room for a case's name, SUITE/CASE, with its NUL */
#define NAME_ROOM 256

/* Writes name into out as --list shows it: ASCII letters lower-cased,
 * digits kept, apostrophes dropped, every run of other characters one '_',
 * none at either end.
 * Returns its length, or -1 when it needs more than n bytes. */
static int listed_name(char *out, size_t n, const char *name)
{
	size_t k = 0;
	int gap = 0;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (c == '\'')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			gap = k > 0;
			continue;
		}
		if (k + 2 + (size_t)gap > n)
			return -1;
		if (gap)
			out[k++] = '_';
		gap = 0;
		out[k++] = c;
	}
	out[k] = 0;
	return (int)k;
}

/* Writes "SUITE/CASE" for test t of suite s into out (NAME_ROOM bytes),
 * as --list shows it when listed, else as registered; 0, or -1 when
 * either part has no letter or digit or the whole does not fit. */
static int case_name(char *out, const CU_Suite *s, const CU_Test *t, int listed)
{
	if (!listed) {
		int k = snprintf(out, NAME_ROOM, "%s/%s", s->pName, t->pName);
		return k < 0 || k >= NAME_ROOM ? -1 : 0;
	}
	int k = listed_name(out, NAME_ROOM, s->pName);
	if (k <= 0 || k + 2 > NAME_ROOM)
		return -1;
	out[k] = '/';
	return listed_name(out + k + 1, (size_t)(NAME_ROOM - k - 1), t->pName) > 0 ? 0 : -1;
}

/* Registers the suites with CUnit; 0, or -1 (a line on stderr) when it
 * refuses one (a duplicate name, out of memory). */
static int add_suites(const char *prog, const pel_t_suite *suites)
{
	for (; suites->name; suites++) {
		CU_pSuite s = CU_add_suite(suites->name, NULL, NULL);
		for (const pel_t_test *t = suites->tests; s && t->name; t++)
			if (!CU_add_test(s, t->name, t->fn))
				s = NULL;
		if (!s) {
			fprintf(stderr, "%s: cannot register suite '%s': %s\n", prog, suites->name, CU_get_error_msg());
			return -1;
		}
	}
	return 0;
}

/* strcmp for qsort over rows of NAME_ROOM chars */
static int cmp_row(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Checks that every suite and every case has a listed name of its own
 * (two names that differ only in case or punctuation would make one);
 * 0, or 2 with a line on stderr. */
static int check_names(const char *prog)
{
	CU_pTestRegistry reg = CU_get_registry();
	size_t n = reg->uiNumberOfSuites + reg->uiNumberOfTests, k = 0;
	char(*rows)[NAME_ROOM] = calloc(n ? n : 1, sizeof *rows);
	if (!rows) {
		perror(prog);
		exit(1);
	}
	int rc = 0;
	for (CU_pSuite s = reg->pSuite; s && !rc; s = s->pNext) {
		if (listed_name(rows[k++], NAME_ROOM, s->pName) <= 0) {
			fprintf(stderr, "%s: suite '%s' needs a letter or digit in its name\n", prog, s->pName);
			rc = 2;
		}
		for (CU_pTest t = s->pTest; t && !rc; t = t->pNext) {
			if (case_name(rows[k++], s, t, 1)) {
				fprintf(stderr, "%s: case '%s/%s' needs a letter or digit in its name, and under %d in all\n",
					prog, s->pName, t->pName, NAME_ROOM);
				rc = 2;
			}
		}
	}
	qsort(rows, k, sizeof *rows, cmp_row);
	for (size_t i = 1; i < k && !rc; i++) {
		if (!strcmp(rows[i - 1], rows[i])) {
			fprintf(stderr, "%s: two suites or cases are listed as '%s': rename one\n", prog, rows[i]);
			rc = 2;
		}
	}
	free(rows);
	return rc;
}

/* Makes active the cases that name designates (SUITE/CASE or SUITE, as
 * listed or as registered) and their suites; returns how many. */
static unsigned select_cases(const char *name)
{
	unsigned n = 0;
	char s_listed[NAME_ROOM], full[NAME_ROOM];
	for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext) {
		int whole = !strcmp(name, s->pName) ||
			    (listed_name(s_listed, sizeof s_listed, s->pName) > 0 && !strcmp(name, s_listed));
		for (CU_pTest t = s->pTest; t; t = t->pNext) {
			int hit = whole || (!case_name(full, s, t, 1) && !strcmp(name, full)) ||
				  (!case_name(full, s, t, 0) && !strcmp(name, full));
			if (hit) {
				CU_set_test_active(t, CU_TRUE);
				CU_set_suite_active(s, CU_TRUE);
				n++;
			}
		}
	}
	return n;
}

/* Makes every suite and case inactive (before select_cases). */
static void deselect_all(void)
{
	for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext) {
		CU_set_suite_active(s, CU_FALSE);
		for (CU_pTest t = s->pTest; t; t = t->pNext)
			CU_set_test_active(t, CU_FALSE);
	}
}

/* Prints the active cases as --list shows them, one a line. */
static void list_cases(void)
{
	char full[NAME_ROOM];
	for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext)
		for (CU_pTest t = s->pTest; s->fActive && t; t = t->pNext)
			if (t->fActive && !case_name(full, s, t, 1))
				printf("%s\n", full);
}

/* Runs the active cases (verbose); returns the number of failures
 * (failed asserts, suites and tests).  Inactive ones are not failures. */
static unsigned run_active(void)
{
	CU_set_fail_on_inactive(CU_FALSE);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	return CU_get_number_of_failures() + CU_get_number_of_suites_failed() + CU_get_number_of_tests_failed();
}

/* Reads the command line: sets *list, marks the cases named active;
 * 0, or 2 with a line on stderr. */
static int read_args(const char *prog, int argc, char **argv, int *list)
{
	int named = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			*list = 1;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "%s: unknown option '%s'; usage: %s [--list] [SUITE/CASE | SUITE]...\n", prog,
				argv[i], prog);
			return 2;
		} else {
			if (!named++)
				deselect_all();
			if (!select_cases(argv[i])) {
				fprintf(stderr, "%s: no case or suite is named '%s' (%s --list shows them)\n", prog,
					argv[i], prog);
				return 2;
			}
		}
	}
	return 0;
}

int pel_t_main(int argc, char **argv, const pel_t_suite *suites, int (*setup)(void), void (*teardown)(unsigned failed))
{
	const char *prog = argc > 0 ? strrchr(argv[0], '/') : NULL;
	prog = prog ? prog + 1 : argc > 0 ? argv[0] : "test";
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "%s: cannot start CUnit: %s\n", prog, CU_get_error_msg());
		return 1;
	}
	int list = 0;
	int rc = add_suites(prog, suites) ? 1 : check_names(prog);
	if (!rc)
		rc = read_args(prog, argc, argv, &list);
	if (!rc && list) {
		list_cases();
	} else if (!rc) {
		if (setup && setup()) {
			rc = 1;
		} else {
			unsigned failed = run_active();
			if (teardown)
				teardown(failed);
			rc = failed ? 1 : 0;
		}
	}
	CU_cleanup_registry();
	return rc;
}
