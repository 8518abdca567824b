package io.penultimate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code penultimate <command>}. */
@Command(
    name = "penultimate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Confidence of neural network predictions from the last hidden layer.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DataCommand.class,
      TrainCommand.class,
      FitCommand.class,
      EvaluateCommand.class,
      ReproduceCommand.class,
      ExportCommand.class,
      InspectCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      ProduceCommand.class
    })
public final class Penultimate implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Valid before or after any command; applied while parsing, before any logger exists. */
  @CommandLine.Option(names = "--log-level", paramLabel = "LEVEL", scope = CommandLine.ScopeType.INHERIT,
      defaultValue = "${env:" + LogLevels.ENV + "}",
      description = "trace, debug, info, warn, error or off, for every library (default: $" + LogLevels.ENV
          + ", else our warnings and the libraries' errors).")
  void logLevel(String level) {
    try {
      LogLevels.apply(level);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--log-level (or $" + LogLevels.ENV + "): " + e.getMessage());
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see 'penultimate --help'");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it with captured writers. */
  public static CommandLine commandLine() {
    return ExitCodes.configure(new CommandLine(new Penultimate()));
  }
}
