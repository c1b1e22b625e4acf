package org.groupsparse.cli;

import picocli.CommandLine.Option;

/** Preprocessing and threading options shared by every fitting command. */
public final class SharedFitOptions {
  @Option(names = "--no-intercept", description = "Do not centre the data or fit an intercept.")
  boolean noIntercept;

  @Option(names = "--no-standardize",
      description = "Do not scale the columns (and, for the iterative methods, the response) to unit variance.")
  boolean noStandardize;

  @Option(names = "--threads", defaultValue = "1", description = "Threads for the gradient kernels. Default: ${DEFAULT-VALUE}.")
  int threads;
}
