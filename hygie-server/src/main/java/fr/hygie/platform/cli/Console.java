package fr.hygie.platform.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The terminal of a subcommand: what the user asked for goes to {@code out}, problems to {@code err}.
 * The server itself never prints; it logs.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    public Console(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The process's own standard output and error. */
    public static Console system() {
        return new Console(
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                java.lang.System.console() != null);
    }

    public void println(String line) {
        out.println(line);
    }

    public void printf(String format, Object... args) {
        out.printf(format, args);
    }

    public void error(String line) {
        err.println(line);
    }

    /** A progress bar redrawn in place on a terminal, a line every 10 % otherwise (CI logs). */
    public Progress progress(String label, long total) {
        return new Progress(label, total);
    }

    public final class Progress {
        private final String label;
        private final long total;
        private long done;
        private int lastShown = -1;

        private Progress(String label, long total) {
            this.label = label;
            this.total = Math.max(total, 1);
        }

        public void advance(long n) {
            done += n;
            int percent = (int) Math.min(100, done * 100 / total);
            if (interactive && percent != lastShown) {
                int width = 30;
                int filled = percent * width / 100;
                out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + percent + " %");
                out.flush();
                lastShown = percent;
            } else if (!interactive && percent / 10 != lastShown / 10) {
                out.println(label + " " + percent + " %");
                lastShown = percent;
            }
        }

        public void finish() {
            if (interactive) {
                out.println();
            }
        }
    }
}
