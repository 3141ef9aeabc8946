/* cgraph_heap.c - cgraph's memory discipline on a glibc obstack.
 *
 * Two subtleties of cgraph 2.42, read from its code and checked under
 * AddressSanitizer by tests/test_import.c:
 * - cdt's dtopen takes the handle of every dictionary (Dt_t) from malloc
 *   whatever the discipline, and cgraph frees those handles only on the
 *   slow path of agclose.  So the heap remembers its root graph (the ID
 *   discipline's open is told it, right after the heap is opened for that
 *   graph) and frees the handles itself before dropping the heap.
 * - cgraph keeps the graph its last dictionary operation touched in a
 *   static pointer, which agstrfree sets and only agdtopen and agdtclose
 *   clear; the fast path of agclose leaves it pointing at the freed graph,
 *   where the next read would allocate.  Opening and closing an empty
 *   graph under the default discipline after the heap goes clears it.
 * The edges of subgraphs are kept in holders that cgraph takes from malloc
 * or from the heap depending on that pointer, so they cannot be freed
 * reliably: graphs with subgraphs are read with the default discipline
 * (sim/formats/import_dot.c). */
#include "cgraph_heap.h"

#ifdef PEL_HAVE_CGRAPH_MEMDISC /* graphviz < 9; see CMakeLists.txt */

#include "../../common/alloc.h"

#include <obstack.h>
#include <stdlib.h>
#include <string.h>

#define obstack_chunk_alloc pel_xmalloc
#define obstack_chunk_free free

#define CHUNK_BYTES (256 * 1024) /* a few thousand objects per malloc */

typedef struct {
	struct obstack ob;
	Agraph_t *root; /* the graph the heap was opened for */
} heap;

static void *heap_open(Agdisc_t *disc)
{
	(void)disc;
	heap *h = pel_xmalloc(sizeof *h);
	obstack_begin(&h->ob, CHUNK_BYTES);
	h->root = NULL;
	return h;
}

/* cgraph expects zeroed memory, as its default discipline gives. */
static void *heap_alloc(void *state, size_t size)
{
	void *p = obstack_alloc(&((heap *)state)->ob, size);
	return memset(p, 0, size);
}

static void *heap_resize(void *state, void *p, size_t old, size_t size)
{
	if (size <= old)
		return p;
	void *q = heap_alloc(state, size);
	return old ? memcpy(q, p, old) : q;
}

static void heap_free(void *state, void *p)
{
	(void)state;
	(void)p;
}

/* ---- the dictionary handles --------------------------------------------- */

typedef struct {
	Dict_t **d;
	size_t n, cap;
} dict_list;

static void keep(dict_list *l, Dict_t *d)
{
	if (!d)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->d = pel_xreallocarray(l->d, l->cap, sizeof *l->d);
	}
	l->d[l->n++] = d;
}

/* The dictionaries of g and its subgraphs: the node, edge and subgraph
 * sets (struct Agraph_s) and the attribute declarations (the record
 * cgraph names "_AG_datadict").  (cgraph's parser can leave an empty
 * subgraph behind a syntax error even in a file without braces.) */
static void collect(Agraph_t *g, dict_list *l)
{
	keep(l, g->n_seq);
	keep(l, g->n_id);
	keep(l, g->e_seq);
	keep(l, g->e_id);
	keep(l, g->g_dict);
	Agdatadict_t *dd = (Agdatadict_t *)aggetrec(g, "_AG_datadict", 0);
	if (dd) {
		keep(l, dd->dict.n);
		keep(l, dd->dict.e);
		keep(l, dd->dict.g);
	}
	for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s))
		collect(s, l);
}

/* agclose of the root graph: the graph is still whole in the heap here;
 * its dictionaries and the string and name maps it shares with its
 * subgraphs (Agclos_t) leave only their handles to free. */
static void heap_close(void *state)
{
	heap *h = state;
	dict_list l = { 0 };
	Agraph_t *g = h->root;
	if (g) {
		collect(g, &l);
		keep(&l, g->clos->strdict);
		for (int k = 0; k < 3; k++) {
			keep(&l, g->clos->lookup_by_name[k]);
			keep(&l, g->clos->lookup_by_id[k]);
		}
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.d[i]); /* what a handle pointed to was in the heap */
	free(l.d);
	obstack_free(&h->ob, NULL);
	free(h);
	/* cgraph's last-graph pointer may name the graph just freed: a graph
	 * under the default discipline, closed the slow way, clears it */
	Agraph_t *reset = agopen("pelsim", Agdirected, &AgDefaultDisc);
	if (reset)
		agclose(reset);
}

static Agmemdisc_t heap_mem = { heap_open, heap_alloc, heap_resize, heap_free, heap_close };

/* ---- the ID discipline: cgraph's, telling the heap its root --------------- */

static Agiddisc_t ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	/* agopen opens the heap (g->clos->state.mem), then the IDs */
	((heap *)g->clos->state.mem)->root = g;
	return AgIdDisc.open(g, disc);
}

void pel_cgraph_heap_disc(Agdisc_t *disc)
{
	if (!ids.open) {
		ids = AgIdDisc;
		ids.open = ids_open;
	}
	disc->mem = &heap_mem;
	disc->id = &ids;
	disc->io = &AgIoDisc;
}

#else /* graphviz 9 and later have no memory disciplines */

void pel_cgraph_heap_disc(Agdisc_t *disc)
{
	*disc = AgDefaultDisc;
}

#endif
