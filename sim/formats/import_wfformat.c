/* import_wfformat.c - WfCommons' WfFormat (JSON), read with jansson.
 *
 * 1.5:  workflow.specification.tasks[]  {id, name?, category?, parents[],
 *                                          children[]?, inputFiles[]?,
 *                                          outputFiles[]?}
 *       workflow.specification.files[]  {id, sizeInBytes}
 *       workflow.execution.tasks[]      {id, runtimeInSeconds}
 * 1.4:  workflow.tasks[]                {name, id?, category?,
 *                                          runtimeInSeconds | runtime,
 *                                          parents[], children[]?,
 *                                          files[]? {link: input|output,
 *                                          name, sizeInBytes | size}}
 *
 * Parents (1.5: ids; 1.4: names, or ids) make the edges, in the order of
 * the tasks and of their parents lists; an edge carries the sizes of the
 * files the parent writes and the child reads.  A children list, where
 * present, must agree with the parents lists. */
#include "import_wf.h"

#include "../../common/alloc.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What v is, for "found ...". */
static const char *found(const json_t *v, char *buf, size_t n)
{
	if (!v)
		return "nothing";
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return json_object_size(v) ? "an object" : "an empty object";
	case JSON_ARRAY:
		return json_array_size(v) ? "a list" : "an empty list";
	case JSON_STRING:
		return pel_imp_quote(buf, n, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, n, "a number (%" JSON_INTEGER_FORMAT ")", json_integer_value(v));
		return buf;
	case JSON_REAL:
		snprintf(buf, n, "a number (%g)", json_real_value(v));
		return buf;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "null";
	}
}

/* "expected WHAT, found V" at base[i].key[j]. */
static void expected(pel_wf_ctx *c, const json_t *v, const char *what, const char *base, size_t i,
		     const char *key, size_t j)
{
	char p[256], b[64];
	pel_wf_fail(c, pel_wf_path(p, sizeof p, base, i, key, j), "expected %s, found %s", what,
		    found(v, b, sizeof b));
}

/* Member key of object o, checked to be of type t (-1: any) when present
 * or required. */
static json_t *member(pel_wf_ctx *c, json_t *o, const char *key, int t, int required, const char *what,
		      const char *base, size_t i)
{
	json_t *v = json_object_get(o, key);
	if ((!v && required) || (v && t >= 0 && json_typeof(v) != (json_type)t)) {
		expected(c, v, what, base, i, key, PEL_WF_NOIDX);
		return NULL;
	}
	return v;
}

/* Member key of object o as a number >= 0. */
static int nonneg(pel_wf_ctx *c, json_t *o, const char *key, double *out, const char *base, size_t i)
{
	json_t *v = json_object_get(o, key);
	if (!v || !json_is_number(v) || !(json_number_value(v) >= 0)) {
		expected(c, v, "a number >= 0", base, i, key, PEL_WF_NOIDX);
		return -1;
	}
	*out = json_number_value(v) + 0.0;
	return 0;
}

/* Reads list key of task i (ids or names of tasks, resolved through
 * ids, then through alt when given) into relations (i, other, j). */
static void read_rel(pel_wf_ctx *c, pel_wf *w, json_t *t, uint32_t i, const char *key, int required,
		     const pel_imp_map *ids, const pel_imp_map *alt, int parents, const char *base,
		     uint32_t *stamp)
{
	json_t *l = member(c, t, key, JSON_ARRAY, required, "a list of task ids", base, i);
	if (!l)
		return;
	if (!parents)
		w->has_children[i] = 1;
	size_t first = parents ? w->np : w->nc;
	for (size_t j = 0; j < json_array_size(l) && !c->failed; j++) {
		json_t *v = json_array_get(l, j);
		if (!json_is_string(v)) {
			expected(c, v, "the id of a task", base, i, key, j);
			return;
		}
		const char *s = json_string_value(v);
		size_t len = json_string_length(v);
		uint32_t o = pel_imp_map_get(ids, s, len);
		if (o == PEL_IMP_NONE && alt)
			o = pel_imp_map_get(alt, s, len);
		if (o == PEL_IMP_NONE) {
			expected(c, v, "the id of a task", base, i, key, j);
			return;
		}
		if (stamp[o] == i + 1) {
			char p[256], b[64];
			pel_wf_fail(c, pel_wf_path(p, sizeof p, base, i, key, j),
				    "expected a task not listed before, found %s again", found(v, b, sizeof b));
			return;
		}
		stamp[o] = i + 1;
		if (parents)
			pel_wf_add_rel(&w->pc, &w->pp, &w->pj, &w->np, &w->cap_p, i, o, (uint32_t)j);
		else
			pel_wf_add_rel(&w->cp, &w->cc, &w->cj, &w->nc, &w->cap_c, i, o, (uint32_t)j);
	}
	/* clear the stamps for the next list */
	for (size_t r = first; r < (parents ? w->np : w->nc); r++)
		stamp[parents ? w->pp[r] : w->cc[r]] = 0;
}

/* ---- the two layouts, one task loop ---------------------------------- */

/* What a task looks like in each layout: 1.5 names a task by its id (and
 * may give a name, whence its kind), 1.4 by its name (and may give an id,
 * which parents lists may use instead). */
typedef struct {
	const char *base; /* the object holding the tasks */
	const char *tb; /* the tasks' path */
	const char *key, *key_what, *key_noun; /* the task's own name */
	const char *other, *other_what; /* the other string naming it */
	int v15; /* files and runtimes apart from the tasks */
} layout;

static const layout layout_15 = {
	"workflow.specification", "workflow.specification.tasks", "id", "a string (the task's id)",
	"an id", "name", "a string (the task's name)", 1,
};
static const layout layout_14 = {
	"workflow", "workflow.tasks", "name", "a string (the task's name)",
	"a name", "id", "a string (the task's id)", 0,
};

/* The lookups of one reading: tasks by their own name, by their other
 * name (1.4's ids), files by id (1.5) or name (1.4); stamps for read_rel. */
typedef struct {
	pel_imp_map names, alias, files;
	uint32_t *stamp;
} lookups;

/* Makes the lookups for n tasks, the files map sized for spec's files
 * (1.5) or a file or two per task (1.4). */
static void lookups_init(lookups *m, const layout *L, json_t *spec, size_t n)
{
	pel_imp_map_init(&m->names, n);
	pel_imp_map_init(&m->alias, L->v15 ? 1 : n);
	json_t *fl = json_object_get(spec, "files");
	pel_imp_map_init(&m->files, !L->v15 ? n : json_is_array(fl) ? json_array_size(fl) : 16);
	m->stamp = pel_xcalloc(n, sizeof *m->stamp);
}

/* Frees what lookups_init made. */
static void lookups_free(lookups *m)
{
	pel_imp_map_free(&m->names);
	pel_imp_map_free(&m->alias);
	pel_imp_map_free(&m->files);
	free(m->stamp);
}

/* The non-empty list of tasks under spec, or NULL (failed). */
static json_t *task_list(pel_wf_ctx *c, const layout *L, json_t *spec)
{
	json_t *tasks = member(c, spec, "tasks", JSON_ARRAY, 1, "a list of tasks", L->base, PEL_WF_NOIDX);
	if (!tasks)
		return NULL;
	size_t n = json_array_size(tasks);
	if (!n) {
		expected(c, tasks, "a non-empty list of tasks", L->base, PEL_WF_NOIDX, "tasks", PEL_WF_NOIDX);
		return NULL;
	}
	if (n >= UINT32_MAX - 1) {
		pel_wf_fail(c, L->tb, "expected fewer than 4294967294 tasks, found %zu", n);
		return NULL;
	}
	return tasks;
}

/* 1.4: task i's runtime, under runtimeInSeconds or runtime. */
static int read_runtime_14(pel_wf_ctx *c, pel_wf *w, json_t *t, size_t i, const char *tb)
{
	const char *rk = json_object_get(t, "runtimeInSeconds") ? "runtimeInSeconds" : "runtime";
	if (!json_object_get(t, rk)) {
		char p[256];
		pel_wf_fail(c, pel_wf_path(p, sizeof p, tb, i, NULL, PEL_WF_NOIDX),
			    "expected key 'runtimeInSeconds' (or 'runtime'), found neither");
		return -1;
	}
	return nonneg(c, t, rk, &w->runtime[i], tb, i);
}

/* Task i's names and category (and 1.4's runtime); the first pass. */
static void read_task(pel_wf_ctx *c, const layout *L, pel_wf *w, lookups *m, json_t *t, size_t i)
{
	const char *tb = L->tb;
	if (!json_is_object(t)) {
		expected(c, t, "an object (a task)", tb, i, NULL, PEL_WF_NOIDX);
		return;
	}
	json_t *name = member(c, t, L->key, JSON_STRING, 1, L->key_what, tb, i);
	json_t *other = member(c, t, L->other, JSON_STRING, 0, L->other_what, tb, i);
	json_t *cat = member(c, t, "category", JSON_STRING, 0, "a string (the task's category)", tb, i);
	if (c->failed)
		return;
	w->name[i] = json_string_value(name);
	w->nlen[i] = json_string_length(name);
	if (other && L->v15) {
		w->label[i] = json_string_value(other);
		w->llen[i] = json_string_length(other);
	}
	if (cat && json_string_length(cat)) {
		w->category[i] = json_string_value(cat);
		w->clen[i] = json_string_length(cat);
	}
	if (!L->v15 && read_runtime_14(c, w, t, i, tb))
		return;
	uint32_t was = pel_imp_map_put(&m->names, w->name[i], w->nlen[i], (uint32_t)i);
	if (was != PEL_IMP_NONE) {
		char p[256], b[64];
		pel_wf_fail(c, pel_wf_path(p, sizeof p, tb, i, L->key, PEL_WF_NOIDX),
			    "expected %s no other task has, found %s (also %s[%u])",
			    L->key_noun, found(name, b, sizeof b), tb, was);
		return;
	}
	if (other && !L->v15)
		pel_imp_map_put(&m->alias, json_string_value(other), json_string_length(other), (uint32_t)i);
}

/* 1.5: workflow.specification.files, their ids and sizes. */
static void read_files_15(pel_wf_ctx *c, json_t *spec, pel_wf *w, pel_imp_map *files)
{
	const char *fb = "workflow.specification.files";
	json_t *fl = member(c, spec, "files", JSON_ARRAY, 0, "a list of files", "workflow.specification",
			    PEL_WF_NOIDX);
	size_t nf = fl ? json_array_size(fl) : 0;
	w->file_size = pel_xmalloc((nf + 1) * sizeof *w->file_size);
	for (size_t i = 0; i < nf && !c->failed; i++) {
		json_t *f = json_array_get(fl, i);
		if (!json_is_object(f)) {
			expected(c, f, "an object (a file)", fb, i, NULL, PEL_WF_NOIDX);
			break;
		}
		json_t *id = member(c, f, "id", JSON_STRING, 1, "a string (the file's id)", fb, i);
		if (!id || nonneg(c, f, "sizeInBytes", &w->file_size[i], fb, i))
			break;
		uint32_t was = pel_imp_map_put(files, json_string_value(id), json_string_length(id), (uint32_t)i);
		if (was != PEL_IMP_NONE) {
			char p[256], b[64];
			pel_wf_fail(c, pel_wf_path(p, sizeof p, fb, i, "id", PEL_WF_NOIDX),
				    "expected an id no other file has, found %s (also %s[%u])",
				    found(id, b, sizeof b), fb, was);
		}
	}
	w->nfiles = (uint32_t)nf;
}

/* 1.5: one entry of workflow.execution.tasks, the runtime of a task. */
static void read_execution_15(pel_wf_ctx *c, pel_wf *w, const pel_imp_map *ids, json_t *t, size_t i)
{
	const char *eb = "workflow.execution.tasks";
	if (!json_is_object(t)) {
		expected(c, t, "an object (an executed task)", eb, i, NULL, PEL_WF_NOIDX);
		return;
	}
	json_t *id = member(c, t, "id", JSON_STRING, 1, "a string (the task's id)", eb, i);
	if (!id)
		return;
	uint32_t k = pel_imp_map_get(ids, json_string_value(id), json_string_length(id));
	if (k == PEL_IMP_NONE) {
		expected(c, id, "the id of a task under workflow.specification.tasks", eb, i, "id", PEL_WF_NOIDX);
		return;
	}
	if (!isnan(w->runtime[k])) {
		char p[256], b[64];
		pel_wf_fail(c, pel_wf_path(p, sizeof p, eb, i, "id", PEL_WF_NOIDX),
			    "expected a task not listed before, found %s again",
			    found(id, b, sizeof b));
		return;
	}
	double rt;
	if (!nonneg(c, t, "runtimeInSeconds", &rt, eb, i))
		w->runtime[k] = rt;
}

/* 1.5: workflow.execution.tasks, a runtime for every task. */
static void read_runtimes_15(pel_wf_ctx *c, json_t *wfl, pel_wf *w, const pel_imp_map *ids, const char *tb)
{
	const char *eb = "workflow.execution.tasks";
	json_t *ex = member(c, wfl, "execution", JSON_OBJECT, 1, "an object (the execution: runtimes)", "workflow",
			    PEL_WF_NOIDX);
	json_t *et = ex ? member(c, ex, "tasks", JSON_ARRAY, 1, "a list of executed tasks", "workflow.execution",
				 PEL_WF_NOIDX)
			: NULL;
	for (size_t i = 0; et && i < json_array_size(et) && !c->failed; i++)
		read_execution_15(c, w, ids, json_array_get(et, i), i);
	for (uint32_t i = 0; !c->failed && i < w->n; i++)
		if (isnan(w->runtime[i])) {
			char q[64];
			pel_wf_fail(c, eb, "expected an entry for every task, found none for %s (%s[%u])",
				    pel_imp_quote(q, sizeof q, w->name[i], w->nlen[i]), tb, i);
		}
}

/* 1.5: task i's inputFiles and outputFiles, ids of files. */
static void task_files_15(pel_wf_ctx *c, pel_wf *w, const pel_imp_map *files, json_t *t, size_t i, const char *tb)
{
	for (int io = 0; io < 2 && !c->failed; io++) {
		const char *key = io ? "outputFiles" : "inputFiles";
		json_t *l = member(c, t, key, JSON_ARRAY, 0, "a list of file ids", tb, i);
		for (size_t j = 0; l && j < json_array_size(l); j++) {
			json_t *v = json_array_get(l, j);
			uint32_t f = json_is_string(v)
					     ? pel_imp_map_get(files, json_string_value(v), json_string_length(v))
					     : PEL_IMP_NONE;
			if (f == PEL_IMP_NONE) {
				expected(c, v, "the id of a file under workflow.specification.files", tb, i,
					 key, j);
				break;
			}
			if (io)
				pel_wf_add_file(&w->out, &w->out_size, &w->nout, &w->cap_out, f, w->file_size[f]);
			else
				pel_wf_add_file(&w->in, NULL, &w->nin, &w->cap_in, f, 0);
		}
	}
}

/* 1.4: file j of a task's files list (at fb), numbered by its name. */
static void task_file_14(pel_wf_ctx *c, pel_wf *w, pel_imp_map *files, json_t *f, const char *fb, size_t j)
{
	if (!json_is_object(f)) {
		expected(c, f, "an object (a file)", fb, j, NULL, PEL_WF_NOIDX);
		return;
	}
	json_t *link = member(c, f, "link", JSON_STRING, 1, "'input' or 'output'", fb, j);
	json_t *fname = member(c, f, "name", JSON_STRING, 1, "a string (the file's name)", fb, j);
	if (c->failed)
		return;
	int out = !strcmp(json_string_value(link), "output");
	if (!out && strcmp(json_string_value(link), "input")) {
		expected(c, link, "'input' or 'output'", fb, j, "link", PEL_WF_NOIDX);
		return;
	}
	double size = 0;
	if (out && nonneg(c, f, json_object_get(f, "sizeInBytes") ? "sizeInBytes" : "size", &size, fb, j))
		return;
	uint32_t id = pel_imp_map_get(files, json_string_value(fname), json_string_length(fname));
	if (id == PEL_IMP_NONE) {
		id = w->nfiles++;
		pel_imp_map_put(files, json_string_value(fname), json_string_length(fname), id);
	}
	if (out)
		pel_wf_add_file(&w->out, &w->out_size, &w->nout, &w->cap_out, id, size);
	else
		pel_wf_add_file(&w->in, NULL, &w->nin, &w->cap_in, id, 0);
}

/* 1.4: task i's files list. */
static void task_files_14(pel_wf_ctx *c, pel_wf *w, pel_imp_map *files, json_t *t, size_t i, const char *tb)
{
	json_t *fl = member(c, t, "files", JSON_ARRAY, 0, "a list of files", tb, i);
	char fb[96];
	if (fl)
		snprintf(fb, sizeof fb, "%s[%zu].files", tb, i);
	for (size_t j = 0; fl && j < json_array_size(fl) && !c->failed; j++)
		task_file_14(c, w, files, json_array_get(fl, j), fb, j);
}

/* Task i's parents, children and files; the second pass. */
static void read_links(pel_wf_ctx *c, const layout *L, pel_wf *w, lookups *m, json_t *t, size_t i)
{
	const pel_imp_map *alt = L->v15 ? NULL : &m->alias;
	read_rel(c, w, t, (uint32_t)i, "parents", 1, &m->names, alt, 1, L->tb, m->stamp);
	if (!c->failed)
		read_rel(c, w, t, (uint32_t)i, "children", 0, &m->names, alt, 0, L->tb, m->stamp);
	if (!c->failed && L->v15)
		task_files_15(c, w, &m->files, t, i, L->tb);
	else if (!c->failed)
		task_files_14(c, w, &m->files, t, i, L->tb);
	w->in_off[i + 1] = (uint32_t)w->nin;
	w->out_off[i + 1] = (uint32_t)w->nout;
}

/* Reads the tasks under spec (workflow.specification or workflow) in
 * layout L, then builds the DAG. */
static pel_dag *read_wf(pel_wf_ctx *c, const layout *L, json_t *wfl, json_t *spec, double speed)
{
	json_t *tasks = task_list(c, L, spec);
	if (!tasks)
		return NULL;
	size_t n = json_array_size(tasks);
	pel_wf w;
	pel_wf_init(&w, (uint32_t)n);
	lookups m;
	lookups_init(&m, L, spec, n);
	pel_dag *g = NULL;
	for (size_t i = 0; i < n && !c->failed; i++)
		read_task(c, L, &w, &m, json_array_get(tasks, i), i);
	if (L->v15 && !c->failed)
		read_files_15(c, spec, &w, &m.files);
	if (L->v15 && !c->failed)
		read_runtimes_15(c, wfl, &w, &m.names, L->tb);
	for (size_t i = 0; i < n && !c->failed; i++)
		read_links(c, L, &w, &m, json_array_get(tasks, i), i);
	if (!c->failed)
		pel_wf_check_children(c, &w, L->tb);
	if (!c->failed)
		g = pel_wf_build(c, &w, speed, L->tb);
	lookups_free(&m);
	pel_wf_free(&w);
	return g;
}

pel_dag *pel_import_wfformat(const char *path, char *text, size_t len, double reference_speed,
			     char *err, size_t errlen)
{
	/* jansson reads a buffer a third faster than a file (getc per byte) */
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	free(text);
	if (!root) {
		if (je.line > 0)
			return pel_imp_fail(err, errlen, "%s:%d:%d: JSON: %s", path, je.line, je.column,
					    je.text);
		return pel_imp_fail(err, errlen, "%s: JSON: %s", path, je.text);
	}
	pel_wf_ctx c = { path, err, errlen, 0 };
	pel_dag *g = NULL;
	json_t *wfl = NULL;
	if (!json_is_object(root)) {
		char b[64];
		pel_imp_fail(err, errlen, "%s: expected a JSON object (a WfFormat instance), found %s",
			     path, found(root, b, sizeof b));
	} else if ((wfl = member(&c, root, "workflow", JSON_OBJECT, 1, "an object", NULL, PEL_WF_NOIDX))) {
		json_t *spec = json_object_get(wfl, "specification");
		if (spec) {
			if (!json_is_object(spec))
				expected(&c, spec, "an object", "workflow", PEL_WF_NOIDX, "specification",
					 PEL_WF_NOIDX);
			else
				g = read_wf(&c, &layout_15, wfl, spec, reference_speed);
		} else if (json_object_get(wfl, "tasks")) {
			g = read_wf(&c, &layout_14, wfl, wfl, reference_speed);
		} else {
			pel_wf_fail(&c, "workflow",
				    "expected key 'specification' (WfFormat 1.5) or 'tasks' (1.4), found neither");
		}
	}
	/* finished before the tree is freed: glibc would otherwise merge the
	 * tree's freed blocks inside the DAG's first large calloc */
	if (g)
		g = pel_imp_finish(g, path, err, errlen);
	json_decref(root);
	return g;
}
