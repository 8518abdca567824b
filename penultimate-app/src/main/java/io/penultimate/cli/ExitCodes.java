package io.penultimate.cli;

import java.io.PrintWriter;
import java.util.List;
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

  /**
   * Unknown options are named first, even when the parser stopped at another problem (a required
   * option missing, a bad value): a mistyped flag is the likelier cause of both. Only what looks
   * like an option is named, not the values that followed it.
   */
  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    List<String> unknown = cli.getUnmatchedArguments().stream().filter(arg -> arg.startsWith("-")).toList();
    CommandLine.ParameterException first = unknown.isEmpty() ? e : new CommandLine.UnmatchedArgumentException(cli, unknown);
    String message = oneLine(first.getMessage());
    if (first instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      message += (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
          + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')";
    }
    cli.getErr().println("penultimate: " + message);
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
