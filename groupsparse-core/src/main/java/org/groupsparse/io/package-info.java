/** Model files (JSON) and atomic writing of outputs. */
package org.groupsparse.io;
