"""Native HiGHS on the stage-2 model that `bench/planning.ts --export DIR` writes.

The product solves with HiGHS compiled to WebAssembly, on one thread. This script asks the same
question of native HiGHS (the `highspy` wheel from PyPI, on every core) so that a reader can see
whether a faster solver would prove the stress plan optimal. It is a measurement, not part of
the product, and nothing in `npm test` or `.ci/run` runs it.

    npx tsx bench/planning.ts --export /tmp/guarantor-models
    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install highspy
    /tmp/hv/bin/python bench/planning-native.py /tmp/guarantor-models/stress-stage2.mps --seconds 120

`--tier leads` keeps only the lead and claim rewards of the objective, `--tier cohesion` only
the nation-in-region charges and the per-unit terms; `--tier all` (the default) is the model as
the product solves it. Columns are told apart by their cost, as stage 2 builds them: a lead
costs -1,000 or less, a nation-in-region is a binary column costing the cohesion weight (10).
"""

import argparse
import json
import time

import highspy

parser = argparse.ArgumentParser()
parser.add_argument("mps")
parser.add_argument("--seconds", type=float, default=120.0)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--tier", choices=["all", "leads", "cohesion"], default="all")
parser.add_argument("--log", action="store_true")
args = parser.parse_args()

h = highspy.Highs()
h.setOptionValue("output_flag", args.log)
h.setOptionValue("time_limit", args.seconds)
h.setOptionValue("mip_rel_gap", 1e-4)
h.setOptionValue("threads", args.threads)
h.readModel(args.mps)
lp = h.getLp()
costs = list(lp.col_cost_)
integrality = list(lp.integrality_)
lead = [c <= -1000 for c in costs]
cohesion = [
    c == 10 and lp.col_upper_[i] == 1 and integrality[i] != highspy.HighsVarType.kContinuous
    for i, c in enumerate(costs)
]
for i, c in enumerate(costs):
    if args.tier == "leads" and not lead[i]:
        h.changeColCost(i, 0)
    if args.tier == "cohesion" and lead[i]:
        h.changeColCost(i, 0)

with open(args.mps.removesuffix(".mps") + ".start.json") as f:
    start = json.load(f)
if start:
    solution = highspy.HighsSolution()
    solution.col_value = start
    solution.value_valid = True
    h.setSolution(solution)

began = time.time()
h.run()
info = h.getInfo()
print(
    f"native HiGHS {h.version()} on {args.threads} threads, tier {args.tier}: "
    f"{h.modelStatusToString(h.getModelStatus())} after {time.time() - began:.1f} s; "
    f"{lp.num_col_} columns ({sum(lead)} leads, {sum(cohesion)} nation-regions), {lp.num_row_} rows; "
    f"best {info.objective_function_value:.2f}, bound {info.mip_dual_bound:.2f}, "
    f"gap {info.mip_gap:.3g}, {info.mip_node_count} nodes"
)
