#include "assignment.h"

#include "fileio.h"

#include "../../common/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *name;
	uint32_t id;
} named;

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

typedef struct {
	const char *file;
	const pel_model *m;
	pel_assignment *a;
	named *tasks;      /* sorted task names */
	char (*auto_names)[16];
	char *err;
	size_t errlen;
} reader;

static int fail(reader *r, size_t line, const char *fmt, ...)
{
	char msg[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line)
		snprintf(r->err, r->errlen, "%s:%zu: %s", r->file, line, msg);
	else
		snprintf(r->err, r->errlen, "%s: %s", r->file, msg);
	return -1;
}

static void index_tasks(reader *r)
{
	const pel_dag *g = r->m->g;
	r->tasks = pel_xmalloc(((size_t)g->ntasks + 1) * sizeof *r->tasks);
	r->auto_names = pel_xmalloc(((size_t)g->ntasks + 1) * sizeof *r->auto_names);
	for (pel_task_id t = 0; t < g->ntasks; t++) {
		const char *n = pel_dag_task_name(g, t, r->auto_names[t], sizeof r->auto_names[t]);
		r->tasks[t] = (named){ n, t };
	}
	qsort(r->tasks, g->ntasks, sizeof *r->tasks, cmp_named);
}

static pel_task_id find_task(const reader *r, const char *name)
{
	named key = { name, 0 };
	const named *hit = bsearch(&key, r->tasks, r->m->g->ntasks, sizeof key, cmp_named);
	return hit ? hit->id : PEL_NO_TASK;
}

static int assign(reader *r, size_t line, pel_task_id t, pel_device_id d, double order)
{
	char buf[32];
	const char *name = pel_dag_task_name(r->m->g, t, buf, sizeof buf);
	if (r->a->dev[t] != PEL_NO_DEVICE)
		return fail(r, line, "task '%s' is assigned twice", name);
	if (!isfinite(pel_model_exec(r->m, t, d)))
		return fail(r, line, "device '%s' cannot run task '%s'", r->m->p->devices[d].name, name);
	r->a->dev[t] = d;
	r->a->order[t] = order;
	return 0;
}

/* Splits line into at most max fields at white space and commas. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(line, " \t\r\n,", &save); tok && n < max;
	     tok = strtok_r(NULL, " \t\r\n,", &save))
		f[n++] = tok;
	return n;
}

/* pelsim's own schedule CSV: record,task,kind,device,slot,ready,start,... */
static int read_csv(reader *r, FILE *in)
{
	char line[4096];
	size_t no = 0;
	while (fgets(line, sizeof line, in)) {
		no++;
		if (strncmp(line, "task,", 5))
			continue;
		char *f[8] = { 0 };
		int n = 0;
		for (char *p = line, *q; n < 8 && p; p = q ? q + 1 : NULL) {
			q = strchr(p, ',');
			if (q)
				*q = 0;
			f[n++] = p;
		}
		if (n < 8)
			return fail(r, no, "expected a task row (record,task,kind,device,slot,ready,start,end), found %d fields", n);
		pel_task_id t = find_task(r, f[1]);
		if (t == PEL_NO_TASK)
			return fail(r, no, "unknown task '%s'", f[1]);
		pel_device_id d = pel_platform_find_device(r->m->p, f[3]);
		if (d == PEL_NO_DEVICE)
			return fail(r, no, "unknown device '%s'", f[3]);
		char *end;
		double start = strtod(f[6], &end);
		if (end == f[6] || *end || !isfinite(start))
			return fail(r, no, "expected a start time, found '%s'", f[6]);
		if (assign(r, no, t, d, start))
			return -1;
	}
	return 0;
}

static int parse_index(const char *s, unsigned long *out)
{
	char *end;
	errno = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	*out = strtoul(s, &end, 10);
	return *end || errno ? -1 : 0;
}

/* One device index per task, in task order. */
static int read_indices(reader *r, FILE *in)
{
	uint32_t nd = r->m->ndev, n = r->m->g->ntasks, t = 0;
	char tok[64];
	size_t line = 1, last = 1; /* last: the line of the last index read */
	int c;
	for (;;) {
		size_t len = 0;
		while ((c = fgetc(in)) != EOF && isspace(c))
			line += c == '\n';
		if (c == EOF)
			break;
		while (c != EOF && !isspace(c)) {
			if (len + 1 < sizeof tok)
				tok[len++] = (char)c;
			c = fgetc(in);
		}
		tok[len] = 0;
		last = line;
		unsigned long d;
		if (parse_index(tok, &d) || d >= nd)
			return fail(r, line, "expected a device index in [0, %u], found '%s'", nd - 1, tok);
		if (t >= n)
			return fail(r, line, "expected %u device indices (one per task), found more", n);
		if (assign(r, line, t, (pel_device_id)d, NAN))
			return -1;
		t++;
		if (c == '\n')
			line++;
	}
	if (t < n)
		return fail(r, last, "expected %u device indices (one per task), found %u", n, t);
	return 0;
}

/* Lines "task device [order]". */
static int read_named(reader *r, FILE *in)
{
	char line[4096];
	size_t no = 0;
	while (fgets(line, sizeof line, in)) {
		no++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *f[4];
		int n = split(line, f, 4);
		if (!n)
			continue;
		if (n < 2 || n > 3)
			return fail(r, no, "expected 'TASK DEVICE [ORDER]', found %d fields", n);
		pel_task_id t = find_task(r, f[0]);
		if (t == PEL_NO_TASK)
			return fail(r, no, "unknown task '%s'", f[0]);
		pel_device_id d = pel_platform_find_device(r->m->p, f[1]);
		if (d == PEL_NO_DEVICE)
			return fail(r, no, "unknown device '%s'", f[1]);
		double order = NAN;
		if (n == 3) {
			char *end;
			order = strtod(f[2], &end);
			if (end == f[2] || *end || !isfinite(order))
				return fail(r, no, "expected a number for the order, found '%s'", f[2]);
		}
		if (assign(r, no, t, d, order))
			return -1;
	}
	return 0;
}

pel_assignment *pel_assignment_read(const char *file, const pel_model *m, char *err, size_t errlen)
{
	reader r = { file, m, NULL, NULL, NULL, err, errlen };
	/* read whole, once (a FIFO, a device), and refused at a NUL byte: it
	 * would end a line early, and /dev/zero would look empty */
	size_t len;
	char *text = pel_read_text(file, PEL_INPUT_MAX, &len, err, errlen);
	if (!text)
		return NULL;
	if (!len) { /* fmemopen refuses an empty buffer */
		free(text);
		fail(&r, 0, "expected a schedule, found an empty file");
		return NULL;
	}
	FILE *in = fmemopen(text, len, "r");
	if (!in) {
		snprintf(err, errlen, "%s: cannot read: %s", file, strerror(errno));
		free(text);
		return NULL;
	}
	uint32_t n = m->g->ntasks;
	r.a = pel_xmalloc(sizeof *r.a);
	r.a->dev = pel_xmalloc(((size_t)n + 1) * sizeof *r.a->dev);
	r.a->order = pel_xmalloc(((size_t)n + 1) * sizeof *r.a->order);
	for (uint32_t t = 0; t < n; t++)
		r.a->dev[t] = PEL_NO_DEVICE;
	index_tasks(&r);
	/* tell the format from the first token */
	char first[64] = "";
	if (fscanf(in, "%63s", first) != 1)
		first[0] = 0;
	rewind(in);
	unsigned long dummy;
	int rc;
	if (!first[0])
		rc = fail(&r, 0, "expected a schedule, found an empty file");
	else if (!strncmp(first, "record,", 7))
		rc = read_csv(&r, in);
	else if (!parse_index(first, &dummy))
		rc = read_indices(&r, in);
	else
		rc = read_named(&r, in);
	for (uint32_t t = 0; t < n && !rc; t++)
		if (r.a->dev[t] == PEL_NO_DEVICE) {
			char buf[32];
			rc = fail(&r, 0, "task '%s' is assigned no device", pel_dag_task_name(m->g, t, buf, sizeof buf));
		}
	fclose(in);
	free(text);
	free(r.tasks);
	free(r.auto_names);
	if (rc) {
		pel_assignment_free(r.a);
		return NULL;
	}
	return r.a;
}

void pel_assignment_free(pel_assignment *a)
{
	if (!a)
		return;
	free(a->dev);
	free(a->order);
	free(a);
}
