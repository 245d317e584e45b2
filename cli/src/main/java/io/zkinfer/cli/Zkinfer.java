package io.zkinfer.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zkinfer} command: compile an ONNX model, commit to it, prove inferences, verify and
 * inspect proofs. Exit status: 0 success (VALID for verify), 1 INVALID, 2 unusable input or a
 * bad argument, 3 an internal error (a bug: please report it). Errors are one line on stderr,
 * never a stack trace.
 */
@Command(name = "zkinfer", mixinStandardHelpOptions = true, version = "zkinfer 0.1.0",
        description = "Zero-knowledge proofs of ML inference: compile an ONNX model, commit to its weights (and a "
                + "data owner to an input), prove an inference, verify the proof.",
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer compile model.onnx --calibration calib.csv -o model.zkm",
            "  zkinfer commit model.zkm -o keys/",
            "  zkinfer commit-input --model model.zkm --input input.json --commitment in.zkic --secret in.zkis",
            "  zkinfer prove --model model.zkm --secret keys/model.secret \\",
            "      --input-secret in.zkis -o proof.zkp",
            "  zkinfer verify --vk keys/model.vk --proof proof.zkp --input-commitment in.zkic",
            "",
            "Exit status: 0 success (VALID), 1 INVALID, 2 unusable input or bad arguments, 3 internal error."})
public final class Zkinfer implements Runnable {
    /** Exit status for a proof that does not verify. */
    static final int INVALID = 1;
    /** Exit status for unusable input and bad arguments. */
    static final int USAGE = 2;
    /** Exit status for an internal error. */
    static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(CompileCommand.class, CommitCommand.class,
            CommitInputCommand.class, ProveCommand.class, VerifyCommand.class, InspectCommand.class, DemoCommand.class);

    /** The command line with zkinfer's error handling: one line per error, exit status 2 or 3. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * {@link #newCommandLine()} for running {@code argv}: with only the subcommand it names, when
     * it names one. Picocli builds every registered subcommand's model by reflection, which takes
     * a cold {@code zkinfer verify} some 90 ms for the six it does not run; help, a version or a
     * mistyped command get them all.
     */
    static CommandLine newCommandLine(String[] argv) {
        CommandLine cl = new CommandLine(new Zkinfer());
        String named = argv.length > 0 ? argv[0] : "";
        boolean one = COMMANDS.stream().anyMatch(c -> name(c).equals(named));
        for (Class<?> c : COMMANDS) {
            if (!one || name(c).equals(named)) {
                cl.addSubcommand(name(c), c);
            }
        }
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("zkinfer: " + oneLine(e.getMessage()) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UsageException || e instanceof io.zkinfer.model.ModelException
                    || e instanceof io.zkinfer.sumcheck.binding.InvalidCommitmentException
                    || e instanceof io.zkinfer.sumcheck.circuit.ProofException
                    || e instanceof IllegalArgumentException) {
                c.getErr().println("zkinfer: " + oneLine(e.getMessage()));
                c.getErr().flush();
                return USAGE;
            }
            c.getErr().println("zkinfer: internal error (please report it): " + e.getClass().getSimpleName() + ": "
                    + oneLine(String.valueOf(e.getMessage())));
            c.getErr().flush();
            return INTERNAL;
        });
        return cl;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** A message on one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(args).execute(args));
    }
}
