package dev.otpkit.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code otpkit} command. */
@Command(
    name = "otpkit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Entropy, one-time salts and tokens for the messages between a web UI and its backend.",
    subcommands = {DemoCommand.class, EntropyCommand.class, HealthCommand.class, SimulateCommand.class, WhitenCommand.class,
        KeygenCommand.class, KeysetCommand.class, SealCommand.class, OpenCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: usage on stderr, usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }


  /** Exit code of a rejected or failed operation. */
  static final int FAILED = 1;
  /** Exit code of a usage error (unknown option, bad value). */
  static final int USAGE = 2;
  /** Exit code of a bug in otpkit itself. */
  static final int INTERNAL = 70;

  public static void main(String[] args) {
    // stdout stays a raw, unbuffered-by-PrintStream stream: entropy output is binary, and a closed
    // pipe must surface as an IOException rather than be swallowed by PrintStream.
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, new Io(new FileInputStream(FileDescriptor.in), out, err, Endpoint.of(1), Endpoint.of(2))));
  }

  /** Runs the command line with the given streams (stdout and stderr taken as files) and returns the exit code. */
  public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
    return run(args, new Io(in, out, err, Endpoint.OTHER, Endpoint.OTHER));
  }

  static int run(String[] args, Io io) {
    PrintStream err = io.err();
    CommandLine cli = new CommandLine(new Main(), new Factory(io));
    cli.setOut(new java.io.PrintWriter(io.text(), true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> usage(err, e.getMessage(), e.getCommandLine()));
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      if (e instanceof UsageException) {
        return usage(err, e.getMessage(), c);
      }
      if (e instanceof IllegalArgumentException || e instanceof dev.otpkit.entropy.EntropyException
          || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
        err.println("otpkit: " + oneLine(e.getMessage()));
        return FAILED;
      }
      err.println("otpkit: internal error (" + e.getClass().getSimpleName() + "): " + oneLine(e.getMessage()));
      return INTERNAL;
    });
    int exit = cli.execute(args);
    if (exit == 0 && io.text().checkError()) {
      // PrintStream keeps write errors to itself; text that did not reach stdout is a failure
      err.println("otpkit: cannot write to stdout");
      return FAILED;
    }
    return exit;
  }

  /** One line: what is wrong and where the usage is. */
  private static int usage(PrintStream err, String message, CommandLine c) {
    err.println("otpkit: " + oneLine(message) + " (see 'otpkit " + commandPath(c) + "--help')");
    return USAGE;
  }

  private static String commandPath(CommandLine c) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
      sb.insert(0, p.getCommandName() + " ");
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    return s == null ? "(no detail)" : s.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * The streams a command talks through; injected so tests run commands in-process. {@code text}
   * is stdout for text (UTF-8, checked for write errors once the command returns); binary output
   * goes to {@code out} directly, where a write error is an exception.
   */
  record Io(InputStream in, OutputStream out, PrintStream err, PrintStream text, Endpoint stdout,
      Endpoint stderr) {

    Io(InputStream in, OutputStream out, PrintStream err, Endpoint stdout, Endpoint stderr) {
      this(in, out, err, new PrintStream(out, true, StandardCharsets.UTF_8), stdout, stderr);
    }
  }

  /** Hands every command the same {@link Io}. */
  private static final class Factory implements CommandLine.IFactory {
    private final Io io;

    Factory(Io io) {
      this.io = io;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Io.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(io));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** Version from the jar manifest (Implementation-Version, set by the build); none when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"otpkit " + (v == null ? "development build" : v)};
    }
  }
}
