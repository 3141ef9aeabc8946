/* alloc.h - allocation that never returns NULL.
 *
 * pelsim treats running out of memory as fatal: these wrappers print one
 * line naming the request and exit with status 1, so callers never carry
 * NULL checks for memory.  They are used at set-up time and for amortised
 * growth (doubling), never once per simulated event. */
#ifndef PEL_ALLOC_H
#define PEL_ALLOC_H

#include <stddef.h>

/* Returns n bytes (n may be 0), or exits when memory is exhausted. */
void *pel_xmalloc(size_t n);
/* Returns n*size zeroed bytes, or exits (also on overflow of n*size). */
void *pel_xcalloc(size_t n, size_t size);
/* Resizes p to n bytes, or exits when memory is exhausted. */
void *pel_xrealloc(void *p, size_t n);
/* Resizes an array p of n elements of size bytes, checking overflow. */
void *pel_xreallocarray(void *p, size_t n, size_t size);
/* Returns a malloc'ed copy of s (NULL stays NULL). */
char *pel_xstrdup(const char *s);
/* Sets how fatal messages start ("pelsim run"; name is kept, not copied). */
void pel_set_progname(const char *name);
/* How fatal messages start: "pelsim" until pel_set_progname. */
const char *pel_progname(void);

#endif
