/* harness.h - what the CUnit suites share: running the built `pelsim` as a
 * child process with its stdout, stderr and exit status captured; checks
 * with a message that says which case failed; the rule for errors (one
 * line on stderr); JSON lines on stdout; scratch folders and files; the
 * registry of suites and the command line of every test executable (run
 * them all, --list the cases, or run the cases named).
 *
 * Linked into every test executable (tests/CMakeLists.txt), compiled with
 * the PELSIM_BIN of this build. */
#ifndef PEL_T_HARNESS_H
#define PEL_T_HARNESS_H

#include <CUnit/CUnit.h>
#include <jansson.h>

#include <stddef.h>

/* seconds a child may run before it is killed */
#define PEL_T_RUN_TIMEOUT_S 120

/* ---- running pelsim ---- */

typedef struct {
	int status; /* exit status; 128 + signal when killed; -1 when it could not run */
	char *out;  /* stdout, NUL-terminated */
	size_t nout;
	char *err; /* stderr, NUL-terminated */
	size_t nerr;
} pel_t_result;

/* Runs prog (PELSIM_BIN when NULL; else looked up on the PATH) with args
 * (NULL-terminated, at most 62), stdin from /dev/null, stdout and stderr
 * captured apart into r (both always NUL-terminated, possibly empty).
 * env, when not NULL, holds NAME=VALUE entries (NULL-terminated) that
 * replace or add to the environment.  A child running past
 * PEL_T_RUN_TIMEOUT_S is killed (status 128 + SIGKILL).  Returns the exit
 * status, also in r->status; -1 when it could not run.  Free r with
 * pel_t_result_free. */
int pel_t_run_env(pel_t_result *r, const char *prog, const char *const *env, const char *const *args);

/* How to run a child beyond pel_t_run_env's defaults. */
typedef struct {
	const char *const *env;  /* NAME=VALUE entries (NULL-terminated), or NULL */
	const char *stdout_path; /* stdout written to this file (created or
				  * truncated; r->out stays empty); NULL: captured */
	long long fsize_limit;   /* > 0: the child's RLIMIT_FSIZE in bytes, with
				  * SIGXFSZ ignored (writes past it fail with EFBIG,
				  * a full disk in small) */
} pel_t_run_opts;

/* pel_t_run_env of prog (PELSIM_BIN when NULL) under the options o (NULL:
 * none). */
int pel_t_run_with(pel_t_result *r, const char *prog, const pel_t_run_opts *o, const char *const *args);

/* pel_t_run_env of pelsim in this process's own environment. */
int pel_t_run_argv(pel_t_result *r, const char *const *args);

/* pel_t_run(&r, "run", file, "--json"): the arguments as a list */
#define pel_t_run(r, ...) pel_t_run_argv((r), (const char *const[]){ __VA_ARGS__, NULL })

/* Frees what r holds and zeroes it (a zeroed r is fine too). */
void pel_t_result_free(pel_t_result *r);

/* ---- checks with messages ---- */

/* Records a CUnit assertion (passed when ok) at file:line whose message is
 * fmt formatted; when it fails, also prints "  FILE:LINE: message" (file
 * without its folders) on stderr.  Use through PEL_T_CHECK. */
void pel_t_check_at(int ok, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define PEL_T_CHECK(cond, ...) pel_t_check_at((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
/* the short name the suites use */
#define CHECK PEL_T_CHECK

/* How many times c occurs in the string s. */
size_t pel_t_count_char(const char *s, char c);

/* Whether s begins with prefix. */
int pel_t_starts_with(const char *s, const char *prefix);

/* strcmp for qsort and bsearch over an array of char *. */
int pel_t_cmp_str(const void *a, const void *b);

/* ---- the rules for a run ---- */

/* Whether r exited with status, wrote nothing on stdout and exactly one
 * newline-terminated line (without NUL bytes) on stderr. */
int pel_t_is_one_line(const pel_t_result *r, int status);

/* The checks below record their one assertion at the line that calls
 * them (through the macros); what names the case in the message. */

/* One check: pel_t_is_one_line(r, status) and the stderr line contains
 * every string of want (NULL-terminated; NULL for none).  Returns whether
 * it passed.  (The macro takes want as its last, variadic, argument: a
 * compound literal list holds commas.) */
int pel_t_check_one_line_at(const char *file, unsigned line, const pel_t_result *r, int status, const char *what,
			    const char *const *want);
#define pel_t_check_one_line_all(r, status, what, ...) \
	pel_t_check_one_line_at(__FILE__, __LINE__, (r), (status), (what), (__VA_ARGS__))

/* The same with the one string want (NULL for none). */
#define pel_t_check_one_line(r, status, what, want) \
	pel_t_check_one_line_at(__FILE__, __LINE__, (r), (status), (what), (const char *const[]){ (want), NULL })

/* The rule for bad input: status 2, nothing on stdout, one stderr line
 * containing want (when not NULL). */
#define pel_t_check_one_line_error(r, what, want) pel_t_check_one_line((r), 2, (what), (want))

/* One check: a successful run, status 0 and nothing on stderr.  Returns
 * whether it passed. */
int pel_t_check_ok_at(const char *file, unsigned line, const pel_t_result *r, const char *what);
#define pel_t_check_ok(r, what) pel_t_check_ok_at(__FILE__, __LINE__, (r), (what))

/* The first line of stdout as a JSON object (what `pelsim dag --json` or
 * the first line of `pelsim run --json` prints), or NULL; one check that
 * it is one.  json_decref the result. */
json_t *pel_t_json_line_at(const char *file, unsigned line, const pel_t_result *r, const char *what);
#define pel_t_json_line(r, what) pel_t_json_line_at(__FILE__, __LINE__, (r), (what))

/* Every line of stdout as a JSON object, in a new array; one check per
 * line that it is one (those that are not are left out). */
json_t *pel_t_json_lines_at(const char *file, unsigned line, const pel_t_result *r, const char *what);
#define pel_t_json_lines(r, what) pel_t_json_lines_at(__FILE__, __LINE__, (r), (what))

/* ---- files ---- */

/* A new empty folder $TMPDIR/pelsim-<tag>-XXXXXX (/tmp without TMPDIR),
 * its path in buf; buf, or NULL (errno set) when it cannot be made. */
char *pel_t_tmpdir(char *buf, size_t n, const char *tag);

/* Removes dir and everything under it (symbolic links not followed);
 * 0, or -1 when something could not be removed. */
int pel_t_rm_tree(const char *dir);

/* Changes the working folder to the source tree (PEL_SOURCE_DIR), where
 * scenarios/, data/ and tests/ lie; 0, or -1 with a line on stderr.  (A
 * setup for pel_t_main.) */
int pel_t_enter_source_dir(void);

/* Whether path names anything (a broken symbolic link does not count). */
int pel_t_exists(const char *path);

/* The whole of the file path, NUL-terminated (malloc'd), or NULL when it
 * cannot be opened. */
char *pel_t_read_file(const char *path);

/* Splits text into its non-empty lines in place (at most max of them, in
 * lines); returns how many. */
size_t pel_t_split_lines(char *text, char **lines, size_t max);

/* ---- the registry and the command line ---- */

typedef struct {
	const char *name;
	CU_TestFunc fn;
} pel_t_test;

typedef struct {
	const char *name;
	const pel_t_test *tests; /* ended by { NULL, NULL } */
} pel_t_suite;

/* The main of every test executable: registers the suites (ended by
 * { NULL, NULL }), then does what the command line asks:
 *   (nothing)   runs every case (verbose);
 *   --list      prints every case as SUITE/CASE, one a line, runs nothing;
 *   NAME...     runs the cases named SUITE/CASE and the whole suites named
 *               SUITE, in the form --list prints (each name lower-cased,
 *               apostrophes dropped, every run of other characters than
 *               letters and digits made one '_') or as registered.
 * setup (NULL for none) runs before the first case, never for --list; a
 * non-zero return runs nothing.  teardown (NULL for none) runs after the
 * last case, told how many failures there were.  Returns the exit status:
 * 0 when every case run passed, 1 when one failed (or setup or CUnit did),
 * 2 for a bad command line or two cases with one name (one stderr line). */
int pel_t_main(int argc, char **argv, const pel_t_suite *suites, int (*setup)(void), void (*teardown)(unsigned failed));

#endif
