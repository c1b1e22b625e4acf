package org.groupsparse.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.groupsparse.linalg.DenseMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoencoderGradientTest {
  static Stream<Arguments> architectures() {
    return Stream.of(
        Arguments.of("shallow group", AutoencoderArchitecture.groupSparse(8, 2, 0.6, 1)),
        Arguments.of("shallow elementwise", AutoencoderArchitecture.sparse(8, 0.4, 1)),
        Arguments.of("unfolded group T=5", AutoencoderArchitecture.groupSparse(8, 2, 0.6, 5).withStepSize(0.08)),
        Arguments.of("unfolded elementwise T=4", AutoencoderArchitecture.sparse(8, 0.3, 4).withStepSize(0.08)),
        Arguments.of("FISTA group T=6", AutoencoderArchitecture.groupSparse(8, 4, 0.5, 6).withStepSize(0.08)
            .withMomentum(true)),
        Arguments.of("unfolded group T=3, alpha = 1/||A||^2", AutoencoderArchitecture.groupSparse(8, 2, 0.6, 3)),
        Arguments.of("shallow one-sided group", AutoencoderArchitecture.groupSparse(8, 2, 0.3, 1, true)),
        Arguments.of("FISTA one-sided group T=5", AutoencoderArchitecture.groupSparse(8, 4, 0.2, 5, true)
            .withStepSize(0.08).withMomentum(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void gradientMatchesCentralDifferences(String name, AutoencoderArchitecture architecture) {
    // the gradient holds alpha = 1/||A||^2 fixed (documented); finite differences would move it
    org.junit.jupiter.api.Assumptions.assumeTrue(architecture.layers() == 1 || !Double.isNaN(architecture.stepSize()));
    SplittableRandom rng = new SplittableRandom(name.hashCode());
    int n = 6;
    int m = 8;
    DenseMatrix a = new DenseMatrix(n, m, ShrinkageTest.gaussian(rng, n * m, 0.6));
    DenseMatrix y = new DenseMatrix(7, n, ShrinkageTest.gaussian(rng, 7 * n, 1.5));
    GroupSparseAutoencoder model = new GroupSparseAutoencoder(architecture, a);
    double[] grad = new double[n * m];
    double loss = model.lossAndGradient(y, grad);
    assertThat(loss).isCloseTo(model.loss(y), org.assertj.core.api.Assertions.within(1e-12));
    double h = 1e-6;
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < n * m; i++) {
      double[] plus = a.data().clone();
      double[] minus = a.data().clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (model.withDictionary(new DenseMatrix(n, m, plus)).loss(y)
          - model.withDictionary(new DenseMatrix(n, m, minus)).loss(y)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - grad[i]));
      scale = Math.max(scale, Math.abs(fd));
    }
    assertThat(scale).isGreaterThan(1e-2); // the check is not vacuous
    assertThat(worst).isLessThan(1e-6 * Math.max(1, scale));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void chunkingDoesNotChangeTheGradient(String name, AutoencoderArchitecture architecture) {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 6;
    int m = 8;
    double[] a = ShrinkageTest.gaussian(rng, n * m, 0.6);
    double[] y = ShrinkageTest.gaussian(rng, 11 * n, 1.5);
    double[] whole = new double[n * m];
    double[] chunked = new double[n * m];
    DoubleUnfoldedNetwork one = new DoubleUnfoldedNetwork(architecture, n, 11);
    one.prepare(a);
    double l1 = one.lossAndGradient(a, y, 11, 1.0 / 11, whole);
    DoubleUnfoldedNetwork three = new DoubleUnfoldedNetwork(architecture, n, 3);
    three.prepare(a);
    double l2 = three.lossAndGradient(a, y, 11, 1.0 / 11, chunked);
    assertThat(l2).isCloseTo(l1, org.assertj.core.api.Assertions.within(1e-12));
    for (int i = 0; i < n * m; i++) {
      assertThat(chunked[i]).isCloseTo(whole[i], org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  /**
   * The float32 passes compute the same function: their gradient agrees with the float64 one to
   * float rounding (a few 1e-7 relative per operation, amplified by at most the depth here).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void float32GradientAgreesWithFloat64(String name, AutoencoderArchitecture architecture) {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 6;
    int m = 8;
    double[] a = ShrinkageTest.gaussian(rng, n * m, 0.6);
    double[] y = ShrinkageTest.gaussian(rng, 11 * n, 1.5);
    float[] yFloat = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      yFloat[i] = (float) y[i];
    }
    double[] exact = new double[n * m];
    DoubleUnfoldedNetwork reference = new DoubleUnfoldedNetwork(architecture, n, 11);
    reference.prepare(a);
    double loss = reference.lossAndGradient(a, y, 11, 1.0 / 11, exact);
    double[] single = new double[n * m];
    FloatUnfoldedNetwork net = new FloatUnfoldedNetwork(architecture, n, 3);
    net.prepare(a);
    double lossFloat = net.lossAndGradient(a, yFloat, 11, 1.0 / 11, single);
    assertThat(net.stepSize()).isCloseTo(reference.stepSize(), org.assertj.core.api.Assertions.within(1e-5 * reference.stepSize()));
    assertThat(lossFloat).isCloseTo(loss, org.assertj.core.api.Assertions.within(1e-5 * loss));
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < n * m; i++) {
      scale = Math.max(scale, Math.abs(exact[i]));
      worst = Math.max(worst, Math.abs(single[i] - exact[i]));
    }
    assertThat(scale).isGreaterThan(1e-2);
    assertThat(worst).isLessThan(1e-4 * scale);
    assertThat(worst).isGreaterThan(0); // it did compute in float
  }
}
