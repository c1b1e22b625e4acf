#!/usr/bin/python3
"""Worst relative KKT violation of a logistic group-lasso path, each tool judged under its own objective
    (1/n) sum_i log(1 + e^eta_i) - y_i eta_i + lam sum_l sqrt(p_l) ||theta_l||,   eta = b0 + X b,  y in {0, 1},
theta_l the tool's coordinates of group l:
  gglasso (loss = "logit"): theta = b on the raw columns;
  grpreg (family = "binomial"): theta_l = S_l V_l^T b_l / sqrt(n) from the SVD of the centred group
    (its standardization and orthonormalization);
  groupsparse: theta_j = b_j s_j (columns scaled to unit population variance).
With r = y - sigmoid(eta) and g_l the tool's design of group l times r / n, the violation of group l is
||g_l - lam w_l theta_l / ||theta_l|| || when theta_l != 0 and max(0, ||g_l|| - lam w_l) when it is 0;
the intercept's is |mean(r)|. Printed: max over groups and the intercept, divided by lam, worst and median
over the path (as groupsparse reports its own).
usage: kkt_binomial.py DATA.csv GROUPS TOOL PATH
  DATA.csv: header, 0/1 response first; GROUPS: K (consecutive groups of K columns)
  TOOL: gglasso | grpreg | groupsparse; PATH: OUTPREFIX_tool of the peers' group_lasso_path.R
  (reads _lambda.csv, _beta.csv) or a `groupsparse path --family binomial --out` JSON."""
import json
import sys

import numpy as np


def main():
    data, spec, tool, path = sys.argv[1:5]
    d = np.loadtxt(data, delimiter=",", skiprows=1, ndmin=2)
    y, x = d[:, 0], d[:, 1:]
    n, p = x.shape
    k = int(spec)
    groups = [np.arange(s, s + k) for s in range(0, p, k)]
    xc = x - x.mean(0)
    if tool == "groupsparse":
        j = json.load(open(path))
        lams, b0, b = np.array(j["lambdas"]), np.array(j["intercepts"]), np.array(j["coefficients"])
    else:
        lams = np.loadtxt(path + "_lambda.csv", ndmin=1)
        bb = np.loadtxt(path + "_beta.csv", delimiter=",", ndmin=2)
        b0, b = bb[:, 0], bb[:, 1:]
    if tool == "grpreg":
        parts = [np.linalg.svd(xc[:, g], full_matrices=False) for g in groups]
        grad = lambda r: [u.T @ r / np.sqrt(n) for u, s, vt in parts]
        theta = lambda w: [(s[:, None] * vt) @ w[g] / np.sqrt(n) for (u, s, vt), g in zip(parts, groups)]
    else:
        scale = xc.std(0) if tool == "groupsparse" else np.ones(p)
        design = xc / scale if tool == "groupsparse" else x
        grad = lambda r: [design[:, g].T @ r / n for g in groups]
        theta = lambda w: [(w * scale)[g] for g in groups]
    rel = []
    for i, lam in enumerate(lams):
        eta = b0[i] + x @ b[i]
        r = y - 1 / (1 + np.exp(-eta))
        v = abs(r.mean())
        for gl, th, g in zip(grad(r), theta(b[i]), groups):
            wl, nt = np.sqrt(len(g)), np.linalg.norm(th)
            v = max(v, np.linalg.norm(gl - lam * wl * th / nt) if nt > 0 else max(0.0, np.linalg.norm(gl) - lam * wl))
        rel.append(v / lam)
    rel = np.array(rel)
    print(json.dumps({"tool": tool, "nlambda": len(lams), "worst_relative_kkt": float(rel.max()),
                      "median_relative_kkt": float(np.median(rel))}))


if __name__ == "__main__":
    main()
