# Reference values for GroupSparse's test of agreement with gglasso on a public binary data set: the
# bundled Wisconsin diagnostic breast cancer data (benign = 1), columns centred and scaled by their
# sample standard deviation (R's scale()), groups = the 10 measurements (mean, se, worst of each),
# gglasso 1.4 loss = "logit", its default lambdas. Writes one line per lambda: lambda, gglasso's
# objective (1/n) sum log(1 + exp(-y eta)) + lambda sum_l sqrt(3) ||b_l|| (y in {-1, 1}), nonzero groups.
# usage: Rscript gglasso_breast_cancer_reference.R BREAST-CANCER.csv OUT.csv   (R_PEERS_LIB: gglasso)
args <- commandArgs(trailingOnly = TRUE)
.libPaths(c(Sys.getenv("R_PEERS_LIB", file.path(Sys.getenv("HOME"), ".cache/groupsparse-peers/Rlib")), .libPaths()))
suppressPackageStartupMessages(library(gglasso))
D <- as.matrix(read.csv(args[1]))
y <- ifelse(D[, 1] == 1, 1, -1)
X <- scale(D[, -1])
label <- sub("_.*", "", colnames(X))
group <- as.integer(factor(label, levels = unique(label)))
o <- order(group)
X <- X[, o]; group <- group[o]
fit <- gglasso(x = X, y = y, group = group, loss = "logit")
obj <- sapply(seq_along(fit$lambda), function(k) {
  b <- fit$beta[, k]
  eta <- fit$b0[k] + X %*% b
  norms <- tapply(b, group, function(v) sqrt(sum(v^2)))
  mean(log1p(exp(-y * eta))) + fit$lambda[k] * sum(sqrt(3) * norms)
})
active <- sapply(seq_along(fit$lambda), function(k) sum(tapply(fit$beta[, k], group, function(v) any(v != 0))))
write.csv(data.frame(lambda = fit$lambda, objective = obj, active = active), args[2], row.names = FALSE)
