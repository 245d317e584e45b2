package io.zkinfer.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of {@code ./bench NAME [args]}: runs one named end-to-end benchmark in this
 * JVM, warm-up included, prints progress to stderr and, as the last line of stdout, one JSON
 * object of figures.
 *
 * <p>Exit status: 0 on success, 1 when the benchmark failed, 2 for a usage error (an unknown
 * name, a bad argument).
 *
 * <p>To add a benchmark: write a {@code @Command} class whose {@code call()} returns its figures
 * as a {@code Map<String, Object>} (insertion-ordered), and list it in {@code subcommands} below.
 */
@Command(
        name = "bench",
        description = "Runs one named end-to-end benchmark; the last stdout line is a JSON object of figures.",
        subcommands = {FieldFigures.class, PcsBench.class, LayerBench.class, CommitmentBench.class, ModelBench.class,
                OnnxConformanceBench.class})
public final class Bench implements Callable<Map<String, Object>> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** The {@code -h/--help} option, mixed into every command. */
    static final class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    @Mixin
    Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, Object> call() {
        throw new ParameterException(spec.commandLine(), "name a benchmark.");
    }

    /** Where {@link #progress} writes: stderr, or the error writer given to {@link #run}. */
    private static volatile PrintWriter progressSink = new PrintWriter(System.err, true);

    /** Progress and notes go to stderr, so that stdout holds only the figures. */
    static void progress(String message) {
        PrintWriter sink = progressSink;
        sink.println("[bench] " + message);
        sink.flush();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Parses {@code args}, runs the named benchmark, prints its figures to {@code out}; the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Bench());
        cli.setOut(out);
        cli.setErr(err);
        progressSink = err;
        cli.setParameterExceptionHandler(Bench::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BenchUnavailableException || e instanceof IllegalArgumentException
                    || e instanceof io.zkinfer.model.ModelException || e instanceof java.io.IOException) {
                // A benchmark the code cannot run as asked: say why, no stack trace.
                cmd.getErr().println("bench " + cmd.getCommandName() + ": " + e.getMessage());
            } else {
                cmd.getErr().println("bench " + cmd.getCommandName() + " failed:");
                e.printStackTrace(cmd.getErr());
            }
            return EXIT_FAILED;
        });
        cli.setExecutionStrategy(parsed -> {
            int status = new CommandLine.RunLast().execute(parsed);
            if (status != 0) {
                return status;
            }
            // Print the figures of the command that ran (help prints nothing here).
            CommandLine last = parsed.asCommandLineList().getLast();
            Object figures = last.getExecutionResult();
            if (figures instanceof Map<?, ?> map) {
                out.println(toJson(map));
                out.flush();
            }
            return 0;
        });
        return cli.execute(args);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        boolean topLevel = cmd.getParent() == null;
        if (topLevel && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            err.println("bench: unknown benchmark '" + u.getUnmatched().getFirst() + "'");
        } else {
            err.println("bench: " + e.getMessage());
        }
        if (topLevel) {
            err.println("Benchmarks: " + String.join(", ", cmd.getSubcommands().keySet()));
        }
        err.println();
        cmd.usage(err);
        err.flush();
        return EXIT_USAGE;
    }

    static String toJson(Map<?, ?> figures) {
        try {
            return new ObjectMapper().writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figures are not serializable: " + e.getMessage(), e);
        }
    }
}
