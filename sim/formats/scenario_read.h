/* scenario_read.h - what the files of the scenario reader share (not
 * public API: scenario.h is).  The loader holds the YAML documents (the
 * scenario and the files it includes), the --set marks and the first
 * error; the helpers read values from the documents and report errors as
 * "<file:line:col>: <field>: <message>" (libyaml keeps a start mark on
 * every node).
 *
 *   scenario.c           entry points, included files, routes, the digest
 *   scenario_yaml.c      YAML files read into documents (size, depth, syntax)
 *   scenario_fields.c    positions, error messages, mappings and scalars
 *   scenario_set.c       --set PATH=VALUE applied to the documents
 *   scenario_platform.c  platform: memory nodes, devices, links
 *   scenario_generate.c  generated workloads and streams, their sizes checked
 *   scenario_workload.c  workload: inline DAG, DAG files, which of the forms
 *   scenario_policy.c    policies: NAME:P=V text or a mapping
 *   scenario_sweep.c     sweep: axes, ranges, policies, labels, sizes */
#ifndef PEL_SCENARIO_READ_H
#define PEL_SCENARIO_READ_H

#include "scenario.h"

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#define MAX_DOCS 4

typedef struct {
	int doc;
	int idx; /* libyaml node index, 1-based; 0 = absent */
} yref;

typedef struct {
	yref node;
	char *label;  /* "--set PATH=VALUE" */
} set_mark;

typedef struct {
	yref at;      /* include scalar in its document */
	int doc;      /* document it loads */
} include;

typedef struct {
	yaml_document_t docs[MAX_DOCS];
	char *files[MAX_DOCS];
	int ndocs;
	set_mark *sets;
	size_t nsets;
	include incs[MAX_DOCS];
	int nincs;
	char *err;
	size_t errlen;
	int failed;
	pel_scenario *s;
} loader;

static const yref NONE = { 0, 0 };

/* The libyaml node r refers to (NULL when absent). */
static inline yaml_node_t *Y(loader *L, yref r)
{
	return yaml_document_get_node(&L->docs[r.doc], r.idx);
}

/* Whether r refers to a node. */
static inline int present(yref r)
{
	return r.idx != 0;
}

/* Whether r is a node of type t. */
static inline int is_type(loader *L, yref r, yaml_node_type_t t)
{
	return present(r) && Y(L, r)->type == t;
}

/* The root node of document d. */
static inline yref root(int d)
{
	return (yref){ d, 1 };
}

/* The number of items of the list r. */
static inline size_t seq_len(loader *L, yref r)
{
	yaml_node_t *y = Y(L, r);
	return (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
}

/* Item i of the list r. */
static inline yref seq_item(loader *L, yref r, size_t i)
{
	return (yref){ r.doc, Y(L, r)->data.sequence.items.start[i] };
}

/* ---- scenario_yaml.c ---- */

/* Reads file (named at from, field, when an include) into a new document:
 * its index, or -1 with the error recorded. */
int pel_sc_load_doc(loader *L, const char *file, yref from, const char *field);
/* name relative to the scenario's folder (absolute names stay), in path. */
void pel_sc_rel_path(loader *L, const char *name, char *path, size_t n);

/* ---- scenario_fields.c ---- */

/* Where r was written: "file:line:col", or the --set that wrote it. */
const char *pel_sc_where(loader *L, yref r, char *buf, size_t n);
/* pel_sc_where(r), moved on to byte off of the scalar r's value where it can be. */
const char *pel_sc_where_in(loader *L, yref r, size_t off, char *buf, size_t n);
/* Records the first error, printf-style, on one line. */
void pel_sc_fail_plain(loader *L, const char *fmt, ...);
/* Records the first error: "<file:line:col>: <field>: <message>". */
void pel_sc_fail_at(loader *L, yref r, const char *field, const char *fmt, ...);
/* A short description of what a node is, for "found ...". */
const char *pel_sc_found(loader *L, yref r, char *buf, size_t n);
/* Records "expected <what>, found <what r is>" at r. */
void pel_sc_expected(loader *L, yref r, const char *field, const char *what);
/* n in words: "more than 2^64" for a saturated count. */
const char *pel_sc_count_text(uint64_t n, char *buf, size_t len);
/* Checks r is a mapping whose keys are all in allowed and unique: 0 or -1. */
int pel_sc_check_map(loader *L, yref r, const char *field, const char *const *allowed);
/* Checks the keys of mapping r (names chosen by the user) are single values, each given once. */
int pel_sc_unique_keys(loader *L, yref r, const char *field);
/* Value under key in mapping r, or NONE. */
yref pel_sc_get(loader *L, yref r, const char *key);
/* The root of the document included at r, or r itself. */
yref pel_sc_follow(loader *L, yref r);
/* The non-empty single value at r, or NULL with the error recorded. */
const char *pel_sc_text(loader *L, yref r, const char *field);
/* A finite number in [lo, hi] (lo excluded when lo_open) at r. */
double pel_sc_number(loader *L, yref r, const char *field, double lo, int lo_open, double hi);
/* An integer in [lo, hi] at r. */
uint64_t pel_sc_integer(loader *L, yref r, const char *field, uint64_t lo, uint64_t hi);
/* pel_sc_number of key in map, def when the key is absent. */
double pel_sc_opt_number(loader *L, yref map, const char *key, const char *field,
			 double def, double lo, int lo_open, double hi);
/* pel_sc_integer of key in map, def when the key is absent. */
uint64_t pel_sc_opt_integer(loader *L, yref map, const char *key, const char *field,
			    uint64_t def, uint64_t lo, uint64_t hi);
/* pel_sc_text of key in map, def when the key is absent. */
const char *pel_sc_opt_text(loader *L, yref map, const char *key, const char *field,
			    const char *def);
/* The value of key in map, an error when it is absent. */
yref pel_sc_need(loader *L, yref map, const char *key, const char *field);
/* The list under key in map (non-empty if asked), or NONE with the error recorded. */
yref pel_sc_need_list(loader *L, yref map, const char *key, const char *field, int nonempty);

/* ---- scenario_set.c ---- */

/* Applies one --set PATH=VALUE to the documents, marking what it wrote. */
void pel_sc_apply_set(loader *L, const pel_override *o);

/* ---- scenario_platform.c ---- */

/* The platform at r (a mapping or an included file), finished; NULL on error. */
pel_platform *pel_sc_read_platform(loader *L, yref r);

/* ---- scenario_generate.c ---- */

/* The workload generated as the mapping r (with its `generate` key) says. */
pel_dag *pel_sc_read_generated(loader *L, yref r, uint64_t seed);

/* ---- scenario_workload.c ---- */

/* The workload at r: a DAG file's name, or a mapping (tasks and edges,
 * generate, or file). */
pel_dag *pel_sc_read_workload(loader *L, yref r, uint64_t seed);
/* Whether some device of p does task t (no explicit times) in a finite time. */
int pel_sc_runs_somewhere(const pel_platform *p, const pel_dag *g, pel_task_id t);

/* ---- scenario_policy.c ---- */

/* A policy at r (text or mapping) into *v: 0, or -1 when L failed (free v in both cases). */
int pel_sc_read_policy_spec(loader *L, yref r, const char *field, pel_policy_spec *v);
/* The scenario's own policy: its name and parameters into s. */
void pel_sc_read_policy(loader *L, pel_scenario *s, yref r);

/* ---- scenario_sweep.c ---- */

/* The sweep: section at r into s->sweep. */
void pel_sc_read_sweep(loader *L, pel_scenario *s, yref r);

#endif
