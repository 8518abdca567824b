package io.penultimate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The documented exit codes: 0 success, 1 failure (bad file content, failed run), 2 usage error
 * (unknown flag, bad value). Both errors print exactly one line on stderr.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private ExitCodes() {}

  static CommandLine configure(CommandLine cli) {
    cli.setParameterExceptionHandler(ExitCodes::onUsageError);
    cli.setExecutionExceptionHandler(ExitCodes::onFailure);
    return cli;
  }

  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    e.getCommandLine().getErr().println("penultimate: " + oneLine(e.getMessage()));
    return USAGE;
  }

  private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof UsageException) {
      err.println("penultimate: " + oneLine(e.getMessage()));
      return USAGE;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("penultimate: " + oneLine(message));
    if (System.getenv("PENULTIMATE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return FAILURE;
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
