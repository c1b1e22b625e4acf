package org.groupsparse.autoencoder;

/** Floating-point arithmetic of the autoencoder's training passes. */
public enum Precision {
  /** IEEE double (the default; what the gradient checks verify). */
  FLOAT64,
  /**
   * IEEE single for the data, the pre-activations and every product (about 7 significant digits;
   * twice the SIMD width and half the memory traffic), with float64 master weights.
   */
  FLOAT32
}
