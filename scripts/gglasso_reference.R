# Reference values for GroupSparse's tests of agreement with gglasso on a logistic group lasso,
# gglasso 1.4 (loss = "logit", default lambdas):
#   bardet (default): the bundled bardet data, response dichotomized at its median, raw columns, groups
#     of 5 consecutive columns;
#   breast-cancer: the bundled breast cancer data (response benign), columns centred and scaled by their
#     sample standard deviation (R's scale()), groups = the 10 measurements (mean, se, worst of each).
# gglasso's objective (1/n) sum log(1 + exp(-y eta)) + lambda sum_l sqrt(p_l) ||b_l|| with y in {-1, 1}
# and eta = b0 + X b is GroupSparse's with y in {0, 1} and standardize(false). Writes one line per
# lambda: lambda, gglasso's objective, its number of nonzero groups.
# usage: Rscript gglasso_reference.R DATA.csv OUT.csv [bardet|breast-cancer]   (R_PEERS_LIB: gglasso)
args <- commandArgs(trailingOnly = TRUE)
.libPaths(c(Sys.getenv("R_PEERS_LIB", file.path(Sys.getenv("HOME"), ".cache/groupsparse-peers/Rlib")), .libPaths()))
suppressPackageStartupMessages(library(gglasso))
D <- as.matrix(read.csv(args[1]))
if (length(args) >= 3 && args[3] == "breast-cancer") {
  y <- ifelse(D[, 1] == 1, 1, -1)
  X <- scale(D[, -1])
  label <- sub("_.*", "", colnames(X))
  group <- as.integer(factor(label, levels = unique(label)))
  o <- order(group)  # gglasso needs consecutive groups; the objective does not depend on the order
  X <- X[, o]; group <- group[o]
} else {
  y <- ifelse(D[, 1] > median(D[, 1]), 1, -1)
  X <- D[, -1]
  group <- rep(seq_len(ncol(X) / 5), each = 5)
}
fit <- gglasso(x = X, y = y, group = group, loss = "logit")
obj <- sapply(seq_along(fit$lambda), function(k) {
  b <- fit$beta[, k]
  eta <- fit$b0[k] + X %*% b
  norms <- tapply(b, group, function(v) sqrt(sum(v^2)))
  sizes <- as.numeric(table(group))
  mean(log1p(exp(-y * eta))) + fit$lambda[k] * sum(sqrt(sizes) * norms)
})
active <- sapply(seq_along(fit$lambda), function(k) sum(tapply(fit$beta[, k], group, function(v) any(v != 0))))
write.csv(data.frame(lambda = fit$lambda, objective = obj, active = active), args[2], row.names = FALSE)
