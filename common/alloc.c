#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "pelsim";

void pel_set_progname(const char *name)
{
	progname = name;
}

const char *pel_progname(void)
{
	return progname;
}

/* Says so in one line and exits with status 1. */
static void out_of_memory(size_t n)
{
	fprintf(stderr, "%s: out of memory (allocating %zu bytes)\n", progname, n);
	exit(1);
}

void *pel_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *pel_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *pel_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

void *pel_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return pel_xrealloc(p, n * size);
}

char *pel_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = pel_xmalloc(n);
	memcpy(d, s, n);
	return d;
}
