/* fuzz_import_yaml.c - libFuzzer target: YAML DAG files (tasks and edges,
 * `workload: {file: F, format: yaml}`), the one DAG format the scenario
 * reader reads itself: the input is the DAG file of a fixed scenario,
 * which pel_scenario_load reads as `pelsim run` does. */
#include "fuzz_common.h"

#include "../sim/formats/scenario.h"

#include <string.h>

/* The scenario naming the DAG file: two CPUs and a GPU, so that explicit
 * times for cpu, gpu or an instance have devices to match. */
static const char scenario[] = "name: fuzz-yaml-dag\n"
			       "platform:\n"
			       "  devices:\n"
			       "    - {name: cpu, count: 2}\n"
			       "    - {name: gpu, class: gpu, speed: 10}\n"
			       "workload: {file: dag.yaml, format: yaml}\n";

/* One input: a YAML DAG file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pel_fuzz_write("dag.yaml", data, size);
	const char *path = pel_fuzz_write("scenario.yaml", (const uint8_t *)scenario, strlen(scenario));
	char err[1024] = "";
	pel_scenario *s = NULL;
	if (pel_scenario_load(path, NULL, 0, &s, err, sizeof err))
		pel_fuzz_check_message(err);
	else
		pel_scenario_free(s);
	return 0;
}
