/* cli.c - shared helpers of the pelsim subcommands. */
#include "cli.h"

#include "../../common/alloc.h"
#include "../studies/plugin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char progname[64] = "pelsim";

void pel_cli_command(const char *cmd)
{
	snprintf(progname, sizeof progname, "pelsim%s%s", cmd ? " " : "", cmd ? cmd : "");
	pel_set_progname(progname);
}

/* Prints one line on stderr after "pelsim CMD: ": control characters of
 * the arguments (a newline in a file name) are escaped, so that every
 * error stays one line. */
void pel_say(const char *fmt, ...)
{
	char msg[2048], out[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t o = (size_t)snprintf(out, sizeof out, "%s: ", progname);
	for (const unsigned char *c = (const unsigned char *)msg; *c && o + 5 < sizeof out; c++) {
		if (*c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (*c < 0x20 || *c == 0x7f) {
			o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", *c);
		} else {
			out[o++] = (char)*c;
		}
	}
	out[o] = 0;
	fprintf(stderr, "%s\n", out);
}

int pel_bad_usage(const char *cmd, const char *fmt, const char *arg)
{
	char msg[1024];
	snprintf(msg, sizeof msg, fmt, arg);
	pel_say("%s (see pelsim%s%s --help)", msg, cmd ? " " : "", cmd ? cmd : "");
	return PEL_EXIT_BAD_INPUT;
}

/* getopt's own message is replaced by ours: one line, exit 2. */
int pel_unknown_option(const char *cmd, char **argv, const struct option *opts)
{
	char msg[1024];
	const char *arg = argv[optind - 1];
	if (optopt && optopt < 256 && !(arg[0] == '-' && arg[1] == '-')) {
		/* a short option; optind may still point at its cluster */
		snprintf(msg, sizeof msg, "unknown option '-%c'", optopt);
	} else if (!optopt) {
		char list[256] = "";
		for (const struct option *o = opts; o->name; o++) {
			size_t l = strlen(list);
			snprintf(list + l, sizeof list - l, "%s--%s", l ? ", " : "", o->name);
		}
		snprintf(msg, sizeof msg, "unknown or ambiguous option '%.200s' (expected one of: %s)", arg, list);
	} else if (strchr(arg, '=')) {
		snprintf(msg, sizeof msg, "%.*s: expected no value, found '%.200s'",
			 (int)(strchr(arg, '=') - arg), arg, strchr(arg, '=') + 1);
	} else {
		snprintf(msg, sizeof msg, "%.200s: expected a value, found none", arg);
	}
	return pel_bad_usage(cmd, "%s", msg);
}

int pel_parse_seed(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *end || errno || v > (unsigned long long)INT64_MAX)
		return -1;
	*out = v;
	return 0;
}


void pel_common_opts_init(pel_common_opts *o, const char *cmd, int argc)
{
	memset(o, 0, sizeof *o);
	o->cmd = cmd;
	o->sets = pel_xcalloc((size_t)argc + 1, sizeof *o->sets);
}

/* --set PATH=VALUE: one override, split at the first '=' (arg is cut). */
static int add_set(pel_common_opts *o, char *arg)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg) {
		pel_bad_usage(o->cmd, "--set: expected PATH=VALUE, found '%s'", arg);
		return -1;
	}
	*eq = 0;
	o->sets[o->nsets].path = arg;
	o->sets[o->nsets++].value = eq + 1;
	return 1;
}

int pel_common_opt(pel_common_opts *o, int c, char *arg)
{
	char err[2048];
	switch (c) {
	case PEL_OPT_SET:
		return add_set(o, arg);
	case PEL_OPT_POLICY_LIB:
		if (pel_plugin_load(arg, err, sizeof err)) {
			pel_say("%s", err);
			return -1;
		}
		return 1;
	case PEL_OPT_SEED:
		if (pel_parse_seed(arg, &o->seed)) {
			pel_bad_usage(o->cmd, "--seed: expected an integer in [0, 2^63-1], found '%s'", arg);
			return -1;
		}
		o->have_seed = 1;
		return 1;
	case PEL_OPT_JSON:
		o->json = 1;
		return 1;
	default:
		return 0;
	}
}

void pel_common_opts_seed_set(pel_common_opts *o)
{
	if (!o->have_seed)
		return;
	snprintf(o->seedbuf, sizeof o->seedbuf, "%llu", (unsigned long long)o->seed);
	o->sets[o->nsets].path = "seed";
	o->sets[o->nsets++].value = o->seedbuf;
}

void pel_common_opts_free(pel_common_opts *o)
{
	free(o->sets);
	o->sets = NULL;
	o->nsets = 0;
}
