/** Seeded generators of simulated group-sparse problems. */
package org.groupsparse.synthetic;
