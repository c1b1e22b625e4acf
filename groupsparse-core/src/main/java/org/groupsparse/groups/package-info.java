/** Partitions of the features into groups, and their textual specifications. */
package org.groupsparse.groups;
