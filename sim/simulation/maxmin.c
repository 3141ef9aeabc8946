#include "maxmin.h"

#include "../../common/alloc.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

void pel_maxmin_scratch_reserve(pel_maxmin_scratch *sc, uint32_t nlinks, size_t nhops)
{
	if (nlinks > sc->link_room) {
		uint32_t room = sc->link_room ? sc->link_room : 16;
		while (room < nlinks)
			room = room > UINT32_MAX / 2 ? nlinks : 2 * room;
		sc->left = pel_xreallocarray(sc->left, room, sizeof *sc->left);
		sc->cnt = pel_xreallocarray(sc->cnt, room, sizeof *sc->cnt);
		sc->head = pel_xreallocarray(sc->head, room, sizeof *sc->head);
		sc->busy = pel_xreallocarray(sc->busy, room, sizeof *sc->busy);
		for (uint32_t l = sc->link_room; l < room; l++)
			sc->cnt[l] = 0;
		sc->link_room = room;
	}
	if (nhops > sc->hop_room) {
		size_t room = sc->hop_room ? sc->hop_room : 64;
		while (room < nhops)
			room *= 2;
		sc->flow = pel_xreallocarray(sc->flow, room, sizeof *sc->flow);
		sc->next = pel_xreallocarray(sc->next, room, sizeof *sc->next);
		sc->hop_room = room;
	}
}

void pel_maxmin_scratch_free(pel_maxmin_scratch *sc)
{
	free(sc->left);
	free(sc->cnt);
	free(sc->head);
	free(sc->busy);
	free(sc->flow);
	free(sc->next);
	*sc = (pel_maxmin_scratch){ 0 };
}

/* Counts and chains the flows crossing each link, lists the links crossed
 * (in the order met) in sc->busy and gives them their full capacity; marks
 * every flow unfixed (rate -1).  Returns how many links are crossed. */
static uint32_t list_users(const pel_maxmin_problem *pb, pel_maxmin_scratch *sc, double *rate)
{
	uint32_t nbusy = 0, k = 0;
	for (uint32_t i = 0; i < pb->nflows; i++) {
		const uint32_t *route = pb->route + (size_t)i * pb->stride;
		rate[i] = -1;
		assert(pb->nhops[i] <= pb->stride);
		assert(k + pb->nhops[i] <= sc->hop_room);
		for (uint32_t h = 0; h < pb->nhops[i]; h++, k++) {
			uint32_t l = route[h];
			assert(l < pb->nlinks);
			if (sc->cnt[l] == 0) {
				sc->left[l] = pb->capacity[l];
				sc->busy[nbusy++] = l;
				sc->head[l] = UINT32_MAX;
			}
			sc->cnt[l]++;
			sc->flow[k] = i;
			sc->next[k] = sc->head[l];
			sc->head[l] = k;
		}
	}
	return nbusy;
}

/* The busy link with the least capacity left per unfixed flow (the first
 * met on a tie); that share in *share. */
static uint32_t bottleneck(const pel_maxmin_scratch *sc, uint32_t nbusy, double *share)
{
	uint32_t best = 0;
	double least = INFINITY;
	for (uint32_t b = 0; b < nbusy; b++) {
		uint32_t l = sc->busy[b];
		double x = (sc->left[l] > 0 ? sc->left[l] : 0) / sc->cnt[l];
		if (x < least || b == 0) {
			least = x;
			best = l;
		}
	}
	*share = least;
	return best;
}

/* Fixes the unfixed flows crossing link `best` at `share`: every link of
 * their routes loses it. */
static void fix_flows(const pel_maxmin_problem *pb, pel_maxmin_scratch *sc, uint32_t best, double share,
		      double *rate)
{
	for (uint32_t k = sc->head[best]; k != UINT32_MAX; k = sc->next[k]) {
		uint32_t i = sc->flow[k];
		if (rate[i] >= 0)
			continue;
		rate[i] = share;
		const uint32_t *route = pb->route + (size_t)i * pb->stride;
		for (uint32_t h = 0; h < pb->nhops[i]; h++) {
			uint32_t l = route[h];
			if (!isinf(share))
				sc->left[l] -= share;
			sc->cnt[l]--;
		}
	}
}

void pel_maxmin(const pel_maxmin_problem *pb, pel_maxmin_scratch *sc, double *rate)
{
	assert(pb->nlinks <= sc->link_room || pb->nflows == 0);
	uint32_t nbusy = list_users(pb, sc, rate);
	while (nbusy) {
		double share;
		uint32_t best = bottleneck(sc, nbusy, &share);
		fix_flows(pb, sc, best, share, rate);
		/* drop the links whose flows are all fixed (cnt back to 0) */
		uint32_t k = 0;
		for (uint32_t b = 0; b < nbusy; b++)
			if (sc->cnt[sc->busy[b]])
				sc->busy[k++] = sc->busy[b];
		nbusy = k;
	}
	for (uint32_t i = 0; i < pb->nflows; i++)
		if (rate[i] < 0) /* crosses no link */
			rate[i] = INFINITY;
}
