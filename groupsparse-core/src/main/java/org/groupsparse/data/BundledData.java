package org.groupsparse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Data sets that ship inside the library.
 *
 * <p>{@code bardet}: 120 rat eye tissue samples; the response {@code y} is the expression of TRIM32
 * (the gene behind Bardet-Biedl syndrome) and the 100 predictors {@code g1_b1 .. g20_b5} are 20
 * genes, each expanded in 5 B-spline basis functions, so 20 groups of 5 ({@code prefix:_}). Source:
 * {@code data/bardet.rda} of the R package gglasso, from Scheetz et al. (2006), PNAS
 * 103(39):14429-14434; used in table 3 of Li et al. (ICLR 2023). File md5
 * aa5745497905f01fb0fae419bc7d14a2.
 */
public final class BundledData {
  private BundledData() {}

  /** Name of the bardet response column. */
  public static final String BARDET_TARGET = "y";

  /** Group specification of the bardet features. */
  public static final String BARDET_GROUPS = "prefix:_";

  /** @return the bardet gene-expression data (n = 120, p = 100) */
  public static Dataset bardet() {
    try (InputStream in = BundledData.class.getResourceAsStream("bardet.csv")) {
      if (in == null) {
        throw new IllegalStateException("bardet.csv is missing from the library jar");
      }
      return CsvDatasetReader.forTraining(BARDET_TARGET, Set.of())
          .read(new InputStreamReader(in, StandardCharsets.UTF_8), "bardet.csv (bundled)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
