package org.groupsparse.cli;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.groupsparse.regression.grouplasso.GroupLassoSolverKind;
import org.groupsparse.regression.implicit.DglnnAlgorithm;

/** The command line's names for the library's enums (the library itself knows none of them). */
final class CliNames {
  private static final Map<String, GroupLassoSolverKind> SOLVERS = new LinkedHashMap<>();
  private static final Map<GroupLassoSolverKind, String> SOLVER_NAMES = new EnumMap<>(GroupLassoSolverKind.class);
  private static final Map<String, DglnnAlgorithm> DGLNN_METHODS = new LinkedHashMap<>();

  static {
    SOLVERS.put("bcd", GroupLassoSolverKind.BCD);
    SOLVERS.put("fista", GroupLassoSolverKind.FISTA);
    SOLVERS.forEach((name, kind) -> SOLVER_NAMES.put(kind, name));
    DGLNN_METHODS.put("dglnn", DglnnAlgorithm.ALGORITHM_2);
    DGLNN_METHODS.put("dglnn-alg1", DglnnAlgorithm.ALGORITHM_1);
    DGLNN_METHODS.put("dglnn-gd", DglnnAlgorithm.GRADIENT_DESCENT);
  }

  private CliNames() {}

  /**
   * @param name the value of --solver as typed
   * @return the solver
   * @throws IllegalArgumentException naming the option and the accepted values
   */
  static GroupLassoSolverKind solver(String name) {
    GroupLassoSolverKind kind = SOLVERS.get(name.toLowerCase(Locale.ROOT));
    if (kind == null) {
      throw new IllegalArgumentException("unknown --solver '" + name + "'; expected " + String.join(" or ", SOLVERS.keySet()));
    }
    return kind;
  }

  /**
   * @param kind a solver
   * @return its --solver name
   */
  static String solverName(GroupLassoSolverKind kind) {
    return SOLVER_NAMES.get(kind);
  }

  /**
   * @param name a DGLNN --method value
   * @return the algorithm
   * @throws IllegalArgumentException for a name that is not a DGLNN method
   */
  static DglnnAlgorithm dglnnAlgorithm(String name) {
    DglnnAlgorithm algorithm = DGLNN_METHODS.get(name);
    if (algorithm == null) {
      throw new IllegalArgumentException("unknown DGLNN --method '" + name + "'; expected "
          + String.join(", ", DGLNN_METHODS.keySet()));
    }
    return algorithm;
  }

  /** @return the DGLNN --method names */
  static java.util.Set<String> dglnnMethods() {
    return DGLNN_METHODS.keySet();
  }
}
