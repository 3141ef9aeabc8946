/* results.c - a sweep folder's record of its configuration and the
 * strict reading of study.csv and axes.csv (results.h). */
#include "results.h"

#include "../../common/alloc.h"
#include "../formats/csv.h"
#include "../formats/digest.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const char *const part_names[PEL_CONFIG_PARTS] = { "scenario", "set", "policies", "seeds", "options" };
/* How a message names each part. */
static const char *const part_says[PEL_CONFIG_PARTS] = {
	"the scenario (or a file it reads)", "--set", "the policies", "the seeds or replications", "--check",
};

/* ---- the configuration ---- */

void pel_config_id_seal(pel_config_id *id)
{
	pel_digest d;
	pel_digest_init(&d);
	for (int i = 0; i < PEL_CONFIG_PARTS; i++)
		pel_digest_u64(&d, id->part[i]);
	id->config = d.h;
}

void pel_config_id_format(const pel_config_id *id, char *buf, size_t n)
{
	pel_strbuf b = { 0 };
	pel_strbuf_printf(&b, "%s config=%016" PRIx64, PEL_JOURNAL_MAGIC, id->config);
	for (int i = 0; i < PEL_CONFIG_PARTS; i++)
		pel_strbuf_printf(&b, " %s=%016" PRIx64, part_names[i], id->part[i]);
	snprintf(buf, n, "%s", b.s);
	free(b.s);
}

/* Reads 16 lowercase hex digits at s into *v; returns the end or NULL. */
static const char *hex16(const char *s, uint64_t *v)
{
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return NULL;
		x = x << 4 | (uint64_t)d;
	}
	*v = x;
	return s + 16;
}

/* Reads " NAME=H" at s; returns the end or NULL. */
static const char *named_hex(const char *s, const char *name, uint64_t *v)
{
	size_t k = strlen(name);
	if (s[0] != ' ' || strncmp(s + 1, name, k) || s[1 + k] != '=')
		return NULL;
	return hex16(s + k + 2, v);
}

int pel_config_id_parse(const char *line, pel_config_id *id)
{
	size_t m = strlen(PEL_JOURNAL_MAGIC);
	if (strncmp(line, PEL_JOURNAL_MAGIC, m))
		return -1;
	const char *s = named_hex(line + m, "config", &id->config);
	for (int i = 0; s && i < PEL_CONFIG_PARTS; i++)
		s = named_hex(s, part_names[i], &id->part[i]);
	return s && !*s ? 0 : -1;
}

void pel_config_id_diff(const pel_config_id *a, const pel_config_id *b, char *buf, size_t n)
{
	pel_strbuf s = { 0 };
	for (int i = 0; i < PEL_CONFIG_PARTS; i++)
		if (a->part[i] != b->part[i])
			pel_strbuf_printf(&s, "%s%s", s.n ? ", " : "", part_says[i]);
	snprintf(buf, n, "%s", s.s ? s.s : "nothing");
	free(s.s);
}

/* ---- key,value files ---- */

/* dir/name */
static void join(char *buf, size_t n, const char *dir, const char *name)
{
	size_t l = strlen(dir);
	snprintf(buf, n, "%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", name);
}

/* At most n - 1 bytes of src, control characters shown as '?'. */
static const char *clean(char *dst, size_t n, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < n; i++)
		dst[i] = (unsigned char)src[i] < 0x20 || src[i] == 0x7f ? '?' : src[i];
	dst[i] = 0;
	return dst;
}

/* Takes one row: f[0], f[1] of line no of file, raw the line before it
 * was split; returns 0, or -1 with err. */
typedef int (*take_row)(void *arg, const char *file, unsigned no, const char *raw, char **f, char *err,
			size_t errlen);

/* Reads dir/name: the header "h0,h1", then rows of two fields, each given
 * to take; blank lines are skipped.  *missing says the file was absent
 * (0 returned).  Returns 0, or -1 with err. */
static int read_pairs(const char *dir, const char *name, const char *h0, const char *h1, take_row take, void *arg,
		      int *missing, char *err, size_t errlen)
{
	char path[4096], shown[96];
	join(path, sizeof path, dir, name);
	*missing = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT) {
			*missing = 1;
			return 0;
		}
		snprintf(err, errlen, "%s: cannot be read (%s)", path, strerror(errno));
		return -1;
	}
	char *line = NULL, *raw = NULL, **fld = NULL;
	size_t linecap = 0, fcap = 0;
	ssize_t len;
	unsigned no = 0;
	int rc = 0;
	while (!rc && (len = getline(&line, &linecap, f)) >= 0) {
		no++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (strlen(line) != (size_t)len) {
			snprintf(err, errlen, "%s:%u:%zu: expected text, found a NUL byte", path, no, strlen(line) + 1);
			rc = -1;
			break;
		}
		if (no > 1 && !len)
			continue;
		free(raw);
		raw = pel_xstrdup(line);
		int open;
		size_t nf = pel_csv_split(line, &fld, &fcap, &open);
		const char *field = nf == 1 ? h0 : h1;
		if (no == 1) {
			if (nf != 2 || open || strcmp(fld[0], h0) || strcmp(fld[1], h1)) {
				snprintf(err, errlen, "%s:1:1: header: expected '%s,%s', found '%s'", path, h0, h1,
					 clean(shown, sizeof shown, raw));
				rc = -1;
			}
		} else if (open) {
			snprintf(err, errlen, "%s:%u:%zu: %s: expected a closing quote, found the end of the line", path,
				 no, pel_csv_column(raw, nf - 1), nf <= 2 ? field : "(extra field)");
			rc = -1;
		} else if (nf != 2) {
			snprintf(err, errlen, "%s:%u:%zu: expected 2 fields (%s,%s), found %zu", path, no,
				 pel_csv_column(raw, nf < 2 ? 1 : 2), h0, h1, nf);
			rc = -1;
		} else {
			rc = take(arg, path, no, raw, fld, err, errlen);
		}
	}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "%s:%u: cannot be read (%s)", path, no + 1, strerror(errno));
		rc = -1;
	}
	if (!rc && !no) {
		snprintf(err, errlen, "%s:1:1: header: expected '%s,%s', found an empty file", path, h0, h1);
		rc = -1;
	}
	free(raw);
	free(line);
	free(fld);
	fclose(f);
	return rc;
}

/* ---- study.csv ---- */

static const char *const study_keys[] = { "scaling", "config", "points", "policies", "replications" };
#define NSTUDY (sizeof study_keys / sizeof *study_keys)

typedef struct {
	pel_study *st;
	unsigned first[NSTUDY]; /* line of each key, 0 until seen */
} study_ctx;

/* A positive integer of at most 2^53 (no sign, no spaces); 0 when not. */
static uint64_t count_of(const char *s)
{
	if (*s < '1' || *s > '9')
		return 0;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	return *end || errno || v > (1ULL << 53) ? 0 : (uint64_t)v;
}

/* One row of study.csv. */
static int take_study(void *arg, const char *file, unsigned no, const char *raw, char **f, char *err, size_t errlen)
{
	study_ctx *c = arg;
	char shown[96];
	size_t k = 0;
	while (k < NSTUDY && strcmp(f[0], study_keys[k]))
		k++;
	if (k == NSTUDY) {
		snprintf(err, errlen, "%s:%u:1: key: expected scaling, config, points, policies or replications, found '%s'",
			 file, no, clean(shown, sizeof shown, f[0]));
		return -1;
	}
	if (c->first[k]) {
		snprintf(err, errlen, "%s:%u:1: key: expected '%s' once, found it again (first on line %u)", file, no,
			 study_keys[k], c->first[k]);
		return -1;
	}
	c->first[k] = no;
	size_t col = pel_csv_column(raw, 1);
	const char *v = f[1];
	const char *want = NULL;
	if (k == 0) {
		if (!strcmp(v, "weak") || !strcmp(v, "strong"))
			c->st->weak = !strcmp(v, "weak");
		else
			want = "strong or weak";
	} else if (k == 1) {
		const char *end = strlen(v) == 16 ? hex16(v, &c->st->config) : NULL;
		if (end)
			c->st->has_config = 1;
		else
			want = "16 hex digits (0-9, a-f)";
	} else {
		uint64_t *dst[] = { &c->st->points, &c->st->policies, &c->st->replications };
		*dst[k - 2] = count_of(v);
		if (!*dst[k - 2])
			want = "a positive integer";
	}
	if (want) {
		snprintf(err, errlen, "%s:%u:%zu: %s: expected %s, found '%s'", file, no, col, study_keys[k], want,
			 clean(shown, sizeof shown, v));
		return -1;
	}
	return 0;
}

int pel_study_read(const char *dir, pel_study *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	study_ctx c = { st, { 0 } };
	int missing;
	return read_pairs(dir, "study.csv", "key", "value", take_study, &c, &missing, err, errlen);
}

/* ---- axes.csv ---- */

typedef struct {
	char *const *axes;
	size_t naxes;
	char **labels;
	unsigned *first; /* line of each axis, 0 until seen */
} axes_ctx;

/* One row of axes.csv. */
static int take_axis(void *arg, const char *file, unsigned no, const char *raw, char **f, char *err, size_t errlen)
{
	(void)raw;
	axes_ctx *c = arg;
	char shown[96];
	size_t a = 0;
	while (a < c->naxes && strcmp(f[0], c->axes[a]))
		a++;
	if (a == c->naxes) {
		pel_strbuf b = { 0 };
		for (size_t i = 0; i < c->naxes; i++)
			pel_strbuf_printf(&b, "%s%s", i ? ", " : "", c->axes[i]);
		snprintf(err, errlen, "%s:%u:1: axis: expected an axis of the summary (%s), found '%s'", file, no,
			 b.s ? b.s : "", clean(shown, sizeof shown, f[0]));
		free(b.s);
		return -1;
	}
	if (c->first[a]) {
		snprintf(err, errlen, "%s:%u:1: axis: expected '%s' once, found it again (first on line %u)", file, no,
			 c->axes[a], c->first[a]);
		return -1;
	}
	c->first[a] = no;
	if (*f[1])
		c->labels[a] = pel_xstrdup(f[1]);
	return 0;
}

int pel_axes_read(const char *dir, char *const *axes, size_t naxes, char **labels, char *err, size_t errlen)
{
	for (size_t a = 0; a < naxes; a++)
		labels[a] = NULL;
	axes_ctx c = { axes, naxes, labels, pel_xcalloc(naxes + 1, sizeof *c.first) };
	int missing;
	int rc = read_pairs(dir, "axes.csv", "axis", "label", take_axis, &c, &missing, err, errlen);
	free(c.first);
	if (rc)
		for (size_t a = 0; a < naxes; a++) {
			free(labels[a]);
			labels[a] = NULL;
		}
	return rc;
}

/* ---- whole results ---- */

int pel_results_finished(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	join(path, sizeof path, dir, "runs.partial.csv");
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: cannot be read (%s)", path, strerror(errno));
		return -1;
	}
	char line[512] = "";
	if (!fgets(line, sizeof line, f))
		line[0] = 0;
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	pel_config_id id;
	pel_study st;
	char e[1024];
	if (!pel_config_id_parse(line, &id) && !pel_study_read(dir, &st, e, sizeof e) && st.has_config &&
	    st.config == id.config)
		return 0;
	snprintf(err, errlen,
		 "%s: expected the results of a finished sweep, found the journal of an unfinished one"
		 " (pelsim sweep --resume finishes it)",
		 path);
	return -1;
}

/* Counts the lines of path into *n; returns 0, or -1 (errno). */
static int count_lines(const char *path, uint64_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char buf[65536];
	size_t k;
	*n = 0;
	int last = '\n';
	while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
		for (const char *c = buf; (c = memchr(c, '\n', (size_t)(buf + k - c))); c++)
			++*n;
		last = buf[k - 1];
	}
	if (last != '\n')
		++*n; /* a last line without its newline */
	int bad = ferror(f);
	fclose(f);
	if (bad)
		errno = EIO;
	return bad ? -1 : 0;
}

int pel_results_whole(const char *dir, const pel_study *st, size_t summary_rows, char *err, size_t errlen)
{
	if (!st->points || !st->policies)
		return 0;
	char path[4096];
	uint64_t rows = st->points > UINT64_MAX / st->policies ? UINT64_MAX : st->points * st->policies;
	if (rows != summary_rows) {
		join(path, sizeof path, dir, "summary.csv");
		snprintf(err, errlen,
			 "%s: expected %" PRIu64 " rows (%" PRIu64 " points x %" PRIu64
			 " policies, as study.csv says), found %zu: the results are incomplete",
			 path, rows, st->points, st->policies, summary_rows);
		return -1;
	}
	if (!st->replications)
		return 0;
	uint64_t runs = rows > UINT64_MAX / st->replications ? UINT64_MAX : rows * st->replications, lines;
	join(path, sizeof path, dir, "runs.csv");
	if (count_lines(path, &lines)) {
		snprintf(err, errlen, "%s: expected the %" PRIu64 " runs of the sweep, found no file (%s): the results are incomplete",
			 path, runs, strerror(errno));
		return -1;
	}
	if (lines != runs + 1) {
		snprintf(err, errlen,
			 "%s:%" PRIu64 ": expected %" PRIu64 " runs after the header (study.csv counts them), found %" PRIu64
			 ": the results are incomplete",
			 path, lines < runs + 1 ? lines + 1 : runs + 2, runs, lines ? lines - 1 : 0);
		return -1;
	}
	return 0;
}
