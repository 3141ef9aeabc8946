/* import_wf.h - the two halves of the WfFormat reader (import_wfformat.c):
 * the JSON walk fills a pel_wf, the format-independent middle
 * (import_wf_dag.c) checks it and builds the DAG. */
#ifndef PEL_IMPORT_WF_H
#define PEL_IMPORT_WF_H

#include "import.h"

#include <stddef.h>
#include <stdint.h>

/* No index: a path part left out of pel_wf_path. */
#define PEL_WF_NOIDX ((size_t)-1)

/* Where messages go; failed once the first one is written. */
typedef struct {
	const char *path;
	char *err;
	size_t errlen;
	int failed;
} pel_wf_ctx;

/* The tasks as read, before they are a DAG. */
typedef struct {
	uint32_t n;
	const char **name; /* pel task name (borrowed from the JSON) */
	size_t *nlen;
	const char **label; /* what the kind is derived from, or NULL */
	size_t *llen;
	const char **category; /* explicit kind, or NULL */
	size_t *clen;
	double *runtime;
	uint8_t *has_children;
	/* parent relations, in order: child c, parent p, index in c's list */
	uint32_t *pc, *pp, *pj;
	size_t np, cap_p;
	/* children relations: parent p, child c, index in p's list */
	uint32_t *cp, *cc, *cj;
	size_t nc, cap_c;
	/* files read and written, per task (CSR), sizes of those written */
	uint32_t *in_off, *in, *out_off, *out;
	double *out_size;
	size_t nin, nout, cap_in, cap_out;
	uint32_t nfiles;
	double *file_size; /* 1.5 */
} pel_wf;

/* Allocates the per-task arrays of w for n tasks (runtimes unknown: NaN). */
void pel_wf_init(pel_wf *w, uint32_t n);
/* Frees what w holds. */
void pel_wf_free(pel_wf *w);
/* Appends (x, y, k) to the three parallel arrays a, b, j (n used, cap room). */
void pel_wf_add_rel(uint32_t **a, uint32_t **b, uint32_t **j, size_t *n, size_t *cap, uint32_t x,
		    uint32_t y, uint32_t k);
/* Appends file f (and its size s when size is not NULL) to a task's list. */
void pel_wf_add_file(uint32_t **list, double **size, size_t *n, size_t *cap, uint32_t f, double s);
/* "base[i].key[j]" into buf, the parts that are given; returns buf. */
const char *pel_wf_path(char *buf, size_t n, const char *base, size_t i, const char *key, size_t j);
/* Writes "path: where: message" into c's err (the first failure only). */
void pel_wf_fail(pel_wf_ctx *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Checks the children lists against the parents lists (for the tasks that
 * have a children list); fails at the first disagreement. */
void pel_wf_check_children(pel_wf_ctx *c, const pel_wf *w, const char *base);
/* Builds the DAG from w (works = runtime x speed, edges weighted by the
 * files the parent writes and the child reads); NULL when c failed. */
pel_dag *pel_wf_build(pel_wf_ctx *c, pel_wf *w, double speed, const char *base);

#endif
