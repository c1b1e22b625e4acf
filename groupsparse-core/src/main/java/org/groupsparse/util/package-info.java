/**
 * The bottom layer of the library, used by every other package: parameter validation ({@code
 * Check}, scikit-learn-style messages), quantiles, the exceptions for bad input ({@code
 * InputException}, located by file, line and column) and diverging iterations, and atomic,
 * all-or-nothing, umask-respecting file writing ({@code AtomicFiles}, {@code FileBatch}).
 */
package org.groupsparse.util;
