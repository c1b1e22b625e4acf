package org.groupsparse.autoencoder;

/** How the dictionary is updated from its gradient. */
public enum Optimizer {
  /** Adam (Kingma and Ba 2015) with bias correction; beta1 0.9, beta2 0.999, eps 1e-8 (PyTorch's defaults). */
  ADAM,
  /** Plain gradient descent A &lt;- A - eta grad (eq. 14). */
  GRADIENT_DESCENT
}
