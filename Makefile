# Thin wrapper over CMake.  `make demo` and `make test` first install any
# missing Debian packages (make deps), so both work on a fresh Debian 12.
PACKAGES := cmake make gcc pkg-config libgsl-dev libyaml-dev libjansson-dev \
            libcunit1-dev libgraphviz-dev gnuplot-nox libopenmpi-dev openmpi-bin
# `make fuzz` also needs clang and its compiler-rt (libFuzzer: Debian 12's
# clang only recommends libclang-rt-14-dev, so it is named).
FUZZ_PACKAGES := clang libclang-rt-14-dev
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 3

.PHONY: all deps deps-fuzz build demo test test-release fuzz bench clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES) $(EXTRA_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing packages; run:"; \
	    echo "  sudo apt-get install -y" $$missing; \
	    exit 1; \
	  fi; \
	fi

deps-fuzz:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build build -j $(JOBS)

# The flagship study: the demo machine's policies side by side, then its
# strong scaling (1 to 32 GPUs, 6 policies, 10 random DAGs per point) with
# confidence intervals, drawn as PDF and PNG figures under out/.
demo: build
	./build/pelsim run scenarios/demo.yaml --policy heft,peft,dmda,heteroprio,ws,eager --check
	rm -rf out/strong_scaling
	./build/pelsim sweep scenarios/sweeps/strong_scaling.yaml -j $(JOBS) --out out/strong_scaling
	./build/pelsim plot out/strong_scaling --format pdf
	./build/pelsim plot out/strong_scaling --format png
	@echo "figures: out/strong_scaling/*.pdf and *.png; data: out/strong_scaling/runs.csv, summary.csv"

bench: build
	./build/pelsim-bench

test: deps
	cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DPEL_SANITIZE=ON >/dev/null
	cmake --build build-test -j $(JOBS)
	cd build-test && ctest --output-on-failure -j $(JOBS)

# The same suites on an optimised build without sanitizers (what users run):
# a test that passes only by the luck of a Debug layout fails here.
test-release: deps
	cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
	cmake --build build-rel -j $(JOBS)
	cd build-rel && ctest --output-on-failure -j $(JOBS)

# The libFuzzer harnesses of fuzz/ (clang, ASan, UBSan) and a short run of
# each (FUZZ_SECONDS after its seeds); docs/fuzzing.md for long campaigns.
fuzz: deps-fuzz
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DPEL_FUZZ=ON \
	  -DBUILD_TESTING=OFF -DPEL_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	cd build-fuzz && ctest -L fuzz --output-on-failure -j $(JOBS)

clean:
	rm -rf build build-test build-rel build-fuzz
