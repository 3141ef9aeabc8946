#include "trace.h"

#include "fileio.h"

#include "../../common/alloc.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses a whole field as a finite number >= 0. */
static int field(const char *s, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	/* a number below the smallest normal double reads as strtod gives it */
	int underflow = errno == ERANGE && fabs(x) <= DBL_MIN;
	if (end == s || *end || (errno && !underflow) || !isfinite(x) || x < 0)
		return -1;
	*out = x;
	return 0;
}

/* Copies the line at *p (up to end, its newline dropped) into buf and
 * moves *p past it: 0, EOF at the end of the text, 2 when the line does
 * not fit. */
static int next_line(const char **p, const char *end, char *buf, size_t cap)
{
	if (*p >= end)
		return EOF;
	const char *start = *p, *nl = memchr(start, '\n', (size_t)(end - start));
	size_t n = (size_t)((nl ? nl : end) - start);
	*p = nl ? nl + 1 : end;
	if (n + 1 > cap)
		return 2;
	memcpy(buf, start, n);
	buf[n] = 0;
	return 0;
}

int pel_trace_read(const char *path, double **times, double **sizes, uint32_t *n,
		   char *err, size_t errlen)
{
	/* read whole, once: a FIFO or a device has no second reading */
	size_t len;
	char *text = pel_read_text(path, PEL_INPUT_MAX, &len, err, errlen);
	if (!text)
		return -1;
	const char *p = text, *end = text + len;
	size_t cap = 1024, k = 0, line = 0;
	double *t = pel_xmalloc(cap * sizeof *t), *s = pel_xmalloc(cap * sizeof *s);
	char buf[4096];
	int rc = 0, got;
	while (!rc && (got = next_line(&p, end, buf, sizeof buf)) != EOF) {
		line++;
		if (got) {
			snprintf(err, errlen, "%s:%zu: expected a line of at most 4095 characters, found a longer one",
				 path, line);
			rc = -1;
			break;
		}
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = 0;
		char *save = NULL, *a = strtok_r(buf, " \t\r\n,", &save);
		if (!a)
			continue;
		char *b = strtok_r(NULL, " \t\r\n,", &save), *c = b ? strtok_r(NULL, " \t\r\n,", &save) : NULL;
		if (k == cap) {
			cap *= 2;
			t = pel_xreallocarray(t, cap, sizeof *t);
			s = pel_xreallocarray(s, cap, sizeof *s);
		}
		s[k] = NAN;
		if (field(a, &t[k]) || (k && t[k] < t[k - 1])) {
			snprintf(err, errlen, "%s:%zu: expected an arrival time >= %g (seconds, in order), found '%.40s'",
				 path, line, k ? t[k - 1] : 0.0, a);
			rc = -1;
		} else if (b && field(b, &s[k])) {
			snprintf(err, errlen, "%s:%zu: expected a task size >= 0 (flop), found '%.40s'", path, line, b);
			rc = -1;
		} else if (c) {
			snprintf(err, errlen, "%s:%zu: expected 'TIME [SIZE]', found a third field '%.40s'", path, line, c);
			rc = -1;
		} else if (k >= 100000000) {
			snprintf(err, errlen, "%s:%zu: expected at most 10^8 arrivals", path, line);
			rc = -1;
		}
		k++;
	}
	if (!rc && !k) {
		snprintf(err, errlen, "%s: expected at least one arrival, found none", path);
		rc = -1;
	}
	free(text);
	if (rc) {
		free(t);
		free(s);
		return -1;
	}
	*times = t;
	*sizes = s;
	*n = (uint32_t)k;
	return 0;
}
