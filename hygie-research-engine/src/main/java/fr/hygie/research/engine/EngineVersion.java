package fr.hygie.research.engine;

/** Version written into every manifest; bump with any change that can change outputs. */
public final class EngineVersion {

    public static final String VERSION = "0.1.0";

    private EngineVersion() {
    }
}
