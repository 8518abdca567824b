package io.penultimate.stream;

/**
 * The monitor's principal lacks one of the ACLs it needs ({@link MonitorAcls}); the message is one
 * line naming the operation, the resource and the principal, and pointing to the documented list.
 * The CLI turns it into exit code 1.
 */
public final class NotAuthorisedException extends RuntimeException {
  NotAuthorisedException(MonitorAcls.Acl missing, String principal) {
    super("not authorised to " + missing.operation() + " " + missing.resource() + " as " + principal
        + ": grant it (see docs/deploy.md#acls)");
  }

  /** A refusal that names no ACL of the list (a cluster operation, say); {@code message} says what was refused. */
  NotAuthorisedException(String message) {
    super(message);
  }
}
