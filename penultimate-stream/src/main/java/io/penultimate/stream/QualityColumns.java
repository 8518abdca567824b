package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;
import io.penultimate.bundle.ScoreSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the rolling quality windows and of their snapshots: the served scores, in
 * {@link ScoreName} order, then the answers {@value QualitySnapshot#CONFIDENCE} and {@value
 * QualitySnapshot#TRUST}. A column's index is its position in {@link #aurocKeys}.
 */
public record QualityColumns(ScoreSelection selection) {
  /** Every score, then the two answers. */
  public static final QualityColumns ALL = new QualityColumns(ScoreSelection.ALL);

  /** The keys of a snapshot's {@code auroc}: the served scores, then confidence and trust. */
  public List<String> aurocKeys() {
    return keys(QualitySnapshot.CONFIDENCE, QualitySnapshot.TRUST);
  }

  /** The keys of a snapshot's {@code ece}: the served scores, then confidence (trust is not a P(correct)). */
  public List<String> eceKeys() {
    return keys(QualitySnapshot.CONFIDENCE);
  }

  public int size() {
    return selection.served().size() + 2;
  }

  private List<String> keys(String... answers) {
    List<String> keys = new ArrayList<>();
    selection.served().forEach(score -> keys.add(score.key()));
    keys.addAll(List.of(answers));
    return List.copyOf(keys);
  }
}
