package org.groupsparse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's javadoc is complete and well formed: the core's sources compile with
 * {@code -Xdoclint:all/protected} (every public and protected element documented, every parameter
 * and return value, every reference resolved) without a single doclint message. The build also
 * passes the flag to javac, which shows the messages but cannot fail on them alone (the Vector
 * API's incubator warning cannot be silenced, so -Werror is not an option).
 */
class JavadocLintTest {
  @TempDir Path out;

  @Test
  void coreJavadocHasNoDoclintMessages() throws IOException {
    Path sources = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("-Xdoclint:all/protected", "-proc:none", "--add-modules", "jdk.incubator.vector",
          "-classpath", System.getProperty("java.class.path"), "-d", out.toString());
      javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
    }
    List<String> messages = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String text = d.getMessage(Locale.ROOT);
      if (text.contains("incubating module")) {
        continue;
      }
      messages.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ") + text);
    }
    assertThat(messages).as("doclint / compiler messages").isEmpty();
  }
}
