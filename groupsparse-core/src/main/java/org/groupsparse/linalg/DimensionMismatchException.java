package org.groupsparse.linalg;

/** Shapes of two operands do not agree; the message gives both shapes. */
public class DimensionMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message both shapes and what was expected */
  public DimensionMismatchException(String message) {
    super(message);
  }
}
