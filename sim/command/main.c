/* main.c - the `pelsim` command: dispatch to the subcommands. */
#include "cli.h"
#include "../formats/fileio.h"

#include <stdio.h>
#include <string.h>

#define PEL_VERSION "0.1.0"

static const char usage_main[] =
	"usage: pelsim COMMAND [OPTIONS]\n"
	"\n"
	"pelsim simulates task scheduling on heterogeneous machines (CPUs, GPUs,\n"
	"FPGAs and the links between their memories).\n"
	"\n"
	"commands:\n"
	"  run SCENARIO     simulate a scenario and print its metrics\n"
	"  sweep SCENARIO   run its sweep: points x policies x replications -> CSV\n"
	"  plot DIR         draw the figures of a sweep (DIR/summary.csv) with gnuplot\n"
	"  dag FILE         summarise a workload (scenario or DAG file); export DOT\n"
	"  policies         list the registered policies\n"
	"\n"
	"options:\n"
	"  -h, --help       this help; `pelsim COMMAND --help` describes a command\n"
	"  --version        print the version\n";

/* Runs the command of argv[1]; returns its exit status. */
static int dispatch(int argc, char **argv)
{
	if (argc < 2)
		return pel_bad_usage(NULL, "%s", "expected a command (run, sweep, plot, dag or policies), found none");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("pelsim %s\n", PEL_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return pel_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "sweep"))
		return pel_cmd_sweep(argc - 1, argv + 1);
	if (!strcmp(cmd, "plot"))
		return pel_cmd_plot(argc - 1, argv + 1);
	if (!strcmp(cmd, "dag"))
		return pel_cmd_dag(argc - 1, argv + 1);
	if (!strcmp(cmd, "policies"))
		return pel_cmd_policies(argc - 1, argv + 1);
	return pel_bad_usage(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	/* every command's output is checked here: a failed write to stdout
	 * is one line and a non-zero status whatever the command */
	int rc = dispatch(argc, argv);
	int e = pel_stdout_close();
	if (e > 0)
		pel_say("stdout: write error: %s", strerror(e));
	else if (e)
		pel_say("stdout: write error");
	return e && !rc ? PEL_EXIT_RUN_FAILED : rc;
}
