/** Small utilities shared by the library: parameter validation. */
package org.groupsparse.util;
