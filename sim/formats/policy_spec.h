/* policy_spec.h - a policy as written with its parameters, in either of
 * the two forms every place accepts: the text "NAME[:PARAM=VALUE]..."
 * (pod:d=3, sita:cutoffs=1:5:20) or, in a scenario, the mapping
 * {name: NAME, PARAM: VALUE, ...}.  Each parameter keeps where its value
 * was written, so that a message about it can point there. */
#ifndef PEL_POLICY_SPEC_H
#define PEL_POLICY_SPEC_H

#include "../../policies/policy.h"

#include <stddef.h>

typedef struct {
	char *text;          /* "pod:d=4": as written, or rebuilt from a mapping */
	char *name;          /* "pod" */
	pel_param *params;   /* its own parameters (strings owned) */
	char **param_where;  /* where each value was written (owned; NULL: where) */
	size_t *param_at;    /* byte offset of each value in text */
	size_t nparams;
	/* where text was written, for messages: "--policy", a --set, or the
	 * file:line:col of sweep.policies; NULL for the scenario's own
	 * policy: (its parameters are the scenario's) */
	char *where;
	/* written in the scenario file: a relative schedule file among its
	 * parameters is read from the scenario's folder (from the command
	 * line: from the working directory) */
	int in_scenario;
} pel_policy_spec;

/* Splits text into *v; a piece without '=' continues the previous value
 * (sita:cutoffs=1:5:20).  where (copied; may be NULL) is also each
 * parameter's place.  Returns 0, or -1 with the piece at fault (a
 * parameter without NAME=, such as "d" in "pod:d") in bad; free v with
 * pel_policy_spec_free in both cases. */
int pel_policy_spec_parse(const char *text, const char *where, int in_scenario, pel_policy_spec *v, char *bad,
			  size_t badlen);
/* Starts *v as the policy name without parameters (the mapping form). */
void pel_policy_spec_start(pel_policy_spec *v, const char *name, const char *where, int in_scenario);
/* Appends parameter name=value, written at where (copied), to v and its text. */
void pel_policy_spec_add(pel_policy_spec *v, const char *name, const char *value, const char *where);
/* Makes *dst an independent copy of src. */
void pel_policy_spec_copy(pel_policy_spec *dst, const pel_policy_spec *src);
/* Frees what v holds and zeroes it. */
void pel_policy_spec_free(pel_policy_spec *v);

#endif
