/* cli.h - what every `pelsim` subcommand shares: exit statuses and
 * one-line error messages. */
#ifndef PEL_CLI_H
#define PEL_CLI_H

#include <getopt.h>
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

/* The subcommands. */
int pel_cmd_run(int argc, char **argv);
int pel_cmd_policies(int argc, char **argv);
int pel_cmd_dag(int argc, char **argv);
int pel_cmd_plot(int argc, char **argv);
int pel_cmd_sweep(int argc, char **argv);

#endif
