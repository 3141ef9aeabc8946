/* fuzz_trace.c - libFuzzer target: arrival traces (`workload: {generate:
 * stream, arrival: trace, trace: FILE}`), through pel_trace_read as the
 * scenario reader calls it. */
#include "fuzz_common.h"

#include "../sim/formats/trace.h"

#include <stdlib.h>

/* One input: a trace file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pel_fuzz_write("trace.txt", data, size);
	char err[1024] = "";
	double *times, *sizes;
	uint32_t n;
	if (pel_trace_read(path, &times, &sizes, &n, err, sizeof err)) {
		pel_fuzz_check_message(err);
		return 0;
	}
	free(times);
	free(sizes);
	return 0;
}
