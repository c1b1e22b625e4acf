package org.groupsparse.autoencoder;

/**
 * The result of training.
 *
 * @param model the autoencoder after the last epoch
 * @param trainingLoss per epoch, the mean loss its steps saw before their updates
 */
public record AutoencoderFit(GroupSparseAutoencoder model, double[] trainingLoss) {}
