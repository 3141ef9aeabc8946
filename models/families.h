/* families.h - the structured DAG families of the scheduling literature:
 * fork-join, tiled dense linear algebra (LU, QR; Cholesky is in
 * generate.h), FFT butterfly, stencil wavefront and MapReduce.  Each
 * returns a finished DAG; costs are flop per task (kernel flop counts for
 * the tiled factorisations) and bytes per edge.  Each pel_size_NAME gives
 * the exact tasks and edges pel_generate_NAME makes, without overflow (see
 * size.h); the caller checks them before generating. */
#ifndef PEL_FAMILIES_H
#define PEL_FAMILIES_H

#include "size.h"
#include "workload.h"

/* phases fork-join phases of `width` parallel tasks each, separated by
 * join/fork tasks: phases * (width + 1) + 1 tasks. */
pel_dag *pel_generate_forkjoin(uint32_t phases, uint32_t width, double work, double bytes);
pel_dag_size pel_size_forkjoin(uint32_t phases, uint32_t width);

/* Tiled LU without pivoting on T x T tiles of nb x nb doubles: kinds
 * getrf (2/3 nb^3), trsm (nb^3) and gemm (2 nb^3); T(T+1)(2T+1)/6 tasks. */
pel_dag *pel_generate_lu(uint32_t tiles, uint32_t nb);
pel_dag_size pel_size_lu(uint32_t tiles);

/* Tiled Householder QR (flat reduction tree) on T x T tiles: kinds geqrt
 * (4/3 nb^3), unmqr (2 nb^3), tsqrt (2 nb^3), tsmqr (4 nb^3);
 * T(T+1)(2T+1)/6 tasks. */
pel_dag *pel_generate_qr(uint32_t tiles, uint32_t nb);
pel_dag_size pel_size_qr(uint32_t tiles);

/* FFT of `points` (a power of two) inputs: one input level and log2(points)
 * butterfly levels of `points` tasks; task (s, i) reads (s-1, i) and
 * (s-1, i xor 2^(s-1)). */
pel_dag *pel_generate_fft(uint32_t points, double work, double bytes);
pel_dag_size pel_size_fft(uint32_t points);

/* 2-D wavefront (e.g. a Gauss-Seidel sweep or Smith-Waterman): a rows x
 * cols grid where cell (i, j) reads (i-1, j) and (i, j-1). */
pel_dag *pel_generate_stencil(uint32_t rows, uint32_t cols, double work, double bytes);
pel_dag_size pel_size_stencil(uint32_t rows, uint32_t cols);

/* MapReduce: `maps` map tasks, each feeding every one of `reduces` reduce
 * tasks (the shuffle); map work, reduce work, bytes per shuffle edge. */
pel_dag *pel_generate_mapreduce(uint32_t maps, uint32_t reduces, double map_work,
				double reduce_work, double bytes);
pel_dag_size pel_size_mapreduce(uint32_t maps, uint32_t reduces);

#endif
