/* cli.h - what every `pelsim` subcommand shares: exit statuses and
 * one-line error messages. */
#ifndef PEL_CLI_H
#define PEL_CLI_H

#include "../formats/scenario.h"

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses: 0 done, 1 the run failed, 2 bad input or usage. */
enum { PEL_EXIT_RUN_FAILED = 1, PEL_EXIT_BAD_INPUT = 2 };

/* Every message of the command starts with "pelsim CMD: " ("pelsim: "
 * before a subcommand is known), then where (file:line:col, --option or
 * --set PATH=VALUE), the field and "expected X, found Y". */

/* Names the subcommand running (NULL: none) for every later message. */
void pel_cli_command(const char *cmd);
/* Prints "pelsim CMD: " and the message as one line on stderr, control
 * characters escaped. */
void pel_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "pelsim CMD: <fmt with arg> (see pelsim CMD --help)"; returns 2. */
int pel_bad_usage(const char *cmd, const char *fmt, const char *arg);
/* The message for getopt_long's '?' return; returns 2. */
int pel_unknown_option(const char *cmd, char **argv, const struct option *opts);
/* Parses a seed in [0, 2^63-1]; returns 0 or -1. */
int pel_parse_seed(const char *s, uint64_t *out);

/* The options several subcommands share.  A subcommand lists those it
 * takes in its option table with these getopt_long values and hands every
 * getopt_long result to pel_common_opt first. */
enum { PEL_OPT_SET = 0x1000, PEL_OPT_POLICY_LIB, PEL_OPT_SEED, PEL_OPT_JSON };

/* Their help lines, where every subcommand words them alike. */
#define PEL_HELP_POLICY_LIB "  --policy-lib FILE    load a user policy from a shared object (repeatable)\n"

/* What the shared options gave. */
typedef struct {
	const char *cmd; /* the subcommand, for messages */
	pel_override *sets; /* --set PATH=VALUE, in order (room for the seed too) */
	size_t nsets;
	uint64_t seed; /* --seed, when have_seed */
	int have_seed;
	int json; /* --json */
	char seedbuf[32];
} pel_common_opts;

/* Starts o for subcommand cmd, with room for the --set values of argc
 * arguments. */
void pel_common_opts_init(pel_common_opts *o, const char *cmd, int argc);
/* Handles getopt_long's result c (its optarg arg) when c is a shared
 * option (--set, --policy-lib, --seed, --json): returns 1 when handled,
 * 0 when c is none of them, -1 after its one-line message (exit 2). */
int pel_common_opt(pel_common_opts *o, int c, char *arg);
/* Appends --seed, when given, to the overrides as "seed" (the seed also
 * draws generated workloads: it overrides the scenario's key). */
void pel_common_opts_seed_set(pel_common_opts *o);
/* Frees what o holds. */
void pel_common_opts_free(pel_common_opts *o);

/* The subcommands. */
int pel_cmd_run(int argc, char **argv);
int pel_cmd_policies(int argc, char **argv);
int pel_cmd_dag(int argc, char **argv);
int pel_cmd_plot(int argc, char **argv);
int pel_cmd_sweep(int argc, char **argv);

#endif
