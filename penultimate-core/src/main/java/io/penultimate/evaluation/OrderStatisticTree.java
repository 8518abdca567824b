package io.penultimate.evaluation;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multiset of doubles that counts values below and equal to a query in O(log n) expected time: a treap (randomised balanced binary search tree) with one node per distinct
 * value, its multiplicity, and the total count of its subtree. Priorities come from a seeded
 * generator, so the shape, and the running time, are reproducible.
 */
final class OrderStatisticTree {
  private static final class Node {
    final double key;
    final long priority;
    int count;
    int size;
    Node left;
    Node right;

    Node(double key, long priority) {
      this.key = key;
      this.priority = priority;
      this.count = 1;
      this.size = 1;
    }
  }

  private final SplittableRandom priorities = new SplittableRandom(0x5eed);
  private Node root;
  /** Set by {@link #delete} when it finds the value: {@link #remove}'s answer. */
  private boolean removed;

  int size() {
    return size(root);
  }

  void add(double key) {
    root = insert(root, key);
  }

  /**
   * Removes one occurrence; returns false when the value is not present. One descent: the
   * deletion itself notes whether it found the value.
   */
  boolean remove(double key) {
    removed = false;
    root = delete(root, key);
    return removed;
  }

  /**
   * 2 · #{values < key} + #{values = key}, in one descent: the doubled Mann–Whitney count of a key
   * against this multiset, ties counted as half.
   */
  long doubledRank(double key) {
    long less = 0;
    Node node = root;
    while (node != null) {
      int c = Double.compare(key, node.key);
      if (c == 0) {
        return 2 * (less + size(node.left)) + node.count;
      }
      if (c < 0) {
        node = node.left;
      } else {
        less += size(node.left) + node.count;
        node = node.right;
      }
    }
    return 2 * less;
  }

  /** Every value in ascending order, each as often as it occurs, by one in-order walk. */
  double[] sorted() {
    double[] out = new double[size()];
    ArrayDeque<Node> path = new ArrayDeque<>();
    int filled = 0;
    Node node = root;
    while (node != null || !path.isEmpty()) {
      for (; node != null; node = node.left) {
        path.push(node);
      }
      node = path.pop();
      Arrays.fill(out, filled, filled + node.count, node.key);
      filled += node.count;
      node = node.right;
    }
    return out;
  }

  private Node insert(Node node, double key) {
    if (node == null) {
      return new Node(key, priorities.nextLong());
    }
    int c = Double.compare(key, node.key);
    if (c == 0) {
      node.count++;
    } else if (c < 0) {
      node.left = insert(node.left, key);
      if (node.left.priority > node.priority) {
        node = rotateRight(node);
      }
    } else {
      node.right = insert(node.right, key);
      if (node.right.priority > node.priority) {
        node = rotateLeft(node);
      }
    }
    update(node);
    return node;
  }

  private Node delete(Node node, double key) {
    if (node == null) {
      return null;
    }
    int c = Double.compare(key, node.key);
    if (c < 0) {
      node.left = delete(node.left, key);
    } else if (c > 0) {
      node.right = delete(node.right, key);
    } else if (node.count > 1) {
      removed = true;
      node.count--;
    } else if (node.left == null) {
      removed = true;
      return node.right;
    } else if (node.right == null) {
      removed = true;
      return node.left;
    } else if (node.left.priority > node.right.priority) {
      node = rotateRight(node);
      node.right = delete(node.right, key);
    } else {
      node = rotateLeft(node);
      node.left = delete(node.left, key);
    }
    update(node);
    return node;
  }

  private static Node rotateRight(Node node) {
    Node left = node.left;
    node.left = left.right;
    left.right = node;
    update(node);
    update(left);
    return left;
  }

  private static Node rotateLeft(Node node) {
    Node right = node.right;
    node.right = right.left;
    right.left = node;
    update(node);
    update(right);
    return right;
  }

  private static void update(Node node) {
    node.size = node.count + size(node.left) + size(node.right);
  }

  private static int size(Node node) {
    return node == null ? 0 : node.size;
  }
}
