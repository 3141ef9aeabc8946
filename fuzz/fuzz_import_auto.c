/* fuzz_import_auto.c - libFuzzer target: pel_import with the format left
 * to pel_format_detect (DOT, WfFormat, STG or ETC), as `pelsim dag FILE`
 * and a workload with `format: auto` call it. */
#include "fuzz_common.h"

#include "../models/workload.h"
#include "../sim/formats/import.h"

/* One input: a DAG file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("input.dag", data, size);
	char err[1024] = "";
	pel_dag *g = pel_import(path, PEL_FMT_AUTO, NULL, err, sizeof err);
	if (g)
		pel_dag_free(g);
	else
		pel_fuzz_check_message(err);
	return 0;
}
