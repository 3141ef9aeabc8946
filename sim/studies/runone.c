/* runone.c - one policy on one loaded scenario (see runone.h). */
#include "runone.h"

#include "../../common/alloc.h"
#include "../simulation/check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parameters a policy runs with: the scenario's when the scenario
 * names this policy, overridden by the spec's. */
static pel_param *merge_params(const pel_scenario *s, const pel_policy_spec *spec, size_t *n)
{
	pel_param *all = pel_xcalloc(s->nparams + spec->nparams + 1, sizeof *all);
	size_t k = 0;
	if (!strcmp(s->policy, spec->name))
		for (size_t i = 0; i < s->nparams; i++)
			all[k++] = s->params[i];
	for (size_t i = 0; i < spec->nparams; i++) {
		size_t j = 0;
		while (j < k && strcmp(all[j].name, spec->params[i].name))
			j++;
		all[j] = spec->params[i];
		if (j == k)
			k++;
	}
	*n = k;
	return all;
}

/* The scenario's file:line:col of its policy: key, else its file. */
static const char *scenario_where(const pel_scenario *s)
{
	return s->policy_where ? s->policy_where : s->file;
}

/* Where a parameter came from, for messages; a parameter given nowhere
 * (one the policy misses) is blamed on where the policy was named. */
static const char *param_where(const pel_scenario *s, const pel_policy_spec *spec, const char *name)
{
	const char *named = spec->where ? spec->where : scenario_where(s);
	for (size_t i = spec->nparams; i-- > 0;)
		if (!strcmp(spec->params[i].name, name))
			return spec->param_where[i] ? spec->param_where[i] : named;
	if (!strcmp(s->policy, spec->name))
		for (size_t i = 0; i < s->nparams; i++)
			if (!strcmp(s->params[i].name, name))
				return s->param_where[i];
	return named;
}

/* Each parameter must be one pol declares, given once in spec (pod:d=2:d=3
 * is refused as the scenario's policy: refuses it). */
static int check_params(const pel_scenario *s, const pel_policy_spec *spec, const pel_policy *pol,
			const pel_param *params, size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < spec->nparams; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(spec->params[i].name, spec->params[j].name)) {
				snprintf(err, errlen, "%s: policy: parameter '%s' given twice",
					 param_where(s, spec, spec->params[i].name), spec->params[i].name);
				return -1;
			}
	for (size_t i = 0; i < n; i++) {
		int known = 0;
		char list[256] = "";
		for (const pel_param_doc *d = pol->params; d && d->name; d++) {
			known |= !strcmp(d->name, params[i].name);
			size_t l = strlen(list);
			snprintf(list + l, sizeof list - l, "%s%s", l ? ", " : "", d->name);
		}
		if (!known) {
			snprintf(err, errlen, "%s: policy.%s: unknown parameter of policy '%s' (expected %s%s)",
				 param_where(s, spec, params[i].name), params[i].name, pol->name,
				 *list ? "one of: " : "none; it takes no parameters", list);
			return -1;
		}
	}
	return 0;
}

static void unregistered(const pel_scenario *s, const pel_policy_spec *spec, int name_scenario, char *err,
			 size_t errlen)
{
	snprintf(err, errlen, "%s%spolicy '%s' is not registered", name_scenario ? s->file : "",
		 name_scenario ? ": " : "", spec->name);
}

int pel_policy_spec_check(const pel_scenario *s, const pel_policy_spec *spec, char *err, size_t errlen)
{
	const pel_policy *pol = pel_policy_find(spec->name);
	if (!pol) {
		unregistered(s, spec, 1, err, errlen);
		return -1;
	}
	size_t np;
	pel_param *params = merge_params(s, spec, &np);
	int rc = check_params(s, spec, pol, params, np, err, errlen);
	free(params);
	return rc;
}

/* Reads the fixed policy's schedule file when a parameter names one.
 * Returns 0 (out->assignment NULL when none is named), or -1 with err. */
static int load_assignment(const pel_scenario *s, const pel_policy_spec *spec, pel_run_outcome *out)
{
	const char *file = NULL;
	int from_spec = 0;
	for (size_t i = 0; i < out->nparams; i++)
		if (!strcmp(out->params[i].name, "schedule"))
			file = out->params[i].value;
	if (!file)
		return 0;
	for (size_t i = 0; i < spec->nparams; i++)
		from_spec |= !strcmp(spec->params[i].name, "schedule");
	/* written in the scenario: relative to the scenario's folder */
	int in_scenario = from_spec ? spec->in_scenario : 1;
	char path[4096], e[1024];
	const char *slash = strrchr(s->file, '/');
	if (in_scenario && file[0] != '/' && slash)
		snprintf(path, sizeof path, "%.*s/%s", (int)(slash - s->file), s->file, file);
	else
		snprintf(path, sizeof path, "%s", file);
	out->assignment = pel_assignment_read(path, s->model, e, sizeof e);
	if (out->assignment)
		return 0;
	snprintf(out->err, sizeof out->err, "%s: policy.schedule: %s", param_where(s, spec, "schedule"), e);
	return -1;
}

int pel_run_policy(const pel_scenario *s, const pel_policy_spec *spec, const pel_run_options *o,
		   pel_run_outcome *out)
{
	memset(out, 0, sizeof *out);
	const char *file = o->name_scenario ? s->file : "", *sep = o->name_scenario ? ": " : "";
	const pel_policy *pol = out->policy = pel_policy_find(spec->name);
	if (!pol) {
		unregistered(s, spec, o->name_scenario, out->err, sizeof out->err);
		return PEL_RUN_BAD_INPUT;
	}
	out->params = merge_params(s, spec, &out->nparams);
	if (check_params(s, spec, pol, out->params, out->nparams, out->err, sizeof out->err) ||
	    load_assignment(s, spec, out))
		return PEL_RUN_BAD_INPUT;
	pel_sim_options opt = {
		.seed = s->seed,
		.stop_time = INFINITY,
		.record_transfers = o->record_transfers,
		.params = out->params,
		.nparams = out->nparams,
		.assignment = out->assignment,
		.init_only = o->init_only,
	};
	pel_sim_result *r = out->r = pel_simulate(s->model, pol, &opt);
	if (r->refused) {
		if (r->refused_param)
			snprintf(out->err, sizeof out->err, "%s: policy.%s: %s", param_where(s, spec, r->refused_param),
				 r->refused_param, r->error);
		else
			snprintf(out->err, sizeof out->err, "%s%spolicy %s: %s", file, sep, pol->name, r->error);
		return PEL_RUN_BAD_INPUT;
	}
	if (o->init_only)
		return PEL_RUN_OK;
	if (!r->complete) {
		snprintf(out->err, sizeof out->err, "%s%s%s", file, sep, r->error);
		return PEL_RUN_FAILED;
	}
	char e[512];
	if (o->check && pel_check_schedule(s->model, r, e, sizeof e)) {
		if (o->name_scenario)
			snprintf(out->err, sizeof out->err, "%s: policy %s: --check: invalid schedule: %s", s->file,
				 pol->name, e);
		else
			snprintf(out->err, sizeof out->err, "--check: invalid schedule: %s", e);
		return PEL_RUN_FAILED;
	}
	pel_metrics_compute(s->model, r, &out->x);
	return PEL_RUN_OK;
}

void pel_run_outcome_free(pel_run_outcome *out)
{
	if (!out)
		return;
	pel_sim_result_free(out->r);
	pel_assignment_free(out->assignment);
	free(out->params);
	out->r = NULL;
	out->assignment = NULL;
	out->params = NULL;
}

/* Whether pol declares a parameter called name. */
static int declares(const pel_policy *pol, const char *name)
{
	for (const pel_param_doc *d = pol->params; d && d->name; d++)
		if (!strcmp(d->name, name))
			return 1;
	return 0;
}

int pel_policy_specs_try(const pel_scenario *s, const pel_policy_spec *v, size_t n, int which, char *err,
			 size_t errlen)
{
	for (size_t k = 0; k < n; k++)
		if (pel_policy_spec_check(s, &v[k], err, errlen))
			return -1;
	for (size_t k = 0; k < n; k++) {
		const pel_policy *pol = pel_policy_find(v[k].name);
		int has_params = pol->params && pol->params->name;
		if ((which != PEL_TRY_EVERY && !has_params) || (which == PEL_TRY_NO_SCHEDULE && declares(pol, "schedule")))
			continue;
		pel_run_options o = { .name_scenario = 1, .init_only = 1 };
		pel_run_outcome out;
		int rc = pel_run_policy(s, &v[k], &o, &out);
		if (rc)
			snprintf(err, errlen, "%s", out.err);
		pel_run_outcome_free(&out);
		if (rc)
			return -1;
	}
	return 0;
}
