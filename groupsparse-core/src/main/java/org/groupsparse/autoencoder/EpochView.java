package org.groupsparse.autoencoder;

import org.groupsparse.linalg.DenseMatrix;

/** What a listener sees after an epoch. */
public interface EpochView {
  /** @return the epoch just finished, from 1 */
  int epoch();

  /** @return the epochs planned */
  int epochs();

  /** @return the mean over the epoch's steps of the loss (eq. 13) each step saw before its update */
  double trainingLoss();

  /** @return the threshold lambda in use at the end of the epoch (changes only when calibrated to a target) */
  double lambda();

  /** @return a copy of the dictionary after the epoch */
  DenseMatrix dictionary();
}
