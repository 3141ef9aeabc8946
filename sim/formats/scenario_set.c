/* scenario_set.c - --set PATH=VALUE applied to the scenario's documents
 * before they are read: a scalar (or a policy's mapping) replaced, or a
 * key added to a mapping, each value marked so that messages name the
 * --set that wrote it. */
#include "scenario_read.h"

#include "../../common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds the scalar v to document d: its node index, or 0 when v is not UTF-8. */
static int add_scalar(loader *L, int d, const char *v)
{
	return yaml_document_add_scalar(&L->docs[d], NULL, (yaml_char_t *)v, (int)strlen(v),
					YAML_PLAIN_SCALAR_STYLE);
}

/* Marks r as written by the --set o, for messages. */
static void mark_set(loader *L, yref r, const pel_override *o)
{
	L->sets = pel_xreallocarray(L->sets, L->nsets + 1, sizeof *L->sets);
	size_t n = strlen(o->path) + strlen(o->value) + 8;
	char *label = pel_xmalloc(n);
	snprintf(label, n, "--set %s=%s", o->path, o->value);
	L->sets[L->nsets++] = (set_mark){ r, label };
}

/* libyaml takes UTF-8 only (yaml_document_add_scalar returns 0). */
static void not_utf8(loader *L, const pel_override *o)
{
	pel_sc_fail_plain(L, "--set %s=%s: expected UTF-8 text, found bytes that are not", o->path, o->value);
}

/* 1 when path names a place that holds a policy, which may be written as
 * text or as a mapping: --set may replace either by text there. */
static int holds_policy(const char *path)
{
	static const char list[] = "sweep.policies.";
	if (!strcmp(path, "policy"))
		return 1;
	if (strncmp(path, list, sizeof list - 1))
		return 0;
	path += sizeof list - 1;
	return *path && strspn(path, "0123456789") == strlen(path);
}

/* The first control character of s (a newline, a tab), or 0. */
static int control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (unsigned char)*s;
	return 0;
}

/* Refuses a path that goes on through key c, which the mapping cur lacks,
 * naming the keys it has. */
static void set_no_key(loader *L, const pel_override *o, yref cur, const char *c, const char *in)
{
	char keys[256] = "";
	yaml_node_t *y = Y(L, cur);
	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		yaml_node_t *k = Y(L, (yref){ cur.doc, p->key });
		if (k->type != YAML_SCALAR_NODE)
			continue;
		if (*keys)
			strncat(keys, ", ", sizeof keys - strlen(keys) - 1);
		strncat(keys, (const char *)k->data.scalar.value, sizeof keys - strlen(keys) - 1);
	}
	pel_sc_fail_plain(L, "--set %s=%s: %s: expected one of its keys (%s), found '%s'", o->path,
		   o->value, in, keys, c);
}

/* Adds the pair c: VALUE to the mapping cur (the path's last key, new). */
static void set_add_pair(loader *L, const pel_override *o, yref cur, const char *c)
{
	int k = add_scalar(L, cur.doc, c), val = add_scalar(L, cur.doc, o->value);
	if (!k || !val) {
		not_utf8(L, o);
		return;
	}
	yaml_document_append_mapping_pair(&L->docs[cur.doc], cur.idx, k, val);
	mark_set(L, (yref){ cur.doc, val }, o);
	mark_set(L, (yref){ cur.doc, k }, o);
}

/* Replaces v, the value of key c in the mapping cur (at prefix), by VALUE:
 * a single value, or a policy's mapping, in the same document. */
static void set_replace_pair(loader *L, const pel_override *o, yref cur, yref v, const char *c,
			     const char *prefix)
{
	yref vf = pel_sc_follow(L, v);
	int replace = Y(L, vf)->type == YAML_SCALAR_NODE ||
		      (Y(L, vf)->type == YAML_MAPPING_NODE && holds_policy(o->path));
	if (!replace || vf.doc != v.doc) {
		char fb[64];
		pel_sc_fail_plain(L, "--set %s=%s: %s%s%s: expected a single value to replace, found %s",
			   o->path, o->value, prefix, *prefix ? "." : "", c, pel_sc_found(L, vf, fb, sizeof fb));
		return;
	}
	int val = add_scalar(L, cur.doc, o->value);
	if (!val) {
		not_utf8(L, o);
		return;
	}
	/* re-find the pair: adding a node may move the node array */
	yaml_node_t *m = Y(L, cur);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++)
		if (p->value == v.idx)
			p->value = val;
	mark_set(L, (yref){ cur.doc, val }, o);
}

/* Replaces v, item i (written c) of the list cur (at prefix), by VALUE. */
static void set_replace_item(loader *L, const pel_override *o, yref cur, unsigned long i, yref v,
			     const char *c, const char *prefix)
{
	if (Y(L, v)->type != YAML_SCALAR_NODE &&
	    !(Y(L, v)->type == YAML_MAPPING_NODE && holds_policy(o->path))) {
		char fb[64];
		pel_sc_fail_plain(L, "--set %s=%s: %s.%s: expected a single value to replace, found %s",
			   o->path, o->value, prefix, c, pel_sc_found(L, v, fb, sizeof fb));
		return;
	}
	int val = add_scalar(L, cur.doc, o->value);
	if (!val) {
		not_utf8(L, o);
		return;
	}
	Y(L, cur)->data.sequence.items.start[i] = val;
	mark_set(L, (yref){ cur.doc, val }, o);
}

/* The path's step c (next: the step after it, or NULL) in the mapping
 * *cur: 1 with *cur moved to its value, or 0 once written or refused. */
static int set_in_mapping(loader *L, const pel_override *o, yref *cur, const char *c, const char *next,
			  const char *prefix)
{
	const char *in = *prefix ? prefix : "the scenario";
	yref v = pel_sc_get(L, *cur, c);
	if (!present(v)) {
		if (next)
			set_no_key(L, o, *cur, c, in);
		else
			set_add_pair(L, o, *cur, c);
		return 0;
	}
	if (!next) {
		set_replace_pair(L, o, *cur, v, c, prefix);
		return 0;
	}
	*cur = v;
	return 1;
}

/* The path's step c, an index, in the list *cur: as set_in_mapping. */
static int set_in_list(loader *L, const pel_override *o, yref *cur, const char *c, const char *next,
		       const char *prefix)
{
	const char *in = *prefix ? prefix : "the scenario";
	char *end;
	unsigned long i = strtoul(c, &end, 10);
	size_t n = seq_len(L, *cur);
	if (*c < '0' || *c > '9' || *end || i >= n) {
		if (n)
			pel_sc_fail_plain(L, "--set %s=%s: %s: expected an index in [0, %zu], found '%s'",
				   o->path, o->value, in, n - 1, c);
		else
			pel_sc_fail_plain(L, "--set %s=%s: %s: expected an index, found '%s' (the list is empty)",
				   o->path, o->value, in, c);
		return 0;
	}
	yref v = seq_item(L, *cur, i);
	if (!next) {
		set_replace_item(L, o, *cur, i, v, c, prefix);
		return 0;
	}
	*cur = v;
	return 1;
}

void pel_sc_apply_set(loader *L, const pel_override *o)
{
	/* every message quotes the value on its one line, and a scenario's
	 * values are single lines: a newline is refused, not escaped */
	int cc = control_char(o->value) ? control_char(o->value) : control_char(o->path);
	if (cc) {
		pel_sc_fail_plain(L, "--set %s=%s: expected a value on one line, found the control character 0x%02x", o->path,
			   o->value, (unsigned)cc);
		return;
	}
	char *path = pel_xstrdup(o->path);
	char prefix[512] = "";
	yref cur = root(0);
	char *save = NULL;
	char *c = strtok_r(path, ".", &save);
	if (!c || !*o->path || o->path[0] == '.' || o->path[strlen(o->path) - 1] == '.' ||
	    strstr(o->path, "..")) {
		pel_sc_fail_plain(L, "--set %s=%s: expected a dotted path such as platform.devices.0.count, found '%s'",
			   o->path, o->value, o->path);
		free(path);
		return;
	}
	while (c && !L->failed) {
		char *next = strtok_r(NULL, ".", &save);
		cur = pel_sc_follow(L, cur);
		yaml_node_t *y = Y(L, cur);
		if (y->type == YAML_MAPPING_NODE) {
			if (!set_in_mapping(L, o, &cur, c, next, prefix))
				break;
		} else if (y->type == YAML_SEQUENCE_NODE) {
			if (!set_in_list(L, o, &cur, c, next, prefix))
				break;
		} else {
			char fb[64];
			pel_sc_fail_plain(L, "--set %s=%s: %s: expected a mapping or a list to look up '%s' in, found %s",
				   o->path, o->value, *prefix ? prefix : "the scenario", c, pel_sc_found(L, cur, fb, sizeof fb));
			break;
		}
		size_t pl = strlen(prefix);
		snprintf(prefix + pl, sizeof prefix - pl, "%s%s", pl ? "." : "", c);
		c = next;
	}
	free(path);
}
