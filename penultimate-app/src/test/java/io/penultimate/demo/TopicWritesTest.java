package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicWritesTest {
  @Test
  void namesATopicWithoutTheApplicationIdItStartsWith() {
    assertThat(TopicWrites.shortName("bench-scoring-labelled-1.scores", "bench-scoring-labelled-1")).isEqualTo("scores");
    assertThat(TopicWrites.shortName("bench-scoring-labelled-1-batch-buffer-changelog", "bench-scoring-labelled-1"))
        .isEqualTo("batch-buffer-changelog");
    assertThat(TopicWrites.shortName("penultimate.scores", "bench-scoring-labelled-1")).isEqualTo("penultimate.scores");
  }
}
