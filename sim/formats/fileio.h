/* fileio.h - what every reader and writer of files shares: a whole input
 * file read into memory with a size cap, an output file written under a
 * temporary name and renamed into place when complete, and the check of
 * stdout at exit.
 *
 * Inputs.  Every input of pelsim is text, read whole: a regular file, or a
 * FIFO, a character device, a socket (`/dev/stdin`, `<(cmd)`), which is
 * read once per process: a later read of the same file (same device and
 * inode) gets the same bytes, or the same error, so detecting a format and
 * then reading the file does not wait for a second writer.  A file of more
 * than the cap's bytes is refused (regular files before they are read).
 * The first NUL byte ends the reading with an error naming its line and
 * column: no input format holds one, and /dev/zero then ends at once.
 * Directories are refused ("Is a directory").
 *
 * Outputs.  A file is written as DIR/.NAME.PID.N.tmp beside its final name
 * and renamed to it once every byte is written and closed, so a failed
 * write (a full disk, a file-size limit) or a killed process never leaves
 * a partial file under the final name.  A final name that exists and is
 * not a regular file (/dev/stdout, /dev/null, a FIFO) is written in place;
 * a symbolic link is followed (its target is replaced).  The file gets the
 * permissions fopen(path, "w") would give (0666 less the umask). */
#ifndef PEL_FILEIO_H
#define PEL_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* The cap of a DAG file, a trace or a schedule: 1 GiB. */
#define PEL_INPUT_MAX ((size_t)1 << 30)

/* Reads the whole file at path (at most max bytes) into a NUL-terminated
 * buffer (free it), its length in *len.  NULL with one line in err:
 * "PATH: cannot open: REASON" (a directory: "Is a directory"), "PATH:
 * cannot read: REASON", "PATH: expected at most N bytes, found M" (a
 * regular file), "PATH:LINE:COL: expected at most N bytes, found more"
 * (others: where byte N+1 is), "PATH:LINE:COL: expected text, found a NUL
 * byte". */
char *pel_read_text(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* Reads up to n bytes of the beginning of the file at path into buf (for
 * detecting its format; a non-regular file is read whole, see above).
 * Returns how many, or -1 when it cannot be read. */
long pel_read_head(const char *path, char *buf, size_t n);

/* Line and column (1-based; columns count UTF-8 characters) of byte off of
 * text (len bytes). */
void pel_text_position(const char *text, size_t len, size_t off, size_t *line, size_t *col);

typedef struct {
	FILE *f;     /* open for writing while not closed */
	char *path;  /* the final name (symbolic links resolved) */
	char *tmp;   /* the name written: the temporary one, or path itself */
	const char *name; /* the name given, for messages */
} pel_outfile;

/* Creates the temporary file of path and opens it in o->f.  Returns 0, or
 * -1 with "PATH: cannot write: REASON" in err and errno set. */
int pel_out_open(pel_outfile *o, const char *path, char *err, size_t errlen);

/* Flushes and closes o->f, checking every error (the file stays under its
 * temporary name).  Returns 0, or -1 with "PATH: write error: REASON" in
 * err, the temporary file removed and o freed. */
int pel_out_close(pel_outfile *o, char *err, size_t errlen);

/* Closes o (when still open) and renames it to its final name.  Returns 0,
 * or -1 with "PATH: write error: REASON" in err and the temporary file
 * removed.  Frees o either way. */
int pel_out_commit(pel_outfile *o, char *err, size_t errlen);

/* Closes o (when open), removes its temporary file and frees it. */
void pel_out_discard(pel_outfile *o);

/* Flushes and closes stdout.  Returns 0 when every write to it went
 * through, else the errno of the failure (-1 when none is known). */
int pel_stdout_close(void);

#endif
