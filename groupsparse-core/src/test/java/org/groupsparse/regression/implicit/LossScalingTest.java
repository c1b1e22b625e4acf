package org.groupsparse.regression.implicit;

import static org.assertj.core.api.Assertions.assertThat;

import org.groupsparse.groups.GroupStructure;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.junit.jupiter.api.Test;

/**
 * The authors' mean (1/n) loss has twice the gradient of the (1/2n) loss, so plain gradient descent
 * on it with steps (gamma, eta) is plain gradient descent on the (1/2n) loss with (2 gamma, 2 eta),
 * bit for bit (doubling is exact in binary floating point).
 */
class LossScalingTest {
  @Test
  void meanLossEqualsHalfMeanLossAtTwiceTheSteps() {
    GroupStructure groups = GroupStructure.contiguous(4, 40, false);
    SimulatedRegression sim = RegressionSimulator.generate(30, groups, new double[] {1, -1, 1, 1, 2}, false,
        DesignKind.GAUSSIAN, 0.3, 0, 3);
    DglnnOptions mean = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(0.1)
        .stepSizeU(0.01).stepSizeV(0.02).maxIterations(200).fitIntercept(false).standardize(false)
        .directionInit(DirectionInit.CONSTANT).directionInitScale(-0.01).lossScaling(LossScaling.MEAN).build();
    DglnnOptions half = mean.toBuilder().stepSizeU(0.02).stepSizeV(0.04).lossScaling(LossScaling.HALF_MEAN).build();
    double[] a = new DglnnTrainer(mean).run(sim.train().design(), sim.train().response(), null, null, groups, null)
        .coefficients();
    double[] b = new DglnnTrainer(half).run(sim.train().design(), sim.train().response(), null, null, groups, null)
        .coefficients();
    assertThat(a).containsExactly(b);
    // and the recorded losses are the (1/2n) loss in both
    double[] la = new DglnnTrainer(mean).run(sim.train().design(), sim.train().response(), null, null, groups, null)
        .history().trainLoss();
    double[] lb = new DglnnTrainer(half).run(sim.train().design(), sim.train().response(), null, null, groups, null)
        .history().trainLoss();
    assertThat(la).containsExactly(lb);
  }
}
