/* fuzz_journal.c - libFuzzer target: the journal of an interrupted sweep
 * (DIR/runs.partial.csv), as `pelsim sweep PLAN --resume --out DIR` reads
 * it: pel_sweep_open, then pel_sweep_finish, which writes runs.csv and
 * summary.csv from the journal's rows when none is missing.  The plan is
 * PEL_FUZZ_PLAN (fuzz/journal_plan.yaml unless the environment variable
 * PEL_FUZZ_PLAN names another). */
#include "fuzz_common.h"

#include "../sim/studies/sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static pel_sweep *plan;
static char outdir[4200];

/* Reads the plan the journals belong to and makes the output folder. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *file = getenv("PEL_FUZZ_PLAN");
	char err[2048];
	if (!file || !*file)
		file = PEL_FUZZ_PLAN;
	if (pel_sweep_plan(file, NULL, 0, 0, &plan, err, sizeof err)) {
		fprintf(stderr, "pelsim fuzz: %s\n", err);
		exit(2);
	}
	snprintf(outdir, sizeof outdir, "%s/out", pel_fuzz_dir());
	if (mkdir(outdir, 0700)) {
		perror(outdir);
		exit(2);
	}
	return 0;
}

/* One input: a journal. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pel_fuzz_write("out/runs.partial.csv", data, size);
	char err[2048] = "";
	pel_sweep_output o = { .outdir = outdir, .resume = 1 };
	pel_sweep_job *j = NULL;
	if (pel_sweep_open(plan, &o, &j, err, sizeof err)) {
		pel_fuzz_check_message(err);
		return 0;
	}
	pel_sweep_report rep;
	if (pel_sweep_finish(j, &rep, err, sizeof err))
		pel_fuzz_check_message(err);
	return 0;
}
