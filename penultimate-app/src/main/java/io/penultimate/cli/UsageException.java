package io.penultimate.cli;

/** A flag value that parses but makes no sense (exit code 2), e.g. a seed list with no seeds. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
