package dev.cordon.policy;

import dev.cordon.policy.load.DocumentReader;
import dev.cordon.policy.load.ParsedPolicy;
import dev.cordon.policy.load.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads, validates and compiles a policy file (spec 2). Every problem is reported at once. */
public final class PolicyLoader {
    private PolicyLoader() { }

    /** Files ending ".json" (any case) are JSON, others YAML; relative paths resolve against the file's folder. */
    public static Policy load(Path file) throws PolicyException, IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean json = file.getFileName() != null
            && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, file.toString(), json, dir);
    }

    /**
     * @param fileName  how problems name the file
     * @param baseDir   folder that relative globs and paths resolve against; null = working directory
     */
    public static Policy parse(String text, String fileName, boolean json, Path baseDir) throws PolicyException {
        Path base = (baseDir == null ? Path.of("") : baseDir).toAbsolutePath().normalize();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Problems problems = new Problems(fileName);
        ParsedPolicy parsed = DocumentReader.read(t, json, base, problems);
        if (parsed == null || !problems.isEmpty()) {
            throw new PolicyException(problems.sorted());
        }
        return new Policy(parsed);
    }
}
