/* fuzz_assignment.c - libFuzzer target: fixed schedules (`--policy
 * fixed:schedule=FILE`), through pel_assignment_read as pel_run_policy
 * calls it, for the model of one scenario: PEL_FUZZ_MODEL (the HEFT
 * paper's ten tasks n1..n10 on P1..P3 unless the environment variable
 * PEL_FUZZ_MODEL names another). */
#include "fuzz_common.h"

#include "../sim/formats/assignment.h"
#include "../sim/formats/scenario.h"

#include <stdio.h>
#include <stdlib.h>

static pel_scenario *model;

/* Loads the scenario whose model the schedules are read for. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *file = getenv("PEL_FUZZ_MODEL");
	char err[1024];
	if (!file || !*file)
		file = PEL_FUZZ_MODEL;
	if (pel_scenario_load(file, NULL, 0, &model, err, sizeof err)) {
		fprintf(stderr, "pelsim fuzz: %s\n", err);
		exit(2);
	}
	return 0;
}

/* One input: a schedule file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("schedule.txt", data, size);
	char err[1024] = "";
	pel_assignment *a = pel_assignment_read(path, model->model, err, sizeof err);
	if (a)
		pel_assignment_free(a);
	else
		pel_fuzz_check_message(err);
	return 0;
}
