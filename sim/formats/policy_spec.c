/* policy_spec.c - a policy as written with its parameters (see policy_spec.h). */
#include "policy_spec.h"

#include "../../common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A copy of n bytes of s, NUL-terminated. */
static char *copy_n(const char *s, size_t n)
{
	char *c = pel_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = 0;
	return c;
}

/* A copy of s, or NULL for NULL. */
static char *copy_or_null(const char *s)
{
	return s ? pel_xstrdup(s) : NULL;
}

/* Appends one parameter without touching text; value_at is its offset. */
static void push_param(pel_policy_spec *v, char *name, char *value, const char *where, size_t value_at)
{
	size_t n = v->nparams + 1;
	v->params = pel_xreallocarray(v->params, n, sizeof *v->params);
	v->param_where = pel_xreallocarray(v->param_where, n, sizeof *v->param_where);
	v->param_at = pel_xreallocarray(v->param_at, n, sizeof *v->param_at);
	v->params[v->nparams] = (pel_param){ name, value };
	v->param_where[v->nparams] = copy_or_null(where);
	v->param_at[v->nparams++] = value_at;
}

void pel_policy_spec_start(pel_policy_spec *v, const char *name, const char *where, int in_scenario)
{
	memset(v, 0, sizeof *v);
	v->text = pel_xstrdup(name);
	v->name = pel_xstrdup(name);
	v->where = copy_or_null(where);
	v->in_scenario = in_scenario;
}

void pel_policy_spec_add(pel_policy_spec *v, const char *name, const char *value, const char *where)
{
	size_t n = strlen(v->text) + strlen(name) + strlen(value) + 3;
	char *text = pel_xmalloc(n);
	snprintf(text, n, "%s:%s=%s", v->text, name, value);
	size_t at = strlen(text) - strlen(value);
	free(v->text);
	v->text = text;
	push_param(v, pel_xstrdup(name), pel_xstrdup(value), where, at);
}

int pel_policy_spec_parse(const char *text, const char *where, int in_scenario, pel_policy_spec *v, char *bad,
			  size_t badlen)
{
	size_t name_len = strcspn(text, ":");
	char *name = copy_n(text, name_len);
	pel_policy_spec_start(v, name, where, in_scenario);
	free(name);
	free(v->text);
	v->text = pel_xstrdup(text);
	/* pieces between runs of ':'; value_end[k] grows when a piece
	 * without '=' continues parameter k's value (sita:cutoffs=1:5:20) */
	size_t i = name_len, *value_end = pel_xcalloc(strlen(text) + 1, sizeof *value_end);
	size_t *name_at = pel_xcalloc(strlen(text) + 1, sizeof *name_at);
	int rc = 0;
	while (text[i]) {
		while (text[i] == ':')
			i++;
		if (!text[i])
			break;
		size_t j = i + strcspn(text + i, ":");
		const char *eq = memchr(text + i, '=', j - i);
		if (!eq && v->nparams) {
			value_end[v->nparams - 1] = j;
		} else if (!eq || eq == text + i) {
			snprintf(bad, badlen, "%.*s", (int)(j - i), text + i);
			rc = -1;
			break;
		} else {
			name_at[v->nparams] = i;
			push_param(v, NULL, NULL, where, (size_t)(eq - text) + 1);
			value_end[v->nparams - 1] = j;
		}
		i = j;
	}
	for (size_t k = 0; k < v->nparams; k++) {
		size_t at = v->param_at[k];
		v->params[k].name = copy_n(text + name_at[k], at - 1 - name_at[k]);
		v->params[k].value = copy_n(text + at, value_end[k] - at);
	}
	free(value_end);
	free(name_at);
	return rc;
}

void pel_policy_spec_copy(pel_policy_spec *dst, const pel_policy_spec *src)
{
	pel_policy_spec_start(dst, src->name, src->where, src->in_scenario);
	free(dst->text);
	dst->text = pel_xstrdup(src->text);
	for (size_t k = 0; k < src->nparams; k++)
		push_param(dst, pel_xstrdup(src->params[k].name), pel_xstrdup(src->params[k].value),
			   src->param_where[k], src->param_at[k]);
}

void pel_policy_spec_free(pel_policy_spec *v)
{
	if (!v)
		return;
	for (size_t k = 0; k < v->nparams; k++) {
		free((char *)v->params[k].name);
		free((char *)v->params[k].value);
		free(v->param_where[k]);
	}
	free(v->params);
	free(v->param_where);
	free(v->param_at);
	free(v->text);
	free(v->name);
	free(v->where);
	memset(v, 0, sizeof *v);
}
