package dev.okienko.examples;

import dev.okienko.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code okienko} command line. */
@Command(name = "okienko",
        mixinStandardHelpOptions = true,
        versionProvider = OkienkoCommand.VersionProvider.class,
        description = "Polish public e-services from the command line: identifiers, signatures, ePUAP, e-Doręczenia.",
        subcommands = {IdCommand.class, SignCommand.class, VerifyCommand.class, EpuapCommand.class, EDeliveryCommands.Lookup.class,
            EDeliveryCommands.Send.class, SimulateCommand.class, OutboxCommands.class, InboxCommands.class, CorrespondenceCommand.class,
            ConformanceCommands.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class})
public final class OkienkoCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } finally {
            StoreOptions.closeOpened();
        }
    }

    /**
     * @param out where normal output goes
     * @param err where errors and usage help on bad input go
     * @param args the command line
     * @return the exit code
     */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            StoreOptions.closeOpened();
        }
    }

    private static CommandLine commandLine() {
        return new CommandLine(new OkienkoCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    // okienko's exceptions name what went wrong: the message is the answer, not a stack trace
                    StringBuilder command = new StringBuilder();
                    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                        command.append(command.length() == 0 ? "" : " ").append(p.commandSpec().name());
                    }
                    // okienko's own exceptions and its argument checks (a missing file, a bad value) say it in words
                    boolean worded = e instanceof dev.okienko.core.OkienkoException || e.getMessage() != null
                            && (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                            || e instanceof java.io.UncheckedIOException);
                    cl.getErr().println(command + ": " + dev.okienko.core.PrintableText.of(worded ? e.getMessage() : e.toString()));
                    cl.getErr().flush();
                    return 1;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports okienko's version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"okienko " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
