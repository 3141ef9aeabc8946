#!/usr/bin/env python3
"""Writes the realistic summary.csv files of tests/data/plot/ by running
pelsim on the study scenarios (smaller, so that it takes seconds), in the
format of `pelsim sweep`: point, one column per axis, policy, n, devices,
slots, capacity (the sum of speed * slots over the devices, flop/s), then
M_mean, M_sd, M_ci95 for each metric (empty where the metric does not
apply).

    python3 tests/data/plot/make_summaries.py build/pelsim

The hand-made ones (hand/, failed/, bad/, broken/) are not generated;
see README.md."""
import itertools
import json
import math
import os
import statistics
import subprocess
import sys

METRICS = ["makespan", "slr", "speedup", "efficiency", "imbalance", "lower_bound",
           "bytes_moved", "transfers", "events", "resp_mean", "resp_p95", "resp_p99",
           "throughput"]
JSON_KEY = {"resp_mean": "response_mean", "resp_p95": "response_p95",
            "resp_p99": "response_p99"}
# two-sided 95% quantiles of Student's t, by degrees of freedom
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365,
       8: 2.306, 9: 2.262}


def run(pelsim, scenario, sets, policy, seed):
    args = [pelsim, "run", scenario, "--json", "--policy", policy, "--seed", str(seed)]
    for k, v in sets:
        args += ["--set", f"{k}={v}"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def fmt(x):
    return repr(float(x)) if x is not None else ""


def fmt_c(x):
    """As pelsim writes a number: the shorter of %.15g and %.17g that reads back."""
    s = "%.15g" % x
    return s if float(s) == x else "%.17g" % x


def study(pelsim, scenario, base, axes, policies, reps, path, product=False):
    names = [a for a, _ in axes]
    points = itertools.product(*[v for _, v in axes]) if product else zip(*[v for _, v in axes])
    rows = []
    header = ["point"] + names + ["policy", "n", "devices", "slots", "capacity"]
    for m in METRICS:
        header += [m + "_mean", m + "_sd", m + "_ci95"]
    for point, values in enumerate(points):
        sets = base + list(zip(names, values))
        for pol in policies:
            runs = [run(pelsim, scenario, sets, pol, seed) for seed in range(1, reps + 1)]
            devices = len(runs[0]["devices"])
            slots = sum(d["slots"] for d in runs[0]["devices"])
            capacity = 0.0
            for d in runs[0]["devices"]:
                capacity += d["speed"] * d["slots"]
            row = [str(point)] + [str(v) for v in values] + [pol, str(reps), str(devices), str(slots),
                                                            fmt_c(capacity)]
            for m in METRICS:
                xs = [r.get(JSON_KEY.get(m, m)) for r in runs]
                if any(x is None for x in xs):
                    row += ["", "", ""]
                    continue
                mean = statistics.fmean(xs)
                sd = statistics.stdev(xs) if reps > 1 else 0.0
                ci = T95[reps - 1] * sd / math.sqrt(reps) if reps > 1 else 0.0
                row += [fmt(mean), fmt(sd), fmt(ci)]
            rows.append(row)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def main():
    pelsim = sys.argv[1] if len(sys.argv) > 1 else "build/pelsim"
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    os.chdir(root)
    study(pelsim, "scenarios/sweeps/strong_scaling.yaml", [("workload.tasks", 300)],
          [("platform.devices.1.count", [1, 2, 4, 8, 16])], ["heft", "dmda", "eager"], 4,
          os.path.join(here, "strong", "summary.csv"))
    study(pelsim, "scenarios/sweeps/slr_ccr.yaml", [],
          [("workload.ccr", [0.1, 0.5, 1.0, 5.0, 10.0])], ["heft", "cpop", "peft"], 5,
          os.path.join(here, "ccr", "summary.csv"))
    study(pelsim, "scenarios/sweeps/weak_scaling.yaml", [],
          [("platform.devices.1.count", [1, 2, 4, 8]), ("workload.tasks", [50, 100, 200, 400])],
          ["heft", "dmda", "ws", "eager"], 3, os.path.join(here, "weak", "summary.csv"))
    study(pelsim, "scenarios/sweeps/strong_scaling.yaml", [],
          [("platform.devices.1.count", [1, 2, 4]), ("workload.tasks", [100, 400])],
          ["heft", "eager"], 3, os.path.join(here, "product", "summary.csv"), product=True)


if __name__ == "__main__":
    main()
