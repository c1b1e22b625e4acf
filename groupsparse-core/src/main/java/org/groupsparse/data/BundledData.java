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
 *
 * <p>{@code breast-cancer}: the Wisconsin Diagnostic Breast Cancer data (Street, Wolberg and
 * Mangasarian 1993; UCI Machine Learning Repository, CC BY 4.0), 569 fine-needle aspirates of breast
 * masses; the response {@code benign} is 1 for benign (357) and 0 for malignant (212); the 30
 * predictors are 10 measurements of the cell nuclei (radius, texture, perimeter, area, smoothness,
 * compactness, concavity, concave points, symmetry, fractal dimension), each as its mean, standard
 * error and worst value ({@code radius_mean}, {@code radius_se}, {@code radius_worst}, ...), so 10
 * groups of 3 ({@code prefix:_}). Taken from scikit-learn 1.2.1's copy ({@code load_breast_cancer});
 * file md5 25bee4834766c6e905f8c8119ed743c7.
 */
public final class BundledData {
  private BundledData() {}

  /** Name of the bardet response column. */
  public static final String BARDET_TARGET = "y";

  /** Group specification of the bardet features. */
  public static final String BARDET_GROUPS = "prefix:_";

  /** Name of the breast-cancer response column (1 benign, 0 malignant). */
  public static final String BREAST_CANCER_TARGET = "benign";

  /** Group specification of the breast-cancer features: the 10 measurements, each mean / se / worst. */
  public static final String BREAST_CANCER_GROUPS = "prefix:_";

  /** @return the Wisconsin diagnostic breast cancer data (n = 569, p = 30, a 0/1 response) */
  public static Dataset breastCancer() {
    return read("breast-cancer.csv", BREAST_CANCER_TARGET);
  }

  /** @return the bardet gene-expression data (n = 120, p = 100) */
  public static Dataset bardet() {
    return read("bardet.csv", BARDET_TARGET);
  }

  private static Dataset read(String name, String target) {
    try (InputStream in = BundledData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the library jar");
      }
      return CsvDatasetReader.forTraining(target, Set.of())
          .read(new InputStreamReader(in, StandardCharsets.UTF_8), name + " (bundled)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
