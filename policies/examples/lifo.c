/* lifo.c - an example of a user policy, built as a shared object and
 * loaded at run time:
 *
 *   pelsim run scenario.yaml --policy-lib build/libpel_example_lifo.so --policy lifo
 *
 * A user policy is an ordinary `pel_policy` (see policies/policy.h)
 * exported under the symbol name `pel_user_policy`.  It may use every
 * inline helper of policy.h and model.h, and the functions of pelsim's
 * core (pel_xmalloc, pel_ctx_param_number, ...), which the pelsim
 * executable exports.  The same rules hold as for built-in policies:
 * callbacks are never called concurrently, keep no clock of your own, and
 * answer next_task in O(1) or O(log n).
 *
 * This one is a central LIFO stack: an idle device takes the most
 * recently readied task it can run (depth-first unfolding of the DAG,
 * which keeps little data alive). */
#include "../policy.h"

#include "../../common/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
	pel_task_id *stack;
	uint32_t n;
} lifo;

static int lifo_init(pel_policy_ctx *ctx)
{
	lifo *s = pel_xcalloc(1, sizeof *s);
	s->stack = pel_xmalloc(((size_t)ctx->model->g->ntasks + 1) * sizeof *s->stack);
	ctx->state = s;
	return 0;
}

static void lifo_ready(pel_policy_ctx *ctx, pel_task_id t)
{
	lifo *s = ctx->state;
	s->stack[s->n++] = t;
}

static pel_task_id lifo_next(pel_policy_ctx *ctx, pel_device_id d)
{
	lifo *s = ctx->state;
	/* newest first; a task d cannot run stays for another device */
	for (uint32_t i = s->n; i > 0; i--) {
		pel_task_id t = s->stack[i - 1];
		if (isfinite(pel_model_exec(ctx->model, t, d))) {
			for (uint32_t k = i - 1; k + 1 < s->n; k++)
				s->stack[k] = s->stack[k + 1];
			s->n--;
			return t;
		}
	}
	return PEL_NO_TASK;
}

static void lifo_fini(pel_policy_ctx *ctx)
{
	lifo *s = ctx->state;
	free(s->stack);
	free(s);
}

const pel_policy pel_user_policy = {
	.name = "lifo",
	.summary = "example user policy: central LIFO stack, newest ready task first",
	.init = lifo_init,
	.task_ready = lifo_ready,
	.next_task = lifo_next,
	.fini = lifo_fini,
};
