/* test_harness.c - CUnit suite for the command line every test executable
 * shares (pel_t_main in harness.c), run on this executable itself
 * (PEL_T_SELF):
 *
 *  - --list prints every case as SUITE/CASE, one a line, in order, in the
 *    form CTest's test names use (lower case, '_' for punctuation);
 *  - a named case runs alone, a named suite runs whole, by its listed or
 *    its registered name; a failing case that is not named does not count;
 *  - unknown names and options, and two cases listed under one name, get
 *    one line on stderr and exit status 2; a failing case, status 1.
 *
 * $PEL_T_HARNESS_EXTRA=clash or =failing adds a suite (only for the runs
 * these cases start): two cases whose listed names clash, or a case that
 * fails. */
#include "harness.h"

#include <CUnit/CUnit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------- */

/* Runs this executable with args (NULL-terminated) and env (NULL for
 * none) into r. */
static void run_self(pel_t_result *r, const char *const *env, const char *const *args)
{
	pel_t_run_env(r, PEL_T_SELF, env, args);
}

/* The counts on the "tests" row of CUnit's run summary in out (total,
 * ran, passed, failed, inactive); 0, or -1 when there is no such row. */
static int summary_tests(const char *out, unsigned count[5])
{
	const char *row = strstr(out, "Run Summary:");
	row = row ? strstr(row, " tests ") : NULL;
	if (!row)
		return -1;
	int got = sscanf(row, " tests %u %u %u %u %u", &count[0], &count[1], &count[2], &count[3], &count[4]);
	return got == 5 ? 0 : -1;
}

/* One check: r ran `ran` cases, all passed, status 0, each of the names
 * in want shown by CUnit as run. */
static void check_ran(const pel_t_result *r, unsigned ran, const char *what, const char *const *want)
{
	unsigned count[5] = { 0 };
	int ok = r->status == 0 && !summary_tests(r->out, count) && count[1] == ran && count[2] == ran;
	for (const char *const *w = want; ok && *w; w++)
		ok = strstr(r->out, *w) != NULL;
	CHECK(ok, "%s: expected status 0 and %u cases run and passed, found status %d, %u run, %u passed; stdout: %s",
	      what, ran, r->status, count[1], count[2], r->out);
}

/* ---- subjects: the cases the runs below list and select ---------------- */

static void test_count_char(void)
{
	CU_ASSERT_EQUAL(pel_t_count_char("a\nb\n\nc", '\n'), 3);
	CU_ASSERT_EQUAL(pel_t_count_char("", '\n'), 0);
	CU_ASSERT(pel_t_starts_with("--list", "--"));
	CU_ASSERT(!pel_t_starts_with("-", "--"));
}

static void test_split_lines(void)
{
	char text[] = "one\n\ntwo\nthree";
	char *lines[4];
	CU_ASSERT_EQUAL_FATAL(pel_t_split_lines(text, lines, 4), 3);
	CU_ASSERT_STRING_EQUAL(lines[0], "one");
	CU_ASSERT_STRING_EQUAL(lines[2], "three");
}

/* fails on purpose: registered only with PEL_T_HARNESS_EXTRA=failing */
static void test_fails(void)
{
	CU_ASSERT_EQUAL(1 + 1, 3);
}

/* ---- the command line ------------------------------------------------ */

static void test_list(void)
{
	pel_t_result r;
	run_self(&r, NULL, (const char *const[]){ "--list", NULL });
	const char *want = "helpers_strings/pel_t_count_char_pel_t_starts_with\n"
			   "helpers_strings/pel_t_split_lines_skips_empty_lines\n"
			   "command_line/list_one_suite_case_a_line\n"
			   "command_line/a_named_case_runs_alone\n"
			   "command_line/a_named_suite_runs_whole\n"
			   "command_line/bad_names_and_options\n"
			   "command_line/a_failing_case_fails_the_run\n"
			   "command_line/two_cases_with_one_listed_name\n";
	CHECK(r.status == 0 && r.nerr == 0 && !strcmp(r.out, want),
	      "--list: expected status 0, no stderr and\n%sfound status %d, stderr '%s', stdout\n%s", want, r.status,
	      r.err, r.out);
	pel_t_result_free(&r);

	/* with a name: only what it selects */
	run_self(&r, NULL, (const char *const[]){ "--list", "helpers_strings", NULL });
	CHECK(r.status == 0 && !strcmp(r.out, "helpers_strings/pel_t_count_char_pel_t_starts_with\n"
					      "helpers_strings/pel_t_split_lines_skips_empty_lines\n"),
	      "--list helpers_strings: found status %d, stdout\n%s", r.status, r.out);
	pel_t_result_free(&r);
}

static void test_one_case(void)
{
	pel_t_result r;
	run_self(&r, NULL, (const char *const[]){ "helpers_strings/pel_t_split_lines_skips_empty_lines", NULL });
	check_ran(&r, 1, "listed name", (const char *const[]){ "Test: pel_t_split_lines skips empty lines", NULL });
	CHECK(!strstr(r.out, "Test: pel_t_count_char"), "listed name: ran another case too: %s", r.out);
	pel_t_result_free(&r);

	run_self(&r, NULL, (const char *const[]){ "Helpers (strings)/pel_t_count_char, pel_t_starts_with", NULL });
	check_ran(&r, 1, "registered name", (const char *const[]){ "Test: pel_t_count_char, pel_t_starts_with", NULL });
	pel_t_result_free(&r);

	/* two names, from two suites */
	run_self(&r, NULL,
		 (const char *const[]){ "helpers_strings/pel_t_count_char_pel_t_starts_with",
					"command_line/bad_names_and_options", NULL });
	check_ran(&r, 2, "two names",
		  (const char *const[]){ "Test: pel_t_count_char", "Test: bad names and options", NULL });
	pel_t_result_free(&r);
}

static void test_one_suite(void)
{
	pel_t_result r;
	run_self(&r, NULL, (const char *const[]){ "helpers_strings", NULL });
	check_ran(&r, 2, "listed suite name",
		  (const char *const[]){ "Test: pel_t_count_char", "Test: pel_t_split_lines", NULL });
	pel_t_result_free(&r);

	run_self(&r, NULL, (const char *const[]){ "Helpers (strings)", NULL });
	check_ran(&r, 2, "registered suite name", (const char *const[]){ NULL });
	pel_t_result_free(&r);
}

static void test_bad_names(void)
{
	pel_t_result r;
	run_self(&r, NULL, (const char *const[]){ "helpers_strings/no_such_case", NULL });
	pel_t_check_one_line_error(&r, "unknown case",
				   "test_harness: no case or suite is named 'helpers_strings/no_such_case'");
	pel_t_result_free(&r);

	/* a prefix of a name is not a name */
	run_self(&r, NULL, (const char *const[]){ "helpers", NULL });
	pel_t_check_one_line_error(&r, "a prefix", "no case or suite is named 'helpers'");
	pel_t_result_free(&r);

	run_self(&r, NULL, (const char *const[]){ "helpers_strings", "--bogus", NULL });
	pel_t_check_one_line_error(&r, "unknown option", "test_harness: unknown option '--bogus'; usage:");
	pel_t_result_free(&r);

	run_self(&r, NULL, (const char *const[]){ "--list", "", NULL });
	pel_t_check_one_line_error(&r, "empty name", "no case or suite is named ''");
	pel_t_result_free(&r);
}

static void test_failing(void)
{
	const char *const env[] = { "PEL_T_HARNESS_EXTRA=failing", NULL };
	pel_t_result r;
	run_self(&r, env, (const char *const[]){ "failing/fails_on_purpose", NULL });
	unsigned count[5] = { 0 };
	CHECK(r.status == 1 && !summary_tests(r.out, count) && count[1] == 1 && count[3] == 1,
	      "a failing case: expected status 1 and 1 case run and failed, found status %d; stdout: %s", r.status,
	      r.out);
	pel_t_result_free(&r);

	/* the failing case left out: not a failure */
	run_self(&r, env, (const char *const[]){ "helpers_strings", NULL });
	check_ran(&r, 2, "beside a failing case", (const char *const[]){ NULL });
	pel_t_result_free(&r);
}

static void test_clash(void)
{
	pel_t_result r;
	run_self(&r, (const char *const[]){ "PEL_T_HARNESS_EXTRA=clash", NULL }, (const char *const[]){ "--list", NULL });
	pel_t_check_one_line_error(&r, "two listed names alike",
				   "test_harness: two suites or cases are listed as 'clash/a_b': rename one");
	pel_t_result_free(&r);
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	static const pel_t_test strings[] = {
		{ "pel_t_count_char, pel_t_starts_with", test_count_char },
		{ "pel_t_split_lines skips empty lines", test_split_lines },
		{ NULL, NULL },
	};
	static const pel_t_test cmdline[] = {
		{ "--list: one SUITE/CASE a line", test_list },
		{ "a named case runs alone", test_one_case },
		{ "a named suite runs whole", test_one_suite },
		{ "bad names and options", test_bad_names },
		{ "a failing case fails the run", test_failing },
		{ "two cases with one listed name", test_clash },
		{ NULL, NULL },
	};
	static const pel_t_test clash[] = {
		{ "a b", test_count_char },
		{ "A-B", test_split_lines },
		{ NULL, NULL },
	};
	static const pel_t_test failing[] = {
		{ "fails on purpose", test_fails },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "Helpers (strings)", strings },
		{ "command line", cmdline },
		{ NULL, NULL },
	};
	static const pel_t_suite with_clash[] = {
		{ "Helpers (strings)", strings },
		{ "clash", clash },
		{ NULL, NULL },
	};
	static const pel_t_suite with_failing[] = {
		{ "Helpers (strings)", strings },
		{ "failing", failing },
		{ NULL, NULL },
	};
	const char *extra = getenv("PEL_T_HARNESS_EXTRA");
	const pel_t_suite *chosen = suites;
	if (extra && !strcmp(extra, "clash"))
		chosen = with_clash;
	else if (extra && !strcmp(extra, "failing"))
		chosen = with_failing;
	return pel_t_main(argc, argv, chosen, NULL, NULL);
}
