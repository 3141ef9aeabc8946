/* digest.h - a 64-bit FNV-1a digest of what a result depends on: it tells
 * whether two configurations are the same (the journal of a sweep), not
 * a defence against anyone forging one.
 *
 * Values are fed in a fixed serialization: strings with their length
 * first (so "ab","c" and "a","bc" differ), integers and doubles as 8
 * little-endian bytes, so the digest is the same on every machine. */
#ifndef PEL_DIGEST_H
#define PEL_DIGEST_H

#include "../../models/platform.h"
#include "../../models/workload.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t h;
} pel_digest;

/* Starts an empty digest. */
void pel_digest_init(pel_digest *d);
/* Adds n bytes as they are. */
void pel_digest_bytes(pel_digest *d, const void *p, size_t n);
/* Adds an integer (8 bytes, little-endian). */
void pel_digest_u64(pel_digest *d, uint64_t v);
/* Adds a double by its bits (every NaN the same). */
void pel_digest_double(pel_digest *d, double v);
/* Adds a string (NULL differs from ""), its length first. */
void pel_digest_str(pel_digest *d, const char *s);
/* Adds everything a run reads of a platform: devices, nodes, links, network. */
void pel_digest_platform(pel_digest *d, const pel_platform *p);
/* Adds everything a run reads of a DAG: tasks, kinds, edges, costs, releases. */
void pel_digest_dag(pel_digest *d, const pel_dag *g);

#endif
