# Reference values for GroupSparse's test of agreement with gglasso on a logistic group lasso:
# gglasso 1.4 (loss = "logit", raw columns, default lambdas) on the bundled bardet data with the
# response dichotomized at its median, groups of 5 consecutive columns. Writes one line per lambda:
# lambda, gglasso's objective (1/n) sum log(1 + exp(-y eta)) + lambda sum_l sqrt(5) ||b_l|| with
# y in {-1, 1} and eta = b0 + X b, and its number of nonzero groups.
# usage: Rscript gglasso_reference.R BARDET.csv OUT.csv   (R_PEERS_LIB: where gglasso is installed)
args <- commandArgs(trailingOnly = TRUE)
.libPaths(c(Sys.getenv("R_PEERS_LIB", file.path(Sys.getenv("HOME"), ".cache/groupsparse-peers/Rlib")), .libPaths()))
suppressPackageStartupMessages(library(gglasso))
D <- as.matrix(read.csv(args[1]))
y <- ifelse(D[, 1] > median(D[, 1]), 1, -1)
X <- D[, -1]
group <- rep(seq_len(ncol(X) / 5), each = 5)
fit <- gglasso(x = X, y = y, group = group, loss = "logit")
n <- nrow(X)
obj <- sapply(seq_along(fit$lambda), function(k) {
  b <- fit$beta[, k]
  eta <- fit$b0[k] + X %*% b
  norms <- tapply(b, group, function(v) sqrt(sum(v^2)))
  mean(log1p(exp(-y * eta))) + fit$lambda[k] * sum(sqrt(5) * norms)
})
active <- sapply(seq_along(fit$lambda), function(k) sum(tapply(fit$beta[, k], group, function(v) any(v != 0))))
write.csv(data.frame(lambda = fit$lambda, objective = obj, active = active), args[2], row.names = FALSE)
