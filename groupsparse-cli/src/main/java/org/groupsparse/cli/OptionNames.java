package org.groupsparse.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaks the user's language in errors: the library's validation messages name its fields
 * ({@code 'maxIterations' of DglnnOptions}); the command line shows the option typed instead
 * ({@code '--max-iter'}).
 */
final class OptionNames {
  private OptionNames() {}

  private static final Pattern FIELD = Pattern.compile("'(\\w+)' of (\\w+)");

  /**
   * Builds library options, renaming fields to options in any validation error.
   *
   * @param build the builder call
   * @param pairs field name, option name, field name, option name, ...
   * @param <T> the options type
   * @return what {@code build} returns
   */
  static <T> T rename(Supplier<T> build, String... pairs) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(rename(e.getMessage(), pairs), e);
    }
  }

  static String rename(String message, String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    Matcher m = FIELD.matcher(message == null ? "" : message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String option = map.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(option == null ? m.group() : "'" + option + "'"));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
