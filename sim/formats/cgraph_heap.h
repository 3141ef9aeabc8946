/* cgraph_heap.h - cgraph disciplines under which agclose frees a graph at
 * once.
 *
 * cgraph takes its memory through a discipline (Agmemdisc_t).  This one
 * allocates from a glibc obstack per root graph: an allocation is a
 * pointer bump, freeing one object does nothing, and agclose of the root
 * graph (by pelsim, or by cgraph's parser on a syntax error) releases the
 * whole heap instead of deleting every node, edge and attribute string
 * from cgraph's dictionaries one by one, which took a third of a DOT
 * import under the default discipline.  What cgraph frees while the graph
 * is open stays allocated until agclose. */
#ifndef PEL_CGRAPH_HEAP_H
#define PEL_CGRAPH_HEAP_H

#include <cgraph.h>

/* Fills disc with the heap memory discipline, cgraph's default I/O and an
 * ID discipline that is cgraph's default plus what the heap needs to know
 * (the root graph).  Graphs read or opened with disc are closed with
 * agclose on the root graph; nothing else of them may be freed.  The
 * graphs must have no subgraphs (cgraph_heap.c says why): read a file
 * with this discipline only when it holds a single '{'.  Where cgraph has
 * no memory disciplines (graphviz 9 and later), disc is cgraph's default. */
void pel_cgraph_heap_disc(Agdisc_t *disc);

#endif
