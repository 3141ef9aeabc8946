/* import.h - DAG files in and out.
 *
 * Four formats of the literature are read into a finished pel_dag:
 *
 *   dot       Graphviz DOT in SimGrid's convention, read with cgraph: node
 *             attribute `size` = work (flop, default 0), `kind` = task kind
 *             (default "task"), `time_<key>` = an explicit time (s) on the
 *             devices matching <key>, `release` = release time (s); edge
 *             attribute `size` = bytes (default 0), `comm` = an explicit
 *             communication time (s).  Other attributes are ignored; node
 *             names are task names; SimGrid's zero-size "root" and "end"
 *             nodes stay tasks.  The graph must be directed.
 *   wfformat  WfCommons' WfFormat JSON, 1.5 (workflow.specification /
 *             workflow.execution) or the older 1.4 (workflow.tasks), read
 *             with jansson: one task per task of the file, named by its id
 *             (1.4: its name); work = runtimeInSeconds * reference_speed;
 *             one edge per parent, carrying the summed sizes of the files
 *             the parent writes and the child reads; kind = the task's
 *             `category`, else its name without the numbering suffix
 *             ("mProject_ID0000001" -> "mProject", Pegasus' doubled
 *             "fast2bfq_fast2bfq_HEP2_..._ID0000002" -> "fast2bfq").
 *   stg       Kasahara's Standard Task Graph set: a line "n", then n+2
 *             lines "id time npred pred...", then '#' comment lines.  Tasks
 *             t0..t{n+1} (t0 and t{n+1} are the dummy entry and exit), work
 *             = time, so a unit-speed device runs a task in `time` seconds.
 *   etc       Braun et al.'s ETC matrix: a line "T M 0" (the third number
 *             is ignored), then T*M times, task-major, separated by any
 *             white space.  T independent tasks t0..t{T-1} of work 0, with
 *             an explicit time of task t on the devices matching
 *             "<prefix><m>" for every machine m.
 *
 * Every failure is one line, "file[:line[:column]]: what was expected,
 * what was found", naming the field (DOT: the node or edge and the
 * attribute; WfFormat: the JSON path) where the format has one.  Nothing
 * is printed.  DOT reading goes through cgraph, which is not thread-safe:
 * do not import DOT files from two threads at once. */
#ifndef PEL_IMPORT_H
#define PEL_IMPORT_H

#include "../../models/workload.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
	PEL_FMT_AUTO,      /* detect from the content (pel_format_detect) */
	PEL_FMT_DOT,
	PEL_FMT_WFFORMAT,
	PEL_FMT_STG,
	PEL_FMT_ETC
} pel_format;

typedef struct {
	/* WfFormat: speed (flop/s) of the machine the runtimes were measured
	 * on; work = runtime * reference_speed.  0 means 1 (work is then in
	 * reference-seconds: a device of speed 1 runs the task in its
	 * measured time). */
	double reference_speed;
	/* ETC: machine m's times are keyed "<prefix><m>"; NULL means "m",
	 * which a platform entry {name: m, count: 16} (devices m0..m15)
	 * matches. */
	const char *etc_device_prefix;
} pel_import_options;

/* Sets *out to the format called name ("dot", "wfformat", "stg", "etc",
 * or "auto").  Returns 0, or -1 when name is none of these. */
int pel_format_from_name(const char *name, pel_format *out);

/* The name of format f, as pel_format_from_name reads it. */
const char *pel_format_name(pel_format f);

/* Guesses the format of the file from its first bytes: DOT when the first
 * word (after comments) is "strict", "graph" or "digraph"; WfFormat when
 * the text starts with '{' (JSON); ETC when the first line holds three
 * integers and the next one only numbers; STG when the first line holds one
 * integer.  Returns PEL_FMT_AUTO when none fits or the file is unreadable. */
pel_format pel_format_detect(const char *path);

/* Reads the DAG in the file at path, in format fmt (PEL_FMT_AUTO: detect
 * it).  opt may be NULL (defaults).  Returns a finished DAG (acyclic, with
 * at least one task), or NULL with a one-line message in err. */
pel_dag *pel_import(const char *path, pel_format fmt, const pel_import_options *opt,
		    char *err, size_t errlen);

/* Writes g (finished) to path as a DOT digraph that pel_import reads back
 * into the same DAG: the tasks in order with their names ("t<id>" for
 * unnamed ones), kinds, work, explicit times and release times, then the
 * edges in order with their bytes and explicit communication times.
 * Numbers are written with the shortest of %.15g and %.17g that reads back
 * exactly.  The file is written under a temporary name and renamed when
 * complete (sim/formats/fileio.h).  Returns 0; -1 with a one-line message in err
 * when the file cannot be created, two tasks share a name, or a name
 * cannot be written in DOT (a backslash right before a double quote, a
 * newline or the end); -2 with "path: write error: REASON" when writing
 * failed (a full disk), leaving no file. */
int pel_export_dot(const pel_dag *g, const char *path, char *err, size_t errlen);

/* ---- shared by the importers (sim/formats/import*.c); not for callers ---------- */

/* String -> uint32 hash map; keys are (pointer, length) pairs that the
 * caller keeps alive while the map is used. */
typedef struct {
	const char *key; /* NULL: a free slot */
	uint32_t hash; /* low bits of the key's hash: most misses skip the key */
	uint32_t len;
	uint32_t val;
} pel_imp_slot;

typedef struct {
	pel_imp_slot *slot; /* open addressing, linear probing, cap a power of 2 */
	size_t cap, n;
} pel_imp_map;

#define PEL_IMP_NONE UINT32_MAX

void pel_imp_map_init(pel_imp_map *m, size_t hint);
void pel_imp_map_free(pel_imp_map *m);
/* Value of key, or PEL_IMP_NONE. */
uint32_t pel_imp_map_get(const pel_imp_map *m, const char *key, size_t len);
/* Inserts key -> val unless present; returns the value already there, or
 * PEL_IMP_NONE when inserted. */
uint32_t pel_imp_map_put(pel_imp_map *m, const char *key, size_t len, uint32_t val);

/* Formats a message into err, control characters escaped so that it stays
 * on one line.  Returns NULL, for `return pel_imp_fail(...)`. */
void *pel_imp_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* 's' quoted for a message: cut at about 40 bytes (not inside a UTF-8
 * sequence), control characters escaped. */
const char *pel_imp_quote(char *buf, size_t n, const char *s, size_t len);
/* Reads the whole file into a NUL-terminated buffer (free it): the text of
 * any file up to PEL_INPUT_MAX bytes (sim/formats/fileio.h), NULL with a one-line
 * message when it cannot be read, is a directory, is larger, or holds a
 * NUL byte ("path:LINE:COL: expected text, found a NUL byte"). */
char *pel_imp_slurp(const char *path, size_t *len, char *err, size_t errlen);
/* Kind index of name (len bytes), added when new, through map m (whose
 * keys are g's kind names).  Returns 0, or -1 with "path: ..." in err
 * when the DAG would have more kinds than pel_dag allows. */
int pel_imp_kind(pel_imp_map *m, pel_dag *g, const char *name, size_t len, uint16_t *out,
		 const char *path, char *err, size_t errlen);
/* Parses [w, w+len) as a decimal integer (digits only) <= max.  Returns 0,
 * or -1. */
int pel_imp_integer(const char *w, size_t len, uint64_t max, uint64_t *out);
/* Parses a whole string as a number >= 0 (strtod syntax, no NaN/infinity,
 * surrounding blanks allowed).  Returns 0, or -1. */
int pel_imp_number(const char *s, size_t len, double *out);
/* Finishes g: at least one task, acyclic.  Returns g, or frees it and
 * returns NULL with "path: ..." in err. */
pel_dag *pel_imp_finish(pel_dag *g, const char *path, char *err, size_t errlen);

/* The importers: text (len bytes, NUL-terminated, read from path by
 * pel_imp_slurp) is theirs to free. */
pel_dag *pel_import_dot(const char *path, char *text, size_t len, char *err, size_t errlen);
pel_dag *pel_import_wfformat(const char *path, char *text, size_t len, double reference_speed,
			     char *err, size_t errlen);
pel_dag *pel_import_stg(const char *path, char *text, size_t len, char *err, size_t errlen);
pel_dag *pel_import_etc(const char *path, char *text, size_t len, const char *prefix, char *err,
			size_t errlen);

#endif
