package org.groupsparse.util;

/** An iterative fit produced non-finite iterates; the message says where and what to change. */
public class DivergenceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /** @param message where it diverged and what to try */
  public DivergenceException(String message) {
    super(message);
  }
}
