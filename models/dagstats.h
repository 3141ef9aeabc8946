/* dagstats.h - the shape of a DAG: what `pelsim dag` reports. */
#ifndef PEL_DAGSTATS_H
#define PEL_DAGSTATS_H

#include "model.h"
#include "workload.h"

typedef struct {
	uint32_t tasks, edges, kinds;
	uint32_t depth;         /* levels: tasks on the longest path in edges */
	uint32_t width;         /* most tasks on one level (level = longest path from an entry) */
	uint32_t entries, exits;
	double total_work;      /* flop */
	double total_bytes;     /* bytes on edges */
	double critical_path;   /* longest path of task costs (see pel_dag_stats) */
	double ccr;             /* mean edge cost / mean task cost, or 0 when unknown */
} pel_dag_summary;

/* Summarises g.  With a model, task cost = minimum execution time
 * (seconds) and edge cost = mean communication time (c-bar), so
 * critical_path is CP_MIN and ccr the literature's CCR.  Without one
 * (a workload file alone), task cost = the mean of its explicit times
 * when it has some, else its work, and ccr comes from explicit
 * communication times only (0 when the edges carry bytes). */
void pel_dag_stats(const pel_dag *g, const pel_model *m, pel_dag_summary *out);

#endif
