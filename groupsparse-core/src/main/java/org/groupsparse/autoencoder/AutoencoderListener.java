package org.groupsparse.autoencoder;

/** Receives training progress; the library never prints. */
@FunctionalInterface
public interface AutoencoderListener {
  /**
   * Called after every epoch.
   *
   * @param view the epoch's numbers; valid during the call
   */
  void onEpoch(EpochView view);
}
