package org.groupsparse.cli;

import java.io.PrintWriter;
import org.groupsparse.util.InputException;
import org.groupsparse.util.DivergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code groupsparse} command. Exit codes: 0 success, 2 bad arguments or bad input (one line on
 * stderr, no stack trace unless {@code --verbose}), 1 anything unexpected.
 */
@Command(name = "groupsparse", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Group-sparse learning: implicit regularization (DGLNN) and friends.")
public final class Main {
  /**
   * The subcommands in the order of the usage message. Only the one a command line names is built
   * (picocli builds a command's whole option model by reflection: all of them take about 0.1 s of a
   * short command's start-up); a line that names none (top-level help, a typo) gets them all.
   */
  private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

  /** Exit code for bad arguments or bad input. */
  public static final int EXIT_BAD_INPUT = 2;
  private static final java.util.logging.Logger BLAS_LOGGER = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
  /** Exit code for anything unexpected. */
  public static final int EXIT_UNEXPECTED = 1;

  /**
   * Entry point.
   *
   * @param args command line arguments
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // The deep-learning experiments load libtorch from the bundled native jar; never download.
    System.setProperty("ai.djl.offline", "true");
    // dev.ludovic.netlib logs to stderr when the native BLAS is missing and it falls back to Java:
    // that is a performance note, not something a user's one-line error output should carry.
    BLAS_LOGGER.setLevel(java.util.logging.Level.SEVERE);
    int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(code);
  }

  /**
   * Runs the command with the given streams (used by tests).
   *
   * @param out standard output
   * @param err standard error
   * @param args arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    java.util.function.Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null && !"help".equals(args[0])) {
      cl.addSubcommand(named.get());
    } else {
      SUBCOMMANDS.values().forEach(command -> cl.addSubcommand(command.get()));
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setOverwrittenOptionsAllowed(true);
    StrictNumbers.register(cl);
    cl.setExecutionExceptionHandler(Main::handleException);
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      String name = c.getCommandSpec().qualifiedName();
      c.getErr().println(name + ": " + oneLine(ex.getMessage().strip()) + " (see '" + name + " --help')");
      c.getErr().flush();
      return EXIT_BAD_INPUT;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
    java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
    m.put("fit", FitCommand::new);
    m.put("path", PathCommand::new);
    m.put("cv", CvCommand::new);
    m.put("autoencoder", AutoencoderCommand::new);
    m.put("cluster", ClusterCommand::new);
    m.put("experiment", ExperimentCommand::new);
    m.put("predict", PredictCommand::new);
    m.put("simulate", SimulateCommand::new);
    m.put("demo", DemoCommand::new);
    m.put("bench", BenchCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || (parsed.subcommand() != null && anyVerbose(parsed));
    int code;
    String message;
    if (ex instanceof InputException || ex instanceof IllegalArgumentException || ex instanceof DivergenceException
        || ex instanceof UsageException) {
      code = EXIT_BAD_INPUT;
      message = ex.getMessage();
    } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
      code = EXIT_UNEXPECTED;
      Throwable io = ex instanceof java.io.UncheckedIOException ? ex.getCause() : ex;
      message = "I/O error: " + (io instanceof java.nio.file.FileSystemException fse
          ? fse.getFile() + (fse.getReason() == null ? "" : ": " + fse.getReason()) : io.getMessage());
    } else {
      code = EXIT_UNEXPECTED;
      message = "unexpected error: " + ex;
    }
    err.println("groupsparse " + cl.getCommandName() + ": " + oneLine(message));
    if (verbose) {
      ex.printStackTrace(err);
    } else if (code == EXIT_UNEXPECTED) {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return code;
  }

  /** The message as one printable line: line breaks become spaces, control characters escapes. */
  static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        sb.append(' ');
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean anyVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Bad usage detected after parsing (conflicting options and the like). */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public UsageException(String message) {
      super(message);
    }
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"groupsparse " + version()};
    }
  }

  /** @return the implementation version, or "dev" */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
