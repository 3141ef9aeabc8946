/* scenario.h - a scenario file (YAML) turned into a platform, a workload,
 * a policy and a seed.
 *
 * Reading is strict: unknown keys, wrong types, out-of-range values,
 * unknown names and cycles are errors, and every error is one line naming
 * file:line:column, the field, what was expected and what was found.
 * Values may be overridden before checking by --set PATH=VALUE. */
#ifndef PEL_SCENARIO_H
#define PEL_SCENARIO_H

#include "../../models/model.h"
#include "../../policies/policy.h"
#include "policy_spec.h"

#include <stddef.h>
#include <stdint.h>

/* One axis of a sweep: a dotted path into the scenario and its values
 * (as text, applied like --set PATH=VALUE). */
typedef struct {
	char *path;
	char **values;
	size_t nvalues;
	char *where;         /* file:line:col of the axis, for messages */
	char *label;         /* how figures name it (sweep.labels), or NULL */
} pel_axis;

/* The `sweep:` section: axes combined as a product (or zipped), the
 * policies to compare, replications per point and the base seed. */
typedef struct {
	int present;
	pel_axis *axes;
	size_t naxes;
	int zip;             /* 1: axes advance together; 0: cartesian product */
	int weak;            /* sweep.scaling: weak (the work grows with the machine) */
	pel_policy_spec *policies; /* "name:param=value:..." or {name: ..., param: ...} */
	size_t npolicies;
	uint32_t replications;
	uint64_t seed;       /* base seed */
	char *where;         /* file:line:col of the section */
} pel_sweep_spec;

/* The most points a sweep may have, and the most runs (points x
 * replications x policies) (docs/scenarios.md, "Sizes"). */
#define PEL_MAX_SWEEP_POINTS 1000000u
#define PEL_MAX_SWEEP_RUNS 100000000u

/* The points of w's axes (their product, or with zip the first axis's
 * values) in *npoints, counted without overflow.  Returns 0, or -1 when
 * there are none or more than PEL_MAX_SWEEP_POINTS; then *axis is the
 * axis that brought the count there (the first with no values, or the
 * one that took the product past the limit), w->naxes when there is no
 * axis. */
int pel_sweep_spec_points(const pel_sweep_spec *w, size_t *npoints, size_t *axis);

typedef struct {
	char *file;          /* path of the scenario file */
	char *name;          /* scenario name (defaults to the file's) */
	uint64_t seed;
	/* policy: NAME[:PARAM=VALUE]... or {name: NAME, PARAM: VALUE, ...} */
	char *policy;        /* its name */
	char *policy_where;  /* file:line:col of the policy name (or the --set) */
	pel_param *params;   /* its parameters (strings owned) */
	char **param_where;  /* file:line:col of each parameter's value */
	size_t nparams;
	pel_platform *platform;
	pel_dag *dag;
	pel_model *model;
	pel_sweep_spec sweep; /* present only when the file has a sweep: section */
	uint64_t digest;     /* of the YAML as resolved: --set applied, included
			      * files in place, mapping keys sorted (digest.h) */
} pel_scenario;

/* One --set override: a dotted path into the scenario and a scalar value. */
typedef struct {
	const char *path;
	const char *value;
} pel_override;

/* Reads and checks a scenario.  Returns 0 and *out, or -1 with a one-line
 * message (no trailing newline) in err. */
int pel_scenario_load(const char *file, const pel_override *sets, size_t nsets,
		      pel_scenario **out, char *err, size_t errlen);
/* Frees a scenario. */
void pel_scenario_free(pel_scenario *s);


#endif
