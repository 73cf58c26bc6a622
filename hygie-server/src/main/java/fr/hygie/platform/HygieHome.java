package fr.hygie.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where one Hygie installation keeps its state: embedded database, keys, document store,
 * run files. {@code HYGIE_HOME} (property {@code hygie.home}) sets it; the default is {@code ./data}.
 */
public record HygieHome(Path root) {

    public HygieHome {
        root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create HYGIE_HOME " + root, e);
        }
    }

    /** A sub-folder, created when missing. */
    public Path dir(String name) {
        Path p = root.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + p, e);
        }
        return p;
    }
}
