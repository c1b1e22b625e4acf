/** Data sets, CSV reading with located error messages, standardization, splits and bundled data. */
package org.groupsparse.data;
