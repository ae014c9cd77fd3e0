package dev.kubelab.cli;

import picocli.CommandLine;

/** Version from the build (the jar manifest), or the source tree's. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"kubelab " + VERSION, "Java " + System.getProperty("java.version")};
    }
}
