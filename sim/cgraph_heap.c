/* cgraph_heap.c - cgraph's memory discipline on a glibc obstack.
 *
 * One subtlety: cdt's dtopen takes the handle of every dictionary (Dt_t)
 * from malloc whatever the discipline, and cgraph 2.42 frees those
 * handles only on the slow path of agclose.  So the heap remembers its
 * root graph (the ID discipline's open is told it, right after the heap
 * is opened for that graph) and, when closed, frees the handles of the
 * dictionaries cgraph opened for the graph before dropping the heap. */
/* Tested under AddressSanitizer's leak check by tests/test_import.c on
 * graphs with nested, anonymous and erroneous subgraphs. */
#include "cgraph_heap.h"

#ifdef PEL_HAVE_CGRAPH_MEMDISC /* graphviz < 9; see CMakeLists.txt */

#include "../common/alloc.h"

#include <obstack.h>
#include <stdlib.h>
#include <string.h>

#define obstack_chunk_alloc pel_xmalloc
#define obstack_chunk_free free

#define CHUNK_BYTES (256 * 1024) /* a few thousand objects per malloc */

typedef struct {
	struct obstack ob;
	Agraph_t *root; /* the graph the heap was opened for */
	int closing; /* closing the subgraphs: frees may be of malloc's blocks */
} heap;

static void *heap_open(Agdisc_t *disc)
{
	(void)disc;
	heap *h = pel_xmalloc(sizeof *h);
	obstack_begin(&h->ob, CHUNK_BYTES);
	h->root = NULL;
	h->closing = 0;
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

/* Whether p lies in one of the heap's chunks (glibc defines
 * _obstack_allocated_p for this but does not declare it). */
static int in_heap(const heap *h, const void *p)
{
	for (const struct _obstack_chunk *c = h->ob.chunk; c; c = c->prev)
		if ((const char *)p > (const char *)c && (const char *)p < c->limit)
			return 1;
	return 0;
}

/* Nothing, except while the subgraphs are closed: then cgraph also hands
 * over cdt's edge holders, which came from malloc (see heap_close). */
static void heap_free(void *state, void *p)
{
	heap *h = state;
	if (h->closing && p && !in_heap(h, p))
		free(p);
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

/* agclose of the root graph: the graph is still whole in the heap here.
 * Subgraphs are closed first, the slow way: cdt keeps a subgraph's edges
 * in holders that cgraph 2.42 takes from malloc when it adds the edge but
 * gives back through the discipline when it deletes it, so heap_free
 * frees what is not the heap's meanwhile (subgraphs are rare and small in
 * DAG files; each such free looks through the heap's chunks).  Then the root's node, edge
 * and subgraph sets (struct Agraph_s), its attribute declarations (the
 * record cgraph names "_AG_datadict") and the string and name maps it
 * shares with its subgraphs (Agclos_t) leave only their handles. */
static void heap_close(void *state)
{
	heap *h = state;
	dict_list l = { 0 };
	Agraph_t *g = h->root;
	if (g) {
		Agraph_t *next;
		h->closing = 1;
		for (Agraph_t *s = agfstsubg(g); s; s = next) {
			next = agnxtsubg(s);
			agclose(s);
		}
		h->closing = 0;
		keep(&l, g->n_seq);
		keep(&l, g->n_id);
		keep(&l, g->e_seq);
		keep(&l, g->e_id);
		keep(&l, g->g_dict);
		Agdatadict_t *dd = (Agdatadict_t *)aggetrec(g, "_AG_datadict", 0);
		if (dd) {
			keep(&l, dd->dict.n);
			keep(&l, dd->dict.e);
			keep(&l, dd->dict.g);
		}
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
