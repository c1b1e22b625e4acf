# The whole-command peer of `./groupsparse path` on bardet, as an R user would write it: read the CSV,
# gglasso's default least-squares path with groups from the column names (the name up to the last
# "_", as GroupSparse's `prefix:_`), and a PNG of the coefficient paths (none without OUT.png: the peer
# of `path --no-plot`).
# usage: Rscript bardet_gglasso_whole.R DATA.csv [OUT.png]   (R_PEERS_LIB: gglasso)
args <- commandArgs(trailingOnly = TRUE)
.libPaths(c(Sys.getenv("R_PEERS_LIB", file.path(Sys.getenv("HOME"), ".cache/groupsparse-peers/Rlib")), .libPaths()))
suppressPackageStartupMessages(library(gglasso))
D <- read.csv(args[1])
y <- D[, 1]
X <- as.matrix(D[, -1])
label <- sub("_[^_]*$", "", colnames(X))
group <- as.integer(factor(label, levels = unique(label)))
fit <- gglasso(X, y, group = group, loss = "ls")
if (length(args) >= 2) {
  png(args[2], width = 800, height = 600)
  plot(fit)
  invisible(dev.off())
}
