package io.penultimate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.model.ModelOutputs;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The benchmark's plain-loop yardstick computes what the DL4J network does. */
class PlainDenseNetworkTest {

  @Test
  void computesTheHiddenLayerAndLogitsTheDl4jProbeReads() {
    MultiLayerNetwork network = ModelRecipe.byId("paper-mlp").initialised(List.of(784), 10, 3);
    float[][] rows = new float[7][784];
    Random random = new Random(9);
    for (float[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextFloat();
      }
    }

    ModelOutputs dl4j = HiddenProbe.of(network, null).probe(rows);
    ModelOutputs loops = new PlainDenseNetwork(network).run(rows);

    for (int i = 0; i < rows.length; i++) {
      assertThat(loops.hidden()[i]).hasSize(32).containsExactly(dl4j.hidden()[i], within(1e-4));
      assertThat(loops.logits()[i]).hasSize(10).containsExactly(dl4j.logits()[i], within(1e-4));
    }
  }
}
