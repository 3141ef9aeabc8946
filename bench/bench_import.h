/* bench_import.h - figures of the DAG importers (sim/formats/import.h) for
 * pelsim-bench. */
#ifndef PEL_BENCH_IMPORT_H
#define PEL_BENCH_IMPORT_H

/* Writes one generated layered DAG of 100,000 tasks (10,000 when quick)
 * to a temporary folder in every format pelsim reads (DOT through
 * pel_export_dot; STG, ETC and WfFormat 1.5 through small writers of its
 * own), imports each file in a forked child and prints, per format:
 *
 *   import_tasks_per_s_<fmt>     tasks per second of pel_import (best of 3)
 *   import_bytes_per_task_<fmt>  peak resident memory growth of the child
 *                                during the first import, per task
 *
 * plus '#' comment lines with the sizes of the DAG and of the files.  A
 * step that fails prints a message on stderr and its figures are left out;
 * the temporary files are removed. */
void pel_bench_import(int quick);

#endif
