package io.penultimate.evaluation;

import java.util.SplittableRandom;

/**
 * A multiset of doubles that counts values below, equal to and above a query in O(log n)
 * expected time: a treap (randomised balanced binary search tree) with one node per distinct
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

  int size() {
    return size(root);
  }

  void add(double key) {
    root = insert(root, key);
  }

  /** Removes one occurrence; returns false when the value is not present. */
  boolean remove(double key) {
    if (countEqual(key) == 0) {
      return false;
    }
    root = delete(root, key);
    return true;
  }

  int countLess(double key) {
    int less = 0;
    Node node = root;
    while (node != null) {
      int c = Double.compare(key, node.key);
      if (c <= 0) {
        node = node.left;
      } else {
        less += size(node.left) + node.count;
        node = node.right;
      }
    }
    return less;
  }

  int countEqual(double key) {
    Node node = root;
    while (node != null) {
      int c = Double.compare(key, node.key);
      if (c == 0) {
        return node.count;
      }
      node = c < 0 ? node.left : node.right;
    }
    return 0;
  }

  int countGreater(double key) {
    return size() - countLess(key) - countEqual(key);
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
    int c = Double.compare(key, node.key);
    if (c < 0) {
      node.left = delete(node.left, key);
    } else if (c > 0) {
      node.right = delete(node.right, key);
    } else if (node.count > 1) {
      node.count--;
    } else if (node.left == null) {
      return node.right;
    } else if (node.right == null) {
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
