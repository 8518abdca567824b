package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxInspectionTest {

  @Test
  void listsTheInputsOfLinearOperationsAndTheOutputsOfActivationsWithTheirWidths() throws Exception {
    OnnxInspection inspection = OnnxInspection.of(Fixture.path("cnn.onnx"), null);

    assertThat(inspection.candidates()).extracting(Candidate::tensor, Candidate::width, Candidate::producedBy, Candidate::readBy)
        .containsExactly(
            tuple("/act1/Relu_output_0", 256, "Relu", List.of("MaxPool")),
            tuple("/Flatten_output_0", 64, "Flatten", List.of("Gemm")),
            tuple("/act2/Relu_output_0", 16, "Relu", List.of("Gemm")));
    assertThat(inspection.choice()).hasValueSatisfying(choice -> {
      assertThat(choice.hidden()).isEqualTo("/act2/Relu_output_0");
      assertThat(choice.width()).isEqualTo(16);
      assertThat(choice.classes()).isEqualTo(3);
    });
    assertThat(inspection.problem()).isEmpty();
  }

  @Test
  void saysWhyAModelCannotBeReadAndStillListsItsCandidates() throws Exception {
    OnnxInspection inspection = OnnxInspection.of(Fixture.path("mlp-fixed-batch.onnx"), null);

    assertThat(inspection.choice()).isEmpty();
    assertThat(inspection.problem()).startsWith("input 'input' has a fixed batch dimension, shape [6, 8]");
    assertThat(inspection.candidates()).extracting(Candidate::width).containsExactly(16, 12);
  }
}
