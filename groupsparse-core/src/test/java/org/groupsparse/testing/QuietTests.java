package org.groupsparse.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that writes to standard output or standard error (as EJML's base test class
 * does): the library reports through listeners and results, never by printing (STYLE 12; the
 * architecture test also forbids System.out/err in library code). Lines of Jazzer's agent
 * ("INFO: Instrumented ...") are not the test's output and are ignored. Loaded
 * for every test by JUnit's extension auto-detection (src/test/resources/junit-platform.properties
 * and META-INF/services).
 */
public final class QuietTests implements BeforeEachCallback, AfterEachCallback {
  static {
    // the BLAS loader logs its fallback choice at start-up: a performance note, not output of a test
    java.util.logging.Logger.getLogger("dev.ludovic.netlib").setLevel(java.util.logging.Level.SEVERE);
  }

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QuietTests.class);

  /** Creates the extension (JUnit instantiates it). */
  public QuietTests() {}

  private record Saved(PrintStream out, PrintStream err, ByteArrayOutputStream captured) {}

  @Override
  public void beforeEach(ExtensionContext context) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    context.getStore(NS).put("saved", new Saved(System.out, System.err, captured));
    System.setOut(capture);
    System.setErr(capture);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Saved saved = context.getStore(NS).remove("saved", Saved.class);
    if (saved == null) {
      return;
    }
    System.setOut(saved.out());
    System.setErr(saved.err());
    // Jazzer's agent logs its instrumentation of classes loaded after a fuzz test ("INFO: ...")
    String text = saved.captured().toString(StandardCharsets.UTF_8).replaceAll("(?m)^(INFO|WARN): [^\n]*\n?", "");
    if (!text.isEmpty()) {
      throw new AssertionError("the test wrote to stdout/stderr (library code must not print): "
          + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
    }
  }
}
