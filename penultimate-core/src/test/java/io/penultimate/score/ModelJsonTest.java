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
  void roundsTripTheBaselineModelsWithIdenticalScores() throws Exception {
    MahalanobisModel classes = new MahalanobisFitter().fit(data.hidden(), data.labels(), 4);
    RelativeMahalanobisModel background = new RelativeMahalanobisFitter().fit(data.hidden());
    KnnModel knn = new KnnFitter(5, 40, 1).fit(data.hidden());
    double[][] logits = new double[data.hidden().length][];
    for (int i = 0; i < logits.length; i++) {
      double[] h = data.hidden()[i];
      logits[i] = new double[] {h[0] - h[1] + 0.5, 2 * h[2], -h[3] + h[0]};
    }
    VimModel vim = new VimFitter().fit(data.hidden(), logits);
    SircModel sirc = new SircFitter().fit(new double[] {-0.5, -1.5, -1});

    RelativeMahalanobisModel backgroundBack = mapper.readValue(mapper.writeValueAsString(background), RelativeMahalanobisModel.class);
    KnnModel knnBack = mapper.readValue(mapper.writeValueAsString(knn), KnnModel.class);
    VimModel vimBack = mapper.readValue(mapper.writeValueAsString(vim), VimModel.class);
    assertThat(backgroundBack).isEqualTo(background);
    assertThat(knnBack).isEqualTo(knn);
    assertThat(vimBack).isEqualTo(vim);
    assertThat(mapper.readValue(mapper.writeValueAsString(sirc), SircModel.class)).isEqualTo(sirc);
    for (double[] h : inputs) {
      assertThat(new RelativeMahalanobisScore(classes, backgroundBack).score(h))
          .isEqualTo(new RelativeMahalanobisScore(classes, background).score(h));
      assertThat(new KnnScore(knnBack).score(h)).isEqualTo(new KnnScore(knn).score(h));
      assertThat(new VimScore(vimBack).residualNorm(h)).isEqualTo(new VimScore(vim).residualNorm(h));
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
