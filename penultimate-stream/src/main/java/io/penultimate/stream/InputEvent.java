package io.penultimate.stream;

import java.util.OptionalInt;

/** One event to score: its id, the model's input vector, and optionally its true label. */
public record InputEvent(String id, float[] features, OptionalInt label, long timestamp) {}
