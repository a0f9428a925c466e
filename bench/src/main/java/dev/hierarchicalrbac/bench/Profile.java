package dev.hierarchicalrbac.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JFR recording's {@code jdk.ExecutionSample} events, summarised: the share of samples whose stack
 * holds a frame of the extension ({@code dev.hierarchicalrbac}), and the top frames overall and
 * within those stacks.
 */
record Profile(String label, int samples, int inExtension, Map<String, Integer> topFrames,
               Map<String, Integer> extensionFrames) {

    /** Records JFR (settings=profile) in Keycloak while {@code load} runs, and summarises it. */
    static Profile record(KeycloakProcess keycloak, String label, Runnable load) throws Exception {
        Path file = java.nio.file.Files.createTempFile("bench-", ".jfr");
        java.nio.file.Files.deleteIfExists(file);
        keycloak.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
        try {
            load.run();
        } finally {
            keycloak.jcmd("JFR.stop", "name=bench");
        }
        Profile profile = summarise(label, file);
        java.nio.file.Files.deleteIfExists(file);
        Bench.log("profile %s: %d samples, %.1f%% in dev.hierarchicalrbac", label, profile.samples(),
                100.0 * profile.inExtension() / Math.max(1, profile.samples()));
        return profile;
    }

    static Profile summarise(String label, Path jfr) throws Exception {
        Process p = new ProcessBuilder("jfr", "print", "--events", "jdk.ExecutionSample", jfr.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        int samples = 0;
        int inExtension;
        Map<String, Integer> top = new LinkedHashMap<>();
        Map<String, Integer> ext = new LinkedHashMap<>();
        List<String> stack = null;
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("jdk.ExecutionSample")) {
                finish(stack, top, ext);
                stack = new ArrayList<>();
                samples++;
            } else if (stack != null && t.contains("line:")) {
                stack.add(t.replaceAll("\\s+line:.*", ""));
            }
        }
        finish(stack, top, ext);
        inExtension = ext.getOrDefault("(any frame of dev.hierarchicalrbac)", 0);
        ext.remove("(any frame of dev.hierarchicalrbac)");
        return new Profile(label, samples, inExtension, sorted(top, 15), sorted(ext, 10));
    }

    private static void finish(List<String> stack, Map<String, Integer> top, Map<String, Integer> ext) {
        if (stack == null || stack.isEmpty()) {
            return;
        }
        top.merge(stack.get(0), 1, Integer::sum);
        for (String frame : stack) {
            if (frame.startsWith("dev.hierarchicalrbac")) {
                ext.merge("(any frame of dev.hierarchicalrbac)", 1, Integer::sum);
                // The innermost frame of the extension in this stack, and what it was calling.
                ext.merge(frame + "  ←  top: " + stack.get(0), 1, Integer::sum);
                break;
            }
        }
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts, int limit) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(limit)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
