/**
 * The {@code groupsparse} command: picocli subcommands over the library (fit, path, cv, predict,
 * simulate, demo, autoencoder, cluster, experiment, bench), strict number parsing, the file plan
 * that refuses outputs that are inputs, progress bars on interactive terminals and XChart plots.
 * Exit codes: 0 success, 2 bad arguments or input (one line), 1 anything unexpected.
 */
package org.groupsparse.cli;
