/**
 * Reproductions of the figures and tables of Li et al. (ICLR 2023; {@code igs-*}) and Theodosis et
 * al. ({@code gsae-*}): each {@code Experiment} writes raw series as CSV, figures as PNG and SVG,
 * {@code summary.json}, {@code provenance.json} and {@code report.md} (the paper's claim beside our
 * numbers and a verdict) through an {@code ExperimentOutput}. Also the MNIST loader and its
 * checked download, the only network code of the project. See docs/ARCHITECTURE.md for the map from
 * experiments to figures.
 */
package org.groupsparse.experiments;
