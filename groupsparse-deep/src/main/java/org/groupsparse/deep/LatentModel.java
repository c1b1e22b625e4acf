package org.groupsparse.deep;

import java.util.Locale;

/**
 * Which latent space an autoencoder has (Li et al., ICLR 2023, appendix E.2, figures 8 and 9).
 *
 * <ul>
 *   <li>{@code AE}: encoder, code of {@code width} channels, decoder.
 *   <li>{@code VAE}: the encoder gives a mean and a log-variance of {@code width} channels each.
 *   <li>{@code IRMAE}: {@code layers} linear maps W_1 ... W_l (width x width, no bias) after the
 *       encoder; the code is z = W_l ... W_1 h, and gradient descent through the product implicitly
 *       lowers the rank of the codes (Jing et al. 2020).
 *   <li>{@code GAE}: the same l layers, each block-diagonal with {@code groups} blocks of
 *       width/groups channels: the code of group k is W_{l,k} ... W_{1,k} h_k, as the DGLNN's
 *       weights are a product within each group. The latent layers then have l width^2 / g
 *       parameters instead of l width^2 (the paper's table 2).
 * </ul>
 *
 * @param kind the kind of latent space
 * @param width latent channels n
 * @param layers latent linear layers l (0 for AE and VAE)
 * @param groups channel groups g (1 except for GAE)
 */
public record LatentModel(Kind kind, int width, int layers, int groups) {
  /** The kinds of latent space. */
  public enum Kind {
    /** Plain autoencoder. */
    AE,
    /** Variational autoencoder. */
    VAE,
    /** Implicit rank-minimizing autoencoder. */
    IRMAE,
    /** Grouped autoencoder. */
    GAE
  }

  /** Validates the shape. */
  public LatentModel {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (width < 1 || layers < 0 || groups < 1) {
      throw new IllegalArgumentException("width and groups must be positive and layers non-negative");
    }
    if (width % groups != 0) {
      throw new IllegalArgumentException("width " + width + " is not a multiple of groups " + groups);
    }
    boolean linear = kind == Kind.IRMAE || kind == Kind.GAE;
    if (linear != (layers > 0)) {
      throw new IllegalArgumentException(kind + " " + (linear ? "needs" : "has no") + " latent linear layers");
    }
    if (kind != Kind.GAE && groups != 1) {
      throw new IllegalArgumentException(kind + " has one group");
    }
  }

  /**
   * @param width latent channels
   * @return a plain autoencoder
   */
  public static LatentModel ae(int width) {
    return new LatentModel(Kind.AE, width, 0, 1);
  }

  /**
   * @param width latent channels
   * @return a variational autoencoder
   */
  public static LatentModel vae(int width) {
    return new LatentModel(Kind.VAE, width, 0, 1);
  }

  /**
   * @param width latent channels
   * @param layers linear layers l
   * @return an implicit rank-minimizing autoencoder
   */
  public static LatentModel irmae(int width, int layers) {
    return new LatentModel(Kind.IRMAE, width, layers, 1);
  }

  /**
   * @param width latent channels
   * @param layers linear layers l
   * @param groups channel groups g (dividing width)
   * @return a grouped autoencoder
   */
  public static LatentModel gae(int width, int layers, int groups) {
    return new LatentModel(Kind.GAE, width, layers, groups);
  }

  /** @return the name used in tables and figures: AE, VAE, IRMAE, GAE4, ... */
  public String label() {
    return kind == Kind.GAE ? "GAE" + groups : kind.name();
  }

  /** @return a lower-case file-name form of {@link #label()} */
  public String fileName() {
    return label().toLowerCase(Locale.ROOT);
  }

  /** @return weights of the latent linear layers: l n^2 / g (table 2 of the paper) */
  public long latentParameterCount() {
    return (long) layers * width * (width / groups);
  }
}
