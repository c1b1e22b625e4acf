# Reference values for GroupSparse's test of agreement with grpreg on a logistic group lasso:
# grpreg 3.6.0 (penalty = "grLasso", family = "binomial", default lambdas, max.iter raised so the
# path is not cut) on the bundled bardet data with the response dichotomized at its median, groups of
# 5 consecutive columns; or, with a third argument "breast-cancer", on the bundled breast cancer data
# (response benign, groups = the 10 measurements, mean / se / worst). grpreg centres, scales and orthonormalizes each group (Q_l^T Q_l / n = I);
# its objective is (1/n) sum log(1 + e^eta) - y eta + lambda sum_l sqrt(5) ||theta_l|| with
# theta_l = S_l V_l^T b_l / sqrt(n) from the SVD U_l S_l V_l^T of the centred group (any rotation
# within a group gives the same value; sqrt(5) is sqrt of the group size). Writes one line per lambda:
# lambda, objective, nonzero groups.
# usage: Rscript grpreg_reference.R DATA.csv OUT.csv [breast-cancer]   (R_PEERS_LIB: where grpreg is)
args <- commandArgs(trailingOnly = TRUE)
.libPaths(c(Sys.getenv("R_PEERS_LIB", file.path(Sys.getenv("HOME"), ".cache/groupsparse-peers/Rlib")), .libPaths()))
suppressPackageStartupMessages(library(grpreg))
D <- as.matrix(read.csv(args[1]))
if (length(args) >= 3 && args[3] == "breast-cancer") {
  y <- D[, 1]
  X <- D[, -1]
  label <- sub("_.*", "", colnames(X))
  group <- as.integer(factor(label, levels = unique(label)))
} else {
  y <- as.numeric(D[, 1] > median(D[, 1]))
  X <- D[, -1]
  group <- rep(seq_len(ncol(X) / 5), each = 5)
}
fit <- grpreg(X, y, group = group, penalty = "grLasso", family = "binomial", max.iter = 1e6)
n <- nrow(X)
Xc <- scale(X, center = TRUE, scale = FALSE)
parts <- lapply(split(seq_len(ncol(X)), group), function(g) { s <- svd(Xc[, g]); list(g = g, sv = s$d * t(s$v), w = sqrt(length(g))) })
obj <- sapply(seq_along(fit$lambda), function(k) {
  b0 <- fit$beta[1, k]; b <- fit$beta[-1, k]
  eta <- b0 + X %*% b
  pen <- sum(sapply(parts, function(q) q$w * sqrt(sum((q$sv %*% b[q$g] / sqrt(n))^2))))
  mean(log1p(exp(eta)) - y * eta) + fit$lambda[k] * pen
})
active <- sapply(seq_along(fit$lambda), function(k) sum(tapply(fit$beta[-1, k], group, function(v) any(v != 0))))
write.csv(data.frame(lambda = fit$lambda, objective = obj, active = active), args[2], row.names = FALSE)
