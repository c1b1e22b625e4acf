#!/usr/bin/env bash
# Times GroupSparse and every peer that is installed on the same problems, in one run on one
# machine, and prints a markdown table of seconds, ratios (GroupSparse / peer: below 1 means
# GroupSparse is faster) and each tool's worst relative KKT violation under its own objective.
#
#   scripts/compare-peers.sh [PEERS_DIR]      (default: ../shared/bench/peers beside the project)
#
# Peers: glmnet (lasso, groups of size 1: least squares and logistic), grpreg and gglasso (group lasso, least squares and logistic:
# the logistic row dichotomizes the simulated response, KKT by scripts/kkt_binomial.py), run in-process by the
# peer scripts in PEERS_DIR (its install-peers.sh installs R and the packages); the whole-command
# rows time `./groupsparse path` against `Rscript` as a user would. Problems are generated with
# fixed seeds: Gaussian X, 20 nonzero coefficients +-U(0.5, 1.5), noise sd 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${1:-$ROOT/../shared/bench/peers}"
GS="$ROOT/groupsparse"
PY="${PYTHON:-/usr/bin/python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
REPS="${REPS:-3}"
SUPPORT="0.81,-1.22,0.57,1.43,-0.95,1.07,-0.66,1.31,-1.48,0.73,-0.52,1.19,0.88,-1.36,1.02,-0.79,0.61,-1.11,1.45,-0.70"

have_r() { command -v Rscript >/dev/null 2>&1 && Rscript -e ".libPaths(c(Sys.getenv('R_PEERS_LIB', path.expand('~/.cache/groupsparse-peers/Rlib')), .libPaths())); suppressPackageStartupMessages(library($1))" >/dev/null 2>&1; }
json() { "$PY" -c "import json,sys; d=json.loads(sys.stdin.read()); print('%.3g' % d['$1'])"; }
ratio() { "$PY" -c "print('%.2f' % ($1 / $2))"; }

simulate() { # name n p groups
  "$GS" simulate --quiet --n "$2" --p "$3" --groups "$4" --design gaussian --noise 1 --placement random \
    --support "$SUPPORT" --seed 1 --validation-rows 2 --out "$WORK/$1" >/dev/null
}

echo "machine: $(nproc) cores, $(date -u +%Y-%m-%d), $(java -version 2>&1 | sed -n 1p)"
echo
echo "| problem | GroupSparse s | GroupSparse KKT | peer | peer s | peer KKT | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

# glmnet's path (PREFIX_glmnet_lambda.csv, PREFIX_glmnet_beta.csv) as a path JSON for the KKT scripts
glmnet_json() { # prefix
  "$PY" - "$1" <<'PYEOF'
import json, sys, numpy as np
p = sys.argv[1]
lam = np.loadtxt(p + "_glmnet_lambda.csv", ndmin=1)
B = np.loadtxt(p + "_glmnet_beta.csv", delimiter=",", ndmin=2)
json.dump({"lambdas": lam.tolist(), "intercepts": B[:, 0].tolist(), "coefficients": B[:, 1:].tolist()}, open(p + "_glmnet.json", "w"))
PYEOF
}

lasso_row() { # name n p ratio_or_empty
  simulate "$1" "$2" "$3" size:1
  local data="$WORK/$1/train.csv" extra=() rargs=()
  if [ -n "$4" ]; then extra=(--lambda-min-ratio "$4"); rargs=(gaussian "$4"); fi
  if [ -n "${LASSO_TOL:-}" ]; then extra+=(--tol "$LASSO_TOL"); fi
  local gs; gs="$("$GS" bench group-lasso --quiet --data "$data" --target y --groups size:1 "${extra[@]}" --repeats "$REPS" 2>/dev/null)"
  local gs_s gs_kkt; gs_s="$(echo "$gs" | json seconds_path_median)"; gs_kkt="$(echo "$gs" | json worst_kkt_violation_relative)"
  if have_r glmnet; then
    local out; out="$(Rscript "$PEERS/glmnet_path.R" "$data" "$REPS" "$WORK/$1" "${rargs[@]}" 2>/dev/null)"
    local g_s; g_s="$(echo "$out" | sed -n 's/^TIME glmnet median \([0-9.]*\).*/\1/p')"
    # glmnet's objective is (1/2n)||y - b0 - X b||^2 + lambda sum_j s_j |b_j| (s_j population sd): GroupSparse's for groups of size 1
    glmnet_json "$WORK/$1"
    local g_kkt; g_kkt="$("$PY" "$PEERS/kkt.py" "$data" 1 groupsparse "$WORK/$1_glmnet.json" | json worst_relative_kkt)"
    echo "| lasso n=$2 p=$3${4:+ to $4 lambda_max}${LASSO_TOL:+, --tol $LASSO_TOL} | $gs_s | $gs_kkt | glmnet | $g_s | $g_kkt | $(ratio "$gs_s" "$g_s") |"
  else
    echo "| lasso n=$2 p=$3 | $gs_s | $gs_kkt | glmnet (not installed) | | | |"
  fi
}

# One row per installed peer (grpreg, gglasso) for a group lasso path on a CSV file.
#   peer_rows label data size family kkt_script name
peer_rows() {
  local label="$1" data="$2" size="$3" family="$4" kkt="$5" name="$6"
  local gs; gs="$("$GS" bench group-lasso --quiet --family "$family" --data "$data" --target y --groups "size:$size" --repeats "$REPS" 2>/dev/null)"
  local gs_s gs_kkt; gs_s="$(echo "$gs" | json seconds_path_median)"; gs_kkt="$(echo "$gs" | json worst_kkt_violation_relative)"
  if have_r grpreg || have_r gglasso; then
    local out; out="$(Rscript "$PEERS/group_lasso_path.R" "$data" "$size" "$REPS" "$WORK/$name" "$family" 2>/dev/null || true)"
    for tool in gglasso grpreg; do
      local t_s; t_s="$(echo "$out" | sed -n "s/^TIME $tool median \([0-9.]*\).*/\1/p")"
      [ -z "$t_s" ] && continue
      local t_kkt; t_kkt="$("$PY" "$kkt" "$data" "$size" "$tool" "$WORK/${name}_$tool" | json worst_relative_kkt)"
      echo "| $label | $gs_s | $gs_kkt | $tool | $t_s | $t_kkt | $(ratio "$gs_s" "$t_s") |"
    done
  else
    echo "| $label | $gs_s | $gs_kkt | grpreg, gglasso (not installed) | | | |"
  fi
}

group_row() { # name n p size
  simulate "$1" "$2" "$3" "size:$4"
  peer_rows "group lasso n=$2 p=$3 groups of $4" "$WORK/$1/train.csv" "$4" gaussian "$PEERS/kkt.py" "$1"
}

binomial_row() { # name n p size: the simulated response dichotomized (y > 0), logistic group lasso
  simulate "$1" "$2" "$3" "size:$4"
  awk -F, 'NR == 1 { print; next } { $1 = ($1 > 0) ? 1 : 0; print }' OFS=, "$WORK/$1/train.csv" > "$WORK/$1/binary.csv"
  peer_rows "logistic group lasso n=$2 p=$3 groups of $4" "$WORK/$1/binary.csv" "$4" binomial \
    "$ROOT/scripts/kkt_binomial.py" "$1"
}

# logistic lasso (groups of size 1) against glmnet's binomial path, on the logistic row's data, to
# glmnet's default lambda_min / lambda_max for n < p (0.01)
logistic_lasso_row() { # name (a binary.csv written by binomial_row)
  local data="$WORK/$1/binary.csv"
  local gs; gs="$("$GS" bench group-lasso --quiet --family binomial --data "$data" --target y --groups size:1 \
    --lambda-min-ratio 0.01 --repeats "$REPS" 2>/dev/null)"
  local gs_s gs_kkt; gs_s="$(echo "$gs" | json seconds_path_median)"; gs_kkt="$(echo "$gs" | json worst_kkt_violation_relative)"
  if have_r glmnet; then
    local out; out="$(Rscript "$PEERS/glmnet_path.R" "$data" "$REPS" "$WORK/$1_lasso" binomial 0.01 2>/dev/null)"
    local g_s; g_s="$(echo "$out" | sed -n 's/^TIME glmnet median \([0-9.]*\).*/\1/p')"
    # glmnet's objective is (1/n) sum loss + lambda sum_j s_j |b_j| (s_j population sd): GroupSparse's for groups of size 1
    glmnet_json "$WORK/$1_lasso"
    local g_kkt; g_kkt="$("$PY" "$ROOT/scripts/kkt_binomial.py" "$data" 1 groupsparse "$WORK/$1_lasso_glmnet.json" | json worst_relative_kkt)"
    echo "| logistic lasso n=1000 p=10000 to 0.01 lambda_max | $gs_s | $gs_kkt | glmnet | $g_s | $g_kkt | $(ratio "$gs_s" "$g_s") |"
  else
    echo "| logistic lasso n=1000 p=10000 to 0.01 lambda_max | $gs_s | $gs_kkt | glmnet (not installed) | | | |"
  fi
}

lasso_row tall 20000 500 ""
# n a little above p: the path ends with nearly every column active (glmnet's default ratio for n > p, 1e-4)
lasso_row mid 1000 800 0.0001
lasso_row wide 1000 5000 0.01
# the same path at a looser KKT tolerance, still tighter than glmnet's own violation on it
LASSO_TOL=0.05 lasso_row wide 1000 5000 0.01
# a denser, deeper path: the working set outgrows the rows (up to ~1850 nonzero coefficients on 2000)
lasso_row deep 2000 3000 0.001
LASSO_TOL=0.1 lasso_row deep 2000 3000 0.001
group_row grouped 1000 2000 10
# more rows than columns, groups of 5 (each tool's default path)
group_row tallgroups 1000 800 5
# a wider design, groups of 10, on the peers' default path (to 0.05 lambda_max for n < p). Deeper
# paths on it (to 0.01, beyond the peers' default) end with more nonzero columns than rows: see the
# README's performance notes
group_row widegroups 1000 5000 10
binomial_row logistic 1000 10000 10
logistic_lasso_row logistic

echo
echo "| kernel | GroupSparse | GroupSparse quality | peer | peer | peer quality | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

# k-means, 10 restarts, on the 10,000 MNIST test images (in-process seconds; accuracy against the labels)
MNIST="${MNIST:-$ROOT/../shared/data/mnist}"
if [ -f "$MNIST/t10k-images-idx3-ubyte.gz" ]; then
  km="$("$GS" cluster --data "$MNIST/t10k-images-idx3-ubyte.gz" --labels "$MNIST/t10k-labels-idx1-ubyte.gz" --k 10 \
    --out "$WORK/clusters.csv" 2>/dev/null | sed -n 1p)"
  km_s="$(echo "$km" | sed -n 's/.*(\([0-9.]*\) s).*/\1/p')"
  km_acc="$(echo "$km" | sed -n 's/.*accuracy \([0-9.]*\).*/\1/p')"
  if "$PY" -c "import sklearn" >/dev/null 2>&1; then
    sk="$("$PY" "$PEERS/sklearn_cluster.py" kmeans "$MNIST/t10k-images-idx3-ubyte.gz" "$MNIST/t10k-labels-idx1-ubyte.gz")"
    echo "| k-means, MNIST test images, 10 restarts (s) | $km_s | accuracy $km_acc | scikit-learn | $(echo "$sk" | json seconds) | accuracy $(echo "$sk" | json accuracy) | $(ratio "$km_s" "$(echo "$sk" | json seconds)") |"
  fi
fi

# autoencoder epoch, 15 unfolded steps, float32 (the peer's defaults: N=10000, n=950, 500 groups of 2)
if "$PY" -c "import torch" >/dev/null 2>&1; then
  ae="$("$GS" bench autoencoder --N 10000 --n 950 --groups 500 --d 2 --layers 15 --epochs 3 --dtype float32 2>/dev/null)"
  pt="$("$PY" "$PEERS/../torch_gsae.py" --layers 15 --epochs 3 --dtype float32 2>/dev/null | tail -1)"
  echo "| autoencoder epoch, T = 15, float32 (s) | $(echo "$ae" | json seconds_per_epoch_median) | loss $(echo "$ae" | json final_loss) | PyTorch | $(echo "$pt" | json seconds_per_epoch_median) | loss $(echo "$pt" | json final_loss) | $(ratio "$(echo "$ae" | json seconds_per_epoch_median)" "$(echo "$pt" | json seconds_per_epoch_median)") |"
  # DGLNN, Algorithm 2, n = 2000, p = 20000, groups of 4, 2 threads
  dg="$("$GS" bench dglnn --n 2000 --p 20000 --group-size 4 --iters 100 --threads 2 2>/dev/null)"
  pd="$("$PY" "$PEERS/../torch_dglnn.py" --n 2000 --p 20000 --group-size 4 --iters 100 --threads 2 2>/dev/null | tail -1)"
  echo "| DGLNN iteration, n=2000 p=20000, 2 threads (s) | $(echo "$dg" | json seconds_per_iter) | $(echo "$dg" | json iter_over_floor) x its memory floor (median iteration $(echo "$dg" | json median_iter_over_floor) x) | PyTorch | $(echo "$pd" | json seconds_per_iter) | | $(ratio "$(echo "$dg" | json seconds_per_iter)" "$(echo "$pd" | json seconds_per_iter)") |"
fi

# the whole command, cold, as a user times it (JVM start, CSV, path, plot), against Rscript doing the same
bardet="$ROOT/groupsparse-core/src/main/resources/org/groupsparse/data/bardet.csv"
"$GS" path --quiet --train "$bardet" --target y --groups prefix:_ --out "$WORK/warm-build.json" >/dev/null 2>&1 || true
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); "$PY" -c "print('%.2f' % ($e - $s))"; }
gs_whole="$(seconds "$GS" path --quiet --train "$bardet" --target y --groups prefix:_ --out "$WORK/bardet-path.json")"
if have_r gglasso; then
  r_whole="$(seconds Rscript "$ROOT/scripts/bardet_gglasso_whole.R" "$bardet" "$WORK/bardet-r.png")"
  echo "| whole \`path\` on bardet: JVM/R start, CSV, path, plot (s) | $gs_whole | | Rscript + gglasso | $r_whole | | $(ratio "$gs_whole" "$r_whole") |"
  gs_bare="$(seconds "$GS" path --quiet --no-plot --train "$bardet" --target y --groups prefix:_ --out "$WORK/bardet-path-bare.json")"
  r_bare="$(seconds Rscript "$ROOT/scripts/bardet_gglasso_whole.R" "$bardet")"
  echo "| the same without the plot (\`--no-plot\`) (s) | $gs_bare | | Rscript + gglasso | $r_bare | | $(ratio "$gs_bare" "$r_bare") |"
else
  echo "| whole \`path\` on bardet: JVM start, CSV, path, plot (s) | $gs_whole | | Rscript + gglasso (not installed) | | | |"
fi
