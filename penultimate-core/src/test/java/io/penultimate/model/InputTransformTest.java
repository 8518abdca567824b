package io.penultimate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InputTransformTest {

  @Test
  void scalesThenSubtractsTheMeanThenDividesByTheStd() {
    InputTransform transform = new InputTransform(0.5, List.of(1.0), List.of(2.0));

    // (4 · 0.5 − 1) / 2 = 0.5; (0 · 0.5 − 1) / 2 = −0.5; (10 · 0.5 − 1) / 2 = 2
    assertThat(transform.apply(new float[][] {{4, 0, 10}})).isEqualTo(new float[][] {{0.5f, -0.5f, 2f}});
  }

  @Test
  void appliesOneValuePerChannelToEachBlockOfAChannelsFirstImage() {
    // 2 channels of 2 pixels: channel 0 is features 0-1, channel 1 features 2-3
    InputTransform transform = new InputTransform(1, List.of(1.0, 10.0), List.of(1.0, 5.0));

    // (3 − 1) / 1 = 2, (5 − 1) / 1 = 4, (20 − 10) / 5 = 2, (0 − 10) / 5 = −2
    assertThat(transform.apply(new float[][] {{3, 5, 20, 0}})).isEqualTo(new float[][] {{2, 4, 2, -2}});
  }

  @Test
  void appliesOneValuePerFeatureWhenGivenAsManyAsTheRowHas() {
    InputTransform transform = new InputTransform(2, List.of(1.0, 2.0, 3.0), List.of(1.0));

    // 1·2 − 1 = 1, 1·2 − 2 = 0, 1·2 − 3 = −1
    assertThat(transform.apply(new float[][] {{1, 1, 1}, {0, 0, 0}})).isEqualTo(new float[][] {{1, 0, -1}, {-1, -2, -3}});
  }

  @Test
  void leavesTheCallersRowsAsTheyAre() {
    float[][] batch = {{2, 4}};

    new InputTransform(0.5, List.of(0.0), List.of(1.0)).apply(batch);

    assertThat(batch).isEqualTo(new float[][] {{2, 4}});
  }

  @Test
  void theIdentityReturnsEveryValueUnchanged() {
    float[][] batch = {{0.1f, -3.7f, 255f, Float.MIN_VALUE}};

    assertThat(InputTransform.IDENTITY.apply(batch)).isEqualTo(batch);
    assertThat(InputTransform.IDENTITY.isIdentity()).isTrue();
    assertThat(new InputTransform(1, List.of(0.0, 0.0), List.of(1.0)).isIdentity()).isFalse();
  }

  @Test
  void rejectsAZeroStdNamingIt() {
    assertThatThrownBy(() -> new InputTransform(1, List.of(0.0), List.of(1.0, 0.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input std must be finite and positive, found 0.0");
  }

  @Test
  void rejectsNonFiniteValuesNamingThem() {
    assertThatThrownBy(() -> new InputTransform(Double.NaN, List.of(0.0), List.of(1.0))).hasMessageContaining("found NaN");
    assertThatThrownBy(() -> new InputTransform(0, List.of(0.0), List.of(1.0))).hasMessageContaining("scale").hasMessageContaining("found 0.0");
    assertThatThrownBy(() -> new InputTransform(1, List.of(Double.POSITIVE_INFINITY), List.of(1.0)))
        .hasMessage("input mean must be finite, found Infinity");
    assertThatThrownBy(() -> new InputTransform(1, List.of(0.0), List.of(Double.NEGATIVE_INFINITY)))
        .hasMessageContaining("found -Infinity");
  }

  @Test
  void acceptsOneValueOneperChannelOrOnePerFeature() {
    for (int count : new int[] {1, 3, 12}) {
      List<Double> values = java.util.Collections.nCopies(count, 1.0);
      new InputTransform(1, values, values).requireFits(12, OptionalInt.of(3));
    }
  }

  @Test
  void rejectsAnyOtherCountNamingTheCountsAllowed() {
    InputTransform two = new InputTransform(1, List.of(0.0, 0.0), List.of(1.0));

    assertThatThrownBy(() -> two.requireFits(12, OptionalInt.of(3)))
        .hasMessage("input mean has 2 values, expected 1, 3 (one per channel) or 12 (one per feature)");
    assertThatThrownBy(() -> new InputTransform(1, List.of(0.0), List.of(1.0, 1.0, 1.0)).requireFits(12, OptionalInt.empty()))
        .hasMessage("input std has 3 values, expected 1 or 12 (one per feature)");
  }

  @Test
  void aWrappedProbeTransformsOnTheCallersThreadAndInEveryTask() {
    float[][][] seen = new float[2][][];
    Probe raw = new Probe() {
      @Override public String layer() {
        return "1";
      }

      @Override public int width() {
        return 1;
      }

      @Override public Optional<OutputLayer> outputLayer() {
        return Optional.empty();
      }

      @Override public Supplier<Inference> perTask() {
        return () -> batch -> {
          seen[1] = batch;
          return probe(batch);
        };
      }

      @Override public ModelOutputs probe(float[][] rows) {
        seen[0] = rows;
        return new ModelOutputs(new double[][] {{rows[0][0]}}, new double[][] {{0, 1}});
      }
    };
    Probe wrapped = new InputTransform(0.5, List.of(1.0), List.of(1.0)).around(raw);

    assertThat(wrapped.probe(new float[][] {{6}}).hidden()).isEqualTo(new double[][] {{2}});
    wrapped.perTask().get().run(new float[][] {{10}});
    assertThat(seen[1]).isEqualTo(new float[][] {{4}});
    assertThat(InputTransform.IDENTITY.around(raw)).isSameAs(raw);
  }
}
