/* scenario_policy.c - policies as a scenario writes them: the scenario's
 * own (policy:) and those a sweep compares, as NAME[:PARAM=VALUE]... text
 * or a mapping {name: NAME, PARAM: VALUE}, with where each value was
 * written. */
#include "scenario_read.h"

#include "../../common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A policy at r, in either form: "NAME[:PARAM=VALUE]..." (split as on the
 * command line) or {name: NAME, PARAM: VALUE, ...}, into *v with where
 * each value was written.  Returns 0, or -1 when L failed (free v in
 * both cases). */
int pel_sc_read_policy_spec(loader *L, yref r, const char *field, pel_policy_spec *v)
{
	char wbuf[512], f[400];
	memset(v, 0, sizeof *v);
	if (is_type(L, r, YAML_SCALAR_NODE)) {
		const char *t = pel_sc_text(L, r, field);
		if (!t)
			return -1;
		char bad[256];
		int rc = pel_policy_spec_parse(t, pel_sc_where(L, r, wbuf, sizeof wbuf), 1, v, bad, sizeof bad);
		for (size_t i = 0; i < v->nparams; i++) {
			free(v->param_where[i]);
			v->param_where[i] = pel_xstrdup(pel_sc_where_in(L, r, v->param_at[i], wbuf, sizeof wbuf));
		}
		if (rc) {
			char fb[64];
			pel_sc_fail_at(L, r, field, "expected NAME:PARAM=VALUE, found parameter '%s' in %s", bad,
				pel_sc_found(L, r, fb, sizeof fb));
			return -1;
		}
		return 0;
	}
	if (!is_type(L, r, YAML_MAPPING_NODE)) {
		pel_sc_expected(L, r, field, "a policy: NAME[:PARAM=VALUE]... or a mapping {name: NAME, PARAM: VALUE}");
		return -1;
	}
	snprintf(f, sizeof f, "%.300s.name", field);
	yref nm = pel_sc_need(L, r, "name", field);
	const char *name = present(nm) ? pel_sc_text(L, nm, f) : NULL;
	if (!name || pel_sc_unique_keys(L, r, field))
		return -1;
	if (strchr(name, ':')) {
		pel_sc_expected(L, nm, f, "a policy name (its parameters are the other keys of the mapping)");
		return -1;
	}
	pel_policy_spec_start(v, name, pel_sc_where(L, nm, wbuf, sizeof wbuf), 1);
	yaml_node_t *y = Y(L, r);
	size_t n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
	for (size_t i = 0; i < n; i++) {
		yaml_node_pair_t *p = &Y(L, r)->data.mapping.pairs.start[i];
		yref k = { r.doc, p->key }, val = { r.doc, p->value };
		const char *key = pel_sc_text(L, k, field);
		if (!key)
			return -1;
		if (!strcmp(key, "name"))
			continue;
		snprintf(f, sizeof f, "%.300s.%.80s", field, key);
		const char *value = pel_sc_text(L, val, f);
		if (!value)
			return -1;
		pel_policy_spec_add(v, key, value, pel_sc_where(L, val, wbuf, sizeof wbuf));
	}
	return 0;
}

/* The scenario's own policy: its name and parameters into s. */
void pel_sc_read_policy(loader *L, pel_scenario *s, yref r)
{
	pel_policy_spec v;
	if (!pel_sc_read_policy_spec(L, r, "policy", &v)) {
		s->policy = pel_xstrdup(v.name);
		s->policy_where = pel_xstrdup(v.where);
		s->params = pel_xcalloc(v.nparams + 1, sizeof *s->params);
		s->param_where = pel_xcalloc(v.nparams + 1, sizeof *s->param_where);
		for (size_t i = 0; i < v.nparams; i++) {
			size_t j = 0;
			while (j < s->nparams && strcmp(s->params[j].name, v.params[i].name))
				j++;
			if (j < s->nparams) {
				/* pod:d=2:d=3, as the mapping's duplicate keys are */
				pel_sc_fail_plain(L, "%s: policy: parameter '%s' given twice", v.param_where[i], v.params[i].name);
				break;
			}
			s->params[j].name = pel_xstrdup(v.params[i].name);
			s->params[j].value = pel_xstrdup(v.params[i].value);
			s->param_where[s->nparams++] = pel_xstrdup(v.param_where[i]);
		}
	}
	pel_policy_spec_free(&v);
}

