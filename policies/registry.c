/* registry.c - built-in policies by name, plus any registered at run time. */
#include "policy.h"

#include "../common/alloc.h"

#include <string.h>

extern const pel_policy pel_policy_eager;
extern const pel_policy pel_policy_heft;
extern const pel_policy pel_policy_cpop;
extern const pel_policy pel_policy_peft;

static const pel_policy *builtin[] = {
	&pel_policy_eager,
	&pel_policy_heft,
	&pel_policy_cpop,
	&pel_policy_peft,
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
