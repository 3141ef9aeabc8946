/* cmd_policies.c - `pelsim policies`: the registered policies. */
#include "../../policies/policy.h"
#include "cli.h"

#include <stdio.h>

static const char usage_policies[] =
	"usage: pelsim policies [OPTIONS]\n"
	"\n"
	"Lists the registered policies with a one-line summary.\n"
	"\n"
	"options:\n"
	"  -v, --verbose        add each policy's parameters with their defaults\n"
	"  -h, --help           this help\n";

int pel_cmd_policies(int argc, char **argv)
{
	pel_cli_command("policies");
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int verbose = 0, c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+vh", opts, NULL)) != -1) {
		if (c == 'v')
			verbose = 1;
		else if (c == 'h') {
			fputs(usage_policies, stdout);
			return 0;
		} else
			return pel_unknown_option("policies", argv, opts);
	}
	if (optind < argc)
		return pel_bad_usage("policies", "expected no argument, found '%s'", argv[optind]);
	size_t n;
	const pel_policy *const *list = pel_policy_list(&n);
	for (size_t i = 0; i < n; i++) {
		printf("%-12s %s\n", list[i]->name, list[i]->summary);
		if (!verbose)
			continue;
		if (!list[i]->params || !list[i]->params->name)
			printf("%-12s   (no parameters)\n", "");
		for (const pel_param_doc *d = list[i]->params; d && d->name; d++)
			printf("%-12s   %s (default %s): %s\n", "", d->name, d->def, d->summary);
	}
	return 0;
}

