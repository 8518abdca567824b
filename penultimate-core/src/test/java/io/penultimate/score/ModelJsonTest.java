package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

/** Fitted models are plain records: a default ObjectMapper writes them and reads them back unchanged. */
class ModelJsonTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final Samples.Labelled data =
      Samples.gaussian(
          21,
          new double[][] {{0, 0, 0, 0}, {1, 2, 0, -1}, {0, 0, 3, 3}},
          new double[][] {{1, 0.2, 0, 0}, {0.2, 1, 0, 0}, {0, 0, 0.5, 0.1}, {0, 0, 0.1, 0.5}},
          50);
  private final double[][] inputs = Samples.uniform(22, 10, 4);

  @Test
  void roundsTripMahalanobisModelWithIdenticalScores() throws Exception {
    MahalanobisModel model = new MahalanobisFitter().fit(data.hidden(), data.labels(), 4);
    MahalanobisModel back = mapper.readValue(mapper.writeValueAsString(model), MahalanobisModel.class);

    assertThat(back).isEqualTo(model);
    MahalanobisScore before = new MahalanobisScore(model);
    MahalanobisScore after = new MahalanobisScore(back);
    for (double[] h : inputs) {
      assertThat(after.score(h)).isEqualTo(before.score(h));
    }
  }

  @Test
  void roundsTripClassGaussianModelWithIdenticalScores() throws Exception {
    ClassGaussianModel model = new ClassGaussianFitter().fit(data.hidden(), data.labels(), 4);
    ClassGaussianModel back = mapper.readValue(mapper.writeValueAsString(model), ClassGaussianModel.class);

    assertThat(back).isEqualTo(model);
    ClassGaussianScore before = new ClassGaussianScore(model);
    ClassGaussianScore after = new ClassGaussianScore(back);
    for (double[] h : inputs) {
      for (int c = 0; c < 4; c++) {
        assertThat(after.logDensity(h, c)).isEqualTo(before.logDensity(h, c));
      }
    }
  }

  @Test
  void refusesToLoadModelThatBreaksAnInvariant() {
    String json = "{\"counts\":[1],\"means\":[[0,0]],\"whitening\":[[1],[0]]}";

    assertThatThrownBy(() -> mapper.readValue(json, MahalanobisModel.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("whitening[1] has length 1, expected 2");
    assertThatThrownBy(() -> mapper.readValue("{\"counts\":[1],\"means\":[[0]]}", MahalanobisModel.class))
        .hasRootCauseMessage("whitening is missing");
  }
}
