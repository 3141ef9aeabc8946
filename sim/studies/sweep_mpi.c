/* sweep_mpi.c - rank 0 coordinates, the other ranks run. */
#include "sweep_mpi.h"

#include "../../common/alloc.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_WORK = 1, TAG_ROW = 2 };

void pel_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
	MPI_Init(argc, argv);
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	MPI_Comm_size(MPI_COMM_WORLD, size);
}

int pel_mpi_agree(int rc)
{
	int all = rc;
	MPI_Allreduce(&rc, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	return all;
}

void pel_mpi_finalize(void)
{
	MPI_Finalize();
}

/* Sends rank its next piece of work (none: the stop message); returns
 * how many runs it got. */
static size_t feed(pel_sweep_job *j, int rank, size_t *runs, size_t max)
{
	size_t n = pel_sweep_next(j, runs, max);
	unsigned long long *msg = pel_xcalloc(n + 1, sizeof *msg);
	for (size_t i = 0; i < n; i++)
		msg[i] = runs[i];
	MPI_Send(msg, (int)n, MPI_UNSIGNED_LONG_LONG, rank, TAG_WORK, MPI_COMM_WORLD);
	free(msg);
	return n;
}

static void stop(int rank)
{
	MPI_Send(NULL, 0, MPI_UNSIGNED_LONG_LONG, rank, TAG_WORK, MPI_COMM_WORLD);
}

int pel_mpi_coordinate(pel_sweep_job *j, int size, char *err, size_t errlen)
{
	size_t npol = pel_sweep_npolicies(pel_sweep_job_plan(j));
	size_t *pending = pel_xcalloc((size_t)size, sizeof *pending);
	size_t *runs = pel_xcalloc(npol, sizeof *runs);
	size_t busy = 0;
	for (int r = 1; r < size; r++) {
		pending[r] = feed(j, r, runs, npol);
		busy += pending[r] > 0;
	}
	int rc = 0;
	while (busy) {
		MPI_Status st;
		int len;
		MPI_Probe(MPI_ANY_SOURCE, TAG_ROW, MPI_COMM_WORLD, &st);
		MPI_Get_count(&st, MPI_CHAR, &len);
		char *row = pel_xmalloc((size_t)len + 1);
		MPI_Recv(row, len, MPI_CHAR, st.MPI_SOURCE, TAG_ROW, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		row[len] = 0;
		if (!rc && pel_sweep_accept(j, row, err, errlen))
			rc = -1;
		free(row);
		int r = st.MPI_SOURCE;
		if (pending[r] && !--pending[r]) {
			/* after an error, stop handing out: the journal keeps what is done */
			if (rc)
				stop(r);
			else
				pending[r] = feed(j, r, runs, npol);
			busy -= !pending[r];
		}
	}
	free(pending);
	free(runs);
	return rc;
}

static void emit_mpi(void *arg, size_t run, const char *row)
{
	(void)arg;
	(void)run;
	MPI_Send(row, (int)strlen(row), MPI_CHAR, 0, TAG_ROW, MPI_COMM_WORLD);
}

int pel_mpi_work(const pel_sweep *p)
{
	for (;;) {
		MPI_Status st;
		int n;
		MPI_Probe(0, TAG_WORK, MPI_COMM_WORLD, &st);
		MPI_Get_count(&st, MPI_UNSIGNED_LONG_LONG, &n);
		unsigned long long *msg = pel_xcalloc((size_t)n + 1, sizeof *msg);
		MPI_Recv(msg, n, MPI_UNSIGNED_LONG_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		size_t *runs = pel_xcalloc((size_t)n + 1, sizeof *runs);
		for (int i = 0; i < n; i++)
			runs[i] = (size_t)msg[i];
		free(msg);
		if (n)
			pel_sweep_run_list(p, runs, (size_t)n, emit_mpi, NULL);
		free(runs);
		if (!n)
			return 0;
	}
}
