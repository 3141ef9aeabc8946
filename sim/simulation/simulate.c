#include "simulate.h"

#include "../../common/alloc.h"
#include "../../common/random.h"
#include "engine.h"
#include "network.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EV_TASK_END = 1, EV_RELEASE = 2, EV_FLOW = 3 };
enum { ST_WAITING, ST_READY, ST_RUNNING, ST_DONE };

/* The shared network as the simulator sees it: the flows (sim/simulation/network)
 * and, per task and slot, what waits for them. */
typedef struct {
	pel_network *flows;  /* the flows themselves */
	uint32_t *pending;    /* per task: input flows still moving to its binding */
	uint32_t *epoch;      /* per task: bumped at every binding */
	double *slot_exec;    /* per global slot: exec of the task waiting there */
} network;

typedef struct {
	pel_engine *eng;
	const pel_model *m;
	const pel_dag *g;
	const pel_platform *p;
	const pel_policy *pol;
	pel_policy_ctx ctx;
	pel_sim_result *r;
	int record;
	uint8_t *state;        /* per task: ST_* */
	uint32_t *npred_left;  /* per task */
	/* These two share the result's dev and start arrays, which are
	 * written only when a task starts: 8+4 bytes less per task. */
	pel_device_id *bound;  /* per task: device its inputs go to */
	double *data_ready;    /* per task: when its inputs are all on bound */
	uint32_t *first_slot;  /* per device: its first global slot */
	uint32_t *free_slots;  /* per device */
	pel_task_id *slot_task;/* per global slot: running task or PEL_NO_TASK */
	int32_t *slot_kind;    /* per global slot: kernel kind loaded (FPGA) */
	uint64_t *idle;        /* bitmap of devices with a free slot */
	uint64_t *woken;       /* bitmap of devices the policy may have work for */
	uint64_t *cand;        /* idle & woken: the devices to offer work */
	uint64_t *cand_sum;    /* bitmap of the nonzero words of cand */
	size_t xcap;
	uint32_t done;
	int failed;
	int shared;            /* the shared network model */
	network net;
} sim;

static double ops_now(void *b)
{
	return pel_engine_now(((sim *)b)->eng);
}

static uint32_t record_xfer(sim *s, uint32_t e, uint32_t from, uint32_t to, double start, double end)
{
	if (s->r->nxfers == s->xcap) {
		s->xcap = s->xcap ? 2 * s->xcap : 1024;
		s->r->xfers = pel_xreallocarray(s->r->xfers, s->xcap, sizeof *s->r->xfers);
	}
	s->r->xfers[s->r->nxfers] = (pel_transfer){ e, from, to, start, end };
	return (uint32_t)s->r->nxfers++;
}

static void flow_start(sim *s, uint32_t e, pel_task_id dst, uint32_t from, uint32_t to, double now,
		       double ideal_arrive);

static void copy_input(sim *s, uint32_t e, pel_device_id d)
{
	pel_task_id src = s->g->src[e], dst = s->g->dst[e];
	uint32_t from = s->p->devices[s->r->dev[src]].node, to = s->p->devices[d].node;
	double now = pel_engine_now(s->eng);
	double arrive = now + pel_model_comm(s->m, e, from, to);
	if (arrive > s->data_ready[dst])
		s->data_ready[dst] = arrive;
	if (from == to)
		return;
	s->r->bytes_moved += s->g->bytes[e];
	s->r->transfers++;
	/* shared network: bytes over a route become a flow (an explicit comm
	 * time keeps its fixed duration; no bytes cost the latency alone) */
	if (s->shared && s->g->bytes[e] > 0 && !pel_dag_has_comm(s->g, e)) {
		flow_start(s, e, dst, from, to, now, arrive);
		return;
	}
	if (s->record)
		record_xfer(s, e, from, to, now, arrive);
}

/* Binds t to d: inputs already produced start moving to d now; the others
 * will move when their producer finishes. */
static void bind(sim *s, pel_task_id t, pel_device_id d)
{
	const pel_dag *g = s->g;
	s->bound[t] = d;
	s->data_ready[t] = 0;
	if (s->shared) {
		/* flows to the old binding go on, but no longer count for t */
		s->net.epoch[t]++;
		s->net.pending[t] = 0;
	}
	for (uint32_t k = g->pred_off[t]; k < g->pred_off[t + 1]; k++) {
		uint32_t e = g->pred[k];
		if (s->state[g->src[e]] == ST_DONE)
			copy_input(s, e, d);
	}
}

static void ops_assign(void *b, pel_task_id t, pel_device_id d)
{
	sim *s = b;
	if (t < s->g->ntasks && d < s->p->ndevices && s->state[t] <= ST_READY &&
	    s->bound[t] != d)
		bind(s, t, d);
}

static pel_device_id ops_task_device(void *b, pel_task_id t)
{
	sim *s = b;
	return s->state[t] >= ST_RUNNING ? s->r->dev[t] : PEL_NO_DEVICE;
}

static double ops_task_end(void *b, pel_task_id t)
{
	sim *s = b;
	return s->state[t] >= ST_RUNNING ? s->r->end[t] : INFINITY;
}

static void fail(sim *s, const char *what, pel_task_id t, pel_device_id d)
{
	char buf[32];
	if (s->failed)
		return;
	s->failed = 1;
	snprintf(s->r->error, sizeof s->r->error,
		 "policy '%s' returned task %s for device %s, %s",
		 s->pol->name, t < s->g->ntasks ? pel_dag_task_name(s->g, t, buf, sizeof buf) : "(invalid id)",
		 s->p->devices[d].name, what);
}

/* Recomputes word w of the candidates and its bit in the summary. */
static void cand_update(sim *s, uint32_t w)
{
	uint64_t bit = 1ULL << (w & 63);
	s->cand[w] = s->idle[w] & s->woken[w];
	if (s->cand[w])
		s->cand_sum[w >> 6] |= bit;
	else
		s->cand_sum[w >> 6] &= ~bit;
}

/* Sets or clears d's bit in the bitmap map, keeping the candidates. */
static void set_bit(sim *s, uint64_t *map, pel_device_id d, int on)
{
	uint64_t bit = 1ULL << (d & 63);
	if (on)
		map[d >> 6] |= bit;
	else
		map[d >> 6] &= ~bit;
	cand_update(s, d >> 6);
}

static void set_idle(sim *s, pel_device_id d, int idle)
{
	set_bit(s, s->idle, d, idle);
}

/* The lowest candidate device with id >= from, or PEL_NO_DEVICE; costs
 * O(1) words per 4096 devices skipped. */
static pel_device_id next_candidate(const sim *s, pel_device_id from)
{
	uint32_t words = (s->p->ndevices + 63) / 64, w = from >> 6;
	if (w >= words)
		return PEL_NO_DEVICE;
	uint64_t bits = s->cand[w] & (~0ULL << (from & 63));
	if (bits)
		return w * 64 + (uint32_t)__builtin_ctzll(bits);
	uint32_t sw = (w + 1) >> 6, nsw = (words + 63) / 64;
	if (sw >= nsw)
		return PEL_NO_DEVICE;
	uint64_t sum = (w + 1) & 63 ? s->cand_sum[sw] & (~0ULL << ((w + 1) & 63)) : s->cand_sum[sw];
	while (!sum) {
		if (++sw >= nsw)
			return PEL_NO_DEVICE;
		sum = s->cand_sum[sw];
	}
	w = sw * 64 + (uint32_t)__builtin_ctzll(sum);
	return w * 64 + (uint32_t)__builtin_ctzll(s->cand[w]);
}

/* Wakes d, or every device (word by word) when d is PEL_NO_DEVICE. */
static void ops_wake(void *b, pel_device_id d)
{
	sim *s = b;
	uint32_t nd = s->p->ndevices;
	if (d < nd) {
		set_bit(s, s->woken, d, 1);
	} else if (d == PEL_NO_DEVICE) {
		for (uint32_t w = 0; w < nd / 64; w++) {
			s->woken[w] = ~0ULL;
			cand_update(s, w);
		}
		for (d = nd / 64 * 64; d < nd; d++)
			set_bit(s, s->woken, d, 1);
	}
}

/* Every idle candidate goes to sleep, found through the summary. */
static void ops_sleep_all(void *b)
{
	sim *s = b;
	if (!s->pol->wakes)
		return;
	uint32_t nsw = (s->p->ndevices + 4095) / 4096;
	for (uint32_t sw = 0; sw < nsw; sw++)
		while (s->cand_sum[sw]) {
			uint32_t w = sw * 64 + (uint32_t)__builtin_ctzll(s->cand_sum[sw]);
			s->woken[w] &= ~s->idle[w];
			cand_update(s, w);
		}
}

static const pel_backend_ops sim_ops = {
	.now = ops_now,
	.assign = ops_assign,
	.task_device = ops_task_device,
	.task_end = ops_task_end,
	.wake = ops_wake,
	.sleep_all = ops_sleep_all,
};

static void start_task(sim *s, pel_task_id t, pel_device_id d)
{
	if (t >= s->g->ntasks) {
		fail(s, "which is no task", t, d);
		return;
	}
	if (s->state[t] != ST_READY) {
		fail(s, s->state[t] == ST_WAITING ? "which is not ready" : "which was already started", t, d);
		return;
	}
	double exec = pel_model_exec(s->m, t, d);
	if (!isfinite(exec)) {
		fail(s, "which cannot run there", t, d);
		return;
	}
	if (s->bound[t] != d)
		bind(s, t, d);
	uint32_t slot = s->first_slot[d];
	while (s->slot_task[slot] != PEL_NO_TASK)
		slot++;
	const pel_device *dev = &s->p->devices[d];
	if (dev->class_kind == PEL_CLASS_FPGA && s->slot_kind[slot] != s->g->kind[t]) {
		exec += dev->reconfig;
		s->slot_kind[slot] = s->g->kind[t];
	}
	double now = pel_engine_now(s->eng);
	double start = s->data_ready[t] > now ? s->data_ready[t] : now;
	s->state[t] = ST_RUNNING;
	s->slot_task[slot] = t;
	s->r->dev[t] = d;
	s->r->slot[t] = slot - s->first_slot[d];
	s->r->start[t] = start;
	s->r->end[t] = start + exec;
	if (--s->free_slots[d] == 0)
		set_idle(s, d, 0);
	if (s->shared && s->net.pending[t]) {
		/* inputs still moving: the task holds its slot and starts when
		 * the last one lands (start and end are estimates until then) */
		s->net.slot_exec[slot] = exec;
		return;
	}
	pel_engine_push(s->eng, start + exec, EV_TASK_END, t, 0);
}

/* ---- the shared network ------------------------------------------------ */

/* Starts the flow of edge e's bytes from node `from` to node `to` for
 * task dst (bound there). */
static void flow_start(sim *s, uint32_t e, pel_task_id dst, uint32_t from, uint32_t to, double now,
		       double ideal_arrive)
{
	pel_flow_owner o = {
		.task = dst,
		.epoch = s->net.epoch[dst],
		.xfer = s->record ? record_xfer(s, e, from, to, now, ideal_arrive) : UINT32_MAX,
	};
	s->net.pending[dst]++;
	pel_network_start(s->net.flows, from, to, s->g->bytes[e], now, o);
}

/* Starts a task that waited in its slot for its inputs. */
static void launch_staged(sim *s, pel_task_id t, double now)
{
	pel_device_id d = s->r->dev[t];
	double exec = s->net.slot_exec[s->first_slot[d] + s->r->slot[t]];
	double start = s->r->start[t] > now ? s->r->start[t] : now;
	s->r->start[t] = start;
	s->r->end[t] = start + exec;
	pel_engine_push(s->eng, start + exec, EV_TASK_END, t, 0);
}

/* A flow event: when it was a flow's last byte, the transfer ends and the
 * task it feeds is one input closer to starting. */
static void flow_event(sim *s, const pel_event *ev)
{
	pel_flow_owner o;
	if (!pel_network_event(s->net.flows, ev, &o))
		return;
	if (o.xfer != UINT32_MAX)
		s->r->xfers[o.xfer].end = ev->time;
	if (o.epoch != s->net.epoch[o.task])
		return; /* the task was bound elsewhere since: wasted bytes */
	if (--s->net.pending[o.task] == 0 && s->state[o.task] == ST_RUNNING)
		launch_staged(s, o.task, ev->time);
}

/* The flows and the per-task and per-slot arrays of the shared network. */
static void network_init(sim *s, uint32_t ntasks)
{
	network *n = &s->net;
	n->flows = pel_network_new(s->p, s->eng, EV_FLOW);
	n->pending = pel_xcalloc(ntasks ? ntasks : 1, sizeof *n->pending);
	n->epoch = pel_xcalloc(ntasks ? ntasks : 1, sizeof *n->epoch);
	n->slot_exec = pel_xcalloc(s->p->total_slots ? s->p->total_slots : 1, sizeof *n->slot_exec);
}

/* Frees what network_init made (a zeroed n is fine). */
static void network_free(network *n)
{
	pel_network_free(n->flows);
	free(n->pending);
	free(n->epoch);
	free(n->slot_exec);
}

/* Offers every device with a free slot that the policy may have work for
 * (every one, for a policy that does not wake devices), in id order,
 * work until the policy has none for it.  A device answered "nothing"
 * sleeps until the policy wakes it. */
static void offer(sim *s)
{
	pel_device_id d = 0;
	while (!s->failed && (d = next_candidate(s, d)) != PEL_NO_DEVICE) {
		while (s->free_slots[d] && !s->failed) {
			pel_task_id t = s->pol->next_task(&s->ctx, d);
			if (t == PEL_NO_TASK) {
				if (s->pol->wakes)
					set_bit(s, s->woken, d, 0);
				break;
			}
			start_task(s, t, d);
		}
		d++;
	}
}

static void make_ready(sim *s, pel_task_id t, double now)
{
	s->state[t] = ST_READY;
	s->r->ready[t] = now;
	s->pol->task_ready(&s->ctx, t);
}

/* A task whose predecessors are all done is ready now, or at its release
 * time when that is later (tasks of a stream arrive over time). */
static void predecessors_done(sim *s, pel_task_id t, double now)
{
	if (s->g->release && s->g->release[t] > now)
		pel_engine_push(s->eng, s->g->release[t], EV_RELEASE, t, 0);
	else
		make_ready(s, t, now);
}

static int on_event(void *user, const pel_event *ev)
{
	sim *s = user;
	const pel_dag *g = s->g;
	pel_task_id t = ev->a;
	if (ev->type == EV_FLOW) {
		flow_event(s, ev);
		return 0;
	}
	if (ev->type == EV_RELEASE) {
		make_ready(s, t, ev->time);
		offer(s);
		return s->failed;
	}
	pel_device_id d = s->r->dev[t];
	uint32_t slot = s->first_slot[d] + s->r->slot[t];
	s->slot_task[slot] = PEL_NO_TASK;
	if (s->free_slots[d]++ == 0)
		set_idle(s, d, 1);
	s->r->busy[d] += s->r->end[t] - s->r->start[t];
	s->r->tasks[d]++;
	s->state[t] = ST_DONE;
	s->done++;
	if (s->pol->task_done)
		s->pol->task_done(&s->ctx, t, d);
	for (uint32_t k = g->succ_off[t]; k < g->succ_off[t + 1]; k++) {
		uint32_t e = g->succ[k];
		pel_task_id u = g->dst[e];
		if (s->bound[u] != PEL_NO_DEVICE)
			copy_input(s, e, s->bound[u]);
		if (--s->npred_left[u] == 0)
			predecessors_done(s, u, ev->time);
	}
	offer(s);
	return s->failed;
}

static pel_sim_result *result_new(const pel_model *m)
{
	uint32_t n = m->g->ntasks, nd = m->ndev;
	pel_sim_result *r = pel_xcalloc(1, sizeof *r);
	r->busy = pel_xcalloc(nd, sizeof *r->busy);
	r->tasks = pel_xcalloc(nd, sizeof *r->tasks);
	r->dev = pel_xmalloc((size_t)n * sizeof *r->dev);
	r->slot = pel_xcalloc(n, sizeof *r->slot);
	r->ready = pel_xcalloc(n, sizeof *r->ready);
	r->start = pel_xcalloc(n, sizeof *r->start);
	r->end = pel_xcalloc(n, sizeof *r->end);
	for (uint32_t t = 0; t < n; t++)
		r->dev[t] = PEL_NO_DEVICE;
	return r;
}

void pel_sim_result_free(pel_sim_result *r)
{
	if (!r)
		return;
	free(r->busy);
	free(r->tasks);
	free(r->dev);
	free(r->slot);
	free(r->ready);
	free(r->start);
	free(r->end);
	free(r->xfers);
	free(r);
}

/* Gives the tasks that never started their result values back (no
 * device, start 0), which bound and data_ready borrowed. */
static void unbind_unstarted(sim *s)
{
	for (uint32_t t = 0; t < s->g->ntasks; t++)
		if (s->state[t] < ST_RUNNING) {
			s->r->dev[t] = PEL_NO_DEVICE;
			s->r->start[t] = 0;
		}
}

static void sim_free(sim *s)
{
	pel_engine_free(s->eng);
	if (s->ctx.rng)
		gsl_rng_free(s->ctx.rng);
	free(s->state);
	free(s->npred_left);
	free(s->first_slot);
	free(s->free_slots);
	free(s->slot_task);
	free(s->slot_kind);
	free(s->idle);
	free(s->woken);
	free(s->cand);
	free(s->cand_sum);
	network_free(&s->net);
}

pel_sim_result *pel_simulate(const pel_model *m, const pel_policy *pol,
			     const pel_sim_options *opt)
{
	const pel_dag *g = m->g;
	const pel_platform *p = m->p;
	uint32_t n = g->ntasks, nd = p->ndevices;
	sim s = { 0 };
	s.m = m;
	s.g = g;
	s.p = p;
	s.pol = pol;
	s.record = opt->record_transfers;
	s.shared = p->net == PEL_NET_SHARED;
	s.eng = pel_engine_new(p->total_slots + 16);
	s.state = pel_xcalloc(n, 1);
	s.npred_left = pel_xmalloc((size_t)n * sizeof *s.npred_left);
	for (uint32_t t = 0; t < n; t++)
		s.npred_left[t] = pel_dag_npred(g, t);
	s.first_slot = pel_xmalloc((size_t)nd * sizeof *s.first_slot);
	s.free_slots = pel_xmalloc((size_t)nd * sizeof *s.free_slots);
	s.slot_task = pel_xmalloc((size_t)p->total_slots * sizeof *s.slot_task);
	s.slot_kind = pel_xmalloc((size_t)p->total_slots * sizeof *s.slot_kind);
	s.idle = pel_xcalloc((nd + 63) / 64, sizeof *s.idle);
	s.woken = pel_xcalloc((nd + 63) / 64, sizeof *s.woken);
	s.cand = pel_xcalloc((nd + 63) / 64, sizeof *s.cand);
	s.cand_sum = pel_xcalloc((nd + 4095) / 4096, sizeof *s.cand_sum);
	for (uint32_t d = 0; d < nd; d++) /* a device not yet asked may have work */
		s.woken[d >> 6] |= 1ULL << (d & 63);
	for (uint32_t d = 0, at = 0; d < nd; d++) {
		s.first_slot[d] = at;
		s.free_slots[d] = p->devices[d].slots;
		set_idle(&s, d, s.free_slots[d] > 0);
		at += p->devices[d].slots;
	}
	for (uint32_t i = 0; i < p->total_slots; i++) {
		s.slot_task[i] = PEL_NO_TASK;
		s.slot_kind[i] = -1;
	}
	s.r = result_new(m);
	s.bound = s.r->dev;         /* all PEL_NO_DEVICE */
	s.data_ready = s.r->start;  /* all 0 */
	if (s.shared)
		network_init(&s, n);
	s.ctx.model = m;
	s.ctx.params = opt->params;
	s.ctx.assignment = opt->assignment;
	s.ctx.nparams = opt->nparams;
	s.ctx.rng = pel_rng_stream(opt->seed, PEL_STREAM_POLICY);
	s.ctx.ops = &sim_ops;
	s.ctx.backend = &s;

	if (pol->init && pol->init(&s.ctx)) {
		pel_sim_result *r = s.r;
		r->refused = 1;
		r->refused_param = s.ctx.error_param;
		snprintf(r->error, sizeof r->error, "%s", s.ctx.error);
		unbind_unstarted(&s);
		sim_free(&s);
		return r;
	}
	if (opt->init_only) {
		pel_sim_result *r = s.r;
		if (pol->fini)
			pol->fini(&s.ctx);
		unbind_unstarted(&s);
		sim_free(&s);
		return r;
	}
	for (pel_task_id t = 0; t < n; t++)
		if (!s.npred_left[t])
			predecessors_done(&s, t, 0);
	offer(&s);
	if (!s.failed)
		pel_engine_run(s.eng, opt->stop_time, on_event, &s);

	pel_sim_result *r = s.r;
	r->events = pel_engine_count(s.eng);
	r->complete = !s.failed && s.done == n;
	if (!s.failed && s.done < n) {
		if (pel_engine_pending(s.eng))
			snprintf(r->error, sizeof r->error,
				 "stopped at time %g with %u of %u tasks finished",
				 opt->stop_time, s.done, n);
		else
			snprintf(r->error, sizeof r->error,
				 "policy '%s' left %u of %u tasks unscheduled",
				 pol->name, n - s.done, n);
	}
	for (uint32_t t = 0; t < n; t++)
		if (s.state[t] == ST_DONE && r->end[t] > r->makespan)
			r->makespan = r->end[t];
	if (pol->fini)
		pol->fini(&s.ctx);
	unbind_unstarted(&s);
	sim_free(&s);
	return r;
}
