package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.ScoreName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * 1000 events, 200 OOD: 180 of them flagged and 40 of the 800 in-distribution ones, so the flag
   * rate is 220 / 1000 = 22.0%, the true share 20.0%.
   */
  private static String summary() throws Exception {
    Map<String, Double> oodAuroc = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      oodAuroc.put(score.key(), 0.9);
    }
    oodAuroc.put("confidence", 0.8);
    oodAuroc.put("trust", 0.97);
    oodAuroc.put("oodPValue", 0.985);
    JsonNode quality = JSON.readTree("{\"labelled\":800,\"accuracy\":0.95,\"auroc\":{\"softmax\":0.93,\"confidence\":0.951,\"trust\":0.949},"
        + "\"ece\":{\"confidence\":0.012}}");
    DemoRun.Result result = new DemoRun.Result(1000, 200, 800, 500, 2.0, new double[] {100, 200, 300}, 180, 40, 0.947, oodAuroc,
        new DemoRun.Estimates(0.861, 0.193, 1000, 0.05), quality);
    StringWriter out = new StringWriter();
    result.print(new PrintWriter(out, true), "MNIST", "Fashion-MNIST", null);
    return out.toString();
  }

  @Test
  void printsTheEstimatedAccuracyBesideTheRollingAccuracy() throws Exception {
    assertThat(summary()).contains("label-free estimates over the monitor's last 1000 scored events")
        .contains("accuracy   0.861 estimated (mean confidence; 0.947 over the MNIST events alone) vs 0.950 rolling");
  }

  @Test
  void printsTheEstimatedOodShareBesideTheTrueShareAndTheFlagRate() throws Exception {
    assertThat(summary()).contains("OOD share  19.3% estimated (Storey, lambda = 0.5) vs 20.0% true; the flag rate, 22.0%")
        .contains("ood flag     oodPValue < alpha = 0.05: 90.0% of Fashion-MNIST events flagged, 5.0% of MNIST events, 22.0% of all");
  }

  @Test
  void printsTheAnswersRollingQualityAndOodAurocBesideTheScores() throws Exception {
    String summary = summary();
    assertThat(summary).contains("confidence AUROC 0.951, ECE 0.012; trust AUROC 0.949");
    assertThat(summary).containsPattern("confidence +0\\.951 +- +0\\.800 +-");
    assertThat(summary).containsPattern("trust +0\\.949 +- +0\\.970 +-");
    assertThat(summary).containsPattern("oodPValue +0\\.985 +-");
    assertThat(summary).containsPattern("binomial +- +- +0\\.900 +-");
  }
}
