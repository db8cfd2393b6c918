package dev.okienko.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code okienko demo}: the end-to-end demo against the embedded test services. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the end-to-end demo against okienko's embedded test services (nothing leaves this machine).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return new Demo(spec.commandLine().getOut()).run() ? 0 : 1;
    }
}
