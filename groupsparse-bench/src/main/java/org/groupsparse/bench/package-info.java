/**
 * JMH benchmarks of the library's kernels, outside the library jar (EJML's layout): run with
 * {@code mvn -pl groupsparse-bench -am package && java -jar groupsparse-bench/target/benchmarks.jar}.
 * Whole-command comparisons with the peer tools are {@code groupsparse bench ...}.
 */
package org.groupsparse.bench;
