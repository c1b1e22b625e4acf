package org.groupsparse.cli;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Strict, uniform number parsing for every option: plain decimal numbers only (no hexadecimal, no
 * octal, no NaN or infinity, no Java suffixes such as {@code 1d}, no control characters). Integers
 * may be written in exponent form when the value is a whole number ({@code --max-iter 1e5}).
 */
final class StrictNumbers {
  private StrictNumbers() {}

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * Parses a finite decimal number.
   *
   * @param text what the user typed
   * @return the value
   * @throws TypeConversionException when it is not a finite decimal number
   */
  static double parseDouble(String text) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      throw new TypeConversionException("'" + printable(text) + "' is not a decimal number");
    }
    double v = Double.parseDouble(text);
    if (!Double.isFinite(v)) {
      throw new TypeConversionException("'" + printable(text) + "' is out of the range of a double");
    }
    return v;
  }

  /**
   * Parses a whole number in range.
   *
   * @param text what the user typed
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   */
  static long parseWhole(String text, long min, long max) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      throw new TypeConversionException("'" + printable(text) + "' is not a whole number");
    }
    BigDecimal v;
    try {
      v = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("'" + printable(text) + "' is not a whole number");
    }
    if (v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new TypeConversionException("'" + printable(text) + "' is too large (at most " + max + ")");
    }
    try {
      long l = v.longValueExact();
      if (l < min || l > max) {
        throw new TypeConversionException("'" + printable(text) + "' is out of range (" + min + " to " + max + ")");
      }
      return l;
    } catch (ArithmeticException e) {
      throw new TypeConversionException("'" + printable(text) + "' is not a whole number");
    }
  }

  /**
   * A number or the word {@code auto} (returned as NaN, which is never accepted as a number).
   *
   * @param option the option as typed
   * @param text the value
   * @return the number, or NaN for auto
   */
  static double autoOrNumber(String option, String text) {
    if (text.equalsIgnoreCase("auto")) {
      return Double.NaN;
    }
    try {
      return parseDouble(text);
    } catch (TypeConversionException e) {
      throw new IllegalArgumentException("'" + option + "' must be a number or 'auto'; got '" + printable(text) + "'");
    }
  }

  /**
   * Text safe to print on one terminal line: control characters and non-ASCII bytes as escapes,
   * at most 60 characters.
   *
   * @param s any text, may be null
   * @return the printable form
   */
  static String printable(String s) {
    return org.groupsparse.util.InputException.printable(s);
  }

  /** @param cl the command line to register the converters with (applies to every subcommand) */
  static void register(CommandLine cl) {
    ITypeConverter<Double> d = StrictNumbers::parseDouble;
    ITypeConverter<Integer> i = t -> (int) parseWhole(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
    ITypeConverter<Long> l = t -> parseWhole(t, Long.MIN_VALUE, Long.MAX_VALUE);
    ITypeConverter<Float> f = t -> (float) parseDouble(t);
    cl.registerConverter(Double.class, d);
    cl.registerConverter(Double.TYPE, d);
    cl.registerConverter(Integer.class, i);
    cl.registerConverter(Integer.TYPE, i);
    cl.registerConverter(Long.class, l);
    cl.registerConverter(Long.TYPE, l);
    cl.registerConverter(Float.class, f);
    cl.registerConverter(Float.TYPE, f);
  }
}
