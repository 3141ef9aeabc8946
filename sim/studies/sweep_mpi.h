/* sweep_mpi.h - a sweep across MPI ranks (built only when CMake found
 * MPI): rank 0 hands out the runs of one point and replication at a time
 * to ranks 1..K-1 and journals their rows, as pel_sweep_run_local does
 * with worker processes.  Only `pelsim sweep` launched by mpirun calls
 * these. */
#ifndef PEL_SWEEP_MPI_H
#define PEL_SWEEP_MPI_H

#include "sweep.h"

#include <stddef.h>

/* MPI_Init; this process's rank and the number of ranks. */
void pel_mpi_init(int *argc, char ***argv, int *rank, int *size);
/* The largest rc over all ranks (every rank calls it). */
int pel_mpi_agree(int rc);
/* Rank 0: hands out everything left of j to ranks 1..size-1 and takes
 * their rows.  Returns 0, or -1 with a message in err. */
int pel_mpi_coordinate(pel_sweep_job *j, int size, char *err, size_t errlen);
/* Ranks 1..K-1: runs what rank 0 hands out until it says stop. */
int pel_mpi_work(const pel_sweep *p);
/* MPI_Finalize. */
void pel_mpi_finalize(void);

#endif
