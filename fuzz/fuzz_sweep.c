/* fuzz_sweep.c - libFuzzer target: sweep plans (a scenario with a
 * `sweep:` section), through pel_sweep_plan as `pelsim sweep FILE` calls
 * it: the scenario, its axes, policies and replications, every point
 * loaded once. */
#include "fuzz_common.h"

#include "../sim/studies/sweep.h"

/* One input: a scenario with a sweep section. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("sweep.yaml", data, size);
	char err[2048] = "";
	pel_sweep *p = NULL;
	if (pel_sweep_plan(path, NULL, 0, 0, &p, err, sizeof err))
		pel_fuzz_check_message(err);
	else
		pel_sweep_free(p);
	return 0;
}
