package io.zkinfer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading and writing the command's files, with one-line errors that name the file. */
final class FileIo {
    /** No file the command reads may exceed this (1 GiB): a bound on what it allocates. */
    static final long MAX_FILE = 1L << 30;

    private FileIo() {}

    /** The file's bytes. */
    static byte[] read(Path file, String what) throws UsageException {
        try {
            if (!Files.exists(file)) {
                throw new UsageException(what + " " + file + ": no such file");
            }
            if (Files.isDirectory(file)) {
                throw new UsageException(what + " " + file + ": is a directory, expected a file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new UsageException(what + " " + file + ": " + size + " bytes, more than the " + MAX_FILE
                        + " this command reads");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes((int) MAX_FILE);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(what + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new UsageException(what + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Writes {@code bytes} to {@code file}, creating its parent folders. */
    static void write(Path file, byte[] bytes, String what) throws UsageException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UsageException(what + " " + file + ": cannot be written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * Writes a private file (weights, salts, a committed input): readable by its owner only where
     * the file system has POSIX permissions, and never over an existing file unless {@code force}:
     * a secret may be the only copy of what some published commitment opens to.
     */
    static void writePrivate(Path file, byte[] bytes, String what, boolean force) throws UsageException {
        if (!force && Files.exists(file)) {
            throw new UsageException(what + " " + file + " exists and would be lost (it may be the only way to open a "
                    + "published commitment): move it away, or pass --force to replace it");
        }
        write(file, bytes, what);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's default permissions stand.
        } catch (IOException e) {
            throw new UsageException(what + " " + file + ": written, but its permissions cannot be restricted to its "
                    + "owner (" + e.getMessage() + ")");
        }
    }

    /** A compiled model file, or a one-line error naming it. */
    static io.zkinfer.prover.ModelFile model(Path file) throws UsageException {
        try {
            return io.zkinfer.prover.ModelFile.decode(read(file, "compiled model"));
        } catch (io.zkinfer.model.ModelException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /** An input commitment file (ZKIC), or a one-line error naming it. */
    static io.zkinfer.prover.InputCommitment inputCommitment(Path file) throws UsageException {
        try {
            return io.zkinfer.prover.InputCommitment.decode(read(file, "input commitment"));
        } catch (io.zkinfer.sumcheck.binding.InvalidCommitmentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /** SHA-256 in hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
