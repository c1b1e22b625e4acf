package org.groupsparse.util;

/**
 * Bad input data: a file that cannot be read or does not have the expected content. The message
 * names the file and, where it applies, the 1-based line and column, so that a command line tool
 * can print it as one line ({@code file:line:column: what was expected}).
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final int column;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file name as the user gave it (may be {@code null} for in-memory data)
   * @param line 1-based line number, or 0 when not applicable
   * @param column 1-based column number, or 0 when not applicable
   * @param problem what was wrong and what was expected
   */
  public InputException(String file, long line, int column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param file the file name
   * @param problem what was wrong
   * @param cause the underlying exception
   */
  public InputException(String file, String problem, Throwable cause) {
    super(format(file, 0, 0, problem), cause);
    this.file = file;
    this.line = 0;
    this.column = 0;
    this.problem = problem;
  }

  /**
   * Text safe to show on one terminal line: control characters, non-ASCII characters and
   * unpaired surrogates become escapes ({@code \\x00}, {@code \\u00e9}), and text longer than
   * 60 characters is cut with "...". Never echoes raw bytes of a binary file.
   *
   * @param s any text, may be null
   * @return the printable form ("null" for null)
   */
  public static String printable(String s) {
    return printable(s, 60);
  }

  /**
   * As {@link #printable(String)} with another length limit.
   *
   * @param s any text, may be null
   * @param max the longest result, at least 4
   * @return the printable form
   */
  public static String printable(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else if (Character.isLetterOrDigit(c) && !Character.isSurrogate(c)) {
        sb.append(c);
      } else if (c < 0x100) {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    if (sb.length() >= max && s.length() > max) {
      sb.setLength(max - 3);
      sb.append("...");
    }
    return sb.toString();
  }

  private static String format(String file, long line, int column, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    return sb.append(problem).toString();
  }

  /** @return the file name, or {@code null} */
  public String file() {
    return file;
  }

  /** @return the 1-based line, or 0 */
  public long line() {
    return line;
  }

  /** @return the 1-based column, or 0 */
  public int column() {
    return column;
  }

  /** @return the problem without the location prefix */
  public String problem() {
    return problem;
  }
}
