/* fuzz_common.h - what every libFuzzer harness of fuzz/ shares.
 *
 * The parsers read files, as the `pelsim` command has them do, so each
 * harness writes the fuzzer's bytes to a file in a folder private to its
 * process (several fuzzing jobs may run at once) and calls the library
 * entry point the command calls.  A failure must leave one line in err:
 * anything else aborts, which the fuzzer reports as a crash. */
#ifndef PEL_FUZZ_COMMON_H
#define PEL_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* The private folder of this process: created on first use, removed with
 * everything in it when the process exits normally. */
const char *pel_fuzz_dir(void);
/* Writes the size bytes of data to the file called name in pel_fuzz_dir(),
 * replacing it.  Returns its path (valid until the next call); aborts when
 * the file cannot be written. */
const char *pel_fuzz_write(const char *name, const uint8_t *data, size_t size);
/* Checks the message a parser left on failure: aborts, after printing it,
 * when it is empty or longer than one line. */
void pel_fuzz_check_message(const char *err);

#endif
