/* test_plot.c - `pelsim plot` and `pelsim run --gantt`, run as child
 * processes: every template draws PNG, SVG and PDF from the summaries of
 * tests/data/plot/; the derived speedup and efficiency of a hand-made
 * summary are right (against the capacity, or the slots of a summary
 * without capacity); bad input gets one line and exit status 2, a failing
 * gnuplot one line and exit status 1.
 *
 * PELSIM_BIN is the pelsim of this build and PEL_SOURCE_DIR the source
 * root, where the tests run.  Figures go to a temporary folder, removed at
 * the end. */
#define _GNU_SOURCE
#include "harness.h"

#include <CUnit/Basic.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/plot"
#define HEFT "scenarios/papers/topcuoglu2002.yaml"

static char tmpdir[256];

/* ---- running pelsim ---- */

/* pelsim with the one environment entry env (NAME=VALUE) set */
#define run_with(r, env, ...) \
	pel_t_run_env((r), NULL, (const char *const[]){ env, NULL }, (const char *const[]){ __VA_ARGS__, NULL })

/* ---- files ---- */

/* 1 when path is a non-empty file of format fmt (by its magic bytes). */
static int is_image(const char *path, const char *fmt, char *why, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, n, "%s: %s", path, strerror(errno));
		return 0;
	}
	char head[64] = { 0 };
	size_t k = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	int ok;
	if (!strcmp(fmt, "png"))
		ok = k >= 4 && !memcmp(head, "\x89PNG", 4);
	else if (!strcmp(fmt, "pdf"))
		ok = k >= 4 && !memcmp(head, "%PDF", 4);
	else
		ok = k >= 4 && (!memcmp(head, "<?xml", 5) || !memcmp(head, "<svg", 4));
	if (!ok)
		snprintf(why, n, "%s: expected a %s file, found %zu bytes starting '%.8s'", path, fmt, k, head);
	return ok;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

/* ---- the figures of the test sweeps, in every format ---- */

static const char *const formats[] = { "png", "svg", "pdf" };

/* Draws DATA/name in format fmt; checks the list printed: every line a
 * file, images of the right kind, the figures expected there (and only
 * those: want is a list of names like "makespan speedup"). */
static void plot_and_check(const char *name, const char *fmt, const char *want)
{
	char in[512], out[512];
	snprintf(in, sizeof in, "%s/%s", DATA, name);
	snprintf(out, sizeof out, "%s/%s-%s", tmpdir, name, fmt);
	pel_t_result r;
	pel_t_run(&r, "plot", in, "--format", fmt, "--out", out);
	CHECK(r.status == 0 && r.nerr == 0, "plot %s --format %s: expected status 0 and no message, found %d: %s",
	      in, fmt, r.status, r.err);
	size_t images = 0, wanted = 0;
	char *save = NULL, *list = strdup(want);
	for (char *w = strtok_r(list, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char img[600];
		snprintf(img, sizeof img, "%s/%s.%s\n", out, w, fmt);
		CHECK(strstr(r.out, img) != NULL, "plot %s --format %s: expected %s among the files, found:\n%s", in,
		      fmt, w, r.out);
		wanted++;
	}
	free(list);
	char *copy = strdup(r.out);
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char why[600];
		CHECK(!strncmp(line, out, strlen(out)), "plot %s: expected paths under %s, found '%s'", in, out, line);
		if (ends_with(line, ".dat")) {
			struct stat sb;
			CHECK(!stat(line, &sb) && sb.st_size > 0, "%s: expected a non-empty data file", line);
			continue;
		}
		images++;
		CHECK(ends_with(line, fmt), "%s: expected the extension .%s", line, fmt);
		CHECK(is_image(line, fmt, why, sizeof why), "%s", why);
	}
	free(copy);
	CHECK(images == wanted, "plot %s --format %s: expected %zu figures, found %zu:\n%s", in, fmt, wanted, images,
	      r.out);
	pel_t_result_free(&r);
}

static void test_every_format(void)
{
	for (size_t f = 0; f < 3; f++) {
		plot_and_check("strong", formats[f], "makespan speedup efficiency slr compare_makespan");
		plot_and_check("ccr", formats[f], "makespan slr compare_makespan");
	}
	plot_and_check("weak", "png", "makespan speedup efficiency slr compare_makespan");
	plot_and_check("product", "pdf", "makespan speedup efficiency slr compare_makespan");
	plot_and_check("hand", "svg", "makespan speedup efficiency slr compare_makespan");
	plot_and_check("no_capacity", "svg", "makespan speedup efficiency slr compare_makespan");
}

/* axes.csv beside the summary (sweep.labels) names the x axis: the SVG
 * carries the label's text; the summary without it gets the default name. */
static void test_axis_label(void)
{
	char svg[600], *text = NULL;
	plot_and_check("hand", "svg", "makespan speedup efficiency slr compare_makespan");
	snprintf(svg, sizeof svg, "%s/hand-svg/makespan.svg", tmpdir);
	text = pel_t_read_file(svg);
	CHECK(text && strstr(text, "GPUs, beside 8 cores"), "%s: expected the label of axes.csv", svg);
	free(text);
	plot_and_check("no_capacity", "svg", "makespan speedup efficiency slr compare_makespan");
	snprintf(svg, sizeof svg, "%s/no_capacity-svg/makespan.svg", tmpdir);
	text = pel_t_read_file(svg);
	CHECK(text && strstr(text, "devices of entry 1 (count)") && !strstr(text, "GPUs, beside"),
	      "%s: expected the default axis name", svg);
	free(text);
}

static void test_default_format_and_out(void)
{
	/* default: PDF, beside summary.csv */
	char dir[512], csv[600], src[512];
	snprintf(dir, sizeof dir, "%s/here", tmpdir);
	mkdir(dir, 0777);
	snprintf(csv, sizeof csv, "%s/summary.csv", dir);
	snprintf(src, sizeof src, "%s/hand/summary.csv", DATA);
	FILE *a = fopen(src, "rb"), *b = fopen(csv, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, a)))
		fwrite(buf, 1, k, b);
	fclose(a);
	fclose(b);
	pel_t_result r;
	pel_t_run(&r, "plot", dir);
	CHECK(r.status == 0, "plot %s: expected status 0, found %d: %s", dir, r.status, r.err);
	char pdf[600], why[700];
	snprintf(pdf, sizeof pdf, "%s/makespan.pdf", dir);
	CHECK(is_image(pdf, "pdf", why, sizeof why), "%s", why);
	snprintf(pdf, sizeof pdf, "%s/compare_makespan.pdf", dir);
	CHECK(is_image(pdf, "pdf", why, sizeof why), "%s", why);
	pel_t_result_free(&r);
}

/* ---- the derived values ---- */

typedef struct {
	char title[64];
	double x, mean, ci;
} dat_row;

/* Reads a scaling data file: blocks with a quoted title line, then rows
 * x xplot mean ci95 ...  Returns the row count. */
static size_t read_dat(const char *path, dat_row *rows, size_t max)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[1024], title[64] = "";
	size_t n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == '"') {
			snprintf(title, sizeof title, "%.*s", (int)strcspn(line + 1, "\""), line + 1);
			continue;
		}
		double x, xp, m, c;
		if (n < max && sscanf(line, "%lf %lf %lf %lf", &x, &xp, &m, &c) == 4) {
			snprintf(rows[n].title, sizeof rows[n].title, "%s", title);
			rows[n].x = x;
			rows[n].mean = m;
			rows[n].ci = c;
			n++;
		}
	}
	fclose(f);
	return n;
}

static void check_rows(const char *path, const dat_row *want, size_t nwant)
{
	dat_row got[32];
	size_t n = read_dat(path, got, 32);
	CHECK(n == nwant, "%s: expected %zu rows, found %zu", path, nwant, n);
	for (size_t i = 0; i < n && i < nwant; i++)
		CHECK(!strcmp(got[i].title, want[i].title) && got[i].x == want[i].x &&
			      fabs(got[i].mean - want[i].mean) < 1e-9 && fabs(got[i].ci - want[i].ci) < 1e-6,
		      "%s row %zu: expected %s x=%g mean=%.9g ci=%.9g, found %s x=%g mean=%.9g ci=%.9g", path, i,
		      want[i].title, want[i].x, want[i].mean, want[i].ci, got[i].title, got[i].x, got[i].mean,
		      got[i].ci);
}

/* The first line of a data file. */
static int first_line(const char *path, char *line, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int ok = fgets(line, (int)n, f) != NULL;
	fclose(f);
	return ok ? 0 : -1;
}

/* The speedup, efficiency and ideal of a summary shaped like hand/ (heft
 * 100 +- 4, 50 +- 2, 40 +- 0; eager 120 +- 6, 80 +- 4, 60 +- 3) whose
 * machine measures c[0], c[1], c[2] in cname (capacity or slots), drawn
 * into out. */
static void check_scaling(const char *out, const double *c, const char *cname)
{
	char path[600];
	/* S = T1 / T; ci = S sqrt((c1/T1)^2 + (c/T)^2), 0 at the first point */
	const dat_row speedup[] = {
		{ "heft", 1, 1, 0 },
		{ "heft", 2, 2, 2 * sqrt(0.04 * 0.04 + 0.04 * 0.04) },
		{ "heft", 4, 2.5, 2.5 * 0.04 },
		{ "eager", 1, 1, 0 },
		{ "eager", 2, 1.5, 1.5 * sqrt(0.05 * 0.05 + 0.05 * 0.05) },
		{ "eager", 4, 2, 2 * sqrt(0.05 * 0.05 + 0.05 * 0.05) },
	};
	snprintf(path, sizeof path, "%s/speedup.dat", out);
	check_rows(path, speedup, 6);

	/* E = S C(first) / C */
	dat_row eff[6];
	for (int i = 0; i < 6; i++) {
		double ratio = c[0] / c[i % 3];
		eff[i] = speedup[i];
		eff[i].mean *= ratio;
		eff[i].ci *= ratio;
	}
	snprintf(path, sizeof path, "%s/efficiency.dat", out);
	check_rows(path, eff, 6);
	char line[512], want[64];
	snprintf(want, sizeof want, "speedup * %s(first point) / %s(point)", cname, cname);
	CHECK(!first_line(path, line, sizeof line) && strstr(line, want), "%s: expected a first line naming %s, found %s",
	      path, want, line);

	/* the ideal speedup is the ratio C / C(first) */
	snprintf(path, sizeof path, "%s/speedup.ideal.dat", out);
	FILE *f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	double want_x[] = { 1, 2, 4 };
	int k = 0;
	while (fgets(line, sizeof line, f)) {
		double x, y;
		if (line[0] == '#' || sscanf(line, "%lf %lf", &x, &y) != 2)
			continue;
		CHECK(k < 3 && x == want_x[k] && y == c[k] / c[0], "%s: row %d: expected %g %g, found %g %g", path, k,
		      k < 3 ? want_x[k] : 0, k < 3 ? c[k] / c[0] : 0, x, y);
		k++;
	}
	fclose(f);
	CU_ASSERT_EQUAL(k, 3);
}

static void test_derived_values(void)
{
	/* hand/summary.csv: slots 4, 8, 16 but capacity 4, 10, 30 Gflop/s
	 * (the GPUs added are worth more than cores): the capacity counts */
	char out[512], path[600];
	snprintf(out, sizeof out, "%s/derived", tmpdir);
	pel_t_result r;
	pel_t_run(&r, "plot", DATA "/hand", "--format", "png", "--out", out);
	CHECK(r.status == 0, "plot hand: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);

	const dat_row makespan[] = {
		{ "heft", 1, 100, 4 }, { "heft", 2, 50, 2 },   { "heft", 4, 40, 0 },
		{ "eager", 1, 120, 6 }, { "eager", 2, 80, 4 }, { "eager", 4, 60, 3 },
	};
	snprintf(path, sizeof path, "%s/makespan.dat", out);
	check_rows(path, makespan, 6);

	const double cap[] = { 4e9, 1e10, 3e10 };
	check_scaling(out, cap, "capacity");
	/* by hand: heft 2 / 2.5 at 2, 2.5 / 7.5 at 4; eager 1.5 / 2.5 at 2 */
	dat_row got[8];
	snprintf(path, sizeof path, "%s/efficiency.dat", out);
	CU_ASSERT_EQUAL_FATAL(read_dat(path, got, 8), 6);
	CU_ASSERT_DOUBLE_EQUAL(got[1].mean, 0.8, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(got[2].mean, 1.0 / 3, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(got[4].mean, 0.6, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(got[5].mean, 2 / 7.5, 1e-9);

	/* the bars: one row per x, mean and ci per policy */
	snprintf(path, sizeof path, "%s/compare_makespan.dat", out);
	FILE *f = fopen(path, "r");
	char line[256];
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	const char *want_lines[] = {
		"\"platform.devices.1.count\" \"heft\" \"heft ci95\" \"eager\" \"eager ci95\"\n",
		"\"1\" 100 4 120 6\n",
		"\"2\" 50 2 80 4\n",
		"\"4\" 40 0 60 3\n",
	};
	int k = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		CHECK(k < 4 && !strcmp(line, want_lines[k]), "%s: line %d: expected %s found %s", path, k,
		      k < 4 ? want_lines[k] : "(none)\n", line);
		k++;
	}
	fclose(f);
	CU_ASSERT_EQUAL(k, 4);

	/* no speedup where the capacity does not change: the CCR study */
	snprintf(out, sizeof out, "%s/derived-ccr", tmpdir);
	pel_t_run(&r, "plot", DATA "/ccr", "--format", "png", "--out", out);
	CHECK(r.status == 0 && !strstr(r.out, "speedup") && !strstr(r.out, "efficiency"),
	      "plot ccr: expected status 0 and no speedup or efficiency figure, found %d:\n%s%s", r.status, r.out,
	      r.err);
	pel_t_result_free(&r);

	/* an axis that does not follow from the first splits the policies */
	snprintf(out, sizeof out, "%s/derived-product", tmpdir);
	pel_t_run(&r, "plot", DATA "/product", "--format", "png", "--out", out);
	CHECK(r.status == 0, "plot product: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	snprintf(path, sizeof path, "%s/makespan.dat", out);
	dat_row many[32];
	size_t n = read_dat(path, many, 32);
	CU_ASSERT_EQUAL(n, 12);
	int seen[4] = { 0 };
	const char *titles[] = { "heft (tasks=100)", "eager (tasks=100)", "heft (tasks=400)", "eager (tasks=400)" };
	for (size_t i = 0; i < n; i++)
		for (int t = 0; t < 4; t++)
			seen[t] += !strcmp(many[i].title, titles[t]);
	for (int t = 0; t < 4; t++)
		CHECK(seen[t] == 3, "%s: expected 3 rows titled '%s', found %d", path, titles[t], seen[t]);
}

/* A summary written before the capacity column (no_capacity/: hand's
 * without it) still plots: speedup and efficiency against the slots. */
/* A weak-scaling study: efficiency T(first) / T, ideal 1; scaled speedup
 * efficiency x C / C(first).  Told by study.csv beside the summary (as
 * pelsim sweep writes it from sweep.scaling) or by --scaling. */
static void test_weak_scaling(void)
{
	char dir[512], out[512], path[700];
	snprintf(dir, sizeof dir, "%s/weak", tmpdir);
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0777), 0);
	char *sum = pel_t_read_file(DATA "/hand/summary.csv");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(sum, f);
	fclose(f);
	free(sum);
	snprintf(path, sizeof path, "%s/study.csv", dir);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("key,value\nscaling,weak\n", f);
	fclose(f);

	/* hand/summary.csv: heft 100, 50, 40 s and eager 120, 80, 60 s on
	 * capacities 4, 10, 30 Gflop/s */
	const double eff[] = { 1, 2, 2.5, 1, 1.5, 2 };
	const double scaled[] = { 1, 5, 18.75, 1, 3.75, 15 };
	const char *how[][3] = { { dir, NULL, NULL }, { DATA "/hand", "--scaling", "weak" } };
	for (int k = 0; k < 2; k++) {
		snprintf(out, sizeof out, "%s/weak-out%d", tmpdir, k);
		pel_t_result r;
		if (how[k][1])
			pel_t_run(&r, "plot", how[k][0], how[k][1], how[k][2], "--format", "png", "--out", out);
		else
			pel_t_run(&r, "plot", how[k][0], "--format", "png", "--out", out);
		CHECK(r.status == 0, "plot %s: expected status 0, found %d: %s", how[k][0], r.status, r.err);
		pel_t_result_free(&r);
		dat_row got[8];
		snprintf(path, sizeof path, "%s/efficiency.dat", out);
		CU_ASSERT_EQUAL_FATAL(read_dat(path, got, 8), 6);
		for (int i = 0; i < 6; i++)
			CHECK(fabs(got[i].mean - eff[i]) < 1e-9, "%s: row %d: expected %g, found %g", path, i, eff[i],
			      got[i].mean);
		snprintf(path, sizeof path, "%s/speedup.dat", out);
		CU_ASSERT_EQUAL_FATAL(read_dat(path, got, 8), 6);
		for (int i = 0; i < 6; i++)
			CHECK(fabs(got[i].mean - scaled[i]) < 1e-9, "%s: row %d: expected %g, found %g", path, i,
			      scaled[i], got[i].mean);
	}
	/* --scaling strong overrides study.csv: the strong efficiency again */
	snprintf(out, sizeof out, "%s/weak-strong", tmpdir);
	pel_t_result r;
	pel_t_run(&r, "plot", dir, "--scaling", "strong", "--format", "png", "--out", out);
	CHECK(r.status == 0, "plot --scaling strong: status %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	dat_row got[8];
	snprintf(path, sizeof path, "%s/efficiency.dat", out);
	CU_ASSERT_EQUAL_FATAL(read_dat(path, got, 8), 6);
	CU_ASSERT_DOUBLE_EQUAL(got[1].mean, 0.8, 1e-12);
	pel_t_run(&r, "plot", dir, "--scaling", "sideways");
	pel_t_check_one_line_error(&r, "--scaling sideways",
				   "pelsim plot: --scaling: expected strong or weak, found 'sideways'");
	pel_t_result_free(&r);
}

static void test_no_capacity(void)
{
	char out[512];
	snprintf(out, sizeof out, "%s/no-capacity", tmpdir);
	pel_t_result r;
	pel_t_run(&r, "plot", DATA "/no_capacity", "--format", "png", "--out", out);
	CHECK(r.status == 0 && r.nerr == 0, "plot no_capacity: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	const double slots[] = { 4, 8, 16 };
	check_scaling(out, slots, "slots");
	char path[600];
	dat_row got[8];
	snprintf(path, sizeof path, "%s/efficiency.dat", out);
	CU_ASSERT_EQUAL_FATAL(read_dat(path, got, 8), 6);
	CU_ASSERT_DOUBLE_EQUAL(got[2].mean, 0.625, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(got[4].mean, 0.75, 1e-12);
}

static void test_failed_points(void)
{
	/* failed/summary.csv: hand's, with eager's first point and heft's
	 * second failed (empty cells): gaps, and eager's speedup counted from
	 * its first point with a makespan */
	char out[512], path[600];
	snprintf(out, sizeof out, "%s/failed", tmpdir);
	pel_t_result r;
	pel_t_run(&r, "plot", DATA "/failed", "--format", "pdf", "--out", out);
	CHECK(r.status == 0 && r.nerr == 0, "plot failed: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	dat_row got[32];
	snprintf(path, sizeof path, "%s/speedup.dat", out);
	size_t n = read_dat(path, got, 32);
	CU_ASSERT_EQUAL_FATAL(n, 6);
	CHECK(got[0].mean == 1 && isnan(got[1].mean) && fabs(got[2].mean - 2.5) < 1e-9,
	      "%s: heft: expected 1, NaN, 2.5, found %g %g %g", path, got[0].mean, got[1].mean, got[2].mean);
	CHECK(isnan(got[3].mean) && got[4].mean == 1 && got[4].ci == 0 && fabs(got[5].mean - 80.0 / 60) < 1e-9,
	      "%s: eager: expected NaN, 1, 4/3, found %g %g %g", path, got[3].mean, got[4].mean, got[5].mean);
	snprintf(path, sizeof path, "%s/efficiency.dat", out);
	n = read_dat(path, got, 32);
	CU_ASSERT_EQUAL_FATAL(n, 6);
	/* against eager's first point with a makespan: capacity 10 Gflop/s */
	CHECK(fabs(got[5].mean - 80.0 / 60 * 10 / 30) < 1e-9, "%s: eager at 4: expected %g, found %g", path,
	      80.0 / 60 * 10 / 30, got[5].mean);
}

/* ---- the Gantt chart ---- */

static void test_gantt(void)
{
	char path[512], why[700];
	pel_t_result r;
	for (size_t f = 0; f < 3; f++) {
		snprintf(path, sizeof path, "%s/gantt.%s", tmpdir, formats[f]);
		pel_t_run(&r, "run", HEFT, "--gantt", path);
		CHECK(r.status == 0 && r.nerr == 0 && strstr(r.out, "makespan     80 s"),
		      "run --gantt %s: expected status 0 and the summary, found %d: %s%s", path, r.status, r.out,
		      r.err);
		CHECK(is_image(path, formats[f], why, sizeof why), "%s", why);
		pel_t_result_free(&r);
	}

	/* several policies: one chart each, named like --schedule's files */
	snprintf(path, sizeof path, "%s/g.png", tmpdir);
	pel_t_run(&r, "run", HEFT, "--policy", "heft,cpop", "--gantt", path);
	CHECK(r.status == 0, "run --policy heft,cpop --gantt: expected status 0, found %d: %s", r.status, r.err);
	pel_t_result_free(&r);
	const char *const per[] = { "g.heft.png", "g.cpop.png" };
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, per[i]);
		CHECK(is_image(path, "png", why, sizeof why), "%s", why);
	}
	snprintf(path, sizeof path, "%s/g.png", tmpdir);
	CHECK(!pel_t_exists(path), "%s: expected no file without the policy name", path);

	/* a bigger platform: slots, kinds, transfers */
	snprintf(path, sizeof path, "%s/demo.pdf", tmpdir);
	pel_t_run(&r, "run", "scenarios/demo.yaml", "--gantt", path);
	CHECK(r.status == 0, "run demo --gantt: expected status 0, found %d: %s", r.status, r.err);
	CHECK(is_image(path, "pdf", why, sizeof why), "%s", why);
	pel_t_result_free(&r);

	pel_t_run(&r, "run", HEFT, "--gantt", "x.jpg");
	pel_t_check_one_line(&r, 2, "--gantt x.jpg", "pelsim run: --gantt: expected a file name ending in .pdf, .png or .svg, found 'x.jpg'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--gantt", "gantt");
	pel_t_check_one_line(&r, 2, "--gantt without extension", "found 'gantt'");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", HEFT, "--gantt", "/nonexistent/dir/g.png");
	pel_t_check_one_line(&r, 2, "--gantt into a missing folder",
			     "pelsim run: --gantt: expected a file that can be written, found '/nonexistent/dir/g.png'");
	pel_t_result_free(&r);
}

/* ---- errors ---- */

static void test_bad_summaries(void)
{
	static const struct {
		const char *dir, *want;
	} cases[] = {
		{ DATA "/bad/no_makespan", DATA "/bad/no_makespan/summary.csv:1: expected a column 'makespan_mean', found none" },
		{ DATA "/bad/not_number", DATA "/bad/not_number/summary.csv:4: makespan_mean: expected a number or an empty cell, found 'fifty'" },
		{ DATA "/bad/bad_capacity", DATA "/bad/bad_capacity/summary.csv:4: capacity: expected a positive number or an empty cell, found '0'" },
		{ DATA "/bad/short_row", DATA "/bad/short_row/summary.csv:5: expected 15 fields as in the header, found 14" },
		{ DATA "/bad/empty", DATA "/bad/empty/summary.csv:1: expected a header line" },
		{ DATA "/bad/no_rows", DATA "/bad/no_rows/summary.csv:2: expected at least one row after the header, found none" },
		{ DATA "/bad/no_policy", DATA "/bad/no_policy/summary.csv:1: expected a column 'policy', found none" },
		{ DATA "/bad/no_axis", DATA "/bad/no_axis/summary.csv:1: expected at least one sweep axis between 'point' and 'policy'" },
		{ DATA "/bad/all_failed", DATA "/bad/all_failed/summary.csv: makespan_mean: expected a value in at least one row, found none" },
		{ DATA "/no_such_dir", DATA "/no_such_dir/summary.csv: expected the summary of a sweep (pelsim sweep writes it), found none" },
		{ DATA, DATA "/summary.csv: expected the summary of a sweep" },
	};
	char out[512];
	snprintf(out, sizeof out, "%s/bad-out", tmpdir);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pel_t_result r;
		pel_t_run(&r, "plot", cases[i].dir, "--out", out);
		pel_t_check_one_line(&r, 2, cases[i].dir, cases[i].want);
		pel_t_result_free(&r);
	}
	CHECK(!pel_t_exists(out), "%s: expected no folder made for bad input", out);
}

/* A folder tmpdir/name holding hand's summary.csv and the files given
 * (name, text; NULL-terminated pairs); its path in dir. */
static void hand_folder(char *dir, size_t n, const char *name, const char *const *files)
{
	char path[700];
	snprintf(dir, n, "%s/%s", tmpdir, name);
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0777), 0);
	char *sum = pel_t_read_file(DATA "/hand/summary.csv");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(sum, f);
	fclose(f);
	free(sum);
	for (size_t i = 0; files[i]; i += 2) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		f = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fputs(files[i + 1], f);
		fclose(f);
	}
}

/* Malformed study.csv and axes.csv beside a good summary: one line naming
 * file:line:column and the field, exit status 2, nothing drawn. */
static void test_bad_study_axes(void)
{
	static const struct {
		const char *file, *text, *want;
	} cases[] = {
		{ "study.csv", "", "study.csv:1:1: header: expected 'key,value', found an empty file" },
		{ "study.csv", "key,val\nscaling,weak\n", "study.csv:1:1: header: expected 'key,value', found 'key,val'" },
		{ "study.csv", "key,value\nscaling,sideways\n", "study.csv:2:9: scaling: expected strong or weak, found 'sideways'" },
		{ "study.csv", "key,value\nscalling,weak\n",
		  "study.csv:2:1: key: expected scaling, config, points, policies or replications, found 'scalling'" },
		{ "study.csv", "key,value\nscaling,weak\nscaling,strong\n",
		  "study.csv:3:1: key: expected 'scaling' once, found it again (first on line 2)" },
		{ "study.csv", "key,value\nscaling,weak,extra\n", "study.csv:2:14: expected 2 fields (key,value), found 3" },
		{ "study.csv", "key,value\nscaling\n", "study.csv:2:8: expected 2 fields (key,value), found 1" },
		{ "study.csv", "key,value\nscaling,\"weak\n",
		  "study.csv:2:9: value: expected a closing quote, found the end of the line" },
		{ "study.csv", "key,value\npoints,-3\n", "study.csv:2:8: points: expected a positive integer, found '-3'" },
		{ "study.csv", "key,value\nreplications,1e3\n",
		  "study.csv:2:14: replications: expected a positive integer, found '1e3'" },
		{ "study.csv", "key,value\nconfig,12ab\n", "study.csv:2:8: config: expected 16 hex digits (0-9, a-f), found '12ab'" },
		{ "study.csv", "key,value\nscaling,weak\0,x\n", "study.csv:2:13: expected text, found a NUL byte" },
		{ "axes.csv", "axis,lbl\n", "axes.csv:1:1: header: expected 'axis,label', found 'axis,lbl'" },
		{ "axes.csv", "axis,label\nplatform.devices.9.count,x\n",
		  "axes.csv:2:1: axis: expected an axis of the summary (platform.devices.1.count), found 'platform.devices.9.count'" },
		{ "axes.csv", "axis,label\nplatform.devices.1.count,a\nplatform.devices.1.count,b\n",
		  "axes.csv:3:1: axis: expected 'platform.devices.1.count' once, found it again (first on line 2)" },
		{ "axes.csv", "axis,label\nplatform.devices.1.count,\"GPUs\n",
		  "axes.csv:2:26: label: expected a closing quote, found the end of the line" },
		{ "axes.csv", "axis,label\nplatform.devices.1.count\n", "axes.csv:2:25: expected 2 fields (axis,label), found 1" },
	};
	char out[512];
	snprintf(out, sizeof out, "%s/bad-study-out", tmpdir);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char name[64], dir[512], want[1024];
		snprintf(name, sizeof name, "bad-study-%zu", i);
		/* the NUL case: fputs stops at it, so write it whole */
		hand_folder(dir, sizeof dir, name, (const char *const[]){ NULL });
		char path[700];
		snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
		FILE *f = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		size_t len = strlen(cases[i].text);
		if (strstr(cases[i].want, "NUL"))
			len += 1 + strlen(cases[i].text + len + 1);
		fwrite(cases[i].text, 1, len, f);
		fclose(f);
		snprintf(want, sizeof want, "pelsim plot: %s/%s", dir, cases[i].want);
		pel_t_result r;
		pel_t_run(&r, "plot", dir, "--format", "png", "--out", out);
		pel_t_check_one_line(&r, 2, cases[i].want, want);
		pel_t_result_free(&r);
	}
	CHECK(!pel_t_exists(out), "%s: expected no folder made for bad input", out);
}

/* Incomplete results: a journal beside them (a sweep unfinished, or an
 * older pelsim's leaving old results beside a new journal), fewer rows
 * than study.csv counts, runs.csv missing or short; a journal whose
 * configuration is the one study.csv records (only its removal was
 * missed) is no obstacle. */
static void test_incomplete_results(void)
{
	static const char journal_a[] = "# pelsim sweep journal: config=00000000000000aa scenario=0000000000000001"
					" set=0000000000000002 policies=0000000000000003 seeds=0000000000000004"
					" options=0000000000000005\nrun,point\n";
	static const char runs_header[] = "run,point,platform.devices.1.count,policy\n";
	char rows12[1024], rows5[512];
	snprintf(rows12, sizeof rows12, "%s", runs_header);
	for (int i = 0; i < 12; i++)
		snprintf(rows12 + strlen(rows12), sizeof rows12 - strlen(rows12), "%d,%d,1,heft\n", i, i / 4);
	snprintf(rows5, sizeof rows5, "%.*s", (int)(strchr(strchr(rows12, '\n') + 1, '\n') - rows12) + 1, rows12);
	for (int i = 0; i < 4; i++)
		snprintf(rows5 + strlen(rows5), sizeof rows5 - strlen(rows5), "%d,0,1,heft\n", i + 1);
	static const char counts[] = "key,value\npoints,3\npolicies,2\nreplications,2\n";
	const struct {
		const char *name;
		const char *const files[8];
		const char *want; /* NULL: drawn */
	} cases[] = {
		{ "journal-old", { "runs.partial.csv", "run,point,policy\n0,0,heft\n", NULL },
		  "runs.partial.csv: expected the results of a finished sweep, found the journal of an unfinished one (pelsim sweep --resume finishes it)" },
		{ "journal-other", { "runs.partial.csv", journal_a, "study.csv", "key,value\nconfig,00000000000000ab\n", NULL },
		  "runs.partial.csv: expected the results of a finished sweep, found the journal of an unfinished one" },
		{ "journal-bad-study", { "runs.partial.csv", journal_a, "study.csv", "key,value\nconfig,00000000000000aa\nbogus,1\n", NULL },
		  "runs.partial.csv: expected the results of a finished sweep, found the journal" },
		{ "journal-same", { "runs.partial.csv", journal_a, "study.csv", "key,value\nconfig,00000000000000aa\n", NULL }, NULL },
		{ "few-rows", { "study.csv", "key,value\npoints,3\npolicies,3\n", NULL },
		  "summary.csv: expected 9 rows (3 points x 3 policies, as study.csv says), found 6: the results are incomplete" },
		{ "no-runs", { "study.csv", counts, NULL }, "runs.csv: expected the 12 runs of the sweep, found no file" },
		{ "short-runs", { "study.csv", counts, "runs.csv", rows5, NULL },
		  "runs.csv:7: expected 12 runs after the header (study.csv counts them), found 5: the results are incomplete" },
		{ "whole", { "study.csv", counts, "runs.csv", rows12, NULL }, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char dir[512], out[600], want[1024];
		hand_folder(dir, sizeof dir, cases[i].name, cases[i].files);
		snprintf(out, sizeof out, "%s/out", dir);
		pel_t_result r;
		pel_t_run(&r, "plot", dir, "--format", "png", "--out", out);
		if (!cases[i].want) {
			CHECK(r.status == 0 && r.nerr == 0 && strstr(r.out, "makespan.png"),
			      "%s: expected the figures drawn, found %d: %s", cases[i].name, r.status, r.err);
		} else {
			snprintf(want, sizeof want, "pelsim plot: %s/%s", dir, cases[i].want);
			pel_t_check_one_line(&r, 2, cases[i].name, want);
			CHECK(!pel_t_exists(out), "%s: expected nothing drawn", cases[i].name);
		}
		pel_t_result_free(&r);
	}
}

static void test_command_line(void)
{
	pel_t_result r;
	pel_t_run(&r, "plot", DATA "/hand", "--format", "jpg");
	pel_t_check_one_line(&r, 2, "--format jpg", "pelsim plot: --format: expected pdf, png or svg, found 'jpg'");
	pel_t_result_free(&r);
	pel_t_run(&r, "plot");
	pel_t_check_one_line(&r, 2, "no folder", "pelsim plot: expected the folder of a sweep, found none");
	pel_t_result_free(&r);
	pel_t_run(&r, "plot", DATA "/hand", DATA "/ccr");
	pel_t_check_one_line(&r, 2, "two folders", "expected one folder, found a second");
	pel_t_result_free(&r);
	pel_t_run(&r, "plot", DATA "/hand", "--colour");
	pel_t_check_one_line(&r, 2, "--colour", "unknown or ambiguous option '--colour'");
	pel_t_result_free(&r);
	pel_t_run(&r, "plot", DATA "/hand", "--out", DATA "/hand/summary.csv");
	pel_t_check_one_line(&r, 2, "--out a file", "--out: expected a folder");
	pel_t_result_free(&r);
	pel_t_run(&r, "plot", "--help");
	CHECK(r.status == 0 && strstr(r.out, "usage: pelsim plot DIR") && strstr(r.out, "--format"),
	      "plot --help: expected the usage, found %d: %s", r.status, r.out);
	pel_t_result_free(&r);
	pel_t_run(&r, "--help");
	CHECK(r.status == 0 && strstr(r.out, "  plot DIR"), "pelsim --help: expected plot among the commands");
	pel_t_result_free(&r);
	pel_t_run(&r, "run", "--help");
	CHECK(r.status == 0 && strstr(r.out, "--gantt FILE"), "pelsim run --help: expected --gantt");
	pel_t_result_free(&r);
}

static void test_gnuplot_trouble(void)
{
	char out[512], path[600];
	snprintf(out, sizeof out, "%s/trouble", tmpdir);
	pel_t_result r;

	/* no gnuplot on the PATH: bad input (what to install), status 2 */
	run_with(&r, "PATH=/nonexistent", "plot", DATA "/hand", "--out", out);
	pel_t_check_one_line(&r, 2, "plot without gnuplot", "gnuplot: expected gnuplot on the PATH, found none");
	pel_t_result_free(&r);
	snprintf(path, sizeof path, "%s/g.png", tmpdir);
	run_with(&r, "PATH=/nonexistent", "run", HEFT, "--gantt", path);
	pel_t_check_one_line(&r, 2, "run --gantt without gnuplot", "pelsim run: --gantt: gnuplot: expected gnuplot on the PATH");
	pel_t_result_free(&r);

	/* no templates there: status 2 */
	run_with(&r, "PELSIM_PLOTS=/nonexistent", "plot", DATA "/hand", "--out", out);
	pel_t_check_one_line(&r, 2, "PELSIM_PLOTS=/nonexistent", "/nonexistent/scaling.gp: expected the gnuplot template scaling.gp");
	pel_t_result_free(&r);

	/* gnuplot fails: status 1, gnuplot's own words, no file left */
	run_with(&r, "PELSIM_PLOTS=" DATA "/broken", "plot", DATA "/hand", "--out", out);
	pel_t_check_one_line(&r, 1, "broken scaling.gp", "undefined variable: no_such_variable_scaling");
	CHECK(strstr(r.err, "gnuplot failed on " DATA "/broken/scaling.gp (exit status 1)") != NULL,
	      "broken scaling.gp: expected the template and status named, found %s", r.err);
	pel_t_result_free(&r);
	snprintf(path, sizeof path, "%s/makespan.png", out);
	CHECK(!pel_t_exists(path), "%s: expected no figure left by a failing gnuplot", path);
	snprintf(path, sizeof path, "%s/g.png", tmpdir);
	run_with(&r, "PELSIM_PLOTS=" DATA "/broken", "run", HEFT, "--gantt", path);
	pel_t_check_one_line(&r, 1, "broken gantt.gp", "undefined variable: no_such_variable_gantt");
	pel_t_result_free(&r);
	CHECK(!pel_t_exists(path), "%s: expected no chart left by a failing gnuplot", path);
}

/* Enters the source tree and makes tmpdir; 0, or -1 with a message. */
static int setup(void)
{
	if (pel_t_enter_source_dir())
		return -1;
	if (!pel_t_tmpdir(tmpdir, sizeof tmpdir, "test-plot")) {
		perror(tmpdir);
		return -1;
	}
	return 0;
}

/* Removes tmpdir, unless $PEL_KEEP_TMP asks to keep the figures. */
static void teardown(unsigned failed)
{
	(void)failed;
	if (!getenv("PEL_KEEP_TMP"))
		pel_t_rm_tree(tmpdir);
	else
		fprintf(stderr, "figures kept in %s\n", tmpdir);
}

int main(int argc, char **argv)
{
	static const pel_t_test plot[] = {
		{ "every figure in png, svg, pdf", test_every_format },
		{ "axis labels from axes.csv", test_axis_label },
		{ "default format and folder", test_default_format_and_out },
		{ "derived speedup and efficiency", test_derived_values },
		{ "weak scaling: study.csv and --scaling", test_weak_scaling },
		{ "a summary without capacity", test_no_capacity },
		{ "failed points", test_failed_points },
		{ "run --gantt", test_gantt },
		{ "malformed summaries", test_bad_summaries },
		{ "malformed study.csv and axes.csv", test_bad_study_axes },
		{ "incomplete results", test_incomplete_results },
		{ "command line", test_command_line },
		{ "gnuplot missing or failing", test_gnuplot_trouble },
		{ NULL, NULL },
	};
	static const pel_t_suite suites[] = {
		{ "plot", plot },
		{ NULL, NULL },
	};
	return pel_t_main(argc, argv, suites, setup, teardown);
}
