package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.BundleJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every artifact survives a round trip through the bundle codec's mapper and says which family it
 * is. The JSON shape lives in the codec's mix-ins, so the maths classes import no JSON library.
 */
class EncoderSerializationTest {

  private static final HiddenSamples SIGMOID = SyntheticHidden.sigmoidLike(600, 4, 3, 17);
  private static final HiddenSamples RELU = SyntheticHidden.reluLike(600, 4, 3, 17);

  private final ObjectMapper mapper = BundleJson.MAPPER;

  static Stream<HiddenEncoder> encoders() {
    return Stream.of(
        BinomialFitter.defaults().fit(SIGMOID),
        TrinomialFitter.defaults().fit(SIGMOID),
        BetaFitter.defaults().fit(SIGMOID),
        BetaGeneralFitter.defaults().fit(SIGMOID),
        GaussianMixtureFitter.defaults().fit(RELU));
  }

  @ParameterizedTest
  @MethodSource("encoders")
  void roundTripsThroughJacksonKeepingFamilyAndScores(HiddenEncoder encoder) throws Exception {
    String json = mapper.writeValueAsString(encoder);

    HiddenEncoder read = mapper.readValue(json, HiddenEncoder.class);
    HiddenEncoder readAsItself = mapper.readValue(json, encoder.getClass());

    assertThat(mapper.readTree(json).get("family").asText()).isEqualTo(encoder.family());
    assertThat(read).isInstanceOf(encoder.getClass()).usingRecursiveComparison().isEqualTo(encoder);
    assertThat(readAsItself).usingRecursiveComparison().isEqualTo(encoder);
    double[] hidden = RELU.hidden()[5];
    assertThat(read.logLikelihood(hidden, 2)).isEqualTo(encoder.logLikelihood(hidden, 2));
  }

  @Test
  void pooledMixtureRoundTripsWithItsOwnFamily() throws Exception {
    PooledMixtureEncoder pooled = PooledMixtureFitter.defaults().fit(RELU);

    String json = mapper.writeValueAsString(pooled);
    PooledMixtureEncoder read = mapper.readValue(json, PooledMixtureEncoder.class);

    assertThat(mapper.readTree(json).get("family").asText()).isEqualTo("pooledGmm");
    assertThat(read).isEqualTo(pooled);
    assertThat(read.logLikelihood(RELU.hidden()[3])).isEqualTo(pooled.logLikelihood(RELU.hidden()[3]));
  }

  @Test
  void loadingAnInvalidArtifactFailsNamingFoundAndExpected() {
    String json = "{\"family\":\"binomial\",\"numClasses\":1,\"width\":1,\"threshold\":0.5,"
        + "\"logProbabilities\":[-0.6931471805599453,-0.916290731874155]}";

    assertThatThrownBy(() -> mapper.readValue(json, HiddenEncoder.class))
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("probabilities of class 0 node 0 sum to 0.9");
  }

  @Test
  void loadingAnArtifactWithAMissingFieldNamesTheField() {
    String json = "{\"family\":\"gmm\",\"numClasses\":1,\"width\":1}";

    assertThatThrownBy(() -> mapper.readValue(json, HiddenEncoder.class))
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mixtures is missing");
  }
}
