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
record Profile(String client, int samples, int inExtension, Map<String, Integer> topFrames,
               Map<String, Integer> extensionFrames) {

    static Profile summarise(String client, Path jfr) throws Exception {
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
        return new Profile(client, samples, inExtension, sorted(top, 15), sorted(ext, 10));
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
