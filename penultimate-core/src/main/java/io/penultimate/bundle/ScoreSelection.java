package io.penultimate.bundle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The scores a monitor serves: computed for every event, written on its scored record and ranked
 * in the rolling quality. The three answers are always served, so the scores they read are always
 * computed ({@link #computed}), served or not. Serving fewer saves their cost per event (at width
 * 512 the Gaussian ones dominate the scorer) and their columns in the rolling windows.
 *
 * @param served in {@link ScoreName} order, at least one
 */
public record ScoreSelection(List<ScoreName> served) {
  /** Every score. */
  public static final ScoreSelection ALL = new ScoreSelection(List.of(ScoreName.values()));

  public ScoreSelection {
    if (served.isEmpty()) {
      throw new IllegalArgumentException("serve at least one score");
    }
    EnumSet<ScoreName> ordered = EnumSet.copyOf(served);
    served = List.copyOf(ordered);
  }

  /**
   * {@code all}, or score keys separated by commas ({@code softmax,gmm,vim}).
   *
   * @throws IllegalArgumentException naming an unknown key and the known ones
   */
  public static ScoreSelection parse(String text) {
    if (text.strip().equals("all")) {
      return ALL;
    }
    List<ScoreName> scores = new ArrayList<>();
    for (String key : text.split(",")) {
      scores.add(ScoreName.byKey(key.strip()));
    }
    return new ScoreSelection(scores);
  }

  public boolean serves(ScoreName score) {
    return served.contains(score);
  }

  /**
   * What the scorer computes for these served scores under {@code bundle}: them, the features of
   * the confidence and the detectors of the OOD p-value, and, when the primary score is among
   * those, the densities it reads. Indexed by {@link ScoreName#ordinal()}.
   */
  public boolean[] computed(EncoderBundle bundle) {
    Set<ScoreName> needed = EnumSet.copyOf(served);
    Answers answers = bundle.answers();
    needed.addAll(answers.confidence().features());
    needed.addAll(answers.oodPValue().detectors());
    if (needed.contains(ScoreName.PRIMARY)) {
      needed.add(PrimaryScore.BULK_DENSITY);
      bundle.primary().gate().forEach(tail -> needed.add(tail.density()));
    }
    // the max softmax is read from the logits whatever is served: computing it costs nothing
    needed.add(ScoreName.SOFTMAX);
    boolean[] computed = new boolean[ScoreName.values().length];
    needed.forEach(score -> computed[score.ordinal()] = true);
    return computed;
  }

  /** {@code all}, or the served keys separated by commas. */
  @Override
  public String toString() {
    return equals(ALL) ? "all" : String.join(",", served.stream().map(ScoreName::key).toList());
  }
}
