#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz_common.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[4096];
static char path[4096 + 256];

/* Removes one entry met by nftw (files before their folder). */
static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(p);
	return 0;
}

/* Removes the private folder and what is left in it (atexit). */
static void remove_dir(void)
{
	if (*dir)
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *pel_fuzz_dir(void)
{
	if (*dir)
		return dir;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/pelsim-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	atexit(remove_dir);
	return dir;
}

const char *pel_fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	snprintf(path, sizeof path, "%s/%s", pel_fuzz_dir(), name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	size_t done = 0;
	while (done < size) {
		ssize_t k = write(fd, data + done, size - done);
		if (k <= 0) {
			perror(path);
			abort();
		}
		done += (size_t)k;
	}
	close(fd);
	return path;
}

void pel_fuzz_check_message(const char *err)
{
	if (*err && !strchr(err, '\n'))
		return;
	fprintf(stderr, "pelsim fuzz: a failure must leave one line of message, found \"%s\"\n", err);
	abort();
}
