/* fuzz_scenario.c - libFuzzer target: the scenario reader, as `pelsim run
 * FILE` calls it (YAML, includes, generators, DAG files, the model). */
#include "fuzz_common.h"

#include "../sim/formats/scenario.h"

/* One input: a scenario file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("scenario.yaml", data, size);
	char err[1024] = "";
	pel_scenario *s = NULL;
	if (pel_scenario_load(path, NULL, 0, &s, err, sizeof err))
		pel_fuzz_check_message(err);
	else
		pel_scenario_free(s);
	return 0;
}
