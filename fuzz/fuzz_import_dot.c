/* fuzz_import_dot.c - libFuzzer target: the DAG importer for
 * Graphviz DOT, through pel_import as `pelsim dag` and
 * workload files call it. */
#include "fuzz_common.h"

#include "../models/workload.h"
#include "../sim/formats/import.h"

/* One input: a DAG file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("input.dot", data, size);
	char err[1024] = "";
	pel_dag *g = pel_import(path, PEL_FMT_DOT, NULL, err, sizeof err);
	if (g)
		pel_dag_free(g);
	else
		pel_fuzz_check_message(err);
	return 0;
}
