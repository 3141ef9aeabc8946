/* trace.h - arrival traces for streams of tasks.
 *
 * A trace is a text file with one arrival per line: "TIME [SIZE]" (white
 * space or a comma between the two), TIME in seconds, non-decreasing,
 * SIZE the task's work (flop) when given; '#' starts a comment. */
#ifndef PEL_TRACE_H
#define PEL_TRACE_H

#include <stddef.h>
#include <stdint.h>

/* Reads the trace at path: *times and *sizes (NAN where a line gives no
 * size) receive n malloc'ed values.  Returns 0, or -1 with one line
 * "path:line: what was expected, what was found" in err. */
int pel_trace_read(const char *path, double **times, double **sizes, uint32_t *n,
		   char *err, size_t errlen);

#endif
