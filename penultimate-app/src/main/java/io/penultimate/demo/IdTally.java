package io.penultimate.demo;

import java.util.BitSet;

/**
 * Counts how often each of the ids {@code prefix + 0} .. {@code prefix + (expected - 1)} was seen,
 * in one bit per id rather than a set of strings: a soak's millions of ids must not grow the heap
 * it measures.
 */
final class IdTally {
  /**
   * What a topic held against what was sent.
   *
   * @param missing expected ids never seen (lost)
   * @param duplicated records beyond the first of an id
   * @param unexpected records whose id is not one of the expected
   */
  record Counts(long expected, long records, long missing, long duplicated, long unexpected) {
    boolean exact() {
      return missing == 0 && duplicated == 0 && unexpected == 0;
    }
  }

  private final String prefix;
  private final int expected;
  private final BitSet seen;
  private long records;
  private long duplicated;
  private long unexpected;

  IdTally(String prefix, int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected ids must not be negative, found " + expected);
    }
    this.prefix = prefix;
    this.expected = expected;
    this.seen = new BitSet(expected);
  }

  void add(String id) {
    records++;
    int index = index(id);
    if (index < 0) {
      unexpected++;
    } else if (seen.get(index)) {
      duplicated++;
    } else {
      seen.set(index);
    }
  }

  Counts counts() {
    return new Counts(expected, records, expected - seen.cardinality(), duplicated, unexpected);
  }

  /** The id's index, or -1 when it is not {@code prefix} and a decimal index below {@code expected}. */
  private int index(String id) {
    if (id == null || !id.startsWith(prefix) || id.length() == prefix.length() || id.length() - prefix.length() > 10) {
      return -1;
    }
    long index = 0;
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    // "s007" is not an id the replay sends ("s7" is)
    boolean canonical = id.charAt(prefix.length()) != '0' || id.length() == prefix.length() + 1;
    return canonical && index < expected ? (int) index : -1;
  }
}
