/* workload.h - tasks, edges and the DAG they form.
 *
 * A DAG is stored as structure-of-arrays with both adjacency lists in
 * compressed (CSR) form, so a million-task graph costs a few tens of bytes
 * per task.  Build it with pel_dag_add_* then call pel_dag_finish, which
 * sorts the adjacency, checks acyclicity and computes a topological order;
 * afterwards the DAG is read-only. */
#ifndef PEL_WORKLOAD_H
#define PEL_WORKLOAD_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t pel_task_id;
#define PEL_NO_TASK UINT32_MAX

/* An explicit execution time of one task on the devices matching `key`
 * (a device name, a device group name or a class name). */
typedef struct {
	pel_task_id task;
	char *key;
	double time;
} pel_cost;

typedef struct {
	uint32_t ntasks, nedges, nkinds;
	char **kind_names;     /* nkinds names; kind 0 is "task" unless renamed */
	uint16_t *kind;        /* per task */
	double *work;          /* per task, flop (0 when only explicit times) */
	char **names;          /* per task, or NULL: tasks are then "t<id>" */
	uint32_t *src, *dst;   /* per edge */
	double *bytes;         /* per edge */
	double *comm;          /* per edge explicit time (NAN = from bytes), or NULL */
	uint32_t *succ_off, *succ; /* CSR: out-edges of t are succ[succ_off[t]..succ_off[t+1]) */
	uint32_t *pred_off, *pred; /* CSR: in-edges of t */
	uint32_t *topo;        /* a topological order of the tasks */
	double *release;       /* per task release (arrival) time, or NULL: all at 0 */
	pel_cost *costs;       /* explicit times, in the order given */
	size_t ncosts;
	size_t cap_tasks, cap_edges, cap_costs;
} pel_dag;

/* Returns an empty DAG. */
pel_dag *pel_dag_new(void);
/* Frees the DAG and everything it owns. */
void pel_dag_free(pel_dag *g);

/* Returns the kind index of name, adding it when new (at most 65535). */
uint16_t pel_dag_kind(pel_dag *g, const char *name);
/* Appends a task of kind k with work flops; name may be NULL.  Returns its id. */
pel_task_id pel_dag_add_task(pel_dag *g, const char *name, uint16_t k, double work);
/* Appends an edge src -> dst carrying bytes; comm is an explicit
 * communication time or NAN.  Returns its index. */
uint32_t pel_dag_add_edge(pel_dag *g, pel_task_id src, pel_task_id dst,
			  double bytes, double comm);
/* Records an explicit time of task t on the devices matching key. */
void pel_dag_add_cost(pel_dag *g, pel_task_id t, const char *key, double time);
/* Sets the release (arrival) time of task t: it cannot become ready
 * before then (streams of independent tasks arriving online). */
void pel_dag_set_release(pel_dag *g, pel_task_id t, double time);
/* Reserves room for ntasks tasks and nedges edges (optional). */
void pel_dag_reserve(pel_dag *g, size_t ntasks, size_t nedges);

/* Builds the adjacency and the topological order.  Returns 0, or -1 when
 * the graph has a cycle; then *cycle_task is a task on a cycle. */
int pel_dag_finish(pel_dag *g, pel_task_id *cycle_task);

/* Writes the name of task t into buf (its given name or "t<id>"). */
const char *pel_dag_task_name(const pel_dag *g, pel_task_id t, char *buf, size_t len);
/* Id of the task called name, or PEL_NO_TASK (linear; set-up only). */
pel_task_id pel_dag_find_task(const pel_dag *g, const char *name);

/* 1 when edge e has an explicit communication time (not one from bytes). */
static inline int pel_dag_has_comm(const pel_dag *g, uint32_t e)
{
	return g->comm && !isnan(g->comm[e]);
}

static inline uint32_t pel_dag_npred(const pel_dag *g, pel_task_id t)
{
	return g->pred_off[t + 1] - g->pred_off[t];
}

static inline uint32_t pel_dag_nsucc(const pel_dag *g, pel_task_id t)
{
	return g->succ_off[t + 1] - g->succ_off[t];
}

#endif
