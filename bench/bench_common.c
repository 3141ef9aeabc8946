/* bench_common.c - what the figures of pelsim-bench share. */
#define _GNU_SOURCE
#include "bench_common.h"

#include "../common/random.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const kinds[PEL_BENCH_NKINDS] = { "gemm", "fft", "stencil", "sort" };

double pel_bench_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

long pel_bench_maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

pel_platform *pel_bench_platform(pel_net_model net)
{
	pel_platform *p = pel_platform_new();
	p->net = net;
	uint32_t host = pel_platform_node(p, "host");
	char name[32];
	pel_efficiency cpu_eff[PEL_BENCH_NKINDS] = {
		{ "gemm", 0.9 }, { "fft", 0.6 }, { "stencil", 0.5 }, { "sort", 0.8 } };
	pel_efficiency gpu_eff[PEL_BENCH_NKINDS] = {
		{ "gemm", 0.8 }, { "fft", 0.4 }, { "stencil", 0.3 }, { "sort", 0.05 } };
	pel_efficiency fpga_eff[PEL_BENCH_NKINDS] = {
		{ "gemm", 0.3 }, { "fft", 0.9 }, { "stencil", 0.7 }, { "sort", 0.2 } };
	for (int i = 0; i < 48; i++) {
		snprintf(name, sizeof name, "cpu%d", i);
		pel_device d = { .name = name, .group = "cpu", .class_name = "cpu",
				 .speed = 5e10, .slots = 1, .node = host,
				 .launch = 1e-6, .eff = cpu_eff, .neff = PEL_BENCH_NKINDS };
		pel_platform_add_device(p, &d);
	}
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "gpu%d", i);
		uint32_t node = pel_platform_node(p, name);
		pel_device d = { .name = name, .group = "gpu", .class_name = "gpu",
				 .speed = 1e13, .slots = 1, .node = node,
				 .launch = 5e-6, .eff = gpu_eff, .neff = PEL_BENCH_NKINDS };
		pel_platform_add_device(p, &d);
		pel_platform_add_link(p, host, node, 2.5e10, 2e-6);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "fpga%d", i);
		uint32_t node = pel_platform_node(p, name);
		pel_device d = { .name = name, .group = "fpga", .class_name = "fpga",
				 .speed = 2e12, .slots = 2, .node = node,
				 .launch = 1e-5, .reconfig = 1e-3,
				 .eff = fpga_eff, .neff = PEL_BENCH_NKINDS };
		pel_platform_add_device(p, &d);
		pel_platform_add_link(p, host, node, 1.2e10, 5e-6);
	}
	pel_platform_finish(p);
	return p;
}

pel_gen_layered pel_bench_dag_params(uint32_t tasks)
{
	return (pel_gen_layered){ .tasks = tasks, .shape = 1.0, .outdegree = 3.0,
				  .jump = 2, .work = 1e10, .bytes = 4e6,
				  .spread = 0.5, .kinds = kinds, .nkinds = PEL_BENCH_NKINDS };
}

pel_dag *pel_bench_dag(uint32_t tasks)
{
	pel_gen_layered prm = pel_bench_dag_params(tasks);
	gsl_rng *r = pel_rng_stream(PEL_BENCH_SEED, PEL_STREAM_WORKLOAD);
	pel_dag *g = pel_generate_layered(&prm, r);
	gsl_rng_free(r);
	return g;
}

uint64_t pel_bench_digest(const pel_sim_result *r, uint32_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t t = 0; t < n; t++) {
		uint64_t w[3];
		w[0] = r->dev[t];
		memcpy(&w[1], &r->start[t], 8);
		memcpy(&w[2], &r->end[t], 8);
		const unsigned char *b = (const unsigned char *)w;
		for (size_t i = 0; i < sizeof w; i++)
			h = (h ^ b[i]) * 1099511628211ULL;
	}
	return h;
}

int pel_bench_in_child(void (*fn)(void *arg, void *out), void *arg, void *out, size_t size)
{
	int fd[2];
	if (pipe(fd)) {
		perror("pelsim-bench: pipe");
		return -1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("pelsim-bench: fork");
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		fn(arg, out);
		ssize_t w = write(fd[1], out, size);
		_exit(w == (ssize_t)size ? 0 : 1);
	}
	close(fd[1]);
	ssize_t got = read(fd[0], out, size);
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	if (got != (ssize_t)size || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	return 0;
}
