/* runone.h - one policy on one loaded scenario: what `pelsim run` does for
 * each policy it is given and `pelsim sweep` for each run.
 *
 * A policy is written "NAME[:PARAM=VALUE]..." or, in a scenario, as a
 * mapping (policy_spec.h), on the command line, in policy: and in
 * sweep.policies alike.  It runs with the scenario's parameters when the
 * scenario names the same policy, overridden by its own; each must be one
 * the policy declares.  The `fixed` policy's schedule file is read, the
 * run simulated, its schedule checked on request and its metrics
 * computed.  Every error is one line; one about a parameter names where
 * that parameter was written (a file:line:col, --policy or a --set). */
#ifndef PEL_RUNONE_H
#define PEL_RUNONE_H

#include "../formats/assignment.h"
#include "../simulation/metrics.h"
#include "../formats/policy_spec.h"
#include "../formats/scenario.h"
#include "../simulation/simulate.h"

#include <stddef.h>

/* Statuses of pel_run_policy: also the exit statuses of `pelsim run`. */
enum { PEL_RUN_OK = 0, PEL_RUN_FAILED = 1, PEL_RUN_BAD_INPUT = 2 };

/* Checks the parameters spec would run with on s against those its
 * policy declares.  Returns 0, or -1 with one line in err:
 * "WHERE: policy.X: unknown parameter of policy 'P' (expected one of: ...)". */
int pel_policy_spec_check(const pel_scenario *s, const pel_policy_spec *spec, char *err, size_t errlen);

/* Whose init pel_policy_specs_try runs: every policy's; only those of
 * the policies that declare parameters (a static scheduler's init plans
 * the whole DAG); or of those, not the ones that take a schedule file (a
 * schedule fits one DAG: a sweep reports a mismatch in its rows). */
enum { PEL_TRY_EVERY, PEL_TRY_PARAMS, PEL_TRY_NO_SCHEDULE };

/* Checks n specs on s before any of them runs: each names a registered
 * policy with parameters it declares, and the values of those parameters
 * pass the policy's init, as which says (pod:d above the devices of s,
 * sita's cutoffs against them).  Returns 0, or -1 with one line in err,
 * as pel_run_policy. */
int pel_policy_specs_try(const pel_scenario *s, const pel_policy_spec *v, size_t n, int which, char *err,
			 size_t errlen);

typedef struct {
	int record_transfers;  /* keep every transfer (a schedule file, a Gantt chart) */
	int check;             /* verify the finished schedule (pel_check_schedule) */
	/* messages that name no parameter start with the scenario's file, as
	 * `pelsim run` prints them; a sweep's row says which run it is */
	int name_scenario;
	/* only see whether the policy accepts the scenario and its parameters
	 * (its init): PEL_RUN_OK then has out->r incomplete and no metrics */
	int init_only;
} pel_run_options;

typedef struct {
	const pel_policy *policy;  /* NULL when spec names none registered */
	pel_param *params;         /* what it ran with: the scenario's and spec's */
	size_t nparams;
	pel_assignment *assignment;  /* the fixed policy's schedule file, or NULL */
	pel_sim_result *r;         /* complete (and checked) when the status is 0 */
	pel_metrics x;             /* when the status is 0 */
	char err[2048];            /* one line when the status is not 0 */
} pel_run_outcome;

/* Runs spec on the model of s with the scenario's seed.  Returns
 * PEL_RUN_OK with out->r and out->x; PEL_RUN_BAD_INPUT for an unknown,
 * unregistered or refused policy or parameter, or a schedule file that
 * cannot be read; PEL_RUN_FAILED when the run could not finish or its
 * schedule failed the check; out->err says why.  Free out with
 * pel_run_outcome_free whatever the status. */
int pel_run_policy(const pel_scenario *s, const pel_policy_spec *spec, const pel_run_options *o,
		   pel_run_outcome *out);
void pel_run_outcome_free(pel_run_outcome *out);

#endif
