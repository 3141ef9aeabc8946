/* registry.c - built-in policies by name, plus any registered at run time. */
#include "policy.h"

#include "../common/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const pel_policy pel_policy_eager;
extern const pel_policy pel_policy_heft;
extern const pel_policy pel_policy_cpop;
extern const pel_policy pel_policy_peft;
extern const pel_policy pel_policy_dm;
extern const pel_policy pel_policy_dmda;
extern const pel_policy pel_policy_mct;
extern const pel_policy pel_policy_met;
extern const pel_policy pel_policy_olb;
extern const pel_policy pel_policy_random;
extern const pel_policy pel_policy_round_robin;
extern const pel_policy pel_policy_jsq;
extern const pel_policy pel_policy_pod;
extern const pel_policy pel_policy_lwl;
extern const pel_policy pel_policy_sita;
extern const pel_policy pel_policy_prio;
extern const pel_policy pel_policy_ws;
extern const pel_policy pel_policy_lws;
extern const pel_policy pel_policy_heteroprio;
extern const pel_policy pel_policy_minmin;
extern const pel_policy pel_policy_maxmin;
extern const pel_policy pel_policy_sufferage;
extern const pel_policy pel_policy_fixed;

static const pel_policy *builtin[] = {
	&pel_policy_eager,
	&pel_policy_heft,
	&pel_policy_cpop,
	&pel_policy_peft,
	&pel_policy_dm,
	&pel_policy_dmda,
	&pel_policy_mct,
	&pel_policy_met,
	&pel_policy_olb,
	&pel_policy_random,
	&pel_policy_round_robin,
	&pel_policy_jsq,
	&pel_policy_pod,
	&pel_policy_lwl,
	&pel_policy_sita,
	&pel_policy_prio,
	&pel_policy_ws,
	&pel_policy_lws,
	&pel_policy_heteroprio,
	&pel_policy_minmin,
	&pel_policy_maxmin,
	&pel_policy_sufferage,
	&pel_policy_fixed,
};

static const pel_policy **all;
static size_t nall;

static void init_list(void)
{
	if (all)
		return;
	nall = sizeof builtin / sizeof builtin[0];
	all = pel_xmalloc(nall * sizeof *all);
	memcpy(all, builtin, sizeof builtin);
}

const pel_policy *const *pel_policy_list(size_t *n)
{
	init_list();
	*n = nall;
	return all;
}

const pel_policy *pel_policy_find(const char *name)
{
	init_list();
	for (size_t i = 0; i < nall; i++)
		if (!strcmp(all[i]->name, name))
			return all[i];
	return NULL;
}

int pel_policy_register(const pel_policy *p)
{
	if (pel_policy_find(p->name))
		return -1;
	all = pel_xreallocarray(all, nall + 1, sizeof *all);
	all[nall++] = p;
	return 0;
}

const char *pel_ctx_param(const pel_policy_ctx *c, const char *name, const char *def)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (!strcmp(c->params[i].name, name))
			return c->params[i].value;
	return def;
}

int pel_ctx_refuse(pel_policy_ctx *c, const char *param, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->error, sizeof c->error, fmt, ap);
	va_end(ap);
	c->error_param = param;
	return -1;
}

int pel_ctx_param_number(pel_policy_ctx *c, const char *name, double def,
			 double lo, double hi, double *out)
{
	const char *v = pel_ctx_param(c, name, NULL);
	*out = def;
	if (!v)
		return 0;
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !isfinite(x) || x < lo || x > hi)
		return pel_ctx_refuse(c, name, "expected a number in [%g, %g], found '%s'", lo, hi, v);
	*out = x;
	return 0;
}
