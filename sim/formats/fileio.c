/* fileio.c - whole input files with a cap, outputs renamed into place when
 * complete, the check of stdout at exit; see fileio.h. */
#define _GNU_SOURCE
#include "fileio.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- inputs ---------------------------------------------------------- */

/* What a non-regular file gave when it was read: its text or its error. */
typedef struct {
	dev_t dev;
	ino_t ino;
	char *text; /* NULL when reading failed */
	size_t len;
	char *err;
} read_once;

static read_once *onces;
static size_t nonces;

/* Formats a message into err (when not NULL); returns NULL. */
static void *fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return NULL;
}

void pel_text_position(const char *text, size_t len, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* Reads fd to its end, at most max bytes, stopping at the first NUL byte;
 * the size of a regular file (size, 0 otherwise) sizes the buffer: room
 * for its bytes, the NUL and the read that finds the end. */
static char *read_fd(int fd, const char *path, size_t size, size_t max, size_t *len, char *err,
		     size_t errlen)
{
	size_t cap = size ? size + 2 : 1 << 16, n = 0;
	char *buf = pel_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap = cap > max / 2 ? max + 2 : 2 * cap;
			buf = pel_xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			return fail(err, errlen, "%s: cannot read: %s", path, strerror(e));
		}
		const char *nul = memchr(buf + n, 0, (size_t)got);
		n += (size_t)got;
		if (nul) {
			size_t line, col;
			pel_text_position(buf, n, (size_t)(nul - buf), &line, &col);
			free(buf);
			return fail(err, errlen, "%s:%zu:%zu: expected text, found a NUL byte", path, line, col);
		}
		if (n > max) {
			size_t line, col;
			pel_text_position(buf, n, max, &line, &col);
			free(buf);
			return fail(err, errlen, "%s:%zu:%zu: expected at most %zu bytes, found more", path, line,
				    col, max);
		}
		if (!got)
			break;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

/* The entry of the non-regular file st, or NULL. */
static read_once *find_once(const struct stat *st)
{
	for (size_t i = 0; i < nonces; i++)
		if (onces[i].dev == st->st_dev && onces[i].ino == st->st_ino)
			return &onces[i];
	return NULL;
}

/* A copy of what the non-regular file gave the first time, checked
 * against max. */
static char *copy_once(const read_once *o, const char *path, size_t max, size_t *len, char *err,
		       size_t errlen)
{
	if (!o->text)
		return fail(err, errlen, "%s", o->err);
	if (o->len > max)
		return fail(err, errlen, "%s: expected at most %zu bytes, found %zu", path, max, o->len);
	char *t = pel_xmalloc(o->len + 1);
	memcpy(t, o->text, o->len + 1);
	*len = o->len;
	return t;
}

char *pel_read_text(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st))
		return fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(err, errlen, "%s: cannot open: %s", path, strerror(EISDIR));
	int regular = S_ISREG(st.st_mode);
	if (!regular && find_once(&st))
		return copy_once(find_once(&st), path, max, len, err, errlen);
	if (regular && (uintmax_t)st.st_size > max)
		return fail(err, errlen, "%s: expected at most %zu bytes, found %jd", path, max,
			    (intmax_t)st.st_size);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	char *text = read_fd(fd, path, regular ? (size_t)st.st_size : 0, max, len, err, errlen);
	close(fd);
	if (!regular) {
		onces = pel_xreallocarray(onces, nonces + 1, sizeof *onces);
		read_once *o = &onces[nonces++];
		*o = (read_once){ st.st_dev, st.st_ino, NULL, 0, NULL };
		if (text) {
			o->text = pel_xmalloc(*len + 1);
			memcpy(o->text, text, *len + 1);
			o->len = *len;
		} else {
			o->err = pel_xstrdup(err ? err : "cannot read");
		}
	}
	return text;
}

long pel_read_head(const char *path, char *buf, size_t n)
{
	struct stat st;
	if (stat(path, &st))
		return -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		size_t len;
		char err[1024]; /* kept with the text for the next reading */
		char *text = pel_read_text(path, PEL_INPUT_MAX, &len, err, sizeof err);
		if (!text)
			return -1;
		if (len > n)
			len = n;
		memcpy(buf, text, len);
		free(text);
		return (long)len;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	return (long)got;
}

/* ---- outputs --------------------------------------------------------- */

/* Opens the temporary file beside o->path (o->tmp set), 0666 less the
 * umask, never one that exists. */
static FILE *create_tmp(pel_outfile *o)
{
	static unsigned long serial;
	const char *slash = strrchr(o->path, '/');
	int dirlen = slash ? (int)(slash - o->path + 1) : 0;
	const char *base = slash ? slash + 1 : o->path;
	for (int tries = 0; tries < 100; tries++) {
		size_t n = strlen(o->path) + 64;
		free(o->tmp);
		o->tmp = pel_xmalloc(n);
		snprintf(o->tmp, n, "%.*s.%.200s.%ld.%lu.tmp", dirlen, o->path, base, (long)getpid(),
			 serial++);
		int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return NULL;
		FILE *f = fdopen(fd, "w");
		if (!f) {
			int e = errno;
			close(fd);
			unlink(o->tmp);
			errno = e;
		}
		return f;
	}
	errno = EEXIST;
	return NULL;
}

/* Frees what o holds (its file already closed). */
static void out_free(pel_outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->f = NULL;
}

int pel_out_open(pel_outfile *o, const char *path, char *err, size_t errlen)
{
	memset(o, 0, sizeof *o);
	o->name = path;
	struct stat st;
	char *real = NULL;
	if (!lstat(path, &st) && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	o->path = real ? pel_xstrdup(real) : pel_xstrdup(path);
	free(real);
	if (!stat(o->path, &st) && !S_ISREG(st.st_mode)) {
		/* a device, a FIFO: written in place (a folder fails here) */
		o->tmp = pel_xstrdup(o->path);
		o->f = fopen(o->path, "w");
	} else {
		o->f = create_tmp(o);
	}
	if (!o->f) {
		int e = errno;
		out_free(o);
		fail(err, errlen, "%s: cannot write: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	return 0;
}

/* Removes the temporary file of o unless it is the final name. */
static void remove_tmp(const pel_outfile *o)
{
	if (o->tmp && o->path && strcmp(o->tmp, o->path))
		unlink(o->tmp);
}

int pel_out_close(pel_outfile *o, char *err, size_t errlen)
{
	if (!o->f)
		return 0;
	/* called right after the writes: when one failed, errno says why
	 * (glibc drops the buffer of a failed write, so fflush may not) */
	int bad = ferror(o->f), e = 0, e0 = errno;
	if (fflush(o->f))
		e = errno;
	if (bad && !e)
		e = e0;
	if (fclose(o->f) && !e)
		e = errno;
	o->f = NULL;
	if (!bad && !e)
		return 0;
	if (e)
		fail(err, errlen, "%s: write error: %s", o->name, strerror(e));
	else
		fail(err, errlen, "%s: write error", o->name);
	remove_tmp(o);
	out_free(o);
	return -1;
}

int pel_out_commit(pel_outfile *o, char *err, size_t errlen)
{
	if (!o->path) /* already failed and freed */
		return -1;
	if (pel_out_close(o, err, errlen))
		return -1;
	if (strcmp(o->tmp, o->path) && rename(o->tmp, o->path)) {
		int e = errno;
		fail(err, errlen, "%s: cannot write: %s", o->name, strerror(e));
		remove_tmp(o);
		out_free(o);
		return -1;
	}
	out_free(o);
	return 0;
}

void pel_out_discard(pel_outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	remove_tmp(o);
	out_free(o);
}

/* ---- stdout ---------------------------------------------------------- */

int pel_stdout_close(void)
{
	int bad = ferror(stdout), e = 0;
	if (fflush(stdout))
		e = errno;
	/* a closed stdout (>&-) that was never written to is no error */
	if (fclose(stdout) && !e && (bad || errno != EBADF))
		e = errno;
	return e ? e : bad ? -1 : 0;
}
