/* digest.c - 64-bit FNV-1a over a fixed serialization of values. */
#include "digest.h"

#include <math.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

void pel_digest_init(pel_digest *d)
{
	d->h = FNV_OFFSET;
}

void pel_digest_bytes(pel_digest *d, const void *p, size_t n)
{
	const unsigned char *c = p;
	uint64_t h = d->h;
	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= FNV_PRIME;
	}
	d->h = h;
}

void pel_digest_u64(pel_digest *d, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	pel_digest_bytes(d, b, sizeof b);
}

void pel_digest_double(pel_digest *d, double v)
{
	uint64_t bits;
	if (isnan(v))
		v = NAN;
	memcpy(&bits, &v, sizeof bits);
	pel_digest_u64(d, bits);
}

void pel_digest_str(pel_digest *d, const char *s)
{
	if (!s) {
		pel_digest_u64(d, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	pel_digest_u64(d, n);
	pel_digest_bytes(d, s, n);
}

/* Adds n doubles of a, or a marker when a is NULL. */
static void doubles(pel_digest *d, const double *a, size_t n)
{
	pel_digest_u64(d, a ? n : UINT64_MAX);
	for (size_t i = 0; a && i < n; i++)
		pel_digest_double(d, a[i]);
}

void pel_digest_platform(pel_digest *d, const pel_platform *p)
{
	pel_digest_u64(d, p->ndevices);
	for (uint32_t i = 0; i < p->ndevices; i++) {
		const pel_device *v = &p->devices[i];
		pel_digest_str(d, v->name);
		pel_digest_str(d, v->group);
		pel_digest_str(d, v->class_name);
		pel_digest_u64(d, (uint64_t)v->class_kind);
		pel_digest_double(d, v->speed);
		pel_digest_u64(d, v->slots);
		pel_digest_u64(d, v->node);
		pel_digest_double(d, v->launch);
		pel_digest_double(d, v->reconfig);
		pel_digest_u64(d, v->neff);
		for (uint32_t k = 0; k < v->neff; k++) {
			pel_digest_str(d, v->eff[k].kind);
			pel_digest_double(d, v->eff[k].value);
		}
	}
	pel_digest_u64(d, p->nnodes);
	for (uint32_t i = 0; i < p->nnodes; i++) {
		pel_digest_str(d, p->nodes[i].name);
		pel_digest_double(d, p->nodes[i].capacity);
	}
	pel_digest_u64(d, p->nlinks);
	for (uint32_t i = 0; i < p->nlinks; i++) {
		pel_digest_u64(d, p->links[i].a);
		pel_digest_u64(d, p->links[i].b);
		pel_digest_double(d, p->links[i].bandwidth);
		pel_digest_double(d, p->links[i].latency);
	}
	pel_digest_u64(d, (uint64_t)p->net);
}

void pel_digest_dag(pel_digest *d, const pel_dag *g)
{
	pel_digest_u64(d, g->ntasks);
	pel_digest_u64(d, g->nkinds);
	for (uint32_t k = 0; k < g->nkinds; k++)
		pel_digest_str(d, g->kind_names[k]);
	for (uint32_t t = 0; t < g->ntasks; t++) {
		pel_digest_u64(d, g->kind[t]);
		pel_digest_double(d, g->work[t]);
		pel_digest_str(d, g->names ? g->names[t] : NULL);
	}
	doubles(d, g->release, g->ntasks);
	pel_digest_u64(d, g->nedges);
	for (uint32_t e = 0; e < g->nedges; e++) {
		pel_digest_u64(d, g->src[e]);
		pel_digest_u64(d, g->dst[e]);
	}
	doubles(d, g->bytes, g->nedges);
	doubles(d, g->comm, g->nedges);
	pel_digest_u64(d, g->ncosts);
	for (size_t c = 0; c < g->ncosts; c++) {
		pel_digest_u64(d, g->costs[c].task);
		pel_digest_str(d, g->costs[c].key);
		pel_digest_double(d, g->costs[c].time);
	}
}
